//! Ordered schema migrations, counted in SQLite's `user_version`, and the mark that tells a
//! kravkoll database from any other SQLite file (`application_id`).
//!
//! Several processes may open one new shared file at the same moment, so the version is read
//! again inside an IMMEDIATE transaction (the write lock) before any step runs: the first
//! process migrates, the others wait for its lock and then find nothing to do. (A migrations
//! crate that reads the version before taking the lock is exactly that race.) All pending steps
//! run in that one transaction, so an upgrade happens whole or not at all.
//!
//! A file is only ever migrated when it is kravkoll's: marked with `APPLICATION_ID`, empty, or
//! holding kravkoll's tables only (a database made before the mark existed, which is stamped).
//! Anything else is refused before a byte of it is written.

use std::collections::BTreeSet;

use rusqlite::{Connection, TransactionBehavior};

use super::error::{ForeignReason, Result, StoreError};
use super::wait::Waiting;

/// kravkoll's mark in the SQLite header (`PRAGMA application_id`): the ASCII bytes "KRAV".
/// Written when kravkoll creates or upgrades a database; `file(1)` and other tools can read it.
pub const APPLICATION_ID: i32 = 0x4B52_4156;

static STEPS: &[&str] = &[
    include_str!("sql/0001_init.sql"),
    include_str!("sql/0002_indexes.sql"),
    include_str!("sql/0003_own_sets.sql"),
    include_str!("sql/0004_audit_no_replace.sql"),
    include_str!("sql/0005_search.sql"),
    include_str!("sql/0006_tailoring.sql"),
    include_str!("sql/0007_profile_routes.sql"),
    include_str!("sql/0008_key_dates.sql"),
    include_str!("sql/0009_scoring.sql"),
];

/// The schema version this program writes.
pub fn latest() -> i64 {
    STEPS.len() as i64
}

/// What a SQLite file turned out to be, read before anything is written to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// No tables, no version, no mark: a new file, which becomes a kravkoll database.
    New,
    /// Marked as kravkoll's, at this schema version.
    Ours(i64),
    /// kravkoll's tables without the mark (made before the mark existed), at this version.
    Unmarked(i64),
    /// Another program's file, or one kravkoll cannot have made.
    Foreign(ForeignReason),
}

impl Found {
    /// The schema version found, for a file that is kravkoll's.
    pub(crate) fn version(&self) -> Option<i64> {
        match self {
            Found::New => Some(0),
            Found::Ours(v) | Found::Unmarked(v) => Some(*v),
            Found::Foreign(_) => None,
        }
    }

    /// Whether opening it needs a write (schema steps or the mark).
    pub(crate) fn needs_migration(&self) -> bool {
        *self != Found::Ours(latest())
    }
}

/// Reads what the file is: its mark, its version and, for an unmarked file, its tables.
pub(crate) fn inspect(conn: &Connection) -> Result<Found> {
    if !conn.is_autocommit() {
        return read_found(conn);
    }
    // One read transaction, so that all three are read at one moment: read one by one, a
    // process migrating the file in between showed its tables without their version.
    let tx = conn.unchecked_transaction()?;
    let found = read_found(&tx)?;
    tx.commit()?;
    Ok(found)
}

fn read_found(conn: &Connection) -> Result<Found> {
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if app == APPLICATION_ID {
        return Ok(Found::Ours(version));
    }
    if app != 0 {
        return Ok(Found::Foreign(ForeignReason::OtherApplication(app)));
    }
    // Indexes, triggers and views name the table they belong to; SQLite's own tables
    // (sqlite_sequence, sqlite_stat1) may be in any database.
    let mut stmt = conn.prepare(
        "SELECT DISTINCT tbl_name FROM sqlite_master
         WHERE tbl_name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY tbl_name",
    )?;
    let owners = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if owners.is_empty() {
        return Ok(if version == 0 {
            Found::New
        } else {
            Found::Foreign(ForeignReason::VersionWithoutTables(version))
        });
    }
    let known = known_tables()?;
    let unknown: Vec<String> = owners
        .iter()
        .filter(|t| !known.contains(t.as_str()))
        .take(5)
        .cloned()
        .collect();
    Ok(if !unknown.is_empty() {
        Found::Foreign(ForeignReason::UnknownTables(unknown))
    } else if version == 0 {
        Found::Foreign(ForeignReason::NoVersion)
    } else {
        Found::Unmarked(version)
    })
}

