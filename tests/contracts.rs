//! API contracts against a real PostgreSQL: openapi.json passes openapi-spec-validator and
//! turns into TypeScript (openapi-typescript) that `tsc --strict` compiles; the contracts
//! module compiles and drives a Server Action-style function under node.

mod common;

use std::process::Command;

use common::{
    FIXTURES, TestDb, compile_to_js, node_bin, node_workspace, repo, run, snapshot_settings, tsc,
    write_tsconfig,
};
use gen_types::emit::Target;
use gen_types::{Config, Source};
use serde_json::{Value, json};

fn config(schemas: &[&str], targets: Vec<Target>) -> Config {
    Config {
        schemas: schemas.iter().map(|s| s.to_string()).collect(),
        targets: Some(targets),
        ..Config::default()
    }
}

#[test]
fn openapi_documents_are_valid_and_generate_compiling_typescript() {
    let ws = node_workspace("openapi");
    let mut docs = Vec::new();
    // compat_cases too: views written through INSTEAD OF triggers get POST/PATCH/DELETE.
    const COMPAT_CASES: &[(&str, &[&str])] = &[("compat_cases", &["public", "shop"])];
    for (fixture, schemas) in FIXTURES.iter().chain(COMPAT_CASES) {
        let db = TestDb::with_fixture(fixture);
        let cfg = config(schemas, vec![Target::Openapi]);
        let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &cfg)
            .unwrap()
            .catalog;
        let text = gen_types::generate(&catalog, &cfg)
            .unwrap()
            .into_values()
            .next()
            .unwrap();
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(
                common::versioned_snapshot_name(&format!("openapi__{fixture}")),
                text
            )
        });
        let doc: Value = serde_json::from_str(&text).unwrap();
        // Every table has its four operations; every exposed function its POST.
        for rel in catalog
            .relations
            .iter()
            .filter(|r| r.kind.is_table() && r.schema == "public")
        {
            let path = &doc["paths"][format!("/{}", rel.name.replace(' ', "%20"))];
            if path.is_null() {
                continue; // names that need encoding are checked by the validator below
            }
            for op in ["get", "post", "patch", "delete"] {
                assert!(
                    path.get(op).is_some(),
                    "{fixture}: {} has no {op}",
                    rel.name
                );
            }
        }
        let dir = ws.join(fixture);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("openapi.json"), &text).unwrap();
        docs.push(dir.join("openapi.json"));
        // openapi-typescript (through @redocly/openapi-core) crashes on schema properties
        // named like Object.prototype members (`valueOf`, `constructor`, ...), which the
        // nasty_names fixture has on purpose; the document itself is valid (checked below).
        const PROTOTYPE_NAMES: &[&str] = &[
            "valueOf",
            "constructor",
            "toString",
            "hasOwnProperty",
            "__proto__",
        ];
        let crashes_the_tool = doc["components"]["schemas"]
            .as_object()
            .unwrap()
            .values()
            .any(|s| {
                s["properties"]
                    .as_object()
                    .is_some_and(|p| p.keys().any(|k| PROTOTYPE_NAMES.contains(&k.as_str())))
            });
        if crashes_the_tool {
            assert_eq!(
                *fixture, "nasty_names",
                "only the nasty_names fixture is expected to trip openapi-typescript"
            );
            continue;
        }
        let (ok, out) = run(Command::new(node_bin("openapi-typescript"))
            .arg(dir.join("openapi.json"))
            .arg("-o")
            .arg(dir.join("api.ts")));
        assert!(ok, "openapi-typescript failed for {fixture}:\n{out}");
    }
    let (ok, out) = run(Command::new("python3")
        .arg(repo().join("tests/openapi_validate.py"))
        .args(&docs));
    assert!(
        ok,
        "openapi-spec-validator rejected a document (pip install -r requirements-dev.txt):\n{out}"
    );
    write_tsconfig(&ws);
    let (ok, out) = tsc(&ws);
    assert!(
        ok,
        "tsc --strict failed on openapi-typescript's output:\n{out}"
    );
}

