//! A throwaway cluster shaped like a Supabase project's database: the npm PostgreSQL build of
//! one major copied into a folder this process owns, the shims of
//! `gen_types::supabase::assets::SHIMS` installed into its extension folder (where the build
//! lacks the real extension), `supabase_admin` as the bootstrap superuser, and the baseline
//! applied to a template database that each test copies.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use gen_types::supabase::assets::{BASELINE, SHIMS};

/// The template database that holds the baseline.
const TEMPLATE: &str = "supabase_baseline";

/// One running cluster.
pub struct ShimCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    run_as: Option<(u32, u32)>,
    /// Major version.
    pub major: u32,
    /// Serialises CREATE DATABASE ... TEMPLATE.
    create: Mutex<()>,
}

static CLUSTERS: Mutex<Vec<&'static ShimCluster>> = Mutex::new(Vec::new());

extern "C" fn stop_clusters() {
    if let Ok(clusters) = CLUSTERS.lock() {
        for c in clusters.iter() {
            c.stop();
        }
    }
}

/// The majors to test: `GEN_TYPES_SHIM_MAJORS` (comma-separated), else 15 and 18.
pub fn majors() -> Vec<u32> {
    std::env::var("GEN_TYPES_SHIM_MAJORS")
        .unwrap_or_else(|_| "15,18".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// The cluster of `major`, started (with the baseline applied) on first use.
pub fn cluster(major: u32) -> &'static ShimCluster {
    static BY_MAJOR: Mutex<Vec<(u32, &'static OnceLock<&'static ShimCluster>)>> =
        Mutex::new(Vec::new());
    let cell = {
        let mut cells = BY_MAJOR.lock().unwrap();
        match cells.iter().find(|(m, _)| *m == major) {
            Some((_, cell)) => *cell,
            None => {
                let cell: &'static OnceLock<&'static ShimCluster> = Box::leak(Box::default());
                cells.push((major, cell));
                cell
            }
        }
    };
    cell.get_or_init(|| {
        let cluster: &'static ShimCluster = Box::leak(Box::new(ShimCluster::start(major)));
        let mut all = CLUSTERS.lock().unwrap();
        if all.is_empty() {
            // SAFETY: registering a plain extern "C" fn with atexit.
            unsafe { libc::atexit(stop_clusters) };
        }
        all.push(cluster);
        cluster
    })
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl ShimCluster {
    fn start(major: u32) -> Self {
        let out = Command::new(repo().join("scripts/pg-bindir"))
            .arg(major.to_string())
            .output()
            .expect("run scripts/pg-bindir");
        assert!(
            out.status.success(),
            "pg-bindir {major}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let source_bin = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        let native = source_bin
            .parent()
            .expect("bin dir has a parent")
            .to_path_buf();

        let dir = tempfile::Builder::new()
            .prefix("gen-types-shims-")
            .tempdir()
            .unwrap();
        let copy = dir.path().join("native");
        let status = Command::new("cp")
            .arg("-a")
            .arg(&native)
            .arg(&copy)
            .status()
            .unwrap();
        assert!(status.success(), "copy {}", native.display());
        install_shims(&copy.join("share/postgresql/extension"));

        let run_as = (unsafe { libc::geteuid() } == 0).then(postgres_user_ids);
        if let Some((uid, gid)) = run_as {
            let status = Command::new("chown")
                .arg("-R")
                .arg(format!("{uid}:{gid}"))
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(status.success());
        }
        let cluster = ShimCluster {
            dir,
            bin: copy.join("bin"),
            run_as,
            major,
            create: Mutex::new(()),
        };
        cluster.run(
            Command::new(cluster.bin.join("initdb"))
                .args([
                    "-U",
                    "supabase_admin",
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--no-locale",
                    "-D",
                ])
                .arg(cluster.data()),
        );
        let opts = format!(
            "-p 5432 -k {} -c listen_addresses='' -c fsync=off -c wal_level=logical",
            cluster.dir.path().display()
        );
        cluster.run(
            Command::new(cluster.bin.join("pg_ctl"))
                .args(["-w", "-t", "60", "-D"])
                .arg(cluster.data())
                .arg("-l")
                .arg(cluster.dir.path().join("server.log"))
                .args(["-o", &opts, "start"]),
        );
        cluster.apply_baseline();
        cluster
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn run(&self, cmd: &mut Command) {
        cmd.current_dir("/").env("LC_ALL", "C");
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn stop(&self) {
        let mut cmd = Command::new(self.bin.join("pg_ctl"));
        cmd.args(["-w", "-m", "immediate", "-D"])
            .arg(self.data())
            .arg("stop");
        cmd.current_dir("/");
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid).gid(gid);
        }
        let _ = cmd.output();
        let _ = std::fs::remove_dir_all(self.dir.path());
    }

    /// A key=value connection string for `dbname`, as supabase_admin.
    pub fn conninfo(&self, dbname: &str) -> String {
        format!(
            "host={} port=5432 user=supabase_admin dbname={dbname}",
            self.dir.path().display()
        )
    }

    /// A `postgresql://` URL for `dbname` (for the reference generator).
    pub fn url(&self, dbname: &str) -> String {
        format!(
            "postgresql://supabase_admin@localhost:5432/{dbname}?host={}",
            self.dir.path().display()
        )
    }

    /// A client on `dbname` as supabase_admin.
    pub fn client(&self, dbname: &str) -> postgres::Client {
        postgres::Client::connect(&self.conninfo(dbname), postgres::NoTls)
            .unwrap_or_else(|e| panic!("connect to {dbname}: {e}"))
    }

    /// Applies every baseline file, in order, each in one transaction, to the template.
    fn apply_baseline(&self) {
        let mut admin = self.client("postgres");
        admin
            .batch_execute(&format!("CREATE DATABASE {TEMPLATE}"))
            .unwrap();
        let mut db = self.client(TEMPLATE);
        for (name, sql) in BASELINE {
            db.batch_execute(&format!("BEGIN;\n{sql}\nCOMMIT;"))
                .unwrap_or_else(|e| panic!("PostgreSQL {}: baseline {name}: {e:?}", self.major));
        }
    }

    /// A new database holding the baseline, named `name`.
    pub fn database(&self, name: &str) -> String {
        let _guard = self.create.lock().unwrap();
        let mut admin = self.client("postgres");
        admin
            .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {TEMPLATE}"))
            .unwrap();
        admin
            .batch_execute(&format!("GRANT ALL ON DATABASE {name} TO postgres"))
            .unwrap();
        name.to_string()
    }
}

/// Writes each shim's files into `extension_dir`, unless the server has that extension.
fn install_shims(extension_dir: &Path) {
    for shim in SHIMS {
        if extension_dir
            .join(format!("{}.control", shim.name))
            .exists()
        {
            continue;
        }
        for (file, text) in shim.files {
            std::fs::write(extension_dir.join(file), text).unwrap();
        }
    }
}

/// The uid and gid of the unprivileged user servers run as when we are root.
fn postgres_user_ids() -> (u32, u32) {
    let user = std::env::var("GEN_TYPES_PG_USER").unwrap_or_else(|_| "postgres".into());
    let id = |flag: &str| -> u32 {
        let out = Command::new("id").arg(flag).arg(&user).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    };
    (id("-u"), id("-g"))
}
