//! The user's own sets, edited in the program. A version that no procurement uses is still a
//! working copy and changes in place; the first change after a procurement linked it makes the
//! next version, so what a procurement was built from never changes under it.

use rusqlite::params;
use serde::Serialize;

use super::audit::snapshot;
use super::sealed::Conn;
use super::sets::{Origin, ReadSets, SetRecord, load_version};
use super::{Entity, Result, StoreError, Tx};
use crate::domain::{
    KeyDate, Kind, Level, Requirement, RequirementId, RequirementSet, SetId, SetVersion, Text,
};

/// One requirement of the current library, for lists and fuzzy search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexEntry {
    pub set_id: String,
    pub requirement_id: String,
    pub kind: Kind,
    pub level: Option<Level>,
    pub title: Text,
}

/// Reads across the current library: the requirement index, tags, and what uses a set.
pub trait ReadLibrary: Conn {
    /// Every requirement of the current versions, in set and file order.
    fn requirement_index(&self) -> Result<Vec<IndexEntry>> {
        super::all(
            self.conn(),
            "SELECT v.set_id, r.req_id, r.kind, r.level, r.title_sv, r.title_en
             FROM requirement r JOIN set_version v ON v.id = r.set_version_id
             JOIN requirement_set s ON s.current_version_id = v.id
             ORDER BY s.builtin DESC, v.set_id, r.position",
            [],
            |r| {
                Ok(IndexEntry {
                    set_id: r.get(0)?,
                    requirement_id: r.get(1)?,
                    kind: Kind::from_code(&r.get::<_, String>(2)?).unwrap_or(Kind::Mandatory),
                    level: r
                        .get::<_, Option<String>>(3)?
                        .and_then(|l| Level::from_code(&l)),
                    title: Text::new(r.get::<_, String>(4)?, r.get::<_, String>(5)?),
                })
            },
        )
    }

    /// All tags of the current library, sorted.
    fn tags(&self) -> Result<Vec<String>> {
        super::all(
            self.conn(),
            "SELECT DISTINCT t.value FROM requirement r
             JOIN requirement_set s ON s.current_version_id = r.set_version_id,
                  json_each(r.body, '$.tags') t
             ORDER BY t.value",
            [],
            |r| r.get(0),
        )
    }

    /// The key dates of every current version, with their set's id, in library order: what an
    /// `applies_from` of any set may name.
    fn key_dates(&self) -> Result<Vec<(String, KeyDate)>> {
        let rows: Vec<(String, String)> = super::all(
            self.conn(),
            "SELECT v.set_id, v.dates FROM set_version v
             JOIN requirement_set s ON s.current_version_id = v.id
             WHERE v.dates <> '[]'
             ORDER BY s.builtin DESC, v.set_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut out = Vec::new();
        for (set_id, dates) in rows {
            for date in serde_json::from_str::<Vec<KeyDate>>(&dates)? {
                out.push((set_id.clone(), date));
            }
        }
        Ok(out)
    }

    /// How many procurements draw lines from any version of the set.
    fn set_use_count(&self, id: &str) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(DISTINCT procurement_id) FROM procurement_set WHERE set_id = ?1",
            [id],
            |r| r.get(0),
        )?)
    }
}

impl<C: Conn + ?Sized> ReadLibrary for C {}

/// Which requirement a save writes: a new one, or one that exists, as its user saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequirementEdit<'a> {
    New,
    /// Replaces the requirement `id` (whose id the saved one may change) if it is still at
    /// `revision`.
    Existing {
        id: &'a str,
        revision: i64,
    },
}

/// Where requirement `id` is in the set, if it is still at the revision its user saw.
fn seen_requirement(record: &SetRecord, id: &str, revision: i64) -> Result<usize> {
    let missing = || StoreError::NotFound {
        entity: Entity::Requirement,
        id: id.to_string(),
    };
    let i = record
        .set
        .requirements
        .iter()
        .position(|r| r.id.as_str() == id)
        .ok_or_else(missing)?;
    if record.requirement_revisions.get(i) != Some(&revision) {
        return Err(StoreError::Stale {
            entity: Entity::Requirement,
            id: id.to_string(),
        });
    }
    Ok(i)
}

