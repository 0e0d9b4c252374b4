//! A column's entry under a Row's, Insert's or Update's `properties`: its value schema (or
//! a `$ref` to the shared one of its type), description, what could not be said, and
//! `readOnly`. Written straight into the document: most columns share their value schema
//! with many others, and most have no description, so both the schema and the entry's text
//! are worked out once and reused (see [`Properties`]).

use crate::fast_hash::FastBuild;
use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::values::value_schema;
use super::{Refs, Shared, TypeKey, value_key};
use crate::model::{Catalog, TypeRef};
use crate::plan::columns::ColumnShape;
use crate::plan::rules::{self, ValueRules};
use crate::plan::types::Direction;
use crate::print::json::{Array, Object, value_at};

/// The value schema of a type going one direction, as the document writes it.
pub struct Typed {
    /// The non-null value schema, its references as [`value_schema`] gives them.
    schema: Value,
    /// The same with its references pointing where the document keeps the definitions,
    /// when it has any.
    written: Option<Value>,
    /// What the schema cannot say.
    skipped: Vec<String>,
    /// The references to the shared value schema of the type when this is it.
    shared: Option<SharedRefs>,
}

impl Typed {
    /// The schema as the document writes it.
    fn written(&self) -> &Value {
        self.written.as_ref().unwrap_or(&self.schema)
    }
}

/// The `$ref`s of a shared value schema.
struct SharedRefs {
    /// To the non-null one, when it has an entry of its own.
    plain: Option<String>,
    /// To the nullable one.
    nullable: String,
}

/// Whether `v` has a `$ref` anywhere.
fn has_ref(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.contains_key("$ref") || m.values().any(has_ref),
        Value::Array(a) => a.iter().any(has_ref),
        _ => false,
    }
}

impl Typed {
    /// The value schema of `ty` with `rules` going `direction`.
    fn new(
        catalog: &Catalog,
        shared: &BTreeMap<String, Shared<'_>>,
        refs: &dyn Refs,
        (ty, rules, direction): (&TypeRef, &ValueRules, Direction),
    ) -> Self {
        let (schema, skipped) = value_schema(catalog, ty, rules, direction);
        let shared = if ty.schema == "pg_catalog" {
            shared
                .get(&value_key(ty, false))
                .filter(|s| s.schema == schema)
                .map(|s| SharedRefs {
                    plain: s.plain.then(|| refs.to(&value_key(ty, false))),
                    nullable: refs.to(&value_key(ty, true)),
                })
        } else {
            None
        };
        let written = has_ref(&schema).then(|| {
            let mut v = schema.clone();
            refs.rewrite(&mut v);
            v
        });
        Self {
            schema,
            written,
            skipped,
            shared,
        }
    }
}

/// The values of a column as a [`Properties`] knows them: a type and rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ValuesId(usize);

/// At most this many rule sets (a column's type's own, CHECKs of the column's own) are
/// looked for per type; past them a column's are made anew.
const MAX_VARIANTS: usize = 64;

/// What documents need in the context of a value schema: the catalog, its shared value
/// schemas and where `$ref`s point.
pub struct Context<'a> {
    /// The catalog.
    pub catalog: &'a Catalog,
    /// The [`shared_values`](super::shared_values).
    pub shared: &'a BTreeMap<String, Shared<'a>>,
    /// Where `$ref`s point.
    pub refs: &'a dyn Refs,
}

/// A column type as a [`Properties`] knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeId(usize);

/// Writes columns' properties. The columns of one type usually have the same rules (many
/// CHECKs repeat too), and most properties have no description: each type's rules are
/// worked out once, value schemas once per type, rules and direction, and a property's
/// text without description once per value schema, nullability and `readOnly`, then
/// copied.
#[derive(Default)]
pub struct Properties<'c> {
    /// Type to its index in `types`.
    by_type: HashMap<TypeKey<'c>, TypeId, FastBuild>,
    /// Each type's rules, and the rule sets of its columns seen so far.
    types: Vec<(ValueRules, Vec<ValuesId>)>,
    /// Each type and rule set seen.
    values: Vec<Values<'c>>,
    /// The depth the texts in `values` are written at.
    depth: usize,
}

