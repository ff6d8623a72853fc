//! Tailoring a procurement after the first link: what a changed profile adds and removes,
//! drift against newer versions of the linked sets (and taking changes over line by line),
//! the order of the lines, and the dashboard's view of superseded versions.

use rusqlite::params;
use serde::Serialize;

use super::audit::snapshot;
use super::procurements::{LinkedSet, ReadProcurements, Record};
use super::sealed::Conn;
use super::sets::load_version;
use super::{Entity, Result, StoreError, Tx};
use crate::domain::procurement::{AboveAmbition, ProfileChange, Selection, reevaluate, select};
use crate::domain::set::{RequirementChange, diff_sets};
use crate::domain::{Line, Procurement, Profile, Requirement, RequirementSet};

/// How a line differs from the current version of its set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum DriftChange {
    /// New in the current version and applies to the profile.
    Added { requirement: Box<Requirement> },
    /// Changed in the library since the line was copied. `revision` is the line's, as read
    /// with the drift: taking the change over is refused once the line has changed since.
    Changed {
        line: i64,
        revision: i64,
        /// The requirement as the line copied it, and as the library has it now.
        old: Box<Requirement>,
        new: Box<Requirement>,
    },
    /// No longer in the library; the line is still included.
    Removed { line: i64, revision: i64 },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drift {
    pub set_id: String,
    pub from: String,
    pub to: String,
    pub requirement_id: String,
    pub change: DriftChange,
}

/// What re-applying a draft's profile did.
#[derive(Debug, Clone, PartialEq)]
pub struct Reapplied {
    /// The procurement's new revision.
    pub revision: i64,
    /// The library lines added and removed.
    pub change: ProfileChange,
}

