//! The server a Supabase project is applied to: local binaries or a download, seen through an
//! overlay that adds the extension shims.
//!
//! PostgreSQL finds its `share/` and `lib/` folders relative to the real path of its own
//! executable. The overlay is a folder in the cache shaped like the installation: `postgres`,
//! `initdb` and `pg_ctl` hard-linked (or copied) into it, every other file a symlink to the
//! real one, and an `extension/` folder of symlinks plus the files of each shim whose real
//! extension the server lacks. The installation itself is never written to.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::assets::SHIMS;
use super::{SupabaseError, cache, download};
use crate::cluster;

/// The programs that must live in the overlay itself (they locate `share/` from their path).
const OWN_PROGRAMS: &[&str] = &["postgres", "initdb", "pg_ctl"];

/// The file of an overlay that holds the server's `postgres --version`.
const VERSION_FILE: &str = "postgres-version.txt";

/// A server ready for a Supabase project.
#[derive(Debug, Clone)]
pub struct Server {
    /// The overlay's bin folder: run the server from here.
    pub bindir: PathBuf,
    /// The installation's bin folder.
    pub real_bindir: PathBuf,
    /// `postgres --version`, e.g. `postgres (PostgreSQL) 15.14`.
    pub version: String,
    /// The shims installed (the real extension was missing).
    pub shims: Vec<&'static str>,
}

/// The server binaries: with `version`, local binaries of that major version or else a
/// download; without, local binaries or else a download of `fallback_major`.
pub fn locate(
    version: Option<u32>,
    fallback_major: u32,
    progress: &dyn Fn(&str),
) -> Result<PathBuf, SupabaseError> {
    let local = match version {
        None => cluster::find_bindir(),
        Some(major) => local_of_major(major),
    };
    match local {
        Some(bin) => Ok(bin),
        None => download::server(version.unwrap_or(fallback_major), progress),
    }
}

/// Local binaries of major version `major`, if any.
fn local_of_major(major: u32) -> Option<PathBuf> {
    let debian = PathBuf::from(format!("/usr/lib/postgresql/{major}/bin"));
    cluster::find_bindir()
        .into_iter()
        .chain(Some(debian))
        .find(|bin| {
            bin.join("initdb").is_file()
                && version_of(bin).is_ok_and(|v| major_of(&v) == Some(major))
        })
}

