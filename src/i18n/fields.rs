//! Labels and short explanations of the procurement form's fields, and what each KLASSA level
//! means (SKR's classification model: 0 negligible … 4 very serious).

use crate::domain::Lang;

/// (key, label sv, label en, help sv, help en)
const FIELDS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "reference",
        "Diarienummer",
        "Case reference",
        "Diarienumret som ärendet har, i kommunens eget format, t.ex. KS 2026/118.",
        "The case reference in the municipality's own format, e.g. KS 2026/118.",
    ),
    (
        "title",
        "Titel",
        "Title",
        "Vad som upphandlas, som det ska stå i annonsen.",
        "What is procured, as it will read in the notice.",
    ),
    (
        "owner",
        "Ansvarig",
        "Owner",
        "Upphandlaren som äger ärendet.",
        "The procurement officer who owns the case.",
    ),
    (
        "procedure",
        "Förfarande",
        "Procedure",
        "Förfarandet enligt LOU; under tröskelvärdet oftast förenklat förfarande eller direktupphandling.",
        "The LOU procedure; below the threshold usually the simplified procedure or a direct award.",
    ),
    (
        "deadline",
        "Sista anbudsdag",
        "Tender deadline",
        "Sista dag för anbud, ÅÅÅÅ-MM-DD. Visas på översikten.",
        "Last day for tenders, YYYY-MM-DD. Shown on the dashboard.",
    ),
    (
        "weight_total",
        "Summa vikter",
        "Total of weights",
        "Frivilligt: vad bör-kravens vikter ska summera till (t.ex. 100). Kontrolleras före publicering.",
        "Optional: what the weights of the evaluated lines are to add up to (e.g. 100). Checked before publishing.",
    ),
    (
        "scoring",
        "Utvärdering",
        "Scoring",
        "Hur bör-kravens vikter räknas: poäng som summeras, eller mervärde i kronor som dras av från anbudspriset.",
        "How the weights of the evaluated lines count: points added up, or a merit value in kronor deducted from the tendered price.",
    ),
    (
        "amendment_reason",
        "Skäl för rättelsen",
        "Reason for the amendment",
        "Varför uppgiften ändras efter publiceringen. Skälet loggas och visas i historiken.",
        "Why the detail changes after publication. The reason is logged and shown in the history.",
    ),
    (
        "confidentiality",
        "Konfidentialitet",
        "Confidentiality",
        "KLASSA: skadan om informationen röjs för obehöriga.",
        "KLASSA: the harm if the information is disclosed to the unauthorised.",
    ),
    (
        "integrity",
        "Riktighet",
        "Integrity",
        "KLASSA: skadan om informationen ändras eller förstörs.",
        "KLASSA: the harm if the information is altered or destroyed.",
    ),
    (
        "availability",
        "Tillgänglighet",
        "Availability",
        "KLASSA: skadan om informationen inte finns när den behövs.",
        "KLASSA: the harm if the information is not there when needed.",
    ),
    (
        "personal_data",
        "Personuppgifter",
        "Personal data",
        "Känsliga personuppgifter är särskilda kategorier enligt GDPR art. 9 och uppgifter av liknande känslighet.",
        "Sensitive means special categories under GDPR art. 9 and data of similar sensitivity.",
    ),
    (
        "secrecy",
        "Sekretess (OSL)",
        "Secrecy (OSL)",
        "Behandlas uppgifter som omfattas av sekretess enligt offentlighets- och sekretesslagen?",
        "Is information covered by secrecy under the Public Access and Secrecy Act processed?",
    ),
    (
        "security_sensitive",
        "Säkerhetskänslig",
        "Security-sensitive",
        "Säkerhetskänslig verksamhet enligt säkerhetsskyddslagen (2018:585): kräver säkerhetsskyddsavtal.",
        "Security-sensitive activity under the Protective Security Act (2018:585): needs a security protection agreement.",
    ),
    (
        "ai",
        "AI",
        "AI",
        "Är tjänsten ett AI-system, eller en AI-modell för allmänna ändamål, enligt AI-förordningen?",
        "Is the service an AI system, or a general-purpose AI model, under the AI Act?",
    ),
    (
        "ai_risk",
        "AI-riskklass",
        "AI risk class",
        "Hög risk: bilaga III, t.ex. beslut om bistånd (5 a). Förbjuden (art. 5) hindrar publicering.",
        "High: Annex III, e.g. decisions on benefits (5(a)). Prohibited (art. 5) blocks publishing.",
    ),
    (
        "automated_decisions",
        "Automatiserade beslut",
        "Automated decisions",
        "Fattar eller förbereder tjänsten beslut om enskilda (FL 28 §, KL 6 kap. 37 §)?",
        "Does the service make or prepare decisions about individuals?",
    ),
    (
        "delivery",
        "Leverans",
        "Delivery",
        "Hur tjänsten levereras: som molntjänst, i egen drift, hybrid eller som ren tjänst.",
        "How the service is delivered: cloud, on premises, hybrid or as a service only.",
    ),
    (
        "citizen_facing",
        "Används av invånare",
        "Used by residents",
        "Möter invånare tjänsten direkt (webb, app, chatt)?",
        "Do residents use the service directly (web, app, chat)?",
    ),
    (
        "archival",
        "Skapar allmänna handlingar",
        "Creates records",
        "Skapar tjänsten handlingar som ska bevaras eller gallras enligt informationshanteringsplanen?",
        "Does the service create records to keep or dispose of under the retention plan?",
    ),
    (
        "value",
        "Värde",
        "Value",
        "Det uppskattade värdet: direktupphandling, under eller över EU:s tröskelvärde. Avgör bland annat kraven på registrering och referenser.",
        "The estimated value: direct award, below or above the EU threshold. Decides, among other things, the registration and reference requirements.",
    ),
    (
        "processor",
        "Personuppgiftsbiträde",
        "Processor",
        "Behandlar leverantören personuppgifter för den upphandlande myndighetens räkning (GDPR art. 28)? En licens i egen drift gör det ofta inte.",
        "Does the supplier process personal data on the buyer's behalf (GDPR art. 28)? An on-premises licence often does not.",
    ),
    (
        "generative",
        "Generativ AI",
        "Generative AI",
        "Skapar eller ändrar AI:n text, bild, ljud eller video? Då gäller transparenskraven i AI-förordningen art. 50 oavsett riskklass.",
        "Does the AI create or change text, images, audio or video? Then the transparency duties of AI Act art. 50 apply whatever the risk class.",
    ),
    (
        "ambition",
        "Ambitionsnivå",
        "Ambition level",
        "Upphandlingsmyndighetens nivåer: bas, avancerad, spjutspets. Krav över nivån tas inte med.",
        "The Procurement Agency's levels: basic, advanced, leading. Requirements above the level are left out.",
    ),
    (
        "tier",
        "Uppföljningsnivå",
        "Follow-up tier",
        "SKR: A kritiska avtal (tre gånger per år), B årligen, C vartannat år.",
        "SKR: A critical contracts (three times a year), B yearly, C every other year.",
    ),
    (
        "export_format",
        "Format",
        "Format",
        "DOCX för Word och LibreOffice, HTML för webben, Markdown som ren text, CSV för Excel, JSON för andra system.",
        "DOCX for Word and LibreOffice, HTML for the web, Markdown as plain text, CSV for Excel, JSON for other systems.",
    ),
    (
        "export_lang",
        "Språk",
        "Language",
        "Dokumentets språk; gränssnittets språk är förvalt.",
        "The language of the document; the interface's language comes first.",
    ),
    (
        "export_internal",
        "Internt underlag",
        "Internal",
        "Ja lägger till motiv, uppföljning, kravens ursprung och utelämnade krav: underlag för det egna arbetet, inte för anbudsgivare.",
        "Yes adds the rationale, follow-up, where each line comes from and the lines left out: for the buyer's own work, not for tenderers.",
    ),
    (
        "export_file",
        "Fil",
        "File",
        "En fil utan katalog sparas där kravkoll startades. Namnet följer valen ovan tills du skriver ett eget.",
        "A file without a directory is saved where kravkoll was started. The name follows the choices above until you type your own.",
    ),
    (
        "export_replace",
        "Ersätt befintlig fil",
        "Replace existing file",
        "Nej: finns filen redan skrivs ingenting. Ja: en befintlig fil ersätts.",
        "No: nothing is written when the file exists. Yes: an existing file is replaced.",
    ),
];

