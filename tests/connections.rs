//! Real connection paths, through the `gen-types` binary: a server that accepts TCP and never
//! answers, a pooler whose server is down, a wrong password, a password file others may read,
//! and PgBouncer in session and transaction mode. Each case checks the exit code, the
//! one-line message, and that the password is in no output.

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::pgbouncer::{PgBouncer, PoolMode};
use common::{TestDb, TestRole};

/// The password of every case; no output may contain it.
const PASSWORD: &str = "gt-h4-Pass-7d1e";

fn gen_types(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gen-types"));
    cmd.current_dir(dir).args(args);
    for var in [
        "DATABASE_URL",
        "PGPASSWORD",
        "PGCONNECT_TIMEOUT",
        "PGSSLMODE",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output().expect("run gen-types")
}

/// stdout and stderr together.
fn everything(o: &Output) -> String {
    let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&o.stderr));
    s
}

/// Asserts a failed run: `code`, one line on stderr starting with `prefix` and holding
/// `cause`, and no password anywhere.
fn assert_failure(o: &Output, code: i32, prefix: &str, cause: &str, secrets: &[&str]) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with(prefix), "{err}");
    assert!(err.contains(cause), "{err}");
    for secret in secrets {
        assert!(!everything(o).contains(secret), "{secret} printed: {err}");
    }
}

/// A TCP listener that accepts every connection and never sends a byte.
fn silent_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    port
}

#[test]
fn a_silent_server_fails_within_the_connect_timeout() {
    let port = silent_server();
    let dir = tempfile::tempdir().unwrap();
    let url = format!("postgres://alice:{PASSWORD}@127.0.0.1:{port}/app");
    let kv = format!("host=127.0.0.1 port={port} user=alice password={PASSWORD} dbname=app");
    let cases: [(String, &[(&str, &str)]); 4] = [
        (format!("{url}?connect_timeout=2"), &[]),
        (format!("{url}?connect_timeout=2&sslmode=disable"), &[]),
        (format!("{kv} connect_timeout=2 sslmode=require"), &[]),
        (url.clone(), &[("PGCONNECT_TIMEOUT", "2")]),
    ];
    for (conn, env) in cases {
        let start = Instant::now();
        let o = gen_types(dir.path(), &["generate", "--db-url", &conn], env);
        let took = start.elapsed();
        assert_failure(
            &o,
            3,
            &format!("error: cannot connect to alice@127.0.0.1:{port}/app: "),
            "no answer from the server within 2 s",
            &[PASSWORD],
        );
        assert!(
            took >= Duration::from_secs(2) && took < Duration::from_secs(5),
            "{conn}: {took:?}"
        );
    }
}

#[test]
fn a_wrong_password_is_refused_in_one_line() {
    let role = TestRole::new("h4pw");
    let db = TestDb::new();
    let bouncer = PgBouncer::start(PoolMode::Session, &[(&role.name, PASSWORD)]);
    let dir = tempfile::tempdir().unwrap();
    let wrong = "gt-h4-Wrong-93c2";
    let o = gen_types(
        dir.path(),
        &[
            "generate",
            "--db-url",
            &bouncer.url(&role.name, wrong, &db.name),
        ],
        &[],
    );
    assert_failure(
        &o,
        3,
        &format!(
            "error: cannot connect to {}@127.0.0.1:{}/{}: ",
            role.name, bouncer.port, db.name
        ),
        "authentication failed",
        &[PASSWORD, wrong],
    );
    // The same through PGPASSWORD and a key=value string.
    let kv = format!(
        "host=127.0.0.1 port={} user={} dbname={} sslmode=disable",
        bouncer.port, role.name, db.name
    );
    let o = gen_types(
        dir.path(),
        &["generate", "--db-url", &kv],
        &[("PGPASSWORD", wrong)],
    );
    assert_failure(
        &o,
        3,
        "error: cannot connect to ",
        "authentication failed",
        &[PASSWORD, wrong],
    );
    assert!(!dir.path().join("generated").exists(), "nothing written");
}

