//! The application: turns events into actions and actions into changes of state, through the
//! store when data changes. Drawing is `view::draw` over the state alone.
//!
//! Key dispatch, in order: a paste or a typed character goes to the focused text input (of the
//! top modal, else of the screen); an editing key (arrows, Backspace…) goes to that input if it
//! takes it; anything else is looked up in the key table along the context chain.

use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;
use ratatui::Frame;

use super::action::{Action, Tab};
use super::event::Event;
use super::keymap::{self, Context, Key};
use super::screens::{Ctx, Effect, Outcome, Refusal, dashboard, library, procurements};
use super::state::{AppState, Counts, Modal};
use super::theme::Theme;
use super::view;
use super::widgets::modal::{HelpState, PaletteItem, PaletteState, Toast, ToastKind};
use crate::domain::Lang;
use crate::i18n;
use crate::store::Store;
use crate::store::prelude::*;

pub struct App {
    pub state: AppState,
    store: Store,
    pub theme: Theme,
}

impl App {
    pub fn new(store: Store, lang: Lang, theme: Theme) -> anyhow::Result<App> {
        let today = store.today();
        let state = AppState {
            lang,
            today,
            tab: Tab::Dashboard,
            dashboard: dashboard::DashboardState::default(),
            library: library::LibraryState::default(),
            procurements: procurements::ProcurementsState::default(),
            counts: Counts::default(),
            modals: Vec::new(),
            toast: None,
            quit: false,
        };
        let mut app = App {
            state,
            store,
            theme,
        };
        app.reload_all()?;
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for tools and tests that change data behind the screens' back.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    fn reload_all(&mut self) -> anyhow::Result<()> {
        let s = &mut self.state;
        // One read of the procurements serves both the dashboard and the list.
        let list = self.store.procurements()?;
        s.dashboard.reload_from(&self.store, &list)?;
        s.procurements.reload_from(&self.store, list)?;
        s.library.reload(&self.store)?;
        Ok(())
    }

    /// Counts for the Suppliers and Reviews tabs, read when one of them is opened.
    fn load_counts(&mut self) -> anyhow::Result<()> {
        let (suppliers, contracts, reviews) = self.store.counts()?;
        let n = |v: i64| usize::try_from(v).unwrap_or(0);
        self.state.counts = Counts {
            suppliers: n(suppliers),
            contracts: n(contracts),
            reviews: n(reviews),
        };
        Ok(())
    }

    /// The contexts keys are looked up in, innermost first.
    pub fn chain(&self) -> Vec<Context> {
        if let Some(m) = self.state.modals.last() {
            return vec![match m {
                Modal::Help(_) => Context::Help,
                Modal::Palette(_) => Context::Palette,
                Modal::Form(..) => Context::Form,
                Modal::Picker(_) => Context::Picker,
                Modal::Confirm(_) => Context::Confirm,
            }];
        }
        let mut chain = match self.state.tab {
            Tab::Dashboard => vec![Context::List],
            Tab::Library => vec![Context::Library, Context::List],
            Tab::Procurements => self.state.procurements.contexts(),
            Tab::Suppliers | Tab::Reviews => vec![],
        };
        chain.push(Context::Global);
        chain
    }

    pub fn draw(&self, frame: &mut Frame) {
        view::draw(frame, &self.state, &self.theme, &self.chain());
    }

    /// How long the loop may sleep: until the toast expires, or until the next event.
    pub fn poll_timeout(&self) -> Option<Duration> {
        self.state
            .toast
            .as_ref()
            .map(|t| t.expires.saturating_duration_since(Instant::now()))
    }

    pub fn tick(&mut self, now: Instant) {
        if self.state.toast.as_ref().is_some_and(|t| t.expires <= now) {
            self.state.toast = None;
        }
    }

    pub fn handle_event(&mut self, ev: Event) {
        match ev {
            Event::Key(k) => self.handle_key(&k),
            Event::Paste(text) => self.paste(&text),
            Event::Resize(..) => {}
        }
    }

    fn paste(&mut self, text: &str) {
        match self.state.modals.last_mut() {
            Some(Modal::Form(_, f)) => f.paste(text),
            Some(Modal::Palette(p)) => {
                p.input.paste(text);
                p.refilter();
            }
            Some(Modal::Picker(p)) => {
                p.input.paste(text);
                p.refilter();
            }
            Some(_) => {}
            None => self.screen_text(|s, lib, pro, store| match s {
                Tab::Library => lib.paste(text, store),
                Tab::Procurements => pro.paste(text),
                _ => {}
            }),
        }
    }

