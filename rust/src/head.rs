//! The page scan of `cleantext/headmeta.py`'s `read_head`: the `<title>`, the meta tags'
//! attributes and where JSON-LD scripts' contents start, exactly as Python's `re` finds them
//! with these patterns (all but `ATTR` case-insensitive), over a text as WTF-8 (`pystr`):
//!
//! ```text
//! TITLE = <title\b[^<>]{0,500}>([^<]{0,2000})</title            (its first match)
//! META  = <(?:meta\b([^<>]{0,2000})>|script\b[^<>]{0,500}application/ld\+json[^<>]{0,500}>)
//! ATTR  = ([a-zA-Z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)  (each META tag's group 1)
//! ```
//!
//! Python's semantics: `{m,n}` counts code points; `\b`, `\w` and `\s` are Unicode's as Python
//! holds them (`str.isalnum()` or `_`, `str.isspace()`), which the caller's [`Classes`] tells
//! for a character past ASCII; a letter matches, without case, what Python's `re` matches for
//! it (for the letters read here: `i` also U+0130 and U+0131, `s` U+017F, `k` U+212A).
//!
//! Every match of META holds no `<` but its first character, and TITLE's none between its
//! start and its closing `</title`, so each is found by trying the pattern at each `<`.

use crate::hash::Map;
use crate::pystr::{self, decode_at as code_point, len as chars};
use memchr::{memchr, memchr2, memchr_iter};
use std::ops::Range;

/// What `re` reads a character as: a word character (`\w`), whitespace (`\s`) or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Word,
    Space,
    Other,
}

/// The class of each code point: ASCII's and the common Han characters' known here, the rest
/// asked of `other` (Python's own `str` methods, by the bindings) once each.
pub struct Classes<F: FnMut(u32) -> Class> {
    other: F,
    known: Map<u32, Class>,
}

impl<F: FnMut(u32) -> Class> Classes<F> {
    pub fn new(other: F) -> Self {
        Classes { other, known: Map::default() }
    }

    /// The class of `cp`.
    pub fn of(&mut self, cp: u32) -> Class {
        match cp {
            0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A | 0x5F => Class::Word,
            0x09..=0x0D | 0x1C..=0x20 => Class::Space,
            0..=0x7F => Class::Other,
            // CJK Unified Ideographs, all letters (Lo) since Unicode 13 (Python 3.10's)
            0x4E00..=0x9FFC => Class::Word,
            // surrogates (Cs): never letters, digits nor spaces
            0xD800..=0xDFFF => Class::Other,
            _ => *self.known.entry(cp).or_insert_with(|| (self.other)(cp)),
        }
    }
}

/// What the scan found, as byte ranges of the text (the strings) and code point offsets (the
/// scripts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// TITLE's group 1, if it matches.
    pub title: Option<Range<usize>>,
    /// For each META match that is a meta tag, in order: ATTR's matches in its group 1, each
    /// `(name, value)` (the value with its quotes).
    pub metas: Vec<Vec<(Range<usize>, Range<usize>)>>,
    /// For each META match that is a script's opening tag, in order: where it ends, as a code
    /// point offset (where the script's contents start).
    pub scripts: Vec<usize>,
}

/// TITLE's and META's matches (and ATTR's in them) in the WTF-8 `text`.
pub fn scan<F: FnMut(u32) -> Class>(text: &[u8], classes: &mut Classes<F>) -> Head {
    Head { title: title(text, classes), ..tags(text, classes) }
}

/// Whether `bytes` hold at most `limit` characters (bytes past `4 * limit + 4` are not read).
fn at_most(bytes: &[u8], limit: usize) -> bool {
    bytes.len() <= limit || chars(&bytes[..bytes.len().min(4 * limit + 4)]) <= limit
}

/// The code points other than ASCII letters that match each letter without case in a `str`
/// pattern of Python's `re` (its `_sre.unicode_tolower` and `_compiler._equivalences`).
const FOLDED: &[(u8, u32)] = &[(b'i', 0x130), (b'i', 0x131), (b's', 0x17F), (b'k', 0x212A)];

/// The end of `word` (ASCII lower case) matched without case at byte `at`, as `re` matches it.
/// (Inlined into the generic scans, which are compiled where they are called: out of line, the
/// words are not known and the scan of the dev pages took 20 M more instructions.)
#[inline]
fn word_at(text: &[u8], mut at: usize, word: &[u8]) -> Option<usize> {
    for &letter in word {
        let &b = text.get(at)?;
        if b < 0x80 {
            if b != letter && !(letter.is_ascii_lowercase() && b == letter.to_ascii_uppercase()) {
                return None;
            }
            at += 1;
        } else {
            let (cp, width) = code_point(text, at)?;
            if !FOLDED.contains(&(letter, cp)) {
                return None;
            }
            at += width;
        }
    }
    Some(at)
}

