//! The store on a real file: creation, refusal of newer databases, two connections at once, and
//! a whole follow-up cycle from procurement to corrective action.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use chrono::NaiveDate;
use kravkoll::clock::Clock;
use kravkoll::domain::procurement::AboveAmbition;
use kravkoll::domain::{
    CheckResult, Condition, Contract, CorrectiveAction, Country, Kind, OrgNumber, Outcome,
    PersonalData, Preset, Procedure, Procurement, Profile, Requirement, RequirementId,
    RequirementSet, ReviewStatus, Risk, SetId, SetVersion, Status, Supplier, Text, Tier,
};
use kravkoll::store::contracts::NewContract;
use kravkoll::store::custom_sets::RequirementEdit;
use kravkoll::store::prelude::*;
use kravkoll::store::reviews::ReviewFilter;
use kravkoll::store::{Entity, Store, StoreError};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn open(path: &std::path::Path, today: &str) -> Store {
    Store::open(path, Clock::Fixed(day(today)), "tester").unwrap()
}

/// A second, raw connection to the file, for what the store's API rightly does not offer.
fn raw(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

fn requirement(id: &str, kind: Kind, follow_up: &str, risk: Option<Risk>) -> Requirement {
    Requirement {
        id: RequirementId::parse(id).unwrap(),
        kind,
        level: None,
        title: Text::new(format!("Krav {id}"), format!("Requirement {id}")),
        text: Text::sv("Leverantören ska …"),
        rationale: Text::default(),
        basis: vec!["GDPR art. 28".into()],
        applies_when: Condition::always(),
        evidence: Text::default(),
        follow_up: Text::sv(follow_up),
        weight: None,
        risk,
        see: Vec::new(),
        applies_from: None,
        tags: vec![],
    }
}

fn library() -> RequirementSet {
    RequirementSet {
        id: SetId::parse("test-lib").unwrap(),
        version: SetVersion::parse("2026.1").unwrap(),
        title: Text::sv("Testbibliotek"),
        description: Text::default(),
        sources: vec![],
        dates: Vec::new(),
        requirements: vec![
            requirement(
                "TL-01",
                Kind::Mandatory,
                "Kontrollera platsen.",
                Some(Risk::new(2, 2).unwrap()),
            ),
            requirement(
                "TL-02",
                Kind::ContractTerm,
                "Kontrollera förteckningen.",
                Some(Risk::new(2, 2).unwrap()),
            ),
            requirement("TL-03", Kind::Qualification, "", None),
            requirement(
                "TL-04",
                Kind::Mandatory,
                "Kontrollera loggarna.",
                Some(Risk::new(4, 3).unwrap()),
            ),
        ],
    }
}

fn procurement() -> Procurement {
    Procurement {
        reference: "KS 2026/5".into(),
        title: "Molntjänst för e-arkiv".into(),
        owner: "Eva".into(),
        procedure: Procedure::Open,
        status: Status::Draft,
        profile: Profile {
            personal_data: PersonalData::Ordinary,
            ..Profile::default()
        },
        deadline: None,
        published_on: None,
        weight_total: None,
        scoring: Default::default(),
    }
}

#[test]
fn a_new_database_file_is_private_and_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/kravkoll.db");
    let s = open(&path, "2026-11-22");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
    let journal: String = raw(&path)
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    drop(s);
}

#[test]
fn a_newer_database_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    drop(open(&path, "2026-11-22"));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, Clock::Fixed(day("2026-11-22")), "tester")
        .err()
        .expect("refused");
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer kravkoll"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "file untouched");
    assert!(!dir.path().join("newer.db-wal").exists());
}

/// A process killed while it was switching a new database to WAL leaves a hot rollback journal
/// (the fixture was captured from such a kill). Only a read-write connection may roll it back;
/// the next start must do so, not fail with "attempt to write a readonly database".
#[test]
fn a_database_left_with_a_hot_journal_by_a_killed_process_opens() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interrupted");
    for name in ["new-database.db", "new-database.db-journal"] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    let path = dir.path().join("new-database.db");
    let s = open(&path, "2026-11-22");
    assert!(s.procurements().unwrap().is_empty());
    assert!(
        !dir.path().join("new-database.db-journal").exists(),
        "rolled back"
    );
}

