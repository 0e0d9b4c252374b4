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

    /// Renders a template with a view-model. The view-model is taken by value: handlebars
    /// works on a JSON copy of it, and on big schemas the view-model, that copy and the
    /// output are each about the size of the file, so the original is dropped first.
    pub fn render(&self, name: &str, data: impl Serialize) -> Result<String, EmitError> {
        let json = serde_json::to_value(&data).map_err(|e| template_error(name, e))?;
        drop(data);
        self.render_json(name, json)
    }

    /// Renders a template with a view-model already in JSON form (built by moving its
    /// strings in, it needs no copy). The output is allocated once, at the size the
    /// view-model's strings suggest.
    pub fn render_json(&self, name: &str, json: serde_json::Value) -> Result<String, EmitError> {
        let size = text_size(&json);
        let mut out = Vec::with_capacity(size + size / 4 + TEMPLATE_SLACK);
        let context = handlebars::Context::from(json);
        self.registry
            .render_with_context_to_write(name, &context, &mut out)
            .map_err(|e| template_error(name, e))?;
        String::from_utf8(out).map_err(|e| template_error(name, e))
    }
}

fn template_error(name: &str, e: impl std::fmt::Display) -> EmitError {
    EmitError::Template {
        template: name.to_string(),
        message: e.to_string(),
    }
}

/// A JSON object of `fields`, moved in (for [`Templates::render_json`]).
pub fn object<const N: usize>(fields: [(&str, serde_json::Value); N]) -> serde_json::Value {
    serde_json::Value::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// A JSON array of `items`, each turned into JSON by `f` (for [`Templates::render_json`]).
pub fn array<T>(items: Vec<T>, f: impl Fn(T) -> serde_json::Value) -> serde_json::Value {
    serde_json::Value::Array(items.into_iter().map(f).collect())
}

/// Room for the template's own text beside the view-model's strings (with a quarter more).
const TEMPLATE_SLACK: usize = 64 * 1024;

/// The bytes of all strings in a JSON value: about the size of a file rendered from it.
fn text_size(v: &serde_json::Value) -> usize {
    use serde_json::Value;
    match v {
        Value::String(s) => s.len(),
        Value::Array(items) => items.iter().map(text_size).sum(),
        Value::Object(map) => map.values().map(text_size).sum(),
        _ => 8,
    }
}
