//! Reading typed values out of the spanned TOML tree. Every reader reports its own mistakes to
//! the [`Cx`] with the value's position and field path and returns `None`, so a caller can go on
//! to the next field and a file's mistakes are all found in one pass.
//!
//! Invariant the parser relies on: a reader that returns `None` has reported an error.

use std::ops::RangeInclusive;

use toml::Spanned;
use toml::de::{DeInteger, DeTable, DeValue};

use super::MAX_TITLE_CHARS;
use super::characters::{self, Shape};
use super::error::{CatalogError, Expected, Problem, TomlType};
use super::position::LineIndex;
use crate::domain::Text;

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// The errors of one file, and what is needed to place them.
pub(crate) struct Cx<'s> {
    file: &'s str,
    index: LineIndex<'s>,
    errors: Vec<CatalogError>,
}

impl<'s> Cx<'s> {
    pub(crate) fn new(file: &'s str, source: &'s str) -> Cx<'s> {
        Cx {
            file,
            index: LineIndex::new(source),
            errors: Vec::new(),
        }
    }

    pub(crate) fn file(&self) -> &str {
        self.file
    }

    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        self.index.position(offset)
    }

    /// The whole file, for finding a character inside a string's literal.
    pub(crate) fn source(&self) -> &'s str {
        self.index.source()
    }

    pub(crate) fn report(&mut self, offset: usize, field: impl Into<String>, problem: Problem) {
        let (line, column) = self.position(offset);
        self.errors.push(CatalogError {
            file: self.file.to_string(),
            line,
            column,
            field: field.into(),
            problem,
        });
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The errors in reading order; mistakes on one spot keep the order they were found in.
    pub(crate) fn into_errors(self) -> Vec<CatalogError> {
        let mut errors = self.errors;
        errors.sort_by_key(|e| (e.line, e.column));
        errors
    }
}

/// `requirement[1]` + `kind` → `requirement[1].kind`; at the top level just the key.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The path of the `index`th (0-based) element, numbered from 1 as people count.
pub(crate) fn nth(path: &str, index: usize) -> String {
    format!("{path}[{}]", index + 1)
}

pub(crate) fn type_of(value: &DeValue<'_>) -> TomlType {
    match value {
        DeValue::String(_) => TomlType::String,
        DeValue::Integer(_) => TomlType::Integer,
        DeValue::Float(_) => TomlType::Float,
        DeValue::Boolean(_) => TomlType::Boolean,
        DeValue::Datetime(_) => TomlType::Datetime,
        DeValue::Array(_) => TomlType::Array,
        DeValue::Table(_) => TomlType::Table,
    }
}

fn wrong_type(cx: &mut Cx<'_>, value: &Value<'_>, path: &str, expected: Expected) {
    let found = type_of(value.get_ref());
    cx.report(
        value.span().start,
        path,
        Problem::WrongType { expected, found },
    );
}

/// Reports every key of `table` that is not in `allowed`, at the key. True when all are known.
pub(crate) fn check_keys(
    cx: &mut Cx<'_>,
    table: &DeTable<'_>,
    path: &str,
    allowed: &'static [&'static str],
) -> bool {
    let mut ok = true;
    for key in table.keys() {
        let name: &str = key.get_ref();
        if !allowed.contains(&name) {
            ok = false;
            cx.report(
                key.span().start,
                join(path, name),
                Problem::UnknownKey {
                    key: name.to_string(),
                    allowed,
                },
            );
        }
    }
    ok
}

/// The value of a key the format requires; missing is reported at the start of the table.
pub(crate) fn required<'a, 'i>(
    cx: &mut Cx<'_>,
    table: &'a DeTable<'i>,
    table_start: usize,
    path: &str,
    key: &str,
) -> Option<&'a Value<'i>> {
    let value = table.get(key);
    if value.is_none() {
        cx.report(table_start, join(path, key), Problem::MissingKey);
    }
    value
}

/// A one-line string: every id, code, name, tag and basis entry is read here, and control,
/// bidi and line-break characters are refused at the character.
pub(crate) fn string<'a>(cx: &mut Cx<'_>, value: &'a Value<'_>, path: &str) -> Option<&'a str> {
    shaped_string(cx, value, path, Shape::Line)
}

fn shaped_string<'a>(
    cx: &mut Cx<'_>,
    value: &'a Value<'_>,
    path: &str,
    shape: Shape,
) -> Option<&'a str> {
    match value.get_ref() {
        DeValue::String(s) => characters::check(cx, value, s, path, shape).then_some(s.as_ref()),
        _ => {
            wrong_type(cx, value, path, Expected::Type(TomlType::String));
            None
        }
    }
}

/// A string that must say something (a source's name, a basis or tag entry).
pub(crate) fn non_empty_string(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<String> {
    let s = string(cx, value, path)?;
    if s.trim().is_empty() {
        cx.report(value.span().start, path, Problem::EmptyString);
        return None;
    }
    Some(s.to_string())
}

pub(crate) fn boolean(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        _ => {
            wrong_type(cx, value, path, Expected::Type(TomlType::Boolean));
            None
        }
    }
}

/// The integer as written, with its radix prefix, for messages.
fn integer_text(i: &DeInteger<'_>) -> String {
    let prefix = match i.radix() {
        16 => "0x",
        8 => "0o",
        2 => "0b",
        _ => "",
    };
    format!("{prefix}{}", i.as_str())
}

/// An integer; `None` (unreported) when it is not one, so callers choose how to say so.
fn any_integer(value: &DeValue<'_>) -> Option<Result<i64, String>> {
    match value {
        DeValue::Integer(i) => {
            Some(i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| integer_text(i)))
        }
        _ => None,
    }
}

