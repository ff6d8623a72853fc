//! The Library's forms: a new or edited own set, a requirement, a duplicate of a set, import
//! and export of set files. A requirement is checked by the catalog's own parser, so a form
//! accepts exactly what a set file would.

use super::super::{Ctx, Effect, Refusal};
use crate::catalog::snippet::{condition_to_toml, quote, requirement_from_toml};
use crate::catalog::{self, CatalogError};
use crate::domain::{Kind, Lang, Level, Requirement, RequirementSet, Text};
use crate::i18n::{self, Label, Msg};
use crate::store::custom_sets::RequirementEdit;
use crate::store::prelude::*;
use crate::store::sets::{SetRecord, SetSummary};
use crate::tui::state::{FormPurpose, Modal};
use crate::tui::widgets::form::{Choice, Field, FormState, Values};

fn modal(purpose: FormPurpose, title: String, fields: Vec<Field>, lang: Lang) -> Modal {
    Modal::Form(purpose, Box::new(FormState::new(title, fields, lang)))
}

pub fn set_form(record: Option<&SetRecord>, lang: Lang) -> Modal {
    let set = record.map(|r| &r.set);
    let mut fields = Vec::new();
    if set.is_none() {
        fields.push(
            Field::set_id("id", Msg::FieldSetId.text(lang), "")
                .with_help(Msg::FieldSetIdHelp.text(lang)),
        );
        fields.push(
            Field::version("version", Msg::ColVersion.text(lang), "1")
                .with_help(Msg::FieldVersionHelp.text(lang)),
        );
    }
    let (t, d) = set.map_or((Text::default(), Text::default()), |s| {
        (s.title.clone(), s.description.clone())
    });
    fields.extend([
        Field::text("title_sv", Msg::FieldTitleSv.text(lang), &t.sv, true),
        Field::text("title_en", Msg::FieldTitleEn.text(lang), &t.en, false),
        Field::multi_line(
            "description_sv",
            Msg::FieldDescriptionSv.text(lang),
            &d.sv,
            false,
        ),
        Field::multi_line(
            "description_en",
            Msg::FieldDescriptionEn.text(lang),
            &d.en,
            false,
        ),
    ]);
    match set {
        None => modal(
            FormPurpose::NewSet,
            Msg::FormNewSet.text(lang).into(),
            fields,
            lang,
        ),
        Some(s) => modal(
            FormPurpose::EditSet {
                id: s.id.to_string(),
                revision: record.map_or(0, |r| r.revision),
            },
            format!("{} {}", Msg::ActEdit.text(lang), s.id),
            fields,
            lang,
        ),
    }
}

pub fn duplicate_form(from: &SetSummary, lang: Lang) -> Modal {
    let fields = vec![
        Field::set_id(
            "id",
            Msg::FieldSetId.text(lang),
            &format!("egen-{}", from.id),
        )
        .with_help(Msg::FieldSetIdHelp.text(lang)),
        Field::text("prefix", Msg::FieldPrefix.text(lang), "", true)
            .with_help(Msg::FieldPrefixHelp.text(lang)),
        Field::text(
            "title_sv",
            Msg::FieldTitleSv.text(lang),
            &from.title.sv,
            true,
        ),
        Field::text(
            "title_en",
            Msg::FieldTitleEn.text(lang),
            &from.title.en,
            false,
        ),
    ];
    modal(
        FormPurpose::DuplicateSet {
            from: from.id.clone(),
        },
        format!("{} {}", Msg::ActDuplicateSet.text(lang), from.id),
        fields,
        lang,
    )
}

pub fn import_form(lang: Lang) -> Modal {
    let fields = vec![
        Field::text("path", Msg::FieldPath.text(lang), "", true)
            .with_help(Msg::FieldImportHelp.text(lang)),
    ];
    modal(
        FormPurpose::ImportSet,
        Msg::ActImportSet.text(lang).into(),
        fields,
        lang,
    )
}

pub fn export_form(id: &str, lang: Lang) -> Modal {
    let fields = vec![
        Field::text(
            "path",
            Msg::FieldPath.text(lang),
            &format!("{id}.toml"),
            true,
        )
        .with_help(Msg::FieldExportHelp.text(lang)),
    ];
    modal(
        FormPurpose::ExportSet { set: id.into() },
        format!("{} {id}", Msg::ActExportSet.text(lang)),
        fields,
        lang,
    )
}

fn text_fields(
    key_sv: &'static str,
    key_en: &'static str,
    label: Msg,
    t: &Text,
    required: bool,
    lang: Lang,
) -> [Field; 2] {
    [
        Field::multi_line(
            key_sv,
            format!("{} (sv)", label.text(lang)),
            &t.sv,
            required,
        ),
        Field::multi_line(key_en, format!("{} (en)", label.text(lang)), &t.en, false),
    ]
}

