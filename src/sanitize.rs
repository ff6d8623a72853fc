//! Text made safe for a terminal. A set title, a file name or an environment variable can hold
//! ESC, CSI or OSC sequences (which set the window title or clear the screen when printed raw)
//! or bidirectional overrides (which make a line read differently from what it holds). Anything
//! the program prints goes through [`for_terminal`] or a [`SanitizingWriter`], whatever the
//! data's origin: a database written before the set-file validator existed can hold such text.
//!
//! A refused character is shown as `\u001b` (four hex digits), which is also a valid escape
//! inside a JSON string, so `--format json` output stays valid JSON and means the same value.
//! Bytes that are not UTF-8 (a raw 0x9b is CSI to some terminals) are shown as `\x9b`.
//!
//! This module decides which characters are unsafe; the catalog's validator refuses the same
//! ones in set files, so what is refused on input and what is escaped on output agree.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for characters a terminal may act on or that reorder text: C0 controls other than tab
/// and newline, DEL, C1 controls, and the bidirectional marks, embeddings, overrides and
/// isolates.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// The characters that change the direction text is shown in (the "Trojan Source" set, with
/// the implicit marks): U+061C, U+200E, U+200F, U+202A–U+202E and U+2066–U+2069.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `s` with every unsafe character written as `\uXXXX`; borrowed when nothing needed escaping.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_safe(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_safe(out: &mut String, c: char) {
    if is_unsafe(c) {
        // Every unsafe character is in the Basic Multilingual Plane, so four digits suffice.
        out.push_str(&format!("\\u{:04x}", u32::from(c)));
    } else {
        out.push(c);
    }
}

/// A writer that passes text through with unsafe characters escaped as [`for_terminal`] does.
/// A UTF-8 sequence split across two `write` calls is held back until it is complete; bytes
/// that can never become UTF-8 are shown as `\xHH`. Call `flush` (or drop it) at the end so a
/// dangling partial sequence is shown rather than lost.
pub struct SanitizingWriter<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence whose remaining bytes have not been written yet.
    pending: Vec<u8>,
}

impl<W: Write> SanitizingWriter<W> {
    pub fn new(inner: W) -> SanitizingWriter<W> {
        SanitizingWriter {
            inner,
            pending: Vec::new(),
        }
    }

    /// Converts `bytes` (pending bytes first) and writes what is complete; keeps an incomplete
    /// sequence at the end for the next call.
    fn convert(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(bytes);
        let mut out = String::with_capacity(data.len());
        let mut rest: &[u8] = &data;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    s.chars().for_each(|c| push_safe(&mut out, c));
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    // `valid_up_to` marks a UTF-8 boundary, so this cannot fail.
                    if let Ok(s) = std::str::from_utf8(valid) {
                        s.chars().for_each(|c| push_safe(&mut out, c));
                    }
                    match e.error_len() {
                        // Cut off at the end: maybe the next write completes it.
                        None => {
                            self.pending = after.to_vec();
                            break;
                        }
                        Some(n) => {
                            after[..n].iter().for_each(|b| push_byte(&mut out, *b));
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())
    }

    /// Writes out a partial sequence left at the end, as bytes, since nothing will complete it.
    fn finish_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut out = String::new();
        std::mem::take(&mut self.pending)
            .iter()
            .for_each(|b| push_byte(&mut out, *b));
        self.inner.write_all(out.as_bytes())
    }
}

fn push_byte(out: &mut String, b: u8) {
    out.push_str(&format!("\\x{b:02x}"));
}

impl<W: Write> Write for SanitizingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.convert(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.finish_pending()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for SanitizingWriter<W> {
    fn drop(&mut self) {
        // Nothing can be reported from a drop; a caller who cares has flushed already.
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through_writer(chunks: &[&[u8]]) -> String {
        let mut buf = Vec::new();
        {
            let mut w = SanitizingWriter::new(&mut buf);
            for c in chunks {
                w.write_all(c).unwrap();
            }
            w.flush().unwrap();
        }
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn escape_sequences_and_bidi_overrides_are_shown_not_obeyed() {
        let title = "Lagring\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}txt.exe\u{7f}";
        let safe = for_terminal(title);
        assert_eq!(
            safe,
            "Lagring\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202etxt.exe\\u007f"
        );
        assert!(!safe.chars().any(is_unsafe));
        assert!(matches!(for_terminal("åäö\tok\n"), Cow::Borrowed(_)));
        for c in [
            '\u{0}', '\r', '\u{85}', '\u{200e}', '\u{200f}', '\u{2066}', '\u{2069}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in ['\n', '\t', 'é', '–', '\u{200b}'] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn escaped_json_is_still_json_with_the_same_value() {
        let value = "a\u{202e}b\u{9b}c\u{7f}\\";
        let json = serde_json::to_string(&value).unwrap();
        let shown = through_writer(&[json.as_bytes()]);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        let back: String = serde_json::from_str(&shown).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn a_sequence_split_across_writes_is_joined_and_bad_bytes_are_shown() {
        let text = "ö\u{202e}é".as_bytes();
        let split: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(through_writer(&split), "ö\\u202eé");
        assert_eq!(through_writer(&[b"a\x9b[31mb"]), "a\\x9b[31mb");
        assert_eq!(through_writer(&[b"x\xc3"]), "x\\xc3", "dangling at the end");
        assert_eq!(
            through_writer(&[b"\xe2\x80", b"\xae!"]),
            "\\u202e!",
            "U+202E cut after two bytes"
        );
    }
}
