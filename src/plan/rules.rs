//! What a valid value of a column or type is, as the validating emitters (Zod, JSON Schema,
//! Rust) need it: the built-in type under any domains, array dimensions, and the limits
//! that typmods and CHECK constraints (of the column's table and of every domain in its
//! chain) put on it.
//!
//! Every limit here is implied by the catalog; constraints that cannot be read are listed
//! in `skipped` so the emitters can say so, never guessed.

use crate::model::{
    Catalog, Check, CheckFact, Column, CompareOp, Literal, Relation, Subject, TypeRef,
};
use crate::plan::types::{MAX_DOMAIN_DEPTH, Scalar, TypeClass, classify};

/// What the type under a value's domains is: [`TypeClass`] without the domain.
#[derive(Debug, Clone, PartialEq)]
pub enum BaseClass {
    /// An enum.
    Enum {
        /// Its labels.
        labels: Vec<String>,
    },
    /// A free-standing composite type.
    Composite,
    /// A relation's row type.
    Relation,
    /// A range type.
    Range,
    /// A multirange type.
    Multirange,
    /// A built-in or extension base type.
    Scalar(Scalar),
}

impl Default for BaseClass {
    fn default() -> Self {
        BaseClass::Scalar(Scalar::Unknown)
    }
}

impl BaseClass {
    fn of(catalog: &Catalog, ty: &TypeRef) -> Self {
        match classify(catalog, ty) {
            TypeClass::Enum { labels } => BaseClass::Enum {
                labels: labels.to_vec(),
            },
            TypeClass::Composite { .. } => BaseClass::Composite,
            TypeClass::Relation => BaseClass::Relation,
            TypeClass::Range => BaseClass::Range,
            TypeClass::Multirange => BaseClass::Multirange,
            TypeClass::Scalar(s) => BaseClass::Scalar(s),
            // A chain deeper than the bound: nothing is known of what is under it.
            TypeClass::Domain { .. } => BaseClass::Scalar(Scalar::Unknown),
        }
    }

    /// The scalar, when the base is one.
    pub fn scalar(&self) -> Option<Scalar> {
        match self {
            BaseClass::Scalar(s) => Some(*s),
            _ => None,
        }
    }
}

/// The rules for non-null values of a column or type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValueRules {
    /// The type under all domains (for arrays: of the elements, see `array_dims`).
    pub base: TypeRef,
    /// What `base` is.
    pub class: BaseClass,
    /// Array dimensions (declared, including a domain over an array).
    pub array_dims: u32,
    /// The declared type is an array of a domain (`positive_int[]`): Postgres sends it as
    /// the domain's own array type, not the base's (a domain itself is sent as its base).
    pub array_of_domain: bool,
    /// A domain in the chain is NOT NULL.
    pub not_null: bool,
    /// A domain in the chain has a DEFAULT.
    pub has_default: bool,
    /// Allowed values (`IN (...)` lists); several lists intersect.
    pub one_of: Option<Vec<Literal>>,
    /// Lower bound: (value, inclusive).
    pub min: Option<(Literal, bool)>,
    /// Upper bound: (value, inclusive).
    pub max: Option<(Literal, bool)>,
    /// Minimum length in characters.
    pub min_length: Option<u64>,
    /// Maximum length in characters (`varchar(n)`, `char(n)` or a `char_length` CHECK).
    pub max_length: Option<u64>,
    /// A JSON Schema (pg_jsonschema CHECK) the value must match.
    pub json_schema: Option<String>,
    /// CHECK constraints on this value that could not be translated, or only in part:
    /// `name: definition`.
    pub skipped: Vec<String>,
    /// Values that must be unequal (`<>` comparisons).
    pub not_equal: Vec<Literal>,
}

impl ValueRules {
    /// Whether node-postgres returns these values as Postgres's array text (`{1,2}`): an
    /// array whose type it has no parser for, an array of a domain included (a domain over
    /// an array is sent as the base array type, which it may parse).
    pub fn node_postgres_array_text(&self) -> bool {
        self.array_dims > 0
            && (self.array_of_domain || !super::types::node_postgres_parses_array(&self.base))
    }

