//! The article's title: the heading that matches `<title>`, or a short line above the region
//! (`select.heading_title`, `_TITLE_SPLIT`, `_pick_title`).

use super::super::text::{char_len, echo_share};
use super::super::{Block, Reason};
use crate::features::Row;
use crate::pystr::prefix_len;
use memchr::memmem;
use regex::bytes::Regex;
use std::sync::OnceLock;

/// `select._TITLE_SPLIT`: what separates the parts of a `<title>` (`标题_站名`, `标题 - 站名`).
/// Whitespace as Python's `\s` reads it (`str.isspace`: Unicode's White_Space and U+001C..U+001F).
fn title_split() -> &'static Regex {
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    SPLIT.get_or_init(|| {
        let space = r"[\s\x1c-\x1f]";
        Regex::new(&format!(r"{space}*(?:[_|｜—–]|{space}-{space}|--){space}*")).expect("a valid pattern")
    })
}

/// The parts of a page's `<title>` of at least four characters (`_TITLE_SPLIT.split`).
pub fn title_parts(title: &[u8]) -> Vec<&[u8]> {
    title_split().split(title).filter(|p| char_len(p) >= 4).collect()
}

/// The page's `<title>`, if it has one that is not empty (Python's truthiness).
fn nonempty(title: Option<&[u8]>) -> Option<&[u8]> {
    title.filter(|t| !t.is_empty())
}

/// `select.heading_title`: the first heading (not a link) whose text is the page's `<title>`
/// or holds one of its parts; else the first block whose whole text is the title or one of
/// its parts.
pub fn heading_title(blocks: &[Block], feats: &[Row], title: Option<&[u8]>) -> Option<usize> {
    let title = nonempty(title)?;
    let parts = title_parts(title);
    let within = |inner: &[u8], outer: &[u8]| memmem::find(outer, inner).is_some();
    for (i, (b, f)) in blocks.iter().zip(feats).enumerate() {
        if f.heading
            && f.link_density < 0.5
            && char_len(b.text) >= 4
            && (within(b.text, title) || parts.iter().any(|p| within(p, b.text)))
        {
            return Some(i);
        }
    }
    // Old pages title the article with <b> or a table cell: accept a block that *is* the title.
    blocks.iter().zip(feats).position(|(b, f)| {
        f.link_density < 0.5 && char_len(b.text) >= 6 && (b.text == title || parts.contains(&b.text))
    })
}

/// How much of the article's start a title's words are looked for in (`_LEAD_BLOCKS`, `_LEAD_CHARS`).
const LEAD_BLOCKS: usize = 5;
const LEAD_CHARS: usize = 2000;

/// The first `LEAD_CHARS` characters of the region's first `LEAD_BLOCKS` blocks, joined.
fn lead(blocks: &[Block]) -> Vec<u8> {
    let mut out = Vec::new();
    for b in blocks.iter().take(LEAD_BLOCKS) {
        out.extend_from_slice(b.text);
    }
    out.truncate(prefix_len(&out, LEAD_CHARS));
    out
}