/// The form for a new requirement, or for editing `r` as seen at its revision.
pub fn requirement_form(
    set: &RequirementSet,
    edit: Option<(&Requirement, i64)>,
    lang: Lang,
) -> Modal {
    let r = edit.map(|(r, _)| r);
    let kinds = Kind::ALL
        .iter()
        .map(|k| Choice::new(k.code(), k.label(lang)))
        .collect();
    let mut levels = vec![Choice::new("", "–")];
    levels.extend(
        Level::ALL
            .iter()
            .map(|l| Choice::new(l.code(), l.label(lang))),
    );
    let empty = Text::default();
    let get = |f: fn(&Requirement) -> &Text| r.map_or(&empty, f);
    let next_id = r
        .map(|r| r.id.to_string())
        .unwrap_or_else(|| suggest_id(set));
    let mut fields = vec![
        Field::requirement_id("id", Msg::ColId.text(lang), &next_id),
        Field::choice(
            "kind",
            Msg::ColKind.text(lang),
            kinds,
            r.map_or(Kind::Mandatory, |r| r.kind).code(),
        ),
        Field::choice(
            "level",
            Msg::ColLevel.text(lang),
            levels,
            r.and_then(|r| r.level).map_or("", |l| l.code()),
        ),
        Field::text(
            "title_sv",
            Msg::FieldTitleSv.text(lang),
            &get(|r| &r.title).sv,
            true,
        ),
        Field::text(
            "title_en",
            Msg::FieldTitleEn.text(lang),
            &get(|r| &r.title).en,
            false,
        ),
    ];
    fields.extend(text_fields(
        "text_sv",
        "text_en",
        Msg::SetText,
        get(|r| &r.text),
        true,
        lang,
    ));
    fields.extend(text_fields(
        "rationale_sv",
        "rationale_en",
        Msg::SetRationale,
        get(|r| &r.rationale),
        false,
        lang,
    ));
    fields.push(
        Field::multi_line(
            "basis",
            Msg::SetBasis.text(lang),
            &r.map(|r| r.basis.join("\n")).unwrap_or_default(),
            false,
        )
        .with_help(Msg::FieldBasisHelp.text(lang)),
    );
    fields.push(
        Field::text(
            "applies_when",
            Msg::SetApplies.text(lang),
            &r.map(|r| condition_to_toml(&r.applies_when))
                .unwrap_or_default(),
            false,
        )
        .with_help(Msg::FieldAppliesHelp.text(lang)),
    );
    fields.extend(text_fields(
        "evidence_sv",
        "evidence_en",
        Msg::SetEvidence,
        get(|r| &r.evidence),
        false,
        lang,
    ));
    fields.extend(text_fields(
        "follow_up_sv",
        "follow_up_en",
        Msg::SetFollowUp,
        get(|r| &r.follow_up),
        false,
        lang,
    ));
    fields.extend([
        Field::number(
            "weight",
            Msg::FieldWeight.text(lang),
            r.and_then(|r| r.weight),
            1,
            100,
            false,
        )
        .with_help(Msg::FieldWeightHelp.text(lang)),
        Field::number(
            "likelihood",
            Msg::FieldLikelihood.text(lang),
            r.and_then(|r| r.risk).map(|x| u32::from(x.likelihood)),
            1,
            4,
            false,
        ),
        Field::number(
            "consequence",
            Msg::FieldConsequence.text(lang),
            r.and_then(|r| r.risk).map(|x| u32::from(x.consequence)),
            1,
            4,
            false,
        ),
        Field::text(
            "tags",
            Msg::FieldTags.text(lang),
            &r.map(|r| r.tags.join(", ")).unwrap_or_default(),
            false,
        )
        .with_help(Msg::FieldTagsHelp.text(lang)),
    ]);
    let purpose = match edit {
        None => FormPurpose::NewRequirement {
            set: set.id.to_string(),
        },
        Some((r, revision)) => FormPurpose::EditRequirement {
            set: set.id.to_string(),
            requirement: r.id.to_string(),
            revision,
        },
    };
    let title = match r {
        None => format!("{} – {}", Msg::FormNewRequirement.text(lang), set.id),
        Some(r) => format!("{} {}", Msg::ActEdit.text(lang), r.id),
    };
    modal(purpose, title, fields, lang)
}

/// The next free number after the set's last id, with the same prefix.
fn suggest_id(set: &RequirementSet) -> String {
    let last = set.requirements.last().map(|r| r.id.as_str().to_string());
    match last.as_deref().and_then(|id| id.rsplit_once('-')) {
        Some((prefix, n)) => format!("{prefix}-{:02}", n.parse::<u32>().unwrap_or(0) + 1),
        None => format!("{}-01", set.id.as_str().to_uppercase().replace('-', "")),
    }
}

