//! The document model: tender order, numbering, answers, references and the internal variant.

use std::collections::HashSet;

use kravkoll::domain::{Kind, Lang, Scoring};
use kravkoll::export::json;
use kravkoll::export::model::SectionKind;
use kravkoll::store::prelude::*;

use super::{AI, DRAFT, common, document};

#[test]
fn sections_follow_tender_order_and_each_holds_only_its_kind() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Qualification,
            SectionKind::Mandatory,
            SectionKind::Evaluated,
            SectionKind::ContractTerms
        ]
    );
    let expected = [
        Kind::Qualification,
        Kind::Mandatory,
        Kind::Evaluated,
        Kind::ContractTerm,
    ];
    for (section, kind) in doc.sections.iter().zip(expected) {
        assert!(
            section
                .groups
                .iter()
                .flat_map(|g| &g.items)
                .all(|i| i.kind == kind)
        );
    }
    assert_eq!(doc.sections[0].title, "Uteslutning och kvalificering");
    assert_eq!(doc.sections[0].groups[0].title, "Uteslutningsgrunder");
    let first = &doc.sections[0].groups[0].items[0];
    assert_eq!(
        (first.number.as_str(), first.id.as_str()),
        ("1.1.1", "LOU-01")
    );
}

#[test]
fn every_included_line_is_numbered_once_section_group_item() {
    let store = common::store(true);
    let id = kravkoll::export::load::find(&store, AI).unwrap();
    let included = store
        .lines(id)
        .unwrap()
        .iter()
        .filter(|l| l.value.included)
        .count();
    let doc = document(&store, AI, Lang::Sv, false);
    let numbers: Vec<&str> = doc.items().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers.len(), included);
    assert_eq!(numbers.iter().collect::<HashSet<_>>().len(), included);
    for (s, section) in doc.sections.iter().enumerate() {
        assert_eq!(section.number, (s + 1).to_string());
        for (g, group) in section.groups.iter().enumerate() {
            assert_eq!(group.number, format!("{}.{}", s + 1, g + 1));
            for (i, item) in group.items.iter().enumerate() {
                assert_eq!(item.number, format!("{}.{}.{}", s + 1, g + 1, i + 1));
            }
        }
    }
    // Built twice, numbered the same: the numbers of a published version are stable.
    assert_eq!(document(&store, AI, Lang::Sv, false), doc);
}

#[test]
fn a_group_is_one_set_under_its_title_and_sets_are_listed_on_the_cover() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::En, false);
    for group in doc.sections.iter().flat_map(|s| &s.groups) {
        if let Some(set) = &group.set_id {
            assert!(group.items.iter().all(|i| i.set_id.as_ref() == Some(set)));
            let on_cover = doc.cover.sets.iter().find(|r| &r.id == set).unwrap();
            assert_eq!(group.title, on_cover.title);
        }
    }
    assert!(
        doc.cover
            .sets
            .iter()
            .any(|s| s.id == "ai-act" && s.title.contains("AI"))
    );
    assert_eq!(doc.cover.reference, AI);
    assert_eq!(doc.cover.organisation, "Exempelstads kommun");
    assert!(!doc.cover.draft);
    assert_eq!(doc.cover.version, 1);
}

#[test]
fn answers_follow_the_kind_and_evaluated_lines_carry_their_weight() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    for item in doc.items() {
        match item.kind {
            Kind::ContractTerm => assert_eq!(item.answer.options, ["Accepteras"]),
            _ => assert_eq!(item.answer.options, ["Uppfylls", "Uppfylls ej"]),
        }
        assert_eq!(item.answer.weight.is_some(), item.kind == Kind::Evaluated);
    }
    let eval = doc
        .evaluation
        .as_ref()
        .expect("the AI tender has evaluated lines");
    assert_eq!(eval.number, "5");
    assert_eq!(eval.scoring, Scoring::Points);
    let sum: u32 = doc
        .items()
        .filter_map(|i| i.answer.weight.as_ref())
        .map(|w| w.value)
        .sum();
    assert_eq!(eval.total, sum);
    assert!(eval.description.contains(&format!("{sum} poäng")));
    assert!(doc.sections[2].intro.contains("avsnitt 5"));
}

