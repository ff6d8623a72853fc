//! The screens of the shell and the one interface they share.
//!
//! A screen owns its state and its modals. It says which key contexts are active
//! (`contexts`), turns actions and typed text into changes (through the store, one user action
//! one transaction), draws itself from its state, and receives the results of the modals it
//! opened — a submitted form, a picked entry, a yes — typed by its own purpose enums: a form
//! can only carry one of `Self::Form`, so the compiler finds a result sent to the wrong screen.
//! Long work (reading or writing files) is handed to the jobs thread and comes back to
//! `finished`. `tabs.rs` lists the screens and routes to them; nothing else names them.

pub mod counts;
pub mod dashboard;
pub mod library;
pub mod procurements;

use std::path::Path;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::error::{Refusal, UiError};
use super::keymap::Context;
use super::tabs::Goto;
use super::theme::Theme;
use super::widgets::filter_list::FilterList;
use super::widgets::form::{FormState, Values};
use super::widgets::modal::Confirm;
pub use super::widgets::text_input::TextEvent;
use crate::domain::Lang;
use crate::i18n::Msg;
use crate::store::Store;

/// What a screen may use while it handles an action.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub lang: Lang,
    pub today: NaiveDate,
    /// The user's settings file, where a job reads the organisation named on a document's
    /// cover (read when the document is made, so an edit of the file counts without a restart).
    pub settings: Option<&'a Path>,
}

/// What drawing may read besides the screen's own state.
pub struct Ui<'a> {
    pub lang: Lang,
    pub today: NaiveDate,
    pub theme: &'a Theme,
}

/// Work for the jobs thread; what it returns comes back to the screen's `finished`.
pub type Job<T> = Box<dyn FnOnce() -> T + Send>;

/// What handling an action leads to besides the screen's own state.
pub enum Effect<S: Screen + ?Sized> {
    Form(S::Form, Box<FormState>),
    /// A list to choose from; each entry carries the purpose it stands for.
    Pick(FilterList<S::Pick>),
    Confirm(S::Confirm, Confirm),
    /// Something to read before going on (what stops a publication).
    Message(Confirm),
    Info(String),
    /// Open something on another screen.
    Go(Goto),
    Spawn(Job<S::Job>),
}

/// The result of an action: effects, or an error to show.
pub type Outcome<S> = Result<Vec<Effect<S>>, UiError>;

/// The result of a submitted form: effects, or the field and reason it was refused for.
pub type Submitted<S> = Result<Vec<Effect<S>>, Refusal>;

/// No purpose at all, for a screen without forms, pickers, questions or jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Never {}

pub trait Screen {
    /// The tab's name, and the palette's text for going there.
    const TITLE: Msg;
    const SWITCH: Msg;
    /// What this screen's forms are for.
    type Form: Clone;
    /// What the entries of this screen's pickers stand for.
    type Pick;
    /// What this screen's confirmations guard.
    type Confirm;
    /// What this screen's background jobs hand back.
    type Job: Send + 'static;

    /// The key contexts of what is shown, innermost first (the shell adds Global).
    fn contexts(&self) -> Vec<Context>;
    fn handle(&mut self, action: &Action, cx: &mut Ctx) -> Outcome<Self>;
    /// Text for the screen's own input; false when nothing is typing into it.
    fn text(&mut self, _input: TextEvent, _cx: &mut Ctx) -> bool {
        false
    }
    fn submitted(&mut self, purpose: Self::Form, values: Values, cx: &mut Ctx) -> Submitted<Self>;
    fn picked(&mut self, purpose: Self::Pick, cx: &mut Ctx) -> Outcome<Self>;
    /// The ticked entries of a list where several are chosen; by default each in turn.
    fn picked_many(&mut self, picks: Vec<Self::Pick>, cx: &mut Ctx) -> Outcome<Self> {
        let mut out = Vec::new();
        for p in picks {
            out.extend(self.picked(p, cx)?);
        }
        Ok(out)
    }
    fn confirmed(&mut self, purpose: Self::Confirm, cx: &mut Ctx) -> Outcome<Self>;
    fn finished(&mut self, result: Self::Job, cx: &mut Ctx) -> Outcome<Self>;
    /// Reads what the screen shows from the store (again), keeping the selection.
    fn reload(&mut self, cx: &mut Ctx) -> Result<(), UiError>;
    fn draw(&self, frame: &mut Frame, area: Rect, ui: &Ui);
}

/// The modal half of `Screen` for a screen that opens no modals and starts no jobs.
macro_rules! without_modals {
    () => {
        type Form = $crate::tui::screens::Never;
        type Pick = $crate::tui::screens::Never;
        type Confirm = $crate::tui::screens::Never;
        type Job = $crate::tui::screens::Never;

        fn submitted(
            &mut self,
            purpose: Self::Form,
            _: $crate::tui::widgets::form::Values,
            _: &mut $crate::tui::screens::Ctx,
        ) -> $crate::tui::screens::Submitted<Self> {
            match purpose {}
        }

        fn picked(
            &mut self,
            purpose: Self::Pick,
            _: &mut $crate::tui::screens::Ctx,
        ) -> $crate::tui::screens::Outcome<Self> {
            match purpose {}
        }

        fn confirmed(
            &mut self,
            purpose: Self::Confirm,
            _: &mut $crate::tui::screens::Ctx,
        ) -> $crate::tui::screens::Outcome<Self> {
            match purpose {}
        }

        fn finished(
            &mut self,
            result: Self::Job,
            _: &mut $crate::tui::screens::Ctx,
        ) -> $crate::tui::screens::Outcome<Self> {
            match result {}
        }
    };
}
pub(crate) use without_modals;

/// One message as the whole outcome.
pub fn info<S: Screen + ?Sized>(text: impl Into<String>) -> Vec<Effect<S>> {
    vec![Effect::Info(text.into())]
}

/// The width of an id column: the longest id shown, within reason.
pub fn id_width<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    ids.map(|i| i.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(7, 16)
}
