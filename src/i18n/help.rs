//! The command line's `--help` texts in Swedish and English: what each command does and what
//! each flag and argument means. `cli::help` puts them into clap's command before parsing;
//! a test there checks that every command and argument clap knows has its text here.

use crate::domain::Lang;

/// `(command, argument, Swedish, English)`. The command is its path without `kravkoll`
/// (`""` is the program itself); the argument is clap's id, or `""` for the command's own
/// text. `*` stands for every command: flags that are global, and the ones clap adds itself.
const TEXTS: &[(&str, &str, &str, &str)] = &[
    (
        "",
        "",
        "Kravbibliotek, upphandlingar och leverantörsuppföljning för svenska kommuner",
        "Requirement library, procurements and supplier follow-up for Swedish municipalities",
    ),
    (
        "*",
        "db",
        "Databasfil (standard: kravkoll.db i användarens datakatalog)",
        "Database file (default: kravkoll.db in the user's data directory)",
    ),
    (
        "*",
        "lang",
        "Gränssnittets språk: sv eller en (standard: det som senast valdes med L i programmet, annars från LANG, annars sv)",
        "Language of the interface: sv or en (default: the one last chosen with L in the program, else from LANG, else sv)",
    ),
    (
        "*",
        "log",
        "Skriv en logg till kravkoll.log i användarens tillståndskatalog, på NIVÅ (standard info; även KRAVKOLL_LOG, till exempel debug eller kravkoll=debug)",
        "Write a log to kravkoll.log in the user's state directory, at LEVEL (default info; also KRAVKOLL_LOG, e.g. debug or kravkoll=debug)",
    ),
    ("*", "help", "Visa hjälpen", "Print help"),
    ("*", "version", "Visa versionen", "Print version"),
    (
        "*",
        "format",
        "Utdata: table för människor, json för program",
        "Output: table for people, json for programs",
    ),
    (
        "help",
        "",
        "Visa den här hjälpen eller hjälpen för de angivna kommandona",
        "Print this message or the help of the given subcommand(s)",
    ),
    (
        "help",
        "subcommand",
        "Kommandot vars hjälp ska visas",
        "Print help for the subcommand(s)",
    ),
    ("sets", "", "Kravbiblioteket", "The requirement library"),
    (
        "sets list",
        "",
        "Lista bibliotekets kravpaket",
        "List the sets of the library",
    ),
    (
        "sets show",
        "",
        "Visa ett kravpaket med alla dess krav",
        "Show one set with all its requirements",
    ),
    (
        "sets show",
        "id",
        "Kravpaketets id, till exempel hosting-location",
        "The set's id, e.g. hosting-location",
    ),
    (
        "sets show",
        "version",
        "En viss version (standard: den aktuella)",
        "A given version (default: the current one)",
    ),
    (
        "sets validate",
        "",
        "Kontrollera kravpaketsfiler utan att röra databasen (standard: de inbyggda paketen)",
        "Check set files without touching the database (default: the built-in sets)",
    ),
    (
        "sets validate",
        "paths",
        "Filer, eller kataloger med .toml-filer",
        "Files or directories of .toml files",
    ),
    (
        "sets applies",
        "",
        "Vilka krav som gäller för en upphandlingsprofil, och varför",
        "Which requirements apply to a procurement profile, and why",
    ),
    (
        "sets applies",
        "profile",
        "En profilfil i TOML med fälten i en upphandlingsprofil",
        "A profile file in TOML with the fields of a procurement profile",
    ),
    (
        "sets applies",
        "offer_above_ambition",
        "Erbjud krav över profilens ambitionsnivå som bör-krav i stället för att utelämna dem",
        "Offer requirements above the profile's ambition as evaluated ones instead of leaving them out",
    ),
    (
        "sets applies",
        "paths",
        "Kravpaketsfiler eller kataloger att pröva i stället för biblioteket i databasen",
        "Set files or directories to evaluate instead of the library in the database",
    ),
    (
        "sets import",
        "",
        "Importera en kravpaketsfil till biblioteket (ett nytt paket, eller en ny version av ett eget paket)",
        "Import a set file into the library (a new set, or a new version of your own set)",
    ),
    (
        "sets import",
        "path",
        "Kravpaketsfilen (.toml)",
        "The set file (.toml)",
    ),
    (
        "sets export",
        "",
        "Skriv ett kravpaket till en fil i kravpaketsformatet",
        "Write a set to a file in the set format",
    ),
    (
        "sets export",
        "id",
        "Kravpaketets id, till exempel hosting-location",
        "The set's id, e.g. hosting-location",
    ),
    (
        "sets export",
        "version",
        "En viss version (standard: den aktuella)",
        "A given version (default: the current one)",
    ),
    (
        "sets export",
        "out",
        "Filen som skapas (med --all: katalogen filerna skrivs i, skapas om den saknas)",
        "The file to create (with --all: the directory the files are written to, created if missing)",
    ),
    (
        "sets export",
        "all",
        "Skriv varje eget kravpaket (inte de inbyggda), den aktuella versionen, som <id>.toml i katalogen --out",
        "Write every own set (not the built-in ones), its current version, as <id>.toml in the directory --out",
    ),
    (
        "sets export",
        "force",
        "Ersätt filen om den finns (en symbolisk länk skrivs aldrig igenom)",
        "Replace the file if it exists (a symbolic link is never written through)",
    ),
    (
        "sets sync",
        "",
        "Importera varje ny kravpaketsversion i en katalog (till exempel en git-klon), allt eller inget: visar vad som lades till, vad som redan fanns och vad som krockar",
        "Import every new set version in a directory (a git checkout, say), all or nothing: shows what was added, what was already there and what conflicts",
    ),
    (
        "sets sync",
        "dir",
        "Katalogen med kravpaketsfiler (*.toml, inte underkataloger)",
        "The directory of set files (*.toml, not subdirectories)",
    ),
    (
        "search",
        "",
        "Sök i biblioteket som det interaktiva programmet gör: id, titlar, texter, taggar, rättslig grund och kravtyp, med fältets synonymer och rättad stavning",
        "Search the library as the interactive program does: ids, titles, texts, tags, legal basis and kinds, with the field's synonyms and corrected spellings",
    ),
    (
        "search",
        "query",
        "Det som ska sökas; varje ord måste träffa (2020:914, art. 28, ska-krav, PUB-avtal)",
        "What to search for; every word must match (2020:914, art. 28, ska-krav, DPA)",
    ),
    (
        "search",
        "limit",
        "Visa högst så här många träffar",
        "Show at most this many hits",
    ),
    ("procurements", "", "Upphandlingar", "Procurements"),
    (
        "procurements list",
        "",
        "Lista upphandlingarna",
        "List procurements",
    ),
    (
        "procurements show",
        "",
        "Visa en upphandling med dess krav: markering (✗ utelämnat, ⚑ rättat, ✎ ändrat), plats, id, typ, vikt",
        "Show a procurement with its lines: mark (✗ left out, ⚑ amended, ✎ changed), place, id, kind, weight",
    ),
    (
        "procurements check",
        "",
        "Kontrollera upphandlingen före publicering: vad som hindrar (slutstatus 1) och vad som bör ses över",
        "Check the procurement before publishing: what blocks it (exit status 1) and what to look at",
    ),
    (
        "procurements history",
        "",
        "Ett kravs historik: varifrån det kom, ändringar, rättelser med skäl, vem och när",
        "A line's history: where it came from, edits, amendments with reasons, who and when",
    ),
    (
        "procurements show",
        "reference",
        "Upphandlingens diarienummer, t.ex. \"KS 2026/118\", eller dess nummer",
        "The procurement's case reference, e.g. \"KS 2026/118\", or its number",
    ),
    (
        "procurements check",
        "reference",
        "Upphandlingens diarienummer, t.ex. \"KS 2026/118\", eller dess nummer",
        "The procurement's case reference, e.g. \"KS 2026/118\", or its number",
    ),
    (
        "procurements history",
        "reference",
        "Upphandlingens diarienummer, t.ex. \"KS 2026/118\", eller dess nummer",
        "The procurement's case reference, e.g. \"KS 2026/118\", or its number",
    ),
    (
        "procurements history",
        "line",
        "Kravets id, t.ex. HOST-04 eller EGEN-2",
        "The line's id, e.g. HOST-04 or EGEN-2",
    ),
    (
        "procurements export",
        "",
        "Skriv upphandlingens kravspecifikation som docx, html, md, csv, json eller pdf (ett utkast märks UTKAST)",
        "Write the procurement's requirement specification as docx, html, md, csv, json or pdf (a draft is marked DRAFT)",
    ),
    (
        "procurements export",
        "reference",
        "Upphandlingens diarienummer, t.ex. \"KS 2026/118\", eller dess nummer",
        "The procurement's case reference, e.g. \"KS 2026/118\", or its number",
    ),
    (
        "procurements export",
        "format",
        "Dokumentets format: docx (Word), html, md (Markdown), csv, json eller pdf (kräver LibreOffice)",
        "The document's format: docx (Word), html, md (Markdown), csv, json or pdf (needs LibreOffice)",
    ),
    (
        "procurements export",
        "internal",
        "Internt underlag: lägg till motiv, uppföljning, varifrån varje krav kom och de krav som inte ingår, med skäl",
        "Internal variant: add rationale, follow-up, where each line came from and the lines left out, with reasons",
    ),
    (
        "procurements export",
        "out",
        "Filen att skriva (standard: diarienumret och kravspecifikation i aktuell katalog, t.ex. KS-2026-118-kravspecifikation.docx)",
        "The file to write (default: the reference and requirement-specification in the current directory, e.g. KS-2026-118-requirement-specification.docx)",
    ),
    (
        "procurements export",
        "force",
        "Ersätt filen om den redan finns",
        "Replace the file if it exists",
    ),
    (
        "procurements export",
        "csv_comma",
        "CSV med kommatecken och utan BOM, i stället för svenska Excels semikolon",
        "CSV with commas and no BOM, instead of Swedish Excel's semicolons",
    ),
    (
        "procurements new",
        "",
        "Skapa ett utkast från en profilfil och länka dess kravpaket som b gör i programmet",
        "Create a draft from a profile file and link its sets as b does in the program",
    ),
    (
        "procurements new",
        "reference",
        "Diarienumret för den nya upphandlingen, t.ex. \"KS 2026/400\"",
        "The new procurement's case reference, e.g. \"KS 2026/400\"",
    ),
    (
        "procurements new",
        "title",
        "Vad som upphandlas",
        "What is procured",
    ),
    (
        "procurements new",
        "profile",
        "Profilfilen (TOML): informationsklassning, personuppgifter, sekretess, AI, leveransmodell …",
        "The profile file (TOML): classification, personal data, secrecy, AI, delivery model …",
    ),
    (
        "procurements new",
        "sets",
        "applicable: varje kravpaket med krav som gäller för profilen; annars kravpaketens id med komma emellan",
        "applicable: every set with a requirement that applies to the profile; else set ids separated by commas",
    ),
    (
        "procurements new",
        "owner",
        "Ansvarig upphandlare",
        "The procurement officer in charge",
    ),
    (
        "procurements new",
        "deadline",
        "Sista anbudsdag, ÅÅÅÅ-MM-DD",
        "Tender deadline, YYYY-MM-DD",
    ),
    (
        "procurements new",
        "scoring",
        "Hur bör-kraven räknas: points (poäng) eller merit-sek (mervärde i kronor)",
        "How evaluated lines are scored: points or merit-sek (merit value in kronor)",
    ),
    (
        "procurements publish",
        "",
        "Publicera upphandlingen efter samma kontroller som i programmet (slutstatus 1 om den inte publicerades)",
        "Publish the procurement after the same checks as in the program (exit status 1 when not published)",
    ),
    (
        "procurements publish",
        "reference",
        "Upphandlingens diarienummer, t.ex. \"KS 2026/118\", eller dess nummer",
        "The procurement's case reference, e.g. \"KS 2026/118\", or its number",
    ),
    (
        "procurements publish",
        "yes",
        "Varningarna är lästa: publicera ändå (det som hindrar publicering hindrar fortfarande)",
        "The warnings are read: publish anyway (what blocks publishing still blocks it)",
    ),
    (
        "demo",
        "",
        "Lägg in realistisk exempeldata i en tom databas, eller generera en stor för prestandamätningar",
        "Load a realistic sample into an empty database, or generate a large one for benchmarks",
    ),
    (
        "demo",
        "scale",
        "sample: några upphandlingar, leverantörer och uppföljningar i alla lägen; municipal eller national: genererad data i prestandabudgetarnas storlekar",
        "sample: a few procurements, suppliers and reviews in every state; municipal or national: generated data at the sizes of the performance budgets",
    ),
    (
        "backup",
        "",
        "Kopiera hela databasen till en ny fil medan den används",
        "Copy the whole database to a new file while it stays in use",
    ),
    (
        "backup",
        "path",
        "Säkerhetskopian som skapas",
        "The backup file to create",
    ),
];

