//! The procurement form: reference, title, owner, procedure, deadline and every fact of the
//! profile, each with a short explanation; and what saving it does. Saving a changed profile of
//! a draft first shows what it would add and remove, and waits for a yes.

use ratatui::text::{Line, Span};

use super::super::{Ctx, Effect, Outcome, Refusal, Submitted};
use crate::domain::procurement::ProcurementError;
use crate::domain::profile::ProfileWarning;
use crate::domain::{
    AiRisk, AiUse, ClassLevel, Delivery, Lang, Level, PersonalData, Procedure, Procurement,
    Profile, Status, Tier,
};
use crate::i18n::{self, Label, Msg, field_help, field_label, klassa_help};
use crate::store::StoreError;
use crate::store::prelude::*;
use crate::store::procurements::Record;
use crate::tui::state::{FormPurpose, Modal, Pending};
use crate::tui::widgets::form::{Choice, Field, FormState, Values};
use crate::tui::widgets::modal::ConfirmState;

fn labelled(key: &'static str, lang: Lang) -> (String, String) {
    (
        field_label(key, lang).to_string(),
        field_help(key, lang).to_string(),
    )
}

fn choice<T: Label + Copy>(
    key: &'static str,
    values: &[T],
    code: fn(T) -> &'static str,
    current: T,
    lang: Lang,
) -> Field {
    let (label, help) = labelled(key, lang);
    let options = values
        .iter()
        .map(|v| Choice::new(code(*v), v.label(lang)))
        .collect();
    Field::choice(key, label, options, code(current)).with_help(help)
}

fn level(key: &'static str, current: ClassLevel, lang: Lang) -> Field {
    let (label, help) = labelled(key, lang);
    let options = ClassLevel::all()
        .map(|l| {
            Choice::new(l.value().to_string(), klassa_help(l.value(), lang).0)
                .with_help(format!("{help} {}", klassa_help(l.value(), lang).1))
        })
        .collect();
    Field::choice(key, label, options, &current.value().to_string()).with_help(help)
}

fn flag(key: &'static str, value: bool, lang: Lang) -> Field {
    let (label, help) = labelled(key, lang);
    Field::yes_no(key, label, value, lang).with_help(help)
}

fn text(key: &'static str, value: &str, required: bool, lang: Lang) -> Field {
    let (label, help) = labelled(key, lang);
    Field::text(key, label, value, required).with_help(help)
}

/// The form for a new procurement (`None`) or for editing one.
pub fn procurement_form(rec: Option<&Record<Procurement>>, lang: Lang) -> Modal {
    let p = rec.map(|r| r.value.clone());
    let profile = p.as_ref().map(|p| p.profile.clone()).unwrap_or_default();
    let (label, help) = labelled("deadline", lang);
    let fields = vec![
        text(
            "reference",
            p.as_ref().map_or("", |p| &p.reference),
            true,
            lang,
        ),
        text("title", p.as_ref().map_or("", |p| &p.title), true, lang),
        text("owner", p.as_ref().map_or("", |p| &p.owner), false, lang),
        choice(
            "procedure",
            Procedure::ALL,
            Procedure::code,
            p.as_ref().map_or(Procedure::Open, |p| p.procedure),
            lang,
        ),
        Field::date(
            "deadline",
            label,
            p.as_ref().and_then(|p| p.deadline),
            false,
        )
        .with_help(help),
        level("confidentiality", profile.confidentiality, lang),
        level("integrity", profile.integrity, lang),
        level("availability", profile.availability, lang),
        choice(
            "personal_data",
            PersonalData::ALL,
            PersonalData::code,
            profile.personal_data,
            lang,
        ),
        flag("secrecy", profile.secrecy, lang),
        flag("security_sensitive", profile.security_sensitive, lang),
        choice("ai", AiUse::ALL, AiUse::code, profile.ai, lang),
        choice("ai_risk", AiRisk::ALL, AiRisk::code, profile.ai_risk, lang),
        flag("automated_decisions", profile.automated_decisions, lang),
        choice(
            "delivery",
            Delivery::ALL,
            Delivery::code,
            profile.delivery,
            lang,
        ),
        flag("citizen_facing", profile.citizen_facing, lang),
        flag("archival", profile.archival, lang),
        flag("above_threshold", profile.above_threshold, lang),
        choice("ambition", Level::ALL, Level::code, profile.ambition, lang),
        choice("tier", Tier::ALL, Tier::code, profile.tier, lang),
    ];
    let (title, purpose) = match rec {
        None => (
            Msg::FormNewProcurement.text(lang).to_string(),
            FormPurpose::NewProcurement,
        ),
        Some(r) => (
            format!(
                "{} {}",
                Msg::FormEditProcurement.text(lang),
                r.value.reference
            ),
            FormPurpose::EditProcurement {
                id: r.id,
                revision: r.revision,
            },
        ),
    };
    Modal::Form(purpose, Box::new(FormState::new(title, fields, lang)))
}

fn class(v: &Values, key: &str) -> ClassLevel {
    v.choice(key)
        .parse()
        .ok()
        .and_then(ClassLevel::new)
        .unwrap_or_default()
}

