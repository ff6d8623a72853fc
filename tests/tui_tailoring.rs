//! Tailoring a draft through the real key table, on an in-memory store: nothing the officer
//! wrote is replaced without asking (taking over library text, leaving a form), own lines keep
//! their numbers, and the keys that save keystrokes (build from the profile, several sets at
//! once, unlink, requirements that do not apply, move to a place, the line filter) do what
//! they say in the store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, draft};
use kravkoll::domain::requirement::RequirementId;
use kravkoll::domain::set::SetId;
use kravkoll::domain::{
    AiRisk, AiUse, ClassLevel, Kind, PersonalData, Profile, RequirementSet, Text,
};
use kravkoll::store::custom_sets::RequirementEdit;
use kravkoll::store::prelude::*;
use kravkoll::tui::screens::procurements::View;
use kravkoll::tui::state::Modal;

fn sensitive() -> Profile {
    Profile {
        confidentiality: ClassLevel::new(3).unwrap(),
        personal_data: PersonalData::Sensitive,
        secrecy: true,
        ..Profile::default()
    }
}

fn high_risk_ai() -> Profile {
    Profile {
        ai: AiUse::System,
        ai_risk: AiRisk::HighAnnex3,
        automated_decisions: true,
        ..sensitive()
    }
}

/// An own copy of sub-suppliers (ids `EGEN-SUB-…`), so that the test can make a version 2.
fn own_copy(t: &mut TestApp) -> RequirementSet {
    let mut set = t.store().set("sub-suppliers").unwrap().unwrap();
    set.id = SetId::parse("egen-sub").unwrap();
    for r in &mut set.requirements {
        let id = r.id.as_str().replace("SUB-", "EGEN-SUB-");
        r.id = RequirementId::parse(&id).unwrap();
    }
    t.app.store_mut().write(|tx| tx.create_set(&set)).unwrap();
    set
}

/// Version 2 of the own copy: its first requirement says `text`.
fn change_library(t: &mut TestApp, text: &str) -> String {
    let rec = t.store().set_record("egen-sub").unwrap().unwrap();
    let mut r = rec.set.requirements[0].clone();
    r.text = Text::new(text, "New wording.");
    let edit = RequirementEdit::Existing {
        id: r.id.as_str(),
        revision: rec.requirement_revisions[0],
    };
    t.app
        .store_mut()
        .write(|tx| tx.save_requirement("egen-sub", edit, &r))
        .unwrap();
    r.id.to_string()
}

fn picker_entries(t: &TestApp) -> Vec<(String, bool)> {
    match t.app.state.modals.last() {
        Some(Modal::Pick(p)) => p
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let ticked = p.ticks.as_ref().is_some_and(|t| t[i]);
                (format!("{} {}", e.label, e.detail), ticked)
            })
            .collect(),
        _ => panic!("a picker is open"),
    }
}

#[test]
fn taking_over_a_library_change_to_an_edited_line_asks_first() {
    let mut t = TestApp::new(false);
    own_copy(&mut t);
    t.open_draft(&draft("KS 1", sensitive()), &["egen-sub"]);
    let first = t.detail().lines[0].value.label();
    // The officer sharpens the first line, then the library changes the same requirement.
    t.select_line(&first).press("e").keys("tab tab");
    t.type_text("Vår skärpning. ").press("ctrl-s");
    let local = t.stored_lines()[0].value.text.sv.clone();
    assert!(local.starts_with("Vår skärpning. "), "{local}");
    change_library(&mut t, "Bibliotekets nya lydelse.");
    t.keys("ctrl-r v");
    assert_eq!(t.detail().view, View::Drift);
    let screen = t.screen(120, 40);
    assert!(screen.contains("ändrat av dig"), "{screen}");
    // u asks; Esc (or Cancel) leaves the line as the officer wrote it.
    t.press("u");
    let choices = picker_entries(&t);
    assert_eq!(choices.len(), 3, "{choices:?}");
    t.press("esc");
    assert_eq!(t.stored_lines()[0].value.text.sv, local);
    t.keys("u").type_text("Avbryt").press("enter");
    assert_eq!(t.stored_lines()[0].value.text.sv, local);
    // Keep the local text: it stays, and the line now follows version 2.
    t.keys("u").type_text("Behåll").press("enter");
    let line = t.stored_lines()[0].clone();
    assert_eq!(line.value.text.sv, local);
    let now = t
        .store()
        .set("egen-sub")
        .unwrap()
        .unwrap()
        .version
        .to_string();
    assert_eq!(line.value.source.as_ref().unwrap().version, now);
    assert!(t.detail().drift.is_empty(), "nothing left to take over");
}

