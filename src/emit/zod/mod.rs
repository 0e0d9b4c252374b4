//! `database.schemas.ts`: Zod schemas for every Row, Insert, Update, function, enum and
//! composite type, with the limits the catalog knows (see [`crate::plan::rules`]).
//!
//! Rust builds each schema expression (`values.rs`) and lays it out as prettier would
//! (`chain.rs`); `generators/zod/database.schemas.ts.hbs` holds the file's shape and the
//! runtime helpers (`pg.*`) the expressions use.

mod chain;
mod declared;
mod jsonschema;
mod typed;
mod values;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::EmitError;
use super::templates::{self, Templates};
use super::typescript::collate;
use crate::config::{ZodDeclare, ZodLazy, ZodVersion};
use crate::emit::settings::ZodSettings;
use crate::plan::Plan;
use crate::plan::names::{NamePlan, Part};
use crate::plan::rules::{self, ValueRules};
use crate::plan::shape::{self, Field, Precision, Presence};
use crate::print::comment::line_comment;
use crate::print::doc::{self, Doc, concat, print, text};
use crate::print::js::{js_property_key, string_literal};

/// With `zod_lazy = "auto"` (and `zod_declare = "auto"`), schemas are built on first use
/// (and declare their types) above this many relations.
pub const LAZY_ABOVE: usize = 300;
use crate::model::{Catalog, Relation, TypeDef, TypeKind};
use chain::{Arg, Chain, Docs, array, object};
use declared::Declarations;
use typed::{Ty, Typed, Types};
use values::{Named, Names, Site, ZodValues};

/// One schema's entries in the file's index.
struct SchemaView {
    key: String,
    tables: Vec<String>,
    views: Vec<String>,
    functions: Vec<String>,
    enums: Vec<String>,
    composites: Vec<String>,
}

struct TypeNames<'a> {
    catalog: &'a Catalog,
    table: &'a NamePlan,
    schemas: BTreeSet<&'a str>,
}

impl Names for TypeNames<'_> {
    fn type_schema(&self, schema: &str, name: &str) -> Option<Named> {
        let kind = &self
            .catalog
            .type_def(&crate::model::TypeRef {
                schema: schema.into(),
                name: name.into(),
                ..Default::default()
            })?
            .kind;
        // An enum of a schema that is not selected still has its schema (and labels), as
        // database.types.ts writes its labels; other types of such schemas are unknown.
        if !self.schemas.contains(schema) && !matches!(kind, TypeKind::Enum { .. }) {
            return None;
        }
        match kind {
            TypeKind::Relation => {
                let r = self.catalog.relation(schema, name)?;
                let export = self.table.get(&r.schema, &r.name, Part::Row).to_string();
                Some(Named {
                    code: format!("z.lazy(() => {export})"),
                    export,
                    is_enum: false,
                })
            }
            _ => {
                let export = self.table.get(schema, name, Part::Type).to_string();
                Some(Named {
                    code: export.clone(),
                    export,
                    is_enum: matches!(kind, TypeKind::Enum { .. }),
                })
            }
        }
    }
}

