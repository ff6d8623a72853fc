//! Drawing one procurement: the header (folded to one row when it would leave the line list
//! fewer than ten rows), the lines (with the filter, and the linked sets' requirements that do
//! not apply when shown), and beside them the selected line's text, its history, or the drift.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::detail::{Detail, Row, View};
use super::view::{field, lines_of, pad};
use crate::domain::{Kind, Lang, Status};
use crate::i18n::profile_summary;
use crate::i18n::{self, Label, Msg};
use crate::store::linking::NotApplied;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::id_width;
use crate::tui::theme::Theme;
use crate::tui::widgets::notice;

/// The rows the line list keeps at the least, when the header would take them.
const MIN_LIST_ROWS: u16 = 10;

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
    if let Some(banner) = banner(d, lang) {
        lines.push(Line::from(Span::styled(banner, theme.warning())));
    }
    lines
}

/// What the officer must know before anything else: frozen, or newer versions waiting.
fn banner(d: &Detail, lang: Lang) -> Option<String> {
    let p = &d.record.value;
    if p.status.is_frozen() {
        let mut text = match (p.status, p.published_on) {
            (Status::Published, Some(day)) => Msg::FrozenSince
                .text(lang)
                .replace("{date}", &day.to_string()),
            _ => Msg::Frozen
                .text(lang)
                .replace("{status}", p.status.label(lang)),
        };
        if !d.amendments.is_empty() {
            text = format!(
                "{text} {}: {}",
                Msg::Amendments.text(lang),
                d.amendments.len()
            );
        }
        Some(text)
    } else if !d.drift.is_empty() {
        Some(
            Msg::DriftBanner
                .text(lang)
                .replace("{n}", &d.drift.len().to_string()),
        )
    } else {
        None
    }
}

/// The header in one row: reference, title, status, how many sets, and the key that unfolds it.
fn folded_header(d: &Detail, width: usize, lang: Lang, theme: &Theme) -> Line<'static> {
    let p = &d.record.value;
    let key = keymap::key_for(&[Context::ProcurementDetail], &Action::ToggleHeader)
        .map(|k| k.to_string())
        .unwrap_or_default();
    let unfold = format!(
        " [{}]",
        Msg::HeaderCollapsed.text(lang).replace("{key}", &key)
    );
    let mut facts = format!(
        "{} · {} · {} {}",
        p.reference,
        p.status.label(lang),
        d.linked.len(),
        Msg::LinkedSets.text(lang).to_lowercase()
    );
    if !d.drift.is_empty() && !p.status.is_frozen() {
        facts.push_str(&format!(" · ⚠ {}", d.drift.len()));
    }
    // The title last: it is what gives way on a narrow screen.
    facts.push_str(&format!(" · {}", p.title));
    let room = width.saturating_sub(unfold.chars().count());
    Line::from(vec![
        Span::styled(pad(&facts, room), theme.title()),
        Span::styled(unfold, theme.dim()),
    ])
}

/// Whether the list sits beside the text (wide) or above it.
fn is_wide(area: Rect) -> bool {
    area.width >= 110
}

/// The rows the whole header takes, borders included.
fn header_rows(head: &[Line], width: u16) -> u16 {
    let inner_w = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = head
        .iter()
        .map(|l| l.width().div_ceil(inner_w).max(1))
        .sum();
    u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2)
}

/// The rows the line list gets in `body`, borders included.
fn list_rows(body: u16, wide: bool) -> u16 {
    if wide {
        body
    } else {
        (body / 2).max((MIN_LIST_ROWS + 2).min(body.saturating_sub(3)))
    }
}

