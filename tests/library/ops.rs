//! Library 2026.2, operational sets: information security, public records, accessibility,
//! follow-up and sustainability. Each correction of issue 11 is held to account here: the right
//! reference is present and the wrong one absent, conditions fire for the right scenarios and not
//! the wrong ones, and every split bundle is split.

use std::collections::BTreeSet;

use kravkoll::domain::{Kind, Profile, Requirement};

use super::{SCENARIOS, applying, applying_to, library, requirement};

const SETS: &[&str] = &[
    "information-security",
    "public-records",
    "accessibility",
    "follow-up",
    "sustainability",
];

fn mine() -> impl Iterator<Item = &'static Requirement> {
    library()
        .iter()
        .filter(|s| SETS.contains(&s.id.as_str()))
        .flat_map(|s| &s.requirements)
}

/// A scenario profile with one line of its file replaced, so a test can flip a single fact.
fn variant(name: &str, from: &str, to: &str) -> Profile {
    let path = format!(
        "{}/tests/fixtures/profiles/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{name} has no line {from:?}");
    toml::from_str(&text.replace(from, to)).unwrap()
}

fn has(set: &BTreeSet<String>, id: &str) -> bool {
    set.contains(id)
}

#[test]
fn the_operational_sets_are_2026_2() {
    for id in SETS {
        let set = library()
            .iter()
            .find(|s| s.id.as_str() == *id)
            .unwrap_or_else(|| panic!("no set {id}"));
        assert_eq!(set.version.as_str(), "2026.2", "{id}");
    }
}

#[test]
fn a_baseline_backup_and_restore_always_applies_and_the_stronger_one_only_from_availability_2() {
    let baseline = requirement("SEC-18");
    assert!(
        baseline.applies_when.is_always(),
        "SEC-18 must always apply"
    );
    assert!(
        baseline.text.sv.contains("säkerhetskopiera") && baseline.text.sv.contains("återställa")
    );
    for name in SCENARIOS {
        assert!(
            has(&applying(name), "SEC-18"),
            "{name} lacks the baseline restore"
        );
    }
    let a = applying("a-open-data-website");
    for stronger in ["SEC-06", "SEC-19"] {
        assert!(!has(&a, stronger), "(a) at A 1 gets {stronger}");
    }
    let b = applying("b-case-management");
    for stronger in ["SEC-06", "SEC-19"] {
        assert!(has(&b, stronger), "(b) at A 2 lacks {stronger}");
    }
    // RTO/RPO and the yearly restore test are two demands now.
    assert!(
        requirement("SEC-06").text.sv.contains("RTO")
            && !requirement("SEC-06").text.sv.contains("återläsningstest")
    );
    assert!(requirement("SEC-19").text.sv.contains("återläsningstest"));
}

#[test]
fn release_of_public_records_applies_to_every_procurement() {
    assert!(
        requirement("ARK-03").applies_when.is_always(),
        "ARK-03 must always apply"
    );
    for name in SCENARIOS {
        assert!(has(&applying(name), "ARK-03"), "{name} lacks ARK-03");
        assert!(
            has(&applying(name), "ARK-10"),
            "{name} lacks the supplier's assistance"
        );
    }
    // Redaction is needed where something may be secret, not on an open-data website.
    assert!(!has(&applying("a-open-data-website"), "ARK-09"));
    assert!(has(&applying("b-case-management"), "ARK-09"));
}

#[test]
fn the_language_act_binds_the_customer_not_the_supplier() {
    let r = requirement("UPF-09");
    assert!(
        r.basis.iter().any(|b| b == "Språklag (2009:600) 10 §"),
        "{:?}",
        r.basis
    );
    assert!(
        r.rationale
            .sv
            .contains("Språklagen binder Beställaren, inte leverantören")
    );
    assert!(
        r.rationale
            .en
            .contains("binds the Customer, not the supplier")
    );
    // The reason lives in the rationale, not in the text, and the text binds the supplier by contract.
    assert!(!r.text.sv.to_lowercase().contains("språklag"));
    assert!(r.text.sv.contains("svenska") && r.text.sv.starts_with("Leverantören ska"));
    assert_eq!(r.kind, Kind::ContractTerm);
    // The notice of a new contact person is its own term.
    assert!(!r.text.sv.contains("5 arbetsdagar"));
    assert!(requirement("UPF-20").text.sv.contains("5 arbetsdagar"));
}

