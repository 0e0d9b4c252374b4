//! The one change gen-types makes to a migration statement, when a shim cannot take it as
//! written: the storage options of an `hnsw` or `ivfflat` index (`WITH (m = 16, ...)`),
//! which pgvector's C code validates and the vector shim's index methods (built on a built-in
//! handler) reject. The options change no type, so they are blanked out (replaced by spaces,
//! keeping every other character's line and column) and the run warns with `file:line`.

/// The index methods of the vector shim.
const VECTOR_METHODS: &[&str] = &["HNSW", "IVFFLAT"];

/// `statement` with the `WITH (...)` of a `CREATE INDEX ... USING hnsw|ivfflat (...)` blanked
/// out, and the warning to give; `None` when the statement is not such an index.
pub fn vector_index_options(statement: &str) -> Option<(String, String)> {
    let upper = statement.to_ascii_uppercase();
    let head: Vec<&str> = upper.split_whitespace().take(3).collect();
    if head.first() != Some(&"CREATE") || !head[1..].contains(&"INDEX") {
        return None;
    }
    let (method, after_method) = VECTOR_METHODS.iter().find_map(|m| {
        let at = find_word_after(&upper, "USING", m)?;
        Some((m.to_ascii_lowercase(), at))
    })?;
    let columns = skip_space(&upper, after_method);
    if upper.as_bytes().get(columns) != Some(&b'(') {
        return None;
    }
    let after_columns = closing(&upper, columns)? + 1;
    let with = skip_space(&upper, after_columns);
    if !upper[with..].starts_with("WITH") {
        return None;
    }
    let open = skip_space(&upper, with + 4);
    if upper.as_bytes().get(open) != Some(&b'(') {
        return None;
    }
    let close = closing(&upper, open)?;
    let options = statement[open + 1..close].trim().to_string();
    let mut out = String::with_capacity(statement.len());
    out.push_str(&statement[..with]);
    out.extend(
        statement[with..=close]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' }),
    );
    out.push_str(&statement[close + 1..]);
    let warning = format!(
        "index options `{options}` left out: the vector shim's {method} index method takes none (pgvector is not installed on this server; types are unaffected)"
    );
    Some((out, warning))
}

/// The byte offset after `first` followed by whitespace and the word `second`.
fn find_word_after(upper: &str, first: &str, second: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = upper[from..].find(first) {
        let start = from + i;
        let after = start + first.len();
        let word = skip_space(upper, after);
        let boundary = |at: usize| {
            upper[at..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        };
        if word > after && upper[word..].starts_with(second) && boundary(word + second.len()) {
            return Some(word + second.len());
        }
        from = after;
    }
    None
}

fn skip_space(text: &str, from: usize) -> usize {
    from + text[from..].len() - text[from..].trim_start().len()
}

/// The offset of the `)` closing the `(` at `open`, skipping quoted text.
fn closing(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            q @ (b'\'' | b'"') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    i += 1;
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
    use super::vector_index_options;

    #[test]
    fn hnsw_and_ivfflat_options_are_blanked_keeping_positions() {
        let sql = "create index docs_idx on public.documents\n  using hnsw (embedding extensions.vector_cosine_ops)\n  with (m = 16, ef_construction = 64)\n  where id > 0;";
        let (out, warning) = vector_index_options(sql).unwrap();
        assert_eq!(out.len(), sql.len());
        assert_eq!(out.lines().count(), sql.lines().count());
        assert!(
            !out.contains("with") && out.contains("where id > 0"),
            "{out}"
        );
        assert!(warning.contains("`m = 16, ef_construction = 64`") && warning.contains("hnsw"));
        let (out, _) = vector_index_options(
            "CREATE INDEX ON items USING ivfflat (embedding vector_l2_ops) WITH (lists = 100)",
        )
        .unwrap();
        assert_eq!(
            out.trim_end(),
            "CREATE INDEX ON items USING ivfflat (embedding vector_l2_ops)"
        );
        assert!(vector_index_options("create index on t using hnsw (e vector_l2_ops)").is_none());
        assert!(
            vector_index_options("create index on t using btree (a) with (fillfactor = 70)")
                .is_none()
        );
        assert!(vector_index_options("create table hnsw (a int) with (fillfactor = 70)").is_none());
    }
}
