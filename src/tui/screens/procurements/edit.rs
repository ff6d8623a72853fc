//! Tailoring the lines of a draft: leaving a line out (with a reason when it rests on a law),
//! its kind and weight, its text, its place, an own requirement, and amending a published line
//! with a reason. Each write carries the revision the officer saw.

use super::detail::{Detail, Row};
use super::lines::{self, LineField};
use super::{Pick, Procurements, Purpose};
use crate::domain::publish::rests_on_law;
use crate::domain::{Kind, Lang, Line, Status};
use crate::i18n::{Label, Msg};
use crate::store::procurements::Record;
use crate::tui::error::{Refusal, UiError};
use crate::tui::screens::{Ctx, Effect, Outcome, info};
use crate::tui::widgets::filter_list::{Entry, FilterList, Look};
use crate::tui::widgets::form::{Field, FormState, Kind as FieldKind, Values};

/// Space: a line in or out; a requirement that does not apply, added with a reason. Leaving
/// out a line whose basis is a law asks why first.
pub fn toggle_include(d: &mut Detail, cx: &mut Ctx) -> Outcome<Procurements> {
    let lang = cx.lang;
    if let Some(Row::NotApplied(_)) = d.selected_row() {
        return Ok(super::link::not_applying_form(d, lang));
    }
    let Some(rec) = d.selected().cloned() else {
        return Ok(Vec::new());
    };
    if rec.value.included && rests_on_law(&rec.value) {
        return Ok(vec![exclude_form(&rec, lang)]);
    }
    let line = Line {
        included: !rec.value.included,
        exclusion: None,
        ..rec.value.clone()
    };
    d.write(cx, |tx| tx.update_line(rec.id, rec.revision, &line))?;
    let msg = if line.included {
        Msg::LineIncluded
    } else {
        Msg::LineExcluded
    };
    Ok(info(msg.text(lang).replace("{id}", &line.label())))
}

/// The reason for leaving out a line that rests on a law: optional, but asked.
fn exclude_form(rec: &Record<Line>, lang: Lang) -> Effect<Procurements> {
    let l = &rec.value;
    let help = Msg::ExclusionHelp
        .text(lang)
        .replace("{id}", &l.label())
        .replace("{basis}", &l.basis.join("; "));
    let field = Field::new(
        LineField::Reason,
        Msg::FieldExclusionReason.text(lang),
        FieldKind::Text,
    )
    .with_help(help);
    let title = Msg::FormExclude.text(lang).replace("{id}", &l.label());
    Effect::Form(
        Purpose::ExcludeLine {
            line: rec.id,
            revision: rec.revision,
        },
        Box::new(FormState::new(title, vec![field], lang)),
    )
}

pub fn kind_picker(d: &Detail, lang: Lang) -> Vec<Effect<Procurements>> {
    let Some(rec) = d.selected() else {
        return Vec::new();
    };
    let entries = Kind::ALL
        .iter()
        .map(|k| {
            let pick = Pick::Kind {
                line: rec.id,
                revision: rec.revision,
                kind: *k,
            };
            let mark = if *k == rec.value.kind { "✓" } else { "" };
            Entry::new(k.label(lang), pick).detail(mark)
        })
        .collect();
    let mut list = FilterList::new(Msg::PickKind.text(lang), entries, Look::Facts);
    if let Some(i) = Kind::ALL.iter().position(|k| *k == rec.value.kind) {
        list.cursor.select(i);
    }
    vec![Effect::Pick(list)]
}

/// A new kind for a line: like a text edit, it makes the line differ from the library, and a
/// weight that no longer belongs is dropped (and said).
pub fn apply_kind(
    d: &mut Detail,
    line: i64,
    revision: i64,
    kind: Kind,
    cx: &mut Ctx,
) -> Outcome<Procurements> {
    let lang = cx.lang;
    let Some(rec) = d.lines.iter().find(|l| l.id == line).cloned() else {
        return Err(UiError::Gone);
    };
    let mut l = rec.value.clone();
    let old_weight = l.weight;
    if !l.set_kind(kind) && l == rec.value {
        return Ok(Vec::new());
    }
    d.write(cx, |tx| tx.update_line(line, revision, &l))?;
    let said = match old_weight {
        Some(w) if l.weight.is_none() => Msg::KindChangedWeightDropped
            .text(lang)
            .replace("{w}", &w.to_string()),
        _ => Msg::KindChanged.text(lang).to_string(),
    };
    Ok(info(
        said.replace("{id}", &l.label())
            .replace("{kind}", kind.label(lang)),
    ))
}

/// A weight belongs to an evaluated line only.
pub fn weight_form(d: &Detail, lang: Lang) -> Outcome<Procurements> {
    let Some(rec) = d.selected() else {
        return Ok(Vec::new());
    };
    if rec.value.kind != Kind::Evaluated {
        return Err(UiError::Refused(Msg::WeightOnlyEvaluated));
    }
    let (p, f) = lines::weight_form(rec, lang);
    Ok(vec![Effect::Form(p, f)])
}

