//! Which migration statements run with the superuser's rights.
//!
//! On the platform, migrations run as `postgres`, which is not a superuser; the supautils
//! extension lets it run a few statements that need one (it switches to the superuser for
//! them): creating, altering, dropping and commenting on extensions, event triggers,
//! publications and foreign-data wrappers, and changing roles that are not reserved to the
//! platform. gen-types runs those statements as the superuser and everything else as
//! `postgres`, so that what fails on the platform for lack of rights fails here too.
//! `SECURITY LABEL` needs a label provider, a C library (pgsodium's), which no shim can
//! provide, and `IMPORT FOREIGN SCHEMA` needs the remote server: those statements are skipped
//! with a warning.

/// Roles the platform reserves: `postgres` cannot alter or grant them.
pub const RESERVED_ROLES: &[&str] = &[
    "supabase_admin",
    "supabase_auth_admin",
    "supabase_storage_admin",
    "supabase_realtime_admin",
    "supabase_replication_admin",
    "supabase_read_only_user",
    "supabase_functions_admin",
    "supabase_etl_admin",
    "dashboard_user",
    "pgbouncer",
];

/// How one statement is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privilege {
    /// As the migration role (`postgres`).
    Owner,
    /// As the superuser, as supautils does on the platform.
    Superuser,
    /// Not at all, with a warning saying why.
    Skip(&'static str),
}

/// What kind of object a privileged statement made, for the grants that follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    /// `CREATE EXTENSION`.
    Extension,
    /// `CREATE FOREIGN DATA WRAPPER`.
    ForeignDataWrapper,
    /// Anything else.
    Other,
}

/// How `statement` (starting at its first token) runs, and what it makes.
pub fn classify(statement: &str) -> (Privilege, Made) {
    let words = words(statement, 8);
    let w = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
    let created = |made| (Privilege::Superuser, made);
    match (w(0), w(1), w(2)) {
        ("SECURITY", "LABEL", _) => (
            Privilege::Skip(
                "SECURITY LABEL needs a label provider (pgsodium's is a C library a shim cannot provide)",
            ),
            Made::Other,
        ),
        ("IMPORT", "FOREIGN", "SCHEMA") => (
            Privilege::Skip(
                "IMPORT FOREIGN SCHEMA reads the remote server's tables, which a throwaway server cannot reach",
            ),
            Made::Other,
        ),
        ("CREATE", "EXTENSION", _) if privileged_extension(&words, 2) => created(Made::Extension),
        ("ALTER" | "DROP", "EXTENSION", _) if privileged_extension(&words, 2) => {
            created(Made::Other)
        }
        ("COMMENT", "ON", "EXTENSION") if privileged_extension(&words, 3) => created(Made::Other),
        ("CREATE" | "ALTER" | "DROP", "EVENT", "TRIGGER") => created(Made::Other),
        ("CREATE" | "ALTER" | "DROP", "PUBLICATION", _) => created(Made::Other),
        ("CREATE", "FOREIGN", "DATA") => created(Made::ForeignDataWrapper),
        ("ALTER" | "DROP", "FOREIGN", "DATA") => created(Made::Other),
        ("ALTER", "ROLE" | "USER", _) if may_alter_role(&words) => created(Made::Other),
        ("GRANT", _, _) if is_role_grant(&words) => created(Made::Other),
        _ => (Privilege::Owner, Made::Other),
    }
}

/// The extensions the platform lets `postgres` create, alter and drop as the superuser
/// (`supautils.privileged_extensions` of supabase/postgres); others are created as `postgres`,
/// which works for trusted extensions only, as on the platform. The shims count too (pgvector
/// is trusted on the platform).
pub const PRIVILEGED_EXTENSIONS: &[&str] = &[
    "address_standardizer",
    "address_standardizer_data_us",
    "autoinc",
    "bloom",
    "btree_gin",
    "btree_gist",
    "citext",
    "cube",
    "dblink",
    "dict_int",
    "dict_xsyn",
    "earthdistance",
    "fuzzystrmatch",
    "hstore",
    "http",
    "insert_username",
    "intarray",
    "isn",
    "ltree",
    "moddatetime",
    "pg_cron",
    "pg_graphql",
    "pg_hashids",
    "pg_jsonschema",
    "pg_net",
    "pg_stat_monitor",
    "pg_stat_statements",
    "pg_trgm",
    "pg_walinspect",
    "pgaudit",
    "pgcrypto",
    "pgjwt",
    "pgroonga",
    "pgroonga_database",
    "pgrouting",
    "pgrowlocks",
    "pgsodium",
    "pgtap",
    "plcoffee",
    "pljava",
    "plls",
    "plpgsql",
    "plpgsql_check",
    "plv8",
    "postgis",
    "postgis_raster",
    "postgis_sfcgal",
    "postgis_tiger_geocoder",
    "postgis_topology",
    "postgres_fdw",
    "refint",
    "rum",
    "seg",
    "sslinfo",
    "supabase_vault",
    "supautils",
    "tablefunc",
    "tcn",
    "timescaledb",
    "tsm_system_rows",
    "tsm_system_time",
    "unaccent",
    "uuid-ossp",
    "wrappers",
];

