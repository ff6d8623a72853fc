//! Terminal events, reduced to what the app reacts to. Key releases are dropped (some
//! terminals report them), so each press acts once.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event as CtEvent, KeyEvent, KeyEventKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
}

fn convert(ev: CtEvent) -> Option<Event> {
    match ev {
        CtEvent::Key(k) if k.kind != KeyEventKind::Release => Some(Event::Key(k)),
        CtEvent::Paste(s) => Some(Event::Paste(s)),
        CtEvent::Resize(w, h) => Some(Event::Resize(w, h)),
        _ => None,
    }
}

/// Waits up to `timeout` (forever when `None`) for the next event, then also takes every event
/// already waiting, so a burst of keys (a paste without bracketed paste, key repeat) is handled
/// before the next draw.
pub fn next_batch(timeout: Option<Duration>) -> io::Result<Vec<Event>> {
    let mut out = Vec::new();
    let ready = match timeout {
        Some(t) => event::poll(t)?,
        None => true,
    };
    if !ready {
        return Ok(out);
    }
    out.extend(convert(event::read()?));
    while event::poll(Duration::ZERO)? {
        out.extend(convert(event::read()?));
    }
    Ok(out)
}
