//! database.types.ts against a real PostgreSQL: compiled by `tsc --strict`, stable under
//! prettier, exercised through supabase-js's own types, and compared with the reference
//! generator (`@supabase/postgres-meta`) run on the same databases.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::{FIXTURES, TestDb, node_workspace, repo, run, snapshot_settings, tsc, write_tsconfig};
use gen_types::config::{TsCompat, TsTransport, TypescriptConfig};
use gen_types::emit::Target;
use gen_types::{Catalog, Config, Source};

fn config(schemas: &[&str], compat: TsCompat) -> Config {
    Config {
        schemas: schemas.iter().map(|s| s.to_string()).collect(),
        targets: Some(vec![Target::Typescript]),
        typescript: TypescriptConfig {
            compat,
            ..TypescriptConfig::default()
        },
        ..Config::default()
    }
}

fn generate(catalog: &Catalog, config: &Config) -> String {
    let files = gen_types::generate(catalog, config).unwrap();
    files.into_values().next().unwrap()
}

/// Fixtures only this file runs: cases where the reference generator types things its own
/// way (partitions, extension functions, views written through INSTEAD OF triggers,
/// char/bit/xml, overloads with identical argument names), compared item by item.
const COMPAT_FIXTURES: &[(&str, &[&str])] = &[("compat_cases", &["public", "shop"])];

/// Every fixture the TypeScript tests run.
fn fixtures() -> impl Iterator<Item = &'static (&'static str, &'static [&'static str])> {
    FIXTURES.iter().chain(COMPAT_FIXTURES)
}

fn mode_name(compat: TsCompat) -> &'static str {
    match compat {
        TsCompat::Precise => "precise",
        TsCompat::Supabase => "supabase",
    }
}

#[test]
fn outputs_compile_are_prettier_stable_and_pass_the_supabase_js_type_tests() {
    let ws = node_workspace("typescript");
    std::fs::copy(repo().join("tests/ts/assert.ts"), ws.join("assert.ts")).unwrap();
    let mut files = Vec::new();
    for (fixture, schemas) in fixtures() {
        let db = TestDb::with_fixture(fixture);
        for compat in [TsCompat::Precise, TsCompat::Supabase] {
            // Each mode reads the catalog it needs (compat also reads partitions and
            // extension objects, as the reference does).
            let cfg = config(schemas, compat);
            let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &cfg)
                .unwrap()
                .catalog;
            let ts = generate(&catalog, &cfg);
            let name = format!("ts__{fixture}__{}", mode_name(compat));
            snapshot_settings()
                .bind(|| insta::assert_snapshot!(common::versioned_snapshot_name(&name), ts));
            let dir = ws.join(format!("{fixture}_{}", mode_name(compat)));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("database.types.ts"), &ts).unwrap();
            files.push(dir.join("database.types.ts"));
            // The supabase-js type tests are written for the precise mode.
            let test = repo().join(format!("tests/ts/{fixture}.test.ts"));
            if compat == TsCompat::Precise {
                std::fs::copy(&test, dir.join(format!("{fixture}.test.ts"))).unwrap();
            }
        }
    }
    // prettier (no semicolons, otherwise defaults) leaves every file exactly as generated.
    let changed = common::prettier_would_change(&files);
    assert!(
        changed.is_empty(),
        "prettier would reformat generated files: {changed:?}"
    );
    // Every output compiles under --strict, and every type test holds.
    write_tsconfig(&ws);
    let (ok, out) = tsc(&ws);
    assert!(ok, "tsc --strict failed:\n{out}");
    // A type test that cannot fail proves nothing: a wrong expectation must be caught.
    let probe = ws.join("supabase_app_precise/probe.ts");
    std::fs::write(
        &probe,
        "import type { Tables } from \"./database.types\"\nimport { type Same, expectType } from \"../assert\"\nexpectType<Same<Tables<\"goals\">[\"title\"], number>>()\n",
    )
    .unwrap();
    let (ok, out) = tsc(&ws);
    assert!(
        !ok && out.contains("probe.ts"),
        "a false expectation compiled:\n{out}"
    );
    std::fs::remove_file(probe).unwrap();
}

