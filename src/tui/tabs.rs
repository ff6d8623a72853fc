//! The tab list: which screens the shell has, in the order of their number keys, and the one
//! place that routes to them. `screens!` turns the list into the `Tab` enum, the `Screens`
//! holding each screen's state, the enums of every screen's modal purposes and job results,
//! and one exhaustive match per routed call — so adding a screen is its module, one line here
//! and its rows in the key table, and a modal's result can only reach the screen that opened
//! it.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::error::{Refusal, UiError};
use super::keymap::Context;
use super::screens::{
    Ctx, Effect, Job, Screen, TextEvent, Ui, counts, dashboard, library, procurements,
};
use super::state::Modal;
use super::widgets::filter_list::FilterList;
use super::widgets::form::Values;
use crate::i18n::Msg;

/// Something on another screen to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goto {
    Procurement(i64),
}

/// What a screen's effect becomes for the shell.
pub enum AppEffect {
    Push(Modal),
    Info(String),
    Go(Goto),
    Spawn(Job<JobResult>),
}

/// How one screen's purposes and job results are wrapped into the shell's enums.
struct Wrap<S: Screen> {
    form: fn(S::Form) -> FormPurpose,
    pick: fn(S::Pick) -> PickPurpose,
    confirm: fn(S::Confirm) -> ConfirmPurpose,
    job: fn(Box<S::Job>) -> JobResult,
}

/// A screen of the tab list, with the wrappers of its purposes.
trait Owned: Screen + Sized {
    const WRAP: Wrap<Self>;
}

fn lift<S: Owned>(effects: Vec<Effect<S>>) -> Vec<AppEffect> {
    let w = &S::WRAP;
    effects
        .into_iter()
        .map(|e| match e {
            Effect::Form(p, form) => AppEffect::Push(Modal::Form((w.form)(p), form)),
            Effect::Pick(list) => AppEffect::Push(Modal::Pick(map_list(list, w.pick))),
            Effect::Confirm(p, c) => AppEffect::Push(Modal::Confirm((w.confirm)(p), c)),
            Effect::Message(m) => AppEffect::Push(Modal::Message(m)),
            Effect::Info(text) => AppEffect::Info(text),
            Effect::Go(goto) => AppEffect::Go(goto),
            Effect::Spawn(job) => {
                let wrap = w.job;
                AppEffect::Spawn(Box::new(move || wrap(Box::new(job()))))
            }
        })
        .collect()
}

fn map_list<P, Q>(list: FilterList<P>, f: fn(P) -> Q) -> FilterList<Q> {
    FilterList {
        title: list.title,
        entries: list
            .entries
            .into_iter()
            .map(|e| super::widgets::filter_list::Entry {
                label: e.label,
                detail: e.detail,
                value: f(e.value),
            })
            .collect(),
        input: list.input,
        matches: list.matches,
        cursor: list.cursor,
        look: list.look,
        ticks: list.ticks,
        untick_takes_cursor: list.untick_takes_cursor,
        hint: list.hint,
    }
}

pub type AppOutcome = Result<Vec<AppEffect>, UiError>;
pub type AppSubmitted = Result<Vec<AppEffect>, Refusal>;