    /// True when the base is `pg_catalog.<name>`.
    pub fn is(&self, name: &str) -> bool {
        self.base.schema == "pg_catalog" && self.base.name == name
    }

    fn apply(&mut self, fact: &CheckFact) {
        match fact {
            CheckFact::OneOf { values, .. } => {
                self.one_of = Some(match self.one_of.take() {
                    None => values.clone(),
                    Some(old) => old.into_iter().filter(|v| values.contains(v)).collect(),
                });
            }
            CheckFact::Compare {
                subject: Subject::Length(_),
                op,
                value: Literal::Number(n),
            } => {
                let Ok(n) = n.parse::<f64>() else { return };
                match op {
                    CompareOp::Le => tighten_max_len(&mut self.max_length, n.floor()),
                    CompareOp::Lt => tighten_max_len(&mut self.max_length, n.ceil() - 1.0),
                    CompareOp::Ge => tighten_min_len(&mut self.min_length, n.ceil()),
                    CompareOp::Gt => tighten_min_len(&mut self.min_length, n.floor() + 1.0),
                    CompareOp::Eq => {
                        tighten_max_len(&mut self.max_length, n);
                        tighten_min_len(&mut self.min_length, n);
                    }
                    CompareOp::Ne => {}
                }
            }
            CheckFact::Compare { op, value, .. } => match op {
                CompareOp::Gt => tighten_min(&mut self.min, value, false),
                CompareOp::Ge => tighten_min(&mut self.min, value, true),
                CompareOp::Lt => tighten_max(&mut self.max, value, false),
                CompareOp::Le => tighten_max(&mut self.max, value, true),
                CompareOp::Eq => self.apply(&CheckFact::OneOf {
                    subject: Subject::Value,
                    values: vec![value.clone()],
                }),
                CompareOp::Ne => self.not_equal.push(value.clone()),
            },
            CheckFact::JsonSchema { schema, .. } => self.json_schema = Some(schema.clone()),
        }
    }
}

fn tighten_max_len(cur: &mut Option<u64>, n: f64) {
    let n = n.max(0.0) as u64;
    *cur = Some(cur.map_or(n, |c| c.min(n)));
}

fn tighten_min_len(cur: &mut Option<u64>, n: f64) {
    let n = n.max(0.0) as u64;
    *cur = Some(cur.map_or(n, |c| c.max(n)));
}

fn number(l: &Literal) -> Option<f64> {
    match l {
        Literal::Number(n) => n.parse().ok(),
        _ => None,
    }
}

fn tighten_min(cur: &mut Option<(Literal, bool)>, v: &Literal, inclusive: bool) {
    let better = match (cur.as_ref(), number(v)) {
        (None, _) => true,
        (Some((old, old_inc)), Some(new)) => match number(old) {
            Some(o) => new > o || (new == o && !inclusive && *old_inc),
            None => false,
        },
        _ => false,
    };
    if better {
        *cur = Some((v.clone(), inclusive));
    }
}

fn tighten_max(cur: &mut Option<(Literal, bool)>, v: &Literal, inclusive: bool) {
    let better = match (cur.as_ref(), number(v)) {
        (None, _) => true,
        (Some((old, old_inc)), Some(new)) => match number(old) {
            Some(o) => new < o || (new == o && !inclusive && *old_inc),
            None => false,
        },
        _ => false,
    };
    if better {
        *cur = Some((v.clone(), inclusive));
    }
}

/// What a fact is about (a length: about its value).
fn fact_subject(fact: &CheckFact) -> &Subject {
    match fact {
        CheckFact::OneOf { subject, .. }
        | CheckFact::Compare { subject, .. }
        | CheckFact::JsonSchema { subject, .. } => match subject {
            Subject::Length(inner) => inner,
            s => s,
        },
    }
}

/// Whether every fact of a check is about `subject` (so it can be applied to one value).
fn about(check: &Check, wanted: &dyn Fn(&Subject) -> bool) -> bool {
    !check.facts.is_empty() && check.facts.iter().all(|f| wanted(fact_subject(f)))
}