#[test]
fn two_terminals_on_one_file_cannot_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut a = open(&path, "2026-11-22");
    let mut b = open(&path, "2026-11-22");
    let id = a.write(|tx| tx.create_procurement(&procurement())).unwrap();
    let seen_by_a = a.procurement(id).unwrap().unwrap();
    let seen_by_b = b.procurement(id).unwrap().unwrap();
    let mut a_edit = seen_by_a.value.clone();
    a_edit.title = "A:s titel".into();
    a.write(|tx| tx.update_procurement(id, seen_by_a.revision, &a_edit))
        .unwrap();
    let mut b_edit = seen_by_b.value.clone();
    b_edit.title = "B:s titel".into();
    let err = b
        .write(|tx| tx.update_procurement(id, seen_by_b.revision, &b_edit))
        .unwrap_err();
    assert!(matches!(err, StoreError::Stale { .. }));
    assert_eq!(b.procurement(id).unwrap().unwrap().value.title, "A:s titel");
}

/// Data 2: A looks at a library change of a line, B edits that line and saves, A takes the
/// change over. A's take-over is refused and B's text stays.
#[test]
fn a_take_over_never_overwrites_an_edit_saved_since_the_drift_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut a = open(&path, "2026-11-22");
    let mut b = open(&path, "2026-11-22");
    a.sync_builtins(&[library()], "v1").unwrap();
    let pid = a.write(|tx| tx.create_procurement(&procurement())).unwrap();
    a.write(|tx| tx.link_set(pid, "test-lib", AboveAmbition::LeaveOut))
        .unwrap();
    let mut newer = library();
    newer.version = SetVersion::parse("2026.2").unwrap();
    newer.requirements[0].text = Text::sv("Leverantören ska lagra allt i Sverige.");
    a.sync_builtins(&[newer], "v2").unwrap();

    let seen_by_a = a.drift(pid).unwrap();
    assert_eq!(seen_by_a.len(), 1);
    assert_eq!(seen_by_a[0].requirement_id, "TL-01");

    let line = b.lines(pid).unwrap().remove(0);
    let mut edited = line.value.clone();
    edited.edit_text(Text::sv("B:s egen lydelse."));
    b.write(|tx| tx.update_line(line.id, line.revision, &edited))
        .unwrap();

    let err = a.write(|tx| tx.take_over(pid, &seen_by_a[0])).unwrap_err();
    assert!(
        matches!(err, StoreError::Stale { entity: Entity::RequirementLine, ref id } if id == "TL-01"),
        "{err}"
    );
    assert_eq!(
        a.lines(pid).unwrap()[0].value.text.sv,
        "B:s egen lydelse.",
        "B's edit is intact"
    );
    // Read again, A sees B's line and may still decide to take the library's text.
    let fresh = a.drift(pid).unwrap();
    a.write(|tx| tx.take_over(pid, &fresh[0])).unwrap();
    assert_eq!(
        a.lines(pid).unwrap()[0].value.text.sv,
        "Leverantören ska lagra allt i Sverige."
    );
}

fn own_set() -> RequirementSet {
    RequirementSet {
        id: SetId::parse("egna-krav").unwrap(),
        version: SetVersion::parse("1").unwrap(),
        title: Text::sv("Egna krav"),
        description: Text::default(),
        sources: vec![],
        dates: Vec::new(),
        requirements: vec![
            requirement("EGEN-01", Kind::Mandatory, "Kontrollera.", None),
            requirement("EGEN-02", Kind::Mandatory, "Kontrollera.", None),
        ],
    }
}

