//! Requirements as they stand in the library: typed (kind, level), bilingual, with legal basis,
//! the condition that decides when they apply, and what is checked at tender and at follow-up.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::coded::coded_enum;
use super::condition::Condition;
use super::key_date::DateKey;
use super::text::Text;

/// A requirement id such as `HOST-03`: unique in the whole library and never reused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RequirementId(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RequirementIdError {
    #[error("the id is empty")]
    Empty,
    #[error("the id is longer than {max} characters")]
    TooLong { max: usize },
    #[error(
        "the id must be upper-case letters or digits in parts joined by '-', ending in a number, like HOST-03"
    )]
    Shape,
}

impl RequirementId {
    pub const MAX_LEN: usize = 32;

    pub fn parse(raw: &str) -> Result<RequirementId, RequirementIdError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(RequirementIdError::Empty);
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(RequirementIdError::TooLong { max: Self::MAX_LEN });
        }
        let parts: Vec<&str> = s.split('-').collect();
        let well_formed = parts.len() >= 2
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "ÅÄÖ".contains(c))
            })
            && parts[0].starts_with(|c: char| c.is_ascii_uppercase() || "ÅÄÖ".contains(c))
            && parts
                .last()
                .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()));
        if !well_formed {
            return Err(RequirementIdError::Shape);
        }
        Ok(RequirementId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequirementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RequirementId {
    type Error = RequirementIdError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        RequirementId::parse(&value)
    }
}

impl From<RequirementId> for String {
    fn from(value: RequirementId) -> String {
        value.0
    }
}

coded_enum!(
    /// What a requirement is in LOU terms; the order of the variants is tender order.
    Kind {
        /// Kvalificeringskrav: on the supplier (LOU 14 kap.).
        Qualification = "qualification",
        /// Ska-krav: on what is bought; a "no" ends the tender.
        Mandatory = "mandatory",
        /// Bör-krav / tilldelningskriterium: gives added value, carries a weight.
        Evaluated = "evaluated",
        /// Särskilt kontraktsvillkor: accepted at tender, verified at follow-up.
        ContractTerm = "contract",
    }
);

coded_enum!(
    /// Upphandlingsmyndigheten's ambition levels, cumulative: leading includes advanced
    /// includes basic.
    #[derive(Default)]
    Level {
        #[default]
        Basic = "basic",
        Advanced = "advanced",
        Leading = "leading",
    }
);

/// SKR's follow-up risk: likelihood 1–4 times consequence 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Risk {
    pub likelihood: u8,
    pub consequence: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{field} must be between 1 and 4, not {value}")]
pub struct RiskError {
    pub field: &'static str,
    pub value: i64,
}

impl Risk {
    pub const DEFAULT: Risk = Risk {
        likelihood: 2,
        consequence: 2,
    };

    pub fn new(likelihood: i64, consequence: i64) -> Result<Risk, RiskError> {
        let check = |field: &'static str, value: i64| {
            u8::try_from(value)
                .ok()
                .filter(|v| (1..=4).contains(v))
                .ok_or(RiskError { field, value })
        };
        Ok(Risk {
            likelihood: check("likelihood", likelihood)?,
            consequence: check("consequence", consequence)?,
        })
    }

    pub fn score(self) -> u8 {
        self.likelihood * self.consequence
    }
}

/// Weight of an evaluated requirement, in percent-like points 1–100.
pub const WEIGHT_RANGE: std::ops::RangeInclusive<u32> = 1..=100;

/// A requirement of the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    pub id: RequirementId,
    pub kind: Kind,
    pub level: Option<Level>,
    pub title: Text,
    pub text: Text,
    pub rationale: Text,
    pub basis: Vec<String>,
    pub applies_when: Condition,
    pub evidence: Text,
    pub follow_up: Text,
    pub weight: Option<u32>,
    pub risk: Option<Risk>,
    pub tags: Vec<String>,
    /// Related requirements (`see` in a set file), each in the library; never this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see: Vec<RequirementId>,
    /// The key of the `[[date]]` from which the requirement applies, in its own set or
    /// another set of the library.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_from: Option<DateKey>,
}

