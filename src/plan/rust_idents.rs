//! Rust identifiers for Postgres names: modules, types, fields and enum variants (the name
//! plan uses them for modules and types, the Rust emitter for fields and variants).
//!
//! Rules, applied in this order:
//! 1. Case: modules and fields are snake_case, types and variants UpperCamelCase (heck's
//!    rules: `user-profile`, `UserProfile` and `user_profile` all become `UserProfile`).
//! 2. Characters: Latin letters with diacritics lose them (`café` → `cafe`, `ß` → `ss`);
//!    anything else that is not an ASCII letter, digit or `_` is dropped, so names stay
//!    ASCII and free of lints about confusable characters. A name left empty becomes
//!    `field`, `Type` or `Value`; a leading digit gets a `_` in front.
//! 3. Keywords: a keyword becomes a raw identifier (`r#type`); `self`, `Self`, `super`,
//!    `crate` (which cannot be raw) get a `_` suffix as fields and modules, and `Self` as a
//!    type or variant becomes `SelfValue`.
//! 4. Collisions: names are handed out in a fixed order (columns and attributes in their
//!    declared order, enum labels in enum order, relations and types by name); a name
//!    already taken gets the next free numeric suffix (`UserProfile`, `UserProfile2`, ...).
//!
//! Every field or variant whose Rust name is not the Postgres name carries
//! `#[serde(rename = "...")]` with the exact name.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict and reserved, 2024 edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// ASCII for the common Latin letters with diacritics.
fn ascii(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let r = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => "A",
            'ç' | 'č' | 'ć' => "c",
            'Ç' | 'Č' | 'Ć' => "C",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => "e",
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => "E",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => "I",
            'ñ' | 'ń' => "n",
            'Ñ' | 'Ń' => "N",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => "O",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => "u",
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => "U",
            'ý' | 'ÿ' => "y",
            'Ý' => "Y",
            'ß' => "ss",
            'æ' => "ae",
            'Æ' => "AE",
            'œ' => "oe",
            'Œ' => "OE",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            // Word separators survive as separators; everything else is dropped.
            c if c.is_whitespace() || "-_.:/#$'\"\\*".contains(c) => " ",
            _ => "",
        };
        out.push_str(r);
    }
    out
}

/// What kind of name is wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// snake_case (modules, fields).
    Snake,
    /// UpperCamelCase (types, variants).
    Camel,
}

/// The Rust spelling of `name` before collisions are resolved: a valid identifier, raw
/// when it is a keyword.
pub fn base_name(name: &str, case: Case, empty: &str) -> String {
    let plain = ascii(name);
    let mut s = match case {
        Case::Snake => plain.to_snake_case(),
        Case::Camel => plain.to_upper_camel_case(),
    };
    if s.is_empty() {
        s = empty.to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// Turns a collision-free name into the identifier text: `r#type`, `self_`, `SelfValue`.
pub fn ident_text(s: &str, case: Case) -> String {
    if NOT_RAW.contains(&s) {
        return match case {
            Case::Snake => format!("{s}_"),
            Case::Camel => format!("{s}Value"),
        };
    }
    if KEYWORDS.contains(&s) {
        return format!("r#{s}");
    }
    s.to_string()
}

/// A name that cannot be a raw identifier (`self`, ...), changed before collisions are
/// resolved; other names are kept as they are.
pub fn reserved_ok(s: String, case: Case) -> String {
    let t = ident_text(&s, case);
    if t.starts_with("r#") { s } else { t }
}

/// Hands out names in one namespace; a taken name gets the next free numeric suffix.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A namespace where `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// A free name for `base`, taken from now on. `suffixes` are names formed by appending
    /// each of them to the result, which must be free too (`Row`, `Insert`, `Update`).
    pub fn claim(&mut self, base: &str, suffixes: &[&str]) -> String {
        let free = |n: &str, taken: &BTreeSet<String>| {
            if suffixes.is_empty() {
                !taken.contains(n)
            } else {
                suffixes.iter().all(|s| !taken.contains(&format!("{n}{s}")))
            }
        };
        let mut n = 1;
        let mut candidate = base.to_string();
        while !free(&candidate, &self.taken) {
            n += 1;
            // A digit after a digit would merge: `_1` + `2` reads as `_12`.
            let sep = if base.ends_with(|c: char| c.is_ascii_digit()) {
                "_"
            } else {
                ""
            };
            candidate = format!("{base}{sep}{n}");
        }
        if suffixes.is_empty() {
            self.taken.insert(candidate.clone());
        } else {
            for s in suffixes {
                self.taken.insert(format!("{candidate}{s}"));
            }
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cased_sanitized_and_deduplicated() {
        assert_eq!(
            base_name("user-profile", Case::Camel, "Type"),
            "UserProfile"
        );
        assert_eq!(base_name("UserProfile", Case::Camel, "Type"), "UserProfile");
        assert_eq!(base_name("café", Case::Snake, "field"), "cafe");
        assert_eq!(base_name("1st_place", Case::Camel, "Type"), "_1stPlace");
        assert_eq!(base_name("🎉", Case::Snake, "field"), "field");
        assert_eq!(base_name("fooBar", Case::Snake, "field"), "foo_bar");
        assert_eq!(ident_text("type", Case::Snake), "r#type");
        assert_eq!(ident_text("self", Case::Snake), "self_");
        assert_eq!(ident_text("Self", Case::Camel), "SelfValue");
        let mut ns = Namespace::default();
        assert_eq!(ns.claim("UserProfile", &["Row", "Insert"]), "UserProfile");
        assert_eq!(ns.claim("UserProfile", &["Row", "Insert"]), "UserProfile2");
        assert_eq!(ns.claim("UserProfile2Row", &[]), "UserProfile2Row2");
    }
}
