//! Contracts, their lines (the procurement's lines as awarded, each with a follow-up risk) and
//! the evidence the supplier owes. Creating a contract plans its first review.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::audit::snapshot;
use super::procurements::Record;
use super::{Entity, Result, Store, StoreError, Tx, parse_date};
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

fn conv(i: usize, e: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.to_string().into())
}

fn date_at(r: &Row, i: usize) -> rusqlite::Result<NaiveDate> {
    parse_date(&r.get::<_, String>(i)?).map_err(|e| conv(i, e))
}

fn opt_date_at(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?
        .map(|s| parse_date(&s).map_err(|e| conv(i, e)))
        .transpose()
}

const CONTRACT_COLUMNS: &str = "id, revision, supplier_id, procurement_id, title, reference, \
     start_date, end_date, options, responsible, tier, first_after, every, mode";

pub(crate) fn read_contract(r: &Row) -> rusqlite::Result<ContractRecord> {
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
            start: date_at(r, 6)?,
            end: opt_date_at(r, 7)?,
            options: r.get(8)?,
            responsible: r.get(9)?,
            tier: Tier::from_code(&r.get::<_, String>(10)?).ok_or_else(|| conv(10, "tier"))?,
            schedule: Schedule {
                first_after,
                every,
                mode: Mode::from_code(&r.get::<_, String>(13)?).ok_or_else(|| conv(13, "mode"))?,
            },
        },
    })
}

pub(crate) fn load_contract(conn: &rusqlite::Connection, id: i64) -> Result<ContractRecord> {
    conn.query_row(
        &format!("SELECT {CONTRACT_COLUMNS} FROM contract WHERE id = ?1"),
        [id],
        read_contract,
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: Entity::Contract,
        id: id.to_string(),
    })
}

pub(crate) fn read_contract_lines(
    conn: &rusqlite::Connection,
    contract_id: i64,
) -> Result<Vec<ContractLineRow>> {
    let mut stmt = conn.prepare_cached(
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

impl Store {
    pub fn contracts(&self) -> Result<Vec<ContractSummary>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, c.title, c.reference, c.supplier_id, s.name, c.start_date, c.end_date,
                    c.tier,
                    (SELECT r.due_on FROM review r WHERE r.contract_id = c.id
                        AND r.status IN ('planned', 'in_progress'))
             FROM contract c JOIN supplier s ON s.id = c.supplier_id
             ORDER BY c.start_date DESC, c.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ContractSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                reference: r.get(2)?,
                supplier_id: r.get(3)?,
                supplier: r.get(4)?,
                start: date_at(r, 5)?,
                end: opt_date_at(r, 6)?,
                tier: Tier::from_code(&r.get::<_, String>(7)?).ok_or_else(|| conv(7, "tier"))?,
                next_due: opt_date_at(r, 8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn contract(&self, id: i64) -> Result<Option<ContractRecord>> {
        match load_contract(self.conn(), id) {
            Ok(c) => Ok(Some(c)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn contract_lines(&self, contract_id: i64) -> Result<Vec<ContractLineRow>> {
        read_contract_lines(self.conn(), contract_id)
    }

    pub fn evidence(&self, contract_id: i64) -> Result<Vec<Record<Evidence>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, revision, kind, reference, received_on, valid_until FROM evidence
             WHERE contract_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([contract_id], |r| {
            Ok(Record {
                id: r.get(0)?,
                revision: r.get(1)?,
                value: Evidence {
                    kind: EvidenceKind::from_code(&r.get::<_, String>(2)?)
                        .unwrap_or(EvidenceKind::Other),
                    reference: r.get(3)?,
                    received_on: opt_date_at(r, 4)?,
                    valid_until: opt_date_at(r, 5)?,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Tx<'_> {
    /// Signs a contract: its lines are the procurement's included lines that have a follow-up,
    /// each with the requirement's default risk, and its first review is planned.
    pub fn create_contract(&self, new: &NewContract) -> Result<i64> {
        let c = &new.contract;
        c.validate()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let lines = match new.procurement_id {
            Some(pid) => self.awarded_lines(pid)?,
            None => Vec::new(),
        };
        self.execute(
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
        let id = self.last_insert_rowid();
        let mut stmt = self.prepare_cached(
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
        let status: String = self
            .query_row(
                "SELECT status FROM procurement WHERE id = ?1",
                [procurement_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: Entity::Procurement,
                id: procurement_id.to_string(),
            })?;
        if !matches!(
            Status::from_code(&status),
            Some(Status::Awarded | Status::Closed)
        ) {
            return Err(StoreError::Invalid(format!(
                "the procurement is {status}; a contract can be signed only once it is awarded"
            )));
        }
        let mut stmt = self.prepare_cached(
            "SELECT id, body FROM procurement_line WHERE procurement_id = ?1 AND included
             ORDER BY position",
        )?;
        let rows = stmt.query_map([procurement_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, body) = row?;
            let line: Line = serde_json::from_str(&body)?;
            if line.is_followed_up() {
                out.push((id, line.risk.unwrap_or(Risk::DEFAULT)));
            }
        }
        Ok(out)
    }

    pub fn set_line_risk(&self, contract_line_id: i64, revision: i64, risk: Risk) -> Result<()> {
        let changed = self.execute(
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
        )
    }

    pub fn add_evidence(&self, contract_id: i64, e: &Evidence) -> Result<i64> {
        self.execute(
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
        let id = self.last_insert_rowid();
        self.audit("evidence", id, "create", None, snapshot(e))?;
        Ok(id)
    }
}
