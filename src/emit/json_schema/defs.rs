//! The `$defs` entries, each written into the document as it is made: relations' Row,
//! Insert and Update (column by column, see [`super::property`]), enums, composites and
//! domains, and the shared value schemas of built-in types.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::property::{self, Extras, TypedCache};
use super::values::{nullable, value_schema};
use super::{Def, Shared, def_ref, definitions, value_key};
use crate::model::{Catalog, Relation, TypeDef, TypeKind, TypeRef};
use crate::plan::columns::{self, ColumnShape, InsertRole};
use crate::plan::rules;
use crate::plan::types::Direction;
use crate::print::json::Object;

/// Where a document's `$ref`s to the definitions point: its own `$defs`
/// ([`OwnDefs`]), or where another document (OpenAPI's `components.schemas`) keeps them.
pub trait Refs {
    /// The `$ref` to the entry `key`.
    fn to(&self, key: &str) -> String;
    /// Points `value`'s `$ref`s to `#/$defs/...` where the entries are.
    fn rewrite(&self, value: &mut Value);
}

/// References into the document's own `$defs`.
pub struct OwnDefs;

impl Refs for OwnDefs {
    fn to(&self, key: &str) -> String {
        def_ref(key)
    }

    fn rewrite(&self, _: &mut Value) {}
}

/// Writes `$defs` entries one at a time, keeping the column shapes of the last relation: a
/// relation's Insert, Row and Update usually come one after another in key order.
pub struct Definitions<'c, 'r> {
    catalog: &'c Catalog,
    refs: &'r dyn Refs,
    /// The last relation's column shapes, and their indices in column name order.
    last: Option<(&'c Relation, Vec<ColumnShape<'c>>, Vec<usize>)>,
    shared: BTreeMap<String, Shared<'c>>,
    typed: TypedCache<'c>,
}

impl<'c, 'r> Definitions<'c, 'r> {
    /// A writer of `catalog`'s entries, referring to each other through `refs`; `shared`
    /// are its [`shared_values`](super::shared_values).
    pub fn new(
        catalog: &'c Catalog,
        shared: BTreeMap<String, Shared<'c>>,
        refs: &'r dyn Refs,
    ) -> Self {
        Self {
            catalog,
            refs,
            last: None,
            shared,
            typed: TypedCache::default(),
        }
    }

    /// The entries' keys, sorted, with what each is made from (see [`definitions`]).
    pub fn entries(&self) -> Vec<(String, Def<'c>)> {
        definitions(self.catalog, &self.shared)
    }

    /// Writes the entry `def` as `name` into `defs` (nothing when it has no schema).
    pub fn write(&mut self, defs: &mut Object<'_>, name: &str, def: Def<'c>) {
        let catalog = self.catalog;
        let value = match def {
            Def::Row(rel) | Def::Insert(rel) | Def::Update(rel) => {
                if !matches!(&self.last, Some((r, ..)) if std::ptr::eq(*r, rel)) {
                    let shapes = columns::shapes(catalog, rel);
                    let mut by_name: Vec<usize> = (0..shapes.len()).collect();
                    by_name.sort_by(|a, b| shapes[*a].column.name.cmp(&shapes[*b].column.name));
                    self.last = Some((rel, shapes, by_name));
                }
                let (shapes, by_name) = self
                    .last
                    .as_ref()
                    .map_or((&[][..], &[][..]), |(_, s, o)| (s.as_slice(), o.as_slice()));
                let mut relation = Columns {
                    catalog,
                    refs: self.refs,
                    shared: &self.shared,
                    typed: &mut self.typed,
                    rel,
                    shapes,
                    by_name,
                };
                let mut object = defs.object(name);
                match def {
                    Def::Row(_) => relation.row(&mut object),
                    Def::Insert(_) => relation.write(&mut object, true),
                    _ => relation.write(&mut object, false),
                }
                object.end();
                return;
            }
            Def::Type(t) => type_def(catalog, t),
            Def::Value(ty, null_ok) => self
                .shared
                .get(&value_key(ty, false))
                .map(|s| shared_def(s, null_ok)),
        };
        if let Some(mut v) = value {
            self.refs.rewrite(&mut v);
            defs.entry(name, &v);
        }
    }
}

/// One relation's columns being written as a Row, Insert or Update.
struct Columns<'a, 'c> {
    catalog: &'c Catalog,
    refs: &'a dyn Refs,
    shared: &'a BTreeMap<String, Shared<'c>>,
    typed: &'a mut TypedCache<'c>,
    rel: &'c Relation,
    shapes: &'a [ColumnShape<'c>],
    /// Indices into `shapes` in column name order.
    by_name: &'a [usize],
}

