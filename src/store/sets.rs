//! Requirement sets in the database: built-in sets synced from the binary, custom and imported
//! sets, each version kept whole (a version never changes once imported; a change is a new
//! version, so procurements can tell which version their lines came from).

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::audit::snapshot;
use super::sealed::Conn;
use super::versions::version_sort;
use super::{Entity, Result, Store, StoreError, Tx};
use crate::domain::{KeyDate, Requirement, RequirementSet, SetId, SetVersion, Source, Text};

/// Whether a set ships with kravkoll or was made by its users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Builtin,
    Custom,
}

/// One line of the set list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetSummary {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub origin: Origin,
    pub requirements: i64,
    pub versions: i64,
}

/// The current version of a set with the revisions a write must name: the set's own (title,
/// description, deleting it) and each requirement's.
#[derive(Debug, Clone, PartialEq)]
pub struct SetRecord {
    pub origin: Origin,
    pub revision: i64,
    pub set: RequirementSet,
    /// The revision of each requirement, in the order of `set.requirements`.
    pub requirement_revisions: Vec<i64>,
}

impl SetRecord {
    /// The revision of the requirement with this id, if the set has it.
    pub fn requirement_revision(&self, requirement_id: &str) -> Option<i64> {
        self.set
            .requirements
            .iter()
            .position(|r| r.id.as_str() == requirement_id)
            .and_then(|i| self.requirement_revisions.get(i).copied())
    }
}

/// What a sync of the built-in sets did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncReport {
    /// Nothing had changed since the last start: no writes at all.
    pub unchanged: bool,
    pub added: Vec<String>,
    pub updated: Vec<String>,
    /// Built-in sets that could not be synced, with the reason (e.g. a custom set took the id).
    pub skipped: Vec<(String, String)>,
}

const BUILTIN_HASH_KEY: &str = "builtin_sets_hash";

/// A set version's title and its requirements' ids, tags and `see` references.
#[derive(Debug, Clone, PartialEq)]
pub struct SetOutline {
    pub title: Text,
    /// (requirement id, tags, related requirement ids), in the set's order.
    pub requirements: Vec<(String, Vec<String>, Vec<String>)>,
}

