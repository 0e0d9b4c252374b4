//! database.schemas.ts against a real PostgreSQL: compiled by tsc (Zod 4 and Zod 3),
//! `z.infer` equal to database.types.ts, stable under prettier, every real row accepted by
//! its Row schema, and Insert schemas agreeing with Postgres on candidate values.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::{FIXTURES, TestDb, compile_to_js, node_workspace, repo, run, snapshot_settings, tsc};
use gen_types::config::{TsTransport, ZodDeclare, ZodLazy, ZodVersion};
use gen_types::emit::Target;
use gen_types::model::Relation;
use gen_types::{Catalog, Config, Source};
use serde_json::{Value, json};

fn config(schemas: &[&str], target: Target) -> Config {
    Config {
        schemas: schemas.iter().map(|s| s.to_string()).collect(),
        targets: Some(vec![target]),
        ..Config::default()
    }
}

/// The shared fixtures and compat_cases (views written through INSTEAD OF triggers,
/// partitions, char/bit/xml values and arrays, an enum of an unselected schema).
fn fixtures() -> impl Iterator<Item = &'static (&'static str, &'static [&'static str])> {
    const COMPAT_CASES: &[(&str, &[&str])] = &[("compat_cases", &["public", "shop"])];
    FIXTURES.iter().chain(COMPAT_CASES)
}

fn generate(catalog: &Catalog, config: &Config) -> String {
    gen_types::generate(catalog, config)
        .unwrap()
        .into_values()
        .next()
        .unwrap()
}

fn load(db: &TestDb, schemas: &[&str]) -> Catalog {
    gen_types::load_catalog(
        &Source::Database(Some(db.url.clone())),
        &config(schemas, Target::Zod),
    )
    .unwrap()
    .catalog
}

fn write_json(path: &Path, value: &impl serde::Serialize) {
    std::fs::write(path, serde_json::to_string(value).unwrap()).unwrap();
}

fn node(args: &[&Path]) -> Value {
    let (ok, out) = run(Command::new("node").args(args));
    assert!(ok, "node {args:?} failed:\n{out}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad output ({e}): {out}"))
}

/// Paths of `Database` that both files define, for the `z.infer` comparison.
fn infer_checks(catalog: &Catalog) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in gen_types::emit::typescript::type_paths(catalog) {
        let index: String = path
            .iter()
            .map(|p| format!("[{}]", serde_json::to_string(p).unwrap()))
            .collect();
        if path[1] == "Functions" {
            for part in ["Args", "Returns"] {
                out.push((
                    format!("{}.{part}", path.join(".")),
                    format!("Same<z.infer<(typeof Schemas){index}[\"{part}\"]>, Database{index}[\"{part}\"]>"),
                ));
            }
        } else {
            out.push((
                path.join("."),
                format!("Same<z.infer<(typeof Schemas){index}>, Database{index}>"),
            ));
        }
    }
    out
}

/// Where `z.infer` of a schema is not the database.types.ts type, by design.
fn infer_exception(path: &str) -> Option<&'static str> {
    const COMPUTED: &str = "computed fields of books (average_rating, full_title, reviews) are Row members in the types but are only returned when selected, so the Row schema has them optional";
    const ERROR: &str =
        "the types give these functions PostgREST's error type; there is no value to validate";
    match path {
        "public.Tables.books.Row" => Some(COMPUTED),
        "public.Functions.average_rating.Args"
        | "public.Functions.full_title.Args"
        | "public.Functions.is_expensive.Args"
        | "public.Functions.reviews.Args" => Some(COMPUTED),
        "public.Functions.average_rating.Returns" | "public.Functions.full_title.Returns" => {
            Some(ERROR)
        }
        // compat_cases: overloads PostgREST cannot choose between (identical argument names).
        "public.Functions.find.Returns" | "public.Functions.tagged.Returns" => Some(ERROR),
        _ => None,
    }
}

/// The exports of a generated module (`export const name`), but `Schemas` and the JSON
/// schemas the template writes.
fn export_names(module: &str) -> Vec<String> {
    module
        .lines()
        .filter_map(|l| l.strip_prefix("export const "))
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                .collect::<String>()
        })
        .filter(|n| !["Schemas", "jsonSchema", "nonNullJsonSchema"].contains(&n.as_str()))
        .collect()
}

