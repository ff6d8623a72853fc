//! Forms: typed fields checked by the domain's own parsers. A field is checked when focus
//! leaves it and again on submit; the reason shows beside the field, and what was typed stays
//! so it can be corrected. A form knows nothing of what it is for: the screen that opened it
//! turns its values into domain values.

use std::cell::Cell;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::text_input::TextInput;
use crate::catalog::error::{requirement_id_reason, set_id_reason};
use crate::domain::date::{DateError, parse_date};
use crate::domain::{Lang, OrgNumber, RequirementId, SetId, SetVersion};
use crate::i18n::{self, Msg};
use crate::tui::theme::Theme;

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: String,
    /// Shown under the field while this option is chosen (e.g. what KLASSA level 2 means).
    pub help: String,
}

impl Choice {
    pub fn new(code: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            code: code.into(),
            label: label.into(),
            help: String::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Choice {
        self.help = help.into();
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text { required: bool },
    MultiLine { required: bool },
    Date { required: bool },
    Number { min: u32, max: u32, required: bool },
    OrgNumber { required: bool },
    SetId,
    RequirementId,
    Version,
    Choice(Vec<Choice>),
}

/// A checked value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Date(Option<NaiveDate>),
    Number(Option<u32>),
    Org(Option<OrgNumber>),
    SetId(SetId),
    RequirementId(RequirementId),
    Version(SetVersion),
    Choice(String),
}

pub struct Field {
    pub key: &'static str,
    pub label: String,
    pub help: String,
    pub kind: FieldKind,
    pub input: TextInput,
    pub area: Option<TextArea<'static>>,
    pub choice: usize,
    pub error: Option<String>,
}

impl Field {
    fn new(key: &'static str, label: impl Into<String>, kind: FieldKind, value: &str) -> Field {
        let area = matches!(kind, FieldKind::MultiLine { .. }).then(|| {
            let mut a = TextArea::new(value.lines().map(str::to_string).collect());
            a.set_wrap_mode(ratatui_textarea::WrapMode::Word);
            a
        });
        Field {
            key,
            label: label.into(),
            help: String::new(),
            kind,
            input: TextInput::new(value),
            area,
            choice: 0,
            error: None,
        }
    }

    pub fn text(key: &'static str, label: impl Into<String>, value: &str, required: bool) -> Field {
        Field::new(key, label, FieldKind::Text { required }, value)
    }

    pub fn multi_line(
        key: &'static str,
        label: impl Into<String>,
        value: &str,
        required: bool,
    ) -> Field {
        Field::new(key, label, FieldKind::MultiLine { required }, value)
    }

    pub fn date(
        key: &'static str,
        label: impl Into<String>,
        value: Option<NaiveDate>,
        required: bool,
    ) -> Field {
        let v = value.map(|d| d.to_string()).unwrap_or_default();
        Field::new(key, label, FieldKind::Date { required }, &v)
    }

    pub fn number(
        key: &'static str,
        label: impl Into<String>,
        value: Option<u32>,
        min: u32,
        max: u32,
        required: bool,
    ) -> Field {
        let v = value.map(|n| n.to_string()).unwrap_or_default();
        Field::new(key, label, FieldKind::Number { min, max, required }, &v)
    }

    pub fn org_number(
        key: &'static str,
        label: impl Into<String>,
        value: &str,
        required: bool,
    ) -> Field {
        Field::new(key, label, FieldKind::OrgNumber { required }, value)
    }

    pub fn set_id(key: &'static str, label: impl Into<String>, value: &str) -> Field {
        Field::new(key, label, FieldKind::SetId, value)
    }

    pub fn requirement_id(key: &'static str, label: impl Into<String>, value: &str) -> Field {
        Field::new(key, label, FieldKind::RequirementId, value)
    }

    pub fn version(key: &'static str, label: impl Into<String>, value: &str) -> Field {
        Field::new(key, label, FieldKind::Version, value)
    }

    /// A choice, preselecting the option whose code is `current`.
    pub fn choice(
        key: &'static str,
        label: impl Into<String>,
        options: Vec<Choice>,
        current: &str,
    ) -> Field {
        let choice = options.iter().position(|o| o.code == current).unwrap_or(0);
        let mut f = Field::new(key, label, FieldKind::Choice(options), "");
        f.choice = choice;
        f
    }

