//! JavaScript literals and property keys as prettier prints them. Every string literal and
//! key made of catalog text goes through these functions.

/// A string literal as prettier prints it: double quotes unless the text holds more
/// double than single quotes.
///
/// Every line terminator is escaped, and so are the `<` of `</script` and `<!--` (as `\x3C`)
/// and the `>` of `-->` (as `\x3E`), so that a module inlined in an HTML `<script>` element
/// cannot end it there.
pub fn string_literal(s: &str) -> String {
    let doubles = s.matches('"').count();
    let singles = s.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for (i, c) in s.char_indices() {
        match c {
            '<' if opens_html(&s[i + 1..]) => out.push_str("\\x3C"),
            '>' if closes_html(&s[..i]) => out.push_str("\\x3E"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Whether `<` followed by `rest` ends a script element (`</script`, any case) or opens an
/// HTML comment (`<!--`).
pub(super) fn opens_html(rest: &str) -> bool {
    rest.get(..7)
        .is_some_and(|r| r.eq_ignore_ascii_case("/script"))
        || rest.starts_with("!--")
}

/// Whether `>` after `before` closes an HTML comment (`-->`).
pub(super) fn closes_html(before: &str) -> bool {
    before.ends_with("--")
}

/// A property key as prettier prints it with `quoteProps: "as-needed"`: bare when it is an
/// identifier name, else a string literal.
pub fn property_key(name: &str) -> String {
    let mut out = String::new();
    push_property_key(&mut out, name);
    out
}

/// Appends [`property_key`] of `name` to `out`.
pub fn push_property_key(out: &mut String, name: &str) {
    if is_identifier_name(name) {
        out.push_str(name);
    } else {
        out.push_str(&string_literal(name));
    }
}

/// Whether `name` is an identifier name (a key prettier leaves bare).
fn is_identifier_name(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c)
            if c == '$'
                || c == '_'
                || c.is_ascii_alphabetic()
                || (!c.is_ascii() && unicode_ident::is_xid_start(c)) =>
        {
            chars.all(|c| {
                c == '$'
                    || c == '_'
                    || c.is_ascii_alphanumeric()
                    || c == '\u{200c}'
                    || c == '\u{200d}'
                    || (!c.is_ascii() && unicode_ident::is_xid_continue(c))
            })
        }
        _ => false,
    }
}

/// A property key in a JavaScript object literal: like [`property_key`], except that
/// `__proto__`, which would set the prototype instead of defining a key, is computed.
pub fn js_property_key(name: &str) -> String {
    let mut out = String::new();
    push_js_property_key(&mut out, name);
    out
}

/// Appends [`js_property_key`] of `name` to `out`.
pub fn push_js_property_key(out: &mut String, name: &str) {
    if name == "__proto__" {
        out.push('[');
        out.push_str(&string_literal(name));
        out.push(']');
    } else {
        push_property_key(out, name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_strings_follow_prettier() {
        assert_eq!(property_key("id"), "id");
        assert_eq!(property_key("first name"), "\"first name\"");
        assert_eq!(property_key("café"), "café");
        assert_eq!(property_key("1st"), "\"1st\"");
        assert_eq!(property_key("$x_1"), "$x_1");
        assert_eq!(string_literal("it's"), "\"it's\"");
        assert_eq!(string_literal("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_literal("a\\b\nc"), "\"a\\\\b\\nc\"");
        assert_eq!(
            string_literal("</Script><!--<a>-->"),
            "\"\\x3C/Script>\\x3C!--<a>--\\x3E\""
        );
    }
}
