//! Bounds on what an untrusted catalog can ask of the emitters.
//!
//! Postgres records the array dimensions a column was declared with (`int[][][]...`, up to
//! any count it parses) but never enforces them: every array value has at most
//! [`MAX_ARRAY_DIMS`] dimensions (`MAXDIM` in the server). A snapshot may say anything. So
//! the plan reads declared dimensions through [`bounded`], which caps them at what a value
//! can have; emitters then never build (or ask syn, Zod or tsc to parse) types nested
//! thousands deep.

use std::borrow::Cow;

use crate::model::{Catalog, TypeKind, TypeRef};

/// The most dimensions a Postgres array value can have (`MAXDIM`).
pub const MAX_ARRAY_DIMS: u32 = 6;

/// `catalog` with every declared array dimension count capped at [`MAX_ARRAY_DIMS`]
/// (borrowed unchanged when none is over).
pub fn bounded(catalog: &Catalog) -> Cow<'_, Catalog> {
    if over(catalog).next().is_none() {
        return Cow::Borrowed(catalog);
    }
    let mut c = catalog.clone();
    for_each_type_ref(&mut c, &mut |t| {
        t.array_dims = t.array_dims.min(MAX_ARRAY_DIMS)
    });
    Cow::Owned(c)
}

/// One warning per place whose declared dimensions [`bounded`] caps: `schema.object.part`.
pub fn warnings(catalog: &Catalog) -> Vec<String> {
    over(catalog)
        .map(|(place, dims)| {
            format!(
                "{place}: declared with {dims} array dimensions; typed with {MAX_ARRAY_DIMS}, the most a Postgres array value has"
            )
        })
        .collect()
}

/// The places (`schema.object.part`) declared with more than [`MAX_ARRAY_DIMS`] dimensions.
/// A place is named only once it is known to be over (this runs on every column).
fn over(catalog: &Catalog) -> impl Iterator<Item = (String, u32)> + '_ {
    let is_over = |t: &TypeRef| t.array_dims > MAX_ARRAY_DIMS;
    let columns = catalog.relations.iter().flat_map(move |r| {
        r.columns
            .iter()
            .filter(move |c| is_over(&c.ty))
            .map(move |c| {
                (
                    format!("{}.{}.{}", r.schema, r.name, c.name),
                    c.ty.array_dims,
                )
            })
    });
    let types = catalog.types.iter().flat_map(move |d| {
        let refs: Vec<(&str, &TypeRef)> = match &d.kind {
            TypeKind::Domain { base, .. } => vec![("base", base)],
            TypeKind::Composite { attributes } => attributes
                .iter()
                .map(|a| (a.name.as_str(), &a.ty))
                .collect(),
            TypeKind::Range { subtype } => vec![("subtype", subtype)],
            TypeKind::Multirange { range } => vec![("range", range)],
            TypeKind::Base { .. } | TypeKind::Enum { .. } | TypeKind::Relation => Vec::new(),
        };
        refs.into_iter()
            .filter(move |(_, t)| is_over(t))
            .map(move |(part, t)| (format!("{}.{}.{part}", d.schema, d.name), t.array_dims))
    });
    let functions = catalog.functions.iter().flat_map(move |f| {
        let args = f
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| (Some((i, a)), &a.ty));
        args.chain(std::iter::once((None, &f.returns)))
            .filter(move |(_, t)| is_over(t))
            .map(move |(arg, t)| {
                let part = match arg {
                    Some((i, a)) => a.name.clone().unwrap_or_else(|| format!("${}", i + 1)),
                    None => "returns".to_string(),
                };
                (format!("{}.{}.{part}", f.schema, f.name), t.array_dims)
            })
    });
    columns.chain(types).chain(functions)
}

/// Calls `f` on every [`TypeRef`] of `catalog`.
fn for_each_type_ref(catalog: &mut Catalog, f: &mut impl FnMut(&mut TypeRef)) {
    for r in &mut catalog.relations {
        r.columns.iter_mut().for_each(|c| f(&mut c.ty));
    }
    for d in &mut catalog.types {
        match &mut d.kind {
            TypeKind::Domain { base, .. } => f(base),
            TypeKind::Composite { attributes } => attributes.iter_mut().for_each(|a| f(&mut a.ty)),
            TypeKind::Range { subtype } => f(subtype),
            TypeKind::Multirange { range } => f(range),
            TypeKind::Base { .. } | TypeKind::Enum { .. } | TypeKind::Relation => {}
        }
    }
    for func in &mut catalog.functions {
        func.args.iter_mut().for_each(|a| f(&mut a.ty));
        f(&mut func.returns);
    }
}