/// Runs the reference generator, as `supabase gen types typescript` runs it.
fn reference_types(db: &TestDb, schemas: &[&str]) -> String {
    common::reference::reference_types_at(&db.uri(), schemas)
}

/// Differences from the reference that precise mode makes on purpose (README, "Differences
/// from supabase gen types"), as `fixture: path`. The test fails if one of these stops
/// differing (update the README) or another appears.
const PRECISE_DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "compat_cases",
        "shop.Tables.price_list.Insert",
        "a foreign table its wrapper cannot write (file_fdw): every Insert key is never",
    ),
    (
        "supabase_app",
        "public.Functions.get_goals_for_org",
        "returns goals rows: a NOT NULL json/jsonb column can hold JSON null: Json, not NonNullable<Json>",
    ),
    (
        "supabase_app",
        "public.Tables.goals.Row",
        "a NOT NULL json/jsonb column can hold JSON null: Json, not NonNullable<Json>",
    ),
    (
        "supabase_app",
        "public.Tables.organizations.Row",
        "a NOT NULL json/jsonb column can hold JSON null: Json, not NonNullable<Json>",
    ),
    (
        "type_zoo",
        "public.Tables.all_types.Insert",
        "int4[][] is number[][], as PostgREST returns nested arrays",
    ),
    (
        "type_zoo",
        "public.Tables.all_types.Row",
        "int4[][] is number[][], as PostgREST returns nested arrays",
    ),
    (
        "type_zoo",
        "public.Tables.all_types.Update",
        "int4[][] is number[][], as PostgREST returns nested arrays",
    ),
    (
        "type_zoo",
        "public.Tables.defaults_and_generated.Row",
        "a NOT NULL json/jsonb column can hold JSON null: Json, not NonNullable<Json>",
    ),
];

/// Where compat = "supabase" cannot match the reference, with the reason.
const SUPABASE_DIFFERENCES: &[(&str, &str, &str)] = &[];

