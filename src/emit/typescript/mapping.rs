//! Postgres type -> TypeScript type: the one table, per transport profile and mode.

use std::collections::BTreeSet;

use super::doc::{Doc, concat, object, string_literal, text, union};
use super::jsonschema;
use crate::config::{Overrides, TsCompat, TsTransport};
use crate::model::{Catalog, CheckFact, Literal, Relation, Subject, TypeKind, TypeRef};

/// The syntactic kind of a type's top level, which decides how prettier lays out unions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `string`, `number`, `null`, `unknown`, ...
    Keyword,
    /// `"a"`, `1`, `true`.
    Literal,
    /// A named type, possibly generic: `Json`, `Record<string, unknown>`.
    Reference,
    /// `Database["public"]["Enums"]["x"]`.
    IndexedAccess,
    /// `{ ... }`.
    Object,
    /// `T[]`.
    Array,
    /// `A | B`.
    Union,
    /// Anything else (intersections).
    Other,
}

/// A TypeScript type, with what the layout rules need to know about its shape.
#[derive(Debug, Clone)]
pub struct Ts {
    /// The type.
    pub doc: Doc,
    /// Its top-level syntax.
    pub kind: Kind,
    /// For unions: the members (to re-lay them inside `( )[]`).
    pub members: Vec<Ts>,
    /// `unknown`/`any`: already includes null, so `| null` is not added.
    pub is_top: bool,
    /// The `Json` type.
    pub is_json: bool,
}

fn classify(s: &str) -> Kind {
    const KEYWORDS: &[&str] = &[
        "string",
        "number",
        "boolean",
        "null",
        "undefined",
        "unknown",
        "any",
        "never",
        "void",
        "bigint",
        "object",
    ];
    if KEYWORDS.contains(&s) {
        Kind::Keyword
    } else if s.starts_with('"')
        || s.starts_with('\'')
        || s == "true"
        || s == "false"
        || s.parse::<f64>().is_ok()
    {
        Kind::Literal
    } else if s.starts_with('{') {
        Kind::Object
    } else if s.ends_with("[]") {
        Kind::Array
    } else if s.contains(" | ") {
        Kind::Union
    } else if s.contains("][") || (s.contains('[') && !s.contains('<')) {
        Kind::IndexedAccess
    } else if s
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
    {
        Kind::Reference
    } else {
        Kind::Other
    }
}

impl Ts {
    /// A type written as text.
    pub fn named(s: impl Into<String>) -> Self {
        let s = s.into();
        Self {
            is_top: s == "unknown" || s == "any",
            is_json: s == "Json",
            kind: classify(&s),
            doc: text(s),
            members: Vec::new(),
        }
    }

    /// A type built as a document.
    pub fn of(doc: Doc, kind: Kind) -> Self {
        Self {
            doc,
            kind,
            members: Vec::new(),
            is_top: false,
            is_json: false,
        }
    }

    /// A union of string literals (or `never` when empty).
    pub fn literals(values: &[String]) -> Self {
        if values.is_empty() {
            return Ts::named("never");
        }
        Self::union_of(
            values
                .iter()
                .map(|v| Ts::named(string_literal(v)))
                .collect(),
        )
    }

    /// A union of types (nested unions are flattened, as TypeScript reads them).
    pub fn union_of(members: Vec<Ts>) -> Self {
        let mut flat = Vec::new();
        for m in members {
            if m.kind == Kind::Union && !m.members.is_empty() {
                flat.extend(m.members);
            } else {
                flat.push(m);
            }
        }
        if flat.len() == 1 {
            return flat.remove(0);
        }
        Self {
            doc: union(&flat),
            kind: Kind::Union,
            members: flat,
            is_top: false,
            is_json: false,
        }
    }

    /// An object type.
    pub fn object(members: Vec<Doc>, expanded: bool) -> Self {
        Self::of(object(members, expanded), Kind::Object)
    }

