//! `database.types.ts`: the supabase-js `Database` type.
//!
//! Rust decides every type ([`mapping`], `functions.rs`) and lays it out as prettier would
//! ([`doc`]); the handlebars template `generators/typescript/database.ts.hbs` holds the shape
//! of the file. The view-model below is what the template sees: lists of finished member
//! lines per section.

mod functions;
mod jsonschema;
pub mod mapping;
pub mod type_tag;
mod union;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use super::EmitError;
use super::templates::{self, Templates, array};
use crate::config::TsCompat;
use crate::emit::settings::TypescriptSettings;
use crate::model::{Catalog, Column, Relation, TypeKind, TypeRef};
use crate::plan::Plan;
use crate::plan::shape::{self, Field, Precision, Presence};
use crate::plan::types::written_differs;
use crate::print::comment::jsdoc;
use crate::print::doc::{self, Doc, concat, member, object, text};
use crate::print::js::{js_property_key, property_key, string_literal};
use mapping::{Mapper, Site, Ts};

/// Indentation of the members of Row/Insert/Update.
const COLUMN_INDENT: usize = 10;
/// Indentation of function, enum and relation entries.
const ENTRY_INDENT: usize = 6;
/// Indentation of composite type fields.
const FIELD_INDENT: usize = 8;

struct FileView {
    schemas: Vec<SchemaView>,
    default_schema: String,
}

struct SchemaView {
    key: String,
    tables: Vec<RelationView>,
    views: Vec<RelationView>,
    functions: Vec<String>,
    enums: Vec<String>,
    composites: Vec<CompositeView>,
    constants: Vec<String>,
}

struct RelationView {
    comment: Option<String>,
    key: String,
    /// The members of Row, Insert and Update and the relationship objects: each a block of
    /// lines already indented (see [`block`]); empty when there are none.
    row: String,
    insert: String,
    update: String,
    relationships: String,
}

// The view-model goes to the template as JSON built by moving its strings (they are most of
// the file: a copy would add its size again to the peak memory).
impl FileView {
    fn into_json(self) -> Value {
        templates::object([
            ("schemas", array(self.schemas, SchemaView::into_json)),
            ("default_schema", Value::String(self.default_schema)),
        ])
    }
}

impl SchemaView {
    fn into_json(self) -> Value {
        templates::object([
            ("key", Value::String(self.key)),
            ("tables", array(self.tables, RelationView::into_json)),
            ("views", array(self.views, RelationView::into_json)),
            ("functions", array(self.functions, Value::String)),
            ("enums", array(self.enums, Value::String)),
            (
                "composites",
                array(self.composites, CompositeView::into_json),
            ),
            ("constants", array(self.constants, Value::String)),
        ])
    }
}

impl RelationView {
    fn into_json(self) -> Value {
        templates::object([
            ("comment", self.comment.map_or(Value::Null, Value::String)),
            ("key", Value::String(self.key)),
            ("row", Value::String(self.row)),
            ("insert", Value::String(self.insert)),
            ("update", Value::String(self.update)),
            ("relationships", Value::String(self.relationships)),
        ])
    }
}

impl CompositeView {
    fn into_json(self) -> Value {
        templates::object([
            ("comment", self.comment.map_or(Value::Null, Value::String)),
            ("key", Value::String(self.key)),
            ("fields", array(self.fields, Value::String)),
        ])
    }
}

/// Members one per line, each indented by `indent` spaces and followed by `terminator`.
/// (One string per block instead of one per member: handlebars' `each` costs a few
/// microseconds an item, a quarter of the whole run on a 1,000-table schema.)
fn block(members: Vec<String>, indent: usize, terminator: &str) -> String {
    let size = members.iter().map(|m| m.len()).sum::<usize>()
        + members.len() * (indent + terminator.len() + 1);
    let mut out = String::with_capacity(size);
    for (i, m) in members.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str(m);
        out.push_str(terminator);
    }
    out
}

