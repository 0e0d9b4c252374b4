//! The declared form of `database.schemas.ts` (`zod_declare`): the module states the type of
//! every export (`interface Output` / `interface Input`, keyed by export name) and annotates
//! each export with it, and starts with `// @ts-nocheck`, so that tsc reads the declarations
//! instead of checking and inferring every initializer (issue 14). The types come from the
//! same steps that build the schemas ([`super::typed`]); gen-types' tests check that they
//! are what `z.infer` and `z.input` give.

use super::typed::{Ty, Types};
use crate::emit::typescript::mapping::Ts;
use crate::plan::names::{ZOD_INPUT_TYPES, ZOD_OUTPUT_TYPES, ZOD_SCHEMA_TYPE};
use crate::print::doc::{member, print, text};
use crate::print::js::string_literal;

/// The declarations collected while the exports are written.
#[derive(Debug, Default)]
pub struct Declarations {
    outputs: Vec<String>,
    inputs: Vec<String>,
}

/// The annotation of export `name`: `Schema<"name">`.
pub fn annotation(name: &str) -> String {
    format!("{ZOD_SCHEMA_TYPE}<{}>", string_literal(name))
}

impl Declarations {
    /// Records the types of export `name`.
    pub fn add(&mut self, name: &str, types: &Types) {
        let line = |ty: Ts| format!("  {}", print(&member(name, false, ty.doc), 2, 2));
        self.outputs.push(line(ts(&types.output)));
        let input = match &types.input {
            Some(input) => ts(input),
            None => reference(name, false),
        };
        self.inputs.push(line(input));
    }

    /// The declarations as module text: the two interfaces and the `Schema<K>` type.
    pub fn render(&self, v3: bool) -> String {
        let block = |doc: &str, name: &str, members: &[String]| {
            if members.is_empty() {
                return format!("/** {doc} */\ninterface {name} {{}}");
            }
            let mut out = format!("/** {doc} */\ninterface {name} {{\n");
            for m in members {
                out.push_str(m);
                out.push('\n');
            }
            out.push('}');
            out
        };
        // As prettier lays it out (the Zod 3 form does not fit on one line).
        let schema = if v3 {
            format!(
                "z.ZodType<\n  {ZOD_OUTPUT_TYPES}[K],\n  z.ZodTypeDef,\n  {ZOD_INPUT_TYPES}[K]\n>"
            )
        } else {
            format!("z.ZodType<{ZOD_OUTPUT_TYPES}[K], {ZOD_INPUT_TYPES}[K]>")
        };
        format!(
            "{}\n\n{}\n\n/** The type of the schema `K`. */\ntype {ZOD_SCHEMA_TYPE}<K extends keyof {ZOD_OUTPUT_TYPES}> = {schema}",
            block(
                "What `z.infer` gives for each schema of this module.",
                ZOD_OUTPUT_TYPES,
                &self.outputs
            ),
            block(
                "What `z.input` gives for each schema of this module.",
                ZOD_INPUT_TYPES,
                &self.inputs
            ),
        )
    }
}

/// `Output["name"]` (or `Input["name"]`).
fn reference(name: &str, input: bool) -> Ts {
    let map = if input {
        ZOD_INPUT_TYPES
    } else {
        ZOD_OUTPUT_TYPES
    };
    Ts::named(format!("{map}[{}]", string_literal(name)))
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
