//! Postgres type -> Rust type: the one table, with user overrides applied in one place.
//!
//! A mapped type is the Rust type plus, when its JSON form is not what serde's derive
//! reads and writes for it, a `serde_with` adapter (`pg::Float`, `pg::Decimal`, ...)
//! that composes through `Option` and `Vec`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::RustDateTime;
use crate::emit::settings::TargetOverrides;
use crate::model::{Catalog, TypeKind, TypeRef};

/// The support sections (`generators/rust/pg.rs`) a file needs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Needs {
    /// `pg::Patch`.
    pub patch: bool,
    /// `pg::Float`.
    pub float: bool,
    /// `pg::Decimal`, `pg::Numeric`.
    pub decimal: bool,
    /// `pg::Bytea`.
    pub bytea: bool,
    /// `pg::Date`, `pg::Timestamp`, `pg::TimestampTz`, `pg::Time` (with the chosen
    /// crate's section).
    pub datetime: bool,
    /// `pg::RawJson`.
    pub json: bool,
    /// `uuid::Uuid` (only the tokio-postgres decoding needs to know).
    pub uuid: bool,
}

/// A Rust type and the `serde_with` adapter that reads and writes it, if any.
#[derive(Debug, Clone)]
pub struct RustType {
    /// The type.
    pub ty: TokenStream,
    /// The `serde_as` type, when plain serde does not fit.
    pub adapter: Option<TokenStream>,
}

impl RustType {
    fn plain(ty: TokenStream) -> Self {
        Self { ty, adapter: None }
    }

    fn with(ty: TokenStream, adapter: TokenStream) -> Self {
        Self {
            ty,
            adapter: Some(adapter),
        }
    }