/// An integer within `range`.
pub(crate) fn integer(
    cx: &mut Cx<'_>,
    value: &Value<'_>,
    path: &str,
    range: RangeInclusive<i64>,
) -> Option<i64> {
    let out_of_range = |text: String| Problem::OutOfRange {
        value: text,
        min: *range.start(),
        max: *range.end(),
    };
    match any_integer(value.get_ref()) {
        None => {
            wrong_type(cx, value, path, Expected::Type(TomlType::Integer));
            None
        }
        Some(Ok(n)) if range.contains(&n) => Some(n),
        Some(Ok(n)) => {
            cx.report(value.span().start, path, out_of_range(n.to_string()));
            None
        }
        Some(Err(text)) => {
            cx.report(value.span().start, path, out_of_range(text));
            None
        }
    }
}

/// An integer of any size, for `format`, whose out-of-range message is its own.
pub(crate) fn raw_integer(
    cx: &mut Cx<'_>,
    value: &Value<'_>,
    path: &str,
) -> Option<Result<i64, String>> {
    let n = any_integer(value.get_ref());
    if n.is_none() {
        wrong_type(cx, value, path, Expected::Type(TomlType::Integer));
    }
    n
}

pub(crate) fn table<'a, 'i>(
    cx: &mut Cx<'_>,
    value: &'a Value<'i>,
    path: &str,
    expected: Expected,
) -> Option<&'a DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => {
            wrong_type(cx, value, path, expected);
            None
        }
    }
}

pub(crate) fn array<'a, 'i>(
    cx: &mut Cx<'_>,
    value: &'a Value<'i>,
    path: &str,
    expected: Expected,
) -> Option<&'a [Value<'i>]> {
    match value.get_ref() {
        DeValue::Array(a) => Some(a),
        _ => {
            wrong_type(cx, value, path, expected);
            None
        }
    }
}

/// `{ sv = "…", en = "…" }` of paragraphs (a requirement's text, a description): Swedish
/// required and not blank, English optional; tabs and line breaks allowed.
pub(crate) fn text(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<Text> {
    bilingual(cx, value, path, Shape::Paragraphs)
}

/// A title: a text of one line, at most [`MAX_TITLE_CHARS`] characters in each language.
pub(crate) fn title(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<Text> {
    let text = bilingual(cx, value, path, Shape::Line)?;
    let mut ok = true;
    for (lang, s) in [("sv", &text.sv), ("en", &text.en)] {
        let found = s.chars().count();
        if found > MAX_TITLE_CHARS {
            let at = match value.get_ref() {
                DeValue::Table(t) => t.get(lang).map_or(value.span().start, |v| v.span().start),
                _ => value.span().start,
            };
            let problem = Problem::TooLong {
                found,
                max: MAX_TITLE_CHARS,
            };
            cx.report(at, join(path, lang), problem);
            ok = false;
        }
    }
    ok.then_some(text)
}

fn bilingual(cx: &mut Cx<'_>, value: &Value<'_>, path: &str, shape: Shape) -> Option<Text> {
    let t = table(cx, value, path, Expected::TextTable)?;
    let keys_ok = check_keys(cx, t, path, &["sv", "en"]);
    let sv_path = join(path, "sv");
    let sv = match t.get("sv") {
        None => {
            cx.report(value.span().start, sv_path, Problem::SwedishTextRequired);
            None
        }
        Some(v) => match shaped_string(cx, v, &sv_path, shape) {
            Some(s) if s.trim().is_empty() => {
                cx.report(v.span().start, sv_path, Problem::SwedishTextRequired);
                None
            }
            other => other,
        },
    };
    let en = match t.get("en") {
        None => Some(""),
        Some(v) => shaped_string(cx, v, &join(path, "en"), shape),
    };
    match (sv, en) {
        (Some(sv), Some(en)) if keys_ok => Some(Text::new(sv, en)),
        _ => None,
    }
}

/// A list of strings that each say something (`basis`, `tags`); may be empty.
pub(crate) fn string_list(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<Vec<String>> {
    let items = array(cx, value, path, Expected::Type(TomlType::Array))?;
    let parsed: Vec<Option<String>> = items
        .iter()
        .enumerate()
        .map(|(i, v)| non_empty_string(cx, v, &nth(path, i)))
        .collect();
    parsed.into_iter().collect()
}

/// The codes of a domain enum, in its declared order, for "allowed values" in messages.
pub(crate) fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| code(*v)).collect()
}

/// One word out of a fixed set of codes (`kind`, `level`, `personal_data` …).
pub(crate) fn code<T>(
    cx: &mut Cx<'_>,
    value: &Value<'_>,
    path: &str,
    from_code: impl Fn(&str) -> Option<T>,
    allowed: &[&'static str],
) -> Option<T> {
    let s = string(cx, value, path)?;
    let parsed = from_code(s);
    if parsed.is_none() {
        cx.report(
            value.span().start,
            path,
            Problem::UnknownValue {
                value: s.to_string(),
                allowed: allowed.to_vec(),
            },
        );
    }
    parsed
}

/// A non-empty list of codes (`delivery`, `tier`, `ai_risk`): an empty one could never match.
pub(crate) fn code_list<T>(
    cx: &mut Cx<'_>,
    value: &Value<'_>,
    path: &str,
    from_code: impl Fn(&str) -> Option<T>,
    allowed: &[&'static str],
) -> Option<Vec<T>> {
    let items = array(cx, value, path, Expected::Type(TomlType::Array))?;
    if items.is_empty() {
        cx.report(value.span().start, path, Problem::EmptyList);
        return None;
    }
    let parsed: Vec<Option<T>> = items
        .iter()
        .enumerate()
        .map(|(i, v)| code(cx, v, &nth(path, i), &from_code, allowed))
        .collect();
    parsed.into_iter().collect()
}
