//! The `gen-types` binary: exit codes, `--check`, config errors, connection errors,
//! `--migrations`, `init` and snapshots, all against a real PostgreSQL.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{TestDb, TestRole, snapshot_settings};

fn gen_types(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gen-types"))
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .args(args)
        .output()
        .expect("run gen-types")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn generate_then_check_fresh_stale_and_missing() {
    let db = TestDb::with_fixture("supabase_app");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let args = [
        "generate", "--db-url", &db.url, "--schema", "public", "--schema", "auth", "--out", "out",
    ];
    let o = gen_types(d, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = d.join("out/database.types.ts");
    let first = std::fs::read_to_string(&file).unwrap();
    assert!(first.contains("goals"), "the output is about the database");
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();

    // A second run leaves the unchanged file alone.
    std::thread::sleep(Duration::from_millis(20));
    let o = gen_types(d, &args);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), mtime);

    // --check: fresh -> 0, nothing printed on stdout.
    let mut check = args.to_vec();
    check.push("--check");
    let o = gen_types(d, &check);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    // Stale after a migration -> 1 with a unified diff naming the change; nothing written.
    db.execute("ALTER TABLE public.goals ADD COLUMN check_added_column text");
    let o = gen_types(d, &check);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("+") && stdout(&o).contains("check_added_column"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).starts_with("--- a/"), "{}", stdout(&o));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        first,
        "--check writes nothing"
    );

    // Missing -> 1.
    std::fs::remove_file(&file).unwrap();
    let o = gen_types(d, &check);
    assert_eq!(o.status.code(), Some(1));
    assert!(!file.exists());
}

#[test]
fn no_subcommand_runs_generate_from_config_toml() {
    let db = TestDb::with_fixture("views_functions");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        format!(
            "schemas = [\"public\", \"reporting\"]\nout = \"types\"\n[database]\nurl = \"{}\"\n",
            db.url.replace('\'', "\\'")
        ),
    )
    .unwrap();
    let o = gen_types(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ts = std::fs::read_to_string(dir.path().join("types/database.types.ts")).unwrap();
    assert!(ts.contains("books_catalog"));
    assert!(ts.contains("reporting"));
}

#[test]
fn config_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "unknown_key",
            "schemas = [\"public\"]\n\n[database]\nurl_env = \"X\"\ncolour = \"blue\"\n",
        ),
        ("wrong_type", "schemas = \"public\"\n"),
        ("unknown_target", "targets = [\"typescript\", \"cobol\"]\n"),
        ("bad_toml", "schemas = [\"public\"\n"),
        (
            "unknown_zod_declare",
            "zod = \"4\"\nzod_declare = \"sometimes\"\n",
        ),
    ];
    let mut transcript = String::new();
    for (name, text) in cases {
        std::fs::write(dir.path().join("config.toml"), text).unwrap();
        let o = gen_types(dir.path(), &["--config", "config.toml", "generate"]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
        assert!(err.starts_with("error: config.toml:"), "{name}: {err}");
        transcript.push_str(&format!("{name}: {err}"));
    }
    snapshot_settings().bind(|| insta::assert_snapshot!("cli__config_errors", transcript));
}

#[test]
fn unreachable_and_refused_databases_exit_3_in_one_line_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "hunter2-very-secret";
    for url in [
        format!("postgres://postgres:{secret}@127.0.0.1:1/postgres?connect_timeout=5"),
        format!("host=127.0.0.1 port=1 user=postgres password={secret} connect_timeout=5"),
    ] {
        let start = Instant::now();
        let o = gen_types(dir.path(), &["generate", "--db-url", &url, "--out", "out"]);
        assert!(start.elapsed() < Duration::from_secs(10), "fails fast");
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("error: cannot connect to postgres@127.0.0.1:1/postgres: "),
            "{err}"
        );
        assert!(!err.contains(secret) && !stdout(&o).contains(secret));
        assert!(!err.contains("panicked"));
        assert!(!dir.path().join("out").exists(), "nothing written");
    }

    // A role that does not exist and a database that does not exist: refused, not a crash.
    let db = TestDb::new();
    let no_role =
        db.url.replace("user=postgres", "user=no_such_role_gt") + &format!(" password={secret}");
    let o = gen_types(dir.path(), &["introspect", "--db-url", &no_role]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no_such_role_gt") && !stderr(&o).contains(secret),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1);
    let no_db = db
        .url
        .replace(&format!("dbname={}", db.name), "dbname=no_such_db_gt");
    let o = gen_types(dir.path(), &["introspect", "--db-url", &no_db]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("no_such_db_gt"), "{}", stderr(&o));
}