pub fn amend_form(d: &Detail, lang: Lang) -> Outcome<Procurements> {
    if d.record.value.status != Status::Published {
        return Err(UiError::Refused(Msg::AmendOnlyPublished));
    }
    Ok(d.selected().map_or(Vec::new(), |r| {
        let (p, f) = lines::text_form(r, true, lang);
        vec![Effect::Form(p, f)]
    }))
}

pub fn move_line(d: &mut Detail, up: bool, cx: &mut Ctx) -> Outcome<Procurements> {
    let Some(rec) = d.selected().cloned() else {
        return Ok(Vec::new());
    };
    d.write(cx, |tx| tx.move_line(rec.id, rec.revision, up))?;
    Ok(Vec::new())
}

/// `m`: the place to move the line to, by number in the tender.
pub fn move_to_form(d: &Detail, lang: Lang) -> Vec<Effect<Procurements>> {
    let Some(rec) = d.selected() else {
        return Vec::new();
    };
    let n = d.lines.len();
    let max = u32::try_from(n).unwrap_or(u32::MAX).max(1);
    let field = Field::new(
        LineField::Position,
        Msg::FieldPosition.text(lang),
        FieldKind::Number { min: 1, max },
    )
    .value(&rec.value.position.to_string())
    .required()
    .with_help(
        Msg::FieldPositionHelp
            .text(lang)
            .replace("{n}", &n.to_string()),
    );
    let title = format!("{} {}", Msg::ActMoveLineTo.text(lang), rec.value.label());
    vec![Effect::Form(
        Purpose::MoveLineTo {
            line: rec.id,
            revision: rec.revision,
        },
        Box::new(FormState::new(title, vec![field], lang)),
    )]
}

/// A saved line form: the store call for it, with the revision the officer saw. The view is
/// read again either way, so a refused write never leaves it showing what was not saved.
pub fn submitted(
    d: &mut Detail,
    purpose: Purpose,
    v: &Values,
    cx: &mut Ctx,
) -> Result<Vec<Effect<Procurements>>, Refusal> {
    let out = save(d, purpose, v, cx);
    d.reload(cx)?;
    out
}

fn save(
    d: &Detail,
    purpose: Purpose,
    v: &Values,
    cx: &mut Ctx,
) -> Result<Vec<Effect<Procurements>>, Refusal> {
    let lang = cx.lang;
    let line_of = |id: i64| {
        d.lines
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.value.clone())
            .ok_or(UiError::Gone)
    };
    let out = match purpose {
        Purpose::LineWeight { line, revision } => {
            let l = Line {
                weight: v.get(LineField::Weight)?,
                ..line_of(line)?
            };
            cx.store.write(|tx| tx.update_line(line, revision, &l))?;
            Vec::new()
        }
        Purpose::EditLineText { line, revision } => {
            let l = lines::edited(line_of(line)?, v)?;
            cx.store.write(|tx| tx.update_line(line, revision, &l))?;
            info(Msg::Saved.text(lang))
        }
        Purpose::Amend { line, revision } => {
            let l = lines::edited(line_of(line)?, v)?;
            let reason: String = v.get(LineField::Reason)?;
            cx.store
                .write(|tx| tx.amend_line(line, revision, &l, &reason))?;
            info(Msg::Amended.text(lang))
        }
        Purpose::ExcludeLine { line, revision } => {
            let reason: String = v.get(LineField::Reason)?;
            let l = Line {
                included: false,
                exclusion: Some(reason).filter(|r| !r.is_empty()),
                ..line_of(line)?
            };
            cx.store.write(|tx| tx.update_line(line, revision, &l))?;
            info(Msg::LineExcluded.text(lang).replace("{id}", &l.label()))
        }
        Purpose::MoveLineTo { line, revision } => {
            let label = line_of(line)?.label();
            move_to(line, revision, &label, v, cx)?
        }
        Purpose::AddNotApplying {
            procurement,
            set,
            requirement,
        } => {
            let reason: String = v.get(LineField::Reason)?;
            cx.store
                .write(|tx| tx.add_not_applied(procurement, &set, &requirement, &reason))?;
            info(
                Msg::AddedNotApplying
                    .text(lang)
                    .replace("{id}", &requirement),
            )
        }
        Purpose::AddOwnLine { procurement } => {
            let l = lines::own_line(v)?;
            cx.store.write(|tx| tx.add_own_line(procurement, &l))?;
            info(Msg::Saved.text(lang))
        }
        Purpose::NewProcurement
        | Purpose::EditProcurement { .. }
        | Purpose::AmendProcurement { .. }
        | Purpose::Export { .. } => Vec::new(),
    };
    Ok(out)
}

fn move_to(
    line: i64,
    revision: i64,
    label: &str,
    v: &Values,
    cx: &mut Ctx,
) -> Result<Vec<Effect<Procurements>>, Refusal> {
    let to: Option<u32> = v.get(LineField::Position)?;
    let to = to.unwrap_or(1);
    let place = usize::try_from(to).unwrap_or(usize::MAX);
    cx.store
        .write(|tx| tx.move_line_to(line, revision, place))?;
    Ok(info(
        Msg::MovedTo
            .text(cx.lang)
            .replace("{id}", label)
            .replace("{n}", &to.to_string()),
    ))
}
