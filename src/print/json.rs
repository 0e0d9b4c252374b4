//! Pretty JSON written piece by piece, byte for byte what `serde_json::to_string_pretty`
//! prints for the whole value. Big documents (`database.schema.json`, `openapi.json`) are
//! written straight into their text, one object, array or value at a time, instead of being
//! built as `serde_json::Value`s first: a `Value` object costs several hundred bytes and
//! printing it costs more than building it. Callers give an object's keys in sorted order,
//! the order serde_json's own map keeps (checked in debug builds). The text goes to a
//! [`Sink`]: a `String`, or [`Pieces`] that hand it on as it grows (after each entry or item,
//! a piece may end).

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::pieces::Pieces;

/// Where JSON text is written.
pub trait Sink {
    /// The text written so far (and not yet handed on).
    fn text(&mut self) -> &mut String;
    /// A point where the text so far may be handed on.
    fn piece_done(&mut self) {}
}

impl Sink for String {
    fn text(&mut self) -> &mut String {
        self
    }
}

impl Sink for Pieces<'_> {
    fn text(&mut self) -> &mut String {
        self
    }
    fn piece_done(&mut self) {
        Pieces::piece_done(self);
    }
}

/// A JSON object being written at nesting `depth`.
pub struct Object<'o> {
    out: &'o mut (dyn Sink + 'o),
    depth: usize,
    empty: bool,
    /// The last key written, to check the order.
    #[cfg(debug_assertions)]
    last: Option<String>,
}

impl<'o> Object<'o> {
    /// Opens an object at nesting `depth` (0 for the document itself).
    pub fn new(out: &'o mut (dyn Sink + 'o), depth: usize) -> Self {
        out.text().push('{');
        Self {
            out,
            depth,
            empty: true,
            #[cfg(debug_assertions)]
            last: None,
        }
    }

    /// Writes an entry's key; the value goes into the returned output, at [`Object::inner`]
    /// depth (with [`value_at`] or a nested [`Object`]).
    pub fn key(&mut self, key: &str) -> &mut String {
        self.key_only(key);
        self.out.text()
    }

    /// Writes an entry's key (the value follows in the same sink).
    fn key_only(&mut self, key: &str) {
        #[cfg(debug_assertions)]
        {
            debug_assert!(
                self.last.as_deref().is_none_or(|last| last < key),
                "JSON keys out of order: {:?} after {:?}",
                key,
                self.last
            );
            self.last = Some(key.to_string());
        }
        let out = self.out.text();
        out.reserve(key.len() + 2 * self.depth + 8);
        if !self.empty {
            out.push(',');
        }
        self.empty = false;
        newline(out, self.depth + 1);
        string(out, key);
        out.push_str(": ");
    }

    /// The nesting depth of this object's values.
    pub fn inner(&self) -> usize {
        self.depth + 1
    }

    /// Writes an entry whose value is at hand.
    pub fn entry(&mut self, key: &str, value: &Value) {
        let depth = self.inner();
        value_at(self.key(key), value, depth);
        self.out.piece_done();
    }

    /// Writes an entry whose value is JSON text already written as it is printed at
    /// [`Object::inner`] depth (with the writers here, into a `String`): text worked out
    /// once and written many times.
    pub fn raw(&mut self, key: &str, json: &str) {
        self.key(key).push_str(json);
    }

    /// Writes an entry whose value is a string.
    pub fn string(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    /// Writes an entry whose value is a boolean.
    pub fn bool(&mut self, key: &str, value: bool) {
        self.key(key).push_str(if value { "true" } else { "false" });
    }

    /// Opens an entry whose value is an object.
    pub fn object(&mut self, key: &str) -> Object<'_> {
        let depth = self.inner();
        self.key_only(key);
        Object::new(&mut *self.out, depth)
    }

    /// Opens an entry whose value is an array.
    pub fn array(&mut self, key: &str) -> Array<'_> {
        let depth = self.inner();
        self.key_only(key);
        Array::new(&mut *self.out, depth)
    }

    /// Closes the object.
    pub fn end(self) {
        close(self.out.text(), self.depth, self.empty, '}');
        self.out.piece_done();
    }
}

/// A JSON array being written at nesting `depth`.
pub struct Array<'o> {
    out: &'o mut (dyn Sink + 'o),
    depth: usize,
    empty: bool,
}

