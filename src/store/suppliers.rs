//! Suppliers, their sub-suppliers and the history of notified sub-supplier changes. An approved
//! change updates the sub-supplier list; every change stays in the history.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::audit::snapshot;
use super::procurements::{Record, corrupt};
use super::sealed::Conn;
use super::{Entity, Result, StoreError, Tx};
use crate::domain::supplier::{ChangeKind, Decision, SubSupplierChange};
use crate::domain::{Country, OrgNumber, SubSupplier, SubSupplierStatus, Supplier};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupplierSummary {
    pub id: i64,
    pub name: String,
    pub org_number: Option<String>,
    pub country: String,
    pub sub_suppliers: i64,
    pub contracts: i64,
    pub pending_changes: i64,
}

fn org(r: &Row, i: usize) -> rusqlite::Result<Option<OrgNumber>> {
    r.get::<_, Option<String>>(i)?
        .map(|s| OrgNumber::parse(&s).map_err(|e| corrupt(i, e)))
        .transpose()
}

fn country(r: &Row, i: usize) -> rusqlite::Result<Country> {
    Country::parse(&r.get::<_, String>(i)?).map_err(|e| corrupt(i, e))
}

fn read_supplier(r: &Row) -> rusqlite::Result<Record<Supplier>> {
    Ok(Record {
        id: r.get(0)?,
        revision: r.get(1)?,
        value: Supplier {
            name: r.get(2)?,
            org_number: org(r, 3)?,
            foreign_registration: r.get(4)?,
            country: country(r, 5)?,
            contact: r.get(6)?,
            notes: r.get(7)?,
        },
    })
}

fn read_sub(r: &Row) -> rusqlite::Result<Record<SubSupplier>> {
    Ok(Record {
        id: r.get(0)?,
        revision: r.get(1)?,
        value: SubSupplier {
            name: r.get(2)?,
            org_number: org(r, 3)?,
            country: country(r, 4)?,
            role: r.get(5)?,
            processing_location: r.get(6)?,
            approved_on: r.get(7)?,
            status: SubSupplierStatus::from_code(&r.get::<_, String>(8)?)
                .ok_or_else(|| corrupt(8, "status"))?,
        },
    })
}

fn read_change(r: &Row) -> rusqlite::Result<(Record<SubSupplierChange>, Option<i64>)> {
    let change = SubSupplierChange {
        kind: ChangeKind::from_code(&r.get::<_, String>(2)?).ok_or_else(|| corrupt(2, "kind"))?,
        sub_supplier: r.get(3)?,
        new_country: r
            .get::<_, Option<String>>(4)?
            .map(|c| Country::parse(&c).map_err(|e| corrupt(4, e)))
            .transpose()?,
        notified_on: r.get(5)?,
        objection_deadline: r.get(6)?,
        decision: Decision::from_code(&r.get::<_, String>(7)?)
            .ok_or_else(|| corrupt(7, "decision"))?,
        decided_on: r.get(8)?,
        note: r.get(9)?,
    };
    Ok((
        Record {
            id: r.get(0)?,
            revision: r.get(1)?,
            value: change,
        },
        r.get(10)?,
    ))
}

const SUB_COLUMNS: &str =
    "id, revision, name, org_number, country, role, processing_location, approved_on, status";
const CHANGE_COLUMNS: &str = "id, revision, kind, sub_supplier_name, new_country, notified_on, \
                              objection_deadline, decision, decided_on, note, sub_supplier_id";

const SUPPLIER_COLUMNS: &str =
    "id, revision, name, org_number, foreign_registration, country, contact, notes";