/// Whether `\b` holds at `at`, after a word character: no word character follows.
fn boundary<F: FnMut(u32) -> Class>(text: &[u8], at: usize, classes: &mut Classes<F>) -> bool {
    code_point(text, at).is_none_or(|(cp, _)| classes.of(cp) != Class::Word)
}

/// `[^<>]{0,limit}>` at `at`: where its `>` is.
fn to_close(text: &[u8], at: usize, limit: usize) -> Option<usize> {
    let end = at + memchr2(b'<', b'>', &text[at..])?;
    (text[end] == b'>' && at_most(&text[at..end], limit)).then_some(end)
}

/// The `<` at `lt` opening `word\b`: where the word ends.
fn opening<F: FnMut(u32) -> Class>(text: &[u8], lt: usize, word: &[u8], classes: &mut Classes<F>) -> Option<usize> {
    word_at(text, lt + 1, word).filter(|&end| boundary(text, end, classes))
}

/// TITLE's group 1 in `text`, from its first match.
pub fn title<F: FnMut(u32) -> Class>(text: &[u8], classes: &mut Classes<F>) -> Option<Range<usize>> {
    memchr_iter(b'<', text).find_map(|lt| {
        let close = to_close(text, opening(text, lt, b"title", classes)?, 500)?;
        let start = close + 1;
        let end = start + memchr(b'<', &text[start..])?;
        let closed = text.get(end + 1) == Some(&b'/') && word_at(text, end + 2, b"title").is_some();
        (closed && at_most(&text[start..end], 2000)).then_some(start..end)
    })
}

/// META's matches in `text` (with ATTR's in each meta tag), in order.
pub fn tags<F: FnMut(u32) -> Class>(text: &[u8], classes: &mut Classes<F>) -> Head {
    let mut head = Head::default();
    // code points before byte `counted.0`
    let mut counted = (0, 0);
    for lt in memchr_iter(b'<', text) {
        if let Some(start) = opening(text, lt, b"meta", classes) {
            if let Some(close) = to_close(text, start, 2000) {
                head.metas.push(attributes(text, start..close, classes));
            }
        } else if let Some(start) = opening(text, lt, b"script", classes) {
            if let Some(close) = json_ld(text, start) {
                counted = (close + 1, counted.1 + chars(&text[counted.0..=close]));
                head.scripts.push(counted.1);
            }
        }
    }
    head
}

const LD_TYPE: &[u8] = b"application/ld+json";

/// `[^<>]{0,500}application/ld\+json[^<>]{0,500}>` at `at`: where its `>` is.
fn json_ld(text: &[u8], at: usize) -> Option<usize> {
    let close = at + memchr2(b'<', b'>', &text[at..])?;
    if text[close] != b'>' {
        return None;
    }
    // the last type starting at most 500 characters after `at` leaves the fewest before `>`
    let mut last = None;
    let mut from = at;
    for _ in 0..=500 {
        if from >= close {
            break;
        }
        if let Some(end) = word_at(text, from, LD_TYPE) {
            last = Some(end);
        }
        from += pystr::width_at(text, from);
    }
    at_most(&text[last?..close], 500).then_some(close)
}

/// ATTR's matches in `text[within]`, as `re.findall` gives them: `(name, value)`.
pub fn attributes<F: FnMut(u32) -> Class>(
    text: &[u8],
    within: Range<usize>,
    classes: &mut Classes<F>,
) -> Vec<(Range<usize>, Range<usize>)> {
    let text = &text[..within.end];
    let mut found = Vec::new();
    let mut at = within.start;
    while at < text.len() {
        let b = text[at];
        if !(b.is_ascii_alphabetic() || b == b'_' || b == b':') {
            at += pystr::width_at(text, at);
            continue;
        }
        let mut name_end = at + 1;
        while let Some((cp, width)) = code_point(text, name_end) {
            if !(matches!(cp, 0x2D | 0x2E | 0x3A) || classes.of(cp) == Class::Word) {
                break;
            }
            name_end += width;
        }
        match value(text, name_end, classes) {
            Some(v) => {
                found.push((at..name_end, v.clone()));
                at = v.end;
            }
            // a match starting later in the name would end its name here too, and fail the same
            None => at = name_end,
        }
    }
    found
}

