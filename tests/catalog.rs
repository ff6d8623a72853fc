//! Requirement-set files from disk: one fixture per kind of mistake, each with the exact message
//! an officer sees (file, line, column, field, reason), valid sets read into the domain, and ids
//! that clash across the files of a library.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use kravkoll::catalog::{self, ParsedSet, Problem};
use kravkoll::domain::condition::{AiCondition, Clause, RiskMatch};
use kravkoll::domain::profile::{ClassLevel, Delivery, PersonalData, Tier};
use kravkoll::domain::{Kind, Lang, Level, Risk, Source, Text};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Every invalid fixture and the English lines it must produce, in order.
const INVALID: &[(&str, &[&str])] = &[
    (
        "syntax_error.toml",
        &[
            "syntax_error.toml:8:8: toml: TOML syntax error: string values must be quoted, expected literal string",
        ],
    ),
    (
        "missing_format.toml",
        &[
            "missing_format.toml:1:1: format: missing; a requirement-set file starts with format = 1",
        ],
    ),
    (
        "wrong_format_version.toml",
        &[
            "wrong_format_version.toml:1:10: format: unsupported format version 2; this kravkoll reads format 1",
        ],
    ),
    (
        "unknown_top_level_key.toml",
        &[
            "unknown_top_level_key.toml:5:1: author: unknown key \"author\"; allowed keys: format, id, version, title, description, sources, date, requirement",
        ],
    ),
    (
        "unknown_requirement_key.toml",
        &[
            "unknown_requirement_key.toml:11:1: requirement[1].priority: unknown key \"priority\"; allowed keys: id, kind, level, weight, title, text, basis, applies_when, applies_from, rationale, evidence, follow_up, risk, tags, see",
        ],
    ),
    (
        "bad_set_id.toml",
        &[
            "bad_set_id.toml:2:6: id: invalid set id \"Hosting_Location\": a set id uses lower-case a–z, digits and '-', and starts with a letter, like hosting-location",
        ],
    ),
    (
        "bad_version.toml",
        &[
            "bad_version.toml:3:11: version: invalid version \"v2026-1\": a version is numbers joined by dots, like 2026.1",
        ],
    ),
    (
        "version_not_a_string.toml",
        &["version_not_a_string.toml:3:11: version: expected a string, found a decimal number"],
    ),
    (
        "missing_swedish_title.toml",
        &["missing_swedish_title.toml:4:9: title.sv: Swedish text required"],
    ),
    (
        "blank_swedish_text.toml",
        &["blank_swedish_text.toml:9:16: requirement[1].title.sv: Swedish text required"],
    ),
    (
        "bad_requirement_id.toml",
        &[
            "bad_requirement_id.toml:7:6: requirement[1].id: invalid requirement id \"fix-01\": the id must be upper-case letters or digits in parts joined by '-', ending in a number, like HOST-03",
        ],
    ),
    (
        "duplicate_id_in_set.toml",
        &[
            "duplicate_id_in_set.toml:13:6: requirement[2].id: duplicate requirement id FIX-01 (first in duplicate_id_in_set.toml:7)",
        ],
    ),
    (
        "unknown_kind.toml",
        &[
            "unknown_kind.toml:8:8: requirement[1].kind: unknown value \"ska\"; allowed values: qualification, mandatory, evaluated, contract",
        ],
    ),
    (
        "unknown_level.toml",
        &[
            "unknown_level.toml:11:9: requirement[1].level: unknown value \"expert\"; allowed values: basic, advanced, leading",
        ],
    ),
    (
        "weight_not_evaluated.toml",
        &[
            "weight_not_evaluated.toml:11:1: requirement[1].weight: a weight is only allowed on evaluated requirements (kind = \"evaluated\"), not on \"mandatory\"",
        ],
    ),
    (
        "weight_out_of_range.toml",
        &[
            "weight_out_of_range.toml:11:10: requirement[1].weight: must be between 1 and 100, not 150",
        ],
    ),
    (
        "risk_out_of_range.toml",
        &[
            "risk_out_of_range.toml:11:40: requirement[1].risk.consequence: must be between 1 and 4, not 5",
        ],
    ),
    (
        "unknown_applies_when_key.toml",
        &[
            "unknown_applies_when_key.toml:11:18: requirement[1].applies_when.confidentiality: unknown key \"confidentiality\"; allowed keys: confidentiality_min, integrity_min, availability_min, personal_data, processor, secrecy, security_sensitive, automated_decisions, generative, citizen_facing, archival, value, above_threshold, ai, ai_risk, delivery, tier",
        ],
    ),
    (
        "bad_confidentiality_min.toml",
        &[
            "bad_confidentiality_min.toml:11:68: requirement[1].applies_when.confidentiality_min: must be between 0 and 4, not 5",
        ],
    ),
    (
        "bad_personal_data.toml",
        &[
            "bad_personal_data.toml:11:34: requirement[1].applies_when.personal_data: unknown value \"yes\"; allowed values: none, ordinary, sensitive",
        ],
    ),
    (
        "empty_delivery_list.toml",
        &[
            "empty_delivery_list.toml:11:29: requirement[1].applies_when.delivery: an empty list never matches; leave the key out instead",
        ],
    ),
    (
        "empty_applies_when_list.toml",
        &[
            "empty_applies_when_list.toml:11:16: requirement[1].applies_when: an empty list of conditions never matches; leave applies_when out if the requirement always applies",
        ],
    ),
    (
        "wrong_type.toml",
        &[
            "wrong_type.toml:9:9: requirement[1].title: expected a text table like { sv = \"…\", en = \"…\" }, found a string",
        ],
    ),
    (
        "unknown_text_key.toml",
        &[
            "unknown_text_key.toml:9:28: requirement[1].title.de: unknown key \"de\"; allowed keys: sv, en",
        ],
    ),
    (
        "missing_required_text.toml",
        &["missing_required_text.toml:6:1: requirement[1].text: required key missing"],
    ),
    (
        "missing_source_name.toml",
        &["missing_source_name.toml:5:50: sources[2].name: required key missing"],
    ),
    (
        "several_errors.toml",
        &[
            "several_errors.toml:9:9: requirement[1].title.sv: Swedish text required",
            "several_errors.toml:11:32: requirement[1].applies_when[1].tier[2]: unknown value \"D\"; allowed values: A, B, C",
            "several_errors.toml:11:47: requirement[1].applies_when[2].ai: unknown value \"yes\"; allowed values: system, gpai, any",
            "several_errors.toml:13:1: requirement[2].id: required key missing",
            "several_errors.toml:15:10: requirement[2].weight: must be between 1 and 100, not 0",
            "several_errors.toml:18:9: requirement[2].tags[1]: must not be empty",
        ],
    ),
    (
        "escape_codes_in_title.toml",
        &[
            "escape_codes_in_title.toml:4:26: title.sv: the control character U+001B is not allowed in a set file (control characters can take over a terminal); only tab and newline are allowed, in texts",
        ],
    ),
    (
        "bidi_override_in_text.toml",
        &[
            "bidi_override_in_text.toml:10:33: requirement[1].text.sv: the character U+202E changes the direction of text and can hide what it says; it is not allowed in a set file",
        ],
    ),
    (
        "no_requirements.toml",
        &[
            "no_requirements.toml:1:1: requirement: the set has no requirements; a set file needs at least one [[requirement]]",
        ],
    ),
    (
        "title_too_long.toml",
        &[
            "title_too_long.toml:9:16: requirement[1].title.sv: is 305 characters long; at most 300 are allowed",
        ],
    ),
];