    /// A yes/no choice.
    pub fn yes_no(key: &'static str, label: impl Into<String>, value: bool, lang: Lang) -> Field {
        let options = vec![
            Choice::new("no", Msg::No.text(lang)),
            Choice::new("yes", Msg::Yes.text(lang)),
        ];
        Field::choice(key, label, options, if value { "yes" } else { "no" })
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Field {
        self.help = help.into();
        self
    }

    pub fn is_text(&self) -> bool {
        !matches!(self.kind, FieldKind::Choice(_))
    }

    pub fn is_multi_line(&self) -> bool {
        self.area.is_some()
    }

    /// What was typed (or chosen), as text.
    pub fn raw(&self) -> String {
        match (&self.kind, &self.area) {
            (_, Some(a)) => a.lines().join("\n"),
            (FieldKind::Choice(o), _) => o
                .get(self.choice)
                .map(|c| c.code.clone())
                .unwrap_or_default(),
            _ => self.input.value().to_string(),
        }
    }

    /// Checks the field with the domain's parser.
    pub fn check(&self, lang: Lang) -> Result<Value, String> {
        let raw = self.raw();
        let text = raw.trim();
        let required = |r: bool| -> Result<(), String> {
            if r && text.is_empty() {
                Err(Msg::Required.text(lang).to_string())
            } else {
                Ok(())
            }
        };
        match &self.kind {
            FieldKind::Text { required: r } | FieldKind::MultiLine { required: r } => {
                required(*r)?;
                Ok(Value::Text(text.to_string()))
            }
            FieldKind::Date { required: r } => {
                required(*r)?;
                if text.is_empty() {
                    return Ok(Value::Date(None));
                }
                parse_date(text)
                    .map(|d| Value::Date(Some(d)))
                    .map_err(|e| date_error(&e, lang))
            }
            FieldKind::Number {
                min,
                max,
                required: r,
            } => {
                required(*r)?;
                if text.is_empty() {
                    return Ok(Value::Number(None));
                }
                text.parse::<u32>()
                    .ok()
                    .filter(|n| (*min..=*max).contains(n))
                    .map(|n| Value::Number(Some(n)))
                    .ok_or_else(|| {
                        Msg::NumberRange
                            .text(lang)
                            .replace("{min}", &min.to_string())
                            .replace("{max}", &max.to_string())
                    })
            }
            FieldKind::OrgNumber { required: r } => {
                required(*r)?;
                if text.is_empty() {
                    return Ok(Value::Org(None));
                }
                OrgNumber::parse(text)
                    .map(|o| Value::Org(Some(o)))
                    .map_err(|e| i18n::org_number_error(&e, lang))
            }
            FieldKind::SetId => SetId::parse(text)
                .map(Value::SetId)
                .map_err(|e| set_id_reason(&e, lang)),
            FieldKind::RequirementId => RequirementId::parse(text)
                .map(Value::RequirementId)
                .map_err(|e| requirement_id_reason(&e, lang)),
            FieldKind::Version => SetVersion::parse(text)
                .map(Value::Version)
                .map_err(|_| Msg::VersionFormat.text(lang).to_string()),
            FieldKind::Choice(_) => Ok(Value::Choice(raw)),
        }
    }

    fn height(&self) -> u16 {
        let body = if self.is_multi_line() { 5 } else { 1 };
        body + u16::from(self.error.is_some())
    }
}

fn date_error(e: &DateError, lang: Lang) -> String {
    match (e, lang) {
        (DateError::Format, _) => Msg::DateFormat.text(lang).to_string(),
        (DateError::NoSuchDay(d), _) => Msg::NoSuchDay.text(lang).replace("{date}", d),
    }
}

/// The checked values of a submitted form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values(pub Vec<(&'static str, Value)>);

impl Values {
    fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The value as text, whatever its kind (empty when absent).
    pub fn text(&self, key: &str) -> String {
        match self.get(key) {
            Some(Value::Text(s) | Value::Choice(s)) => s.clone(),
            Some(Value::SetId(id)) => id.to_string(),
            Some(Value::RequirementId(id)) => id.to_string(),
            Some(Value::Version(v)) => v.to_string(),
            Some(Value::Number(Some(n))) => n.to_string(),
            Some(Value::Date(Some(d))) => d.to_string(),
            Some(Value::Org(Some(o))) => o.to_string(),
            Some(Value::Number(None) | Value::Date(None) | Value::Org(None)) | None => {
                String::new()
            }
        }
    }

