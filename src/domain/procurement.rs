//! Procurements and their lines. Linking a set copies the requirements that apply into the
//! procurement as lines (a snapshot); the officer tailors them; publishing freezes them, so a
//! published tender never changes when the library does.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::coded::coded_enum;
use super::condition::{Condition, Fact};
use super::profile::Profile;
use super::requirement::{Kind, Level, Requirement, Risk};
use super::scoring::Scoring;
use super::set::RequirementSet;
use super::text::Text;

coded_enum!(
    Status {
        Draft = "draft",
        Published = "published",
        Evaluation = "evaluation",
        Awarded = "awarded",
        Closed = "closed",
        Cancelled = "cancelled",
    }
);

impl Status {
    /// The statuses this one may move to, in the order an officer meets them.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Draft => &[Published, Cancelled],
            Published => &[Evaluation, Cancelled],
            Evaluation => &[Awarded, Cancelled],
            Awarded => &[Closed, Cancelled],
            Closed | Cancelled => &[],
        }
    }

    pub fn can_become(self, to: Status) -> bool {
        self.next().contains(&to)
    }

    /// Lines are frozen from publication on.
    pub fn is_frozen(self) -> bool {
        self != Status::Draft
    }
}

coded_enum!(
    /// LOU procedures (and the call-off under a framework agreement).
    Procedure {
        Open = "open",
        Simplified = "simplified",
        Restricted = "restricted",
        Negotiated = "negotiated",
        Direct = "direct",
        CallOff = "call_off",
        Other = "other",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Procurement {
    /// Diarienummer: free text, since municipalities use many shapes (`KS 2024/123-4`).
    pub reference: String,
    pub title: String,
    pub owner: String,
    pub procedure: Procedure,
    pub status: Status,
    pub profile: Profile,
    /// Last day for tenders.
    pub deadline: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    /// What the weights of the evaluated lines must add up to, when the officer set it.
    #[serde(default)]
    pub weight_total: Option<u32>,
    /// What an evaluated line's weight means.
    #[serde(default)]
    pub scoring: Scoring,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProcurementError {
    #[error("the title is required")]
    MissingTitle,
    #[error("the reference (diarienummer) is required")]
    MissingReference,
    #[error("a procurement that is {from} cannot become {to}")]
    NotAllowed {
        from: &'static str,
        to: &'static str,
    },
    #[error(
        "the AI risk class is 'prohibited' (AI Act art. 5): a prohibited practice cannot be procured"
    )]
    ProhibitedAi,
    #[error("there are no included requirements to publish")]
    NoLines,
    #[error("the procurement is {0} and its lines are frozen; make an amendment instead")]
    Frozen(&'static str),
    #[error("an amendment needs a reason")]
    MissingReason,
    #[error("only a published procurement can be amended")]
    NotPublished,
    #[error("the tender deadline {0} has passed")]
    DeadlinePassed(NaiveDate),
    #[error("the mandatory or qualification requirement {0} has no text")]
    EmptyText(String),
}

impl Procurement {
    pub fn validate(&self) -> Result<(), ProcurementError> {
        if self.title.trim().is_empty() {
            return Err(ProcurementError::MissingTitle);
        }
        if self.reference.trim().is_empty() {
            return Err(ProcurementError::MissingReference);
        }
        Ok(())
    }

    /// Moves to `to` if allowed. Publishing also checks the lines and stamps the date.
    pub fn transition(
        &mut self,
        to: Status,
        lines: &[Line],
        today: NaiveDate,
    ) -> Result<(), ProcurementError> {
        if !self.status.can_become(to) {
            return Err(ProcurementError::NotAllowed {
                from: self.status.code(),
                to: to.code(),
            });
        }
        if to == Status::Published {
            self.check_publishable(lines)?;
            self.published_on = Some(today);
        }
        self.status = to;
        Ok(())
    }

    /// What stops publication outright (warnings are the officer's to weigh: `publish::check`).
    fn check_publishable(&self, lines: &[Line]) -> Result<(), ProcurementError> {
        match super::publish::blockers(self, lines).into_iter().next() {
            Some(b) => Err(b.into()),
            None => Ok(()),
        }
    }

    /// A new procurement's own checks: its deadline may not have passed already.
    pub fn validate_new(&self, today: NaiveDate) -> Result<(), ProcurementError> {
        self.validate()?;
        match self.deadline {
            Some(d) if d < today => Err(ProcurementError::DeadlinePassed(d)),
            _ => Ok(()),
        }
    }

    /// Lines may be tailored only while the procurement is a draft.
    pub fn ensure_lines_editable(&self) -> Result<(), ProcurementError> {
        if self.status.is_frozen() {
            return Err(ProcurementError::Frozen(self.status.code()));
        }
        Ok(())
    }

    /// An amendment to a published tender is explicit and carries its reason.
    pub fn ensure_amendable(&self, reason: &str) -> Result<(), ProcurementError> {
        if self.status != Status::Published {
            return Err(ProcurementError::NotPublished);
        }
        if reason.trim().is_empty() {
            return Err(ProcurementError::MissingReason);
        }
        Ok(())
    }
}

/// Where a line came from in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSource {
    pub set_id: String,
    pub version: String,
    pub requirement_id: String,
    /// Content hash of the requirement when it was copied.
    pub content_hash: String,
}

/// A requirement as it stands in one procurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// `None` for the officer's own requirements.
    pub source: Option<LineSource>,
    pub position: u32,
    pub included: bool,
    /// The text differs from the library.
    pub modified: bool,
    pub kind: Kind,
    pub level: Option<Level>,
    pub weight: Option<u32>,
    pub risk: Option<Risk>,
    pub title: Text,
    pub text: Text,
    pub rationale: Text,
    pub basis: Vec<String>,
    pub evidence: Text,
    pub follow_up: Text,
    pub applies_when: Condition,
    /// The number of an own requirement in its procurement (`EGEN-3`): given once, never
    /// reused, kept when the line moves.
    #[serde(default)]
    pub own: Option<u32>,
    /// Why the line was left out, when the officer said.
    #[serde(default)]
    pub exclusion: Option<String>,
    /// Changed after publication by an amendment.
    #[serde(default)]
    pub amended: bool,
}