/// The linked versions and the current versions of each superseded linked set.
fn superseded_pairs(
    conn: &rusqlite::Connection,
    pid: i64,
) -> Result<Vec<(LinkedSet, RequirementSet, RequirementSet)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ps.set_id, v.version, c.version, ps.set_version_id, s.current_version_id
         FROM procurement_set ps
         JOIN set_version v ON v.id = ps.set_version_id
         JOIN requirement_set s ON s.id = ps.set_id
         JOIN set_version c ON c.id = s.current_version_id
         WHERE ps.procurement_id = ?1 AND ps.set_version_id <> s.current_version_id
         ORDER BY ps.set_id",
    )?;
    let rows = stmt
        .query_map([pid], |r| {
            Ok((
                LinkedSet {
                    set_id: r.get(0)?,
                    version: r.get(1)?,
                    current_version: r.get(2)?,
                },
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(l, old, new)| Ok((l, load_version(conn, old)?, load_version(conn, new)?)))
        .collect()
}

/// The drift of one superseded linked set against the procurement's lines.
fn set_drift(
    lines: &[Record<Line>],
    profile: &Profile,
    linked: &LinkedSet,
    old: &RequirementSet,
    new: &RequirementSet,
) -> Vec<Drift> {
    let line_for = |req: &str| {
        lines.iter().find(|l| {
            l.value
                .source
                .as_ref()
                .is_some_and(|s| s.set_id == new.id.as_str() && s.requirement_id == req)
        })
    };
    let entry = |req: &str, change| Drift {
        set_id: linked.set_id.clone(),
        from: linked.version.clone(),
        to: linked.current_version.clone(),
        requirement_id: req.to_string(),
        change,
    };
    diff_sets(old, new)
        .into_iter()
        .filter_map(|change| match change {
            RequirementChange::Added(r) => {
                let applies = matches!(
                    select(r, profile, AboveAmbition::LeaveOut),
                    Selection::Applies(_)
                );
                (applies && line_for(r.id.as_str()).is_none()).then(|| {
                    entry(
                        r.id.as_str(),
                        DriftChange::Added {
                            requirement: Box::new(r.clone()),
                        },
                    )
                })
            }
            RequirementChange::Changed { old: was, new: r } => line_for(r.id.as_str())
                .filter(|l| {
                    l.value
                        .source
                        .as_ref()
                        .is_some_and(|s| s.content_hash != r.content_hash())
                })
                .map(|l| {
                    entry(
                        r.id.as_str(),
                        DriftChange::Changed {
                            line: l.id,
                            revision: l.revision,
                            old: Box::new(was.clone()),
                            new: Box::new(r.clone()),
                        },
                    )
                }),
            RequirementChange::Removed(r) => line_for(r.id.as_str())
                .filter(|l| l.value.included)
                .map(|l| {
                    entry(
                        r.id.as_str(),
                        DriftChange::Removed {
                            line: l.id,
                            revision: l.revision,
                        },
                    )
                }),
        })
        .collect()
}

/// The set versions a procurement's lines were drawn from.
fn linked_versions(conn: &rusqlite::Connection, pid: i64) -> Result<Vec<RequirementSet>> {
    let mut stmt = conn.prepare_cached(
        "SELECT set_version_id FROM procurement_set WHERE procurement_id = ?1 ORDER BY set_id",
    )?;
    let ids = stmt
        .query_map([pid], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.into_iter().map(|v| load_version(conn, v)).collect()
}

/// Reads of what a procurement's lines could take over from the library, and what a profile
/// change would do to them.
pub trait ReadTailoring: Conn {
    /// Procurements whose lines come from a version that is no longer the library's current
    /// one, with the set concerned.
    fn superseded(&self) -> Result<Vec<(i64, LinkedSet)>> {
        super::all(
            self.conn(),
            "SELECT ps.procurement_id, ps.set_id, v.version, c.version
             FROM procurement_set ps
             JOIN set_version v ON v.id = ps.set_version_id
             JOIN requirement_set s ON s.id = ps.set_id
             JOIN set_version c ON c.id = s.current_version_id
             WHERE ps.set_version_id <> s.current_version_id
             ORDER BY ps.procurement_id, ps.set_id",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    LinkedSet {
                        set_id: r.get(1)?,
                        version: r.get(2)?,
                        current_version: r.get(3)?,
                    },
                ))
            },
        )
    }

    /// The per-requirement differences between a procurement's lines and the current versions
    /// of its linked sets. Shown for every status; only drafts may take them over.
    fn drift(&self, procurement_id: i64) -> Result<Vec<Drift>> {
        let p = self.existing_procurement(procurement_id)?;
        let lines = self.lines(procurement_id)?;
        Ok(superseded_pairs(self.conn(), procurement_id)?
            .iter()
            .flat_map(|(linked, old, new)| set_drift(&lines, &p.value.profile, linked, old, new))
            .collect())
    }

    /// What saving `profile` would add to and remove from the draft's library lines.
    fn profile_preview(&self, procurement_id: i64, profile: &Profile) -> Result<ProfileChange> {
        let lines: Vec<Line> = self
            .lines(procurement_id)?
            .into_iter()
            .map(|l| l.value)
            .collect();
        let sets = linked_versions(self.conn(), procurement_id)?;
        Ok(reevaluate(&lines, &sets, profile, AboveAmbition::LeaveOut))
    }
}

impl<C: Conn + ?Sized> ReadTailoring for C {}

