//! Publishing and what follows, through the real key table on an in-memory store: the check
//! list before the question (what blocks is said and nothing is asked; what may be overlooked
//! is listed and acknowledged by the yes), a published procurement refusing the editing keys
//! before any editor opens, amendments of the procurement itself, and a line's history.
//! Snapshots: the check list, the drift view of a locally edited line, the folded header.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::{TestApp, draft, today};
use kravkoll::domain::requirement::RequirementId;
use kravkoll::domain::set::SetId;
use kravkoll::domain::{Kind, Lang, Line, PersonalData, Profile, Status, Text};
use kravkoll::store::custom_sets::RequirementEdit;
use kravkoll::store::prelude::*;
use kravkoll::tui::screens::procurements::ProcField;
use kravkoll::tui::state::Modal;
use kravkoll::tui::theme::Theme;

fn profile() -> Profile {
    Profile {
        personal_data: PersonalData::Sensitive,
        ..Profile::default()
    }
}

fn status(t: &TestApp) -> Status {
    t.store()
        .procurement(t.detail().record.id)
        .unwrap()
        .unwrap()
        .value
        .status
}

/// `s`, then the published status picked by typing.
fn ask_to_publish(t: &mut TestApp) {
    t.press("s").type_text("publ").press("enter");
}

fn is_message(t: &TestApp) -> bool {
    matches!(t.app.state.modals.last(), Some(Modal::Message(_)))
}

/// Saves a changed line straight to the store (what no form lets the officer do), then reads
/// the view again as Ctrl-R would.
fn store_line(t: &mut TestApp, index: usize, change: impl FnOnce(&mut Line)) {
    let rec = t.stored_lines()[index].clone();
    let mut l = rec.value.clone();
    change(&mut l);
    t.app
        .store_mut()
        .write(|tx| tx.update_line(rec.id, rec.revision, &l))
        .unwrap();
    t.press("ctrl-r");
}

#[test]
fn nothing_to_publish_is_said_and_nothing_is_asked() {
    let mut t = TestApp::new(false);
    t.open_draft(&draft("KS 1", profile()), &[]);
    ask_to_publish(&mut t);
    assert!(is_message(&t), "a message, not a question");
    assert!(t.dialog().unwrap().contains("inga krav ingår"));
    t.press("j");
    assert_eq!(status(&t), Status::Draft, "j answers nothing here");
    t.press("enter");
    assert!(!t.modal_open());
}

#[test]
fn a_mandatory_line_without_text_blocks_publishing_by_its_id() {
    let mut t = TestApp::new(false);
    t.open_draft(&draft("KS 2", profile()), &["personal-data"]);
    let index = t
        .stored_lines()
        .iter()
        .position(|l| l.value.kind == Kind::Mandatory)
        .unwrap();
    let id = t.stored_lines()[index].value.label();
    store_line(&mut t, index, |l| l.text = Text::default());
    ask_to_publish(&mut t);
    assert!(is_message(&t));
    let body = t.dialog().unwrap();
    assert!(
        body.contains(&id) && body.contains("utan kravtext"),
        "{body}"
    );
}

#[test]
fn a_prohibited_ai_risk_class_is_refused_before_the_question() {
    let mut t = TestApp::new(false);
    let p = Profile {
        ai: kravkoll::domain::AiUse::System,
        ai_risk: kravkoll::domain::AiRisk::Prohibited,
        ..profile()
    };
    t.open_draft(&draft("KS 3", p), &["sub-suppliers"]);
    ask_to_publish(&mut t);
    assert!(is_message(&t));
    assert!(t.dialog().unwrap().contains("art. 5"));
    t.press("y");
    assert_eq!(status(&t), Status::Draft);
}

/// A draft with everything an officer may overlook: no owner, a passed deadline, a law line
/// left out, an evaluated line without a weight, weights not adding up to the stated total,
/// and a linked set with a newer version not taken over.
fn overlooked(t: &mut TestApp) -> (String, String) {
    let mut set = t.store().set("sub-suppliers").unwrap().unwrap();
    set.id = SetId::parse("egen-sub").unwrap();
    for r in &mut set.requirements {
        let id = r.id.as_str().replace("SUB-", "EGEN-SUB-");
        r.id = RequirementId::parse(&id).unwrap();
    }
    t.app.store_mut().write(|tx| tx.create_set(&set)).unwrap();
    let mut p = draft("KS 4", profile());
    p.owner = String::new();
    p.deadline = Some(today() - Duration::days(3));
    p.weight_total = Some(100);
    t.open_draft(&p, &["personal-data", "egen-sub"]);
    let law = t.stored_lines()[0].value.label();
    t.keys("space enter");
    let unweighted = t.stored_lines()[1].value.label();
    store_line(t, 1, |l| {
        l.kind = Kind::Evaluated;
        l.weight = None;
    });
    store_line(t, 2, |l| {
        l.kind = Kind::Evaluated;
        l.weight = Some(30);
    });
    let rec = t.store().set_record("egen-sub").unwrap().unwrap();
    let mut r = rec.set.requirements[0].clone();
    r.text = Text::sv("Ny lydelse.");
    let edit = RequirementEdit::Existing {
        id: r.id.as_str(),
        revision: rec.requirement_revisions[0],
    };
    t.app
        .store_mut()
        .write(|tx| tx.save_requirement("egen-sub", edit, &r))
        .unwrap();
    t.press("ctrl-r");
    (law, unweighted)
}

