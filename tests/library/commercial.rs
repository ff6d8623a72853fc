//! The commercial sets of 2026.2: price-indexation (PRIS), service-levels (SLA) and
//! contract-terms (AVT). What applies to each scenario profile and why, and the references an
//! officer relies on: lag (2018:1277) on e-invoices, the Data Act's art. 29 and its date, and
//! LOU 17 kap. 1 §, 9–14 §§ and 17 §.

use std::collections::BTreeSet;

use kravkoll::domain::procurement::{AboveAmbition, lines_for};
use kravkoll::domain::{Kind, Profile, Requirement, RequirementSet};

use super::{SCENARIOS, applying, library};

/// The newest version of a built-in set.
fn set(id: &str) -> &'static RequirementSet {
    library()
        .iter()
        .filter(|s| s.id.as_str() == id)
        .max_by_key(|s| s.version.as_str().to_string())
        .unwrap_or_else(|| panic!("no set {id}"))
}

fn req(set_id: &str, id: &str) -> &'static Requirement {
    set(set_id)
        .requirements
        .iter()
        .find(|r| r.id.as_str() == id)
        .unwrap_or_else(|| panic!("{set_id} has no {id}"))
}

fn ids(set_id: &str) -> BTreeSet<String> {
    set(set_id)
        .requirements
        .iter()
        .map(|r| r.id.as_str().to_string())
        .collect()
}

/// A scenario profile with some keys changed (or added), as the officer would change them.
fn variant(name: &str, changes: &[(&str, &str)]) -> Profile {
    let path = format!(
        "{}/tests/fixtures/profiles/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (key, value) in changes {
        let line = format!("{key} = {value}");
        match lines
            .iter()
            .position(|l| l.split('=').next().map(str::trim) == Some(*key))
        {
            Some(i) => lines[i] = line,
            None => lines.push(line),
        }
    }
    toml::from_str(&lines.join("\n")).unwrap()
}

/// The ids of one set that apply to a profile at its own ambition level.
fn applying_to(p: &Profile, set_id: &str) -> BTreeSet<String> {
    lines_for(set(set_id), p, AboveAmbition::LeaveOut, 1)
        .into_iter()
        .filter_map(|l| l.source.map(|s| s.requirement_id))
        .collect()
}

fn has(applies: &BTreeSet<String>, want: &[&str], why: &str) {
    let missing: Vec<_> = want.iter().filter(|id| !applies.contains(**id)).collect();
    assert!(
        missing.is_empty(),
        "{why}: missing {missing:?} in {applies:?}"
    );
}

fn lacks(applies: &BTreeSet<String>, unwanted: &[&str], why: &str) {
    let present: Vec<_> = unwanted
        .iter()
        .filter(|id| applies.contains(**id))
        .collect();
    assert!(present.is_empty(), "{why}: must not apply {present:?}");
}

fn all_text(r: &Requirement) -> Vec<&str> {
    [&r.title, &r.text, &r.rationale, &r.evidence, &r.follow_up]
        .into_iter()
        .flat_map(|t| [t.sv.as_str(), t.en.as_str()])
        .collect()
}

#[test]
fn the_three_sets_are_2026_2_complete_and_of_the_planned_size() {
    for (id, prefix, range) in [
        ("price-indexation", "PRIS-", 8..=12),
        ("service-levels", "SLA-", 8..=12),
        ("contract-terms", "AVT-", 8..=12),
    ] {
        let s = set(id);
        assert_eq!(s.version.as_str(), "2026.2", "{id}");
        assert!(
            range.contains(&s.requirements.len()),
            "{id}: {}",
            s.requirements.len()
        );
        for r in &s.requirements {
            assert!(r.id.as_str().starts_with(prefix), "{}", r.id.as_str());
            for t in all_text(r) {
                assert!(
                    !t.trim().is_empty(),
                    "{}: an empty sv or en field",
                    r.id.as_str()
                );
            }
            assert!(r.risk.is_some(), "{} has no risk", r.id.as_str());
            assert!(
                !r.tags.is_empty() && !r.basis.is_empty(),
                "{}",
                r.id.as_str()
            );
            if r.kind == Kind::Evaluated {
                assert!(r.weight.is_some(), "{} needs a weight", r.id.as_str());
            }
        }
        // Mostly contract terms and mandatory requirements, with an evaluated one at most here
        // and there.
        let evaluated = s
            .requirements
            .iter()
            .filter(|r| r.kind == Kind::Evaluated)
            .count();
        assert!(evaluated <= 1, "{id}: {evaluated} evaluated");
    }
}

