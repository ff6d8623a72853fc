//! Exporting a procurement's requirement specification from the interactive program, through
//! the real key table on the demo data: `x` opens the dialog, the format is chosen by typing,
//! the job (run inline here) writes the file, and the toast names it or says why not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::TestApp;
use kravkoll::tui::action::Action;
use kravkoll::tui::screens::procurements::ExportField;
use kravkoll::tui::state::Modal;
use kravkoll::tui::widgets::modal::ToastKind;

const PUBLISHED: &str = "KS 2026/87";
const DRAFT: &str = "KS 2026/118";

/// The Procurements tab with `reference` open, found by moving down the list as a user would.
fn open(t: &mut TestApp, reference: &str) {
    t.keys("3 g");
    let at = t
        .app
        .state
        .screens
        .procurements
        .list
        .iter()
        .position(|p| p.reference == reference)
        .unwrap_or_else(|| panic!("{reference} is not listed"));
    for _ in 0..at {
        t.press("j");
    }
    t.press("enter");
    assert_eq!(t.detail().record.value.reference, reference);
}

/// What the open dialog's file field holds.
fn file_field(t: &TestApp) -> String {
    match t.app.state.modals.last() {
        Some(Modal::Form(_, f)) => f.field(ExportField::File).unwrap().raw(),
        _ => panic!("no dialog is open"),
    }
}

/// `x`, the format by its first letter, then `path` typed over the proposed file name; the
/// replace field is set to yes when `replace`. Enter starts the export.
fn export(t: &mut TestApp, format: &str, path: &Path, replace: bool) {
    t.press("x");
    assert!(t.modal_open(), "x opens the dialog");
    // The format is taken by its first letter and the focus moves on to the language.
    t.type_text(format);
    t.keys("tab tab ctrl-u").type_text(path.to_str().unwrap());
    if replace {
        t.press("tab").type_text("j");
    }
    t.press("enter");
}

/// The reason an export was refused: the dialog is back, with the file as it was typed and
/// the reason on it.
fn refusal(t: &TestApp, typed: &Path) -> Option<String> {
    match t.app.state.modals.last() {
        Some(Modal::Form(_, f)) => {
            let file = f.field(ExportField::File).unwrap();
            assert_eq!(
                file.raw(),
                typed.to_str().unwrap(),
                "the typed file is kept"
            );
            file.error.clone()
        }
        _ => None,
    }
}

fn error_toast(t: &TestApp) -> Option<String> {
    let toast = t.app.state.toast.as_ref()?;
    (toast.kind == ToastKind::Error).then(|| toast.text.clone())
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_published_and_a_draft_procurement_are_written_as_json_and_the_toast_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("settings.toml");
    std::fs::write(&settings, "organisation = \"Exempelstads kommun\"\n").unwrap();
    let mut t = TestApp::new(true);
    t.app.remember_language(settings);
    for (reference, draft) in [(PUBLISHED, false), (DRAFT, true)] {
        open(&mut t, reference);
        let out = dir
            .path()
            .join(format!("{}.json", reference.replace([' ', '/'], "-")));
        export(&mut t, "j", &out, false);
        assert!(!t.modal_open(), "the dialog closes when the export starts");
        assert_eq!(error_toast(&t), None);
        let doc = json(&out);
        assert_eq!(doc["schema"], "kravkoll.tender/1");
        assert_eq!(doc["cover"]["reference"], reference);
        assert_eq!(doc["cover"]["draft"], draft, "a draft is marked as one");
        assert_eq!(doc["cover"]["organisation"], "Exempelstads kommun");
        assert_eq!(doc["lang"], "sv");
        assert_eq!(doc["internal"], false);
        let toast = t.toast().unwrap();
        assert_eq!(toast, format!("Sparad: {}", out.display()));
        t.press("esc");
    }
}

#[test]
fn an_existing_file_is_refused_unless_replace_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ks87.json");
    std::fs::write(&out, "someone else's file").unwrap();
    let mut t = TestApp::new(true);
    open(&mut t, PUBLISHED);
    export(&mut t, "j", &out, false);
    let said = refusal(&t, &out).expect("the dialog back with the reason");
    assert!(said.contains(out.to_str().unwrap()), "{said}");
    assert!(said.contains("finns redan"), "{said}");
    assert!(said.contains("Ersätt befintlig fil"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "someone else's file"
    );
    // In the dialog that came back: replace, and send it again.
    t.press("tab").type_text("j");
    t.press("enter");
    assert!(!t.modal_open());
    assert_eq!(error_toast(&t), None);
    assert_eq!(json(&out)["cover"]["reference"], PUBLISHED);
    assert!(t.toast().unwrap().contains(out.to_str().unwrap()));
}

