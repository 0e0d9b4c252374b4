//! The body of `database.rs` (its schema modules) as it is written, handed on in pieces
//! ([`Pieces`]) rather than held whole.
//!
//! A module's head (`pub mod x {` and its `use super::pg;`) depends on whether the file has a
//! support module, which depends on what the items use. Whether it has one is only ever
//! decided towards yes (a need, once noted, stays), so text is held back only until the
//! first need is noted (with the first struct, which needs `pg::Fields`) or, when none ever is,
//! until the end: then the held text is small (no structs).

use super::{EmitError, module_text};
use crate::print::pieces::Pieces;

/// A schema module: what its head and tail are printed from.
#[derive(Clone, Copy)]
pub struct Module<'a> {
    /// The schema.
    pub schema: &'a str,
    /// The module's name.
    pub module: &'a str,
    /// The schema's comment.
    pub comment: Option<&'a str>,
}

/// Text held back while it is not known whether the file has a support module.
enum Held<'a> {
    Text(String),
    Head(Module<'a>),
    Tail(Module<'a>),
}

/// The modules' text on its way out.
pub struct Body<'a, 'r> {
    out: Pieces<'r>,
    /// `None` once the file is known to have a support module.
    held: Option<Vec<Held<'a>>>,
}

impl<'a, 'r> Body<'a, 'r> {
    /// Nothing written yet; pieces go to `receiver`.
    pub fn new(receiver: &'r mut dyn FnMut(String)) -> Self {
        Self {
            out: Pieces::new(receiver),
            held: Some(Vec::new()),
        }
    }

    /// Opens `module`.
    pub fn head(&mut self, module: Module<'a>) -> Result<(), EmitError> {
        self.put(Held::Head(module))
    }

    /// Closes `module`.
    pub fn tail(&mut self, module: Module<'a>) -> Result<(), EmitError> {
        self.put(Held::Tail(module))
    }

    /// Writes an item's text.
    pub fn text(&mut self, text: String) -> Result<(), EmitError> {
        self.put(Held::Text(text))
    }

    /// Notes what is now known: when `has_support`, the held text is written.
    pub fn known(&mut self, has_support: bool) -> Result<(), EmitError> {
        if has_support && let Some(held) = self.held.take() {
            for h in held {
                self.write(h, true)?;
            }
        }
        Ok(())
    }

    /// Writes what is left; `has_support` says at last whether the file has a support module.
    pub fn finish(mut self, has_support: bool) -> Result<(), EmitError> {
        for h in self.held.take().unwrap_or_default() {
            self.write(h, has_support)?;
        }
        self.out.finish();
        Ok(())
    }

    fn put(&mut self, h: Held<'a>) -> Result<(), EmitError> {
        match &mut self.held {
            Some(held) => {
                held.push(h);
                Ok(())
            }
            None => self.write(h, true),
        }
    }

    fn write(&mut self, h: Held<'a>, has_support: bool) -> Result<(), EmitError> {
        let module_text = |m: Module<'_>| module_text(m.schema, m.module, m.comment, has_support);
        match h {
            Held::Text(text) => self.out.push_str(&text),
            Held::Head(m) => self.out.push_str(&module_text(m)?.0),
            Held::Tail(m) => self.out.push_str(&module_text(m)?.1),
        }
        self.out.piece_done();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The body written with `known` called after the first item with `support`.
    fn body(support: Option<bool>) -> String {
        let mut got = Vec::new();
        let mut receive = |s: String| got.push(s);
        let mut body = Body::new(&mut receive);
        let m = Module {
            schema: "public",
            module: "public",
            comment: None,
        };
        body.head(m).unwrap();
        body.text("    pub struct A;\n".into()).unwrap();
        if let Some(support) = support {
            body.known(support).unwrap();
        }
        body.text("    pub struct B;\n".into()).unwrap();
        body.tail(m).unwrap();
        body.finish(support.unwrap_or(false)).unwrap();
        got.concat()
    }

    #[test]
    fn module_heads_import_the_support_module_once_it_is_known_to_exist() {
        let with = body(Some(true));
        assert!(with.contains("use super::pg;"), "{with}");
        assert!(with.contains("pub mod public {"), "{with}");
        let without = body(Some(false));
        assert!(!without.contains("use super::pg;"), "{without}");
        assert_eq!(without, body(None));
        for text in [&with, &without] {
            let items = "    pub struct A;\n    pub struct B;\n}\n";
            assert!(text.ends_with(items), "{text}");
        }
    }
}
