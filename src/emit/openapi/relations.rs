//! A relation's path (`GET/POST/PATCH/DELETE /{relation}`) and the row filter parameters
//! its operations share, written straight into the document: at 5,000 tables the filter
//! references alone are hundreds of thousands of objects.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::{Names, PathOwner, component_name, component_ref, profile};
use crate::emit::json_schema::relation_key;
use crate::fast_hash::FastBuild;
use crate::model::{Column, Relation};
use crate::print::json::{Array, Object};

/// Query parameters PostgREST reserves: a column with one of these names cannot be
/// filtered by its name in the query string.
const RESERVED_PARAMS: &[&str] = &[
    "select",
    "order",
    "limit",
    "offset",
    "on_conflict",
    "columns",
    "and",
    "or",
    "not",
];

/// The filter parameters of the columns of the relations that have a path, shared under
/// `components.parameters` and referred to by GET, PATCH and DELETE, as PostgREST's own
/// document does. A filter says nothing about its table, so columns of the same name share
/// one: `rowFilter.<column>` (made a valid, unique component name).
pub struct RowFilters {
    /// The filters of the filterable columns, by column name: the column, the component
    /// name and the `$ref` to it.
    filters: Vec<(String, String, String)>,
    /// Column name to its filter in `filters`.
    by_column: HashMap<String, usize, FastBuild>,
}

impl RowFilters {
    /// The filters of the columns of the relations in `paths`.
    pub fn plan(paths: &BTreeMap<String, PathOwner<'_>>) -> Self {
        let mut columns = BTreeSet::new();
        for owner in paths.values() {
            if let PathOwner::Relation(rel, _) = owner {
                columns.extend(filterable(rel).map(|c| c.name.as_str()));
            }
        }
        // Every name starts `rowFilter.`, so none is one of the common parameters'.
        let mut used = BTreeSet::new();
        let mut filters = Vec::with_capacity(columns.len());
        for column in columns {
            let base = component_name(&format!("rowFilter.{column}"));
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}_{n}");
                n += 1;
            }
            let reference = parameter_ref(&name);
            filters.push((column.to_string(), name, reference));
        }
        let by_column = filters
            .iter()
            .enumerate()
            .map(|(i, (column, ..))| (column.clone(), i))
            .collect();
        Self { filters, by_column }
    }

    /// Writes `components.parameters` (and closes it): the entries of `common` and the row
    /// filters.
    pub fn write(&self, mut parameters: Object<'_>, common: &Value) {
        let mut entries: Vec<(&str, Option<&Value>, &str)> = common
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_str(), Some(v), ""))
            .collect();
        entries.extend(
            self.filters
                .iter()
                .map(|(column, name, _)| (name.as_str(), None, column.as_str())),
        );
        // As in a map: sorted, a later entry replacing an earlier one of the same key.
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut entries = entries.into_iter().peekable();
        while let Some((key, common, column)) = entries.next() {
            if entries.peek().is_some_and(|next| next.0 == key) {
                continue;
            }
            match common {
                Some(v) => parameters.entry(key, v),
                None => {
                    let mut filter = parameters.object(key);
                    let text =
                        format!("Filter on `{column}`, e.g. `eq.value`, `in.(a,b)`, `is.null`.");
                    filter.string("description", &text);
                    filter.string("in", "query");
                    filter.string("name", column);
                    string_schema(&mut filter);
                    filter.end();
                }
            }
        }
        parameters.end();
    }

    /// The filters of `rel`'s columns, in column order.
    fn of(&self, rel: &Relation) -> Vec<Parameter> {
        filterable(rel)
            .filter_map(|c| self.by_column.get(c.name.as_str()))
            .map(|i| Parameter::Filter(*i))
            .collect()
    }

    /// The `$ref` to a parameter.
    fn reference(&self, parameter: Parameter) -> String {
        match parameter {
            Parameter::Common(name) => parameter_ref(name),
            Parameter::Filter(i) => self
                .filters
                .get(i)
                .map(|(_, _, reference)| reference.clone())
                .unwrap_or_default(),
        }
    }
}

/// A shared parameter an operation refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Parameter {
    /// One of the common ones, by name.
    Common(&'static str),
    /// A row filter (its index in [`RowFilters`]).
    Filter(usize),
}

/// The `{"$ref": ...}` items of `parameters` lists: the same few thousand are written
/// hundreds of thousands of times, so each is written once (at the depth asked for; again
/// if asked for at another) and copied after.
pub struct ParameterItems<'f> {
    filters: &'f RowFilters,
    /// The depth of the texts.
    depth: usize,
    texts: HashMap<Parameter, String, FastBuild>,
}

