//! gen-types: reads a PostgreSQL catalog and writes the types and contracts built on it.
//!
//! Data flows one way: [`introspect`] reads the catalog into the [`model`]; the [`plan`] is
//! built from the model once per run (the classification of every Postgres type and how
//! its JSON differs read and written, value rules, Row/Insert/Update shapes, the functions
//! PostgREST exposes, every generated name); each [`emit`] target reads the plan and its own
//! settings and prints through the target-neutral [printers](mod@print), and hands over its
//! file (a [`write::FileMap`] entry); [`write`](mod@write) stages each file as it arrives
//! and writes them all, or diffs them. The handlebars templates hold each file's shape: they
//! place typed blocks at the columns they name ([`emit::templates`]), never pre-printed
//! text. [`config`] is deserialized at the edge and depends on no emitter. The CLI,
//! build scripts and tests all go through the functions of this module.
//!
//! To support a new Postgres type, add a variant to [`plan::types::Scalar`] and follow the
//! compiler: every target matches it exhaustively.
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
pub mod config_check;
pub mod emit;
pub mod error;
pub mod fast_hash;
#[cfg(feature = "live")]
pub mod introspect;
#[cfg(feature = "live")]
pub mod migrations;
pub mod model;
pub mod plan;
pub mod print;
pub mod redact;
#[cfg(feature = "live")]
pub mod supabase;
pub mod target;
pub mod write;

use std::path::{Path, PathBuf};

pub use builder::Builder;
pub use config::Config;
pub use error::Error;
pub use model::Catalog;
pub use target::Target;

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
    /// A Supabase project folder (`supabase/`): its `roles.sql` and migrations, applied to a
    /// throwaway PostgreSQL with the Supabase platform baseline (see [`supabase`]).
    Supabase(PathBuf),
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
    load_catalog_with(source, config, &|_| {})
}

/// [`load_catalog`], telling `progress` about long steps (downloads, migration runs).
pub fn load_catalog_with(
    source: &Source,
    config: &Config,
    progress: &dyn Fn(&str),
) -> Result<Loaded, Error> {
    // Only the live sources take long steps.
    #[cfg(not(feature = "live"))]
    let _ = progress;
    let (mut catalog, warnings) = match source {
        Source::Snapshot(path) => (read_snapshot(path)?, Vec::new()),
        #[cfg(not(feature = "live"))]
        Source::Database(_) | Source::Migrations(_) | Source::Supabase(_) => {
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
            options.statement_timeout = config.database.statement_timeout();
            let limits = introspect::Limits {
                statement: options.statement_timeout,
                first_reply: options.connect_timeout(),
            };
            let rows = block_on(async {
                // Two connections, opened together: the catalog queries are split over them.
                let (first, second) = tokio::join!(options.connect(), options.connect());
                let client = first?;
                let second = second.ok();
                let selection = selection(config);
                let read = introspect::read(&client, second.as_ref(), &selection, limits);
                Ok(read.await.map_err(|e| match e {
                    // The connection is not usable: say where it went.
                    introspect::Error::NoReply { after } => introspect::Error::Timeout {
                        target: options.describe(),
                        after,
                    },
                    e => e,
                })?)
            })
            .map_err(|e| e.with_warnings(options.warnings()))?;
            // The runtime and the connections are gone by now, and with them their buffers.
            let (catalog, warnings) = introspect::build(rows);
            let mut all = options.warnings().to_vec();
            all.extend(warnings);
            (catalog, all)
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
        #[cfg(feature = "live")]
        Source::Supabase(dir) => {
            let options = supabase::Options {
                postgres_version: config.postgres_version,
                progress,
            };
            let prepared = supabase::prepare(dir, &options)?;
            let (catalog, mut warnings) =
                read_cluster(&prepared.cluster.connection_string("postgres"), config)?;
            warnings.splice(0..0, prepared.warnings);
            (catalog, warnings)
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
    warnings.extend(emit::review::warnings(&catalog, config));
    let warnings = warnings.iter().map(|w| redact::printable(w)).collect();
    Ok(Loaded { catalog, warnings })
}

/// Introspects the database at `url` (a throwaway cluster: one connection, no snapshot).
#[cfg(feature = "live")]
fn read_cluster(url: &str, config: &Config) -> Result<(Catalog, Vec<String>), Error> {
    let options = ConnectOptions::resolve(Some(url))?;
    block_on(async {
        let client = options.connect().await?;
        Ok(
            introspect::introspect(&client, None, &selection(config), options.statement_timeout)
                .await?,
        )
    })
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

/// [`config_check::check`] as a usage error: no two targets on one file, no output outside
/// the output folder.
fn check_config(config: &Config) -> Result<(), Error> {
    config_check::check(config).map_err(|p| Error::Usage(p.to_string()))
}

/// Renders every selected target (after [`config_check::check`]: no two targets on one
/// file, no output outside the output folder).
pub fn generate(catalog: &Catalog, config: &Config) -> Result<write::FileMap, Error> {
    check_config(config)?;
    Ok(emit::emit(catalog, config)?)
}

/// Renders every selected target and writes the files to `config.out` (see
/// [`write::Staged`]): each file is written to a temporary file as its target writes it, and
/// nothing in the output folder changes unless every target succeeds.
pub fn generate_and_write(catalog: &Catalog, config: &Config) -> Result<write::WriteReport, Error> {
    check_config(config)?;
    let mut staged = write::Staged::new(&config.out);
    emit::emit_each(catalog, config, |path, output| {
        match output {
            emit::Output::Part(text) => staged.append(path, &text),
            emit::Output::Done => staged.finish(path),
        }
        .map_err(Error::from)
    })?;
    Ok(staged.commit()?)
}

/// Renders every selected target and compares each file with `config.out` as soon as its
/// target is done: the number of files and the stale or missing ones, with diffs.
pub fn generate_and_check(
    catalog: &Catalog,
    config: &Config,
) -> Result<(usize, Vec<write::StaleFile>), Error> {
    check_config(config)?;
    let (mut count, mut stale) = (0, Vec::new());
    let mut whole = emit::Whole::default();
    emit::emit_each(catalog, config, |path, output| {
        if let Some(contents) = whole.add(path, output) {
            count += 1;
            stale.extend(write::check_file(&config.out, path, &contents)?);
        }
        Ok::<(), Error>(())
    })?;
    stale.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((count, stale))
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
