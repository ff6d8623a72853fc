//! The forms on one procurement's lines: the text of a line (edited in a draft, amended with a
//! reason once published), its weight, and an own requirement added to the procurement.

use super::Purpose;
use crate::domain::procurement::DEFAULT_WEIGHT;
use crate::domain::{Condition, Kind, Lang, Line, Text};
use crate::i18n::{Label, Msg};
use crate::store::procurements::Record;
use crate::tui::error::{Refusal, UiError};
use crate::tui::widgets::form::{Field, FormState, Kind as FieldKind, Values, field_keys};

field_keys! {
    /// The fields of a line's text (and the reason for an amendment or an exclusion, its
    /// weight, its place).
    pub enum LineField { Reason, TitleSv, TitleEn, TextSv, TextEn, Weight, Position }
}

field_keys! {
    /// The fields of an own requirement.
    pub enum OwnLineField { Kind, TitleSv, TitleEn, TextSv, TextEn, FollowUp, Weight }
}

fn weight_field<K: crate::tui::widgets::form::FieldKey>(
    key: K,
    value: Option<u32>,
    lang: Lang,
) -> Field {
    Field::new(
        key,
        Msg::FieldWeight.text(lang),
        FieldKind::Number { min: 1, max: 100 },
    )
    .value(&value.map(|w| w.to_string()).unwrap_or_default())
    .with_help(Msg::FieldWeightHelp.text(lang))
}

pub fn weight_form(rec: &Record<Line>, lang: Lang) -> (Purpose, Box<FormState>) {
    let field = weight_field(LineField::Weight, rec.value.weight, lang).required();
    let title = format!("{} {}", Msg::ActSetWeight.text(lang), rec.value.label());
    (
        Purpose::LineWeight {
            line: rec.id,
            revision: rec.revision,
        },
        Box::new(FormState::new(title, vec![field], lang)),
    )
}

/// The text of a line in a form; with `amend`, for a published line, with a reason.
pub fn text_form(rec: &Record<Line>, amend: bool, lang: Lang) -> (Purpose, Box<FormState>) {
    let l = &rec.value;
    let mut fields = Vec::new();
    if amend {
        fields.push(
            Field::new(
                LineField::Reason,
                Msg::FieldReason.text(lang),
                FieldKind::Text,
            )
            .required()
            .with_help(Msg::FieldReasonHelp.text(lang)),
        );
    }
    fields.extend([
        Field::new(
            LineField::TitleSv,
            Msg::FieldTitleSv.text(lang),
            FieldKind::Text,
        )
        .value(&l.title.sv)
        .required(),
        Field::new(
            LineField::TitleEn,
            Msg::FieldTitleEn.text(lang),
            FieldKind::Text,
        )
        .value(&l.title.en),
        Field::new(
            LineField::TextSv,
            Msg::FieldTextSv.text(lang),
            FieldKind::MultiLine,
        )
        .value(&l.text.sv)
        .required(),
        Field::new(
            LineField::TextEn,
            Msg::FieldTextEn.text(lang),
            FieldKind::MultiLine,
        )
        .value(&l.text.en),
    ]);
    let (title, purpose) = if amend {
        (
            Msg::ActAmend,
            Purpose::Amend {
                line: rec.id,
                revision: rec.revision,
            },
        )
    } else {
        (
            Msg::ActEdit,
            Purpose::EditLineText {
                line: rec.id,
                revision: rec.revision,
            },
        )
    };
    let title = format!("{} {}", title.text(lang), l.label());
    (purpose, Box::new(FormState::new(title, fields, lang)))
}

/// Applies the edited title and text; the line is marked modified when the text changed.
pub fn edited(mut l: Line, v: &Values) -> Result<Line, Refusal> {
    l.title = Text::new(
        v.get::<_, String>(LineField::TitleSv)?,
        v.get::<_, String>(LineField::TitleEn)?,
    );
    l.edit_text(Text::new(
        v.get::<_, String>(LineField::TextSv)?,
        v.get::<_, String>(LineField::TextEn)?,
    ));
    Ok(l)
}

pub fn own_line_form(procurement: i64, lang: Lang) -> (Purpose, Box<FormState>) {
    use OwnLineField as F;
    let fields = vec![
        Field::choice_of(
            F::Kind,
            Msg::ColKind.text(lang),
            Kind::ALL,
            Kind::Mandatory,
            |k| k.label(lang).to_string(),
        ),
        Field::new(F::TitleSv, Msg::FieldTitleSv.text(lang), FieldKind::Text).required(),
        Field::new(F::TitleEn, Msg::FieldTitleEn.text(lang), FieldKind::Text),
        Field::new(F::TextSv, Msg::FieldTextSv.text(lang), FieldKind::MultiLine).required(),
        Field::new(F::TextEn, Msg::FieldTextEn.text(lang), FieldKind::MultiLine),
        Field::new(
            F::FollowUp,
            Msg::SetFollowUp.text(lang),
            FieldKind::MultiLine,
        )
        .with_help(Msg::FieldFollowUpHelp.text(lang)),
        weight_field(F::Weight, None, lang),
    ];
    let form = FormState::new(Msg::ActAddOwnLine.text(lang), fields, lang);
    (Purpose::AddOwnLine { procurement }, Box::new(form))
}

pub fn own_line(v: &Values) -> Result<Line, Refusal> {
    use OwnLineField as F;
    let kind: Kind = v.get(F::Kind)?;
    let weight: Option<u32> = v.get(F::Weight)?;
    if weight.is_some() && kind != Kind::Evaluated {
        return Err(Refusal::at(
            F::Weight,
            UiError::Refused(Msg::WeightOnlyEvaluated),
        ));
    }
    Ok(Line {
        source: None,
        position: 0,
        included: true,
        modified: false,
        kind,
        level: None,
        weight: weight.or((kind == Kind::Evaluated).then_some(DEFAULT_WEIGHT)),
        risk: None,
        title: Text::new(
            v.get::<_, String>(F::TitleSv)?,
            v.get::<_, String>(F::TitleEn)?,
        ),
        text: Text::new(
            v.get::<_, String>(F::TextSv)?,
            v.get::<_, String>(F::TextEn)?,
        ),
        rationale: Text::default(),
        basis: Vec::new(),
        evidence: Text::default(),
        follow_up: Text::sv(v.get::<_, String>(F::FollowUp)?),
        applies_when: Condition::always(),
        own: None,
        exclusion: None,
        amended: false,
    })
}
