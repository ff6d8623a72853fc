//! Drawing the Procurements tab: the list, or one procurement with its header, lines and the
//! selected line's text and reason. Only rows inside the visible window are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Procurements;
use super::detail::Detail;
use crate::domain::{Kind, Lang, Profile, Status};
use crate::i18n::{self, Label, Msg, PROCUREMENT_COLUMNS};
use crate::tui::screens::id_width;
use crate::tui::theme::Theme;
use crate::tui::widgets::notice;

pub(super) fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n > w {
        let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
        if w > 0 {
            t.push('…');
        }
        t
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

pub fn draw(frame: &mut Frame, area: Rect, s: &Procurements, lang: Lang, theme: &Theme) {
    match &s.detail {
        Some(d) => draw_detail(frame, area, d, lang, theme),
        None => draw_list(frame, area, s, lang, theme),
    }
}

fn draw_list(frame: &mut Frame, area: Rect, s: &Procurements, lang: Lang, theme: &Theme) {
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ({}) ", Msg::TabProcurements.text(lang), s.shown.len()),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let show_filter = s.filtering || !s.filter.value().is_empty();
    let [filter_area, head_area, rows_area] = Layout::vertical([
        Constraint::Length(u16::from(show_filter)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    if show_filter {
        draw_filter(frame, filter_area, s, lang, theme);
    }
    if s.list.is_empty() {
        notice(frame, rows_area, Msg::NoProcurementsTui.text(lang), theme);
        return;
    }
    frame.render_widget(
        Paragraph::new(Span::styled(list_head(lang), theme.dim())),
        head_area,
    );
    let rows: Vec<Line> = s
        .cursor
        .window(usize::from(rows_area.height))
        .map(|i| {
            let p = &s.list[s.shown[i]];
            let style = if s.cursor.current() == Some(i) {
                theme.selected()
            } else {
                theme.normal()
            };
            Line::from(format!(
                "{} {} {} {} {} {}",
                pad(&p.reference, COLUMNS[0]),
                pad(p.status.label(lang), COLUMNS[1]),
                pad(
                    &p.deadline.map(|d| d.to_string()).unwrap_or_default(),
                    COLUMNS[2]
                ),
                pad(&p.lines.to_string(), COLUMNS[3]),
                pad(&p.owner, COLUMNS[4]),
                p.title
            ))
            .style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), rows_area);
}

/// Widths of the list's columns before the title.
const COLUMNS: [usize; 5] = [14, 12, 15, 6, 16];

fn draw_filter(frame: &mut Frame, area: Rect, s: &Procurements, lang: Lang, theme: &Theme) {
    let prompt = format!("/ {}: ", Msg::Filter.text(lang));
    let (text, col) = s
        .filter
        .view(usize::from(area.width).saturating_sub(prompt.len()));
    let mut spans = vec![Span::styled(prompt.clone(), theme.key())];
    spans.extend(text.spans);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if s.filtering {
        let x = area.x + u16::try_from(prompt.chars().count()).unwrap_or(0) + col;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}

fn list_head(lang: Lang) -> String {
    PROCUREMENT_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, m)| match COLUMNS.get(i) {
            Some(w) => pad(m.text(lang), *w),
            None => m.text(lang).to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The profile in one line: "K3 R3 T2 · känsliga personuppgifter · sekretess · …".
pub fn profile_summary(p: &Profile, lang: Lang) -> String {
    let (c, i, a) = match lang {
        Lang::Sv => ("K", "R", "T"),
        Lang::En => ("C", "I", "A"),
    };
    let mut parts = vec![format!(
        "{c}{} {i}{} {a}{}",
        p.confidentiality.value(),
        p.integrity.value(),
        p.availability.value()
    )];
    parts.push(p.personal_data.label(lang).to_string());
    if p.secrecy {
        parts.push(i18n::fact(&crate::domain::Fact::Secrecy(true), lang));
    }
    if p.security_sensitive {
        parts.push(i18n::fact(
            &crate::domain::Fact::SecuritySensitive(true),
            lang,
        ));
    }
    if p.uses_ai() {
        parts.push(format!("{}, {}", p.ai.label(lang), p.ai_risk.label(lang)));
    }
    parts.push(p.delivery.label(lang).to_string());
    parts.push(format!(
        "{} · {}",
        p.ambition.label(lang),
        p.tier.label(lang)
    ));
    parts.join(" · ")
}

fn header(d: &Detail, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let p = &d.record.value;
    let mut lines = vec![
        Line::from(vec![Span::styled(
            format!("{} · {}", p.reference, p.title),
            theme.title(),
        )]),
        Line::raw(format!(
            "{}: {} · {}: {} · {}: {} · {}",
            Msg::ColStatus.text(lang),
            p.status.label(lang),
            Msg::ColOwner.text(lang),
            p.owner,
            Msg::ColDeadline.text(lang),
            p.deadline
                .map(|d| d.to_string())
                .unwrap_or_else(|| "–".into()),
            p.procedure.label(lang)
        )),
        Line::from(Span::styled(profile_summary(&p.profile, lang), theme.dim())),
    ];
    let sets: Vec<Span> = if d.linked.is_empty() {
        vec![Span::styled(Msg::NoSetsLinked.text(lang), theme.warning())]
    } else {
        d.linked
            .iter()
            .enumerate()
            .flat_map(|(i, l)| {
                let sep = Span::raw(if i == 0 { "" } else { ", " });
                let text = if l.is_superseded() {
                    Span::styled(
                        format!("{} {} (→ {})", l.set_id, l.version, l.current_version),
                        theme.warning(),
                    )
                } else {
                    Span::raw(format!("{} {}", l.set_id, l.version))
                };
                [sep, text]
            })
            .collect()
    };
    let mut set_line = vec![Span::raw(format!("{}: ", Msg::LinkedSets.text(lang)))];
    set_line.extend(sets);
    lines.push(Line::from(set_line));
    if p.status.is_frozen() {
        let text = match (p.status, p.published_on) {
            (Status::Published, Some(day)) => Msg::FrozenSince
                .text(lang)
                .replace("{date}", &day.to_string()),
            _ => Msg::Frozen
                .text(lang)
                .replace("{status}", p.status.label(lang)),
        };
        lines.push(Line::from(Span::styled(text, theme.warning())));
    } else if !d.drift.is_empty() {
        lines.push(Line::from(Span::styled(
            Msg::DriftBanner
                .text(lang)
                .replace("{n}", &d.drift.len().to_string()),
            theme.warning(),
        )));
    }
    lines
}

fn draw_detail(frame: &mut Frame, area: Rect, d: &Detail, lang: Lang, theme: &Theme) {
    let head = header(d, lang, theme);
    // The header wraps: a long profile or set list takes more rows rather than being cut.
    let inner_w = usize::from(area.width.saturating_sub(2)).max(1);
    let rows: usize = head
        .iter()
        .map(|l| l.width().div_ceil(inner_w).max(1))
        .sum();
    let [head_area, body] = Layout::vertical([
        Constraint::Length(u16::try_from(rows).unwrap_or(4) + 2),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(head)
            .block(Block::bordered().border_style(theme.border(false)))
            .wrap(Wrap { trim: true }),
        head_area,
    );
    let wide = body.width >= 110;
    let [list_area, text_area] = if wide {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(body)
    };
    if d.show_drift {
        super::drift::draw(frame, list_area, text_area, d, lang, theme);
        return;
    }
    draw_lines(frame, list_area, d, lang, theme);
    let text = d
        .selected()
        .map(|l| line_text(&l.value, &d.record.value.profile, lang, theme))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(text)
            .block(Block::bordered().border_style(theme.border(false)))
            .wrap(Wrap { trim: false }),
        text_area,
    );
}

/// The lines of the procurement, one row each: mark, position, id, kind, weight, title.
fn draw_lines(frame: &mut Frame, list_area: Rect, d: &Detail, lang: Lang, theme: &Theme) {
    let title = format!(
        " {} ({} {}) ",
        Msg::Lines.text(lang),
        d.lines.iter().filter(|l| l.value.included).count(),
        Msg::Included.text(lang)
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.border(true));
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    if d.lines.is_empty() {
        notice(frame, inner, Msg::NoLines.text(lang), theme);
    } else {
        let labels: Vec<String> = d.lines.iter().map(|l| l.value.label()).collect();
        let id_w = id_width(labels.iter().map(String::as_str));
        let rows: Vec<Line> = d
            .cursor
            .window(usize::from(inner.height))
            .map(|i| {
                let l = &d.lines[i].value;
                let mark = match (l.included, l.modified) {
                    (false, _) => "✗",
                    (true, true) => "*",
                    (true, false) => " ",
                };
                let weight = l
                    .weight
                    .filter(|_| l.kind == Kind::Evaluated)
                    .map(|w| w.to_string())
                    .unwrap_or_default();
                let mut style = if l.included {
                    theme.normal()
                } else {
                    theme.excluded()
                };
                if d.cursor.current() == Some(i) {
                    style = style.patch(theme.selected());
                }
                Line::from(format!(
                    "{mark}{} {} {} {} {}",
                    pad(&l.position.to_string(), 3),
                    pad(&l.label(), id_w),
                    pad(i18n::kind_short(l.kind, lang), 9),
                    pad(&weight, 3),
                    l.title.get(lang)
                ))
                .style(style)
            })
            .collect();
        frame.render_widget(Paragraph::new(rows), inner);
    }
}

pub(super) fn field(label: Msg, text: String, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::from(Span::styled(
        label.text(lang).to_string(),
        theme.key(),
    ))];
    out.extend(lines_of(&text));
    out
}

/// A text as it was written, a row per line (a `Line` shows no line breaks of its own).
pub(super) fn lines_of(text: &str) -> Vec<Line<'static>> {
    text.lines().map(|l| Line::raw(l.to_string())).collect()
}

fn line_text(
    l: &crate::domain::Line,
    profile: &Profile,
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut out = vec![Line::from(Span::styled(
        format!("{} {}", l.label(), l.title.get(lang)),
        theme.title(),
    ))];
    if l.modified {
        out.push(Line::from(Span::styled(
            Msg::Modified.text(lang).to_string(),
            theme.warning(),
        )));
    }
    if !l.included {
        out.push(Line::from(Span::styled(
            Msg::Excluded.text(lang).to_string(),
            theme.warning(),
        )));
    }
    out.extend(lines_of(l.text.get(lang)));
    let why = match l.applies_when.why(profile) {
        Some(facts) if facts.is_empty() => Msg::SetAppliesAlways.text(lang).to_string(),
        Some(facts) => facts
            .iter()
            .map(|f| i18n::fact(f, lang))
            .collect::<Vec<_>>()
            .join(&format!(" {} ", Msg::And.text(lang))),
        None if l.source.is_none() => Msg::OwnRequirement.text(lang).to_string(),
        None => Msg::NoLongerApplies.text(lang).to_string(),
    };
    out.extend(field(Msg::ColWhy, why, lang, theme));
    out.extend(field(Msg::SetBasis, l.basis.join("; "), lang, theme));
    out.extend(field(
        Msg::SetEvidence,
        l.evidence.get(lang).to_string(),
        lang,
        theme,
    ));
    out.extend(field(
        Msg::SetFollowUp,
        l.follow_up.get(lang).to_string(),
        lang,
        theme,
    ));
    out
}
