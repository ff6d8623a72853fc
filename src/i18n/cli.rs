//! The command line's errors and warnings, and the errors of files and of the clock, in
//! Swedish and English. Every path and value a user or a file supplied is passed through
//! `sanitize::for_terminal` here, so a message is safe wherever it is shown (the CLI's writers
//! escape again, which changes nothing in text already escaped).

use std::path::Path;

use crate::cli::CliError;
use crate::clock::{ClockError, YEARS};
use crate::domain::Lang;
use crate::files::FileError;
use crate::sanitize::for_terminal;
use crate::settings::{Problem, SettingsError};

macro_rules! cli_texts {
    ($($name:ident => ($sv:expr, $en:expr)),+ $(,)?) => {
        /// A fixed text of the command line, with `{placeholders}` filled in by the caller.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum CliText { $($name),+ }

        impl CliText {
            pub const ALL: &'static [CliText] = &[$(CliText::$name),+];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((CliText::$name, Lang::Sv) => $sv, (CliText::$name, Lang::En) => $en,)+
                }
            }
        }
    };
}

cli_texts! {
    MoreErrors => ("… och {n} fel till", "… and {n} more errors"),
    // `procurements export|new|publish`.
    Exported => ("Sparade {path}", "Saved {path}"),
    Created => (
        "Skapade {reference} med {lines} ur {sets}",
        "Created {reference} with {lines} from {sets}"
    ),
    Published => ("Publicerade {reference}", "Published {reference}"),
    PublishNeedsYes => (
        "Publicerades inte. Läs varningarna; publicera ändå med --yes.",
        "Not published. Read the warnings; publish anyway with --yes."
    ),
    NoLibreOffice => (
        "PDF görs med LibreOffice, som inte är installerat. Installera paketet {package} (till exempel: sudo apt install {package}), eller exportera som docx och spara som PDF i ordbehandlaren.",
        "PDF is made with LibreOffice, which is not installed. Install the package {package} (for example: sudo apt install {package}), or export as docx and save as PDF from the word processor."
    ),
    ConversionFailed => (
        "LibreOffice kunde inte göra om dokumentet till PDF: {reason}",
        "LibreOffice could not convert the document to PDF: {reason}"
    ),
    DatabaseReadable => (
        "varning: databasen {path} kan läsas av andra användare på datorn; gör den privat med: chmod 600 {path}",
        "warning: the database {path} can be read by other users of this computer; make it private with: chmod 600 {path}"
    ),
    LogBadLevel => (
        "varning: okänd loggnivå \"{value}\" (--log eller KRAVKOLL_LOG); skriv till exempel debug eller kravkoll=debug. Loggar på nivån info.",
        "warning: unknown log level \"{value}\" (--log or KRAVKOLL_LOG); write for example debug or kravkoll=debug. Logging at level info."
    ),
    LogUnavailable => (
        "varning: loggfilen kan inte öppnas ({reason}); fortsätter utan logg",
        "warning: cannot open the log file ({reason}); going on without a log"
    ),
    LogNoDirectory => (
        "ingen katalog för loggfilen (är HOME satt?)",
        "no directory for the log file (is HOME set?)"
    ),
    NoDataDir => (
        "hittar ingen datakatalog för användaren (är HOME satt?); ange en databasfil med --db eller KRAVKOLL_DB",
        "cannot find a data directory for this user (is HOME set?); name a database file with --db or KRAVKOLL_DB"
    ),
    // Counts: `{files}`, `{errors}`… are filled with `Noun::count`, so the noun agrees with its
    // number; where the rest of the sentence agrees too, `CliText::counted` has the one-form.
    FilesValid => ("{files} är giltiga ({requirements})", "{files} are valid ({requirements})"),
    ErrorsFound => ("{errors} hittades", "{errors} found"),
    ImportedSet => ("Importerade {set} {version} ({requirements})", "Imported {set} {version} ({requirements})"),
    // `sets sync`: one row per file, then what it came to.
    ColFile => ("Fil", "File"),
    ColSet => ("Kravpaket", "Set"),
    ColResult => ("Resultat", "Result"),
    SyncAdded => ("tillagd", "added"),
    SyncNotImported => ("ny, inte importerad", "new, not imported"),
    SyncUnchanged => ("fanns redan", "already there"),
    SyncConflict => ("konflikt", "conflict"),
    SyncRefused => ("vägrad", "refused"),
    SyncAddedCount => ("{sets} tillagda", "{sets} added"),
    SyncUnchangedCount => ("{n} fanns redan", "{n} already there"),
    SyncConflictLibrary => (
        "{file}: konflikt: version {version} av {set} finns redan i biblioteket med annat innehåll; ge det ändrade paketet en ny version",
        "{file}: conflict: version {version} of {set} is already in the library with other content; give the changed set a new version"
    ),
    SyncConflictFolder => (
        "{file}: konflikt: version {version} av {set} finns också i {other} med annat innehåll",
        "{file}: conflict: version {version} of {set} is also in {other} with other content"
    ),
    SyncNothingImported => (
        "Inget importerades; biblioteket är som förut.",
        "Nothing was imported; the library is as it was."
    ),
    SyncNoFiles => ("{dir} har inga kravpaketsfiler (*.toml)", "{dir} has no set files (*.toml)"),
    ExportedAll => ("{sets} skrivna till {dir}", "{sets} written to {dir}"),
    ExportNoOwnSets => (
        "Biblioteket har inga egna kravpaket att skriva; de inbyggda följer med programmet.",
        "The library has no own sets to write; the built-in ones come with the program."
    ),
    AppliesCount => ("{n} av {total} gäller för profilen.", "{n} of {total} apply to the profile."),
    DemoCounts => (
        "{procurements} med {lines}, {suppliers} med {sub_suppliers}, {contracts} och {reviews}",
        "{procurements} with {lines}, {suppliers} with {sub_suppliers}, {contracts} and {reviews}"
    ),
    SettingsIgnored => (
        "varning: {reason}; filens inställningar används inte",
        "warning: {reason}; the file's settings are not used"
    ),
    LanguageNotSaved => (
        "Språket kunde inte sparas till nästa gång: {reason}",
        "The language could not be saved for next time: {reason}"
    ),
    // `--help`: clap's headings and the notes it puts after a flag's text.
    HelpUsage => ("Användning", "Usage"),
    HelpCommands => ("Kommandon", "Commands"),
    HelpArguments => ("Argument", "Arguments"),
    HelpOptions => ("Flaggor", "Options"),
    HelpOptionsTag => ("[FLAGGOR]", "[OPTIONS]"),
    HelpDefault => ("standard: {value}", "default: {value}"),
    HelpValues => ("möjliga värden: {values}", "possible values: {values}"),
    HelpEnv => ("miljövariabel: {name}", "env: {name}"),
    // Usage errors (exit 2), as clap words them in English.
    UsageError => ("fel", "error"),
    UsageTip => ("tips", "tip"),
    UsageTryHelp => ("Mer hjälp får du med '{flag}'.", "For more information, try '{flag}'."),
    UsageInvalidValue => ("ogiltigt värde '{value}' för '{arg}'", "invalid value '{value}' for '{arg}'"),
    UsageValueMissing => ("'{arg}' behöver ett värde men fick inget", "a value is required for '{arg}' but none was supplied"),
    UsagePossibleValues => ("möjliga värden", "possible values"),
    UsageUnknownArgument => ("okänt argument '{arg}'", "unexpected argument '{arg}' found"),
    UsageUnknownCommand => ("okänt kommando '{command}'", "unrecognized subcommand '{command}'"),
    UsageMissingArguments => ("de här argumenten behövs men saknas:", "the following required arguments were not provided:"),
    UsageMissingCommand => ("'{command}' behöver ett kommando men fick inget", "'{command}' requires a subcommand but one was not provided"),
    UsageCommands => ("kommandon", "subcommands"),
    UsageRepeated => ("argumentet '{arg}' får bara anges en gång", "the argument '{arg}' cannot be used multiple times"),
    UsageConflict => ("argumentet '{arg}' kan inte användas tillsammans med", "the argument '{arg}' cannot be used with"),
    UsageConflictOthers => ("ett eller flera av de andra argumenten", "one or more of the other specified arguments"),
    UsageNoEquals => ("ett värde till '{arg}' skrivs efter ett likhetstecken", "equal sign is needed when assigning values to '{arg}'"),
    UsageTooManyValues => ("oväntat värde '{value}' för '{arg}'; inga fler värden väntades", "unexpected value '{value}' for '{arg}' found; no more were expected"),
    UsageNotUtf8 => ("ett argument är inte giltig UTF-8", "invalid UTF-8 was detected in one or more arguments"),
    UsageSimilarCommand => ("det finns ett liknande kommando: {names}", "a similar subcommand exists: {names}"),
    UsageSimilarCommands => ("det finns liknande kommandon: {names}", "some similar subcommands exist: {names}"),
    UsageSimilarArgument => ("det finns ett liknande argument: {names}", "a similar argument exists: {names}"),
    UsageSimilarValue => ("det finns ett liknande värde: {names}", "a similar value exists: {names}"),
    UsageAsValue => ("för att ange '{arg}' som ett värde, skriv '{fix}'", "to pass '{arg}' as a value, use '{fix}'"),
    UsageExists => ("'{name}' finns", "'{name}' exists"),
    UsageNoDoubleDash => (
        "kommandot '{command}' finns; ta bort '--' före det för att använda det",
        "subcommand '{command}' exists; to use it, remove the '--' before it"
    ),
    ScaleCounts => (
        "{requirements} i {sets}, {procurements}, {suppliers} och {reviews}, genererat på {seconds} s",
        "{requirements} in {sets}, {procurements}, {suppliers} and {reviews}, generated in {seconds} s"
    ),
}