/// Generates TypeScript and Zod for the `views_functions` fixture directly and through a
/// PgBouncer in `mode`; both runs succeed and write the same files.
fn generate_through(mode: PoolMode, pool_size: u32) {
    let role = TestRole::new("h4pool");
    let db = TestDb::with_fixture("views_functions");
    let (host, port) = common::server_host_port();
    let bouncer = PgBouncer::start_for(mode, &[(&role.name, PASSWORD)], &host, port, pool_size);
    let dir = tempfile::tempdir().unwrap();
    let run = |conn: &str, out: &str| {
        let args = [
            "generate",
            "--db-url",
            conn,
            "--schema",
            "public",
            "--schema",
            "reporting",
            "--target",
            "typescript",
            "--target",
            "zod",
            "--out",
            out,
        ];
        let o = gen_types(dir.path(), &args, &[]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{mode:?}: {}\n{}",
            everything(&o),
            bouncer.log()
        );
        assert!(!everything(&o).contains(PASSWORD), "{}", everything(&o));
    };
    run(&role.url(&db), "direct");
    run(&bouncer.url(&role.name, PASSWORD, &db.name), "pooled");
    for file in ["database.types.ts", "database.schemas.ts"] {
        let direct = std::fs::read_to_string(dir.path().join("direct").join(file)).unwrap();
        let pooled = std::fs::read_to_string(dir.path().join("pooled").join(file)).unwrap();
        assert!(
            direct.contains("books_catalog"),
            "{file} is about the fixture"
        );
        assert!(
            direct == pooled,
            "{mode:?}: {file} differs through the pooler"
        );
    }
}

#[test]
fn pgbouncer_in_session_mode() {
    generate_through(PoolMode::Session, 10);
}

#[test]
fn pgbouncer_in_transaction_mode() {
    generate_through(PoolMode::Transaction, 10);
}

/// With one server connection, the second connection cannot start its transaction while the
/// first one holds the server: the read goes on with the first alone, without waiting for
/// PgBouncer's query_wait_timeout (2 minutes).
#[test]
fn pgbouncer_in_transaction_mode_with_one_server_connection() {
    let start = Instant::now();
    generate_through(PoolMode::Transaction, 1);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_pooler_whose_server_is_down_fails_within_the_connect_timeout() {
    // A port nothing listens on.
    let down = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let bouncer = PgBouncer::start_for(
        PoolMode::Transaction,
        &[("alice", PASSWORD)],
        "127.0.0.1",
        down,
        10,
    );
    let dir = tempfile::tempdir().unwrap();
    let url = bouncer.url("alice", PASSWORD, "app") + "&connect_timeout=2";
    let start = Instant::now();
    let o = gen_types(dir.path(), &["generate", "--db-url", &url], &[]);
    let took = start.elapsed();
    assert_failure(
        &o,
        3,
        &format!(
            "error: cannot connect to alice@127.0.0.1:{}/app: ",
            bouncer.port
        ),
        "",
        &[PASSWORD],
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn a_password_file_others_may_read_is_ignored_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let role = TestRole::new("h4pgpass");
    let db = TestDb::new();
    let bouncer = PgBouncer::start(PoolMode::Session, &[(&role.name, PASSWORD)]);
    let dir = tempfile::tempdir().unwrap();
    let pgpass = dir.path().join("pgpass");
    std::fs::write(
        &pgpass,
        format!("127.0.0.1:{}:*:{}:{PASSWORD}\n", bouncer.port, role.name),
    )
    .unwrap();
    let kv = format!(
        "host=127.0.0.1 port={} user={} dbname={} sslmode=disable",
        bouncer.port, role.name, db.name
    );
    let file = pgpass.display().to_string();
    let env = [("PGPASSFILE", file.as_str())];
    let args = ["generate", "--db-url", &kv, "--target", "typescript"];

    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = gen_types(dir.path(), &args, &env);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.starts_with(&format!(
            "warning: password file {file} is ignored: it has group or world access"
        )),
        "{err}"
    );
    assert!(
        err.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("error: cannot connect to ")),
        "{err}"
    );
    assert!(!everything(&o).contains(PASSWORD), "{err}");

    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = gen_types(dir.path(), &args, &env);
    assert_eq!(o.status.code(), Some(0), "{}", everything(&o));
    assert!(!everything(&o).contains("warning") && !everything(&o).contains(PASSWORD));
}

