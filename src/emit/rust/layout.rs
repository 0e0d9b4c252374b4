//! The direct printer: an [`Item`] laid out as text exactly as prettyplease 0.2 lays it out
//! inside a module (4-space indent, a 89-column margin), without a round trip through syn.
//!
//! prettyplease is an Oppen printer: a group (here: generic arguments `<...>`, attribute
//! arguments `(...)`) stays on one line when its flat text, and the text after it up to the
//! next possible line break, fits in the space left on the line; else every break in the
//! group breaks (they are "consistent" groups). After a line break at indent `i` the space
//! is `max(89 - i, 60)`. Lengths are counted in bytes, as prettyplease counts them.
//!
//! [`print`] returns `None` for anything whose layout it does not know for sure (a type or
//! attribute argument not in the plain forms of [`super::item`], a doc line prettyplease
//! would not print as `///`); the caller then formats the item with prettyplease. The
//! differential test (`direct_printer_matches_prettyplease` in tests/rust.rs) holds the two
//! to the same text.

use super::item::{Attr, Field, Item, Kind};

const MARGIN: usize = 89;
const MIN_SPACE: usize = 60;
const INDENT: usize = 4;
/// Indent of an item inside a schema module.
const ITEM_INDENT: usize = 4;

/// `item` as prettyplease prints it one level inside a module, or `None` when unsure.
pub fn print(item: &Item) -> Option<String> {
    let mut p = Printer::new(ITEM_INDENT);
    p.outer_attrs(&item.docs, &item.attrs, ITEM_INDENT)?;
    p.word("pub ");
    p.word(match item.kind {
        Kind::Struct => "struct ",
        Kind::Enum => "enum ",
    });
    p.word(&item.name);
    p.word(" {");
    if item.fields.is_empty() {
        p.word("}");
        p.out.push('\n');
        return Some(p.out);
    }
    let inner = ITEM_INDENT + INDENT;
    for f in &item.fields {
        p.newline(inner);
        p.field(f, inner)?;
    }
    p.newline(ITEM_INDENT);
    p.word("}");
    p.out.push('\n');
    Some(p.out)
}

/// The text being laid out and the space left on its last line.
struct Printer {
    out: String,
    space: usize,
}

impl Printer {
    fn new(indent: usize) -> Self {
        let mut p = Printer {
            out: String::with_capacity(1024),
            space: 0,
        };
        p.indent(indent);
        p
    }

    fn word(&mut self, s: &str) {
        self.out.push_str(s);
        self.space = self.space.saturating_sub(s.len());
    }

    fn newline(&mut self, indent: usize) {
        self.out.push('\n');
        self.indent(indent);
    }

