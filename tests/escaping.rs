//! Property test of the escaping discipline (issue 13), without a database: random names,
//! comments and labels, full of what ends comments and strings in the targets' languages,
//! go through the model (a catalog snapshot) into every emitter. Each output must parse
//! (TypeScript with oxc, Rust with syn, JSON with serde_json), a TypeScript module must
//! hold no top-level expression statement (catalog text that left a comment or a string
//! would be one), and each name and label must come back, as the string it came from, from
//! a string literal or key of the outputs that carry it.

use std::collections::BTreeSet;

use gen_types::config::{Config, TsCompat};
use oxc_allocator::Allocator;
use oxc_ast::ast::{IdentifierName, Statement, StringLiteral};
use oxc_ast_visit::Visit;
use oxc_parser::Parser;
use oxc_span::SourceType;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Characters that end or open comments, strings and templates in the targets' languages,
/// plus a few plain and non-ASCII ones.
const HOSTILE: &str = "(?s)[a-zA-Z0-9 _\\-'\"`$\\{\\}\\\\/*\\n\\r\\t\u{2028}\u{2029}<>!#;=()\\[\\]@?é日😀\u{200b}]{1,14}";

/// A catalog snapshot: a table `names[0]` (comment `comment`) with an id, columns
/// `names[1]` (text, CHECKed against two labels) and `names[2]` (of the enum), the enum
/// `names[3]` with `labels`, and a function `names[4]` with an argument `names[5]`.
fn snapshot(names: &[String], comment: &str, labels: &[String]) -> Value {
    let ty =
        |schema: &str, name: &str, sql: &str| json!({ "schema": schema, "name": name, "sql": sql });
    let text = ty("pg_catalog", "text", "text");
    let one_of: Vec<Value> = labels
        .iter()
        .take(2)
        .map(|l| json!({ "string": l }))
        .collect();
    json!({
        "format": 1,
        "schemas": [{ "name": "public", "comment": comment }],
        "relations": [{
            "schema": "public", "name": names[0], "kind": "table", "comment": comment,
            "columns": [
                { "name": "id", "type": ty("pg_catalog", "int8", "bigint"), "nullable": false, "updatable": true },
                { "name": names[1], "type": text, "nullable": true, "updatable": true, "comment": comment },
                { "name": names[2], "type": ty("public", &names[3], "x"), "nullable": false, "updatable": true },
            ],
            "primary_key": { "name": comment, "columns": ["id"] },
            "checks": [{
                "name": comment, "definition": comment, "complete": true,
                "facts": [{ "one_of": { "subject": { "column": names[1] }, "values": one_of } }],
            }],
            "rls": { "enabled": false, "forced": false },
        }],
        "types": [{ "schema": "public", "name": names[3], "kind": "enum", "labels": labels, "comment": comment }],
        "functions": [{
            "schema": "public", "name": names[4], "kind": "function", "identity_args": comment,
            "args": [{ "name": names[5], "mode": "in", "type": text }],
            "returns": text, "returns_set": false, "volatility": "stable", "language": "sql",
            "security_definer": false, "strict": false, "comment": comment,
        }],
    })
}

/// The string literals and identifier names of a TypeScript module.
#[derive(Default)]
struct Strings(BTreeSet<String>);

impl<'a> Visit<'a> for Strings {
    fn visit_string_literal(&mut self, it: &StringLiteral<'a>) {
        self.0.insert(it.value.to_string());
    }
    fn visit_identifier_name(&mut self, it: &IdentifierName<'a>) {
        self.0.insert(it.name.to_string());
    }
}

/// Parses a TypeScript module: its strings and identifier names, or why it is refused.
fn typescript(file: &str, text: &str) -> Result<BTreeSet<String>, String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, SourceType::ts()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return Err(format!(
            "{file} does not parse: {:?}\n{text}",
            parsed.diagnostics
        ));
    }
    for s in &parsed.program.body {
        if let Statement::ExpressionStatement(_) = s {
            return Err(format!(
                "{file} has a top-level expression statement:\n{text}"
            ));
        }
    }
    let mut strings = Strings::default();
    strings.visit_program(&parsed.program);
    Ok(strings.0)
}

/// The string literals (doc comments included) and identifiers of a Rust file.
fn rust(text: &str) -> Result<BTreeSet<String>, String> {
    syn::parse_file(text).map_err(|e| format!("database.rs does not parse: {e}\n{text}"))?;
    let tokens: proc_macro2::TokenStream = text.parse().map_err(|e| format!("{e:?}"))?;
    let mut out = BTreeSet::new();
    collect_rust(tokens, &mut out);
    Ok(out)
}

fn collect_rust(tokens: proc_macro2::TokenStream, out: &mut BTreeSet<String>) {
    for t in tokens {
        match t {
            proc_macro2::TokenTree::Group(g) => collect_rust(g.stream(), out),
            proc_macro2::TokenTree::Literal(l) => {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string()) {
                    out.insert(s.value());
                }
            }
            proc_macro2::TokenTree::Ident(i) => {
                out.insert(i.to_string().trim_start_matches("r#").to_string());
            }
            proc_macro2::TokenTree::Punct(_) => {}
        }
    }
}

