//! What can be wrong in a requirement-set file, said in Swedish and in English.
//!
//! A [`CatalogError`] is one mistake at one place: file, 1-based line and column (in characters),
//! the field path (`requirement[3].applies_when.confidentiality_min`) and the [`Problem`]. Every
//! problem has a text in both languages here and nowhere else, so an officer editing a file by
//! hand reads the same reason in the CLI and in the TUI.

use std::fmt;

use crate::domain::Lang;
use crate::domain::requirement::{Kind, RequirementIdError};
use crate::domain::set::SetIdError;

/// One mistake in a requirement-set file. `Display` gives the English line; [`Self::message`]
/// gives it in either language. Both are safe to show on a terminal: a file name, a key or a
/// value quoted from the file has its control and bidi characters escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    /// The file as the caller named it (a path, or a built-in's name).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters so it matches what an editor shows.
    pub column: usize,
    /// Where in the set: `version`, `sources[1].name`, `requirement[2].title.sv`, or `toml` for a
    /// syntax error.
    pub field: String,
    pub problem: Problem,
}

impl CatalogError {
    /// The whole line, `file:line:column: field: reason`, with the reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let line = format!(
            "{}:{}:{}: {}: {}",
            self.file,
            self.line,
            self.column,
            self.field,
            self.problem.text(lang)
        );
        crate::sanitize::for_terminal(&line).into_owned()
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CatalogError {}

/// Several errors as one text, a line each in English, for logs, panics and CI output.
pub fn report(errors: &[CatalogError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The type of a TOML value as found in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TomlType {
    String,
    Integer,
    Float,
    Boolean,
    Datetime,
    Array,
    Table,
}

impl TomlType {
    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TomlType::String, Lang::Sv) => "en sträng",
            (TomlType::String, Lang::En) => "a string",
            (TomlType::Integer, Lang::Sv) => "ett heltal",
            (TomlType::Integer, Lang::En) => "an integer",
            (TomlType::Float, Lang::Sv) => "ett decimaltal",
            (TomlType::Float, Lang::En) => "a decimal number",
            (TomlType::Boolean, Lang::Sv) => "ett sanningsvärde (true eller false)",
            (TomlType::Boolean, Lang::En) => "a boolean (true or false)",
            (TomlType::Datetime, Lang::Sv) => "ett datum",
            (TomlType::Datetime, Lang::En) => "a date",
            (TomlType::Array, Lang::Sv) => "en lista",
            (TomlType::Array, Lang::En) => "a list",
            (TomlType::Table, Lang::Sv) => "en tabell",
            (TomlType::Table, Lang::En) => "a table",
        }
    }
}

/// What a field must hold; the plain TOML types plus the shapes the format builds from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Type(TomlType),
    /// `{ sv = "…", en = "…" }`.
    TextTable,
    /// `[[requirement]]` or `sources = [ { … } ]`.
    ListOfTables,
    /// `applies_when`: one table, or a list of tables meaning any of them.
    TableOrListOfTables,
}

impl Expected {
    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expected::Type(t), lang) => t.text(lang),
            (Expected::TextTable, Lang::Sv) => "en texttabell som { sv = \"…\", en = \"…\" }",
            (Expected::TextTable, Lang::En) => "a text table like { sv = \"…\", en = \"…\" }",
            (Expected::ListOfTables, Lang::Sv) => "en lista av tabeller",
            (Expected::ListOfTables, Lang::En) => "a list of tables",
            (Expected::TableOrListOfTables, Lang::Sv) => "en tabell eller en lista av tabeller",
            (Expected::TableOrListOfTables, Lang::En) => "a table or a list of tables",
        }
    }
}

/// Why a character is refused in a set file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forbidden {
    Nul,
    /// A C0 or C1 control or DEL: ESC starts the sequences that take over a terminal.
    Control,
    /// A bidirectional mark, embedding, override or isolate.
    Bidi,
    /// A newline, tab or CR in a one-line field (a title, id, code, name or tag).
    LineBreak,
}