impl<'o> Array<'o> {
    /// Opens an array at nesting `depth`.
    pub fn new(out: &'o mut (dyn Sink + 'o), depth: usize) -> Self {
        out.text().push('[');
        Self {
            out,
            depth,
            empty: true,
        }
    }

    /// Starts an item; it goes into the returned output, at [`Array::inner`] depth.
    pub fn item(&mut self) -> &mut String {
        let out = self.out.text();
        if !self.empty {
            out.push(',');
        }
        self.empty = false;
        newline(out, self.depth + 1);
        out
    }

    /// The nesting depth of this array's items.
    pub fn inner(&self) -> usize {
        self.depth + 1
    }

    /// Writes an item that is at hand.
    pub fn value(&mut self, value: &Value) {
        let depth = self.inner();
        value_at(self.item(), value, depth);
        self.out.piece_done();
    }

    /// Writes an item that is JSON text already written as it is printed at
    /// [`Array::inner`] depth (see [`Object::raw`]).
    pub fn raw(&mut self, json: &str) {
        self.item().push_str(json);
    }

    /// Writes a string item.
    pub fn string(&mut self, value: &str) {
        string(self.item(), value);
    }

    /// Opens an item that is an object.
    pub fn object(&mut self) -> Object<'_> {
        let depth = self.inner();
        self.item();
        Object::new(&mut *self.out, depth)
    }

    /// Closes the array.
    pub fn end(self) {
        close(self.out.text(), self.depth, self.empty, ']');
        self.out.piece_done();
    }
}

fn close(out: &mut String, depth: usize, empty: bool, bracket: char) {
    if !empty {
        newline(out, depth);
    }
    out.push(bracket);
}

/// Writes `value` as it is printed at nesting `depth` (its first line is not indented: it
/// follows a key or the start of the document).
pub fn value_at(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            // Writing into a String cannot fail.
            let _ = write!(out, "{n}");
        }
        Value::String(s) => string(out, s),
        Value::Array(items) => {
            let mut array = Array::new(out, depth);
            for item in items {
                array.value(item);
            }
            array.end();
        }
        Value::Object(map) => object_at(out, map, depth),
    }
}

/// An object's entries in key order (serde_json's default map keeps them so already).
fn object_at(out: &mut String, map: &Map<String, Value>, depth: usize) {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    if !entries.is_sorted_by(|a, b| a.0 < b.0) {
        entries.sort_by(|a, b| a.0.cmp(b.0));
    }
    let mut object = Object::new(out, depth);
    for (k, v) in entries {
        object.entry(k, v);
    }
    object.end();
}

/// Writes `text` as a JSON string, escaped as serde_json escapes it: `"` and `\`, the
/// short escapes `\b \t \n \f \r`, other control characters as `\u00xx`. Text that
/// needs no escape (most of it) is checked once and copied whole.
pub fn string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    match first_escape(text.as_bytes()) {
        None => out.push_str(text),
        Some(at) => escaped(out, text, at),
    }
    out.push('"');
}

/// The index of the first byte of `bytes` that needs an escape.
fn first_escape(bytes: &[u8]) -> Option<usize> {
    let mut clean = 0;
    // Eight bytes at a time while none needs escaping, then byte by byte.
    for chunk in bytes.chunks_exact(8) {
        // (A chunk is eight bytes; were it not, 0 sends it to the byte by byte check.)
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        if needs_escape(word) {
            break;
        }
        clean += 8;
    }
    let rest = bytes.get(clean..).unwrap_or_default();
    let at = rest.iter().position(|b| ESCAPE[usize::from(*b)] != 0)?;
    Some(clean + at)
}

/// Writes `text` escaped (without its quotes); `text[..start]` needs no escape.
fn escaped(out: &mut String, text: &str, mut start: usize) {
    out.push_str(&text[..start]);
    for (i, b) in text.bytes().enumerate().skip(start) {
        let escape = ESCAPE[usize::from(b)];
        if escape == 0 {
            continue;
        }
        // Escaped bytes are ASCII: `start` and `i` fall between characters.
        out.push_str(&text[start..i]);
        out.push('\\');
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push(char::from(escape));
        }
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

/// Whether one of the eight bytes of `word` is a control character, `"` or `\` (the
/// "has less than" and "has zero byte" bit tricks: exact about whether any byte matches).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let quote = has_zero(word ^ (ONES * u64::from(b'"')));
    let backslash = has_zero(word ^ (ONES * u64::from(b'\\')));
    control | quote | backslash != 0
}

