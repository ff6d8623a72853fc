//! `see`, `[[date]]` and `applies_from` in the Library tab: imported through the form, checked
//! against the library, and shown in the detail of a requirement and of a set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestApp;
use kravkoll::domain::Lang;
use kravkoll::store::prelude::*;
use kravkoll::tui::screens::library::{PathField, ReqField};
use kravkoll::tui::state::Modal;
use kravkoll::tui::widgets::form::FieldId;

const DATA: &str = r#"format = 1
id = "data"
version = "2026.1"
title = { sv = "Data", en = "Data" }

[[requirement]]
id = "ZDATA-10"
kind = "contract"
title = { sv = "Export", en = "Export" }
text = { sv = "Leverantören ska lämna ut data.", en = "The supplier shall hand over data." }
"#;

fn ai_file() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reference_sets/ai.toml"
    );
    std::fs::read_to_string(path).unwrap()
}

/// An app with the sets `data` and `ai` imported through the import form.
fn imported(lang: Lang) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut t = TestApp::with_lang(false, lang);
    t.keys("2");
    for (name, text) in [("data.toml", DATA.to_string()), ("ai.toml", ai_file())] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        t.press("i")
            .type_text(path.to_str().unwrap())
            .press("enter");
        assert!(
            !t.modal_open(),
            "{name}: {:?}",
            t.form_error(PathField::Path)
        );
    }
    (t, dir)
}

#[test]
fn the_requirement_detail_shows_see_also_and_applies_from() {
    let (mut t, _dir) = imported(Lang::Sv);
    t.open_set("ai").press("enter");
    let screen = t.screen(200, 40);
    assert!(screen.contains("Se även: ZDATA-10"), "{screen}");
    assert!(
        screen.contains("Gäller från 2027-12-02 (Krav på AI-system med hög risk)"),
        "{screen}"
    );
    let (mut t, _dir) = imported(Lang::En);
    t.open_set("ai").press("enter");
    let screen = t.screen(200, 40);
    assert!(screen.contains("See also: ZDATA-10"), "{screen}");
    assert!(
        screen.contains("Applies from 2027-12-02 (Requirements on high-risk AI systems)"),
        "{screen}"
    );
}

#[test]
fn an_applies_from_in_another_set_is_found_in_the_library() {
    let (mut t, dir) = imported(Lang::Sv);
    let other = DATA
        .replace("\"data\"", "\"other\"")
        .replace("ZDATA-10", "OTHER-01")
        .replace(
            "title = { sv = \"Export\"",
            "applies_from = \"zz-high-risk\"\nsee = [\"ZAI-20\", \"ZDATA-10\"]\ntitle = { sv = \"Export\"",
        );
    let path = dir.path().join("other.toml");
    std::fs::write(&path, other).unwrap();
    t.press("i")
        .type_text(path.to_str().unwrap())
        .press("enter");
    assert!(!t.modal_open(), "{:?}", t.form_error(PathField::Path));
    t.open_set("other").press("enter");
    let screen = t.screen(200, 40);
    assert!(screen.contains("Se även: ZAI-20, ZDATA-10"), "{screen}");
    assert!(screen.contains("Gäller från 2027-12-02"), "{screen}");
    let dates = t.store().key_dates().unwrap();
    let ours: Vec<&str> = dates
        .iter()
        .filter(|(_, d)| d.key.as_str() == "zz-high-risk")
        .map(|(set, _)| set.as_str())
        .collect();
    assert_eq!(ours, ["ai"]);
}

#[test]
fn an_import_with_an_unknown_see_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = TestApp::new(false);
    let path = dir.path().join("ai.toml");
    std::fs::write(&path, ai_file()).unwrap();
    t.keys("2 i")
        .type_text(path.to_str().unwrap())
        .press("enter");
    let error = t.form_error(PathField::Path).unwrap();
    assert!(error.contains("ZDATA-10"), "{error}");
    assert!(error.contains(":18:"), "{error}");
    assert!(t.store().set("ai").unwrap().is_none());
}

#[test]
fn the_set_detail_lists_its_key_dates() {
    let (mut t, _dir) = imported(Lang::Sv);
    t.open_set("ai");
    let lib = &t.app.state.screens.library;
    let set = lib.current_set().unwrap().clone();
    let text: Vec<String> =
        kravkoll::tui::screens::library::view::set_text(&set, Lang::Sv, &t.app.theme)
            .iter()
            .map(ToString::to_string)
            .collect();
    assert!(text.contains(&"Tillämpningsdatum".to_string()), "{text:?}");
    assert!(
        text.contains(&"2027-12-02 – Krav på AI-system med hög risk".to_string()),
        "{text:?}"
    );
}

#[test]
fn an_edit_through_the_form_keeps_the_references() {
    let (mut t, _dir) = imported(Lang::Sv);
    t.open_set("ai").keys("tab e");
    let title_at = match t.app.state.modals.last() {
        Some(Modal::Form(_, f)) => f
            .fields
            .iter()
            .position(|f| f.id == FieldId::of(ReqField::TitleSv))
            .unwrap(),
        _ => panic!("no form"),
    };
    for _ in 0..title_at {
        t.press("tab");
    }
    t.press("end").type_text(" nu").press("ctrl-s");
    assert!(!t.modal_open(), "{:?}", t.form_error(ReqField::TitleSv));
    let set = t.store().set("ai").unwrap().unwrap();
    let r = &set.requirements[0];
    assert_eq!(r.title.sv, "Loggning nu");
    assert_eq!(r.see[0].as_str(), "ZDATA-10");
    assert_eq!(r.applies_from.as_ref().unwrap().as_str(), "zz-high-risk");
    assert_eq!(set.dates.len(), 1);
}
