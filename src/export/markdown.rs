//! The Markdown export (GitHub-flavoured), made to be kept in git: one paragraph per line, no
//! trailing spaces, and nothing that changes between two exports of an unchanged tender but
//! the date on the cover, so a diff between versions shows what changed in the tender. Every
//! heading carries an explicit `<a id>` anchor, the same as the HTML export's, so the links
//! resolve whatever the renderer makes of the heading text. Texts are escaped so that a
//! requirement text is always shown as text: it cannot open a table, a list, a quote or a
//! link, nor bring HTML of its own.

use super::html::{TocEntry, anchor, paragraphs, toc_entries};
use super::labels::{Labels, labels};
use super::model::{Cover, Group, Item, Section, TenderDocument};
use super::words;

pub fn render(doc: &TenderDocument) -> Vec<u8> {
    let l = labels(doc.lang);
    let mut md = Md::default();
    cover(&mut md, doc, l);
    contents(&mut md, doc, l);
    for section in &doc.sections {
        requirement_section(&mut md, section, l);
    }
    evaluation(&mut md, doc, l);
    amendments(&mut md, doc, l);
    excluded(&mut md, doc, l);
    md.out.into_bytes()
}

/// The document as blocks: each block is separated from the next by one blank line.
#[derive(Default)]
struct Md {
    out: String,
}

impl Md {
    /// A block of lines; none of them ends in a space.
    fn block(&mut self, lines: &[String]) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        for line in lines {
            self.out.push_str(line.trim_end());
            self.out.push('\n');
        }
    }

    fn line(&mut self, line: String) {
        self.block(&[line]);
    }

    fn heading(&mut self, level: usize, id: &str, number: &str, title: &str) {
        self.line(format!(
            "{} <a id=\"{id}\"></a>{} {}",
            "#".repeat(level),
            inline(number),
            inline(&one_line(title))
        ));
    }

    fn paragraphs(&mut self, text: &str) {
        for para in paragraphs(text) {
            self.line(paragraph(&para));
        }
    }

    /// A GFM table: a header row, the delimiter row and the body rows, cells already escaped.
    fn table(&mut self, head: &[String], align: &[bool], rows: &[Vec<String>]) {
        let mut lines = vec![row(head)];
        let delimiter: Vec<String> = align
            .iter()
            .map(|right| if *right { "---:" } else { "---" }.to_string())
            .collect();
        lines.push(row(&delimiter));
        lines.extend(rows.iter().map(|r| row(r)));
        self.block(&lines);
    }
}

fn row(cells: &[String]) -> String {
    let mut line = String::from("|");
    for c in cells {
        line.push(' ');
        line.push_str(c);
        line.push_str(" |");
    }
    line
}