pub fn draw_detail(frame: &mut Frame, area: Rect, d: &Detail, lang: Lang, theme: &Theme) {
    let head = header(d, lang, theme);
    let wide = is_wide(area);
    let full = header_rows(&head, area.width);
    let fits = list_rows(area.height.saturating_sub(full), wide) >= MIN_LIST_ROWS + 2;
    let head_h = if fits || d.header_open { full } else { 1 };
    let [head_area, body] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(area);
    if head_h == 1 {
        let line = folded_header(d, usize::from(area.width), lang, theme);
        frame.render_widget(Paragraph::new(line), head_area);
    } else {
        frame.render_widget(
            Paragraph::new(head)
                .block(Block::bordered().border_style(theme.border(false)))
                .wrap(Wrap { trim: true }),
            head_area,
        );
    }
    let [list_area, text_area] = if wide {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(body)
    } else if d.view == View::Drift {
        // The differences are few and their texts long: the texts get the room.
        let n = u16::try_from(d.drift.len()).unwrap_or(u16::MAX);
        let list_h = n.saturating_add(2).clamp(3, (body.height / 2).max(3));
        Layout::vertical([Constraint::Length(list_h), Constraint::Fill(1)]).areas(body)
    } else {
        let list_h = list_rows(body.height, false);
        Layout::vertical([Constraint::Length(list_h), Constraint::Fill(1)]).areas(body)
    };
    if d.view == View::Drift {
        super::drift::draw(frame, list_area, text_area, d, lang, theme);
        return;
    }
    draw_lines(frame, list_area, d, lang, theme);
    let (title, text) = match (d.view, d.selected_row()) {
        (View::History, _) => (Msg::HistoryTitle.text(lang), history_text(d, lang, theme)),
        (_, Some(Row::NotApplied(_))) => (
            "",
            d.selected_not_applied()
                .map(|n| not_applied_text(n, lang, theme))
                .unwrap_or_default(),
        ),
        _ => (
            "",
            d.selected()
                .map(|l| line_text(d, l, lang, theme))
                .unwrap_or_default(),
        ),
    };
    let mut block = Block::bordered().border_style(theme.border(false));
    if !title.is_empty() {
        block = block.title(Span::styled(format!(" {title} "), theme.title()));
    }
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: false }),
        text_area,
    );
}

/// The mark before a line: left out, amended, or changed from the library.
fn mark(d: &Detail, rec: &crate::store::procurements::Record<crate::domain::Line>) -> &'static str {
    let l = &rec.value;
    if !l.included {
        "✗"
    } else if d.is_amended(rec) {
        "⚑"
    } else if l.modified {
        "✎"
    } else {
        " "
    }
}

fn row_text(d: &Detail, row: Row, id_w: usize, lang: Lang) -> String {
    match row {
        Row::Line(i) => {
            let rec = &d.lines[i];
            let l = &rec.value;
            let weight = l
                .weight
                .filter(|_| l.kind == Kind::Evaluated)
                .map(|w| w.to_string())
                .unwrap_or_default();
            format!(
                "{}{} {} {} {} {}",
                mark(d, rec),
                pad(&l.position.to_string(), 3),
                pad(&l.label(), id_w),
                pad(i18n::kind_short(l.kind, lang), 9),
                pad(&weight, 3),
                l.title.get(lang)
            )
        }
        Row::NotApplied(i) => {
            let n = d.not_applied.as_ref().and_then(|n| n.get(i));
            n.map(|n| {
                format!(
                    "○{} {} {} {} {}",
                    pad("–", 3),
                    pad(n.requirement.id.as_str(), id_w),
                    pad(i18n::kind_short(n.requirement.kind, lang), 9),
                    pad("", 3),
                    n.requirement.title.get(lang)
                )
            })
            .unwrap_or_default()
        }
    }
}

