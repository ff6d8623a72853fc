//! The user's own settings: a small TOML file in the user's config directory
//! (`paths::settings_file`), holding the language chosen with `L` in the interactive program
//! (`lang = "sv"` or `"en"`) and the organisation named on the cover of every tender document
//! (`organisation = "Exempelstads kommun"`).
//!
//! The file is a convenience, never a reason not to start: a missing file is no settings, and a
//! broken one is an error the caller reports and then ignores. Keys this version does not know
//! are left alone, and kept when the file is saved, so that a newer kravkoll sharing the same
//! home keeps its settings. The file is written as the user's own (0600) through
//! `files::write_file`, so a crash leaves the old file or the new one and a link is never
//! written through.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::domain::Lang;
use crate::files::{self, Access, Existing, FileError};

/// Larger than any settings file kravkoll writes by far; a bigger file is not ours.
const MAX_BYTES: u64 = 64 * 1024;

/// What the settings file says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The language last chosen in the interactive program.
    pub lang: Option<Lang>,
    /// The buyer, as the cover of a tender document names it.
    pub organisation: Option<String>,
}

/// Why the settings file cannot be read or written; `i18n::settings_error` words it.
#[derive(Debug, Error)]
pub enum SettingsError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{}:{line}: {problem}", .path.display())]
    Invalid {
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        problem: Problem,
    },
}

/// What is wrong inside the file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Problem {
    /// Not TOML, or a value of the wrong type; the TOML reader's own English description.
    #[error("not valid TOML: {0}")]
    Syntax(String),
    /// `lang` is a string but not a language kravkoll speaks.
    #[error("lang must be \"sv\" or \"en\", not \"{0}\"")]
    NotALanguage(String),
}

#[derive(Deserialize)]
struct Raw {
    lang: Option<toml::Spanned<String>>,
    organisation: Option<String>,
}

/// Reads the settings at `path`; a file that does not exist is no settings.
pub fn load(path: &Path) -> Result<Settings, SettingsError> {
    let text = match files::read_text(path, MAX_BYTES) {
        Ok(text) => text,
        Err(FileError::NotFound(_)) => return Ok(Settings::default()),
        Err(e) => return Err(e.into()),
    };
    parse(path, &text)
}

fn parse(path: &Path, text: &str) -> Result<Settings, SettingsError> {
    let invalid = |offset: usize, problem| SettingsError::Invalid {
        path: path.to_path_buf(),
        line: line_of(text, offset),
        problem,
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let detail = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
        invalid(offset, Problem::Syntax(detail))
    })?;
    let organisation = raw
        .organisation
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty());
    let Some(code) = raw.lang else {
        return Ok(Settings {
            lang: None,
            organisation,
        });
    };
    // Only the codes kravkoll writes; a locale such as "sv_SE" is LANG's business.
    match Lang::ALL.into_iter().find(|l| l.code() == code.get_ref()) {
        Some(lang) => Ok(Settings {
            lang: Some(lang),
            organisation,
        }),
        None => Err(invalid(
            code.span().start,
            Problem::NotALanguage(code.into_inner()),
        )),
    }
}

/// The organisation named in the settings at `path`, or nothing: a missing or broken file is
/// a cover without the name, never a reason not to export.
pub fn organisation(path: Option<&Path>) -> String {
    path.and_then(|p| load(p).ok())
        .and_then(|s| s.organisation)
        .unwrap_or_default()
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// Writes `settings` to `path`, creating the config directory (private to the user) if
/// needed and keeping the keys of an existing, readable file that this version does not know.
pub fn save(path: &Path, settings: &Settings) -> Result<(), SettingsError> {
    let mut table = files::read_text(path, MAX_BYTES)
        .ok()
        .and_then(|text| toml::from_str::<toml::Table>(&text).ok())
        .unwrap_or_default();
    match settings.lang {
        Some(lang) => table.insert("lang".into(), toml::Value::String(lang.code().into())),
        None => table.remove("lang"),
    };
    // The program never clears the organisation: only the user writes it.
    if let Some(org) = &settings.organisation {
        table.insert("organisation".into(), toml::Value::String(org.clone()));
    }
    let body = toml::to_string(&table).map_err(|e| SettingsError::Invalid {
        path: path.to_path_buf(),
        line: 1,
        problem: Problem::Syntax(e.to_string()),
    })?;
    let text = format!(
        "# kravkoll's settings, written by kravkoll when they change (L switches the language).\n{body}"
    );
    create_dir(path)?;
    files::write_file(path, text.as_bytes(), Access::Private, Existing::Replace)?;
    Ok(())
}

/// The directory of `path`, made with mode 0700 when it is missing.
fn create_dir(path: &Path) -> Result<(), FileError> {
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    if dir.is_dir() {
        return Ok(());
    }
    if dir.exists() {
        // The OS says "file exists" about the file in the way, which reads as nonsense here.
        let source = std::io::Error::from(std::io::ErrorKind::NotADirectory);
        return Err(FileError::Io {
            path: dir.to_path_buf(),
            source,
        });
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir).map_err(|e| FileError::from_io(dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_no_settings_and_a_saved_one_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config/kravkoll/settings.toml");
        assert_eq!(load(&path).unwrap(), Settings::default());
        let en = Settings {
            lang: Some(Lang::En),
            organisation: Some("Exempelstads kommun".into()),
        };
        save(&path, &en).unwrap();
        assert_eq!(load(&path).unwrap(), en);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn keys_of_a_newer_version_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(
            &path,
            "lang = \"en\"\ntheme = \"dark\"\norganisation = \"Region Exempel\"\n",
        )
        .unwrap();
        save(
            &path,
            &Settings {
                lang: Some(Lang::Sv),
                organisation: None,
            },
        )
        .unwrap();
        assert_eq!(organisation(Some(&path)), "Region Exempel");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("lang = \"sv\""), "{text}");
        assert!(text.contains("theme = \"dark\""), "{text}");
    }

    #[test]
    fn a_broken_file_names_the_line_and_the_reason() {
        let path = Path::new("settings.toml");
        let e = parse(path, "# mine\nlang = \"de\"\n").unwrap_err();
        assert!(
            matches!(&e, SettingsError::Invalid { line: 2, problem: Problem::NotALanguage(v), .. } if v == "de"),
            "{e:?}"
        );
        let e = parse(path, "\n\nlang = sv\n").unwrap_err();
        assert!(
            matches!(
                &e,
                SettingsError::Invalid {
                    line: 3,
                    problem: Problem::Syntax(_),
                    ..
                }
            ),
            "{e:?}"
        );
        let e = parse(path, "lang = 1\n").unwrap_err();
        assert!(matches!(e, SettingsError::Invalid { line: 1, .. }), "{e:?}");
    }
}
