//! Keys as data. `BINDINGS` maps keys to actions per context; dispatch, the help overlay, the
//! footer hints and the command palette are all read from it, and tests check the table
//! itself (no key twice in a context, every action reachable, the conventions of DESIGN §7).
//!
//! Lookup walks a chain of contexts, innermost first: the top modal (which blocks everything
//! below it), or the focused screen's own context, then the shared list keys, then Global.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::tabs::Tab;

/// Where a binding is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    /// Any list: movement, open, back, search.
    List,
    Library,
    Procurements,
    ProcurementDetail,
    /// A procurement that is published or later: only what does not change the tender.
    ProcurementFrozen,
    /// The newer versions of a procurement's linked sets, line by line.
    Drift,
    Form,
    /// A choice field of a form, while its list is closed: step through the options, or open them.
    FormChoiceField,
    /// A multi-line field of a form: keys not bound here are the text editor's.
    FormMultiLine,
    /// The open list of a choice field's options.
    FormChoice,
    /// A changed form asking whether to throw the changes away.
    FormDiscard,
    Confirm,
    /// A message to read and close.
    Message,
    Help,
    Palette,
    Picker,
}

impl Context {
    /// Modal contexts see no keys of the contexts below them.
    pub fn is_modal(self) -> bool {
        matches!(
            self,
            Context::Form
                | Context::FormChoiceField
                | Context::FormMultiLine
                | Context::FormChoice
                | Context::FormDiscard
                | Context::Message
                | Context::Confirm
                | Context::Help
                | Context::Palette
                | Context::Picker
        )
    }
}

/// How help groups the bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    General,
    Navigation,
    Editing,
}

/// A key as the user presses it: the code and whether Ctrl or Alt is held. Shift is part of
/// the character (`K`), except for Tab, where Shift-Tab is its own code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        let code = match ev.code {
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// A printable character typed without Ctrl or Alt: text for a focused input.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// Reads `"ctrl-s"`, `"shift-tab"`, `"enter"`, `"K"`, `"?"`…
    pub fn parse(text: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            s if s.chars().count() == 1 => KeyCode::Char(s.chars().next()?),
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            _ => f.write_str("?"),
        }
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [&'static str],
    pub action: Action,
    pub group: Group,
}

macro_rules! bind {
    ($ctx:ident, [$($k:literal),+], $action:expr, $group:ident) => {
        Binding {
            context: Context::$ctx,
            keys: &[$($k),+],
            action: $action,
            group: Group::$group,
        }
    };
}

use Action as A;