fn shown(path: &Path) -> String {
    for_terminal(&path.display().to_string()).into_owned()
}

/// A size for people: `12,3 MB` in Swedish, `12.3 MB` in English (1 MB = 1,000,000 bytes).
fn megabytes(bytes: u64, lang: Lang) -> String {
    let mb = bytes as f64 / 1_000_000.0;
    let text = if bytes.is_multiple_of(1_000_000) {
        format!("{mb:.0}")
    } else {
        format!("{mb:.1}")
    };
    match lang {
        Lang::Sv => format!("{} MB", text.replace('.', ",")),
        Lang::En => format!("{text} MB"),
    }
}

/// A file error in `lang`, naming the path.
pub fn file_error(e: &FileError, lang: Lang) -> String {
    let p = shown(e.path());
    let sv = lang == Lang::Sv;
    match e {
        FileError::Exists(_) if sv => format!("{p} finns redan; välj ett annat namn"),
        FileError::Exists(_) => format!("{p} already exists; choose another name"),
        FileError::Symlink(_) if sv => format!(
            "{p} är en symbolisk länk; kravkoll skriver inte genom länkar, ange själva filen"
        ),
        FileError::Symlink(_) => format!(
            "{p} is a symbolic link; kravkoll does not write through links, name the file itself"
        ),
        FileError::IsDirectory(_) if sv => format!("{p} är en katalog, inte en fil"),
        FileError::IsDirectory(_) => format!("{p} is a directory, not a file"),
        FileError::DirectoryMissing(_) if sv => format!("katalogen {p} finns inte"),
        FileError::DirectoryMissing(_) => format!("the directory {p} does not exist"),
        FileError::NotFound(_) if sv => format!("{p} finns inte"),
        FileError::NotFound(_) => format!("{p} does not exist"),
        FileError::PermissionDenied(_) if sv => format!(
            "behörighet saknas till {p}; kontrollera rättigheterna eller välj en annan plats"
        ),
        FileError::PermissionDenied(_) => {
            format!("permission denied for {p}; check its permissions or choose another place")
        }
        FileError::TooLarge { size, limit, .. } => too_large(&p, *size, *limit, lang),
        FileError::NotText(_) if sv => format!("{p} är inte text i UTF-8"),
        FileError::NotText(_) => format!("{p} is not UTF-8 text"),
        FileError::Io { source, .. } if sv => {
            format!("fel vid åtkomst av {p}: {}", super::io_error(source, lang))
        }
        FileError::Io { source, .. } => {
            format!("cannot access {p}: {}", super::io_error(source, lang))
        }
    }
}

