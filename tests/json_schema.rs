//! database.schema.json against a real PostgreSQL and a real JSON Schema validator: the
//! document is valid 2020-12, every fixture row (as `to_jsonb` writes it) matches its Row
//! definition, and Insert definitions agree with Postgres on what it accepts.

mod common;

use std::collections::BTreeMap;

use common::{FIXTURES, TestDb, snapshot_settings};
use gen_types::emit::json_schema::{def_ref, relation_key};
use gen_types::emit::{Target, rules};
use gen_types::model::{Catalog, Identity, Relation, TypeKind};
use gen_types::{Config, Source};
use serde_json::{Value, json};

fn config(schemas: &[&str]) -> Config {
    Config {
        schemas: schemas.iter().map(|s| s.to_string()).collect(),
        targets: Some(vec![Target::JsonSchema]),
        ..Config::default()
    }
}

fn load(db: &TestDb, schemas: &[&str]) -> (Catalog, Value, String) {
    let config = config(schemas);
    let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &config)
        .unwrap()
        .catalog;
    let files = gen_types::generate(&catalog, &config).unwrap();
    let text = files.into_values().next().unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    (catalog, doc, text)
}

/// A validator for one `$defs` entry of the document, with format assertion on (so that
/// `uuid`, `date` and `date-time` are checked, not just annotated).
fn validator(doc: &Value, key: &str) -> jsonschema::Validator {
    let mut schema = doc.clone();
    assert!(
        schema["$defs"].get(key).is_some(),
        "no definition {key} in the document"
    );
    schema["$ref"] = json!(def_ref(key));
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{key}: {e}"))
}

fn quoted(rel: &Relation) -> String {
    format!(
        "\"{}\".\"{}\"",
        rel.schema.replace('"', "\"\""),
        rel.name.replace('"', "\"\"")
    )
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn document_is_valid_2020_12_and_every_row_matches_its_row_definition() {
    for (fixture, schemas) in FIXTURES {
        let db = TestDb::with_fixture(fixture);
        let (catalog, doc, text) = load(&db, schemas);
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(
                common::versioned_snapshot_name(&format!("json_schema__{fixture}")),
                text
            )
        });
        assert!(text.ends_with("}\n"), "pretty-printed with a final newline");
        if let Err(e) = jsonschema::draft202012::meta::validate(&doc) {
            panic!("{fixture}: the document is not valid JSON Schema 2020-12: {e}");
        }
        // Every relation has a Row; Insert and Update exactly when it accepts them.
        let defs = doc["$defs"].as_object().unwrap();
        let mut client = db.client();
        let mut rows_checked = 0;
        for rel in &catalog.relations {
            for (part, expected) in [
                ("Row", true),
                ("Insert", rel.insertable()),
                ("Update", rel.updatable()),
            ] {
                assert_eq!(
                    defs.contains_key(&relation_key(rel, part)),
                    expected,
                    "{fixture}: {}",
                    relation_key(rel, part)
                );
            }
            let v = validator(&doc, &relation_key(rel, "Row"));
            let rows = client
                .query(&format!("SELECT to_jsonb(t) FROM {} t", quoted(rel)), &[])
                .unwrap();
            for row in rows {
                let instance: Value = row.get(0);
                let errs = errors(&v, &instance);
                assert!(
                    errs.is_empty(),
                    "{fixture}: a row of {}.{} does not match its Row definition: {errs:#?}\n{instance}",
                    rel.schema,
                    rel.name
                );
                rows_checked += 1;
            }
        }
        assert!(rows_checked > 10, "{fixture}: only {rows_checked} rows");
        // Every enum, composite and domain has a definition.
        for t in &catalog.types {
            if matches!(
                t.kind,
                TypeKind::Enum { .. } | TypeKind::Composite { .. } | TypeKind::Domain { .. }
            ) {
                assert!(
                    defs.contains_key(&t.qualified_name()),
                    "{}",
                    t.qualified_name()
                );
            }
        }
    }
}

