//! The commands outside the library: the procurement list and the demo loader. Each prints
//! through the writer it is given and leaves exit codes to `run`.

use std::io::Write;

use super::args::Format;
use super::table::table;
use crate::demo;
use crate::domain::Lang;
use crate::i18n::{Label, Msg, PROCUREMENT_COLUMNS};
use crate::store::Store;
use crate::store::prelude::*;

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
            Msg::ScaleCounts
                .text(lang)
                .replace("{requirements}", &g.requirements.to_string())
                .replace("{sets}", &g.sets.to_string())
                .replace("{procurements}", &g.procurements.to_string())
                .replace("{suppliers}", &g.suppliers.to_string())
                .replace("{reviews}", &g.reviews.to_string())
                .replace(
                    "{seconds}",
                    &format!("{:.1}", started.elapsed().as_secs_f64()),
                )
        }
        None => {
            let summary = demo::load(store)?;
            Msg::DemoCounts
                .text(lang)
                .replace("{procurements}", &summary.procurements.to_string())
                .replace("{lines}", &summary.lines.to_string())
                .replace("{suppliers}", &summary.suppliers.to_string())
                .replace("{sub_suppliers}", &summary.sub_suppliers.to_string())
                .replace("{contracts}", &summary.contracts.to_string())
                .replace("{reviews}", &summary.reviews.to_string())
        }
    };
    writeln!(out, "{}: {counts}", Msg::DemoLoaded.text(lang))?;
    if let Some(p) = store.path() {
        writeln!(out, "{}: {}", Msg::Database.text(lang), p.display())?;
    }
    Ok(())
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
