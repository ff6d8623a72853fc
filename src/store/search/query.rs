//! From typed text to an FTS5 expression: the words of the query, the synonyms and kinds they
//! name (from the catalog's table), and the expression itself.
//!
//! User input never reaches FTS5's query language raw (a dash or a quote would be syntax):
//! every word is a quoted phrase, so FTS5 tokenizes it as it tokenized the library and
//! `2020:914` matches `2020` followed by `914`. All terms must match; a term matches when one
//! of its ways does (the word as typed or corrected, a synonym, the kind it names).

use std::sync::OnceLock;

use crate::catalog::synonyms::{self, Folded, Synonyms, fold};
use crate::domain::Kind;

/// A quoted FTS5 phrase and the folded words it stands for.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Phrase {
    text: String,
    pub tokens: Vec<String>,
    /// The last word may go on (`"lagr"*` finds "lagring").
    pub prefix: bool,
}

impl Phrase {
    pub fn new(text: &str, prefix: bool) -> Phrase {
        Phrase {
            text: text.to_string(),
            tokens: fold(text),
            prefix,
        }
    }

    /// The words as they are shown.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The phrase in FTS5's syntax, quotes doubled.
    pub fn fts(&self) -> String {
        let star = if self.prefix { "*" } else { "" };
        format!("\"{}\"{star}", self.text.replace('"', "\"\""))
    }

    /// Whether these words stand in `field` in a row, as FTS5 would match them.
    pub fn found_in(&self, field: &Folded) -> bool {
        let Some((last, head)) = self.tokens.split_last() else {
            return false;
        };
        let k = self.tokens.len();
        (0..(field.len() + 1).saturating_sub(k)).any(|at| {
            head.iter()
                .enumerate()
                .all(|(i, w)| field.word(at + i) == w)
                && if self.prefix {
                    field.word(at + head.len()).starts_with(last.as_str())
                } else {
                    field.word(at + head.len()) == last
                }
        })
    }
}

/// One word of the query as typed, or an abbreviation and its number (`art. 28`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word {
    pub typed: String,
    pub tokens: Vec<String>,
    /// Spellings searched instead of the typed one, which the library does not have.
    pub corrections: Vec<String>,
    forms: Vec<Phrase>,
}

impl Word {
    fn new(typed: String) -> Word {
        Word {
            tokens: fold(&typed),
            forms: vec![Phrase::new(&typed, true)],
            typed,
            corrections: Vec::new(),
        }
    }

    /// Searches `corrections` instead of the typed word (none: the word as typed).
    pub fn correct(&mut self, corrections: Vec<String>) {
        self.forms = if corrections.is_empty() {
            vec![Phrase::new(&self.typed, true)]
        } else {
            corrections.iter().map(|c| Phrase::new(c, true)).collect()
        };
        self.corrections = corrections;
    }

    /// The words it is searched as: the corrections when there are some, else as typed.
    pub fn forms(&self) -> &[Phrase] {
        &self.forms
    }

    /// The folded words it stands for when looking up synonyms: its best correction if any.
    fn lookup_tokens(&self) -> Vec<String> {
        match self.corrections.first() {
            Some(c) => vec![c.clone()],
            None => self.tokens.clone(),
        }
    }

    /// A single word of letters: one the spelling may correct.
    pub fn correctable(&self) -> bool {
        self.tokens.len() == 1
            && self.tokens[0].chars().count() >= super::spelling::MIN_CHARS
            && self.tokens[0].chars().all(char::is_alphabetic)
    }
}

/// The words of typed text: split at spaces, commas and semicolons; anything without a letter
/// or digit is dropped; an abbreviation ending in a full stop is kept with the number after it
/// (`art. 28`, `kap. 2`), so that the two are searched next to each other. A word ending a
/// sentence ("leverantören. 2020") is not an abbreviation.
pub(super) fn words(input: &str) -> Vec<Word> {
    let mut out: Vec<String> = Vec::new();
    for w in input
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|w| w.chars().any(char::is_alphanumeric))
    {
        let joins = out.last().is_some_and(|prev| {
            prev.strip_suffix('.').is_some_and(is_abbreviation)
                && w.starts_with(|c: char| c.is_ascii_digit())
        });
        match out.last_mut() {
            Some(prev) if joins => {
                prev.push(' ');
                prev.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
    }
    out.into_iter().map(Word::new).collect()
}

/// A short word written with a full stop, as legal references abbreviate (`art`, `kap`, `st`).
fn is_abbreviation(word: &str) -> bool {
    (1..=MAX_ABBREVIATION).contains(&word.chars().count()) && word.chars().all(char::is_alphabetic)
}

const MAX_ABBREVIATION: usize = 5;

/// One term of the query: every term must match.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Term {
    /// The words as typed (each as typed or corrected), all of which must match.
    pub words: Vec<Word>,
    /// Other members of the synonym group the words name.
    pub synonyms: Vec<Phrase>,
    /// The kind of requirement the words name.
    pub kind: Option<Kind>,
}

