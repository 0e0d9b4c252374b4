//! `database.contracts.ts`: per relation a typed contract (name, schema, primary key, the
//! Zod schemas of database.schemas.ts, relationships), per function its Args/Returns
//! schemas, and the `ActionResponse` helpers for Server Actions. The shape lives in
//! `generators/contracts/database.contracts.ts.hbs`.

use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::EmitError;
use super::templates::{self, Block, Blocks, Layout, Placements, Templates};
use super::typescript::collate;
use crate::emit::settings::ContractsSettings;
use crate::model::Relation;
use crate::plan::Plan;
use crate::plan::names::Part;
use crate::print::comment::jsdoc;
use crate::print::doc::{self, Doc, concat, print, text};
use crate::print::js::{js_property_key, string_literal};

/// A line of the `Contracts` index, `key: ContractName,`, laid out where the template
/// places it.
struct IndexLine {
    key: String,
    value: String,
}

impl Layout for IndexLine {
    fn layout(&self, indent: usize, out: &mut String) {
        out.push_str(&super::zod::chain_property_line(
            &self.key,
            &self.value,
            indent,
        ));
    }

    fn size(&self) -> usize {
        self.key.len() + self.value.len() + 3
    }
}

/// The template's name and the names of its blocks.
const TEMPLATE: &str = "contracts/database.contracts.ts";
const BLOCKS: [&str; 3] = ["tables", "views", "functions"];

/// One schema's index lines, by section.
#[derive(Default)]
struct SchemaIndex {
    tables: Vec<IndexLine>,
    views: Vec<IndexLine>,
    functions: Vec<IndexLine>,
}

impl SchemaIndex {
    fn into_json(
        self,
        key: &str,
        placements: &Placements,
        blocks: &mut Blocks<IndexLine>,
    ) -> Value {
        let mut block = |name: &str, items| blocks.add(Block::new(items, placements.get(name)));
        templates::object([
            ("key", Value::String(js_property_key(key))),
            ("tables", block("tables", self.tables)),
            ("views", block("views", self.views)),
            ("functions", block("functions", self.functions)),
        ])
    }
}

/// The import path of the Zod module as seen from the contracts module.
pub fn module_path(from: &Path, to: &Path) -> String {
    let from_dir: Vec<Component> = from
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    let stem = to.with_extension("");
    let to_parts: Vec<Component> = stem.components().collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut rel = PathBuf::new();
    for _ in common..from_dir.len() {
        rel.push("..");
    }
    for c in &to_parts[common..] {
        rel.push(c.as_os_str());
    }
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.starts_with("..") {
        s
    } else {
        format!("./{s}")
    }
}

fn strings(items: &[String]) -> Doc {
    doc::array_literal(items.iter().map(|s| text(string_literal(s))).collect())
}

fn object(members: Vec<(&str, Doc)>) -> Doc {
    super::zod::chain_object(members)
}

/// Renders `database.contracts.ts`.
pub fn emit(
    plan: &Plan<'_>,
    settings: &ContractsSettings,
    templates: &Templates,
) -> Result<String, EmitError> {
    let catalog = plan.catalog;
    let placements = templates.placements(TEMPLATE, &BLOCKS);
    let mut blocks = Blocks::default();
    let mut definitions = Vec::new();
    let mut schema_names: Vec<&str> = catalog.schemas.iter().map(|s| s.name.as_str()).collect();
    schema_names.sort_by(|a, b| collate(a, b));
    let mut index = Vec::new();
    for schema in &schema_names {
        let mut entry = SchemaIndex::default();
        let mut rels: Vec<_> = catalog
            .relations
            .iter()
            .filter(|r| r.schema == *schema)
            .collect();
        rels.sort_by(|a, b| collate(&a.name, &b.name));
        for rel in rels {
            let (code, line) = relation_contract(plan, rel);
            definitions.push(Value::String(code));
            if rel.kind.is_table() {
                entry.tables.push(line)
            } else {
                entry.views.push(line)
            }
        }
        for f in exposed_names(plan, schema) {
            let (code, line) = function_contract(plan, schema, f);
            definitions.push(Value::String(code));
            entry.functions.push(line);
        }
        index.push(entry.into_json(schema, &placements, &mut blocks));
    }
    EmitError::check_names("contracts", plan.names())?;
    let view = templates::object([
        (
            "schemas_module",
            Value::String(settings.schemas_module.clone()),
        ),
        ("definitions", Value::Array(definitions)),
        ("index", Value::Array(index)),
    ]);
    templates.render_with_blocks(TEMPLATE, view, &blocks)
}