#[test]
fn the_library_text_replaces_a_local_edit_only_on_request_and_the_edit_stays_in_the_trail() {
    let mut t = TestApp::new(false);
    own_copy(&mut t);
    t.open_draft(&draft("KS 2", sensitive()), &["egen-sub"]);
    t.keys("e tab tab")
        .type_text("Lokal text. ")
        .press("ctrl-s");
    assert!(t.stored_lines()[0].value.modified);
    change_library(&mut t, "Bibliotekets nya lydelse.");
    t.keys("ctrl-r v u").type_text("Ta bib").press("enter");
    let line = t.stored_lines()[0].clone();
    assert_eq!(line.value.text.sv, "Bibliotekets nya lydelse.");
    assert!(!line.value.modified);
    let trail = t
        .store()
        .audit_trail(Some(("procurement_line", &line.id.to_string())), 5)
        .unwrap();
    assert_eq!(trail[0].action, "take-over");
    let before = trail[0].before.as_ref().unwrap().to_string();
    assert!(before.contains("Lokal text."), "{before}");
}

#[test]
fn a_taken_over_removal_says_removed() {
    let mut t = TestApp::new(false);
    own_copy(&mut t);
    t.open_draft(&draft("KS 3", sensitive()), &["egen-sub"]);
    let rec = t.store().set_record("egen-sub").unwrap().unwrap();
    let gone = rec.set.requirements[0].id.to_string();
    t.app
        .store_mut()
        .write(|tx| tx.delete_requirement("egen-sub", &gone, rec.requirement_revisions[0]))
        .unwrap();
    t.keys("ctrl-r v");
    assert!(t.screen(120, 40).contains("borttaget"));
    t.press("u");
    let toast = t.toast().unwrap();
    assert!(
        toast.contains("borttaget") && !toast.contains("uppdaterat"),
        "{toast}"
    );
    let line = t
        .stored_lines()
        .into_iter()
        .find(|l| l.value.label() == gone)
        .unwrap();
    assert!(!line.value.included);
}

#[test]
fn esc_on_a_changed_form_asks_and_a_long_text_survives_a_no() {
    let mut t = TestApp::new(false);
    t.open_draft(&draft("KS 4", sensitive()), &["hosting-location"]);
    let long = "Leverantören ska redovisa var data lagras. ".repeat(95);
    assert!(long.chars().count() > 4_000);
    t.keys("e tab tab").paste(&long).press("esc");
    assert!(matches!(
        t.app.state.modals.last(),
        Some(Modal::Form(_, f)) if f.asking_discard
    ));
    // No: the form and the text are as they were.
    t.press("n");
    let kept = match t.app.state.modals.last() {
        Some(Modal::Form(_, f)) => f.fields[2].raw(),
        _ => panic!("the form is still open"),
    };
    assert!(kept.contains(long.trim()), "the text is kept");
    t.press("ctrl-s");
    assert!(t.stored_lines()[0].value.text.sv.contains(long.trim()));
    // An untouched form closes at once.
    t.keys("e esc");
    assert!(!t.modal_open());
}

