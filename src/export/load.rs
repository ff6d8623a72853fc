//! What the document is built from, read from the store in one go: the procurement, its
//! lines, the set versions they came from and the amendments.

use std::collections::HashMap;

use super::build::{AmendmentSource, RequirementExtra, SetSource};
use crate::domain::{Line, Procurement};
use crate::store::prelude::*;
use crate::store::sets::SetOutline;
use crate::store::{Result, StoreError};

/// The store's side of a tender document, owned, so a background job can take it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub procurement: Procurement,
    pub lines: Vec<(i64, Line)>,
    pub sets: Vec<SetSource>,
    pub amendments: Vec<AmendmentSource>,
}

/// Reads procurement `id` and what its document needs.
pub fn load(store: &(impl ReadProcurements + ReadSets), id: i64) -> Result<Loaded> {
    let rec = store.existing_procurement(id)?;
    let lines: Vec<(i64, Line)> = store
        .lines(id)?
        .into_iter()
        .map(|r| (r.id, r.value))
        .collect();
    let mut wanted: Vec<(String, String)> = store
        .linked_sets(id)?
        .into_iter()
        .map(|l| (l.set_id, l.version))
        .collect();
    // A line taken over from a newer version names that version.
    for (_, line) in &lines {
        if let Some(s) = &line.source {
            let key = (s.set_id.clone(), s.version.clone());
            if !wanted.contains(&key) {
                wanted.push(key);
            }
        }
    }
    let mut sets = Vec::with_capacity(wanted.len());
    for (set_id, version) in wanted {
        match store.set_version_outline(&set_id, &version)? {
            Some(outline) => sets.push(source_of(set_id, version, outline)),
            // A set version removed from the library still names its lines' origin.
            None => sets.push(SetSource {
                id: set_id,
                version,
                ..SetSource::default()
            }),
        }
    }
    let amendments = store
        .amendments(id)?
        .into_iter()
        .map(|a| AmendmentSource {
            line_id: a.line_id,
            reason: a.reason,
            at: a.at,
        })
        .collect();
    Ok(Loaded {
        procurement: rec.value,
        lines,
        sets,
        amendments,
    })
}

fn source_of(id: String, version: String, outline: SetOutline) -> SetSource {
    let requirements: HashMap<String, RequirementExtra> = outline
        .requirements
        .into_iter()
        .map(|(req, tags, see)| (req, RequirementExtra { tags, see }))
        .collect();
    SetSource {
        id,
        version,
        title: outline.title,
        requirements,
    }
}

/// The procurement named on the command line: by its reference (diarienummer), or by its
/// row id when no reference is that number.
pub fn find(store: &impl ReadProcurements, wanted: &str) -> Result<i64> {
    if let Some(id) = store.procurement_by_reference(wanted)? {
        return Ok(id);
    }
    match wanted.trim().parse::<i64>() {
        Ok(id) if store.procurement(id)?.is_some() => Ok(id),
        _ => Err(StoreError::NotFound {
            entity: crate::store::Entity::Procurement,
            id: wanted.trim().to_string(),
        }),
    }
}

impl Loaded {
    /// The tender document of what was loaded.
    pub fn document(
        &self,
        organisation: &str,
        today: chrono::NaiveDate,
        opts: super::Options,
    ) -> super::TenderDocument {
        super::tender_document(
            &super::Source {
                procurement: &self.procurement,
                lines: &self.lines,
                sets: &self.sets,
                amendments: &self.amendments,
                organisation,
                today,
            },
            opts,
        )
    }
}