/// Values of a type with a rule set, and what was made of them.
struct Values<'c> {
    ty: &'c TypeRef,
    rules: ValueRules,
    /// The value schema read (`[0]`) and written (`[1]`), once made.
    typed: [Option<Typed>; 2],
    /// Property texts without a description, once written, by [`text_index`].
    texts: [Option<String>; 8],
}

/// Where a property text is kept in [`Values::texts`].
fn text_index(extras: &Extras<'_>) -> usize {
    (usize::from(extras.direction == Direction::Write) << 2)
        | (usize::from(extras.null_ok) << 1)
        | usize::from(extras.read_only)
}

impl<'c> Properties<'c> {
    /// The type `ty` and the rules of its values (see [`rules::type_rules`]).
    pub fn type_rules(&mut self, catalog: &Catalog, ty: &'c TypeRef) -> (TypeId, ValueRules) {
        let id = self.type_id(catalog, ty);
        let rules = self
            .types
            .get(id.0)
            .map(|t| t.0.clone())
            .unwrap_or_default();
        (id, rules)
    }

    fn type_id(&mut self, catalog: &Catalog, ty: &'c TypeRef) -> TypeId {
        let types = &mut self.types;
        *self.by_type.entry(TypeKey(ty)).or_insert_with(|| {
            types.push((rules::type_rules(catalog, ty), Vec::new()));
            TypeId(types.len() - 1)
        })
    }

    /// The values of a column with `shape`; `ty` is its type when known (it is looked up
    /// when missing or another's).
    pub fn values(
        &mut self,
        catalog: &Catalog,
        shape: &ColumnShape<'c>,
        ty: Option<(&TypeRef, TypeId)>,
    ) -> ValuesId {
        let column_type = &shape.column.ty;
        let type_id = match ty {
            Some((ty, id)) if std::ptr::eq(ty, column_type) => id,
            _ => self.type_id(catalog, column_type),
        };
        let values = &mut self.values;
        let mut seen = self.types.get_mut(type_id.0).map(|t| &mut t.1);
        let found = seen
            .as_deref()
            .and_then(|seen| seen.iter().find(|id| values[id.0].rules == shape.rules));
        if let Some(id) = found {
            return *id;
        }
        let id = ValuesId(values.len());
        values.push(Values {
            ty: column_type,
            rules: shape.rules.clone(),
            typed: [None, None],
            texts: Default::default(),
        });
        if let Some(seen) = seen.as_mut().filter(|seen| seen.len() < MAX_VARIANTS) {
            seen.push(id);
        }
        id
    }

    /// Writes the property `name` of a column with values `id` into `props`.
    pub fn write(
        &mut self,
        cx: &Context<'_>,
        props: &mut Object<'_>,
        name: &str,
        id: ValuesId,
        extras: &Extras<'_>,
    ) {
        let depth = props.inner();
        if depth != self.depth {
            for values in &mut self.values {
                values.texts = Default::default();
            }
            self.depth = depth;
        }
        let Some(values) = self.values.get_mut(id.0) else {
            return;
        };
        let direction = extras.direction;
        let typed =
            values.typed[usize::from(direction == Direction::Write)].get_or_insert_with(|| {
                let made_of = (values.ty, &values.rules, direction);
                Typed::new(cx.catalog, cx.shared, cx.refs, made_of)
            });
        if extras.description.is_some() {
            return value(props.key(name), depth, typed, extras);
        }
        let text = values.texts[text_index(extras)].get_or_insert_with(|| {
            let mut text = String::new();
            value(&mut text, depth, typed, extras);
            text
        });
        props.raw(name, text);
    }
}

/// What a property says besides its value schema.
pub struct Extras<'a> {
    /// Null is allowed.
    pub null_ok: bool,
    /// The direction (a written JSON null is SQL NULL).
    pub direction: Direction,
    /// The column's comment.
    pub description: Option<&'a str>,
    /// The column cannot be written.
    pub read_only: bool,
}

