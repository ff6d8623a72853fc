//! `word/styles.xml`: every style the document uses, defined here rather than left to the
//! reader's defaults. Headings and TOC levels carry Word's own lowercase names ("heading 1",
//! "toc 1") so Word and LibreOffice map them to their built-in styles, and the headings carry
//! outline levels, which the navigation pane and the table of contents are built from.

use super::TEXT_WIDTH;
use super::parts::{lang_tag, namespaces};
use super::table;
use super::xml::{escape, part};
use crate::export::model::TenderDocument;

/// Calibri is what an officer's Word has; LibreOffice without it substitutes a sans serif.
const FONT: &str = "Calibri";
/// In half-points: 10.5 pt.
const BODY_SIZE: u32 = 21;
const DARK_BLUE: &str = "1F3864";
const BLUE: &str = "2F5496";

pub fn styles(doc: &TenderDocument) -> String {
    let mut out = format!(
        "<w:styles {ns}><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"{FONT}\" w:hAnsi=\"{FONT}\" w:eastAsia=\"{FONT}\" w:cs=\"{FONT}\"/>\
         <w:sz w:val=\"{BODY_SIZE}\"/><w:szCs w:val=\"{BODY_SIZE}\"/>\
         <w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>\
         <w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>\
         </w:pPr></w:pPrDefault></w:docDefaults>",
        ns = namespaces(),
        lang = lang_tag(doc.lang),
    );
    out.push_str(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">\
         <w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
         <w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>\
         <w:semiHidden/></w:style>",
    );
    for s in &PARAGRAPHS {
        out.push_str(&paragraph_style(s));
    }
    out.push_str(&tables());
    out.push_str("</w:styles>");
    part(&out)
}

/// A paragraph style: its id, its name, the style the next paragraph gets, and its paragraph
/// and run properties.
struct Para {
    id: &'static str,
    name: &'static str,
    next: &'static str,
    outline: Option<u8>,
    ppr: &'static str,
    rpr: &'static str,
}

const fn p(
    id: &'static str,
    name: &'static str,
    next: &'static str,
    ppr: &'static str,
    rpr: &'static str,
) -> Para {
    Para {
        id,
        name,
        next,
        outline: None,
        ppr,
        rpr,
    }
}

const fn heading(id: &'static str, name: &'static str, level: u8, ppr: &'static str) -> Para {
    Para {
        id,
        name,
        next: "Normal",
        outline: Some(level),
        ppr,
        rpr: "",
    }
}

