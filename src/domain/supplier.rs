//! Suppliers, their sub-suppliers, and notified changes to the sub-supplier list.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::coded::coded_enum;
use super::org_number::OrgNumber;

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a country is a two-letter code such as SE, DE or US")]
pub struct CountryError;

/// EU member states plus Iceland, Liechtenstein and Norway.
const EEA: [&str; 30] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
];

impl Country {
    pub fn parse(raw: &str) -> Result<Country, CountryError> {
        let s = raw.trim().to_ascii_uppercase();
        if s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()) {
            Ok(Country(s))
        } else {
            Err(CountryError)
        }
    }

    pub fn sweden() -> Country {
        Country("SE".into())
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    /// Inside the EU/EEA, where GDPR chapter V does not restrict transfers.
    pub fn is_eea(&self) -> bool {
        EEA.contains(&self.0.as_str())
    }
}

impl TryFrom<String> for Country {
    type Error = CountryError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Country::parse(&s)
    }
}

impl From<Country> for String {
    fn from(c: Country) -> String {
        c.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supplier {
    pub name: String,
    /// Required for Swedish suppliers; foreign ones give their own registration instead.
    pub org_number: Option<OrgNumber>,
    pub foreign_registration: String,
    pub country: Country,
    pub contact: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SupplierError {
    #[error("the name is required")]
    MissingName,
    #[error("a Swedish supplier needs an organisation number")]
    MissingOrgNumber,
}

impl Supplier {
    pub fn validate(&self) -> Result<(), SupplierError> {
        if self.name.trim().is_empty() {
            return Err(SupplierError::MissingName);
        }
        if self.country == Country::sweden() && self.org_number.is_none() {
            return Err(SupplierError::MissingOrgNumber);
        }
        Ok(())
    }

    /// The organisation number is a sole trader's personal identity number: personal data.
    pub fn holds_personal_data(&self) -> bool {
        self.org_number
            .is_some_and(|o| o.is_personal_identity_number())
    }
}

coded_enum!(
    SubSupplierStatus {
        Proposed = "proposed",
        Approved = "approved",
        Objected = "objected",
        Removed = "removed",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubSupplier {
    pub name: String,
    pub org_number: Option<OrgNumber>,
    pub country: Country,
    /// What it does for the supplier (hosting, support, AI model…).
    pub role: String,
    /// Where it processes the buyer's data.
    pub processing_location: String,
    pub approved_on: Option<NaiveDate>,
    pub status: SubSupplierStatus,
}

impl SubSupplier {
    /// Outside the EU/EEA: needs explicit approval under SUB-05 and transfer safeguards.
    pub fn is_third_country(&self) -> bool {
        !self.country.is_eea()
    }
}

coded_enum!(
    ChangeKind {
        Added = "added",
        Replaced = "replaced",
        Removed = "removed",
        MovedCountry = "moved_country",
    }
);

coded_enum!(
    Decision {
        Pending = "pending",
        Approved = "approved",
        Objected = "objected",
    }
);

/// A change to the sub-supplier list that the supplier notified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubSupplierChange {
    pub kind: ChangeKind,
    pub sub_supplier: String,
    pub new_country: Option<Country>,
    pub notified_on: NaiveDate,
    pub objection_deadline: NaiveDate,
    pub decision: Decision,
    pub decided_on: Option<NaiveDate>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ChangeError {
    #[error("the change was already decided on {0}")]
    AlreadyDecided(NaiveDate),
    #[error("the decision date is before the notice date")]
    DecidedBeforeNotice,
}

/// Days of prior notice that SUB-02 asks for before a new or replaced sub-supplier is used.
pub const DEFAULT_NOTICE_DAYS: u64 = 60;

impl SubSupplierChange {
    pub fn notified(
        kind: ChangeKind,
        sub_supplier: String,
        notified_on: NaiveDate,
        notice_days: u64,
    ) -> SubSupplierChange {
        SubSupplierChange {
            kind,
            sub_supplier,
            new_country: None,
            notified_on,
            objection_deadline: notified_on
                .checked_add_days(Days::new(notice_days))
                .unwrap_or(notified_on),
            decision: Decision::Pending,
            decided_on: None,
            note: String::new(),
        }
    }

    pub fn decide(&mut self, decision: Decision, on: NaiveDate) -> Result<(), ChangeError> {
        if let Some(at) = self.decided_on {
            return Err(ChangeError::AlreadyDecided(at));
        }
        if on < self.notified_on {
            return Err(ChangeError::DecidedBeforeNotice);
        }
        self.decision = decision;
        self.decided_on = Some(on);
        Ok(())
    }

    /// Still undecided with the objection deadline passed: silence may count as acceptance.
    pub fn deadline_passed(&self, today: NaiveDate) -> bool {
        self.decision == Decision::Pending && today > self.objection_deadline
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn countries_know_the_eea() {
        assert!(Country::parse("se").unwrap().is_eea());
        assert!(Country::parse("NO").unwrap().is_eea());
        assert!(!Country::parse("US").unwrap().is_eea());
        assert!(Country::parse("SWE").is_err());
    }

    #[test]
    fn swedish_suppliers_need_an_org_number() {
        let mut s = Supplier {
            name: "Molnbolaget AB".into(),
            org_number: None,
            foreign_registration: String::new(),
            country: Country::sweden(),
            contact: String::new(),
            notes: String::new(),
        };
        assert_eq!(s.validate(), Err(SupplierError::MissingOrgNumber));
        s.country = Country::parse("DE").unwrap();
        assert_eq!(s.validate(), Ok(()));
        s.org_number = OrgNumber::parse("811218-9876").ok();
        assert!(s.holds_personal_data());
    }

    #[test]
    fn a_change_gets_a_deadline_and_one_decision() {
        let mut c = SubSupplierChange::notified(
            ChangeKind::Added,
            "Driftpartner AB".into(),
            d("2026-10-01"),
            DEFAULT_NOTICE_DAYS,
        );
        assert_eq!(c.objection_deadline, d("2026-11-30"));
        assert!(!c.deadline_passed(d("2026-11-30")));
        assert!(c.deadline_passed(d("2026-12-01")));
        assert_eq!(
            c.decide(Decision::Approved, d("2026-09-01")),
            Err(ChangeError::DecidedBeforeNotice)
        );
        c.decide(Decision::Objected, d("2026-10-20")).unwrap();
        assert_eq!(
            c.decide(Decision::Approved, d("2026-10-21")),
            Err(ChangeError::AlreadyDecided(d("2026-10-20")))
        );
        assert!(!c.deadline_passed(d("2027-01-01")));
    }
}
