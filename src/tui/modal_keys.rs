//! Keys inside a modal's own input: an open form (its fields, the list of a choice field, the
//! question before throwing changes away) and the filter lists of the palette and the pickers.

use crossterm::event::KeyEvent;

use super::action::Action;
use super::keymap::{self, Key};
use super::widgets::filter_list::FilterList;
use super::widgets::form::{Field, FormState};

/// A key for an open form's own input: the focused field's text, the open list of a choice
/// field, or (typing on a choice field) the list opened filtered by what was typed.
pub(super) fn form_text(f: &mut FormState, typed: Option<char>, ev: &KeyEvent, key: &Key) -> bool {
    if f.asking_discard {
        return false;
    }
    if let Some(list) = &mut f.choosing {
        return match typed {
            Some(c) => {
                f.type_choice(c);
                true
            }
            None => filter_text(list, typed, ev),
        };
    }
    if f.focused().is_some_and(Field::is_multi_line) {
        // Every key the table leaves free belongs to the editor (Enter is a new line).
        return keymap::lookup(&f.contexts(), key).is_none() && f.edit_area(ev);
    }
    match typed {
        Some(c) if f.wants_text() => {
            f.type_char(c);
            true
        }
        Some(c) if c != ' ' => {
            f.type_choice(c);
            true
        }
        _ => f.wants_text() && f.edit_line(ev),
    }
}

/// An action in an open form; true when the form is to close (its changes thrown away).
pub(super) fn form_action(f: &mut FormState, action: Action) -> bool {
    if f.asking_discard {
        match action {
            Action::Confirm => return true,
            Action::Cancel | Action::Back => f.asking_discard = false,
            _ => {}
        }
        return false;
    }
    if let Some(list) = &mut f.choosing {
        match action {
            Action::Open => f.choose(),
            Action::NextField => {
                f.choose();
                f.next_field();
            }
            Action::PrevField => {
                f.choose();
                f.prev_field();
            }
            Action::Back | Action::Cancel => f.choosing = None,
            other => {
                list.cursor.apply(&other);
            }
        }
        return false;
    }
    match action {
        Action::NextField => f.next_field(),
        Action::PrevField => f.prev_field(),
        Action::NextChoice => f.cycle_choice(true),
        Action::PrevChoice => f.cycle_choice(false),
        Action::OpenChoice => f.open_choice(None),
        // Nothing typed is thrown away without asking.
        Action::Cancel | Action::Back if f.is_changed() => f.asking_discard = true,
        Action::Cancel | Action::Back => return true,
        _ => {}
    }
    false
}

/// Typing into a filter list's input.
pub(super) fn filter_text<T>(list: &mut FilterList<T>, typed: Option<char>, ev: &KeyEvent) -> bool {
    let took = match typed {
        Some(c) => {
            list.input.insert(c);
            true
        }
        None => list.input.edit(ev),
    };
    if took {
        list.refilter();
    }
    took
}
