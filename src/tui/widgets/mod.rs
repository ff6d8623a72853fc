//! Widgets shared by the screens: list cursor, text input, forms, the filter list (palette and
//! pickers), confirmation, help and toast, fuzzy ranking.

pub mod filter_list;
pub mod form;
pub mod fuzzy;
pub mod list;
pub mod modal;
pub mod text_input;

use ratatui::layout::Rect;

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
