//! The Procurements tab: the list (with a filter), and one procurement with its lines, where
//! the officer links sets, tailors lines, moves the status on, amends after publication,
//! takes newer library text over and exports the requirement specification.

mod detail;
mod detail_view;
mod drift;
mod edit;
mod export;
mod forms;
mod history;
mod lines;
mod link;
mod publish;
pub mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Ctx, Effect, Outcome, Screen, Submitted, TextEvent, Ui, info};
use crate::domain::{Kind, Lang, Procurement, Status};
use crate::i18n::{Label, Msg};
use crate::store::prelude::*;
use crate::store::procurements::ProcurementSummary;
use crate::tui::action::Action;
use crate::tui::error::UiError;
use crate::tui::keymap::Context;
use crate::tui::widgets::form::Values;
use crate::tui::widgets::fuzzy;
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::text_input::TextInput;

pub use detail::{Detail, Row, View};
pub use drift::DriftChoice;
pub use export::ExportField;
pub use forms::ProcField;
pub use lines::{LineField, OwnLineField};

/// What a Procurements form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    NewProcurement,
    EditProcurement {
        id: i64,
        revision: i64,
    },
    /// The reference, title, owner or deadline of a published procurement, with a reason.
    AmendProcurement {
        id: i64,
        revision: i64,
    },
    EditLineText {
        line: i64,
        revision: i64,
    },
    AddOwnLine {
        procurement: i64,
    },
    LineWeight {
        line: i64,
        revision: i64,
    },
    Amend {
        line: i64,
        revision: i64,
    },
    /// Leaving out a line whose basis is a law: the reason.
    ExcludeLine {
        line: i64,
        revision: i64,
    },
    /// A requirement the profile does not call for, added with a reason.
    AddNotApplying {
        procurement: i64,
        set: String,
        requirement: String,
    },
    MoveLineTo {
        line: i64,
        revision: i64,
    },
    /// The requirement specification written to a file.
    Export {
        procurement: i64,
    },
}

/// What an entry of a Procurements picker stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Pick {
    LinkSet {
        procurement: i64,
        set: String,
    },
    Status {
        procurement: i64,
        revision: i64,
        to: Status,
    },
    Kind {
        line: i64,
        revision: i64,
        kind: Kind,
    },
    /// The linked set to unlink.
    Unlink {
        procurement: i64,
        set: String,
    },
    /// What to do with a library change to a line the officer edited.
    Drift {
        choice: DriftChoice,
        drift: Box<crate::store::tailoring::Drift>,
    },
}

/// What a Procurements confirmation guards.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    Transition {
        procurement: i64,
        revision: i64,
        to: Status,
    },
    ApplyProfile {
        id: i64,
        revision: i64,
        procurement: Box<Procurement>,
    },
    /// Unlinking a set, with its lines as the officer saw them (id, revision).
    Unlink {
        procurement: i64,
        set: String,
        seen: Vec<(i64, i64)>,
    },
}

#[derive(Default)]
pub struct Procurements {
    pub list: Vec<ProcurementSummary>,
    /// Indices into `list` that pass the filter, in list order or best match first.
    pub shown: Vec<usize>,
    pub filter: TextInput,
    pub filtering: bool,
    /// What the filter matches each procurement by, built when the list is read (not on every
    /// key), and the language it was built in.
    haystack: Vec<String>,
    haystack_lang: Option<Lang>,
    pub cursor: ListCursor,
    pub detail: Option<Detail>,
    /// The list must be read again before it is shown (something changed while a procurement
    /// was open).
    list_stale: bool,
    lang: Lang,
}

impl Procurements {
    fn reload_list(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        let selected = self.selected().map(|p| p.id);
        self.list = cx.store.procurements()?;
        self.haystack_lang = None;
        self.list_stale = false;
        self.refilter();
        if let Some(id) = selected
            && let Some(i) = self.shown.iter().position(|&i| self.list[i].id == id)
        {
            self.cursor.select(i);
        }
        Ok(())
    }

    fn refilter(&mut self) {
        let lang = self.lang;
        if self.haystack_lang != Some(lang) || self.haystack.len() != self.list.len() {
            self.haystack = self
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
            self.haystack_lang = Some(lang);
        }
        self.shown = fuzzy::rank(self.filter.value(), &self.haystack);
        self.cursor.set_len(self.shown.len());
    }

    pub fn selected(&self) -> Option<&ProcurementSummary> {
        self.cursor
            .current()
            .and_then(|i| self.shown.get(i))
            .and_then(|i| self.list.get(*i))
    }

    pub fn filtering(&self) -> bool {
        self.filtering && self.detail.is_none()
    }

    /// Opens one procurement (from the list, the dashboard, or after creating it).
    pub fn open(&mut self, id: i64, cx: &mut Ctx) -> Result<(), UiError> {
        self.detail = Some(Detail::load(id, cx)?);
        Ok(())
    }

