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
use std::path::PathBuf;

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
    emit_each(catalog, config, |path, parts| {
        files.insert(path, parts.concat());
        Ok::<(), EmitError>(())
    })?;
    Ok(files)
}

/// Runs every selected target over the catalog, as many at once as the machine has cores,
/// and hands each file to `sink` (on the calling thread) as soon as its target is done, so
/// that no more than a few outputs are in memory at once. A file comes as parts to be
/// written one after another (a big file is not joined in memory). When targets fail, the error
/// returned is that of the first failing target in target order, as when they ran one after
/// another; files handed to `sink` before are then to be discarded by the caller. This is
/// the edge where the config becomes each target's settings ([`settings`]).
pub fn emit_each<E: From<EmitError>>(
    catalog: &Catalog,
    config: &Config,
    mut sink: impl FnMut(PathBuf, Vec<String>) -> Result<(), E>,
) -> Result<(), E> {
    let targets = config.selected_targets();
    // A template is named `<target>/<file>`.
    let templates = templates::Templates::load(config.templates.as_deref(), |name| {
        targets
            .iter()
            .any(|t| name.split('/').next() == Some(t.name()))
    })?;
    // The catalog with its declared array dimensions capped at what a Postgres value can have.
    let catalog = crate::plan::bounds::bounded(catalog);
    // One plan per run, shared by the targets' threads (it is built before any of them runs;
    // its name plan is made once, on first use).
    let plan = Plan::build(&catalog, config.into());
    let order = longest_first(&targets);
    let mut failed: Option<(usize, EmitError)> = None;
    let mut sink_failed: Option<E> = None;
    parallel::queue(
        &order,
        |&i| emit_target(&plan, targets[i], config, &templates),
        |&i, result| match result {
            Ok(contents) if failed.is_none() && sink_failed.is_none() => {
                if let Err(e) = sink(config.output_path(targets[i]), contents) {
                    sink_failed = Some(e);
                }
            }
            Ok(_) => {}
            Err(e) if failed.as_ref().is_none_or(|(first, _)| i < *first) => failed = Some((i, e)),
            Err(_) => {}
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

/// One target's file, as parts.
fn emit_target(
    plan: &Plan<'_>,
    target: Target,
    config: &Config,
    templates: &templates::Templates,
) -> Result<Vec<String>, EmitError> {
    Ok(match target {
        Target::Typescript => vec![typescript::emit(plan, &config.into(), templates)?],
        Target::Zod => vec![zod::emit(plan, &config.into(), templates)?],
        Target::Openapi => vec![openapi::emit(plan, &config.into())],
        Target::Contracts => vec![contracts::emit(plan, &config.into(), templates)?],
        Target::JsonSchema => vec![json_schema::emit(plan)],
        Target::Rust => rust::emit(plan, &config.into())?,
    })
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
