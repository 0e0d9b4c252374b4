//! `database.types.ts`: the supabase-js `Database` type.
//!
//! Rust decides every type ([`mapping`], `functions.rs`) and lays it out as prettier would
//! ([`doc`]); the handlebars template `generators/typescript/database.ts.hbs` holds the shape
//! of the file. The view-model below is what the template sees: lists of finished member
//! lines per section.

mod functions;
mod jsonschema;
pub mod mapping;
mod relation;
pub mod type_tag;
mod union;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde_json::Value;

use super::EmitError;
use super::templates::{self, Block, Blocks, Layout, Templates};
use crate::config::TsCompat;
use crate::emit::settings::TypescriptSettings;
use crate::model::{Catalog, TypeKind};
use crate::plan::Plan;
use crate::print::comment::jsdoc;
use crate::print::doc::{self, Doc, concat, member, text};
use crate::print::js::{js_property_key, property_key, string_literal};
use mapping::{Mapper, Ts};
use relation::{RelationContext, RelationEntries};

pub use crate::plan::order::{CollationKey, collate, collation_key};
pub use relation::sorted_relations;

/// An item the template places with `{{{print BLOCK indent=N}}}`: typed data, laid out
/// only there, at the template's column.
pub enum Entry {
    /// `key: T` or `key?: T` (a Row, Insert or Update member), after its JSDoc comment.
    Member {
        /// The column's comment.
        comment: Option<Doc>,
        /// The key, quoted when it must be.
        key: String,
        /// `?:`.
        optional: bool,
        /// The type.
        form: Arc<Form>,
    },
    /// A whole member or object: a relationship, a function, an enum, a constant, a
    /// composite field, a computed field, `key?: never`.
    Doc(Doc),
    /// A JSDoc comment that stands on its own lines before an entry (its line break is the
    /// template's).
    Comment(Doc),
}

impl Layout for Entry {
    fn layout(&self, indent: usize, out: &mut String) {
        match self {
            Entry::Member {
                comment,
                key,
                optional,
                form,
            } => {
                if let Some(c) = comment {
                    out.push_str(&doc::print(c, indent, indent));
                }
                member_line(key, *optional, form, indent, out);
            }
            Entry::Doc(d) => out.push_str(&doc::print(d, indent, indent)),
            Entry::Comment(d) => out.push_str(doc::print(d, indent, indent).trim_end()),
        }
    }

    fn size(&self) -> usize {
        match self {
            Entry::Member { key, form, .. } => {
                key.len() + 3 + form.one_line.as_ref().map_or(64, |(line, _)| line.len())
            }
            Entry::Doc(_) | Entry::Comment(_) => 64,
        }
    }
}

/// A type as a document and, when it prints on one line, that line and its width.
pub struct Form {
    doc: Doc,
    one_line: Option<(String, usize)>,
}

impl Form {
    fn new(ts: Ts) -> Self {
        let line = doc::print(&ts.doc, 0, 0);
        let one_line = (!line.contains('\n')).then(|| {
            let width = doc::width(&line);
            (line, width)
        });
        Form {
            doc: ts.doc,
            one_line,
        }
    }
}

/// Appends `key: type` (`key?: type` when optional; `key` already quoted) laid out at column
/// `indent`. When the type prints on one line and the whole member fits the width, the
/// member is that line: the printer makes every layout choice inside the type the same way
/// at any column where it fits. Otherwise the member is laid out whole.
fn member_line(key: &str, optional: bool, form: &Form, indent: usize, out: &mut String) {
    let colon = if optional { "?: " } else { ": " };
    if let Some((line, width)) = &form.one_line {
        let head_width = doc::width(key) + colon.len();
        if indent + head_width + width <= doc::WIDTH {
            out.push_str(key);
            out.push_str(colon);
            out.push_str(line);
            return;
        }
    }
    let d = concat(vec![text(format!("{key}{colon}")), form.doc.clone()]);
    out.push_str(&doc::print(&d, indent, indent));
}

/// The view-model: every Rust-laid-out part is a block handle (see
/// [`Templates::render_with_blocks`]); keys are shape, already quoted.
struct SchemaView {
    key: String,
    tables: Vec<RelationEntries>,
    views: Vec<RelationEntries>,
    functions: Block<Entry>,
    enums: Block<Entry>,
    composites: Vec<CompositeView>,
    constants: Block<Entry>,
}

