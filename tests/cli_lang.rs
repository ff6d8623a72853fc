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

// ---- `--help` and usage errors

const CLAPS_ENGLISH: [&str; 7] = [
    "Usage",
    "Commands:",
    "Options:",
    "Arguments:",
    "Print help",
    "[default:",
    "[possible values:",
];

#[test]
fn help_is_in_swedish_when_the_interface_is() {
    let s = Sandbox::new();
    let help = s.ok(&["--help"]);
    for part in [
        "\nAnvändning: kravkoll [FLAGGOR] [KOMMANDO]\n",
        "\nKommandon:\n",
        "  backup        Kopiera hela databasen till en ny fil medan den används\n",
        "\nFlaggor:\n",
        "--lang <SPRÅK>",
        "Visa hjälpen",
    ] {
        assert!(help.contains(part), "{part:?}\n{help}");
    }
    let export = s.ok(&["sets", "export", "-h"]);
    for part in [
        "Skriv ett kravpaket till en fil i kravpaketsformatet\n",
        "Användning: kravkoll sets export [FLAGGOR] --out <SÖKVÄG> [ID]\n",
        "\nArgument:\n  [ID]  Kravpaketets id, till exempel hosting-location\n",
        "--force              Ersätt filen om den finns",
    ] {
        assert!(export.contains(part), "{part:?}\n{export}");
    }
    let list = s.ok(&["help", "sets", "list"]);
    assert!(
        list.contains("[standard: table] [möjliga värden: table, json]"),
        "{list}"
    );
    for text in [&help, &export, &list] {
        for english in CLAPS_ENGLISH {
            assert!(!text.contains(english), "{english}\n{text}");
        }
    }
    // Without a command and a terminal, the same help.
    assert!(s.ok(&[]).contains("\nKommandon:\n"));
}

#[test]
fn help_is_in_english_by_flag_setting_or_lang() {
    let s = Sandbox::new();
    let english = |help: &str| {
        help.contains("\nUsage: kravkoll [OPTIONS] [COMMAND]\n")
            && help.contains("\nCommands:\n")
            && help.contains("Copy the whole database to a new file while it stays in use")
    };
    let by_flag = s.ok(&["--help", "--lang", "en"]);
    assert!(english(&by_flag), "{by_flag}");
    let by_lang = s
        .command(&["--help"])
        .env("LANG", "en_GB.UTF-8")
        .output()
        .unwrap();
    assert!(english(&String::from_utf8(by_lang.stdout).unwrap()));
    save_lang(&s, "lang = \"en\"\n");
    let by_setting = s.ok(&["--help"]);
    assert!(english(&by_setting), "{by_setting}");
    assert!(!english(&s.ok(&["--help", "--lang", "sv"])));
}

