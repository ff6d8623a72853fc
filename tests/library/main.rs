//! The built-in requirement library as a whole: size, completeness of every requirement, and
//! what applies in the five profile scenarios officers meet most.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use kravkoll::catalog::{builtin, report};
use kravkoll::domain::procurement::{AboveAmbition, lines_for};
use kravkoll::domain::{Kind, Profile, RequirementSet};

mod ai;
mod ai_dates;
mod commercial;
mod core;
mod core_data;
mod delivery;
mod drafting;
mod ops;
mod policies;

/// The built-in library, parsed once for all tests of this file.
pub(crate) fn library() -> &'static [RequirementSet] {
    static LIBRARY: OnceLock<Vec<RequirementSet>> = OnceLock::new();
    LIBRARY.get_or_init(|| match builtin::load() {
        Ok(sets) => sets.into_iter().map(|p| p.set).collect(),
        Err(errors) => panic!("built-in sets do not validate:\n{}", report(&errors)),
    })
}

pub(crate) fn profile(name: &str) -> Profile {
    let path = format!(
        "{}/tests/fixtures/profiles/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The scenario profiles of `tests/fixtures/profiles/`, every set is tried against.
pub(crate) const SCENARIOS: &[&str] = &[
    "a-open-data-website",
    "b-case-management",
    "c-high-risk-benefits-ai",
    "d-resident-chatbot",
    "e-security-sensitive",
    "f-generative-assistant",
];

/// The requirement ids of the library that apply to a profile at its own ambition level.
pub(crate) fn applying_to(p: &Profile) -> BTreeSet<String> {
    library()
        .iter()
        .flat_map(|s| lines_for(s, p, AboveAmbition::LeaveOut, 1))
        .filter_map(|l| l.source.map(|s| s.requirement_id))
        .collect()
}

/// The requirement ids that apply to a scenario profile.
pub(crate) fn applying(name: &str) -> BTreeSet<String> {
    applying_to(&profile(name))
}

/// A requirement of the library that must exist.
pub(crate) fn requirement(id: &str) -> &'static kravkoll::domain::Requirement {
    library()
        .iter()
        .flat_map(|s| &s.requirements)
        .find(|r| r.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} is not in the library"))
}

/// The tags of every requirement in the library, by id.
fn tags_by_id() -> BTreeMap<&'static str, &'static [String]> {
    library()
        .iter()
        .flat_map(|s| &s.requirements)
        .map(|r| (r.id.as_str(), r.tags.as_slice()))
        .collect()
}

/// The applying requirements that carry any of `tags`, with the tag that matched.
fn tagged<'a>(applies: &'a BTreeSet<String>, tags: &[&str]) -> Vec<(&'a String, String)> {
    let all = tags_by_id();
    applies
        .iter()
        .filter_map(|id| {
            let found = all
                .get(id.as_str())?
                .iter()
                .find(|t| tags.contains(&t.as_str()))?;
            Some((id, found.clone()))
        })
        .collect()
}

