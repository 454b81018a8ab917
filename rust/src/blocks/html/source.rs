//! The page as Python indexes it: offsets in code points over its WTF-8 bytes (see `pystr`).
//!
//! The walk finds each block's text in the page (`_locate` of the Python walk) and cuts a huge
//! page at code-point offsets; both move forward through the page, so a [`Cursor`] converts
//! offsets by walking forward from the last one (linear over a page), never from the start.

use std::borrow::Cow;

/// True for a byte that continues a UTF-8 sequence (not the start of a code point).
fn continues(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The number of code points in WTF-8 `bytes` (Python's `len`).
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| !continues(b)).count()
}

/// A code-point offset and its byte offset in a text, moved forward as the walk goes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cursor {
    pub chars: usize,
    pub bytes: usize,
}

impl Cursor {
    /// The byte offset of code point `chars` of `text` (its length past the end), moving the
    /// cursor there; a target behind it is reached from the start.
    pub fn seek(&mut self, text: &[u8], chars: usize) -> usize {
        if chars < self.chars {
            *self = Cursor::default();
        }
        while self.chars < chars && self.bytes < text.len() {
            self.bytes += 1;
            while self.bytes < text.len() && continues(text[self.bytes]) {
                self.bytes += 1;
            }
            self.chars += 1;
        }
        self.bytes
    }
}

/// WTF-8 `bytes` as the parser takes them: lone surrogates dropped (as lexbor dropped them).
pub fn parser_text(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let mut kept = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0xED && bytes.get(i + 1).is_some_and(|&b| b >= 0xA0) && i + 2 < bytes.len() {
            i += 3; // a surrogate's three bytes
            continue;
        }
        kept.push(bytes[i]);
        i += 1;
    }
    match String::from_utf8(kept) {
        Ok(text) => Cow::Owned(text),
        Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_counts_code_points() {
        let text = "a新闻b".as_bytes();
        let mut c = Cursor::default();
        assert_eq!(c.seek(text, 2), 4);
        assert_eq!(c.seek(text, 4), 8);
        assert_eq!(c.seek(text, 9), 8);
        assert_eq!(c.seek(text, 1), 1);
        assert_eq!(count_chars(text), 4);
    }

    #[test]
    fn surrogates_are_dropped_for_the_parser() {
        let wtf8 = b"a\xed\xa0\x80b";
        assert_eq!(parser_text(wtf8), "ab");
        assert_eq!(count_chars(wtf8), 3);
        assert_eq!(parser_text("新".as_bytes()), "新");
    }
}
