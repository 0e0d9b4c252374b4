//! The declared form of `database.schemas.ts` (`zod_declare`): the module states the type of
//! every export (`interface Output` / `interface Input`, keyed by export name) and annotates
//! each export with it, and starts with `// @ts-nocheck`, so that tsc reads the declarations
//! instead of checking and inferring every initializer (issue 14). The types come from the
//! same steps that build the schemas ([`super::typed`]); gen-types' tests check that they
//! are what `z.infer` and `z.input` give.

use super::typed::{Ty, Types};
use crate::emit::typescript::mapping::Ts;
use crate::plan::names::{ZOD_INPUT_TYPES, ZOD_OUTPUT_TYPES, ZOD_SCHEMA_TYPE};
use crate::print::doc::{WIDTH, member, print, text, width};
use crate::print::js::{push_property_key, string_literal};

/// The declarations collected while the exports are written: each export's member lines
/// of the two interfaces, in chunks (one per emitter that wrote them, in export order), so
/// that joining the emitters' declarations moves them instead of copying.
#[derive(Debug, Default)]
pub struct Declarations {
    chunks: Vec<Chunk>,
}

/// The member lines of some exports, each line ending in a newline.
#[derive(Debug, Default)]
struct Chunk {
    outputs: String,
    inputs: String,
}

/// The annotation of export `name`: `Schema<"name">`.
pub fn annotation(name: &str) -> String {
    format!("{ZOD_SCHEMA_TYPE}<{}>", string_literal(name))
}

const OUTPUT_DOC: &str = "What `z.infer` gives for each schema of this module.";
const INPUT_DOC: &str = "What `z.input` gives for each schema of this module.";
const SCHEMA_DOC: &str = "The type of the schema `K`.";

impl Declarations {
    /// Appends `other`'s declarations after these.
    pub fn append(&mut self, other: Declarations) {
        self.chunks.extend(other.chunks);
    }

    /// Records the types of export `name`.
    pub fn add(&mut self, name: &str, types: &Types) {
        if self.chunks.is_empty() {
            self.chunks.push(Chunk::default());
        }
        let Some(chunk) = self.chunks.last_mut() else {
            return;
        };
        member_lines(&mut chunk.outputs, 2, name, false, &types.output);
        chunk.outputs.push('\n');
        match &types.input {
            Some(input) => member_lines(&mut chunk.inputs, 2, name, false, input),
            None => {
                chunk.inputs.push_str("  ");
                push_property_key(&mut chunk.inputs, name);
                chunk.inputs.push_str(": ");
                chunk.inputs.push_str(&reference_text(name, false));
            }
        }
        chunk.inputs.push('\n');
    }

    /// The declarations as module text: the two interfaces and the `Schema<K>` type, as
    /// prettier lays them out (the Zod 3 form of `Schema<K>` does not fit on one line).
    pub fn render(&self, v3: bool) -> String {
        let schema = if v3 {
            format!(
                "z.ZodType<\n  {ZOD_OUTPUT_TYPES}[K],\n  z.ZodTypeDef,\n  {ZOD_INPUT_TYPES}[K]\n>"
            )
        } else {
            format!("z.ZodType<{ZOD_OUTPUT_TYPES}[K], {ZOD_INPUT_TYPES}[K]>")
        };
        let members: usize = self
            .chunks
            .iter()
            .map(|c| c.outputs.len() + c.inputs.len())
            .sum();
        let mut out = String::with_capacity(members + 512);
        self.block(&mut out, OUTPUT_DOC, ZOD_OUTPUT_TYPES, |c| &c.outputs);
        out.push_str("\n\n");
        self.block(&mut out, INPUT_DOC, ZOD_INPUT_TYPES, |c| &c.inputs);
        out.push_str("\n\n/** ");
        out.push_str(SCHEMA_DOC);
        out.push_str(" */\ntype ");
        out.push_str(ZOD_SCHEMA_TYPE);
        out.push_str("<K extends keyof ");
        out.push_str(ZOD_OUTPUT_TYPES);
        out.push_str("> = ");
        out.push_str(&schema);
        out
    }

