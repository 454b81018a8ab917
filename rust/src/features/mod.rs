//! Stage 3 of the pipeline: what each block looks like (`cleantext/features.py`).
//!
//! [`measure`] gives every block of a page its features, one [`Row`] each (the struct score and
//! selection read too), the fields of the Python `Features` but the jieba re-measure, which stays
//! in Python: counts on the block's own text
//! ([`counts`]), links between blocks ([`links`]) and the boilerplate lexicon's codes
//! ([`lexicon`]). Texts are WTF-8 (see [`crate::pystr`]).

pub mod columns;
pub mod counts;
pub mod lexicon;
pub mod links;
pub mod segment;

use crate::charmap::CharMap;
use crate::hash::Map;
use crate::pystr::{code_points, lossy_str};
pub use columns::Row;
use counts::StopChars;
use lexicon::Lexicon;
use std::borrow::Cow;

/// What [`measure`] reads of a block.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    /// The block's text.
    pub text: &'a [u8],
    /// `text` as a `str`, when the caller holds it as one (blocks held by the core): read as it
    /// is, without checking it again.
    pub text_str: Option<&'a str>,
    /// The text with traditional characters written simplified (`lexicon.simplified`), which
    /// word lists match: the same length in characters; `text` itself on most pages.
    pub matchable: &'a [u8],
    /// `matchable` as a `str`, when the caller holds it as one (blocks held by the core): the
    /// lexicon reads it as it is, without checking it again.
    pub matchable_str: Option<&'a str>,
    /// Set when the word lists match the text as this map writes it, made as they read it
    /// (a block held by the core whose text holds a traditional character: the page's
    /// simplified reading holds no copy of it); `matchable` is then the text as written.
    pub simplify: Option<&'a CharMap>,
    /// Characters of the text inside links.
    pub link_chars: i64,
    /// A list item (`kind == "list-item"`).
    pub list_item: bool,
    /// A heading (`kind == "heading"`).
    pub heading: bool,
}

/// A page's features as [`measure`] gives them: one [`Row`] a block, and the distinct lexicon code
/// lists the rows index (`Row::lexicon`), each as indexes into [`Lexicon::codes`] in the order the
/// lexicon found them; the empty list first, no other empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub rows: Vec<Row>,
    pub codes: Vec<Vec<usize>>,
}

impl Measured {
    /// The lexicon codes of block `i` (indexes into [`Lexicon::codes`]).
    pub fn codes_of(&self, i: usize) -> &[usize] {
        &self.codes[self.rows[i].lexicon as usize]
    }
}

/// `a / b` as Python divides two `int`s below 2**53: both exactly as floats, one rounding.
fn ratio(a: f64, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a / b as f64
    }
}

