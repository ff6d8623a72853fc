//! Editing keys for multi-line fields: everything goes to the text area except the keys that
//! move between fields, save or cancel, which the form's key table owns.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

pub fn edit(area: &mut TextArea<'static>, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc => false,
        KeyCode::Char('s') if ctrl => false,
        _ => {
            area.input(*key);
            true
        }
    }
}
