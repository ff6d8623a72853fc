//! Search over the whole library as you type: the full-text index first (ids, titles, texts
//! and tags in both languages, prefix matching), then fuzzy matches on ids and titles to catch
//! typos and abbreviations the index cannot.

use crate::domain::{Kind, Text};
use crate::store::Store;
use crate::store::custom_sets::IndexEntry;
use crate::store::prelude::*;
use crate::tui::widgets::fuzzy;
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::text_input::TextInput;

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub set_id: String,
    pub requirement_id: String,
    pub kind: Kind,
    pub title: Text,
}

#[derive(Debug, Default)]
pub struct Search {
    pub input: TextInput,
    pub hits: Vec<Hit>,
    pub cursor: ListCursor,
    /// The last search failed (the index refused the query): shown, never a crash.
    pub error: Option<crate::store::StoreError>,
}

/// Results shown at most; more would not fit a screen and cost time on every key.
const LIMIT: usize = 200;
/// Fewer full-text hits than this and fuzzy matches are added.
const FUZZY_BELOW: usize = 20;
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
        if q.chars().count() < MIN_CHARS {
            self.hits.clear();
            self.cursor = ListCursor::new(0);
            return;
        }
        let mut hits: Vec<Hit> = match store.search(&q, LIMIT) {
            Ok(found) => found
                .into_iter()
                .map(|h| Hit {
                    set_id: h.set_id,
                    requirement_id: h.requirement_id,
                    kind: h.kind,
                    title: h.title,
                })
                .collect(),
            Err(e) => {
                self.error = Some(e);
                Vec::new()
            }
        };
        if !q.is_empty() && hits.len() < FUZZY_BELOW {
            let labels: Vec<String> = index
                .iter()
                .map(|e| format!("{} {} {}", e.requirement_id, e.title.sv, e.title.en))
                .collect();
            for i in fuzzy::rank(&q, &labels).into_iter().take(LIMIT) {
                let e = &index[i];
                if !hits.iter().any(|h| h.requirement_id == e.requirement_id) {
                    hits.push(Hit {
                        set_id: e.set_id.clone(),
                        requirement_id: e.requirement_id.clone(),
                        kind: e.kind,
                        title: e.title.clone(),
                    });
                }
                if hits.len() >= LIMIT {
                    break;
                }
            }
        }
        if q.is_empty() {
            hits.clear();
        }
        self.cursor = ListCursor::new(hits.len());
        self.hits = hits;
    }
}
