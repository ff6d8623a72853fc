//! Which sets a draft is built from: the set picker (which sets apply to the profile and how
//! many lines each would add; several ticked with Space), building from the profile in one
//! step after a preview, unlinking a set (naming the lines the officer edited), and the linked
//! sets' requirements that do not apply, shown with why and added with a reason.

use ratatui::text::Line as TextLine;

use super::detail::Detail;
use super::lines::LineField;
use super::{Ask, Pick, Procurements, Purpose};
use crate::domain::Lang;
use crate::domain::procurement::Selection;
use crate::i18n::{Label, Msg};
use crate::store::linking::{NotApplied, SetPreview};
use crate::store::prelude::*;
use crate::tui::error::UiError;
use crate::tui::screens::{Ctx, Effect, Outcome, info};
use crate::tui::widgets::filter_list::{Entry, FilterList, Look};
use crate::tui::widgets::form::{Field, FormState, Kind as FieldKind};
use crate::tui::widgets::modal::Confirm;

/// What a set would bring: its version, how many lines, and whether it is linked already.
fn preview_detail(s: &SetPreview, lang: Lang) -> String {
    if s.linked {
        return format!("{} · {}", s.version, Msg::Linked.text(lang));
    }
    let adds = match s.would_add {
        0 => Msg::SetAppliesNone.text(lang).to_string(),
        n => Msg::SetWouldAdd
            .counted(n, lang)
            .replace("{n}", &n.to_string()),
    };
    format!("{} · {adds}", s.version)
}

fn set_entry(d: &Detail, s: &SetPreview, lang: Lang) -> Entry<Pick> {
    let mark = if s.would_add > 0 && !s.linked {
        "● "
    } else {
        "  "
    };
    let label = format!("{mark}{} – {}", s.set_id, s.title.get(lang));
    let pick = Pick::LinkSet {
        procurement: d.record.id,
        set: s.set_id.clone(),
    };
    Entry::new(label, pick).detail(preview_detail(s, lang))
}

fn tick_hint(lang: Lang) -> String {
    Msg::TickHint.text(lang).to_string()
}

/// `l`: every set of the library, those that apply marked with how many lines they would add;
/// Space ticks several, Enter links the ticked ones (or the one under the cursor).
pub fn picker(d: &Detail, cx: &mut Ctx) -> Outcome<Procurements> {
    let lang = cx.lang;
    let mut previews = cx.store.set_previews(d.record.id)?;
    // What would add lines first, then what would add none, then what is linked already.
    previews.sort_by_key(|s| (s.linked, s.would_add == 0));
    let ticks = vec![false; previews.len()];
    let entries = previews.iter().map(|s| set_entry(d, s, lang)).collect();
    let list = FilterList::new(Msg::PickSet.text(lang), entries, Look::Facts)
        .ticked(ticks)
        .or_cursor()
        .with_hint(tick_hint(lang));
    Ok(vec![Effect::Pick(list)])
}

/// `b`: the sets with at least one requirement applying to the profile, all ticked; Enter
/// links what stays ticked.
pub fn from_profile(d: &Detail, cx: &mut Ctx) -> Outcome<Procurements> {
    let lang = cx.lang;
    let applying: Vec<SetPreview> = cx
        .store
        .set_previews(d.record.id)?
        .into_iter()
        .filter(|s| !s.linked && s.would_add > 0)
        .collect();
    if applying.is_empty() {
        return Ok(info(Msg::NothingApplies.text(lang)));
    }
    let total: usize = applying.iter().map(|s| s.would_add).sum();
    let title = Msg::BuildPreviewTitle
        .counted(total, lang)
        .replace("{sets}", &applying.len().to_string())
        .replace("{n}", &total.to_string());
    let entries = applying.iter().map(|s| set_entry(d, s, lang)).collect();
    let list = FilterList::new(title, entries, Look::Facts)
        .ticked(vec![true; applying.len()])
        .with_hint(tick_hint(lang));
    Ok(vec![Effect::Pick(list)])
}

/// Links the chosen sets in one write and says what came in.
pub fn link(
    d: &mut Detail,
    procurement: i64,
    sets: Vec<String>,
    cx: &mut Ctx,
) -> Outcome<Procurements> {
    let lang = cx.lang;
    let added = d.write(cx, |tx| tx.link_sets(procurement, &sets))?;
    let said = match sets.as_slice() {
        [one] => Msg::SetLinked.counted(added, lang).replace("{set}", one),
        many => Msg::SetsLinked
            .counted(added, lang)
            .replace("{sets}", &many.len().to_string()),
    };
    Ok(info(said.replace("{n}", &added.to_string())))
}