const PARAGRAPHS: [Para; 17] = [
    p(
        "Title",
        "Title",
        "Subtitle",
        "<w:spacing w:before=\"240\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>",
        "<w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"56\"/><w:szCs w:val=\"56\"/>",
    ),
    p(
        "Subtitle",
        "Subtitle",
        "Normal",
        "<w:spacing w:after=\"480\"/>",
        "<w:color w:val=\"404040\"/><w:sz w:val=\"34\"/><w:szCs w:val=\"34\"/>",
    ),
    heading(
        "Heading1",
        "heading 1",
        0,
        "<w:spacing w:before=\"480\" w:after=\"160\"/>",
    ),
    heading(
        "Heading2",
        "heading 2",
        1,
        "<w:spacing w:before=\"320\" w:after=\"120\"/>",
    ),
    heading(
        "Heading3",
        "heading 3",
        2,
        "<w:spacing w:before=\"240\" w:after=\"80\"/>",
    ),
    p(
        "ContentsTitle",
        "Contents title",
        "Normal",
        "<w:spacing w:before=\"0\" w:after=\"240\"/>",
        "<w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>",
    ),
    p(
        "TOC1",
        "toc 1",
        "Normal",
        "<w:spacing w:before=\"120\" w:after=\"40\"/>",
        "<w:b/>",
    ),
    p(
        "TOC2",
        "toc 2",
        "Normal",
        "<w:spacing w:after=\"20\"/><w:ind w:left=\"284\"/>",
        "",
    ),
    p(
        "TOC3",
        "toc 3",
        "Normal",
        "<w:spacing w:after=\"20\"/><w:ind w:left=\"567\"/>",
        "",
    ),
    p(
        "Organisation",
        "Organisation",
        "Title",
        "<w:spacing w:before=\"1800\" w:after=\"600\"/>",
        "<w:caps/><w:color w:val=\"404040\"/><w:spacing w:val=\"20\"/>\
         <w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>",
    ),
    p(
        "Mark",
        "Marking",
        "Normal",
        "<w:spacing w:before=\"120\" w:after=\"240\"/>",
        "<w:b/><w:bCs/><w:color w:val=\"C00000\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>",
    ),
    p(
        "TableText",
        "Table text",
        "TableText",
        "<w:spacing w:before=\"0\" w:after=\"60\" w:line=\"252\" w:lineRule=\"auto\"/>",
        "",
    ),
    p(
        "Basis",
        "Basis",
        "TableText",
        "<w:spacing w:before=\"20\" w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/>",
        "<w:color w:val=\"6E6E6E\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>",
    ),
    p(
        "InternalNote",
        "Internal note",
        "TableText",
        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>\
         <w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/>",
        "<w:i/><w:iCs/><w:color w:val=\"404040\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
    ),
    p(
        "Header",
        "header",
        "Header",
        "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"A6A6A6\"/></w:pBdr>\
         <w:spacing w:after=\"0\"/>",
        "<w:color w:val=\"595959\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>",
    ),
    p(
        "Footer",
        "footer",
        "Footer",
        "<w:spacing w:after=\"0\"/><w:jc w:val=\"right\"/>",
        "<w:color w:val=\"595959\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>",
    ),
    p(
        "Spacer",
        "Spacer",
        "Normal",
        "<w:spacing w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>",
        "<w:sz w:val=\"8\"/>",
    ),
];

fn paragraph_style(s: &Para) -> String {
    let mut ppr = String::from(s.ppr);
    let mut rpr = String::from(s.rpr);
    if let Some(level) = s.outline {
        ppr.insert_str(0, "<w:keepNext/><w:keepLines/>");
        ppr.push_str(&format!("<w:outlineLvl w:val=\"{level}\"/>"));
        let (size, color) = match level {
            0 => (32, DARK_BLUE),
            1 => (26, BLUE),
            _ => (22, BLUE),
        };
        rpr = format!(
            "<w:b/><w:bCs/><w:color w:val=\"{color}\"/>\
             <w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
        );
    }
    if s.id.starts_with("TOC") {
        // The right tab with a dot leader is where Word puts the page numbers; Word wants
        // `w:tabs` before the spacing.
        ppr.insert_str(
            0,
            &format!(
                "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{TEXT_WIDTH}\"/></w:tabs>"
            ),
        );
    }
    let based = if s.id == "Normal" {
        String::new()
    } else {
        "<w:basedOn w:val=\"Normal\"/>".to_string()
    };
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{based}\
         <w:next w:val=\"{next}\"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>",
        id = escape(s.id),
        name = escape(s.name),
        next = escape(s.next),
    )
}

/// The default table style, and the bordered grid every table of the document uses, its
/// first row shaded. The header cells are also shaded directly (see `body`), since a reader
/// that ignores conditional table formatting would otherwise show a plain first row.
fn tables() -> String {
    format!(
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">\
         <w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>\
         <w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>\
         <w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>\
         <w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>\
         <w:top w:w=\"{pad}\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"{pad}\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/>\
         </w:tblCellMar></w:tblPr>\
         <w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr>\
         <w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{HEAD_FILL}\"/></w:tcPr>\
         </w:tblStylePr></w:style>",
        borders = table::borders(),
        pad = 57,
        HEAD_FILL = table::HEAD_FILL,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_id_is_defined_once() {
        let mut ids: Vec<&str> = PARAGRAPHS.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before);
    }
}
