//! The one writer: a map of relative path -> contents, written atomically or diffed.
//!
//! The CLI's `generate` hands each file over in pieces while its target writes it: [`Staged`]
//! writes them to a temporary file as they come; [`check_file`] compares a whole file for
//! `--check`. A whole [`FileMap`] (the library API, build scripts) goes through
//! [`write_files`] and [`check_files`], the same two underneath.
//! Files are written to a temporary file in the same folder and renamed into place only when
//! every target has succeeded, so a reader never sees half a file or half a run; files whose
//! contents are unchanged are not touched (their mtime stays).

use std::collections::BTreeMap;
use std::io::{Seek, Write};
use std::path::{Component, Path, PathBuf};

/// Generated files by path relative to the output folder.
pub type FileMap = BTreeMap<PathBuf, String>;

/// Failures of writing or checking.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The path would land outside the output folder.
    #[error("refusing to write {0}: output paths must stay inside the output folder")]
    OutsideOutput(PathBuf),
    /// An I/O failure.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// What [`write_files`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or replaced.
    pub written: Vec<PathBuf>,
    /// Files that already had these contents.
    pub unchanged: Vec<PathBuf>,
    /// Temporary files left by earlier runs that were removed.
    pub removed: Vec<PathBuf>,
}

/// The name prefix of every temporary file the writer creates.
const TEMP_PREFIX: &str = ".gen-types-";

/// How old a temporary file must be before a run removes it whatever its pid says.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// A file whose contents on disk differ from what would be generated.
#[derive(Debug, PartialEq, Eq)]
pub struct StaleFile {
    /// The file (output folder joined with its relative path).
    pub path: PathBuf,
    /// A unified diff from the file on disk to the generated contents.
    pub diff: String,
}

fn resolve(out_dir: &Path, rel: &Path) -> Result<PathBuf, WriteError> {
    let inside = rel
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside || rel.as_os_str().is_empty() {
        return Err(WriteError::OutsideOutput(rel.to_path_buf()));
    }
    Ok(out_dir.join(rel))
}

/// Writes every file atomically, leaving unchanged files untouched.
pub fn write_files(out_dir: &Path, files: &FileMap) -> Result<WriteReport, WriteError> {
    // Validate every path before writing anything.
    for rel in files.keys() {
        resolve(out_dir, rel)?;
    }
    let mut staged = Staged::new(out_dir);
    for (rel, contents) in files {
        staged.add(rel, contents)?;
    }
    staged.commit()
}

/// Files on their way to the output folder. A file's text is written, as it comes
/// ([`append`](Staged::append)), to a temporary file beside it, so that it need not stay in
/// memory; when it is complete ([`finish`](Staged::finish)), it is compared with the file on
/// disk and dropped when they are the same. [`commit`](Staged::commit) renames the
/// temporary files into place. Dropped without a commit (a later target failed), it removes
/// them: nothing in the output folder changes.
pub struct Staged {
    out_dir: PathBuf,
    /// Files being written, by relative path: their text so far.
    open: BTreeMap<PathBuf, tempfile::NamedTempFile>,
    temps: Vec<(PathBuf, tempfile::NamedTempFile)>,
    report: WriteReport,
    cleaned: std::collections::BTreeSet<PathBuf>,
}

impl Staged {
    /// Nothing staged yet, for files under `out_dir`.
    pub fn new(out_dir: &Path) -> Self {
        Staged {
            out_dir: out_dir.to_path_buf(),
            open: BTreeMap::new(),
            temps: Vec::new(),
            report: WriteReport::default(),
            cleaned: Default::default(),
        }
    }

    /// Stages `contents` for `rel` (relative to the output folder).
    pub fn add(&mut self, rel: &Path, contents: &str) -> Result<(), WriteError> {
        self.add_parts(rel, &[contents])
    }

    /// Stages the file made of `parts`, one after another, for `rel`.
    pub fn add_parts(&mut self, rel: &Path, parts: &[impl AsRef<str>]) -> Result<(), WriteError> {
        for part in parts {
            self.append(rel, part.as_ref())?;
        }
        self.finish(rel)
    }

