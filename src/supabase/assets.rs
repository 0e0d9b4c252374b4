//! The SQL that makes a plain PostgreSQL cluster look like a Supabase project: the platform
//! baseline and the extension shims, embedded from `src/supabase/sql/` (documented in its
//! `README.md`).

/// One baseline file: its name and its text, embedded from `sql/baseline/`.
macro_rules! baseline {
    ($file:literal) => {
        ($file, include_str!(concat!("sql/baseline/", $file)))
    };
}

/// One shim's file, embedded from `sql/shims/<extension>/`.
macro_rules! shim_file {
    ($dir:literal, $file:literal) => {
        ($file, include_str!(concat!("sql/shims/", $dir, "/", $file)))
    };
}

/// Baseline scripts, applied in this order as the superuser to a fresh cluster, after the
/// [`SHIMS`] the server lacks have been installed (the baseline enables `pg_net` and
/// `supabase_vault`, as the platform does).
pub const BASELINE: &[(&str, &str)] = &[
    baseline!("00_roles.sql"),
    baseline!("10_schemas.sql"),
    baseline!("20_auth.sql"),
    baseline!("30_storage.sql"),
    baseline!("40_realtime.sql"),
    baseline!("50_services.sql"),
    baseline!("80_extension_grants.sql"),
    baseline!("90_privileges.sql"),
];

/// One shim extension: installed into the server's extension folder when the server lacks
/// the real extension, so that `CREATE EXTENSION name` then works unchanged.
#[derive(Debug)]
pub struct Shim {
    /// The extension's name, as in `CREATE EXTENSION name`.
    pub name: &'static str,
    /// The files to put in the extension folder: file name and contents (the `.control`
    /// file and one install script).
    pub files: &'static [(&'static str, &'static str)],
}

/// Every shim, by extension name.
pub const SHIMS: &[Shim] = &[
    Shim {
        name: "http",
        files: &[
            shim_file!("http", "http.control"),
            shim_file!("http", "http--1.7.sql"),
        ],
    },
    Shim {
        name: "pg_cron",
        files: &[
            shim_file!("pg_cron", "pg_cron.control"),
            shim_file!("pg_cron", "pg_cron--1.6.sql"),
        ],
    },
    Shim {
        name: "pg_graphql",
        files: &[
            shim_file!("pg_graphql", "pg_graphql.control"),
            shim_file!("pg_graphql", "pg_graphql--1.6.1.sql"),
        ],
    },
    Shim {
        name: "pg_hashids",
        files: &[
            shim_file!("pg_hashids", "pg_hashids.control"),
            shim_file!("pg_hashids", "pg_hashids--1.3.sql"),
        ],
    },
    Shim {
        name: "pg_jsonschema",
        files: &[
            shim_file!("pg_jsonschema", "pg_jsonschema.control"),
            shim_file!("pg_jsonschema", "pg_jsonschema--0.3.4.sql"),
        ],
    },
    Shim {
        name: "pg_net",
        files: &[
            shim_file!("pg_net", "pg_net.control"),
            shim_file!("pg_net", "pg_net--0.20.4.sql"),
        ],
    },
    Shim {
        name: "pgjwt",
        files: &[
            shim_file!("pgjwt", "pgjwt.control"),
            shim_file!("pgjwt", "pgjwt--0.2.0.sql"),
        ],
    },
    Shim {
        name: "pgsodium",
        files: &[
            shim_file!("pgsodium", "pgsodium.control"),
            shim_file!("pgsodium", "pgsodium--3.1.10.sql"),
        ],
    },
    Shim {
        name: "plv8",
        files: &[
            shim_file!("plv8", "plv8.control"),
            shim_file!("plv8", "plv8--3.2.2.sql"),
        ],
    },
    Shim {
        name: "postgis",
        files: &[
            shim_file!("postgis", "postgis.control"),
            shim_file!("postgis", "postgis--3.3.7.sql"),
        ],
    },
    Shim {
        name: "supabase_vault",
        files: &[
            shim_file!("supabase_vault", "supabase_vault.control"),
            shim_file!("supabase_vault", "supabase_vault--0.3.1.sql"),
        ],
    },
    Shim {
        name: "vector",
        files: &[
            shim_file!("vector", "vector.control"),
            shim_file!("vector", "vector--0.8.6.sql"),
        ],
    },
    Shim {
        name: "wrappers",
        files: &[
            shim_file!("wrappers", "wrappers.control"),
            shim_file!("wrappers", "wrappers--0.6.2.sql"),
        ],
    },
];

/// A hash of every baseline and shim file name and text, for the cluster cache key: the
/// same on every run and every build (64-bit FNV-1a, not the std hasher, whose output may
/// change between Rust releases).
pub fn fingerprint() -> u64 {
    let mut hash = Fnv::new();
    for (name, sql) in BASELINE {
        hash.field(name);
        hash.field(sql);
    }
    for shim in SHIMS {
        hash.field(shim.name);
        for (name, text) in shim.files {
            hash.field(name);
            hash.field(text);
        }
    }
    hash.0
}

/// 64-bit FNV-1a over length-prefixed fields (so that moving text between fields changes it).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn field(&mut self, text: &str) {
        self.bytes(&(text.len() as u64).to_le_bytes());
        self.bytes(text.as_bytes());
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv_1a_and_fields_are_delimited() {
        // The published FNV-1a 64 test vector: the hash cannot drift between builds.
        let mut known = Fnv::new();
        known.bytes(b"a");
        assert_eq!(known.0, 0xaf63_dc4c_8601_ec8c);
        let mut a = Fnv::new();
        a.field("ab");
        a.field("c");
        let mut b = Fnv::new();
        b.field("a");
        b.field("bc");
        assert_ne!(a.0, b.0);
    }

    #[test]
    fn each_shim_has_a_control_file_and_the_script_of_its_version() {
        let mut names: Vec<_> = SHIMS.iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), SHIMS.len());
        for shim in SHIMS {
            let control = format!("{}.control", shim.name);
            let (_, text) = shim
                .files
                .iter()
                .find(|(n, _)| *n == control)
                .unwrap_or_else(|| panic!("{} has no control file", shim.name));
            let version = text
                .lines()
                .find_map(|l| l.strip_prefix("default_version = '"))
                .and_then(|v| v.strip_suffix('\''))
                .unwrap_or_else(|| panic!("{control} has no default_version"));
            let script = format!("{}--{version}.sql", shim.name);
            assert!(
                shim.files.iter().any(|(n, _)| *n == script),
                "{} lacks {script}",
                shim.name
            );
            assert!(
                !shim
                    .files
                    .iter()
                    .any(|(_, t)| t.contains("MODULE_PATHNAME")),
                "{} needs a library of its own",
                shim.name
            );
        }
    }

    #[test]
    fn baseline_files_are_listed_in_apply_order() {
        let names: Vec<_> = BASELINE.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }
}
