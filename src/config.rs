//! `config.toml`: the settings of a run, as the CLI, build.rs users and tests all build them.
//!
//! The file deserializes straight into [`Config`]; CLI flags then override its fields. An
//! unknown key, a value of the wrong type or an unknown target is reported with the file,
//! line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::target::Target;

/// Everything that controls a run.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where the database is.
    pub database: DatabaseConfig,
    /// Schemas to read (default: `["public"]`).
    pub schemas: Vec<String>,
    /// Also read relations, functions and types that belong to extensions.
    pub include_extension_objects: bool,
    /// Output folder; every output path is relative to it (default: `generated`).
    pub out: PathBuf,
    /// Which targets to write (default: all).
    pub targets: Option<Vec<Target>>,
    /// File names per target, relative to `out`.
    pub outputs: BTreeMap<Target, PathBuf>,
    /// Which relations to keep.
    pub relations: Patterns,
    /// Which functions to keep.
    pub functions: Patterns,
    /// Type overrides.
    pub overrides: Overrides,
    /// TypeScript output settings (also the transport profile of the Zod schemas).
    pub typescript: TypescriptConfig,
    /// The Zod API the schemas are written for: `"4"` (default) or `"3"`.
    pub zod: ZodVersion,
    /// Build each object schema on first use: `"auto"` (when there are more than 300
    /// relations), `"always"` or `"never"`.
    pub zod_lazy: ZodLazy,
    /// Declare each schema's type in the module and skip tsc's check of the schemas (`//
    /// @ts-nocheck`): `"auto"` (when there are more than 300 relations), `"always"` or
    /// `"never"`.
    pub zod_declare: ZodDeclare,
    /// The OpenAPI document's settings.
    pub openapi: OpenapiConfig,
    /// Rust output settings.
    pub rust: RustConfig,
    /// Names of the generated exports (Zod schemas, contracts, Rust types).
    pub naming: NamingConfig,
    /// A folder whose `<target>/<name>.hbs` files replace the built-in templates.
    pub templates: Option<PathBuf>,
    /// A Supabase project folder to read (as `--supabase DIR`), relative to the config file.
    pub supabase: Option<PathBuf>,
    /// The PostgreSQL major version of the throwaway server for `--supabase` (downloaded when
    /// not installed; as `--postgres-version N`).
    pub postgres_version: Option<u32>,
}

/// `[typescript]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TypescriptConfig {
    /// `precise` (default) or `supabase` (the reference generator's rules, rule by rule).
    pub compat: TsCompat,
    /// What the values look like when they reach TypeScript.
    pub transport: TsTransport,
    /// The schema the helper types (`Tables<"name">`, ...) default to.
    pub default_schema: String,
    /// Precise mode: type array elements `T | null`, as Postgres arrays may hold NULLs (also
    /// in the Zod schemas). Off by default: code written against Supabase's types expects `T[]`.
    pub nullable_array_elements: bool,
}

impl Default for TypescriptConfig {
    fn default() -> Self {
        Self {
            compat: TsCompat::Precise,
            transport: TsTransport::Postgrest,
            default_schema: "public".into(),
            nullable_array_elements: false,
        }
    }
}

/// The Zod major version the schemas are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ZodVersion {
    /// Zod 3 (`z.string().uuid()` era API).
    #[serde(rename = "3")]
    V3,
    /// Zod 4.
    #[serde(rename = "4")]
    V4,
}

/// `[openapi]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OpenapiConfig {
    /// The server URL (PostgREST's root; Supabase: `https://<project>.supabase.co/rest/v1`).
    pub server_url: String,
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// Which relations the document lists (on top of the top-level filters).
    pub relations: Patterns,
    /// Which functions the document lists.
    pub functions: Patterns,
}

impl Default for OpenapiConfig {
    fn default() -> Self {
        Self {
            server_url: "http://localhost:54321/rest/v1".into(),
            title: "Database API".into(),
            version: "1.0.0".into(),
            relations: Patterns::default(),
            functions: Patterns::default(),
        }
    }
}

