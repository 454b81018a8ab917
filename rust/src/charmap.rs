//! A map of characters to characters, one for one: the traditional characters of
//! `data/t2s.tsv` written simplified, the reading the word lists match (`lexicon.simplified`).
//!
//! The characters it changes are a bit set ([`CharSet`]), so a text that holds none of them (the
//! usual case) is told in one pass and comes back borrowed; a text that holds some is copied
//! once, the runs between them whole. Offsets in characters are unchanged by it.

use crate::hash::Map;
use crate::pystr::{code_points, utf8, CharSet};
use std::borrow::Cow;

/// Characters written as others (see the module).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CharMap {
    /// The characters the map changes.
    sources: CharSet,
    map: Map<char, char>,
}

impl CharMap {
    /// The map of each pair's first character to its second (a later pair for the same
    /// character wins; a character mapped to itself is left out).
    ///
    /// ```
    /// let map = _core::charmap::CharMap::new([('來', '来'), ('國', '国'), ('中', '中')]);
    /// assert_eq!((map.len(), map.get('來'), map.get('中')), (2, '来', '中'));
    /// ```
    pub fn new(pairs: impl IntoIterator<Item = (char, char)>) -> CharMap {
        let mut map: Map<char, char> = pairs.into_iter().collect();
        map.retain(|from, to| from != to);
        CharMap { sources: CharSet::new(map.keys().map(|&c| u32::from(c))), map }
    }

    /// The characters the map changes.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// A map that changes nothing.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// What `c` is written as.
    pub fn get(&self, c: char) -> char {
        if self.sources.contains(u32::from(c)) {
            self.map.get(&c).copied().unwrap_or(c)
        } else {
            c
        }
    }

    /// What code point `cp` is written as (a lone surrogate, which no pair holds, as itself).
    pub fn get_code_point(&self, cp: u32) -> u32 {
        if self.sources.contains(cp) {
            char::from_u32(cp).map_or(cp, |c| u32::from(self.get(c)))
        } else {
            cp
        }
    }

    /// Whether the map changes code point `cp`.
    pub fn changes_code_point(&self, cp: u32) -> bool {
        self.sources.contains(cp)
    }

    /// The first character at or after byte `from` (a character boundary) that the map
    /// changes, with its byte offset.
    pub fn find_in(&self, text: &str, from: usize) -> Option<(usize, char)> {
        self.sources.find_in(text, from)
    }

    /// Whether `text` holds a character the map changes.
    ///
    /// ```
    /// let map = _core::charmap::CharMap::new([('來', '来')]);
    /// assert!(map.changes("本報來源") && !map.changes("来源"));
    /// ```
    pub fn changes(&self, text: &str) -> bool {
        self.find_in(text, 0).is_some()
    }

    /// `text` with every character written as the map writes it: `text` itself when the map
    /// changes none of them.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// let map = _core::charmap::CharMap::new([('來', '来'), ('報', '报')]);
    /// assert_eq!(map.mapped("本報消息來源"), "本报消息来源");
    /// assert!(matches!(map.mapped("本报"), Cow::Borrowed("本报")));
    /// ```
    pub fn mapped<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let Some((first, _)) = self.find_in(text, 0) else { return Cow::Borrowed(text) };
        let mut out = String::with_capacity(text.len());
        let (mut copied, mut at) = (0, first); // the bytes before `copied` are in `out`
        while let Some((found, c)) = self.find_in(text, at) {
            out.push_str(&text[copied..found]);
            out.push(self.get(c));
            at = found + c.len_utf8();
            copied = at;
        }
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }

    /// [`CharMap::mapped`] of a WTF-8 text (see [`crate::pystr`]): its lone surrogates kept.
    ///
    /// ```
    /// let map = _core::charmap::CharMap::new([('來', '来')]);
    /// let mut text = "來".as_bytes().to_vec();
    /// text.extend(b"\xed\xa0\x80"); // a lone surrogate
    /// assert_eq!(&*map.mapped_wtf8(&text), b"\xe6\x9d\xa5\xed\xa0\x80");
    /// ```
    pub fn mapped_wtf8<'a>(&self, text: &'a [u8]) -> Cow<'a, [u8]> {
        if let Some(text) = utf8(text) {
            return match self.mapped(text) {
                Cow::Borrowed(same) => Cow::Borrowed(same.as_bytes()),
                Cow::Owned(mapped) => Cow::Owned(mapped.into_bytes()),
            };
        }
        let (mut out, mut copied) = (Vec::new(), 0); // the bytes before `copied` are in `out`
        for (at, cp) in code_points(text) {
            let to = self.get_code_point(cp);
            if to == cp {
                continue;
            }
            let to = char::from_u32(to).unwrap_or(char::REPLACEMENT_CHARACTER); // (a `char`'s image: one)
            out.extend_from_slice(&text[copied..at]);
            out.extend_from_slice(to.encode_utf8(&mut [0; 4]).as_bytes());
            copied = at + crate::pystr::width_at(text, at);
        }
        if out.is_empty() && copied == 0 {
            return Cow::Borrowed(text);
        }
        out.extend_from_slice(&text[copied..]);
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pystr::wtf8;

    /// Each code point looked up on its own (the oracle).
    fn one_by_one(map: &CharMap, text: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for (_, cp) in code_points(text) {
            out.extend(wtf8(map.get_code_point(cp)));
        }
        out
    }

    #[test]
    fn maps_like_each_character_looked_up() {
        // narrower, wider and same-width images; ASCII among the sources too
        let map = CharMap::new([('來', '来'), ('國', '国'), ('Ä', '字'), ('段', 'd'), ('x', 'ÿ')]);
        let pieces: [&[u8]; 12] = [
            "正文。".as_bytes(),
            b"\n",
            "來".as_bytes(),
            "國".as_bytes(),
            "Ä".as_bytes(),
            "段落".as_bytes(),
            b"x",
            b"abc",
            "\u{1F600}".as_bytes(),
            b"\xed\xa0\x80", // a lone surrogate
            "\u{3000}".as_bytes(),
            b"",
        ];
        let mut rng = crate::test_rng::Rng(0xC4A2);
        for _ in 0..5000 {
            let text: Vec<u8> = (0..rng.below(30)).flat_map(|_| pieces[rng.below(pieces.len())].to_vec()).collect();
            let want = one_by_one(&map, &text);
            let got = map.mapped_wtf8(&text);
            assert_eq!(*got, want[..], "{text:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), want == text, "{text:?}");
            if let Some(s) = utf8(&text) {
                assert_eq!(map.mapped(s).as_bytes(), &want[..]);
                assert_eq!(map.changes(s), want != text);
            }
        }
    }

    #[test]
    fn an_empty_map_changes_nothing() {
        let map = CharMap::new([('中', '中')]);
        assert!(map.is_empty() && !map.changes("中文"));
        assert!(matches!(map.mapped("中文"), Cow::Borrowed("中文")));
        assert_eq!(map.get_code_point(0xD800), 0xD800);
    }
}
