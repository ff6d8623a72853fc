//! Every screen and meaningful state drawn into a test terminal: snapshots at 80×24 and
//! 120×40 in Swedish and English, style facts read from the buffer, and a sweep over every size
//! from 1×1 to 120×40 that must never panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestApp;
use kravkoll::domain::Lang;
use kravkoll::store::custom_sets::RequirementEdit;
use kravkoll::store::prelude::*;
use kravkoll::tui::App;
use kravkoll::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

/// A named state and how to reach it from the dashboard of the demo data.
struct State {
    name: &'static str,
    reach: fn(&mut TestApp),
}

fn draft(t: &mut TestApp) {
    // The list is newest first: the case-management draft is the third row.
    t.keys("3 j j enter");
}

/// A draft whose own set has a newer version, in the drift view.
fn drift(t: &mut TestApp) {
    t.open_set("sub-suppliers")
        .keys("c")
        .press("tab")
        .type_text("EGEN-SUB")
        .press("enter");
    t.keys("3 j j j enter l").type_text("egen").press("enter");
    let mut set = t.store().set_record("egen-sub-suppliers").unwrap().unwrap();
    let revision = set.requirement_revisions[0];
    let mut changed = set.set.requirements.remove(0);
    changed.text.sv = "Leverantören ska lämna förteckningen i köparens mall.".into();
    changed.text.en = "The supplier shall provide the list in the buyer's template.".into();
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
    t.keys("esc enter v");
}

const STATES: &[State] = &[
    State {
        name: "dashboard",
        reach: |_| {},
    },
    State {
        name: "library",
        reach: |t| {
            t.keys("2");
        },
    },
    State {
        name: "library_detail",
        reach: |t| {
            t.keys("2 tab j enter");
        },
    },
    State {
        name: "library_search",
        reach: |t| {
            t.keys("2 /").type_text("underlev");
        },
    },
    State {
        name: "library_kind_filter",
        reach: |t| {
            t.keys("2 tab f f");
        },
    },
    State {
        name: "procurements",
        reach: |t| {
            t.keys("3");
        },
    },
    State {
        name: "procurement_draft",
        reach: draft,
    },
    State {
        name: "procurement_published",
        reach: |t| {
            t.keys("3 j enter");
        },
    },
    State {
        name: "procurement_drift",
        reach: drift,
    },
    State {
        name: "procurement_form",
        reach: |t| {
            t.keys("3 n").type_text("KS 2026/301");
        },
    },
    State {
        name: "procurement_form_profile",
        reach: |t| {
            t.keys("3 n tab tab tab tab tab tab tab tab tab tab tab tab tab");
        },
    },
    State {
        name: "link_picker",
        reach: |t| {
            draft(t);
            t.press("l");
        },
    },
    State {
        name: "publish_confirm",
        reach: |t| {
            draft(t);
            t.keys("s enter");
        },
    },
    State {
        name: "export_dialog",
        reach: |t| {
            draft(t);
            t.press("x");
        },
    },
    State {
        name: "toast",
        reach: |t| {
            draft(t);
            t.press("space");
        },
    },
    State {
        name: "help",
        reach: |t| {
            t.keys("2 ?");
        },
    },
    State {
        name: "palette",
        reach: |t| {
            t.keys("3 :");
        },
    },
    State {
        name: "suppliers",
        reach: |t| {
            t.keys("4");
        },
    },
    State {
        name: "reviews",
        reach: |t| {
            t.keys("5");
        },
    },
];

fn app_in(state: &State, lang: Lang) -> TestApp {
    let mut t = TestApp::with_lang(true, lang);
    (state.reach)(&mut t);
    t
}

#[test]
fn every_screen_at_80x24_and_120x40_in_both_languages() {
    for state in STATES {
        for lang in Lang::ALL {
            let t = app_in(state, lang);
            for (w, h) in [(80, 24), (120, 40)] {
                let name = format!("{}_{w}x{h}_{}", state.name, lang.code());
                insta::assert_snapshot!(name, t.screen(w, h));
            }
        }
    }
}

#[test]
fn a_terminal_below_80x24_gets_a_notice() {
    let t = TestApp::new(true);
    insta::assert_snapshot!("too_small_79x24_sv", t.screen(79, 24));
    assert!(t.screen(79, 24).contains("80×24"));
    assert!(!t.screen(80, 24).contains("80×24"));
}

fn cells(t: &Terminal<TestBackend>) -> Vec<(String, ratatui::style::Style)> {
    let buf = t.backend().buffer();
    buf.content()
        .iter()
        .map(|c| (c.symbol().to_string(), c.style()))
        .collect()
}

#[test]
fn the_selected_row_and_excluded_lines_are_styled() {
    let mut t = TestApp::new(true);
    draft(&mut t);
    // The first line rests on a law: the reason is asked for, and may stay empty.
    t.press("space").press("enter");
    let term = t.terminal(120, 40);
    let buf = term.backend().buffer();
    // The first line is selected and excluded: reverse-coloured and crossed out.
    let row = (0..40)
        .find(|y| {
            (0..60)
                .map(|x| buf[(x, *y)].symbol())
                .collect::<String>()
                .contains("✗1")
        })
        .expect("the excluded first line is drawn");
    let cell = &buf[(5, row)];
    assert_eq!(cell.bg, Color::Blue, "selected");
    assert!(cell.modifier.contains(Modifier::CROSSED_OUT), "excluded");
    let other = (0..40)
        .find(|y| {
            (0..60)
                .map(|x| buf[(x, *y)].symbol())
                .collect::<String>()
                .contains(" 2 ")
        })
        .unwrap();
    assert_eq!(
        buf[(5, other)].bg,
        Color::Reset,
        "unselected rows have no background"
    );
}

#[test]
fn no_color_draws_no_colours() {
    for state in STATES {
        let mut t = app_in(state, Lang::Sv);
        t.app.theme = Theme::new(true);
        let term = t.terminal(120, 40);
        for (symbol, style) in cells(&term) {
            let plain = |c: Option<Color>| c.is_none() || c == Some(Color::Reset);
            assert!(
                plain(style.fg) && plain(style.bg),
                "{}: '{symbol}' has {style:?}",
                state.name
            );
        }
    }
}

fn draw_all_sizes(app: &App) {
    let mut term = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for w in 1..=120 {
        for h in 1..=40 {
            term.backend_mut().resize(w, h);
            term.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
            term.draw(|f| app.draw(f)).unwrap();
        }
    }
}

#[test]
fn every_screen_draws_at_every_size_from_1x1_to_120x40() {
    for state in STATES {
        let t = app_in(state, Lang::Sv);
        draw_all_sizes(&t.app);
    }
}
