//! The names of domain values (kinds, statuses, levels…) in both languages.

use crate::domain::contract::{EvidenceKind, EvidenceState};
use crate::domain::review::{CheckResult, FindingStatus, Outcome};
use crate::domain::supplier::{ChangeKind, Decision};
use crate::domain::{
    AiRisk, AiUse, ContractValue, Delivery, Kind, Lang, Level, Mode, PersonalData, Procedure,
    ReviewStatus, RiskMatch, Scoring, Status, SubSupplierStatus, Tier, Trigger,
};

/// The user-facing name of a domain value.
pub trait Label {
    fn label(&self, lang: Lang) -> &'static str;
}

macro_rules! labels {
    ($ty:ty { $($variant:path => ($sv:expr, $en:expr)),+ $(,)? }) => {
        impl Label for $ty {
            fn label(&self, lang: Lang) -> &'static str {
                let (sv, en) = match self { $($variant => ($sv, $en)),+ };
                match lang { Lang::Sv => sv, Lang::En => en }
            }
        }
    };
}

labels!(Kind {
    Kind::Qualification => ("kvalificeringskrav", "qualification requirement"),
    Kind::Mandatory => ("ska-krav", "mandatory requirement"),
    Kind::Evaluated => ("bör-krav", "evaluated requirement"),
    Kind::ContractTerm => ("kontraktsvillkor", "contract term"),
});

labels!(Level {
    Level::Basic => ("bas", "basic"),
    Level::Advanced => ("avancerad", "advanced"),
    Level::Leading => ("spjutspets", "leading"),
});

labels!(Status {
    Status::Draft => ("utkast", "draft"),
    Status::Published => ("publicerad", "published"),
    Status::Evaluation => ("utvärdering", "evaluation"),
    Status::Awarded => ("tilldelad", "awarded"),
    Status::Closed => ("avslutad", "closed"),
    Status::Cancelled => ("avbruten", "cancelled"),
});

labels!(Scoring {
    Scoring::Points => ("poäng", "points"),
    Scoring::MeritSek => ("mervärde i kronor", "merit value in kronor"),
});

labels!(Procedure {
    Procedure::Open => ("öppet förfarande", "open procedure"),
    Procedure::Simplified => ("förenklat förfarande", "simplified procedure"),
    Procedure::Restricted => ("selektivt förfarande", "restricted procedure"),
    Procedure::Negotiated => ("förhandlat förfarande", "negotiated procedure"),
    Procedure::Direct => ("direktupphandling", "direct award"),
    Procedure::CallOff => ("förnyad konkurrensutsättning", "call-off under a framework"),
    Procedure::Other => ("annat", "other"),
});

labels!(PersonalData {
    PersonalData::None => ("inga personuppgifter", "no personal data"),
    PersonalData::Ordinary => ("personuppgifter", "personal data"),
    PersonalData::Sensitive => ("känsliga personuppgifter", "sensitive personal data"),
});

labels!(AiUse {
    AiUse::None => ("ingen AI", "no AI"),
    AiUse::System => ("AI-system", "AI system"),
    AiUse::Gpai => ("AI-modell för allmänna ändamål", "general-purpose AI model"),
});

labels!(AiRisk {
    AiRisk::Minimal => ("minimal risk", "minimal risk"),
    AiRisk::Limited => ("begränsad risk (transparens)", "limited risk (transparency)"),
    AiRisk::HighAnnex3 => ("hög risk (bilaga III)", "high risk (Annex III)"),
    AiRisk::HighAnnex3Critical => ("hög risk (bilaga III punkt 2, kritisk infrastruktur)", "high risk (Annex III point 2, critical infrastructure)"),
    AiRisk::HighAnnex1 => ("hög risk (bilaga I, säkerhetskomponent i produkt)", "high risk (Annex I, safety component of a product)"),
    AiRisk::Prohibited => ("förbjuden", "prohibited"),
});

labels!(RiskMatch {
    RiskMatch::Minimal => ("minimal risk", "minimal risk"),
    RiskMatch::Limited => ("begränsad risk (transparens)", "limited risk (transparency)"),
    RiskMatch::High => ("hög risk", "high risk"),
    RiskMatch::HighAnnex3 => ("hög risk (bilaga III)", "high risk (Annex III)"),
    RiskMatch::HighAnnex3Critical => ("hög risk (bilaga III punkt 2)", "high risk (Annex III point 2)"),
    RiskMatch::HighAnnex1 => ("hög risk (bilaga I)", "high risk (Annex I)"),
});

labels!(ContractValue {
    ContractValue::Direct => ("direktupphandling", "direct award"),
    ContractValue::Below => ("under EU:s tröskelvärde", "below the EU threshold"),
    ContractValue::Above => ("över EU:s tröskelvärde", "above the EU threshold"),
});

