//! Contracts: a procurement awarded to a supplier, followed up on a schedule, and the evidence
//! the supplier owes during the contract.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::coded::coded_enum;
use super::profile::Tier;
use super::requirement::Risk;
use super::schedule::Schedule;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub title: String,
    /// The buyer's reference for the contract (often the procurement's diarienummer).
    pub reference: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// Option periods in words, e.g. "2 × 12 månader".
    pub options: String,
    /// The person who owns the follow-up (systemägare, avtalsansvarig).
    pub responsible: String,
    pub tier: Tier,
    pub schedule: Schedule,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ContractError {
    #[error("the title is required")]
    MissingTitle,
    #[error("the contract cannot end ({end}) before it starts ({start})")]
    EndsBeforeStart { start: NaiveDate, end: NaiveDate },
}

impl Contract {
    pub fn validate(&self) -> Result<(), ContractError> {
        if self.title.trim().is_empty() {
            return Err(ContractError::MissingTitle);
        }
        if let Some(end) = self.end.filter(|e| *e < self.start) {
            return Err(ContractError::EndsBeforeStart {
                start: self.start,
                end,
            });
        }
        Ok(())
    }

    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.start <= today && self.end.is_none_or(|e| today <= e)
    }
}

/// A procurement line as awarded in a contract, with its follow-up risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractLine {
    pub procurement_line_id: i64,
    pub risk: Risk,
}

coded_enum!(
    /// Documents a supplier owes during the contract.
    EvidenceKind {
        Iso27001 = "iso27001",
        DataProcessingAgreement = "dpa",
        SubSupplierList = "sub_supplier_list",
        FriaInput = "fria_input",
        PenetrationTest = "pentest",
        SelfReport = "self_report",
        SecurityProtectionAgreement = "ssa",
        Other = "other",
    }
);

coded_enum!(
    EvidenceState {
        Missing = "missing",
        Valid = "valid",
        Expiring = "expiring",
        Expired = "expired",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub reference: String,
    pub received_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// Days before expiry when evidence shows as expiring on the dashboard.
pub const EXPIRY_WARNING_DAYS: u64 = 60;

impl Evidence {
    pub fn state(&self, today: NaiveDate) -> EvidenceState {
        if self.received_on.is_none() {
            return EvidenceState::Missing;
        }
        match self.valid_until {
            Some(until) if until < today => EvidenceState::Expired,
            Some(until)
                if today
                    .checked_add_days(Days::new(EXPIRY_WARNING_DAYS))
                    .is_some_and(|warn| until <= warn) =>
            {
                EvidenceState::Expiring
            }
            _ => EvidenceState::Valid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::Preset;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_contract_cannot_end_before_it_starts() {
        let mut c = Contract {
            title: "Drift av e-tjänsteplattform".into(),
            reference: "KS 2025/88".into(),
            start: d("2026-01-01"),
            end: Some(d("2025-12-31")),
            options: String::new(),
            responsible: String::new(),
            tier: Tier::A,
            schedule: Preset::SkrA.schedule(),
        };
        assert!(matches!(
            c.validate(),
            Err(ContractError::EndsBeforeStart { .. })
        ));
        c.end = Some(d("2028-12-31"));
        assert_eq!(c.validate(), Ok(()));
        assert!(c.is_active(d("2026-06-01")));
        assert!(!c.is_active(d("2029-01-01")));
    }

    #[test]
    fn evidence_state_follows_dates() {
        let today = d("2026-11-22");
        let mut e = Evidence {
            kind: EvidenceKind::Iso27001,
            reference: "Cert 12345".into(),
            received_on: None,
            valid_until: None,
        };
        assert_eq!(e.state(today), EvidenceState::Missing);
        e.received_on = Some(d("2026-01-10"));
        assert_eq!(e.state(today), EvidenceState::Valid);
        e.valid_until = Some(d("2027-01-15"));
        assert_eq!(e.state(today), EvidenceState::Expiring);
        e.valid_until = Some(d("2026-11-21"));
        assert_eq!(e.state(today), EvidenceState::Expired);
        e.valid_until = Some(d("2027-06-01"));
        assert_eq!(e.state(today), EvidenceState::Valid);
    }
}