/// The filter's row over the list: what is typed and how many lines match.
fn filter_row(d: &Detail, lang: Lang, theme: &Theme) -> Option<Line<'static>> {
    let f = d.filter.as_ref()?;
    let shown = d.rows.iter().filter(|r| matches!(r, Row::Line(_))).count();
    let mut spans = vec![Span::styled(
        format!("/ {}: ", Msg::FilterLines.text(lang)),
        theme.key(),
    )];
    spans.push(Span::raw(f.input.value().to_string()));
    if f.typing {
        spans.push(Span::styled("▏", theme.key()));
    }
    spans.push(Span::styled(
        format!(
            "  {}",
            Msg::FilterMatches
                .counted(shown, lang)
                .replace("{n}", &shown.to_string())
        ),
        theme.dim(),
    ));
    Some(Line::from(spans))
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
    let mut inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    if let Some(row) = filter_row(d, lang, theme) {
        frame.render_widget(Paragraph::new(row), Rect { height: 1, ..inner });
        inner.y += 1;
        inner.height = inner.height.saturating_sub(1);
    }
    if d.lines.is_empty() && d.rows.is_empty() {
        notice(frame, inner, Msg::NoLines.text(lang), theme);
        return;
    }
    let labels: Vec<String> = d.lines.iter().map(|l| l.value.label()).collect();
    let not_ids = d
        .not_applied
        .iter()
        .flatten()
        .map(|n| n.requirement.id.as_str());
    let id_w = id_width(labels.iter().map(String::as_str).chain(not_ids));
    let rows: Vec<Line> = d
        .cursor
        .window(usize::from(inner.height))
        .map(|i| {
            let row = d.rows[i];
            let mut style = match row {
                Row::Line(l) if d.lines[l].value.included => theme.normal(),
                Row::Line(_) => theme.excluded(),
                Row::NotApplied(_) => theme.dim(),
            };
            if d.cursor.current() == Some(i) {
                style = style.patch(theme.selected());
            }
            Line::from(row_text(d, row, id_w, lang)).style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}

/// The selected line's history, oldest first: when, who, what.
fn history_text(d: &Detail, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let Some(line) = d.selected() else {
        return Vec::new();
    };
    let mut out = vec![Line::from(Span::styled(
        format!("{} {}", line.value.label(), line.value.title.get(lang)),
        theme.title(),
    ))];
    if d.history.is_empty() {
        out.push(Line::from(Span::styled(
            Msg::HistoryEmpty.text(lang).to_string(),
            theme.dim(),
        )));
    }
    for e in &d.history {
        out.push(Line::from(vec![
            Span::styled(format!("{} · {} ", e.at, e.actor), theme.dim()),
            Span::raw(e.what.clone()),
        ]));
    }
    out
}

fn not_applied_text(n: &NotApplied, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let r = &n.requirement;
    let mut out = vec![Line::from(Span::styled(
        format!("{} {}", r.id, r.title.get(lang)),
        theme.title(),
    ))];
    out.push(Line::from(Span::styled(
        super::link::why_not(n, lang),
        theme.warning(),
    )));
    out.push(Line::from(Span::styled(
        Msg::NotApplyingHeading.text(lang).to_string(),
        theme.dim(),
    )));
    out.extend(lines_of(r.text.get(lang)));
    out.extend(field(Msg::SetBasis, r.basis.join("; "), lang, theme));
    out
}

fn line_text(
    d: &Detail,
    rec: &crate::store::procurements::Record<crate::domain::Line>,
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let l = &rec.value;
    let profile = &d.record.value.profile;
    let mut out = vec![Line::from(Span::styled(
        format!("{} {}", l.label(), l.title.get(lang)),
        theme.title(),
    ))];
    let mut flag = |text: String| out.push(Line::from(Span::styled(text, theme.warning())));
    if d.is_amended(rec) {
        flag(format!("⚑ {}", Msg::AmendedMark.text(lang)));
    }
    if l.modified {
        flag(format!("✎ {}", Msg::Modified.text(lang)));
    }
    if !l.included {
        flag(match &l.exclusion {
            Some(r) => Msg::ExcludedBecause.text(lang).replace("{reason}", r),
            None => Msg::Excluded.text(lang).to_string(),
        });
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