/// `U`: which linked set to unlink.
pub fn unlink_picker(d: &Detail, lang: Lang) -> Outcome<Procurements> {
    if d.linked.is_empty() {
        return Err(UiError::Refused(Msg::NothingToUnlink));
    }
    let entries = d
        .linked
        .iter()
        .map(|l| {
            let lines = lines_of(d, &l.set_id).count();
            let pick = Pick::Unlink {
                procurement: d.record.id,
                set: l.set_id.clone(),
            };
            let detail = Msg::SetLines
                .counted(lines, lang)
                .replace("{n}", &lines.to_string());
            Entry::new(format!("{} {}", l.set_id, l.version), pick).detail(detail)
        })
        .collect();
    Ok(vec![Effect::Pick(FilterList::new(
        Msg::ActUnlinkSet.text(lang),
        entries,
        Look::Facts,
    ))])
}

fn lines_of<'a>(
    d: &'a Detail,
    set: &'a str,
) -> impl Iterator<Item = &'a crate::store::procurements::Record<crate::domain::Line>> + 'a {
    d.lines
        .iter()
        .filter(move |l| l.value.source.as_ref().is_some_and(|s| s.set_id == set))
}

/// The question before a set's lines go: how many, and which of them the officer edited.
pub fn unlink_confirm(
    d: &mut Detail,
    procurement: i64,
    set: String,
    cx: &mut Ctx,
) -> Outcome<Procurements> {
    let lang = cx.lang;
    let lines: Vec<_> = lines_of(d, &set).collect();
    let seen = lines.iter().map(|l| (l.id, l.revision)).collect();
    let edited: Vec<String> = lines
        .iter()
        .filter(|l| l.value.modified || l.value.exclusion.is_some())
        .map(|l| l.value.label())
        .collect();
    let mut body = vec![TextLine::raw(
        Msg::UnlinkBody
            .counted(lines.len(), lang)
            .replace("{set}", &set)
            .replace("{n}", &lines.len().to_string()),
    )];
    if !edited.is_empty() {
        body.push(TextLine::raw(""));
        body.push(TextLine::raw(
            Msg::UnlinkEdited
                .text(lang)
                .replace("{ids}", &edited.join(", ")),
        ));
    }
    let ask = Ask::Unlink {
        procurement,
        set: set.clone(),
        seen,
    };
    let title = format!("{} {set}", Msg::ActUnlinkSet.text(lang));
    Ok(vec![Effect::Confirm(ask, Confirm::new(title, body))])
}

/// `i`: the linked sets' requirements that do not apply, shown under the lines (or hidden).
pub fn toggle_not_applying(d: &mut Detail, cx: &mut Ctx) -> Outcome<Procurements> {
    if d.not_applied.take().is_some() {
        d.rebuild_rows(cx.lang);
        return Ok(Vec::new());
    }
    let not = cx.store.not_applied(d.record.id)?;
    let n = not.len();
    d.not_applied = Some(not);
    d.rebuild_rows(cx.lang);
    if n == 0 {
        return Ok(info(Msg::AllApply.text(cx.lang)));
    }
    Ok(Vec::new())
}

/// Why a requirement of a linked set is not in the procurement, in words.
pub fn why_not(n: &NotApplied, lang: Lang) -> String {
    match &n.why {
        Selection::AboveAmbition(level) => Msg::WhyAboveAmbition
            .text(lang)
            .replace("{level}", level.label(lang)),
        _ => Msg::WhyNotApplies.text(lang).replace(
            "{when}",
            &crate::i18n::condition(&n.requirement.applies_when, lang),
        ),
    }
}

/// Space on a requirement that does not apply: added with the officer's reason.
pub fn not_applying_form(d: &Detail, lang: Lang) -> Vec<Effect<Procurements>> {
    let Some(n) = d.selected_not_applied() else {
        return Vec::new();
    };
    let field = Field::new(
        LineField::Reason,
        Msg::FieldReason.text(lang),
        FieldKind::Text,
    )
    .required()
    .with_help(why_not(n, lang));
    let title = Msg::FormAddNotApplying
        .text(lang)
        .replace("{id}", n.requirement.id.as_str());
    vec![Effect::Form(
        Purpose::AddNotApplying {
            procurement: d.record.id,
            set: n.set_id.clone(),
            requirement: n.requirement.id.to_string(),
        },
        Box::new(FormState::new(title, vec![field], lang)),
    )]
}
