//! The tender document and its formats, read back: the model built from the demo's
//! procurements, and each format parsed again by a reader of its own kind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod csv;
mod document;
mod docx;
mod html;
mod markdown;

use kravkoll::domain::Lang;
use kravkoll::export::load::{self, Loaded};
use kravkoll::export::{Options, TenderDocument};
use kravkoll::store::Store;

/// The published high-risk AI procurement of the demo.
pub const AI: &str = "KS 2026/87";
/// The demo's draft, with an edited and an excluded line.
pub const DRAFT: &str = "KS 2026/118";

pub fn loaded(store: &Store, reference: &str) -> Loaded {
    let id = load::find(store, reference).unwrap();
    load::load(store, id).unwrap()
}

pub fn document(store: &Store, reference: &str, lang: Lang, internal: bool) -> TenderDocument {
    loaded(store, reference).document(
        "Exempelstads kommun",
        common::today(),
        Options { lang, internal },
    )
}
