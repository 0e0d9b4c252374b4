//! TypeScript `Database` types (work in progress).
use super::EmitError;
use crate::config::Config;
use crate::model::Catalog;

/// Renders `database.types.ts`.
pub fn emit(catalog: &Catalog, _config: &Config) -> Result<String, EmitError> {
    Ok(format!("// {} relations\n", catalog.relations.len()))
}
