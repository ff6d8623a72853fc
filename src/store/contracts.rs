//! Contracts, their lines (the procurement's lines as awarded, each with a follow-up risk) and
//! the evidence the supplier owes. Creating a contract plans its first review.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::audit::snapshot;
use super::procurements::{ReadProcurements, Record, corrupt};
use super::sealed::Conn;
use super::{Entity, Result, StoreError, Tx};
use crate::domain::contract::EvidenceKind;
use crate::domain::review::FollowUp;
use crate::domain::{Contract, Evidence, Kind, Line, Mode, Risk, Schedule, Status, Text, Tier};

#[derive(Debug, Clone, PartialEq)]
pub struct NewContract {
    pub contract: Contract,
    pub supplier_id: i64,
    pub procurement_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContractRecord {
    pub id: i64,
    pub revision: i64,
    pub supplier_id: i64,
    pub procurement_id: Option<i64>,
    pub contract: Contract,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractSummary {
    pub id: i64,
    pub title: String,
    pub reference: String,
    pub supplier_id: i64,
    pub supplier: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub tier: Tier,
    /// Due date of the open review, if any.
    pub next_due: Option<NaiveDate>,
}

/// A contract line with the requirement text it follows up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractLineRow {
    pub id: i64,
    pub revision: i64,
    pub procurement_line_id: i64,
    pub label: String,
    pub kind: Kind,
    pub position: u32,
    pub title: Text,
    pub follow_up: Text,
    pub risk: Risk,
}

const CONTRACT_COLUMNS: &str = "id, revision, supplier_id, procurement_id, title, reference, \
     start_date, end_date, options, responsible, tier, first_after, every, mode";

fn read_contract(r: &Row) -> rusqlite::Result<ContractRecord> {
    let every: u32 = r.get(12)?;
    let first_after: u32 = r.get(11)?;
    Ok(ContractRecord {
        id: r.get(0)?,
        revision: r.get(1)?,
        supplier_id: r.get(2)?,
        procurement_id: r.get(3)?,
        contract: Contract {
            title: r.get(4)?,
            reference: r.get(5)?,
            start: r.get(6)?,
            end: r.get(7)?,
            options: r.get(8)?,
            responsible: r.get(9)?,
            tier: Tier::from_code(&r.get::<_, String>(10)?).ok_or_else(|| corrupt(10, "tier"))?,
            schedule: Schedule {
                first_after,
                every,
                mode: Mode::from_code(&r.get::<_, String>(13)?)
                    .ok_or_else(|| corrupt(13, "mode"))?,
            },
        },
    })
}

/// Reads of contracts, their lines and the evidence owed.
pub trait ReadContracts: Conn {
    fn contracts(&self) -> Result<Vec<ContractSummary>> {
        super::all(
            self.conn(),
            "SELECT c.id, c.title, c.reference, c.supplier_id, s.name, c.start_date, c.end_date,
                    c.tier,
                    (SELECT r.due_on FROM review r WHERE r.contract_id = c.id
                        AND r.status IN ('planned', 'in_progress'))
             FROM contract c JOIN supplier s ON s.id = c.supplier_id
             ORDER BY c.start_date DESC, c.id DESC",
            [],
            |r| {
                Ok(ContractSummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    reference: r.get(2)?,
                    supplier_id: r.get(3)?,
                    supplier: r.get(4)?,
                    start: r.get(5)?,
                    end: r.get(6)?,
                    tier: Tier::from_code(&r.get::<_, String>(7)?)
                        .ok_or_else(|| corrupt(7, "tier"))?,
                    next_due: r.get(8)?,
                })
            },
        )
    }

    fn contract(&self, id: i64) -> Result<Option<ContractRecord>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {CONTRACT_COLUMNS} FROM contract WHERE id = ?1"),
                [id],
                read_contract,
            )
            .optional()?)
    }

    /// A contract's lines in the procurement's order, each with the text it follows up.
    fn contract_lines(&self, contract_id: i64) -> Result<Vec<ContractLineRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT cl.id, cl.revision, cl.procurement_line_id, cl.likelihood, cl.consequence, pl.body
             FROM contract_line cl JOIN procurement_line pl ON pl.id = cl.procurement_line_id
             WHERE cl.contract_id = ?1 ORDER BY pl.position, pl.id",
        )?;
        let rows = stmt.query_map([contract_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (id, revision, line_id, l, c, body) = row?;
            let line: Line = serde_json::from_str(&body)?;
            Ok(ContractLineRow {
                id,
                revision,
                procurement_line_id: line_id,
                label: line.label(),
                kind: line.kind,
                position: line.position,
                title: line.title,
                follow_up: line.follow_up,
                risk: Risk::new(l, c).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            })
        })
        .collect()
    }

    fn evidence(&self, contract_id: i64) -> Result<Vec<Record<Evidence>>> {
        super::all(
            self.conn(),
            "SELECT id, revision, kind, reference, received_on, valid_until FROM evidence
             WHERE contract_id = ?1 ORDER BY id",
            [contract_id],
            |r| {
                Ok(Record {
                    id: r.get(0)?,
                    revision: r.get(1)?,
                    value: Evidence {
                        kind: EvidenceKind::from_code(&r.get::<_, String>(2)?)
                            .unwrap_or(EvidenceKind::Other),
                        reference: r.get(3)?,
                        received_on: r.get(4)?,
                        valid_until: r.get(5)?,
                    },
                })
            },
        )
    }
}

