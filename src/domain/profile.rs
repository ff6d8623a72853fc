//! The profile of a procurement: the facts that decide which requirements apply (DESIGN §3).

use serde::{Deserialize, Serialize};

use super::coded::coded_enum;
use super::requirement::Level;

/// A KLASSA level 0–4 for one aspect (confidentiality, integrity or availability).
///
/// 0 none/negligible, 1 moderate, 2 significant, 3 serious, 4 very serious. Level 4 means
/// säkerhetsskydd: outside the KLASSA requirement catalogues and the library.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(try_from = "u8", into = "u8")]
pub struct ClassLevel(u8);

impl ClassLevel {
    pub const MAX: u8 = 4;

    pub fn new(level: u8) -> Option<ClassLevel> {
        (level <= Self::MAX).then_some(ClassLevel(level))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = ClassLevel> {
        (0..=Self::MAX).map(ClassLevel)
    }
}

impl TryFrom<u8> for ClassLevel {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, String> {
        ClassLevel::new(v).ok_or_else(|| format!("KLASSA level must be 0–4, not {v}"))
    }
}

impl From<ClassLevel> for u8 {
    fn from(v: ClassLevel) -> u8 {
        v.0
    }
}

coded_enum!(
    /// How much personal data the service processes.
    PersonalData {
        None = "none",
        Ordinary = "ordinary",
        /// Special categories (GDPR art. 9) or data of a similar sensitivity.
        Sensitive = "sensitive",
    }
);

coded_enum!(
    /// Whether the service is or contains AI, in AI Act terms.
    AiUse {
        None = "none",
        /// An AI system (art. 3(1)).
        System = "system",
        /// A general-purpose AI model (art. 3(63)).
        Gpai = "gpai",
    }
);

coded_enum!(
    /// AI Act risk class of the use.
    AiRisk {
        Minimal = "minimal",
        /// Transparency obligations (art. 50).
        Limited = "limited",
        /// Annex I or Annex III (art. 6).
        High = "high",
        /// Art. 5: may not be procured at all.
        Prohibited = "prohibited",
    }
);

coded_enum!(
    /// How the service is delivered.
    Delivery {
        Saas = "saas",
        OnPremises = "on_premises",
        Hybrid = "hybrid",
        ServiceOnly = "service",
    }
);

coded_enum!(
    /// SKR's follow-up tier: A critical (10 %), B yearly (30 %), C every other year (60 %).
    Tier {
        A = "A",
        B = "B",
        C = "C",
    }
);

/// The facts of a procurement that decide what applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    pub confidentiality: ClassLevel,
    pub integrity: ClassLevel,
    pub availability: ClassLevel,
    pub personal_data: PersonalData,
    /// Information under secrecy (OSL) is processed.
    pub secrecy: bool,
    /// Säkerhetskänslig verksamhet under säkerhetsskyddslagen (2018:585).
    pub security_sensitive: bool,
    pub ai: AiUse,
    /// Meaningful only when `ai` is not `None`.
    pub ai_risk: AiRisk,
    /// Decisions about individuals are made or prepared automatically.
    pub automated_decisions: bool,
    pub delivery: Delivery,
    pub citizen_facing: bool,
    /// The service creates records (allmänna handlingar) that must be archived.
    pub archival: bool,
    /// The estimated value is above the EU threshold.
    pub above_threshold: bool,
    pub ambition: Level,
    pub tier: Tier,
}

impl Default for Profile {
    fn default() -> Profile {
        Profile {
            confidentiality: ClassLevel::default(),
            integrity: ClassLevel::default(),
            availability: ClassLevel::default(),
            personal_data: PersonalData::None,
            secrecy: false,
            security_sensitive: false,
            ai: AiUse::None,
            ai_risk: AiRisk::Minimal,
            automated_decisions: false,
            delivery: Delivery::Saas,
            citizen_facing: false,
            archival: false,
            above_threshold: false,
            ambition: Level::Basic,
            tier: Tier::B,
        }
    }
}

/// Something about a profile the officer should know before going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileWarning {
    /// A KLASSA level 4 is säkerhetsskydd: outside the library, needs a security protection
    /// agreement process.
    Level4OutsideLibrary,
    /// AI Act art. 5: a prohibited practice cannot be procured.
    ProhibitedAi,
    /// The risk class is set but the service has no AI.
    AiRiskWithoutAi,
}

impl Profile {
    pub fn uses_ai(&self) -> bool {
        self.ai != AiUse::None
    }

    /// The effective risk class: none when the service has no AI.
    pub fn effective_ai_risk(&self) -> Option<AiRisk> {
        self.uses_ai().then_some(self.ai_risk)
    }

    pub fn max_class_level(&self) -> ClassLevel {
        self.confidentiality
            .max(self.integrity)
            .max(self.availability)
    }

    pub fn warnings(&self) -> Vec<ProfileWarning> {
        let mut out = Vec::new();
        if self.max_class_level().value() == ClassLevel::MAX {
            out.push(ProfileWarning::Level4OutsideLibrary);
        }
        if self.effective_ai_risk() == Some(AiRisk::Prohibited) {
            out.push(ProfileWarning::ProhibitedAi);
        }
        if !self.uses_ai() && self.ai_risk != AiRisk::Minimal {
            out.push(ProfileWarning::AiRiskWithoutAi);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_level_is_bounded() {
        assert!(ClassLevel::new(4).is_some());
        assert!(ClassLevel::new(5).is_none());
        assert_eq!(ClassLevel::all().count(), 5);
    }

    #[test]
    fn codes_round_trip() {
        for d in Delivery::ALL {
            assert_eq!(Delivery::from_code(d.code()), Some(*d));
        }
        assert_eq!(AiRisk::from_code("high"), Some(AiRisk::High));
        assert_eq!(Tier::from_code("A"), Some(Tier::A));
        assert_eq!(PersonalData::from_code("känsliga"), None);
    }

    #[test]
    fn warnings_name_level_4_and_prohibited_ai() {
        let mut p = Profile::default();
        assert!(p.warnings().is_empty());
        p.confidentiality = ClassLevel::new(4).unwrap_or_default();
        assert_eq!(p.warnings(), vec![ProfileWarning::Level4OutsideLibrary]);
        p.confidentiality = ClassLevel::default();
        p.ai_risk = AiRisk::Prohibited;
        assert_eq!(p.warnings(), vec![ProfileWarning::AiRiskWithoutAi]);
        p.ai = AiUse::System;
        assert_eq!(p.warnings(), vec![ProfileWarning::ProhibitedAi]);
        assert_eq!(p.effective_ai_risk(), Some(AiRisk::Prohibited));
    }

    #[test]
    fn profile_json_round_trips_with_missing_fields_defaulted() {
        let p: Profile = serde_json::from_str(r#"{"secrecy":true,"tier":"A"}"#).unwrap();
        assert!(p.secrecy);
        assert_eq!(p.tier, Tier::A);
        assert_eq!(p.delivery, Delivery::Saas);
        let back: Profile = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
}
