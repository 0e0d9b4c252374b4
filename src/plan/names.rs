//! Every generated name, planned once per run in declared namespaces and keyed by
//! (schema, object, part): the Zod exports of `database.schemas.ts`, the contracts of
//! `database.contracts.ts`, and the modules and types of `database.rs`. A name is made
//! from the Postgres name and `[naming]`, never by rewriting another name's text. Asking for a name that was not planned is a bug: it is
//! recorded, and the emitter that asked fails instead of printing a plausible default.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;

use heck::{ToLowerCamelCase, ToUpperCamelCase};

use super::exposure::is_exposed;
use super::order::collate;
use crate::config::{NameCase, NamingConfig};
use crate::fast_hash::FastBuild;
use crate::model::{Catalog, TypeKind};

/// What a name is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// A relation's Row schema.
    Row,
    /// A relation's Insert schema.
    Insert,
    /// A relation's Update schema.
    Update,
    /// A function's arguments schema.
    Args,
    /// A function's result schema.
    Returns,
    /// An enum's or composite type's schema.
    Type,
    /// A relation's contract.
    Contract,
    /// A function's contract.
    RpcContract,
    /// A schema's module in `database.rs` (the object is `""`).
    RustModule,
    /// A relation's Rust base name, to which the row/insert/update parts are appended.
    RustRelation,
    /// An enum's, composite's or domain's Rust type.
    RustType,
}

/// The namespaces names are unique in: one per generated module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Namespace {
    /// The exports of `database.schemas.ts`.
    Zod,
    /// The exports of `database.contracts.ts`.
    Contracts,
    /// The modules of `database.rs`.
    RustModules,
    /// The items of one module of `database.rs` (each schema's names are unique in it).
    RustItems,
}

impl Part {
    fn namespace(self) -> Namespace {
        match self {
            Part::Row | Part::Insert | Part::Update | Part::Args | Part::Returns | Part::Type => {
                Namespace::Zod
            }
            Part::Contract | Part::RpcContract => Namespace::Contracts,
            Part::RustModule => Namespace::RustModules,
            Part::RustRelation | Part::RustType => Namespace::RustItems,
        }
    }
}

type Key = (String, String, Part);

/// The planned names by schema, then object (hashed: emitters ask for one name per column
/// type and relation part), then part (a few per object).
type Planned = BTreeMap<String, HashMap<String, Vec<(Part, String)>, FastBuild>>;

/// The planned names.
#[derive(Debug, Default)]
pub struct NamePlan {
    names: Planned,
    /// Names asked for that were not planned, as `schema.object (part, asked at file:line)`.
    unplanned: Mutex<BTreeSet<String>>,
}

/// The declared form of `database.schemas.ts` (`zod_declare`): the interface of every
/// export's `z.infer` type, keyed by export name. Types live in TypeScript's type namespace,
/// so they cannot clash with the exports (values).
pub const ZOD_OUTPUT_TYPES: &str = "Output";
/// The interface of every export's `z.input` type, keyed by export name.
pub const ZOD_INPUT_TYPES: &str = "Input";
/// The type of one export's schema, `Schema<"name">`.
pub const ZOD_SCHEMA_TYPE: &str = "Schema";

/// Names the file itself declares, and the words no `const` may be called.
const RESERVED: &[&str] = &[
    "z",
    "pg",
    "Labels",
    "Json",
    "jsonSchema",
    "nonNullJsonSchema",
    "Schemas",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "let",
    "static",
    "yield",
    "await",
    "implements",
    "interface",
    "package",
    "private",
    "protected",
    "public",
    "arguments",
    "eval",
    "undefined",
];

/// The identifier `[naming]` makes of a Postgres name: renamed, prefixed with its schema
/// outside the default schema, case-converted, reduced to identifier characters.
fn ident(schema: &str, name: &str, default_schema: &str, naming: &NamingConfig) -> String {
    let base = match naming.rename.get(&format!("{schema}.{name}")) {
        Some(chosen) => chosen.clone(),
        None if schema == default_schema => name.to_string(),
        None => format!("{schema}_{name}"),
    };
    let cased = match naming.zod_case {
        NameCase::Camel => base.to_lower_camel_case(),
        NameCase::Pascal => base.to_upper_camel_case(),
    };
    let mut ident: String = cased
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    if ident.is_empty() || ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    ident
}

