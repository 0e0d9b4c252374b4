//! A JSON Schema (from a pg_jsonschema CHECK) as a TypeScript type.
//!
//! Covers the keywords that have a TypeScript meaning: `type` (also as a list), `enum`,
//! `const`, `properties` + `required`, `additionalProperties`, `items`, `anyOf`/`oneOf`,
//! `nullable`. Anything else widens to `Json`-compatible types rather than guessing.

use serde_json::Value;

use super::mapping::Ts;
use crate::print::doc::{self, Doc, member};
use crate::print::js::string_literal;

/// The TypeScript type for a schema document, or `None` when it is not valid JSON.
pub fn to_ts(schema: &str) -> Option<Ts> {
    let v: Value = serde_json::from_str(schema).ok()?;
    Some(convert(&v, 0))
}

fn convert(v: &Value, depth: usize) -> Ts {
    if depth > 16 {
        return Ts::named("Json");
    }
    let Value::Object(o) = v else {
        // `true` accepts anything, `false` nothing.
        return Ts::named(if *v == Value::Bool(false) {
            "never"
        } else {
            "Json"
        });
    };
    if let Some(c) = o.get("const") {
        return literal(c);
    }
    if let Some(Value::Array(values)) = o.get("enum") {
        return Ts::union_of(values.iter().map(literal).collect());
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = o.get(key) {
            return Ts::union_of(options.iter().map(|s| convert(s, depth + 1)).collect());
        }
    }
    let types: Vec<&str> = match o.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return Ts::named("Json"),
    };
    let mut members: Vec<Ts> = types.iter().map(|t| of_type(t, o, depth)).collect();
    if o.get("nullable") == Some(&Value::Bool(true)) && !types.contains(&"null") {
        members.push(Ts::named("null"));
    }
    Ts::union_of(members)
}

fn of_type(t: &str, o: &serde_json::Map<String, Value>, depth: usize) -> Ts {
    match t {
        "string" => Ts::named("string"),
        "number" | "integer" => Ts::named("number"),
        "boolean" => Ts::named("boolean"),
        "null" => Ts::named("null"),
        "array" => match o.get("items") {
            Some(items @ Value::Object(_)) => convert(items, depth + 1).array(1),
            _ => Ts::named("Json").array(1),
        },
        "object" => {
            let required: Vec<&str> = o
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut members: Vec<Doc> = Vec::new();
            if let Some(Value::Object(props)) = o.get("properties") {
                for (name, schema) in props {
                    members.push(member(
                        name,
                        !required.contains(&name.as_str()),
                        convert(schema, depth + 1).doc,
                    ));
                }
            }
            match o.get("additionalProperties") {
                Some(Value::Bool(false)) => {}
                Some(s @ Value::Object(_)) => {
                    let t = convert(s, depth + 1);
                    members.push(doc::concat(vec![
                        doc::text("[key: string]: "),
                        Ts::union_of(vec![t, Ts::named("undefined")]).doc,
                    ]))
                }
                _ if members.is_empty() => return Ts::named("{ [key: string]: Json | undefined }"),
                _ => {}
            }
            Ts::object(members, false)
        }
        _ => Ts::named("Json"),
    }
}

fn literal(v: &Value) -> Ts {
    match v {
        Value::String(s) => Ts::named(string_literal(s)),
        Value::Number(n) => Ts::named(n.to_string()),
        Value::Bool(b) => Ts::named(b.to_string()),
        Value::Null => Ts::named("null"),
        _ => Ts::named("Json"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(schema: &str) -> String {
        crate::print::doc::print(&to_ts(schema).unwrap().doc, 0, 0)
    }

    #[test]
    fn objects_arrays_enums() {
        assert_eq!(
            p(
                r#"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"array","items":{"type":"integer"}}},"required":["a"],"additionalProperties":false}"#
            ),
            "{ a: string; b?: number[] }"
        );
        assert_eq!(p(r#"{"enum":["x","y"]}"#), "\"x\" | \"y\"");
        assert_eq!(p(r#"{"type":["string","null"]}"#), "string | null");
        assert_eq!(
            p(r#"{"type":"object"}"#),
            "{ [key: string]: Json | undefined }"
        );
    }
}
