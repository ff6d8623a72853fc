//! Requirement sets: versioned, immutable once imported. A change to a set makes a new version;
//! built-in sets are read-only and are duplicated into custom sets to be edited.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::key_date::KeyDate;
use super::requirement::{HashedRequirement, Requirement, hash_json};
use super::text::Text;

/// A set id: a slug such as `hosting-location`, stable across versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SetId(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SetIdError {
    #[error("a set id is 2–48 characters")]
    Length,
    #[error(
        "a set id uses lower-case a–z, digits and '-', and starts with a letter, like hosting-location"
    )]
    Shape,
}

impl SetId {
    pub fn parse(raw: &str) -> Result<SetId, SetIdError> {
        let s = raw.trim();
        if !(2..=48).contains(&s.len()) {
            return Err(SetIdError::Length);
        }
        let ok = s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.ends_with('-')
            && !s.contains("--");
        if !ok {
            return Err(SetIdError::Shape);
        }
        Ok(SetId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for SetId {
    type Error = SetIdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        SetId::parse(&s)
    }
}

impl From<SetId> for String {
    fn from(s: SetId) -> String {
        s.0
    }
}

/// A set version such as `2026.1`: dot-separated numbers, compared numerically. The text is
/// normalised on parse (`01` → `1`, `1.00` → `1.0`, `2026.01` → `2026.1`), so two spellings of
/// one version are one version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SetVersion {
    text: String,
    parts: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a version is numbers joined by dots, like 2026.1")]
pub struct SetVersionError;

impl SetVersion {
    pub fn parse(raw: &str) -> Result<SetVersion, SetVersionError> {
        let text = raw.trim();
        let parts = text
            .split('.')
            .map(|p| {
                if p.is_empty() || p.len() > 9 || !p.chars().all(|c| c.is_ascii_digit()) {
                    Err(SetVersionError)
                } else {
                    p.parse::<u32>().map_err(|_| SetVersionError)
                }
            })
            .collect::<Result<Vec<u32>, _>>()?;
        if parts.len() > 4 {
            return Err(SetVersionError);
        }
        Ok(SetVersion::from_parts(parts))
    }

    fn from_parts(parts: Vec<u32>) -> SetVersion {
        let text = parts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        SetVersion { text, parts }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The next version: the last number plus one (`2026.1` → `2026.2`).
    pub fn bumped(&self) -> SetVersion {
        let mut parts = self.parts.clone();
        if let Some(last) = parts.last_mut() {
            *last = last.saturating_add(1);
        }
        SetVersion::from_parts(parts)
    }
}

impl Ord for SetVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts.cmp(&other.parts)
    }
}

impl PartialOrd for SetVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for SetVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl TryFrom<String> for SetVersion {
    type Error = SetVersionError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        SetVersion::parse(&s)
    }
}

impl From<SetVersion> for String {
    fn from(v: SetVersion) -> String {
        v.text
    }
}

/// A document or law a set is based on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    #[serde(rename = "ref", default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementSet {
    pub id: SetId,
    pub version: SetVersion,
    pub title: Text,
    pub description: Text,
    pub sources: Vec<Source>,
    pub requirements: Vec<Requirement>,
    /// The set's key dates (`[[date]]`), keys unique within the set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<KeyDate>,
}

impl RequirementSet {
    /// Fingerprint of the whole set's content, over [`HashedSet`] (see [`HashedRequirement`]
    /// for why the hash is over a projection and how it is versioned).
    pub fn content_hash(&self) -> String {
        hash_json(&HashedSet::from(self))
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id.as_str() == id)
    }
}

/// The fields of a set its content hash covers: projection version 1, exactly the fields a set
/// had when hashes were first stored, in that order, with each requirement as its own
/// projection. Sources are hashed as they serialise. `dates`, added since, comes last and is
/// left out when empty, so a set without key dates hashes exactly as in version 1.
#[derive(Serialize)]
pub struct HashedSet<'a> {
    id: &'a SetId,
    version: &'a SetVersion,
    title: &'a Text,
    description: &'a Text,
    sources: &'a [Source],
    requirements: Vec<HashedRequirement<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    dates: &'a [KeyDate],
}

impl<'a> From<&'a RequirementSet> for HashedSet<'a> {
    fn from(s: &'a RequirementSet) -> Self {
        // No `..`: a new field does not compile here until the hash's coverage is decided.
        let RequirementSet {
            id,
            version,
            title,
            description,
            sources,
            requirements,
            dates,
        } = s;
        HashedSet {
            id,
            version,
            title,
            description,
            sources,
            requirements: requirements.iter().map(HashedRequirement::from).collect(),
            dates,
        }
    }
}

