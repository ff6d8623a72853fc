//! The `[[date]]` tables of a set file → `domain::KeyDate`: a key (a slug, unique within the
//! set), the day (`"YYYY-MM-DD"` or a TOML date), what applies from then (sv, en) and its
//! legal basis. Also reads the key of a date wherever a file names one (`applies_from`).

use std::collections::HashMap;

use toml::de::{DeTable, DeValue};

use super::error::{Expected, Problem, TomlType};
use super::fields::{self, Cx, Value, check_keys, join, nth, required};
use crate::domain::date::parse_date;
use crate::domain::key_date::{DateKey, KeyDate};

/// The keys of one `[[date]]`, in the order the writer emits them.
pub(crate) const DATE_KEYS: &[&str] = &["key", "date", "what", "basis"];

/// A date key as a slug; `applies_from` and `[[date]]`'s `key`.
pub(crate) fn date_key(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<DateKey> {
    let raw = fields::string(cx, value, path)?;
    match DateKey::parse(raw) {
        Ok(key) => Some(key),
        Err(_) => {
            let problem = Problem::BadDateKey {
                value: raw.to_string(),
            };
            cx.report(value.span().start, path, problem);
            None
        }
    }
}

/// Every `[[date]]`; an empty list when there are none, `None` when any is wrong. A key used
/// twice is reported at the later one.
pub(crate) fn read_dates(cx: &mut Cx<'_>, root: &DeTable<'_>) -> Option<Vec<KeyDate>> {
    let Some(value) = root.get("date") else {
        return Some(Vec::new());
    };
    let items = fields::array(cx, value, "date", Expected::ListOfTables)?;
    let mut first_seen: HashMap<DateKey, usize> = HashMap::new();
    let mut dates = Some(Vec::with_capacity(items.len()));
    for (i, item) in items.iter().enumerate() {
        let path = nth("date", i);
        let (date, key) = read_date(cx, item, &path);
        if let Some((key, offset)) = key {
            let (line, _) = cx.position(offset);
            if let Some(first_line) = first_seen.get(&key) {
                let problem = Problem::DuplicateDateKey {
                    key: key.to_string(),
                    first_line: *first_line,
                };
                cx.report(offset, join(&path, "key"), problem);
                dates = None;
            } else {
                first_seen.insert(key, line);
            }
        }
        dates = dates.zip(date).map(|(mut all, d)| {
            all.push(d);
            all
        });
    }
    dates
}

/// One `[[date]]`, and its key with where it stands even when other fields are wrong.
fn read_date(
    cx: &mut Cx<'_>,
    item: &Value<'_>,
    path: &str,
) -> (Option<KeyDate>, Option<(DateKey, usize)>) {
    let Some(table) = fields::table(cx, item, path, Expected::Type(TomlType::Table)) else {
        return (None, None);
    };
    let start = item.span().start;
    let keys_ok = check_keys(cx, table, path, DATE_KEYS);
    let key_value = required(cx, table, start, path, "key");
    let key = key_value.and_then(|v| date_key(cx, v, &join(path, "key")));
    let date =
        required(cx, table, start, path, "date").and_then(|v| day(cx, v, &join(path, "date")));
    let what = required(cx, table, start, path, "what")
        .and_then(|v| fields::text(cx, v, &join(path, "what")));
    let basis = match table.get("basis") {
        None => Some(String::new()),
        Some(v) => fields::string(cx, v, &join(path, "basis")).map(str::to_string),
    };
    let at = key.clone().zip(key_value.map(|v| v.span().start));
    let read = match (key, date, what, basis) {
        (Some(key), Some(date), Some(what), Some(basis)) if keys_ok => Some(KeyDate {
            key,
            date,
            what,
            basis,
        }),
        _ => None,
    };
    (read, at)
}

/// A day: the string `"2027-12-02"` or the TOML date `2027-12-02` (not a time or offset).
fn day(cx: &mut Cx<'_>, value: &Value<'_>, path: &str) -> Option<chrono::NaiveDate> {
    let raw = match value.get_ref() {
        DeValue::Datetime(d) => d.to_string(),
        // A string, or the wrong type (reported there).
        _ => fields::string(cx, value, path)?.to_string(),
    };
    match parse_date(&raw) {
        Ok(date) => Some(date),
        Err(_) => {
            cx.report(value.span().start, path, Problem::BadDate { value: raw });
            None
        }
    }
}