/// A tsc file asserting, for every export, that `z.infer` and `z.input` of the module in
/// `dir` are those of the undeclared module in `undeclared_dir`; with the line of each check.
fn same_checks(
    zod_import: &str,
    undeclared_dir: &str,
    names: &[String],
) -> (String, Vec<(usize, String)>) {
    let mut file = format!(
        "import {{ z }} from \"{zod_import}\"\nimport * as D from \"./database.schemas\"\nimport * as U from \"../{undeclared_dir}/database.schemas\"\nimport {{ type Same, expectType }} from \"../assert\"\n\n"
    );
    let mut lines = Vec::new();
    for n in names {
        for side in ["infer", "input"] {
            lines.push((file.lines().count() + 1, format!("z.{side}<{n}>")));
            file.push_str(&format!(
                "expectType<Same<z.{side}<typeof D.{n}>, z.{side}<typeof U.{n}>>>()\n"
            ));
        }
    }
    (file, lines)
}

/// The declared module with one member of one declared Row type made nullable (the first
/// `string` column of an object type in `interface Output`), and the export it belongs to.
fn wrongly_declared(module: &str) -> (String, String) {
    let start = module
        .find("\ninterface Output {\n")
        .expect("no interface Output");
    let mut export = String::new();
    let mut offset = start + 1;
    for line in module[start + 1..].lines() {
        if let Some(name) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(": {")) {
            export = name.to_string();
        }
        if line.starts_with("    ") && line.ends_with(": string") && !export.is_empty() {
            let at = offset + line.len();
            return (format!("{} | null{}", &module[..at], &module[at..]), export);
        }
        assert!(line != "}", "no string member in interface Output");
        offset += line.len() + 1;
    }
    panic!("interface Output does not end");
}

