//! prettier's layout of TypeScript unions, which depends on the kind of each member.

use super::mapping::{Kind, Ts};
use crate::print::doc::{Doc, align, concat, group, if_break, indent, join, line, softline, text};

/// Whether prettier "hugs" a union: one object or type reference plus only `null`s, printed
/// `A | null` with A breaking instead of the union.
fn hugs(members: &[Ts]) -> bool {
    let Some(first) = members
        .iter()
        .position(|m| matches!(m.kind, Kind::Object | Kind::Reference))
    else {
        return false;
    };
    members
        .iter()
        .enumerate()
        .all(|(i, m)| i == first || matches!(&m.doc, Doc::Text(t) if t == "null" || t == "void"))
}

/// The members joined as prettier's union group: `A | B` flat, or one `| X` per line.
fn union_body(members: &[Ts]) -> Doc {
    let mut parts = Vec::with_capacity(members.len() * 3);
    for (i, m) in members.iter().enumerate() {
        if i == 0 {
            parts.push(if_break(text("| "), text("")));
        } else {
            parts.push(line());
            parts.push(text("| "));
        }
        parts.push(align(2, m.doc.clone()));
    }
    group(concat(parts))
}

/// A union in a position prettier indents (a property's type): flat `A | B`; else moved to
/// the next line, and broken with a leading `| ` per member if it still does not fit. A
/// hugged union (`{ ... } | null`, `Json | null`) stays inline.
pub fn union(members: &[Ts]) -> Doc {
    if hugs(members) {
        return join(text(" | "), members.iter().map(|m| m.doc.clone()).collect());
    }
    group(indent(concat(vec![softline(), union_body(members)])))
}

/// `(A | B)[]`: a union as an array element, in parentheses.
pub fn paren_union_array(members: &[Ts]) -> Doc {
    if hugs(members) {
        return concat(vec![
            text("("),
            join(text(" | "), members.iter().map(|m| m.doc.clone()).collect()),
            text(")[]"),
        ]);
    }
    concat(vec![
        text("("),
        group(concat(vec![
            indent(concat(vec![softline(), union_body(members)])),
            softline(),
        ])),
        text(")[]"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::doc::{member, print};

    fn p(d: &Doc) -> String {
        print(d, 0, 0)
    }

    #[test]
    fn unions_break_with_leading_bars() {
        let short = member("k", false, union(&[Ts::named("string"), Ts::named("null")]));
        assert_eq!(p(&short), "k: string | null");
        let long: Vec<Ts> = (0..12)
            .map(|i| Ts::named(format!("\"value_{i}\"")))
            .collect();
        let d = member("status", true, union(&long));
        let out = print(&d, 4, 4);
        assert!(
            out.starts_with("status?:\n      | \"value_0\"\n      | \"value_1\""),
            "{out}"
        );
    }

    #[test]
    fn object_union_with_null_is_hugged() {
        let obj = Ts::object(vec![member("a", false, text("number"))], true);
        let d = member("r", false, union(&[obj, Ts::named("null")]));
        assert_eq!(p(&d), "r: {\n  a: number\n} | null");
    }
}
