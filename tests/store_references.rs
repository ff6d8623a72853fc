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
