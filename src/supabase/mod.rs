//! Supabase support: the platform baseline and the extension shims (see `sql/README.md`).

pub mod assets;
