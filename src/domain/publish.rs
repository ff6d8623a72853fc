//! The check list before publishing. Publishing is the point of no return, so what would make
//! the tender unusable stops it (a prohibited AI practice, nothing to publish, a mandatory
//! requirement without text), and what an officer may have overlooked is listed for them to
//! acknowledge (a passed deadline, no owner, newer library versions not taken over, a legal
//! requirement left out, weights missing or not adding up).

use chrono::NaiveDate;

use super::procurement::{Line, Procurement, ProcurementError};
use super::profile::AiRisk;
use super::requirement::Kind;

/// What stops publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    ProhibitedAi,
    NoLines,
    /// A mandatory or qualification requirement with no text, by id.
    EmptyText(String),
}

impl From<Blocker> for ProcurementError {
    fn from(b: Blocker) -> ProcurementError {
        match b {
            Blocker::ProhibitedAi => ProcurementError::ProhibitedAi,
            Blocker::NoLines => ProcurementError::NoLines,
            Blocker::EmptyText(id) => ProcurementError::EmptyText(id),
        }
    }
}

/// What the officer acknowledges before publishing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    NoDeadline,
    DeadlinePassed(NaiveDate),
    NoOwner,
    /// A linked set whose library has a newer version: set, linked version, newer version.
    NewerVersion {
        set: String,
        from: String,
        to: String,
    },
    /// Excluded lines whose basis is a law, by id.
    ExcludedLaw(Vec<String>),
    /// Included evaluated lines without a weight, by id.
    MissingWeights(Vec<String>),
    /// The weights of the evaluated lines do not add up to the stated total.
    WeightSum {
        sum: u32,
        total: u32,
    },
}

/// The whole check list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checks {
    pub blockers: Vec<Blocker>,
    pub warnings: Vec<Warning>,
}

/// Words in a basis that name a law, not guidance: the abbreviations of the acts the library
/// cites and the shapes of Swedish statute references.
const LAWS: &[&str] = &[
    "GDPR",
    "AI Act",
    "AI-förordningen",
    "OSL",
    "LOU",
    "LUF",
    "LUK",
    "Data Act",
    "dataförordningen",
    "NIS2",
    "cybersäkerhetslagen",
    "arkivlagen",
    "DOS-lagen",
    "säkerhetsskyddslagen",
    "förvaltningslagen",
    "SFS",
    "lag (",
    "förordning (",
];

/// Whether a line's basis cites a law (so leaving it out needs a second thought).
pub fn rests_on_law(line: &Line) -> bool {
    line.basis.iter().any(|b| {
        let lower = b.to_lowercase();
        LAWS.iter().any(|law| lower.contains(&law.to_lowercase()))
    })
}

/// What stops `p` with `lines` from being published.
pub fn blockers(p: &Procurement, lines: &[Line]) -> Vec<Blocker> {
    let mut out = Vec::new();
    if p.profile.effective_ai_risk() == Some(AiRisk::Prohibited) {
        out.push(Blocker::ProhibitedAi);
    }
    let included: Vec<&Line> = lines.iter().filter(|l| l.included).collect();
    if included.is_empty() {
        out.push(Blocker::NoLines);
    }
    out.extend(
        included
            .iter()
            .filter(|l| matches!(l.kind, Kind::Mandatory | Kind::Qualification))
            .filter(|l| l.text.sv.trim().is_empty() && l.text.en.trim().is_empty())
            .map(|l| Blocker::EmptyText(l.label())),
    );
    out
}

