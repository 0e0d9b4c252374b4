//! The order in which outputs list names: the reference generator's collation, shared by
//! every target and by the name plan (whose numbering follows the order of the output).

use std::cmp::Ordering;

/// Orders names as the reference does (case-insensitive, punctuation first), with a
/// byte-order tie-break so the order is total and the same on every machine.
pub fn collate(a: &str, b: &str) -> Ordering {
    collation_key(a).cmp(&collation_key(b))
}

/// What [`collate`] compares: per character its class (punctuation, digit, letter) and lower
/// case, then per character whether it is upper case.
pub type CollationKey = (Vec<(u8, char)>, Vec<(bool, char)>);

/// The key [`collate`] compares, for sorting with `sort_by_cached_key`.
pub fn collation_key(s: &str) -> CollationKey {
    let primary = s
        .chars()
        .map(|c| {
            let class = if c.is_alphabetic() {
                2
            } else if c.is_numeric() {
                1
            } else {
                0
            };
            (class, c.to_lowercase().next().unwrap_or(c))
        })
        .collect();
    // Lower case before upper case at equal letters, as ICU does.
    let tie_break = s.chars().map(|c| (c.is_uppercase(), c)).collect();
    (primary, tie_break)
}
