//! Selection's region part (`cleantext/select.py`'s `_select` from `_values` to the title, and
//! the thread test of `select`): what each block adds to a region, the main region (on a
//! thread, from the first post on), the region continued over the article's next sections, the
//! article's element and its look-alikes, and the title.
//!
//! - [`values`]: what blocks add, the runs and the main region, its continuation;
//! - [`posts`]: threads and posts;
//! - [`elements`]: the article's element and the elements that repeat it;
//! - [`title`]: the title.

pub mod elements;
pub mod posts;
pub mod title;
pub mod values;

pub use elements::container_spans;
pub use values::{best_region, runs};

use super::hard::Hard;
use super::{Page, Patterns, Thresholds};
use crate::features::lexicon::Lexicon;

/// The region part's outcome (see [`region`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Region {
    /// What each block adds to a region, after every change: the labels inside the region set
    /// to `-barrier_cost` (what the keep part reads).
    pub values: Vec<f64>,
    /// The article's region, inclusive bounds.
    pub region: Option<(usize, usize)>,
    /// Block ranges (inclusive) to keep prose from: the article's element and its look-alikes.
    pub spans: Vec<(usize, usize)>,
    /// The block that titles the article.
    pub title_index: Option<usize>,
    /// Where a thread's posts begin (0 when none tells).
    pub posts_from: usize,
    /// The heading that matches `<title>`.
    pub heading: Option<usize>,
}

/// The blocks every input covers: the inputs' shortest length.
fn covered(page: &Page, scores: &[f64], hard: &Hard, bylines: &[bool]) -> usize {
    [page.feats.len(), scores.len(), hard.reasons.len(), hard.datelines.len(), hard.dated.len(), bylines.len()]
        .into_iter()
        .fold(page.blocks.len(), usize::min)
}

/// The `thread` test of `select.select`: the page is a forum thread when a short block holds a
/// thread's controls ([`Patterns::thread_marks`]), when its posts are laid out alike
/// ([`posts::repeated_posts`], HTML) or, in a text dump, when a series of bylines written alike
/// begins before the largest run of prose ends ([`posts::posts_by_bylines`]); asked in that order.
pub fn is_thread(
    page: &Page,
    patterns: &mut dyn Patterns,
    scores: &[f64],
    hard: &Hard,
    bylines: &[bool],
    t: &Thresholds,
) -> bool {
    let n = covered(page, scores, hard, bylines);
    patterns.thread_marks()
        || posts::repeated_posts(&bylines[..n], &scores[..n], &page.containers, t.good, t.byline_series)
        || (page.containers.is_empty()
            && posts::posts_by_bylines(
                &page.blocks[..n],
                &page.feats[..n],
                &scores[..n],
                &hard.reasons[..n],
                &hard.datelines[..n],
                t,
            ))
}

/// Blocks after the title heading a run may begin at and follow it (`anchored_region`'s `reach`).
const ANCHOR_REACH: usize = 8;