#[test]
fn differential_against_the_reference_generator() {
    let ws = node_workspace("differential");
    let mut lines_by_file: BTreeMap<String, Vec<(usize, String, TsCompat)>> = BTreeMap::new();
    for (fixture, schemas) in fixtures() {
        let db = TestDb::with_fixture(fixture);
        let dir = ws.join(fixture);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("reference.ts"), reference_types(&db, schemas)).unwrap();
        let mut assertions = String::from(
            "import type { Database as Ref } from \"./reference\"\nimport type { Database as Precise } from \"./precise\"\nimport type { Database as Compat } from \"./supabase\"\n\ntype Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false\ntype Within<A, B> = [A] extends [B] ? true : false\n\n",
        );
        let mut lines = Vec::new();
        for compat in [TsCompat::Supabase, TsCompat::Precise] {
            let mut cfg = config(schemas, compat);
            // The default, stated: nullable array elements (opt-in) make every array column
            // differ from the reference; real rows check them (rows_read_from_postgres_...).
            cfg.typescript.nullable_array_elements = false;
            let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &cfg)
                .unwrap()
                .catalog;
            std::fs::write(
                dir.join(format!("{}.ts", mode_name(compat))),
                generate(&catalog, &cfg),
            )
            .unwrap();
            let paths = gen_types::emit::typescript::type_paths(&catalog);
            if compat == TsCompat::Supabase {
                // The same names as the reference's: its tables (partitions too), views,
                // functions, enums and composite types per schema, and per relation the
                // same parts (Insert and Update of views written through triggers).
                let mut keyed: BTreeSet<Vec<String>> = BTreeSet::new();
                for s in schemas.iter() {
                    for section in ["Tables", "Views", "Functions", "Enums", "CompositeTypes"] {
                        keyed.insert(vec![s.to_string(), section.to_string()]);
                    }
                }
                for p in paths.iter().filter(|p| p[1] == "Tables" || p[1] == "Views") {
                    keyed.insert(p[..3].to_vec());
                }
                for path in keyed {
                    let index: String = path
                        .iter()
                        .map(|p| format!("[{}]", serde_json::to_string(p).unwrap()))
                        .collect();
                    let n = lines.len();
                    assertions.push_str(&format!(
                        "export const c{n}: Mutual<keyof Compat{index}, keyof Ref{index}> = true\n"
                    ));
                    lines.push((n + 8, format!("{} (names)", path.join(".")), compat));
                }
            }
            for path in paths {
                let index: String = path
                    .iter()
                    .map(|p| format!("[{}]", serde_json::to_string(p).unwrap()))
                    .collect();
                let (alias, check) = match compat {
                    TsCompat::Supabase => ("Compat", "Mutual"),
                    TsCompat::Precise => ("Precise", "Within"),
                };
                let n = lines.len();
                assertions.push_str(&format!(
                    "export const c{n}: {check}<{alias}{index}, Ref{index}> = true\n"
                ));
                // Line numbers are 1-based; the header has 7 lines.
                lines.push((n + 8, path.join("."), compat));
            }
        }
        std::fs::write(dir.join("compare.ts"), assertions).unwrap();
        lines_by_file.insert(fixture.to_string(), lines);
    }
    write_tsconfig(&ws);
    let (_, out) = tsc(&ws);

    // Map every error in compare.ts back to the type it checks.
    let mut failures: Vec<(String, String, TsCompat)> = Vec::new();
    for line in out.lines() {
        let Some((file, rest)) = line.split_once(".ts(") else {
            continue;
        };
        let fixture = Path::new(file)
            .parent()
            .and_then(|p| p.file_name())
            .unwrap()
            .to_string_lossy()
            .to_string();
        if !file.ends_with("compare") {
            continue;
        }
        let n: usize = rest.split(',').next().unwrap().parse().unwrap();
        let (_, path, compat) = lines_by_file[&fixture]
            .iter()
            .find(|(l, _, _)| *l == n)
            .unwrap();
        failures.push((fixture, path.clone(), *compat));
    }
    failures.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    failures.dedup();
    let list = |compat: TsCompat| -> Vec<(String, String)> {
        failures
            .iter()
            .filter(|f| f.2 == compat)
            .map(|f| (f.0.clone(), f.1.clone()))
            .collect()
    };
    let expected = |d: &[(&str, &str, &str)]| -> Vec<(String, String)> {
        d.iter()
            .map(|(f, p, _)| (f.to_string(), p.to_string()))
            .collect()
    };
    assert_eq!(
        list(TsCompat::Supabase),
        expected(SUPABASE_DIFFERENCES),
        "compat = \"supabase\" vs the reference:\n{out}"
    );
    assert_eq!(
        list(TsCompat::Precise),
        expected(PRECISE_DIFFERENCES),
        "precise vs the reference:\n{out}"
    );
}

