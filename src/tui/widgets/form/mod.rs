//! Forms: typed fields checked by the domain's own parsers. A field is checked when focus
//! leaves it and again on submit; the reason shows beside the field, and what was typed stays
//! so it can be corrected. A form knows nothing of what it is for: the screen that opened it
//! reads its values, typed, by the variants of the form's own field enum (`field_keys!`).
//!
//! Keys: the form's contexts in the key table say which keys move, choose, save and cancel; in
//! a multi-line field every other key is the text area's (Enter is a new line there), so the
//! hint line and the editor read the same table.

mod draw;
mod field;

use std::cell::Cell;

use crossterm::event::KeyEvent;

pub use draw::draw;
pub(crate) use field::field_keys;
pub use field::{Choice, Field, FieldId, FieldKey, Kind, Parsed, Parser, ValueError, Values};

use super::filter_list::{Entry, FilterList, Look};
use super::text_input::{TextInput, printable};
use crate::domain::Lang;
use crate::tui::keymap::Context;

pub struct FormState {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub lang: Lang,
    scroll: Cell<u16>,
    /// What every field held when the form opened: leaving a changed form asks first.
    initial: Vec<String>,
    /// Esc was pressed on a changed form: the form asks whether to throw the changes away.
    pub asking_discard: bool,
    /// The options of the focused choice field, open to type into and choose from; each
    /// entry's value is the option's place.
    pub choosing: Option<FilterList<usize>>,
    /// A text field whose value is worked out from the choices, until the user edits it.
    follow: Option<Follow>,
}

/// Works a field's text out from the rest of the form (a file name from the format chosen).
pub type Derive = Box<dyn Fn(&FormState) -> Option<String>>;

/// A field that follows the form's choices: `last` is what was last put into it, so a field
/// holding anything else was edited by the user and is left alone.
struct Follow {
    target: FieldId,
    derive: Derive,
    last: String,
}

impl FormState {
    pub fn new(title: impl Into<String>, fields: Vec<Field>, lang: Lang) -> FormState {
        let initial = fields.iter().map(Field::raw).collect();
        FormState {
            title: title.into(),
            fields,
            focus: 0,
            lang,
            scroll: Cell::new(0),
            initial,
            asking_discard: false,
            choosing: None,
            follow: None,
        }
    }

    /// Makes the text field `key` follow the form's choices through `derive`, starting now:
    /// the field gets the derived text as if it had opened with it, and gets it again after
    /// every change of a choice until the user types into it.
    pub fn follow<K: FieldKey>(&mut self, key: K, derive: Derive) {
        let target = FieldId::of(key);
        let Some(i) = self.fields.iter().position(|f| f.id == target) else {
            return;
        };
        let last = derive(self).unwrap_or_else(|| self.fields[i].raw());
        self.fields[i].input = TextInput::new(&last);
        self.initial[i] = last.clone();
        self.follow = Some(Follow {
            target,
            derive,
            last,
        });
    }

    /// After a choice changed: the following field takes the new derived text, unless it was
    /// edited.
    fn refresh_follow(&mut self) {
        let Some(mut follow) = self.follow.take() else {
            return;
        };
        if let Some(i) = self.fields.iter().position(|f| f.id == follow.target)
            && self.fields[i].raw() == follow.last
            && let Some(text) = (follow.derive)(self)
        {
            self.fields[i].input = TextInput::new(&text);
            self.fields[i].error = None;
            follow.last = text;
        }
        self.follow = Some(follow);
    }

