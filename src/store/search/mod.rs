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

use std::collections::HashMap;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::Result;
use super::custom_sets::IndexEntry;
use super::sealed::Conn;
use crate::catalog::synonyms::Folded;
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

/// Matches in ids and titles, best first; the ranking runs inside the index and only the top
/// rows are joined, which keeps broad prefixes fast on a national library. (Not the basis:
/// "art. 28" stands in the basis of tens of thousands of a national library's requirements,
/// and ranking them all took 180 ms.)
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

/// The indexed tags and basis of the hits (a JSON array of their rows), for telling where each
/// matched. They are read from the index's own content table (FTS5's `%_content`, columns
/// `c0`… in the order of the index's columns) in one statement: reading them row by row
/// through the virtual table, or parsing each requirement's JSON, cost a good part of a
/// keystroke for 200 hits.
const SHORT_FIELDS: &str = "
    SELECT c.id, c.c2, c.c3 FROM json_each(?1) j
    JOIN requirement_fts_content c ON c.id = j.value";

/// A hit's text as indexed (`body_text`, the sixth column).
const TEXT: &str = "SELECT c5 FROM requirement_fts_content WHERE id = ?1";

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

/// Runs `terms`: ranked matches in ids and titles first, then matches anywhere.
fn run(conn: &rusqlite::Connection, terms: &[Term], limit: usize) -> Result<Vec<Row>> {
    let Some(q) = query::fts(terms) else {
        return Ok(Vec::new());
    };
    // Rows of old versions are dropped after the limit, so fetch some extra.
    let mut found = rows(
        conn,
        RANKED,
        &format!("{{req_id title}} : ({q})"),
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
                w.correct(vocabulary.corrections(conn, &w.tokens[0])?);
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

/// Says where each hit matched, from its short fields and, when needed, its text.
fn explain(conn: &rusqlite::Connection, terms: &[Term], rows: Vec<Row>) -> Result<Vec<Hit>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let short: HashMap<i64, (String, String)> = super::all(
        conn,
        SHORT_FIELDS,
        [serde_json::to_string(&ids).unwrap_or_default()],
        |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
    )?
    .into_iter()
    .collect();
    let mut text = conn.prepare_cached(TEXT)?;
    let mut hits = Vec::with_capacity(rows.len());
    for Row { mut hit, id } in rows {
        let (tags, basis) = short
            .get(&id)
            .map(|(t, b)| (t.as_str(), b.as_str()))
            .unwrap_or_default();
        let fields = matched::Fields {
            id: Folded::new(&hit.requirement_id),
            title: Folded::new(&format!("{} {}", hit.title.sv, hit.title.en)),
            tags: Folded::new(tags),
            basis: Folded::new(basis),
            kind: hit.kind,
            kind_code: Folded::new(hit.kind.code()),
        };
        hit.matched = matched::places(terms, &fields, || {
            let body: Option<String> = text.query_row([id], |r| r.get(0)).optional()?;
            Ok(Folded::new(&body.unwrap_or_default()))
        })?;
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
    /// Requirements of the current library matching `query`: matches in ids and titles first,
    /// best first, then matches in basis, texts, tags and kinds. Old versions are never
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
///
/// Scoring a title costs a microsecond or two, too much for every title of a national library
/// on each keystroke, so titles are first tested cheaply for holding the query's letters in
/// order; when more than [`MAX_APPROXIMATE`] pass, the query is too unspecific for a guess to
/// help and nothing approximate is added.
pub fn approximate(found: &mut Found, query: &str, index: &[IndexEntry], limit: usize) {
    let query = query.trim();
    if query.is_empty() || !found.wants_approximate(limit) {
        return;
    }
    let atoms: Vec<Vec<char>> = query
        .split_whitespace()
        .map(|a| a.chars().map(fold_char).collect())
        .collect();
    let candidates: Vec<usize> = (0..index.len())
        .filter(|&i| letters_in_order(&atoms, &index[i]))
        .take(MAX_APPROXIMATE + 1)
        .collect();
    if candidates.len() > MAX_APPROXIMATE {
        return;
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = candidates
        .into_iter()
        .filter_map(|i| {
            let e = &index[i];
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

/// Titles scored at most for approximate matches.
pub const MAX_APPROXIMATE: usize = 1_000;

/// A character as the approximate match compares it: lower case, without diacritics.
fn fold_char(c: char) -> char {
    match c {
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        // Swedish letters first: this runs on every letter of every title.
        'å' | 'ä' | 'Å' | 'Ä' => 'a',
        'ö' | 'Ö' => 'o',
        'é' | 'É' => 'e',
        _ => nucleo_matcher::chars::normalize(c.to_lowercase().next().unwrap_or(c)),
    }
}

/// Whether each of `atoms` (the query's words, folded) has its letters in order in the entry's
/// id and titles: what a fuzzy match needs, tested without building a string.
fn letters_in_order(atoms: &[Vec<char>], e: &IndexEntry) -> bool {
    atoms.iter().all(|atom| {
        let mut want = atom.iter().filter(|c| !c.is_whitespace()).peekable();
        let text = [
            e.requirement_id.as_str(),
            e.title.sv.as_str(),
            e.title.en.as_str(),
        ];
        for c in text.iter().flat_map(|t| t.chars()).map(fold_char) {
            if want.peek() == Some(&&c) {
                want.next();
            }
            if want.peek().is_none() {
                return true;
            }
        }
        want.peek().is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::sets::tests::set;
    use crate::store::test_support::store;

    fn entry(id: &str, title: &str) -> IndexEntry {
        IndexEntry {
            set_id: "alpha".into(),
            requirement_id: id.into(),
            kind: Kind::Mandatory,
            level: None,
            title: Text::new(title, ""),
        }
    }

    #[test]
    fn approximate_matches_need_the_letters_in_order_and_a_specific_query() {
        let index = [
            entry("HOST-03", "Överföring till tredjeland"),
            entry("SEC-04", "Flerfaktorsautentisering"),
        ];
        let mut found = Found::default();
        approximate(&mut found, "ovrfrng", &index, 200);
        assert_eq!(ids_of(&found), vec!["HOST-03"], "diacritics folded");
        let mut found = Found::default();
        approximate(&mut found, "flrfkt sec", &index, 200);
        assert_eq!(ids_of(&found), vec!["SEC-04"], "every word");
        // Letters that every one of many titles has: no guess rather than a thousand.
        let many: Vec<IndexEntry> = (0..=MAX_APPROXIMATE)
            .map(|i| entry(&format!("GEN-{i}"), "Leverantören ska redovisa"))
            .collect();
        let mut found = Found::default();
        approximate(&mut found, "lev", &many, 200);
        assert!(found.hits.is_empty());
        approximate(&mut found, "lev", &many[..10], 200);
        assert_eq!(found.hits.len(), 10);
    }

    fn ids_of(found: &Found) -> Vec<&str> {
        found
            .hits
            .iter()
            .map(|h| h.requirement_id.as_str())
            .collect()
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
