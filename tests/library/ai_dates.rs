//! The AI Act's application dates are data, each duty links to its date, and no requirement
//! text repeats a date.

use super::ai::*;
use std::collections::BTreeMap;

#[test]
fn application_dates_are_data_and_each_duty_links_to_its_date() {
    let set = raw("ai-act.toml");
    let dates: BTreeMap<String, String> = set["date"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let d = d.as_table().unwrap();
            let what = d["what"].as_table().unwrap();
            assert!(
                !what["sv"].as_str().unwrap().is_empty()
                    && !what["en"].as_str().unwrap().is_empty()
            );
            assert!(!d["basis"].as_str().unwrap().is_empty());
            (
                d["key"].as_str().unwrap().to_string(),
                d["date"].to_string().trim_matches('"').to_string(),
            )
        })
        .collect();
    for (key, date) in [
        ("annex3-high-risk", "2027-12-02"),
        ("annex1-high-risk", "2028-08-02"),
        ("art50-2-marking-grace", "2026-12-02"),
        ("art5-new-prohibitions", "2026-12-02"),
        ("general", "2026-08-02"),
        ("public-authority-legacy", "2030-08-02"),
    ] {
        assert_eq!(dates.get(key).map(String::as_str), Some(date), "{key}");
    }
    let reqs = raw_requirements("ai-act.toml");
    let from = |id: &str| reqs[id].get("applies_from").and_then(|v| v.as_str());
    for id in ["AI-11", "AI-15", "AI-16", "AI-18", "AI-26", "AI-28"] {
        assert_eq!(from(id), Some("annex3-high-risk"), "{id}");
    }
    assert_eq!(from("AI-19"), Some("general"));
    assert_eq!(from("AI-24"), Some("art50-2-marking-grace"));
    assert_eq!(from("AI-25"), Some("art5-new-prohibitions"));
    assert_eq!(from("AI-21"), Some("literacy-and-prohibitions"));
    for file in AI_FILES {
        for (id, r) in raw_requirements(file) {
            if let Some(key) = r.get("applies_from").and_then(|v| v.as_str()) {
                assert!(dates.contains_key(key), "{id}: unknown date {key}");
            }
        }
    }
}

/// A written-out date ("2 augusti 2026", "2 August 2026") or an application year (2026–2030)
/// standing on its own, not part of a number such as "(EU) 2026/1744" or "SOU 2025:101". A
/// document's version ("version mars 2025") is not a date of application.
fn date_in(text: &str) -> Option<String> {
    const MONTHS: &[&str] = &[
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "august",
        "october",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    for w in words.windows(3) {
        let day = w[0];
        let month = w[1].to_lowercase();
        let year = w[2].trim_end_matches([',', '.', ')', ';']);
        if (1..=2).contains(&day.len())
            && day.chars().all(|c| c.is_ascii_digit())
            && MONTHS.contains(&month.as_str())
            && year.len() == 4
            && year.starts_with("20")
            && year.chars().all(|c| c.is_ascii_digit())
        {
            return Some(format!("{day} {} {year}", w[1]));
        }
    }
    let bytes = text.as_bytes();
    for start in 0..bytes.len().saturating_sub(3) {
        let Some(token) = text.get(start..start + 4) else {
            continue;
        };
        if !token.chars().all(|c| c.is_ascii_digit())
            || !token
                .parse::<u32>()
                .is_ok_and(|y| (2026..=2030).contains(&y))
        {
            continue;
        }
        let before = start.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(start + 4).copied();
        let glued = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_digit() || b == b'/' || b == b':');
        if !glued(before) && !glued(after) {
            return Some(token.to_string());
        }
    }
    None
}

#[test]
fn no_requirement_text_carries_an_application_date() {
    assert_eq!(
        date_in("gäller från den 2 augusti 2026"),
        Some("2 augusti 2026".into())
    );
    assert_eq!(
        date_in("since 2 February 2025."),
        Some("2 February 2025".into())
    );
    assert_eq!(date_in("MCC-AI, version mars 2025"), None);
    assert_eq!(date_in("from 2027 on"), Some("2027".into()));
    assert_eq!(date_in("förordning (EU) 2026/1744 och SOU 2025:101"), None);
    let mut found = Vec::new();
    for r in ai_requirements() {
        for (field, t) in texts(r) {
            if let Some(d) = date_in(t) {
                found.push(format!("{} {field}: {d}", r.id.as_str()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
