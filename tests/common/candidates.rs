//! Candidate values for Insert objects, and Postgres's verdict on them: shared by the
//! differential tests of the JSON Schema and Zod outputs.
#![allow(dead_code)]

use gen_types::emit::rules;
use gen_types::model::{Catalog, Relation, TypeKind};
use gen_types::plan::types::Scalar;
use serde_json::{Value, json};

/// The relation, quoted for SQL.
pub fn quoted(rel: &Relation) -> String {
    format!(
        "\"{}\".\"{}\"",
        rel.schema.replace('"', "\"\""),
        rel.name.replace('"', "\"\"")
    )
}

/// A candidate value for a column and, when the schema is known to judge it differently from
/// Postgres, why.
pub struct Candidate {
    /// The JSON value.
    pub value: Value,
    /// Why the JSON Schema judges it differently from Postgres, when it does.
    pub disagreement: Option<&'static str>,
}

pub fn ok(value: Value) -> Candidate {
    Candidate {
        value,
        disagreement: None,
    }
}

pub fn differs(value: Value, why: &'static str) -> Candidate {
    Candidate {
        value,
        disagreement: Some(why),
    }
}

pub const SYNTAX_NOT_CHECKED: &str =
    "the schema checks only that these types are strings, not their syntax";
pub const DIMENSIONS: &str = "Postgres does not enforce declared array dimensions";
pub const RAGGED: &str =
    "Postgres rejects ragged multidimensional arrays; JSON Schema cannot say so";
pub const FRACTION: &str = "an integral number written with a fraction is a JSON Schema integer, but int input rejects `2.0`";
pub const UNDERFLOW: &str = "float4 input rejects values that underflow to 0";
pub const BYTEA_SPELLING: &str =
    "bytea input also reads upper-case hex and the escape format, which Postgres never writes";

/// `to_jsonb(t)` as a client sends it back: hstore columns as their text, which is what
/// PostgREST's `json_populate_record` reads (hstore_in refuses the object `to_jsonb`
/// writes). `t` is the row's alias in the query.
pub fn written_row(catalog: &Catalog, rel: &Relation) -> String {
    let mut out = "to_jsonb(t)".to_string();
    for c in &rel.columns {
        let r = rules::column_rules(catalog, rel, c);
        if r.array_dims == 0 && r.class == rules::BaseClass::Scalar(Scalar::Hstore) {
            out.push_str(&format!(
                " || jsonb_build_object('{}', t.\"{}\"::text)",
                c.name.replace('\'', "''"),
                c.name.replace('"', "\"\"")
            ));
        }
    }
    out
}

/// Candidates for a column, by the type Postgres stores (never by what the schema says).
pub fn candidates(catalog: &Catalog, rel: &Relation, column: &str, base: &Value) -> Vec<Candidate> {
    let col = rel.column(column).unwrap();
    let r = rules::column_rules(catalog, rel, col);
    let mut out = vec![ok(Value::Null)];
    let dims = r.array_dims;
    if dims > 0 {
        let element: Vec<Candidate> = scalar_candidates(catalog, &r)
            .into_iter()
            .filter(|c| c.disagreement.is_none())
            .collect();
        let wrap = |v: Value, d: u32| (0..d).fold(v, |acc, _| json!([acc]));
        out.push(ok(json!([])));
        for c in element.into_iter().take(8) {
            out.push(ok(wrap(c.value.clone(), dims)));
        }
        out.push(ok(wrap(Value::Null, dims)));
        out.push(differs(wrap(json!([]), dims + 1), DIMENSIONS));
        if dims >= 2 {
            out.push(differs(json!([[1, 2], [3]]), RAGGED));
        }
        return out;
    }
    out.extend(scalar_candidates(catalog, &r));
    // The base row's own integer, written with a fraction.
    if matches!(r.base.name.as_str(), "int2" | "int4" | "int8")
        && let Some(n) = base.as_i64()
    {
        out.push(differs(json!(n as f64), FRACTION));
    }
    out
}

