//! The publish check list in words: what blocks publication, and what the officer is asked to
//! look at before the yes. The interactive program and `procurements check` say the same.

use super::Msg;
use crate::domain::Lang;
use crate::domain::publish::{Blocker, Warning};

pub fn blocker_text(b: &Blocker, lang: Lang) -> String {
    match b {
        Blocker::ProhibitedAi => Msg::BlockProhibitedAi.text(lang).to_string(),
        Blocker::NoLines => Msg::BlockNoLines.text(lang).to_string(),
        Blocker::EmptyText(id) => Msg::BlockEmptyText.text(lang).replace("{id}", id),
    }
}

pub fn warning_text(w: &Warning, lang: Lang) -> String {
    let ids = |ids: &[String]| ids.join(", ");
    match w {
        Warning::NoDeadline => Msg::WarnNoDeadline.text(lang).to_string(),
        Warning::DeadlinePassed(d) => Msg::WarnDeadlinePassed
            .text(lang)
            .replace("{date}", &d.to_string()),
        Warning::NoOwner => Msg::WarnNoOwner.text(lang).to_string(),
        Warning::NewerVersion { set, from, to } => Msg::WarnNewerVersion
            .text(lang)
            .replace("{set}", set)
            .replace("{from}", from)
            .replace("{to}", to),
        Warning::ExcludedLaw(l) => Msg::WarnExcludedLaw.text(lang).replace("{ids}", &ids(l)),
        Warning::MissingWeights(l) => Msg::WarnMissingWeights.text(lang).replace("{ids}", &ids(l)),
        Warning::WeightSum { sum, total } => Msg::WarnWeightSum
            .text(lang)
            .replace("{sum}", &sum.to_string())
            .replace("{total}", &total.to_string()),
    }
}
