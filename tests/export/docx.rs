//! The DOCX export read back: the package opened with the zip crate, its XML checked for
//! well-formedness by a small parser of our own, the structure Word and LibreOffice rely on
//! (styles, outline levels, the TOC field, repeated header rows, page fields) checked in the
//! parts, and the file laid out by LibreOffice itself when it is installed.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::process::Command;

use kravkoll::domain::Lang;
use kravkoll::export::{TenderDocument, docx};

mod xml_check;

use xml_check::{in_schema_order, well_formed};

use super::{AI, DRAFT, common, document};

const PARTS: [&str; 10] = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/document.xml",
    "word/styles.xml",
    "word/settings.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "word/_rels/document.xml.rels",
];

/// Every part of the package by name, as text; every part must be well-formed XML.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        if let Err(e) = well_formed(&text) {
            panic!("{name} is not well-formed: {e}");
        }
        parts.insert(name, text);
    }
    parts
}

fn rendered(doc: &TenderDocument) -> BTreeMap<String, String> {
    unzip(&docx::render(doc))
}

/// The text as it stands in `w:t` after escaping.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[test]
fn property_elements_follow_the_schema_order_word_insists_on() {
    let store = common::store(true);
    for (reference, internal) in [(AI, false), (DRAFT, true)] {
        let parts = rendered(&document(&store, reference, Lang::Sv, internal));
        for (name, xml) in &parts {
            if let Err(e) = in_schema_order(xml) {
                panic!("{name}: {e}");
            }
        }
    }
}

#[test]
fn every_part_is_there_and_named_by_the_content_types() {
    let store = common::store(true);
    let parts = rendered(&document(&store, AI, Lang::Sv, false));
    for name in PARTS {
        assert!(parts.contains_key(name), "{name} missing");
    }
    let types = &parts["[Content_Types].xml"];
    assert!(types.contains("<Default Extension=\"rels\""));
    for name in PARTS
        .iter()
        .filter(|n| !n.ends_with(".rels") && !n.starts_with('['))
    {
        assert!(types.contains(&format!("PartName=\"/{name}\"")), "{name}");
    }
    assert!(types.contains("wordprocessingml.document.main+xml"));
    let rels = &parts["word/_rels/document.xml.rels"];
    for target in ["styles.xml", "settings.xml", "header1.xml", "footer1.xml"] {
        assert!(rels.contains(&format!("Target=\"{target}\"")), "{target}");
    }
    assert!(parts["word/settings.xml"].contains("<w:updateFields w:val=\"true\"/>"));
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("<dc:title>AI-stöd för handläggning av ekonomiskt bistånd</dc:title>"));
    assert!(core.contains("<dc:language>sv-SE</dc:language>"));
}

#[test]
fn styles_define_the_headings_with_outline_levels_and_normal_as_default() {
    let store = common::store(true);
    let styles = &rendered(&document(&store, AI, Lang::Sv, false))["word/styles.xml"];
    assert!(styles.contains("w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\""));
    for level in 1..=3 {
        let start = styles
            .find(&format!("w:styleId=\"Heading{level}\""))
            .unwrap_or_else(|| panic!("Heading{level} not defined"));
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        assert!(style.contains(&format!("<w:name w:val=\"heading {level}\"/>")));
        assert!(style.contains(&format!("<w:outlineLvl w:val=\"{}\"/>", level - 1)));
        assert!(styles.contains(&format!(
            "w:styleId=\"TOC{level}\"><w:name w:val=\"toc {level}\""
        )));
    }
    assert!(styles.contains("w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"));
    assert!(styles.contains("w:styleId=\"Basis\""));
    assert!(styles.contains("<w:lang w:val=\"sv-SE\""));
}