impl<'f> ParameterItems<'f> {
    /// The items of the common parameters and of `filters`.
    pub fn new(filters: &'f RowFilters) -> Self {
        Self {
            filters,
            depth: 0,
            texts: HashMap::default(),
        }
    }

    /// Writes the item that refers to `parameter` into `list`.
    fn write(&mut self, list: &mut Array<'_>, parameter: Parameter) {
        let depth = list.inner();
        if depth != self.depth {
            self.texts.clear();
            self.depth = depth;
        }
        let filters = self.filters;
        let text = self.texts.entry(parameter).or_insert_with(|| {
            let mut text = String::new();
            let mut item = Object::new(&mut text, depth);
            item.string("$ref", &filters.reference(parameter));
            item.end();
            text
        });
        list.raw(text);
    }
}

/// The columns that can be filtered by their name in the query string.
fn filterable(rel: &Relation) -> impl Iterator<Item = &Column> {
    rel.columns
        .iter()
        .filter(|c| !RESERVED_PARAMS.contains(&c.name.as_str()))
}

/// The `$ref` to a shared parameter.
pub fn parameter_ref(name: &str) -> String {
    format!("#/components/parameters/{name}")
}

/// `"schema": {"type": "string"}`.
fn string_schema(object: &mut Object<'_>) {
    let mut schema = object.object("schema");
    schema.string("type", "string");
    schema.end();
}

/// `{"$ref": target}` as the entry `key`.
fn reference(object: &mut Object<'_>, key: &str, target: &str) {
    let mut r = object.object(key);
    r.string("$ref", target);
    r.end();
}

/// `{"$ref": target}` as an item.
fn reference_item(array: &mut Array<'_>, target: &str) {
    let mut r = array.object();
    r.string("$ref", target);
    r.end();
}

/// The shared parameters every read and every write starts with.
const READ_PARAMS: [Parameter; 6] = [
    Parameter::Common("select"),
    Parameter::Common("order"),
    Parameter::Common("limit"),
    Parameter::Common("offset"),
    Parameter::Common("range"),
    Parameter::Common("preferRead"),
];
const WRITE_PARAMS: [Parameter; 2] = [
    Parameter::Common("preferWrite"),
    Parameter::Common("select"),
];

/// The operations on one relation's path.
pub struct RelationPath<'a, 'f> {
    /// The relation.
    pub rel: &'a Relation,
    /// `components.schemas` name of every `$defs` key.
    pub names: &'a Names,
    /// The items of `parameters` lists (with the row filters).
    pub parameters: &'a mut ParameterItems<'f>,
    /// Whether its schema is not the default one (requests name it in a profile header).
    pub profiled: bool,
}

/// What the operations of one path share.
struct Shared {
    /// `schema.name`, the operations' tag.
    tag: String,
    /// The `$ref` to the Row schema.
    row: String,
    /// The row filters.
    filters: Vec<Parameter>,
    /// The `Accept-Profile` and `Content-Profile` parameters, when profiled.
    profiles: Option<(Value, Value)>,
}

impl RelationPath<'_, '_> {
    /// Writes the path item into `item`.
    pub fn write(&mut self, item: &mut Object<'_>) {
        let rel = self.rel;
        let s = Shared {
            tag: format!("{}.{}", rel.schema, rel.name),
            row: self.schema_ref("Row"),
            filters: self.parameters.filters.of(rel),
            profiles: self.profiled.then(|| {
                (
                    profile(&rel.schema, "Accept-Profile"),
                    profile(&rel.schema, "Content-Profile"),
                )
            }),
        };
        let write_profile = s.profiles.as_ref().map(|p| &p.1);
        if rel.deletable() {
            let mut op = Operation::new(item.object("delete"), "delete", &s.tag);
            op.parameters(self.parameters, &WRITE_PARAMS, &s.filters, write_profile);
            op.responses(|r| changed(r, &s.row));
            op.finish(&format!("Delete rows of {} that match the filters", s.tag));
        }
        if let Some(c) = &rel.comment {
            item.string("description", c);
        }
        let mut op = Operation::new(item.object("get"), "select", &s.tag);
        let read_profile = s.profiles.as_ref().map(|p| &p.0);
        op.parameters(self.parameters, &READ_PARAMS, &s.filters, read_profile);
        op.responses(|r| {
            rows_response(r, "200", "The rows.", &s.row);
            described(r, "206", "Part of the rows (Range).");
        });
        op.finish(&format!("Read rows of {}", s.tag));
        if rel.updatable() {
            let update = self.schema_ref("Update");
            let mut op = Operation::new(item.object("patch"), "update", &s.tag);
            op.parameters(self.parameters, &WRITE_PARAMS, &s.filters, write_profile);
            op.request_body(|json| reference(json, "schema", &update));
            op.responses(|r| changed(r, &s.row));
            op.finish(&format!("Update rows of {} that match the filters", s.tag));
        }
        if rel.insertable() {
            let insert = self.schema_ref("Insert");
            let mut op = Operation::new(item.object("post"), "insert", &s.tag);
            op.parameters(self.parameters, &WRITE_PARAMS, &[], write_profile);
            op.request_body(|json| one_or_many(json, &insert));
            op.responses(|r| {
                let created = "Created; with `Prefer: return=representation`, the rows.";
                rows_response(r, "201", created, &s.row);
                described(r, "204", "Done, nothing returned.");
            });
            op.finish(&format!("Insert rows into {}", s.tag));
        }
    }

