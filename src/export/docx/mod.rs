//! The tender document as a Word file (DOCX), written by hand as a WordprocessingML package:
//! docx-rs cannot mark a table's header row to repeat on each page, and leaves Normal without
//! `w:default`, so the few parts a tender needs are built here as strings. The output is
//! deterministic (fixed zip timestamps, fixed part order): the same document gives the same
//! bytes, so an unchanged tender exported twice is the same file.

mod body;
mod parts;
mod requirements;
mod styles;
mod table;
mod xml;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::model::TenderDocument;

/// A4 in twips (1/1440 inch).
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// 2.5 cm on every side.
const MARGIN: u32 = 1418;
/// What tables are laid out against.
const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;

/// The document's parts as (name, text), `[Content_Types].xml` first as Word itself writes it.
fn parts_of(doc: &TenderDocument) -> Vec<(&'static str, String)> {
    vec![
        (parts::CONTENT_TYPES, parts::content_types()),
        (parts::ROOT_RELS, parts::root_rels()),
        (parts::DOCUMENT, body::document(doc)),
        (parts::DOCUMENT_RELS, parts::document_rels()),
        (parts::STYLES, styles::styles(doc)),
        (parts::SETTINGS, parts::settings(doc)),
        (parts::HEADER, parts::header(doc)),
        (parts::FOOTER, parts::footer(doc)),
        (parts::CORE, parts::core(doc)),
        (parts::APP, parts::app()),
    ]
}

/// The DOCX file's bytes.
pub fn render(doc: &TenderDocument) -> Vec<u8> {
    // Zipping into memory fails only on an I/O error, which a Vec never gives, or on a
    // duplicate or oversized entry, which the fixed list of parts above never has.
    package(&parts_of(doc)).unwrap_or_default()
}

fn package(parts: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::DEFAULT
        .compression_method(CompressionMethod::Deflated)
        // The XML is repetitive: the fastest level still shrinks it about tenfold, at a
        // fraction of the default level's time for a thousand-line tender.
        .compression_level(Some(1))
        .last_modified_time(DateTime::DEFAULT);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
