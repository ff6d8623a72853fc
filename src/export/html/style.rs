//! The HTML export's style sheet: one column of readable width on a screen (down to a phone of
//! 360 px), and on paper page breaks before sections, the reference and marks in the page
//! margins, and no colour that only costs ink.

use super::super::labels::Labels;
use super::super::model::TenderDocument;

const SCREEN: &str = r#":root { color-scheme: light; }
html {
  font-size: 100%; -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
  font-family: system-ui, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif;
}
body {
  margin: 0 auto; max-width: 50rem; padding: 1rem 1.25rem 2rem;
  font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #fff;
  overflow-wrap: anywhere;
}
/* Named again on the elements: LibreOffice's HTML import does not inherit a font. */
body, h1, h2, h3, h4, th, td {
  font-family: system-ui, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif;
}
h1, h2, h3, h4 { line-height: 1.25; overflow-wrap: anywhere; }
h1 { font-size: 1.75rem; margin: 0.25rem 0 1rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 0.125rem solid #1a1a1a; }
h3 { font-size: 1.15rem; margin: 2rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 0 0 0.5rem; }
p { margin: 0 0 0.6rem; }
.num { font-variant-numeric: tabular-nums; margin-right: 0.35em; }
.cover { margin-bottom: 2rem; }
.org { font-size: 1.1rem; font-weight: 600; margin: 0; }
.doctype { margin: 1.5rem 0 0; font-size: 0.9rem; letter-spacing: 0.08em; text-transform: uppercase; color: #444; }
.banner { margin: 1rem 0; padding: 0.5rem 1rem; border: 0.2rem solid; font-size: 1.2rem; font-weight: 700; letter-spacing: 0.06em; text-align: center; }
.banner.draft { color: #8a1c00; background: #fff1ec; }
.banner.internal { color: #5c4000; background: #fff6d6; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #8c8c8c; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
/* In a cell, "anywhere" would let a narrow screen squeeze columns until numbers and short
   words break letter by letter; "break-word" breaks only what cannot fit. */
th, td { overflow-wrap: break-word; hyphens: auto; }
.evaluation td:first-child, .excluded td:first-child { white-space: nowrap; }
thead th { background: #ececec; }
.facts th { width: 38%; font-weight: 600; background: #f5f5f5; }
td.n, th.n { text-align: right; white-space: nowrap; }
.toc ul { list-style: none; margin: 0; padding-left: 0; }
.toc ul ul { padding-left: 1.5rem; }
.toc li { margin: 0.15rem 0; }
a { color: #0b4f9c; }
.intro { font-style: italic; }
article { margin: 0; padding: 1rem 0 0.5rem; border-top: 1px solid #c8c8c8; }
.evidence, .see { margin-bottom: 0.4rem; }
.basis { color: #444; }
small { font-size: 0.85rem; }
.internal-note { margin: 0.6rem 0; padding: 0.5rem 0.75rem; border: 0.15rem dashed #a06f00; background: #fffaf0; font-size: 0.9rem; }
.internal-note p { margin: 0.2rem 0; }
.answer { width: 100%; }
.answer th { width: 28%; }
.answer td, .answer thead th + th { font-size: 1.05rem; }
footer { margin-top: 3rem; padding-top: 0.5rem; border-top: 1px solid #8c8c8c; font-size: 0.85rem; color: #444; }
@media screen and (max-width: 30rem) {
  body { padding: 0.75rem 0.75rem 1.5rem; }
  h1 { font-size: 1.45rem; }
  h2 { font-size: 1.25rem; }
  th, td { padding: 0.25rem 0.35rem; }
}
"#;

const PRINT: &str = r#"  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; color: #000; }
  nav.toc, section { break-before: page; }
  article { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  table { break-inside: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  a { color: inherit; text-decoration: none; }
  thead th, .facts th, .banner, .internal-note { background: none; }
  .banner, .banner.draft, .banner.internal { color: #000; }
  footer { break-before: avoid; }
"#;

/// The whole style sheet; the print part names the document in the page margins.
pub fn css(doc: &TenderDocument, l: &Labels) -> String {
    let mut marks = Vec::new();
    if doc.cover.draft {
        marks.push(l.draft_mark);
    }
    if doc.internal {
        marks.push(l.internal_mark);
    }
    let mut page = String::from("  @page {\n    margin: 2cm;\n");
    page.push_str(&format!(
        "    @top-right {{ content: {}; font-size: 9pt; }}\n",
        css_string(&doc.cover.reference)
    ));
    if !marks.is_empty() {
        page.push_str(&format!(
            "    @top-left {{ content: {}; font-size: 9pt; font-weight: bold; }}\n",
            css_string(&marks.join(" · "))
        ));
    }
    page.push_str(&format!(
        "    @bottom-right {{ content: {} counter(page) {} counter(pages); font-size: 9pt; }}\n  }}\n",
        css_string(&format!("{} ", l.page)),
        css_string(&format!(" {} ", l.page_of))
    ));
    format!("{SCREEN}@media print {{\n{page}{PRINT}}}\n")
}

/// `s` as a quoted CSS string that cannot end the string, nor the `<style>` element it stands
/// in (the HTML parser ends it at `</style` whatever the CSS says).
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // Hex escapes end at the space after them, which CSS consumes.
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            '&' => out.push_str("\\26 "),
            '\n' => out.push_str("\\a "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_css_string_cannot_end_itself_or_the_style_element() {
        let s = css_string("KS \"2026\"</style><script>x</script>\\");
        assert_eq!(
            s,
            "\"KS \\\"2026\\\"\\3c /style\\3e \\3c script\\3e x\\3c /script\\3e \\\\\""
        );
        assert!(!s.contains('<'));
        // The only unescaped quotes are the two around the string.
        let inner = &s[1..s.len() - 1];
        let bare = inner
            .char_indices()
            .filter(|&(i, c)| c == '"' && !inner[..i].ends_with('\\'))
            .count();
        assert_eq!(bare, 0);
    }

    #[test]
    fn a_plain_reference_is_kept_as_it_is() {
        assert_eq!(css_string("KS 2026/87"), "\"KS 2026/87\"");
    }
}
