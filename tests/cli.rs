//! The command line, run as the real binary on a database in a temporary directory.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod cli_sandbox;

use cli_sandbox::{Sandbox, stderr};

#[test]
fn demo_then_lists_show_sets_and_procurements() {
    let s = Sandbox::new();
    let loaded = s.ok(&["demo"]);
    assert!(loaded.contains("Exempeldata inlagd"), "{loaded}");

    let sets = s.ok(&["sets", "list"]);
    assert!(sets.contains("hosting-location"), "{sets}");
    assert!(sets.contains("sub-suppliers"), "{sets}");
    assert!(sets.contains("inbyggd"), "{sets}");

    let json = s.ok(&["procurements", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    let mut statuses: Vec<&str> = list.iter().map(|p| p["status"].as_str().unwrap()).collect();
    statuses.sort();
    assert_eq!(statuses, vec!["awarded", "draft", "published"]);
    assert!(
        list.iter().all(|p| p["lines"].as_i64().unwrap() > 0),
        "{json}"
    );
    assert!(list.iter().any(|p| p["reference"] == "KS 2026/87"));

    let table = s.ok(&["procurements", "list", "--lang", "en"]);
    assert!(table.starts_with("Reference"), "{table}");
    assert!(table.contains("published"), "{table}");

    let again = s.run(&["demo"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("innehåller redan data"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn validating_the_built_in_sets_passes() {
    let s = Sandbox::new();
    let files: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("requirement-sets"))
            .unwrap()
            .map(|e| e.unwrap().path())
            // The files of the library, not the folder of an earlier published version.
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .map(|p| p.display().to_string())
            .collect();
    let mut args = vec!["sets", "validate"];
    args.extend(files.iter().map(String::as_str));
    let out = s.ok(&args);
    assert!(out.contains("filer är giltiga"), "{out}");
    assert!(!s.db().exists(), "validate does not touch the database");
}

#[test]
fn an_invalid_set_file_names_file_line_column_and_field() {
    let s = Sandbox::new();
    let bad = s.dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "format = 1\nid = \"bad\"\nversion = \"1\"\ntitle = { sv = \"Dåligt\" }\n\n[[requirement]]\nid = \"BAD-01\"\nkind = \"maybe\"\ntitle = { sv = \"T\" }\ntext = { sv = \"X\" }\n",
    )
    .unwrap();
    let out = s.run(&["sets", "validate", bad.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad.toml:8:8: requirement[1].kind"), "{err}");
}

#[test]
fn usage_errors_exit_2_and_no_command_lists_the_commands() {
    let s = Sandbox::new();
    assert_eq!(s.run(&["sets", "frobnicate"]).status.code(), Some(2));
    assert_eq!(s.run(&["--lang", "de"]).status.code(), Some(2));
    let help = s.ok(&[]);
    assert!(help.contains("procurements"), "{help}");
    assert!(help.contains("demo"), "{help}");
}

#[test]
fn a_newer_database_is_refused_and_unchanged() {
    let s = Sandbox::new();
    s.ok(&["sets", "list"]);
    {
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        conn.pragma_update(None, "user_version", 42).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(s.db()).unwrap();
    let out = s.run(&["procurements", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nyare kravkoll"), "{}", stderr(&out));
    assert_eq!(std::fs::read(s.db()).unwrap(), before);
}

#[test]
fn export_then_import_as_an_own_set() {
    let s = Sandbox::new();
    let file = s.dir.path().join("hosting.toml");
    s.ok(&[
        "sets",
        "export",
        "hosting-location",
        "--out",
        file.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("id = \"HOST-01\""), "{text}");

    let refused = s.run(&["sets", "import", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("inbyggda"),
        "{}",
        stderr(&refused)
    );

    let own = text
        .replace("id = \"hosting-location\"", "id = \"var-lagringsplats\"")
        .replace("\"HOST-", "\"VHOST-");
    std::fs::write(&file, own).unwrap();
    let imported = s.ok(&["sets", "import", file.to_str().unwrap()]);
    assert!(imported.contains("var-lagringsplats"), "{imported}");
    let list = s.ok(&["sets", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    let mine = v
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "var-lagringsplats")
        .unwrap();
    assert_eq!(mine["origin"], "custom");
    let shown = s.ok(&["sets", "show", "var-lagringsplats"]);
    assert!(shown.contains("VHOST-01"), "{shown}");
}

#[test]
fn backup_copies_the_database() {
    let s = Sandbox::new();
    s.ok(&["demo"]);
    let copy = s.dir.path().join("copy.db");
    s.ok(&["backup", copy.to_str().unwrap()]);
    let out = Command::new(env!("CARGO_BIN_EXE_kravkoll"))
        .args(["procurements", "list", "--format", "json"])
        .env("KRAVKOLL_DB", &copy)
        .env("KRAVKOLL_TODAY", "2026-11-22")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    let twice = s.run(&["backup", copy.to_str().unwrap()]);
    assert_eq!(
        twice.status.code(),
        Some(1),
        "an existing file is not overwritten"
    );
}

/// Kills `demo` at many moments; whatever moment, the database opens and holds either all of
/// the demo or none of it.
#[test]
fn killing_demo_at_any_moment_leaves_whole_changes() {
    let mut seen_none = false;
    let mut seen_all = false;
    // Later and later kills until one comes after the demo has finished by itself, so the run
    // covers the whole demo however slow or busy the machine is.
    for attempt in 0..400u64 {
        let s = Sandbox::new();
        let mut child = s
            .command(&["demo"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay_ms = attempt * attempt / 4 + attempt * 3;
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        let json = s.ok(&["procurements", "list", "--format", "json"]);
        let n = serde_json::from_str::<serde_json::Value>(&json)
            .unwrap()
            .as_array()
            .unwrap()
            .len();
        assert!(n == 0 || n == 3, "after {delay_ms} ms: {n} procurements");
        seen_none |= n == 0;
        seen_all |= n == 3;
        let conn = rusqlite::Connection::open(s.db()).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let orphans: i64 = conn
            .query_row(
                "SELECT count(*) FROM review WHERE contract_id NOT IN (SELECT id FROM contract)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
        if finished {
            break;
        }
    }
    assert!(
        seen_none && seen_all,
        "the kills should hit both before and after the commit"
    );
}

// ---- Output safety, files on disk, limits and logging (issue 9: data 4, 8, 9, 10, 11; shell 7)

const EVIL_TITLE: &str =
    "Lagring\u{1b}]0;kapad\u{7}\u{1b}[2J\u{1b}[31m\u{9b}1m\u{202e}gnirts\u{2066}";

/// True when `bytes` could make a terminal act or reorder text: ESC, BEL, any other C0 but
/// newline and tab, DEL, C1 (as characters or as raw bytes) and the bidi controls.
fn unsafe_for_a_terminal(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    if text.contains('\u{fffd}') {
        return Some("bytes that are not UTF-8".into());
    }
    text.chars()
        .find(|&c| kravkoll::sanitize::is_unsafe(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

fn assert_terminal_safe(what: &str, o: &Output) {
    for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        if let Some(found) = unsafe_for_a_terminal(bytes) {
            panic!(
                "{what}: {stream} holds {found}:\n{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

/// A set as an older kravkoll could have stored it, before the validator refused such text.
fn store_evil_set(s: &Sandbox) {
    use kravkoll::domain::{Kind, RequirementId, RequirementSet, SetId, SetVersion, Text};
    s.ok(&["sets", "list"]);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut store =
        kravkoll::store::Store::open(&s.db(), kravkoll::clock::Clock::Fixed(day), "tester")
            .unwrap();
    let requirement = kravkoll::domain::Requirement {
        id: RequirementId::parse("EVIL-01").unwrap(),
        kind: Kind::Mandatory,
        level: None,
        title: Text::new(EVIL_TITLE, EVIL_TITLE),
        text: Text::new(EVIL_TITLE, ""),
        rationale: Text::default(),
        basis: vec![EVIL_TITLE.to_string()],
        applies_when: Default::default(),
        evidence: Text::default(),
        follow_up: Text::default(),
        weight: None,
        risk: None,
        see: Vec::new(),
        applies_from: None,
        tags: Vec::new(),
    };
    let set = RequirementSet {
        id: SetId::parse("evil-set").unwrap(),
        version: SetVersion::parse("1").unwrap(),
        title: Text::new(EVIL_TITLE, EVIL_TITLE),
        description: Text::new(EVIL_TITLE, ""),
        sources: Vec::new(),
        dates: Vec::new(),
        requirements: vec![requirement],
    };
    store.write(|tx| tx.import_set(&set)).unwrap();
}

#[test]
fn escape_sequences_stored_in_a_title_never_reach_the_terminal() {
    let s = Sandbox::new();
    store_evil_set(&s);
    let profile = "--profile=tests/fixtures/profiles/a-open-data-website.toml";
    let runs: [&[&str]; 6] = [
        &["sets", "list"],
        &["sets", "list", "--lang", "en"],
        &["sets", "show", "evil-set"],
        &["sets", "applies", profile],
        &["sets", "list", "--format", "json"],
        &["sets", "show", "evil-set", "--format", "json"],
    ];
    for args in runs {
        let o = s.run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_terminal_safe(&format!("{args:?}"), &o);
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(
            out.contains("\\u001b]0;kapad\\u0007"),
            "{args:?} shows it: {out}"
        );
    }
    // JSON stays JSON and carries the title exactly.
    let json = s.ok(&["sets", "show", "evil-set", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["title"]["sv"], EVIL_TITLE);
    let applied = s.ok(&["sets", "applies", profile, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&applied).unwrap();
    let evil = v.as_array().unwrap().iter().find(|a| a["id"] == "EVIL-01");
    assert_eq!(evil.unwrap()["title"], EVIL_TITLE);
}

#[test]
fn error_messages_show_what_they_echo_without_obeying_it() {
    let s = Sandbox::new();
    let lang = s.run(&["--lang", "s\u{202e}v\u{9b}2J", "sets", "list"]);
    assert_eq!(lang.status.code(), Some(2));
    assert_terminal_safe("--lang", &lang);
    assert!(stderr(&lang).contains("\\u202e"), "{}", stderr(&lang));

    let name = s.dir.path().join("kapad\u{1b}]0;x\u{7}\u{1b}[2J.toml");
    let missing = s.run(&["sets", "import", name.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert_terminal_safe("file name", &missing);
    assert!(
        stderr(&missing).contains("kapad\\u001b]0;x\\u0007\\u001b[2J.toml finns inte"),
        "{}",
        stderr(&missing)
    );

    let today = s
        .command(&["sets", "list"])
        .env("KRAVKOLL_TODAY", "\u{1b}[2J2026")
        .output()
        .unwrap();
    assert_eq!(today.status.code(), Some(1));
    assert_terminal_safe("KRAVKOLL_TODAY", &today);

    let key = s.dir.path().join("key.toml");
    std::fs::write(&key, "format = 1\n\"\\u001b[2J\" = 1\n").unwrap();
    let bad_key = s.run(&["sets", "validate", key.to_str().unwrap()]);
    assert_eq!(bad_key.status.code(), Some(1));
    assert_terminal_safe("a key", &bad_key);
}

#[test]
fn a_set_file_with_escape_codes_is_refused_at_the_character() {
    let s = Sandbox::new();
    let file = "tests/fixtures/invalid_sets/escape_codes_in_title.toml";
    let o = s.run(&["sets", "import", file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("escape_codes_in_title.toml:4:26: title.sv: styrtecknet U+001B"),
        "{}",
        stderr(&o)
    );
    assert!(
        !s.ok(&["sets", "list"]).contains("fixture"),
        "nothing imported"
    );
}

#[test]
fn a_set_file_without_requirements_is_not_imported() {
    let s = Sandbox::new();
    let o = s.run(&[
        "sets",
        "import",
        "tests/fixtures/invalid_sets/no_requirements.toml",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no_requirements.toml:1:1: requirement: the set has no requirements"),
        "{}",
        stderr(&o)
    );
    assert!(!s.ok(&["sets", "list"]).contains("fixture"));
}
