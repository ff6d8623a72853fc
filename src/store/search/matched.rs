//! Where a hit matched: which fields hold the words of the query, and whether a synonym or a
//! corrected spelling brought it in.
//!
//! The index says only that a requirement matches, so each term is looked for again in the
//! hit's short fields (id, title, tags, basis, kind), which the search reads back from the
//! index. A term found in none of them matched in the text; the text is read only when the
//! term has synonyms and it must be told whether the word or a synonym stood there.

use std::collections::BTreeSet;

use serde::Serialize;

use super::super::Result;
use super::query::{Phrase, Term};
use crate::catalog::synonyms::Folded;
use crate::domain::Kind;

/// A reason a requirement is a hit, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Id,
    Title,
    Tags,
    Basis,
    Kind,
    Text,
    /// Through a synonym of a word, not the word itself.
    Synonym,
    /// Through a corrected spelling of a word the library does not have.
    Spelling,
    /// Approximately, in the id or title (letters in order, not a word).
    Approximate,
}

impl Place {
    pub const ALL: [Place; 9] = [
        Place::Id,
        Place::Title,
        Place::Tags,
        Place::Basis,
        Place::Kind,
        Place::Text,
        Place::Synonym,
        Place::Spelling,
        Place::Approximate,
    ];
}

/// A hit's short fields, folded as the index folds them.
pub(super) struct Fields {
    pub id: Folded,
    pub title: Folded,
    pub tags: Folded,
    pub basis: Folded,
    pub kind: Kind,
    /// The kind column as indexed: the kind's code.
    pub kind_code: Folded,
}

impl Fields {
    fn places(&self, phrase: &Phrase) -> Vec<Place> {
        [
            (Place::Id, &self.id),
            (Place::Title, &self.title),
            (Place::Tags, &self.tags),
            (Place::Basis, &self.basis),
            (Place::Kind, &self.kind_code),
        ]
        .into_iter()
        .filter(|(_, field)| phrase.found_in(field))
        .map(|(place, _)| place)
        .collect()
    }
}

/// The places that explain why a hit matched `terms`; `text` reads the hit's text (folded)
/// when it is needed.
pub(super) fn places(
    terms: &[Term],
    fields: &Fields,
    mut text: impl FnMut() -> Result<Folded>,
) -> Result<Vec<Place>> {
    let mut out = BTreeSet::new();
    let mut body: Option<Folded> = None;
    for term in terms {
        let per_word: Vec<Vec<Place>> = term
            .words
            .iter()
            .map(|w| w.forms().iter().flat_map(|p| fields.places(p)).collect())
            .collect();
        let spelling = term.corrected().then_some(Place::Spelling);
        if per_word.iter().all(|p| !p.is_empty()) {
            out.extend(per_word.into_iter().flatten().chain(spelling));
            continue;
        }
        if term.kind == Some(fields.kind) {
            out.insert(Place::Kind);
            continue;
        }
        let synonyms: Vec<Place> = term
            .synonyms
            .iter()
            .flat_map(|p| fields.places(p))
            .collect();
        if !synonyms.is_empty() {
            out.extend(synonyms);
            out.insert(Place::Synonym);
            continue;
        }
        out.insert(Place::Text);
        // Without synonyms, the index matched the words themselves, partly in the text.
        let words_in_text = term.synonyms.is_empty() || {
            if body.is_none() {
                body = Some(text()?);
            }
            let body = body.get_or_insert_with(Folded::default);
            term.words
                .iter()
                .zip(&per_word)
                .all(|(w, p)| !p.is_empty() || w.forms().iter().any(|f| f.found_in(body)))
        };
        if words_in_text {
            out.extend(per_word.into_iter().flatten().chain(spelling));
        } else {
            out.insert(Place::Synonym);
        }
    }
    Ok(out.into_iter().collect())
}
