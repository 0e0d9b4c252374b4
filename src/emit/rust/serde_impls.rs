//! The `Serialize` and `Deserialize` impls of the generated structs (Row, Insert, Update,
//! composites), written out instead of derived, and printed as text.
//!
//! Why: serde's derive writes, per struct, a field enum with its own visitor, a sequence and
//! a map visitor, and per field with an adapter a wrapper type with its impl in each
//! direction; for a schema of 1,000 tables that was most of the minutes and GBs that
//! `cargo check` of `database.rs` took. These impls call generic functions of the support
//! module (section `fields` of `generators/rust/pg.rs`: `pg::Fields`,
//! `pg::serialize_struct`, `pg::deserialize_struct`), which rustc checks once: a field costs
//! one key, one write call, one match arm and one struct-literal entry. The support module
//! documents the JSON they read and write (that of the derive with the same attributes).
//!
//! The text is laid out as prettyplease lays out the same tokens (the differential test,
//! `direct_printer_matches_prettyplease` in tests/rust.rs, holds the two to the same text);
//! [`SerdeImpls::direct`] declines when a line would pass prettyplease's margin, and the
//! caller then formats [`SerdeImpls::text`] with prettyplease.

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
}

/// The `Serialize`, `Deserialize` and `pg::Fields` impls of one struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerdeImpls {
    /// The struct's identifier.
    pub name: String,
    /// Its fields, in order.
    pub fields: Vec<SerdeField>,
}

/// prettyplease's margin.
const MARGIN: usize = 89;

impl SerdeImpls {
    /// The impls as prettyplease prints them one level inside a module, or `None` when
    /// prettyplease would break a line that this layout keeps whole (a line past the
    /// margin), or for a struct without fields.
    pub fn direct(&self) -> Option<String> {
        if self.fields.is_empty() {
            return None;
        }
        let text = self.text();
        text.lines().all(|l| l.len() <= MARGIN).then_some(text)
    }

    /// The impls' text, in prettyplease's layout up to lines past the margin.
    pub fn text(&self) -> String {
        let name = &self.name;
        let mut out = format!(
            "    impl ::serde::Serialize for {name} {{
        fn serialize<S: ::serde::Serializer>(
            &self,
            serializer: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {{
            pg::serialize_struct(self, serializer)
        }}
    }}
    impl<'de> ::serde::Deserialize<'de> for {name} {{
        fn deserialize<D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<Self, D::Error> {{
            pg::deserialize_struct(deserializer)
        }}
    }}
    impl pg::Fields for {name} {{
        const NAME: &'static str = {};
",
            super::item::string_literal(name)
        );
        self.keys(&mut out);
        self.write_fn(&mut out);
        self.read_fn(&mut out);
        out.push_str("    }\n");
        out
    }

    /// `const FIELDS: ... = &[...];`, on one line when it fits.
    fn keys(&self, out: &mut String) {
        const HEAD: &str = "        const FIELDS: &'static [&'static str] = &[";
        let keys: Vec<String> = self
            .fields
            .iter()
            .map(|f| super::item::string_literal(&f.key))
            .collect();
        let flat = keys.join(", ");
        if HEAD.len() + flat.len() + "];".len() <= MARGIN {
            let _ = writeln!(out, "{HEAD}{flat}];");
        } else {
            out.push_str(HEAD);
            out.push('\n');
            for k in &keys {
                let _ = writeln!(out, "            {k},");
            }
            out.push_str("        ];\n");
        }
    }

    /// `fn write`: one call per field.
    fn write_fn(&self, out: &mut String) {
        // Without fields `s` is not used.
        let s = if self.fields.is_empty() { "_" } else { "s" };
        let _ = write!(
            out,
            "        fn write<S: ::serde::ser::SerializeStruct>(
            &self,
            {s}: &mut S,
        ) -> ::std::result::Result<(), S::Error> {{
"
        );
        for (n, f) in self.fields.iter().enumerate() {
            let call = match (f.presence, f.adapted) {
                (Presence::Always, false) => "field",
                (Presence::Always, true) => "field_adapted",
                (_, false) => "optional",
                (_, true) => "optional_adapted",
            };
            let _ = writeln!(out, "            Self::{call}(s, {n}, &self.{})?;", f.ident);
        }
        out.push_str("            ::std::result::Result::Ok(())\n        }\n");
    }

    /// `fn from_map`: a tuple of slots, a match arm per field, a check per required field,
    /// and the struct. The slots are one value, and the checks that can fail come before
    /// any slot is moved, so that each early return drops one value (with a variable per
    /// slot, or a `?` per struct-literal field, each return drops every slot filled so far,
    /// which makes the function's MIR, and rustc's time and memory, quadratic in its fields).
    fn read_fn(&self, out: &mut String) {
        out.push_str(
            "        fn from_map<'de, A: ::serde::de::MapAccess<'de>>(
            mut map: A,
        ) -> ::std::result::Result<Self, A::Error> {
",
        );
        let n = self.fields.len();
        let none = "::std::option::Option::None";
        let flat = format!(
            "            let mut f = ({}{});",
            vec![none; n].join(", "),
            if n == 1 { "," } else { "" }
        );
        if flat.len() <= MARGIN {
            out.push_str(&flat);
            out.push('\n');
        } else {
            out.push_str("            let mut f = (\n");
            for _ in 0..n {
                let _ = writeln!(out, "                {none},");
            }
            out.push_str("            );\n");
        }
        out.push_str(
            "            while let ::std::option::Option::Some(key) = Self::next_key(&mut map)? {
                match key {
",
        );
        for (k, f) in self.fields.iter().enumerate() {
            let read = if f.adapted {
                "next_adapted"
            } else {
                "next_value"
            };
            let _ = writeln!(
                out,
                "                    {k} => Self::{read}(&mut map, &mut f.{k}, {k}),"
            );
        }
        out.push_str(
            "                    _ => pg::skip_value(&mut map),
                }?;
            }
",
        );
        for (k, f) in self.fields.iter().enumerate() {
            if f.required() {
                let _ = writeln!(out, "            Self::present(&f.{k}, {k})?;");
            }
        }
        let values: Vec<String> = self
            .fields
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let value = match f.presence {
                    _ if f.required() => format!("pg::filled(f.{k})"),
                    // The slot is the field: `None` when the key is missing.
                    Presence::Patch => format!("f.{k}"),
                    // A missing key is `None`.
                    Presence::Always | Presence::Skippable => {
                        format!("f.{k}.unwrap_or_default()")
                    }
                };
                format!("{}: {value}", f.ident)
            })
            .collect();
        // prettyplease keeps a struct literal on one line when it fits and its text up to
        // the closing brace is at most 34 bytes (`end_with_max_width(34)`).
        let inner = format!("Self {{ {} ", values.join(", "));
        let flat = format!("            ::std::result::Result::Ok({inner}}})");
        if values.is_empty() {
            out.push_str("            ::std::result::Result::Ok(Self {})\n");
        } else if inner.len() <= 34 && flat.len() <= MARGIN {
            out.push_str(&flat);
            out.push('\n');
        } else {
            out.push_str("            ::std::result::Result::Ok(Self {\n");
            for v in &values {
                let _ = writeln!(out, "                {v},");
            }
            out.push_str("            })\n");
        }
        out.push_str("        }\n");
    }
}
