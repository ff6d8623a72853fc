//! The tender document built from a procurement: the one place that decides the tender order
//! (exclusion and qualification, mandatory, evaluated, contract conditions), the grouping by
//! set and the numbering `section.group.item`. It reads nothing itself; `load` gathers what
//! it needs from the store.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::model::*;
use super::words::{self, Words};
use crate::domain::{Kind, Lang, Line, Procurement, Status};
use crate::i18n::Label;

/// A set version the procurement's lines come from, with what the lines do not carry.
#[derive(Debug, Clone, Default)]
pub struct SetSource {
    pub id: String,
    pub version: String,
    pub title: crate::domain::Text,
    /// Per requirement id: its tags and its related requirements (`see`).
    pub requirements: HashMap<String, RequirementExtra>,
}

#[derive(Debug, Clone, Default)]
pub struct RequirementExtra {
    pub tags: Vec<String>,
    pub see: Vec<String>,
}

/// An amendment as stored: of a line (by its row id) or of the procurement's own details.
#[derive(Debug, Clone)]
pub struct AmendmentSource {
    pub line_id: Option<i64>,
    pub reason: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// Everything the document is built from.
pub struct Source<'a> {
    pub procurement: &'a Procurement,
    /// The lines with their row ids, in tender position order.
    pub lines: &'a [(i64, Line)],
    /// The linked set versions, in the order they were linked.
    pub sets: &'a [SetSource],
    pub amendments: &'a [AmendmentSource],
    pub organisation: &'a str,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    pub internal: bool,
}

/// The tag of the requirements that are grounds for exclusion (LOU 13 kap.): they open the
/// qualification section under a group of their own.
const EXCLUSION_TAG: &str = "exclusion";

const ORDER: [(Kind, SectionKind); 4] = [
    (Kind::Qualification, SectionKind::Qualification),
    (Kind::Mandatory, SectionKind::Mandatory),
    (Kind::Evaluated, SectionKind::Evaluated),
    (Kind::ContractTerm, SectionKind::ContractTerms),
];

/// Builds the document in `opts.lang`; the internal variant adds what the tender leaves out.
pub fn tender_document(src: &Source, opts: Options) -> TenderDocument {
    let w = words::of(opts.lang);
    let p = src.procurement;
    let mut next = 1u32;
    let mut numbered = |()| {
        let n = next;
        next += 1;
        n.to_string()
    };
    let mut sections = Vec::new();
    for (kind, section_kind) in ORDER {
        let groups = groups_of(src, kind, opts, w);
        if groups.is_empty() {
            continue;
        }
        let mut section = Section {
            number: numbered(()),
            kind: section_kind,
            title: w.section_title(section_kind).to_string(),
            intro: String::new(),
            groups,
        };
        number_section(&mut section);
        sections.push(section);
    }
    let numbers = numbers_by_id(&sections);
    fill_see(&mut sections, src, &numbers);
    let evaluation = evaluation(&sections, p, w).map(|mut e| {
        e.number = numbered(());
        e
    });
    for s in &mut sections {
        s.intro = w.section_intro(s.kind, evaluation.as_ref().map(|e| e.number.as_str()));
    }
    let amendments = amendments(src, &numbers, w).map(|entries| Amendments {
        number: numbered(()),
        entries,
    });
    let excluded = if opts.internal {
        excluded(src, opts.lang, w).map(|lines| Excluded {
            number: numbered(()),
            lines,
        })
    } else {
        None
    };
    TenderDocument {
        schema: SCHEMA.to_string(),
        lang: opts.lang,
        internal: opts.internal,
        cover: cover(
            src,
            opts.lang,
            amendments.as_ref().map_or(0, |a| a.entries.len()),
        ),
        sections,
        evaluation,
        amendments,
        excluded,
    }
}

