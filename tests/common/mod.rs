//! The interactive program without a terminal: the real `App` on an in-memory store with the
//! built-in library, a fixed day and Swedish, driven through the real key table.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kravkoll::clock::Clock;
use kravkoll::domain::Lang;
use kravkoll::store::Store;
use kravkoll::store::prelude::*;
use kravkoll::tui::App;
use kravkoll::tui::event::Event;
use kravkoll::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const TODAY: (i32, u32, u32) = (2026, 11, 22);

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

/// A store with the built-in library, and the demo data when `demo` is true.
pub fn store(demo: bool) -> Store {
    let mut s = Store::open_in_memory(Clock::Fixed(today()), "tester").unwrap();
    kravkoll::cli::sync_builtins(&mut s).unwrap();
    if demo {
        kravkoll::demo::load(&mut s).unwrap();
    }
    s
}

/// A store on `path` with the built-in library, and the demo data when `demo` is true and the
/// file holds none yet.
pub fn file_store(path: &std::path::Path, demo: bool) -> Store {
    let mut s = Store::open(path, Clock::Fixed(today()), "tester").unwrap();
    kravkoll::cli::sync_builtins(&mut s).unwrap();
    if demo && !s.has_user_data().unwrap() {
        kravkoll::demo::load(&mut s).unwrap();
    }
    s
}

pub struct TestApp {
    pub app: App,
}

impl TestApp {
    pub fn new(demo: bool) -> TestApp {
        TestApp::with_lang(demo, Lang::Sv)
    }

    /// The app on a database file, as a second terminal on a shared file would be.
    pub fn on_file(path: &std::path::Path, demo: bool) -> TestApp {
        TestApp {
            app: App::new(file_store(path, demo), Lang::Sv, Theme::new(false)).unwrap(),
        }
    }

    pub fn with_lang(demo: bool, lang: Lang) -> TestApp {
        TestApp {
            app: App::new(store(demo), lang, Theme::new(false)).unwrap(),
        }
    }

    /// One key written as in the key table: "j", "enter", "ctrl-s", "shift-tab", "K".
    pub fn press(&mut self, key: &str) -> &mut TestApp {
        let (mods, rest) = match key.strip_prefix("ctrl-") {
            Some(r) => (KeyModifiers::CONTROL, r),
            None => (KeyModifiers::NONE, key),
        };
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "backspace" => KeyCode::Backspace,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgdn" => KeyCode::PageDown,
            "pgup" => KeyCode::PageUp,
            s if s.chars().count() == 1 => KeyCode::Char(s.chars().next().unwrap()),
            other => panic!("unknown key {other}"),
        };
        self.app.handle_event(Event::Key(KeyEvent::new(code, mods)));
        self
    }

    /// The library tab with the cursor on the set `id`, found by moving down the list as a user
    /// would, so tests do not depend on where a set stands in the library's order.
    pub fn open_set(&mut self, id: &str) -> &mut TestApp {
        self.keys("2 g");
        let at = self
            .app
            .state
            .screens
            .library
            .sets
            .iter()
            .position(|s| s.id == id)
            .unwrap_or_else(|| panic!("no set {id} in the library"));
        for _ in 0..at {
            self.press("j");
        }
        self
    }

    /// Keys separated by spaces: "j j enter".
    pub fn keys(&mut self, keys: &str) -> &mut TestApp {
        for k in keys.split_whitespace() {
            self.press(k);
        }
        self
    }

    /// Text typed character by character into whatever has focus.
    pub fn type_text(&mut self, text: &str) -> &mut TestApp {
        for c in text.chars() {
            self.app.handle_event(Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        self
    }

    pub fn paste(&mut self, text: &str) -> &mut TestApp {
        self.app.handle_event(Event::Paste(text.to_string()));
        self
    }

    /// The screen as text, drawn at `w` × `h`.
    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| self.app.draw(f)).unwrap();
        t.backend().to_string()
    }

    pub fn terminal(&self, w: u16, h: u16) -> Terminal<TestBackend> {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| self.app.draw(f)).unwrap();
        t
    }

    pub fn store(&self) -> &Store {
        self.app.store()
    }

    /// The reason shown on the field `key` of the open form, if any.
    pub fn form_error<K: kravkoll::tui::widgets::form::FieldKey>(&self, key: K) -> Option<String> {
        match self.app.state.modals.last() {
            Some(kravkoll::tui::state::Modal::Form(_, f)) => {
                f.field(key).and_then(|f| f.error.clone())
            }
            _ => None,
        }
    }

    pub fn modal_open(&self) -> bool {
        !self.app.state.modals.is_empty()
    }

    pub fn toast(&self) -> Option<String> {
        self.app.state.toast.as_ref().map(|t| t.text.clone())
    }
}

