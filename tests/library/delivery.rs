//! The delivery sets of 2026.2: onboarding and migration, integration and identity, and product
//! security (the Cyber Resilience Act and the NIS2 supply chain). One scenario test per set, with
//! the conditions checked from both sides, and the references and dates an officer will cite.

use std::collections::BTreeSet;

use kravkoll::domain::{Kind, Profile, Requirement};

use super::{SCENARIOS, applying, applying_to, library, requirement};

/// A scenario profile with some keys replaced, read through the same TOML as the fixtures.
fn variant(name: &str, changes: &[(&str, toml::Value)]) -> Profile {
    let path = format!(
        "{}/tests/fixtures/profiles/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut table: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for (key, value) in changes {
        table.insert((*key).to_string(), value.clone());
    }
    // `value` replaces the old bool; a variant that sets one must not carry the other.
    if changes.iter().any(|(k, _)| *k == "value") {
        table.remove("above_threshold");
    }
    toml::Value::Table(table).try_into().unwrap()
}

fn set_requirements(set: &str) -> Vec<&'static Requirement> {
    let s = library()
        .iter()
        .find(|s| s.id.as_str() == set)
        .unwrap_or_else(|| panic!("no set {set}"));
    s.requirements.iter().collect()
}

/// A set file as plain TOML, for the fields the tests read as written (dates, `see`,
/// `applies_from`).
fn raw(set: &str) -> toml::Table {
    let path = format!("{}/requirement-sets/{set}.toml", env!("CARGO_MANIFEST_DIR"));
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn raw_requirement<'a>(set: &'a toml::Table, id: &str) -> &'a toml::Table {
    set["requirement"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.as_table())
        .find(|r| r["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no {id} in the file"))
}

fn has(applies: &BTreeSet<String>, ids: &[&str], scenario: &str) {
    let missing: Vec<_> = ids.iter().filter(|id| !applies.contains(**id)).collect();
    assert!(missing.is_empty(), "{scenario}: missing {missing:?}");
}

fn none(applies: &BTreeSet<String>, ids: &[&str], scenario: &str) {
    let present: Vec<_> = ids.iter().filter(|id| applies.contains(**id)).collect();
    assert!(present.is_empty(), "{scenario}: must not apply {present:?}");
}

fn basis_has(id: &str, reference: &str) {
    let r = requirement(id);
    assert!(
        r.basis.iter().any(|b| b == reference),
        "{id} should cite {reference:?}: {:?}",
        r.basis
    );
}

const IMPL_ALWAYS: &[&str] = &["IMPL-02", "IMPL-03", "IMPL-04", "IMPL-06", "IMPL-07"];
const IMPL_NOT_DIRECT: &[&str] = &["IMPL-01", "IMPL-05", "IMPL-08", "IMPL-09"];

#[test]
fn onboarding_migration_plan_payment_and_key_persons_leave_out_direct_awards() {
    for name in SCENARIOS {
        let applies = applying(name);
        has(&applies, IMPL_ALWAYS, name);
        has(&applies, IMPL_NOT_DIRECT, name);
    }
    let direct = applying_to(&variant(
        "a-open-data-website",
        &[("value", "direct".into())],
    ));
    has(&direct, IMPL_ALWAYS, "(a) as a direct award");
    none(&direct, IMPL_NOT_DIRECT, "(a) as a direct award");

    // The acceptance test is written, with fault classes, and tacit acceptance is excluded.
    let acceptance = &requirement("IMPL-04").text.sv;
    for needle in [
        "skriftligen",
        "A-",
        "B-fel",
        "innebär inte leveransgodkännande",
    ] {
        assert!(acceptance.contains(needle), "IMPL-04 lacks {needle:?}");
    }
    // Migration is reconciled by counts and checksums before production.
    let reconciliation = &requirement("IMPL-03").text.sv;
    assert!(reconciliation.contains("kontrollsummor") && reconciliation.contains("antal poster"));
    // Key persons: named at tender (capacity), replaced only by approval (a change clause).
    assert_eq!(requirement("IMPL-08").kind, Kind::Qualification);
    assert_eq!(requirement("IMPL-09").kind, Kind::ContractTerm);
    basis_has("IMPL-08", "LOU 14 kap. 4 §");
    basis_has("IMPL-09", "LOU 17 kap. 10 §");
    for id in ["IMPL-01", "IMPL-04", "IMPL-05", "IMPL-07", "IMPL-09"] {
        basis_has(id, "LOU 17 kap. 1 §");
    }
    // The Language Act binds the authority; the training demand is the contract's, not the law's.
    let training = &requirement("IMPL-06").rationale.sv;
    assert!(
        training.contains("riktar sig till den upphandlande myndigheten, inte till leverantören")
    );
    // Training and the right to its material are two demands, not one.
    assert!(!requirement("IMPL-06").text.sv.contains("redigerbart"));
    assert!(requirement("IMPL-07").text.sv.contains("redigerbart"));
}

