//! The one clock. Everything that needs "today" or "now" asks a `Clock`, so that
//! `KRAVKOLL_TODAY=YYYY-MM-DD` (demos, tests, screenshots) moves the whole program in time;
//! only the audit trail's timestamps keep to the real clock (`Clock::wall_now`).

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    /// A fixed day; "now" is noon UTC of that day.
    Fixed(NaiveDate),
}

/// The years `KRAVKOLL_TODAY` may name. Dates far outside them overflow date arithmetic (a
/// review planned years ahead of `+262142-12-31` does not exist) and are never what was meant.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Why `KRAVKOLL_TODAY` is refused. `Display` is English; `i18n::clock_error` words it in
/// either language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClockError {
    #[error("KRAVKOLL_TODAY must be a date written YYYY-MM-DD, not '{0}'")]
    NotADate(String),
    #[error(
        "KRAVKOLL_TODAY must be a date between the years {from} and {to}, not '{0}'",
        from = YEARS.start(),
        to = YEARS.end()
    )]
    OutOfRange(String),
}

impl Clock {
    /// The clock the environment asks for: `KRAVKOLL_TODAY` if set, else the system clock.
    pub fn from_env_value(value: Option<&str>) -> Result<Clock, ClockError> {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(Clock::System),
            Some(v) => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Err(_) => Err(ClockError::NotADate(v.to_string())),
                Ok(day) if !YEARS.contains(&day.year()) => {
                    Err(ClockError::OutOfRange(v.to_string()))
                }
                Ok(day) => Ok(Clock::Fixed(day)),
            },
        }
    }

    #[allow(clippy::disallowed_methods)] // the one place that reads the system time
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(day) => {
                day.and_time(NaiveTime::MIN).and_utc() + chrono::Duration::hours(12)
            }
        }
    }

    /// Today in the user's local time zone (a review due today is due on the local date).
    #[allow(clippy::disallowed_methods)] // the one place that reads the system time
    pub fn today(&self) -> NaiveDate {
        match self {
            Clock::System => chrono::Local::now().date_naive(),
            Clock::Fixed(day) => *day,
        }
    }

    /// The real time, whatever the clock says. `KRAVKOLL_TODAY` moves "today" for the domain
    /// only; the audit trail records when a change was really made, so a demo or a test clock
    /// can never make history look older or newer than it is.
    #[allow(clippy::disallowed_methods)] // the one place that reads the system time
    pub fn wall_now() -> DateTime<Utc> {
        Utc::now()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_day_from_env() {
        let c = Clock::from_env_value(Some("2026-11-22")).unwrap();
        assert_eq!(c.today().to_string(), "2026-11-22");
        assert_eq!(c.now().to_rfc3339(), "2026-11-22T12:00:00+00:00");
        assert_eq!(Clock::from_env_value(None).unwrap(), Clock::System);
        assert_eq!(Clock::from_env_value(Some(" ")).unwrap(), Clock::System);
        let err = Clock::from_env_value(Some("22/11/2026")).unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"));
    }

    #[test]
    fn years_outside_the_range_are_refused() {
        for v in ["+262142-12-31", "1899-12-31", "2201-01-01", "-0001-01-01"] {
            let err = Clock::from_env_value(Some(v)).unwrap_err();
            assert_eq!(err, ClockError::OutOfRange(v.to_string()), "{v}");
            assert!(err.to_string().contains("1900 and 2200"), "{err}");
        }
        for v in ["1900-01-01", "2200-12-31"] {
            assert!(Clock::from_env_value(Some(v)).is_ok(), "{v}");
        }
    }
}