#[test]
fn the_proposed_file_name_follows_the_choices_until_it_is_edited() {
    let mut t = TestApp::new(true);
    open(&mut t, DRAFT);
    t.press("x");
    assert_eq!(file_field(&t), "KS-2026-118-kravspecifikation.docx");
    t.type_text("c");
    assert_eq!(file_field(&t), "KS-2026-118-kravspecifikation.csv");
    // Focus is on the language now: English, then the internal variant.
    t.type_text("e");
    assert_eq!(file_field(&t), "KS-2026-118-requirement-specification.csv");
    t.type_text("j");
    assert_eq!(
        file_field(&t),
        "KS-2026-118-requirement-specification-internal.csv"
    );
    // The focus is on the file now: what is typed there is the user's and stays.
    t.press("ctrl-u").type_text("granskning.csv");
    t.keys("shift-tab shift-tab shift-tab").type_text("m");
    assert_eq!(file_field(&t), "granskning.csv");
    // The typed name is a change: leaving asks first, and n goes back to the dialog.
    t.press("esc");
    t.press("n");
    assert!(t.modal_open());
    t.keys("esc j");
    assert!(!t.modal_open(), "the dialog is closed, nothing written");
    // An untouched dialog closes at once.
    t.keys("x esc");
    assert!(!t.modal_open());
}

#[test]
fn a_missing_directory_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("saknas/ks118.csv");
    let mut t = TestApp::new(true);
    open(&mut t, DRAFT);
    export(&mut t, "c", &out, false);
    let said = refusal(&t, &out).expect("the dialog back with the reason");
    assert!(
        said.contains(dir.path().join("saknas").to_str().unwrap()),
        "{said}"
    );
    assert!(said.contains("finns inte"), "{said}");
    assert!(!dir.path().join("saknas").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn csv_and_pdf_are_written_in_english_or_pdf_names_its_package() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = TestApp::with_lang(true, kravkoll::domain::Lang::En);
    open(&mut t, DRAFT);
    let csv = dir.path().join("ks118.csv");
    export(&mut t, "c", &csv, false);
    assert_eq!(t.toast().unwrap(), format!("Saved: {}", csv.display()));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("LOU-01"), "{text}");
    let pdf = dir.path().join("ks118.pdf");
    export(&mut t, "p", &pdf, false);
    if kravkoll::export::pdf::available() {
        assert_eq!(t.toast().unwrap(), format!("Saved: {}", pdf.display()));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    } else {
        assert!(
            std::env::var_os("KRAVKOLL_REQUIRE_CLIENTS").is_none(),
            "PDF needs libreoffice-writer-nogui"
        );
        let said = refusal(&t, &pdf).expect("the dialog back with the reason");
        assert!(said.contains("libreoffice-writer-nogui"), "{said}");
        assert!(!pdf.exists());
    }
}

#[test]
fn x_is_in_the_key_table_for_drafts_and_published_procurements() {
    let mut t = TestApp::new(true);
    for reference in [DRAFT, PUBLISHED] {
        open(&mut t, reference);
        let footer = t.screen(120, 40);
        let last = footer.lines().last().unwrap().to_string();
        assert!(last.contains("x Exportera"), "{reference}: {last}");
        // Help lists what `visible` gives for the chain; the palette offers the same.
        let shown = kravkoll::tui::keymap::visible(&t.app.chain());
        assert!(
            shown
                .iter()
                .any(|b| b.action == Action::ExportDocument && b.keys == ["x"]),
            "{reference}"
        );
        t.press(":").type_text("exportera");
        assert!(t.screen(120, 40).contains("Exportera"), "{reference}");
        t.press("enter");
        assert!(
            matches!(t.app.state.modals.last(), Some(Modal::Form(..))),
            "the palette opens the dialog"
        );
        t.keys("esc esc");
    }
}