labels!(Delivery {
    Delivery::Saas => ("molntjänst (SaaS)", "cloud service (SaaS)"),
    Delivery::OnPremises => ("egen drift", "on premises"),
    Delivery::Hybrid => ("hybrid", "hybrid"),
    Delivery::ServiceOnly => ("endast tjänst", "service only"),
});

labels!(Tier {
    Tier::A => ("nivå A (kritisk)", "tier A (critical)"),
    Tier::B => ("nivå B", "tier B"),
    Tier::C => ("nivå C", "tier C"),
});

labels!(Mode {
    Mode::Anchored => ("fasta datum", "fixed dates"),
    Mode::AfterCompletion => ("räknat från senaste uppföljning", "counted from the last review"),
});

labels!(ReviewStatus {
    ReviewStatus::Planned => ("planerad", "planned"),
    ReviewStatus::InProgress => ("pågår", "in progress"),
    ReviewStatus::Completed => ("genomförd", "completed"),
    ReviewStatus::Cancelled => ("inställd", "cancelled"),
});

labels!(Trigger {
    Trigger::Incident => ("incident", "incident"),
    Trigger::SubSupplierChange => ("byte av underleverantör", "sub-supplier change"),
    Trigger::OwnershipChange => ("ägarförändring", "ownership change"),
    Trigger::NewAiModel => ("ny AI-modell", "new AI model"),
    Trigger::ExpiredEvidence => ("utgånget intyg", "expired evidence"),
    Trigger::Other => ("annat", "other"),
});

labels!(CheckResult {
    CheckResult::NotChecked => ("ej kontrollerad", "not checked"),
    CheckResult::Compliant => ("uppfylls", "compliant"),
    CheckResult::Deviation => ("avvikelse", "deviation"),
    CheckResult::NotApplicable => ("ej tillämplig", "not applicable"),
});

labels!(FindingStatus {
    FindingStatus::Open => ("öppen", "open"),
    FindingStatus::Closed => ("stängd", "closed"),
});

labels!(Outcome {
    Outcome::Green => ("grön", "green"),
    Outcome::Yellow => ("gul", "yellow"),
    Outcome::Red => ("röd", "red"),
});

labels!(SubSupplierStatus {
    SubSupplierStatus::Proposed => ("föreslagen", "proposed"),
    SubSupplierStatus::Approved => ("godkänd", "approved"),
    SubSupplierStatus::Objected => ("invändning", "objected"),
    SubSupplierStatus::Removed => ("borttagen", "removed"),
});

labels!(ChangeKind {
    ChangeKind::Added => ("tillkommer", "added"),
    ChangeKind::Replaced => ("ersätts", "replaced"),
    ChangeKind::Removed => ("tas bort", "removed"),
    ChangeKind::MovedCountry => ("byter land", "moved country"),
});

labels!(Decision {
    Decision::Pending => ("ej beslutad", "pending"),
    Decision::Approved => ("godkänd", "approved"),
    Decision::Objected => ("invändning", "objected"),
});

labels!(EvidenceKind {
    EvidenceKind::Iso27001 => ("ISO/IEC 27001-certifikat", "ISO/IEC 27001 certificate"),
    EvidenceKind::DataProcessingAgreement => ("personuppgiftsbiträdesavtal", "data processing agreement"),
    EvidenceKind::SubSupplierList => ("underleverantörsförteckning", "sub-supplier list"),
    EvidenceKind::FriaInput => ("underlag till FRIA", "FRIA input"),
    EvidenceKind::PenetrationTest => ("penetrationstestrapport", "penetration test report"),
    EvidenceKind::SelfReport => ("egenredovisning", "self-report"),
    EvidenceKind::SecurityProtectionAgreement => ("säkerhetsskyddsavtal", "security protection agreement"),
    EvidenceKind::Other => ("annat underlag", "other evidence"),
});

labels!(EvidenceState {
    EvidenceState::Missing => ("saknas", "missing"),
    EvidenceState::Valid => ("giltigt", "valid"),
    EvidenceState::Expiring => ("går snart ut", "expiring"),
    EvidenceState::Expired => ("har gått ut", "expired"),
});

/// A kind in at most nine characters, for list columns.
pub fn kind_short(k: Kind, lang: Lang) -> &'static str {
    match (k, lang) {
        (Kind::Qualification, Lang::Sv) => "kval.krav",
        (Kind::Mandatory, Lang::Sv) => "ska-krav",
        (Kind::Evaluated, Lang::Sv) => "bör-krav",
        (Kind::ContractTerm, Lang::Sv) => "villkor",
        (Kind::Qualification, Lang::En) => "qualif.",
        (Kind::Mandatory, Lang::En) => "mandatory",
        (Kind::Evaluated, Lang::En) => "evaluated",
        (Kind::ContractTerm, Lang::En) => "term",
    }
}
