//! The JSON Schema of one non-null value, as `to_jsonb` (and so PostgREST) writes it: the
//! type table, then the limits of [`ValueRules`].

use serde_json::{Map, Value, json};

use super::{def_ref, relation_key};
use crate::model::{Catalog, Literal, TypeRef};
use crate::plan::rules::{self, BaseClass, ValueRules};
use crate::plan::types::{DateTime, Direction, Scalar};

/// The strings `to_jsonb` writes for non-finite floats and numerics.
const NON_FINITE: [&str; 3] = ["NaN", "Infinity", "-Infinity"];

/// What JSON a scalar base type is written as, which decides the limits that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A JSON string (lengths, string lists).
    Text,
    /// A JSON integer with a range.
    Integer,
    /// A JSON number, or one of the non-finite strings.
    Float,
    /// Anything else: no limits apply.
    Other,
}

/// The schema of a non-null value with these rules going `direction`; `skipped` collects
/// what it cannot say.
pub fn value_schema(
    catalog: &Catalog,
    ty: &TypeRef,
    rules: &ValueRules,
    direction: Direction,
) -> (Value, Vec<String>) {
    let mut skipped = rules.skipped.clone();
    let (element_rules, dims) = if ty.array_dims > 0 {
        // An array of T: the limits of T (its domains and typmod) apply to each element.
        let mut element = ty.clone();
        element.array_dims = 0;
        let r = rules::type_rules(catalog, &element);
        skipped.extend(r.skipped.iter().cloned());
        if has_limits(rules) && !same_limits(rules, &r) {
            skipped.push("a CHECK on the whole array".into());
        }
        let dims = ty.array_dims + r.array_dims;
        (r, dims)
    } else if rules.array_dims > 0 {
        // A domain over an array: its checks are about the array, the element has only the
        // base type's typmod.
        let r = rules::type_rules(catalog, &rules.base);
        if has_limits(rules) {
            skipped.push("a CHECK on the whole array".into());
        }
        (r, rules.array_dims)
    } else {
        (rules.clone(), 0)
    };
    let mut schema = scalar(catalog, &element_rules, direction, &mut skipped);
    for _ in 0..dims {
        schema = json!({"type": "array", "items": nullable(schema)});
    }
    (schema, skipped)
}

fn has_limits(r: &ValueRules) -> bool {
    r.one_of.is_some()
        || r.min.is_some()
        || r.max.is_some()
        || r.min_length.is_some()
        || r.max_length.is_some()
        || !r.not_equal.is_empty()
}

fn same_limits(a: &ValueRules, b: &ValueRules) -> bool {
    a.one_of == b.one_of
        && a.min == b.min
        && a.max == b.max
        && a.min_length == b.min_length
        && a.max_length == b.max_length
        && a.not_equal == b.not_equal
}

/// `{"anyOf": [schema, {"type": "null"}]}` (a schema that already accepts null is kept).
pub fn nullable(schema: Value) -> Value {
    if schema == Value::Bool(true) {
        return schema;
    }
    json!({"anyOf": [schema, {"type": "null"}]})
}

fn string(pattern: Option<&str>) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!("string"));
    if let Some(p) = pattern {
        m.insert("pattern".into(), json!(p));
    }
    Value::Object(m)
}