/// Reads of suppliers, their sub-suppliers and notified changes.
pub trait ReadSuppliers: Conn {
    fn suppliers(&self) -> Result<Vec<SupplierSummary>> {
        super::all(self.conn(), "SELECT s.id, s.name, s.org_number, s.country,
                 (SELECT count(*) FROM sub_supplier u WHERE u.supplier_id = s.id AND u.status <> 'removed'),
                 (SELECT count(*) FROM contract c WHERE c.supplier_id = s.id),
                 (SELECT count(*) FROM sub_supplier_change h WHERE h.supplier_id = s.id AND h.decision = 'pending')
             FROM supplier s ORDER BY s.name COLLATE NOCASE, s.id", [], |r| {
            Ok(SupplierSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                org_number: r.get(2)?,
                country: r.get(3)?,
                sub_suppliers: r.get(4)?,
                contracts: r.get(5)?,
                pending_changes: r.get(6)?,
            })
        })
    }

    fn supplier(&self, id: i64) -> Result<Option<Record<Supplier>>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {SUPPLIER_COLUMNS} FROM supplier WHERE id = ?1"),
                [id],
                read_supplier,
            )
            .optional()?)
    }

    fn sub_suppliers(&self, supplier_id: i64) -> Result<Vec<Record<SubSupplier>>> {
        super::all(
            self.conn(),
            &format!(
                "SELECT {SUB_COLUMNS} FROM sub_supplier WHERE supplier_id = ?1 ORDER BY name, id"
            ),
            [supplier_id],
            read_sub,
        )
    }

    /// Notified changes, newest first, with the sub-supplier each concerns.
    fn sub_supplier_changes(
        &self,
        supplier_id: i64,
    ) -> Result<Vec<(Record<SubSupplierChange>, Option<i64>)>> {
        super::all(
            self.conn(),
            &format!(
                "SELECT {CHANGE_COLUMNS} FROM sub_supplier_change WHERE supplier_id = ?1
             ORDER BY notified_on DESC, id DESC"
            ),
            [supplier_id],
            read_change,
        )
    }

    /// One notified change, with the sub-supplier it concerns.
    fn sub_supplier_change(
        &self,
        change_id: i64,
    ) -> Result<Option<(Record<SubSupplierChange>, Option<i64>)>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {CHANGE_COLUMNS} FROM sub_supplier_change WHERE id = ?1"),
                [change_id],
                read_change,
            )
            .optional()?)
    }
}

impl<C: Conn + ?Sized> ReadSuppliers for C {}

/// A unique-constraint failure on the org number becomes a message the user can act on.
fn org_taken(e: rusqlite::Error, org: Option<&OrgNumber>) -> StoreError {
    match (&e, org) {
        (rusqlite::Error::SqliteFailure(f, _), Some(o))
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::OrgNumberTaken(o.to_string())
        }
        _ => StoreError::Sqlite(e),
    }
}

