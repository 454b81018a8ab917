//! A Python `str` as the core reads it: a sequence of code points, lone surrogates included.
//!
//! The bindings hand texts over as WTF-8: UTF-8, with each surrogate a Python `str` may hold
//! (`decode` never makes one, a caller's `str` may) written as its own three bytes, as Python's
//! `text.encode("utf-8", "surrogatepass")` writes it. Every code point has one spelling and no
//! spelling is the start of another's, so two texts are equal exactly when their bytes are, and
//! one starts another exactly when its bytes do: texts are compared as bytes, and decoded only
//! to be counted.

use std::borrow::Cow;

/// `bytes` as a `str` if they are UTF-8 (simdutf8's validation: the same answer as
/// `std::str::from_utf8`, several times faster on Chinese text).
///
/// ```
/// assert_eq!(_core::pystr::utf8("中文".as_bytes()), Some("中文"));
/// assert_eq!(_core::pystr::utf8(b"\xed\xa0\x80"), None); // a lone surrogate
/// ```
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// The number of code points in WTF-8 `bytes`, Python's `len` of the text they encode: the
/// bytes that start a code point, counted [`CHUNK`] at a time. (On bytes that are not WTF-8,
/// which no text from Python is, a stray continuation byte is not counted, where
/// [`code_points`] reads it as a U+FFFD of its own.)
///
/// ```
/// assert_eq!(_core::pystr::len("a中\u{1F600}".as_bytes()), 3);
/// assert_eq!(_core::pystr::len(b"\xed\xa0\x80x"), 2); // a lone surrogate and x
/// ```
pub fn len(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(CHUNK);
    let whole: usize = chunks.by_ref().map(starts).sum();
    whole + starts(chunks.remainder())
}

/// The byte length of the first `chars` code points of WTF-8 `bytes` (all of them when they
/// are fewer): where Python's `text[:chars]` ends, counted [`CHUNK`] bytes at a time. The
/// offset of code point number `chars` that [`code_points`] gives (on WTF-8; see [`len`]).
///
/// ```
/// assert_eq!(_core::pystr::prefix_len("新闻ab".as_bytes(), 1), 3);
/// assert_eq!(_core::pystr::prefix_len(b"\xed\xa0\x80x", 1), 3); // a lone surrogate
/// assert_eq!(_core::pystr::prefix_len("新闻ab".as_bytes(), 9), 8);
/// ```
pub fn prefix_len(bytes: &[u8], chars: usize) -> usize {
    // The offset of start byte number `chars` (from 0): whole chunks counted while it lies past them.
    let (mut at, mut seen) = (0, 0);
    for chunk in bytes.chunks(CHUNK) {
        let starts = starts(chunk);
        if seen + starts > chars {
            for (i, &b) in chunk.iter().enumerate() {
                if b & 0xC0 != 0x80 {
                    if seen == chars {
                        return at + i;
                    }
                    seen += 1;
                }
            }
        }
        seen += starts;
        at += chunk.len();
    }
    bytes.len()
}

/// Bytes [`len`] takes at a time.
pub(crate) const CHUNK: usize = 64;

/// The number of bytes of `bytes` that start a code point (at most [`CHUNK`] bytes: counted in
/// a `u8`, which the compiler turns into a vector loop).
pub(crate) fn starts(bytes: &[u8]) -> usize {
    usize::from(bytes.iter().fold(0u8, |n, &b| n.wrapping_add(u8::from(b & 0xC0 != 0x80))))
}

/// The replacement character, for a byte that starts no sequence (never from Python).
const REPLACEMENT: u32 = 0xFFFD;

/// The code points of WTF-8 `bytes` with their byte offsets, in order. Any bytes decode: a
/// byte that starts no well-formed sequence reads as U+FFFD on its own.
pub fn code_points(bytes: &[u8]) -> CodePoints<'_> {
    CodePoints { bytes, pos: 0 }
}

/// The iterator of [`code_points`].
#[derive(Debug, Clone)]
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for CodePoints<'_> {
    /// `(byte offset, code point)`.
    type Item = (usize, u32);

    fn next(&mut self) -> Option<(usize, u32)> {
        let at = self.pos;
        let (cp, width) = decode_at(self.bytes, at)?;
        self.pos = at + width;
        Some((at, cp))
    }
}