/// `see`, `[[date]]` and `applies_from`: the mistakes a file shows on its own.
const INVALID_REFERENCES: &[(&str, &[&str])] = &[
    (
        "bad_date.toml",
        &[
            "bad_date.toml:8:8: date[1].date: invalid date \"2027-02-30\": write the date as YYYY-MM-DD, like 2027-12-02",
        ],
    ),
    (
        "bad_date_key.toml",
        &[
            "bad_date_key.toml:11:16: requirement[1].applies_from: invalid date key \"High Risk\": a key is 1–64 lower-case a–z, digits, '-' and '_', starting with a letter",
        ],
    ),
    (
        "duplicate_date_key.toml",
        &[
            "duplicate_date_key.toml:12:7: date[2].key: duplicate date key high-risk (first on line 7)",
        ],
    ),
    (
        "sees_itself.toml",
        &["sees_itself.toml:11:18: requirement[1].see[2]: a requirement cannot refer to itself"],
    ),
];

/// Swedish lines for a few fixtures: the language the officers read.
const SWEDISH: &[(&str, &str)] = &[
    (
        "escape_codes_in_title.toml",
        "escape_codes_in_title.toml:4:26: title.sv: styrtecknet U+001B får inte finnas i ett kravpaket (styrtecken kan ta över terminalen); bara tabb och radbrytning är tillåtna, i texter",
    ),
    (
        "bidi_override_in_text.toml",
        "bidi_override_in_text.toml:10:33: requirement[1].text.sv: tecknet U+202E vänder textriktningen och kan dölja vad texten säger; det får inte finnas i ett kravpaket",
    ),
    (
        "no_requirements.toml",
        "no_requirements.toml:1:1: requirement: kravpaketet har inga krav; en kravpaketsfil behöver minst ett [[requirement]]",
    ),
    (
        "duplicate_id_in_set.toml",
        "duplicate_id_in_set.toml:13:6: requirement[2].id: dubblett av kravid FIX-01 (första gången i duplicate_id_in_set.toml:7)",
    ),
    (
        "missing_swedish_title.toml",
        "missing_swedish_title.toml:4:9: title.sv: svensk text saknas",
    ),
    (
        "unknown_text_key.toml",
        "unknown_text_key.toml:9:28: requirement[1].title.de: okänd nyckel \"de\"; tillåtna nycklar: sv, en",
    ),
    (
        "wrong_format_version.toml",
        "wrong_format_version.toml:1:10: format: formatversion 2 stöds inte; den här versionen av kravkoll läser format 1",
    ),
    (
        "version_not_a_string.toml",
        "version_not_a_string.toml:3:11: version: ska vara en sträng, men är ett decimaltal",
    ),
    (
        "weight_not_evaluated.toml",
        "weight_not_evaluated.toml:11:1: requirement[1].weight: vikt får bara anges för krav som utvärderas (kind = \"evaluated\"), inte för \"mandatory\"",
    ),
    (
        "empty_delivery_list.toml",
        "empty_delivery_list.toml:11:29: requirement[1].applies_when.delivery: en tom lista matchar aldrig; ta bort nyckeln i stället",
    ),
    (
        "missing_required_text.toml",
        "missing_required_text.toml:6:1: requirement[1].text: obligatorisk nyckel saknas",
    ),
];

