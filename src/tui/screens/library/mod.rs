//! The Library tab: sets → requirements → the selected requirement in full, a search over the
//! whole library as you type, filters by kind and tag, and the editing of own sets (built-in
//! sets are read-only; duplicating one makes an editable copy).

mod forms;
mod search;
pub mod view;

use crossterm::event::KeyEvent;
use ratatui::text::Line;

use super::{Ctx, Effect, Outcome, Submitted};
use crate::domain::{Kind, Lang, Requirement, RequirementSet};
use crate::i18n::Msg;
use crate::store::Store;
use crate::store::custom_sets::IndexEntry;
use crate::store::prelude::*;
use crate::store::sets::{Origin, SetRecord, SetSummary};
use crate::tui::action::Action;
use crate::tui::state::{FormPurpose, Modal, Pending, PickPurpose};
use crate::tui::widgets::form::Values;
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::modal::{ConfirmState, PickItem, PickerState};

pub use search::Search;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Sets,
    Requirements,
    Detail,
}

#[derive(Default)]
pub struct LibraryState {
    pub sets: Vec<SetSummary>,
    pub set_cursor: ListCursor,
    /// The selected set, whole, with the revisions its edits name.
    pub current: Option<SetRecord>,
    /// Indices into `current.requirements` that pass the filters.
    pub shown: Vec<usize>,
    pub req_cursor: ListCursor,
    pub pane: Pane,
    pub kind_filter: Option<Kind>,
    pub tag_filter: Option<String>,
    pub search: Option<Search>,
    pub detail_scroll: u16,
    pub index: Vec<IndexEntry>,
}

impl LibraryState {
    pub fn reload(&mut self, store: &Store) -> anyhow::Result<()> {
        let keep = self.current_set().map(|s| s.id.to_string());
        self.sets = store.sets()?;
        // The search index is read when a search starts, not at every start of the program.
        self.index.clear();
        self.set_cursor.set_len(self.sets.len());
        if let Some(i) = keep.and_then(|k| self.sets.iter().position(|s| s.id == k)) {
            self.set_cursor.select(i);
        }
        self.load_current(store)
    }

    fn load_current(&mut self, store: &Store) -> anyhow::Result<()> {
        let id = self.selected_set().map(|s| s.id.clone());
        self.current = match id {
            Some(id) => store.set_record(&id)?,
            None => None,
        };
        self.refilter();
        Ok(())
    }

