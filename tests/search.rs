//! The library search that knows the field: legal basis and kinds, synonyms from the catalog's
//! table, corrected spellings over the text, where each hit matched; on an in-memory store
//! with the built-in library, on an upgraded database, and through the `search` command.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

mod cli_sandbox;
mod common;

use std::collections::BTreeSet;

use cli_sandbox::Sandbox;
use kravkoll::domain::{Kind, Lang, Requirement};
use kravkoll::i18n::{Label, kind_short};
use kravkoll::store::Store;
use kravkoll::store::prelude::*;
use kravkoll::store::search::{Found, Hit, Place, Session, approximate};

fn find(s: &Store, q: &str) -> Found {
    s.find(q, 500, &mut Session::default()).unwrap()
}

fn ids(hits: &[Hit]) -> BTreeSet<String> {
    hits.iter().map(|h| h.requirement_id.clone()).collect()
}

fn hit<'a>(found: &'a Found, id: &str) -> &'a Hit {
    found
        .hits
        .iter()
        .find(|h| h.requirement_id == id)
        .unwrap_or_else(|| panic!("{id} not found: {:?}", ids(&found.hits)))
}

/// Every requirement of the built-in library.
fn library() -> Vec<Requirement> {
    kravkoll::catalog::builtin::load()
        .unwrap()
        .into_iter()
        .flat_map(|p| p.set.requirements)
        .collect()
}

/// What the index holds of a requirement, as one string.
fn indexed(r: &Requirement) -> String {
    format!(
        "{} {} {} {} {} {}",
        r.id,
        r.title.sv,
        r.title.en,
        r.basis.join(" ; "),
        r.text.sv,
        r.text.en
    )
}

#[test]
fn the_legal_basis_is_found_as_written() {
    let s = common::store(false);
    let library = library();
    for (query, written) in [
        ("2020:914", "2020:914"),
        ("art. 28", "art. 28"),
        ("GDPR art. 28.3", "art. 28.3"),
    ] {
        let found = find(&s, query);
        assert!(!found.hits.is_empty(), "{query}");
        for h in &found.hits {
            let r = library
                .iter()
                .find(|r| r.id.as_str() == h.requirement_id)
                .unwrap();
            assert!(
                indexed(r).contains(written),
                "{query}: {} does not hold {written}",
                r.id
            );
        }
    }
    let found = find(&s, "2020:914");
    assert!(hit(&found, "SUB-04").matched.contains(&Place::Basis));
    assert_eq!(hit(&found, "HOST-04").matched, vec![Place::Basis]);
    assert!(
        hit(&find(&s, "art. 28"), "SUB-01")
            .matched
            .contains(&Place::Basis)
    );
}

const OWN_SET: &str = r#"
format = 1
id = "egen-sok"
version = "1"
title = { sv = "Sökprov" }

[[requirement]]
id = "SOK-1"
kind = "mandatory"
title = { sv = "Tystnadsplikt" }
text = { sv = "Leverantören ska följa lagen." }
basis = ["Lag (2020:914)", "GDPR art. 28"]

[[requirement]]
id = "SOK-2"
kind = "evaluated"
title = { sv = "Priser" }
text = { sv = "Avtalet gäller från 2020 och kostar 914 kronor; art. 5 gäller i 28 dagar." }
"#;

#[test]
fn numbers_of_a_reference_match_next_to_each_other_only() {
    let mut s = common::store(false);
    let set = kravkoll::catalog::parse_set("egen-sok.toml", OWN_SET)
        .unwrap()
        .set;
    s.write(|tx| tx.import_set(&set)).unwrap();
    for query in ["2020:914", "(2020:914)", "art. 28", "lag 2020:914"] {
        let found = ids(&find(&s, query).hits);
        assert!(found.contains("SOK-1"), "{query}: {found:?}");
        assert!(!found.contains("SOK-2"), "{query}: {found:?}");
    }
    assert!(ids(&find(&s, "914 kronor").hits).contains("SOK-2"));
}

