//! Include/exclude globs over relations and functions.

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::Catalog;

/// Which relations and functions to keep.
///
/// A pattern with a dot matches the qualified name (`app.*`, `public.audit_*`); a pattern
/// without one matches the bare name (`*_audit`). An object is kept when it matches an
/// include pattern (or there are none) and matches no exclude pattern.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

/// A glob that could not be compiled.
#[derive(Debug, thiserror::Error)]
#[error("invalid glob `{pattern}`: {source}")]
pub struct GlobError {
    /// The pattern as written.
    pub pattern: String,
    /// What is wrong with it.
    #[source]
    pub source: globset::Error,
}

impl Filter {
    /// Compiles include and exclude patterns.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, GlobError> {
        Ok(Self {
            include: compile(include)?,
            exclude: compile(exclude)?,
        })
    }

    /// Whether `schema.name` is kept.
    pub fn keeps(&self, schema: &str, name: &str) -> bool {
        let qualified = format!("{schema}.{name}");
        let hit = |set: &GlobSet| set.is_match(&qualified) || set.is_match(name);
        self.include.as_ref().is_none_or(hit) && !self.exclude.as_ref().is_some_and(hit)
    }
}

fn compile(patterns: &[String]) -> Result<Option<GlobSet>, GlobError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p).map_err(|source| GlobError {
            pattern: p.clone(),
            source,
        })?;
        builder.add(glob);
    }
    builder.build().map(Some).map_err(|source| GlobError {
        pattern: patterns.join(", "),
        source,
    })
}

impl Catalog {
    /// Drops the relations and functions the filters do not keep.
    pub fn retain(&mut self, relations: &Filter, functions: &Filter) {
        self.relations
            .retain(|r| relations.keeps(&r.schema, &r.name));
        self.functions
            .retain(|f| functions.keeps(&f.schema, &f.name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_and_bare_patterns() {
        let f = Filter::new(&["app.*".into(), "users".into()], &["*_audit".into()]).unwrap();
        assert!(f.keeps("app", "orders"));
        assert!(f.keeps("public", "users"));
        assert!(!f.keeps("public", "orders"));
        assert!(!f.keeps("app", "orders_audit"));
        let all = Filter::default();
        assert!(all.keeps("x", "y"));
    }
}
