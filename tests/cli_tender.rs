//! The tender from the command line, as a script would run it: a draft from a profile file,
//! publishing after the screen's checks, and the requirement specification written out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_sandbox;

use std::path::Path;

use cli_sandbox::{Sandbox, stderr};

const PROFILE: &str = "tests/fixtures/profiles/c-high-risk-benefits-ai.toml";

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

fn new_draft(s: &Sandbox, reference: &str) -> serde_json::Value {
    json(&s.ok(&[
        "procurements",
        "new",
        reference,
        "--title",
        "AI-stöd för biståndshandläggning",
        "--profile",
        PROFILE,
        "--owner",
        "Johan Berg",
        "--deadline",
        "2027-01-15",
        "--format",
        "json",
    ]))
}

#[test]
fn new_links_the_sets_that_apply_as_the_screen_builds_them() {
    let s = Sandbox::new();
    let made = new_draft(&s, "KS 2026/400");
    let lines = made["lines"].as_u64().unwrap();
    assert!(lines > 50, "{made}");
    let sets: Vec<&str> = made["sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        sets.contains(&"ai-act") && sets.contains(&"lou-grund"),
        "{sets:?}"
    );
    let shown = json(&s.ok(&["procurements", "show", "KS 2026/400", "--format", "json"]));
    assert_eq!(shown["lines"].as_array().unwrap().len() as u64, lines);
    assert_eq!(shown["procurement"]["profile"]["ai_risk"], "high_annex3");
    assert_eq!(shown["procurement"]["deadline"], "2027-01-15");
    // The same reference again is refused, and nothing changes.
    let again = s.run(&[
        "procurements",
        "new",
        "KS 2026/400",
        "--title",
        "X",
        "--profile",
        PROFILE,
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("KS 2026/400"), "{}", stderr(&again));
}

#[test]
fn new_with_named_sets_links_only_those_and_an_unknown_set_leaves_nothing() {
    let s = Sandbox::new();
    let out = s.ok(&[
        "procurements",
        "new",
        "KS 2026/401",
        "--title",
        "Webb",
        "--profile",
        PROFILE,
        "--sets",
        "lou-grund,hosting-location",
    ]);
    assert!(out.starts_with("Skapade KS 2026/401 med "), "{out}");
    assert!(out.trim_end().ends_with("ur 2 kravpaket"), "{out}");
    let bad = s.run(&[
        "procurements",
        "new",
        "KS 2026/402",
        "--title",
        "Webb",
        "--profile",
        PROFILE,
        "--sets",
        "lou-grund,no-such-set",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("no-such-set"), "{}", stderr(&bad));
    let list = s.ok(&["procurements", "list", "--format", "json"]);
    assert!(!list.contains("KS 2026/402"), "{list}");
    let date = s.run(&[
        "procurements",
        "new",
        "KS 2026/403",
        "--title",
        "Webb",
        "--profile",
        PROFILE,
        "--deadline",
        "2027-02-30",
    ]);
    assert_eq!(date.status.code(), Some(1));
    assert!(
        stderr(&date).contains("2027-02-30 finns inte i kalendern"),
        "{}",
        stderr(&date)
    );
}

#[test]
fn publish_refuses_on_warnings_until_yes_and_always_on_blockers() {
    let s = Sandbox::new();
    s.ok(&[
        "procurements",
        "new",
        "KS 2026/404",
        "--title",
        "Utan ansvarig",
        "--profile",
        PROFILE,
    ]);
    let first = s.run(&["procurements", "publish", "KS 2026/404"]);
    assert_eq!(first.status.code(), Some(1));
    let said = String::from_utf8(first.stdout).unwrap();
    assert!(said.contains("Kontrollera innan du publicerar"), "{said}");
    assert!(said.contains("--yes"), "{said}");
    let status = json(&s.ok(&["procurements", "show", "KS 2026/404", "--format", "json"]));
    assert_eq!(status["procurement"]["status"], "draft");

    let report = json(&s.ok(&[
        "procurements",
        "publish",
        "KS 2026/404",
        "--yes",
        "--format",
        "json",
    ]));
    assert_eq!(report["published"], true);
    assert!(!report["warnings"].as_array().unwrap().is_empty());
    let status = json(&s.ok(&["procurements", "show", "KS 2026/404", "--format", "json"]));
    assert_eq!(status["procurement"]["status"], "published");

    // An empty draft is blocked: --yes does not help.
    s.ok(&[
        "procurements",
        "new",
        "KS 2026/405",
        "--title",
        "Tom",
        "--profile",
        PROFILE,
        "--sets",
        "",
    ]);
    let blocked = s.run(&["procurements", "publish", "KS 2026/405", "--yes"]);
    assert_eq!(blocked.status.code(), Some(1));
    let said = String::from_utf8(blocked.stdout).unwrap();
    assert!(said.contains("Upphandlingen kan inte publiceras"), "{said}");
}

fn export(s: &Sandbox, args: &[&str]) -> std::process::Output {
    let mut all = vec!["procurements", "export"];
    all.extend_from_slice(args);
    s.command(&all).current_dir(s.dir.path()).output().unwrap()
}

#[test]
fn export_names_the_file_after_the_reference_and_never_overwrites_without_force() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let out = export(&s, &["KS 2026/118", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = s.dir.path().join("KS-2026-118-kravspecifikation.json");
    let said = String::from_utf8(out.stdout).unwrap();
    assert_eq!(said.trim(), "Sparade KS-2026-118-kravspecifikation.json");
    let doc = json(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(doc["schema"], "kravkoll.tender/1");
    assert_eq!(doc["cover"]["draft"], true);

    std::fs::write(&file, "mine").unwrap();
    let refused = export(&s, &["KS 2026/118", "--format", "json"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    let forced = export(&s, &["KS 2026/118", "--format", "json", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_ne!(std::fs::read_to_string(&file).unwrap(), "mine");

    let en = export(&s, &["2", "--format", "csv", "--lang", "en", "--internal"]);
    assert!(en.status.success(), "{}", stderr(&en));
    let name = String::from_utf8(en.stdout).unwrap();
    assert!(
        name.contains("-requirement-specification-internal.csv"),
        "{name}"
    );
}

#[test]
fn export_to_a_missing_directory_fails_with_the_reason_and_writes_nothing() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let target = s.dir.path().join("no/such/dir/x.md");
    let out = export(
        &s,
        &[
            "KS 2026/87",
            "--format",
            "json",
            "--out",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("finns inte"), "{}", stderr(&out));
    assert!(!Path::new(&target).exists());
    let leftovers: Vec<_> = std::fs::read_dir(s.dir.path()).unwrap().collect();
    assert!(
        leftovers.len() <= 4,
        "no temporary file is left: {leftovers:?}"
    );
    let unknown = export(&s, &["KS 1999/1", "--format", "json"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("KS 1999/1"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn the_organisation_in_the_settings_is_on_the_cover() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    std::fs::create_dir_all(s.settings_file().parent().unwrap()).unwrap();
    std::fs::write(
        s.settings_file(),
        "organisation = \"Exempelstads kommun\"\n",
    )
    .unwrap();
    let out = export(&s, &["KS 2026/87", "--format", "json", "--out", "doc.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = json(&std::fs::read_to_string(s.dir.path().join("doc.json")).unwrap());
    assert_eq!(doc["cover"]["organisation"], "Exempelstads kommun");
    assert_eq!(doc["lang"], "sv");
}