impl Line {
    pub fn from_requirement(set: &RequirementSet, r: &Requirement, position: u32) -> Line {
        Line {
            source: Some(LineSource {
                set_id: set.id.to_string(),
                version: set.version.to_string(),
                requirement_id: r.id.to_string(),
                content_hash: r.content_hash(),
            }),
            position,
            included: true,
            modified: false,
            kind: r.kind,
            level: r.level,
            weight: r.weight,
            risk: r.risk,
            title: r.title.clone(),
            text: r.text.clone(),
            rationale: r.rationale.clone(),
            basis: r.basis.clone(),
            evidence: r.evidence.clone(),
            follow_up: r.follow_up.clone(),
            applies_when: r.applies_when.clone(),
            own: None,
            exclusion: None,
            amended: false,
        }
    }

    /// The requirement id for library lines, `EGEN-n` for own ones (a stable id, not the
    /// line's place in the tender).
    pub fn label(&self) -> String {
        match (&self.source, self.own) {
            (Some(s), _) => s.requirement_id.clone(),
            (None, Some(n)) => format!("{OWN_PREFIX}-{n}"),
            (None, None) => format!("#{}", self.position),
        }
    }

    /// Replaces the requirement text, marking the line as modified from the library.
    pub fn edit_text(&mut self, text: Text) {
        if self.text != text {
            self.text = text;
            self.modified = true;
        }
    }

