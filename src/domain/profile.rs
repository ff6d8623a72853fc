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
    /// AI Act risk class of the use, with the route by which a system is high-risk (art. 6):
    /// the deployer's duties differ by route (FRIA, registration, application dates).
    AiRisk {
        Minimal = "minimal",
        /// Transparency obligations (art. 50).
        Limited = "limited",
        /// Annex III, other than point 2. Before the routes were told apart a profile said
        /// only `high`; it reads as this, the route of nearly every municipal use.
        #[serde(alias = "high")]
        HighAnnex3 = "high_annex3",
        /// Annex III point 2: a safety component in critical infrastructure.
        HighAnnex3Critical = "high_annex3_critical",
        /// Annex I: a safety component of a product under EU harmonisation law.
        HighAnnex1 = "high_annex1",
        /// Art. 5: may not be procured at all.
        Prohibited = "prohibited",
    }
);

impl AiRisk {
    pub fn is_high(self) -> bool {
        matches!(
            self,
            AiRisk::HighAnnex3 | AiRisk::HighAnnex3Critical | AiRisk::HighAnnex1
        )
    }

    /// A code as written in a profile file, the old `high` included.
    pub fn read(code: &str) -> Option<AiRisk> {
        match code {
            "high" => Some(AiRisk::HighAnnex3),
            other => AiRisk::from_code(other),
        }
    }
}

