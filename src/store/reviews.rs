//! Reviews of a contract's supplier: the agenda, the checklist, findings and corrective
//! actions. Every change to a contract's reviews goes through the domain's `FollowUp`, which
//! keeps the invariants (one open review, due dates that never pile up); this module loads the
//! plan, applies the change and writes back what changed. A partial unique index enforces the
//! one-open-review rule in the database as well.

use chrono::{Days, NaiveDate};
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use super::audit::snapshot;
use super::contracts::ReadContracts;
use super::procurements::{Record, corrupt};
use super::sealed::Conn;
use super::{Entity, Result, StoreError, Tx};
use crate::domain::review::{FollowUp, order_checklist};
use crate::domain::{
    CheckResult, ChecklistItem, CorrectiveAction, Finding, FindingStatus, Outcome, Review,
    ReviewStatus, Text, Trigger,
};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewSummary {
    pub id: i64,
    pub revision: i64,
    pub contract_id: i64,
    pub contract: String,
    pub supplier: String,
    pub due_on: NaiveDate,
    pub status: ReviewStatus,
    pub trigger: Option<Trigger>,
    pub completed_on: Option<NaiveDate>,
    /// Derived from today, never stored.
    pub overdue: bool,
}

/// Which reviews to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFilter {
    All,
    Open,
    /// Open and due within this many days from today (overdue ones included).
    DueWithin(u32),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistRow {
    pub id: i64,
    pub revision: i64,
    pub label: String,
    pub title: Text,
    pub follow_up: Text,
    pub item: ChecklistItem,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingRow {
    pub id: i64,
    pub revision: i64,
    pub review_id: i64,
    pub finding: Finding,
    pub action_ids: Vec<(i64, i64)>,
}

/// What completing or cancelling a review left behind.
#[derive(Debug, Clone, PartialEq)]
pub struct Closed {
    /// The closed review's new revision.
    pub revision: i64,
    /// The review planned next, if the contract runs on.
    pub next: Option<Record<Review>>,
}

/// Reads review columns starting at `at`: due_on, status, trigger, started_on, completed_on,
/// reviewer, summary.
fn read_review(r: &Row, at: usize) -> rusqlite::Result<Review> {
    Ok(Review {
        due_on: r.get(at)?,
        status: ReviewStatus::from_code(&r.get::<_, String>(at + 1)?)
            .ok_or_else(|| corrupt(at + 1, "status"))?,
        trigger: r
            .get::<_, Option<String>>(at + 2)?
            .and_then(|t| Trigger::from_code(&t)),
        started_on: r.get(at + 3)?,
        completed_on: r.get(at + 4)?,
        reviewer: r.get(at + 5)?,
        summary: r.get(at + 6)?,
    })
}

fn read_review_record(r: &Row) -> rusqlite::Result<Record<Review>> {
    Ok(Record {
        id: r.get(0)?,
        revision: r.get(1)?,
        value: read_review(r, 2)?,
    })
}

const REVIEW_COLUMNS: &str = "due_on, status, trigger, started_on, completed_on, reviewer, summary";

/// A contract's plan with the row id and revision of each review, in the same order.
struct LoadedPlan {
    plan: FollowUp,
    rows: Vec<(i64, i64)>,
    original: Vec<Review>,
}

fn load_plan(c: &(impl Conn + ?Sized), contract_id: i64) -> Result<LoadedPlan> {
    let contract = c.contract(contract_id)?.ok_or(StoreError::NotFound {
        entity: Entity::Contract,
        id: contract_id.to_string(),
    })?;
    let mut stmt = c.conn().prepare_cached(&format!(
        "SELECT id, revision, {REVIEW_COLUMNS} FROM review WHERE contract_id = ?1 ORDER BY id"
    ))?;
    let records = stmt
        .query_map([contract_id], read_review_record)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let rows = records.iter().map(|r| (r.id, r.revision)).collect();
    let reviews: Vec<Review> = records.into_iter().map(|r| r.value).collect();
    let c = contract.contract;
    let mut plan = FollowUp::new(c.start, c.end, c.schedule);
    plan.reviews = reviews.clone();
    Ok(LoadedPlan {
        plan,
        rows,
        original: reviews,
    })
}

/// Reads of reviews, their checklists and findings.
pub trait ReadReviews: Conn {
    fn reviews(&self, filter: ReviewFilter) -> Result<Vec<ReviewSummary>> {
        let today = self.today();
        let (open_only, until) = match filter {
            ReviewFilter::All => (false, None),
            ReviewFilter::Open => (true, None),
            ReviewFilter::DueWithin(days) => {
                (true, today.checked_add_days(Days::new(u64::from(days))))
            }
        };
        super::all(
            self.conn(),
            &format!(
                "SELECT r.id, r.revision, r.contract_id, c.title, s.name, {}
             FROM review r JOIN contract c ON c.id = r.contract_id
             JOIN supplier s ON s.id = c.supplier_id
             WHERE (NOT ?1 OR r.status IN ('planned', 'in_progress'))
               AND (?2 IS NULL OR r.due_on <= ?2)
             ORDER BY r.due_on, r.id",
                REVIEW_COLUMNS
                    .split(", ")
                    .map(|c| format!("r.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            params![open_only, until],
            |r| {
                let review = read_review(r, 5)?;
                Ok(ReviewSummary {
                    id: r.get(0)?,
                    revision: r.get(1)?,
                    contract_id: r.get(2)?,
                    contract: r.get(3)?,
                    supplier: r.get(4)?,
                    overdue: review.is_overdue(today),
                    due_on: review.due_on,
                    status: review.status,
                    trigger: review.trigger,
                    completed_on: review.completed_on,
                })
            },
        )
    }

    fn review(&self, id: i64) -> Result<Option<Record<Review>>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT id, revision, {REVIEW_COLUMNS} FROM review WHERE id = ?1"),
                [id],
                read_review_record,
            )
            .optional()?)
    }

    /// The contract's open (planned or in progress) review; there is at most one.
    fn open_review(&self, contract_id: i64) -> Result<Option<Record<Review>>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT id, revision, {REVIEW_COLUMNS} FROM review
                     WHERE contract_id = ?1 AND status IN ('planned', 'in_progress')"
                ),
                [contract_id],
                read_review_record,
            )
            .optional()?)
    }

    /// The follow-up plan of a contract, as the domain sees it.
    fn follow_up(&self, contract_id: i64) -> Result<FollowUp> {
        Ok(load_plan(self, contract_id)?.plan)
    }

    /// The checklist of a review, in the order it was drawn (highest risk first).
    fn checklist(&self, review_id: i64) -> Result<Vec<ChecklistRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT ci.id, ci.revision, ci.contract_line_id, ci.position, ci.result, ci.note,
                    ci.evidence_ref, cl.contract_id
             FROM checklist_item ci JOIN contract_line cl ON cl.id = ci.contract_line_id
             WHERE ci.review_id = ?1 ORDER BY ci.position",
        )?;
        let items = stmt
            .query_map([review_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, u32>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, i64>(7)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some(contract_id) = items.first().map(|i| i.7) else {
            return Ok(Vec::new());
        };
        let lines = self.contract_lines(contract_id)?;
        items
            .into_iter()
            .map(
                |(id, revision, line_id, position, result, note, evidence_ref, _)| {
                    let line = lines
                        .iter()
                        .find(|l| l.id == line_id)
                        .ok_or_else(|| StoreError::Corrupt(format!("contract line {line_id}")))?;
                    Ok(ChecklistRow {
                        id,
                        revision,
                        label: line.label.clone(),
                        title: line.title.clone(),
                        follow_up: line.follow_up.clone(),
                        item: ChecklistItem {
                            line_id,
                            kind: line.kind,
                            risk: line.risk,
                            position,
                            result: CheckResult::from_code(&result)
                                .unwrap_or(CheckResult::NotChecked),
                            note,
                            evidence_ref,
                        },
                    })
                },
            )
            .collect()
    }

    /// Findings of a contract's reviews, with their corrective actions.
    fn findings(&self, contract_id: i64) -> Result<Vec<FindingRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.id, f.revision, f.review_id, f.description, f.status
             FROM finding f JOIN review r ON r.id = f.review_id
             WHERE r.contract_id = ?1 ORDER BY f.id",
        )?;
        let findings = stmt
            .query_map([contract_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        findings
            .into_iter()
            .map(|(id, revision, review_id, description, status)| {
                let (action_ids, actions) = corrective_actions(self.conn(), id)?
                    .into_iter()
                    .map(|a| ((a.id, a.revision), a.value))
                    .unzip();
                Ok(FindingRow {
                    id,
                    revision,
                    review_id,
                    finding: Finding {
                        description,
                        status: FindingStatus::from_code(&status).unwrap_or(FindingStatus::Open),
                        actions,
                    },
                    action_ids,
                })
            })
            .collect()
    }

    /// The contract's traffic light today.
    fn outcome(&self, contract_id: i64) -> Result<Outcome> {
        let findings: Vec<Finding> = self
            .findings(contract_id)?
            .into_iter()
            .map(|f| f.finding)
            .collect();
        Ok(crate::domain::review::outcome(&findings, self.today()))
    }
}

