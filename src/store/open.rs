//! Opening a database: the file created private, the connection set up the same way for files
//! and for in-memory tests, and the checks made before anything is written to the file: is it
//! kravkoll's (`application_id`, see `migrations`), is it from a newer kravkoll, can it be
//! written here at all.
//!
//! The checks only read, so a file that turns out to be another program's or a newer
//! kravkoll's is left exactly as it was. A database that cannot be written here (a read-only
//! file or directory) is opened for reading only: it can be read, and `Store::write` refuses
//! with a message naming the file.

use std::fs;
use std::io;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::error::{Result, StoreError};
use super::migrations::{self, Found};
use super::wait::{SLICE, Waiting};
use super::{Clock, Store};

impl Store {
    /// Opens (creating if needed) the database at `path`. A database written by a newer
    /// kravkoll, or a SQLite file of another program, is refused before anything is written to
    /// it. One the user may only read is opened read-only (`Store::is_read_only`).
    pub fn open(path: &Path, clock: Clock, actor: &str) -> Result<Store> {
        let shown = path.display().to_string();
        if !path.exists() {
            match create_private_file(path) {
                // Another process created it between the check and here: open theirs.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                other => other.map_err(|source| StoreError::Io {
                    path: shown.clone(),
                    source,
                })?,
            }
        }
        let mut waiting = Waiting::default();
        let (conn, found, read_only) = connect(path, &shown, &mut waiting)?;
        let mut store = Store {
            conn,
            actor: actor.to_string(),
            clock,
            path: Some(path.to_path_buf()),
            read_only,
            waiting,
            writes: 0,
        };
        store.setup(found)?;
        Ok(store)
    }

    pub fn open_in_memory(clock: Clock, actor: &str) -> Result<Store> {
        #[allow(clippy::disallowed_methods)] // the store is the one place that opens databases
        let conn = Connection::open_in_memory()?;
        conn.busy_timeout(SLICE)?;
        let found = migrations::inspect(&conn)?;
        let mut store = Store {
            conn,
            actor: actor.to_string(),
            clock,
            path: None,
            read_only: false,
            waiting: Waiting::default(),
            writes: 0,
        };
        store.setup(found)?;
        Ok(store)
    }

    /// Refuses what is not ours or too new, then switches to WAL, migrates and sets the
    /// connection's pragmas. Nothing is written before the refusals.
    fn setup(&mut self, found: Found) -> Result<()> {
        let path = self.shown_path();
        let version = match &found {
            Found::Foreign(reason) => {
                return Err(StoreError::Foreign {
                    path,
                    reason: reason.clone(),
                });
            }
            kravkoll => kravkoll.version().unwrap_or(0),
        };
        if version > migrations::latest() {
            return Err(StoreError::TooNew {
                path,
                found: version,
                supported: migrations::latest(),
            });
        }
        if !self.read_only {
            self.use_wal(&path)?;
        }
        if self.read_only {
            if found == Found::New {
                return Err(StoreError::ReadOnly { path });
            }
            if version < migrations::latest() {
                return Err(StoreError::ReadOnlyUpgrade {
                    path,
                    found: version,
                    supported: migrations::latest(),
                });
            }
        } else if found.needs_migration() {
            migrations::migrate(&self.conn, &mut self.waiting, &path)?;
        }
        let located = |e: rusqlite::Error| StoreError::from(e).located(&path);
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(located)?;
        // NORMAL is safe under WAL: a crash loses at most the last commits, never consistency.
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(located)?;
        Ok(())
    }

    /// WAL lets a reader (a second terminal) work while another writes. Several processes may
    /// switch a new file at once; a busy switch is retried, and one that finds the directory
    /// read-only leaves the database readable in its old mode.
    fn use_wal(&mut self, path: &str) -> Result<()> {
        let conn = &self.conn;
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(|e| StoreError::from(e).located(path))?;
        if mode.eq_ignore_ascii_case("wal") || mode.eq_ignore_ascii_case("memory") {
            return Ok(());
        }
        let switched = self.waiting.retry(|| {
            Ok(conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?)
        });
        match switched {
            Ok(_) => Ok(()),
            Err(e) if e.is_cannot_write() => {
                self.read_only = true;
                Ok(())
            }
            Err(e) => Err(e.located(path)),
        }
    }
}

/// Opens the file for reading and writing or, when that cannot work because the file or its
/// directory is read-only, for reading only; then reads what the file is.
///
/// The first try is read-write even though it only reads: a process killed mid-write can leave
/// a hot journal that must be rolled back before anything can be read, and only a writer may
/// do that.
///
/// A WAL database needs its -shm and -wal files beside it. In a directory the user may not
/// write they cannot be created, so even reading fails on a read-write connection. The
/// fallback is a read-only connection, which works while a user with write access has the
/// database open (the files exist then); failing that, `immutable=1`, which reads the main file
/// as it is: nobody is writing it then (a writer would have made the -wal file), and a
/// session opened that way does not see changes made after it started.
fn connect(path: &Path, shown: &str, waiting: &mut Waiting) -> Result<(Connection, Found, bool)> {
    #[allow(clippy::disallowed_methods)] // the store is the one place that opens databases
    let conn = Connection::open(path).map_err(|e| StoreError::from(e).located(shown))?;
    let first = match read_identity(conn, waiting) {
        Ok((conn, found)) => {
            let read_only = conn
                .is_readonly(rusqlite::MAIN_DB)
                .map_err(|e| StoreError::from(e).located(shown))?;
            return Ok((conn, found, read_only));
        }
        Err(e) if e.is_cannot_write() => e,
        Err(e) => return Err(e.located(shown)),
    };
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut ways = vec![(path.as_os_str().to_owned(), read_only)];
    if let Some(uri) = immutable_uri(path) {
        ways.push((uri.into(), read_only | OpenFlags::SQLITE_OPEN_URI));
    }
    for (name, flags) in ways {
        #[allow(clippy::disallowed_methods)] // the store is the one place that opens databases
        let Ok(conn) = Connection::open_with_flags(Path::new(&name), flags) else {
            continue;
        };
        if let Ok((conn, found)) = read_identity(conn, waiting) {
            return Ok((conn, found, true));
        }
    }
    Err(first.located(shown))
}

fn read_identity(conn: Connection, waiting: &mut Waiting) -> Result<(Connection, Found)> {
    conn.busy_timeout(SLICE)?;
    let found = waiting.retry(|| migrations::inspect(&conn))?;
    Ok((conn, found))
}

/// `path` as an SQLite URI that opens it read-only and immutable (see `connect`).
fn immutable_uri(path: &Path) -> Option<String> {
    if !cfg!(unix) {
        return None;
    }
    let text = path.to_str()?;
    let mut uri = String::from(if path.is_absolute() {
        "file://"
    } else {
        "file:"
    });
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

/// Creates an empty file readable by its owner only (the database holds personal data about
/// supplier contacts and reviewers), and its directory if needed.
pub(super) fn create_private_file(path: &Path) -> io::Result<()> {
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        let mut b = fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir)?;
    }
    let mut o = fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_immutable_uri_escapes_what_sqlite_would_read_as_query() {
        if cfg!(unix) {
            assert_eq!(
                immutable_uri(Path::new("/srv/a?b#c%d.db")).unwrap(),
                "file:///srv/a%3fb%23c%25d.db?immutable=1"
            );
            assert_eq!(
                immutable_uri(Path::new("rel/x.db")).unwrap(),
                "file:rel/x.db?immutable=1"
            );
        }
    }
}
