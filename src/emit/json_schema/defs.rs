//! The `$defs` entries, each written into the document as it is made: relations' Row,
//! Insert and Update (column by column, see [`super::property`]), enums, composites and
//! domains, and the shared value schemas of built-in types.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::property::{Context, Extras, Properties, ValuesId};
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

/// Writes `$defs` entries one at a time, keeping what it worked out about the columns of
/// the last relation: a relation's Insert, Row and Update usually come one after another in
/// key order.
pub struct Definitions<'c, 'r> {
    catalog: &'c Catalog,
    refs: &'r dyn Refs,
    /// The last relation's columns.
    last: Option<RelationColumns<'c>>,
    shared: BTreeMap<String, Shared<'c>>,
    properties: Properties<'c>,
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
            properties: Properties::default(),
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
                let properties = &mut self.properties;
                let last = match &mut self.last {
                    Some(last) if std::ptr::eq(last.rel, rel) => last,
                    last => last.insert(RelationColumns::new(catalog, rel, properties)),
                };
                let mut relation = Columns {
                    cx: Context {
                        catalog,
                        shared: &self.shared,
                        refs: self.refs,
                    },
                    properties,
                    columns: last,
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

/// What a relation's Row, Insert and Update share about its columns.
struct RelationColumns<'c> {
    rel: &'c Relation,
    /// The column shapes, in attribute order.
    shapes: Vec<ColumnShape<'c>>,
    /// Indices into `shapes` in column name order.
    by_name: Vec<usize>,
    /// The `$comment` on the CHECKs not expressed, if any.
    checks: Option<String>,
    /// Each column's values, in attribute order.
    values: Vec<ValuesId>,
}

impl<'c> RelationColumns<'c> {
    fn new(catalog: &'c Catalog, rel: &'c Relation, properties: &mut Properties<'c>) -> Self {
        // The columns' types, in the order asked (attribute order).
        let mut types = Vec::with_capacity(rel.columns.len());
        let shapes = columns::shapes_with(catalog, rel, &mut |ty| {
            let (id, rules) = properties.type_rules(catalog, ty);
            types.push((ty, id));
            rules
        });
        let values = shapes
            .iter()
            .enumerate()
            .map(|(i, shape)| properties.values(catalog, shape, types.get(i).copied()))
            .collect();
        let mut by_name: Vec<usize> = (0..shapes.len()).collect();
        by_name.sort_by(|a, b| shapes[*a].column.name.cmp(&shapes[*b].column.name));
        let checks = rules::untranslated_checks(rel);
        let checks = (!checks.is_empty())
            .then(|| format!("CHECKs not expressed here: {}", checks.join("; ")));
        Self {
            rel,
            shapes,
            by_name,
            checks,
            values,
        }
    }
}

/// One relation's columns being written as a Row, Insert or Update.
struct Columns<'a, 'c> {
    cx: Context<'a>,
    properties: &'a mut Properties<'c>,
    columns: &'a RelationColumns<'c>,
}

impl<'c> Columns<'_, 'c> {
    /// The Row: every column, all required.
    fn row(&mut self, object: &mut Object<'_>) {
        let shapes = &self.columns.shapes;
        let included: Vec<Option<bool>> = shapes.iter().map(|s| Some(s.nullable)).collect();
        let required: Vec<&str> = shapes.iter().map(|s| s.column.name.as_str()).collect();
        self.definition(object, &included, &required, Direction::Read);
    }

    /// Insert (`insert = true`) or Update: the writable columns, nothing else.
    fn write(&mut self, object: &mut Object<'_>, insert: bool) {
        let shapes = &self.columns.shapes;
        let mut included = Vec::with_capacity(shapes.len());
        let mut required = Vec::new();
        for shape in shapes {
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
        let rel = self.columns.rel;
        if let Some(text) = &self.columns.checks {
            object.string("$comment", text);
        }
        object.bool("additionalProperties", false);
        if let Some(c) = &rel.comment {
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
        let columns = self.columns;
        let mut props = object.object("properties");
        let mut order = columns
            .by_name
            .iter()
            .filter_map(|i| Some((*i, included[*i]?)))
            .peekable();
        while let Some((i, null_ok)) = order.next() {
            let shape = &columns.shapes[i];
            let name = shape.column.name.as_str();
            if order
                .peek()
                .is_some_and(|n| columns.shapes[n.0].column.name == name)
            {
                continue;
            }
            let extras = Extras {
                null_ok,
                direction,
                description: shape.column.comment.as_deref(),
                read_only: direction == Direction::Read && shape.read_only,
            };
            let values = columns.values[i];
            self.properties
                .write(&self.cx, &mut props, name, values, &extras);
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
