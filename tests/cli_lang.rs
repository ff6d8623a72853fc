//! The language of the command line, run as the real binary: counts that agree with their
//! nouns, `--help` and usage errors in Swedish, operating-system errors worded with the path,
//! and the remembered language with its precedence.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod cli_sandbox;

use cli_sandbox::{Sandbox, stderr};

const MINIMAL: &str = "tests/fixtures/valid_sets/minimal.toml";
const BACKUP: &str = "tests/fixtures/valid_sets/backup.toml";

/// A set file with exactly one mistake (an unknown kind).
fn one_error(s: &Sandbox) -> String {
    let bad = s.dir.path().join("bad.toml");
    let text = std::fs::read_to_string(MINIMAL)
        .unwrap()
        .replace("qualification", "maybe");
    std::fs::write(&bad, text).unwrap();
    bad.display().to_string()
}

#[test]
fn counts_agree_with_their_nouns_in_both_languages() {
    let s = Sandbox::new();
    let cases: [(&[&str], &str); 4] = [
        (&["sets", "validate", MINIMAL], "1 fil är giltig (1 krav)\n"),
        (
            &["sets", "validate", MINIMAL, "--lang", "en"],
            "1 file is valid (1 requirement)\n",
        ),
        (
            &["sets", "validate", MINIMAL, BACKUP],
            "2 filer är giltiga (4 krav)\n",
        ),
        (
            &["sets", "validate", MINIMAL, BACKUP, "--lang", "en"],
            "2 files are valid (4 requirements)\n",
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(s.ok(args), expected, "{args:?}");
    }

    let bad = one_error(&s);
    let sv = stderr(&s.run(&["sets", "validate", &bad]));
    assert!(sv.ends_with("\n1 fel hittades\n"), "{sv}");
    let en = stderr(&s.run(&["sets", "validate", &bad, "--lang", "en"]));
    assert!(en.ends_with("\n1 error found\n"), "{en}");

    let profile = "--profile=tests/fixtures/profiles/a-open-data-website.toml";
    let sv = s.ok(&["sets", "applies", profile, MINIMAL]);
    assert!(sv.ends_with("1 av 1 krav gäller för profilen.\n"), "{sv}");
    let en = s.ok(&["sets", "applies", profile, MINIMAL, "--lang", "en"]);
    assert!(
        en.ends_with("1 of 1 requirement applies to the profile.\n"),
        "{en}"
    );
    let en = s.ok(&["sets", "applies", profile, "--lang", "en"]);
    assert!(en.contains(" requirements apply to the profile.\n"), "{en}");

    let own = s.dir.path().join("own.toml");
    let text = std::fs::read_to_string(MINIMAL)
        .unwrap()
        .replace("id = \"minimal\"", "id = \"egen-minimal\"")
        .replace("MIN-1", "EGEN-MIN-1");
    std::fs::write(&own, text).unwrap();
    let imported = s.ok(&["sets", "import", own.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(imported, "Imported egen-minimal 1 (1 requirement)\n");
}

#[test]
fn the_demo_says_what_it_loaded_with_nouns_that_agree() {
    let s = Sandbox::new();
    let sv = s.ok(&["demo"]);
    assert!(
        sv.starts_with("Exempeldata inlagd: 3 upphandlingar med "),
        "{sv}"
    );
    for noun in ["kravrader", "leverantörer", "avtal", "uppföljningar"] {
        assert!(sv.contains(noun), "{noun}: {sv}");
    }
}
