//! One `[[requirement]]` table of a set file → `domain::Requirement`. Knows the keys of a
//! requirement and which are required; leaves ids across requirements and sets to `parse`.

use std::ops::RangeInclusive;

use toml::de::DeTable;

use super::condition::parse_condition;
use super::dates::date_key;
use super::error::{Expected, Problem, TomlType};
use super::fields::{self, Cx, Value, check_keys, codes, join, nth, required};
use super::references::Target;
use crate::domain::condition::Condition;
use crate::domain::key_date::DateKey;
use crate::domain::requirement::{Kind, Level, Requirement, RequirementId, Risk, WEIGHT_RANGE};
use crate::domain::text::Text;

/// The keys a requirement may hold, in the order the writer emits them.
pub(crate) const REQUIREMENT_KEYS: &[&str] = &[
    "id",
    "kind",
    "level",
    "weight",
    "title",
    "text",
    "basis",
    "applies_when",
    "applies_from",
    "rationale",
    "evidence",
    "follow_up",
    "risk",
    "tags",
    "see",
];

const RISK_KEYS: &[&str] = &["likelihood", "consequence"];
const RISK_RANGE: RangeInclusive<i64> = 1..=4;

/// A requirement as read. The id and the offset of its value are kept even when other fields
/// are wrong, so a duplicate id is still caught in the same pass.
pub(crate) struct ReadRequirement {
    pub(crate) requirement: Option<Requirement>,
    pub(crate) id: Option<(RequirementId, usize)>,
    /// `see` and `applies_from`, each with the field path and offset of its value, to be
    /// resolved against the library.
    pub(crate) references: Vec<(Target, String, usize)>,
}

/// Every field read on its own; `None` means wrong (and reported), `Some(None)` absent.
struct Parts {
    id: Option<RequirementId>,
    kind: Option<Kind>,
    level: Option<Option<Level>>,
    weight: Option<Option<u32>>,
    title: Option<Text>,
    text: Option<Text>,
    basis: Option<Option<Vec<String>>>,
    applies_when: Option<Option<Condition>>,
    rationale: Option<Option<Text>>,
    evidence: Option<Option<Text>>,
    follow_up: Option<Option<Text>>,
    risk: Option<Option<Risk>>,
    tags: Option<Option<Vec<String>>>,
    see: Option<Option<Vec<RequirementId>>>,
    applies_from: Option<Option<DateKey>>,
}

impl Parts {
    fn build(self) -> Option<Requirement> {
        Some(Requirement {
            id: self.id?,
            kind: self.kind?,
            level: self.level?,
            title: self.title?,
            text: self.text?,
            rationale: self.rationale?.unwrap_or_default(),
            basis: self.basis?.unwrap_or_default(),
            applies_when: self.applies_when?.unwrap_or_default(),
            evidence: self.evidence?.unwrap_or_default(),
            follow_up: self.follow_up?.unwrap_or_default(),
            weight: self.weight?,
            risk: self.risk?,
            tags: self.tags?.unwrap_or_default(),
            see: self.see?.unwrap_or_default(),
            applies_from: self.applies_from?,
        })
    }
}

/// Reads the requirement at `path` (`requirement[3]`).
pub(crate) fn parse_requirement(cx: &mut Cx<'_>, item: &Value<'_>, path: &str) -> ReadRequirement {
    let Some(table) = fields::table(cx, item, path, Expected::Type(TomlType::Table)) else {
        return ReadRequirement {
            requirement: None,
            id: None,
            references: Vec::new(),
        };
    };
    let start = item.span().start;
    let keys_ok = check_keys(cx, table, path, REQUIREMENT_KEYS);
    let p = |key: &str| join(path, key);

    let id_value = required(cx, table, start, path, "id");
    let id = id_value.and_then(|v| requirement_id(cx, v, &p("id")));
    let kind_allowed = codes(Kind::ALL, Kind::code);
    let kind = required(cx, table, start, path, "kind")
        .and_then(|v| fields::code(cx, v, &p("kind"), Kind::from_code, &kind_allowed));
    let level_allowed = codes(Level::ALL, Level::code);
    let mut references = Vec::new();
    let parts = Parts {
        level: optional(table, "level", |v| {
            fields::code(cx, v, &p("level"), Level::from_code, &level_allowed)
        }),
        weight: weight(cx, table, kind, &p("weight")),
        title: required(cx, table, start, path, "title")
            .and_then(|v| fields::title(cx, v, &p("title"))),
        text: required(cx, table, start, path, "text")
            .and_then(|v| fields::text(cx, v, &p("text"))),
        basis: optional(table, "basis", |v| fields::string_list(cx, v, &p("basis"))),
        applies_when: optional(table, "applies_when", |v| {
            parse_condition(cx, v, &p("applies_when"))
        }),
        rationale: optional(table, "rationale", |v| fields::text(cx, v, &p("rationale"))),
        evidence: optional(table, "evidence", |v| fields::text(cx, v, &p("evidence"))),
        follow_up: optional(table, "follow_up", |v| fields::text(cx, v, &p("follow_up"))),
        risk: optional(table, "risk", |v| risk(cx, v, &p("risk"))),
        tags: optional(table, "tags", |v| fields::string_list(cx, v, &p("tags"))),
        see: optional(table, "see", |v| {
            see(cx, v, &p("see"), id.as_ref(), &mut references)
        }),
        applies_from: optional(table, "applies_from", |v| {
            let key = date_key(cx, v, &p("applies_from"))?;
            let target = Target::Date(key.clone());
            references.push((target, p("applies_from"), v.span().start));
            Some(key)
        }),
        id: id.clone(),
        kind,
    };
    ReadRequirement {
        requirement: if keys_ok { parts.build() } else { None },
        id: id.zip(id_value.map(|v| v.span().start)),
        references,
    }
}

