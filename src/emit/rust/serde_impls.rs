//! The `Serialize` and `Deserialize` impls of the generated structs (Row, Insert, Update,
//! composites), written out instead of derived: one invocation per struct of the support
//! module's `fields!` macro, printed as text.
//!
//! Why: serde's derive writes, per struct, a field enum with its own visitor, a sequence and
//! a map visitor, and per field with an adapter a wrapper type with its impl in each
//! direction; for a schema of 1,000 tables that was most of the minutes and GBs that
//! `cargo check` of `database.rs` took. The macro (section `fields` of
//! `generators/rust/pg.rs`, which documents the JSON read and written: that of the derive
//! with the same attributes) expands to impls that call generic functions of the support
//! module, which rustc checks once: a field costs one key, one write call, one match arm
//! and one struct-literal entry. The invocation gives per field its number, identifier, key
//! and kind ([`SerdeField::kind`]), then the numbers of the fields whose key is required:
//! `pg::fields! { UsersRow { 0 id "id" req, 1 email "email" null } [0] }`.
//!
//! The text is laid out as prettyplease lays out the same tokens (the differential test,
//! `direct_printer_matches_prettyplease` in tests/rust.rs, holds the two to the same text):
//! a macro's tokens fill lines up to prettyplease's margin, a space between two tokens
//! except before a comma and inside the brackets' ends.

use std::fmt::Write;

/// How a field is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always there (Row and composite fields, required Insert fields).
    Always,
    /// `Option<T>`: left out when `None`, `null` reads as `None`.
    Skippable,
    /// `Option<Option<T>>`: left out when `None`, `null` when `Some(None)`.
    Patch,
}

/// What the impls need to know of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerdeField {
    /// The Rust field's identifier (`r#type` for a raw one).
    pub ident: String,
    /// The JSON key (the column's name).
    pub key: String,
    /// How it is read and written.
    pub presence: Presence,
    /// Read and written through the field type's `pg::Adapted` adapter, not its own impls.
    pub adapted: bool,
    /// The field's type is an `Option` (a nullable Row column, a composite's attribute):
    /// a missing key reads as `None`.
    pub nullable: bool,
}

impl SerdeField {
    /// A missing key is an error: the field is always there and not an `Option`.
    fn required(&self) -> bool {
        self.presence == Presence::Always && !self.nullable
    }

    /// The support module's module whose functions read and write the field.
    fn kind(&self) -> &'static str {
        match (self.presence, self.nullable, self.adapted) {
            (Presence::Always, false, false) => "req",
            (Presence::Always, false, true) => "req_as",
            (Presence::Always, true, false) => "null",
            (Presence::Always, true, true) => "null_as",
            (Presence::Skippable, _, false) => "skip",
            (Presence::Skippable, _, true) => "skip_as",
            (Presence::Patch, _, false) => "patch",
            (Presence::Patch, _, true) => "patch_as",
        }
    }
}

/// The `Serialize`, `Deserialize` and `pg::Fields` impls of one struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerdeImpls {
    /// The struct's identifier.
    pub name: String,
    /// Its fields, in order.
    pub fields: Vec<SerdeField>,
}

impl SerdeImpls {
    /// The `pg::fields!` invocation as prettyplease prints it one level inside a module.
    pub fn text(&self) -> String {
        let mut fill = Fill::new();
        fill.chunk(&[&self.name]);
        if self.fields.is_empty() {
            fill.chunk(&["{}"]);
        } else {
            fill.chunk(&["{"]);
            let last = self.fields.len() - 1;
            let mut number = String::new();
            for (n, f) in self.fields.iter().enumerate() {
                number.clear();
                let _ = write!(number, "{n}");
                fill.chunk(&[&number]);
                fill.chunk(&[&f.ident]);
                fill.chunk(&[&super::item::string_literal(&f.key)]);
                fill.chunk(&[f.kind(), if n == last { "" } else { "," }]);
            }
            fill.chunk(&["}"]);
        }
        let required: Vec<String> = self
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.required())
            .map(|(n, _)| n.to_string())
            .collect();
        match required.split_first() {
            None => fill.chunk(&["[]"]),
            Some((first, rest)) => {
                let close = |n: usize| if n == rest.len() { "]" } else { "" };
                fill.chunk(&["[", first, close(0)]);
                for (k, n) in rest.iter().enumerate() {
                    fill.chunk(&[n, close(k + 1)]);
                }
            }
        }
        fill.finish()
    }
}

/// prettyplease's margin.
const MARGIN: isize = 89;

/// The indentation of a macro's tokens one level inside a module.
const INDENT: &str = "        ";

/// A macro invocation's tokens as prettyplease prints them: chunks (the text between two
/// places where it may break a line) filled into lines, a chunk going on the line when it
/// fits with the space before it (else on a new line, even when it does not fit there).
struct Fill {
    out: String,
    /// What is left of the line; `None` before the first chunk.
    space: Option<isize>,
}

impl Fill {
    fn new() -> Self {
        Self {
            out: format!("    pg::fields! {{\n{INDENT}"),
            space: None,
        }
    }

    /// Writes a chunk made of `parts`.
    fn chunk(&mut self, parts: &[&str]) {
        let len = parts.iter().map(|p| p.len()).sum::<usize>() as isize;
        let full_line = MARGIN - INDENT.len() as isize;
        self.space = Some(match self.space {
            None => full_line - len,
            // The chunk and the space before it fit.
            Some(space) if len < space => {
                self.out.push(' ');
                space - 1 - len
            }
            Some(_) => {
                self.out.push('\n');
                self.out.push_str(INDENT);
                full_line - len
            }
        });
        for p in parts {
            self.out.push_str(p);
        }
    }

    fn finish(mut self) -> String {
        self.out.push_str("\n    }\n");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ident: &str, key: &str, presence: Presence, adapted: bool) -> SerdeField {
        SerdeField {
            ident: ident.into(),
            key: key.into(),
            presence,
            adapted,
            nullable: false,
        }
    }

    /// Lines that fill up, a chunk longer than a line, escaped keys, raw identifiers and a
    /// struct without fields, laid out as prettyplease lays out the same tokens.
    #[test]
    fn the_text_is_what_prettyplease_prints() {
        let long = "k".repeat(100);
        let mut fields: Vec<SerdeField> = (0..30)
            .map(|n| {
                field(
                    &format!("column_{n}"),
                    &format!("Column {n}"),
                    Presence::Always,
                    n % 3 == 0,
                )
            })
            .collect();
        fields.push(field(
            "r#type",
            "type \"quoted\" \\ ключ",
            Presence::Patch,
            true,
        ));
        fields.push(field("long", &long, Presence::Skippable, false));
        fields.push(field("after", "after", Presence::Always, false));
        let cases = [
            SerdeImpls {
                name: "Wide".into(),
                fields,
            },
            SerdeImpls {
                name: "Empty".into(),
                fields: Vec::new(),
            },
            SerdeImpls {
                name: "One".into(),
                fields: vec![field("map", "map", Presence::Skippable, false)],
            },
        ];
        for impls in cases {
            let text = impls.text();
            let pretty =
                super::super::format_in_module(super::super::item::parse(&text).unwrap()).unwrap();
            assert_eq!(text, pretty);
        }
    }
}