/// Postgres's `time` output: `HH:MM:SS[.ffffff]`, up to 24:00:00.
const TIME: &str = r"^(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?|24:00:00)$";
/// `timetz`: a time and a UTC offset (hours, optionally minutes and seconds).
const TIMETZ: &str = r"^(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?|24:00:00)[+-][0-9]{2}(:[0-5][0-9]){0,2}$";
/// `timestamp`: ISO 8601 without offset, years of 4+ digits, BC, and the infinities.
const TIMESTAMP: &str = r"^(-?infinity|[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?( BC)?)$";
/// `timestamptz` as RFC 3339 (what `format: date-time` accepts).
const TIMESTAMPTZ_RFC3339: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?[+-][0-9]{2}:[0-5][0-9]$";
/// `timestamptz` values RFC 3339 cannot write: infinities, BC, 5-digit years, offsets with
/// seconds (local mean time in old dates).
const TIMESTAMPTZ_OTHER: &str = r"^(-?infinity|[0-9]{5,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?[+-][0-9]{2}(:[0-5][0-9]){0,2}( BC)?|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?[+-][0-9]{2}(:[0-5][0-9]){0,2} BC|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?[+-][0-9]{2}:[0-5][0-9]:[0-5][0-9])$";
/// `date` as RFC 3339 `full-date`.
const DATE_RFC3339: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
/// `date` values outside RFC 3339: infinities, 5-digit years, BC.
const DATE_OTHER: &str = r"^(-?infinity|[0-9]{5,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])|[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) BC)$";
/// `interval` in the default `IntervalStyle = postgres`: `1 year 2 mons 3 days 04:05:06.789`.
const INTERVAL: &str =
    r"^([+-]?[0-9]+ (years?|mons?|days?)( |$))*([+-]?[0-9]+:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?)?$";
/// `bytea` in the default `bytea_output = hex`.
const BYTEA: &str = r"^\\x([0-9a-f]{2})*$";
/// oid, xid, cid: unsigned integers written as strings.
const UNSIGNED: &str = "^[0-9]+$";

/// The schema of one non-array value going `direction`, with its limits.
fn scalar(
    catalog: &Catalog,
    rules: &ValueRules,
    direction: Direction,
    skipped: &mut Vec<String>,
) -> Value {
    let base = &rules.base;
    let (mut schema, kind) = match &rules.class {
        BaseClass::Enum { labels } => {
            let mut m = Map::new();
            m.insert("$ref".into(), json!(def_ref(&base.qualified_name())));
            if let Some(values) = &rules.one_of {
                let allowed: Vec<Value> = values
                    .iter()
                    .filter_map(|v| match v {
                        Literal::String(s) if labels.contains(s) => Some(json!(s)),
                        _ => None,
                    })
                    .collect();
                m.insert("enum".into(), Value::Array(allowed));
            }
            if !rules.not_equal.is_empty() {
                let values: Vec<Value> = rules
                    .not_equal
                    .iter()
                    .filter_map(|v| match v {
                        Literal::String(s) => Some(json!(s)),
                        _ => None,
                    })
                    .collect();
                m.insert("not".into(), json!({"enum": values}));
            }
            return Value::Object(m);
        }
        BaseClass::Composite => {
            return json!({"$ref": def_ref(&base.qualified_name())});
        }
        BaseClass::Relation => {
            return match catalog.relation(&base.schema, &base.name) {
                Some(r) => json!({"$ref": def_ref(&relation_key(r, "Row"))}),
                None => Value::Bool(true),
            };
        }
        BaseClass::Range | BaseClass::Multirange => return string(None),
        BaseClass::Scalar(scalar) => {
            // A pg_jsonschema CHECK describes a built-in json value.
            if base.schema == "pg_catalog"
                && let Some(js) = &rules.json_schema
            {
                return embedded(js, skipped);
            }
            scalar_schema(scalar.through(direction))
        }
    };
    with_limits(std::mem::take(&mut schema), kind, rules, skipped)
}

/// A pg_jsonschema CHECK's schema, embedded as its own resource so its `$ref`s resolve
/// inside it.
fn embedded(text: &str, skipped: &mut Vec<String>) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut m)) => {
            m.remove("$schema");
            m.remove("$id");
            let text = Value::Object(m.clone()).to_string();
            if text.contains("\"$ref\"") {
                m.insert("$id".into(), json!("urn:gen-types:embedded"));
            }
            Value::Object(m)
        }
        Ok(v @ Value::Bool(_)) => v,
        _ => {
            skipped.push(format!(
                "a JSON Schema CHECK that is not valid JSON: {text}"
            ));
            Value::Bool(true)
        }
    }
}