/// Reads of the library's sets and their versions.
pub trait ReadSets: Conn {
    fn sets(&self) -> Result<Vec<SetSummary>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.id, v.version, v.title_sv, v.title_en, s.builtin,
                    (SELECT count(*) FROM requirement r WHERE r.set_version_id = v.id),
                    (SELECT count(*) FROM set_version w WHERE w.set_id = s.id)
             FROM requirement_set s JOIN set_version v ON v.id = s.current_version_id
             ORDER BY s.builtin DESC, s.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SetSummary {
                id: r.get(0)?,
                version: r.get(1)?,
                title: Text::new(r.get::<_, String>(2)?, r.get::<_, String>(3)?),
                origin: origin(r.get(4)?),
                requirements: r.get(5)?,
                versions: r.get(6)?,
            })
        })?;
        let mut sets: Vec<SetSummary> = rows.collect::<rusqlite::Result<_>>()?;
        // Built-in sets in the order of the library (basics, data, hosting, …, sustainability),
        // which reads like a requirement specification; own sets after them by id.
        sets.sort_by_key(|s| match s.origin {
            Origin::Builtin => (0, crate::catalog::builtin::position(&s.id)),
            Origin::Custom => (1, 0),
        });
        Ok(sets)
    }

    fn set_origin(&self, id: &str) -> Result<Option<Origin>> {
        let builtin: Option<bool> = self
            .conn()
            .query_row(
                "SELECT builtin FROM requirement_set WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(builtin.map(origin))
    }

    /// The current version of a set.
    fn set(&self, id: &str) -> Result<Option<RequirementSet>> {
        Ok(self.set_record(id)?.map(|r| r.set))
    }

    /// The current version of a set with its revisions, for editing it.
    fn set_record(&self, id: &str) -> Result<Option<SetRecord>> {
        let row: Option<(bool, i64, Option<i64>)> = self
            .conn()
            .query_row(
                "SELECT builtin, revision, current_version_id FROM requirement_set WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((builtin, revision, Some(vid))) = row else {
            return Ok(None);
        };
        let (set, requirement_revisions) = read_version(self.conn(), vid)?;
        Ok(Some(SetRecord {
            origin: origin(builtin),
            revision,
            set,
            requirement_revisions,
        }))
    }

    /// A given version of a set. Versions compare as numbers (`01` is `1`, `1.00` is `1.0`),
    /// also against rows written before versions were normalised.
    fn set_version(&self, id: &str, version: &str) -> Result<Option<RequirementSet>> {
        let Ok(wanted) = SetVersion::parse(version) else {
            return Ok(None);
        };
        version_row(self.conn(), id, &wanted)?
            .map(|(vid, _)| load_version(self.conn(), vid))
            .transpose()
    }

    /// A version's title and, per requirement, its id, tags and related requirements: what a
    /// document needs beside its lines, read without parsing each requirement whole (a
    /// thousand-line tender would otherwise parse a thousand requirements it has copies of).
    fn set_version_outline(&self, id: &str, version: &str) -> Result<Option<SetOutline>> {
        let Ok(wanted) = SetVersion::parse(version) else {
            return Ok(None);
        };
        let Some((vid, _)) = version_row(self.conn(), id, &wanted)? else {
            return Ok(None);
        };
        let title = self.conn().query_row(
            "SELECT title_sv, title_en FROM set_version WHERE id = ?1",
            [vid],
            |r| Ok(Text::new(r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        let list = |json: Option<String>| -> Result<Vec<String>> {
            json.map_or(Ok(Vec::new()), |j| Ok(serde_json::from_str(&j)?))
        };
        let mut requirements = Vec::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT req_id, json_extract(body, '$.tags'), json_extract(body, '$.see')
             FROM requirement WHERE set_version_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([vid], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (req_id, tags, see) = row?;
            requirements.push((req_id, list(tags)?, list(see)?));
        }
        Ok(Some(SetOutline {
            title,
            requirements,
        }))
    }

    /// The versions of a set, oldest first.
    fn set_versions(&self, id: &str) -> Result<Vec<String>> {
        super::all(
            self.conn(),
            "SELECT version FROM set_version WHERE set_id = ?1 ORDER BY version_sort, id",
            [id],
            |r| r.get(0),
        )
    }

    /// Whether the built-in sets with this combined hash are already in the database; when they
    /// are, start-up need not even parse them.
    fn builtins_synced(&self, combined_hash: &str) -> Result<bool> {
        let stored: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [BUILTIN_HASH_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(stored.as_deref() == Some(combined_hash))
    }
}

impl<C: Conn + ?Sized> ReadSets for C {}

fn origin(builtin: bool) -> Origin {
    if builtin {
        Origin::Builtin
    } else {
        Origin::Custom
    }
}

impl Store {
    /// Brings the built-in sets into the database, but only when the embedded files changed
    /// since the last sync (`combined_hash`): an unchanged start writes nothing. The hash is
    /// read again under the write lock, so of several processes starting at once only the
    /// first syncs; the others find the work done.
    pub fn sync_builtins(
        &mut self,
        sets: &[RequirementSet],
        combined_hash: &str,
    ) -> Result<SyncReport> {
        let unchanged = SyncReport {
            unchanged: true,
            ..SyncReport::default()
        };
        if self.builtins_synced(combined_hash)? {
            return Ok(unchanged);
        }
        self.write(|tx| {
            if tx.builtins_synced(combined_hash)? {
                return Ok(unchanged);
            }
            let mut report = SyncReport::default();
            for set in sets {
                match tx.sync_builtin(set) {
                    Ok(Some(true)) => report.added.push(set.id.to_string()),
                    Ok(Some(false)) => report.updated.push(set.id.to_string()),
                    Ok(None) => {}
                    Err(
                        e @ (StoreError::DuplicateRequirementId { .. }
                        | StoreError::BuiltinReadOnly(_)),
                    ) => report.skipped.push((set.id.to_string(), e.to_string())),
                    Err(e) => return Err(e),
                }
            }
            tx.tx.execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [BUILTIN_HASH_KEY, combined_hash],
            )?;
            Ok(report)
        })
    }
}

/// The row id and stored content hash of a set's version, compared as numbers. Of equal
/// versions left by older databases, the one imported last.
pub(super) fn version_row(
    conn: &rusqlite::Connection,
    id: &str,
    version: &SetVersion,
) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, content_hash FROM set_version WHERE set_id = ?1 AND version_sort = ?2
             ORDER BY id DESC LIMIT 1",
            params![id, version_sort(version)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The row id of a set's current version.
fn current_version_id(conn: &rusqlite::Connection, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT current_version_id FROM requirement_set WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Reads one set version whole.
pub(super) fn load_version(conn: &rusqlite::Connection, version_id: i64) -> Result<RequirementSet> {
    Ok(read_version(conn, version_id)?.0)
}

/// The one loader behind every read of a set: a version whole, with the revision of each
/// requirement in the same order.
fn read_version(
    conn: &rusqlite::Connection,
    version_id: i64,
) -> Result<(RequirementSet, Vec<i64>)> {
    // id, version, titles, descriptions, sources and dates (JSON): all text.
    let row: Vec<String> = conn.query_row(
        "SELECT set_id, version, title_sv, title_en, description_sv, description_en, sources,
             dates
         FROM set_version WHERE id = ?1",
        [version_id],
        |r| (0..8).map(|i| r.get::<_, String>(i)).collect(),
    )?;
    let [set_id, version, tsv, ten, dsv, den, sources, dates]: [String; 8] = row
        .try_into()
        .map_err(|_| StoreError::Corrupt(format!("set version {version_id}")))?;
    let mut stmt = conn.prepare_cached(
        "SELECT body, revision FROM requirement WHERE set_version_id = ?1 ORDER BY position",
    )?;
    let (requirements, revisions): (Vec<Requirement>, Vec<i64>) = stmt
        .query_map([version_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .map(|row| {
            let (body, revision) = row?;
            Ok((serde_json::from_str::<Requirement>(&body)?, revision))
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .unzip();
    let corrupt = |e: &dyn std::fmt::Display| StoreError::Corrupt(format!("set {set_id}: {e}"));
    let set = RequirementSet {
        id: SetId::parse(&set_id).map_err(|e| corrupt(&e))?,
        version: SetVersion::parse(&version).map_err(|e| corrupt(&e))?,
        title: Text::new(tsv, ten),
        description: Text::new(dsv, den),
        sources: serde_json::from_str::<Vec<Source>>(&sources)?,
        dates: serde_json::from_str::<Vec<KeyDate>>(&dates)?,
        requirements,
    };
    Ok((set, revisions))
}

impl Tx<'_> {
    /// Imports a new version of a custom set (or a new custom set). Returns the version's row id.
    pub fn import_set(&self, set: &RequirementSet) -> Result<i64> {
        let origin = self.set_origin(set.id.as_str())?;
        match origin {
            Some(Origin::Builtin) => return Err(StoreError::BuiltinReadOnly(set.id.to_string())),
            Some(Origin::Custom) => self.check_new_version(set)?,
            None => {}
        }
        self.check_ids_free(set)?;
        if origin.is_none() {
            self.insert_set_row(set, Origin::Custom)?;
        }
        let vid = self.insert_version(set)?;
        self.audit(
            "requirement_set",
            &set.id,
            "import",
            None,
            snapshot(&serde_json::json!({
                "version": set.version, "requirements": set.requirements.len()
            })),
        )?;
        Ok(vid)
    }

    /// `Some(true)` when added, `Some(false)` when updated, `None` when already current.
    fn sync_builtin(&self, set: &RequirementSet) -> Result<Option<bool>> {
        let existing = version_row(&self.tx, set.id.as_str(), &set.version)?;
        // Checks first, writes after: a skipped set must leave nothing behind in the sync.
        let origin = self.set_origin(set.id.as_str())?;
        if origin == Some(Origin::Custom) {
            return Err(StoreError::BuiltinReadOnly(set.id.to_string()));
        }
        self.check_ids_free(set)?;
        if origin.is_none() {
            self.insert_set_row(set, Origin::Builtin)?;
        }
        let hash = set.content_hash();
        let added = match existing {
            Some((_, h)) if h == hash => return Ok(None),
            // The same version with other content only happens while the library is being
            // written; built-ins are ours, so the embedded text wins.
            Some((vid, _)) => {
                self.replace_version(vid, set)?;
                false
            }
            None => {
                self.insert_version(set)?;
                true
            }
        };
        self.audit(
            "requirement_set",
            &set.id,
            if added { "sync-add" } else { "sync-update" },
            None,
            snapshot(&serde_json::json!({
                "version": set.version, "requirements": set.requirements.len()
            })),
        )?;
        Ok(Some(added))
    }

    /// Whether the library holds `version` of the set.
    pub fn has_version(&self, id: &str, version: &crate::domain::SetVersion) -> Result<bool> {
        Ok(version_row(&self.tx, id, version)?.is_some())
    }

    /// A given version of a set that must exist: its row id and its content.
    pub(super) fn version_of(
        &self,
        id: &str,
        version: &crate::domain::SetVersion,
    ) -> Result<(i64, RequirementSet)> {
        let (vid, _) = version_row(&self.tx, id, version)?.ok_or_else(|| StoreError::NotFound {
            entity: Entity::SetVersion,
            id: format!("{id} {version}"),
        })?;
        Ok((vid, load_version(&self.tx, vid)?))
    }

    /// The current version of a set that must exist: its row id and its content.
    pub(super) fn current_version(&self, id: &str) -> Result<(i64, RequirementSet)> {
        let vid = current_version_id(&self.tx, id)?.ok_or_else(|| StoreError::NotFound {
            entity: Entity::RequirementSet,
            id: id.to_string(),
        })?;
        Ok((vid, load_version(&self.tx, vid)?))
    }

    fn insert_set_row(&self, set: &RequirementSet, origin: Origin) -> Result<()> {
        self.tx.execute(
            "INSERT INTO requirement_set(id, builtin, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?3)",
            params![set.id.as_str(), origin == Origin::Builtin, self.at],
        )?;
        Ok(())
    }

    /// A new version must be new (`01` is the same version as `1`) and not older than the
    /// library's.
    fn check_new_version(&self, set: &RequirementSet) -> Result<()> {
        let (set_name, version) = (set.id.to_string(), set.version.to_string());
        if let Some((vid, _)) = version_row(&self.tx, set.id.as_str(), &set.version)? {
            // Hashed as read back, not as stored: a row from before versions were normalised
            // was hashed with its version as it was spelt then.
            let same = load_version(&self.tx, vid)?.content_hash() == set.content_hash();
            return Err(if same {
                StoreError::AlreadyImported {
                    set: set_name,
                    version,
                }
            } else {
                StoreError::VersionExists {
                    set: set_name,
                    version,
                }
            });
        }
        let newest = self
            .set_versions(set.id.as_str())?
            .iter()
            .filter_map(|v| SetVersion::parse(v).ok())
            .max();
        if let Some(current) = newest.filter(|c| *c > set.version) {
            return Err(StoreError::OlderVersion {
                set: set_name,
                version,
                current: current.to_string(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "sets_tests.rs"]
pub(crate) mod tests;