    /// Adds `text` to the end of the file being written for `rel`.
    pub fn append(&mut self, rel: &Path, text: &str) -> Result<(), WriteError> {
        let tmp = match self.open.entry(rel.to_path_buf()) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let path = resolve(&self.out_dir, rel)?;
                let parent = path.parent().unwrap_or(&self.out_dir).to_path_buf();
                if self.cleaned.insert(parent.clone()) {
                    self.report.removed.extend(remove_stale_temp_files(&parent));
                }
                e.insert(temp_file(&path)?)
            }
        };
        tmp.write_all(text.as_bytes())
            .map_err(|source| WriteError::Io {
                path: tmp.path().to_path_buf(),
                source,
            })
    }

    /// Completes the file for `rel` (what was appended). It is staged when it differs from the
    /// file on disk, else dropped.
    pub fn finish(&mut self, rel: &Path) -> Result<(), WriteError> {
        self.append(rel, "")?;
        let path = resolve(&self.out_dir, rel)?;
        let Some(mut tmp) = self.open.remove(rel) else {
            return Ok(());
        };
        let io = |source| WriteError::Io {
            path: path.clone(),
            source,
        };
        if holds(&path, "", Some(tmp.as_file_mut())).map_err(io)? {
            self.report.unchanged.push(path);
            return Ok(());
        }
        // A temp file is created 0600; the output keeps the mode of the file it replaces,
        // or gets the usual 0644.
        let mode = std::fs::metadata(&path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| {
                use std::os::unix::fs::PermissionsExt;
                std::fs::Permissions::from_mode(0o644)
            });
        tmp.as_file().set_permissions(mode).map_err(io)?;
        tmp.as_file().sync_all().map_err(io)?;
        self.temps.push((path, tmp));
        Ok(())
    }

    /// Renames every staged file into place.
    pub fn commit(mut self) -> Result<WriteReport, WriteError> {
        for (path, tmp) in std::mem::take(&mut self.temps) {
            tmp.persist(&path).map_err(|e| WriteError::Io {
                path: path.clone(),
                source: e.error,
            })?;
            self.report.written.push(path);
        }
        Ok(std::mem::take(&mut self.report))
    }
}

/// An empty temporary file in the folder of `path` (which it creates), named after this
/// process ([`remove_stale_temp_files`]).
fn temp_file(path: &Path) -> Result<tempfile::NamedTempFile, WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io)?;
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    tempfile::Builder::new()
        .prefix(&prefix)
        .tempfile_in(parent)
        .map_err(io)
}

