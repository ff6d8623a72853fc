//! One table per group of requirements: Nr | Krav | Svar, a row per requirement. The Krav
//! cell holds everything the tenderer reads (title, text, what to attach, related
//! requirements, the legal basis in small type) and, in the internal variant, the buyer's own
//! notes set apart by shading; the Svar cell is what the tenderer ticks.

use super::table::{Row, Table};
use super::xml::{BOLD, ITALIC, labelled, para, paragraphs, run};
use crate::export::labels::{Labels, labels};
use crate::export::model::{Group, Item, TenderDocument};

/// An empty ballot box, for the tenderer to tick.
const BALLOT_BOX: &str = "\u{2610}";
/// A font with the ballot box in every Windows since 7; LibreOffice falls back to one of its
/// own where it is missing.
const BOX_FONT: &str = "<w:rFonts w:ascii=\"Segoe UI Symbol\" w:hAnsi=\"Segoe UI Symbol\" \
                        w:cs=\"Segoe UI Symbol\"/>";

pub fn requirement_table(doc: &TenderDocument, group: &Group) -> String {
    let l = labels(doc.lang);
    let mut table = Table::new(&[12, 60, 28]).header(&[l.number, l.requirement, l.answer]);
    for item in &group.items {
        table.row(
            &[
                para("TableText", "", &run(&item.number, BOLD)),
                requirement_cell(l, item),
                answer_cell(l, item),
            ],
            Row::Flowing,
        );
    }
    table.finish()
}

fn requirement_cell(l: &Labels, item: &Item) -> String {
    let mut out = para("TableText", "<w:keepNext/>", &run(&item.title, BOLD));
    out.push_str(&paragraphs("TableText", &item.text));
    if !item.evidence.trim().is_empty() {
        out.push_str(&labelled("TableText", l.evidence, &item.evidence, ""));
    }
    if !item.see.is_empty() {
        let see = format!("{} {}", l.see, item.see.join(", "));
        out.push_str(&para("TableText", "", &run(&see, ITALIC)));
    }
    if !item.basis.is_empty() {
        let basis = format!("{}: {}", l.basis, item.basis.join("; "));
        out.push_str(&para("Basis", "", &run(&basis, "")));
    }
    if let Some(note) = &item.internal {
        for (label, value) in [
            (l.rationale, &note.rationale),
            (l.follow_up, &note.follow_up),
            (l.origin, &note.origin),
        ] {
            if !value.trim().is_empty() {
                out.push_str(&labelled("InternalNote", label, value, ""));
            }
        }
    }
    out
}

fn answer_cell(l: &Labels, item: &Item) -> String {
    let mut out = String::new();
    for option in &item.answer.options {
        let mut runs = run(BALLOT_BOX, BOX_FONT);
        runs.push_str(&run(&format!(" {option}"), ""));
        out.push_str(&para("TableText", "", &runs));
    }
    if let Some(weight) = &item.answer.weight {
        out.push_str(&labelled("TableText", l.weight, &weight.label, ""));
    }
    out
}