#[test]
fn the_drafting_follows_the_tender_and_contract_split() {
    for id in ["price-indexation", "service-levels", "contract-terms"] {
        for r in &set(id).requirements {
            for t in all_text(r) {
                let lower = t.to_lowercase();
                assert!(
                    !lower.contains("köparen") && !lower.contains("the buyer"),
                    "{}: {t}",
                    r.id.as_str()
                );
            }
            // A contract term binds the supplier and names the Customer; a tender-stage demand
            // addresses the tenderer and the contracting authority.
            let (sv, en) = (&r.text.sv, &r.text.en);
            if r.kind == Kind::ContractTerm {
                assert!(
                    sv.contains("Leverantören")
                        || sv.contains("Beställaren")
                        || sv.contains("part"),
                    "{}: {sv}",
                    r.id.as_str()
                );
                assert!(
                    !sv.contains("upphandlande myndigheten"),
                    "{}",
                    r.id.as_str()
                );
            }
            if sv.starts_with("Anbudsgivaren") {
                assert!(
                    en.starts_with("The tenderer shall in"),
                    "{}: {en}",
                    r.id.as_str()
                );
            }
            // No application date in a requirement's text: dates live in [[date]].
            for year in ["2026", "2027", "2028"] {
                assert!(
                    !sv.contains(year) && !en.contains(year),
                    "{} has a date in its text",
                    r.id.as_str()
                );
            }
        }
    }
}

/// Price terms hold for every procurement; volume bands need something to count (not a pure
/// consultancy service), the Data Act's switching rules need a data processing service (not a
/// licence run by the municipality itself), and the usage-based model is an advanced criterion.
#[test]
fn scenario_price_indexation_applies_by_delivery_and_level() {
    let always = [
        "PRIS-01", "PRIS-02", "PRIS-03", "PRIS-04", "PRIS-05", "PRIS-06", "PRIS-08", "PRIS-09",
    ];
    for name in SCENARIOS {
        let a = applying(name);
        has(&a, &always, name);
        lacks(
            &a,
            &["PRIS-11"],
            "a basic procurement does not get the advanced PRIS-11",
        );
    }
    // SaaS: a data processing service under the Data Act, with licences or volume to price.
    for name in [
        "a-open-data-website",
        "b-case-management",
        "d-resident-chatbot",
        "f-generative-assistant",
    ] {
        has(&applying(name), &["PRIS-07", "PRIS-10"], name);
    }
    // (e) runs on premises: volume bands yes, switching charges of a cloud service no.
    let e = applying("e-security-sensitive");
    has(&e, &["PRIS-07"], "(e) licences on premises");
    lacks(&e, &["PRIS-10"], "(e) is not a data processing service");
    // A pure service (consultancy by the hour) has no volume bands.
    let service = applying_to(
        &variant("a-open-data-website", &[("delivery", "\"service\"")]),
        "price-indexation",
    );
    lacks(&service, &["PRIS-07"], "service only");
    has(&service, &["PRIS-10"], "service only");
    // At the advanced level the usage-based pricing model is offered.
    let advanced = applying_to(
        &variant("d-resident-chatbot", &[("ambition", "\"advanced\"")]),
        "price-indexation",
    );
    has(&advanced, &["PRIS-11"], "(d) at the advanced level");
    assert_eq!(req("price-indexation", "PRIS-11").kind, Kind::Evaluated);
}

#[test]
fn price_indexation_cites_the_e_invoice_act_and_data_act_article_29() {
    let invoice = req("price-indexation", "PRIS-09");
    assert!(
        invoice.basis.iter().any(|b| b.contains("2018:1277")),
        "{:?}",
        invoice.basis
    );
    assert!(
        invoice.text.sv.contains("Peppol BIS Billing 3")
            && invoice.text.sv.contains("SS-EN 16931-1")
    );
    // Section 3: no e-invoice where it would disclose secret data or harm security-sensitive work.
    assert!(invoice.rationale.sv.contains("(3 §)") && invoice.text.sv.contains("säkerhetskänslig"));

    let exit = req("price-indexation", "PRIS-10");
    assert!(
        exit.basis.iter().any(|b| b == "Data Act art. 29.1"),
        "{:?}",
        exit.basis
    );
    assert!(
        exit.basis.iter().all(|b| !b.contains("art. 25")),
        "art. 25 is notice, not fees"
    );
    assert!(
        exit.see.iter().any(|s| s.as_str() == "DATA-06"),
        "the ban itself is DATA-06"
    );
    // No switching charges from 12 January 2027 (art. 29.1); reduced, cost-based ones before.
    assert!(
        exit.rationale.sv.contains("från den 12 januari 2027"),
        "{}",
        exit.rationale.sv
    );
    assert!(
        exit.rationale.en.contains("from 12 January 2027"),
        "{}",
        exit.rationale.en
    );
    assert!(
        !exit.rationale.sv.contains("11 januari 2027")
            && !exit.rationale.en.contains("after 12 January")
    );

    // The index is named, at most yearly, with a cap, a fallback and the IT index that ended.
    let index = req("price-indexation", "PRIS-04");
    assert!(
        index
            .text
            .sv
            .contains("högst en gång per tolvmånadersperiod")
    );
    assert!(
        index.text.sv.contains("Labour Cost Index för tjänstemän")
            && index.text.sv.contains("näringsgren J")
    );
    assert!(index.basis.iter().any(|b| b == "LOU 17 kap. 10 §"));
    assert!(
        req("price-indexation", "PRIS-05")
            .text
            .sv
            .contains("högst 5 procent")
    );
    assert!(
        req("price-indexation", "PRIS-06")
            .text
            .sv
            .contains("ersättningsindex")
    );
    // Payment within the Interest Act's limits for public bodies.
    let pay = req("price-indexation", "PRIS-08");
    assert!(pay.basis.iter().any(|b| b == "Räntelagen (1975:635) 2 a §"));
    assert!(pay.text.sv.contains("30 kalenderdagar"));
}