impl<'c> Columns<'_, 'c> {
    /// The Row: every column, all required.
    fn row(&mut self, object: &mut Object<'_>) {
        let included: Vec<Option<bool>> = self.shapes.iter().map(|s| Some(s.nullable)).collect();
        let required: Vec<&str> = self.shapes.iter().map(|s| s.column.name.as_str()).collect();
        self.definition(object, &included, &required, Direction::Read);
    }

    /// Insert (`insert = true`) or Update: the writable columns, nothing else.
    fn write(&mut self, object: &mut Object<'_>, insert: bool) {
        let mut included = Vec::with_capacity(self.shapes.len());
        let mut required = Vec::new();
        for shape in self.shapes {
            included.push(if insert {
                if shape.insert == InsertRole::Required {
                    required.push(shape.column.name.as_str());
                }
                (shape.insert != InsertRole::Absent).then_some(shape.insert_nullable)
            } else {
                shape.update.then_some(shape.update_nullable)
            });
        }
        self.definition(object, &included, &required, Direction::Write);
    }

    /// The entries of a Row (`Read`), Insert or Update (`Write`) object, in key order; an
    /// empty `required` is left out of a write.
    fn definition(
        &mut self,
        object: &mut Object<'_>,
        included: &[Option<bool>],
        required: &[&str],
        direction: Direction,
    ) {
        let checks = rules::untranslated_checks(self.rel);
        if !checks.is_empty() {
            let text = format!("CHECKs not expressed here: {}", checks.join("; "));
            object.string("$comment", &text);
        }
        object.bool("additionalProperties", false);
        if let Some(c) = &self.rel.comment {
            object.string("description", c);
        }
        self.properties(object, included, direction);
        if direction == Direction::Read || !required.is_empty() {
            let mut list = object.array("required");
            for name in required {
                list.string(name);
            }
            list.end();
        }
        object.string("type", "object");
    }

    /// `properties`, by column name (of two columns of one name, the later one); `included`
    /// has, per column, whether it may be null, or `None` when it is left out.
    fn properties(
        &mut self,
        object: &mut Object<'_>,
        included: &[Option<bool>],
        direction: Direction,
    ) {
        let mut props = object.object("properties");
        let mut order = self
            .by_name
            .iter()
            .filter_map(|i| Some((&self.shapes[*i], included[*i]?)))
            .peekable();
        while let Some((shape, null_ok)) = order.next() {
            let name = shape.column.name.as_str();
            if order.peek().is_some_and(|n| n.0.column.name == name) {
                continue;
            }
            let column = self
                .typed
                .get(self.catalog, self.shared, self.refs, (shape, direction));
            let extras = Extras {
                null_ok,
                direction,
                description: shape.column.comment.as_deref(),
                read_only: direction == Direction::Read && shape.read_only,
            };
            property::write(&mut props, name, &column, &extras);
        }
        props.end();
    }
}

/// The `$defs` entry of a shared value schema (`null_ok`: its nullable variant).
fn shared_def(shared: &Shared<'_>, null_ok: bool) -> Value {
    let plain = if shared.plain {
        json!({ "$ref": def_ref(&value_key(shared.ty, false)) })
    } else {
        shared.schema.clone()
    };
    if null_ok {
        nullable(plain)
    } else {
        shared.schema.clone()
    }
}

/// The `$comment` of a schema that could not say everything.
fn not_checked(m: &mut Map<String, Value>, skipped: &[String]) {
    if !skipped.is_empty() {
        m.insert(
            "$comment".into(),
            json!(format!("not checked here: {}", skipped.join("; "))),
        );
    }
}

/// The definition of an enum, composite or domain (other types have none).
fn type_def(catalog: &Catalog, t: &TypeDef) -> Option<Value> {
    let mut schema = match &t.kind {
        TypeKind::Enum { labels } => json!({"type": "string", "enum": labels}),
        TypeKind::Composite { attributes } => {
            let mut props = Map::new();
            for a in attributes {
                let r = rules::type_rules(catalog, &a.ty);
                let (s, skipped) = value_schema(catalog, &a.ty, &r, Direction::Read);
                let mut s = match nullable(s) {
                    Value::Object(m) => m,
                    _ => Map::new(),
                };
                if let Some(c) = &a.comment {
                    s.insert("description".into(), json!(c));
                }
                not_checked(&mut s, &skipped);
                props.insert(a.name.clone(), Value::Object(s));
            }
            // Postgres writes every attribute but reads a missing one as NULL.
            json!({
                "type": "object",
                "properties": props,
                "additionalProperties": false,
            })
        }
        TypeKind::Domain { .. } => {
            let ty = TypeRef {
                schema: t.schema.as_str().into(),
                name: t.name.as_str().into(),
                ..TypeRef::default()
            };
            let r = rules::type_rules(catalog, &ty);
            let (s, skipped) = value_schema(catalog, &ty, &r, Direction::Read);
            let mut m = match s {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            not_checked(&mut m, &skipped);
            Value::Object(m)
        }
        _ => return None,
    };
    if let (Some(c), Value::Object(m)) = (&t.comment, &mut schema) {
        m.insert("description".into(), json!(c));
    }
    Some(schema)
}
