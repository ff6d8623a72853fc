//! Every string the user reads, in Swedish and English, in one place.
//!
//! `Msg` is generated from one table so that a test can walk every message and check both
//! languages. Domain enums get their names through `Label`; errors from the domain and the
//! store get their Swedish wording through `describe`.

pub use crate::domain::Lang;
use crate::domain::condition::{AiCondition, Condition, Fact};
use crate::domain::contract::{EvidenceKind, EvidenceState};
use crate::domain::procurement::ProcurementError;
use crate::domain::profile::ProfileWarning;
use crate::domain::review::{CheckResult, FindingStatus, FollowUpError, Outcome};
use crate::domain::supplier::{ChangeKind, Decision};
use crate::domain::{
    AiRisk, AiUse, Delivery, Kind, Level, Mode, OrgNumberError, PersonalData, Procedure,
    ReviewStatus, Status, SubSupplierStatus, Tier, Trigger,
};
use crate::store::StoreError;

/// The UI language: `--lang`, then `LANG`, then Swedish.
pub fn pick_lang(flag: Option<&str>, env_lang: Option<&str>) -> Lang {
    flag.and_then(Lang::from_code)
        .or_else(|| env_lang.and_then(Lang::from_code))
        .unwrap_or(Lang::Sv)
}

macro_rules! messages {
    ($($name:ident => ($sv:expr, $en:expr)),+ $(,)?) => {
        /// A message of the user interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($name),+ }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name),+];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::Sv) => $sv, (Msg::$name, Lang::En) => $en,)+
                }
            }
        }
    };
}

messages! {
    ColId => ("Id", "Id"),
    ColVersion => ("Version", "Version"),
    ColTitle => ("Titel", "Title"),
    ColRequirements => ("Krav", "Requirements"),
    ColOrigin => ("Ursprung", "Origin"),
    ColReference => ("Diarienr", "Reference"),
    ColStatus => ("Status", "Status"),
    ColOwner => ("Ansvarig", "Owner"),
    ColDeadline => ("Sista anbudsdag", "Deadline"),
    ColLines => ("Rader", "Lines"),
    ColKind => ("Typ", "Kind"),
    ColLevel => ("Nivå", "Level"),
    OriginBuiltin => ("inbyggd", "built-in"),
    OriginCustom => ("egen", "custom"),
    NoSets => ("Biblioteket har inga kravpaket.", "The library has no requirement sets."),
    NoProcurements => ("Inga upphandlingar ännu. Kör `kravkoll demo` för exempeldata.", "No procurements yet. Run `kravkoll demo` for sample data."),
    ValidateOk => ("filer är giltiga", "files are valid"),
    ValidateFailed => ("fel hittades", "errors found"),
    Imported => ("Importerade", "Imported"),
    Exported => ("Skrev", "Wrote"),
    BackupWritten => ("Säkerhetskopia skriven till", "Backup written to"),
    DemoLoaded => ("Exempeldata inlagd", "Sample data loaded"),
    DemoCounts => ("{procurements} upphandlingar med {lines} kravrader, {suppliers} leverantörer med {sub_suppliers} underleverantörer, {contracts} avtal och {reviews} uppföljningar", "{procurements} procurements with {lines} requirement lines, {suppliers} suppliers with {sub_suppliers} sub-suppliers, {contracts} contracts and {reviews} reviews"),
    SetNotFound => ("Kravpaketet finns inte", "No such requirement set"),
    VersionNotFound => ("Versionen finns inte", "No such version"),
    Database => ("Databas", "Database"),
    ErrorPrefix => ("fel", "error"),
    TuiPending => ("Det interaktiva läget kommer i nästa version. Kommandon:", "The interactive mode arrives in the next version. Commands:"),
    SetText => ("Krav", "Requirement"),
    SetRationale => ("Motiv", "Rationale"),
    SetBasis => ("Grund", "Basis"),
    SetEvidence => ("Verifikat", "Evidence"),
    SetFollowUp => ("Uppföljning", "Follow-up"),
    SetAppliesAlways => ("alltid", "always"),
    SetApplies => ("Gäller", "Applies"),
    SetSources => ("Källor", "Sources"),
    Or => ("eller", "or"),
    And => ("och", "and"),
    ColWhy => ("Gäller eftersom", "Applies because"),
    AppliesCount => ("{n} av bibliotekets {total} krav gäller för profilen.", "{n} of the library's {total} requirements apply to the profile."),
}

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
    AiRisk::High => ("hög risk", "high risk"),
    AiRisk::Prohibited => ("förbjuden", "prohibited"),
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

