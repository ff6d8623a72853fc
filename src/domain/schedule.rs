//! Review schedules: when a contract's supplier reviews fall due.
//!
//! In `anchored` mode the due dates are `start + first_after + k × every` months, all counted
//! from the contract start, so a late review never shifts the plan and month-end dates do not
//! drift (31 Jan → 28/29 Feb → 31 Mar). In `after_completion` mode the next date is counted from
//! the day the last review was completed.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Anchored,
    AfterCompletion,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Anchored, Mode::AfterCompletion];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Anchored => "anchored",
            Mode::AfterCompletion => "after_completion",
        }
    }

    pub fn from_code(code: &str) -> Option<Mode> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// Named schedules from national guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    /// SKR tier A: the critical 10 %, three times a year.
    SkrA,
    /// SKR tier B: once a year.
    SkrB,
    /// SKR tier C: every other year.
    SkrC,
    /// Adda: first after 6 months, then every 12.
    Adda,
}

impl Preset {
    pub const ALL: [Preset; 4] = [Preset::SkrA, Preset::SkrB, Preset::SkrC, Preset::Adda];

    pub fn code(self) -> &'static str {
        match self {
            Preset::SkrA => "skr-a",
            Preset::SkrB => "skr-b",
            Preset::SkrC => "skr-c",
            Preset::Adda => "adda",
        }
    }

    pub fn from_code(code: &str) -> Option<Preset> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn schedule(self) -> Schedule {
        let (first_after, every) = match self {
            Preset::SkrA => (4, 4),
            Preset::SkrB => (12, 12),
            Preset::SkrC => (24, 24),
            Preset::Adda => (6, 12),
        };
        Schedule {
            first_after,
            every,
            mode: Mode::Anchored,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Schedule {
    /// Months from the contract start to the first review (0 = at the start).
    pub first_after: u32,
    /// Months between reviews, at least 1.
    pub every: u32,
    pub mode: Mode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ScheduleError {
    #[error("reviews must be at least one month apart")]
    EveryTooSmall,
    #[error("a schedule can span at most {max} months between reviews")]
    TooLong { max: u32 },
}

/// Adds calendar months, clamping the day to the end of a shorter month.
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

impl Schedule {
    pub const MAX_MONTHS: u32 = 120;

    pub fn new(first_after: u32, every: u32, mode: Mode) -> Result<Schedule, ScheduleError> {
        if every == 0 {
            return Err(ScheduleError::EveryTooSmall);
        }
        if every > Self::MAX_MONTHS || first_after > Self::MAX_MONTHS {
            return Err(ScheduleError::TooLong {
                max: Self::MAX_MONTHS,
            });
        }
        Ok(Schedule {
            first_after,
            every,
            mode,
        })
    }

    /// The preset this schedule equals, if any.
    pub fn preset(&self) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| {
            let s = p.schedule();
            s.first_after == self.first_after && s.every == self.every
        })
    }

    /// The k-th anchored date (k = 0 is the first review).
    pub fn anchored(&self, start: NaiveDate, k: u32) -> Option<NaiveDate> {
        let months = self.every.checked_mul(k)?.checked_add(self.first_after)?;
        add_months(start, months)
    }

    pub fn first_due(&self, start: NaiveDate) -> Option<NaiveDate> {
        self.anchored(start, 0)
    }

    /// The first anchored date strictly after `after`.
    fn first_anchored_after(&self, start: NaiveDate, after: NaiveDate) -> Option<NaiveDate> {
        // Jump close to the answer instead of walking from k = 0: month difference / every.
        let months = months_between(start, after).saturating_sub(self.first_after);
        let mut k = (months / self.every).saturating_sub(1);
        loop {
            let due = self.anchored(start, k)?;
            if due > after {
                return Some(due);
            }
            k += 1;
        }
    }

    /// The next due date once the review due on `last_due` was completed on `completed_on`.
    /// Always later than both dates: never a date in the past that would pile up, never the
    /// date of the review just done.
    pub fn next_due(
        &self,
        start: NaiveDate,
        last_due: NaiveDate,
        completed_on: NaiveDate,
    ) -> Option<NaiveDate> {
        let floor = last_due.max(completed_on);
        match self.mode {
            Mode::Anchored => self.first_anchored_after(start, floor),
            Mode::AfterCompletion => {
                let mut next = add_months(completed_on, self.every)?;
                while next <= last_due {
                    next = add_months(next, self.every)?;
                }
                Some(next)
            }
        }
    }
}

/// Whole calendar months from `a` to `b` (0 when `b` is not after `a`).
fn months_between(a: NaiveDate, b: NaiveDate) -> u32 {
    use chrono::Datelike;
    let m = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
    u32::try_from(m.max(0)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn presets_match_the_guidance() {
        assert_eq!(Preset::SkrA.schedule().every, 4);
        assert_eq!(Preset::SkrB.schedule().every, 12);
        assert_eq!(Preset::SkrC.schedule().every, 24);
        let adda = Preset::Adda.schedule();
        let start = d("2026-01-15");
        assert_eq!(adda.anchored(start, 0), Some(d("2026-07-15")));
        assert_eq!(
            adda.anchored(start, 1),
            Some(d("2027-07-15")),
            "second at 18 months"
        );
        assert_eq!(adda.preset(), Some(Preset::Adda));
        assert_eq!(Preset::from_code("skr-b"), Some(Preset::SkrB));
    }

    #[test]
    fn month_end_clamps_without_drift() {
        let s = Schedule::new(1, 1, Mode::Anchored).unwrap();
        let start = d("2027-12-31");
        let dates: Vec<_> = (0..4).map(|k| s.anchored(start, k).unwrap()).collect();
        assert_eq!(
            dates,
            vec![
                d("2028-01-31"),
                d("2028-02-29"),
                d("2028-03-31"),
                d("2028-04-30")
            ]
        );
    }

    #[test]
    fn a_late_review_does_not_shift_anchored_dates() {
        let s = Preset::SkrB.schedule();
        let start = d("2026-03-01");
        // Due 2027-03-01, completed six weeks late: next is still 2028-03-01.
        assert_eq!(
            s.next_due(start, d("2027-03-01"), d("2027-04-15")),
            Some(d("2028-03-01"))
        );
        // Completed so late that a whole period passed: the missed date is skipped, not piled up.
        assert_eq!(
            s.next_due(start, d("2027-03-01"), d("2028-05-01")),
            Some(d("2029-03-01"))
        );
        // Completed early: the next is the following period, not the date just done.
        assert_eq!(
            s.next_due(start, d("2027-03-01"), d("2027-02-01")),
            Some(d("2028-03-01"))
        );
    }

    #[test]
    fn after_completion_counts_from_the_completion_day() {
        let s = Schedule::new(6, 12, Mode::AfterCompletion).unwrap();
        let start = d("2026-01-01");
        assert_eq!(s.first_due(start), Some(d("2026-07-01")));
        assert_eq!(
            s.next_due(start, d("2026-07-01"), d("2026-09-10")),
            Some(d("2027-09-10"))
        );
    }

    #[test]
    fn invalid_schedules_are_refused() {
        assert_eq!(
            Schedule::new(0, 0, Mode::Anchored),
            Err(ScheduleError::EveryTooSmall)
        );
        assert!(Schedule::new(0, 121, Mode::Anchored).is_err());
        assert_eq!(
            Mode::from_code("after_completion"),
            Some(Mode::AfterCompletion)
        );
    }

    fn arb_date() -> impl Strategy<Value = NaiveDate> {
        (2020i32..2035, 1u32..=12, 1u32..=31).prop_map(|(y, m, day)| {
            (1..=day)
                .rev()
                .find_map(|dd| NaiveDate::from_ymd_opt(y, m, dd))
                .unwrap()
        })
    }

    fn arb_schedule() -> impl Strategy<Value = Schedule> {
        (0u32..=24, 1u32..=24, prop::bool::ANY).prop_map(|(f, e, after)| Schedule {
            first_after: f,
            every: e,
            mode: if after {
                Mode::AfterCompletion
            } else {
                Mode::Anchored
            },
        })
    }

    proptest! {
        #[test]
        fn due_dates_strictly_increase(s in arb_schedule(), start in arb_date(), delays in prop::collection::vec(-90i64..400, 1..12)) {
            let mut due = s.first_due(start).unwrap();
            for delay in delays {
                let completed = due + chrono::Duration::days(delay);
                let next = s.next_due(start, due, completed).unwrap();
                prop_assert!(next > due, "{next} after {due}");
                prop_assert!(next > completed, "{next} after completion {completed}");
                due = next;
            }
        }

        #[test]
        fn anchored_dates_do_not_depend_on_completion_days(
            f in 0u32..=24, e in 1u32..=24, start in arb_date(),
            delays_a in prop::collection::vec(-20i64..20, 8),
            delays_b in prop::collection::vec(-20i64..20, 8),
        ) {
            // Reviews completed within a few weeks of their date (earlier or later) land on the
            // same anchored series, whatever the exact completion days were.
            let s = Schedule { first_after: f, every: e.max(2), mode: Mode::Anchored };
            let run = |delays: &[i64]| {
                let mut due = s.first_due(start).unwrap();
                let mut out = vec![due];
                for d in delays {
                    due = s.next_due(start, due, due + chrono::Duration::days(*d)).unwrap();
                    out.push(due);
                }
                out
            };
            let a = run(&delays_a);
            prop_assert_eq!(&a, &run(&delays_b));
            for (k, date) in a.iter().enumerate() {
                prop_assert_eq!(Some(*date), s.anchored(start, k as u32));
            }
        }

        #[test]
        fn anchored_dates_are_on_the_series(s in arb_schedule(), start in arb_date(), delay in 0i64..2000) {
            let s = Schedule { mode: Mode::Anchored, ..s };
            let due = s.first_due(start).unwrap();
            let next = s.next_due(start, due, due + chrono::Duration::days(delay)).unwrap();
            prop_assert!((0..300).any(|k| s.anchored(start, k) == Some(next)));
        }
    }
}