    fn indent(&mut self, indent: usize) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.space = MARGIN.saturating_sub(indent).max(MIN_SPACE);
    }

    /// Whether a group whose flat text and trailer take `size` bytes stays on the line.
    fn fits(&self, size: usize) -> bool {
        size <= self.space
    }

    /// Doc lines and attributes, each on its line, then the start of the next line.
    fn outer_attrs(&mut self, docs: &[String], attrs: &[Attr], indent: usize) -> Option<()> {
        for d in docs {
            if d.contains(['\n', '\r']) || d.starts_with('/') {
                return None;
            }
            self.word("///");
            self.word(d.trim_end_matches(' '));
            self.newline(indent);
        }
        for a in attrs {
            self.attr(a, indent)?;
            self.newline(indent);
        }
        Some(())
    }

    /// `#[path]` or `#[path(args)]`, the arguments one per line when they do not fit.
    fn attr(&mut self, a: &Attr, indent: usize) -> Option<()> {
        if !is_path(&a.path) {
            return None;
        }
        self.word("#[");
        self.word(&a.path);
        let Some(args) = &a.args else {
            self.word("]");
            return Some(());
        };
        if args.is_empty() || !args.iter().all(|arg| is_plain_arg(arg)) {
            return None;
        }
        self.word("(");
        let flat = args.iter().map(|a| a.len()).sum::<usize>() + 2 * (args.len() - 1);
        if self.fits(flat + ")]".len()) {
            self.word(&args.join(", "));
        } else {
            for (i, arg) in args.iter().enumerate() {
                self.newline(indent + INDENT);
                self.word(arg);
                if i + 1 < args.len() {
                    self.word(",");
                }
            }
            self.newline(indent);
        }
        self.word(")]");
        Some(())
    }

    /// A field's (or variant's) docs, attributes and `pub name: Type,` (or `Name,`).
    fn field(&mut self, f: &Field, indent: usize) -> Option<()> {
        self.outer_attrs(&f.docs, &f.attrs, indent)?;
        if !is_ident(&f.name) {
            return None;
        }
        if let Some(ty) = &f.ty {
            let ty = Ty::parse(ty)?;
            self.word("pub ");
            self.word(&f.name);
            self.word(": ");
            self.ty(&ty, indent, ",".len());
        } else {
            self.word(&f.name);
        }
        self.word(",");
        Some(())
    }

    /// A type in a block indented `indent`, followed by `trailer` bytes before the next
    /// possible break.
    fn ty(&mut self, ty: &Ty<'_>, indent: usize, trailer: usize) {
        self.word(ty.path);
        if ty.args.is_empty() {
            return;
        }
        self.word("<");
        if self.fits(ty.args_len() + ">".len() + trailer) {
            for (i, arg) in ty.args.iter().enumerate() {
                if i > 0 {
                    self.word(", ");
                }
                arg.flat(self);
            }
        } else {
            let inner = indent + INDENT;
            for (i, arg) in ty.args.iter().enumerate() {
                self.newline(inner);
                let last = i + 1 == ty.args.len();
                self.ty(arg, inner, if last { 0 } else { ",".len() });
                self.word(",");
            }
            self.newline(indent);
        }
        self.word(">");
    }
}

/// A path type with its generic arguments, parsed from type text.
struct Ty<'a> {
    /// `::std::option::Option`.
    path: &'a str,
    args: Vec<Ty<'a>>,
}

impl<'a> Ty<'a> {
    /// The type of `text` when it is in the plain form (`a::B<C, D>`), and nothing else.
    fn parse(text: &'a str) -> Option<Self> {
        let (ty, rest) = Self::parse_prefix(text, 0)?;
        rest.is_empty().then_some(ty)
    }

    /// A type at the start of `text`, `depth` groups deep, and the text after it.
    fn parse_prefix(text: &'a str, depth: usize) -> Option<(Self, &'a str)> {
        if depth > 32 {
            return None;
        }
        let end = text.find(['<', '>', ',']).unwrap_or(text.len());
        let path = &text[..end];
        if !is_path(path) {
            return None;
        }
        let mut rest = &text[end..];
        let mut args = Vec::new();
        if let Some(after) = rest.strip_prefix('<') {
            rest = after;
            loop {
                let (arg, after) = Self::parse_prefix(rest, depth + 1)?;
                args.push(arg);
                if let Some(after) = after.strip_prefix(", ") {
                    rest = after;
                } else {
                    rest = after.strip_prefix('>')?;
                    break;
                }
            }
        }
        Some((Ty { path, args }, rest))
    }

    fn flat(&self, p: &mut Printer) {
        p.word(self.path);
        if !self.args.is_empty() {
            p.word("<");
            for (i, arg) in self.args.iter().enumerate() {
                if i > 0 {
                    p.word(", ");
                }
                arg.flat(p);
            }
            p.word(">");
        }
    }

    /// The bytes of the arguments on one line.
    fn args_len(&self) -> usize {
        self.args.iter().map(Ty::len).sum::<usize>() + 2 * self.args.len().saturating_sub(1)
    }

    fn len(&self) -> usize {
        match self.args.is_empty() {
            true => self.path.len(),
            false => self.path.len() + self.args_len() + "<>".len(),
        }
    }
}

/// An identifier, plain or raw (`r#type`).
fn is_ident(s: &str) -> bool {
    let s = s.strip_prefix("r#").unwrap_or(s);
    if s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return s.bytes().next().is_some_and(|b| !b.is_ascii_digit());
    }
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
        && chars.all(unicode_ident::is_xid_continue)
}

