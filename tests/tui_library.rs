//! The Library tab driven through its real key table on an in-memory store: search, filters,
//! own sets edited through forms, set files imported and exported through forms.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestApp;
use kravkoll::domain::Kind;
use kravkoll::store::prelude::*;
use kravkoll::tui::screens::library::{PathField, ReqField};
use kravkoll::tui::state::Modal;
use kravkoll::tui::widgets::form::FieldId;

#[test]
fn the_library_searches_filters_and_jumps() {
    let mut t = TestApp::new(false);
    t.keys("2 /").type_text("underlev");
    let hits: Vec<String> = t
        .app
        .state
        .screens
        .library
        .search
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|h| h.requirement_id.clone())
        .collect();
    assert!(
        hits.len() >= 5 && hits.iter().take(5).all(|h| h.starts_with("SUB-")),
        "{hits:?}"
    );
    t.press("enter");
    let lib = &t.app.state.screens.library;
    assert!(lib.search.is_none());
    assert_eq!(lib.selected_requirement().unwrap().id.as_str(), hits[0]);
    // Kind filter: contract terms only.
    t.keys("esc esc f f f f");
    let set = t.app.state.screens.library.current_set().cloned().unwrap();
    let shown: Vec<Kind> = t
        .app
        .state
        .screens
        .library
        .shown
        .iter()
        .map(|i| set.requirements[*i].kind)
        .collect();
    assert!(
        !shown.is_empty() && shown.iter().all(|k| *k == Kind::ContractTerm),
        "{shown:?}"
    );
    t.press("f");
    assert_eq!(
        t.app.state.screens.library.shown.len(),
        set.requirements.len()
    );
    // Tag filter.
    t.press("t").type_text("secrecy").press("enter");
    assert_eq!(
        t.app.state.screens.library.tag_filter.as_deref(),
        Some("secrecy")
    );
    let n = t.app.state.screens.library.shown.len();
    assert!(n > 0 && n < set.requirements.len());
}

#[test]
fn built_in_sets_are_read_only_and_copies_are_editable() {
    let mut t = TestApp::new(false);
    t.open_set("hosting-location").keys("e");
    assert!(
        t.toast().unwrap().contains("c"),
        "hint to copy: {:?}",
        t.toast()
    );
    assert!(!t.modal_open());
    t.press("c").press("tab").type_text("VAR").press("enter");
    let copy = t.store().set("egen-hosting-location").unwrap().unwrap();
    assert_eq!(copy.requirements[0].id.as_str(), "VAR-01");
    // A new requirement in the copy; a wrong applies_when is refused on that field.
    t.keys("tab n");
    let form_fields = match t.app.state.modals.last() {
        Some(Modal::Form(_, f)) => f.fields.iter().map(|f| f.id).collect::<Vec<_>>(),
        _ => panic!("form"),
    };
    let to = |key: ReqField| {
        form_fields
            .iter()
            .position(|k| *k == FieldId::of(key))
            .unwrap()
    };
    let mut keys = String::new();
    for _ in 0..to(ReqField::TitleSv) {
        keys.push_str("tab ");
    }
    t.keys(&keys)
        .type_text("Eget krav")
        .press("tab")
        .press("tab")
        .type_text("Leverantören ska göra något.");
    for _ in to(ReqField::TextSv)..to(ReqField::AppliesWhen) {
        t.press("tab");
    }
    t.type_text("{ secrecy = \"ja\" }").press("ctrl-s");
    let error = t.form_error(ReqField::AppliesWhen).unwrap();
    assert!(error.contains("sanningsvärde"), "{error}");
    t.press("ctrl-u")
        .type_text("{ secrecy = true }")
        .press("ctrl-s");
    assert!(!t.modal_open(), "{:?}", t.form_error(ReqField::Id));
    let copy = t.store().set("egen-hosting-location").unwrap().unwrap();
    let added = copy.requirements.last().unwrap();
    // The next number after the copied set's own: hosting-location has HOST-01 … HOST-14.
    let original = t.store().set("hosting-location").unwrap().unwrap();
    assert_eq!(
        added.id.as_str(),
        format!("VAR-{:02}", original.requirements.len() + 1)
    );
    assert!(added.applies_when.clauses()[0].secrecy == Some(true));
    // Delete it again.
    t.keys("G d y");
    assert_eq!(
        t.store()
            .set("egen-hosting-location")
            .unwrap()
            .unwrap()
            .requirements
            .len(),
        t.store()
            .set("hosting-location")
            .unwrap()
            .unwrap()
            .requirements
            .len()
    );
}

#[test]
fn sets_are_imported_and_exported_through_forms() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hosting.toml");
    let mut t = TestApp::new(false);
    t.open_set("hosting-location")
        .keys("x ctrl-u")
        .type_text(out.to_str().unwrap())
        .press("enter");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("HOST-01"));
    t.keys("x ctrl-u")
        .type_text(out.to_str().unwrap())
        .press("enter");
    assert!(
        t.form_error(PathField::Path)
            .unwrap()
            .contains("finns redan")
    );
    // The typed path is a change: leaving the form asks first.
    t.press("esc").press("j");
    let own = text
        .replace("id = \"hosting-location\"", "id = \"import-test\"")
        .replace("\"HOST-", "\"IMP-");
    let file = dir.path().join("own.toml");
    std::fs::write(&file, own).unwrap();
    t.press("i")
        .type_text(file.to_str().unwrap())
        .press("enter");
    assert!(!t.modal_open());
    assert_eq!(
        t.store()
            .set("import-test")
            .unwrap()
            .unwrap()
            .requirements
            .len(),
        t.store()
            .set("hosting-location")
            .unwrap()
            .unwrap()
            .requirements
            .len()
    );
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "format = 2\n").unwrap();
    t.press("i").type_text(bad.to_str().unwrap()).press("enter");
    assert!(t.form_error(PathField::Path).unwrap().contains("format"));
}
