//! The procurement rules: statuses, frozen lines, amendments, what applies to a profile.

use super::*;
use crate::domain::condition::Clause;
use crate::domain::profile::{AiRisk, AiUse, PersonalData};
use crate::domain::requirement::RequirementId;
use crate::domain::set::{SetId, SetVersion};

fn req(id: &str, kind: Kind, level: Option<Level>, when: Condition) -> Requirement {
    Requirement {
        id: RequirementId::parse(id).unwrap(),
        kind,
        level,
        title: Text::new(format!("Titel {id}"), format!("Title {id}")),
        text: Text::sv("Leverantören ska …"),
        rationale: Text::default(),
        basis: vec!["GDPR art. 28".into()],
        applies_when: when,
        evidence: Text::default(),
        follow_up: Text::sv("Kontrollera …"),
        weight: None,
        risk: None,
        see: Vec::new(),
        applies_from: None,
        tags: vec![],
    }
}

fn set() -> RequirementSet {
    let pd = Condition::one(Clause {
        personal_data: Some(PersonalData::Ordinary),
        ..Clause::default()
    });
    RequirementSet {
        id: SetId::parse("test-set").unwrap(),
        version: SetVersion::parse("2026.1").unwrap(),
        title: Text::sv("Test"),
        description: Text::default(),
        sources: vec![],
        dates: Vec::new(),
        requirements: vec![
            req("T-01", Kind::Mandatory, None, Condition::always()),
            req("T-02", Kind::Mandatory, None, pd),
            req(
                "T-03",
                Kind::Mandatory,
                Some(Level::Advanced),
                Condition::always(),
            ),
        ],
    }
}

fn draft() -> Procurement {
    Procurement {
        reference: "KS 2026/101".into(),
        title: "Ärendehanteringssystem".into(),
        owner: "Anna Upphandlare".into(),
        procedure: Procedure::Open,
        status: Status::Draft,
        profile: Profile::default(),
        deadline: None,
        published_on: None,
        weight_total: None,
        scoring: Default::default(),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

#[test]
fn only_allowed_transitions() {
    let mut p = draft();
    let lines = lines_for(&set(), &p.profile, AboveAmbition::LeaveOut, 1);
    assert_eq!(
        p.transition(Status::Awarded, &lines, today()),
        Err(ProcurementError::NotAllowed {
            from: "draft",
            to: "awarded"
        })
    );
    p.transition(Status::Published, &lines, today()).unwrap();
    assert_eq!(p.published_on, Some(today()));
    p.transition(Status::Evaluation, &lines, today()).unwrap();
    p.transition(Status::Cancelled, &lines, today()).unwrap();
    assert!(Status::Cancelled.next().is_empty());
    assert!(!Status::Closed.can_become(Status::Cancelled));
}

#[test]
fn prohibited_ai_blocks_publishing_with_the_reason() {
    let mut p = draft();
    p.profile.ai = AiUse::System;
    p.profile.ai_risk = AiRisk::Prohibited;
    let lines = lines_for(&set(), &p.profile, AboveAmbition::LeaveOut, 1);
    let err = p
        .transition(Status::Published, &lines, today())
        .unwrap_err();
    assert_eq!(err, ProcurementError::ProhibitedAi);
    assert!(err.to_string().contains("art. 5"));
    assert_eq!(p.status, Status::Draft);
}

#[test]
fn publishing_needs_lines_with_text() {
    let mut p = draft();
    assert_eq!(
        p.transition(Status::Published, &[], today()),
        Err(ProcurementError::NoLines)
    );
    let mut lines = lines_for(&set(), &p.profile, AboveAmbition::LeaveOut, 1);
    lines[0].text = Text::default();
    assert_eq!(
        p.transition(Status::Published, &lines, today()),
        Err(ProcurementError::EmptyText("T-01".into()))
    );
    // A missing weight is the officer's to weigh (a warning), not a stop.
    lines[0].text = Text::sv("Leverantören ska …");
    lines[0].kind = Kind::Evaluated;
    lines[0].weight = None;
    assert!(p.transition(Status::Published, &lines, today()).is_ok());
}

#[test]
fn a_new_procurement_may_not_have_a_passed_deadline() {
    let mut p = draft();
    p.deadline = today().pred_opt();
    assert_eq!(
        p.validate_new(today()),
        Err(ProcurementError::DeadlinePassed(
            today().pred_opt().unwrap()
        ))
    );
    p.deadline = Some(today());
    assert!(p.validate_new(today()).is_ok());
}

#[test]
fn own_lines_are_named_by_their_number_not_their_place() {
    let mut line = lines_for(&set(), &Profile::default(), AboveAmbition::LeaveOut, 1).remove(0);
    line.source = None;
    line.own = Some(3);
    line.position = 90;
    assert_eq!(line.label(), "EGEN-3");
}

#[test]
fn publishing_freezes_lines() {
    let mut p = draft();
    assert!(p.ensure_lines_editable().is_ok());
    let lines = lines_for(&set(), &p.profile, AboveAmbition::LeaveOut, 1);
    p.transition(Status::Published, &lines, today()).unwrap();
    assert_eq!(
        p.ensure_lines_editable(),
        Err(ProcurementError::Frozen("published"))
    );
    assert_eq!(
        p.ensure_amendable(" "),
        Err(ProcurementError::MissingReason)
    );
    assert!(p.ensure_amendable("Rättelse av svarstid").is_ok());
}

#[test]
fn lines_follow_applicability_and_ambition() {
    let mut profile = Profile::default();
    let ids = |lines: Vec<Line>| -> Vec<String> { lines.iter().map(Line::label).collect() };
    assert_eq!(
        ids(lines_for(&set(), &profile, AboveAmbition::LeaveOut, 1)),
        vec!["T-01"]
    );
    profile.personal_data = PersonalData::Ordinary;
    let offered = lines_for(&set(), &profile, AboveAmbition::OfferAsEvaluated, 1);
    assert_eq!(ids(offered.clone()), vec!["T-01", "T-02", "T-03"]);
    assert_eq!(offered[2].kind, Kind::Evaluated);
    assert_eq!(offered[2].weight, Some(DEFAULT_WEIGHT));
    assert_eq!(offered[2].position, 3);
    profile.ambition = Level::Leading;
    let all = lines_for(&set(), &profile, AboveAmbition::LeaveOut, 1);
    assert_eq!(all[2].kind, Kind::Mandatory);
}

#[test]
fn editing_text_marks_the_line_modified() {
    let mut line = lines_for(&set(), &Profile::default(), AboveAmbition::LeaveOut, 1).remove(0);
    line.edit_text(line.text.clone());
    assert!(!line.modified, "same text is no change");
    line.edit_text(Text::sv("Leverantören ska inom 10 dagar …"));
    assert!(line.modified);
}

#[test]
fn reevaluation_shows_what_a_profile_change_adds_and_removes() {
    let lines = lines_for(&set(), &Profile::default(), AboveAmbition::LeaveOut, 1);
    let new_profile = Profile {
        personal_data: PersonalData::Sensitive,
        ..Profile::default()
    };
    let change = reevaluate(&lines, &[set()], &new_profile, AboveAmbition::LeaveOut);
    assert_eq!(change.added, vec!["T-02"]);
    assert!(change.removed.is_empty());
    let lines = lines_for(&set(), &new_profile, AboveAmbition::LeaveOut, 1);
    let change = reevaluate(
        &lines,
        &[set()],
        &Profile::default(),
        AboveAmbition::LeaveOut,
    );
    assert_eq!(change.removed, vec!["T-02"]);
}
