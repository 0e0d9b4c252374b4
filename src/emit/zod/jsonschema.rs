//! A JSON Schema (from a pg_jsonschema CHECK) as a Zod schema, mirroring the TypeScript
//! type `typescript::jsonschema` writes for it, so that `z.infer` and the type agree.

use serde_json::Value;

use super::chain::{Arg, Chain, array, object};
use crate::print::doc::text;
use crate::print::js::string_literal;

/// The Zod schema for a schema document, or `None` when it is not valid JSON.
pub fn to_zod(schema: &str, v3: bool) -> Option<Chain> {
    let v: Value = serde_json::from_str(schema).ok()?;
    Some(convert(&v, v3, 0))
}

fn json() -> Chain {
    Chain::new("jsonSchema")
}

fn union(members: Vec<Chain>) -> Chain {
    if members.len() == 1 {
        return members.into_iter().next().unwrap_or_else(json);
    }
    let items = members.iter().map(|m| m.doc()).collect();
    Chain::new("z").call("union", vec![Arg::Complex(array(items))])
}

fn convert(v: &Value, v3: bool, depth: usize) -> Chain {
    if depth > 16 {
        return json();
    }
    let Value::Object(o) = v else {
        return if *v == Value::Bool(false) {
            Chain::new("z").call0("never")
        } else {
            json()
        };
    };
    if let Some(c) = o.get("const") {
        return literal(c);
    }
    if let Some(Value::Array(values)) = o.get("enum") {
        return union(values.iter().map(literal).collect());
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = o.get(key) {
            return union(options.iter().map(|s| convert(s, v3, depth + 1)).collect());
        }
    }
    let types: Vec<&str> = match o.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return json(),
    };
    let mut members: Vec<Chain> = types.iter().map(|t| of_type(t, o, v3, depth)).collect();
    if o.get("nullable") == Some(&Value::Bool(true)) && !types.contains(&"null") {
        members.push(Chain::new("z").call0("null"));
    }
    union(members)
}

fn of_type(t: &str, o: &serde_json::Map<String, Value>, v3: bool, depth: usize) -> Chain {
    let z = Chain::new("z");
    match t {
        "string" => z.call0("string"),
        "number" => z.call0("number"),
        "integer" if v3 => z.call0("number").call0("int"),
        "integer" => z.call0("int"),
        "boolean" => z.call0("boolean"),
        "null" => z.call0("null"),
        "array" => {
            let items = match o.get("items") {
                Some(items @ Value::Object(_)) => convert(items, v3, depth + 1),
                _ => json(),
            };
            let arg = if items.is_simple() {
                Arg::Simple(items.doc())
            } else {
                Arg::Complex(items.doc())
            };
            z.call("array", vec![arg])
        }
        "object" => {
            let required: Vec<&str> = o
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let props = match o.get("properties") {
                Some(Value::Object(props)) => props.clone(),
                _ => serde_json::Map::new(),
            };
            let closed = o.get("additionalProperties") == Some(&Value::Bool(false));
            if props.is_empty() && !closed {
                return z.call(
                    "record",
                    vec![
                        Arg::Simple(text("z.string()")),
                        Arg::Simple(text("jsonSchema.optional()")),
                    ],
                );
            }
            let members = props
                .iter()
                .map(|(name, schema)| {
                    let mut c = convert(schema, v3, depth + 1);
                    if !required.contains(&name.as_str()) {
                        c = c.call0("optional");
                    }
                    (name.clone(), c.doc())
                })
                .collect();
            let obj = Arg::Complex(object(members));
            match (closed, v3) {
                (true, false) => z.call("strictObject", vec![obj]),
                (true, true) => z.call("object", vec![obj]).call0("strict"),
                (false, _) => z.call("object", vec![obj]),
            }
        }
        _ => json(),
    }
}

fn literal(v: &Value) -> Chain {
    let z = Chain::new("z");
    match v {
        Value::String(s) => z.call1("literal", string_literal(s)),
        Value::Number(n) => z.call1("literal", n.to_string()),
        Value::Bool(b) => z.call1("literal", b.to_string()),
        Value::Null => z.call0("null"),
        _ => json(),
    }
}