    /// The value of the option chosen in the choice field `key`, as a `T`.
    pub fn chosen<K: FieldKey, T: Clone + 'static>(&self, key: K) -> Option<T> {
        let f = self.field(key)?;
        let Kind::Choice(options) = &f.kind else {
            return None;
        };
        options.get(f.choice)?.value.downcast_ref::<T>().cloned()
    }

    /// The key contexts of the focused field, innermost first.
    pub fn contexts(&self) -> Vec<Context> {
        if self.asking_discard {
            vec![Context::FormDiscard]
        } else if self.choosing.is_some() {
            vec![Context::FormChoice]
        } else if self.focused().is_some_and(Field::is_multi_line) {
            vec![Context::FormMultiLine]
        } else if self.focused().is_some_and(|f| !f.is_text()) {
            vec![Context::FormChoiceField, Context::Form]
        } else {
            vec![Context::Form]
        }
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn is_changed(&self) -> bool {
        !self
            .fields
            .iter()
            .map(Field::raw)
            .eq(self.initial.iter().cloned())
    }

    /// Opens the focused choice field's options, filtered by what was typed (`typed`).
    pub fn open_choice(&mut self, typed: Option<char>) {
        let Some(f) = self.focused() else { return };
        let Kind::Choice(options) = &f.kind else {
            return;
        };
        let current = f.choice;
        let entries = options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mark = if i == current { "✓" } else { "" };
                Entry::new(o.label.clone(), i).detail(mark)
            })
            .collect();
        let mut list = FilterList::new(f.label.clone(), entries, Look::Facts);
        match typed {
            Some(c) => {
                list.input.insert(c);
                list.refilter();
            }
            None => list.cursor.select(current),
        }
        self.choosing = Some(list);
    }

    /// A character typed on a choice field: it filters the field's options (opening them).
    /// When what is typed leaves exactly one option with a word starting so (`j` for Ja, `3`
    /// for level 3, `h` for hög risk), that option is taken and the focus moves on, so a
    /// profile is set with a key per changed field; otherwise the list stays open to choose.
    pub fn type_choice(&mut self, c: char) {
        match &mut self.choosing {
            Some(list) => {
                list.input.insert(c);
                list.refilter();
            }
            None => self.open_choice(Some(c)),
        }
        let Some(i) = self.choosing.as_ref().and_then(only_word_start) else {
            return;
        };
        self.choosing = None;
        if let Some(f) = self.focused_mut() {
            f.choice = i;
            f.error = None;
        }
        self.refresh_follow();
        self.next_field();
    }

    /// Takes the option under the list's cursor into the field and closes the list.
    pub fn choose(&mut self) {
        let chosen = self.choosing.take().and_then(FilterList::into_chosen);
        if let (Some(i), Some(f)) = (chosen, self.focused_mut()) {
            f.choice = i;
            f.error = None;
        }
        self.refresh_follow();
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    fn focused_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    pub fn field<K: FieldKey>(&self, key: K) -> Option<&Field> {
        self.fields.iter().find(|f| f.id.is(key))
    }

    /// Whether typed characters go to the focused field.
    pub fn wants_text(&self) -> bool {
        self.focused().is_some_and(Field::is_text)
    }

    /// Checks the field being left, unless it was left blank and never in error: skipping
    /// past an untouched field is not a mistake yet (submitting checks every field).
    fn check_focused(&mut self) {
        let lang = self.lang;
        if let Some(f) = self.focused_mut()
            && (!f.raw().trim().is_empty() || f.error.is_some())
        {
            f.error = f.check(lang).err();
        }
    }

    pub fn next_field(&mut self) {
        self.check_focused();
        if self.focus + 1 < self.fields.len() {
            self.focus += 1;
        }
    }

    pub fn prev_field(&mut self) {
        self.check_focused();
        self.focus = self.focus.saturating_sub(1);
    }

    pub fn cycle_choice(&mut self, forward: bool) {
        if let Some(f) = self.focused_mut()
            && let Kind::Choice(options) = &f.kind
            && !options.is_empty()
        {
            let n = options.len();
            f.choice = if forward {
                (f.choice + 1) % n
            } else {
                (f.choice + n - 1) % n
            };
        }
        self.refresh_follow();
    }

    pub fn type_char(&mut self, c: char) {
        if let Some(f) = self.focused_mut() {
            let text = f.is_text();
            match &mut f.area {
                Some(a) => a.insert_char(c),
                None if text => f.input.insert(c),
                None => {}
            }
        }
    }

    /// Pasted text; control characters other than line breaks and tabs are dropped, so a paste
    /// can never put terminal codes into what is saved.
    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.focused_mut() {
            let is_text = f.is_text();
            match &mut f.area {
                Some(a) => {
                    a.insert_str(printable(text, true));
                }
                None if is_text => f.input.paste(text),
                None => {}
            }
        }
    }

    /// Gives an editing key to the focused single-line field; false when it is not one.
    pub fn edit_line(&mut self, key: &KeyEvent) -> bool {
        match self.focused_mut() {
            Some(f) if f.area.is_none() && f.is_text() => f.input.edit(key),
            _ => false,
        }
    }

    /// Gives a key to the focused multi-line field's editor.
    pub fn edit_area(&mut self, key: &KeyEvent) -> bool {
        match self.focused_mut().and_then(|f| f.area.as_mut()) {
            Some(a) => {
                a.input(*key);
                true
            }
            None => false,
        }
    }

    /// Checks every field; on success the values, otherwise the focus moves to the first
    /// field in error and nothing typed is lost.
    pub fn submit(&mut self) -> Option<Values> {
        let lang = self.lang;
        let mut values = Vec::new();
        let mut first_error = None;
        for (i, f) in self.fields.iter_mut().enumerate() {
            match f.check(lang) {
                Ok(v) => {
                    f.error = None;
                    values.push((f.id, v));
                }
                Err(e) => {
                    f.error = Some(e);
                    first_error.get_or_insert(i);
                }
            }
        }
        match first_error {
            Some(i) => {
                self.focus = i;
                None
            }
            None => Some(Values(values)),
        }
    }

    /// Marks a field wrong after a rule beyond the field itself refused the values.
    pub fn set_error(&mut self, id: FieldId, message: String) {
        if let Some(i) = self.fields.iter().position(|f| f.id == id) {
            self.fields[i].error = Some(message);
            self.focus = i;
        }
    }

    /// Sets the text of a field, as if typed (tests and prefilled follow-ups).
    pub fn set_text<K: FieldKey>(&mut self, key: K, text: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.id.is(key)) {
            f.input = TextInput::new(text);
        }
    }
}

