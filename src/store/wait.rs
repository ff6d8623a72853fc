//! Waiting for another process's write lock. Two terminals on one shared file is a normal way to
//! work, so a write that finds the database locked waits and retries rather than failing, and
//! tells the interface while it does (a user must see "waiting for another user", not a frozen
//! screen). SQLite's own busy timeout does the sleeping in short slices; between slices the
//! notice is called, and after `WAIT_LIMIT` the write gives up with `StoreError::Busy`.

use std::time::{Duration, Instant};

use super::error::Result;

/// How long a write waits for another user's lock before it gives up. Long enough for any
/// ordinary save by someone else (a big import takes a few seconds), short enough that a
/// forgotten lock (a process stopped in a debugger) is reported.
pub const WAIT_LIMIT: Duration = Duration::from_secs(30);

/// One slice of SQLite's busy timeout: a lock held for less than this is never reported.
pub(crate) const SLICE: Duration = Duration::from_millis(250);

/// What the store tells the interface about a write waiting for another user's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Still waiting (called when the wait starts and about every quarter second after).
    Waiting { waited: Duration, limit: Duration },
    /// The wait is over: the write got the lock or gave up.
    Over,
}

/// Called with each `Wait`; set by the interface with `Store::set_wait_notice`.
pub type WaitNotice = Box<dyn FnMut(Wait) + Send>;

/// How one store waits: the limit and whom to tell.
pub(crate) struct Waiting {
    pub(crate) limit: Duration,
    pub(crate) notice: Option<WaitNotice>,
}

impl Default for Waiting {
    fn default() -> Self {
        Waiting {
            limit: WAIT_LIMIT,
            notice: None,
        }
    }
}

impl Waiting {
    /// Runs `attempt` until it is not refused for a busy lock, or until the limit has passed;
    /// the last busy error is returned then (the caller names the file).
    pub(crate) fn retry<T>(&mut self, mut attempt: impl FnMut() -> Result<T>) -> Result<T> {
        let started = Instant::now();
        let mut told = false;
        let outcome = loop {
            let tried = Instant::now();
            match attempt() {
                Err(e) if e.is_busy() && started.elapsed() < self.limit => {
                    self.tell(Wait::Waiting {
                        waited: started.elapsed(),
                        limit: self.limit,
                    });
                    told = true;
                    // SQLite refuses at once instead of waiting when waiting could deadlock
                    // (two connections both upgrading a read lock); pause before trying again.
                    if tried.elapsed() < SLICE / 4 {
                        std::thread::sleep(SLICE / 10);
                    }
                }
                other => break other,
            }
        };
        if told {
            self.tell(Wait::Over);
        }
        outcome
    }

    fn tell(&mut self, wait: Wait) {
        if let Some(notice) = self.notice.as_mut() {
            notice(wait);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::store::StoreError;

    fn busy() -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        ))
    }

    fn recording() -> (Waiting, Arc<Mutex<Vec<Wait>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let w = Waiting {
            limit: Duration::from_millis(200),
            notice: Some(Box::new(move |w| log.lock().unwrap().push(w))),
        };
        (w, seen)
    }

    #[test]
    fn a_busy_attempt_is_retried_and_the_wait_told() {
        let (mut w, seen) = recording();
        let mut tries = 0;
        let out = w.retry(|| {
            tries += 1;
            if tries < 3 { Err(busy()) } else { Ok(tries) }
        });
        assert_eq!(out.unwrap(), 3);
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 3, "{seen:?}");
        assert!(matches!(seen[0], Wait::Waiting { .. }));
        assert_eq!(seen[2], Wait::Over);
    }

    #[test]
    fn the_wait_ends_at_the_limit_with_the_busy_error() {
        let (mut w, seen) = recording();
        let started = Instant::now();
        let out: Result<()> = w.retry(|| Err(busy()));
        assert!(out.unwrap_err().is_busy());
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert_eq!(seen.lock().unwrap().last(), Some(&Wait::Over));
    }

    #[test]
    fn other_errors_and_successes_are_not_waits() {
        let (mut w, seen) = recording();
        assert!(w.retry(|| Ok(1)).is_ok());
        let e: Result<()> = w.retry(|| Err(StoreError::NotEmpty));
        assert!(matches!(e, Err(StoreError::NotEmpty)));
        assert!(seen.lock().unwrap().is_empty());
    }
}