fn cover(src: &Source, lang: Lang, amendments: usize) -> Cover {
    let p = src.procurement;
    let mut sets: Vec<SetRef> = Vec::new();
    for (_, line) in src.lines.iter().filter(|(_, l)| l.included) {
        let Some(s) = &line.source else { continue };
        if !sets
            .iter()
            .any(|r| r.id == s.set_id && r.version == s.version)
        {
            sets.push(SetRef {
                id: s.set_id.clone(),
                title: set_title(src, &s.set_id, lang),
                version: s.version.clone(),
            });
        }
    }
    Cover {
        organisation: src.organisation.trim().to_string(),
        reference: p.reference.clone(),
        title: p.title.clone(),
        procedure: capitalised(p.procedure.label(lang)),
        deadline: p.deadline,
        status: p.status,
        status_label: capitalised(p.status.label(lang)),
        draft: p.status == Status::Draft,
        version: 1 + amendments as u32,
        date: src.today,
        published_on: p.published_on,
        sets,
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn set_title(src: &Source, set_id: &str, lang: Lang) -> String {
    src.sets
        .iter()
        .find(|s| s.id == set_id)
        .map(|s| s.title.get(lang).to_string())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| set_id.to_string())
}

fn extra<'a>(src: &'a Source, line: &Line) -> Option<&'a RequirementExtra> {
    let s = line.source.as_ref()?;
    let in_version = src
        .sets
        .iter()
        .filter(|set| set.id == s.set_id)
        .find(|set| set.version == s.version)
        .and_then(|set| set.requirements.get(&s.requirement_id));
    in_version.or_else(|| {
        src.sets
            .iter()
            .filter(|set| set.id == s.set_id)
            .find_map(|set| set.requirements.get(&s.requirement_id))
    })
}

fn is_exclusion_ground(src: &Source, line: &Line) -> bool {
    line.kind == Kind::Qualification
        && extra(src, line).is_some_and(|e| e.tags.iter().any(|t| t == EXCLUSION_TAG))
}

/// The included lines of one kind, grouped: the exclusion grounds first, then each set in the
/// order its first line stands in the tender, the own requirements where theirs does.
fn groups_of(src: &Source, kind: Kind, opts: Options, w: &Words) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut exclusion: Vec<Item> = Vec::new();
    for (_, line) in src
        .lines
        .iter()
        .filter(|(_, l)| l.included && l.kind == kind)
    {
        let item = item(src, line, opts, w);
        if is_exclusion_ground(src, line) {
            exclusion.push(item);
            continue;
        }
        let set_id = line.source.as_ref().map(|s| s.set_id.clone());
        match groups.iter_mut().find(|g| g.set_id == set_id) {
            Some(g) => g.items.push(item),
            None => groups.push(Group {
                number: String::new(),
                title: match &set_id {
                    Some(id) => set_title(src, id, opts.lang),
                    None => w.own_group.to_string(),
                },
                set_id,
                items: vec![item],
            }),
        }
    }
    if !exclusion.is_empty() {
        groups.insert(
            0,
            Group {
                number: String::new(),
                title: w.exclusion_group.to_string(),
                set_id: None,
                items: exclusion,
            },
        );
    }
    groups
}

fn number_section(section: &mut Section) {
    for (g, group) in section.groups.iter_mut().enumerate() {
        group.number = format!("{}.{}", section.number, g + 1);
        for (i, item) in group.items.iter_mut().enumerate() {
            item.number = format!("{}.{}", group.number, i + 1);
        }
    }
}

fn item(src: &Source, line: &Line, opts: Options, w: &Words) -> Item {
    let lang = opts.lang;
    let scoring = src.procurement.scoring;
    let weight = match (line.kind, line.weight) {
        (Kind::Evaluated, Some(value)) => Some(Weight {
            value,
            scoring,
            label: w.weight(value, scoring),
        }),
        _ => None,
    };
    let options = match line.kind {
        Kind::ContractTerm => vec![w.accepted.to_string()],
        _ => vec![w.met.to_string(), w.not_met.to_string()],
    };
    Item {
        number: String::new(),
        id: line.label(),
        kind: line.kind,
        title: line.title.get(lang).trim().to_string(),
        text: line.text.get(lang).trim().to_string(),
        answer: Answer { options, weight },
        evidence: line.evidence.get(lang).trim().to_string(),
        basis: line.basis.clone(),
        see: Vec::new(),
        set_id: line.source.as_ref().map(|s| s.set_id.clone()),
        set_version: line.source.as_ref().map(|s| s.version.clone()),
        internal: opts.internal.then(|| InternalNote {
            rationale: line.rationale.get(lang).trim().to_string(),
            follow_up: line.follow_up.get(lang).trim().to_string(),
            origin: origin(line, w),
            modified: line.modified,
            own: line.source.is_none(),
            amended: line.amended,
        }),
    }
}

