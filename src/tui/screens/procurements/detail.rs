//! One procurement: its lines and what the officer does with them. Every change is one store
//! call carrying the revision the officer saw; the domain refuses what the status does not
//! allow (a frozen line, a prohibited AI risk class) and the reason is shown as it comes.

use super::forms::procurement_form;
use super::lines::{self, LineField};
use super::{Pick, Procurements, Purpose};
use crate::domain::procurement::{AboveAmbition, DEFAULT_WEIGHT};
use crate::domain::{Kind, Lang, Line, Procurement, Status};
use crate::i18n::{Label, Msg};
use crate::store::prelude::*;
use crate::store::procurements::{LinkedSet, Record};
use crate::store::tailoring::Drift;
use crate::tui::action::Action;
use crate::tui::error::{Refusal, UiError};
use crate::tui::screens::{Ctx, Effect, Outcome, info};
use crate::tui::widgets::filter_list::{Entry, FilterList, Look};
use crate::tui::widgets::form::Values;
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::modal::Confirm;

pub struct Detail {
    pub record: Record<Procurement>,
    /// The revision when opened, and whether a line changed since: going back reloads the
    /// list only then.
    pub opened_revision: i64,
    pub changed: bool,
    pub lines: Vec<Record<Line>>,
    pub linked: Vec<LinkedSet>,
    pub drift: Vec<Drift>,
    pub show_drift: bool,
    pub cursor: ListCursor,
    pub drift_cursor: ListCursor,
}

impl Detail {
    pub fn load(id: i64, cx: &mut Ctx) -> Result<Detail, UiError> {
        let record = cx.store.procurement(id)?.ok_or(UiError::Gone)?;
        let mut d = Detail {
            opened_revision: record.revision,
            changed: false,
            record,
            lines: Vec::new(),
            linked: Vec::new(),
            drift: Vec::new(),
            show_drift: false,
            cursor: ListCursor::default(),
            drift_cursor: ListCursor::default(),
        };
        d.reload(cx)?;
        Ok(d)
    }

    /// Reloads from the store, keeping the selected line selected.
    pub fn reload(&mut self, cx: &mut Ctx) -> Result<(), UiError> {
        let keep = self.selected().map(|l| l.id);
        let id = self.record.id;
        let store = &*cx.store;
        self.record = store.procurement(id)?.ok_or(UiError::Gone)?;
        self.lines = store.lines(id)?;
        self.linked = store.linked_sets(id)?;
        self.drift = store.drift(id)?;
        self.cursor.set_len(self.lines.len());
        self.drift_cursor.set_len(self.drift.len());
        if self.drift.is_empty() {
            self.show_drift = false;
        }
        if let Some(i) = keep.and_then(|k| self.lines.iter().position(|l| l.id == k)) {
            self.cursor.select(i);
        }
        Ok(())
    }

    pub fn selected(&self) -> Option<&Record<Line>> {
        self.cursor.current().and_then(|i| self.lines.get(i))
    }

    pub fn selected_drift(&self) -> Option<&Drift> {
        self.drift_cursor.current().and_then(|i| self.drift.get(i))
    }

    pub fn handle(&mut self, action: &Action, cx: &mut Ctx) -> Outcome<Procurements> {
        if self.show_drift {
            return self.handle_drift(action, cx);
        }
        let lang = cx.lang;
        let form = |(p, f)| Ok(vec![Effect::Form(p, f)]);
        match action {
            Action::LinkSet => self.link_picker(cx),
            Action::ToggleInclude => self.toggle_include(cx),
            Action::ChangeKind => Ok(self.kind_picker(lang)),
            Action::SetWeight => self
                .selected()
                .map_or(Ok(Vec::new()), |r| form(lines::weight_form(r, lang))),
            Action::Edit => self
                .selected()
                .map_or(Ok(Vec::new()), |r| form(lines::text_form(r, false, lang))),
            Action::Amend => self.amend_form(lang),
            Action::AddOwnLine => form(lines::own_line_form(self.record.id, lang)),
            Action::MoveLineUp | Action::MoveLineDown => {
                self.move_line(*action == Action::MoveLineUp, cx)
            }
            Action::EditProcurement => form(procurement_form(Some(&self.record), lang)),
            Action::ChangeStatus => Ok(self.status_picker(lang)),
            Action::ShowDrift => {
                if self.drift.is_empty() {
                    return Ok(info(Msg::NoDrift.text(lang)));
                }
                self.show_drift = true;
                Ok(Vec::new())
            }
            other => {
                self.cursor.apply(other);
                Ok(Vec::new())
            }
        }
    }

