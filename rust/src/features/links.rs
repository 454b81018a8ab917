//! The page-level features: which block's text begins another's (a truncated lead or teaser),
//! and which repeats an earlier one (`features.prefix_links`, `features.duplicate_links`).
//!
//! Texts are compared without their whitespace, as WTF-8 bytes (see [`crate::pystr`]: equal
//! and prefix-of as bytes are equal and prefix-of as Python strings).

use crate::hash::Map;
use crate::pystr::code_points;
use std::hash::BuildHasher;

/// Texts shorter than this (in characters, whitespace and trailing ellipses removed) begin no other.
const PREFIX_MIN_CHARS: usize = 8;
/// Of the texts sharing their first characters, a text is compared with this many, the first.
const PREFIX_CANDIDATES: usize = 32;
/// Texts shorter than this (in characters, whitespace removed) are never duplicates.
const DUPLICATE_MIN_CHARS: usize = 4;

/// The text without its whitespace (`"".join(text.split())`); borrowed when it has none.
#[cfg(test)] // (the plain reading `page_links` is checked against)
pub fn squeezed(text: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use std::borrow::Cow;
    let mut out = Vec::new();
    if squeeze_into(text, &mut out) {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Appends the text without its whitespace to `out` and says so, when it has whitespace; a text
/// with none is left to be read as it is (`false`, nothing appended).
///
/// Read on bytes: a whitespace character is one of a few byte sequences ([`space_width`]), and
/// one starts only where a code point does, since its first byte is never a continuation byte
/// and a sequence [`code_points`] reads as one code point holds no other first byte.
pub fn squeeze_into(text: &[u8], out: &mut Vec<u8>) -> bool {
    let mut found = false;
    let mut kept_from = 0; // start of the run of non-space bytes not yet copied
    let mut at = 0;
    while let Some(skip) = text[at..].iter().position(|&b| MAY_START_SPACE[usize::from(b)]) {
        at += skip;
        let width = space_width(&text[at..]);
        if width == 0 {
            at += 1;
            continue;
        }
        found = true;
        out.extend_from_slice(&text[kept_from..at]);
        at += width;
        kept_from = at;
    }
    if found {
        out.extend_from_slice(&text[kept_from..]);
    }
    found
}

/// How a text without its whitespace reads against another text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Against {
    /// The same bytes.
    Equal,
    /// It begins with the other and goes on.
    Longer,
    /// Neither.
    Other,
}

/// A text as [`page_links`] reads it: its bytes (WTF-8), whether they are UTF-8, and whether
/// they may hold whitespace (`spaced`: never `false` for a text that holds some; a text that
/// holds none is its own squeezed text).
#[derive(Debug, Clone, Copy)]
pub struct LinkText<'a> {
    pub bytes: &'a [u8],
    pub utf8: bool,
    pub spaced: bool,
}

impl<'a> LinkText<'a> {
    /// The text without its whitespace: its own bytes, or written to `buf`.
    fn squeezed<'b>(&self, buf: &'b mut Vec<u8>) -> &'b [u8]
    where
        'a: 'b,
    {
        if !self.spaced {
            return self.bytes;
        }
        buf.clear();
        if !squeeze_into(self.bytes, buf) {
            buf.extend_from_slice(self.bytes); // (said to be spaced, but holds no whitespace)
        }
        buf
    }

    /// The text without its whitespace against `target`, read as it is (no copy), and only as
    /// far as they agree.
    fn against(&self, target: &[u8]) -> Against {
        if !self.spaced {
            return match self.bytes.strip_prefix(target) {
                None => Against::Other,
                Some([]) => Against::Equal,
                Some(_) => Against::Longer,
            };
        }
        let (text, mut at, mut matched) = (self.bytes, 0, 0);
        while at < text.len() {
            let width = if MAY_START_SPACE[usize::from(text[at])] { space_width(&text[at..]) } else { 0 };
            if width > 0 {
                at += width;
            } else if matched == target.len() {
                return Against::Longer; // (a character past the target's end)
            } else if text[at] != target[matched] {
                return Against::Other;
            } else {
                (at, matched) = (at + 1, matched + 1);
            }
        }
        if matched == target.len() {
            Against::Equal
        } else {
            Against::Other
        }
    }
}

