//! One field of a form: its key (a variant of the form's own field enum), label, help, what
//! it holds and how that is parsed. Parsing is the domain's (`OrgNumber::parse`,
//! `SetVersion::parse`…), so the TUI has no rules of its own; a parsed value is kept typed and
//! handed to the screen as the type it asked for.

use std::any::{Any, TypeId};
use std::rc::Rc;

use ratatui_textarea::TextArea;

use super::super::text_input::TextInput;
use crate::catalog::error::{requirement_id_reason, set_id_reason};
use crate::domain::date::{DateError, parse_date};
use crate::domain::{Lang, OrgNumber, RequirementId, SetId, SetVersion};
use crate::i18n::{self, Msg};

/// The fields of one form, as an enum; `field_keys!` implements this.
pub trait FieldKey: Copy + std::fmt::Debug + 'static {
    fn index(self) -> u16;
}

/// Declares the field enum of a form.
macro_rules! field_keys {
    ($(#[$m:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $v:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name { $($(#[$vm])* $v),+ }

        impl $crate::tui::widgets::form::FieldKey for $name {
            fn index(self) -> u16 {
                self as u16
            }
        }
    };
}
pub(crate) use field_keys;

/// A field's key without its enum type: the enum's `TypeId` and the variant's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldId {
    form: TypeId,
    index: u16,
}

impl FieldId {
    pub fn of<K: FieldKey>(key: K) -> FieldId {
        FieldId {
            form: TypeId::of::<K>(),
            index: key.index(),
        }
    }

    /// Whether this is `key`.
    pub fn is<K: FieldKey>(self, key: K) -> bool {
        self == FieldId::of(key)
    }
}

/// A parsed value of any type; `Values::get` hands it back as the type the screen asks for.
pub type Parsed = Rc<dyn Any>;

/// A parser for a field with a rule of its own (a prefix, a path…).
pub type Parser = fn(&str, Lang) -> Result<Parsed, String>;

/// One option of a choice field, with the typed value it stands for.
#[derive(Clone)]
pub struct Choice {
    pub label: String,
    /// Shown under the field while this option is chosen (e.g. what KLASSA level 2 means).
    pub help: String,
    pub value: Parsed,
}