fn text_toml(v: &Values, sv: &str, en: &str) -> Option<String> {
    let (s, e) = (v.text(sv), v.text(en));
    if s.is_empty() && e.is_empty() {
        return None;
    }
    Some(if e.is_empty() {
        format!("{{ sv = {} }}", quote(&s))
    } else {
        format!("{{ sv = {}, en = {} }}", quote(&s), quote(&e))
    })
}

fn list_toml(items: impl Iterator<Item = String>) -> Option<String> {
    let items: Vec<String> = items
        .filter(|s| !s.trim().is_empty())
        .map(|s| quote(s.trim()))
        .collect();
    (!items.is_empty()).then(|| format!("[{}]", items.join(", ")))
}

/// The form as the body of a `[[requirement]]` table.
fn requirement_toml(v: &Values) -> String {
    let mut lines = vec![
        format!("id = {}", quote(&v.text("id"))),
        format!("kind = {}", quote(&v.choice("kind"))),
    ];
    let mut push = |key: &str, value: Option<String>| {
        if let Some(value) = value {
            lines.push(format!("{key} = {value}"));
        }
    };
    push(
        "level",
        Some(v.choice("level"))
            .filter(|l| !l.is_empty())
            .map(|l| quote(&l)),
    );
    push("weight", v.number("weight").map(|n| n.to_string()));
    push("title", text_toml(v, "title_sv", "title_en"));
    push("text", text_toml(v, "text_sv", "text_en"));
    push(
        "basis",
        list_toml(v.text("basis").lines().map(str::to_string)),
    );
    push(
        "applies_when",
        Some(v.text("applies_when")).filter(|a| !a.trim().is_empty()),
    );
    push("rationale", text_toml(v, "rationale_sv", "rationale_en"));
    push("evidence", text_toml(v, "evidence_sv", "evidence_en"));
    push("follow_up", text_toml(v, "follow_up_sv", "follow_up_en"));
    if let (Some(l), Some(c)) = (v.number("likelihood"), v.number("consequence")) {
        push(
            "risk",
            Some(format!("{{ likelihood = {l}, consequence = {c} }}")),
        );
    }
    push(
        "tags",
        list_toml(v.text("tags").split(',').map(str::to_string)),
    );
    lines.join("\n")
}

/// Which form field a catalog error's field path belongs to.
fn field_of(path: &str) -> &'static str {
    let head = path.split(['.', '[']).next().unwrap_or("");
    let lang = if path.contains(".en") { "en" } else { "sv" };
    match (head, lang) {
        ("title", "en") => "title_en",
        ("title", _) => "title_sv",
        ("text", "en") => "text_en",
        ("text", _) => "text_sv",
        ("rationale", "en") => "rationale_en",
        ("rationale", _) => "rationale_sv",
        ("evidence", "en") => "evidence_en",
        ("evidence", _) => "evidence_sv",
        ("follow_up", "en") => "follow_up_en",
        ("follow_up", _) => "follow_up_sv",
        ("risk", _) if path.contains("consequence") => "consequence",
        ("risk", _) => "likelihood",
        ("kind", _) => "kind",
        ("level", _) => "level",
        ("weight", _) => "weight",
        ("basis", _) => "basis",
        ("applies_when", _) => "applies_when",
        ("tags", _) => "tags",
        _ => "id",
    }
}

fn first_error(errors: &[CatalogError], lang: Lang) -> Refusal {
    match errors.first() {
        Some(e) => Refusal::Field(field_of(&e.field), e.problem.text(lang)),
        None => Refusal::Message(Msg::Invalid.text(lang).to_string()),
    }
}

