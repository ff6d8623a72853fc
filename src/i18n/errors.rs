//! Errors of the domain and the store in the user's language. English is each error's own
//! `Display`; Swedish is written here. Errors about the database file (locked, read-only,
//! damaged, not kravkoll's) name the file and say what to do in both languages.

use super::{Label, Noun};
use crate::domain::contract::ContractError;
use crate::domain::procurement::ProcurementError;
use crate::domain::profile::ProfileWarning;
use crate::domain::review::FollowUpError;
use crate::domain::supplier::SupplierError;
use crate::domain::{Lang, OrgNumberError, Status};
use crate::store::{ForeignReason, StoreError};
/// A profile warning in the user's language.
pub fn profile_warning(w: ProfileWarning, lang: Lang) -> &'static str {
    let (sv, en) = match w {
        ProfileWarning::Level4OutsideLibrary => (
            "Nivå 4 i KLASSA innebär säkerhetsskydd: det ligger utanför kravbiblioteket och kräver en process för säkerhetsskyddad upphandling med säkerhetsskyddsavtal.",
            "KLASSA level 4 means protective security: it is outside the requirement library and needs a protective-security procurement with a security protection agreement.",
        ),
        ProfileWarning::ProhibitedAi => (
            "AI-riskklassen är förbjuden (AI-förordningen art. 5): upphandlingen kan inte publiceras.",
            "The AI risk class is prohibited (AI Act art. 5): the procurement cannot be published.",
        ),
        ProfileWarning::AiRiskWithoutAi => (
            "En AI-riskklass är angiven men tjänsten har ingen AI; riskklassen används inte.",
            "An AI risk class is set but the service has no AI; the risk class is not used.",
        ),
        ProfileWarning::Level4SetsSecuritySensitive => (
            "Konfidentialitet 4 är säkerhetsskydd: verksamheten är markerad som säkerhetskänslig.",
            "Confidentiality 4 is protective security: the activity is marked security-sensitive.",
        ),
        ProfileWarning::ProcessorWithoutPersonalData => (
            "Leverantören är angiven som personuppgiftsbiträde, men tjänsten behandlar inga personuppgifter.",
            "The supplier is marked as a processor, but the service processes no personal data.",
        ),
    };
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// An organisation-number error in the user's language.
pub fn org_number_error(e: &OrgNumberError, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Sv => match e {
            OrgNumberError::Empty => "organisationsnumret saknas".into(),
            OrgNumberError::InvalidCharacter(c) => {
                format!(
                    "tecknet '{c}' får inte finnas i ett organisationsnummer (bara siffror och ett '-')"
                )
            }
            OrgNumberError::WrongLength(n) => format!(
                "ett organisationsnummer har 10 siffror (eller 12 som börjar med 16), inte {n}"
            ),
            OrgNumberError::BadPrefix(p) => format!("12 siffror ska börja med 16, inte {p}"),
            OrgNumberError::BadCheckDigit { expected, found } => format!(
                "kontrollsiffran stämmer inte: sista siffran ska vara {expected}, inte {found}"
            ),
        },
    }
}

fn procurement_error(e: &ProcurementError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        ProcurementError::MissingTitle => "titel krävs".into(),
        ProcurementError::MissingReference => "diarienummer krävs".into(),
        ProcurementError::NotAllowed { from, to } => {
            let name = |code: &str| Status::from_code(code).map_or("?", |s| s.label(Lang::Sv));
            format!("en upphandling med status {} kan inte bli {}", name(from), name(to))
        }
        ProcurementError::ProhibitedAi => "AI-riskklassen är 'förbjuden' (AI-förordningen art. 5): en förbjuden AI-tillämpning kan inte upphandlas".into(),
        ProcurementError::NoLines => "det finns inga ingående krav att publicera".into(),
        ProcurementError::DeadlinePassed(d) => format!("sista anbudsdag {d} har redan passerat"),
        ProcurementError::EmptyText(id) => format!("kravet {id} saknar kravtext"),
        ProcurementError::Frozen(code) => format!(
            "upphandlingen är {} och kraven är låsta; gör en rättelse i stället",
            Status::from_code(code).map_or("?", |s| s.label(Lang::Sv))
        ),
        ProcurementError::MissingReason => "en rättelse behöver ett skäl".into(),
        ProcurementError::NotPublished => "bara en publicerad upphandling kan rättas".into(),
    }
}

