//! What each column allows in a Row, an Insert and an Update: nullability, whether it can
//! be written, whether an Insert must carry it. Shared by the JSON Schema and Rust targets,
//! so both describe the same contract.

use crate::emit::rules::{self, ValueRules};
use crate::model::{Catalog, Column, Identity, Relation};

/// How a column takes part in an Insert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertRole {
    /// Cannot be written (generated, identity ALWAYS, a non-updatable view column).
    Absent,
    /// Must be given: NOT NULL (by the column or its domain) with no default of any kind.
    Required,
    /// May be left out.
    Optional {
        /// Leaving it out is not the same as sending NULL (a default, an identity or a view
        /// column whose base table may have a default).
        absent_is_not_null: bool,
    },
}

/// Everything the targets need to know about one column.
#[derive(Debug, Clone)]
pub struct ColumnShape<'a> {
    /// The column.
    pub column: &'a Column,
    /// The rules for its non-null values.
    pub rules: ValueRules,
    /// Whether a Row can hold NULL here.
    pub nullable: bool,
    /// Generated or identity ALWAYS: read-only.
    pub read_only: bool,
    /// Whether INSERT and UPDATE may set it.
    pub writable: bool,
    /// Its role in an Insert.
    pub insert: InsertRole,
}

/// The shapes of a relation's columns, in attribute order.
pub fn shapes<'a>(catalog: &Catalog, rel: &'a Relation) -> Vec<ColumnShape<'a>> {
    rel.columns
        .iter()
        .map(|c| shape(catalog, rel, c))
        .collect()
}

fn shape<'a>(catalog: &Catalog, rel: &Relation, c: &'a Column) -> ColumnShape<'a> {
    let rules = rules::column_rules(catalog, rel, c);
    let nullable = column_nullable(catalog, rel, c, &rules);
    let read_only = c.generated.is_some() || c.identity == Some(Identity::Always);
    let writable = !read_only && c.updatable;
    let has_default = c.default.is_some() || c.identity.is_some() || rules.has_default;
    let insert = if !writable {
        InsertRole::Absent
    } else if !rel.kind.is_table() {
        // A view passes an omitted column on as the base table's default.
        InsertRole::Optional {
            absent_is_not_null: true,
        }
    } else if has_default {
        InsertRole::Optional {
            absent_is_not_null: true,
        }
    } else if nullable {
        InsertRole::Optional {
            absent_is_not_null: false,
        }
    } else {
        InsertRole::Required
    };
    ColumnShape {
        column: c,
        rules,
        nullable,
        read_only,
        writable,
        insert,
    }
}

/// Whether a Row can hold NULL in this column: not when the column or a domain in its chain
/// is NOT NULL, nor for a view column that passes a NOT NULL column through unchanged.
pub fn column_nullable(catalog: &Catalog, rel: &Relation, c: &Column, rules: &ValueRules) -> bool {
    if !c.nullable || (rules.not_null && c.ty.array_dims == 0) {
        return false;
    }
    rel.kind.is_table() || !passes_not_null(catalog, c, 0)
}

fn passes_not_null(catalog: &Catalog, c: &Column, depth: usize) -> bool {
    let Some(src) = c.source.as_ref().filter(|s| s.exact) else {
        return false;
    };
    if src.source_not_null {
        return true;
    }
    depth < 16
        && catalog
            .relation(&src.schema, &src.relation)
            .filter(|r| !r.kind.is_table())
            .and_then(|r| r.column(&src.column))
            .is_some_and(|sc| passes_not_null(catalog, sc, depth + 1))
}
