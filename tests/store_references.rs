//! `see`, `applies_from` and a set's `[[date]]`s survive import → store → read, and the stored
//! content hash is the set's own.
#![allow(clippy::unwrap_used)]

mod common;

use kravkoll::catalog;
use kravkoll::store::prelude::*;

#[test]
fn references_and_key_dates_ride_along_in_the_store() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reference_sets");
    let text = std::fs::read_to_string(format!("{dir}/ai.toml")).unwrap();
    let mut known = catalog::Known::default();
    known.add_requirement("ZDATA-10");
    let files = [("ai.toml".to_string(), text)];
    let set = catalog::validate_files_with(&files, &known).unwrap()[0]
        .set
        .clone();
    assert!(!set.dates.is_empty() && !set.requirements[0].see.is_empty());
    let mut store = common::store(false);
    store.write(|tx| tx.import_set(&set)).unwrap();
    let back = store.set("ai").unwrap().unwrap();
    assert_eq!(back, set);
    assert_eq!(back.content_hash(), set.content_hash());
    let dates: Vec<_> = store
        .key_dates()
        .unwrap()
        .into_iter()
        .filter(|(id, _)| id == "ai")
        .collect();
    assert_eq!(dates, vec![("ai".to_string(), set.dates[0].clone())]);
}

#[test]
fn a_copy_keeps_the_key_dates_and_follows_references_within_the_set() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reference_sets");
    let ai = std::fs::read_to_string(format!("{dir}/ai.toml")).unwrap();
    let data = std::fs::read_to_string(format!("{dir}/data.toml")).unwrap();
    // data.toml without its unknown references: ZDATA-10 sees ZAI-20 of the other set.
    let data = data
        .replace(", \"NONE-01\"", "")
        .replace("applies_from = \"no-such-date\"", "see = [\"ZDATA-10\"]");
    let files = [("ai.toml".to_string(), ai), ("data.toml".to_string(), data)];
    let sets = catalog::validate_files(&files).unwrap();
    let mut store = common::store(false);
    for p in &sets {
        store.write(|tx| tx.import_set(&p.set)).unwrap();
    }
    let title = kravkoll::domain::Text::sv("Kopia");
    let id = kravkoll::domain::SetId::parse("kopia").unwrap();
    store
        .write(|tx| tx.duplicate_set("data", &id, "KOP", &title))
        .unwrap();
    let copy = store.set("kopia").unwrap().unwrap();
    assert_eq!(copy.requirements[0].see[0].as_str(), "ZAI-20");
    assert_eq!(copy.requirements[1].see[0].as_str(), "KOP-10");
    let ai_copy = {
        let id = kravkoll::domain::SetId::parse("ai-kopia").unwrap();
        store
            .write(|tx| tx.duplicate_set("ai", &id, "AIK", &title))
            .unwrap();
        store.set("ai-kopia").unwrap().unwrap()
    };
    assert_eq!(ai_copy.dates, sets[0].set.dates);
}