impl Choice {
    pub fn new<T: Any>(label: impl Into<String>, value: T) -> Choice {
        Choice {
            label: label.into(),
            help: String::new(),
            value: Rc::new(value),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Choice {
        self.help = help.into();
        self
    }
}

/// What a field holds, which decides its parser and the type of its value.
#[derive(Clone)]
pub enum Kind {
    /// `String`, trimmed.
    Text,
    /// `String` over several lines.
    MultiLine,
    /// `Option<NaiveDate>`.
    Date,
    /// `Option<u32>` within the range.
    Number { min: u32, max: u32 },
    /// `Option<OrgNumber>`.
    OrgNumber,
    /// `SetId`.
    SetId,
    /// `RequirementId`.
    RequirementId,
    /// `SetVersion`.
    Version,
    /// The value of a `Custom` parser.
    Custom(Parser),
    /// The chosen option's value.
    Choice(Vec<Choice>),
}

pub struct Field {
    pub id: FieldId,
    pub label: String,
    pub help: String,
    pub kind: Kind,
    pub required: bool,
    pub input: TextInput,
    pub area: Option<TextArea<'static>>,
    pub choice: usize,
    pub error: Option<String>,
}

impl Field {
    pub fn new<K: FieldKey>(key: K, label: impl Into<String>, kind: Kind) -> Field {
        let area = matches!(kind, Kind::MultiLine).then(|| {
            let mut a = TextArea::default();
            a.set_wrap_mode(ratatui_textarea::WrapMode::Word);
            a
        });
        Field {
            id: FieldId::of(key),
            label: label.into(),
            help: String::new(),
            kind,
            required: false,
            input: TextInput::default(),
            area,
            choice: 0,
            error: None,
        }
    }

    /// The text the field starts with.
    pub fn value(mut self, value: &str) -> Field {
        match &mut self.area {
            Some(_) => {
                let mut a = TextArea::new(value.lines().map(str::to_string).collect());
                a.set_wrap_mode(ratatui_textarea::WrapMode::Word);
                self.area = Some(a);
            }
            None => self.input = TextInput::new(value),
        }
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn required_if(mut self, required: bool) -> Field {
        self.required = required;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Field {
        self.help = help.into();
        self
    }

    /// A choice among `options`, preselecting the one at `selected`.
    pub fn choice<K: FieldKey>(
        key: K,
        label: impl Into<String>,
        options: Vec<Choice>,
        selected: usize,
    ) -> Field {
        let mut f = Field::new(key, label, Kind::Choice(options));
        f.choice = selected;
        f
    }

    /// A choice among typed values, preselecting `current`.
    pub fn choice_of<K: FieldKey, T: Copy + PartialEq + 'static>(
        key: K,
        label: impl Into<String>,
        values: &[T],
        current: T,
        name: impl Fn(T) -> String,
    ) -> Field {
        let options = values.iter().map(|v| Choice::new(name(*v), *v)).collect();
        let selected = values.iter().position(|v| *v == current).unwrap_or(0);
        Field::choice(key, label, options, selected)
    }

    /// A yes/no choice whose value is a `bool`.
    pub fn yes_no<K: FieldKey>(key: K, label: impl Into<String>, value: bool, lang: Lang) -> Field {
        let options = vec![
            Choice::new(Msg::No.text(lang), false),
            Choice::new(Msg::Yes.text(lang), true),
        ];
        Field::choice(key, label, options, usize::from(value))
    }

    pub fn is_text(&self) -> bool {
        !matches!(self.kind, Kind::Choice(_))
    }

    pub fn is_multi_line(&self) -> bool {
        self.area.is_some()
    }

    /// What was typed, or the label of what was chosen.
    pub fn raw(&self) -> String {
        match (&self.kind, &self.area) {
            (_, Some(a)) => a.lines().join("\n"),
            (Kind::Choice(o), _) => o
                .get(self.choice)
                .map(|c| c.label.clone())
                .unwrap_or_default(),
            _ => self.input.value().to_string(),
        }
    }

    /// The help shown under the field: the chosen option's own, else the field's.
    pub fn current_help(&self) -> String {
        match &self.kind {
            Kind::Choice(o) => o
                .get(self.choice)
                .map(|c| c.help.clone())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| self.help.clone()),
            _ => self.help.clone(),
        }
    }

    /// Parses the field with the domain's parser.
    pub fn check(&self, lang: Lang) -> Result<Parsed, String> {
        let raw = self.raw();
        let text = raw.trim();
        if self.required && text.is_empty() {
            return Err(Msg::Required.text(lang).to_string());
        }
        Ok(match &self.kind {
            Kind::Text | Kind::MultiLine => Rc::new(text.to_string()),
            Kind::Date => Rc::new(
                optional(text)
                    .map(|t| parse_date(t).map_err(|e| date_error(&e, lang)))
                    .transpose()?,
            ),
            Kind::Number { min, max } => Rc::new(
                optional(text)
                    .map(|t| number(t, *min, *max, lang))
                    .transpose()?,
            ),
            Kind::OrgNumber => Rc::new(
                optional(text)
                    .map(|t| OrgNumber::parse(t).map_err(|e| i18n::org_number_error(&e, lang)))
                    .transpose()?,
            ),
            Kind::SetId => Rc::new(SetId::parse(text).map_err(|e| set_id_reason(&e, lang))?),
            Kind::RequirementId => {
                Rc::new(RequirementId::parse(text).map_err(|e| requirement_id_reason(&e, lang))?)
            }
            Kind::Version => Rc::new(
                SetVersion::parse(text).map_err(|_| Msg::VersionFormat.text(lang).to_string())?,
            ),
            Kind::Custom(parse) => parse(text, lang)?,
            Kind::Choice(options) => options
                .get(self.choice)
                .map(|c| Rc::clone(&c.value))
                .ok_or_else(|| Msg::Required.text(lang).to_string())?,
        })
    }

    /// Rows the field takes with its input `width` columns wide: the input, then the reason it
    /// was refused, wrapped (a long reason is never cut off at the field's edge).
    pub(super) fn height(&self, width: u16) -> u16 {
        let body = if self.is_multi_line() { 5 } else { 1 };
        body + self.error_rows(width)
    }

    pub(super) fn error_rows(&self, width: u16) -> u16 {
        let width = usize::from(width.max(1));
        self.error.as_ref().map_or(0, |e| {
            let rows = (e.chars().count() + 2).div_ceil(width);
            // Wrapping at words can take a row more than the plain division.
            let rows = if rows > 1 { rows + 1 } else { rows };
            u16::try_from(rows).unwrap_or(u16::MAX)
        })
    }
}

/// `None` for an empty field.
fn optional(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

fn number(text: &str, min: u32, max: u32, lang: Lang) -> Result<u32, String> {
    text.parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            Msg::NumberRange
                .text(lang)
                .replace("{min}", &min.to_string())
                .replace("{max}", &max.to_string())
        })
}

fn date_error(e: &DateError, lang: Lang) -> String {
    match e {
        DateError::Format => Msg::DateFormat.text(lang).to_string(),
        DateError::NoSuchDay(d) => Msg::NoSuchDay.text(lang).replace("{date}", d),
    }
}

/// A form's values read as a type its screen did not expect: a mistake in the program, never
/// in what the user typed, reported instead of guessing a default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    pub field: String,
}

/// The checked values of a submitted form.
#[derive(Default)]
pub struct Values(pub Vec<(FieldId, Parsed)>);

impl Values {
    /// The value of `key` as a `T`: a field of another form, or of another type, is an error.
    pub fn get<K: FieldKey, T: Clone + 'static>(&self, key: K) -> Result<T, ValueError> {
        let id = FieldId::of(key);
        self.0
            .iter()
            .find(|(k, _)| *k == id)
            .and_then(|(_, v)| v.downcast_ref::<T>())
            .cloned()
            .ok_or_else(|| ValueError {
                field: format!("{key:?}"),
            })
    }

    /// The value of `key` when the form has that field (some forms leave fields out).
    pub fn maybe<K: FieldKey, T: Clone + 'static>(&self, key: K) -> Option<T> {
        self.get(key).ok()
    }
}
