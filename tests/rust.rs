//! database.rs against a real PostgreSQL and a real compiler: the generated Rust of every
//! fixture compiles in one crate under `#![deny(warnings)]`; every fixture row, as
//! `to_jsonb` writes it, deserializes into its Row type and serializes back to JSON that
//! Postgres reads to the same row; Insert and Update values written by serde are accepted
//! by Postgres and do what they say.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{FIXTURES, TestDb, repo, run, snapshot_settings};
use gen_types::config::TypeOverride;
use gen_types::emit::Target;
use gen_types::model::{Catalog, Identity, Relation};
use gen_types::{Config, Source};

fn config(fixture: &str, schemas: &[&str]) -> Config {
    let mut config = Config {
        schemas: schemas.iter().map(|s| s.to_string()).collect(),
        targets: Some(vec![Target::Rust]),
        ..Config::default()
    };
    if fixture == "type_zoo" {
        // The two columns whose fixture values the default types cannot hold exactly, typed
        // with the exact support types instead (README, "Rust types"):
        // c_numeric holds 36 significant digits and NaN, beyond rust_decimal::Decimal;
        // c_jsonb holds 12345678901234567890123, beyond serde_json::Value's f64.
        for (column, rust) in [("c_numeric", "pg::Numeric"), ("c_jsonb", "pg::RawJson")] {
            config.overrides.columns.insert(
                format!("public.all_types.{column}"),
                TypeOverride {
                    rust: Some(rust.into()),
                    ..TypeOverride::default()
                },
            );
        }
    }
    config
}

/// JSON columns typed by pg_jsonschema CHECKs. pg_jsonschema is not installed here, so a
/// stand-in `jsonb_matches_schema` (same signature, accepts everything) carries the CHECKs;
/// what matters to the Rust target is the schema in the constraint.
const JSON_TYPED: &str = r##"
CREATE FUNCTION public.jsonb_matches_schema(schema json, instance jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT true $$;
CREATE TABLE public.settings (
    id integer PRIMARY KEY,
    prefs jsonb NOT NULL CHECK (jsonb_matches_schema('{"type": "object", "properties": {"theme": {"type": "string", "enum": ["light", "dark"]}, "font_size": {"type": "integer", "minimum": 6}, "shortcuts": {"type": "array", "items": {"$ref": "#/definitions/shortcut"}}}, "required": ["theme"], "additionalProperties": false, "definitions": {"shortcut": {"type": "object", "properties": {"key": {"type": "string"}, "action": {"type": "string"}}, "required": ["key", "action"]}}}', prefs)),
    tags jsonb CHECK (jsonb_matches_schema('{"type": "array", "items": {"type": "string"}}', tags))
);
COMMENT ON COLUMN public.settings.prefs IS 'Typed by its CHECK.';
INSERT INTO public.settings VALUES
    (1, '{"theme": "dark", "font_size": 14, "shortcuts": [{"key": "k", "action": "search"}]}', '["a", "b"]'),
    (2, '{"theme": "light"}', NULL);
"##;

/// The crate under target/ that compiles every fixture's database.rs, with the
/// dependencies (and, through a copy of the repository's Cargo.lock, the versions) that
/// examples/build-rs uses.
fn test_crate() -> PathBuf {
    let dir = repo().join("target/rust-tests/crate");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let example = std::fs::read_to_string(repo().join("examples/build-rs/Cargo.toml")).unwrap();
    let deps = example
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"gen-types-rust-tests\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]{deps}"
        ),
    )
    .unwrap();
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

/// What the test program does with one request line.
#[derive(Clone, Copy)]
enum Part {
    Row,
    Insert,
    Update,
}

impl Part {
    fn suffix(self) -> &'static str {
        match self {
            Part::Row => "Row",
            Part::Insert => "Insert",
            Part::Update => "Update",
        }
    }
}

struct Fixture {
    name: &'static str,
    db: TestDb,
    catalog: Catalog,
    paths: BTreeMap<(String, String), String>,
}

