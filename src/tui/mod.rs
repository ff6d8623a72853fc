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
mod modal_keys;
pub mod screens;
pub mod state;
pub mod tabs;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod widgets;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
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

/// The notice last written on the bottom row while a save waited for another user's, for the
/// loop to put right afterwards.
type WaitLine = Arc<Mutex<Option<String>>>;

/// Tells the user, on the bottom row, that a save is waiting for another user's. The loop is
/// inside the save meanwhile, so the row is written past ratatui; `shown` keeps what was
/// written, so the next draw can bring ratatui's idea of the screen back in line with it.
fn wait_notice(lang: Lang, shown: WaitLine) -> WaitNotice {
    Box::new(move |wait| {
        tracing::debug!(?wait, "waiting for another user's lock");
        if let Wait::Waiting { waited, limit } = wait {
            let text = Msg::WaitingTui
                .text(lang)
                .replace("{waited}", &waited.as_secs().to_string())
                .replace("{limit}", &limit.as_secs().to_string());
            terminal::status_line(&text);
            if let Ok(mut line) = shown.lock() {
                *line = Some(text);
            }
        }
    })
}

/// After a wait notice: a frame with the notice on its bottom row first (what the screen shows
/// now, so ratatui's record of the screen matches it), then the real frame over it, which
/// repaints the row. Asking the terminal instead (ratatui's `clear`) would read the cursor
/// position from the input the reader thread owns.
fn repaint_after_wait(
    guard: &mut terminal::Guard,
    app: &App,
    shown: &WaitLine,
) -> std::io::Result<bool> {
    let Some(text) = shown.lock().ok().and_then(|mut l| l.take()) else {
        return Ok(false);
    };
    guard.draw(|f| {
        app.draw(f);
        let area = f.area();
        let row = ratatui::layout::Rect {
            y: area.bottom().saturating_sub(1),
            height: 1,
            ..area
        };
        f.render_widget(ratatui::widgets::Clear, row);
        f.render_widget(ratatui::widgets::Paragraph::new(text), row);
    })?;
    tracing::debug!("repainted the row of a wait notice");
    Ok(true)
}

/// How the command line starts the interactive program.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    /// `NO_COLOR` is set: draw without colour.
    pub no_color: bool,
    /// Where the language chosen with `L` is remembered; `None` remembers nothing.
    pub settings_path: Option<std::path::PathBuf>,
}

/// Runs the program until the user quits. The terminal is restored on every way out: `q`, an
/// error, a panic, a termination signal, or the terminal going away.
pub fn run(mut store: Store, options: Options) -> anyhow::Result<()> {
    let Options {
        lang,
        no_color,
        settings_path,
    } = options;
    let terminate = termination_flag()?;
    let waited: WaitLine = Arc::default();
    store.set_wait_notice(wait_notice(lang, Arc::clone(&waited)));
    store.set_wait_limit(WAIT_LIMIT);
    let queue = event::Queue::default();
    let jobs = jobs::Jobs::thread(queue.sender())?;
    let mut app = App::with_jobs(store, lang, Theme::new(no_color), jobs)?;
    if let Some(path) = settings_path {
        app.remember_language(path);
    }
    let mut guard = terminal::Guard::enter()?;
    tracing::info!("interactive program started");
    queue.read_terminal()?;
    let mut dirty = true;
    loop {
        dirty |= repaint_after_wait(&mut guard, &app, &waited)?;
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
