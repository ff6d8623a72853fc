//! Conditions in words: why a requirement applies, and when.

use super::{Label, Msg};
use crate::domain::condition::{AiCondition, Condition, Fact};
use crate::domain::{AiUse, ClassLevel, Lang};

fn join_labels<T: Label>(items: &[T], lang: Lang) -> String {
    items
        .iter()
        .map(|i| i.label(lang))
        .collect::<Vec<_>>()
        .join(&format!(" {} ", Msg::Or.text(lang)))
}

/// A text in Swedish and English.
type Words = (&'static str, &'static str);

fn pick(w: Words, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => w.0,
        Lang::En => w.1,
    }
}

/// The words for a yes/no fact: what it is when true, and when false.
type Flag = (Words, Words);

const SECRECY: Flag = (
    ("sekretess (OSL)", "secrecy (OSL)"),
    ("ingen sekretess", "no secrecy"),
);
const SECURITY_SENSITIVE: Flag = (
    ("säkerhetskänslig verksamhet", "security-sensitive activity"),
    (
        "ej säkerhetskänslig verksamhet",
        "not a security-sensitive activity",
    ),
);
const AUTOMATED_DECISIONS: Flag = (
    (
        "automatiserade beslut om enskilda",
        "automated decisions about individuals",
    ),
    ("inga automatiserade beslut", "no automated decisions"),
);
const CITIZEN_FACING: Flag = (
    ("används av invånare", "used by residents"),
    ("används inte av invånare", "not used by residents"),
);
const ARCHIVAL: Flag = (
    (
        "skapar allmänna handlingar att bevara",
        "creates records to archive",
    ),
    (
        "skapar inga handlingar att bevara",
        "creates no records to archive",
    ),
);
const PROCESSOR: Flag = (
    (
        "leverantören är personuppgiftsbiträde",
        "the supplier processes personal data for the buyer",
    ),
    (
        "leverantören är inte personuppgiftsbiträde",
        "the supplier processes no personal data for the buyer",
    ),
);
const GENERATIVE: Flag = (
    ("generativ AI", "generative AI"),
    ("ingen generativ AI", "no generative AI"),
);
const ABOVE_THRESHOLD: Flag = (
    ("över EU:s tröskelvärde", "above the EU threshold"),
    ("under EU:s tröskelvärde", "below the EU threshold"),
);

fn flag(value: bool, words: Flag, lang: Lang) -> String {
    pick(if value { words.0 } else { words.1 }, lang).to_string()
}

fn at_least(aspect: Words, level: ClassLevel, lang: Lang) -> String {
    format!("{} ≥ {}", pick(aspect, lang), level.value())
}

/// One profile fact in words: why a requirement applies.
pub fn fact(f: &Fact, lang: Lang) -> String {
    match f {
        Fact::ConfidentialityAtLeast(l) => {
            at_least(("konfidentialitet", "confidentiality"), *l, lang)
        }
        Fact::IntegrityAtLeast(l) => at_least(("riktighet", "integrity"), *l, lang),
        Fact::AvailabilityAtLeast(l) => at_least(("tillgänglighet", "availability"), *l, lang),
        Fact::PersonalData(p) => p.label(lang).to_string(),
        Fact::Processor(v) => flag(*v, PROCESSOR, lang),
        Fact::Generative(v) => flag(*v, GENERATIVE, lang),
        Fact::ValueIn(v) => join_labels(v, lang),
        Fact::Secrecy(v) => flag(*v, SECRECY, lang),
        Fact::SecuritySensitive(v) => flag(*v, SECURITY_SENSITIVE, lang),
        Fact::AutomatedDecisions(v) => flag(*v, AUTOMATED_DECISIONS, lang),
        Fact::CitizenFacing(v) => flag(*v, CITIZEN_FACING, lang),
        Fact::Archival(v) => flag(*v, ARCHIVAL, lang),
        Fact::AboveThreshold(v) => flag(*v, ABOVE_THRESHOLD, lang),
        Fact::Ai(AiCondition::Any) => pick(("AI ingår", "AI is used"), lang).to_string(),
        Fact::Ai(AiCondition::System) => AiUse::System.label(lang).to_string(),
        Fact::Ai(AiCondition::Gpai) => AiUse::Gpai.label(lang).to_string(),
        Fact::AiRiskIn(r) => format!(
            "{}: {}",
            pick(("AI-riskklass", "AI risk class"), lang),
            join_labels(r, lang)
        ),
        Fact::DeliveryIn(d) => format!(
            "{}: {}",
            pick(("leverans", "delivery"), lang),
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
