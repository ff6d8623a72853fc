//! The SQLite store: one file per user (or shared on a host), opened the same way for files and
//! for in-memory tests.
//!
//! Every user action is one `write`: an IMMEDIATE transaction (under WAL a deferred
//! read-then-write could fail with SQLITE_BUSY instead of waiting) that also appends its audit
//! row, so a change and its history commit together or not at all. Rows two people may edit
//! carry a revision; an update names the revision it read, and a stale one is refused. A write
//! returns the new revision (or the record), so a caller never reads one back to go on.
//!
//! Reading: each aggregate module defines one read trait (`ReadProcurements`, `ReadSets`, …)
//! whose provided methods hold its queries, with a blanket impl for everything that has a
//! connection. That is sealed (`sealed::Conn`, visible only inside the store) and implemented by
//! `Store` and by `Tx`, so each read exists once and serves both a screen and a transaction
//! that must read what it is about to change. `use crate::store::prelude::*` brings every read
//! trait into scope; `store.procurement(id)` and `tx.procurement(id)` then read alike. Nothing
//! outside the store ever sees a `Connection`: all SQL stays here.
//!
//! Opening (and what is refused at open) is in `open`; waiting for another user's lock in
//! `wait`.

mod audit;
pub mod contracts;
pub mod custom_sets;
mod entity;
mod error;
mod findings;
mod lines;
pub mod linking;
mod migrations;
mod open;
pub mod procurements;
pub mod reviews;
pub mod search;
pub mod set_sync;
pub mod sets;
pub mod suppliers;
pub mod tailoring;
mod versions;
mod wait;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::clock::Clock;

pub use audit::AuditEntry;
pub use entity::Entity;
pub use error::{ForeignReason, Result, StoreError};
pub use migrations::{APPLICATION_ID, latest as schema_version};
pub use procurements::Record;
pub use wait::{WAIT_LIMIT, Wait, WaitNotice};

/// Every read trait, for one `use crate::store::prelude::*`.
pub mod prelude {
    pub use super::ReadCounts;
    pub use super::contracts::ReadContracts;
    pub use super::custom_sets::ReadLibrary;
    pub use super::linking::ReadLinking;
    pub use super::procurements::ReadProcurements;
    pub use super::reviews::ReadReviews;
    pub use super::search::ReadSearch;
    pub use super::sets::ReadSets;
    pub use super::suppliers::ReadSuppliers;
    pub use super::tailoring::ReadTailoring;
}

mod sealed {
    /// What reads run on: a `Store`'s connection, or a write transaction's (which sees the
    /// transaction's own changes). Sealed: only the store can name it, so no other module
    /// reaches the connection.
    pub trait Conn {
        fn conn(&self) -> &rusqlite::Connection;
        /// Today for the domain (overdue, due within), from the store's clock.
        fn today(&self) -> chrono::NaiveDate;
    }
}
use sealed::Conn;

pub struct Store {
    conn: Connection,
    actor: String,
    clock: Clock,
    path: Option<PathBuf>,
    /// Transactions committed through this store, so the interface can tell its own changes
    /// from none.
    writes: u64,
    /// Opened for reading only (see `open`): every write is refused with `ReadOnly`.
    read_only: bool,
    waiting: wait::Waiting,
}

/// A write transaction with who and when, for the audit rows written inside it.
pub struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    actor: &'c str,
    at: String,
    today: NaiveDate,
}

impl Conn for Store {
    fn conn(&self) -> &Connection {
        &self.conn
    }
    fn today(&self) -> NaiveDate {
        self.clock.today()
    }
}

impl Conn for Tx<'_> {
    fn conn(&self) -> &Connection {
        &self.tx
    }
    fn today(&self) -> NaiveDate {
        self.today
    }
}

impl Store {
    /// Runs `f` in one IMMEDIATE transaction; an error rolls everything back.
    ///
    /// While another process holds the write lock this waits, telling the wait notice, for up
    /// to the wait limit (`WAIT_LIMIT` unless set), then gives up with `Busy`. A write is
    /// refused with `ReadOnly` on a database opened read-only, and with `AuditUnprotected`
    /// when a trigger that keeps the audit trail append-only is missing. SQLite errors come out
    /// naming the file (`StoreError::located`).
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let path = self.shown_path();
        if self.read_only {
            return Err(StoreError::ReadOnly { path });
        }
        let at = Clock::wall_now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let today = self.clock.today();
        let conn = &self.conn;
        let tx = self
            .waiting
            .retry(|| {
                Ok(rusqlite::Transaction::new_unchecked(
                    conn,
                    TransactionBehavior::Immediate,
                )?)
            })
            .map_err(|e| e.located(&path))?;
        let missing = audit::missing_guards(&tx).map_err(|e| e.located(&path))?;
        if !missing.is_empty() {
            return Err(StoreError::AuditUnprotected { path, missing });
        }
        let t = Tx {
            tx,
            actor: &self.actor,
            at,
            today,
        };
        let out = f(&t).map_err(|e| e.located(&path))?;
        t.tx.commit()
            .map_err(|e| StoreError::from(e).located(&path))?;
        self.writes += 1;
        Ok(out)
    }

    /// How many transactions this store has committed.
    pub fn writes(&self) -> u64 {
        self.writes
    }

    /// SQLite's count of changes committed by *other* connections (another terminal, a
    /// script): when it moves, what the interface shows may be out of date.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Tells `notice` when a write starts waiting for another user's lock, about every quarter
    /// second while it waits, and when the wait is over (the interface shows "waiting for
    /// another user" meanwhile).
    pub fn set_wait_notice(&mut self, notice: WaitNotice) {
        self.waiting.notice = Some(notice);
    }

    /// How long a write waits for another user's lock before giving up (`WAIT_LIMIT` unless
    /// set).
    pub fn set_wait_limit(&mut self, limit: Duration) {
        self.waiting.limit = limit;
    }

    /// Whether the database was opened for reading only (its file or directory is read-only
    /// here); writes are refused.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A SQLite error of a read, tied to this database's file as the problem a user can act
    /// on (writes and opening do this themselves).
    pub fn locate(&self, e: StoreError) -> StoreError {
        e.located(&self.shown_path())
    }

    /// The file's path as shown in messages (`:memory:` for an in-memory database).
    fn shown_path(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| ":memory:".into(), |p| p.display().to_string())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// A consistent copy of the whole database, taken while it stays in use.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::BackupExists {
                path: dest.display().to_string(),
            });
        }
        open::create_private_file(dest).map_err(|source| StoreError::Io {
            path: dest.display().to_string(),
            source,
        })?;
        self.conn
            .backup(rusqlite::MAIN_DB, dest, None)
            .map_err(StoreError::from)
    }

    /// Runs `f` (a bulk load of many writes) with a page cache large enough that SQLite does not
    /// spill and rewrite pages mid-transaction, and restores the cache size afterwards.
    pub fn bulk_load<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let before: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        let out = f(self);
        let restored = self.conn.pragma_update(None, "cache_size", before);
        let out = out?;
        restored?;
        Ok(out)
    }
}

