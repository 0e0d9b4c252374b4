//! A function's path, `POST (GET) /rpc/{function}`: its overloads' arguments and results as
//! JSON Schema values. Few next to the relations, so built as values.

use serde_json::{Map, Value, json};

use super::{Names, component_ref, profile};
use crate::emit::json_schema::{self, relation_key};
use crate::emit::rules;
use crate::model::{Catalog, Function, Volatility};
use crate::plan::types::Direction;

fn schema_ref(names: &Names, key: &str) -> Value {
    json!({ "$ref": component_ref(names.get(key).map_or(key, String::as_str)) })
}

/// The JSON Schema of a value of `ty` going `direction` (through the shared value rules).
fn value(catalog: &Catalog, ty: &crate::model::TypeRef, direction: Direction) -> Value {
    let r = rules::type_rules(catalog, ty);
    json_schema::values::value_schema(catalog, ty, &r, direction).0
}

fn args_schema(catalog: &Catalog, f: &Function) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for a in f.input_args() {
        let name = a.name.clone().unwrap_or_default();
        properties.insert(name.clone(), value(catalog, &a.ty, Direction::Write));
        if a.default.is_none() {
            required.push(name);
        }
    }
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

fn returns_schema(catalog: &Catalog, f: &Function, names: &Names) -> Value {
    let cols = f.result_columns();
    let one = if !cols.is_empty() {
        let properties: Map<String, Value> = cols
            .iter()
            .map(|a| {
                (
                    a.name.clone().unwrap_or_default(),
                    value(catalog, &a.ty, Direction::Read),
                )
            })
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
        value(catalog, &f.returns, Direction::Read)
    };
    if f.returns_set {
        json!({ "type": "array", "items": one })
    } else {
        one
    }
}

/// The path item of a function's overloads.
pub fn rpc_path(
    catalog: &Catalog,
    overloads: &[&Function],
    names: &Names,
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