struct CompositeView {
    comment: Option<String>,
    key: String,
    fields: Vec<String>,
}

pub use crate::plan::order::{CollationKey, collate, collation_key};

/// The tables (or views) of a schema in output order.
pub fn sorted_relations<'c>(catalog: &'c Catalog, schema: &str, tables: bool) -> Vec<&'c Relation> {
    let mut rels: Vec<&Relation> = catalog
        .relations
        .iter()
        .filter(|r| r.schema == schema && r.kind.is_table() == tables)
        .collect();
    rels.sort_by_cached_key(|r| collation_key(&r.name));
    rels
}

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

    let computed = mapper.computed_fields(exposed);
    let shared = mapper.shared_types();
    let schemas = schema_names
        .iter()
        .map(|schema| SchemaView {
            key: property_key(schema),
            tables: mapper.relations(schema, true, &computed, &shared),
            views: mapper.relations(schema, false, &computed, &shared),
            functions: mapper.functions(schema, exposed),
            enums: mapper.enums(schema),
            composites: mapper.composites(schema),
            constants: mapper.constants(schema),
        })
        .collect();
    let view = FileView {
        schemas,
        default_schema: string_literal(&ts.default_schema),
    };
    templates.render_json("typescript/database.ts", view.into_json())
}

fn render(d: &Doc, indent: usize) -> String {
    doc::print(d, indent, indent)
}

fn with_comment(d: Doc, comment: Option<&str>) -> Doc {
    match jsdoc(comment) {
        Some(c) => concat(vec![c, d]),
        None => d,
    }
}

/// A column's type in the forms Row, Insert and Update use (`T`, `T | null`, and for json
/// columns written NOT NULL `NonNullable<Json>`), each built and printed once.
struct ColumnType {
    /// Not null, then nullable.
    forms: [Form; 2],
    /// `NonNullable<Json>`, for json columns.
    json_write: Option<Form>,
    /// Not null, then nullable, as written, where that differs from the Row's type.
    written: Option<[Form; 2]>,
}

impl ColumnType {
    /// The forms of `base` (as read) and of `written` (as sent, when it differs).
    fn new(base: Ts, written: Option<Ts>, compat: TsCompat) -> Self {
        let printed = |ts: Ts| {
            let line = doc::print(&ts.doc, 0, 0);
            let one_line = (!line.contains('\n')).then(|| {
                let width = doc::width(&line);
                (line, width)
            });
            Form {
                doc: ts.doc,
                one_line,
            }
        };
        let json_write = base
            .is_json
            .then(|| printed(Ts::named("NonNullable<Json>")));
        let both = |ts: Ts| {
            [
                printed(ts.clone().nullable(false, compat)),
                printed(ts.nullable(true, compat)),
            ]
        };
        Self {
            forms: both(base),
            json_write,
            written: written.map(both),
        }
    }

    /// The type where `nullable` says whether null is accepted; `write` for Insert/Update.
    fn form(&self, nullable: bool, write: bool) -> &Form {
        match (&self.json_write, &self.written) {
            // Through PostgREST a JSON null becomes SQL NULL, so a NOT NULL json column
            // cannot be written with it (it can be read back as JSON null).
            (Some(form), _) if write && !nullable => form,
            (_, Some(forms)) if write => &forms[usize::from(nullable)],
            _ => &self.forms[usize::from(nullable)],
        }
    }
}

/// A type as a document and, when it prints on one line, that line and its width.
struct Form {
    doc: Doc,
    one_line: Option<(String, usize)>,
}

/// The plain column types of the file (most columns share a few dozen), mapped and printed
/// once before the relations are rendered.
type SharedTypes<'c> = HashMap<&'c TypeRef, ColumnType>;