/// A profile warning in the user's language.
pub fn profile_warning(w: ProfileWarning, lang: Lang) -> &'static str {
    let (sv, en) = match w {
        ProfileWarning::Level4OutsideLibrary => (
            "Nivå 4 i KLASSA innebär säkerhetsskydd: det ligger utanför kravbiblioteket och kräver en process för säkerhetsskyddad upphandling med säkerhetsskyddsavtal.",
            "KLASSA level 4 means protective security: it is outside the requirement library and needs a protective-security procurement with a security protection agreement.",
        ),
        ProfileWarning::ProhibitedAi => (
            "AI-riskklassen är förbjuden (AI-förordningen art. 5): upphandlingen kan inte publiceras.",
            "The AI risk class is prohibited (AI Act art. 5): the procurement cannot be published.",
        ),
        ProfileWarning::AiRiskWithoutAi => (
            "En AI-riskklass är angiven men tjänsten har ingen AI; riskklassen används inte.",
            "An AI risk class is set but the service has no AI; the risk class is not used.",
        ),
    };
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// An organisation-number error in the user's language.
pub fn org_number_error(e: &OrgNumberError, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Sv => match e {
            OrgNumberError::Empty => "organisationsnumret saknas".into(),
            OrgNumberError::InvalidCharacter(c) => {
                format!(
                    "tecknet '{c}' får inte finnas i ett organisationsnummer (bara siffror och ett '-')"
                )
            }
            OrgNumberError::WrongLength(n) => format!(
                "ett organisationsnummer har 10 siffror (eller 12 som börjar med 16), inte {n}"
            ),
            OrgNumberError::BadPrefix(p) => format!("12 siffror ska börja med 16, inte {p}"),
            OrgNumberError::BadCheckDigit { expected, found } => format!(
                "kontrollsiffran stämmer inte: sista siffran ska vara {expected}, inte {found}"
            ),
        },
    }
}

fn procurement_error(e: &ProcurementError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        ProcurementError::MissingTitle => "titel krävs".into(),
        ProcurementError::MissingReference => "diarienummer krävs".into(),
        ProcurementError::NotAllowed { from, to } => {
            let name = |code: &str| Status::from_code(code).map_or("?", |s| s.label(Lang::Sv));
            format!("en upphandling med status {} kan inte bli {}", name(from), name(to))
        }
        ProcurementError::ProhibitedAi => "AI-riskklassen är 'förbjuden' (AI-förordningen art. 5): en förbjuden AI-tillämpning kan inte upphandlas".into(),
        ProcurementError::NoLines => "det finns inga ingående krav att publicera".into(),
        ProcurementError::MissingWeight(id) => format!("bör-kravet {id} saknar vikt"),
        ProcurementError::Frozen(code) => format!(
            "upphandlingen är {} och kraven är låsta; gör en rättelse i stället",
            Status::from_code(code).map_or("?", |s| s.label(Lang::Sv))
        ),
        ProcurementError::MissingReason => "en rättelse behöver ett skäl".into(),
        ProcurementError::NotPublished => "bara en publicerad upphandling kan rättas".into(),
    }
}

fn follow_up_error(e: &FollowUpError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        FollowUpError::AlreadyOpen(d) => {
            format!("avtalet har redan en öppen uppföljning (förfaller {d})")
        }
        FollowUpError::NoOpenReview => "avtalet har ingen öppen uppföljning".into(),
        FollowUpError::NotAllowed { from, to } => format!(
            "en uppföljning som är {} kan inte bli {}",
            from.label(Lang::Sv),
            to.label(Lang::Sv)
        ),
        FollowUpError::CompletedBeforeStart(d) => {
            format!("uppföljningen kan inte vara klar före avtalsstart ({d})")
        }
    }
}

