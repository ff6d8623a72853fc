//! The HTML export: one self-contained file (inline style, no script, nothing fetched) that an
//! officer can open on a phone, publish as it is, or print. Every text from the document goes
//! through [`escape`], so a requirement text is always shown and never taken for markup.

mod style;
mod tables;

use super::labels::{Labels, labels};
use super::model::{Cover, Group, Item, Section, TenderDocument};

pub fn render(doc: &TenderDocument) -> Vec<u8> {
    let l = labels(doc.lang);
    let mut out = String::with_capacity(64 * 1024);
    head(&mut out, doc, l);
    out.push_str("<body>\n");
    cover(&mut out, doc, l);
    contents(&mut out, doc, l);
    out.push_str("<main>\n");
    for section in &doc.sections {
        requirement_section(&mut out, section, doc, l);
    }
    tables::evaluation(&mut out, doc, l);
    tables::amendments(&mut out, doc, l);
    tables::excluded(&mut out, doc, l);
    out.push_str("</main>\n");
    footer(&mut out, &doc.cover, l);
    out.push_str("</body>\n</html>\n");
    out.into_bytes()
}

/// `s` made safe as HTML text and as a quoted attribute value. Control characters are dropped
/// rather than escaped: HTML has no way to show them, and a parser treats them as errors.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The text's paragraphs (separated by blank lines), each as its lines.
pub(super) fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The anchor of a numbered part: `r` and `3.2.4` give `r-3-2-4`.
pub(super) fn anchor(prefix: &str, number: &str) -> String {
    format!("{prefix}-{}", number.replace('.', "-"))
}

/// Escaped text with its single line breaks kept.
fn lines(text: &str) -> String {
    let kept: Vec<String> = text.lines().map(|l| escape(l.trim())).collect();
    kept.join("<br>\n")
}

fn text_paragraphs(out: &mut String, text: &str, class: Option<&str>) {
    for para in paragraphs(text) {
        match class {
            Some(c) => out.push_str(&format!("<p class=\"{c}\">")),
            None => out.push_str("<p>"),
        }
        let escaped: Vec<String> = para.iter().map(|l| escape(l)).collect();
        out.push_str(&escaped.join("<br>\n"));
        out.push_str("</p>\n");
    }
}

fn head(out: &mut String, doc: &TenderDocument, l: &Labels) {
    let c = &doc.cover;
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n", doc.lang.code()));
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{} {} – {}</title>\n",
        escape(&c.reference),
        escape(l.document),
        escape(&c.title)
    ));
    out.push_str("<style>\n");
    out.push_str(&style::css(doc, l));
    out.push_str("</style>\n</head>\n");
}

fn cover(out: &mut String, doc: &TenderDocument, l: &Labels) {
    let c = &doc.cover;
    out.push_str("<header class=\"cover\">\n");
    if !c.organisation.is_empty() {
        out.push_str(&format!(
            "<p class=\"org\">{}</p>\n",
            escape(&c.organisation)
        ));
    }
    out.push_str(&format!(
        "<p class=\"doctype\">{}</p>\n<h1>{}</h1>\n",
        escape(l.document),
        escape(&c.title)
    ));
    if c.draft {
        out.push_str(&format!(
            "<p class=\"banner draft\" role=\"note\">{}</p>\n",
            escape(l.draft_mark)
        ));
    }
    if doc.internal {
        out.push_str(&format!(
            "<p class=\"banner internal\" role=\"note\">{}</p>\n",
            escape(l.internal_mark)
        ));
    }
    out.push_str("<table class=\"facts\">\n<tbody>\n");
    for (label, value) in facts(c, l) {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{value}</td></tr>\n",
            escape(label)
        ));
    }
    out.push_str("</tbody>\n</table>\n</header>\n");
}

/// The cover's facts, each value already escaped.
fn facts(c: &Cover, l: &Labels) -> Vec<(&'static str, String)> {
    let deadline = c
        .deadline
        .map_or_else(|| l.not_given.to_string(), |d| d.to_string());
    let sets = if c.sets.is_empty() {
        escape(l.not_given)
    } else {
        let each: Vec<String> = c
            .sets
            .iter()
            .map(|s| escape(&format!("{} ({} {})", s.title, s.id, s.version)))
            .collect();
        each.join("<br>\n")
    };
    vec![
        (l.reference, escape(&c.reference)),
        (l.procedure, escape(&c.procedure)),
        (l.deadline, escape(&deadline)),
        (l.status, escape(&c.status_label)),
        (l.version, c.version.to_string()),
        (l.date, c.date.to_string()),
        (l.language, escape(l.language_name)),
        (l.sets, sets),
    ]
}

/// A line of the contents: a section or a group, linked by its anchor.
pub(super) struct TocEntry<'a> {
    pub anchor: String,
    pub number: &'a str,
    pub title: &'a str,
    pub groups: Vec<TocEntry<'a>>,
}

/// The contents of both exports: every section with its groups, then the numbered tables.
pub(super) fn toc_entries<'a>(doc: &'a TenderDocument, l: &'a Labels) -> Vec<TocEntry<'a>> {
    let mut entries = Vec::new();
    for s in &doc.sections {
        let groups = s
            .groups
            .iter()
            .map(|g| TocEntry {
                anchor: anchor("g", &g.number),
                number: &g.number,
                title: &g.title,
                groups: Vec::new(),
            })
            .collect();
        entries.push(TocEntry {
            anchor: anchor("s", &s.number),
            number: &s.number,
            title: &s.title,
            groups,
        });
    }
    let tail = [
        doc.evaluation.as_ref().map(|e| (&e.number, l.evaluation)),
        doc.amendments.as_ref().map(|a| (&a.number, l.amendments)),
        doc.excluded.as_ref().map(|x| (&x.number, l.excluded)),
    ];
    for (number, title) in tail.into_iter().flatten() {
        entries.push(TocEntry {
            anchor: anchor("s", number),
            number,
            title,
            groups: Vec::new(),
        });
    }
    entries
}

