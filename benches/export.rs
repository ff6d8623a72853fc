//! Tender documents for a thousand-line tender (the generated `BIG_TENDER` of the municipal
//! database): reading it from the store and building the document, and rendering each format.
//! PDF is LibreOffice's work and is measured as a whole process instead (README).

#![allow(clippy::expect_used)]

mod common;

use common::{clock, database};
use criterion::{Criterion, criterion_group, criterion_main};
use kravkoll::demo::scale::{BIG_TENDER, Scale};
use kravkoll::domain::Lang;
use kravkoll::export::{self, CsvStyle, Format, Options, load};
use kravkoll::store::Store;

fn bench(c: &mut Criterion) {
    let path = database("municipal", Scale::MUNICIPAL);
    let store = Store::open(&path, clock(), "bench").expect("open");
    let id = load::find(&store, BIG_TENDER).expect("the generated tender");
    let opts = Options {
        lang: Lang::Sv,
        internal: false,
    };
    let today = store.today();
    c.bench_function("export/load_1000_lines", |b| {
        b.iter(|| load::load(&store, id).expect("load"))
    });
    let loaded = load::load(&store, id).expect("load");
    c.bench_function("export/build_1000_lines", |b| {
        b.iter(|| loaded.document("Exempelstads kommun", today, opts))
    });
    c.bench_function("export/load_and_build_1000_lines", |b| {
        b.iter(|| {
            let loaded = load::load(&store, id).expect("load");
            loaded.document("Exempelstads kommun", today, opts)
        })
    });
    let doc = load::load(&store, id)
        .expect("load")
        .document("Exempelstads kommun", today, opts);
    assert!(
        doc.items().count() >= 1_000,
        "the tender has its thousand lines"
    );
    for format in [
        Format::Docx,
        Format::Html,
        Format::Markdown,
        Format::Csv,
        Format::Json,
    ] {
        c.bench_function(
            &format!("export/render_{}_1000_lines", format.code()),
            |b| b.iter(|| export::render(&doc, format, CsvStyle::Swedish).expect("render")),
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
