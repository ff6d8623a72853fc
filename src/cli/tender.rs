//! The tender from the command line: `procurements new` makes a draft from a profile file and
//! links its sets as the screen's `b` does, `procurements publish` publishes it after the
//! screen's checks, and `procurements export` writes its requirement specification. Together
//! they let a script (or a benchmark) go from a profile to a published tender document.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::args::{Format, ProcurementsCommand, ScoringArg};
use super::error::CliError;
use crate::domain::date::parse_date;
use crate::domain::{Lang, Procedure, Procurement, Scoring, Status};
use crate::export::{self, CsvStyle, ExportError, Format as DocFormat, Options};
use crate::files::Existing;
use crate::i18n::{CliText, Msg, Noun, blocker_text, warning_text};
use crate::store::Store;
use crate::store::prelude::*;

/// `procurements export` as parsed: the request, then the export.
pub(super) fn export_command(
    store: &Store,
    command: &ProcurementsCommand,
    doc_lang: Option<&str>,
    organisation: String,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let ProcurementsCommand::Export {
        reference,
        format,
        internal,
        out: path,
        force,
        csv_comma,
    } = command
    else {
        return Ok(());
    };
    let req = ExportRequest {
        reference,
        format: format.format(),
        // The tender's language is the one asked for, never the locale's by accident: Swedish
        // is the language of record.
        doc_lang: doc_lang.and_then(Lang::from_code).unwrap_or(Lang::Sv),
        internal: *internal,
        out: path.as_deref(),
        force: *force,
        csv_comma: *csv_comma,
        organisation,
    };
    export(store, &req, lang, out)
}

/// `procurements new` as parsed: the deadline read as a date, then the draft.
pub(super) fn new_command(
    store: &mut Store,
    command: &ProcurementsCommand,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let ProcurementsCommand::New {
        reference,
        title,
        profile,
        sets,
        owner,
        deadline,
        scoring,
        format,
    } = command
    else {
        return Ok(());
    };
    let deadline = deadline
        .as_deref()
        .map(|d| {
            parse_date(d).map_err(|reason| CliError::BadDate {
                value: d.to_string(),
                reason,
            })
        })
        .transpose()?;
    let req = NewRequest {
        reference,
        title,
        profile,
        sets,
        owner,
        deadline,
        scoring: match scoring {
            ScoringArg::Points => Scoring::Points,
            ScoringArg::MeritSek => Scoring::MeritSek,
        },
    };
    create(store, &req, *format, lang, out, err)
}

/// What `procurements export` was asked for.
pub(super) struct ExportRequest<'a> {
    pub reference: &'a str,
    pub format: DocFormat,
    /// The document's language: `--lang`, else Swedish (the language of record).
    pub doc_lang: Lang,
    pub internal: bool,
    pub out: Option<&'a Path>,
    pub force: bool,
    pub csv_comma: bool,
    pub organisation: String,
}

/// `procurements export REF --format …`: the document, written whole or not at all. Prints
/// the path it was written to.
pub(super) fn export(
    store: &Store,
    req: &ExportRequest,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let id = export::load::find(store, req.reference)?;
    let loaded = export::load::load(store, id)?;
    let path: PathBuf = match req.out {
        Some(p) => p.to_path_buf(),
        None => PathBuf::from(export::default_file_name(
            &loaded.procurement.reference,
            req.format,
            req.doc_lang,
            req.internal,
        )),
    };
    let doc = loaded.document(
        &req.organisation,
        store.today(),
        Options {
            lang: req.doc_lang,
            internal: req.internal,
        },
    );
    let existing = if req.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    let style = if req.csv_comma {
        CsvStyle::Comma
    } else {
        CsvStyle::Swedish
    };
    export::write(&doc, req.format, style, &path, existing).map_err(|e| match e {
        ExportError::File(f) => super::error::write_refused(f),
        other => anyhow::Error::new(other),
    })?;
    let shown = crate::sanitize::for_terminal(&path.display().to_string()).into_owned();
    writeln!(
        out,
        "{}",
        CliText::Exported.text(lang).replace("{path}", &shown)
    )?;
    Ok(())
}

/// What `procurements new` was asked for.
pub(super) struct NewRequest<'a> {
    pub reference: &'a str,
    pub title: &'a str,
    pub profile: &'a Path,
    /// `applicable` (every set with a line that applies) or set ids.
    pub sets: &'a str,
    pub owner: &'a str,
    pub deadline: Option<chrono::NaiveDate>,
    pub scoring: Scoring,
}

