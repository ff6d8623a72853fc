//! Drawing the Library tab: sets, the requirements of the selected set, and the selected
//! requirement in full in the interface language; or the search results.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Library, Pane, Search};
use crate::domain::key_date::find_date;
use crate::domain::{KeyDate, Lang, Requirement, RequirementSet};
use crate::i18n::{self, Label, Msg};
use crate::store::sets::Origin;
use crate::tui::screens::id_width;
use crate::tui::theme::Theme;
use crate::tui::widgets::{notice, pad};

fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(
            format!(" {title} "),
            if focused { theme.title() } else { theme.dim() },
        ))
        .border_style(theme.border(focused))
}

pub fn draw(frame: &mut Frame, area: Rect, s: &Library, lang: Lang, theme: &Theme) {
    if let Some(search) = &s.search {
        draw_search(frame, area, search, lang, theme);
        return;
    }
    let (sets_area, reqs_area, detail_area) = if area.width >= 120 {
        let [a, b, c] = Layout::horizontal([
            Constraint::Percentage(24),
            Constraint::Percentage(36),
            Constraint::Fill(1),
        ])
        .areas(area);
        (a, b, c)
    } else {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area);
        let [a, b] =
            Layout::horizontal([Constraint::Percentage(34), Constraint::Fill(1)]).areas(top);
        (a, b, bottom)
    };
    draw_sets(frame, sets_area, s, lang, theme);
    draw_requirements(frame, reqs_area, s, lang, theme);
    let block = pane_block(
        Msg::Detail.text(lang).to_string(),
        s.pane == Pane::Detail,
        theme,
    );
    let text = match (s.selected_requirement(), s.current_set()) {
        (Some(r), Some(set)) => {
            let mut text = requirement_text(r, set, lang, theme);
            text.extend(reference_lines(r, set, &s.key_dates, lang));
            text
        }
        (None, Some(set)) => set_text(set, lang, theme),
        _ => vec![Line::from(Span::styled(
            Msg::NoSets.text(lang),
            theme.dim(),
        ))],
    };
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((s.detail_scroll, 0)),
        detail_area,
    );
}