/// Data 3: two terminals edit the same requirement of an own set; the second save is refused.
#[test]
fn two_terminals_editing_one_requirement_of_an_own_set_cannot_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut a = open(&path, "2026-11-22");
    let mut b = open(&path, "2026-11-22");
    a.write(|tx| tx.create_set(&own_set())).unwrap();
    let seen_by_a = a.set_record("egna-krav").unwrap().unwrap();
    let seen_by_b = b.set_record("egna-krav").unwrap().unwrap();
    let edit = |seen: &kravkoll::store::sets::SetRecord, text: &str| {
        let mut r = seen.set.requirements[0].clone();
        r.text = Text::sv(text);
        (r, seen.requirement_revisions[0])
    };
    let (theirs, rev) = edit(&seen_by_b, "B:s lydelse.");
    let existing = |revision| RequirementEdit::Existing {
        id: "EGEN-01",
        revision,
    };
    b.write(|tx| tx.save_requirement("egna-krav", existing(rev), &theirs))
        .unwrap();
    let (mine, rev) = edit(&seen_by_a, "A:s lydelse.");
    let err = a
        .write(|tx| tx.save_requirement("egna-krav", existing(rev), &mine))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Stale { entity: Entity::Requirement, ref id } if id == "EGEN-01"),
        "{err}"
    );
    let now = a.set("egna-krav").unwrap().unwrap();
    assert_eq!(now.requirements[0].text.sv, "B:s lydelse.");
    // An edit of the other requirement, seen before B saved, still goes through.
    let mut other = seen_by_a.set.requirements[1].clone();
    other.text = Text::sv("A:s andra lydelse.");
    let rev = seen_by_a.requirement_revisions[1];
    a.write(|tx| {
        let edit = RequirementEdit::Existing {
            id: "EGEN-02",
            revision: rev,
        };
        tx.save_requirement("egna-krav", edit, &other)
    })
    .unwrap();
    // The set's own fields and the set as a whole are locked by the set's revision.
    let meta = a.write(|tx| {
        tx.update_set_meta(
            "egna-krav",
            seen_by_a.revision,
            &Text::sv("A"),
            &Text::default(),
        )
    });
    assert!(matches!(meta, Err(StoreError::Stale { .. })), "{meta:?}");
    let delete = b.write(|tx| tx.delete_set("egna-krav", seen_by_b.revision));
    assert!(
        matches!(delete, Err(StoreError::Stale { .. })),
        "{delete:?}"
    );
    assert!(b.set("egna-krav").unwrap().is_some());
}

/// Data 3: saving an edit of a requirement another user deleted is refused, and the
/// requirement is not brought back.
#[test]
fn an_edit_of_a_requirement_someone_deleted_is_refused_and_not_brought_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut a = open(&path, "2026-11-22");
    let mut b = open(&path, "2026-11-22");
    a.write(|tx| tx.create_set(&own_set())).unwrap();
    let seen_by_a = a.set_record("egna-krav").unwrap().unwrap();
    let seen_by_b = b.set_record("egna-krav").unwrap().unwrap();
    b.write(|tx| tx.delete_requirement("egna-krav", "EGEN-01", seen_by_b.requirement_revisions[0]))
        .unwrap();
    let mut mine = seen_by_a.set.requirements[0].clone();
    mine.text = Text::sv("A:s lydelse.");
    let err = a
        .write(|tx| {
            let edit = RequirementEdit::Existing {
                id: "EGEN-01",
                revision: seen_by_a.requirement_revisions[0],
            };
            tx.save_requirement("egna-krav", edit, &mine)
        })
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { entity: Entity::Requirement, ref id } if id == "EGEN-01"),
        "{err}"
    );
    let ids: Vec<String> = a
        .set("egna-krav")
        .unwrap()
        .unwrap()
        .requirements
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    assert_eq!(ids, vec!["EGEN-02"]);
}