#[test]
fn kinds_are_found_by_their_names_in_both_languages() {
    let s = common::store(false);
    let library = library();
    for kind in Kind::ALL.iter().copied() {
        let all: BTreeSet<String> = library
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.id.to_string())
            .collect();
        for lang in Lang::ALL {
            for name in [kind.label(lang), kind_short(kind, lang)] {
                let found = find(&s, name);
                assert_eq!(
                    found.kinds.iter().map(|k| k.kind).collect::<Vec<_>>(),
                    vec![kind],
                    "{name}"
                );
                let hits = ids(&found.hits);
                assert!(all.is_subset(&hits), "{name}: {:?}", all.difference(&hits));
                for h in found.hits.iter().filter(|h| h.kind == kind) {
                    assert!(!h.matched.is_empty(), "{name}: {h:?}");
                }
            }
        }
    }
    // A kind narrows other words: mandatory requirements under lag (2020:914).
    let found = find(&s, "ska-krav 2020:914");
    assert!(ids(&found.hits).contains("SUB-04"));
    assert!(
        found.hits.iter().all(|h| h.kind == Kind::Mandatory),
        "{:?}",
        found.hits
    );
    assert!(hit(&found, "HOST-04").matched.contains(&Place::Kind));
}

#[test]
fn synonyms_of_the_field_widen_the_search_in_both_languages() {
    let s = common::store(false);
    let sub: BTreeSet<String> = (1..=8).map(|i| format!("SUB-0{i}")).collect();
    for query in [
        "underbiträde",
        "sub-processor",
        "underleverantörer",
        "subcontractor",
    ] {
        let found = find(&s, query);
        assert_eq!(found.synonyms.len(), 1, "{query}");
        let hits = ids(&found.hits);
        assert!(sub.is_subset(&hits), "{query}: {:?}", sub.difference(&hits));
    }
    // Not a word of the library's texts, found through its synonyms.
    let found = find(&s, "subcontractor");
    assert!(hit(&found, "SUB-01").matched.contains(&Place::Synonym));
    // "PUB-avtal" is in no requirement: the agreement's title and its tag `dpa` are found.
    let found = find(&s, "PUB-avtal");
    assert_eq!(
        hit(&found, "PD-01").matched,
        vec![Place::Title, Place::Tags, Place::Synonym]
    );
    assert_eq!(
        ids(&find(&s, "personuppgiftsbiträdesavtal").hits),
        ids(&find(&s, "data processing agreement").hits),
    );
    let cloud = find(&s, "molntjänst");
    assert!(
        cloud
            .hits
            .iter()
            .any(|h| h.matched.contains(&Place::Synonym)),
        "{:?}",
        cloud.hits
    );
    // A prefix is not a member: typing on does not widen the search before the word is whole.
    assert!(find(&s, "underlev").synonyms.is_empty());
}

#[test]
fn a_misspelt_word_of_the_text_is_corrected() {
    let s = common::store(false);
    // "registreringsland" stands only in the text of SUB-01 (and of a LOU requirement).
    let sub01 = library()
        .into_iter()
        .find(|r| r.id.as_str() == "SUB-01")
        .unwrap();
    assert!(sub01.text.sv.contains("registreringsland"));
    assert!(!sub01.title.sv.contains("registreringsland"));
    let found = find(&s, "registrerignsland");
    assert_eq!(found.corrections.len(), 1, "{found:?}");
    assert_eq!(found.corrections[0].typed, "registrerignsland");
    assert_eq!(found.corrections[0].searched, vec!["registreringsland"]);
    assert_eq!(
        hit(&found, "SUB-01").matched,
        vec![Place::Text, Place::Spelling]
    );
    // The officer's example: a misspelling finds what the word finds.
    let right = find(&s, "underleverantör");
    let wrong = find(&s, "underlevrantör");
    assert!(right.hits.len() >= 32, "{}", right.hits.len());
    assert_eq!(ids(&wrong.hits), ids(&right.hits));
    // Each came in through the corrected word or one of its synonyms.
    assert!(
        wrong
            .hits
            .iter()
            .all(|h| h.matched.contains(&Place::Spelling) || h.matched.contains(&Place::Synonym)),
        "{:?}",
        wrong.hits
    );
    assert!(hit(&wrong, "SUB-01").matched.contains(&Place::Spelling));
    // Still typing, with a typo: the beginning is corrected.
    let typing = find(&s, "underlevr");
    assert_eq!(typing.corrections[0].searched, vec!["underlever"]);
    assert!(ids(&typing.hits).contains("SUB-01"));
    // Words the library has are left alone; a word near nothing stays unfound.
    assert!(find(&s, "lagring").corrections.is_empty());
    let nothing = find(&s, "xqzvbnmkq");
    assert!(nothing.hits.is_empty() && nothing.corrections.is_empty());
}

