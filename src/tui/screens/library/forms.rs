//! The Library's forms: a new or edited own set, a requirement, a duplicate of a set, import
//! and export of set files. Each form has its own field enum; a requirement is checked by the
//! catalog's own parser, so a form accepts exactly what a set file would.

use super::Purpose;
use crate::catalog::CatalogError;
use crate::catalog::snippet::{condition_to_toml, quote};
use crate::domain::{Kind, Lang, Level, Requirement, RequirementId, RequirementSet, Text};
use crate::i18n::{Label, Msg};
use crate::store::sets::{SetRecord, SetSummary};
use crate::tui::error::{Refusal, UiError};
use crate::tui::widgets::form::{Field, FormState, Kind as FieldKind, Parsed, Values, field_keys};

field_keys! {
    /// The fields of a new or edited own set.
    pub enum SetField { Id, Version, TitleSv, TitleEn, DescriptionSv, DescriptionEn }
}

field_keys! {
    /// The fields of a copy of a set.
    pub enum DuplicateField { Id, Prefix, TitleSv, TitleEn }
}

field_keys! {
    /// The one field of an import or an export: the file.
    pub enum PathField { Path }
}

field_keys! {
    /// The fields of a requirement of an own set, in the order of a set file.
    pub enum ReqField {
        Id, Kind, Level, TitleSv, TitleEn, TextSv, TextEn, RationaleSv, RationaleEn, Basis,
        AppliesWhen, EvidenceSv, EvidenceEn, FollowUpSv, FollowUpEn, Weight, Likelihood,
        Consequence, Tags,
    }
}

fn form(title: String, fields: Vec<Field>, lang: Lang) -> Box<FormState> {
    Box::new(FormState::new(title, fields, lang))
}

fn text(key: SetField, label: Msg, value: &str, lang: Lang) -> Field {
    let kind = match key {
        SetField::DescriptionSv | SetField::DescriptionEn => FieldKind::MultiLine,
        _ => FieldKind::Text,
    };
    Field::new(key, label.text(lang), kind).value(value)
}

/// A new own set (`None`) or the title and description of one.
pub fn set_form(record: Option<&SetRecord>, lang: Lang) -> (Purpose, Box<FormState>) {
    let set = record.map(|r| &r.set);
    let mut fields = Vec::new();
    if set.is_none() {
        fields.push(
            Field::new(SetField::Id, Msg::FieldSetId.text(lang), FieldKind::SetId)
                .with_help(Msg::FieldSetIdHelp.text(lang)),
        );
        fields.push(
            Field::new(
                SetField::Version,
                Msg::ColVersion.text(lang),
                FieldKind::Version,
            )
            .value("1")
            .with_help(Msg::FieldVersionHelp.text(lang)),
        );
    }
    let (t, d) = set.map_or((Text::default(), Text::default()), |s| {
        (s.title.clone(), s.description.clone())
    });
    fields.extend([
        text(SetField::TitleSv, Msg::FieldTitleSv, &t.sv, lang).required(),
        text(SetField::TitleEn, Msg::FieldTitleEn, &t.en, lang),
        text(
            SetField::DescriptionSv,
            Msg::FieldDescriptionSv,
            &d.sv,
            lang,
        ),
        text(
            SetField::DescriptionEn,
            Msg::FieldDescriptionEn,
            &d.en,
            lang,
        ),
    ]);
    match record {
        None => (
            Purpose::NewSet,
            form(Msg::FormNewSet.text(lang).into(), fields, lang),
        ),
        Some(r) => (
            Purpose::EditSet {
                id: r.set.id.to_string(),
                revision: r.revision,
            },
            form(
                format!("{} {}", Msg::ActEdit.text(lang), r.set.id),
                fields,
                lang,
            ),
        ),
    }
}

/// A requirement-id prefix such as `EGEN-HOST`: what `PREFIX-01` must parse as.
fn prefix(text: &str, lang: Lang) -> Result<Parsed, String> {
    let prefix = text.trim().to_uppercase();
    RequirementId::parse(&format!("{prefix}-01"))
        .map(|_| std::rc::Rc::new(prefix) as Parsed)
        .map_err(|_| Msg::FieldPrefixHelp.text(lang).to_string())
}