/// Availability, maintenance windows and the availability stricter levels concern a service the
/// supplier runs; priorities, credits and the language requirements hold for every delivery.
/// From KLASSA availability 2 priority 1 is handled around the clock; from 3 the level rises to
/// 99.9 % and repeated outages are a material breach. The monthly report is for tiers A and B.
#[test]
fn scenario_service_levels_tighten_with_availability_and_follow_the_tier() {
    let every = ["SLA-04", "SLA-06", "SLA-09", "SLA-10", "SLA-11"];
    for name in SCENARIOS {
        has(&applying(name), &every, name);
        lacks(&applying(name), &["SLA-12"], "advanced only");
    }
    // (a) open-data website: SaaS at availability 1, tier C.
    let a = applying("a-open-data-website");
    has(&a, &["SLA-01", "SLA-03"], "(a) SaaS");
    lacks(
        &a,
        &["SLA-02", "SLA-05", "SLA-07", "SLA-08"],
        "(a) availability 1, tier C",
    );
    // (b) case management: availability 2, tier A.
    let b = applying("b-case-management");
    has(&b, &["SLA-01", "SLA-03", "SLA-05", "SLA-08"], "(b)");
    lacks(&b, &["SLA-02", "SLA-07"], "(b) availability 2 is not 3");
    // (d) chatbot: tier B gets the monthly report.
    let d = applying("d-resident-chatbot");
    has(&d, &["SLA-08"], "(d) tier B");
    lacks(&d, &["SLA-05"], "(d) availability 1");
    // (f) the staff assistant: SaaS at availability 1, tier B.
    let f = applying("f-generative-assistant");
    has(&f, &["SLA-01", "SLA-03", "SLA-08"], "(f)");
    lacks(&f, &["SLA-02", "SLA-05", "SLA-07"], "(f) availability 1");
    // (e) on premises at availability 3: the municipality runs it, so no availability level,
    // but priority 1 around the clock.
    let e = applying("e-security-sensitive");
    has(&e, &["SLA-05", "SLA-08"], "(e)");
    lacks(
        &e,
        &["SLA-01", "SLA-02", "SLA-03", "SLA-07"],
        "(e) on premises",
    );
    // The same case management at availability 3 gets the higher level and the breach rule.
    let b3 = applying_to(
        &variant("b-case-management", &[("availability", "3")]),
        "service-levels",
    );
    has(
        &b3,
        &["SLA-01", "SLA-02", "SLA-05", "SLA-07"],
        "(b) at availability 3",
    );
    let b3_advanced = applying_to(
        &variant(
            "b-case-management",
            &[("availability", "3"), ("ambition", "\"advanced\"")],
        ),
        "service-levels",
    );
    has(&b3_advanced, &["SLA-12"], "(b) at availability 3, advanced");
}