impl Requirement {
    /// A stable fingerprint of the content, used to tell whether a line still matches the
    /// library and whether a set changed. It is computed over [`HashedRequirement`], an
    /// explicit projection, so a field added to `Requirement` later changes no stored hash
    /// (which would make every draft show drift) unless the projection takes it in.
    pub fn content_hash(&self) -> String {
        hash_json(&HashedRequirement::from(self))
    }
}

/// The fields of a requirement its content hash covers: projection version 1.
///
/// Version 1 is exactly the fields a requirement had when hashes were first stored, serialised
/// in that order (the order of the struct fields is the order in the JSON, so the hash does not
/// depend on the order of keys in a file). Databases hold these hashes, so version 1 never
/// changes; the golden test pins it. Stored hashes are plain hex; a later projection would be
/// a new struct whose hashes are told apart by a prefix (`v2:` + hex), chosen explicitly where
/// a hash is written and compared. Nested values (texts, the condition) are hashed as they
/// serialise, so a change to how they serialise needs the same care.
///
/// Fields added since (`see`, `applies_from`) come last and are left out of the JSON when
/// empty, so a requirement without them hashes exactly as in version 1 and every stored hash
/// stays valid; one that has them could not have been stored before they existed.
#[derive(Serialize)]
pub struct HashedRequirement<'a> {
    id: &'a RequirementId,
    kind: Kind,
    level: Option<Level>,
    title: &'a Text,
    text: &'a Text,
    rationale: &'a Text,
    basis: &'a [String],
    applies_when: &'a Condition,
    evidence: &'a Text,
    follow_up: &'a Text,
    weight: Option<u32>,
    risk: Option<Risk>,
    tags: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    see: &'a [RequirementId],
    #[serde(skip_serializing_if = "Option::is_none")]
    applies_from: Option<&'a DateKey>,
}

impl<'a> From<&'a Requirement> for HashedRequirement<'a> {
    fn from(r: &'a Requirement) -> Self {
        // Destructured without `..`: a new field of `Requirement` does not compile here until
        // someone decides whether the hash covers it (and, if it does, makes a new projection).
        let Requirement {
            id,
            kind,
            level,
            title,
            text,
            rationale,
            basis,
            applies_when,
            evidence,
            follow_up,
            weight,
            risk,
            tags,
            see,
            applies_from,
        } = r;
        HashedRequirement {
            id,
            kind: *kind,
            level: *level,
            title,
            text,
            rationale,
            basis,
            applies_when,
            evidence,
            follow_up,
            weight: *weight,
            risk: *risk,
            tags,
            see,
            applies_from: applies_from.as_ref(),
        }
    }
}

/// SHA-256 of the JSON form of a value, as lower-case hex.
pub fn hash_json<T: Serialize>(value: &T) -> String {
    // Serialising our own plain data types to JSON cannot fail (no maps with non-string keys).
    let json = serde_json::to_vec(value).unwrap_or_default();
    hex(&Sha256::digest(json))
}

