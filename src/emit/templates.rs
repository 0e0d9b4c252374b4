//! The handlebars templates: built into the binary, replaceable from a folder.
//!
//! `generators/<target>/<name>.hbs` are embedded at compile time (debug and release
//! alike); when the config names a `templates` folder, a file there with the same relative
//! path replaces the built-in one.

use std::path::Path;

use handlebars::Handlebars;
use serde::Serialize;

use super::EmitError;

/// Built-in templates by name (`<target>/<file>` without `.hbs`).
const BUILT_IN: &[(&str, &str)] = &[
    (
        "typescript/database.ts",
        include_str!("../../generators/typescript/database.ts.hbs"),
    ),
    (
        "zod/database.schemas.ts",
        include_str!("../../generators/zod/database.schemas.ts.hbs"),
    ),
    (
        "contracts/database.contracts.ts",
        include_str!("../../generators/contracts/database.contracts.ts.hbs"),
    ),
];

/// A ready template registry.
pub struct Templates {
    registry: Handlebars<'static>,
}

impl Templates {
    /// Loads the built-in templates whose names `wanted` accepts (compiling one costs a few
    /// milliseconds), replaced by files from `override_dir` where present.
    pub fn load(
        override_dir: Option<&Path>,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Self, EmitError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(handlebars::no_escape);
        for (name, text) in BUILT_IN.iter().filter(|(name, _)| wanted(name)) {
            let custom = override_dir
                .map(|d| d.join(format!("{name}.hbs")))
                .filter(|p| p.is_file());
            let source = match &custom {
                Some(path) => std::fs::read_to_string(path).map_err(|e| EmitError::Template {
                    template: path.display().to_string(),
                    message: e.to_string(),
                })?,
                None => (*text).to_string(),
            };
            registry
                .register_template_string(name, source)
                .map_err(|e| EmitError::Template {
                    template: custom
                        .map_or_else(|| (*name).to_string(), |p| p.display().to_string()),
                    message: e.to_string(),
                })?;
        }
        Ok(Self { registry })
    }

    /// Renders a template with a view-model.
    pub fn render(&self, name: &str, data: &impl Serialize) -> Result<String, EmitError> {
        self.registry
            .render(name, data)
            .map_err(|e| EmitError::Template {
                template: name.to_string(),
                message: e.to_string(),
            })
    }
}