/// `see = ["DATA-10", "AI-20"]`: requirement ids, never the requirement's own. Whether each
/// is in the library is checked with the library (`references`).
fn see(
    cx: &mut Cx<'_>,
    value: &Value<'_>,
    path: &str,
    own: Option<&RequirementId>,
    references: &mut Vec<(Target, String, usize)>,
) -> Option<Vec<RequirementId>> {
    let items = fields::array(cx, value, path, Expected::Type(TomlType::Array))?;
    let mut ok = true;
    let mut ids = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let item_path = nth(path, i);
        let offset = item.span().start;
        match requirement_id(cx, item, &item_path) {
            None => ok = false,
            Some(id) if Some(&id) == own => {
                cx.report(offset, item_path, Problem::SeesItself);
                ok = false;
            }
            Some(id) => {
                references.push((Target::Requirement(id.clone()), item_path, offset));
                ids.push(id);
            }
        }
    }
    ok.then_some(ids)
}

/// An optional key: `Some(None)` when absent, `None` when present but wrong.
fn optional<T>(
    table: &DeTable<'_>,
    key: &str,
    read: impl FnOnce(&Value<'_>) -> Option<T>,
) -> Option<Option<T>> {
    match table.get(key) {
        None => Some(None),
        Some(v) => read(v).map(Some),
    }
}

fn requirement_id(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<RequirementId> {
    let raw = fields::string(cx, value, path)?;
    match RequirementId::parse(raw) {
        Ok(id) => Some(id),
        Err(reason) => {
            let problem = Problem::BadRequirementId {
                value: raw.to_string(),
                reason,
            };
            cx.report(value.span().start, path, problem);
            None
        }
    }
}

/// `weight`: within `WEIGHT_RANGE`, and only on evaluated requirements (a weight on a mandatory
/// requirement would silently do nothing at evaluation).
fn weight(
    cx: &mut Cx<'_>,
    table: &DeTable<'_>,
    kind: Option<Kind>,
    path: &str,
) -> Option<Option<u32>> {
    let Some((key, value)) = table.get_key_value("weight") else {
        return Some(None);
    };
    let range = i64::from(*WEIGHT_RANGE.start())..=i64::from(*WEIGHT_RANGE.end());
    let n = fields::integer(cx, value, path, range);
    match kind {
        Some(kind) if kind != Kind::Evaluated => {
            cx.report(key.span().start, path, Problem::WeightNotEvaluated { kind });
            None
        }
        _ => n.and_then(|n| u32::try_from(n).ok()).map(Some),
    }
}

/// `risk = { likelihood = 1–4, consequence = 1–4 }`, SKR's follow-up model.
fn risk(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<Risk> {
    let table = fields::table(cx, value, path, Expected::Type(TomlType::Table))?;
    let keys_ok = check_keys(cx, table, path, RISK_KEYS);
    let start = value.span().start;
    let mut read = |key: &str| {
        required(cx, table, start, path, key)
            .and_then(|v| fields::integer(cx, v, &join(path, key), RISK_RANGE))
    };
    let likelihood = read("likelihood");
    let consequence = read("consequence");
    let (likelihood, consequence) = likelihood.zip(consequence)?;
    match Risk::new(likelihood, consequence) {
        Ok(risk) => keys_ok.then_some(risk),
        Err(e) => {
            // Unreachable after the range checks above; reported rather than assumed.
            let problem = Problem::OutOfRange {
                value: e.value.to_string(),
                min: *RISK_RANGE.start(),
                max: *RISK_RANGE.end(),
            };
            cx.report(start, join(path, e.field), problem);
            None
        }
    }
}
