//! The handlebars templates: built into the binary, replaceable from a folder.
//!
//! `generators/<target>/<name>.hbs` are embedded at compile time (debug and release
//! alike); when the config names a `templates` folder, a file there with the same relative
//! path replaces the built-in one.

use std::collections::HashMap;
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

impl Templates {
    /// [`Self::render_json`] with `blocks` placed by the `print` helper:
    /// `{{{print BLOCK indent=N}}}`, optionally with `terminator=","`. The helper lays out
    /// each item of the block at column `N` (the column the template puts it at), one per
    /// line, so a template decides where members go and how deep, and the printer breaks
    /// lines for that depth exactly as prettier would. A block's handle in the view-model is
    /// what [`Blocks::add`] returned.
    pub fn render_with_blocks<L: Layout>(
        &self,
        name: &str,
        json: serde_json::Value,
        blocks: &Blocks<L>,
    ) -> Result<String, EmitError> {
        // A copy of the registry (a few compiled templates) that can hold a helper borrowing
        // `blocks` for this render.
        let mut registry: Handlebars<'_> = self.registry.clone();
        registry.register_helper("print", Box::new(PrintHelper { blocks }));
        let size = text_size(&json) + blocks.size;
        let mut out = Vec::with_capacity(size + size / 4 + TEMPLATE_SLACK);
        let context = handlebars::Context::from(json);
        registry
            .render_with_context_to_write(name, &context, &mut out)
            .map_err(|e| template_error(name, e))?;
        String::from_utf8(out).map_err(|e| template_error(name, e))
    }

    /// Where template `name` places blocks, by the last segment of the path its `print`
    /// calls name them by (`row`, `../row`, `this.row`: `row`), when every call with that
    /// name agrees on a literal column and terminator: the emitter lays those blocks out
    /// ahead (on its worker threads), at that column. Empty unless every call names one of
    /// `known` (a call through `this` or a subexpression could place any block anywhere).
    pub fn placements(&self, name: &str, known: &[&str]) -> Placements {
        let mut found: HashMap<String, Option<Placement>> = HashMap::new();
        if let Some(t) = self.registry.get_template(name) {
            collect_placements(t, &mut found);
        }
        if found.keys().any(|k| !known.contains(&k.as_str())) {
            return Placements::new();
        }
        found
            .into_iter()
            .filter_map(|(k, p)| Some((k, p?)))
            .collect()
    }
}

/// Where blocks of one name go: the column and terminator of the `print` calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// `indent=N`.
    pub indent: usize,
    /// `terminator="..."`.
    pub terminator: String,
}

/// Placements by block name (see [`Templates::placements`]).
pub type Placements = HashMap<String, Placement>;

/// Adds the `print` calls of `t` (and of the blocks in it) to `found`; a name placed two
/// ways maps to `None`.
fn collect_placements(
    t: &handlebars::template::Template,
    found: &mut HashMap<String, Option<Placement>>,
) {
    use handlebars::template::{Parameter, TemplateElement};
    for e in &t.elements {
        let h = match e {
            TemplateElement::Expression(h)
            | TemplateElement::HtmlExpression(h)
            | TemplateElement::HelperBlock(h) => h,
            _ => continue,
        };
        for inner in h.template.iter().chain(&h.inverse) {
            collect_placements(inner, found);
        }
        if h.name.as_name() != Some("print") {
            continue;
        }
        // A block given by anything but a path (a subexpression) is keyed "": the emitter
        // then lays nothing out ahead.
        let path = h.params.first().and_then(Parameter::as_name).unwrap_or("");
        let key = path.rsplit(['/', '.']).next().unwrap_or(path).to_string();
        let literal = |k: &str| match h.hash.get(k) {
            Some(Parameter::Literal(v)) => Some(v.clone()),
            _ => None,
        };
        let indent = literal("indent").and_then(|v| v.as_u64());
        let terminator = literal("terminator");
        let placement = indent.and_then(|n| {
            Some(Placement {
                indent: usize::try_from(n).ok()?.min(MAX_INDENT),
                terminator: match &terminator {
                    Some(v) => v.as_str()?.to_string(),
                    None => String::new(),
                },
            })
        });
        let agreed = match found.get(&key) {
            None => placement,
            Some(before) if *before == placement => placement,
            Some(_) => None,
        };
        found.insert(key, agreed);
    }
}