/// Renders `database.schemas.ts`.
pub fn emit(
    plan: &Plan<'_>,
    settings: &ZodSettings,
    templates: &Templates,
) -> Result<String, EmitError> {
    let catalog = plan.catalog;
    let table = plan.names();
    let names = TypeNames {
        catalog,
        table,
        schemas: catalog.schemas.iter().map(|s| s.name.as_str()).collect(),
    };
    let declare = match settings.declare {
        ZodDeclare::Always => true,
        ZodDeclare::Never => false,
        ZodDeclare::Auto => catalog.relations.len() > LAZY_ABOVE,
    };
    let zv = ZodValues {
        v3: settings.version == ZodVersion::V3,
        transport: settings.transport,
        nullable_array_elements: settings.nullable_array_elements,
        names: &names,
        types: declare,
    };
    let lazy = match settings.lazy {
        ZodLazy::Always => true,
        ZodLazy::Never => false,
        ZodLazy::Auto => catalog.relations.len() > LAZY_ABOVE,
    };
    let e = Emitter::new(catalog, lazy, declare, table, &zv);

    let mut schema_names: Vec<&str> = catalog.schemas.iter().map(|s| s.name.as_str()).collect();
    schema_names.sort_by(|a, b| collate(a, b));
    let mut definitions = Vec::new();
    // Enums, then composites (in dependency order), then relations, then functions.
    for t in &catalog.types {
        if let TypeKind::Enum { .. } = t.kind {
            definitions.push(e.enum_def(t));
        }
    }
    for t in composite_order(catalog) {
        definitions.push(e.composite_def(t));
    }
    // Relations are most of the file: written on the machine's cores, each with its own
    // declarations, which are then appended in relation order (the output does not change).
    let (lazy, declare) = (e.lazy, e.declared.is_some());
    let relations = crate::emit::parallel::map_with(
        &catalog.relations,
        || Emitter::new(catalog, lazy, declare, table, &zv),
        |own, r| {
            let text = own.relation_defs(r);
            let declarations = own.declared.as_ref().map(|d| d.take());
            (text, declarations)
        },
    );
    for (text, declarations) in relations {
        definitions.push(text);
        if let (Some(all), Some(these)) = (&e.declared, declarations) {
            all.borrow_mut().append(these);
        }
    }
    let exposed = e.exposed_functions();
    for (key, overloads) in &exposed {
        definitions.push(e.function_defs(&key.0, &key.1, overloads));
    }

    let schemas = schema_names
        .iter()
        .map(|s| SchemaView {
            key: js_property_key(s),
            tables: e.relation_entries(s, true),
            views: e.relation_entries(s, false),
            functions: exposed
                .keys()
                .filter(|(schema, _)| schema == s)
                .map(|(schema, name)| {
                    e.entry(
                        name,
                        &[
                            ("Args", table.get(schema, name, Part::Args)),
                            ("Returns", table.get(schema, name, Part::Returns)),
                        ],
                        6,
                    )
                })
                .collect(),
            enums: e.types_of(s, |k| matches!(k, TypeKind::Enum { .. })),
            composites: e.types_of(s, |k| matches!(k, TypeKind::Composite { .. })),
        })
        .collect();
    // Every enum the file defines has labels, also the enums of schemas that are not
    // selected (a column may use one).
    let mut label_schemas = schema_names.clone();
    for t in &catalog.types {
        if matches!(t.kind, TypeKind::Enum { .. }) && !label_schemas.contains(&t.schema.as_str()) {
            label_schemas.push(&t.schema);
        }
    }
    let labels = label_schemas.iter().map(|s| e.labels(s)).collect();
    let declared = e.declared.map(|d| d.into_inner().render(zv.v3));
    EmitError::check_names("zod", table)?;
    templates.render_json(
        "zod/database.schemas.ts",
        file_view(zv.v3, declared, labels, schemas, definitions),
    )
}

/// The template's view-model, its strings moved in (the definitions and declarations are
/// most of the file).
fn file_view(
    v3: bool,
    declared: Option<String>,
    labels: Vec<String>,
    schemas: Vec<SchemaView>,
    definitions: Vec<String>,
) -> serde_json::Value {
    use serde_json::Value;
    let strings = |items: Vec<String>| templates::array(items, Value::String);
    templates::object([
        ("v3", Value::Bool(v3)),
        ("declared", declared.map_or(Value::Null, Value::String)),
        ("labels", strings(labels)),
        (
            "schemas",
            templates::array(schemas, |s| {
                templates::object([
                    ("key", Value::String(s.key)),
                    ("tables", strings(s.tables)),
                    ("views", strings(s.views)),
                    ("functions", strings(s.functions)),
                    ("enums", strings(s.enums)),
                    ("composites", strings(s.composites)),
                ])
            }),
        ),
        ("definitions", strings(definitions)),
    ])
}

