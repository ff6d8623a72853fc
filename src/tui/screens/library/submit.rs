//! What the Library's forms do when saved: one store call each, or, for set files, a job that
//! reads or writes the file off the input thread. A refusal names the field it concerns, in
//! the user's words, and the form stays open with what was typed.

use super::forms::{DuplicateField, PathField, SetField, catalog_refusal, requirement_toml};
use super::{Done, Purpose};
use crate::catalog::snippet::requirement_from_toml;
use crate::store::prelude::*;
use std::path::Path;

use crate::catalog::{self, CatalogError};
use crate::domain::{RequirementSet, SetId, SetVersion, Text};
use crate::files::{self, Access, Existing, FileError};
use crate::i18n::Msg;
use crate::store::StoreError;
use crate::store::custom_sets::RequirementEdit;
use crate::tui::error::{Refusal, UiError};
use crate::tui::screens::{Ctx, Job};
use crate::tui::widgets::form::Values;

/// What a saved form led to.
pub enum Submitted {
    /// Saved; select the set `select` afterwards, and say `message`.
    Saved {
        select: Option<String>,
        message: String,
    },
    /// The work goes on in a job.
    Spawn(Job<Done>),
}

fn saved(select: Option<String>, message: Msg, cx: &Ctx) -> Submitted {
    Submitted::Saved {
        select,
        message: message.text(cx.lang).to_string(),
    }
}

/// A set id the library already has, refused on the form's id field.
fn id_taken<K: crate::tui::widgets::form::FieldKey>(key: K, e: StoreError) -> Refusal {
    match e {
        StoreError::AlreadyImported { .. }
        | StoreError::VersionExists { .. }
        | StoreError::BuiltinReadOnly(_) => Refusal::at(key, UiError::Refused(Msg::SetIdTaken)),
        other => other.into(),
    }
}

fn bilingual<K: crate::tui::widgets::form::FieldKey>(
    v: &Values,
    sv: K,
    en: K,
) -> Result<Text, Refusal> {
    Ok(Text::new(v.get::<_, String>(sv)?, v.get::<_, String>(en)?))
}

pub fn submit(purpose: &Purpose, v: &Values, cx: &mut Ctx) -> Result<Submitted, Refusal> {
    match purpose {
        Purpose::NewSet => {
            let id: SetId = v.get(SetField::Id)?;
            let set = RequirementSet {
                id: id.clone(),
                version: v.get::<_, SetVersion>(SetField::Version)?,
                title: bilingual(v, SetField::TitleSv, SetField::TitleEn)?,
                description: bilingual(v, SetField::DescriptionSv, SetField::DescriptionEn)?,
                sources: Vec::new(),
                dates: Vec::new(),
                requirements: Vec::new(),
            };
            cx.store
                .write(|tx| tx.create_set(&set))
                .map_err(|e| id_taken(SetField::Id, e))?;
            Ok(saved(Some(id.to_string()), Msg::Saved, cx))
        }
        Purpose::EditSet { id, revision } => {
            let title = bilingual(v, SetField::TitleSv, SetField::TitleEn)?;
            let description = bilingual(v, SetField::DescriptionSv, SetField::DescriptionEn)?;
            cx.store
                .write(|tx| tx.update_set_meta(id, *revision, &title, &description))?;
            Ok(saved(None, Msg::Saved, cx))
        }
        Purpose::DuplicateSet { from } => duplicate(from, v, cx),
        Purpose::NewRequirement { set } => save_requirement(set, RequirementEdit::New, v, cx),
        Purpose::EditRequirement {
            set,
            requirement,
            revision,
        } => {
            let edit = RequirementEdit::Existing {
                id: requirement,
                revision: *revision,
            };
            save_requirement(set, edit, v, cx)
        }
        Purpose::ImportSet => {
            let path: String = v.get(PathField::Path)?;
            // A path that is not there is refused on the field; reading and checking the file
            // is the job's.
            std::fs::metadata(&path).map_err(|e| {
                Refusal::at(PathField::Path, FileError::from_io(Path::new(&path), e))
            })?;
            Ok(Submitted::Spawn(import_job(path)))
        }
        Purpose::ExportSet { set } => {
            let path: String = v.get(PathField::Path)?;
            // Also a dangling link: nothing is written through a link.
            if std::fs::symlink_metadata(&path).is_ok() {
                return Err(Refusal::at(
                    PathField::Path,
                    UiError::Refused(Msg::FileExists),
                ));
            }
            let s = cx.store.set(set)?.ok_or(UiError::Gone)?;
            Ok(Submitted::Spawn(export_job(
                set.clone(),
                path,
                catalog::to_toml(&s),
            )))
        }
    }
}

