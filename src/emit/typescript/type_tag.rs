//! `@type` tags: a line `@type <TypeScript type>` in a column comment types the column in
//! precise mode. Comments are catalog text, so the tag is pasted only when it parses, in
//! full, as a type expression of the small grammar below (README, "`@type` tags"); anything
//! else is ignored (and [`crate::emit::review`] warns, naming the column). A tag of this
//! grammar is balanced and holds no comment, template literal, statement or line
//! terminator, so it cannot leave the type position it is pasted into.
//!
//! ```text
//! type         = union
//! union        = ["|"] intersection { "|" intersection }
//! intersection = ["&"] postfix { "&" postfix }
//! postfix      = primary { "[" "]" }
//! primary      = string | number | reference | object | tuple | "(" type ")"
//! reference    = ident { "." ident } [ "<" type { "," type } ">" ]
//! object       = "{" [ member { (";" | ",") member } [";" | ","] ] "}"
//! member       = ["readonly"] (ident | string | number) ["?"] ":" type
//! tuple        = "[" [ type { "," type } [","] ] "]"
//! ident        = (letter | "_" | "$") { letter | digit | "_" | "$" }   (ASCII)
//! number       = ["-"] digit { digit } ["." digit { digit }]
//! string       = '"' { char | "\" char } '"' | "'" { char | "\" char } "'"
//! ```
//!
//! Keywords (`string`, `number`, `true`, `null`, ...) are references by this grammar.
//! Blanks are spaces and tabs. Nesting is at most [`MAX_DEPTH`] deep and a tag at most
//! [`MAX_LEN`] bytes long.

/// How deep types may nest in a tag.
pub const MAX_DEPTH: usize = 32;
/// How long a tag may be, in bytes.
pub const MAX_LEN: usize = 4096;

/// The `@type` tag of a column comment, if it has one: `Ok(type)` when it parses, `Err`
/// with the tag's text when it does not.
pub fn type_tag(comment: &str) -> Option<Result<String, String>> {
    let raw = comment.split(['\n', '\r']).find_map(|l| {
        let t = l.trim_matches([' ', '\t']).strip_prefix("@type")?;
        let t = t.trim_matches([' ', '\t']);
        (!t.is_empty()).then_some(t)
    })?;
    Some(if parses(raw) {
        Ok(raw.to_string())
    } else {
        Err(raw.to_string())
    })
}

