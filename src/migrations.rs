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

/// Applies every migration of `dir`. Statements are sent one at a time, as psql does, so a
/// failure is located even when Postgres gives no position.
pub async fn apply(client: &tokio_postgres::Client, dir: &Path) -> Result<usize, MigrationError> {
    let files = migration_files(dir)?;
    for file in &files {
        let sql = std::fs::read_to_string(file).map_err(|source| MigrationError::Read {
            path: file.clone(),
            source,
        })?;
        for stmt in split_statements(&sql) {
            if let Err(e) = client.batch_execute(stmt.text).await {
                return Err(failure(file, &stmt, &e));
            }
        }
    }
    Ok(files.len())
}

/// The error for `stmt` of `file` failing with `e`, at the line Postgres's error position
/// points to (else the statement's first line), with Postgres's message, detail and hint.
pub(crate) fn failure(
    file: &Path,
    stmt: &Statement<'_>,
    e: &tokio_postgres::Error,
) -> MigrationError {
    let (line, message) = match e.as_db_error() {
        Some(db) => {
            let line = match db.position() {
                Some(tokio_postgres::error::ErrorPosition::Original(pos)) => {
                    stmt.line + line_of_char(stmt.text, *pos as usize) - 1
                }
                _ => stmt.line,
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
        None => (stmt.line, e.to_string()),
    };
    MigrationError::Failed {
        file: file.to_path_buf(),
        line,
        message,
    }
}

/// One statement of a script and the 1-based line its first token is on.
#[derive(Debug, PartialEq)]
pub(crate) struct Statement<'a> {
    /// The 1-based line of the first token.
    pub(crate) line: usize,
    /// The statement, from its first token to its semicolon.
    pub(crate) text: &'a str,
}

/// Splits a script at top-level semicolons, skipping those in quotes, dollar quotes and
/// comments, and, as psql does, those inside the `BEGIN ... END` of a SQL-standard function
/// body (`CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END`). Statements that
/// are only whitespace and comments are dropped.
pub(crate) fn split_statements(sql: &str) -> Vec<Statement<'_>> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut body = RoutineBody::default();
    fn push<'s>(sql: &'s str, from: usize, to: usize, out: &mut Vec<Statement<'s>>) {
        let text = &sql[from..to];
        if has_code(text) {
            let begin = from + leading_comment_len(text);
            let line = sql[..begin].matches('\n').count() + 1;
            out.push(Statement {
                line,
                text: &sql[begin..to],
            });
        }
    }
    while i < b.len() {
        match b[i] {
            b'\'' | b'"' => {
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'$' => {
                // $tag$ ... $tag$ (a tag is empty or an identifier); `$1` is a parameter.
                let tag_end = sql[i + 1..].find('$').map(|j| i + 1 + j);
                match tag_end {
                    Some(end)
                        if sql[i + 1..end]
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_')
                            && !sql[i + 1..end].starts_with(|c: char| c.is_ascii_digit()) =>
                    {
                        let tag = &sql[i..=end];
                        match sql[end + 1..].find(tag) {
                            Some(close) => i = end + 1 + close + tag.len(),
                            None => i = b.len(),
                        }
                    }
                    _ => i += 1,
                }
            }
            b';' if body.depth == 0 => {
                push(sql, start, i + 1, &mut out);
                i += 1;
                start = i;
                body = RoutineBody::default();
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                // `i` is on a character boundary: every branch steps over whole characters.
                let rest = &sql[i..];
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .unwrap_or(rest.len());
                if end == 0 {
                    i += rest.chars().next().map_or(1, char::len_utf8);
                } else {
                    body.word(&rest[..end]);
                    i += end;
                }
            }
            _ => i += 1,
        }
    }
    push(sql, start, b.len(), &mut out);
    out
}

/// psql's heuristic for the semicolons of a SQL-standard routine body: in a statement that
/// starts `CREATE [OR REPLACE] FUNCTION|PROCEDURE`, `BEGIN` and `CASE` open a block that `END`
/// closes, and semicolons inside a block do not end the statement.
#[derive(Default)]
struct RoutineBody {
    /// The statement's first words, lower-cased initials (up to four).
    initials: Vec<u8>,
    /// Open blocks.
    depth: usize,
}

impl RoutineBody {
    fn word(&mut self, word: &str) {
        if self.initials.len() < 4 {
            self.initials.push(word.as_bytes()[0].to_ascii_lowercase());
        }
        let routine = matches!(
            self.initials.as_slice(),
            [b'c', b'f' | b'p', ..] | [b'c', b'o', b'r', b'f' | b'p', ..]
        );
        if !routine {
            return;
        }
        let opens = word.eq_ignore_ascii_case("begin")
            || (word.eq_ignore_ascii_case("case") && self.depth > 0);
        if opens {
            self.depth += 1;
        } else if word.eq_ignore_ascii_case("end") && self.depth > 0 {
            self.depth -= 1;
        }
    }
}

/// Length of the comments and whitespace at the start of a statement.
fn leading_comment_len(s: &str) -> usize {
    let mut rest = s;
    loop {
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix("--") {
            rest = after.find('\n').map_or("", |n| &after[n..]);
        } else if trimmed.starts_with("/*") {
            match trimmed.find("*/") {
                Some(n) => rest = &trimmed[n + 2..],
                None => return s.len() - trimmed.len(),
            }
        } else {
            return s.len() - trimmed.len();
        }
    }
}

/// Whether a piece of script holds anything but whitespace, comments and semicolons.
fn has_code(s: &str) -> bool {
    let start = leading_comment_len(s);
    !s[start..].trim().trim_matches(';').trim().is_empty()
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
    fn splits_statements_outside_quotes_and_comments() {
        let sql = "-- header; not a split\nCREATE TABLE a (x text DEFAULT 'a;b');\n\n/* c; */ CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;\nSELECT $1;\n-- trailing comment\n";
        let stmts = super::split_statements(sql);
        let got: Vec<(usize, &str)> = stmts.iter().map(|s| (s.line, s.text)).collect();
        assert_eq!(
            got,
            vec![
                (2, "CREATE TABLE a (x text DEFAULT 'a;b');"),
                (
                    4,
                    "CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;"
                ),
                (5, "SELECT $1;"),
            ]
        );
    }

    #[test]
    fn a_sql_standard_routine_body_is_one_statement() {
        let sql = "create or replace function f(x int) returns int language sql\nbegin atomic\n  select case when x > 0 then 1 else 0 end;\n  select 2;\nend;\ncreate table begin_end (id int);\nselect 1;";
        let got: Vec<usize> = super::split_statements(sql)
            .iter()
            .map(|s| s.line)
            .collect();
        assert_eq!(got, vec![1, 6, 7]);
        // BEGIN / END outside routines (transactions) split as usual.
        let sql = "begin;\ncreate table t (a int);\nend;\ncreate procedure p() begin atomic select 1; end;";
        assert_eq!(super::split_statements(sql).len(), 4);
        // Characters that are not letters move on too.
        let sql = "select '→' as a, 1 → 2; select ‘x’;";
        assert_eq!(super::split_statements(sql).len(), 2);
    }

    #[test]
    fn line_of_char_counts_newlines_before_the_position() {
        assert_eq!(super::line_of_char("a\nbé\nc", 1), 1);
        assert_eq!(super::line_of_char("a\nbé\nc", 3), 2);
        assert_eq!(super::line_of_char("a\nbé\nc", 6), 3);
    }
}