fn origin(line: &Line, w: &Words) -> String {
    let mut origin = match &line.source {
        Some(s) => format!("{} {}", s.set_id, s.version),
        None => w.own_origin.to_string(),
    };
    if line.source.is_some() && line.modified {
        origin.push_str(", ");
        origin.push_str(w.modified_origin);
    }
    if line.amended {
        origin.push_str(", ");
        origin.push_str(w.amended_origin);
    }
    origin
}

fn numbers_by_id(sections: &[Section]) -> HashMap<String, String> {
    sections
        .iter()
        .flat_map(|s| s.groups.iter())
        .flat_map(|g| g.items.iter())
        .map(|i| (i.id.clone(), i.number.clone()))
        .collect()
}

/// A related requirement is named by its number in this tender; one left out is not named.
fn fill_see(sections: &mut [Section], src: &Source, numbers: &HashMap<String, String>) {
    let sees: HashMap<String, Vec<String>> = src
        .lines
        .iter()
        .filter(|(_, l)| l.included)
        .filter_map(|(_, l)| Some((l.label(), extra(src, l)?.see.clone())))
        .collect();
    for item in sections
        .iter_mut()
        .flat_map(|s| s.groups.iter_mut())
        .flat_map(|g| g.items.iter_mut())
    {
        if let Some(see) = sees.get(&item.id) {
            item.see = see
                .iter()
                .filter_map(|id| numbers.get(id).cloned())
                .collect();
        }
    }
}

fn evaluation(sections: &[Section], p: &Procurement, w: &Words) -> Option<Evaluation> {
    let rows: Vec<EvaluationRow> = sections
        .iter()
        .filter(|s| s.kind == SectionKind::Evaluated)
        .flat_map(|s| s.groups.iter())
        .flat_map(|g| g.items.iter())
        .map(|i| EvaluationRow {
            number: i.number.clone(),
            title: i.title.clone(),
            weight: i.answer.weight.as_ref().map_or(0, |w| w.value),
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let total = rows.iter().map(|r| r.weight).sum();
    Some(Evaluation {
        number: String::new(),
        scoring: p.scoring,
        description: w.evaluation(p.scoring, total),
        rows,
        total,
        target_total: p.weight_total,
    })
}

fn amendments(
    src: &Source,
    numbers: &HashMap<String, String>,
    w: &Words,
) -> Option<Vec<AmendmentEntry>> {
    if src.amendments.is_empty() {
        return None;
    }
    let entries = src
        .amendments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let line = a
                .line_id
                .and_then(|id| src.lines.iter().find(|(lid, _)| *lid == id));
            let what = match line {
                Some((_, l)) => {
                    let label = l.label();
                    let shown = numbers.get(&label).cloned().unwrap_or(label);
                    format!("{shown} {}", l.title.get(w.lang).trim())
                }
                None => w.details_amended.to_string(),
            };
            AmendmentEntry {
                version: i as u32 + 2,
                date: a.at.chars().take(10).collect(),
                what,
                reason: a.reason.trim().to_string(),
            }
        })
        .collect();
    Some(entries)
}

fn excluded(src: &Source, lang: Lang, w: &Words) -> Option<Vec<ExcludedLine>> {
    let lines: Vec<ExcludedLine> = src
        .lines
        .iter()
        .filter(|(_, l)| !l.included)
        .map(|(_, l)| ExcludedLine {
            id: l.label(),
            kind: l.kind,
            title: l.title.get(lang).trim().to_string(),
            reason: l.exclusion.clone().filter(|r| !r.trim().is_empty()),
            origin: origin(l, w),
        })
        .collect();
    (!lines.is_empty()).then_some(lines)
}