fn follow_up_error(e: &FollowUpError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        FollowUpError::AlreadyOpen(d) => {
            format!("avtalet har redan en öppen uppföljning (förfaller {d})")
        }
        FollowUpError::NoOpenReview => "avtalet har ingen öppen uppföljning".into(),
        FollowUpError::NotAllowed { from, to } => format!(
            "en uppföljning som är {} kan inte bli {}",
            from.label(Lang::Sv),
            to.label(Lang::Sv)
        ),
        FollowUpError::CompletedBeforeStart(d) => {
            format!("uppföljningen kan inte vara klar före avtalsstart ({d})")
        }
    }
}

/// A store error in the user's language.
pub fn store_error(e: &StoreError, lang: Lang) -> String {
    if let (StoreError::SetInUse { set, procurements }, Lang::En) = (e, lang) {
        // The error's own text says "procurement(s)"; a message can count properly.
        return format!(
            "set {set} is used by {} and cannot be deleted",
            Noun::Procurement.count(*procurements, lang)
        );
    }
    if let (StoreError::Io { path, source }, Lang::En) = (e, lang) {
        // The same words for the OS's reason as every other file error.
        return format!(
            "cannot create or open the database file {path}: {}",
            io_error(source, lang)
        );
    }
    if lang == Lang::En {
        return e.to_string();
    }
    if let Some(text) = file_error_sv(e) {
        return text;
    }
    match e {
        StoreError::Stale { entity, id } => super::entities::stale_sv(*entity, id),
        StoreError::NotFound { entity, id } => super::entities::not_found_sv(*entity, id),
        StoreError::BuiltinReadOnly(id) => format!(
            "det inbyggda kravpaketet {id} går inte att ändra; kopiera det till ett eget paket"
        ),
        StoreError::VersionExists { set, version } => format!(
            "version {version} av {set} finns redan i biblioteket med annat innehåll; ge det ändrade paketet en ny version"
        ),
        StoreError::AlreadyImported { set, version } => {
            format!("version {version} av {set} finns redan i biblioteket")
        }
        StoreError::OlderVersion {
            set,
            version,
            current,
        } => format!("version {version} av {set} är äldre än bibliotekets version {current}"),
        StoreError::DuplicateRequirementId { id, other_set } => format!(
            "kravid {id} används redan av paketet {other_set}; kravid är unika i hela biblioteket"
        ),
        StoreError::SetInUse { set, procurements } => format!(
            "kravpaketet {set} används av {} och kan inte tas bort",
            Noun::Procurement.count(*procurements, lang)
        ),
        StoreError::OrgNumberTaken(o) => {
            format!("organisationsnumret {o} tillhör redan en annan leverantör")
        }
        StoreError::ReferenceTaken(r) => {
            format!("diarienumret {r} används redan av en annan upphandling")
        }
        StoreError::NotEmpty => {
            "databasen innehåller redan data; exempeldata läggs bara in i en tom databas".into()
        }
        StoreError::Procurement(p) => procurement_error(p, lang),
        StoreError::FollowUp(f) => follow_up_error(f, lang),
        StoreError::Supplier(SupplierError::MissingName) => "leverantören behöver ett namn".into(),
        StoreError::Supplier(SupplierError::MissingOrgNumber) => {
            "en svensk leverantör behöver ett organisationsnummer".into()
        }
        StoreError::Contract(ContractError::MissingTitle) => "avtalet behöver en titel".into(),
        StoreError::Contract(ContractError::EndsBeforeStart { start, end }) => {
            format!("avtalet kan inte sluta ({end}) innan det börjar ({start})")
        }
        StoreError::BackupExists { path } => {
            format!("{path} finns redan; välj ett nytt filnamn för säkerhetskopian")
        }
        other => other.to_string(),
    }
}

