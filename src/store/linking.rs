//! Which sets a draft is built from: what each set of the library would add for the profile
//! (the preview of building from the profile), linking several at once, unlinking one, and the
//! requirements of the linked sets that do not apply, one of which the officer may add anyway
//! with a reason. Each write is one transaction with its audit rows.

use rusqlite::params;

use super::audit::snapshot;
use super::procurements::{ReadProcurements, Record};
use super::sealed::Conn;
use super::sets::{ReadSets, load_version};
use super::{Entity, Result, StoreError, Tx};
use crate::domain::procurement::{AboveAmbition, Selection, lines_for, select};
use crate::domain::{Line, Requirement, RequirementSet};

/// What linking one set of the library would do to a procurement.
#[derive(Debug, Clone, PartialEq)]
pub struct SetPreview {
    pub set_id: String,
    pub title: crate::domain::Text,
    pub version: String,
    /// Requirements of the set that apply to the profile and are not lines yet.
    pub would_add: usize,
    pub linked: bool,
}

/// A requirement of a linked set that is not in the procurement, and why not.
#[derive(Debug, Clone, PartialEq)]
pub struct NotApplied {
    pub set_id: String,
    pub requirement: Requirement,
    /// `DoesNotApply` or `AboveAmbition`: what the profile says of it.
    pub why: Selection,
}

/// Reads for building a procurement from its sets.
pub trait ReadLinking: Conn + ReadProcurements + ReadSets {
    /// Every set of the library with what linking it would add to `procurement_id`.
    fn set_previews(&self, procurement_id: i64) -> Result<Vec<SetPreview>> {
        let p = self.existing_procurement(procurement_id)?;
        let present = present_ids(&self.lines(procurement_id)?);
        let linked: Vec<String> = self
            .linked_sets(procurement_id)?
            .into_iter()
            .map(|l| l.set_id)
            .collect();
        let mut out = Vec::new();
        for summary in self.sets()? {
            let Some(set) = self.set(&summary.id)? else {
                continue;
            };
            let would_add = lines_for(&set, &p.value.profile, AboveAmbition::LeaveOut, 1)
                .iter()
                .filter(|l| {
                    l.source
                        .as_ref()
                        .is_some_and(|s| !present.contains(&s.requirement_id))
                })
                .count();
            out.push(SetPreview {
                linked: linked.contains(&summary.id),
                set_id: summary.id,
                title: summary.title,
                version: summary.version,
                would_add,
            });
        }
        Ok(out)
    }

    /// The requirements of the linked set versions that are not lines of the procurement,
    /// each with what the profile says of it.
    fn not_applied(&self, procurement_id: i64) -> Result<Vec<NotApplied>> {
        let p = self.existing_procurement(procurement_id)?;
        let present = present_ids(&self.lines(procurement_id)?);
        let mut out = Vec::new();
        for set in linked_versions(self.conn(), procurement_id)? {
            for r in &set.requirements {
                if present.contains(&r.id.to_string()) {
                    continue;
                }
                out.push(NotApplied {
                    set_id: set.id.to_string(),
                    requirement: r.clone(),
                    why: select(r, &p.value.profile, AboveAmbition::LeaveOut),
                });
            }
        }
        Ok(out)
    }
}

impl<C: Conn + ReadProcurements + ReadSets + ?Sized> ReadLinking for C {}

fn present_ids(lines: &[Record<Line>]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.value.source.as_ref().map(|s| s.requirement_id.clone()))
        .collect()
}

fn linked_versions(conn: &rusqlite::Connection, pid: i64) -> Result<Vec<RequirementSet>> {
    let ids = super::all(
        conn,
        "SELECT set_version_id FROM procurement_set WHERE procurement_id = ?1 ORDER BY set_id",
        [pid],
        |r| r.get::<_, i64>(0),
    )?;
    ids.into_iter().map(|v| load_version(conn, v)).collect()
}