macro_rules! screens {
    ($( $tab:ident: $field:ident => $ty:ty ),+ $(,)?) => {
        /// The tabs of the shell, in the order of their number keys.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Tab { $($tab),+ }

        impl Tab {
            pub const ALL: &'static [Tab] = &[$(Tab::$tab),+];

            pub fn title(self) -> Msg {
                match self { $(Tab::$tab => <$ty as Screen>::TITLE),+ }
            }

            /// The palette's text for switching to the tab.
            pub fn switch_text(self) -> Msg {
                match self { $(Tab::$tab => <$ty as Screen>::SWITCH),+ }
            }
        }

        /// What an open form is for, by the screen that opened it.
        #[derive(Clone)]
        pub enum FormPurpose { $($tab(<$ty as Screen>::Form)),+ }
        /// What a picker's entry stands for, by the screen that opened it.
        pub enum PickPurpose { $($tab(<$ty as Screen>::Pick)),+ }
        /// What a confirmation guards, by the screen that asked.
        pub enum ConfirmPurpose { $($tab(<$ty as Screen>::Confirm)),+ }
        /// A finished background job, for the screen that started it.
        pub enum JobResult { $($tab(Box<<$ty as Screen>::Job>)),+ }

        $(impl Owned for $ty {
            const WRAP: Wrap<$ty> = Wrap {
                form: FormPurpose::$tab,
                pick: PickPurpose::$tab,
                confirm: ConfirmPurpose::$tab,
                job: JobResult::$tab,
            };
        })+

        /// The state of every screen.
        #[derive(Default)]
        pub struct Screens { $(pub $field: $ty),+ }

        impl Screens {
            pub fn contexts(&self, tab: Tab) -> Vec<Context> {
                match tab { $(Tab::$tab => self.$field.contexts()),+ }
            }

            pub fn handle(&mut self, tab: Tab, action: &Action, cx: &mut Ctx) -> AppOutcome {
                match tab {
                    $(Tab::$tab => self.$field.handle(action, cx).map(lift::<$ty>)),+
                }
            }

            pub fn text(&mut self, tab: Tab, input: TextEvent, cx: &mut Ctx) -> bool {
                match tab { $(Tab::$tab => self.$field.text(input, cx)),+ }
            }

            pub fn reload(&mut self, tab: Tab, cx: &mut Ctx) -> Result<(), UiError> {
                match tab { $(Tab::$tab => self.$field.reload(cx)),+ }
            }

            pub fn draw(&self, tab: Tab, frame: &mut Frame, area: Rect, ui: &Ui) {
                match tab { $(Tab::$tab => self.$field.draw(frame, area, ui)),+ }
            }

            /// Hands a submitted form to its owner; returns the owner with the outcome.
            pub fn submitted(
                &mut self,
                purpose: FormPurpose,
                values: Values,
                cx: &mut Ctx,
            ) -> (Tab, AppSubmitted) {
                match purpose {
                    $(FormPurpose::$tab(p) => (Tab::$tab, self.$field.submitted(p, values, cx)
                        .map(lift::<$ty>))),+
                }
            }

            pub fn picked(&mut self, purpose: PickPurpose, cx: &mut Ctx) -> (Tab, AppOutcome) {
                match purpose {
                    $(PickPurpose::$tab(p) => (Tab::$tab, self.$field.picked(p, cx)
                        .map(lift::<$ty>))),+
                }
            }

            /// Hands the ticked entries of a list to its owner (a list is one screen's, so they
            /// all are the first one's).
            pub fn picked_many(&mut self, picks: Vec<PickPurpose>, cx: &mut Ctx) -> Option<(Tab, AppOutcome)> {
                let mut picks = picks.into_iter();
                match picks.next()? {
                    $(PickPurpose::$tab(first) => {
                        let mut all = vec![first];
                        #[allow(irrefutable_let_patterns)]
                        all.extend(picks.filter_map(|p| {
                            if let PickPurpose::$tab(p) = p { Some(p) } else { None }
                        }));
                        Some((Tab::$tab, self.$field.picked_many(all, cx).map(lift::<$ty>)))
                    }),+
                }
            }

            pub fn confirmed(&mut self, purpose: ConfirmPurpose, cx: &mut Ctx) -> (Tab, AppOutcome) {
                match purpose {
                    $(ConfirmPurpose::$tab(p) => (Tab::$tab, self.$field.confirmed(p, cx)
                        .map(lift::<$ty>))),+
                }
            }

            pub fn finished(&mut self, result: JobResult, cx: &mut Ctx) -> (Tab, AppOutcome) {
                match result {
                    $(JobResult::$tab(r) => (Tab::$tab, self.$field.finished(*r, cx)
                        .map(lift::<$ty>))),+
                }
            }
        }
    };
}

screens! {
    Dashboard: dashboard => dashboard::Dashboard,
    Library: library => library::Library,
    Procurements: procurements => procurements::Procurements,
    Suppliers: suppliers => counts::Suppliers,
    Reviews: reviews => counts::Reviews,
}

impl Screens {
    /// Opens `goto` on its screen; returns the tab to show.
    pub fn go(&mut self, goto: Goto, cx: &mut Ctx) -> (Tab, Result<(), UiError>) {
        match goto {
            Goto::Procurement(id) => (Tab::Procurements, self.procurements.open(id, cx)),
        }
    }
}
