//! A list to choose from by typing part of an entry: the command palette (entries are actions,
//! shown with their key) and every picker (a set to link, a kind, a status, a tag). Typing
//! filters with the fuzzy matcher, arrows move, Enter chooses; each entry carries the typed
//! value it stands for, so choosing hands back a value, not a position to look up again.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use super::fuzzy;
use super::list::ListCursor;
use super::text_input::TextInput;
use crate::tui::theme::Theme;

/// One entry: what is shown, and the value it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<T> {
    pub label: String,
    /// Shown after the label: a key for the palette, a short fact for a picker.
    pub detail: String,
    pub value: T,
}

impl<T> Entry<T> {
    pub fn new(label: impl Into<String>, value: T) -> Entry<T> {
        Entry {
            label: label.into(),
            detail: String::new(),
            value,
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Entry<T> {
        self.detail = detail.into();
        self
    }
}

/// How the detail is shown: as a key in a column (palette) or as dim text after the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Keys,
    Facts,
}

pub struct FilterList<T> {
    pub title: String,
    pub entries: Vec<Entry<T>>,
    pub input: TextInput,
    /// Indices into `entries` that match the input, best first.
    pub matches: Vec<usize>,
    pub cursor: ListCursor,
    pub look: Look,
    /// For a list where several entries are chosen (Space ticks): which are, by entry.
    pub ticks: Option<Vec<bool>>,
    /// With nothing ticked, Enter takes the entry under the cursor (a picker that also takes
    /// several), rather than nothing (a preview where the officer unticked everything).
    pub untick_takes_cursor: bool,
    /// Shown under the list: what Space and Enter do in it.
    pub hint: String,
}

impl<T> FilterList<T> {
    pub fn new(title: impl Into<String>, entries: Vec<Entry<T>>, look: Look) -> FilterList<T> {
        let matches: Vec<usize> = (0..entries.len()).collect();
        FilterList {
            title: title.into(),
            cursor: ListCursor::new(matches.len()),
            entries,
            input: TextInput::default(),
            matches,
            look,
            ticks: None,
            untick_takes_cursor: false,
            hint: String::new(),
        }
    }

    /// Makes the list one to tick several entries in, starting with `ticked`.
    pub fn ticked(mut self, ticked: Vec<bool>) -> FilterList<T> {
        self.ticks = Some(ticked);
        self
    }

    /// Ticks or unticks the entry under the cursor.
    pub fn toggle(&mut self) {
        let at = self
            .cursor
            .current()
            .and_then(|i| self.matches.get(i))
            .copied();
        if let (Some(ticks), Some(i)) = (self.ticks.as_mut(), at)
            && let Some(t) = ticks.get_mut(i)
        {
            *t = !*t;
        }
    }

    /// A list that takes the entry under the cursor when nothing is ticked.
    pub fn or_cursor(mut self) -> FilterList<T> {
        self.untick_takes_cursor = true;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> FilterList<T> {
        self.hint = hint.into();
        self
    }

    /// The values of the ticked entries, in list order.
    pub fn into_ticked(self) -> Vec<T> {
        let none = self.ticks.as_ref().is_none_or(|t| !t.contains(&true));
        if none && self.untick_takes_cursor {
            return self.into_chosen().into_iter().collect();
        }
        let ticks = self.ticks.unwrap_or_default();
        self.entries
            .into_iter()
            .zip(ticks)
            .filter(|(_, t)| *t)
            .map(|(e, _)| e.value)
            .collect()
    }

    /// Filters again after the input changed.
    pub fn refilter(&mut self) {
        let texts: Vec<String> = self
            .entries
            .iter()
            .map(|e| match self.look {
                // A key is not something people type to find a command.
                Look::Keys => e.label.clone(),
                Look::Facts => format!("{} {}", e.label, e.detail),
            })
            .collect();
        self.matches = fuzzy::rank(self.input.value(), &texts);
        self.cursor = ListCursor::new(self.matches.len());
    }

    /// The entry under the cursor.
    pub fn chosen(&self) -> Option<&Entry<T>> {
        self.cursor
            .current()
            .and_then(|i| self.matches.get(i))
            .and_then(|i| self.entries.get(*i))
    }

    /// Takes the value of the entry under the cursor.
    pub fn into_chosen(mut self) -> Option<T> {
        let i = *self.cursor.current().and_then(|i| self.matches.get(i))?;
        (i < self.entries.len()).then(|| self.entries.swap_remove(i).value)
    }
}

pub fn draw<T>(frame: &mut Frame, area: Rect, list: &FilterList<T>, theme: &Theme) {
    let height = usize::from(area.height.saturating_sub(6));
    let width = area.width.saturating_sub(8).min(100);
    // Inside the border; what is left of a fact's label once the fact itself fits.
    let row_w = usize::from(width.saturating_sub(2));
    let rows: Vec<Line> = list
        .cursor
        .window(height)
        .map(|i| {
            let e = &list.entries[list.matches[i]];
            let style = if list.cursor.current() == Some(i) {
                theme.selected()
            } else {
                theme.normal()
            };
            let tick = match list.ticks.as_ref().and_then(|t| t.get(list.matches[i])) {
                Some(true) => "[x] ",
                Some(false) => "[ ] ",
                None => "",
            };
            let spans = match list.look {
                Look::Keys => vec![
                    Span::raw(format!("{tick}{:<50}", e.label)),
                    Span::styled(e.detail.clone(), theme.key()),
                ],
                Look::Facts => vec![
                    Span::raw(format!(
                        "{tick}{}",
                        fit_label(&e.label, row_w, tick.len() + 2 + e.detail.chars().count())
                    )),
                    Span::styled(format!("  {}", e.detail), theme.dim()),
                ],
            };
            Line::from(spans).style(style)
        })
        .collect();
    let popup_h = (u16::try_from(rows.len()).unwrap_or(20) + 4).clamp(6, area.height);
    let rect = centered(area, width, popup_h);
    frame.render_widget(Clear, rect);
    let mut block = Block::bordered()
        .title(Span::styled(format!(" {} ", list.title), theme.title()))
        .border_style(theme.border(true));
    if !list.hint.is_empty() {
        block = block.title_bottom(Span::styled(format!(" {} ", list.hint), theme.dim()));
    }
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 2 {
        return;
    }
    let (text, col) = list.input.view(usize::from(inner.width).saturating_sub(3));
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

/// A label cut with "…" so that what follows it (`rest` characters) stays in the row; a label
/// is never cut below 20 characters, where the fact gives way instead.
fn fit_label(label: &str, row: usize, rest: usize) -> String {
    let room = row.saturating_sub(rest).max(20);
    if label.chars().count() > room {
        super::pad(label, room)
    } else {
        label.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_filters_and_choosing_hands_back_the_value() {
        let entries = vec![
            Entry::new("Länka kravpaket", 10),
            Entry::new("Publicera", 20).detail("p"),
            Entry::new("Ändra kravtyp", 30),
        ];
        let mut list = FilterList::new("Välj", entries, Look::Keys);
        assert_eq!(list.chosen().map(|e| e.value), Some(10));
        list.input.insert('p');
        list.input.insert('u');
        list.refilter();
        assert_eq!(list.matches, vec![1]);
        assert_eq!(list.into_chosen(), Some(20));
    }

    #[test]
    fn nothing_matching_chooses_nothing() {
        let mut list = FilterList::new("Välj", vec![Entry::new("a", 1)], Look::Facts);
        list.input.set("zzz");
        list.refilter();
        assert!(list.chosen().is_none());
        assert_eq!(list.into_chosen(), None);
    }
}
