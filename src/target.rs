//! The outputs gen-types can write, as the config file and the command line name them.

use serde::Deserialize;

/// An output that gen-types can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// `database.types.ts`: the supabase-js `Database` type.
    Typescript,
    /// `database.schemas.ts`: Zod schemas of every Row, Insert, Update, function and type.
    Zod,
    /// `openapi.json`: an OpenAPI 3.1 document of the PostgREST API.
    Openapi,
    /// `database.contracts.ts`: per relation and function a contract with its Zod schemas.
    Contracts,
    /// `database.schema.json`: a JSON Schema (2020-12) of every Row, Insert, Update and type.
    JsonSchema,
    /// `database.rs`: Rust types (serde) of every Row, Insert, Update and type.
    Rust,
}

impl Target {
    /// Every target, in output order.
    pub const ALL: &'static [Target] = &[
        Target::Typescript,
        Target::Zod,
        Target::Openapi,
        Target::Contracts,
        Target::JsonSchema,
        Target::Rust,
    ];

    /// The file name used when the config does not name one.
    pub fn default_file_name(self) -> &'static str {
        match self {
            Target::Typescript => "database.types.ts",
            Target::Zod => "database.schemas.ts",
            Target::Openapi => "openapi.json",
            Target::Contracts => "database.contracts.ts",
            Target::JsonSchema => "database.schema.json",
            Target::Rust => "database.rs",
        }
    }

    /// The name used in config files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Target::Typescript => "typescript",
            Target::Zod => "zod",
            Target::Openapi => "openapi",
            Target::Contracts => "contracts",
            Target::JsonSchema => "json_schema",
            Target::Rust => "rust",
        }
    }
}

impl std::str::FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Target::ALL
            .iter()
            .copied()
            .find(|t| t.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Target::ALL.iter().map(|t| t.name()).collect();
                format!(
                    "unknown target `{s}` (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}
