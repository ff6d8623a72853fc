//! Writing a set back as a requirement-set file, in the layout of DESIGN §4: header keys, then
//! one `[[requirement]]` block per requirement, texts as inline `{ sv = "…", en = "…" }` tables.
//! Officers read these files in git diffs, so the layout is fixed and optional fields that are
//! absent are left out rather than written empty. Strings are quoted by toml itself, so quotes,
//! newlines and backslashes read back exactly.

use super::FORMAT;
use crate::domain::condition::{Clause, Condition};
use crate::domain::key_date::KeyDate;
use crate::domain::requirement::{Requirement, Risk};
use crate::domain::set::{RequirementSet, Source};
use crate::domain::text::Text;

/// The set as a file that [`super::parse_set`] reads back to an equal set.
pub fn to_toml(set: &RequirementSet) -> String {
    let mut out = String::new();
    key(&mut out, "format", &FORMAT.to_string());
    key(&mut out, "id", &quote(set.id.as_str()));
    key(&mut out, "version", &quote(set.version.as_str()));
    key(&mut out, "title", &text(&set.title));
    if !absent(&set.description) {
        key(&mut out, "description", &text(&set.description));
    }
    if !set.sources.is_empty() {
        key(&mut out, "sources", &sources(&set.sources));
    }
    for d in &set.dates {
        out.push('\n');
        key_date(&mut out, d);
    }
    for r in &set.requirements {
        out.push('\n');
        requirement(&mut out, r);
    }
    out
}

/// One `[[date]]`; the day as a quoted `YYYY-MM-DD`.
fn key_date(out: &mut String, d: &KeyDate) {
    out.push_str("[[date]]\n");
    key(out, "key", &quote(d.key.as_str()));
    key(out, "date", &quote(&d.date.format("%Y-%m-%d").to_string()));
    key(out, "what", &text(&d.what));
    if !d.basis.is_empty() {
        key(out, "basis", &quote(&d.basis));
    }
}

fn requirement(out: &mut String, r: &Requirement) {
    out.push_str("[[requirement]]\n");
    key(out, "id", &quote(r.id.as_str()));
    key(out, "kind", &quote(r.kind.code()));
    if let Some(level) = r.level {
        key(out, "level", &quote(level.code()));
    }
    if let Some(weight) = r.weight {
        key(out, "weight", &weight.to_string());
    }
    key(out, "title", &text(&r.title));
    key(out, "text", &text(&r.text));
    if !r.basis.is_empty() {
        key(out, "basis", &list(r.basis.iter().map(|s| quote(s))));
    }
    if let Some(condition) = condition(&r.applies_when) {
        key(out, "applies_when", &condition);
    }
    if let Some(from) = &r.applies_from {
        key(out, "applies_from", &quote(from.as_str()));
    }
    for (name, t) in [
        ("rationale", &r.rationale),
        ("evidence", &r.evidence),
        ("follow_up", &r.follow_up),
    ] {
        if !absent(t) {
            key(out, name, &text(t));
        }
    }
    if let Some(risk) = r.risk {
        key(out, "risk", &risk_table(risk));
    }
    if !r.tags.is_empty() {
        key(out, "tags", &list(r.tags.iter().map(|s| quote(s))));
    }
    if !r.see.is_empty() {
        key(out, "see", &list(r.see.iter().map(|id| quote(id.as_str()))));
    }
}

fn key(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(" = ");
    out.push_str(value);
    out.push('\n');
}

/// A TOML string literal chosen by toml's own writer (basic, literal or multi-line).
pub(crate) fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// An optional text that was never given: nothing to write. (A blank Swedish text with English
/// would be refused on reading, so it is written as it is and the reader says why.)
fn absent(t: &Text) -> bool {
    t.sv.is_empty() && t.en.is_empty()
}

fn inline(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return "{}".to_string();
    }
    let body = pairs
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{{ {body} }}")
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

fn text(t: &Text) -> String {
    let mut pairs = vec![("sv", quote(&t.sv))];
    if !t.en.is_empty() {
        pairs.push(("en", quote(&t.en)));
    }
    inline(&pairs)
}

/// One source on one line as in DESIGN §4; several go one per line so a diff shows which changed.
fn sources(sources: &[Source]) -> String {
    let items: Vec<String> = sources
        .iter()
        .map(|s| {
            let mut pairs = vec![("name", quote(&s.name))];
            if !s.reference.is_empty() {
                pairs.push(("ref", quote(&s.reference)));
            }
            inline(&pairs)
        })
        .collect();
    match items.as_slice() {
        [one] => format!("[ {one} ]"),
        _ => {
            let lines: String = items.iter().map(|i| format!("    {i},\n")).collect();
            format!("[\n{lines}]")
        }
    }
}

fn risk_table(risk: Risk) -> String {
    inline(&[
        ("likelihood", risk.likelihood.to_string()),
        ("consequence", risk.consequence.to_string()),
    ])
}

/// `applies_when`: nothing when it always applies by having no clauses, one inline table, or a
/// list of them.
pub(crate) fn condition(c: &Condition) -> Option<String> {
    match c.clauses() {
        [] => None,
        [one] => Some(clause(one)),
        many => {
            let lines: String = many
                .iter()
                .map(|c| format!("    {},\n", clause(c)))
                .collect();
            Some(format!("[\n{lines}]"))
        }
    }
}

