//! The interactive program (ratatui on crossterm).
//!
//! One thread: draw when something changed, wait for events, handle every waiting event, draw
//! again. Keys become actions through the key table (`keymap`), actions change the state
//! (`app`), the state is drawn (`view`). The TUI never writes SQL; it calls the store, one
//! transaction per user action.

pub mod action;
pub mod app;
pub mod event;
pub mod keymap;
pub mod screens;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod widgets;

use std::time::Instant;

pub use app::App;
use theme::Theme;

use crate::domain::Lang;
use crate::store::Store;

/// Runs the program until the user quits. The terminal is restored on every way out.
pub fn run(store: Store, lang: Lang, no_color: bool) -> anyhow::Result<()> {
    let mut app = App::new(store, lang, Theme::new(no_color))?;
    let mut guard = terminal::Guard::enter()?;
    let mut dirty = true;
    loop {
        if dirty {
            guard.terminal.draw(|f| app.draw(f))?;
        }
        if app.state.quit {
            return Ok(());
        }
        let events = event::next_batch(app.poll_timeout())?;
        dirty = !events.is_empty();
        for ev in events {
            app.handle_event(ev);
        }
        let had_toast = app.state.toast.is_some();
        app.tick(Instant::now());
        dirty |= had_toast && app.state.toast.is_none();
    }
}
