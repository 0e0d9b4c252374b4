//! The top-level error, its exit code and its one-line rendering.

use std::path::PathBuf;

#[cfg(feature = "live")]
use crate::cluster::ClusterError;
use crate::config::ConfigError;
use crate::emit::EmitError;
#[cfg(feature = "live")]
use crate::introspect;
#[cfg(feature = "live")]
use crate::migrations::MigrationError;
use crate::write::WriteError;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: `--check` found stale or missing outputs.
pub const EXIT_STALE: i32 = 1;
/// Exit code: bad usage, config (including output paths and the connection string),
/// snapshot or migration.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: the database is unreachable, did not answer in time, or refused the
/// connection or a catalog query.
pub const EXIT_DATABASE: i32 = 3;
/// Exit code: anything else (I/O while writing, a catalog result that cannot be read, a
/// template that fails).
pub const EXIT_OTHER: i32 = 4;

/// Anything that stops a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The config file is unreadable or invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Bad command-line usage or settings.
    #[error("{0}")]
    Usage(String),
    /// Connecting or reading the catalog failed.
    #[cfg(feature = "live")]
    #[error(transparent)]
    Introspect(#[from] introspect::Error),
    /// A catalog snapshot could not be read.
    #[error("cannot read catalog snapshot {path}: {message}")]
    Snapshot {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A migration failed.
    #[cfg(feature = "live")]
    #[error(transparent)]
    Migration(#[from] MigrationError),
    /// The throwaway cluster could not be started.
    #[cfg(feature = "live")]
    #[error("cannot start a temporary PostgreSQL: {0}")]
    Cluster(#[from] ClusterError),
    /// An emitter failed.
    #[error(transparent)]
    Emit(#[from] EmitError),
    /// Writing outputs failed.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A failure and the warnings met before it, which may explain it (a password file
    /// that was ignored): print [`Error::warnings`] first.
    #[error("{error}")]
    Warned {
        /// The warnings, in the order they were met.
        warnings: Vec<String>,
        /// The failure.
        error: Box<Error>,
    },
    /// An I/O failure outside the writer (runtime start, stdout).
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// This error with `warnings` attached (see [`Error::Warned`]); itself when there are none.
    pub fn with_warnings(self, warnings: &[String]) -> Self {
        if warnings.is_empty() {
            return self;
        }
        Error::Warned {
            warnings: warnings
                .iter()
                .map(|w| crate::redact::printable(w))
                .collect(),
            error: Box::new(self),
        }
    }

    /// The warnings met before this error (printable), to be shown before it.
    pub fn warnings(&self) -> &[String] {
        match self {
            Error::Warned { warnings, .. } => warnings,
            _ => &[],
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Warned { error, .. } => error.exit_code(),
            Error::Config(_) | Error::Usage(_) | Error::Snapshot { .. } => EXIT_USAGE,
            #[cfg(feature = "live")]
            Error::Migration(_) => EXIT_USAGE,
            #[cfg(feature = "live")]
            Error::Introspect(e) if e.is_access() => EXIT_DATABASE,
            #[cfg(feature = "live")]
            Error::Introspect(introspect::Error::Config(_) | introspect::Error::Tls(_)) => {
                EXIT_USAGE
            }
            #[cfg(feature = "live")]
            Error::Cluster(_) => EXIT_DATABASE,
            Error::Write(crate::write::WriteError::OutsideOutput(_)) => EXIT_USAGE,
            _ => EXIT_OTHER,
        }
    }

    /// One line: the error and its causes, joined with `: `. Empty wrapper texts of the
    /// driver ("db error") are skipped and repeated segments are dropped; passwords are
    /// redacted and control characters escaped ([`crate::redact::printable`]).
    pub fn render(&self) -> String {
        if let Error::Warned { error, .. } = self {
            return error.render();
        }
        let mut parts: Vec<String> = vec![self.to_string()];
        let mut cur = std::error::Error::source(self);
        while let Some(e) = cur {
            let text = e.to_string();
            if text != "db error" && !parts.iter().any(|p| p.contains(&text)) {
                parts.push(text);
            }
            cur = e.source();
        }
        crate::redact::printable(&parts.join(": ").replace('\n', " "))
    }
}