/// Composite types, each after the composites its attributes use.
fn composite_order(catalog: &Catalog) -> Vec<&TypeDef> {
    let composites: Vec<&TypeDef> = catalog
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Composite { .. }))
        .collect();
    let mut done: BTreeSet<(String, String)> = BTreeSet::new();
    let mut out = Vec::new();
    while out.len() < composites.len() {
        let before = out.len();
        for t in &composites {
            let key = (t.schema.clone(), t.name.clone());
            if done.contains(&key) {
                continue;
            }
            let TypeKind::Composite { attributes } = &t.kind else {
                continue;
            };
            let ready = attributes.iter().all(|a| {
                let dep = (a.ty.schema.to_string(), a.ty.name.to_string());
                dep == key
                    || done.contains(&dep)
                    || !composites
                        .iter()
                        .any(|c| c.schema == dep.0 && c.name == dep.1)
            });
            if ready {
                done.insert(key);
                out.push(*t);
            }
        }
        if out.len() == before {
            // A cycle cannot happen in Postgres; keep the rest in name order regardless.
            out.extend(
                composites
                    .iter()
                    .filter(|t| !done.contains(&(t.schema.clone(), t.name.clone()))),
            );
            break;
        }
    }
    out
}

struct Emitter<'a> {
    catalog: &'a Catalog,
    lazy: bool,
    /// The declared form: each export's types, collected as the exports are written.
    declared: Option<RefCell<Declarations>>,
    /// The documents of the chains written so far.
    docs: RefCell<Docs>,
    table: &'a NamePlan,
    zv: &'a ZodValues<'a>,
}

type Overloads<'a> = Vec<&'a crate::model::Function>;

impl<'a> Emitter<'a> {
    /// An emitter collecting declarations (in the declared form) of its own.
    fn new(
        catalog: &'a Catalog,
        lazy: bool,
        declare: bool,
        table: &'a NamePlan,
        zv: &'a ZodValues<'a>,
    ) -> Self {
        Emitter {
            catalog,
            lazy,
            declared: declare.then(|| RefCell::new(Declarations::default())),
            docs: RefCell::default(),
            table,
            zv,
        }
    }
}

