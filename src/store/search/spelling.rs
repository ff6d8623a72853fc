//! Misspelt words: a word of a query that no word of the library begins with is compared with
//! the index's own vocabulary (`requirement_words`, FTS5's `fts5vocab` of the index) and the
//! nearest words, by edits, are searched instead.
//!
//! Reading the vocabulary counts every word's requirements, which costs time in proportion to
//! how often the words occur: on a national library the words beginning with one letter take
//! tens of milliseconds. So the vocabulary is read in buckets of words sharing their first two
//! letters (a typo is rarely there), kept in a [`Vocabulary`] for the rest of a search session;
//! only when no word of the two-letter bucket is near is the bucket of the first letter read.
//! A typo in the first letter is not corrected.

use std::collections::HashMap;

use rusqlite::Connection;

use super::super::Result;

/// Words shorter than this are not corrected: too many words are one edit from a short one.
pub const MIN_CHARS: usize = 4;

/// From this many letters on, two edits are allowed.
const TWO_EDITS_FROM: usize = 8;

/// At most this many spellings are searched for one word.
const MAX_CORRECTIONS: usize = 3;

#[derive(Debug, Clone, PartialEq)]
struct Known {
    word: Vec<char>,
    /// Requirements (of every version) holding the word.
    docs: i64,
}

/// The parts of the index's vocabulary read so far in a search session.
#[derive(Debug, Default)]
pub struct Vocabulary {
    buckets: HashMap<String, Vec<Known>>,
}

impl Vocabulary {
    fn bucket(&mut self, conn: &Connection, key: &str) -> Result<&[Known]> {
        if !self.buckets.contains_key(key) {
            let words = super::super::all(
                conn,
                "SELECT term, doc FROM requirement_words
                 WHERE term >= ?1 AND term < ?1 || char(1114111) ORDER BY term",
                [key],
                |r| {
                    Ok(Known {
                        word: r.get::<_, String>(0)?.chars().collect(),
                        docs: r.get(1)?,
                    })
                },
            )?;
            self.buckets.insert(key.to_string(), words);
        }
        Ok(self.buckets.get(key).map(Vec::as_slice).unwrap_or_default())
    }

    /// Whether some word of the library begins with the folded `word`.
    pub fn knows(&mut self, conn: &Connection, word: &str) -> Result<bool> {
        let typed: Vec<char> = word.chars().collect();
        let bucket = self.bucket(conn, &key(&typed, 2))?;
        let at = bucket.partition_point(|k| k.word < typed);
        Ok(bucket.get(at).is_some_and(|k| k.word.starts_with(&typed)))
    }

    /// The nearest beginnings of library words to the folded `word`, most used first; empty
    /// when none is within the edits its length allows.
    pub fn corrections(&mut self, conn: &Connection, word: &str) -> Result<Vec<String>> {
        let typed: Vec<char> = word.chars().collect();
        if typed.len() < MIN_CHARS {
            return Ok(Vec::new());
        }
        let max = if typed.len() >= TWO_EDITS_FROM { 2 } else { 1 };
        let near = nearest(&typed, self.bucket(conn, &key(&typed, 2))?, max);
        if !near.is_empty() {
            return Ok(near);
        }
        Ok(nearest(&typed, self.bucket(conn, &key(&typed, 1))?, max))
    }
}

fn key(word: &[char], n: usize) -> String {
    word.iter().take(n).collect()
}

/// The beginnings of `known` words fewest edits from `typed`, most used first.
fn nearest(typed: &[char], known: &[Known], max: usize) -> Vec<String> {
    let mut best = max + 1;
    let mut found: Vec<(String, i64)> = Vec::new();
    for k in known {
        let Some((edits, len)) = prefix_distance(typed, &k.word, max) else {
            continue;
        };
        if edits == 0 || edits > best {
            continue;
        }
        if edits < best {
            best = edits;
            found.clear();
        }
        let start: String = k.word[..len].iter().collect();
        match found.iter_mut().find(|(s, _)| *s == start) {
            Some((_, docs)) => *docs += k.docs,
            None => found.push((start, k.docs)),
        }
    }
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found
        .into_iter()
        .take(MAX_CORRECTIONS)
        .map(|(s, _)| s)
        .collect()
}

/// The fewest edits (insert, delete, substitute, swap two neighbours) that turn `typed` into
/// a beginning of `word`, and the length of that beginning (the longest, if several are as
/// near), when at most `max`. A beginning, because the last word of a search is often still
/// being typed: "underlevr" is one edit from "underlever", the beginning of "underleverantör".
pub(super) fn prefix_distance(typed: &[char], word: &[char], max: usize) -> Option<(usize, usize)> {
    let (m, n) = (typed.len(), word.len());
    // Rows of the edit-distance table: typed[..i] against every beginning of `word`.
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=n).collect();
    for i in 1..=m {
        let mut row = vec![i; n + 1];
        for j in 1..=n {
            let cost = usize::from(typed[i - 1] != word[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && typed[i - 1] == word[j - 2] && typed[i - 2] == word[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
        }
        if row.iter().min().is_some_and(|d| *d > max) {
            return None;
        }
        before = std::mem::replace(&mut prev, row);
    }
    let edits = prev.iter().copied().min()?;
    let len = prev.iter().rposition(|d| *d == edits)?;
    (edits <= max).then_some((edits, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn distance(typed: &str, word: &str, max: usize) -> Option<(usize, usize)> {
        prefix_distance(&chars(typed), &chars(word), max)
    }

    #[test]
    fn distance_is_to_the_nearest_beginning() {
        assert_eq!(
            distance("underlevrantor", "underleverantorer", 2),
            Some((1, 15))
        );
        assert_eq!(distance("underlevr", "underleverantor", 2), Some((1, 10)));
        assert_eq!(distance("lagrng", "lagring", 1), Some((1, 7)));
        assert_eq!(
            distance("lagirng", "lagring", 1),
            Some((1, 7)),
            "a swap is one edit"
        );
        assert_eq!(distance("lagring", "lagringsplats", 1), Some((0, 7)));
        assert_eq!(distance("xyzzy", "lagring", 2), None);
        assert_eq!(distance("", "abc", 1), Some((0, 0)));
    }

    #[test]
    fn the_nearest_words_are_chosen_most_used_first() {
        let known = |w: &str, docs: i64| Known {
            word: chars(w),
            docs,
        };
        let vocabulary = [
            known("underleverantor", 17),
            known("underleverantoren", 2),
            known("underleverantorer", 1466),
            known("underlag", 300),
        ];
        assert_eq!(
            nearest(&chars("underlevrantor"), &vocabulary, 2),
            vec!["underleverantor"]
        );
        let vocabulary = [known("lagring", 5), known("lagrad", 40), known("lagra", 1)];
        assert_eq!(
            nearest(&chars("lagrx"), &vocabulary, 1),
            vec!["lagra", "lagri"]
        );
        assert!(
            nearest(&chars("lagring"), &vocabulary, 1).is_empty(),
            "known"
        );
    }
}