    fn refilter(&mut self) {
        let (kind, tag) = (self.kind_filter, self.tag_filter.clone());
        self.shown = self
            .current_set()
            .map(|s| {
                s.requirements
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| kind.is_none_or(|k| r.kind == k))
                    .filter(|(_, r)| tag.as_ref().is_none_or(|t| r.tags.contains(t)))
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        self.req_cursor.set_len(self.shown.len());
        self.detail_scroll = 0;
    }

    /// The selected set's content.
    pub fn current_set(&self) -> Option<&RequirementSet> {
        self.current.as_ref().map(|r| &r.set)
    }

    pub fn selected_set(&self) -> Option<&SetSummary> {
        self.set_cursor.current().and_then(|i| self.sets.get(i))
    }

    pub fn selected_requirement(&self) -> Option<&Requirement> {
        let s = self.current_set()?;
        let i = self.req_cursor.current().and_then(|i| self.shown.get(i))?;
        s.requirements.get(*i)
    }

    fn is_builtin(&self) -> bool {
        self.selected_set()
            .is_some_and(|s| s.origin == Origin::Builtin)
    }

    pub fn searching(&self) -> bool {
        self.search.is_some()
    }

    pub fn text_key(&mut self, ev: &KeyEvent, typed: Option<char>, store: &Store) -> bool {
        let Some(search) = &mut self.search else {
            return false;
        };
        let took = match typed {
            Some(c) => {
                search.input.insert(c);
                true
            }
            None => search.input.edit(ev),
        };
        if took {
            search.run(store, &self.index);
        }
        took
    }

    pub fn paste(&mut self, text: &str, store: &Store) {
        if let Some(search) = &mut self.search {
            search.input.paste(text);
            search.run(store, &self.index);
        }
    }

    fn move_by(&mut self, action: &Action, cx: &mut Ctx) -> Result<(), String> {
        if let Some(s) = &mut self.search {
            apply_move(&mut s.cursor, action);
            return Ok(());
        }
        match self.pane {
            Pane::Sets => {
                let before = self.set_cursor.selected;
                apply_move(&mut self.set_cursor, action);
                if self.set_cursor.selected != before {
                    self.req_cursor = ListCursor::default();
                    self.load_current(cx.store).map_err(|e| e.to_string())?;
                }
            }
            Pane::Requirements => {
                apply_move(&mut self.req_cursor, action);
                self.detail_scroll = 0;
            }
            Pane::Detail => match action {
                Action::MoveDown => self.detail_scroll = self.detail_scroll.saturating_add(1),
                Action::MoveUp => self.detail_scroll = self.detail_scroll.saturating_sub(1),
                Action::PageDown => self.detail_scroll = self.detail_scroll.saturating_add(10),
                Action::PageUp => self.detail_scroll = self.detail_scroll.saturating_sub(10),
                Action::First => self.detail_scroll = 0,
                _ => {}
            },
        }
        Ok(())
    }

    /// Opens a search hit in its set.
    fn jump_to(&mut self, set_id: &str, requirement_id: &str, cx: &mut Ctx) -> Result<(), String> {
        self.kind_filter = None;
        self.tag_filter = None;
        if let Some(i) = self.sets.iter().position(|s| s.id == set_id) {
            self.set_cursor.select(i);
        }
        self.load_current(cx.store).map_err(|e| e.to_string())?;
        if let Some(i) = self.current_set().and_then(|s| {
            let pos = s
                .requirements
                .iter()
                .position(|r| r.id.as_str() == requirement_id)?;
            self.shown.iter().position(|&x| x == pos)
        }) {
            self.req_cursor.select(i);
        }
        self.pane = Pane::Detail;
        Ok(())
    }

    pub fn handle(&mut self, action: &Action, cx: &mut Ctx) -> Outcome {
        let lang = cx.lang;
        match action {
            Action::MoveUp
            | Action::MoveDown
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => self.move_by(action, cx)?,
            Action::Search => {
                if self.index.is_empty() {
                    self.index = cx.store.requirement_index().map_err(|e| cx.error(&e))?;
                }
                self.search = Some(Search::default());
            }
            Action::Back if self.search.is_some() => self.search = None,
            Action::Back => {
                self.pane = match self.pane {
                    Pane::Detail => Pane::Requirements,
                    _ => Pane::Sets,
                }
            }
            Action::Open => match &self.search {
                Some(s) => {
                    if let Some(hit) = s.selected().cloned() {
                        self.search = None;
                        self.jump_to(&hit.set_id, &hit.requirement_id, cx)?;
                    }
                }
                None => {
                    self.pane = match self.pane {
                        Pane::Sets => Pane::Requirements,
                        _ => Pane::Detail,
                    }
                }
            },
            Action::NextPane => {
                self.pane = match self.pane {
                    Pane::Sets => Pane::Requirements,
                    Pane::Requirements => Pane::Detail,
                    Pane::Detail => Pane::Sets,
                }
            }
            Action::PrevPane => {
                self.pane = match self.pane {
                    Pane::Sets => Pane::Detail,
                    Pane::Requirements => Pane::Sets,
                    Pane::Detail => Pane::Requirements,
                }
            }
            Action::CycleKindFilter => {
                self.kind_filter = match self.kind_filter {
                    None => Some(Kind::Qualification),
                    Some(Kind::Qualification) => Some(Kind::Mandatory),
                    Some(Kind::Mandatory) => Some(Kind::Evaluated),
                    Some(Kind::Evaluated) => Some(Kind::ContractTerm),
                    Some(Kind::ContractTerm) => None,
                };
                self.refilter();
            }
            Action::PickTagFilter => return self.tag_picker(cx),
            Action::New => return self.new_item(lang),
            Action::Edit => return self.edit_item(lang),
            Action::Delete => return self.delete_item(lang),
            Action::DuplicateSet => {
                let Some(s) = self.selected_set() else {
                    return Ok(Vec::new());
                };
                return Ok(vec![Effect::Push(forms::duplicate_form(s, lang))]);
            }
            Action::ImportSet => return Ok(vec![Effect::Push(forms::import_form(lang))]),
            Action::ExportSet => {
                let Some(s) = self.selected_set() else {
                    return Ok(Vec::new());
                };
                return Ok(vec![Effect::Push(forms::export_form(&s.id, lang))]);
            }
            _ => {}
        }
        Ok(Vec::new())
    }

    fn tag_picker(&self, cx: &mut Ctx) -> Outcome {
        let lang = cx.lang;
        let mut tags = vec![String::new()];
        tags.extend(cx.store.tags().map_err(|e| cx.error(&e))?);
        let items = tags
            .iter()
            .map(|t| PickItem {
                label: if t.is_empty() {
                    Msg::AllTags.text(lang).to_string()
                } else {
                    t.clone()
                },
                detail: String::new(),
            })
            .collect();
        let picker = PickerState::new(
            Msg::PickTag.text(lang).to_string(),
            items,
            PickPurpose::TagFilter { tags },
        );
        Ok(vec![Effect::Push(Modal::Picker(picker))])
    }

    fn refuse_builtin(&self, lang: Lang) -> Option<String> {
        self.is_builtin()
            .then(|| Msg::BuiltinReadOnlyHint.text(lang).to_string())
    }

    fn new_item(&self, lang: Lang) -> Outcome {
        if self.pane == Pane::Sets {
            return Ok(vec![Effect::Push(forms::set_form(None, lang))]);
        }
        if let Some(e) = self.refuse_builtin(lang) {
            return Err(e);
        }
        let Some(set) = self.current_set() else {
            return Ok(Vec::new());
        };
        Ok(vec![Effect::Push(forms::requirement_form(set, None, lang))])
    }

    fn edit_item(&self, lang: Lang) -> Outcome {
        if let Some(e) = self.refuse_builtin(lang) {
            return Err(e);
        }
        let Some(record) = &self.current else {
            return Ok(Vec::new());
        };
        if self.pane == Pane::Sets {
            return Ok(vec![Effect::Push(forms::set_form(Some(record), lang))]);
        }
        match self.selected_requirement() {
            Some(r) => Ok(vec![Effect::Push(forms::requirement_form(
                &record.set,
                record
                    .requirement_revision(r.id.as_str())
                    .map(|revision| (r, revision)),
                lang,
            ))]),
            None => Ok(Vec::new()),
        }
    }

    fn delete_item(&self, lang: Lang) -> Outcome {
        if let Some(e) = self.refuse_builtin(lang) {
            return Err(e);
        }
        let Some(record) = &self.current else {
            return Ok(Vec::new());
        };
        let set = &record.set;
        let (title, body, on_yes) = match (self.pane, self.selected_requirement()) {
            (Pane::Sets, _) | (_, None) => (
                Msg::ConfirmDeleteSetTitle
                    .text(lang)
                    .replace("{id}", set.id.as_str()),
                Msg::ConfirmDeleteSet
                    .text(lang)
                    .replace("{n}", &set.requirements.len().to_string()),
                Pending::DeleteSet {
                    id: set.id.to_string(),
                    revision: record.revision,
                },
            ),
            (_, Some(r)) => (
                Msg::ConfirmDeleteRequirementTitle
                    .text(lang)
                    .replace("{id}", r.id.as_str()),
                Msg::ConfirmDeleteRequirement.text(lang).to_string(),
                Pending::DeleteRequirement {
                    set: set.id.to_string(),
                    requirement: r.id.to_string(),
                    revision: record
                        .requirement_revision(r.id.as_str())
                        .unwrap_or_default(),
                },
            ),
        };
        let confirm = ConfirmState {
            title,
            body: vec![Line::raw(body)],
            on_yes,
        };
        Ok(vec![Effect::Push(Modal::Confirm(confirm))])
    }

    pub fn picked(&mut self, purpose: PickPurpose, index: usize, cx: &mut Ctx) -> Outcome {
        if let PickPurpose::TagFilter { tags } = purpose {
            self.tag_filter = tags.get(index).filter(|t| !t.is_empty()).cloned();
            self.refilter();
            let _ = cx;
        }
        Ok(Vec::new())
    }

    pub fn confirmed(&mut self, pending: Pending, cx: &mut Ctx) -> Outcome {
        let lang = cx.lang;
        let result = match &pending {
            Pending::DeleteSet { id, revision } => {
                cx.store.write(|tx| tx.delete_set(id, *revision))
            }
            Pending::DeleteRequirement {
                set,
                requirement,
                revision,
            } => cx
                .store
                .write(|tx| tx.delete_requirement(set, requirement, *revision).map(drop)),
            _ => Ok(()),
        };
        result.map_err(|e| cx.error(&e))?;
        self.reload(cx.store).map_err(|e| e.to_string())?;
        Ok(vec![Effect::Info(Msg::Deleted.text(lang).to_string())])
    }

    pub fn submitted(&mut self, purpose: &FormPurpose, values: &Values, cx: &mut Ctx) -> Submitted {
        let out = forms::submit(purpose, values, cx)?;
        let focus = match purpose {
            FormPurpose::NewSet | FormPurpose::DuplicateSet { .. } | FormPurpose::ImportSet => {
                Some(values.text("id"))
            }
            _ => None,
        };
        self.reload(cx.store).map_err(|e| e.to_string())?;
        if let Some(id) = focus.filter(|f| !f.is_empty()).or(out.1)
            && let Some(i) = self.sets.iter().position(|s| s.id == id)
        {
            self.set_cursor.select(i);
            self.load_current(cx.store).map_err(|e| e.to_string())?;
        }
        Ok(out.0)
    }
}

fn apply_move(c: &mut ListCursor, action: &Action) {
    match action {
        Action::MoveDown => c.down(1),
        Action::MoveUp => c.up(1),
        Action::PageDown => c.page_down(),
        Action::PageUp => c.page_up(),
        Action::First => c.first(),
        Action::Last => c.last(),
        _ => {}
    }
}
