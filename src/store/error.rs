//! Errors of the store. Domain rule violations pass through typed, so the interfaces can say
//! exactly what was refused and why.

use thiserror::Error;

use super::Entity;

use crate::domain::procurement::ProcurementError;
use crate::domain::review::FollowUpError;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database upgrade failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("cannot create or open the database file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
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
    Invalid(String),
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