/// Claims `{stem}{suffix}` in `used`, or the first free `{stem}{n}{suffix}` (n = 2, 3, ...;
/// `_` before n when the stem ends in a digit: `t1` + 2 must not read `t12`).
fn claim(used: &mut BTreeSet<String>, stem: &str, suffix: &str) -> String {
    let mut candidate = format!("{stem}{suffix}");
    let mut n = 2;
    while used.contains(&candidate) {
        let sep = if stem.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        candidate = format!("{stem}{sep}{n}{suffix}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

impl NamePlan {
    /// Plans every name of the catalog following `[naming]`.
    pub fn build(catalog: &Catalog, default_schema: &str, naming: &NamingConfig) -> Self {
        let mut names = BTreeMap::new();
        plan_zod(catalog, default_schema, naming, &mut names);
        plan_contracts(catalog, default_schema, naming, &mut names);
        plan_rust(catalog, naming, &mut names);
        let mut planned = Planned::new();
        for ((schema, object, part), name) in names {
            let objects = planned.entry(schema).or_default();
            objects.entry(object).or_default().push((part, name));
        }
        Self {
            names: planned,
            unplanned: Mutex::new(BTreeSet::new()),
        }
    }

    /// The name of `schema.object`'s `part`. A name that was not planned is recorded with
    /// the place in gen-types' source that asked for it (see [`Self::unplanned`]) and an
    /// empty string returned.
    #[track_caller]
    pub fn get(&self, schema: &str, object: &str, part: Part) -> &str {
        let planned = self
            .names
            .get(schema)
            .and_then(|objects| objects.get(object))
            .and_then(|parts| parts.iter().find(|(p, _)| *p == part));
        match planned {
            Some((_, n)) => n,
            None => {
                let at = std::panic::Location::caller();
                if let Ok(mut u) = self.unplanned.lock() {
                    u.insert(format!(
                        "{schema}.{object} ({part:?}, asked at {}:{})",
                        at.file(),
                        at.line()
                    ));
                }
                ""
            }
        }
    }

    /// The names asked for that were not planned (a bug in an emitter).
    pub fn unplanned(&self) -> Vec<String> {
        self.unplanned
            .lock()
            .map(|u| u.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// The schemas that have a module in `database.rs`, with the module's name (before
    /// [`crate::plan::rust_idents::ident_text`]), by schema name.
    pub fn rust_modules(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names.iter().filter_map(|(schema, objects)| {
            let parts = objects.get("")?;
            let (_, n) = parts.iter().find(|(p, _)| *p == Part::RustModule)?;
            Some((schema.as_str(), n.as_str()))
        })
    }

    /// Every planned name of a namespace, in no particular order.
    pub fn names_in(&self, namespace: Namespace) -> impl Iterator<Item = &str> {
        self.names
            .values()
            .flat_map(|objects| objects.values().flatten())
            .filter(move |(part, _)| part.namespace() == namespace)
            .map(|(_, n)| n.as_str())
    }
}

/// Zod exports: `{ident}{part}{zod_suffix}`, where `part` is naming.row/insert/update,
/// `Args`/`Returns`, or empty for a type. Clashes are numbered in (schema, name) order.
fn plan_zod(
    catalog: &Catalog,
    default_schema: &str,
    naming: &NamingConfig,
    names: &mut BTreeMap<Key, String>,
) {
    let mut wanted: Vec<(Key, String)> = Vec::new();
    // `ident` (heck's case conversion) once per object, for all of its parts.
    let mut add = |schema: &str, name: &str, ident: &str, part: Part| {
        let part_name = match part {
            Part::Row => naming.row.as_str(),
            Part::Insert => naming.insert.as_str(),
            Part::Update => naming.update.as_str(),
            Part::Args => "Args",
            Part::Returns => "Returns",
            Part::Type
            | Part::Contract
            | Part::RpcContract
            | Part::RustModule
            | Part::RustRelation
            | Part::RustType => "",
        };
        let stem = format!("{ident}{part_name}");
        wanted.push(((schema.to_string(), name.to_string(), part), stem));
    };
    for r in &catalog.relations {
        let id = ident(&r.schema, &r.name, default_schema, naming);
        for part in [Part::Row, Part::Insert, Part::Update] {
            add(&r.schema, &r.name, &id, part);
        }
    }
    for t in &catalog.types {
        if matches!(t.kind, TypeKind::Enum { .. } | TypeKind::Composite { .. }) {
            let id = ident(&t.schema, &t.name, default_schema, naming);
            add(&t.schema, &t.name, &id, Part::Type);
        }
    }
    for f in &catalog.functions {
        let id = ident(&f.schema, &f.name, default_schema, naming);
        add(&f.schema, &f.name, &id, Part::Args);
        add(&f.schema, &f.name, &id, Part::Returns);
    }
    // Clashes (`user_profile`, `"UserProfile"`, `"user-profile"`) are numbered in the order
    // of their (schema, name); the file's own names and the reserved words are taken.
    wanted.sort_by(|a, b| key_order(&a.0, &b.0).then_with(|| a.1.cmp(&b.1)));
    wanted.dedup();
    let mut used: BTreeSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
    for (key, stem) in wanted {
        let name = claim(&mut used, &stem, &naming.zod_suffix);
        names.insert(key, name);
    }
}

/// The order names are numbered in: (schema, name, part) with the parts in the order the
/// Zod file had them as text (`""` < `Args` < `Insert` < `Returns` < `Row` < `Update`).
fn key_order(a: &Key, b: &Key) -> std::cmp::Ordering {
    let rank = |p: Part| match p {
        Part::Type => 0,
        Part::Args => 1,
        Part::Insert => 2,
        Part::Returns => 3,
        Part::Row => 4,
        Part::Update => 5,
        Part::Contract => 6,
        Part::RpcContract => 7,
        Part::RustModule => 8,
        Part::RustRelation => 9,
        Part::RustType => 10,
    };
    (&a.0, &a.1, rank(a.2)).cmp(&(&b.0, &b.1, rank(b.2)))
}

/// Contracts: `{ident}Contract` per relation and `{ident}RpcContract` per function
/// PostgREST exposes, numbered in the order the file lists them (schema by schema,
/// relations then functions, each by collation).
fn plan_contracts(
    catalog: &Catalog,
    default_schema: &str,
    naming: &NamingConfig,
    names: &mut BTreeMap<Key, String>,
) {
    let mut schemas: Vec<&str> = catalog.schemas.iter().map(|s| s.name.as_str()).collect();
    schemas.sort_by(|a, b| collate(a, b));
    let mut used = BTreeSet::new();
    for schema in schemas {
        let mut rels: Vec<&str> = catalog
            .relations
            .iter()
            .filter(|r| r.schema == schema)
            .map(|r| r.name.as_str())
            .collect();
        rels.sort_by(|a, b| collate(a, b));
        let mut fns: Vec<&str> = catalog
            .functions
            .iter()
            .filter(|f| f.schema == schema && is_exposed(catalog, f))
            .map(|f| f.name.as_str())
            .collect();
        fns.sort_by(|a, b| collate(a, b));
        fns.dedup();
        let objects = rels
            .into_iter()
            .map(|r| (r, Part::Contract, "Contract"))
            .chain(
                fns.into_iter()
                    .map(|f| (f, Part::RpcContract, "RpcContract")),
            );
        for (object, part, suffix) in objects {
            let stem = ident(schema, object, default_schema, naming);
            let name = claim(&mut used, &stem, suffix);
            names.insert((schema.to_string(), object.to_string(), part), name);
        }
    }
}

/// Whether `database.rs` has a type for a type definition.
pub fn rust_emitted_type(t: &crate::model::TypeDef) -> bool {
    matches!(
        t.kind,
        TypeKind::Enum { .. } | TypeKind::Composite { .. } | TypeKind::Domain { .. }
    )
}

/// `database.rs`: one module per schema (snake_case, `pg` is taken by the support module),
/// in it one base name per relation (UpperCamelCase, free with each of the row, insert and
/// update parts appended) and one name per enum, composite and domain. Schemas, then
/// relations and types, are named in (schema, name) order; see
/// [`crate::plan::rust_idents`] for the rules.
fn plan_rust(catalog: &Catalog, naming: &NamingConfig, names: &mut BTreeMap<Key, String>) {
    use super::rust_idents::{Case, Namespace as Taken, base_name, reserved_ok};
    let renamed = |schema: &str, name: &'_ str| -> String {
        naming
            .rename
            .get(&format!("{schema}.{name}"))
            .cloned()
            .unwrap_or_else(|| name.to_string())
    };
    let mut schemas: Vec<&str> = catalog.schemas.iter().map(|s| s.name.as_str()).collect();
    schemas.extend(
        catalog
            .types
            .iter()
            .filter(|t| rust_emitted_type(t))
            .map(|t| t.schema.as_str()),
    );
    schemas.sort();
    schemas.dedup();
    let mut modules = Taken::with_reserved(&["pg"]);
    let key = |schema: &str, object: &str, part| (schema.to_string(), object.to_string(), part);
    for schema in schemas {
        let module = modules.claim(
            &reserved_ok(base_name(schema, Case::Snake, "schema"), Case::Snake),
            &[],
        );
        names.insert(key(schema, "", Part::RustModule), module);
        let mut items = Taken::default();
        let parts = [&naming.row[..], &naming.insert, &naming.update];
        for rel in catalog.relations.iter().filter(|r| r.schema == schema) {
            let base = base_name(&renamed(schema, &rel.name), Case::Camel, "Relation");
            let name = items.claim(&reserved_ok(base, Case::Camel), &parts);
            names.insert(key(schema, &rel.name, Part::RustRelation), name);
        }
        for t in catalog
            .types
            .iter()
            .filter(|t| t.schema == schema && rust_emitted_type(t))
        {
            let base = base_name(&renamed(schema, &t.name), Case::Camel, "Type");
            let name = items.claim(&reserved_ok(base, Case::Camel), &[]);
            names.insert(key(schema, &t.name, Part::RustType), name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naming(row: &str, suffix: &str) -> NamingConfig {
        NamingConfig {
            row: row.into(),
            zod_suffix: suffix.into(),
            ..NamingConfig::default()
        }
    }

    #[test]
    fn numbers_never_merge_with_a_trailing_digit() {
        let mut used = BTreeSet::new();
        assert_eq!(claim(&mut used, "t1", "Contract"), "t1Contract");
        assert_eq!(claim(&mut used, "t1", "Contract"), "t1_2Contract");
        assert_eq!(claim(&mut used, "t", "Contract"), "tContract");
        assert_eq!(claim(&mut used, "t", "Contract"), "t2Contract");
    }

    fn tables(names: &[&str]) -> Catalog {
        let relations: Vec<serde_json::Value> = names
            .iter()
            .map(|n| {
                serde_json::json!({
                    "schema": "public", "name": n, "kind": "table", "columns": [],
                    "rls": {"enabled": false, "forced": false}
                })
            })
            .collect();
        let mut c: Catalog = serde_json::from_value(serde_json::json!({
            "format": crate::model::SNAPSHOT_FORMAT,
            "schemas": [{"name": "public"}],
            "relations": relations,
            "types": [],
            "functions": [],
        }))
        .unwrap();
        c.normalize();
        c
    }

    // Contract names were once made by replacing `RowSchema` in the Zod name: with another
    // row part or suffix the replacement did nothing and the contract took the Zod name.
    #[test]
    fn contract_names_do_not_depend_on_the_zod_names() {
        let catalog = tables(&["goals"]);
        for n in [
            naming("Record", "Schema"),
            naming("Row", ""),
            naming("Data", "Z"),
        ] {
            let plan = NamePlan::build(&catalog, "public", &n);
            assert_eq!(plan.get("public", "goals", Part::Contract), "goalsContract");
            assert_ne!(
                plan.get("public", "goals", Part::Row),
                plan.get("public", "goals", Part::Contract)
            );
        }
        let plan = NamePlan::build(&catalog, "public", &naming("Record", ""));
        assert_eq!(plan.get("public", "goals", Part::Row), "goalsRecord");
        assert!(plan.unplanned().is_empty());
    }

    // The contracts once numbered a clash without Zod's separator: `t1` + 2 read `t12`.
    #[test]
    fn contract_clashes_keep_the_separator() {
        let catalog = tables(&["T1", "t1", "t12"]);
        let plan = NamePlan::build(&catalog, "public", &NamingConfig::default());
        let mut contracts: Vec<&str> = ["T1", "t1", "t12"]
            .iter()
            .map(|t| plan.get("public", t, Part::Contract))
            .collect();
        contracts.sort();
        assert_eq!(contracts, ["t12Contract", "t1Contract", "t1_2Contract"]);
        let zod: BTreeSet<&str> = plan.names_in(Namespace::Zod).collect();
        assert!(
            zod.contains("t1_2RowSchema") || zod.contains("t1Row2Schema"),
            "{zod:?}"
        );
    }

    #[test]
    fn unplanned_names_are_recorded() {
        let plan = NamePlan::build(&tables(&["goals"]), "public", &NamingConfig::default());
        assert_eq!(plan.get("public", "nope", Part::Row), "");
        let line = line!() - 1;
        assert_eq!(
            plan.unplanned(),
            [format!(
                "public.nope (Row, asked at src/plan/names.rs:{line})"
            )]
        );
    }

    #[test]
    fn idents_follow_the_naming_settings() {
        let n = naming("Record", "");
        assert_eq!(
            ident("public", "user_profiles", "public", &n),
            "userProfiles"
        );
        assert_eq!(ident("app", "1st", "public", &n), "app1st");
        assert_eq!(ident("public", "1st", "public", &n), "_1st");
        let pascal = NamingConfig {
            zod_case: NameCase::Pascal,
            ..NamingConfig::default()
        };
        assert_eq!(ident("public", "goals", "public", &pascal), "Goals");
    }
}
