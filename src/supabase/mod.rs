//! `generate --supabase DIR`: a Supabase project folder applied to a throwaway PostgreSQL that
//! looks like the platform, then read like any database.
//!
//! The steps: [`project`] reads the folder; [`server`] finds local server binaries or
//! [`download`]s them, and serves them through an overlay with the extension shims of
//! [`assets`]; [`cache`] keeps a stopped cluster with the platform baseline applied, copied
//! for each run; [`apply`] runs `roles.sql` and the migrations as the Supabase CLI does.

pub mod apply;
pub mod assets;
pub mod cache;
pub mod download;
pub mod privilege;
pub mod project;
pub mod rewrite;
pub mod server;

use std::path::{Path, PathBuf};

use crate::cluster::{ClusterError, Init, TempCluster};
use crate::migrations::MigrationError;
pub use project::Project;
pub use server::Server;

/// The platform's superuser, the bootstrap superuser of the clusters made here.
pub const SUPERUSER: &str = "supabase_admin";

/// Failures preparing a Supabase project's database (other than a failing migration).
#[derive(Debug, thiserror::Error)]
pub enum SupabaseError {
    /// The project folder or its `config.toml` could not be read.
    #[error(transparent)]
    Project(#[from] project::ProjectError),
    /// A file of the cache or the server could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The cache folder is unusable.
    #[error("cache: {0}")]
    Cache(String),
    /// Downloading the server failed.
    #[error("cannot download PostgreSQL: {0}")]
    Download(String),
    /// The server binaries are unusable.
    #[error("PostgreSQL server: {0}")]
    Server(String),
}

impl SupabaseError {
    /// An I/O failure on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        SupabaseError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// How to prepare a project.
pub struct Options<'a> {
    /// The PostgreSQL major version to run (default: local binaries, else
    /// `[db].major_version`, else [`project::DEFAULT_MAJOR_VERSION`]).
    pub postgres_version: Option<u32>,
    /// Hears progress (downloads, long migration runs).
    pub progress: &'a dyn Fn(&str),
}

/// A project applied to a running throwaway cluster (stopped and removed when dropped).
pub struct Prepared {
    /// The project as read.
    pub project: Project,
    /// The server it runs on.
    pub server: Server,
    /// The running cluster; its database `postgres` holds the project.
    pub cluster: TempCluster,
    /// Files and statements skipped, each naming the file (and line) and why.
    pub warnings: Vec<String>,
}

/// Any failure of [`prepare`].
#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    /// Preparing the server or reading the project failed.
    #[error(transparent)]
    Supabase(#[from] SupabaseError),
    /// The cluster could not be started.
    #[error("cannot start a temporary PostgreSQL: {0}")]
    Cluster(#[from] ClusterError),
    /// The baseline, `roles.sql` or a migration failed.
    #[error(transparent)]
    Migration(#[from] MigrationError),
    /// Connecting to the cluster, or a statement of gen-types' own, failed.
    #[error("the temporary PostgreSQL: {}", db_message(.0))]
    Connect(#[from] tokio_postgres::Error),
}

/// Reads the project in `dir`, starts a cluster with the platform baseline and applies
/// `roles.sql` and the migrations to it.
pub fn prepare(dir: &Path, options: &Options<'_>) -> Result<Prepared, PrepareError> {
    let project = Project::read(dir).map_err(SupabaseError::from)?;
    let fallback = project
        .major_version
        .unwrap_or(project::DEFAULT_MAJOR_VERSION);
    let real = server::locate(options.postgres_version, fallback, options.progress)?;
    let server = server::overlay(&real)?;
    let template = baseline_cluster(&server, options.progress)?;
    let cluster = TempCluster::start_from(
        &server.bindir,
        Init::Copy {
            template: &template,
            superuser: SUPERUSER,
        },
    )?;
    let mut warnings = project.skipped.clone();
    let mut files: Vec<PathBuf> = project.roles.iter().cloned().collect();
    files.extend(project.migrations.iter().cloned());
    let url = format!(
        "{} options='-c role={}'",
        cluster.connection_string("postgres"),
        apply::MIGRATION_ROLE
    );
    runtime()?.block_on(async {
        let client = connect(&url).await?;
        apply::login_settings(&client).await?;
        apply::files(
            &client,
            &files,
            &server.shims,
            &mut warnings,
            options.progress,
        )
        .await?;
        Ok::<_, PrepareError>(())
    })?;
    Ok(Prepared {
        project,
        server,
        cluster,
        warnings,
    })
}

/// The stopped cluster with the baseline applied for `server`, made on first use.
fn baseline_cluster(server: &Server, progress: &dyn Fn(&str)) -> Result<PathBuf, PrepareError> {
    let key = cache::key(&[
        &server.bindir.to_string_lossy(),
        &server.version,
        &format!("{:016x}", assets::fingerprint()),
    ]);
    let mut failed: Option<PrepareError> = None;
    let entry = cache::entry(&cache::root()?.join("clusters"), &key, |dir| {
        progress(&format!(
            "preparing the Supabase platform baseline for {} (once)",
            server.version
        ));
        let made = (|| {
            // Small WAL segments, few of them kept, and no template0: a small folder to copy.
            let cluster = TempCluster::start_from(
                &server.bindir,
                Init::Fresh {
                    superuser: SUPERUSER,
                    initdb_args: &["--wal-segsize=1"],
                },
            )?;
            let url = cluster.connection_string("postgres");
            runtime()?.block_on(async {
                let client = connect(&url).await?;
                apply::baseline(&client).await?;
                for statement in COMPACT {
                    client.batch_execute(statement).await?;
                }
                Ok::<_, PrepareError>(())
            })?;
            cluster.shutdown()?;
            crate::cluster::copy_tree(&cluster.data_dir(), &dir.join("data"))
                .map_err(SupabaseError::Cache)?;
            Ok::<_, PrepareError>(())
        })();
        made.map_err(|e| {
            let text = e.to_string();
            failed = Some(e);
            SupabaseError::Cache(text)
        })
    });
    match (entry, failed) {
        (Ok(dir), _) => Ok(dir.join("data")),
        (Err(_), Some(e)) => Err(e),
        (Err(e), None) => Err(e.into()),
    }
}

/// Makes the stopped baseline cluster small, since every run copies it: WAL segments are
/// not kept for reuse, and `template0` (which nothing in a migration run uses) is dropped.
const COMPACT: &[&str] = &[
    "ALTER SYSTEM SET min_wal_size = '2MB'",
    "ALTER SYSTEM SET wal_recycle = off",
    "SELECT pg_reload_conf()",
    "ALTER DATABASE template0 WITH ALLOW_CONNECTIONS false IS_TEMPLATE false",
    "DROP DATABASE template0",
    "CHECKPOINT",
];

/// Postgres's message for a driver error (the driver's own text says only "db error").
fn db_message(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    }
}

/// Connects, driving the connection on the current runtime.
async fn connect(url: &str) -> Result<tokio_postgres::Client, tokio_postgres::Error> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}

fn runtime() -> Result<tokio::runtime::Runtime, SupabaseError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SupabaseError::io(Path::new("tokio runtime"), e))
}
