//! The shape of a relation's Row, Insert and Update, shared by every emitter: which columns
//! can be null, which an insert must, may or must not give.

use crate::model::{Catalog, Column, Identity, Relation, TypeKind, TypeRef};
use crate::plan::types::domain_chain;

/// How nullability is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Everything the catalog says: NOT NULL anywhere in a domain chain, domain defaults,
    /// view columns that pass a NOT NULL column through.
    Precise,
    /// The reference generator's rules: column NOT NULL or a NOT NULL domain one level down.
    Reference,
}

/// Whether a key of an Insert or Update object must, may or must not be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Must be given.
    Required,
    /// May be left out.
    Optional,
    /// Must not be given (identity ALWAYS, generated, not updatable through a view).
    Forbidden,
}

/// A key of an Insert or Update object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Whether the key must, may or must not be given.
    pub presence: Presence,
    /// Whether `null` is accepted.
    pub nullable: bool,
}

/// True when a NOT NULL domain forbids NULL for values of `ty`.
pub fn type_not_null(catalog: &Catalog, ty: &TypeRef, precision: Precision) -> bool {
    if ty.array_dims > 0 {
        return false;
    }
    for kind in domain_chain(catalog, ty) {
        let TypeKind::Domain { base, not_null, .. } = kind else {
            break;
        };
        if *not_null {
            return true;
        }
        if precision == Precision::Reference || base.array_dims > 0 {
            return false;
        }
    }
    false
}

/// True when a domain in the chain of `ty` has a DEFAULT (so an insert may leave it out).
pub fn type_has_default(catalog: &Catalog, ty: &TypeRef) -> bool {
    if ty.array_dims > 0 {
        return false;
    }
    domain_chain(catalog, ty).into_iter().any(|kind| {
        matches!(
            kind,
            TypeKind::Domain {
                default: Some(_),
                ..
            }
        )
    })
}

/// Whether a Row value of the column can be null.
pub fn row_nullable(catalog: &Catalog, rel: &Relation, c: &Column, precision: Precision) -> bool {
    if !c.nullable || type_not_null(catalog, &c.ty, precision) {
        return false;
    }
    !(precision == Precision::Precise && !rel.kind.is_table() && passes_not_null(catalog, c, 0))
}

/// A view column that passes a NOT NULL column through unchanged (possibly through other
/// views) with nothing in between that could add NULLs.
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

/// Whether a command (`insert`: INSERT, else UPDATE) may set `c`. Through a view, INSTEAD
/// OF triggers and rules make every column writable: precisely, those of the command at
/// hand; the reference counts a trigger or rule for either command for both, and does not
/// ask whether a foreign table's columns can be written.
fn writable(rel: &Relation, c: &Column, insert: bool, precision: Precision) -> bool {
    let through = match precision {
        Precision::Precise if insert => rel.column_insertable(c),
        Precision::Precise => rel.column_updatable(c),
        Precision::Reference if rel.kind.is_table() => true,
        Precision::Reference => rel.column_insertable(c) || rel.column_updatable(c),
    };
    c.identity != Some(Identity::Always) && c.generated.is_none() && through
}

/// The Insert key of a column.
pub fn insert_field(catalog: &Catalog, rel: &Relation, c: &Column, precision: Precision) -> Field {
    if !writable(rel, c, true, precision) {
        return Field {
            presence: Presence::Forbidden,
            nullable: false,
        };
    }
    if !rel.kind.is_table() {
        // Through a view, everything writable may be left out or set to NULL.
        return Field {
            presence: Presence::Optional,
            nullable: true,
        };
    }
    let nullable = row_nullable(catalog, rel, c, precision);
    let defaulted = c.identity.is_some()
        || c.default.is_some()
        || (precision == Precision::Precise && type_has_default(catalog, &c.ty));
    let presence = if nullable || defaulted {
        Presence::Optional
    } else {
        Presence::Required
    };
    Field { presence, nullable }
}

/// The Update key of a column.
pub fn update_field(catalog: &Catalog, rel: &Relation, c: &Column, precision: Precision) -> Field {
    if !writable(rel, c, false, precision) {
        return Field {
            presence: Presence::Forbidden,
            nullable: false,
        };
    }
    let nullable = !rel.kind.is_table() || row_nullable(catalog, rel, c, precision);
    Field {
        presence: Presence::Optional,
        nullable,
    }
}
