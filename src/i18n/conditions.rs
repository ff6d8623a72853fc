//! Conditions in words: why a requirement applies, and when.

use super::{Label, Msg};
use crate::domain::condition::{AiCondition, Condition, Fact};
use crate::domain::{AiUse, Lang};

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