#[derive(Serialize)]
struct Created {
    id: i64,
    reference: String,
    lines: usize,
    sets: Vec<String>,
}

/// `procurements new REF --title T --profile FILE [--sets applicable|ID,…]`: a draft with the
/// lines of its sets, in one transaction: a set that does not exist leaves no draft behind.
pub(super) fn create(
    store: &mut Store,
    req: &NewRequest,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let profile = super::sets::read_profile(req.profile)?;
    for w in profile.warnings() {
        writeln!(err, "{}", crate::i18n::profile_warning(w, lang))?;
    }
    let draft = Procurement {
        reference: req.reference.trim().to_string(),
        title: req.title.trim().to_string(),
        owner: req.owner.trim().to_string(),
        procedure: Procedure::Open,
        status: Status::Draft,
        profile: profile.settled(),
        deadline: req.deadline,
        published_on: None,
        weight_total: None,
        scoring: req.scoring,
    };
    let named: Vec<String> = req
        .sets
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let applicable = named.len() == 1 && named[0] == "applicable";
    for id in named.iter().filter(|_| !applicable) {
        if store.set(id)?.is_none() {
            return Err(CliError::SetNotFound { id: id.clone() }.into());
        }
    }
    let (id, lines, sets) = store.write(|tx| {
        let id = tx.create_procurement(&draft)?;
        let sets: Vec<String> = if applicable {
            tx.set_previews(id)?
                .into_iter()
                .filter(|s| s.would_add > 0)
                .map(|s| s.set_id)
                .collect()
        } else {
            named.clone()
        };
        let lines = tx.link_sets(id, &sets)?;
        Ok((id, lines, sets))
    })?;
    let created = Created {
        id,
        reference: draft.reference.clone(),
        lines,
        sets,
    };
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&created)?)?;
        return Ok(());
    }
    let text = CliText::Created
        .text(lang)
        .replace(
            "{reference}",
            &crate::sanitize::for_terminal(&created.reference),
        )
        .replace("{lines}", &Noun::Requirement.count(lines, lang))
        .replace("{sets}", &Noun::Set.count(created.sets.len(), lang));
    writeln!(out, "{text}")?;
    Ok(())
}

#[derive(Serialize)]
struct PublishReport {
    reference: String,
    published: bool,
    blockers: Vec<String>,
    warnings: Vec<String>,
}

/// `procurements publish REF [--yes]`: the screen's checks, then the status. What blocks
/// publishing always refuses; the warnings refuse until `--yes` says they were read. Exit 1
/// when not published.
pub(super) fn publish(
    store: &mut Store,
    reference: &str,
    yes: bool,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let rec = super::procurements::by_reference(store, reference)?;
    let id = rec.id;
    let checks = super::procurements::checks_of(store, &rec)?;
    let go = checks.blockers.is_empty() && (yes || checks.warnings.is_empty());
    if go {
        store.write(|tx| tx.transition(id, rec.revision, Status::Published))?;
    }
    let report = PublishReport {
        reference: rec.value.reference.clone(),
        published: go,
        blockers: checks
            .blockers
            .iter()
            .map(|b| blocker_text(b, lang))
            .collect(),
        warnings: checks
            .warnings
            .iter()
            .map(|w| warning_text(w, lang))
            .collect(),
    };
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        print_report(&report, lang, out)?;
    }
    Ok(if go {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_report(r: &PublishReport, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    if !r.blockers.is_empty() {
        writeln!(out, "{}", Msg::BlockedIntro.text(lang))?;
        for b in &r.blockers {
            writeln!(out, "  ✗ {b}")?;
        }
    }
    if !r.warnings.is_empty() {
        writeln!(out, "{}", Msg::WarningsIntro.text(lang))?;
        for w in &r.warnings {
            writeln!(out, "  ! {w}")?;
        }
    }
    let said = if r.published {
        CliText::Published
            .text(lang)
            .replace("{reference}", &crate::sanitize::for_terminal(&r.reference))
    } else if r.blockers.is_empty() {
        CliText::PublishNeedsYes.text(lang).to_string()
    } else {
        String::new()
    };
    if !said.is_empty() {
        writeln!(out, "{said}")?;
    }
    Ok(())
}
