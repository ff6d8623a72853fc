//! What a review finds: checklist results, findings and their corrective actions. Results
//! are recorded only while the review is in progress; each change names the row's revision
//! and leaves its audit row.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::audit::snapshot;
use super::{Entity, Result, StoreError, Tx};
use crate::domain::{CheckResult, CorrectiveAction, ReviewStatus};

impl Tx<'_> {
    /// Returns the item's new revision.
    pub fn record_check(
        &self,
        item_id: i64,
        revision: i64,
        result: CheckResult,
        note: &str,
        evidence_ref: &str,
    ) -> Result<i64> {
        let status: String = self
            .tx
            .query_row(
                "SELECT r.status FROM checklist_item ci JOIN review r ON r.id = ci.review_id
                 WHERE ci.id = ?1",
                [item_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                entity: Entity::ChecklistItem,
                id: item_id.to_string(),
            })?;
        if status != ReviewStatus::InProgress.code() {
            return Err(StoreError::Invalid(
                "checklist results are recorded while the review is in progress".into(),
            ));
        }
        let changed = self.tx.execute(
            "UPDATE checklist_item SET result = ?3, note = ?4, evidence_ref = ?5,
                 revision = revision + 1
             WHERE id = ?1 AND revision = ?2",
            params![item_id, revision, result.code(), note, evidence_ref],
        )?;
        self.expect_updated(changed, Entity::ChecklistItem, item_id)?;
        self.audit(
            "checklist_item",
            item_id,
            "record",
            None,
            snapshot(&serde_json::json!({
                "result": result, "note": note, "evidence_ref": evidence_ref
            })),
        )?;
        Ok(revision + 1)
    }

    pub fn add_finding(
        &self,
        review_id: i64,
        checklist_item_id: Option<i64>,
        description: &str,
    ) -> Result<i64> {
        if description.trim().is_empty() {
            return Err(StoreError::Invalid("a finding needs a description".into()));
        }
        self.tx.execute(
            "INSERT INTO finding(review_id, checklist_item_id, description, status, created_on)
             VALUES (?1, ?2, ?3, 'open', ?4)",
            params![review_id, checklist_item_id, description.trim(), self.today],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit(
            "finding",
            id,
            "create",
            None,
            snapshot(&serde_json::json!({ "review_id": review_id, "description": description })),
        )?;
        Ok(id)
    }

    pub fn add_corrective_action(&self, finding_id: i64, a: &CorrectiveAction) -> Result<i64> {
        if a.description.trim().is_empty() || a.owner.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a corrective action needs a description and an owner".into(),
            ));
        }
        self.tx.execute(
            "INSERT INTO corrective_action(finding_id, description, owner, due_on, done_on)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                finding_id,
                a.description.trim(),
                a.owner.trim(),
                a.due_on,
                a.done_on
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit("corrective_action", id, "create", None, snapshot(a))?;
        Ok(id)
    }

    /// Returns the action's new revision.
    pub fn complete_action(&self, action_id: i64, revision: i64, on: NaiveDate) -> Result<i64> {
        let changed = self.tx.execute(
            "UPDATE corrective_action SET done_on = ?3, revision = revision + 1
             WHERE id = ?1 AND revision = ?2 AND done_on IS NULL",
            params![action_id, revision, on],
        )?;
        self.expect_updated(changed, Entity::CorrectiveAction, action_id)?;
        self.audit(
            "corrective_action",
            action_id,
            "done",
            None,
            snapshot(&serde_json::json!({ "done_on": on })),
        )?;
        Ok(revision + 1)
    }

    /// Returns the finding's new revision.
    pub fn close_finding(&self, finding_id: i64, revision: i64) -> Result<i64> {
        let changed = self.tx.execute(
            "UPDATE finding SET status = 'closed', revision = revision + 1
             WHERE id = ?1 AND revision = ?2",
            params![finding_id, revision],
        )?;
        self.expect_updated(changed, Entity::Finding, finding_id)?;
        self.audit("finding", finding_id, "close", None, None)?;
        Ok(revision + 1)
    }
}