#[test]
fn each_hit_says_where_it_matched() {
    let s = common::store(false);
    assert_eq!(hit(&find(&s, "SUB-04"), "SUB-04").matched, vec![Place::Id]);
    assert_eq!(
        hit(&find(&s, "registreringsland"), "SUB-01").matched,
        vec![Place::Text]
    );
    assert!(
        hit(&find(&s, "supply-chain"), "SUB-01")
            .matched
            .contains(&Place::Tags)
    );
    assert!(
        hit(&find(&s, "underleverantörer"), "SUB-01")
            .matched
            .contains(&Place::Title)
    );
    // Letters in order of an id: approximate, added only when the index finds little.
    let mut found = find(&s, "hst03");
    assert!(found.hits.is_empty());
    approximate(&mut found, "hst03", &s.requirement_index().unwrap(), 200);
    assert_eq!(hit(&found, "HOST-03").matched, vec![Place::Approximate]);
    let mut many = find(&s, "leverantören");
    let before = many.hits.len();
    approximate(
        &mut many,
        "leverantören",
        &s.requirement_index().unwrap(),
        200,
    );
    assert_eq!(many.hits.len(), before, "enough hits: nothing approximate");
}

#[test]
fn a_session_reads_the_vocabulary_once_and_finds_the_same() {
    let s = common::store(false);
    let mut session = Session::default();
    let first = s.find("underlevrantör", 200, &mut session).unwrap();
    let again = s.find("underlevrantör", 200, &mut session).unwrap();
    assert_eq!(first, again);
    assert_eq!(first, find(&s, "underlevrantör"));
}

#[test]
fn an_upgraded_database_is_searched_with_basis_and_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema-4.db");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas/schema-4.db");
    std::fs::copy(fixture, &path).unwrap();
    let s = common::file_store(&path, false);
    let found = find(&s, "2020:914");
    assert!(hit(&found, "SUB-04").matched.contains(&Place::Basis));
    // The own set imported into the old database is in the rebuilt index too.
    assert_eq!(hit(&find(&s, "MIN-1"), "MIN-1").matched, vec![Place::Id]);
    assert!(ids(&find(&s, "kvalificeringskrav").hits).contains("MIN-1"));
}

