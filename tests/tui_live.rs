//! The interactive program beside another process on the same database file: it notices what
//! the other one saved and shows it, refuses to overwrite what the other one changed (and says
//! which key reloads), and reads each screen only when it is first shown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, file_store};
use kravkoll::domain::{RequirementSet, SetId, SetVersion, Text};
use kravkoll::store::prelude::*;

fn own_set(id: &str) -> RequirementSet {
    RequirementSet {
        id: SetId::parse(id).unwrap(),
        version: SetVersion::parse("1").unwrap(),
        title: Text::sv("Andra terminalens paket"),
        description: Text::default(),
        sources: Vec::new(),
        dates: Vec::new(),
        requirements: Vec::new(),
    }
}

#[test]
fn a_set_saved_by_another_process_shows_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("delad.db");
    let mut t = TestApp::on_file(&db, false);
    t.keys("2");
    let before = t.app.state.screens.library.sets.len();
    let mut other = file_store(&db, false);
    other
        .write(|tx| tx.create_set(&own_set("andra-terminalen")))
        .unwrap();
    assert!(
        t.app.notice_changes(),
        "the change by the other connection is noticed"
    );
    let sets = &t.app.state.screens.library.sets;
    assert_eq!(sets.len(), before + 1);
    assert!(sets.iter().any(|s| s.id == "andra-terminalen"));
    let screen = t.screen(120, 40);
    assert!(screen.contains("Andra terminalens"), "{screen}");
    assert!(!t.app.notice_changes(), "nothing new the second time");
}

#[test]
fn a_screen_not_shown_is_read_when_it_is_shown_after_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("delad.db");
    let mut t = TestApp::on_file(&db, true);
    assert!(
        t.app.state.screens.procurements.list.is_empty(),
        "the procurement list is not read at start"
    );
    t.keys("3");
    let n = t.app.state.screens.procurements.list.len();
    assert!(n > 0);
    t.keys("1");
    let mut other = file_store(&db, true);
    let mut p = other
        .procurement(t.app.state.screens.procurements.list[0].id)
        .unwrap()
        .unwrap()
        .value;
    p.reference = "KS 2026/999".into();
    p.status = kravkoll::domain::Status::Draft;
    p.deadline = None;
    other.write(|tx| tx.create_procurement(&p)).unwrap();
    t.app.notice_changes();
    t.keys("3");
    assert_eq!(t.app.state.screens.procurements.list.len(), n + 1);
    assert!(t.screen(120, 40).contains("KS 2026/999"));
}

#[test]
fn a_line_changed_by_another_process_is_not_overwritten_and_the_reload_key_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("delad.db");
    let mut t = TestApp::on_file(&db, true);
    // The case-management draft, its first line.
    t.keys("3 j j enter");
    let detail = t.app.state.screens.procurements.detail.as_ref().unwrap();
    let line = detail.lines[0].clone();
    // Another terminal edits the same line and saves first.
    let mut other = file_store(&db, true);
    let mut theirs = line.value.clone();
    theirs.edit_text(Text::sv("Den andra terminalens text."));
    other
        .write(|tx| tx.update_line(line.id, line.revision, &theirs))
        .unwrap();
    // This terminal still shows the old revision and excludes the line (it rests on LOU, so
    // the reason is asked for first).
    t.press("space").press("enter");
    let toast = t.toast().unwrap();
    assert!(toast.contains("Ctrl-R"), "{toast}");
    let id = line.value.label();
    assert!(
        toast.starts_with(&format!("Kravraden {id} har ändrats av någon annan")),
        "a sentence naming the line: {toast}"
    );
    let saved = other.lines(detail_id(&t)).unwrap();
    let now = saved.iter().find(|l| l.id == line.id).unwrap();
    assert_eq!(now.value.text.sv, "Den andra terminalens text.");
    assert!(now.value.included, "the refused write changed nothing");
    // The view was read again: it shows the other terminal's text, not the stale one.
    let shown = &t
        .app
        .state
        .screens
        .procurements
        .detail
        .as_ref()
        .unwrap()
        .lines[0];
    assert_eq!(shown.revision, now.revision);
}

#[test]
fn an_edit_refused_as_stale_keeps_the_form_and_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("delad.db");
    let mut t = TestApp::on_file(&db, true);
    t.keys("3 j j enter");
    let line = t.detail().lines[0].clone();
    t.press("e").press("end").type_text(" – min ändring");
    let mut other = file_store(&db, true);
    let mut theirs = line.value.clone();
    theirs.edit_text(Text::sv("Den andra terminalens text."));
    other
        .write(|tx| tx.update_line(line.id, line.revision, &theirs))
        .unwrap();
    t.press("enter");
    assert!(t.toast().unwrap().starts_with("Kravraden"));
    assert!(t.modal_open(), "the form stays open");
    let screen = t.screen(120, 40);
    assert!(screen.contains("– min ändring"), "{screen}");
    let now = other.lines(detail_id(&t)).unwrap();
    let now = now.iter().find(|l| l.id == line.id).unwrap();
    assert_eq!(now.value.text.sv, "Den andra terminalens text.");
}

fn detail_id(t: &TestApp) -> i64 {
    t.app
        .state
        .screens
        .procurements
        .detail
        .as_ref()
        .unwrap()
        .record
        .id
}

#[test]
fn terminal_codes_in_stored_text_never_reach_the_screen() {
    // A title written by an older version, or by another tool, straight into the database.
    let mut t = TestApp::new(false);
    let mut set = own_set("koder");
    set.title = Text::sv("Rubrik\u{1b}]0;kapat\u{7}\u{1b}[2J\u{202e}slut");
    t.app.store_mut().write(|tx| tx.create_set(&set)).unwrap();
    t.keys("2 G");
    let term = t.terminal(120, 40);
    let cells: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(cells.contains("Rubrik"), "the set is on the screen");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!cells.contains(bad), "{bad:?} reached the screen");
    }
}