fn toc_link(e: &TocEntry) -> String {
    format!(
        "<a href=\"#{}\">{} {}</a>",
        escape(&e.anchor),
        escape(e.number),
        escape(e.title)
    )
}

fn contents(out: &mut String, doc: &TenderDocument, l: &Labels) {
    out.push_str(&format!(
        "<nav class=\"toc\" aria-labelledby=\"toc\">\n<h2 id=\"toc\">{}</h2>\n<ul>\n",
        escape(l.contents)
    ));
    for entry in toc_entries(doc, l) {
        out.push_str(&format!("<li>{}", toc_link(&entry)));
        if !entry.groups.is_empty() {
            out.push_str("\n<ul>\n");
            for g in &entry.groups {
                out.push_str(&format!("<li>{}</li>\n", toc_link(g)));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
}

/// The opening of a numbered section, up to its heading.
fn section_start(out: &mut String, number: &str, title: &str) {
    out.push_str(&format!(
        "<section id=\"{}\">\n<h2><span class=\"num\">{}</span> {}</h2>\n",
        escape(&anchor("s", number)),
        escape(number),
        escape(title)
    ));
}

fn requirement_section(out: &mut String, s: &Section, doc: &TenderDocument, l: &Labels) {
    section_start(out, &s.number, &s.title);
    text_paragraphs(out, &s.intro, Some("intro"));
    for g in &s.groups {
        group(out, g, doc, l);
    }
    out.push_str("</section>\n");
}

fn group(out: &mut String, g: &Group, doc: &TenderDocument, l: &Labels) {
    out.push_str(&format!(
        "<h3 id=\"{}\"><span class=\"num\">{}</span> {}</h3>\n",
        escape(&anchor("g", &g.number)),
        escape(&g.number),
        escape(&g.title)
    ));
    for item in &g.items {
        requirement(out, item, doc, l);
    }
}

fn requirement(out: &mut String, item: &Item, doc: &TenderDocument, l: &Labels) {
    out.push_str(&format!(
        "<article id=\"{}\">\n<h4><span class=\"num\">{}</span> {}</h4>\n",
        escape(&anchor("r", &item.number)),
        escape(&item.number),
        escape(&item.title)
    ));
    text_paragraphs(out, &item.text, None);
    if !item.evidence.is_empty() {
        out.push_str(&format!(
            "<p class=\"evidence\"><strong>{}:</strong> {}</p>\n",
            escape(l.evidence),
            lines(&item.evidence)
        ));
    }
    see(out, item, doc, l);
    if !item.basis.is_empty() {
        out.push_str(&format!(
            "<p class=\"basis\"><small>{}: {}</small></p>\n",
            escape(l.basis),
            escape(&item.basis.join("; "))
        ));
    }
    internal_note(out, item, l);
    tables::answer(out, item, l);
    out.push_str("</article>\n");
}

/// Links to the related requirements; a number that is not in the document is shown unlinked
/// so the page never holds a link that leads nowhere.
fn see(out: &mut String, item: &Item, doc: &TenderDocument, l: &Labels) {
    if item.see.is_empty() {
        return;
    }
    let links: Vec<String> = item
        .see
        .iter()
        .map(|n| {
            if doc.items().any(|i| &i.number == n) {
                format!("<a href=\"#{}\">{}</a>", escape(&anchor("r", n)), escape(n))
            } else {
                escape(n)
            }
        })
        .collect();
    out.push_str(&format!(
        "<p class=\"see\">{}: {}</p>\n",
        escape(l.see),
        links.join(", ")
    ));
}

fn internal_note(out: &mut String, item: &Item, l: &Labels) {
    let Some(note) = &item.internal else { return };
    out.push_str("<div class=\"internal-note\">\n");
    out.push_str(&format!(
        "<p><strong>{}:</strong> {} · <strong>{}:</strong> {}</p>\n",
        escape(l.id),
        escape(&item.id),
        escape(l.origin),
        escape(&note.origin)
    ));
    for (label, text) in [
        (l.rationale, &note.rationale),
        (l.follow_up, &note.follow_up),
    ] {
        if text.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "<p><strong>{}:</strong> {}</p>\n",
            escape(label),
            lines(text)
        ));
    }
    out.push_str("</div>\n");
}

fn footer(out: &mut String, c: &Cover, l: &Labels) {
    out.push_str(&format!(
        "<footer>\n<p>{} · {} {} · {}</p>\n</footer>\n",
        escape(&c.reference),
        escape(l.version),
        c.version,
        c.date
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_controls_dropped() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("a & \"b\" 'c'"), "a &amp; &quot;b&quot; &#39;c&#39;");
        assert_eq!(escape("rad\u{0}\u{1b}[2J\r\nny\trad"), "rad[2J\nny\trad");
        assert_eq!(escape("Sökväg åäö"), "Sökväg åäö");
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_keep_single_breaks() {
        let p = paragraphs("Ett\ntvå\n\n  \ntre\n");
        assert_eq!(p, vec![vec!["Ett", "två"], vec!["tre"]]);
        let mut out = String::new();
        text_paragraphs(&mut out, "a<b\nc\n\nd", None);
        assert_eq!(out, "<p>a&lt;b<br>\nc</p>\n<p>d</p>\n");
    }

    #[test]
    fn anchors_replace_the_dots_of_a_number() {
        assert_eq!(anchor("r", "3.2.4"), "r-3-2-4");
        assert_eq!(anchor("s", "5"), "s-5");
    }
}
