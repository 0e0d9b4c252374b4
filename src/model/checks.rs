//! Reading simple facts out of CHECK constraints.
//!
//! Postgres prints a CHECK constraint in a normalized form (`pg_get_constraintdef`):
//! `CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])))`,
//! `CHECK (((n >= 1) AND (n <= 10)))`, `CHECK ((char_length(title) <= 280))`. This module
//! parses that small language — conjunctions of comparisons, `= ANY (ARRAY[...])` lists and
//! `json(b)_matches_schema(...)` calls over a column, `VALUE` or the length of either — into
//! [`CheckFact`]s. Anything else is left unread: a fact is never guessed.

use serde::{Deserialize, Serialize};

/// What a fact constrains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// A column of the constrained table.
    Column(String),
    /// The value of a domain (`VALUE`).
    Value,
    /// The character length (`char_length`, `length`) of a subject.
    Length(Box<Subject>),
}

/// A constant in a CHECK expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Literal {
    /// A string constant (also dates, times and other non-numeric typed constants).
    String(String),
    /// A numeric constant, as written (exact).
    Number(String),
    /// `true` / `false`.
    Bool(bool),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompareOp {
    /// `=`
    #[serde(rename = "=")]
    Eq,
    /// `<>`
    #[serde(rename = "<>")]
    Ne,
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `<=`
    #[serde(rename = "<=")]
    Le,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `>=`
    #[serde(rename = ">=")]
    Ge,
}

impl CompareOp {
    fn parse(op: &str) -> Option<Self> {
        Some(match op {
            "=" => Self::Eq,
            "<>" | "!=" => Self::Ne,
            "<" => Self::Lt,
            "<=" => Self::Le,
            ">" => Self::Gt,
            ">=" => Self::Ge,
            _ => return None,
        })
    }

    /// The operator with its operands swapped (`a < b` is `b > a`).
    fn flipped(self) -> Self {
        match self {
            Self::Lt => Self::Gt,
            Self::Le => Self::Ge,
            Self::Gt => Self::Lt,
            Self::Ge => Self::Le,
            other => other,
        }
    }
}

/// One thing a CHECK constraint guarantees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckFact {
    /// `subject IN (values...)` / `subject = ANY (ARRAY[values...])`.
    OneOf {
        /// What is constrained.
        subject: Subject,
        /// The allowed values, in the constraint's order.
        values: Vec<Literal>,
    },
    /// `subject <op> value`.
    Compare {
        /// What is constrained.
        subject: Subject,
        /// The operator, with the subject on the left.
        op: CompareOp,
        /// The constant.
        value: Literal,
    },
    /// `jsonb_matches_schema('<schema>', subject)` (pg_jsonschema).
    JsonSchema {
        /// What is constrained.
        subject: Subject,
        /// The JSON Schema document, as text.
        schema: String,
    },
}

/// Parses a constraint definition into facts. Returns the facts and whether they express
/// the whole constraint.
pub fn parse_check(definition: &str) -> (Vec<CheckFact>, bool) {
    let mut body = definition.trim();
    for suffix in ["NOT VALID", "NO INHERIT"] {
        body = body.strip_suffix(suffix).unwrap_or(body).trim_end();
    }
    let Some(body) = body.strip_prefix("CHECK") else {
        return (Vec::new(), false);
    };
    let Some(tokens) = tokenize(body) else {
        return (Vec::new(), false);
    };
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
    };
    let Some(expr) = parser.expr() else {
        return (Vec::new(), false);
    };
    if parser.pos != parser.tokens.len() {
        return (Vec::new(), false);
    }
    let mut conjuncts = Vec::new();
    flatten_and(expr, &mut conjuncts);
    let total = conjuncts.len();
    let facts: Vec<CheckFact> = conjuncts.into_iter().filter_map(fact).collect();
    let complete = facts.len() == total;
    (facts, complete)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    /// A double-quoted identifier (never a keyword).
    Quoted(String),
    Str(String),
    Num(String),
    Op(String),
    Punct(char),
    Cast,
}

