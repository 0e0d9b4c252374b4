//! `openapi.json`: an OpenAPI 3.1 document of the REST surface PostgREST (and so Supabase)
//! serves for the selected schemas: `GET/POST/PATCH/DELETE /{relation}` and
//! `POST (GET) /rpc/{function}`, with request and response bodies from the JSON Schema
//! document ([`super::json_schema`]), bundled under `components.schemas` so the document
//! stands alone.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::json_schema::{self, def_ref, relation_key};
use super::rules;
use crate::config::Config;
use crate::model::{Catalog, Filter, Function, Relation, Volatility};

/// Renders `openapi.json`.
pub fn emit(catalog: &Catalog, config: &Config) -> String {
    let mut text = serde_json::to_string_pretty(&json_schema::sorted(document(catalog, config)))
        .unwrap_or_default();
    text.push('\n');
    text
}

/// A component name: OpenAPI allows `[A-Za-z0-9._-]` only.
fn component_name(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Percent-encodes a path segment.
fn segment(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Moves `$defs` into `components.schemas` under valid, unique names and rewrites the refs.
fn bundle(
    mut doc: Value,
) -> (
    Map<String, Value>,
    BTreeMap<String, String>,
    BTreeMap<String, String>,
) {
    let defs = match doc.get_mut("$defs").map(Value::take) {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut used = BTreeSet::new();
    for key in defs.keys() {
        let base = component_name(key);
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        names.insert(key.clone(), name);
    }
    let refs: BTreeMap<String, String> = names
        .iter()
        .map(|(k, v)| (def_ref(k), format!("#/components/schemas/{v}")))
        .collect();
    let mut schemas = Map::new();
    for (key, schema) in defs {
        schemas.insert(names[&key].clone(), rewrite_refs(schema, &refs));
    }
    (schemas, names, refs)
}

fn rewrite_refs(v: Value, refs: &BTreeMap<String, String>) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| {
                    let v = match (&*k, v) {
                        ("$ref", Value::String(r)) => {
                            Value::String(refs.get(&r).cloned().unwrap_or(r))
                        }
                        (_, v) => rewrite_refs(v, refs),
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(|v| rewrite_refs(v, refs)).collect()),
        other => other,
    }
}

fn schema_ref(names: &BTreeMap<String, String>, key: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{}", names.get(key).map_or(key, String::as_str)) })
}

/// The OpenAPI document.
pub fn document(catalog: &Catalog, config: &Config) -> Value {
    let o = &config.openapi;
    let doc = json_schema::document(catalog, config);
    let (schemas, names, refs) = bundle(doc);
    let relations = Filter::new(&o.relations.include, &o.relations.exclude).unwrap_or_default();
    let functions = Filter::new(&o.functions.include, &o.functions.exclude).unwrap_or_default();
    let default_schema = &config.typescript.default_schema;

    let mut paths = Map::new();
    let mut skipped = Vec::new();
    // The default schema first, so its relations own the plain paths.
    let mut rels: Vec<&Relation> = catalog
        .relations
        .iter()
        .filter(|r| relations.keeps(&r.schema, &r.name))
        .collect();
    rels.sort_by_key(|r| {
        (
            &r.schema != default_schema,
            r.schema.clone(),
            r.name.clone(),
        )
    });
    for rel in rels {
        let path = format!("/{}", segment(&rel.name));
        if paths.contains_key(&path) {
            skipped.push(format!("{}.{}", rel.schema, rel.name));
            continue;
        }
        paths.insert(
            path,
            relation_path(catalog, rel, &names, rel.schema != *default_schema),
        );
    }
    let mut by_name: BTreeMap<(&str, &str), Vec<&Function>> = BTreeMap::new();
    let mapper = super::typescript::mapping::Mapper::new(catalog, config);
    for f in catalog
        .functions
        .iter()
        .filter(|f| functions.keeps(&f.schema, &f.name) && mapper.exposed(f).is_some())
    {
        by_name.entry((&f.schema, &f.name)).or_default().push(f);
    }
    let mut fns: Vec<(&(&str, &str), &Vec<&Function>)> = by_name.iter().collect();
    fns.sort_by_key(|((s, n), _)| (s != default_schema, s.to_string(), n.to_string()));
    for ((schema, name), overloads) in fns {
        let path = format!("/rpc/{}", segment(name));
        if paths.contains_key(&path) {
            skipped.push(format!("{schema}.{name}()"));
            continue;
        }
        paths.insert(
            path,
            rpc_path(
                catalog,
                overloads,
                &names,
                *schema != default_schema.as_str(),
            ),
        );
    }

    let mut document = json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": json_schema::DIALECT,
        "info": {
            "title": o.title,
            "version": o.version,
            "description": "The REST API PostgREST serves for this database, generated by gen-types from its catalog.",
        },
        "servers": [{ "url": o.server_url }],
        "security": [{ "apiKey": [], "bearerAuth": [] }],
        // Argument and result schemas refer to type definitions as the JSON Schema does.
        "paths": rewrite_refs(Value::Object(paths), &refs),
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "apiKey": { "type": "apiKey", "in": "header", "name": "apikey", "description": "The project's anon or service key." },
                "bearerAuth": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": "A user's access token (or the key again)." },
            },
            "parameters": common_parameters(),
        },
    });
    if !skipped.is_empty() {
        document["x-gen-types-skipped"] = json!({
            "reason": "PostgREST serves one relation or function per name and schema; these have the name of one already listed (select their schema with the Accept-Profile/Content-Profile headers)",
            "objects": skipped,
        });
    }
    document
}