pub fn scalar_candidates(catalog: &Catalog, r: &rules::ValueRules) -> Vec<Candidate> {
    let strings = |vs: &[&str]| vs.iter().map(|s| ok(json!(s))).collect::<Vec<_>>();
    if let rules::BaseClass::Enum { labels } = &r.class {
        let mut c: Vec<Candidate> = labels.iter().map(|l| ok(json!(l))).collect();
        c.extend(strings(&["angry", "HAPPY", ""]));
        return c;
    }
    if r.class == rules::BaseClass::Composite {
        let attributes = match catalog.type_def(&r.base).map(|d| &d.kind) {
            Some(TypeKind::Composite { attributes }) => attributes.as_slice(),
            _ => &[],
        };
        let full: serde_json::Map<String, Value> = attributes
            .iter()
            .map(|a| (a.name.clone(), Value::Null))
            .collect();
        return vec![ok(json!({})), ok(Value::Object(full))];
    }
    if r.class == rules::BaseClass::Range {
        return vec![
            ok(json!("empty")),
            differs(json!("[2,1)"), SYNTAX_NOT_CHECKED),
        ];
    }
    if r.base.schema != "pg_catalog" {
        // Extension types written as text: citext takes any text, the others have a syntax
        // the schemas do not check.
        let syntax = |valid: &[&str], invalid: &[&str]| {
            let mut c = strings(valid);
            c.extend(
                invalid
                    .iter()
                    .map(|s| differs(json!(s), SYNTAX_NOT_CHECKED)),
            );
            c
        };
        return match r.base.name.as_str() {
            "ltree" => syntax(&["", "a", "top.science", "a_b.c1"], &[" ", "a..b", "a b"]),
            "lquery" => syntax(&["a", "top.*{1,2}", "*.a.*", "astro*"], &["", " ", "a..b"]),
            "ltxtquery" => syntax(&["a", "a & b", "astro*"], &["", "&", "a.b"]),
            "cube" => syntax(&["(1, 2, 3)", "1", "(1,2),(3,4)"], &["", "x", "a b"]),
            "hstore" => {
                let mut c = syntax(&["", "a=>1", r#""a"=>"1", "b"=>NULL"#], &["a", "a=>"]);
                // The object to_jsonb writes is not what hstore_in reads.
                c.extend([ok(json!({})), ok(json!({"a": "1", "b": null}))]);
                c
            }
            _ => text_candidates(),
        };
    }
    match r.base.name.as_str() {
        "text" | "varchar" | "bpchar" | "name" => text_candidates(),
        "char" => strings(&["", "x", "xyz"]),
        "int2" | "int4" | "int8" => [
            json!(0),
            json!(1),
            json!(-1),
            json!(2),
            json!(5),
            json!(6),
            json!(99),
            json!(100),
            json!(404),
            json!(599),
            json!(600),
            json!(1000),
            json!(32767),
            json!(32768),
            json!(-32768),
            json!(-32769),
            json!(2147483647),
            json!(2147483648_i64),
            json!(-2147483648_i64),
            json!(-2147483649_i64),
            json!(9223372036854775807_i64),
            json!(-9223372036854775808_i64),
            json!(9223372036854775808_u64),
            json!(1.5),
            json!("NaN"),
        ]
        .into_iter()
        .map(ok)
        .collect(),
        "float4" | "float8" => {
            let mut c: Vec<Candidate> = [
                json!(0),
                json!(1.5),
                json!(-1.5),
                json!(1e30),
                json!(1e39),
                json!(-1e39),
                json!("NaN"),
                json!("Infinity"),
                json!("-Infinity"),
                json!("infinity!"),
            ]
            .into_iter()
            .map(ok)
            .collect();
            if r.base.name == "float4" {
                c.push(differs(json!(1e-50), UNDERFLOW));
            } else {
                c.push(ok(json!(1e-50)));
            }
            c
        }
        "numeric" => [
            json!(0),
            json!(0.01),
            json!(-0.01),
            json!(1.23456),
            json!(12345.67),
            json!(99999999.99),
            json!(-99999999.99),
            json!(100000000),
            json!(-100000000),
            json!(1e20),
            json!("NaN"),
            json!("Infinity"),
            json!("-Infinity"),
            json!("twelve"),
        ]
        .into_iter()
        .map(ok)
        .collect(),
        "bool" => vec![ok(json!(true)), ok(json!(false))],
        "uuid" => strings(&[
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "00000000-0000-0000-0000-000000000000",
            "not-a-uuid",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
        ]),
        "date" => strings(&[
            "2024-02-29",
            "2023-02-29",
            "infinity",
            "-infinity",
            "0044-03-15 BC",
            "2024-13-01",
            "yesterday-ish",
        ]),
        "timestamptz" => strings(&[
            "2024-02-29T13:45:30.123456+00:00",
            "2024-02-29T13:45:30+02:00",
            "infinity",
            "-infinity",
            "2024-02-30T00:00:00+00:00",
            "2024-02-29T25:00:00+00:00",
        ]),
        "timestamp" => strings(&[
            "2024-02-29T13:45:30",
            "2024-02-29T13:45:30.5",
            "infinity",
            "2024-02-29T25:00:00",
        ]),
        "time" => strings(&["13:45:30", "24:00:00", "13:45:30.123", "25:00:00"]),
        "interval" => strings(&["1 year 2 mons 3 days 04:05:06.789", "-1 days +02:03:04"]),
        "bytea" => vec![
            ok(json!("\\xdeadbeef")),
            ok(json!("\\x")),
            ok(json!("\\xabc")),
            differs(json!("\\xDEADBEEF"), BYTEA_SPELLING),
        ],
        "json" | "jsonb" => vec![
            ok(json!({})),
            ok(json!([])),
            ok(json!({"a": [1, null]})),
            ok(json!("s")),
            ok(json!(1)),
            ok(json!(true)),
        ],
        "oid" => strings(&["16384", "4294967295", "abc"]),
        "bit" => strings(&["101", "10", "1010", "102"]),
        "varbit" => strings(&["", "1100", "111111111", "2"]),
        // Types whose text the schema takes as any string: one valid value and one invalid.
        "money" => vec![
            ok(json!("$1.50")),
            differs(json!("one"), SYNTAX_NOT_CHECKED),
        ],
        "inet" | "cidr" => vec![
            ok(json!("10.0.0.0/8")),
            differs(json!("10.0.0.300"), SYNTAX_NOT_CHECKED),
        ],
        "macaddr" => vec![
            ok(json!("08:00:2b:01:02:03")),
            differs(json!("08:00:2b"), SYNTAX_NOT_CHECKED),
        ],
        "point" => vec![
            ok(json!("(1,2)")),
            differs(json!("(1,"), SYNTAX_NOT_CHECKED),
        ],
        _ => vec![],
    }
}

pub fn text_candidates() -> Vec<Candidate> {
    let mut c: Vec<Candidate> = [
        "",
        " ",
        "a",
        "ab",
        "abc",
        "日本語",
        "free",
        "pro",
        "enterprise",
        "FREE",
        "owner",
        "admin",
        "member",
        "todo",
        "in_progress",
        "done",
        "cancelled",
        "task",
        "bug",
        "chore",
        "C",
        "F",
        "K",
        "X",
        "US",
        "acme-inc",
        "Acme",
        "a@b",
        "@b",
        "ab@",
        "required",
    ]
    .iter()
    .map(|s| ok(json!(s)))
    .collect();
    for n in [
        2, 5, 7, 8, 9, 10, 11, 20, 21, 32, 33, 48, 49, 119, 120, 121, 280, 281,
    ] {
        c.push(ok(json!("x".repeat(n))));
    }
    c.push(ok(json!("é".repeat(8))));
    c.push(ok(json!("é".repeat(9))));
    c
}

/// Postgres's verdict on inserting `object` into `rel`: None when accepted, else the error's
/// SQLSTATE and constraint.
pub fn postgres_verdict(
    tx: &mut postgres::Transaction<'_>,
    rel: &Relation,
    object: &Value,
) -> Option<(String, Option<String>, String)> {
    let keys: Vec<String> = object
        .as_object()
        .unwrap()
        .keys()
        .map(|k| format!("\"{}\"", k.replace('"', "\"\"")))
        .collect();
    let sql = if keys.is_empty() {
        format!("INSERT INTO {} DEFAULT VALUES", quoted(rel))
    } else {
        format!(
            "INSERT INTO {t} ({cols}) SELECT {cols} FROM jsonb_populate_record(NULL::{t}, $1)",
            t = quoted(rel),
            cols = keys.join(", ")
        )
    };
    tx.batch_execute("SAVEPOINT candidate").unwrap();
    let result = if keys.is_empty() {
        tx.execute(&sql, &[])
    } else {
        tx.execute(&sql, &[object])
    };
    tx.batch_execute("ROLLBACK TO SAVEPOINT candidate").unwrap();
    match result {
        Ok(_) => None,
        Err(e) => {
            let db = e.as_db_error().unwrap_or_else(|| panic!("{e}"));
            Some((
                db.code().code().to_string(),
                db.constraint().map(str::to_string),
                db.message().to_string(),
            ))
        }
    }
}

/// Constraint names the schema says it does not express for this relation (its `$comment`s
/// list them): multi-column or unparsed CHECKs, and domain CHECKs it could not translate.
pub fn untranslated(catalog: &Catalog, rel: &Relation, constraint: &str) -> bool {
    let mentions = |s: &String| {
        s.starts_with(&format!("{constraint}: ")) || s.starts_with(&format!("{constraint} ("))
    };
    rules::untranslated_checks(rel).iter().any(mentions)
        || rel.columns.iter().any(|c| {
            rules::column_rules(catalog, rel, c)
                .skipped
                .iter()
                .any(mentions)
        })
}
