//! A throwaway PostgreSQL cluster from the local server binaries, for `--migrations` and
//! for the test harness when no server is given.
//!
//! The binaries are found through `GEN_TYPES_PG_BINDIR`, `pg_config --bindir`, `PATH`, or
//! `/usr/lib/postgresql/<newest>/bin`. `initdb` refuses to run as root, so as root the
//! cluster runs as the unprivileged `postgres` user (or `GEN_TYPES_PG_USER`). The server
//! listens only on a Unix socket inside its own temporary folder; it runs as a child process
//! of this one (no `pg_ctl`), and is stopped and the folder removed when the [`TempCluster`]
//! is dropped. A cluster can also start from a copy of
//! a stopped cluster's data folder (the cached Supabase baseline), skipping `initdb`.

use std::ffi::CString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
    superuser: String,
    server: Mutex<Option<Child>>,
}

/// How a cluster's data folder comes to be.
#[derive(Debug, Clone, Copy)]
pub enum Init<'a> {
    /// `initdb` with this bootstrap superuser.
    Fresh {
        /// The bootstrap superuser's name.
        superuser: &'a str,
        /// More `initdb` arguments (e.g. `--wal-segsize=1` for a small cluster to copy).
        initdb_args: &'a [&'a str],
    },
    /// A copy of a stopped cluster's data folder, whose bootstrap superuser is given.
    Copy {
        /// The data folder to copy.
        template: &'a Path,
        /// Its bootstrap superuser's name.
        superuser: &'a str,
    },
}

impl TempCluster {
    /// Starts a cluster (initdb, then the server), trust authentication, user `postgres`.
    pub fn start() -> Result<Self, ClusterError> {
        let bindir = find_bindir().ok_or(ClusterError::NoBinaries)?;
        Self::start_with(&bindir)
    }

    /// Starts a cluster from the binaries in `bindir`.
    pub fn start_with(bindir: &Path) -> Result<Self, ClusterError> {
        Self::start_from(
            bindir,
            Init::Fresh {
                superuser: "postgres",
                initdb_args: &[],
            },
        )
    }

    /// Starts a cluster from the binaries in `bindir`, made as `init` says.
    pub fn start_from(bindir: &Path, init: Init<'_>) -> Result<Self, ClusterError> {
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
        let run_as = server_user()?;
        if let Some(ids) = run_as {
            chown(dir.path(), ids)
                .map_err(step("handing the cluster folder to the server user"))?;
        }
        let superuser = match init {
            Init::Fresh { superuser, .. } | Init::Copy { superuser, .. } => superuser,
        };
        let cluster = Self {
            dir,
            bindir: bindir.to_path_buf(),
            run_as,
            port: 5432,
            superuser: superuser.to_string(),
            server: Mutex::new(None),
        };
        let data = cluster.data_dir();
        match init {
            Init::Fresh {
                superuser,
                initdb_args,
            } => cluster.initdb(superuser, initdb_args)?,
            Init::Copy { template, .. } => {
                copy_tree(template, &data).map_err(|detail| ClusterError::Step {
                    step: "copying the cached cluster",
                    detail,
                })?
            }
        }
        cluster.start_server()?;
        Ok(cluster)
    }

    fn initdb(&self, superuser: &str, extra: &[&str]) -> Result<(), ClusterError> {
        let data = self.data_dir();
        self.run(
            "initdb",
            Command::new(self.bindir.join("initdb"))
                .args([
                    "-U",
                    superuser,
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--no-locale",
                ])
                .args(extra)
                .arg("-D")
                .arg(&data),
        )?;
        Ok(())
    }

    /// Starts `postgres` as a child process and waits until its `postmaster.pid` says it is
    /// ready (checked every few milliseconds; `pg_ctl -w` checks every 100 ms). The server
    /// stays in this process's group, so a Ctrl-C stops it too.
    fn start_server(&self) -> Result<(), ClusterError> {
        let failed = |detail: String| ClusterError::Step {
            step: "starting the server",
            detail,
        };
        let log_path = self.dir.path().join("server.log");
        let log = std::fs::File::create(&log_path).map_err(|e| failed(e.to_string()))?;
        let log_err = log.try_clone().map_err(|e| failed(e.to_string()))?;
        let mut cmd = Command::new(self.bindir.join("postgres"));
        cmd.arg("-D")
            .arg(self.data_dir())
            .args(["-p", &self.port.to_string(), "-k"])
            .arg(self.dir.path())
            .args(SERVER_SETTINGS.iter().flat_map(|s| ["-c", s]))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .current_dir("/")
            .env("LC_ALL", "C");
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        let mut child = cmd.spawn().map_err(|e| failed(e.to_string()))?;
        let pid_file = self.data_dir().join("postmaster.pid");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let ready = std::fs::read_to_string(&pid_file)
                .is_ok_and(|t| t.lines().nth(7).is_some_and(|l| l.trim() == "ready"));
            if ready {
                break;
            }
            let exited = child.try_wait().map_err(|e| failed(e.to_string()))?;
            if exited.is_some() || Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                return Err(failed(format!(
                    "{} | server log: {}",
                    match exited {
                        Some(status) => format!("the server exited ({status})"),
                        None => "the server was not ready within 60 s".to_string(),
                    },
                    log.trim()
                )));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if let Ok(mut server) = self.server.lock() {
            *server = Some(child);
        }
        Ok(())
    }

