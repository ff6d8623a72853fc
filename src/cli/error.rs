//! The command line's own errors, typed so that `run` can word them in the user's language
//! (`i18n::cli_error`) instead of printing an English `anyhow!` text. Errors of the other layers
//! (store, files, clock, catalog) keep their own types and are worded by their own i18n
//! functions; [`message`] picks the right one.

use std::path::PathBuf;

use thiserror::Error;

use crate::clock::ClockError;
use crate::domain::Lang;
use crate::files::FileError;
use crate::i18n::{self, CliText};
use crate::paths::NoDataDir;
use crate::store::StoreError;

#[derive(Debug, Error)]
pub enum CliError {
    #[error("no such requirement set: {id}")]
    SetNotFound { id: String },
    #[error("no such version: {id} {version}")]
    VersionNotFound { id: String, version: String },
    /// The file is not TOML, or its keys and values are not a profile's; `detail` is the TOML
    /// reader's own English description.
    #[error("{}:{line}:{column}: not a valid profile: {detail}", .path.display())]
    NotAProfile {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
    /// A date on the command line that is not a calendar day in ISO form.
    #[error("{value}: {reason}")]
    BadDate {
        value: String,
        reason: crate::domain::date::DateError,
    },
    /// An export target exists and `--force` was not given.
    #[error("{} already exists; choose another name or replace it with --force", .0.display())]
    ExportExists(PathBuf),
}

/// A file that could not be written, as the command line says it: an existing one with the
/// `--force` that replaces it.
pub(super) fn write_refused(e: FileError) -> anyhow::Error {
    match e {
        FileError::Exists(p) => anyhow::Error::new(CliError::ExportExists(p)),
        other => anyhow::Error::new(other),
    }
}

/// The text of any error that reaches `run`, in `lang`: the first typed error in its chain
/// worded by its own i18n function, else anyhow's English chain.
pub(crate) fn message(e: &anyhow::Error, lang: Lang) -> String {
    for cause in e.chain() {
        if let Some(x) = cause.downcast_ref::<CliError>() {
            return i18n::cli_error(x, lang);
        }
        if let Some(x) = cause.downcast_ref::<crate::export::ExportError>() {
            return i18n::export_error(x, lang);
        }
        if let Some(x) = cause.downcast_ref::<FileError>() {
            return i18n::file_error(x, lang);
        }
        if let Some(x) = cause.downcast_ref::<ClockError>() {
            return i18n::clock_error(x, lang);
        }
        if let Some(x) = cause.downcast_ref::<StoreError>() {
            return i18n::store_error(x, lang);
        }
        if cause.downcast_ref::<NoDataDir>().is_some() {
            return CliText::NoDataDir.text(lang).to_string();
        }
    }
    format!("{e:#}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_errors_are_worded_in_the_language_asked_for() {
        let e = anyhow::Error::new(NoDataDir);
        assert!(message(&e, Lang::Sv).starts_with("hittar ingen datakatalog"));
        assert!(message(&e, Lang::En).starts_with("cannot find a data directory"));
        let e = anyhow::Error::new(FileError::NotFound("x.toml".into())).context("reading");
        assert_eq!(message(&e, Lang::Sv), "x.toml finns inte");
        let e = anyhow::anyhow!("plain");
        assert_eq!(message(&e, Lang::Sv), "plain");
    }
}
