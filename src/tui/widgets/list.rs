//! Selection and scrolling of a list of `len` rows shown `height` rows at a time. Drawing reads
//! the offset through a `Cell` so that a draw can follow the selection without needing mutable
//! state; only rows in the window are ever built, which keeps long lists fast.

use std::cell::Cell;

use crate::tui::action::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub len: usize,
    offset: Cell<usize>,
}

/// Rows moved by PageUp/PageDown when the list height is not known yet.
const PAGE: usize = 10;

impl ListCursor {
    pub fn new(len: usize) -> ListCursor {
        ListCursor {
            selected: 0,
            len,
            offset: Cell::new(0),
        }
    }

    /// Sets the length after a reload, keeping the selection in range.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.len.saturating_sub(1));
    }

    pub fn up(&mut self, n: usize) {
        self.selected = self.selected.saturating_sub(n);
    }

    pub fn down(&mut self, n: usize) {
        self.selected = (self.selected + n).min(self.len.saturating_sub(1));
    }

    pub fn page_up(&mut self) {
        self.up(PAGE);
    }

    pub fn page_down(&mut self) {
        self.down(PAGE);
    }

    pub fn first(&mut self) {
        self.selected = 0;
    }

    pub fn last(&mut self) {
        self.selected = self.len.saturating_sub(1);
    }

    /// Applies a movement action; false when `action` does not move a selection, so the
    /// caller can handle it as something else.
    pub fn apply(&mut self, action: &Action) -> bool {
        match action {
            Action::MoveDown => self.down(1),
            Action::MoveUp => self.up(1),
            Action::PageDown => self.page_down(),
            Action::PageUp => self.page_up(),
            Action::First => self.first(),
            Action::Last => self.last(),
            _ => return false,
        }
        true
    }

    pub fn current(&self) -> Option<usize> {
        (self.len > 0).then_some(self.selected)
    }

    /// The rows to draw in a window of `height` rows, scrolled so the selection shows.
    pub fn window(&self, height: usize) -> std::ops::Range<usize> {
        if height == 0 || self.len == 0 {
            return 0..0;
        }
        // A shorter list (after a filter or reload) never leaves empty rows below its end.
        let mut offset = self.offset.get().min(self.len.saturating_sub(height));
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        self.offset.set(offset);
        offset..(offset + height).min(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_follows_the_selection_without_jumping() {
        let mut c = ListCursor::new(100);
        assert_eq!(c.window(10), 0..10);
        c.down(12);
        assert_eq!(c.window(10), 3..13);
        c.up(1);
        assert_eq!(
            c.window(10),
            3..13,
            "moving up inside the window does not scroll"
        );
        c.last();
        assert_eq!(c.window(10), 90..100);
        c.set_len(5);
        assert_eq!(c.selected, 4);
        assert_eq!(c.window(10), 0..5);
        assert_eq!(ListCursor::new(0).window(10), 0..0);
        assert_eq!(ListCursor::new(0).current(), None);
    }
}