/// A store error in the user's language.
pub fn store_error(e: &StoreError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        StoreError::TooNew {
            path,
            found,
            supported,
        } => format!(
            "databasen {path} är skriven av en nyare kravkoll (schema {found}; det här programmet kan upp till {supported}); den lämnades orörd, uppgradera kravkoll för att öppna den"
        ),
        StoreError::Stale { entity, id } => format!(
            "{entity} {id} har ändrats av någon annan sedan du öppnade den; inget sparades, ladda om och försök igen"
        ),
        StoreError::NotFound { entity, id } => format!("{entity} {id} finns inte"),
        StoreError::BuiltinReadOnly(id) => format!(
            "det inbyggda kravpaketet {id} går inte att ändra; kopiera det till ett eget paket"
        ),
        StoreError::VersionExists { set, version } => format!(
            "version {version} av {set} finns redan i biblioteket med annat innehåll; ge det ändrade paketet en ny version"
        ),
        StoreError::AlreadyImported { set, version } => {
            format!("version {version} av {set} finns redan i biblioteket")
        }
        StoreError::OlderVersion {
            set,
            version,
            current,
        } => format!("version {version} av {set} är äldre än bibliotekets version {current}"),
        StoreError::DuplicateRequirementId { id, other_set } => format!(
            "kravid {id} används redan av paketet {other_set}; kravid är unika i hela biblioteket"
        ),
        StoreError::OrgNumberTaken(o) => {
            format!("organisationsnumret {o} tillhör redan en annan leverantör")
        }
        StoreError::NotEmpty => {
            "databasen innehåller redan data; exempeldata läggs bara in i en tom databas".into()
        }
        StoreError::Procurement(p) => procurement_error(p, lang),
        StoreError::FollowUp(f) => follow_up_error(f, lang),
        other => other.to_string(),
    }
}

fn join_labels<T: Label>(items: &[T], lang: Lang) -> String {
    items
        .iter()
        .map(|i| i.label(lang))
        .collect::<Vec<_>>()
        .join(&format!(" {} ", Msg::Or.text(lang)))
}

fn flag(value: bool, lang: Lang, yes: (&str, &str), no: (&str, &str)) -> String {
    let (sv, en) = if value { yes } else { no };
    match lang {
        Lang::Sv => sv.to_string(),
        Lang::En => en.to_string(),
    }
}

/// One profile fact in words: why a requirement applies.
pub fn fact(f: &Fact, lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    match f {
        Fact::ConfidentialityAtLeast(l) => {
            format!(
                "{} ≥ {}",
                if sv {
                    "konfidentialitet"
                } else {
                    "confidentiality"
                },
                l.value()
            )
        }
        Fact::IntegrityAtLeast(l) => {
            format!(
                "{} ≥ {}",
                if sv { "riktighet" } else { "integrity" },
                l.value()
            )
        }
        Fact::AvailabilityAtLeast(l) => {
            format!(
                "{} ≥ {}",
                if sv {
                    "tillgänglighet"
                } else {
                    "availability"
                },
                l.value()
            )
        }
        Fact::PersonalData(p) => p.label(lang).to_string(),
        Fact::Secrecy(v) => flag(
            *v,
            lang,
            ("sekretess (OSL)", "secrecy (OSL)"),
            ("ingen sekretess", "no secrecy"),
        ),
        Fact::SecuritySensitive(v) => flag(
            *v,
            lang,
            ("säkerhetskänslig verksamhet", "security-sensitive activity"),
            (
                "ej säkerhetskänslig verksamhet",
                "not a security-sensitive activity",
            ),
        ),
        Fact::AutomatedDecisions(v) => flag(
            *v,
            lang,
            (
                "automatiserade beslut om enskilda",
                "automated decisions about individuals",
            ),
            ("inga automatiserade beslut", "no automated decisions"),
        ),
        Fact::CitizenFacing(v) => flag(
            *v,
            lang,
            ("används av invånare", "used by residents"),
            ("används inte av invånare", "not used by residents"),
        ),
        Fact::Archival(v) => flag(
            *v,
            lang,
            (
                "skapar allmänna handlingar att bevara",
                "creates records to archive",
            ),
            (
                "skapar inga handlingar att bevara",
                "creates no records to archive",
            ),
        ),
        Fact::AboveThreshold(v) => flag(
            *v,
            lang,
            ("över EU:s tröskelvärde", "above the EU threshold"),
            ("under EU:s tröskelvärde", "below the EU threshold"),
        ),
        Fact::Ai(AiCondition::Any) => (if sv { "AI ingår" } else { "AI is used" }).to_string(),
        Fact::Ai(AiCondition::System) => AiUse::System.label(lang).to_string(),
        Fact::Ai(AiCondition::Gpai) => AiUse::Gpai.label(lang).to_string(),
        Fact::AiRiskIn(r) => format!(
            "{}: {}",
            if sv { "AI-riskklass" } else { "AI risk class" },
            join_labels(r, lang)
        ),
        Fact::DeliveryIn(d) => format!(
            "{}: {}",
            if sv { "leverans" } else { "delivery" },
            join_labels(d, lang)
        ),
        Fact::TierIn(t) => join_labels(t, lang),
    }
}