#[test]
fn termination_lists_the_three_grounds_of_lou_17_17_above_the_threshold() {
    let r = requirement("UPF-06");
    assert!(
        r.basis.iter().any(|b| b == "LOU 17 kap. 17 §"),
        "{:?}",
        r.basis
    );
    let sv = &r.text.sv;
    // (1) unlawful modification, (2) mandatory exclusion at award, (3) CJEU under art. 258 TFEU.
    assert!(
        sv.contains("17 kap. 9–14 §§") && sv.contains("ny upphandling"),
        "{sv}"
    );
    assert!(
        sv.contains("13 kap. 1 § LOU") && sv.contains("uteslutits"),
        "{sv}"
    );
    assert!(
        sv.contains("EU-domstolen") && sv.contains("artikel 258"),
        "{sv}"
    );
    assert!(r.text.en.contains("Article 258") && r.text.en.contains("Court of Justice"));
    // The contractual grounds are no longer bundled into it.
    for gone in [
        "obestånd",
        "väsentligt avtalsbrott",
        "vitet",
        "två uppföljningar",
    ] {
        assert!(!sv.contains(gone), "UPF-06 still bundles {gone:?}");
    }
    for (id, ground) in [
        ("UPF-14", "väsentligt avtalsbrott"),
        ("UPF-15", "två uppföljningar i följd"),
        ("UPF-16", "taket"),
        ("UPF-17", "obestånd"),
    ] {
        assert!(
            requirement(id).text.sv.contains(ground),
            "{id} lacks {ground:?}"
        );
    }
    // The statutory duty is above the threshold only.
    for name in [
        "b-case-management",
        "c-high-risk-benefits-ai",
        "e-security-sensitive",
    ] {
        assert!(
            has(&applying(name), "UPF-06"),
            "{name} is above the threshold"
        );
    }
    for name in ["a-open-data-website", "d-resident-chatbot"] {
        assert!(
            !has(&applying(name), "UPF-06"),
            "{name} is below the threshold"
        );
        assert!(
            has(&applying(name), "UPF-14"),
            "{name} lacks termination for breach"
        );
    }
}

#[test]
fn environmental_management_rests_on_lou_15_15() {
    let r = requirement("MILJ-06");
    assert!(
        r.basis.iter().any(|b| b == "LOU 15 kap. 15 §"),
        "{:?}",
        r.basis
    );
    assert!(
        r.basis.iter().any(|b| b == "LOU 14 kap. 4 §"),
        "{:?}",
        r.basis
    );
    for wrong in ["LOU 4 kap. 3 §", "LOU 15 kap. 14 §"] {
        assert!(
            !r.basis.iter().any(|b| b == wrong),
            "MILJ-06 still cites {wrong}"
        );
    }
    assert!(r.rationale.sv.contains("15 kap. 15 §"));
}

#[test]
fn every_contract_term_of_these_sets_rests_on_lou_17_1() {
    let missing: Vec<&str> = mine()
        .filter(|r| r.kind == Kind::ContractTerm)
        .filter(|r| !r.basis.iter().any(|b| b == "LOU 17 kap. 1 §"))
        .map(|r| r.id.as_str())
        .collect();
    assert!(missing.is_empty(), "no LOU 17 kap. 1 §: {missing:?}");
}

