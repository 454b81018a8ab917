//! The page as Python indexes it: offsets in code points over its WTF-8 bytes (see `pystr`).
//!
//! The walk finds each block's text in the page (`_locate` of the Python walk) and cuts a huge
//! page at code-point offsets; both move forward through the page, so a [`Cursor`] converts
//! offsets by walking forward from the last one (linear over a page), never from the start.

use crate::pystr::{starts, CHUNK};
use std::borrow::Cow;

/// True for a byte that continues a UTF-8 sequence (not the start of a code point).
fn continues(b: u8) -> bool {
    b & 0xC0 == 0x80
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
        // `chars` counts the code points that start before `bytes`, which is where one starts
        // (or the end); whole chunks are skipped while the target is not inside them
        while let Some(chunk) = text.get(self.bytes..self.bytes + CHUNK) {
            let n = starts(chunk);
            if self.chars + n > chars {
                break;
            }
            self.chars += n;
            self.bytes += CHUNK;
        }
        while self.bytes < text.len() {
            if !continues(text[self.bytes]) {
                if self.chars == chars {
                    break;
                }
                self.chars += 1;
            }
            self.bytes += 1;
        }
        self.bytes
    }
}

/// WTF-8 `bytes` as the parser takes them: lone surrogates dropped (as lexbor dropped them).
pub fn parser_text(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(text) = crate::pystr::utf8(bytes) {
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
        assert_eq!(crate::pystr::len(text), 4);
    }

    #[test]
    fn cursor_skips_chunks_as_it_steps() {
        let text = "a新闻b".repeat(100) + &"x".repeat(130) + "字";
        let bytes = text.as_bytes();
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([bytes.len()]).collect();
        assert_eq!(crate::pystr::len(bytes), offsets.len() - 1);
        let mut forward = Cursor::default();
        for (chars, &at) in offsets.iter().enumerate() {
            assert_eq!(Cursor::default().seek(bytes, chars), at);
            assert_eq!(forward.seek(bytes, chars), at);
        }
        for jump in [0, 1, 63, 64, 65, 200, 429, 430, 431, 10_000] {
            let mut c = Cursor::default();
            assert_eq!(c.seek(bytes, jump), offsets[jump.min(offsets.len() - 1)]);
            assert_eq!(c.chars, jump.min(offsets.len() - 1));
        }
    }

    #[test]
    fn surrogates_are_dropped_for_the_parser() {
        let wtf8 = b"a\xed\xa0\x80b";
        assert_eq!(parser_text(wtf8), "ab");
        assert_eq!(crate::pystr::len(wtf8), 3);
        assert_eq!(parser_text("新".as_bytes()), "新");
    }
}