fn draw_sets(frame: &mut Frame, area: Rect, s: &Library, lang: Lang, theme: &Theme) {
    let block = pane_block(
        format!("{} ({})", Msg::Sets.text(lang), s.sets.len()),
        s.pane == Pane::Sets,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let rows: Vec<Line> = s
        .set_cursor
        .window(usize::from(inner.height))
        .map(|i| {
            let set = &s.sets[i];
            let mark = if set.origin == Origin::Custom {
                "✎"
            } else {
                " "
            };
            let tail = format!(" {} {}", set.version, set.requirements);
            let head_w = w.saturating_sub(tail.chars().count() + 1);
            let style = match (s.set_cursor.current() == Some(i), s.pane == Pane::Sets) {
                (true, true) => theme.selected(),
                (true, false) => theme.selected_unfocused(),
                _ => theme.normal(),
            };
            Line::from(format!("{mark}{}{tail}", pad(set.title.get(lang), head_w))).style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}

fn draw_requirements(frame: &mut Frame, area: Rect, s: &Library, lang: Lang, theme: &Theme) {
    let mut title = format!("{} ({})", Msg::ColRequirements.text(lang), s.shown.len());
    if let Some(k) = s.kind_filter {
        title.push_str(&format!(" · {}", k.label(lang)));
    }
    if let Some(t) = &s.tag_filter {
        title.push_str(&format!(" · #{t}"));
    }
    let block = pane_block(title, s.pane == Pane::Requirements, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(set) = s.current_set() else { return };
    if s.shown.is_empty() {
        let msg = if set.requirements.is_empty() {
            Msg::SetEmpty
        } else {
            Msg::NothingMatches
        };
        notice(frame, inner, msg.text(lang), theme);
        return;
    }
    let id_w = id_width(set.requirements.iter().map(|r| r.id.as_str()));
    let rows: Vec<Line> = s
        .req_cursor
        .window(usize::from(inner.height))
        .map(|i| {
            let r = &set.requirements[s.shown[i]];
            let level = r.level.map(|l| l.label(lang)).unwrap_or("");
            let style = match (
                s.req_cursor.current() == Some(i),
                s.pane == Pane::Requirements,
            ) {
                (true, true) => theme.selected(),
                (true, false) => theme.selected_unfocused(),
                _ => theme.normal(),
            };
            Line::from(format!(
                "{} {} {} {}",
                pad(r.id.as_str(), id_w),
                pad(i18n::kind_short(r.kind, lang), 9),
                pad(level, 6),
                r.title.get(lang)
            ))
            .style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}

fn heading(label: Msg, lang: Lang, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(label.text(lang).to_string(), theme.key()))
}

fn section(out: &mut Vec<Line<'static>>, label: Msg, text: &str, lang: Lang, theme: &Theme) {
    if text.trim().is_empty() {
        return;
    }
    out.push(heading(label, lang, theme));
    out.extend(text.lines().map(|l| Line::raw(l.to_string())));
}

fn requirement_text(
    r: &Requirement,
    set: &RequirementSet,
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut out = vec![
        Line::from(Span::styled(
            format!("{} {}", r.id, r.title.get(lang)),
            theme.title(),
        )),
        Line::from(Span::styled(
            format!(
                "{}{} · {} {}",
                r.kind.label(lang),
                r.level
                    .map(|l| format!(", {}", l.label(lang)))
                    .unwrap_or_default(),
                set.id,
                set.version
            ),
            theme.dim(),
        )),
    ];
    let applies = i18n::condition(&r.applies_when, lang);
    let basis = r.basis.join("; ");
    for (label, text) in [
        (Msg::SetText, r.text.get(lang)),
        (Msg::SetRationale, r.rationale.get(lang)),
        (Msg::SetApplies, applies.as_str()),
        (Msg::SetBasis, basis.as_str()),
        (Msg::SetEvidence, r.evidence.get(lang)),
        (Msg::SetFollowUp, r.follow_up.get(lang)),
    ] {
        section(&mut out, label, text, lang, theme);
    }
    let mut facts = Vec::new();
    if let Some(w) = r.weight {
        facts.push(format!("{}: {w}", Msg::FieldWeight.text(lang)));
    }
    if let Some(risk) = r.risk {
        facts.push(format!(
            "{}: {}×{}",
            Msg::FieldRisk.text(lang),
            risk.likelihood,
            risk.consequence
        ));
    }
    if !r.tags.is_empty() {
        facts.push(
            r.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    if !facts.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::from(Span::styled(facts.join(" · "), theme.dim())));
    }
    out
}

/// "Se även: DATA-10, AI-20" and "Gäller från 2027-12-02 (what)", after a blank line; the
/// date is looked up in the requirement's own set first, then in the library.
fn reference_lines(
    r: &Requirement,
    set: &RequirementSet,
    library: &[KeyDate],
    lang: Lang,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if !r.see.is_empty() {
        let ids: Vec<&str> = r.see.iter().map(|id| id.as_str()).collect();
        out.push(Line::raw(format!(
            "{}: {}",
            Msg::SetSeeAlso.text(lang),
            ids.join(", ")
        )));
    }
    if let Some(key) = &r.applies_from {
        let from = Msg::SetAppliesFrom.text(lang);
        out.push(Line::raw(match find_date(key, &set.dates, library) {
            Some(d) => format!(
                "{from} {} ({})",
                d.date.format("%Y-%m-%d"),
                d.what.get(lang)
            ),
            // Checked on import; a library changed since shows the key it names.
            None => format!("{from} {key}"),
        }));
    }
    if !out.is_empty() {
        out.insert(0, Line::raw(""));
    }
    out
}

/// The detail of a set: title, description, sources and key dates.
pub fn set_text(set: &RequirementSet, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(Span::styled(
        format!("{} {}", set.title.get(lang), set.version),
        theme.title(),
    ))];
    out.extend(
        set.description
            .get(lang)
            .lines()
            .map(|l| Line::raw(l.to_string())),
    );
    if !set.sources.is_empty() {
        out.push(heading(Msg::SetSources, lang, theme));
        out.extend(
            set.sources
                .iter()
                .map(|s| Line::raw(format!("• {} {}", s.name, s.reference))),
        );
    }
    if !set.dates.is_empty() {
        out.push(heading(Msg::SetKeyDates, lang, theme));
        out.extend(set.dates.iter().map(|d| {
            Line::raw(format!(
                "{} – {}",
                d.date.format("%Y-%m-%d"),
                d.what.get(lang)
            ))
        }));
    }
    out
}

/// The line under the query: where the selected hit matched, then any corrected spelling and
/// the synonyms searched, so that a hit the officer did not type for is explained.
fn search_note(s: &Search, lang: Lang) -> String {
    let mut parts: Vec<String> = s
        .selected()
        .filter(|h| !h.matched.is_empty())
        .map(|h| i18n::search::matched_in(&h.matched, lang))
        .into_iter()
        .collect();
    parts.extend(
        s.corrections
            .iter()
            .map(|c| i18n::search::correction(c, lang)),
    );
    parts.extend(s.synonyms.iter().map(|w| i18n::search::widened(w, lang)));
    parts.join("  ·  ")
}

fn draw_search(frame: &mut Frame, area: Rect, s: &Search, lang: Lang, theme: &Theme) {
    let block = pane_block(
        format!("{} ({})", Msg::SearchTitle.text(lang), s.hits.len()),
        true,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input_area, rows_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let prompt = "/ ";
    let (text, col) = s
        .input
        .view(usize::from(input_area.width).saturating_sub(2));
    let mut spans = vec![Span::styled(prompt, theme.key())];
    spans.extend(text.spans);
    frame.render_widget(
        Paragraph::new(Line::from(spans)),
        Rect {
            height: 1,
            ..input_area
        },
    );
    frame.set_cursor_position((
        input_area.x + 2 + col.min(input_area.width.saturating_sub(3)),
        input_area.y,
    ));
    frame.render_widget(
        Paragraph::new(Span::styled(search_note(s, lang), theme.dim())),
        Rect {
            y: input_area.y + 1,
            height: input_area.height.saturating_sub(1),
            ..input_area
        },
    );
    if let Some(e) = &s.error {
        frame.render_widget(
            Paragraph::new(Span::styled(i18n::store_error(e, lang), theme.error())),
            rows_area,
        );
        return;
    }
    if s.hits.is_empty() {
        let msg = if s.input.value().trim().is_empty() {
            Msg::SearchHint
        } else {
            Msg::NothingMatches
        };
        notice(frame, rows_area, msg.text(lang), theme);
        return;
    }
    let id_w = id_width(s.hits.iter().map(|h| h.requirement_id.as_str()));
    let rows: Vec<Line> = s
        .cursor
        .window(usize::from(rows_area.height))
        .map(|i| {
            let h = &s.hits[i];
            let style = if s.cursor.current() == Some(i) {
                theme.selected()
            } else {
                theme.normal()
            };
            Line::from(format!(
                "{} {} {} {}",
                pad(&h.requirement_id, id_w),
                pad(i18n::kind_short(h.kind, lang), 9),
                pad(&h.set_id, 20),
                h.title.get(lang)
            ))
            .style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), rows_area);
}
