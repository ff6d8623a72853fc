//! A one-line text input: the text, a cursor (in characters), and the editing keys. It never
//! clears its text on its own, so a refused value stays for the user to correct.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    cursor: usize,
}

impl TextInput {
    pub fn new(value: impl Into<String>) -> TextInput {
        let value = value.into();
        let cursor = value.chars().count();
        TextInput { value, cursor }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn set(&mut self, value: impl Into<String>) {
        *self = TextInput::new(value);
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_index)
            .map_or(self.value.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    /// Pasted text; line breaks become spaces in a one-line field.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            self.insert(if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            });
        }
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let len = self.value.chars().count();
        match key.code {
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.value.remove(at);
            }
            KeyCode::Backspace | KeyCode::Delete => {}
            KeyCode::Left if self.cursor > 0 => self.cursor -= 1,
            KeyCode::Right if self.cursor < len => self.cursor += 1,
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = len,
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.value.drain(..at);
                self.cursor = 0;
            }
            KeyCode::Char('w') if ctrl => {
                let chars: Vec<char> = self.value.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.value.drain(a..b);
                self.cursor = start;
            }
            _ => return false,
        }
        true
    }

    /// The visible part of the text for `width` columns, and the cursor column within it.
    pub fn view(&self, width: usize) -> (Line<'static>, u16) {
        let chars: Vec<char> = self.value.chars().collect();
        let width = width.max(1);
        let start = self.cursor.saturating_sub(width.saturating_sub(1));
        let shown: String = chars.iter().skip(start).take(width).collect();
        let col = u16::try_from(self.cursor - start).unwrap_or(u16::MAX);
        (Line::from(Span::raw(shown)), col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_in_the_middle_of_unicode_text() {
        let mut t = TextInput::new("Sjöbo");
        t.edit(&key(KeyCode::Left));
        t.edit(&key(KeyCode::Left));
        t.insert('x');
        assert_eq!(t.value(), "Sjöxbo");
        t.edit(&key(KeyCode::Backspace));
        t.edit(&key(KeyCode::Backspace));
        assert_eq!(t.value(), "Sjbo");
        t.edit(&key(KeyCode::Home));
        t.edit(&key(KeyCode::Delete));
        assert_eq!(t.value(), "jbo");
        assert!(!t.edit(&key(KeyCode::Enter)));
    }

    #[test]
    fn paste_keeps_one_line_and_ctrl_w_deletes_a_word() {
        let mut t = TextInput::default();
        t.paste("KS 2026/1\nrad två");
        assert_eq!(t.value(), "KS 2026/1 rad två");
        t.edit(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(t.value(), "KS 2026/1 rad ");
    }

    #[test]
    fn the_view_follows_the_cursor() {
        let t = TextInput::new("abcdefghij");
        let (line, col) = t.view(4);
        assert_eq!(line.to_string(), "hij");
        assert_eq!(col, 3);
    }
}