impl Term {
    pub fn typed(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.typed.as_str()).collect();
        words.join(" ")
    }

    pub fn corrected(&self) -> bool {
        self.words.iter().any(|w| !w.corrections.is_empty())
    }

    fn fts(&self) -> String {
        let base: Vec<String> = self
            .words
            .iter()
            .map(|w| {
                let forms: Vec<String> = w.forms().iter().map(Phrase::fts).collect();
                format!("({})", forms.join(" OR "))
            })
            .collect();
        let mut ways = vec![format!("({})", base.join(" AND "))];
        ways.extend(self.synonyms.iter().map(Phrase::fts));
        if let Some(k) = self.kind {
            ways.push(format!("kind : \"{}\"", k.code()));
        }
        format!("({})", ways.join(" OR "))
    }
}

/// The FTS5 expression of `terms`, `None` when there is nothing to search.
pub(super) fn fts(terms: &[Term]) -> Option<String> {
    (!terms.is_empty()).then(|| {
        terms
            .iter()
            .map(Term::fts)
            .collect::<Vec<_>>()
            .join(" AND ")
    })
}

/// What a member of the synonym table leads to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Group(usize),
    Kind(Kind),
}

#[derive(Debug)]
struct Entry {
    member: String,
    tokens: Vec<String>,
    target: Target,
}

/// The synonym table with every member folded, for looking words up.
#[derive(Debug)]
pub(super) struct Lexicon {
    table: Synonyms,
    entries: Vec<Entry>,
    longest: usize,
}

/// Endings of Swedish and English inflection a member may carry in a query and still name its
/// group: underleverantör*er*, molnet*, PUB-avtal*et*, sub-processor*s*.
const ENDINGS: &[&str] = &[
    "s", "e", "n", "t", "en", "et", "er", "ar", "or", "na", "es", "ens", "ets", "ers", "ars",
    "ors", "erna", "arna", "orna", "ernas", "arnas", "ornas",
];

/// Members whose last word is shorter than this are matched without an ending ("log" is not
/// "loge").
const MIN_INFLECTED: usize = 4;

/// A member whose last word has this many letters is searched as a prefix.
const MIN_PREFIX: usize = 5;

impl Lexicon {
    pub fn new(table: Synonyms) -> Lexicon {
        let mut entries = Vec::new();
        for (i, g) in table.groups.iter().enumerate() {
            entries.extend(g.members().map(|m| (m, Target::Group(i))).map(entry));
        }
        for k in &table.kinds {
            entries.extend(
                k.words
                    .members()
                    .map(|m| (m, Target::Kind(k.kind)))
                    .map(entry),
            );
        }
        let longest = entries.iter().map(|e| e.tokens.len()).max().unwrap_or(0);
        Lexicon {
            table,
            entries,
            longest,
        }
    }

    /// The entry `tokens` name: exactly, or a member with an inflection ending.
    fn lookup(&self, tokens: &[String]) -> Option<&Entry> {
        let (last, head) = tokens.split_last()?;
        let exact = self.entries.iter().find(|e| e.tokens == tokens);
        exact.or_else(|| {
            self.entries.iter().find(|e| {
                e.tokens.split_last().is_some_and(|(m_last, m_head)| {
                    m_head == head
                        && m_last.chars().count() >= MIN_INFLECTED
                        && last
                            .strip_prefix(m_last.as_str())
                            .is_some_and(|end| ENDINGS.contains(&end))
                })
            })
        })
    }

    /// The kind `text` names, if it names one.
    #[cfg(test)]
    pub fn kind_of(&self, text: &str) -> Option<Kind> {
        match self.lookup(&fold(text))?.target {
            Target::Kind(k) => Some(k),
            Target::Group(_) => None,
        }
    }

    fn synonyms(&self, entry: &Entry) -> Vec<Phrase> {
        let Target::Group(g) = entry.target else {
            return Vec::new();
        };
        self.table.groups[g]
            .members()
            .filter(|m| *m != entry.member)
            .map(|m| {
                let long = fold(m)
                    .last()
                    .is_some_and(|w| w.chars().count() >= MIN_PREFIX);
                Phrase::new(m, long)
            })
            .collect()
    }
}

fn entry((member, target): (&str, Target)) -> Entry {
    Entry {
        member: member.to_string(),
        tokens: fold(member),
        target,
    }
}

/// The lexicon of the built-in synonym table.
pub(super) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(synonyms::builtin().clone()))
}