#[test]
fn integration_identity_fires_for_citizens_staff_systems_and_archives_as_each_needs() {
    let always = ["INT-03", "INT-04", "INT-06", "INT-07"];
    for name in SCENARIOS {
        has(&applying(name), &always, name);
    }
    let citizen = ["INT-01", "INT-02"];
    let a = applying("a-open-data-website");
    has(&a, &citizen, "(a)");
    // No personal data, nothing sent to anyone, KLASSA 0–1 and no records to archive.
    none(&a, &["INT-05", "INT-08", "INT-09"], "(a)");

    let b = applying("b-case-management");
    none(&b, &citizen, "(b) staff only");
    has(&b, &["INT-05", "INT-08", "INT-09"], "(b)");

    let c = applying("c-high-risk-benefits-ai");
    has(
        &c,
        &["INT-05", "INT-08", "INT-09"],
        "(c) decisions about benefits",
    );

    let d = applying("d-resident-chatbot");
    has(&d, &["INT-01", "INT-02", "INT-08", "INT-09"], "(d)");
    none(&d, &["INT-05"], "(d) KLASSA 1");

    let e = applying("e-security-sensitive");
    none(&e, &citizen, "(e)");
    none(&e, &["INT-08"], "(e) sends nothing to residents");
    has(&e, &["INT-05", "INT-09"], "(e)");

    // A staff writing assistant at KLASSA 1 that keeps no records and sends nothing.
    let f = applying("f-generative-assistant");
    none(
        &f,
        &["INT-01", "INT-02", "INT-05", "INT-08", "INT-09"],
        "(f)",
    );

    // References: the authorisation system, not the repealed act; digital post under its own
    // ordinance, never the accessibility act; SCIM by its two RFCs; FGS for the e-archive.
    basis_has(
        "INT-01",
        "Lag (2023:704) om auktorisationssystem i fråga om tjänster för elektronisk identifiering och för digital post",
    );
    assert!(
        requirement("INT-01")
            .basis
            .iter()
            .all(|b| !b.contains("2013:311"))
    );
    assert!(
        requirement("INT-08")
            .basis
            .iter()
            .any(|b| b.starts_with("Förordning (2018:357)"))
    );
    for r in set_requirements("integration-identity") {
        assert!(
            r.basis.iter().all(|b| !b.contains("2018:1937")),
            "{} cites the accessibility act",
            r.id.as_str()
        );
    }
    basis_has("INT-05", "IETF RFC 7643");
    basis_has("INT-05", "IETF RFC 7644");
    basis_has("INT-09", "Riksarkivet, FGS Paketstruktur 2.0");
    // The staff login requirement adds to the MFA one and points to it instead of restating it.
    let file = raw("integration-identity");
    let see = raw_requirement(&file, "INT-03")["see"].as_array().unwrap();
    assert!(see.iter().any(|s| s.as_str() == Some("SEC-04")));
}

const CRA_PRODUCT: &[&str] = &[
    "CRA-01", "CRA-02", "CRA-03", "CRA-04", "CRA-05", "CRA-06", "CRA-07",
];
const NIS2_SUPPLY_CHAIN: &[&str] = &["CRA-08", "CRA-09"];

#[test]
fn product_security_applies_the_cra_to_installed_products_and_nis2_where_the_service_matters() {
    // (e) is installed and KLASSA 3 for availability and integrity: everything applies.
    let e = applying("e-security-sensitive");
    has(&e, CRA_PRODUCT, "(e) on premises");
    has(&e, NIS2_SUPPLY_CHAIN, "(e)");
    // (b) and (c) are SaaS with integrity 3: supply chain yes, product duties no.
    for name in ["b-case-management", "c-high-risk-benefits-ai"] {
        let applies = applying(name);
        none(&applies, CRA_PRODUCT, name);
        has(&applies, NIS2_SUPPLY_CHAIN, name);
    }
    // (a), (d) and (f) are SaaS at KLASSA 1: neither.
    for name in [
        "a-open-data-website",
        "d-resident-chatbot",
        "f-generative-assistant",
    ] {
        let applies = applying(name);
        none(&applies, CRA_PRODUCT, name);
        none(&applies, NIS2_SUPPLY_CHAIN, name);
    }
    // A hybrid delivery of the chatbot brings in the product duties, not the supply chain.
    let hybrid = applying_to(&variant(
        "d-resident-chatbot",
        &[("delivery", "hybrid".into())],
    ));
    has(&hybrid, CRA_PRODUCT, "(d) hybrid");
    none(&hybrid, NIS2_SUPPLY_CHAIN, "(d) hybrid");
    // Availability 2 alone is enough for the supply chain.
    let available = applying_to(&variant(
        "a-open-data-website",
        &[("availability", toml::Value::Integer(2))],
    ));
    has(&available, NIS2_SUPPLY_CHAIN, "(a) at availability 2");
    none(&available, CRA_PRODUCT, "(a) at availability 2");
}

