//! The HTML export read back: well-formed, self-contained, every requirement in tender order,
//! every link leading to an anchor, no markup from a text, and printable by LibreOffice.

use std::collections::HashSet;
use std::process::Command;

use kravkoll::domain::Lang;
use kravkoll::export::{TenderDocument, html, pdf};

use super::{AI, DRAFT, common, document};

fn html_of(doc: &TenderDocument) -> String {
    String::from_utf8(html::render(doc)).unwrap()
}

/// Elements that have no end tag.
const VOID: [&str; 2] = ["meta", "br"];

/// Checks that every element is closed in order, attribute values are quoted in pairs, and
/// text holds no bare `<`, `>` or `&` outside an entity: what the escaping must guarantee.
fn well_formed(html: &str) -> Result<(), String> {
    let mut open: Vec<String> = Vec::new();
    let mut rest = html.strip_prefix("<!DOCTYPE html>\n").ok_or("no doctype")?;
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        text_ok(&rest[..text_end])?;
        rest = &rest[text_end..];
        if rest.is_empty() {
            break;
        }
        let end = rest.find('>').ok_or("a tag is not closed")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if tag.matches('"').count() % 2 != 0 {
            return Err(format!("unbalanced quotes in <{tag}>"));
        }
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(o) if o == name => continue,
                o => return Err(format!("</{name}> closes {o:?}")),
            }
        }
        let name = tag.split_whitespace().next().unwrap_or("").to_string();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!("odd tag <{tag}>"));
        }
        if name == "style" {
            // The style sheet is raw text up to its end tag.
            let end = rest.find("</style>").ok_or("style not closed")?;
            rest = &rest[end..];
        }
        if !VOID.contains(&name.as_str()) {
            open.push(name);
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("left open: {open:?}"))
    }
}

fn text_ok(text: &str) -> Result<(), String> {
    if text.contains('>') {
        return Err(format!("a bare > in {text:?}"));
    }
    for (i, _) in text.match_indices('&') {
        let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];
        if !entity.iter().any(|e| text[i..].starts_with(e)) {
            return Err(format!("a bare & in {text:?}"));
        }
    }
    Ok(())
}

/// The values of `attr="…"` in the page.
fn values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let from = i + needle.len();
            let len = html[from..].find('"').unwrap();
            &html[from..from + len]
        })
        .collect()
}

/// What the HTML export makes of a text, as the test expects to find it.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn the_ai_tender_is_well_formed_and_self_contained() {
    let store = common::store(true);
    for (lang, internal) in [(Lang::Sv, false), (Lang::En, true)] {
        let page = html_of(&document(&store, AI, lang, internal));
        well_formed(&page).unwrap();
        for absent in ["http", "src=", "<link", "<script", "url("] {
            assert!(!page.contains(absent), "{absent} in the page");
        }
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(
            page.contains(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            )
        );
        assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert!(page.contains("@top-right { content: \"KS 2026/87\";"));
        assert!(page.contains("section { break-before: page; }"));
        assert!(page.contains("thead { display: table-header-group; }"));
        assert_eq!(page.contains("class=\"internal-note\""), internal);
    }
    let page = html_of(&document(&store, AI, Lang::Sv, false));
    let title = page
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next();
    assert!(
        title
            .unwrap()
            .starts_with("KS 2026/87 Kravspecifikation – "),
        "{title:?}"
    );
}

#[test]
fn every_requirement_is_there_with_its_number_and_title_in_tender_order() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    let page = html_of(&doc);
    let mut at = 0;
    for item in doc.items() {
        let heading = format!(
            "<article id=\"r-{}\">\n<h4><span class=\"num\">{}</span> {}</h4>",
            item.number.replace('.', "-"),
            item.number,
            escaped(&item.title)
        );
        let found = page[at..]
            .find(&heading)
            .unwrap_or_else(|| panic!("{} not after byte {at}", item.number));
        at += found + heading.len();
    }
    let articles = page.matches("<article ").count();
    assert_eq!(articles, doc.items().count());
    let answers = page.matches("<table class=\"answer\">").count();
    assert_eq!(answers, articles, "every requirement has boxes to tick");
    assert!(page.contains("<th scope=\"col\">☐ Uppfylls ej</th>"));
}

