//! A throwaway PostgreSQL cluster from the local server binaries, for `--migrations` and
//! for the test harness when no server is given.
//!
//! The binaries are found through `GEN_TYPES_PG_BINDIR`, `pg_config --bindir`, `PATH`, or
//! `/usr/lib/postgresql/<newest>/bin`. `initdb` refuses to run as root, so as root the
//! cluster runs as the unprivileged `postgres` user (or `GEN_TYPES_PG_USER`). The server
//! listens only on a Unix socket inside its own temporary folder; it is stopped and the
//! folder removed when the [`TempCluster`] is dropped.

use std::ffi::CString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Failures starting a cluster.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// No server binaries found.
    #[error(
        "no PostgreSQL server binaries found (set GEN_TYPES_PG_BINDIR, put pg_config or initdb on PATH, or install PostgreSQL)"
    )]
    NoBinaries,
    /// Running as root and the unprivileged user does not exist.
    #[error(
        "running as root, and the user `{0}` to run PostgreSQL as does not exist (set GEN_TYPES_PG_USER)"
    )]
    NoUser(String),
    /// A step failed.
    #[error("{step} failed: {detail}")]
    Step {
        /// What was being done.
        step: &'static str,
        /// Output of the failed command, or the I/O error.
        detail: String,
    },
}

/// A running temporary cluster.
pub struct TempCluster {
    dir: tempfile::TempDir,
    bindir: PathBuf,
    run_as: Option<(u32, u32)>,
    port: u16,
}

impl TempCluster {
    /// Starts a cluster (initdb + pg_ctl start), trust authentication, user `postgres`.
    pub fn start() -> Result<Self, ClusterError> {
        let bindir = find_bindir().ok_or(ClusterError::NoBinaries)?;
        Self::start_with(&bindir)
    }

    /// Starts a cluster from the binaries in `bindir`.
    pub fn start_with(bindir: &Path) -> Result<Self, ClusterError> {
        let step = |step: &'static str| {
            move |e: std::io::Error| ClusterError::Step {
                step,
                detail: e.to_string(),
            }
        };
        let dir = tempfile::Builder::new()
            .prefix("gen-types-pg-")
            .tempdir()
            .map_err(step("creating the cluster folder"))?;
        let run_as = if unsafe { libc::geteuid() } == 0 {
            let user = std::env::var("GEN_TYPES_PG_USER").unwrap_or_else(|_| "postgres".into());
            let ids = lookup_user(&user).ok_or(ClusterError::NoUser(user))?;
            chown(dir.path(), ids)
                .map_err(step("handing the cluster folder to the server user"))?;
            Some(ids)
        } else {
            None
        };
        let cluster = Self {
            dir,
            bindir: bindir.to_path_buf(),
            run_as,
            port: 5432,
        };
        let data = cluster.data_dir();
        cluster.run(
            "initdb",
            Command::new(bindir.join("initdb"))
                .args([
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--no-locale",
                    "-D",
                ])
                .arg(&data),
        )?;
        let opts = format!(
            "-p {} -k {} -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200",
            cluster.port,
            cluster.dir.path().display()
        );
        cluster.run(
            "pg_ctl start",
            Command::new(bindir.join("pg_ctl"))
                .args(["-w", "-t", "60", "-D"])
                .arg(&data)
                .arg("-l")
                .arg(cluster.dir.path().join("server.log"))
                .args(["-o", &opts, "start"]),
        )?;
        Ok(cluster)
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn run(&self, step: &'static str, cmd: &mut Command) -> Result<Output, ClusterError> {
        cmd.current_dir("/").env("LC_ALL", "C");
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        let out = cmd.output().map_err(|e| ClusterError::Step {
            step,
            detail: e.to_string(),
        })?;
        if !out.status.success() {
            let mut detail = String::from_utf8_lossy(&out.stderr).trim().to_string();
            if let Ok(log) = std::fs::read_to_string(self.dir.path().join("server.log")) {
                detail.push_str(" | server log: ");
                detail.push_str(log.trim());
            }
            return Err(ClusterError::Step { step, detail });
        }
        Ok(out)
    }

    /// A key=value connection string for `dbname` on this cluster.
    pub fn connection_string(&self, dbname: &str) -> String {
        format!(
            "host={} port={} user=postgres dbname={dbname} sslmode=disable",
            self.dir.path().display(),
            self.port
        )
    }

    /// The server binaries in use.
    pub fn bindir(&self) -> &Path {
        &self.bindir
    }
}

impl Drop for TempCluster {
    fn drop(&mut self) {
        let data = self.data_dir();
        let _ = self.run(
            "pg_ctl stop",
            Command::new(self.bindir.join("pg_ctl"))
                .args(["-w", "-m", "immediate", "-D"])
                .arg(&data)
                .arg("stop"),
        );
    }
}

/// Finds the server binaries' folder.
pub fn find_bindir() -> Option<PathBuf> {
    let has_initdb = |d: &Path| d.join("initdb").is_file() && d.join("pg_ctl").is_file();
    if let Some(d) = std::env::var_os("GEN_TYPES_PG_BINDIR").map(PathBuf::from) {
        return has_initdb(&d).then_some(d);
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let d = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if has_initdb(&d) {
            return Some(d);
        }
    }
    if let Some(path) = std::env::var_os("PATH")
        && let Some(d) = std::env::split_paths(&path).find(|d| has_initdb(d))
    {
        return Some(d);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            has_initdb(&bin).then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, d)| d)
}

fn lookup_user(name: &str) -> Option<(u32, u32)> {
    let c = CString::new(name).ok()?;
    // SAFETY: getpwnam returns a pointer into static storage or null; we copy the ids out
    // immediately and this runs before any other thread could call getpwnam concurrently
    // in a way that matters (the ids are plain integers).
    let pw = unsafe { libc::getpwnam(c.as_ptr()) };
    if pw.is_null() {
        return None;
    }
    // SAFETY: checked non-null above.
    let pw = unsafe { &*pw };
    Some((pw.pw_uid, pw.pw_gid))
}

fn chown(path: &Path, (uid, gid): (u32, u32)) -> std::io::Result<()> {
    std::os::unix::fs::chown(path, Some(uid), Some(gid))
}
