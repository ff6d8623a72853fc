//! The procurement form: reference, title, owner, procedure, deadline and every fact of the
//! profile, each with a short explanation; and what saving it does. Saving a changed profile of
//! a draft first shows what it would add and remove, and waits for a yes.

use ratatui::text::{Line, Span};

use super::{Ask, Purpose};
use crate::domain::procurement::ProcurementError;
use crate::domain::profile::ProfileWarning;
use crate::domain::{
    AiRisk, AiUse, ClassLevel, ContractValue, Delivery, Lang, Level, PersonalData, Procedure,
    Procurement, Profile, Scoring, Status, Tier,
};
use crate::i18n::{self, Label, Msg, field_help, field_label, klassa_help};
use crate::store::StoreError;
use crate::store::prelude::*;
use crate::store::procurements::Record;
use crate::tui::error::{Refusal, UiError};
use crate::tui::screens::{Ctx, Effect};
use crate::tui::widgets::form::{Choice, Field, FormState, Kind, Values, field_keys};
use crate::tui::widgets::modal::Confirm;

use super::Procurements;

field_keys! {
    /// The fields of the procurement form, in its order.
    pub enum ProcField {
        AmendReason, Reference, Title, Owner, Procedure, Deadline, WeightTotal, Scoring, Confidentiality, Integrity, Availability,
        PersonalData, Processor, Secrecy, SecuritySensitive, Ai, AiRisk, Generative,
        AutomatedDecisions, Delivery, CitizenFacing, Archival, Value, Ambition, Tier,
    }
}

const FIELDS: [ProcField; 24] = {
    use ProcField as F;
    [
        F::Reference,
        F::Title,
        F::Owner,
        F::Procedure,
        F::Deadline,
        F::WeightTotal,
        F::Scoring,
        F::Confidentiality,
        F::Integrity,
        F::Availability,
        F::PersonalData,
        F::Processor,
        F::Secrecy,
        F::SecuritySensitive,
        F::Ai,
        F::AiRisk,
        F::Generative,
        F::AutomatedDecisions,
        F::Delivery,
        F::CitizenFacing,
        F::Archival,
        F::Value,
        F::Ambition,
        F::Tier,
    ]
};

impl ProcField {
    /// The field's name in profile files, which is also the key of its texts.
    fn name(self) -> &'static str {
        use ProcField as F;
        match self {
            F::AmendReason => "amendment_reason",
            F::Reference => "reference",
            F::Title => "title",
            F::Owner => "owner",
            F::Procedure => "procedure",
            F::Deadline => "deadline",
            F::WeightTotal => "weight_total",
            F::Scoring => "scoring",
            F::Confidentiality => "confidentiality",
            F::Integrity => "integrity",
            F::Availability => "availability",
            F::PersonalData => "personal_data",
            F::Processor => "processor",
            F::Secrecy => "secrecy",
            F::SecuritySensitive => "security_sensitive",
            F::Ai => "ai",
            F::AiRisk => "ai_risk",
            F::Generative => "generative",
            F::AutomatedDecisions => "automated_decisions",
            F::Delivery => "delivery",
            F::CitizenFacing => "citizen_facing",
            F::Archival => "archival",
            F::Value => "value",
            F::Ambition => "ambition",
            F::Tier => "tier",
        }
    }
}

fn labelled(key: ProcField, kind: Kind, lang: Lang) -> Field {
    Field::new(key, field_label(key.name(), lang), kind).with_help(field_help(key.name(), lang))
}

fn choice<T: Label + Copy + PartialEq + 'static>(
    key: ProcField,
    values: &[T],
    current: T,
    lang: Lang,
) -> Field {
    Field::choice_of(key, field_label(key.name(), lang), values, current, |v| {
        v.label(lang).to_string()
    })
    .with_help(field_help(key.name(), lang))
}

