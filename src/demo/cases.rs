//! What the sample procurements are made of: the sets each links and the profiles they share.

use crate::domain::{ClassLevel, ContractValue, Delivery, Level, PersonalData, Profile, Tier};

/// Sets linked to the demo procurements, when the library has them.
pub(super) const CASE_SETS: &[&str] = &[
    "lou-grund",
    "data-ownership-exit",
    "hosting-location",
    "sub-suppliers",
    "information-security",
    "personal-data",
    "public-records",
    "follow-up",
];
pub(super) const AI_SETS: &[&str] = &["ai-act", "ai-use-policy", "accessibility"];
/// An e-service platform: no records of its own to archive, but accessibility matters.
pub(super) const PLATFORM_SETS: &[&str] = &[
    "lou-grund",
    "data-ownership-exit",
    "hosting-location",
    "sub-suppliers",
    "information-security",
    "personal-data",
    "accessibility",
    "follow-up",
];

pub(super) fn level(n: u8) -> ClassLevel {
    ClassLevel::new(n).unwrap_or_default()
}

/// The profile of a social-services system: sensitive personal data under secrecy, KLASSA
/// 3/3/2, records to archive, above the EU threshold, followed up at tier A.
pub(super) fn social_services() -> Profile {
    Profile {
        confidentiality: level(3),
        integrity: level(3),
        availability: level(2),
        personal_data: PersonalData::Sensitive,
        processor: true,
        secrecy: true,
        delivery: Delivery::Saas,
        archival: true,
        value: ContractValue::Above,
        ambition: Level::Advanced,
        tier: Tier::A,
        ..Profile::default()
    }
}
