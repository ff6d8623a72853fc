//! The interactive program (ratatui on crossterm).
//!
//! One thread runs the loop: draw when something changed, wait on the event queue (keys from
//! the terminal's reader thread, results from the jobs thread), handle every waiting event,
//! draw again. Keys become actions through the key table (`keymap`), actions change the state
//! (`app`, the screens), the state is drawn (`view`). The TUI never writes SQL; it calls the
//! store, one transaction per user action. The loop ends on `q`, a termination signal, or when
//! the terminal is gone (a closed window or a dropped connection), always restoring it.

pub mod action;
pub mod app;
pub mod error;
pub mod event;
pub mod jobs;
pub mod keymap;
pub mod screens;
pub mod state;
pub mod tabs;
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
use crate::i18n::Msg;
use crate::store::{Store, Wait, WaitNotice};

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

/// How long a change waits for another user's save before it is given up in the interactive
/// program: the keys do not answer meanwhile, so not as long as a script would wait.
const WAIT_LIMIT: Duration = Duration::from_secs(10);

/// Tells the user, on the bottom row, that a save is waiting for another user's, and asks for
/// the whole screen to be drawn again afterwards (this line is not in ratatui's buffer).
fn wait_notice(lang: Lang, redraw: Arc<AtomicBool>) -> WaitNotice {
    Box::new(move |wait| {
        if let Wait::Waiting { waited, limit } = wait {
            let text = Msg::WaitingTui
                .text(lang)
                .replace("{waited}", &waited.as_secs().to_string())
                .replace("{limit}", &limit.as_secs().to_string());
            terminal::status_line(&text);
            redraw.store(true, Ordering::Relaxed);
        }
    })
}

/// Runs the program until the user quits. The terminal is restored on every way out: `q`, an
/// error, a panic, a termination signal, or the terminal going away.
pub fn run(mut store: Store, lang: Lang, no_color: bool) -> anyhow::Result<()> {
    let terminate = termination_flag()?;
    let redraw = Arc::new(AtomicBool::new(false));
    store.set_wait_notice(wait_notice(lang, Arc::clone(&redraw)));
    store.set_wait_limit(WAIT_LIMIT);
    let queue = event::Queue::default();
    let jobs = jobs::Jobs::thread(queue.sender())?;
    let mut app = App::with_jobs(store, lang, Theme::new(no_color), jobs)?;
    let mut guard = terminal::Guard::enter()?;
    tracing::info!("interactive program started");
    queue.read_terminal()?;
    let mut dirty = true;
    loop {
        if redraw.swap(false, Ordering::Relaxed) {
            guard.clear()?;
            dirty = true;
        }
        if dirty
            && let Err(e) = guard.draw(|f| app.draw(f))
            && terminal::present()
        {
            return Err(e.into());
        }
        // A terminal that went away cannot be drawn on or restored; that is the end of the
        // program, not an error.
        if !terminal::present() {
            tracing::info!("the terminal went away; ending");
            guard.abandon();
            return Ok(());
        }
        if app.state.quit || terminate.load(Ordering::Relaxed) {
            return Ok(());
        }
        let events = queue.next_batch(app.poll_timeout());
        dirty = !events.is_empty();
        for ev in events {
            app.handle_event(ev);
        }
        dirty |= app.tick(Instant::now());
    }
}