fn too_large(p: &str, size: Option<u64>, limit: u64, lang: Lang) -> String {
    let max = megabytes(limit, lang);
    match (size, lang) {
        (Some(s), Lang::Sv) => format!(
            "{p} är {} stor; filer över {max} läses inte",
            megabytes(s, lang)
        ),
        (Some(s), Lang::En) => {
            format!(
                "{p} is {}; files over {max} are not read",
                megabytes(s, lang)
            )
        }
        (None, Lang::Sv) => format!("{p} är större än {max}; filer över {max} läses inte"),
        (None, Lang::En) => format!("{p} is larger than {max}; files over {max} are not read"),
    }
}

/// Why `KRAVKOLL_TODAY` is refused, in `lang`.
pub fn clock_error(e: &ClockError, lang: Lang) -> String {
    let (from, to) = (YEARS.start(), YEARS.end());
    match (e, lang) {
        (ClockError::NotADate(v), Lang::Sv) => format!(
            "KRAVKOLL_TODAY ska vara ett datum skrivet ÅÅÅÅ-MM-DD, inte '{}'",
            for_terminal(v)
        ),
        (ClockError::NotADate(v), Lang::En) => format!(
            "KRAVKOLL_TODAY must be a date written YYYY-MM-DD, not '{}'",
            for_terminal(v)
        ),
        (ClockError::OutOfRange(v), Lang::Sv) => format!(
            "KRAVKOLL_TODAY ska vara ett datum mellan år {from} och {to}, inte '{}'",
            for_terminal(v)
        ),
        (ClockError::OutOfRange(v), Lang::En) => format!(
            "KRAVKOLL_TODAY must be a date between the years {from} and {to}, not '{}'",
            for_terminal(v)
        ),
    }
}

