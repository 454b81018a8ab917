//! Small judgements on a block's text that more than one part of selection makes, with Python's
//! meaning of characters (texts are WTF-8, see [`crate::pystr`]).

use crate::features::Row;
use crate::hash::Set;
use crate::pystr::{code_points, is_space, lossy_str};
use regex::Regex;
use std::sync::OnceLock;

/// The code points of a text.
pub fn chars(text: &[u8]) -> Vec<u32> {
    code_points(text).map(|(_, cp)| cp).collect()
}

/// The last `n` code points of a text (all of them when it has fewer): `chars(text)[-n:]`,
/// decoded from near the end. Any byte that is no continuation byte starts a code point of
/// [`code_points`] (a sequence's tail is only continuation bytes), so decoding from the `n`-th
/// such byte from the end gives the same code points there, at least `n` of them.
pub fn last_chars(text: &[u8], n: usize) -> Vec<u32> {
    let mut starts = text.iter().enumerate().rev().filter(|&(_, &b)| b & 0xC0 != 0x80);
    // (fewer than `n` such bytes: from the start, which may be a stray continuation byte)
    let from = if n == 0 { text.len() } else { starts.nth(n - 1).map_or(0, |(at, _)| at) };
    let mut tail = chars(&text[from..]);
    tail.drain(..tail.len().saturating_sub(n));
    tail
}

/// `counts::ends_sentence(&chars(text))`, decoding from the end only as far as the last
/// character that is not whitespace.
pub fn ends_sentence_at_end(text: &[u8]) -> bool {
    let mut n = 8;
    loop {
        let tail = last_chars(text, n);
        if tail.len() < n || tail.iter().any(|&cp| !is_space(cp)) {
            return crate::features::counts::ends_sentence(&tail);
        }
        n = n.saturating_mul(8);
    }
}

/// `len(text)`: code points ([`crate::pystr::len`]).
pub fn char_len(text: &[u8]) -> usize {
    crate::pystr::len(text)
}

fn digit() -> &'static Regex {
    static DIGIT: OnceLock<Regex> = OnceLock::new();
    DIGIT.get_or_init(|| Regex::new(r"\d").expect("a valid pattern"))
}

/// The ranges of code points `\d` matches (category Nd), from the pattern's own class, sorted.
fn digit_ranges() -> &'static [(u32, u32)] {
    static RANGES: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    RANGES.get_or_init(|| match regex_syntax::parse(r"\d").expect("a valid pattern").kind() {
        regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => {
            class.ranges().iter().map(|r| (u32::from(r.start()), u32::from(r.end()))).collect()
        }
        _ => Vec::new(),
    })
}

/// Whether code point `cp` is a decimal digit to Python's `re` (`\d`: category Nd): a binary
/// search of the ranges `\d` matches (a regex search per character cost ~300 instructions).
pub fn is_digit(cp: u32) -> bool {
    if cp < 0x80 {
        return (0x30..=0x39).contains(&cp);
    }
    crate::pystr::in_ranges(digit_ranges(), cp)
}

/// `re.search(r"\d", text)`: a decimal digit anywhere.
pub fn has_digit(text: &[u8]) -> bool {
    digit().is_match(&lossy_str(text))
}

/// A byline's or a post footer's shape: the text without its counts and spacing (`_SHAPE_NOISE`,
/// `[\d\s\u200b]+`, removed: 赞同 128 · 23 条评论 -> 赞同·条评论).
pub fn shape(text: &[u8]) -> Vec<u32> {
    code_points(text).map(|(_, cp)| cp).filter(|&cp| !(is_digit(cp) || is_space(cp) || cp == 0x200B)).collect()
}

/// A byline's shape has at least this many character pairs: a bare date has fewer (`_SHAPE_PAIRS`).
const SHAPE_PAIRS: usize = 3;

fn pairs(shape: &[u32]) -> Set<(u32, u32)> {
    shape.windows(2).map(|w| (w[0], w[1])).collect()
}

