//! The one classification of Postgres types. Every target matches on [`Scalar`] and
//! [`TypeClass`] with no catch-all arm, so a new variant fails to compile in each target
//! until each one handles it. To support a new Postgres type: add a variant here, classify
//! it in [`Scalar::of`], and follow the compiler.
//!
//! Domain chains are walked here only ([`domain_chain`], [`resolve`]), with a bound, so a
//! crafted snapshot whose domains form a cycle cannot hang or overflow the stack.

use super::bounds;
use crate::model::{Attribute, Catalog, Check, TypeKind, TypeRef};

/// How many domains deep a chain is followed. Postgres cannot make a cycle, but a snapshot
/// is untrusted input.
pub const MAX_DOMAIN_DEPTH: usize = 32;

/// A base type that is neither an enum, a composite, a range nor a domain: a built-in type
/// or an extension type, with the typmods that matter to a value's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `bool`.
    Bool,
    /// `int2`.
    Int2,
    /// `int4`.
    Int4,
    /// `int8`.
    Int8,
    /// `float4`.
    Float4,
    /// `float8`.
    Float8,
    /// `numeric(p, s)`.
    Numeric {
        /// Precision, when declared.
        precision: Option<u32>,
        /// Scale, when declared.
        scale: Option<i32>,
    },
    /// `money`.
    Money,
    /// `text`.
    Text,
    /// `varchar(n)`.
    Varchar {
        /// Maximum length in characters.
        length: Option<u32>,
    },
    /// `char(n)` (`bpchar`), blank-padded.
    Bpchar {
        /// Length in characters.
        length: Option<u32>,
    },
    /// `"char"`, the one-byte internal type.
    Char,
    /// `name`.
    Name,
    /// `citext` (extension).
    Citext,
    /// `uuid`.
    Uuid,
    /// `date`.
    Date,
    /// A time of day, a timestamp or an interval.
    DateTime(DateTime),
    /// `bytea`.
    Bytea,
    /// `json`.
    Json,
    /// `jsonb`.
    Jsonb,
    /// `jsonpath`.
    Jsonpath,
    /// `bit(n)`.
    Bit {
        /// Length in bits.
        length: Option<u32>,
    },
    /// `varbit(n)`.
    Varbit {
        /// Maximum length in bits.
        length: Option<u32>,
    },
    /// `oid`.
    Oid,
    /// `xid`, `xid8`, `cid`: transaction and command ids (unsigned integers as text).
    TransactionId,
    /// `regclass`, `regtype`, ...: object names.
    Reg,
    /// A network address type.
    Network(Network),
    /// A geometric type.
    Geometric(Geometric),
    /// `tsvector`.
    TsVector,
    /// `tsquery`.
    TsQuery,
    /// `xml`.
    Xml,
    /// `pg_lsn`.
    PgLsn,
    /// `txid_snapshot`, `pg_snapshot`.
    Snapshot,
    /// `int2vector`, `oidvector`, `aclitem`, `refcursor`: system types read as text.
    SystemText,
    /// `hstore` (extension): a map of text to nullable text.
    Hstore,
    /// `ltree` (extension): a label path.
    Ltree,
    /// `lquery` (extension): an ltree pattern.
    Lquery,
    /// `ltxtquery` (extension): an ltree full-text query.
    Ltxtquery,
    /// `cube` (extension): a point or box in n dimensions, as text `(1, 2), (3, 4)`.
    Cube,
    /// pgvector's types.
    Vector(Vector),
    /// `void` (a function result).
    Void,
    /// `record` (an anonymous row).
    Record,
    /// Any other type (pseudo-types, unknown extension types): known by name only.
    Unknown,
}

/// The time types, each with its fractional-second precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateTime {
    /// `time(p)`.
    Time(Option<u32>),
    /// `timetz(p)`.
    TimeTz(Option<u32>),
    /// `timestamp(p)`.
    Timestamp(Option<u32>),
    /// `timestamptz(p)`.
    TimestampTz(Option<u32>),
    /// `interval(p)`.
    Interval(Option<u32>),
}

/// The network address types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    /// `inet`.
    Inet,
    /// `cidr`.
    Cidr,
    /// `macaddr`.
    Macaddr,
    /// `macaddr8`.
    Macaddr8,
}

