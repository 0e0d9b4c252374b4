//! Functions as PostgREST exposes them: which ones are callable through `.rpc()`, their
//! `Args`/`Returns`, `SetofOptions`, computed fields, and the overloads PostgREST cannot
//! tell apart.

use super::mapping::{Mapper, Site, Ts};
use crate::config::TsCompat;
use crate::model::{Arg, Function, TypeKind, TypeRef};
use crate::plan::exposure::row_type_relation;
use crate::print::doc::{Doc, concat, member, object, text};
use crate::print::js::string_literal;

/// Computed fields by (schema, relation): `(function name, type)`.
pub type ComputedFields = std::collections::BTreeMap<(String, String), Vec<(String, Ts)>>;

pub use crate::plan::exposure::Exposed;

impl Mapper<'_> {
    /// The name PostgREST embeds a function result as: the relation or composite type it
    /// returns.
    fn returned_relation_name(&self, f: &Function) -> Option<String> {
        if f.returns.array_dims > 0 {
            return None;
        }
        match self.catalog.type_def(&f.returns).map(|d| &d.kind) {
            Some(TypeKind::Relation | TypeKind::Composite { .. }) => {
                Some(f.returns.name.to_string())
            }
            _ => None,
        }
    }

    fn arg_type(&self, a: &Arg) -> Ts {
        self.ts_written(&a.ty, Site::Other)
    }

    fn ordered<'x>(&self, mut args: Vec<&'x Arg>) -> Vec<&'x Arg> {
        if self.compat == TsCompat::Supabase {
            args.sort_by(|a, b| {
                super::collate(
                    a.name.as_deref().unwrap_or(""),
                    b.name.as_deref().unwrap_or(""),
                )
            });
        }
        args
    }

    fn args_doc(&self, inputs: &[&Arg]) -> Doc {
        if inputs.is_empty() {
            return text("Record<PropertyKey, never>");
        }
        let members = self
            .ordered(inputs.to_vec())
            .into_iter()
            .map(|a| {
                member(
                    a.name.as_deref().unwrap_or(""),
                    a.default.is_some(),
                    self.arg_type(a).doc,
                )
            })
            .collect();
        object(members, false)
    }

    /// The result of one call, before `[]` for sets.
    pub fn returns(&self, f: &Function) -> Ts {
        // The reference types OUT-parameter results as Record<string, unknown>.
        let cols = match self.compat {
            TsCompat::Precise => f.result_columns(),
            TsCompat::Supabase => f
                .args
                .iter()
                .filter(|a| a.mode == crate::model::ArgMode::Table)
                .collect(),
        };
        if !cols.is_empty() {
            let members = self
                .ordered(cols)
                .into_iter()
                .map(|a| {
                    member(
                        a.name.as_deref().unwrap_or(""),
                        false,
                        self.ts(&a.ty, Site::Other).doc,
                    )
                })
                .collect();
            return Ts::object(members, true);
        }
        if let Some(rel) = row_type_relation(self.catalog, &f.returns)
            && rel.schema == f.schema
        {
            let members = self
                .relation_columns(rel)
                .into_iter()
                .map(|c| {
                    let nullable = self.column_nullable(rel, c);
                    member(
                        &c.name,
                        false,
                        self.column(rel, c).nullable(nullable, self.compat).doc,
                    )
                })
                .collect();
            return Ts::object(members, true);
        }
        self.ts(&f.returns, Site::Other)
    }

    /// `name: { Args; Returns }` or a union of overloads, laid out for the `Functions` block.
    pub fn function_entry(&self, name: &str, overloads: &[Exposed<'_>]) -> Doc {
        let signatures: Vec<Ts> = overloads
            .iter()
            .map(|e| self.signature(e, overloads))
            .collect();
        member(name, false, Ts::union_of(signatures).doc)
    }

    fn signature(&self, e: &Exposed<'_>, all: &[Exposed<'_>]) -> Ts {
        let f = e.f;
        let args = self.args_doc(&e.inputs);
        let returned_name = self.returned_relation_name(f);
        if let Some(error) = self.conflict(e, all) {
            return Ts::object(
                vec![
                    member("Args", false, args),
                    member("Returns", false, error_type(&error)),
                ],
                false,
            );
        }
        if e.inputs.len() == 1
            && e.inputs[0].name.is_none()
            && row_type_relation(self.catalog, &e.inputs[0].ty).is_some()
            && returned_name.is_none()
        {
            let msg = format!(
                "the function {}.{} with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache",
                f.schema, f.name
            );
            return Ts::object(
                vec![
                    member("Args", false, args),
                    member("Returns", false, error_type(&msg)),
                ],
                false,
            );
        }
        let multiple_rows = f.rows.is_some_and(|r| r > 1.0) || (f.returns_set && f.rows.is_none());
        let collapsible = !multiple_rows && returned_name.is_some();
        let mut returns = self.returns(f);
        if f.returns_set && !collapsible {
            returns = returns.array(1);
        }
        let mut members = vec![
            member("Args", false, args),
            member("Returns", false, returns.doc),
        ];
        if let Some(opts) = self.setof_options(e, returned_name.as_deref(), multiple_rows) {
            members.push(member("SetofOptions", false, opts));
        }
        Ts::object(members, false)
    }

    fn setof_options(
        &self,
        e: &Exposed<'_>,
        returned: Option<&str>,
        multiple_rows: bool,
    ) -> Option<Doc> {
        let f = e.f;
        let to = returned?;
        let returns_setof_table =
            f.returns_set && row_type_relation(self.catalog, &f.returns).is_some();
        let mut from = "*".to_string();
        let mut one_to_one = !multiple_rows;
        let mut is_setof = f.returns_set;
        if f.args.len() == 1
            && let Some(source) = row_type_relation(self.catalog, &f.args[0].ty)
        {
            from = source.name.clone();
            if !returns_setof_table {
                one_to_one = true;
                is_setof = false;
            } else {
                is_setof = true;
            }
        }
        Some(object(
            vec![
                member("from", false, text(string_literal(&from))),
                member("to", false, text(string_literal(to))),
                member("isOneToOne", false, text(one_to_one.to_string())),
                member("isSetofReturn", false, text(is_setof.to_string())),
            ],
            true,
        ))
    }

    /// Overloads PostgREST cannot choose between (its "Could not choose the best candidate"
    /// error), as the reference reports them.
    fn conflict(&self, e: &Exposed<'_>, all: &[Exposed<'_>]) -> Option<String> {
        if all.len() <= 1 {
            return None;
        }
        let f = e.f;
        let type_name = |t: &TypeRef| {
            if t.array_dims > 0 {
                format!("_{}", t.name)
            } else {
                t.name.to_string()
            }
        };
        if e.inputs.is_empty() {
            let other = all.iter().find(|o| {
                !std::ptr::eq(o.f, f)
                    && o.inputs.len() == 1
                    && o.inputs[0].name.is_none()
                    && o.inputs[0].default.is_some()
            })?;
            return Some(format!(
                "Could not choose the best candidate function between: {s}.{n}(), {s}.{n}( => {r}). Try renaming the parameters or the function itself in the database so function overloading can be resolved",
                s = f.schema,
                n = f.name,
                r = type_name(&other.f.returns)
            ));
        }
        if e.inputs.len() == 1 && e.inputs[0].name.is_some() {
            let same_name =
                |o: &&Exposed<'_>| o.inputs.len() == 1 && o.inputs[0].name == e.inputs[0].name;
            if !all
                .iter()
                .filter(same_name)
                .any(|o| o.inputs[0].ty != e.inputs[0].ty)
            {
                return None;
            }
            // The reference lists the overloads by their argument type's oid (the same list
            // for each of them); types created in the database come after the built-in ones.
            let mut group: Vec<&Exposed<'_>> = all
                .iter()
                .filter(same_name)
                .filter(|o| std::ptr::eq(o.f, f) || o.inputs[0].ty != e.inputs[0].ty)
                .collect();
            group.sort_by_key(|o| o.inputs[0].builtin_oid.unwrap_or(u32::MAX));
            let list: Vec<String> = group
                .iter()
                .map(|o| {
                    let args: Vec<String> = o
                        .inputs
                        .iter()
                        .map(|a| {
                            format!(
                                "{} => {}",
                                a.name.as_deref().unwrap_or(""),
                                type_name(&a.ty)
                            )
                        })
                        .collect();
                    format!("{}.{}({})", f.schema, f.name, args.join(", "))
                })
                .collect();
            return Some(format!(
                "Could not choose the best candidate function between: {}. Try renaming the parameters or the function itself in the database so function overloading can be resolved",
                list.join(", ")
            ));
        }
        None
    }

    /// Computed fields of `rel`: functions taking its row type as their only input.
    /// Computed fields by relation (schema, name): functions taking the relation's row
    /// type as their only input, as `(name, type)`. Built once for all relations.
    pub fn computed_fields(&self, exposed: &[Exposed<'_>]) -> ComputedFields {
        let mut out: ComputedFields = std::collections::BTreeMap::new();
        for e in exposed {
            if e.inputs.len() != 1 {
                continue;
            }
            if let Some(r) = row_type_relation(self.catalog, &e.inputs[0].ty)
                && r.schema == e.f.schema
            {
                out.entry((r.schema.clone(), r.name.clone()))
                    .or_default()
                    .push((
                        e.f.name.clone(),
                        self.returns(e.f).nullable(true, self.compat),
                    ));
            }
        }
        out
    }
}

/// `{ error: true } & "message"`.
fn error_type(message: &str) -> Doc {
    concat(vec![
        object(vec![member("error", false, text("true"))], true),
        text(" & "),
        text(string_literal(message)),
    ])
}