fn clause(c: &Clause) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let levels = [
        ("confidentiality_min", c.confidentiality_min),
        ("integrity_min", c.integrity_min),
        ("availability_min", c.availability_min),
    ];
    for (name, level) in levels {
        if let Some(l) = level {
            pairs.push((name, l.value().to_string()));
        }
    }
    if let Some(p) = c.personal_data {
        pairs.push(("personal_data", quote(p.code())));
    }
    let flags = [
        ("processor", c.processor),
        ("secrecy", c.secrecy),
        ("security_sensitive", c.security_sensitive),
        ("automated_decisions", c.automated_decisions),
        ("generative", c.generative),
        ("citizen_facing", c.citizen_facing),
        ("archival", c.archival),
    ];
    for (name, flag) in flags {
        if let Some(b) = flag {
            pairs.push((name, b.to_string()));
        }
    }
    if let Some(v) = &c.value {
        pairs.push(("value", list(v.iter().map(|v| quote(v.code())))));
    }
    if let Some(b) = c.above_threshold {
        pairs.push(("above_threshold", b.to_string()));
    }
    if let Some(ai) = c.ai {
        pairs.push(("ai", quote(ai.code())));
    }
    if let Some(r) = &c.ai_risk {
        pairs.push(("ai_risk", list(r.iter().map(|v| quote(v.code())))));
    }
    if let Some(d) = &c.delivery {
        pairs.push(("delivery", list(d.iter().map(|v| quote(v.code())))));
    }
    if let Some(t) = &c.tier {
        pairs.push(("tier", list(t.iter().map(|v| quote(v.code())))));
    }
    inline(&pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::profile::{ClassLevel, PersonalData};
    use crate::domain::requirement::{Kind, RequirementId};
    use crate::domain::set::{SetId, SetVersion};

    #[test]
    fn layout_follows_the_design() {
        let set = RequirementSet {
            id: SetId::parse("hosting-location").unwrap(),
            version: SetVersion::parse("2026.1").unwrap(),
            title: Text::new("Lagringsplats", "Hosting location"),
            description: Text::default(),
            sources: vec![Source {
                name: "Lag (2020:914)".into(),
                reference: "SFS 2020:914".into(),
            }],
            dates: Vec::new(),
            requirements: vec![Requirement {
                id: RequirementId::parse("HOST-01").unwrap(),
                kind: Kind::Mandatory,
                level: None,
                title: Text::sv("Lagring inom EU/EES"),
                text: Text::new(
                    "Data ska lagras \"inom\" EU.",
                    "Data shall be stored in the EU.",
                ),
                rationale: Text::default(),
                basis: vec!["GDPR art. 44".into()],
                applies_when: Condition::one(Clause {
                    confidentiality_min: ClassLevel::new(2),
                    personal_data: Some(PersonalData::Ordinary),
                    ..Clause::default()
                }),
                evidence: Text::default(),
                follow_up: Text::default(),
                weight: None,
                risk: Some(Risk::new(2, 3).unwrap()),
                see: Vec::new(),
                applies_from: None,
                tags: vec!["cloud".into()],
            }],
        };
        let expected = r#"format = 1
id = "hosting-location"
version = "2026.1"
title = { sv = "Lagringsplats", en = "Hosting location" }
sources = [ { name = "Lag (2020:914)", ref = "SFS 2020:914" } ]

[[requirement]]
id = "HOST-01"
kind = "mandatory"
title = { sv = "Lagring inom EU/EES" }
text = { sv = 'Data ska lagras "inom" EU.', en = "Data shall be stored in the EU." }
basis = ["GDPR art. 44"]
applies_when = { confidentiality_min = 2, personal_data = "ordinary" }
risk = { likelihood = 2, consequence = 3 }
tags = ["cloud"]
"#;
        assert_eq!(to_toml(&set), expected);
    }

    #[test]
    fn key_dates_come_before_the_requirements_and_references_last() {
        let mut set = crate::catalog::parse_set(
            "in.toml",
            "format = 1\nid = \"ai\"\nversion = \"1\"\ntitle = { sv = \"AI\" }\n\
             [[requirement]]\nid = \"AI-01\"\nkind = \"mandatory\"\n\
             title = { sv = \"T\" }\ntext = { sv = \"X\" }\n",
        )
        .unwrap()
        .set;
        set.dates.push(KeyDate {
            key: crate::domain::DateKey::parse("high-risk").unwrap(),
            date: chrono::NaiveDate::from_ymd_opt(2027, 12, 2).unwrap(),
            what: Text::new("Högrisk", "High risk"),
            basis: "AI Act art. 113".into(),
        });
        set.requirements[0].applies_from = crate::domain::DateKey::parse("high-risk").ok();
        set.requirements[0].see = vec![RequirementId::parse("DATA-10").unwrap()];
        let expected = r#"format = 1
id = "ai"
version = "1"
title = { sv = "AI" }

[[date]]
key = "high-risk"
date = "2027-12-02"
what = { sv = "Högrisk", en = "High risk" }
basis = "AI Act art. 113"

[[requirement]]
id = "AI-01"
kind = "mandatory"
title = { sv = "T" }
text = { sv = "X" }
applies_from = "high-risk"
see = ["DATA-10"]
"#;
        assert_eq!(to_toml(&set), expected);
    }
}
