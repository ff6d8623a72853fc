//! The package around the document text: content types, relationships, document properties,
//! settings, and the page header and footer. One list (`PARTS`) names every part with its
//! content type, so the zip and `[Content_Types].xml` cannot disagree.

use super::xml::{self, escape, part, run, simple_field};
use crate::domain::Lang;
use crate::export::labels::labels;
use crate::export::model::TenderDocument;

pub const CONTENT_TYPES: &str = "[Content_Types].xml";
pub const DOCUMENT: &str = "word/document.xml";
pub const STYLES: &str = "word/styles.xml";
pub const SETTINGS: &str = "word/settings.xml";
pub const HEADER: &str = "word/header1.xml";
pub const FOOTER: &str = "word/footer1.xml";
pub const CORE: &str = "docProps/core.xml";
pub const APP: &str = "docProps/app.xml";
pub const ROOT_RELS: &str = "_rels/.rels";
pub const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";

const WORDML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// The parts named by an override in `[Content_Types].xml`, in the order they go into the zip
/// (after the content types themselves; the relationship parts come by their extension).
pub const PARTS: [(&str, &str); 7] = [
    (DOCUMENT, "document.main+xml"),
    (STYLES, "styles+xml"),
    (SETTINGS, "settings+xml"),
    (HEADER, "header+xml"),
    (FOOTER, "footer+xml"),
    (
        CORE,
        "application/vnd.openxmlformats-package.core-properties+xml",
    ),
    (
        APP,
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    ),
];

/// A part's full content type: the WordprocessingML ones are written short in `PARTS`.
fn content_type(short: &str) -> String {
    if short.starts_with("application/") {
        short.to_string()
    } else {
        format!("{WORDML}.{short}")
    }
}

/// The relationship ids `document.xml` refers to its header and footer by.
pub const HEADER_ID: &str = "rIdHeader1";
pub const FOOTER_ID: &str = "rIdFooter1";

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The namespace declarations of a WordprocessingML root element.
pub fn namespaces() -> String {
    format!("xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\"")
}

pub fn content_types() -> String {
    let mut out = String::from(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" \
         ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    for (name, short) in PARTS {
        out.push_str(&format!(
            "<Override PartName=\"/{}\" ContentType=\"{}\"/>",
            escape(name),
            escape(&content_type(short))
        ));
    }
    out.push_str("</Types>");
    part(&out)
}

fn relationships(rels: &[(&str, &str, &str)]) -> String {
    let mut out = String::from(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (id, kind, target) in rels {
        out.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>"
        ));
    }
    out.push_str("</Relationships>");
    part(&out)
}

pub fn root_rels() -> String {
    relationships(&[
        ("rId1", &format!("{REL}/officeDocument"), DOCUMENT),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            CORE,
        ),
        ("rId3", &format!("{REL}/extended-properties"), APP),
    ])
}

pub fn document_rels() -> String {
    relationships(&[
        ("rIdStyles", &format!("{REL}/styles"), "styles.xml"),
        ("rIdSettings", &format!("{REL}/settings"), "settings.xml"),
        (HEADER_ID, &format!("{REL}/header"), "header1.xml"),
        (FOOTER_ID, &format!("{REL}/footer"), "footer1.xml"),
    ])
}

/// The language tag Word and LibreOffice spell-check and hyphenate by.
pub fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    }
}

/// Title, subject and language for the file manager and the PDF's metadata. The dates are the
/// document's own date, not the clock, so the same document gives the same bytes.
pub fn core(doc: &TenderDocument) -> String {
    let l = labels(doc.lang);
    let c = &doc.cover;
    let when = format!("{}T00:00:00Z", c.date.format("%Y-%m-%d"));
    let creator = if c.organisation.trim().is_empty() {
        String::new()
    } else {
        format!("<dc:creator>{}</dc:creator>", escape(&c.organisation))
    };
    part(&format!(
        "<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>{creator}\
         <dc:language>{lang}</dc:language>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>\
         </cp:coreProperties>",
        title = escape(&c.title),
        subject = escape(&format!("{} {}", l.document, c.reference)),
        lang = lang_tag(doc.lang),
    ))
}

pub fn app() -> String {
    part(
        "<Properties \
         xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>kravkoll</Application></Properties>",
    )
}

/// `updateFields` makes Word (after asking) rebuild the table of contents when the file is
/// opened; the compatibility mode keeps Word out of its compatibility view. Word reads the
/// settings in the schema's order, so the order here is not free.
pub fn settings(doc: &TenderDocument) -> String {
    part(&format!(
        "<w:settings {ns}>\
         <w:defaultTabStop w:val=\"709\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:updateFields w:val=\"true\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"{lang}\"/></w:settings>",
        ns = namespaces(),
        lang = lang_tag(doc.lang),
    ))
}

/// The words that mark every page: the reference and what the document is, and whether it is
/// a draft or the buyer's own.
pub fn header_text(doc: &TenderDocument) -> String {
    let l = labels(doc.lang);
    let mut text = String::new();
    if !doc.cover.reference.trim().is_empty() {
        text.push_str(&doc.cover.reference);
        text.push_str(" · ");
    }
    text.push_str(l.document);
    if doc.cover.draft {
        text.push_str(" · ");
        text.push_str(l.draft_mark);
    }
    if doc.internal {
        text.push_str(" · ");
        text.push_str(l.internal_short);
    }
    text
}

pub fn header(doc: &TenderDocument) -> String {
    part(&format!(
        "<w:hdr {}>{}</w:hdr>",
        namespaces(),
        xml::text_para("Header", &header_text(doc))
    ))
}

/// "Sida 3 av 12": the numbers are fields, so they are right on every page once laid out.
pub fn footer(doc: &TenderDocument) -> String {
    let l = labels(doc.lang);
    let mut runs = run(&format!("{} ", l.page), xml::PLAIN);
    runs.push_str(&simple_field("PAGE", "1", xml::PLAIN));
    runs.push_str(&run(&format!(" {} ", l.page_of), xml::PLAIN));
    runs.push_str(&simple_field("NUMPAGES", "1", xml::PLAIN));
    part(&format!(
        "<w:ftr {}>{}</w:ftr>",
        namespaces(),
        xml::para("Footer", "", &runs)
    ))
}
