//! The lines of a procurement: the officer's own requirements, tailoring a draft's lines,
//! and amending a published tender's. The procurement's status decides what may change (the
//! domain's rule); every change names the line's revision and leaves its audit row.

use rusqlite::params;

use super::audit::snapshot;
use super::procurements::{ReadProcurements, Record};
use super::{Entity, Result, StoreError, Tx};
use crate::domain::Line;

impl Tx<'_> {
    /// The line a write is about, which must exist; `label` names it if it does not.
    pub(super) fn existing_line(&self, line_id: i64, label: &str) -> Result<(i64, Record<Line>)> {
        self.line(line_id)?.ok_or_else(|| StoreError::NotFound {
            entity: Entity::RequirementLine,
            id: label.to_string(),
        })
    }

    pub(super) fn insert_line(&self, procurement_id: i64, line: &Line) -> Result<i64> {
        let src = line.source.as_ref();
        self.tx.execute(
            "INSERT INTO procurement_line(procurement_id, position, included, modified, kind,
                 source_set_id, source_version, source_req_id, source_hash, title_sv, title_en, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                procurement_id,
                line.position,
                line.included,
                line.modified,
                line.kind.code(),
                src.map(|s| &s.set_id),
                src.map(|s| &s.version),
                src.map(|s| &s.requirement_id),
                src.map(|s| &s.content_hash),
                line.title.sv,
                line.title.en,
                serde_json::to_string(line)?,
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// The position after a procurement's last line.
    pub(super) fn next_position(&self, procurement_id: i64) -> Result<u32> {
        Ok(self.tx.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM procurement_line WHERE procurement_id = ?1",
            [procurement_id],
            |r| r.get(0),
        )?)
    }

    /// Adds the officer's own requirement at the end. Returns the new line's id.
    pub fn add_own_line(&self, procurement_id: i64, line: &Line) -> Result<i64> {
        let rec = self.existing_procurement(procurement_id)?;
        rec.value.ensure_lines_editable()?;
        // Numbered after the procurement's highest own number: own lines are never deleted,
        // so a number is never given twice.
        let number: u32 = self.tx.query_row(
            "SELECT coalesce(max(json_extract(body, '$.own')), 0) + 1 FROM procurement_line
             WHERE procurement_id = ?1 AND source_req_id IS NULL",
            [procurement_id],
            |r| r.get(0),
        )?;
        let own = Line {
            source: None,
            position: self.next_position(procurement_id)?,
            modified: false,
            own: Some(number),
            ..line.clone()
        };
        let id = self.insert_line(procurement_id, &own)?;
        self.audit("procurement_line", id, "create", None, snapshot(&own))?;
        Ok(id)
    }

    /// Saves a tailored line of a draft (include/exclude, kind, weight, text, position).
    /// Returns the line's new revision.
    pub fn update_line(&self, line_id: i64, revision: i64, line: &Line) -> Result<i64> {
        let (procurement_id, before) = self.existing_line(line_id, &line.label())?;
        self.existing_procurement(procurement_id)?
            .value
            .ensure_lines_editable()?;
        self.save_line(&before, revision, line, "update")
    }

    /// Changes a line of a published tender: explicit, with its reason, and logged. Returns
    /// the line's new revision.
    pub fn amend_line(
        &self,
        line_id: i64,
        revision: i64,
        line: &Line,
        reason: &str,
    ) -> Result<i64> {
        let (procurement_id, before) = self.existing_line(line_id, &line.label())?;
        self.existing_procurement(procurement_id)?
            .value
            .ensure_amendable(reason)?;
        let amended = Line {
            amended: true,
            ..line.clone()
        };
        let new_revision = self.save_line(&before, revision, &amended, "amend")?;
        self.tx.execute(
            "INSERT INTO amendment(procurement_id, line_id, reason, at, actor)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![procurement_id, line_id, reason.trim(), self.at, self.actor],
        )?;
        Ok(new_revision)
    }

    /// Saves `line` over `before` if the row is still at `revision`; returns the new revision.
    pub(super) fn save_line(
        &self,
        before: &Record<Line>,
        revision: i64,
        line: &Line,
        action: &str,
    ) -> Result<i64> {
        // The library link and an own line's number are not the caller's to change.
        let line = Line {
            source: before.value.source.clone(),
            own: before.value.own,
            ..line.clone()
        };
        let changed = self.tx.execute(
            "UPDATE procurement_line SET position = ?3, included = ?4, modified = ?5, kind = ?6,
                 title_sv = ?7, title_en = ?8, body = ?9, revision = revision + 1
             WHERE id = ?1 AND revision = ?2",
            params![
                before.id,
                revision,
                line.position,
                line.included,
                line.modified,
                line.kind.code(),
                line.title.sv,
                line.title.en,
                serde_json::to_string(&line)?,
            ],
        )?;
        self.expect_updated(changed, Entity::RequirementLine, before.id)?;
        self.audit(
            "procurement_line",
            before.id,
            action,
            snapshot(&before.value),
            snapshot(&line),
        )?;
        Ok(revision + 1)
    }

    /// Moves a draft's line one place up or down. Returns the moved line's new revision (its
    /// revision as it was when it is already first or last).
    pub fn move_line(&self, line_id: i64, revision: i64, up: bool) -> Result<i64> {
        let (pid, rec) = self.existing_line(line_id, &line_id.to_string())?;
        self.existing_procurement(pid)?
            .value
            .ensure_lines_editable()?;
        if rec.revision != revision {
            return Err(StoreError::Stale {
                entity: Entity::RequirementLine,
                id: rec.value.label(),
            });
        }
        let lines = self.lines(pid)?;
        let Some(i) = lines.iter().position(|l| l.id == line_id) else {
            return Err(StoreError::Corrupt(format!(
                "line {line_id} is not in its procurement"
            )));
        };
        let j = if up {
            i.checked_sub(1)
        } else {
            Some(i + 1).filter(|j| *j < lines.len())
        };
        let Some(j) = j else { return Ok(revision) };
        let other = &lines[j];
        // Positions may have gaps after removals; swapping them keeps every other line in place.
        let (a, b) = (rec.value.position, other.value.position);
        let (a, b) = if a == b {
            (a, if up { a.saturating_sub(1) } else { a + 1 })
        } else {
            (a, b)
        };
        let moved = Line {
            position: b,
            ..rec.value.clone()
        };
        let swapped = Line {
            position: a,
            ..other.value.clone()
        };
        let new_revision = self.save_line(&rec, revision, &moved, "move")?;
        self.save_line(other, other.revision, &swapped, "move")?;
        Ok(new_revision)
    }

    /// Moves a draft's line to `position` (1 = first) in the order of the tender, renumbering
    /// the lines between. Returns the moved line's new revision.
    pub fn move_line_to(&self, line_id: i64, revision: i64, position: usize) -> Result<i64> {
        let (procurement_id, moved) = self.existing_line(line_id, "")?;
        self.existing_procurement(procurement_id)?
            .value
            .ensure_lines_editable()?;
        if moved.revision != revision {
            return Err(StoreError::Stale {
                entity: Entity::RequirementLine,
                id: moved.value.label(),
            });
        }
        let mut order: Vec<Record<Line>> = self
            .lines(procurement_id)?
            .into_iter()
            .filter(|l| l.id != line_id)
            .collect();
        let at = position.saturating_sub(1).min(order.len());
        order.insert(at, moved);
        let mut new_revision = revision;
        for (i, rec) in order.iter().enumerate() {
            let place = u32::try_from(i + 1).unwrap_or(u32::MAX);
            if rec.value.position == place {
                continue;
            }
            let placed = Line {
                position: place,
                ..rec.value.clone()
            };
            let r = self.save_line(rec, rec.revision, &placed, "move")?;
            if rec.id == line_id {
                new_revision = r;
            }
        }
        Ok(new_revision)
    }
}
