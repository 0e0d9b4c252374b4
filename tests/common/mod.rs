//! Test harness: every test gets its own fresh database.
//!
//! The server is the one named by `DATABASE_URL` (CI and the dev machine: 127.0.0.1:5432),
//! or, when that is unset, a throwaway cluster started from local binaries
//! (`GEN_TYPES_PG_BINDIR` picks a version; see scripts/test-matrix).
#![allow(dead_code)]

pub mod candidates;
pub mod pgbouncer;
pub mod reference;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use gen_types::cluster::TempCluster;
use gen_types::{Catalog, Config, Source};

/// The server all tests of this process use.
pub struct Server {
    /// Connection string of the maintenance database, without a dbname.
    base: String,
    /// Major version, e.g. 15.
    pub major: u32,
}

static CLUSTER: Mutex<Option<TempCluster>> = Mutex::new(None);
static SERVER: OnceLock<Server> = OnceLock::new();

extern "C" fn stop_cluster() {
    if let Ok(mut c) = CLUSTER.lock() {
        c.take();
    }
}

/// The server, started on first use.
pub fn server() -> &'static Server {
    SERVER.get_or_init(|| {
        let base = match std::env::var("DATABASE_URL").ok().filter(|s| !s.is_empty()) {
            Some(url) => url,
            None => {
                let cluster = TempCluster::start().expect("start a throwaway PostgreSQL");
                let base = cluster.connection_string("postgres");
                *CLUSTER.lock().unwrap() = Some(cluster);
                // SAFETY: registering a plain extern "C" fn with atexit.
                unsafe { libc::atexit(stop_cluster) };
                base
            }
        };
        let mut client = connect(&base, "postgres");
        let num: String = client
            .query_one("SHOW server_version_num", &[])
            .unwrap()
            .get(0);
        Server {
            base,
            major: num.parse::<u32>().unwrap() / 10000,
        }
    })
}

/// The test server's host (a name, an address or a socket folder) and port.
pub fn server_host_port() -> (String, u16) {
    let cfg: postgres::Config = server().base.parse().unwrap();
    let host = match &cfg.get_hosts()[0] {
        postgres::config::Host::Tcp(h) => h.clone(),
        postgres::config::Host::Unix(p) => p.display().to_string(),
    };
    (host, cfg.get_ports().first().copied().unwrap_or(5432))
}

/// A key=value or URL connection string `base` pointed at `dbname`.
fn with_db(base: &str, dbname: &str) -> String {
    if base.starts_with("postgres://") || base.starts_with("postgresql://") {
        let mut cfg: postgres::Config = base.parse().unwrap();
        cfg.dbname(dbname);
        // Rebuild as key=value: simplest faithful form.
        let host = match &cfg.get_hosts()[0] {
            postgres::config::Host::Tcp(h) => h.clone(),
            postgres::config::Host::Unix(p) => p.display().to_string(),
        };
        let mut s = format!(
            "host={host} port={} user={} dbname={dbname} sslmode=disable",
            cfg.get_ports().first().copied().unwrap_or(5432),
            cfg.get_user().unwrap_or("postgres"),
        );
        if let Some(pw) = cfg.get_password() {
            s.push_str(&format!(" password='{}'", String::from_utf8_lossy(pw)));
        }
        s
    } else {
        let kept: Vec<&str> = base
            .split_whitespace()
            .filter(|kv| !kv.starts_with("dbname="))
            .collect();
        format!("{} dbname={dbname}", kept.join(" "))
    }
}

fn connect(base: &str, dbname: &str) -> postgres::Client {
    postgres::Client::connect(&with_db(base, dbname), postgres::NoTls)
        .unwrap_or_else(|e| panic!("connect to {dbname}: {e}"))
}

