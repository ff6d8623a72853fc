//! The `sets` commands: the library as lists and documents, set files checked, imported and
//! exported, and what a profile would pull in.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::CliError;
use super::args::{Format, SetsCommand};
use super::table::table;
use crate::catalog::{self, CatalogError};
use crate::domain::procurement::{AboveAmbition, Selection, select};
use crate::domain::{Kind, Lang, Profile, RequirementSet};
use crate::files::{self, Access, Existing, FileError};
use crate::i18n::{self, CliText, Label, Msg, Noun};
use crate::store::Store;
use crate::store::prelude::*;

/// At most this many catalog errors are printed; a file with thousands of mistakes (or a file
/// that is not a set at all) would otherwise bury the first ones, which are the useful ones.
pub(super) const MAX_SHOWN_ERRORS: usize = 50;

pub(super) fn run(
    command: &SetsCommand,
    store: &mut Store,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        SetsCommand::List { format } => list(store, *format, lang, out)?,
        SetsCommand::Show {
            id,
            version,
            format,
        } => {
            let set = find_set(store, id, version.as_deref())?;
            if *format == Format::Json {
                writeln!(out, "{}", serde_json::to_string_pretty(&set)?)?;
            } else {
                show_set(&set, lang, out)?;
            }
        }
        SetsCommand::Import { path } => return import(path, store, lang, out, err),
        SetsCommand::Sync { dir, format } => {
            return super::sync::sync(dir, *format, store, lang, out, err);
        }
        SetsCommand::Export {
            all: true,
            out: dir,
            force,
            ..
        } => return super::sync::export_all(store, dir, *force, lang, out, err),
        SetsCommand::Export {
            id,
            version,
            out: path,
            force,
            ..
        } => {
            // clap requires the id without --all.
            let id = id.as_deref().unwrap_or_default();
            let set = find_set(store, id, version.as_deref())?;
            export(&set, path, *force)?;
            writeln!(out, "{} {}", Msg::Exported.text(lang), path.display())?;
        }
        SetsCommand::Validate { .. } | SetsCommand::Applies { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn list(store: &Store, format: Format, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    let sets = store.sets()?;
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&sets)?)?;
        return Ok(());
    }
    if sets.is_empty() {
        writeln!(out, "{}", Msg::NoSets.text(lang))?;
        return Ok(());
    }
    let rows = sets
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                s.version.clone(),
                s.requirements.to_string(),
                match s.origin {
                    crate::store::sets::Origin::Builtin => Msg::OriginBuiltin,
                    crate::store::sets::Origin::Custom => Msg::OriginCustom,
                }
                .text(lang)
                .to_string(),
                s.title.get(lang).to_string(),
            ]
        })
        .collect();
    let headers = [
        Msg::ColId,
        Msg::ColVersion,
        Msg::ColRequirements,
        Msg::ColOrigin,
        Msg::ColTitle,
    ];
    table(out, &headers.map(|h| h.text(lang)), rows)
}

/// `sets import`: one file, checked, imported in one transaction.
fn import(
    path: &Path,
    store: &mut Store,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let file = path.display().to_string();
    let source = read_set_file(path)?;
    let parsed = match catalog::parse_set(&file, &source) {
        Ok(p) => p,
        Err(errors) => return report(&errors, lang, err),
    };
    // References may point at other sets of the library; the set's own older version is
    // replaced, so it does not count.
    let others = library(store)?;
    let known = catalog::Known::of_sets(others.iter().filter(|s| s.id != parsed.set.id));
    let errors = catalog::check_references(std::slice::from_ref(&parsed), &known);
    if !errors.is_empty() {
        return report(&errors, lang, err);
    }
    store.write(|tx| tx.import_set(&parsed.set))?;
    let text = CliText::ImportedSet
        .text(lang)
        .replace("{set}", parsed.set.id.as_str())
        .replace("{version}", parsed.set.version.as_str())
        .replace(
            "{requirements}",
            &Noun::Requirement.count(parsed.set.requirements.len(), lang),
        );
    writeln!(out, "{text}")?;
    Ok(ExitCode::SUCCESS)
}

/// `sets export`: the set file, 0644, never over an existing file without `--force` and never
/// through a link.
pub(super) fn export(set: &RequirementSet, path: &Path, force: bool) -> anyhow::Result<()> {
    let existing = if force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    let text = catalog::write::to_toml(set);
    files::write_file(path, text.as_bytes(), Access::Shared, existing)
        .map_err(super::error::write_refused)
}

