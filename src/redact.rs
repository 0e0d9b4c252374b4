//! Text that reaches a terminal or a build log: every message gen-types prints goes through
//! [`printable`], which hides secrets and neutralizes control characters.
//!
//! - The password of URL-like text (`scheme://user:password@host`, whatever the scheme, so a
//!   typo such as `postgress://` is covered too) becomes `***`. The user info ends at the
//!   last `@` of the word, so a password holding an unencoded `@` is hidden whole.
//! - The value of a `password=` setting (key=value connection strings) becomes `***`.
//! - Control characters (C0, DEL, C1), line and paragraph separators and the bidirectional
//!   overrides, which a server or a catalog may put into its messages, are written as
//!   `\u{..}` escapes, so that a message cannot move the cursor, recolor the terminal, hide
//!   text or break into a second line.

/// What a hidden secret is replaced with.
pub const MASK: &str = "***";

/// `text` with its secrets redacted and its control characters escaped.
pub fn printable(text: &str) -> String {
    escape_controls(&redact_secrets(text))
}

/// `text` with the passwords of URL-like words and of `password=` settings replaced by
/// [`MASK`].
pub fn redact_secrets(text: &str) -> String {
    redact_password_settings(&redact_url_passwords(text))
}

/// True for the characters that end a word holding a URL.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '`' | '<' | '>')
}

/// Replaces the password of every `scheme://user:password@` with [`MASK`].
fn redact_url_passwords(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let word_end = after.find(ends_word).unwrap_or(after.len());
        let word = &after[..word_end];
        match word.rfind('@') {
            Some(last_at) => {
                let userinfo = &word[..last_at];
                match userinfo.split_once(':') {
                    Some((user, _)) => {
                        out.push_str(user);
                        out.push(':');
                        out.push_str(MASK);
                    }
                    None => out.push_str(userinfo),
                }
                out.push_str(&word[last_at..]);
            }
            None => out.push_str(word),
        }
        rest = &after[word_end..];
    }
    out.push_str(rest);
    out
}

/// Replaces the value of every `password=` setting (any case; quoted or bare) with [`MASK`].
fn redact_password_settings(text: &str) -> String {
    const KEY: &str = "password";
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = lower[search..].find(KEY) {
        let key_end = search + found + KEY.len();
        search = key_end;
        let after_key = &text[key_end..];
        let spaces = after_key.len() - after_key.trim_start().len();
        let Some(value) = after_key.trim_start().strip_prefix('=') else {
            continue;
        };
        let value_start = key_end + spaces + 1 + (value.len() - value.trim_start().len());
        let value_end = value_start + setting_value_len(&text[value_start..]);
        out.push_str(&text[copied..value_start]);
        out.push_str(MASK);
        copied = value_end;
        search = value_end.max(search);
    }
    out.push_str(&text[copied..]);
    out
}

/// The length of a key=value setting's value at the start of `s`: a single-quoted string
/// with `\` escapes (to its closing quote, or the end), else up to the next whitespace.
fn setting_value_len(s: &str) -> usize {
    let Some(quoted) = s.strip_prefix('\'') else {
        return s.find(char::is_whitespace).unwrap_or(s.len());
    };
    let mut chars = quoted.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '\'' => return 1 + i + 1,
            _ => {}
        }
    }
    s.len()
}

/// True for the characters [`escape_controls`] escapes.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `text` with control characters, line separators and bidirectional controls written as
/// `\u{..}` escapes.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_passwords_are_masked_whatever_the_scheme() {
        assert_eq!(
            redact_secrets("invalid connection string `postgress://alice:pw@db:5432/app`"),
            "invalid connection string `postgress://alice:***@db:5432/app`"
        );
        assert_eq!(
            redact_secrets("x postgres://alice:p@ss/w@rd@db/app?sslmode=require y"),
            "x postgres://alice:***@db/app?sslmode=require y"
        );
        assert_eq!(
            redact_secrets("see https://example.com/a@b and postgres://bob@h/d"),
            "see https://example.com/a@b and postgres://bob@h/d"
        );
        assert_eq!(redact_secrets("a://:s3cret@h"), "a://:***@h");
    }

    #[test]
    fn password_settings_are_masked() {
        assert_eq!(
            redact_secrets("host=h password=hunter2 user=u"),
            "host=h password=*** user=u"
        );
        assert_eq!(
            redact_secrets("host=h PASSWORD = 'a b\\' c' user=u"),
            "host=h PASSWORD = *** user=u"
        );
        assert_eq!(redact_secrets("password='unterminated"), "password=***");
        assert_eq!(
            redact_secrets("password authentication failed for user \"u\""),
            "password authentication failed for user \"u\""
        );
    }

    #[test]
    fn redaction_is_idempotent() {
        let once = redact_secrets("postgres://a:b@c password=d");
        assert_eq!(redact_secrets(&once), once);
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            escape_controls("a\u{1b}[31mred\r\n\u{7f}\u{9b}\u{202e}b\u{2028}"),
            "a\\u{1b}[31mred\\u{d}\\u{a}\\u{7f}\\u{9b}\\u{202e}b\\u{2028}"
        );
        assert_eq!(escape_controls("plain é ✓"), "plain é ✓");
        assert_eq!(
            printable("e\u{7}: postgres://u:p@h"),
            "e\\u{7}: postgres://u:***@h"
        );
    }
}