pub fn duplicate_form(from: &SetSummary, lang: Lang) -> (Purpose, Box<FormState>) {
    let fields = vec![
        Field::new(
            DuplicateField::Id,
            Msg::FieldSetId.text(lang),
            FieldKind::SetId,
        )
        .value(&format!("egen-{}", from.id))
        .with_help(Msg::FieldSetIdHelp.text(lang)),
        Field::new(
            DuplicateField::Prefix,
            Msg::FieldPrefix.text(lang),
            FieldKind::Custom(prefix),
        )
        .required()
        .with_help(Msg::FieldPrefixHelp.text(lang)),
        Field::new(
            DuplicateField::TitleSv,
            Msg::FieldTitleSv.text(lang),
            FieldKind::Text,
        )
        .value(&from.title.sv)
        .required(),
        Field::new(
            DuplicateField::TitleEn,
            Msg::FieldTitleEn.text(lang),
            FieldKind::Text,
        )
        .value(&from.title.en),
    ];
    let title = format!("{} {}", Msg::ActDuplicateSet.text(lang), from.id);
    (
        Purpose::DuplicateSet {
            from: from.id.clone(),
        },
        form(title, fields, lang),
    )
}

fn path_field(value: &str, help: Msg, lang: Lang) -> Vec<Field> {
    vec![
        Field::new(PathField::Path, Msg::FieldPath.text(lang), FieldKind::Text)
            .value(value)
            .required()
            .with_help(help.text(lang)),
    ]
}

pub fn import_form(path: &str, lang: Lang) -> (Purpose, Box<FormState>) {
    let fields = path_field(path, Msg::FieldImportHelp, lang);
    (
        Purpose::ImportSet,
        form(Msg::ActImportSet.text(lang).into(), fields, lang),
    )
}

pub fn export_form(id: &str, path: &str, lang: Lang) -> (Purpose, Box<FormState>) {
    let fields = path_field(path, Msg::FieldExportHelp, lang);
    let title = format!("{} {id}", Msg::ActExportSet.text(lang));
    (
        Purpose::ExportSet { set: id.into() },
        form(title, fields, lang),
    )
}

/// Each field of the requirement form: label, what it holds and its help, in one place.
fn requirement_field(key: ReqField, r: Option<&Requirement>, lang: Lang) -> Field {
    use ReqField as F;
    let bilingual =
        |label: Msg, sv: bool| format!("{} ({})", label.text(lang), if sv { "sv" } else { "en" });
    let text_of = |f: fn(&Requirement) -> &Text, sv: bool| {
        r.map(|r| {
            let t = f(r);
            if sv { t.sv.clone() } else { t.en.clone() }
        })
        .unwrap_or_default()
    };
    let multi = |label: Msg, f: fn(&Requirement) -> &Text, sv: bool| {
        Field::new(key, bilingual(label, sv), FieldKind::MultiLine).value(&text_of(f, sv))
    };
    let number = |label: Msg, value: Option<u32>, max: u32| {
        let shown = value.map(|v| v.to_string()).unwrap_or_default();
        Field::new(key, label.text(lang), FieldKind::Number { min: 1, max }).value(&shown)
    };
    match key {
        F::Id => Field::new(key, Msg::ColId.text(lang), FieldKind::RequirementId)
            .value(&r.map(|r| r.id.to_string()).unwrap_or_default()),
        F::Kind => Field::choice_of(
            key,
            Msg::ColKind.text(lang),
            Kind::ALL,
            r.map_or(Kind::Mandatory, |r| r.kind),
            |k| k.label(lang).to_string(),
        ),
        F::Level => {
            let mut levels = vec![None];
            levels.extend(Level::ALL.iter().copied().map(Some));
            Field::choice_of(
                key,
                Msg::ColLevel.text(lang),
                &levels,
                r.and_then(|r| r.level),
                |l| l.map_or_else(|| "–".to_string(), |l| l.label(lang).to_string()),
            )
        }
        F::TitleSv => Field::new(key, Msg::FieldTitleSv.text(lang), FieldKind::Text)
            .value(&text_of(|r| &r.title, true))
            .required(),
        F::TitleEn => Field::new(key, Msg::FieldTitleEn.text(lang), FieldKind::Text)
            .value(&text_of(|r| &r.title, false)),
        F::TextSv => multi(Msg::SetText, |r| &r.text, true).required(),
        F::TextEn => multi(Msg::SetText, |r| &r.text, false),
        F::RationaleSv => multi(Msg::SetRationale, |r| &r.rationale, true),
        F::RationaleEn => multi(Msg::SetRationale, |r| &r.rationale, false),
        F::Basis => Field::new(key, Msg::SetBasis.text(lang), FieldKind::MultiLine)
            .value(&r.map(|r| r.basis.join("\n")).unwrap_or_default())
            .with_help(Msg::FieldBasisHelp.text(lang)),
        F::AppliesWhen => Field::new(key, Msg::SetApplies.text(lang), FieldKind::Text)
            .value(
                &r.map(|r| condition_to_toml(&r.applies_when))
                    .unwrap_or_default(),
            )
            .with_help(Msg::FieldAppliesHelp.text(lang)),
        F::EvidenceSv => multi(Msg::SetEvidence, |r| &r.evidence, true),
        F::EvidenceEn => multi(Msg::SetEvidence, |r| &r.evidence, false),
        F::FollowUpSv => multi(Msg::SetFollowUp, |r| &r.follow_up, true),
        F::FollowUpEn => multi(Msg::SetFollowUp, |r| &r.follow_up, false),
        F::Weight => number(Msg::FieldWeight, r.and_then(|r| r.weight), 100)
            .with_help(Msg::FieldWeightHelp.text(lang)),
        F::Likelihood => number(
            Msg::FieldLikelihood,
            r.and_then(|r| r.risk).map(|x| u32::from(x.likelihood)),
            4,
        ),
        F::Consequence => number(
            Msg::FieldConsequence,
            r.and_then(|r| r.risk).map(|x| u32::from(x.consequence)),
            4,
        ),
        F::Tags => Field::new(key, Msg::FieldTags.text(lang), FieldKind::Text)
            .value(&r.map(|r| r.tags.join(", ")).unwrap_or_default())
            .with_help(Msg::FieldTagsHelp.text(lang)),
    }
}