fn level(key: ProcField, current: ClassLevel, lang: Lang) -> Field {
    let help = field_help(key.name(), lang);
    let options = ClassLevel::all()
        .map(|l| {
            let (label, meaning) = klassa_help(l.value(), lang);
            Choice::new(label, l).with_help(format!("{help} {meaning}"))
        })
        .collect();
    let selected = usize::from(current.value());
    Field::choice(key, field_label(key.name(), lang), options, selected).with_help(help)
}

fn flag(key: ProcField, value: bool, lang: Lang) -> Field {
    Field::yes_no(key, field_label(key.name(), lang), value, lang)
        .with_help(field_help(key.name(), lang))
}

/// Each field of the form, as it starts for `p`: label, what it holds, help, in one place.
fn field(key: ProcField, p: Option<&Procurement>, lang: Lang) -> Field {
    use ProcField as F;
    let profile = p.map(|p| p.profile.clone()).unwrap_or_default();
    let text = |value: &str| labelled(key, Kind::Text, lang).value(value);
    match key {
        F::Reference => text(p.map_or("", |p| &p.reference)).required(),
        F::Title => text(p.map_or("", |p| &p.title)).required(),
        F::Owner => text(p.map_or("", |p| &p.owner)),
        F::Procedure => choice(
            key,
            Procedure::ALL,
            p.map_or(Procedure::Open, |p| p.procedure),
            lang,
        ),
        F::Deadline => labelled(key, Kind::Date, lang).value(
            &p.and_then(|p| p.deadline)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        F::WeightTotal => labelled(
            key,
            Kind::Number {
                min: 1,
                max: 10_000,
            },
            lang,
        )
        .value(
            &p.and_then(|p| p.weight_total)
                .map(|t| t.to_string())
                .unwrap_or_default(),
        ),
        F::Scoring => choice(
            key,
            Scoring::ALL,
            p.map_or(Scoring::Points, |p| p.scoring),
            lang,
        ),
        F::AmendReason => labelled(key, Kind::Text, lang).required(),
        F::Confidentiality => level(key, profile.confidentiality, lang),
        F::Integrity => level(key, profile.integrity, lang),
        F::Availability => level(key, profile.availability, lang),
        F::PersonalData => choice(key, PersonalData::ALL, profile.personal_data, lang),
        F::Processor => flag(key, profile.processor, lang),
        F::Secrecy => flag(key, profile.secrecy, lang),
        F::SecuritySensitive => flag(key, profile.security_sensitive, lang),
        F::Ai => choice(key, AiUse::ALL, profile.ai, lang),
        F::AiRisk => choice(key, AiRisk::ALL, profile.ai_risk, lang),
        F::Generative => flag(key, profile.generative, lang),
        F::AutomatedDecisions => flag(key, profile.automated_decisions, lang),
        F::Delivery => choice(key, Delivery::ALL, profile.delivery, lang),
        F::CitizenFacing => flag(key, profile.citizen_facing, lang),
        F::Archival => flag(key, profile.archival, lang),
        F::Value => choice(key, ContractValue::ALL, profile.value, lang),
        F::Ambition => choice(key, Level::ALL, profile.ambition, lang),
        F::Tier => choice(key, Tier::ALL, profile.tier, lang),
    }
}

/// The form for a new procurement (`None`) or for editing one.
pub fn procurement_form(
    rec: Option<&Record<Procurement>>,
    lang: Lang,
) -> (Purpose, Box<FormState>) {
    let p = rec.map(|r| &r.value);
    let fields = FIELDS.iter().map(|k| field(*k, p, lang)).collect();
    let (title, purpose) = match rec {
        None => (
            Msg::FormNewProcurement.text(lang).to_string(),
            Purpose::NewProcurement,
        ),
        Some(r) => (
            format!(
                "{} {}",
                Msg::FormEditProcurement.text(lang),
                r.value.reference
            ),
            Purpose::EditProcurement {
                id: r.id,
                revision: r.revision,
            },
        ),
    };
    (purpose, Box::new(FormState::new(title, fields, lang)))
}

/// What an amendment may change of a published procurement, with the reason first.
const AMENDABLE: [ProcField; 7] = {
    use ProcField as F;
    [
        F::AmendReason,
        F::Reference,
        F::Title,
        F::Owner,
        F::Deadline,
        F::WeightTotal,
        F::Scoring,
    ]
};

/// `E` on a published procurement: its reference, title, owner, deadline, weights' total or
/// scoring,
/// changed as an amendment with a reason.
pub fn amend_procurement_form(rec: &Record<Procurement>, lang: Lang) -> (Purpose, Box<FormState>) {
    let fields = AMENDABLE
        .iter()
        .map(|k| field(*k, Some(&rec.value), lang))
        .collect();
    let title = format!(
        "{} {}",
        Msg::FormAmendProcurement.text(lang),
        rec.value.reference
    );
    (
        Purpose::AmendProcurement {
            id: rec.id,
            revision: rec.revision,
        },
        Box::new(FormState::new(title, fields, lang)),
    )
}

/// Saves an amendment of the procurement's own details.
pub fn amend(
    id: i64,
    revision: i64,
    v: &Values,
    cx: &mut Ctx,
) -> Result<Vec<Effect<Procurements>>, Refusal> {
    use ProcField as F;
    let base = cx
        .store
        .procurement(id)
        .map_err(refusal)?
        .ok_or(UiError::Gone)?
        .value;
    let reason: String = v.get(F::AmendReason)?;
    let p = Procurement {
        reference: v.get(F::Reference)?,
        title: v.get(F::Title)?,
        owner: v.get(F::Owner)?,
        deadline: v.get(F::Deadline)?,
        weight_total: v.get(F::WeightTotal)?,
        scoring: v.get(F::Scoring)?,
        ..base
    };
    cx.store
        .write(|tx| tx.amend_procurement(id, revision, &p, &reason))
        .map_err(refusal)?;
    Ok(vec![Effect::Info(Msg::Amended.text(cx.lang).to_string())])
}

/// The procurement the form describes, keeping status and dates of `base`.
fn from_values(v: &Values, base: Option<&Procurement>) -> Result<Procurement, Refusal> {
    use ProcField as F;
    let profile = Profile {
        confidentiality: v.get(F::Confidentiality)?,
        integrity: v.get(F::Integrity)?,
        availability: v.get(F::Availability)?,
        personal_data: v.get(F::PersonalData)?,
        processor: v.get(F::Processor)?,
        secrecy: v.get(F::Secrecy)?,
        security_sensitive: v.get(F::SecuritySensitive)?,
        ai: v.get(F::Ai)?,
        ai_risk: v.get(F::AiRisk)?,
        generative: v.get(F::Generative)?,
        automated_decisions: v.get(F::AutomatedDecisions)?,
        delivery: v.get(F::Delivery)?,
        citizen_facing: v.get(F::CitizenFacing)?,
        archival: v.get(F::Archival)?,
        value: v.get(F::Value)?,
        ambition: v.get(F::Ambition)?,
        tier: v.get(F::Tier)?,
    }
    .settled();
    Ok(Procurement {
        reference: v.get(F::Reference)?,
        title: v.get(F::Title)?,
        owner: v.get(F::Owner)?,
        procedure: v.get(F::Procedure)?,
        status: base.map_or(Status::Draft, |b| b.status),
        profile,
        deadline: v.get(F::Deadline)?,
        published_on: base.and_then(|b| b.published_on),
        weight_total: v.get(F::WeightTotal)?,
        scoring: v.get(F::Scoring)?,
    })
}

/// A store error as a refusal pointing at the field it concerns, when there is one.
fn refusal(e: StoreError) -> Refusal {
    match e {
        StoreError::Procurement(ProcurementError::MissingTitle) => Refusal::at(ProcField::Title, e),
        StoreError::Procurement(ProcurementError::MissingReference) => {
            Refusal::at(ProcField::Reference, e)
        }
        StoreError::Procurement(ProcurementError::Frozen(_)) => {
            Refusal::at(ProcField::Confidentiality, e)
        }
        StoreError::Procurement(ProcurementError::DeadlinePassed(_)) => {
            Refusal::at(ProcField::Deadline, e)
        }
        StoreError::Procurement(ProcurementError::MissingReason) => {
            Refusal::at(ProcField::AmendReason, e)
        }
        StoreError::ReferenceTaken(_) => Refusal::at(ProcField::Reference, e),
        other => other.into(),
    }
}

pub fn create(v: &Values, cx: &mut Ctx) -> Result<i64, Refusal> {
    let p = from_values(v, None)?;
    cx.store
        .write(|tx| tx.create_procurement(&p))
        .map_err(refusal)
}

/// Warnings about the profile the officer should see (level 4, prohibited AI).
fn warnings(p: &Profile, lang: Lang) -> Vec<Effect<Procurements>> {
    p.warnings()
        .into_iter()
        .filter(|w| *w != ProfileWarning::AiRiskWithoutAi)
        .map(|w| Effect::Info(i18n::profile_warning(w, lang).to_string()))
        .collect()
}

/// What a profile change would add and remove, for the officer to confirm.
fn profile_change_confirm(added: &[String], removed: &[String], lang: Lang) -> Confirm {
    let mut body = vec![Line::raw(Msg::ProfileChangeIntro.text(lang))];
    body.extend(
        added
            .iter()
            .map(|r| Line::from(Span::raw(format!("  + {r}")))),
    );
    body.extend(
        removed
            .iter()
            .map(|r| Line::from(Span::raw(format!("  − {r}")))),
    );
    body.push(Line::raw(""));
    body.push(Line::raw(Msg::ProfileChangeKeepsEdits.text(lang)));
    Confirm::new(Msg::ProfileChangeTitle.text(lang), body)
}

pub fn save(
    id: i64,
    revision: i64,
    v: &Values,
    cx: &mut Ctx,
) -> Result<Vec<Effect<Procurements>>, Refusal> {
    let lang = cx.lang;
    let base = cx
        .store
        .procurement(id)
        .map_err(refusal)?
        .ok_or(UiError::Gone)?;
    let p = from_values(v, Some(&base.value))?;
    if p.profile != base.value.profile && base.value.status == Status::Draft {
        let change = cx.store.profile_preview(id, &p.profile).map_err(refusal)?;
        if !change.added.is_empty() || !change.removed.is_empty() {
            let confirm = profile_change_confirm(&change.added, &change.removed, lang);
            let ask = Ask::ApplyProfile {
                id,
                revision,
                procurement: Box::new(p.clone()),
            };
            let mut out = vec![Effect::Confirm(ask, confirm)];
            out.extend(warnings(&p.profile, lang));
            return Ok(out);
        }
    }
    cx.store
        .write(|tx| tx.update_procurement(id, revision, &p))
        .map_err(refusal)?;
    let mut out = vec![Effect::Info(Msg::Saved.text(lang).to_string())];
    out.extend(warnings(&p.profile, lang));
    Ok(out)
}

/// Carries out a confirmed change of the procurement as a whole.
pub fn apply(ask: Ask, cx: &mut Ctx) -> Result<String, UiError> {
    let lang = cx.lang;
    match ask {
        Ask::ApplyProfile {
            id,
            revision,
            procurement,
        } => {
            let change = cx
                .store
                .write(|tx| tx.reapply_profile(id, revision, &procurement))?
                .change;
            Ok(Msg::ProfileApplied
                .counted(change.added.len(), lang)
                .replace("{added}", &change.added.len().to_string())
                .replace("{removed}", &change.removed.len().to_string()))
        }
        Ask::Unlink {
            procurement,
            set,
            seen,
        } => {
            let n = cx
                .store
                .write(|tx| tx.unlink_set(procurement, &set, &seen))?;
            Ok(Msg::Unlinked
                .counted(n, lang)
                .replace("{set}", &set)
                .replace("{n}", &n.to_string()))
        }
        Ask::Transition {
            procurement,
            revision,
            to,
        } => {
            cx.store
                .write(|tx| tx.transition(procurement, revision, to))?;
            Ok(Msg::StatusChanged
                .text(lang)
                .replace("{status}", to.label(lang)))
        }
    }
}