/// When the Zod object schemas are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZodLazy {
    /// On first use when the catalog has more than 300 relations, else at import.
    Auto,
    /// Always on first use (exports are `z.lazy` schemas).
    Always,
    /// Always at import (exports are plain object schemas).
    Never,
}

/// When `database.schemas.ts` declares its types (`interface Output`/`Input`, each export
/// annotated `Schema<"name">`, `// @ts-nocheck`): tsc then reads the declarations instead
/// of inferring every schema, many times faster on large catalogs, and the exports are
/// plain `z.ZodType`s (no `.shape`, `.extend`, `.unwrap()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZodDeclare {
    /// Declared when the catalog has more than 300 relations (as `zod_lazy = "auto"`).
    Auto,
    /// Always declared.
    Always,
    /// Never: every export's type is inferred from its schema.
    Never,
}

/// Which rules the TypeScript output follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TsCompat {
    /// The Supabase shape, with the known gaps of the reference fixed (see README).
    Precise,
    /// The reference generator (`supabase gen types typescript`), rule by rule.
    Supabase,
}

/// The transport profile: how values are represented when they reach TypeScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TsTransport {
    /// PostgREST / supabase-js (`to_jsonb`): int8 and numeric as numbers, dates as strings.
    Postgrest,
    /// The `pg` driver: int8 and numeric as strings, timestamps and dates as `Date`.
    NodePostgres,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database: DatabaseConfig::default(),
            schemas: vec!["public".into()],
            include_extension_objects: false,
            out: PathBuf::from("generated"),
            targets: None,
            outputs: BTreeMap::new(),
            relations: Patterns::default(),
            functions: Patterns::default(),
            overrides: Overrides::default(),
            typescript: TypescriptConfig::default(),
            rust: RustConfig::default(),
            naming: NamingConfig::default(),
            zod: ZodVersion::V4,
            zod_lazy: ZodLazy::Auto,
            zod_declare: ZodDeclare::Auto,
            openapi: OpenapiConfig::default(),
            templates: None,
            supabase: None,
            postgres_version: None,
        }
    }
}

/// `[database]`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// A connection URL or key=value string. Prefer `url_env` so no secret sits in the file.
    pub url: Option<String>,
    /// The environment variable holding the URL (default `DATABASE_URL`). When neither is
    /// set, the libpq variables (`PGHOST`, `PGUSER`, ...) and ~/.pgpass are used.
    pub url_env: String,
    /// Statement timeout of the catalog queries, in seconds (default 60; 1 to
    /// [`MAX_STATEMENT_TIMEOUT_SECS`]).
    pub statement_timeout_secs: u64,
}

/// The largest `statement_timeout_secs`: Postgres's `statement_timeout` is an `int` of
/// milliseconds.
pub const MAX_STATEMENT_TIMEOUT_SECS: u64 = i32::MAX as u64 / 1000;

impl DatabaseConfig {
    /// The statement timeout, within the range Postgres accepts.
    pub fn statement_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(
            self.statement_timeout_secs
                .clamp(1, MAX_STATEMENT_TIMEOUT_SECS),
        )
    }
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: None,
            url_env: "DATABASE_URL".into(),
            statement_timeout_secs: 60,
        }
    }
}

/// `[rust]`: `database.rs`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RustConfig {
    /// Extra derives on every generated struct (Row, Insert, Update, composites), as paths:
    /// e.g. `["sqlx::FromRow", "Eq"]`.
    pub derives: Vec<String>,
    /// Write the `{Relation}Insert` types (default true).
    pub insert: bool,
    /// Write the `{Relation}Update` types (default true).
    pub update: bool,
    /// The crate whose types hold date/time columns: `"chrono"` (default) or `"time"`.
    pub datetime: RustDateTime,
    /// Write `TryFrom<&tokio_postgres::Row>` for every Row type (default false).
    pub tokio_postgres: bool,
}