    /// `Option<T>`.
    pub fn option(self) -> Self {
        let ty = self.ty;
        Self {
            ty: quote!(::std::option::Option<#ty>),
            adapter: self.adapter.map(|a| quote!(::std::option::Option<#a>)),
        }
    }

    /// `Vec<Option<T>>`, `dims` times.
    pub fn array(self, dims: u32) -> Self {
        let mut t = self;
        for _ in 0..dims {
            let o = t.option();
            let (ty, adapter) = (o.ty, o.adapter);
            t = Self {
                ty: quote!(::std::vec::Vec<#ty>),
                adapter: adapter.map(|a| quote!(::std::vec::Vec<#a>)),
            };
        }
        t
    }
}

/// Where a named type (enum, composite, domain, relation row) lives: module and type idents.
pub type TypePaths = BTreeMap<(String, String), (TokenStream, TokenStream)>;

/// Maps model types to Rust types.
pub struct Mapper<'a> {
    /// The catalog.
    pub catalog: &'a Catalog,
    /// User overrides.
    pub overrides: &'a TargetOverrides,
    /// Paths of the generated named types, by (schema, name) of the Postgres type.
    pub paths: &'a TypePaths,
    /// Paths of the Row types, by (schema, relation).
    pub rows: &'a TypePaths,
    /// What the output needs.
    pub needs: std::cell::Cell<Needs>,
    /// Types that mapped to `serde_json::Value` because nothing is known of them.
    pub unknown: std::cell::RefCell<Vec<String>>,
    /// The crate of the date/time types.
    pub datetime: RustDateTime,
}

fn parse_type(s: &str) -> Option<TokenStream> {
    syn::parse_str::<syn::Type>(s).ok().map(|t| quote!(#t))
}

impl Mapper<'_> {
    fn need(&self, f: impl FnOnce(&mut Needs)) {
        let mut n = self.needs.get();
        f(&mut n);
        self.needs.set(n);
    }

    /// The type of a non-null value of `ty` (arrays included).
    pub fn map(&self, ty: &TypeRef) -> RustType {
        let mut element = ty.clone();
        element.array_dims = 0;
        self.element(&element).array(ty.array_dims)
    }

    fn path(paths: &TypePaths, schema: &str, name: &str) -> Option<TokenStream> {
        paths
            .get(&(schema.to_string(), name.to_string()))
            .map(|(m, t)| quote!(super::#m::#t))
    }

    /// A user override by type name (`overrides.types."schema.type".rust`).
    pub fn type_override(&self, ty: &TypeRef) -> Option<RustType> {
        self.overrides
            .types
            .get(&ty.qualified_name())
            .and_then(|o| parse_type(o))
            .map(RustType::plain)
    }

    /// A user override for one column (`overrides.columns."schema.rel.col".rust`): the
    /// type and the override's text.
    pub fn column_override(&self, schema: &str, rel: &str, col: &str) -> Option<(RustType, &str)> {
        let text = self
            .overrides
            .columns
            .get(&format!("{schema}.{rel}.{col}"))?;
        parse_type(text).map(|t| (RustType::plain(t), text.as_str()))
    }

    fn element(&self, ty: &TypeRef) -> RustType {
        if let Some(o) = self.type_override(ty) {
            return o;
        }
        match self.catalog.type_def(ty).map(|d| &d.kind) {
            Some(TypeKind::Domain { base, .. }) => {
                // The alias, read and written as its base type is.
                let base_type = self.map(base);
                return match Self::path(self.paths, &ty.schema, &ty.name) {
                    Some(p) => RustType {
                        ty: p,
                        adapter: base_type.adapter,
                    },
                    None => base_type,
                };
            }
            Some(TypeKind::Enum { .. } | TypeKind::Composite { .. }) => {
                if let Some(p) = Self::path(self.paths, &ty.schema, &ty.name) {
                    return RustType::plain(p);
                }
            }
            Some(TypeKind::Relation) => {
                if let Some(p) = Self::path(self.rows, &ty.schema, &ty.name) {
                    return RustType::plain(p);
                }
            }
            Some(TypeKind::Range { .. } | TypeKind::Multirange { .. }) => {
                return RustType::plain(quote!(::std::string::String));
            }
            _ => {}
        }
        if ty.schema != "pg_catalog" {
            return match ty.name.as_str() {
                "citext" | "ltree" | "lquery" | "ltxtquery" | "vector" | "halfvec"
                | "sparsevec" => RustType::plain(quote!(::std::string::String)),
                "hstore" => RustType::plain(quote!(
                    ::std::collections::BTreeMap<
                        ::std::string::String,
                        ::std::option::Option<::std::string::String>,
                    >
                )),
                _ => self.unknown(ty),
            };
        }
        self.builtin(ty)
    }

    /// Whether values of `ty` (arrays included) are decoded from PostgreSQL's binary format
    /// by the support module's `FromPg` (else a tokio-postgres reader selects them through
    /// `to_jsonb` and reads them with serde). Follows [`Self::map`]: a type override is
    /// decoded only when it is the support type made for the base type.
    pub fn native(&self, ty: &TypeRef) -> bool {
        let mut element = ty.clone();
        element.array_dims = 0;
        if let Some(o) = self.override_text(&element) {
            return self.support_native(o, &element);
        }
        match self.catalog.type_def(&element).map(|d| &d.kind) {
            Some(TypeKind::Domain { base, .. }) => return self.native(base),
            Some(TypeKind::Enum { .. }) => {
                return Self::path(self.paths, &element.schema, &element.name).is_some();
            }
            Some(TypeKind::Composite { attributes }) => {
                return Self::path(self.paths, &element.schema, &element.name).is_some()
                    && attributes.iter().all(|a| self.native(&a.ty));
            }
            Some(TypeKind::Relation | TypeKind::Range { .. } | TypeKind::Multirange { .. }) => {
                return false;
            }
            _ => {}
        }
        if element.schema != "pg_catalog" {
            return matches!(
                element.name.as_str(),
                "citext" | "ltree" | "lquery" | "ltxtquery"
            );
        }
        matches!(
            element.name.as_str(),
            "bool"
                | "int2"
                | "int4"
                | "int8"
                | "float4"
                | "float8"
                | "numeric"
                | "oid"
                | "uuid"
                | "date"
                | "timestamp"
                | "timestamptz"
                | "time"
                | "bytea"
                | "json"
                | "jsonb"
                | "text"
                | "varchar"
                | "bpchar"
                | "name"
                | "char"
                | "xml"
        )
    }

    /// Whether an overriding Rust type `rust` is a support type decoded from `ty`'s base type.
    pub fn support_native(&self, rust: &str, ty: &TypeRef) -> bool {
        let base = self.base(ty);
        if base.array_dims > 0 {
            return false;
        }
        let rust: String = rust.chars().filter(|c| !c.is_whitespace()).collect();
        matches!(
            (rust.as_str(), base.schema.as_str(), base.name.as_str()),
            ("pg::Numeric", "pg_catalog", "numeric")
                | ("pg::RawJson", "pg_catalog", "json" | "jsonb")
                | ("pg::Bytea", "pg_catalog", "bytea")
        )
    }

    /// The type below every domain of `ty` (`ty` itself when it is not a domain).
    pub fn base(&self, ty: &TypeRef) -> TypeRef {
        let mut t = ty.clone();
        while let Some(TypeKind::Domain { base, .. }) = self.catalog.type_def(&t).map(|d| &d.kind) {
            let dims = t.array_dims;
            t = base.clone();
            t.array_dims += dims;
        }
        t
    }

    /// The text of the type override of `ty`, when it is a valid Rust type.
    pub fn override_text(&self, ty: &TypeRef) -> Option<&str> {
        self.overrides
            .types
            .get(&ty.qualified_name())
            .map(String::as_str)
            .filter(|r| parse_type(r).is_some())
    }

    fn unknown(&self, ty: &TypeRef) -> RustType {
        self.unknown.borrow_mut().push(ty.qualified_name());
        RustType::plain(quote!(::serde_json::Value))
    }

    fn builtin(&self, ty: &TypeRef) -> RustType {
        let string = || RustType::plain(quote!(::std::string::String));
        match ty.name.as_str() {
            "bool" => RustType::plain(quote!(bool)),
            "int2" => RustType::plain(quote!(i16)),
            "int4" => RustType::plain(quote!(i32)),
            "int8" => RustType::plain(quote!(i64)),
            "float4" => {
                self.need(|n| n.float = true);
                RustType::with(quote!(f32), quote!(pg::Float))
            }
            "float8" => {
                self.need(|n| n.float = true);
                RustType::with(quote!(f64), quote!(pg::Float))
            }
            "numeric" => {
                self.need(|n| n.decimal = true);
                RustType::with(quote!(::rust_decimal::Decimal), quote!(pg::Decimal))
            }
            "oid" => RustType::with(quote!(u32), quote!(::serde_with::DisplayFromStr)),
            "uuid" => {
                self.need(|n| n.uuid = true);
                RustType::plain(quote!(::uuid::Uuid))
            }
            "date" | "timestamp" | "timestamptz" | "time" => {
                self.need(|n| n.datetime = true);
                let chrono = self.datetime == RustDateTime::Chrono;
                let (ty, adapter) = match ty.name.as_str() {
                    "date" if chrono => (quote!(::chrono::NaiveDate), quote!(pg::Date)),
                    "date" => (quote!(::time::Date), quote!(pg::Date)),
                    "timestamp" if chrono => {
                        (quote!(::chrono::NaiveDateTime), quote!(pg::Timestamp))
                    }
                    "timestamp" => (quote!(::time::PrimitiveDateTime), quote!(pg::Timestamp)),
                    "timestamptz" if chrono => (
                        quote!(::chrono::DateTime<::chrono::Utc>),
                        quote!(pg::TimestampTz),
                    ),
                    "timestamptz" => (quote!(::time::OffsetDateTime), quote!(pg::TimestampTz)),
                    _ if chrono => (quote!(::chrono::NaiveTime), quote!(pg::Time)),
                    _ => (quote!(::time::Time), quote!(pg::Time)),
                };
                RustType::with(ty, adapter)
            }
            "bytea" => {
                self.need(|n| n.bytea = true);
                RustType::plain(quote!(pg::Bytea))
            }
            "json" | "jsonb" => RustType::plain(quote!(::serde_json::Value)),
            "record" => RustType::plain(quote!(
                ::serde_json::Map<::std::string::String, ::serde_json::Value>
            )),
            "text" | "varchar" | "bpchar" | "name" | "char" | "timetz" | "interval" | "money"
            | "inet" | "cidr" | "macaddr" | "macaddr8" | "tsvector" | "tsquery" | "bit"
            | "varbit" | "xml" | "pg_lsn" | "point" | "line" | "lseg" | "box" | "path"
            | "polygon" | "circle" | "xid" | "xid8" | "cid" | "regclass" | "regproc"
            | "regprocedure" | "regtype" | "regrole" | "regnamespace" | "regconfig"
            | "regdictionary" | "regoper" | "regoperator" | "jsonpath" | "txid_snapshot"
            | "pg_snapshot" | "int2vector" | "oidvector" | "aclitem" | "refcursor" => string(),
            _ => self.unknown(ty),
        }
    }
}
