//! Databases of every released schema are upgraded with their data and their content hashes
//! intact, and the store is the one place that speaks SQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use chrono::NaiveDate;
use kravkoll::clock::Clock;
use kravkoll::domain::Requirement;
use kravkoll::store::Store;
use kravkoll::store::prelude::*;

fn open(path: &std::path::Path, today: &str) -> Store {
    let day = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    Store::open(path, Clock::Fixed(day), "tester").unwrap()
}

/// A second, raw connection to the file, for what the store's API rightly does not offer.
fn raw(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// The schemas databases were ever left at by a kravkoll people used: 3 and 4 came in one
/// change (own-set revisions and the audit trail's guard), so nothing was ever at 3.
const RELEASED_SCHEMAS: [i64; 3] = [1, 2, 4];

#[test]
fn a_database_of_every_older_schema_is_upgraded_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas");
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let src = entry.unwrap().path();
        if src.extension().is_none_or(|e| e != "db") {
            continue;
        }
        let path = dir.path().join(src.file_name().unwrap());
        std::fs::copy(&src, &path).unwrap();
        let before: i64 = rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("SELECT count(*) FROM procurement", [], |r| r.get(0))
            .unwrap();
        let s = open(&path, "2026-11-22");
        let version: i64 = raw(&path)
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(
            version,
            kravkoll::store::schema_version(),
            "{}",
            src.display()
        );
        assert_eq!(s.procurements().unwrap().len() as i64, before, "data kept");
        assert!(before > 0);
        let mark: i32 = raw(&path)
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(mark, kravkoll::store::APPLICATION_ID, "{}", src.display());
        stored_hashes_still_match(&path);
        profiles_keep_what_they_meant(&path, &s);
        seen += 1;
    }
    assert_eq!(
        seen,
        RELEASED_SCHEMAS.len(),
        "one fixture per released schema"
    );
}

/// Migration 0007: the demo's high-risk AI procurement was `high` and above the threshold; it
/// is Annex III and `value = "above"` now, processor where it had personal data, and nothing
/// says `above_threshold` any more.
fn profiles_keep_what_they_meant(path: &std::path::Path, s: &kravkoll::store::Store) {
    let conn = raw(path);
    let leftovers: i64 = conn
        .query_row(
            "SELECT count(*) FROM procurement WHERE json_type(profile, '$.above_threshold') IS NOT NULL
             OR json_extract(profile, '$.ai_risk') = 'high'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leftovers, 0, "{}", path.display());
    for p in s.procurements().unwrap() {
        let full = s.procurement(p.id).unwrap().unwrap().value;
        let pr = &full.profile;
        assert_eq!(
            pr.processor,
            pr.personal_data != kravkoll::domain::PersonalData::None,
            "{}",
            full.reference
        );
        if full.reference == "KS 2026/87" {
            assert_eq!(pr.ai_risk, kravkoll::domain::AiRisk::HighAnnex3);
            assert_eq!(pr.value, kravkoll::domain::ContractValue::Above);
        }
    }
}

/// The store is the one place that speaks SQL: no other module of the program names rusqlite
/// or runs a query (demo and generator included).
#[test]
fn no_sql_outside_the_store() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    let mut offenders = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path != src.join("store") {
                    stack.push(path);
                }
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for word in ["rusqlite", "query_row", "prepare(", "pragma_", "Connection"] {
                if text.contains(word) {
                    offenders.push(format!("{}: {word}", path.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// The content hash of every requirement and set version a database holds is what the
/// program computes for it today: a change to the hash would make every draft show drift.
fn stored_hashes_still_match(path: &std::path::Path) {
    let conn = raw(path);
    let mut stmt = conn
        .prepare("SELECT req_id, body, content_hash FROM requirement")
        .unwrap();
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!rows.is_empty());
    for (id, body, stored) in rows {
        let r: Requirement = serde_json::from_str(&body).unwrap();
        assert_eq!(r.content_hash(), stored, "{}: {id}", path.display());
    }
    let s = open(path, "2026-11-22");
    let mut stmt = conn
        .prepare("SELECT set_id, version, content_hash FROM set_version")
        .unwrap();
    let versions: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (set, version, stored) in versions {
        let loaded = s.set_version(&set, &version).unwrap().unwrap();
        assert_eq!(
            loaded.content_hash(),
            stored,
            "{}: {set} {version}",
            path.display()
        );
    }
}