/// The names of the functions of `schema` PostgREST exposes, in output order, once each.
fn exposed_names<'c>(plan: &Plan<'c>, schema: &str) -> Vec<&'c str> {
    let mut fns: Vec<&str> = plan
        .catalog
        .functions
        .iter()
        .filter(|f| f.schema == schema && plan.is_exposed(f))
        .map(|f| f.name.as_str())
        .collect();
    fns.sort_by(|a, b| collate(a, b));
    fns.dedup();
    fns
}

/// `export const {name} = { ... } as const`.
fn export_const(name: &str, members: Vec<(&str, Doc)>) -> String {
    print(
        &concat(vec![
            text(format!("export const {name} = ")),
            object(members),
            text(" as const"),
        ]),
        0,
        0,
    )
}

/// `schemas.{name}`: a schema of database.schemas.ts.
#[track_caller]
fn schema_ref(plan: &Plan<'_>, schema: &str, object: &str, part: Part) -> Doc {
    text(format!(
        "schemas.{}",
        plan.names().get(schema, object, part)
    ))
}

/// A relation's contract and its line in the `Contracts` index.
fn relation_contract(plan: &Plan<'_>, rel: &Relation) -> (String, IndexLine) {
    let kind = if rel.kind.is_table() { "table" } else { "view" };
    let primary_key = rel
        .primary_key
        .as_ref()
        .map(|k| k.columns.as_slice())
        .unwrap_or(&[]);
    let mut members = vec![
        ("name", text(string_literal(&rel.name))),
        ("schema", text(string_literal(&rel.schema))),
        ("kind", text(string_literal(kind))),
        ("primaryKey", strings(primary_key)),
        ("row", schema_ref(plan, &rel.schema, &rel.name, Part::Row)),
    ];
    if rel.kind.is_table() || rel.insertable() {
        members.push((
            "insert",
            schema_ref(plan, &rel.schema, &rel.name, Part::Insert),
        ));
    }
    if rel.kind.is_table() || rel.updatable() {
        members.push((
            "update",
            schema_ref(plan, &rel.schema, &rel.name, Part::Update),
        ));
    }
    members.push(("relationships", relationships(rel)));
    let name = plan.names().get(&rel.schema, &rel.name, Part::Contract);
    let mut code = String::new();
    if let Some(c) = jsdoc(rel.comment.as_deref()) {
        code.push_str(&print(&c, 0, 0));
    }
    code.push_str(&export_const(name, members));
    (
        code,
        IndexLine {
            key: rel.name.clone(),
            value: name.to_string(),
        },
    )
}

/// The foreign keys of a relation, as an array of objects.
fn relationships(rel: &Relation) -> Doc {
    let items = rel
        .foreign_keys
        .iter()
        .map(|fk| {
            object(vec![
                ("foreignKeyName", text(string_literal(&fk.name))),
                ("columns", strings(&fk.columns)),
                (
                    "referencedSchema",
                    text(string_literal(&fk.referenced_schema)),
                ),
                (
                    "referencedRelation",
                    text(string_literal(&fk.referenced_relation)),
                ),
                ("referencedColumns", strings(&fk.referenced_columns)),
            ])
        })
        .collect();
    doc::array_literal(items)
}

/// A function's contract (all its overloads share one) and its line in the index.
fn function_contract(plan: &Plan<'_>, schema: &str, f: &str) -> (String, IndexLine) {
    let name = plan.names().get(schema, f, Part::RpcContract);
    let members = vec![
        ("name", text(string_literal(f))),
        ("schema", text(string_literal(schema))),
        ("args", schema_ref(plan, schema, f, Part::Args)),
        ("returns", schema_ref(plan, schema, f, Part::Returns)),
    ];
    (
        export_const(name, members),
        IndexLine {
            key: f.to_string(),
            value: name.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn module_paths_are_relative() {
        use std::path::Path;
        assert_eq!(
            super::module_path(
                Path::new("database.contracts.ts"),
                Path::new("database.schemas.ts")
            ),
            "./database.schemas"
        );
        assert_eq!(
            super::module_path(Path::new("api/contracts.ts"), Path::new("zod/schemas.ts")),
            "../zod/schemas"
        );
    }
}