/// Removes the temporary files of earlier runs from `folder`: plain files named
/// `.gen-types-<pid>-…` whose process is gone, and any `.gen-types-…` file older than a
/// minute. Failures are ignored (the folder may not exist yet; another run may remove the
/// same file).
fn remove_stale_temp_files(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let pid = rest.split('-').next().and_then(|p| p.parse::<i32>().ok());
        let dead = pid.is_some_and(|pid| pid > 0 && !process_exists(pid));
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if (dead || old) && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// True when a process with this id exists (it may belong to another user).
fn process_exists(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only checks whether the process exists.
    let status = unsafe { libc::kill(pid, 0) };
    status == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// True when the file at `path` holds exactly `text` then the contents of `rest`, if any
/// (read from its start; the file on disk is read in pieces: outputs can be tens of MB).
fn holds(path: &Path, text: &str, mut rest: Option<&mut std::fs::File>) -> std::io::Result<bool> {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(false);
    };
    let rest_len = match &rest {
        Some(rest) => rest.metadata()?.len(),
        None => 0,
    };
    if file
        .metadata()
        .map_or(true, |m| m.len() != text.len() as u64 + rest_len)
    {
        return Ok(false);
    }
    const CHUNK: usize = 64 * 1024;
    let mut file = std::io::BufReader::with_capacity(CHUNK, file);
    let mut buf = vec![0u8; CHUNK];
    let same = |file: &mut std::io::BufReader<_>, buf: &mut [u8], piece: &[u8]| {
        let read = &mut buf[..piece.len()];
        file.read_exact(read).is_ok() && read == piece
    };
    for piece in text.as_bytes().chunks(CHUNK) {
        if !same(&mut file, &mut buf, piece) {
            return Ok(false);
        }
    }
    let Some(rest) = rest.as_mut() else {
        return Ok(true);
    };
    rest.seek(std::io::SeekFrom::Start(0))?;
    let mut piece = vec![0u8; CHUNK];
    loop {
        let n = rest.read(&mut piece)?;
        if n == 0 {
            return Ok(true);
        }
        if !same(&mut file, &mut buf, &piece[..n]) {
            return Ok(false);
        }
    }
}

/// Compares the files on disk with `files`; returns the stale or missing ones with diffs.
pub fn check_files(out_dir: &Path, files: &FileMap) -> Result<Vec<StaleFile>, WriteError> {
    let mut stale = Vec::new();
    for (rel, contents) in files {
        stale.extend(check_file(out_dir, rel, contents)?);
    }
    Ok(stale)
}

/// Compares one file on disk with `contents`: `Some` with a diff when it is stale or missing.
pub fn check_file(
    out_dir: &Path,
    rel: &Path,
    contents: &str,
) -> Result<Option<StaleFile>, WriteError> {
    let path = resolve(out_dir, rel)?;
    if holds(&path, contents, None).unwrap_or(false) {
        return Ok(None);
    }
    let old = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(WriteError::Io { path, source }),
    };
    let name = path.display().to_string();
    let diff = similar::TextDiff::from_lines(&old, contents)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    Ok(Some(StaleFile { path, diff }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x.ts", "/etc/passwd", "a/../../b", ""] {
            let files = FileMap::from([(PathBuf::from(bad), "x".to_string())]);
            assert!(
                matches!(
                    write_files(dir.path(), &files),
                    Err(WriteError::OutsideOutput(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn temp_files_of_killed_runs_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        // A pid no process has (above the kernel's pid_max), a live one (this process),
        // an old file of the old naming, and files that only look alike.
        let dead = d.join("sub/.gen-types-99999999-abc123");
        let live =
            d.join("sub/.gen-types-{}-def456".replace("{}", &std::process::id().to_string()));
        let old = d.join(".gen-types-Xy12Zq");
        let young = d.join(".gen-types-Ab34Cd");
        let others = [
            d.join("gen-types-1-x"),
            d.join(".gen-types-dir"),
            d.join("sub/.gen-typesX"),
        ];
        for f in [&dead, &live, &old, &young, &others[0], &others[2]] {
            std::fs::write(f, "partial").unwrap();
        }
        std::fs::create_dir(&others[1]).unwrap();
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        let files = FileMap::from([
            (PathBuf::from("a.ts"), "a\n".to_string()),
            (PathBuf::from("sub/b.ts"), "b\n".to_string()),
        ]);
        let report = write_files(d, &files).unwrap();
        let mut removed = report.removed.clone();
        removed.sort();
        assert_eq!(removed, [old.clone(), dead.clone()]);
        assert!(!dead.exists() && !old.exists());
        assert!(live.exists() && young.exists() && others.iter().all(|o| o.exists()));
    }

    #[test]
    fn a_file_appended_in_parts_is_written_whole_and_then_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let rel = Path::new("sub/db.rs");
        let stage = |parts: &[&str]| {
            let mut staged = Staged::new(dir.path());
            for part in parts {
                staged.append(rel, part).unwrap();
            }
            staged.finish(rel).unwrap();
            staged.commit().unwrap()
        };
        let r = stage(&["// head\n", "mod a {}\n", "mod b {}\n"]);
        assert_eq!(r.written, [dir.path().join(rel)]);
        let text = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        assert_eq!(text, "// head\nmod a {}\nmod b {}\n");
        // The same text cut elsewhere is the same file; one byte more is not.
        let r = stage(&["// head\nmod a {}\nmod", " b {}\n"]);
        assert_eq!((r.written.len(), r.unchanged.len()), (0, 1));
        let r = stage(&["// head!\n", "mod a {}\n", "mod b {}\n"]);
        assert_eq!(r.written.len(), 1);
        let r = stage(&["x", "y"]);
        assert_eq!(r.written.len(), 1);
        assert_eq!(std::fs::read_to_string(dir.path().join(rel)).unwrap(), "xy");
        // A file with no text is empty.
        stage(&[]);
        assert_eq!(std::fs::read_to_string(dir.path().join(rel)).unwrap(), "");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["db.rs"], "no temporary file is left");
    }

    #[test]
    fn a_file_dropped_unfinished_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut staged = Staged::new(dir.path());
        staged.append(Path::new("a.ts"), "partial").unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        drop(staged);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn writes_then_leaves_unchanged_files_alone_and_checks() {
        let dir = tempfile::tempdir().unwrap();
        let files = FileMap::from([
            (PathBuf::from("a.ts"), "one\n".to_string()),
            (PathBuf::from("sub/b.rs"), "two\n".to_string()),
        ]);
        let r = write_files(dir.path(), &files).unwrap();
        assert_eq!(r.written.len(), 2);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("a.ts"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o644,
            "new files are 0644, not the temp file's 0600"
        );
        let mtime = std::fs::metadata(dir.path().join("a.ts"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let r = write_files(dir.path(), &files).unwrap();
        assert_eq!((r.written.len(), r.unchanged.len()), (0, 2));
        assert_eq!(
            std::fs::metadata(dir.path().join("a.ts"))
                .unwrap()
                .modified()
                .unwrap(),
            mtime
        );
        assert!(check_files(dir.path(), &files).unwrap().is_empty());

        let mut changed = files.clone();
        changed.insert(PathBuf::from("a.ts"), "uno\n".into());
        changed.insert(PathBuf::from("c.json"), "{}\n".into());
        let stale = check_files(dir.path(), &changed).unwrap();
        assert_eq!(stale.len(), 2);
        assert!(stale[0].diff.contains("-one\n+uno\n"), "{}", stale[0].diff);
        // Leftover temp files never remain.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            names
                .iter()
                .all(|n| !n.to_string_lossy().starts_with(".gen-types-"))
        );
    }
}
