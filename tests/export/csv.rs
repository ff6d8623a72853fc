//! The CSV export read back as a spreadsheet would: separator, byte-order mark, and no cell
//! that a spreadsheet would run as a formula.

use kravkoll::domain::Lang;
use kravkoll::export::{CsvStyle, csv};

use super::{AI, common, document};

/// Splits CSV text into rows of cells (RFC 4180 quoting).
fn parse(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn swedish_csv_has_a_bom_semicolons_and_one_row_per_line() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    let bytes = csv::render(&doc, CsvStyle::Swedish);
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(bytes).unwrap();
    let rows = parse(text.trim_start_matches('\u{feff}'), ';');
    assert_eq!(
        rows[0],
        [
            "Nr",
            "Id",
            "Typ",
            "Rubrik",
            "Kravtext",
            "Vikt",
            "Grund",
            "Kravuppsättning",
            "Version"
        ]
    );
    assert_eq!(rows.len() - 1, doc.items().count());
    let first = doc.items().next().unwrap();
    assert_eq!(rows[1][0], first.number);
    assert_eq!(rows[1][1], first.id);
    assert_eq!(rows[1][4], first.text);
    assert_eq!(rows[1][7], first.set_id.clone().unwrap());
    assert!(rows.iter().all(|r| r.len() == 9));
}

#[test]
fn comma_csv_has_no_bom_and_reads_with_commas() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::En, false);
    let text = String::from_utf8(csv::render(&doc, CsvStyle::Comma)).unwrap();
    assert!(!text.starts_with('\u{feff}'));
    let rows = parse(&text, ',');
    assert_eq!(rows[0][0], "No.");
    assert!(
        rows.iter().all(|r| r.len() == 9),
        "a comma inside a text is quoted"
    );
}

#[test]
fn cells_that_would_be_formulas_are_neutralised() {
    let store = common::store(true);
    let mut doc = document(&store, AI, Lang::Sv, false);
    let item = &mut doc.sections[0].groups[0].items[0];
    item.title = "=HYPERLINK(\"http://evil\";\"klicka\")".into();
    item.text = "+1+2".into();
    item.basis = vec!["@SUM(A1)".into()];
    let text = String::from_utf8(csv::render(&doc, CsvStyle::Swedish)).unwrap();
    let rows = parse(text.trim_start_matches('\u{feff}'), ';');
    assert_eq!(rows[1][3], "'=HYPERLINK(\"http://evil\";\"klicka\")");
    assert_eq!(rows[1][4], "'+1+2");
    assert_eq!(rows[1][6], "'@SUM(A1)");
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t']), "{cell}");
        }
    }
}
