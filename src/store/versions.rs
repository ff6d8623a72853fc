//! Writing set versions: a new version, or a version rewritten in place, with its requirement
//! rows and their revisions.
//!
//! Requirements of own sets are edited by several people, so each row carries a revision like
//! every other shared row. Rows are rewritten whole when a version changes; an unchanged
//! requirement keeps its revision (also into the next version), and a changed or new one takes
//! the set's new revision. The set's revision grows with every change, so a requirement that is
//! deleted and made again never comes back with a revision someone still holds.

use rusqlite::{OptionalExtension, params};

use super::{Result, StoreError, Tx};
use crate::domain::{RequirementSet, SetVersion};

/// A version as text that sorts like the version numbers: each part zero-padded. Equal versions
/// (`1` and `01`) get equal keys, also for rows written before versions were normalised.
pub(super) fn version_sort(v: &SetVersion) -> String {
    v.as_str()
        .split('.')
        .map(|p| format!("{:0>10}", p))
        .collect::<Vec<_>>()
        .join(".")
}

/// A requirement row as it was before a rewrite: id, revision, content hash.
type Previous = Vec<(String, i64, String)>;

impl Tx<'_> {
    /// The set row's revision, if the set exists.
    pub(super) fn set_revision(&self, id: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .query_row(
                "SELECT revision FROM requirement_set WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// One more revision of the set: every change to a set or its requirements takes one.
    fn bump_set(&self, id: &str) -> Result<i64> {
        Ok(self.tx.query_row(
            "UPDATE requirement_set SET revision = revision + 1, updated_at = ?2 WHERE id = ?1
             RETURNING revision",
            params![id, self.at],
            |r| r.get(0),
        )?)
    }

    fn previous_rows(&self, vid: Option<i64>) -> Result<Previous> {
        let Some(vid) = vid else {
            return Ok(Vec::new());
        };
        super::all(
            &self.tx,
            "SELECT req_id, revision, content_hash FROM requirement WHERE set_version_id = ?1",
            [vid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// Adds a version and makes the newest version (by number) current. Requirement revisions
    /// carry over from the version that was current. Returns the version's row id.
    pub(super) fn insert_version(&self, set: &RequirementSet) -> Result<i64> {
        let current: Option<i64> = self
            .tx
            .query_row(
                "SELECT current_version_id FROM requirement_set WHERE id = ?1",
                [set.id.as_str()],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let previous = self.previous_rows(current)?;
        let revision = self.bump_set(set.id.as_str())?;
        self.tx.execute(
            "INSERT INTO set_version(set_id, version, version_sort, title_sv, title_en,
                 description_sv, description_en, sources, content_hash, imported_at, dates)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                set.id.as_str(),
                set.version.as_str(),
                version_sort(&set.version),
                set.title.sv,
                set.title.en,
                set.description.sv,
                set.description.en,
                serde_json::to_string(&set.sources)?,
                set.content_hash(),
                self.at,
                serde_json::to_string(&set.dates)?,
            ],
        )?;
        let vid = self.tx.last_insert_rowid();
        self.insert_requirements(vid, set, &previous, revision)?;
        // Of equal versions (rows from before normalisation) the one imported last wins.
        self.tx.execute(
            "UPDATE requirement_set SET current_version_id = (SELECT id FROM set_version
                 WHERE set_id = ?1 ORDER BY version_sort DESC, id DESC LIMIT 1)
             WHERE id = ?1",
            [set.id.as_str()],
        )?;
        Ok(vid)
    }

    /// Rewrites a version in place: built-ins at sync, and own versions no procurement uses.
    /// Procurements keep their own snapshots, so nothing else changes with it.
    pub(super) fn replace_version(&self, vid: i64, set: &RequirementSet) -> Result<()> {
        let previous = self.previous_rows(Some(vid))?;
        let revision = self.bump_set(set.id.as_str())?;
        self.tx.execute(
            "UPDATE set_version SET title_sv = ?2, title_en = ?3, description_sv = ?4,
                 description_en = ?5, sources = ?6, content_hash = ?7, imported_at = ?8,
                 dates = ?9
             WHERE id = ?1",
            params![
                vid,
                set.title.sv,
                set.title.en,
                set.description.sv,
                set.description.en,
                serde_json::to_string(&set.sources)?,
                set.content_hash(),
                self.at,
                serde_json::to_string(&set.dates)?,
            ],
        )?;
        self.tx
            .execute("DELETE FROM requirement WHERE set_version_id = ?1", [vid])?;
        self.insert_requirements(vid, set, &previous, revision)
    }

    fn insert_requirements(
        &self,
        vid: i64,
        set: &RequirementSet,
        previous: &Previous,
        revision: i64,
    ) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO requirement(set_version_id, req_id, position, kind, level, title_sv,
                 title_en, body, content_hash, revision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for (i, r) in set.requirements.iter().enumerate() {
            let hash = r.content_hash();
            let kept = previous
                .iter()
                .find(|(id, _, h)| id == r.id.as_str() && *h == hash)
                .map(|(_, rev, _)| *rev);
            stmt.execute(params![
                vid,
                r.id.as_str(),
                i as i64,
                r.kind.code(),
                r.level.map(|l| l.code()),
                r.title.sv,
                r.title.en,
                serde_json::to_string(r)?,
                hash,
                kept.unwrap_or(revision),
            ])?;
        }
        Ok(())
    }

    /// Requirement ids are unique in the whole library: no other set may use them.
    pub(super) fn check_ids_free(&self, set: &RequirementSet) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT v.set_id FROM requirement r JOIN set_version v ON v.id = r.set_version_id
             WHERE r.req_id = ?1 AND v.set_id <> ?2 LIMIT 1",
        )?;
        for r in &set.requirements {
            let other: Option<String> = stmt
                .query_row(params![r.id.as_str(), set.id.as_str()], |row| row.get(0))
                .optional()?;
            if let Some(other_set) = other {
                return Err(StoreError::DuplicateRequirementId {
                    id: r.id.to_string(),
                    other_set,
                });
            }
        }
        Ok(())
    }
}