/// The reason a field is refused. Each rule of DESIGN §4 has its own variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file is not valid TOML; `message` is the TOML parser's own (English) description.
    Syntax {
        message: String,
    },
    /// `format = 1` is missing.
    MissingFormat,
    /// `format` names a version this build does not read.
    UnsupportedFormat {
        found: String,
    },
    /// A key the format does not know, with the keys allowed at that place.
    UnknownKey {
        key: String,
        allowed: &'static [&'static str],
    },
    /// A required key is missing (the field path names it).
    MissingKey,
    WrongType {
        expected: Expected,
        found: TomlType,
    },
    BadSetId {
        value: String,
        reason: SetIdError,
    },
    BadVersion {
        value: String,
    },
    /// A text table without Swedish, or with only blanks in it.
    SwedishTextRequired,
    /// A string that must say something is empty: a source's name, a basis or tag entry.
    EmptyString,
    BadRequirementId {
        value: String,
        reason: RequirementIdError,
    },
    /// A requirement id seen before, in this file or another set of the library.
    DuplicateRequirementId {
        id: String,
        first_file: String,
        first_line: usize,
    },
    /// A set id seen before in another file of the library.
    DuplicateSetId {
        id: String,
        first_file: String,
        first_line: usize,
    },
    /// A word outside the allowed codes (kind, level, personal_data, delivery …).
    UnknownValue {
        value: String,
        allowed: Vec<&'static str>,
    },
    /// An integer outside its range (KLASSA level, weight, risk).
    OutOfRange {
        value: String,
        min: i64,
        max: i64,
    },
    /// `weight` on a requirement that is not evaluated.
    WeightNotEvaluated {
        kind: Kind,
    },
    /// An empty list in `applies_when`, which could never match.
    EmptyList,
    /// `applies_when = []`, which could never match.
    EmptyConditionList,
    /// A character that could take over a terminal or hide what a text says.
    ForbiddenCharacter {
        found: char,
        why: Forbidden,
    },
    /// A title longer than `max` characters.
    TooLong {
        found: usize,
        max: usize,
    },
    /// A set file without a single `[[requirement]]`.
    NoRequirements,
    /// A `see` id that is no requirement of the library.
    UnknownSee {
        id: String,
    },
    /// A requirement whose `see` names itself.
    SeesItself,
    /// A `[[date]]` key or an `applies_from` that is not a slug.
    BadDateKey {
        value: String,
    },
    /// A `[[date]]` key used before in the same set.
    DuplicateDateKey {
        key: String,
        first_line: usize,
    },
    /// A `date` that is not a day written YYYY-MM-DD.
    BadDate {
        value: String,
    },
    /// An `applies_from` that names no `[[date]]` of the set or the library.
    UnknownDateKey {
        key: String,
    },
}

/// `U+001B`, how a character is named in messages.
fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