#[test]
fn every_link_leads_to_an_anchor_and_anchors_are_unique() {
    let store = common::store(true);
    let doc = document(&store, AI, Lang::En, true);
    let page = html_of(&doc);
    let ids = values(&page, "id");
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "an id is used twice");
    let hrefs = values(&page, "href");
    assert!(hrefs.len() > doc.sections.len(), "the contents link");
    for href in hrefs {
        let target = href.strip_prefix('#').expect("only links within the page");
        assert!(unique.contains(target), "{href} leads nowhere");
    }
    for s in &doc.sections {
        assert!(page.contains(&format!("<a href=\"#s-{}\">", s.number)));
        for g in &s.groups {
            let id = g.number.replace('.', "-");
            assert!(page.contains(&format!("<a href=\"#g-{id}\">")));
        }
    }
    let with_see = doc.items().find(|i| !i.see.is_empty()).unwrap();
    let first = with_see.see[0].replace('.', "-");
    assert!(page.contains(&format!("<a href=\"#r-{first}\">")));
}

#[test]
fn the_draft_is_marked_and_its_excluded_line_is_only_in_the_internal_variant() {
    let store = common::store(true);
    let internal_doc = document(&store, DRAFT, Lang::Sv, true);
    let left_out = &internal_doc.excluded.as_ref().unwrap().lines[0];
    let public = html_of(&document(&store, DRAFT, Lang::Sv, false));
    let internal = html_of(&internal_doc);
    for page in [&public, &internal] {
        well_formed(page).unwrap();
        assert!(page.contains("<p class=\"banner draft\" role=\"note\">UTKAST</p>"));
        assert!(page.contains("@top-left { content: \"UTKAST"));
    }
    assert!(!public.contains(&escaped(&left_out.title)));
    assert!(!public.contains("Krav som inte ingår"));
    assert!(!public.contains("banner internal"));
    assert!(internal.contains(&format!("<td>{}</td>", escaped(&left_out.title))));
    assert!(internal.contains("Krav som inte ingår"));
    assert!(internal.contains("INTERNT UNDERLAG"));
}

#[test]
fn markup_in_a_text_is_shown_as_text() {
    let store = common::store(true);
    let mut doc = document(&store, AI, Lang::Sv, false);
    let evil = "<script>alert(1)</script>";
    doc.cover.title = evil.into();
    doc.cover.organisation = "<img src=x onerror=alert(1)>".into();
    doc.cover.reference = "KS \"1\"</style><script>x</script>".into();
    let item = &mut doc.sections[0].groups[0].items[0];
    item.title = evil.into();
    item.text = format!("Före\n{evil}\n\n\"citat\" & 'apostrof'");
    item.evidence = evil.into();
    item.basis = vec![evil.into()];
    let page = html_of(&doc);
    well_formed(&page).unwrap();
    assert!(!page.to_lowercase().contains("<script"), "{page}");
    assert!(!page.contains("<img"));
    assert!(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assert!(page.contains("&quot;citat&quot; &amp; &#39;apostrof&#39;"));
    // The style element ends once, where it should.
    assert_eq!(page.matches("</style").count(), 1);
}

/// Whether a program answers `--version` (or `-v`, as poppler's do).
fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn libreoffice_prints_the_page_with_the_first_and_last_requirement() {
    let clients = pdf::available() && runs("pdftotext", "-v");
    if !clients {
        assert!(
            std::env::var_os("KRAVKOLL_REQUIRE_CLIENTS").is_none(),
            "KRAVKOLL_REQUIRE_CLIENTS is set but soffice or pdftotext is missing: \
             install {} and poppler-utils",
            pdf::PACKAGE
        );
        eprintln!("note: soffice or pdftotext missing; the HTML to PDF check is skipped");
        return;
    }
    let store = common::store(true);
    let doc = document(&store, AI, Lang::Sv, false);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ai.html");
    std::fs::write(&path, html::render(&doc)).unwrap();
    let pdf_path = pdf::convert(&path, dir.path()).unwrap();
    let out = Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    // A heading that wraps in the PDF reads as one line again with its whitespace folded.
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let first = doc.items().next().unwrap();
    let last = doc.items().last().unwrap();
    for item in [first, last] {
        assert!(
            text.contains(&format!("{} {}", item.number, item.title)),
            "{} {} not in the PDF",
            item.number,
            item.title
        );
    }
    assert!(text.contains("KS 2026/87"));
}
