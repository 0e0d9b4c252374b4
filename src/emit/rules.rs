//! What a valid value of a column or type is, as the validating emitters (Zod, JSON Schema,
//! Rust) need it: the built-in type under any domains, array dimensions, and the limits
//! that typmods and CHECK constraints (of the column's table and of every domain in its
//! chain) put on it.
//!
//! Every limit here is implied by the catalog; constraints that cannot be read are listed
//! in `skipped` so the emitters can say so, never guessed.

use crate::model::{
    Catalog, Check, CheckFact, Column, CompareOp, Literal, Relation, Subject, TypeDef, TypeKind,
    TypeRef,
};

/// The rules for non-null values of a column or type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValueRules {
    /// The type under all domains (for arrays: of the elements, see `array_dims`).
    pub base: TypeRef,
    /// The type definition of `base` when it is not a built-in base type (enum, composite,
    /// range, relation row type, extension type).
    pub base_kind: Option<TypeKind>,
    /// Array dimensions (declared, including a domain over an array).
    pub array_dims: u32,
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

/// Whether every fact of a check is about `subject` (so it can be applied to one value).
fn about(check: &Check, wanted: &dyn Fn(&Subject) -> bool) -> bool {
    let subject = |f: &CheckFact| match f {
        CheckFact::OneOf { subject, .. }
        | CheckFact::Compare { subject, .. }
        | CheckFact::JsonSchema { subject, .. } => match subject {
            Subject::Length(inner) => (**inner).clone(),
            s => s.clone(),
        },
    };
    !check.facts.is_empty() && check.facts.iter().all(|f| wanted(&subject(f)))
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
        ..ValueRules::default()
    };
    let mut cur = ty.clone();
    for _ in 0..32 {
        let def: Option<&TypeDef> = catalog.type_def(&cur);
        match def.map(|d| &d.kind) {
            Some(TypeKind::Domain {
                base,
                not_null,
                default,
                checks,
            }) => {
                // Domain constraints apply to the domain's values (for an array of domains,
                // to each element).
                rules.not_null |= *not_null && ty.array_dims == 0;
                rules.has_default |= default.is_some() && ty.array_dims == 0;
                apply_checks(&mut rules, checks, &|s| *s == Subject::Value);
                for c in checks {
                    if !about(c, &|s| *s == Subject::Value) {
                        rules.skipped.push(format!("{}: {}", c.name, c.definition));
                    }
                }
                rules.array_dims += base.array_dims;
                let mut next = base.clone();
                next.array_dims = 0;
                cur = next;
            }
            Some(kind) => {
                rules.base_kind = Some(kind.clone());
                break;
            }
            None => break,
        }
    }
    limits_from_typmod(&mut rules, &cur);
    rules.base = cur;
    rules
}

/// The rules for non-null values of a column: its type's rules plus its table's CHECKs on
/// that column alone.
pub fn column_rules(catalog: &Catalog, rel: &Relation, column: &Column) -> ValueRules {
    let mut rules = type_rules(catalog, &column.ty);
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

fn limits_from_typmod(rules: &mut ValueRules, base: &TypeRef) {
    if let Some(n) = base.length
        && (base.is_builtin("varchar") || base.is_builtin("bpchar"))
    {
        tighten_max_len(&mut rules.max_length, f64::from(n));
    }
}

/// Whether node-postgres (pg-types' text parsers) parses an array whose elements are of
/// type `element`; it parses arrays of these built-in types only, and returns every other
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
}