/// The procurement the form describes, keeping status and dates of `base`.
fn from_values(v: &Values, base: Option<&Procurement>) -> Procurement {
    let profile = Profile {
        confidentiality: class(v, "confidentiality"),
        integrity: class(v, "integrity"),
        availability: class(v, "availability"),
        personal_data: PersonalData::from_code(&v.choice("personal_data"))
            .unwrap_or(PersonalData::None),
        secrecy: v.flag("secrecy"),
        security_sensitive: v.flag("security_sensitive"),
        ai: AiUse::from_code(&v.choice("ai")).unwrap_or(AiUse::None),
        ai_risk: AiRisk::from_code(&v.choice("ai_risk")).unwrap_or(AiRisk::Minimal),
        automated_decisions: v.flag("automated_decisions"),
        delivery: Delivery::from_code(&v.choice("delivery")).unwrap_or(Delivery::Saas),
        citizen_facing: v.flag("citizen_facing"),
        archival: v.flag("archival"),
        above_threshold: v.flag("above_threshold"),
        ambition: Level::from_code(&v.choice("ambition")).unwrap_or_default(),
        tier: Tier::from_code(&v.choice("tier")).unwrap_or(Tier::B),
    };
    Procurement {
        reference: v.text("reference"),
        title: v.text("title"),
        owner: v.text("owner"),
        procedure: Procedure::from_code(&v.choice("procedure")).unwrap_or(Procedure::Open),
        status: base.map_or(Status::Draft, |b| b.status),
        profile,
        deadline: v.date("deadline"),
        published_on: base.and_then(|b| b.published_on),
    }
}

/// A store error as a refusal pointing at the field it concerns, when there is one.
fn refusal(e: StoreError, lang: Lang) -> Refusal {
    let text = i18n::store_error(&e, lang);
    match e {
        StoreError::Procurement(ProcurementError::MissingTitle) => Refusal::Field("title", text),
        StoreError::Procurement(ProcurementError::MissingReference) => {
            Refusal::Field("reference", text)
        }
        StoreError::Procurement(ProcurementError::Frozen(_)) => {
            Refusal::Field("confidentiality", text)
        }
        _ => Refusal::Message(text),
    }
}

pub fn create(v: &Values, cx: &mut Ctx) -> Result<i64, Refusal> {
    let p = from_values(v, None);
    cx.store
        .write(|tx| tx.create_procurement(&p))
        .map_err(|e| refusal(e, cx.lang))
}

/// Warnings about the profile the officer should see (level 4, prohibited AI).
fn warnings(p: &Profile, lang: Lang) -> Vec<Effect> {
    p.warnings()
        .into_iter()
        .filter(|w| *w != ProfileWarning::AiRiskWithoutAi)
        .map(|w| Effect::Info(i18n::profile_warning(w, lang).to_string()))
        .collect()
}

pub fn save(id: i64, revision: i64, v: &Values, cx: &mut Ctx) -> Submitted {
    let lang = cx.lang;
    let base = cx
        .store
        .procurement(id)
        .map_err(|e| refusal(e, lang))?
        .ok_or_else(|| {
            Refusal::Message(i18n::store_error(
                &StoreError::NotFound {
                    entity: crate::store::Entity::Procurement,
                    id: id.to_string(),
                },
                lang,
            ))
        })?;
    let p = from_values(v, Some(&base.value));
    let profile_changed = p.profile != base.value.profile;
    if profile_changed && base.value.status == Status::Draft {
        let change = cx
            .store
            .profile_preview(id, &p.profile)
            .map_err(|e| refusal(e, lang))?;
        if !change.added.is_empty() || !change.removed.is_empty() {
            let mut body = vec![Line::raw(Msg::ProfileChangeIntro.text(lang))];
            body.extend(
                change
                    .added
                    .iter()
                    .map(|r| Line::from(Span::raw(format!("  + {r}")))),
            );
            body.extend(
                change
                    .removed
                    .iter()
                    .map(|r| Line::from(Span::raw(format!("  − {r}")))),
            );
            body.push(Line::raw(""));
            body.push(Line::raw(Msg::ProfileChangeKeepsEdits.text(lang)));
            let confirm = ConfirmState {
                title: Msg::ProfileChangeTitle.text(lang).to_string(),
                body,
                on_yes: Pending::ApplyProfile {
                    id,
                    revision,
                    procurement: Box::new(p.clone()),
                },
            };
            let mut out = vec![Effect::Push(Modal::Confirm(confirm))];
            out.extend(warnings(&p.profile, lang));
            return Ok(out);
        }
    }
    cx.store
        .write(|tx| tx.update_procurement(id, revision, &p))
        .map_err(|e| refusal(e, lang))?;
    let mut out = vec![Effect::Info(Msg::Saved.text(lang).to_string())];
    out.extend(warnings(&p.profile, lang));
    Ok(out)
}

/// Carries out a confirmed change that concerns the procurement as a whole.
pub fn apply_pending(pending: Pending, cx: &mut Ctx) -> Outcome {
    let lang = cx.lang;
    match pending {
        Pending::ApplyProfile {
            id,
            revision,
            procurement,
        } => {
            let change = cx
                .store
                .write(|tx| tx.reapply_profile(id, revision, &procurement))
                .map_err(|e| cx.error(&e))?
                .change;
            Ok(vec![Effect::Info(
                Msg::ProfileApplied
                    .text(lang)
                    .replace("{added}", &change.added.len().to_string())
                    .replace("{removed}", &change.removed.len().to_string()),
            )])
        }
        Pending::Transition {
            procurement,
            revision,
            to,
        } => {
            cx.store
                .write(|tx| tx.transition(procurement, revision, to))
                .map_err(|e| cx.error(&e))?;
            Ok(vec![Effect::Info(
                Msg::StatusChanged
                    .text(lang)
                    .replace("{status}", to.label(lang)),
            )])
        }
        _ => Ok(Vec::new()),
    }
}