/// Why the settings file cannot be read or written, in `lang`, with the file and line.
pub fn settings_error(e: &SettingsError, lang: Lang) -> String {
    let (path, line, problem) = match e {
        SettingsError::File(f) => return file_error(f, lang),
        SettingsError::Invalid {
            path,
            line,
            problem,
        } => (shown(path), line, problem),
    };
    let reason = match (problem, lang) {
        (Problem::Syntax(detail), Lang::Sv) => {
            format!("inte giltig TOML: {}", for_terminal(detail))
        }
        (Problem::Syntax(detail), Lang::En) => format!("not valid TOML: {}", for_terminal(detail)),
        (Problem::NotALanguage(v), Lang::Sv) => {
            format!(
                "lang ska vara \"sv\" eller \"en\", inte \"{}\"",
                for_terminal(v)
            )
        }
        (Problem::NotALanguage(v), Lang::En) => {
            format!("lang must be \"sv\" or \"en\", not \"{}\"", for_terminal(v))
        }
    };
    match lang {
        Lang::Sv => format!("{path}:{line}: inställningsfilen går inte att läsa: {reason}"),
        Lang::En => format!("{path}:{line}: the settings file cannot be read: {reason}"),
    }
}

/// An error of the command line in `lang`.
/// An export's error in the user's language.
pub fn export_error(e: &crate::export::ExportError, lang: Lang) -> String {
    use crate::export::ExportError;
    match e {
        ExportError::File(f) => file_error(f, lang),
        ExportError::NoLibreOffice => CliText::NoLibreOffice
            .text(lang)
            .replace("{package}", crate::export::pdf::PACKAGE),
        ExportError::Conversion(reason) => CliText::ConversionFailed
            .text(lang)
            .replace("{reason}", &for_terminal(reason)),
    }
}

