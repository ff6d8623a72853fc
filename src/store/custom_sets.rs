//! The user's own sets, edited in the program. A version that no procurement uses is still a
//! working copy and changes in place; the first change after a procurement linked it makes the
//! next version, so what a procurement was built from never changes under it.

use rusqlite::params;
use serde::Serialize;

use super::audit::snapshot;
use super::sealed::Conn;
use super::sets::{Origin, ReadSets};
use super::{Entity, Result, StoreError, Tx};
use crate::domain::{
    Kind, Level, Requirement, RequirementId, RequirementSet, SetId, SetVersion, Text,
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
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.set_id, r.req_id, r.kind, r.level, r.title_sv, r.title_en
             FROM requirement r JOIN set_version v ON v.id = r.set_version_id
             JOIN requirement_set s ON s.current_version_id = v.id
             ORDER BY s.builtin DESC, v.set_id, r.position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(IndexEntry {
                set_id: r.get(0)?,
                requirement_id: r.get(1)?,
                kind: Kind::from_code(&r.get::<_, String>(2)?).unwrap_or(Kind::Mandatory),
                level: r
                    .get::<_, Option<String>>(3)?
                    .and_then(|l| Level::from_code(&l)),
                title: Text::new(r.get::<_, String>(4)?, r.get::<_, String>(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// All tags of the current library, sorted.
    fn tags(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT t.value FROM requirement r
             JOIN requirement_set s ON s.current_version_id = r.set_version_id,
                  json_each(r.body, '$.tags') t
             ORDER BY t.value",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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

impl Tx<'_> {
    fn require_custom(&self, id: &str) -> Result<()> {
        match self.set_origin(id)? {
            Some(Origin::Custom) => Ok(()),
            Some(Origin::Builtin) => Err(StoreError::BuiltinReadOnly(id.to_string())),
            None => Err(StoreError::NotFound {
                entity: Entity::RequirementSet,
                id: id.to_string(),
            }),
        }
    }

    /// The version edits go to: the current one while unused, else a new one made current.
    fn editable_version(&self, id: &str) -> Result<(i64, RequirementSet)> {
        self.require_custom(id)?;
        let (vid, set) = self.current_version(id)?;
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

    fn save_version(
        &self,
        vid: i64,
        set: &RequirementSet,
        action: &str,
        detail: serde_json::Value,
    ) -> Result<()> {
        self.check_ids_free(set)?;
        self.replace_version(vid, set)?;
        self.tx.execute(
            "UPDATE requirement_set SET updated_at = ?2, revision = revision + 1 WHERE id = ?1",
            params![set.id.as_str(), self.at],
        )?;
        self.audit("requirement_set", &set.id, action, None, snapshot(&detail))
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
        let requirements = source
            .requirements
            .iter()
            .map(|r| {
                let number = r.id.as_str().rsplit_once('-').map_or("01", |(_, n)| n);
                let new_id = RequirementId::parse(&format!("{prefix}-{number}"))
                    .map_err(|e| StoreError::Invalid(e.to_string()))?;
                Ok(Requirement {
                    id: new_id,
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
            requirements,
        };
        self.import_set(&copy)?;
        Ok(copy.requirements.len())
    }

    pub fn update_set_meta(&self, id: &str, title: &Text, description: &Text) -> Result<()> {
        let (vid, set) = self.editable_version(id)?;
        let set = RequirementSet {
            title: title.clone(),
            description: description.clone(),
            ..set
        };
        self.save_version(vid, &set, "edit", serde_json::json!({ "title": title }))
    }

    /// Adds a requirement, or replaces the one with id `original` (whose id may change).
    pub fn save_requirement(
        &self,
        set_id: &str,
        original: Option<&str>,
        r: &Requirement,
    ) -> Result<()> {
        let (vid, mut set) = self.editable_version(set_id)?;
        match original.and_then(|o| set.requirements.iter().position(|x| x.id.as_str() == o)) {
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
            serde_json::json!({ "requirement": r }),
        )
    }

    pub fn delete_requirement(&self, set_id: &str, requirement_id: &str) -> Result<()> {
        let (vid, mut set) = self.editable_version(set_id)?;
        set.requirements.retain(|r| r.id.as_str() != requirement_id);
        self.save_version(
            vid,
            &set,
            "delete-requirement",
            serde_json::json!({ "requirement": requirement_id }),
        )
    }

    /// Deletes an own set that no procurement uses.
    pub fn delete_set(&self, id: &str) -> Result<()> {
        self.require_custom(id)?;
        let used = self.set_use_count(id)?;
        if used > 0 {
            return Err(StoreError::SetInUse {
                set: id.to_string(),
                procurements: used,
            });
        }
        self.tx.execute(
            "UPDATE requirement_set SET current_version_id = NULL WHERE id = ?1",
            [id],
        )?;
        self.tx
            .execute("DELETE FROM set_version WHERE set_id = ?1", [id])?;
        self.tx
            .execute("DELETE FROM requirement_set WHERE id = ?1", [id])?;
        self.audit("requirement_set", id, "delete", None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::procurement::AboveAmbition;
    use crate::domain::{Procedure, Procurement, Profile, Status};
    use crate::store::prelude::*;
    use crate::store::sets::tests::{requirement, set};
    use crate::store::test_support::store;

    #[test]
    fn a_duplicated_set_is_editable_and_versions_once_used() {
        let mut s = store();
        s.sync_builtins(
            &[set(
                "alpha",
                "2026.1",
                &[("ALPHA-01", "Lagring"), ("ALPHA-02", "Loggar")],
            )],
            "h",
        )
        .unwrap();
        let id = SetId::parse("var-alpha").unwrap();
        let n = s
            .write(|tx| tx.duplicate_set("alpha", &id, "VAR-ALPHA", &Text::sv("Vårt paket")))
            .unwrap();
        assert_eq!(n, 2);
        let copy = s.set("var-alpha").unwrap().unwrap();
        assert_eq!(copy.requirements[1].id.as_str(), "VAR-ALPHA-02");
        // Unused: edits change version 1 in place.
        let mut r = copy.requirements[0].clone();
        r.title = Text::sv("Lagring i Sverige");
        s.write(|tx| tx.save_requirement("var-alpha", Some("VAR-ALPHA-01"), &r))
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
        };
        let pid = s.write(|tx| tx.create_procurement(&p)).unwrap();
        s.write(|tx| tx.link_set(pid, "var-alpha", AboveAmbition::LeaveOut))
            .unwrap();
        s.write(|tx| tx.save_requirement("var-alpha", None, &requirement("VAR-ALPHA-03", "Ny")))
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
        let refused = s.write(|tx| tx.delete_set("var-alpha"));
        assert!(matches!(refused, Err(StoreError::SetInUse { .. })));
        assert!(matches!(
            s.write(|tx| tx.delete_requirement("alpha", "ALPHA-01")),
            Err(StoreError::BuiltinReadOnly(_))
        ));
        assert!(s.tags().unwrap().contains(&"molntjänst".to_string()));
        assert_eq!(s.requirement_index().unwrap().len(), 5);
    }

    #[test]
    fn an_unused_own_set_can_be_deleted_with_its_requirements() {
        let mut s = store();
        let own = set("mine", "1", &[("MINE-01", "Eget")]);
        s.write(|tx| tx.create_set(&own)).unwrap();
        s.write(|tx| tx.delete_requirement("mine", "MINE-01"))
            .unwrap();
        assert!(s.set("mine").unwrap().unwrap().requirements.is_empty());
        s.write(|tx| tx.delete_set("mine")).unwrap();
        assert!(s.sets().unwrap().is_empty());
        assert!(s.search("Eget", 10).unwrap().is_empty());
    }
}
