//! One table: a column's or type's [`ValueRules`] as a Zod expression, per transport profile,
//! for rows Postgres returns (`Site::Row`) and values sent to it (`Site::Input`).

use super::chain::{Arg, Chain, array};
use crate::config::TsTransport;
use crate::emit::rules::ValueRules;
use crate::emit::typescript::doc::{Doc, string_literal, text};
use crate::model::{Literal, TypeKind};

/// Where a value is validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// A value Postgres returned: every real value must pass.
    Row,
    /// A value sent to Postgres (Insert, Update, Args): what Postgres would reject fails.
    Input,
}

/// What the Zod expressions refer to by name.
pub trait Names {
    /// The schema constant of an enum, composite or relation row type (`schema.name`).
    fn type_schema(&self, schema: &str, name: &str) -> Option<String>;
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
    pub names: &'a dyn Names,
}

fn z() -> Chain {
    Chain::new("z")
}

fn pg(name: &str) -> Chain {
    Chain::new("pg").call0(name)
}

fn regex(chain: Chain, name: &str) -> Chain {
    chain.call1("regex", format!("pg.{name}"))
}

fn literal_code(l: &Literal) -> String {
    match l {
        Literal::String(s) => string_literal(s),
        Literal::Number(n) => n.clone(),
        Literal::Bool(b) => b.to_string(),
    }
}

