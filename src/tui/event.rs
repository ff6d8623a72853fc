//! Events, reduced to what the app reacts to, and the one queue they arrive on: keys, pastes
//! and resizes from a reader thread, finished jobs from the jobs thread. Key releases are
//! dropped (some terminals report them), so each press acts once.
//!
//! The terminal is read on its own thread because crossterm's reader spins without returning
//! once the terminal is gone (a closed window, a dropped SSH connection: its read loop takes
//! end-of-file for "no byte yet"). The loop on the main thread therefore never blocks on the
//! terminal and can notice that it has gone, restore and exit.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event as CtEvent, KeyEvent, KeyEventKind};

use super::tabs::JobResult;

pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// A background job finished.
    JobDone(JobResult),
    /// The terminal could not be read any more.
    InputClosed,
}

fn convert(ev: CtEvent) -> Option<Event> {
    match ev {
        CtEvent::Key(k) if k.kind != KeyEventKind::Release => Some(Event::Key(k)),
        CtEvent::Paste(s) => Some(Event::Paste(s)),
        CtEvent::Resize(w, h) => Some(Event::Resize(w, h)),
        _ => None,
    }
}

/// The queue the loop waits on, and a sender for whoever produces events.
pub struct Queue {
    tx: Sender<Event>,
    rx: Receiver<Event>,
}

impl Default for Queue {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Queue { tx, rx }
    }
}

impl Queue {
    pub fn sender(&self) -> Sender<Event> {
        self.tx.clone()
    }

    /// Starts the thread that reads the terminal into the queue.
    pub fn read_terminal(&self) -> std::io::Result<()> {
        let tx = self.sender();
        thread::Builder::new()
            .name("terminal input".into())
            .spawn(move || {
                loop {
                    match event::read() {
                        Ok(ev) => {
                            if let Some(ev) = convert(ev)
                                && tx.send(ev).is_err()
                            {
                                return;
                            }
                        }
                        Err(_) => {
                            let _ = tx.send(Event::InputClosed);
                            return;
                        }
                    }
                }
            })
            .map(|_| ())
    }

    /// Waits up to `timeout` for the next event, then also takes every event already waiting,
    /// so a burst of keys (a paste without bracketed paste, key repeat) is handled before the
    /// next draw.
    pub fn next_batch(&self, timeout: Duration) -> Vec<Event> {
        let mut out = Vec::new();
        match self.rx.recv_timeout(timeout) {
            Ok(ev) => out.push(ev),
            Err(RecvTimeoutError::Timeout) => return out,
            Err(RecvTimeoutError::Disconnected) => {
                out.push(Event::InputClosed);
                return out;
            }
        }
        out.extend(self.rx.try_iter());
        out
    }
}