/// The check list for publishing `p` on `today`; `newer` are the linked sets with a newer
/// library version (set, linked version, current version).
pub fn check(
    p: &Procurement,
    lines: &[Line],
    newer: &[(String, String, String)],
    today: NaiveDate,
) -> Checks {
    let mut warnings = Vec::new();
    match p.deadline {
        None => warnings.push(Warning::NoDeadline),
        Some(d) if d < today => warnings.push(Warning::DeadlinePassed(d)),
        Some(_) => {}
    }
    if p.owner.trim().is_empty() {
        warnings.push(Warning::NoOwner);
    }
    warnings.extend(newer.iter().map(|(set, from, to)| Warning::NewerVersion {
        set: set.clone(),
        from: from.clone(),
        to: to.clone(),
    }));
    let ids = |f: &dyn Fn(&Line) -> bool| -> Vec<String> {
        lines.iter().filter(|l| f(l)).map(Line::label).collect()
    };
    let excluded_law = ids(&|l| !l.included && rests_on_law(l));
    if !excluded_law.is_empty() {
        warnings.push(Warning::ExcludedLaw(excluded_law));
    }
    let evaluated = |l: &Line| l.included && l.kind == Kind::Evaluated;
    let unweighted = ids(&|l| evaluated(l) && l.weight.is_none());
    if !unweighted.is_empty() {
        warnings.push(Warning::MissingWeights(unweighted));
    }
    if let Some(total) = p.weight_total {
        let sum: u32 = lines
            .iter()
            .filter(|l| evaluated(l))
            .filter_map(|l| l.weight)
            .sum();
        if sum != total {
            warnings.push(Warning::WeightSum { sum, total });
        }
    }
    Checks {
        blockers: blockers(p, lines),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Condition;
    use crate::domain::procurement::{Procedure, Status};
    use crate::domain::profile::{AiUse, Profile};
    use crate::domain::text::Text;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn line(id: &str, kind: Kind, basis: &[&str]) -> Line {
        Line {
            source: Some(crate::domain::procurement::LineSource {
                set_id: "s".into(),
                version: "1".into(),
                requirement_id: id.into(),
                content_hash: String::new(),
            }),
            position: 1,
            included: true,
            modified: false,
            kind,
            level: None,
            weight: None,
            risk: None,
            title: Text::sv(id),
            text: Text::sv("Leverantören ska …"),
            rationale: Text::default(),
            basis: basis.iter().map(|b| b.to_string()).collect(),
            evidence: Text::default(),
            follow_up: Text::default(),
            applies_when: Condition::always(),
            own: None,
            exclusion: None,
            amended: false,
        }
    }

    fn procurement() -> Procurement {
        Procurement {
            reference: "KS 2026/1".into(),
            title: "T".into(),
            owner: "Eva".into(),
            procedure: Procedure::Open,
            status: Status::Draft,
            profile: Profile::default(),
            deadline: Some(day(20)),
            published_on: None,
            weight_total: None,
            scoring: Default::default(),
        }
    }

    #[test]
    fn a_tidy_procurement_has_nothing_to_say() {
        let lines = [line("A-01", Kind::Mandatory, &["GDPR art. 28"])];
        assert_eq!(
            check(&procurement(), &lines, &[], day(1)),
            Checks::default()
        );
    }

    #[test]
    fn blockers_stop_and_name_the_line() {
        let mut p = procurement();
        p.profile.ai = AiUse::System;
        p.profile.ai_risk = AiRisk::Prohibited;
        let mut empty = line("A-02", Kind::Qualification, &[]);
        empty.text = Text::default();
        let mut evaluated_empty = line("A-03", Kind::Evaluated, &[]);
        evaluated_empty.text = Text::default();
        evaluated_empty.weight = Some(5);
        let c = check(&p, &[empty, evaluated_empty], &[], day(1));
        assert_eq!(
            c.blockers,
            vec![Blocker::ProhibitedAi, Blocker::EmptyText("A-02".into())]
        );
        let mut excluded = line("A-01", Kind::Mandatory, &[]);
        excluded.included = false;
        assert_eq!(
            blockers(&procurement(), &[excluded]),
            vec![Blocker::NoLines]
        );
    }

    #[test]
    fn warnings_list_what_may_have_been_overlooked() {
        let mut p = procurement();
        p.owner = " ".into();
        p.weight_total = Some(100);
        let mut gdpr = line("PD-01", Kind::Mandatory, &["GDPR art. 28.3"]);
        gdpr.included = false;
        let mut guidance = line("UPF-01", Kind::ContractTerm, &["SKR:s vägledning"]);
        guidance.included = false;
        let mut weighted = line("E-01", Kind::Evaluated, &[]);
        weighted.weight = Some(30);
        let unweighted = line("E-02", Kind::Evaluated, &[]);
        let lines = [gdpr, guidance, weighted, unweighted];
        let newer = [(
            "ai-act".to_string(),
            "2026.1".to_string(),
            "2026.2".to_string(),
        )];
        let c = check(&p, &lines, &newer, day(21));
        assert!(c.blockers.is_empty());
        assert_eq!(
            c.warnings,
            vec![
                Warning::DeadlinePassed(day(20)),
                Warning::NoOwner,
                Warning::NewerVersion {
                    set: "ai-act".into(),
                    from: "2026.1".into(),
                    to: "2026.2".into()
                },
                Warning::ExcludedLaw(vec!["PD-01".into()]),
                Warning::MissingWeights(vec!["E-02".into()]),
                Warning::WeightSum {
                    sum: 30,
                    total: 100
                },
            ]
        );
        p.deadline = None;
        assert!(
            check(&p, &lines, &[], day(1))
                .warnings
                .contains(&Warning::NoDeadline)
        );
    }

    #[test]
    fn laws_are_told_from_guidance() {
        for law in [
            "GDPR art. 28",
            "AI-förordningen art. 26",
            "OSL 10 kap. 2 a §",
            "LOU 13 kap. 1 §",
            "lag (2020:914) om tystnadsplikt",
            "SFS 2018:585",
        ] {
            assert!(
                rests_on_law(&line("X-01", Kind::Mandatory, &[law])),
                "{law}"
            );
        }
        for guidance in [
            "SKR: Avtalsuppföljning",
            "DIGG:s vägledning",
            "ISO/IEC 27001",
        ] {
            assert!(
                !rests_on_law(&line("X-01", Kind::Mandatory, &[guidance])),
                "{guidance}"
            );
        }
    }
}
