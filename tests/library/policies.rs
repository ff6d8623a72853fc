//! Every demand of the municipal AI policies behind kravkoll (POLICIES.md: STR-1 … VAL-4) is
//! answered by requirements of the library, or named out of scope with the reason and what
//! supports it. The trace is data, `tests/fixtures/policy-trace.toml`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::library;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Trace {
    demand: String,
    #[serde(default)]
    answered_by: Vec<String>,
    #[serde(default)]
    out_of_scope: Option<String>,
    #[serde(default)]
    supported_by: Vec<String>,
}

/// The ids POLICIES.md gives, per document: Strängnäs 7, Nacka 7, Lekeberg 5, Kristianstad 11,
/// Vallentuna 4.
const DEMANDS: &[(&str, u32)] = &[("STR", 7), ("NAC", 7), ("LEK", 5), ("KRI", 11), ("VAL", 4)];

fn traces() -> BTreeMap<String, Trace> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/policy-trace.toml"
    );
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_policy_demand_is_answered_or_out_of_scope_with_a_reason() {
    let traces = traces();
    let wanted: BTreeSet<String> = DEMANDS
        .iter()
        .flat_map(|(prefix, n)| (1..=*n).map(move |i| format!("{prefix}-{i}")))
        .collect();
    let traced: BTreeSet<String> = traces.keys().cloned().collect();
    assert_eq!(traced, wanted, "the trace lists exactly the demands");
    let ids: BTreeSet<&str> = library()
        .iter()
        .flat_map(|s| &s.requirements)
        .map(|r| r.id.as_str())
        .collect();
    let mut problems = Vec::new();
    for (demand, t) in &traces {
        assert!(!t.demand.trim().is_empty(), "{demand}");
        match (&t.out_of_scope, t.answered_by.is_empty()) {
            (None, true) => problems.push(format!("{demand}: answered by nothing")),
            (Some(reason), true) if reason.trim().len() < 20 => {
                problems.push(format!("{demand}: out of scope needs a reason"))
            }
            (Some(_), false) => problems.push(format!("{demand}: both answered and out of scope")),
            _ => {}
        }
        for id in t.answered_by.iter().chain(&t.supported_by) {
            if !ids.contains(id.as_str()) {
                problems.push(format!("{demand}: {id} is not in the library"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Where the policies document sits beside the repository (as in development), the trace
/// follows its ids; a clean clone has only the trace.
#[test]
fn the_trace_follows_the_policies_document_when_it_is_there() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/POLICIES.md");
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let in_doc: BTreeSet<String> = text
        .split("**")
        .filter(|w| {
            w.split_once('-')
                .is_some_and(|(p, n)| p.len() == 3 && n.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_string)
        .collect();
    let traced: BTreeSet<String> = traces().keys().cloned().collect();
    assert_eq!(in_doc, traced);
}