#[test]
fn own_lines_keep_their_number_when_moved_and_numbers_are_never_reused() {
    let mut t = TestApp::new(false);
    t.open_draft(&draft("KS 5", sensitive()), &["hosting-location"]);
    let add = |t: &mut TestApp, title: &str| {
        t.keys("a tab").type_text(title).keys("tab tab");
        t.type_text("Kravtext.").press("ctrl-s");
        assert!(!t.modal_open(), "saved");
    };
    add(&mut t, "Första egna");
    add(&mut t, "Andra egna");
    let own: Vec<(String, u32)> = t
        .stored_lines()
        .iter()
        .filter(|l| l.value.source.is_none())
        .map(|l| (l.value.label(), l.value.position))
        .collect();
    assert_eq!(own[0].0, "EGEN-1");
    assert_eq!(own[1].0, "EGEN-2");
    // Moved to the top, EGEN-2 is still EGEN-2; its place in the tender is 1.
    t.select_line("EGEN-2")
        .press("m")
        .press("ctrl-u")
        .type_text("1")
        .press("enter");
    let top = t.stored_lines()[0].value.clone();
    assert_eq!((top.label(), top.position), ("EGEN-2".to_string(), 1));
    add(&mut t, "Tredje egna");
    let labels: Vec<String> = t.stored_lines().iter().map(|l| l.value.label()).collect();
    assert!(labels.contains(&"EGEN-3".to_string()), "{labels:?}");
}

#[test]
fn building_from_the_profile_links_every_applying_set_after_a_preview() {
    let mut t = TestApp::new(false);
    t.open_draft(&draft("KS 6", high_risk_ai()), &[]);
    let applying: Vec<String> = t
        .store()
        .set_previews(t.detail().record.id)
        .unwrap()
        .into_iter()
        .filter(|s| s.would_add > 0)
        .map(|s| s.set_id)
        .collect();
    assert!(applying.contains(&"ai-act".to_string()), "{applying:?}");
    t.press("b");
    let preview = picker_entries(&t);
    assert_eq!(preview.len(), applying.len(), "{preview:?}");
    assert!(preview.iter().all(|(_, ticked)| *ticked), "all ticked");
    assert!(
        preview
            .iter()
            .all(|(label, _)| label.contains("krav gäller")),
        "each says how many apply: {preview:?}"
    );
    // Untick the first set, link the rest in one step.
    let left_out = applying[0].clone();
    t.keys("space enter");
    let linked: Vec<String> = t
        .store()
        .linked_sets(t.detail().record.id)
        .unwrap()
        .into_iter()
        .map(|l| l.set_id)
        .collect();
    assert_eq!(linked.len(), applying.len() - 1, "{linked:?}");
    assert!(!linked.contains(&left_out));
    assert!(t.toast().unwrap().contains("kravpaket länkades"));
}

#[test]
fn several_sets_are_ticked_with_space_and_linked_at_once() {
    let mut t = TestApp::new(false);
    t.open_draft(&draft("KS 7", sensitive()), &[]);
    t.press("l");
    let entries = picker_entries(&t);
    assert!(
        entries[0].0.contains('●'),
        "applying sets first: {entries:?}"
    );
    t.keys("space j space enter");
    assert_eq!(
        t.store().linked_sets(t.detail().record.id).unwrap().len(),
        2
    );
    // With nothing ticked, Enter links the set under the cursor.
    t.keys("l enter");
    assert_eq!(
        t.store().linked_sets(t.detail().record.id).unwrap().len(),
        3
    );
}

#[test]
fn unlinking_a_set_names_the_edited_lines_and_removes_its_lines_on_yes() {
    let mut t = TestApp::new(false);
    t.open_draft(
        &draft("KS 8", sensitive()),
        &["hosting-location", "sub-suppliers"],
    );
    let host = t
        .stored_lines()
        .into_iter()
        .find(|l| l.value.source.as_ref().unwrap().set_id == "hosting-location")
        .unwrap()
        .value
        .label();
    t.select_line(&host)
        .keys("e tab tab")
        .type_text("Ändrad. ")
        .press("ctrl-s");
    t.press("U").type_text("hosting").press("enter");
    let body = t.dialog().unwrap();
    assert!(body.contains(&host), "the edited line is named: {body}");
    t.press("n");
    assert!(t.stored_lines().iter().any(|l| l.value.label() == host));
    t.press("U").type_text("hosting").press("enter").press("j");
    let lines = t.stored_lines();
    assert!(
        lines
            .iter()
            .all(|l| l.value.source.as_ref().unwrap().set_id == "sub-suppliers")
    );
    assert_eq!(
        t.store().linked_sets(t.detail().record.id).unwrap().len(),
        1
    );
}