impl ZodValues<'_> {
    fn int(&self) -> Chain {
        if self.v3 {
            z().call0("number").call0("int")
        } else {
            z().call0("int")
        }
    }

    /// A non-null value: the type's schema with its refinements; arrays of elements that are
    /// nullable with `typescript.nullable_array_elements`.
    pub fn value(&self, rules: &ValueRules, site: Site) -> (Chain, bool) {
        // node-postgres parses arrays of some built-in types only; the others arrive as text.
        if self.transport == TsTransport::NodePostgres
            && rules.array_dims > 0
            && !crate::emit::rules::node_postgres_parses_array(&rules.base)
        {
            return (z().call0("string"), false);
        }
        let (mut element, complex) = self.element(rules, site);
        if rules.array_dims == 0 {
            return (element, complex);
        }
        // Elements may be NULL (when the option says so); sub-arrays of a multidimensional
        // array may not.
        if self.nullable_array_elements {
            element = element.call0("nullable");
        }
        for _ in 0..rules.array_dims {
            let simple = element.is_simple() && !complex;
            let doc = if simple {
                Arg::Simple(element.doc())
            } else {
                Arg::Complex(element.doc())
            };
            element = z().call("array", vec![doc]);
        }
        (element, false)
    }

    /// The element schema; the flag says whether its arguments are complex for prettier.
    fn element(&self, r: &ValueRules, site: Site) -> (Chain, bool) {
        if let Some(values) = &r.one_of
            && let Some(c) = self.one_of(r, values)
        {
            return c;
        }
        if let Some(schema) = &r.json_schema
            && let Some(c) = super::jsonschema::to_zod(schema, self.v3)
        {
            return (c, true);
        }
        let chain = self.base(r, site);
        (self.refine(chain, r, site), false)
    }

    fn one_of(&self, r: &ValueRules, values: &[Literal]) -> Option<(Chain, bool)> {
        let text_like = ["text", "varchar", "bpchar", "name"]
            .iter()
            .any(|t| r.is(t))
            || (r.base.name == "citext" && r.base.schema != "pg_catalog");
        let number_like = ["int2", "int4", "float4", "float8"].iter().any(|t| r.is(t))
            || (["int8", "numeric"].iter().any(|t| r.is(t))
                && self.transport == TsTransport::Postgrest);
        if text_like && !r.is("bpchar") && values.iter().all(|v| matches!(v, Literal::String(_))) {
            let items = values.iter().map(|v| text(literal_code(v))).collect();
            return Some((z().call("enum", vec![Arg::Simple(array(items))]), false));
        }
        if number_like && values.iter().all(|v| matches!(v, Literal::Number(_))) {
            let items: Vec<Doc> = values
                .iter()
                .map(|v| text(format!("z.literal({})", literal_code(v))))
                .collect();
            if items.len() == 1 {
                return Some((z().call1("literal", literal_code(&values[0])), false));
            }
            return Some((z().call("union", vec![Arg::Complex(array(items))]), true));
        }
        None
    }

    /// The base type's schema, without CHECK refinements.
    fn base(&self, r: &ValueRules, site: Site) -> Chain {
        let node = self.transport == TsTransport::NodePostgres;
        let row = site == Site::Row;
        if let Some(kind) = &r.base_kind {
            match kind {
                TypeKind::Enum { .. } | TypeKind::Composite { .. } | TypeKind::Relation => {
                    if node && !matches!(kind, TypeKind::Enum { .. }) {
                        return z().call0("string");
                    }
                    return match self.names.type_schema(&r.base.schema, &r.base.name) {
                        Some(name) => Chain::new(&name),
                        None => z().call0("unknown"),
                    };
                }
                TypeKind::Range { .. } => return regex(z().call0("string"), "RANGE"),
                TypeKind::Multirange { .. } => return regex(z().call0("string"), "MULTIRANGE"),
                TypeKind::Base { .. } if r.base.schema != "pg_catalog" => {
                    return match r.base.name.as_str() {
                        "citext" | "ltree" | "lquery" | "vector" | "halfvec" | "sparsevec" => {
                            z().call0("string")
                        }
                        _ => z().call0("unknown"),
                    };
                }
                _ => {}
            }
        }
        if r.base.schema != "pg_catalog" {
            return z().call0("unknown");
        }
        match r.base.name.as_str() {
            "bool" => z().call0("boolean"),
            "int2" => self.int().call1("gte", "-32768").call1("lte", "32767"),
            "int4" => self
                .int()
                .call1("gte", "-2147483648")
                .call1("lte", "2147483647"),
            "int8" if node => regex(z().call0("string"), "INTEGER"),
            "int8" if row => z().call0("number").call1("refine", "Number.isInteger"),
            "int8" if self.v3 => z().call0("number").call0("int").call0("safe"),
            "int8" => z().call0("int"),
            "numeric" if node => regex(z().call0("string"), "NUMERIC"),
            // node-postgres returns NaN/±Infinity numbers for non-finite floats.
            "float4" | "float8" if node && row => pg("nodeFloat"),
            "float4" | "float8" | "numeric" if row => pg("float"),
            "float4" if self.v3 => z()
                .call0("number")
                .call0("finite")
                .call1("refine", "pg.real"),
            "float4" => z().call0("number").call1("refine", "pg.real"),
            "float8" | "numeric" if self.v3 => z().call0("number").call0("finite"),
            "float8" | "numeric" => z().call0("number"),
            "oid" if node => self.int(),
            "oid" => regex(z().call0("string"), "UNSIGNED"),
            "uuid" if row => regex(z().call0("string"), "UUID"),
            "uuid" => regex(z().call0("string"), "UUID_IN"),
            // node-postgres returns ±Infinity (numbers) for infinite dates and timestamps.
            "date" | "timestamp" | "timestamptz" if node && row => pg("date"),
            "date" | "timestamp" | "timestamptz" if node => z().call0("date"),
            "date" if row => regex(z().call0("string"), "DATE"),
            "date" => z().call0("string").call1("refine", "pg.isDate"),
            "timestamp" if row => regex(z().call0("string"), "TIMESTAMP"),
            "timestamp" => z().call0("string").call1("refine", "pg.isTimestamp"),
            "timestamptz" if row => regex(z().call0("string"), "TIMESTAMPTZ"),
            "timestamptz" => z().call0("string").call1("refine", "pg.isTimestamptz"),
            "time" if row => regex(z().call0("string"), "TIME"),
            "time" => z().call0("string").call1("refine", "pg.isTime"),
            "timetz" if row => regex(z().call0("string"), "TIMETZ"),
            "timetz" => z().call0("string").call1("refine", "pg.isTimetz"),
            "interval" if node => Chain::new("pg.interval"),
            "interval" if row => regex(z().call0("string"), "INTERVAL"),
            "interval" => regex(z().call0("string"), "INTERVAL_IN"),
            "json" | "jsonb" => Chain::new("jsonSchema"),
            "bytea" if node => z().call1("instanceof", "Uint8Array"),
            "bytea" if row => regex(z().call0("string"), "BYTEA"),
            "bytea" => z().call0("string").call1("refine", "pg.isBytea"),
            "inet" => regex(z().call0("string"), "INET"),
            "cidr" => regex(z().call0("string"), "CIDR"),
            "macaddr" if row => regex(z().call0("string"), "MACADDR"),
            "macaddr" => regex(z().call0("string"), "MACADDR_IN"),
            "macaddr8" if row => regex(z().call0("string"), "MACADDR8"),
            "macaddr8" => regex(z().call0("string"), "MACADDR8_IN"),
            "bit" | "varbit" => regex(z().call0("string"), "BITS"),
            "money" if row => z().call0("string"),
            "money" => regex(z().call0("string"), "MONEY_IN"),
            "point" if node => Chain::new("pg.point"),
            "circle" if node => Chain::new("pg.circle"),
            "void" => z().call0("undefined"),
            "record" => z().call(
                "record",
                vec![
                    Arg::Simple(text("z.string()")),
                    Arg::Simple(text("z.unknown()")),
                ],
            ),
            "text" | "varchar" | "bpchar" | "char" | "name" | "tsvector" | "tsquery" | "xml"
            | "pg_lsn" | "point" | "line" | "lseg" | "box" | "path" | "polygon" | "circle"
            | "jsonpath" | "xid" | "cid" | "xid8" | "regclass" | "regproc" | "regprocedure"
            | "regtype" | "regrole" | "regnamespace" | "regconfig" | "regdictionary"
            | "regoper" | "regoperator" | "txid_snapshot" | "pg_snapshot" | "int2vector"
            | "oidvector" | "aclitem" | "refcursor" => z().call0("string"),
            _ => z().call0("unknown"),
        }
    }

    /// Typmod and CHECK limits (inputs only: rows already satisfy them, and a NaN stored
    /// under `CHECK (x > 0)` would fail a JavaScript comparison).
    fn refine(&self, mut c: Chain, r: &ValueRules, site: Site) -> Chain {
        if site == Site::Row {
            return c;
        }
        let numeric = ["int2", "int4", "int8", "float4", "float8", "numeric"]
            .iter()
            .any(|t| r.is(t))
            && !(self.transport == TsTransport::NodePostgres && (r.is("int8") || r.is("numeric")));
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
            if r.is("numeric")
                && let (Some(p), Some(s)) = (r.base.precision, r.base.scale)
            {
                c = c.call1("refine", format!("pg.numericDigits({p}, {s})"));
            }
        }
        if r.is("bpchar") {
            if let Some(n) = r.max_length {
                c = c.call1("refine", format!("pg.maxCharsPadded({n})"));
            }
        } else if let Some(n) = r.max_length {
            c = c.call1("refine", format!("pg.maxChars({n})"));
        }
        if let Some(n) = r.min_length.filter(|n| *n > 0) {
            c = c.call1("refine", format!("pg.minChars({n})"));
        }
        if r.is("bit")
            && let Some(n) = r.base.length
        {
            c = c.call1("refine", format!("pg.bitLength({n})"));
        }
        if r.is("varbit")
            && let Some(n) = r.base.length
        {
            c = c.call1("refine", format!("pg.maxChars({n})"));
        }
        for v in &r.not_equal {
            c = c.call1("refine", format!("pg.not({})", literal_code(v)));
        }
        c
    }
}
