//! Fuzzy ranking for the palette, pickers and the library search (Helix's matcher: smart case,
//! Unicode normalisation, so "overforing" finds "överföring").

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Indices of `items` matching `query`, best first; all of them in order for an empty query.
pub fn rank<S: AsRef<str>>(query: &str, items: &[S]) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..items.len()).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            pattern
                .score(Utf32Str::new(s.as_ref(), &mut buf), &mut matcher)
                .map(|score| (score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_folds_diacritics() {
        let items = ["Länka kravpaket", "Publicera", "Lägg till eget krav"];
        assert_eq!(rank("lank", &items), vec![0]);
        assert_eq!(rank("", &items), vec![0, 1, 2]);
        assert_eq!(rank("pub", &items), vec![1]);
    }
}
