//! `search`: the interactive program's library search from the command line, for scripts and
//! for checking what a search finds: each hit with its set, kind, title and where it matched,
//! after what the search made of the query (corrected spellings, synonyms, kinds).

use std::io::Write;

use serde::Serialize;

use super::args::Format;
use super::table::table;
use crate::domain::{Kind, Lang, Text};
use crate::i18n::{self, Msg, kind_short};
use crate::store::Store;
use crate::store::prelude::*;
use crate::store::search::{Correction, Found, KindWord, Place, Session, Widened, approximate};

/// One hit as `--format json` writes it.
#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    set: &'a str,
    kind: Kind,
    title: &'a Text,
    matched: &'a [Place],
}

#[derive(Serialize)]
struct JsonFound<'a> {
    query: &'a str,
    hits: Vec<JsonHit<'a>>,
    corrections: &'a [Correction],
    synonyms: &'a [Widened],
    kinds: &'a [KindWord],
}

/// Runs the search for `words` (joined by spaces) and prints at most `limit` hits.
pub(super) fn search(
    store: &Store,
    words: &[String],
    limit: usize,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let query = words.join(" ");
    let mut found = store.find(&query, limit, &mut Session::default())?;
    // The index of every title is read only when the approximate matches will be used.
    if found.wants_approximate(limit) {
        approximate(&mut found, &query, &store.requirement_index()?, limit);
    }
    match format {
        Format::Json => json(&query, &found, out),
        Format::Table => people(&found, lang, out),
    }
}

fn json(query: &str, found: &Found, out: &mut dyn Write) -> anyhow::Result<()> {
    let doc = JsonFound {
        query,
        hits: found
            .hits
            .iter()
            .map(|h| JsonHit {
                id: &h.requirement_id,
                set: &h.set_id,
                kind: h.kind,
                title: &h.title,
                matched: &h.matched,
            })
            .collect(),
        corrections: &found.corrections,
        synonyms: &found.synonyms,
        kinds: &found.kinds,
    };
    writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
    Ok(())
}

fn people(found: &Found, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    for c in &found.corrections {
        writeln!(out, "{}", i18n::search::correction(c, lang))?;
    }
    for w in &found.synonyms {
        writeln!(out, "{}", i18n::search::widened(w, lang))?;
    }
    for k in &found.kinds {
        writeln!(out, "{}", i18n::search::kind_word(k, lang))?;
    }
    if found.hits.is_empty() {
        writeln!(out, "{}", Msg::NothingMatches.text(lang))?;
        return Ok(());
    }
    if !(found.corrections.is_empty() && found.synonyms.is_empty() && found.kinds.is_empty()) {
        writeln!(out)?;
    }
    let rows = found
        .hits
        .iter()
        .map(|h| {
            vec![
                h.requirement_id.clone(),
                h.set_id.clone(),
                kind_short(h.kind, lang).to_string(),
                i18n::search::places(&h.matched, lang),
                h.title.get(lang).to_string(),
            ]
        })
        .collect();
    table(out, &i18n::search::search_columns(lang), rows)
}