/// A scalar's schema and the kind of JSON it is written as; unknown types accept anything.
fn scalar_schema(scalar: Scalar) -> (Value, Kind) {
    let int = |min: i64, max: i64| json!({"type": "integer", "minimum": min, "maximum": max});
    let other = |v: Value| (v, Kind::Other);
    match scalar {
        Scalar::Bool => other(json!({"type": "boolean"})),
        Scalar::Int2 => (int(i16::MIN.into(), i16::MAX.into()), Kind::Integer),
        Scalar::Int4 => (int(i32::MIN.into(), i32::MAX.into()), Kind::Integer),
        Scalar::Int8 => (int(i64::MIN, i64::MAX), Kind::Integer),
        Scalar::Float4 => (
            json!({"type": "number", "minimum": -(f32::MAX as f64), "maximum": f32::MAX as f64}),
            Kind::Float,
        ),
        Scalar::Float8 => (json!({"type": "number"}), Kind::Float),
        Scalar::Numeric { precision, scale } => (numeric(precision, scale), Kind::Float),
        Scalar::Oid | Scalar::TransactionId => other(string(Some(UNSIGNED))),
        Scalar::Text
        | Scalar::Varchar { .. }
        | Scalar::Bpchar { .. }
        | Scalar::Name
        | Scalar::Char
        | Scalar::Citext => (string(None), Kind::Text),
        Scalar::Uuid => other(json!({"type": "string", "format": "uuid"})),
        Scalar::Date => other(json!({"anyOf": [
            {"type": "string", "format": "date", "pattern": DATE_RFC3339},
            {"type": "string", "pattern": DATE_OTHER}
        ]})),
        Scalar::DateTime(dt) => other(match dt {
            DateTime::TimestampTz(_) => json!({"anyOf": [
                {"type": "string", "format": "date-time", "pattern": TIMESTAMPTZ_RFC3339},
                {"type": "string", "pattern": TIMESTAMPTZ_OTHER}
            ]}),
            DateTime::Timestamp(_) => string(Some(TIMESTAMP)),
            DateTime::Time(_) => string(Some(TIME)),
            DateTime::TimeTz(_) => string(Some(TIMETZ)),
            DateTime::Interval(_) => string(Some(INTERVAL)),
        }),
        Scalar::Bytea => other(string(Some(BYTEA))),
        Scalar::Bit { length } => other(bits(length, true)),
        Scalar::Varbit { length } => other(bits(length, false)),
        Scalar::Json | Scalar::Jsonb | Scalar::Unknown => other(Value::Bool(true)),
        Scalar::Record => other(json!({"type": "object"})),
        Scalar::Void => other(json!({"type": "null"})),
        Scalar::Hstore => {
            other(json!({"type": "object", "additionalProperties": {"type": ["string", "null"]}}))
        }
        Scalar::Money
        | Scalar::Network(_)
        | Scalar::TsVector
        | Scalar::TsQuery
        | Scalar::Xml
        | Scalar::PgLsn
        | Scalar::Geometric(_)
        | Scalar::Reg
        | Scalar::Jsonpath
        | Scalar::Snapshot
        | Scalar::SystemText
        | Scalar::Ltree
        | Scalar::Lquery
        | Scalar::Ltxtquery
        | Scalar::Cube
        | Scalar::Vector(_) => other(string(None)),
    }
}

/// `numeric(p, s)`: values are rounded to `s` digits, then must stay below 10^(p-s).
fn numeric(precision: Option<u32>, scale: Option<i32>) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!("number"));
    if let Some(p) = precision
        && let Some(b) = numeric_bound(p, scale.unwrap_or(0))
    {
        m.insert("exclusiveMaximum".into(), b.clone());
        if let Some(neg) = negate(&b) {
            m.insert("exclusiveMinimum".into(), neg);
        }
    }
    Value::Object(m)
}

/// `bit(n)` (exactly `n` bits) and `varbit(n)` (at most `n`).
fn bits(length: Option<u32>, exact: bool) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!("string"));
    m.insert("pattern".into(), json!("^[01]*$"));
    if let Some(n) = length {
        m.insert("maxLength".into(), json!(n));
        if exact {
            m.insert("minLength".into(), json!(n));
        }
    }
    Value::Object(m)
}

