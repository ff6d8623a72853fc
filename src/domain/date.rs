//! Dates as people type them in forms and files: ISO `YYYY-MM-DD`, the form Swedish
//! authorities use.

use chrono::NaiveDate;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("write the date as YYYY-MM-DD, for example 2027-01-31")]
    Format,
    #[error("{0} is not a day in the calendar")]
    NoSuchDay(String),
}

pub fn parse_date(raw: &str) -> Result<NaiveDate, DateError> {
    let s = raw.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let well_formed = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.chars().all(|c| c.is_ascii_digit()));
    if !well_formed {
        return Err(DateError::Format);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| DateError::NoSuchDay(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_only() {
        assert_eq!(
            parse_date(" 2027-01-31 "),
            Ok(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap())
        );
        assert_eq!(parse_date("31/1/2027"), Err(DateError::Format));
        assert_eq!(parse_date("2027-1-31"), Err(DateError::Format));
        assert_eq!(
            parse_date("2027-02-30"),
            Err(DateError::NoSuchDay("2027-02-30".into()))
        );
    }
}