/// The geometric types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Geometric {
    /// `point`.
    Point,
    /// `line`.
    Line,
    /// `lseg`.
    Lseg,
    /// `box`.
    Box,
    /// `path`.
    Path,
    /// `polygon`.
    Polygon,
    /// `circle`.
    Circle,
}

/// pgvector's types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vector {
    /// `vector(n)`.
    Vector,
    /// `halfvec(n)`.
    Halfvec,
    /// `sparsevec(n)`.
    Sparsevec,
}

impl Scalar {
    /// Classifies a base type (not an enum, composite, range or domain) by schema and name:
    /// built-ins live in `pg_catalog`, extension types anywhere else.
    pub fn of(ty: &TypeRef) -> Scalar {
        if ty.schema == "pg_catalog" {
            Self::builtin(ty)
        } else {
            Self::extension(&ty.name)
        }
    }

    fn builtin(ty: &TypeRef) -> Scalar {
        use Scalar::*;
        let p = ty.time_precision;
        match ty.name.as_str() {
            "bool" => Bool,
            "int2" => Int2,
            "int4" => Int4,
            "int8" => Int8,
            "float4" => Float4,
            "float8" => Float8,
            "numeric" => Numeric {
                precision: ty.precision,
                scale: ty.scale,
            },
            "money" => Money,
            "text" => Text,
            "varchar" => Varchar { length: ty.length },
            "bpchar" => Bpchar { length: ty.length },
            "char" => Char,
            "name" => Name,
            "uuid" => Uuid,
            "date" => Date,
            "time" => DateTime(self::DateTime::Time(p)),
            "timetz" => DateTime(self::DateTime::TimeTz(p)),
            "timestamp" => DateTime(self::DateTime::Timestamp(p)),
            "timestamptz" => DateTime(self::DateTime::TimestampTz(p)),
            "interval" => DateTime(self::DateTime::Interval(p)),
            "bytea" => Bytea,
            "json" => Json,
            "jsonb" => Jsonb,
            "jsonpath" => Jsonpath,
            "bit" => Bit { length: ty.length },
            "varbit" => Varbit { length: ty.length },
            "oid" => Oid,
            "xid" | "xid8" | "cid" => TransactionId,
            "regclass" | "regproc" | "regprocedure" | "regtype" | "regrole" | "regnamespace"
            | "regconfig" | "regdictionary" | "regoper" | "regoperator" => Reg,
            "inet" => Network(self::Network::Inet),
            "cidr" => Network(self::Network::Cidr),
            "macaddr" => Network(self::Network::Macaddr),
            "macaddr8" => Network(self::Network::Macaddr8),
            "point" => Geometric(self::Geometric::Point),
            "line" => Geometric(self::Geometric::Line),
            "lseg" => Geometric(self::Geometric::Lseg),
            "box" => Geometric(self::Geometric::Box),
            "path" => Geometric(self::Geometric::Path),
            "polygon" => Geometric(self::Geometric::Polygon),
            "circle" => Geometric(self::Geometric::Circle),
            "tsvector" => TsVector,
            "tsquery" => TsQuery,
            "xml" => Xml,
            "pg_lsn" => PgLsn,
            "txid_snapshot" | "pg_snapshot" => Snapshot,
            "int2vector" | "oidvector" | "aclitem" | "refcursor" => SystemText,
            "void" => Void,
            "record" => Record,
            _ => Unknown,
        }
    }

    /// Extension types are known by name, whatever schema the extension was installed in.
    fn extension(name: &str) -> Scalar {
        match name {
            "citext" => Scalar::Citext,
            "hstore" => Scalar::Hstore,
            "ltree" => Scalar::Ltree,
            "lquery" => Scalar::Lquery,
            "ltxtquery" => Scalar::Ltxtquery,
            "cube" => Scalar::Cube,
            "vector" => Scalar::Vector(Vector::Vector),
            "halfvec" => Scalar::Vector(Vector::Halfvec),
            "sparsevec" => Scalar::Vector(Vector::Sparsevec),
            _ => Scalar::Unknown,
        }
    }