/// `select._select` from `_values` to the title: what each block adds to a region, the main
/// region (on a `thread`, from the first post on; after the heading matching `<title>` when the
/// run there holds enough), the region continued over the article's next sections within its
/// element, the article's element and its look-alikes, and the title (`fixed_title`, one found
/// before, stays the title and out of the region).
#[allow(clippy::too_many_arguments)]
pub fn region(
    page: &Page,
    lexicon: &Lexicon,
    scores: &[f64],
    hard: &Hard,
    bylines: &[bool],
    t: &Thresholds,
    fixed_title: Option<usize>,
    thread: bool,
) -> Region {
    let n = covered(page, scores, hard, bylines);
    let (blocks, feats, scores) = (&page.blocks[..n], &page.feats[..n], &scores[..n]);
    let (reasons, datelines, bylines) = (&hard.reasons[..n], &hard.datelines[..n], &bylines[..n]);
    let containers = page.containers.as_slice();
    let mut values = values::values(feats, scores, reasons, datelines, t, thread);
    if containers.is_empty() {
        // (in HTML the posts' layout tells a thread: a blog's front page is no Q&A)
        values::lift_interleaved_barriers(&mut values, feats, reasons, t);
        values::pass_post_footers(&mut values, blocks, feats, reasons, t);
    }
    let fixed_title = fixed_title.filter(|&i| i < n);
    if let Some(i) = fixed_title {
        // a title found before stays the title, outside the region
        if t.neutral_value < values[i] {
            values[i] = t.neutral_value;
        }
    }
    let mut posts_from = 0;
    if thread {
        // the posts begin at the first post's byline, when a series of bylines tells them
        let heads = posts::post_heads(datelines, scores, t.good);
        let first = if containers.is_empty() { posts::alike_bylines(blocks, datelines, t.byline_series) } else { None };
        posts_from = match heads.first() {
            Some(&head) if i64::try_from(heads.len()).unwrap_or(i64::MAX) >= t.byline_series => head,
            _ => first.unwrap_or(0),
        };
    } else {
        posts::split_posts(&mut values, bylines, t.byline_series, blocks);
    }
    let mut region = best_region(&values, t.early_share, posts_from);
    if let Some(r) = region {
        if r.0 < posts_from && posts_from <= r.1 {
            region = Some(posts::within_first_post(r, posts_from, &values, containers, t.early_share));
        }
    }
    let page_title = page.title.as_deref();
    let heading = title::heading_title(blocks, feats, page_title);
    if let (Some(h), Some(r)) = (heading, region) {
        if !(r.0 <= h && h <= r.1 + 1) {
            if let Some((span, mass)) = values::anchored_region(&values, h, ANCHOR_REACH) {
                if mass >= t.anchor_share * values::py_sum(&values[r.0..=r.1]) {
                    region = Some(span);
                }
            }
        }
    }
    if let Some(r) = region {
        let (soft, labels) = values::soft_values(&values, blocks, reasons, lexicon, t, thread);
        // in HTML the article stays in its element
        let bounds = elements::container_of(Some(r), &values, containers).map(|c| (c.first, c.end - 1));
        let r = values::continued_region(r, &soft, &labels, t.continue_density, heading, bounds);
        for i in r.0..=r.1 {
            // labels inside the article are subheadings
            if labels[i] {
                values[i] = -t.barrier_cost;
            }
        }
        region = Some(r);
    }
    let spans = container_spans(region, &values, containers, t.post_han);
    let title_index = fixed_title
        .or_else(|| title::pick_title(blocks, feats, region, page_title, heading, reasons, datelines, t.title_echo));
    Region { values, region, spans, title_index, posts_from, heading }
}

#[cfg(test)]
mod tests {
    use super::super::{Block, Container, Reason, BARRIER_VALUE};
    use super::*;
    use crate::features::Row;

    /// Patterns that answer from fixed lists, counting the thread question.
    struct Fixed {
        thread: bool,
        asked: usize,
    }

    impl Patterns for Fixed {
        fn is_dateline(&mut self, _: usize) -> bool {
            false
        }
        fn title_label(&mut self, _: usize) -> bool {
            false
        }
        fn chapter(&mut self, _: usize) -> bool {
            false
        }
        fn thread_marks(&mut self) -> bool {
            self.asked += 1;
            self.thread
        }
    }

