//! One procurement: its lines and what the officer does with them. Every change is one store
//! call; the domain refuses what the status does not allow (a frozen line, a prohibited AI
//! risk class) and the reason is shown as it comes.

use ratatui::text::Line as TextLine;

use super::super::{Ctx, Effect, Outcome, Refusal, Submitted};
use super::forms::{apply_pending, procurement_form};
use super::push;
use crate::domain::procurement::AboveAmbition;
use crate::domain::{Kind, Line, Procurement, Status, Text};
use crate::i18n::{self, Label, Msg};
use crate::store::Store;
use crate::store::prelude::*;
use crate::store::procurements::{LinkedSet, Record};
use crate::store::tailoring::Drift;
use crate::tui::action::Action;
use crate::tui::state::{FormPurpose, Modal, Pending, PickPurpose};
use crate::tui::widgets::form::{Choice, Field, FormState, Values};
use crate::tui::widgets::list::ListCursor;
use crate::tui::widgets::modal::{ConfirmState, PickItem, PickerState};

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
    pub fn load(id: i64, store: &Store) -> anyhow::Result<Detail> {
        let record = store
            .procurement(id)?
            .ok_or_else(|| anyhow::anyhow!("procurement {id} does not exist"))?;
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
        d.reload(store)?;
        Ok(d)
    }

    /// Reloads from the store, keeping the selected line selected.
    pub fn reload(&mut self, store: &Store) -> anyhow::Result<()> {
        let keep = self.selected().map(|l| l.id);
        let id = self.record.id;
        self.record = store
            .procurement(id)?
            .ok_or_else(|| anyhow::anyhow!("procurement {id} does not exist"))?;
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

    fn cursor_mut(&mut self) -> &mut ListCursor {
        if self.show_drift {
            &mut self.drift_cursor
        } else {
            &mut self.cursor
        }
    }

    pub fn handle(&mut self, action: &Action, cx: &mut Ctx) -> Outcome {
        let lang = cx.lang;
        match action {
            Action::MoveDown => self.cursor_mut().down(1),
            Action::MoveUp => self.cursor_mut().up(1),
            Action::PageDown => self.cursor_mut().page_down(),
            Action::PageUp => self.cursor_mut().page_up(),
            Action::First => self.cursor_mut().first(),
            Action::Last => self.cursor_mut().last(),
            Action::Back => self.show_drift = false,
            Action::LinkSet => return self.link_picker(cx),
            Action::ToggleInclude => return self.toggle_include(cx),
            Action::ChangeKind => return Ok(self.kind_picker(lang)),
            Action::SetWeight => return Ok(self.weight_form(lang)),
            Action::Edit => return Ok(self.text_form(lang, false)),
            Action::Amend => return self.amend_form(lang),
            Action::AddOwnLine => return Ok(own_line_form(self.record.id, lang)),
            Action::MoveLineUp | Action::MoveLineDown => {
                return self.move_line(*action == Action::MoveLineUp, cx);
            }
            Action::EditProcurement => return Ok(push(procurement_form(Some(&self.record), lang))),
            Action::ChangeStatus => return Ok(self.status_picker(lang)),
            Action::ShowDrift => {
                if self.drift.is_empty() {
                    return Ok(vec![Effect::Info(Msg::NoDrift.text(lang).to_string())]);
                }
                self.show_drift = !self.show_drift;
            }
            Action::TakeOver => return self.take_over(cx),
            _ => {}
        }
        Ok(Vec::new())
    }

    fn write<T>(
        &mut self,
        cx: &mut Ctx,
        f: impl FnOnce(&crate::store::Tx) -> crate::store::Result<T>,
    ) -> Result<T, String> {
        self.changed = true;
        let r = cx.store.write(f).map_err(|e| cx.error(&e));
        self.reload(cx.store).map_err(|e| e.to_string())?;
        r
    }

    fn toggle_include(&mut self, cx: &mut Ctx) -> Outcome {
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
        Ok(vec![Effect::Info(
            msg.text(cx.lang).replace("{id}", &line.label()),
        )])
    }

    fn move_line(&mut self, up: bool, cx: &mut Ctx) -> Outcome {
        let Some(rec) = self.selected().cloned() else {
            return Ok(Vec::new());
        };
        self.write(cx, |tx| tx.move_line(rec.id, rec.revision, up))?;
        Ok(Vec::new())
    }

    fn take_over(&mut self, cx: &mut Ctx) -> Outcome {
        if !self.show_drift {
            return Ok(vec![Effect::Info(
                Msg::TakeOverHint.text(cx.lang).to_string(),
            )]);
        }
        let Some(d) = self.selected_drift().cloned() else {
            return Ok(Vec::new());
        };
        let id = self.record.id;
        self.write(cx, |tx| tx.take_over(id, &d))?;
        Ok(vec![Effect::Info(
            Msg::TakenOver
                .text(cx.lang)
                .replace("{id}", &d.requirement_id),
        )])
    }

    fn link_picker(&self, cx: &mut Ctx) -> Outcome {
        let lang = cx.lang;
        let sets = cx.store.sets().map_err(|e| cx.error(&e))?;
        let items = sets
            .iter()
            .map(|s| {
                let linked = self.linked.iter().any(|l| l.set_id == s.id);
                PickItem {
                    label: format!("{} – {}", s.id, s.title.get(lang)),
                    detail: format!(
                        "{} · {} {}{}",
                        s.version,
                        s.requirements,
                        Msg::ColRequirements.text(lang).to_lowercase(),
                        if linked {
                            format!(" · {}", Msg::Linked.text(lang))
                        } else {
                            String::new()
                        }
                    ),
                }
            })
            .collect();
        let purpose = PickPurpose::LinkSet {
            procurement: self.record.id,
            sets: sets.into_iter().map(|s| s.id).collect(),
        };
        Ok(push(Modal::Picker(PickerState::new(
            Msg::PickSet.text(lang).to_string(),
            items,
            purpose,
        ))))
    }

    fn kind_picker(&self, lang: crate::domain::Lang) -> Vec<Effect> {
        let Some(rec) = self.selected() else {
            return Vec::new();
        };
        let items = Kind::ALL
            .iter()
            .map(|k| PickItem {
                label: k.label(lang).to_string(),
                detail: String::new(),
            })
            .collect();
        let purpose = PickPurpose::ChangeKind {
            line: rec.id,
            revision: rec.revision,
        };
        push(Modal::Picker(PickerState::new(
            Msg::PickKind.text(lang).to_string(),
            items,
            purpose,
        )))
    }

    fn status_picker(&self, lang: crate::domain::Lang) -> Vec<Effect> {
        let to: Vec<Status> = self.record.value.status.next().to_vec();
        if to.is_empty() {
            return vec![Effect::Info(Msg::NoNextStatus.text(lang).to_string())];
        }
        let items = to
            .iter()
            .map(|s| PickItem {
                label: s.label(lang).to_string(),
                detail: String::new(),
            })
            .collect();
        let purpose = PickPurpose::ChangeStatus {
            procurement: self.record.id,
            revision: self.record.revision,
            to,
        };
        push(Modal::Picker(PickerState::new(
            Msg::PickStatus.text(lang).to_string(),
            items,
            purpose,
        )))
    }

    fn weight_form(&self, lang: crate::domain::Lang) -> Vec<Effect> {
        let Some(rec) = self.selected() else {
            return Vec::new();
        };
        let field = Field::number(
            "weight",
            Msg::FieldWeight.text(lang),
            rec.value.weight,
            1,
            100,
            true,
        )
        .with_help(Msg::FieldWeightHelp.text(lang));
        let form = FormState::new(
            format!("{} {}", Msg::ActSetWeight.text(lang), rec.value.label()),
            vec![field],
            lang,
        );
        push(Modal::Form(
            FormPurpose::LineWeight {
                line: rec.id,
                revision: rec.revision,
            },
            Box::new(form),
        ))
    }

    /// The text of the selected line in a form; with `amend`, for a published line, with a reason.
    fn text_form(&self, lang: crate::domain::Lang, amend: bool) -> Vec<Effect> {
        let Some(rec) = self.selected() else {
            return Vec::new();
        };
        let l = &rec.value;
        let mut fields = Vec::new();
        if amend {
            fields.push(
                Field::text("reason", Msg::FieldReason.text(lang), "", true)
                    .with_help(Msg::FieldReasonHelp.text(lang)),
            );
        }
        fields.extend([
            Field::text("title_sv", Msg::FieldTitleSv.text(lang), &l.title.sv, true),
            Field::text("title_en", Msg::FieldTitleEn.text(lang), &l.title.en, false),
            Field::multi_line("text_sv", Msg::FieldTextSv.text(lang), &l.text.sv, true),
            Field::multi_line("text_en", Msg::FieldTextEn.text(lang), &l.text.en, false),
        ]);
        let (title, purpose) = if amend {
            (
                Msg::ActAmend,
                FormPurpose::Amend {
                    line: rec.id,
                    revision: rec.revision,
                },
            )
        } else {
            (
                Msg::ActEdit,
                FormPurpose::EditLineText {
                    line: rec.id,
                    revision: rec.revision,
                },
            )
        };
        let form = FormState::new(format!("{} {}", title.text(lang), l.label()), fields, lang);
        push(Modal::Form(purpose, Box::new(form)))
    }

    fn amend_form(&self, lang: crate::domain::Lang) -> Outcome {
        if self.record.value.status != Status::Published {
            return Err(Msg::AmendOnlyPublished.text(lang).to_string());
        }
        Ok(self.text_form(lang, true))
    }

    pub fn picked(&mut self, purpose: PickPurpose, index: usize, cx: &mut Ctx) -> Outcome {
        self.changed = true;
        let lang = cx.lang;
        match purpose {
            PickPurpose::LinkSet { procurement, sets } => {
                let Some(set) = sets.get(index) else {
                    return Ok(Vec::new());
                };
                let added = cx
                    .store
                    .write(|tx| tx.link_set(procurement, set, AboveAmbition::LeaveOut))
                    .map_err(|e| cx.error(&e))?;
                Ok(vec![Effect::Info(
                    Msg::SetLinked
                        .text(lang)
                        .replace("{set}", set)
                        .replace("{n}", &added.to_string()),
                )])
            }
            PickPurpose::ChangeKind { line, revision } => {
                let Some(kind) = Kind::ALL.get(index).copied() else {
                    return Ok(Vec::new());
                };
                self.apply_kind(line, revision, kind, cx)
            }
            PickPurpose::ChangeStatus {
                procurement,
                revision,
                to,
            } => {
                let Some(to) = to.get(index).copied() else {
                    return Ok(Vec::new());
                };
                Ok(push(Modal::Confirm(self.status_confirm(
                    procurement,
                    revision,
                    to,
                    lang,
                ))))
            }
            PickPurpose::TagFilter { .. } => Ok(Vec::new()),
        }
    }

    fn apply_kind(&mut self, line: i64, revision: i64, kind: Kind, cx: &mut Ctx) -> Outcome {
        let Some(rec) = self.lines.iter().find(|l| l.id == line).cloned() else {
            return Ok(Vec::new());
        };
        let mut l = Line {
            kind,
            ..rec.value.clone()
        };
        if kind == Kind::Evaluated && l.weight.is_none() {
            l.weight = Some(crate::domain::procurement::DEFAULT_WEIGHT);
        }
        self.write(cx, |tx| tx.update_line(line, revision, &l))?;
        Ok(Vec::new())
    }

    fn status_confirm(
        &self,
        procurement: i64,
        revision: i64,
        to: Status,
        lang: crate::domain::Lang,
    ) -> ConfirmState<Pending> {
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
        ConfirmState {
            title: format!("{} – {}", p.reference, to.label(lang)),
            body: vec![TextLine::raw(body)],
            on_yes: Pending::Transition {
                procurement,
                revision,
                to,
            },
        }
    }

    pub fn confirmed(&mut self, pending: Pending, cx: &mut Ctx) -> Outcome {
        self.changed = true;
        let out = match pending {
            Pending::ChangeKind {
                line,
                revision,
                kind,
            } => self.apply_kind(line, revision, kind, cx),
            other => apply_pending(other, cx),
        };
        self.reload(cx.store).map_err(|e| e.to_string())?;
        out
    }

    pub fn submitted(&mut self, purpose: &FormPurpose, v: &Values, cx: &mut Ctx) -> Submitted {
        self.changed = true;
        let lang = cx.lang;
        let line_of = |id: i64| {
            self.lines
                .iter()
                .find(|l| l.id == id)
                .map(|l| l.value.clone())
        };
        let refuse = |e: crate::store::StoreError| Refusal::Message(i18n::store_error(&e, lang));
        let out = match purpose {
            FormPurpose::LineWeight { line, revision } => {
                let Some(l) = line_of(*line) else {
                    return Ok(Vec::new());
                };
                let l = Line {
                    weight: v.number("weight"),
                    ..l
                };
                cx.store
                    .write(|tx| tx.update_line(*line, *revision, &l))
                    .map_err(refuse)?;
                Vec::new()
            }
            FormPurpose::EditLineText { line, revision } => {
                let Some(mut l) = line_of(*line) else {
                    return Ok(Vec::new());
                };
                edit(&mut l, v);
                cx.store
                    .write(|tx| tx.update_line(*line, *revision, &l))
                    .map_err(refuse)?;
                vec![Effect::Info(Msg::Saved.text(lang).to_string())]
            }
            FormPurpose::Amend { line, revision } => {
                let Some(mut l) = line_of(*line) else {
                    return Ok(Vec::new());
                };
                edit(&mut l, v);
                let reason = v.text("reason");
                cx.store
                    .write(|tx| tx.amend_line(*line, *revision, &l, &reason))
                    .map_err(refuse)?;
                vec![Effect::Info(Msg::Amended.text(lang).to_string())]
            }
            FormPurpose::AddOwnLine { procurement } => {
                let l = own_line(v);
                cx.store
                    .write(|tx| tx.add_own_line(*procurement, &l))
                    .map_err(refuse)?;
                vec![Effect::Info(Msg::Saved.text(lang).to_string())]
            }
            _ => Vec::new(),
        };
        self.reload(cx.store)
            .map_err(|e| Refusal::Message(e.to_string()))?;
        Ok(out)
    }
}