#[test]
fn a_saturated_pooler_fails_within_the_connect_timeout() {
    // One server connection, held by another client's open transaction: gen-types logs in
    // (PgBouncer answers that itself) but its first statement waits for a server connection.
    let role = TestRole::new("h4busy");
    let db = TestDb::new();
    let (host, port) = common::server_host_port();
    let bouncer = PgBouncer::start_for(
        PoolMode::Transaction,
        &[(&role.name, PASSWORD)],
        &host,
        port,
        1,
    );
    let url = bouncer.url(&role.name, PASSWORD, &db.name);
    let mut holder = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let mut busy = holder.transaction().unwrap();
    busy.batch_execute("SELECT 1").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let o = gen_types(
        dir.path(),
        &["generate", "--db-url", &format!("{url}&connect_timeout=2")],
        &[],
    );
    let took = start.elapsed();
    let target = format!("{}@127.0.0.1:{}/{}", role.name, bouncer.port, db.name);
    assert_failure(
        &o,
        3,
        &format!("error: cannot connect to {target}: "),
        "no answer from the server within 2 s",
        &[PASSWORD],
    );
    assert!(took < Duration::from_secs(6), "{took:?}");
    busy.rollback().unwrap();
}

/// A TCP proxy to the test server that can be frozen: from then on it passes nothing more to
/// its clients, as when a network path dies with the connections open.
struct FreezingProxy {
    port: u16,
    frozen: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl FreezingProxy {
    fn start() -> Self {
        use std::io::{Read, Write};
        use std::sync::atomic::Ordering;
        let (host, port) = common::server_host_port();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let proxy_port = listener.local_addr().unwrap().port();
        let frozen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = frozen.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let client = client.unwrap();
                let mut to_server: Box<dyn ReadWrite> = if host.starts_with('/') {
                    let path = format!("{host}/.s.PGSQL.{port}");
                    Box::new(std::os::unix::net::UnixStream::connect(path).unwrap())
                } else {
                    Box::new(std::net::TcpStream::connect((host.as_str(), port)).unwrap())
                };
                let server_reader = to_server.try_clone_box();
                let mut client_reader = client.try_clone().unwrap();
                let mut client_writer = client;
                // client -> server
                std::thread::spawn(move || {
                    let mut buf = [0u8; 8192];
                    while let Ok(n) = client_reader.read(&mut buf) {
                        if n == 0 || to_server.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                });
                // server -> client, until frozen
                let flag = flag.clone();
                std::thread::spawn(move || {
                    let mut server_reader = server_reader;
                    let mut buf = [0u8; 8192];
                    while let Ok(n) = server_reader.read(&mut buf) {
                        while flag.load(Ordering::SeqCst) {
                            std::thread::sleep(Duration::from_millis(100));
                        }
                        if n == 0 || client_writer.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                });
            }
        });
        FreezingProxy {
            port: proxy_port,
            frozen,
        }
    }

    fn freeze(&self) {
        self.frozen.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// A stream to the server that can be cloned for the other direction.
trait ReadWrite: std::io::Read + std::io::Write + Send {
    fn try_clone_box(&self) -> Box<dyn ReadWrite>;
}

impl ReadWrite for std::net::TcpStream {
    fn try_clone_box(&self) -> Box<dyn ReadWrite> {
        Box::new(self.try_clone().unwrap())
    }
}

impl ReadWrite for std::os::unix::net::UnixStream {
    fn try_clone_box(&self) -> Box<dyn ReadWrite> {
        Box::new(self.try_clone().unwrap())
    }
}

#[test]
fn a_server_that_stops_answering_mid_read_fails_the_run() {
    // The catalog read waits on a lock (pg_partition_tree locks the partitions) while the
    // network path to the server dies: without a bound of its own, the run would wait for
    // TCP keepalives, hours away.
    let db = TestDb::new();
    db.execute(
        "CREATE TABLE public.p (id int) PARTITION BY RANGE (id);
         CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES FROM (0) TO (10);",
    );
    let mut holder = db.client();
    let mut locked = holder.transaction().unwrap();
    locked
        .batch_execute("LOCK TABLE public.p IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    let proxy = FreezingProxy::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[database]\nstatement_timeout_secs = 2\n",
    )
    .unwrap();
    let url = format!(
        "host=127.0.0.1 port={} user=postgres dbname={} sslmode=disable connect_timeout=2 password={PASSWORD}",
        proxy.port, db.name
    );
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gen-types"))
        .current_dir(dir.path())
        .args(["introspect", "--db-url", &url])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The read is under way (and waits for the lock) before the path dies.
    std::thread::sleep(Duration::from_millis(700));
    proxy.freeze();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(40) {
            child.kill().unwrap();
            panic!("the run hung");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let o = child.wait_with_output().unwrap();
    let took = start.elapsed();
    // 2 s for the first statement plus 2 s for each of the 7 queries.
    assert_failure(
        &o,
        3,
        "error: the server stopped answering during the catalog queries (no answer within 16 s)",
        "",
        &[PASSWORD],
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
    locked.rollback().unwrap();
}