/// 256 MiB of page cache (a negative `cache_size` counts KiB).
const BULK_CACHE_KIB: i64 = -262_144;

/// Counts over the whole database.
pub trait ReadCounts: Conn {
    /// How many suppliers, contracts and reviews there are (for tabs that only show counts).
    fn counts(&self) -> Result<(i64, i64, i64)> {
        Ok(self.conn().query_row(
            "SELECT (SELECT count(*) FROM supplier), (SELECT count(*) FROM contract),
                    (SELECT count(*) FROM review)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Whether the database holds any user data (procurements, suppliers or contracts).
    fn has_user_data(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM procurement) OR EXISTS (SELECT 1 FROM supplier)
                 OR EXISTS (SELECT 1 FROM contract)",
            [],
            |r| r.get(0),
        )?)
    }
}

impl<C: Conn + ?Sized> ReadCounts for C {}

impl Tx<'_> {
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Checks the outcome of an `UPDATE … WHERE id = ? AND revision = ?`: no row changed means
    /// the row is gone or someone else saved first. The error names the row as its user knows it.
    fn expect_updated(&self, changed: usize, entity: Entity, id: i64) -> Result<()> {
        if changed == 1 {
            return Ok(());
        }
        Err(self.stale_or_missing(entity, id)?)
    }

    /// `Stale` with the row's name when the row is there, `NotFound` when it is gone.
    fn stale_or_missing(&self, entity: Entity, id: i64) -> Result<StoreError> {
        let name: Option<String> = match entity.name_query() {
            Some(sql) => self.tx.query_row(sql, [id], |r| r.get(0)).optional()?,
            None => None,
        };
        Ok(match name {
            Some(name) => StoreError::Stale { entity, id: name },
            None => StoreError::NotFound {
                entity,
                id: id.to_string(),
            },
        })
    }
}

/// Every row `sql` gives for `params`, each read by `read`: the one shape of a list query.
fn all<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    read: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    pub fn store() -> Store {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        Store::open_in_memory(Clock::Fixed(day), "tester").unwrap()
    }

    /// A store whose library is one built-in set `alpha` 2026.1 of two requirements.
    pub fn with_alpha() -> Store {
        let mut s = store();
        let alpha = crate::store::sets::tests::set(
            "alpha",
            "2026.1",
            &[("ALPHA-01", "Lagring"), ("ALPHA-02", "Loggar")],
        );
        s.sync_builtins(&[alpha], "h").unwrap();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_store_is_migrated_with_fts5() {
        let s = test_support::store();
        let v: i64 = s
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, migrations::latest());
        let fts5: bool = s
            .conn()
            .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(fts5);
        let fk: bool = s
            .conn()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(fk);
    }

    #[test]
    fn a_bulk_load_raises_the_page_cache_and_restores_it() {
        let mut s = test_support::store();
        let cache = |s: &Store| -> i64 {
            s.conn()
                .pragma_query_value(None, "cache_size", |r| r.get(0))
                .unwrap()
        };
        let before = cache(&s);
        let inside = s.bulk_load(|s| Ok(cache(s))).unwrap();
        assert_eq!(inside, BULK_CACHE_KIB);
        assert_eq!(cache(&s), before);
        let failed: Result<()> = s.bulk_load(|_| Err(StoreError::Invalid("stop".into())));
        assert!(failed.is_err());
        assert_eq!(cache(&s), before, "restored after a failure too");
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let mut s = test_support::store();
        let r: Result<()> = s.write(|tx| {
            tx.tx.execute(
                "INSERT INTO meta(key, value) VALUES ('half', 'written')",
                [],
            )?;
            Err(StoreError::Invalid("stop".into()))
        });
        assert!(r.is_err());
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM meta WHERE key = 'half'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 0);
    }
}
