//! `word/document.xml`: the cover, the table of contents, the requirement sections and the
//! sections after them (evaluation model, amendments, lines left out), in the model's order.

use super::parts::{FOOTER_ID, HEADER_ID, namespaces};
use super::requirements::requirement_table;
use super::table::{Row, Table};
use super::xml::{BOLD, para, paragraphs, paragraphs_with, part, run, text_para};
use super::{MARGIN, PAGE_HEIGHT, PAGE_WIDTH};
use crate::export::labels::{Labels, labels};
use crate::export::model::TenderDocument;
use crate::export::words;

/// The body as it is written: the cover and the contents each end their page, so whichever
/// heading comes next starts a new one.
struct Body {
    out: String,
    new_page: bool,
    /// Headings written so far: the n-th carries the bookmark the n-th contents entry points to.
    headings: usize,
}

/// The bookmark on the n-th heading (from 1). Word hides bookmarks whose name starts with an
/// underscore, as it does its own `_Toc` ones.
fn bookmark(n: usize) -> String {
    format!("_Toc{n:08}")
}

impl Body {
    fn heading(&mut self, level: u8, text: &str) {
        let ppr = if std::mem::take(&mut self.new_page) {
            "<w:pageBreakBefore/>"
        } else {
            ""
        };
        self.headings += 1;
        let n = self.headings;
        let runs = format!(
            "<w:bookmarkStart w:id=\"{n}\" w:name=\"{}\"/>{}<w:bookmarkEnd w:id=\"{n}\"/>",
            bookmark(n),
            run(text, "")
        );
        self.out
            .push_str(&para(&format!("Heading{level}"), ppr, &runs));
    }
}

pub fn document(doc: &TenderDocument) -> String {
    let l = labels(doc.lang);
    let mut body = Body {
        out: String::new(),
        new_page: false,
        headings: 0,
    };
    cover(doc, l, &mut body.out);
    contents(doc, l, &mut body.out);
    body.new_page = true;
    for section in &doc.sections {
        body.heading(1, &format!("{} {}", section.number, section.title));
        body.out.push_str(&paragraphs("", &section.intro));
        for group in &section.groups {
            body.heading(2, &format!("{} {}", group.number, group.title));
            body.out.push_str(&requirement_table(doc, group));
        }
    }
    evaluation(doc, l, &mut body);
    amendments(doc, l, &mut body);
    excluded(doc, l, &mut body);
    part(&format!(
        "<w:document {ns}><w:body>{body}<w:sectPr>\
         <w:headerReference w:type=\"default\" r:id=\"{HEADER_ID}\"/>\
         <w:footerReference w:type=\"default\" r:id=\"{FOOTER_ID}\"/>\
         <w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/>\
         <w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" \
         w:left=\"{MARGIN}\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>",
        ns = namespaces(),
        body = body.out,
    ))
}

