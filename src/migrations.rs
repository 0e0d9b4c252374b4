//! Applying a folder of `.sql` migrations in lexical order, reporting a failure with its
//! file and line.

use std::path::{Path, PathBuf};

/// A migration that could not be read or applied.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    /// The folder or a file could not be read.
    #[error("cannot read migrations in {path}: {source}")]
    Read {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Postgres rejected a migration.
    #[error("migration {file}:{line} failed: {message}")]
    Failed {
        /// The file.
        file: PathBuf,
        /// 1-based line of the error position (1 when Postgres gave none).
        line: usize,
        /// Postgres's message (and detail/hint when present).
        message: String,
    },
}

/// The `.sql` files of `dir`, sorted by file name.
pub fn migration_files(dir: &Path) -> Result<Vec<PathBuf>, MigrationError> {
    let read = |source| MigrationError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read)? {
        let path = entry.map_err(read)?.path();
        if path.extension().is_some_and(|e| e == "sql") && path.is_file() {
            files.push(path);
        }
    }
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

/// Applies every migration of `dir`, each file as one simple-query batch.
pub async fn apply(client: &tokio_postgres::Client, dir: &Path) -> Result<usize, MigrationError> {
    let files = migration_files(dir)?;
    for file in &files {
        let sql = std::fs::read_to_string(file).map_err(|source| MigrationError::Read {
            path: file.clone(),
            source,
        })?;
        if let Err(e) = client.batch_execute(&sql).await {
            let (line, message) = match e.as_db_error() {
                Some(db) => {
                    let line = match db.position() {
                        Some(tokio_postgres::error::ErrorPosition::Original(pos)) => {
                            line_of_char(&sql, *pos as usize)
                        }
                        _ => 1,
                    };
                    let mut message = db.message().to_string();
                    if let Some(d) = db.detail() {
                        message.push_str(&format!(" (detail: {d})"));
                    }
                    if let Some(h) = db.hint() {
                        message.push_str(&format!(" (hint: {h})"));
                    }
                    (line, message)
                }
                None => (1, e.to_string()),
            };
            return Err(MigrationError::Failed {
                file: file.clone(),
                line,
                message,
            });
        }
    }
    Ok(files.len())
}

/// The 1-based line of a 1-based character position (as Postgres reports positions).
fn line_of_char(text: &str, pos: usize) -> usize {
    text.chars()
        .take(pos.saturating_sub(1))
        .filter(|&c| c == '\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_of_char_counts_newlines_before_the_position() {
        assert_eq!(super::line_of_char("a\nbé\nc", 1), 1);
        assert_eq!(super::line_of_char("a\nbé\nc", 3), 2);
        assert_eq!(super::line_of_char("a\nbé\nc", 6), 3);
    }
}