    /// A character string type whose values compare as written (`IN ('a', 'b')` lists and
    /// length limits mean what they say): text, varchar, char(n), name, citext.
    pub fn is_text(self) -> bool {
        use Scalar::*;
        match self {
            Text | Varchar { .. } | Bpchar { .. } | Name | Citext => true,
            Bool
            | Int2
            | Int4
            | Int8
            | Float4
            | Float8
            | Numeric { .. }
            | Money
            | Char
            | Uuid
            | Date
            | DateTime(_)
            | Bytea
            | Json
            | Jsonb
            | Jsonpath
            | Bit { .. }
            | Varbit { .. }
            | Oid
            | TransactionId
            | Reg
            | Network(_)
            | Geometric(_)
            | TsVector
            | TsQuery
            | Xml
            | PgLsn
            | Snapshot
            | SystemText
            | Hstore
            | Ltree
            | Lquery
            | Ltxtquery
            | Cube
            | Vector(_)
            | Void
            | Record
            | Unknown => false,
        }
    }

    /// Whether the values are numbers, and whether a JavaScript number holds every one.
    pub fn js_number(self) -> Option<JsNumber> {
        use Scalar::*;
        match self {
            Int2 | Int4 | Float4 | Float8 => Some(JsNumber::Exact),
            Int8 | Numeric { .. } => Some(JsNumber::Wide),
            Bool
            | Money
            | Text
            | Varchar { .. }
            | Bpchar { .. }
            | Char
            | Name
            | Citext
            | Uuid
            | Date
            | DateTime(_)
            | Bytea
            | Json
            | Jsonb
            | Jsonpath
            | Bit { .. }
            | Varbit { .. }
            | Oid
            | TransactionId
            | Reg
            | Network(_)
            | Geometric(_)
            | TsVector
            | TsQuery
            | Xml
            | PgLsn
            | Snapshot
            | SystemText
            | Hstore
            | Ltree
            | Lquery
            | Ltxtquery
            | Cube
            | Vector(_)
            | Void
            | Record
            | Unknown => None,
        }
    }
}

/// Which way a value goes through PostgREST. A value's JSON form can differ by direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Read from Postgres: a Row, a function's result (the JSON `to_jsonb` writes).
    Read,
    /// Sent to Postgres: an Insert, an Update, a function's arguments (PostgREST reads
    /// them with `json_populate_recordset` / `json_to_recordset`, which give each JSON value
    /// that is not an array or an object for a composite to the type's input function as text).
    Write,
}

impl Scalar {
    /// The scalar whose JSON form a value of this type has when it goes `direction`: itself,
    /// except for a written hstore. `to_jsonb` writes hstore as a JSON object (through the
    /// extension's cast to json), but `json_populate_record` hands an object's text to
    /// `hstore_in`, which rejects it; it takes the hstore text, `"a"=>"1", "b"=>NULL`, as
    /// a JSON string. So a written hstore is text.
    pub fn through(self, direction: Direction) -> Scalar {
        match (self, direction) {
            (Scalar::Hstore, Direction::Write) => Scalar::Text,
            _ => self,
        }
    }
}

/// Whether a value of `ty` (through its domains, an array of it alike) has a different JSON
/// form written than read (see [`Scalar::through`]). Enums, composites and ranges do not
/// (a composite's attributes are typed once, as read).
pub fn written_differs(catalog: &Catalog, ty: &TypeRef) -> bool {
    match classify(catalog, &resolve(catalog, ty)) {
        TypeClass::Scalar(s) => s.through(Direction::Write) != s,
        TypeClass::Domain { .. }
        | TypeClass::Enum { .. }
        | TypeClass::Composite { .. }
        | TypeClass::Relation
        | TypeClass::Range
        | TypeClass::Multirange => false,
    }
}

/// How a numeric scalar fits a JavaScript number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsNumber {
    /// Every value does: int2, int4, float4, float8.
    Exact,
    /// Values may need more digits than a double holds: int8, numeric (node-postgres reads
    /// them as strings; PostgREST writes them as JSON numbers).
    Wide,
}

