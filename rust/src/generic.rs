//! The fallback for pages with little Han text (`cleantext/generic.py`): what it reads of each
//! block's text, for a whole page in one pass: its letters, whether it is in words, whether it
//! holds a punctuation mark. The region model itself stays in Python (its runs are selection's,
//! [`crate::select::region::runs`]).

use crate::blocks::whitespace::is_py_space;
use crate::pystr::{code_points, CharSet};

/// What `generic.py` reads of one block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// `generic.letters(text)`: characters matching `[^\W\d_]` in a `str` pattern; `None` when
    /// the text holds a character past the Basic Multilingual Plane, which the letter set given
    /// does not cover (the caller counts those texts itself).
    pub letters: Option<usize>,
    /// `generic._in_words(text)`: not a run of ASCII without spaces (`not text.isascii() or " "
    /// in text.strip()`).
    pub in_words: bool,
    /// `generic._PUNCT.search(text) is not None`.
    pub punct: bool,
}

/// `_PUNCT` of `generic.py`: `[。．.!?！？、,，;；:：]`.
fn is_punct(cp: u32) -> bool {
    matches!(
        char::from_u32(cp),
        Some('。' | '．' | '.' | '!' | '?' | '！' | '？' | '、' | ',' | '，' | ';' | '；' | ':' | '：')
    )
}

/// The [`Facts`] of a WTF-8 `text` (lone surrogates as Python holds them: no letter, no space);
/// `letters`: the letters of the Basic Multilingual Plane (what `[^\W\d_]` matches there, as
/// Python's `re` built them).
pub fn facts(text: &[u8], letters: &CharSet) -> Facts {
    let (mut count, mut astral, mut punct) = (0usize, false, false);
    for (_, cp) in code_points(text) {
        if cp > 0xFFFF {
            astral = true;
        } else if letters.contains(cp) {
            count += 1;
        } else if !punct && is_punct(cp) {
            punct = true;
        }
    }
    Facts { letters: (!astral).then_some(count), in_words: !text.is_ascii() || stripped_has_space(text), punct }
}

/// `" " in text.strip()` of an ASCII `text` (where WTF-8 is ASCII, a space inside its stripped part).
fn stripped_has_space(text: &[u8]) -> bool {
    let space = |b: &u8| is_py_space(char::from(*b));
    let (Some(first), Some(last)) = (text.iter().position(|b| !space(b)), text.iter().rposition(|b| !space(b))) else {
        return false;
    };
    text[first..=last].contains(&b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii_letters() -> CharSet {
        CharSet::new(('a'..='z').chain('A'..='Z').chain("東京白金台の店今日は".chars()).map(u32::from))
    }

    #[test]
    fn facts_of_texts() {
        let letters = ascii_letters();
        let f = facts("東京・白金台の店 2024年".as_bytes(), &letters);
        assert_eq!(f, Facts { letters: Some(7), in_words: true, punct: false }); // (年 is not in this set)
        assert_eq!(facts(b"Hello, world!", &letters), Facts { letters: Some(10), in_words: true, punct: true });
        assert_eq!(facts(b"", &letters), Facts { letters: Some(0), in_words: false, punct: false });
        assert_eq!(facts(b"  http://a.b  ", &letters), Facts { letters: Some(6), in_words: false, punct: true });
        assert!(facts(b"\x1c a b\t", &letters).in_words);
        assert!(!facts(b" \x1cab\x1f ", &letters).in_words); // (U+001C..U+001F are spaces to Python)
        assert_eq!(facts("a\u{20000}".as_bytes(), &letters).letters, None);
        assert_eq!(facts(b"a\xed\xa0\x80", &letters), Facts { letters: Some(1), in_words: true, punct: false });
        assert!(facts("今日は。".as_bytes(), &letters).punct);
    }
}