impl Default for RustConfig {
    fn default() -> Self {
        Self {
            derives: Vec::new(),
            insert: true,
            update: true,
            datetime: RustDateTime::Chrono,
            tokio_postgres: false,
        }
    }
}

/// `[naming]`: how generated exports are named. The TypeScript `Database` type keeps the
/// Postgres names as they are (supabase-js looks tables and columns up by them), and so do
/// JSON Schema `$defs` keys and OpenAPI paths.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct NamingConfig {
    /// Case of the Zod schema exports (also used by the contracts module): `camel`
    /// (`goalsRowSchema`, the default) or `pascal` (`GoalsRowSchema`).
    pub zod_case: NameCase,
    /// Appended to every Zod schema export (default `Schema`; may be empty).
    #[serde(deserialize_with = "name_part")]
    pub zod_suffix: String,
    /// The part naming a relation's Row shape, in Zod exports and Rust types (default `Row`).
    #[serde(deserialize_with = "name_part")]
    pub row: String,
    /// The part naming a relation's Insert shape (default `Insert`).
    #[serde(deserialize_with = "name_part")]
    pub insert: String,
    /// The part naming a relation's Update shape (default `Update`).
    #[serde(deserialize_with = "name_part")]
    pub update: String,
    /// Base names chosen by hand, keyed `schema.name` (a relation, enum, composite type or
    /// function): the value replaces the Postgres name, and the schema prefix Zod adds
    /// outside the default schema, before the case rules apply.
    pub rename: BTreeMap<String, String>,
}

impl Default for NamingConfig {
    fn default() -> Self {
        Self {
            zod_case: NameCase::Camel,
            zod_suffix: "Schema".into(),
            row: "Row".into(),
            insert: "Insert".into(),
            update: "Update".into(),
            rename: BTreeMap::new(),
        }
    }
}

/// A piece of an identifier: ASCII letters, digits and `_` only, so that it fits a
/// TypeScript and a Rust name alike.
fn name_part<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(s)
    } else {
        Err(serde::de::Error::custom(format!(
            "`{s}` is not a name part: use ASCII letters, digits and `_` only"
        )))
    }
}

/// The case of generated names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameCase {
    /// lowerCamelCase.
    Camel,
    /// UpperCamelCase.
    Pascal,
}

/// The crate of the date/time types in `database.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RustDateTime {
    /// chrono 0.4: `NaiveDate`, `NaiveTime`, `NaiveDateTime`, `DateTime<Utc>`.
    Chrono,
    /// time 0.3: `Date`, `Time`, `PrimitiveDateTime`, `OffsetDateTime`.
    Time,
}

/// Include/exclude globs (`name`, or `schema.name` when the pattern has a dot).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Patterns {
    /// Keep only what matches one of these (all when empty).
    pub include: Vec<String>,
    /// Drop what matches one of these.
    pub exclude: Vec<String>,
}

/// `[overrides]`: what a Postgres type or a single column becomes in each target.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Overrides {
    /// By type, keyed `schema.type` (e.g. `pg_catalog.int8`, `public.citext`).
    pub types: BTreeMap<String, TypeOverride>,
    /// By column, keyed `schema.relation.column`.
    pub columns: BTreeMap<String, TypeOverride>,
}

/// The replacement type per target language.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct TypeOverride {
    /// A TypeScript type expression.
    pub typescript: Option<String>,
    /// A Rust type path, e.g. `String` or `pg::Numeric` (resolved inside the schema's
    /// module of `database.rs`, where the support module is in scope as `pg`). Its own
    /// `Serialize`/`Deserialize` must read and write the value as `to_jsonb` writes it.
    pub rust: Option<String>,
}