    /// The drift view has keys of its own: move, take a change over, go back.
    fn handle_drift(&mut self, action: &Action, cx: &mut Ctx) -> Outcome<Procurements> {
        match action {
            Action::Back | Action::ShowDrift => self.show_drift = false,
            Action::TakeOver => return self.take_over(cx),
            other => {
                self.drift_cursor.apply(other);
            }
        }
        Ok(Vec::new())
    }

    /// One store call for the open procurement; the view is read again either way, so a
    /// refused write never leaves a screen showing what was not saved.
    fn write<T>(
        &mut self,
        cx: &mut Ctx,
        f: impl FnOnce(&crate::store::Tx) -> crate::store::Result<T>,
    ) -> Result<T, UiError> {
        self.changed = true;
        let r = cx.store.write(f);
        self.reload(cx)?;
        Ok(r?)
    }

    fn toggle_include(&mut self, cx: &mut Ctx) -> Outcome<Procurements> {
        let Some(rec) = self.selected().cloned() else {
            return Ok(Vec::new());
        };
        let line = Line {
            included: !rec.value.included,
            ..rec.value.clone()
        };
        self.write(cx, |tx| tx.update_line(rec.id, rec.revision, &line))?;
        let msg = if line.included {
            Msg::LineIncluded
        } else {
            Msg::LineExcluded
        };
        Ok(info(msg.text(cx.lang).replace("{id}", &line.label())))
    }

    fn move_line(&mut self, up: bool, cx: &mut Ctx) -> Outcome<Procurements> {
        let Some(rec) = self.selected().cloned() else {
            return Ok(Vec::new());
        };
        self.write(cx, |tx| tx.move_line(rec.id, rec.revision, up))?;
        Ok(Vec::new())
    }

    fn take_over(&mut self, cx: &mut Ctx) -> Outcome<Procurements> {
        let Some(d) = self.selected_drift().cloned() else {
            return Ok(Vec::new());
        };
        let id = self.record.id;
        // The change as the officer saw it: refused if the line or the library moved since.
        self.write(cx, |tx| tx.take_over(id, &d))?;
        Ok(info(
            Msg::TakenOver
                .text(cx.lang)
                .replace("{id}", &d.requirement_id),
        ))
    }

    fn link_picker(&self, cx: &mut Ctx) -> Outcome<Procurements> {
        let lang = cx.lang;
        let entries = cx
            .store
            .sets()?
            .into_iter()
            .map(|s| {
                let linked = self.linked.iter().any(|l| l.set_id == s.id);
                let detail = format!(
                    "{} · {} {}{}",
                    s.version,
                    s.requirements,
                    Msg::ColRequirements.text(lang).to_lowercase(),
                    if linked {
                        format!(" · {}", Msg::Linked.text(lang))
                    } else {
                        String::new()
                    }
                );
                let label = format!("{} – {}", s.id, s.title.get(lang));
                let pick = Pick::LinkSet {
                    procurement: self.record.id,
                    set: s.id,
                };
                Entry::new(label, pick).detail(detail)
            })
            .collect();
        let list = FilterList::new(Msg::PickSet.text(lang), entries, Look::Facts);
        Ok(vec![Effect::Pick(list)])
    }