fn pick(sv: &'static str, en: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

fn find(command: &str, arg: &str, lang: Lang) -> Option<&'static str> {
    TEXTS
        .iter()
        .find(|(c, a, _, _)| *c == command && *a == arg)
        .map(|(_, _, sv, en)| pick(sv, en, lang))
}

/// The one-line text of the command at `path` (names after `kravkoll`).
pub fn command_help(path: &[&str], lang: Lang) -> Option<&'static str> {
    find(&command_key(path), "", lang)
}

/// The longer text `kravkoll --help` opens with.
pub fn program_long_help(lang: Lang) -> &'static str {
    pick(
        "kravkoll håller kravbiblioteket, upphandlingarna som byggs av det och uppföljningen av leverantörerna i en lokal databas. Utan kommando öppnas det interaktiva programmet.",
        "kravkoll keeps the requirement library, the procurements built from it and the follow-up of suppliers in one local database. Run without a command to open the interactive program.",
        lang,
    )
}

/// The text of the argument `id` of the command at `path`.
pub fn arg_help(path: &[&str], id: &str, lang: Lang) -> Option<&'static str> {
    find(&command_key(path), id, lang).or_else(|| find("*", id, lang))
}

/// The text of `-h`/`--help` where a longer help exists: in the short help it points to the
/// long one, in the long help to the short one.
pub fn help_flag_pointing(to_long: bool, lang: Lang) -> &'static str {
    match (to_long, lang) {
        (true, Lang::Sv) => "Visa hjälpen (mer med '--help')",
        (true, Lang::En) => "Print help (see more with '--help')",
        (false, Lang::Sv) => "Visa hjälpen (en sammanfattning med '-h')",
        (false, Lang::En) => "Print help (see a summary with '-h')",
    }
}