    /// `T[]` repeated `dims` times (a union element in parentheses, laid out as prettier
    /// does).
    pub fn array(self, dims: u32) -> Self {
        let mut t = self;
        for _ in 0..dims {
            let doc = if t.kind == Kind::Union && !t.members.is_empty() {
                super::doc::paren_union_array(&t.members)
            } else {
                concat(vec![t.doc, text("[]")])
            };
            t = Ts::of(doc, Kind::Array);
        }
        t
    }

    /// `T | null` when `nullable` (not for `unknown`), `NonNullable<Json>` for a NOT NULL
    /// json value in Supabase mode.
    pub fn nullable(self, nullable: bool, compat: TsCompat) -> Self {
        if self.is_top {
            return self;
        }
        if !nullable {
            if self.is_json && compat == TsCompat::Supabase {
                return Ts::named("NonNullable<Json>");
            }
            return self;
        }
        Ts::union_of(vec![self, Ts::named("null")])
    }
}

/// Where a type is used: columns resolve domains one level in Supabase mode (as the
/// reference does), everything else not at all there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// A table or view column.
    Column,
    /// An argument, return value or composite attribute.
    Other,
}

/// Maps model types to TypeScript.
pub struct Mapper<'a> {
    /// The catalog.
    pub catalog: &'a Catalog,
    /// Schemas present in the output (enums/composites elsewhere are inlined or unknown).
    pub schemas: BTreeSet<&'a str>,
    /// Supabase-compatible or precise.
    pub compat: TsCompat,
    /// What the values look like on the wire.
    pub transport: TsTransport,
    /// User overrides.
    pub overrides: &'a Overrides,
    /// Array elements may be NULL (precise mode).
    pub nullable_array_elements: bool,
    /// Views by the (schema, relation) their columns come from; built on first use.
    pub views_by_source:
        std::sync::OnceLock<std::collections::BTreeMap<(String, String), Vec<&'a Relation>>>,
}

impl<'a> Mapper<'a> {
    /// A mapper for the catalog with the config's TypeScript settings.
    pub fn new(catalog: &'a Catalog, config: &'a crate::config::Config) -> Self {
        Mapper {
            catalog,
            schemas: catalog.schemas.iter().map(|s| s.name.as_str()).collect(),
            compat: config.typescript.compat,
            transport: config.typescript.transport,
            overrides: &config.overrides,
            nullable_array_elements: config.typescript.nullable_array_elements,
            views_by_source: std::sync::OnceLock::new(),
        }
    }

    /// The views that show columns of `schema.name`.
    pub fn views_showing(&self, schema: &str, name: &str) -> &[&'a Relation] {
        let index = self.views_by_source.get_or_init(|| {
            let mut index: std::collections::BTreeMap<(String, String), Vec<&'a Relation>> =
                Default::default();
            for v in self.catalog.relations.iter().filter(|r| !r.kind.is_table()) {
                let mut sources: Vec<(String, String)> = v
                    .columns
                    .iter()
                    .filter_map(|c| {
                        c.source
                            .as_ref()
                            .map(|s| (s.schema.clone(), s.relation.clone()))
                    })
                    .collect();
                sources.sort();
                sources.dedup();
                for key in sources {
                    index.entry(key).or_default().push(v);
                }
            }
            index
        });
        index
            .get(&(schema.to_string(), name.to_string()))
            .map_or(&[], Vec::as_slice)
    }
}

