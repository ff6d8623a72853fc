//! The small pieces of WordprocessingML every part is built from: one escape function that
//! every text and attribute value passes through, and runs, paragraphs and fields as strings.
//! Requirement texts come from set files and officers, so nothing reaches the XML unescaped.

/// Appends `s` to `out` with the five markup characters escaped and the characters XML 1.0
/// forbids dropped (a stray control character from a pasted text would make Word refuse the
/// whole file). Tab, newline and carriage return are legal XML and kept.
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// Run properties, as the XML inside `w:rPr`.
pub const PLAIN: &str = "";
pub const BOLD: &str = "<w:b/><w:bCs/>";
pub const ITALIC: &str = "<w:i/><w:iCs/>";

/// A run of text. Newlines become line breaks and tabs become tab stops, since Word reads a
/// newline inside `w:t` as a space; a carriage return only ever comes with a newline, or alone
/// from an old Mac text, and counts as one.
pub fn run(text: &str, rpr: &str) -> String {
    let mut out = String::from("<w:r>");
    if !rpr.is_empty() {
        out.push_str("<w:rPr>");
        out.push_str(rpr);
        out.push_str("</w:rPr>");
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                out.push_str("<w:t xml:space=\"preserve\">");
                push_escaped(&mut out, piece);
                out.push_str("</w:t>");
            }
        }
    }
    out.push_str("</w:r>");
    out
}

/// A paragraph in `style` (none for Normal), with more paragraph properties in `ppr` and the
/// runs already built.
pub fn para(style: &str, ppr: &str, runs: &str) -> String {
    let mut out = String::from("<w:p>");
    if !style.is_empty() || !ppr.is_empty() {
        out.push_str("<w:pPr>");
        if !style.is_empty() {
            out.push_str("<w:pStyle w:val=\"");
            push_escaped(&mut out, style);
            out.push_str("\"/>");
        }
        out.push_str(ppr);
        out.push_str("</w:pPr>");
    }
    out.push_str(runs);
    out.push_str("</w:p>");
    out
}

/// A paragraph of one run of plain text.
pub fn text_para(style: &str, text: &str) -> String {
    para(style, "", &run(text, PLAIN))
}

/// A bold label, a colon and the value: "Bifoga: …".
pub fn labelled(style: &str, label: &str, value: &str, rpr: &str) -> String {
    let mut runs = run(&format!("{label}: "), &format!("{BOLD}{rpr}"));
    runs.push_str(&run(value, rpr));
    para(style, "", &runs)
}

/// The paragraphs of a requirement text: a blank line (or one of only spaces) ends a
/// paragraph, a single newline is a line break within it.
pub fn paragraphs(style: &str, text: &str) -> String {
    paragraphs_with(style, "", text)
}

/// The paragraphs of a text, each with the paragraph properties `ppr`.
pub fn paragraphs_with(style: &str, ppr: &str, text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n').chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push_str(&para(style, ppr, &run(&current.join("\n"), PLAIN)));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    out
}

/// A field Word and LibreOffice compute when the page is laid out (PAGE, NUMPAGES), with `shown`
/// as the value a reader sees before that.
pub fn simple_field(instr: &str, shown: &str, rpr: &str) -> String {
    format!(
        "<w:fldSimple w:instr=\"{}\">{}</w:fldSimple>",
        escape(instr),
        run(shown, rpr)
    )
}

/// An XML part: the declaration, then the body.
pub fn part(body: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_in_text_and_attributes() {
        assert_eq!(
            escape("<script>&\"'</script>"),
            "&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;"
        );
        let r = run("a < b & \"c\"", BOLD);
        assert!(r.contains("a &lt; b &amp; &quot;c&quot;"), "{r}");
        assert!(!r.contains("a < b"));
    }

    #[test]
    fn forbidden_control_characters_are_dropped_and_legal_whitespace_kept() {
        let s = "a\u{0}b\u{1}c\u{8}d\u{b}e\u{c}f\u{1f}g\u{fffe}h\u{ffff}i";
        assert_eq!(escape(s), "abcdefghi");
        assert_eq!(escape("a\tb\nc\rd"), "a\tb\nc\rd");
        // The characters XML does allow, however unusual, survive.
        assert_eq!(escape("\u{7f}\u{85}\u{fffd}å"), "\u{7f}\u{85}\u{fffd}å");
    }

    #[test]
    fn newlines_and_tabs_become_breaks_and_tabs() {
        let r = run("one\ntwo\r\nthree\tfour", PLAIN);
        assert_eq!(r.matches("<w:br/>").count(), 2, "{r}");
        assert_eq!(r.matches("<w:tab/>").count(), 1, "{r}");
        assert!(!r.contains('\n') && !r.contains('\t'));
    }

    #[test]
    fn blank_lines_split_paragraphs_and_single_newlines_break_lines() {
        let p = paragraphs("", "First line\nsame paragraph\n\n  \nSecond\n\n\n");
        assert_eq!(p.matches("<w:p>").count(), 2, "{p}");
        assert_eq!(p.matches("<w:br/>").count(), 1, "{p}");
        assert_eq!(paragraphs("", "\n \n"), "");
    }
}