/// Carries out a submitted form; also names the set to select afterwards.
pub fn submit(
    purpose: &FormPurpose,
    v: &Values,
    cx: &mut Ctx,
) -> Result<(Vec<Effect>, Option<String>), Refusal> {
    let lang = cx.lang;
    let store_err = |e: crate::store::StoreError| Refusal::Message(i18n::store_error(&e, lang));
    let saved = || vec![Effect::Info(Msg::Saved.text(lang).to_string())];
    match purpose {
        FormPurpose::NewSet => {
            let (Some(id), Some(version)) = (v.set_id("id"), v.version("version")) else {
                return Ok((Vec::new(), None));
            };
            let set = RequirementSet {
                id: id.clone(),
                version,
                title: Text::new(v.text("title_sv"), v.text("title_en")),
                description: Text::new(v.text("description_sv"), v.text("description_en")),
                sources: Vec::new(),
                requirements: Vec::new(),
            };
            cx.store
                .write(|tx| tx.create_set(&set))
                .map_err(|e| match e {
                    crate::store::StoreError::AlreadyImported { .. }
                    | crate::store::StoreError::VersionExists { .. }
                    | crate::store::StoreError::BuiltinReadOnly(_) => {
                        Refusal::Field("id", Msg::SetIdTaken.text(lang).to_string())
                    }
                    other => store_err(other),
                })?;
            Ok((saved(), Some(id.to_string())))
        }
        FormPurpose::EditSet { id, revision } => {
            let title = Text::new(v.text("title_sv"), v.text("title_en"));
            let description = Text::new(v.text("description_sv"), v.text("description_en"));
            cx.store
                .write(|tx| tx.update_set_meta(id, *revision, &title, &description))
                .map_err(store_err)?;
            Ok((saved(), None))
        }
        FormPurpose::DuplicateSet { from } => {
            let Some(id) = v.set_id("id") else {
                return Ok((Vec::new(), None));
            };
            let prefix = v.text("prefix").trim().to_uppercase();
            if crate::domain::RequirementId::parse(&format!("{prefix}-01")).is_err() {
                return Err(Refusal::Field(
                    "prefix",
                    Msg::FieldPrefixHelp.text(lang).to_string(),
                ));
            }
            let title = Text::new(v.text("title_sv"), v.text("title_en"));
            let n = cx
                .store
                .write(|tx| tx.duplicate_set(from, &id, &prefix, &title))
                .map_err(|e| match e {
                    crate::store::StoreError::DuplicateRequirementId { .. } => {
                        Refusal::Field("prefix", i18n::store_error(&e, lang))
                    }
                    crate::store::StoreError::AlreadyImported { .. }
                    | crate::store::StoreError::VersionExists { .. }
                    | crate::store::StoreError::BuiltinReadOnly(_) => {
                        Refusal::Field("id", Msg::SetIdTaken.text(lang).to_string())
                    }
                    other => store_err(other),
                })?;
            let msg = Msg::Duplicated
                .text(lang)
                .replace("{id}", id.as_str())
                .replace("{n}", &n.to_string());
            Ok((vec![Effect::Info(msg)], Some(id.to_string())))
        }
        FormPurpose::NewRequirement { set } | FormPurpose::EditRequirement { set, .. } => {
            let r =
                requirement_from_toml(&requirement_toml(v)).map_err(|e| first_error(&e, lang))?;
            let edit = match purpose {
                FormPurpose::EditRequirement {
                    requirement,
                    revision,
                    ..
                } => RequirementEdit::Existing {
                    id: requirement,
                    revision: *revision,
                },
                _ => RequirementEdit::New,
            };
            cx.store
                .write(|tx| tx.save_requirement(set, edit, &r))
                .map_err(|e| match e {
                    crate::store::StoreError::DuplicateRequirementId { .. } => {
                        Refusal::Field("id", i18n::store_error(&e, lang))
                    }
                    other => store_err(other),
                })?;
            Ok((saved(), None))
        }
        FormPurpose::ImportSet => {
            let path = v.text("path");
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Refusal::Field("path", e.to_string()))?;
            let parsed = catalog::parse_set(&path, &text).map_err(|errors| {
                let more = if errors.len() > 1 {
                    format!(" (+{})", errors.len() - 1)
                } else {
                    String::new()
                };
                Refusal::Field(
                    "path",
                    format!(
                        "{}{more}",
                        errors.first().map(|e| e.message(lang)).unwrap_or_default()
                    ),
                )
            })?;
            cx.store
                .write(|tx| tx.import_set(&parsed.set))
                .map_err(|e| Refusal::Field("path", i18n::store_error(&e, lang)))?;
            let msg = format!(
                "{} {} {}",
                Msg::Imported.text(lang),
                parsed.set.id,
                parsed.set.version
            );
            Ok((vec![Effect::Info(msg)], Some(parsed.set.id.to_string())))
        }
        FormPurpose::ExportSet { set } => {
            let path = v.text("path");
            if std::path::Path::new(&path).exists() {
                return Err(Refusal::Field(
                    "path",
                    Msg::FileExists.text(lang).to_string(),
                ));
            }
            let s = cx
                .store
                .set(set)
                .map_err(store_err)?
                .ok_or_else(|| Refusal::Message(Msg::SetNotFound.text(lang).into()))?;
            std::fs::write(&path, catalog::to_toml(&s))
                .map_err(|e| Refusal::Field("path", e.to_string()))?;
            Ok((
                vec![Effect::Info(format!("{} {path}", Msg::Exported.text(lang)))],
                None,
            ))
        }
        _ => Ok((Vec::new(), None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_paths_map_to_form_fields() {
        assert_eq!(field_of("applies_when.secrecy"), "applies_when");
        assert_eq!(field_of("title.en"), "title_en");
        assert_eq!(field_of("title.sv"), "title_sv");
        assert_eq!(field_of("risk.consequence"), "consequence");
        assert_eq!(field_of("tags[2]"), "tags");
        assert_eq!(field_of("id"), "id");
    }
}
