//! The field's synonyms for the library search, kept as data in `synonyms.toml` (embedded in the
//! binary): groups of words that mean the same thing to an officer, in Swedish and English, and
//! the words that name each kind of requirement. The search decides what a match is; this
//! module reads and checks the table and folds words the way the search index does.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use thiserror::Error;

use crate::domain::Kind;

/// The table as shipped.
pub const FILE: &str = include_str!("synonyms.toml");

/// Words that mean the same, in Swedish and in English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub sv: Vec<String>,
    pub en: Vec<String>,
}

impl Group {
    /// Every member, Swedish first.
    pub fn members(&self) -> impl Iterator<Item = &str> {
        self.sv.iter().chain(&self.en).map(String::as_str)
    }
}

/// The words that name one kind of requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindWords {
    pub kind: Kind,
    pub words: Group,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Synonyms {
    pub groups: Vec<Group>,
    pub kinds: Vec<KindWords>,
}

/// What is wrong with a synonym table (the shipped one is checked by a test; these name the
/// entry for whoever edits it).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SynonymError {
    #[error("not a synonym table: {0}")]
    Toml(String),
    #[error("format {0} is not read by this version (it reads format 1)")]
    Format(i64),
    #[error("{entry} has no words in {lang}")]
    OneLanguage { entry: String, lang: &'static str },
    #[error("{entry}: \"{word}\" has no letters or digits, or more than {max} characters")]
    BadWord {
        entry: String,
        word: String,
        max: usize,
    },
    #[error("\"{word}\" is in {first} and in {second}")]
    Twice {
        word: String,
        first: String,
        second: String,
    },
    #[error("kind {0} is named twice")]
    KindTwice(String),
}

/// The longest member, in characters: a member is a word or a short phrase.
pub const MAX_WORD_CHARS: usize = 60;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    format: i64,
    #[serde(default)]
    group: Vec<Group>,
    #[serde(default)]
    kind: Vec<RawKind>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    kind: Kind,
    sv: Vec<String>,
    en: Vec<String>,
}

/// Reads and checks a synonym table.
pub fn parse(text: &str) -> Result<Synonyms, SynonymError> {
    let raw: RawTable = toml::from_str(text).map_err(|e| SynonymError::Toml(e.to_string()))?;
    if raw.format != 1 {
        return Err(SynonymError::Format(raw.format));
    }
    let table = Synonyms {
        groups: raw.group,
        kinds: raw
            .kind
            .into_iter()
            .map(|k| KindWords {
                kind: k.kind,
                words: Group { sv: k.sv, en: k.en },
            })
            .collect(),
    };
    check(&table)?;
    Ok(table)
}

fn check(table: &Synonyms) -> Result<(), SynonymError> {
    let entries = table
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (format!("group {}", i + 1), g))
        .chain(
            table
                .kinds
                .iter()
                .map(|k| (format!("kind {}", k.kind.code()), &k.words)),
        );
    let mut seen: BTreeMap<Vec<String>, String> = BTreeMap::new();
    // Words in both languages also make every group at least two words.
    for (entry, words) in entries {
        for (lang, list) in [("Swedish", &words.sv), ("English", &words.en)] {
            if list.is_empty() {
                return Err(SynonymError::OneLanguage { entry, lang });
            }
        }
        for word in words.members() {
            let folded = fold(word);
            if folded.is_empty() || word.chars().count() > MAX_WORD_CHARS {
                return Err(SynonymError::BadWord {
                    entry,
                    word: word.to_string(),
                    max: MAX_WORD_CHARS,
                });
            }
            if let Some(first) = seen.insert(folded, entry.clone()) {
                return Err(SynonymError::Twice {
                    word: word.to_string(),
                    first,
                    second: entry,
                });
            }
        }
    }
    let mut kinds: Vec<Kind> = table.kinds.iter().map(|k| k.kind).collect();
    kinds.sort();
    if let Some(w) = kinds.windows(2).find(|w| w[0] == w[1]) {
        return Err(SynonymError::KindTwice(w[0].code().to_string()));
    }
    Ok(())
}

/// The shipped table, read once. It is checked by a test, so a broken one cannot ship; should
/// it still fail, the search goes on without synonyms rather than stopping the program.
pub fn builtin() -> &'static Synonyms {
    static TABLE: OnceLock<Synonyms> = OnceLock::new();
    TABLE.get_or_init(|| {
        parse(FILE).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "the built-in synonym table is broken; searching without it");
            Synonyms::default()
        })
    })
}