pub static BINDINGS: &[Binding] = &[
    // Global
    bind!(Global, ["q", "ctrl-c"], A::Quit, General),
    bind!(Global, ["?"], A::ShowHelp, General),
    bind!(Global, [":"], A::OpenPalette, General),
    bind!(Global, ["1"], A::SwitchTab(Tab::Dashboard), Navigation),
    bind!(Global, ["2"], A::SwitchTab(Tab::Library), Navigation),
    bind!(Global, ["3"], A::SwitchTab(Tab::Procurements), Navigation),
    bind!(Global, ["4"], A::SwitchTab(Tab::Suppliers), Navigation),
    bind!(Global, ["5"], A::SwitchTab(Tab::Reviews), Navigation),
    bind!(Global, ["L"], A::ToggleLanguage, General),
    bind!(Global, ["ctrl-r"], A::Reload, General),
    // Lists
    bind!(List, ["k", "up"], A::MoveUp, Navigation),
    bind!(List, ["j", "down"], A::MoveDown, Navigation),
    bind!(List, ["pgup", "ctrl-u"], A::PageUp, Navigation),
    bind!(List, ["pgdn", "ctrl-d"], A::PageDown, Navigation),
    bind!(List, ["g", "home"], A::First, Navigation),
    bind!(List, ["G", "end"], A::Last, Navigation),
    bind!(List, ["enter"], A::Open, Navigation),
    bind!(List, ["esc"], A::Back, Navigation),
    bind!(List, ["tab"], A::NextPane, Navigation),
    bind!(List, ["shift-tab"], A::PrevPane, Navigation),
    bind!(List, ["/"], A::Search, Navigation),
    // Library
    bind!(Library, ["n"], A::New, Editing),
    bind!(Library, ["e"], A::Edit, Editing),
    bind!(Library, ["d"], A::Delete, Editing),
    bind!(Library, ["f"], A::CycleKindFilter, Navigation),
    bind!(Library, ["t"], A::PickTagFilter, Navigation),
    bind!(Library, ["c"], A::DuplicateSet, Editing),
    bind!(Library, ["i"], A::ImportSet, Editing),
    bind!(Library, ["x"], A::ExportSet, Editing),
    // Procurement list
    bind!(Procurements, ["n"], A::New, Editing),
    bind!(Procurements, ["e"], A::EditProcurement, Editing),
    // One procurement
    bind!(ProcurementDetail, ["b"], A::BuildFromProfile, Editing),
    bind!(ProcurementDetail, ["l"], A::LinkSet, Editing),
    bind!(ProcurementDetail, ["space"], A::ToggleInclude, Editing),
    bind!(ProcurementDetail, ["t"], A::ChangeKind, Editing),
    // Edit and export before the weight: the footer shows the first six of these
    bind!(ProcurementDetail, ["e"], A::Edit, Editing),
    bind!(ProcurementDetail, ["x"], A::ExportDocument, Editing),
    bind!(ProcurementDetail, ["w"], A::SetWeight, Editing),
    bind!(ProcurementDetail, ["a"], A::AddOwnLine, Editing),
    bind!(ProcurementDetail, ["K"], A::MoveLineUp, Editing),
    bind!(ProcurementDetail, ["J"], A::MoveLineDown, Editing),
    bind!(ProcurementDetail, ["E"], A::EditProcurement, Editing),
    bind!(ProcurementDetail, ["s"], A::ChangeStatus, Editing),
    bind!(ProcurementDetail, ["A"], A::Amend, Editing),
    bind!(ProcurementDetail, ["v"], A::ShowDrift, Navigation),
    bind!(ProcurementDetail, ["U"], A::UnlinkSet, Editing),
    bind!(ProcurementDetail, ["i"], A::ToggleNotApplying, Navigation),
    bind!(ProcurementDetail, ["m"], A::MoveLineTo, Editing),
    bind!(ProcurementDetail, ["n"], A::NextMatch, Navigation),
    bind!(ProcurementDetail, ["N"], A::PrevMatch, Navigation),
    bind!(ProcurementDetail, ["h"], A::ShowHistory, Navigation),
    bind!(ProcurementDetail, ["H"], A::ToggleHeader, Navigation),
    // A published procurement: what may still be done (the editing keys below it are refused
    // with the reason)
    bind!(ProcurementFrozen, ["A"], A::Amend, Editing),
    bind!(ProcurementFrozen, ["E"], A::EditProcurement, Editing),
    bind!(ProcurementFrozen, ["s"], A::ChangeStatus, Editing),
    bind!(ProcurementFrozen, ["x"], A::ExportDocument, Editing),
    bind!(ProcurementFrozen, ["h"], A::ShowHistory, Editing),
    bind!(ProcurementFrozen, ["v"], A::ShowDrift, Editing),
    // Newer library versions
    bind!(Drift, ["u"], A::TakeOver, Editing),
    bind!(Drift, ["v"], A::ShowDrift, Navigation),
    bind!(Drift, ["H"], A::ToggleHeader, Navigation),
    // Forms
    bind!(Form, ["tab", "down"], A::NextField, Navigation),
    bind!(Form, ["shift-tab", "up"], A::PrevField, Navigation),
    bind!(FormChoiceField, ["right"], A::NextChoice, Editing),
    bind!(FormChoiceField, ["left"], A::PrevChoice, Editing),
    bind!(Form, ["enter", "ctrl-s"], A::Submit, Editing),
    bind!(Form, ["esc"], A::Cancel, Navigation),
    bind!(FormChoiceField, ["space"], A::OpenChoice, Editing),
    // The options of a choice field: typing filters them
    bind!(FormChoice, ["enter"], A::Open, Editing),
    bind!(FormChoice, ["tab"], A::NextField, Navigation),
    bind!(FormChoice, ["shift-tab"], A::PrevField, Navigation),
    bind!(FormChoice, ["up", "ctrl-p"], A::MoveUp, Navigation),
    bind!(FormChoice, ["down", "ctrl-n"], A::MoveDown, Navigation),
    bind!(FormChoice, ["esc"], A::Back, Navigation),
    // Throw a changed form's text away?
    bind!(FormDiscard, ["j", "y", "enter"], A::Confirm, General),
    bind!(FormDiscard, ["n", "esc"], A::Cancel, General),
    // A multi-line field: Enter and the arrows edit the text
    bind!(FormMultiLine, ["ctrl-s"], A::Submit, Editing),
    bind!(FormMultiLine, ["tab"], A::NextField, Navigation),
    bind!(FormMultiLine, ["shift-tab"], A::PrevField, Navigation),
    bind!(FormMultiLine, ["esc"], A::Cancel, Navigation),
    // Confirmation
    bind!(Confirm, ["y", "j", "enter"], A::Confirm, General),
    bind!(Confirm, ["n", "esc"], A::Cancel, General),
    // A message
    bind!(Message, ["enter", "esc", "q"], A::Back, General),
    // Help
    bind!(Help, ["esc", "?", "q"], A::Back, General),
    bind!(Help, ["j", "down"], A::MoveDown, Navigation),
    bind!(Help, ["k", "up"], A::MoveUp, Navigation),
    // Palette (typing filters it)
    bind!(Palette, ["up", "ctrl-p"], A::MoveUp, Navigation),
    bind!(Palette, ["down", "ctrl-n"], A::MoveDown, Navigation),
    bind!(Palette, ["enter"], A::Open, General),
    bind!(Palette, ["esc"], A::Back, General),
    // Picker (typing filters it)
    bind!(Picker, ["up", "ctrl-p"], A::MoveUp, Navigation),
    bind!(Picker, ["down", "ctrl-n"], A::MoveDown, Navigation),
    bind!(Picker, ["enter"], A::Open, General),
    bind!(Picker, ["esc"], A::Back, General),
];