impl Problem {
    /// The reason in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Sv => self.swedish(),
            Lang::En => self.english(),
        }
    }

    fn swedish(&self) -> String {
        match self {
            Problem::Syntax { message } => format!("TOML-syntaxfel: {message}"),
            Problem::MissingFormat => {
                "saknas; en kravpaketsfil börjar med format = 1".to_string()
            }
            Problem::UnsupportedFormat { found } => format!(
                "formatversion {found} stöds inte; den här versionen av kravkoll läser format 1"
            ),
            Problem::UnknownKey { key, allowed } => format!(
                "okänd nyckel \"{key}\"; tillåtna nycklar: {}",
                allowed.join(", ")
            ),
            Problem::MissingKey => "obligatorisk nyckel saknas".to_string(),
            Problem::WrongType { expected, found } => format!(
                "ska vara {}, men är {}",
                expected.text(Lang::Sv),
                found.text(Lang::Sv)
            ),
            Problem::BadSetId { value, reason } => format!(
                "ogiltigt id för kravpaket \"{value}\": {}",
                set_id_reason_sv(reason)
            ),
            Problem::BadVersion { value } => format!(
                "ogiltig version \"{value}\": en version är tal åtskilda av punkter, till exempel 2026.1"
            ),
            Problem::SwedishTextRequired => "svensk text saknas".to_string(),
            Problem::EmptyString => "får inte vara tom".to_string(),
            Problem::BadRequirementId { value, reason } => format!(
                "ogiltigt kravid \"{value}\": {}",
                requirement_id_reason_sv(reason)
            ),
            Problem::DuplicateRequirementId {
                id,
                first_file,
                first_line,
            } => format!("dubblett av kravid {id} (första gången i {first_file}:{first_line})"),
            Problem::DuplicateSetId {
                id,
                first_file,
                first_line,
            } => format!(
                "dubblett av kravpaketet {id} (första gången i {first_file}:{first_line})"
            ),
            Problem::UnknownValue { value, allowed } => format!(
                "okänt värde \"{value}\"; tillåtna värden: {}",
                allowed.join(", ")
            ),
            Problem::OutOfRange { value, min, max } => {
                format!("ska vara mellan {min} och {max}, inte {value}")
            }
            Problem::WeightNotEvaluated { kind } => format!(
                "vikt får bara anges för krav som utvärderas (kind = \"evaluated\"), inte för \"{}\"",
                kind.code()
            ),
            Problem::EmptyList => {
                "en tom lista matchar aldrig; ta bort nyckeln i stället".to_string()
            }
            Problem::EmptyConditionList => {
                "en tom lista av villkor matchar aldrig; ta bort applies_when om kravet alltid gäller"
                    .to_string()
            }
            Problem::ForbiddenCharacter { found, why } => forbidden_sv(*found, *why),
            Problem::TooLong { found, max } => {
                format!("är {found} tecken lång; högst {max} tecken är tillåtna")
            }
            Problem::NoRequirements => {
                "kravpaketet har inga krav; en kravpaketsfil behöver minst ett [[requirement]]"
                    .to_string()
            }
            Problem::UnknownSee { .. }
            | Problem::SeesItself
            | Problem::BadDateKey { .. }
            | Problem::DuplicateDateKey { .. }
            | Problem::BadDate { .. }
            | Problem::UnknownDateKey { .. } => references_sv(self),
        }
    }

    fn english(&self) -> String {
        match self {
            Problem::Syntax { message } => format!("TOML syntax error: {message}"),
            Problem::MissingFormat => {
                "missing; a requirement-set file starts with format = 1".to_string()
            }
            Problem::UnsupportedFormat { found } => {
                format!("unsupported format version {found}; this kravkoll reads format 1")
            }
            Problem::UnknownKey { key, allowed } => format!(
                "unknown key \"{key}\"; allowed keys: {}",
                allowed.join(", ")
            ),
            Problem::MissingKey => "required key missing".to_string(),
            Problem::WrongType { expected, found } => format!(
                "expected {}, found {}",
                expected.text(Lang::En),
                found.text(Lang::En)
            ),
            Problem::BadSetId { value, reason } => format!("invalid set id \"{value}\": {reason}"),
            Problem::BadVersion { value } => format!(
                "invalid version \"{value}\": a version is numbers joined by dots, like 2026.1"
            ),
            Problem::SwedishTextRequired => "Swedish text required".to_string(),
            Problem::EmptyString => "must not be empty".to_string(),
            Problem::BadRequirementId { value, reason } => {
                format!("invalid requirement id \"{value}\": {reason}")
            }
            Problem::DuplicateRequirementId {
                id,
                first_file,
                first_line,
            } => format!("duplicate requirement id {id} (first in {first_file}:{first_line})"),
            Problem::DuplicateSetId {
                id,
                first_file,
                first_line,
            } => format!("duplicate set id {id} (first in {first_file}:{first_line})"),
            Problem::UnknownValue { value, allowed } => format!(
                "unknown value \"{value}\"; allowed values: {}",
                allowed.join(", ")
            ),
            Problem::OutOfRange { value, min, max } => {
                format!("must be between {min} and {max}, not {value}")
            }
            Problem::WeightNotEvaluated { kind } => format!(
                "a weight is only allowed on evaluated requirements (kind = \"evaluated\"), not on \"{}\"",
                kind.code()
            ),
            Problem::EmptyList => "an empty list never matches; leave the key out instead".to_string(),
            Problem::EmptyConditionList => {
                "an empty list of conditions never matches; leave applies_when out if the requirement always applies"
                    .to_string()
            }
            Problem::ForbiddenCharacter { found, why } => forbidden_en(*found, *why),
            Problem::TooLong { found, max } => {
                format!("is {found} characters long; at most {max} are allowed")
            }
            Problem::NoRequirements => {
                "the set has no requirements; a set file needs at least one [[requirement]]"
                    .to_string()
            }
            Problem::UnknownSee { .. }
            | Problem::SeesItself
            | Problem::BadDateKey { .. }
            | Problem::DuplicateDateKey { .. }
            | Problem::BadDate { .. }
            | Problem::UnknownDateKey { .. } => references_en(self),
        }
    }
}

