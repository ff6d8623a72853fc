//! The interactive program driven through its real key table on an in-memory store: every test
//! presses keys as a user would and then checks both what the screen state says and what the
//! store holds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestApp;
use kravkoll::domain::{AiRisk, AiUse, Kind, PersonalData, Status};
use kravkoll::store::custom_sets::RequirementEdit;
use kravkoll::store::prelude::*;
use kravkoll::tui::screens::procurements::{LineField, ProcField};
use kravkoll::tui::state::Modal;
use kravkoll::tui::tabs::Tab;

/// Opens the new-procurement form and fills reference and title; `profile` has one step per
/// field from the procedure on: "" is Tab (the field stays as it is); other text is typed,
/// and on a choice field the first letters that name one option alone take it and move on.
fn new_procurement(t: &mut TestApp, reference: &str, title: &str, profile: &[&str]) {
    t.keys("3 n")
        .type_text(reference)
        .press("tab")
        .type_text(title);
    t.press("tab").press("tab"); // owner, procedure
    for step in profile {
        if step.is_empty() {
            t.press("tab");
        } else if *step == "⏎" {
            t.press("enter");
        } else {
            t.type_text(step);
        }
    }
    t.press("enter");
}

/// The steps from the procedure field to the first profile field: procedure, deadline, the
/// weights' total, scoring.
const TO_CONFIDENTIALITY: [&str; 4] = ["", "", "", ""];

/// Confidentiality 3, integrity 3, availability 2, sensitive personal data processed by the
/// supplier, secrecy, not security-sensitive, an AI system of high risk under Annex III (the
/// first of the three high routes: "h" and Enter), not generative, automated decisions: one
/// key each, except the route.
fn high_risk_ai_profile() -> Vec<&'static str> {
    let mut steps = TO_CONFIDENTIALITY.to_vec();
    steps.extend(["3", "3", "2", "k", "j", "j", "", "s", "h", "⏎", "", "", "j"]);
    steps
}

fn only_procurement(
    t: &TestApp,
) -> kravkoll::store::procurements::Record<kravkoll::domain::Procurement> {
    let list = t.store().procurements().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    t.store().procurement(list[0].id).unwrap().unwrap()
}

#[test]
fn a_procurement_is_created_through_the_form_with_its_profile() {
    let mut t = TestApp::new(false);
    new_procurement(
        &mut t,
        "KS 2026/200",
        "AI-stöd för försörjningsstöd",
        &high_risk_ai_profile(),
    );
    assert!(!t.modal_open(), "the form closed");
    let p = only_procurement(&t).value;
    assert_eq!(p.reference, "KS 2026/200");
    assert_eq!(p.status, Status::Draft);
    assert_eq!(p.profile.confidentiality.value(), 3);
    assert_eq!(p.profile.availability.value(), 2);
    assert_eq!(p.profile.personal_data, PersonalData::Sensitive);
    assert!(p.profile.secrecy && p.profile.automated_decisions && p.profile.processor);
    assert!(!p.profile.generative);
    assert_eq!(p.profile.ai, AiUse::System);
    assert_eq!(p.profile.ai_risk, AiRisk::HighAnnex3);
    let detail = t
        .app
        .state
        .screens
        .procurements
        .detail
        .as_ref()
        .expect("the detail opens");
    assert_eq!(detail.record.value.reference, "KS 2026/200");
}

#[test]
fn an_invalid_date_shows_the_reason_and_keeps_the_text() {
    let mut t = TestApp::new(false);
    t.keys("3 n")
        .type_text("KS 1")
        .press("tab")
        .type_text("Titel");
    t.keys("tab tab tab").type_text("2027-13-01").press("tab");
    assert!(
        t.form_error(ProcField::Deadline)
            .unwrap()
            .contains("finns inte i kalendern")
    );
    let screen = t.screen(120, 40);
    assert!(
        screen.contains("2027-13-01") && screen.contains("finns inte i kalendern"),
        "{screen}"
    );
    t.press("enter");
    assert!(t.modal_open(), "refused: the form stays");
    assert!(t.store().procurements().unwrap().is_empty());
    // The refused submit put the focus on the date: clear it and type a real one.
    t.keys("ctrl-u").type_text("2027-01-31").press("enter");
    assert!(!t.modal_open());
    assert_eq!(
        only_procurement(&t).value.deadline.unwrap().to_string(),
        "2027-01-31"
    );
}