impl Tx<'_> {
    pub fn create_supplier(&self, s: &Supplier) -> Result<i64> {
        s.validate()?;
        self.tx.execute(
            "INSERT INTO supplier(name, org_number, foreign_registration, country, contact, notes,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                s.name.trim(),
                s.org_number.map(|o| o.to_string()),
                s.foreign_registration,
                s.country.code(),
                s.contact,
                s.notes,
                self.at
            ],
        )
        .map_err(|e| org_taken(e, s.org_number.as_ref()))?;
        let id = self.tx.last_insert_rowid();
        self.audit("supplier", id, "create", None, snapshot(s))?;
        Ok(id)
    }

    /// Returns the new revision.
    pub fn update_supplier(&self, id: i64, revision: i64, s: &Supplier) -> Result<i64> {
        s.validate()?;
        let before = self.supplier(id)?.ok_or(StoreError::NotFound {
            entity: Entity::Supplier,
            id: s.name.clone(),
        })?;
        let changed = self
            .tx
            .execute(
                "UPDATE supplier SET name = ?3, org_number = ?4, foreign_registration = ?5,
                     country = ?6, contact = ?7, notes = ?8, updated_at = ?9, revision = revision + 1
                 WHERE id = ?1 AND revision = ?2",
                params![
                    id,
                    revision,
                    s.name.trim(),
                    s.org_number.map(|o| o.to_string()),
                    s.foreign_registration,
                    s.country.code(),
                    s.contact,
                    s.notes,
                    self.at
                ],
            )
            .map_err(|e| org_taken(e, s.org_number.as_ref()))?;
        self.expect_updated(changed, Entity::Supplier, id)?;
        self.audit(
            "supplier",
            id,
            "update",
            snapshot(&before.value),
            snapshot(s),
        )?;
        Ok(revision + 1)
    }

    pub fn add_sub_supplier(&self, supplier_id: i64, sub: &SubSupplier) -> Result<i64> {
        if sub.name.trim().is_empty() {
            return Err(StoreError::Invalid("the sub-supplier needs a name".into()));
        }
        self.tx.execute(
            "INSERT INTO sub_supplier(supplier_id, name, org_number, country, role,
                 processing_location, approved_on, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                supplier_id,
                sub.name.trim(),
                sub.org_number.map(|o| o.to_string()),
                sub.country.code(),
                sub.role,
                sub.processing_location,
                sub.approved_on,
                sub.status.code()
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit("sub_supplier", id, "create", None, snapshot(sub))?;
        Ok(id)
    }

    /// Records a change the supplier notified; a new sub-supplier enters the list as proposed.
    pub fn notify_sub_supplier_change(
        &self,
        supplier_id: i64,
        change: &SubSupplierChange,
        sub_supplier_id: Option<i64>,
        new_sub: Option<&SubSupplier>,
    ) -> Result<i64> {
        let sub_id = match (sub_supplier_id, new_sub) {
            (Some(id), _) => Some(id),
            (None, Some(sub)) => Some(self.add_sub_supplier(
                supplier_id,
                &SubSupplier {
                    status: SubSupplierStatus::Proposed,
                    approved_on: None,
                    ..sub.clone()
                },
            )?),
            (None, None) => None,
        };
        self.tx.execute(
            "INSERT INTO sub_supplier_change(supplier_id, sub_supplier_id, kind, sub_supplier_name,
                 new_country, notified_on, objection_deadline, decision, decided_on, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                supplier_id,
                sub_id,
                change.kind.code(),
                change.sub_supplier,
                change.new_country.as_ref().map(Country::code),
                change.notified_on,
                change.objection_deadline,
                change.decision.code(),
                change.decided_on,
                change.note
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit("sub_supplier_change", id, "notify", None, snapshot(change))?;
        Ok(id)
    }

    /// Approves or objects to a notified change; an approval updates the sub-supplier list.
    /// Returns the change's new revision.
    pub fn decide_sub_supplier_change(
        &self,
        change_id: i64,
        revision: i64,
        decision: Decision,
        on: NaiveDate,
    ) -> Result<i64> {
        let (mut rec, sub_id) =
            self.sub_supplier_change(change_id)?
                .ok_or(StoreError::NotFound {
                    entity: Entity::SubSupplierChange,
                    id: change_id.to_string(),
                })?;
        let before = rec.value.clone();
        rec.value
            .decide(decision, on)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let changed = self.tx.execute(
            "UPDATE sub_supplier_change SET decision = ?3, decided_on = ?4, revision = revision + 1
             WHERE id = ?1 AND revision = ?2",
            params![change_id, revision, decision.code(), on],
        )?;
        self.expect_updated(changed, Entity::SubSupplierChange, change_id)?;
        if let Some(sub_id) = sub_id {
            self.apply_change(sub_id, &rec.value, on)?;
        }
        self.audit(
            "sub_supplier_change",
            change_id,
            "decide",
            snapshot(&before),
            snapshot(&rec.value),
        )?;
        Ok(revision + 1)
    }

    fn apply_change(&self, sub_id: i64, change: &SubSupplierChange, on: NaiveDate) -> Result<()> {
        let (status, country, approved): (Option<SubSupplierStatus>, Option<&Country>, bool) =
            match (change.decision, change.kind) {
                (Decision::Approved, ChangeKind::Added | ChangeKind::Replaced) => {
                    (Some(SubSupplierStatus::Approved), None, true)
                }
                (Decision::Approved, ChangeKind::Removed) => {
                    (Some(SubSupplierStatus::Removed), None, false)
                }
                (Decision::Approved, ChangeKind::MovedCountry) => {
                    (None, change.new_country.as_ref(), true)
                }
                (Decision::Objected, ChangeKind::Added | ChangeKind::Replaced) => {
                    (Some(SubSupplierStatus::Objected), None, false)
                }
                _ => (None, None, false),
            };
        self.tx.execute(
            "UPDATE sub_supplier SET status = coalesce(?2, status), country = coalesce(?3, country),
                 approved_on = CASE WHEN ?4 THEN ?5 ELSE approved_on END, revision = revision + 1
             WHERE id = ?1",
            params![
                sub_id,
                status.map(|s| s.code()),
                country.map(Country::code),
                approved,
                on
            ],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::supplier::DEFAULT_NOTICE_DAYS;
    use crate::store::test_support::store;

    pub fn supplier(name: &str, org: &str) -> Supplier {
        Supplier {
            name: name.into(),
            org_number: Some(OrgNumber::parse(org).unwrap()),
            foreign_registration: String::new(),
            country: Country::sweden(),
            contact: "Kim Kontakt, kim@example.se".into(),
            notes: String::new(),
        }
    }

    fn sub(name: &str, country: &str) -> SubSupplier {
        SubSupplier {
            name: name.into(),
            org_number: None,
            country: Country::parse(country).unwrap(),
            role: "Drift".into(),
            processing_location: "Stockholm".into(),
            approved_on: None,
            status: SubSupplierStatus::Approved,
        }
    }

    #[test]
    fn org_numbers_are_unique_per_supplier() {
        let mut s = store();
        s.write(|tx| tx.create_supplier(&supplier("Saab AB", "556036-0793")))
            .unwrap();
        let err = s
            .write(|tx| tx.create_supplier(&supplier("Saab igen", "5560360793")))
            .unwrap_err();
        assert!(matches!(err, StoreError::OrgNumberTaken(ref o) if o == "556036-0793"));
        assert_eq!(s.suppliers().unwrap().len(), 1);
    }

    #[test]
    fn an_approved_change_updates_the_list_and_keeps_history() {
        let mut s = store();
        let sid = s
            .write(|tx| tx.create_supplier(&supplier("Molnleverantören AB", "556036-0793")))
            .unwrap();
        s.write(|tx| tx.add_sub_supplier(sid, &sub("Datacenter Nord AB", "SE")))
            .unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let change = SubSupplierChange::notified(
            ChangeKind::Added,
            "Support Global Inc".into(),
            day,
            DEFAULT_NOTICE_DAYS,
        );
        let cid = s
            .write(|tx| {
                tx.notify_sub_supplier_change(
                    sid,
                    &change,
                    None,
                    Some(&sub("Support Global Inc", "US")),
                )
            })
            .unwrap();
        let subs = s.sub_suppliers(sid).unwrap();
        let proposed = subs
            .iter()
            .find(|r| r.value.name == "Support Global Inc")
            .unwrap();
        assert_eq!(proposed.value.status, SubSupplierStatus::Proposed);
        assert!(proposed.value.is_third_country());
        assert_eq!(s.suppliers().unwrap()[0].pending_changes, 1);
        s.write(|tx| tx.decide_sub_supplier_change(cid, 1, Decision::Objected, day))
            .unwrap();
        let subs = s.sub_suppliers(sid).unwrap();
        let objected = subs
            .iter()
            .find(|r| r.value.name == "Support Global Inc")
            .unwrap();
        assert_eq!(objected.value.status, SubSupplierStatus::Objected);
        let history = s.sub_supplier_changes(sid).unwrap();
        assert_eq!(history[0].0.value.decision, Decision::Objected);
        let twice = s.write(|tx| tx.decide_sub_supplier_change(cid, 2, Decision::Approved, day));
        assert!(twice.is_err(), "a change is decided once");
    }
}
