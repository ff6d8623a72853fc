//! Unit tests of reading set files and checking a library: the rules that the fixtures in
//! `tests/fixtures/invalid_sets` do not pin one by one, and that no input makes the reader panic.

use proptest::prelude::*;

use super::*;
use crate::domain::condition::{AiCondition, Clause};
use crate::domain::profile::{ClassLevel, Delivery, PersonalData};
use crate::domain::requirement::{Kind, Level, Risk};

const HEAD: &str = r#"format = 1
id = "alpha"
version = "2026.1"
title = { sv = "Alfa" }
"#;

fn with_requirement(body: &str) -> String {
    format!(
        "{HEAD}\n[[requirement]]\nid = \"ALPHA-01\"\nkind = \"evaluated\"\ntitle = {{ sv = \"T\" }}\ntext = {{ sv = \"X\" }}\n{body}"
    )
}

fn messages(source: &str) -> Vec<String> {
    match parse_set("a.toml", source) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_full_requirement_reads_into_the_domain() {
    let src = with_requirement(
        r#"level = "leading"
weight = 15
basis = ["GDPR art. 28"]
risk = { likelihood = 3, consequence = 2 }
tags = ["ai"]
applies_when = [{ confidentiality_min = 0x3, delivery = ["service"] }, { ai = "gpai", personal_data = "none" }]
"#,
    );
    let parsed = parse_set("a.toml", &src).unwrap();
    assert_eq!(
        parsed.source_hash,
        crate::domain::requirement::hash_bytes(src.as_bytes())
    );
    let r = &parsed.set.requirements[0];
    assert_eq!(r.kind, Kind::Evaluated);
    assert_eq!(r.level, Some(Level::Leading));
    assert_eq!(r.weight, Some(15));
    assert_eq!(r.risk, Some(Risk::new(3, 2).unwrap()));
    assert_eq!(
        r.applies_when.clauses(),
        [
            Clause {
                confidentiality_min: ClassLevel::new(3),
                delivery: Some(vec![Delivery::ServiceOnly]),
                ..Clause::default()
            },
            Clause {
                ai: Some(AiCondition::Gpai),
                personal_data: Some(PersonalData::None),
                ..Clause::default()
            }
        ]
    );
    assert!(r.rationale.is_empty() && r.evidence.is_empty());
}

#[test]
fn another_format_version_is_not_read_further() {
    let src = "format = 7\nid = \"BAD ID\"\nfrobnicate = true\n";
    assert_eq!(
        messages(src),
        ["a.toml:1:10: format: unsupported format version 7; this kravkoll reads format 1"]
    );
}

#[test]
fn a_missing_format_still_checks_the_rest() {
    let src = "id = \"alpha\"\nversion = \"x\"\ntitle = { sv = \"A\" }\n";
    assert_eq!(
        messages(src),
        [
            "a.toml:1:1: format: missing; a requirement-set file starts with format = 1",
            "a.toml:1:1: requirement: the set has no requirements; a set file needs at least one [[requirement]]",
            "a.toml:2:11: version: invalid version \"x\": a version is numbers joined by dots, like 2026.1",
        ]
    );
}

#[test]
fn huge_and_wrongly_typed_numbers_are_reported_as_written() {
    let src = with_requirement(
        "weight = 99999999999999999999\nrisk = { likelihood = 2.5, consequence = 1 }\n",
    );
    assert_eq!(
        messages(&src),
        [
            "a.toml:11:10: requirement[1].weight: must be between 1 and 100, not 99999999999999999999",
            "a.toml:12:23: requirement[1].risk.likelihood: expected an integer, found a decimal number",
        ]
    );
    assert_eq!(
        messages("format = 0x10\n"),
        ["a.toml:1:10: format: unsupported format version 16; this kravkoll reads format 1"]
    );
}

#[test]
fn a_single_requirement_table_is_refused_with_its_shape() {
    let src = format!("{HEAD}\n[requirement]\nid = \"ALPHA-01\"\n");
    assert_eq!(
        messages(&src),
        ["a.toml:6:1: requirement: expected a list of tables, found a table"]
    );
}

#[test]
fn missing_keys_point_at_their_table() {
    let src = format!("{HEAD}\n[[requirement]]\nid = \"ALPHA-01\"\nrisk = {{ likelihood = 1 }}\n");
    assert_eq!(
        messages(&src),
        [
            "a.toml:6:1: requirement[1].kind: required key missing",
            "a.toml:6:1: requirement[1].title: required key missing",
            "a.toml:6:1: requirement[1].text: required key missing",
            "a.toml:8:8: requirement[1].risk.consequence: required key missing",
        ]
    );
}

#[test]
fn every_mistake_is_reported_in_reading_order() {
    let src = "format = 1\nid = \"Alpha\"\nversion = 2\ntitle = { sv = \"\" }\nzebra = 1\n";
    let errors = parse_set("a.toml", src).unwrap_err();
    let places: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(
        places,
        [
            (1, "requirement"),
            (2, "id"),
            (3, "version"),
            (4, "title.sv"),
            (5, "zebra")
        ]
    );
}

#[test]
fn library_clashes_name_the_first_place() {
    let a = parse_set("a.toml", &with_requirement("")).unwrap();
    let b_src = HEAD.replace("alpha", "beta")
        + "\n[[requirement]]\nid = \"BETA-01\"\nkind = \"mandatory\"\ntitle = { sv = \"T\" }\ntext = { sv = \"X\" }\n";
    let b = parse_set("b.toml", &b_src).unwrap();
    assert!(check_library(&[a.clone(), b.clone()]).is_empty());
    let again = parse_set("c.toml", &format!("# a copy\n{}", with_requirement(""))).unwrap();
    let lines: Vec<String> = check_library(&[a, b, again])
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "c.toml:3:6: id: duplicate set id alpha (first in a.toml:2)",
            "c.toml:8:6: requirement[1].id: duplicate requirement id ALPHA-01 (first in a.toml:7)",
        ]
    );
}