#[test]
fn the_drafting_rules_hold_in_these_sets() {
    let mut problems = Vec::new();
    for r in mine() {
        for (field, t) in [
            ("title", &r.title),
            ("text", &r.text),
            ("rationale", &r.rationale),
            ("evidence", &r.evidence),
            ("follow_up", &r.follow_up),
        ] {
            let (sv, en) = (t.sv.to_lowercase(), t.en.to_lowercase());
            if sv.contains("köpare") || en.contains("the buyer") {
                problems.push(format!("{}: {field} names the buyer", r.id.as_str()));
            }
        }
        if r.kind == Kind::ContractTerm && r.evidence.sv.starts_with("Leverantören accepterar") {
            problems.push(format!(
                "{}: at tender stage it is Anbudsgivaren",
                r.id.as_str()
            ));
        }
        if r.kind == Kind::Qualification && !r.text.sv.starts_with("Anbudsgivaren ska i anbudet") {
            problems.push(format!(
                "{}: a qualification is asked in the tender",
                r.id.as_str()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn incident_notification_is_split_into_answerable_parts() {
    let sec03 = &requirement("SEC-03").text.sv;
    assert!(sec03.contains("12 timmar"));
    for gone in [
        "personuppgiftsincident",
        "48 timmar",
        "slutrapport",
        "incidentlogg",
        "allmänheten",
    ] {
        assert!(!sec03.contains(gone), "SEC-03 still bundles {gone:?}");
    }
    for (id, part) in [
        ("SEC-13", "24 timmar"),
        ("SEC-14", "48 timmar"),
        ("SEC-15", "allmänheten"),
        ("SEC-16", "incidentlogg"),
    ] {
        assert!(
            requirement(id).text.sv.contains(part),
            "{id} lacks {part:?}"
        );
    }
    // A personal data breach is notified by a processor; no processor, no such notice.
    assert!(has(&applying("b-case-management"), "SEC-13"));
    assert!(!has(&applying("a-open-data-website"), "SEC-13"));
    let licence = variant("b-case-management", "processor = true", "processor = false");
    assert!(
        !has(&applying_to(&licence), "SEC-13"),
        "SEC-13 for a non-processor"
    );
    assert!(has(&applying_to(&licence), "SEC-03"));
}

#[test]
fn the_other_bundles_of_these_sets_are_split() {
    let splits: &[(&str, &str, &str)] = &[
        // (kept id, what it no longer says, the new id that says it)
        ("SEC-01", "hela avtalstiden", "SEC-11"),
        ("SEC-02", "klassar om", "SEC-12"),
        ("SEC-04", "personliga konton", "SEC-17"),
        ("SEC-07", "5 arbetsdagar", "SEC-20"),
        (
            "SEC-08",
            "kompenserande åtgärder som har vidtagits",
            "SEC-21",
        ),
        ("ARK-03", "maskera", "ARK-09"),
        ("ARK-03", "2 arbetsdagar", "ARK-10"),
        ("ARK-04", "logg", "ARK-11"),
        ("ARK-04", "pausa", "ARK-12"),
        ("ARK-07", "förteckning", "ARK-13"),
        ("TILL-02", "förteckning", "TILL-06"),
        ("TILL-03", "länka", "TILL-07"),
        ("TILL-04", "AI-", "TILL-08"),
        ("TILL-04", "enkel", "TILL-09"),
        ("TILL-05", "användare med", "TILL-10"),
        ("UPF-02", "möten", "UPF-10"),
        ("UPF-05", "2 procent av månadsavgiften", "UPF-11"),
        ("UPF-05", "5 procent av månadsavgiften", "UPF-12"),
        ("UPF-05", "10 procent av månadsavgiften", "UPF-13"),
        ("UPF-08", "konkurs", "UPF-18"),
        ("UPF-08", "tillsynsmyndighet", "UPF-19"),
        ("MILJ-02", "31 mars", "MILJ-07"),
    ];
    let mut problems = Vec::new();
    for (kept, part, new) in splits {
        if requirement(kept)
            .text
            .sv
            .to_lowercase()
            .contains(&part.to_lowercase())
        {
            problems.push(format!("{kept} still says {part:?}"));
        }
        if !requirement(new)
            .text
            .sv
            .to_lowercase()
            .contains(&part.to_lowercase())
        {
            problems.push(format!("{new} does not say {part:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // AI output requirements go with generative AI, not with every service.
    assert!(has(&applying("d-resident-chatbot"), "TILL-08"));
    assert!(!has(&applying("b-case-management"), "TILL-08"));
}

#[test]
fn interface_requirements_do_not_fire_for_a_service_only_delivery() {
    let service = variant(
        "a-open-data-website",
        "delivery = \"saas\"",
        "delivery = \"service\"",
    );
    let applies = applying_to(&service);
    for id in ["TILL-01", "TILL-02", "TILL-04", "TILL-06"] {
        assert!(
            !has(&applies, id),
            "{id} for a service without a user interface"
        );
        assert!(
            has(&applying("a-open-data-website"), id),
            "{id} for the website"
        );
    }
    // A location penalty needs something whose location is regulated.
    assert!(!has(&applying("a-open-data-website"), "UPF-13"));
    assert!(has(&applying("b-case-management"), "UPF-13"));
}

#[test]
fn usage_and_benefit_reporting_reaches_the_scenarios_that_need_it() {
    // Monthly usage statistics: a cloud service followed up at tier A or B.
    for name in [
        "b-case-management",
        "c-high-risk-benefits-ai",
        "d-resident-chatbot",
    ] {
        let s = applying(name);
        for id in ["UPF-21", "UPF-23", "UPF-26"] {
            assert!(has(&s, id), "{name} lacks {id}");
        }
    }
    let a = applying("a-open-data-website");
    let benefit: Vec<&str> = ["UPF-21", "UPF-23", "UPF-24", "UPF-25", "UPF-26"]
        .into_iter()
        .filter(|id| has(&a, id))
        .collect();
    assert!(benefit.is_empty(), "(a) at tier C gets {benefit:?}");
    // On premises the supplier holds no usage data, but the development meeting still applies.
    let e = applying("e-security-sensitive");
    assert!(!has(&e, "UPF-21") && has(&e, "UPF-26"));
    // AI: time saved with a method and the quality of AI use.
    for name in [
        "c-high-risk-benefits-ai",
        "d-resident-chatbot",
        "f-generative-assistant",
    ] {
        assert!(has(&applying(name), "UPF-25"), "{name} lacks UPF-25");
        assert!(has(&applying(name), "UPF-24"), "{name} lacks UPF-24");
    }
    assert!(!has(&applying("b-case-management"), "UPF-25"));
    // No individual data in the statistics.
    assert!(
        requirement("UPF-21")
            .text
            .sv
            .contains("får inte innehålla uppgifter om enskilda användare")
    );
    assert!(requirement("UPF-25").text.sv.contains("enskilda användare"));
    // The three parts of the index are named where they are reviewed.
    let meeting = &requirement("UPF-26").text.sv;
    for part in ["förutsättningar", "resultat", "nytta"] {
        assert!(meeting.contains(part), "UPF-26 lacks {part}");
    }
}
