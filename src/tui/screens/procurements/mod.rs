//! The Procurements tab: the list (with a filter), and one procurement with its lines, where
//! the officer links sets, tailors lines, moves the status on, amends after publication and
//! takes newer library text over.

mod detail;
mod forms;
pub mod view;

use crossterm::event::KeyEvent;

use super::{Ctx, Effect, Outcome, Refusal, Submitted};
use crate::i18n::Label;
use crate::store::Store;
use crate::store::prelude::*;
use crate::store::procurements::ProcurementSummary;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::state::{FormPurpose, Modal, Pending, PickPurpose};
use crate::tui::widgets::form::Values;
use crate::tui::widgets::fuzzy;
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::text_input::TextInput;

pub use detail::Detail;

#[derive(Default)]
pub struct ProcurementsState {
    pub list: Vec<ProcurementSummary>,
    /// Indices into `list` that pass the filter, in list order or best match first.
    pub shown: Vec<usize>,
    pub filter: TextInput,
    pub filtering: bool,
    pub cursor: ListCursor,
    pub detail: Option<Detail>,
    lang: crate::domain::Lang,
}

impl ProcurementsState {
    pub fn reload(&mut self, store: &Store) -> anyhow::Result<()> {
        let list = store.procurements()?;
        self.reload_from(store, list)
    }

    /// Takes a procurement list already read, keeping the selection.
    pub fn reload_from(
        &mut self,
        store: &Store,
        list: Vec<ProcurementSummary>,
    ) -> anyhow::Result<()> {
        let selected = self.selected().map(|p| p.id);
        self.list = list;
        self.refilter();
        if let Some(id) = selected
            && let Some(i) = self.shown.iter().position(|&i| self.list[i].id == id)
        {
            self.cursor.select(i);
        }
        if let Some(d) = &mut self.detail {
            d.reload(store)?;
        }
        Ok(())
    }

    fn refilter(&mut self) {
        let lang = self.lang;
        let haystack: Vec<String> = self
            .list
            .iter()
            .map(|p| {
                format!(
                    "{} {} {} {}",
                    p.reference,
                    p.title,
                    p.owner,
                    p.status.label(lang)
                )
            })
            .collect();
        self.shown = fuzzy::rank(self.filter.value(), &haystack);
        self.cursor.set_len(self.shown.len());
    }

    pub fn selected(&self) -> Option<&ProcurementSummary> {
        self.cursor
            .current()
            .and_then(|i| self.shown.get(i))
            .and_then(|i| self.list.get(*i))
    }

    pub fn contexts(&self) -> Vec<Context> {
        if self.detail.is_some() {
            vec![Context::ProcurementDetail, Context::List]
        } else {
            vec![Context::Procurements, Context::List]
        }
    }

    pub fn filtering(&self) -> bool {
        self.filtering && self.detail.is_none()
    }

    pub fn text_key(&mut self, ev: &KeyEvent, typed: Option<char>) -> bool {
        let took = match typed {
            Some(c) => {
                self.filter.insert(c);
                true
            }
            None => self.filter.edit(ev),
        };
        if took {
            self.refilter();
        }
        took
    }

    pub fn paste(&mut self, text: &str) {
        if self.filtering() {
            self.filter.paste(text);
            self.refilter();
        }
    }

    pub fn open(&mut self, id: i64, cx: &mut Ctx) -> Outcome {
        self.detail = Some(Detail::load(id, cx.store).map_err(|e| e.to_string())?);
        Ok(Vec::new())
    }

    pub fn handle(&mut self, action: &Action, cx: &mut Ctx) -> Outcome {
        self.lang = cx.lang;
        if let Some(d) = &mut self.detail {
            if *action == Action::Back && !d.show_drift {
                // The list is read again only when something changed while the detail was open.
                let changed = d.record.revision != d.opened_revision || d.changed;
                self.detail = None;
                if changed {
                    self.reload(cx.store).map_err(|e| e.to_string())?;
                }
                return Ok(Vec::new());
            }
            return d.handle(action, cx);
        }
        match action {
            Action::MoveDown => self.cursor.down(1),
            Action::MoveUp => self.cursor.up(1),
            Action::PageDown => self.cursor.page_down(),
            Action::PageUp => self.cursor.page_up(),
            Action::First => self.cursor.first(),
            Action::Last => self.cursor.last(),
            Action::Search => self.filtering = true,
            Action::Back if self.filtering || !self.filter.value().is_empty() => {
                self.filtering = false;
                self.filter.set("");
                self.refilter();
            }
            Action::Open => {
                self.filtering = false;
                if let Some(id) = self.selected().map(|p| p.id) {
                    return self.open(id, cx);
                }
            }
            Action::New => return Ok(vec![Effect::Push(forms::procurement_form(None, cx.lang))]),
            Action::EditProcurement => {
                if let Some(id) = self.selected().map(|p| p.id) {
                    let rec = cx.store.procurement(id).map_err(|e| cx.error(&e))?;
                    if let Some(rec) = rec {
                        return Ok(vec![Effect::Push(forms::procurement_form(
                            Some(&rec),
                            cx.lang,
                        ))]);
                    }
                }
            }
            _ => {}
        }
        Ok(Vec::new())
    }

    pub fn picked(&mut self, purpose: PickPurpose, index: usize, cx: &mut Ctx) -> Outcome {
        match &mut self.detail {
            Some(d) => {
                let out = d.picked(purpose, index, cx);
                d.reload(cx.store).map_err(|e| e.to_string())?;
                out
            }
            None => Ok(Vec::new()),
        }
    }

    pub fn confirmed(&mut self, pending: Pending, cx: &mut Ctx) -> Outcome {
        let out = match &mut self.detail {
            Some(d) => d.confirmed(pending, cx),
            None => forms::apply_pending(pending, cx),
        };
        self.reload(cx.store).map_err(|e| e.to_string())?;
        out
    }

    pub fn submitted(&mut self, purpose: &FormPurpose, values: &Values, cx: &mut Ctx) -> Submitted {
        let out = match purpose {
            FormPurpose::NewProcurement => {
                let id = forms::create(values, cx)?;
                self.detail =
                    Some(Detail::load(id, cx.store).map_err(|e| Refusal::Message(e.to_string()))?);
                Ok(vec![Effect::Info(
                    crate::i18n::Msg::Created.text(cx.lang).to_string(),
                )])
            }
            FormPurpose::EditProcurement { id, revision } => {
                forms::save(*id, *revision, values, cx)
            }
            other => match &mut self.detail {
                Some(d) => d.submitted(other, values, cx),
                None => Ok(Vec::new()),
            },
        };
        self.reload(cx.store)
            .map_err(|e| Refusal::Message(e.to_string()))?;
        out
    }
}

/// A picker or form modal as an effect.
pub(super) fn push(m: Modal) -> Vec<Effect> {
    vec![Effect::Push(m)]
}