    fn edit_selected(&self, cx: &mut Ctx) -> Outcome<Self> {
        let Some(id) = self.selected().map(|p| p.id) else {
            return Ok(Vec::new());
        };
        let rec = cx.store.procurement(id)?.ok_or(UiError::Gone)?;
        let (p, form) = forms::procurement_form(Some(&rec), cx.lang);
        Ok(vec![Effect::Form(p, form)])
    }

    fn handle_list(&mut self, action: &Action, cx: &mut Ctx) -> Outcome<Self> {
        match action {
            Action::Search => self.filtering = true,
            Action::Back if self.filtering || !self.filter.value().is_empty() => {
                self.filtering = false;
                self.filter.set("");
                self.refilter();
            }
            Action::Open => {
                self.filtering = false;
                if let Some(id) = self.selected().map(|p| p.id) {
                    self.open(id, cx)?;
                }
            }
            Action::New => {
                let (p, form) = forms::procurement_form(None, cx.lang);
                return Ok(vec![Effect::Form(p, form)]);
            }
            Action::EditProcurement => return self.edit_selected(cx),
            other => {
                self.cursor.apply(other);
            }
        }
        Ok(Vec::new())
    }
}

impl Screen for Procurements {
    const TITLE: Msg = Msg::TabProcurements;
    const SWITCH: Msg = Msg::ActTabProcurements;
    type Form = Purpose;
    type Pick = Pick;
    type Confirm = Ask;
    type Job = export::Done;

    fn contexts(&self) -> Vec<Context> {
        match &self.detail {
            Some(d) => d.contexts(),
            None => vec![Context::Procurements, Context::List],
        }
    }

    fn handle(&mut self, action: &Action, cx: &mut Ctx) -> Outcome<Self> {
        self.lang = cx.lang;
        let Some(d) = &mut self.detail else {
            return self.handle_list(action, cx);
        };
        if *action == Action::Back && d.view != View::Drift {
            if d.back(cx.lang) {
                return Ok(Vec::new());
            }
            // The list is read again only when something changed while the detail was open.
            let changed = d.record.revision != d.opened_revision || d.changed || self.list_stale;
            self.detail = None;
            if changed {
                self.reload_list(cx)?;
            }
            return Ok(Vec::new());
        }
        d.handle(action, cx)
    }

    fn text(&mut self, input: TextEvent, cx: &mut Ctx) -> bool {
        if let Some(d) = &mut self.detail {
            return match d.text(input, cx) {
                Ok(took) => took,
                Err(e) => {
                    // The history could not be read: it is left out rather than shown stale.
                    tracing::warn!(error = %e, "reading a line's history");
                    d.history.clear();
                    true
                }
            };
        }
        let took = self.filtering() && self.filter.take(input);
        if took {
            self.refilter();
        }
        took
    }

    fn submitted(&mut self, purpose: Purpose, v: Values, cx: &mut Ctx) -> Submitted<Self> {
        // Exporting changes nothing, so there is nothing to read again afterwards.
        if let Purpose::Export { procurement } = purpose {
            return export::submit(procurement, &v, cx);
        }
        let out = match purpose {
            Purpose::NewProcurement => {
                let id = forms::create(&v, cx)?;
                self.detail = Some(Detail::load(id, cx)?);
                info(Msg::Created.text(cx.lang))
            }
            Purpose::EditProcurement { id, revision } => forms::save(id, revision, &v, cx)?,
            Purpose::AmendProcurement { id, revision } => forms::amend(id, revision, &v, cx)?,
            line => match &mut self.detail {
                Some(d) => d.submitted(line, &v, cx)?,
                None => return Err(UiError::Gone.into()),
            },
        };
        self.after_change(cx)?;
        Ok(out)
    }

    fn picked(&mut self, pick: Pick, cx: &mut Ctx) -> Outcome<Self> {
        // A pick changes the open procurement; the list follows when going back to it.
        match &mut self.detail {
            Some(d) => d.picked(pick, cx),
            None => Err(UiError::Gone),
        }
    }

    fn picked_many(&mut self, picks: Vec<Pick>, cx: &mut Ctx) -> Outcome<Self> {
        match &mut self.detail {
            Some(d) => d.picked_many(picks, cx),
            None => Err(UiError::Gone),
        }
    }

    fn confirmed(&mut self, ask: Ask, cx: &mut Ctx) -> Outcome<Self> {
        let message = forms::apply(ask, cx);
        self.after_change(cx)?;
        Ok(info(message?))
    }

    fn finished(&mut self, done: export::Done, cx: &mut Ctx) -> Outcome<Self> {
        export::finished(done, cx.lang)
    }

    fn reload(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        self.lang = cx.lang;
        match &mut self.detail {
            // The open procurement is what shows; the list is read when going back to it.
            Some(d) => {
                d.reload(cx)?;
                self.list_stale = true;
                Ok(())
            }
            None => self.reload_list(cx),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        view::draw(frame, area, self, ui.lang, ui.theme);
    }
}

impl Procurements {
    /// After a change: the open procurement and the list show what was saved.
    fn after_change(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        if let Some(d) = &mut self.detail {
            d.changed = true;
            d.reload(cx)?;
        }
        self.reload_list(cx)
    }
}