/// A draft with `profile`, due in a month, owned by Maria.
pub fn draft(reference: &str, profile: kravkoll::domain::Profile) -> kravkoll::domain::Procurement {
    kravkoll::domain::Procurement {
        reference: reference.into(),
        title: format!("Upphandling {reference}"),
        owner: "Maria Lindqvist".into(),
        procedure: kravkoll::domain::Procedure::Open,
        status: kravkoll::domain::Status::Draft,
        profile,
        deadline: Some(today() + chrono::Duration::days(30)),
        published_on: None,
        weight_total: None,
        scoring: Default::default(),
    }
}

impl TestApp {
    /// Saves `p` with `sets` linked straight to the store, then opens it as the officer would:
    /// the Procurements tab read again (Ctrl-R), the cursor moved to it, Enter. Returns its id.
    pub fn open_draft(&mut self, p: &kravkoll::domain::Procurement, sets: &[&str]) -> i64 {
        let id = self
            .app
            .store_mut()
            .write(|tx| {
                let id = tx.record_procurement(p)?;
                for s in sets {
                    tx.link_set(
                        id,
                        s,
                        kravkoll::domain::procurement::AboveAmbition::LeaveOut,
                    )?;
                }
                Ok(id)
            })
            .unwrap();
        self.keys("3 ctrl-r g");
        let at = self
            .app
            .state
            .screens
            .procurements
            .list
            .iter()
            .position(|s| s.id == id)
            .expect("the new draft is listed");
        for _ in 0..at {
            self.press("j");
        }
        self.press("enter");
        id
    }

    /// The open procurement.
    pub fn detail(&self) -> &kravkoll::tui::screens::procurements::Detail {
        self.app
            .state
            .screens
            .procurements
            .detail
            .as_ref()
            .expect("a procurement is open")
    }

    /// The lines of the open procurement, as stored.
    pub fn stored_lines(
        &self,
    ) -> Vec<kravkoll::store::procurements::Record<kravkoll::domain::Line>> {
        self.store().lines(self.detail().record.id).unwrap()
    }

    /// Moves the cursor of the open procurement to the line with `label`.
    pub fn select_line(&mut self, label: &str) -> &mut TestApp {
        self.press("g");
        let rows = self.detail().rows.clone();
        let at = rows
            .iter()
            .position(|r| match r {
                kravkoll::tui::screens::procurements::Row::Line(i) => {
                    self.detail().lines[*i].value.label() == label
                }
                kravkoll::tui::screens::procurements::Row::NotApplied(i) => self
                    .detail()
                    .not_applied
                    .as_ref()
                    .is_some_and(|n| n[*i].requirement.id.as_str() == label),
            })
            .unwrap_or_else(|| panic!("no line {label}"));
        for _ in 0..at {
            self.press("j");
        }
        self
    }

    /// The body of the open confirmation or message, as text.
    pub fn dialog(&self) -> Option<String> {
        match self.app.state.modals.last() {
            Some(kravkoll::tui::state::Modal::Confirm(_, c))
            | Some(kravkoll::tui::state::Modal::Message(c)) => Some(
                c.body
                    .iter()
                    .map(|l| l.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            _ => None,
        }
    }
}
