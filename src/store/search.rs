//! Full-text search over the current version of every set, Swedish and English together.
//!
//! User input never reaches FTS5's query language raw (a dash or a quote would be syntax):
//! each word becomes a quoted prefix term, and all words must match.

use rusqlite::params;
use serde::Serialize;

use super::Result;
use super::sealed::Conn;
use crate::domain::{Kind, Text};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub set_id: String,
    pub requirement_id: String,
    pub kind: Kind,
    pub title: Text,
    /// bm25 rank: lower is better.
    pub rank: f64,
}

/// Turns typed text into a safe FTS5 query: `"word"*` terms joined by AND.
pub fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// Matches in ids and titles, best first; the ranking runs inside the index and only the top
/// rows are joined, which keeps broad prefixes fast on a national library.
const IN_TITLES: &str = "
    SELECT v.set_id, r.req_id, r.kind, r.title_sv, r.title_en, f.rank
    FROM (SELECT rowid, bm25(requirement_fts, 10.0, 5.0, 1.0, 3.0) AS rank FROM requirement_fts
          WHERE requirement_fts MATCH ?1 ORDER BY rank LIMIT ?2) f
    JOIN requirement r ON r.id = f.rowid
    JOIN set_version v ON v.id = r.set_version_id
    JOIN requirement_set s ON s.current_version_id = v.id
    ORDER BY f.rank, r.req_id";

/// Further matches anywhere, in library order: ranking every body match of a common word
/// (\"leverantören\") would cost more than a keystroke may.
const ANYWHERE: &str = "
    SELECT v.set_id, r.req_id, r.kind, r.title_sv, r.title_en, 0.0
    FROM (SELECT rowid FROM requirement_fts WHERE requirement_fts MATCH ?1 LIMIT ?2) f
    JOIN requirement r ON r.id = f.rowid
    JOIN set_version v ON v.id = r.set_version_id
    JOIN requirement_set s ON s.current_version_id = v.id
    ORDER BY r.id";

fn hits(conn: &rusqlite::Connection, sql: &str, query: &str, limit: usize) -> Result<Vec<Hit>> {
    super::all(
        conn,
        sql,
        params![query, i64::try_from(limit).unwrap_or(i64::MAX)],
        |r| {
            Ok(Hit {
                set_id: r.get(0)?,
                requirement_id: r.get(1)?,
                kind: Kind::from_code(&r.get::<_, String>(2)?).unwrap_or(Kind::Mandatory),
                title: Text::new(r.get::<_, String>(3)?, r.get::<_, String>(4)?),
                rank: r.get(5)?,
            })
        },
    )
}

/// Full-text search of the library.
pub trait ReadSearch: Conn {
    /// Requirements of the current library matching `query`: matches in ids and titles first,
    /// best first, then matches in texts and tags. Old versions are never returned.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        // Rows of old versions are dropped after the limit, so fetch some extra.
        let mut found = hits(
            self.conn(),
            IN_TITLES,
            &format!("{{req_id title}} : ({q})"),
            limit * 2,
        )?;
        found.truncate(limit);
        if found.len() < limit {
            for h in hits(self.conn(), ANYWHERE, &q, limit * 2)? {
                if found.len() >= limit {
                    break;
                }
                if !found.iter().any(|x| x.requirement_id == h.requirement_id) {
                    found.push(h);
                }
            }
        }
        Ok(found)
    }
}

impl<C: Conn + ?Sized> ReadSearch for C {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::sets::tests::set;
    use crate::store::test_support::store;

    #[test]
    fn queries_are_quoted_prefix_terms() {
        assert_eq!(fts_query("HOST-03"), Some("\"HOST-03\"*".into()));
        assert_eq!(
            fts_query("word\" under"),
            Some("\"word\"\"\"* AND \"under\"*".into())
        );
        assert_eq!(fts_query("  - ; "), None);
    }

    #[test]
    fn search_finds_swedish_and_english_and_only_current_versions() {
        let mut s = store();
        s.sync_builtins(
            &[set(
                "alpha",
                "1",
                &[
                    ("ALPHA-01", "Lagringsplats"),
                    ("ALPHA-02", "Underleverantörer"),
                ],
            )],
            "h1",
        )
        .unwrap();
        let ids = |s: &Store, q: &str| -> Vec<String> {
            s.search(q, 20)
                .unwrap()
                .into_iter()
                .map(|h| h.requirement_id)
                .collect()
        };
        assert_eq!(ids(&s, "underlev"), vec!["ALPHA-02"]);
        assert_eq!(
            ids(&s, "underleverantorer"),
            vec!["ALPHA-02"],
            "diacritics folded"
        );
        assert_eq!(ids(&s, "ALPHA-01"), vec!["ALPHA-01"]);
        assert_eq!(ids(&s, "supplier lagring"), vec!["ALPHA-01"]);
        assert!(ids(&s, "\"unbalanced").is_empty());
        assert!(ids(&s, "").is_empty());
        s.sync_builtins(&[set("alpha", "2", &[("ALPHA-01", "Lagringsplats")])], "h2")
            .unwrap();
        let hits = s.search("underleverantörer", 20).unwrap();
        assert!(hits.is_empty(), "old versions are not searched: {hits:?}");
    }
}