    fn screen_text(
        &mut self,
        f: impl FnOnce(Tab, &mut library::LibraryState, &mut procurements::ProcurementsState, &Store),
    ) {
        let tab = self.state.tab;
        f(
            tab,
            &mut self.state.library,
            &mut self.state.procurements,
            &self.store,
        );
    }

    /// Gives the key to the focused text input; true when it took it.
    fn text_key(&mut self, ev: &KeyEvent, key: &Key) -> bool {
        let typed = key.typed_char();
        match self.state.modals.last_mut() {
            Some(Modal::Form(_, f)) if f.wants_text() => {
                // In a multi-line field Enter is a new line, not "save".
                if let Some(c) = typed {
                    f.type_char(c);
                    true
                } else {
                    f.edit_key(ev)
                }
            }
            Some(Modal::Palette(p)) => {
                let took = match typed {
                    Some(c) => {
                        p.input.insert(c);
                        true
                    }
                    None => p.input.edit(ev),
                };
                if took {
                    p.refilter();
                }
                took
            }
            Some(Modal::Picker(p)) => {
                let took = match typed {
                    Some(c) => {
                        p.input.insert(c);
                        true
                    }
                    None => p.input.edit(ev),
                };
                if took {
                    p.refilter();
                }
                took
            }
            Some(_) => false,
            None => {
                let store = &self.store;
                let s = &mut self.state;
                match s.tab {
                    Tab::Library if s.library.searching() => s.library.text_key(ev, typed, store),
                    Tab::Procurements if s.procurements.filtering() => {
                        s.procurements.text_key(ev, typed)
                    }
                    _ => false,
                }
            }
        }
    }

    fn handle_key(&mut self, ev: &KeyEvent) {
        let key = Key::from_event(ev);
        // Any key dismisses a toast, so errors are not left hanging over the next action.
        if self
            .state
            .toast
            .as_ref()
            .is_some_and(|t| t.kind == ToastKind::Info)
        {
            self.state.toast = None;
        }
        if self.text_key(ev, &key) {
            return;
        }
        if let Some(action) = keymap::lookup(&self.chain(), &key) {
            self.dispatch(action);
        }
    }

    /// Carries out one action in the current context.
    pub fn dispatch(&mut self, action: Action) {
        if !self.state.modals.is_empty() {
            self.modal_action(action);
            return;
        }
        match action {
            Action::Quit => self.state.quit = true,
            Action::ShowHelp => {
                let chain = self.chain();
                self.state
                    .modals
                    .push(Modal::Help(HelpState { chain, scroll: 0 }));
            }
            Action::OpenPalette => self.open_palette(),
            Action::SwitchTab(tab) => {
                self.state.tab = tab;
                if matches!(tab, Tab::Suppliers | Tab::Reviews)
                    && let Err(e) = self.load_counts()
                {
                    let text = i18n::any_error(&e, self.state.lang);
                    self.toast_error(text);
                }
            }
            Action::ToggleLanguage => {
                self.state.lang = match self.state.lang {
                    Lang::Sv => Lang::En,
                    Lang::En => Lang::Sv,
                }
            }
            other => self.screen_action(other),
        }
    }

    fn ctx(&mut self) -> (Ctx<'_>, &mut AppState) {
        let state = &mut self.state;
        let cx = Ctx {
            store: &mut self.store,
            lang: state.lang,
            today: state.today,
        };
        (cx, state)
    }

    fn screen_action(&mut self, action: Action) {
        let (mut cx, s) = self.ctx();
        let tab = s.tab;
        let result = match tab {
            Tab::Dashboard => match s.dashboard.handle(&action) {
                Some(pid) => {
                    s.tab = Tab::Procurements;
                    s.procurements.open(pid, &mut cx)
                }
                None => Ok(Vec::new()),
            },
            Tab::Library => s.library.handle(&action, &mut cx),
            Tab::Procurements => s.procurements.handle(&action, &mut cx),
            Tab::Suppliers | Tab::Reviews => Ok(Vec::new()),
        };
        self.after(result);
    }

    /// Applies a screen's outcome: new modals and messages, or an error toast.
    fn after(&mut self, result: Outcome) {
        match result {
            Ok(effects) => self.apply(effects),
            Err(e) => self.toast_error(e),
        }
    }

