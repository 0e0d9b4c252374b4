//! Comments made of catalog text, for every target: JSDoc blocks, line comments and Rust doc
//! lines. Catalog text is untrusted; these are the only functions that put it in a comment.
//!
//! The rules (README, "Catalog text in generated code"): a line comment never receives a
//! line terminator of its language (JavaScript: LF, CR, U+2028, U+2029); a block comment
//! never `*/`; a Rust doc line never a bare CR; and `</script`, `<!--` and `-->`, which end
//! or change a script element when a file is inlined in HTML, are written `<\/script`,
//! `<\!--` and `--\>` everywhere.

use super::doc::{Doc, concat, hardline, text};

/// A JSDoc comment followed by a hard line, for placing before a member. `None` when there
/// is no comment. `*/` inside the text is written `*\/` so it cannot close the comment.
pub fn jsdoc(comment: Option<&str>) -> Option<Doc> {
    let comment = comment?.trim();
    if comment.is_empty() {
        return None;
    }
    let lines: Vec<String> = lines(comment)
        .iter()
        .map(|l| html_safe(l.trim_end()).replace("*/", "*\\/"))
        .collect();
    if lines.len() == 1 {
        return Some(concat(vec![
            text(format!("/** {} */", lines[0])),
            hardline(),
        ]));
    }
    let mut parts = vec![text("/**")];
    for l in &lines {
        parts.push(hardline());
        parts.push(text(if l.is_empty() {
            " *".to_string()
        } else {
            format!(" * {l}")
        }));
    }
    parts.push(hardline());
    parts.push(text(" */"));
    parts.push(hardline());
    Some(concat(parts))
}

/// The text of a `// ...` line comment (JavaScript or Rust) holding `s`: every line
/// terminator JavaScript knows (`\n`, `\r`, U+2028, U+2029) becomes a space, so the text
/// cannot end the comment and start code.
pub fn line_comment(s: &str) -> String {
    html_safe(s).replace(['\n', '\r', '\u{2028}', '\u{2029}'], " ")
}

/// What ends a line: a CR LF pair counts once.
const LINE_TERMINATORS: &[char] = &['\n', '\r', '\u{2028}', '\u{2029}'];

/// The lines of `s` as [`str::lines`] gives them (no last empty line), but ended by every
/// line terminator of [`LINE_TERMINATORS`], a CR LF pair counting once.
fn lines(s: &str) -> Vec<String> {
    let s = s.replace("\r\n", "\n");
    let mut lines: Vec<String> = s.split(LINE_TERMINATORS).map(str::to_string).collect();
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// `s` with `</script`, `<!--` (any case) and `-->` broken by a backslash (`<\/script`,
/// `<\!--`, `--\>`), so that a file inlined in an HTML `<script>` element cannot end it or
/// open or close an HTML comment there.
pub fn html_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c == '>' && super::js::closes_html(&s[..i]) {
            out.push('\\');
        }
        out.push(c);
        if c == '<' && super::js::opens_html(&s[i + 1..]) {
            out.push('\\');
        }
    }
    out
}

/// The lines of a Rust doc comment (`#[doc = "..."]` each) for a catalog comment: lines
/// lose leading indentation beyond three spaces and ``` fences become ''', so rustdoc never
/// reads a comment as a code block or a doctest. Each line starts with a space, as `/// `
/// writes it.
pub fn rust_doc_lines(comment: &str) -> Vec<String> {
    lines(comment)
        .iter()
        .map(|l| {
            let trimmed = l.trim_start();
            let indent = (l.len() - trimmed.len()).min(3);
            let text = html_safe(trimmed).replace("```", "'''");
            format!(" {}{text}", " ".repeat(indent))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::doc::print;

    #[test]
    fn jsdoc_cannot_be_closed_by_its_text() {
        let d = jsdoc(Some("a */ b")).unwrap();
        assert_eq!(print(&d, 0, 0), "/** a *\\/ b */\n");
        let d = jsdoc(Some("one\n\ntwo")).unwrap();
        assert_eq!(print(&d, 0, 0), "/**\n * one\n *\n * two\n */\n");
        assert!(jsdoc(Some("  ")).is_none());
    }

    #[test]
    fn line_comments_hold_one_line() {
        assert_eq!(line_comment("a\nb\rc\u{2028}d\u{2029}e"), "a b c d e");
    }

    #[test]
    fn every_line_terminator_starts_a_comment_line() {
        let d = jsdoc(Some("a\r\nb\rc\u{2028}d")).unwrap();
        assert_eq!(print(&d, 0, 0), "/**\n * a\n * b\n * c\n * d\n */\n");
        assert_eq!(
            rust_doc_lines("a\rb\r\nc\u{2029}d"),
            [" a", " b", " c", " d"]
        );
    }

    #[test]
    fn script_ends_and_html_comments_are_broken() {
        assert_eq!(
            html_safe("x </SCRIPT> <!-- <a> <"),
            "x <\\/SCRIPT> <\\!-- <a> <"
        );
        assert_eq!(line_comment("</script>"), "<\\/script>");
        let d = jsdoc(Some("</script>")).unwrap();
        assert_eq!(print(&d, 0, 0), "/** <\\/script> */\n");
    }

    #[test]
    fn rust_doc_lines_are_not_code_blocks() {
        assert_eq!(
            rust_doc_lines("x\n        code\n```rust"),
            vec![" x", "    code", " '''rust"]
        );
    }
}