/// `select._pick_title`: the block that titles the article: the `heading` matching `<title>`,
/// else a block above the region that is the title or its first part, else a short line just
/// above the region (within five blocks); on a page without `<title>` (a text dump), only one
/// whose words come back in the article's lead (`title_echo` of its character pairs).
#[allow(clippy::too_many_arguments)]
pub fn pick_title(
    blocks: &[Block],
    feats: &[Row],
    region: Option<(usize, usize)>,
    title: Option<&[u8]>,
    heading: Option<usize>,
    hard: &[Option<Reason>],
    datelines: &[bool],
    title_echo: f64,
) -> Option<usize> {
    if heading.is_some() {
        return heading;
    }
    let title = nonempty(title);
    if let Some(title) = title {
        let parts = title_parts(title);
        for (i, b) in blocks.iter().enumerate() {
            if region.is_some_and(|r| i >= r.0) {
                break;
            }
            if char_len(b.text) >= 6 && (b.text == title || parts.first().is_some_and(|p| b.text == *p)) {
                return Some(i);
            }
        }
    }
    let (a, b) = region?;
    let mut lead_text: Option<Vec<u8>> = None; // (made when a line is first checked against it)
    let n = blocks.len().min(feats.len()).min(hard.len()).min(datelines.len());
    for i in (a.saturating_sub(5)..a.min(n)).rev() {
        let f = &feats[i];
        if datelines[i] || f.han == 0 || hard[i].is_some() {
            continue;
        }
        if (4..=60).contains(&f.han) && !f.ends_sentence && f.link_density < 0.5 && f.lexicon == 0 {
            // (no lexicon code)
            if title.is_some() {
                return Some(i);
            }
            let lead = lead_text.get_or_insert_with(|| lead(blocks.get(a..=b).unwrap_or_default()));
            if echo_share(blocks[i].text, lead) >= title_echo {
                return Some(i);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pystr::code_points;

    fn blocks<'a>(texts: &[&'a str]) -> Vec<Block<'a>> {
        texts.iter().map(|t| Block { text: t.as_bytes(), ..Block::default() }).collect()
    }

    fn parts(title: &str) -> Vec<String> {
        title_parts(title.as_bytes()).iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect()
    }

    #[test]
    fn title_split() {
        assert_eq!(parts("沪渝携手推动发展_重庆日报"), ["沪渝携手推动发展", "重庆日报"]);
        assert_eq!(parts("沪渝携手推动发展 - 重庆日报 | 首页"), ["沪渝携手推动发展", "重庆日报"]);
        assert_eq!(parts("沪渝携手推动发展—新华网"), ["沪渝携手推动发展"]);
        assert_eq!(parts("COVID-19 疫情通报--卫健委"), ["COVID-19 疫情通报"]); // a hyphen in a word splits nothing
        assert_eq!(parts("沪渝携手推动发展\u{1f}｜\u{3000}重庆日报"), ["沪渝携手推动发展", "重庆日报"]);
        assert_eq!(parts(""), Vec::<String>::new());
    }

    #[test]
    fn headings_matching_the_title() {
        let bs = blocks(&["首页", "沪渝携手推动发展"]);
        let heading = Row { heading: true, ..Row::default() };
        let feats = [heading.clone(), heading.clone()];
        assert_eq!(heading_title(&bs, &feats, Some("沪渝携手推动发展_重庆日报".as_bytes())), Some(1));
        assert_eq!(heading_title(&bs, &feats, Some(b"")), None);
        assert_eq!(heading_title(&bs, &feats, None), None);
        // a linked heading is no title; a block that is the title is, heading or not
        let linked = [heading.clone(), Row { link_density: 0.9, ..heading.clone() }];
        assert_eq!(heading_title(&bs, &linked, Some("沪渝携手推动发展_重庆日报".as_bytes())), None);
        let plain = [Row::default(), Row::default(), Row::default()];
        let bs = blocks(&["首页", "今天天气不错。", "沪渝携手推动发展"]);
        assert_eq!(heading_title(&bs, &plain, Some("沪渝携手推动发展_重庆日报".as_bytes())), Some(2));
    }

    #[test]
    fn titles_picked() {
        let bs = blocks(&[
            "首页",
            "沪渝携手推动长江经济带发展",
            "6月3日，重庆与上海签署协议，共同推动长江经济带高质量发展。",
        ]);
        let feats =
            [Row { han: 2, ..Row::default() }, Row { han: 13, ..Row::default() }, Row { han: 30, ..Row::default() }];
        let (hard, dates) = ([None; 3], [false; 3]);
        let pick = |title: Option<&[u8]>, echo| pick_title(&bs, &feats, Some((2, 2)), title, None, &hard, &dates, echo);
        assert_eq!(pick(None, 0.3), Some(1)); // its words come back in the lead
        assert_eq!(pick(None, 0.9), None);
        assert_eq!(pick(Some(b"x"), 0.9), Some(1)); // under a <title>, any short line just above
        assert_eq!(pick_title(&bs, &feats, Some((2, 2)), None, Some(0), &hard, &dates, 0.3), Some(0));
        assert_eq!(pick_title(&bs, &feats, None, None, None, &hard, &dates, 0.3), None);
        let title = "沪渝携手推动长江经济带发展_重庆日报".as_bytes();
        assert_eq!(pick_title(&bs, &feats, None, Some(title), None, &hard, &dates, 0.3), Some(1)); // the title's first part
        assert_eq!(pick_title(&bs, &feats, Some((0, 2)), None, None, &hard, &dates, 0.3), None); // nothing above
        assert_eq!(pick_title(&bs, &feats, Some((2, 2)), None, None, &hard, &[false, true, false], 0.0), None);
    }

    #[test]
    fn leads() {
        let long = "长".repeat(1500);
        let bs = blocks(&[long.as_str(), long.as_str()]);
        assert_eq!(char_len(&lead(&bs)), LEAD_CHARS);
        assert_eq!(lead(&blocks(&["一", "二", "三", "四", "五", "六"])), "一二三四五".as_bytes());
        // cut after the 2,000th code point, as Python slices (astral ones, lone surrogates in WTF-8)
        let mixed: Vec<u8> =
            ["a", "长", "\u{1F600}"].iter().flat_map(|c| c.as_bytes()).chain(b"\xed\xa0\x80").copied().collect();
        let text = mixed.repeat(700);
        let cut = lead(&[Block { text: &text, ..Block::default() }]);
        assert_eq!(cut.len(), code_points(&text).nth(LEAD_CHARS).map(|(at, _)| at).unwrap_or(text.len()));
        assert_eq!((cut.len(), code_points(&cut).count()), (500 * mixed.len(), LEAD_CHARS));
    }
}
