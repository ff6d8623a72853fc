//! `applies_when` of a requirement: one table of facts that must all hold, or a list of such
//! tables meaning any of them (DESIGN §3, §4). Builds `domain::condition::Condition`; knows the
//! key names and allowed words of the file format, nothing of how a condition is evaluated.

use super::error::{Expected, Problem, TomlType};
use super::fields::{self, Cx, Value, check_keys, codes, join, nth};
use crate::domain::condition::{AiCondition, Clause, Condition, RiskMatch};
use crate::domain::profile::{ClassLevel, ContractValue, Delivery, PersonalData, Tier};

/// The keys one `applies_when` table may hold, in the order the writer emits them.
pub(crate) const CLAUSE_KEYS: &[&str] = &[
    "confidentiality_min",
    "integrity_min",
    "availability_min",
    "personal_data",
    "processor",
    "secrecy",
    "security_sensitive",
    "automated_decisions",
    "generative",
    "citizen_facing",
    "archival",
    "value",
    "above_threshold",
    "ai",
    "ai_risk",
    "delivery",
    "tier",
];

/// Reads `applies_when`; `None` when anything in it is wrong (and reported).
pub(crate) fn parse_condition(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<Condition> {
    match value.get_ref() {
        toml::de::DeValue::Array(items) => {
            if items.is_empty() {
                cx.report(value.span().start, path, Problem::EmptyConditionList);
                return None;
            }
            let clauses: Vec<Option<Clause>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let item_path = nth(path, i);
                    let table =
                        fields::table(cx, item, &item_path, Expected::Type(TomlType::Table))?;
                    parse_clause(cx, table, &item_path)
                })
                .collect();
            clauses
                .into_iter()
                .collect::<Option<Vec<_>>>()
                .map(Condition)
        }
        _ => {
            let table = fields::table(cx, value, path, Expected::TableOrListOfTables)?;
            parse_clause(cx, table, path).map(Condition::one)
        }
    }
}

/// Stores a parsed value in its slot; false when it could not be read.
fn put<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    let ok = value.is_some();
    *slot = value;
    ok
}

fn parse_clause(cx: &mut Cx<'_>, table: &toml::de::DeTable<'_>, path: &str) -> Option<Clause> {
    let mut c = Clause::default();
    let mut ok = check_keys(cx, table, path, CLAUSE_KEYS);
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let p = join(path, name);
        let flag = |cx: &mut Cx<'_>| fields::boolean(cx, value, &p);
        ok &= match name {
            "confidentiality_min" => put(&mut c.confidentiality_min, class_level(cx, value, &p)),
            "integrity_min" => put(&mut c.integrity_min, class_level(cx, value, &p)),
            "availability_min" => put(&mut c.availability_min, class_level(cx, value, &p)),
            "personal_data" => put(
                &mut c.personal_data,
                fields::code(
                    cx,
                    value,
                    &p,
                    PersonalData::from_code,
                    &codes(PersonalData::ALL, PersonalData::code),
                ),
            ),
            _ if flag_slot(&mut c, name).is_some() => {
                let v = flag(cx);
                flag_slot(&mut c, name).is_some_and(|slot| put(slot, v))
            }
            "value" => put(
                &mut c.value,
                fields::code_list(
                    cx,
                    value,
                    &p,
                    ContractValue::from_code,
                    &codes(ContractValue::ALL, ContractValue::code),
                ),
            ),
            "ai" => put(
                &mut c.ai,
                fields::code(
                    cx,
                    value,
                    &p,
                    AiCondition::from_code,
                    &codes(&AiCondition::ALL, AiCondition::code),
                ),
            ),
            "ai_risk" => put(
                &mut c.ai_risk,
                fields::code_list(
                    cx,
                    value,
                    &p,
                    RiskMatch::from_code,
                    &codes(RiskMatch::ALL, RiskMatch::code),
                ),
            ),
            "delivery" => put(
                &mut c.delivery,
                fields::code_list(
                    cx,
                    value,
                    &p,
                    Delivery::from_code,
                    &codes(Delivery::ALL, Delivery::code),
                ),
            ),
            "tier" => put(
                &mut c.tier,
                fields::code_list(
                    cx,
                    value,
                    &p,
                    Tier::from_code,
                    &codes(Tier::ALL, Tier::code),
                ),
            ),
            // Unknown keys were reported by `check_keys` above.
            _ => false,
        };
    }
    ok.then_some(c)
}

/// The slot of a yes/no key of a clause.
fn flag_slot<'c>(c: &'c mut Clause, name: &str) -> Option<&'c mut Option<bool>> {
    Some(match name {
        "processor" => &mut c.processor,
        "secrecy" => &mut c.secrecy,
        "security_sensitive" => &mut c.security_sensitive,
        "automated_decisions" => &mut c.automated_decisions,
        "generative" => &mut c.generative,
        "citizen_facing" => &mut c.citizen_facing,
        "archival" => &mut c.archival,
        "above_threshold" => &mut c.above_threshold,
        _ => return None,
    })
}

/// A KLASSA level 0–4.
fn class_level(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<ClassLevel> {
    let n = fields::integer(cx, value, path, 0..=i64::from(ClassLevel::MAX))?;
    // In range by the check above, so both conversions succeed.
    u8::try_from(n).ok().and_then(ClassLevel::new)
}
