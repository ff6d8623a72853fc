//! One procurement: its lines and what the officer does with them. Every change is one store
//! call carrying the revision the officer saw; the domain refuses what the status does not
//! allow, and a published procurement refuses the editing keys before any editor opens, with
//! the reason and the way to amend. What the officer may do here is split by subject: `edit`
//! (the lines), `link` (the sets), `publish` (the status), `history`, `drift` and `export`
//! (the requirement specification to a file).

use super::forms::procurement_form;
use super::{Pick, Procurements, Purpose, edit, history, link, publish};
use crate::domain::{Lang, Line, Procurement};
use crate::i18n::{Label, Msg};
use crate::store::linking::NotApplied;
use crate::store::prelude::*;
use crate::store::procurements::{Amendment, LinkedSet, Record};
use crate::store::tailoring::Drift;
use crate::tui::action::Action;
use crate::tui::error::{Refusal, UiError};
use crate::tui::keymap::{self, Context};
use crate::tui::screens::{Ctx, Effect, Outcome, TextEvent, info};
use crate::tui::widgets::form::Values;
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::text_input::TextInput;

/// What the detail shows beside the procurement's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Lines,
    /// Newer versions of the linked sets, change by change.
    Drift,
    /// The lines, with the selected line's history beside them.
    History,
}

/// One row of the line list: a line, or a linked set's requirement that does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Line(usize),
    NotApplied(usize),
}

/// The filter of the lines (`/`): what is typed, and whether it is being typed.
#[derive(Debug, Clone, Default)]
pub struct LineFilter {
    pub input: TextInput,
    pub typing: bool,
}

pub struct Detail {
    pub record: Record<Procurement>,
    /// The revision when opened, and whether a line changed since: going back reloads the
    /// list only then.
    pub opened_revision: i64,
    pub changed: bool,
    pub lines: Vec<Record<Line>>,
    pub linked: Vec<LinkedSet>,
    pub drift: Vec<Drift>,
    pub amendments: Vec<Amendment>,
    pub view: View,
    /// The linked sets' requirements that do not apply, when shown (`i`).
    pub not_applied: Option<Vec<NotApplied>>,
    pub filter: Option<LineFilter>,
    /// What the list shows, in order.
    pub rows: Vec<Row>,
    pub cursor: ListCursor,
    pub drift_cursor: ListCursor,
    /// The whole header, even where it leaves the list few rows.
    pub header_open: bool,
    /// The selected line's history, while the history view is open.
    pub history: Vec<crate::i18n::Event>,
}

impl Detail {
    pub fn load(id: i64, cx: &mut Ctx) -> Result<Detail, UiError> {
        let record = cx.store.procurement(id)?.ok_or(UiError::Gone)?;
        let mut d = Detail {
            opened_revision: record.revision,
            changed: false,
            record,
            lines: Vec::new(),
            linked: Vec::new(),
            drift: Vec::new(),
            amendments: Vec::new(),
            view: View::Lines,
            not_applied: None,
            filter: None,
            rows: Vec::new(),
            cursor: ListCursor::default(),
            drift_cursor: ListCursor::default(),
            header_open: false,
            history: Vec::new(),
        };
        d.reload(cx)?;
        Ok(d)
    }

    /// Reloads from the store, keeping the selected line selected.
    pub fn reload(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        let keep = self.selected().map(|l| l.id);
        let id = self.record.id;
        let store = &*cx.store;
        self.record = store.procurement(id)?.ok_or(UiError::Gone)?;
        self.lines = store.lines(id)?;
        self.linked = store.linked_sets(id)?;
        self.drift = store.drift(id)?;
        self.amendments = store.amendments(id)?;
        if self.not_applied.is_some() {
            self.not_applied = Some(store.not_applied(id)?);
        }
        self.drift_cursor.set_len(self.drift.len());
        if self.drift.is_empty() && self.view == View::Drift {
            self.view = View::Lines;
        }
        self.rebuild_rows(cx.lang);
        if let Some(k) = keep {
            self.select_line(k);
        }
        if self.view == View::History {
            self.load_history(cx)?;
        }
        Ok(())
    }

