//! Bringing a folder of set files into the library at once (`sets sync`), all or nothing.
//!
//! Each file is first classified against the library and against the files before it: a
//! version the library lacks is new, the same version with the same content hash is already
//! there, the same version with other content is a conflict (with the library, or with an
//! earlier file of the folder). Only when nothing conflicts are the new versions imported, in
//! one transaction and in version order per set, through `Tx::import_set`, so that every rule
//! of `sets import` holds (a built-in set's id, an older version, a requirement id of another
//! set are refused) and is checked again under the write lock. A refusal rolls the whole sync
//! back: the library is either brought up to the folder or left as it was.

use super::sets::{Origin, ReadSets};
use super::{Result, Store, StoreError};
use crate::domain::RequirementSet;

/// A set file read from the folder: its name as shown to the user, and its set.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub file: String,
    pub set: RequirementSet,
}

/// What a sync found for one file.
#[derive(Debug)]
pub enum Arrival {
    /// A version the library does not have: imported, or (when the sync was refused) it would
    /// have been.
    New,
    /// The library, or an earlier file of the folder, has this version with the same content.
    Unchanged,
    /// The library has this version with other content.
    Conflict,
    /// An earlier file of the folder has this version with other content.
    ConflictInFolder { file: String },
    /// Refused as `sets import` refuses it.
    Refused(StoreError),
}

impl Arrival {
    /// Whether this file stops the sync.
    pub fn blocks(&self) -> bool {
        matches!(
            self,
            Arrival::Conflict | Arrival::ConflictInFolder { .. } | Arrival::Refused(_)
        )
    }
}

/// One file of a sync and what was found for it.
#[derive(Debug)]
pub struct SyncEntry {
    pub file: String,
    pub id: String,
    pub version: String,
    pub arrival: Arrival,
}

/// What a sync found, file by file in the order given.
#[derive(Debug)]
pub struct SetSync {
    pub entries: Vec<SyncEntry>,
}

impl SetSync {
    /// Whether a conflict or a refusal stopped the sync; then nothing was written.
    pub fn blocked(&self) -> bool {
        self.entries.iter().any(|e| e.arrival.blocks())
    }
}

impl Store {
    /// Imports every new set version of `incoming` in one transaction, or nothing at all when
    /// any file conflicts or is refused (see the module comment). Errors of the database
    /// itself (busy, read-only, disk full) come back as errors; conflicts and refusals are in
    /// the report.
    pub fn sync_sets(&mut self, incoming: &[Incoming]) -> Result<SetSync> {
        let mut entries = self.classify(incoming)?;
        if entries.iter().any(|e| e.arrival.blocks()) {
            return Ok(SetSync { entries });
        }
        let mut order: Vec<usize> = (0..incoming.len())
            .filter(|i| matches!(entries[*i].arrival, Arrival::New))
            .collect();
        order.sort_by(|a, b| {
            let (a, b) = (&incoming[*a].set, &incoming[*b].set);
            (a.id.as_str(), &a.version).cmp(&(b.id.as_str(), &b.version))
        });
        if order.is_empty() {
            return Ok(SetSync { entries });
        }
        let mut refused: Vec<(usize, StoreError)> = Vec::new();
        let mut first = None;
        let outcome = self.write(|tx| {
            for &i in &order {
                match tx.import_set(&incoming[i].set) {
                    Ok(_) => {}
                    Err(e) if is_refusal(&e) => refused.push((i, e)),
                    Err(e) => return Err(e),
                }
            }
            // Each refusal is found before its set writes anything, so the others can still
            // be checked in the same run; the first one then rolls everything back.
            if refused.is_empty() {
                return Ok(());
            }
            let (i, e) = refused.remove(0);
            first = Some(i);
            Err(e)
        });
        match (outcome, first) {
            (Ok(()), _) => Ok(SetSync { entries }),
            (Err(e), Some(i)) => {
                entries[i].arrival = Arrival::Refused(e);
                for (i, e) in refused {
                    entries[i].arrival = Arrival::Refused(e);
                }
                Ok(SetSync { entries })
            }
            (Err(e), None) => Err(e),
        }
    }

    /// Each file against the library and the files before it, reading only.
    fn classify(&self, incoming: &[Incoming]) -> Result<Vec<SyncEntry>> {
        let mut entries: Vec<SyncEntry> = Vec::with_capacity(incoming.len());
        for (i, inc) in incoming.iter().enumerate() {
            let set = &inc.set;
            let hash = set.content_hash();
            let earlier = incoming[..i]
                .iter()
                .find(|o| o.set.id == set.id && o.set.version == set.version);
            let arrival = if let Some(other) = earlier {
                if other.set.content_hash() == hash {
                    Arrival::Unchanged
                } else {
                    Arrival::ConflictInFolder {
                        file: other.file.clone(),
                    }
                }
            } else if self.set_origin(set.id.as_str())? == Some(Origin::Builtin) {
                Arrival::Refused(StoreError::BuiltinReadOnly(set.id.to_string()))
            } else {
                match self.set_version(set.id.as_str(), set.version.as_str())? {
                    None => Arrival::New,
                    Some(stored) if stored.content_hash() == hash => Arrival::Unchanged,
                    Some(_) => Arrival::Conflict,
                }
            };
            entries.push(SyncEntry {
                file: inc.file.clone(),
                id: set.id.to_string(),
                version: set.version.to_string(),
                arrival,
            });
        }
        Ok(entries)
    }
}

