//! Why something the user asked for did not happen, kept typed from the store, the catalog and
//! the file system up to the toast, and put into words only there, in the user's language. A
//! refused write of a row someone else changed says so and names the key that reloads.

use std::fmt;

use super::widgets::form::{FieldId, FieldKey, ValueError};
use crate::catalog::CatalogError;
use crate::catalog::error::Problem;
use crate::domain::Lang;
use crate::files::FileError;
use crate::i18n::{self, CliText, Msg};
use crate::store::StoreError;

#[derive(Debug)]
pub enum UiError {
    /// Boxed: the store's errors carry paths and SQLite's own error, and would make every
    /// result of the interface large.
    Store(Box<StoreError>),
    /// A set file that does not parse or validate: its problems, first first.
    Catalog(Vec<CatalogError>),
    /// One problem of a requirement typed in a form, shown on its field.
    Problem(Problem),
    /// A file could not be read or written.
    File(FileError),
    /// A refusal with a fixed reason (a built-in set is read-only…).
    Refused(Msg),
    /// A refusal already put into the user's words (with what it names filled in).
    Said(String),
    /// The thing acted on is gone (deleted by someone else since the view was read).
    Gone,
    /// A form value read as a type its screen did not expect: a mistake in the program.
    Value(ValueError),
}

impl UiError {
    /// The error in words; `reload_key` is the key that reloads the view, named when a write
    /// was refused because someone else saved first.
    pub fn text(&self, lang: Lang, reload_key: &str) -> String {
        match self {
            UiError::Store(e) if matches!(**e, StoreError::Stale { .. }) => format!(
                "{} {}",
                i18n::store_error(e, lang),
                Msg::ReloadHint.text(lang).replace("{key}", reload_key)
            ),
            UiError::Store(e) => i18n::store_error(e, lang),
            UiError::Catalog(errors) => {
                let first = errors.first().map(|e| e.message(lang)).unwrap_or_default();
                match errors.len() {
                    0 | 1 => first,
                    n => format!(
                        "{first} {}",
                        CliText::MoreErrors
                            .counted(n - 1, lang)
                            .replace("{n}", &(n - 1).to_string())
                    ),
                }
            }
            UiError::Problem(p) => p.text(lang),
            UiError::File(e) => i18n::file_error(e, lang),
            UiError::Refused(m) => m.text(lang).to_string(),
            UiError::Said(s) => s.clone(),
            UiError::Gone => Msg::Gone.text(lang).to_string(),
            UiError::Value(v) => Msg::InternalFormError
                .text(lang)
                .replace("{field}", &v.field),
        }
    }
}

impl fmt::Display for UiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En, "Ctrl-R"))
    }
}

impl From<StoreError> for UiError {
    fn from(e: StoreError) -> UiError {
        UiError::Store(Box::new(e))
    }
}

impl From<FileError> for UiError {
    fn from(e: FileError) -> UiError {
        UiError::File(e)
    }
}

impl From<ValueError> for UiError {
    fn from(e: ValueError) -> UiError {
        UiError::Value(e)
    }
}

/// Why submitted form values were refused: the error, and the field to mark when it concerns
/// one (the form stays open with everything typed).
#[derive(Debug)]
pub struct Refusal {
    pub field: Option<FieldId>,
    pub error: UiError,
}

impl Refusal {
    pub fn at<K: FieldKey>(key: K, error: impl Into<UiError>) -> Refusal {
        Refusal {
            field: Some(FieldId::of(key)),
            error: error.into(),
        }
    }
}

impl From<UiError> for Refusal {
    fn from(error: UiError) -> Refusal {
        Refusal { field: None, error }
    }
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Refusal {
        UiError::from(e).into()
    }
}

impl From<ValueError> for Refusal {
    fn from(e: ValueError) -> Refusal {
        UiError::Value(e).into()
    }
}