    /// `/** doc */` and `interface name { ... }` with the member lines `side` picks.
    fn block(&self, out: &mut String, doc: &str, name: &str, side: fn(&Chunk) -> &String) {
        out.push_str("/** ");
        out.push_str(doc);
        out.push_str(" */\ninterface ");
        out.push_str(name);
        if self.chunks.iter().all(|c| side(c).is_empty()) {
            out.push_str(" {}");
            return;
        }
        out.push_str(" {\n");
        for c in &self.chunks {
            out.push_str(side(c));
        }
        out.push('}');
    }
}

/// `Output["name"]` (or `Input["name"]`).
fn reference_text(name: &str, input: bool) -> String {
    let map = if input {
        ZOD_INPUT_TYPES
    } else {
        ZOD_OUTPUT_TYPES
    };
    format!("{map}[{}]", string_literal(name))
}

fn reference(name: &str, input: bool) -> Ts {
    Ts::named(reference_text(name, input))
}

/// `key: type` at `indent`, as the lines prettier prints. The common members (a type
/// without objects that fits on the line, an expanded object) are written directly; the
/// rest are laid out by [`ts`] and the document printer, which this shortcut must equal.
fn member_lines(out: &mut String, indent: usize, key: &str, optional: bool, ty: &Ty) {
    let start = out.len();
    out.extend(std::iter::repeat_n(' ', indent));
    push_property_key(out, key);
    out.push_str(if optional { "?: " } else { ": " });
    if let Ty::Object(members) = ty
        && !members.is_empty()
    {
        out.push_str("{\n");
        for (k, t, o) in members {
            member_lines(out, indent + 2, k, *o, t);
            out.push('\n');
        }
        out.extend(std::iter::repeat_n(' ', indent));
        out.push('}');
        return;
    }
    let before = out.len();
    if flat(out, ty) && width(&out[start..]) <= WIDTH {
        return;
    }
    out.truncate(before);
    out.truncate(start);
    out.extend(std::iter::repeat_n(' ', indent));
    out.push_str(&print(&member(key, optional, ts(ty).doc), indent, indent));
}

/// Writes the type on one line; false when it holds an object type (which prettier keeps
/// expanded).
fn flat(out: &mut String, ty: &Ty) -> bool {
    match ty {
        Ty::Name(n) => out.push_str(n),
        Ty::Lit(code) => out.push_str(code),
        Ty::Ref(name, input) => out.push_str(&reference_text(name, *input)),
        Ty::Union(members) => {
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(" | ");
                }
                if !flat(out, m) {
                    return false;
                }
            }
        }
        Ty::Array(element) => {
            let union = matches!(**element, Ty::Union(_));
            if union {
                out.push('(');
            }
            if !flat(out, element) {
                return false;
            }
            out.push_str(if union { ")[]" } else { "[]" });
        }
        Ty::Object(members) if members.is_empty() => out.push_str("{}"),
        Ty::Object(_) => return false,
        Ty::Record(value) => {
            out.push_str("Record<string, ");
            if !flat(out, value) {
                return false;
            }
            out.push('>');
        }
    }
    true
}

/// The type, laid out as prettier lays out TypeScript types (objects kept expanded).
fn ts(ty: &Ty) -> Ts {
    match ty {
        Ty::Name(n) => Ts::named(*n),
        Ty::Lit(code) => Ts::named(code.clone()),
        Ty::Ref(name, input) => reference(name, *input),
        Ty::Union(members) => Ts::union_of(members.iter().map(ts).collect()),
        Ty::Array(element) => ts(element).array(1),
        Ty::Object(members) => Ts::object(
            members
                .iter()
                .map(|(k, t, optional)| member(k, *optional, ts(t).doc))
                .collect(),
            true,
        ),
        Ty::Record(value) => Ts::generic("Record", vec![text("string"), ts(value).doc]),
    }
}