/// `select._alike_heads`: whether most bylines after the first are written like the first,
/// counts and names aside: at least half of the character pairs of the shorter one are in the
/// other (`strict`: of the longer one), and each has at least [`SHAPE_PAIRS`].
pub fn alike_heads(heads: &[&[u8]], strict: bool) -> bool {
    let Some((first, rest)) = heads.split_first() else {
        return false;
    };
    let first = pairs(&shape(first));
    let alike = rest
        .iter()
        .filter(|head| {
            let p = pairs(&shape(head));
            let (short, long) = (first.len().min(p.len()), first.len().max(p.len()));
            short >= SHAPE_PAIRS && first.intersection(&p).count() * 2 >= if strict { long } else { short }
        })
        .count();
    alike * 2 > rest.len()
}

/// Whether a code point is in `[\u3400-\u9fff]` (`select._HAN_PAIR`'s class).
fn is_pair_han(cp: u32) -> bool {
    (0x3400..=0x9FFF).contains(&cp)
}

/// `select.echo_share`: the share of a line's adjacent Han character pairs that occur in `lead`.
pub fn echo_share(line: &[u8], lead: &[u8]) -> f64 {
    let points: Vec<(usize, u32)> = code_points(line).collect();
    let mut found: Vec<&[u8]> = Vec::new(); // the distinct pairs (sorted, a title's few dozen)
    for (k, w) in points.windows(2).enumerate() {
        if is_pair_han(w[0].1) && is_pair_han(w[1].1) {
            let end = points.get(k + 2).map_or(line.len(), |p| p.0);
            found.push(&line[w[0].0..end]);
        }
    }
    found.sort_unstable();
    found.dedup();
    if found.is_empty() {
        return 0.0;
    }
    let echoed = found.iter().filter(|p| memchr::memmem::find(lead, p).is_some()).count();
    echoed as f64 / found.len() as f64
}

/// Whether a block may be a dateline at all (`metadata.is_dateline`'s first test, which needs
/// no pattern of Python's): at most 40 Han characters and 120 characters, and a digit, a
/// label's colon, a "/" or 刚刚 (`_DATELINE_HINT`). Python is asked only about these.
pub fn may_be_dateline(text: &[u8], han: usize) -> bool {
    han <= 40 && at_most_chars(text, 120) && (has_date_mark(text) || just_now().find(text).is_some())
}

/// Whether WTF-8 `text` has at most `most` code points: each takes one to four bytes, so only a
/// text of `most + 1` to `4 * most` bytes needs counting.
fn at_most_chars(text: &[u8], most: usize) -> bool {
    text.len() <= most || (text.len() <= most.saturating_mul(4) && char_len(text) <= most)
}

/// A searcher for 刚刚, made once (`memmem::find` makes one for each text searched).
fn just_now() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new("刚刚".as_bytes()))
}

/// Whether `text` holds a digit ([`is_digit`]), a colon (`:`, `：`) or a `/`. The characters
/// from U+2000 to U+9FFF (the Han ones among them) are none of these: their three bytes, led by
/// 0xE2 to 0xE9, are stepped over without reading the character.
fn has_date_mark(text: &[u8]) -> bool {
    let mut at = 0;
    while let Some(&lead) = text.get(at) {
        if lead.is_ascii() {
            if lead.is_ascii_digit() || lead == b':' || lead == b'/' {
                return true;
            }
            at += 1;
        } else if (0xE2..=0xE9).contains(&lead)
            && text.get(at + 1..at + 3).is_some_and(|t| t.iter().all(|&b| b & 0xC0 == 0x80))
        {
            at += 3;
        } else {
            let Some((cp, width)) = crate::pystr::decode_at(text, at) else { break };
            if is_digit(cp) || cp == 0xFF1A {
                return true;
            }
            at += width;
        }
    }
    false
}

