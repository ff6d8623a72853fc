//! The command line and files on disk, run as the real binary: exports that never overwrite by
//! surprise or write through a link, modes that do not depend on the umask, a warning for a
//! database others can read, limits on what is read and printed, an impossible "today", errors
//! in the user's language, and the log.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::path::Path;
use std::process::Output;

mod cli_sandbox;

use cli_sandbox::{Sandbox, stderr};

fn export(s: &Sandbox, out: &Path, more: &[&str]) -> Output {
    let mut args = vec!["sets", "export", "hosting-location", "--out"];
    args.push(out.to_str().unwrap());
    args.extend(more);
    s.run(&args)
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn export_onto_an_existing_file_is_refused_unless_forced() {
    let s = Sandbox::new();
    let file = s.dir.path().join("mine.toml");
    std::fs::write(&file, "my own notes\n").unwrap();
    let refused = export(&s, &file, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("mine.toml finns redan") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my own notes\n");

    let forced = export(&s, &file, &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("id = \"HOST-01\"")
    );
    let leftovers = std::fs::read_dir(s.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("tmp")
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary file is left behind");
}

#[cfg(unix)]
#[test]
fn export_onto_a_symlink_is_refused_and_the_link_target_kept() {
    let s = Sandbox::new();
    let target = s.dir.path().join("precious.txt");
    std::fs::write(&target, "keep me\n").unwrap();
    let link = s.dir.path().join("link.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for more in [&[][..], &["--force"][..]] {
        let o = export(&s, &link, more);
        assert_eq!(o.status.code(), Some(1), "{more:?}");
        assert!(
            stderr(&o).contains("link.toml är en symbolisk länk"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn export_into_a_missing_directory_names_it() {
    let s = Sandbox::new();
    let o = export(
        &s,
        &s.dir.path().join("nowhere/out.toml"),
        &["--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nowhere does not exist"),
        "{}",
        stderr(&o)
    );
}

/// Runs the binary under `umask 000`, the most permissive a user can have.
#[cfg(unix)]
fn under_umask_000(s: &Sandbox, args: &[&str]) -> Output {
    let inner = s.command(args);
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(inner.get_program())
        .args(inner.get_args())
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c.output().unwrap()
}

#[cfg(unix)]
#[test]
fn modes_do_not_depend_on_the_umask() {
    let s = Sandbox::new();
    let listed = under_umask_000(&s, &["sets", "list", "--log"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert_eq!(mode(&s.db()), 0o600, "a new database is private");
    let log = s.dir.path().join("state/kravkoll/kravkoll.log");
    assert_eq!(mode(&log), 0o600, "the log is private");

    let file = s.dir.path().join("export.toml");
    let exported = under_umask_000(
        &s,
        &[
            "sets",
            "export",
            "hosting-location",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    assert_eq!(
        mode(&file),
        0o644,
        "an export is readable, not writable, by others"
    );
}

#[cfg(unix)]
#[test]
fn a_database_others_can_read_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let quiet = s.run(&["sets", "list"]);
    assert!(!stderr(&quiet).contains("chmod"), "{}", stderr(&quiet));
    std::fs::set_permissions(s.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let db = s.db().display().to_string();
    let sv = s.run(&["sets", "list"]);
    assert!(sv.status.success(), "a warning, not an error");
    let err = stderr(&sv);
    assert!(err.contains("kan läsas av andra användare"), "{err}");
    assert!(err.contains(&format!("chmod 600 {db}")), "{err}");
    let en = stderr(&s.run(&["sets", "list", "--lang", "en"]));
    assert!(en.contains("can be read by other users"), "{en}");
}

#[test]
fn an_extreme_today_is_refused_with_the_range_not_a_panic() {
    let s = Sandbox::new();
    for (lang, words) in [
        ("sv", "mellan år 1900 och 2200"),
        ("en", "between the years 1900 and 2200"),
    ] {
        let o = s
            .command(&["demo", "--lang", lang])
            .env("KRAVKOLL_TODAY", "+262142-12-31")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(words) && err.contains("+262142-12-31"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_set_file_over_the_size_limit_is_refused_with_its_size() {
    let s = Sandbox::new();
    let big = s.dir.path().join("big.toml");
    // Sparse: the test need not write ten megabytes, and the reader must not read them.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(12_500_000)
        .unwrap();
    let o = s.run(&["sets", "validate", big.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("big.toml är 12,5 MB stor; filer över 10 MB läses inte"),
        "{}",
        stderr(&o)
    );
    let o = s.run(&["sets", "import", big.to_str().unwrap(), "--lang", "en"]);
    assert!(
        stderr(&o).contains("big.toml is 12.5 MB; files over 10 MB are not read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn printed_errors_stop_at_fifty_and_say_how_many_more() {
    let s = Sandbox::new();
    let file = s.dir.path().join("many.toml");
    let keys: String = (1..=60).map(|i| format!("extra{i} = 1\n")).collect();
    let text = std::fs::read_to_string("tests/fixtures/valid_sets/minimal.toml").unwrap();
    std::fs::write(&file, format!("{keys}{text}")).unwrap();
    let o = s.run(&["sets", "validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 52, "{err}");
    assert!(lines[49].contains("extra50"), "{err}");
    assert_eq!(lines[50], "… och 10 fel till");
    assert_eq!(lines[51], "60 fel hittades");
}

#[test]
fn common_errors_read_in_the_users_language() {
    let s = Sandbox::new();
    let profile = s.dir.path().join("profil.toml");
    std::fs::write(&profile, "secrecy = true\ntier = \"Z\"\n").unwrap();
    let profile_arg = format!("--profile={}", profile.display());
    let cases: [(&[&str], &str); 6] = [
        (
            &["sets", "show", "nosuch"],
            "Kravpaketet finns inte: nosuch",
        ),
        (
            &["sets", "show", "nosuch", "--lang", "en"],
            "No such requirement set: nosuch",
        ),
        (
            &["sets", "show", "hosting-location", "--version", "9.9"],
            "Versionen finns inte: hosting-location 9.9",
        ),
        (
            &["sets", "applies", "--profile", "missing.toml"],
            "missing.toml finns inte",
        ),
        (
            &["sets", "applies", &profile_arg],
            "profil.toml:2:8: ingen giltig profil: unknown variant `Z`",
        ),
        (
            &["sets", "validate", "no-such-dir/x.toml", "--lang", "en"],
            "no-such-dir/x.toml does not exist",
        ),
    ];
    for (args, expected) in cases {
        let o = s.run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(expected), "{args:?}: {}", stderr(&o));
    }
}

fn log_of(s: &Sandbox) -> Option<String> {
    std::fs::read_to_string(s.dir.path().join("state/kravkoll/kravkoll.log")).ok()
}

#[test]
fn the_log_is_written_only_when_asked_for() {
    let s = Sandbox::new();
    s.ok(&["sets", "list"]);
    assert_eq!(log_of(&s), None, "no log by default");

    s.ok(&["--log", "sets", "list"]);
    let log = log_of(&s).unwrap();
    assert!(
        log.contains("start") && log.contains("command=\"sets list\""),
        "{log}"
    );
    assert!(log.contains(&s.db().display().to_string()), "{log}");
    assert!(log.contains("end"), "{log}");

    let failed = s
        .command(&["sets", "show", "nosuch"])
        .env("KRAVKOLL_LOG", "kravkoll=debug")
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let log = log_of(&s).unwrap();
    assert!(log.contains("ERROR") && log.contains("nosuch"), "{log}");

    let typo = s.run(&["--log=loud", "sets", "list"]);
    assert!(typo.status.success());
    assert!(
        stderr(&typo).contains("okänd loggnivå \"loud\""),
        "{}",
        stderr(&typo)
    );
}
