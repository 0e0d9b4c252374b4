//! Postgres type -> Rust type: the one table, with user overrides applied in one place.
//!
//! A mapped type is the Rust type plus, when its JSON form is not what serde's derive
//! reads and writes for it, a `serde_with` adapter (`pg::Float`, `pg::Decimal`, ...)
//! that composes through `Option` and `Vec`.

use std::collections::BTreeMap;

use quote::quote;

use crate::config::RustDateTime;
use crate::emit::settings::TargetOverrides;
use crate::model::{Catalog, TypeRef};
use crate::plan::types::{
    DateTime, Direction, MAX_DOMAIN_DEPTH, Scalar, TypeClass, classify, resolve, written_differs,
};

/// The support sections (`generators/rust/pg.rs`) a file needs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Needs {
    /// `pg::fields!` and `pg::Fields`, which give the structs their serde impls.
    pub fields: bool,
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

/// A Rust type and the `serde_with` adapter that reads and writes it, if any, as type text
/// (see [`super::item::type_text`]).
#[derive(Debug, Clone)]
pub struct RustType {
    /// The type.
    pub ty: String,
    /// The `serde_as` type, when plain serde does not fit.
    pub adapter: Option<String>,
}

impl RustType {
    /// A type read and written by plain serde.
    pub fn plain(ty: impl Into<String>) -> Self {
        Self {
            ty: ty.into(),
            adapter: None,
        }
    }

    fn with(ty: &str, adapter: &str) -> Self {
        Self {
            ty: ty.to_string(),
            adapter: Some(adapter.to_string()),
        }
    }

    /// `Option<T>`.
    pub fn option(self) -> Self {
        Self {
            ty: format!("::std::option::Option<{}>", self.ty),
            adapter: self.adapter.map(|a| format!("::std::option::Option<{a}>")),
        }
    }

    /// `Vec<Option<T>>`, `dims` times.
    pub fn array(self, dims: u32) -> Self {
        let mut t = self;
        for _ in 0..dims {
            let o = t.option();
            let (ty, adapter) = (o.ty, o.adapter);
            t = Self {
                ty: format!("::std::vec::Vec<{ty}>"),
                adapter: adapter.map(|a| format!("::std::vec::Vec<{a}>")),
            };
        }
        t
    }
}

/// Where a named type (enum, composite, domain, relation row) lives: module and type idents.
pub type TypePaths = BTreeMap<(String, String), (String, String)>;

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
    /// Field identifiers already made, by column name (see `field_base` in the parent).
    pub field_names: std::cell::RefCell<std::collections::HashMap<String, (String, String)>>,
}

