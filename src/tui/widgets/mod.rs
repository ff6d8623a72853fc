//! Widgets shared by the screens: list cursor, text input, forms, the filter list (palette and
//! pickers), confirmation, help and toast, fuzzy ranking.

pub mod filter_list;
pub mod form;
pub mod fuzzy;
pub mod list;
pub mod modal;
pub mod text_input;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::theme::Theme;

/// A dim, wrapped sentence where a list has nothing to show ("No procurements yet…").
pub fn notice(frame: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    frame.render_widget(
        Paragraph::new(text.to_string())
            .style(theme.dim())
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// `s` made exactly `w` characters wide: padded with spaces, or cut with "…".
pub fn pad(s: &str, w: usize) -> String {
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

/// A centred rectangle of at most `w` × `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