fn find_set(store: &Store, id: &str, version: Option<&str>) -> anyhow::Result<RequirementSet> {
    let found = match version {
        None => store
            .set(id)?
            .ok_or_else(|| CliError::SetNotFound { id: id.into() }),
        Some(v) => store
            .set_version(id, v)?
            .ok_or_else(|| CliError::VersionNotFound {
                id: id.into(),
                version: v.into(),
            }),
    };
    Ok(found?)
}

/// Prints the first [`MAX_SHOWN_ERRORS`] errors, how many more there are, and the count.
pub(super) fn report(
    errors: &[CatalogError],
    lang: Lang,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    for e in errors.iter().take(MAX_SHOWN_ERRORS) {
        writeln!(err, "{}", e.message(lang))?;
    }
    if errors.len() > MAX_SHOWN_ERRORS {
        let more = errors.len() - MAX_SHOWN_ERRORS;
        let text = CliText::MoreErrors.counted(more, lang);
        writeln!(err, "{}", text.replace("{n}", &more.to_string()))?;
    }
    let found = Noun::Error.count(errors.len(), lang);
    writeln!(
        err,
        "{}",
        CliText::ErrorsFound.text(lang).replace("{errors}", &found)
    )?;
    Ok(ExitCode::from(1))
}

/// A set file's text, refused above [`catalog::MAX_FILE_BYTES`] before it is read whole.
pub(super) fn read_set_file(path: &Path) -> Result<String, FileError> {
    files::read_text(path, catalog::MAX_FILE_BYTES)
}

/// Files named, with directories expanded to their `.toml` files in name order.
fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| FileError::from_io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml"))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Reads set files (directories expanded) as `(name, text)`.
fn read_texts(paths: &[PathBuf]) -> anyhow::Result<Vec<(String, String)>> {
    expand(paths)?
        .iter()
        .map(|p| Ok((p.display().to_string(), read_set_file(p)?)))
        .collect()
}

/// Parses and checks set files as one library: the sets, or every problem found.
pub(super) fn read_files(
    paths: &[PathBuf],
) -> anyhow::Result<Result<Vec<RequirementSet>, Vec<CatalogError>>> {
    let files = read_texts(paths)?;
    Ok(catalog::validate_files_with(&files, &builtin_known(&files))
        .map(|parsed| parsed.into_iter().map(|p| p.set).collect()))
}

/// What own files may refer to besides each other: the built-in sets, except those the files
/// are versions of (a changed built-in file is checked as it now stands).
fn builtin_known(files: &[(String, String)]) -> catalog::Known {
    let given: Vec<_> = files
        .iter()
        .filter_map(|(name, text)| catalog::parse_set(name, text).ok())
        .map(|p| p.set.id)
        .collect();
    let builtins = catalog::builtin::load().unwrap_or_default();
    catalog::Known::of_sets(
        builtins
            .iter()
            .map(|p| &p.set)
            .filter(|s| !given.contains(&s.id)),
    )
}

/// The current version of every set in the library.
pub(super) fn library(store: &Store) -> anyhow::Result<Vec<RequirementSet>> {
    let mut sets = Vec::new();
    for summary in store.sets()? {
        sets.extend(store.set(&summary.id)?);
    }
    Ok(sets)
}

pub(super) fn validate(
    paths: &[PathBuf],
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let files: Vec<(String, String)> = if paths.is_empty() {
        catalog::builtin::FILES
            .iter()
            .map(|(name, text)| (format!("requirement-sets/{name}"), text.to_string()))
            .collect()
    } else {
        read_texts(paths)?
    };
    match catalog::validate_files_with(&files, &builtin_known(&files)) {
        Ok(sets) => {
            let reqs: usize = sets.iter().map(|s| s.set.requirements.len()).sum();
            let text = CliText::FilesValid
                .counted(sets.len(), lang)
                .replace("{files}", &Noun::File.count(sets.len(), lang))
                .replace("{requirements}", &Noun::Requirement.count(reqs, lang));
            writeln!(out, "{text}")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => report(&errors, lang, err),
    }
}

#[derive(serde::Serialize)]
struct Applied<'a> {
    set: &'a str,
    id: &'a str,
    kind: Kind,
    /// Above the profile's ambition, offered as an evaluated requirement.
    as_evaluated: bool,
    why: Vec<String>,
    title: &'a str,
}

