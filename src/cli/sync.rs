//! Sets shared as files between organisations: `sets sync DIR` brings a folder of set files
//! (a git checkout, say) into the library, and `sets export --all --out DIR` writes every own
//! set into such a folder. Both are all or nothing: a sync with an invalid file, a conflict or
//! a refusal imports nothing (the store's `sync_sets` holds that), and an export that would
//! overwrite a file without `--force` writes none.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::args::Format;
use super::sets::{export, read_set_file, report};
use super::table::table;
use super::{CliError, Msg};
use crate::catalog;
use crate::domain::{Lang, RequirementSet};
use crate::files::FileError;
use crate::i18n::{self, CliText, Noun};
use crate::store::Store;
use crate::store::prelude::*;
use crate::store::set_sync::{Arrival, Incoming, SetSync};
use crate::store::sets::Origin;

/// `sets sync DIR`: every `*.toml` file of the directory, checked, then imported as one.
pub(super) fn sync(
    dir: &Path,
    format: Format,
    store: &mut Store,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let paths = set_files(dir)?;
    if paths.is_empty() {
        let dir = dir.display().to_string();
        writeln!(
            out,
            "{}",
            CliText::SyncNoFiles.text(lang).replace("{dir}", &dir)
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut incoming = Vec::with_capacity(paths.len());
    let mut errors = Vec::new();
    for path in &paths {
        let file = path.display().to_string();
        match catalog::parse_set(&file, &read_set_file(path)?) {
            Ok(parsed) => incoming.push(Incoming {
                file,
                set: parsed.set,
            }),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        report(&errors, lang, err)?;
        writeln!(err, "{}", CliText::SyncNothingImported.text(lang))?;
        return Ok(ExitCode::from(1));
    }
    let result = store.sync_sets(&incoming)?;
    if format == Format::Json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&Json::from(&result))?
        )?;
    } else {
        show(&result, lang, out)?;
    }
    if !result.blocked() {
        return Ok(ExitCode::SUCCESS);
    }
    problems(&result, lang, err)?;
    Ok(ExitCode::from(1))
}

/// The `*.toml` files directly in `dir` (not in subdirectories), in name order.
fn set_files(dir: &Path) -> Result<Vec<PathBuf>, FileError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| FileError::from_io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

/// The table of files and what became of each, then the counts.
fn show(result: &SetSync, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    let blocked = result.blocked();
    let rows = result
        .entries
        .iter()
        .map(|e| {
            let word = match &e.arrival {
                Arrival::New if blocked => CliText::SyncNotImported,
                Arrival::New => CliText::SyncAdded,
                Arrival::Unchanged => CliText::SyncUnchanged,
                Arrival::Conflict | Arrival::ConflictInFolder { .. } => CliText::SyncConflict,
                Arrival::Refused(_) => CliText::SyncRefused,
            };
            let word = word.text(lang).to_string();
            vec![e.file.clone(), e.id.clone(), e.version.clone(), word]
        })
        .collect();
    let headers = [
        CliText::ColFile.text(lang),
        CliText::ColSet.text(lang),
        Msg::ColVersion.text(lang),
        CliText::ColResult.text(lang),
    ];
    table(out, &headers, rows)?;
    if blocked {
        return Ok(());
    }
    let count =
        |pick: fn(&Arrival) -> bool| result.entries.iter().filter(move |e| pick(&e.arrival));
    let added = count(|a| matches!(a, Arrival::New)).count();
    let unchanged = count(|a| matches!(a, Arrival::Unchanged)).count();
    let added = CliText::SyncAddedCount
        .counted(added, lang)
        .replace("{sets}", &Noun::Set.count(added, lang));
    let unchanged = CliText::SyncUnchangedCount
        .counted(unchanged, lang)
        .replace("{n}", &unchanged.to_string());
    writeln!(out, "\n{added}, {unchanged}.")?;
    Ok(())
}

/// Each conflict and refusal, named with its file, set and version, then their count.
fn problems(result: &SetSync, lang: Lang, err: &mut dyn Write) -> anyhow::Result<()> {
    let (mut conflicts, mut refusals) = (0usize, 0usize);
    for e in &result.entries {
        let fill = |text: &str| {
            text.replace("{file}", &e.file)
                .replace("{set}", &e.id)
                .replace("{version}", &e.version)
        };
        let line = match &e.arrival {
            Arrival::New | Arrival::Unchanged => continue,
            Arrival::Conflict => fill(CliText::SyncConflictLibrary.text(lang)),
            Arrival::ConflictInFolder { file } => {
                fill(CliText::SyncConflictFolder.text(lang)).replace("{other}", file)
            }
            Arrival::Refused(reason) => {
                refusals += 1;
                writeln!(err, "{}: {}", e.file, i18n::store_error(reason, lang))?;
                continue;
            }
        };
        conflicts += 1;
        writeln!(err, "{line}")?;
    }
    let mut found = Vec::new();
    if conflicts > 0 {
        found.push(Noun::Conflict.count(conflicts, lang));
    }
    if refusals > 0 {
        found.push(Noun::Error.count(refusals, lang));
    }
    let found = found.join(&format!(" {} ", Msg::And.text(lang)));
    let text = CliText::ErrorsFound.text(lang).replace("{errors}", &found);
    writeln!(err, "{text}")?;
    writeln!(err, "{}", CliText::SyncNothingImported.text(lang))?;
    Ok(())
}

/// One file of the JSON report.
#[derive(Serialize)]
struct JsonEntry<'a> {
    file: &'a str,
    id: &'a str,
    version: &'a str,
    /// For a conflict between two files of the folder: the earlier one.
    #[serde(skip_serializing_if = "Option::is_none")]
    with: Option<&'a str>,
    /// For a refusal: why, in English (the table says it in the user's language).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

