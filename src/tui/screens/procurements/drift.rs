//! The drift view of one procurement: what changed in newer versions of its linked sets,
//! requirement by requirement, the line as it is beside the library's new text, and the key
//! that takes a change over. It has its own key context, so the line list's keys neither show
//! nor act while it is open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::detail::Detail;
use super::view::{field, pad};
use crate::domain::Lang;
use crate::i18n::Msg;
use crate::store::tailoring::{Drift, DriftChange};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::id_width;
use crate::tui::theme::Theme;

fn drift_label(d: &Drift, id_w: usize, lang: Lang) -> String {
    let (mark, what) = match d.change {
        DriftChange::Added { .. } => ("+", Msg::DriftAdded),
        DriftChange::Changed { .. } => ("~", Msg::DriftChanged),
        DriftChange::Removed { .. } => ("−", Msg::DriftRemoved),
    };
    format!(
        "{mark} {} {} ({} {} → {})",
        pad(&d.requirement_id, id_w),
        what.text(lang),
        d.set_id,
        d.from,
        d.to
    )
}

pub fn draw(
    frame: &mut Frame,
    list_area: Rect,
    text_area: Rect,
    d: &Detail,
    lang: Lang,
    theme: &Theme,
) {
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", Msg::DriftTitle.text(lang)),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let id_w = id_width(d.drift.iter().map(|x| x.requirement_id.as_str()));
    let rows: Vec<Line> = d
        .drift_cursor
        .window(usize::from(inner.height))
        .map(|i| {
            let style = if d.drift_cursor.current() == Some(i) {
                theme.selected()
            } else {
                theme.normal()
            };
            Line::from(drift_label(&d.drift[i], id_w, lang)).style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
    let mut text = Vec::new();
    if let Some(x) = d.selected_drift() {
        let current = |id: i64| {
            d.lines
                .iter()
                .find(|l| l.id == id)
                .map(|l| l.value.text.get(lang).to_string())
                .unwrap_or_default()
        };
        match &x.change {
            DriftChange::Added { requirement } => {
                text.extend(field(
                    Msg::DriftNew,
                    requirement.text.get(lang).to_string(),
                    lang,
                    theme,
                ));
            }
            DriftChange::Changed { line, new, .. } => {
                text.extend(field(Msg::DriftNow, current(*line), lang, theme));
                text.extend(field(
                    Msg::DriftNew,
                    new.text.get(lang).to_string(),
                    lang,
                    theme,
                ));
            }
            DriftChange::Removed { line, .. } => {
                text.extend(field(Msg::DriftNow, current(*line), lang, theme));
            }
        }
        text.push(Line::raw(""));
        let key = keymap::key_for(&[Context::Drift], &Action::TakeOver)
            .map(|k| k.to_string())
            .unwrap_or_default();
        text.push(Line::from(Span::styled(
            Msg::TakeOverHint.text(lang).replace("{key}", &key),
            theme.dim(),
        )));
    }
    frame.render_widget(
        Paragraph::new(text)
            .block(Block::bordered().border_style(theme.border(false)))
            .wrap(Wrap { trim: false }),
        text_area,
    );
}