#[test]
fn the_interactive_search_corrects_widens_and_says_where_the_selected_hit_matched() {
    let mut t = common::TestApp::new(false);
    t.keys("2 /").type_text("underlevrantör");
    let search = t.app.state.screens.library.search.as_ref().unwrap();
    let store_hits = ids(&t
        .store()
        .find("underlevrantör", 200, &mut Session::default())
        .unwrap()
        .hits);
    assert_eq!(ids(&search.hits), store_hits);
    assert_eq!(search.corrections[0].searched, vec!["underleverantor"]);
    assert_eq!(search.synonyms.len(), 1);
    let screen = t.screen(120, 40);
    assert!(
        screen.contains("Träff i: titel, rättad stavning"),
        "{screen}"
    );
    assert!(
        screen.contains("Rättad stavning: underlevrantör → underleverantor"),
        "{screen}"
    );
    // Moving the cursor shows where the next hit matched.
    let second = search.hits[1].matched.clone();
    t.press("down");
    let moved = t.app.state.screens.library.search.as_ref().unwrap();
    assert_eq!(moved.cursor.current(), Some(1));
    let screen = t.screen(120, 40);
    let wanted = kravkoll::i18n::search::matched_in(&second, Lang::Sv);
    assert!(screen.contains(&wanted), "{wanted}\n{screen}");
    // Backspace to one letter: nothing searched, nothing said.
    for _ in 0.."underlevrantör".chars().count() - 1 {
        t.press("backspace");
    }
    let search = t.app.state.screens.library.search.as_ref().unwrap();
    assert!(search.hits.is_empty() && search.corrections.is_empty() && search.synonyms.is_empty());
}

// The command line.

#[test]
fn the_search_command_prints_hits_and_where_they_matched() {
    let s = Sandbox::new();
    let table = s.ok(&["search", "2020:914"]);
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    for column in ["Id", "Kravpaket", "Typ", "Träff i", "Titel"] {
        assert!(header.contains(column), "{table}");
    }
    let row = lines.find(|l| l.starts_with("SUB-04")).unwrap();
    assert!(
        row.contains("sub-suppliers") && row.contains("ska-krav"),
        "{row}"
    );
    assert!(row.contains("rättslig grund"), "{row}");

    let en = s.ok(&["search", "--lang", "en", "art.", "28"]);
    assert!(en.starts_with("Id"), "{en}");
    assert!(
        en.contains("Matched in") && en.contains("legal basis"),
        "{en}"
    );

    let fixed = s.ok(&["search", "underlevrantör"]);
    assert!(
        fixed.contains("Rättad stavning: underlevrantör → underleverantor"),
        "{fixed}"
    );
    assert!(fixed.contains("Även synonymer till"), "{fixed}");
    let dpa = s.ok(&["search", "--lang", "en", "DPA"]);
    assert!(dpa.contains("Also synonyms of DPA:"), "{dpa}");

    let none = s.ok(&["search", "xqzvbnmkq"]);
    assert_eq!(none.trim(), "Inget matchar.");
}

#[test]
fn the_search_command_writes_json_for_scripts() {
    let s = Sandbox::new();
    let out = s.ok(&[
        "search",
        "underlevrantör",
        "--format",
        "json",
        "--limit",
        "5",
    ]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["query"], "underlevrantör");
    let hits = doc["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 5);
    for h in hits {
        assert!(h["id"].as_str().unwrap().contains('-'), "{h}");
        assert!(h["set"].is_string() && h["kind"].is_string(), "{h}");
        assert!(h["title"]["sv"].is_string(), "{h}");
        let matched: Vec<&str> = h["matched"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap())
            .collect();
        assert!(matched.contains(&"spelling"), "{h}");
    }
    assert_eq!(
        doc["corrections"][0]["searched"],
        serde_json::json!(["underleverantor"])
    );
    assert!(doc["synonyms"][0]["also"].as_array().unwrap().len() > 2);
    let kinds = s.ok(&["search", "bör-krav", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&kinds).unwrap();
    assert_eq!(doc["kinds"][0]["kind"], "evaluated");
    let empty = s.ok(&["search", "xqzvbnmkq", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&empty).unwrap();
    assert_eq!(doc["hits"], serde_json::json!([]));
}

#[test]
fn the_search_command_shows_typed_control_characters_escaped() {
    let s = Sandbox::new();
    let out = s.run(&["search", "underlevrantör\u{1b}]0;x\u{7}"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    let usage = s.run(&["search"]);
    assert_eq!(usage.status.code(), Some(2));
    let zero = s.run(&["search", "x", "--limit", "0"]);
    assert_eq!(zero.status.code(), Some(2));
}
