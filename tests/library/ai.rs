//! The AI sets of library 2026.2 (ai-act, ai-use-policy, ai-quality): the AI Act as amended by the
//! Digital Omnibus on AI, the scope of each deployer duty per high-risk route, art. 50 by what the
//! system does, one model-change procedure, and the drafting rules.

use std::collections::BTreeMap;

use kravkoll::catalog::builtin;
use kravkoll::domain::{Kind, Profile, Requirement};

use super::{applying, applying_to, assert_has, assert_none, library, requirement};

/// The AI sets, as their raw TOML: `[[date]]`, `applies_from` and `see` are read from the file
/// itself so that these tests check the data whatever the parsed model exposes.
pub(super) const AI_FILES: &[&str] = &["ai-act.toml", "ai-use-policy.toml", "ai-quality.toml"];

pub(super) fn raw(file: &str) -> toml::Table {
    let (_, text) = builtin::FILES
        .iter()
        .find(|(name, _)| *name == file)
        .unwrap_or_else(|| panic!("{file} is not a built-in set"));
    toml::from_str(text).unwrap()
}

/// The raw requirement tables of one file, by id.
pub(super) fn raw_requirements(file: &str) -> BTreeMap<String, toml::Table> {
    raw(file)["requirement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let t = r.as_table().unwrap().clone();
            (t["id"].as_str().unwrap().to_string(), t)
        })
        .collect()
}

pub(super) fn raw_requirement(file: &str, id: &str) -> toml::Table {
    raw_requirements(file)
        .remove(id)
        .unwrap_or_else(|| panic!("{id} is not in {file}"))
}

pub(super) fn string_list(t: &toml::Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

pub(super) fn exists(id: &str) -> bool {
    library()
        .iter()
        .flat_map(|s| &s.requirements)
        .any(|r| r.id.as_str() == id)
}

/// Every text of a requirement, in both languages.
pub(super) fn texts(r: &Requirement) -> Vec<(&'static str, &str)> {
    let mut out = Vec::new();
    for (field, t) in [
        ("title", &r.title),
        ("text", &r.text),
        ("rationale", &r.rationale),
        ("evidence", &r.evidence),
        ("follow_up", &r.follow_up),
    ] {
        out.push((field, t.sv.as_str()));
        out.push((field, t.en.as_str()));
    }
    out
}

pub(super) fn ai_requirements() -> Vec<&'static Requirement> {
    library()
        .iter()
        .filter(|s| ["ai-act", "ai-use-policy", "ai-quality"].contains(&s.id.as_str()))
        .flat_map(|s| &s.requirements)
        .collect()
}

/// A profile built in code: an AI system in a case-handling service, with `extra` keys replacing
/// or adding to the base.
pub(super) fn ai_profile(extra: &str) -> Profile {
    let mut base: toml::Table = toml::from_str(
        r#"
confidentiality = 2
integrity = 2
availability = 2
personal_data = "sensitive"
processor = true
secrecy = true
ai = "system"
delivery = "saas"
value = "above"
ambition = "basic"
tier = "A"
"#,
    )
    .unwrap();
    let extra: toml::Table = toml::from_str(extra).unwrap();
    base.extend(extra);
    toml::Value::Table(base).try_into().unwrap()
}

/// The deployer duties whose scope the AI Act draws by route.
pub(super) const ANNEX3_DUTIES: &[&str] = &["AI-11", "AI-15", "AI-16", "AI-18"];
/// What the provider of any high-risk system owes, whatever the route.
pub(super) const HIGH_RISK_EVIDENCE: &[&str] = &[
    "AI-04", "AI-05", "AI-06", "AI-07", "AI-08", "AI-09", "AI-10", "AI-12", "AI-13", "AI-14",
    "AI-17",
];

#[test]
pub(super) fn annex_iii_other_than_point_2_gets_eu_registration_fria_explanation_and_information() {
    let p = ai_profile("ai_risk = \"high_annex3\"\nautomated_decisions = true\n");
    let a = applying_to(&p);
    assert_has(&a, ANNEX3_DUTIES, "high_annex3");
    assert_has(&a, &["AI-28"], "high_annex3: art. 26.11 information");
    assert_has(&a, HIGH_RISK_EVIDENCE, "high_annex3");
    assert_none(&a, &["AI-26"], "high_annex3: no national registration");
}