/// Lists what applies to the profile in `profile_path`, and why.
pub(super) fn applies(
    profile_path: &std::path::Path,
    sets: &[RequirementSet],
    policy: AboveAmbition,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let profile = read_profile(profile_path)?;
    for w in profile.warnings() {
        writeln!(err, "{}", i18n::profile_warning(w, lang))?;
    }
    let total: usize = sets.iter().map(|s| s.requirements.len()).sum();
    let mut applied = Vec::new();
    for set in sets {
        for r in &set.requirements {
            let (why, as_evaluated) = match select(r, &profile, policy) {
                Selection::Applies(why) => (why, false),
                Selection::AsEvaluated(why) => (why, true),
                Selection::AboveAmbition(_) | Selection::DoesNotApply => continue,
            };
            applied.push(Applied {
                set: set.id.as_str(),
                id: r.id.as_str(),
                kind: if as_evaluated {
                    Kind::Evaluated
                } else {
                    r.kind
                },
                as_evaluated,
                why: why.iter().map(|f| i18n::fact(f, lang)).collect(),
                title: r.title.get(lang),
            });
        }
    }
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&applied)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let always = Msg::SetAppliesAlways.text(lang);
    let and = Msg::And.text(lang);
    let rows = applied
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.kind.label(lang).to_string(),
                if a.why.is_empty() {
                    always.to_string()
                } else {
                    a.why.join(&format!(" {and} "))
                },
                a.title.to_string(),
            ]
        })
        .collect();
    let headers = [Msg::ColId, Msg::ColKind, Msg::ColWhy, Msg::ColTitle];
    table(out, &headers.map(|h| h.text(lang)), rows)?;
    let text = CliText::AppliesCount
        .counted(applied.len(), lang)
        .replace("{n}", &applied.len().to_string())
        .replace("{total}", &Noun::Requirement.count(total, lang));
    writeln!(out, "\n{text}")?;
    Ok(ExitCode::SUCCESS)
}

/// A profile file: a TOML table with the fields of a procurement profile.
pub(super) fn read_profile(path: &Path) -> anyhow::Result<Profile> {
    let text = files::read_text(path, catalog::MAX_FILE_BYTES)?;
    toml::from_str(&text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(&text, s.start));
        let detail = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
        anyhow::Error::new(CliError::NotAProfile {
            path: path.to_path_buf(),
            line,
            column,
            detail,
        })
    })
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn show_set(set: &RequirementSet, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "{} {} – {}", set.id, set.version, set.title.get(lang))?;
    if !set.description.is_empty() {
        writeln!(out, "{}", set.description.get(lang))?;
    }
    if !set.sources.is_empty() {
        writeln!(out, "{}:", Msg::SetSources.text(lang))?;
        for s in &set.sources {
            writeln!(
                out,
                "  - {}{}",
                s.name,
                if s.reference.is_empty() {
                    String::new()
                } else {
                    format!(", {}", s.reference)
                }
            )?;
        }
    }
    if !set.dates.is_empty() {
        writeln!(out, "{}:", Msg::SetKeyDates.text(lang))?;
        for d in &set.dates {
            writeln!(
                out,
                "  - {} – {}",
                d.date.format("%Y-%m-%d"),
                d.what.get(lang)
            )?;
        }
    }
    for r in &set.requirements {
        let level = r
            .level
            .map(|l| format!(", {}", l.label(lang)))
            .unwrap_or_default();
        writeln!(
            out,
            "\n{} {} ({}{level})",
            r.id,
            r.title.get(lang),
            r.kind.label(lang)
        )?;
        let field = |out: &mut dyn Write, label: Msg, text: &str| -> std::io::Result<()> {
            if text.trim().is_empty() {
                Ok(())
            } else {
                writeln!(out, "  {}: {}", label.text(lang), text)
            }
        };
        field(out, Msg::SetText, r.text.get(lang))?;
        field(out, Msg::SetRationale, r.rationale.get(lang))?;
        field(out, Msg::SetBasis, &r.basis.join("; "))?;
        field(
            out,
            Msg::SetApplies,
            &i18n::condition(&r.applies_when, lang),
        )?;
        field(out, Msg::SetEvidence, r.evidence.get(lang))?;
        field(out, Msg::SetFollowUp, r.follow_up.get(lang))?;
        let see: Vec<&str> = r.see.iter().map(|id| id.as_str()).collect();
        field(out, Msg::SetSeeAlso, &see.join(", "))?;
        if let Some(key) = &r.applies_from {
            // Only this set is at hand; a date of another set shows by its key.
            let from = match crate::domain::key_date::find_date(key, &set.dates, &[]) {
                Some(d) => format!("{} ({})", d.date.format("%Y-%m-%d"), d.what.get(lang)),
                None => key.to_string(),
            };
            field(out, Msg::SetAppliesFrom, &from)?;
        }
    }
    Ok(())
}