    /// Changes the kind, as tailoring: a weight belongs to evaluated lines only, so changing
    /// away from evaluated drops it (true when a weight was dropped), changing to evaluated
    /// gives the default when there is none; the line differs from the library afterwards.
    pub fn set_kind(&mut self, kind: Kind) -> bool {
        if kind == self.kind {
            return false;
        }
        self.kind = kind;
        self.modified = true;
        if kind == Kind::Evaluated {
            self.weight = self.weight.or(Some(DEFAULT_WEIGHT));
            false
        } else {
            self.weight.take().is_some()
        }
    }

    /// Whether a reviewer has something to check on this line later.
    pub fn is_followed_up(&self) -> bool {
        !self.follow_up.is_empty()
    }
}

/// The prefix of own requirements' ids.
pub const OWN_PREFIX: &str = "EGEN";

/// What to do with a requirement whose level is above the procurement's ambition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AboveAmbition {
    #[default]
    LeaveOut,
    /// Offer it as an evaluated requirement (bör-krav) instead.
    OfferAsEvaluated,
}

/// Why a requirement was or was not selected for a profile.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection {
    /// Applies; the facts are the reason (empty = applies always).
    Applies(Vec<Fact>),
    /// Applies, but above the ambition: offered as an evaluated requirement.
    AsEvaluated(Vec<Fact>),
    AboveAmbition(Level),
    DoesNotApply,
}

pub fn select(r: &Requirement, profile: &Profile, policy: AboveAmbition) -> Selection {
    let Some(why) = r.applies_when.why(profile) else {
        return Selection::DoesNotApply;
    };
    match r.level {
        Some(level) if level > profile.ambition => match policy {
            AboveAmbition::LeaveOut => Selection::AboveAmbition(level),
            AboveAmbition::OfferAsEvaluated => Selection::AsEvaluated(why),
        },
        _ => Selection::Applies(why),
    }
}

/// The lines a set contributes to a procurement with `profile`, numbered from `first_position`.
pub fn lines_for(
    set: &RequirementSet,
    profile: &Profile,
    policy: AboveAmbition,
    first_position: u32,
) -> Vec<Line> {
    let mut position = first_position;
    set.requirements
        .iter()
        .filter_map(|r| {
            let kind = match select(r, profile, policy) {
                Selection::Applies(_) => r.kind,
                Selection::AsEvaluated(_) => Kind::Evaluated,
                Selection::AboveAmbition(_) | Selection::DoesNotApply => return None,
            };
            let mut line = Line::from_requirement(set, r, position);
            if kind != line.kind {
                line.kind = kind;
                line.weight = line.weight.or(Some(DEFAULT_WEIGHT));
            }
            position += 1;
            Some(line)
        })
        .collect()
}

/// The weight given to a requirement offered as evaluated when the library names none.
pub const DEFAULT_WEIGHT: u32 = 5;

/// What re-evaluating a draft's lines against a changed profile would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileChange {
    /// Requirement ids that now apply and are not yet lines.
    pub added: Vec<String>,
    /// Requirement ids of library lines that no longer apply.
    pub removed: Vec<String>,
}

/// Compares the library lines of a draft with what `sets` would give for `profile`.
pub fn reevaluate(
    lines: &[Line],
    sets: &[RequirementSet],
    profile: &Profile,
    policy: AboveAmbition,
) -> ProfileChange {
    let now: Vec<String> = sets
        .iter()
        .flat_map(|s| lines_for(s, profile, policy, 0))
        .filter_map(|l| l.source.map(|s| s.requirement_id))
        .collect();
    let have: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.source.as_ref().map(|s| s.requirement_id.as_str()))
        .collect();
    ProfileChange {
        added: now
            .iter()
            .filter(|id| !have.contains(&id.as_str()))
            .cloned()
            .collect(),
        removed: have
            .iter()
            .filter(|id| !now.iter().any(|n| n == *id))
            .map(|id| id.to_string())
            .collect(),
    }
}

#[cfg(test)]
#[path = "procurement_tests.rs"]
mod tests;
