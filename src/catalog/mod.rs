//! Requirement-set files (DESIGN §4): reading them with an exact position and field path for
//! every mistake, checking a library of them for clashing ids, writing a set back as a readable
//! file, and the built-in sets embedded in the binary.
//!
//! The catalog owns the file format and nothing else: it builds `domain` values and never touches
//! the database or the terminal. Errors are data ([`CatalogError`]) so the CLI and the TUI can
//! show them in the user's language.

pub mod builtin;
mod characters;
mod condition;
mod dates;
pub mod error;
mod fields;
pub mod parse;
mod position;
pub mod references;
mod requirement;
pub mod snippet;
pub mod synonyms;
pub mod write;

#[cfg(test)]
mod round_trip;
#[cfg(test)]
mod tests;

pub use error::{CatalogError, Expected, Forbidden, Problem, TomlType, report};
pub use parse::{ParsedSet, check_library, parse_set, validate_files, validate_files_with};
pub use references::{Known, check_references};
pub use write::to_toml;

/// The one file format this version of kravkoll reads and writes.
pub const FORMAT: i64 = 1;

/// The largest set file read (10 MB); the largest built-in set is a few dozen kilobytes, so a
/// file this size is a mistake or an attack, not a library.
pub const MAX_FILE_BYTES: u64 = 10_000_000;

/// The longest title, in characters, of a set or a requirement; a title is one line in lists.
pub const MAX_TITLE_CHARS: usize = 300;