/// `a::b`, `::a::b`.
fn is_path(s: &str) -> bool {
    let s = s.strip_prefix("::").unwrap_or(s);
    // Split at single colons: segments alternate with the empty text between `::`'s two.
    let mut parts = s.split(':');
    while let Some(segment) = parts.next() {
        if !is_ident(segment) {
            return false;
        }
        match parts.next() {
            None => return true,
            Some("") => {}
            Some(_) => return false,
        }
    }
    false
}

/// An attribute argument in a form printed as it is: a path, or `name = "string"`.
fn is_plain_arg(arg: &str) -> bool {
    match arg.find('"') {
        Some(quote) => arg[..quote]
            .strip_suffix(" = ")
            .is_some_and(|name| is_ident(name) && is_string_literal(&arg[quote..])),
        None => is_path(arg),
    }
}

/// A string literal as [`super::item::string_literal`] writes it: quotes at both ends and
/// none unescaped in between.
fn is_string_literal(s: &str) -> bool {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return false;
    };
    let mut escaped = false;
    for c in inner.chars() {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '"') => return false,
            _ => {}
        }
    }
    !escaped
}

#[cfg(test)]
mod tests {
    use super::super::format_in_module;
    use super::super::item::{Attr, Field, Item, Kind};
    use super::print;
    use crate::print::comment::rust_doc_lines;

    fn field(name: &str, ty: &str, attrs: Vec<Attr>) -> Field {
        Field {
            docs: Vec::new(),
            attrs,
            name: name.to_string(),
            ty: Some(ty.to_string()),
        }
    }

    fn strukt(name: &str, fields: Vec<Field>) -> Item {
        Item {
            docs: vec![" A struct.".to_string()],
            attrs: vec![Attr::list(
                "derive",
                vec!["Debug".into(), "::serde::Serialize".into()],
            )],
            kind: Kind::Struct,
            name: name.to_string(),
            fields,
        }
    }

    fn pretty(item: &Item) -> String {
        format_in_module(item.tokens().unwrap()).unwrap()
    }

    /// The direct printer prints `item`, exactly as prettyplease does.
    fn assert_same(item: &Item) {
        let direct = print(item).expect("the direct printer refused the item");
        assert_eq!(direct, pretty(item), "direct:\n{direct}");
    }

    #[test]
    fn lines_around_the_margin() {
        // Names of every length put the field lines, the nested generics and the attributes
        // on both sides of 89 columns.
        let types = [
            "::std::option::Option<::std::string::String>",
            "::std::option::Option<::std::option::Option<::std::string::String>>",
            "::std::option::Option<::std::vec::Vec<::std::option::Option<i32>>>",
            "::std::collections::BTreeMap<::std::string::String, ::std::option::Option<::std::string::String>>",
            "pg::Json<::std::vec::Vec<::std::option::Option<::chrono::NaiveDate>>, ::serde_with::Same>",
        ];
        for len in 1..70 {
            let name = "n".repeat(len);
            let fields = types
                .iter()
                .map(|ty| {
                    let rename = Attr::name_value("serde", "rename", &"r".repeat(len + 20));
                    let skip = Attr::list(
                        "serde",
                        vec!["default".into(), format!("with = \"{}\"", "w".repeat(len))],
                    );
                    field(&name, ty, vec![rename, skip])
                })
                .collect();
            assert_same(&strukt(&format!("S{len}"), fields));
        }
    }

    #[test]
    fn long_derive_lists_and_multibyte_names() {
        let mut item = strukt(
            "Größe",
            vec![field("grüße", "::std::string::String", vec![])],
        );
        item.attrs = vec![
            Attr::word("::serde_with::serde_as"),
            Attr::list(
                "derive",
                [
                    "Debug",
                    "Clone",
                    "PartialEq",
                    "Eq",
                    "Hash",
                    "::schemars::JsonSchema",
                ]
                .map(String::from)
                .to_vec(),
            ),
        ];
        assert_same(&item);
        for len in 1..40 {
            let name = "ü".repeat(len);
            let ty = "::std::option::Option<::std::option::Option<::std::string::String>>";
            assert_same(&strukt("Wide", vec![field(&name, ty, vec![])]));
        }
    }