#[test]
pub(super) fn annex_iii_point_2_is_registered_nationally_without_fria_or_art_86() {
    let p = ai_profile("ai_risk = \"high_annex3_critical\"\n");
    let a = applying_to(&p);
    assert_has(&a, &["AI-26"], "point 2: art. 49.5");
    assert_none(
        &a,
        ANNEX3_DUTIES,
        "point 2: arts. 49.1, 49.3, 27.1 and 86 exclude it",
    );
    assert_has(&a, HIGH_RISK_EVIDENCE, "point 2");
    // Art. 26.11 covers every Annex III point, when the system decides about persons.
    assert_has(&a, &["AI-28"], "point 2 with personal data");
    let no_persons = ai_profile("ai_risk = \"high_annex3_critical\"\npersonal_data = \"none\"\n");
    assert_none(
        &applying_to(&no_persons),
        &["AI-28"],
        "point 2 deciding about no one",
    );
}

#[test]
pub(super) fn annex_i_gets_provider_evidence_but_no_annex_iii_deployer_duty() {
    let p = ai_profile("ai_risk = \"high_annex1\"\nautomated_decisions = true\n");
    let a = applying_to(&p);
    assert_has(&a, HIGH_RISK_EVIDENCE, "high_annex1");
    assert_none(&a, ANNEX3_DUTIES, "high_annex1");
    assert_none(&a, &["AI-26", "AI-28"], "high_annex1");
}

#[test]
pub(super) fn the_scenarios_get_the_deployer_duties_the_law_gives_them() {
    let c = applying("c-high-risk-benefits-ai");
    assert_has(&c, ANNEX3_DUTIES, "(c) benefits are Annex III point 5(a)");
    assert_has(&c, &["AI-28"], "(c)");
    assert_none(&c, &["AI-26"], "(c)");
    for scenario in ["d-resident-chatbot", "f-generative-assistant"] {
        let s = applying(scenario);
        assert_none(&s, ANNEX3_DUTIES, scenario);
        assert_none(&s, &["AI-26", "AI-28"], scenario);
        assert_none(&s, HIGH_RISK_EVIDENCE, scenario);
    }
    // AIP-04 is the municipality's own information to residents, not art. 26.11.
    assert_has(
        &applying("d-resident-chatbot"),
        &["AIP-04", "AIP-09"],
        "(d)",
    );
    assert_none(
        &applying("f-generative-assistant"),
        &["AIP-04", "AIP-09"],
        "(f) has no residents",
    );
    assert!(
        !requirement("AIP-04")
            .basis
            .iter()
            .any(|b| b.contains("26.11")),
        "AIP-04 cites art. 26.11, which only Annex III systems trigger"
    );
    assert!(
        requirement("AI-28")
            .basis
            .iter()
            .any(|b| b.contains("26.11"))
    );
}

#[test]
pub(super) fn art_50_follows_what_the_system_does_not_its_risk_class() {
    let f = applying("f-generative-assistant");
    assert_has(
        &f,
        &["AI-19", "AI-24", "AI-25"],
        "(f) minimal-risk generative",
    );
    let d = applying("d-resident-chatbot");
    assert_has(&d, &["AI-19", "AI-24", "AI-25"], "(d)");
    // A benefits system that generates nothing gets no marking duty.
    assert_none(
        &applying("c-high-risk-benefits-ai"),
        &["AI-24", "AI-25"],
        "(c)",
    );
    // A minimal-risk system that neither talks to people nor generates gets neither.
    let quiet = ai_profile("ai_risk = \"minimal\"\n");
    assert_none(&applying_to(&quiet), &["AI-19", "AI-24"], "minimal, quiet");
    // One demand each: interaction in AI-19, marking in AI-24.
    assert!(
        requirement("AI-19")
            .basis
            .iter()
            .any(|b| b.contains("50.1"))
    );
    assert!(
        !requirement("AI-19")
            .basis
            .iter()
            .any(|b| b.contains("50.2"))
    );
    assert!(!requirement("AI-19").text.sv.contains("märk"));
    assert!(
        requirement("AI-24")
            .basis
            .iter()
            .any(|b| b.contains("50.2"))
    );
}