fn duplicate(from: &str, v: &Values, cx: &mut Ctx) -> Result<Submitted, Refusal> {
    let id: SetId = v.get(DuplicateField::Id)?;
    let prefix: String = v.get(DuplicateField::Prefix)?;
    let title = bilingual(v, DuplicateField::TitleSv, DuplicateField::TitleEn)?;
    let n = cx
        .store
        .write(|tx| tx.duplicate_set(from, &id, &prefix, &title))
        .map_err(|e| match e {
            e @ StoreError::DuplicateRequirementId { .. } => Refusal::at(DuplicateField::Prefix, e),
            other => id_taken(DuplicateField::Id, other),
        })?;
    let message = Msg::Duplicated
        .counted(n, cx.lang)
        .replace("{id}", id.as_str())
        .replace("{n}", &n.to_string());
    Ok(Submitted::Saved {
        select: Some(id.to_string()),
        message,
    })
}

fn save_requirement(
    set: &str,
    edit: RequirementEdit,
    v: &Values,
    cx: &mut Ctx,
) -> Result<Submitted, Refusal> {
    let mut r = requirement_from_toml(&requirement_toml(v)?).map_err(catalog_refusal)?;
    // The form has no fields for references; an edit keeps those the requirement had.
    if let RequirementEdit::Existing { id, .. } = edit {
        let stored = cx
            .store
            .set(set)?
            .and_then(|s| s.requirements.into_iter().find(|old| old.id.as_str() == id));
        if let Some(old) = stored {
            r.see = old.see;
            r.applies_from = old.applies_from;
        }
    }
    cx.store
        .write(|tx| tx.save_requirement(set, edit, &r))
        .map_err(|e| match e {
            e @ StoreError::DuplicateRequirementId { .. } => {
                Refusal::at(super::forms::ReqField::Id, e)
            }
            other => other.into(),
        })?;
    Ok(saved(None, Msg::Saved, cx))
}

/// Reads and parses a set file: the work of an import job. Its references are checked against
/// the library when it is imported ([`import_parsed`]).
fn read_set_file(path: &str) -> Result<Box<catalog::ParsedSet>, UiError> {
    let text = files::read_text(Path::new(path), catalog::MAX_FILE_BYTES)?;
    catalog::parse_set(path, &text)
        .map(Box::new)
        .map_err(|errors: Vec<CatalogError>| UiError::Catalog(errors))
}

/// Imports a set read by a job, once its `see` and `applies_from` resolve in the file or in the
/// library (other sets than the one imported, whose older version is replaced).
pub fn import_parsed(parsed: catalog::ParsedSet, cx: &mut Ctx) -> Result<RequirementSet, UiError> {
    let own = parsed.set.id.as_str();
    let mut known = catalog::Known::default();
    for e in cx
        .store
        .requirement_index()?
        .iter()
        .filter(|e| e.set_id != own)
    {
        known.add_requirement(&e.requirement_id);
    }
    for (set_id, d) in cx.store.key_dates()? {
        if set_id != own {
            known.add_date(d.key.as_str());
        }
    }
    let errors = catalog::check_references(std::slice::from_ref(&parsed), &known);
    if !errors.is_empty() {
        return Err(UiError::Catalog(errors));
    }
    cx.store.write(|tx| tx.import_set(&parsed.set))?;
    Ok(parsed.set)
}

/// The job that imports `path`.
fn import_job(path: String) -> Job<Done> {
    Box::new(move || {
        let result = read_set_file(&path);
        Done::Imported { path, result }
    })
}

/// The job that writes `text` to `path`.
fn export_job(set: String, path: String, text: String) -> Job<Done> {
    Box::new(move || {
        // Through a temporary file and a rename, readable by others like any export, never
        // over an existing file or through a link.
        let result = files::write_file(
            Path::new(&path),
            text.as_bytes(),
            Access::Shared,
            Existing::Refuse,
        )
        .map_err(UiError::from);
        Done::Exported { set, path, result }
    })
}