/// The action bound to `key` in the first context of `chain` that binds it.
pub fn lookup(chain: &[Context], key: &Key) -> Option<Action> {
    chain.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .filter(|b| b.context == *ctx)
            .find(|b| b.keys.iter().any(|k| Key::parse(k).as_ref() == Some(key)))
            .map(|b| b.action)
    })
}

/// The first key bound to `action` in `chain`, for footer hints.
pub fn key_for(chain: &[Context], action: &Action) -> Option<Key> {
    chain.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .find(|b| b.context == *ctx && b.action == *action)
            .and_then(|b| b.keys.first())
            .and_then(|k| Key::parse(k))
    })
}

/// The keys of a binding as the user's language reads them: a yes is `j` (ja) in Swedish and
/// `y` in English. Both keys work in both languages; only the one shown differs.
pub fn keys_in<'a>(keys: &[&'a str], lang: crate::domain::Lang) -> Vec<&'a str> {
    let other = match lang {
        crate::domain::Lang::Sv => "y",
        crate::domain::Lang::En => "j",
    };
    if !(keys.contains(&"j") && keys.contains(&"y")) {
        return keys.to_vec();
    }
    keys.iter().copied().filter(|k| *k != other).collect()
}

/// The key shown for `action` in `chain`, in the user's language (see `keys_in`).
pub fn key_in(chain: &[Context], action: &Action, lang: crate::domain::Lang) -> Option<Key> {
    chain.iter().find_map(|ctx| {
        BINDINGS
            .iter()
            .find(|b| b.context == *ctx && b.action == *action)
            .and_then(|b| keys_in(b.keys, lang).first().copied())
            .and_then(Key::parse)
    })
}

