//! The data sets of the core: disposal and use rights, the one rule on secondary use, the exit
//! windows split into answerable demands, and the open-data law by its title.

use super::core::*;

#[test]
fn data_01_gives_disposal_and_use_rights_never_ownership() {
    let data01 = req("DATA-01");
    let w = words(data01);
    assert!(
        data01.text.sv.contains("förfoganderätt och nyttjanderätt"),
        "{}",
        data01.text.sv
    );
    assert!(!w.contains("äganderätt"), "{w}");
    assert!(!data01.text.en.contains("ownership"), "{}", data01.text.en);
    // Only rights: the supplier's own use is DATA-10's.
    assert!(
        !data01.text.sv.contains("Leverantören får"),
        "{}",
        data01.text.sv
    );
    assert!(see("data-ownership-exit", "DATA-01").contains(&"DATA-10".to_string()));
}

#[test]
fn data_10_is_the_one_rule_on_secondary_use_with_exactly_two_exceptions_and_applies_always() {
    let data10 = req("DATA-10");
    assert_eq!(
        data10.title.sv,
        "Ingen sekundär användning av Beställarens uppgifter"
    );
    for use_ in [
        "träning",
        "finjustering",
        "förbättring av produkter",
        "analys",
        "försäljning",
    ] {
        assert!(data10.text.sv.contains(use_), "DATA-10 covers {use_}");
    }
    // The exceptions: what the law requires, and post-market monitoring under art. 72, limited.
    assert!(data10.text.sv.contains("Undantag gäller endast för (1) behandling som unionsrätten eller svensk rätt kräver av leverantören"));
    assert!(
        data10
            .text
            .sv
            .contains("(2) den övervakning efter utsläppandet på marknaden")
    );
    assert!(data10.text.sv.contains(
        "AI-förordningen art. 72, och endast i den omfattning som den skyldigheten kräver"
    ));
    assert!(!data10.text.sv.contains("(3)"), "no third exception");
    assert!(!data10.text.sv.contains("samtycke"), "no consent exception");
    assert!(data10.basis.iter().any(|b| b == "AI-förordningen art. 72"));
    assert!(data10.applies_when.is_always(), "DATA-10 applies always");
    for scenario in [
        "a-open-data-website",
        "b-case-management",
        "c-high-risk-benefits-ai",
        "d-resident-chatbot",
        "e-security-sensitive",
    ] {
        super::assert_has(&super::applying(scenario), &["DATA-10"], scenario);
    }
    // PD-02 is removed and its neighbours point to DATA-10.
    assert!(find("PD-02").is_none(), "PD-02 is removed in 2026.2");
    for (set, id) in [
        ("personal-data", "PD-01"),
        ("personal-data", "PD-08"),
        ("sub-suppliers", "SUB-07"),
    ] {
        assert!(see(set, id).contains(&"DATA-10".to_string()), "{id}");
    }
}

#[test]
fn data_04_is_split_and_the_notice_is_the_notice_to_start_switching() {
    let data04 = req("DATA-04");
    assert!(data04.text.sv.contains("exitplan"));
    assert!(
        !data04.text.sv.contains("uppsägningstid"),
        "{}",
        data04.text.sv
    );
    assert!(
        !data04.text.sv.contains("30 kalenderdagar"),
        "{}",
        data04.text.sv
    );
    let notice = req("DATA-11");
    assert!(
        notice.text.sv.contains("inleda bytet"),
        "{}",
        notice.text.sv
    );
    assert!(notice.text.sv.contains("2 månader"));
    assert!(notice.rationale.sv.contains("inte avtalets uppsägningstid"));
    assert!(req("DATA-12").text.sv.contains("högst 30 kalenderdagar"));
    assert!(req("DATA-12").text.sv.contains("högst 7 månader"));
    assert!(
        req("DATA-13")
            .text
            .sv
            .contains("minst 30 kalenderdagar att hämta")
    );
    assert_eq!(
        see("data-ownership-exit", "DATA-04"),
        ["DATA-11", "DATA-12", "DATA-13", "DATA-05"]
    );
    let b = super::applying("b-case-management");
    super::assert_has(&b, &["DATA-04", "DATA-11", "DATA-12", "DATA-13"], "(b)");
}

#[test]
fn data_09_names_sfs_2022_818_by_its_title() {
    let b = basis("DATA-09");
    assert!(
        b.contains(
            &"Lag (2022:818) om den offentliga sektorns tillgängliggörande av data 2 kap. 2 §"
        ),
        "{b:?}"
    );
    assert!(
        !b.iter().any(|x| x.contains("tillhandahållande av data")),
        "{b:?}"
    );
    let set = super::library()
        .iter()
        .find(|s| s.id.as_str() == "data-ownership-exit")
        .unwrap();
    assert!(
        set.sources
            .iter()
            .any(|s| s.name.contains("tillgängliggörande av data"))
    );
}