    /// The rows the list shows: every line (those matching the filter, when one is set), then
    /// the requirements that do not apply, when shown.
    pub fn rebuild_rows(&mut self, lang: Lang) {
        let query = self
            .filter
            .as_ref()
            .map(|f| f.input.value().trim().to_lowercase())
            .filter(|q| !q.is_empty());
        let matches = |l: &Line| {
            query.as_ref().is_none_or(|q| {
                let text = format!("{} {} {}", l.label(), l.title.get(lang), l.text.get(lang));
                text.to_lowercase().contains(q.as_str())
            })
        };
        let mut rows: Vec<Row> = self
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| matches(&l.value))
            .map(|(i, _)| Row::Line(i))
            .collect();
        if let Some(not) = &self.not_applied {
            rows.extend((0..not.len()).map(Row::NotApplied));
        }
        self.rows = rows;
        self.cursor.set_len(self.rows.len());
    }

    fn select_line(&mut self, line_id: i64) {
        if let Some(i) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Line(i) if self.lines[*i].id == line_id))
        {
            self.cursor.select(i);
        }
    }

    pub fn selected_row(&self) -> Option<Row> {
        self.cursor
            .current()
            .and_then(|i| self.rows.get(i))
            .copied()
    }

    pub fn selected(&self) -> Option<&Record<Line>> {
        match self.selected_row()? {
            Row::Line(i) => self.lines.get(i),
            Row::NotApplied(_) => None,
        }
    }

    pub fn selected_not_applied(&self) -> Option<&NotApplied> {
        match self.selected_row()? {
            Row::NotApplied(i) => self.not_applied.as_ref()?.get(i),
            Row::Line(_) => None,
        }
    }

    pub fn selected_drift(&self) -> Option<&Drift> {
        self.drift_cursor.current().and_then(|i| self.drift.get(i))
    }

    pub fn is_frozen(&self) -> bool {
        self.record.value.status.is_frozen()
    }

    /// Whether the line with `id` was amended after publication.
    pub fn is_amended(&self, line: &Record<Line>) -> bool {
        line.value.amended || self.amendments.iter().any(|a| a.line_id == Some(line.id))
    }

    /// The key contexts of what is shown, innermost first.
    pub fn contexts(&self) -> Vec<Context> {
        match self.view {
            View::Drift => vec![Context::Drift, Context::List],
            _ if self.is_frozen() => vec![
                Context::ProcurementFrozen,
                Context::ProcurementDetail,
                Context::List,
            ],
            _ => vec![Context::ProcurementDetail, Context::List],
        }
    }

    pub fn typing(&self) -> bool {
        self.filter.as_ref().is_some_and(|f| f.typing)
    }

    /// Typing into the line filter; the history beside the list follows the selected line.
    pub fn text(&mut self, input: TextEvent, cx: &mut Ctx) -> Result<bool, UiError> {
        let Some(f) = self.filter.as_mut().filter(|f| f.typing) else {
            return Ok(false);
        };
        let took = f.input.take(input);
        if took {
            self.rebuild_rows(cx.lang);
            self.cursor.first();
            self.load_history(cx)?;
        }
        Ok(took)
    }

    /// Back, inside the detail: out of the history, the filter, the rows that do not apply;
    /// false when there is nothing left to leave (the list is next).
    pub fn back(&mut self, lang: Lang) -> bool {
        if self.view == View::History {
            self.view = View::Lines;
        } else if let Some(f) = &mut self.filter {
            if f.typing && !f.input.value().is_empty() {
                f.typing = false;
            } else {
                // The line found stays selected among all the lines.
                let keep = self.selected().map(|l| l.id);
                self.filter = None;
                self.rebuild_rows(lang);
                if let Some(k) = keep {
                    self.select_line(k);
                }
            }
        } else if self.not_applied.is_some() {
            self.not_applied = None;
            self.rebuild_rows(lang);
        } else {
            return false;
        }
        true
    }

    pub fn handle(&mut self, action: &Action, cx: &mut Ctx) -> Outcome<Procurements> {
        if self.view == View::Drift {
            return self.handle_drift(action, cx);
        }
        if self.is_frozen() && edits_the_tender(action) {
            return Err(self.locked(cx.lang));
        }
        let lang = cx.lang;
        let form = |(p, f)| Ok(vec![Effect::Form(p, f)]);
        match action {
            Action::LinkSet => link::picker(self, cx),
            Action::BuildFromProfile => link::from_profile(self, cx),
            Action::UnlinkSet => link::unlink_picker(self, lang),
            Action::ToggleNotApplying => link::toggle_not_applying(self, cx),
            Action::ToggleInclude => edit::toggle_include(self, cx),
            Action::ChangeKind => Ok(edit::kind_picker(self, lang)),
            Action::SetWeight => edit::weight_form(self, lang),
            Action::Edit => Ok(self.selected().map_or(Vec::new(), |r| {
                let (p, f) = super::lines::text_form(r, false, lang);
                vec![Effect::Form(p, f)]
            })),
            Action::Amend => edit::amend_form(self, lang),
            Action::AddOwnLine => form(super::lines::own_line_form(self.record.id, lang)),
            Action::MoveLineUp | Action::MoveLineDown => {
                edit::move_line(self, *action == Action::MoveLineUp, cx)
            }
            Action::MoveLineTo => Ok(edit::move_to_form(self, lang)),
            Action::EditProcurement if self.is_frozen() => {
                form(super::forms::amend_procurement_form(&self.record, lang))
            }
            Action::EditProcurement => form(procurement_form(Some(&self.record), lang)),
            Action::ChangeStatus => Ok(publish::status_picker(self, lang)),
            Action::ExportDocument => super::export::form(self, lang),
            Action::ShowDrift => {
                // Read again: another terminal may have imported a newer version just now.
                self.drift = cx.store.drift(self.record.id)?;
                self.drift_cursor.set_len(self.drift.len());
                if self.drift.is_empty() {
                    return Ok(info(Msg::NoDrift.text(lang)));
                }
                self.view = View::Drift;
                Ok(Vec::new())
            }
            Action::ShowHistory => {
                self.view = match self.view {
                    View::History => View::Lines,
                    _ => View::History,
                };
                self.load_history(cx)?;
                Ok(Vec::new())
            }
            Action::ToggleHeader => {
                self.header_open = !self.header_open;
                Ok(Vec::new())
            }
            // Enter ends typing the filter; the lines it found stay, and n/N move between them.
            Action::Open if self.typing() => {
                if let Some(f) = &mut self.filter {
                    f.typing = false;
                }
                Ok(Vec::new())
            }
            Action::Search => {
                let f = self.filter.get_or_insert_with(LineFilter::default);
                f.typing = true;
                Ok(Vec::new())
            }
            Action::NextMatch | Action::PrevMatch => {
                self.step_match(*action == Action::NextMatch);
                Ok(Vec::new())
            }
            other => {
                self.cursor.apply(other);
                if self.view == View::History {
                    self.load_history(cx)?;
                }
                Ok(Vec::new())
            }
        }
    }

    /// Moves to the next (or previous) matching line, going round at the end.
    fn step_match(&mut self, forward: bool) {
        if self.filter.is_none() || self.rows.is_empty() {
            return;
        }
        if let Some(f) = &mut self.filter {
            f.typing = false;
        }
        let n = self.rows.len();
        let at = self.cursor.current().unwrap_or(0);
        self.cursor.select(if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        });
    }

    fn load_history(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        self.history = match self.selected() {
            Some(line) if self.view == View::History => {
                history::of_line(cx, line, &self.amendments)?
            }
            _ => Vec::new(),
        };
        Ok(())
    }

    /// Why an editing key does nothing on a published procurement, and what to do instead.
    fn locked(&self, lang: Lang) -> UiError {
        let amend = keymap::key_for(&[Context::ProcurementFrozen], &Action::Amend)
            .map(|k| k.to_string())
            .unwrap_or_default();
        UiError::Said(
            Msg::LockedUseAmend
                .text(lang)
                .replace("{status}", self.record.value.status.label(lang))
                .replace("{key}", &amend),
        )
    }

    /// The drift view has keys of its own: move, take a change over, go back.
    fn handle_drift(&mut self, action: &Action, cx: &mut Ctx) -> Outcome<Procurements> {
        match action {
            Action::Back | Action::ShowDrift => self.view = View::Lines,
            Action::TakeOver => return super::drift::take_over(self, cx),
            Action::ToggleHeader => self.header_open = !self.header_open,
            other => {
                self.drift_cursor.apply(other);
            }
        }
        Ok(Vec::new())
    }

    /// One store call for the open procurement; the view is read again either way, so a
    /// refused write never leaves a screen showing what was not saved.
    pub fn write<T>(
        &mut self,
        cx: &mut Ctx,
        f: impl FnOnce(&crate::store::Tx) -> crate::store::Result<T>,
    ) -> Result<T, UiError> {
        self.changed = true;
        let r = cx.store.write(f);
        self.reload(cx)?;
        Ok(r?)
    }

    pub fn picked(&mut self, pick: Pick, cx: &mut Ctx) -> Outcome<Procurements> {
        self.changed = true;
        match pick {
            Pick::LinkSet { procurement, set } => link::link(self, procurement, vec![set], cx),
            Pick::Unlink { procurement, set } => link::unlink_confirm(self, procurement, set, cx),
            Pick::Kind {
                line,
                revision,
                kind,
            } => edit::apply_kind(self, line, revision, kind, cx),
            Pick::Status {
                procurement,
                revision,
                to,
            } => publish::confirm(self, procurement, revision, to, cx),
            Pick::Drift { choice, drift } => super::drift::decided(self, choice, &drift, cx),
        }
    }

    /// Several sets ticked in a set list: linked in one step.
    pub fn picked_many(&mut self, picks: Vec<Pick>, cx: &mut Ctx) -> Outcome<Procurements> {
        let procurement = self.record.id;
        let sets: Vec<String> = picks
            .into_iter()
            .filter_map(|p| match p {
                Pick::LinkSet { set, .. } => Some(set),
                Pick::Unlink { .. }
                | Pick::Kind { .. }
                | Pick::Status { .. }
                | Pick::Drift { .. } => None,
            })
            .collect();
        if sets.is_empty() {
            return Ok(info(Msg::NothingLinked.text(cx.lang)));
        }
        link::link(self, procurement, sets, cx)
    }

    /// A saved line form: the store call for it, with the revision the officer saw.
    pub fn submitted(
        &mut self,
        purpose: Purpose,
        v: &Values,
        cx: &mut Ctx,
    ) -> Result<Vec<Effect<Procurements>>, Refusal> {
        self.changed = true;
        edit::submitted(self, purpose, v, cx)
    }
}

/// The actions that change a tender's lines or sets: refused once it is published.
fn edits_the_tender(action: &Action) -> bool {
    matches!(
        action,
        Action::Edit
            | Action::ChangeKind
            | Action::SetWeight
            | Action::AddOwnLine
            | Action::ToggleInclude
            | Action::MoveLineUp
            | Action::MoveLineDown
            | Action::MoveLineTo
            | Action::LinkSet
            | Action::BuildFromProfile
            | Action::UnlinkSet
            | Action::ToggleNotApplying
    )
}
