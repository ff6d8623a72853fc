//! Opening a database file the way users meet it: many processes creating one file at once, a
//! database locked by another user, one in a read-only directory, one that is damaged. The real
//! binary runs where the wording matters; the library where a timing or a type does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kravkoll::clock::Clock;
use kravkoll::domain::Lang;
use kravkoll::store::prelude::*;
use kravkoll::store::{Store, StoreError, Wait};

/// The real binary with every directory it might touch pointed into `dir`.
fn kravkoll(dir: &Path, db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kravkoll"));
    c.args(args)
        .env("KRAVKOLL_DB", db)
        .env("KRAVKOLL_TODAY", "2026-11-22")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("RUST_BACKTRACE", "0")
        .env_remove("KRAVKOLL_LOG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "sv_SE.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn run(dir: &Path, db: &Path, args: &[&str]) -> Output {
    kravkoll(dir, db, args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The number of sets `sets list --format json` printed, if it printed a list.
fn listed_sets(out: &Output) -> Option<usize> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    v.as_array().map(Vec::len)
}

fn fixed() -> Clock {
    Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

/// Thirty processes open one new file at once. Before the write lock was taken around the
/// migration, about one in five failed with "table meta already exists".
#[test]
fn thirty_processes_creating_one_database_at_once_all_succeed() {
    const PROCESSES: usize = 30;
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let db: PathBuf = dir.path().join("shared.db");
        let children: Vec<Child> = (0..PROCESSES)
            .map(|_| {
                kravkoll(dir.path(), &db, &["sets", "list", "--format", "json"])
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut failures = Vec::new();
        for (i, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            if !out.status.success() || listed_sets(&out).is_none_or(|n| n == 0) {
                let err: String = text(&out.stderr).chars().take(300).collect();
                failures.push(format!("process {i}: {:?}: {err}", out.status));
            }
        }
        assert!(
            failures.is_empty(),
            "round {round}: {} of {PROCESSES} failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
        let s = Store::open(&db, fixed(), "tester").unwrap();
        let synced = s
            .audit_trail(None, 1000)
            .unwrap()
            .into_iter()
            .filter(|a| a.action == "sync-add")
            .count();
        // One sync-add per version: the published 2026.1 and the current one, where they differ.
        let versions: std::collections::BTreeSet<(String, String)> =
            kravkoll::catalog::builtin::load_with_history()
                .unwrap()
                .into_iter()
                .map(|p| (p.set.id.to_string(), p.set.version.to_string()))
                .collect();
        assert_eq!(synced, versions.len(), "each set version added once");
    }
}

/// A second process that found the built-ins unsynced, then waited for the lock while the
/// first synced them, must find the work done under the lock and do nothing.
#[test]
fn the_builtin_sync_checks_again_under_the_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut second = Store::open(&db, fixed(), "second").unwrap();
    let sets: Vec<_> = kravkoll::catalog::builtin::load()
        .unwrap()
        .into_iter()
        .map(|p| p.set)
        .collect();
    let hash = kravkoll::catalog::builtin::combined_hash();
    let first = rusqlite::Connection::open(&db).unwrap();
    first.execute_batch("BEGIN IMMEDIATE").unwrap();
    first
        .execute(
            "INSERT INTO meta(key, value) VALUES ('builtin_sets_hash', ?1)",
            [&hash],
        )
        .unwrap();
    let waiting = std::thread::spawn(move || {
        let report = second.sync_builtins(&sets, &hash).unwrap();
        (report, second)
    });
    std::thread::sleep(Duration::from_millis(500));
    first.execute_batch("COMMIT").unwrap();
    let (report, second) = waiting.join().unwrap();
    assert!(report.unchanged, "{report:?}");
    assert!(second.sets().unwrap().is_empty(), "nothing synced twice");
}

/// Another process holds the write lock for a second: the write waits, says so once on
/// standard error in Swedish, and then succeeds.
#[test]
fn a_write_waits_for_another_users_lock_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert!(run(dir.path(), &db, &["sets", "list"]).status.success());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let child = kravkoll(dir.path(), &db, &["demo"]).spawn().unwrap();
    std::thread::sleep(Duration::from_secs(1));
    holder.execute_batch("ROLLBACK").unwrap();
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(text(&out.stdout).contains("Exempeldata inlagd"));
    let notice = format!("väntar på en annan användare som sparar i {}", db.display());
    assert_eq!(err.matches(&notice).count(), 1, "{err}");
}

/// Held past the limit, the write gives up with a typed error that names the file, and the
/// interface was told while it waited and when it stopped.
#[test]
fn a_lock_held_past_the_limit_ends_in_busy_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut s = Store::open(&db, fixed(), "tester").unwrap();
    let told = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&told);
    s.set_wait_notice(Box::new(move |w| log.lock().unwrap().push(w)));
    s.set_wait_limit(Duration::from_millis(800));
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let err = s.write(|_| Ok(())).unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(800));
    assert!(started.elapsed() < Duration::from_secs(5));
    let StoreError::Busy { path } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(Path::new(path), db);
    let sv = kravkoll::i18n::store_error(&err, Lang::Sv);
    assert!(sv.contains("låst av en annan användare"), "{sv}");
    assert!(sv.contains(&db.display().to_string()), "{sv}");
    assert!(err.to_string().contains("locked by another user"), "{err}");
    let told = told.lock().unwrap();
    assert!(
        matches!(told.first(), Some(Wait::Waiting { .. })),
        "{told:?}"
    );
    assert_eq!(told.last(), Some(&Wait::Over));
    holder.execute_batch("ROLLBACK").unwrap();
    s.write(|_| Ok(())).unwrap();
}

/// Runs `c` as an unprivileged user when this test runs as root (root may write anywhere,
/// so a read-only directory would not be one). `None` when that cannot be arranged.
fn as_reader(mut c: Command, ro_dir: &Path) -> Option<Command> {
    let probe = ro_dir.join("probe");
    if std::fs::write(&probe, b"").is_err() {
        return Some(c);
    }
    std::fs::remove_file(&probe).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        c.uid(65534).gid(65534);
        Some(c)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(unix)]
#[test]
fn a_database_in_a_read_only_directory_is_read_and_a_write_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("shared");
    std::fs::create_dir(&ro).unwrap();
    let db = ro.join("kravkoll.db");
    assert!(run(dir.path(), &db, &["sets", "list"]).status.success());
    let before = std::fs::read(&db).unwrap();
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, PermissionsExt::from_mode(m));
    mode(dir.path(), 0o755).unwrap();
    mode(&db, 0o644).unwrap();
    mode(&ro, 0o555).unwrap();
    let attempt = |args: &[&str]| {
        as_reader(kravkoll(dir.path(), &db, args), &ro).map(|mut c| c.output().unwrap())
    };
    let Some(list) = attempt(&["sets", "list", "--format", "json"]) else {
        return;
    };
    let write = attempt(&["demo"]).unwrap();
    mode(&ro, 0o755).unwrap();
    assert!(list.status.success(), "{}", text(&list.stderr));
    assert!(listed_sets(&list).is_some_and(|n| n > 0));
    assert_eq!(write.status.code(), Some(1));
    let err = text(&write.stderr);
    assert!(err.contains(&db.display().to_string()), "{err}");
    assert!(err.contains("går inte att skriva här"), "{err}");
    assert!(err.contains("skrivrätt"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_damaged_or_non_database_file_is_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert!(run(dir.path(), &db, &["sets", "list"]).status.success());
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[..16].copy_from_slice(b"not a database!\n");
    std::fs::write(&db, &bytes).unwrap();
    for (lang, words) in [("sv", "är skadad"), ("en", "is damaged")] {
        let out = run(dir.path(), &db, &["--lang", lang, "sets", "list"]);
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(err.contains(&db.display().to_string()), "{err}");
        assert!(err.contains(words), "{err}");
        assert!(err.contains("kravkoll backup"), "{err}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "left as it was");
}

#[test]
fn a_directory_given_as_the_database_cannot_be_opened_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), dir.path(), &["sets", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    // Said by the command line before SQLite would only say it cannot open it.
    assert!(err.contains("är en katalog, inte en fil"), "{err}");
    assert!(err.contains(&dir.path().display().to_string()), "{err}");
}
