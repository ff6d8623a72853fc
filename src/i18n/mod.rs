//! Every string the user reads, in Swedish and English, in one place.
//!
//! `Msg` holds the fixed texts; `Label` names domain values; the functions put errors,
//! conditions and form fields into words. Swedish is the default language.

mod cli;
mod conditions;
mod counts;
mod entities;
mod errors;
mod fields;
mod help;
mod history;
mod labels;
mod messages;
mod profile;
mod publish;
pub mod search;

pub use crate::domain::Lang;
pub use cli::{CliText, cli_error, clock_error, export_error, file_error, settings_error};
pub use conditions::{condition, fact};
pub use counts::Noun;
pub use errors::{any_error, io_error, org_number_error, profile_warning, store_error};
pub use fields::{field_help, field_label, klassa_help};
pub use help::{arg_help, command_help, help_flag_pointing, program_long_help, value_name_sv};
pub use history::{Event, line_history};
pub use labels::{Label, kind_short};
pub use messages::{Msg, PROCUREMENT_COLUMNS};
pub use profile::profile_summary;
pub use publish::{blocker_text, warning_text};

/// The UI language: `--lang`, then `LANG`, then Swedish.
pub fn pick_lang(flag: Option<&str>, env_lang: Option<&str>) -> Lang {
    flag.and_then(Lang::from_code)
        .or_else(|| env_lang.and_then(Lang::from_code))
        .unwrap_or(Lang::Sv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::procurement::ProcurementError;
    use crate::domain::{Condition, Kind, OrgNumberError, Status};
    use crate::store::StoreError;

    #[test]
    fn every_message_has_both_languages() {
        for m in Msg::ALL {
            for lang in Lang::ALL {
                assert!(!m.text(lang).trim().is_empty(), "{m:?} {lang:?}");
            }
        }
    }

    /// The `{name}` placeholders of a text, sorted.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn swedish_and_english_texts_have_the_same_placeholders() {
        // A placeholder missing in one language shows as a literal "{n}" to its readers, or
        // leaves out what the other language says.
        for m in Msg::ALL {
            assert_eq!(
                placeholders(m.text(Lang::Sv)),
                placeholders(m.text(Lang::En)),
                "{m:?}"
            );
        }
        assert_eq!(placeholders("{b} och {a}"), vec!["a", "b"]);
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
        use crate::domain::condition::Clause;
        use crate::domain::{ClassLevel, RiskMatch};
        let c = Condition(vec![
            Clause {
                secrecy: Some(true),
                confidentiality_min: ClassLevel::new(2),
                ..Clause::default()
            },
            Clause {
                ai_risk: Some(vec![RiskMatch::High, RiskMatch::Limited]),
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