/// Every table some schema version of kravkoll makes, found by running the steps on an empty
/// database (a table dropped by a later step still counts: an old file may have it).
fn known_tables() -> Result<BTreeSet<String>> {
    #[allow(clippy::disallowed_methods)] // a scratch schema, never a user's database
    let conn = Connection::open_in_memory()?;
    let mut known = BTreeSet::new();
    for step in STEPS {
        conn.execute_batch(step)?;
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
        for name in stmt.query_map([], |r| r.get::<_, String>(0))? {
            known.insert(name?);
        }
    }
    Ok(known)
}

/// Brings a kravkoll database (or a new, empty file) to the latest schema and marks it as
/// kravkoll's, under the write lock, after reading its state again under that lock.
pub(crate) fn migrate(conn: &Connection, waiting: &mut Waiting, path: &str) -> Result<()> {
    let tx = waiting
        .retry(|| {
            Ok(rusqlite::Transaction::new_unchecked(
                conn,
                TransactionBehavior::Immediate,
            )?)
        })
        .map_err(|e| e.located(path))?;
    let found = inspect(&tx).map_err(|e| e.located(path))?;
    let from = match found {
        Found::Foreign(reason) => {
            return Err(StoreError::Foreign {
                path: path.to_string(),
                reason,
            });
        }
        Found::Ours(v) if v == latest() => return Ok(()),
        other => other.version().unwrap_or(0),
    };
    if from > latest() {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found: from,
            supported: latest(),
        });
    }
    let upgrade = |source: rusqlite::Error| match StoreError::Sqlite(source).located(path) {
        StoreError::Database { path, source } => StoreError::Upgrade {
            path,
            to: latest(),
            source,
        },
        other => other,
    };
    for step in STEPS.iter().skip(usize::try_from(from).unwrap_or(0)) {
        tx.execute_batch(step).map_err(upgrade)?;
    }
    tx.pragma_update(None, "user_version", latest())
        .map_err(upgrade)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(upgrade)?;
    tx.commit().map_err(upgrade)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> Connection {
        #[allow(clippy::disallowed_methods)]
        Connection::open_in_memory().unwrap()
    }

    #[test]
    fn every_step_applies_in_order_and_marks_the_database() {
        let conn = scratch();
        assert_eq!(inspect(&conn).unwrap(), Found::New);
        migrate(&conn, &mut Waiting::default(), ":memory:").unwrap();
        assert_eq!(inspect(&conn).unwrap(), Found::Ours(latest()));
        // Run again: nothing to do, nothing fails.
        migrate(&conn, &mut Waiting::default(), ":memory:").unwrap();
    }

    #[test]
    fn the_mark_is_krav_in_ascii() {
        assert_eq!(&APPLICATION_ID.to_be_bytes(), b"KRAV");
    }

    #[test]
    fn files_are_told_apart_by_mark_version_and_tables() {
        let conn = scratch();
        conn.pragma_update(None, "user_version", 7).unwrap();
        assert_eq!(
            inspect(&conn).unwrap(),
            Found::Foreign(ForeignReason::VersionWithoutTables(7))
        );
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY); CREATE TABLE meta (k);")
            .unwrap();
        assert_eq!(
            inspect(&conn).unwrap(),
            Found::Foreign(ForeignReason::UnknownTables(vec!["photos".into()]))
        );
        conn.pragma_update(None, "application_id", 42).unwrap();
        assert_eq!(
            inspect(&conn).unwrap(),
            Found::Foreign(ForeignReason::OtherApplication(42))
        );
    }

    #[test]
    fn an_unmarked_kravkoll_database_is_recognised_and_stamped() {
        let conn = scratch();
        conn.execute_batch(STEPS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        assert_eq!(inspect(&conn).unwrap(), Found::Unmarked(1));
        migrate(&conn, &mut Waiting::default(), ":memory:").unwrap();
        assert_eq!(inspect(&conn).unwrap(), Found::Ours(latest()));
    }
}
