//! The first part of selection: what is settled block by block, before any region is sought
//! (`select._hard_reasons`, `_metadata_lines`, `_date_columns`, `contents_lists`).
//!
//! - [`hard`]: the reason each block goes whatever its context (the boilerplate lexicon, text
//!   inside a hidden widget, a truncated lead or a copy of another block, a link-dense block, a
//!   block without Han characters, a teaser list and the heading that opens it), which blocks
//!   are metadata (a dateline, a title line) and which sit in a table with a date column;
//! - [`contents_lists`]: runs of list items that are a table of contents.
//!
//! Modules: [`widgets`] (hidden widgets), [`teasers`] (teaser lists, tables of contents),
//! [`columns`] (date columns).

mod columns;
mod teasers;
mod widgets;

pub use columns::date_columns;
pub use teasers::{contents_lists, teaser_item};
pub use widgets::in_widgets;

use super::{Container, Page, Patterns, Reason, Thresholds};

/// What the hard part settles, one entry per block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hard {
    /// The reason a block goes whatever its context, or `None` (`select._hard_reasons`).
    pub reasons: Vec<Option<Reason>>,
    /// A dateline or a title line among the blocks that may be kept (`select._metadata_lines`).
    pub datelines: Vec<bool>,
    /// In a table with a date column (`select._date_columns`).
    pub dated: Vec<bool>,
}

/// The hard reasons, the metadata lines (title lines of at most `t.label_max_han` Han
/// characters) and the date columns of a page: what `select.select` settles before its passes.
pub fn hard(page: &Page, patterns: &mut dyn Patterns, t: &Thresholds) -> Hard {
    let n = page.blocks.len();
    let mut asked = Asked::new(patterns, n);
    let reasons = hard_reasons(page, &mut asked);
    let datelines = metadata_lines(page, &reasons, &mut asked, t.label_max_han);
    let dated = date_columns(page, &datelines);
    Hard { reasons, datelines, dated }
}

/// The patterns, each block's dateline asked once (`_hard_reasons` and `_metadata_lines` both
/// ask it of some blocks).
struct Asked<'a> {
    patterns: &'a mut dyn Patterns,
    dateline: Vec<Option<bool>>,
}

impl<'a> Asked<'a> {
    fn new(patterns: &'a mut dyn Patterns, n: usize) -> Self {
        Asked { patterns, dateline: vec![None; n] }
    }

    /// `metadata.is_dateline(blocks[i].text, feats[i].han)`.
    fn is_dateline(&mut self, i: usize) -> bool {
        match self.dateline.get(i) {
            Some(Some(answer)) => *answer,
            _ => {
                let answer = self.patterns.is_dateline(i);
                if let Some(slot) = self.dateline.get_mut(i) {
                    *slot = Some(answer);
                }
                answer
            }
        }
    }

    /// `select.TITLE_LABEL.match(blocks[i].text)`.
    fn title_label(&mut self, i: usize) -> bool {
        self.patterns.title_label(i)
    }
}

/// The blocks selection reads: as many as there are blocks and features (the same number on any
/// page Python hands over).
fn measured(page: &Page) -> usize {
    page.blocks.len().min(page.feats.len())
}

/// The blocks `first..end` of a container, within the first `n` blocks (an element Python
/// hands over always is).
fn span(c: &Container, n: usize) -> (usize, usize) {
    let end = c.end.min(n);
    (c.first.min(end), end)
}

/// `select._hard_reasons`: the reason each block must go whatever its context, or `None`. In
/// order: an empty block; one inside a hidden widget; a poster's registration or login date
/// (boilerplate, but no login line that ends an article); a lexicon match, unless the block is
/// a dateline carrying only share buttons (metadata, `None`); a truncated lead or a copy of a
/// block outside widgets; a link-dense block (`nav` when short); a short block without Han
/// characters. Then teaser lists and their headings (see [`teasers::mark_teasers`]).
fn hard_reasons(page: &Page, asked: &mut Asked<'_>) -> Vec<Option<Reason>> {
    let n = page.blocks.len();
    let measured = measured(page);
    let widget = in_widgets(page);
    let outside = |at: usize| !widget.get(at).copied().unwrap_or(false);
    let mut out = Vec::with_capacity(n);
    let mut datelines = vec![false; n];
    for (i, f) in page.feats[..measured].iter().enumerate() {
        let reason = if f.chars == 0 {
            Some(Reason::Empty)
        } else if widget[i] {
            Some(Reason::Boilerplate)
        } else if let Some(&first) = page.lexicon_of(f).first() {
            let lexicon = page.lexicon_of(f);
            if member_date(lexicon) && asked.is_dateline(i) {
                Some(Reason::Boilerplate) // dropped, but no login line to end the article
            } else if dateline_buttons(lexicon) && asked.is_dateline(i) {
                datelines[i] = true; // metadata (see metadata_lines), in no teaser list
                None
            } else {
                Some(first)
            }
        } else if f.prefix_of.is_some_and(outside) {
            Some(Reason::TruncatedDuplicate) // (a popup's copy is no original)
        } else if f.duplicate_of.is_some_and(outside) {
            Some(Reason::Duplicate)
        } else if f.link_density >= 0.6 || (f.link_density >= 0.4 && f.han < 60) {
            Some(if f.han <= 12 { Reason::Nav } else { Reason::LinkDense })
        } else if f.han == 0 && f.chars < 40 {
            Some(Reason::NoHan)
        } else {
            None
        };
        out.push(reason);
    }
    out.resize(n, None);
    teasers::mark_teasers(page, &mut out, &datelines);
    out
}