/// Both forms of the module (`zod_declare`), per fixture, Zod version and transport
/// profile: each compiles and is left alone by prettier; in the PostgREST profile each infers
/// the database.types.ts types (but for the listed exceptions); the declared form's declared
/// types are what the undeclared form infers, for `z.infer` and `z.input` of every export (and
/// a wrong declaration is caught).
#[test]
fn schemas_compile_infer_the_types_and_are_prettier_stable() {
    let ws = node_workspace("zod");
    std::fs::copy(repo().join("tests/ts/assert.ts"), ws.join("assert.ts")).unwrap();
    let mut files = Vec::new();
    let mut checks: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    let mut same: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    let mut wrong_export = None;
    for (fixture, schemas) in fixtures() {
        let db = TestDb::with_fixture(fixture);
        let catalog = load(&db, schemas);
        // node-postgres values (dates, bytea, intervals, int8 strings) are checked in the
        // declared form against the undeclared one only: database.types.ts is compared
        // (compare.ts) in the PostgREST profile.
        let variants = [
            (ZodVersion::V4, TsTransport::Postgrest),
            (ZodVersion::V3, TsTransport::Postgrest),
            (ZodVersion::V4, TsTransport::NodePostgres),
            (ZodVersion::V3, TsTransport::NodePostgres),
        ];
        for (version, transport) in variants {
            let postgrest = transport == TsTransport::Postgrest;
            for declare in [ZodDeclare::Never, ZodDeclare::Always] {
                let mut cfg = config(schemas, Target::Zod);
                cfg.zod = version;
                cfg.zod_declare = declare;
                cfg.typescript.transport = transport;
                // Zod 3 output is also checked in the lazy form (schemas built on first use),
                // and with every `[naming]` option changed: no suffix (so names meet the
                // template's own and JavaScript's reserved words), PascalCase, other parts and
                // a rename.
                // Zod 3 is also checked with `nullable_array_elements` on (against the same
                // setting's database.types.ts), Zod 4 with the default.
                if version == ZodVersion::V3 {
                    cfg.zod_lazy = ZodLazy::Always;
                    common::custom_naming(&mut cfg);
                    cfg.typescript.nullable_array_elements = true;
                }
                let mut ts_cfg = config(schemas, Target::Typescript);
                ts_cfg.typescript.nullable_array_elements = cfg.typescript.nullable_array_elements;
                let zod = generate(&catalog, &cfg);
                if version == ZodVersion::V3 && *fixture == "supabase_app" {
                    for name in [
                        "ObjectiveRecord",
                        "ObjectiveNew",
                        "ObjectivePatch",
                        "ProfilesRecord",
                        "AuthUsersPatch",
                        "GoalState",
                    ] {
                        assert!(
                            zod.contains(&format!("export const {name}: "))
                                || zod.contains(&format!("export const {name} =")),
                            "naming options: no export `{name}`"
                        );
                    }
                    assert!(!zod.contains("RowSchema"), "naming options ignored");
                }
                let undeclared_dir = if postgrest {
                    format!("{fixture}_{version:?}")
                } else {
                    format!("{fixture}_{version:?}_node")
                };
                let name = match declare {
                    ZodDeclare::Always => format!("{undeclared_dir}_declared"),
                    _ => undeclared_dir.clone(),
                };
                let dir = ws.join(&name);
                std::fs::create_dir_all(&dir).unwrap();
                if version == ZodVersion::V4 {
                    if postgrest && declare == ZodDeclare::Never {
                        snapshot_settings().bind(|| {
                            insta::assert_snapshot!(
                                common::versioned_snapshot_name(&format!("zod__{fixture}")),
                                zod
                            )
                        });
                    } else if postgrest && *fixture == "type_zoo" {
                        snapshot_settings().bind(|| {
                            insta::assert_snapshot!(
                                common::versioned_snapshot_name("zod__declared__type_zoo"),
                                zod
                            )
                        });
                    }
                    std::fs::write(dir.join("database.schemas.ts"), &zod).unwrap();
                } else {
                    // Zod 3 is installed as the npm alias `zod3`.
                    std::fs::write(
                        dir.join("database.schemas.ts"),
                        zod.replace("from \"zod\"", "from \"zod3\""),
                    )
                    .unwrap();
                }
                files.push(dir.join("database.schemas.ts"));
                let zod_import = if version == ZodVersion::V4 {
                    "zod"
                } else {
                    "zod3"
                };
                if declare == ZodDeclare::Always {
                    assert!(zod.starts_with("// @ts-nocheck\n"), "{name}: not declared");
                    let names = export_names(&zod);
                    let annotated = zod.matches(": Schema<\"").count();
                    assert_eq!(annotated, names.len(), "{name}: exports not annotated");
                    let (file, lines) = same_checks(zod_import, &undeclared_dir, &names);
                    std::fs::write(dir.join("same.ts"), file.clone()).unwrap();
                    same.insert(name.clone(), lines.clone());
                    if wrong_export.is_none() && version == ZodVersion::V4 {
                        let (module, export) = wrongly_declared(&zod);
                        let wrong = ws.join("wrong");
                        std::fs::create_dir_all(&wrong).unwrap();
                        std::fs::write(wrong.join("database.schemas.ts"), module).unwrap();
                        std::fs::write(wrong.join("same.ts"), file).unwrap();
                        same.insert("wrong".into(), lines);
                        wrong_export = Some(format!("z.infer<{export}>"));
                    }
                }
                if !postgrest {
                    continue;
                }
                std::fs::write(dir.join("database.types.ts"), generate(&catalog, &ts_cfg)).unwrap();
                let mut compare = format!(
                    "import {{ z }} from \"{zod_import}\"\nimport {{ Schemas }} from \"./database.schemas\"\nimport type {{ Database }} from \"./database.types\"\nimport {{ type Same, expectType }} from \"../assert\"\n\n"
                );
                let mut lines = Vec::new();
                for (path, check) in infer_checks(&catalog) {
                    lines.push((compare.lines().count() + 1, path));
                    compare.push_str(&format!("expectType<{check}>()\n"));
                }
                std::fs::write(dir.join("compare.ts"), compare).unwrap();
                checks.insert(name.clone(), lines);
            }
        }
    }
    let changed = common::prettier_would_change(&files);
    assert!(
        changed.is_empty(),
        "prettier would reformat generated files: {changed:?}"
    );
    common::write_tsconfig(&ws);
    let (_, out) = tsc(&ws);
    let mut failures = Vec::new();
    let mut caught = Vec::new();
    for line in out.lines().filter(|l| l.contains(".ts(")) {
        let (file, rest) = line.split_once(".ts(").unwrap();
        let dir = Path::new(file)
            .parent()
            .and_then(|p| p.file_name())
            .unwrap()
            .to_string_lossy()
            .to_string();
        let n: usize = rest.split(',').next().unwrap().parse().unwrap();
        let find = |m: &BTreeMap<String, Vec<(usize, String)>>| {
            m.get(&dir)
                .and_then(|l| l.iter().find(|(l, _)| *l == n))
                .map(|(_, p)| p.clone())
        };
        if file.ends_with("same") {
            match find(&same) {
                Some(check) if dir == "wrong" => caught.push(check),
                Some(check) => failures.push(format!("{dir}: declared type differs: {check}")),
                None => failures.push(line.to_string()),
            }
            continue;
        }
        let path = file.ends_with("compare").then(|| find(&checks)).flatten();
        match path {
            Some(p) if infer_exception(&p).is_some() => {}
            Some(p) => failures.push(format!("{dir}: z.infer differs from the type: {p}")),
            None => failures.push(line.to_string()),
        }
    }
    assert!(failures.is_empty(), "{}\n\n{out}", failures.join("\n"));
    // The deliberately wrong declaration fails its check, and only that one.
    let wrong_export = wrong_export.expect("no declared module to make wrong");
    assert_eq!(caught, vec![wrong_export], "the wrong declaration:\n{out}");
}

