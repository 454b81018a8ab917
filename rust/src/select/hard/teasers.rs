//! Runs of list items: teaser lists (`select._mark_teasers`, `_teaser_item`) and tables of
//! contents (`select.contents_lists`).

use super::measured;
use crate::features::counts::{is_truncated, TRUNCATION_WINDOW};
use crate::select::text::{char_len, ends_sentence_at_end, heading_like, last_chars};
use crate::select::{Page, Patterns, Reason, Thresholds};
use std::ops::Range;

/// Lines of a list item compared with each other for a repeated headline (`select._TEASER_LINES`):
/// a teaser repeats its headline near the top, so the work is bounded.
const TEASER_LINES: usize = 8;

/// A last line this many characters long that does not end its sentence was cut off.
const CUT_LINE_CHARS: usize = 20;

/// The runs of list items among the first `n` blocks, in order.
fn list_runs(page: &Page) -> Vec<Range<usize>> {
    let feats = &page.feats[..measured(page)];
    let mut out = Vec::new();
    let mut i = 0;
    while i < feats.len() {
        if !feats[i].list_item {
            i += 1;
            continue;
        }
        let start = i;
        while i < feats.len() && feats[i].list_item {
            i += 1;
        }
        out.push(start..i);
    }
    out
}

/// `text.rstrip(".…")`.
fn strip_dots(mut text: &[u8]) -> &[u8] {
    loop {
        if let Some(rest) = text.strip_suffix(b".") {
            text = rest;
        } else if let Some(rest) = text.strip_suffix("…".as_bytes()) {
            text = rest;
        } else {
            return text;
        }
    }
}

/// `select._teaser_item`: a list item that repeats its headline cut short (one of its first
/// lines starts another of them, dots aside, and is at least four characters), or whose last
/// line ends cut off (twenty characters or more without a sentence's end), or that ends with an
/// ellipsis. Lines are the non-empty pieces between `\n`.
pub fn teaser_item(text: &[u8]) -> bool {
    // (the pieces between line breaks, found by memchr: `text.split(|&b| b == b'\n')`)
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len()));
    let pieces = ends.map(|end| {
        let piece = text.get(start..end).unwrap_or_default();
        start = end + 1;
        piece
    });
    let lines: Vec<&[u8]> = pieces.filter(|line| !line.is_empty()).collect();
    if lines.len() >= 2 {
        let head: Vec<(&[u8], usize)> = lines.iter().take(TEASER_LINES).map(|&l| (l, char_len(l))).collect();
        for (i, &(a, a_len)) in head.iter().enumerate() {
            for &(b, b_len) in &head[i + 1..] {
                let (short, short_len, long) = if a_len < b_len { (a, a_len, b) } else { (b, b_len, a) };
                if short_len >= 4 && long.starts_with(strip_dots(short)) && short != long {
                    return true;
                }
            }
        }
    }
    let last = lines.last().copied().unwrap_or_default();
    if char_len(last) >= CUT_LINE_CHARS && !ends_sentence_at_end(last) {
        return true;
    }
    is_truncated(&last_chars(text, TRUNCATION_WINDOW))
}

/// `select._mark_teasers`: a run of two list items or more, most of them teasers (a hard reason
/// already, truncated, or a [`teaser_item`]), is dropped whole as a teaser list, with the
/// heading-like line that opens it when nothing else drops that. The `datelines` among them
/// are neither teasers nor dropped.
pub(super) fn mark_teasers(page: &Page, hard: &mut [Option<Reason>], datelines: &[bool]) {
    let dateline = |k: usize| datelines.get(k).copied().unwrap_or(false);
    for run in list_runs(page) {
        let teasers = run
            .clone()
            .filter(|&k| {
                !dateline(k) && (hard[k].is_some() || page.feats[k].truncated || teaser_item(page.blocks[k].text))
            })
            .count();
        if run.len() >= 2 && teasers * 2 > run.len() {
            for k in run.clone() {
                if !dateline(k) {
                    hard[k] = Some(Reason::TeaserList);
                }
            }
            if let Some(above) = run.start.checked_sub(1) {
                if hard[above].is_none() && heading_like(page.blocks[above].text, &page.feats[above]) {
                    hard[above] = Some(Reason::ListHeading);
                }
            }
        }
    }
}

