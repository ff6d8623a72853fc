//! Drawing the Procurements tab: the list, or one procurement with its header, lines and the
//! selected line's text and reason. Only rows inside the visible window are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Procurements;
use crate::domain::Lang;
use crate::i18n::{Label, Msg, PROCUREMENT_COLUMNS};
use crate::tui::theme::Theme;
use crate::tui::widgets::notice;
pub(super) use crate::tui::widgets::pad;

pub fn draw(frame: &mut Frame, area: Rect, s: &Procurements, lang: Lang, theme: &Theme) {
    match &s.detail {
        Some(d) => super::detail_view::draw_detail(frame, area, d, lang, theme),
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