/// A fresh database, dropped when the value is.
pub struct TestDb {
    /// Database name.
    pub name: String,
    /// Connection string for it.
    pub url: String,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TestDb {
    /// An empty database.
    pub fn new() -> Self {
        let server = server();
        let name = format!(
            "gt_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        let mut admin = connect(&server.base, "postgres");
        admin
            .batch_execute(&format!(
                "CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"
            ))
            .unwrap();
        let url = with_db(&server.base, &name);
        TestDb { name, url }
    }

    /// A database with a fixture from tests/fixtures loaded.
    pub fn with_fixture(fixture: &str) -> Self {
        let db = Self::new();
        db.execute(&std::fs::read_to_string(fixture_path(fixture)).unwrap());
        db
    }

    /// Runs SQL (several statements allowed).
    pub fn execute(&self, sql: &str) {
        self.client()
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("{e:?}"));
    }

    /// A `postgresql://` URL for this database (for tools that only take URLs).
    pub fn uri(&self) -> String {
        let cfg: postgres::Config = self.url.parse().unwrap();
        let user = cfg.get_user().unwrap_or("postgres");
        let port = cfg.get_ports().first().copied().unwrap_or(5432);
        let auth = match cfg.get_password() {
            Some(pw) => format!("{user}:{}", String::from_utf8_lossy(pw)),
            None => user.to_string(),
        };
        match &cfg.get_hosts()[0] {
            postgres::config::Host::Tcp(h) => {
                format!("postgresql://{auth}@{h}:{port}/{}", self.name)
            }
            postgres::config::Host::Unix(dir) => {
                format!(
                    "postgresql://{auth}@localhost:{port}/{}?host={}",
                    self.name,
                    dir.display()
                )
            }
        }
    }

    /// A client on this database.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }

    /// Introspects the given schemas, which must give no warning.
    pub fn catalog(&self, schemas: &[&str]) -> Catalog {
        let (catalog, warnings) = self.catalog_and_warnings(schemas);
        assert!(warnings.is_empty(), "warnings: {warnings:?}");
        catalog
    }

    /// Introspects the given schemas (for every target), with the warnings.
    pub fn catalog_and_warnings(&self, schemas: &[&str]) -> (Catalog, Vec<String>) {
        let config = Config {
            schemas: schemas.iter().map(|s| s.to_string()).collect(),
            ..Config::default()
        };
        let loaded =
            gen_types::load_catalog(&Source::Database(Some(self.url.clone())), &config).unwrap();
        (loaded.catalog, loaded.warnings)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut admin) =
            postgres::Client::connect(&with_db(&server().base, "postgres"), postgres::NoTls)
        {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// A login role for one test (roles are cluster-wide), dropped with the value. Declare it
/// before the databases that use it, so that they are dropped first.
pub struct TestRole {
    /// Role name.
    pub name: String,
}

impl TestRole {
    /// A new login role without privileges of its own.
    pub fn new(prefix: &str) -> Self {
        let name = format!(
            "gt_{prefix}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        connect(&server().base, "postgres")
            .batch_execute(&format!("CREATE ROLE {name} LOGIN"))
            .unwrap();
        TestRole { name }
    }

    /// `db`'s connection string with this role as the user.
    pub fn url(&self, db: &TestDb) -> String {
        let url = db
            .url
            .replace("user=postgres", &format!("user={}", self.name));
        assert_ne!(url, db.url, "no user=postgres in {}", db.url);
        url
    }
}

impl Drop for TestRole {
    fn drop(&mut self) {
        if let Ok(mut admin) =
            postgres::Client::connect(&with_db(&server().base, "postgres"), postgres::NoTls)
        {
            let _ = admin.batch_execute(&format!("DROP ROLE IF EXISTS {}", self.name));
        }
    }
}

/// Path of a fixture file.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.sql"))
}

/// The fixtures and the schemas each one uses.
pub const FIXTURES: &[(&str, &[&str])] = &[
    ("supabase_app", &["public", "auth"]),
    ("type_zoo", &["public", "extra"]),
    ("nasty_names", &["public", "My-Schema"]),
    ("views_functions", &["public", "reporting"]),
];

/// insta settings that store snapshots under snapshots/.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

/// The snapshot name for a fixture's output on this server: `<base>` normally, or
/// `<base>@pg<major>` when this major version has its own snapshot (set
/// GEN_TYPES_VERSIONED_SNAPSHOTS=1 to create one where the output legitimately differs).
pub fn versioned_snapshot_name(base: &str) -> String {
    let major = server().major;
    let versioned = format!("{base}@pg{major}");
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots")
        .join(format!("{versioned}.snap"));
    if file.exists() || std::env::var_os("GEN_TYPES_VERSIONED_SNAPSHOTS").is_some() {
        versioned
    } else {
        base.to_string()
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A program installed by `npm ci` (node_modules/.bin).
pub fn node_bin(name: &str) -> PathBuf {
    let p = repo().join("node_modules/.bin").join(name);
    assert!(
        p.exists(),
        "{} is missing: run `npm ci` in the repository (scripts/test does)",
        p.display()
    );
    p
}

/// A fresh folder under target/ for files that node tools read (inside the repository, so
/// that they resolve node_modules).
pub fn node_workspace(name: &str) -> PathBuf {
    let dir = repo()
        .join("target/node-tests")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command, returning (success, stdout + stderr).
pub fn run(cmd: &mut std::process::Command) -> (bool, String) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// Writes a strict tsconfig.json into `dir` that includes every .ts file below it.
pub fn write_tsconfig(dir: &Path) {
    std::fs::write(
        dir.join("tsconfig.json"),
        r#"{
  "compilerOptions": {
    "strict": true,
    "noEmit": true,
    "target": "ES2022",
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "skipLibCheck": true,
    "types": []
  },
  "include": ["**/*.ts"]
}
"#,
    )
    .unwrap();
}

/// `tsc --strict --noEmit -p dir`.
pub fn tsc(dir: &Path) -> (bool, String) {
    run(std::process::Command::new(node_bin("tsc"))
        .arg("-p")
        .arg(dir.join("tsconfig.json")))
}

/// Compiles `dir/database.schemas.ts` to `dir/out/database.schemas.js`.
pub fn compile_to_js(dir: &Path) {
    std::fs::write(dir.join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
    std::fs::write(
        dir.join("tsconfig.json"),
        r#"{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "ESNext", "moduleResolution": "Bundler", "skipLibCheck": true, "types": [], "outDir": "out" }, "files": ["database.schemas.ts"] }"#,
    )
    .unwrap();
    let (ok, out) = run(std::process::Command::new(node_bin("tsc"))
        .arg("-p")
        .arg(dir.join("tsconfig.json")));
    assert!(ok, "tsc failed for {}:\n{out}", dir.display());
}

/// The files prettier (no semicolons, otherwise defaults) would change. A badly formatted
/// sentinel file is checked along with them, so a run that checks nothing (prettier skips
/// files its ignore files name, such as target/ in .gitignore) cannot pass.
pub fn prettier_would_change(files: &[PathBuf]) -> Vec<String> {
    let dir = node_workspace("prettier-sentinel");
    let sentinel = dir.join("sentinel.ts");
    std::fs::write(&sentinel, "export const  x = {a:1};\n").unwrap();
    let (_, out) = run(std::process::Command::new(node_bin("prettier"))
        .args([
            "--list-different",
            "--no-semi",
            "--ignore-path",
            "/dev/null",
        ])
        .arg(&sentinel)
        .args(files));
    let listed: Vec<String> = out
        .lines()
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(
        listed.iter().any(|l| l.ends_with("sentinel.ts")),
        "prettier did not check the files: {out}"
    );
    listed
        .into_iter()
        .filter(|l| !l.ends_with("sentinel.ts"))
        .collect()
}

/// Every `[naming]` option changed from its default: PascalCase Zod exports without a
/// suffix, the parts `Record` / `New` / `Patch`, and renames of `public.goals` (to
/// `objective`) and `public.goal_status` (to `goal_state`).
pub fn custom_naming(config: &mut Config) {
    let n = &mut config.naming;
    n.zod_case = gen_types::config::NameCase::Pascal;
    n.zod_suffix = String::new();
    n.row = "Record".into();
    n.insert = "New".into();
    n.update = "Patch".into();
    n.rename.insert("public.goals".into(), "objective".into());
    n.rename
        .insert("public.goal_status".into(), "goal_state".into());
}

/// `cargo check` of a generated `database.rs` in a throwaway crate with the dependencies of
/// examples/build-rs (README's set) and this repository's lock file, offline when the
/// registry cache has them. `name` keeps concurrent tests' crates apart.
pub fn cargo_check_database_rs(name: &str, database_rs: &str) -> (bool, String) {
    let dir = repo().join(format!("target/rust-check/{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let example = std::fs::read_to_string(repo().join("examples/build-rs/Cargo.toml")).unwrap();
    let deps = example
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"gen-types-{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]{deps}"
        ),
    )
    .unwrap();
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/database.rs"), database_rs).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "#![allow(dead_code)]\ninclude!(\"database.rs\");\n",
    )
    .unwrap();
    let check = |offline: bool| {
        run(std::process::Command::new(env!("CARGO"))
            .args(["check", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .args(offline.then_some("--offline"))
            .env("CARGO_TARGET_DIR", repo().join("target/rust-tests/target"))
            .env_remove("RUSTFLAGS"))
    };
    let (mut ok, mut text) = check(true);
    if !ok && text.contains("offline") {
        (ok, text) = check(false);
    }
    let _ = std::fs::remove_dir_all(&dir);
    (ok, text)
}
