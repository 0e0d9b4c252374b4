//! A JSON Schema (from a pg_jsonschema CHECK) as a Zod schema, mirroring the TypeScript
//! type `typescript::jsonschema` writes for it, so that `z.infer` and the type agree.

use serde_json::Value;

use super::chain::{Arg, Chain, array};
use super::typed::{Ty, Typed};
use super::values::ZodValues;
use crate::print::doc::text;
use crate::print::js::string_literal;

/// The Zod schema for a schema document, or `None` when it is not valid JSON.
pub fn to_zod(schema: &str, zv: &ZodValues<'_>) -> Option<Typed> {
    let v: Value = serde_json::from_str(schema).ok()?;
    Some(convert(&v, zv, 0))
}

fn json(zv: &ZodValues<'_>) -> Typed {
    zv.json("jsonSchema", "Json")
}

fn union(mut members: Vec<Typed>, zv: &ZodValues<'_>) -> Typed {
    if members.len() == 1 {
        return members.pop().unwrap_or_else(|| json(zv));
    }
    let types = zv.union_of(members.iter().map(|m| &m.types));
    let items = members.into_iter().map(|m| m.chain.doc()).collect();
    Typed::with(
        Chain::new("z").call("union", vec![Arg::Complex(array(items))]),
        types,
    )
}

fn convert(v: &Value, zv: &ZodValues<'_>, depth: usize) -> Typed {
    if depth > 16 {
        return json(zv);
    }
    let Value::Object(o) = v else {
        return if *v == Value::Bool(false) {
            Typed::new(Chain::new("z").call0("never"), Ty::Name("never"))
        } else {
            json(zv)
        };
    };
    if let Some(c) = o.get("const") {
        return literal(c, zv);
    }
    if let Some(Value::Array(values)) = o.get("enum") {
        return union(values.iter().map(|v| literal(v, zv)).collect(), zv);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = o.get(key) {
            let members = options.iter().map(|s| convert(s, zv, depth + 1)).collect();
            return union(members, zv);
        }
    }
    let types: Vec<&str> = match o.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return json(zv),
    };
    let mut members: Vec<Typed> = types.iter().map(|t| of_type(t, o, zv, depth)).collect();
    if o.get("nullable") == Some(&Value::Bool(true)) && !types.contains(&"null") {
        members.push(Typed::new(Chain::new("z").call0("null"), Ty::Name("null")));
    }
    union(members, zv)
}

fn of_type(t: &str, o: &serde_json::Map<String, Value>, zv: &ZodValues<'_>, depth: usize) -> Typed {
    let z = Chain::new("z");
    let v3 = zv.v3;
    match t {
        "string" => Typed::new(z.call0("string"), Ty::Name("string")),
        "number" => Typed::new(z.call0("number"), Ty::Name("number")),
        "integer" if v3 => Typed::new(z.call0("number").call0("int"), Ty::Name("number")),
        "integer" => Typed::new(z.call0("int"), Ty::Name("number")),
        "boolean" => Typed::new(z.call0("boolean"), Ty::Name("boolean")),
        "null" => Typed::new(z.call0("null"), Ty::Name("null")),
        "array" => {
            let items = match o.get("items") {
                Some(items @ Value::Object(_)) => convert(items, zv, depth + 1),
                _ => json(zv),
            };
            let arg = if items.chain.is_simple() {
                Arg::Simple(items.chain.doc())
            } else {
                Arg::Complex(items.chain.doc())
            };
            Typed::wrap(z.call("array", vec![arg]), zv.array_of(&items.types))
        }
        "object" => object_type(o, zv, depth),
        _ => json(zv),
    }
}

fn object_type(o: &serde_json::Map<String, Value>, zv: &ZodValues<'_>, depth: usize) -> Typed {
    let z = Chain::new("z");
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
        let value = json(zv).optional();
        let chain = z.call(
            "record",
            vec![
                Arg::Simple(text("z.string()")),
                Arg::Simple(text("jsonSchema.optional()")),
            ],
        );
        return Typed::with(chain, zv.record_of(&value.types));
    }
    let members: Vec<(String, Typed)> = props
        .iter()
        .map(|(name, schema)| {
            let mut c = convert(schema, zv, depth + 1);
            if !required.contains(&name.as_str()) {
                c = c.optional();
            }
            (name.clone(), c)
        })
        .collect();
    zv.object(members, closed, Chain::doc)
}

fn literal(v: &Value, zv: &ZodValues<'_>) -> Typed {
    let z = Chain::new("z");
    let lit = |code: String| Typed::new(z.clone().call1("literal", code.clone()), Ty::Lit(code));
    match v {
        Value::String(s) => lit(string_literal(s)),
        Value::Number(n) => lit(n.to_string()),
        Value::Bool(b) => lit(b.to_string()),
        Value::Null => Typed::new(z.call0("null"), Ty::Name("null")),
        _ => json(zv),
    }
}