impl Tx<'_> {
    /// An own set, as it stands: refused for built-in sets and sets that are gone.
    fn own_set(&self, id: &str) -> Result<SetRecord> {
        let record = self.set_record(id)?.ok_or_else(|| StoreError::NotFound {
            entity: Entity::RequirementSet,
            id: id.to_string(),
        })?;
        if record.origin == Origin::Builtin {
            return Err(StoreError::BuiltinReadOnly(id.to_string()));
        }
        Ok(record)
    }

    /// The version edits go to: the current one while unused, else a new one made current.
    fn editable_version(&self, record: &SetRecord) -> Result<(i64, RequirementSet)> {
        let (vid, set) = self.current_version(record.set.id.as_str())?;
        let used: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM procurement_set WHERE set_version_id = ?1)",
            [vid],
            |r| r.get(0),
        )?;
        if !used {
            return Ok((vid, set));
        }
        let next = RequirementSet {
            version: set.version.bumped(),
            ..set
        };
        let new_vid = self.insert_version(&next)?;
        Ok((new_vid, next))
    }

    /// Writes the edited version and its audit row, with the value before and after.
    fn save_version(
        &self,
        vid: i64,
        set: &RequirementSet,
        action: &str,
        before: serde_json::Value,
        after: serde_json::Value,
    ) -> Result<()> {
        self.check_ids_free(set)?;
        self.replace_version(vid, set)?;
        self.audit(
            "requirement_set",
            &set.id,
            action,
            snapshot(&before),
            snapshot(&after),
        )
    }

    /// The set's revision after a change, for the caller's next write.
    fn revision_now(&self, id: &str) -> Result<i64> {
        self.set_revision(id)?.ok_or_else(|| StoreError::NotFound {
            entity: Entity::RequirementSet,
            id: id.to_string(),
        })
    }

    /// A new, empty custom set.
    pub fn create_set(&self, set: &RequirementSet) -> Result<()> {
        self.import_set(set).map(|_| ())
    }

    /// Copies a set (built-in or own) into a new custom set whose requirement ids take
    /// `prefix` in place of the original prefix (HOST-01 → EGEN-HOST-01 with "EGEN-HOST").
    pub fn duplicate_set(
        &self,
        from: &str,
        id: &SetId,
        prefix: &str,
        title: &Text,
    ) -> Result<usize> {
        let (_, source) = self.current_version(from)?;
        let renamed = |id: &RequirementId| {
            let number = id.as_str().rsplit_once('-').map_or("01", |(_, n)| n);
            RequirementId::parse(&format!("{prefix}-{number}"))
                .map_err(|e| StoreError::Invalid(e.to_string()))
        };
        let in_source = |id: &RequirementId| source.requirements.iter().any(|r| &r.id == id);
        let requirements = source
            .requirements
            .iter()
            .map(|r| {
                // A reference within the set follows it into the copy; one to another set
                // still points there.
                let see = r
                    .see
                    .iter()
                    .map(|s| {
                        if in_source(s) {
                            renamed(s)
                        } else {
                            Ok(s.clone())
                        }
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(Requirement {
                    id: renamed(&r.id)?,
                    see,
                    ..r.clone()
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let copy = RequirementSet {
            id: id.clone(),
            version: SetVersion::parse("1").map_err(|e| StoreError::Invalid(e.to_string()))?,
            title: title.clone(),
            description: source.description.clone(),
            sources: source.sources.clone(),
            dates: source.dates.clone(),
            requirements,
        };
        self.import_set(&copy)?;
        Ok(copy.requirements.len())
    }

    /// Changes an own set's title and description if the set is still at `revision`.
    /// Returns the set's new revision.
    pub fn update_set_meta(
        &self,
        id: &str,
        revision: i64,
        title: &Text,
        description: &Text,
    ) -> Result<i64> {
        let record = self.own_set(id)?;
        if record.revision != revision {
            return Err(StoreError::Stale {
                entity: Entity::RequirementSet,
                id: id.to_string(),
            });
        }
        let before = serde_json::json!({
            "title": record.set.title, "description": record.set.description
        });
        let (vid, set) = self.editable_version(&record)?;
        let set = RequirementSet {
            title: title.clone(),
            description: description.clone(),
            ..set
        };
        let after = serde_json::json!({ "title": title, "description": description });
        self.save_version(vid, &set, "edit", before, after)?;
        self.revision_now(id)
    }

    /// Adds a requirement, or replaces one as its user saw it (an edit of a requirement
    /// someone else changed is stale; of one someone deleted, not found, and never brought
    /// back). Returns the saved requirement's revision.
    pub fn save_requirement(
        &self,
        set_id: &str,
        edit: RequirementEdit,
        r: &Requirement,
    ) -> Result<i64> {
        let record = self.own_set(set_id)?;
        let index = match edit {
            RequirementEdit::New => None,
            RequirementEdit::Existing { id, revision } => {
                Some(seen_requirement(&record, id, revision)?)
            }
        };
        let before = index.map(|i| &record.set.requirements[i]);
        let (vid, mut set) = self.editable_version(&record)?;
        match index {
            Some(i) => set.requirements[i] = r.clone(),
            None => set.requirements.push(r.clone()),
        }
        let mut ids: Vec<&str> = set.requirements.iter().map(|x| x.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(StoreError::DuplicateRequirementId {
                id: r.id.to_string(),
                other_set: set_id.to_string(),
            });
        }
        self.save_version(
            vid,
            &set,
            "save-requirement",
            serde_json::json!({ "requirement": before }),
            serde_json::json!({ "requirement": r }),
        )?;
        Ok(self.tx.query_row(
            "SELECT revision FROM requirement WHERE set_version_id = ?1 AND req_id = ?2",
            params![vid, r.id.as_str()],
            |row| row.get(0),
        )?)
    }

    /// Deletes a requirement of an own set if it is still at `revision`. Returns the set's
    /// new revision.
    pub fn delete_requirement(
        &self,
        set_id: &str,
        requirement_id: &str,
        revision: i64,
    ) -> Result<i64> {
        let record = self.own_set(set_id)?;
        let i = seen_requirement(&record, requirement_id, revision)?;
        let before = serde_json::json!({ "requirement": record.set.requirements[i] });
        let (vid, mut set) = self.editable_version(&record)?;
        set.requirements.remove(i);
        self.save_version(
            vid,
            &set,
            "delete-requirement",
            before,
            serde_json::json!({ "requirement": requirement_id }),
        )?;
        self.revision_now(set_id)
    }

    /// Deletes an own set that no procurement uses, if it is still at `revision`. Its whole
    /// content, every version, is kept in the audit row.
    pub fn delete_set(&self, id: &str, revision: i64) -> Result<()> {
        let record = self.own_set(id)?;
        if record.revision != revision {
            return Err(StoreError::Stale {
                entity: Entity::RequirementSet,
                id: id.to_string(),
            });
        }
        let used = self.set_use_count(id)?;
        if used > 0 {
            return Err(StoreError::SetInUse {
                set: id.to_string(),
                procurements: used,
            });
        }
        let versions = self.all_versions(id)?;
        self.tx.execute(
            "UPDATE requirement_set SET current_version_id = NULL WHERE id = ?1",
            [id],
        )?;
        self.tx
            .execute("DELETE FROM set_version WHERE set_id = ?1", [id])?;
        self.tx
            .execute("DELETE FROM requirement_set WHERE id = ?1", [id])?;
        self.audit(
            "requirement_set",
            id,
            "delete",
            snapshot(&serde_json::json!({ "versions": versions })),
            None,
        )
    }

    /// Every version of a set, oldest first.
    fn all_versions(&self, id: &str) -> Result<Vec<RequirementSet>> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id FROM set_version WHERE set_id = ?1 ORDER BY version_sort")?;
        let ids = stmt
            .query_map([id], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.into_iter().map(|v| load_version(&self.tx, v)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::procurement::AboveAmbition;
    use crate::domain::{Procedure, Procurement, Profile, Status};
    use crate::store::prelude::*;
    use crate::store::sets::tests::{requirement, set};
    use crate::store::test_support::{store, with_alpha};
    use crate::store::{AuditEntry, Store};

    fn edit_of<'a>(record: &'a SetRecord, id: &'a str) -> RequirementEdit<'a> {
        RequirementEdit::Existing {
            id,
            revision: record.requirement_revision(id).unwrap(),
        }
    }

    fn last_audit(s: &Store, set: &str) -> AuditEntry {
        s.audit_trail(Some(("requirement_set", set)), 1)
            .unwrap()
            .remove(0)
    }

    #[test]
    fn a_duplicated_set_is_editable_and_versions_once_used() {
        let mut s = with_alpha();
        let id = SetId::parse("var-alpha").unwrap();
        let n = s
            .write(|tx| tx.duplicate_set("alpha", &id, "VAR-ALPHA", &Text::sv("Vårt paket")))
            .unwrap();
        assert_eq!(n, 2);
        let copy = s.set_record("var-alpha").unwrap().unwrap();
        assert_eq!(copy.set.requirements[1].id.as_str(), "VAR-ALPHA-02");
        // Unused: edits change version 1 in place.
        let mut r = copy.set.requirements[0].clone();
        r.title = Text::sv("Lagring i Sverige");
        s.write(|tx| tx.save_requirement("var-alpha", edit_of(&copy, "VAR-ALPHA-01"), &r))
            .unwrap();
        assert_eq!(s.set_versions("var-alpha").unwrap(), vec!["1"]);
        // Used by a procurement: the next edit makes version 2, version 1 stays as it was.
        let p = Procurement {
            reference: "KS 1".into(),
            title: "T".into(),
            owner: String::new(),
            procedure: Procedure::Open,
            status: Status::Draft,
            profile: Profile::default(),
            deadline: None,
            published_on: None,
            weight_total: None,
            scoring: Default::default(),
        };
        let pid = s.write(|tx| tx.create_procurement(&p)).unwrap();
        s.write(|tx| tx.link_set(pid, "var-alpha", AboveAmbition::LeaveOut))
            .unwrap();
        let new = requirement("VAR-ALPHA-03", "Ny");
        s.write(|tx| tx.save_requirement("var-alpha", RequirementEdit::New, &new))
            .unwrap();
        assert_eq!(s.set_versions("var-alpha").unwrap(), vec!["1", "2"]);
        assert_eq!(
            s.set_version("var-alpha", "1")
                .unwrap()
                .unwrap()
                .requirements
                .len(),
            2
        );
        assert_eq!(s.set("var-alpha").unwrap().unwrap().requirements.len(), 3);
        assert_eq!(
            s.superseded().unwrap().len(),
            1,
            "the draft now sees a newer version"
        );
        let rec = s.set_record("var-alpha").unwrap().unwrap();
        let refused = s.write(|tx| tx.delete_set("var-alpha", rec.revision));
        assert!(matches!(refused, Err(StoreError::SetInUse { .. })));
        assert!(matches!(
            s.write(|tx| tx.delete_requirement("alpha", "ALPHA-01", 1)),
            Err(StoreError::BuiltinReadOnly(_))
        ));
        assert!(s.tags().unwrap().contains(&"molntjänst".to_string()));
        assert_eq!(s.requirement_index().unwrap().len(), 5);
    }

    #[test]
    fn an_unused_own_set_can_be_deleted_and_its_content_stays_in_the_audit_trail() {
        let mut s = store();
        let own = set("mine", "1", &[("MINE-01", "Eget"), ("MINE-02", "Annat")]);
        s.write(|tx| tx.create_set(&own)).unwrap();
        let rec = s.set_record("mine").unwrap().unwrap();
        s.write(|tx| tx.delete_requirement("mine", "MINE-01", rec.requirement_revisions[0]))
            .unwrap();
        let deleted = last_audit(&s, "mine");
        assert_eq!(deleted.action, "delete-requirement");
        assert_eq!(
            deleted.before.unwrap()["requirement"]["title"]["sv"],
            "Eget",
            "the deleted requirement is kept"
        );
        let rec = s.set_record("mine").unwrap().unwrap();
        assert_eq!(rec.set.requirements.len(), 1);
        s.write(|tx| tx.delete_set("mine", rec.revision)).unwrap();
        assert!(s.sets().unwrap().is_empty());
        assert!(s.search("Annat", 10).unwrap().is_empty());
        let gone = last_audit(&s, "mine");
        assert_eq!(gone.action, "delete");
        let versions = &gone.before.unwrap()["versions"];
        assert_eq!(versions[0]["requirements"][0]["id"], "MINE-02");
        assert_eq!(versions[0]["title"]["sv"], "Paket mine");
    }

    #[test]
    fn edits_keep_the_revisions_of_unchanged_requirements_and_bump_the_changed_one() {
        let mut s = store();
        s.write(|tx| tx.create_set(&set("mine", "1", &[("MINE-01", "Ett"), ("MINE-02", "Två")])))
            .unwrap();
        let before = s.set_record("mine").unwrap().unwrap();
        let mut r = before.set.requirements[1].clone();
        r.title = Text::sv("Två, skarpare");
        let saved = s
            .write(|tx| tx.save_requirement("mine", edit_of(&before, "MINE-02"), &r))
            .unwrap();
        let after = s.set_record("mine").unwrap().unwrap();
        assert_eq!(
            after.requirement_revisions[0],
            before.requirement_revisions[0]
        );
        assert!(saved > before.requirement_revisions[1]);
        assert_eq!(after.requirement_revisions[1], saved);
        assert!(
            after.revision > before.revision,
            "the set's revision moves too"
        );
        let audit = last_audit(&s, "mine");
        assert_eq!(audit.before.unwrap()["requirement"]["title"]["sv"], "Två");
        assert_eq!(
            audit.after.unwrap()["requirement"]["title"]["sv"],
            "Två, skarpare"
        );

        let title = Text::sv("Mitt paket");
        let rev = s
            .write(|tx| tx.update_set_meta("mine", after.revision, &title, &Text::default()))
            .unwrap();
        assert_eq!(s.set_record("mine").unwrap().unwrap().revision, rev);
        let audit = last_audit(&s, "mine");
        assert_eq!(audit.before.unwrap()["title"]["sv"], "Paket mine");
        let stale = s.write(|tx| tx.update_set_meta("mine", after.revision, &title, &title));
        assert!(
            matches!(stale, Err(StoreError::Stale { entity: Entity::RequirementSet, ref id }) if id == "mine"),
            "{stale:?}"
        );
    }

    #[test]
    fn a_deleted_and_recreated_requirement_does_not_take_an_old_revision() {
        let mut s = store();
        s.write(|tx| tx.create_set(&set("mine", "1", &[("MINE-01", "Ett")])))
            .unwrap();
        let seen = s.set_record("mine").unwrap().unwrap();
        s.write(|tx| tx.delete_requirement("mine", "MINE-01", seen.requirement_revisions[0]))
            .unwrap();
        let again = requirement("MINE-01", "Nytt");
        s.write(|tx| tx.save_requirement("mine", RequirementEdit::New, &again))
            .unwrap();
        let mut old = seen.set.requirements[0].clone();
        old.title = Text::sv("Gammal redigering");
        let refused = s.write(|tx| tx.save_requirement("mine", edit_of(&seen, "MINE-01"), &old));
        assert!(
            matches!(refused, Err(StoreError::Stale { .. })),
            "{refused:?}"
        );
        assert_eq!(
            s.set("mine").unwrap().unwrap().requirements[0].title.sv,
            "Nytt"
        );
    }
}