/// `key: type` (`key?: type` when optional) laid out at [`COLUMN_INDENT`]. When the type
/// prints on one line and the whole member fits the width, the member is that line: the
/// printer makes every layout choice inside the type the same way at any column where it
/// fits. Otherwise the member is laid out whole.
fn member_line(key: &str, optional: bool, form: &Form) -> String {
    let key = property_key(key);
    if let Some((line, width)) = &form.one_line {
        let head_width = doc::width(&key) + usize::from(optional) + 2;
        if COLUMN_INDENT + head_width + width <= doc::WIDTH {
            let mut out = String::with_capacity(key.len() + 3 + line.len());
            out.push_str(&key);
            out.push_str(if optional { "?: " } else { ": " });
            out.push_str(line);
            return out;
        }
    }
    render(
        &concat(vec![
            text(format!("{key}{}: ", if optional { "?" } else { "" })),
            form.doc.clone(),
        ]),
        COLUMN_INDENT,
    )
}

impl Mapper<'_> {
    /// Columns in output order: attribute order, or by name in Supabase mode.
    fn relation_columns<'r>(&self, rel: &'r Relation) -> Vec<&'r Column> {
        let mut cols: Vec<&Column> = rel.columns.iter().collect();
        if self.compat == TsCompat::Supabase {
            cols.sort_by_cached_key(|c| collation_key(&c.name));
        }
        cols
    }

    fn precision(&self) -> Precision {
        match self.compat {
            TsCompat::Precise => Precision::Precise,
            TsCompat::Supabase => Precision::Reference,
        }
    }

    /// Whether a column's values can be null in a Row.
    fn column_nullable(&self, rel: &Relation, c: &Column) -> bool {
        shape::row_nullable(self.catalog, rel, c, self.precision())
    }

    fn relations(
        &self,
        schema: &str,
        tables: bool,
        computed: &functions::ComputedFields,
        shared: &SharedTypes,
    ) -> Vec<RelationView> {
        let rels = sorted_relations(self.catalog, schema, tables);
        super::parallel::map(&rels, |r| self.relation(r, computed, shared))
    }

    /// The plain type of a column of type `ty`: read, and written where that differs.
    fn column_type(&self, ty: &TypeRef) -> ColumnType {
        let written = (self.compat == TsCompat::Precise && written_differs(self.catalog, ty))
            .then(|| self.ts_written(ty, Site::Column));
        ColumnType::new(self.ts(ty, Site::Column), written, self.compat)
    }

    /// The column types of every relation, each distinct type mapped once.
    fn shared_types(&self) -> SharedTypes<'_> {
        let mut shared = SharedTypes::new();
        for c in self.catalog.relations.iter().flat_map(|r| &r.columns) {
            if !shared.contains_key(&c.ty) {
                shared.insert(&c.ty, self.column_type(&c.ty));
            }
        }
        shared
    }

    fn relation(
        &self,
        rel: &Relation,
        computed: &functions::ComputedFields,
        shared: &SharedTypes,
    ) -> RelationView {
        let cols = self.relation_columns(rel);
        let comments = self.compat == TsCompat::Precise;
        fn comment_of(c: &Column, on: bool) -> Option<&str> {
            if on { c.comment.as_deref() } else { None }
        }
        // Each column's type: the shared one of its Postgres type unless the column narrows it.
        let own: Vec<Option<ColumnType>> = cols
            .iter()
            .map(|c| match self.column_narrowed(rel, c) {
                Some(t) => Some(ColumnType::new(t, None, self.compat)),
                None if shared.contains_key(&c.ty) => None,
                None => Some(self.column_type(&c.ty)),
            })
            .collect();
        let types: Vec<&ColumnType> = cols
            .iter()
            .zip(&own)
            .filter_map(|(c, own)| own.as_ref().or_else(|| shared.get(&c.ty)))
            .collect();
        let mut row: Vec<String> = cols
            .iter()
            .zip(&types)
            .map(|(c, t)| {
                let form = t.form(self.column_nullable(rel, c), false);
                let comment = jsdoc(comment_of(c, comments)).map(|d| render(&d, COLUMN_INDENT));
                comment.unwrap_or_default() + &member_line(&c.name, false, form)
            })
            .collect();
        // A computed field named like a column would be a duplicate key; the column wins.
        for (name, t) in computed
            .get(&(rel.schema.clone(), rel.name.clone()))
            .into_iter()
            .flatten()
        {
            if rel.column(name).is_some() {
                continue;
            }
            row.push(render(&member(name, false, t.doc.clone()), COLUMN_INDENT));
        }
        let field = |c: &Column, t: &ColumnType, f: Field| match f.presence {
            Presence::Forbidden => format!("{}?: never", property_key(&c.name)),
            presence => member_line(
                &c.name,
                presence == Presence::Optional,
                t.form(f.nullable, true),
            ),
        };
        let precision = self.precision();
        let mut insert = Vec::new();
        if rel.kind.is_table() || rel.insertable() {
            for (c, t) in cols.iter().zip(&types) {
                let f = shape::insert_field(self.catalog, rel, c, precision);
                insert.push(field(c, t, f));
            }
        }
        let mut update = Vec::new();
        if rel.kind.is_table() || rel.updatable() {
            for (c, t) in cols.iter().zip(&types) {
                let f = shape::update_field(self.catalog, rel, c, precision);
                update.push(field(c, t, f));
            }
        }
        RelationView {
            comment: comments
                .then(|| rel.comment.as_deref().and_then(|c| jsdoc(Some(c))))
                .flatten()
                .map(|d| {
                    let s = render(&d, ENTRY_INDENT);
                    s.trim_end().to_string()
                }),
            key: property_key(&rel.name),
            row: block(row, COLUMN_INDENT, ""),
            insert: block(insert, COLUMN_INDENT, ""),
            update: block(update, COLUMN_INDENT, ""),
            relationships: block(self.relationships(rel), COLUMN_INDENT, ","),
        }
    }

    /// The relationships postgrest-js embeds through: the foreign keys of `rel` (for a
    /// view, those of the tables its columns come from), each pointing at the referenced
    /// table and at every view that exposes the referenced columns; only within the schema.
    fn relationships(&self, rel: &Relation) -> Vec<String> {
        // (constraint, columns, one-to-one, referenced relation, referenced columns)
        type Found = (String, Vec<String>, bool, String, Vec<String>);
        let mut found: Vec<Found> = Vec::new();
        for (base, mapping) in self.sources(rel) {
            for fk in &base.foreign_keys {
                let mapped: Option<Vec<String>> =
                    fk.columns.iter().map(|c| mapping.get(c).cloned()).collect();
                let Some(columns) = mapped else {
                    continue;
                };
                let fk_cols: BTreeSet<&String> = fk.columns.iter().collect();
                let one_to_one = base
                    .primary_key
                    .iter()
                    .chain(base.unique_keys.iter())
                    .any(|k| k.columns.iter().collect::<BTreeSet<_>>() == fk_cols);
                for (target, referenced) in self.targets(
                    &fk.referenced_schema,
                    &fk.referenced_relation,
                    &fk.referenced_columns,
                ) {
                    if target.schema == rel.schema {
                        found.push((
                            fk.name.clone(),
                            columns.clone(),
                            one_to_one,
                            target.name.clone(),
                            referenced,
                        ));
                    }
                }
            }
        }
        found.sort_by(|a, b| {
            collate(&a.0, &b.0)
                .then_with(|| collate(&a.3, &b.3))
                .then_with(|| a.1.cmp(&b.1))
        });
        found.dedup();
        found
            .into_iter()
            .map(|(name, columns, one_to_one, target, referenced)| {
                let d = object(
                    vec![
                        member("foreignKeyName", false, text(string_literal(&name))),
                        member("columns", false, tuple(&columns)),
                        member("isOneToOne", false, text(one_to_one.to_string())),
                        member("referencedRelation", false, text(string_literal(&target))),
                        member("referencedColumns", false, tuple(&referenced)),
                    ],
                    true,
                );
                render(&d, COLUMN_INDENT)
            })
            .collect()
    }

    /// The tables whose foreign keys apply to `rel`, with their column names as `rel`
    /// shows them: the table itself, or the tables a view's columns come from.
    fn sources<'r>(&'r self, rel: &'r Relation) -> Vec<(&'r Relation, BTreeMap<String, String>)> {
        if rel.kind.is_table() {
            return vec![(
                rel,
                rel.columns
                    .iter()
                    .map(|c| (c.name.clone(), c.name.clone()))
                    .collect(),
            )];
        }
        let mut by_base: BTreeMap<(&str, &str), BTreeMap<String, String>> = BTreeMap::new();
        for c in &rel.columns {
            if let Some(src) = &c.source {
                by_base
                    .entry((src.schema.as_str(), src.relation.as_str()))
                    .or_default()
                    .entry(src.column.clone())
                    .or_insert_with(|| c.name.clone());
            }
        }
        by_base
            .into_iter()
            .filter_map(|((schema, name), mapping)| {
                let base = self.catalog.relation(schema, name)?;
                base.kind.is_table().then_some((base, mapping))
            })
            .collect()
    }

    /// The referenced table and every view exposing all of `columns` of it.
    fn targets(
        &self,
        schema: &str,
        name: &str,
        columns: &[String],
    ) -> Vec<(&Relation, Vec<String>)> {
        let mut out = Vec::new();
        if let Some(t) = self.catalog.relation(schema, name) {
            out.push((t, columns.to_vec()));
        }
        for v in self.views_showing(schema, name) {
            let exposed: Option<Vec<String>> = columns
                .iter()
                .map(|col| {
                    v.columns
                        .iter()
                        .find(|c| {
                            c.source.as_ref().is_some_and(|s| {
                                s.schema == schema && s.relation == name && &s.column == col
                            })
                        })
                        .map(|c| c.name.clone())
                })
                .collect();
            if let Some(exposed) = exposed {
                out.push((v, exposed));
            }
        }
        out
    }

    fn functions(&self, schema: &str, exposed: &[functions::Exposed<'_>]) -> Vec<String> {
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
                render(&d, ENTRY_INDENT)
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

    fn enums(&self, schema: &str) -> Vec<String> {
        self.schema_types(schema)
            .into_iter()
            .filter_map(|t| match &t.kind {
                TypeKind::Enum { labels } => {
                    let comment = if self.compat == TsCompat::Precise {
                        t.comment.as_deref()
                    } else {
                        None
                    };
                    Some(render(
                        &with_comment(member(&t.name, false, Ts::literals(labels).doc), comment),
                        ENTRY_INDENT,
                    ))
                }
                _ => None,
            })
            .collect()
    }

    fn constants(&self, schema: &str) -> Vec<String> {
        self.schema_types(schema)
            .into_iter()
            .filter_map(|t| match &t.kind {
                TypeKind::Enum { labels } => {
                    let items: Vec<Doc> = labels.iter().map(|l| text(string_literal(l))).collect();
                    Some(render(
                        &concat(vec![
                            text(format!("{}: ", js_property_key(&t.name))),
                            doc::array_literal(items),
                        ]),
                        ENTRY_INDENT,
                    ))
                }
                _ => None,
            })
            .collect()
    }

    fn composites(&self, schema: &str) -> Vec<CompositeView> {
        self.schema_types(schema)
            .into_iter()
            .filter_map(|t| match &t.kind {
                TypeKind::Composite { attributes } => Some(CompositeView {
                    comment: (self.compat == TsCompat::Precise)
                        .then(|| jsdoc(t.comment.as_deref()))
                        .flatten()
                        .map(|d| render(&d, ENTRY_INDENT).trim_end().to_string()),
                    key: property_key(&t.name),
                    fields: attributes
                        .iter()
                        .map(|a| {
                            let ty = self
                                .ts(&a.ty, mapping::Site::Other)
                                .nullable(true, self.compat);
                            render(&member(&a.name, false, ty.doc), FIELD_INDENT)
                        })
                        .collect(),
                }),
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