#[test]
fn a_requirement_that_does_not_apply_is_shown_with_why_and_added_with_a_reason() {
    let mut t = TestApp::new(false);
    t.open_draft(&draft("KS 9", sensitive()), &["hosting-location"]);
    t.press("i");
    let not = t.detail().not_applied.clone().unwrap();
    assert!(!not.is_empty());
    let id = not[0].requirement.id.to_string();
    t.select_line(&id);
    assert!(t.screen(120, 40).contains("Gäller inte för profilen"));
    // The reason is required.
    t.press("space").press("enter");
    assert!(t.modal_open());
    t.type_text("Nämnden vill ha kravet ändå").press("enter");
    assert!(!t.modal_open());
    let line = t
        .stored_lines()
        .into_iter()
        .find(|l| l.value.label() == id)
        .expect("added");
    t.press("i");
    t.select_line(&id).press("h");
    let history: Vec<String> = t.detail().history.iter().map(|e| e.what.clone()).collect();
    assert!(
        history
            .iter()
            .any(|h| h.contains("Nämnden vill ha kravet ändå")),
        "{history:?}"
    );
    assert!(line.value.included);
}

#[test]
fn the_line_filter_finds_by_id_and_text_and_n_steps_through_matches() {
    let mut t = TestApp::new(false);
    t.open_draft(
        &draft("KS 10", sensitive()),
        &["hosting-location", "sub-suppliers"],
    );
    let total = t.detail().rows.len();
    t.press("/").type_text("HOST-04");
    assert_eq!(t.detail().rows.len(), 1);
    t.keys("ctrl-u").type_text("underleverantör");
    let n = t.detail().rows.len();
    assert!(n > 1 && n < total, "{n} of {total}");
    t.press("enter");
    let first = t.detail().cursor.current();
    t.press("n");
    assert_ne!(t.detail().cursor.current(), first);
    t.press("N");
    assert_eq!(t.detail().cursor.current(), first);
    t.press("esc");
    assert_eq!(t.detail().rows.len(), total, "Esc clears the filter");
    assert!(t.detail().filter.is_none());
}

#[test]
fn a_weight_is_for_evaluated_lines_only_and_a_kind_change_says_what_it_dropped() {
    let mut t = TestApp::new(false);
    t.open_draft(&draft("KS 11", sensitive()), &["hosting-location"]);
    let label = t.stored_lines()[1].value.label();
    t.select_line(&label).press("w");
    assert!(!t.modal_open(), "no weight form for a mandatory line");
    assert!(t.toast().unwrap().contains("bör-krav"));
    t.press("t").type_text("bör").press("enter");
    let line = t.stored_lines()[1].value.clone();
    assert_eq!(line.kind, Kind::Evaluated);
    assert!(line.modified, "a kind change is a change from the library");
    assert!(line.weight.is_some());
    t.press("t").type_text("ska-").press("enter");
    assert_eq!(t.stored_lines()[1].value.weight, None);
    assert!(t.toast().unwrap().contains("vikten"), "{:?}", t.toast());
}

#[test]
fn excluding_a_line_that_rests_on_a_law_asks_why_and_the_history_says_it() {
    let mut t = TestApp::new(false);
    t.open_draft(&draft("KS 12", sensitive()), &["personal-data"]);
    let line = t.stored_lines()[0].clone();
    assert!(kravkoll::domain::publish::rests_on_law(&line.value));
    t.press("space")
        .type_text("Täcks av PUB-avtalet")
        .press("enter");
    let saved = t.stored_lines()[0].value.clone();
    assert_eq!(saved.exclusion.as_deref(), Some("Täcks av PUB-avtalet"));
    t.press("h");
    let history: Vec<String> = t.detail().history.iter().map(|e| e.what.clone()).collect();
    assert!(
        history[0].starts_with("Hämtat från personal-data"),
        "{history:?}"
    );
    assert!(
        history
            .iter()
            .any(|h| h.contains("utelämnat: Täcks av PUB-avtalet")),
        "{history:?}"
    );
    assert!(
        t.detail().history.iter().all(|e| e.actor == "tester"),
        "the trail names who"
    );
    // Space again takes it back in, without a question.
    t.press("space");
    assert!(t.stored_lines()[0].value.included);
}