/// The features of every block of a page, the distinct lexicon code lists interned; the stopword
/// density by one-character stopwords (jieba's word-level density for the close calls is the
/// Python stage's).
pub fn measure(blocks: &[Block<'_>], lexicon: &Lexicon, stop: &StopChars) -> Measured {
    measure_finding(blocks, lexicon, stop, None).0
}

/// [`measure`], and with `finding` (the traditional characters' map), the blocks whose texts
/// it changes, ascending (`Blocks.simplified_if_any`'s, found as each text is read): each is
/// measured as if its [`Block::simplify`] were the map, which the caller leaves unset. One
/// pass over the texts where the page's simplified reading and its measure took two.
pub fn measure_finding<'a>(
    blocks: &[Block<'a>],
    lexicon: &Lexicon,
    stop: &StopChars,
    finding: Option<&'a CharMap>,
) -> (Measured, Vec<usize>) {
    let n = blocks.len();
    let mut changed = Vec::new();
    // The block's code points (one buffer for the page); whether each text is UTF-8 (so its
    // squeezed text too), and whether it holds whitespace.
    let mut text = Vec::new();
    let mut utf8 = Vec::with_capacity(n);
    let mut spaced = Vec::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    for (i, b) in blocks.iter().enumerate() {
        text.clear();
        text.reserve(b.text.len()); // (at least one byte a code point)
        let held = b.text_str.or_else(|| b.matchable_str.filter(|s| std::ptr::eq(s.as_bytes(), b.text))); // (checked already)
        let checked = held.or_else(|| crate::pystr::utf8(b.text));
        utf8.push(checked.is_some());
        match checked {
            Some(s) => crate::pystr::decode_str(s, &mut text), // (the usual case)
            None => text.extend(code_points(b.text).map(|(_, cp)| cp)),
        }
        let found = finding.filter(|map| text.iter().any(|&cp| map.changes_code_point(cp)));
        if found.is_some() {
            changed.push(i);
        }
        let b = &Block { simplify: b.simplify.or(found), ..*b };
        let same = std::ptr::eq(b.matchable, b.text) && b.simplify.is_none();
        let tally = counts::tally(&text, same.then_some(stop));
        let (chars, han) = (tally.chars, tally.han);
        let stops = if same {
            tally.stops
        } else if let Some(map) = b.simplify {
            stop.count(text.iter().map(|&cp| map.get_code_point(cp)))
        } else if let Some(m) = b.matchable_str {
            stop.count(m.chars().map(u32::from))
        } else {
            stop.count(code_points(b.matchable).map(|(_, cp)| cp))
        };
        spaced.push(chars != text.len()); // (most blocks hold no whitespace)
        out.push(Row {
            chars,
            han,
            han_ratio: ratio(han as f64, chars),
            punct: tally.punct,
            ends_sentence: counts::ends_sentence(&text),
            link_density: ratio(b.link_chars as f64, chars),
            list_item: b.list_item,
            heading: b.heading,
            truncated: counts::is_truncated(&text),
            prefix_of: None,
            duplicate_of: None,
            lexicon: 0,
            stopword_density: Some(ratio(stops as f64, han)),
            position: i as f64 / n as f64,
        });
    }
    // (no copy of the texts without their whitespace: on a page of many MB, that was measure's peak)
    let text = |i: usize| links::LinkText { bytes: blocks[i].text, utf8: utf8[i], spaced: spaced[i] };
    let (prefix_of, duplicate_of) = links::page_links(n, text);
    for ((f, prefix_of), duplicate_of) in out.iter_mut().zip(prefix_of).zip(duplicate_of) {
        (f.prefix_of, f.duplicate_of) = (prefix_of, duplicate_of);
    }
    drop((utf8, spaced));
    let hans: Vec<usize> = out.iter().map(|f| f.han).collect();
    let mut distinct = vec![Vec::new()];
    let mut seen: Map<Vec<usize>, u32> = Map::default();
    let simplify = |i: usize| match (finding, changed.binary_search(&i)) {
        (Some(map), Ok(_)) => Block { simplify: Some(map), ..blocks[i] },
        _ => blocks[i],
    };
    let found = lexicon.page_codes_by(n, |i| matchable(&simplify(i)), &hans);
    for (f, codes) in out.iter_mut().zip(found) {
        if !codes.is_empty() {
            f.lexicon = *seen.entry(codes).or_insert_with_key(|codes| {
                distinct.push(codes.clone());
                (distinct.len() - 1) as u32
            });
        }
    }
    (Measured { rows: out, codes: distinct }, changed)
}

/// The text the word lists match of `block`, as a `str` (a lone surrogate read as U+FFFD).
fn matchable<'a>(block: &Block<'a>) -> Cow<'a, str> {
    let held = |text: Option<&'a str>, bytes: &'a [u8]| text.map_or_else(|| lossy_str(bytes), Cow::Borrowed);
    let Some(map) = block.simplify else { return held(block.matchable_str, block.matchable) };
    match held(block.text_str, block.text) {
        Cow::Borrowed(text) => map.mapped(text),
        Cow::Owned(text) => Cow::Owned(map.mapped(&text).into_owned()),
    }
}

/// Function words (`data/stopwords.txt`), for the stopword density on jieba's words.
#[derive(Debug, Clone, Default)]
pub struct StopWords {
    words: crate::hash::Set<String>,
}

impl StopWords {
    /// The stopwords among `words`.
    pub fn new(words: impl IntoIterator<Item = String>) -> StopWords {
        StopWords { words: words.into_iter().collect() }
    }