fn read(dir: &str, name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(dir).join(name)).unwrap()
}

fn toml_files(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(Path::new(FIXTURES).join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn errors_of(name: &str, lang: Lang) -> Vec<String> {
    match catalog::parse_set(name, &read("invalid_sets", name)) {
        Ok(_) => panic!("{name} was accepted"),
        Err(errors) => errors.iter().map(|e| e.message(lang)).collect(),
    }
}

#[test]
fn every_invalid_fixture_gives_its_exact_message() {
    for (name, expected) in INVALID.iter().chain(INVALID_REFERENCES) {
        assert_eq!(errors_of(name, Lang::En), *expected, "{name}");
    }
}

#[test]
fn display_is_the_english_message() {
    for (name, expected) in INVALID {
        let errors = catalog::parse_set(name, &read("invalid_sets", name)).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown, *expected, "{name}");
    }
}

#[test]
fn messages_read_in_swedish() {
    for (name, expected) in SWEDISH {
        assert_eq!(errors_of(name, Lang::Sv), [*expected], "{name}");
    }
}

#[test]
fn every_fixture_on_disk_has_an_assertion() {
    let mut known: Vec<String> = INVALID
        .iter()
        .chain(INVALID_REFERENCES)
        .map(|(n, _)| n.to_string())
        .collect();
    known.sort();
    assert_eq!(toml_files("invalid_sets"), known);
}

#[test]
fn a_requirement_id_used_in_two_sets_is_refused_at_the_later() {
    let files: Vec<(String, String)> = toml_files("duplicate_sets")
        .into_iter()
        .map(|n| {
            let text = read("duplicate_sets", &n);
            (n, text)
        })
        .collect();
    for (name, text) in &files {
        assert!(
            catalog::parse_set(name, text).is_ok(),
            "{name} alone is valid"
        );
    }
    let errors = catalog::validate_files(&files).unwrap_err();
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "second.toml:13:6: requirement[2].id: duplicate requirement id DUP-01 (first in first.toml:7)"
        ]
    );
    assert_eq!(
        errors[0].message(Lang::Sv),
        "second.toml:13:6: requirement[2].id: dubblett av kravid DUP-01 (första gången i first.toml:7)"
    );
    assert!(matches!(
        errors[0].problem,
        Problem::DuplicateRequirementId { .. }
    ));
}