    fn kind_picker(&self, lang: Lang) -> Vec<Effect<Procurements>> {
        let Some(rec) = self.selected() else {
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
                Entry::new(k.label(lang), pick)
            })
            .collect();
        vec![Effect::Pick(FilterList::new(
            Msg::PickKind.text(lang),
            entries,
            Look::Facts,
        ))]
    }

    fn status_picker(&self, lang: Lang) -> Vec<Effect<Procurements>> {
        let to = self.record.value.status.next();
        if to.is_empty() {
            return info(Msg::NoNextStatus.text(lang));
        }
        let entries = to
            .iter()
            .map(|s| {
                let pick = Pick::Status {
                    procurement: self.record.id,
                    revision: self.record.revision,
                    to: *s,
                };
                Entry::new(s.label(lang), pick)
            })
            .collect();
        vec![Effect::Pick(FilterList::new(
            Msg::PickStatus.text(lang),
            entries,
            Look::Facts,
        ))]
    }

    fn amend_form(&self, lang: Lang) -> Outcome<Procurements> {
        if self.record.value.status != Status::Published {
            return Err(UiError::Refused(Msg::AmendOnlyPublished));
        }
        Ok(self.selected().map_or(Vec::new(), |r| {
            let (p, f) = lines::text_form(r, true, lang);
            vec![Effect::Form(p, f)]
        }))
    }

    pub fn picked(&mut self, pick: Pick, cx: &mut Ctx) -> Outcome<Procurements> {
        self.changed = true;
        let lang = cx.lang;
        match pick {
            Pick::LinkSet { procurement, set } => {
                let mut added = 0;
                self.write(cx, |tx| {
                    added = tx.link_set(procurement, &set, AboveAmbition::LeaveOut)?;
                    Ok(())
                })?;
                Ok(info(
                    Msg::SetLinked
                        .text(lang)
                        .replace("{set}", &set)
                        .replace("{n}", &added.to_string()),
                ))
            }
            Pick::Kind {
                line,
                revision,
                kind,
            } => self.apply_kind(line, revision, kind, cx),
            Pick::Status {
                procurement,
                revision,
                to,
            } => Ok(vec![self.status_confirm(procurement, revision, to, lang)]),
        }
    }

    fn apply_kind(
        &mut self,
        line: i64,
        revision: i64,
        kind: Kind,
        cx: &mut Ctx,
    ) -> Outcome<Procurements> {
        let Some(rec) = self.lines.iter().find(|l| l.id == line).cloned() else {
            return Err(UiError::Gone);
        };
        let mut l = Line {
            kind,
            ..rec.value.clone()
        };
        if kind == Kind::Evaluated && l.weight.is_none() {
            l.weight = Some(DEFAULT_WEIGHT);
        }
        self.write(cx, |tx| tx.update_line(line, revision, &l))?;
        Ok(Vec::new())
    }

    fn status_confirm(
        &self,
        procurement: i64,
        revision: i64,
        to: Status,
        lang: Lang,
    ) -> Effect<Procurements> {
        let p = &self.record.value;
        let included = self.lines.iter().filter(|l| l.value.included).count();
        let body = match to {
            Status::Published => Msg::ConfirmPublish
                .text(lang)
                .replace("{n}", &included.to_string()),
            Status::Cancelled => Msg::ConfirmCancel.text(lang).to_string(),
            _ => Msg::ConfirmStatus
                .text(lang)
                .replace("{from}", p.status.label(lang))
                .replace("{to}", to.label(lang)),
        };
        let confirm = Confirm::text(format!("{} – {}", p.reference, to.label(lang)), body);
        let ask = super::Ask::Transition {
            procurement,
            revision,
            to,
        };
        Effect::Confirm(ask, confirm)
    }

    /// A saved line form: the store call for it, with the revision the officer saw.
    pub fn submitted(
        &mut self,
        purpose: Purpose,
        v: &Values,
        cx: &mut Ctx,
    ) -> Result<Vec<Effect<Procurements>>, Refusal> {
        self.changed = true;
        let lang = cx.lang;
        let line_of = |id: i64| {
            self.lines
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
            Purpose::AddOwnLine { procurement } => {
                let l = lines::own_line(v)?;
                cx.store.write(|tx| tx.add_own_line(procurement, &l))?;
                info(Msg::Saved.text(lang))
            }
            Purpose::NewProcurement | Purpose::EditProcurement { .. } => Vec::new(),
        };
        Ok(out)
    }
}
