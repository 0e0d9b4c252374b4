//! Postgres type -> TypeScript type: the one table, per transport profile and mode.

use std::collections::BTreeSet;

use super::jsonschema;
use super::union::{paren_union_array, union};
use crate::config::{TsCompat, TsTransport};
use crate::emit::settings::{TargetOverrides, TypescriptSettings};
use crate::model::{Catalog, CheckFact, Literal, Relation, Subject, TypeKind, TypeRef};
use crate::plan::rules;
use crate::plan::types::{
    DateTime, Direction, Geometric, JsNumber, MAX_DOMAIN_DEPTH, Scalar, TypeClass, Vector,
    classify, domain_chain, resolve,
};
use crate::print::doc::{Doc, concat, group, indent, join, line, object, softline, text};
use crate::print::js::string_literal;

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

fn syntax_kind(s: &str) -> Kind {
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
            kind: syntax_kind(&s),
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

    /// A generic type reference, `Name<A, B>`: its arguments go one per line when it does
    /// not fit (prettier's type arguments, with no trailing comma), so a union with `null`
    /// hugs it.
    pub fn generic(name: &str, args: Vec<Doc>) -> Self {
        let args = join(concat(vec![text(","), line()]), args);
        let doc = group(concat(vec![
            text(format!("{name}<")),
            indent(concat(vec![softline(), args])),
            softline(),
            text(">"),
        ]));
        Self::of(doc, Kind::Reference)
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
                paren_union_array(&t.members)
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
    pub overrides: &'a TargetOverrides,
    /// Array elements may be NULL (precise mode).
    pub nullable_array_elements: bool,
    /// Views by the (schema, relation) their columns come from; built on first use.
    pub views_by_source:
        std::sync::OnceLock<std::collections::BTreeMap<(String, String), Vec<&'a Relation>>>,
}

impl<'a> Mapper<'a> {
    /// A mapper for the catalog with these TypeScript settings.
    pub fn new(catalog: &'a Catalog, settings: &'a TypescriptSettings) -> Self {
        Mapper {
            catalog,
            schemas: catalog.schemas.iter().map(|s| s.name.as_str()).collect(),
            compat: settings.compat,
            transport: settings.transport,
            overrides: &settings.overrides,
            nullable_array_elements: settings.nullable_array_elements,
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
    /// The type of a non-null value of `ty` used at `site`, as Postgres returns it.
    pub fn ts(&self, ty: &TypeRef, site: Site) -> Ts {
        self.ts_at(ty, site, Direction::Read, 0)
    }

    /// The type of a non-null value of `ty` used at `site`, as it is sent to Postgres (an
    /// Insert, an Update, an argument). Differs from [`Self::ts`] only where
    /// [`written_differs`](crate::plan::types::written_differs) says so, and only in precise mode (the reference has one type).
    pub fn ts_written(&self, ty: &TypeRef, site: Site) -> Ts {
        self.ts_at(ty, site, Direction::Write, 0)
    }

    /// [`Self::ts`] `depth` domains down a chain (bounded: a snapshot is untrusted).
    fn ts_at(&self, ty: &TypeRef, site: Site, direction: Direction, depth: usize) -> Ts {
        if let Some(o) = self.type_override(ty) {
            return self.array(Ts::named(o), self.dims(ty));
        }
        // node-postgres parses arrays of some built-in types only; others arrive as text.
        if self.transport == TsTransport::NodePostgres
            && depth == 0
            && crate::plan::rules::type_rules(self.catalog, ty).node_postgres_array_text()
        {
            return Ts::named("string");
        }
        if let TypeClass::Domain { base, .. } = classify(self.catalog, ty) {
            if depth >= MAX_DOMAIN_DEPTH {
                return self.array(Ts::named("unknown"), self.dims(ty));
            }
            let resolve = match self.compat {
                // The reference resolves a column's domain, but not the domain of an array's
                // elements (`unknown[]`).
                TsCompat::Supabase => site == Site::Column && ty.array_dims == 0,
                TsCompat::Precise => true,
            };
            if !resolve {
                return self.array(Ts::named("unknown"), self.dims(ty));
            }
            let inner = match self.compat {
                // One level only, and a domain under it is unknown, like the reference.
                TsCompat::Supabase => match classify(self.catalog, base) {
                    TypeClass::Domain { .. } => self.array(Ts::named("unknown"), self.dims(base)),
                    _ => self.ts_at(base, Site::Other, direction, depth + 1),
                },
                TsCompat::Precise => self.ts_at(base, site, direction, depth + 1),
            };
            return self.array(inner, self.dims(ty));
        }
        self.array(self.element(ty, direction), self.dims(ty))
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
        self.overrides.types.get(&ty.qualified_name()).cloned()
    }

    /// The type of one (non-array) value going `direction`.
    fn element(&self, ty: &TypeRef, direction: Direction) -> Ts {
        let in_output = self.schemas.contains(ty.schema.as_str());
        match classify(self.catalog, ty) {
            TypeClass::Enum { labels } => {
                if in_output {
                    return Ts::named(format!(
                        "Database[{}][\"Enums\"][{}]",
                        string_literal(&ty.schema),
                        string_literal(&ty.name)
                    ));
                }
                Ts::literals(labels)
            }
            TypeClass::Composite { .. } => {
                if !in_output {
                    return Ts::named("unknown");
                }
                if self.transport == TsTransport::NodePostgres {
                    return Ts::named("string");
                }
                Ts::named(format!(
                    "Database[{}][\"CompositeTypes\"][{}]",
                    string_literal(&ty.schema),
                    string_literal(&ty.name)
                ))
            }
            TypeClass::Relation => match self.catalog.relation(&ty.schema, &ty.name) {
                Some(r) if self.schemas.contains(r.schema.as_str()) => Ts::named(row_ref(r)),
                _ => Ts::named("unknown"),
            },
            TypeClass::Range | TypeClass::Multirange => match self.compat {
                TsCompat::Supabase => Ts::named("unknown"),
                TsCompat::Precise => Ts::named("string"),
            },
            // `ts` resolves domains before it gets here.
            TypeClass::Domain { .. } => Ts::named("unknown"),
            TypeClass::Scalar(scalar) => match self.compat {
                TsCompat::Supabase => Ts::named(supabase_scalar(scalar)),
                TsCompat::Precise => self.precise_scalar(scalar.through(direction)),
            },
        }
    }

    /// Built-in and extension base types in precise mode.
    fn precise_scalar(&self, scalar: Scalar) -> Ts {
        let node = self.transport == TsTransport::NodePostgres;
        let s = match scalar {
            Scalar::Bool => "boolean",
            Scalar::Int2 | Scalar::Int4 | Scalar::Float4 | Scalar::Float8 => "number",
            // to_jsonb writes these as JSON strings; the pg driver parses oid as a number.
            Scalar::Oid if node => "number",
            Scalar::Oid | Scalar::TransactionId => "string",
            Scalar::Int8 | Scalar::Numeric { .. } if node => "string",
            Scalar::Int8 | Scalar::Numeric { .. } => "number",
            Scalar::Date | Scalar::DateTime(DateTime::Timestamp(_) | DateTime::TimestampTz(_))
                if node =>
            {
                "Date"
            }
            Scalar::DateTime(DateTime::Interval(_)) if node => {
                return Ts::named(
                    "{ years?: number; months?: number; days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number }",
                );
            }
            Scalar::Bytea if node => "Uint8Array",
            Scalar::Geometric(Geometric::Point) if node => "{ x: number; y: number }",
            Scalar::Geometric(Geometric::Circle) if node => {
                "{ x: number; y: number; radius: number }"
            }
            Scalar::Json | Scalar::Jsonb => "Json",
            Scalar::Void => "undefined",
            Scalar::Record => {
                return Ts::generic("Record", vec![text("string"), text("unknown")]);
            }
            Scalar::Hstore if node => "string",
            Scalar::Hstore => {
                return Ts::generic("Record", vec![text("string"), text("string | null")]);
            }
            Scalar::Text
            | Scalar::Varchar { .. }
            | Scalar::Bpchar { .. }
            | Scalar::Char
            | Scalar::Name
            | Scalar::Uuid
            | Scalar::Date
            | Scalar::DateTime(_)
            | Scalar::Money
            | Scalar::Bytea
            | Scalar::Network(_)
            | Scalar::TsVector
            | Scalar::TsQuery
            | Scalar::Bit { .. }
            | Scalar::Varbit { .. }
            | Scalar::Xml
            | Scalar::PgLsn
            | Scalar::Geometric(_)
            | Scalar::Reg
            | Scalar::Jsonpath
            | Scalar::Snapshot
            | Scalar::SystemText
            | Scalar::Citext
            | Scalar::Ltree
            | Scalar::Lquery
            | Scalar::Ltxtquery
            | Scalar::Cube
            | Scalar::Vector(_) => "string",
            Scalar::Unknown => "unknown",
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
            if let Some(o) = self.overrides.columns.get(&key) {
                return Some(Ts::named(o.clone()));
            }
        }
        if self.compat == TsCompat::Precise {
            if let Some(t) = column
                .comment
                .as_deref()
                .and_then(super::type_tag::type_tag)
                .and_then(Result::ok)
            {
                return Some(Ts::named(t));
            }
            if let Some(t) = self.rule_narrowed(rel, column) {
                return Some(t);
            }
            if let Some(t) = self.domain_literals(&column.ty) {
                return Some(t);
            }
        }
        None
    }

    /// A scalar column narrowed by its [value rules](crate::plan::rules): the intersected
    /// `IN (...)` lists of its table's and its domains' CHECKs, else a JSON Schema CHECK.
    /// Zod reads the same rules, so the two agree.
    fn rule_narrowed(&self, rel: &Relation, column: &crate::model::Column) -> Option<Ts> {
        let is_domain = matches!(classify(self.catalog, &column.ty), TypeClass::Domain { .. });
        if column.ty.array_dims > 0 || (rel.checks.is_empty() && !is_domain) {
            return None;
        }
        let rules = rules::column_rules(self.catalog, rel, column);
        if rules.array_dims > 0 {
            return None;
        }
        if let Some(values) = &rules.one_of
            && let Some(t) = self.literal_union(&column.ty, values)
        {
            return Some(t);
        }
        rules.json_schema.as_deref().and_then(jsonschema::to_ts)
    }

    /// Literal union for `IN (...)` values over a scalar text or JS-number column.
    fn literal_union(&self, ty: &TypeRef, values: &[Literal]) -> Option<Ts> {
        if ty.array_dims > 0 {
            return None;
        }
        // Only a scalar's values can be listed as literals.
        let TypeClass::Scalar(scalar) = classify(self.catalog, &resolve(self.catalog, ty)) else {
            return None;
        };
        // char(n) pads, so literal values may not match what comes back.
        let text_like = scalar.is_text() && !matches!(scalar, Scalar::Bpchar { .. });
        let number_like = match scalar.js_number() {
            Some(JsNumber::Exact) => true,
            Some(JsNumber::Wide) => self.transport == TsTransport::Postgrest,
            None => false,
        };
        let mut members = Vec::new();
        for v in values {
            match v {
                Literal::String(s) if text_like => members.push(Ts::named(string_literal(s))),
                Literal::Number(n) if number_like => {
                    let f: f64 = n.parse().ok()?;
                    members.push(Ts::named(format_js_number(f)?));
                }
                _ => return None,
            }
        }
        (!members.is_empty()).then(|| Ts::union_of(members))
    }

    /// An array of a domain whose CHECK is a value list: an array of a literal union.
    fn domain_literals(&self, ty: &TypeRef) -> Option<Ts> {
        for kind in domain_chain(self.catalog, ty) {
            let TypeKind::Domain { base, checks, .. } = kind else {
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

/// The reference generator's table.
fn supabase_scalar(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Bool => "boolean",
        Scalar::Int2
        | Scalar::Int4
        | Scalar::Int8
        | Scalar::Float4
        | Scalar::Float8
        | Scalar::Numeric { .. } => "number",
        Scalar::Bytea
        | Scalar::Bpchar { .. }
        | Scalar::Varchar { .. }
        | Scalar::Date
        | Scalar::Text
        | Scalar::Citext
        | Scalar::Uuid
        | Scalar::Vector(Vector::Vector)
        | Scalar::DateTime(
            DateTime::Time(_)
            | DateTime::TimeTz(_)
            | DateTime::Timestamp(_)
            | DateTime::TimestampTz(_)
            | DateTime::Interval(_),
        ) => "string",
        Scalar::Json | Scalar::Jsonb => "Json",
        Scalar::Void => "undefined",
        Scalar::Record => "Record<string, unknown>",
        Scalar::Money
        | Scalar::Char
        | Scalar::Name
        | Scalar::Jsonpath
        | Scalar::Bit { .. }
        | Scalar::Varbit { .. }
        | Scalar::Oid
        | Scalar::TransactionId
        | Scalar::Reg
        | Scalar::Network(_)
        | Scalar::Geometric(_)
        | Scalar::TsVector
        | Scalar::TsQuery
        | Scalar::Xml
        | Scalar::PgLsn
        | Scalar::Snapshot
        | Scalar::SystemText
        | Scalar::Hstore
        | Scalar::Ltree
        | Scalar::Lquery
        | Scalar::Ltxtquery
        | Scalar::Cube
        | Scalar::Vector(Vector::Halfvec | Vector::Sparsevec)
        | Scalar::Unknown => "unknown",
    }
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
