//! The order in which outputs list names: the reference generator's collation, shared by
//! every target and by the name plan (whose numbering follows the order of the output).

use std::cmp::Ordering;

/// Orders names as the reference does (case-insensitive, punctuation first), with a
/// byte-order tie-break so the order is total and the same on every machine.
pub fn collate(a: &str, b: &str) -> Ordering {
    // The keys compared element by element as they are made (no allocation: this runs in
    // every sort of every target).
    primary(a)
        .cmp(primary(b))
        .then_with(|| tie_break(a).cmp(tie_break(b)))
}

/// What [`collate`] compares: per character its class (punctuation, digit, letter) and lower
/// case, then per character whether it is upper case.
pub type CollationKey = (Vec<(u8, char)>, Vec<(bool, char)>);

/// The key [`collate`] compares, for sorting with `sort_by_cached_key`.
pub fn collation_key(s: &str) -> CollationKey {
    (primary(s).collect(), tie_break(s).collect())
}

/// Per character its class (punctuation, digit, letter) and lower case.
fn primary(s: &str) -> impl Iterator<Item = (u8, char)> + '_ {
    s.chars().map(|c| {
        let class = if c.is_alphabetic() {
            2
        } else if c.is_numeric() {
            1
        } else {
            0
        };
        (class, c.to_lowercase().next().unwrap_or(c))
    })
}

/// Per character whether it is upper case: lower case comes before upper case at equal
/// letters, as ICU does.
fn tie_break(s: &str) -> impl Iterator<Item = (bool, char)> + '_ {
    s.chars().map(|c| (c.is_uppercase(), c))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The key as it was first written: collected per character, compared whole.
    fn reference_key(s: &str) -> super::CollationKey {
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
        let tie_break = s.chars().map(|c| (c.is_uppercase(), c)).collect();
        (primary, tie_break)
    }

    #[test]
    fn names_sort_case_insensitively_punctuation_first() {
        let mut names = vec!["b", "A", "a", "_z", "a1", "B", "10"];
        names.sort_by(|a, b| super::collate(a, b));
        assert_eq!(names, ["_z", "10", "a", "A", "a1", "b", "B"]);
    }

    proptest! {
        #[test]
        fn collate_orders_as_the_collected_keys(
            a in "\\PC{0,8}|[a-zA-Z0-9_ .-]{0,8}",
            b in "\\PC{0,8}|[a-zA-Z0-9_ .-]{0,8}",
        ) {
            let expected = reference_key(&a).cmp(&reference_key(&b));
            prop_assert_eq!(super::collate(&a, &b), expected);
            prop_assert_eq!(super::collation_key(&a), reference_key(&a));
        }
    }
}