/// The paragraphs of `style`, each as (its XML, its text unescaped again).
fn styled<'a>(xml: &'a str, style: &str) -> Vec<(&'a str, String)> {
    let mark = format!("<w:pStyle w:val=\"{style}\"/>");
    xml.split("<w:p>")
        .filter(|p| p.starts_with(&format!("<w:pPr>{mark}")))
        .map(|p| {
            let p = &p[..p.find("</w:p>").unwrap()];
            let text: String = p
                .split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .map(|t| &t[..t.find("</w:t>").unwrap()])
                .collect();
            (p, text.replace("&amp;", "&").replace("&lt;", "<"))
        })
        .collect()
}

#[test]
fn every_section_and_group_is_a_heading_and_the_contents_is_a_toc_field() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    let xml = &rendered(&doc)["word/document.xml"];
    let texts = |style| {
        styled(xml, style)
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
    };
    let mut expected = (Vec::new(), Vec::new());
    for s in &doc.sections {
        expected.0.push(format!("{} {}", s.number, s.title));
        for g in &s.groups {
            expected.1.push(format!("{} {}", g.number, g.title));
        }
    }
    expected.0.push("5 Utvärderingsmodell".into());
    assert_eq!(texts("Heading1"), expected.0);
    assert_eq!(texts("Heading2"), expected.1);
    // The first heading after the contents starts a page of its own.
    assert!(
        styled(xml, "Heading1")[0]
            .0
            .contains("<w:pageBreakBefore/>")
    );
    assert!(xml.contains(" TOC \\o \"1-3\" \\h \\z \\u </w:instrText>"));
    for kind in ["begin", "separate", "end"] {
        assert_eq!(xml.matches(&format!("w:fldCharType=\"{kind}\"")).count(), 1);
    }
    // The contents' own heading is not a heading style, so the TOC does not list it.
    assert_eq!(texts("ContentsTitle"), ["Innehåll"]);
    // The cached entries, for a reader that never updates the field: each heading in order,
    // linked to the bookmark on that very heading.
    let entries: Vec<_> = ["TOC1", "TOC2"]
        .iter()
        .flat_map(|s| styled(xml, s))
        .collect();
    assert_eq!(entries.len(), expected.0.len() + expected.1.len());
    let headings: Vec<_> = ["Heading1", "Heading2"]
        .iter()
        .flat_map(|s| styled(xml, s))
        .collect();
    for (entry, text) in &entries {
        let anchor = entry.split("w:anchor=\"").nth(1).unwrap();
        let anchor = &anchor[..anchor.find('"').unwrap()];
        let bookmark = format!("w:name=\"{anchor}\"");
        let target: Vec<_> = headings
            .iter()
            .filter(|(h, _)| h.contains(&bookmark))
            .collect();
        assert_eq!(target.len(), 1, "{anchor}");
        assert_eq!(&target[0].1, text);
    }
}

/// The document's tables, each from `<w:tbl>` to its end (no table here nests another).
fn tables(xml: &str) -> Vec<&str> {
    xml.split("<w:tbl>")
        .skip(1)
        .map(|t| &t[..t.find("</w:tbl>").unwrap()])
        .collect()
}

#[test]
fn every_table_after_the_cover_repeats_its_header_row() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    let xml = &rendered(&doc)["word/document.xml"];
    let tables = tables(xml);
    let groups = doc.sections.iter().map(|s| s.groups.len()).sum::<usize>();
    // The cover's facts, one per group, the evaluation model.
    assert_eq!(tables.len(), 1 + groups + 1);
    assert!(!tables[0].contains("<w:tblHeader/>"));
    for table in &tables[1..] {
        let first_row = &table[table.find("<w:tr>").unwrap()..];
        let first_row = &first_row[..first_row.find("</w:tr>").unwrap()];
        assert!(first_row.starts_with("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"));
        assert_eq!(table.matches("<w:tblHeader/>").count(), 1);
        assert!(table.contains("<w:tblGrid><w:gridCol"));
    }
    // The evaluation model's description stays on the page of its table.
    let description = &doc.evaluation.as_ref().unwrap().description;
    let kept =
        format!("<w:pPr><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">{description}");
    assert!(xml.contains(&kept));
    for head in ["Nr", "Krav", "Svar"] {
        assert!(tables[1].contains(&format!(">{head}</w:t>")), "{head}");
    }
}

