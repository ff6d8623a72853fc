//! When a requirement applies. Conditions are structured data, not a mini-language: the keys of
//! one clause are ANDed, a missing key does not restrict, and a condition of several clauses
//! applies when any clause does. No clauses at all means "always".

use serde::{Deserialize, Serialize};

use super::coded::coded_enum;
use super::profile::{
    AiRisk, AiUse, ClassLevel, ContractValue, Delivery, PersonalData, Profile, Tier,
};

coded_enum!(
    /// An AI Act route a clause asks for; `high` is any of the three high-risk routes.
    RiskMatch {
        Minimal = "minimal",
        Limited = "limited",
        High = "high",
        HighAnnex3 = "high_annex3",
        HighAnnex3Critical = "high_annex3_critical",
        HighAnnex1 = "high_annex1",
    }
);

impl RiskMatch {
    pub fn matches(self, risk: AiRisk) -> bool {
        match self {
            RiskMatch::Minimal => risk == AiRisk::Minimal,
            RiskMatch::Limited => risk == AiRisk::Limited,
            RiskMatch::High => risk.is_high(),
            RiskMatch::HighAnnex3 => risk == AiRisk::HighAnnex3,
            RiskMatch::HighAnnex3Critical => risk == AiRisk::HighAnnex3Critical,
            RiskMatch::HighAnnex1 => risk == AiRisk::HighAnnex1,
        }
    }
}

/// Which kind of AI a clause asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AiCondition {
    System,
    Gpai,
    Any,
}

impl AiCondition {
    pub const ALL: [AiCondition; 3] = [AiCondition::System, AiCondition::Gpai, AiCondition::Any];

    pub fn code(self) -> &'static str {
        match self {
            AiCondition::System => "system",
            AiCondition::Gpai => "gpai",
            AiCondition::Any => "any",
        }
    }

    pub fn from_code(code: &str) -> Option<AiCondition> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    fn matches(self, ai: AiUse) -> bool {
        match self {
            AiCondition::System => ai == AiUse::System,
            AiCondition::Gpai => ai == AiUse::Gpai,
            AiCondition::Any => ai != AiUse::None,
        }
    }
}

/// One table of `applies_when`: every key present must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Clause {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidentiality_min: Option<ClassLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integrity_min: Option<ClassLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_min: Option<ClassLevel>,
    /// `Ordinary` means any personal data; `Sensitive` means special categories.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_data: Option<PersonalData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processor: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_sensitive: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automated_decisions: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generative: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citizen_facing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archival: Option<bool>,
    /// Sets of 2026.1 said this; read as `value = ["above"]` (true) or not above (false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub above_threshold: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Vec<ContractValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai: Option<AiCondition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_risk: Option<Vec<RiskMatch>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Vec<Delivery>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<Vec<Tier>>,
}

/// A profile fact that made a clause hold; the reason a line applies, shown to the officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    ConfidentialityAtLeast(ClassLevel),
    IntegrityAtLeast(ClassLevel),
    AvailabilityAtLeast(ClassLevel),
    PersonalData(PersonalData),
    Processor(bool),
    Secrecy(bool),
    SecuritySensitive(bool),
    AutomatedDecisions(bool),
    Generative(bool),
    CitizenFacing(bool),
    Archival(bool),
    AboveThreshold(bool),
    ValueIn(Vec<ContractValue>),
    Ai(AiCondition),
    AiRiskIn(Vec<RiskMatch>),
    DeliveryIn(Vec<Delivery>),
    TierIn(Vec<Tier>),
}