/// Every string (keys included) of a JSON document.
fn json_strings(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        Value::Object(o) => {
            for (k, v) in o {
                out.insert(k.clone());
                json_strings(v, out);
            }
        }
        _ => {}
    }
}

fn check(names: &[String], comment: &str, labels: &[String]) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join("catalog.json");
    let snapshot = snapshot(names, comment, labels);
    std::fs::write(&path, snapshot.to_string()).map_err(|e| e.to_string())?;
    let catalog = gen_types::read_snapshot(&path).map_err(|e| e.to_string())?;
    for compat in [TsCompat::Supabase, TsCompat::Precise] {
        let mut config = Config {
            schemas: vec!["public".into()],
            ..Config::default()
        };
        config.typescript.compat = compat;
        let files = gen_types::generate(&catalog, &config).map_err(|e| e.to_string())?;
        for (path, text) in &files {
            let file = path
                .file_name()
                .and_then(|f| f.to_str())
                .unwrap_or_default();
            let some = |i: &[usize]| -> Vec<String> {
                i.iter()
                    .map(|&i| names[i].clone())
                    .chain(labels.iter().cloned())
                    .collect()
            };
            let (strings, wanted) = match file {
                "database.types.ts" => (typescript(file, text)?, some(&[0, 1, 2, 3, 4, 5])),
                "database.schemas.ts" => (typescript(file, text)?, some(&[1, 2, 5])),
                "database.contracts.ts" => (typescript(file, text)?, Vec::new()),
                "database.rs" => (rust(text)?, some(&[1, 2])),
                _ => {
                    let v: Value = serde_json::from_str(text)
                        .map_err(|e| format!("{file} is not JSON: {e}"))?;
                    let mut strings = BTreeSet::new();
                    json_strings(&v, &mut strings);
                    let wanted = if file == "database.schema.json" {
                        let mut w = some(&[1, 2]);
                        w.push(format!("public.{}.Row", names[0]));
                        w.push(format!("public.{}", names[3]));
                        w
                    } else {
                        Vec::new()
                    };
                    (strings, wanted)
                }
            };
            for w in &wanted {
                if !strings.contains(w) {
                    return Err(format!("{file} ({compat:?}) lost {w:?}:\n{text}"));
                }
            }
        }
    }
    Ok(())
}

fn distinct(v: &[String]) -> bool {
    v.iter().collect::<BTreeSet<_>>().len() == v.len()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn catalog_text_stays_in_literals_and_comments(
        names in prop::collection::vec(HOSTILE, 6).prop_filter("distinct names", |v| distinct(v) && !v.iter().any(|n| n == "id")),
        comment in HOSTILE,
        labels in prop::collection::vec(HOSTILE, 3).prop_filter("distinct labels", |v| distinct(v)),
    ) {
        if let Err(e) = check(&names, &comment, &labels) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// The repro of issue 13 and the hostile fixture's worst names, always tested.
#[test]
fn known_break_outs_stay_in_literals_and_comments() {
    let names: Vec<String> = [
        "t\n;(globalThis as any).pwned = 1 //",
        "end */ (globalThis as any).pwnedBlock = 1 /*",
        "ls\u{2028};(globalThis as any).pwnedLs = 1 //",
        "cr\r;x = 1 //",
        "__proto__",
        "html --> </script><script>alert(1)</script>",
    ]
    .map(String::from)
    .to_vec();
    let labels = ["", "two\nlines", "${(globalThis as any).pwnedLabel = 1}"].map(String::from);
    check(&names, "*/ x \r\n y \u{2028} </script> -->", &labels).unwrap();
}

/// A snapshot may declare any number of array dimensions (Postgres keeps 1,000 declared
/// ones; a snapshot can say 4 billion): every target is generated quickly, parses, and
/// types the column with the 6 dimensions a Postgres array value can have at most.
#[test]
fn huge_declared_dimensions_are_capped() {
    let names: Vec<String> = ["t", "c", "e", "en", "f", "a"].map(String::from).to_vec();
    let labels = ["x", "y"].map(String::from);
    for dims in [10_000u64, u64::from(u32::MAX)] {
        let mut snapshot = snapshot(&names, "comment", &labels);
        snapshot["relations"][0]["columns"][1]["type"]["array_dims"] = json!(dims);
        snapshot["functions"][0]["returns"]["array_dims"] = json!(dims);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.json");
        std::fs::write(&path, snapshot.to_string()).unwrap();
        let catalog = gen_types::read_snapshot(&path).unwrap();
        let start = std::time::Instant::now();
        let mut config = Config {
            schemas: vec!["public".into()],
            ..Config::default()
        };
        config.typescript.compat = TsCompat::Precise;
        let files = gen_types::generate(&catalog, &config).unwrap();
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
        let types = files
            .iter()
            .find(|(p, _)| p.ends_with("database.types.ts"))
            .map(|(_, t)| t.as_str())
            .unwrap();
        typescript("database.types.ts", types).unwrap();
        assert!(types.contains("c: string[][][][][][] | null"), "{types}");
        assert!(!types.contains("[][][][][][][]"), "{types}");
        let rust_file = files
            .iter()
            .find(|(p, _)| p.ends_with("database.rs"))
            .map(|(_, t)| t.as_str())
            .unwrap();
        rust(rust_file).unwrap();
    }
}
