//! A hash index of [`Catalog::types`](super::Catalog::types) by schema and name, built on the
//! first lookup. Every target looks up the type of every column several times, and most of
//! those types are built-ins that the list leaves out: a binary search compares strings about
//! ten times to find nothing, which was about a tenth of a whole run's CPU at 5,000 tables.

use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::OnceLock;

use super::TypeDef;
use crate::fast_hash::{FastBuild, FastHash};

/// Where each type is in the list, by a hash of its schema and name. Not part of the
/// snapshot; a clone starts empty, and every index compares equal (it is derived data).
#[derive(Default)]
pub struct TypeIndex {
    built: OnceLock<Built>,
}

struct Built {
    /// The list's address and length when the index was built: a list replaced or resized
    /// since is searched instead ([`super::Catalog::normalize`] also starts a new index).
    list: (usize, usize),
    /// Position by key hash; `None` where two types share a hash.
    at: HashMap<u64, Option<usize>, FastBuild>,
}

/// The hash of the schema, a byte no UTF-8 text holds, and the name.
fn key(schema: &str, name: &str) -> u64 {
    let mut h = FastHash::default();
    h.write(schema.as_bytes());
    h.write_u8(0xff);
    h.write(name.as_bytes());
    h.finish()
}

/// What the index knows of a lookup.
pub enum Found {
    /// The type is at this position (its schema and name checked).
    At(usize),
    /// The type is not in the list.
    Absent,
    /// The index cannot tell (a hash shared by two types, or a list changed since).
    Unknown,
}

impl TypeIndex {
    /// Finds `schema.name` in `types`.
    pub fn find(&self, types: &[TypeDef], schema: &str, name: &str) -> Found {
        let built = self.built.get_or_init(|| Built::new(types));
        if built.list != (types.as_ptr() as usize, types.len()) {
            return Found::Unknown;
        }
        match built.at.get(&key(schema, name)) {
            None => Found::Absent,
            Some(Some(i)) => match types.get(*i) {
                Some(t) if t.schema == schema && t.name == name => Found::At(*i),
                _ => Found::Unknown,
            },
            Some(None) => Found::Unknown,
        }
    }
}

impl Built {
    fn new(types: &[TypeDef]) -> Self {
        let mut at = HashMap::with_capacity_and_hasher(types.len(), Default::default());
        for (i, t) in types.iter().enumerate() {
            at.entry(key(&t.schema, &t.name))
                .and_modify(|slot| *slot = None)
                .or_insert(Some(i));
        }
        Built {
            list: (types.as_ptr() as usize, types.len()),
            at,
        }
    }
}

impl Clone for TypeIndex {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for TypeIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for TypeIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TypeIndex")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypeKind;

    fn def(schema: &str, name: &str) -> TypeDef {
        TypeDef {
            schema: schema.into(),
            name: name.into(),
            kind: TypeKind::Enum { labels: Vec::new() },
            comment: None,
            extension: None,
        }
    }

    #[test]
    fn finds_present_types_and_tells_absent_ones_and_changed_lists() {
        let mut types = vec![
            def("app", "mood"),
            def("public", "mood"),
            def("public", "x"),
        ];
        let index = TypeIndex::default();
        assert!(matches!(index.find(&types, "public", "mood"), Found::At(1)));
        assert!(matches!(index.find(&types, "app", "mood"), Found::At(0)));
        assert!(matches!(
            index.find(&types, "pg_catalog", "int4"),
            Found::Absent
        ));
        // Schema and name are kept apart: "ap" + "pmood" is another type.
        assert!(matches!(index.find(&types, "ap", "pmood"), Found::Absent));
        types.push(def("public", "y"));
        assert!(matches!(index.find(&types, "public", "y"), Found::Unknown));
        let fresh = TypeIndex::default();
        assert!(matches!(fresh.find(&types, "public", "y"), Found::At(3)));
    }
}
