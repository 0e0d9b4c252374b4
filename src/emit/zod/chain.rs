//! Zod expressions (`z.string().max(3).nullable()`) as layout documents, following prettier's
//! member-chain rules for the shapes the Zod emitter writes:
//!
//! - a chain with one call stays on one line (its arguments may break);
//! - a chain with more than two calls and a non-simple argument (an array of calls, an
//!   arrow function), or whose calls before the last must break, is always expanded: the
//!   head, then one `.call()` per line, indented;
//! - any other chain is on one line when it fits, else expanded.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::fast_hash::FastBuild;
use crate::print::doc::{self, Doc, concat, group, hardline, indent, join, line, softline, text};

/// One `.name(args)` step of a chain.
#[derive(Debug, Clone)]
pub struct Call {
    name: &'static str,
    args: Vec<Arg>,
}

/// An argument of a call.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Code prettier counts as a simple argument (literal, identifier, member path, a call
    /// of simple arguments, a nested chain of those).
    Simple(Doc),
    /// Code prettier does not count as simple (arrays of calls, functions).
    Complex(Doc),
}

impl Arg {
    fn doc(&self) -> &Doc {
        match self {
            Arg::Simple(d) | Arg::Complex(d) => d,
        }
    }

    fn into_doc(self) -> Doc {
        match self {
            Arg::Simple(d) | Arg::Complex(d) => d,
        }
    }
}

/// A chain: `head.call().call()`.
#[derive(Debug, Clone)]
pub struct Chain {
    head: Cow<'static, str>,
    calls: Vec<Call>,
}

impl Chain {
    /// A chain starting at an identifier (`z`, `pg`) or other code (`z.lazy(() => x)`).
    pub fn new(head: impl Into<Cow<'static, str>>) -> Self {
        Self {
            head: head.into(),
            calls: Vec::new(),
        }
    }

    /// Adds `.name(args)`.
    pub fn call(mut self, name: &'static str, args: Vec<Arg>) -> Self {
        self.calls.push(Call { name, args });
        self
    }

    /// Adds `.name(code)` with one simple argument written as text.
    pub fn call1(self, name: &'static str, code: impl Into<Cow<'static, str>>) -> Self {
        self.call(name, vec![Arg::Simple(text(code))])
    }

    /// Adds `.name()`.
    pub fn call0(self, name: &'static str) -> Self {
        self.call(name, Vec::new())
    }

    /// Whether the chain, as an argument, is simple for prettier. Its calls' arguments are
    /// then one level down, where prettier (`isSimpleCallArgument`) counts nothing with
    /// children of its own as simple: `z.string().max(3)` is simple, but
    /// `z.string().refine(pg.maxChars(3))` and `z.enum(["a"])` are not.
    pub fn is_simple(&self) -> bool {
        self.calls.iter().all(|c| {
            c.args.iter().all(|a| match a {
                Arg::Simple(d) => is_leaf(&doc::flat_text(d)),
                Arg::Complex(_) => false,
            })
        })
    }

    /// Whether the chain is a plain reference (an identifier or member path, no call): an
    /// arrow function returning it is not hugged as a last argument by prettier.
    pub fn is_reference(&self) -> bool {
        self.calls.is_empty() && !self.head.contains('(')
    }

    /// For a chain of one call with one bracketed argument (`z.union([...])`): the text of
    /// the first line of its broken-out layout (`z.union(`), see [`Chain::broken_out`].
    pub fn broken_out_prefix(&self) -> Option<String> {
        let [call] = self.calls.as_slice() else {
            return None;
        };
        let [arg] = call.args.as_slice() else {
            return None;
        };
        is_bracketed(arg.doc()).then(|| format!("{}.{}(", self.head, call.name))
    }

