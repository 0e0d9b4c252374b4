//! What each column allows in a Row, an Insert and an Update: nullability, whether it can
//! be written, whether an Insert must carry it. Planned once for the JSON Schema and Rust targets,
//! so both describe the same contract.

use crate::model::{Catalog, Column, Identity, Relation, TypeRef};
use crate::plan::rules::{self, ValueRules};
use crate::plan::shape::{self, Precision, Presence};

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

/// Everything the targets need to know about one column, from [`crate::plan::shape`] (the
/// rules every target shares) in its precise mode.
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
    /// Its role in an Insert.
    pub insert: InsertRole,
    /// Whether an Insert may send NULL.
    pub insert_nullable: bool,
    /// Whether an Update may set it.
    pub update: bool,
    /// Whether an Update may set it to NULL.
    pub update_nullable: bool,
}

/// The shapes of a relation's columns, in attribute order.
pub fn shapes<'a>(catalog: &Catalog, rel: &'a Relation) -> Vec<ColumnShape<'a>> {
    shapes_with(catalog, rel, &mut |ty| rules::type_rules(catalog, ty))
}

/// [`shapes`], each column type's rules ([`rules::type_rules`]) asked of `type_rules`
/// (which may keep them: many columns have one type).
pub fn shapes_with<'a>(
    catalog: &Catalog,
    rel: &'a Relation,
    type_rules: &mut dyn FnMut(&'a TypeRef) -> ValueRules,
) -> Vec<ColumnShape<'a>> {
    let shape = |c| shape(catalog, rel, c, type_rules(&c.ty));
    rel.columns.iter().map(shape).collect()
}

/// The shape of column `c` of `rel`, whose type has `type_rules`.
fn shape<'a>(
    catalog: &Catalog,
    rel: &Relation,
    c: &'a Column,
    type_rules: ValueRules,
) -> ColumnShape<'a> {
    let rules = rules::with_column_checks(type_rules, rel, c);
    let p = Precision::Precise;
    let nullable = shape::row_nullable(catalog, rel, c, p);
    let read_only = c.generated.is_some() || c.identity == Some(Identity::Always);
    let ins = shape::insert_field(catalog, rel, c, p);
    let upd = shape::update_field(catalog, rel, c, p);
    let defaulted = !rel.kind.is_table()
        || c.default.is_some()
        || c.identity.is_some()
        || shape::type_has_default(catalog, &c.ty);
    let insert = match ins.presence {
        Presence::Forbidden => InsertRole::Absent,
        Presence::Required => InsertRole::Required,
        Presence::Optional => InsertRole::Optional {
            absent_is_not_null: defaulted,
        },
    };
    ColumnShape {
        column: c,
        rules,
        nullable,
        read_only,
        insert,
        insert_nullable: ins.nullable,
        update: upd.presence != Presence::Forbidden,
        update_nullable: upd.nullable,
    }
}