    /// Sends `signal` to the server and waits for it to exit.
    fn stop_server(&self, signal: i32) -> Result<(), ClusterError> {
        let child = self.server.lock().ok().and_then(|mut s| s.take());
        let Some(mut child) = child else {
            return Ok(());
        };
        // SAFETY: kill has no memory-safety preconditions; the pid is our own child's, not
        // yet reaped, so it cannot have been reused.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let status = child.wait().map_err(|e| ClusterError::Step {
            step: "stopping the server",
            detail: e.to_string(),
        })?;
        if status.success() {
            Ok(())
        } else {
            Err(ClusterError::Step {
                step: "stopping the server",
                detail: format!("the server exited with {status}"),
            })
        }
    }

    /// Stops the server cleanly (a checkpoint first), so that its data folder can be copied.
    pub fn shutdown(&self) -> Result<(), ClusterError> {
        self.stop_server(libc::SIGINT)
    }

    /// The cluster's data folder.
    pub fn data_dir(&self) -> PathBuf {
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

    /// A key=value connection string for `dbname` on this cluster, as the superuser.
    pub fn connection_string(&self, dbname: &str) -> String {
        format!(
            "host={} port={} user={} dbname={dbname} sslmode=disable",
            self.dir.path().display(),
            self.port,
            self.superuser
        )
    }

    /// A `postgresql://` URL for `dbname` as the superuser (for tools that take only URLs).
    pub fn uri(&self, dbname: &str) -> String {
        format!(
            "postgresql://{}@localhost:{}/{dbname}?host={}",
            self.superuser,
            self.port,
            self.dir.path().display()
        )
    }

    /// The server binaries in use.
    pub fn bindir(&self) -> &Path {
        &self.bindir
    }
}

impl Drop for TempCluster {
    fn drop(&mut self) {
        // Immediate shutdown: the cluster is thrown away.
        let _ = self.stop_server(libc::SIGQUIT);
    }
}

/// Settings of every throwaway server: no durability, no TCP.
const SERVER_SETTINGS: &[&str] = &[
    "listen_addresses=",
    "fsync=off",
    "full_page_writes=off",
    "synchronous_commit=off",
    "max_connections=200",
];

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

/// Copies the folder `from` to `to` (a new path) with modes, and owners when run as root.
/// File contents are copied by the kernel (`copy_file_range`, which shares blocks on file
/// systems that can; a clone on macOS).
pub fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    copy_dir(from, to, root)
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path, root: bool) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let owner = |path: &Path, meta: &std::fs::Metadata| {
        if root {
            std::os::unix::fs::lchown(path, Some(meta.uid()), Some(meta.gid()))
        } else {
            Ok(())
        }
    };
    let meta = std::fs::metadata(from)?;
    std::fs::create_dir(to)?;
    std::fs::set_permissions(to, meta.permissions())?;
    owner(to, &meta)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if kind.is_dir() {
            copy_dir(&src, &dst, root)?;
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src)?, &dst)?;
            owner(&dst, &entry.metadata()?)?;
        } else {
            std::fs::copy(&src, &dst)?;
            owner(&dst, &entry.metadata()?)?;
        }
    }
    Ok(())
}

/// The uid and gid the server runs as when this process is root (`GEN_TYPES_PG_USER`, else
/// `postgres`); `None` when not root.
pub fn server_user() -> Result<Option<(u32, u32)>, ClusterError> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    let user = std::env::var("GEN_TYPES_PG_USER").unwrap_or_else(|_| "postgres".into());
    lookup_user(&user)
        .map(Some)
        .ok_or(ClusterError::NoUser(user))
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
