//! The states of the modal layers: help, command palette, picker, confirmation. The top modal
//! is the first key context and the last thing drawn.

use ratatui::text::Line;

use super::fuzzy;
use super::list::ListCursor;
use super::text_input::TextInput;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Key};

/// The keys of the view the help was opened on.
pub struct HelpState {
    pub chain: Vec<Context>,
    pub scroll: usize,
}

/// One entry of the palette: an action, its text and key in the current view.
pub struct PaletteItem {
    pub action: Action,
    pub label: String,
    pub key: Option<Key>,
}

pub struct PaletteState {
    pub input: TextInput,
    pub items: Vec<PaletteItem>,
    pub matches: Vec<usize>,
    pub cursor: ListCursor,
    /// The contexts the chosen action is dispatched to.
    pub chain: Vec<Context>,
}

impl PaletteState {
    pub fn new(items: Vec<PaletteItem>, chain: Vec<Context>) -> PaletteState {
        let matches: Vec<usize> = (0..items.len()).collect();
        PaletteState {
            input: TextInput::default(),
            cursor: ListCursor::new(matches.len()),
            items,
            matches,
            chain,
        }
    }

    pub fn refilter(&mut self) {
        let labels: Vec<&str> = self.items.iter().map(|i| i.label.as_str()).collect();
        self.matches = fuzzy::rank(self.input.value(), &labels);
        self.cursor = ListCursor::new(self.matches.len());
    }

    pub fn chosen(&self) -> Option<&PaletteItem> {
        self.cursor
            .current()
            .and_then(|i| self.matches.get(i))
            .and_then(|i| self.items.get(*i))
    }
}

/// One entry of a picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    pub label: String,
    pub detail: String,
}

pub struct PickerState<P> {
    pub title: String,
    pub items: Vec<PickItem>,
    pub input: TextInput,
    pub matches: Vec<usize>,
    pub cursor: ListCursor,
    pub purpose: P,
}

impl<P> PickerState<P> {
    pub fn new(title: String, items: Vec<PickItem>, purpose: P) -> PickerState<P> {
        let matches: Vec<usize> = (0..items.len()).collect();
        PickerState {
            title,
            cursor: ListCursor::new(matches.len()),
            items,
            input: TextInput::default(),
            matches,
            purpose,
        }
    }

    pub fn refilter(&mut self) {
        let labels: Vec<String> = self
            .items
            .iter()
            .map(|i| format!("{} {}", i.label, i.detail))
            .collect();
        self.matches = fuzzy::rank(self.input.value(), &labels);
        self.cursor = ListCursor::new(self.matches.len());
    }

    /// The index (into `items`) of the chosen entry.
    pub fn chosen(&self) -> Option<usize> {
        self.cursor
            .current()
            .and_then(|i| self.matches.get(i))
            .copied()
    }
}

pub struct ConfirmState<P> {
    pub title: String,
    pub body: Vec<Line<'static>>,
    /// What happens on yes: the confirmation carries the operation it guards.
    pub on_yes: P,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

/// A short message about the result of an action, gone after a few seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub kind: ToastKind,
    pub expires: std::time::Instant,
}

impl Toast {
    pub fn new(text: String, kind: ToastKind) -> Toast {
        // Errors stay longer: they are the ones people need to read.
        let secs = if kind == ToastKind::Error { 8 } else { 4 };
        Toast {
            text,
            kind,
            expires: std::time::Instant::now() + std::time::Duration::from_secs(secs),
        }
    }
}