struct CompositeView {
    comment: Block<Entry>,
    key: String,
    fields: Block<Entry>,
}

impl SchemaView {
    fn into_json(self, blocks: &mut Blocks<Entry>) -> Value {
        let mut relations = |rels: Vec<RelationEntries>| {
            Value::Array(rels.into_iter().map(|r| relation_json(r, blocks)).collect())
        };
        let tables = relations(self.tables);
        let views = relations(self.views);
        let composites = self
            .composites
            .into_iter()
            .map(|c| {
                templates::object([
                    ("comment", blocks.add(c.comment)),
                    ("key", Value::String(c.key)),
                    ("fields", blocks.add(c.fields)),
                ])
            })
            .collect();
        templates::object([
            ("key", Value::String(self.key)),
            ("tables", tables),
            ("views", views),
            ("functions", blocks.add(self.functions)),
            ("enums", blocks.add(self.enums)),
            ("composites", Value::Array(composites)),
            ("constants", blocks.add(self.constants)),
        ])
    }
}

fn relation_json(r: RelationEntries, blocks: &mut Blocks<Entry>) -> Value {
    templates::object([
        ("comment", blocks.add(r.comment)),
        ("key", Value::String(r.key)),
        ("row", blocks.add(r.row)),
        ("insert", blocks.add(r.insert)),
        ("update", blocks.add(r.update)),
        ("relationships", blocks.add(r.relationships)),
    ])
}

/// The template's name.
const TEMPLATE: &str = "typescript/database.ts";
/// The names of the blocks in the view-model.
const BLOCKS: [&str; 9] = [
    "comment",
    "row",
    "insert",
    "update",
    "relationships",
    "functions",
    "enums",
    "fields",
    "constants",
];

/// Renders `database.types.ts`.
pub fn emit(
    plan: &Plan<'_>,
    ts: &TypescriptSettings,
    templates: &Templates,
) -> Result<String, EmitError> {
    let catalog = plan.catalog;
    let mut schema_names: Vec<&str> = catalog.schemas.iter().map(|s| s.name.as_str()).collect();
    schema_names.sort_by(|a, b| collate(a, b));
    let mapper = Mapper::new(catalog, ts);
    let exposed = &plan.exposed;
    let placements = templates.placements(TEMPLATE, &BLOCKS);
    let block = |name: &str, items: Vec<Entry>| Block::new(items, placements.get(name));
    let computed = mapper.computed_fields(exposed);
    let shared = mapper.shared_types();
    let context = RelationContext {
        computed: &computed,
        shared: &shared,
        placements: &placements,
    };
    let mut blocks = Blocks::default();
    let schemas = schema_names
        .iter()
        .map(|schema| SchemaView {
            key: property_key(schema),
            tables: mapper.relations(schema, true, &context),
            views: mapper.relations(schema, false, &context),
            functions: block("functions", mapper.functions(schema, exposed)),
            enums: block("enums", mapper.enums(schema)),
            composites: mapper.composites(schema, &block),
            constants: block("constants", mapper.constants(schema)),
        })
        .map(|s| s.into_json(&mut blocks))
        .collect();
    let view = templates::object([
        ("schemas", Value::Array(schemas)),
        (
            "default_schema",
            Value::String(string_literal(&ts.default_schema)),
        ),
    ]);
    templates.render_with_blocks(TEMPLATE, view, &blocks)
}

fn with_comment(d: Doc, comment: Option<&str>) -> Doc {
    match jsdoc(comment) {
        Some(c) => concat(vec![c, d]),
        None => d,
    }
}