#[test]
fn every_warning_is_listed_on_one_screen_and_the_yes_acknowledges_them() {
    let mut t = TestApp::new(false);
    let (law, unweighted) = overlooked(&mut t);
    ask_to_publish(&mut t);
    assert!(matches!(
        t.app.state.modals.last(),
        Some(Modal::Confirm(..))
    ));
    let body = t.dialog().unwrap();
    for said in [
        "sista anbudsdag 2026-11-19 har passerat",
        "ingen ansvarig",
        "egen-sub",
        "har en nyare version",
        &format!("utelämnade krav som bygger på lag: {law}"),
        &format!("bör-krav utan vikt: {unweighted}"),
        "vikterna summerar till 30, inte till angivna 100",
        "Publicera?",
    ] {
        assert!(body.contains(said), "{said:?} missing from:\n{body}");
    }
    insta::assert_snapshot!("publish_check_list_120x40_sv", t.screen(120, 40));
    // No leaves it a draft; j publishes with the warnings acknowledged.
    t.press("n");
    assert_eq!(status(&t), Status::Draft);
    ask_to_publish(&mut t);
    t.press("j");
    assert_eq!(status(&t), Status::Published);
}

#[test]
fn the_check_list_in_english() {
    let mut t = TestApp::with_lang(false, Lang::En);
    overlooked(&mut t);
    t.press("s").type_text("publ").press("enter");
    let body = t.dialog().unwrap();
    assert!(
        body.contains("the tender deadline 2026-11-19 has passed"),
        "{body}"
    );
    insta::assert_snapshot!("publish_check_list_120x40_en", t.screen(120, 40));
}

#[test]
fn no_deadline_is_a_warning() {
    let mut t = TestApp::new(false);
    let mut p = draft("KS 5", profile());
    p.deadline = None;
    t.open_draft(&p, &["personal-data"]);
    ask_to_publish(&mut t);
    assert!(t.dialog().unwrap().contains("ingen sista anbudsdag"));
}

fn published(t: &mut TestApp) -> i64 {
    let id = t.open_draft(&draft("KS 6", profile()), &["personal-data"]);
    ask_to_publish(t);
    t.press("j");
    assert_eq!(status(t), Status::Published);
    id
}

#[test]
fn a_published_procurement_refuses_the_editing_keys_before_any_editor_opens() {
    let mut t = TestApp::new(false);
    let id = published(&mut t);
    let before = t.store().lines(id).unwrap();
    for key in [
        "e", "t", "w", "a", "space", "K", "J", "l", "m", "b", "U", "i",
    ] {
        t.press(key);
        assert!(!t.modal_open(), "{key} opened something");
        let toast = t.toast().unwrap_or_default();
        assert!(
            toast.contains("låsta") && toast.contains("(A)"),
            "{key}: {toast}"
        );
    }
    assert_eq!(t.store().lines(id).unwrap(), before, "nothing changed");
    let screen = t.screen(120, 40);
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("A ") && footer.contains("E "), "{footer}");
    assert!(!footer.contains("Länka"), "{footer}");
}

#[test]
fn changing_the_deadline_of_a_published_procurement_is_an_amendment_with_a_reason() {
    let mut t = TestApp::new(false);
    let id = published(&mut t);
    let new = (today() + Duration::days(45)).to_string();
    // Reason, reference, title, owner, deadline.
    t.press("E").keys("tab tab tab tab ctrl-u").type_text(&new);
    t.press("enter");
    assert!(
        t.form_error(ProcField::AmendReason).is_some(),
        "a reason is asked for"
    );
    t.type_text("Frågor från anbudsgivare").press("enter");
    assert!(!t.modal_open());
    let p = t.store().procurement(id).unwrap().unwrap().value;
    assert_eq!(p.deadline.unwrap().to_string(), new);
    assert_eq!(p.status, Status::Published);
    let amendments = t.store().amendments(id).unwrap();
    assert_eq!(amendments.len(), 1);
    assert_eq!(amendments[0].reason, "Frågor från anbudsgivare");
    assert_eq!(amendments[0].line_id, None);
    assert_eq!(amendments[0].actor, "tester");
    // A deadline in the past is refused even as an amendment.
    t.press("E").type_text("Fel");
    t.keys("tab tab tab tab ctrl-u")
        .type_text("2020-01-01")
        .press("enter");
    assert!(
        t.form_error(ProcField::Deadline)
            .unwrap()
            .contains("passerat")
    );
}

