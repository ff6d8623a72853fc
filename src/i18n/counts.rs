//! Numbers with the words they count, so that one thing is never "1 filer" or "1 errors".
//!
//! Swedish and English both use the singular for exactly one and the plural otherwise (also for
//! zero). [`Noun`] says a count with its noun ("1 fil", "3 filer"); [`Msg::counted`] and
//! [`CliText::counted`] pick a message's wording for one where a fixed text's grammar depends
//! on its `{n}` (the plural text is the table's own, so callers that fill `{n}` go on working).

use std::fmt::Display;

use super::{CliText, Msg};
use crate::domain::Lang;

/// True when `n` is one, the only count that takes the singular in Swedish and English.
fn is_one<N: Copy + PartialEq + From<u8>>(n: N) -> bool {
    n == N::from(1)
}

/// Something the interface counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    File,
    Error,
    Requirement,
    Line,
    Set,
    Procurement,
    Supplier,
    SubSupplier,
    Contract,
    Review,
    Conflict,
}

impl Noun {
    pub const ALL: [Noun; 11] = [
        Noun::File,
        Noun::Error,
        Noun::Requirement,
        Noun::Line,
        Noun::Set,
        Noun::Procurement,
        Noun::Supplier,
        Noun::SubSupplier,
        Noun::Contract,
        Noun::Review,
        Noun::Conflict,
    ];

    /// Singular and plural in Swedish, then in English.
    fn forms(self) -> [&'static str; 4] {
        match self {
            Noun::File => ["fil", "filer", "file", "files"],
            Noun::Error => ["fel", "fel", "error", "errors"],
            Noun::Requirement => ["krav", "krav", "requirement", "requirements"],
            Noun::Line => [
                "kravrad",
                "kravrader",
                "requirement line",
                "requirement lines",
            ],
            Noun::Set => ["kravpaket", "kravpaket", "set", "sets"],
            Noun::Procurement => [
                "upphandling",
                "upphandlingar",
                "procurement",
                "procurements",
            ],
            Noun::Supplier => ["leverantör", "leverantörer", "supplier", "suppliers"],
            Noun::SubSupplier => [
                "underleverantör",
                "underleverantörer",
                "sub-supplier",
                "sub-suppliers",
            ],
            Noun::Contract => ["avtal", "avtal", "contract", "contracts"],
            Noun::Review => ["uppföljning", "uppföljningar", "review", "reviews"],
            Noun::Conflict => ["konflikt", "konflikter", "conflict", "conflicts"],
        }
    }

    /// The noun alone, in the number `n` asks for.
    pub fn word<N: Copy + PartialEq + From<u8>>(self, n: N, lang: Lang) -> &'static str {
        let [sv_one, sv_many, en_one, en_many] = self.forms();
        match (lang, is_one(n)) {
            (Lang::Sv, true) => sv_one,
            (Lang::Sv, false) => sv_many,
            (Lang::En, true) => en_one,
            (Lang::En, false) => en_many,
        }
    }

    /// "1 fil", "3 filer", "1 file", "3 files".
    pub fn count<N: Copy + PartialEq + From<u8> + Display>(self, n: N, lang: Lang) -> String {
        format!("{n} {}", self.word(n, lang))
    }
}

impl Msg {
    /// The wording of this message for a count of `n` (the `{n}` of the text, or for
    /// [`Msg::ProfileApplied`] its `{added}`); the caller fills the placeholders as for `text`.
    pub fn counted<N: Copy + PartialEq + From<u8>>(self, n: N, lang: Lang) -> &'static str {
        if is_one(n) {
            msg_one(self, lang).unwrap_or_else(|| self.text(lang))
        } else {
            self.text(lang)
        }
    }
}

