//! A one-line text input: the text, a cursor (in characters), and the editing keys. It never
//! clears its text on its own, so a refused value stays for the user to correct.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};

/// Text for an input: a typed character, an editing key, or a paste.
#[derive(Debug, Clone, Copy)]
pub enum TextEvent<'a> {
    Char(char),
    Key(&'a KeyEvent),
    Paste(&'a str),
}

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

    /// Pasted text; line breaks become spaces in a one-line field, terminal codes are dropped.
    pub fn paste(&mut self, text: &str) {
        for c in printable(text, false).chars() {
            self.insert(c);
        }
    }

    /// Takes a character, an editing key or a paste; false when the key is not for an input.
    pub fn take(&mut self, ev: TextEvent) -> bool {
        match ev {
            TextEvent::Char(c) => {
                self.insert(c);
                true
            }
            TextEvent::Key(k) => self.edit(k),
            TextEvent::Paste(text) => {
                self.paste(text);
                true
            }
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

/// `text` without what must never reach the database or a terminal: control characters
/// (ESC, BEL, NUL…) and the bidi controls that reorder text on screen. Line breaks and tabs are
/// kept in multi-line text and become spaces otherwise.
pub fn printable(text: &str, multi_line: bool) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' if multi_line => Some(c),
            '\r' if multi_line => None,
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect()
}

/// The Unicode controls that change the direction of text (embeddings, overrides, isolates
/// and marks).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
        let mut t = TextInput::default();
        t.paste("a\u{1b}[2Jb\u{202e}c\u{0}");
        assert_eq!(t.value(), "a[2Jbc", "terminal codes never get in");
    }

    #[test]
    fn the_view_follows_the_cursor() {
        let t = TextInput::new("abcdefghij");
        let (line, col) = t.view(4);
        assert_eq!(line.to_string(), "hij");
        assert_eq!(col, 3);
    }
}
