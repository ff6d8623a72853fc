//! References between requirements and sets: `see` names requirements and `applies_from` names
//! a `[[date]]`, in the same set or any other of the library. A file alone cannot tell whether
//! they resolve, so they are kept with their place when a file is read and checked here against
//! the files read together plus what else the library holds ([`Known`]: the built-in sets, or
//! the database's library at import).

use std::collections::HashSet;

use super::error::{CatalogError, Problem};
use super::parse::ParsedSet;
use crate::domain::key_date::DateKey;
use crate::domain::requirement::RequirementId;
use crate::domain::set::RequirementSet;

/// What a reference points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// `see`: a requirement id.
    Requirement(RequirementId),
    /// `applies_from`: the key of a `[[date]]`.
    Date(DateKey),
}

/// One reference, with where it stands in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    pub(crate) target: Target,
    pub(crate) field: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// Requirement ids and date keys a reference may point at besides the files checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    requirements: HashSet<String>,
    dates: HashSet<String>,
}

impl Known {
    /// Everything the `sets` hold.
    pub fn of_sets<'a>(sets: impl IntoIterator<Item = &'a RequirementSet>) -> Known {
        let mut known = Known::default();
        for set in sets {
            known.add_set(set);
        }
        known
    }

    pub fn add_set(&mut self, set: &RequirementSet) {
        for r in &set.requirements {
            self.add_requirement(r.id.as_str());
        }
        for d in &set.dates {
            self.add_date(d.key.as_str());
        }
    }

    pub fn add_requirement(&mut self, id: &str) {
        self.requirements.insert(id.to_string());
    }

    pub fn add_date(&mut self, key: &str) {
        self.dates.insert(key.to_string());
    }

    fn has(&self, target: &Target) -> bool {
        match target {
            Target::Requirement(id) => self.requirements.contains(id.as_str()),
            Target::Date(key) => self.dates.contains(key.as_str()),
        }
    }
}

/// Every `see` and `applies_from` of `sets` that points at nothing in `sets` or `known`, in the
/// order of the files and of each file.
pub fn check_references(sets: &[ParsedSet], known: &Known) -> Vec<CatalogError> {
    let here = Known::of_sets(sets.iter().map(|p| &p.set));
    let mut errors = Vec::new();
    for parsed in sets {
        for r in parsed.references() {
            if here.has(&r.target) || known.has(&r.target) {
                continue;
            }
            let problem = match &r.target {
                Target::Requirement(id) => Problem::UnknownSee { id: id.to_string() },
                Target::Date(key) => Problem::UnknownDateKey {
                    key: key.to_string(),
                },
            };
            errors.push(CatalogError {
                file: parsed.file.clone(),
                line: r.line,
                column: r.column,
                field: r.field.clone(),
                problem,
            });
        }
    }
    errors
}
