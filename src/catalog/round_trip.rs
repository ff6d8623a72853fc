//! Round trip of the file format: any valid set, written by `to_toml` and read by `parse_set`,
//! comes back equal, whatever its texts hold (quotes, newlines, tabs and CRLF in texts,
//! backslashes, å ä ö, TOML's own delimiters). Control characters are not valid in a set (the
//! validator refuses them), so they are not generated here.

use proptest::prelude::*;

use super::write::to_toml;
use crate::catalog::{parse_set, report};
use crate::domain::condition::{AiCondition, Clause, Condition, RiskMatch};
use crate::domain::profile::{ClassLevel, ContractValue, Delivery, PersonalData, Tier};
use crate::domain::key_date::{DateKey, KeyDate};
use crate::domain::requirement::{Kind, Level, Requirement, RequirementId, Risk};
use crate::domain::set::{RequirementSet, SetId, SetVersion, Source};
use crate::domain::text::Text;

/// One-line fields (titles, names, tags) or texts that may break lines.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Line,
    Paragraphs,
}

/// Text with the characters that break naive quoting: quotes, backslashes, TOML's own
/// delimiters and Swedish letters; in texts also newlines, tabs and CRLF.
fn any_text(shape: Shape) -> BoxedStrategy<String> {
    let mut tricky = vec![
        "\"\"\"",
        "'''",
        "a\"\"\"b'''c",
        "ends with \\",
        "\"\"",
        "x\"",
    ];
    let chars = match shape {
        Shape::Line => "[a-zA-ZåäöÅÄÖé0-9 \"'\\\\{}=#,.\\[\\]€]{0,40}",
        Shape::Paragraphs => {
            tricky.extend(["\\\n", "\r\n", "a\r\n\tb\n"]);
            "[a-zA-ZåäöÅÄÖé0-9 \"'\\\\\n\t{}=#,.\\[\\]€]{0,40}"
        }
    };
    prop_oneof![
        4 => chars,
        1 => prop::sample::select(tricky).prop_map(str::to_string),
    ]
    .boxed()
}

fn some_text(shape: Shape) -> impl Strategy<Value = String> {
    ("[a-zåäöA-Z]", any_text(shape)).prop_map(|(head, tail)| format!("{head}{tail}"))
}

fn text_of(shape: Shape) -> impl Strategy<Value = Text> {
    (
        some_text(shape),
        prop_oneof![Just(String::new()), any_text(shape)],
    )
        .prop_map(|(sv, en)| Text::new(sv, en))
}

fn optional_text() -> impl Strategy<Value = Text> {
    prop_oneof![Just(Text::default()), text_of(Shape::Paragraphs)]
}

fn codes<T: Clone + std::fmt::Debug + 'static>(all: &[T]) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec(prop::sample::select(all.to_vec()), 1..3)
}

fn clause() -> impl Strategy<Value = Clause> {
    let level = || prop::option::of((0u8..=4).prop_map(|n| ClassLevel::new(n).unwrap()));
    let flag = || prop::option::of(any::<bool>());
    (
        (level(), level(), level()),
        prop::option::of(prop::sample::select(PersonalData::ALL)),
        (flag(), flag(), flag(), flag(), flag(), flag()),
        (flag(), flag(), prop::option::of(codes(ContractValue::ALL))),
        prop::option::of(prop::sample::select(AiCondition::ALL.to_vec())),
        prop::option::of(codes(RiskMatch::ALL)),
        prop::option::of(codes(Delivery::ALL)),
        prop::option::of(codes(Tier::ALL)),
    )
        .prop_map(
            |(
                (c, i, a),
                pd,
                flags,
                (processor, generative, value),
                ai,
                ai_risk,
                delivery,
                tier,
            )| Clause {
                confidentiality_min: c,
                integrity_min: i,
                availability_min: a,
                personal_data: pd,
                secrecy: flags.0,
                security_sensitive: flags.1,
                automated_decisions: flags.2,
                citizen_facing: flags.3,
                archival: flags.4,
                above_threshold: flags.5,
                processor,
                generative,
                value,
                ai,
                ai_risk,
                delivery,
                tier,
            },
        )
}

