//! The Markdown export read back: links that resolve, the internal variant's extra table, a
//! text that cannot break the layout, and snapshots of the demo tender (with its JSON) so a
//! change to what an officer commits to git is seen in review.

use std::collections::HashSet;

use chrono::Days;
use kravkoll::domain::Lang;
use kravkoll::export::{Options, TenderDocument, json, markdown};

use super::{AI, DRAFT, common, document, loaded};

fn md_of(doc: &TenderDocument) -> String {
    String::from_utf8(markdown::render(doc)).unwrap()
}

/// The targets of `](#…)` links and the ids of `<a id="…"></a>` anchors.
fn links_and_anchors(md: &str) -> (Vec<&str>, HashSet<&str>) {
    let between = |open: &str, close: char| -> Vec<&str> {
        md.match_indices(open)
            .map(|(i, _)| {
                let from = i + open.len();
                let len = md[from..].find(close).unwrap();
                &md[from..from + len]
            })
            .collect()
    };
    let links = between("](#", ')');
    let anchors = between("<a id=\"", '"').into_iter().collect();
    (links, anchors)
}

#[test]
fn every_link_resolves_to_an_anchor() {
    let store = common::store(true);
    for (reference, internal) in [(AI, false), (AI, true), (DRAFT, true)] {
        let doc = document(&store, reference, Lang::Sv, internal);
        let md = md_of(&doc);
        let (links, anchors) = links_and_anchors(&md);
        assert!(links.len() > doc.sections.len());
        for link in &links {
            assert!(anchors.contains(link), "#{link} has no anchor");
        }
        for item in doc.items() {
            let heading = format!(
                "#### <a id=\"r-{}\"></a>{} ",
                item.number.replace('.', "-"),
                item.number
            );
            assert_eq!(md.matches(&heading).count(), 1, "{heading}");
        }
    }
}

#[test]
fn lines_have_no_trailing_space_and_blocks_one_blank_line() {
    let store = common::store(true);
    let md = md_of(&document(&store, DRAFT, Lang::En, true));
    for line in md.lines() {
        assert_eq!(line, line.trim_end(), "trailing space");
    }
    assert!(!md.contains("\n\n\n"));
    assert!(md.ends_with("|\n") && !md.ends_with("\n\n"));
}

#[test]
fn only_the_cover_date_changes_from_one_day_to_the_next() {
    let store = common::store(true);
    let opts = Options {
        lang: Lang::Sv,
        internal: false,
    };
    let today = common::today();
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap();
    let a = md_of(&loaded(&store, AI).document("Exempelstads kommun", today, opts));
    let b = md_of(&loaded(&store, AI).document("Exempelstads kommun", tomorrow, opts));
    let changed: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
    assert_eq!(
        changed,
        [(
            format!("| Datum | {today} |").as_str(),
            format!("| Datum | {tomorrow} |").as_str()
        )]
    );
}

#[test]
fn the_draft_is_marked_and_its_excluded_line_is_only_in_the_internal_variant() {
    let store = common::store(true);
    let internal_doc = document(&store, DRAFT, Lang::Sv, true);
    let left_out = &internal_doc.excluded.as_ref().unwrap().lines[0];
    let public = md_of(&document(&store, DRAFT, Lang::Sv, false));
    let internal = md_of(&internal_doc);
    assert!(public.contains("\n> **UTKAST**\n"));
    assert!(!public.contains(&left_out.title));
    assert!(!public.contains("Krav som inte ingår"));
    assert!(!public.contains("INTERNT"));
    assert!(internal.contains(&format!("| {} | {} |", left_out.id, left_out.title)));
    assert!(internal.contains("Krav som inte ingår"));
    assert!(internal.contains("\n> **INTERNT UNDERLAG"));
}

#[test]
fn markup_in_a_text_cannot_break_the_layout() {
    let store = common::store(true);
    let mut doc = document(&store, AI, Lang::Sv, false);
    doc.cover.title = "<script>alert(1)</script> | del".into();
    let item = &mut doc.sections[0].groups[0].items[0];
    item.title = "<script>alert(1)</script>".into();
    item.text =
        "# Inte en rubrik\n- inte en lista\n\n- ny rad\n\n1. ett\n\n| a | b |\n\n[länk](http://x)"
            .into();
    let md = md_of(&doc);
    assert!(!md.contains("<script"));
    assert!(md.contains("# Kravspecifikation: &lt;script>alert(1)&lt;/script> \\| del\n"));
    assert!(md.contains("\n\\# Inte en rubrik<br>- inte en lista\n"));
    assert!(md.contains("\n\\- ny rad\n\n1\\. ett\n"));
    assert!(md.contains("\n\\| a \\| b \\|\n"));
    assert!(md.contains("\n\\[länk\\](http://x)\n"));
}

#[test]
fn the_ai_tender_in_swedish() {
    let store = common::store(true);
    insta::assert_snapshot!(
        "ai_tender_sv",
        md_of(&document(&store, AI, Lang::Sv, false))
    );
}

#[test]
fn the_ai_tender_in_english() {
    let store = common::store(true);
    insta::assert_snapshot!(
        "ai_tender_en",
        md_of(&document(&store, AI, Lang::En, false))
    );
}

#[test]
fn the_ai_tender_as_json_in_swedish_and_english() {
    let store = common::store(true);
    for lang in [Lang::Sv, Lang::En] {
        let bytes = json::render(&document(&store, AI, lang, false));
        insta::assert_snapshot!(
            format!("ai_tender_json_{}", lang.code()),
            String::from_utf8(bytes).unwrap()
        );
    }
}
