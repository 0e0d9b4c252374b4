//! A table's or view's entry in `database.types.ts`: its Row, Insert and Update members and
//! its relationships, as typed [`Entry`] items the template places.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::mapping::{Mapper, Site, Ts};
use super::{Entry, Form, functions, tuple};
use crate::config::TsCompat;
use crate::emit::templates::{Block, Placements};
use crate::model::{Column, Relation, TypeRef};
use crate::plan::order::{collate, collation_key};
use crate::plan::shape::{self, Field, Precision, Presence};
use crate::plan::types::written_differs;
use crate::print::comment::jsdoc;
use crate::print::doc::{member, object, text};
use crate::print::js::{property_key, string_literal};

/// A relation's parts as the template places them.
pub struct RelationEntries {
    /// Its JSDoc comment (one [`Entry::Comment`], or none).
    pub comment: Block<Entry>,
    /// Its key in `Tables` or `Views`.
    pub key: String,
    /// The members of Row, Insert and Update (Insert and Update empty when the relation
    /// takes none), and the relationship objects.
    pub row: Block<Entry>,
    pub insert: Block<Entry>,
    pub update: Block<Entry>,
    pub relationships: Block<Entry>,
}

/// A column's type in the forms Row, Insert and Update use (`T`, `T | null`, and for json
/// columns written NOT NULL `NonNullable<Json>`), each built and printed once.
pub struct ColumnType {
    /// Not null, then nullable.
    forms: [Arc<Form>; 2],
    /// `NonNullable<Json>`, for json columns.
    json_write: Option<Arc<Form>>,
    /// Not null, then nullable, as written, where that differs from the Row's type.
    written: Option<[Arc<Form>; 2]>,
}

impl ColumnType {
    /// The forms of `base` (as read) and of `written` (as sent, when it differs).
    fn new(base: Ts, written: Option<Ts>, compat: TsCompat) -> Self {
        let both = |ts: Ts| {
            [
                Arc::new(Form::new(ts.clone().nullable(false, compat))),
                Arc::new(Form::new(ts.nullable(true, compat))),
            ]
        };
        Self {
            json_write: base
                .is_json
                .then(|| Arc::new(Form::new(Ts::named("NonNullable<Json>")))),
            forms: both(base),
            written: written.map(both),
        }
    }

    /// The type where `nullable` says whether null is accepted; `write` for Insert/Update.
    fn form(&self, nullable: bool, write: bool) -> &Arc<Form> {
        match (&self.json_write, &self.written) {
            // Through PostgREST a JSON null becomes SQL NULL, so a NOT NULL json column
            // cannot be written with it (it can be read back as JSON null).
            (Some(form), _) if write && !nullable => form,
            (_, Some(forms)) if write => &forms[usize::from(nullable)],
            _ => &self.forms[usize::from(nullable)],
        }
    }
}

/// What every relation's entries are made with.
pub struct RelationContext<'a> {
    /// The computed fields by relation.
    pub computed: &'a functions::ComputedFields,
    /// The column types most columns share.
    pub shared: &'a SharedTypes<'a>,
    /// Where the template places blocks.
    pub placements: &'a Placements,
}

/// The plain column types of the file (most columns share a few dozen), mapped and printed
/// once before the relations are rendered.
pub type SharedTypes<'c> = HashMap<&'c TypeRef, ColumnType>;

/// The tables (or views) of a schema in output order.
pub fn sorted_relations<'c>(
    catalog: &'c crate::model::Catalog,
    schema: &str,
    tables: bool,
) -> Vec<&'c Relation> {
    let mut rels: Vec<&Relation> = catalog
        .relations
        .iter()
        .filter(|r| r.schema == schema && r.kind.is_table() == tables)
        .collect();
    rels.sort_by_cached_key(|r| collation_key(&r.name));
    rels
}