    pub fn choice(&self, key: &str) -> String {
        self.text(key)
    }

    pub fn flag(&self, key: &str) -> bool {
        self.text(key) == "yes"
    }

    pub fn date(&self, key: &str) -> Option<NaiveDate> {
        match self.get(key) {
            Some(Value::Date(d)) => *d,
            _ => None,
        }
    }

    pub fn number(&self, key: &str) -> Option<u32> {
        match self.get(key) {
            Some(Value::Number(n)) => *n,
            _ => None,
        }
    }

    pub fn org(&self, key: &str) -> Option<OrgNumber> {
        match self.get(key) {
            Some(Value::Org(o)) => *o,
            _ => None,
        }
    }

    pub fn set_id(&self, key: &str) -> Option<SetId> {
        match self.get(key) {
            Some(Value::SetId(s)) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn requirement_id(&self, key: &str) -> Option<RequirementId> {
        match self.get(key) {
            Some(Value::RequirementId(s)) => Some(s.clone()),
            _ => None,
        }
    }

    pub fn version(&self, key: &str) -> Option<SetVersion> {
        match self.get(key) {
            Some(Value::Version(v)) => Some(v.clone()),
            _ => None,
        }
    }
}

pub struct FormState {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub lang: Lang,
    /// Shown above the fields (e.g. what a profile change would add and remove).
    pub note: Vec<Line<'static>>,
    scroll: Cell<u16>,
}

impl FormState {
    pub fn new(title: impl Into<String>, fields: Vec<Field>, lang: Lang) -> FormState {
        FormState {
            title: title.into(),
            fields,
            focus: 0,
            lang,
            note: Vec::new(),
            scroll: Cell::new(0),
        }
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    fn focused_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
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
            && let FieldKind::Choice(options) = &f.kind
            && !options.is_empty()
        {
            let n = options.len();
            f.choice = if forward {
                (f.choice + 1) % n
            } else {
                (f.choice + n - 1) % n
            };
        }
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

    pub fn paste(&mut self, text: &str) {
        if let Some(f) = self.focused_mut() {
            let is_text = f.is_text();
            match &mut f.area {
                Some(a) => {
                    a.insert_str(text);
                }
                None if is_text => f.input.paste(text),
                None => {}
            }
        }
    }

    /// Gives an editing key to the focused field; false when it is not one.
    pub fn edit_key(&mut self, key: &KeyEvent) -> bool {
        match self.focused_mut() {
            Some(f) => {
                let text = f.is_text();
                match &mut f.area {
                    Some(a) => super::text_area::edit(a, key),
                    None if text => f.input.edit(key),
                    None => false,
                }
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
                    values.push((f.key, v));
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
    pub fn set_error(&mut self, key: &str, message: String) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.fields[i].error = Some(message);
            self.focus = i;
        }
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// A centred rectangle of at most `w` × `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, form: &FormState, theme: &Theme) {
    let lang = form.lang;
    let body_height: u16 = form.fields.iter().map(Field::height).sum::<u16>()
        + u16::try_from(form.note.len()).unwrap_or(0);
    let width = area.width.saturating_sub(4).clamp(20, 96);
    let height = (body_height + 6).min(area.height);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Span::styled(format!(" {} ", form.title), theme.title()))
        .border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    // Bottom: help of the focused field (2 lines) and the key hints (1 line).
    let fields_h = inner.height.saturating_sub(3);
    let label_w = form
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(26) as u16
        + 2;
    let input_w = inner.width.saturating_sub(label_w);

    // Lines of the body: notes, then fields (with error lines).
    let mut y_of_focus = u16::try_from(form.note.len()).unwrap_or(0);
    for f in &form.fields[..form.focus.min(form.fields.len())] {
        y_of_focus += f.height();
    }
    let focus_h = form.focused().map_or(1, Field::height);
    let mut scroll = form.scroll.get();
    if y_of_focus < scroll {
        scroll = y_of_focus;
    } else if y_of_focus + focus_h > scroll + fields_h {
        scroll = (y_of_focus + focus_h).saturating_sub(fields_h);
    }
    form.scroll.set(scroll);

    let mut y: u16 = 0;
    let visible = |y: u16, h: u16| y >= scroll && y + h <= scroll + fields_h;
    let at = |y: u16| inner.y + y - scroll;
    for line in &form.note {
        if visible(y, 1) {
            frame.render_widget(
                Paragraph::new(line.clone()),
                Rect::new(inner.x, at(y), inner.width, 1),
            );
        }
        y += 1;
    }
    for (i, f) in form.fields.iter().enumerate() {
        let h = f.height();
        let focused = i == form.focus;
        if visible(y, h) {
            let row = at(y);
            let label_style = if focused {
                theme.title()
            } else {
                theme.normal()
            };
            frame.render_widget(
                Paragraph::new(Span::styled(f.label.clone(), label_style)),
                Rect::new(inner.x, row, label_w.saturating_sub(1), 1),
            );
            let input_rect = Rect::new(
                inner.x + label_w,
                row,
                input_w,
                h - u16::from(f.error.is_some()),
            );
            draw_input(frame, input_rect, f, focused, theme);
            if let Some(e) = &f.error {
                frame.render_widget(
                    Paragraph::new(Span::styled(format!("✗ {e}"), theme.error())),
                    Rect::new(inner.x + label_w, row + h - 1, input_w, 1),
                );
            }
        }
        y += h;
    }
    // Help of the focused field, or of its chosen option.
    let help = form
        .focused()
        .map(|f| match &f.kind {
            FieldKind::Choice(o) => o
                .get(f.choice)
                .map(|c| c.help.clone())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| f.help.clone()),
            _ => f.help.clone(),
        })
        .unwrap_or_default();
    let help_rect = Rect::new(inner.x, inner.y + fields_h, inner.width, 2);
    frame.render_widget(
        Paragraph::new(Span::styled(help, theme.dim())).wrap(Wrap { trim: true }),
        help_rect,
    );
    // In a multi-line field Enter makes a new line, so saving is Ctrl-S.
    let multi = form.focused().is_some_and(Field::is_multi_line);
    let hints = Line::from(vec![
        Span::styled(if multi { "Ctrl-S" } else { "Enter" }, theme.key()),
        Span::raw(format!(" {}  ", Msg::ActSubmit.text(lang))),
        Span::styled("Tab", theme.key()),
        Span::raw(format!(" {}  ", Msg::ActNextField.text(lang))),
        Span::styled("←→", theme.key()),
        Span::raw(format!(" {}  ", Msg::ActNextChoice.text(lang))),
        Span::styled("Esc", theme.key()),
        Span::raw(format!(" {}", Msg::ActCancel.text(lang))),
    ]);
    frame.render_widget(
        Paragraph::new(hints),
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
    );
}

fn draw_input(frame: &mut Frame, rect: Rect, f: &Field, focused: bool, theme: &Theme) {
    if rect.width == 0 || rect.height == 0 {
        return;
    }
    let style = if focused {
        theme.focused_field()
    } else {
        theme.dim()
    };
    match (&f.kind, &f.area) {
        (_, Some(a)) => {
            let mut a = a.clone();
            a.set_style(style);
            a.set_cursor_line_style(ratatui::style::Style::new());
            if !focused {
                a.set_cursor_style(style);
            }
            frame.render_widget(&a, rect);
        }
        (FieldKind::Choice(options), _) => {
            let label = options
                .get(f.choice)
                .map(|c| c.label.as_str())
                .unwrap_or("");
            let text = if focused {
                format!("◂ {label} ▸")
            } else {
                format!("  {label}")
            };
            frame.render_widget(Paragraph::new(Span::styled(text, style)), rect);
        }
        _ => {
            let (line, col) = f.input.view(usize::from(rect.width.saturating_sub(1)));
            frame.render_widget(Paragraph::new(line).style(style), rect);
            if focused {
                frame.set_cursor_position((rect.x + col.min(rect.width.saturating_sub(1)), rect.y));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FormState {
        FormState::new(
            "Test",
            vec![
                Field::text("title", "Titel", "", true),
                Field::date("deadline", "Sista dag", None, false),
                Field::org_number("org", "Org.nr", "", false),
                Field::choice(
                    "c",
                    "Nivå",
                    vec![Choice::new("0", "0"), Choice::new("1", "1")],
                    "1",
                ),
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
    fn submit_goes_to_the_first_error_and_then_succeeds() {
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
        f.focus = 2;
        f.fields[2].input.set("556036-0793");
        let v = f.submit().unwrap();
        assert_eq!(v.text("title"), "X");
        assert_eq!(v.org("org").unwrap().to_string(), "556036-0793");
        assert_eq!(v.date("deadline"), None);
        assert_eq!(v.choice("c"), "1");
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
}
