//! The document printer: the Wadler/prettier algorithm reduced to what gen-types prints
//! (text, soft and hard line breaks, indentation, alignment, groups that break when they do
//! not fit, `ifBreak`, prettier's `conditionalGroup`), at prettier's defaults (width 80,
//! 2-space indent), so that running prettier over a generated file changes nothing.
//!
//! The builders at the bottom ([`array_literal`], [`object`], [`member`]) encode prettier's
//! layout of the JavaScript/TypeScript constructs every target prints. Nothing here knows a
//! target: the TypeScript union rules live with the TypeScript emitter.

/// Maximum line width.
pub const WIDTH: usize = 80;

/// A layout document.
#[derive(Debug, Clone)]
pub enum Doc {
    /// Literal text without newlines (borrowed when it is a constant: most of a document's
    /// text is punctuation).
    Text(Cow<'static, str>),
    /// Literal text without newlines, with its [`width`] (measured once for text printed
    /// or measured many times, as a shared document's).
    Measured(Box<str>, usize),
    /// A line break: in flat mode a space (`soft`: nothing); `hard` always breaks.
    Line {
        /// Prints nothing in flat mode.
        soft: bool,
        /// Always breaks.
        hard: bool,
    },
    /// A sequence.
    Concat(Vec<Doc>),
    /// Indents its content by two more spaces after line breaks.
    Indent(Box<Doc>),
    /// Indents its content by `n` more spaces after line breaks.
    Align(usize, Box<Doc>),
    /// Prints flat if it fits, else broken; `true` when it must break.
    Group(Box<Doc>, bool),
    /// `(broken, flat)`: chosen by the mode of the enclosing group.
    IfBreak(Box<Doc>, Box<Doc>),
    /// prettier's `conditionalGroup([a, b])`: `a` flat when it fits, else `b` broken.
    Choice(Box<Doc>, Box<Doc>),
    /// A document used in more than one place (the two layouts of a [`Doc::Choice`]), kept
    /// once.
    Shared(std::sync::Arc<Doc>),
}

use std::borrow::Cow;

use Doc::*;

/// Text.
pub fn text(s: impl Into<Cow<'static, str>>) -> Doc {
    Text(s.into())
}

/// Text measured once ([`Doc::Measured`]).
pub fn measured(s: String) -> Doc {
    let w = width(&s);
    Measured(s.into_boxed_str(), w)
}

/// A space, or a newline when broken.
pub fn line() -> Doc {
    Line {
        soft: false,
        hard: false,
    }
}

/// Nothing, or a newline when broken.
pub fn softline() -> Doc {
    Line {
        soft: true,
        hard: false,
    }
}

/// Always a newline.
pub fn hardline() -> Doc {
    Line {
        soft: false,
        hard: true,
    }
}

/// A sequence.
pub fn concat(parts: Vec<Doc>) -> Doc {
    Concat(parts)
}

/// Indent by two.
pub fn indent(d: Doc) -> Doc {
    Indent(Box::new(d))
}

/// Indent by `n`.
pub fn align(n: usize, d: Doc) -> Doc {
    Align(n, Box::new(d))
}

/// A group; it is broken from the start when its content must break (a hard line or a
/// broken group inside, as prettier's `propagateBreaks` does).
pub fn group(d: Doc) -> Doc {
    let broken = must_break(&d);
    Group(Box::new(d), broken)
}

/// A group that always breaks (an object prettier keeps expanded).
pub fn broken_group(d: Doc) -> Doc {
    Group(Box::new(d), true)
}

/// `broken` when the enclosing group breaks, else `flat`.
pub fn if_break(broken: Doc, flat: Doc) -> Doc {
    IfBreak(Box::new(broken), Box::new(flat))
}

/// Joins docs with a separator.
pub fn join(sep: Doc, docs: Vec<Doc>) -> Doc {
    let mut parts = Vec::with_capacity(docs.len() * 2);
    for (i, d) in docs.into_iter().enumerate() {
        if i > 0 {
            parts.push(sep.clone());
        }
        parts.push(d);
    }
    Concat(parts)
}

/// `a` printed flat when it fits, else `b` (prettier's `conditionalGroup([a, b])`).
pub fn choice(a: Doc, b: Doc) -> Doc {
    Choice(Box::new(a), Box::new(b))
}

/// Whether a document contains a forced line break (so its groups must break).
pub fn must_break(d: &Doc) -> bool {
    match d {
        Text(_) | Measured(..) => false,
        Line { hard, .. } => *hard,
        Concat(parts) => parts.iter().any(must_break),
        Indent(d) | Align(_, d) => must_break(d),
        Group(_, broken) => *broken,
        IfBreak(b, f) => must_break(b) || must_break(f),
        Choice(a, _) => must_break(a),
        Shared(d) => must_break(d),
    }
}

/// The text of `d` laid out on one line (every group flat; a hard line prints as a space).
pub fn flat_text(d: &Doc) -> String {
    let mut out = String::new();
    push_flat_text(d, &mut out);
    out
}

/// Appends [`flat_text`] of `d` to `out`.
pub fn push_flat_text(d: &Doc, out: &mut String) {
    match d {
        Text(t) => out.push_str(t),
        Measured(t, _) => out.push_str(t),
        Line { soft, .. } => out.push_str(if *soft { "" } else { " " }),
        Concat(parts) => parts.iter().for_each(|p| push_flat_text(p, out)),
        Indent(inner) | Align(_, inner) | Group(inner, _) => push_flat_text(inner, out),
        IfBreak(_, flat) | Choice(flat, _) => push_flat_text(flat, out),
        Shared(inner) => push_flat_text(inner, out),
    }
}

/// Display width as prettier counts it (East Asian wide characters count 2, combining
/// marks and control characters 0).
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| *b > 0x1f && *b != 0x7f).count();
    }
    s.chars()
        .map(|c| {
            let cp = c as u32;
            if cp <= 0x1f || (0x7f..=0x9f).contains(&cp) || (0x300..=0x36f).contains(&cp) {
                0
            } else if unicode_width::UnicodeWidthChar::width(c) == Some(2) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

/// Prints `doc` starting at column `start_column`, where line breaks indent to `base`.
pub fn print(doc: &Doc, base: usize, start_column: usize) -> String {
    let mut out = String::new();
    print_to(&mut out, doc, base, start_column);
    out
}

/// [`print`], appending to `out` (trailing spaces are trimmed from the printed lines only).
pub fn print_to(out: &mut String, doc: &Doc, base: usize, start_column: usize) {
    let start = out.len();
    let mut pos = start_column;
    let mut cmds: Vec<(usize, Mode, &Doc)> = vec![(base, Mode::Break, doc)];
    // The stack of `fits`, kept between its calls.
    let mut scratch: Vec<(Mode, &Doc)> = Vec::new();
    while let Some((ind, mode, d)) = cmds.pop() {
        match d {
            Text(s) => {
                out.push_str(s);
                pos += width(s);
            }
            Measured(s, w) => {
                out.push_str(s);
                pos += w;
            }
            Concat(parts) => {
                for p in parts.iter().rev() {
                    cmds.push((ind, mode, p));
                }
            }
            Indent(inner) => cmds.push((ind + 2, mode, inner)),
            Align(n, inner) => cmds.push((ind + n, mode, inner)),
            Group(inner, broken) => {
                // Flat inside a flat parent, or when it fits; broken otherwise.
                if !broken
                    && (mode == Mode::Flat
                        || fits(
                            (Mode::Flat, inner),
                            &cmds,
                            WIDTH as isize - pos as isize,
                            &mut scratch,
                        ))
                {
                    cmds.push((ind, Mode::Flat, inner));
                } else {
                    cmds.push((ind, Mode::Break, inner));
                }
            }
            IfBreak(b, f) => cmds.push((ind, mode, if mode == Mode::Break { b } else { f })),
            Shared(inner) => cmds.push((ind, mode, inner)),
            Choice(a, b) => {
                if mode == Mode::Flat
                    || fits(
                        (Mode::Flat, a),
                        &cmds,
                        WIDTH as isize - pos as isize,
                        &mut scratch,
                    )
                {
                    cmds.push((ind, Mode::Flat, a));
                } else {
                    cmds.push((ind, Mode::Break, b));
                }
            }
            Line { soft, hard } => {
                if mode == Mode::Flat && !hard {
                    if !soft {
                        out.push(' ');
                        pos += 1;
                    }
                } else {
                    while out.len() > start && out.ends_with(' ') {
                        out.pop();
                    }
                    out.push('\n');
                    out.extend(std::iter::repeat_n(' ', ind));
                    pos = ind;
                }
            }
        }
    }
}

/// Whether `next` fits in `remaining` columns, looking on into the pending commands up to
/// their first line break (as prettier's `fits` does). `stack` is scratch space.
fn fits<'d>(
    next: (Mode, &'d Doc),
    rest: &[(usize, Mode, &'d Doc)],
    mut remaining: isize,
    stack: &mut Vec<(Mode, &'d Doc)>,
) -> bool {
    let mut rest_idx = rest.len();
    stack.clear();
    stack.push(next);
    loop {
        if remaining < 0 {
            return false;
        }
        let Some((mode, d)) = stack.pop() else {
            if rest_idx == 0 {
                return true;
            }
            rest_idx -= 1;
            let (_, m, d) = rest[rest_idx];
            stack.push((m, d));
            continue;
        };
        match d {
            Text(s) => remaining -= width(s) as isize,
            Measured(_, w) => remaining -= *w as isize,
            Concat(parts) => {
                for p in parts.iter().rev() {
                    stack.push((mode, p));
                }
            }
            Indent(inner) | Align(_, inner) => stack.push((mode, inner)),
            Group(inner, broken) => stack.push((if *broken { Mode::Break } else { mode }, inner)),
            IfBreak(b, f) => stack.push((mode, if mode == Mode::Break { b } else { f })),
            Shared(inner) => stack.push((mode, inner)),
            Choice(a, b) => stack.push(if mode == Mode::Break {
                (Mode::Break, b)
            } else {
                (mode, a)
            }),
            Line { soft, hard } => {
                if mode == Mode::Break || *hard {
                    return true;
                }
                if !soft {
                    remaining -= 1;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// JavaScript / TypeScript constructs, laid out as prettier lays them out.

use super::js::property_key;

/// `[a, b]` (an array literal or tuple type), broken one item per line with a trailing
/// comma when it does not fit.
pub fn array_literal(items: Vec<Doc>) -> Doc {
    if items.is_empty() {
        return text("[]");
    }
    group(concat(vec![
        text("["),
        indent(concat(vec![
            softline(),
            join(concat(vec![text(","), line()]), items),
        ])),
        if_break(text(","), text("")),
        softline(),
        text("]"),
    ]))
}

/// An object type literal. `expanded` objects keep one member per line (prettier keeps an
/// object expanded when the source has a newline after `{`); others are flat when they fit.
/// Members are `(key_doc, comment)`; comments force the object to expand.
pub fn object(members: Vec<Doc>, expanded: bool) -> Doc {
    if members.is_empty() {
        return text("{}");
    }
    let body = concat(vec![
        text("{"),
        indent(concat(vec![
            line(),
            join(concat(vec![if_break(text(""), text(";")), line()]), members),
        ])),
        line(),
        text("}"),
    ]);
    if expanded {
        broken_group(body)
    } else {
        group(body)
    }
}

/// An object member `key: type` or `key?: type`.
pub fn member(key: &str, optional: bool, ty: Doc) -> Doc {
    concat(vec![
        text(format!(
            "{}{}: ",
            property_key(key),
            if optional { "?" } else { "" }
        )),
        ty,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(d: &Doc) -> String {
        print(d, 0, 0)
    }

    #[test]
    fn flat_objects_use_semicolons_and_break_when_too_long() {
        let o = object(
            vec![
                member("a", false, text("number")),
                member("b", true, text("string")),
            ],
            false,
        );
        assert_eq!(p(&o), "{ a: number; b?: string }");
        let many: Vec<Doc> = (0..8)
            .map(|i| member(&format!("argument_{i}"), false, text("number")))
            .collect();
        let out = p(&object(many, false));
        assert!(
            out.starts_with("{\n  argument_0: number\n  argument_1: number"),
            "{out}"
        );
    }

    #[test]
    fn print_to_appends_and_trims_only_what_it_printed() {
        let mut out = String::from("kept  ");
        let d = concat(vec![text("a "), hardline(), measured("日本".to_string())]);
        print_to(&mut out, &d, 2, 6);
        assert_eq!(out, "kept  a\n  日本");
        assert!(matches!(measured("日本".to_string()), Measured(_, 4)));
    }

    #[test]
    fn width_counts_wide_characters_twice() {
        assert_eq!(width("日本"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("a\tb\u{7f}"), 2);
    }
}