/// The first page: who buys, what the document is, what it is for, and the facts a tenderer
/// and a registrar look for first.
fn cover(doc: &TenderDocument, l: &Labels, out: &mut String) {
    let c = &doc.cover;
    if !c.organisation.trim().is_empty() {
        out.push_str(&text_para("Organisation", &c.organisation));
    }
    // Without an organisation the title still sits a little way down the page.
    let title_ppr = if c.organisation.trim().is_empty() {
        "<w:spacing w:before=\"2400\"/>"
    } else {
        ""
    };
    out.push_str(&para("Title", title_ppr, &run(l.document, "")));
    out.push_str(&text_para("Subtitle", &c.title));
    if c.draft {
        out.push_str(&text_para("Mark", l.draft_mark));
    }
    if doc.internal {
        out.push_str(&text_para("Mark", l.internal_mark));
    }
    let deadline = c.deadline.map_or_else(
        || l.not_given.to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    let mut facts = Table::new(&[32, 68]);
    for (label, value) in [
        (l.reference, c.reference.clone()),
        (l.procedure, c.procedure.clone()),
        (l.deadline, deadline),
        (l.status, c.status_label.clone()),
        (l.version, c.version.to_string()),
        (l.date, c.date.format("%Y-%m-%d").to_string()),
        (l.language, l.language_name.to_string()),
    ] {
        facts.labelled_row(label, &text_para("TableText", &value));
    }
    if !c.sets.is_empty() {
        let sets: String = c
            .sets
            .iter()
            .map(|s| {
                text_para(
                    "TableText",
                    &format!("{} ({} {})", s.title, s.id, s.version),
                )
            })
            .collect();
        facts.labelled_row(l.sets, &sets);
    }
    out.push_str(&facts.finish());
}

/// The headings the table of contents lists, with their level.
fn toc_entries(doc: &TenderDocument, l: &Labels) -> Vec<(u8, String)> {
    let mut entries = Vec::new();
    for s in &doc.sections {
        entries.push((1, format!("{} {}", s.number, s.title)));
        for g in &s.groups {
            entries.push((2, format!("{} {}", g.number, g.title)));
        }
    }
    if let Some(e) = &doc.evaluation {
        entries.push((1, format!("{} {}", e.number, l.evaluation)));
    }
    if let Some(a) = &doc.amendments {
        entries.push((1, format!("{} {}", a.number, l.amendments)));
    }
    if let Some(x) = &doc.excluded {
        entries.push((1, format!("{} {}", x.number, l.excluded)));
    }
    entries
}

/// The contents: a TOC field over heading levels 1–3, which Word and LibreOffice fill with
/// page numbers when they update it. Its cached result already lists the headings (without
/// page numbers), so a reader that never updates fields still sees what the document holds.
/// The heading above it is not a heading style, so it does not list itself.
fn contents(doc: &TenderDocument, l: &Labels, out: &mut String) {
    out.push_str(&para(
        "ContentsTitle",
        "<w:pageBreakBefore/>",
        &run(l.contents, ""),
    ));
    let mut entries = toc_entries(doc, l);
    if entries.is_empty() {
        entries.push((1, String::new()));
    }
    let last = entries.len() - 1;
    for (i, (level, text)) in entries.iter().enumerate() {
        let mut runs = String::new();
        if i == 0 {
            runs.push_str(
                "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>\
                 <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u \
                 </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            );
        }
        if !text.is_empty() {
            runs.push_str(&toc_entry(i + 1, text));
        }
        if i == last {
            runs.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        }
        out.push_str(&para(&format!("TOC{level}"), "", &runs));
    }
}

/// A contents entry: a link to its heading's bookmark. It has no page number: LibreOffice
/// neither rebuilds the TOC on opening nor computes a PAGEREF inside it, so a number here
/// would stay a placeholder in its PDF; Word rebuilds the whole field, numbers and all.
fn toc_entry(n: usize, text: &str) -> String {
    format!(
        "<w:hyperlink w:anchor=\"{}\" w:history=\"1\">{}</w:hyperlink>",
        bookmark(n),
        run(text, "")
    )
}

fn bold_para(text: &str) -> String {
    para("TableText", "", &run(text, BOLD))
}

fn evaluation(doc: &TenderDocument, l: &Labels, body: &mut Body) {
    let Some(e) = &doc.evaluation else { return };
    let w = words::of(doc.lang);
    body.heading(1, &format!("{} {}", e.number, l.evaluation));
    // Kept with the table, so the heading and its description do not end a page alone.
    body.out
        .push_str(&paragraphs_with("", "<w:keepNext/>", &e.description));
    let mut table = Table::new(&[14, 62, 24]).header(&[l.number, l.requirement_title, l.weight]);
    for row in &e.rows {
        table.row(
            &[
                bold_para(&row.number),
                text_para("TableText", &row.title),
                text_para("TableText", &w.weight(row.weight, e.scoring)),
            ],
            Row::Whole,
        );
    }
    table.row(
        &[
            String::new(),
            bold_para(l.total),
            bold_para(&w.weight(e.total, e.scoring)),
        ],
        Row::Total,
    );
    if let Some(target) = e.target_total {
        table.row(
            &[
                String::new(),
                text_para("TableText", l.target_total),
                text_para("TableText", &w.weight(target, e.scoring)),
            ],
            Row::Total,
        );
    }
    body.out.push_str(&table.finish());
}

fn amendments(doc: &TenderDocument, l: &Labels, body: &mut Body) {
    let Some(a) = &doc.amendments else { return };
    body.heading(1, &format!("{} {}", a.number, l.amendments));
    let mut table = Table::new(&[12, 16, 40, 32]).header(&[
        l.amendment_version,
        l.date,
        l.amendment_what,
        l.reason,
    ]);
    for entry in &a.entries {
        table.row(
            &[
                text_para("TableText", &entry.version.to_string()),
                text_para("TableText", &entry.date),
                paragraphs("TableText", &entry.what),
                paragraphs("TableText", &entry.reason),
            ],
            Row::Whole,
        );
    }
    body.out.push_str(&table.finish());
}

fn excluded(doc: &TenderDocument, l: &Labels, body: &mut Body) {
    let Some(x) = &doc.excluded else { return };
    body.heading(1, &format!("{} {}", x.number, l.excluded));
    let mut table =
        Table::new(&[16, 36, 28, 20]).header(&[l.id, l.requirement_title, l.reason, l.origin]);
    for line in &x.lines {
        table.row(
            &[
                bold_para(&line.id),
                text_para("TableText", &line.title),
                paragraphs("TableText", line.reason.as_deref().unwrap_or("–")),
                text_para("TableText", &line.origin),
            ],
            Row::Whole,
        );
    }
    body.out.push_str(&table.finish());
}