impl Emitter<'_> {
    /// `z.object(...)` of the members (strict: `z.strictObject`), their chains' documents
    /// shared through the emitter's [`Docs`].
    fn object_call(&self, members: Vec<(String, Typed)>, strict: bool) -> Typed {
        let mut cache = self.docs.borrow_mut();
        self.zv.object(members, strict, |c| cache.doc(c))
    }

    /// `export const name =`, or `export const name: Schema<"name"> =` in the declared form
    /// (which records the export's types).
    fn head(&self, name: &str, types: &Types) -> String {
        match &self.declared {
            Some(d) => {
                d.borrow_mut().add(name, types);
                format!("export const {name}: {} =", declared::annotation(name))
            }
            None => format!("export const {name} ="),
        }
    }

    /// `export const name = value`. As prettier's assignment layout does, the value moves to
    /// the next line (indented) when its first line does not fit after the `=`.
    fn export(&self, name: &str, value: Typed) -> String {
        let head = self.head(name, &value.types);
        let column = doc::width(&head) + 1;
        // prettier keeps the value after the `=` when its call can break its arguments out
        // (`z.union(` / `[...],` / `)`) and `z.union(` fits.
        let broken_out = value
            .chain
            .broken_out_prefix()
            .is_some_and(|first| column + doc::width(&first) <= doc::WIDTH)
            .then(|| value.chain.clone());
        let value = value.chain.doc();
        let inline = format!("{head} {}", print(&value, 0, column));
        let first_line_fits = inline
            .lines()
            .next()
            .is_some_and(|l| doc::width(l) <= doc::WIDTH);
        if first_line_fits {
            return inline;
        }
        if let Some(broken) = broken_out.and_then(Chain::broken_out) {
            return format!("{head} {}", print(&broken, 0, column));
        }
        format!("{head}\n  {}", print(&value, 2, 2))
    }

    /// Like [`Emitter::export`], but built on first use when the file is large (importing
    /// thousands of eagerly built object schemas costs seconds).
    fn export_lazy(&self, name: &str, value: Typed) -> String {
        let mut out = String::new();
        self.export_lazy_to(&mut out, name, value);
        out
    }

    /// [`Emitter::export_lazy`], appended to `out`.
    fn export_lazy_to(&self, out: &mut String, name: &str, value: Typed) {
        if !self.lazy {
            out.push_str(&self.export(name, value));
            return;
        }
        let head = self.head(name, &value.types);
        if value.chain.is_reference() {
            out.push_str(&self.export_lazy_reference(&head, &value.chain));
            return;
        }
        let value = value.chain.doc();
        // prettier's layout of `export const X = pg.lazy(() => value)`: the arrow is hugged
        // (`pg.lazy(() =>` on the first line) when that fits; else, when `pg.lazy(` fits,
        // the argument list breaks (`pg.lazy(` / `() =>` / value / `)`); else the line
        // breaks after `=` and the hugged form starts on the next line.
        let hugged = |value: Doc| {
            doc::group(concat(vec![
                text("pg.lazy(() =>"),
                doc::indent(concat(vec![doc::line(), value])),
                doc::if_break(text(","), text("")),
                doc::softline(),
                text(")"),
            ]))
        };
        let column = doc::width(&head) + 1;
        out.push_str(&head);
        if column + "pg.lazy(() =>".len() <= doc::WIDTH {
            out.push(' ');
            return doc::print_to(out, &hugged(value), 0, column);
        }
        if column + "pg.lazy(".len() <= doc::WIDTH {
            out.push_str(" pg.lazy(");
            let expanded = concat(vec![
                doc::indent(concat(vec![
                    doc::hardline(),
                    doc::group(concat(vec![
                        text("() =>"),
                        doc::indent(concat(vec![doc::line(), value])),
                    ])),
                    text(","),
                ])),
                doc::hardline(),
                text(")"),
            ]);
            return doc::print_to(out, &expanded, 0, column + " pg.lazy(".len() - 1);
        }
        out.push_str("\n  ");
        doc::print_to(out, &hugged(value), 2, 2);
    }

    /// `export const X = pg.lazy(() => Name)`: prettier does not hug an arrow function that
    /// returns a name, so when the line does not fit the arguments break out (when
    /// `pg.lazy(` fits) or the line breaks after `=`.
    fn export_lazy_reference(&self, head: &str, value: &Chain) -> String {
        let arrow = format!("() => {}", doc::flat_text(&value.clone().doc()));
        let one_line = format!("{head} pg.lazy({arrow})");
        if doc::width(&one_line) <= doc::WIDTH {
            return one_line;
        }
        if doc::width(head) + " pg.lazy(".len() <= doc::WIDTH {
            return format!("{head} pg.lazy(\n  {arrow},\n)");
        }
        format!("{head}\n  pg.lazy({arrow})")
    }

    fn enum_def(&self, t: &TypeDef) -> String {
        let name = self.table.get(&t.schema, &t.name, Part::Type);
        let labels = format!(
            "Labels[{}][{}]",
            string_literal(&t.schema),
            string_literal(&t.name)
        );
        let ty = match &t.kind {
            TypeKind::Enum { labels } => {
                Ty::union(labels.iter().map(|l| Ty::Lit(string_literal(l))).collect())
            }
            _ => Ty::Name("never"),
        };
        self.export(name, Typed::new(Chain::new("z").call1("enum", labels), ty))
    }

    fn composite_def(&self, t: &TypeDef) -> String {
        let TypeKind::Composite { attributes } = &t.kind else {
            return String::new();
        };
        let members = attributes
            .iter()
            .map(|a| {
                let rules = rules::type_rules(self.catalog, &a.ty);
                let (c, _) = self.zv.value(&rules, Site::Row);
                (a.name.clone(), c.nullable())
            })
            .collect();
        let name = self.table.get(&t.schema, &t.name, Part::Type);
        self.export_lazy(name, self.object_call(members, false))
    }

    fn column_schema(&self, rules: &ValueRules, site: Site, nullable: bool) -> Typed {
        let json = rules.array_dims == 0
            && rules.json_schema.is_none()
            && matches!(
                rules.class.scalar(),
                Some(crate::plan::types::Scalar::Json | crate::plan::types::Scalar::Jsonb)
            );
        if json && site == Site::Input && !nullable {
            // A JSON null sent for a NOT NULL json column becomes SQL NULL and fails.
            return self.zv.json("nonNullJsonSchema", "NonNullable<Json>");
        }
        let (c, _) = self.zv.value(rules, site);
        if nullable { c.nullable() } else { c }
    }

    fn relation_defs(&self, rel: &Relation) -> String {
        let mut out = format!(
            "// {}\n",
            line_comment(&format!("{}.{}", rel.schema, rel.name))
        );
        let mut skipped: Vec<String> = rules::untranslated_checks(rel);
        let precision = Precision::Precise;
        let cols: Vec<(&crate::model::Column, ValueRules)> = rel
            .columns
            .iter()
            .map(|c| (c, rules::column_rules(self.catalog, rel, c)))
            .collect();
        for (_, r) in &cols {
            for s in &r.skipped {
                if !skipped.contains(s) {
                    skipped.push(s.clone());
                }
            }
        }
        for s in &skipped {
            out.push_str(&format!("// CHECK not translated: {}\n", line_comment(s)));
        }
        // Rows: every column; computed fields are optional (only present when selected).
        let row: Vec<(String, Typed)> = cols
            .iter()
            .map(|(c, r)| {
                let nullable = shape::row_nullable(self.catalog, rel, c, precision);
                (c.name.clone(), self.column_schema(r, Site::Row, nullable))
            })
            .collect();
        self.export_lazy_to(
            &mut out,
            self.table.get(&rel.schema, &rel.name, Part::Row),
            self.object_call(row, false),
        );
        out.push('\n');
        type FieldOf = fn(&Catalog, &Relation, &crate::model::Column, Precision) -> Field;
        let writes: [(Part, bool, FieldOf); 2] = [
            (
                Part::Insert,
                rel.kind.is_table() || rel.insertable(),
                shape::insert_field,
            ),
            (
                Part::Update,
                rel.kind.is_table() || rel.updatable(),
                shape::update_field,
            ),
        ];
        for (part, enabled, field_of) in writes {
            if !enabled {
                continue;
            }
            let members: Vec<(String, Typed)> = cols
                .iter()
                .map(|(c, r)| {
                    let f = field_of(self.catalog, rel, c, precision);
                    let schema = match f.presence {
                        Presence::Forbidden => {
                            Typed::new(Chain::new("z").call0("never"), Ty::Name("never")).optional()
                        }
                        Presence::Optional => {
                            self.column_schema(r, Site::Input, f.nullable).optional()
                        }
                        Presence::Required => self.column_schema(r, Site::Input, f.nullable),
                    };
                    (c.name.clone(), schema)
                })
                .collect();
            self.export_lazy_to(
                &mut out,
                self.table.get(&rel.schema, &rel.name, part),
                self.object_call(members, true),
            );
            out.push('\n');
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// Functions PostgREST can call, grouped by (schema, name).
    fn exposed_functions(&self) -> BTreeMap<(String, String), Overloads<'_>> {
        let mut out: BTreeMap<(String, String), Overloads<'_>> = BTreeMap::new();
        for f in &self.catalog.functions {
            if crate::plan::exposure::is_exposed(self.catalog, f) {
                out.entry((f.schema.clone(), f.name.clone()))
                    .or_default()
                    .push(f);
            }
        }
        out
    }

    fn function_defs(
        &self,
        schema: &str,
        name: &str,
        overloads: &[&crate::model::Function],
    ) -> String {
        let args: Vec<Typed> = overloads
            .iter()
            .map(|f| {
                let members = f
                    .input_args()
                    .map(|a| {
                        let rules = rules::type_rules(self.catalog, &a.ty);
                        // Like the Args type: arguments are not typed nullable (a JSON null
                        // argument is passed as SQL NULL, so json arguments accept it).
                        let mut c = self.zv.value(&rules, Site::Input).0;
                        if a.default.is_some() {
                            c = c.optional();
                        }
                        (a.name.clone().unwrap_or_default(), c)
                    })
                    .collect();
                self.object_call(members, true)
            })
            .collect();
        let returns: Vec<Typed> = overloads.iter().map(|f| self.returns(f)).collect();
        let one = |mut v: Vec<Typed>| -> Typed {
            if v.len() == 1 {
                return v.remove(0);
            }
            let types = self.zv.union_of(v.iter().map(|t| &t.types));
            let items = v.into_iter().map(|c| c.chain.doc()).collect();
            Typed::with(
                Chain::new("z").call("union", vec![Arg::Complex(array(items))]),
                types,
            )
        };
        format!(
            "// {}\n{}\n{}",
            line_comment(&format!("{schema}.{name}")),
            self.export_lazy(self.table.get(schema, name, Part::Args), one(args)),
            self.export_lazy(self.table.get(schema, name, Part::Returns), one(returns))
        )
    }

    fn returns(&self, f: &crate::model::Function) -> Typed {
        let cols = f.result_columns();
        let single = if !cols.is_empty() {
            let members = cols
                .iter()
                .map(|a| {
                    let rules = rules::type_rules(self.catalog, &a.ty);
                    (
                        a.name.clone().unwrap_or_default(),
                        self.zv.value(&rules, Site::Row).0,
                    )
                })
                .collect();
            self.object_call(members, false)
        } else {
            let rules = rules::type_rules(self.catalog, &f.returns);
            self.zv.value(&rules, Site::Row).0
        };
        if f.returns_set {
            let arg = if single.chain.is_simple() {
                Arg::Simple(single.chain.doc())
            } else {
                Arg::Complex(single.chain.doc())
            };
            let types = self.zv.array_of(&single.types);
            Typed::wrap(Chain::new("z").call("array", vec![arg]), types)
        } else {
            single
        }
    }

    fn entry(&self, key: &str, parts: &[(&str, &str)], indent: usize) -> String {
        let members = parts
            .iter()
            .map(|(k, v)| (k.to_string(), text(v.to_string())))
            .collect();
        print(
            &concat(vec![
                text(format!("{}: ", js_property_key(key))),
                object(members),
            ]),
            indent,
            indent,
        )
    }

    fn relation_entries(&self, schema: &str, tables: bool) -> Vec<String> {
        super::typescript::sorted_relations(self.catalog, schema, tables)
            .iter()
            .map(|r| {
                let mut parts = vec![("Row", self.table.get(&r.schema, &r.name, Part::Row))];
                if r.kind.is_table() || r.insertable() {
                    parts.push(("Insert", self.table.get(&r.schema, &r.name, Part::Insert)));
                }
                if r.kind.is_table() || r.updatable() {
                    parts.push(("Update", self.table.get(&r.schema, &r.name, Part::Update)));
                }
                self.entry(&r.name, &parts, 6)
            })
            .collect()
    }

    fn types_of(&self, schema: &str, want: fn(&TypeKind) -> bool) -> Vec<String> {
        let mut types: Vec<&TypeDef> = self
            .catalog
            .types
            .iter()
            .filter(|t| t.schema == schema && want(&t.kind))
            .collect();
        types.sort_by(|a, b| collate(&a.name, &b.name));
        types
            .iter()
            .map(|t| {
                chain::property_line(&t.name, self.table.get(&t.schema, &t.name, Part::Type), 6)
            })
            .collect()
    }

    fn labels(&self, schema: &str) -> String {
        let members: Vec<(String, Doc)> = self
            .catalog
            .types
            .iter()
            .filter(|t| t.schema == schema)
            .filter_map(|t| match &t.kind {
                TypeKind::Enum { labels } => Some((
                    t.name.clone(),
                    array(labels.iter().map(|l| text(string_literal(l))).collect()),
                )),
                _ => None,
            })
            .collect();
        print(
            &concat(vec![
                text(format!("{}: ", js_property_key(schema))),
                object(members),
            ]),
            2,
            2,
        )
    }
}

/// An expanded object literal (for the contracts module).
pub fn chain_object(members: Vec<(&str, Doc)>) -> Doc {
    object(members)
}

/// One `key: value,` line of an expanded object literal (for the contracts module's index).
pub fn chain_property_line(key: &str, value: &str, indent: usize) -> String {
    chain::property_line(key, value, indent)
}