impl<C: Conn + ?Sized> ReadContracts for C {}

impl Tx<'_> {
    /// Signs a contract: its lines are the procurement's included lines that have a follow-up,
    /// each with the requirement's default risk, and its first review is planned.
    pub fn create_contract(&self, new: &NewContract) -> Result<i64> {
        let c = &new.contract;
        c.validate()?;
        let lines = match new.procurement_id {
            Some(pid) => self.awarded_lines(pid)?,
            None => Vec::new(),
        };
        self.tx.execute(
            "INSERT INTO contract(procurement_id, supplier_id, title, reference, start_date,
                 end_date, options, responsible, tier, first_after, every, mode)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                new.procurement_id,
                new.supplier_id,
                c.title.trim(),
                c.reference.trim(),
                c.start,
                c.end,
                c.options,
                c.responsible,
                c.tier.code(),
                c.schedule.first_after,
                c.schedule.every,
                c.schedule.mode.code()
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO contract_line(contract_id, procurement_line_id, likelihood, consequence)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (line_id, risk) in &lines {
            stmt.execute(params![id, line_id, risk.likelihood, risk.consequence])?;
        }
        let mut plan = FollowUp::new(c.start, c.end, c.schedule);
        plan.plan_first()?;
        for review in &plan.reviews {
            self.insert_review(id, review)?;
        }
        self.audit(
            "contract",
            id,
            "create",
            None,
            snapshot(&serde_json::json!({
                "contract": c, "supplier_id": new.supplier_id,
                "procurement_id": new.procurement_id, "lines": lines.len()
            })),
        )?;
        Ok(id)
    }

    fn awarded_lines(&self, procurement_id: i64) -> Result<Vec<(i64, Risk)>> {
        let status = self.existing_procurement(procurement_id)?.value.status;
        if !matches!(status, Status::Awarded | Status::Closed) {
            return Err(StoreError::Invalid(format!(
                "the procurement is {}; a contract can be signed only once it is awarded",
                status.code()
            )));
        }
        Ok(self
            .lines(procurement_id)?
            .into_iter()
            .filter(|l| l.value.included && l.value.is_followed_up())
            .map(|l| (l.id, l.value.risk.unwrap_or(Risk::DEFAULT)))
            .collect())
    }

    /// Returns the line's new revision.
    pub fn set_line_risk(&self, contract_line_id: i64, revision: i64, risk: Risk) -> Result<i64> {
        let changed = self.tx.execute(
            "UPDATE contract_line SET likelihood = ?3, consequence = ?4, revision = revision + 1
             WHERE id = ?1 AND revision = ?2",
            params![
                contract_line_id,
                revision,
                risk.likelihood,
                risk.consequence
            ],
        )?;
        self.expect_updated(changed, Entity::ContractLine, contract_line_id)?;
        self.audit(
            "contract_line",
            contract_line_id,
            "risk",
            None,
            snapshot(&risk),
        )?;
        Ok(revision + 1)
    }

    pub fn add_evidence(&self, contract_id: i64, e: &Evidence) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO evidence(contract_id, kind, reference, received_on, valid_until)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                contract_id,
                e.kind.code(),
                e.reference,
                e.received_on,
                e.valid_until
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit("evidence", id, "create", None, snapshot(e))?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Country, Preset, Supplier};
    use crate::store::test_support::store;

    #[test]
    fn a_malformed_stored_date_is_an_error_not_a_missing_date() {
        let mut s = store();
        let cid = s
            .write(|tx| {
                let sid = tx.create_supplier(&Supplier {
                    name: "Datumfel AB".into(),
                    org_number: crate::domain::OrgNumber::parse("556036-0793").ok(),
                    foreign_registration: String::new(),
                    country: Country::sweden(),
                    contact: String::new(),
                    notes: String::new(),
                })?;
                tx.create_contract(&NewContract {
                    contract: Contract {
                        title: "Avtal".into(),
                        reference: "AVT 1".into(),
                        start: NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
                        end: None,
                        options: String::new(),
                        responsible: String::new(),
                        tier: Tier::B,
                        schedule: Preset::SkrB.schedule(),
                    },
                    supplier_id: sid,
                    procurement_id: None,
                })
            })
            .unwrap();
        assert_eq!(
            s.contract(cid).unwrap().unwrap().contract.end,
            None,
            "a missing end date reads as none"
        );
        for (column, bad) in [("end_date", "2026-02-30"), ("start_date", "31/1 2026")] {
            s.conn()
                .execute(
                    &format!("UPDATE contract SET {column} = ?1 WHERE id = ?2"),
                    rusqlite::params![bad, cid],
                )
                .unwrap();
            assert!(s.contract(cid).is_err(), "{column} = {bad}");
            assert!(s.contracts().is_err(), "{column} = {bad}");
        }
    }
}