    /// The chain's call with its argument list broken out, as prettier prints it when
    /// `z.union([` does not fit but `z.union(` does: `z.union(` / the argument, indented,
    /// with a trailing comma / `)`. `None` unless [`Chain::broken_out_prefix`] is some.
    pub fn broken_out(mut self) -> Option<Doc> {
        let first = self.broken_out_prefix()?;
        let arg = self.calls.pop()?.args.pop()?.into_doc();
        Some(concat(vec![
            text(first),
            indent(concat(vec![hardline(), arg, text(",")])),
            hardline(),
            text(")"),
        ]))
    }

    /// The layout document (the chain's argument documents move into it).
    pub fn doc(self) -> Doc {
        let complex_args = self
            .calls
            .iter()
            .any(|c| c.args.iter().any(|a| matches!(a, Arg::Complex(_))));
        let head = text(self.head);
        let calls: Vec<Doc> = self.calls.into_iter().map(call_doc).collect();
        let Some((last, before)) = calls.split_last() else {
            return head;
        };
        if before.is_empty() {
            let mut parts = vec![head];
            parts.extend(calls);
            return concat(parts);
        }
        let early_breaks = before.iter().any(doc::must_break);
        if (calls.len() > 2 && complex_args) || early_breaks {
            return expanded(head, calls);
        }
        if !doc::must_break(last) {
            // On one line the chain is its flat text: one node to measure and print.
            let mut flat = doc::flat_text(&head);
            calls.iter().for_each(|c| doc::push_flat_text(c, &mut flat));
            return doc::choice(doc::measured(flat), expanded(head, calls));
        }
        // The two layouts share the calls.
        let calls: Vec<Doc> = calls
            .into_iter()
            .map(|c| Doc::Shared(Arc::new(c)))
            .collect();
        let one_line = concat(
            std::iter::once(head.clone())
                .chain(calls.iter().cloned())
                .collect(),
        );
        doc::choice(one_line, expanded(head, calls))
    }

    /// Writes to `key` what identifies the chain's document (its head, calls and argument
    /// texts, each length-prefixed), when every argument is text; else false.
    fn write_key(&self, key: &mut Vec<u8>) -> bool {
        key.clear();
        let piece = |key: &mut Vec<u8>, s: &str| {
            key.extend_from_slice(&s.len().to_le_bytes());
            key.extend_from_slice(s.as_bytes());
        };
        piece(key, &self.head);
        for c in &self.calls {
            piece(key, c.name);
            key.extend_from_slice(&c.args.len().to_le_bytes());
            for a in &c.args {
                let (Arg::Simple(Doc::Text(t)) | Arg::Complex(Doc::Text(t))) = a else {
                    return false;
                };
                key.push(u8::from(matches!(a, Arg::Simple(_))));
                piece(key, t);
            }
        }
        true
    }
}

/// The documents of the chains an emitter writes, kept by chain: most columns' schemas are
/// one of a few chains (`z.string().nullable()`), each laid out once and shared.
#[derive(Debug, Default)]
pub struct Docs {
    by_chain: HashMap<Vec<u8>, Arc<Doc>, FastBuild>,
    /// The key being looked up (kept to reuse its buffer).
    key: Vec<u8>,
}

impl Docs {
    /// The chain's document ([`Chain::doc`]), shared with the chains equal to it.
    pub fn doc(&mut self, chain: Chain) -> Doc {
        if !chain.write_key(&mut self.key) {
            return chain.doc();
        }
        if let Some(d) = self.by_chain.get(self.key.as_slice()) {
            return Doc::Shared(Arc::clone(d));
        }
        let d = Arc::new(chain.doc());
        self.by_chain.insert(self.key.clone(), Arc::clone(&d));
        Doc::Shared(d)
    }
}

/// The head, then one `.call()` per line, indented.
fn expanded(head: Doc, calls: Vec<Doc>) -> Doc {
    let mut lines = Vec::with_capacity(calls.len() * 2);
    for c in calls {
        lines.push(hardline());
        lines.push(c);
    }
    concat(vec![head, indent(concat(lines))])
}