/// The one option that has a word starting with what is typed (or starts with it whole),
/// if exactly one has.
fn only_word_start(list: &FilterList<usize>) -> Option<usize> {
    let typed = list.input.value().to_lowercase();
    if typed.trim().is_empty() {
        return None;
    }
    let mut found = list.entries.iter().filter(|e| {
        let label = e.label.to_lowercase();
        label.starts_with(&typed)
            || label
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| !w.is_empty() && w.starts_with(&typed))
    });
    let first = found.next()?;
    found.next().is_none().then_some(first.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OrgNumber;
    use chrono::NaiveDate;

    field_keys! {
        enum F { Title, Deadline, Org, Level }
    }

    fn form() -> FormState {
        FormState::new(
            "Test",
            vec![
                Field::new(F::Title, "Titel", Kind::Text).required(),
                Field::new(F::Deadline, "Sista dag", Kind::Date),
                Field::new(F::Org, "Org.nr", Kind::OrgNumber),
                Field::choice_of(F::Level, "Nivå", &[0u8, 1], 1, |n| n.to_string()),
            ],
            Lang::Sv,
        )
    }

    #[test]
    fn leaving_a_field_checks_it_and_keeps_the_text() {
        let mut f = form();
        f.next_field();
        assert_eq!(
            f.fields[0].error, None,
            "skipping a blank field is not an error yet"
        );
        for c in "2027-13-01".chars() {
            f.type_char(c);
        }
        f.next_field();
        assert!(f.fields[1].error.as_deref().unwrap().contains("2027-13-01"));
        assert_eq!(f.fields[1].raw(), "2027-13-01", "the typed text stays");
    }

    #[test]
    fn submit_goes_to_the_first_error_then_gives_typed_values() {
        let mut f = form();
        f.focus = 2;
        for c in "556036-0794".chars() {
            f.type_char(c);
        }
        assert!(f.submit().is_none());
        assert_eq!(f.focus, 0);
        assert!(
            f.fields[2]
                .error
                .as_deref()
                .unwrap()
                .contains("kontrollsiffran")
        );
        f.type_char('X');
        f.set_text(F::Org, "556036-0793");
        let v = f.submit().unwrap();
        assert_eq!(v.get::<_, String>(F::Title).unwrap(), "X");
        let org: Option<OrgNumber> = v.get(F::Org).unwrap();
        assert_eq!(org.unwrap().to_string(), "556036-0793");
        assert_eq!(v.get::<_, Option<NaiveDate>>(F::Deadline).unwrap(), None);
        assert_eq!(v.get::<_, u8>(F::Level).unwrap(), 1);
    }

    #[test]
    fn a_value_read_as_the_wrong_type_is_an_error_not_a_default() {
        let mut f = form();
        f.type_char('X');
        let v = f.submit().unwrap();
        assert!(v.get::<_, bool>(F::Level).is_err());
        field_keys! {
            enum Other { Title }
        }
        assert!(
            v.get::<_, String>(Other::Title).is_err(),
            "another form's field"
        );
    }

    #[test]
    fn choices_cycle_and_ignore_typing() {
        let mut f = form();
        f.focus = 3;
        assert!(!f.wants_text());
        f.type_char('x');
        f.cycle_choice(true);
        assert_eq!(f.fields[3].raw(), "0");
        f.cycle_choice(false);
        assert_eq!(f.fields[3].raw(), "1");
    }

    #[test]
    fn a_following_field_takes_the_choices_until_it_is_edited() {
        let mut f = form();
        f.follow(
            F::Title,
            Box::new(|f: &FormState| f.chosen::<_, u8>(F::Level).map(|n| format!("nivå-{n}"))),
        );
        assert_eq!(f.fields[0].raw(), "nivå-1");
        assert!(!f.is_changed(), "the derived text is where the form starts");
        f.focus = 3;
        f.cycle_choice(true);
        assert_eq!(f.fields[0].raw(), "nivå-0");
        f.focus = 0;
        f.type_char('x');
        f.focus = 3;
        f.cycle_choice(true);
        assert_eq!(
            f.fields[0].raw(),
            "nivå-0x",
            "an edited field is the user's"
        );
    }

    #[test]
    fn a_paste_drops_terminal_codes() {
        let mut f = form();
        f.paste("Titel\u{1b}]0;x\u{7}\u{202e}slut");
        assert_eq!(f.fields[0].raw(), "Titel]0;xslut");
    }
}