impl<C: Conn + ?Sized> ReadReviews for C {}

/// A finding's corrective actions by due date.
fn corrective_actions(
    conn: &rusqlite::Connection,
    finding_id: i64,
) -> Result<Vec<Record<CorrectiveAction>>> {
    super::all(
        conn,
        "SELECT id, revision, description, owner, due_on, done_on FROM corrective_action
         WHERE finding_id = ?1 ORDER BY due_on, id",
        [finding_id],
        |r| {
            Ok(Record {
                id: r.get(0)?,
                revision: r.get(1)?,
                value: CorrectiveAction {
                    description: r.get(2)?,
                    owner: r.get(3)?,
                    due_on: r.get(4)?,
                    done_on: r.get(5)?,
                },
            })
        },
    )
}

impl Tx<'_> {
    pub(crate) fn insert_review(&self, contract_id: i64, r: &Review) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO review(contract_id, due_on, status, trigger, started_on, completed_on,
                 reviewer, summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                contract_id,
                r.due_on,
                r.status.code(),
                r.trigger.map(|t| t.code()),
                r.started_on,
                r.completed_on,
                r.reviewer,
                r.summary
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit("review", id, "plan", None, snapshot(r))?;
        Ok(id)
    }

    /// Writes back what a `FollowUp` operation changed: updates first (so a completed review
    /// stops being open before its successor is inserted), then new reviews.
    fn save_plan(&self, contract_id: i64, loaded: &LoadedPlan, action: &str) -> Result<Vec<i64>> {
        for (i, (id, revision)) in loaded.rows.iter().enumerate() {
            let (before, after) = (&loaded.original[i], &loaded.plan.reviews[i]);
            if before == after {
                continue;
            }
            let changed = self.tx.execute(
                "UPDATE review SET due_on = ?3, status = ?4, trigger = ?5, started_on = ?6,
                     completed_on = ?7, reviewer = ?8, summary = ?9, revision = revision + 1
                 WHERE id = ?1 AND revision = ?2",
                params![
                    id,
                    revision,
                    after.due_on,
                    after.status.code(),
                    after.trigger.map(|t| t.code()),
                    after.started_on,
                    after.completed_on,
                    after.reviewer,
                    after.summary
                ],
            )?;
            self.expect_updated(changed, Entity::Review, *id)?;
            self.audit("review", id, action, snapshot(before), snapshot(after))?;
        }
        loaded.plan.reviews[loaded.rows.len()..]
            .iter()
            .map(|r| self.insert_review(contract_id, r))
            .collect()
    }

    /// Loads the plan of the review's contract and checks that `review_id` at `revision` is
    /// its open review.
    fn open_review_plan(&self, review_id: i64, revision: i64) -> Result<(i64, LoadedPlan)> {
        let (contract_id, current): (i64, i64) = self
            .tx
            .query_row(
                "SELECT contract_id, revision FROM review WHERE id = ?1",
                [review_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: Entity::Review,
                id: review_id.to_string(),
            })?;
        if current != revision {
            return Err(self.stale_or_missing(Entity::Review, review_id)?);
        }
        let loaded = load_plan(self, contract_id)?;
        let open = loaded.plan.open_index().map(|i| loaded.rows[i].0);
        if open != Some(review_id) {
            return Err(StoreError::Invalid(
                "only the contract's open review can be started, completed or cancelled".into(),
            ));
        }
        Ok((contract_id, loaded))
    }

    /// Starts the review: marks it in progress and draws its checklist from the contract's
    /// followed-up lines, highest risk first. Returns the review's new revision.
    pub fn start_review(&self, review_id: i64, revision: i64, on: NaiveDate) -> Result<i64> {
        self.not_in_future(on)?;
        let (contract_id, mut loaded) = self.open_review_plan(review_id, revision)?;
        loaded.plan.start_open(on)?;
        if let Some(i) = loaded.plan.open_index() {
            loaded.plan.reviews[i].reviewer = self.actor.to_string();
        }
        self.save_plan(contract_id, &loaded, "start")?;
        self.draw_checklist(contract_id, review_id)?;
        Ok(revision + 1)
    }

    fn not_in_future(&self, on: NaiveDate) -> Result<()> {
        if on > self.today {
            return Err(StoreError::Invalid(format!(
                "{on} is in the future; a review is recorded when it happens"
            )));
        }
        Ok(())
    }

    fn draw_checklist(&self, contract_id: i64, review_id: i64) -> Result<()> {
        let exists: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM checklist_item WHERE review_id = ?1)",
            [review_id],
            |r| r.get(0),
        )?;
        if exists {
            return Ok(());
        }
        let mut items: Vec<ChecklistItem> = self
            .contract_lines(contract_id)?
            .into_iter()
            .map(|l| ChecklistItem {
                line_id: l.id,
                kind: l.kind,
                risk: l.risk,
                position: l.position,
                result: CheckResult::NotChecked,
                note: String::new(),
                evidence_ref: String::new(),
            })
            .collect();
        order_checklist(&mut items);
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO checklist_item(review_id, contract_line_id, position, result, note,
                 evidence_ref) VALUES (?1, ?2, ?3, 'not_checked', '', '')",
        )?;
        for (i, item) in items.iter().enumerate() {
            stmt.execute(params![review_id, item.line_id, i as i64])?;
        }
        Ok(())
    }

    /// Completes the review on `on` (today or earlier) with its summary and plans the next
    /// one, which it returns with the review's new revision.
    pub fn complete_review(
        &self,
        review_id: i64,
        revision: i64,
        on: NaiveDate,
        summary: &str,
    ) -> Result<Closed> {
        self.not_in_future(on)?;
        let (contract_id, mut loaded) = self.open_review_plan(review_id, revision)?;
        let i = loaded.plan.open_index().unwrap_or_default();
        loaded.plan.reviews[i].summary = summary.trim().to_string();
        if loaded.plan.reviews[i].reviewer.is_empty() {
            loaded.plan.reviews[i].reviewer = self.actor.to_string();
        }
        loaded.plan.complete_open(on)?;
        self.draw_checklist(contract_id, review_id)?;
        self.save_plan(contract_id, &loaded, "complete")?;
        Ok(Closed {
            revision: revision + 1,
            next: self.open_review(contract_id)?,
        })
    }

    /// Cancels the open review and plans the next one, which it returns.
    pub fn cancel_review(&self, review_id: i64, revision: i64) -> Result<Closed> {
        let (contract_id, mut loaded) = self.open_review_plan(review_id, revision)?;
        loaded.plan.cancel_open(self.today)?;
        self.save_plan(contract_id, &loaded, "cancel")?;
        Ok(Closed {
            revision: revision + 1,
            next: self.open_review(contract_id)?,
        })
    }

    /// An event calls for a review: brings the planned one forward or adds one. Returns the
    /// contract's open review as it now stands.
    pub fn add_ad_hoc_review(
        &self,
        contract_id: i64,
        on: NaiveDate,
        trigger: Trigger,
    ) -> Result<Record<Review>> {
        let mut loaded = load_plan(self, contract_id)?;
        loaded.plan.add_ad_hoc(on, trigger);
        self.save_plan(contract_id, &loaded, "ad-hoc")?;
        self.open_review(contract_id)?
            .ok_or_else(|| StoreError::Corrupt(format!("contract {contract_id}: no open review")))
    }
}