/// Each group's candidates (its first `PREFIX_CANDIDATES` members, in page order) laid out
/// group after group, and where each group's start (`starts[g]..starts[g + 1]`), for the texts'
/// groups `group` (`usize::MAX`: none) of sizes `sizes`: no list a group. Texts are then read in
/// page order, not group by group: on a page of many MB that keeps them in the caches.
fn candidates_of(group: &[usize], sizes: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut starts = Vec::with_capacity(sizes.len() + 1);
    let mut next = 0;
    for &size in sizes {
        starts.push(next);
        next += size.min(PREFIX_CANDIDATES);
    }
    starts.push(next);
    let mut candidates = vec![0; next];
    let mut fill = starts.clone();
    for (i, &g) in group.iter().enumerate() {
        if g != usize::MAX && fill[g] < starts[g + 1] {
            candidates[fill[g]] = i;
            fill[g] += 1;
        }
    }
    (starts, candidates)
}

/// [`prefix_links`] and [`duplicate_links`] of a page's `n` texts (`text(i)`), no text's
/// whitespace removed in a copy that outlives it: the texts are told apart by a hash of their
/// squeezed bytes and then compared as they are, piece by piece. A hash's slots `(h, 0)`,
/// `(h, 1)`... hold distinct texts (or first characters) in order of first appearance, so the
/// links are exact whatever collides.
pub fn page_links<'a>(n: usize, text: impl Fn(usize) -> LinkText<'a>) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    page_links_hashed(n, text, &foldhash::fast::RandomState::default())
}

/// [`page_links`] with the texts hashed by `hasher`.
fn page_links_hashed<'a>(
    n: usize,
    text: impl Fn(usize) -> LinkText<'a>,
    hasher: &impl BuildHasher,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut buf = Vec::new();
    // The first text of each squeezed text (duplicates), and the group of each text's first
    // characters, numbered in order of first appearance, with its first member's key length.
    let mut first: Map<(u64, u32), usize> = Map::default();
    let mut number: Map<(u64, u32), usize> = Map::default();
    let mut duplicate_of = Vec::with_capacity(n);
    let mut norm_len = Vec::with_capacity(n); // bytes of the text squeezed, ellipses removed
    let mut group = vec![usize::MAX; n];
    let (mut sizes, mut founders): (Vec<usize>, Vec<(usize, usize)>) = (Vec::new(), Vec::new());
    for (i, slot) in group.iter_mut().enumerate() {
        let t = text(i);
        let squeezed = t.squeezed(&mut buf);
        let mut seen = None;
        if first_chars(squeezed, DUPLICATE_MIN_CHARS, t.utf8).is_some() {
            let h = hasher.hash_one(squeezed);
            for k in 0.. {
                let j = *first.entry((h, k)).or_insert(i);
                if j == i || text(j).against(squeezed) == Against::Equal {
                    seen = (j != i).then_some(j);
                    break;
                }
            }
        }
        duplicate_of.push(seen);
        let norm = without_ellipsis(squeezed);
        norm_len.push(norm.len());
        if let Some(key) = first_chars(norm, PREFIX_MIN_CHARS, t.utf8) {
            let h = hasher.hash_one(key);
            for k in 0.. {
                let g = *number.entry((h, k)).or_insert(sizes.len());
                if g == sizes.len() {
                    sizes.push(0);
                    founders.push((i, key.len()));
                }
                let (f, key_len) = founders[g];
                if f == i || (key_len == key.len() && text(f).against(key) != Against::Other) {
                    sizes[g] += 1;
                    *slot = g;
                    break;
                }
            }
        }
    }
    drop((first, number, founders));
    let mut prefix_of = vec![None; n];
    if sizes.iter().all(|&size| size < 2) {
        return (prefix_of, duplicate_of);
    }
    let (starts, candidates) = candidates_of(&group, &sizes);
    for (i, (&g, slot)) in group.iter().zip(prefix_of.iter_mut()).enumerate() {
        if g == usize::MAX || sizes[g] < 2 {
            continue;
        }
        let len = norm_len[i];
        // The same text longer in bytes is longer in characters; a longer text begins with
        // this one's squeezed text cut to `len` exactly when its own cut there does.
        let offered = &candidates[starts[g]..starts[g + 1]];
        let longer = |j: usize| j != i && norm_len[j] > len;
        if !offered.iter().any(|&j| longer(j)) {
            continue;
        }
        let norm = &text(i).squeezed(&mut buf)[..len];
        *slot = offered.iter().copied().find(|&j| longer(j) && text(j).against(norm) != Against::Other);
    }
    (prefix_of, duplicate_of)
}

