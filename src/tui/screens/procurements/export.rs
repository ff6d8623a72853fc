//! Exporting the open procurement's requirement specification (`x`): a dialog for the format,
//! the language, the internal variant, the file and whether to replace it, then a job that
//! builds, renders and writes the document while the keys stay live. The store is read on the
//! main thread before the job starts (`export::load`); the job has only what it was given, the
//! settings file (for the organisation on the cover) and the file it writes.

use std::path::{Path, PathBuf};

use super::detail::Detail;
use super::{Procurements, Purpose};
use crate::domain::Lang;
use crate::export::{self, CsvStyle, ExportError, Format, Options};
use crate::files::{Existing, FileError};
use crate::i18n::{self, Msg, field_help, field_label};
use crate::sanitize::for_terminal;
use crate::settings;
use crate::tui::error::Refusal;
use crate::tui::screens::{Ctx, Effect, Job, Outcome, info};
use crate::tui::widgets::form::{Choice, Field, FieldId, FormState, Kind, Values, field_keys};

field_keys! {
    /// The fields of the export dialog, in its order.
    pub enum ExportField { Format, Lang, Internal, File, Replace }
}

impl ExportField {
    /// The key of the field's label and help in `i18n::fields`.
    fn name(self) -> &'static str {
        match self {
            ExportField::Format => "export_format",
            ExportField::Lang => "export_lang",
            ExportField::Internal => "export_internal",
            ExportField::File => "export_file",
            ExportField::Replace => "export_replace",
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        field_label(self.name(), lang)
    }

    fn help(self, lang: Lang) -> &'static str {
        field_help(self.name(), lang)
    }
}

/// What the dialog holds: its first state, or what was typed before an export failed.
#[derive(Debug, Clone)]
struct Choices {
    format: Format,
    lang: Lang,
    internal: bool,
    /// The file as typed; `None` for the name that follows the other choices.
    file: Option<String>,
    replace: bool,
}

/// A finished export: the file it was for (absolute), whether it was written, and the dialog
/// as it was sent, to give back when it was not.
pub struct Done {
    path: PathBuf,
    format: Format,
    result: Result<(), ExportError>,
    procurement: i64,
    reference: String,
    choices: Choices,
}

/// How a format is named in the dialog: the name people know it by, the same in both
/// languages.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Docx => "DOCX",
        Format::Html => "HTML",
        Format::Markdown => "Markdown",
        Format::Csv => "CSV",
        Format::Json => "JSON",
        Format::Pdf => "PDF",
    }
}

fn lang_name(of: Lang, lang: Lang) -> String {
    match of {
        Lang::Sv => Msg::LangSwedish,
        Lang::En => Msg::LangEnglish,
    }
    .text(lang)
    .to_string()
}

/// `x`: the dialog for the open procurement, DOCX in the interface's language to start with,
/// and a file name that follows those choices until the user types one of their own.
pub fn form(d: &Detail, lang: Lang) -> Outcome<Procurements> {
    let first = Choices {
        format: Format::Docx,
        lang,
        internal: false,
        file: None,
        replace: false,
    };
    let (purpose, form) = dialog(d.record.id, &d.record.value.reference, &first, lang);
    Ok(vec![Effect::Form(purpose, form)])
}

fn dialog(procurement: i64, reference: &str, c: &Choices, lang: Lang) -> (Purpose, Box<FormState>) {
    use ExportField as F;
    let formats = Format::ALL
        .into_iter()
        .map(|f| {
            let choice = Choice::new(format_name(f), f);
            match f {
                Format::Pdf => choice.with_help(
                    Msg::ExportPdfHelp
                        .text(lang)
                        .replace("{package}", export::pdf::PACKAGE),
                ),
                _ => choice,
            }
        })
        .collect();
    let fields = vec![
        Field::choice(
            F::Format,
            F::Format.label(lang),
            formats,
            format_index(c.format),
        )
        .with_help(F::Format.help(lang)),
        Field::choice_of(F::Lang, F::Lang.label(lang), &Lang::ALL, c.lang, |l| {
            lang_name(l, lang)
        })
        .with_help(F::Lang.help(lang)),
        Field::yes_no(F::Internal, F::Internal.label(lang), c.internal, lang)
            .with_help(F::Internal.help(lang)),
        Field::new(F::File, F::File.label(lang), Kind::Text)
            .required()
            .with_help(F::File.help(lang)),
        Field::yes_no(F::Replace, F::Replace.label(lang), c.replace, lang)
            .with_help(F::Replace.help(lang)),
    ];
    let title = format!("{} {reference}", Msg::FormExportDocument.text(lang));
    let reference = reference.to_string();
    let mut form = Box::new(FormState::new(title, fields, lang));
    form.follow(
        F::File,
        Box::new(move |f: &FormState| {
            Some(export::default_file_name(
                &reference,
                f.chosen(F::Format)?,
                f.chosen(F::Lang)?,
                f.chosen(F::Internal)?,
            ))
        }),
    );
    // A name of the user's own stops the following; the proposed one goes on following.
    if let Some(file) = &c.file {
        form.set_text(F::File, file);
    }
    (Purpose::Export { procurement }, form)
}

