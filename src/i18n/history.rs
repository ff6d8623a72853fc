//! A requirement line's history in words, told from the audit trail: where it came from (set
//! and version, or the officer's own), each edit of its text, kind, weight or inclusion, taking
//! over newer library text, and amendments with their reasons, each with who and when. The
//! interactive program (`h`) and `procurements history` tell the same story.

use serde_json::Value;

use super::{Label, Msg};
use crate::domain::{Kind, Lang, Line};
use crate::store::AuditEntry;
use crate::store::procurements::Amendment;

/// One step of a line's history, in words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Event {
    /// When (the trail's UTC time, to the minute) and by whom.
    pub at: String,
    pub actor: String,
    pub what: String,
}

/// The history of line `line_id` from its rows of the trail, oldest first, as stored.
pub fn line_history(
    trail: &[AuditEntry],
    line_id: i64,
    amendments: &[Amendment],
    lang: Lang,
) -> Vec<Event> {
    trail
        .iter()
        .filter_map(|e| {
            let what = describe(e, line_id, amendments, lang)?;
            Some(Event {
                at: minute(&e.at),
                actor: e.actor.clone(),
                what,
            })
        })
        .collect()
}

/// `2026-12-01T09:14:03Z` as `2026-12-01 09:14`.
fn minute(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

fn line_of(v: Option<&Value>) -> Option<Line> {
    let v = v?;
    let v = v.get("line").unwrap_or(v);
    serde_json::from_value(v.clone()).ok()
}

fn origin(l: &Line, lang: Lang) -> String {
    match &l.source {
        Some(s) => Msg::HistFromLibrary
            .text(lang)
            .replace("{set}", &s.set_id)
            .replace("{version}", &s.version),
        None => Msg::HistOwn.text(lang).to_string(),
    }
}

/// One row of the trail in words; `None` for a row that says nothing about the line.
fn describe(e: &AuditEntry, line_id: i64, amendments: &[Amendment], lang: Lang) -> Option<String> {
    let before = line_of(e.before.as_ref());
    let after = line_of(e.after.as_ref());
    let version = |l: &Option<Line>| {
        l.as_ref()
            .and_then(|l| l.source.as_ref())
            .map(|s| s.version.clone())
            .unwrap_or_default()
    };
    let said = match e.action.as_str() {
        "create" | "link" | "add-by-profile" | "take-over-add" => origin(after.as_ref()?, lang),
        "add-not-applying" => {
            let reason = e
                .after
                .as_ref()
                .and_then(|a| a.get("reason"))
                .and_then(Value::as_str)
                .unwrap_or_default();
            format!(
                "{} {}",
                origin(after.as_ref()?, lang),
                Msg::HistAddedAnyway.text(lang).replace("{reason}", reason)
            )
        }
        "take-over" => Msg::HistTakeOver
            .text(lang)
            .replace("{version}", &version(&after)),
        "keep-local" => Msg::HistKeepLocal
            .text(lang)
            .replace("{version}", &version(&after)),
        "take-over-remove" => Msg::HistRemovedFromLibrary.text(lang).to_string(),
        "remove-by-profile" => Msg::HistRemovedByProfile.text(lang).to_string(),
        "unlink-set" => Msg::HistUnlinked.text(lang).to_string(),
        "move" => Msg::HistMoved
            .text(lang)
            .replace("{n}", &after.as_ref()?.position.to_string()),
        "amend" => {
            let reason = amendments
                .iter()
                .find(|a| a.line_id == Some(line_id) && a.at == e.at)
                .map(|a| a.reason.as_str())
                .unwrap_or_default();
            let mut s = Msg::HistAmended.text(lang).replace("{reason}", reason);
            if let (Some(b), Some(a)) = (&before, &after) {
                s = join(s, changes(b, a, lang));
            }
            s
        }
        _ => changes(before.as_ref()?, after.as_ref()?, lang)?,
    };
    Some(said)
}

fn join(first: String, rest: Option<String>) -> String {
    match rest {
        Some(r) => format!("{first}; {r}"),
        None => first,
    }
}

fn kind_label(k: Kind, lang: Lang) -> &'static str {
    k.label(lang)
}

/// What an edit changed, in words; `None` when nothing the officer sees did.
fn changes(b: &Line, a: &Line, lang: Lang) -> Option<String> {
    let mut said = Vec::new();
    if b.text != a.text {
        said.push(Msg::HistText.text(lang).to_string());
    }
    if b.title != a.title {
        said.push(Msg::HistTitle.text(lang).to_string());
    }
    if b.kind != a.kind {
        said.push(
            Msg::HistKind
                .text(lang)
                .replace("{from}", kind_label(b.kind, lang))
                .replace("{to}", kind_label(a.kind, lang)),
        );
    }
    if b.weight != a.weight {
        let w = |w: Option<u32>| w.map_or("–".to_string(), |w| w.to_string());
        said.push(
            Msg::HistWeight
                .text(lang)
                .replace("{from}", &w(b.weight))
                .replace("{to}", &w(a.weight)),
        );
    }
    if b.included && !a.included {
        let mut s = Msg::HistExcluded.text(lang).to_string();
        if let Some(r) = &a.exclusion {
            s = format!("{s}: {r}");
        }
        said.push(s);
    } else if !b.included && a.included {
        said.push(Msg::HistIncluded.text(lang).to_string());
    }
    if b.position != a.position && said.is_empty() {
        said.push(
            Msg::HistMoved
                .text(lang)
                .replace("{n}", &a.position.to_string()),
        );
    }
    (!said.is_empty()).then(|| said.join("; "))
}
