//! Supplier reviews: their status, the checklist drawn from the contract's lines, findings and
//! corrective actions, and the traffic-light outcome. Overdue and outcome are derived from
//! dates and statuses, never stored, so they cannot go stale.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::coded::coded_enum;
use super::requirement::{Kind, Risk};
use super::schedule::Schedule;

coded_enum!(
    ReviewStatus {
        Planned = "planned",
        InProgress = "in_progress",
        Completed = "completed",
        Cancelled = "cancelled",
    }
);

impl ReviewStatus {
    pub fn is_open(self) -> bool {
        matches!(self, ReviewStatus::Planned | ReviewStatus::InProgress)
    }

    pub fn can_become(self, to: ReviewStatus) -> bool {
        use ReviewStatus::*;
        matches!(
            (self, to),
            (Planned, InProgress)
                | (Planned, Completed)
                | (InProgress, Completed)
                | (Planned, Cancelled)
                | (InProgress, Cancelled)
        )
    }
}

coded_enum!(
    /// Why an ad-hoc review was called.
    Trigger {
        Incident = "incident",
        SubSupplierChange = "sub_supplier_change",
        OwnershipChange = "ownership_change",
        NewAiModel = "new_ai_model",
        ExpiredEvidence = "expired_evidence",
        Other = "other",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub due_on: NaiveDate,
    pub status: ReviewStatus,
    /// Set for an ad-hoc review (or a scheduled one brought forward by an event).
    pub trigger: Option<Trigger>,
    pub started_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub reviewer: String,
    pub summary: String,
}

impl Review {
    pub fn planned(due_on: NaiveDate) -> Review {
        Review {
            due_on,
            status: ReviewStatus::Planned,
            trigger: None,
            started_on: None,
            completed_on: None,
            reviewer: String::new(),
            summary: String::new(),
        }
    }

    /// Due before today and not yet done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due_on < today
    }
}

coded_enum!(
    CheckResult {
        NotChecked = "not_checked",
        Compliant = "compliant",
        Deviation = "deviation",
        NotApplicable = "not_applicable",
    }
);

/// One line of a review's checklist: a contract line that has a follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub line_id: i64,
    pub kind: Kind,
    pub risk: Risk,
    pub position: u32,
    pub result: CheckResult,
    pub note: String,
    pub evidence_ref: String,
}

/// Highest risk first; at equal risk contract terms before other kinds, then tender order.
pub fn order_checklist(items: &mut [ChecklistItem]) {
    items.sort_by_key(|i| {
        (
            std::cmp::Reverse(i.risk.score()),
            i.kind != Kind::ContractTerm,
            i.kind,
            i.position,
        )
    });
}

