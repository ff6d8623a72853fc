//! Procurements, their lines and the set versions they were drawn from. The rules (allowed
//! transitions, frozen lines, what applies) are the domain's; this module loads, asks the
//! domain, and saves the result with its audit row.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::audit::snapshot;
use super::sealed::Conn;
use super::{Entity, Result, StoreError, Tx};
use crate::domain::{Line, Procedure, Procurement, Scoring, Status};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcurementSummary {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub status: Status,
    pub owner: String,
    pub procedure: Procedure,
    pub deadline: Option<NaiveDate>,
    /// Included lines.
    pub lines: i64,
}

/// What the dashboard shows of a procurement it follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcurementHead {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub status: Status,
    pub deadline: Option<NaiveDate>,
}

/// A reasoned change to a published tender: of one line, or of the procurement itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amendment {
    pub line_id: Option<i64>,
    pub reason: String,
    /// When (UTC, RFC 3339) and by whom.
    pub at: String,
    pub actor: String,
}

/// A stored value with its row id and the revision a write must name.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<T> {
    pub id: i64,
    pub revision: i64,
    pub value: T,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedSet {
    pub set_id: String,
    pub version: String,
    /// The library's current version of the set; differs from `version` when superseded.
    pub current_version: String,
}

impl LinkedSet {
    pub fn is_superseded(&self) -> bool {
        self.version != self.current_version
    }
}

fn read_procurement(r: &Row) -> rusqlite::Result<Record<Procurement>> {
    let text = |i: usize| r.get::<_, String>(i);
    let procurement = Procurement {
        reference: text(2)?,
        title: text(3)?,
        owner: text(4)?,
        procedure: Procedure::from_code(&text(5)?).ok_or_else(|| corrupt(5, "procedure"))?,
        status: Status::from_code(&text(6)?).ok_or_else(|| corrupt(6, "status"))?,
        deadline: r.get(7)?,
        published_on: r.get(8)?,
        profile: serde_json::from_str(&text(9)?).map_err(|e| corrupt(9, e))?,
        weight_total: r.get(10)?,
        scoring: Scoring::from_code(&text(11)?).ok_or_else(|| corrupt(11, "scoring"))?,
    };
    Ok(Record {
        id: r.get(0)?,
        revision: r.get(1)?,
        value: procurement,
    })
}

/// A column whose text is not what the program wrote: an error, never a silent default.
pub(super) fn corrupt(col: usize, e: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        e.to_string().into(),
    )
}

fn summaries(conn: &rusqlite::Connection) -> Result<Vec<ProcurementSummary>> {
    super::all(
        conn,
        "SELECT p.id, p.reference, p.title, p.status, p.owner, p.procedure, p.deadline,
             (SELECT count(*) FROM procurement_line l WHERE l.procurement_id = p.id AND l.included)
         FROM procurement p ORDER BY p.created_at DESC, p.id DESC",
        [],
        |r| {
            let code = |i: usize| r.get::<_, String>(i);
            Ok(ProcurementSummary {
                id: r.get(0)?,
                reference: r.get(1)?,
                title: r.get(2)?,
                status: Status::from_code(&code(3)?).ok_or_else(|| corrupt(3, "status"))?,
                owner: r.get(4)?,
                procedure: Procedure::from_code(&code(5)?)
                    .ok_or_else(|| corrupt(5, "procedure"))?,
                deadline: r.get(6)?,
                lines: r.get(7)?,
            })
        },
    )
}

const PROCUREMENT_COLUMNS: &str = "id, revision, reference, title, owner, procedure, status, \
                                   deadline, published_on, profile, weight_total, scoring";

/// Reads of procurements and their lines.
pub trait ReadProcurements: Conn {
    /// Every procurement for lists, newest first: the columns a list shows, not the profile
    /// (a list of thousands must not parse thousands of profiles).
    fn procurements(&self) -> Result<Vec<ProcurementSummary>> {
        summaries(self.conn())
    }

    /// The procurements the dashboard follows, drafts and published ones, with only what it
    /// shows: the first frame of the program waits for this.
    fn open_procurements(&self) -> Result<Vec<ProcurementHead>> {
        super::all(
            self.conn(),
            "SELECT id, reference, title, status, deadline FROM procurement
             WHERE status IN ('draft', 'published') ORDER BY created_at DESC, id DESC",
            [],
            |r| {
                Ok(ProcurementHead {
                    id: r.get(0)?,
                    reference: r.get(1)?,
                    title: r.get(2)?,
                    status: Status::from_code(&r.get::<_, String>(3)?)
                        .ok_or_else(|| corrupt(3, "status"))?,
                    deadline: r.get(4)?,
                })
            },
        )
    }