impl Clause {
    /// The facts this clause asks for, in file order. Empty means the clause always holds.
    pub fn facts(&self) -> Vec<Fact> {
        let mut out = Vec::new();
        if let Some(l) = self.confidentiality_min {
            out.push(Fact::ConfidentialityAtLeast(l));
        }
        if let Some(l) = self.integrity_min {
            out.push(Fact::IntegrityAtLeast(l));
        }
        if let Some(l) = self.availability_min {
            out.push(Fact::AvailabilityAtLeast(l));
        }
        if let Some(p) = self.personal_data {
            out.push(Fact::PersonalData(p));
        }
        let flags = [
            (self.processor, Fact::Processor as fn(bool) -> Fact),
            (self.secrecy, Fact::Secrecy),
            (self.security_sensitive, Fact::SecuritySensitive),
            (self.automated_decisions, Fact::AutomatedDecisions),
            (self.generative, Fact::Generative),
            (self.citizen_facing, Fact::CitizenFacing),
            (self.archival, Fact::Archival),
            (self.above_threshold, Fact::AboveThreshold),
        ];
        out.extend(flags.into_iter().filter_map(|(v, f)| v.map(f)));
        if let Some(v) = &self.value {
            out.push(Fact::ValueIn(v.clone()));
        }
        if let Some(ai) = self.ai {
            out.push(Fact::Ai(ai));
        }
        if let Some(r) = &self.ai_risk {
            out.push(Fact::AiRiskIn(r.clone()));
        }
        if let Some(d) = &self.delivery {
            out.push(Fact::DeliveryIn(d.clone()));
        }
        if let Some(t) = &self.tier {
            out.push(Fact::TierIn(t.clone()));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self == &Clause::default()
    }

    pub fn holds(&self, p: &Profile) -> bool {
        self.facts().iter().all(|f| f.holds(p))
    }
}

impl Fact {
    pub fn holds(&self, p: &Profile) -> bool {
        match self {
            Fact::ConfidentialityAtLeast(l) => p.confidentiality >= *l,
            Fact::IntegrityAtLeast(l) => p.integrity >= *l,
            Fact::AvailabilityAtLeast(l) => p.availability >= *l,
            Fact::PersonalData(PersonalData::None) => p.personal_data == PersonalData::None,
            Fact::PersonalData(PersonalData::Ordinary) => p.personal_data != PersonalData::None,
            Fact::PersonalData(PersonalData::Sensitive) => {
                p.personal_data == PersonalData::Sensitive
            }
            Fact::Processor(v) => p.processor == *v,
            Fact::Secrecy(v) => p.secrecy == *v,
            Fact::SecuritySensitive(v) => p.security_sensitive == *v,
            Fact::AutomatedDecisions(v) => p.automated_decisions == *v,
            Fact::Generative(v) => (p.uses_ai() && p.generative) == *v,
            Fact::CitizenFacing(v) => p.citizen_facing == *v,
            Fact::Archival(v) => p.archival == *v,
            Fact::AboveThreshold(v) => (p.value == ContractValue::Above) == *v,
            Fact::ValueIn(v) => v.contains(&p.value),
            Fact::Ai(ai) => ai.matches(p.ai),
            Fact::AiRiskIn(routes) => p
                .effective_ai_risk()
                .is_some_and(|r| routes.iter().any(|m| m.matches(r))),
            Fact::DeliveryIn(d) => d.contains(&p.delivery),
            Fact::TierIn(t) => t.contains(&p.tier),
        }
    }
}

/// `applies_when` of a requirement: any of its clauses; none means always.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Condition(pub Vec<Clause>);

impl Condition {
    pub fn always() -> Condition {
        Condition(Vec::new())
    }

    pub fn one(clause: Clause) -> Condition {
        Condition(vec![clause])
    }

    pub fn is_always(&self) -> bool {
        self.0.is_empty() || self.0.iter().any(Clause::is_empty)
    }

    pub fn clauses(&self) -> &[Clause] {
        &self.0
    }

