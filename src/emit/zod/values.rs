//! One table: a column's or type's [`ValueRules`] as a Zod expression, per transport profile,
//! for rows Postgres returns (`Site::Row`) and values sent to it (`Site::Input`).

use super::chain::{Arg, Chain, array, object};
use super::typed::{self, Ty, Typed, Types};
use crate::config::TsTransport;
use crate::model::Literal;
use crate::plan::rules::{BaseClass, ValueRules};
use crate::plan::types::{DateTime, Geometric, JsNumber, Network, Scalar};
use crate::print::doc::{Doc, text};
use crate::print::js::string_literal;

/// Where a value is validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// A value Postgres returned: every real value must pass.
    Row,
    /// A value sent to Postgres (Insert, Update, Args): what Postgres would reject fails.
    Input,
}

/// A named schema an expression refers to.
pub struct Named {
    /// The code that refers to it (`statusType`, `z.lazy(() => usersRow)`).
    pub code: String,
    /// The export it refers to.
    pub export: String,
    /// An enum's schema (its input is its output).
    pub is_enum: bool,
}

/// What the Zod expressions refer to by name.
pub trait Names {
    /// The schema constant of an enum, composite or relation row type (`schema.name`).
    fn type_schema(&self, schema: &str, name: &str) -> Option<Named>;
}

/// Builds Zod expressions.
pub struct ZodValues<'a> {
    /// Zod 3 API instead of Zod 4.
    pub v3: bool,
    /// The transport profile.
    pub transport: TsTransport,
    /// Array elements accept `null` (`typescript.nullable_array_elements`, so that `z.infer`
    /// stays the TypeScript type).
    pub nullable_array_elements: bool,
    /// Named schemas.
    pub names: &'a (dyn Names + Sync),
    /// Build the types of the expressions (the declared form); else the combinators below
    /// skip that work.
    pub types: bool,
}

fn z() -> Chain {
    Chain::new("z")
}

/// `z.name()` of type `ty`.
fn zt(name: &'static str, ty: &'static str) -> Typed {
    Typed::new(z().call0(name), Ty::Name(ty))
}

fn string() -> Typed {
    zt("string", "string")
}

fn pg(name: &'static str, types: Types) -> Typed {
    Typed::with(Chain::new("pg").call0(name), types)
}

fn regex(t: Typed, name: &str) -> Typed {
    t.call1("regex", format!("pg.{name}"))
}

fn optional_number(key: &str) -> (String, Ty, bool) {
    (
        key.to_string(),
        Ty::union(vec![Ty::Name("number"), Ty::Name("undefined")]),
        true,
    )
}

fn numbers(keys: &[&str]) -> Ty {
    Ty::Object(
        keys.iter()
            .map(|k| (k.to_string(), Ty::Name("number"), false))
            .collect(),
    )
}

/// A literal's type: the literal itself.
fn literal_ty(l: &Literal) -> Ty {
    Ty::Lit(literal_code(l))
}

fn literal_code(l: &Literal) -> String {
    match l {
        Literal::String(s) => string_literal(s),
        Literal::Number(n) => n.clone(),
        Literal::Bool(b) => b.to_string(),
    }
}