impl Mapper<'_> {
    fn functions(&self, schema: &str, exposed: &[functions::Exposed<'_>]) -> Vec<Entry> {
        let mut by_name: BTreeMap<&str, Vec<&functions::Exposed<'_>>> = BTreeMap::new();
        for e in exposed.iter().filter(|e| e.f.schema == schema) {
            by_name.entry(e.f.name.as_str()).or_default().push(e);
        }
        let mut names: Vec<&str> = by_name.keys().copied().collect();
        names.sort_by(|a, b| collate(a, b));
        names
            .into_iter()
            .map(|name| {
                let group: Vec<functions::Exposed<'_>> = by_name[name]
                    .iter()
                    .map(|e| functions::Exposed {
                        f: e.f,
                        inputs: e.inputs.clone(),
                    })
                    .collect();
                let mut d = self.function_entry(name, &group);
                if self.compat == TsCompat::Precise && group.len() == 1 {
                    d = with_comment(d, group[0].f.comment.as_deref());
                }
                Entry::Doc(d)
            })
            .collect()
    }

    fn schema_types(&self, schema: &str) -> Vec<&crate::model::TypeDef> {
        let mut types: Vec<_> = self
            .catalog
            .types
            .iter()
            .filter(|t| t.schema == schema)
            .collect();
        types.sort_by(|a, b| collate(&a.name, &b.name));
        types
    }

    fn enums(&self, schema: &str) -> Vec<Entry> {
        self.schema_types(schema)
            .into_iter()
            .filter_map(|t| match &t.kind {
                TypeKind::Enum { labels } => {
                    let comment = if self.compat == TsCompat::Precise {
                        t.comment.as_deref()
                    } else {
                        None
                    };
                    Some(Entry::Doc(with_comment(
                        member(&t.name, false, Ts::literals(labels).doc),
                        comment,
                    )))
                }
                _ => None,
            })
            .collect()
    }

    fn constants(&self, schema: &str) -> Vec<Entry> {
        self.schema_types(schema)
            .into_iter()
            .filter_map(|t| match &t.kind {
                TypeKind::Enum { labels } => {
                    let items: Vec<Doc> = labels.iter().map(|l| text(string_literal(l))).collect();
                    Some(Entry::Doc(concat(vec![
                        text(format!("{}: ", js_property_key(&t.name))),
                        doc::array_literal(items),
                    ])))
                }
                _ => None,
            })
            .collect()
    }

    fn composites(
        &self,
        schema: &str,
        block: &impl Fn(&str, Vec<Entry>) -> Block<Entry>,
    ) -> Vec<CompositeView> {
        self.schema_types(schema)
            .into_iter()
            .filter_map(|t| match &t.kind {
                TypeKind::Composite { attributes } => {
                    let comment = (self.compat == TsCompat::Precise)
                        .then(|| jsdoc(t.comment.as_deref()))
                        .flatten();
                    let fields = attributes
                        .iter()
                        .map(|a| {
                            let ty = self
                                .ts(&a.ty, mapping::Site::Other)
                                .nullable(true, self.compat);
                            Entry::Doc(member(&a.name, false, ty.doc))
                        })
                        .collect();
                    Some(CompositeView {
                        comment: block(
                            "comment",
                            comment.map(Entry::Comment).into_iter().collect(),
                        ),
                        key: property_key(&t.name),
                        fields: block("fields", fields),
                    })
                }
                _ => None,
            })
            .collect()
    }
}

/// A tuple type of string literals, `["a", "b"]`.
fn tuple(items: &[String]) -> Doc {
    doc::array_literal(items.iter().map(|s| text(string_literal(s))).collect())
}

/// Every type a `database.types.ts` for this catalog and config defines, as key paths into
/// `Database` (`["public", "Tables", "books", "Row"]`): for tools and tests that walk the
/// output, such as the differential test against the reference generator.
pub fn type_paths(catalog: &Catalog) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let path = |parts: &[&str]| parts.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for schema in &catalog.schemas {
        let s = schema.name.as_str();
        for r in catalog.relations.iter().filter(|r| r.schema == s) {
            let section = if r.kind.is_table() { "Tables" } else { "Views" };
            paths.push(path(&[s, section, &r.name, "Row"]));
            if r.kind.is_table() || r.insertable() {
                paths.push(path(&[s, section, &r.name, "Insert"]));
            }
            if r.kind.is_table() || r.updatable() {
                paths.push(path(&[s, section, &r.name, "Update"]));
            }
        }
        let names: BTreeSet<&str> = catalog
            .functions
            .iter()
            .filter(|f| f.schema == s && crate::plan::exposure::is_exposed(catalog, f))
            .map(|f| f.name.as_str())
            .collect();
        for name in names {
            paths.push(path(&[s, "Functions", name]));
        }
        for t in catalog.types.iter().filter(|t| t.schema == s) {
            match t.kind {
                TypeKind::Enum { .. } => paths.push(path(&[s, "Enums", &t.name])),
                TypeKind::Composite { .. } => paths.push(path(&[s, "CompositeTypes", &t.name])),
                _ => {}
            }
        }
    }
    paths
}
