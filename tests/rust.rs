//! database.rs against a real PostgreSQL and a real compiler: the generated Rust of every
//! fixture compiles in one crate under `#![deny(warnings)]`, in the default mode, with
//! `rust.tokio_postgres` and with `rust.datetime = "time"`; every fixture row, as
//! `to_jsonb` writes it, deserializes into its Row type and serializes back to JSON that
//! Postgres reads to the same row; Insert and Update values written by serde are accepted
//! by Postgres and do what they say; every row read through `TryFrom<&tokio_postgres::Row>`
//! equals the one serde reads, and date/time values that a crate cannot hold are errors.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{FIXTURES, TestDb, repo, run, snapshot_settings};
use gen_types::config::{RustDateTime, TypeOverride};
use gen_types::emit::Target;
use gen_types::model::{Catalog, Identity, Relation};
use gen_types::{Config, Source};

/// An output mode the test compiles, and the suffix of its module names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The defaults (snapshotted).
    Default,
    /// `rust.tokio_postgres = true`.
    Pg,
    /// `rust.tokio_postgres = true`, `rust.datetime = "time"`.
    Time,
}

impl Mode {
    fn module(self, fixture: &str) -> String {
        match self {
            Mode::Default => fixture.to_string(),
            Mode::Pg => format!("{fixture}_pg"),
            Mode::Time => format!("{fixture}_time"),
        }
    }
}

/// The modes each fixture is compiled in: all get the tokio-postgres readers; the ones
/// with date/time columns also the `time` crate.
fn modes(fixture: &str) -> Vec<Mode> {
    match fixture {
        "type_zoo" | "supabase_app" | "datetimes" => vec![Mode::Default, Mode::Pg, Mode::Time],
        _ => vec![Mode::Default, Mode::Pg],
    }
}

