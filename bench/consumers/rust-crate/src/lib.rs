//! The generated module, as a user includes it.
#[allow(dead_code, clippy::all)]
pub mod database;
