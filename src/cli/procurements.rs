//! The command-line twins of one procurement's screen, for scripts and for checking from
//! outside: its lines as the tender has them (`show`), the check list before publishing
//! (`check`, exit 1 while something blocks it), and a line's history (`history`).

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::args::Format;
use super::table::table;
use crate::domain::publish::{Checks, check};
use crate::domain::{Lang, Line, Procurement};
use crate::i18n::{Event, Label, Msg, blocker_text, line_history, warning_text};
use crate::store::prelude::*;
use crate::store::procurements::{Amendment, LinkedSet, Record};
use crate::store::{Entity, Store, StoreError};

/// The procurement named on the command line: its reference (diarienummer), or its number.
pub(super) fn by_reference(store: &Store, reference: &str) -> anyhow::Result<Record<Procurement>> {
    let id = crate::export::load::find(store, reference)?;
    Ok(store.existing_procurement(id)?)
}

#[derive(Serialize)]
struct Shown<'a> {
    id: i64,
    revision: i64,
    procurement: &'a Procurement,
    linked_sets: &'a [LinkedSet],
    lines: Vec<ShownLine<'a>>,
    amendments: &'a [Amendment],
}

#[derive(Serialize)]
struct ShownLine<'a> {
    label: String,
    /// The line's number in the tender document (`3.2.4`); none for a line left out.
    number: Option<String>,
    amended: bool,
    #[serde(flatten)]
    line: &'a Line,
}

/// `procurements show REFERENCE`: the header, the profile, the linked sets, and every line
/// with its mark, number in the tender, id, kind and weight.
pub(super) fn show(
    store: &Store,
    reference: &str,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let rec = by_reference(store, reference)?;
    // The lines as the tender document has them, numbered by the one function that numbers it.
    let loaded = crate::export::load::load(store, rec.id)?;
    let lines = &loaded.lines;
    let linked = store.linked_sets(rec.id)?;
    let amendments = store.amendments(rec.id)?;
    let amended =
        |(id, l): &(i64, Line)| l.amended || amendments.iter().any(|a| a.line_id == Some(*id));
    let doc = loaded.document(
        "",
        store.today(),
        crate::export::Options {
            lang,
            internal: false,
        },
    );
    let numbers: std::collections::HashMap<&str, &str> = doc
        .items()
        .map(|i| (i.id.as_str(), i.number.as_str()))
        .collect();
    let number = |(_, l): &(i64, Line)| {
        l.included
            .then(|| numbers.get(l.label().as_str()).map(|n| n.to_string()))
            .flatten()
    };
    if format == Format::Json {
        let shown = Shown {
            id: rec.id,
            revision: rec.revision,
            procurement: &rec.value,
            linked_sets: &linked,
            lines: lines
                .iter()
                .map(|l| ShownLine {
                    label: l.1.label(),
                    number: number(l),
                    amended: amended(l),
                    line: &l.1,
                })
                .collect(),
            amendments: &amendments,
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&shown)?)?;
        return Ok(());
    }
    let p = &rec.value;
    writeln!(
        out,
        "{} · {} · {}",
        p.reference,
        p.title,
        p.status.label(lang)
    )?;
    let sets: Vec<String> = linked
        .iter()
        .map(|l| format!("{} {}", l.set_id, l.version))
        .collect();
    writeln!(out, "{}", crate::i18n::profile_summary(&p.profile, lang))?;
    writeln!(out, "{}: {}", Msg::LinkedSets.text(lang), sets.join(", "))?;
    let rows = lines
        .iter()
        .map(|l| {
            let v = &l.1;
            let mark = match (v.included, amended(l), v.modified) {
                (false, _, _) => "✗",
                (true, true, _) => "⚑",
                (true, false, true) => "✎",
                _ => "",
            };
            vec![
                mark.to_string(),
                number(l).unwrap_or_default(),
                v.label(),
                v.kind.label(lang).to_string(),
                v.weight.map(|w| w.to_string()).unwrap_or_default(),
                v.title.get(lang).to_string(),
            ]
        })
        .collect();
    let head = [
        "",
        crate::export::labels::labels(lang).number,
        Msg::ColId.text(lang),
        Msg::ColKind.text(lang),
        Msg::FieldWeight.text(lang),
        Msg::ColTitle.text(lang),
    ];
    table(out, &head, rows)
}

/// The checks before publishing, as the screen makes them.
pub(super) fn checks_of(store: &Store, rec: &Record<Procurement>) -> anyhow::Result<Checks> {
    let lines: Vec<Line> = store.lines(rec.id)?.into_iter().map(|l| l.value).collect();
    let newer: Vec<(String, String, String)> = store
        .linked_sets(rec.id)?
        .into_iter()
        .filter(LinkedSet::is_superseded)
        .map(|l| (l.set_id, l.version, l.current_version))
        .collect();
    Ok(check(&rec.value, &lines, &newer, store.today()))
}

#[derive(Serialize)]
struct CheckReport {
    reference: String,
    publishable: bool,
    blockers: Vec<String>,
    warnings: Vec<String>,
}

/// `procurements check REFERENCE`: what blocks publishing and what to look at first; exit
/// status 1 while something blocks it, so a script can stop there.
pub(super) fn check_list(
    store: &Store,
    reference: &str,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let rec = by_reference(store, reference)?;
    let c = checks_of(store, &rec)?;
    let report = CheckReport {
        reference: rec.value.reference.clone(),
        publishable: c.blockers.is_empty(),
        blockers: c.blockers.iter().map(|b| blocker_text(b, lang)).collect(),
        warnings: c.warnings.iter().map(|w| warning_text(w, lang)).collect(),
    };
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        if !report.blockers.is_empty() {
            writeln!(out, "{}", Msg::BlockedIntro.text(lang))?;
            for b in &report.blockers {
                writeln!(out, "  ✗ {b}")?;
            }
        }
        if !report.warnings.is_empty() {
            writeln!(out, "{}", Msg::WarningsIntro.text(lang))?;
            for w in &report.warnings {
                writeln!(out, "  ! {w}")?;
            }
        }
        if report.blockers.is_empty() && report.warnings.is_empty() {
            writeln!(out, "{}", Msg::NothingToCheck.text(lang))?;
        }
    }
    Ok(if report.publishable {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `procurements history REFERENCE LINE`: the line's history, oldest first.
pub(super) fn history(
    store: &Store,
    reference: &str,
    line: &str,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let rec = by_reference(store, reference)?;
    let found = store
        .lines(rec.id)?
        .into_iter()
        .find(|l| l.value.label().eq_ignore_ascii_case(line.trim()))
        .ok_or_else(|| StoreError::NotFound {
            entity: Entity::RequirementLine,
            id: line.trim().to_string(),
        })?;
    let id = found.id.to_string();
    let mut trail = store.audit_trail(Some(("procurement_line", id.as_str())), 500)?;
    trail.reverse();
    let events: Vec<Event> = line_history(&trail, found.id, &store.amendments(rec.id)?, lang);
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&events)?)?;
        return Ok(());
    }
    let rows = events
        .into_iter()
        .map(|e| vec![e.at, e.actor, e.what])
        .collect();
    let head = [
        Msg::ColWhen.text(lang),
        Msg::ColWho.text(lang),
        Msg::ColWhat.text(lang),
    ];
    table(out, &head, rows)
}