#[test]
fn usage_errors_are_in_swedish_and_exit_2() {
    let s = Sandbox::new();
    let o = s.run(&["sets", "lst"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        "fel: okänt kommando 'lst'\n\n  tips: det finns ett liknande kommando: 'list'\n\nAnvändning: kravkoll sets [FLAGGOR] <KOMMANDO>\n\nMer hjälp får du med '--help'.\n"
    );
    let o = s.run(&["sets", "export", "hosting-location"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("fel: de här argumenten behövs men saknas:\n  --out <SÖKVÄG>\n"),
        "{}",
        stderr(&o)
    );
    // A wrong --lang is said in the language chosen without it.
    let o = s.run(&["--lang", "de"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(
            "fel: ogiltigt värde 'de' för '--lang <SPRÅK>'\n  [möjliga värden: sv, en]\n"
        ),
        "{}",
        stderr(&o)
    );
    let o = s
        .command(&["--lang", "de"])
        .env("LANG", "en_GB.UTF-8")
        .output()
        .unwrap();
    assert!(
        stderr(&o).starts_with(
            "error: invalid value 'de' for '--lang <LANG>'\n  [possible values: sv, en]\n"
        ),
        "{}",
        stderr(&o)
    );
    let o = s.run(&["sets", "frobnicate", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: unrecognized subcommand 'frobnicate'"),
        "{}",
        stderr(&o)
    );
}

// ---- Operating-system errors, with the path

/// A file, a directory and (on Unix) a dangling link in the sandbox, and the database.
struct InTheWay {
    file: String,
    dir: String,
    link: String,
    missing: String,
}

fn in_the_way(s: &Sandbox) -> InTheWay {
    s.ok(&["sets", "list"]);
    let p = |name: &str| s.dir.path().join(name).display().to_string();
    std::fs::write(p("a-file"), "").unwrap();
    std::fs::create_dir(p("a-dir")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(p("nowhere"), p("a-link")).unwrap();
    InTheWay {
        file: p("a-file"),
        dir: p("a-dir"),
        link: p("a-link"),
        missing: p("missing.toml"),
    }
}

/// Runs `args` in Swedish and in English and checks exit 1 and both texts, whole.
fn refused(s: &Sandbox, args: &[&str], sv: &str, en: &str) {
    let o = s.run(args);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
    assert_eq!(stderr(&o), format!("kravkoll: fel: {sv}\n"), "{args:?}");
    let mut english = args.to_vec();
    english.extend(["--lang", "en"]);
    let o = s.run(&english);
    assert_eq!(stderr(&o), format!("kravkoll: error: {en}\n"), "{args:?}");
}

#[test]
fn set_and_profile_files_that_cannot_be_read_are_named() {
    let s = Sandbox::new();
    let w = in_the_way(&s);
    let under_file = format!("{}/x.toml", w.file);
    refused(
        &s,
        &["sets", "import", &w.dir],
        &format!("{} är en katalog, inte en fil", w.dir),
        &format!("{} is a directory, not a file", w.dir),
    );
    refused(
        &s,
        &["sets", "import", &w.missing],
        &format!("{} finns inte", w.missing),
        &format!("{} does not exist", w.missing),
    );
    refused(
        &s,
        &["sets", "validate", &under_file],
        &format!("fel vid åtkomst av {under_file}: en del av sökvägen är inte en mapp"),
        &format!("cannot access {under_file}: part of the path is not a directory"),
    );
    refused(
        &s,
        &["sets", "applies", "--profile", &w.dir],
        &format!("{} är en katalog, inte en fil", w.dir),
        &format!("{} is a directory, not a file", w.dir),
    );
}

#[test]
fn exports_and_backups_that_cannot_be_written_are_named() {
    let s = Sandbox::new();
    let w = in_the_way(&s);
    let under_file = format!("{}/x.toml", w.file);
    fn export(out: &str) -> Vec<&str> {
        vec!["sets", "export", "hosting-location", "--out", out]
    }
    refused(
        &s,
        &export(&w.file),
        &format!(
            "{} finns redan; välj ett annat namn eller ersätt filen med --force",
            w.file
        ),
        &format!(
            "{} already exists; choose another name or replace it with --force",
            w.file
        ),
    );
    refused(
        &s,
        &export(&under_file),
        &format!("fel vid åtkomst av {under_file}: en del av sökvägen är inte en mapp"),
        &format!("cannot access {under_file}: part of the path is not a directory"),
    );
    refused(
        &s,
        &["backup", &w.file],
        &format!(
            "{} finns redan; välj ett nytt filnamn för säkerhetskopian",
            w.file
        ),
        &format!(
            "{} exists already; choose a new file name for the backup",
            w.file
        ),
    );
    refused(
        &s,
        &["backup", &w.dir],
        &format!("{} är en katalog, inte en fil", w.dir),
        &format!("{} is a directory, not a file", w.dir),
    );
    refused(
        &s,
        &["backup", &under_file],
        &format!("fel vid åtkomst av {under_file}: en del av sökvägen är inte en mapp"),
        &format!("cannot access {under_file}: part of the path is not a directory"),
    );
    #[cfg(unix)]
    refused(
        &s,
        &["backup", &w.link],
        &format!(
            "{} är en symbolisk länk; kravkoll skriver inte genom länkar, ange själva filen",
            w.link
        ),
        &format!(
            "{} is a symbolic link; kravkoll does not write through links, name the file itself",
            w.link
        ),
    );
    assert!(!s.dir.path().join("nowhere").exists());
}

#[test]
fn a_database_or_log_that_cannot_be_opened_is_named() {
    let s = Sandbox::new();
    let w = in_the_way(&s);
    let under_file = format!("{}/k.db", w.file);
    refused(
        &s,
        &["--db", &under_file, "sets", "list"],
        &format!(
            "kan inte skapa eller öppna databasfilen {under_file}: en del av sökvägen är inte en mapp"
        ),
        &format!(
            "cannot create or open the database file {under_file}: part of the path is not a directory"
        ),
    );
    // A directory is said to be one, not "readable by others" and "cannot be opened".
    refused(
        &s,
        &["--db", &w.dir, "sets", "list"],
        &format!("{} är en katalog, inte en fil", w.dir),
        &format!("{} is a directory, not a file", w.dir),
    );
    let o = s
        .command(&["--log", "sets", "list"])
        .env("XDG_STATE_HOME", &w.file)
        .output()
        .unwrap();
    assert!(o.status.success(), "a log is not worth failing for");
    assert_eq!(
        stderr(&o),
        format!(
            "kravkoll: varning: loggfilen kan inte öppnas (fel vid åtkomst av {}/kravkoll: en del av sökvägen är inte en mapp); fortsätter utan logg\n",
            w.file
        )
    );
}

#[cfg(unix)]
#[test]
fn permission_denied_is_said_with_the_path() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let w = in_the_way(&s);
    let closed = s.dir.path().join("closed.toml");
    std::fs::copy(MINIMAL, &closed).unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&w.dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::read(&closed).is_ok() {
        // Run as root, which reads and writes anything: the refusal cannot happen here. The
        // wording is checked without the OS in `i18n::cli`'s tests.
        return;
    }
    let closed = closed.display().to_string();
    refused(
        &s,
        &["sets", "validate", &closed],
        &format!(
            "behörighet saknas till {closed}; kontrollera rättigheterna eller välj en annan plats"
        ),
        &format!("permission denied for {closed}; check its permissions or choose another place"),
    );
    let out = format!("{}/x.toml", w.dir);
    refused(
        &s,
        &["sets", "export", "hosting-location", "--out", &out],
        &format!(
            "behörighet saknas till {}; kontrollera rättigheterna eller välj en annan plats",
            w.dir
        ),
        &format!(
            "permission denied for {}; check its permissions or choose another place",
            w.dir
        ),
    );
}

// ---- The remembered language

fn save_lang(s: &Sandbox, text: &str) {
    std::fs::create_dir_all(s.settings_file().parent().unwrap()).unwrap();
    std::fs::write(s.settings_file(), text).unwrap();
}

#[test]
fn flag_beats_saved_language_beats_lang() {
    let s = Sandbox::new();
    let validate = ["sets", "validate", MINIMAL];
    assert_eq!(s.ok(&validate), "1 fil är giltig (1 krav)\n", "LANG=sv_SE");
    save_lang(&s, "lang = \"en\"\n");
    assert_eq!(s.ok(&validate), "1 file is valid (1 requirement)\n");
    let flagged = s.ok(&["sets", "validate", MINIMAL, "--lang", "sv"]);
    assert_eq!(flagged, "1 fil är giltig (1 krav)\n");
    save_lang(&s, "lang = \"sv\"\n");
    let english_env = s
        .command(&validate)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(english_env.stdout).unwrap(),
        "1 fil är giltig (1 krav)\n"
    );
    std::fs::remove_file(s.settings_file()).unwrap();
    let english_env = s
        .command(&validate)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(english_env.stdout).unwrap(),
        "1 file is valid (1 requirement)\n"
    );
}

#[test]
fn a_broken_settings_file_is_reported_and_ignored() {
    let s = Sandbox::new();
    save_lang(&s, "# mine\nlang = \"fi\"\n");
    let file = s.settings_file().display().to_string();
    let o = s.run(&["sets", "validate", MINIMAL]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "1 fil är giltig (1 krav)\n"
    );
    assert_eq!(
        stderr(&o),
        format!(
            "kravkoll: varning: {file}:2: inställningsfilen går inte att läsa: lang ska vara \"sv\" eller \"en\", inte \"fi\"; filens inställningar används inte\n"
        )
    );
    save_lang(&s, "lang = en\n");
    let o = s.run(&["sets", "validate", MINIMAL, "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "kravkoll: warning: {file}:1: the settings file cannot be read: not valid TOML: "
        )),
        "{err}"
    );
    assert!(
        err.ends_with("; the file's settings are not used\n"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_settings_file_is_named_and_ignored() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    save_lang(&s, "lang = \"en\"\n");
    std::fs::set_permissions(s.settings_file(), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(s.settings_file()).is_ok() {
        return; // root reads anything; the refusal cannot be shown
    }
    let o = s.run(&["sets", "validate", MINIMAL]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = s.settings_file().display().to_string();
    assert!(
        stderr(&o).contains(&format!("behörighet saknas till {file}")),
        "{}",
        stderr(&o)
    );
}

mod common;

#[test]
fn the_language_chosen_with_l_is_there_at_the_next_start() {
    use kravkoll::domain::Lang;
    use kravkoll::settings;
    let s = Sandbox::new();
    let mut t = common::TestApp::new(false);
    t.app.remember_language(s.settings_file());
    t.press("L");
    assert_eq!(t.app.state.lang, Lang::En);
    assert_eq!(t.toast(), None, "saved without complaint");
    let saved = settings::load(&s.settings_file()).unwrap();
    assert_eq!(saved.lang, Some(Lang::En));
    // The next start (the command line reads the file; LANG says Swedish) speaks English.
    assert_eq!(
        s.ok(&["sets", "validate", MINIMAL]),
        "1 file is valid (1 requirement)\n"
    );
    let next = common::TestApp::with_lang(false, saved.lang.unwrap());
    assert!(
        next.screen(80, 24).contains("Dashboard"),
        "{}",
        next.screen(80, 24)
    );
    t.press("L");
    assert_eq!(
        settings::load(&s.settings_file()).unwrap().lang,
        Some(Lang::Sv)
    );
}

#[test]
fn a_language_that_cannot_be_saved_is_a_toast_not_a_failure() {
    let s = Sandbox::new();
    let blocker = s.dir.path().join("not-a-directory");
    std::fs::write(&blocker, "").unwrap();
    let mut t = common::TestApp::new(false);
    t.app.remember_language(blocker.join("settings.toml"));
    t.press("L");
    assert_eq!(t.app.state.lang, kravkoll::domain::Lang::En);
    let toast = t.toast().unwrap_or_default();
    assert!(
        toast.starts_with("The language could not be saved for next time: "),
        "{toast}"
    );
    assert!(
        toast.contains("not-a-directory: part of the path is not a directory"),
        "{toast}"
    );
}
