//! Which functions PostgREST exposes through `/rpc` (and so which ones every target lists),
//! decided once for all targets.

use crate::model::{Arg, Catalog, Function, FunctionKind, Relation, TypeKind, TypeRef};

/// A function PostgREST can call, with its input arguments.
pub struct Exposed<'a> {
    /// The function.
    pub f: &'a Function,
    /// IN, INOUT and VARIADIC arguments.
    pub inputs: Vec<&'a Arg>,
}

/// Argument types PostgREST accepts for an unnamed parameter.
fn unnamed_ok(ty: &TypeRef) -> bool {
    ty.array_dims == 0 && (ty.is_builtin("json") || ty.is_builtin("jsonb") || ty.is_builtin("text"))
}

/// The relation whose row type `ty` is (not for arrays).
pub fn row_type_relation<'c>(catalog: &'c Catalog, ty: &TypeRef) -> Option<&'c Relation> {
    if ty.array_dims > 0 {
        return None;
    }
    match catalog.type_def(ty).map(|d| &d.kind) {
        Some(TypeKind::Relation) => catalog.relation(&ty.schema, &ty.name),
        _ => None,
    }
}

/// `f` with its inputs when PostgREST can call it: a function (not a procedure, not a
/// trigger) whose unnamed arguments are all defaulted json/jsonb/text ones, or whose single
/// argument is an unnamed json/jsonb/text or row value.
pub fn exposed<'f>(catalog: &Catalog, f: &'f Function) -> Option<Exposed<'f>> {
    if f.kind != FunctionKind::Function
        || f.returns.is_builtin("trigger")
        || f.returns.is_builtin("event_trigger")
    {
        return None;
    }
    let inputs: Vec<&Arg> = f.input_args().collect();
    let unnamed: Vec<&&Arg> = inputs.iter().filter(|a| a.name.is_none()).collect();
    let ok = unnamed.is_empty()
        || unnamed
            .iter()
            .all(|a| a.default.is_some() && unnamed_ok(&a.ty))
        || (inputs.len() == 1
            && (unnamed_ok(&inputs[0].ty) || row_type_relation(catalog, &inputs[0].ty).is_some()));
    ok.then_some(Exposed { f, inputs })
}

/// Whether PostgREST can call `f`.
pub fn is_exposed(catalog: &Catalog, f: &Function) -> bool {
    exposed(catalog, f).is_some()
}