coded_enum!(
    FindingStatus {
        Open = "open",
        Closed = "closed",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectiveAction {
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
}

impl CorrectiveAction {
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.done_on.is_none() && self.due_on < today
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub description: String,
    pub status: FindingStatus,
    pub actions: Vec<CorrectiveAction>,
}

coded_enum!(
    /// Adda's public traffic light for a contract's follow-up.
    Outcome {
        /// No deviation open.
        Green = "green",
        /// Deviations open, actions on time.
        Yellow = "yellow",
        /// A corrective action is past its due date.
        Red = "red",
    }
);

pub fn outcome(findings: &[Finding], today: NaiveDate) -> Outcome {
    let open: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.status == FindingStatus::Open)
        .collect();
    if open
        .iter()
        .any(|f| f.actions.iter().any(|a| a.is_late(today)))
    {
        Outcome::Red
    } else if open.is_empty() {
        Outcome::Green
    } else {
        Outcome::Yellow
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FollowUpError {
    #[error("the contract already has an open review (due {0})")]
    AlreadyOpen(NaiveDate),
    #[error("the contract has no open review")]
    NoOpenReview,
    #[error("a review that is {from:?} cannot become {to:?}")]
    NotAllowed {
        from: ReviewStatus,
        to: ReviewStatus,
    },
    #[error("the review cannot be completed before it was due to start ({0})")]
    CompletedBeforeStart(NaiveDate),
}

/// What happened to the plan after a change: the next review, if the contract still runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned(pub Option<NaiveDate>);

/// The follow-up plan of one contract: its schedule and its reviews, oldest first.
///
/// Every change goes through these methods, which keep the invariants: at most one open review,
/// scheduled due dates strictly increasing, no review after the contract ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub schedule: Schedule,
    pub reviews: Vec<Review>,
}

impl FollowUp {
    pub fn new(start: NaiveDate, end: Option<NaiveDate>, schedule: Schedule) -> FollowUp {
        FollowUp {
            start,
            end,
            schedule,
            reviews: Vec::new(),
        }
    }

    pub fn open_index(&self) -> Option<usize> {
        self.reviews.iter().position(|r| r.status.is_open())
    }

    fn within_contract(&self, date: Option<NaiveDate>) -> Option<NaiveDate> {
        date.filter(|d| self.end.is_none_or(|end| *d <= end))
    }

    /// Plans the first review of a new contract.
    pub fn plan_first(&mut self) -> Result<Planned, FollowUpError> {
        if let Some(i) = self.open_index() {
            return Err(FollowUpError::AlreadyOpen(self.reviews[i].due_on));
        }
        let due = self.within_contract(self.schedule.first_due(self.start));
        if let Some(due) = due {
            self.reviews.push(Review::planned(due));
        }
        Ok(Planned(due))
    }

    pub fn start_open(&mut self, on: NaiveDate) -> Result<(), FollowUpError> {
        let i = self.open_index().ok_or(FollowUpError::NoOpenReview)?;
        let r = &mut self.reviews[i];
        if !r.status.can_become(ReviewStatus::InProgress) {
            return Err(FollowUpError::NotAllowed {
                from: r.status,
                to: ReviewStatus::InProgress,
            });
        }
        r.status = ReviewStatus::InProgress;
        r.started_on = Some(on);
        Ok(())
    }

    /// Completes the open review and plans the next one.
    pub fn complete_open(&mut self, on: NaiveDate) -> Result<Planned, FollowUpError> {
        let i = self.open_index().ok_or(FollowUpError::NoOpenReview)?;
        if on < self.start {
            return Err(FollowUpError::CompletedBeforeStart(self.start));
        }
        let due = self.reviews[i].due_on;
        let r = &mut self.reviews[i];
        r.status = ReviewStatus::Completed;
        r.completed_on = Some(on);
        r.started_on.get_or_insert(on);
        let last_scheduled = self.last_due().unwrap_or(due).max(due);
        let next = self.within_contract(self.schedule.next_due(self.start, last_scheduled, on));
        if let Some(next) = next {
            self.reviews.push(Review::planned(next));
        }
        Ok(Planned(next))
    }

    /// Cancels the open review and plans the next period in its place.
    pub fn cancel_open(&mut self, on: NaiveDate) -> Result<Planned, FollowUpError> {
        let i = self.open_index().ok_or(FollowUpError::NoOpenReview)?;
        let due = self.reviews[i].due_on;
        self.reviews[i].status = ReviewStatus::Cancelled;
        let next = self.within_contract(self.schedule.next_due(self.start, due, on.min(due)));
        if let Some(next) = next {
            self.reviews.push(Review::planned(next));
        }
        Ok(Planned(next))
    }

    /// An event calls for a review now. A planned review is brought forward to `on` and
    /// carries the trigger (so reviews never pile up); a review already in progress just
    /// records the trigger; with no open review a new one is added.
    pub fn add_ad_hoc(&mut self, on: NaiveDate, trigger: Trigger) -> Planned {
        match self.open_index() {
            Some(i) => {
                let r = &mut self.reviews[i];
                if r.status == ReviewStatus::Planned && on < r.due_on {
                    r.due_on = on;
                }
                r.trigger = Some(trigger);
                Planned(Some(r.due_on))
            }
            None => {
                let mut r = Review::planned(on);
                r.trigger = Some(trigger);
                self.reviews.push(r);
                Planned(Some(on))
            }
        }
    }

    fn last_due(&self) -> Option<NaiveDate> {
        self.reviews.iter().map(|r| r.due_on).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::{Mode, Preset};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn action(due: &str, done: Option<&str>) -> CorrectiveAction {
        CorrectiveAction {
            description: "Uppdatera underbiträdesförteckningen".into(),
            owner: "Leverantören".into(),
            due_on: d(due),
            done_on: done.map(d),
        }
    }

    #[test]
    fn overdue_is_derived_from_today() {
        let r = Review::planned(d("2026-11-01"));
        assert!(r.is_overdue(d("2026-11-02")));
        assert!(!r.is_overdue(d("2026-11-01")), "due today is not overdue");
        let done = Review {
            status: ReviewStatus::Completed,
            ..r.clone()
        };
        assert!(!done.is_overdue(d("2027-01-01")));
        let cancelled = Review {
            status: ReviewStatus::Cancelled,
            ..r
        };
        assert!(!cancelled.is_overdue(d("2027-01-01")));
    }

    #[test]
    fn traffic_light_follows_adda() {
        let today = d("2026-11-22");
        assert_eq!(outcome(&[], today), Outcome::Green);
        let mut f = Finding {
            description: "Underbiträde i tredje land".into(),
            status: FindingStatus::Open,
            actions: vec![action("2026-12-01", None)],
        };
        assert_eq!(outcome(std::slice::from_ref(&f), today), Outcome::Yellow);
        f.actions.push(action("2026-11-01", None));
        assert_eq!(outcome(std::slice::from_ref(&f), today), Outcome::Red);
        f.actions[1].done_on = Some(d("2026-11-05"));
        assert_eq!(outcome(std::slice::from_ref(&f), today), Outcome::Yellow);
        f.status = FindingStatus::Closed;
        assert_eq!(outcome(&[f], today), Outcome::Green);
    }

    #[test]
    fn checklist_is_ordered_by_risk_then_contract_terms() {
        let item = |line_id, kind, l, c, position| ChecklistItem {
            line_id,
            kind,
            risk: Risk::new(l, c).unwrap(),
            position,
            result: CheckResult::NotChecked,
            note: String::new(),
            evidence_ref: String::new(),
        };
        let mut items = vec![
            item(1, Kind::Mandatory, 2, 2, 1),
            item(2, Kind::ContractTerm, 2, 2, 2),
            item(3, Kind::Qualification, 4, 4, 3),
            item(4, Kind::Mandatory, 1, 4, 0),
        ];
        order_checklist(&mut items);
        let ids: Vec<i64> = items.iter().map(|i| i.line_id).collect();
        assert_eq!(ids, vec![3, 2, 4, 1]);
    }

    #[test]
    fn completing_plans_the_next_review() {
        let mut f = FollowUp::new(d("2026-01-31"), None, Preset::SkrA.schedule());
        assert_eq!(f.plan_first().unwrap(), Planned(Some(d("2026-05-31"))));
        assert!(matches!(f.plan_first(), Err(FollowUpError::AlreadyOpen(_))));
        f.start_open(d("2026-06-10")).unwrap();
        assert_eq!(
            f.complete_open(d("2026-06-12")).unwrap(),
            Planned(Some(d("2026-09-30")))
        );
        assert_eq!(f.reviews[0].status, ReviewStatus::Completed);
        assert_eq!(f.reviews[0].started_on, Some(d("2026-06-10")));
    }

    #[test]
    fn no_review_is_planned_after_the_contract_ends() {
        let mut f = FollowUp::new(
            d("2026-01-01"),
            Some(d("2026-12-31")),
            Preset::SkrB.schedule(),
        );
        assert_eq!(f.plan_first().unwrap(), Planned(None));
        assert!(f.reviews.is_empty());
    }

    #[test]
    fn an_event_brings_the_planned_review_forward() {
        let mut f = FollowUp::new(d("2026-01-01"), None, Preset::SkrB.schedule());
        f.plan_first().unwrap();
        assert_eq!(
            f.add_ad_hoc(d("2026-05-01"), Trigger::Incident),
            Planned(Some(d("2026-05-01")))
        );
        assert_eq!(f.reviews.len(), 1);
        assert_eq!(f.reviews[0].trigger, Some(Trigger::Incident));
        // After completing the brought-forward review the anchored series continues.
        assert_eq!(
            f.complete_open(d("2026-05-03")).unwrap(),
            Planned(Some(d("2027-01-01")))
        );
    }

    #[derive(Debug, Clone)]
    enum Op {
        Start(i64),
        Complete(i64),
        Cancel(i64),
        AdHoc(i64),
        PlanFirst,
    }

    fn arb_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0i64..400).prop_map(Op::Start),
            (0i64..800).prop_map(Op::Complete),
            (0i64..400).prop_map(Op::Cancel),
            (0i64..800).prop_map(Op::AdHoc),
            Just(Op::PlanFirst),
        ]
    }

    proptest! {
        #[test]
        fn never_two_open_reviews(ops in prop::collection::vec(arb_op(), 1..40), anchored in prop::bool::ANY) {
            let mode = if anchored { Mode::Anchored } else { Mode::AfterCompletion };
            let schedule = Schedule { first_after: 6, every: 12, mode };
            let mut f = FollowUp::new(d("2026-01-15"), None, schedule);
            let mut today = d("2026-01-15");
            for op in ops {
                let _ = match op {
                    Op::Start(n) => { today += chrono::Duration::days(n); f.start_open(today).map(|_| ()) }
                    Op::Complete(n) => { today += chrono::Duration::days(n); f.complete_open(today).map(|_| ()) }
                    Op::Cancel(n) => { today += chrono::Duration::days(n); f.cancel_open(today).map(|_| ()) }
                    Op::AdHoc(n) => { today += chrono::Duration::days(n); f.add_ad_hoc(today, Trigger::Incident); Ok(()) }
                    Op::PlanFirst => f.plan_first().map(|_| ()),
                };
                let open = f.reviews.iter().filter(|r| r.status.is_open()).count();
                prop_assert!(open <= 1, "{open} open reviews: {:?}", f.reviews);
            }
        }
    }
}