    fn page<'a>(lines: &[(&'a str, usize, Option<Reason>)], containers: Vec<Container>) -> (Page<'a>, Hard) {
        let blocks = lines.iter().map(|(t, _, _)| Block { text: t.as_bytes(), ..Block::default() }).collect();
        let feats = lines.iter().map(|&(_, han, _)| Row { han, chars: han, ..Row::default() }).collect();
        let n = lines.len();
        let hard =
            Hard { reasons: lines.iter().map(|l| l.2).collect(), datelines: vec![false; n], dated: vec![false; n] };
        (Page { blocks, feats, containers, ..Page::default() }, hard)
    }

    #[test]
    fn the_article_between_barriers() {
        let lexicon = values::tests::lexicon();
        let lines = [
            ("沪渝携手推动长江经济带发展", 13, None),
            ("6月3日，重庆与上海签署协议，共同推动长江经济带高质量发展。", 30, None),
            ("二、居民关心的热点问题", 10, Some(Reason::Related)),
            ("双方将在七个方面开展深度合作，资源共享、经验互鉴。", 40, None),
            ("责任编辑：王小明", 6, Some(Reason::EditorLine)),
            ("网友评论。", 5, None),
        ];
        let (mut page, hard) = page(&lines, Vec::new());
        page.feats[1].ends_sentence = true; // (a sentence the column wrapped would lift the label)
        let scores = [-1.0, 3.0, -3.0, 3.0, -5.0, 3.0];
        let t = Thresholds::default();
        let found = region(&page, &lexicon, &scores, &hard, &[false; 6], &t, None, false);
        assert_eq!(found.region, Some((1, 3))); // the subheading mentioning a sidebar's word is crossed
        assert_eq!(found.values, [-2.0, 30.0, -20.0, 40.0, BARRIER_VALUE, 5.0]);
        assert_eq!(found.spans, [(1, 3)]);
        assert_eq!(found.title_index, Some(0)); // its words come back in the lead
        assert_eq!((found.posts_from, found.heading), (0, None));
        // a title found before stays the title, out of the region
        let found = region(&page, &lexicon, &scores, &hard, &[false; 6], &t, Some(1), false);
        assert_eq!((found.title_index, found.region), (Some(1), Some((3, 3))));
        assert_eq!(found.values[..4], [-2.0, -2.0, BARRIER_VALUE, 40.0]);
    }

    #[test]
    fn the_heading_matching_the_title_anchors_the_article() {
        let lexicon = values::tests::lexicon();
        let lines = [
            ("推荐阅读的一段很长的文字，写了很多，很多很多。", 60, None),
            ("网友评论", 4, Some(Reason::Comment)),
            ("沪渝携手推动发展", 8, None),
            ("6月3日，重庆与上海签署协议。", 12, None),
        ];
        let (mut page, hard) = page(&lines, Vec::new());
        page.feats[2].heading = true;
        page.title = Some("沪渝携手推动发展_重庆日报".as_bytes().to_vec());
        let scores = [3.0, -5.0, -1.0, 3.0];
        let t = Thresholds::default();
        let found = region(&page, &lexicon, &scores, &hard, &[false; 4], &t, None, false);
        assert_eq!((found.heading, found.title_index, found.region), (Some(2), Some(2), Some((3, 3))));
        let shy = Thresholds { anchor_share: 0.5, ..t }; // the run after the title holds too little
        let found = region(&page, &lexicon, &scores, &hard, &[false; 4], &shy, None, false);
        assert_eq!((found.title_index, found.region), (Some(2), Some((0, 0))));
    }

    #[test]
    fn threads() {
        let lines = [("作者：老街坊 发表于 2005-07-03 10:12", 5, None), ("正文很长。", 30, None)];
        let (page, mut hard) = page(&lines, Vec::new());
        hard.datelines = vec![true, false];
        let t = Thresholds::default();
        let mut marks = Fixed { thread: true, asked: 0 };
        assert!(is_thread(&page, &mut marks, &[-1.0, 1.0], &hard, &[true, false], &t));
        let mut none = Fixed { thread: false, asked: 0 };
        assert!(!is_thread(&page, &mut none, &[-1.0, 1.0], &hard, &[true, false], &t));
        assert_eq!(none.asked, 1);
        // three posts laid out alike
        let boxes: Vec<Container> = (0..3)
            .map(|k| Container {
                first: 2 * k,
                end: 2 * k + 2,
                tag: b"div".to_vec(),
                hints: format!("post p{k}").into_bytes(),
                hidden: false,
            })
            .collect();
        let lines = [lines[0], lines[1], lines[0], lines[1], lines[0], lines[1]];
        let (page, mut hard) = self::page(&lines, boxes);
        hard.datelines = [true, false].repeat(3);
        let scores = [-1.0, 1.0].repeat(3);
        assert!(is_thread(&page, &mut none, &scores, &hard, &hard.datelines.clone(), &t));
        let found = region(&page, &values::tests::lexicon(), &scores, &hard, &hard.datelines.clone(), &t, None, true);
        assert_eq!((found.posts_from, found.region, found.spans), (0, Some((1, 5)), vec![(1, 5)]));
    }

    #[test]
    fn empty_and_odd_pages() {
        let lexicon = values::tests::lexicon();
        let t = Thresholds::default();
        let (page, hard) = page(&[], vec![Container { first: 0, end: 0, ..Container::default() }]);
        assert_eq!(region(&page, &lexicon, &[], &hard, &[], &t, None, false), Region::default());
        assert_eq!(region(&page, &lexicon, &[], &hard, &[], &t, Some(3), true), Region::default());
        assert!(!is_thread(&page, &mut Fixed { thread: false, asked: 0 }, &[], &hard, &[], &t));
        // inputs of different lengths: the shortest bounds the page
        let (page, hard) = self::page(&[("正文很长。", 30, None), ("正文。", 20, None)], Vec::new());
        let found = region(&page, &lexicon, &[1.0], &hard, &[false, false], &t, None, false);
        assert_eq!((found.values.len(), found.region), (1, Some((0, 0))));
    }

    /// A small generator of numbers (no dependency): the same pages every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn random_pages_never_panic() {
        let lexicon = values::tests::lexicon();
        let texts = ["相关推荐", "二、居民关心的热点问题", "正文，很长。", "发布于 2023-05-12 09:30", "", "首页"];
        let reasons =
            [None, None, None, Some(Reason::Related), Some(Reason::Comment), Some(Reason::Login), Some(Reason::Nav)];
        let mut rng = Lcg(7);
        for round in 0..400 {
            let n = rng.below(30);
            let lines: Vec<(&str, usize, Option<Reason>)> = (0..n)
                .map(|_| (texts[rng.below(texts.len())], rng.below(80), reasons[rng.below(reasons.len())]))
                .collect();
            let containers = (0..rng.below(8))
                .map(|_| {
                    let first = rng.below(n + 2);
                    Container {
                        first,
                        end: first + rng.below(6),
                        tag: b"div".to_vec(),
                        hints: b"post p1".to_vec(),
                        hidden: false,
                    }
                })
                .collect();
            let (mut page, mut hard) = page(&lines, if round % 2 == 0 { containers } else { Vec::new() });
            page.title = (round % 3 == 0).then(|| "二、居民关心的热点问题_日报".as_bytes().to_vec());
            hard.datelines = (0..n).map(|_| rng.below(4) == 0).collect();
            let scores: Vec<f64> = (0..n).map(|_| rng.below(10) as f64 - 5.0).collect();
            let bylines = hard.datelines.clone();
            let thread = is_thread(&page, &mut Fixed { thread: false, asked: 0 }, &scores, &hard, &bylines, &t());
            let fixed = (n > 0 && round % 5 == 0).then(|| rng.below(n));
            let found = region(&page, &lexicon, &scores, &hard, &bylines, &t(), fixed, thread || round % 7 == 0);
            assert_eq!(found.values.len(), n);
            if let Some((a, b)) = found.region {
                assert!(a <= b && b < n);
            }
            assert!(found.spans.iter().all(|&(lo, hi)| lo <= hi && hi < n));
        }
    }

    fn t() -> Thresholds {
        Thresholds { byline_series: 2, ..Thresholds::default() }
    }
}
