//! The Library tab: sets → requirements → the selected requirement in full, a search over the
//! whole library as you type, filters by kind and tag, and the editing of own sets (built-in
//! sets are read-only; duplicating one makes an editable copy). Reading and writing set files
//! run as jobs, so a large file never stops the keys.

mod forms;
mod search;
mod submit;
pub mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Ctx, Effect, Outcome, Screen, Submitted, TextEvent, Ui, info};
use crate::domain::{KeyDate, Kind, Requirement, RequirementSet};
use crate::i18n::Msg;
use crate::store::custom_sets::IndexEntry;
use crate::store::prelude::*;
use crate::store::sets::{Origin, SetRecord, SetSummary};
use crate::tui::action::Action;
use crate::tui::error::UiError;
use crate::tui::keymap::Context;
use crate::tui::widgets::filter_list::{Entry, FilterList, Look};
use crate::tui::widgets::form::Values;
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::modal::Confirm;

pub use forms::{DuplicateField, PathField, ReqField, SetField};
pub use search::Search;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Sets,
    Requirements,
    Detail,
}

/// What a Library form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    NewSet,
    EditSet {
        id: String,
        revision: i64,
    },
    DuplicateSet {
        from: String,
    },
    NewRequirement {
        set: String,
    },
    EditRequirement {
        set: String,
        requirement: String,
        revision: i64,
    },
    ImportSet,
    ExportSet {
        set: String,
    },
}

/// What an entry of a Library picker stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// Show only requirements with this tag (`None`: all).
    Tag(Option<String>),
}

/// What a Library confirmation guards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    DeleteSet {
        id: String,
        revision: i64,
    },
    DeleteRequirement {
        set: String,
        requirement: String,
        revision: i64,
    },
}

/// A set file read and parsed off the input thread, or an export written.
#[derive(Debug)]
pub enum Done {
    Imported {
        path: String,
        result: Result<Box<crate::catalog::ParsedSet>, UiError>,
    },
    Exported {
        set: String,
        path: String,
        result: Result<(), UiError>,
    },
}

#[derive(Default)]
pub struct Library {
    pub sets: Vec<SetSummary>,
    pub set_cursor: ListCursor,
    /// The selected set, whole, with the revisions its edits must name.
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
    /// The key dates of the whole library, in library order, for `applies_from`.
    pub key_dates: Vec<KeyDate>,
}

impl Library {
    fn load_current(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        let id = self.selected_set().map(|s| s.id.clone());
        self.current = match id {
            Some(id) => cx.store.set_record(&id)?,
            None => None,
        };
        self.refilter();
        Ok(())
    }