/// Groups `words` into terms: the longest run of words that names a member of the table is one
/// term with the member's synonyms or kind; every other word is a term of its own.
pub(super) fn terms(words: &[Word], lexicon: &Lexicon) -> Vec<Term> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = (i + 1..=words.len()).rev().find_map(|end| {
            let tokens: Vec<String> = words[i..end].iter().flat_map(Word::lookup_tokens).collect();
            if tokens.len() > lexicon.longest {
                return None;
            }
            lexicon.lookup(&tokens).map(|e| (end, e))
        });
        let (end, entry) = match found {
            Some((end, e)) => (end, Some(e)),
            None => (i + 1, None),
        };
        out.push(Term {
            words: words[i..end].to_vec(),
            synonyms: entry.map(|e| lexicon.synonyms(e)).unwrap_or_default(),
            kind: entry.and_then(|e| match e.target {
                Target::Kind(k) => Some(k),
                Target::Group(_) => None,
            }),
        });
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts_of(input: &str) -> Option<String> {
        fts(&terms(&words(input), lexicon()))
    }

    #[test]
    fn words_are_quoted_prefix_phrases() {
        assert_eq!(fts_of("HOST-03").unwrap(), "(((\"HOST-03\"*)))");
        assert_eq!(
            fts_of("word\" under").unwrap(),
            "(((\"word\"\"\"*))) AND (((\"under\"*)))"
        );
        assert_eq!(fts_of("  - ; "), None);
    }

    #[test]
    fn an_abbreviation_keeps_its_number() {
        let typed = |q: &str| -> Vec<String> { words(q).into_iter().map(|w| w.typed).collect() };
        assert_eq!(typed("GDPR art. 28.3"), vec!["GDPR", "art. 28.3"]);
        assert_eq!(typed("OSL 10 kap. 2 a §"), vec!["OSL", "10", "kap. 2", "a"]);
        assert_eq!(typed("leverantören. 2020"), vec!["leverantören.", "2020"]);
        assert_eq!(typed("2020:914"), vec!["2020:914"]);
    }

    #[test]
    fn phrases_match_words_in_a_row_the_last_as_a_prefix() {
        let field = Folded::new("GDPR art. 28.3 d; Lag (2020:914) 1–2 §§");
        assert!(Phrase::new("art. 28", true).found_in(&field));
        assert!(Phrase::new("2020:914", true).found_in(&field));
        assert!(Phrase::new("gdpr", true).found_in(&field));
        assert!(!Phrase::new("art. 3", true).found_in(&field));
        assert!(!Phrase::new("gdp", false).found_in(&field));
        assert!(!Phrase::new("–", true).found_in(&field));
    }

    #[test]
    fn members_name_their_group_with_inflection_endings() {
        let lex = lexicon();
        let group = |q: &str| -> Vec<String> {
            terms(&words(q), lex)
                .iter()
                .flat_map(|t| t.synonyms.iter().map(|p| p.text.clone()))
                .collect()
        };
        assert!(group("underleverantörer").contains(&"sub-processor".to_string()));
        assert!(group("Underbiträdet").contains(&"underleverantör".to_string()));
        assert!(group("PUB-avtalet").contains(&"DPA".to_string()));
        assert!(group("data processing agreement").contains(&"PUB-avtal".to_string()));
        assert!(group("molnet").contains(&"SaaS".to_string()));
        assert!(group("underlev").is_empty(), "a prefix is not a member");
        assert!(group("loge").is_empty(), "short members take no endings");
        let t = terms(&words("krav på data processing agreement"), lex);
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(t[2].typed(), "data processing agreement");
    }

    #[test]
    fn kind_words_name_the_kind_and_join_the_query_as_a_column_match() {
        let lex = lexicon();
        assert_eq!(lex.kind_of("ska-krav"), Some(Kind::Mandatory));
        assert_eq!(lex.kind_of("Bör-kraven"), Some(Kind::Evaluated));
        assert_eq!(lex.kind_of("kontraktsvillkor"), Some(Kind::ContractTerm));
        assert_eq!(
            lex.kind_of("qualification requirement"),
            Some(Kind::Qualification)
        );
        assert_eq!(lex.kind_of("krav"), None);
        assert_eq!(
            fts_of("ska-krav").unwrap(),
            "(((\"ska-krav\"*)) OR kind : \"mandatory\")"
        );
    }

    #[test]
    fn short_synonyms_are_whole_words_long_ones_prefixes() {
        let t = terms(&words("loggning"), lexicon());
        let fts = t[0].fts();
        assert!(fts.contains("\"log\" OR"), "{fts}");
        assert!(fts.contains("\"logging\"*"), "{fts}");
        assert!(fts.starts_with("(((\"loggning\"*))"), "{fts}");
    }
}