fn common_parameters() -> Value {
    json!({
        "select": { "name": "select", "in": "query", "description": "Columns and embedded relations, e.g. `id,name,author(name)`.", "schema": { "type": "string" } },
        "order": { "name": "order", "in": "query", "description": "Ordering, e.g. `created_at.desc.nullslast`.", "schema": { "type": "string" } },
        "limit": { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 0 } },
        "offset": { "name": "offset", "in": "query", "schema": { "type": "integer", "minimum": 0 } },
        "range": { "name": "Range", "in": "header", "description": "Rows to return, e.g. `0-24`.", "schema": { "type": "string" } },
        "preferRead": { "name": "Prefer", "in": "header", "schema": { "type": "string", "enum": ["count=exact", "count=planned", "count=estimated"] } },
        "preferWrite": { "name": "Prefer", "in": "header", "description": "`return=representation` returns the written rows; `resolution=merge-duplicates` upserts.", "schema": { "type": "string" } },
    })
}

fn param_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/parameters/{name}") })
}

fn profile(schema: &str, header: &str) -> Value {
    json!({ "name": header, "in": "header", "required": true, "description": "The schema of the object.", "schema": { "type": "string", "enum": [schema] } })
}

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

fn filters(rel: &Relation) -> Vec<Value> {
    rel.columns
        .iter()
        .filter(|c| !RESERVED_PARAMS.contains(&c.name.as_str()))
        .map(|c| {
            json!({
                "name": c.name,
                "in": "query",
                "description": format!("Filter on `{}`, e.g. `eq.value`, `in.(a,b)`, `is.null`.", c.name),
                "schema": { "type": "string" },
            })
        })
        .collect()
}

fn rows(names: &BTreeMap<String, String>, rel: &Relation) -> Value {
    json!({ "type": "array", "items": schema_ref(names, &relation_key(rel, "Row")) })
}

fn relation_path(
    catalog: &Catalog,
    rel: &Relation,
    names: &BTreeMap<String, String>,
    profiled: bool,
) -> Value {
    let _ = catalog;
    let mut item = Map::new();
    if let Some(c) = &rel.comment {
        item.insert("description".into(), json!(c));
    }
    let tag = format!("{}.{}", rel.schema, rel.name);
    let read_profile = profiled.then(|| profile(&rel.schema, "Accept-Profile"));
    let write_profile = profiled.then(|| profile(&rel.schema, "Content-Profile"));
    let ok_rows = json!({ "description": "The rows.", "content": { "application/json": { "schema": rows(names, rel) } } });

    let mut get_params = vec![
        param_ref("select"),
        param_ref("order"),
        param_ref("limit"),
        param_ref("offset"),
        param_ref("range"),
        param_ref("preferRead"),
    ];
    get_params.extend(filters(rel));
    get_params.extend(read_profile.clone());
    item.insert(
        "get".into(),
        json!({
            "operationId": format!("select {tag}"),
            "tags": [tag],
            "summary": format!("Read rows of {tag}"),
            "parameters": get_params,
            "responses": { "200": ok_rows, "206": { "description": "Part of the rows (Range)." } },
        }),
    );
    let written = json!({
        "201": { "description": "Created; with `Prefer: return=representation`, the rows.", "content": { "application/json": { "schema": rows(names, rel) } } },
        "204": { "description": "Done, nothing returned." },
    });
    if rel.insertable() {
        let insert = schema_ref(names, &relation_key(rel, "Insert"));
        let mut params = vec![param_ref("preferWrite"), param_ref("select")];
        params.extend(write_profile.clone());
        item.insert(
            "post".into(),
            json!({
                "operationId": format!("insert {tag}"),
                "tags": [tag],
                "summary": format!("Insert rows into {tag}"),
                "parameters": params,
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "oneOf": [insert.clone(), { "type": "array", "items": insert }] } } } },
                "responses": written,
            }),
        );
    }
    let changed = json!({
        "200": ok_rows,
        "204": { "description": "Done, nothing returned." },
    });
    if rel.updatable() {
        let mut params = vec![param_ref("preferWrite"), param_ref("select")];
        params.extend(filters(rel));
        params.extend(write_profile.clone());
        item.insert(
            "patch".into(),
            json!({
                "operationId": format!("update {tag}"),
                "tags": [tag],
                "summary": format!("Update rows of {tag} that match the filters"),
                "parameters": params,
                "requestBody": { "required": true, "content": { "application/json": { "schema": schema_ref(names, &relation_key(rel, "Update")) } } },
                "responses": changed.clone(),
            }),
        );
    }
    if rel.deletable() {
        let mut params = vec![param_ref("preferWrite"), param_ref("select")];
        params.extend(filters(rel));
        params.extend(write_profile);
        item.insert(
            "delete".into(),
            json!({
                "operationId": format!("delete {tag}"),
                "tags": [tag],
                "summary": format!("Delete rows of {tag} that match the filters"),
                "parameters": params,
                "responses": changed,
            }),
        );
    }
    Value::Object(item)
}