fn quoted(rel: &Relation) -> String {
    format!(
        "\"{}\".\"{}\"",
        rel.schema.replace('"', "\"\""),
        rel.name.replace('"', "\"\"")
    )
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A SQL condition that rows `a` and `b` of `rel` hold the same values in `columns`: the
/// text of every column, except json/jsonb, compared as JSON with SQL NULL and JSON null
/// alike (`to_jsonb` writes both as `null`, so no reader can tell them apart), and xml,
/// compared as `to_jsonb` writes it.
fn same_values(catalog: &Catalog, rel: &Relation, columns: &[&str]) -> String {
    let conds: Vec<String> = columns
        .iter()
        .map(|c| {
            let col = rel.column(c).unwrap();
            let r = gen_types::emit::rules::type_rules(catalog, &col.ty);
            let q = ident(c);
            if (r.is("json") || r.is("jsonb")) && r.array_dims == 0 {
                format!(
                    "coalesce((a.{q})::jsonb, 'null') IS NOT DISTINCT FROM coalesce((b.{q})::jsonb, 'null')"
                )
            } else if r.is("xml") {
                // to_jsonb writes an xml document without its XML declaration.
                format!("to_jsonb(a.{q}) IS NOT DISTINCT FROM to_jsonb(b.{q})")
            } else {
                format!("(a.{q})::text IS NOT DISTINCT FROM (b.{q})::text")
            }
        })
        .collect();
    if conds.is_empty() {
        "true".into()
    } else {
        conds.join(" AND ")
    }
}

/// Sends `requests` (type path, JSON) through the compiled program: each JSON is
/// deserialized into the type and serialized again.
fn roundtrip(program: &Path, requests: &[(String, String)]) -> Vec<Result<String, String>> {
    let mut child = Command::new(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = String::new();
    for (ty, json) in requests {
        input.push_str(&format!("{ty}\t{json}\n"));
    }
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let results: Vec<Result<String, String>> = text
        .lines()
        .map(|l| match l.split_once('\t') {
            Some(("ok", json)) => Ok(json.to_string()),
            Some((_, e)) => Err(e.to_string()),
            None => Err(l.to_string()),
        })
        .collect();
    assert_eq!(results.len(), requests.len());
    results
}

fn main_rs(fixtures: &[Fixture]) -> String {
    let mut arms = String::new();
    for f in fixtures {
        for rel in &f.catalog.relations {
            let base = &f.paths[&(rel.schema.clone(), rel.name.clone())];
            let mut parts = vec![Part::Row];
            if rel.insertable() {
                parts.push(Part::Insert);
            }
            if rel.updatable() {
                parts.push(Part::Update);
            }
            for p in parts {
                let path = format!("{}::{base}{}", f.name, p.suffix());
                arms.push_str(&format!("        \"{path}\" => rt::<{path}>(json),\n"));
            }
        }
    }
    let mods: String = fixtures
        .iter()
        .map(|f| format!("pub mod {0} {{\n    include!(\"{0}.rs\");\n}}\n", f.name))
        .collect();
    format!(
        r#"#![deny(warnings)]
//! Written by tests/rust.rs: reads `<type path>\t<json>` lines and answers `ok\t<json>`
//! (deserialized into the type and serialized again) or `err\t<message>`.

{mods}
fn rt<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> Result<String, String> {{
    let value: T = serde_json::from_str(json).map_err(|e| format!("deserialize: {{e}}"))?;
    serde_json::to_string(&value).map_err(|e| format!("serialize: {{e}}"))
}}

fn roundtrip(path: &str, json: &str) -> Result<String, String> {{
    match path {{
{arms}        _ => Err(format!("unknown type {{path}}")),
    }}
}}

fn main() {{
    use std::io::BufRead;
    for line in std::io::stdin().lock().lines() {{
        let line = line.unwrap();
        let (path, json) = line.split_once('\t').unwrap();
        match roundtrip(path, json) {{
            Ok(out) => println!("ok\t{{out}}"),
            Err(e) => println!("err\t{{}}", e.replace('\n', " ")),
        }}
    }}
}}
"#
    )
}

#[test]
fn generated_rust_compiles_and_round_trips_every_row() {
    let dir = test_crate();
    let mut fixtures = Vec::new();
    let fixture_list = FIXTURES
        .iter()
        .copied()
        .chain([("json_typed", &["public"][..])]);
    for (name, schemas) in fixture_list {
        let db = if name == "json_typed" {
            let db = TestDb::new();
            db.execute(JSON_TYPED);
            db
        } else {
            TestDb::with_fixture(name)
        };
        let config = config(name, schemas);
        let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &config)
            .unwrap()
            .catalog;
        let files = gen_types::generate(&catalog, &config).unwrap();
        let text = files.into_values().next().unwrap();
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(
                common::versioned_snapshot_name(&format!("rust__{name}")),
                &text
            )
        });
        assert!(
            !text.contains("#!["),
            "database.rs must work through include!"
        );
        std::fs::write(dir.join(format!("src/{name}.rs")), &text).unwrap();
        if name == "json_typed" {
            // The CHECKed columns get typify's structs, not serde_json::Value.
            assert!(text.contains("pub struct SettingsPrefs"), "{text}");
            assert!(text.contains("pub prefs: json::SettingsPrefs"), "{text}");
        }
        let paths = gen_types::emit::rust::relation_paths(&catalog);
        fixtures.push(Fixture {
            name,
            db,
            catalog,
            paths,
        });
    }
    std::fs::write(dir.join("src/main.rs"), main_rs(&fixtures)).unwrap();
    let start = std::time::Instant::now();
    // Offline first: the versions of the copied lock file are in the local registry once
    // the workspace (examples/build-rs) has been built; else fetch them.
    let build = |offline: bool| {
        run(Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .args(offline.then_some("--offline"))
            .env("CARGO_TARGET_DIR", repo().join("target/rust-tests/target"))
            .env_remove("RUSTFLAGS"))
    };
    let (mut ok, mut out) = build(true);
    if !ok && out.contains("offline") {
        (ok, out) = build(false);
    }
    assert!(ok, "the generated Rust does not compile:\n{out}");
    eprintln!(
        "cargo build of the generated crate: {:.1?}",
        start.elapsed()
    );
    let program = repo().join("target/rust-tests/target/debug/gen-types-rust-tests");

    // Rows: to_jsonb -> Row type -> JSON -> jsonb_populate_record is the same row.
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for f in &fixtures {
        let mut client = f.db.client();
        for rel in &f.catalog.relations {
            let base = &f.paths[&(rel.schema.clone(), rel.name.clone())];
            for row in client
                .query(
                    &format!("SELECT to_jsonb(t)::text, t::text FROM {} t", quoted(rel)),
                    &[],
                )
                .unwrap()
            {
                let json: String = row.get(0);
                let text: String = row.get(1);
                requests.push((format!("{}::{base}Row", f.name), json.clone()));
                expected.push((f, rel, json, text));
            }
        }
    }
    let results = roundtrip(&program, &requests);
    let mut failures = Vec::new();
    for ((f, rel, json, ctid), result) in expected.iter().zip(&results) {
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!(
                    "{}: {}.{}: {e}\n  {json}",
                    f.name, rel.schema, rel.name
                ));
                continue;
            }
        };
        let cols: Vec<&str> = rel.columns.iter().map(|c| c.name.as_str()).collect();
        let sql = format!(
            "SELECT {} FROM {t} a, jsonb_populate_record(NULL::{t}, $1::text::jsonb) b WHERE a::text = $2 LIMIT 1",
            same_values(&f.catalog, rel, &cols),
            t = quoted(rel)
        );
        let same: bool =
            f.db.client()
                .query_one(&sql, &[out, ctid])
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
                .get(0);
        if !same {
            let changed: Vec<&str> = cols
                .iter()
                .copied()
                .filter(|c| {
                    let sql = format!(
                        "SELECT {} FROM {t} a, jsonb_populate_record(NULL::{t}, $1::text::jsonb) b WHERE a::text = $2 LIMIT 1",
                        same_values(&f.catalog, rel, &[c]),
                        t = quoted(rel)
                    );
                    !f.db.client().query_one(&sql, &[out, ctid]).unwrap().get::<_, bool>(0)
                })
                .collect();
            failures.push(format!(
                "{}: {}.{}: columns {changed:?} changed\n  read:  {json}\n  wrote: {out}",
                f.name, rel.schema, rel.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );
    assert!(results.len() > 80, "only {} rows", results.len());

    // Insert and Update: a real row read into the Insert (Update) type and written back is
    // accepted by Postgres and stores (keeps) the same row.
    let mut requests = Vec::new();
    let mut cases = Vec::new();
    for f in &fixtures {
        let mut client = f.db.client();
        for rel in f.catalog.relations.iter().filter(|r| r.kind.is_table()) {
            let base = &f.paths[&(rel.schema.clone(), rel.name.clone())];
            let first = client
                .query(
                    &format!(
                        "SELECT to_jsonb(t)::text, t::text FROM {} t LIMIT 1",
                        quoted(rel)
                    ),
                    &[],
                )
                .unwrap();
            let Some(row) = first.first() else { continue };
            let (json, ctid): (String, String) = (row.get(0), row.get(1));
            for part in [Part::Insert, Part::Update] {
                requests.push((format!("{}::{base}{}", f.name, part.suffix()), json.clone()));
                cases.push((f, rel, part, ctid.clone()));
            }
        }
    }
    let results = roundtrip(&program, &requests);
    for ((f, rel, part, ctid), result) in cases.iter().zip(&results) {
        let out = result
            .as_ref()
            .unwrap_or_else(|e| panic!("{}: {}.{}: {e}", f.name, rel.schema, rel.name));
        let written: serde_json::Value = serde_json::from_str(out).unwrap();
        let keys: Vec<&str> = written
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let writable: Vec<&str> = rel
            .columns
            .iter()
            .filter(|c| c.generated.is_none() && c.identity != Some(Identity::Always))
            .map(|c| c.name.as_str())
            .collect();
        let mut sorted = writable.clone();
        sorted.sort();
        match part {
            // An Insert may leave out a NULL that has no default (the same row either way).
            Part::Insert => assert!(
                keys.iter().all(|k| sorted.contains(k)),
                "{}.{}: {keys:?} are not all writable",
                rel.schema,
                rel.name
            ),
            _ => assert_eq!(
                keys, sorted,
                "{}.{}: every writable column is written",
                rel.schema, rel.name
            ),
        }
        let cols: Vec<String> = keys.iter().map(|k| ident(k)).collect();
        let cols = cols.join(", ");
        let t = quoted(rel);
        let mut client = f.db.client();
        let mut tx = client.transaction().unwrap();
        tx.batch_execute(&format!("ALTER TABLE {t} DISABLE TRIGGER USER"))
            .unwrap();
        let before = "CREATE TEMP TABLE before ON COMMIT DROP AS SELECT * FROM ".to_string();
        tx.execute(
            &format!("{before}{t} a WHERE a::text = $1 LIMIT 1"),
            &[ctid],
        )
        .unwrap();
        match part {
            Part::Insert => {
                tx.batch_execute(&format!("TRUNCATE {t} CASCADE")).unwrap();
                tx.execute(
                    &format!("INSERT INTO {t} ({cols}) SELECT {cols} FROM jsonb_populate_record(NULL::{t}, $1::text::jsonb)"),
                    &[out],
                )
                .unwrap_or_else(|e| panic!("{}.{}: Postgres refused the Insert {out}: {e:?}", rel.schema, rel.name));
            }
            Part::Update => {
                let n = tx.execute(
                    &format!("UPDATE {t} AS u SET ({cols}) = (SELECT {cols} FROM jsonb_populate_record(NULL::{t}, $1::text::jsonb)) WHERE u::text = $2"),
                    &[out, ctid],
                )
                .unwrap_or_else(|e| panic!("{}.{}: Postgres refused the Update {out}: {e:?}", rel.schema, rel.name));
                assert_eq!(
                    n, 1,
                    "{}.{}: the Update matched {n} rows",
                    rel.schema, rel.name
                );
            }
            Part::Row => unreachable!(),
        }
        let same: bool = tx
            .query_one(
                &format!(
                    // After the Insert the table holds that one row; after the Update, the
                    // row is still there as it was.
                    "SELECT {} FROM {t} a, before b",
                    match part {
                        Part::Insert => format!(
                            "count(*) = 1 AND bool_and({})",
                            same_values(&f.catalog, rel, &writable)
                        ),
                        _ => format!("bool_or({})", same_values(&f.catalog, rel, &writable)),
                    }
                ),
                &[],
            )
            .unwrap()
            .get(0);
        assert!(
            same,
            "{}.{}: {} stored another row: {out}",
            rel.schema,
            rel.name,
            part.suffix()
        );
        tx.rollback().unwrap();
    }

    // Update: NULL and "left out" are different things.
    let supabase = fixtures.iter().find(|f| f.name == "supabase_app").unwrap();
    let goals = &supabase.paths[&("public".to_string(), "goals".to_string())];
    let path = format!("supabase_app::{goals}Update");
    let results = roundtrip(
        &program,
        &[
            (
                path.clone(),
                r#"{"title":"set null","description":null}"#.into(),
            ),
            (path, r#"{"title":"leave out"}"#.into()),
        ],
    );
    let set_null = results[0].clone().unwrap();
    let leave_out = results[1].clone().unwrap();
    assert_eq!(set_null, r#"{"title":"set null","description":null}"#);
    assert_eq!(leave_out, r#"{"title":"leave out"}"#);
    let mut client = supabase.db.client();
    let apply = |client: &mut postgres::Client, json: &str| -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let cols: Vec<String> = v.as_object().unwrap().keys().map(|k| ident(k)).collect();
        let cols = cols.join(", ");
        client
            .query_one(
                &format!("UPDATE public.goals SET ({cols}) = (SELECT {cols} FROM jsonb_populate_record(NULL::public.goals, $1::text::jsonb)) WHERE id = 1 RETURNING description"),
                &[&json],
            )
            .unwrap()
            .get(0)
    };
    let original: Option<String> = client
        .query_one("SELECT description FROM public.goals WHERE id = 1", &[])
        .unwrap()
        .get(0);
    assert!(original.is_some());
    assert_eq!(apply(&mut client, &leave_out), original);
    assert_eq!(apply(&mut client, &set_null), None);
}