/// SHA-256 of raw bytes, as lower-case hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::{AiCondition, ClassLevel, Clause, Delivery, PersonalData, Tier};

    /// A requirement with every field set, whose hash is pinned below.
    pub(crate) fn golden() -> Requirement {
        Requirement {
            id: RequirementId::parse("HOST-03").unwrap(),
            kind: Kind::Evaluated,
            level: Some(Level::Advanced),
            title: Text::new("Lagring inom EU/EES", "Storage within the EU/EEA"),
            text: Text::new(
                "Leverantören ska lagra köparens uppgifter inom EU/EES.",
                "The supplier shall store the buyer's data within the EU/EEA.",
            ),
            rationale: Text::sv("Tredjelandsöverföring kräver skyddsåtgärder."),
            basis: vec!["GDPR art. 44".into(), "OSL 10 kap. 2 a §".into()],
            applies_when: Condition(vec![
                Clause {
                    personal_data: Some(PersonalData::Ordinary),
                    confidentiality_min: ClassLevel::new(2),
                    delivery: Some(vec![Delivery::Saas, Delivery::Hybrid]),
                    ..Clause::default()
                },
                Clause {
                    ai: Some(AiCondition::Any),
                    secrecy: Some(true),
                    tier: Some(vec![Tier::A]),
                    ..Clause::default()
                },
            ]),
            evidence: Text::new("Förteckning över driftplatser.", ""),
            follow_up: Text::new("Kontrollera driftplatserna.", "Check the sites."),
            weight: Some(15),
            risk: Some(Risk {
                likelihood: 3,
                consequence: 4,
            }),
            tags: vec!["cloud".into(), "location".into()],
            see: Vec::new(),
            applies_from: None,
        }
    }

    /// The hashes the code wrote before the projection existed (computed with `hash_json` over
    /// the whole `Requirement`); databases hold such hashes, so they must never change.
    #[test]
    fn the_content_hash_of_today_s_requirements_is_pinned() {
        assert_eq!(
            golden().content_hash(),
            "79fe80288d19f26bfd60d968e97a6c1067b69663bb42c90e0fd1aed24ff0a0a6"
        );
        let plain = Requirement {
            level: None,
            weight: None,
            risk: None,
            applies_when: Condition::always(),
            ..golden()
        };
        assert_eq!(
            plain.content_hash(),
            "149c1302eeec1274739535da28ee8045adc8d75a4b099a7dbde5c27dcbcbf2f8"
        );
    }

    /// Every field of the projection counts: changing any one changes the hash.
    #[test]
    fn each_hashed_field_changes_the_hash() {
        let base = golden().content_hash();
        let changes: [fn(&mut Requirement); 14] = [
            |r| r.kind = Kind::Mandatory,
            |r| r.level = None,
            |r| r.title.en.push('!'),
            |r| r.text.sv.push('!'),
            |r| r.rationale.sv.push('!'),
            |r| r.basis.clear(),
            |r| r.applies_when = Condition::always(),
            |r| r.evidence.sv.push('!'),
            |r| r.follow_up.sv.push('!'),
            |r| r.weight = Some(16),
            |r| r.risk = None,
            |r| r.tags.truncate(1),
            |r| r.see = vec![RequirementId::parse("DATA-10").unwrap()],
            |r| r.applies_from = DateKey::parse("ai-act-high-risk").ok(),
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut r = golden();
            change(&mut r);
            assert_ne!(r.content_hash(), base, "change {i}");
        }
    }

    #[test]
    fn ids_have_a_prefix_and_a_number() {
        for ok in ["HOST-03", "AI-10", "NACKA-AI-01", "SEC-1", "LOU2-01"] {
            assert!(RequirementId::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "host-03", "HOST", "HOST-", "-03", "HOST-0A", "HOST--03", "03-HOST",
        ] {
            assert_eq!(
                RequirementId::parse(bad),
                Err(RequirementIdError::Shape),
                "{bad}"
            );
        }
        assert_eq!(RequirementId::parse("  "), Err(RequirementIdError::Empty));
        let long = format!("A-{}", "1".repeat(40));
        assert!(matches!(
            RequirementId::parse(&long),
            Err(RequirementIdError::TooLong { .. })
        ));
    }

    #[test]
    fn kinds_sort_in_tender_order_and_round_trip_codes() {
        let mut kinds = vec![
            Kind::ContractTerm,
            Kind::Evaluated,
            Kind::Qualification,
            Kind::Mandatory,
        ];
        kinds.sort();
        assert_eq!(kinds, Kind::ALL);
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(*k));
        }
        assert_eq!(Kind::from_code("ska"), None);
    }

    #[test]
    fn levels_are_ordered() {
        assert!(Level::Basic < Level::Advanced && Level::Advanced < Level::Leading);
        assert_eq!(Level::from_code("leading"), Some(Level::Leading));
    }

    #[test]
    fn risk_is_bounded_and_scores() {
        assert_eq!(Risk::new(3, 4).map(Risk::score), Ok(12));
        assert_eq!(
            Risk::new(0, 2),
            Err(RiskError {
                field: "likelihood",
                value: 0
            })
        );
        assert_eq!(
            Risk::new(2, 5),
            Err(RiskError {
                field: "consequence",
                value: 5
            })
        );
    }

    #[test]
    fn hash_is_stable_hex() {
        let h = hash_bytes(b"kravkoll");
        assert_eq!(h.len(), 64);
        assert_eq!(h, hash_bytes(b"kravkoll"));
        assert_ne!(h, hash_bytes(b"kravkoll!"));
    }
}
