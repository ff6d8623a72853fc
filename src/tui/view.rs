//! The root draw: tab bar, the current screen, key hints, then the modal stack bottom-up and
//! the toast. Below 80×24 only a notice is drawn. Drawing reads state and never does I/O.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::keymap::{self, Context, Group};
use super::screens::Ui;
use super::state::{AppState, Modal};
use super::tabs::Tab;
use super::theme::Theme;
use super::widgets::{filter_list, form, modal};
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
    let ui = Ui {
        lang: s.lang,
        today: s.today,
        theme,
    };
    s.screens.draw(s.tab, frame, body, &ui);
    draw_footer(frame, footer, chain, s.lang, theme);
    for m in &s.modals {
        match m {
            Modal::Help(h) => modal::draw_help(frame, body, h, s.lang, theme),
            Modal::Palette(list) => filter_list::draw(frame, body, list, theme),
            Modal::Form(_, f) => form::draw(frame, body, f, theme),
            Modal::Pick(list) => filter_list::draw(frame, body, list, theme),
            Modal::Confirm(_, c) => modal::draw_confirm(frame, body, c, s.lang, theme),
            Modal::Message(m) => modal::draw_message(frame, body, m, s.lang, theme),
        }
    }
    if let Some(t) = &s.toast {
        modal::draw_toast(frame, body, t, theme);
    }
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
    // Where the date goes, a view that may be out of date or running work says so instead.
    let date = if s.stale {
        let key = keymap::key_for(&[Context::Global], &Action::Reload)
            .map(|k| k.to_string())
            .unwrap_or_default();
        Span::styled(
            format!("  {}", Msg::StaleView.text(s.lang).replace("{key}", &key)),
            theme.warning(),
        )
    } else if s.running > 0 {
        Span::styled(format!("  {}", Msg::Working.text(s.lang)), theme.warning())
    } else if s.read_only {
        Span::styled(
            format!("  {}", Msg::ReadOnlyDb.text(s.lang)),
            theme.warning(),
        )
    } else {
        Span::styled(format!("  {}", s.today), theme.dim())
    };
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
        if let Some(k) = keymap::keys_in(b.keys, lang)
            .first()
            .and_then(|k| keymap::Key::parse(k))
        {
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
