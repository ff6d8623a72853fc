//! Errors of the store. Domain rule violations pass through typed, so the interfaces can say
//! exactly what was refused and why. Problems with the database file itself (locked, read-only,
//! damaged, full, not kravkoll's) carry the file's path, so a message can say which file and
//! what to do about it; `i18n::store_error` words each of them in Swedish and English.

use rusqlite::ErrorCode;
use thiserror::Error;

use super::Entity;

use crate::domain::contract::ContractError;
use crate::domain::procurement::ProcurementError;
use crate::domain::review::FollowUpError;
use crate::domain::supplier::SupplierError;

#[derive(Debug, Error)]
pub enum StoreError {
    /// A SQLite error not yet tied to a file (what `?` makes of a `rusqlite::Error`). The
    /// store's boundary (opening, `Store::write`, `Store::locate`) turns it into one of the
    /// variants below that name the file.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A SQLite error of no kind the user can act on, with the file it happened in.
    #[error("database error in {path}: {source}")]
    Database {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    /// Another process kept the write lock for longer than the store waits (`Store::write`).
    #[error(
        "the database {path} stayed locked by another user who is saving; kravkoll waited, but not forever. Nothing was saved; try again in a moment"
    )]
    Busy { path: String },
    #[error(
        "the database {path} cannot be written here (the file or its directory is read-only); nothing was saved. Ask for write access to the file and its directory, or work on a copy with --db"
    )]
    ReadOnly { path: String },
    #[error(
        "the database {path} has schema {found} and must be upgraded to schema {supported} before this kravkoll can read it, but it is read-only here; open it once with write access"
    )]
    ReadOnlyUpgrade {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error(
        "the database {path} is damaged or is not a database file; restore it from a backup made with `kravkoll backup`"
    )]
    Damaged { path: String },
    #[error(
        "cannot open the database {path}; check that its directory exists and that you may read and write there"
    )]
    CannotOpen { path: String },
    #[error(
        "the disk holding the database {path} is full; nothing was saved, free some space and try again"
    )]
    DiskFull { path: String },
    #[error(
        "reading or writing the database {path} failed (a disk or network error); nothing was saved. Check the disk; if it happens again, restore from a backup made with `kravkoll backup`"
    )]
    DiskIo { path: String },
    #[error(
        "upgrading the database {path} to schema {to} failed, so nothing was changed: {source}"
    )]
    Upgrade {
        path: String,
        to: i64,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot create or open the database file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a kravkoll database ({reason}); it was left untouched. Name another file with --db or KRAVKOLL_DB"
    )]
    Foreign { path: String, reason: ForeignReason },
    #[error(
        "the audit trail of {path} is not protected: {} missing, so the database was changed outside kravkoll; nothing was saved. Restore it from a backup made with `kravkoll backup`, or ask whoever manages the database to check it",
        missing.join(", ")
    )]
    AuditUnprotected { path: String, missing: Vec<String> },
    #[error(
        "the database {path} was written by a newer kravkoll (schema {found}; this program knows up to {supported}); it was left untouched, upgrade kravkoll to open it"
    )]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    /// A write named a revision that is no longer the row's: someone else saved first.
    #[error(
        "the {entity} {id} was changed by someone else since you opened it; nothing was saved, reload and try again"
    )]
    Stale { entity: Entity, id: String },
    #[error("the {entity} {id} does not exist")]
    NotFound { entity: Entity, id: String },
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error("the built-in set {0} is read-only; duplicate it into a custom set to change it")]
    BuiltinReadOnly(String),
    #[error(
        "version {version} of set {set} is already in the library with other content; give the changed set a new version"
    )]
    VersionExists { set: String, version: String },
    #[error("version {version} of set {set} is already in the library")]
    AlreadyImported { set: String, version: String },
    #[error("version {version} of set {set} is older than the library's version {current}")]
    OlderVersion {
        set: String,
        version: String,
        current: String,
    },
    #[error(
        "requirement id {id} is already used by set {other_set}; ids are unique in the whole library"
    )]
    DuplicateRequirementId { id: String, other_set: String },
    #[error("set {set} is used by {procurements} procurement(s) and cannot be deleted")]
    SetInUse { set: String, procurements: i64 },
    #[error("organisation number {0} belongs to another supplier already")]
    OrgNumberTaken(String),
    #[error("the database already holds data; the demo loads only into an empty database")]
    NotEmpty,
    #[error("{0}")]
    Procurement(#[from] ProcurementError),
    #[error("{0}")]
    FollowUp(#[from] FollowUpError),
    #[error("{0}")]
    Supplier(#[from] SupplierError),
    #[error("{0}")]
    Contract(#[from] ContractError),
    #[error("the reference {0} is used by another procurement already")]
    ReferenceTaken(String),
    #[error("{path} exists already; choose a new file name for the backup")]
    BackupExists { path: String },
    /// A rule the store itself keeps, said in English for logs and tests; what a user can
    /// meet has a typed variant of its own.
    #[error("{0}")]
    Invalid(String),
}

/// Why a SQLite file was taken for another program's and refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ForeignReason {
    /// Its header carries another program's `application_id`.
    #[error("it is marked as another program's file, application id {0:#010x}")]
    OtherApplication(i32),
    /// It has no application id and holds tables kravkoll never makes (some are named).
    #[error("it holds tables kravkoll does not make: {}", .0.join(", "))]
    UnknownTables(Vec<String>),
    /// It has a schema version but none of kravkoll's tables.
    #[error("it has schema version {0} but none of kravkoll's tables")]
    VersionWithoutTables(i64),
    /// It has only kravkoll's tables but no schema version, which kravkoll never leaves.
    #[error("it has kravkoll's tables but no schema version")]
    NoVersion,
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

impl StoreError {
    /// Ties a SQLite error to the database file it happened in, as the kind of problem the
    /// user can act on (locked, read-only, damaged, full…). Other errors pass unchanged.
    pub(crate) fn located(self, path: &str) -> StoreError {
        let StoreError::Sqlite(source) = self else {
            return self;
        };
        let path = path.to_string();
        match source.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                StoreError::Damaged { path }
            }
            Some(ErrorCode::CannotOpen) => StoreError::CannotOpen { path },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            Some(ErrorCode::SystemIoFailure) => StoreError::DiskIo { path },
            _ => StoreError::Database { path, source },
        }
    }

    /// Whether SQLite could not write the file or the files beside it (-wal, -shm, -journal):
    /// a read-only file or directory.
    pub(crate) fn is_cannot_write(&self) -> bool {
        matches!(self, StoreError::Sqlite(e) if matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
        ))
    }

    /// Whether this is SQLite saying another connection holds the lock (worth waiting for).
    pub(crate) fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sqlite(e) if is_busy(e))
    }
}

pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn sqlite_errors_a_user_meets_name_the_file() {
        use rusqlite::ffi;
        let cases = [
            (ffi::SQLITE_BUSY, "Busy"),
            (ffi::SQLITE_LOCKED, "Busy"),
            (ffi::SQLITE_READONLY, "ReadOnly"),
            (ffi::SQLITE_CORRUPT, "Damaged"),
            (ffi::SQLITE_NOTADB, "Damaged"),
            (ffi::SQLITE_CANTOPEN, "CannotOpen"),
            (ffi::SQLITE_FULL, "DiskFull"),
            (ffi::SQLITE_IOERR, "DiskIo"),
            (ffi::SQLITE_MISMATCH, "Database"),
        ];
        for (code, kind) in cases {
            let e = sqlite(code).located("/data/kravkoll.db");
            let debug = format!("{e:?}");
            assert!(debug.starts_with(kind), "{code}: {debug}");
            assert!(e.to_string().contains("/data/kravkoll.db"), "{code}: {e}");
        }
        assert!(matches!(
            StoreError::NotEmpty.located("x"),
            StoreError::NotEmpty
        ));
    }
}

/// The wording of these errors lives in `i18n`; its test is here because building the
/// errors takes SQLite's own error values, which only the store may name.
#[cfg(test)]
mod wording {
    use super::*;
    use crate::domain::Lang;
    use crate::i18n::store_error;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    /// Every error about the database file, in both languages: names the file, and Swedish is
    /// really Swedish (not the English text passed through).
    #[test]
    fn file_errors_name_the_file_in_both_languages() {
        let path = || "/srv/delad/kravkoll.db".to_string();
        let errors = [
            StoreError::Database {
                path: path(),
                source: sqlite(rusqlite::ffi::SQLITE_MISMATCH),
            },
            StoreError::Busy { path: path() },
            StoreError::ReadOnly { path: path() },
            StoreError::ReadOnlyUpgrade {
                path: path(),
                found: 1,
                supported: 3,
            },
            StoreError::Damaged { path: path() },
            StoreError::CannotOpen { path: path() },
            StoreError::DiskFull { path: path() },
            StoreError::DiskIo { path: path() },
            StoreError::Upgrade {
                path: path(),
                to: 3,
                source: sqlite(rusqlite::ffi::SQLITE_ERROR),
            },
            StoreError::Io {
                path: path(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
            StoreError::Foreign {
                path: path(),
                reason: ForeignReason::NoVersion,
            },
            StoreError::AuditUnprotected {
                path: path(),
                missing: vec!["audit_no_delete".into()],
            },
            StoreError::TooNew {
                path: path(),
                found: 9,
                supported: 3,
            },
        ];
        for e in &errors {
            let sv = store_error(e, Lang::Sv);
            let en = store_error(e, Lang::En);
            assert!(sv.contains(&path()), "{sv}");
            assert!(en.contains(&path()), "{en}");
            assert_ne!(sv, en, "{e:?}");
        }
        assert!(store_error(&errors[9], Lang::Sv).contains("behörighet saknas"));
    }
}
