//! The small modal layers and the toast: help (the keys of the view it was opened on, from the
//! key table), a confirmation, and a short message about the last action. The top modal is the
//! first key context and the last thing drawn.

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::centered;
use crate::domain::Lang;
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context, Group};
use crate::tui::theme::Theme;

/// The keys of the view the help was opened on.
pub struct HelpState {
    pub chain: Vec<Context>,
    pub scroll: usize,
}

/// A question before an operation that cannot be undone lightly; what happens on yes is the
/// purpose the modal carries.
pub struct Confirm {
    pub title: String,
    pub body: Vec<Line<'static>>,
}

impl Confirm {
    pub fn new(title: impl Into<String>, body: Vec<Line<'static>>) -> Confirm {
        Confirm {
            title: title.into(),
            body,
        }
    }

    /// A confirmation whose body is one paragraph.
    pub fn text(title: impl Into<String>, body: impl Into<String>) -> Confirm {
        Confirm::new(title, vec![Line::raw(body.into())])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

/// A short message about the result of an action, gone after a few seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub kind: ToastKind,
    pub expires: Instant,
}

impl Toast {
    pub fn new(text: String, kind: ToastKind) -> Toast {
        // Errors stay longer: they are the ones people need to read.
        let secs = if kind == ToastKind::Error { 8 } else { 4 };
        Toast {
            // Only an error text: an info text may begin with a set id.
            text: if kind == ToastKind::Error {
                sentence(&text)
            } else {
                text
            },
            kind,
            expires: Instant::now() + Duration::from_secs(secs),
        }
    }
}

/// `text` with its first letter in upper case: error texts are written to be embedded
/// ("kravraden … har ändrats"), and alone in a toast one begins as a sentence.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The toast in the bottom-right corner, wrapped to at most 60 columns.
pub fn draw_toast(frame: &mut Frame, body: Rect, t: &Toast, theme: &Theme) {
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

/// Every key of `keys` as help shows them: "y/Enter".
fn keys_text(keys: &[&str], sep: &str) -> String {
    keys.iter()
        .filter_map(|k| keymap::Key::parse(k))
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(sep)
}

pub fn draw_help(frame: &mut Frame, area: Rect, h: &HelpState, lang: Lang, theme: &Theme) {
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
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", keys_text(b.keys, " / ")), theme.key()),
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

pub fn draw_confirm(frame: &mut Frame, area: Rect, c: &Confirm, lang: Lang, theme: &Theme) {
    let height = u16::try_from(c.body.len()).unwrap_or(10) + 6;
    let rect = centered(area, 72, height.min(area.height));
    frame.render_widget(Clear, rect);
    let binding = |a: Action| {
        keymap::BINDINGS
            .iter()
            .find(|b| b.context == Context::Confirm && b.action == a)
            .map(|b| keys_text(&keymap::keys_in(b.keys, lang), "/"))
            .unwrap_or_default()
    };
    let mut lines = c.body.clone();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(binding(Action::Confirm), theme.key()),
        Span::raw(format!(" {}   ", Msg::ActConfirm.text(lang))),
        Span::styled(binding(Action::Cancel), theme.key()),
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

/// A message to read, closed with Enter or Esc.
pub fn draw_message(frame: &mut Frame, area: Rect, m: &Confirm, lang: Lang, theme: &Theme) {
    let height = u16::try_from(m.body.len()).unwrap_or(10) + 5;
    let rect = centered(area, 76, height.min(area.height));
    frame.render_widget(Clear, rect);
    let close = keymap::BINDINGS
        .iter()
        .find(|b| b.context == Context::Message)
        .map(|b| keys_text(&b.keys[..b.keys.len().min(2)], "/"))
        .unwrap_or_default();
    let mut lines = m.body.clone();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(close, theme.key()),
        Span::raw(format!(" {}", Msg::ActBack.text(lang))),
    ]));
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", m.title), theme.warning()))
        .border_style(theme.warning());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
