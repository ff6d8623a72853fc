//! The domain: pure types and rules of requirements, procurements, suppliers, contracts and
//! reviews. Nothing here does I/O or reads the clock; "today" is always passed in. Nothing here
//! imports another module of this crate, so every rule can be tested on its own.

mod coded;
pub mod condition;
pub mod contract;
pub mod date;
pub mod key_date;
pub mod org_number;
pub mod procurement;
pub mod profile;
pub mod publish;
pub mod requirement;
pub mod review;
pub mod schedule;
pub mod scoring;
pub mod set;
pub mod supplier;
pub mod text;
pub mod word_diff;

pub use condition::{AiCondition, Clause, Condition, Fact, RiskMatch, applies};
pub use contract::{Contract, ContractLine, Evidence, EvidenceKind, EvidenceState};
pub use key_date::{DateKey, KeyDate};
pub use org_number::{OrgNumber, OrgNumberError};
pub use procurement::{
    AboveAmbition, Line, LineSource, Procedure, Procurement, ProcurementError, Status,
};
pub use profile::{
    AiRisk, AiUse, ClassLevel, ContractValue, Delivery, PersonalData, Profile, Tier,
};
pub use requirement::{Kind, Level, Requirement, RequirementId, Risk};
pub use review::{
    CheckResult, ChecklistItem, CorrectiveAction, Finding, FindingStatus, FollowUp, Outcome,
    Review, ReviewStatus, Trigger,
};
pub use schedule::{Mode, Preset, Schedule};
pub use scoring::Scoring;
pub use set::{RequirementSet, SetId, SetVersion, Source};
pub use supplier::{Country, SubSupplier, SubSupplierChange, SubSupplierStatus, Supplier};
pub use text::{Lang, Text};