    /// The share of `words` that are function words, words of whitespace only aside
    /// (`features.word_stopword_density`); 0 without words.
    pub fn density<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> f64 {
        let (mut counted, mut stops) = (0usize, 0usize);
        for word in words {
            if word.chars().all(crate::blocks::whitespace::is_py_space) {
                continue;
            }
            counted += 1;
            stops += usize::from(self.words.contains(word));
        }
        ratio(stops as f64, counted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_stopword_density() {
        let stop = StopWords::new(["在", "的", "我们"].map(String::from));
        assert_eq!(stop.density(["我们", "在", "北京", "的", "大学"]), 0.6);
        assert_eq!(stop.density([" ", "", "\u{3000}\n"]), 0.0);
        assert_eq!(stop.density(["的", " ", "书"]), 0.5); // whitespace is no word
        assert_eq!(stop.density(["\u{200b}"]), 0.0); // a zero-width space is a word: not a stopword
        assert_eq!(stop.density(Vec::<&str>::new()), 0.0);
    }

    const RULES: &str = "copyright\t80\t版权所有\neditor-line\t40\t^责任编辑[:：]\n";

    fn block(text: &str) -> Block<'_> {
        Block {
            text: text.as_bytes(),
            text_str: None,
            matchable: text.as_bytes(),
            matchable_str: None,
            simplify: None,
            link_chars: 0,
            list_item: false,
            heading: false,
        }
    }

    #[test]
    fn features_of_a_page() {
        let lexicon = Lexicon::new(RULES).unwrap();
        let stop = StopChars::new("的了在我".chars().map(u32::from));
        let texts = [
            "首页 新闻",
            "重庆市科技局与上海市科委签署协议",
            "重庆市科技局与上海市科委签署协议。根据协议，我们将在科技方面开展深度合作……",
            "责任编辑：张三",
            "首页 新闻",
        ];
        let mut blocks: Vec<Block> = texts.iter().map(|t| block(t)).collect();
        blocks[0].link_chars = 4;
        blocks[1].list_item = true;
        blocks[3].heading = true;
        let m = measure(&blocks, &lexicon, &stop);
        let f = &m.rows;
        assert_eq!((f[0].chars, f[0].han, f[0].link_density, f[0].han_ratio), (4, 4, 1.0, 1.0));
        assert_eq!(f[4].duplicate_of, Some(0));
        assert!(f[1].list_item && f[1].prefix_of == Some(2) && !f[1].ends_sentence);
        assert_eq!((f[2].punct, f[2].ends_sentence, f[2].truncated), (4, true, true));
        assert_eq!(f[2].stopword_density, Some(2.0 / 34.0));
        assert_eq!((m.codes_of(3), f[3].heading), (&[1][..], true));
        assert_eq!(m.codes, [vec![], vec![1]]);
        assert_eq!(f.iter().map(|f| f.position).collect::<Vec<_>>(), [0.0, 0.2, 0.4, 0.6, 0.8]);
        assert_eq!(measure(&[], &lexicon, &stop), Measured { rows: vec![], codes: vec![vec![]] });
    }

    #[test]
    fn equal_code_lists_share_an_index() {
        let lexicon = Lexicon::new(RULES).unwrap();
        let stop = StopChars::new("的".chars().map(u32::from));
        let texts = ["版权所有", "正文", "责任编辑：甲", "版权所有", "责任编辑：乙 版权所有"];
        let blocks: Vec<Block> = texts.iter().map(|t| block(t)).collect();
        let m = measure(&blocks, &lexicon, &stop);
        assert_eq!(m.rows.iter().map(|r| r.lexicon).collect::<Vec<_>>(), [1, 0, 2, 1, 3]);
        assert_eq!(m.codes, [vec![], vec![0], vec![1], vec![0, 1]]);
    }

    #[test]
    fn traditional_blocks_are_found_as_they_are_measured() {
        let lexicon = Lexicon::new(RULES).unwrap();
        let stop = StopChars::new("的".chars().map(u32::from));
        let map = CharMap::new([('權', '权'), ('們', '们')]);
        let texts = ["版權所有的", "正文", "我們的", "", "版权所有"];
        let blocks: Vec<Block> = texts.iter().map(|t| block(t)).collect();
        let (found, changed) = measure_finding(&blocks, &lexicon, &stop, Some(&map));
        assert_eq!(changed, [0, 2]);
        // as measured with the map set on those blocks: the word lists and stopwords simplified
        let set: Vec<Block> = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| Block { simplify: changed.contains(&i).then_some(&map), ..*b })
            .collect();
        assert_eq!(found, measure(&set, &lexicon, &stop));
        assert_eq!((found.codes_of(0), found.codes_of(4)), (&[0][..], &[0][..])); // 版權所有 as 版权所有
        assert_eq!(measure_finding(&blocks, &lexicon, &stop, None), (measure(&blocks, &lexicon, &stop), vec![]));
    }