    fn schema_ref(&self, part: &str) -> String {
        let key = relation_key(self.rel, part);
        let name = self.names.get(&key).map_or(key.as_str(), String::as_str);
        component_ref(name)
    }
}

/// An operation being written, its entries in key order.
struct Operation<'o, 't> {
    op: Object<'o>,
    tag: &'t str,
}

impl<'o, 't> Operation<'o, 't> {
    /// Opens the operation `<verb> <tag>`.
    fn new(mut op: Object<'o>, verb: &str, tag: &'t str) -> Self {
        op.string("operationId", &format!("{verb} {tag}"));
        Self { op, tag }
    }

    /// `parameters`: the shared ones in `common`, the row `filters`, the profile.
    fn parameters(
        &mut self,
        items: &mut ParameterItems<'_>,
        common: &[Parameter],
        filters: &[Parameter],
        profile: Option<&Value>,
    ) {
        let mut list = self.op.array("parameters");
        for parameter in common.iter().chain(filters) {
            items.write(&mut list, *parameter);
        }
        if let Some(p) = profile {
            list.value(p);
        }
        list.end();
    }

    /// A required JSON `requestBody`; `schema` writes its `schema` entry.
    fn request_body(&mut self, schema: impl FnOnce(&mut Object<'_>)) {
        let mut body = self.op.object("requestBody");
        let mut content = body.object("content");
        let mut json = content.object("application/json");
        schema(&mut json);
        json.end();
        content.end();
        body.bool("required", true);
        body.end();
    }

    /// `responses`, written by `write`.
    fn responses(&mut self, write: impl FnOnce(&mut Object<'_>)) {
        let mut responses = self.op.object("responses");
        write(&mut responses);
        responses.end();
    }

    /// Writes the summary and the tag and closes the operation.
    fn finish(mut self, summary: &str) {
        self.op.string("summary", summary);
        let mut tags = self.op.array("tags");
        tags.string(self.tag);
        tags.end();
        self.op.end();
    }
}

/// `"schema": {"oneOf": [{"$ref": target}, {"type": "array", "items": {"$ref": target}}]}`.
fn one_or_many(json: &mut Object<'_>, target: &str) {
    let mut schema = json.object("schema");
    let mut one_of = schema.array("oneOf");
    reference_item(&mut one_of, target);
    let mut array = one_of.object();
    reference(&mut array, "items", target);
    array.string("type", "array");
    array.end();
    one_of.end();
    schema.end();
}

/// A response with just a description.
fn described(responses: &mut Object<'_>, code: &str, description: &str) {
    let mut response = responses.object(code);
    response.string("description", description);
    response.end();
}

/// A response whose content is rows (an array of `row`).
fn rows_response(responses: &mut Object<'_>, code: &str, description: &str, row: &str) {
    let mut response = responses.object(code);
    let mut content = response.object("content");
    let mut json = content.object("application/json");
    let mut schema = json.object("schema");
    reference(&mut schema, "items", row);
    schema.string("type", "array");
    schema.end();
    json.end();
    content.end();
    response.string("description", description);
    response.end();
}

/// The responses of an update or a delete.
fn changed(responses: &mut Object<'_>, row: &str) {
    rows_response(responses, "200", "The rows.", row);
    described(responses, "204", "Done, nothing returned.");
}
