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
/// A place is named only when it is over: this runs on every column of every target.
fn over(catalog: &Catalog) -> impl Iterator<Item = (String, u32)> + '_ {
    let is_over = |t: &TypeRef| t.array_dims > MAX_ARRAY_DIMS;
    let columns = catalog.relations.iter().flat_map(move |r| {
        r.columns
            .iter()
            .filter(move |c| is_over(&c.ty))
            .map(move |c| (format!("{}.{}.{}", r.schema, r.name, c.name), &c.ty))
    });
    let types = catalog.types.iter().flat_map(move |d| {
        let place = move |part: &str| format!("{}.{}.{part}", d.schema, d.name);
        let refs: Vec<(String, &TypeRef)> = match &d.kind {
            TypeKind::Domain { base, .. } if is_over(base) => vec![(place("base"), base)],
            TypeKind::Composite { attributes } => attributes
                .iter()
                .filter(|a| is_over(&a.ty))
                .map(|a| (place(&a.name), &a.ty))
                .collect(),
            TypeKind::Range { subtype } if is_over(subtype) => vec![(place("subtype"), subtype)],
            TypeKind::Multirange { range } if is_over(range) => vec![(place("range"), range)],
            _ => Vec::new(),
        };
        refs
    });
    let functions = catalog.functions.iter().flat_map(move |f| {
        let place = move |part: &str| format!("{}.{}.{part}", f.schema, f.name);
        let args = f
            .args
            .iter()
            .enumerate()
            .filter(move |(_, a)| is_over(&a.ty));
        let args = args.map(move |(i, a)| {
            let part = a.name.clone().unwrap_or_else(|| format!("${}", i + 1));
            (place(&part), &a.ty)
        });
        let returns = is_over(&f.returns).then(|| (place("returns"), &f.returns));
        args.chain(returns)
    });
    columns
        .chain(types)
        .chain(functions)
        .map(|(place, t)| (place, t.array_dims))
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
