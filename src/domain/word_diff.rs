//! Word by word, what changed between two versions of a requirement's text: the words both
//! share, and the words taken out and put in, in reading order. A longest common subsequence
//! over words; requirement texts are short, and a text too long for the table is shown as
//! taken out whole and put in whole.

/// One run of words of the compared texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Removed(String),
    Added(String),
}

/// Words beyond this in either text are not compared one by one.
const MAX_WORDS: usize = 1_000;

/// The pieces that turn `old` into `new`, adjacent words of one kind joined with a space.
pub fn words(old: &str, new: &str) -> Vec<Piece> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        return whole(&a, &b);
    }
    // lcs[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // A text rewritten through shares only its small words with the old; word by word it
    // would read as noise, so it is shown taken out whole and put in whole.
    if lcs[0][0] * 3 < b.len().max(a.len()) {
        return whole(&a, &b);
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(Piece::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // On a tie the old word goes first: a replaced word reads "out, then in".
            out.push(Piece::Removed(a[i].to_string()));
            i += 1;
        } else {
            out.push(Piece::Added(b[j].to_string()));
            j += 1;
        }
    }
    join(out)
}

fn whole(a: &[&str], b: &[&str]) -> Vec<Piece> {
    join(
        a.iter()
            .map(|w| Piece::Removed(w.to_string()))
            .chain(b.iter().map(|w| Piece::Added(w.to_string())))
            .collect(),
    )
}

/// Joins neighbouring pieces of the same kind, so a changed phrase reads as one change.
fn join(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match (out.last_mut(), p) {
            (Some(Piece::Same(a)), Piece::Same(b))
            | (Some(Piece::Removed(a)), Piece::Removed(b))
            | (Some(Piece::Added(a)), Piece::Added(b)) => {
                a.push(' ');
                a.push_str(&b);
            }
            (_, p) => out.push(p),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(s: &str) -> Piece {
        Piece::Same(s.into())
    }

    #[test]
    fn changed_words_are_marked_and_the_rest_kept() {
        let d = words(
            "Leverantören ska lagra data inom EU.",
            "Leverantören ska lagra all data inom Sverige.",
        );
        assert_eq!(
            d,
            vec![
                same("Leverantören ska lagra"),
                Piece::Added("all".into()),
                same("data inom"),
                Piece::Removed("EU.".into()),
                Piece::Added("Sverige.".into()),
            ]
        );
    }

    #[test]
    fn equal_and_empty_texts() {
        assert_eq!(words("a b", "a b"), vec![same("a b")]);
        assert_eq!(words("", "ny text"), vec![Piece::Added("ny text".into())]);
        assert_eq!(words("gammal", ""), vec![Piece::Removed("gammal".into())]);
        assert!(words("", "").is_empty());
    }

    #[test]
    fn a_rewritten_text_is_not_matched_on_its_small_words() {
        let d = words(
            "Leverantören ska i anbudet lämna en fullständig förteckning över alla led i kedjan.",
            "Leverantören ska lämna förteckningen i köparens mall.",
        );
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(matches!(d[0], Piece::Removed(ref w) if w.starts_with("Leverantören")));
        assert!(matches!(d[1], Piece::Added(ref w) if w.ends_with("mall.")));
    }

    #[test]
    fn very_long_texts_are_shown_whole() {
        let long = "ord ".repeat(MAX_WORDS + 1);
        let d = words(&long, "kort");
        assert_eq!(d.len(), 2);
        assert!(matches!(d[1], Piece::Added(ref w) if w == "kort"));
    }
}
