//! Tender documents out of kravkoll: one document model (`model`), built from a procurement by
//! one function (`build::tender_document`), rendered by each format, and written through a
//! temporary file and a rename so a crash never leaves half a document.

pub mod build;
pub mod csv;
pub mod docx;
pub mod html;
pub mod json;
pub mod labels;
pub mod load;
pub mod markdown;
pub mod model;
pub mod pdf;
mod words;

use std::path::Path;

use thiserror::Error;

use crate::files::{self, Access, Existing, FileError};
pub use build::{Options, Source, tender_document};
pub use model::TenderDocument;

/// The formats a tender document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Docx,
    Html,
    Markdown,
    Csv,
    Json,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Docx,
        Format::Html,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::Pdf,
    ];

    /// The code on the command line, which is also the file extension.
    pub fn code(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Pdf => "pdf",
        }
    }

    pub fn from_code(code: &str) -> Option<Format> {
        let code = code.trim().trim_start_matches('.').to_ascii_lowercase();
        match code.as_str() {
            "markdown" => Some(Format::Markdown),
            "htm" => Some(Format::Html),
            _ => Format::ALL.into_iter().find(|f| f.code() == code),
        }
    }
}

/// How a CSV file separates its cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CsvStyle {
    /// Swedish Excel: semicolons, UTF-8 with a byte-order mark.
    #[default]
    Swedish,
    /// Commas, for the rest of the world's programs.
    Comma,
}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error(transparent)]
    File(#[from] FileError),
    /// PDF is made by LibreOffice, which is not installed.
    #[error("PDF needs LibreOffice (soffice), which is not installed")]
    NoLibreOffice,
    #[error("LibreOffice could not convert the document: {0}")]
    Conversion(String),
}

/// The file name an export gets when none is given: the reference made safe for a file name
/// (`KS 2026/118` → `KS-2026-118`), then what the document is.
pub fn default_file_name(
    reference: &str,
    format: Format,
    lang: crate::domain::Lang,
    internal: bool,
) -> String {
    let mut stem = String::new();
    for c in reference.trim().chars() {
        if c.is_alphanumeric() || c == '_' {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    let what = match (lang, internal) {
        (crate::domain::Lang::Sv, false) => "kravspecifikation",
        (crate::domain::Lang::Sv, true) => "kravspecifikation-internt",
        (crate::domain::Lang::En, false) => "requirement-specification",
        (crate::domain::Lang::En, true) => "requirement-specification-internal",
    };
    if stem.is_empty() {
        format!("{what}.{}", format.code())
    } else {
        format!("{stem}-{what}.{}", format.code())
    }
}

/// The document in `format`, as the bytes of the file.
pub fn render(doc: &TenderDocument, format: Format, csv: CsvStyle) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Json => json::render(doc),
        Format::Csv => csv::render(doc, csv),
        Format::Docx => docx::render(doc),
        Format::Html => html::render(doc),
        Format::Markdown => markdown::render(doc),
        Format::Pdf => pdf::render(doc)?,
    })
}

/// Renders the document and writes it to `path` whole or not at all.
pub fn write(
    doc: &TenderDocument,
    format: Format,
    csv: CsvStyle,
    path: &Path,
    existing: Existing,
) -> Result<(), ExportError> {
    let bytes = render(doc, format, csv)?;
    files::write_file(path, &bytes, Access::Shared, existing)?;
    Ok(())
}