impl Mapper<'_> {
    /// Columns in output order: attribute order, or by name in Supabase mode.
    pub(super) fn relation_columns<'r>(&self, rel: &'r Relation) -> Vec<&'r Column> {
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
    pub(super) fn column_nullable(&self, rel: &Relation, c: &Column) -> bool {
        shape::row_nullable(self.catalog, rel, c, self.precision())
    }

    /// The entries of the tables (`tables`) or views of a schema, in output order.
    pub(super) fn relations(
        &self,
        schema: &str,
        tables: bool,
        context: &RelationContext<'_>,
    ) -> Vec<RelationEntries> {
        let rels = sorted_relations(self.catalog, schema, tables);
        crate::emit::parallel::map(&rels, |r| self.relation(r, context))
    }

    /// The plain type of a column of type `ty`: read, and written where that differs.
    fn column_type(&self, ty: &TypeRef) -> ColumnType {
        let written = (self.compat == TsCompat::Precise && written_differs(self.catalog, ty))
            .then(|| self.ts_written(ty, Site::Column));
        ColumnType::new(self.ts(ty, Site::Column), written, self.compat)
    }

    /// The column types of every relation, each distinct type mapped once.
    pub(super) fn shared_types(&self) -> SharedTypes<'_> {
        let mut shared = SharedTypes::new();
        for c in self.catalog.relations.iter().flat_map(|r| &r.columns) {
            if !shared.contains_key(&c.ty) {
                shared.insert(&c.ty, self.column_type(&c.ty));
            }
        }
        shared
    }

    fn relation(&self, rel: &Relation, context: &RelationContext<'_>) -> RelationEntries {
        let RelationContext {
            computed,
            shared,
            placements,
        } = context;
        let cols = self.relation_columns(rel);
        // Each column's type: the shared one of its Postgres type unless the column narrows it.
        let own: Vec<Option<ColumnType>> = cols
            .iter()
            .map(|c| match self.column_narrowed(rel, c) {
                Some(t) => Some(ColumnType::new(t, None, self.compat)),
                None if shared.contains_key(&c.ty) => None,
                None => Some(self.column_type(&c.ty)),
            })
            .collect();
        let typed: Vec<(&Column, &ColumnType)> = cols
            .iter()
            .zip(&own)
            .filter_map(|(c, own)| Some((*c, own.as_ref().or_else(|| shared.get(&c.ty))?)))
            .collect();
        let comments = self.compat == TsCompat::Precise;
        let precision = self.precision();
        let insert = (rel.kind.is_table() || rel.insertable()).then(|| {
            let field = |c: &Column| shape::insert_field(self.catalog, rel, c, precision);
            write_members(&typed, field)
        });
        let update = (rel.kind.is_table() || rel.updatable()).then(|| {
            let field = |c: &Column| shape::update_field(self.catalog, rel, c, precision);
            write_members(&typed, field)
        });
        let block = |name: &str, items: Vec<Entry>| Block::new(items, placements.get(name));
        let comment = comments.then(|| jsdoc(rel.comment.as_deref())).flatten();
        RelationEntries {
            comment: block("comment", comment.map(Entry::Comment).into_iter().collect()),
            key: property_key(&rel.name),
            row: block("row", self.row_members(rel, &typed, computed, comments)),
            insert: block("insert", insert.unwrap_or_default()),
            update: block("update", update.unwrap_or_default()),
            relationships: block("relationships", self.relationships(rel)),
        }
    }

    /// Row: every column (with its comment when `comments`), then the computed fields.
    fn row_members(
        &self,
        rel: &Relation,
        typed: &[(&Column, &ColumnType)],
        computed: &functions::ComputedFields,
        comments: bool,
    ) -> Vec<Entry> {
        let mut row: Vec<Entry> = typed
            .iter()
            .map(|(c, t)| Entry::Member {
                comment: jsdoc(c.comment.as_deref().filter(|_| comments)),
                key: property_key(&c.name),
                optional: false,
                form: Arc::clone(t.form(self.column_nullable(rel, c), false)),
            })
            .collect();
        // A computed field named like a column would be a duplicate key; the column wins.
        for (name, t) in computed
            .get(&(rel.schema.clone(), rel.name.clone()))
            .into_iter()
            .flatten()
        {
            if rel.column(name).is_none() {
                row.push(Entry::Doc(member(name, false, t.doc.clone())));
            }
        }
        row
    }

    /// The relationships postgrest-js embeds through: the foreign keys of `rel` (for a
    /// view, those of the tables its columns come from), each pointing at the referenced
    /// table and at every view that exposes the referenced columns; only within the schema.
    fn relationships(&self, rel: &Relation) -> Vec<Entry> {
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
                Entry::Doc(object(
                    vec![
                        member("foreignKeyName", false, text(string_literal(&name))),
                        member("columns", false, tuple(&columns)),
                        member("isOneToOne", false, text(one_to_one.to_string())),
                        member("referencedRelation", false, text(string_literal(&target))),
                        member("referencedColumns", false, tuple(&referenced)),
                    ],
                    true,
                ))
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
}

/// Insert or Update: every column, as `field` says it may be written.
fn write_members(typed: &[(&Column, &ColumnType)], field: impl Fn(&Column) -> Field) -> Vec<Entry> {
    typed
        .iter()
        .map(|(c, t)| {
            let f = field(c);
            match f.presence {
                Presence::Forbidden => {
                    Entry::Doc(text(format!("{}?: never", property_key(&c.name))))
                }
                presence => Entry::Member {
                    comment: None,
                    key: property_key(&c.name),
                    optional: presence == Presence::Optional,
                    form: Arc::clone(t.form(f.nullable, true)),
                },
            }
        })
        .collect()
}