/// The JSON Schema of a value of `ty` (through the shared value rules).
fn value(catalog: &Catalog, ty: &crate::model::TypeRef) -> Value {
    let r = rules::type_rules(catalog, ty);
    json_schema::values::value_schema(catalog, ty, &r).0
}

fn args_schema(catalog: &Catalog, f: &Function) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for a in f.input_args() {
        let name = a.name.clone().unwrap_or_default();
        properties.insert(name.clone(), value(catalog, &a.ty));
        if a.default.is_none() {
            required.push(name);
        }
    }
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

fn returns_schema(catalog: &Catalog, f: &Function, names: &BTreeMap<String, String>) -> Value {
    let cols = f.result_columns();
    let one = if !cols.is_empty() {
        let properties: Map<String, Value> = cols
            .iter()
            .map(|a| (a.name.clone().unwrap_or_default(), value(catalog, &a.ty)))
            .collect();
        json!({ "type": "object", "properties": properties })
    } else if let Some(rel) = catalog
        .relation(&f.returns.schema, &f.returns.name)
        .filter(|_| f.returns.array_dims == 0)
    {
        schema_ref(names, &relation_key(rel, "Row"))
    } else if f.returns.is_builtin("void") {
        json!({ "type": "null" })
    } else {
        value(catalog, &f.returns)
    };
    if f.returns_set {
        json!({ "type": "array", "items": one })
    } else {
        one
    }
}

fn rpc_path(
    catalog: &Catalog,
    overloads: &[&Function],
    names: &BTreeMap<String, String>,
    profiled: bool,
) -> Value {
    let f = overloads[0];
    let tag = format!("{}.{}()", f.schema, f.name);
    let args: Vec<Value> = overloads.iter().map(|f| args_schema(catalog, f)).collect();
    let returns: Vec<Value> = overloads
        .iter()
        .map(|f| returns_schema(catalog, f, names))
        .collect();
    let one_of = |mut v: Vec<Value>| {
        if v.len() == 1 {
            v.remove(0)
        } else {
            json!({ "oneOf": v })
        }
    };
    let response = json!({ "200": { "description": "The result.", "content": { "application/json": { "schema": one_of(returns) } } } });
    let description = overloads.iter().find_map(|f| f.comment.clone());
    let mut item = Map::new();
    let mut post = json!({
        "operationId": format!("call {tag}"),
        "tags": [tag],
        "summary": format!("Call {tag}"),
        "requestBody": { "required": true, "content": { "application/json": { "schema": one_of(args) } } },
        "responses": response.clone(),
    });
    if let Some(d) = &description {
        post["description"] = json!(d);
    }
    if profiled {
        post["parameters"] = json!([profile(&f.schema, "Content-Profile")]);
    }
    item.insert("post".into(), post);
    // Functions that do not write can also be called with GET and query parameters.
    if overloads.len() == 1
        && f.volatility != Volatility::Volatile
        && f.input_args().all(|a| a.ty.array_dims == 0)
    {
        let mut params: Vec<Value> = f
            .input_args()
            .map(|a| {
                json!({
                    "name": a.name.clone().unwrap_or_default(),
                    "in": "query",
                    "required": a.default.is_none(),
                    "schema": { "type": "string" },
                })
            })
            .collect();
        if profiled {
            params.push(profile(&f.schema, "Accept-Profile"));
        }
        let mut get = json!({
            "operationId": format!("call {tag} (read)"),
            "tags": [tag],
            "summary": format!("Call {tag} without side effects"),
            "parameters": params,
            "responses": response,
        });
        if let Some(d) = &description {
            get["description"] = json!(d);
        }
        item.insert("get".into(), get);
    }
    Value::Object(item)
}