    fn apply(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Push(m) => self.state.modals.push(m),
                Effect::Info(text) => self.toast_info(text),
            }
        }
    }

    pub fn toast_info(&mut self, text: String) {
        self.state.toast = Some(Toast::new(text, ToastKind::Info));
    }

    pub fn toast_error(&mut self, text: String) {
        self.state.toast = Some(Toast::new(text, ToastKind::Error));
    }

    fn open_palette(&mut self) {
        let chain = self.chain();
        let lang = self.state.lang;
        let items = keymap::visible(&chain)
            .into_iter()
            .filter(|b| !matches!(b.action, Action::OpenPalette))
            .map(|b| PaletteItem {
                label: b.action.describe().text(lang).to_string(),
                key: b.keys.first().and_then(|k| Key::parse(k)),
                action: b.action.clone(),
            })
            .collect();
        self.state
            .modals
            .push(Modal::Palette(PaletteState::new(items, chain)));
    }

    fn modal_action(&mut self, action: Action) {
        let Some(top) = self.state.modals.last_mut() else {
            return;
        };
        match (top, action) {
            (Modal::Help(h), Action::MoveDown) => h.scroll += 1,
            (Modal::Help(h), Action::MoveUp) => h.scroll = h.scroll.saturating_sub(1),
            (Modal::Palette(p), Action::MoveDown) => p.cursor.down(1),
            (Modal::Palette(p), Action::MoveUp) => p.cursor.up(1),
            (Modal::Palette(p), Action::Open) => {
                let chosen = p.chosen().map(|i| i.action.clone());
                self.state.modals.pop();
                if let Some(a) = chosen {
                    self.dispatch(a);
                }
            }
            (Modal::Picker(p), Action::MoveDown) => p.cursor.down(1),
            (Modal::Picker(p), Action::MoveUp) => p.cursor.up(1),
            (Modal::Picker(_), Action::Open) => self.pick(),
            (Modal::Confirm(_), Action::Confirm) => self.confirm(),
            (Modal::Form(_, f), Action::NextField) => f.next_field(),
            (Modal::Form(_, f), Action::PrevField) => f.prev_field(),
            (Modal::Form(_, f), Action::NextChoice) => f.cycle_choice(true),
            (Modal::Form(_, f), Action::PrevChoice) => f.cycle_choice(false),
            (Modal::Form(..), Action::Submit) => self.submit(),
            (_, Action::Back | Action::Cancel) => {
                self.state.modals.pop();
            }
            _ => {}
        }
    }

    fn pick(&mut self) {
        let Some(Modal::Picker(p)) = self.state.modals.pop() else {
            return;
        };
        let Some(index) = p.chosen() else {
            return;
        };
        let (mut cx, s) = self.ctx();
        let result = match s.tab {
            Tab::Library => s.library.picked(p.purpose, index, &mut cx),
            _ => s.procurements.picked(p.purpose, index, &mut cx),
        };
        self.after(result);
        self.refresh();
    }

    fn confirm(&mut self) {
        let Some(Modal::Confirm(c)) = self.state.modals.pop() else {
            return;
        };
        let (mut cx, s) = self.ctx();
        let result = match s.tab {
            Tab::Library => s.library.confirmed(c.on_yes, &mut cx),
            _ => s.procurements.confirmed(c.on_yes, &mut cx),
        };
        self.after(result);
        self.refresh();
    }

    fn submit(&mut self) {
        let Some(Modal::Form(purpose, mut form)) = self.state.modals.pop() else {
            return;
        };
        let Some(values) = form.submit() else {
            self.state.modals.push(Modal::Form(purpose, form));
            return;
        };
        let (mut cx, s) = self.ctx();
        let result = match s.tab {
            Tab::Library => s.library.submitted(&purpose, &values, &mut cx),
            _ => s.procurements.submitted(&purpose, &values, &mut cx),
        };
        match result {
            Ok(effects) => {
                self.apply(effects);
                self.refresh();
            }
            Err(Refusal::Field(key, message)) => {
                form.set_error(key, message);
                self.state.modals.push(Modal::Form(purpose, form));
            }
            Err(Refusal::Message(message)) => {
                self.state.modals.push(Modal::Form(purpose, form));
                self.toast_error(message);
            }
        }
    }

    /// Reloads what other screens show after a change (a new procurement shows on the
    /// dashboard, a new custom set in the link picker).
    fn refresh(&mut self) {
        if let Err(e) = self
            .state
            .dashboard
            .reload(&self.store)
            .and_then(|_| self.state.library.reload(&self.store))
        {
            let text = i18n::any_error(&e, self.state.lang);
            self.toast_error(text);
        }
    }
}
