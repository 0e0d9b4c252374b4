//! Comments made of catalog text, for every target: JSDoc blocks, line comments and Rust doc
//! lines. Catalog text is untrusted; these are the only functions that put it in a comment.

use super::doc::{Doc, concat, hardline, text};

/// A JSDoc comment followed by a hard line, for placing before a member. `None` when there
/// is no comment. `*/` inside the text is written `*\/` so it cannot close the comment.
pub fn jsdoc(comment: Option<&str>) -> Option<Doc> {
    let comment = comment?.trim();
    if comment.is_empty() {
        return None;
    }
    let lines: Vec<String> = comment
        .lines()
        .map(|l| l.trim_end().replace("*/", "*\\/"))
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
    s.replace(['\n', '\r', '\u{2028}', '\u{2029}'], " ")
}

/// The lines of a Rust doc comment (`#[doc = "..."]` each) for a catalog comment: lines
/// lose leading indentation beyond three spaces and ``` fences become ''', so rustdoc never
/// reads a comment as a code block or a doctest. Each line starts with a space, as `/// `
/// writes it.
pub fn rust_doc_lines(comment: &str) -> Vec<String> {
    comment
        .lines()
        .map(|l| {
            let trimmed = l.trim_start();
            let indent = (l.len() - trimmed.len()).min(3);
            format!(" {}{}", " ".repeat(indent), trimmed.replace("```", "'''"))
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
    fn rust_doc_lines_are_not_code_blocks() {
        assert_eq!(
            rust_doc_lines("x\n        code\n```rust"),
            vec![" x", "    code", " '''rust"]
        );
    }
}