/// `10^(p-s) - 5 * 10^-(s+1)`, the smallest magnitude that rounds to an overflow, for every
/// precision and scale Postgres accepts (scale -1000..=1000, also below 0 or above the
/// precision from PostgreSQL 15). `None` when no double reaches it (or it underflows to 0).
fn numeric_bound(p: u32, s: i32) -> Option<Value> {
    let (p, scale) = (p as usize, s.unsigned_abs() as usize);
    let text = if s < 0 {
        // Rounded to 10^-s: p nines, then a 5 at the rounding digit.
        format!("{}5{}", "9".repeat(p), "0".repeat(scale - 1))
    } else if scale > p {
        // Below 10^(p-s): the digits start s - p places after the point.
        format!("0.{}{}5", "0".repeat(scale - p), "9".repeat(p))
    } else if scale == 0 {
        format!("{}.5", "9".repeat(p))
    } else {
        let int_part = "9".repeat(p - scale);
        let int_part = if int_part.is_empty() {
            "0".into()
        } else {
            int_part
        };
        format!("{int_part}.{}5", "9".repeat(scale))
    };
    // Rust's float parsing rounds correctly, also past 17 digits.
    let f: f64 = text.parse().ok()?;
    if !f.is_finite() || f == 0.0 {
        return None;
    }
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        return Some(json!(f as i64));
    }
    serde_json::Number::from_f64(f).map(Value::Number)
}

fn negate(v: &Value) -> Option<Value> {
    serde_json::from_str(&format!("-{v}")).ok()
}

/// A literal as JSON when it fits the value's kind.
fn literal(l: &Literal, kind: Kind) -> Option<Value> {
    match (l, kind) {
        (Literal::String(s), Kind::Text) => Some(json!(s)),
        (Literal::Number(n), Kind::Integer | Kind::Float) => serde_json::from_str(n).ok(),
        (Literal::Bool(b), Kind::Other) => Some(json!(b)),
        _ => None,
    }
}

fn as_f64(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// Adds the limits of `rules` to a base schema of the given kind.
fn with_limits(base: Value, kind: Kind, rules: &ValueRules, skipped: &mut Vec<String>) -> Value {
    let Value::Object(m) = base else {
        return base;
    };
    // Which non-finite strings a float or numeric may still be: Postgres orders NaN above
    // every number and Infinity above every finite one.
    let mut non_finite: Vec<&'static str> = if kind == Kind::Float {
        NON_FINITE.to_vec()
    } else {
        Vec::new()
    };
    if let Some(Scalar::Numeric {
        precision: Some(_), ..
    }) = rules.class.scalar()
    {
        // numeric(p, s) stores NaN but not the infinities.
        non_finite.retain(|s| *s == "NaN");
    }
    let mut limits = Limits {
        m,
        kind,
        rules,
        skipped,
        non_finite,
    };
    limits.value_list();
    limits.bounds();
    limits.lengths();
    limits.inequalities();
    limits.finish()
}

/// A base schema being narrowed by value rules.
struct Limits<'a> {
    m: Map<String, Value>,
    kind: Kind,
    rules: &'a ValueRules,
    skipped: &'a mut Vec<String>,
    non_finite: Vec<&'static str>,
}