fn requirement(id: RequirementId) -> impl Strategy<Value = Requirement> {
    let words = || prop::collection::vec(some_text(Shape::Line), 0..3);
    (
        (prop::sample::select(Kind::ALL.to_vec()), 1u32..=100),
        prop::option::of(prop::sample::select(Level::ALL.to_vec())),
        (text_of(Shape::Line), text_of(Shape::Paragraphs)),
        (optional_text(), optional_text(), optional_text()),
        (words(), words()),
        prop::collection::vec(clause(), 0..3),
        prop::option::of((1i64..=4, 1i64..=4)),
        // Numbers from 90 up, so a requirement never names itself (its own are 00–03).
        (
            prop::collection::vec("[A-Z]{1,3}-9[0-9]", 0..3),
            prop::option::of("[a-z][a-z0-9_-]{0,10}"),
        ),
    )
        .prop_map(
            move |(
                (kind, w),
                level,
                (title, text),
                (rationale, evidence, follow_up),
                (basis, tags),
                clauses,
                risk,
                (see, applies_from),
            )| {
                Requirement {
                    id: id.clone(),
                    kind,
                    level,
                    title,
                    text,
                    rationale,
                    basis,
                    applies_when: Condition(clauses),
                    evidence,
                    follow_up,
                    weight: (kind == Kind::Evaluated).then_some(w),
                    risk: risk.and_then(|(l, c)| Risk::new(l, c).ok()),
                    tags,
                    see: see
                        .iter()
                        .map(|s| RequirementId::parse(s).unwrap())
                        .collect(),
                    applies_from: applies_from.map(|k| DateKey::parse(&k).unwrap()),
                }
            },
        )
}

/// Key dates with distinct keys (`d0`, `d1` …).
fn dates() -> impl Strategy<Value = Vec<KeyDate>> {
    let one = (
        (2020i32..2040, 1u32..=12, 1u32..=28),
        text_of(Shape::Paragraphs),
        prop_oneof![Just(String::new()), some_text(Shape::Line)],
    );
    prop::collection::vec(one, 0..3).prop_map(|all| {
        all.into_iter()
            .enumerate()
            .map(|(i, ((y, m, d), what, basis))| KeyDate {
                key: DateKey::parse(&format!("d{i}")).unwrap(),
                date: chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                what,
                basis,
            })
            .collect()
    })
}

fn set() -> impl Strategy<Value = RequirementSet> {
    let source = (
        some_text(Shape::Line),
        prop_oneof![Just(String::new()), any_text(Shape::Line)],
    )
        .prop_map(|(name, reference)| Source { name, reference });
    (
        "[a-z][a-z0-9]{1,8}(-[a-z0-9]{1,4}){0,2}",
        "[0-9]{1,4}(\\.[0-9]{1,3}){0,3}",
        (text_of(Shape::Line), optional_text()),
        prop::collection::vec(source, 0..4),
        // A set file holds at least one requirement.
        ("[A-ZÅÄÖ]{1,4}", 1usize..4),
        dates(),
    )
        .prop_flat_map(
            |(id, version, (title, description), sources, (prefix, n), dates)| {
                let requirements: Vec<_> = (0..n)
                    .map(|i| {
                        requirement(RequirementId::parse(&format!("{prefix}-{i:02}")).unwrap())
                    })
                    .collect();
                (
                    Just(SetId::parse(&id).unwrap()),
                    Just(SetVersion::parse(&version).unwrap()),
                    Just((title, description, sources, dates)),
                    requirements,
                )
            },
        )
        .prop_map(
            |(id, version, (title, description, sources, dates), requirements)| RequirementSet {
                id,
                version,
                title,
                description,
                sources,
                requirements,
                dates,
            },
        )
}

proptest! {
    #[test]
    fn a_written_set_reads_back_equal(set in set()) {
        let file = to_toml(&set);
        let back = parse_set("written.toml", &file)
            .map_err(|errors| format!("{}\n---\n{file}", report(&errors)));
        prop_assert_eq!(back.map(|p| p.set), Ok(set));
    }
}
