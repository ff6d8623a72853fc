//! The built-in requirement sets, embedded in the binary from `requirement-sets/`. They are
//! read-only in the app; the store syncs them into the database when [`combined_hash`] changes.
//! A new file in `requirement-sets/` must be listed in [`FILES`] (a test checks it). The
//! library as published before ([`PUBLISHED`], `requirement-sets/2026.1/`) is embedded too, so
//! that a new database holds the versions older procurements were built on.

use super::error::CatalogError;
use super::parse::{ParsedSet, validate_files};
use crate::domain::requirement::hash_bytes;

/// `(file name, contents)` of every built-in set, in the order they are shown.
pub const FILES: &[(&str, &str)] = &[
    (
        "lou-grund.toml",
        include_str!("../../requirement-sets/lou-grund.toml"),
    ),
    (
        "price-indexation.toml",
        include_str!("../../requirement-sets/price-indexation.toml"),
    ),
    (
        "service-levels.toml",
        include_str!("../../requirement-sets/service-levels.toml"),
    ),
    (
        "contract-terms.toml",
        include_str!("../../requirement-sets/contract-terms.toml"),
    ),
    (
        "data-ownership-exit.toml",
        include_str!("../../requirement-sets/data-ownership-exit.toml"),
    ),
    (
        "hosting-location.toml",
        include_str!("../../requirement-sets/hosting-location.toml"),
    ),
    (
        "sub-suppliers.toml",
        include_str!("../../requirement-sets/sub-suppliers.toml"),
    ),
    (
        "ai-act.toml",
        include_str!("../../requirement-sets/ai-act.toml"),
    ),
    (
        "ai-use-policy.toml",
        include_str!("../../requirement-sets/ai-use-policy.toml"),
    ),
    (
        "ai-quality.toml",
        include_str!("../../requirement-sets/ai-quality.toml"),
    ),
    (
        "information-security.toml",
        include_str!("../../requirement-sets/information-security.toml"),
    ),
    (
        "personal-data.toml",
        include_str!("../../requirement-sets/personal-data.toml"),
    ),
    (
        "public-records.toml",
        include_str!("../../requirement-sets/public-records.toml"),
    ),
    (
        "onboarding-migration.toml",
        include_str!("../../requirement-sets/onboarding-migration.toml"),
    ),
    (
        "integration-identity.toml",
        include_str!("../../requirement-sets/integration-identity.toml"),
    ),
    (
        "product-security.toml",
        include_str!("../../requirement-sets/product-security.toml"),
    ),
    (
        "accessibility.toml",
        include_str!("../../requirement-sets/accessibility.toml"),
    ),
    (
        "follow-up.toml",
        include_str!("../../requirement-sets/follow-up.toml"),
    ),
    (
        "sustainability.toml",
        include_str!("../../requirement-sets/sustainability.toml"),
    ),
];

/// The published 2026.1 library, as it was: every set in it, byte for byte. Synced before
/// [`FILES`], so the newer versions become the current ones.
pub const PUBLISHED: &[(&str, &str)] = &[
    (
        "2026.1/lou-grund.toml",
        include_str!("../../requirement-sets/2026.1/lou-grund.toml"),
    ),
    (
        "2026.1/data-ownership-exit.toml",
        include_str!("../../requirement-sets/2026.1/data-ownership-exit.toml"),
    ),
    (
        "2026.1/hosting-location.toml",
        include_str!("../../requirement-sets/2026.1/hosting-location.toml"),
    ),
    (
        "2026.1/sub-suppliers.toml",
        include_str!("../../requirement-sets/2026.1/sub-suppliers.toml"),
    ),
    (
        "2026.1/ai-act.toml",
        include_str!("../../requirement-sets/2026.1/ai-act.toml"),
    ),
    (
        "2026.1/ai-use-policy.toml",
        include_str!("../../requirement-sets/2026.1/ai-use-policy.toml"),
    ),
    (
        "2026.1/information-security.toml",
        include_str!("../../requirement-sets/2026.1/information-security.toml"),
    ),
    (
        "2026.1/personal-data.toml",
        include_str!("../../requirement-sets/2026.1/personal-data.toml"),
    ),
    (
        "2026.1/public-records.toml",
        include_str!("../../requirement-sets/2026.1/public-records.toml"),
    ),
    (
        "2026.1/accessibility.toml",
        include_str!("../../requirement-sets/2026.1/accessibility.toml"),
    ),
    (
        "2026.1/follow-up.toml",
        include_str!("../../requirement-sets/2026.1/follow-up.toml"),
    ),
    (
        "2026.1/sustainability.toml",
        include_str!("../../requirement-sets/2026.1/sustainability.toml"),
    ),
];

