//! The library search's words in Swedish and English: where a hit matched, and what the search
//! made of the query (a corrected spelling, synonyms, a kind), for the interactive search and
//! the `search` command.

use super::{Label, kind_short};
use crate::domain::Lang;
use crate::sanitize::for_terminal;
use crate::store::search::{Correction, KindWord, Place, Widened};

impl Label for Place {
    fn label(&self, lang: Lang) -> &'static str {
        let (sv, en) = match self {
            Place::Id => ("id", "id"),
            Place::Title => ("titel", "title"),
            Place::Tags => ("taggar", "tags"),
            Place::Basis => ("rättslig grund", "legal basis"),
            Place::Kind => ("kravtyp", "kind"),
            Place::Text => ("kravtext", "text"),
            Place::Synonym => ("synonym", "synonym"),
            Place::Spelling => ("rättad stavning", "corrected spelling"),
            Place::Approximate => ("ungefärlig träff", "approximate"),
        };
        match lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

/// Where a hit matched, as a list: `titel, rättslig grund`.
pub fn places(places: &[Place], lang: Lang) -> String {
    let words: Vec<&str> = places.iter().map(|p| p.label(lang)).collect();
    words.join(", ")
}

/// The columns of the `search` command's table.
pub fn search_columns(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Sv => ["Id", "Kravpaket", "Typ", "Träff i", "Titel"],
        Lang::En => ["Id", "Set", "Kind", "Matched in", "Title"],
    }
}

/// "Träff i: titel, kravtext", for the selected hit.
pub fn matched_in(p: &[Place], lang: Lang) -> String {
    let head = match lang {
        Lang::Sv => "Träff i",
        Lang::En => "Matched in",
    };
    format!("{head}: {}", places(p, lang))
}

/// "Rättad stavning: underlevrantör → underleverantor".
pub fn correction(c: &Correction, lang: Lang) -> String {
    let head = match lang {
        Lang::Sv => "Rättad stavning",
        Lang::En => "Spelling corrected",
    };
    format!(
        "{head}: {} → {}",
        for_terminal(&c.typed),
        for_terminal(&c.searched.join(", "))
    )
}

/// "Även synonymer till DPA: personuppgiftsbiträdesavtal, …".
pub fn widened(w: &Widened, lang: Lang) -> String {
    let typed = for_terminal(&w.typed);
    let also = for_terminal(&w.also.join(", ")).into_owned();
    match lang {
        Lang::Sv => format!("Även synonymer till {typed}: {also}"),
        Lang::En => format!("Also synonyms of {typed}: {also}"),
    }
}

/// "ska-krav: även alla krav av typen ska-krav".
pub fn kind_word(k: &KindWord, lang: Lang) -> String {
    let typed = for_terminal(&k.typed);
    let kind = kind_short(k.kind, lang);
    match lang {
        Lang::Sv => format!("{typed}: även alla krav av typen {kind}"),
        Lang::En => format!("{typed}: also every requirement of the kind {kind}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_has_a_word_in_both_languages() {
        for p in Place::ALL {
            for lang in Lang::ALL {
                assert!(!p.label(lang).is_empty(), "{p:?}");
            }
        }
        assert_eq!(
            matched_in(&[Place::Title, Place::Basis], Lang::Sv),
            "Träff i: titel, rättslig grund"
        );
    }

    #[test]
    fn typed_words_are_escaped() {
        let c = Correction {
            typed: "x\u{1b}[2J".into(),
            searched: vec!["y".into()],
        };
        for lang in Lang::ALL {
            let text = correction(&c, lang);
            assert!(!text.chars().any(crate::sanitize::is_unsafe), "{text:?}");
        }
    }
}