fn find(
    key: &str,
) -> Option<&'static (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    FIELDS.iter().find(|f| f.0 == key)
}

pub fn field_label(key: &str, lang: Lang) -> &'static str {
    find(key).map_or("?", |f| if lang == Lang::Sv { f.1 } else { f.2 })
}

pub fn field_help(key: &str, lang: Lang) -> &'static str {
    find(key).map_or("", |f| if lang == Lang::Sv { f.3 } else { f.4 })
}

/// A KLASSA level's name and meaning.
pub fn klassa_help(level: u8, lang: Lang) -> (&'static str, &'static str) {
    let (sv, en) = match level {
        0 => (
            ("0 ingen", "Ingen eller försumbar skada."),
            ("0 none", "No or negligible harm."),
        ),
        1 => (
            ("1 måttlig", "Måttlig skada."),
            ("1 moderate", "Moderate harm."),
        ),
        2 => (
            (
                "2 betydande",
                "Betydande skada, t.ex. personuppgifter eller känslig verksamhetsinformation.",
            ),
            (
                "2 significant",
                "Significant harm, e.g. personal data or sensitive business information.",
            ),
        ),
        3 => (
            (
                "3 allvarlig",
                "Allvarlig skada, t.ex. sekretessbelagda uppgifter om enskilda.",
            ),
            (
                "3 serious",
                "Serious harm, e.g. secret information about individuals.",
            ),
        ),
        _ => (
            (
                "4 synnerligen allvarlig",
                "Säkerhetsskydd: ligger utanför kravbiblioteket och kräver säkerhetsskyddad upphandling.",
            ),
            (
                "4 very serious",
                "Protective security: outside the library, needs a protective-security procurement.",
            ),
        ),
    };
    if lang == Lang::Sv { sv } else { en }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_both_languages() {
        for (key, ls, le, hs, he) in FIELDS {
            assert!(
                !ls.is_empty() && !le.is_empty() && !hs.is_empty() && !he.is_empty(),
                "{key}"
            );
        }
        assert_eq!(field_label("nope", Lang::Sv), "?");
        assert!(klassa_help(2, Lang::Sv).1.contains("Betydande"));
    }
}
