//! Errors of the domain and the store in the user's language. English is each error's own
//! `Display`; Swedish is written here.

use super::Label;
use crate::domain::procurement::ProcurementError;
use crate::domain::profile::ProfileWarning;
use crate::domain::review::FollowUpError;
use crate::domain::{Lang, OrgNumberError, Status};
use crate::store::StoreError;
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
        ProcurementError::MissingWeight(id) => format!("bör-kravet {id} saknar vikt"),
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
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        StoreError::TooNew {
            path,
            found,
            supported,
        } => format!(
            "databasen {path} är skriven av en nyare kravkoll (schema {found}; det här programmet kan upp till {supported}); den lämnades orörd, uppgradera kravkoll för att öppna den"
        ),
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
            "kravpaketet {set} används av {procurements} upphandling(ar) och kan inte tas bort"
        ),
        StoreError::OrgNumberTaken(o) => {
            format!("organisationsnumret {o} tillhör redan en annan leverantör")
        }
        StoreError::NotEmpty => {
            "databasen innehåller redan data; exempeldata läggs bara in i en tom databas".into()
        }
        StoreError::Procurement(p) => procurement_error(p, lang),
        StoreError::FollowUp(f) => follow_up_error(f, lang),
        other => other.to_string(),
    }
}

/// Any error of the program in the user's language (store errors translated, others as they are).
pub fn any_error(e: &anyhow::Error, lang: Lang) -> String {
    match e.downcast_ref::<StoreError>() {
        Some(se) => store_error(se, lang),
        None => format!("{e:#}"),
    }
}