/// `postgres --version` of the binaries in `bindir`.
pub fn version_of(bindir: &Path) -> Result<String, SupabaseError> {
    let out = Command::new(bindir.join("postgres"))
        .arg("--version")
        .output()
        .map_err(|e| SupabaseError::io(&bindir.join("postgres"), e))?;
    if !out.status.success() {
        return Err(SupabaseError::Server(format!(
            "{} --version failed: {}",
            bindir.join("postgres").display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The major version in `postgres --version` output.
pub fn major_of(version: &str) -> Option<u32> {
    let rest = version.split("(PostgreSQL) ").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The folders of an installation: bin, share, the extension libraries, and the shared
/// libraries the binaries load relative to themselves (`bin/../lib`).
#[derive(Debug)]
struct Layout {
    bin: PathBuf,
    share: PathBuf,
    pkglib: PathBuf,
    lib: Option<PathBuf>,
}

impl Layout {
    /// From `pg_config` next to the binaries when there is one (distribution packages), else
    /// the relocatable layout of the npm builds (`../share/postgresql`, `../lib/postgresql`).
    fn of(bindir: &Path) -> Result<Self, SupabaseError> {
        let bin = std::fs::canonicalize(bindir).map_err(|e| SupabaseError::io(bindir, e))?;
        let parent = bin.parent().unwrap_or(Path::new("/")).to_path_buf();
        let (share, pkglib) = match pg_config(&bin) {
            Some(dirs) => dirs,
            None => (
                parent.join("share/postgresql"),
                parent.join("lib/postgresql"),
            ),
        };
        let canonical = |p: &Path| std::fs::canonicalize(p).map_err(|e| SupabaseError::io(p, e));
        let share = canonical(&share)?;
        let pkglib = canonical(&pkglib)?;
        let lib = std::fs::canonicalize(parent.join("lib"))
            .ok()
            .filter(|l| *l != pkglib && l.is_dir());
        Ok(Layout {
            bin,
            share,
            pkglib,
            lib,
        })
    }

    /// The deepest folder holding all of the installation's folders.
    fn root(&self) -> PathBuf {
        let mut root = self.bin.clone();
        let all = [Some(&self.share), Some(&self.pkglib), self.lib.as_ref()];
        for dir in all.into_iter().flatten() {
            while !dir.starts_with(&root) {
                if !root.pop() {
                    break;
                }
            }
        }
        root
    }
}

/// `pg_config --sharedir --pkglibdir` of the binaries in `bin`, when it is there.
fn pg_config(bin: &Path) -> Option<(PathBuf, PathBuf)> {
    let out = Command::new(bin.join("pg_config"))
        .args(["--sharedir", "--pkglibdir"])
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let mut lines = text.lines();
    let share = PathBuf::from(lines.next()?.trim());
    let pkglib = PathBuf::from(lines.next()?.trim());
    out.status.success().then_some((share, pkglib))
}

/// The overlay of the installation whose binaries are in `real_bindir`, built on first use.
pub fn overlay(real_bindir: &Path) -> Result<Server, SupabaseError> {
    let layout = Layout::of(real_bindir)?;
    // The server binary's identity, not `postgres --version` (a process start on every run).
    let binary = layout.bin.join("postgres");
    let meta = std::fs::metadata(&binary).map_err(|e| SupabaseError::io(&binary, e))?;
    let identity = format!("{}:{:?}", meta.len(), meta.modified().ok());
    let extensions = layout.share.join("extension");
    let shims: Vec<&'static str> = SHIMS
        .iter()
        .filter(|s| !extensions.join(format!("{}.control", s.name)).exists())
        .map(|s| s.name)
        .collect();
    let root = layout.root();
    // The extension folder's listing is part of the key: an extension installed later gets a
    // new overlay that links it.
    let mut installed: Vec<String> = std::fs::read_dir(&extensions)
        .map_err(|e| SupabaseError::io(&extensions, e))?
        .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
        .collect();
    installed.sort();
    let key = cache::key(&[
        &layout.bin.to_string_lossy(),
        &identity,
        &format!("{:016x}", super::assets::fingerprint()),
        &shims.join(","),
        &installed.join("/"),
    ]);
    let dir = cache::entry(&cache::root()?.join("overlays"), &key, |dir| {
        build_overlay(&layout, &root, dir, &shims)?;
        let version = version_of(&layout.bin)?;
        let file = dir.join(VERSION_FILE);
        std::fs::write(&file, version).map_err(|e| SupabaseError::io(&file, e))
    })?;
    let file = dir.join(VERSION_FILE);
    let version = std::fs::read_to_string(&file).map_err(|e| SupabaseError::io(&file, e))?;
    let mirror = |p: &Path| dir.join(p.strip_prefix(&root).unwrap_or(p));
    Ok(Server {
        bindir: mirror(&layout.bin),
        real_bindir: layout.bin.clone(),
        version,
        shims,
    })
}

fn build_overlay(
    layout: &Layout,
    root: &Path,
    dir: &Path,
    shims: &[&str],
) -> Result<(), SupabaseError> {
    let mirror = |p: &Path| dir.join(p.strip_prefix(root).unwrap_or(p));
    // bin: the programs themselves, symlinks for the rest.
    link_entries(&layout.bin, &mirror(&layout.bin), OWN_PROGRAMS)?;
    for name in OWN_PROGRAMS {
        let from = layout.bin.join(name);
        let to = mirror(&layout.bin).join(name);
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).map_err(|e| SupabaseError::io(&to, e))?;
        }
    }
    // lib: the shared libraries the binaries find through $ORIGIN/../lib.
    if let Some(lib) = &layout.lib {
        link_entries(lib, &mirror(lib), &[])?;
    }
    let pkglib = mirror(&layout.pkglib);
    if pkglib.symlink_metadata().is_err() {
        if let Some(parent) = pkglib.parent() {
            cache::create_public_dir(parent)?;
        }
        symlink(&layout.pkglib, &pkglib)?;
    }
    // share: symlinks, but a folder of its own for the extensions, with the shims added.
    let share = mirror(&layout.share);
    link_entries(&layout.share, &share, &["extension"])?;
    let extensions = share.join("extension");
    link_entries(&layout.share.join("extension"), &extensions, &[])?;
    for shim in SHIMS.iter().filter(|s| shims.contains(&s.name)) {
        for (name, text) in shim.files {
            if name.contains('/') {
                continue;
            }
            let path = extensions.join(name);
            let _ = std::fs::remove_file(&path);
            std::fs::write(&path, text).map_err(|e| SupabaseError::io(&path, e))?;
        }
    }
    Ok(())
}

/// Makes `to` a folder holding a symlink to each entry of `from`, except `skip`.
fn link_entries(from: &Path, to: &Path, skip: &[&str]) -> Result<(), SupabaseError> {
    cache::create_public_dir(to)?;
    for entry in std::fs::read_dir(from).map_err(|e| SupabaseError::io(from, e))? {
        let entry = entry.map_err(|e| SupabaseError::io(from, e))?;
        let name = entry.file_name();
        if skip.iter().any(|s| name == *s) {
            continue;
        }
        symlink(&entry.path(), &to.join(&name))?;
    }
    Ok(())
}

fn symlink(target: &Path, at: &Path) -> Result<(), SupabaseError> {
    std::os::unix::fs::symlink(target, at).map_err(|e| SupabaseError::io(at, e))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_major_version_is_read_from_postgres_version() {
        assert_eq!(
            super::major_of("postgres (PostgreSQL) 15.14 (Debian 15.14-1.pgdg120+1)"),
            Some(15)
        );
        assert_eq!(super::major_of("postgres (PostgreSQL) 18.1"), Some(18));
        assert_eq!(super::major_of("postgres 18"), None);
    }
}