#[test]
fn service_levels_define_the_measurement_and_cite_the_language_act() {
    let avail = req("service-levels", "SLA-01");
    assert!(avail.text.sv.contains("99,5 procent per kalendermånad"));
    assert!(
        avail.text.sv.contains("(A − P − S) / (A − P) × 100"),
        "{}",
        avail.text.sv
    );
    assert!(avail.text.sv.contains("60 sekunder"));
    assert!(
        req("service-levels", "SLA-02")
            .text
            .sv
            .contains("99,9 procent")
    );
    assert!(
        req("service-levels", "SLA-03")
            .text
            .sv
            .contains("10 arbetsdagar")
    );
    let prio = req("service-levels", "SLA-04");
    for p in [
        "Prioritet 1",
        "Prioritet 2",
        "Prioritet 3",
        "Prioritet 4",
        "Beställaren sätter prioriteten",
    ] {
        assert!(prio.text.sv.contains(p), "{p}");
    }
    let credit = req("service-levels", "SLA-06");
    assert!(
        credit.text.sv.contains("kvitt") || credit.text.sv.contains("dra av det på nästa faktura")
    );
    assert!(
        credit
            .text
            .sv
            .contains("påverkar inte Beställarens rätt till skadestånd")
    );
    // The Language Act binds the authority, not the supplier, and the rationale says so.
    for id in ["SLA-09", "SLA-10", "SLA-11"] {
        let r = req("service-levels", id);
        assert!(
            r.basis.iter().any(|b| b.starts_with("Språklag (2009:600)")),
            "{id}"
        );
    }
    assert!(
        req("service-levels", "SLA-09")
            .rationale
            .sv
            .contains("binder Beställaren och inte leverantören")
    );
    assert!(
        req("service-levels", "SLA-08")
            .text
            .sv
            .contains("10 arbetsdagar efter varje kalendermånads slut")
    );
}

/// The contract frame holds for every procurement, except insurance (not for a direct award of
/// low value) and confidentiality undertakings (only where there is secrecy or personal data).
#[test]
fn scenario_contract_terms_apply_to_every_procurement_with_two_conditions() {
    let always = [
        "AVT-01", "AVT-02", "AVT-03", "AVT-04", "AVT-06", "AVT-07", "AVT-08", "AVT-09",
    ];
    for name in SCENARIOS {
        has(&applying(name), &always, name);
        has(
            &applying(name),
            &["AVT-05"],
            "below or above the threshold: insurance",
        );
    }
    // (a) has neither secrecy nor personal data: no confidentiality undertakings.
    lacks(&applying("a-open-data-website"), &["AVT-10"], "(a)");
    for name in [
        "b-case-management",
        "c-high-risk-benefits-ai",
        "d-resident-chatbot",
        "e-security-sensitive",
        "f-generative-assistant",
    ] {
        has(&applying(name), &["AVT-10"], name);
    }
    // A direct award drops the insurance requirement, nothing else.
    let direct = applying_to(
        &variant("a-open-data-website", &[("value", "\"direct\"")]),
        "contract-terms",
    );
    lacks(&direct, &["AVT-05"], "direct award");
    has(&direct, &always, "direct award");
    assert_eq!(ids("contract-terms").len(), 10);
}

#[test]
fn contract_terms_cite_17_kap_1_9_to_14_and_17_sections() {
    // Särskilda kontraktsvillkor rest on LOU 17 kap. 1 §: every term cites it.
    for r in &set("contract-terms").requirements {
        assert!(
            r.basis.iter().any(|b| b == "LOU 17 kap. 1 §"),
            "{} lacks 17 kap. 1 §",
            r.id.as_str()
        );
    }
    // Termination: 17 kap. 17 § with its three grounds, the third being the CJEU under art. 258.
    let end = req("contract-terms", "AVT-08");
    assert!(
        end.basis.iter().any(|b| b == "LOU 17 kap. 17 §"),
        "{:?}",
        end.basis
    );
    assert!(end.text.sv.contains("1)") && end.text.sv.contains("2)") && end.text.sv.contains("3)"));
    assert!(end.text.sv.contains("13 kap. 1 §"));
    assert!(end.text.sv.contains("artikel 258") && end.text.en.contains("Article 258"));
    // Changes: 9–14 §§, not the 9–13 §§ of 2026.1.
    let change = req("contract-terms", "AVT-07");
    assert!(
        change.basis.iter().any(|b| b == "LOU 17 kap. 9–14 §§"),
        "{:?}",
        change.basis
    );
    assert!(change.basis.iter().all(|b| !b.contains("9–13")));
    assert!(change.text.sv.contains("17 kap. 9 § eller 11–14 §§"));
    assert!(change.see.iter().any(|s| s.as_str() == "LOU-09"));
    // The liability cap has its exceptions; the insurance covers pure financial loss.
    let cap = req("contract-terms", "AVT-04");
    for carve_out in [
        "uppsåt eller grov vårdslöshet",
        "personuppgifter",
        "sekretess",
        "immateriella rättigheter",
    ] {
        assert!(cap.text.sv.contains(carve_out), "{carve_out}");
    }
    assert!(
        req("contract-terms", "AVT-05")
            .text
            .sv
            .contains("ren förmögenhetsskada")
    );
    assert!(
        req("contract-terms", "AVT-06")
            .text
            .sv
            .contains("skadeslös")
    );
    // The four-year framework rule is unconfirmed and says so.
    assert!(
        req("contract-terms", "AVT-01")
            .basis
            .iter()
            .any(|b| b == "LOU 7 kap. 2 § (ej bekräftad)")
    );
}
