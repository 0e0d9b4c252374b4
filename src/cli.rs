//! The command line: parses arguments, builds a [`Config`], calls the library, prints.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use gen_types::emit::Target;
use gen_types::error::{EXIT_OK, EXIT_STALE};
use gen_types::{Config, Error, Source};

/// Reads a PostgreSQL catalog and writes types and contracts from it.
#[derive(Debug, Parser)]
#[command(name = "gen-types", version, about)]
pub struct Cli {
    /// Config file (default: ./config.toml when it exists).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every file and timing.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the outputs (the default command).
    Generate(GenerateArgs),
    /// Print the catalog model as JSON.
    Introspect(SourceArgs),
    /// Write the catalog model as an offline snapshot for --from-snapshot.
    Snapshot {
        #[command(flatten)]
        source: SourceArgs,
        /// Snapshot file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write a commented config.toml.
    Init {
        /// Where to write it.
        #[arg(default_value = "config.toml")]
        path: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Default, Args)]
struct SourceArgs {
    /// Database URL or key=value string (default: config, then $DATABASE_URL, then PG* variables).
    #[arg(long, value_name = "URL", conflicts_with_all = ["from_snapshot", "migrations", "supabase"])]
    db_url: Option<String>,
    /// Read the catalog from a snapshot file instead of a database.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["migrations", "supabase"])]
    from_snapshot: Option<PathBuf>,
    /// Apply these .sql migrations to a throwaway local PostgreSQL and read that.
    #[arg(long, value_name = "DIR", conflicts_with = "supabase")]
    migrations: Option<PathBuf>,
    /// Apply a Supabase project (roles.sql, migrations/) to a throwaway PostgreSQL with the
    /// platform baseline and read its API schemas (DIR defaults to ./supabase).
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = "supabase")]
    supabase: Option<PathBuf>,
    /// PostgreSQL major version of the server for --supabase (downloaded when not installed).
    #[arg(long, value_name = "N")]
    postgres_version: Option<u32>,
    /// Schema to read (repeatable; overrides the config's `schemas`).
    #[arg(long = "schema", value_name = "NAME")]
    schemas: Vec<String>,
}

#[derive(Debug, Default, Args)]
struct GenerateArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// Output folder (overrides the config's `out`).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Target to write (repeatable; overrides the config's `targets`).
    #[arg(long = "target", value_name = "TARGET", value_parser = |s: &str| s.parse::<Target>())]
    targets: Vec<Target>,
    /// Write nothing; exit 1 with a diff when an output is stale or missing.
    #[arg(long)]
    check: bool,
}

/// Runs the CLI and returns the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    let quiet = cli.quiet;
    match execute(cli) {
        Ok(code) => code,
        Err(e) => {
            if !quiet {
                for w in e.warnings() {
                    eprintln!("warning: {w}");
                }
            }
            if !quiet || e.exit_code() != EXIT_OK {
                eprintln!("error: {}", e.render());
            }
            e.exit_code()
        }
    }
}

struct Printer {
    quiet: bool,
    verbose: bool,
}

/// Prints progress lines; like errors, they pass through [`gen_types::redact::printable`].
impl Printer {
    fn info(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", gen_types::redact::printable(msg));
        }
    }
    fn detail(&self, msg: &str) {
        if self.verbose {
            eprintln!("{}", gen_types::redact::printable(msg));
        }
    }
}