#[test]
fn see_references_name_numbers_in_this_tender_and_drop_the_absent() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    let numbers: HashSet<&str> = doc.items().map(|i| i.number.as_str()).collect();
    let with_see: Vec<_> = doc.items().filter(|i| !i.see.is_empty()).collect();
    assert!(
        !with_see.is_empty(),
        "the AI tender has related requirements"
    );
    for item in with_see {
        for n in &item.see {
            assert!(numbers.contains(n.as_str()), "{} points to {n}", item.id);
            assert_ne!(n, &item.number);
        }
    }
}

#[test]
fn the_draft_is_marked_and_its_excluded_line_is_only_in_the_internal_variant() {
    let store = common::store(true);
    let id = kravkoll::export::load::find(&store, DRAFT).unwrap();
    let lines = store.lines(id).unwrap();
    let excluded = lines
        .iter()
        .find(|l| !l.value.included)
        .unwrap()
        .value
        .label();
    let edited = lines
        .iter()
        .find(|l| l.value.modified)
        .unwrap()
        .value
        .label();

    let public = document(&store, DRAFT, Lang::Sv, false);
    assert!(public.cover.draft);
    assert!(public.items().all(|i| i.id != excluded));
    assert!(public.items().all(|i| i.internal.is_none()));
    assert!(public.excluded.is_none());

    let internal = document(&store, DRAFT, Lang::Sv, true);
    let out = internal.excluded.as_ref().unwrap();
    assert!(out.lines.iter().any(|l| l.id == excluded));
    let note = internal
        .items()
        .find(|i| i.id == edited)
        .unwrap()
        .internal
        .clone()
        .unwrap();
    assert!(note.modified);
    assert!(note.origin.contains("2026.1") && note.origin.contains("ändrad lokalt"));
}

#[test]
fn english_changes_every_text_and_label() {
    let store = common::store(true);
    let sv = document(&store, AI, Lang::Sv, false);
    let en = document(&store, AI, Lang::En, false);
    assert_eq!(en.sections[0].title, "Exclusion and qualification");
    assert_eq!(en.items().next().unwrap().answer.options, ["Yes", "No"]);
    let differ = sv
        .items()
        .zip(en.items())
        .filter(|(a, b)| a.text != b.text)
        .count();
    assert_eq!(
        differ,
        sv.items().count(),
        "every requirement has its English text"
    );
    assert_eq!(
        sv.items().map(|i| &i.number).collect::<Vec<_>>(),
        en.items().map(|i| &i.number).collect::<Vec<_>>()
    );
}

#[test]
fn the_json_export_is_the_model_and_reads_back_into_it() {
    let store = common::store(true);
    let doc = document(&store, DRAFT, Lang::En, true);
    let bytes = kravkoll::export::json::render(&doc);
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(value["schema"], "kravkoll.tender/1");
    assert_eq!(json::parse(&bytes).unwrap(), doc);
}

#[test]
fn amendments_raise_the_version_and_are_listed_with_their_reason() {
    let mut store = common::store(true);
    let id = kravkoll::export::load::find(&store, AI).unwrap();
    let line = store
        .lines(id)
        .unwrap()
        .into_iter()
        .find(|l| l.value.included)
        .unwrap();
    let mut changed = line.value.clone();
    changed.text.sv.push_str(" Gäller även vikarier.");
    store
        .write(|tx| {
            tx.amend_line(
                line.id,
                line.revision,
                &changed,
                "Förtydligande efter fråga",
            )
        })
        .unwrap();
    let doc = document(&store, AI, Lang::Sv, false);
    assert_eq!(doc.cover.version, 2);
    let list = doc.amendments.as_ref().unwrap();
    assert_eq!(list.entries.len(), 1);
    let entry = &list.entries[0];
    assert_eq!(entry.version, 2);
    assert!(entry.what.starts_with("1.1.1 "), "{}", entry.what);
    assert_eq!(entry.reason, "Förtydligande efter fråga");
    assert_eq!(list.number, "6");
    // The tender does not mark local edits; the amended text is simply the text.
    assert!(
        doc.items()
            .next()
            .unwrap()
            .text
            .ends_with("Gäller även vikarier.")
    );
}