    #[test]
    fn word_lists_read_the_matchable_text() {
        let lexicon = Lexicon::new(RULES).unwrap();
        let stop = StopChars::new("的".chars().map(u32::from));
        let b = Block { matchable: "版权所有的".as_bytes(), ..block("版權所有的") };
        let held = Block { matchable_str: Some("版权所有的"), ..b };
        let (m, h) = (measure(&[b], &lexicon, &stop), measure(&[held], &lexicon, &stop));
        assert_eq!((format!("{:?}", m.rows), &m.codes), (format!("{:?}", h.rows), &h.codes));
        let m = measure(&[b], &lexicon, &stop);
        assert_eq!((m.codes_of(0), m.rows[0].stopword_density), (&[0][..], Some(0.2)));
        // the same text simplified as it is read
        let map = CharMap::new([('權', '权')]);
        let mapped = measure(&[Block { simplify: Some(&map), ..block("版權所有的") }], &lexicon, &stop);
        assert_eq!((format!("{:?}", mapped.rows), &mapped.codes), (format!("{:?}", m.rows), &m.codes));
    }

    /// A small deterministic generator (no dependency).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    #[test]
    fn no_panic_on_any_bytes() {
        let lexicon = Lexicon::new(RULES).unwrap();
        let stop = StopChars::new("的了".chars().map(u32::from));
        let pieces: [&[u8]; 17] = [
            b"",
            b" ",
            "版權所有".as_bytes(),
            b"\xe3\x80\x80",
            "版权所有".as_bytes(),
            "责任编辑：".as_bytes(),
            "…".as_bytes(),
            b"...",
            "，".as_bytes(),
            b",",
            "重庆".as_bytes(),
            b"\xed\xa0\x80", // a lone surrogate, as Python writes it
            b"\xff",
            b"\xe4\xb8",
            b"\n",
            "的".as_bytes(),
            b")",
        ];
        let mut rng = Rng(11);
        for _ in 0..3000 {
            let texts: Vec<Vec<u8>> = (0..rng.below(9))
                .map(|_| (0..rng.below(12)).flat_map(|_| pieces[rng.below(pieces.len())].iter().copied()).collect())
                .collect();
            let blocks: Vec<Block> = texts
                .iter()
                .map(|t| Block {
                    text: t,
                    text_str: None,
                    matchable: t,
                    matchable_str: None,
                    simplify: None,
                    link_chars: rng.below(40) as i64 - 5,
                    list_item: rng.below(2) == 0,
                    heading: false,
                })
                .collect();
            let m = measure(&blocks, &lexicon, &stop);
            let held: Vec<Block> =
                blocks.iter().map(|b| Block { matchable_str: crate::pystr::utf8(b.matchable), ..*b }).collect();
            let h = measure(&held, &lexicon, &stop);
            assert_eq!((format!("{:?}", m.rows), &m.codes), (format!("{:?}", h.rows), &h.codes));
            // the texts held as `str`s: read without a check, the same features
            let held: Vec<Block> = blocks
                .iter()
                .map(|b| Block {
                    text_str: crate::pystr::utf8(b.text),
                    matchable_str: crate::pystr::utf8(b.matchable),
                    ..*b
                })
                .collect();
            let h = measure(&held, &lexicon, &stop);
            assert_eq!((format!("{:?}", m.rows), &m.codes), (format!("{:?}", h.rows), &h.codes));
            // simplified as they are read, against the simplified texts given
            let map = CharMap::new([('權', '权'), ('）', ')')]);
            let simplified: Vec<_> = texts.iter().map(|t| map.mapped_wtf8(t)).collect();
            let given: Vec<Block> = blocks.iter().zip(&simplified).map(|(b, s)| Block { matchable: s, ..*b }).collect();
            let read: Vec<Block> = blocks
                .iter()
                .zip(&simplified)
                .map(|(b, s)| Block { simplify: (**s != *b.text).then_some(&map), ..*b })
                .collect();
            let (g, r) = (measure(&given, &lexicon, &stop), measure(&read, &lexicon, &stop));
            assert_eq!((format!("{:?}", g.rows), &g.codes), (format!("{:?}", r.rows), &r.codes));
            assert_eq!(m.rows.len(), blocks.len());
            assert!(m.codes[0].is_empty() && m.codes[1..].iter().all(|c| !c.is_empty()));
            for (k, c) in m.codes.iter().enumerate() {
                assert!(!m.codes[..k].contains(c), "code lists are distinct");
                assert!(c.iter().all(|&c| c < lexicon.codes().len()));
            }
            for (i, f) in m.rows.iter().enumerate() {
                assert!((f.lexicon as usize) < m.codes.len());
                assert!(f.han <= f.chars && f.punct <= texts[i].len());
                assert!(f.prefix_of.is_none_or(|j| j != i && j < blocks.len()));
                assert!(f.duplicate_of.is_none_or(|j| j < i));
            }
        }
    }
}