/// How one requirement differs between two versions of a set.
#[derive(Debug, Clone, PartialEq)]
pub enum RequirementChange<'a> {
    Added(&'a Requirement),
    Removed(&'a Requirement),
    Changed {
        old: &'a Requirement,
        new: &'a Requirement,
    },
}

/// The per-requirement differences from `old` to `new`, in the new set's order (removed last).
pub fn diff_sets<'a>(
    old: &'a RequirementSet,
    new: &'a RequirementSet,
) -> Vec<RequirementChange<'a>> {
    let mut out: Vec<RequirementChange<'a>> = new
        .requirements
        .iter()
        .filter_map(|n| match old.requirement(n.id.as_str()) {
            None => Some(RequirementChange::Added(n)),
            Some(o) if o != n => Some(RequirementChange::Changed { old: o, new: n }),
            Some(_) => None,
        })
        .collect();
    out.extend(
        old.requirements
            .iter()
            .filter(|o| new.requirement(o.id.as_str()).is_none())
            .map(RequirementChange::Removed),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A set with two requirements and sources with and without a reference.
    fn golden() -> RequirementSet {
        let mut second = crate::domain::requirement::tests::golden();
        second.id = crate::domain::RequirementId::parse("HOST-04").unwrap();
        second.kind = crate::domain::Kind::Mandatory;
        second.level = None;
        second.weight = None;
        RequirementSet {
            id: SetId::parse("hosting-location").unwrap(),
            version: SetVersion::parse("2026.1").unwrap(),
            title: Text::new("Lagringsplats", "Hosting location"),
            description: Text::sv("Var uppgifterna lagras."),
            sources: vec![
                Source {
                    name: "Lag (2020:914) om tystnadsplikt vid utkontraktering".into(),
                    reference: "SFS 2020:914".into(),
                },
                Source {
                    name: "EDPB Recommendations 01/2020".into(),
                    reference: String::new(),
                },
            ],
            requirements: vec![crate::domain::requirement::tests::golden(), second],
            dates: Vec::new(),
        }
    }

    /// The hash the code wrote before the projection existed (`hash_json` over the whole set).
    #[test]
    fn the_content_hash_of_today_s_sets_is_pinned() {
        assert_eq!(
            golden().content_hash(),
            "c3777d8451d14860958375206fe6a3c1e8f6dd63e507f47b26ada3c87c066f83"
        );
    }

    /// The new fields count only when present: a set or requirement with them hashes apart.
    #[test]
    fn key_dates_and_references_change_the_hash_only_when_present() {
        let base = golden().content_hash();
        let mut with_date = golden();
        with_date.dates.push(KeyDate {
            key: crate::domain::DateKey::parse("ai-act-high-risk").unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2027, 12, 2).unwrap(),
            what: Text::sv("Krav på AI-system med hög risk"),
            basis: "AI Act art. 113".into(),
        });
        assert_ne!(with_date.content_hash(), base);
        let mut with_see = golden();
        with_see.requirements[1].see = vec![with_see.requirements[0].id.clone()];
        assert_ne!(with_see.content_hash(), base);
        with_see.requirements[1].see.clear();
        assert_eq!(with_see.content_hash(), base);
    }

    #[test]
    fn set_ids_are_slugs() {
        assert!(SetId::parse("hosting-location").is_ok());
        assert!(SetId::parse("ai-act2").is_ok());
        for bad in ["Hosting", "x", "-a", "a-", "a--b", "a_b", "värd"] {
            assert!(SetId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn versions_compare_numerically() {
        let v = |s| SetVersion::parse(s).unwrap();
        assert!(v("2026.10") > v("2026.9"));
        assert!(v("2027.1") > v("2026.12"));
        assert!(v("2026.1.1") > v("2026.1"));
        assert_eq!(v("2026.1").bumped().as_str(), "2026.2");
        for bad in ["", "2026.", "v1", "1..2", "2026-1"] {
            assert!(SetVersion::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn equal_versions_are_one_version() {
        let v = |s| SetVersion::parse(s).unwrap();
        assert_eq!(v("01"), v("1"));
        assert_eq!(v("01").as_str(), "1");
        assert_eq!(v("1.00"), v("1.0"));
        assert_eq!(v("1.00").as_str(), "1.0");
        assert_eq!(v("2026.01").as_str(), "2026.1");
        assert_eq!(v("000").as_str(), "0");
        assert_ne!(v("1.0"), v("1"), "a part more is another version");
    }
}
