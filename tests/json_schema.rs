//! database.schema.json against a real PostgreSQL and a real JSON Schema validator: the
//! document is valid 2020-12, every fixture row (as `to_jsonb` writes it) matches its Row
//! definition, and Insert definitions agree with Postgres on what it accepts.

mod common;

use std::collections::BTreeMap;

use common::candidates::{candidates, postgres_verdict, quoted, untranslated, written_row};
use common::{FIXTURES, TestDb, snapshot_settings};
use gen_types::config::TsTransport;
use gen_types::emit::json_schema::{def_ref, relation_key};
use gen_types::emit::{Target, rules};
use gen_types::model::{Catalog, Identity, TypeKind};
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

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn document_is_valid_2020_12_and_every_row_matches_its_row_definition() {
    // compat_cases too: char/bit/xml values and arrays, views written through triggers.
    const COMPAT_CASES: &[(&str, &[&str])] = &[("compat_cases", &["public", "shop"])];
    for (fixture, schemas) in FIXTURES.iter().chain(COMPAT_CASES) {
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

#[test]
fn insert_definitions_agree_with_postgres() {
    for fixture in ["type_zoo", "supabase_app"] {
        let schemas = FIXTURES.iter().find(|f| f.0 == fixture).unwrap().1;
        let db = TestDb::with_fixture(fixture);
        let (catalog, doc, _) = load(&db, schemas);
        let mut client = db.client();
        let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
        let mut failures = Vec::new();
        let mut zod_cases: Vec<ZodCase> = Vec::new();
        for rel in catalog.relations.iter().filter(|r| r.kind.is_table()) {
            let key = relation_key(rel, "Insert");
            let v = validator(&doc, &key);
            let mut tx = client.transaction().unwrap();
            // A real row as the base; the table is emptied (in this transaction only) so
            // that reinserting it breaks no unique key.
            let base: Option<Value> = tx
                .query(
                    &format!(
                        "SELECT {} FROM {} t LIMIT 1",
                        written_row(&catalog, rel),
                        quoted(rel)
                    ),
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
            // (column changed, its value) for each case, to classify Zod's verdicts.
            let mut changed: Vec<Option<(String, Value)>> = vec![None];
            for (name, value) in &forbidden {
                let mut o = base.clone();
                o[name] = value.clone();
                cases.push((format!("read-only {name}"), o, None));
                changed.push(None);
            }
            let mut o = base.clone();
            o["no_such_column"] = json!(1);
            cases.push(("an unknown column".into(), o, None));
            cases.push(("nothing".into(), json!({}), None));
            changed.push(None);
            changed.push(None);
            for name in base.as_object().unwrap().keys() {
                let mut o = base.clone();
                o.as_object_mut().unwrap().remove(name);
                cases.push((format!("{name} left out"), o, None));
                changed.push(None);
                for c in candidates(&catalog, rel, name, &base[name.as_str()]) {
                    let mut o = base.clone();
                    o[name.as_str()] = c.value.clone();
                    cases.push((format!("{name} = {}", c.value), o, c.disagreement));
                    changed.push(Some((name.clone(), c.value.clone())));
                }
            }
            for ((what, object, expected), change) in cases.into_iter().zip(changed) {
                let schema_ok = v.is_valid(&object);
                let pg = postgres_verdict(&mut tx, rel, &object);
                zod_cases.push(ZodCase {
                    relation: rel.clone(),
                    what: what.clone(),
                    object: object.clone(),
                    change,
                    pg: pg.clone(),
                    schema_ok,
                });
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
        failures.extend(zod_verdicts_agree(
            fixture, &db, &catalog, schemas, &zod_cases,
        ));
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

/// One Insert candidate with Postgres's and the JSON Schema's verdicts, for the Zod check.
struct ZodCase {
    relation: gen_types::model::Relation,
    what: String,
    object: Value,
    change: Option<(String, Value)>,
    pg: Option<(String, Option<String>, String)>,
    schema_ok: bool,
}

/// Where the Zod Insert schema judges a candidate differently from Postgres by design.
fn zod_disagreement(catalog: &Catalog, case: &ZodCase) -> Option<&'static str> {
    let (column, value) = case.change.as_ref()?;
    let col = case.relation.column(column)?;
    let r = rules::column_rules(catalog, &case.relation, col);
    if r.class == rules::BaseClass::Composite {
        return Some(
            "a composite value must give every attribute in the types and in Zod; Postgres fills missing ones with NULL",
        );
    }
    if r.array_dims > 0 {
        return match value {
            Value::Array(items) if items.iter().any(Value::is_array) && r.array_dims == 1 => {
                Some("Postgres does not enforce declared array dimensions")
            }
            Value::Array(items)
                if items
                    .iter()
                    .any(|i| i.as_array().is_some_and(|a| a.is_empty())) =>
            {
                Some("Postgres does not enforce declared array dimensions")
            }
            _ if r.array_dims >= 2 => Some(
                "Postgres rejects ragged multidimensional arrays; the schema does not check shape",
            ),
            _ => None,
        };
    }
    let name = r.base.name.as_str();
    match value {
        Value::Number(n)
            if ["int2", "int4", "int8"].contains(&name)
                && n.is_f64()
                && n.as_f64().is_some_and(|f| f.fract() == 0.0) =>
        {
            Some(
                "JavaScript reads 1.0 as 1 (and never writes 1.0), so Zod cannot see the fraction that integer input rejects",
            )
        }
        Value::String(s)
            if ["NaN", "Infinity", "-Infinity"].contains(&s.as_str())
                && ["float4", "float8", "numeric"].contains(&name) =>
        {
            Some("non-finite numbers cannot be sent as JSON numbers; the Insert type is number")
        }
        Value::Number(n)
            if ["int8", "numeric"].contains(&name)
                && n.as_f64().is_some_and(|f| f.abs() > 9007199254740991.0) =>
        {
            Some("beyond JavaScript's safe integers: the value would change before it is sent")
        }
        Value::Number(n)
            if name == "float4" && n.as_f64().is_some_and(|f| f != 0.0 && f.abs() < 1e-45) =>
        {
            Some("float4 input rejects values that underflow to 0")
        }
        Value::String(_)
            if [
                "point", "line", "lseg", "box", "path", "polygon", "circle", "tsvector", "tsquery",
                "xml",
            ]
            .contains(&name) =>
        {
            Some("the schema checks only that these types are strings, not their syntax")
        }
        Value::String(_)
            if r.base.schema != "pg_catalog"
                && ["ltree", "lquery", "ltxtquery", "cube", "hstore"].contains(&name) =>
        {
            Some("the schema checks only that these types are strings, not their syntax")
        }
        Value::String(_) if r.class == rules::BaseClass::Range => {
            Some("the schema checks the shape of a range, not the order of its bounds")
        }
        _ => None,
    }
}

/// Runs the fixture's Zod Insert schemas (Zod 4, postgrest profile, with
/// `nullable_array_elements`: Postgres accepts NULL array elements, which the default types
/// and schemas leave out on purpose) on every candidate and checks each verdict against
/// Postgres's; returns the unexpected disagreements.
fn zod_verdicts_agree(
    fixture: &str,
    db: &TestDb,
    catalog: &Catalog,
    schemas: &[&str],
    cases: &[ZodCase],
) -> Vec<String> {
    let dir = common::node_workspace(&format!("zod-insert-{fixture}"));
    let cfg = Config {
        schemas: schemas.iter().map(|s| s.to_string()).collect(),
        targets: Some(vec![Target::Zod]),
        typescript: gen_types::config::TypescriptConfig {
            transport: TsTransport::Postgrest,
            nullable_array_elements: true,
            ..Default::default()
        },
        ..Config::default()
    };
    let zod = gen_types::generate(catalog, &cfg)
        .unwrap()
        .into_values()
        .next()
        .unwrap();
    std::fs::write(dir.join("database.schemas.ts"), zod).unwrap();
    common::compile_to_js(&dir);
    let input: Vec<Value> = cases
        .iter()
        .map(|c| json!({ "schema": c.relation.schema, "relation": c.relation.name, "kind": "Tables", "which": "Insert", "value": c.object }))
        .collect();
    std::fs::write(
        dir.join("candidates.json"),
        serde_json::to_string(&input).unwrap(),
    )
    .unwrap();
    let (ok, out) = common::run(
        std::process::Command::new("node")
            .arg(common::repo().join("tests/ts/zod_verdicts.mjs"))
            .arg(dir.join("out/database.schemas.js"))
            .arg(dir.join("candidates.json")),
    );
    assert!(ok, "zod_verdicts.mjs failed: {out}");
    let verdicts: Vec<Option<String>> = serde_json::from_str(&out).unwrap();
    let _ = db;
    let mut failures = Vec::new();
    let mut agree = 0;
    for (c, zod) in cases.iter().zip(verdicts) {
        let zod_ok = zod.is_none();
        let pg_ok = c.pg.is_none();
        let invisible = matches!(&c.pg, Some((code, _, _)) if code == "23505" || code == "23503")
            || matches!(&c.pg, Some((code, None, msg)) if code == "23514" && msg.starts_with("no partition of relation"))
            || matches!(&c.pg, Some((code, Some(constraint), _)) if code == "23514" && untranslated(catalog, &c.relation, constraint));
        if zod_ok == pg_ok {
            agree += 1;
            continue;
        }
        if (zod_ok && invisible) || zod_disagreement(catalog, c).is_some() {
            continue;
        }
        failures.push(format!(
            "zod: {}.{}: {}: Zod {} ({}), Postgres {}; JSON Schema {}",
            c.relation.schema,
            c.relation.name,
            c.what,
            if zod_ok { "accepts" } else { "rejects" },
            zod.unwrap_or_default(),
            match &c.pg {
                None => "accepts".to_string(),
                Some((code, k, msg)) => format!("rejects: {code} {k:?} {msg}"),
            },
            if c.schema_ok { "accepts" } else { "rejects" },
        ));
    }
    assert!(agree > 500, "{fixture}: only {agree} Zod verdicts agree");
    failures
}