/// The wording for exactly one, where it differs from the table's (plural) text.
fn msg_one(msg: Msg, lang: Lang) -> Option<&'static str> {
    Some(match (msg, lang) {
        (Msg::SetLinked, Lang::En) => "{set}: {n} line added",
        (Msg::ConfirmPublish, Lang::Sv) => {
            "Publicera? Det {n} ingående kravet låses. Senare ändringar görs som rättelser med skäl och loggas."
        }
        (Msg::ConfirmPublish, Lang::En) => {
            "Publish? The {n} included line is frozen. Later changes are amendments with a reason, and are logged."
        }
        (Msg::ProfileApplied, Lang::En) => "Profile saved: {added} line added, {removed} removed",
        (Msg::ConfirmDeleteSet, Lang::En) => {
            "The set and its {n} requirement are deleted. Procurements using it prevent the deletion."
        }
        (Msg::Duplicated, Lang::En) => "{id} was created with {n} requirement",
        (Msg::PlaceholderReviews, Lang::Sv) => {
            "Databasen har {n} uppföljning. Agendan över förfallna och kommande uppföljningar byggs i nästa steg."
        }
        (Msg::PlaceholderReviews, Lang::En) => {
            "The database holds {n} review. The agenda of due and overdue reviews is the next step."
        }
        (Msg::SetWouldAdd, Lang::En) => "{n} applies",
        (Msg::SetLines, Lang::En) => "{n} line in the procurement",
        (Msg::SetsLinked, Lang::En) => "{sets} sets linked: {n} line added",
        (Msg::UnlinkBody, Lang::En) => "Unlink {set}? Its {n} line is removed.",
        (Msg::Unlinked, Lang::En) => "{set} unlinked: {n} line removed",
        (Msg::FilterMatches, Lang::Sv) => "{n} träff · n/N nästa/föregående · Esc rensar",
        (Msg::FilterMatches, Lang::En) => "{n} match · n/N next/previous · Esc clears",
        (Msg::BuildPreviewTitle, Lang::En) => "Build from the profile: {sets} sets, {n} line",
        _ => return None,
    })
}

impl CliText {
    /// The wording of this text for a count of `n` (its `{n}`), as [`Msg::counted`].
    pub fn counted<N: Copy + PartialEq + From<u8>>(self, n: N, lang: Lang) -> &'static str {
        match (self, lang, is_one(n)) {
            (CliText::MoreErrors, Lang::En, true) => "… and {n} more error",
            (CliText::FilesValid, Lang::Sv, true) => "{files} är giltig ({requirements})",
            (CliText::FilesValid, Lang::En, true) => "{files} is valid ({requirements})",
            (CliText::AppliesCount, Lang::En, true) => "{n} of {total} applies to the profile.",
            (CliText::SyncAddedCount, Lang::Sv, true) => "{sets} tillagt",
            (CliText::ExportedAll, Lang::Sv, true) => "{sets} skrivet till {dir}",
            _ => self.text(lang),
        }
    }
}

/// Every message that has a wording of its own for one, for tests across the table.
#[cfg(test)]
pub(super) fn messages_with_one_form() -> Vec<(Msg, Lang)> {
    Msg::ALL
        .iter()
        .flat_map(|m| Lang::ALL.map(|l| (*m, l)))
        .filter(|(m, l)| msg_one(*m, *l).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(Noun::File.count(1usize, Lang::Sv), "1 fil");
        assert_eq!(Noun::File.count(0usize, Lang::Sv), "0 filer");
        assert_eq!(Noun::File.count(2usize, Lang::Sv), "2 filer");
        assert_eq!(Noun::Error.count(1i64, Lang::En), "1 error");
        assert_eq!(Noun::Error.count(11i64, Lang::En), "11 errors");
        assert_eq!(Noun::Procurement.count(1i64, Lang::Sv), "1 upphandling");
        for noun in Noun::ALL {
            for lang in Lang::ALL {
                assert!(!noun.word(1u8, lang).is_empty(), "{noun:?}");
                assert!(!noun.word(2u8, lang).is_empty(), "{noun:?}");
            }
        }
    }

    #[test]
    fn a_set_in_use_counts_its_procurements() {
        use crate::store::StoreError;
        let e = |n| StoreError::SetInUse {
            set: "moln".into(),
            procurements: n,
        };
        let sv = super::super::store_error(&e(1), Lang::Sv);
        assert!(sv.contains("används av 1 upphandling och"), "{sv}");
        let en = super::super::store_error(&e(2), Lang::En);
        assert!(en.contains("used by 2 procurements and"), "{en}");
        assert!(!en.contains("(s)") && !sv.contains("(ar)"));
    }

    #[test]
    fn a_message_for_one_says_one_and_keeps_its_placeholders() {
        let found = messages_with_one_form();
        assert!(found.len() >= 8, "{found:?}");
        for (m, lang) in found {
            let one = m.counted(1u8, lang);
            assert_ne!(one, m.text(lang), "{m:?} {lang:?}");
            assert_eq!(m.counted(2u8, lang), m.text(lang));
            let marks = |t: &str| {
                let mut v: Vec<String> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|r| r.split_once('}').map(|(p, _)| p.to_string()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(marks(one), marks(m.text(lang)), "{m:?} {lang:?}");
        }
        assert_eq!(
            CliText::MoreErrors
                .counted(1u8, Lang::En)
                .replace("{n}", "1"),
            "… and 1 more error"
        );
        assert_eq!(
            CliText::MoreErrors.counted(1u8, Lang::Sv),
            "… och {n} fel till"
        );
    }
}
