//! Procurements in the store: creating, linking, tailoring, publishing, amending.

use super::*;
use crate::domain::procurement::AboveAmbition;
use crate::domain::{Kind, PersonalData, Profile, Text};
use crate::store::sets::tests::set;
use crate::store::test_support::with_alpha;

pub fn procurement() -> Procurement {
    Procurement {
        reference: "KS 2026/412".into(),
        title: "Ärendehanteringssystem för socialtjänsten".into(),
        owner: "Eva Ek".into(),
        procedure: Procedure::Open,
        status: Status::Draft,
        profile: Profile {
            personal_data: PersonalData::Sensitive,
            ..Profile::default()
        },
        deadline: NaiveDate::from_ymd_opt(2027, 1, 31),
        published_on: None,
        weight_total: None,
        scoring: Default::default(),
    }
}

#[test]
fn create_link_tailor_publish() {
    let mut s = with_alpha();
    let id = s.write(|tx| tx.create_procurement(&procurement())).unwrap();
    let added = s
        .write(|tx| tx.link_set(id, "alpha", AboveAmbition::LeaveOut))
        .unwrap();
    assert_eq!(added, 2);
    assert_eq!(
        s.write(|tx| tx.link_set(id, "alpha", AboveAmbition::LeaveOut))
            .unwrap(),
        0,
        "linking twice adds nothing"
    );
    let lines = s.lines(id).unwrap();
    assert_eq!(lines.len(), 2);
    let mut excluded = lines[1].value.clone();
    excluded.included = false;
    s.write(|tx| tx.update_line(lines[1].id, lines[1].revision, &excluded))
        .unwrap();
    let mut edited = lines[0].value.clone();
    edited.edit_text(Text::sv("Leverantören ska lagra all data i Sverige."));
    s.write(|tx| tx.update_line(lines[0].id, lines[0].revision, &edited))
        .unwrap();
    let list = s.procurements().unwrap();
    assert_eq!(list[0].lines, 1, "one included line");
    let rev = s.procurement(id).unwrap().unwrap().revision;
    s.write(|tx| tx.transition(id, rev, Status::Published))
        .unwrap();
    let p = s.procurement(id).unwrap().unwrap();
    assert_eq!(p.value.status, Status::Published);
    assert_eq!(p.value.published_on, NaiveDate::from_ymd_opt(2026, 11, 22));
    assert_eq!(s.linked_sets(id).unwrap()[0].version, "2026.1");

    // Frozen: a tailoring edit is refused and nothing changes.
    let line = s.lines(id).unwrap().remove(0);
    let mut again = line.value.clone();
    again.kind = Kind::Evaluated;
    let err = s
        .write(|tx| tx.update_line(line.id, line.revision, &again))
        .unwrap_err();
    assert!(err.to_string().contains("frozen"), "{err}");
    assert_eq!(s.lines(id).unwrap()[0].value.kind, Kind::Mandatory);
    // An amendment with a reason goes through and is recorded.
    s.write(|tx| tx.amend_line(line.id, line.revision, &again, "Rättelse"))
        .unwrap();
    let reason: String = s
        .conn()
        .query_row("SELECT reason FROM amendment", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reason, "Rättelse");
}

#[test]
fn a_stale_write_is_refused_and_changes_nothing() {
    let mut s = with_alpha();
    let id = s.write(|tx| tx.create_procurement(&procurement())).unwrap();
    let first = s.procurement(id).unwrap().unwrap();
    let mut mine = first.value.clone();
    mine.title = "Mitt namn".into();
    let mut theirs = first.value.clone();
    theirs.title = "Deras namn".into();
    s.write(|tx| tx.update_procurement(id, first.revision, &theirs))
        .unwrap();
    let err = s
        .write(|tx| tx.update_procurement(id, first.revision, &mine))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Stale { entity: Entity::Procurement, ref id } if id == "KS 2026/412"),
        "named by its reference: {err}"
    );
    assert_eq!(
        s.procurement(id).unwrap().unwrap().value.title,
        "Deras namn"
    );
    let missing = s
        .write(|tx| tx.update_procurement(999, 1, &mine))
        .unwrap_err();
    assert!(matches!(
        missing,
        StoreError::NotFound {
            entity: Entity::Procurement,
            ..
        }
    ));
}

#[test]
fn a_stale_line_is_named_by_its_requirement_id() {
    let mut s = with_alpha();
    let id = s.write(|tx| tx.create_procurement(&procurement())).unwrap();
    s.write(|tx| tx.link_set(id, "alpha", AboveAmbition::LeaveOut))
        .unwrap();
    let seen = s.lines(id).unwrap().remove(0);
    let mut edit = seen.value.clone();
    edit.included = false;
    s.write(|tx| tx.update_line(seen.id, seen.revision, &edit))
        .unwrap();
    let err = s
        .write(|tx| tx.update_line(seen.id, seen.revision, &edit))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Stale { entity: Entity::RequirementLine, ref id } if id == "ALPHA-01"),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("the requirement line ALPHA-01 ")
    );
}

#[test]
fn each_change_writes_its_audit_row() {
    let mut s = with_alpha();
    let id = s.write(|tx| tx.create_procurement(&procurement())).unwrap();
    s.write(|tx| tx.link_set(id, "alpha", AboveAmbition::LeaveOut))
        .unwrap();
    let trail = s
        .audit_trail(Some(("procurement", &id.to_string())), 10)
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["link-set", "create"]);
    assert_eq!(
        trail[1].after.as_ref().unwrap()["title"],
        procurement().title
    );
}

#[test]
fn superseded_versions_show() {
    let mut s = with_alpha();
    let id = s.write(|tx| tx.create_procurement(&procurement())).unwrap();
    s.write(|tx| tx.link_set(id, "alpha", AboveAmbition::LeaveOut))
        .unwrap();
    s.sync_builtins(
        &[set("alpha", "2026.2", &[("ALPHA-01", "Lagring i Sverige")])],
        "h2",
    )
    .unwrap();
    let linked = s.linked_sets(id).unwrap();
    assert!(linked[0].is_superseded());
    assert_eq!(linked[0].current_version, "2026.2");
}