#[test]
pub(super) fn ai_04_cites_the_omnibus_by_its_real_numbers() {
    let basis = requirement("AI-04").basis.join(" | ");
    assert!(basis.contains("COM(2025) 836"), "{basis}");
    assert!(
        basis.contains("2026/1744") && basis.contains("(ej bekräftad)"),
        "{basis}"
    );
    let file = builtin::FILES
        .iter()
        .find(|(n, _)| *n == "ai-act.toml")
        .unwrap()
        .1;
    assert!(
        !file.contains("COM(2025) 820"),
        "the wrong proposal number is gone"
    );
    // Every citation of the amending act is marked as unconfirmed until checked against the OJ.
    for r in ai_requirements() {
        for b in &r.basis {
            if b.contains("2026/1744") {
                assert!(b.contains("(ej bekräftad)"), "{}: {b}", r.id.as_str());
            }
        }
    }
}

#[test]
pub(super) fn the_ai_sets_speak_of_the_contracting_authority_and_the_customer() {
    let mut found = Vec::new();
    for s in library()
        .iter()
        .filter(|s| ["ai-act", "ai-use-policy", "ai-quality"].contains(&s.id.as_str()))
    {
        assert_eq!(s.version.as_str(), "2026.2", "{}", s.id.as_str());
        for t in [&s.description.sv, &s.description.en] {
            if t.to_lowercase().contains("köpare") || t.to_lowercase().contains("buyer") {
                found.push(format!("{} description", s.id.as_str()));
            }
        }
        for r in &s.requirements {
            for (field, t) in texts(r) {
                let low = t.to_lowercase();
                if low.contains("köpare") || low.contains("buyer") {
                    found.push(format!("{} {field}", r.id.as_str()));
                }
                if t.contains("Leverantören ska i anbudet")
                    || t.contains("The supplier shall in its tender")
                {
                    found.push(format!(
                        "{} {field}: the tenderer answers in the tender",
                        r.id.as_str()
                    ));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert!(
        requirement("AI-01")
            .text
            .sv
            .starts_with("Anbudsgivaren ska i anbudet")
    );
    assert!(
        requirement("AI-01")
            .text
            .en
            .starts_with("The tenderer shall in its tender")
    );
}

#[test]
pub(super) fn secondary_use_lives_in_data_10_and_the_old_clauses_are_gone() {
    assert!(!exists("AI-03"), "AI-03 is removed in 2026.2");
    assert!(!exists("AIP-02"), "AIP-02 is removed in 2026.2");
    for (file, id) in [("ai-act.toml", "AI-12"), ("ai-use-policy.toml", "AIP-01")] {
        assert!(
            string_list(&raw_requirement(file, id), "see").contains(&"DATA-10".to_string()),
            "{id} points to DATA-10"
        );
    }
    // Nothing restates the rule.
    for r in ai_requirements() {
        let t = r.text.sv.to_lowercase();
        assert!(
            !(t.contains("träna") && t.contains("beställarens uppgifter")),
            "{} restates the secondary-use rule",
            r.id.as_str()
        );
    }
}

#[test]
pub(super) fn ai_20_is_the_one_model_change_procedure() {
    let r = requirement("AI-20");
    assert_eq!(r.kind, Kind::ContractTerm);
    let sv = &r.text.sv;
    for part in [
        "minst 30 dagar",
        "genast",
        "beskriva ändringen",
        "egen testuppsättning",
        "tidigare modellen eller versionen",
        "utan kostnad säga upp den berörda delen",
    ] {
        assert!(sv.contains(part), "AI-20 lacks {part:?}");
    }
    for part in [
        "at least 30 days",
        "at once",
        "own test set",
        "earlier model or version",
        "without cost",
    ] {
        assert!(r.text.en.contains(part), "AI-20 (en) lacks {part:?}");
    }
    let policy = raw_requirements("ai-use-policy.toml");
    for id in ["AIP-05", "AIP-06", "AIP-08"] {
        assert!(
            string_list(&policy[id], "see").contains(&"AI-20".to_string()),
            "{id}"
        );
    }
    // AIP-05 keeps its own part: switching functions on and off, not model changes.
    let aip05 = &requirement("AIP-05").text.sv;
    assert!(!aip05.contains("modell"), "{aip05}");
    // The old GPAI information lives on under its own id and points to the procedure.
    assert!(
        requirement("AI-27")
            .basis
            .iter()
            .any(|b| b.contains("53.1 b"))
    );
    assert!(string_list(&raw_requirement("ai-act.toml", "AI-27"), "see").contains(&"AI-20".into()));
}

#[test]
pub(super) fn art_4_is_cited_as_reworded() {
    let r = requirement("AI-21");
    assert!(
        r.basis
            .iter()
            .any(|b| b.contains("art. 4") && b.contains("2026/1744"))
    );
    assert!(
        r.rationale
            .sv
            .contains("stödja utvecklingen av AI-kunnighet")
    );
    assert!(
        r.rationale
            .en
            .contains("support the development of AI literacy")
    );
}

#[test]
pub(super) fn vallentuna_has_guidance_and_a_checklist_not_a_policy() {
    for r in ai_requirements() {
        for b in &r.basis {
            if b.contains("Vallentuna") {
                assert!(
                    !b.to_lowercase().contains("polic") && b.contains("checklista"),
                    "{}: {b}",
                    r.id.as_str()
                );
            }
        }
    }
    let r = requirement("AIP-06");
    assert!(
        r.rationale
            .sv
            .contains("Vallentuna har en intern vägledning och en checklista")
    );
    assert!(r.basis.iter().any(|b| b.contains("Vallentuna")));
}

#[test]
pub(super) fn bundled_demands_are_split() {
    // AIP-04 informs, AIP-09 offers a person; AIP-05 switches functions, AIP-08 keeps new ones off.
    assert!(!requirement("AIP-04").text.sv.contains("handläggare"));
    assert!(requirement("AIP-09").text.sv.contains("handläggare"));
    assert!(!requirement("AIP-05").text.sv.contains("avslagen"));
    assert!(requirement("AIP-08").text.sv.contains("avslagen"));
    // AI-16 is the FRIA only; the DPIA input is the personal-data set's.
    assert!(
        !requirement("AI-16")
            .basis
            .iter()
            .any(|b| b.contains("GDPR"))
    );
    assert!(string_list(&raw_requirement("ai-act.toml", "AI-16"), "see").contains(&"PD-04".into()));
}

#[test]
pub(super) fn scenario_ai_quality_tests_reports_and_guards_each_ai_service() {
    let all = [
        "AIQ-01", "AIQ-02", "AIQ-03", "AIQ-04", "AIQ-05", "AIQ-06", "AIQ-07",
    ];
    let generative = ["AIQ-03", "AIQ-04", "AIQ-05"];
    // The staff writing assistant and the resident chatbot: generative, so everything.
    assert_has(&applying("f-generative-assistant"), &all, "(f)");
    assert_has(&applying("d-resident-chatbot"), &all, "(d)");
    // The benefits system generates nothing: tested, reported on, staff informed, no LLM guards.
    let c = applying("c-high-risk-benefits-ai");
    assert_has(&c, &["AIQ-01", "AIQ-02", "AIQ-06", "AIQ-07"], "(c)");
    assert_none(&c, &generative, "(c)");
    // No AI, no AI quality.
    for s in [
        "a-open-data-website",
        "b-case-management",
        "e-security-sensitive",
    ] {
        assert_none(&applying(s), &all, s);
    }
    // A direct award has no competition to test in.
    let direct = ai_profile("ai_risk = \"minimal\"\ngenerative = true\nvalue = \"direct\"\n");
    let a = applying_to(&direct);
    assert_none(&a, &["AIQ-01"], "direct award");
    assert_has(&a, &["AIQ-02", "AIQ-03"], "direct award");
    // The test on the authority's own data is scored.
    let t = requirement("AIQ-01");
    assert_eq!(t.kind, Kind::Evaluated);
    assert!(t.weight.is_some_and(|w| w > 0));
    assert!(t.text.sv.contains("testuppsättning"));
    assert!(
        requirement("AIQ-03")
            .basis
            .iter()
            .any(|b| b.contains("LLM01") && b.contains("2025"))
    );
    assert!(
        requirement("AIQ-06")
            .basis
            .iter()
            .any(|b| b.contains("26.7"))
    );
    assert!(
        requirement("AIQ-06")
            .basis
            .iter()
            .any(|b| b.contains("1976:580") && b.contains("11 §"))
    );
}