    /// Why the condition holds for `profile`: the facts of the first clause that holds (empty
    /// when it always applies), or `None` when it does not apply.
    pub fn why(&self, profile: &Profile) -> Option<Vec<Fact>> {
        if self.0.is_empty() {
            return Some(Vec::new());
        }
        self.0.iter().find(|c| c.holds(profile)).map(Clause::facts)
    }
}

/// Whether a requirement with this condition applies to a procurement with this profile.
pub fn applies(condition: &Condition, profile: &Profile) -> bool {
    condition.why(profile).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn level(n: u8) -> ClassLevel {
        ClassLevel::new(n).unwrap_or_default()
    }

    #[test]
    fn keys_of_one_clause_are_anded() {
        let c = Condition::one(Clause {
            personal_data: Some(PersonalData::Ordinary),
            confidentiality_min: Some(level(2)),
            ..Clause::default()
        });
        let mut p = Profile {
            personal_data: PersonalData::Sensitive,
            ..Profile::default()
        };
        assert!(!applies(&c, &p), "confidentiality 0 < 2");
        p.confidentiality = level(3);
        assert!(applies(&c, &p));
        p.personal_data = PersonalData::None;
        assert!(!applies(&c, &p), "no personal data");
    }

    #[test]
    fn a_list_of_clauses_means_any() {
        let c = Condition(vec![
            Clause {
                secrecy: Some(true),
                ..Clause::default()
            },
            Clause {
                ai_risk: Some(vec![RiskMatch::High]),
                ..Clause::default()
            },
        ]);
        let mut p = Profile::default();
        assert!(!applies(&c, &p));
        p.ai = AiUse::System;
        p.ai_risk = AiRisk::HighAnnex1;
        assert_eq!(c.why(&p), Some(vec![Fact::AiRiskIn(vec![RiskMatch::High])]));
        p.secrecy = true;
        assert_eq!(
            c.why(&p),
            Some(vec![Fact::Secrecy(true)]),
            "first clause wins"
        );
    }

    #[test]
    fn ai_risk_needs_ai() {
        let c = Condition::one(Clause {
            ai_risk: Some(vec![RiskMatch::Minimal]),
            ..Clause::default()
        });
        let p = Profile::default();
        assert!(!applies(&c, &p), "a service without AI has no risk class");
    }

    #[test]
    fn false_flags_restrict_to_profiles_without_the_fact() {
        let c = Condition::one(Clause {
            secrecy: Some(false),
            personal_data: Some(PersonalData::Ordinary),
            ..Clause::default()
        });
        let mut p = Profile {
            personal_data: PersonalData::Ordinary,
            ..Profile::default()
        };
        assert!(applies(&c, &p));
        p.secrecy = true;
        assert!(!applies(&c, &p));
    }

    #[test]
    fn ai_any_matches_systems_and_models() {
        let c = Condition::one(Clause {
            ai: Some(AiCondition::Any),
            ..Clause::default()
        });
        let mut p = Profile::default();
        assert!(!applies(&c, &p));
        p.ai = AiUse::Gpai;
        assert!(applies(&c, &p));
        p.ai = AiUse::System;
        assert!(applies(&c, &p));
    }

    fn arb_profile() -> impl Strategy<Value = Profile> {
        (
            (0u8..=4, 0u8..=4, 0u8..=4),
            prop::sample::select(PersonalData::ALL),
            any::<[bool; 8]>(),
            prop::sample::select(AiUse::ALL),
            prop::sample::select(AiRisk::ALL),
            prop::sample::select(Delivery::ALL),
            prop::sample::select(Tier::ALL),
            prop::sample::select(ContractValue::ALL),
        )
            .prop_map(
                |((c, i, a), pd, flags, ai, risk, delivery, tier, value)| Profile {
                    confidentiality: level(c),
                    integrity: level(i),
                    availability: level(a),
                    personal_data: pd,
                    secrecy: flags[0],
                    security_sensitive: flags[1],
                    automated_decisions: flags[2],
                    citizen_facing: flags[3],
                    archival: flags[4],
                    processor: flags[5],
                    generative: flags[6],
                    value,
                    ai,
                    ai_risk: risk,
                    delivery,
                    tier,
                    ..Profile::default()
                },
            )
    }

    proptest! {
        #[test]
        fn an_empty_condition_always_applies(p in arb_profile()) {
            prop_assert!(applies(&Condition::always(), &p));
            prop_assert!(applies(&Condition::one(Clause::default()), &p));
        }

        #[test]
        fn adding_a_key_never_widens_a_clause(p in arb_profile(), min in 0u8..=4) {
            let wide = Clause { personal_data: Some(PersonalData::Ordinary), ..Clause::default() };
            let narrow = Clause { confidentiality_min: Some(level(min)), ..wide.clone() };
            prop_assert!(!narrow.holds(&p) || wide.holds(&p));
        }
    }
}
