//! The user's cache folder: downloaded servers, server overlays with the shims, and stopped
//! clusters with the platform baseline applied, each keyed so that a stale entry is never
//! reused. Entries are built under a temporary name and renamed into place, so concurrent
//! runs and killed runs never leave a half-built entry behind a final name.

use std::path::{Path, PathBuf};

use super::SupabaseError;

/// Bumped when the shape of a cache entry changes, so that old entries are not reused.
const LAYOUT: &str = "3";

/// The cache folder: `GEN_TYPES_CACHE`; as root `/var/cache/gen-types` (the server runs as an
/// unprivileged user, who cannot enter root's home); else `$XDG_CACHE_HOME/gen-types`, else
/// `~/.cache/gen-types`.
pub fn root() -> Result<PathBuf, SupabaseError> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let dir = if let Some(dir) = var("GEN_TYPES_CACHE") {
        PathBuf::from(dir)
    } else if unsafe { libc::geteuid() } == 0 {
        PathBuf::from("/var/cache/gen-types")
    } else if let Some(xdg) = var("XDG_CACHE_HOME") {
        PathBuf::from(xdg).join("gen-types")
    } else if let Some(home) = var("HOME") {
        PathBuf::from(home).join(".cache/gen-types")
    } else {
        return Err(SupabaseError::Cache(
            "no cache folder: set GEN_TYPES_CACHE (or HOME / XDG_CACHE_HOME)".into(),
        ));
    };
    create_public_dir(&dir)?;
    reachable_by_server(&dir)?;
    Ok(dir)
}

/// As root, the server runs as another user, who must be able to enter every folder above
/// the cache: a clear error now instead of a failing `initdb` later.
fn reachable_by_server(dir: &Path) -> Result<(), SupabaseError> {
    use std::os::unix::fs::MetadataExt;
    let Ok(Some((uid, _))) = crate::cluster::server_user() else {
        return Ok(());
    };
    let dir = std::fs::canonicalize(dir).map_err(|e| SupabaseError::io(dir, e))?;
    for folder in dir.ancestors() {
        let meta = std::fs::metadata(folder).map_err(|e| SupabaseError::io(folder, e))?;
        if meta.mode() & 0o001 == 0 && meta.uid() != uid {
            return Err(SupabaseError::Cache(format!(
                "the server's user cannot enter {} (above the cache folder {}): set GEN_TYPES_CACHE to a folder it can reach, such as /var/cache/gen-types",
                folder.display(),
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Creates `dir` (and its parents) readable and enterable by everyone: the server may run as
/// another user than this process.
pub fn create_public_dir(dir: &Path) -> Result<(), SupabaseError> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).map_err(|e| SupabaseError::io(dir, e))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| SupabaseError::io(dir, e))
}

/// A hex key over some fields and the cache layout version (64-bit FNV-1a, stable across
/// builds).
pub fn key(fields: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for field in std::iter::once(&LAYOUT).chain(fields) {
        let len = field.len() as u64;
        for byte in len.to_le_bytes().iter().chain(field.as_bytes()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The entry `parent/name`, built by `build` into a fresh folder when it is missing. `build`
/// gets the folder to fill; it is renamed to its final name when `build` succeeds, and removed
/// when it fails. A concurrent run that finishes first wins; this run's copy is discarded.
pub fn entry(
    parent: &Path,
    name: &str,
    build: impl FnOnce(&Path) -> Result<(), SupabaseError>,
) -> Result<PathBuf, SupabaseError> {
    let done = parent.join(name);
    if done.is_dir() {
        touch(&done);
        return Ok(done);
    }
    create_public_dir(parent)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = parent.join(format!(".tmp-{name}-{}-{nanos}", std::process::id()));
    create_public_dir(&tmp)?;
    let built = build(&tmp);
    if let Err(e) = built {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    prune(parent);
    if std::fs::rename(&tmp, &done).is_err() {
        // Another run put its entry there first: use that one.
        let _ = std::fs::remove_dir_all(&tmp);
        if !done.is_dir() {
            return Err(SupabaseError::Cache(format!(
                "cannot move the new cache entry into {}",
                done.display()
            )));
        }
    }
    Ok(done)
}

/// Entries unused for this long are removed when a new entry is made next to them.
const UNUSED_FOR: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);

/// Marks an entry as used now (its modification time), so that pruning keeps it.
pub fn touch(dir: &Path) {
    if let Ok(file) = std::fs::File::open(dir) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
}

/// Removes the entries of `parent` unused for [`UNUSED_FOR`] (older servers, baselines of
/// older gen-types versions) and the half-built entries of runs killed a day ago or more.
fn prune(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let limit = if name.starts_with(".tmp-") {
            std::time::Duration::from_secs(24 * 3600)
        } else {
            UNUSED_FOR
        };
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok());
        if age.is_some_and(|a| a > limit) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_change_with_any_field() {
        assert_eq!(super::key(&["a", "b"]), super::key(&["a", "b"]));
        assert_ne!(super::key(&["a", "b"]), super::key(&["ab", ""]));
        assert_eq!(super::key(&["x"]).len(), 16);
    }

    #[test]
    fn unused_entries_are_pruned_when_a_new_one_is_made() {
        let parent = tempfile::tempdir().unwrap();
        let old = parent.path().join("old");
        let used = parent.path().join("used");
        for dir in [&old, &used] {
            std::fs::create_dir(dir).unwrap();
            let long_ago = std::time::SystemTime::now() - super::UNUSED_FOR * 2;
            std::fs::File::open(dir)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        // A hit marks the entry as used.
        super::entry(parent.path(), "used", |_| unreachable!()).unwrap();
        super::entry(parent.path(), "new", |dir| {
            std::fs::write(dir.join("f"), "x").map_err(|e| super::SupabaseError::io(dir, e))
        })
        .unwrap();
        assert!(!old.exists());
        assert!(used.exists());
        assert!(parent.path().join("new/f").exists());
    }
}