/// `select._heading_like`: a short line without punctuation, as a heading reads.
pub fn heading_like(text: &[u8], f: &Row) -> bool {
    f.han <= 16 && f.punct == 0 && !f.ends_sentence && char_len(text) <= 30
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_chars_are_the_tail_of_all_of_them() {
        // any bytes: valid sequences, lone surrogates, stray continuation bytes, cut sequences
        let pieces: [&[u8]; 12] = [
            b"a",
            b" ",
            "\u{3000}".as_bytes(),
            "。".as_bytes(),
            "中".as_bytes(),
            b"\xed\xa0\x80",
            b"\x80",
            b"\xbf\xbf",
            b"\xe4\xb8",
            b"\xf0\x9f\x98\x80",
            b"\xff",
            b"\n",
        ];
        let mut rng = crate::test_rng::Rng(0x1A57);
        for _ in 0..20_000 {
            let text: Vec<u8> =
                (0..rng.below(30)).flat_map(|_| pieces[rng.below(pieces.len())].iter().copied()).collect();
            let all = chars(&text);
            for n in [0, 1, 3, 8, 40] {
                assert_eq!(last_chars(&text, n), all[all.len().saturating_sub(n)..], "{text:?} {n}");
            }
            assert_eq!(ends_sentence_at_end(&text), crate::features::counts::ends_sentence(&all), "{text:?}");
        }
        let spaced = format!("正文。{}", " ".repeat(100));
        assert!(ends_sentence_at_end(spaced.as_bytes()));
        assert!(!ends_sentence_at_end(format!("正文{}", "\u{3000}".repeat(70)).as_bytes()));
    }

    #[test]
    fn no_date_mark_from_u2000_to_u9fff() {
        for cp in 0x2000..=0x9FFF {
            assert!(!is_digit(cp) && !matches!(cp, 0x3A | 0xFF1A | 0x2F), "U+{cp:04X}");
        }
    }

    #[test]
    fn date_marks_as_code_points_read_them() {
        let pieces: [&[u8]; 14] = [
            b"7",
            b":",
            b"/",
            b"a",
            "新".as_bytes(),
            "：".as_bytes(),
            "٣".as_bytes(),
            "９".as_bytes(),
            "、".as_bytes(),
            "\u{2009}".as_bytes(),
            b"\xed\xa0\x80",
            b"\xe4",
            b"\x80",
            b"\xe9\xbf",
        ];
        let mut rng = crate::test_rng::Rng(0x2545_F491_4F6C_DD1D);
        let mut seen = [0; 2];
        for _ in 0..50_000 {
            let mut text = Vec::new();
            for _ in 0..rng.below(9) {
                let piece = pieces[rng.below(pieces.len())];
                let ascii_mark = matches!(piece, [b'0'..=b'9' | b':' | b'/']);
                // an ASCII mark a quarter of the times it is drawn, else a Han character: both answers come often
                text.extend_from_slice(if ascii_mark && rng.below(4) != 0 { pieces[4] } else { piece });
            }
            let plain = code_points(&text).any(|(_, cp)| is_digit(cp) || matches!(cp, 0x3A | 0xFF1A | 0x2F));
            assert_eq!(has_date_mark(&text), plain, "{text:?}");
            seen[usize::from(plain)] += 1;
        }
        assert!(seen[0] > 10_000 && seen[1] > 10_000, "{seen:?}"); // both answers, often
    }

    fn alike(heads: &[&str], strict: bool) -> bool {
        let bytes: Vec<&[u8]> = heads.iter().map(|h| h.as_bytes()).collect();
        alike_heads(&bytes, strict)
    }

    #[test]
    fn bylines_alike() {
        assert!(alike(&["发布于 2023-05-12 09:30", "发布于 2023-05-13 14:02", "发布于 2023-05-15 20:11"], false));
        assert!(!alike(&["2023-05-12 09:30 来源：山城日报", "山城网友1000 3小时前", "山城网友1037 2小时前"], false));
        let pair = ["2020.06.09 09:37发布于社区管理", "2020.06.09 09:42 发布"];
        assert!(alike(&pair, false));
        assert!(!alike(&pair, true));
        assert!(!alike(&[], false));
        assert!(!alike(&["发布于 2023"], false)); // no byline after the first: not most of them
    }

    #[test]
    fn shapes_drop_counts_and_spaces() {
        let s: String =
            shape("赞同 128 · 23 条评论\u{200b}\u{1c}٣".as_bytes()).iter().filter_map(|&c| char::from_u32(c)).collect();
        assert_eq!(s, "赞同·条评论");
    }

    #[test]
    fn echoes() {
        let lead = "6月3日，重庆与上海签署协议，共同推动长江经济带高质量发展。".as_bytes();
        assert_eq!((echo_share("沪渝携手推动长江经济带发展".as_bytes(), lead) * 100.0).round(), 58.0);
        assert_eq!(echo_share("用微信扫码二维码".as_bytes(), lead), 0.0);
        assert_eq!(echo_share("abc".as_bytes(), lead), 0.0);
        assert_eq!(echo_share("推动推动".as_bytes(), lead), 0.5); // a set of pairs: 推动 (in the lead), 动推
    }

    #[test]
    fn digits_as_python_reads_them() {
        assert!(is_digit(u32::from('7')) && is_digit(0x0663) && is_digit(0xFF19));
        assert!(!is_digit(0x00B2) && !is_digit(u32::from('a')) && !is_digit(0xD800));
    }

    #[test]
    fn is_digit_is_the_pattern_on_every_code_point() {
        let digit = Regex::new(r"^\d$").expect("a valid pattern");
        assert!(digit_ranges().len() > 50);
        for cp in 0..0x11_0000u32 {
            let by_pattern = char::from_u32(cp).is_some_and(|c| digit.is_match(c.encode_utf8(&mut [0; 4])));
            assert_eq!(is_digit(cp), by_pattern, "U+{cp:04X}");
        }
        assert!(has_digit("文章：176".as_bytes()) && !has_digit("文章".as_bytes()));
    }

    #[test]
    fn dateline_candidates() {
        let may = |t: &str, han| may_be_dateline(t.as_bytes(), han);
        assert!(may("发布时间：2021-06-04", 4) && may("刚刚", 2) && may("a/b", 0) && may("٣", 0));
        assert!(!may("今天下雨了。", 5) && !may("发布时间：2021", 41) && !may(&"1".repeat(121), 0));
        assert!(may(&"1".repeat(120), 0) && !may("", 0));
        assert!(may(&format!("{}1", "新".repeat(119)), 0) && !may(&format!("{}1", "新".repeat(120)), 0));
        assert!(may(&format!("{}刚刚", "新".repeat(118)), 0) && !may(&format!("{}刚刚", "新".repeat(119)), 0));
        assert!(may(&format!("{}1", "\u{1F600}".repeat(119)), 0) && !may(&format!("1{}", "\u{1F600}".repeat(120)), 0));
    }

    #[test]
    fn at_most_chars_is_the_count() {
        let pieces: [&[u8]; 5] = [b"a", "新".as_bytes(), "\u{1F600}".as_bytes(), "é".as_bytes(), b"\xed\xa0\x80"];
        let mut rng = crate::test_rng::Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let mut text = Vec::new();
            for _ in 0..rng.below(40) {
                text.extend_from_slice(pieces[rng.below(pieces.len())]);
            }
            let most = rng.below(30);
            assert_eq!(at_most_chars(&text, most), char_len(&text) <= most, "{text:?} {most}");
        }
    }

    #[test]
    fn headings() {
        let f = Row { han: 6, ..Row::default() };
        assert!(heading_like("一、合作内容".as_bytes(), &f));
        assert!(!heading_like("一、合作内容".as_bytes(), &Row { punct: 1, ..f.clone() }));
    }
}