/// The type text of a user's type, when it is a valid Rust type.
fn parse_type(s: &str) -> Option<String> {
    syn::parse_str::<syn::Type>(s)
        .ok()
        .map(|t| super::item::type_text(&quote!(#t)))
}

impl Mapper<'_> {
    /// Notes a support section the file needs.
    pub fn need(&self, f: impl FnOnce(&mut Needs)) {
        let mut n = self.needs.get();
        f(&mut n);
        self.needs.set(n);
    }

    /// The type of a non-null value of `ty` (arrays included).
    pub fn map(&self, ty: &TypeRef) -> RustType {
        self.map_at(ty, 0)
    }

    /// The type of a non-null value of `ty` as it is sent to Postgres, where that differs
    /// from [`Self::map`] ([`written_differs`]; a type override is the type both ways).
    pub fn map_written(&self, ty: &TypeRef) -> Option<RustType> {
        if self.type_override(ty).is_some() || !written_differs(self.catalog, ty) {
            return None;
        }
        let base = resolve(self.catalog, ty);
        let scalar = Scalar::of(&base).through(Direction::Write);
        Some(self.scalar(scalar, &base).array(base.array_dims))
    }

    /// [`Self::map`], `depth` domains down a chain (bounded: a snapshot is untrusted).
    fn map_at(&self, ty: &TypeRef, depth: usize) -> RustType {
        let mut element = ty.clone();
        element.array_dims = 0;
        self.element(&element, depth).array(ty.array_dims)
    }

    fn path(paths: &TypePaths, schema: &str, name: &str) -> Option<String> {
        paths
            .get(&(schema.to_string(), name.to_string()))
            .map(|(m, t)| format!("super::{m}::{t}"))
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

    fn element(&self, ty: &TypeRef, depth: usize) -> RustType {
        if let Some(o) = self.type_override(ty) {
            return o;
        }
        let string = || RustType::plain("::std::string::String");
        match classify(self.catalog, ty) {
            TypeClass::Domain { .. } if depth >= MAX_DOMAIN_DEPTH => self.unknown(ty),
            TypeClass::Domain { base, .. } => {
                // The alias, read and written as its base type is.
                let base_type = self.map_at(base, depth + 1);
                match Self::path(self.paths, &ty.schema, &ty.name) {
                    Some(p) => RustType {
                        ty: p,
                        adapter: base_type.adapter,
                    },
                    None => base_type,
                }
            }
            TypeClass::Enum { .. } | TypeClass::Composite { .. } => {
                match Self::path(self.paths, &ty.schema, &ty.name) {
                    Some(p) => RustType::plain(p),
                    None => self.unknown(ty),
                }
            }
            TypeClass::Relation => match Self::path(self.rows, &ty.schema, &ty.name) {
                Some(p) => RustType::plain(p),
                None => self.unknown(ty),
            },
            TypeClass::Range | TypeClass::Multirange => string(),
            TypeClass::Scalar(scalar) => self.scalar(scalar, ty),
        }
    }

    /// Whether values of `ty` (arrays included) are decoded from PostgreSQL's binary format
    /// by the support module's `FromPg` (else a tokio-postgres reader selects them through
    /// `to_jsonb` and reads them with serde). Follows [`Self::map`]: a type override is
    /// decoded only when it is the support type made for the base type.
    pub fn native(&self, ty: &TypeRef) -> bool {
        self.native_at(ty, 0)
    }

    /// [`Self::native`], `depth` types down (domains and composite attributes; bounded).
    fn native_at(&self, ty: &TypeRef, depth: usize) -> bool {
        if depth >= MAX_DOMAIN_DEPTH {
            return false;
        }
        let mut element = ty.clone();
        element.array_dims = 0;
        if let Some(o) = self.override_text(&element) {
            return self.support_native(o, &element);
        }
        match classify(self.catalog, &element) {
            TypeClass::Domain { base, .. } => self.native_at(base, depth + 1),
            TypeClass::Enum { .. } => {
                Self::path(self.paths, &element.schema, &element.name).is_some()
            }
            TypeClass::Composite { attributes } => {
                Self::path(self.paths, &element.schema, &element.name).is_some()
                    && attributes.iter().all(|a| self.native_at(&a.ty, depth + 1))
            }
            TypeClass::Relation | TypeClass::Range | TypeClass::Multirange => false,
            TypeClass::Scalar(scalar) => native_scalar(scalar),
        }
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
        resolve(self.catalog, ty)
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
        RustType::plain("::serde_json::Value")
    }

    /// A built-in or extension scalar; `ty` names it in the list of unknown types.
    fn scalar(&self, scalar: Scalar, ty: &TypeRef) -> RustType {
        let string = || RustType::plain("::std::string::String");
        match scalar {
            Scalar::Bool => RustType::plain("bool"),
            Scalar::Int2 => RustType::plain("i16"),
            Scalar::Int4 => RustType::plain("i32"),
            Scalar::Int8 => RustType::plain("i64"),
            Scalar::Float4 => {
                self.need(|n| n.float = true);
                RustType::with("f32", "pg::Float")
            }
            Scalar::Float8 => {
                self.need(|n| n.float = true);
                RustType::with("f64", "pg::Float")
            }
            Scalar::Numeric { .. } => {
                self.need(|n| n.decimal = true);
                RustType::with("::rust_decimal::Decimal", "pg::Decimal")
            }
            Scalar::Oid => RustType::with("u32", "::serde_with::DisplayFromStr"),
            Scalar::Uuid => {
                self.need(|n| n.uuid = true);
                RustType::plain("::uuid::Uuid")
            }
            Scalar::Date
            | Scalar::DateTime(
                DateTime::Timestamp(_) | DateTime::TimestampTz(_) | DateTime::Time(_),
            ) => self.date_time(scalar),
            Scalar::Bytea => {
                self.need(|n| n.bytea = true);
                RustType::plain("pg::Bytea")
            }
            Scalar::Json | Scalar::Jsonb => RustType::plain("::serde_json::Value"),
            Scalar::Record => {
                RustType::plain("::serde_json::Map<::std::string::String, ::serde_json::Value>")
            }
            Scalar::Hstore => RustType::plain(
                "::std::collections::BTreeMap<::std::string::String, ::std::option::Option<::std::string::String>>",
            ),
            Scalar::Text
            | Scalar::Varchar { .. }
            | Scalar::Bpchar { .. }
            | Scalar::Name
            | Scalar::Char
            | Scalar::DateTime(DateTime::TimeTz(_) | DateTime::Interval(_))
            | Scalar::Money
            | Scalar::Network(_)
            | Scalar::TsVector
            | Scalar::TsQuery
            | Scalar::Bit { .. }
            | Scalar::Varbit { .. }
            | Scalar::Xml
            | Scalar::PgLsn
            | Scalar::Geometric(_)
            | Scalar::TransactionId
            | Scalar::Reg
            | Scalar::Jsonpath
            | Scalar::Snapshot
            | Scalar::SystemText
            | Scalar::Citext
            | Scalar::Ltree
            | Scalar::Lquery
            | Scalar::Ltxtquery
            | Scalar::Cube
            | Scalar::Vector(_) => string(),
            Scalar::Void | Scalar::Unknown => self.unknown(ty),
        }
    }

    /// `date`, `timestamp`, `timestamptz`, `time` in the chosen crate, with their adapters.
    fn date_time(&self, scalar: Scalar) -> RustType {
        self.need(|n| n.datetime = true);
        let chrono = self.datetime == RustDateTime::Chrono;
        let (ty, adapter) = match scalar {
            Scalar::Date if chrono => ("::chrono::NaiveDate", "pg::Date"),
            Scalar::Date => ("::time::Date", "pg::Date"),
            Scalar::DateTime(DateTime::Timestamp(_)) if chrono => {
                ("::chrono::NaiveDateTime", "pg::Timestamp")
            }
            Scalar::DateTime(DateTime::Timestamp(_)) => {
                ("::time::PrimitiveDateTime", "pg::Timestamp")
            }
            Scalar::DateTime(DateTime::TimestampTz(_)) if chrono => {
                ("::chrono::DateTime<::chrono::Utc>", "pg::TimestampTz")
            }
            Scalar::DateTime(DateTime::TimestampTz(_)) => {
                ("::time::OffsetDateTime", "pg::TimestampTz")
            }
            _ if chrono => ("::chrono::NaiveTime", "pg::Time"),
            _ => ("::time::Time", "pg::Time"),
        };
        RustType::with(ty, adapter)
    }
}

/// Whether the support module's `FromPg` decodes a scalar from the binary format.
fn native_scalar(scalar: Scalar) -> bool {
    match scalar {
        Scalar::Bool
        | Scalar::Int2
        | Scalar::Int4
        | Scalar::Int8
        | Scalar::Float4
        | Scalar::Float8
        | Scalar::Numeric { .. }
        | Scalar::Oid
        | Scalar::Uuid
        | Scalar::Date
        | Scalar::DateTime(DateTime::Timestamp(_) | DateTime::TimestampTz(_) | DateTime::Time(_))
        | Scalar::Bytea
        | Scalar::Json
        | Scalar::Jsonb
        | Scalar::Text
        | Scalar::Varchar { .. }
        | Scalar::Bpchar { .. }
        | Scalar::Name
        | Scalar::Char
        | Scalar::Xml
        | Scalar::Citext
        | Scalar::Ltree
        | Scalar::Lquery
        | Scalar::Ltxtquery => true,
        Scalar::DateTime(DateTime::TimeTz(_) | DateTime::Interval(_))
        | Scalar::Money
        | Scalar::Jsonpath
        | Scalar::Bit { .. }
        | Scalar::Varbit { .. }
        | Scalar::TransactionId
        | Scalar::Reg
        | Scalar::Network(_)
        | Scalar::Geometric(_)
        | Scalar::TsVector
        | Scalar::TsQuery
        | Scalar::PgLsn
        | Scalar::Snapshot
        | Scalar::SystemText
        | Scalar::Hstore
        | Scalar::Cube
        | Scalar::Vector(_)
        | Scalar::Void
        | Scalar::Record
        | Scalar::Unknown => false,
    }
}
