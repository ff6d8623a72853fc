//! The `sets` commands: the library as lists and documents, set files checked, imported and
//! exported, and what a profile would pull in.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow};

use super::table::table;
use super::{Format, SetsCommand};
use crate::catalog::{self, CatalogError};
use crate::domain::procurement::{AboveAmbition, Selection, select};
use crate::domain::{Kind, Lang, Profile, RequirementSet};
use crate::i18n::{self, Label, Msg};
use crate::store::Store;
use crate::store::prelude::*;

pub(super) fn run(
    command: &SetsCommand,
    store: &mut Store,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        SetsCommand::List { format } => {
            let sets = store.sets()?;
            if *format == Format::Json {
                writeln!(out, "{}", serde_json::to_string_pretty(&sets)?)?;
            } else if sets.is_empty() {
                writeln!(out, "{}", Msg::NoSets.text(lang))?;
            } else {
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
                table(out, &headers.map(|h| h.text(lang)), rows)?;
            }
        }
        SetsCommand::Show {
            id,
            version,
            format,
        } => {
            let set = find_set(store, id, version.as_deref(), lang)?;
            if *format == Format::Json {
                writeln!(out, "{}", serde_json::to_string_pretty(&set)?)?;
            } else {
                show_set(&set, lang, out)?;
            }
        }
        SetsCommand::Import { path } => {
            let file = path.display().to_string();
            let source =
                std::fs::read_to_string(path).with_context(|| format!("cannot read {file}"))?;
            let parsed = match catalog::parse_set(&file, &source) {
                Ok(p) => p,
                Err(errors) => return report(&errors, lang, err),
            };
            store.write(|tx| tx.import_set(&parsed.set))?;
            writeln!(
                out,
                "{} {} {} ({} {})",
                Msg::Imported.text(lang),
                parsed.set.id,
                parsed.set.version,
                parsed.set.requirements.len(),
                Msg::ColRequirements.text(lang).to_lowercase()
            )?;
        }
        SetsCommand::Export {
            id,
            version,
            out: path,
        } => {
            let set = find_set(store, id, version.as_deref(), lang)?;
            std::fs::write(path, catalog::write::to_toml(&set))
                .with_context(|| format!("cannot write {}", path.display()))?;
            writeln!(out, "{} {}", Msg::Exported.text(lang), path.display())?;
        }
        SetsCommand::Validate { .. } | SetsCommand::Applies { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn find_set(
    store: &Store,
    id: &str,
    version: Option<&str>,
    lang: Lang,
) -> anyhow::Result<RequirementSet> {
    match version {
        None => store
            .set(id)?
            .ok_or_else(|| anyhow!("{}: {id}", Msg::SetNotFound.text(lang))),
        Some(v) => store
            .set_version(id, v)?
            .ok_or_else(|| anyhow!("{}: {id} {v}", Msg::VersionNotFound.text(lang))),
    }
}

pub(super) fn report(
    errors: &[CatalogError],
    lang: Lang,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    for e in errors {
        writeln!(err, "{}", e.message(lang))?;
    }
    writeln!(err, "{} {}", errors.len(), Msg::ValidateFailed.text(lang))?;
    Ok(ExitCode::from(1))
}

/// Files named, with directories expanded to their `.toml` files in name order.
fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot read {}", p.display()))?
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
        .map(|p| {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

/// Parses and checks set files as one library: the sets, or every problem found.
pub(super) fn read_files(
    paths: &[PathBuf],
) -> anyhow::Result<Result<Vec<RequirementSet>, Vec<CatalogError>>> {
    Ok(catalog::validate_files(&read_texts(paths)?)
        .map(|parsed| parsed.into_iter().map(|p| p.set).collect()))
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
    match catalog::validate_files(&files) {
        Ok(sets) => {
            let reqs: usize = sets.iter().map(|s| s.set.requirements.len()).sum();
            writeln!(
                out,
                "{} {} ({} {})",
                sets.len(),
                Msg::ValidateOk.text(lang),
                reqs,
                Msg::ColRequirements.text(lang).to_lowercase()
            )?;
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
    let text = std::fs::read_to_string(profile_path)
        .with_context(|| format!("cannot read {}", profile_path.display()))?;
    let profile: Profile = toml::from_str(&text)
        .with_context(|| format!("{}: not a valid profile", profile_path.display()))?;
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
    writeln!(
        out,
        "\n{}",
        Msg::AppliesCount
            .text(lang)
            .replace("{n}", &applied.len().to_string())
            .replace("{total}", &total.to_string())
    )?;
    Ok(ExitCode::SUCCESS)
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
    }
    Ok(())
}