fn tokenize(s: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '\'' {
            let mut text = String::new();
            i += 1;
            loop {
                let ch = *chars.get(i)?;
                if ch == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        text.push('\'');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                text.push(ch);
                i += 1;
            }
            out.push(Token::Str(text));
        } else if c == '"' {
            let mut text = String::new();
            i += 1;
            loop {
                let ch = *chars.get(i)?;
                if ch == '"' {
                    if chars.get(i + 1) == Some(&'"') {
                        text.push('"');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                text.push(ch);
                i += 1;
            }
            out.push(Token::Quoted(text));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || chars[i] == '.'
                    || chars[i] == 'e'
                    || ((chars[i] == '-' || chars[i] == '+') && chars[i - 1] == 'e'))
            {
                i += 1;
            }
            out.push(Token::Num(chars[start..i].iter().collect()));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(Token::Cast);
            i += 2;
        } else if "()[],.".contains(c) {
            out.push(Token::Punct(c));
            i += 1;
        } else if "<>=!~+-*/%^&|#@".contains(c) {
            let start = i;
            while i < chars.len() && "<>=!~+-*/%^&|#@".contains(chars[i]) {
                i += 1;
            }
            out.push(Token::Op(chars[start..i].iter().collect()));
        } else {
            return None;
        }
    }
    Some(out)
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Name(String),
    Value,
    Lit(Literal),
    Call(String, Vec<Expr>),
    Array(Vec<Expr>),
    Cast(Box<Expr>, String),
    Compare(Box<Expr>, String, Box<Expr>),
    Any(Box<Expr>, String, Box<Expr>),
    And(Vec<Expr>),
    /// Something the parser understood the extent of but not the meaning (OR, NOT, IS, ...).
    Opaque,
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// How deep [`Parser::expr`] and [`Parser::unary`] are nested (bounded: a CHECK can
    /// nest parentheses thousands deep).
    depth: usize,
}