coded_enum!(
    /// The procurement's estimated value, which decides the procedure (LOU 5 kap., 19 kap.).
    ContractValue {
        /// Direct award (direktupphandling, LOU 19 kap. 7 §).
        Direct = "direct",
        Below = "below",
        /// Above the EU threshold.
        Above = "above",
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
#[serde(from = "StoredProfile")]
pub struct Profile {
    pub confidentiality: ClassLevel,
    pub integrity: ClassLevel,
    pub availability: ClassLevel,
    pub personal_data: PersonalData,
    /// The supplier processes personal data on the buyer's behalf (GDPR art. 28); an
    /// on-premises licence may not make it a processor.
    pub processor: bool,
    /// Information under secrecy (OSL) is processed.
    pub secrecy: bool,
    /// Säkerhetskänslig verksamhet under säkerhetsskyddslagen (2018:585).
    pub security_sensitive: bool,
    pub ai: AiUse,
    /// Meaningful only when `ai` is not `None`.
    pub ai_risk: AiRisk,
    /// The AI creates or changes text, images, audio or video (AI Act art. 50(2), 50(4)).
    pub generative: bool,
    /// Decisions about individuals are made or prepared automatically.
    pub automated_decisions: bool,
    pub delivery: Delivery,
    pub citizen_facing: bool,
    /// The service creates records (allmänna handlingar) that must be archived.
    pub archival: bool,
    pub value: ContractValue,
    pub ambition: Level,
    pub tier: Tier,
}

/// A profile as files and the database hold it, in any version: `above_threshold` (before
/// `value`) and a missing `processor` are read as what they meant.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct StoredProfile {
    confidentiality: ClassLevel,
    integrity: ClassLevel,
    availability: ClassLevel,
    personal_data: Option<PersonalData>,
    processor: Option<bool>,
    secrecy: bool,
    security_sensitive: bool,
    ai: Option<AiUse>,
    ai_risk: Option<AiRisk>,
    generative: bool,
    automated_decisions: bool,
    delivery: Option<Delivery>,
    citizen_facing: bool,
    archival: bool,
    value: Option<ContractValue>,
    above_threshold: Option<bool>,
    ambition: Option<Level>,
    tier: Option<Tier>,
}

impl From<StoredProfile> for Profile {
    fn from(s: StoredProfile) -> Profile {
        let d = Profile::default();
        let personal_data = s.personal_data.unwrap_or(d.personal_data);
        let value = s.value.unwrap_or(match s.above_threshold {
            Some(true) => ContractValue::Above,
            _ => ContractValue::Below,
        });
        Profile {
            confidentiality: s.confidentiality,
            integrity: s.integrity,
            availability: s.availability,
            personal_data,
            // Before the key existed, every line about processors applied to any personal data.
            processor: s.processor.unwrap_or(personal_data != PersonalData::None),
            secrecy: s.secrecy,
            security_sensitive: s.security_sensitive,
            ai: s.ai.unwrap_or(d.ai),
            ai_risk: s.ai_risk.unwrap_or(d.ai_risk),
            generative: s.generative,
            automated_decisions: s.automated_decisions,
            delivery: s.delivery.unwrap_or(d.delivery),
            citizen_facing: s.citizen_facing,
            archival: s.archival,
            value,
            ambition: s.ambition.unwrap_or(d.ambition),
            tier: s.tier.unwrap_or(d.tier),
        }
        .settled()
    }
}

impl Default for Profile {
    fn default() -> Profile {
        Profile {
            confidentiality: ClassLevel::default(),
            integrity: ClassLevel::default(),
            availability: ClassLevel::default(),
            personal_data: PersonalData::None,
            processor: false,
            secrecy: false,
            security_sensitive: false,
            ai: AiUse::None,
            ai_risk: AiRisk::Minimal,
            generative: false,
            automated_decisions: false,
            delivery: Delivery::Saas,
            citizen_facing: false,
            archival: false,
            value: ContractValue::Below,
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
    /// Confidentiality 4 is säkerhetsskydd, so the activity was marked security-sensitive.
    Level4SetsSecuritySensitive,
    /// The supplier is marked as processor of personal data the service does not have.
    ProcessorWithoutPersonalData,
}

impl Profile {
    pub fn uses_ai(&self) -> bool {
        self.ai != AiUse::None
    }

    /// The effective risk class: none when the service has no AI.
    pub fn effective_ai_risk(&self) -> Option<AiRisk> {
        self.uses_ai().then_some(self.ai_risk)
    }

    /// The profile with what follows from its facts: KLASSA confidentiality 4 is
    /// säkerhetsskydd, so the activity is security-sensitive.
    pub fn settled(mut self) -> Profile {
        if self.confidentiality.value() == ClassLevel::MAX {
            self.security_sensitive = true;
        }
        self
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
        if self.confidentiality.value() == ClassLevel::MAX {
            out.push(ProfileWarning::Level4SetsSecuritySensitive);
        }
        if self.processor && self.personal_data == PersonalData::None {
            out.push(ProfileWarning::ProcessorWithoutPersonalData);
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
        assert_eq!(AiRisk::from_code("high_annex1"), Some(AiRisk::HighAnnex1));
        assert_eq!(AiRisk::read("high"), Some(AiRisk::HighAnnex3));
        assert_eq!(Tier::from_code("A"), Some(Tier::A));
        assert_eq!(PersonalData::from_code("känsliga"), None);
    }

    #[test]
    fn warnings_name_level_4_and_prohibited_ai() {
        let mut p = Profile::default();
        assert!(p.warnings().is_empty());
        p.confidentiality = ClassLevel::new(4).unwrap_or_default();
        assert_eq!(
            p.warnings(),
            vec![
                ProfileWarning::Level4OutsideLibrary,
                ProfileWarning::Level4SetsSecuritySensitive
            ]
        );
        assert!(p.clone().settled().security_sensitive);
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

    #[test]
    fn an_old_profile_reads_as_what_it_meant() {
        let p: Profile = serde_json::from_str(
            r#"{"ai":"system","ai_risk":"high","above_threshold":true,"personal_data":"ordinary"}"#,
        )
        .unwrap();
        assert_eq!(p.ai_risk, AiRisk::HighAnnex3);
        assert_eq!(p.value, ContractValue::Above);
        assert!(
            p.processor,
            "personal data was processed for the buyer before the key"
        );
        let q: Profile = serde_json::from_str(r#"{"above_threshold":false}"#).unwrap();
        assert_eq!(q.value, ContractValue::Below);
        assert!(!q.processor);
        let written = serde_json::to_string(&p).unwrap();
        assert!(written.contains(r#""ai_risk":"high_annex3""#), "{written}");
        assert!(!written.contains("above_threshold"), "{written}");
    }

    #[test]
    fn confidentiality_4_makes_the_activity_security_sensitive() {
        let p: Profile = serde_json::from_str(r#"{"confidentiality":4}"#).unwrap();
        assert!(p.security_sensitive);
    }

    #[test]
    fn an_unknown_key_is_still_refused() {
        assert!(serde_json::from_str::<Profile>(r#"{"secret":true}"#).is_err());
    }
}