#[test]
fn the_cra_dates_are_data_in_one_place_and_cited_from_art_71() {
    let file = raw("product-security");
    let dates: Vec<(&str, &str, &str)> = file["date"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["key"].as_str().unwrap(),
                d["date"].as_str().unwrap(),
                d["basis"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        dates,
        vec![
            ("cra-reporting", "2026-09-11", "CRA art. 71.2"),
            ("cra-full", "2027-12-11", "CRA art. 71.2"),
        ]
    );
    let from = |id: &str| {
        raw_requirement(&file, id)
            .get("applies_from")
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    assert_eq!(from("CRA-02").as_deref(), Some("cra-full"), "CE marking");
    assert_eq!(
        from("CRA-07").as_deref(),
        Some("cra-reporting"),
        "art. 14 notices"
    );
    assert_eq!(
        from("CRA-03"),
        None,
        "the support period is contractual from day one"
    );

    // No date, and no month name of one, in the text of any requirement of the three sets.
    for set in [
        "product-security",
        "integration-identity",
        "onboarding-migration",
    ] {
        for r in set_requirements(set) {
            for text in [&r.text.sv, &r.text.en] {
                for needle in ["2026", "2027", "2028", "september", "december"] {
                    assert!(
                        !text.to_lowercase().contains(needle),
                        "{} has {needle:?} in its text",
                        r.id.as_str()
                    );
                }
            }
        }
    }
}

#[test]
fn product_security_cites_what_is_confirmed_and_marks_what_is_not() {
    basis_has("CRA-03", "CRA art. 13.8");
    basis_has("CRA-07", "CRA art. 14");
    // The article numbers of the declaration and the marking are not confirmed.
    basis_has("CRA-02", "CRA art. 28 (ej bekräftad)");
    basis_has("CRA-02", "CRA art. 30 (ej bekräftad)");
    // Annex I Part II is paraphrased: every citation of it carries the mark.
    for r in set_requirements("product-security") {
        for b in &r.basis {
            if b.contains("bilaga I del II") {
                assert!(b.ends_with("(ej bekräftad)"), "{}: {b}", r.id.as_str());
            }
        }
    }
    // The NIS2 supply chain rests on the Swedish act and art. 21(2)(d), and says why A/I ≥ 2.
    for id in NIS2_SUPPLY_CHAIN {
        basis_has(id, "Cybersäkerhetslag (2025:1506)");
        basis_has(id, "NIS2 art. 21.2 d");
    }
    let proxy = &requirement("CRA-08").rationale.sv;
    assert!(
        proxy.contains("alla kommuner") && proxy.contains("nivå 2") && proxy.contains("proportion")
    );
    // SBOM: machine-readable, at least the top-level dependencies.
    let sbom = &requirement("CRA-05").text.sv;
    assert!(sbom.contains("SPDX") && sbom.contains("CycloneDX") && sbom.contains("högsta nivån"));
}

#[test]
fn the_delivery_sets_read_like_a_swedish_tender() {
    for set in [
        "onboarding-migration",
        "integration-identity",
        "product-security",
    ] {
        let reqs = set_requirements(set);
        assert!(
            (6..=9).contains(&reqs.len()),
            "{set}: {} requirements",
            reqs.len()
        );
        for r in reqs {
            let id = r.id.as_str();
            for field in [&r.title, &r.text, &r.rationale, &r.evidence, &r.follow_up] {
                for (lang, words) in [("sv", &field.sv), ("en", &field.en)] {
                    assert!(!words.trim().is_empty(), "{id}: empty {lang}");
                    let lower = words.to_lowercase();
                    assert!(
                        !lower.contains("köpare") && !lower.contains("buyer"),
                        "{id}: {words}"
                    );
                }
            }
            assert!(
                r.level.is_some() && r.risk.is_some() && !r.tags.is_empty(),
                "{id}"
            );
            let sv = &r.text.sv;
            if r.kind == Kind::ContractTerm {
                assert!(
                    sv.starts_with("Leverantören") || sv.contains("Beställaren"),
                    "{id}"
                );
                assert!(
                    !sv.contains("Anbudsgivaren") && !sv.contains("upphandlande myndighet"),
                    "{id}"
                );
            }
            if sv.contains("Anbudsgivaren") {
                assert!(sv.starts_with("Anbudsgivaren ska i anbudet"), "{id}");
                assert!(
                    !sv.contains("Beställaren"),
                    "{id} mixes the tender and the contract"
                );
                assert!(
                    r.text.en.starts_with("The tenderer shall in its tender"),
                    "{id}"
                );
            }
        }
    }
}