/// A config file that cannot be read or is invalid.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or does not fit the schema.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (in characters).
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl Config {
    /// Reads and validates a config file.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml(&text, path)
    }

    /// Parses config text; `path` is only used in messages.
    pub fn from_toml(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let invalid = |offset: usize, message: String| {
            let (line, column) = line_column(text, offset);
            ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let config: Config = toml::from_str(text).map_err(|e| {
            invalid(
                e.span().map_or(0, |s| s.start),
                hide_values(e.message().trim_end()),
            )
        })?;
        let n = &config.naming;
        if n.row == n.insert || n.row == n.update || n.insert == n.update {
            // No span survives deserialization: point at the table.
            return Err(invalid(
                text.find("[naming]").unwrap_or(0),
                "naming.row, naming.insert and naming.update must differ".into(),
            ));
        }
        crate::config_check::check(&config)
            .map_err(|p| invalid(crate::config_check::offset_of(text, &p.key), p.to_string()))?;
        Ok(config)
    }

    /// The targets to write: the configured set, or all of them.
    pub fn selected_targets(&self) -> Vec<Target> {
        let mut t = self.targets.clone().unwrap_or_else(|| Target::ALL.to_vec());
        t.sort();
        t.dedup();
        t
    }

    /// The file a target is written to, relative to `out`.
    pub fn output_path(&self, target: Target) -> PathBuf {
        self.outputs
            .get(&target)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(target.default_file_name()))
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// A TOML or serde message without the values it quotes that may hold a secret (a
/// connection URL where a table belongs, a password where a name belongs): a quoted string
/// value (`string "…"`) is left out, and a quoted piece (between backticks or double quotes)
/// that is not a plain word, as keys, variants and field names are, is hidden.
fn hide_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest[open..].chars().next().unwrap_or('"');
        let after = &rest[open + 1..];
        // serde writes an unexpected string as `string "…"`: its value may run to the
        // message's last quote.
        let is_string_value = quote == '"' && rest[..open].ends_with("string ");
        let close = if is_string_value {
            after.rfind('"')
        } else {
            after.find(quote)
        };
        let Some(close) = close else {
            break;
        };
        let quoted = &after[..close];
        if is_string_value {
            out.push_str(rest[..open].trim_end());
        } else if is_plain_word(quoted) {
            out.push_str(&rest[..open + 1 + close + 1]);
        } else {
            out.push_str(&rest[..open]);
            out.push_str("(a value not shown)");
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// True for the short words TOML keys, enum variants and field names are made of, and for
/// the punctuation the parser expects (`]`, `=`).
fn is_plain_word(s: &str) -> bool {
    let word = s.len() <= 40
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '));
    let punctuation = s.len() <= 2 && s.chars().all(|c| c.is_ascii_punctuation());
    word || punctuation
}

/// The commented config that `gen-types init` writes. Every key is listed with its default.
pub const INIT_TEMPLATE: &str = include_str!("init_config.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_template_is_valid_and_matches_defaults() {
        let c = Config::from_toml(INIT_TEMPLATE, Path::new("config.toml")).unwrap();
        assert_eq!(c.schemas, vec!["public".to_string()]);
        assert_eq!(c.out, PathBuf::from("generated"));
        assert_eq!(c.rust, RustConfig::default());
    }

    #[test]
    fn rust_options_parse() {
        let text = "[rust]\ndatetime = \"time\"\ntokio_postgres = true\n";
        let c = Config::from_toml(text, Path::new("config.toml")).unwrap();
        assert_eq!(c.rust.datetime, RustDateTime::Time);
        assert!(c.rust.tokio_postgres);
        let e =
            Config::from_toml("[rust]\ndatetime = \"jiff\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().contains("chrono"), "{e}");
    }

    #[test]
    fn unknown_key_has_line_and_column() {
        let text = "schemas = [\"public\"]\n\n[database]\nurl_env = \"X\"\n  colour = 1\n";
        let e = Config::from_toml(text, Path::new("cfg/config.toml")).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("cfg/config.toml:5:3: unknown field `colour`"),
            "{msg}"
        );
    }

    #[test]
    fn naming_parts_are_checked() {
        let e = Config::from_toml("[naming]\nrow = \"Row-\"\n", Path::new("c.toml")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("c.toml:2:7: `Row-` is not a name part"),
            "{e}"
        );
        let e = Config::from_toml("x = 1\n", Path::new("c.toml")).unwrap_err();
        assert!(
            e.to_string().starts_with("c.toml:1:1: unknown field `x`"),
            "{e}"
        );
        let text = "schemas = []\n[naming]\nrow = \"Data\"\ninsert = \"Data\"\n";
        let e = Config::from_toml(text, Path::new("c.toml")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.toml:2:1: naming.row, naming.insert and naming.update must differ"
        );
        let c = Config::from_toml(
            "[naming]\nzod_suffix = \"\"\nzod_case = \"pascal\"\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(c.naming.zod_case, NameCase::Pascal);
        assert_eq!(c.naming.zod_suffix, "");
    }

    #[test]
    fn values_that_may_hold_secrets_are_never_quoted() {
        let url = "postgres://alice:pw@db.example/app";
        let cases = [
            format!("database = \"{url}\"\n"),
            format!("[database]\nstatement_timeout_secs = \"{url}\"\n"),
            format!("zod = \"{url}\"\n"),
            format!("targets = [\"{url}\"]\n"),
            format!("[naming]\nrow = \"{url}\"\n"),
            format!("[outputs]\n\"{url}\" = \"x\"\n"),
            "database = \"hunter2\"\n".to_string(),
            "database = \"a \\\" b\"\n".to_string(),
        ];
        for text in cases {
            let e = Config::from_toml(&text, Path::new("c.toml"))
                .unwrap_err()
                .to_string();
            for secret in ["pw", "hunter2", "alice", "a \" b"] {
                assert!(!e.contains(secret), "{e}");
            }
            assert!(e.starts_with("c.toml:"), "{e}");
        }
        let e = Config::from_toml("database = \"hunter2\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.toml:1:12: invalid type: string, expected struct DatabaseConfig"
        );
        let e = Config::from_toml("targets = [\"cobol\"]\n", Path::new("c.toml")).unwrap_err();
        assert!(
            e.to_string()
                .contains("unknown variant `cobol`, expected one of `typescript`"),
            "{e}"
        );
    }

    #[test]
    fn outputs_and_timeouts_are_checked_with_positions() {
        let cases = [
            (
                "[outputs]\ntypescript = \"same.ts\"\nzod = \"./same.ts\"\n",
                "c.toml:3:7: outputs.zod: `./same.ts` is also the output of target `typescript`",
            ),
            (
                "targets = [\"zod\"]\n[outputs]\nzod = \"../escape.ts\"\n",
                "c.toml:3:7: outputs.zod: `../escape.ts` leaves the output folder",
            ),
            (
                "[outputs]\nrust = \"/etc/x.rs\"\n",
                "c.toml:2:8: outputs.rust: `/etc/x.rs` leaves the output folder",
            ),
            (
                "[outputs]\ntypescript = \"database.schemas.ts\"\n",
                "c.toml:2:14: outputs.typescript: `database.schemas.ts` is also the output of target `zod`",
            ),
            (
                "[database]\nstatement_timeout_secs = 9999999999\n",
                "c.toml:2:26: database.statement_timeout_secs: 9999999999 is out of range",
            ),
            (
                "[database]\nstatement_timeout_secs = 0\n",
                "c.toml:2:26: database.statement_timeout_secs: 0 is out of range",
            ),
        ];
        for (text, expected) in cases {
            let e = Config::from_toml(text, Path::new("c.toml")).unwrap_err();
            assert!(
                e.to_string().starts_with(expected),
                "{e}\nexpected: {expected}"
            );
        }
        // Not a collision when the other target is not written.
        let text = "targets = [\"typescript\"]\n[outputs]\ntypescript = \"database.schemas.ts\"\n";
        Config::from_toml(text, Path::new("c.toml")).unwrap();
        let text = "[database]\nstatement_timeout_secs = 2147483\n";
        Config::from_toml(text, Path::new("c.toml")).unwrap();
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncdé f", 8), (2, 5));
    }
}