/// `\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)` at `at` (the end of the text): the value's range.
fn value<F: FnMut(u32) -> Class>(text: &[u8], at: usize, classes: &mut Classes<F>) -> Option<Range<usize>> {
    let mut spaces = |mut at: usize| {
        while let Some((cp, width)) = code_point(text, at) {
            if classes.of(cp) != Class::Space {
                break;
            }
            at += width;
        }
        at
    };
    let eq = spaces(at);
    if text.get(eq) != Some(&b'=') {
        return None;
    }
    let start = spaces(eq + 1);
    match *text.get(start)? {
        quote @ (b'"' | b'\'') => Some(start..start + 1 + memchr(quote, &text[start + 1..])? + 1),
        _ => {
            // (not a space, nor `>`: none is in a tag's attributes)
            let mut end = start;
            while let Some((cp, width)) = code_point(text, end) {
                if matches!(cp, 0x22 | 0x27 | 0x3E) || classes.of(cp) == Class::Space {
                    break;
                }
                end += width;
            }
            Some(start..end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pystr::wtf8;

    /// Python's classes as Rust's `char` tells them (close enough for these tests' characters).
    fn classes() -> Classes<impl FnMut(u32) -> Class> {
        Classes::new(|cp| match char::from_u32(cp) {
            Some(c) if c.is_alphanumeric() => Class::Word,
            Some(c) if pystr::is_space(u32::from(c)) => Class::Space,
            _ => Class::Other,
        })
    }

    fn text_of(parts: &[&str]) -> Vec<u8> {
        parts.concat().into_bytes()
    }

    fn head(text: &[u8]) -> Head {
        scan(text, &mut classes())
    }

    fn strings<'a>(text: &'a [u8], metas: &[Vec<(Range<usize>, Range<usize>)>]) -> Vec<Vec<(&'a str, &'a str)>> {
        let s = |r: &Range<usize>| std::str::from_utf8(&text[r.clone()]).unwrap();
        metas.iter().map(|m| m.iter().map(|(n, v)| (s(n), s(v))).collect()).collect()
    }

    #[test]
    fn finds_the_first_title_that_closes() {
        let text = text_of(&["<title", "x>a</title><TITLE lang=zh>新闻<b></title><tItLe>标题</TiTlE>"]);
        let got = head(&text).title.unwrap();
        assert_eq!(std::str::from_utf8(&text[got]).unwrap(), "标题");
        assert_eq!(head(b"<title>a<"), Head::default());
        assert_eq!(head(b"<title>abc</titl"), Head::default());
        let found = head(b"<title>abc</titlex").title.unwrap(); // no \b after the closing one
        assert_eq!(found, 7..10);
    }

    #[test]
    fn title_limits_count_characters() {
        let at_limit = format!("<title {}>{}</title>", "长".repeat(499), "字".repeat(2000));
        assert_eq!(head(at_limit.as_bytes()).title.map(|r| r.len()), Some(6000));
        let long_tag = format!("<title {}>a</title>", "长".repeat(500));
        assert_eq!(head(long_tag.as_bytes()).title, None);
        let long_text = format!("<title>{}</title>", "a".repeat(2001));
        assert_eq!(head(long_text.as_bytes()).title, None);
    }

    #[test]
    fn letters_match_as_pythons_re_matches_them() {
        // ı (U+0131) and İ (U+0130) for i, ſ (U+017F) for s, K (U+212A) for k; not Ǐ
        assert_eq!(word_at("tİtle".as_bytes(), 0, b"title"), Some(6));
        assert_eq!(word_at("TıTLE".as_bytes(), 0, b"title"), Some(6));
        assert_eq!(word_at("ſcrıpt".as_bytes(), 0, b"script"), Some(8));
        assert_eq!(word_at("\u{212A}".as_bytes(), 0, b"k"), Some(3));
        assert_eq!(word_at("tǏtle".as_bytes(), 0, b"title"), None);
        assert_eq!(word_at(b"meta", 0, b"metas"), None);
        assert_eq!(word_at(b"m@ta", 0, b"meta"), None);
        assert_eq!(word_at(b"+", 0, b"+"), Some(1));
    }

    #[test]
    fn a_word_boundary_follows_the_tag_name() {
        let text = text_of(&["<metax a=b>", "<meta_ a=c>", "<meta中 a=d>", "<meta\u{3000}a=e>", "<meta-a=f>", "<meta"]);
        assert_eq!(strings(&text, &head(&text).metas), [vec![("a", "e")], vec![("a", "f")]]);
    }

    #[test]
    fn meta_tags_and_scripts_in_order() {
        let text = text_of(&[
            "<META NAME=\"Author\" CONTENT='李四'>",
            "<script type=\"Application/LD+JSON\">{}</script>",
            "<meta property=og:title content=标题乙 >",
            "<script>x</script><ſcript type=application/ld+json>",
        ]);
        let got = head(&text);
        assert_eq!(
            strings(&text, &got.metas),
            [
                vec![("NAME", "\"Author\""), ("CONTENT", "'李四'")],
                vec![("property", "og:title"), ("content", "标题乙")]
            ]
        );
        let s = String::from_utf8(text.clone()).unwrap();
        let offset = |needle: &str, nth: usize| {
            let byte = s.match_indices(needle).nth(nth).unwrap().0 + needle.len();
            s[..byte].chars().count()
        };
        assert_eq!(got.scripts, [offset("+JSON\">", 0), offset("ld+json>", 0)]);
    }

    #[test]
    fn a_meta_tag_holds_at_most_2000_characters() {
        let fits = format!("<meta a=\"{}\">", "长".repeat(1995));
        assert_eq!(head(fits.as_bytes()).metas.len(), 1);
        let long = format!("<meta a=\"{}\"><meta b=c>", "长".repeat(1996));
        assert_eq!(strings(long.as_bytes(), &head(long.as_bytes()).metas), [vec![("b", "c")]]);
        assert_eq!(head(b"<meta a=b").metas.len(), 0);
        assert_eq!(head(b"<meta a=b<meta c=d>").metas.len(), 1);
    }

    #[test]
    fn the_json_ld_type_sits_within_500_characters_of_each_end() {
        let pad = |n: usize| "长".repeat(n);
        for (before, after, found) in [(499, 500, true), (500, 0, false), (0, 501, false), (400, 400, true)] {
            let text = format!("<script {}application/ld+json{}>", pad(before), pad(after));
            assert_eq!(head(text.as_bytes()).scripts.len(), usize::from(found), "{before} {after}");
        }
        // two types: the later one is close enough to `>`
        let text = format!("<script application/ld+json{}application/ld+json{}>", pad(300), pad(300));
        assert_eq!(head(text.as_bytes()).scripts, [text.chars().count()]);
        assert_eq!(head(b"<script application/ld+json").scripts, Vec::<usize>::new());
        assert_eq!(head(b"<scripts application/ld+json>").scripts, Vec::<usize>::new());
    }

    #[test]
    fn attributes_as_findall_gives_them() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (" a = b c='d' e=\"f g\"", &[("a", "b"), ("c", "'d'"), ("e", "\"f g\"")]),
            (" a=\"b c=d", &[("c", "d")]), // an open quote fails; a name later in it matches
            (" ab\"c=d", &[("c", "d")]),   // so does one inside a failed name
            (" 1a=b -c=d", &[("a", "b"), ("c", "d")]),
            (" x:y-z.w_1=v", &[("x:y-z.w_1", "v")]),
            (" name中=v", &[("name中", "v")]), // a word character past ASCII
            (" a\u{3000}=\u{3000}b", &[("a", "b")]),
            (" a=", &[]),
            (" a= ", &[]),
            (" a='b", &[]),
            (" a=b'c", &[("a", "b")]),
        ];
        for (attrs, want) in cases {
            let text = attrs.as_bytes();
            let got = attributes(text, 0..text.len(), &mut classes());
            assert_eq!(strings(text, &[got]), [want.to_vec()], "{attrs:?}");
        }
    }

    #[test]
    fn offsets_count_lone_surrogates_and_astral_characters() {
        let mut text = Vec::new();
        text.extend(wtf8(0xD800));
        text.extend("\u{1F600}<meta a=".as_bytes());
        text.extend(wtf8(0xDC00));
        text.extend(b"><script application/ld+json>");
        let got = head(&text);
        assert_eq!(got.metas, [vec![(13..14, 15..18)]]);
        // two code points, `<meta a=`, one, `>`, then the script's 28
        assert_eq!(got.scripts, [2 + 8 + 1 + 1 + 28]);
    }

    #[test]
    fn the_other_classes_are_asked_once_each() {
        let mut asked = Vec::new();
        let mut classes = Classes::new(|cp| {
            asked.push(cp);
            Class::Other
        });
        for cp in [0x41, 0x20, 0x4E2D, 0xD800, 0xE9, 0xE9, 0x3000] {
            classes.of(cp);
        }
        assert_eq!(classes.of(0x5F), Class::Word);
        drop(classes);
        assert_eq!(asked, [0xE9, 0x3000]);
    }
}