/// A JSON value as a TypeScript literal; `{"$date": iso}` and `{"$bytes": [..]}` (from
/// pg_rows.mjs) become `new Date(iso)` and `new Uint8Array([..])`.
fn ts_literal(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Object(o) if o.len() == 1 && o.contains_key("$date") => {
            format!("new Date({})", o["$date"])
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("$number") => {
            o["$number"].as_str().unwrap_or("NaN").to_string()
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("$bytes") => {
            format!("new Uint8Array({})", o["$bytes"])
        }
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(ts_literal).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(o) => format!(
            "{{ {} }}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", serde_json::to_string(k).unwrap(), ts_literal(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// Values that a profile documents as outside the TypeScript type (README): non-finite
/// floats and numerics arrive as the strings "NaN"/"Infinity"/"-Infinity" through to_jsonb,
/// and node-postgres turns infinite dates and timestamps into the numbers ±Infinity.
fn documented_exception(
    transport: TsTransport,
    ty: &gen_types::model::TypeRef,
    value: &serde_json::Value,
) -> bool {
    let float = ["float4", "float8", "numeric"]
        .iter()
        .any(|t| ty.is_builtin(t));
    let dated = ["date", "timestamp", "timestamptz"]
        .iter()
        .any(|t| ty.is_builtin(t));
    match transport {
        TsTransport::Postgrest => {
            float && matches!(value.as_str(), Some("NaN" | "Infinity" | "-Infinity"))
        }
        TsTransport::NodePostgres => dated && value.get("$number").is_some(),
    }
}

#[test]
fn rows_read_from_postgres_typecheck_against_the_row_types() {
    let ws = node_workspace("rows");
    let mut origin: BTreeMap<(String, usize), (String, String, serde_json::Value, bool)> =
        BTreeMap::new();
    let mut checked = 0;
    let mut exceptions = 0;
    for (fixture, schemas) in fixtures() {
        let db = TestDb::with_fixture(fixture);
        let base = config(schemas, TsCompat::Precise);
        let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &base)
            .unwrap()
            .catalog;
        let relations: Vec<&gen_types::model::Relation> = catalog.relations.iter().collect();
        let names: Vec<(String, String)> = relations
            .iter()
            .map(|r| (r.schema.clone(), r.name.clone()))
            .collect();
        for transport in [TsTransport::Postgrest, TsTransport::NodePostgres] {
            let mut cfg = config(schemas, TsCompat::Precise);
            cfg.typescript.transport = transport;
            // The fixtures' arrays hold NULL elements, which only the opt-in
            // `nullable_array_elements` types (README: the default types them `T`).
            cfg.typescript.nullable_array_elements = true;
            let dir = ws.join(format!("{fixture}_{transport:?}"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("database.types.ts"), generate(&catalog, &cfg)).unwrap();
            let rows: Vec<Vec<serde_json::Value>> = match transport {
                TsTransport::Postgrest => {
                    let mut client = db.client();
                    names
                        .iter()
                        .map(|(s, r)| {
                            let sql = format!(
                                "SELECT coalesce(json_agg(to_jsonb(t)), '[]')::text FROM \"{}\".\"{}\" t",
                                s.replace('"', "\"\""),
                                r.replace('"', "\"\"")
                            );
                            let text: String = client.query_one(&sql, &[]).unwrap().get(0);
                            serde_json::from_str(&text).unwrap()
                        })
                        .collect()
                }
                TsTransport::NodePostgres => {
                    let (ok, out) = run(Command::new("node")
                        .arg(repo().join("tests/ts/pg_rows.mjs"))
                        .arg(db.uri())
                        .arg(serde_json::to_string(&names).unwrap()));
                    assert!(ok, "pg_rows.mjs failed: {out}");
                    serde_json::from_str(&out).unwrap()
                }
            };
            let file = format!("{}/rows.ts", dir.file_name().unwrap().to_string_lossy());
            let mut ts = String::from("import type { Database } from \"./database.types\"\n\n");
            for (rel, rel_rows) in relations.iter().zip(&rows) {
                let section = if rel.kind.is_table() {
                    "Tables"
                } else {
                    "Views"
                };
                let cols: Vec<String> = rel
                    .columns
                    .iter()
                    .map(|c| serde_json::to_string(&c.name).unwrap())
                    .collect();
                let row_type = format!(
                    "Pick<Database[{}][\"{section}\"][{}][\"Row\"], {}>",
                    serde_json::to_string(&rel.schema).unwrap(),
                    serde_json::to_string(&rel.name).unwrap(),
                    if cols.is_empty() {
                        "never".to_string()
                    } else {
                        cols.join(" | ")
                    }
                );
                for (i, row) in rel_rows.iter().enumerate() {
                    ts.push_str(&format!(
                        "export const r{}_{i}: {row_type} = {{\n",
                        origin.len()
                    ));
                    for c in &rel.columns {
                        let v = row.get(&c.name).cloned().unwrap_or(serde_json::Value::Null);
                        let line = ts.lines().count() + 1;
                        let exception = documented_exception(transport, &c.ty, &v);
                        ts.push_str(&format!(
                            "  {}: {},\n",
                            serde_json::to_string(&c.name).unwrap(),
                            ts_literal(&v)
                        ));
                        origin.insert(
                            (file.clone(), line),
                            (
                                format!("{}.{}", rel.schema, rel.name),
                                c.name.clone(),
                                v,
                                exception,
                            ),
                        );
                        checked += 1;
                    }
                    ts.push_str("}\n");
                }
            }
            std::fs::write(dir.join("rows.ts"), ts).unwrap();
        }
    }
    write_tsconfig(&ws);
    let (_, out) = tsc(&ws);
    let mut failures = Vec::new();
    for line in out.lines().filter(|l| l.contains("rows.ts(")) {
        let (path, rest) = line.split_once("rows.ts(").unwrap();
        let dir = Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let n: usize = rest.split(',').next().unwrap().parse().unwrap();
        match origin.get(&(format!("{dir}/rows.ts"), n)) {
            Some((_, _, _, true)) => exceptions += 1,
            Some((rel, col, v, false)) => {
                failures.push(format!("{dir}: {rel}.{col} = {v}: {line}"))
            }
            None => failures.push(format!("{dir}: {line}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} values do not fit their Row type:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 500, "only {checked} values checked");
    eprintln!("{checked} values checked, {exceptions} documented exceptions");
}

#[test]
fn a_template_folder_replaces_the_built_in_template() {
    let db = TestDb::with_fixture("views_functions");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("typescript")).unwrap();
    std::fs::write(
        dir.path().join("typescript/database.ts.hbs"),
        "// custom\n{{#each schemas}}{{{key}}}:{{#each tables}} {{{key}}}{{/each}}\n{{/each}}",
    )
    .unwrap();
    let mut cfg = config(&["public"], TsCompat::Precise);
    let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &cfg)
        .unwrap()
        .catalog;
    cfg.templates = Some(dir.path().to_path_buf());
    assert_eq!(
        generate(&catalog, &cfg),
        "// custom\npublic: authors book_audit books reviews\n"
    );

    // A broken template is an error naming the file, not a panic.
    std::fs::write(
        dir.path().join("typescript/database.ts.hbs"),
        "{{#each schemas}}",
    )
    .unwrap();
    let err = gen_types::generate(&catalog, &cfg).unwrap_err().to_string();
    assert!(err.contains("database.ts.hbs"), "{err}");
}

/// A template decides the column its members go to, and the members break as prettier
/// breaks them there: the Row members of every table placed at column 2 and at column 44
/// (twenty-one objects deep) are both left as they are by prettier, and the deep ones do
/// break where the shallow ones do not.
#[test]
fn a_template_places_members_at_its_own_column() {
    let db = TestDb::with_fixture("type_zoo");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("typescript")).unwrap();
    let cfg = config(&["public", "extra"], TsCompat::Precise);
    let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &cfg)
        .unwrap()
        .catalog;
    let mut files = Vec::new();
    let mut lines = Vec::new();
    for depth in [0usize, 21] {
        let open: String = (0..depth)
            .map(|i| format!("{}k{i}: {{\n", "  ".repeat(i + 1)))
            .collect();
        let close: String = (0..depth)
            .rev()
            .map(|i| format!("{}}}\n", "  ".repeat(i + 1)))
            .collect();
        let indent = 2 * (depth + 1);
        let template = format!(
            "{{{{#each schemas}}}}{{{{#each tables}}}}\nexport type T{{{{@index}}}} = {{\n{open}{pad}{{{{{{print row indent={indent}}}}}}}\n{close}}}\n{{{{/each}}}}{{{{/each}}}}",
            pad = " ".repeat(indent),
        );
        std::fs::write(dir.path().join("typescript/database.ts.hbs"), template).unwrap();
        let mut cfg = cfg.clone();
        cfg.templates = Some(dir.path().to_path_buf());
        let text = generate(&catalog, &cfg);
        lines.push(text.lines().count() - 2 * depth * text.matches("export type").count());
        let file = dir.path().join(format!("depth{depth}.ts"));
        std::fs::write(&file, text.trim_start()).unwrap();
        files.push(file);
    }
    let changed = common::prettier_would_change(&files);
    assert!(changed.is_empty(), "prettier would reformat {changed:?}");
    assert!(
        lines[1] > lines[0],
        "the deep members should break more: {lines:?} lines"
    );
}