/// The Swedish text of an error about the database file itself, or `None` for other errors.
fn file_error_sv(e: &StoreError) -> Option<String> {
    Some(match e {
        StoreError::Sqlite(source) => format!("databasfel: {source}"),
        StoreError::Database { path, source } => format!("databasfel i {path}: {source}"),
        StoreError::Busy { path } => format!(
            "databasen {path} förblev låst av en annan användare som sparar; kravkoll väntade, men inte hur länge som helst. Inget sparades; försök igen om en stund"
        ),
        StoreError::ReadOnly { path } => format!(
            "databasen {path} går inte att skriva här (filen eller dess katalog är skrivskyddad); inget sparades. Be om skrivrätt till filen och katalogen, eller arbeta i en kopia med --db"
        ),
        StoreError::ReadOnlyUpgrade {
            path,
            found,
            supported,
        } => format!(
            "databasen {path} har schema {found} och måste uppgraderas till schema {supported} innan den här kravkoll kan läsa den, men den är skrivskyddad här; öppna den en gång med skrivrätt"
        ),
        StoreError::Damaged { path } => format!(
            "databasen {path} är skadad eller är ingen databasfil; återställ den från en säkerhetskopia gjord med `kravkoll backup`"
        ),
        StoreError::CannotOpen { path } => format!(
            "databasen {path} går inte att öppna; kontrollera att katalogen finns och att du får läsa och skriva där"
        ),
        StoreError::DiskFull { path } => format!(
            "disken där databasen {path} ligger är full; inget sparades, frigör utrymme och försök igen"
        ),
        StoreError::DiskIo { path } => format!(
            "läsning eller skrivning av databasen {path} misslyckades (ett disk- eller nätverksfel); inget sparades. Kontrollera disken; händer det igen, återställ från en säkerhetskopia gjord med `kravkoll backup`"
        ),
        StoreError::Upgrade { path, to, source } => format!(
            "uppgraderingen av databasen {path} till schema {to} misslyckades, så inget ändrades: {source}"
        ),
        StoreError::Io { path, source } => format!(
            "kan inte skapa eller öppna databasfilen {path}: {}",
            io_error(source, Lang::Sv)
        ),
        StoreError::Foreign { path, reason } => format!(
            "{path} är ingen kravkoll-databas ({}); den lämnades orörd. Ange en annan fil med --db eller KRAVKOLL_DB",
            foreign_reason_sv(reason)
        ),
        StoreError::AuditUnprotected { path, missing } => format!(
            "ändringshistoriken i {path} är inte skyddad: {} saknas, så databasen har ändrats utanför kravkoll; inget sparades. Återställ den från en säkerhetskopia gjord med `kravkoll backup`, eller be den som förvaltar databasen att kontrollera den",
            missing.join(", ")
        ),
        StoreError::TooNew {
            path,
            found,
            supported,
        } => format!(
            "databasen {path} är skriven av en nyare kravkoll (schema {found}; det här programmet kan upp till {supported}); den lämnades orörd, uppgradera kravkoll för att öppna den"
        ),
        _ => return None,
    })
}

fn foreign_reason_sv(reason: &ForeignReason) -> String {
    match reason {
        ForeignReason::OtherApplication(id) => {
            format!("den är märkt som ett annat programs fil, application id {id:#010x}")
        }
        ForeignReason::UnknownTables(tables) => format!(
            "den innehåller tabeller som kravkoll inte skapar: {}",
            tables.join(", ")
        ),
        ForeignReason::VersionWithoutTables(v) => {
            format!("den har schemaversion {v} men ingen av kravkolls tabeller")
        }
        ForeignReason::NoVersion => "den har kravkolls tabeller men ingen schemaversion".into(),
    }
}

/// The operating system's reason in Swedish for the kinds a user meets; others as the OS says.
/// Why a file operation failed, in the user's language (the OS's own text is English).
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (sv, en) = match e.kind() {
        K::NotFound => ("filen eller mappen finns inte", "no such file or directory"),
        K::PermissionDenied => ("behörighet saknas", "permission denied"),
        K::AlreadyExists => ("filen finns redan", "the file exists already"),
        K::IsADirectory => (
            "det är en mapp, inte en fil",
            "it is a directory, not a file",
        ),
        K::NotADirectory => (
            "en del av sökvägen är inte en mapp",
            "part of the path is not a directory",
        ),
        K::StorageFull => ("disken är full", "the disk is full"),
        K::ReadOnlyFilesystem => (
            "filsystemet är skrivskyddat",
            "the file system is read-only",
        ),
        K::InvalidData => ("filen är inte text i UTF-8", "the file is not UTF-8 text"),
        _ => return e.to_string(),
    };
    match lang {
        Lang::Sv => sv.to_string(),
        Lang::En => en.to_string(),
    }
}

/// Any error of the program in the user's language (store errors translated, others as they are).
pub fn any_error(e: &anyhow::Error, lang: Lang) -> String {
    match e.downcast_ref::<StoreError>() {
        Some(se) => store_error(se, lang),
        None => format!("{e:#}"),
    }
}
