//! A relation's path (`GET/POST/PATCH/DELETE /{relation}`) and the row filter parameters
//! its operations share, written straight into the document: at 5,000 tables the filter
//! references alone are hundreds of thousands of objects.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{PathOwner, component_name, profile};
use crate::emit::json_schema::relation_key;
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
    /// Column name to the component name and the `$ref` to it, for the filterable columns.
    names: BTreeMap<String, (String, String)>,
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
        let mut names = BTreeMap::new();
        for column in columns {
            let base = component_name(&format!("rowFilter.{column}"));
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}_{n}");
                n += 1;
            }
            let reference = parameter_ref(&name);
            names.insert(column.to_string(), (name, reference));
        }
        Self { names }
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
            self.names
                .iter()
                .map(|(column, (name, _))| (name.as_str(), None, column.as_str())),
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

    /// The `$ref`s to the filters of `rel`'s columns, in column order.
    fn refs<'s>(&'s self, rel: &Relation) -> Vec<&'s str> {
        filterable(rel)
            .filter_map(|c| self.names.get(&c.name))
            .map(|(_, reference)| reference.as_str())
            .collect()
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
const READ_PARAMS: [&str; 6] = ["select", "order", "limit", "offset", "range", "preferRead"];
const WRITE_PARAMS: [&str; 2] = ["preferWrite", "select"];

/// The operations on one relation's path.
pub struct RelationPath<'a> {
    /// The relation.
    pub rel: &'a Relation,
    /// `components.schemas` name of every `$defs` key.
    pub names: &'a BTreeMap<String, String>,
    /// The row filters.
    pub row_filters: &'a RowFilters,
    /// Whether its schema is not the default one (requests name it in a profile header).
    pub profiled: bool,
}

/// What the operations of one path share.
struct Shared<'a> {
    /// `schema.name`, the operations' tag.
    tag: String,
    /// The `$ref` to the Row schema.
    row: String,
    /// The `$ref`s to the row filters.
    filters: Vec<&'a str>,
    /// The `Accept-Profile` and `Content-Profile` parameters, when profiled.
    profiles: Option<(Value, Value)>,
}

impl RelationPath<'_> {
    /// Writes the path item into `item`.
    pub fn write(&self, item: &mut Object<'_>) {
        let rel = self.rel;
        let s = Shared {
            tag: format!("{}.{}", rel.schema, rel.name),
            row: self.schema_ref("Row"),
            filters: self.row_filters.refs(rel),
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
            op.parameters(&WRITE_PARAMS, &s.filters, write_profile);
            op.responses(|r| changed(r, &s.row));
            op.finish(&format!("Delete rows of {} that match the filters", s.tag));
        }
        if let Some(c) = &rel.comment {
            item.string("description", c);
        }
        let mut op = Operation::new(item.object("get"), "select", &s.tag);
        op.parameters(&READ_PARAMS, &s.filters, s.profiles.as_ref().map(|p| &p.0));
        op.responses(|r| {
            rows_response(r, "200", "The rows.", &s.row);
            described(r, "206", "Part of the rows (Range).");
        });
        op.finish(&format!("Read rows of {}", s.tag));
        if rel.updatable() {
            let update = self.schema_ref("Update");
            let mut op = Operation::new(item.object("patch"), "update", &s.tag);
            op.parameters(&WRITE_PARAMS, &s.filters, write_profile);
            op.request_body(|json| reference(json, "schema", &update));
            op.responses(|r| changed(r, &s.row));
            op.finish(&format!("Update rows of {} that match the filters", s.tag));
        }
        if rel.insertable() {
            let insert = self.schema_ref("Insert");
            let mut op = Operation::new(item.object("post"), "insert", &s.tag);
            op.parameters(&WRITE_PARAMS, &[], write_profile);
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
        format!("#/components/schemas/{name}")
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

    /// `parameters`: the shared ones named in `common`, the row `filters`, the profile.
    fn parameters(&mut self, common: &[&str], filters: &[&str], profile: Option<&Value>) {
        let mut list = self.op.array("parameters");
        for name in common {
            reference_item(&mut list, &parameter_ref(name));
        }
        for target in filters {
            reference_item(&mut list, target);
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
