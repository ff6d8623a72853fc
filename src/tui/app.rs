//! The application: turns events into actions, hands actions to the shown screen (or to the
//! top modal), and hands each modal's result back to the screen that opened it. Drawing is
//! `view::draw` over the state alone.
//!
//! Key dispatch, in order: a paste or a typed character goes to the focused text input (of the
//! top modal, else of the screen); an editing key goes to that input if it takes it (in a
//! multi-line field, every key the key table does not bind); anything else is looked up in the
//! key table along the context chain.
//!
//! Freshness: each screen remembers when it last read the store (`Stamp`). A screen is read
//! when it is first shown, again when shown after a write elsewhere, and the shown one at once
//! when another process changed the database (`PRAGMA data_version`, checked on every tick).

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;
use ratatui::Frame;

use super::action::Action;
use super::error::{Refusal, UiError};
use super::event::Event;
use super::jobs::Jobs;
use super::keymap::{self, Context, Key};
use super::modal_keys::{filter_text, form_action, form_text};
use super::screens::{Ctx, TextEvent};
use super::state::{AppState, Modal, Stamp};
use super::tabs::{AppEffect, AppOutcome, JobResult, Screens, Tab};
use super::theme::Theme;
use super::view;
use super::widgets::filter_list::{Entry, FilterList, Look};
use super::widgets::modal::{HelpState, Toast, ToastKind};
use crate::domain::Lang;
use crate::files;
use crate::i18n::{self, CliText, Msg};
use crate::settings;
use crate::store::Store;

/// How often the database is asked whether another process changed it.
const CHANGE_CHECK: Duration = Duration::from_millis(500);
/// How long the loop sleeps at most while a job runs, so its result shows promptly.
const JOB_POLL: Duration = Duration::from_millis(50);
/// How long the loop sleeps at most otherwise (termination signals and changes are seen then).
const IDLE_POLL: Duration = Duration::from_millis(250);

pub struct App {
    pub state: AppState,
    store: Store,
    pub theme: Theme,
    jobs: Jobs,
    /// The database's `data_version` when last checked.
    seen_version: i64,
    last_check: Instant,
    /// The settings file (`remember_language`): where the language chosen with `L` is saved,
    /// and where exports read the organisation for the cover.
    settings_path: Option<PathBuf>,
}

impl App {
    /// The app with jobs run inline, as tests and benchmarks want it.
    pub fn new(store: Store, lang: Lang, theme: Theme) -> anyhow::Result<App> {
        App::with_jobs(store, lang, theme, Jobs::inline())
    }

