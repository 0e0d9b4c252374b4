//! The reference generator (`@supabase/postgres-meta`, as `supabase gen types typescript`
//! runs it) and the item-by-item comparison of our output with its output.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use super::{repo, tsc, write_tsconfig};

/// The reference generator's `database.types.ts` for the database at `uri` (a
/// `postgresql://` URL), for `schemas`.
pub fn reference_types_at(uri: &str, schemas: &[&str]) -> String {
    let server = repo().join("node_modules/@supabase/postgres-meta/dist/server/server.js");
    assert!(
        server.exists(),
        "run `npm ci`: {} is missing",
        server.display()
    );
    let out = Command::new("node")
        .arg(&server)
        .env("PG_META_GENERATE_TYPES", "typescript")
        .env("PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS", schemas.join(","))
        .env(
            "PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS",
            "true",
        )
        .env("PG_META_DB_URL", uri)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "reference generator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The sections of a schema in `database.types.ts`.
const SECTIONS: &[&str] = &["Tables", "Views", "Functions", "Enums", "CompositeTypes"];

/// Writes `ours` and `reference` into `dir` and returns the type paths (`public.Tables.x.Row`)
/// whose types are not mutually assignable, checked by `tsc --strict` one item at a time, and
/// the sections of `schemas` whose names differ (`public.Tables (names)`).
pub fn not_mutually_assignable(
    dir: &Path,
    ours: &str,
    reference: &str,
    schemas: &[&str],
    paths: &[Vec<String>],
) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("ours.ts"), ours).unwrap();
    std::fs::write(dir.join("reference.ts"), reference).unwrap();
    let mut ts = String::from(
        "import type { Database as Ours } from \"./ours\"\nimport type { Database as Ref } from \"./reference\"\n\ntype Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false\n\n",
    );
    let header = ts.lines().count();
    let mut lines: BTreeMap<usize, String> = BTreeMap::new();
    let key = |p: &String| format!("[{}]", serde_json::to_string(p).unwrap());
    // The names in each section, so that an item only the reference has is caught too.
    let sections = schemas.iter().flat_map(|s| {
        SECTIONS
            .iter()
            .map(move |sec| vec![s.to_string(), sec.to_string()])
    });
    for section in sections {
        let index: String = section.iter().map(key).collect();
        let n = lines.len();
        ts.push_str(&format!(
            "export const c{n}: Mutual<keyof Ours{index}, keyof Ref{index}> = true\n"
        ));
        lines.insert(header + n + 1, format!("{} (names)", section.join(".")));
    }
    for path in paths {
        let index: String = path.iter().map(key).collect();
        let n = lines.len();
        ts.push_str(&format!(
            "export const c{n}: Mutual<Ours{index}, Ref{index}> = true\n"
        ));
        lines.insert(header + n + 1, path.join("."));
    }
    std::fs::write(dir.join("compare.ts"), ts).unwrap();
    write_tsconfig(dir);
    let (_, out) = tsc(dir);
    let mut failing: Vec<String> = Vec::new();
    for line in out.lines() {
        let Some(rest) = line.split("compare.ts(").nth(1) else {
            assert!(
                !line.contains("error TS") || line.contains("compare.ts"),
                "tsc failed outside the comparison:\n{out}"
            );
            continue;
        };
        let n: usize = rest.split(',').next().unwrap().parse().unwrap();
        let path = lines
            .get(&n)
            .unwrap_or_else(|| panic!("no item on line {n}:\n{out}"));
        failing.push(path.clone());
    }
    failing.sort();
    failing.dedup();
    failing
}