fn config(fixture: &str, schemas: &[&str], mode: Mode) -> Config {
    let mut config = Config {
        schemas: schemas.iter().map(|s| s.to_string()).collect(),
        targets: Some(vec![Target::Rust]),
        ..Config::default()
    };
    config.rust.tokio_postgres = mode != Mode::Default;
    if mode == Mode::Time {
        config.rust.datetime = RustDateTime::Time;
    }
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

/// Dates and times at the edges: BC, years past 9999, 24:00:00, microseconds, offsets with
/// seconds (the database's time zone is America/St_Johns, whose 19th-century offset is
/// -03:30:52), arrays. Every row round-trips in every mode. `date_limits` holds values that
/// a crate cannot hold, with whether chrono and time (with `large-dates`) read them.
const DATETIMES: &str = r##"
DO $$ BEGIN
    EXECUTE format('ALTER DATABASE %I SET TimeZone = %L', current_database(), 'America/St_Johns');
END $$;
SET TimeZone = 'America/St_Johns';
CREATE TABLE public.datetimes (
    id integer PRIMARY KEY,
    d date NOT NULL,
    tod time,
    ts timestamp,
    tstz timestamptz,
    ds date[],
    tstzs timestamptz[]
);
INSERT INTO public.datetimes VALUES
    (1, '0044-03-15 BC', '00:00:00', '0044-03-15 12:30:00.5 BC', '0001-01-01 00:00:00+00 BC',
     '{"0001-12-31 BC","2000-02-29",NULL}', '{infinity,-infinity}'),
    (2, '10000-01-01', '24:00:00', '12345-06-07 08:09:10.123456', '12345-06-07 08:09:10.000001+05:30',
     '{}', NULL),
    (3, '9999-12-31', '23:59:59.999999', '1999-12-31 23:59:59.999999', '1883-11-18 12:00:00',
     '{infinity}', '{"2024-01-02 03:04:05.123456+00"}'),
    (4, '4714-11-24 BC', '12:00:00.1', '4714-11-24 00:00:00 BC', '4714-11-24 00:00:00+00 BC',
     NULL, '{}'),
    (5, '2000-01-01', NULL, '2000-01-01 00:00:00', '2000-01-01 00:00:00+00', NULL, NULL);
CREATE TABLE public.date_limits (
    id integer PRIMARY KEY,
    d date,
    ts timestamp,
    chrono_reads boolean NOT NULL,
    time_reads boolean NOT NULL
);
COMMENT ON TABLE public.date_limits IS 'Values a date/time crate cannot hold, and whether chrono and time (large-dates) read them.';
INSERT INTO public.date_limits VALUES
    (1, '262142-12-31', NULL, false, true),
    (2, '262143-01-01', NULL, false, true),
    (3, '999999-12-31', NULL, false, false),
    (4, '5874897-12-31', NULL, false, false),
    (5, NULL, '294276-12-31 23:59:59.999999', false, true),
    (6, '9999-12-31', '9999-12-31 23:59:59.999999', true, true);
"##;

/// Columns named as the locals and parameters of the support module's `fields!` macro
/// (`map`, `key`, `f`, `s`, `serializer`, ...), which its hygiene keeps apart, with raw
/// identifiers and keys that need escaping; a composite with such attributes; a table
/// without columns (a struct without fields).
const MACRO_NAMES: &str = r##"
CREATE TYPE public.slot AS (map integer, "f" text, "type" date);
CREATE TABLE public.macro_names (
    map integer PRIMARY KEY,
    key text NOT NULL,
    f text,
    s timestamptz,
    serializer double precision NOT NULL,
    deserializer text DEFAULT 'd',
    "A" integer,
    self_ text,
    "type" date NOT NULL,
    "value ""quoted"" \" public.slot,
    "ключ" text,
    "match" integer GENERATED ALWAYS AS (map + 1) STORED
);
INSERT INTO public.macro_names (map, key, f, s, serializer, "A", self_, "type", "value ""quoted"" \", "ключ") VALUES
    (1, 'k', 'f', '2024-01-02 03:04:05+00', 1.5, 2, 'x', '2024-02-29', ROW(3, 'g', '2000-01-01'), 'v'),
    (2, '', NULL, NULL, 'NaN', NULL, NULL, 'infinity', NULL, NULL);
CREATE TABLE public.no_columns ();
INSERT INTO public.no_columns DEFAULT VALUES;
"##;

/// The crate under target/ that compiles every fixture's database.rs, with the
/// dependencies (and, through a copy of the repository's Cargo.lock, the versions) that
/// examples/build-rs uses, plus what the other modes need: `time` (with `large-dates`, so
/// that years up to 999,999 fit), and tokio-postgres with its blocking client `postgres`
/// (whose `Row` is tokio-postgres's).
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
            "[package]\nname = \"gen-types-rust-tests\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]{deps}\ntime = {{ version = \"0.3\", features = [\"large-dates\"] }}\ntokio-postgres = \"0.7\"\npostgres = \"0.19\"\n"
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
    /// The modules (one per mode) holding this fixture's database.rs.
    modules: Vec<(String, Mode)>,
}

/// Relations whose rows are not all meant to be read (see [`DATETIMES`]).
fn limits(rel: &Relation) -> bool {
    rel.name == "date_limits"
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

/// Whether a column holds hstore values (written by `to_jsonb` as a JSON object).
fn is_hstore(catalog: &Catalog, rel: &Relation, column: &str) -> bool {
    let col = rel.column(column).unwrap();
    let r = gen_types::emit::rules::type_rules(catalog, &col.ty);
    r.array_dims == 0
        && r.class
            == gen_types::emit::rules::BaseClass::Scalar(gen_types::plan::types::Scalar::Hstore)
}

/// Sends `requests` (type path, JSON) through the compiled program: each JSON is
/// deserialized into the type and serialized again.
fn roundtrip(program: &Path, requests: &[(String, String)]) -> Vec<Result<String, String>> {
    ask(program, &[], requests)
}

/// Sends tab-separated request lines to the compiled program (with `args`) and returns its
/// answers, in order.
fn ask<R: AsRef<str>>(
    program: &Path,
    args: &[&str],
    requests: &[(String, R)],
) -> Vec<Result<String, String>> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = String::new();
    for (ty, json) in requests {
        input.push_str(&format!("{ty}\t{}\n", json.as_ref()));
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
    let mut readers = String::new();
    for f in fixtures {
        for (module, mode) in &f.modules {
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
                    let path = format!("{module}::{base}{}", p.suffix());
                    arms.push_str(&format!("        \"{path}\" => rt::<{path}>(json),\n"));
                }
                if *mode != Mode::Default {
                    let path = format!("{module}::{base}Row");
                    let check = if limits(rel) { "limits" } else { "check" };
                    readers.push_str(&format!(
                        "        \"{path}\" => {check}::<{path}>(client, table, {path}::SQL_COLUMNS),\n"
                    ));
                }
            }
        }
    }
    let mods: String = fixtures
        .iter()
        .flat_map(|f| &f.modules)
        .map(|(m, _)| format!("pub mod {m} {{\n    include!(\"{m}.rs\");\n}}\n"))
        .collect();
    format!(
        r#"#![deny(warnings)]
//! Written by tests/rust.rs: reads `<type path>\t<json>` lines and answers `ok\t<json>`
//! (deserialized into the type and serialized again) or `err\t<message>`; with the
//! argument `read`, reads `<connection>\t<Row type path>\t<table>` lines and answers
//! `ok\t<result>` or `err\t<message>` for the Row type's `TryFrom<&tokio_postgres::Row>`.

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

/// The message of a tokio-postgres error with its cause.
fn message(e: &postgres::Error) -> String {{
    match std::error::Error::source(e) {{
        Some(cause) => format!("{{e}}: {{cause}}"),
        None => e.to_string(),
    }}
}}

/// Every row read through TryFrom and through serde (from `to_jsonb` of the same row).
fn compare<T>(rows: &[postgres::Row]) -> Result<usize, String>
where
    T: for<'a> TryFrom<&'a postgres::Row, Error = postgres::Error> + serde::de::DeserializeOwned + std::fmt::Debug,
{{
    for row in rows {{
        let json: String = row.try_get("__gt_json").map_err(|e| message(&e))?;
        let serde: T = serde_json::from_str(&json).map_err(|e| format!("serde: {{e}}: {{json}}"))?;
        let read = T::try_from(row).map_err(|e| format!("TryFrom: {{}}", message(&e)))?;
        // Debug, not PartialEq: NaN floats are equal here. A JSON null in a nullable
        // json/jsonb column (or array element) is Some(null) to TryFrom, which reads the
        // binary value, and None to serde: to_jsonb writes SQL NULL and JSON null alike.
        let read_text = format!("{{read:?}}")
            .replace("Some(Null)", "None")
            .replace("Some(RawJson(RawValue(null)))", "None");
        if read_text != format!("{{serde:?}}") {{
            return Err(format!("TryFrom read {{read:?}}, serde {{serde:?}}"));
        }}
    }}
    Ok(rows.len())
}}

/// `SELECT {{SQL_COLUMNS}}` reads every row as serde does; `SELECT *` too when no column
/// goes through to_jsonb, else it fails saying so. Answers `<rows>\t<star|to_jsonb|empty>`.
fn check<T>(client: &mut postgres::Client, table: &str, columns: &str) -> Result<String, String>
where
    T: for<'a> TryFrom<&'a postgres::Row, Error = postgres::Error> + serde::de::DeserializeOwned + std::fmt::Debug,
{{
    let query = |client: &mut postgres::Client, list: &str| {{
        // A table without columns has an empty SQL_COLUMNS.
        let comma = if list.is_empty() {{ "" }} else {{ ", " }};
        client
            .query(&format!("SELECT {{list}}{{comma}}to_jsonb(__gt_row)::text AS __gt_json FROM {{table}} __gt_row"), &[])
            .map_err(|e| format!("{{list}}: {{}}", message(&e)))
    }};
    let n = compare::<T>(&query(client, columns)?)?;
    let star = compare::<T>(&query(client, "__gt_row.*")?);
    match (columns.contains("to_jsonb("), star) {{
        (false, Ok(_)) => Ok(format!("{{n}}\tstar")),
        (true, Err(e)) if e.contains("select it as to_jsonb(column)") => Ok(format!("{{n}}\tto_jsonb")),
        (true, Ok(0)) => Ok(format!("{{n}}\tempty")),
        (_, other) => Err(format!("SELECT *: {{other:?}}")),
    }}
}}

/// Per row (by id), whether serde and TryFrom read it: `<id>:<serde><tryfrom>` with `1` for
/// read, `0` for an error that says the value does not fit, `?` for any other error.
fn limits<T>(client: &mut postgres::Client, table: &str, columns: &str) -> Result<String, String>
where
    T: for<'a> TryFrom<&'a postgres::Row, Error = postgres::Error> + serde::de::DeserializeOwned + std::fmt::Debug,
{{
    let rows = client
        .query(&format!("SELECT {{columns}}, to_jsonb(__gt_row)::text AS __gt_json FROM {{table}} __gt_row ORDER BY id"), &[])
        .map_err(|e| message(&e))?;
    let flag = |r: Result<(), String>| match r {{
        Ok(()) => '1',
        Err(e) if e.contains("does not fit") => '0',
        Err(_) => '?',
    }};
    let mut out = Vec::new();
    for row in &rows {{
        let id: i32 = row.get("id");
        let json: String = row.get("__gt_json");
        let serde = serde_json::from_str::<T>(&json).map(|_| ()).map_err(|e| e.to_string());
        let read = T::try_from(row).map(|_| ()).map_err(|e| message(&e));
        if let (Ok(()), Ok(())) = (&serde, &read) {{
            compare::<T>(std::slice::from_ref(row))?;
        }}
        out.push(format!("{{id}}:{{}}{{}}", flag(serde), flag(read)));
    }}
    Ok(out.join(","))
}}

fn read(clients: &mut std::collections::BTreeMap<String, postgres::Client>, url: &str, path: &str, table: &str) -> Result<String, String> {{
    if !clients.contains_key(url) {{
        let client = postgres::Client::connect(url, postgres::NoTls).map_err(|e| message(&e))?;
        clients.insert(url.to_string(), client);
    }}
    let client = clients.get_mut(url).ok_or("no client")?;
    match path {{
{readers}        _ => Err(format!("unknown type {{path}}")),
    }}
}}

fn main() {{
    use std::io::BufRead;
    let reading = std::env::args().nth(1).as_deref() == Some("read");
    let mut clients = std::collections::BTreeMap::new();
    for line in std::io::stdin().lock().lines() {{
        let line = line.unwrap();
        let result = if reading {{
            let mut parts = line.splitn(3, '\t');
            let (url, path, table) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
            read(&mut clients, url, path, table)
        }} else {{
            let (path, json) = line.split_once('\t').unwrap();
            roundtrip(path, json)
        }};
        match result {{
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
    let fixture_list = FIXTURES.iter().copied().chain([
        ("json_typed", &["public"][..]),
        ("datetimes", &["public"][..]),
        ("macro_names", &["public"][..]),
    ]);
    for (name, schemas) in fixture_list {
        let db = match name {
            "json_typed" | "datetimes" | "macro_names" => {
                let db = TestDb::new();
                db.execute(match name {
                    "json_typed" => JSON_TYPED,
                    "datetimes" => DATETIMES,
                    _ => MACRO_NAMES,
                });
                db
            }
            _ => TestDb::with_fixture(name),
        };
        let catalog = gen_types::load_catalog(
            &Source::Database(Some(db.url.clone())),
            &config(name, schemas, Mode::Default),
        )
        .unwrap()
        .catalog;
        let mut modules = Vec::new();
        for mode in modes(name) {
            let files = gen_types::generate(&catalog, &config(name, schemas, mode)).unwrap();
            let text = files.into_values().next().unwrap();
            // The default output of every fixture, and one of the other modes.
            let snapshot = match (mode, name) {
                (Mode::Default, "datetimes") => None,
                (Mode::Default, _) => Some(format!("rust__{name}")),
                (Mode::Time, "type_zoo") => Some(format!("rust__{name}__time_tokio_postgres")),
                _ => None,
            };
            if let Some(snapshot) = snapshot {
                snapshot_settings().bind(|| {
                    insta::assert_snapshot!(common::versioned_snapshot_name(&snapshot), &text)
                });
            }
            assert!(
                !text.contains("#!["),
                "database.rs must work through include!"
            );
            let module = mode.module(name);
            std::fs::write(dir.join(format!("src/{module}.rs")), &text).unwrap();
            if name == "json_typed" {
                // The CHECKed columns get typify's structs, not serde_json::Value.
                assert!(text.contains("pub struct SettingsPrefs"), "{text}");
                assert!(text.contains("pub prefs: json::SettingsPrefs"), "{text}");
            }
            // Only the chosen crate's date/time code is in the file.
            let (other, own) = match mode {
                Mode::Time => ("::chrono::", "::time::"),
                _ => ("::time::", "::chrono::"),
            };
            assert!(!text.contains(other), "{module} uses {other}");
            if name == "datetimes" {
                assert!(text.contains(own), "{module} does not use {own}");
            }
            assert_eq!(
                text.contains("tokio_postgres"),
                mode != Mode::Default,
                "{module}"
            );
            modules.push((module, mode));
        }
        let paths = gen_types::emit::rust::relation_paths(
            &catalog,
            &gen_types::config::NamingConfig::default(),
        );
        fixtures.push(Fixture {
            name,
            db,
            catalog,
            paths,
            modules,
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
        for rel in f.catalog.relations.iter().filter(|r| !limits(r)) {
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
                for (module, _) in &f.modules {
                    requests.push((format!("{module}::{base}Row"), json.clone()));
                    expected.push((f, module, rel, json.clone(), text.clone()));
                }
            }
        }
    }
    let results = roundtrip(&program, &requests);
    let mut failures = Vec::new();
    for ((f, module, rel, json, ctid), result) in expected.iter().zip(&results) {
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!(
                    "{module}: {}.{}: {e}\n  {json}",
                    rel.schema, rel.name
                ));
                continue;
            }
        };
        let cols: Vec<&str> = rel.columns.iter().map(|c| c.name.as_str()).collect();
        // hstore reads as a JSON object, which jsonb_populate_record cannot read back (it
        // reads hstore text): those columns are compared as JSON.
        let (hstore, plain): (Vec<&str>, Vec<&str>) =
            cols.iter().partition(|c| is_hstore(&f.catalog, rel, c));
        let mut conds = same_values(&f.catalog, rel, &plain);
        for h in &hstore {
            conds.push_str(&format!(
                " AND to_jsonb(a.{}) IS NOT DISTINCT FROM nullif($1::text::jsonb -> '{}', 'null')",
                ident(h),
                h.replace('\'', "''")
            ));
        }
        let hstore: Vec<String> = hstore.iter().map(|h| h.to_string()).collect();
        let sql = format!(
            "SELECT {conds} FROM {t} a, jsonb_populate_record(NULL::{t}, $1::text::jsonb - $3::text[]) b WHERE a::text = $2 LIMIT 1",
            t = quoted(rel)
        );
        let same: bool =
            f.db.client()
                .query_one(&sql, &[out, ctid, &hstore])
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
                .get(0);
        if !same {
            let changed: Vec<&str> = plain
                .iter()
                .copied()
                .filter(|c| {
                    let sql = format!(
                        "SELECT {} FROM {t} a, jsonb_populate_record(NULL::{t}, $1::text::jsonb - $3::text[]) b WHERE a::text = $2 LIMIT 1",
                        same_values(&f.catalog, rel, &[c]),
                        t = quoted(rel)
                    );
                    !f.db.client().query_one(&sql, &[out, ctid, &hstore]).unwrap().get::<_, bool>(0)
                })
                .collect();
            failures.push(format!(
                "{module}: {}.{}: columns {changed:?} changed\n  read:  {json}\n  wrote: {out}",
                rel.schema, rel.name
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
    assert!(results.len() > 200, "only {} rows", results.len());

    // TryFrom<&tokio_postgres::Row>: every relation of every module with the readers, read
    // with its SQL_COLUMNS (and with SELECT *), equals what serde reads from to_jsonb.
    let mut requests = Vec::new();
    let mut cases = Vec::new();
    for f in &fixtures {
        for (module, mode) in f.modules.iter().filter(|m| m.1 != Mode::Default) {
            for rel in &f.catalog.relations {
                let base = &f.paths[&(rel.schema.clone(), rel.name.clone())];
                requests.push((
                    f.db.url.clone(),
                    format!("{module}::{base}Row\t{}", quoted(rel)),
                ));
                cases.push((f, module, *mode, rel));
            }
        }
    }
    let results = ask(&program, &["read"], &requests);
    let mut failures = Vec::new();
    let (mut rows, mut star, mut through_jsonb) = (0, 0, 0);
    for ((f, module, mode, rel), result) in cases.iter().zip(&results) {
        let what = format!("{module}: {}.{}", rel.schema, rel.name);
        let answer = match result {
            Ok(answer) => answer,
            Err(e) => {
                failures.push(format!("{what}: {e}"));
                continue;
            }
        };
        if limits(rel) {
            // Each row is read by both paths or refused by both, saying it does not fit.
            let mut client = f.db.client();
            let column = if *mode == Mode::Time {
                "time_reads"
            } else {
                "chrono_reads"
            };
            let expected: Vec<String> = client
                .query(
                    &format!("SELECT id, {column} FROM {} ORDER BY id", quoted(rel)),
                    &[],
                )
                .unwrap()
                .iter()
                .map(|r| {
                    let flag = if r.get::<_, bool>(1) { "11" } else { "00" };
                    format!("{}:{flag}", r.get::<_, i32>(0))
                })
                .collect();
            if *answer != expected.join(",") {
                failures.push(format!("{what}: read {answer}, expected {expected:?}"));
            }
            continue;
        }
        let (n, how) = answer.split_once('\t').unwrap();
        rows += n.parse::<usize>().unwrap();
        match how {
            "star" => star += 1,
            "to_jsonb" => through_jsonb += 1,
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} relations failed:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );
    eprintln!(
        "TryFrom<&Row>: {rows} rows equal to serde's; SELECT * read {star} relations, \
         {through_jsonb} refused it with the to_jsonb hint"
    );
    assert!(
        rows > 200 && star > 20 && through_jsonb > 2,
        "too few checks"
    );

    // Insert and Update: a real row read into the Insert (Update) type and written back is
    // accepted by Postgres and stores (keeps) the same row.
    let mut requests = Vec::new();
    let mut cases = Vec::new();
    for f in &fixtures {
        let mut client = f.db.client();
        for rel in f
            .catalog
            .relations
            .iter()
            .filter(|r| r.kind.is_table() && !limits(r))
        {
            let base = &f.paths[&(rel.schema.clone(), rel.name.clone())];
            let as_sent = common::candidates::written_row(&f.catalog, rel);
            let first = client
                .query(
                    &format!(
                        "SELECT ({as_sent})::text, t::text FROM {} t LIMIT 1",
                        quoted(rel)
                    ),
                    &[],
                )
                .unwrap();
            let Some(row) = first.first() else { continue };
            let (json, ctid): (String, String) = (row.get(0), row.get(1));
            for (module, _) in &f.modules {
                for part in [Part::Insert, Part::Update] {
                    requests.push((format!("{module}::{base}{}", part.suffix()), json.clone()));
                    cases.push((f, rel, part, ctid.clone()));
                }
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
        if keys.is_empty() {
            // A table without columns: nothing to write back.
            continue;
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

    // The serde impls of `pg::fields!` (src/emit/rust/serde_impls.rs) keep the derive's rules:
    // unknown keys ignored, a duplicate key and a missing required key refused, a missing
    // nullable Row column read as None, optional fields left out, adapted fields (dates)
    // through their adapter both ways, a patch's null kept.
    let row: String = client
        .query_one(
            "SELECT to_jsonb(g)::text FROM public.goals g WHERE id = 1",
            &[],
        )
        .unwrap()
        .get(0);
    let without = |key: &str| {
        let mut v: serde_json::Value = serde_json::from_str(&row).unwrap();
        v.as_object_mut().unwrap().remove(key);
        v.to_string()
    };
    let insert = format!("supabase_app::{goals}Insert");
    let update = format!("supabase_app::{goals}Update");
    let row_type = format!("supabase_app::{goals}Row");
    let cases: Vec<(String, String)> = vec![
        (
            insert.clone(),
            r#"{"nope":[1],"title":"t","due_date":"2024-02-29","organization_id":1}"#.into(),
        ),
        (insert.clone(), r#"{"organization_id":1}"#.into()),
        (
            insert.clone(),
            r#"{"organization_id":1,"title":"t","title":"u"}"#.into(),
        ),
        (
            update.clone(),
            r#"{"due_date":null,"deleted_at":"infinity"}"#.into(),
        ),
        (update, "[]".into()),
        (row_type.clone(), without("deleted_at")),
        (row_type, without("title")),
    ];
    let results = roundtrip(&program, &cases);
    assert_eq!(
        results[0].as_deref(),
        Ok(r#"{"organization_id":1,"title":"t","due_date":"2024-02-29"}"#)
    );
    assert!(
        matches!(&results[1], Err(e) if e.contains("missing field `title`")),
        "{:?}",
        results[1]
    );
    assert!(
        matches!(&results[2], Err(e) if e.contains("duplicate field `title`")),
        "{:?}",
        results[2]
    );
    assert_eq!(
        results[3].as_deref(),
        Ok(r#"{"due_date":null,"deleted_at":"infinity"}"#)
    );
    assert!(
        results[4].is_err(),
        "an array is not a struct: {:?}",
        results[4]
    );
    let read: serde_json::Value = serde_json::from_str(results[5].as_ref().unwrap()).unwrap();
    assert_eq!(read["deleted_at"], serde_json::Value::Null);
    assert_eq!(
        read["title"],
        serde_json::from_str::<serde_json::Value>(&row).unwrap()["title"]
    );
    assert!(
        matches!(&results[6], Err(e) if e.contains("missing field `title`")),
        "{:?}",
        results[6]
    );
}

/// `[naming]` reaches the Rust types: the Row/Insert/Update parts and a rename (the rest of
/// this file compiles and runs the default names; these differ only in the identifiers).
#[test]
fn naming_options_name_the_rust_types() {
    let db = TestDb::with_fixture("supabase_app");
    let mut cfg = config("supabase_app", &["public", "auth"], Mode::Default);
    common::custom_naming(&mut cfg);
    let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &cfg)
        .unwrap()
        .catalog;
    let files = gen_types::generate(&catalog, &cfg).unwrap();
    let rs = files.values().next().unwrap();
    for name in [
        "pub struct ObjectiveRecord",
        "pub struct ObjectiveNew",
        "pub struct ObjectivePatch",
        "pub struct ProfilesRecord",
        "pub struct UsersPatch",
        "pub enum GoalState",
    ] {
        assert!(rs.contains(name), "no `{name}` in database.rs");
    }
    assert!(!rs.contains("Row {"), "naming.row ignored");
    let paths = gen_types::emit::rust::relation_paths(&catalog, &cfg.naming);
    assert_eq!(
        paths[&("public".to_string(), "goals".to_string())],
        "public::Objective"
    );
}

/// The direct printer (src/emit/rust/layout.rs) against prettyplease: every struct and enum
/// of every fixture the Rust tests use and of a generated 200-table schema, in every output
/// mode and with a derive list long enough to break, is printed both ways; the texts must
/// be identical (the failure shows the first item that differs, both ways).
#[test]
fn direct_printer_matches_prettyplease() {
    let bench = Command::new("python3")
        .arg(repo().join("bench/gen_schema.py"))
        .args(["--tables", "200"])
        .output()
        .unwrap();
    assert!(bench.status.success(), "{bench:?}");
    let bench = String::from_utf8(bench.stdout).unwrap();
    let fixtures = FIXTURES.iter().copied().chain([
        ("hostile", &["public"][..]),
        ("json_typed", &["public"][..]),
        ("datetimes", &["public"][..]),
        ("macro_names", &["public"][..]),
        ("bench_200", &["public", "app"][..]),
    ]);
    let mut compared = 0;
    for (name, schemas) in fixtures {
        let db = match name {
            "json_typed" | "datetimes" | "macro_names" | "bench_200" => {
                let db = TestDb::new();
                db.execute(match name {
                    "json_typed" => JSON_TYPED,
                    "datetimes" => DATETIMES,
                    "macro_names" => MACRO_NAMES,
                    _ => &bench,
                });
                db
            }
            _ => TestDb::with_fixture(name),
        };
        let source = Source::Database(Some(db.url.clone()));
        let base = config(name, schemas, Mode::Default);
        let catalog = gen_types::load_catalog(&source, &base).unwrap().catalog;
        let mut long_derives = config(name, schemas, Mode::Default);
        long_derives.rust.derives = ["Eq", "Hash", "PartialOrd", "Ord", "::schemars::JsonSchema"]
            .map(String::from)
            .to_vec();
        let configs = [Mode::Default, Mode::Pg, Mode::Time]
            .map(|mode| config(name, schemas, mode))
            .into_iter()
            .chain([long_derives]);
        for cfg in configs {
            let check = gen_types::emit::rust::check_printer(&catalog, &cfg).unwrap();
            if let Some((item, direct, pretty)) = check.first_difference {
                panic!(
                    "{name}: `{item}` differs.\ndirect printer:\n{direct}\nprettyplease:\n{pretty}"
                );
            }
            eprintln!(
                "{name}: {} items printed directly, {} left to prettyplease",
                check.compared, check.fallbacks
            );
            assert!(check.compared > 0, "{name}: nothing was compared");
            compared += check.compared;
        }
    }
    assert!(compared > 2000, "{compared} items compared");
}