/// For each byte, the character after the backslash that escapes it (`u`: `\u00xx`), or 0.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// A newline and the indentation of nesting `depth`, in one copy up to depth 32.
fn newline(out: &mut String, depth: usize) {
    const LINE: &str = "\n                                                                ";
    match LINE.get(..1 + 2 * depth) {
        Some(line) => out.push_str(line),
        None => {
            out.push('\n');
            indent(out, depth);
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = 2 * depth;
    while n > 0 {
        let take = n.min(SPACES.len());
        out.push_str(&SPACES[..take]);
        n -= take;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Value, json};

    #[test]
    fn prints_as_serde_json_does() {
        let inner = json!({"a": [1, {"b": "x\ny"}, [], -2.5e-7, null, true], "c": {}, "d": []});
        let whole = json!({"empty": {}, "k\"ey": inner, "list": [{"x": 1}, "s"], "z": 1});
        let mut out = String::new();
        let mut top = super::Object::new(&mut out, 0);
        top.object("empty").end();
        let mut nested = top.object("k\"ey");
        for (k, v) in inner.as_object().unwrap() {
            nested.entry(k, v);
        }
        nested.end();
        let mut list = top.array("list");
        let mut item = list.object();
        item.entry("x", &json!(1));
        item.end();
        list.string("s");
        list.end();
        top.entry("z", &json!(1));
        top.end();
        assert_eq!(out, serde_json::to_string_pretty(&whole).unwrap());
    }

    #[test]
    fn deep_values_are_indented_past_the_one_copy_indentation() {
        let mut value = json!({"a": [1, "b"], "c": {}});
        for _ in 0..40 {
            value = json!({ "k": [value] });
        }
        for depth in [0, 30, 33, 40] {
            let mut out = String::new();
            super::value_at(&mut out, &value, depth);
            let text = serde_json::to_string_pretty(&value).unwrap();
            let expected = text.replace('\n', &format!("\n{}", "  ".repeat(depth)));
            assert_eq!(out, expected);
        }
    }

    #[test]
    fn raw_text_written_at_the_inner_depth_prints_as_the_value() {
        let value = json!({"a": [1, {"b": "c"}], "d": {}});
        let whole = json!({"k": value, "list": [value, "s"]});
        let mut out = String::new();
        let mut top = super::Object::new(&mut out, 0);
        let mut text = String::new();
        super::value_at(&mut text, &value, top.inner());
        top.raw("k", &text);
        let mut list = top.array("list");
        let mut text = String::new();
        super::value_at(&mut text, &value, list.inner());
        list.raw(&text);
        list.string("s");
        list.end();
        top.end();
        assert_eq!(out, serde_json::to_string_pretty(&whole).unwrap());
    }

    #[test]
    fn every_byte_that_needs_an_escape_is_found_wherever_it_is() {
        // Each escaped character at each place around the eight-byte steps, after ASCII and
        // after multi-byte characters; U+2028 and U+2029 stay as they are, as in serde_json.
        let special = [
            '"', '\\', '\n', '\u{0}', '\u{1f}', '\u{7f}', '\u{2028}', '\u{2029}',
        ];
        for prefix in ["", "é", "€𝄞"] {
            for at in 0..20 {
                for c in special {
                    let mut text: String = prefix.to_string() + &"a".repeat(at);
                    text.push(c);
                    text.push_str("bcdefghijk\t");
                    let mut out = String::from("x");
                    super::string(&mut out, &text);
                    let expected = format!("x{}", serde_json::to_string(&text).unwrap());
                    assert_eq!(out, expected, "{text:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(s in "\\PC*|[\\x00-\\x7f]*") {
            let mut out = String::new();
            super::string(&mut out, &s);
            prop_assert_eq!(out, serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn values_print_as_serde_json_prints_them(v in any_value(), depth in 0usize..4) {
            let mut out = String::new();
            super::value_at(&mut out, &v, depth);
            let text = serde_json::to_string_pretty(&v).unwrap();
            let expected = text.replace('\n', &format!("\n{}", "  ".repeat(depth)));
            prop_assert_eq!(out, expected);
        }
    }

    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<f64>().prop_map(|f| json!(f)),
            "[a-z\"\\\\\\x00-\\x1f]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z$]{0,3}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