#[test]
fn a_whole_follow_up_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cycle.db");
    let mut s = open(&path, "2026-11-22");
    s.sync_builtins(&[library()], "lib-hash").unwrap();
    let pid = s.write(|tx| tx.create_procurement(&procurement())).unwrap();
    s.write(|tx| tx.link_set(pid, "test-lib", AboveAmbition::LeaveOut))
        .unwrap();
    for to in [Status::Published, Status::Evaluation, Status::Awarded] {
        let rev = s.procurement(pid).unwrap().unwrap().revision;
        s.write(|tx| tx.transition(pid, rev, to)).unwrap();
    }
    let sid = s
        .write(|tx| {
            tx.create_supplier(&Supplier {
                name: "Arkivmolnet AB".into(),
                org_number: Some(OrgNumber::parse("556036-0793").unwrap()),
                foreign_registration: String::new(),
                country: Country::sweden(),
                contact: String::new(),
                notes: String::new(),
            })
        })
        .unwrap();
    let cid = s
        .write(|tx| {
            tx.create_contract(&NewContract {
                contract: Contract {
                    title: "E-arkiv som tjänst".into(),
                    reference: "KS 2026/5".into(),
                    start: day("2025-10-31"),
                    end: Some(day("2028-10-31")),
                    options: String::new(),
                    responsible: "Eva".into(),
                    tier: Tier::B,
                    schedule: Preset::SkrB.schedule(),
                },
                supplier_id: sid,
                procurement_id: Some(pid),
            })
        })
        .unwrap();
    // Three of the four lines have a follow-up; the qualification requirement has none.
    assert_eq!(s.contract_lines(cid).unwrap().len(), 3);

    let due = s.reviews(ReviewFilter::DueWithin(0)).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].due_on, day("2026-10-31"));
    assert!(due[0].overdue);
    let (rid, rev) = (due[0].id, due[0].revision);

    s.write(|tx| tx.start_review(rid, rev, day("2026-11-20")))
        .unwrap();
    let checklist = s.checklist(rid).unwrap();
    let labels: Vec<&str> = checklist.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        vec!["TL-04", "TL-02", "TL-01"],
        "risk first, then contract terms"
    );

    let item = &checklist[0];
    s.write(|tx| {
        tx.record_check(
            item.id,
            item.revision,
            CheckResult::Deviation,
            "Loggar saknas",
            "Rapport 3",
        )
    })
    .unwrap();
    let fid = s
        .write(|tx| tx.add_finding(rid, Some(item.id), "Loggar sparas bara i 30 dagar."))
        .unwrap();
    s.write(|tx| {
        tx.add_corrective_action(
            fid,
            &CorrectiveAction {
                description: "Förläng lagringstiden till sex månader.".into(),
                owner: "Leverantören".into(),
                due_on: day("2026-12-15"),
                done_on: None,
            },
        )
    })
    .unwrap();
    assert_eq!(s.outcome(cid).unwrap(), Outcome::Yellow);

    let rev = s.review(rid).unwrap().unwrap().revision;
    let future = s.write(|tx| tx.complete_review(rid, rev, day("2026-11-30"), "x"));
    assert!(
        future.is_err(),
        "a review cannot be completed in the future"
    );
    let next = s
        .write(|tx| tx.complete_review(rid, rev, day("2026-11-21"), "Genomförd med en avvikelse."))
        .unwrap();
    assert_eq!(
        next.next.map(|r| r.value.due_on),
        Some(day("2027-10-31")),
        "anchored to the contract start"
    );
    assert_eq!(next.revision, s.review(rid).unwrap().unwrap().revision);
    assert_eq!(
        s.review(rid).unwrap().unwrap().value.status,
        ReviewStatus::Completed
    );

    // The database itself refuses a second open review.
    let second = raw(&path).execute(
        "INSERT INTO review(contract_id, due_on, status, reviewer, summary)
         VALUES (?1, '2027-01-01', 'planned', '', '')",
        [cid],
    );
    assert!(second.is_err());

    // Every kind of change left its row in the audit trail.
    let mut entities: Vec<String> = s
        .audit_trail(None, 1000)
        .unwrap()
        .into_iter()
        .map(|e| e.entity)
        .collect();
    entities.sort();
    entities.dedup();
    assert_eq!(
        entities,
        vec![
            "checklist_item",
            "contract",
            "corrective_action",
            "finding",
            "procurement",
            "procurement_line",
            "requirement_set",
            "review",
            "supplier"
        ]
    );

    // A day later than the action's due date the light turns red.
    drop(s);
    let s = open(&path, "2026-12-16");
    assert_eq!(s.outcome(cid).unwrap(), Outcome::Red);
    let open_reviews = s.reviews(ReviewFilter::Open).unwrap();
    assert_eq!(open_reviews.len(), 1);
    assert!(!open_reviews[0].overdue);
}
