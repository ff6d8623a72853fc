//! The root draw: tab bar, the current screen, key hints, then the modal stack bottom-up and
//! the toast. Below 80×24 only a notice is drawn. Drawing reads state and never does I/O.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::action::{Action, Tab};
use super::keymap::{self, Context, Group};
use super::screens::{dashboard, library, placeholder, procurements};
use super::state::{AppState, Modal};
use super::theme::Theme;
use super::widgets::form::{self, centered};
use super::widgets::modal::{ConfirmState, HelpState, PaletteState, PickerState, ToastKind};
use crate::domain::Lang;
use crate::i18n::Msg;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(frame: &mut Frame, s: &AppState, theme: &Theme, chain: &[Context]) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area, s.lang, theme);
        return;
    }
    let [tabs_area, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(frame, tabs_area, s, theme);
    match s.tab {
        Tab::Dashboard => dashboard::draw(frame, body, &s.dashboard, s.lang, s.today, theme),
        Tab::Library => library::view::draw(frame, body, &s.library, s.lang, theme),
        Tab::Procurements => procurements::view::draw(frame, body, &s.procurements, s.lang, theme),
        Tab::Suppliers | Tab::Reviews => {
            placeholder::draw(frame, body, s.tab, s.counts, s.lang, theme)
        }
    }
    draw_footer(frame, footer, chain, s.lang, theme);
    for m in &s.modals {
        match m {
            Modal::Help(h) => draw_help(frame, body, h, s.lang, theme),
            Modal::Palette(p) => draw_palette(frame, body, p, s.lang, theme),
            Modal::Form(_, f) => form::draw(frame, body, f, theme),
            Modal::Picker(p) => draw_picker(frame, body, p, s.lang, theme),
            Modal::Confirm(c) => draw_confirm(frame, body, c, s.lang, theme),
        }
    }
    if let Some(t) = &s.toast {
        draw_toast(frame, body, t, theme);
    }
}

/// The toast in the bottom-right corner, wrapped to at most 60 columns.
fn draw_toast(frame: &mut Frame, body: Rect, t: &super::widgets::modal::Toast, theme: &Theme) {
    let style = if t.kind == ToastKind::Error {
        theme.error()
    } else {
        theme.ok()
    };
    let text_w = t.text.chars().count();
    let inner_w = text_w
        .clamp(1, 60)
        .min(usize::from(body.width.saturating_sub(2)));
    // Word wrapping can need one line more than the plain division when words do not fit.
    let plain = text_w.div_ceil(inner_w.max(1));
    let lines = if plain > 1 { plain + 1 } else { plain };
    let width = u16::try_from(inner_w + 2).unwrap_or(body.width);
    let height = (u16::try_from(lines).unwrap_or(1) + 2).min(body.height);
    let rect = Rect {
        x: body.right().saturating_sub(width),
        y: body.bottom().saturating_sub(height),
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(Span::styled(t.text.clone(), style))
            .wrap(Wrap { trim: true })
            .block(Block::bordered().border_style(style)),
        rect,
    );
}

fn draw_too_small(frame: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
    let text = Msg::TooSmall
        .text(lang)
        .replace("{w}", &area.width.to_string())
        .replace("{h}", &area.height.to_string());
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.warning())
            .wrap(Wrap { trim: true }),
        area,
    );
}