impl Mapper<'_> {
    /// The type of a non-null value of `ty` used at `site`.
    pub fn ts(&self, ty: &TypeRef, site: Site) -> Ts {
        if let Some(o) = self.type_override(ty) {
            return self.array(Ts::named(o), self.dims(ty));
        }
        let def = self.catalog.type_def(ty);
        if let Some(TypeKind::Domain { base, .. }) = def.map(|d| &d.kind) {
            let resolve = match self.compat {
                TsCompat::Supabase => site == Site::Column,
                TsCompat::Precise => true,
            };
            if !resolve {
                return self.array(Ts::named("unknown"), self.dims(ty));
            }
            let inner = match self.compat {
                // One level only, and a domain under it is unknown, like the reference.
                TsCompat::Supabase => match self.catalog.type_def(base).map(|d| &d.kind) {
                    Some(TypeKind::Domain { .. }) => {
                        self.array(Ts::named("unknown"), self.dims(base))
                    }
                    _ => self.ts(base, Site::Other),
                },
                TsCompat::Precise => self.ts(base, site),
            };
            return self.array(inner, self.dims(ty));
        }
        if self.transport == TsTransport::NodePostgres
            && ty.array_dims > 0
            && !self.node_parses_array(ty)
        {
            // node-postgres parses arrays of some built-in types only; others arrive as text.
            return Ts::named("string");
        }
        self.array(self.element(ty), self.dims(ty))
    }

    /// An array of `dims` dimensions of `element`. Postgres arrays can hold NULL elements
    /// whatever the column's nullability; precise mode types the elements `T | null` with
    /// `typescript.nullable_array_elements = true` (off by default).
    fn array(&self, element: Ts, dims: u32) -> Ts {
        if dims == 0 {
            return element;
        }
        let nullable = self.compat == TsCompat::Precise && self.nullable_array_elements;
        let element = if nullable && !element.is_json {
            element.nullable(true, self.compat)
        } else {
            element
        };
        element.array(dims)
    }

    fn max_dims(&self) -> u32 {
        match self.compat {
            TsCompat::Supabase => 1,
            TsCompat::Precise => u32::MAX,
        }
    }

    fn dims(&self, ty: &TypeRef) -> u32 {
        ty.array_dims.min(self.max_dims())
    }

    fn type_override(&self, ty: &TypeRef) -> Option<String> {
        self.overrides
            .types
            .get(&ty.qualified_name())
            .and_then(|o| o.typescript.clone())
    }

    fn node_parses_array(&self, ty: &TypeRef) -> bool {
        crate::emit::rules::node_postgres_parses_array(ty)
    }

    /// The type of one (non-array) value.
    fn element(&self, ty: &TypeRef) -> Ts {
        let def = self.catalog.type_def(ty);
        match def.map(|d| &d.kind) {
            Some(TypeKind::Enum { labels }) => {
                if self.schemas.contains(ty.schema.as_str()) {
                    return Ts::named(format!(
                        "Database[{}][\"Enums\"][{}]",
                        string_literal(&ty.schema),
                        string_literal(&ty.name)
                    ));
                }
                return Ts::literals(labels);
            }
            Some(TypeKind::Composite { .. }) => {
                if self.schemas.contains(ty.schema.as_str()) {
                    if self.transport == TsTransport::NodePostgres {
                        return Ts::named("string");
                    }
                    return Ts::named(format!(
                        "Database[{}][\"CompositeTypes\"][{}]",
                        string_literal(&ty.schema),
                        string_literal(&ty.name)
                    ));
                }
                return Ts::named("unknown");
            }
            Some(TypeKind::Relation) => {
                return match self.catalog.relation(&ty.schema, &ty.name) {
                    Some(r) if self.schemas.contains(r.schema.as_str()) => Ts::named(row_ref(r)),
                    _ => Ts::named("unknown"),
                };
            }
            Some(TypeKind::Range { .. } | TypeKind::Multirange { .. }) => {
                return match self.compat {
                    TsCompat::Supabase => Ts::named("unknown"),
                    TsCompat::Precise => Ts::named("string"),
                };
            }
            _ => {}
        }
        match self.compat {
            TsCompat::Supabase => Ts::named(supabase_base(&ty.name)),
            TsCompat::Precise => self.precise_base(ty, def.and_then(|d| d.extension.as_deref())),
        }
    }

    /// Built-in and extension base types in precise mode.
    fn precise_base(&self, ty: &TypeRef, extension: Option<&str>) -> Ts {
        let node = self.transport == TsTransport::NodePostgres;
        let name = ty.name.as_str();
        if ty.schema != "pg_catalog" {
            return Ts::named(match (extension, name) {
                (
                    _,
                    "citext" | "ltree" | "lquery" | "ltxtquery" | "vector" | "halfvec"
                    | "sparsevec",
                ) => "string",
                (_, "hstore") if !node => "Record<string, string | null>",
                (_, "hstore") => "string",
                _ => "unknown",
            });
        }
        let s = match name {
            "bool" => "boolean",
            "int2" | "int4" | "float4" | "float8" => "number",
            // to_jsonb writes these as JSON strings; the pg driver parses oid as a number.
            "oid" if node => "number",
            "oid" | "xid" | "cid" | "xid8" => "string",
            "int8" | "numeric" => {
                if node {
                    "string"
                } else {
                    "number"
                }
            }
            "date" | "timestamp" | "timestamptz" if node => "Date",
            "interval" if node => {
                return Ts::named(
                    "{ years?: number; months?: number; days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number }",
                );
            }
            "bytea" if node => "Uint8Array",
            "point" if node => "{ x: number; y: number }",
            "circle" if node => "{ x: number; y: number; radius: number }",
            "json" | "jsonb" => "Json",
            "void" => "undefined",
            "record" => "Record<string, unknown>",
            "text" | "varchar" | "bpchar" | "char" | "name" | "uuid" | "date" | "time"
            | "timetz" | "timestamp" | "timestamptz" | "interval" | "money" | "bytea" | "inet"
            | "cidr" | "macaddr" | "macaddr8" | "tsvector" | "tsquery" | "bit" | "varbit"
            | "xml" | "pg_lsn" | "point" | "line" | "lseg" | "box" | "path" | "polygon"
            | "circle" | "regclass" | "regproc" | "regprocedure" | "regtype" | "regrole"
            | "regnamespace" | "regconfig" | "regdictionary" | "regoper" | "regoperator"
            | "jsonpath" | "txid_snapshot" | "pg_snapshot" | "int2vector" | "oidvector"
            | "aclitem" | "refcursor" => "string",
            _ => "unknown",
        };
        Ts::named(s)
    }

    /// The precise type of a column: overrides, `@type` tags, JSON Schema and `IN (...)`
    /// checks narrow the mapped type. Without null.
    pub fn column(&self, rel: &Relation, column: &crate::model::Column) -> Ts {
        self.column_narrowed(rel, column)
            .unwrap_or_else(|| self.ts(&column.ty, Site::Column))
    }

    /// A column's type when something about the column itself (not just its type) decides
    /// it: an override, an `@type` tag, a CHECK, a domain's value list. `None` when the
    /// column has the plain mapping of its type, `self.ts(&column.ty, Site::Column)`.
    pub fn column_narrowed(&self, rel: &Relation, column: &crate::model::Column) -> Option<Ts> {
        if !self.overrides.columns.is_empty() {
            let key = format!("{}.{}.{}", rel.schema, rel.name, column.name);
            if let Some(o) = self
                .overrides
                .columns
                .get(&key)
                .and_then(|o| o.typescript.clone())
            {
                return Some(Ts::named(o));
            }
        }
        if self.compat == TsCompat::Precise {
            if let Some(t) = column.comment.as_deref().and_then(type_tag) {
                return Some(Ts::named(t));
            }
            for check in &rel.checks {
                for fact in &check.facts {
                    match fact {
                        CheckFact::JsonSchema {
                            subject: Subject::Column(c),
                            schema,
                        } if *c == column.name => {
                            if let Some(t) = jsonschema::to_ts(schema) {
                                return Some(t);
                            }
                        }
                        CheckFact::OneOf {
                            subject: Subject::Column(c),
                            values,
                        } if *c == column.name => {
                            if let Some(t) = self.literal_union(&column.ty, values) {
                                return Some(t);
                            }
                        }
                        _ => {}
                    }
                }
            }
            if let Some(t) = self.domain_literals(&column.ty) {
                return Some(t);
            }
        }
        None
    }

    /// Literal union for `IN (...)` values over a scalar text or JS-number column.
    fn literal_union(&self, ty: &TypeRef, values: &[Literal]) -> Option<Ts> {
        if ty.array_dims > 0 {
            return None;
        }
        let base = self.resolved_builtin(ty)?;
        let text_like = matches!(
            base.as_str(),
            "text" | "varchar" | "bpchar" | "citext" | "name"
        );
        let number_like = matches!(base.as_str(), "int2" | "int4" | "float4" | "float8")
            || (matches!(base.as_str(), "int8" | "numeric")
                && self.transport == TsTransport::Postgrest);
        let mut members = Vec::new();
        for v in values {
            match v {
                // char(n) pads, so literal values may not match what comes back.
                Literal::String(s) if text_like && base != "bpchar" => {
                    members.push(Ts::named(string_literal(s)))
                }
                Literal::Number(n) if number_like => {
                    let f: f64 = n.parse().ok()?;
                    members.push(Ts::named(format_js_number(f)?));
                }
                _ => return None,
            }
        }
        (!members.is_empty()).then(|| Ts::union_of(members))
    }

    /// A domain whose CHECK is a value list becomes a literal union.
    fn domain_literals(&self, ty: &TypeRef) -> Option<Ts> {
        let mut cur = self.catalog.type_def(ty)?;
        loop {
            let TypeKind::Domain { base, checks, .. } = &cur.kind else {
                return None;
            };
            for c in checks {
                for f in &c.facts {
                    if let CheckFact::OneOf {
                        subject: Subject::Value,
                        values,
                    } = f
                    {
                        let t = self.literal_union(base, values)?;
                        return Some(self.array(t, ty.array_dims));
                    }
                }
            }
            cur = self.catalog.type_def(base)?;
        }
    }

    /// The built-in type under any domains, by name (`None` for non-built-ins).
    fn resolved_builtin(&self, ty: &TypeRef) -> Option<String> {
        let mut t = ty.clone();
        for _ in 0..32 {
            if t.schema == "pg_catalog" {
                return Some(t.name.into());
            }
            match self.catalog.type_def(&t).map(|d| &d.kind) {
                Some(TypeKind::Domain { base, .. }) => t = base.clone(),
                Some(TypeKind::Base { .. }) if t.name == "citext" => return Some("citext".into()),
                _ => return None,
            }
        }
        None
    }
}

