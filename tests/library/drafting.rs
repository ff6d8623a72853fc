//! What holds for every requirement of the library, whoever wrote it: the words of a Swedish
//! tender, no internal ids in the text, references that resolve, the size the issue asks for,
//! and the demo's 2026.1 procurement showing what 2026.2 changed.

use std::collections::BTreeSet;

use kravkoll::domain::Requirement;
use kravkoll::store::prelude::*;
use kravkoll::store::tailoring::DriftChange;

use super::library;

/// Every text of a requirement, with its field and language, for the checks below.
fn texts(r: &Requirement) -> Vec<(String, &str)> {
    [
        ("title", &r.title),
        ("text", &r.text),
        ("rationale", &r.rationale),
        ("evidence", &r.evidence),
        ("follow_up", &r.follow_up),
    ]
    .into_iter()
    .flat_map(|(field, t)| {
        [
            (format!("{} {field} (sv)", r.id.as_str()), t.sv.as_str()),
            (format!("{} {field} (en)", r.id.as_str()), t.en.as_str()),
        ]
    })
    .collect()
}

#[test]
fn no_text_calls_the_contracting_authority_the_buyer() {
    let mut found = Vec::new();
    for r in library().iter().flat_map(|s| &s.requirements) {
        for (at, text) in texts(r) {
            let lower = text.to_lowercase();
            for word in ["köparen", "köparens", "köpare", "the buyer", "buyer's"] {
                if lower.contains(word) {
                    found.push(format!("{at}: {word}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// A reference to another requirement is the structured `see`, never an id in the text: an id
/// means nothing to a tenderer, and exports render `see` as the line's number in the tender.
#[test]
fn no_text_names_a_requirement_by_its_id() {
    let ids: BTreeSet<String> = library()
        .iter()
        .flat_map(|s| &s.requirements)
        .map(|r| r.id.as_str().to_string())
        .collect();
    let prefixes: BTreeSet<&str> = ids
        .iter()
        .filter_map(|id| id.split_once('-'))
        .map(|(p, _)| p)
        .collect();
    let mut found = Vec::new();
    for r in library().iter().flat_map(|s| &s.requirements) {
        for (at, text) in texts(r) {
            for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
                if let Some((prefix, n)) = word.rsplit_once('-')
                    && prefixes.contains(prefix)
                    && !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit())
                {
                    found.push(format!("{at}: {word}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_library_covers_the_whole_tender() {
    let sets = library();
    let n: usize = sets.iter().map(|s| s.requirements.len()).sum();
    assert!(n >= 170, "{n} requirements");
    let ids: BTreeSet<&str> = sets.iter().map(|s| s.id.as_str()).collect();
    for set in [
        "price-indexation",
        "service-levels",
        "contract-terms",
        "onboarding-migration",
        "integration-identity",
        "product-security",
        "ai-quality",
    ] {
        assert!(ids.contains(set), "no set {set}");
    }
    assert!(
        sets.iter().all(|s| s.version.to_string() == "2026.2"),
        "every built-in set is at 2026.2"
    );
}

/// The demo's KS 2026/118 was begun on 2026.1: it shows, per requirement, what 2026.2 changed.
#[test]
fn the_demo_procurement_on_2026_1_shows_the_drift_to_2026_2() {
    let mut s = kravkoll::store::Store::open_in_memory(
        kravkoll::clock::Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
        "tester",
    )
    .unwrap();
    kravkoll::cli::sync_builtins(&mut s).unwrap();
    kravkoll::demo::load(&mut s).unwrap();
    let p = s
        .procurements()
        .unwrap()
        .into_iter()
        .find(|p| p.reference == "KS 2026/118")
        .unwrap();
    let drift = s.drift(p.id).unwrap();
    assert!(
        drift.iter().all(|d| d.from == "2026.1" && d.to == "2026.2"),
        "{drift:?}"
    );
    let changed = drift
        .iter()
        .filter(|d| matches!(d.change, DriftChange::Changed { .. }))
        .count();
    let removed: Vec<&str> = drift
        .iter()
        .filter(|d| matches!(d.change, DriftChange::Removed { .. }))
        .map(|d| d.requirement_id.as_str())
        .collect();
    let added = drift
        .iter()
        .filter(|d| matches!(d.change, DriftChange::Added { .. }))
        .count();
    assert!(changed >= 10, "{changed} changed");
    assert!(added >= 1, "{added} added");
    // The secondary-use rule is one requirement now: the personal-data set's copy went.
    assert!(removed.contains(&"PD-02"), "{removed:?}");
    for d in &drift {
        if let DriftChange::Changed { old, new, .. } = &d.change {
            assert_ne!(old, new, "{} is listed as changed", d.requirement_id);
        }
    }
}