const REQUIREMENT_FIELDS: [ReqField; 19] = {
    use ReqField as F;
    [
        F::Id,
        F::Kind,
        F::Level,
        F::TitleSv,
        F::TitleEn,
        F::TextSv,
        F::TextEn,
        F::RationaleSv,
        F::RationaleEn,
        F::Basis,
        F::AppliesWhen,
        F::EvidenceSv,
        F::EvidenceEn,
        F::FollowUpSv,
        F::FollowUpEn,
        F::Weight,
        F::Likelihood,
        F::Consequence,
        F::Tags,
    ]
};

/// A new requirement of `set`, or one of its requirements at the revision it was read at.
pub fn requirement_form(
    set: &RequirementSet,
    edited: Option<(&Requirement, i64)>,
    lang: Lang,
) -> (Purpose, Box<FormState>) {
    let r = edited.map(|(r, _)| r);
    let mut fields: Vec<Field> = REQUIREMENT_FIELDS
        .iter()
        .map(|k| requirement_field(*k, r, lang))
        .collect();
    if r.is_none() {
        fields[0] = Field::new(
            ReqField::Id,
            Msg::ColId.text(lang),
            FieldKind::RequirementId,
        )
        .value(&suggest_id(set));
    }
    let (purpose, title) = match edited {
        None => (
            Purpose::NewRequirement {
                set: set.id.to_string(),
            },
            format!("{} – {}", Msg::FormNewRequirement.text(lang), set.id),
        ),
        Some((r, revision)) => (
            Purpose::EditRequirement {
                set: set.id.to_string(),
                requirement: r.id.to_string(),
                revision,
            },
            format!("{} {}", Msg::ActEdit.text(lang), r.id),
        ),
    };
    (purpose, form(title, fields, lang))
}

/// The next free number after the set's last id, with the same prefix.
fn suggest_id(set: &RequirementSet) -> String {
    let last = set.requirements.last().map(|r| r.id.as_str().to_string());
    match last.as_deref().and_then(|id| id.rsplit_once('-')) {
        Some((prefix, n)) => format!("{prefix}-{:02}", n.parse::<u32>().unwrap_or(0) + 1),
        None => format!("{}-01", set.id.as_str().to_uppercase().replace('-', "")),
    }
}