/// The refusals of `import_set`: the file's fault, not the database's.
fn is_refusal(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::BuiltinReadOnly(_)
            | StoreError::VersionExists { .. }
            | StoreError::AlreadyImported { .. }
            | StoreError::OlderVersion { .. }
            | StoreError::DuplicateRequirementId { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sets::tests::set;
    use crate::store::test_support::store;

    fn incoming(file: &str, id: &str, version: &str, reqs: &[(&str, &str)]) -> Incoming {
        Incoming {
            file: file.into(),
            set: set(id, version, reqs),
        }
    }

    fn arrivals(sync: &SetSync) -> Vec<String> {
        sync.entries
            .iter()
            .map(|e| {
                format!("{}:{:?}", e.file, e.arrival)
                    .chars()
                    .take(40)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn new_versions_come_in_and_a_second_sync_finds_them_there() {
        let mut s = store();
        let files = [
            incoming("b.toml", "mine", "1.10", &[("MINE-01", "Tio")]),
            incoming("a.toml", "mine", "1.9", &[("MINE-01", "Nio")]),
            incoming("c.toml", "other", "1", &[("OTH-01", "Annat")]),
        ];
        let first = s.sync_sets(&files).unwrap();
        assert!(!first.blocked());
        assert!(
            first
                .entries
                .iter()
                .all(|e| matches!(e.arrival, Arrival::New))
        );
        // Imported in version order, whatever the file names: 1.10 is the current one.
        assert_eq!(s.set("mine").unwrap().unwrap().version.as_str(), "1.10");
        let again = s.sync_sets(&files).unwrap();
        assert!(
            again
                .entries
                .iter()
                .all(|e| matches!(e.arrival, Arrival::Unchanged)),
            "{:?}",
            arrivals(&again)
        );
    }

    #[test]
    fn a_conflict_or_a_refusal_leaves_the_library_as_it_was() {
        let mut s = store();
        s.sync_sets(&[incoming("a.toml", "mine", "1", &[("MINE-01", "Ett")])])
            .unwrap();
        let writes = s.writes();
        let files = [
            incoming("a.toml", "mine", "1", &[("MINE-01", "Ändrat")]),
            incoming("b.toml", "mine", "2", &[("MINE-01", "Två")]),
        ];
        let sync = s.sync_sets(&files).unwrap();
        assert!(sync.blocked());
        assert!(matches!(sync.entries[0].arrival, Arrival::Conflict));
        assert!(matches!(sync.entries[1].arrival, Arrival::New));
        assert_eq!(s.writes(), writes, "nothing written");
        // Two new sets that share a requirement id: the one imported second (by id, "third")
        // is refused, and the one imported first is rolled back.
        let files = [
            incoming("c.toml", "third", "1", &[("TRE-01", "Tre")]),
            incoming("d.toml", "fourth", "1", &[("TRE-01", "Fyra")]),
        ];
        let sync = s.sync_sets(&files).unwrap();
        assert!(matches!(
            sync.entries[0].arrival,
            Arrival::Refused(StoreError::DuplicateRequirementId { .. })
        ));
        assert!(matches!(sync.entries[1].arrival, Arrival::New));
        assert_eq!(s.set("fourth").unwrap(), None);
        assert_eq!(s.writes(), writes, "nothing written");
        assert_eq!(s.set_versions("mine").unwrap(), vec!["1"]);
    }

    #[test]
    fn two_files_of_one_version_agree_or_conflict() {
        let mut s = store();
        s.sync_builtins(&[set("alpha", "2026.1", &[("ALPHA-01", "Lagring")])], "h")
            .unwrap();
        let files = [
            incoming("a.toml", "mine", "1", &[("MINE-01", "Ett")]),
            incoming("b.toml", "mine", "1", &[("MINE-01", "Ett")]),
            incoming("c.toml", "mine", "1", &[("MINE-01", "Annat")]),
            incoming("d.toml", "alpha", "2026.2", &[("ALPHA-01", "Eget")]),
        ];
        let sync = s.sync_sets(&files).unwrap();
        assert!(matches!(sync.entries[1].arrival, Arrival::Unchanged));
        assert!(
            matches!(&sync.entries[2].arrival, Arrival::ConflictInFolder { file } if file == "a.toml")
        );
        assert!(matches!(
            sync.entries[3].arrival,
            Arrival::Refused(StoreError::BuiltinReadOnly(_))
        ));
        assert_eq!(s.set("mine").unwrap(), None);
    }
}