#[test]
fn contracts_compile_and_drive_a_server_action() {
    let ws = node_workspace("contracts");
    for (fixture, schemas) in FIXTURES {
        let db = TestDb::with_fixture(fixture);
        let cfg = config(schemas, vec![Target::Zod, Target::Contracts]);
        let catalog = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &cfg)
            .unwrap()
            .catalog;
        let files = gen_types::generate(&catalog, &cfg).unwrap();
        let contracts = &files[std::path::Path::new("database.contracts.ts")];
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(
                common::versioned_snapshot_name(&format!("contracts__{fixture}")),
                contracts
            )
        });
        let dir = ws.join(fixture);
        std::fs::create_dir_all(&dir).unwrap();
        for (path, text) in &files {
            std::fs::write(dir.join(path), text).unwrap();
        }
        let changed = common::prettier_would_change(&[
            dir.join("database.contracts.ts"),
            dir.join("database.schemas.ts"),
        ]);
        assert!(
            changed.is_empty(),
            "{fixture}: prettier would reformat: {changed:?}"
        );
    }
    // Type-level use of a contract: the ActionResponse narrows on `success`.
    std::fs::write(
        ws.join("supabase_app/action.ts"),
        r#"import { z } from "zod"
import { Contracts, type ActionResponse, errorResponse, successResponse } from "./database.contracts"

type GoalInsert = z.infer<typeof Contracts.public.Tables.goals.insert>

export function createGoal(input: unknown): ActionResponse<GoalInsert> {
  const parsed = Contracts.public.Tables.goals.insert.safeParse(input)
  if (!parsed.success) return errorResponse(parsed.error.message, "invalid_input")
  return successResponse(parsed.data)
}

const r = createGoal({})
if (r.success) {
  const title: string = r.data.title
  void title
} else {
  const code: string = r.error.code
  void code
}
const key: readonly ["id"] = Contracts.public.Tables.goals.primaryKey
void key
"#,
    )
    .unwrap();
    write_tsconfig(&ws);
    let (ok, out) = tsc(&ws);
    assert!(ok, "tsc --strict failed on the contracts:\n{out}");

    // And at run time, under node.
    let dir = ws.join("supabase_app");
    std::fs::write(
        dir.join("tsconfig.emit.json"),
        r#"{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "skipLibCheck": true, "types": [], "outDir": "out" }, "files": ["database.contracts.ts"] }"#,
    )
    .unwrap();
    let _ = compile_to_js; // the schemas module compiles through the contracts' import
    std::fs::write(dir.join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
    let (ok, out) = run(Command::new(node_bin("tsc"))
        .arg("-p")
        .arg(dir.join("tsconfig.emit.json")));
    assert!(ok, "{out}");
    // ESM needs explicit extensions in relative imports.
    let js = dir.join("out/database.contracts.js");
    let text = std::fs::read_to_string(&js).unwrap().replace(
        "from \"./database.schemas\"",
        "from \"./database.schemas.js\"",
    );
    std::fs::write(&js, text).unwrap();
    let (ok, out) = run(Command::new("node")
        .arg(repo().join("tests/ts/server_action.mjs"))
        .arg(&js));
    assert!(ok, "{out}");
    let result: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(result["valid"]["success"], json!(true), "{result}");
    assert_eq!(result["valid"]["data"]["title"], json!("Ship the release"));
    assert_eq!(result["invalid"]["success"], json!(false), "{result}");
    assert_eq!(result["invalid"]["error"]["code"], json!("invalid_input"));
    let message = result["invalid"]["error"]["message"].as_str().unwrap();
    for field in ["title", "status", "id"] {
        assert!(
            message.contains(field),
            "the error names {field}: {message}"
        );
    }
    assert_eq!(result["primaryKey"], json!(["id"]));
}
