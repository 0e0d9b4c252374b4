//! Warnings about what the emitters will not write as the catalog asks: each names the
//! place (`schema.relation.column`). They are decided by the same functions the emitters
//! call, so a warning is printed exactly when an emitter falls back.

use crate::config::{Config, TsCompat};
use crate::model::Catalog;
use crate::plan::{bounds, rules, types};
use crate::target::Target;

use super::rust::typify::JsonTypes;
use super::typescript::type_tag::type_tag;

/// The warnings for generating `config`'s targets from `catalog`.
pub fn warnings(catalog: &Catalog, config: &Config) -> Vec<String> {
    let targets = config.selected_targets();
    let mut out = bounds::warnings(catalog);
    let catalog = bounds::bounded(catalog);
    for rel in &catalog.relations {
        for c in &rel.columns {
            let place = || format!("{}.{}.{}", rel.schema, rel.name, c.name);
            // Only precise mode reads `@type` tags.
            if targets.contains(&Target::Typescript)
                && config.typescript.compat == TsCompat::Precise
                && let Some(Err(tag)) = c.comment.as_deref().and_then(type_tag)
            {
                out.push(format!(
                    "{}: `@type {tag}` ignored: not a TypeScript type of the accepted grammar (README, `@type` tags)",
                    place()
                ));
            }
            if targets.contains(&Target::Rust)
                && let base = types::resolve(&catalog, &c.ty)
                && (base.is_builtin("json") || base.is_builtin("jsonb"))
            {
                let r = rules::column_rules(&catalog, rel, c);
                if let Some(schema) = r.json_schema.filter(|_| r.array_dims == 0)
                    && let Err(why) = JsonTypes::check(&schema)
                {
                    out.push(format!(
                        "{}: its JSON Schema CHECK cannot be made Rust types ({why}); read as serde_json::Value",
                        place()
                    ));
                }
            }
        }
    }
    out
}