#[test]
fn every_item_appears_in_tender_order_with_its_answers() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    let xml = &rendered(&doc)["word/document.xml"];
    let mut at = 0;
    for item in doc.items() {
        let number = format!(">{}</w:t>", item.number);
        at += xml[at..]
            .find(&number)
            .unwrap_or_else(|| panic!("{} missing or out of order", item.number));
        let title = format!(">{}</w:t>", esc(&item.title));
        at += xml[at..]
            .find(&title)
            .unwrap_or_else(|| panic!("{}'s title missing", item.number));
        if let Some(w) = &item.answer.weight {
            assert!(xml[at..].contains(&format!(">{}</w:t>", w.label)));
        }
    }
    let boxes = doc.items().map(|i| i.answer.options.len()).sum::<usize>();
    assert_eq!(xml.matches(">☐</w:t>").count(), boxes);
    assert!(xml.contains("> Uppfylls ej</w:t>") && xml.contains("> Accepteras</w:t>"));
    assert!(xml.contains(">Bifoga: </w:t>"));
    assert!(xml.contains(">Se även "));
    assert!(xml.contains("<w:pStyle w:val=\"Basis\"/>"));
    // The buyer's notes stay out of the public variant.
    assert!(!xml.contains(">Motiv: </w:t>") && !xml.contains("InternalNote"));
}

#[test]
fn the_draft_is_marked_and_its_excluded_line_is_only_in_the_internal_variant() {
    let store = common::store(true);
    let internal_doc = document(&store, DRAFT, Lang::Sv, true);
    let line = internal_doc.excluded.as_ref().unwrap().lines[0].clone();
    let public = rendered(&document(&store, DRAFT, Lang::Sv, false));
    let internal = rendered(&internal_doc);
    let (id, title) = (
        format!(">{}</w:t>", line.id),
        format!(">{}</w:t>", esc(&line.title)),
    );
    let body = &public["word/document.xml"];
    assert!(!body.contains(&id) && !body.contains(&title));
    assert!(!body.contains("Krav som inte ingår"));
    let body = &internal["word/document.xml"];
    assert!(body.contains(&id) && body.contains(&title));
    assert!(body.contains("Krav som inte ingår") && body.contains(">Motiv: </w:t>"));
    assert!(body.contains(">INTERNT UNDERLAG – lämnas inte ut till anbudsgivare</w:t>"));
    assert!(public["word/document.xml"].contains(">UTKAST</w:t>"));
    assert!(public["word/header1.xml"].contains(">KS 2026/118 · Kravspecifikation · UTKAST</w:t>"));
    assert!(internal["word/header1.xml"].contains("· UTKAST · INTERNT</w:t>"));
    assert!(!public["word/header1.xml"].contains("INTERNT"));
}

#[test]
fn the_footer_counts_pages_with_fields() {
    let store = common::store(true);
    let footer = &rendered(&document(&store, AI, Lang::Sv, false))["word/footer1.xml"];
    assert!(footer.contains(">Sida </w:t>") && footer.contains("> av </w:t>"));
    assert!(footer.contains("w:instr=\"PAGE\"") && footer.contains("w:instr=\"NUMPAGES\""));
    assert!(footer.find("\"PAGE\"") < footer.find("\"NUMPAGES\""));
}

#[test]
fn english_changes_the_fixed_words() {
    let store = common::store(true);
    let parts = rendered(&document(&store, AI, Lang::En, false));
    let body = &parts["word/document.xml"];
    assert!(body.contains(">Requirement specification</w:t>"));
    assert!(body.contains(">Contents</w:t>") && body.contains(">5 Evaluation model</w:t>"));
    assert!(body.contains("> Yes</w:t>") && !body.contains("Uppfylls"));
    assert!(parts["word/footer1.xml"].contains(">Page </w:t>"));
    assert!(parts["word/footer1.xml"].contains("> of </w:t>"));
    assert!(parts["word/styles.xml"].contains("<w:lang w:val=\"en-GB\""));
    assert!(parts["docProps/core.xml"].contains("<dc:language>en-GB</dc:language>"));
}

