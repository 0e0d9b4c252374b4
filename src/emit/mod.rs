//! Emitters: the [plan](crate::plan) in, a [`FileMap`] out. Each target is one module that
//! reads the plan and its own [`settings`], prints through [`crate::print`], and reaches
//! into no other target.

pub mod contracts;
pub mod json_schema;
pub mod openapi;
pub mod parallel;
pub mod review;
pub mod rust;
pub mod settings;
pub mod templates;
pub mod typescript;
pub mod zod;

use crate::config::Config;
use crate::model::Catalog;
use crate::plan::Plan;
use crate::print::pieces::Pieces;
use parallel::Event;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::write::FileMap;

/// The targets, re-exported where the emitters are (they live in [`crate::target`] so that
/// [`crate::config`] does not depend on the emitters).
pub use crate::target::Target;

/// The value rules and Row/Insert/Update shapes, re-exported where they used to live.
pub use crate::plan::{rules, shape};

/// Failures while emitting.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// A template failed to render.
    #[error("template `{template}`: {message}")]
    Template {
        /// Template name.
        template: String,
        /// What went wrong.
        message: String,
    },
    /// An emitter asked for a name the name plan does not have (a bug in gen-types). Each
    /// name says where in gen-types' source it was asked for; with targets running
    /// concurrently over one plan, `target` is only the one whose check found them first.
    #[error(
        "internal error: names were asked for that were not planned: {names} (found by the {target} target's check)"
    )]
    UnplannedName {
        /// The output whose check found the names.
        target: &'static str,
        /// The names, `schema.object (part, asked at file:line)`.
        names: String,
    },
}

impl EmitError {
    /// Fails when any name asked of `plan` was not planned.
    pub fn check_names(
        target: &'static str,
        plan: &crate::plan::names::NamePlan,
    ) -> Result<(), Self> {
        let unplanned = plan.unplanned();
        if unplanned.is_empty() {
            return Ok(());
        }
        Err(EmitError::UnplannedName {
            target,
            names: unplanned.join(", "),
        })
    }
}

/// Runs every selected target over the catalog and collects the files (see [`emit_each`]).
pub fn emit(catalog: &Catalog, config: &Config) -> Result<FileMap, EmitError> {
    let mut files = FileMap::new();
    let mut whole = Whole::default();
    emit_each(catalog, config, |path, output| {
        if let Some(text) = whole.add(path, output) {
            files.insert(path.to_path_buf(), text);
        }
        Ok::<(), EmitError>(())
    })?;
    Ok(files)
}

/// Puts files handed over by [`emit_each`] back together, for callers that want them whole.
#[derive(Default)]
pub struct Whole {
    bodies: BTreeMap<PathBuf, Vec<String>>,
}

impl Whole {
    /// Takes what [`emit_each`] handed over for `path`: the whole file once it is complete.
    pub fn add(&mut self, path: &Path, output: Output) -> Option<String> {
        match output {
            Output::Part(text) => {
                self.bodies
                    .entry(path.to_path_buf())
                    .or_default()
                    .push(text);
                None
            }
            Output::Done => {
                let parts = self.bodies.remove(path).unwrap_or_default();
                let len = parts.iter().map(String::len).sum();
                // Each part is dropped as soon as it is copied: the file is not held twice.
                Some(
                    parts
                        .into_iter()
                        .fold(String::with_capacity(len), |whole, part| whole + &part),
                )
            }
        }
    }
}

/// What a target hands over about its file while it runs (see [`emit_each`]).
#[derive(Debug)]
pub enum Output {
    /// The next part of the file.
    Part(String),
    /// The file is complete.
    Done,
}