/// Appends the code points of `text` to `out` (`text.chars()`, read a byte sequence at a time:
/// a `str` is well formed).
pub fn decode_str(text: &str, out: &mut Vec<u32>) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len());
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        if lead < 0x80 {
            // a run of ASCII, a word at a time
            let rest = bytes.get(at..).unwrap_or_default();
            let run = rest.get(..ascii_prefix(rest)).unwrap_or_default();
            out.extend(run.iter().map(|&b| u32::from(b)));
            at += run.len(); // (at least `lead`)
            continue;
        }
        let (cp, width) = match bytes.get(at..at + 3) {
            Some(&[l @ 0xE0..=0xEF, b1, b2]) => (three_bytes(l, b1, b2), 3), // (the usual case)
            _ => other_sequence(bytes, at, lead),
        };
        out.push(cp);
        at += width;
    }
}

/// [`decode_str`] a sequence at a time (the oracle of the tests, with `str::chars`).
#[cfg(test)]
fn decode_str_one_by_one(text: &str, out: &mut Vec<u32>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (cp, width) = other_sequence(bytes, at, lead);
        out.push(cp);
        at += width;
    }
}

/// The width in bytes of the code point starting at `at` (0 at the end).
pub fn width_at(bytes: &[u8], at: usize) -> usize {
    decode_at(bytes, at).map_or(0, |(_, width)| width)
}

/// The code point starting at `at` and its width in bytes; `None` at the end.
pub fn decode_at(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let &lead = bytes.get(at)?;
    let (width, bits) = match lead {
        0x00..=0x7F => return Some((u32::from(lead), 1)),
        0xC2..=0xDF => (2, u32::from(lead & 0x1F)),
        0xE0..=0xEF => (3, u32::from(lead & 0x0F)),
        0xF0..=0xF4 => (4, u32::from(lead & 0x07)),
        _ => return Some((REPLACEMENT, 1)),
    };
    let Some(tail) = bytes.get(at + 1..at + width) else { return Some((REPLACEMENT, 1)) };
    let mut cp = bits;
    for &b in tail {
        if b & 0xC0 != 0x80 {
            return Some((REPLACEMENT, 1));
        }
        cp = (cp << 6) | u32::from(b & 0x3F);
    }
    // An overlong form or one past U+10FFFF is no well-formed sequence either (never from
    // Python, whose WTF-8 is always well formed; surrogates are WTF-8's and stay).
    let least = [0, 0, 0x80, 0x800, 0x1_0000][width];
    if cp < least || cp > 0x10_FFFF {
        return Some((REPLACEMENT, 1));
    }
    Some((cp, width))
}