/// `--format json`: the files by what became of them. `not_imported` holds the new versions of
/// a sync that a conflict or an error stopped (then `added` is empty).
#[derive(Serialize, Default)]
struct Json<'a> {
    added: Vec<JsonEntry<'a>>,
    unchanged: Vec<JsonEntry<'a>>,
    conflicts: Vec<JsonEntry<'a>>,
    errors: Vec<JsonEntry<'a>>,
    not_imported: Vec<JsonEntry<'a>>,
}

impl<'a> From<&'a SetSync> for Json<'a> {
    fn from(result: &'a SetSync) -> Json<'a> {
        let blocked = result.blocked();
        let mut json = Json::default();
        for e in &result.entries {
            let entry = |with: Option<&'a str>, reason: Option<String>| JsonEntry {
                file: &e.file,
                id: &e.id,
                version: &e.version,
                with,
                reason,
            };
            let (list, entry) = match &e.arrival {
                Arrival::New if blocked => (&mut json.not_imported, entry(None, None)),
                Arrival::New => (&mut json.added, entry(None, None)),
                Arrival::Unchanged => (&mut json.unchanged, entry(None, None)),
                Arrival::Conflict => (&mut json.conflicts, entry(None, None)),
                Arrival::ConflictInFolder { file } => {
                    (&mut json.conflicts, entry(Some(file), None))
                }
                Arrival::Refused(r) => (&mut json.errors, entry(None, Some(r.to_string()))),
            };
            list.push(entry);
        }
        json
    }
}

/// `sets export --all --out DIR`: each own set's current version as `DIR/<id>.toml`. Without
/// `--force` every file already there is named and nothing is written.
pub(super) fn export_all(
    store: &Store,
    dir: &Path,
    force: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut own: Vec<RequirementSet> = Vec::new();
    for summary in store.sets()? {
        if summary.origin == Origin::Custom {
            own.extend(store.set(&summary.id)?);
        }
    }
    if own.is_empty() {
        writeln!(out, "{}", CliText::ExportNoOwnSets.text(lang))?;
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::create_dir_all(dir).map_err(|e| FileError::from_io(dir, e))?;
    let targets: Vec<(PathBuf, &RequirementSet)> = own
        .iter()
        .map(|set| (dir.join(format!("{}.toml", set.id)), set))
        .collect();
    // Every target is checked before any is written, so a refusal leaves the folder as it was.
    let refusals: Vec<String> = targets
        .iter()
        .filter_map(|(path, _)| refusal(path, force, lang))
        .collect();
    for text in &refusals {
        writeln!(err, "kravkoll: {}: {text}", Msg::ErrorPrefix.text(lang))?;
    }
    if !refusals.is_empty() {
        return Ok(ExitCode::from(1));
    }
    for (path, set) in &targets {
        export(set, path, force)?;
        writeln!(out, "{} {}", Msg::Exported.text(lang), path.display())?;
    }
    let text = CliText::ExportedAll
        .counted(targets.len(), lang)
        .replace("{sets}", &Noun::Set.count(targets.len(), lang))
        .replace("{dir}", &dir.display().to_string());
    writeln!(out, "{text}")?;
    Ok(ExitCode::SUCCESS)
}

/// Why `path` cannot be written: a file there without `--force`, or (always) a symbolic link
/// or a directory.
fn refusal(path: &Path, force: bool, lang: Lang) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let path = path.to_path_buf();
    Some(if meta.file_type().is_symlink() {
        i18n::file_error(&FileError::Symlink(path), lang)
    } else if meta.is_dir() {
        i18n::file_error(&FileError::IsDirectory(path), lang)
    } else if force {
        return None;
    } else {
        i18n::cli_error(&CliError::ExportExists(path), lang)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;
    use crate::store::set_sync::SyncEntry;

    fn entry(file: &str, arrival: Arrival) -> SyncEntry {
        SyncEntry {
            file: file.into(),
            id: "mine".into(),
            version: "1".into(),
            arrival,
        }
    }

    #[test]
    fn counts_agree_with_their_number() {
        let one = SetSync {
            entries: vec![entry("a.toml", Arrival::New)],
        };
        let mut out = Vec::new();
        show(&one, Lang::Sv, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("1 kravpaket tillagt, 0 fanns redan."),
            "{text}"
        );
        let two = SetSync {
            entries: vec![
                entry("a.toml", Arrival::New),
                entry("b.toml", Arrival::New),
                entry("c.toml", Arrival::Unchanged),
            ],
        };
        let mut out = Vec::new();
        show(&two, Lang::En, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("2 sets added, 1 already there."), "{text}");
    }

    #[test]
    fn a_stopped_sync_names_each_problem_and_imports_nothing() {
        let result = SetSync {
            entries: vec![
                entry("a.toml", Arrival::New),
                entry("b.toml", Arrival::Conflict),
                entry(
                    "c.toml",
                    Arrival::Refused(StoreError::BuiltinReadOnly("mine".into())),
                ),
            ],
        };
        let mut err = Vec::new();
        problems(&result, Lang::Sv, &mut err).unwrap();
        let text = String::from_utf8(err).unwrap();
        assert!(
            text.contains("b.toml: konflikt: version 1 av mine"),
            "{text}"
        );
        assert!(
            text.contains("c.toml: det inbyggda kravpaketet mine"),
            "{text}"
        );
        assert!(text.contains("1 konflikt och 1 fel hittades"), "{text}");
        let json = serde_json::to_value(Json::from(&result)).unwrap();
        assert_eq!(json["added"].as_array().unwrap().len(), 0);
        assert_eq!(json["not_imported"][0]["file"], "a.toml");
        assert_eq!(json["conflicts"][0]["file"], "b.toml");
    }
}