fn valid(name: &str) -> ParsedSet {
    catalog::parse_set(name, &read("valid_sets", name)).unwrap()
}

#[test]
fn the_valid_sets_are_all_there_and_pass_together() {
    assert_eq!(toml_files("valid_sets"), ["backup.toml", "minimal.toml"]);
    let files: Vec<(String, String)> = toml_files("valid_sets")
        .into_iter()
        .map(|n| {
            let text = read("valid_sets", &n);
            (n, text)
        })
        .collect();
    assert_eq!(catalog::validate_files(&files).unwrap().len(), 2);
}

#[test]
fn the_backup_set_reads_every_field() {
    let parsed = valid("backup.toml");
    let set = &parsed.set;
    assert_eq!(parsed.file, "backup.toml");
    assert_eq!(
        (set.id.as_str(), set.version.as_str()),
        ("backup", "2026.1")
    );
    assert_eq!(
        set.title,
        Text::new("Säkerhetskopiering och återläsning", "Backup and restore")
    );
    assert_eq!(set.description.sv, "Krav på att data går att återställa.");
    assert_eq!(
        set.sources,
        [
            Source {
                name: "MSB:s vägledning om säkerhetskopiering".into(),
                reference: "MSB 2020".into()
            },
            Source {
                name: "Dataskyddsförordningen".into(),
                reference: String::new()
            },
        ]
    );
    let ids: Vec<&str> = set.requirements.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["BACK-01", "BACK-02", "BACK-03"]);

    let first = &set.requirements[0];
    assert_eq!(
        (first.kind, first.level),
        (Kind::Mandatory, Some(Level::Basic))
    );
    assert_eq!(
        first.text.sv,
        "Leverantören ska ta en säkerhetskopia av all data varje dygn.\nKopian ska förvaras åtskild från produktionsmiljön."
    );
    assert_eq!(
        first.rationale,
        Text::sv("Utan kopia går data förlorad vid ett haveri.")
    );
    assert_eq!(first.basis, ["GDPR art. 32.1 c"]);
    assert_eq!(first.tags, ["backup", "availability"]);
    assert_eq!(first.risk, Some(Risk::new(2, 4).unwrap()));
    assert_eq!(first.weight, None);
    assert_eq!(
        first.applies_when.clauses(),
        [Clause {
            availability_min: ClassLevel::new(2),
            delivery: Some(vec![Delivery::Saas, Delivery::Hybrid]),
            ..Clause::default()
        }]
    );

    let second = &set.requirements[1];
    assert_eq!((second.kind, second.weight), (Kind::Evaluated, Some(10)));
    assert_eq!(
        second.applies_when.clauses(),
        [
            Clause {
                personal_data: Some(PersonalData::Sensitive),
                ..Clause::default()
            },
            Clause {
                secrecy: Some(true),
                tier: Some(vec![Tier::A]),
                ..Clause::default()
            },
        ]
    );

    let third = &set.requirements[2];
    assert_eq!(third.kind, Kind::ContractTerm);
    assert_eq!(
        third.title,
        Text::new("Rapport om \"incidenter\"", "Incident report")
    );
    assert_eq!(third.text.en, "");
    assert!(third.evidence.is_empty() && third.follow_up.is_empty() && third.basis.is_empty());
    assert_eq!(
        third.applies_when.clauses(),
        [Clause {
            ai: Some(AiCondition::Any),
            ai_risk: Some(vec![RiskMatch::High, RiskMatch::Limited]),
            citizen_facing: Some(false),
            ..Clause::default()
        }]
    );
}

#[test]
fn the_minimal_set_needs_only_the_required_keys() {
    let set = valid("minimal.toml").set;
    assert_eq!((set.id.as_str(), set.version.as_str()), ("minimal", "1"));
    assert!(set.description.is_empty() && set.sources.is_empty());
    let r = &set.requirements[0];
    assert_eq!(
        (r.id.as_str(), r.kind, r.level),
        ("MIN-1", Kind::Qualification, None)
    );
    assert!(r.applies_when.is_always());
    assert_eq!((r.weight, r.risk), (None, None));
}

#[test]
fn valid_sets_survive_writing_and_reading_back() {
    for name in toml_files("valid_sets") {
        let parsed = valid(&name);
        let again = catalog::parse_set(&name, &catalog::to_toml(&parsed.set)).unwrap();
        assert_eq!(again.set, parsed.set, "{name}");
    }
}