/// The bytes a whitespace character may start with ([`space_width`]).
const MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b, 0x09..=0x0D | 0x1C..=0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// The width in bytes of the whitespace character (`str.isspace()`) `bytes` starts with, 0 if
/// it starts with none: ASCII `\t`–`\r` and `\x1c`–` `, U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F and U+3000 ([`crate::pystr::is_space`]).
fn space_width(bytes: &[u8]) -> usize {
    match *bytes {
        [b'\t'..=b'\r' | 0x1C..=b' ', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// The text without trailing `.…⋯。` (`str.rstrip(".…⋯。")`).
fn without_ellipsis(mut text: &[u8]) -> &[u8] {
    loop {
        if let Some(rest) = text.strip_suffix(b".") {
            text = rest;
        } else if let Some(rest) = ["…", "⋯", "。"].iter().find_map(|m| text.strip_suffix(m.as_bytes())) {
            text = rest;
        } else {
            return text;
        }
    }
}

/// The bytes of the first `n` characters of `text`, if it has that many; `utf8` when `text`
/// is UTF-8, whose characters are the bytes that start one (counted, not decoded).
fn first_chars(text: &[u8], n: usize, utf8: bool) -> Option<&[u8]> {
    if n == 0 {
        return Some(&text[..0]);
    }
    if utf8 {
        let mut seen = 0;
        for (i, &b) in text.iter().enumerate() {
            if b & 0xC0 != 0x80 {
                if seen == n {
                    return Some(&text[..i]);
                }
                seen += 1;
            }
        }
        return (seen == n).then_some(text);
    }
    let mut points = code_points(text);
    points.nth(n - 1)?;
    Some(&text[..points.next().map_or(text.len(), |(at, _)| at)])
}

/// For each text (whitespace already removed; `utf8[i]` when text `i` is UTF-8), the index of
/// a longer text that starts with it once trailing ellipses are removed from both, or `None`.
/// Texts of fewer than 8 characters are never linked; texts are grouped by their first 8
/// characters, and each is compared with the first 32 of its group, the first that fits winning.
#[cfg(test)] // (the plain reading `page_links` is checked against)
pub fn prefix_links(squeezed: &[&[u8]], utf8: &[bool]) -> Vec<Option<usize>> {
    let n = squeezed.len();
    let norm: Vec<&[u8]> = squeezed.iter().map(|t| without_ellipsis(t)).collect();
    // Each text's group (numbered in order of first appearance) and the groups' sizes.
    let mut number: Map<&[u8], usize> = Map::with_capacity_and_hasher(n, Default::default());
    let mut group = vec![usize::MAX; n];
    let mut sizes = Vec::new();
    for (i, t) in norm.iter().enumerate() {
        if let Some(key) = first_chars(t, PREFIX_MIN_CHARS, utf8.get(i).copied().unwrap_or(false)) {
            let g = *number.entry(key).or_insert(sizes.len());
            if g == sizes.len() {
                sizes.push(0);
            }
            sizes[g] += 1;
            group[i] = g;
        }
    }
    drop(number);
    let mut out = vec![None; n];
    if sizes.iter().all(|&size| size < 2) {
        return out;
    }
    let (starts, candidates) = candidates_of(&group, &sizes);
    for (i, (&g, slot)) in group.iter().zip(out.iter_mut()).enumerate() {
        if g == usize::MAX || sizes[g] < 2 {
            continue;
        }
        let t = norm[i];
        // The same text longer in bytes is longer in characters.
        *slot = candidates[starts[g]..starts[g + 1]]
            .iter()
            .copied()
            .find(|&j| j != i && norm[j].len() > t.len() && norm[j].starts_with(t));
    }
    out
}

/// For each text (whitespace already removed; `utf8[i]` when text `i` is UTF-8), the index of
/// the first earlier identical text, or `None`; texts of fewer than 4 characters are never linked.
#[cfg(test)] // (the plain reading `page_links` is checked against)
pub fn duplicate_links(squeezed: &[&[u8]], utf8: &[bool]) -> Vec<Option<usize>> {
    let mut first: Map<&[u8], usize> = Map::with_capacity_and_hasher(squeezed.len(), Default::default());
    squeezed
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            first_chars(t, DUPLICATE_MIN_CHARS, utf8.get(i).copied().unwrap_or(false))?;
            let j = *first.entry(t).or_insert(i);
            (j != i).then_some(j)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pystr::{is_space, width_at};
    use std::borrow::Cow;

    type Links = fn(&[&[u8]], &[bool]) -> Vec<Option<usize>>;

    fn links(f: Links, texts: &[&str]) -> Vec<Option<usize>> {
        let squeezed: Vec<Cow<[u8]>> = texts.iter().map(|t| squeezed(t.as_bytes())).collect();
        let refs: Vec<&[u8]> = squeezed.iter().map(|t| t.as_ref()).collect();
        let (utf8, not) = (vec![true; refs.len()], vec![false; refs.len()]);
        let got = f(&refs, &utf8);
        assert_eq!(got, f(&refs, &not), "counted or decoded");
        got
    }

    /// [`prefix_links`] as it was: a list of members a group.
    fn prefix_links_by_lists(squeezed: &[&[u8]]) -> Vec<Option<usize>> {
        let norm: Vec<&[u8]> = squeezed.iter().map(|t| without_ellipsis(t)).collect();
        let mut groups: Map<&[u8], Vec<usize>> = Map::default();
        for (i, t) in norm.iter().enumerate() {
            if let Some(key) = first_chars(t, PREFIX_MIN_CHARS, false) {
                groups.entry(key).or_default().push(i);
            }
        }
        let mut out = vec![None; norm.len()];
        for group in groups.values().filter(|g| g.len() >= 2) {
            let candidates = &group[..group.len().min(PREFIX_CANDIDATES)];
            for &i in group {
                let t = norm[i];
                out[i] =
                    candidates.iter().copied().find(|&j| j != i && norm[j].len() > t.len() && norm[j].starts_with(t));
            }
        }
        out
    }

    /// A group of more texts than `PREFIX_CANDIDATES`: a text is linked only to a longer one
    /// among the group's first; the texts after them are linked, not offered.
    #[test]
    fn a_group_offers_its_first_candidates_only() {
        let stem = "重庆市科技局与上海市科委签署";
        let mut texts: Vec<String> = (0..PREFIX_CANDIDATES + 8).map(|k| format!("{stem}协议{k}号")).collect();
        texts[3] = stem.to_string(); // a cut: the first candidate longer than it is text 0
        texts[5] = format!("{stem}协议1"); // a cut of texts 1, 10 to 19: the first wins
        texts.push(format!("{stem}协议{}号", PREFIX_CANDIDATES + 2)); // past the candidates
        texts.push(format!("{stem}协议{}号文件", PREFIX_CANDIDATES + 2)); // longer, but not offered
        let refs: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        let found = prefix_links(&refs, &vec![true; refs.len()]);
        assert_eq!(found, prefix_links_by_lists(&refs));
        assert_eq!(found[3], Some(0));
        assert_eq!(found[PREFIX_CANDIDATES + 8], None);
        assert_eq!(found[5], Some(1));
        assert_eq!(found[PREFIX_CANDIDATES + 9], None);
    }

    /// The links on random pages of teasers, leads, repeats and their cuts, against
    /// [`prefix_links_by_lists`]; characters counted on UTF-8 as decoded.
    #[test]
    fn links_are_those_of_the_lists() {
        let pieces: [&[u8]; 14] = [
            "重庆市科技局".as_bytes(),
            "与上海市科委".as_bytes(),
            "签署协议".as_bytes(),
            "。".as_bytes(),
            "…".as_bytes(),
            b"...",
            b"ab",
            "返回顶部".as_bytes(),
            "𠀀".as_bytes(),
            b"1",
            b"\xed\xa0\x80", // a lone surrogate
            b"\x80",
            b"\xe4\xb8",
            b"\xff",
        ];
        let mut rng = crate::test_rng::Rng(0xC0FFEE);
        let (mut prefixes, mut repeats) = (0, 0);
        for _ in 0..4000 {
            let n = rng.below(60);
            let mut texts: Vec<Vec<u8>> = Vec::new();
            for _ in 0..n {
                let t: Vec<u8> = if !texts.is_empty() && rng.below(3) == 0 {
                    let mut t = texts[rng.below(texts.len())].clone();
                    match rng.below(3) {
                        0 => t.truncate(rng.below(t.len() + 1)),
                        1 => t.extend_from_slice(pieces[rng.below(pieces.len())]),
                        _ => {}
                    }
                    t
                } else {
                    (0..rng.below(8)).flat_map(|_| pieces[rng.below(pieces.len())].iter().copied()).collect()
                };
                texts.push(t);
            }
            let refs: Vec<&[u8]> = texts.iter().map(Vec::as_slice).collect();
            let utf8: Vec<bool> = refs.iter().map(|t| crate::pystr::utf8(t).is_some()).collect();
            let want = prefix_links_by_lists(&refs);
            assert_eq!(prefix_links(&refs, &utf8), want, "{texts:?}");
            assert_eq!(prefix_links(&refs, &vec![false; n]), want);
            let want = duplicate_links(&refs, &vec![false; n]);
            assert_eq!(duplicate_links(&refs, &utf8), want);
            repeats += want.iter().flatten().count();
            prefixes += prefix_links_by_lists(&refs).iter().flatten().count();
        }
        assert!(prefixes > 1000 && repeats > 1000, "{prefixes} {repeats}");
    }

    /// A hasher under which every text collides.
    struct Colliding;

    impl BuildHasher for Colliding {
        type Hasher = Colliding;
        fn build_hasher(&self) -> Colliding {
            Colliding
        }
    }

    impl std::hash::Hasher for Colliding {
        fn finish(&self) -> u64 {
            7
        }
        fn write(&mut self, _: &[u8]) {}
    }

    /// [`page_links`], which squeezes no text in a copy it keeps, gives the links of the texts
    /// squeezed, on random pages of teasers, leads, repeats and their cuts with whitespace in
    /// them; with every hash colliding too.
    #[test]
    fn page_links_are_those_of_the_squeezed_texts() {
        let pieces: [&[u8]; 14] = [
            "重庆市科技局".as_bytes(),
            "与上海".as_bytes(),
            "。".as_bytes(),
            "…".as_bytes(),
            b"ab",
            b" ",
            b"\n",
            "\u{3000}".as_bytes(),
            "\u{a0}".as_bytes(),
            "𠀀".as_bytes(),
            b"\xed\xa0\x80", // a lone surrogate
            b"\xe4\xb8",
            b"\x80",
            b"1",
        ];
        let mut rng = crate::test_rng::Rng(0x5EED_11AC);
        let (mut prefixes, mut repeats, mut spaced_links) = (0, 0, 0);
        for round in 0..4000 {
            let n = rng.below(50);
            let mut texts: Vec<Vec<u8>> = Vec::new();
            for _ in 0..n {
                let t: Vec<u8> = if !texts.is_empty() && rng.below(3) == 0 {
                    let mut t = texts[rng.below(texts.len())].clone();
                    match rng.below(4) {
                        0 => t.truncate(rng.below(t.len() + 1)),
                        1 => t.extend_from_slice(pieces[rng.below(pieces.len())]),
                        2 => t.insert(rng.below(t.len() + 1), b' '),
                        _ => {}
                    }
                    t
                } else {
                    (0..rng.below(8)).flat_map(|_| pieces[rng.below(pieces.len())].iter().copied()).collect()
                };
                texts.push(t);
            }
            let squeezed: Vec<Vec<u8>> = texts.iter().map(|t| squeezed(t).into_owned()).collect();
            let refs: Vec<&[u8]> = squeezed.iter().map(Vec::as_slice).collect();
            let utf8: Vec<bool> = texts.iter().map(|t| crate::pystr::utf8(t).is_some()).collect();
            let want = (prefix_links(&refs, &utf8), duplicate_links(&refs, &utf8));
            let spaced: Vec<bool> = texts.iter().zip(&refs).map(|(t, s)| t.len() != s.len()).collect();
            let text = |i: usize| LinkText { bytes: &texts[i], utf8: utf8[i], spaced: spaced[i] };
            assert_eq!(page_links(n, text), want, "{texts:?}");
            let every = |i: usize| LinkText { spaced: true, ..text(i) }; // (squeezed, though it holds none)
            assert_eq!(page_links(n, every), want);
            if round % 4 == 0 {
                assert_eq!(page_links_hashed(n, text, &Colliding), want, "{texts:?}");
            }
            prefixes += want.0.iter().flatten().count();
            repeats += want.1.iter().flatten().count();
            let linked = want.0.iter().zip(&want.1).enumerate().filter(|(_, (p, d))| p.is_some() || d.is_some());
            spaced_links += linked.filter(|&(i, (p, d))| spaced[i] || p.or(*d).is_some_and(|j| spaced[j])).count();
        }
        assert!(prefixes > 1000 && repeats > 1000 && spaced_links > 1000, "{prefixes} {repeats} {spaced_links}");
    }

    /// Under colliding hashes, texts whose first characters differ stay in groups of their own:
    /// more than `PREFIX_CANDIDATES` others before them do not crowd out their candidates.
    #[test]
    fn colliding_first_characters_keep_their_groups() {
        let stems: Vec<char> = "甲乙丙丁戊己庚辛壬癸".chars().collect();
        // (first characters as long in bytes as the cut's below)
        let mut texts: Vec<String> =
            (0..PREFIX_CANDIDATES + 8).map(|k| format!("{}{}号通知全文如下", stems[k / 10], stems[k % 10])).collect();
        texts.push("重庆 市科技局与上海".into()); // a cut of the next text
        texts.push("重庆市科技局与上海市科委签署协议。".into());
        let n = texts.len();
        let text = |i: usize| LinkText { bytes: texts[i].as_bytes(), utf8: true, spaced: true };
        let (prefix_of, _) = page_links_hashed(n, text, &Colliding);
        assert_eq!(prefix_of[n - 2], Some(n - 1));
        assert_eq!(page_links_hashed(n, text, &Colliding), page_links(n, text));
    }

    #[test]
    fn a_text_against_another_reads_it_without_whitespace() {
        let t = |s: &'static str| LinkText { bytes: s.as_bytes(), utf8: true, spaced: true };
        assert_eq!(t("重庆 市\u{3000}科技").against("重庆市科技".as_bytes()), Against::Equal);
        assert_eq!(t("重庆 市\u{3000}科技").against("重庆市".as_bytes()), Against::Longer);
        assert_eq!(t("重庆 市").against("重庆市科技".as_bytes()), Against::Other);
        assert_eq!(t("重庆 市").against("重庆县".as_bytes()), Against::Other);
        assert_eq!(t("  ").against(b""), Against::Equal);
        assert_eq!(t(" a ").against(b""), Against::Longer);
        let plain = |s: &'static str| LinkText { spaced: false, ..t(s) };
        assert_eq!(plain("重庆市").against("重庆市".as_bytes()), Against::Equal);
        assert_eq!(plain("重庆市科技").against("重庆市".as_bytes()), Against::Longer);
        assert_eq!(plain("重庆").against("重庆市".as_bytes()), Against::Other);
    }

    #[test]
    fn counted_first_chars_are_decoded_first_chars_on_utf8() {
        let mut rng = crate::test_rng::Rng(99);
        let pool = ["a", "重", "é", "𠀀", "…", " ", "\u{3000}"];
        for _ in 0..20_000 {
            let t: String = (0..rng.below(12)).map(|_| pool[rng.below(pool.len())]).collect();
            for n in 0..10 {
                assert_eq!(first_chars(t.as_bytes(), n, true), first_chars(t.as_bytes(), n, false), "{t:?} {n}");
            }
        }
    }

    /// [`squeezed`] read code point by code point, as it was.
    fn squeezed_by_code_points(text: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for (at, cp) in code_points(text) {
            if !is_space(cp) {
                out.extend_from_slice(&text[at..at + width_at(text, at)]);
            }
        }
        out
    }

    #[test]
    fn space_widths_are_pythons_whitespace() {
        for cp in 0..=0x10_FFFFu32 {
            let Some(c) = char::from_u32(cp) else { continue };
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let want = if is_space(cp) { bytes.len() } else { 0 };
            assert_eq!(space_width(bytes), want, "U+{cp:04X}");
        }
    }

    #[test]
    fn squeezing_on_bytes_is_squeezing_by_code_points() {
        let pieces: [&[u8]; 16] = [
            b" ",
            b"\t",
            b"\x1c",
            b"a",
            "重".as_bytes(),
            "\u{3000}".as_bytes(),
            "\u{a0}".as_bytes(),
            "\u{85}".as_bytes(),
            "\u{2009}".as_bytes(),
            "\u{2020}".as_bytes(),
            "\u{205f}".as_bytes(),
            "\u{1680}".as_bytes(),
            b"\xed\xa0\x80",
            b"\xe3",
            b"\x80",
            b"\xc2",
        ];
        let mut rng = crate::test_rng::Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..50_000 {
            let mut text = Vec::new();
            for _ in 0..rng.below(12) {
                text.extend_from_slice(pieces[rng.below(pieces.len())]);
            }
            assert_eq!(squeezed(&text).as_ref(), squeezed_by_code_points(&text).as_slice(), "{text:?}");
        }
    }

    #[test]
    fn squeezing_removes_pythons_whitespace() {
        assert_eq!(squeezed("重庆 市\u{3000}科技\n\u{85}局\u{a0}".as_bytes()).as_ref(), "重庆市科技局".as_bytes());
        assert!(matches!(squeezed("重庆\u{200b}市".as_bytes()), Cow::Borrowed(_)));
        assert_eq!(squeezed(b" \t ").as_ref(), b"");
    }

    #[test]
    fn squeezing_appends_to_one_buffer() {
        let mut spare = b"\xe9".to_vec(); // (what a page's earlier texts left there is kept)
        assert!(squeeze_into("重庆 市".as_bytes(), &mut spare));
        assert!(!squeeze_into("科技局".as_bytes(), &mut spare), "no whitespace: read as it is");
        assert!(squeeze_into(b" \t ", &mut spare), "only whitespace: squeezed to nothing");
        assert!(squeeze_into("局\u{3000}".as_bytes(), &mut spare));
        assert_eq!(spare, [b"\xe9".as_slice(), "重庆市局".as_bytes()].concat());
    }

    #[test]
    fn prefixes() {
        let full = "6月3日,重庆市科技局与上海市科委签署科技合作框架协议。根据协议,我市将与上海在七个方面开展深度合作。";
        let lead: String = full.chars().take(30).collect();
        let got = links(prefix_links, &[&lead, "无关的段落。", full, "6月3日"]);
        assert_eq!(got, [Some(2), None, None, None]);
        assert_eq!(
            links(prefix_links, &["重庆 市科技局与上海市", "重庆市科技局与上海市科委签署协议。"]),
            [Some(1), None]
        );
        assert_eq!(links(prefix_links, &["重庆市科技", "重庆市科技局与上海市科委"]), [None, None]);
        assert_eq!(links(prefix_links, &["同一段文字内容一样长。", "同一段文字内容一样长。"]), [None, None]);
        // ellipses are removed before comparing: a teaser begins its article
        assert_eq!(links(prefix_links, &["重庆市科技局与上海市…", "重庆市科技局与上海市科委。"]), [Some(1), None]);
    }

    #[test]
    fn only_the_first_candidates_are_compared() {
        let short = "一二三四五六七八";
        let mut texts = vec![short; PREFIX_CANDIDATES];
        let long = format!("{short}九");
        texts.push(&long);
        let got = links(prefix_links, &texts);
        assert!(got.iter().all(Option::is_none), "the longer text is the 33rd of its group");
        texts.remove(0);
        assert!(links(prefix_links, &texts)[..PREFIX_CANDIDATES - 1].iter().all(|&l| l == Some(PREFIX_CANDIDATES - 1)));
    }

    #[test]
    fn duplicates() {
        assert_eq!(
            links(duplicate_links, &["返回顶部", "正文", "返回 顶部", "正文", "返回顶部"]),
            [None, None, Some(0), None, Some(0)]
        );
    }

    #[test]
    fn first_chars_counts_characters() {
        for utf8 in [false, true] {
            assert_eq!(first_chars("a新b".as_bytes(), 2, utf8), Some("a新".as_bytes()));
            assert_eq!(first_chars("a新".as_bytes(), 2, utf8), Some("a新".as_bytes()));
            assert_eq!(first_chars("a".as_bytes(), 2, utf8), None);
            assert_eq!(first_chars(b"", 0, utf8), Some(&b""[..]));
        }
    }
}