/// The words of `text` as the search index sees them: split at spaces and punctuation, in
/// lower case, without diacritics ("PUB-avtalet" → `pub`, `avtalet`; "Överföring" →
/// `overforing`). This follows SQLite's `unicode61 remove_diacritics 2` tokenizer, which the
/// index uses, closely enough for deciding which words of a query name a synonym or need a
/// corrected spelling and where a hit matched; the index itself always tokenizes the query as
/// typed.
pub fn fold(text: &str) -> Vec<String> {
    let folded = Folded::new(text);
    folded.words().map(str::to_string).collect()
}

/// The folded words of a text in one string: what the search compares phrases with, many
/// times per hit, without a string per word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    text: String,
    words: Vec<std::ops::Range<usize>>,
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut out = Folded {
            text: String::with_capacity(text.len()),
            words: Vec::new(),
        };
        let mut start = None;
        for c in text.chars() {
            if !is_word_char(c) {
                if let Some(s) = start.take() {
                    out.words.push(s..out.text.len());
                }
                continue;
            }
            start.get_or_insert(out.text.len());
            if c.is_ascii() {
                out.text.push(c.to_ascii_lowercase());
            } else {
                out.text
                    .extend(c.to_lowercase().map(nucleo_matcher::chars::normalize));
            }
        }
        if let Some(s) = start {
            out.words.push(s..out.text.len());
        }
        out
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The `i`th word ("" past the end).
    pub fn word(&self, i: usize) -> &str {
        self.words
            .get(i)
            .and_then(|r| self.text.get(r.clone()))
            .unwrap_or_default()
    }

    pub fn words(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.word(i))
    }
}

/// Letters and digits, and the ASCII symbols unicode61 keeps inside words (`+`, `$`, `<` …);
/// spaces and punctuation separate words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || "$+<=>^`|~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_is_valid_and_has_both_languages() {
        let table = parse(FILE).unwrap();
        assert!(table.groups.len() >= 10, "{}", table.groups.len());
        assert_eq!(table.kinds.len(), Kind::ALL.len(), "every kind has words");
        assert_eq!(builtin(), &table);
        let has = |words: &[&str]| {
            table.groups.iter().any(|g| {
                let members: Vec<Vec<String>> = g.members().map(fold).collect();
                words.iter().all(|w| members.contains(&fold(w)))
            })
        };
        assert!(has(&[
            "underleverantör",
            "underbiträde",
            "sub-supplier",
            "sub-processor"
        ]));
        assert!(has(&[
            "personuppgiftsbiträdesavtal",
            "PUB-avtal",
            "DPA",
            "data processing agreement"
        ]));
        assert!(has(&["molntjänst", "cloud", "SaaS"]));
        assert!(has(&["loggning", "logs"]));
        assert!(has(&["exit", "avslut", "utträde"]));
        assert!(has(&["informationsklassning", "KLASSA"]));
    }

    #[test]
    fn words_fold_as_the_index_does() {
        assert_eq!(fold("PUB-avtalet"), vec!["pub", "avtalet"]);
        assert_eq!(
            fold("Överföring, ÅÄÖ é ü"),
            vec!["overforing", "aao", "e", "u"]
        );
        assert_eq!(fold("lag (2020:914)"), vec!["lag", "2020", "914"]);
        assert_eq!(fold("art. 28.3 d"), vec!["art", "28", "3", "d"]);
        assert_eq!(fold(" – ; "), Vec::<String>::new());
    }

    #[test]
    fn mistakes_in_a_table_are_named() {
        let cases = [
            ("format = 2", "format 2"),
            (
                "format = 1\n[[group]]\nsv = [\"a\", \"b\"]\nen = []",
                "no words in English",
            ),
            (
                "format = 1\n[[group]]\nsv = [\"a\"]\nen = [\"b\"]\n[[group]]\nsv = [\"A\"]\nen = [\"c\"]",
                "\"A\" is in group 1 and in group 2",
            ),
            (
                "format = 1\n[[group]]\nsv = [\"–\"]\nen = [\"b\"]",
                "no letters",
            ),
            (
                "format = 1\n[[kind]]\nkind = \"mandatory\"\nsv = [\"a\"]\nen = [\"b\"]\n[[kind]]\nkind = \"mandatory\"\nsv = [\"c\"]\nen = [\"d\"]",
                "named twice",
            ),
            (
                "format = 1\n[[kind]]\nkind = \"maybe\"\nsv = [\"a\"]\nen = [\"b\"]",
                "not a synonym table",
            ),
            (
                "format = 1\n[[group]]\nsv = [\"a\"]\nen = []\nfr = [\"b\"]",
                "not a synonym table",
            ),
        ];
        for (text, wanted) in cases {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.contains(wanted), "{text:?}: {e}");
        }
    }
}
