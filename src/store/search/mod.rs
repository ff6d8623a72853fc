//! Full-text search over the current version of every set, Swedish and English together: ids,
//! titles, tags, legal basis, kind and text, with the field's synonyms (the catalog's table),
//! corrected spellings for words the library does not have, and, for the interactive search and
//! the `search` command alike, approximate matches on ids and titles when little is found.
//!
//! How a query becomes an FTS5 expression is in `query`, corrected spellings in `spelling`,
//! and where each hit matched in `matched`.

mod matched;
mod query;
mod spelling;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::Result;
use super::custom_sets::IndexEntry;
use super::sealed::Conn;
use crate::catalog::synonyms::fold;
use crate::domain::{Kind, Text};

pub use matched::Place;
use query::{Term, Word};
use spelling::Vocabulary;

/// Fewer hits than this and the search tries corrected spellings, then approximate matches.
pub const FEW: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub set_id: String,
    pub requirement_id: String,
    pub kind: Kind,
    pub title: Text,
    /// bm25 rank: lower is better (0 for hits not ranked).
    pub rank: f64,
    /// Why it is a hit, in [`Place`] order.
    pub matched: Vec<Place>,
}

/// A word the library does not have, and the spellings searched instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub typed: String,
    pub searched: Vec<String>,
}

/// Words of the query that name a synonym group, and the other members searched too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Widened {
    pub typed: String,
    pub also: Vec<String>,
}

/// Words of the query that name a kind of requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindWord {
    pub typed: String,
    pub kind: Kind,
}

/// What a search found, and how it read the query.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub corrections: Vec<Correction>,
    pub synonyms: Vec<Widened>,
    pub kinds: Vec<KindWord>,
}

impl Found {
    /// Whether [`approximate`] would add to these hits (fewer than [`FEW`] of `limit`).
    pub fn wants_approximate(&self, limit: usize) -> bool {
        self.hits.len() < FEW.min(limit)
    }
}

/// What a search session keeps between keystrokes: the parts of the vocabulary read so far.
#[derive(Debug, Default)]
pub struct Session {
    vocabulary: Vocabulary,
}

/// Matches in ids, titles and basis, best first; the ranking runs inside the index and only
/// the top rows are joined, which keeps broad prefixes fast on a national library.
const RANKED: &str = "
    SELECT v.set_id, r.req_id, r.kind, r.title_sv, r.title_en, f.rank, r.id
    FROM (SELECT rowid, bm25(requirement_fts, 10.0, 5.0, 3.0, 4.0, 1.0, 1.0) AS rank
          FROM requirement_fts WHERE requirement_fts MATCH ?1 ORDER BY rank LIMIT ?2) f
    JOIN requirement r ON r.id = f.rowid
    JOIN set_version v ON v.id = r.set_version_id
    JOIN requirement_set s ON s.current_version_id = v.id
    ORDER BY f.rank, r.req_id";

/// Further matches anywhere, in library order: ranking every body match of a common word
/// (\"leverantören\") would cost more than a keystroke may.
const ANYWHERE: &str = "
    SELECT v.set_id, r.req_id, r.kind, r.title_sv, r.title_en, 0.0, r.id
    FROM (SELECT rowid FROM requirement_fts WHERE requirement_fts MATCH ?1 LIMIT ?2) f
    JOIN requirement r ON r.id = f.rowid
    JOIN set_version v ON v.id = r.set_version_id
    JOIN requirement_set s ON s.current_version_id = v.id
    ORDER BY r.id";

/// A hit with its row, until it is told where it matched.
struct Row {
    hit: Hit,
    id: i64,
}

fn rows(conn: &rusqlite::Connection, sql: &str, query: &str, limit: usize) -> Result<Vec<Row>> {
    super::all(
        conn,
        sql,
        params![query, i64::try_from(limit).unwrap_or(i64::MAX)],
        |r| {
            Ok(Row {
                hit: Hit {
                    set_id: r.get(0)?,
                    requirement_id: r.get(1)?,
                    kind: Kind::from_code(&r.get::<_, String>(2)?).unwrap_or(Kind::Mandatory),
                    title: Text::new(r.get::<_, String>(3)?, r.get::<_, String>(4)?),
                    rank: r.get(5)?,
                    matched: Vec::new(),
                },
                id: r.get(6)?,
            })
        },
    )
}

/// Runs `terms`: ranked matches in ids, titles and basis first, then matches anywhere.
fn run(conn: &rusqlite::Connection, terms: &[Term], limit: usize) -> Result<Vec<Row>> {
    let Some(q) = query::fts(terms) else {
        return Ok(Vec::new());
    };
    // Rows of old versions are dropped after the limit, so fetch some extra.
    let mut found = rows(
        conn,
        RANKED,
        &format!("{{req_id title basis}} : ({q})"),
        limit * 2,
    )?;
    found.truncate(limit);
    if found.len() < limit {
        for row in rows(conn, ANYWHERE, &q, limit * 2)? {
            if found.len() >= limit {
                break;
            }
            if !found.iter().any(|x| x.id == row.id) {
                found.push(row);
            }
        }
    }
    Ok(found)
}