/// How deep a CHECK expression is read; deeper ones are unreadable (not translated).
const MAX_NESTING: usize = 64;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn eat_punct(&mut self, c: char) -> bool {
        if self.peek() == Some(&Token::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Token::Ident(s)) if s.eq_ignore_ascii_case(kw))
    }

    /// Runs `f` one level deeper, or fails past [`MAX_NESTING`].
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Option<Expr>) -> Option<Expr> {
        if self.depth >= MAX_NESTING {
            return None;
        }
        self.depth += 1;
        let e = f(self);
        self.depth -= 1;
        e
    }

    /// expr := comparison (AND comparison)*  — any OR/NOT/IS makes the whole node opaque.
    fn expr(&mut self) -> Option<Expr> {
        self.nested(Self::conjunction)
    }

    fn conjunction(&mut self) -> Option<Expr> {
        let mut parts = vec![self.comparison()?];
        loop {
            if self.keyword("AND") {
                self.pos += 1;
                parts.push(self.comparison()?);
            } else if self.keyword("OR") || self.keyword("IS") || self.keyword("NOT") {
                // Consume the rest of this parenthesized level as opaque.
                self.skip_level()?;
                return Some(Expr::Opaque);
            } else {
                break;
            }
        }
        Some(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    /// Skips tokens up to (not including) the `)` that closes the current level.
    fn skip_level(&mut self) -> Option<()> {
        let mut depth = 0usize;
        while let Some(t) = self.peek() {
            match t {
                Token::Punct('(') | Token::Punct('[') => depth += 1,
                Token::Punct(')') | Token::Punct(']') => {
                    if depth == 0 {
                        return Some(());
                    }
                    depth -= 1;
                }
                _ => {}
            }
            self.pos += 1;
        }
        Some(())
    }

    fn comparison(&mut self) -> Option<Expr> {
        let lhs = self.unary()?;
        if let Some(Token::Op(op)) = self.peek().cloned() {
            self.pos += 1;
            if self.keyword("ANY") || self.keyword("ALL") {
                let any = self.keyword("ANY");
                self.pos += 1;
                let rhs = self.unary()?;
                return Some(if any {
                    Expr::Any(Box::new(lhs), op, Box::new(rhs))
                } else {
                    Expr::Opaque
                });
            }
            let rhs = self.unary()?;
            return Some(Expr::Compare(Box::new(lhs), op, Box::new(rhs)));
        }
        if self.keyword("IS") || self.keyword("LIKE") || self.keyword("ILIKE") || self.keyword("IN")
        {
            self.skip_level()?;
            return Some(Expr::Opaque);
        }
        Some(lhs)
    }

    fn unary(&mut self) -> Option<Expr> {
        if let Some(Token::Op(op)) = self.peek()
            && op == "-"
        {
            self.pos += 1;
            let inner = self.nested(Self::unary)?;
            return Some(match strip_casts(&inner) {
                Expr::Lit(Literal::Number(n)) => Expr::Lit(Literal::Number(negate(n))),
                _ => Expr::Opaque,
            });
        }
        let mut e = self.primary()?;
        while self.peek() == Some(&Token::Cast) {
            self.pos += 1;
            let ty = self.type_name()?;
            e = Expr::Cast(Box::new(e), ty);
        }
        Some(e)
    }

    fn primary(&mut self) -> Option<Expr> {
        match self.next()? {
            Token::Punct('(') => {
                let e = self.expr()?;
                self.eat_punct(')').then_some(e)
            }
            Token::Str(s) => Some(Expr::Lit(Literal::String(s))),
            Token::Num(n) => Some(Expr::Lit(Literal::Number(n))),
            Token::Quoted(name) => self.name_or_call(name),
            Token::Ident(id) => {
                let lower = id.to_ascii_lowercase();
                match lower.as_str() {
                    "true" | "false" => Some(Expr::Lit(Literal::Bool(lower == "true"))),
                    "value" => Some(Expr::Value),
                    "array" => {
                        if !self.eat_punct('[') {
                            return None;
                        }
                        let mut items = Vec::new();
                        if !self.eat_punct(']') {
                            loop {
                                items.push(self.expr()?);
                                if self.eat_punct(']') {
                                    break;
                                }
                                if !self.eat_punct(',') {
                                    return None;
                                }
                            }
                        }
                        Some(Expr::Array(items))
                    }
                    _ => self.name_or_call(id),
                }
            }
            _ => None,
        }
    }

    fn name_or_call(&mut self, mut name: String) -> Option<Expr> {
        while self.eat_punct('.') {
            match self.next()? {
                Token::Ident(s) | Token::Quoted(s) => {
                    name.push('.');
                    name.push_str(&s);
                }
                _ => return None,
            }
        }
        if !self.eat_punct('(') {
            return Some(Expr::Name(name));
        }
        let mut args = Vec::new();
        if !self.eat_punct(')') {
            loop {
                args.push(self.expr()?);
                if self.eat_punct(')') {
                    break;
                }
                if !self.eat_punct(',') {
                    return None;
                }
            }
        }
        Some(Expr::Call(name, args))
    }

    /// A type name after `::`: words, an optional `(n[,m])` and `[]` pairs.
    fn type_name(&mut self) -> Option<String> {
        let mut words = Vec::new();
        loop {
            match self.peek() {
                Some(Token::Ident(w))
                    if !["AND", "OR", "IS", "NOT"].contains(&w.to_ascii_uppercase().as_str()) =>
                {
                    words.push(w.to_ascii_lowercase());
                    self.pos += 1;
                }
                Some(Token::Quoted(w)) => {
                    words.push(w.clone());
                    self.pos += 1;
                }
                Some(Token::Punct('.')) if !words.is_empty() => {
                    self.pos += 1;
                    words.push(".".into());
                }
                _ => break,
            }
        }
        if words.is_empty() {
            return None;
        }
        let mut ty = words.join(" ").replace(" . ", ".");
        if self.eat_punct('(') {
            self.skip_level()?;
            self.eat_punct(')');
        }
        while self.peek() == Some(&Token::Punct('[')) {
            self.pos += 1;
            if !self.eat_punct(']') {
                return None;
            }
            ty.push_str("[]");
        }
        Some(ty)
    }
}

fn negate(n: &str) -> String {
    match n.strip_prefix('-') {
        Some(pos) => pos.to_string(),
        None => format!("-{n}"),
    }
}

const NUMERIC_TYPES: &[&str] = &[
    "smallint",
    "integer",
    "bigint",
    "numeric",
    "real",
    "double precision",
    "int2",
    "int4",
    "int8",
    "float4",
    "float8",
    "decimal",
];

const TEXT_TYPES: &[&str] = &[
    "text",
    "character varying",
    "character",
    "bpchar",
    "name",
    "varchar",
];

/// Removes casts from a constant, turning `'-5'::integer` into the number -5.
fn strip_casts(e: &Expr) -> &Expr {
    match e {
        Expr::Cast(inner, _) => strip_casts(inner),
        other => other,
    }
}

fn constant(e: &Expr) -> Option<Literal> {
    match e {
        Expr::Lit(l) => Some(l.clone()),
        Expr::Cast(inner, ty) => {
            let lit = constant(inner)?;
            let base = ty.trim_end_matches("[]");
            match lit {
                Literal::String(s) if NUMERIC_TYPES.contains(&base) => {
                    let t = s.trim();
                    t.parse::<f64>().ok().filter(|f| f.is_finite())?;
                    Some(Literal::Number(t.to_string()))
                }
                other => Some(other),
            }
        }
        _ => None,
    }
}

fn subject(e: &Expr) -> Option<Subject> {
    match e {
        Expr::Name(n) if !n.contains('.') => Some(Subject::Column(n.clone())),
        Expr::Value => Some(Subject::Value),
        Expr::Cast(inner, ty)
            if TEXT_TYPES.contains(&ty.as_str()) || NUMERIC_TYPES.contains(&ty.as_str()) =>
        {
            subject(inner)
        }
        Expr::Call(f, args)
            if args.len() == 1
                && ["char_length", "character_length", "length"].contains(&f.as_str()) =>
        {
            let inner = subject(&args[0])?;
            matches!(inner, Subject::Column(_) | Subject::Value)
                .then(|| Subject::Length(Box::new(inner)))
        }
        _ => None,
    }
}

fn flatten_and(e: Expr, out: &mut Vec<Expr>) {
    match e {
        Expr::And(parts) => parts.into_iter().for_each(|p| flatten_and(p, out)),
        other => out.push(other),
    }
}

fn fact(e: Expr) -> Option<CheckFact> {
    match e {
        Expr::Compare(lhs, op, rhs) => {
            let op = CompareOp::parse(&op)?;
            if let (Some(subject), Some(value)) = (subject(&lhs), constant(&rhs)) {
                Some(CheckFact::Compare { subject, op, value })
            } else if let (Some(value), Some(subject)) = (constant(&lhs), subject(&rhs)) {
                Some(CheckFact::Compare {
                    subject,
                    op: op.flipped(),
                    value,
                })
            } else {
                None
            }
        }
        Expr::Any(lhs, op, rhs) if op == "=" => {
            let subject = subject(&lhs)?;
            let Expr::Array(items) = strip_casts(&rhs) else {
                return None;
            };
            let values = items.iter().map(constant).collect::<Option<Vec<_>>>()?;
            Some(CheckFact::OneOf { subject, values })
        }
        Expr::Call(f, args)
            if args.len() == 2
                && ["jsonb_matches_schema", "json_matches_schema"].contains(&f.as_str()) =>
        {
            let Some(Literal::String(schema)) = constant(&args[0]) else {
                return None;
            };
            Some(CheckFact::JsonSchema {
                subject: subject(&args[1])?,
                schema,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(n: &str) -> Subject {
        Subject::Column(n.into())
    }

    #[test]
    fn any_array_of_text() {
        let (facts, complete) =
            parse_check("CHECK ((status = ANY (ARRAY['draft'::text, 'it''s'::text])))");
        assert!(complete);
        assert_eq!(
            facts,
            vec![CheckFact::OneOf {
                subject: col("status"),
                values: vec![
                    Literal::String("draft".into()),
                    Literal::String("it's".into())
                ],
            }]
        );
    }

    #[test]
    fn varchar_in_list_with_casts() {
        let (facts, complete) = parse_check(
            "CHECK (((kind)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))",
        );
        assert!(complete);
        assert_eq!(
            facts,
            vec![CheckFact::OneOf {
                subject: col("kind"),
                values: vec![Literal::String("a".into()), Literal::String("b".into())],
            }]
        );
    }

    #[test]
    fn between_and_length() {
        let (facts, complete) = parse_check(
            "CHECK (((n >= '-5'::integer) AND (n <= 10) AND (char_length(\"Title\") <= 280)))",
        );
        assert!(complete);
        assert_eq!(facts.len(), 3);
        assert_eq!(
            facts[0],
            CheckFact::Compare {
                subject: col("n"),
                op: CompareOp::Ge,
                value: Literal::Number("-5".into())
            }
        );
        assert_eq!(
            facts[2],
            CheckFact::Compare {
                subject: Subject::Length(Box::new(col("Title"))),
                op: CompareOp::Le,
                value: Literal::Number("280".into()),
            }
        );
    }

    #[test]
    fn numeric_cast_and_flipped() {
        let (facts, _) = parse_check("CHECK (((0)::numeric < amount))");
        assert_eq!(
            facts,
            vec![CheckFact::Compare {
                subject: col("amount"),
                op: CompareOp::Gt,
                value: Literal::Number("0".into())
            }]
        );
    }

    #[test]
    fn domain_value() {
        let (facts, complete) = parse_check("CHECK ((VALUE > 0))");
        assert!(complete);
        assert_eq!(
            facts,
            vec![CheckFact::Compare {
                subject: Subject::Value,
                op: CompareOp::Gt,
                value: Literal::Number("0".into())
            }]
        );
    }

    #[test]
    fn partial_when_a_conjunct_is_unreadable() {
        let (facts, complete) = parse_check("CHECK (((a > 1) AND ((b IS NULL) OR (b > a))))");
        assert!(!complete);
        assert_eq!(facts.len(), 1);
    }

    #[test]
    fn nothing_guessed_from_other_shapes() {
        for def in [
            "CHECK ((a > b))",
            "CHECK ((lower(email) = email))",
            "CHECK ((email ~* '^.+@.+$'::text))",
            "CHECK ((a <> ALL (ARRAY[1, 2])))",
            "CHECK ((jsonb_typeof(meta) = 'object'::text))",
        ] {
            let (facts, complete) = parse_check(def);
            assert!(facts.is_empty(), "{def}: {facts:?}");
            assert!(!complete, "{def}");
        }
    }

    #[test]
    fn deep_nesting_is_unreadable_not_a_stack_overflow() {
        for n in [10, 100_000] {
            let def = format!("CHECK ({}x > 1{})", "(".repeat(n), ")".repeat(n));
            let (facts, complete) = parse_check(&def);
            assert_eq!(complete, n < MAX_NESTING, "{n}");
            assert_eq!(facts.len(), usize::from(n < MAX_NESTING), "{n}");
            let minus = format!("CHECK (x > {}1)", "- ".repeat(n));
            assert_eq!(parse_check(&minus).1, n < MAX_NESTING, "{n}");
        }
    }

    #[test]
    fn json_schema() {
        let (facts, complete) =
            parse_check("CHECK (jsonb_matches_schema('{\"type\": \"object\"}'::json, meta))");
        assert!(complete);
        assert_eq!(
            facts,
            vec![CheckFact::JsonSchema {
                subject: col("meta"),
                schema: "{\"type\": \"object\"}".into()
            }]
        );
    }

    #[test]
    fn not_valid_suffix() {
        let (facts, complete) = parse_check("CHECK ((n > 0)) NOT VALID");
        assert!(complete);
        assert_eq!(facts.len(), 1);
    }
}