/// `select._member_date`'s lexicon test: the block matches the login rule alone (a date on a
/// poster's card, `注册：2004-3-1`, `最后登录：2005-7-3`, when it is a dateline).
fn member_date(lexicon: &[Reason]) -> bool {
    lexicon == [Reason::Login]
}

/// `select._dateline_with_buttons`' lexicon test: every rule the block matches is a button a
/// dateline may carry (`2019-09-07 字号：大 中 小 来源：新华社`, when it is a dateline).
fn dateline_buttons(lexicon: &[Reason]) -> bool {
    lexicon.iter().all(|&r| r == Reason::Share)
}

/// `select._metadata_lines`: which blocks are a dateline or a title line (主题：…, 原标题：… of at
/// most `label_max_han` Han characters). Only blocks that may be kept are asked about: those
/// without a hard reason, and duplicates (a data table keeps them); the rest are `false`.
fn metadata_lines(page: &Page, hard: &[Option<Reason>], asked: &mut Asked<'_>, label_max_han: i64) -> Vec<bool> {
    let mut out = vec![false; page.blocks.len()];
    for (i, (f, h)) in page.feats.iter().zip(hard).enumerate().take(measured(page)) {
        if matches!(h, None | Some(Reason::Duplicate)) {
            let labelled = || i64::try_from(f.han).is_ok_and(|han| han <= label_max_han);
            out[i] = asked.is_dateline(i) || (labelled() && asked.title_label(i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Row;
    use crate::select::{Block, Kind};
    use std::collections::HashSet;

    /// Patterns answering from sets of blocks, counting what was asked.
    #[derive(Default)]
    pub(super) struct Fixed {
        pub datelines: HashSet<usize>,
        pub labels: HashSet<usize>,
        pub chapters: HashSet<usize>,
        pub asked: Vec<(&'static str, usize)>,
    }

    impl Patterns for Fixed {
        fn is_dateline(&mut self, i: usize) -> bool {
            self.asked.push(("dateline", i));
            self.datelines.contains(&i)
        }
        fn title_label(&mut self, i: usize) -> bool {
            self.asked.push(("label", i));
            self.labels.contains(&i)
        }
        fn chapter(&mut self, i: usize) -> bool {
            self.asked.push(("chapter", i));
            self.chapters.contains(&i)
        }
        fn thread_marks(&mut self) -> bool {
            false
        }
    }

    /// A block's features as `features.measure` gives them for what the tests use.
    pub(super) fn feat(text: &str) -> Row {
        let cps = crate::select::text::chars(text.as_bytes());
        Row {
            chars: cps.len(),
            han: crate::features::counts::han_count(&cps),
            punct: crate::features::counts::punct_count(&cps),
            ends_sentence: crate::features::counts::ends_sentence(&cps),
            truncated: crate::features::counts::is_truncated(&cps),
            ..Row::default()
        }
    }

    pub(super) fn page<'a>(texts: &[&'a str], kind: Kind) -> Page<'a> {
        Page {
            blocks: texts.iter().map(|t| Block { text: t.as_bytes(), kind: Some(kind), ..Block::default() }).collect(),
            feats: texts.iter().map(|t| Row { list_item: kind == Kind::ListItem, ..feat(t) }).collect(),
            ..Page::default()
        }
    }

    #[test]
    fn member_dates() {
        // _member_date's doctest: the login rule alone, on a dateline
        let lines = ["注册：2004-3-1", "最后登录：2005-7-3 10:12", "登录 注册", "注册会员可发表评论"];
        let mut p = page(&lines, Kind::Line);
        for i in 0..lines.len() {
            p.set_lexicon(i, vec![Reason::Login]);
        }
        let mut patterns = Fixed { datelines: HashSet::from([0, 1]), ..Fixed::default() };
        let got = hard(&p, &mut patterns, &Thresholds::default());
        let want = [Some(Reason::Boilerplate), Some(Reason::Boilerplate), Some(Reason::Login), Some(Reason::Login)];
        assert_eq!(got.reasons, want);
        assert_eq!(got.datelines, [false; 4]); // dropped blocks are no metadata
                                               // each block's dateline asked once, though both steps read it
        assert_eq!(patterns.asked, [("dateline", 0), ("dateline", 1), ("dateline", 2), ("dateline", 3)]);
    }

    #[test]
    fn datelines_with_buttons() {
        // _dateline_with_buttons' doctest: a dateline carrying share buttons is metadata
        let lines = ["2019-09-07 字号：大 中 小 来源：新华社", "字号：大 中 小", "2019-09-07 相关阅读"];
        let mut p = page(&lines, Kind::Line);
        p.set_lexicon(0, vec![Reason::Share]);
        p.set_lexicon(1, vec![Reason::Share]);
        p.set_lexicon(2, vec![Reason::Share, Reason::Related]);
        let mut patterns = Fixed { datelines: HashSet::from([0, 2]), ..Fixed::default() };
        let got = hard(&p, &mut patterns, &Thresholds::default());
        assert_eq!(got.reasons, [None, Some(Reason::Share), Some(Reason::Share)]); // lexicon[0] is the reason
        assert_eq!(got.datelines, [true, false, false]);
        // a related line is asked nothing: no button, no login alone
        assert!(!patterns.asked.contains(&("dateline", 2)));
    }

    #[test]
    fn reasons_in_order() {
        let lines = [
            "",
            "今天，我们签署了协议。",
            "今天，我们签署了协议。",
            "今天，我们",
            "首页",
            "山城日报社新闻中心全体编辑记者向读者致以新春的问候和祝福",
            "Copyright 2023",
            "The quick brown fox jumps over the lazy dog and keeps on running",
            "正文：今天下雨了。",
        ];
        let mut p = page(&lines, Kind::Paragraph);
        p.feats[2].duplicate_of = Some(1);
        p.feats[3].prefix_of = Some(1);
        p.feats[4].link_density = 1.0;
        p.feats[5].link_density = 0.45;
        let got = hard(&p, &mut Fixed::default(), &Thresholds::default());
        let want = [
            Some(Reason::Empty),
            None,
            Some(Reason::Duplicate),
            Some(Reason::TruncatedDuplicate),
            Some(Reason::Nav),
            Some(Reason::LinkDense),
            Some(Reason::NoHan),
            None, // no Han, but long: code or a foreign sentence
            None,
        ];
        assert_eq!(got.reasons, want);
        // the copy of a popup's block is no duplicate
        p.containers = vec![Container { first: 1, end: 2, hints: b"ui modal report".to_vec(), ..Container::default() }];
        p.widget_words = vec![b"modal".to_vec()];
        let got = hard(&p, &mut Fixed::default(), &Thresholds::default());
        assert_eq!(got.reasons[1..4], [Some(Reason::Boilerplate), None, None]);
    }

    #[test]
    fn metadata() {
        // _metadata_lines' doctest: a title line, a dateline dropped as nav, a duplicate dateline
        let lines = ["原标题：沪渝携手", "2021-06-04 来源:新华社", "2021-06-04 来源:新华社"];
        let p = page(&lines, Kind::Line);
        let mut patterns = Fixed { datelines: HashSet::from([1, 2]), labels: HashSet::from([0]), ..Fixed::default() };
        let mut asked = Asked::new(&mut patterns, 3);
        let hard = [None, Some(Reason::Nav), Some(Reason::Duplicate)];
        assert_eq!(metadata_lines(&p, &hard, &mut asked, 40), [true, false, true]);
        assert_eq!(patterns.asked, [("dateline", 0), ("label", 0), ("dateline", 2)]);
        // a title line longer than label_max_han Han characters is not asked about
        let mut patterns = Fixed { labels: HashSet::from([0]), ..Fixed::default() };
        let mut asked = Asked::new(&mut patterns, 3);
        assert_eq!(metadata_lines(&p, &[None; 3], &mut asked, 3), [false; 3]);
        assert!(!patterns.asked.contains(&("label", 0)));
        let mut asked = Asked::new(&mut patterns, 3);
        assert_eq!(metadata_lines(&p, &[None; 3], &mut asked, -1), [false; 3]);
    }

    #[test]
    fn odd_pages_do_not_panic() {
        let mut p = page(&["今天，我们签署了协议。", "首页"], Kind::ListItem);
        p.feats.pop(); // fewer features than blocks
        p.feats[0].prefix_of = Some(9);
        p.feats[0].duplicate_of = Some(9);
        p.containers = vec![
            Container { first: 5, end: 1, hidden: true, ..Container::default() },
            Container { first: 0, end: 0, tag: b"table".to_vec(), ..Container::default() },
            Container { first: 0, end: 7, tag: b"tr".to_vec(), hidden: true, ..Container::default() },
        ];
        let got = hard(&p, &mut Fixed::default(), &Thresholds::default());
        assert_eq!(got.reasons.len(), 2);
        assert_eq!(got.datelines.len(), 2);
        assert_eq!(got.dated.len(), 2);
        assert!(contents_lists(&p, &mut Fixed::default(), &Thresholds::default()).is_empty());
        let empty = Page::default();
        assert_eq!(hard(&empty, &mut Fixed::default(), &Thresholds::default()), Hard::default());
    }
}