fn apply_checks(rules: &mut ValueRules, checks: &[Check], wanted: &dyn Fn(&Subject) -> bool) {
    for c in checks {
        if about(c, wanted) {
            for f in &c.facts {
                rules.apply(f);
            }
            if !c.complete {
                rules
                    .skipped
                    .push(format!("{} (partly): {}", c.name, c.definition));
            }
        }
    }
}

/// The rules for values of a type (following domains down to their base).
pub fn type_rules(catalog: &Catalog, ty: &TypeRef) -> ValueRules {
    let mut rules = ValueRules {
        array_dims: ty.array_dims,
        array_of_domain: ty.array_dims > 0
            && matches!(classify(catalog, ty), TypeClass::Domain { .. }),
        ..ValueRules::default()
    };
    let mut cur = ty.clone();
    for _ in 0..MAX_DOMAIN_DEPTH {
        let TypeClass::Domain {
            base,
            not_null,
            has_default,
            checks,
        } = classify(catalog, &cur)
        else {
            break;
        };
        // Domain constraints apply to the domain's values (for an array of domains, to each
        // element).
        rules.not_null |= not_null && ty.array_dims == 0;
        rules.has_default |= has_default && ty.array_dims == 0;
        apply_checks(&mut rules, checks, &|s| *s == Subject::Value);
        for c in checks {
            if !about(c, &|s| *s == Subject::Value) {
                rules.skipped.push(format!("{}: {}", c.name, c.definition));
            }
        }
        rules.array_dims =
            (rules.array_dims.saturating_add(base.array_dims)).min(super::bounds::MAX_ARRAY_DIMS);
        let mut next = base.clone();
        next.array_dims = 0;
        cur = next;
    }
    rules.class = BaseClass::of(catalog, &cur);
    limits_from_typmod(&mut rules);
    rules.base = cur;
    rules
}

/// The rules for non-null values of a column: its type's rules plus its table's CHECKs on
/// that column alone.
pub fn column_rules(catalog: &Catalog, rel: &Relation, column: &Column) -> ValueRules {
    with_column_checks(type_rules(catalog, &column.ty), rel, column)
}

/// [`column_rules`] from the rules of the column's type at hand.
pub fn with_column_checks(mut rules: ValueRules, rel: &Relation, column: &Column) -> ValueRules {
    apply_checks(
        &mut rules,
        &rel.checks,
        &|s| matches!(s, Subject::Column(c) if *c == column.name),
    );
    rules
}

/// The relation's CHECKs that no column rule expresses completely (multi-column checks,
/// unparsed expressions), as `name: definition`.
pub fn untranslated_checks(rel: &Relation) -> Vec<String> {
    rel.checks
        .iter()
        .filter(|c| {
            let single_column = rel
                .columns
                .iter()
                .any(|col| about(c, &|s| matches!(s, Subject::Column(n) if *n == col.name)));
            !(single_column && c.complete)
        })
        .map(|c| format!("{}: {}", c.name, c.definition))
        .collect()
}

