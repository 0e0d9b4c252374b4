//! Reading a Supabase project folder: `config.toml`, `roles.sql` and the migration files the
//! Supabase CLI would apply.

use std::path::{Path, PathBuf};

/// The schemas the CLI exposes through the API when `config.toml` names none.
pub const DEFAULT_API_SCHEMAS: &[&str] = &["public", "graphql_public"];

/// The PostgreSQL major version a downloaded server has when neither `--postgres-version`
/// nor `[db].major_version` names one (the CLI's default for new projects).
pub const DEFAULT_MAJOR_VERSION: u32 = 17;

/// A project folder that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// A file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// `config.toml` is not valid TOML or has a value of the wrong type.
    #[error("{path}: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the line and column where TOML gives them.
        message: String,
    },
}

/// What gen-types reads from a Supabase project folder.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder (`supabase/`).
    pub dir: PathBuf,
    /// `[api].schemas`, else [`DEFAULT_API_SCHEMAS`].
    pub api_schemas: Vec<String>,
    /// `[db].major_version`, when set.
    pub major_version: Option<u32>,
    /// `roles.sql`, when present.
    pub roles: Option<PathBuf>,
    /// The migration files the CLI applies, in its order.
    pub migrations: Vec<PathBuf>,
    /// Files of `migrations/` the CLI would skip, each with the reason.
    pub skipped: Vec<String>,
}

impl Project {
    /// Reads the project in `dir`.
    pub fn read(dir: &Path) -> Result<Self, ProjectError> {
        let read_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ProjectError::Read { path, source }
        };
        if !dir.is_dir() {
            return Err(read_err(dir)(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not a folder (a Supabase project folder holds config.toml and migrations/)",
            )));
        }
        let config_path = dir.join("config.toml");
        let (api_schemas, major_version) = if config_path.is_file() {
            let text = std::fs::read_to_string(&config_path).map_err(read_err(&config_path))?;
            read_config(&config_path, &text)?
        } else {
            (None, None)
        };
        let roles = Some(dir.join("roles.sql")).filter(|p| p.is_file());
        let migrations_dir = dir.join("migrations");
        let (migrations, skipped) = if migrations_dir.is_dir() {
            list_migrations(&migrations_dir).map_err(read_err(&migrations_dir))?
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Project {
            dir: dir.to_path_buf(),
            api_schemas: api_schemas
                .unwrap_or_else(|| DEFAULT_API_SCHEMAS.iter().map(|s| s.to_string()).collect()),
            major_version,
            roles,
            migrations,
            skipped,
        })
    }
}

/// `[api].schemas` and `[db].major_version` of a `config.toml`; other keys are the CLI's.
fn read_config(
    path: &Path,
    text: &str,
) -> Result<(Option<Vec<String>>, Option<u32>), ProjectError> {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct File {
        api: Api,
        db: Db,
    }
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Api {
        schemas: Option<Vec<String>>,
    }
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Db {
        major_version: Option<u32>,
    }
    let file: File = toml::from_str(text).map_err(|e| ProjectError::Config {
        path: path.to_path_buf(),
        message: toml_message(text, &e),
    })?;
    Ok((file.api.schemas, file.db.major_version))
}

/// A TOML error as `line:column: message` on one line.
fn toml_message(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().replace('\n', " ");
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("{line}:{column}: {message}")
        }
        None => message,
    }
}

/// The files of a migrations folder the Supabase CLI applies, in its order (file name order),
/// and the entries it skips with the reason. The CLI's rule: a file name `<digits>_<name>.sql`;
/// a first file `<14 digits>_init.sql` older than 2021-12-09 is skipped (an old CLI's dump).
pub fn list_migrations(dir: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<String>)> {
    let mut entries: Vec<(String, PathBuf, bool)> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        entries.push((name, entry.path(), entry.path().is_dir()));
    }
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for (i, (name, path, is_dir)) in entries.into_iter().enumerate() {
        if is_dir {
            skipped.push(format!(
                "{}: a folder, not a migration file",
                path.display()
            ));
        } else if i == 0 && is_legacy_init(&name) {
            skipped.push(format!(
                "{}: an `init` migration older than 2021-12-09 (the Supabase CLI skips it too)",
                path.display()
            ));
        } else if is_migration_name(&name) {
            files.push(path);
        } else {
            skipped.push(format!(
                "{}: the file name does not match `<timestamp>_name.sql`",
                path.display()
            ));
        }
    }
    Ok((files, skipped))
}

/// `<digits>_<anything>.sql`.
fn is_migration_name(name: &str) -> bool {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && name[digits..].starts_with('_')
        && name.ends_with(".sql")
        && name.len() >= digits + 5
}

/// `<14 digits>_init.sql` with a timestamp before 20211209000000.
fn is_legacy_init(name: &str) -> bool {
    name.len() == 23
        && name.ends_with("_init.sql")
        && name[..14].bytes().all(|b| b.is_ascii_digit())
        && name[..14].parse::<u64>().is_ok_and(|t| t < 20211209000000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_names_follow_the_cli_rule() {
        assert!(is_migration_name("20240101000000_create_todos.sql"));
        assert!(is_migration_name("1_.sql"));
        assert!(!is_migration_name("create_todos.sql"));
        assert!(!is_migration_name("20240101000000-create.sql"));
        assert!(!is_migration_name("20240101000000_create.txt"));
        assert!(!is_migration_name("2024_x.sql.bak"));
        assert!(is_legacy_init("20211208000000_init.sql"));
        assert!(!is_legacy_init("20211209000000_init.sql"));
    }

    #[test]
    fn the_config_gives_api_schemas_and_major_version() {
        let path = Path::new("config.toml");
        let (schemas, major) = read_config(
            path,
            "project_id = \"x\"\n[api]\nschemas = [\"public\", \"app\"]\n[db]\nmajor_version = 15\n[db.pooler]\nenabled = false\n",
        )
        .unwrap();
        assert_eq!(schemas.unwrap(), ["public", "app"]);
        assert_eq!(major, Some(15));
        let err = read_config(path, "[db]\nmajor_version = \"x\"\n").unwrap_err();
        assert!(err.to_string().starts_with("config.toml: 2:17: "), "{err}");
    }
}