/// The bindings visible in `chain`, innermost first, without those shadowed by an inner
/// context binding the same key.
pub fn visible(chain: &[Context]) -> Vec<&'static Binding> {
    let mut seen: Vec<Key> = Vec::new();
    let mut out = Vec::new();
    for ctx in chain {
        for b in BINDINGS.iter().filter(|b| b.context == *ctx) {
            let keys: Vec<Key> = b.keys.iter().filter_map(|k| Key::parse(k)).collect();
            if keys.iter().all(|k| seen.contains(k)) {
                continue;
            }
            seen.extend(keys);
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;

    #[test]
    fn every_key_parses() {
        for b in BINDINGS {
            for k in b.keys {
                assert!(Key::parse(k).is_some(), "{k} does not parse");
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context != b.context {
                    continue;
                }
                for k in a.keys {
                    assert!(!b.keys.contains(k), "{k} twice in {:?}", a.context);
                }
            }
        }
    }

    #[test]
    fn every_action_is_reachable_by_a_key() {
        for action in Action::all() {
            assert!(
                BINDINGS.iter().any(|b| b.action == action),
                "{action:?} has no key"
            );
        }
    }

    #[test]
    fn every_action_is_described_in_both_languages() {
        for action in Action::all() {
            for lang in Lang::ALL {
                assert!(
                    !action.describe().text(lang).trim().is_empty(),
                    "{action:?}"
                );
            }
        }
    }

    #[test]
    fn the_conventions_of_the_design_are_bound() {
        let global = [Context::List, Context::Global];
        let expect = |k: &str, a: Action| {
            assert_eq!(lookup(&global, &Key::parse(k).unwrap()), Some(a), "{k}");
        };
        expect("j", Action::MoveDown);
        expect("k", Action::MoveUp);
        expect("enter", Action::Open);
        expect("esc", Action::Back);
        expect("/", Action::Search);
        expect("tab", Action::NextPane);
        expect(":", Action::OpenPalette);
        expect("q", Action::Quit);
        for (i, tab) in Tab::ALL.iter().enumerate() {
            expect(&(i + 1).to_string(), Action::SwitchTab(*tab));
        }
        let lib = [Context::Library, Context::List, Context::Global];
        assert_eq!(lookup(&lib, &Key::parse("n").unwrap()), Some(Action::New));
        assert_eq!(lookup(&lib, &Key::parse("e").unwrap()), Some(Action::Edit));
        assert_eq!(
            lookup(&lib, &Key::parse("d").unwrap()),
            Some(Action::Delete)
        );
    }

    #[test]
    fn inner_contexts_shadow_outer_ones_and_modals_block() {
        let form = [Context::Form];
        assert_eq!(
            lookup(&form, &Key::parse("q").unwrap()),
            None,
            "q is typed in a form"
        );
        let chain = [Context::Help, Context::Global];
        assert_eq!(
            lookup(&chain, &Key::parse("q").unwrap()),
            Some(Action::Back)
        );
        let shown = visible(&[Context::ProcurementDetail, Context::List, Context::Global]);
        assert!(shown.iter().any(|b| b.action == Action::LinkSet));
    }

    #[test]
    fn keys_display_for_help() {
        assert_eq!(Key::parse("ctrl-s").unwrap().to_string(), "Ctrl-S");
        assert_eq!(Key::parse("shift-tab").unwrap().to_string(), "Shift-Tab");
        assert_eq!(Key::parse("K").unwrap().to_string(), "K");
        assert_eq!(
            key_for(&[Context::Global], &Action::Quit)
                .unwrap()
                .to_string(),
            "q"
        );
    }

    #[test]
    fn key_codes_appear_only_where_keys_are_read() {
        // Keys live in this table, the event reader and the text inputs; a screen that matches
        // on key codes would bypass the table, the help and the palette.
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/tui");
        let allowed = ["keymap.rs", "event.rs", "text_input.rs"];
        let mut offenders = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if !allowed.iter().any(|a| path.ends_with(a)) {
                    let text = std::fs::read_to_string(&path).unwrap();
                    if text.contains(concat!("KeyCode", "::")) {
                        offenders.push(path.display().to_string());
                    }
                }
            }
        }
        assert!(offenders.is_empty(), "KeyCode used in {offenders:?}");
    }
}