#[test]
fn markup_and_control_characters_in_texts_cannot_break_the_file() {
    let store = common::store(true);
    let mut doc = document(&store, AI, Lang::Sv, true);
    doc.cover.title = "<script>&\"'</script>".into();
    doc.cover.organisation = "A & B <AB>".into();
    let item = &mut doc.sections[0].groups[0].items[0];
    item.title = "Tom\u{0}\u{1b}[31m röd\u{fffe}".into();
    item.text = "Rad ett\nrad två\u{b}\n\nStycke två & <w:p>".into();
    // `unzip` checks every part for well-formedness.
    let parts = rendered(&doc);
    let body = &parts["word/document.xml"];
    assert!(body.contains(">&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;</w:t>"));
    assert!(body.contains(">A &amp; B &lt;AB&gt;</w:t>"));
    assert!(body.contains(">Tom[31m röd</w:t>"));
    assert!(body.contains(">Rad ett</w:t><w:br/><w:t xml:space=\"preserve\">rad två</w:t>"));
    assert!(body.contains(">Stycke två &amp; &lt;w:p&gt;</w:t>"));
    assert!(parts["docProps/core.xml"].contains("&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;"));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let store = common::store(true);
    let doc = document(&store, DRAFT, Lang::Sv, true);
    let a = docx::render(&doc);
    assert_eq!(a, docx::render(&doc));
    let b = kravkoll::export::render(
        &doc,
        kravkoll::export::Format::Docx,
        kravkoll::export::CsvStyle::Swedish,
    )
    .unwrap();
    assert_eq!(a, b);
    let archive = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    let first = archive.file_names().next().unwrap().unwrap();
    assert_eq!(first, "[Content_Types].xml");
}

/// Whether LibreOffice and pdftotext are here; without them the test passes with a note,
/// unless `KRAVKOLL_REQUIRE_CLIENTS` says this machine must have them.
#[allow(clippy::print_stderr)]
fn clients_present() -> bool {
    let mut missing = Vec::new();
    if !kravkoll::export::pdf::available() {
        missing.push(format!("soffice ({})", kravkoll::export::pdf::PACKAGE));
    }
    if Command::new("pdftotext").arg("-v").output().is_err() {
        missing.push("pdftotext (poppler-utils)".to_string());
    }
    if missing.is_empty() {
        return true;
    }
    let missing = missing.join(" and ");
    if std::env::var_os("KRAVKOLL_REQUIRE_CLIENTS").is_some() {
        panic!("KRAVKOLL_REQUIRE_CLIENTS is set but {missing} is not installed");
    }
    eprintln!("note: the DOCX layout was not checked: {missing} is not installed");
    false
}

#[test]
fn libreoffice_lays_out_the_whole_tender_and_fills_the_page_fields() {
    if !clients_present() {
        return;
    }
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anbud.docx");
    std::fs::write(&path, docx::render(&doc)).unwrap();
    let pdf = kravkoll::export::pdf::convert(&path, dir.path()).unwrap();
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = doc.items().next().unwrap();
    let last = doc.items().last().unwrap();
    let needles = [&first.number, &first.title, &last.number];
    for needle in needles
        .iter()
        .map(|s| s.as_str())
        .chain(["Kravspecifikation"])
    {
        assert!(text.contains(needle), "{needle} not in the PDF");
    }
    // LibreOffice replaced the fields' cached "1 av 1" with the real count.
    let count: u32 = text
        .split("Sida 1 av ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("\"Sida 1 av N\" on the first page");
    assert!(count > 10, "{count} pages");
    assert!(text.contains(&format!("Sida {count} av {count}")));
}