impl ZodValues<'_> {
    /// The types of `z.array(element)`.
    pub fn array_of(&self, element: &Types) -> Types {
        if !self.types {
            return Types::untyped();
        }
        typed::array_of(element)
    }

    /// The types of `z.union(members)`.
    pub fn union_of<'t>(&self, members: impl Iterator<Item = &'t Types> + Clone) -> Types {
        if !self.types {
            return Types::untyped();
        }
        typed::union_of(members)
    }

    /// The types of `z.record(z.string(), value)`.
    pub fn record_of(&self, value: &Types) -> Types {
        if !self.types {
            return Types::untyped();
        }
        typed::record_of(value)
    }

    /// `z.object({ key: value, ... })`, or with `strict` `z.strictObject` (Zod 3:
    /// `z.object(...).strict()`); `doc` lays out each member's chain.
    pub fn object(
        &self,
        members: Vec<(String, Typed)>,
        strict: bool,
        mut doc: impl FnMut(Chain) -> Doc,
    ) -> Typed {
        let mut docs = Vec::with_capacity(members.len());
        let mut types = Vec::with_capacity(members.len());
        for (key, member) in members {
            docs.push(doc(member.chain));
            types.push((key, member.types));
        }
        let keys = types.iter().map(|(k, _)| k.as_str());
        let obj = Arg::Complex(object(keys.zip(docs).collect()));
        let chain = match (strict, self.v3) {
            (true, false) => z().call("strictObject", vec![obj]),
            (true, true) => z().call("object", vec![obj]).call0("strict"),
            (false, _) => z().call("object", vec![obj]),
        };
        let types = if self.types {
            typed::object_of(types, self.v3)
        } else {
            Types::untyped()
        };
        Typed::with(chain, types)
    }

    fn int(&self) -> Typed {
        if self.v3 {
            zt("number", "number").call0("int")
        } else {
            zt("int", "number")
        }
    }

    /// `jsonSchema` / `nonNullJsonSchema`: annotated `z.ZodType<T>`, so their input is
    /// `unknown` in Zod 4 (whose input type parameter defaults to it) and `T` in Zod 3.
    pub fn json(&self, name: &'static str, ty: &'static str) -> Typed {
        let types = if self.v3 {
            Types::same(Ty::Name(ty))
        } else {
            Types::transformed(Ty::Name(ty), Ty::Name("unknown"))
        };
        Typed::with(Chain::new(name), types)
    }

    /// A non-null value: the type's schema with its refinements; arrays of elements that are
    /// nullable with `typescript.nullable_array_elements`.
    pub fn value(&self, rules: &ValueRules, site: Site) -> (Typed, bool) {
        // node-postgres parses arrays of some built-in types only; the others arrive as text.
        if self.transport == TsTransport::NodePostgres && rules.node_postgres_array_text() {
            return (string(), false);
        }
        let (mut element, complex) = self.element(rules, site);
        if rules.array_dims == 0 {
            return (element, complex);
        }
        // Elements may be NULL (when the option says so); sub-arrays of a multidimensional
        // array may not.
        if self.nullable_array_elements {
            element = element.nullable();
        }
        for _ in 0..rules.array_dims {
            let simple = element.chain.is_simple() && !complex;
            let doc = if simple {
                Arg::Simple(element.chain.doc())
            } else {
                Arg::Complex(element.chain.doc())
            };
            let types = self.array_of(&element.types);
            element = Typed::wrap(z().call("array", vec![doc]), types);
        }
        (element, false)
    }

    /// The element schema; the flag says whether its arguments are complex for prettier.
    fn element(&self, r: &ValueRules, site: Site) -> (Typed, bool) {
        if let Some(values) = &r.one_of
            && let Some(c) = self.one_of(r, values)
        {
            return c;
        }
        if let Some(schema) = &r.json_schema
            && let Some(c) = super::jsonschema::to_zod(schema, self)
        {
            return (c, true);
        }
        let chain = self.base(r, site);
        (self.refine(chain, r, site), false)
    }

    fn one_of(&self, r: &ValueRules, values: &[Literal]) -> Option<(Typed, bool)> {
        let scalar = r.class.scalar()?;
        // char(n) pads, so literal values may not match what comes back.
        let text_like = scalar.is_text() && !matches!(scalar, Scalar::Bpchar { .. });
        let number_like = match scalar.js_number() {
            Some(JsNumber::Exact) => true,
            Some(JsNumber::Wide) => self.transport == TsTransport::Postgrest,
            None => false,
        };
        let ty = || Ty::union(values.iter().map(literal_ty).collect());
        if text_like && values.iter().all(|v| matches!(v, Literal::String(_))) {
            let items = values.iter().map(|v| text(literal_code(v))).collect();
            let chain = z().call("enum", vec![Arg::Simple(array(items))]);
            return Some((Typed::new(chain, ty()), false));
        }
        if number_like && values.iter().all(|v| matches!(v, Literal::Number(_))) {
            let items: Vec<Doc> = values
                .iter()
                .map(|v| text(format!("z.literal({})", literal_code(v))))
                .collect();
            if items.len() == 1 {
                let chain = z().call1("literal", literal_code(&values[0]));
                return Some((Typed::new(chain, ty()), false));
            }
            let chain = z().call("union", vec![Arg::Complex(array(items))]);
            return Some((Typed::new(chain, ty()), true));
        }
        None
    }

    /// The base type's schema, without CHECK refinements.
    fn base(&self, r: &ValueRules, site: Site) -> Typed {
        let node = self.transport == TsTransport::NodePostgres;
        match &r.class {
            BaseClass::Composite | BaseClass::Relation if node => string(),
            BaseClass::Enum { .. } | BaseClass::Composite | BaseClass::Relation => {
                match self.names.type_schema(&r.base.schema, &r.base.name) {
                    Some(n) => {
                        let output = Ty::Ref(n.export.clone(), false);
                        let types = if n.is_enum {
                            Types::same(output)
                        } else {
                            Types::transformed(output, Ty::Ref(n.export, true))
                        };
                        Typed::with(Chain::new(n.code), types)
                    }
                    None => zt("unknown", "unknown"),
                }
            }
            BaseClass::Range => regex(string(), "RANGE"),
            BaseClass::Multirange => regex(string(), "MULTIRANGE"),
            BaseClass::Scalar(s) => self.scalar(*s, site),
        }
    }

    /// A scalar's schema, per transport profile and site.
    fn scalar(&self, scalar: Scalar, site: Site) -> Typed {
        let node = self.transport == TsTransport::NodePostgres;
        let row = site == Site::Row;
        let number = || zt("number", "number");
        match scalar {
            Scalar::Bool => zt("boolean", "boolean"),
            Scalar::Int2 => self.int().call1("gte", "-32768").call1("lte", "32767"),
            Scalar::Int4 => self
                .int()
                .call1("gte", "-2147483648")
                .call1("lte", "2147483647"),
            Scalar::Int8 if node => regex(string(), "INTEGER"),
            Scalar::Int8 if row => number().call1("refine", "Number.isInteger"),
            Scalar::Int8 if self.v3 => number().call0("int").call0("safe"),
            Scalar::Int8 => zt("int", "number"),
            Scalar::Numeric { .. } if node => regex(string(), "NUMERIC"),
            // node-postgres returns NaN/±Infinity numbers for non-finite floats.
            Scalar::Float4 | Scalar::Float8 if node && row => {
                pg("nodeFloat", Types::same(Ty::Name("number")))
            }
            Scalar::Float4 | Scalar::Float8 | Scalar::Numeric { .. } if row => {
                let texts = ["\"NaN\"", "\"Infinity\"", "\"-Infinity\""];
                let mut input = vec![Ty::Name("number")];
                input.extend(texts.iter().map(|t| Ty::Lit(t.to_string())));
                pg(
                    "float",
                    Types::transformed(Ty::Name("number"), Ty::union(input)),
                )
            }
            Scalar::Float4 if self.v3 => number().call0("finite").call1("refine", "pg.real"),
            Scalar::Float4 => number().call1("refine", "pg.real"),
            Scalar::Float8 | Scalar::Numeric { .. } if self.v3 => number().call0("finite"),
            Scalar::Float8 | Scalar::Numeric { .. } => number(),
            Scalar::Oid if node => self.int(),
            Scalar::Oid => regex(string(), "UNSIGNED"),
            Scalar::Uuid if row => regex(string(), "UUID"),
            Scalar::Uuid => regex(string(), "UUID_IN"),
            Scalar::Date => self.date_time("DATE", "isDate", site),
            Scalar::DateTime(dt) => match dt {
                DateTime::Timestamp(_) => self.date_time("TIMESTAMP", "isTimestamp", site),
                DateTime::TimestampTz(_) => self.date_time("TIMESTAMPTZ", "isTimestamptz", site),
                DateTime::Time(_) if row => regex(string(), "TIME"),
                DateTime::Time(_) => string().call1("refine", "pg.isTime"),
                DateTime::TimeTz(_) if row => regex(string(), "TIMETZ"),
                DateTime::TimeTz(_) => string().call1("refine", "pg.isTimetz"),
                DateTime::Interval(_) if node => {
                    let units = [
                        "years",
                        "months",
                        "days",
                        "hours",
                        "minutes",
                        "seconds",
                        "milliseconds",
                    ];
                    let ty = Ty::Object(units.iter().map(|u| optional_number(u)).collect());
                    Typed::new(Chain::new("pg.interval"), ty)
                }
                DateTime::Interval(_) if row => regex(string(), "INTERVAL"),
                DateTime::Interval(_) => regex(string(), "INTERVAL_IN"),
            },
            Scalar::Json | Scalar::Jsonb => self.json("jsonSchema", "Json"),
            Scalar::Bytea if node => Typed::new(
                z().call1("instanceof", "Uint8Array"),
                Ty::Name("InstanceType<typeof Uint8Array>"),
            ),
            Scalar::Bytea if row => regex(string(), "BYTEA"),
            Scalar::Bytea => string().call1("refine", "pg.isBytea"),
            Scalar::Network(n) => match n {
                Network::Inet => regex(string(), "INET"),
                Network::Cidr => regex(string(), "CIDR"),
                Network::Macaddr if row => regex(string(), "MACADDR"),
                Network::Macaddr => regex(string(), "MACADDR_IN"),
                Network::Macaddr8 if row => regex(string(), "MACADDR8"),
                Network::Macaddr8 => regex(string(), "MACADDR8_IN"),
            },
            Scalar::Bit { .. } | Scalar::Varbit { .. } => regex(string(), "BITS"),
            Scalar::Money if row => string(),
            Scalar::Money => regex(string(), "MONEY_IN"),
            Scalar::Geometric(Geometric::Point) if node => {
                Typed::new(Chain::new("pg.point"), numbers(&["x", "y"]))
            }
            Scalar::Geometric(Geometric::Circle) if node => {
                Typed::new(Chain::new("pg.circle"), numbers(&["x", "y", "radius"]))
            }
            Scalar::Void => zt("undefined", "undefined"),
            Scalar::Record => self.record("z.unknown()", Ty::Name("unknown")),
            // node-postgres has no parser for hstore, and PostgREST reads a written hstore
            // from its text (`"a"=>"1"`): only rows from `to_jsonb` hold an object.
            Scalar::Hstore if node || !row => string(),
            Scalar::Hstore => self.record(
                "z.string().nullable()",
                Ty::union(vec![Ty::Name("string"), Ty::Name("null")]),
            ),
            Scalar::Text
            | Scalar::Varchar { .. }
            | Scalar::Bpchar { .. }
            | Scalar::Char
            | Scalar::Name
            | Scalar::TsVector
            | Scalar::TsQuery
            | Scalar::Xml
            | Scalar::PgLsn
            | Scalar::Geometric(_)
            | Scalar::Jsonpath
            | Scalar::TransactionId
            | Scalar::Reg
            | Scalar::Snapshot
            | Scalar::SystemText
            | Scalar::Citext
            | Scalar::Ltree
            | Scalar::Lquery
            | Scalar::Ltxtquery
            | Scalar::Cube
            | Scalar::Vector(_) => string(),
            Scalar::Unknown => zt("unknown", "unknown"),
        }
    }

    /// `z.record(z.string(), value)`.
    fn record(&self, value: &'static str, ty: Ty) -> Typed {
        let chain = z().call(
            "record",
            vec![Arg::Simple(text("z.string()")), Arg::Simple(text(value))],
        );
        Typed::new(chain, Ty::Record(Box::new(ty)))
    }

    /// `date`, `timestamp`, `timestamptz`: `Date` objects from node-postgres (±Infinity as
    /// numbers in rows), else the text `to_jsonb` writes (rows) or Postgres reads (inputs).
    fn date_time(&self, pattern: &str, check: &str, site: Site) -> Typed {
        let node = self.transport == TsTransport::NodePostgres;
        match site {
            Site::Row if node => pg(
                "date",
                Types::transformed(
                    Ty::Name("Date"),
                    Ty::union(vec![Ty::Name("Date"), Ty::Name("number")]),
                ),
            ),
            Site::Input if node => zt("date", "Date"),
            Site::Row => regex(string(), pattern),
            Site::Input => string().call1("refine", format!("pg.{check}")),
        }
    }

    /// Typmod and CHECK limits (inputs only: rows already satisfy them, and a NaN stored
    /// under `CHECK (x > 0)` would fail a JavaScript comparison).
    fn refine(&self, mut c: Typed, r: &ValueRules, site: Site) -> Typed {
        if site == Site::Row {
            return c;
        }
        let scalar = r.class.scalar();
        let node = self.transport == TsTransport::NodePostgres;
        // node-postgres reads int8 and numeric as strings: no numeric comparison applies.
        let numeric = match scalar.and_then(Scalar::js_number) {
            Some(JsNumber::Exact) => true,
            Some(JsNumber::Wide) => !node,
            None => false,
        };
        if numeric {
            if let Some((v, inclusive)) = &r.min
                && matches!(v, Literal::Number(_))
            {
                c = c.call1(if *inclusive { "gte" } else { "gt" }, literal_code(v));
            }
            if let Some((v, inclusive)) = &r.max
                && matches!(v, Literal::Number(_))
            {
                c = c.call1(if *inclusive { "lte" } else { "lt" }, literal_code(v));
            }
            if let Some(Scalar::Numeric {
                precision: Some(p),
                scale: Some(s),
            }) = scalar
            {
                c = c.call1("refine", format!("pg.numericDigits({p}, {s})"));
            }
        }
        if let Some(Scalar::Bpchar { .. }) = scalar {
            if let Some(n) = r.max_length {
                c = c.call1("refine", format!("pg.maxCharsPadded({n})"));
            }
        } else if let Some(n) = r.max_length {
            c = c.call1("refine", format!("pg.maxChars({n})"));
        }
        if let Some(n) = r.min_length.filter(|n| *n > 0) {
            c = c.call1("refine", format!("pg.minChars({n})"));
        }
        match scalar {
            Some(Scalar::Bit { length: Some(n) }) => {
                c = c.call1("refine", format!("pg.bitLength({n})"));
            }
            Some(Scalar::Varbit { length: Some(n) }) => {
                c = c.call1("refine", format!("pg.maxChars({n})"));
            }
            _ => {}
        }
        for v in &r.not_equal {
            c = c.call1("refine", format!("pg.not({})", literal_code(v)));
        }
        c
    }
}