/// A value's placeholder (`<PATH>`) in Swedish; `None` for names that read the same.
pub fn value_name_sv(name: &str) -> Option<&'static str> {
    Some(match name {
        "PATH" | "PATHS" => "SÖKVÄG",
        "LEVEL" => "NIVÅ",
        "LANG" => "SPRÅK",
        "SCALE" => "SKALA",
        "REFERENCE" => "DIARIENUMMER",
        "LINE" => "KRAV",
        "QUERY" => "SÖKORD",
        "DIR" => "KATALOG",
        "LIMIT" => "ANTAL",
        "SETS" => "KRAVPAKET",
        "DATE" => "DATUM",
        "TITLE" => "TITEL",
        "OWNER" => "ANSVARIG",
        "SCORING" => "UTVÄRDERING",
        "COMMAND" | "SUBCOMMAND" => "KOMMANDO",
        _ => return None,
    })
}

/// The command a path's texts are found under. clap's `help` command holds copies of the
/// other commands (for `kravkoll help sets list`); a copy has the text of what it copies.
fn command_key(path: &[&str]) -> String {
    match path.iter().position(|name| *name == "help") {
        Some(i) if i + 1 == path.len() => "help".to_string(),
        Some(i) => command_key(&[&path[..i], &path[i + 1..]].concat()),
        None => path.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages_and_is_found_once() {
        for (i, (c, a, sv, en)) in TEXTS.iter().enumerate() {
            assert!(!sv.trim().is_empty() && !en.trim().is_empty(), "{c} {a}");
            let first = TEXTS.iter().position(|(c2, a2, ..)| c2 == c && a2 == a);
            assert_eq!(first, Some(i), "{c:?} {a:?} twice");
        }
    }

    #[test]
    fn copies_in_the_help_command_read_as_what_they_copy() {
        assert_eq!(command_key(&["help", "sets", "list"]), "sets list");
        assert_eq!(command_key(&["sets", "help", "list"]), "sets list");
        assert_eq!(command_key(&["sets", "help"]), "help");
        assert_eq!(command_key(&["sets", "help", "help"]), "help");
        assert_eq!(
            command_help(&["sets", "export"], Lang::Sv),
            Some("Skriv ett kravpaket till en fil i kravpaketsformatet")
        );
        assert_eq!(
            arg_help(&["sets", "list"], "db", Lang::En),
            find("*", "db", Lang::En)
        );
    }
}
