//! Pretty JSON written piece by piece, byte for byte what `serde_json::to_string_pretty`
//! prints for the whole value. Big documents (`database.schema.json`, `openapi.json`) are
//! printed one entry at a time instead of being built whole as `serde_json::Value`s, where
//! even a small object costs several hundred bytes: at 5,000 tables that was over a GB. The
//! text itself is handed on as it grows ([`Pieces`]): after each entry, a piece may end.

use super::pieces::Pieces;
use serde_json::Value;

/// A JSON object being written at nesting `depth`. Entries are written in the order they
/// are given: callers give them sorted by key, as serde_json's own map keeps them.
pub struct Object<'o, 'r> {
    out: &'o mut Pieces<'r>,
    depth: usize,
    empty: bool,
}

impl<'o, 'r> Object<'o, 'r> {
    /// Opens an object at nesting `depth` (0 for the document itself).
    pub fn new(out: &'o mut Pieces<'r>, depth: usize) -> Self {
        out.push('{');
        Self {
            out,
            depth,
            empty: true,
        }
    }

    /// Writes an entry's key; the value goes into the returned output, at [`Object::inner`]
    /// depth (with [`value_at`] or a nested [`Object`]).
    pub fn key(&mut self, key: &str) -> &mut Pieces<'r> {
        self.out.push_str(if self.empty { "\n" } else { ",\n" });
        self.empty = false;
        indent(self.out, self.depth + 1);
        self.out
            .push_str(&serde_json::to_string(key).unwrap_or_default());
        self.out.push_str(": ");
        self.out
    }

    /// The nesting depth of this object's values.
    pub fn inner(&self) -> usize {
        self.depth + 1
    }

    /// Writes an entry whose value is at hand; the text so far may then be handed on.
    pub fn entry(&mut self, key: &str, value: &Value) {
        let depth = self.inner();
        value_at(self.key(key), value, depth);
        self.out.piece_done();
    }

    /// Closes the object.
    pub fn end(self) {
        if !self.empty {
            self.out.push('\n');
            indent(self.out, self.depth);
        }
        self.out.push('}');
    }
}

/// Writes `value` as it is printed at nesting `depth` (its first line is not indented: it
/// follows a key or the start of the document).
pub fn value_at(out: &mut String, value: &Value, depth: usize) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    // JSON strings cannot hold a raw line break, so every line break is the printer's.
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            indent(out, depth);
        }
        out.push_str(line);
    }
}

fn indent(out: &mut String, depth: usize) {
    out.extend(std::iter::repeat_n(' ', 2 * depth));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn prints_as_serde_json_does() {
        let inner = json!({"a": [1, {"b": "x\ny"}], "c": {}, "d": []});
        let whole = json!({"empty": {}, "k\"ey": inner, "z": 1});
        let mut pieces = Vec::new();
        let mut receive = |s: String| pieces.push(s);
        let mut out = super::Pieces::new(&mut receive);
        let mut top = super::Object::new(&mut out, 0);
        let depth = top.inner();
        super::Object::new(top.key("empty"), depth).end();
        let mut nested = super::Object::new(top.key("k\"ey"), depth);
        for (k, v) in inner.as_object().unwrap() {
            nested.entry(k, v);
        }
        nested.end();
        top.entry("z", &json!(1));
        top.end();
        out.finish();
        assert_eq!(
            pieces.concat(),
            serde_json::to_string_pretty(&whole).unwrap()
        );
    }
}
