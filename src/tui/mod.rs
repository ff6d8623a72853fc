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

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub use app::App;
use theme::Theme;

use crate::domain::Lang;
use crate::store::Store;

/// How often the loop looks for a termination signal while waiting for keys.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

/// Signals that end the program the same way `q` does, so the terminal is restored.
fn termination_flag() -> std::io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// Runs the program until the user quits. The terminal is restored on every way out: `q`, an
/// error, a panic, or a termination signal.
pub fn run(store: Store, lang: Lang, no_color: bool) -> anyhow::Result<()> {
    let mut app = App::new(store, lang, Theme::new(no_color))?;
    let terminate = termination_flag()?;
    let mut guard = terminal::Guard::enter()?;
    let mut dirty = true;
    loop {
        if dirty {
            guard.terminal.draw(|f| app.draw(f))?;
        }
        if app.state.quit || terminate.load(Ordering::Relaxed) {
            return Ok(());
        }
        let timeout = app
            .poll_timeout()
            .map_or(SIGNAL_CHECK, |t| t.min(SIGNAL_CHECK));
        let events = event::next_batch(Some(timeout))?;
        dirty = !events.is_empty();
        for ev in events {
            app.handle_event(ev);
        }
        let had_toast = app.state.toast.is_some();
        app.tick(Instant::now());
        dirty |= had_toast && app.state.toast.is_none();
    }
}