fn call_doc(c: Call) -> Doc {
    let name = concat(vec![text("."), text(c.name)]);
    let mut args = c.args;
    if args.is_empty() {
        return concat(vec![name, text("()")]);
    }
    // A sole array or object argument is hugged: `.enum([` ... `])`.
    if args.len() == 1 && is_bracketed(args[0].doc()) {
        let only = args.remove(0).into_doc();
        return concat(vec![name, text("("), only, text(")")]);
    }
    concat(vec![
        name,
        group(concat(vec![
            text("("),
            indent(concat(vec![
                softline(),
                join(
                    concat(vec![text(","), line()]),
                    args.into_iter().map(Arg::into_doc).collect(),
                ),
            ])),
            doc::if_break(text(","), text("")),
            softline(),
            text(")"),
        ])),
    ])
}

fn is_bracketed(d: &Doc) -> bool {
    match d {
        Doc::Group(inner, _) => is_bracketed(inner),
        Doc::Shared(inner) => is_bracketed(inner),
        Doc::Concat(parts) => matches!(parts.first(), Some(Doc::Text(t)) if t == "[" || t == "{"),
        _ => false,
    }
}

/// Whether `code` (an argument, on one line) has no children for prettier: a literal, an
/// identifier, a member path or a call without arguments; not a call with arguments or an
/// array or object literal with elements.
fn is_leaf(code: &str) -> bool {
    let mut prev = ' ';
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == c {
                        break;
                    }
                }
            }
            '(' | '{' if chars.peek().is_some_and(|n| !matches!(n, ')' | '}')) => return false,
            // `[` after a name, `]` or `)` indexes; elsewhere it opens an array literal.
            '[' if !(prev.is_alphanumeric() || matches!(prev, '_' | '$' | ']' | ')'))
                && chars.peek() != Some(&']') =>
            {
                return false;
            }
            _ => {}
        }
        prev = c;
    }
    true
}

/// `[a, b, c]`, laid out as prettier lays out an array literal.
pub use doc::array_literal as array;

/// An object literal kept expanded (`{` then one `key: value,` per line).
pub fn object<K: AsRef<str>>(members: Vec<(K, Doc)>) -> Doc {
    if members.is_empty() {
        return text("{}");
    }
    let mut parts = vec![text("{")];
    let mut body = Vec::with_capacity(members.len() * 3);
    for (key, value) in members {
        body.push(hardline());
        body.push(property(key.as_ref(), value));
        body.push(text(","));
    }
    parts.push(indent(concat(body)));
    parts.push(hardline());
    parts.push(text("}"));
    doc::broken_group(concat(parts))
}

/// One `key: value,` line of an expanded object literal at `indent`, laid out like
/// [`object`]'s members (for object literals a template writes line by line).
pub fn property_line(key: &str, value: &str, indent: usize) -> String {
    doc::print(
        &concat(vec![property(key, text(value.to_string())), text(",")]),
        indent,
        indent,
    )
}

