//! The hostile fixture (issue 13, tests/fixtures/hostile.sql): names, comments and labels
//! written to break out of generated code, `@type` break-outs, extreme numerics, schemas
//! typify cannot type and 1,000 declared array dimensions. Every target generates (exit 0,
//! with a warning naming each column it does not type as asked); the TypeScript compiles
//! under `tsc --strict`; the modules, transpiled without type checking as bundlers do and
//! imported under node, leave nothing on `globalThis`; `database.rs` compiles; the Zod
//! Insert schemas parse what Postgres accepts (and refuse numerics it refuses).

mod common;

use std::path::Path;
use std::process::Command;

use common::{TestDb, node_bin, node_workspace, repo, run};

/// Runs `gen-types generate` for every target into `dir/out`, TypeScript in precise mode
/// (where `@type` tags are read); stderr.
fn generate(db: &TestDb, dir: &Path) -> String {
    std::fs::write(
        dir.join("gen-types.toml"),
        "schemas = [\"public\"]\nout = \"out\"\n\n[typescript]\ncompat = \"precise\"\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_gen-types"))
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .args([
            "--config",
            "gen-types.toml",
            "generate",
            "--db-url",
            &db.url,
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    for f in [
        "database.types.ts",
        "database.schemas.ts",
        "database.contracts.ts",
        "database.schema.json",
        "openapi.json",
        "database.rs",
    ] {
        assert!(dir.join("out").join(f).exists(), "{f} missing: {stderr}");
    }
    stderr
}

#[test]
fn every_target_generates_with_a_warning_for_each_fallback() {
    let db = TestDb::with_fixture("hostile");
    let dir = tempfile::tempdir().unwrap();
    let stderr = generate(&db, dir.path());
    for expected in [
        "public.deep.cube: declared with 1000 array dimensions; typed with 6",
        "public.documents.colliding: its JSON Schema CHECK cannot be made Rust types",
        "public.documents.conditional: its JSON Schema CHECK cannot be made Rust types",
        "public.documents.missing_ref: its JSON Schema CHECK cannot be made Rust types",
        "public.documents.external_ref: its JSON Schema CHECK cannot be made Rust types",
        "public.prefs.settings: `@type string } } } } };",
        "public.prefs.third: `@type string /* */ |",
    ] {
        assert!(
            stderr.contains(expected),
            "no warning {expected:?} in:\n{stderr}"
        );
    }
    // typify's panic messages are silenced; only the warnings say what happened.
    assert!(!stderr.contains("panicked"), "{stderr}");
    // A well-formed tag is used; the break-outs are not.
    let types = std::fs::read_to_string(dir.path().join("out/database.types.ts")).unwrap();
    assert!(types.contains("other: { a: string } | null"), "{types}");
    assert!(types.contains("settings: Json | null"), "{types}");
    assert!(types.contains("third: Json | null"), "{types}");
}

/// Every TypeScript output under `tsc --strict`, then transpiled without type checking and
/// imported: nothing lands on `globalThis`. A sentinel module that does write there proves
/// the import check sees a break-out.
#[test]
fn typescript_compiles_and_imports_without_side_effects() {
    let db = TestDb::with_fixture("hostile");
    let dir = node_workspace("hostile-ts");
    generate(&db, &dir);
    for f in [
        "database.types.ts",
        "database.schemas.ts",
        "database.contracts.ts",
    ] {
        std::fs::rename(dir.join("out").join(f), dir.join(f)).unwrap();
    }
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    // Inlined in an HTML <script> element, no file ends it or opens an HTML comment.
    for f in [
        "database.types.ts",
        "database.schemas.ts",
        "database.contracts.ts",
    ] {
        let text = std::fs::read_to_string(dir.join(f)).unwrap().to_lowercase();
        for bad in ["</script", "<!--", "-->"] {
            assert!(!text.contains(bad), "{f} holds {bad}");
        }
    }
    common::write_tsconfig(&dir);
    let (ok, out) = common::tsc(&dir);
    assert!(ok, "tsc --strict failed:\n{out}");

    std::fs::write(dir.join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
    let imports = |folder: &Path| -> serde_json::Value {
        let (ok, out) = run(Command::new("node")
            .arg(repo().join("tests/ts/import_untyped.mjs"))
            .arg(folder));
        assert!(ok, "import_untyped.mjs failed: {out}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    };
    let result = imports(&dir);
    assert_eq!(
        result["imported"].as_array().map(Vec::len),
        Some(3),
        "{result}"
    );
    let added: Vec<&str> = result["added"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k.as_str())
        .filter(|k| !k.starts_with("__zod"))
        .collect();
    assert!(
        added.is_empty(),
        "importing the modules ran catalog text: {added:?}"
    );

    let sentinel = node_workspace("hostile-sentinel");
    std::fs::write(sentinel.join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
    std::fs::write(
        sentinel.join("s.ts"),
        "// x\n(globalThis as any).pwnedSentinel = 1\nexport {}\n",
    )
    .unwrap();
    assert_eq!(
        imports(&sentinel)["added"],
        serde_json::json!(["pwnedSentinel"])
    );
}

/// database.rs compiles, in a crate with the dependencies examples/build-rs declares.
#[test]
fn database_rs_compiles() {
    let db = TestDb::with_fixture("hostile");
    let out = tempfile::tempdir().unwrap();
    generate(&db, out.path());
    let database_rs = std::fs::read_to_string(out.path().join("out/database.rs")).unwrap();
    let (ok, text) = common::cargo_check_database_rs("hostile", &database_rs);
    assert!(ok, "database.rs does not compile:\n{text}");
}

/// Numerics Postgres accepts, per column, and (where it has one) a value it refuses.
const NUMERICS: &[(&str, &[&str], Option<&str>)] = &[
    (
        "wide",
        &["12345678901234567890.5", "-99999.123", "0.5"],
        None,
    ),
    ("widest", &["9.4", "-9.49", "0.000001"], Some("10")),
    ("small", &["9", "-9", "9.4"], Some("9.5")),
    ("plain", &["1e-100", "123456789012345678901234567890"], None),
    // PostgreSQL 15+: rounded to hundreds, below 10^7.
    ("hundreds", &["9999949", "-1234567", "49"], Some("9999951")),
    // PostgreSQL 15+: scale above precision, below 10^-2.
    (
        "tiny",
        &["0.009994", "-0.00999", "0.000001"],
        Some("0.0099951"),
    ),
];

/// Rows Postgres accepts in the hostile tables (read back with `to_jsonb`) parse with the
/// Zod Insert schemas; numerics Postgres refuses are refused. The JSON Schema of
/// `numbers`' Insert agrees.
#[test]
fn zod_insert_schemas_parse_what_postgres_accepts() {
    let db = TestDb::with_fixture("hostile");
    let dir = node_workspace("hostile-zod");
    generate(&db, &dir);
    std::fs::rename(
        dir.join("out/database.schemas.ts"),
        dir.join("database.schemas.ts"),
    )
    .unwrap();
    common::compile_to_js(&dir);
    let mut client = db.client();
    let columns: Vec<String> = client
        .query(
            "SELECT attname::text FROM pg_attribute WHERE attrelid = 'public.numbers'::regclass AND attnum > 0",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut id = 100;
    let mut rejected = Vec::new();
    for (column, accepted, refused) in NUMERICS {
        if !columns.iter().any(|c| c == column) {
            continue;
        }
        for v in *accepted {
            id += 1;
            client
                .execute(
                    &format!("INSERT INTO public.numbers (id, {column}) VALUES ({id}, {v})"),
                    &[],
                )
                .unwrap_or_else(|e| panic!("{column} = {v}: {e}"));
        }
        if let Some(v) = refused {
            let sql = format!("INSERT INTO public.numbers (id, {column}) VALUES (1000, {v})");
            assert!(
                client.execute(&sql, &[]).is_err(),
                "Postgres accepts {column} = {v}"
            );
            rejected.push(serde_json::json!({ "id": 1, *column: v.parse::<f64>().unwrap() }));
        }
    }
    client
        .batch_execute(
            "INSERT INTO public.labelled SELECT row_number() OVER (), l FROM unnest(enum_range(NULL::public.hostile_label)) l;
             INSERT INTO public.\"end */ (globalThis as any).pwnedBlock = 1 /*\" VALUES
                 (1, E'*/\\n\\r\\u2028', '\"', '${x}', E'\\\\', '</script>', E'a\\nb');
             INSERT INTO public.\"constructor\" VALUES (1, 'p', 2);
             INSERT INTO public.\"__proto__\" VALUES (1, 'c', 't');
             INSERT INTO public.\"valueOf\" VALUES (1, 'h');
             INSERT INTO public.documents VALUES (1, '\"a-b\"', '{\"k\": 1, \"a\": 2}', '{}', '[]');
             INSERT INTO public.prefs VALUES (1, '\"s\"', '{\"a\": \"x\"}', 'null');",
        )
        .unwrap();
    let mut relations = Vec::new();
    for table in [
        "numbers",
        "labelled",
        "end */ (globalThis as any).pwnedBlock = 1 /*",
        "constructor",
        "__proto__",
        "valueOf",
        "documents",
        "prefs",
    ] {
        let sql = format!(
            "SELECT to_jsonb(t)::text FROM public.\"{}\" t WHERE NOT (to_jsonb(t) ? 'plain' AND to_jsonb(t)->>'plain' = 'NaN')",
            table.replace('"', "\"\"")
        );
        let rows: Vec<serde_json::Value> = client
            .query(&sql, &[])
            .unwrap()
            .iter()
            .map(|r| serde_json::from_str(r.get::<_, &str>(0)).unwrap())
            .collect();
        assert!(!rows.is_empty(), "{table}");
        relations.push(serde_json::json!({ "schema": "public", "relation": table, "rows": rows }));
    }
    let parse = |relations: &[serde_json::Value]| -> serde_json::Value {
        let file = dir.join(format!("rows-{}.json", relations.len()));
        std::fs::write(&file, serde_json::to_string(relations).unwrap()).unwrap();
        let (ok, out) = run(Command::new("node")
            .arg(repo().join("tests/ts/zod_inserts.mjs"))
            .arg(dir.join("out/database.schemas.js"))
            .arg(&file));
        assert!(ok, "zod_inserts.mjs failed: {out}");
        serde_json::from_str(&out).unwrap()
    };
    let verdict = parse(&relations);
    assert_eq!(verdict["failures"], serde_json::json!([]), "{verdict}");
    assert!(verdict["parsed"].as_u64() > Some(20), "{verdict}");
    // Each refused numeric, alone in a row, fails.
    let refused = parse(&[
        serde_json::json!({ "schema": "public", "relation": "numbers", "rows": rejected }),
    ]);
    assert_eq!(
        refused["failures"].as_array().map(Vec::len),
        Some(rejected.len()),
        "{refused}"
    );
    // The JSON Schema of the same Insert: the same verdicts.
    let text = std::fs::read_to_string(dir.join("out/database.schema.json")).unwrap();
    let mut schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    schema["$ref"] = serde_json::json!("#/$defs/public.numbers.Insert");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .unwrap();
    let numbers = relations[0]["rows"].as_array().unwrap();
    for row in numbers {
        let errors: Vec<String> = validator.iter_errors(row).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{row}: {errors:?}");
    }
    for row in &rejected {
        assert!(!validator.is_valid(row), "JSON Schema accepts {row}");
    }
    let _ = node_bin("tsc");
}
