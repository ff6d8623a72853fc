//! What the store refuses to touch: SQLite files that are not kravkoll's (left byte for byte as
//! they were), and a database whose audit trail lost its protection (no more writes). Also
//! where audit times come from.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kravkoll::clock::Clock;
use kravkoll::store::prelude::*;
use kravkoll::store::{APPLICATION_ID, ForeignReason, Store, StoreError};

fn fixed() -> Clock {
    Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
}

/// A SQLite file made by "another program" with `sql`, in rollback-journal mode unless the
/// SQL says otherwise.
fn made_elsewhere(dir: &Path, name: &str, sql: &str) -> PathBuf {
    let path = dir.join(name);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    path
}

/// The files SQLite may leave beside a database.
fn companions(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| PathBuf::from(format!("{}{s}", path.display())))
        .filter(|p| p.exists())
        .collect()
}

fn refused_untouched(path: &Path) -> ForeignReason {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path, fixed(), "tester").err().expect("refused");
    assert_eq!(std::fs::read(path).unwrap(), before, "byte for byte");
    assert!(companions(path).is_empty(), "{:?}", companions(path));
    let StoreError::Foreign {
        path: named,
        reason,
    } = err
    else {
        panic!("{err:?}");
    };
    assert_eq!(Path::new(&named), path);
    reason
}

fn application_id(path: &Path) -> i32 {
    rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap()
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let marked = made_elsewhere(
        dir.path(),
        "photos.db",
        "PRAGMA application_id = 252645135; CREATE TABLE photo (id INTEGER PRIMARY KEY);
         INSERT INTO photo VALUES (1);",
    );
    assert_eq!(
        refused_untouched(&marked),
        ForeignReason::OtherApplication(252_645_135)
    );
    let unmarked = made_elsewhere(
        dir.path(),
        "notes.db",
        "CREATE TABLE note (body TEXT); CREATE INDEX note_body ON note(body);
         PRAGMA user_version = 2;",
    );
    assert_eq!(
        refused_untouched(&unmarked),
        ForeignReason::UnknownTables(vec!["note".into()])
    );
    let wal = made_elsewhere(
        dir.path(),
        "wal.db",
        "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
    );
    assert_eq!(
        refused_untouched(&wal),
        ForeignReason::UnknownTables(vec!["t".into()])
    );
}

#[test]
fn a_version_without_kravkolls_tables_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = made_elsewhere(dir.path(), "versioned.db", "PRAGMA user_version = 3;");
    assert_eq!(
        refused_untouched(&path),
        ForeignReason::VersionWithoutTables(3)
    );
}

#[test]
fn kravkolls_tables_beside_foreign_ones_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.db");
    std::fs::copy(fixture("schema-1.db"), &path).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE extra (x);")
        .unwrap();
    assert_eq!(
        refused_untouched(&path),
        ForeignReason::UnknownTables(vec!["extra".into()])
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas")
        .join(name)
}

#[test]
fn an_empty_file_or_database_becomes_kravkolls_and_is_marked() {
    let dir = tempfile::tempdir().unwrap();
    let empty_file = dir.path().join("touched.db");
    std::fs::write(&empty_file, b"").unwrap();
    let empty_db = made_elsewhere(dir.path(), "vacuumed.db", "VACUUM;");
    let new = dir.path().join("new.db");
    for path in [empty_file, empty_db, new] {
        let s = Store::open(&path, fixed(), "tester").unwrap();
        assert!(s.sets().unwrap().is_empty());
        drop(s);
        assert_eq!(application_id(&path), APPLICATION_ID, "{}", path.display());
    }
}

#[test]
fn a_database_made_before_the_mark_is_recognised_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    std::fs::copy(fixture("schema-1.db"), &path).unwrap();
    assert_eq!(application_id(&path), 0);
    let s = Store::open(&path, fixed(), "tester").unwrap();
    assert!(!s.procurements().unwrap().is_empty());
    drop(s);
    assert_eq!(application_id(&path), APPLICATION_ID);
}

fn cli(db: &Path, args: &[&str]) -> Output {
    let dir = db.parent().unwrap();
    Command::new(env!("CARGO_BIN_EXE_kravkoll"))
        .args(args)
        .env("KRAVKOLL_DB", db)
        .env("KRAVKOLL_TODAY", "2026-11-22")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("RUST_BACKTRACE", "0")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "sv_SE.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn the_command_line_names_the_foreign_file_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let path = made_elsewhere(dir.path(), "photos.db", "CREATE TABLE photo (id);");
    let before = std::fs::read(&path).unwrap();
    for (lang, words) in [
        (
            "sv",
            "är ingen kravkoll-databas (den innehåller tabeller som kravkoll inte skapar: photo); den lämnades orörd",
        ),
        (
            "en",
            "is not a kravkoll database (it holds tables kravkoll does not make: photo); it was left untouched",
        ),
    ] {
        let out = cli(&path, &["--lang", lang, "sets", "list"]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("{} {words}", path.display())),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(companions(&path).is_empty());
}

/// With a trigger that keeps the trail append-only dropped outside kravkoll, the database can
/// still be read but nothing more is written to it.
#[test]
fn without_the_audit_triggers_reads_work_and_writes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert!(cli(&db, &["sets", "list"]).status.success());
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DROP TRIGGER audit_no_replace;")
        .unwrap();
    let list = cli(&db, &["sets", "list"]);
    assert!(list.status.success());
    let demo = cli(&db, &["demo"]);
    assert_eq!(demo.status.code(), Some(1));
    let err = String::from_utf8_lossy(&demo.stderr);
    assert!(
        err.contains(&format!(
            "ändringshistoriken i {} är inte skyddad: audit_no_replace saknas",
            db.display()
        )),
        "{err}"
    );
    assert!(err.contains("kravkoll backup"), "{err}");
    let s = Store::open(&db, fixed(), "tester").unwrap();
    assert!(s.procurements().unwrap().is_empty(), "nothing written");
}

#[test]
fn audit_rows_keep_the_real_time_under_a_fixed_clock() {
    let long_ago = Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2001, 2, 3).unwrap());
    let before = chrono::Utc::now().date_naive();
    let mut s = Store::open_in_memory(long_ago, "tester").unwrap();
    kravkoll::cli::sync_builtins(&mut s).unwrap();
    let after = chrono::Utc::now().date_naive();
    let trail = s.audit_trail(None, 1000).unwrap();
    assert!(!trail.is_empty());
    for row in trail {
        let day = &row.at[..10];
        assert!(
            day == before.to_string() || day == after.to_string(),
            "{} is not today",
            row.at
        );
    }
    assert_eq!(
        s.today().to_string(),
        "2001-02-03",
        "the domain's day moved"
    );
}

#[test]
fn a_replace_on_the_audit_trail_of_a_file_is_refused_and_the_row_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut s = Store::open(&db, fixed(), "tester").unwrap();
    kravkoll::cli::sync_builtins(&mut s).unwrap();
    let first = s.audit_trail(None, 1000).unwrap().pop().unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let replaced = conn.execute(
        "INSERT OR REPLACE INTO audit(id, at, actor, entity, entity_id, action)
         VALUES (?1, '1999-01-01T00:00:00Z', 'mallory', 'x', 'y', 'z')",
        [first.id],
    );
    assert!(
        replaced.unwrap_err().to_string().contains("append-only"),
        "refused"
    );
    assert_eq!(s.audit_trail(None, 1000).unwrap().pop().unwrap(), first);
}