/// One entry of a property object.
enum Piece<'a> {
    Value(&'a Value),
    Str(&'a str),
    Text(String),
    True,
    /// `[schema, {"type": "null"}]`.
    OrNull(&'a Value),
    /// `{"type": "null"}`.
    Null,
}

/// Writes the value of a property with value schema `typed` at nesting `depth`.
fn value(out: &mut String, depth: usize, typed: &Typed, extras: &Extras<'_>) {
    let core = core(typed, extras.null_ok, extras.direction);
    if let Core::Other(v) = core {
        return value_at(out, v, depth);
    }
    // The extras, in key order.
    let comment = (!typed.skipped.is_empty()).then(|| {
        let text = format!("not checked here: {}", typed.skipped.join("; "));
        ("$comment", Piece::Text(text))
    });
    let description = extras.description.map(|c| ("description", Piece::Str(c)));
    let read_only = extras.read_only.then_some(("readOnly", Piece::True));
    let extras = [comment, description, read_only].into_iter().flatten();
    let mut object = Object::new(out, depth);
    match core {
        Core::Entry(entry) => merge(&mut object, entry.into_iter(), extras),
        Core::Map(m) => {
            let entries = m.iter().map(|(k, v)| (k.as_str(), Piece::Value(v)));
            merge(&mut object, entries, extras);
        }
        Core::Other(_) => {}
    }
    object.end();
}

/// Writes two lists of entries, each in key order, as one; of two entries with one key,
/// the extra one (as a map keeps the later of two inserts).
fn merge<'a>(
    object: &mut Object<'_>,
    core: impl Iterator<Item = (&'a str, Piece<'a>)>,
    extras: impl Iterator<Item = (&'a str, Piece<'a>)>,
) {
    let mut extras = extras.peekable();
    for (key, piece) in core {
        while let Some((k, p)) = extras.next_if(|e| e.0 < key) {
            write_piece(object, k, p);
        }
        if extras.peek().is_some_and(|e| e.0 == key) {
            continue;
        }
        write_piece(object, key, piece);
    }
    for (k, p) in extras {
        write_piece(object, k, p);
    }
}

/// What a property's value schema contributes.
enum Core<'a> {
    /// This entry, if any.
    Entry(Option<(&'static str, Piece<'a>)>),
    /// The entries of this object.
    Map(&'a serde_json::Map<String, Value>),
    /// This value, without the extras (a schema that is not an object).
    Other(&'a Value),
}

fn core(typed: &Typed, null_ok: bool, direction: Direction) -> Core<'_> {
    if let Some(shared) = &typed.shared {
        let reference = if null_ok {
            Some(&shared.nullable)
        } else {
            shared.plain.as_ref()
        };
        if let Some(r) = reference {
            return Core::Entry(Some(("$ref", Piece::Str(r))));
        }
    }
    if typed.schema == Value::Bool(true) {
        // A json value may be JSON null in a row, but a written JSON null is SQL NULL.
        let not_null = !null_ok && direction == Direction::Write;
        return Core::Entry(not_null.then_some(("not", Piece::Null)));
    }
    if null_ok {
        return Core::Entry(Some(("anyOf", Piece::OrNull(typed.written()))));
    }
    match typed.written() {
        Value::Object(m) => Core::Map(m),
        other => Core::Other(other),
    }
}

fn write_piece(object: &mut Object<'_>, key: &str, piece: Piece<'_>) {
    match piece {
        Piece::Value(v) => object.entry(key, v),
        Piece::Str(s) => object.string(key, s),
        Piece::Text(s) => object.string(key, &s),
        Piece::True => object.bool(key, true),
        Piece::OrNull(v) => {
            let mut any_of: Array<'_> = object.array(key);
            any_of.value(v);
            let mut null = any_of.object();
            null.string("type", "null");
            null.end();
            any_of.end();
        }
        Piece::Null => {
            let mut not = object.object(key);
            not.string("type", "null");
            not.end();
        }
    }
}