fn draw_tabs(frame: &mut Frame, area: Rect, s: &AppState, theme: &Theme) {
    let tabs: Vec<Span> = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, tab)| {
            let style = if *tab == s.tab {
                theme.tab_active()
            } else {
                theme.normal()
            };
            Span::styled(format!(" {} {} ", i + 1, tab.title().text(s.lang)), style)
        })
        .collect();
    let brand = Span::styled(" kravkoll ", theme.title());
    let date = Span::styled(format!("  {}", s.today), theme.dim());
    let width = |spans: &[Span]| {
        spans
            .iter()
            .map(|x| x.content.chars().count())
            .sum::<usize>()
    };
    // The tabs always show; the name and the date only when there is room for them.
    let mut spans = tabs.clone();
    if width(&spans) + brand.content.chars().count() <= usize::from(area.width) {
        spans.insert(0, brand);
    }
    if width(&spans) + date.content.chars().count() <= usize::from(area.width) {
        spans.push(date);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Hints for the innermost context first, then help, palette and quit.
fn draw_footer(frame: &mut Frame, area: Rect, chain: &[Context], lang: Lang, theme: &Theme) {
    let mut spans = Vec::new();
    let mut width = 0usize;
    let mut push = |key: String, text: &str, spans: &mut Vec<Span<'static>>| {
        let w = key.chars().count() + text.chars().count() + 3;
        if width + w > usize::from(area.width) {
            return;
        }
        width += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {text}  ")));
    };
    let tail = [Action::ShowHelp, Action::OpenPalette, Action::Quit];
    let inner: Vec<_> = keymap::visible(chain)
        .into_iter()
        .filter(|b| b.context == chain[0] && !tail.contains(&b.action))
        .filter(|b| {
            b.group == Group::Editing
                || chain[0].is_modal()
                || b.action == Action::Open
                || b.action == Action::Search
        })
        .collect();
    for b in inner.iter().take(6) {
        if let Some(k) = b.keys.first().and_then(|k| keymap::Key::parse(k)) {
            push(k.to_string(), b.action.describe().text(lang), &mut spans);
        }
    }
    for a in tail {
        if let Some(k) = keymap::key_for(chain, &a) {
            push(k.to_string(), a.describe().text(lang), &mut spans);
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_help(frame: &mut Frame, area: Rect, h: &HelpState, lang: Lang, theme: &Theme) {
    let rect = centered(area, 76, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let mut lines = Vec::new();
    for group in [Group::General, Group::Navigation, Group::Editing] {
        let bindings: Vec<_> = keymap::visible(&h.chain)
            .into_iter()
            .filter(|b| b.group == group)
            .collect();
        if bindings.is_empty() {
            continue;
        }
        let title = match group {
            Group::General => Msg::HelpGeneral,
            Group::Navigation => Msg::HelpNavigation,
            Group::Editing => Msg::HelpEditing,
        };
        lines.push(Line::from(Span::styled(title.text(lang), theme.title())));
        for b in bindings {
            let keys: Vec<String> = b
                .keys
                .iter()
                .filter_map(|k| keymap::Key::parse(k))
                .map(|k| k.to_string())
                .collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", keys.join(" / ")), theme.key()),
                Span::raw(b.action.describe().text(lang)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", Msg::ActHelp.text(lang)),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let scroll = u16::try_from(h.scroll).unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

fn list_popup(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    input: &super::widgets::text_input::TextInput,
    rows: Vec<Line<'static>>,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(8).min(100);
    let height = (u16::try_from(rows.len()).unwrap_or(20) + 4).clamp(6, area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 2 {
        return;
    }
    let (text, col) = input.view(usize::from(inner.width).saturating_sub(3));
    let mut spans = vec![Span::styled("› ", theme.key())];
    spans.extend(text.spans);
    frame.render_widget(
        Paragraph::new(Line::from(spans)),
        Rect { height: 1, ..inner },
    );
    frame.set_cursor_position((
        inner.x + 2 + col.min(inner.width.saturating_sub(3)),
        inner.y,
    ));
    frame.render_widget(
        Paragraph::new(rows),
        Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        },
    );
}

fn draw_palette(frame: &mut Frame, area: Rect, p: &PaletteState, lang: Lang, theme: &Theme) {
    let height = usize::from(area.height.saturating_sub(6));
    let rows = p
        .cursor
        .window(height)
        .map(|i| {
            let item = &p.items[p.matches[i]];
            let style = if p.cursor.current() == Some(i) {
                theme.selected()
            } else {
                theme.normal()
            };
            let key = item.key.map(|k| k.to_string()).unwrap_or_default();
            Line::from(vec![
                Span::raw(format!("{:<50}", item.label)),
                Span::styled(key, theme.key()),
            ])
            .style(style)
        })
        .collect();
    list_popup(
        frame,
        area,
        Msg::ActPalette.text(lang),
        &p.input,
        rows,
        theme,
    );
}

fn draw_picker<P>(frame: &mut Frame, area: Rect, p: &PickerState<P>, _lang: Lang, theme: &Theme) {
    let height = usize::from(area.height.saturating_sub(6));
    let rows = p
        .cursor
        .window(height)
        .map(|i| {
            let item = &p.items[p.matches[i]];
            let style = if p.cursor.current() == Some(i) {
                theme.selected()
            } else {
                theme.normal()
            };
            Line::from(vec![
                Span::raw(item.label.clone()),
                Span::styled(format!("  {}", item.detail), theme.dim()),
            ])
            .style(style)
        })
        .collect();
    list_popup(frame, area, &p.title, &p.input, rows, theme);
}

fn draw_confirm<P>(frame: &mut Frame, area: Rect, c: &ConfirmState<P>, lang: Lang, theme: &Theme) {
    let height = u16::try_from(c.body.len()).unwrap_or(10) + 6;
    let rect = centered(area, 72, height.min(area.height));
    frame.render_widget(Clear, rect);
    let mut lines = c.body.clone();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("y/Enter", theme.key()),
        Span::raw(format!(" {}   ", Msg::ActConfirm.text(lang))),
        Span::styled("n/Esc", theme.key()),
        Span::raw(format!(" {}", Msg::ActCancel.text(lang))),
    ]));
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", c.title), theme.title()))
        .border_style(theme.border(true));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