/// When a requirement applies, in words: facts joined by "and", clauses by "or".
pub fn condition(c: &Condition, lang: Lang) -> String {
    if c.is_always() {
        return Msg::SetAppliesAlways.text(lang).to_string();
    }
    let and = if lang == Lang::Sv { " och " } else { " and " };
    let clauses: Vec<String> = c
        .clauses()
        .iter()
        .map(|cl| {
            cl.facts()
                .iter()
                .map(|f| fact(f, lang))
                .collect::<Vec<_>>()
                .join(and)
        })
        .collect();
    if clauses.len() == 1 {
        clauses.concat()
    } else {
        clauses
            .iter()
            .map(|c| format!("({c})"))
            .collect::<Vec<_>>()
            .join(&format!(" {} ", Msg::Or.text(lang)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        for m in Msg::ALL {
            for lang in Lang::ALL {
                assert!(!m.text(lang).trim().is_empty(), "{m:?} {lang:?}");
            }
        }
    }

    #[test]
    fn every_kind_and_status_has_a_label() {
        for lang in Lang::ALL {
            for k in Kind::ALL {
                assert!(!k.label(lang).is_empty());
            }
            for s in Status::ALL {
                assert!(!s.label(lang).is_empty());
            }
        }
        assert_eq!(Kind::Mandatory.label(Lang::Sv), "ska-krav");
    }

    #[test]
    fn language_comes_from_flag_then_env_then_swedish() {
        assert_eq!(pick_lang(Some("en"), Some("sv_SE.UTF-8")), Lang::En);
        assert_eq!(pick_lang(None, Some("en_US.UTF-8")), Lang::En);
        assert_eq!(pick_lang(None, Some("C.UTF-8")), Lang::Sv);
        assert_eq!(pick_lang(None, None), Lang::Sv);
    }

    #[test]
    fn conditions_read_as_words() {
        use crate::domain::ClassLevel;
        use crate::domain::condition::Clause;
        let c = Condition(vec![
            Clause {
                secrecy: Some(true),
                confidentiality_min: ClassLevel::new(2),
                ..Clause::default()
            },
            Clause {
                ai_risk: Some(vec![AiRisk::High, AiRisk::Limited]),
                ..Clause::default()
            },
        ]);
        assert_eq!(
            condition(&c, Lang::Sv),
            "(konfidentialitet ≥ 2 och sekretess (OSL)) eller (AI-riskklass: hög risk eller begränsad risk (transparens))"
        );
        assert_eq!(condition(&Condition::always(), Lang::En), "always");
    }

    #[test]
    fn swedish_errors_say_what_is_wrong() {
        let e = OrgNumberError::BadCheckDigit {
            expected: 3,
            found: 4,
        };
        assert!(org_number_error(&e, Lang::Sv).contains("kontrollsiffran"));
        let e = StoreError::Procurement(ProcurementError::ProhibitedAi);
        assert!(store_error(&e, Lang::Sv).contains("art. 5"));
        assert!(store_error(&e, Lang::En).contains("prohibited"));
    }
}
