//! Key dates of a set (`[[date]]` in a set file): the days from which a law or rule applies,
//! such as the AI Act's obligations for high-risk systems. A requirement names one by its key
//! (`applies_from`), so the date is written once and every requirement that depends on it
//! shows the same day.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::text::Text;

/// The key of a key date: a slug such as `ai-act-high-risk`, unique within its set.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DateKey(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "a date key is 1–64 characters of lower-case a–z, digits, '-' and '_', starting with a letter, like ai-act-high-risk"
)]
pub struct DateKeyError;

impl DateKey {
    pub const MAX_LEN: usize = 64;

    pub fn parse(raw: &str) -> Result<DateKey, DateKeyError> {
        let s = raw.trim();
        let ok = (1..=Self::MAX_LEN).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if ok {
            Ok(DateKey(s.to_string()))
        } else {
            Err(DateKeyError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DateKey {
    type Error = DateKeyError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        DateKey::parse(&s)
    }
}

impl From<DateKey> for String {
    fn from(k: DateKey) -> String {
        k.0
    }
}

/// One `[[date]]` of a set: from `date`, `what` applies, by `basis` (a legal reference, may be
/// empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyDate {
    pub key: DateKey,
    pub date: NaiveDate,
    pub what: Text,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
}

/// The key date `key` as a requirement of `own` sees it: its own set's first, then the first
/// of `library` (in library order).
pub fn find_date<'a>(
    key: &DateKey,
    own: &'a [KeyDate],
    library: &'a [KeyDate],
) -> Option<&'a KeyDate> {
    own.iter().chain(library).find(|d| &d.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_slugs() {
        for ok in ["ai-act-high-risk", "gpai", "nis2_2025", "a"] {
            assert!(DateKey::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "AI", "1ai", "-a", "a b", "å", &"a".repeat(65)] {
            assert_eq!(DateKey::parse(bad), Err(DateKeyError), "{bad}");
        }
    }

    #[test]
    fn the_own_set_s_date_comes_first() {
        let date = |key: &str, day: u32| KeyDate {
            key: DateKey::parse(key).unwrap(),
            date: NaiveDate::from_ymd_opt(2027, 12, day).unwrap(),
            what: Text::sv("x"),
            basis: String::new(),
        };
        let own = [date("k", 2)];
        let library = [date("k", 3), date("m", 4)];
        let key = |k: &str| DateKey::parse(k).unwrap();
        assert_eq!(find_date(&key("k"), &own, &library), Some(&own[0]));
        assert_eq!(find_date(&key("m"), &own, &library), Some(&library[1]));
        assert_eq!(find_date(&key("n"), &own, &library), None);
    }
}