/// Where a built-in set stands in the library's order; unknown ids (a set removed in a newer
/// version but still in an old database) go last.
pub fn position(set_id: &str) -> usize {
    FILES
        .iter()
        .position(|(file, _)| file.strip_suffix(".toml") == Some(set_id))
        .unwrap_or(FILES.len())
}

/// Every built-in set, parsed and checked as one library.
pub fn load() -> Result<Vec<ParsedSet>, Vec<CatalogError>> {
    let files: Vec<(String, String)> = FILES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    validate_files(&files)
}

/// The published versions, then the current library: each checked as one library of its own
/// (the same ids recur between versions), in the order the store syncs them.
pub fn load_with_history() -> Result<Vec<ParsedSet>, Vec<CatalogError>> {
    let files = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect()
    };
    let mut sets = validate_files(&files(PUBLISHED))?;
    sets.extend(load()?);
    Ok(sets)
}

/// A fingerprint of the built-ins as this binary reads them: every file name and content, and
/// the crate version, so a new kravkoll that reads the same files differently still re-syncs.
pub fn combined_hash() -> String {
    let mut bytes = Vec::new();
    bytes.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    for (name, text) in PUBLISHED.iter().chain(FILES) {
        // Lengths before contents, so no two different lists of files give the same bytes.
        for part in [name.as_bytes(), text.as_bytes()] {
            bytes.push(0);
            bytes.extend_from_slice(part.len().to_string().as_bytes());
            bytes.push(0);
            bytes.extend_from_slice(part);
        }
    }
    hash_bytes(&bytes)
}

#[cfg(test)]
mod tests {
    use super::super::{parse_set, report, to_toml};
    use super::*;

    #[test]
    fn every_builtin_parses_without_errors() {
        for (name, text) in FILES {
            if let Err(errors) = parse_set(name, text) {
                panic!("{name} has errors:\n{}", report(&errors));
            }
        }
    }

    #[test]
    fn every_published_file_is_embedded_and_parses() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/requirement-sets/2026.1");
        let on_disk = std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".toml")
            })
            .count();
        assert_eq!(on_disk, PUBLISHED.len());
        let all = load_with_history().map_err(|e| report(&e)).unwrap();
        assert_eq!(all.len(), PUBLISHED.len() + FILES.len());
        assert!(
            all[..PUBLISHED.len()]
                .iter()
                .all(|p| p.set.version.to_string() == "2026.1")
        );
    }

    #[test]
    fn builtins_share_no_ids() {
        let sets = load().map_err(|errors| report(&errors)).unwrap();
        assert_eq!(sets.len(), FILES.len());
    }

    #[test]
    fn every_file_in_the_directory_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/requirement-sets");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
        listed.sort();
        assert_eq!(
            on_disk, listed,
            "requirement-sets/ and builtin::FILES differ"
        );
    }

    #[test]
    fn each_file_is_named_after_its_set_and_has_its_place() {
        for (i, (name, text)) in FILES.iter().enumerate() {
            let set = parse_set(name, text).unwrap().set;
            assert_eq!(format!("{}.toml", set.id), *name);
            assert_eq!(position(set.id.as_str()), i);
        }
        assert_eq!(position("no-such-set"), FILES.len());
    }

    #[test]
    fn builtins_round_trip_through_the_writer() {
        for (name, text) in FILES {
            let set = parse_set(name, text).unwrap().set;
            let written = to_toml(&set);
            let back = parse_set(name, &written).map_err(|errors| report(&errors));
            assert_eq!(back.unwrap().set, set, "{name}");
        }
    }

    #[test]
    fn the_combined_hash_is_stable_and_covers_the_files() {
        let h = combined_hash();
        assert_eq!(h.len(), 64);
        assert_eq!(h, combined_hash());
        assert_ne!(h, hash_bytes(b""));
    }
}