    pub fn current_set(&self) -> Option<&RequirementSet> {
        self.current.as_ref().map(|r| &r.set)
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

    pub fn selected_set(&self) -> Option<&SetSummary> {
        self.set_cursor.current().and_then(|i| self.sets.get(i))
    }

    pub fn selected_requirement(&self) -> Option<&Requirement> {
        let s = self.current_set()?;
        let i = self.req_cursor.current().and_then(|i| self.shown.get(i))?;
        s.requirements.get(*i)
    }

    /// Selects the set `id` after a reload (a new, copied or imported set).
    fn select_set(&mut self, id: &str, cx: &mut Ctx) -> Result<(), UiError> {
        self.reload(cx)?;
        if let Some(i) = self.sets.iter().position(|s| s.id == id) {
            self.set_cursor.select(i);
            self.req_cursor = ListCursor::default();
            self.load_current(cx)?;
        }
        Ok(())
    }

    /// The selected set when it may be changed; a built-in one is refused with the reason.
    fn editable(&self) -> Result<Option<&SetRecord>, UiError> {
        if self
            .selected_set()
            .is_some_and(|s| s.origin == Origin::Builtin)
        {
            return Err(UiError::Refused(Msg::BuiltinReadOnlyHint));
        }
        Ok(self.current.as_ref())
    }

    fn move_by(&mut self, action: &Action, cx: &mut Ctx) -> Result<(), UiError> {
        if let Some(s) = &mut self.search {
            s.cursor.apply(action);
            return Ok(());
        }
        match self.pane {
            Pane::Sets => {
                let before = self.set_cursor.selected;
                self.set_cursor.apply(action);
                if self.set_cursor.selected != before {
                    self.req_cursor = ListCursor::default();
                    self.load_current(cx)?;
                }
            }
            Pane::Requirements => {
                self.req_cursor.apply(action);
                self.detail_scroll = 0;
            }
            Pane::Detail => {
                self.detail_scroll = match action {
                    Action::MoveDown => self.detail_scroll.saturating_add(1),
                    Action::MoveUp => self.detail_scroll.saturating_sub(1),
                    Action::PageDown => self.detail_scroll.saturating_add(10),
                    Action::PageUp => self.detail_scroll.saturating_sub(10),
                    Action::First => 0,
                    _ => self.detail_scroll,
                }
            }
        }
        Ok(())
    }

    /// Opens a search hit in its set.
    fn jump_to(&mut self, set_id: &str, requirement_id: &str, cx: &mut Ctx) -> Result<(), UiError> {
        self.kind_filter = None;
        self.tag_filter = None;
        if let Some(i) = self.sets.iter().position(|s| s.id == set_id) {
            self.set_cursor.select(i);
        }
        self.load_current(cx)?;
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

    fn open(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        match self.search.as_ref().map(|s| s.selected().cloned()) {
            Some(hit) => {
                self.search = None;
                if let Some(hit) = hit {
                    self.jump_to(&hit.set_id, &hit.requirement_id, cx)?;
                }
            }
            None => {
                self.pane = match self.pane {
                    Pane::Sets => Pane::Requirements,
                    _ => Pane::Detail,
                }
            }
        }
        Ok(())
    }

    fn tag_picker(&self, cx: &mut Ctx) -> Outcome<Self> {
        let lang = cx.lang;
        let mut entries = vec![Entry::new(Msg::AllTags.text(lang), Pick::Tag(None))];
        entries.extend(
            cx.store
                .tags()?
                .into_iter()
                .map(|t| Entry::new(t.clone(), Pick::Tag(Some(t)))),
        );
        let list = FilterList::new(Msg::PickTag.text(lang), entries, Look::Facts);
        Ok(vec![Effect::Pick(list)])
    }

    fn new_item(&self, cx: &Ctx) -> Outcome<Self> {
        if self.pane == Pane::Sets {
            let (p, form) = forms::set_form(None, cx.lang);
            return Ok(vec![Effect::Form(p, form)]);
        }
        let Some(set) = self.editable()? else {
            return Ok(Vec::new());
        };
        let (p, form) = forms::requirement_form(&set.set, None, cx.lang);
        Ok(vec![Effect::Form(p, form)])
    }

    fn edit_item(&self, cx: &Ctx) -> Outcome<Self> {
        let Some(set) = self.editable()? else {
            return Ok(Vec::new());
        };
        let (p, form) = match (self.pane, self.selected_requirement()) {
            (Pane::Sets, _) => forms::set_form(Some(set), cx.lang),
            (_, Some(r)) => {
                let revision = set.requirement_revision(r.id.as_str()).unwrap_or(0);
                forms::requirement_form(&set.set, Some((r, revision)), cx.lang)
            }
            (_, None) => return Ok(Vec::new()),
        };
        Ok(vec![Effect::Form(p, form)])
    }

    fn delete_item(&self, cx: &Ctx) -> Outcome<Self> {
        let lang = cx.lang;
        let Some(set) = self.editable()? else {
            return Ok(Vec::new());
        };
        let revision = set.revision;
        let set = &set.set;
        let (confirm, ask) = match (self.pane, self.selected_requirement()) {
            (Pane::Sets, _) | (_, None) => (
                Confirm::text(
                    Msg::ConfirmDeleteSetTitle
                        .text(lang)
                        .replace("{id}", set.id.as_str()),
                    Msg::ConfirmDeleteSet
                        .counted(set.requirements.len(), lang)
                        .replace("{n}", &set.requirements.len().to_string()),
                ),
                Ask::DeleteSet {
                    id: set.id.to_string(),
                    revision,
                },
            ),
            (_, Some(r)) => (
                Confirm::text(
                    Msg::ConfirmDeleteRequirementTitle
                        .text(lang)
                        .replace("{id}", r.id.as_str()),
                    Msg::ConfirmDeleteRequirement.text(lang),
                ),
                Ask::DeleteRequirement {
                    set: set.id.to_string(),
                    requirement: r.id.to_string(),
                    revision: self
                        .current
                        .as_ref()
                        .and_then(|c| c.requirement_revision(r.id.as_str()))
                        .unwrap_or(0),
                },
            ),
        };
        Ok(vec![Effect::Confirm(ask, confirm)])
    }

    fn form_for(&self, action: &Action, cx: &Ctx) -> Outcome<Self> {
        let (p, form) = match (action, self.selected_set()) {
            (Action::ImportSet, _) => forms::import_form("", cx.lang),
            (Action::DuplicateSet, Some(s)) => forms::duplicate_form(s, cx.lang),
            (Action::ExportSet, Some(s)) => {
                forms::export_form(&s.id, &format!("{}.toml", s.id), cx.lang)
            }
            _ => return Ok(Vec::new()),
        };
        Ok(vec![Effect::Form(p, form)])
    }
}

/// A path form opened again with the reason its file was refused on the path field.
fn refused(
    (purpose, mut form): (Purpose, Box<crate::tui::widgets::form::FormState>),
    e: UiError,
    lang: crate::domain::Lang,
) -> Effect<Library> {
    form.set_error(
        crate::tui::widgets::form::FieldId::of(PathField::Path),
        e.text(lang, ""),
    );
    Effect::Form(purpose, form)
}

impl Screen for Library {
    const TITLE: Msg = Msg::TabLibrary;
    const SWITCH: Msg = Msg::ActTabLibrary;
    type Form = Purpose;
    type Pick = Pick;
    type Confirm = Ask;
    type Job = Done;

    fn contexts(&self) -> Vec<Context> {
        vec![Context::Library, Context::List]
    }

    fn handle(&mut self, action: &Action, cx: &mut Ctx) -> Outcome<Self> {
        match action {
            Action::MoveUp
            | Action::MoveDown
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => self.move_by(action, cx)?,
            Action::Search => {
                if self.index.is_empty() {
                    self.index = cx.store.requirement_index()?;
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
            Action::Open => self.open(cx)?,
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
                    None => Kind::ALL.first().copied(),
                    Some(k) => Kind::ALL
                        .iter()
                        .position(|x| *x == k)
                        .and_then(|i| Kind::ALL.get(i + 1))
                        .copied(),
                };
                self.refilter();
            }
            Action::PickTagFilter => return self.tag_picker(cx),
            Action::New => return self.new_item(cx),
            Action::Edit => return self.edit_item(cx),
            Action::Delete => return self.delete_item(cx),
            Action::DuplicateSet | Action::ImportSet | Action::ExportSet => {
                return self.form_for(action, cx);
            }
            _ => {}
        }
        Ok(Vec::new())
    }

    /// Typing runs the search over the whole library.
    fn text(&mut self, input: TextEvent, cx: &mut Ctx) -> bool {
        let Some(search) = &mut self.search else {
            return false;
        };
        let took = search.input.take(input);
        took && {
            search.run(cx.store, &self.index);
            true
        }
    }

    fn submitted(&mut self, purpose: Purpose, values: Values, cx: &mut Ctx) -> Submitted<Self> {
        match submit::submit(&purpose, &values, cx)? {
            submit::Submitted::Saved { select, message } => {
                match select {
                    Some(id) => self.select_set(&id, cx)?,
                    None => self.reload(cx)?,
                }
                Ok(info(message))
            }
            submit::Submitted::Spawn(job) => Ok(vec![Effect::Spawn(job)]),
        }
    }

    fn picked(&mut self, pick: Pick, _cx: &mut Ctx) -> Outcome<Self> {
        match pick {
            Pick::Tag(tag) => {
                self.tag_filter = tag;
                self.refilter();
            }
        }
        Ok(Vec::new())
    }

    fn confirmed(&mut self, ask: Ask, cx: &mut Ctx) -> Outcome<Self> {
        match &ask {
            Ask::DeleteSet { id, revision } => cx.store.write(|tx| tx.delete_set(id, *revision))?,
            Ask::DeleteRequirement {
                set,
                requirement,
                revision,
            } => {
                cx.store
                    .write(|tx| tx.delete_requirement(set, requirement, *revision))?;
            }
        }
        self.reload(cx)?;
        Ok(info(Msg::Deleted.text(cx.lang)))
    }

    fn finished(&mut self, done: Done, cx: &mut Ctx) -> Outcome<Self> {
        let lang = cx.lang;
        match done {
            Done::Imported { path, result } => {
                let imported = result.and_then(|parsed| submit::import_parsed(*parsed, cx));
                let set = match imported {
                    Ok(set) => set,
                    // The form comes back with the path and the reason, to correct and retry.
                    Err(e) => return Ok(vec![refused(forms::import_form(&path, lang), e, lang)]),
                };
                self.select_set(set.id.as_str(), cx)?;
                Ok(info(format!(
                    "{} {} {}",
                    Msg::Imported.text(lang),
                    set.id,
                    set.version
                )))
            }
            Done::Exported { set, path, result } => match result {
                Ok(()) => Ok(info(format!("{} {path}", Msg::Exported.text(lang)))),
                Err(e) => Ok(vec![refused(
                    forms::export_form(&set, &path, lang),
                    e,
                    lang,
                )]),
            },
        }
    }

    fn reload(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        let keep = self.current_set().map(|s| s.id.to_string());
        self.sets = cx.store.sets()?;
        self.key_dates = cx.store.key_dates()?.into_iter().map(|(_, d)| d).collect();
        // The search index is read when a search starts, not at every start of the program.
        self.index.clear();
        self.set_cursor.set_len(self.sets.len());
        if let Some(i) = keep.and_then(|k| self.sets.iter().position(|s| s.id == k)) {
            self.set_cursor.select(i);
        }
        self.load_current(cx)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        view::draw(frame, area, self, ui.lang, ui.theme);
    }
}
