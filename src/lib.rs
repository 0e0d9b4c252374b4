//! gen-types: reads a PostgreSQL catalog and writes the types and contracts built on it.
//!
//! Data flows one way: [`introspect`] reads the catalog into the [`model`], [`emit`] turns
//! the model into a [`write::FileMap`], and [`write`](mod@write) writes or diffs it. The CLI, build
//! scripts and tests all go through the functions of this module.
//!
//! ```no_run
//! let config = gen_types::Config::from_file("config.toml".as_ref())?;
//! let loaded = gen_types::load_catalog(&gen_types::Source::Database(None), &config)?;
//! let files = gen_types::generate(&loaded.catalog, &config)?;
//! gen_types::write::write_files(&config.out, &files)?;
//! # Ok::<(), gen_types::Error>(())
//! ```

pub mod builder;
#[cfg(feature = "live")]
pub mod cluster;
pub mod config;
pub mod emit;
pub mod error;
#[cfg(feature = "live")]
pub mod introspect;
#[cfg(feature = "live")]
pub mod migrations;
pub mod model;
pub mod write;

use std::path::{Path, PathBuf};

pub use builder::Builder;
pub use config::Config;
pub use error::Error;
pub use model::Catalog;

#[cfg(feature = "live")]
use introspect::{ConnectOptions, Selection};
use model::Filter;

/// Where the catalog comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A live database: the given connection string, else the config's `database.url`,
    /// else the variable named by `database.url_env`, else the libpq variables.
    Database(Option<String>),
    /// An offline catalog snapshot written by `gen-types snapshot`.
    Snapshot(PathBuf),
    /// A folder of `.sql` migrations, applied to a throwaway local PostgreSQL.
    Migrations(PathBuf),
}

/// A catalog and the warnings met while reading it.
#[derive(Debug)]
pub struct Loaded {
    /// The catalog, filtered by the config's include/exclude patterns.
    pub catalog: Catalog,
    /// Things that could not be read exactly (never fatal).
    pub warnings: Vec<String>,
}

/// Reads the catalog from `source` as `config` selects it.
pub fn load_catalog(source: &Source, config: &Config) -> Result<Loaded, Error> {
    let (mut catalog, warnings) = match source {
        Source::Snapshot(path) => (read_snapshot(path)?, Vec::new()),
        #[cfg(not(feature = "live"))]
        Source::Database(_) | Source::Migrations(_) => {
            return Err(Error::Usage(
                "reading a database or migrations needs gen-types' `live` feature; this build reads catalog snapshots only".into(),
            ));
        }
        #[cfg(feature = "live")]
        Source::Database(url) => {
            let url = url
                .clone()
                .or_else(|| config.database.url.clone())
                .or_else(|| {
                    std::env::var(&config.database.url_env)
                        .ok()
                        .filter(|v| !v.is_empty())
                });
            let mut options = ConnectOptions::resolve(url.as_deref())?;
            options.statement_timeout =
                std::time::Duration::from_secs(config.database.statement_timeout_secs.max(1));
            let rows = block_on(async {
                // Two connections, opened together: the catalog queries are split over them.
                let (first, second) = tokio::join!(options.connect(), options.connect());
                let client = first?;
                let second = second.ok();
                Ok(introspect::read(
                    &client,
                    second.as_ref(),
                    &selection(config),
                    options.statement_timeout,
                )
                .await?)
            })?;
            // The runtime and the connections are gone by now, and with them their buffers.
            introspect::build(rows)
        }
        #[cfg(feature = "live")]
        Source::Migrations(dir) => {
            let cluster = cluster::TempCluster::start()?;
            let options = ConnectOptions::resolve(Some(&cluster.connection_string("postgres")))?;
            block_on(async {
                let client = options.connect().await?;
                migrations::apply(&client, dir).await?;
                Ok(introspect::introspect(
                    &client,
                    None,
                    &selection(config),
                    options.statement_timeout,
                )
                .await?)
            })?
        }
    };
    let patterns = |p: &config::Patterns| {
        Filter::new(&p.include, &p.exclude).map_err(|e| Error::Usage(e.to_string()))
    };
    catalog.retain(&patterns(&config.relations)?, &patterns(&config.functions)?);
    let mut warnings = warnings;
    for key in config.naming.rename.keys() {
        let found = key.split_once('.').is_some_and(|(schema, name)| {
            catalog.relation(schema, name).is_some()
                || catalog
                    .types
                    .iter()
                    .any(|t| t.schema == schema && t.name == name)
                || catalog
                    .functions
                    .iter()
                    .any(|f| f.schema == schema && f.name == name)
        });
        if !found {
            warnings.push(format!(
                "naming.rename: `{key}` names no relation, type or function that was read"
            ));
        }
    }
    Ok(Loaded { catalog, warnings })
}

/// What to read. `typescript.compat = "supabase"` reads what the reference generator
/// reads: objects owned by extensions (pgcrypto's functions in `public`, ...), each
/// partition as a table of its own and the multirange constructors, so every target of
/// that run lists them.
#[cfg(feature = "live")]
fn selection(config: &Config) -> Selection {
    let reference = config.typescript.compat == config::TsCompat::Supabase;
    Selection {
        schemas: config.schemas.clone(),
        include_extension_objects: config.include_extension_objects || reference,
        include_partitions: reference,
        include_implicit_functions: reference,
    }
}

/// Runs an async block on a fresh single-threaded runtime.
#[cfg(feature = "live")]
fn block_on<T>(f: impl std::future::Future<Output = Result<T, Error>>) -> Result<T, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Io {
            context: "cannot start the async runtime".into(),
            source,
        })?
        .block_on(f)
}

/// Renders every selected target.
pub fn generate(catalog: &Catalog, config: &Config) -> Result<write::FileMap, Error> {
    Ok(emit::emit(catalog, config)?)
}

/// The catalog as snapshot JSON (pretty, with a final newline).
pub fn snapshot_json(catalog: &Catalog) -> String {
    // Serializing plain data structures cannot fail.
    let mut s = serde_json::to_string_pretty(catalog).unwrap_or_default();
    s.push('\n');
    s
}

/// Reads a snapshot written by [`snapshot_json`].
pub fn read_snapshot(path: &Path) -> Result<Catalog, Error> {
    let err = |message: String| Error::Snapshot {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    let mut catalog: Catalog = serde_json::from_str(&text).map_err(|e| err(e.to_string()))?;
    if catalog.format != model::SNAPSHOT_FORMAT {
        return Err(err(format!(
            "snapshot format {} is not supported (this gen-types reads format {}); regenerate it with `gen-types snapshot`",
            catalog.format,
            model::SNAPSHOT_FORMAT
        )));
    }
    catalog.normalize();
    Ok(catalog)
}