    pub fn with_jobs(store: Store, lang: Lang, theme: Theme, jobs: Jobs) -> anyhow::Result<App> {
        let seen_version = store.data_version()?;
        let state = AppState {
            lang,
            today: store.today(),
            tab: Tab::Dashboard,
            screens: Screens::default(),
            modals: Vec::new(),
            toast: None,
            quit: false,
            loaded: HashMap::new(),
            stale: false,
            running: 0,
            read_only: store.is_read_only(),
        };
        let mut app = App {
            state,
            store,
            theme,
            jobs,
            seen_version,
            last_check: Instant::now(),
            settings_path: None,
        };
        // Only the first screen is read at start; the others when they are first shown.
        let tab = app.state.tab;
        app.load(tab)
            .map_err(|e| anyhow::anyhow!("{}", app.error_text(&e)))?;
        // The warning the command line prints is gone behind the screen by now: say it here.
        if let Some(path) = app.store.path().filter(|p| files::readable_by_others(p)) {
            let text = CliText::DatabaseReadable
                .text(lang)
                .replace("{path}", &path.display().to_string());
            app.toast(text, ToastKind::Error);
        }
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for tools and tests that change data behind the screens' back.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// From now on, saves the language in the settings file at `path` whenever `L` switches
    /// it, so the next start speaks it (`--lang` still wins), and names the organisation the
    /// file holds on the cover of exported documents. A failure to save is a toast.
    pub fn remember_language(&mut self, path: PathBuf) {
        self.settings_path = Some(path);
    }

    fn save_language(&mut self) {
        let Some(path) = &self.settings_path else {
            return;
        };
        let lang = self.state.lang;
        if let Err(e) = settings::save(
            path,
            &settings::Settings {
                lang: Some(lang),
                organisation: None,
            },
        ) {
            let text = CliText::LanguageNotSaved
                .text(lang)
                .replace("{reason}", &i18n::settings_error(&e, lang));
            self.toast(text, ToastKind::Error);
        }
    }

    /// The contexts keys are looked up in, innermost first.
    pub fn chain(&self) -> Vec<Context> {
        if let Some(m) = self.state.modals.last() {
            return match m {
                Modal::Help(_) => vec![Context::Help],
                Modal::Palette(_) => vec![Context::Palette],
                Modal::Form(_, f) => f.contexts(),
                Modal::Pick(_) => vec![Context::Picker],
                Modal::Confirm(..) => vec![Context::Confirm],
                Modal::Message(_) => vec![Context::Message],
            };
        }
        let mut chain = self.state.screens.contexts(self.state.tab);
        chain.push(Context::Global);
        chain
    }

    pub fn draw(&self, frame: &mut Frame) {
        view::draw(frame, &self.state, &self.theme, &self.chain());
    }

    /// How long the loop may sleep before something needs it.
    pub fn poll_timeout(&self) -> Duration {
        let limit = if self.state.running > 0 {
            JOB_POLL
        } else {
            IDLE_POLL
        };
        self.state.toast.as_ref().map_or(limit, |t| {
            t.expires
                .saturating_duration_since(Instant::now())
                .min(limit)
        })
    }

    /// Expires the toast and looks for changes made by other processes; true when the screen
    /// needs drawing again.
    pub fn tick(&mut self, now: Instant) -> bool {
        let mut changed = false;
        if self.state.toast.as_ref().is_some_and(|t| t.expires <= now) {
            self.state.toast = None;
            changed = true;
        }
        if now.duration_since(self.last_check) >= CHANGE_CHECK {
            self.last_check = now;
            changed |= self.notice_changes();
        }
        changed
    }

    /// Reloads the shown screen when another process wrote to the database since the last
    /// look; true when it did.
    pub fn notice_changes(&mut self) -> bool {
        match self.store.data_version() {
            Ok(v) if v != self.seen_version => {
                tracing::debug!(tab = ?self.state.tab, "changed by another connection; reloading");
                self.seen_version = v;
                self.reload_shown();
                true
            }
            Ok(_) => false,
            Err(e) => {
                self.state.stale = true;
                self.toast_error(&UiError::from(e));
                true
            }
        }
    }

    pub fn handle_event(&mut self, ev: Event) {
        match ev {
            Event::Key(k) => self.handle_key(&k),
            Event::Paste(text) => self.paste(&text),
            Event::Resize(..) => {}
            Event::JobDone(result) => self.job_done(result),
            Event::InputClosed => self.state.quit = true,
        }
    }

    fn stamp(&self) -> Stamp {
        Stamp {
            data_version: self.seen_version,
            writes: self.store.writes(),
        }
    }

    fn ctx(&mut self) -> (Ctx<'_>, &mut AppState) {
        let state = &mut self.state;
        let cx = Ctx {
            store: &mut self.store,
            lang: state.lang,
            today: state.today,
            settings: self.settings_path.as_deref(),
        };
        (cx, state)
    }

    /// Reads `tab` from the store and notes when.
    fn load(&mut self, tab: Tab) -> Result<(), UiError> {
        let (mut cx, s) = self.ctx();
        s.screens.reload(tab, &mut cx)?;
        let stamp = self.stamp();
        self.state.loaded.insert(tab, stamp);
        if tab == self.state.tab {
            self.state.stale = false;
        }
        Ok(())
    }

    fn reload_shown(&mut self) {
        let tab = self.state.tab;
        if let Err(e) = self.load(tab) {
            self.state.stale = true;
            self.toast_error(&e);
        }
    }

    /// Shows `tab`, reading it first when it has not been read since the last change.
    fn show(&mut self, tab: Tab) {
        self.state.tab = tab;
        if self.state.loaded.get(&tab) != Some(&self.stamp()) {
            self.reload_shown();
        }
    }

    /// After `owner` handled something: its own view it keeps current itself; a write it made
    /// leaves every other screen to be read again, the shown one at once.
    fn settle(&mut self, owner: Tab) {
        let now = self.stamp();
        if owner == self.state.tab {
            self.state.loaded.insert(owner, now);
        } else if self.state.loaded.get(&self.state.tab) != Some(&now) {
            self.reload_shown();
        }
    }

    fn paste(&mut self, text: &str) {
        match self.state.modals.last_mut() {
            Some(Modal::Form(_, f)) => f.paste(text),
            Some(Modal::Palette(p)) => {
                p.input.paste(text);
                p.refilter();
            }
            Some(Modal::Pick(p)) => {
                p.input.paste(text);
                p.refilter();
            }
            Some(Modal::Help(_) | Modal::Confirm(..) | Modal::Message(_)) => {}
            None => {
                let (mut cx, s) = self.ctx();
                s.screens.text(s.tab, TextEvent::Paste(text), &mut cx);
            }
        }
    }

    /// Gives the key to the focused text input; true when it took it.
    fn text_key(&mut self, ev: &KeyEvent, key: &Key) -> bool {
        let typed = key.typed_char();
        match self.state.modals.last_mut() {
            Some(Modal::Form(_, f)) => form_text(f, typed, ev, key),
            Some(Modal::Palette(p)) => filter_text(p, typed, ev),
            // In a list to tick several entries in, Space ticks instead of filtering.
            Some(Modal::Pick(p)) if p.ticks.is_some() && typed == Some(' ') => {
                p.toggle();
                true
            }
            Some(Modal::Pick(p)) => filter_text(p, typed, ev),
            Some(Modal::Help(_) | Modal::Confirm(..) | Modal::Message(_)) => false,
            None => {
                let input = match typed {
                    Some(c) => TextEvent::Char(c),
                    None => TextEvent::Key(ev),
                };
                let (mut cx, s) = self.ctx();
                s.screens.text(s.tab, input, &mut cx)
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
            Action::SwitchTab(tab) => self.show(tab),
            Action::ToggleLanguage => {
                self.state.lang = match self.state.lang {
                    Lang::Sv => Lang::En,
                    Lang::En => Lang::Sv,
                };
                self.save_language();
            }
            Action::Reload => {
                self.reload_shown();
                if !self.state.stale {
                    self.toast_info(Msg::Reloaded.text(self.state.lang).to_string());
                }
            }
            other => {
                let tab = self.state.tab;
                let (mut cx, s) = self.ctx();
                let result = s.screens.handle(tab, &other, &mut cx);
                self.settle(tab);
                self.after(result);
            }
        }
    }

    fn modal_action(&mut self, action: Action) {
        let close = matches!(action, Action::Back | Action::Cancel);
        match (self.state.modals.last_mut(), action) {
            (Some(Modal::Form(_, f)), Action::Submit) if !f.asking_discard => self.submit(),
            (Some(Modal::Form(_, f)), a) => {
                if form_action(f, a) {
                    self.state.modals.pop();
                }
            }
            (Some(Modal::Palette(_)), Action::Open) => self.run_palette(),
            (Some(Modal::Pick(_)), Action::Open) => self.pick(),
            (Some(Modal::Confirm(..)), Action::Confirm) => self.confirm(),
            (Some(_), _) if close => {
                self.state.modals.pop();
            }
            (Some(Modal::Help(h)), Action::MoveDown) => h.scroll += 1,
            (Some(Modal::Help(h)), Action::MoveUp) => h.scroll = h.scroll.saturating_sub(1),
            (Some(Modal::Palette(p)), a) => {
                p.cursor.apply(&a);
            }
            (Some(Modal::Pick(p)), a) => {
                p.cursor.apply(&a);
            }
            // The key table binds nothing else in these contexts.
            (Some(Modal::Help(_) | Modal::Confirm(..) | Modal::Message(_)), _) | (None, _) => {}
        }
    }

    fn run_palette(&mut self) {
        if let Some(Modal::Palette(p)) = self.state.modals.pop()
            && let Some(action) = p.into_chosen()
        {
            self.dispatch(action);
        }
    }

    fn pick(&mut self) {
        let Some(Modal::Pick(list)) = self.state.modals.pop() else {
            return;
        };
        let (mut cx, s) = self.ctx();
        let (owner, result) = if list.ticks.is_some() {
            match s.screens.picked_many(list.into_ticked(), &mut cx) {
                Some(done) => done,
                None => return,
            }
        } else {
            let Some(purpose) = list.into_chosen() else {
                return;
            };
            s.screens.picked(purpose, &mut cx)
        };
        self.settle(owner);
        self.after(result);
    }

    fn confirm(&mut self) {
        let Some(Modal::Confirm(purpose, _)) = self.state.modals.pop() else {
            return;
        };
        let (mut cx, s) = self.ctx();
        let (owner, result) = s.screens.confirmed(purpose, &mut cx);
        self.settle(owner);
        self.after(result);
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
        let (owner, result) = s.screens.submitted(purpose.clone(), values, &mut cx);
        self.settle(owner);
        match result {
            Ok(effects) => self.apply(effects),
            Err(Refusal { field, error }) => {
                let text = self.error_text(&error);
                match field {
                    Some(id) => form.set_error(id, text),
                    None => self.toast(text, ToastKind::Error),
                }
                self.state.modals.push(Modal::Form(purpose, form));
            }
        }
    }

    fn job_done(&mut self, result: JobResult) {
        self.state.running = self.state.running.saturating_sub(1);
        tracing::debug!(running = self.state.running, "job finished");
        let (mut cx, s) = self.ctx();
        let (owner, outcome) = s.screens.finished(result, &mut cx);
        self.settle(owner);
        self.after(outcome);
    }

    /// Applies a screen's outcome: new modals and messages, or an error toast.
    fn after(&mut self, result: AppOutcome) {
        match result {
            Ok(effects) => self.apply(effects),
            Err(e) => self.toast_error(&e),
        }
    }

    fn apply(&mut self, effects: Vec<AppEffect>) {
        for effect in effects {
            match effect {
                AppEffect::Push(m) => self.state.modals.push(m),
                AppEffect::Info(text) => self.toast_info(text),
                AppEffect::Go(goto) => {
                    let (mut cx, s) = self.ctx();
                    let (tab, result) = s.screens.go(goto, &mut cx);
                    self.show(tab);
                    if let Err(e) = result {
                        self.toast_error(&e);
                    }
                }
                AppEffect::Spawn(job) => {
                    tracing::debug!(tab = ?self.state.tab, "job started");
                    if self.jobs.spawn(job) {
                        self.state.running += 1;
                    }
                }
            }
        }
        while let Some(done) = self.jobs.take_inline() {
            self.job_done(done);
        }
    }

    /// An error in the user's language, naming the reload key where it helps.
    fn error_text(&self, e: &UiError) -> String {
        let chain = [Context::Global];
        let key = keymap::key_for(&chain, &Action::Reload)
            .map(|k| k.to_string())
            .unwrap_or_default();
        e.text(self.state.lang, &key)
    }

    fn toast(&mut self, text: String, kind: ToastKind) {
        self.state.toast = Some(Toast::new(text, kind));
    }

    pub fn toast_info(&mut self, text: String) {
        self.toast(text, ToastKind::Info);
    }

    pub fn toast_error(&mut self, e: &UiError) {
        tracing::debug!(error = %e, tab = ?self.state.tab, "refused");
        let text = self.error_text(e);
        self.toast(text, ToastKind::Error);
    }

    fn open_palette(&mut self) {
        let chain = self.chain();
        let lang = self.state.lang;
        let entries = keymap::visible(&chain)
            .into_iter()
            .filter(|b| !matches!(b.action, Action::OpenPalette))
            .map(|b| {
                let key = b.keys.first().and_then(|k| Key::parse(k));
                Entry::new(b.action.describe().text(lang), b.action)
                    .detail(key.map(|k| k.to_string()).unwrap_or_default())
            })
            .collect();
        let list = FilterList::new(Msg::ActPalette.text(lang), entries, Look::Keys);
        self.state.modals.push(Modal::Palette(list));
    }
}