impl Tx<'_> {
    /// Saves a draft's changed profile and re-applies it: requirements that now apply are
    /// added, library lines that no longer apply are removed (or, if the officer edited them,
    /// kept but excluded, so no edit is lost).
    pub fn reapply_profile(&self, id: i64, revision: i64, p: &Procurement) -> Result<Reapplied> {
        let before = self.existing_procurement(id)?;
        before.value.ensure_lines_editable()?;
        let revision = self.update_procurement(id, revision, p)?;
        let lines = self.lines(id)?;
        let values: Vec<Line> = lines.iter().map(|l| l.value.clone()).collect();
        let sets = linked_versions(&self.tx, id)?;
        let change = reevaluate(&values, &sets, &p.profile, AboveAmbition::LeaveOut);
        for rec in lines.iter().filter(|l| {
            l.value
                .source
                .as_ref()
                .is_some_and(|s| change.removed.contains(&s.requirement_id))
        }) {
            if rec.value.modified {
                let kept = Line {
                    included: false,
                    ..rec.value.clone()
                };
                self.save_line(rec, rec.revision, &kept, "exclude-by-profile")?;
            } else {
                self.tx
                    .execute("DELETE FROM procurement_line WHERE id = ?1", [rec.id])?;
                self.audit(
                    "procurement_line",
                    rec.id,
                    "remove-by-profile",
                    snapshot(&rec.value),
                    None,
                )?;
            }
        }
        let mut position = values.iter().map(|l| l.position).max().unwrap_or(0) + 1;
        for set in &sets {
            for r in set
                .requirements
                .iter()
                .filter(|r| change.added.contains(&r.id.to_string()))
            {
                let mut line = Line::from_requirement(set, r, position);
                if let Selection::AsEvaluated(_) = select(r, &p.profile, AboveAmbition::LeaveOut) {
                    line.kind = crate::domain::Kind::Evaluated;
                }
                position += 1;
                let lid = self.insert_line(id, &line)?;
                self.audit(
                    "procurement_line",
                    lid,
                    "add-by-profile",
                    None,
                    snapshot(&line),
                )?;
            }
        }
        Ok(Reapplied { revision, change })
    }

    /// Takes over one difference from the current version of a linked set into a draft: the
    /// difference `seen` as the user saw it. If it is no longer exactly that (someone saved the
    /// line, took the change over, or the library moved on), nothing is written and the line is
    /// reported stale. Returns the line as it now stands.
    pub fn take_over(&self, procurement_id: i64, seen: &Drift) -> Result<Record<Line>> {
        let p = self.existing_procurement(procurement_id)?;
        p.value.ensure_lines_editable()?;
        if !self.drift(procurement_id)?.contains(seen) {
            return Err(StoreError::Stale {
                entity: Entity::RequirementLine,
                id: seen.requirement_id.clone(),
            });
        }
        let (_, current) = self.current_version(&seen.set_id)?;
        let label = &seen.requirement_id;
        let rec = match &seen.change {
            DriftChange::Added { requirement } => {
                let position = self.next_position(procurement_id)?;
                let line = Line::from_requirement(&current, requirement, position);
                let id = self.insert_line(procurement_id, &line)?;
                self.audit(
                    "procurement_line",
                    id,
                    "take-over-add",
                    None,
                    snapshot(&line),
                )?;
                Record {
                    id,
                    revision: 1,
                    value: line,
                }
            }
            DriftChange::Changed {
                line,
                revision,
                new,
                ..
            } => {
                let (_, rec) = self.existing_line(*line, label)?;
                let mut updated = Line::from_requirement(&current, new, rec.value.position);
                updated.included = rec.value.included;
                updated.exclusion = rec.value.exclusion.clone();
                // The officer's own text, if any, stays in the audit row's "before".
                let revision = self.replace_line(&rec, *revision, &updated, "take-over")?;
                Record {
                    id: rec.id,
                    revision,
                    value: updated,
                }
            }
            DriftChange::Removed { line, revision } => {
                let (_, rec) = self.existing_line(*line, label)?;
                let excluded = Line {
                    included: false,
                    ..rec.value.clone()
                };
                let revision = self.save_line(&rec, *revision, &excluded, "take-over-remove")?;
                Record {
                    id: rec.id,
                    revision,
                    value: excluded,
                }
            }
        };
        self.settle_version(procurement_id, &seen.set_id)?;
        Ok(rec)
    }

    /// Answers a changed requirement by keeping the procurement's own text: the line now
    /// follows the library's newer version (the difference is no longer shown) with its text
    /// as the officer wrote it. Refused like `take_over` when the difference is not what the
    /// officer saw.
    pub fn keep_local(&self, procurement_id: i64, seen: &Drift) -> Result<Record<Line>> {
        let p = self.existing_procurement(procurement_id)?;
        p.value.ensure_lines_editable()?;
        let label = &seen.requirement_id;
        let stale = || StoreError::Stale {
            entity: Entity::RequirementLine,
            id: label.clone(),
        };
        if !self.drift(procurement_id)?.contains(seen) {
            return Err(stale());
        }
        let DriftChange::Changed {
            line,
            revision,
            new,
            ..
        } = &seen.change
        else {
            return Err(StoreError::Invalid(
                "only a changed requirement can keep the procurement's text".into(),
            ));
        };
        let (_, rec) = self.existing_line(*line, label)?;
        let (_, current) = self.current_version(&seen.set_id)?;
        let mut kept = rec.value.clone();
        if let Some(src) = kept.source.as_mut() {
            src.version = current.version.to_string();
            src.content_hash = new.content_hash();
        }
        let revision = self.replace_line(&rec, *revision, &kept, "keep-local")?;
        self.settle_version(procurement_id, &seen.set_id)?;
        Ok(Record {
            id: rec.id,
            revision,
            value: kept,
        })
    }

    /// Once nothing of `set_id` is left to take over, the procurement uses its current version.
    fn settle_version(&self, procurement_id: i64, set_id: &str) -> Result<()> {
        if !self
            .drift(procurement_id)?
            .iter()
            .any(|x| x.set_id == set_id)
        {
            self.tx.execute(
                "UPDATE procurement_set SET set_version_id =
                     (SELECT current_version_id FROM requirement_set WHERE id = ?2)
                 WHERE procurement_id = ?1 AND set_id = ?2",
                params![procurement_id, set_id],
            )?;
        }
        Ok(())
    }

    /// Replaces a line whole, library link included (taking over a newer version). Returns
    /// the new revision.
    fn replace_line(
        &self,
        rec: &Record<Line>,
        revision: i64,
        line: &Line,
        action: &str,
    ) -> Result<i64> {
        let src = line.source.as_ref();
        let changed = self.tx.execute(
            "UPDATE procurement_line SET kind = ?3, modified = ?4, source_version = ?5, source_hash = ?6,
                 title_sv = ?7, title_en = ?8, body = ?9, revision = revision + 1
             WHERE id = ?1 AND revision = ?2",
            params![
                rec.id,
                revision,
                line.kind.code(),
                line.modified,
                src.map(|s| &s.version),
                src.map(|s| &s.content_hash),
                line.title.sv,
                line.title.en,
                serde_json::to_string(line)?,
            ],
        )?;
        self.expect_updated(changed, Entity::RequirementLine, rec.id)?;
        self.audit(
            "procurement_line",
            rec.id,
            action,
            snapshot(&rec.value),
            snapshot(line),
        )?;
        Ok(revision + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::procurement::AboveAmbition;
    use crate::domain::{PersonalData, Procedure, Status};
    use crate::store::Store;
    use crate::store::sets::tests::{requirement, set};
    use crate::store::test_support::store;

    fn draft(profile: Profile) -> Procurement {
        Procurement {
            reference: "KS 2026/9".into(),
            title: "Test".into(),
            owner: "Eva".into(),
            procedure: Procedure::Open,
            status: Status::Draft,
            profile,
            deadline: None,
            published_on: None,
            weight_total: None,
            scoring: Default::default(),
        }
    }

    fn conditional_set(version: &str, changed_text: bool, with_new: bool) -> RequirementSet {
        let mut s = set(
            "alpha",
            version,
            &[("ALPHA-01", "Alltid"), ("ALPHA-02", "Persondata")],
        );
        s.requirements[1].applies_when = crate::domain::Condition::one(crate::domain::Clause {
            personal_data: Some(PersonalData::Ordinary),
            ..Default::default()
        });
        if changed_text {
            s.requirements[0].text = crate::domain::Text::sv("Ny lydelse.");
        }
        if with_new {
            s.requirements.push(requirement("ALPHA-03", "Ny"));
        }
        s
    }

    /// A store with version 1 of the `alpha` set (`with_new`: and ALPHA-03), and a draft with
    /// no profile facts that links it.
    fn linked_draft(with_new: bool) -> (Store, i64) {
        let mut s = store();
        s.sync_builtins(&[conditional_set("1", false, with_new)], "h1")
            .unwrap();
        let id = s
            .write(|tx| tx.create_procurement(&draft(Profile::default())))
            .unwrap();
        s.write(|tx| tx.link_set(id, "alpha", AboveAmbition::LeaveOut))
            .unwrap();
        (s, id)
    }

    #[test]
    fn a_profile_change_adds_and_removes_lines_but_keeps_edits() {
        let (mut s, id) = linked_draft(false);
        assert_eq!(s.lines(id).unwrap().len(), 1);
        let with_pd = Profile {
            personal_data: PersonalData::Ordinary,
            ..Profile::default()
        };
        assert_eq!(
            s.profile_preview(id, &with_pd).unwrap().added,
            vec!["ALPHA-02"]
        );
        let rev = s.procurement(id).unwrap().unwrap().revision;
        s.write(|tx| tx.reapply_profile(id, rev, &draft(with_pd.clone())))
            .unwrap();
        let lines = s.lines(id).unwrap();
        assert_eq!(lines.len(), 2);
        // Edit ALPHA-02, then take personal data away: the edited line stays, excluded.
        let mut edited = lines[1].value.clone();
        edited.edit_text(crate::domain::Text::sv("Egen text"));
        s.write(|tx| tx.update_line(lines[1].id, lines[1].revision, &edited))
            .unwrap();
        let rev = s.procurement(id).unwrap().unwrap().revision;
        let applied = s
            .write(|tx| tx.reapply_profile(id, rev, &draft(Profile::default())))
            .unwrap();
        assert_eq!(applied.change.removed, vec!["ALPHA-02"]);
        assert_eq!(
            applied.revision,
            s.procurement(id).unwrap().unwrap().revision
        );
        let lines = s.lines(id).unwrap();
        assert_eq!(lines.len(), 2);
        assert!(!lines[1].value.included && lines[1].value.modified);
    }

    #[test]
    fn drift_is_shown_and_taken_over_line_by_line() {
        let (mut s, id) = linked_draft(false);
        s.sync_builtins(&[conditional_set("2", true, true)], "h2")
            .unwrap();
        let drift = s.drift(id).unwrap();
        let ids: Vec<&str> = drift.iter().map(|d| d.requirement_id.as_str()).collect();
        assert_eq!(ids, vec!["ALPHA-01", "ALPHA-03"], "ALPHA-02 does not apply");
        assert!(matches!(drift[0].change, DriftChange::Changed { .. }));
        let taken = s.write(|tx| tx.take_over(id, &drift[0])).unwrap();
        assert_eq!(taken.value.text.sv, "Ny lydelse.");
        assert_eq!(taken.revision, s.lines(id).unwrap()[0].revision);
        assert_eq!(s.lines(id).unwrap()[0].value.text.sv, "Ny lydelse.");
        assert_eq!(
            s.linked_sets(id).unwrap()[0].version,
            "1",
            "ALPHA-03 still waits"
        );
        let refused = s.write(|tx| tx.take_over(id, &drift[0]));
        assert!(
            matches!(refused, Err(StoreError::Stale { ref id, .. }) if id == "ALPHA-01"),
            "taken over already: {refused:?}"
        );
        s.write(|tx| tx.take_over(id, &drift[1])).unwrap();
        assert!(s.drift(id).unwrap().is_empty());
        assert_eq!(s.linked_sets(id).unwrap()[0].version, "2");
        assert!(s.superseded().unwrap().is_empty());
    }

    #[test]
    fn lines_move_up_and_down() {
        let (mut s, id) = linked_draft(true);
        let labels = |s: &Store| -> Vec<String> {
            s.lines(id)
                .unwrap()
                .iter()
                .map(|l| l.value.label())
                .collect()
        };
        assert_eq!(labels(&s), vec!["ALPHA-01", "ALPHA-03"]);
        let second = s.lines(id).unwrap()[1].clone();
        s.write(|tx| tx.move_line(second.id, second.revision, true))
            .unwrap();
        assert_eq!(labels(&s), vec!["ALPHA-03", "ALPHA-01"]);
    }
}