/// `select.contents_lists`: runs of list items that are a table of contents: at least
/// `t.contents_min_items` items, `t.contents_share` of them naming a chapter (第12章, 第三回; asked
/// of the items of runs that are long enough).
pub fn contents_lists(page: &Page, patterns: &mut dyn Patterns, t: &Thresholds) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for run in list_runs(page) {
        if i64::try_from(run.len()).map_or(true, |len| len >= t.contents_min_items) {
            let chapters = run.clone().filter(|&k| patterns.chapter(k)).count();
            if chapters as f64 >= t.contents_share * run.len() as f64 {
                out.push(run);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Row;
    use crate::select::hard::tests::{page, Fixed};
    use crate::select::Kind;

    fn teaser(text: &str) -> bool {
        teaser_item(text.as_bytes())
    }

    /// `teaser_item` as it was, every text decoded whole (the oracle).
    fn teaser_item_decoding_all(text: &[u8]) -> bool {
        use crate::features::counts::ends_sentence;
        use crate::select::text::chars;
        let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').filter(|line| !line.is_empty()).collect();
        if lines.len() >= 2 {
            let head: Vec<(&[u8], usize)> = lines.iter().take(TEASER_LINES).map(|&l| (l, char_len(l))).collect();
            for (i, &(a, a_len)) in head.iter().enumerate() {
                for &(b, b_len) in &head[i + 1..] {
                    let (short, short_len, long) = if a_len < b_len { (a, a_len, b) } else { (b, b_len, a) };
                    if short_len >= 4 && long.starts_with(strip_dots(short)) && short != long {
                        return true;
                    }
                }
            }
        }
        let last = lines.last().copied().unwrap_or_default();
        if char_len(last) >= CUT_LINE_CHARS && !ends_sentence(&chars(last)) {
            return true;
        }
        is_truncated(&chars(text))
    }

    #[test]
    fn teaser_items_like_decoding_all() {
        let pieces: [&[u8]; 14] = [
            "山城日报".as_bytes(),
            "社论".as_bytes(),
            b"\n",
            "…".as_bytes(),
            b"...",
            "。".as_bytes(),
            " ".as_bytes(),
            "\u{3000}".as_bytes(),
            "）".as_bytes(),
            "近日，遂昌育才高级中学学生".as_bytes(),
            b"\xed\xa0\x80",
            b"\x80",
            b"\xe4\xb8",
            "！".as_bytes(),
        ];
        let mut rng = crate::test_rng::Rng(0x7EA5E);
        for _ in 0..20_000 {
            let text: Vec<u8> =
                (0..rng.below(16)).flat_map(|_| pieces[rng.below(pieces.len())].iter().copied()).collect();
            assert_eq!(teaser_item(&text), teaser_item_decoding_all(&text), "{:?}", String::from_utf8_lossy(&text));
        }
    }

    #[test]
    fn teaser_items() {
        // _teaser_item's doctests
        assert!(teaser("浙江遂昌教育提质行动推进教育高质量发展\n浙江遂昌教育提质行动推进教育高\n近日,遂昌育才高级中学学生李何其荣获"));
        assert!(!teaser("第一条规定。"));
        // a headline repeated cut short, dots aside, in either order
        assert!(teaser("山城日报社论\n山城日报…"));
        assert!(teaser("山城日报…\n山城日报社论"));
        assert!(teaser("山城日报社论\n\n\n山城日报"));
        // too short to tell, or the same line twice
        assert!(!teaser("山城日报社论\n山城日"));
        assert!(!teaser("山城日报\n山城日报"));
        assert!(teaser("山城日报\n山城日报。")); // a sentence's end after it is enough
                                                 // a line of only dots, four or more, starts any longer line: nothing is left of it
        assert!(teaser("....\n山城日报社"));
        assert!(!teaser("。。\n山城日报"));
        // equal lengths: the second is the short one
        assert!(teaser("山城日报社\n山城日报.\n完"));
        assert!(!teaser("山城日报.\n山城日报社\n完"));
        // only the first eight lines are compared
        let far = ["山城日报社论"].iter().chain(&["一"; 7]).chain(&["山城日报"]).copied().collect::<Vec<_>>();
        assert!(!teaser(&far.join("\n")));
        assert!(teaser(&far[1..].join("\n").replace("一\n山城", "山城日报社论\n山城")));
        // a last line cut off: long, no sentence end (spaces aside)
        assert!(teaser("近日，遂昌育才高级中学学生李何其荣获全国青少年科技创新"));
        assert!(!teaser("近日，遂昌育才高级中学学生李何其荣获全国青少年科技创新奖。  "));
        assert!(!teaser("近日，遂昌育才高级中学学生李何其荣获全国\n短"));
        assert!(!teaser("遂昌育才高级中学学生李何其荣获全国"));
        // an ellipsis at the end of the text
        assert!(teaser("遂昌育才高级中学…"));
        assert!(teaser("遂昌育才高级中学...）\n"));
        assert!(!teaser(""));
        assert!(!teaser("\n\n"));
    }

    #[test]
    fn teaser_items_with_surrogates() {
        // lone surrogates as WTF-8 (Python's surrogatepass): compared as code points
        let lone = b"\xed\xa0\xbd\xed\xb8\x80abcd";
        let mut text = lone.to_vec();
        text.push(b'\n');
        text.extend_from_slice(&lone[..8]);
        assert!(teaser_item(&text)); // "\ud83d\ude00ab" starts "\ud83d\ude00abcd"
        text.truncate(lone.len() + 1 + 7);
        assert!(!teaser_item(&text)); // three code points: too short to tell
    }

    fn run_page<'a>(texts: &[&'a str], lists: &[bool]) -> Page<'a> {
        let mut p = page(texts, Kind::Paragraph);
        for (f, &list) in p.feats.iter_mut().zip(lists) {
            f.list_item = list;
        }
        p
    }

    fn marked(p: &Page, datelines: &[bool]) -> Vec<Option<Reason>> {
        let mut hard = vec![None; p.blocks.len()];
        mark_teasers(p, &mut hard, datelines);
        hard
    }

    #[test]
    fn teaser_lists() {
        let texts = ["推荐阅读", "山城日报…", "重庆发布…", "今天，我们签署了协议。", "正文开始了。"];
        let p = run_page(&texts, &[false, true, true, true, false]);
        let t = Some(Reason::TeaserList);
        assert_eq!(marked(&p, &[]), [Some(Reason::ListHeading), t, t, t, None]);
        // half the items are not most of them
        let p = run_page(&texts, &[false, true, true, true, true]);
        assert_eq!(marked(&p, &[]), [None; 5]);
        // a dateline among them is no teaser and stays
        let p = run_page(&texts, &[false, true, true, true, false]);
        assert_eq!(marked(&p, &[false, false, true, false, false]), [None; 5]);
        let p = run_page(&["推荐阅读", "山城日报…", "重庆发布…", "2021-06-04"], &[false, true, true, true]);
        assert_eq!(marked(&p, &[false, false, false, true]), [Some(Reason::ListHeading), t, t, None]);
        // one teaser is no list
        let p = run_page(&["推荐阅读", "山城日报…"], &[false, true]);
        assert_eq!(marked(&p, &[]), [None, None]);
        // a run at the top has no heading; a sentence is no heading
        let p = run_page(&["山城日报…", "重庆发布…"], &[true, true]);
        assert_eq!(marked(&p, &[]), [t, t]);
        let p = run_page(&["我们推荐。", "山城日报…", "重庆发布…"], &[false, true, true]);
        assert_eq!(marked(&p, &[]), [None, t, t]);
        // a heading with a reason of its own keeps it; a dateline above the run becomes the heading
        let mut hard = vec![Some(Reason::Related), None, None];
        let p = run_page(&["推荐阅读", "山城日报…", "重庆发布…"], &[false, true, true]);
        mark_teasers(&p, &mut hard, &[]);
        assert_eq!(hard, [Some(Reason::Related), t, t]);
        assert_eq!(marked(&p, &[true, false, false]), [Some(Reason::ListHeading), t, t]);
        // items with hard reasons or marked truncated count as teasers; two runs are two lists
        let mut p = run_page(&["甲。", "乙。", "标题", "丙。", "丁。", "戊。"], &[true, true, false, true, true, true]);
        p.feats[3].truncated = true;
        p.feats[4].truncated = true;
        let mut hard = vec![Some(Reason::Nav), None, None, None, None, None];
        mark_teasers(&p, &mut hard, &[]);
        assert_eq!(hard, [Some(Reason::Nav), None, Some(Reason::ListHeading), t, t, t]);
    }

    fn runs(lists: Vec<Range<usize>>) -> Vec<(usize, usize)> {
        lists.into_iter().map(|run| (run.start, run.end)).collect()
    }

    #[test]
    fn tables_of_contents() {
        // contents_lists' doctest: thirty chapters
        let items: Vec<String> = (0..30).map(|n| format!("第{n}章 风起")).collect();
        let texts: Vec<&str> = items.iter().map(String::as_str).collect();
        let p = page(&texts, Kind::ListItem);
        let mut patterns = Fixed { chapters: (0..30).collect(), ..Fixed::default() };
        assert_eq!(runs(contents_lists(&p, &mut patterns, &Thresholds::default())), [(0, 30)]);
        // too few items: not asked
        let t = Thresholds { contents_min_items: 31, ..Thresholds::default() };
        let mut patterns = Fixed { chapters: (0..30).collect(), ..Fixed::default() };
        assert!(contents_lists(&p, &mut patterns, &t).is_empty());
        assert!(patterns.asked.is_empty());
        // the share of chapters: 18 of 30 is 0.6
        let mut patterns = Fixed { chapters: (0..18).collect(), ..Fixed::default() };
        assert_eq!(runs(contents_lists(&p, &mut patterns, &Thresholds::default())), [(0, 30)]);
        let mut patterns = Fixed { chapters: (0..17).collect(), ..Fixed::default() };
        assert!(contents_lists(&p, &mut patterns, &Thresholds::default()).is_empty());
        // runs split by a paragraph, each judged alone
        let mut p = p.clone();
        p.feats[10] = Row::default();
        let t = Thresholds { contents_min_items: 5, ..Thresholds::default() };
        let mut patterns = Fixed { chapters: (0..30).collect(), ..Fixed::default() };
        assert_eq!(runs(contents_lists(&p, &mut patterns, &t)), [(0, 10), (11, 30)]);
        assert!(!patterns.asked.contains(&("chapter", 10)));
        let t = Thresholds { contents_min_items: -1, contents_share: 0.0, ..Thresholds::default() };
        assert_eq!(runs(contents_lists(&p, &mut Fixed::default(), &t)), [(0, 10), (11, 30)]);
        assert!(contents_lists(&Page::default(), &mut Fixed::default(), &t).is_empty());
    }
}
