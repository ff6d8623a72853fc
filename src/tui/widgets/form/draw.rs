//! Drawing a form: a centred box of labelled fields scrolled to the focus, each refused value's
//! reason under its field, the focused field's help, and the key hints read from the key table
//! for the focused field's context (Ctrl-S saves in a multi-line field, where Enter is a new
//! line).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Field, FormState, Kind};
use crate::domain::Lang;
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;

pub fn draw(frame: &mut Frame, area: Rect, form: &FormState, theme: &Theme) {
    let width = area.width.saturating_sub(4).clamp(20, 96);
    let input_w = width.saturating_sub(2).saturating_sub(label_width(form));
    let body_height: u16 = form.fields.iter().map(|f| f.height(input_w)).sum::<u16>();
    let height = (body_height + 6).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", form.title), theme.title()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    // Bottom: help of the focused field (2 lines) and the key hints (1 line).
    let fields_h = inner.height.saturating_sub(3);
    draw_fields(frame, inner, fields_h, form, theme);
    let help_rect = Rect::new(inner.x, inner.y + fields_h, inner.width, 2);
    let help = form.focused().map(Field::current_help).unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Span::styled(help, theme.dim())).wrap(Wrap { trim: true }),
        help_rect,
    );
    frame.render_widget(
        Paragraph::new(hints(form, form.lang, inner.width, theme)),
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
    );
    if let Some(list) = &form.choosing {
        super::super::filter_list::draw(frame, rect, list, theme);
    }
}

/// The width of the label column: the longest label, within reason.
fn label_width(form: &FormState) -> u16 {
    form.fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(26) as u16
        + 2
}

/// "Enter save  Tab next field  ←→ change choice  Esc cancel", keys from the key table; while
/// the form asks whether to throw its changes away, the question and its answers.
fn hints(form: &FormState, lang: Lang, width: u16, theme: &Theme) -> Line<'static> {
    let mut chain = form.contexts();
    chain.extend([Context::FormChoiceField, Context::Form]);
    let key = |a: Action| {
        keymap::key_in(&chain, &a, lang)
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    if form.asking_discard {
        return Line::from(vec![
            Span::styled(Msg::DiscardChanges.text(lang).to_string(), theme.warning()),
            Span::raw("  "),
            Span::styled(key(Action::Confirm), theme.key()),
            Span::raw(format!(" {}  ", Msg::DiscardYes.text(lang))),
            Span::styled(key(Action::Cancel), theme.key()),
            Span::raw(format!(" {}", Msg::DiscardNo.text(lang))),
        ]);
    }
    // Each hint with how much it matters: on a narrow form the least needed go first.
    let mut entries = vec![
        (key(Action::Submit), Action::Submit.describe().text(lang), 3),
        (
            key(Action::NextField),
            Action::NextField.describe().text(lang),
            0,
        ),
    ];
    // How to change a choice only where the focus is on one.
    if form.focused().is_some_and(|f| !f.is_text()) {
        entries.push((
            format!("{}{}", key(Action::PrevChoice), key(Action::NextChoice)),
            Action::NextChoice.describe().text(lang),
            2,
        ));
        let letters = match lang {
            Lang::Sv => "a–ö",
            Lang::En => "a–z",
        };
        entries.push((letters.to_string(), Msg::TypeToChoose.text(lang), 1));
    }
    entries.push((key(Action::Cancel), Action::Cancel.describe().text(lang), 3));
    let len = |e: &[(String, &str, u8)]| -> usize {
        e.iter()
            .map(|(k, t, _)| k.chars().count() + 1 + t.chars().count() + 2)
            .sum::<usize>()
            .saturating_sub(2)
    };
    while len(&entries) > width as usize {
        let Some(least) = (0..entries.len()).min_by_key(|&i| entries[i].2) else {
            break;
        };
        if entries[least].2 >= 3 {
            break;
        }
        entries.remove(least);
    }
    let last = entries.len() - 1;
    let mut spans = Vec::new();
    for (i, (k, text, _)) in entries.into_iter().enumerate() {
        spans.push(Span::styled(k, theme.key()));
        let gap = if i == last { "" } else { "  " };
        spans.push(Span::raw(format!(" {text}{gap}")));
    }
    Line::from(spans)
}

fn draw_fields(frame: &mut Frame, inner: Rect, fields_h: u16, form: &FormState, theme: &Theme) {
    let label_w = label_width(form);
    let input_w = inner.width.saturating_sub(label_w);
    let y_of_focus: u16 = form.fields[..form.focus.min(form.fields.len())]
        .iter()
        .map(|f| f.height(input_w))
        .sum();
    let focus_h = form.focused().map_or(1, |f| f.height(input_w));
    let mut scroll = form.scroll.get();
    if y_of_focus < scroll {
        scroll = y_of_focus;
    } else if y_of_focus + focus_h > scroll + fields_h {
        scroll = (y_of_focus + focus_h).saturating_sub(fields_h);
    }
    form.scroll.set(scroll);
    let mut y: u16 = 0;
    for (i, f) in form.fields.iter().enumerate() {
        let h = f.height(input_w);
        let error_h = f.error_rows(input_w);
        let focused = i == form.focus;
        if y >= scroll && y + h <= scroll + fields_h {
            let row = inner.y + y - scroll;
            let label_style = if focused {
                theme.title()
            } else {
                theme.normal()
            };
            frame.render_widget(
                Paragraph::new(Span::styled(f.label.clone(), label_style)),
                Rect::new(inner.x, row, label_w.saturating_sub(1), 1),
            );
            let input_rect = Rect::new(inner.x + label_w, row, input_w, h - error_h);
            draw_input(frame, input_rect, f, focused, theme);
            if let Some(e) = &f.error {
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("✗ {e}"), theme.error()))
                        .wrap(Wrap { trim: false }),
                    Rect::new(inner.x + label_w, row + h - error_h, input_w, error_h),
                );
            }
        }
        y += h;
    }
}

fn draw_input(frame: &mut Frame, rect: Rect, f: &Field, focused: bool, theme: &Theme) {
    if rect.width == 0 || rect.height == 0 {
        return;
    }
    let style = if focused {
        theme.focused_field()
    } else {
        theme.dim()
    };
    match (&f.kind, &f.area) {
        (_, Some(a)) => {
            let mut a = a.clone();
            a.set_style(style);
            a.set_cursor_line_style(ratatui::style::Style::new());
            if !focused {
                a.set_cursor_style(style);
            }
            frame.render_widget(&a, rect);
        }
        (Kind::Choice(options), _) => {
            let label = options
                .get(f.choice)
                .map(|c| c.label.as_str())
                .unwrap_or("");
            let text = if focused {
                format!("◂ {label} ▸")
            } else {
                format!("  {label}")
            };
            frame.render_widget(Paragraph::new(Span::styled(text, style)), rect);
        }
        _ => {
            let (line, col) = f.input.view(usize::from(rect.width.saturating_sub(1)));
            frame.render_widget(Paragraph::new(line).style(style), rect);
            if focused {
                frame.set_cursor_position((rect.x + col.min(rect.width.saturating_sub(1)), rect.y));
            }
        }
    }
}