#[test]
fn validate_files_reports_every_file_and_the_clashes() {
    let files = vec![
        ("a.toml".to_string(), with_requirement("")),
        ("b.toml".to_string(), "format = 1\nid = 3\n".to_string()),
        (
            "c.toml".to_string(),
            with_requirement("").replace("alpha", "gamma"),
        ),
    ];
    let errors = validate_files(&files).unwrap_err();
    let files_hit: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(
        files_hit,
        ["b.toml", "b.toml", "b.toml", "b.toml", "c.toml"]
    );
    assert!(matches!(
        errors[4].problem,
        Problem::DuplicateRequirementId { .. }
    ));
    assert_eq!(validate_files(&files[..1]).unwrap().len(), 1);
}

#[test]
fn a_file_without_requirements_is_refused_but_a_list_of_one_is_not() {
    assert_eq!(
        messages(HEAD),
        [
            "a.toml:1:1: requirement: the set has no requirements; a set file needs at least one [[requirement]]"
        ]
    );
    assert_eq!(
        messages(&format!("{HEAD}requirement = []\n")),
        [
            "a.toml:5:15: requirement: the set has no requirements; a set file needs at least one [[requirement]]"
        ]
    );
    assert!(messages(&with_requirement("")).is_empty());
}

#[test]
fn forbidden_characters_are_placed_at_the_character() {
    let cases = [
        (
            with_requirement("").replace("\"Alfa\"", "\"Al\\u001b]0;x\\u0007fa\""),
            "a.toml:4:19: title.sv: the control character U+001B",
        ),
        (
            with_requirement("").replace("sv = \"X\"", "sv = 'ok \u{202e}txt'"),
            "a.toml:10:19: requirement[1].text.sv: the character U+202E changes the direction",
        ),
        (
            with_requirement("tags = [\"a\\tb\"]\n"),
            "a.toml:11:11: requirement[1].tags[1]: the character U+0009 (a line break or tab)",
        ),
        (
            with_requirement("basis = [\"\\u0000\"]\n"),
            "a.toml:11:11: requirement[1].basis[1]: the character U+0000 (NUL)",
        ),
        (
            with_requirement("").replace("id = \"ALPHA-01\"", "id = \"ALPHA-01\\u009b\""),
            "a.toml:7:15: requirement[1].id: the control character U+009B",
        ),
    ];
    for (src, start) in cases {
        let got = messages(&src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with(start), "{}\n{start}", got[0]);
    }
    let texts = with_requirement("rationale = { sv = \"\"\"\r\nEtt\tstycke\r\n\nTvå\n\"\"\" }\n");
    assert!(messages(&texts).is_empty(), "{:?}", messages(&texts));
}

#[test]
fn a_title_over_the_limit_is_refused_with_its_length() {
    let long = "å".repeat(MAX_TITLE_CHARS + 1);
    let src = HEAD.replace(
        "{ sv = \"Alfa\" }",
        &format!("{{ sv = \"Alfa\", en = \"{long}\" }}"),
    );
    let got = parse_set("a.toml", &with_requirement("").replace(HEAD, &src)).unwrap_err();
    assert_eq!(
        got[0].to_string(),
        "a.toml:4:29: title.en: is 301 characters long; at most 300 are allowed"
    );
    assert_eq!(
        got[0].message(crate::domain::Lang::Sv),
        "a.toml:4:29: title.en: är 301 tecken lång; högst 300 tecken är tillåtna"
    );
    let exact = HEAD.replace("Alfa", &"a".repeat(MAX_TITLE_CHARS));
    assert!(parse_set("a.toml", &with_requirement("").replace(HEAD, &exact)).is_ok());
}

fn mutated_source() -> impl Strategy<Value = String> {
    let base = with_requirement(
        "level = \"basic\"\nweight = 5\napplies_when = { delivery = [\"saas\"], secrecy = true }\nrisk = { likelihood = 1, consequence = 4 }\n",
    );
    let len = base.len();
    prop::collection::vec((0..len, "[\\PC\n\"'=\\[\\]{}]{0,3}"), 1..6).prop_map(move |edits| {
        let mut s = base.clone();
        for (at, insert) in edits {
            let mut at = at.min(s.len());
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            let end = (at + 2).min(s.len());
            let end = (end..=s.len())
                .find(|&e| s.is_char_boundary(e))
                .unwrap_or(s.len());
            s.replace_range(at..end, &insert);
        }
        s
    })
}

proptest! {
    #[test]
    fn no_input_makes_the_reader_panic(src in "\\PC{0,200}") {
        let _ = parse_set("x.toml", &src);
    }

    #[test]
    fn damaged_files_give_placed_errors_and_never_panic(src in mutated_source()) {
        if let Err(errors) = parse_set("x.toml", &src) {
            prop_assert!(!errors.is_empty());
            let lines = src.split('\n').count();
            for e in &errors {
                prop_assert!(e.line >= 1 && e.line <= lines, "{e}");
                prop_assert!(e.column >= 1, "{e}");
            }
            let mut sorted = errors.clone();
            sorted.sort_by_key(|e| (e.line, e.column));
            prop_assert_eq!(sorted, errors);
        }
    }
}