impl Limits<'_> {
    /// `IN (...)` lists: `enum` (not on char(n), which pads its values).
    fn value_list(&mut self) {
        let Some(values) = &self.rules.one_of else {
            return;
        };
        let mut allowed = Vec::new();
        for v in values {
            match literal(v, self.kind) {
                Some(j) => allowed.push(j),
                None => self.skipped.push(format!(
                    "a value list entry that is not a JSON {:?}: {v:?}",
                    self.kind
                )),
            }
        }
        if let Some(Scalar::Bpchar { .. }) = self.rules.class.scalar() {
            self.skipped
                .push("a value list on char(n), which pads values".into());
        } else {
            self.m.insert("enum".into(), Value::Array(allowed));
            self.non_finite
                .retain(|s| values.iter().any(|v| *v == Literal::String(s.to_string())));
        }
    }

    /// Comparisons: the tighter of the type's range and the CHECK's bound.
    fn bounds(&mut self) {
        if !matches!(self.kind, Kind::Integer | Kind::Float) {
            if self.rules.min.is_some() || self.rules.max.is_some() {
                self.skipped
                    .push("a comparison JSON Schema cannot express on this type".into());
            }
            return;
        }
        if let Some((v, inclusive)) = &self.rules.min {
            let key = if *inclusive {
                "minimum"
            } else {
                "exclusiveMinimum"
            };
            if self.bound(key, v, |new, old| new > old) {
                self.non_finite.retain(|s| *s != "-Infinity");
            } else {
                self.skipped.push(format!("a lower bound {v:?}"));
            }
        }
        if let Some((v, inclusive)) = &self.rules.max {
            let key = if *inclusive {
                "maximum"
            } else {
                "exclusiveMaximum"
            };
            if self.bound(key, v, |new, old| new < old) {
                self.non_finite.retain(|s| *s == "-Infinity");
            } else {
                self.skipped.push(format!("an upper bound {v:?}"));
            }
        }
    }

    /// Sets `key` to `v` unless the schema already has a tighter value; false when `v` is
    /// not a JSON number.
    fn bound(&mut self, key: &str, v: &Literal, tighter: fn(f64, f64) -> bool) -> bool {
        let Some(j) = literal(v, self.kind) else {
            return false;
        };
        let replace = match (self.m.get(key).and_then(as_f64), as_f64(&j)) {
            (Some(old), Some(new)) => tighter(new, old),
            _ => true,
        };
        if replace {
            self.m.insert(key.into(), j);
        }
        true
    }

    /// Length limits, on text only.
    fn lengths(&mut self) {
        let r = self.rules;
        if self.kind == Kind::Text {
            if let Some(n) = r.min_length {
                self.m.insert("minLength".into(), json!(n));
            }
            if let Some(n) = r.max_length {
                self.m.insert("maxLength".into(), json!(n));
            }
        } else if r.min_length.is_some() || r.max_length.is_some() {
            self.skipped
                .push("a length limit on a value that is not text".into());
        }
    }

    /// `<>` comparisons: `not: {enum: [...]}`.
    fn inequalities(&mut self) {
        let mut not_values = Vec::new();
        for v in &self.rules.not_equal {
            match literal(v, self.kind) {
                Some(j) => not_values.push(j),
                None => self.skipped.push(format!("an inequality {v:?}")),
            }
            if let Literal::String(s) = v {
                self.non_finite.retain(|n| n != s);
            }
            if let Literal::Number(n) = v {
                self.non_finite.retain(|s| s != n);
            }
        }
        if !not_values.is_empty() {
            self.m.insert("not".into(), json!({"enum": not_values}));
        }
    }

    /// The schema; a float also accepts the non-finite strings it may still be.
    fn finish(self) -> Value {
        let schema = Value::Object(self.m);
        if self.kind == Kind::Float && !self.non_finite.is_empty() {
            return json!({"anyOf": [schema, {"type": "string", "enum": self.non_finite}]});
        }
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_bounds_are_the_rounding_limit() {
        assert_eq!(numeric_bound(10, 2), Some(json!(99999999.995)));
        assert_eq!(numeric_bound(3, 0), Some(json!(999.5)));
        assert_eq!(numeric_bound(2, 2), Some(json!(0.995)));
        assert_eq!(numeric_bound(5, -2), Some(json!(9999950)));
        assert_eq!(numeric_bound(3, 5), Some(json!(0.009995)));
        assert_eq!(numeric_bound(200, 150), Some(json!(1e50)));
        // 10 - 5e-1000 is closest to 10 as a double.
        assert_eq!(numeric_bound(1000, 999), Some(json!(10)));
        // Beyond any double, or below the smallest: no bound.
        assert_eq!(numeric_bound(1000, 0), None);
        assert_eq!(numeric_bound(1, 1000), None);
    }
}