/// The texts of `see`, `[[date]]` and `applies_from`.
fn references_sv(p: &Problem) -> String {
    match p {
        Problem::UnknownSee { id } => {
            format!("kravet {id} finns inte i kravbiblioteket")
        }
        Problem::SeesItself => "ett krav kan inte hänvisa till sig självt".to_string(),
        Problem::BadDateKey { value } => format!(
            "ogiltig datumnyckel \"{value}\": en nyckel har 1–64 gemena a–z, siffror, '-' och '_' och börjar med en bokstav"
        ),
        Problem::DuplicateDateKey { key, first_line } => {
            format!("dubblett av datumnyckeln {key} (första gången på rad {first_line})")
        }
        Problem::BadDate { value } => format!(
            "ogiltigt datum \"{value}\": skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-12-02"
        ),
        Problem::UnknownDateKey { key } => format!(
            "datumnyckeln {key} finns inte; den ska vara nyckeln i ett [[date]] i kravpaketet eller ett annat paket i biblioteket"
        ),
        // The other problems have their texts in `swedish` and `english`.
        _ => String::new(),
    }
}

/// The texts of `see`, `[[date]]` and `applies_from`.
fn references_en(p: &Problem) -> String {
    match p {
        Problem::UnknownSee { id } => {
            format!("requirement {id} is not in the library")
        }
        Problem::SeesItself => "a requirement cannot refer to itself".to_string(),
        Problem::BadDateKey { value } => format!(
            "invalid date key \"{value}\": a key is 1–64 lower-case a–z, digits, '-' and '_', starting with a letter"
        ),
        Problem::DuplicateDateKey { key, first_line } => {
            format!("duplicate date key {key} (first on line {first_line})")
        }
        Problem::BadDate { value } => {
            format!("invalid date \"{value}\": write the date as YYYY-MM-DD, like 2027-12-02")
        }
        Problem::UnknownDateKey { key } => format!(
            "no date has the key {key}; it must be the key of a [[date]] in this set or another set of the library"
        ),
        // The other problems have their texts in `swedish` and `english`.
        _ => String::new(),
    }
}

fn forbidden_sv(c: char, why: Forbidden) -> String {
    let u = code_point(c);
    match why {
        Forbidden::Nul => format!("tecknet {u} (NUL) får inte finnas i ett kravpaket"),
        Forbidden::Control => format!(
            "styrtecknet {u} får inte finnas i ett kravpaket (styrtecken kan ta över terminalen); bara tabb och radbrytning är tillåtna, i texter"
        ),
        Forbidden::Bidi => format!(
            "tecknet {u} vänder textriktningen och kan dölja vad texten säger; det får inte finnas i ett kravpaket"
        ),
        Forbidden::LineBreak => {
            format!("tecknet {u} (radbrytning eller tabb) får inte finnas här; fältet är en rad")
        }
    }
}