#[test]
fn the_library_is_complete_enough_to_trust() {
    let sets = library();
    assert!(sets.len() >= 12, "{} sets", sets.len());
    let reqs: Vec<_> = sets.iter().flat_map(|s| &s.requirements).collect();
    assert!(reqs.len() >= 100, "{} requirements", reqs.len());
    let ids: BTreeSet<&str> = reqs.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), reqs.len(), "requirement ids are unique");

    let mut problems = Vec::new();
    for r in &reqs {
        let id = r.id.as_str();
        for (field, text) in [
            ("title", &r.title),
            ("text", &r.text),
            ("rationale", &r.rationale),
            ("evidence", &r.evidence),
        ] {
            if text.sv.trim().is_empty() || text.en.trim().is_empty() {
                problems.push(format!("{id}: {field} needs sv and en"));
            }
        }
        if r.basis.is_empty() || r.basis.iter().any(|b| b.trim().is_empty()) {
            problems.push(format!("{id}: empty basis"));
        }
        if matches!(r.kind, Kind::Mandatory | Kind::ContractTerm)
            && (r.follow_up.sv.trim().is_empty() || r.follow_up.en.trim().is_empty())
        {
            problems.push(format!(
                "{id}: a {} needs a follow-up in sv and en",
                r.kind.code()
            ));
        }
        if matches!(r.kind, Kind::Mandatory | Kind::ContractTerm) && r.risk.is_none() {
            problems.push(format!("{id}: a {} needs a default risk", r.kind.code()));
        }
        if r.kind == Kind::Evaluated && r.weight.is_none() {
            problems.push(format!("{id}: an evaluated requirement needs a weight"));
        }
        if r.tags.is_empty() {
            problems.push(format!("{id}: no tags"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_set_describes_itself_and_names_its_sources() {
    for s in library() {
        assert!(
            !s.title.en.is_empty() && !s.description.sv.is_empty() && !s.description.en.is_empty(),
            "{}",
            s.id
        );
        assert!(!s.sources.is_empty(), "{} has no sources", s.id);
        // One prefix per set and numbers that only grow: a removed id leaves a gap, never reuse.
        let split = |id: &str| -> (String, u32) {
            let (prefix, n) = id.rsplit_once('-').unwrap();
            (prefix.to_string(), n.parse().unwrap())
        };
        let (prefix, _) = split(s.requirements[0].id.as_str());
        let mut last = 0;
        for r in &s.requirements {
            let (p, n) = split(r.id.as_str());
            assert_eq!(p, prefix, "{}: one prefix per set", s.id);
            assert!(n > last, "{}: {} out of order", s.id, r.id);
            last = n;
        }
    }
}

/// Sets refer to each other through `see` (an id in the text is refused by
/// `drafting::no_text_names_a_requirement_by_its_id`); every reference must name a requirement
/// that exists, so renumbering or removing one cannot leave a dangling pointer.
#[test]
fn cross_references_between_sets_name_existing_requirements() {
    let sets = library();
    let ids: BTreeSet<&str> = sets
        .iter()
        .flat_map(|s| &s.requirements)
        .map(|r| r.id.as_str())
        .collect();
    let dangling: Vec<String> = sets
        .iter()
        .flat_map(|s| &s.requirements)
        .flat_map(|r| {
            r.see
                .iter()
                .filter(|id| !ids.contains(id.as_str()))
                .map(move |id| format!("{} refers to {id}", r.id.as_str()))
        })
        .collect();
    assert!(dangling.is_empty(), "{}", dangling.join("\n"));
    assert!(
        sets.iter()
            .flat_map(|s| &s.requirements)
            .any(|r| !r.see.is_empty()),
        "the library uses see"
    );
}

fn assert_has(applies: &BTreeSet<String>, ids: &[&str], scenario: &str) {
    let missing: Vec<&&str> = ids.iter().filter(|id| !applies.contains(**id)).collect();
    assert!(
        missing.is_empty(),
        "{scenario}: missing {missing:?}; applies: {applies:?}"
    );
}

fn assert_none(applies: &BTreeSet<String>, ids: &[&str], scenario: &str) {
    let present: Vec<&&str> = ids.iter().filter(|id| applies.contains(**id)).collect();
    assert!(present.is_empty(), "{scenario}: must not apply {present:?}");
}

fn with_prefix<'a>(applies: &'a BTreeSet<String>, prefix: &str) -> Vec<&'a String> {
    applies.iter().filter(|id| id.starts_with(prefix)).collect()
}

/// Requirements for secret information or Swedish hosting.
const SECRECY: &[&str] = &["HOST-04", "HOST-05", "HOST-06", "SUB-04"];
/// The AI Act's provider evidence for high-risk systems.
const PROVIDER_EVIDENCE: &[&str] = &[
    "AI-04", "AI-05", "AI-06", "AI-07", "AI-08", "AI-09", "AI-10", "AI-11", "AI-12",
];

#[test]
fn scenario_a_open_data_website_gets_no_secrecy_hosting_personal_data_or_ai_requirements() {
    let a = applying("a-open-data-website");
    assert_none(&a, SECRECY, "(a)");
    assert!(
        with_prefix(&a, "AI-").is_empty() && with_prefix(&a, "AIP-").is_empty(),
        "(a) AI: {a:?}"
    );
    assert!(
        with_prefix(&a, "PD-").is_empty(),
        "(a) personal data: {a:?}"
    );
    assert_none(
        &a,
        &["HOST-01", "HOST-03", "HOST-13", "HOST-14", "HOST-10"],
        "(a)",
    );
    // What every procurement needs still applies: encryption in transit among it.
    assert_has(
        &a,
        &["LOU-01", "SUB-01", "HOST-07", "HOST-09", "SEC-03", "UPF-01"],
        "(a)",
    );
}

#[test]
fn scenario_b_case_management_gets_swedish_hosting_the_2020_914_chain_dpa_and_access_logs() {
    let b = applying("b-case-management");
    assert_has(
        &b,
        &[
            "HOST-04", "HOST-05", "SUB-04", "PD-01", "PD-06", "HOST-07", "HOST-14",
        ],
        "(b)",
    );
    assert!(
        with_prefix(&b, "AI-").is_empty() && with_prefix(&b, "AIP-").is_empty(),
        "(b) AI: {b:?}"
    );
    // The EU/EEA is the floor with secrecy too (HOST-01); Sweden on top of it (HOST-04).
    assert_has(&b, &["HOST-01"], "(b)");
    assert_none(&b, &["HOST-10"], "(b)");
    // LOU-12 is the one exception, and rightly so: its approval is what stops a supplier
    // from switching AI on in a service that was bought without it.
    let ai: Vec<_> = tagged(&b, &["ai", "ai-act", "gpai", "high-risk"])
        .into_iter()
        .filter(|(id, _)| !["LOU-12", "DATA-10"].contains(&id.as_str()))
        .collect();
    assert!(ai.is_empty(), "(b) has no AI, yet gets {ai:?}");
    assert_has(&b, &["LOU-09", "LOU-12"], "(b)");
    // Case records: retrieval with secrecy review, retention per the plan, e-archive export, exit.
    assert_has(
        &b,
        &["ARK-01", "ARK-03", "ARK-04", "DATA-04", "DATA-05"],
        "(b)",
    );
}

#[test]
fn scenario_c_high_risk_benefits_ai_gets_all_provider_evidence_and_deployer_support() {
    let c = applying("c-high-risk-benefits-ai");
    assert_has(&c, PROVIDER_EVIDENCE, "(c) provider evidence");
    // Training ban, logging, oversight, explanation, FRIA support, registration of the use.
    assert_has(&c, &["AI-13", "AI-14", "AI-15", "AI-16", "AI-18"], "(c)");
    assert_has(&c, &["PD-07"], "(c) automated decisions need human review");
    // Reasons for each decision, traceable version and inputs, AI records kept, the model is ours.
    assert_has(&c, &["ARK-05", "ARK-06", "ARK-07", "DATA-07"], "(c)");
    assert_has(
        &c,
        &["AIP-01", "AIP-05", "AIP-07"],
        "(c) municipal AI policy",
    );
    // The AI Act already covers bias and instructions for high-risk systems.
    assert_none(&c, &["AIP-03", "AIP-06"], "(c)");
}

#[test]
fn scenario_d_resident_chatbot_gets_transparency_and_no_training_but_no_provider_evidence() {
    let d = applying("d-resident-chatbot");
    assert_has(&d, &["AI-19", "DATA-10"], "(d)");
    assert_none(&d, PROVIDER_EVIDENCE, "(d)");
    assert_none(&d, &["AI-13", "AI-14", "AI-16"], "(d)");
    assert_none(&d, SECRECY, "(d)");
    assert_has(
        &d,
        &["TILL-01", "TILL-03", "TILL-04", "TILL-05"],
        "(d) accessibility",
    );
    assert_has(
        &d,
        &["AIP-03", "AIP-04", "AIP-06", "ARK-05", "ARK-08", "MILJ-05"],
        "(d)",
    );
    assert_none(&d, &["ARK-06", "ARK-07"], "(d) makes no decisions");
}

#[test]
fn scenario_e_security_sensitive_gets_the_security_protection_agreement_and_only_it_does() {
    let e = applying("e-security-sensitive");
    assert_has(&e, &["HOST-10"], "(e)");
    for other in [
        "a-open-data-website",
        "b-case-management",
        "c-high-risk-benefits-ai",
        "d-resident-chatbot",
    ] {
        assert_none(&applying(other), &["HOST-10"], other);
    }
}