impl Tx<'_> {
    /// Copies the requirements of the current version of `set_id` that apply to the
    /// procurement's profile into it as lines. Requirements already present are skipped.
    /// Returns how many lines were added.
    pub fn link_set(
        &self,
        procurement_id: i64,
        set_id: &str,
        policy: AboveAmbition,
    ) -> Result<usize> {
        self.link_set_version(procurement_id, set_id, None, policy)
    }

    /// As [`Tx::link_set`], from a given version of the set (`None`: the current one). An
    /// older version is how a procurement begun on it is rebuilt (the demo's drift).
    pub fn link_set_version(
        &self,
        procurement_id: i64,
        set_id: &str,
        version: Option<&crate::domain::SetVersion>,
        policy: AboveAmbition,
    ) -> Result<usize> {
        let rec = self.existing_procurement(procurement_id)?;
        rec.value.ensure_lines_editable()?;
        let (version_id, set) = match version {
            Some(v) => self.version_of(set_id, v)?,
            None => self.current_version(set_id)?,
        };
        let existing = self.lines(procurement_id)?;
        let next_position = existing.iter().map(|l| l.value.position).max().unwrap_or(0) + 1;
        let present: Vec<String> = existing
            .iter()
            .filter_map(|l| l.value.source.as_ref().map(|s| s.requirement_id.clone()))
            .collect();
        let mut position = next_position;
        let mut added = 0;
        for mut line in lines_for(&set, &rec.value.profile, policy, next_position) {
            let Some(src) = &line.source else { continue };
            if present.contains(&src.requirement_id) {
                continue;
            }
            line.position = position;
            position += 1;
            let id = self.insert_line(procurement_id, &line)?;
            // Each line's history starts here: which set and version it was copied from.
            self.audit("procurement_line", id, "link", None, snapshot(&line))?;
            added += 1;
        }
        self.tx.execute(
            "INSERT INTO procurement_set(procurement_id, set_id, set_version_id) VALUES (?1, ?2, ?3)
             ON CONFLICT(procurement_id, set_id) DO UPDATE SET set_version_id = excluded.set_version_id",
            params![procurement_id, set_id, version_id],
        )?;
        self.audit(
            "procurement",
            procurement_id,
            "link-set",
            None,
            snapshot(&serde_json::json!({
                "set": set_id, "version": set.version, "lines_added": added
            })),
        )?;
        Ok(added)
    }

    /// Links several sets in one go (building a draft from its profile). Returns the lines
    /// added, in all.
    pub fn link_sets(&self, procurement_id: i64, sets: &[String]) -> Result<usize> {
        let mut added = 0;
        for set in sets {
            added += self.link_set(procurement_id, set, AboveAmbition::LeaveOut)?;
        }
        Ok(added)
    }

    /// Unlinks a set from a draft: its lines go with it. `seen` are the set's lines as the
    /// officer saw them when confirming (their revisions); if any changed since, or a line
    /// was added, nothing is removed and the first is reported stale. Returns how many lines
    /// went.
    pub fn unlink_set(
        &self,
        procurement_id: i64,
        set_id: &str,
        seen: &[(i64, i64)],
    ) -> Result<usize> {
        self.existing_procurement(procurement_id)?
            .value
            .ensure_lines_editable()?;
        let lines: Vec<Record<Line>> = self
            .lines(procurement_id)?
            .into_iter()
            .filter(|l| l.value.source.as_ref().is_some_and(|s| s.set_id == set_id))
            .collect();
        if let Some(changed) = lines.iter().find(|l| !seen.contains(&(l.id, l.revision))) {
            return Err(StoreError::Stale {
                entity: Entity::RequirementLine,
                id: changed.value.label(),
            });
        }
        for l in &lines {
            self.tx
                .execute("DELETE FROM procurement_line WHERE id = ?1", [l.id])?;
            self.audit(
                "procurement_line",
                l.id,
                "unlink-set",
                snapshot(&l.value),
                None,
            )?;
        }
        self.tx.execute(
            "DELETE FROM procurement_set WHERE procurement_id = ?1 AND set_id = ?2",
            params![procurement_id, set_id],
        )?;
        self.audit(
            "procurement",
            procurement_id,
            "unlink-set",
            snapshot(&serde_json::json!({ "set": set_id, "lines_removed": lines.len() })),
            None,
        )?;
        Ok(lines.len())
    }

    /// Adds a requirement of a linked set that the profile does not call for, with the
    /// officer's reason (kept in the line's history). Returns the new line's id.
    pub fn add_not_applied(
        &self,
        procurement_id: i64,
        set_id: &str,
        requirement_id: &str,
        reason: &str,
    ) -> Result<i64> {
        self.existing_procurement(procurement_id)?
            .value
            .ensure_lines_editable()?;
        let set = linked_versions(&self.tx, procurement_id)?
            .into_iter()
            .find(|s| s.id.as_str() == set_id)
            .ok_or_else(|| StoreError::NotFound {
                entity: Entity::RequirementSet,
                id: set_id.to_string(),
            })?;
        let r = set
            .requirement(requirement_id)
            .ok_or_else(|| StoreError::NotFound {
                entity: Entity::Requirement,
                id: requirement_id.to_string(),
            })?;
        if present_ids(&self.lines(procurement_id)?).contains(&requirement_id.to_string()) {
            return Err(StoreError::Stale {
                entity: Entity::RequirementLine,
                id: requirement_id.to_string(),
            });
        }
        let line = Line::from_requirement(&set, r, self.next_position(procurement_id)?);
        let id = self.insert_line(procurement_id, &line)?;
        self.audit(
            "procurement_line",
            id,
            "add-not-applying",
            None,
            snapshot(&serde_json::json!({ "line": line, "reason": reason.trim() })),
        )?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PersonalData, Profile};
    use crate::store::test_support::store;

    fn draft_with_two_sets() -> (crate::store::Store, i64) {
        let mut s = store();
        let mut alpha = crate::store::sets::tests::set(
            "alpha",
            "1",
            &[("ALPHA-01", "Alltid"), ("ALPHA-02", "Persondata")],
        );
        alpha.requirements[1].applies_when = crate::domain::Condition::one(crate::domain::Clause {
            personal_data: Some(PersonalData::Ordinary),
            ..Default::default()
        });
        let beta = crate::store::sets::tests::set("beta", "1", &[("BETA-01", "Alltid")]);
        s.sync_builtins(&[alpha, beta], "h").unwrap();
        let p = crate::store::procurements::tests::procurement();
        let p = crate::domain::Procurement {
            profile: Profile::default(),
            ..p
        };
        let id = s.write(|tx| tx.create_procurement(&p)).unwrap();
        (s, id)
    }

    #[test]
    fn the_preview_says_what_each_set_adds_and_linking_several_is_one_step() {
        let (mut s, id) = draft_with_two_sets();
        let previews = s.set_previews(id).unwrap();
        let adds: Vec<(&str, usize)> = previews
            .iter()
            .map(|p| (p.set_id.as_str(), p.would_add))
            .collect();
        assert_eq!(adds, vec![("alpha", 1), ("beta", 1)]);
        let added = s
            .write(|tx| tx.link_sets(id, &["alpha".into(), "beta".into()]))
            .unwrap();
        assert_eq!(added, 2);
        assert!(
            s.set_previews(id)
                .unwrap()
                .iter()
                .all(|p| p.linked && p.would_add == 0)
        );
    }

    #[test]
    fn requirements_that_do_not_apply_are_listed_and_one_can_be_added_with_a_reason() {
        let (mut s, id) = draft_with_two_sets();
        s.write(|tx| tx.link_set(id, "alpha", AboveAmbition::LeaveOut))
            .unwrap();
        let not = s.not_applied(id).unwrap();
        assert_eq!(not.len(), 1);
        assert_eq!(not[0].requirement.id.as_str(), "ALPHA-02");
        assert_eq!(not[0].why, Selection::DoesNotApply);
        let line = s
            .write(|tx| {
                tx.add_not_applied(id, "alpha", "ALPHA-02", "Vi hanterar personuppgifter ändå")
            })
            .unwrap();
        assert!(s.not_applied(id).unwrap().is_empty());
        let trail = s
            .audit_trail(Some(("procurement_line", &line.to_string())), 1)
            .unwrap();
        assert_eq!(
            trail[0].after.as_ref().unwrap()["reason"],
            "Vi hanterar personuppgifter ändå"
        );
    }

    #[test]
    fn unlinking_removes_the_sets_lines_unless_one_changed_since() {
        let (mut s, id) = draft_with_two_sets();
        s.write(|tx| tx.link_sets(id, &["alpha".into(), "beta".into()]))
            .unwrap();
        let seen: Vec<(i64, i64)> = s
            .lines(id)
            .unwrap()
            .iter()
            .filter(|l| l.value.label().starts_with("ALPHA"))
            .map(|l| (l.id, l.revision))
            .collect();
        // Someone edits the alpha line after the officer saw it: nothing is removed.
        let mut edited = s.lines(id).unwrap()[0].clone();
        edited.value.edit_text(crate::domain::Text::sv("Ändrad"));
        s.write(|tx| tx.update_line(edited.id, edited.revision, &edited.value))
            .unwrap();
        let refused = s.write(|tx| tx.unlink_set(id, "alpha", &seen));
        assert!(matches!(refused, Err(StoreError::Stale { .. })));
        assert_eq!(s.lines(id).unwrap().len(), 2);
        let seen: Vec<(i64, i64)> = s
            .lines(id)
            .unwrap()
            .iter()
            .filter(|l| l.value.label().starts_with("ALPHA"))
            .map(|l| (l.id, l.revision))
            .collect();
        assert_eq!(s.write(|tx| tx.unlink_set(id, "alpha", &seen)).unwrap(), 1);
        let ids: Vec<String> = s
            .lines(id)
            .unwrap()
            .iter()
            .map(|l| l.value.label())
            .collect();
        assert_eq!(ids, vec!["BETA-01"]);
        assert_eq!(s.linked_sets(id).unwrap().len(), 1);
    }
}
