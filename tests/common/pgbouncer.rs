//! A real PgBouncer in front of the test server, on a free port of 127.0.0.1, with its own
//! password file (SCRAM), stopped when the value is dropped.
//!
//! The `pgbouncer` program comes from the Debian package of that name, which `.ci/run`
//! installs; the tests install nothing. PgBouncer refuses to run as root, so as root it runs
//! as the `postgres` user (or `GEN_TYPES_PG_USER`), like the throwaway clusters.

use std::ffi::CString;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How PgBouncer hands out server connections.
#[derive(Debug, Clone, Copy)]
pub enum PoolMode {
    /// One server connection per client connection.
    Session,
    /// A server connection per transaction (Supabase's pooler on port 6543).
    Transaction,
}

/// A running PgBouncer.
pub struct PgBouncer {
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    child: Child,
    dir: tempfile::TempDir,
}

/// The `pgbouncer` program, or a panic saying how to install it.
fn program() -> PathBuf {
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join("pgbouncer"))
            .find(|p| p.is_file())
    });
    on_path
        .or_else(|| Some(PathBuf::from("/usr/sbin/pgbouncer")).filter(|p| p.is_file()))
        .expect("pgbouncer is not installed: `apt-get install -y pgbouncer` (.ci/run does it)")
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The uid and gid to run as when running as root.
fn unprivileged() -> Option<(u32, u32)> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let name = std::env::var("GEN_TYPES_PG_USER").unwrap_or_else(|_| "postgres".into());
    let c = CString::new(name.clone()).unwrap();
    // SAFETY: getpwnam returns null or a pointer to a record we read at once.
    let pw = unsafe { libc::getpwnam(c.as_ptr()) };
    assert!(!pw.is_null(), "no user `{name}` to run pgbouncer as");
    // SAFETY: checked non-null above.
    let pw = unsafe { &*pw };
    Some((pw.pw_uid, pw.pw_gid))
}

impl PgBouncer {
    /// Starts PgBouncer in `mode` in front of the test server; `users` are the
    /// (role, password) pairs it accepts.
    pub fn start(mode: PoolMode, users: &[(&str, &str)]) -> Self {
        let (host, port) = super::server_host_port();
        Self::start_for(mode, users, &host, port, 10)
    }

    /// [`PgBouncer::start`] in front of the server at `host` and `port` (which may be down),
    /// with at most `pool_size` server connections per database and user.
    pub fn start_for(
        mode: PoolMode,
        users: &[(&str, &str)],
        host: &str,
        port: u16,
        pool_size: u32,
    ) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("gen-types-pgbouncer-")
            .tempdir()
            .unwrap();
        let userlist: String = users
            .iter()
            .map(|(u, p)| format!("\"{u}\" \"{p}\"\n"))
            .collect();
        std::fs::write(dir.path().join("userlist.txt"), userlist).unwrap();
        let listen = free_port();
        let mode = match mode {
            PoolMode::Session => "session",
            PoolMode::Transaction => "transaction",
        };
        let d = dir.path().display();
        let ini = format!(
            "[databases]\n* = host={host} port={port}\n\n[pgbouncer]\n\
             listen_addr = 127.0.0.1\nlisten_port = {listen}\nunix_socket_dir =\n\
             auth_type = scram-sha-256\nauth_file = {d}/userlist.txt\npool_mode = {mode}\n\
             logfile = {d}/pgbouncer.log\npidfile = {d}/pgbouncer.pid\n\
             max_client_conn = 100\ndefault_pool_size = {pool_size}\n"
        );
        std::fs::write(dir.path().join("pgbouncer.ini"), ini).unwrap();
        let mut cmd = Command::new(program());
        // Its log is also in pgbouncer.log (see `log`).
        cmd.arg(dir.path().join("pgbouncer.ini"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some((uid, gid)) = unprivileged() {
            for entry in std::fs::read_dir(dir.path()).unwrap() {
                std::os::unix::fs::chown(entry.unwrap().path(), Some(uid), Some(gid)).unwrap();
            }
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid)).unwrap();
            cmd.uid(uid).gid(gid);
        }
        let child = cmd.spawn().expect("start pgbouncer");
        let bouncer = PgBouncer {
            port: listen,
            child,
            dir,
        };
        bouncer.wait_until_listening();
        bouncer
    }

    fn wait_until_listening(&self) {
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "pgbouncer did not start: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// PgBouncer's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("pgbouncer.log")).unwrap_or_default()
    }

    /// A URL to `dbname` through this PgBouncer.
    pub fn url(&self, user: &str, password: &str, dbname: &str) -> String {
        format!(
            "postgres://{user}:{password}@127.0.0.1:{}/{dbname}?sslmode=disable",
            self.port
        )
    }
}

impl Drop for PgBouncer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