    fn procurement(&self, id: i64) -> Result<Option<Record<Procurement>>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {PROCUREMENT_COLUMNS} FROM procurement WHERE id = ?1"),
                [id],
                read_procurement,
            )
            .optional()?)
    }

    /// A procurement that must exist: the one a write, a preview or a drift is about.
    fn existing_procurement(&self, id: i64) -> Result<Record<Procurement>> {
        self.procurement(id)?.ok_or(StoreError::NotFound {
            entity: Entity::Procurement,
            id: id.to_string(),
        })
    }

    /// The row id of the procurement with this reference (diarienummer), which is unique.
    fn procurement_by_reference(&self, reference: &str) -> Result<Option<i64>> {
        let sql = "SELECT id FROM procurement WHERE reference = ?1";
        let found = self.conn().query_row(sql, [reference.trim()], |r| r.get(0));
        Ok(found.optional()?)
    }

    /// A procurement's lines in tender order of position.
    fn lines(&self, procurement_id: i64) -> Result<Vec<Record<Line>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, revision, body FROM procurement_line WHERE procurement_id = ?1
             ORDER BY position, id",
        )?;
        let rows = stmt.query_map([procurement_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (id, revision, body) = row?;
            Ok(Record {
                id,
                revision,
                value: serde_json::from_str(&body)?,
            })
        })
        .collect()
    }

    /// One line, with the procurement it belongs to.
    fn line(&self, line_id: i64) -> Result<Option<(i64, Record<Line>)>> {
        let row: Option<(i64, i64, String)> = self
            .conn()
            .query_row(
                "SELECT procurement_id, revision, body FROM procurement_line WHERE id = ?1",
                [line_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        row.map(|(pid, revision, body)| {
            Ok((
                pid,
                Record {
                    id: line_id,
                    revision,
                    value: serde_json::from_str(&body)?,
                },
            ))
        })
        .transpose()
    }

    /// The amendments of a procurement, oldest first.
    fn amendments(&self, procurement_id: i64) -> Result<Vec<Amendment>> {
        super::all(
            self.conn(),
            "SELECT line_id, reason, at, actor FROM amendment WHERE procurement_id = ?1
             ORDER BY id",
            [procurement_id],
            |r| {
                Ok(Amendment {
                    line_id: r.get(0)?,
                    reason: r.get(1)?,
                    at: r.get(2)?,
                    actor: r.get(3)?,
                })
            },
        )
    }

    fn linked_sets(&self, procurement_id: i64) -> Result<Vec<LinkedSet>> {
        super::all(
            self.conn(),
            "SELECT ps.set_id, v.version, c.version
             FROM procurement_set ps
             JOIN set_version v ON v.id = ps.set_version_id
             JOIN requirement_set s ON s.id = ps.set_id
             JOIN set_version c ON c.id = s.current_version_id
             WHERE ps.procurement_id = ?1 ORDER BY ps.set_id",
            [procurement_id],
            |r| {
                Ok(LinkedSet {
                    set_id: r.get(0)?,
                    version: r.get(1)?,
                    current_version: r.get(2)?,
                })
            },
        )
    }
}

impl<C: Conn + ?Sized> ReadProcurements for C {}

impl Tx<'_> {
    /// A new draft. Its deadline may not have passed, and its reference (diarienummer) may not
    /// be another procurement's.
    pub fn create_procurement(&self, p: &Procurement) -> Result<i64> {
        p.validate_new(self.today)?;
        self.record_procurement(p)
    }

    /// A draft of a procurement that began before it was kept here (the demo's awarded case,
    /// a case brought over from the old spreadsheets): its deadline may have passed.
    pub fn record_procurement(&self, p: &Procurement) -> Result<i64> {
        p.validate()?;
        self.ensure_reference_free(&p.reference, None)?;
        let draft = Procurement {
            status: Status::Draft,
            published_on: None,
            ..p.clone()
        };
        self.tx.execute(
            "INSERT INTO procurement(reference, title, owner, procedure, status, deadline,
                 published_on, profile, weight_total, scoring, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8, ?9, ?10, ?10)",
            params![
                draft.reference.trim(),
                draft.title.trim(),
                draft.owner.trim(),
                draft.procedure.code(),
                draft.status.code(),
                draft.deadline,
                serde_json::to_string(&draft.profile)?,
                draft.weight_total,
                draft.scoring.code(),
                self.at,
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit("procurement", id, "create", None, snapshot(&draft))?;
        Ok(id)
    }

    /// Saves the editable fields of a draft. The status moves only through `transition`; a
    /// published procurement changes only by `amend_procurement`. Returns the new revision.
    pub fn update_procurement(&self, id: i64, revision: i64, p: &Procurement) -> Result<i64> {
        p.validate()?;
        let before = self.existing_procurement(id)?;
        before.value.ensure_lines_editable()?;
        if p.deadline != before.value.deadline {
            // A deadline moved into the past is as wrong as a new one there.
            p.validate_new(self.today)?;
        }
        self.save_procurement(id, revision, &before.value, p, "update")
    }

    /// Changes what the tender says of itself (reference, title, owner, deadline, the weights'
    /// total) after publication: an amendment, with its reason, like a line's.
    pub fn amend_procurement(
        &self,
        id: i64,
        revision: i64,
        p: &Procurement,
        reason: &str,
    ) -> Result<i64> {
        p.validate()?;
        let before = self.existing_procurement(id)?;
        before.value.ensure_amendable(reason)?;
        if p.deadline != before.value.deadline {
            p.validate_new(self.today)?;
        }
        // The profile and procedure are the tender's substance, and the status moves only by
        // `transition`: an amendment cannot touch them.
        let amended = Procurement {
            profile: before.value.profile.clone(),
            procedure: before.value.procedure,
            status: before.value.status,
            published_on: before.value.published_on,
            ..p.clone()
        };
        let revision = self.save_procurement(id, revision, &before.value, &amended, "amend")?;
        self.tx.execute(
            "INSERT INTO amendment(procurement_id, line_id, reason, at, actor)
             VALUES (?1, NULL, ?2, ?3, ?4)",
            params![id, reason.trim(), self.at, self.actor],
        )?;
        Ok(revision)
    }

    fn save_procurement(
        &self,
        id: i64,
        revision: i64,
        before: &Procurement,
        p: &Procurement,
        action: &str,
    ) -> Result<i64> {
        self.ensure_reference_free(&p.reference, Some(id))?;
        let changed = self.tx.execute(
            "UPDATE procurement SET reference = ?3, title = ?4, owner = ?5, procedure = ?6,
                 deadline = ?7, profile = ?8, weight_total = ?9, scoring = ?10, updated_at = ?11,
                 revision = revision + 1
             WHERE id = ?1 AND revision = ?2",
            params![
                id,
                revision,
                p.reference.trim(),
                p.title.trim(),
                p.owner.trim(),
                p.procedure.code(),
                p.deadline,
                serde_json::to_string(&p.profile)?,
                p.weight_total,
                p.scoring.code(),
                self.at,
            ],
        )?;
        self.expect_updated(changed, Entity::Procurement, id)?;
        self.audit("procurement", id, action, snapshot(before), snapshot(p))?;
        Ok(revision + 1)
    }

    /// A reference is one procurement's: two tenders with one diarienummer would be confused in
    /// every export and in the register.
    fn ensure_reference_free(&self, reference: &str, except: Option<i64>) -> Result<()> {
        let taken: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM procurement WHERE reference = ?1 AND id IS NOT ?2)",
            params![reference.trim(), except],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::ReferenceTaken(reference.trim().to_string()));
        }
        Ok(())
    }

    /// Moves a procurement to `to` under the domain's rules (publishing checks the lines).
    /// Returns the new revision.
    pub fn transition(&self, id: i64, revision: i64, to: Status) -> Result<i64> {
        let mut rec = self.existing_procurement(id)?;
        if rec.revision != revision {
            return Err(StoreError::Stale {
                entity: Entity::Procurement,
                id: rec.value.reference,
            });
        }
        let lines: Vec<Line> = self.lines(id)?.into_iter().map(|r| r.value).collect();
        let from = rec.value.status;
        rec.value.transition(to, &lines, self.today)?;
        let changed = self.tx.execute(
            "UPDATE procurement SET status = ?3, published_on = ?4, updated_at = ?5,
                 revision = revision + 1
             WHERE id = ?1 AND revision = ?2",
            params![id, revision, to.code(), rec.value.published_on, self.at],
        )?;
        self.expect_updated(changed, Entity::Procurement, id)?;
        self.audit(
            "procurement",
            id,
            "transition",
            snapshot(&serde_json::json!({ "status": from })),
            snapshot(&serde_json::json!({ "status": to })),
        )?;
        Ok(revision + 1)
    }
}

#[cfg(test)]
#[path = "procurements_tests.rs"]
pub(crate) mod tests;