fn text_toml(v: &Values, sv: ReqField, en: ReqField) -> Result<Option<String>, Refusal> {
    let (s, e): (String, String) = (v.get(sv)?, v.get(en)?);
    if s.is_empty() && e.is_empty() {
        return Ok(None);
    }
    Ok(Some(if e.is_empty() {
        format!("{{ sv = {} }}", quote(&s))
    } else {
        format!("{{ sv = {}, en = {} }}", quote(&s), quote(&e))
    }))
}

fn list_toml<'a>(items: impl Iterator<Item = &'a str>) -> Option<String> {
    let items: Vec<String> = items
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(quote)
        .collect();
    (!items.is_empty()).then(|| format!("[{}]", items.join(", ")))
}

/// The form as the body of a `[[requirement]]` table, for the catalog's parser to check.
pub fn requirement_toml(v: &Values) -> Result<String, Refusal> {
    use ReqField as F;
    let id: crate::domain::RequirementId = v.get(F::Id)?;
    let kind: Kind = v.get(F::Kind)?;
    let mut lines = vec![
        format!("id = {}", quote(id.as_str())),
        format!("kind = {}", quote(kind.code())),
    ];
    let mut push = |key: &str, value: Option<String>| {
        if let Some(value) = value {
            lines.push(format!("{key} = {value}"));
        }
    };
    let level: Option<Level> = v.get(F::Level)?;
    push("level", level.map(|l| quote(l.code())));
    let weight: Option<u32> = v.get(F::Weight)?;
    push("weight", weight.map(|n| n.to_string()));
    push("title", text_toml(v, F::TitleSv, F::TitleEn)?);
    push("text", text_toml(v, F::TextSv, F::TextEn)?);
    let basis: String = v.get(F::Basis)?;
    push("basis", list_toml(basis.lines()));
    let applies: String = v.get(F::AppliesWhen)?;
    push(
        "applies_when",
        Some(applies).filter(|a| !a.trim().is_empty()),
    );
    push("rationale", text_toml(v, F::RationaleSv, F::RationaleEn)?);
    push("evidence", text_toml(v, F::EvidenceSv, F::EvidenceEn)?);
    push("follow_up", text_toml(v, F::FollowUpSv, F::FollowUpEn)?);
    let likelihood: Option<u32> = v.get(F::Likelihood)?;
    let consequence: Option<u32> = v.get(F::Consequence)?;
    if let (Some(l), Some(c)) = (likelihood, consequence) {
        push(
            "risk",
            Some(format!("{{ likelihood = {l}, consequence = {c} }}")),
        );
    }
    let tags: String = v.get(F::Tags)?;
    push("tags", list_toml(tags.split(',')));
    Ok(lines.join("\n"))
}

/// Which form field a catalog error's field path belongs to.
fn field_of(path: &str) -> ReqField {
    use ReqField as F;
    let head = path.split(['.', '[']).next().unwrap_or("");
    let en = path.contains(".en");
    match head {
        "title" if en => F::TitleEn,
        "title" => F::TitleSv,
        "text" if en => F::TextEn,
        "text" => F::TextSv,
        "rationale" if en => F::RationaleEn,
        "rationale" => F::RationaleSv,
        "evidence" if en => F::EvidenceEn,
        "evidence" => F::EvidenceSv,
        "follow_up" if en => F::FollowUpEn,
        "follow_up" => F::FollowUpSv,
        "risk" if path.contains("consequence") => F::Consequence,
        "risk" => F::Likelihood,
        "kind" => F::Kind,
        "level" => F::Level,
        "weight" => F::Weight,
        "basis" => F::Basis,
        "applies_when" => F::AppliesWhen,
        "tags" => F::Tags,
        _ => F::Id,
    }
}

/// The first problem the catalog found, on the field it concerns.
pub fn catalog_refusal(errors: Vec<CatalogError>) -> Refusal {
    match errors.first() {
        Some(e) => Refusal::at(field_of(&e.field), UiError::Problem(e.problem.clone())),
        None => Refusal::from(UiError::Refused(Msg::Invalid)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_paths_map_to_form_fields() {
        assert_eq!(field_of("applies_when.secrecy"), ReqField::AppliesWhen);
        assert_eq!(field_of("title.en"), ReqField::TitleEn);
        assert_eq!(field_of("title.sv"), ReqField::TitleSv);
        assert_eq!(field_of("risk.consequence"), ReqField::Consequence);
        assert_eq!(field_of("tags[2]"), ReqField::Tags);
        assert_eq!(field_of("id"), ReqField::Id);
    }
}
