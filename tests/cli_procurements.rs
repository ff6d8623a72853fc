//! The command-line twins of one procurement's screen, run as the real binary: `show`,
//! `check` (exit status 1 while something blocks publishing) and `history`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_sandbox;

use cli_sandbox::{Sandbox, stderr};
use kravkoll::clock::Clock;
use kravkoll::domain::{Procedure, Procurement, Profile, Status};
use kravkoll::store::Store;

#[test]
fn show_lists_the_lines_with_their_marks_as_the_screen_does() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let table = s.ok(&["procurements", "show", "KS 2026/118"]);
    assert!(
        table.contains("Verksamhetssystem för socialtjänsten"),
        "{table}"
    );
    let first = table.lines().find(|l| l.contains("LOU-01")).unwrap();
    assert!(first.starts_with('✎'), "the edited line is marked: {first}");
    let json: serde_json::Value =
        serde_json::from_str(&s.ok(&["procurements", "show", "KS 2026/118", "--format", "json"]))
            .unwrap();
    let lines = json["lines"].as_array().unwrap();
    let included = lines.iter().filter(|l| l["included"] == true).count();
    assert_eq!(
        (lines.len(), included),
        (60, 59),
        "one line is left out in the demo"
    );
    assert_eq!(lines[0]["label"], "LOU-01");
    assert_eq!(lines[0]["modified"], true);
    // The number the tender document gives it; the line left out has none.
    assert_eq!(lines[0]["number"], "1.1.1");
    let left_out = lines.iter().find(|l| l["included"] == false).unwrap();
    assert!(left_out["number"].is_null(), "{left_out}");
    assert!(
        table.contains("K3 R3 T2 · känsliga personuppgifter"),
        "{table}"
    );
    assert!(first.contains(" 1.1.1 "), "{first}");
    assert_eq!(json["procurement"]["status"], "draft");
}

#[test]
fn check_lists_warnings_and_exits_0_when_nothing_blocks() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let out = s.run(&["procurements", "check", "KS 2026/118"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Kontrollera innan du publicerar"), "{text}");
    assert!(text.contains("bygger på lag: UPF-09"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&s.ok(&[
        "procurements",
        "check",
        "KS 2026/118",
        "--format",
        "json",
        "--lang",
        "en",
    ]))
    .unwrap();
    assert_eq!(json["publishable"], true);
    assert!(
        json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("rest on a law")),
        "{json}"
    );
}

#[test]
fn check_exits_1_and_says_why_when_something_blocks() {
    let s = Sandbox::new();
    s.ok(&["sets", "list"]);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut store = Store::open(&s.db(), Clock::Fixed(day), "tester").unwrap();
    let p = Procurement {
        reference: "KS 2026/9".into(),
        title: "Tom".into(),
        owner: String::new(),
        procedure: Procedure::Open,
        status: Status::Draft,
        profile: Profile::default(),
        deadline: None,
        published_on: None,
        weight_total: None,
        scoring: Default::default(),
    };
    store.write(|tx| tx.create_procurement(&p)).unwrap();
    drop(store);
    let out = s.run(&["procurements", "check", "KS 2026/9"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("kan inte publiceras") && text.contains("inga krav ingår"),
        "{text}"
    );
    assert!(
        text.contains("ingen ansvarig") && text.contains("ingen sista anbudsdag"),
        "{text}"
    );
}

#[test]
fn history_tells_where_a_line_came_from_and_what_changed() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let text = s.ok(&["procurements", "history", "KS 2026/118", "lou-01"]);
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[1].contains("Hämtat från lou-grund 2026.1"), "{text}");
    assert!(text.contains("kravtexten ändrad"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&s.ok(&[
        "procurements",
        "history",
        "KS 2026/118",
        "LOU-01",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(json.as_array().unwrap().len() >= 2);
    let out = s.run(&["procurements", "history", "KS 2026/118", "NIX-9"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("NIX-9"), "{}", stderr(&out));
    let out = s.run(&["procurements", "show", "KS 1"]);
    assert!(
        stderr(&out).contains("upphandlingen KS 1 finns inte"),
        "{}",
        stderr(&out)
    );
}
