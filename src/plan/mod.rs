//! The plan: what every target needs to know about the model, decided once per run before
//! any emitter runs (sqlc's "build the plan, then render"). Emitters read it; none decides
//! these things for itself, and no target reaches into another.
//!
//! - [`bounds`]: caps on what an untrusted catalog declares (array dimensions);
//! - [`types`]: the one classification of Postgres types ([`types::Scalar`],
//!   [`types::TypeClass`]) and the bounded walk down domain chains;
//! - [`rules`]: the value rules of a column or type (lengths, ranges, CHECK facts
//!   intersected), resolved once;
//! - [`shape`] and [`columns`]: which columns a Row, an Insert and an Update have, and how;
//! - [`exposure`]: the functions PostgREST exposes;
//! - [`names`]: every generated name, in declared namespaces;
//! - [`order`]: the order outputs list names in.

pub mod bounds;
pub mod columns;
pub mod exposure;
pub mod names;
pub mod order;
pub mod rules;
pub mod rust_idents;
pub mod shape;
pub mod types;

use std::sync::OnceLock;

use crate::config::NamingConfig;
use crate::model::Catalog;

/// What the plan is built with.
#[derive(Debug, Clone, Default)]
pub struct PlanSettings {
    /// The schema whose names get no schema prefix.
    pub default_schema: String,
    /// `[naming]`.
    pub naming: NamingConfig,
}

/// The plan of one run.
pub struct Plan<'c> {
    /// The model.
    pub catalog: &'c Catalog,
    /// The functions PostgREST exposes, in catalog order.
    pub exposed: Vec<exposure::Exposed<'c>>,
    settings: PlanSettings,
    names: OnceLock<names::NamePlan>,
}

impl<'c> Plan<'c> {
    /// Plans a run over `catalog`.
    pub fn build(catalog: &'c Catalog, settings: PlanSettings) -> Self {
        let exposed = catalog
            .functions
            .iter()
            .filter_map(|f| exposure::exposed(catalog, f))
            .collect();
        Self {
            catalog,
            exposed,
            settings,
            names: OnceLock::new(),
        }
    }

    /// The name plan (made on first use: only the Zod and contracts outputs need it).
    pub fn names(&self) -> &names::NamePlan {
        self.names.get_or_init(|| {
            names::NamePlan::build(
                self.catalog,
                &self.settings.default_schema,
                &self.settings.naming,
            )
        })
    }

    /// Whether PostgREST exposes `f`.
    pub fn is_exposed(&self, f: &crate::model::Function) -> bool {
        exposure::is_exposed(self.catalog, f)
    }
}
