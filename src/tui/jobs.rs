//! Long work off the input thread: reading and parsing a set file, writing an export. A job
//! is a closure that touches no store (the database stays on the main thread: the screen
//! reads what the job needs before it starts and writes the result when it is back); its
//! result comes back on the event queue as `Event::JobDone`, to the screen that started it.
//! Tests run jobs inline, so a test sees the result right after the key that started it.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Sender};
use std::thread;

use super::event::Event;
use super::screens::Job;
use super::tabs::JobResult;

pub enum Jobs {
    /// One worker thread, jobs in the order they were started.
    Thread(Sender<Job<JobResult>>),
    /// Run at once; results wait here for the app to take them.
    Inline(VecDeque<JobResult>),
}

impl Jobs {
    /// A worker thread that sends each result to `events`.
    pub fn thread(events: Sender<Event>) -> std::io::Result<Jobs> {
        let (tx, rx) = mpsc::channel::<Job<JobResult>>();
        thread::Builder::new().name("jobs".into()).spawn(move || {
            for job in rx {
                if events.send(Event::JobDone(job())).is_err() {
                    return;
                }
            }
        })?;
        Ok(Jobs::Thread(tx))
    }

    pub fn inline() -> Jobs {
        Jobs::Inline(VecDeque::new())
    }

    /// Starts a job; false when the worker is gone (the program is ending).
    pub fn spawn(&mut self, job: Job<JobResult>) -> bool {
        match self {
            Jobs::Thread(tx) => tx.send(job).is_ok(),
            Jobs::Inline(done) => {
                done.push_back(job());
                true
            }
        }
    }

    /// Results of inline jobs not yet handed to the app.
    pub fn take_inline(&mut self) -> Option<JobResult> {
        match self {
            Jobs::Thread(_) => None,
            Jobs::Inline(done) => done.pop_front(),
        }
    }
}
