//! Tests of the set store: built-in sync, own sets and their versions.
use super::*;
use crate::domain::{Condition, Kind, RequirementId};
use crate::store::test_support::store;

pub fn requirement(id: &str, title: &str) -> Requirement {
    Requirement {
        id: RequirementId::parse(id).unwrap(),
        kind: Kind::Mandatory,
        level: None,
        title: Text::new(title, format!("{title} (en)")),
        text: Text::new(
            format!("Leverantören ska uppfylla {title}."),
            format!("The supplier shall meet {title}."),
        ),
        rationale: Text::default(),
        basis: vec!["GDPR art. 28".into()],
        applies_when: Condition::always(),
        evidence: Text::default(),
        follow_up: Text::sv("Kontrollera vid uppföljning."),
        weight: None,
        risk: None,
        see: Vec::new(),
        applies_from: None,
        tags: vec!["molntjänst".into()],
    }
}

pub fn set(id: &str, version: &str, reqs: &[(&str, &str)]) -> RequirementSet {
    RequirementSet {
        id: SetId::parse(id).unwrap(),
        version: SetVersion::parse(version).unwrap(),
        title: Text::new(format!("Paket {id}"), format!("Set {id}")),
        description: Text::default(),
        sources: vec![],
        dates: Vec::new(),
        requirements: reqs.iter().map(|(i, t)| requirement(i, t)).collect(),
    }
}

#[test]
fn builtins_sync_only_when_changed() {
    let mut s = store();
    let sets = vec![set("alpha", "2026.1", &[("ALPHA-01", "Lagring")])];
    let r = s.sync_builtins(&sets, "h1").unwrap();
    assert_eq!(r.added, vec!["alpha"]);
    let audit_rows = s.audit_trail(None, 100).unwrap().len();
    let r = s.sync_builtins(&sets, "h1").unwrap();
    assert!(r.unchanged);
    assert_eq!(
        s.audit_trail(None, 100).unwrap().len(),
        audit_rows,
        "no writes"
    );
    let newer = vec![set(
        "alpha",
        "2026.2",
        &[("ALPHA-01", "Lagring"), ("ALPHA-02", "Loggar")],
    )];
    s.sync_builtins(&newer, "h2").unwrap();
    let list = s.sets().unwrap();
    assert_eq!(list[0].version, "2026.2");
    assert_eq!(list[0].requirements, 2);
    assert_eq!(list[0].versions, 2);
    assert_eq!(list[0].origin, Origin::Builtin);
    assert_eq!(s.set_versions("alpha").unwrap(), vec!["2026.1", "2026.2"]);
    assert_eq!(
        s.set_version("alpha", "2026.1")
            .unwrap()
            .unwrap()
            .requirements
            .len(),
        1
    );
}

#[test]
fn a_set_reads_back_whole() {
    let mut s = store();
    let original = set("beta", "1.0", &[("BETA-01", "Ett"), ("BETA-02", "Två")]);
    s.write(|tx| tx.import_set(&original)).unwrap();
    assert_eq!(s.set("beta").unwrap(), Some(original));
    assert_eq!(s.set_origin("beta").unwrap(), Some(Origin::Custom));
    assert_eq!(s.set("nope").unwrap(), None);
}

#[test]
fn imports_keep_the_library_consistent() {
    let mut s = store();
    s.sync_builtins(&[set("alpha", "2026.1", &[("ALPHA-01", "Lagring")])], "h")
        .unwrap();
    let err = s
        .write(|tx| tx.import_set(&set("alpha", "2026.9", &[("ALPHA-09", "X")])))
        .unwrap_err();
    assert!(matches!(err, StoreError::BuiltinReadOnly(_)));
    let err = s
        .write(|tx| tx.import_set(&set("mine", "1", &[("ALPHA-01", "Kopia")])))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::DuplicateRequirementId { ref other_set, .. } if other_set == "alpha")
    );
    s.write(|tx| tx.import_set(&set("mine", "1.1", &[("MINE-01", "Eget")])))
        .unwrap();
    let again = s.write(|tx| tx.import_set(&set("mine", "1.1", &[("MINE-01", "Eget")])));
    assert!(matches!(again, Err(StoreError::AlreadyImported { .. })));
    let changed = s.write(|tx| tx.import_set(&set("mine", "1.1", &[("MINE-01", "Ändrat")])));
    assert!(matches!(changed, Err(StoreError::VersionExists { .. })));
    let older = s.write(|tx| tx.import_set(&set("mine", "1.0", &[("MINE-01", "Eget")])));
    assert!(matches!(older, Err(StoreError::OlderVersion { .. })));
    assert_eq!(s.sets().unwrap().len(), 2);
}

/// Data 10: `1` and `01`, `1.0` and `1.00` are one version each; a second is refused, also
/// against rows from before versions were normalised, and the current one is not a toss-up.
#[test]
fn equal_versions_do_not_coexist() {
    for (stored, again) in [("1", "01"), ("1.0", "1.00")] {
        let mut s = store();
        s.write(|tx| tx.import_set(&set("mine", stored, &[("MINE-01", "Eget")])))
            .unwrap();
        let same = s.write(|tx| tx.import_set(&set("mine", again, &[("MINE-01", "Eget")])));
        assert!(
            matches!(same, Err(StoreError::AlreadyImported { .. })),
            "{again}: {same:?}"
        );
        let other = s.write(|tx| tx.import_set(&set("mine", again, &[("MINE-01", "Nytt")])));
        assert!(
            matches!(other, Err(StoreError::VersionExists { .. })),
            "{again}: {other:?}"
        );
        // A row spelt the old way (as written before normalisation) is the same version.
        s.conn()
            .execute(
                "UPDATE set_version SET version = ?1 WHERE set_id = 'mine'",
                [again],
            )
            .unwrap();
        assert!(s.set_version("mine", stored).unwrap().is_some());
        assert!(s.set_version("mine", again).unwrap().is_some());
        let same = s.write(|tx| tx.import_set(&set("mine", stored, &[("MINE-01", "Eget")])));
        assert!(
            matches!(same, Err(StoreError::AlreadyImported { .. })),
            "{stored} over {again}: {same:?}"
        );
        let other = s.write(|tx| tx.import_set(&set("mine", stored, &[("MINE-01", "Nytt")])));
        assert!(
            matches!(other, Err(StoreError::VersionExists { .. })),
            "{stored} over {again}: {other:?}"
        );
        assert_eq!(s.set_versions("mine").unwrap().len(), 1);
        // The database refuses a second one too, whatever writes to it.
        let raw = s.conn().execute(
            "INSERT INTO set_version(set_id, version, version_sort, title_sv, title_en,
                 description_sv, description_en, sources, content_hash, imported_at)
             SELECT set_id, ?1, version_sort, title_sv, title_en, description_sv,
                 description_en, sources, content_hash, imported_at
             FROM set_version WHERE set_id = 'mine'",
            [stored],
        );
        assert!(raw.is_err(), "{stored}/{again}");
    }
}
