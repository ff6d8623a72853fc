//! Tables: fixed column widths in twips (LibreOffice and Word lay out a fixed-layout table the
//! same way; an autofit one each their own), a header row that repeats on every page a long
//! table runs over, and cells that always hold at least one paragraph, as Word requires.

use super::TEXT_WIDTH;
use super::xml::{BOLD, para, run};

/// The header row's shading.
pub const HEAD_FILL: &str = "D9E2F3";
/// The shading of the label column of the cover's facts and of a total row.
pub const LABEL_FILL: &str = "F2F2F2";

const BORDER: &str = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"";

/// The borders of every table, outside and between the cells.
pub fn borders() -> String {
    ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|side| format!("<w:{side} {BORDER}/>"))
        .collect()
}

pub struct Table {
    widths: Vec<u32>,
    header: bool,
    rows: String,
}

/// How a body row is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// May break across pages: a long requirement must not leave half a page empty.
    Flowing,
    /// Kept on one page: a short line of a register.
    Whole,
    /// A total: shaded and kept whole.
    Total,
}

impl Table {
    /// A table whose columns take these percentages of the text width.
    pub fn new(percent: &[u32]) -> Table {
        let sum: u32 = percent.iter().sum::<u32>().max(1);
        let mut widths: Vec<u32> = percent.iter().map(|p| TEXT_WIDTH * p / sum).collect();
        // Rounding leaves a few twips over; the last column takes them, so the table is
        // exactly as wide as the text.
        let used: u32 = widths.iter().sum();
        if let Some(last) = widths.last_mut() {
            *last += TEXT_WIDTH - used;
        }
        Table {
            widths,
            header: false,
            rows: String::new(),
        }
    }

    /// The header row, repeated at the top of every page the table runs over.
    pub fn header(mut self, heads: &[&str]) -> Table {
        self.header = true;
        self.rows
            .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (i, head) in heads.iter().enumerate() {
            let content = para("TableText", "<w:keepNext/>", &run(head, BOLD));
            self.rows.push_str(&self.cell(i, Some(HEAD_FILL), &content));
        }
        self.rows.push_str("</w:tr>");
        self
    }

    /// A row of cells, each the paragraphs it holds.
    pub fn row(&mut self, cells: &[String], kind: Row) {
        self.rows.push_str("<w:tr>");
        if kind != Row::Flowing {
            self.rows.push_str("<w:trPr><w:cantSplit/></w:trPr>");
        }
        let fill = (kind == Row::Total).then_some(LABEL_FILL);
        for (i, content) in cells.iter().enumerate() {
            self.rows.push_str(&self.cell(i, fill, content));
        }
        self.rows.push_str("</w:tr>");
    }

    /// A row of a two-column table whose first column names what the second holds.
    pub fn labelled_row(&mut self, label: &str, value: &str) {
        let label = para("TableText", "", &run(label, BOLD));
        self.rows.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        self.rows.push_str(&self.cell(0, Some(LABEL_FILL), &label));
        self.rows.push_str(&self.cell(1, None, value));
        self.rows.push_str("</w:tr>");
    }

    fn cell(&self, column: usize, fill: Option<&str>, content: &str) -> String {
        let width = self.widths.get(column).copied().unwrap_or(0);
        let shade = fill.map_or(String::new(), |f| {
            format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{f}\"/>")
        });
        let content = if content.is_empty() {
            "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>"
        } else {
            content
        };
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shade}</w:tcPr>{content}</w:tc>"
        )
    }

    /// The table, then a small spacer paragraph: Word needs a paragraph between two tables, or
    /// it joins them into one.
    pub fn finish(self) -> String {
        let grid: String = self
            .widths
            .iter()
            .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
            .collect();
        let first_row = u8::from(self.header);
        format!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>\
             <w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>\
             <w:tblLook w:val=\"0{look}0\" w:firstRow=\"{first_row}\" w:lastRow=\"0\" \
             w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>\
             </w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>\
             <w:p><w:pPr><w:pStyle w:val=\"Spacer\"/></w:pPr></w:p>",
            look = if self.header { "62" } else { "60" },
            rows = self.rows,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_text_width_exactly() {
        let t = Table::new(&[12, 60, 28]);
        assert_eq!(t.widths.iter().sum::<u32>(), TEXT_WIDTH);
        assert!(t.widths[1] > t.widths[2] && t.widths[2] > t.widths[0]);
    }

    #[test]
    fn the_header_row_repeats_and_empty_cells_still_hold_a_paragraph() {
        let mut t = Table::new(&[50, 50]).header(&["A", "B"]);
        t.row(&[String::new(), String::new()], Row::Flowing);
        let xml = t.finish();
        let first_row = xml.find("<w:tr>").unwrap_or(usize::MAX);
        assert!(xml[first_row..].starts_with("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/>"));
        assert_eq!(xml.matches("<w:tblHeader/>").count(), 1);
        assert_eq!(
            xml.matches("<w:tc>").count(),
            xml.matches("<w:p>").count() - 1
        );
    }
}