    #[test]
    fn deep_types_reach_the_minimum_space() {
        // Past an indent of 29 prettyplease keeps 60 columns of space, not 89 - indent.
        let mut ty = "::chrono::DateTime<::chrono::Utc>".to_string();
        for i in 0..14 {
            ty = match i % 3 {
                0 => format!("::std::option::Option<{ty}>"),
                1 => format!("::std::vec::Vec<{ty}>"),
                _ => format!("::std::collections::BTreeMap<::std::string::String, {ty}>"),
            };
            assert_same(&strukt("Deep", vec![field("value", &ty, vec![])]));
        }
    }

    #[test]
    fn raw_identifiers_enums_and_empty_items() {
        assert_same(&strukt(
            "r#Type",
            vec![
                field("r#type", "super::r#mod::r#Enum", vec![]),
                field("r#match", "i32", vec![]),
            ],
        ));
        assert_same(&strukt("Empty", Vec::new()));
        let variant = |name: &str, label: &str| Field {
            docs: vec![" A label.".to_string()],
            attrs: vec![Attr::name_value("serde", "rename", label)],
            name: name.to_string(),
            ty: None,
        };
        let mut e = strukt(
            "Mood",
            vec![variant("Happy", "happy"), variant("r#Self_", "")],
        );
        e.kind = Kind::Enum;
        assert_same(&e);
        e.fields.clear();
        assert_same(&e);
    }

    #[test]
    fn hostile_catalog_text_in_docs_and_literals() {
        let comment = "ends */ a block\r\nand `code` \"quotes\" \\ back\u{2028}slash  \n\
                       ```\n    indented\n</script> <!-- -->\u{202e}\0 trailing   ";
        let labels = [
            "a\"b",
            "back\\slash",
            "line\nbreak",
            "nul\0 7\u{0}7",
            "\u{202e}rtl",
            "'",
        ];
        let fields = labels
            .iter()
            .enumerate()
            .map(|(i, label)| Field {
                docs: rust_doc_lines(comment),
                attrs: vec![Attr::name_value("serde", "rename", label)],
                name: format!("f{i}"),
                ty: Some("bool".to_string()),
            })
            .collect();
        let mut item = strukt("Hostile", fields);
        item.docs = rust_doc_lines(comment);
        assert_same(&item);
    }

    #[test]
    fn paths_identifiers_and_arguments() {
        use super::{is_ident, is_path, is_plain_arg};
        for ok in ["a", "::a::b", "r#type::B1", "_x", "größe::Ü"] {
            assert!(is_path(ok), "{ok}");
        }
        for bad in [
            "", "a:b", "a:::b", "a::", "::", "1a", "a::1", "a b", "a::<b>",
        ] {
            assert!(!is_path(bad), "{bad}");
        }
        assert!(is_ident("r#match") && !is_ident("r#") && !is_ident("9"));
        for ok in [
            "default",
            "with = \"a \\\" b\"",
            "::serde::Serialize",
            "as = \"x = y\"",
        ] {
            assert!(is_plain_arg(ok), "{ok}");
        }
        for bad in [
            "a = b",
            "x(y)",
            "a = \"b",
            "a = \"b\" c",
            "a == \"b\"",
            " = \"b\"",
        ] {
            assert!(!is_plain_arg(bad), "{bad}");
        }
    }

    #[test]
    fn what_it_is_not_sure_of_is_left_to_prettyplease() {
        let unsure = [
            strukt("A", vec![field("a", "[u8; 4]", vec![])]),
            strukt("B", vec![field("b", "&'static str", vec![])]),
            strukt("C", vec![field("c", ":: std :: string :: String", vec![])]),
            strukt(
                "D",
                vec![field(
                    "d",
                    "i32",
                    vec![Attr::list("serde", vec!["x(y)".into()])],
                )],
            ),
            strukt("E", vec![field("e", "::a::B<C>::D", vec![])]),
        ];
        for item in &unsure {
            assert_eq!(print(item), None, "{item:?}");
            pretty(item);
        }
        let mut doc = strukt("F", Vec::new());
        for d in ["/ starts with a slash", "two\nlines", "a\rCR"] {
            doc.docs = vec![d.to_string()];
            assert_eq!(print(&doc), None, "{d:?}");
        }
    }
}
