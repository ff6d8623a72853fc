//! The one clock. Everything that needs "today" or "now" asks a `Clock`, so that
//! `KRAVKOLL_TODAY=YYYY-MM-DD` (demos, tests, screenshots) moves the whole program in time;
//! only the audit trail's timestamps keep to the real clock (`Clock::wall_now`).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    /// A fixed day; "now" is noon UTC of that day.
    Fixed(NaiveDate),
}

#[derive(Debug, Error)]
#[error("KRAVKOLL_TODAY must be a date written YYYY-MM-DD, not '{0}'")]
pub struct ClockError(String);

impl Clock {
    /// The clock the environment asks for: `KRAVKOLL_TODAY` if set, else the system clock.
    pub fn from_env_value(value: Option<&str>) -> Result<Clock, ClockError> {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(Clock::System),
            Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map(Clock::Fixed)
                .map_err(|_| ClockError(v.to_string())),
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
}