/// `key: value` in an object literal, laid out as prettier's assignment layouts do: the value
/// moves to the next line when it does not fit and cannot break itself (an identifier or a
/// member path); a value that can break (a call chain) stays on the key's line. Keys of at
/// most two characters never break.
fn property(key: &str, value: Doc) -> Doc {
    let mut key_text = String::with_capacity(key.len() + 2);
    crate::print::js::push_js_property_key(&mut key_text, key);
    let short = doc::width(&key_text) <= 2;
    key_text.push(':');
    if short {
        key_text.push(' ');
        return concat(vec![text(key_text), value]);
    }
    concat(vec![text(key_text), group(indent(line())), value])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(key: &str, c: &Chain) -> String {
        doc::print(
            &concat(vec![text(format!("{key}: ")), c.clone().doc(), text(",")]),
            2,
            2,
        )
    }

    /// What prettier 3 does with `z.array(<arg>).nullable().optional()` on a short line:
    /// one line when the argument is simple, else expanded.
    #[test]
    fn arguments_of_an_array_are_simple_only_without_children() {
        let simple = |c: Chain| c.is_simple();
        let s = || Chain::new("z").call0("string");
        assert!(simple(s().call1("max", "2")));
        assert!(simple(s().call1("regex", "RE.X")));
        assert!(simple(s().call1("refine", "g()")));
        assert!(simple(
            Chain::new("z").call1("enum", "Labels[\"a\"][\"b\"]")
        ));
        assert!(simple(Chain::new("z").call1("literal", "-1")));
        assert!(!simple(s().call1("refine", "pg.maxChars(2)")));
        assert!(!simple(s().call1("refine", "g(a, b)")));
        assert!(!simple(s().call1("refine", "g(\"(x\")")));
        assert!(!simple(Chain::new("z").call1("enum", "[\"a\", \"b\"]")));
        assert!(!simple(Chain::new("z").call1("object", "{ a: 1 }")));
        let line = p(
            "codes",
            &Chain::new("z")
                .call(
                    "array",
                    vec![Arg::Complex(
                        s().call1("refine", "pg.maxCharsPadded(2)").doc(),
                    )],
                )
                .call0("nullable")
                .call0("optional"),
        );
        assert_eq!(
            line,
            "codes: z\n    .array(z.string().refine(pg.maxCharsPadded(2)))\n    .nullable()\n    .optional(),"
        );
    }

    /// A shared document prints as the chain's own; chains whose arguments split differently
    /// (one argument `a, b` or two) do not share one.
    #[test]
    fn equal_chains_share_one_document() {
        let record = |args: &[&'static str]| {
            let args = args.iter().map(|a| Arg::Simple(text(*a))).collect();
            Chain::new("z").call("record", args).call0("nullable")
        };
        let key = "a_column_name_long_enough_that_the_record_call_does_not_fit";
        let print =
            |d: Doc| doc::print(&concat(vec![text(format!("{key}: ")), d, text(",")]), 2, 2);
        let mut docs = Docs::default();
        let (a, b) = (
            "z.string().regex(pg.A_PATTERN_WITH_A_LONG_NAME)",
            "z.unknown().refine(pg.aCheckWithALongName)",
        );
        let one = record(&[
            "z.string().regex(pg.A_PATTERN_WITH_A_LONG_NAME), z.unknown().refine(pg.aCheckWithALongName)",
        ]);
        let two = record(&[a, b]);
        let shared_one = print(docs.doc(one.clone()));
        let shared_two = print(docs.doc(two.clone()));
        assert_eq!(shared_one, print(one.doc()));
        assert_eq!(shared_two, print(two.doc()));
        assert_ne!(shared_one, shared_two);
        let (Doc::Shared(x), Doc::Shared(y)) =
            (docs.doc(record(&[a, b])), docs.doc(record(&[a, b])))
        else {
            panic!("chains of text arguments are shared");
        };
        assert!(std::sync::Arc::ptr_eq(&x, &y));
        assert_eq!(docs.by_chain.len(), 2);
    }

    #[test]
    fn short_chains_stay_on_one_line_long_ones_expand() {
        let c = Chain::new("z").call0("string").call0("nullable");
        assert_eq!(p("a", &c), "a: z.string().nullable(),");
        let long = Chain::new("z")
            .call0("number")
            .call0("int")
            .call1("min", "-32768")
            .call1("max", "32767")
            .call0("nullable");
        assert_eq!(
            p("another_quite_long_column_name_for_testing", &long),
            "another_quite_long_column_name_for_testing: z\n    .number()\n    .int()\n    .min(-32768)\n    .max(32767)\n    .nullable(),"
        );
    }

    #[test]
    fn complex_arguments_expand_chains_of_three() {
        let union = array(vec![text("z.literal(1)"), text("z.literal(2)")]);
        let c = Chain::new("z")
            .call("union", vec![Arg::Complex(union)])
            .call0("nullable")
            .call0("optional");
        assert_eq!(
            p("n", &c),
            "n: z\n    .union([z.literal(1), z.literal(2)])\n    .nullable()\n    .optional(),"
        );
    }
}
