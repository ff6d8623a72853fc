//! Characters a set file may not hold: control characters (which take over a terminal when a
//! title is printed), NUL, and bidirectional controls (which make a line read differently from
//! what it says). Texts may hold tab and newline (and CRLF line ends); one-line fields (titles,
//! ids, codes, names, tags) may hold neither. The classes are those of `crate::sanitize`, so
//! what is refused here is what the output side escapes.
//!
//! A mistake is placed at the offending character itself, not at the start of the string: the
//! string's literal is decoded again here (TOML escapes included) to map each character back
//! to its place in the file. Where that mapping cannot be trusted, the string's start is used.

use super::error::{Forbidden, Problem};
use super::fields::{Cx, Value};
use crate::sanitize;

/// Where in a set a string stands, which decides whether it may span lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Ids, codes, titles, names, tags and basis entries.
    Line,
    /// Requirement texts, descriptions, rationales, evidence and follow-up.
    Paragraphs,
}

/// Why `c` (followed by `next`) may not stand in a string of `shape`, if it may not.
fn forbidden(c: char, next: Option<char>, shape: Shape) -> Option<Forbidden> {
    match c {
        '\0' => Some(Forbidden::Nul),
        '\n' | '\t' if shape == Shape::Line => Some(Forbidden::LineBreak),
        '\n' | '\t' => None,
        // A CRLF line end in a text is a line end; a lone CR can overwrite a line on screen.
        '\r' if shape == Shape::Paragraphs && next == Some('\n') => None,
        '\r' if shape == Shape::Line => Some(Forbidden::LineBreak),
        c if sanitize::is_bidi_control(c) => Some(Forbidden::Bidi),
        c if sanitize::is_unsafe(c) => Some(Forbidden::Control),
        _ => None,
    }
}

/// Reports the first forbidden character of `decoded` (the string `value` holds) and returns
/// false; true when the string is clean.
pub(crate) fn check(
    cx: &mut Cx<'_>,
    value: &Value<'_>,
    decoded: &str,
    path: &str,
    shape: Shape,
) -> bool {
    let mut chars = decoded.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let Some(why) = forbidden(c, next, shape) else {
            continue;
        };
        let span = value.span();
        let offset = cx
            .source()
            .get(span.clone())
            .and_then(decode)
            .filter(|d| d.iter().map(|(c, _)| *c).eq(decoded.chars()))
            .and_then(|d| d.get(i).map(|(_, at)| span.start + at))
            .unwrap_or(span.start);
        cx.report(offset, path, Problem::ForbiddenCharacter { found: c, why });
        return false;
    }
    true
}

/// The characters of a TOML string literal (quotes included in `raw`) with the byte offset in
/// `raw` where each one is written. `None` for anything that is not a string literal.
fn decode(raw: &str) -> Option<Vec<(char, usize)>> {
    let (quote, multi) = if raw.starts_with("\"\"\"") {
        ('"', true)
    } else if raw.starts_with("'''") {
        ('\'', true)
    } else if raw.starts_with('"') {
        ('"', false)
    } else if raw.starts_with('\'') {
        ('\'', false)
    } else {
        return None;
    };
    let delimiter = if multi { 3 } else { 1 };
    let body = raw.get(delimiter..raw.len().checked_sub(delimiter)?)?;
    let mut chars: Vec<(usize, char)> = body.char_indices().collect();
    // A newline right after the opening delimiter of a multi-line string is not part of it.
    if multi {
        let skip = match (chars.first(), chars.get(1)) {
            (Some((_, '\n')), _) => 1,
            (Some((_, '\r')), Some((_, '\n'))) => 2,
            _ => 0,
        };
        chars.drain(..skip);
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&(at, c)) = chars.get(i) {
        let at = at + delimiter;
        if quote == '\'' || c != '\\' {
            out.push((c, at));
            i += 1;
            continue;
        }
        let (decoded, used) = escape(&chars[i + 1..], multi)?;
        if let Some(d) = decoded {
            out.push((d, at));
        }
        i += 1 + used;
    }
    Some(out)
}

/// One escape after its backslash: the character it stands for (none for a line-ending
/// backslash, which swallows the line break and the blanks after it) and how many characters
/// after the backslash it takes.
fn escape(after: &[(usize, char)], multi: bool) -> Option<(Option<char>, usize)> {
    let hex = |n: usize| -> Option<(Option<char>, usize)> {
        let digits: String = after.get(1..=n)?.iter().map(|(_, c)| *c).collect();
        let code = u32::from_str_radix(&digits, 16).ok()?;
        Some((Some(char::from_u32(code)?), 1 + n))
    };
    let simple = |c: char| Some((Some(c), 1));
    match after.first()?.1 {
        'b' => simple('\u{8}'),
        't' => simple('\t'),
        'n' => simple('\n'),
        'f' => simple('\u{c}'),
        'r' => simple('\r'),
        'e' => simple('\u{1b}'),
        '"' => simple('"'),
        '\\' => simple('\\'),
        'x' => hex(2),
        'u' => hex(4),
        'U' => hex(8),
        c if multi && c.is_whitespace() => {
            let used = after.iter().take_while(|(_, c)| c.is_whitespace()).count();
            Some((None, used))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars_at(raw: &str) -> Vec<(char, usize)> {
        decode(raw).unwrap()
    }

    #[test]
    fn escapes_map_back_to_where_they_are_written() {
        assert_eq!(
            chars_at(r#""a\u001bb""#),
            [('a', 1), ('\u{1b}', 2), ('b', 8)]
        );
        assert_eq!(chars_at(r#""\e\x07""#), [('\u{1b}', 1), ('\u{7}', 3)]);
        assert_eq!(chars_at("'a\\e'"), [('a', 1), ('\\', 2), ('e', 3)]);
        assert_eq!(
            chars_at("\"\"\"\r\nx \\\n   y\"\"\""),
            [('x', 5), (' ', 6), ('y', 12)]
        );
        assert_eq!(chars_at("'''\nq\r\n'''"), [('q', 4), ('\r', 5), ('\n', 6)]);
        assert_eq!(decode("12"), None);
    }

    #[test]
    fn texts_may_break_lines_and_one_line_fields_may_not() {
        use Shape::{Line, Paragraphs};
        assert_eq!(forbidden('\n', None, Paragraphs), None);
        assert_eq!(forbidden('\t', None, Paragraphs), None);
        assert_eq!(forbidden('\r', Some('\n'), Paragraphs), None);
        assert_eq!(
            forbidden('\r', Some('x'), Paragraphs),
            Some(Forbidden::Control)
        );
        assert_eq!(forbidden('\n', None, Line), Some(Forbidden::LineBreak));
        assert_eq!(forbidden('\0', None, Paragraphs), Some(Forbidden::Nul));
        assert_eq!(
            forbidden('\u{1b}', None, Paragraphs),
            Some(Forbidden::Control)
        );
        assert_eq!(forbidden('\u{9b}', None, Line), Some(Forbidden::Control));
        assert_eq!(forbidden('\u{202e}', None, Line), Some(Forbidden::Bidi));
        assert_eq!(forbidden('\u{200f}', None, Line), Some(Forbidden::Bidi));
        assert_eq!(forbidden('å', None, Line), None);
    }
}