/// Whether code point `cp` is in one of `ranges` (first, last; ascending, apart): a binary search.
///
/// ```
/// assert!(_core::pystr::in_ranges(&[(0x30, 0x39), (0x660, 0x669)], 0x663));
/// assert!(!_core::pystr::in_ranges(&[(0x30, 0x39)], 0x3A) && !_core::pystr::in_ranges(&[], 0));
/// ```
pub fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    ranges
        .binary_search_by(|&(first, last)| {
            if last < cp {
                std::cmp::Ordering::Less
            } else if first > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether code point `cp` is whitespace to Python (`str.isspace()`, `re`'s `\s`).
pub fn is_space(cp: u32) -> bool {
    // `blocks::whitespace::is_py_space`'s characters, as code points (a test checks every one)
    matches!(cp, 0x09..=0x0D | 0x1C..=0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

/// The text as a Rust `str`, for the regex engine: itself when it is UTF-8 (the usual case);
/// otherwise a surrogate pair becomes the character it encodes and any other surrogate (or a
/// byte that starts no sequence) U+FFFD, as
/// `text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")` does in Python.
pub fn lossy_str(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(text) = utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(bytes.len());
    let mut points = code_points(bytes).map(|(_, cp)| cp).peekable();
    while let Some(cp) = points.next() {
        let c = match cp {
            0xD800..=0xDBFF => match points.peek() {
                Some(&low @ 0xDC00..=0xDFFF) => {
                    points.next();
                    char::from_u32(0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00))
                }
                _ => None,
            },
            _ => char::from_u32(cp),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    Cow::Owned(out)
}

/// Python's `encode("utf-8", "surrogatepass")` of one code point (for tests).
/// A set of characters as a bit set: one lookup a character (the frequent Han characters of
/// `plausibility`, the one-character stopwords of `features::counts`). Values past U+10FFFF,
/// which no text holds, are kept aside in a sorted list (the bits stay at most 136 KiB).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CharSet {
    bits: Vec<u64>,
    beyond: Vec<u32>,
}

impl CharSet {
    /// The set of `chars`.
    pub fn new(chars: impl IntoIterator<Item = u32>) -> CharSet {
        let (mut bits, mut beyond) = (Vec::new(), Vec::new());
        for cp in chars {
            if cp > 0x10FFFF {
                beyond.push(cp);
                continue;
            }
            let word = (cp / 64) as usize;
            if bits.len() <= word {
                bits.resize(word + 1, 0);
            }
            bits[word] |= 1 << (cp % 64);
        }
        beyond.sort_unstable();
        beyond.dedup();
        CharSet { bits, beyond }
    }

    /// Whether `cp` is in the set.
    pub fn contains(&self, cp: u32) -> bool {
        if cp > 0x10FFFF {
            return self.beyond.binary_search(&cp).is_ok();
        }
        self.bits.get((cp / 64) as usize).is_some_and(|w| w & (1 << (cp % 64)) != 0)
    }

    /// The first character of `text` in the set at or after byte `from` (a character
    /// boundary), with its byte offset: one pass over the bytes, each sequence decoded in place.
    ///
    /// ```
    /// let set = _core::pystr::CharSet::new("來國".chars().map(u32::from));
    /// assert_eq!(set.find_in("a來b國", 0), Some((1, '來')));
    /// assert_eq!(set.find_in("a來b國", 4), Some((5, '國')));
    /// assert_eq!(set.find_in("a來b", 4), None);
    /// ```
    pub fn find_in(&self, text: &str, from: usize) -> Option<(usize, char)> {
        let b = text.as_bytes();
        // (a set with no ASCII character, the usual case, lets runs of ASCII go a word at a time)
        let ascii_free = self.bits.iter().take(2).all(|&w| w == 0);
        let mut at = from;
        while let Some(&lead) = b.get(at) {
            if lead < 0x80 {
                if !ascii_free {
                    if self.contains(u32::from(lead)) {
                        return Some((at, char::from(lead)));
                    }
                    at += 1;
                    continue;
                }
                at += ascii_prefix(b.get(at..).unwrap_or_default()).max(1); // (at least `lead`)
                continue;
            }
            let (cp, width) = match b.get(at..at + 3) {
                Some(&[l @ 0xE0..=0xEF, b1, b2]) => (three_bytes(l, b1, b2), 3), // (the usual case)
                _ => other_sequence(b, at, lead),
            };
            if self.contains(cp) {
                return char::from_u32(cp).map(|c| (at, c));
            }
            at += width;
        }
        None
    }

    /// [`CharSet::find_in`] a sequence at a time (the oracle of the tests).
    #[cfg(test)]
    fn find_in_one_by_one(&self, text: &str, from: usize) -> Option<(usize, char)> {
        let b = text.as_bytes();
        let cont = |at: usize| u32::from(b.get(at).map_or(0, |&x| x & 0x3F));
        let mut at = from;
        while let Some(&lead) = b.get(at) {
            let (cp, width) = match lead {
                0x00..=0x7F => (u32::from(lead), 1),
                0x80..=0xDF => (u32::from(lead & 0x1F) << 6 | cont(at + 1), 2),
                0xE0..=0xEF => (u32::from(lead & 0x0F) << 12 | cont(at + 1) << 6 | cont(at + 2), 3),
                _ => (u32::from(lead & 0x07) << 18 | cont(at + 1) << 12 | cont(at + 2) << 6 | cont(at + 3), 4),
            };
            if self.contains(cp) {
                return char::from_u32(cp).map(|c| (at, c));
            }
            at += width;
        }
        None
    }
}

/// How many of the first (at most 8) bytes of `word` are ASCII before the first that is not.
fn ascii_prefix(word: &[u8]) -> usize {
    let mut bytes = [0x80; 8];
    match word.get(..8) {
        Some(eight) => bytes.copy_from_slice(eight),
        None => bytes[..word.len()].copy_from_slice(word),
    }
    let non_ascii = u64::from_le_bytes(bytes) & 0x8080_8080_8080_8080;
    (non_ascii.trailing_zeros() / 8) as usize
}

/// The code point of the three-byte sequence `l b1 b2` (read as it is).
fn three_bytes(l: u8, b1: u8, b2: u8) -> u32 {
    u32::from(l & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F)
}

/// The code point of the sequence led by `lead` at `at` of a `str` and its width (a missing
/// byte read as zero bits: never, in a `str` read from a character boundary).
fn other_sequence(b: &[u8], at: usize, lead: u8) -> (u32, usize) {
    let cont = |at: usize| u32::from(b.get(at).map_or(0, |&x| x & 0x3F));
    match lead {
        0x00..=0x7F => (u32::from(lead), 1),
        0x80..=0xDF => (u32::from(lead & 0x1F) << 6 | cont(at + 1), 2),
        0xE0..=0xEF => (u32::from(lead & 0x0F) << 12 | cont(at + 1) << 6 | cont(at + 2), 3),
        _ => (u32::from(lead & 0x07) << 18 | cont(at + 1) << 12 | cont(at + 2) << 6 | cont(at + 3), 4),
    }
}

#[cfg(test)]
pub(crate) fn wtf8(cp: u32) -> Vec<u8> {
    match char::from_u32(cp) {
        Some(c) => c.to_string().into_bytes(),
        None => vec![0xE0 | (cp >> 12) as u8, 0x80 | ((cp >> 6) & 0x3F) as u8, 0x80 | (cp & 0x3F) as u8],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_str_is_chars() {
        let mut rng = crate::test_rng::Rng(31);
        let pool = [
            "a",
            "\u{7f}",
            "\u{80}",
            "é",
            "\u{7ff}",
            "\u{800}",
            "重",
            "\u{ffff}",
            "\u{10000}",
            "𠀀",
            "\u{10ffff}",
            "\u{3000}",
            "<p class=\"x\">",
            "abcdefghijklmnop",
        ];
        let mut out = Vec::new();
        for _ in 0..20_000 {
            let t: String = (0..rng.below(24)).map(|_| pool[rng.below(pool.len())]).collect();
            out.clear();
            decode_str(&t, &mut out);
            assert_eq!(out, t.chars().map(u32::from).collect::<Vec<_>>(), "{t:?}");
            let mut old = Vec::new();
            decode_str_one_by_one(&t, &mut old);
            assert_eq!(out, old, "{t:?}");
        }
        let every: String = (0..=0x10_FFFF).filter_map(char::from_u32).collect();
        out.clear();
        decode_str(&every, &mut out);
        assert_eq!(out, every.chars().map(u32::from).collect::<Vec<_>>());
    }

    #[test]
    fn is_space_is_pythons_whitespace_on_every_code_point() {
        let python = |cp: u32| char::from_u32(cp).is_some_and(crate::blocks::whitespace::is_py_space);
        for cp in (0..=0x11_0000).chain([0x7FFF_FFFF, u32::MAX]) {
            assert_eq!(is_space(cp), python(cp), "U+{cp:04X}");
        }
    }

    #[test]
    fn find_in_is_the_one_by_one_search() {
        let mut rng = crate::test_rng::Rng(37);
        let pool =
            ["a", "abcdefghijklm", "<b>", "é", "\u{800}", "來", "国", "國", "\u{ffff}", "𠀀", "\u{10ffff}", "。", "x"];
        let sets = [
            CharSet::new("來國𠀀".chars().map(u32::from)),
            CharSet::new("來x".chars().map(u32::from)),
            CharSet::new("é\u{7f}".chars().map(u32::from)),
            CharSet::new([0x10FFFF, 0x800, u32::MAX]),
            CharSet::default(),
        ];
        for _ in 0..20_000 {
            let t: String = (0..rng.below(24)).map(|_| pool[rng.below(pool.len())]).collect();
            for set in &sets {
                // from every byte, boundaries or not
                for from in 0..=t.len() + 1 {
                    assert_eq!(set.find_in(&t, from), set.find_in_one_by_one(&t, from), "{t:?} {from}");
                }
            }
        }
        // every character, after ASCII at each offset of a word
        let set = CharSet::new((0..=0x10_FFFF).step_by(3));
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for pad in [0, 1, 7, 8, 9] {
                let t = format!("{}{c}{c}", "z".repeat(pad));
                assert_eq!(set.find_in(&t, 0), set.find_in_one_by_one(&t, 0), "{t:?}");
            }
        }
    }

    #[test]
    fn char_set_membership() {
        let set = CharSet::new([0x4E00, 0x9FFF, 0x20000, 63, 64, 0x10FFFF, u32::MAX]);
        for cp in [0x4E00, 0x9FFF, 0x20000, 63, 64, 0x10FFFF, u32::MAX] {
            assert!(set.contains(cp));
        }
        for cp in [0, 62, 65, 0x4E01, 0x10FFFE, 0x110000, u32::MAX - 1] {
            assert!(!set.contains(cp));
        }
        assert!(!CharSet::default().contains(0x4E00));
    }

    #[test]
    fn every_code_point_decodes_to_itself() {
        let mut bytes = Vec::new();
        for cp in 0..0x11_0000 {
            bytes.extend(wtf8(cp));
        }
        let mut want = 0;
        for (at, cp) in code_points(&bytes) {
            assert_eq!(cp, want);
            assert_eq!(&bytes[at..at + wtf8(cp).len()], wtf8(cp).as_slice());
            want += 1;
        }
        assert_eq!(want, 0x11_0000);
    }

    #[test]
    fn len_counts_what_code_points_reads() {
        // Every code point once, then runs of every length cut from that text at every 7th
        // code point, so each chunk's edge falls inside sequences of every width.
        let mut bytes = Vec::new();
        let mut starts = Vec::new();
        for cp in 0..0x11_0000 {
            starts.push(bytes.len());
            bytes.extend(wtf8(cp));
        }
        assert_eq!(len(&bytes), 0x11_0000);
        assert_eq!(utf8(&bytes), None); // it holds surrogates
        for (k, &a) in starts.iter().enumerate().step_by(7919) {
            for n in [0, 1, 2, 63, 64, 65, 200] {
                let b = starts.get(k + n).copied().unwrap_or(bytes.len());
                assert_eq!(len(&bytes[a..b]), code_points(&bytes[a..b]).count());
            }
        }
        let text = "沪渝携手，共建科创走廊 Shanghai 🙂".repeat(9);
        assert_eq!(len(text.as_bytes()), text.chars().count());
        assert_eq!(utf8(text.as_bytes()), Some(text.as_str()));
    }

    #[test]
    fn overlong_and_out_of_range_forms_read_as_replacements() {
        // an overlong NUL and slash, then F4 B3 93 B3 (past U+10FFFF): each byte on its own
        let got: Vec<(usize, u32)> = code_points(b"\xc0\x80\xe0\x80\xaf\xf4\xb3\x93\xb3").collect();
        assert!(got.iter().all(|&(_, c)| c == 0xFFFD), "{got:?}");
        assert_eq!(got.len(), 9);
        assert_eq!(width_at(b"\xf4\x8f\xbf\xbf", 0), 4); // U+10FFFF itself
    }

    #[test]
    fn len_counts_lead_bytes() {
        let mut bytes = "a中\u{1F600}".as_bytes().to_vec();
        bytes.extend(wtf8(0xDC00));
        assert_eq!(len(&bytes), 4);
        assert_eq!(len(b""), 0);
        let mut every = Vec::new();
        for cp in (0..0x11_0000).step_by(7) {
            every.extend(wtf8(cp));
        }
        every.extend(std::iter::repeat_n(0x80, 5000)); // a long run of continuations
        for start in 0..16 {
            let naive = every[start..].iter().filter(|&&b| b & 0xC0 != 0x80).count();
            assert_eq!(len(&every[start..]), naive);
        }
    }

    #[test]
    fn broken_bytes_read_as_replacements() {
        let got: Vec<u32> = code_points(b"a\xff\xe4\xb8b\xc3").map(|(_, c)| c).collect();
        assert_eq!(got, [0x61, 0xFFFD, 0xFFFD, 0xFFFD, 0x62, 0xFFFD]);
    }

    #[test]
    fn lossy_pairs_surrogates_and_replaces_the_lone_ones() {
        let mut bytes = b"x".to_vec();
        bytes.extend(wtf8(0xD83D));
        bytes.extend(wtf8(0xDE00)); // a pair: one emoji
        bytes.extend(wtf8(0xDC00)); // lone low
        bytes.extend(wtf8(0xD800)); // lone high before a letter
        bytes.extend(b"y");
        bytes.extend(wtf8(0xDBFF)); // lone high at the end
        assert_eq!(lossy_str(&bytes), "x\u{1F600}\u{FFFD}\u{FFFD}y\u{FFFD}");
        assert!(matches!(lossy_str("新闻".as_bytes()), Cow::Borrowed("新闻")));
    }

    #[test]
    fn spaces_are_pythons_and_surrogates_are_not() {
        assert!(is_space(0x1F) && is_space(0x3000) && !is_space(0x200B));
        assert!(!is_space(0xD800) && !is_space(0x11_0000));
    }
}
