//! The tender document as one owned value: what every format renders and what the JSON export
//! is. It is built once, by `build::tender_document`, in one language; the renderers only lay
//! it out, so the tender order, the numbering and the answer each line asks for live in one
//! place.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{Kind, Lang, Scoring, Status};

/// The JSON export's `schema`: raised when a field changes meaning or goes away (an added
/// field keeps it).
pub const SCHEMA: &str = "kravkoll.tender/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenderDocument {
    pub schema: String,
    pub lang: Lang,
    /// The buyer's own variant: rationale, follow-up, origins and the excluded lines.
    pub internal: bool,
    pub cover: Cover,
    /// The requirement sections in tender order; a kind with no included line has none.
    pub sections: Vec<Section>,
    /// How the evaluated requirements are scored, when there are any.
    pub evaluation: Option<Evaluation>,
    /// Changes made after publication, oldest first; none for a tender never amended.
    pub amendments: Option<Amendments>,
    /// Lines left out of the tender, with the reason: in the internal variant only, and only
    /// when there are any.
    pub excluded: Option<Excluded>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cover {
    /// The buyer's name, from the settings; empty when not set.
    pub organisation: String,
    /// Diarienummer.
    pub reference: String,
    pub title: String,
    pub procedure: String,
    pub deadline: Option<NaiveDate>,
    pub status: Status,
    pub status_label: String,
    /// A draft is marked "UTKAST" on the cover and in every page header.
    pub draft: bool,
    /// 1, then one more for each amendment after publication.
    pub version: u32,
    /// The day the document was made.
    pub date: NaiveDate,
    pub published_on: Option<NaiveDate>,
    pub sets: Vec<SetRef>,
}

/// A requirement set the tender draws on, at the version its lines came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetRef {
    pub id: String,
    pub title: String,
    pub version: String,
}

/// The four kinds of section, in tender order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Qualification,
    Mandatory,
    Evaluated,
    ContractTerms,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// `1`, `2` …
    pub number: String,
    pub kind: SectionKind,
    pub title: String,
    /// What the tenderer does with the requirements of this section.
    pub intro: String,
    pub groups: Vec<Group>,
}

/// The requirements of one set within a section (or the exclusion grounds, or the buyer's own
/// requirements), under the group's title as a sub-heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// `3.2`.
    pub number: String,
    pub title: String,
    /// The set the lines come from; none for the exclusion grounds and own requirements.
    pub set_id: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// `3.2.4`: stable for a published version, since its lines are frozen.
    pub number: String,
    /// The library id (`HOST-01`) or `EGEN-n`.
    pub id: String,
    pub kind: Kind,
    pub title: String,
    /// The requirement text; paragraphs are separated by blank lines.
    pub text: String,
    pub answer: Answer,
    /// What the tenderer attaches; empty when nothing.
    pub evidence: String,
    /// The legal basis, printed in small type.
    pub basis: Vec<String>,
    /// The numbers of related requirements that are in this tender.
    pub see: Vec<String>,
    /// The set and version the line came from (none for own requirements).
    pub set_id: Option<String>,
    pub set_version: Option<String>,
    /// What only the buyer reads: in the internal variant only.
    pub internal: Option<InternalNote>,
}

/// What the tenderer answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The choices, in order: "Uppfylls", "Uppfylls ej"; or "Accepteras".
    pub options: Vec<String>,
    /// An evaluated requirement's weight.
    pub weight: Option<Weight>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weight {
    pub value: u32,
    pub scoring: Scoring,
    /// In words: "10 poäng", "50 000 kr i mervärde".
    pub label: String,
}

/// Where a line came from and what the officer did to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InternalNote {
    pub rationale: String,
    pub follow_up: String,
    /// "Kravbiblioteket: hosting-location 2026.2, ändrad lokalt" or "Eget krav".
    pub origin: String,
    pub modified: bool,
    pub own: bool,
    pub amended: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The section's number, after the requirement sections.
    pub number: String,
    pub scoring: Scoring,
    /// How the weights are used, in words.
    pub description: String,
    pub rows: Vec<EvaluationRow>,
    /// The sum of the weights.
    pub total: u32,
    /// What the officer said the weights must add up to, when set.
    pub target_total: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationRow {
    pub number: String,
    pub title: String,
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amendments {
    pub number: String,
    pub entries: Vec<AmendmentEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmendmentEntry {
    /// The document version this amendment made (2 for the first).
    pub version: u32,
    pub date: String,
    /// The line's number and title, or the tender's own details.
    pub what: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Excluded {
    pub number: String,
    pub lines: Vec<ExcludedLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExcludedLine {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    /// The officer's reason, when one was given.
    pub reason: Option<String>,
    pub origin: String,
}

impl TenderDocument {
    /// Every requirement in tender order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections
            .iter()
            .flat_map(|s| s.groups.iter())
            .flat_map(|g| g.items.iter())
    }
}