/// Runs every selected target over the catalog, as many at once as the machine has cores,
/// and hands each file to `sink` (on the calling thread) while its target runs: its text in
/// parts of about a MB ([`crate::print::pieces`]) as they are written, then
/// [`Output::Done`], so that no big output is ever whole in memory. Parts of files whose
/// targets run at once interleave. When targets fail, the error returned is that of the first
/// failing target in target order, as when they ran one after another; what was handed to
/// `sink` before is then to be discarded by the caller, and nothing more is handed to it
/// (nor after `sink` fails). This is the edge where the config becomes each target's
/// settings ([`settings`]).
pub fn emit_each<E: From<EmitError>>(
    catalog: &Catalog,
    config: &Config,
    mut sink: impl FnMut(&Path, Output) -> Result<(), E>,
) -> Result<(), E> {
    let targets = config.selected_targets();
    // The catalog with its declared array dimensions capped at what a Postgres value can have.
    let catalog = crate::plan::bounds::bounded(catalog);
    // One plan per run, shared by the targets' threads (it is built before any of them runs;
    // its name plan is made once, on first use).
    let plan = Plan::build(&catalog, config.into());
    let paths: Vec<PathBuf> = targets.iter().map(|t| config.output_path(*t)).collect();
    let order = longest_first(&targets);
    let mut failed: Option<(usize, EmitError)> = None;
    let mut sink_failed: Option<E> = None;
    parallel::queue(
        &order,
        |&i, part| emit_target(&plan, targets[i], config, part),
        |&i, event| {
            let output = match event {
                Event::Done(Err(e)) => {
                    if failed.as_ref().is_none_or(|(first, _)| i < *first) {
                        failed = Some((i, e));
                    }
                    return;
                }
                Event::Done(Ok(())) => Output::Done,
                Event::Part(text) => Output::Part(text),
            };
            if failed.is_none() && sink_failed.is_none() {
                sink_failed = sink(&paths[i], output).err();
            }
        },
    );
    match (failed, sink_failed) {
        (Some((_, e)), _) => Err(e.into()),
        (None, Some(e)) => Err(e),
        (None, None) => Ok(()),
    }
}

/// The indexes of `targets`, those that usually take longest first, so that the last target
/// to start is a short one.
fn longest_first(targets: &[Target]) -> Vec<usize> {
    // Measured at 1,000 and 5,000 tables (bench/README.md), longest first.
    let rank = |t: Target| match t {
        Target::Zod => 0,
        Target::Openapi => 1,
        Target::Rust => 2,
        Target::JsonSchema => 3,
        Target::Typescript => 4,
        Target::Contracts => 5,
    };
    let mut order: Vec<usize> = (0..targets.len()).collect();
    order.sort_by_key(|&i| rank(targets[i]));
    order
}

/// Writes one target's file: its text goes to `part` as it is written. A target's templates
/// are compiled by the target itself (a few milliseconds each), on its own thread.
fn emit_target(
    plan: &Plan<'_>,
    target: Target,
    config: &Config,
    part: &mut dyn FnMut(String),
) -> Result<(), EmitError> {
    // A template is named `<target>/<file>`.
    let templates = || {
        templates::Templates::load(config.templates.as_deref(), |name| {
            name.split('/').next() == Some(target.name())
        })
    };
    match target {
        Target::Typescript => part(typescript::emit(plan, &config.into(), &templates()?)?),
        Target::Zod => part(zod::emit(plan, &config.into(), &templates()?)?),
        Target::Contracts => part(contracts::emit(plan, &config.into(), &templates()?)?),
        Target::Openapi => {
            let mut out = Pieces::new(part);
            openapi::emit(plan, &config.into(), &mut out);
            out.finish();
        }
        Target::JsonSchema => {
            let mut out = Pieces::new(part);
            json_schema::emit(plan, &mut out);
            out.finish();
        }
        Target::Rust => rust::emit(plan, &config.into(), part)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::names::{NamePlan, Part};

    #[test]
    fn the_unplanned_name_error_says_which_names_and_where_they_were_asked_for() {
        let catalog: Catalog = serde_json::from_value(serde_json::json!({
            "format": crate::model::SNAPSHOT_FORMAT,
            "schemas": [{"name": "public"}],
            "relations": [], "types": [], "functions": []
        }))
        .unwrap();
        let plan = NamePlan::build(&catalog, "public", &Default::default());
        assert!(EmitError::check_names("zod", &plan).is_ok());
        plan.get("public", "ghost", Part::Insert);
        let line = line!() - 1;
        let err = EmitError::check_names("zod", &plan)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            format!(
                "internal error: names were asked for that were not planned: public.ghost (Insert, asked at src/emit/mod.rs:{line}) (found by the zod target's check)"
            )
        );
    }
}