/// Whether `text` is, in full, one type of the grammar.
pub fn parses(text: &str) -> bool {
    if text.len() > MAX_LEN {
        return false;
    }
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    p.ty(0).is_some() && {
        p.blank();
        p.i == p.s.len()
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn blank(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    /// Skips blanks, then takes `c` if it is next.
    fn eat(&mut self, c: u8) -> bool {
        self.blank();
        let found = self.s.get(self.i) == Some(&c);
        if found {
            self.i += 1;
        }
        found
    }

    fn peek(&mut self) -> Option<u8> {
        self.blank();
        self.s.get(self.i).copied()
    }

    fn ty(&mut self, depth: usize) -> Option<()> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.eat(b'|');
        self.intersection(depth)?;
        while self.eat(b'|') {
            self.intersection(depth)?;
        }
        Some(())
    }

    fn intersection(&mut self, depth: usize) -> Option<()> {
        self.eat(b'&');
        self.postfix(depth)?;
        while self.eat(b'&') {
            self.postfix(depth)?;
        }
        Some(())
    }

    fn postfix(&mut self, depth: usize) -> Option<()> {
        self.primary(depth)?;
        loop {
            let start = self.i;
            if self.eat(b'[') && self.eat(b']') {
                continue;
            }
            self.i = start;
            return Some(());
        }
    }

    fn primary(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'"' | b'\'' => self.string(),
            b'-' | b'0'..=b'9' => self.number(),
            b'{' => self.object(depth + 1),
            b'[' => self.tuple(depth + 1),
            b'(' => {
                self.i += 1;
                self.ty(depth + 1)?;
                self.eat(b')').then_some(())
            }
            _ => self.reference(depth + 1),
        }
    }

    fn ident(&mut self) -> Option<()> {
        self.blank();
        let start = self.i;
        while let Some(&c) = self.s.get(self.i) {
            let ok = c.is_ascii_alphabetic()
                || c == b'_'
                || c == b'$'
                || (self.i > start && c.is_ascii_digit());
            if !ok {
                break;
            }
            self.i += 1;
        }
        (self.i > start).then_some(())
    }

    fn reference(&mut self, depth: usize) -> Option<()> {
        self.ident()?;
        while self.eat(b'.') {
            self.ident()?;
        }
        if self.eat(b'<') {
            self.ty(depth)?;
            while self.eat(b',') {
                self.ty(depth)?;
            }
            return self.eat(b'>').then_some(());
        }
        Some(())
    }

    fn string(&mut self) -> Option<()> {
        let quote = self.s[self.i];
        self.i += 1;
        loop {
            match *self.s.get(self.i)? {
                c if c == quote => {
                    self.i += 1;
                    return Some(());
                }
                b'\\' => self.i += 2,
                _ => self.i += 1,
            }
        }
    }

    fn digits(&mut self) -> Option<()> {
        let start = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        (self.i > start).then_some(())
    }

    fn number(&mut self) -> Option<()> {
        if self.s[self.i] == b'-' {
            self.i += 1;
        }
        self.digits()?;
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            self.digits()?;
        }
        Some(())
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        self.i += 1;
        loop {
            if self.eat(b'}') {
                return Some(());
            }
            self.member(depth)?;
            if !(self.eat(b';') || self.eat(b',')) {
                return self.eat(b'}').then_some(());
            }
        }
    }

    fn member(&mut self, depth: usize) -> Option<()> {
        let start = self.i;
        // `readonly` is a modifier when a key follows it, else the key itself.
        if self.ident().is_some() && &self.s[start..self.i].trim_ascii_start() == b"readonly" {
            let after = self.i;
            if self.key().is_none() {
                self.i = after;
            }
        } else {
            self.i = start;
            self.key()?;
        }
        self.eat(b'?');
        if !self.eat(b':') {
            return None;
        }
        self.ty(depth)
    }

    fn key(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' | b'\'' => self.string(),
            b'0'..=b'9' => self.number(),
            _ => self.ident(),
        }
    }

    fn tuple(&mut self, depth: usize) -> Option<()> {
        self.i += 1;
        loop {
            if self.eat(b']') {
                return Some(());
            }
            self.ty(depth)?;
            if !self.eat(b',') {
                return self.eat(b']').then_some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_of_the_grammar_are_accepted() {
        for t in [
            "string",
            "{ theme: string }",
            "{ a?: number; readonly b: 'x' | \"y\"; 'c-d': boolean, 1: null }",
            "Array<Record<string, number>>",
            "import_.Foo.Bar<string>[][]",
            "[string, number?][]".replace('?', "").as_str(),
            "| 'a' | 'b'",
            "(string | number)[] & { tag: -1.5 }",
            "{ readonly: string }",
            "{}",
            "[]",
            "'it\\'s'",
        ] {
            assert!(parses(t), "{t}");
        }
    }

    #[test]
    fn break_outs_and_other_text_are_refused() {
        for t in [
            "string } } } } }; (globalThis as any).pwnedTag = 1; void 0 as unknown as { a: { b: { c: { d: { e: string",
            "string /* */ | `${(globalThis as any).pwnedTag3 = 1}`",
            "string; alert(1)",
            "string // x",
            "{ a: string",
            "'unterminated",
            "string\u{2028}x",
            "typeof x",
            "",
            "a |",
            "Foo<",
            "(string",
        ] {
            assert!(!parses(t), "{t:?}");
        }
        let deep = format!("{}string{}", "(".repeat(100), ")".repeat(100));
        assert!(!parses(&deep));
        let long = "string | ".repeat(1000) + "string";
        assert!(!parses(&long));
    }

    #[test]
    fn tags_are_found_on_any_line() {
        assert_eq!(
            type_tag("Settings.\n@type { theme: string }"),
            Some(Ok("{ theme: string }".into()))
        );
        assert_eq!(
            type_tag("@type { a: string }\r\n(globalThis as any).x = 1"),
            Some(Ok("{ a: string }".into()))
        );
        assert_eq!(type_tag("@type x; y"), Some(Err("x; y".into())));
        assert_eq!(type_tag("no tag"), None);
    }
}
