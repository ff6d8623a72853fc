//! Search over the whole library as you type: the store's search (ids, titles, tags, basis,
//! kinds and texts in both languages, with synonyms and corrected spellings), then approximate
//! matches on ids and titles for what the index cannot find. What the search made of the query
//! (a corrected word, the synonyms it added) is kept to be shown above the hits.

use crate::store::custom_sets::IndexEntry;
use crate::store::prelude::*;
use crate::store::search::{Correction, Found, Session, Widened, approximate};
use crate::store::{Store, StoreError};
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::text_input::TextInput;

pub use crate::store::search::Hit;

#[derive(Debug, Default)]
pub struct Search {
    pub input: TextInput,
    pub hits: Vec<Hit>,
    pub cursor: ListCursor,
    /// The last search failed (the index refused the query): shown, never a crash.
    pub error: Option<StoreError>,
    /// Words the library does not have, and the spellings searched instead.
    pub corrections: Vec<Correction>,
    /// Words that named synonyms, and the synonyms searched too.
    pub synonyms: Vec<Widened>,
    /// What was read of the index's vocabulary, kept for the next keystroke.
    session: Session,
}

/// Results shown at most; more would not fit a screen and cost time on every key.
const LIMIT: usize = 200;
/// Characters typed before the search runs.
pub const MIN_CHARS: usize = 2;

impl Search {
    pub fn selected(&self) -> Option<&Hit> {
        self.cursor.current().and_then(|i| self.hits.get(i))
    }

    pub fn run(&mut self, store: &Store, index: &[IndexEntry]) {
        let q = self.input.value().trim().to_string();
        self.error = None;
        // One letter matches nearly everything in a large library; wait for the second.
        let mut found = if q.chars().count() < MIN_CHARS {
            Found::default()
        } else {
            let mut found = store
                .find(&q, LIMIT, &mut self.session)
                .unwrap_or_else(|e| {
                    self.error = Some(e);
                    Found::default()
                });
            approximate(&mut found, &q, index, LIMIT);
            found
        };
        self.corrections = std::mem::take(&mut found.corrections);
        self.synonyms = std::mem::take(&mut found.synonyms);
        self.cursor = ListCursor::new(found.hits.len());
        self.hits = found.hits;
    }
}
