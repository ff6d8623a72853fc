//! The tables of the HTML export: the answer box under each requirement (boxes to tick on
//! paper), and the evaluation model, the amendments and the lines left out.

use super::super::labels::Labels;
use super::super::model::{Item, TenderDocument};
use super::super::words;
use super::{anchor, escape, section_start, text_paragraphs};

/// The tenderer's answer as boxes to tick, and the weight an evaluated line carries.
pub fn answer(out: &mut String, item: &Item, l: &Labels) {
    out.push_str("<table class=\"answer\">\n<thead>\n<tr>");
    out.push_str(&format!("<th scope=\"col\">{}</th>", escape(l.answer)));
    for option in &item.answer.options {
        out.push_str(&format!("<th scope=\"col\">☐ {}</th>", escape(option)));
    }
    out.push_str("</tr>\n</thead>\n");
    if let Some(w) = &item.answer.weight {
        out.push_str(&format!(
            "<tbody>\n<tr><th scope=\"row\">{}</th><td colspan=\"{}\">{}</td></tr>\n</tbody>\n",
            escape(l.weight),
            item.answer.options.len().max(1),
            escape(&w.label)
        ));
    }
    out.push_str("</table>\n");
}

fn head_row(out: &mut String, cells: &[(&str, bool)]) {
    out.push_str("<thead>\n<tr>");
    for (text, numeric) in cells {
        let class = if *numeric { " class=\"n\"" } else { "" };
        out.push_str(&format!("<th scope=\"col\"{class}>{}</th>", escape(text)));
    }
    out.push_str("</tr>\n</thead>\n");
}

pub fn evaluation(out: &mut String, doc: &TenderDocument, l: &Labels) {
    let Some(e) = &doc.evaluation else { return };
    let w = words::of(doc.lang);
    section_start(out, &e.number, l.evaluation);
    text_paragraphs(out, &e.description, None);
    out.push_str("<table class=\"evaluation\">\n");
    head_row(
        out,
        &[
            (l.number, false),
            (l.requirement_title, false),
            (l.weight, true),
        ],
    );
    out.push_str("<tbody>\n");
    for row in &e.rows {
        out.push_str(&format!(
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td></tr>\n",
            escape(&anchor("r", &row.number)),
            escape(&row.number),
            escape(&row.title),
            escape(&w.weight(row.weight, e.scoring))
        ));
    }
    out.push_str("</tbody>\n<tfoot>\n");
    out.push_str(&format!(
        "<tr><th scope=\"row\" colspan=\"2\">{}</th><td class=\"n\"><strong>{}</strong></td></tr>\n",
        escape(l.total),
        escape(&w.weight(e.total, e.scoring))
    ));
    if let Some(target) = e.target_total {
        out.push_str(&format!(
            "<tr><th scope=\"row\" colspan=\"2\">{}</th><td class=\"n\">{}</td></tr>\n",
            escape(l.target_total),
            escape(&w.weight(target, e.scoring))
        ));
    }
    out.push_str("</tfoot>\n</table>\n</section>\n");
}

pub fn amendments(out: &mut String, doc: &TenderDocument, l: &Labels) {
    let Some(a) = &doc.amendments else { return };
    section_start(out, &a.number, l.amendments);
    out.push_str("<table class=\"amendments\">\n");
    head_row(
        out,
        &[
            (l.amendment_version, true),
            (l.date, false),
            (l.amendment_what, false),
            (l.reason, false),
        ],
    );
    out.push_str("<tbody>\n");
    for e in &a.entries {
        out.push_str(&format!(
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            e.version,
            escape(&e.date),
            escape(&e.what),
            escape(&e.reason)
        ));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

pub fn excluded(out: &mut String, doc: &TenderDocument, l: &Labels) {
    let Some(x) = &doc.excluded else { return };
    section_start(out, &x.number, l.excluded);
    out.push_str("<table class=\"excluded\">\n");
    head_row(
        out,
        &[
            (l.id, false),
            (l.requirement_title, false),
            (l.reason, false),
            (l.origin, false),
        ],
    );
    out.push_str("<tbody>\n");
    for line in &x.lines {
        let reason = line.reason.as_deref().unwrap_or(l.not_given);
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&line.id),
            escape(&line.title),
            escape(reason),
            escape(&line.origin)
        ));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}