#[test]
fn a_missing_title_is_refused_and_nothing_is_saved() {
    let mut t = TestApp::new(false);
    t.keys("3 n").type_text("KS 2").press("enter");
    assert_eq!(
        t.form_error(ProcField::Title).as_deref(),
        Some("måste fyllas i")
    );
    assert!(t.store().procurements().unwrap().is_empty());
    // The typed reference is not thrown away without a question: no keeps it, yes drops it.
    t.press("esc");
    assert!(t.modal_open(), "Esc on a changed form asks first");
    t.press("n");
    assert_eq!(
        t.form_error(ProcField::Title).as_deref(),
        Some("måste fyllas i"),
        "the form is as it was"
    );
    t.keys("esc j");
    assert!(!t.modal_open());
    assert!(t.store().procurements().unwrap().is_empty());
}

/// A draft for case management with secrecy, with hosting-location linked.
fn linked_draft() -> TestApp {
    let mut t = TestApp::new(false);
    // confidentiality 3, sensitive personal data, secrecy.
    new_procurement(
        &mut t,
        "KS 2026/5",
        "Ärendesystem",
        &[&TO_CONFIDENTIALITY[..], &["3", "", "", "k", "j", "j"]].concat(),
    );
    t.press("l").type_text("hosting").press("enter");
    t
}

fn line_ids(t: &TestApp) -> Vec<String> {
    let id = t
        .app
        .state
        .screens
        .procurements
        .detail
        .as_ref()
        .unwrap()
        .record
        .id;
    t.store()
        .lines(id)
        .unwrap()
        .iter()
        .map(|l| l.value.label())
        .collect()
}

#[test]
fn linking_a_set_adds_the_requirements_that_apply() {
    let t = linked_draft();
    let ids = line_ids(&t);
    assert!(
        ids.contains(&"HOST-04".to_string()),
        "Swedish hosting under secrecy: {ids:?}"
    );
    assert!(
        ids.contains(&"HOST-01".to_string()) && !ids.contains(&"HOST-03".to_string()),
        "the EU/EEA floor applies under secrecy too; the transfer rules do not: {ids:?}"
    );
    assert!(
        !ids.contains(&"HOST-10".to_string()),
        "no security protection agreement: {ids:?}"
    );
    assert!(
        t.toast()
            .unwrap()
            .contains(&format!("{} krav lades till", ids.len()))
    );
}

#[test]
fn lines_are_excluded_edited_retyped_weighted_and_moved() {
    let mut t = linked_draft();
    let pid = t
        .app
        .state
        .screens
        .procurements
        .detail
        .as_ref()
        .unwrap()
        .record
        .id;
    // The first line rests on a law: leaving it out asks why, and the reason is kept.
    t.press("space");
    assert!(t.modal_open(), "the reason is asked for");
    t.type_text("Regleras i ramavtalet").press("enter");
    let first = t.store().lines(pid).unwrap()[0].value.clone();
    assert!(!first.included);
    assert_eq!(first.exclusion.as_deref(), Some("Regleras i ramavtalet"));
    // Edit the second line's Swedish text (the first field after the titles).
    t.keys("j e tab tab").type_text("Tillägg. ").press("ctrl-s");
    assert!(!t.modal_open());
    let second = t.store().lines(pid).unwrap()[1].value.clone();
    assert!(
        second.modified && second.text.sv.starts_with("Tillägg. "),
        "{:?}",
        second.text
    );
    // Make it evaluated (the third kind) with weight 20.
    t.press("t").type_text("bör").press("enter");
    assert_eq!(t.store().lines(pid).unwrap()[1].value.kind, Kind::Evaluated);
    t.press("w").press("ctrl-u").type_text("20").press("enter");
    assert_eq!(t.store().lines(pid).unwrap()[1].value.weight, Some(20));
    let before = line_ids(&t);
    t.press("K");
    let after = line_ids(&t);
    assert_eq!(after[0], before[1]);
    assert_eq!(after[1], before[0]);
}