#[test]
fn row_definitions_reject_what_postgres_never_writes() {
    let db = TestDb::with_fixture("type_zoo");
    let (_, doc, _) = load(&db, &["public", "extra"]);
    let v = validator(&doc, "public.defaults_and_generated.Row");
    let mut client = db.client();
    let row: Value = client
        .query_one(
            "SELECT to_jsonb(t) FROM public.defaults_and_generated t ORDER BY id LIMIT 1",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(v.is_valid(&row));
    let changed = |key: &str, value: Value| {
        let mut r = row.clone();
        r[key] = value;
        r
    };
    for (what, bad) in [
        ("a missing column", {
            let mut r = row.clone();
            r.as_object_mut().unwrap().remove("first_name");
            r
        }),
        ("an unknown column", changed("nope", json!(1))),
        (
            "NULL in a NOT NULL column",
            changed("first_name", Value::Null),
        ),
        ("a string for an int4", changed("quantity", json!("1"))),
        (
            "an int4 out of range",
            changed("quantity", json!(2147483648_i64)),
        ),
        ("a bad enum label", changed("d_enum", json!("angry"))),
        (
            "a timestamp without offset",
            changed("d_now", json!("2024-05-01T12:00:00")),
        ),
        ("a non-date", changed("d_cast", json!("2024-02-30"))),
        ("a non-uuid", changed("d_uuid", json!("not-a-uuid"))),
        ("a number array element", changed("d_array", json!([1]))),
    ] {
        assert!(!v.is_valid(&bad), "accepted {what}: {bad}");
    }
    for (what, good) in [
        ("infinity", changed("d_cast", json!("infinity"))),
        ("-infinity", changed("d_now", json!("-infinity"))),
        ("a BC date", changed("d_cast", json!("0044-03-15 BC"))),
        (
            "NULL array elements",
            changed("d_array", json!(["a", null])),
        ),
        ("NaN numeric", changed("line_total", json!("NaN"))),
    ] {
        assert!(v.is_valid(&good), "rejected {what}: {good}");
    }
}

/// A candidate value for a column and, when the schema is known to judge it differently from
/// Postgres, why.
struct Candidate {
    value: Value,
    disagreement: Option<&'static str>,
}

fn ok(value: Value) -> Candidate {
    Candidate {
        value,
        disagreement: None,
    }
}

fn differs(value: Value, why: &'static str) -> Candidate {
    Candidate {
        value,
        disagreement: Some(why),
    }
}

const SYNTAX_NOT_CHECKED: &str =
    "the schema checks only that these types are strings, not their syntax";
const DIMENSIONS: &str = "Postgres does not enforce declared array dimensions";
const RAGGED: &str = "Postgres rejects ragged multidimensional arrays; JSON Schema cannot say so";
const FRACTION: &str = "an integral number written with a fraction is a JSON Schema integer, but int input rejects `2.0`";
const UNDERFLOW: &str = "float4 input rejects values that underflow to 0";
const BYTEA_SPELLING: &str =
    "bytea input also reads upper-case hex and the escape format, which Postgres never writes";

/// Candidates for a column, by the type Postgres stores (never by what the schema says).
fn candidates(catalog: &Catalog, rel: &Relation, column: &str, base: &Value) -> Vec<Candidate> {
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

fn scalar_candidates(catalog: &Catalog, r: &rules::ValueRules) -> Vec<Candidate> {
    let strings = |vs: &[&str]| vs.iter().map(|s| ok(json!(s))).collect::<Vec<_>>();
    if let Some(TypeKind::Enum { labels }) = &r.base_kind {
        let mut c: Vec<Candidate> = labels.iter().map(|l| ok(json!(l))).collect();
        c.extend(strings(&["angry", "HAPPY", ""]));
        return c;
    }
    if let Some(TypeKind::Composite { attributes }) = &r.base_kind {
        let full: serde_json::Map<String, Value> = attributes
            .iter()
            .map(|a| (a.name.clone(), Value::Null))
            .collect();
        let _ = catalog;
        return vec![ok(json!({})), ok(Value::Object(full))];
    }
    if let Some(TypeKind::Range { .. }) = &r.base_kind {
        return vec![
            ok(json!("empty")),
            differs(json!("[2,1)"), SYNTAX_NOT_CHECKED),
        ];
    }
    if r.base.schema != "pg_catalog" {
        // citext and friends: text.
        return text_candidates();
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
            json!(3.14159),
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

fn text_candidates() -> Vec<Candidate> {
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
fn postgres_verdict(
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
fn untranslated(catalog: &Catalog, rel: &Relation, constraint: &str) -> bool {
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

#[test]
fn insert_definitions_agree_with_postgres() {
    for fixture in ["type_zoo", "supabase_app"] {
        let schemas = FIXTURES.iter().find(|f| f.0 == fixture).unwrap().1;
        let db = TestDb::with_fixture(fixture);
        let (catalog, doc, _) = load(&db, schemas);
        let mut client = db.client();
        let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
        let mut failures = Vec::new();
        for rel in catalog.relations.iter().filter(|r| r.kind.is_table()) {
            let key = relation_key(rel, "Insert");
            let v = validator(&doc, &key);
            let mut tx = client.transaction().unwrap();
            // A real row as the base; the table is emptied (in this transaction only) so
            // that reinserting it breaks no unique key.
            let base: Option<Value> = tx
                .query(
                    &format!("SELECT to_jsonb(t) FROM {} t LIMIT 1", quoted(rel)),
                    &[],
                )
                .unwrap()
                .first()
                .map(|r| r.get(0));
            let Some(mut base) = base else {
                continue;
            };
            tx.batch_execute(&format!("TRUNCATE {} CASCADE", quoted(rel)))
                .unwrap();
            let obj = base.as_object_mut().unwrap();
            let forbidden: Vec<(String, Value)> = rel
                .columns
                .iter()
                .filter(|c| c.generated.is_some() || c.identity == Some(Identity::Always))
                .map(|c| (c.name.clone(), obj.remove(&c.name).unwrap()))
                .collect();
            let mut cases: Vec<(String, Value, Option<&'static str>)> =
                vec![("the base row".into(), base.clone(), None)];
            for (name, value) in &forbidden {
                let mut o = base.clone();
                o[name] = value.clone();
                cases.push((format!("read-only {name}"), o, None));
            }
            let mut o = base.clone();
            o["no_such_column"] = json!(1);
            cases.push(("an unknown column".into(), o, None));
            cases.push(("nothing".into(), json!({}), None));
            for name in base.as_object().unwrap().keys() {
                let mut o = base.clone();
                o.as_object_mut().unwrap().remove(name);
                cases.push((format!("{name} left out"), o, None));
                for c in candidates(&catalog, rel, name, &base[name.as_str()]) {
                    let mut o = base.clone();
                    o[name.as_str()] = c.value.clone();
                    cases.push((format!("{name} = {}", c.value), o, c.disagreement));
                }
            }
            for (what, object, expected) in cases {
                let schema_ok = v.is_valid(&object);
                let pg = postgres_verdict(&mut tx, rel, &object);
                let pg_ok = pg.is_none();
                let invisible = match &pg {
                    Some((code, _, _)) if code == "23505" => Some("unique key"),
                    Some((code, _, _)) if code == "23503" => Some("foreign key"),
                    Some((code, None, msg))
                        if code == "23514" && msg.starts_with("no partition of relation") =>
                    {
                        Some("partition bounds")
                    }
                    Some((code, Some(constraint), _))
                        if code == "23514" && untranslated(&catalog, rel, constraint) =>
                    {
                        Some("untranslated CHECK")
                    }
                    _ => None,
                };
                let outcome = match (schema_ok == pg_ok, expected, invisible) {
                    (true, None, _) => "agree",
                    (false, Some(_), _) => "named disagreement",
                    (false, None, Some(kind)) if schema_ok => kind,
                    _ => {
                        failures.push(format!(
                            "{}.{}: {what}: schema {}, Postgres {} ({})",
                            rel.schema,
                            rel.name,
                            if schema_ok { "accepts" } else { "rejects" },
                            match &pg {
                                None => "accepts".to_string(),
                                Some((code, c, msg)) => format!("rejects: {code} {c:?} {msg}"),
                            },
                            expected.unwrap_or("no disagreement expected"),
                        ));
                        "failure"
                    }
                };
                *tally.entry(outcome).or_default() += 1;
                if pg_ok {
                    *tally.entry("postgres accepts").or_default() += 1;
                }
            }
            tx.rollback().unwrap();
        }
        eprintln!("{fixture}: {tally:?}");
        assert!(
            failures.is_empty(),
            "{fixture}: {} disagreements:\n{}",
            failures.len(),
            failures.join("\n")
        );
        assert!(tally["agree"] > 500, "{fixture}: {tally:?}");
        assert!(tally["postgres accepts"] > 200, "{fixture}: {tally:?}");
    }
}