/// `Database["schema"]["Tables"|"Views"]["name"]["Row"]`.
pub fn row_ref(r: &Relation) -> String {
    let section = if r.kind.is_table() { "Tables" } else { "Views" };
    format!(
        "Database[{}][\"{section}\"][{}][\"Row\"]",
        string_literal(&r.schema),
        string_literal(&r.name)
    )
}

/// The reference's name table (by type name only).
fn supabase_base(name: &str) -> &'static str {
    match name {
        "bool" => "boolean",
        "int2" | "int4" | "int8" | "float4" | "float8" | "numeric" => "number",
        "bytea" | "bpchar" | "varchar" | "date" | "text" | "citext" | "time" | "timetz"
        | "timestamp" | "timestamptz" | "uuid" | "vector" | "interval" => "string",
        "json" | "jsonb" => "Json",
        "void" => "undefined",
        "record" => "Record<string, unknown>",
        _ => "unknown",
    }
}

/// A `@type <TypeScript type>` line in a column comment.
fn type_tag(comment: &str) -> Option<String> {
    comment.lines().find_map(|l| {
        let t = l.trim().strip_prefix("@type")?;
        let t = t.trim();
        (!t.is_empty()).then(|| t.to_string())
    })
}

/// A number as a JS numeric literal type, when it is exactly representable.
fn format_js_number(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    Some(if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{}", f as i128)
    } else {
        format!("{f}")
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn type_tags_are_read_from_comments() {
        assert_eq!(
            super::type_tag("Settings.\n@type { theme: string }"),
            Some("{ theme: string }".into())
        );
        assert_eq!(super::type_tag("no tag"), None);
    }
}