/// Sets the spellings to search for the words of `terms` that no word of the library begins
/// with, and says which those were. Words that name a synonym or a kind are left as typed.
fn correct(
    conn: &rusqlite::Connection,
    terms: &[Term],
    vocabulary: &mut Vocabulary,
) -> Result<(Vec<Word>, Vec<Correction>)> {
    let mut words = Vec::new();
    let mut corrections = Vec::new();
    for term in terms {
        let plain = term.synonyms.is_empty() && term.kind.is_none();
        for w in &term.words {
            let mut w = w.clone();
            if plain && w.correctable() && !vocabulary.knows(conn, &w.tokens[0])? {
                w.corrections = vocabulary.corrections(conn, &w.tokens[0])?;
                if !w.corrections.is_empty() {
                    corrections.push(Correction {
                        typed: w.typed.clone(),
                        searched: w.corrections.clone(),
                    });
                }
            }
            words.push(w);
        }
    }
    Ok((words, corrections))
}

/// Reads each hit's short fields back from the index and says where it matched.
fn explain(conn: &rusqlite::Connection, terms: &[Term], rows: Vec<Row>) -> Result<Vec<Hit>> {
    let mut short = conn.prepare_cached(
        "SELECT req_id, title, tags, basis FROM requirement_fts WHERE rowid = ?1",
    )?;
    let mut long = conn.prepare_cached("SELECT body_text FROM requirement_fts WHERE rowid = ?1")?;
    let mut hits = Vec::with_capacity(rows.len());
    for Row { mut hit, id } in rows {
        let fields = short
            .query_row([id], |r| {
                Ok(matched::Fields {
                    id: fold(&r.get::<_, String>(0)?),
                    title: fold(&r.get::<_, String>(1)?),
                    tags: fold(&r.get::<_, String>(2)?),
                    basis: fold(&r.get::<_, String>(3)?),
                    kind: hit.kind,
                })
            })
            .optional()?;
        if let Some(fields) = fields {
            hit.matched = matched::places(terms, &fields, || {
                let text: Option<String> = long.query_row([id], |r| r.get(0)).optional()?;
                Ok(fold(&text.unwrap_or_default()))
            })?;
        }
        hits.push(hit);
    }
    Ok(hits)
}

/// How the terms widened the query, for saying so.
fn widened(terms: &[Term]) -> (Vec<Widened>, Vec<KindWord>) {
    let synonyms = terms
        .iter()
        .filter(|t| !t.synonyms.is_empty())
        .map(|t| Widened {
            typed: t.typed(),
            also: t.synonyms.iter().map(|p| p.text().to_string()).collect(),
        })
        .collect();
    let kinds = terms
        .iter()
        .filter_map(|t| {
            t.kind.map(|kind| KindWord {
                typed: t.typed(),
                kind,
            })
        })
        .collect();
    (synonyms, kinds)
}

/// Full-text search of the library.
pub trait ReadSearch: Conn {
    /// Requirements of the current library matching `query`: matches in ids, titles and basis
    /// first, best first, then matches in texts, tags and kinds. Old versions are never
    /// returned.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        Ok(self.find(query, limit, &mut Session::default())?.hits)
    }

    /// [`Self::search`] with what it made of the query: each hit says where it matched, and
    /// the result which words named synonyms or a kind and which were spelt anew. When fewer
    /// than [`FEW`] requirements match, words the library does not have are corrected to the
    /// nearest words it has and the search runs again. `session` keeps what was read of the
    /// vocabulary for the next keystroke.
    fn find(&self, query: &str, limit: usize, session: &mut Session) -> Result<Found> {
        let lexicon = query::lexicon();
        let mut terms = query::terms(&query::words(query), lexicon);
        let mut rows = run(self.conn(), &terms, limit)?;
        let mut corrections = Vec::new();
        if rows.len() < FEW.min(limit) {
            let (words, corrected) = correct(self.conn(), &terms, &mut session.vocabulary)?;
            if !corrected.is_empty() {
                terms = query::terms(&words, lexicon);
                rows = run(self.conn(), &terms, limit)?;
                corrections = corrected;
            }
        }
        let hits = explain(self.conn(), &terms, rows)?;
        let (synonyms, kinds) = widened(&terms);
        Ok(Found {
            hits,
            corrections,
            synonyms,
            kinds,
        })
    }
}

impl<C: Conn + ?Sized> ReadSearch for C {}

/// Adds approximate matches on ids and titles (letters in order, as in "flerfakt" or "host3")
/// when the search found fewer than [`FEW`], up to `limit` hits in all. `index` is the
/// library's requirement index ([`super::custom_sets::ReadLibrary::requirement_index`]).
pub fn approximate(found: &mut Found, query: &str, index: &[IndexEntry], limit: usize) {
    let query = query.trim();
    if query.is_empty() || !found.wants_approximate(limit) {
        return;
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = index
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let label = format!("{} {} {}", e.requirement_id, e.title.sv, e.title.en);
            pattern
                .score(Utf32Str::new(&label, &mut buf), &mut matcher)
                .map(|score| (score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in scored {
        if found.hits.len() >= limit {
            break;
        }
        let e = &index[i];
        if found
            .hits
            .iter()
            .any(|h| h.requirement_id == e.requirement_id)
        {
            continue;
        }
        found.hits.push(Hit {
            set_id: e.set_id.clone(),
            requirement_id: e.requirement_id.clone(),
            kind: e.kind,
            title: e.title.clone(),
            rank: 0.0,
            matched: vec![Place::Approximate],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::sets::tests::set;
    use crate::store::test_support::store;

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
