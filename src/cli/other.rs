//! The commands outside the library: the procurement list, the demo loader and the backup.
//! Each prints through the writer it is given and leaves exit codes to `run`.

use std::io::Write;
use std::path::Path;

use super::args::Format;
use super::table::table;
use crate::demo;
use crate::domain::Lang;
use crate::files::FileError;
use crate::i18n::{CliText, Label, Msg, Noun, PROCUREMENT_COLUMNS};
use crate::store::prelude::*;
use crate::store::{Store, StoreError};

/// `demo`: the sample, or generated data at a benchmark scale, and what was loaded.
pub(super) fn demo(
    store: &mut Store,
    scale: &str,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let counts = match demo::scale::Scale::from_name(scale) {
        Some(size) => {
            let started = std::time::Instant::now();
            let g = demo::scale::generate(store, size)?;
            let seconds = format!("{:.1}", started.elapsed().as_secs_f64());
            counted(
                CliText::ScaleCounts.text(lang),
                &[
                    ("{requirements}", Noun::Requirement, g.requirements),
                    ("{sets}", Noun::Set, g.sets),
                    ("{procurements}", Noun::Procurement, g.procurements),
                    ("{suppliers}", Noun::Supplier, g.suppliers),
                    ("{reviews}", Noun::Review, g.reviews),
                ],
                lang,
            )
            .replace("{seconds}", &seconds)
        }
        None => {
            let s = demo::load(store)?;
            counted(
                CliText::DemoCounts.text(lang),
                &[
                    ("{procurements}", Noun::Procurement, s.procurements),
                    ("{lines}", Noun::Line, s.lines),
                    ("{suppliers}", Noun::Supplier, s.suppliers),
                    ("{sub_suppliers}", Noun::SubSupplier, s.sub_suppliers),
                    ("{contracts}", Noun::Contract, s.contracts),
                    ("{reviews}", Noun::Review, s.reviews),
                ],
                lang,
            )
        }
    };
    writeln!(out, "{}: {counts}", Msg::DemoLoaded.text(lang))?;
    if let Some(p) = store.path() {
        writeln!(out, "{}: {}", Msg::Database.text(lang), p.display())?;
    }
    Ok(())
}

/// `backup`: a copy of the database in a new file. What is in the way (a link, a directory, a
/// file that appeared meanwhile) or what the OS refuses is said as a file error with the path,
/// not as a problem of "the database".
pub(super) fn backup(
    store: &Store,
    path: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(FileError::Symlink(path.to_path_buf()).into());
        }
        Ok(m) if m.is_dir() => return Err(FileError::IsDirectory(path.to_path_buf()).into()),
        _ => {}
    }
    store.backup(path).map_err(|e| match e {
        StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists => {
            anyhow::Error::new(FileError::Exists(path.to_path_buf()))
        }
        StoreError::Io { source, .. } => anyhow::Error::new(FileError::from_io(path, source)),
        other => anyhow::Error::new(other),
    })?;
    writeln!(out, "{} {}", Msg::BackupWritten.text(lang), path.display())?;
    Ok(())
}

/// `text` with each placeholder filled with its count and noun ("1 upphandling").
fn counted(text: &str, counts: &[(&str, Noun, usize)], lang: Lang) -> String {
    counts
        .iter()
        .fold(text.to_string(), |text, (mark, noun, n)| {
            text.replace(mark, &noun.count(*n, lang))
        })
}

pub(super) fn procurements_list(
    store: &Store,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let list = store.procurements()?;
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(out, "{}", Msg::NoProcurements.text(lang))?;
        return Ok(());
    }
    let rows = list
        .iter()
        .map(|p| {
            vec![
                p.reference.clone(),
                p.status.label(lang).to_string(),
                p.deadline.map(|d| d.to_string()).unwrap_or_default(),
                p.lines.to_string(),
                p.owner.clone(),
                p.title.clone(),
            ]
        })
        .collect();
    table(out, &PROCUREMENT_COLUMNS.map(|h| h.text(lang)), rows)
}