#[test]
fn permission_denied_on_catalog_is_exit_3() {
    // A role that can connect but has no USAGE on the schema still reads the catalog
    // (catalogs are public); a role without CONNECT is refused.
    let role = TestRole::new("noconnect");
    let db = TestDb::with_fixture("views_functions");
    db.execute(&format!(
        "REVOKE CONNECT ON DATABASE \"{}\" FROM PUBLIC",
        db.name
    ));
    let url = role.url(&db);
    let dir = tempfile::tempdir().unwrap();
    let o = gen_types(dir.path(), &["introspect", "--db-url", &url]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("permission denied"), "{}", stderr(&o));
}

#[test]
fn snapshot_then_generate_offline_matches_live() {
    let db = TestDb::with_fixture("type_zoo");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = gen_types(
        d,
        &[
            "snapshot",
            "--db-url",
            &db.url,
            "--schema",
            "public",
            "--schema",
            "extra",
            "--out",
            "snap/catalog.json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = gen_types(
        d,
        &[
            "generate",
            "--from-snapshot",
            "snap/catalog.json",
            "--out",
            "offline",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = gen_types(
        d,
        &[
            "generate", "--db-url", &db.url, "--schema", "public", "--schema", "extra", "--out",
            "live",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let offline = std::fs::read_to_string(d.join("offline/database.types.ts")).unwrap();
    let live = std::fs::read_to_string(d.join("live/database.types.ts")).unwrap();
    assert_eq!(offline, live);

    // introspect prints the same model as the snapshot holds.
    let o = gen_types(
        d,
        &[
            "introspect",
            "--db-url",
            &db.url,
            "--schema",
            "public",
            "--schema",
            "extra",
        ],
    );
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(d.join("snap/catalog.json")).unwrap()
    );

    // A corrupt snapshot is a usage error.
    std::fs::write(d.join("bad.json"), "{\"format\": 99}").unwrap();
    let o = gen_types(
        d,
        &["generate", "--from-snapshot", "bad.json", "--out", "x"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn migrations_apply_to_a_throwaway_server_and_failures_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("migrations")).unwrap();
    std::fs::write(
        d.join("migrations/001_init.sql"),
        "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL);\n",
    )
    .unwrap();
    std::fs::write(
        d.join("migrations/002_more.sql"),
        "ALTER TABLE notes ADD COLUMN tags text[];\n",
    )
    .unwrap();
    std::fs::write(d.join("migrations/readme.txt"), "not sql").unwrap();
    let o = gen_types(
        d,
        &["generate", "--migrations", "migrations", "--out", "out"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ts = std::fs::read_to_string(d.join("out/database.types.ts")).unwrap();
    assert!(ts.contains("notes") && ts.contains("tags"), "{ts}");

    std::fs::write(
        d.join("migrations/003_broken.sql"),
        "-- a comment\nCREATE TABLE ok_one (id int);\n\nCREATE TABLE broken (id int REFERENCES missing_table(id));\n",
    )
    .unwrap();
    let o = gen_types(
        d,
        &["generate", "--migrations", "migrations", "--out", "out2"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("003_broken.sql:4"), "{err}");
    assert!(err.contains("missing_table"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!d.join("out2").exists());
}

#[test]
fn init_writes_a_valid_commented_config_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let o = gen_types(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(text.contains("# "));
    gen_types::Config::from_toml(&text, Path::new("config.toml")).unwrap();
    let o = gen_types(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let o = gen_types(dir.path(), &["generate", "--target", "cobol"]);
    assert_eq!(o.status.code(), Some(2));
    let o = gen_types(
        dir.path(),
        &["generate", "--from-snapshot", "a.json", "--migrations", "m"],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = gen_types(dir.path(), &["--config", "missing.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.toml"));
}

#[test]
fn the_committed_example_output_is_up_to_date() {
    // README's first command: generate from examples/migrations with ./config.toml.
    let o = gen_types(
        &common::repo(),
        &["generate", "--migrations", "examples/migrations", "--check"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "examples/generated is stale:\n{}{}",
        stdout(&o),
        stderr(&o)
    );
}

/// Asserts a run that failed with `code` in one line on stderr starting with `prefix`, with
/// none of `secrets` in any output.
fn assert_one_line(o: &Output, code: i32, prefix: &str, secrets: &[&str]) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with(prefix), "{err}");
    for s in secrets {
        assert!(
            !err.contains(s) && !stdout(o).contains(s),
            "{s} printed: {err}"
        );
    }
    err
}

#[test]
fn malformed_urls_and_misplaced_urls_never_print_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret = "Hunter2-secret";
    for (url, says) in [
        (
            format!("postgress://alice:{secret}@127.0.0.1:1/app"),
            "unknown scheme `postgress://`",
        ),
        (
            format!("postgres://alice:{secret}@x@127.0.0.1:1/app"),
            "unencoded `@` or `/`",
        ),
        (
            format!("postgres://alice:{secret}@127.0.0.1:1/app?sslmode=sometimes"),
            "invalid sslmode",
        ),
    ] {
        let o = gen_types(d, &["generate", "--db-url", &url]);
        let err = assert_one_line(&o, 2, "error: ", &[secret]);
        assert!(err.contains(says), "{err}");
    }
    // A URL where a table belongs, and as the value of the wrong key.
    for (text, at) in [
        (
            format!("database = \"postgres://alice:{secret}@db/app\"\n"),
            "config.toml:1:12: ",
        ),
        (
            format!("[database]\nurl_env = [\"postgres://alice:{secret}@db/app\"]\n"),
            "config.toml:2:11: ",
        ),
        (
            format!("targets = [\"postgres://alice:{secret}@db\"]\n"),
            "config.toml:1:12: ",
        ),
    ] {
        std::fs::write(d.join("config.toml"), text).unwrap();
        let o = gen_types(d, &["generate"]);
        assert_one_line(&o, 2, &format!("error: {at}"), &[secret, "alice"]);
    }
}

#[test]
fn output_paths_and_timeouts_are_checked_before_connecting() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The database would refuse the connection (exit 3): the config is checked first.
    let unreachable = "postgres://postgres@127.0.0.1:1/postgres?connect_timeout=2";
    for (text, prefix) in [
        (
            "[outputs]\ntypescript = \"same.ts\"\nzod = \"same.ts\"\n",
            "error: config.toml:3:7: outputs.zod: `same.ts` is also the output of target `typescript`",
        ),
        (
            "[outputs]\nzod = \"../outside.ts\"\n",
            "error: config.toml:2:7: outputs.zod: `../outside.ts` leaves the output folder",
        ),
        (
            "[outputs]\nrust = \"/tmp/database.rs\"\n",
            "error: config.toml:2:8: outputs.rust: `/tmp/database.rs` leaves the output folder",
        ),
        (
            "[database]\nstatement_timeout_secs = 3000000\n",
            "error: config.toml:2:26: database.statement_timeout_secs: 3000000 is out of range",
        ),
    ] {
        std::fs::write(d.join("config.toml"), text).unwrap();
        let o = gen_types(d, &["generate", "--db-url", unreachable]);
        assert_one_line(&o, 2, prefix, &[]);
    }
    // Flags can make a collision the file alone does not have.
    std::fs::write(
        d.join("config.toml"),
        "targets = [\"typescript\"]\n[outputs]\ntypescript = \"database.schemas.ts\"\n",
    )
    .unwrap();
    let o = gen_types(
        d,
        &[
            "generate",
            "--db-url",
            unreachable,
            "--target",
            "zod",
            "--target",
            "typescript",
        ],
    );
    assert_one_line(
        &o,
        2,
        "error: outputs.typescript: `database.schemas.ts` is also the output of target `zod`",
        &[],
    );
    assert!(!d.join("generated").exists(), "nothing written");
}

#[test]
fn control_characters_from_the_server_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new();
    // The server repeats the unknown database's name in its error.
    let name = "no_such\u{1b}[2J\u{1b}]0;pwned\u{7}\rdb";
    let url = db
        .url
        .replace(&format!("dbname={}", db.name), &format!("dbname='{name}'"));
    let o = gen_types(dir.path(), &["introspect", "--db-url", &url]);
    let err = assert_one_line(&o, 3, "error: cannot connect to ", &[]);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\r') && !err.contains('\u{7}'),
        "{err:?}"
    );
    assert!(
        err.contains("no_such\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}db"),
        "{err}"
    );
}

#[test]
fn a_run_removes_the_temp_files_of_killed_runs() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // Left by a run whose process is gone, by one still running (this test), and a user's.
    let dead = out.join(".gen-types-99999999-a1b2c3");
    let running = out.join(format!(".gen-types-{}-d4e5f6", std::process::id()));
    let mine = out.join("gen-types-notes.txt");
    for f in [&dead, &running, &mine] {
        std::fs::write(f, "partial").unwrap();
    }
    let o = gen_types(
        dir.path(),
        &[
            "-v",
            "generate",
            "--db-url",
            &db.url,
            "--out",
            "out",
            "--target",
            "typescript",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dead.exists() && running.exists() && mine.exists());
    assert!(
        stderr(&o).contains("(left by an earlier run)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_catalog_query_refused_by_a_permission_is_exit_3() {
    // A hardened database: the role may connect, but not read pg_proc.
    let role = TestRole::new("h4noproc");
    let db = TestDb::with_fixture("views_functions");
    db.execute("REVOKE SELECT ON pg_catalog.pg_proc FROM PUBLIC");
    let dir = tempfile::tempdir().unwrap();
    let o = gen_types(dir.path(), &["introspect", "--db-url", &role.url(&db)]);
    let err = assert_one_line(&o, 3, "error: catalog query `", &[]);
    assert!(err.contains("permission denied for table pg_proc"), "{err}");
}

#[test]
fn a_failing_target_leaves_every_output_as_it_was() {
    // Targets run at once and each file is staged as soon as its target is done; when one
    // target fails (here a user's contracts template that cannot render), the files of the
    // targets that succeeded must not land either.
    let db = TestDb::with_fixture("supabase_app");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = d.join("out");
    std::fs::create_dir_all(d.join("tpl/contracts")).unwrap();
    std::fs::write(
        d.join("tpl/contracts/database.contracts.ts.hbs"),
        "{{> no_such_partial}}\n",
    )
    .unwrap();
    std::fs::write(d.join("config.toml"), "templates = \"tpl\"\n").unwrap();
    std::fs::create_dir(&out).unwrap();
    let before = [
        ("database.types.ts", "old types\n"),
        ("database.rs", "old rust\n"),
        ("openapi.json", "{}\n"),
    ];
    for (name, text) in before {
        std::fs::write(out.join(name), text).unwrap();
    }
    let args = ["generate", "--db-url", &db.url, "--out", "out"];
    let o = gen_types(d, &args);
    assert_ne!(
        o.status.code(),
        Some(0),
        "the run must fail: {}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("contracts"), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["database.rs", "database.types.ts", "openapi.json"]);
    for (name, text) in before {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap(),
            text,
            "{name}"
        );
    }
    // The same config with the template fixed writes every target.
    std::fs::remove_dir_all(d.join("tpl")).unwrap();
    std::fs::write(d.join("config.toml"), "").unwrap();
    let o = gen_types(d, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 6);
}
