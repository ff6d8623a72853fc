//! The CSV export: one row per included requirement, in tender order. Swedish Excel opens a
//! semicolon-separated UTF-8 file with a byte-order mark as it is; `CsvStyle::Comma` is for
//! the programs that expect commas. A cell a spreadsheet would read as a formula (`= + - @`,
//! or a leading tab or carriage return) gets a leading apostrophe, so opening the file never
//! runs what a requirement text happens to start with.

use super::CsvStyle;
use super::labels::labels;
use super::model::TenderDocument;
use crate::i18n::Label;

const BOM: &str = "\u{feff}";

pub fn render(doc: &TenderDocument, style: CsvStyle) -> Vec<u8> {
    let l = labels(doc.lang);
    let sep = match style {
        CsvStyle::Swedish => ';',
        CsvStyle::Comma => ',',
    };
    let mut out = String::new();
    if style == CsvStyle::Swedish {
        out.push_str(BOM);
    }
    let head = [
        l.number,
        l.id,
        l.kind,
        l.requirement_title,
        l.text,
        l.weight,
        l.basis,
        l.set,
        l.set_version,
    ];
    row(&mut out, sep, head.iter().map(|s| s.to_string()));
    for item in doc.items() {
        row(
            &mut out,
            sep,
            [
                item.number.clone(),
                item.id.clone(),
                item.kind.label(doc.lang).to_string(),
                item.title.clone(),
                item.text.clone(),
                item.answer
                    .weight
                    .as_ref()
                    .map(|w| w.value.to_string())
                    .unwrap_or_default(),
                item.basis.join("; "),
                item.set_id.clone().unwrap_or_default(),
                item.set_version.clone().unwrap_or_default(),
            ]
            .into_iter(),
        );
    }
    out.into_bytes()
}

fn row(out: &mut String, sep: char, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(sep);
        }
        push_cell(out, &neutralised(&cell), sep);
    }
    // RFC 4180's line end, which Excel expects.
    out.push_str("\r\n");
}

/// A cell a spreadsheet would take for a formula, prefixed with an apostrophe.
pub fn neutralised(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn push_cell(out: &mut String, cell: &str, sep: char) {
    let quote = cell.contains([sep, '"', '\n', '\r']) || cell.starts_with(' ');
    if !quote {
        out.push_str(cell);
        return;
    }
    out.push('"');
    out.push_str(&cell.replace('"', "\"\""));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_others_kept() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("+46 8 123"), "'+46 8 123");
        assert_eq!(neutralised("-1"), "'-1");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("\tx"), "'\tx");
        assert_eq!(neutralised("Leverantören ska"), "Leverantören ska");
        assert_eq!(neutralised(""), "");
    }

    #[test]
    fn cells_with_separators_quotes_or_lines_are_quoted() {
        let mut out = String::new();
        row(
            &mut out,
            ';',
            ["a;b", "say \"hi\"", "two\nlines", "plain"]
                .iter()
                .map(|s| s.to_string()),
        );
        assert_eq!(out, "\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";plain\r\n");
    }
}