/// Whether node-postgres (pg-types' text parsers) parses an array whose elements are of
/// type `element` (a `pg_catalog` name, as pg-types registers its parsers by
/// built-in oid); it parses arrays of these built-in types only, and returns every other
/// array (bit, varbit, xml, `"char"`, name, ranges but numrange, enums, composites,
/// extension types, ...) as Postgres's text.
pub fn node_postgres_parses_array(element: &TypeRef) -> bool {
    element.schema == "pg_catalog"
        && matches!(
            element.name.as_str(),
            "bool"
                | "bytea"
                | "int2"
                | "int4"
                | "int8"
                | "oid"
                | "float4"
                | "float8"
                | "numeric"
                | "bpchar"
                | "varchar"
                | "text"
                | "regproc"
                | "point"
                | "macaddr"
                | "inet"
                | "cidr"
                | "date"
                | "time"
                | "timetz"
                | "timestamp"
                | "timestamptz"
                | "interval"
                | "json"
                | "jsonb"
                | "numrange"
                | "uuid"
                | "money"
        )
}

/// What a type is, one level down: a domain (with its base), a named type, or a scalar.
#[derive(Debug, Clone, Copy)]
pub enum TypeClass<'c> {
    /// A domain over `base` (itself maybe a domain).
    Domain {
        /// The type under the domain.
        base: &'c TypeRef,
        /// `NOT NULL` domain.
        not_null: bool,
        /// The domain has a DEFAULT.
        has_default: bool,
        /// Its CHECK constraints.
        checks: &'c [Check],
    },
    /// An enum.
    Enum {
        /// Labels in sort order.
        labels: &'c [String],
    },
    /// A free-standing composite type.
    Composite {
        /// Its attributes.
        attributes: &'c [Attribute],
    },
    /// A relation's row type.
    Relation,
    /// A range type.
    Range,
    /// A multirange type.
    Multirange,
    /// A built-in or extension base type.
    Scalar(Scalar),
}

/// The class of the element type of `ty` (array dimensions are not looked at).
pub fn classify<'c>(catalog: &'c Catalog, ty: &TypeRef) -> TypeClass<'c> {
    match catalog.type_def(ty).map(|d| &d.kind) {
        Some(TypeKind::Domain {
            base,
            not_null,
            default,
            checks,
        }) => TypeClass::Domain {
            base,
            not_null: *not_null,
            has_default: default.is_some(),
            checks,
        },
        Some(TypeKind::Enum { labels }) => TypeClass::Enum { labels },
        Some(TypeKind::Composite { attributes }) => TypeClass::Composite { attributes },
        Some(TypeKind::Relation) => TypeClass::Relation,
        Some(TypeKind::Range { .. }) => TypeClass::Range,
        Some(TypeKind::Multirange { .. }) => TypeClass::Multirange,
        Some(TypeKind::Base { .. }) | None => TypeClass::Scalar(Scalar::of(ty)),
    }
}

/// The domains of `ty`'s chain, outermost first, with the `TypeKind::Domain` of each; at
/// most [`MAX_DOMAIN_DEPTH`] of them.
pub fn domain_chain<'c>(catalog: &'c Catalog, ty: &TypeRef) -> Vec<&'c TypeKind> {
    let mut out = Vec::new();
    let mut kind = catalog.type_def(ty).map(|d| &d.kind);
    while let Some(k @ TypeKind::Domain { base, .. }) = kind {
        if out.len() == MAX_DOMAIN_DEPTH {
            break;
        }
        out.push(k);
        kind = catalog.type_def(base).map(|d| &d.kind);
    }
    out
}