#[test]
fn publishing_freezes_lines_and_amendments_need_a_reason() {
    let mut t = linked_draft();
    let pid = t
        .app
        .state
        .screens
        .procurements
        .detail
        .as_ref()
        .unwrap()
        .record
        .id;
    t.press("s").type_text("publ").press("enter");
    assert!(matches!(
        t.app.state.modals.last(),
        Some(Modal::Confirm(..))
    ));
    t.press("y");
    assert_eq!(
        t.store().procurement(pid).unwrap().unwrap().value.status,
        Status::Published
    );
    let before = t.store().lines(pid).unwrap()[0].clone();
    t.press("space");
    assert!(t.toast().unwrap().contains("låsta"), "{:?}", t.toast());
    assert_eq!(t.store().lines(pid).unwrap()[0], before, "nothing changed");
    // An amendment without a reason is refused; with one it is saved and logged.
    t.keys("A tab tab tab")
        .type_text("Rättat. ")
        .press("ctrl-s");
    assert_eq!(
        t.form_error(LineField::Reason).as_deref(),
        Some("måste fyllas i")
    );
    // The focus is on the reason now; the edited text is still there.
    t.type_text("Fel ort i texten").press("ctrl-s");
    assert!(!t.modal_open());
    assert!(
        t.store().lines(pid).unwrap()[0]
            .value
            .text
            .sv
            .starts_with("Rättat. ")
    );
    let trail = t
        .store()
        .audit_trail(Some(("procurement_line", &before.id.to_string())), 10)
        .unwrap();
    assert_eq!(trail[0].action, "amend");
}

#[test]
fn a_profile_change_is_shown_before_it_happens() {
    let mut t = linked_draft();
    let pid = t
        .app
        .state
        .screens
        .procurements
        .detail
        .as_ref()
        .unwrap()
        .record
        .id;
    let before = line_ids(&t);
    // Secrecy off: the EU/EEA rules come in, the Sweden rule goes.
    t.press("E")
        .keys("tab tab tab tab tab tab tab tab tab tab tab tab left")
        .press("enter");
    let body = match t.app.state.modals.last() {
        Some(Modal::Confirm(_, c)) => c
            .body
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => panic!("a confirmation"),
    };
    assert!(
        body.contains("+ HOST-03") && body.contains("− HOST-04"),
        "{body}"
    );
    t.press("n");
    assert_eq!(line_ids(&t), before, "no changes on no");
    assert!(
        t.store()
            .procurement(pid)
            .unwrap()
            .unwrap()
            .value
            .profile
            .secrecy
    );
    t.press("E")
        .keys("tab tab tab tab tab tab tab tab tab tab tab tab left")
        .press("enter")
        .press("y");
    let after = line_ids(&t);
    assert!(
        after.contains(&"HOST-03".to_string()) && !after.contains(&"HOST-04".to_string()),
        "{after:?}"
    );
    assert!(
        !t.store()
            .procurement(pid)
            .unwrap()
            .unwrap()
            .value
            .profile
            .secrecy
    );
}

#[test]
fn a_prohibited_ai_risk_class_blocks_publishing() {
    let mut t = TestApp::new(false);
    // AI system, prohibited.
    new_procurement(
        &mut t,
        "KS 9",
        "Förbjudet",
        &[
            &TO_CONFIDENTIALITY[..],
            &["", "", "", "", "", "", "", "s", "f"],
        ]
        .concat(),
    );
    t.press("l").type_text("sub").press("enter");
    // Refused before any question is asked: the reason is shown, there is nothing to confirm.
    t.press("s").type_text("publ").press("enter");
    let body = match t.app.state.modals.last() {
        Some(Modal::Message(m)) => m.body.iter().map(|l| l.to_string()).collect::<String>(),
        other => panic!("a message, not {}", other.is_some()),
    };
    assert!(body.contains("art. 5"), "{body}");
    t.press("y");
    assert_eq!(only_procurement(&t).value.status, Status::Draft);
    t.press("enter");
    assert!(!t.modal_open());
}

#[test]
fn newer_set_versions_show_as_drift_and_are_taken_over_line_by_line() {
    let mut t = TestApp::new(false);
    // An own copy of sub-suppliers, linked, then changed so that version 2 exists.
    t.open_set("sub-suppliers")
        .keys("c")
        .press("tab")
        .type_text("EGEN-SUB")
        .press("enter");
    assert!(t.store().set("egen-sub-suppliers").unwrap().is_some());
    new_procurement(&mut t, "KS 7", "Drift", &[]);
    t.press("l").type_text("egen").press("enter");
    let pid = t
        .app
        .state
        .screens
        .procurements
        .detail
        .as_ref()
        .unwrap()
        .record
        .id;
    let mut set = t.store().set_record("egen-sub-suppliers").unwrap().unwrap();
    let revision = set.requirement_revisions[0];
    let mut changed = set.set.requirements.remove(0);
    changed.text.sv = "Ny lydelse från biblioteket.".into();
    t.app
        .store_mut()
        .write(|tx| {
            let edit = RequirementEdit::Existing {
                id: changed.id.as_str(),
                revision,
            };
            tx.save_requirement("egen-sub-suppliers", edit, &changed)
        })
        .unwrap();
    t.keys("esc 1 3 enter");
    let d = t.app.state.screens.procurements.detail.as_ref().unwrap();
    assert_eq!(d.drift.len(), 1);
    t.keys("v u");
    let lines = t.store().lines(pid).unwrap();
    let line = lines
        .iter()
        .find(|l| l.value.label() == changed.id.as_str())
        .unwrap();
    assert_eq!(line.value.text.sv, "Ny lydelse från biblioteket.");
    assert_eq!(t.store().linked_sets(pid).unwrap()[0].version, "2");
}