fn relations_json(catalog: &Catalog, db: &TestDb, with_rows: bool) -> Vec<Value> {
    let mut client = db.client();
    catalog
        .relations
        .iter()
        .map(|r| {
            let kind = if r.kind.is_table() { "Tables" } else { "Views" };
            let mut v = json!({ "schema": r.schema, "relation": r.name, "kind": kind });
            if with_rows {
                let sql = format!(
                    "SELECT coalesce(json_agg(to_jsonb(t)), '[]')::text FROM {} t",
                    qualified(r)
                );
                let text: String = client.query_one(&sql, &[]).unwrap().get(0);
                v["rows"] = serde_json::from_str(&text).unwrap();
            }
            v
        })
        .collect()
}

fn qualified(r: &Relation) -> String {
    format!(
        "\"{}\".\"{}\"",
        r.schema.replace('"', "\"\""),
        r.name.replace('"', "\"\"")
    )
}

/// In both forms of the module (`zod_declare`).
#[test]
fn every_row_postgres_returns_passes_its_row_schema() {
    let ws = node_workspace("zod-rows");
    let mut total = 0;
    for (fixture, schemas) in fixtures() {
        let db = TestDb::with_fixture(fixture);
        let catalog = load(&db, schemas);
        let forms = [TsTransport::Postgrest, TsTransport::NodePostgres]
            .into_iter()
            .flat_map(|t| [(t, ZodDeclare::Never), (t, ZodDeclare::Always)]);
        for (transport, declare) in forms {
            let mut cfg = config(schemas, Target::Zod);
            cfg.typescript.transport = transport;
            cfg.zod_declare = declare;
            // The fixtures' arrays hold NULL elements, which the Row schemas accept only with
            // the opt-in `nullable_array_elements` (README: the default rejects them).
            cfg.typescript.nullable_array_elements = true;
            let dir = ws.join(format!("{fixture}_{transport:?}_{declare:?}"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("database.schemas.ts"), generate(&catalog, &cfg)).unwrap();
            compile_to_js(&dir);
            let postgrest = transport == TsTransport::Postgrest;
            write_json(
                &dir.join("relations.json"),
                &relations_json(&catalog, &db, postgrest),
            );
            let script = repo().join("tests/ts/zod_rows.mjs");
            let module = dir.join("out/database.schemas.js");
            let relations = dir.join("relations.json");
            let result = if postgrest {
                node(&[&script, &module, &relations])
            } else {
                let uri = db.uri();
                node(&[
                    &script,
                    &module,
                    &relations,
                    Path::new("--pg"),
                    Path::new(&uri),
                ])
            };
            assert_eq!(
                result["failures"],
                json!([]),
                "{fixture} ({transport:?}, {declare:?}): rows rejected by their Row schema"
            );
            total += result["parsed"].as_u64().unwrap();
        }
    }
    assert!(total > 100, "only {total} rows parsed");
}

/// A column whose enum lives in a schema that is not selected (compat_cases: `public.codes.tier`
/// is `hidden.tier`; only `public` and `shop` are selected): the module compiles, loads under
/// node, and its schemas accept exactly the enum's labels.
#[test]
fn an_enum_of_an_unselected_schema_compiles_loads_and_checks_its_labels() {
    let ws = node_workspace("zod-unselected-enum");
    let db = TestDb::with_fixture("compat_cases");
    let schemas = ["public", "shop"];
    let catalog = load(&db, &schemas);
    assert!(
        !catalog.schemas.iter().any(|s| s.name == "hidden")
            && catalog
                .types
                .iter()
                .any(|t| t.schema == "hidden" && t.name == "tier"),
        "the fixture no longer has a column whose enum is in an unselected schema"
    );
    let dir = ws.join("module");
    std::fs::create_dir_all(&dir).unwrap();
    let zod = generate(&catalog, &config(&schemas, Target::Zod));
    std::fs::write(dir.join("database.schemas.ts"), zod).unwrap();
    compile_to_js(&dir);
    let script = dir.join("check.mjs");
    std::fs::write(
        &script,
        "import { codesInsertSchema, codesRowSchema } from \"./out/database.schemas.js\"\n\
         const insert = (tier) => codesInsertSchema.safeParse({ id: 3, code: \"abcde\", mask: \"10101010\", tier }).success\n\
         const row = codesRowSchema.shape.tier.safeParse(\"free\").success\n\
         console.log(JSON.stringify({ pro: insert(\"pro\"), gold: insert(\"gold\"), none: insert(null), row }))\n",
    )
    .unwrap();
    assert_eq!(
        node(&[&script]),
        json!({ "pro": true, "gold": false, "none": true, "row": true })
    );
}
