//! The JSON export: the document model itself, with its `schema`, for scripts and for other
//! systems (an e-tendering platform, a register).

use super::model::TenderDocument;

pub fn render(doc: &TenderDocument) -> Vec<u8> {
    // The model is plain data (strings, numbers, dates, enums): serialising cannot fail.
    let mut out = serde_json::to_vec_pretty(doc).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Reads a JSON export back into the model.
pub fn parse(bytes: &[u8]) -> Result<TenderDocument, serde_json::Error> {
    serde_json::from_slice(bytes)
}