/// The type below every domain of `ty`, with the array dimensions of the whole chain added
/// up (`ty` itself when it is not a domain). A chain deeper than [`MAX_DOMAIN_DEPTH`] stops
/// at the last domain reached.
pub fn resolve(catalog: &Catalog, ty: &TypeRef) -> TypeRef {
    let mut t = ty.clone();
    for _ in 0..MAX_DOMAIN_DEPTH {
        let Some(TypeKind::Domain { base, .. }) = catalog.type_def(&t).map(|d| &d.kind) else {
            break;
        };
        let dims = t.array_dims;
        t = base.clone();
        t.array_dims = t
            .array_dims
            .saturating_add(dims)
            .min(bounds::MAX_ARRAY_DIMS);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TypeDef, TypeKind};

    fn catalog_of(types: Vec<TypeDef>) -> Catalog {
        let mut c = Catalog {
            format: crate::model::SNAPSHOT_FORMAT,
            schemas: Vec::new(),
            relations: Vec::new(),
            types,
            functions: Vec::new(),
            type_index: Default::default(),
        };
        c.normalize();
        c
    }

    fn ty(schema: &str, name: &str) -> TypeRef {
        TypeRef {
            schema: schema.into(),
            name: name.into(),
            ..TypeRef::default()
        }
    }

    fn domain(name: &str, base: TypeRef) -> TypeDef {
        TypeDef {
            schema: "public".into(),
            name: name.into(),
            extension: None,
            comment: None,
            kind: TypeKind::Domain {
                base,
                not_null: false,
                default: None,
                checks: Vec::new(),
            },
        }
    }

    #[test]
    fn hstore_is_read_as_a_map_and_written_as_text() {
        let h = ty("extensions", "hstore");
        assert_eq!(Scalar::of(&h).through(Direction::Read), Scalar::Hstore);
        assert_eq!(Scalar::of(&h).through(Direction::Write), Scalar::Text);
        let c = catalog_of(vec![domain("tags", h.clone())]);
        assert!(written_differs(&c, &h));
        assert!(written_differs(&c, &ty("public", "tags")));
        assert!(!written_differs(&c, &ty("pg_catalog", "text")));
        assert!(!written_differs(&c, &ty("pg_catalog", "jsonb")));
    }

    #[test]
    fn builtins_are_classified_with_their_typmods() {
        let mut v = ty("pg_catalog", "varchar");
        v.length = Some(20);
        assert_eq!(Scalar::of(&v), Scalar::Varchar { length: Some(20) });
        let mut n = ty("pg_catalog", "numeric");
        n.precision = Some(10);
        n.scale = Some(2);
        assert_eq!(
            Scalar::of(&n),
            Scalar::Numeric {
                precision: Some(10),
                scale: Some(2)
            }
        );
        let mut t = ty("pg_catalog", "timestamptz");
        t.time_precision = Some(3);
        assert_eq!(
            Scalar::of(&t),
            Scalar::DateTime(DateTime::TimestampTz(Some(3)))
        );
        assert_eq!(Scalar::of(&ty("pg_catalog", "xid8")), Scalar::TransactionId);
        assert_eq!(Scalar::of(&ty("pg_catalog", "trigger")), Scalar::Unknown);
    }

    #[test]
    fn extension_types_are_known_by_name_in_any_schema() {
        assert_eq!(Scalar::of(&ty("extensions", "hstore")), Scalar::Hstore);
        assert_eq!(Scalar::of(&ty("public", "ltxtquery")), Scalar::Ltxtquery);
        assert_eq!(Scalar::of(&ty("public", "cube")), Scalar::Cube);
        assert_eq!(Scalar::of(&ty("public", "citext")), Scalar::Citext);
        assert_eq!(Scalar::of(&ty("public", "mystery")), Scalar::Unknown);
        // A built-in name outside pg_catalog is not the built-in.
        assert_eq!(Scalar::of(&ty("public", "int4")), Scalar::Unknown);
        assert!(Scalar::Citext.is_text() && !Scalar::Char.is_text());
        assert_eq!(Scalar::Float4.js_number(), Some(JsNumber::Exact));
        assert_eq!(
            Scalar::Numeric {
                precision: None,
                scale: None
            }
            .js_number(),
            Some(JsNumber::Wide)
        );
        assert_eq!(Scalar::Money.js_number(), None);
    }

    #[test]
    fn domain_chains_resolve_and_stop_on_cycles() {
        let mut int_arr = ty("pg_catalog", "int4");
        int_arr.array_dims = 1;
        let catalog = catalog_of(vec![domain("a", ty("public", "b")), domain("b", int_arr)]);
        let r = resolve(&catalog, &ty("public", "a"));
        assert_eq!((r.name.as_str(), r.array_dims), ("int4", 1));
        assert_eq!(domain_chain(&catalog, &ty("public", "a")).len(), 2);
        assert!(matches!(
            classify(&catalog, &ty("public", "a")),
            TypeClass::Domain { .. }
        ));

        let cyclic = catalog_of(vec![
            domain("x", ty("public", "y")),
            domain("y", ty("public", "x")),
        ]);
        assert_eq!(
            domain_chain(&cyclic, &ty("public", "x")).len(),
            MAX_DOMAIN_DEPTH
        );
        let r = resolve(&cyclic, &ty("public", "x"));
        assert!(r.name == "x" || r.name == "y");
    }
}
