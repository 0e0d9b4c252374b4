//! Where a view's columns come from, read from its stored query tree.
//!
//! `pg_rewrite.ev_action` holds the view's query as a node tree in Postgres's text format:
//! `({QUERY ... :targetList ({TARGETENTRY :expr {...} :resno 1 :resname id ...
//! :resorigtbl 16390 :resorigcol 1 :resjunk false} ...) ...})`. The parser records, for each
//! top-level output column that is a plain column reference, the table and column it comes
//! from (`resorigtbl`/`resorigcol`). Only the top level is read: nested queries (subqueries,
//! aggregate arguments) have target entries of their own.

/// The source of one view column: (attribute number in the view, source relation oid,
/// source attribute number).
pub type Origin = (i32, u32, i32);

/// What the query tree tells about a view.
#[derive(Debug, Default, PartialEq)]
pub struct Lineage {
    /// Output columns that are plain references to another relation's column.
    pub origins: Vec<Origin>,
    /// False when the query could add NULLs that its sources do not have (outer joins,
    /// grouping sets) or mixes several sources per column (set operations).
    pub exact: bool,
}

/// Reads the lineage of a view from `ev_action` text. Unreadable input gives no origins.
pub fn read(action: &str) -> Lineage {
    let exact = !action.contains(":jointype 1 ")
        && !action.contains(":jointype 2 ")
        && !action.contains(":jointype 3 ")
        && action.contains(":groupingSets <>")
        && action.contains(":setOperations <>");
    if !action.contains(":setOperations <>") {
        return Lineage {
            origins: Vec::new(),
            exact: false,
        };
    }
    Lineage {
        origins: top_level_origins(action).unwrap_or_default(),
        exact,
    }
}

/// Scans the tree, tracking `{}`/`()` depth (backslash escapes skipped), and reads the
/// fields of the TARGETENTRY nodes directly inside the first QUERY's `:targetList`.
fn top_level_origins(s: &str) -> Option<Vec<Origin>> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut depth = 0i32; // nesting of { and (
    let mut query_depth: Option<i32> = None; // depth inside the top QUERY node
    let mut in_target_list: Option<i32> = None; // depth inside its :targetList (
    let mut entry_depth: Option<i32> = None; // depth inside a top-level TARGETENTRY
    let mut current: [Option<i64>; 3] = [None; 3];
    let mut out = Vec::new();
    while i < b.len() {
        match b[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            b'{' | b'(' => {
                depth += 1;
                if query_depth.is_none() && s[i..].starts_with("{QUERY") {
                    query_depth = Some(depth);
                }
                if let (Some(tl), None) = (in_target_list, entry_depth)
                    && depth == tl + 1
                    && s[i..].starts_with("{TARGETENTRY")
                {
                    entry_depth = Some(depth);
                    current = [None; 3];
                }
            }
            b'}' | b')' => {
                if entry_depth == Some(depth) {
                    if let [Some(resno), Some(tbl), Some(col)] = current
                        && tbl != 0
                    {
                        out.push((
                            i32::try_from(resno).ok()?,
                            u32::try_from(tbl).ok()?,
                            i32::try_from(col).ok()?,
                        ));
                    }
                    entry_depth = None;
                }
                if in_target_list == Some(depth) {
                    return Some(out);
                }
                depth -= 1;
            }
            b':' => {
                let rest = &s[i..];
                if let Some(q) = query_depth
                    && depth == q
                    && in_target_list.is_none()
                    && rest.starts_with(":targetList (")
                {
                    // The list opens at the next '('; its inside is one deeper.
                    in_target_list = Some(depth + 1);
                } else if let Some(e) = entry_depth
                    && depth == e
                {
                    for (k, key) in [":resno ", ":resorigtbl ", ":resorigcol "]
                        .iter()
                        .enumerate()
                    {
                        if let Some(v) = rest.strip_prefix(key) {
                            let digits: String =
                                v.chars().take_while(|c| c.is_ascii_digit()).collect();
                            current[k] = digits.parse().ok();
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_the_top_level_target_list() {
        let tree = "({QUERY :commandType 1 :rtable ({RANGETBLENTRY :subquery {QUERY :targetList ({TARGETENTRY :expr {VAR} :resno 1 :resname x :ressortgroupref 0 :resorigtbl 99 :resorigcol 9 :resjunk false}) :setOperations <>}}) :jointree {FROMEXPR} :targetList ({TARGETENTRY :expr {VAR :varno 1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 500 :resorigcol 1 :resjunk false} {TARGETENTRY :expr {SUBLINK :subselect {QUERY :targetList ({TARGETENTRY :expr {VAR} :resno 1 :resname y :ressortgroupref 0 :resorigtbl 77 :resorigcol 7 :resjunk false}) :setOperations <>}} :resno 2 :resname \\(s\\) :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false} {TARGETENTRY :expr {AGGREF :args ({TARGETENTRY :expr {VAR} :resno 1 :resname <> :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false})} :resno 3 :resname n :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0 :groupingSets <> :setOperations <>})";
        let l = read(tree);
        assert_eq!(l.origins, vec![(1, 500, 1)]);
        assert!(l.exact);
    }

    #[test]
    fn outer_joins_and_set_operations_are_not_exact() {
        let left = "({QUERY :jointree {FROMEXPR :fromlist ({JOINEXPR :jointype 1 :isNatural false})} :targetList () :groupingSets <> :setOperations <>})";
        assert!(!read(left).exact);
        let union = "({QUERY :targetList ({TARGETENTRY :expr {VAR} :resno 1 :resname a :ressortgroupref 0 :resorigtbl 5 :resorigcol 1 :resjunk false}) :groupingSets <> :setOperations {SETOPERATIONSTMT}})";
        assert_eq!(
            read(union),
            Lineage {
                origins: vec![],
                exact: false
            }
        );
    }
}
