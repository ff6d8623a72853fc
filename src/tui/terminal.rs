//! The terminal while the program runs: raw mode, the alternate screen and bracketed paste,
//! undone by a guard on every way out, a panic included. Nothing is asked of the terminal at
//! start (the keyboard-enhancement probe can stall for seconds on terminals that ignore it).

use std::io::{self, Stdout, stdout};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

pub struct Guard {
    terminal: Option<Term>,
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        // Restore the terminal before the panic message is printed, so it is readable.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        enable_raw_mode()?;
        if let Err(e) = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste) {
            restore();
            return Err(e);
        }
        // crossterm starts listening for window-size changes on its first poll; polling once
        // here means a resize during start-up is not missed.
        let _ = crossterm::event::poll(std::time::Duration::ZERO);
        match Terminal::new(CrosstermBackend::new(stdout())) {
            Ok(terminal) => Ok(Guard {
                terminal: Some(terminal),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Guard {
    pub fn draw(&mut self, f: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
        match &mut self.terminal {
            Some(t) => t.draw(f).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Lets go of a terminal that has gone away. ratatui's own clean-up would try to show the
    /// cursor on it and print the failure to a standard error that is gone too, which panics;
    /// there is nothing left to restore, so the terminal is dropped without it.
    pub fn abandon(&mut self) {
        if let Some(t) = self.terminal.take() {
            std::mem::forget(t);
        }
    }
}

/// Writes `text` over the bottom row, outside ratatui's buffer: for a notice while the loop
/// itself is waiting (a save waiting for another user's lock).
pub fn status_line(text: &str) {
    use crossterm::{cursor, style, terminal};
    let row = terminal::size().map_or(0, |(_, h)| h.saturating_sub(1));
    let _ = execute!(
        stdout(),
        cursor::MoveTo(0, row),
        terminal::Clear(terminal::ClearType::CurrentLine),
        style::Print(text)
    );
}

/// Whether the terminal is still there: after a hang-up the tty answers no more requests, so
/// this turns false when the window is closed or the connection dropped.
pub fn present() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