pub fn cli_error(e: &CliError, lang: Lang) -> String {
    use super::Msg;
    let sv = lang == Lang::Sv;
    match e {
        CliError::SetNotFound { id } => {
            format!("{}: {}", Msg::SetNotFound.text(lang), for_terminal(id))
        }
        CliError::VersionNotFound { id, version } => format!(
            "{}: {} {}",
            Msg::VersionNotFound.text(lang),
            for_terminal(id),
            for_terminal(version)
        ),
        CliError::NotAProfile {
            path,
            line,
            column,
            detail,
        } => format!(
            "{}:{line}:{column}: {}: {}",
            shown(path),
            if sv {
                "ingen giltig profil"
            } else {
                "not a valid profile"
            },
            for_terminal(detail)
        ),
        CliError::BadDate { value, reason } => {
            use crate::domain::date::DateError;
            let value = for_terminal(value);
            match (reason, sv) {
                (DateError::Format, true) => {
                    format!("{value}: skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-31")
                }
                (DateError::NoSuchDay(_), true) => format!("{value} finns inte i kalendern"),
                (DateError::Format, false) => {
                    format!("{value}: write the date as YYYY-MM-DD, for example 2027-01-31")
                }
                (DateError::NoSuchDay(_), false) => format!("{value} is not a day in the calendar"),
            }
        }
        CliError::ExportExists(path) if sv => format!(
            "{} finns redan; välj ett annat namn eller ersätt filen med --force",
            shown(path)
        ),
        CliError::ExportExists(path) => format!(
            "{} already exists; choose another name or replace it with --force",
            shown(path)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut found: Vec<&str> = s
            .match_indices('{')
            .filter_map(|(i, _)| s[i..].find('}').map(|j| &s[i..i + j + 1]))
            .collect();
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for t in CliText::ALL {
            let (sv, en) = (t.text(Lang::Sv), t.text(Lang::En));
            assert!(!sv.is_empty() && !en.is_empty(), "{t:?}");
            assert_eq!(placeholders(sv), placeholders(en), "{t:?}");
        }
    }

    #[test]
    fn paths_and_values_in_messages_are_escaped() {
        let evil = PathBuf::from("ut\u{1b}]0;x\u{7}.toml");
        for lang in Lang::ALL {
            let texts = [
                file_error(&FileError::Exists(evil.clone()), lang),
                cli_error(&CliError::ExportExists(evil.clone()), lang),
                clock_error(&ClockError::NotADate("\u{1b}[2J".into()), lang),
                cli_error(
                    &CliError::SetNotFound {
                        id: "\u{202e}x".into(),
                    },
                    lang,
                ),
            ];
            for t in texts {
                assert!(!t.chars().any(crate::sanitize::is_unsafe), "{t:?}");
                assert!(t.contains("\\u001b") || t.contains("\\u202e"), "{t}");
            }
        }
    }

    #[test]
    fn every_file_error_names_its_path_and_the_os_reason_in_the_language() {
        use std::io::{Error, ErrorKind};
        let p = || PathBuf::from("mapp/fil.toml");
        let io = |kind| FileError::Io {
            path: p(),
            source: Error::from(kind),
        };
        let errors = [
            FileError::Exists(p()),
            FileError::Symlink(p()),
            FileError::IsDirectory(p()),
            FileError::DirectoryMissing(p()),
            FileError::NotFound(p()),
            FileError::PermissionDenied(p()),
            FileError::NotText(p()),
            FileError::TooLarge {
                path: p(),
                size: None,
                limit: 1,
            },
            io(ErrorKind::NotADirectory),
            io(ErrorKind::StorageFull),
            io(ErrorKind::ReadOnlyFilesystem),
            io(ErrorKind::AlreadyExists),
        ];
        for e in &errors {
            for lang in Lang::ALL {
                let text = file_error(e, lang);
                assert!(text.contains("mapp/fil.toml"), "{text}");
                assert!(!text.contains("os error"), "{text}");
            }
            let sv = file_error(e, Lang::Sv);
            for english in [
                "denied",
                "exist",
                "directory",
                "the file",
                "disk is",
                "read-only",
            ] {
                assert!(!sv.contains(english), "{english}: {sv}");
            }
        }
        assert_eq!(
            file_error(&FileError::PermissionDenied(p()), Lang::Sv),
            "behörighet saknas till mapp/fil.toml; kontrollera rättigheterna eller välj en annan plats"
        );
        assert_eq!(
            file_error(&io(ErrorKind::StorageFull), Lang::Sv),
            "fel vid åtkomst av mapp/fil.toml: disken är full"
        );
    }

    #[test]
    fn sizes_read_as_megabytes_and_the_range_is_named() {
        let e = FileError::TooLarge {
            path: PathBuf::from("stor.toml"),
            size: Some(12_345_678),
            limit: 10_000_000,
        };
        assert_eq!(
            file_error(&e, Lang::Sv),
            "stor.toml är 12,3 MB stor; filer över 10 MB läses inte"
        );
        assert_eq!(
            file_error(&e, Lang::En),
            "stor.toml is 12.3 MB; files over 10 MB are not read"
        );
        let e = ClockError::OutOfRange("+262142-12-31".into());
        assert!(clock_error(&e, Lang::Sv).contains("mellan år 1900 och 2200"));
        assert!(clock_error(&e, Lang::En).contains("between the years 1900 and 2200"));
    }
}