#[test]
fn the_palette_finds_and_runs_actions_in_the_current_view() {
    let mut t = TestApp::new(true);
    t.keys("3 :").type_text("ny");
    let labels: Vec<String> = match t.app.state.modals.last() {
        Some(Modal::Palette(p)) => p
            .matches
            .iter()
            .map(|i| p.entries[*i].label.clone())
            .collect(),
        _ => panic!("palette"),
    };
    assert_eq!(labels.first().map(String::as_str), Some("Ny"), "{labels:?}");
    t.press("enter");
    assert!(
        matches!(t.app.state.modals.last(), Some(Modal::Form(..))),
        "the new-procurement form opened"
    );
}

#[test]
fn help_shows_the_keys_of_the_view_and_closes() {
    let mut t = TestApp::new(true);
    t.keys("2 ?");
    let screen = t.screen(120, 40);
    assert!(
        screen.contains("Kopiera till eget paket") && screen.contains("Avsluta"),
        "{screen}"
    );
    t.press("esc");
    assert!(!t.modal_open());
}

#[test]
fn the_language_switches_and_q_quits_but_is_typed_in_forms() {
    let mut t = TestApp::new(true);
    t.press("L");
    assert!(t.screen(120, 40).contains("Dashboard"));
    t.keys("3 n q");
    assert!(!t.app.state.quit);
    match t.app.state.modals.last() {
        Some(Modal::Form(_, f)) => assert_eq!(f.fields[0].raw(), "q"),
        _ => panic!("form"),
    }
    t.keys("esc j q");
    assert!(t.app.state.quit);
    assert_eq!(t.app.state.tab, Tab::Procurements);
}

#[test]
fn a_text_typed_over_several_lines_is_saved_and_shown_with_its_lines() {
    let mut t = TestApp::new(false);
    new_procurement(&mut t, "KS 2026/501", "Radbrytningar", &[]);
    // Kind, titles, then the Swedish text: Enter is a new line there, Ctrl-S saves.
    t.press("a")
        .press("tab")
        .type_text("Eget krav")
        .keys("tab tab")
        .type_text("Första raden")
        .press("enter")
        .type_text("andra raden")
        .press("ctrl-s");
    assert!(!t.modal_open(), "saved");
    let p = only_procurement(&t);
    let lines = t.store().lines(p.id).unwrap();
    assert_eq!(lines[0].value.text.sv, "Första raden\nandra raden");
    let screen = t.screen(120, 40);
    assert!(screen.contains("Första raden "), "{screen}");
    assert!(!screen.contains("Första radenandra"), "{screen}");
    assert!(screen.contains("andra raden"));
}

#[test]
fn typing_on_a_choice_filters_its_options_and_takes_the_only_one_left() {
    let mut t = TestApp::new(false);
    // From the reference to the AI field: title, owner, procedure, deadline, weights' total,
    // scoring, confidentiality, integrity, availability, personal data, processor, secrecy,
    // security.
    t.keys("3 n tab tab tab tab tab tab tab tab tab tab tab tab tab tab");
    let focus = |t: &TestApp| match t.app.state.modals.last() {
        Some(Modal::Form(_, f)) => (f.focus, f.choosing.as_ref().map(|l| l.matches.len())),
        _ => panic!("the form"),
    };
    let (at, _) = focus(&t);
    // "a" begins a word of all three options: the list stays open, filtered.
    t.type_text("a");
    assert_eq!(focus(&t), (at, Some(3)));
    // "ai-s" begins one of them only: it is taken, and the focus moves on.
    t.type_text("i-s");
    assert_eq!(focus(&t), (at + 1, None));
    match t.app.state.modals.last() {
        Some(Modal::Form(_, f)) => assert_eq!(f.fields[at].raw(), "AI-system"),
        _ => panic!("the form"),
    }
}
