//! The description of a generated struct or enum: what both printers read. The direct
//! printer ([`super::layout`]) lays it out as text; the fallback turns it into tokens
//! ([`Item::tokens`]) for prettyplease. Which one prints an item is decided in one place,
//! `print_piece` in the parent module.
//!
//! Every text here is in the form prettyplease prints it on one line: attribute arguments
//! as `name = "literal"` or paths, type text as `::a::B<C, D>` (see [`type_text`]).

use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use super::EmitError;

/// An outer attribute other than a doc comment: `#[path]` or `#[path(arg, arg, ...)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// The attribute's path (`serde`, `::serde_with::serde_as`).
    pub path: String,
    /// The arguments in parentheses, each as printed on one line, if there are parentheses.
    pub args: Option<Vec<String>>,
}

impl Attr {
    /// `#[path(args...)]`.
    pub fn list(path: &str, args: Vec<String>) -> Self {
        Self {
            path: path.to_string(),
            args: Some(args),
        }
    }

    /// `#[path]`.
    pub fn word(path: &str) -> Self {
        Self {
            path: path.to_string(),
            args: None,
        }
    }

    /// `#[path(name = "value")]`, the value escaped as a Rust string literal.
    pub fn name_value(path: &str, name: &str, value: &str) -> Self {
        Self::list(path, vec![format!("{name} = {}", string_literal(value))])
    }

    /// The attribute on one line, `#[...]`.
    pub fn text(&self) -> String {
        match &self.args {
            Some(args) => format!("#[{}({})]", self.path, args.join(", ")),
            None => format!("#[{}]", self.path),
        }
    }
}

/// A Rust string literal holding `value`, escaped as proc-macro2 (and so prettyplease)
/// writes it.
pub fn string_literal(value: &str) -> String {
    proc_macro2::Literal::string(value).to_string()
}

/// A struct field (with a type) or an enum variant (without).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Doc comment lines (`#[doc = ...]` each).
    pub docs: Vec<String>,
    /// Its attributes, in order.
    pub attrs: Vec<Attr>,
    /// The identifier (`r#type` for a raw one).
    pub name: String,
    /// The field's type text (`pub name: ty`); `None` for an enum variant.
    pub ty: Option<String>,
}

/// What an [`Item`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `pub struct Name { pub field: T, ... }`.
    Struct,
    /// `pub enum Name { Variant, ... }`.
    Enum,
}

/// A `pub struct` with named fields or a `pub enum` with unit variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Its attributes after the docs, in order.
    pub attrs: Vec<Attr>,
    /// Struct or enum.
    pub kind: Kind,
    /// The type's identifier.
    pub name: String,
    /// Fields or variants.
    pub fields: Vec<Field>,
}

impl Item {
    /// The item as tokens, for the prettyplease path.
    pub fn tokens(&self) -> Result<TokenStream, EmitError> {
        let mut fields = TokenStream::new();
        for f in &self.fields {
            fields.extend(outer_attrs(&f.docs, &f.attrs)?);
            let name = parse(&f.name)?;
            fields.extend(match &f.ty {
                Some(ty) => {
                    let ty = parse(ty)?;
                    quote!(pub #name: #ty,)
                }
                None => quote!(#name,),
            });
        }
        let attrs = outer_attrs(&self.docs, &self.attrs)?;
        let name = parse(&self.name)?;
        Ok(match self.kind {
            Kind::Struct => quote!(#attrs pub struct #name { #fields }),
            Kind::Enum => quote!(#attrs pub enum #name { #fields }),
        })
    }
}

fn outer_attrs(docs: &[String], attrs: &[Attr]) -> Result<TokenStream, EmitError> {
    let mut out: TokenStream = docs.iter().map(|d| quote!(#[doc = #d])).collect();
    for a in attrs {
        out.extend(parse(&a.text())?);
    }
    Ok(out)
}

/// The tokens of generated text (a type, an attribute).
pub fn parse(text: &str) -> Result<TokenStream, EmitError> {
    TokenStream::from_str(text).map_err(|e| EmitError::Template {
        template: "rust/database.rs".into(),
        message: format!("generated text `{text}` does not lex: {e}"),
    })
}

/// A type's text as prettyplease prints it on one line (`::std::option::Option<T>`), for
/// paths with generic arguments; any other type as its tokens' text, which lexes to the
/// same tokens (the direct printer leaves such an item to prettyplease).
pub fn type_text(ty: &TokenStream) -> String {
    let mut out = String::new();
    if path_text(ty.clone(), &mut out) {
        out
    } else {
        ty.to_string()
    }
}

/// Appends a path type's text; false for anything else.
fn path_text(ty: TokenStream, out: &mut String) -> bool {
    for tt in ty {
        match tt {
            TokenTree::Ident(i) => out.push_str(&i.to_string()),
            TokenTree::Punct(p) => match p.as_char() {
                c @ (':' | '<') => out.push(c),
                '>' => {
                    if out.ends_with(", ") {
                        out.truncate(out.len() - 2);
                    }
                    out.push('>');
                }
                ',' => out.push_str(", "),
                _ => return false,
            },
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
                if !path_text(g.stream(), out) {
                    return false;
                }
            }
            TokenTree::Group(_) | TokenTree::Literal(_) => return false,
        }
    }
    true
}