fn forbidden_en(c: char, why: Forbidden) -> String {
    let u = code_point(c);
    match why {
        Forbidden::Nul => format!("the character {u} (NUL) is not allowed in a set file"),
        Forbidden::Control => format!(
            "the control character {u} is not allowed in a set file (control characters can take over a terminal); only tab and newline are allowed, in texts"
        ),
        Forbidden::Bidi => format!(
            "the character {u} changes the direction of text and can hide what it says; it is not allowed in a set file"
        ),
        Forbidden::LineBreak => format!(
            "the character {u} (a line break or tab) is not allowed here; the field is one line"
        ),
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

// The domain's own error texts are English; their Swedish lives here with the rest of the
// catalog's Swedish, so the domain stays free of UI language.
/// Why a set id is refused, in `lang` (also used by the forms of the interactive program).
pub fn set_id_reason(reason: &SetIdError, lang: Lang) -> String {
    match lang {
        Lang::Sv => set_id_reason_sv(reason).to_string(),
        Lang::En => reason.to_string(),
    }
}

/// Why a requirement id is refused, in `lang`.
pub fn requirement_id_reason(reason: &RequirementIdError, lang: Lang) -> String {
    match lang {
        Lang::Sv => requirement_id_reason_sv(reason),
        Lang::En => reason.to_string(),
    }
}

fn set_id_reason_sv(reason: &SetIdError) -> &'static str {
    match reason {
        SetIdError::Length => "ett id för kravpaket har 2–48 tecken",
        SetIdError::Shape => {
            "ett id för kravpaket består av gemena a–z, siffror och '-' och börjar med en bokstav, till exempel hosting-location"
        }
    }
}

fn requirement_id_reason_sv(reason: &RequirementIdError) -> String {
    match reason {
        RequirementIdError::Empty => "id:t är tomt".to_string(),
        RequirementIdError::TooLong { max } => format!("id:t är längre än {max} tecken"),
        RequirementIdError::Shape => "id:t ska vara delar av versaler eller siffror, åtskilda av '-' och med ett nummer sist, till exempel HOST-03".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_the_english_message() {
        let e = CatalogError {
            file: "a.toml".into(),
            line: 3,
            column: 7,
            field: "requirement[1].kind".into(),
            problem: Problem::UnknownValue {
                value: "ska".into(),
                allowed: vec!["qualification", "mandatory"],
            },
        };
        let en = "a.toml:3:7: requirement[1].kind: unknown value \"ska\"; allowed values: qualification, mandatory";
        assert_eq!(e.to_string(), en);
        assert_eq!(e.message(Lang::En), en);
        assert_eq!(
            e.message(Lang::Sv),
            "a.toml:3:7: requirement[1].kind: okänt värde \"ska\"; tillåtna värden: qualification, mandatory"
        );
    }

    #[test]
    fn quoted_names_and_values_are_escaped() {
        let e = CatalogError {
            file: "a\u{1b}[2J.toml".into(),
            line: 2,
            column: 1,
            field: "\u{202e}x".into(),
            problem: Problem::UnknownKey {
                key: "\u{202e}x".into(),
                allowed: &["id"],
            },
        };
        for text in [e.to_string(), e.message(Lang::Sv)] {
            assert!(!text.chars().any(crate::sanitize::is_unsafe), "{text:?}");
            assert!(
                text.starts_with("a\\u001b[2J.toml:2:1: \\u202ex: "),
                "{text}"
            );
        }
    }

    #[test]
    fn types_are_named_in_plain_words() {
        let p = Problem::WrongType {
            expected: Expected::Type(TomlType::String),
            found: TomlType::Integer,
        };
        assert_eq!(p.text(Lang::En), "expected a string, found an integer");
        assert_eq!(p.text(Lang::Sv), "ska vara en sträng, men är ett heltal");
    }
}
