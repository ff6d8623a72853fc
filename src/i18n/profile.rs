//! A procurement's profile in one line, as the procurement screen's header and
//! `procurements show` give it.

use super::Label;
use crate::domain::{Lang, Profile};

/// The profile in one line: "K3 R3 T2 · känsliga personuppgifter · sekretess · …".
pub fn profile_summary(p: &Profile, lang: Lang) -> String {
    let (c, i, a) = match lang {
        Lang::Sv => ("K", "R", "T"),
        Lang::En => ("C", "I", "A"),
    };
    let mut parts = vec![format!(
        "{c}{} {i}{} {a}{}",
        p.confidentiality.value(),
        p.integrity.value(),
        p.availability.value()
    )];
    parts.push(p.personal_data.label(lang).to_string());
    if p.processor {
        parts.push(
            match lang {
                Lang::Sv => "biträde",
                Lang::En => "processor",
            }
            .to_string(),
        );
    }
    if p.secrecy {
        parts.push(super::fact(&crate::domain::Fact::Secrecy(true), lang));
    }
    if p.security_sensitive {
        parts.push(super::fact(
            &crate::domain::Fact::SecuritySensitive(true),
            lang,
        ));
    }
    if p.uses_ai() {
        parts.push(format!("{}, {}", p.ai.label(lang), p.ai_risk.label(lang)));
        if p.generative {
            parts.push(super::fact(&crate::domain::Fact::Generative(true), lang));
        }
    }
    parts.push(p.delivery.label(lang).to_string());
    // Below the threshold is the common case; saying it would cost the small screen a line.
    if p.value != crate::domain::ContractValue::Below {
        parts.push(p.value.label(lang).to_string());
    }
    parts.push(format!(
        "{} · {}",
        p.ambition.label(lang),
        p.tier.label(lang)
    ));
    parts.join(" · ")
}