/// An item a template places with the `print` helper: typed data that is laid out at the
/// column the template says.
pub trait Layout: Send + Sync {
    /// Appends the item laid out at column `indent` (its first line without the indent:
    /// the template or the line before writes it).
    fn layout(&self, indent: usize, out: &mut String);
    /// About how many bytes the item takes (to size the output once).
    fn size(&self) -> usize;
}

/// A list of items one `print` call places: the items, or their text when it was laid out
/// ahead for the placement the template declares.
pub enum Block<L> {
    /// Laid out where the template places it.
    Items(Vec<L>),
    /// Laid out already, for this placement (not empty).
    Laid(Placement, String),
}

impl<L: Layout> Block<L> {
    /// The block of `items`, laid out now (on the caller's thread, which drops the items)
    /// when `placed` says where the template puts it.
    pub fn new(items: Vec<L>, placed: Option<&Placement>) -> Self {
        match placed {
            Some(p) if !items.is_empty() => {
                let text = lay_out(&items, p.indent, &p.terminator);
                Block::Laid(p.clone(), text)
            }
            _ => Block::Items(items),
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Block::Items(items) if items.is_empty())
    }

    fn size(&self) -> usize {
        match self {
            Block::Laid(_, text) => text.len(),
            Block::Items(items) => items.iter().map(|i| i.size() + 12).sum(),
        }
    }
}

/// The items one per line at column `indent` (the first line's indent is the caller's),
/// each followed by `terminator`.
fn lay_out<L: Layout>(items: &[L], indent: usize, terminator: &str) -> String {
    let mut text = String::with_capacity(items.iter().map(|i| i.size() + indent + 2).sum());
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            text.push('\n');
            text.extend(std::iter::repeat_n(' ', indent));
        }
        item.layout(indent, &mut text);
        text.push_str(terminator);
    }
    text
}

/// The blocks of one render, each placed by `print` calls.
pub struct Blocks<L> {
    blocks: Vec<Block<L>>,
    size: usize,
}

impl<L: Layout> Default for Blocks<L> {
    fn default() -> Self {
        Self {
            blocks: Vec::new(),
            size: 0,
        }
    }
}

impl<L: Layout> Blocks<L> {
    /// Stores a block; returns its handle for the view-model: `null` when it is empty (so
    /// `{{#if}}` tests for members), else a number from 1.
    pub fn add(&mut self, block: Block<L>) -> serde_json::Value {
        if block.is_empty() {
            return serde_json::Value::Null;
        }
        self.size += block.size();
        self.blocks.push(block);
        // From 1: handlebars' `{{#if}}` takes 0 for false.
        serde_json::Value::from(self.blocks.len())
    }
}

/// `{{{print BLOCK indent=N terminator=","}}}`.
struct PrintHelper<'a, L> {
    blocks: &'a Blocks<L>,
}

impl<L: Layout> handlebars::HelperDef for PrintHelper<'_, L> {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc handlebars::Context,
        _: &mut handlebars::RenderContext<'reg, 'rc>,
        out: &mut dyn handlebars::Output,
    ) -> handlebars::HelperResult {
        let block = h
            .param(0)
            .and_then(|p| p.value().as_u64())
            .and_then(|i| {
                let i = usize::try_from(i).ok()?.checked_sub(1)?;
                self.blocks.blocks.get(i)
            })
            .ok_or(handlebars::RenderErrorReason::InvalidParamType(
                "print: a block handle",
            ))?;
        let indent = h
            .hash_get("indent")
            .and_then(|v| v.value().as_u64())
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
            .min(MAX_INDENT);
        let terminator = h
            .hash_get("terminator")
            .and_then(|v| v.value().as_str())
            .unwrap_or("");
        match block {
            Block::Items(items) => out.write(&lay_out(items, indent, terminator))?,
            Block::Laid(p, text) if p.indent == indent && p.terminator == terminator => {
                out.write(text)?
            }
            // Placements come from this template's calls, by the blocks' names: a block
            // reached under another name could land here.
            Block::Laid(p, _) => {
                return Err(handlebars::RenderErrorReason::Other(format!(
                    "print: a block laid out for column {} placed at column {indent}; name blocks by their own names",
                    p.indent
                ))
                .into());
            }
        }
        Ok(())
    }
}

/// The deepest column a template may place a block at.
const MAX_INDENT: usize = 200;

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
