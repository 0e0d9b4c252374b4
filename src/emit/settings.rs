//! Each target's own settings, and the one place that makes them from a [`Config`]: an
//! emitter reads its settings and nothing else of the config (typify's
//! `TypeSpaceSettings`, progenitor's `GenerationSettings`). Library users may build the
//! settings directly.

use std::collections::BTreeMap;

use crate::config::{
    Config, NamingConfig, OpenapiConfig, Overrides, RustConfig, TsCompat, TsTransport, ZodDeclare,
    ZodLazy, ZodVersion,
};
use crate::target::Target;

/// The overrides one target applies: its type expression (or path) by `schema.type` and by
/// `schema.relation.column`.
#[derive(Debug, Clone, Default)]
pub struct TargetOverrides {
    /// By type, keyed `schema.type`.
    pub types: BTreeMap<String, String>,
    /// By column, keyed `schema.relation.column`.
    pub columns: BTreeMap<String, String>,
}

impl TargetOverrides {
    /// The overrides of one target, picked out of the config's `[overrides]`.
    pub fn pick(
        overrides: &Overrides,
        of: impl Fn(&crate::config::TypeOverride) -> Option<&String>,
    ) -> Self {
        let pick = |m: &BTreeMap<String, crate::config::TypeOverride>| {
            m.iter()
                .filter_map(|(k, o)| of(o).map(|v| (k.clone(), v.clone())))
                .collect()
        };
        Self {
            types: pick(&overrides.types),
            columns: pick(&overrides.columns),
        }
    }
}

/// `database.types.ts`.
#[derive(Debug, Clone)]
pub struct TypescriptSettings {
    /// Precise or the reference generator's rules.
    pub compat: TsCompat,
    /// What the values look like when they reach TypeScript.
    pub transport: TsTransport,
    /// The schema the helper types default to.
    pub default_schema: String,
    /// Precise mode: array elements typed `T | null`.
    pub nullable_array_elements: bool,
    /// `overrides.*.typescript`.
    pub overrides: TargetOverrides,
}

/// `database.schemas.ts` (the names of its exports are in the [plan](crate::plan::names)).
#[derive(Debug, Clone)]
pub struct ZodSettings {
    /// The Zod API.
    pub version: ZodVersion,
    /// When object schemas are built.
    pub lazy: ZodLazy,
    /// When the module declares its types.
    pub declare: ZodDeclare,
    /// The transport profile the values are validated for.
    pub transport: TsTransport,
    /// Array elements accept `null` (`typescript.nullable_array_elements`, so that `z.infer`
    /// stays the TypeScript type).
    pub nullable_array_elements: bool,
}

/// `database.contracts.ts` (its names, like the Zod exports it imports, are in the
/// [plan](crate::plan::names)).
#[derive(Debug, Clone)]
pub struct ContractsSettings {
    /// The module specifier of the Zod file, relative to the contracts file.
    pub schemas_module: String,
}

/// `openapi.json`.
#[derive(Debug, Clone)]
pub struct OpenapiSettings {
    /// `[openapi]`.
    pub openapi: OpenapiConfig,
    /// The schema PostgREST serves without a profile header.
    pub default_schema: String,
}

/// `database.rs`.
#[derive(Debug, Clone)]
pub struct RustSettings {
    /// `[rust]`.
    pub rust: RustConfig,
    /// Names of the types.
    pub naming: NamingConfig,
    /// `overrides.*.rust`.
    pub overrides: TargetOverrides,
}

impl From<&Config> for crate::plan::PlanSettings {
    fn from(c: &Config) -> Self {
        Self {
            default_schema: c.typescript.default_schema.clone(),
            naming: c.naming.clone(),
        }
    }
}

impl From<&Config> for TypescriptSettings {
    fn from(c: &Config) -> Self {
        Self {
            compat: c.typescript.compat,
            transport: c.typescript.transport,
            default_schema: c.typescript.default_schema.clone(),
            nullable_array_elements: c.typescript.nullable_array_elements,
            overrides: TargetOverrides::pick(&c.overrides, |o| o.typescript.as_ref()),
        }
    }
}

impl From<&Config> for ZodSettings {
    fn from(c: &Config) -> Self {
        Self {
            version: c.zod,
            lazy: c.zod_lazy,
            declare: c.zod_declare,
            transport: c.typescript.transport,
            nullable_array_elements: c.typescript.nullable_array_elements,
        }
    }
}

impl From<&Config> for ContractsSettings {
    fn from(c: &Config) -> Self {
        Self {
            schemas_module: super::contracts::module_path(
                &c.output_path(Target::Contracts),
                &c.output_path(Target::Zod),
            ),
        }
    }
}

impl From<&Config> for OpenapiSettings {
    fn from(c: &Config) -> Self {
        Self {
            openapi: c.openapi.clone(),
            default_schema: c.typescript.default_schema.clone(),
        }
    }
}

impl From<&Config> for RustSettings {
    fn from(c: &Config) -> Self {
        Self {
            rust: c.rust.clone(),
            naming: c.naming.clone(),
            overrides: TargetOverrides::pick(&c.overrides, |o| o.rust.as_ref()),
        }
    }
}