/// Whether the extension named at `words[at]` (after `IF [NOT] EXISTS`) is privileged.
fn privileged_extension(words: &[String], at: usize) -> bool {
    let mut at = at;
    if words.get(at).is_some_and(|w| w == "IF") {
        at += if words.get(at + 1).is_some_and(|w| w == "NOT") {
            3
        } else {
            2
        };
    }
    let Some(name) = words.get(at) else {
        return false;
    };
    PRIVILEGED_EXTENSIONS
        .iter()
        .copied()
        .chain(super::assets::SHIMS.iter().map(|s| s.name))
        .any(|e| e.eq_ignore_ascii_case(name))
}

/// `ALTER ROLE name ...` of a role that is not reserved, not making anyone a superuser.
fn may_alter_role(words: &[String]) -> bool {
    let name = words.get(2).map(String::as_str).unwrap_or("");
    !RESERVED_ROLES.iter().any(|r| r.eq_ignore_ascii_case(name))
        && !words.iter().any(|w| w == "SUPERUSER")
}

/// `GRANT role [, ...] TO ...` (no `ON`), granting no reserved role.
fn is_role_grant(words: &[String]) -> bool {
    let granted: Vec<&String> = words[1..].iter().take_while(|w| *w != "TO").collect();
    granted.len() + 1 < words.len()
        && !granted.iter().any(|w| *w == "ON")
        && !granted
            .iter()
            .any(|w| RESERVED_ROLES.iter().any(|r| r.eq_ignore_ascii_case(w)))
}

/// The first `n` words of a statement: keywords upper-cased, quoted names unquoted, commas
/// and parentheses separating words.
fn words(statement: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = statement.chars().peekable();
    while out.len() < n {
        while chars
            .peek()
            .is_some_and(|c| c.is_whitespace() || *c == ',' || *c == '(' || *c == ')' || *c == ';')
        {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut word = String::new();
        if first == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                    } else {
                        break;
                    }
                }
                word.push(c);
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';') {
                    break;
                }
                word.push(c.to_ascii_uppercase());
                chars.next();
            }
        }
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_privileged_statements_run_as_the_superuser() {
        let su = |s: &str| classify(s).0 == Privilege::Superuser;
        assert!(su(
            "create extension if not exists vector with schema extensions;"
        ));
        assert!(su("COMMENT ON EXTENSION pg_net IS 'x'"));
        assert!(su("create extension \"uuid-ossp\" with schema extensions"));
        assert!(su("drop extension if exists pg_cron"));
        assert!(!su("create extension if not exists file_fdw"));
        assert!(!su("create extension pageinspect"));
        assert!(su(
            "create event trigger t on ddl_command_end execute function f()"
        ));
        assert!(su(
            "alter publication supabase_realtime add table public.todos"
        ));
        assert!(su(
            "create foreign data wrapper stripe_wrapper handler h validator v"
        ));
        assert!(su("alter role authenticated set statement_timeout = '8s'"));
        assert!(su("grant anon, authenticated to my_login"));
        assert!(!su("alter role supabase_admin set search_path = x"));
        assert!(!su("alter role \"supabase_auth_admin\" nologin"));
        assert!(!su("alter role app superuser"));
        assert!(!su("grant select on table t to anon"));
        assert!(!su("grant supabase_admin to app"));
        assert!(!su("create table extension (id int)"));
        assert!(!su("comment on table t is 'extension'"));
        assert_eq!(classify("create extension pg_net").1, Made::Extension);
        assert_eq!(
            classify("CREATE FOREIGN DATA WRAPPER w").1,
            Made::ForeignDataWrapper
        );
        assert!(matches!(
            classify("IMPORT FOREIGN SCHEMA stripe FROM SERVER s INTO stripe").0,
            Privilege::Skip(_)
        ));
        assert!(matches!(
            classify("security label for pgsodium on column t.c is 'x'").0,
            Privilege::Skip(_)
        ));
    }
}