/// `varchar(n)` and `char(n)` limit the length.
fn limits_from_typmod(rules: &mut ValueRules) {
    if let Some(Scalar::Varchar { length: Some(n) } | Scalar::Bpchar { length: Some(n) }) =
        rules.class.scalar()
    {
        tighten_max_len(&mut rules.max_length, f64::from(n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::checks::parse_check;

    fn check(def: &str) -> Check {
        let (facts, complete) = parse_check(def);
        Check {
            name: "c".into(),
            definition: def.into(),
            facts,
            complete,
        }
    }

    #[test]
    fn bounds_tighten_and_lists_intersect() {
        let mut r = ValueRules::default();
        for c in [
            check("CHECK (((n >= 1) AND (n <= 10)))"),
            check("CHECK ((n > 2))"),
            check("CHECK ((n = ANY (ARRAY[1, 3, 5])))"),
            check("CHECK ((n = ANY (ARRAY[3, 5, 7])))"),
            check("CHECK ((char_length(n) <= 280))"),
        ] {
            for f in &c.facts {
                r.apply(f);
            }
        }
        assert_eq!(r.min, Some((Literal::Number("2".into()), false)));
        assert_eq!(r.max, Some((Literal::Number("10".into()), true)));
        assert_eq!(
            r.one_of,
            Some(vec![
                Literal::Number("3".into()),
                Literal::Number("5".into())
            ])
        );
        assert_eq!(r.max_length, Some(280));
    }

    fn ty(schema: &str, name: &str) -> TypeRef {
        TypeRef {
            schema: schema.into(),
            name: name.into(),
            ..TypeRef::default()
        }
    }

    fn domain(name: &str, base: TypeRef, not_null: bool, checks: &[&str]) -> crate::model::TypeDef {
        crate::model::TypeDef {
            schema: "public".into(),
            name: name.into(),
            extension: None,
            comment: None,
            kind: crate::model::TypeKind::Domain {
                base,
                not_null,
                default: None,
                checks: checks.iter().map(|c| check(c)).collect(),
            },
        }
    }

    fn catalog(types: Vec<crate::model::TypeDef>, relations: serde_json::Value) -> Catalog {
        let mut c = Catalog {
            format: crate::model::SNAPSHOT_FORMAT,
            schemas: Vec::new(),
            relations: serde_json::from_value(relations).unwrap(),
            types,
            functions: Vec::new(),
            type_index: Default::default(),
        };
        c.normalize();
        c
    }

    #[test]
    fn domain_chains_add_their_rules_and_keep_the_base() {
        let mut varchar5 = ty("pg_catalog", "varchar");
        varchar5.length = Some(5);
        varchar5.array_dims = 1;
        let c = catalog(
            vec![
                domain(
                    "positive",
                    ty("pg_catalog", "int4"),
                    false,
                    &["CHECK ((VALUE > 0))"],
                ),
                domain(
                    "small",
                    ty("public", "positive"),
                    true,
                    &["CHECK ((VALUE <= 100))"],
                ),
                domain("codes", varchar5, false, &[]),
            ],
            serde_json::json!([]),
        );
        let r = type_rules(&c, &ty("public", "small"));
        assert_eq!(r.class, BaseClass::Scalar(Scalar::Int4));
        assert!(r.not_null);
        assert_eq!(r.min, Some((Literal::Number("0".into()), false)));
        assert_eq!(r.max, Some((Literal::Number("100".into()), true)));
        // An array of the domain: its NOT NULL is about the elements, not the value.
        let mut arr = ty("public", "small");
        arr.array_dims = 1;
        assert!(!type_rules(&c, &arr).not_null);
        // A domain over varchar(5)[]: one array dimension, elements of at most 5 chars.
        let r = type_rules(&c, &ty("public", "codes"));
        assert_eq!(r.array_dims, 1);
        assert_eq!(r.max_length, Some(5));
        assert_eq!(
            r.class,
            BaseClass::Scalar(Scalar::Varchar { length: Some(5) })
        );
    }

    #[test]
    fn column_rules_intersect_every_list_and_skip_multi_column_checks() {
        let text = serde_json::json!({"schema": "pg_catalog", "name": "text", "sql": "text"});
        let c = catalog(
            vec![],
            serde_json::json!([{
                "schema": "public", "name": "t", "kind": "table",
                "rls": {"enabled": false, "forced": false},
                "columns": [
                    {"name": "status", "type": text, "nullable": true, "updatable": true},
                    {"name": "other", "type": text, "nullable": true, "updatable": true}
                ],
                "checks": [
                    {"name": "a", "definition": "d", "complete": true, "facts":
                        check("CHECK ((status = ANY (ARRAY['a'::text, 'b'::text, 'c'::text])))").facts},
                    {"name": "b", "definition": "d", "complete": true, "facts":
                        check("CHECK ((status = ANY (ARRAY['b'::text, 'c'::text, 'd'::text])))").facts},
                    {"name": "both", "definition": "CHECK ((status <> other))", "complete": false,
                        "facts": []}
                ]
            }]),
        );
        let rel = &c.relations[0];
        let r = column_rules(&c, rel, &rel.columns[0]);
        assert_eq!(
            r.one_of,
            Some(vec![
                Literal::String("b".into()),
                Literal::String("c".into())
            ])
        );
        assert_eq!(
            untranslated_checks(rel),
            ["both: CHECK ((status <> other))"]
        );
    }
}
