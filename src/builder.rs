//! Generating from a build script.
//!
//! ```no_run
//! // build.rs
//! let out_dir = std::env::var_os("OUT_DIR").unwrap();
//! gen_types::Builder::from_config("gen-types.toml")?
//!     .catalog_snapshot("catalog.json")
//!     .rust_out(&out_dir)
//!     .generate()?;
//! # Ok::<(), gen_types::Error>(())
//! ```
//!
//! The catalog comes from the database when the variable named by `database.url_env`
//! (default `DATABASE_URL`) is set and gen-types has its `live` feature, else from the
//! snapshot written by `gen-types snapshot`. The builder prints the `cargo:rerun-if-changed`
//! lines for the config and the snapshot and `cargo:rerun-if-env-changed` for the variable,
//! so the script runs again when one of them changes.

use std::path::{Path, PathBuf};

use crate::target::Target;
use crate::{Config, Error, Source};

/// Settings of one generation from a build script.
#[derive(Debug, Clone)]
pub struct Builder {
    config: Config,
    config_path: Option<PathBuf>,
    snapshot: Option<PathBuf>,
    outputs: Vec<(Target, PathBuf)>,
    print_cargo: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new(Config::default())
    }
}

impl Builder {
    /// A builder with these settings.
    pub fn new(config: Config) -> Self {
        Self {
            config,
            config_path: None,
            snapshot: None,
            outputs: Vec::new(),
            print_cargo: true,
        }
    }

    /// A builder with the settings of a config file (the `config.toml` format).
    pub fn from_config(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let config = Config::from_file(path)?;
        let mut b = Self::new(config);
        b.config_path = Some(path.to_path_buf());
        Ok(b)
    }

    /// The snapshot (`gen-types snapshot --out FILE`) to read when no database is given.
    pub fn catalog_snapshot(mut self, path: impl AsRef<Path>) -> Self {
        self.snapshot = Some(path.as_ref().to_path_buf());
        self
    }

    /// Write `database.rs` (or the config's `outputs.rust` name) into `dir`.
    pub fn rust_out(self, dir: impl AsRef<Path>) -> Self {
        self.target_out(Target::Rust, dir)
    }

    /// Write a target's file into `dir`.
    pub fn target_out(mut self, target: Target, dir: impl AsRef<Path>) -> Self {
        self.outputs.push((target, dir.as_ref().to_path_buf()));
        self
    }

    /// Whether to print `cargo:` lines (default true; switch off outside build scripts).
    pub fn cargo_instructions(mut self, on: bool) -> Self {
        self.print_cargo = on;
        self
    }

    /// Where the catalog comes from: the database when its URL is set (and the `live`
    /// feature is on), else the snapshot.
    pub fn source(&self) -> Result<Source, Error> {
        let url = self.config.database.url.clone().or_else(|| {
            std::env::var(&self.config.database.url_env)
                .ok()
                .filter(|v| !v.is_empty())
        });
        if cfg!(feature = "live") && url.is_some() {
            return Ok(Source::Database(url));
        }
        match &self.snapshot {
            Some(p) if p.is_file() => Ok(Source::Snapshot(p.clone())),
            Some(p) => Err(Error::Usage(format!(
                "no catalog to generate from: {} is not set{} and the snapshot {} does not exist (write it with `gen-types snapshot --out {}`)",
                self.config.database.url_env,
                if cfg!(feature = "live") {
                    ""
                } else {
                    " (or gen-types lacks its `live` feature)"
                },
                p.display(),
                p.display()
            ))),
            None => Err(Error::Usage(format!(
                "no catalog to generate from: {} is not set{} and no catalog snapshot was given (Builder::catalog_snapshot)",
                self.config.database.url_env,
                if cfg!(feature = "live") {
                    ""
                } else {
                    " (or gen-types lacks its `live` feature)"
                },
            ))),
        }
    }

    /// Reads the catalog, renders the requested targets and writes them. Files whose
    /// contents did not change are left alone, so their mtime stays and nothing rebuilds.
    pub fn generate(self) -> Result<(), Error> {
        if self.print_cargo {
            println!(
                "cargo:rerun-if-env-changed={}",
                self.config.database.url_env
            );
            if let Some(p) = &self.config_path {
                println!("cargo:rerun-if-changed={}", p.display());
            }
            if let Some(p) = &self.snapshot {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }
        if self.outputs.is_empty() {
            return Err(Error::Usage(
                "nothing to generate: call rust_out (or target_out) on the Builder".into(),
            ));
        }
        let source = self.source()?;
        let loaded = crate::load_catalog(&source, &self.config).inspect_err(|e| {
            if self.print_cargo {
                for w in e.warnings() {
                    println!("cargo:warning=gen-types: {w}");
                }
            }
        })?;
        if self.print_cargo {
            for w in &loaded.warnings {
                println!("cargo:warning=gen-types: {w}");
            }
        }
        for (target, dir) in &self.outputs {
            let mut config = self.config.clone();
            config.targets = Some(vec![*target]);
            let files = crate::generate(&loaded.catalog, &config)?;
            crate::write::write_files(dir, &files)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A config whose URL variable is never set, so only the snapshot counts.
    fn offline() -> Builder {
        let mut config = Config::default();
        config.database.url_env = "GEN_TYPES_BUILDER_TEST_NEVER_SET".into();
        Builder::new(config).cargo_instructions(false)
    }

    #[test]
    fn without_database_or_snapshot_the_error_says_what_to_do() {
        let e = offline()
            .catalog_snapshot("no/such/catalog.json")
            .rust_out(std::env::temp_dir())
            .generate()
            .unwrap_err()
            .render();
        assert!(
            e.starts_with(
                "no catalog to generate from: GEN_TYPES_BUILDER_TEST_NEVER_SET is not set"
            ),
            "{e}"
        );
        assert!(
            e.contains("gen-types snapshot --out no/such/catalog.json"),
            "{e}"
        );
        let e = offline()
            .rust_out(std::env::temp_dir())
            .generate()
            .unwrap_err();
        assert!(e.render().contains("no catalog snapshot was given"), "{e}");
    }

    #[test]
    fn a_snapshot_generates_database_rs() {
        let dir = tempfile::tempdir().unwrap();
        let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/build-rs/catalog.json");
        offline()
            .catalog_snapshot(&snapshot)
            .rust_out(dir.path())
            .generate()
            .unwrap();
        let text = std::fs::read_to_string(dir.path().join("database.rs")).unwrap();
        assert!(text.contains("pub struct TasksRow"), "{text}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
