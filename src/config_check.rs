//! The checks of a [`Config`] that its types cannot express, run before anything connects:
//! output paths stay inside the output folder, no two targets share a file, and the
//! statement timeout is one Postgres accepts. Read from a file, a failure points at the
//! offending value's line and column.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::config::{Config, MAX_STATEMENT_TIMEOUT_SECS};

/// A failed check: what is wrong, and the config key whose value is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The key, e.g. `outputs.zod` or `database.statement_timeout_secs`.
    pub key: String,
    /// What is wrong, without the key.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

/// Every check, in the order of the keys in the README's table; the first failure.
pub fn check(config: &Config) -> Result<(), Problem> {
    let secs = config.database.statement_timeout_secs;
    if !(1..=MAX_STATEMENT_TIMEOUT_SECS).contains(&secs) {
        return Err(Problem {
            key: "database.statement_timeout_secs".into(),
            message: format!(
                "{secs} is out of range: Postgres accepts 1 to {MAX_STATEMENT_TIMEOUT_SECS} seconds"
            ),
        });
    }
    let mut owners = BTreeMap::new();
    for target in config.selected_targets() {
        let path = config.output_path(target);
        let Some(normal) = inside_path(&path) else {
            return Err(Problem {
                key: format!("outputs.{}", target.name()),
                message: format!(
                    "`{}` leaves the output folder: use a relative path without `..`",
                    path.display()
                ),
            });
        };
        if let Some(first) = owners.insert(normal, target) {
            // Blame the target whose file the config sets (the other one has its default).
            let (blamed, other) = if config.outputs.contains_key(&target) {
                (target, first)
            } else {
                (first, target)
            };
            return Err(Problem {
                key: format!("outputs.{}", blamed.name()),
                message: format!(
                    "`{}` is also the output of target `{}`: give each target its own file",
                    config.output_path(blamed).display(),
                    other.name()
                ),
            });
        }
    }
    Ok(())
}

/// `path` without `.` components when it is a non-empty relative path that stays inside the
/// folder it is joined to; `None` otherwise.
pub fn inside_path(path: &Path) -> Option<PathBuf> {
    let mut normal = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(part) => normal.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!normal.as_os_str().is_empty()).then_some(normal)
}

/// Where the values the checks look at sit in a config file (byte offsets), read with the
/// same TOML parser; `None` for a value the file does not set.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Positions {
    database: DatabasePositions,
    outputs: BTreeMap<String, toml::Spanned<toml::Value>>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct DatabasePositions {
    statement_timeout_secs: Option<toml::Spanned<toml::Value>>,
}

/// The byte offset in `text` of the value of `key` (a key [`check`] reports), or of the
/// table holding it, or 0.
pub fn offset_of(text: &str, key: &str) -> usize {
    let positions: Positions = toml::from_str(text).unwrap_or_default();
    let spanned = match key.split_once('.') {
        Some(("database", "statement_timeout_secs")) => {
            positions.database.statement_timeout_secs.as_ref()
        }
        Some(("outputs", target)) => positions.outputs.get(target),
        _ => None,
    };
    match spanned {
        Some(value) => value.span().start,
        None => key
            .split_once('.')
            .and_then(|(table, _)| text.find(&format!("[{table}]")))
            .unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_paths() {
        for ok in ["a.ts", "./a.ts", "sub/a.ts", "sub/./a.ts"] {
            assert!(inside_path(Path::new(ok)).is_some(), "{ok}");
        }
        for bad in [
            "",
            ".",
            "../a.ts",
            "sub/../../a.ts",
            "sub/../a.ts",
            "/etc/a.ts",
        ] {
            assert!(inside_path(Path::new(bad)).is_none(), "{bad}");
        }
        assert_eq!(
            inside_path(Path::new("./x/./y")),
            Some(PathBuf::from("x/y"))
        );
    }
}