/// Applies the edited title and text; the line is marked modified when the text changed.
fn edit(l: &mut Line, v: &Values) {
    l.title = Text::new(v.text("title_sv"), v.text("title_en"));
    l.edit_text(Text::new(v.text("text_sv"), v.text("text_en")));
}

fn own_line_form(procurement: i64, lang: crate::domain::Lang) -> Vec<Effect> {
    let kinds = Kind::ALL
        .iter()
        .map(|k| Choice::new(k.code(), k.label(lang)))
        .collect();
    let fields = vec![
        Field::choice(
            "kind",
            Msg::ColKind.text(lang),
            kinds,
            Kind::Mandatory.code(),
        ),
        Field::text("title_sv", Msg::FieldTitleSv.text(lang), "", true),
        Field::text("title_en", Msg::FieldTitleEn.text(lang), "", false),
        Field::multi_line("text_sv", Msg::FieldTextSv.text(lang), "", true),
        Field::multi_line("text_en", Msg::FieldTextEn.text(lang), "", false),
        Field::multi_line("follow_up", Msg::SetFollowUp.text(lang), "", false)
            .with_help(Msg::FieldFollowUpHelp.text(lang)),
        Field::number("weight", Msg::FieldWeight.text(lang), None, 1, 100, false)
            .with_help(Msg::FieldWeightHelp.text(lang)),
    ];
    let form = FormState::new(Msg::ActAddOwnLine.text(lang), fields, lang);
    push(Modal::Form(
        FormPurpose::AddOwnLine { procurement },
        Box::new(form),
    ))
}

fn own_line(v: &Values) -> Line {
    let kind = Kind::from_code(&v.choice("kind")).unwrap_or(Kind::Mandatory);
    Line {
        source: None,
        position: 0,
        included: true,
        modified: false,
        kind,
        level: None,
        weight: v
            .number("weight")
            .or((kind == Kind::Evaluated).then_some(crate::domain::procurement::DEFAULT_WEIGHT)),
        risk: None,
        title: Text::new(v.text("title_sv"), v.text("title_en")),
        text: Text::new(v.text("text_sv"), v.text("text_en")),
        rationale: Text::default(),
        basis: Vec::new(),
        evidence: Text::default(),
        follow_up: Text::sv(v.text("follow_up")),
        applies_when: crate::domain::Condition::always(),
    }
}