fn execute(cli: Cli) -> Result<i32, Error> {
    let out = Printer {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let command = cli
        .command
        .unwrap_or(Command::Generate(GenerateArgs::default()));
    if let Command::Init { path, force } = &command {
        return init(path, *force, &out);
    }
    let mut config = load_config(cli.config.as_deref())?;
    match command {
        Command::Generate(args) => {
            let source = apply_source(&mut config, &args.source)?;
            if let Some(dir) = args.out {
                config.out = dir;
            }
            if !args.targets.is_empty() {
                config.targets = Some(args.targets);
            }
            // The flags may have changed what the file's checks saw: check before connecting.
            gen_types::config_check::check(&config).map_err(|p| Error::Usage(p.to_string()))?;
            let start = std::time::Instant::now();
            let loaded = load(&source, &config, &out)?;
            out.detail(&format!(
                "read {} relations, {} functions, {} types in {:.0?}",
                loaded.relations.len(),
                loaded.functions.len(),
                loaded.types.len(),
                start.elapsed()
            ));
            if args.check {
                let (count, stale) = gen_types::generate_and_check(&loaded, &config)?;
                if stale.is_empty() {
                    out.info(&format!("{count} files are up to date"));
                    return Ok(EXIT_OK);
                }
                let mut stdout = std::io::stdout().lock();
                for s in &stale {
                    let _ = stdout.write_all(s.diff.as_bytes());
                }
                for s in &stale {
                    eprintln!(
                        "stale: {}",
                        gen_types::redact::printable(&s.path.display().to_string())
                    );
                }
                return Ok(EXIT_STALE);
            }
            let report = gen_types::generate_and_write(&loaded, &config)?;
            // The process ends next, and the catalog is plain data: freeing it piece by piece
            // would only cost time (about 30 ms at 5,000 tables).
            std::mem::forget(loaded);
            for p in &report.removed {
                out.detail(&format!("removed {} (left by an earlier run)", p.display()));
            }
            for p in &report.written {
                out.detail(&format!("wrote {}", p.display()));
            }
            out.info(&format!(
                "wrote {} files ({} unchanged) to {} in {:.0?}",
                report.written.len(),
                report.unchanged.len(),
                config.out.display(),
                start.elapsed()
            ));
            Ok(EXIT_OK)
        }
        Command::Introspect(args) => {
            let source = apply_source(&mut config, &args)?;
            let catalog = load(&source, &config, &out)?;
            let json = gen_types::snapshot_json(&catalog);
            std::io::stdout()
                .lock()
                .write_all(json.as_bytes())
                .map_err(|source| Error::Io {
                    context: "cannot write to stdout".into(),
                    source,
                })?;
            Ok(EXIT_OK)
        }
        Command::Snapshot { source, out: file } => {
            let source = apply_source(&mut config, &source)?;
            let catalog = load(&source, &config, &out)?;
            let (dir, name) = split_file(&file);
            let files =
                gen_types::write::FileMap::from([(name, gen_types::snapshot_json(&catalog))]);
            gen_types::write::write_files(&dir, &files)?;
            out.info(&format!("wrote {}", file.display()));
            Ok(EXIT_OK)
        }
        Command::Init { .. } => unreachable!("handled above"),
    }
}

fn load(source: &Source, config: &Config, out: &Printer) -> Result<gen_types::Catalog, Error> {
    let loaded = gen_types::load_catalog_with(source, config, &|p| out.info(p))?;
    for w in &loaded.warnings {
        out.info(&format!("warning: {w}"));
    }
    Ok(loaded.catalog)
}

/// Applies the source flags to the config and returns the source they name. A Supabase
/// project reads its API schemas (`[api].schemas` of its config.toml) unless `--schema` names
/// others.
fn apply_source(config: &mut Config, args: &SourceArgs) -> Result<Source, Error> {
    if !args.schemas.is_empty() {
        config.schemas = args.schemas.clone();
    }
    if args.postgres_version.is_some() {
        config.postgres_version = args.postgres_version;
    }
    let other_flag = args.db_url.is_some() || args.migrations.is_some();
    Ok(if let Some(p) = &args.from_snapshot {
        Source::Snapshot(p.clone())
    } else if let Some(d) = &args.migrations {
        Source::Migrations(d.clone())
    } else if let Some(dir) = args
        .supabase
        .clone()
        .or_else(|| config.supabase.clone().filter(|_| !other_flag))
    {
        if args.schemas.is_empty() {
            let project = gen_types::supabase::Project::read(&dir)
                .map_err(gen_types::supabase::SupabaseError::from)?;
            config.schemas = project.api_schemas;
        }
        Source::Supabase(dir)
    } else {
        Source::Database(args.db_url.clone())
    })
}

/// Reads the named config, or ./config.toml when it exists, or the defaults. Relative paths
/// in a config file are relative to the file's folder.
fn load_config(path: Option<&Path>) -> Result<Config, Error> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None if Path::new("config.toml").is_file() => PathBuf::from("config.toml"),
        None => return Ok(Config::default()),
    };
    let mut config = Config::from_file(&path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if config.out.is_relative() {
            config.out = dir.join(&config.out);
        }
        if let Some(project) = config.supabase.as_mut().filter(|p| p.is_relative()) {
            *project = dir.join(&*project);
        }
    }
    Ok(config)
}

fn split_file(file: &Path) -> (PathBuf, PathBuf) {
    let dir = file
        .parent()
        .map(Path::to_path_buf)
        .filter(|d| !d.as_os_str().is_empty());
    let name = file
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("catalog.json"));
    (dir.unwrap_or_else(|| PathBuf::from(".")), name)
}

fn init(path: &Path, force: bool, out: &Printer) -> Result<i32, Error> {
    if path.exists() && !force {
        return Err(Error::Usage(format!(
            "{} already exists (use --force to replace it)",
            path.display()
        )));
    }
    let (dir, name) = split_file(path);
    let files =
        gen_types::write::FileMap::from([(name, gen_types::config::INIT_TEMPLATE.to_string())]);
    gen_types::write::write_files(&dir, &files)?;
    out.info(&format!("wrote {}", path.display()));
    Ok(EXIT_OK)
}