fn format_index(format: Format) -> usize {
    Format::ALL.iter().position(|f| *f == format).unwrap_or(0)
}

/// Enter in the dialog: what the document needs is read now, on the main thread; building,
/// rendering and writing it is the job's.
pub fn submit(
    procurement: i64,
    v: &Values,
    cx: &mut Ctx,
) -> Result<Vec<Effect<Procurements>>, Refusal> {
    use ExportField as F;
    let format: Format = v.get(F::Format)?;
    let opts = Options {
        lang: v.get(F::Lang)?,
        internal: v.get(F::Internal)?,
    };
    let file: String = v.get(F::File)?;
    let replace: bool = v.get(F::Replace)?;
    let existing = if replace {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    // Absolute now, so the message afterwards names the very file that was written.
    let path = std::path::absolute(&file)
        .map_err(|e| Refusal::at(F::File, FileError::from_io(Path::new(&file), e)))?;
    let loaded = export::load::load(&*cx.store, procurement)?;
    let reference = loaded.procurement.reference.clone();
    let proposed = export::default_file_name(&reference, format, opts.lang, opts.internal);
    let choices = Choices {
        format,
        lang: opts.lang,
        internal: opts.internal,
        file: (file != proposed).then(|| file.clone()),
        replace,
    };
    let settings = cx.settings.map(Path::to_path_buf);
    let today = cx.today;
    let job: Job<Done> = Box::new(move || {
        let organisation = settings::organisation(settings.as_deref());
        let doc = loaded.document(&organisation, today, opts);
        // PDF too: LibreOffice runs here, off the input thread, for the seconds it takes.
        let result = export::write(&doc, format, CsvStyle::default(), &path, existing);
        Done {
            path,
            format,
            result,
            procurement,
            reference,
            choices,
        }
    });
    Ok(vec![Effect::Spawn(job)])
}

/// The job is back: the file's full path, or why nothing was written.
pub fn finished(done: Done, lang: Lang) -> Outcome<Procurements> {
    match done.result {
        Ok(()) => {
            tracing::info!(path = %done.path.display(), format = ?done.format, "exported");
            Ok(info(
                Msg::ExportSaved
                    .text(lang)
                    .replace("{path}", &shown(&done.path)),
            ))
        }
        Err(e) => {
            tracing::info!(error = %e, format = ?done.format, "export refused");
            // The dialog comes back as it was sent, with the reason on the file, to correct
            // and send again.
            let (purpose, mut form) =
                dialog(done.procurement, &done.reference, &done.choices, lang);
            form.set_error(
                FieldId::of(ExportField::File),
                error_text(&e, done.format, lang),
            );
            Ok(vec![Effect::Form(purpose, form)])
        }
    }
}

fn shown(path: &Path) -> String {
    for_terminal(&path.display().to_string()).into_owned()
}

/// An export's failure in the user's words, with what to do about it.
fn error_text(e: &ExportError, format: Format, lang: Lang) -> String {
    match e {
        ExportError::File(FileError::Exists(p)) => Msg::ExportExists
            .text(lang)
            .replace("{path}", &shown(p))
            .replace("{field}", ExportField::Replace.label(lang)),
        ExportError::File(f) => i18n::file_error(f, lang),
        ExportError::NoLibreOffice => Msg::ExportNoLibreOffice
            .text(lang)
            .replace("{package}", export::pdf::PACKAGE),
        ExportError::Conversion(detail) => Msg::ExportConversion
            .text(lang)
            .replace("{format}", format_name(format))
            .replace("{detail}", &for_terminal(detail)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_says_what_to_do_in_both_languages() {
        let p = PathBuf::from("/tmp/ut\u{1b}]0;x\u{7}/KS.docx");
        let exists = ExportError::File(FileError::Exists(p.clone()));
        assert!(error_text(&exists, Format::Docx, Lang::Sv).contains("Ersätt befintlig fil"));
        assert!(error_text(&exists, Format::Docx, Lang::En).contains("Replace existing file"));
        for lang in Lang::ALL {
            let text = error_text(&exists, Format::Docx, lang);
            assert!(!text.contains('\u{1b}'), "{text}");
            let pdf = error_text(&ExportError::NoLibreOffice, Format::Pdf, lang);
            assert!(pdf.contains(export::pdf::PACKAGE), "{pdf}");
            let missing = ExportError::File(FileError::DirectoryMissing(PathBuf::from("/no/dir")));
            assert!(error_text(&missing, Format::Csv, lang).contains("/no/dir"));
        }
        let conv = ExportError::Conversion("source file could not be loaded".into());
        assert!(error_text(&conv, Format::Docx, Lang::Sv).contains("DOCX"));
    }
}