#[test]
fn an_amended_line_is_marked_and_its_history_tells_who_when_and_why() {
    let mut t = TestApp::new(false);
    published(&mut t);
    t.press("A").type_text("Felaktig hänvisning");
    t.keys("tab tab tab").type_text("Rättad. ").press("ctrl-s");
    assert!(!t.modal_open());
    let screen = t.screen(120, 40);
    assert!(screen.contains("⚑"), "{screen}");
    t.press("h");
    let history = &t.detail().history;
    let last = history.last().unwrap();
    assert!(
        last.what.contains("Rättelse: Felaktig hänvisning"),
        "{history:?}"
    );
    assert!(last.what.contains("kravtexten ändrad"), "{history:?}");
    assert_eq!(last.actor, "tester");
    // When, to the minute (the trail's clock is the wall clock, also in tests).
    assert!(
        last.at.len() == 16 && last.at.as_bytes()[10] == b' ',
        "{}",
        last.at
    );
    assert!(history[0].what.starts_with("Hämtat från personal-data"));
    assert!(t.screen(120, 40).contains("Historik"));
}

#[test]
fn the_header_folds_to_one_row_at_80x24_so_the_list_keeps_ten_rows() {
    for lang in Lang::ALL {
        let mut t = TestApp::with_lang(false, lang);
        let sets: Vec<String> = t
            .store()
            .sets()
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert!(sets.len() >= 12, "{sets:?}");
        let sets: Vec<&str> = sets.iter().map(String::as_str).take(12).collect();
        let mut p = draft("KS 2026/777", profile());
        p.title = "Plattform för e-tjänster med många kravpaket".into();
        t.open_draft(&p, &sets);
        let screen = t.screen(80, 24);
        let rows: Vec<&str> = screen.lines().collect();
        let top = rows
            .iter()
            .position(|l| l.contains("┌ Krav") || l.contains("┌ Lines"))
            .unwrap();
        let bottom = top
            + 1
            + rows[top + 1..]
                .iter()
                .position(|l| l.contains('└'))
                .unwrap();
        let list_rows = bottom - top - 1;
        assert!(list_rows >= 10, "{list_rows} list rows:\n{screen}");
        insta::assert_snapshot!(format!("folded_header_80x24_{}", lang.code()), screen);
        t.press("H");
        let open = t.screen(80, 24);
        // The whole header names the linked sets that the folded one only counts.
        let named = |screen: &str| sets.iter().filter(|s| screen.contains(*s)).count();
        assert_eq!(named(&screen), 0, "{screen}");
        assert!(named(&open) >= 6, "{open}");
    }
}

#[test]
fn the_drift_view_of_a_locally_edited_line_without_colour() {
    let mut t = TestApp::new(false);
    t.app.theme = Theme::new(true);
    let mut set = t.store().set("sub-suppliers").unwrap().unwrap();
    set.id = SetId::parse("egen-sub").unwrap();
    for r in &mut set.requirements {
        let id = r.id.as_str().replace("SUB-", "EGEN-SUB-");
        r.id = RequirementId::parse(&id).unwrap();
    }
    let first = set.requirements[0].clone();
    t.app.store_mut().write(|tx| tx.create_set(&set)).unwrap();
    t.open_draft(&draft("KS 8", profile()), &["egen-sub"]);
    t.select_line(first.id.as_str()).keys("e tab tab");
    t.type_text("Skärpt: ").press("ctrl-s");
    let rec = t.store().set_record("egen-sub").unwrap().unwrap();
    let mut r = rec.set.requirements[0].clone();
    r.text.sv = first
        .text
        .sv
        .replacen("fullständig ", "", 1)
        .replacen("alla led", "varje led", 1);
    let edit = RequirementEdit::Existing {
        id: r.id.as_str(),
        revision: rec.requirement_revisions[0],
    };
    t.app
        .store_mut()
        .write(|tx| tx.save_requirement("egen-sub", edit, &r))
        .unwrap();
    t.keys("ctrl-r v");
    let screen = t.screen(120, 40);
    assert!(screen.contains("[-fullständig-]"), "{screen}");
    assert!(
        screen.contains("[-alla-]") && screen.contains("{+varje+}"),
        "{screen}"
    );
    assert!(screen.contains("Din text i upphandlingen"), "{screen}");
    insta::assert_snapshot!("drift_local_edit_120x40_sv", screen);
}