/// Text escaped for the middle of a line: backslash escapes for what would start emphasis,
/// code, a link, a heading's closing `#`, a table cell's end, math or an entity; `<` as an
/// entity so no HTML tag or autolink can start. Control characters are dropped.
pub fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        let after = chars.get(i + 1);
        match c {
            '\\' | '`' | '*' | '[' | ']' | '#' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // An underscore between two letters or digits never starts emphasis.
            '_' if before.is_some_and(|b| b.is_alphanumeric())
                && after.is_some_and(|a| a.is_alphanumeric()) =>
            {
                out.push('_')
            }
            '_' => out.push_str("\\_"),
            '&' if after.is_some_and(|a| a.is_ascii_alphanumeric() || *a == '#') => {
                out.push_str("\\&")
            }
            '<' => out.push_str("&lt;"),
            '\t' => out.push(' '),
            '\n' => out.push('\n'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escaped text that stands at the start of a line, where `>`, `-`, `+`, `=` and `1.` would
/// open a quote, a list or a heading underline.
fn line_start(escaped: String) -> String {
    let digits = escaped.chars().take_while(|c| c.is_ascii_digit()).count();
    let after_digits = escaped[digits..].chars().next();
    if digits > 0 && matches!(after_digits, Some('.' | ')')) {
        let (n, rest) = escaped.split_at(digits);
        return format!("{n}\\{rest}");
    }
    match escaped.chars().next() {
        Some('>' | '-' | '+' | '=') => format!("\\{escaped}"),
        _ => escaped,
    }
}

/// One paragraph on one line; its single line breaks kept as `<br>`.
fn paragraph(lines: &[&str]) -> String {
    let escaped: Vec<String> = lines.iter().map(|l| inline(l)).collect();
    line_start(escaped.join("<br>"))
}

/// Text for a table cell: escaped, with its lines joined by `<br>` since a cell is one line.
fn cell(s: &str) -> String {
    let parts: Vec<String> = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(inline)
        .collect();
    parts.join("<br>")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cover(md: &mut Md, doc: &TenderDocument, l: &Labels) {
    let c = &doc.cover;
    md.line(format!(
        "# {}: {}",
        inline(l.document),
        inline(&one_line(&c.title))
    ));
    if c.draft {
        md.line(format!("> **{}**", inline(l.draft_mark)));
    }
    if doc.internal {
        md.line(format!("> **{}**", inline(l.internal_mark)));
    }
    let facts = facts(c, l);
    let rows: Vec<Vec<String>> = facts[1..]
        .iter()
        .map(|(k, v)| vec![cell(k), v.clone()])
        .collect();
    md.table(
        &[cell(facts[0].0), facts[0].1.clone()],
        &[false, false],
        &rows,
    );
}

/// The cover's facts, values escaped; the reference first, as the table's head.
fn facts(c: &Cover, l: &Labels) -> Vec<(&'static str, String)> {
    let or_not_given = |s: &str| {
        if s.trim().is_empty() {
            cell(l.not_given)
        } else {
            cell(s)
        }
    };
    let sets: Vec<String> = c
        .sets
        .iter()
        .map(|s| cell(&format!("{} ({} {})", s.title, s.id, s.version)))
        .collect();
    let mut facts = vec![(l.reference, or_not_given(&c.reference))];
    // A cover without the buyer's name says nothing of it, as the DOCX and HTML covers do.
    if !c.organisation.trim().is_empty() {
        facts.push((l.organisation, cell(&c.organisation)));
    }
    facts.extend([
        (l.procedure, or_not_given(&c.procedure)),
        (
            l.deadline,
            c.deadline
                .map_or_else(|| cell(l.not_given), |d| d.to_string()),
        ),
        (l.status, or_not_given(&c.status_label)),
        (l.version, c.version.to_string()),
        (l.date, c.date.to_string()),
        (l.language, cell(l.language_name)),
        (
            l.sets,
            if sets.is_empty() {
                cell(l.not_given)
            } else {
                sets.join("<br>")
            },
        ),
    ]);
    facts
}

fn contents(md: &mut Md, doc: &TenderDocument, l: &Labels) {
    md.line(format!("## {}", inline(l.contents)));
    let link = |e: &TocEntry| {
        format!(
            "[{} {}](#{})",
            inline(e.number),
            inline(&one_line(e.title)),
            e.anchor
        )
    };
    let mut lines = Vec::new();
    for entry in toc_entries(doc, l) {
        lines.push(format!("- {}", link(&entry)));
        for g in &entry.groups {
            lines.push(format!("  - {}", link(g)));
        }
    }
    md.block(&lines);
}

fn requirement_section(md: &mut Md, s: &Section, l: &Labels) {
    md.heading(2, &anchor("s", &s.number), &s.number, &s.title);
    md.paragraphs(&s.intro);
    for g in &s.groups {
        group(md, g, l);
    }
}

fn group(md: &mut Md, g: &Group, l: &Labels) {
    md.heading(3, &anchor("g", &g.number), &g.number, &g.title);
    for item in &g.items {
        requirement(md, item, l);
    }
}

fn requirement(md: &mut Md, item: &Item, l: &Labels) {
    md.heading(4, &anchor("r", &item.number), &item.number, &item.title);
    md.paragraphs(&item.text);
    if !item.evidence.is_empty() {
        md.line(format!(
            "**{}:** {}",
            inline(l.evidence),
            cell(&item.evidence)
        ));
    }
    if !item.see.is_empty() {
        let links: Vec<String> = item
            .see
            .iter()
            .map(|n| format!("[{}](#{})", inline(n), anchor("r", n)))
            .collect();
        md.line(format!("{}: {}", inline(l.see), links.join(", ")));
    }
    if !item.basis.is_empty() {
        md.line(format!(
            "*{}:* {}",
            inline(l.basis),
            cell(&item.basis.join("; "))
        ));
    }
    internal_note(md, item, l);
    let mut head = vec![cell(l.answer)];
    head.extend(item.answer.options.iter().map(|o| format!("☐ {}", cell(o))));
    let rows: Vec<Vec<String>> = match &item.answer.weight {
        Some(w) => {
            let mut r = vec![cell(l.weight), cell(&w.label)];
            r.resize(head.len(), String::new());
            vec![r]
        }
        None => Vec::new(),
    };
    md.table(&head, &vec![false; head.len()], &rows);
}

/// What only the buyer reads, as a quote: set apart from the tender's own text.
fn internal_note(md: &mut Md, item: &Item, l: &Labels) {
    let Some(note) = &item.internal else { return };
    let mut lines = vec![format!(
        "> **{}:** {} · **{}:** {}",
        inline(l.id),
        cell(&item.id),
        inline(l.origin),
        cell(&note.origin)
    )];
    for (label, text) in [
        (l.rationale, &note.rationale),
        (l.follow_up, &note.follow_up),
    ] {
        for (i, para) in paragraphs(text).iter().enumerate() {
            lines.push(">".to_string());
            let body = paragraph(para);
            lines.push(if i == 0 {
                format!("> **{}:** {body}", inline(label))
            } else {
                format!("> {body}")
            });
        }
    }
    md.block(&lines);
}

fn evaluation(md: &mut Md, doc: &TenderDocument, l: &Labels) {
    let Some(e) = &doc.evaluation else { return };
    let w = words::of(doc.lang);
    md.heading(2, &anchor("s", &e.number), &e.number, l.evaluation);
    md.paragraphs(&e.description);
    let mut rows: Vec<Vec<String>> = e
        .rows
        .iter()
        .map(|r| {
            vec![
                format!("[{}](#{})", inline(&r.number), anchor("r", &r.number)),
                cell(&r.title),
                cell(&w.weight(r.weight, e.scoring)),
            ]
        })
        .collect();
    rows.push(vec![
        format!("**{}**", inline(l.total)),
        String::new(),
        format!("**{}**", cell(&w.weight(e.total, e.scoring))),
    ]);
    if let Some(target) = e.target_total {
        rows.push(vec![
            cell(l.target_total),
            String::new(),
            cell(&w.weight(target, e.scoring)),
        ]);
    }
    let head = [cell(l.number), cell(l.requirement_title), cell(l.weight)];
    md.table(&head, &[false, false, true], &rows);
}

fn amendments(md: &mut Md, doc: &TenderDocument, l: &Labels) {
    let Some(a) = &doc.amendments else { return };
    md.heading(2, &anchor("s", &a.number), &a.number, l.amendments);
    let rows: Vec<Vec<String>> = a
        .entries
        .iter()
        .map(|e| {
            vec![
                e.version.to_string(),
                cell(&e.date),
                cell(&e.what),
                cell(&e.reason),
            ]
        })
        .collect();
    let head = [l.amendment_version, l.date, l.amendment_what, l.reason].map(cell);
    md.table(&head, &[true, false, false, false], &rows);
}

fn excluded(md: &mut Md, doc: &TenderDocument, l: &Labels) {
    let Some(x) = &doc.excluded else { return };
    md.heading(2, &anchor("s", &x.number), &x.number, l.excluded);
    let rows: Vec<Vec<String>> = x
        .lines
        .iter()
        .map(|line| {
            vec![
                cell(&line.id),
                cell(&line.title),
                cell(line.reason.as_deref().unwrap_or(l.not_given)),
                cell(&line.origin),
            ]
        })
        .collect();
    let head = [l.id, l.requirement_title, l.reason, l.origin].map(cell);
    md.table(&head, &[false; 4], &rows);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_in_a_text_is_shown_not_run() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "&lt;script>alert(1)&lt;/script>"
        );
        assert!(!inline("<img src=x onerror=alert(1)>").contains('<'));
    }

    #[test]
    fn a_pipe_in_a_cell_does_not_end_it() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(row(&[cell("x | y"), cell("z")]), "| x \\| y | z |");
        assert_eq!(cell("två\nrader"), "två<br>rader");
    }

    #[test]
    fn links_code_emphasis_and_entities_are_escaped() {
        assert_eq!(inline("[klick](http://x)"), "\\[klick\\](http://x)");
        assert_eq!(
            inline("`kod` *fet* ~~bort~~"),
            "\\`kod\\` \\*fet\\* \\~\\~bort\\~\\~"
        );
        assert_eq!(inline("snake_case _kursiv_"), "snake_case \\_kursiv\\_");
        assert_eq!(inline("&amp; & och"), "\\&amp; & och");
        assert_eq!(inline("C# \\"), "C\\# \\\\");
    }

    #[test]
    fn a_line_cannot_open_a_block() {
        assert_eq!(paragraph(&["# Rubrik"]), "\\# Rubrik");
        assert_eq!(paragraph(&["> citat"]), "\\> citat");
        assert_eq!(paragraph(&["- punkt"]), "\\- punkt");
        assert_eq!(paragraph(&["+ punkt"]), "\\+ punkt");
        assert_eq!(paragraph(&["* punkt"]), "\\* punkt");
        assert_eq!(paragraph(&["1. punkt"]), "1\\. punkt");
        assert_eq!(paragraph(&["12) punkt"]), "12\\) punkt");
        assert_eq!(paragraph(&["---"]), "\\---");
        assert_eq!(paragraph(&["2026 års krav"]), "2026 års krav");
        assert_eq!(paragraph(&["Ett", "två"]), "Ett<br>två");
    }

    #[test]
    fn blocks_have_no_trailing_spaces_and_one_blank_line_between() {
        let mut md = Md::default();
        md.line("a ".into());
        md.table(&["x".into(), String::new()], &[false, true], &[]);
        assert_eq!(md.out, "a\n\n| x |  |\n| --- | ---: |\n");
    }
}
