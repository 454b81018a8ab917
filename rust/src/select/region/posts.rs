//! Posts: where a thread's posts begin, a thread told by its layout or its bylines, and the
//! comments under a news article judged one by one (`select.post_heads`, `repeated_posts`,
//! `alike_bylines`, `_posts_by_bylines`, `_within_first_post`, `_split_posts`).

use super::super::text::alike_heads;
use super::super::{Block, Container, Reason, Thresholds, BARRIER_VALUE};
use super::elements::signature;
use super::values::{best_region, runs, values, Run};
use crate::features::Row;

/// Bylines whose elements are compared to tell a forum thread (`_HEADS_LOOKED_AT`).
const HEADS_LOOKED_AT: usize = 32;

/// `select.post_heads`: the metadata lines that head prose (a score of at least `good`) within
/// two blocks: where posts begin. A line right under the previous head, with no prose between,
/// is part of that head's post.
pub fn post_heads(datelines: &[bool], scores: &[f64], good: f64) -> Vec<usize> {
    let n = datelines.len().min(scores.len());
    let prose = |range: std::ops::Range<usize>| range.into_iter().any(|k| scores[k] >= good);
    let mut out: Vec<usize> = Vec::new();
    for (i, &dateline) in datelines.iter().enumerate().take(n) {
        if dateline && prose(i + 1..n.min(i + 3)) {
            match out.last() {
                Some(&last) if i - last <= 2 && !prose(last + 1..i) => {}
                _ => out.push(i),
            }
        }
    }
    out
}

/// Python's `len(heads) >= series` with `series` an int that may be negative.
fn at_least(count: usize, series: i64) -> bool {
    i64::try_from(count).unwrap_or(i64::MAX) >= series
}

/// `select.alike_bylines`: the first of at least `series` bylines (datelines) written alike from
/// the first on (strictly, see [`alike_heads`]), or `None`: in a text dump, the posts of a thread.
pub fn alike_bylines(blocks: &[Block], datelines: &[bool], series: i64) -> Option<usize> {
    let bylines: Vec<usize> = datelines.iter().take(blocks.len()).enumerate().filter(|p| *p.1).map(|p| p.0).collect();
    let texts: Vec<&[u8]> = bylines.iter().map(|&i| blocks[i].text).collect();
    if !at_least(bylines.len(), series) || !alike_heads(&texts, true) {
        return None;
    }
    bylines.first().copied()
}

/// `select.repeated_posts`: a forum thread told by its structure (HTML): at least `series`
/// bylines head prose, and each sits in an element of the same kind (tag and class, digits
/// aside) as the first one's, the smallest around it that holds more than the byline.
pub fn repeated_posts(bylines: &[bool], scores: &[f64], containers: &[Container], good: f64, series: i64) -> bool {
    if containers.is_empty() {
        return false;
    }
    let mut heads = post_heads(bylines, scores, good);
    if heads.is_empty() || !at_least(heads.len(), series) {
        return false;
    }
    heads.truncate(HEADS_LOOKED_AT); // bounded work: the first posts tell
    let mut smallest: Vec<Option<&Container>> = vec![None; heads.len()];
    for c in containers {
        if c.len() < 2 {
            continue;
        }
        for (slot, &i) in smallest.iter_mut().zip(&heads) {
            if c.first <= i && i < c.end && slot.is_none_or(|s| c.len() < s.len()) {
                *slot = Some(c);
            }
        }
    }
    let kinds: Vec<Option<Vec<u8>>> = smallest.iter().map(|c| c.map(signature)).collect();
    kinds[0].is_some() && kinds[1..].iter().all(|k| *k == kinds[0])
}

/// `select._posts_by_bylines`: a text dump whose article is posts: a series of bylines written
/// alike begins before the largest run of prose ends (comments under an article all come after it).
pub fn posts_by_bylines(
    blocks: &[Block],
    feats: &[Row],
    scores: &[f64],
    hard: &[Option<Reason>],
    datelines: &[bool],
    t: &Thresholds,
) -> bool {
    let Some(first) = alike_bylines(blocks, datelines, t.byline_series) else {
        return false;
    };
    let found = runs(&values(feats, scores, hard, datelines, t, false));
    largest(&found).is_some_and(|r| first <= r.1)
}

/// The first run with the largest sum (Python's `max(found, key=...)`).
fn largest(found: &[Run]) -> Option<&Run> {
    let mut best: Option<&Run> = None;
    for r in found {
        if best.is_none_or(|b| r.2 > b.2) {
            best = Some(r);
        }
    }
    best
}

/// `select._within_first_post`: the region cut to start inside the first post's element (HTML),
/// the smallest one holding its byline `head` and the prose under it.
pub fn within_first_post(
    region: (usize, usize),
    head: usize,
    values: &[f64],
    containers: &[Container],
    share: f64,
) -> (usize, usize) {
    let last = region.1.min(values.len().saturating_sub(1));
    let Some(prose) = (head + 1..=last).find(|&k| values[k] > 0.0) else {
        return region;
    };
    let mut post: Option<&Container> = None;
    for c in containers {
        if c.first <= head && c.end > prose && post.is_none_or(|p| c.len() < p.len()) {
            post = Some(c);
        }
    }
    let Some(post) = post else { return region };
    if post.first <= region.0 || post.first > last {
        return region;
    }
    match best_region(&values[post.first..=last], share, 0) {
        None => region,
        Some((a, b)) => (post.first + a, post.first + b),
    }
}

/// Blocks after a byline that prose must be within for the byline to head a post (`_split_posts`' `reach`).
const SPLIT_REACH: usize = 2;

/// `select._split_posts`: a news article above a thread of comments: when at least `series`
/// bylines are each followed within two blocks by prose, the post under the first (the article)
/// holds more prose than any two later ones together, and the bylines are not written alike from
/// the first on, the later bylines become barriers.
pub fn split_posts(values: &mut [f64], bylines: &[bool], series: i64, blocks: &[Block]) {
    let n = values.len();
    let heads: Vec<usize> = (0..n.min(bylines.len()).min(blocks.len()))
        .filter(|&i| bylines[i] && (i + 1..n.min(i + 1 + SPLIT_REACH)).any(|k| values[k] > 0.0))
        .collect();
    if heads.is_empty() || !at_least(heads.len(), series) {
        return;
    }
    let texts: Vec<&[u8]> = heads.iter().map(|&i| blocks[i].text).collect();
    if alike_heads(&texts, true) {
        return;
    }
    let mut masses: Vec<f64> = heads
        .iter()
        .enumerate()
        .map(|(k, &from)| {
            let to = heads.get(k + 1).copied().unwrap_or(n);
            values[from..to].iter().filter(|&&v| v > 0.0).fold(0.0, |sum, v| sum + v)
        })
        .collect();
    let first = masses.remove(0);
    masses.sort_by(|x, y| y.partial_cmp(x).unwrap_or(std::cmp::Ordering::Equal));
    let later = masses.iter().take(2).fold(0.0, |sum, v| sum + v);
    if first > later {
        for &i in &heads[1..] {
            values[i] = BARRIER_VALUE;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks<'a>(texts: &[&'a str]) -> Vec<Block<'a>> {
        texts.iter().map(|t| Block { text: t.as_bytes(), ..Block::default() }).collect()
    }

    fn boxed(first: usize, end: usize, tag: &str, hints: &str) -> Container {
        Container { first, end, tag: tag.into(), hints: hints.into(), hidden: false }
    }

    #[test]
    fn heads() {
        assert_eq!(
            post_heads(&[true, false, false, true, false, true], &[-1.0, -2.0, 3.0, -1.0, -5.0, -1.0], 0.0),
            [0]
        );
        assert_eq!(
            post_heads(&[true, true, false, false, true, false], &[-1.0, -1.0, 3.0, 4.0, -1.0, 2.0], 0.0),
            [0, 4]
        );
        assert_eq!(post_heads(&[], &[], 0.0), Vec::<usize>::new());
        assert_eq!(post_heads(&[true], &[5.0], 0.0), Vec::<usize>::new()); // nothing under it
                                                                           // a head right under the previous one, with prose between, is a post of its own
        assert_eq!(post_heads(&[true, false, true, false], &[-1.0, 3.0, -1.0, 3.0], 0.0), [0, 2]);
    }

    /// A thread's posts, each under a byline written alike.
    const THREAD: [&str; 6] = [
        "作者：老街坊 发表于 2005-07-03 10:12",
        "正文。",
        "作者：阿福 发表于 2005-07-03 11:12",
        "顶。",
        "作者：江边人 发表于 2005-07-04 09:30",
        "同意。",
    ];

    #[test]
    fn alike_series() {
        let lines = THREAD;
        let dates = [true, false, true, false, true, false];
        assert_eq!(alike_bylines(&blocks(&lines), &dates, 3), Some(0));
        assert_eq!(alike_bylines(&blocks(&lines), &dates, 4), None);
        assert_eq!(alike_bylines(&blocks(&lines), &[false; 6], 0), None);
        let unlike =
            ["2023-05-12 09:30 来源：山城日报", "正文。", "山城网友1000 3小时前", "顶", "山城网友1037 2小时前"];
        assert_eq!(alike_bylines(&blocks(&unlike), &[true, false, true, false, true], 3), None);
    }

    #[test]
    fn posts_laid_out_alike() {
        let boxes: Vec<Container> = [0, 3, 6].iter().map(|&k| boxed(k, k + 3, "div", &format!("post p{k}"))).collect();
        let dates = [true, false, false].repeat(3);
        let scores = [-1.0, 3.0, -5.0].repeat(3);
        assert!(repeated_posts(&dates, &scores, &boxes, 0.0, 3));
        let mut article = boxes.clone();
        article[0] = boxed(0, 3, "div", "article");
        assert!(!repeated_posts(&dates, &scores, &article, 0.0, 3));
        assert!(!repeated_posts(&dates, &scores, &boxes, 0.0, 4)); // too few
        assert!(!repeated_posts(&dates, &scores, &[], 0.0, 3));
        // a byline in no element of two blocks or more
        assert!(!repeated_posts(&dates, &scores, &[boxed(0, 1, "div", "post"), boxed(0, 0, "div", "")], 0.0, 0));
    }

    #[test]
    fn posts_by_alike_bylines() {
        let lines = THREAD;
        let feats: Vec<Row> = [0, 30, 0, 30, 0, 30].iter().map(|&han| Row { han, ..Row::default() }).collect();
        let scores = [-1.0, 1.0].repeat(3);
        let dates = [true, false].repeat(3);
        let t = Thresholds::default();
        assert!(posts_by_bylines(&blocks(&lines), &feats, &scores, &[None; 6], &dates, &t));
        // comments after a long article: their bylines begin after its run
        let mut long = feats.clone();
        long.insert(0, Row { han: 900, ..Row::default() });
        let mut texts = vec!["正文。"];
        texts.extend(lines);
        let mut scores2 = vec![1.0];
        scores2.extend(&scores);
        let mut dates2 = vec![false];
        dates2.extend(&dates);
        let mut hard = vec![None; 7];
        hard[1] = Some(Reason::Comment); // a comment heading ends the article
        assert!(!posts_by_bylines(&blocks(&texts), &long, &scores2, &hard, &dates2, &t));
    }

    #[test]
    fn first_post() {
        let boxes = [boxed(0, 9, "table", ""), boxed(2, 9, "table", "")];
        let values = [40.0, -2.0, -2.0, 3.0, -5.0, 50.0, 60.0, -2.0, 5.0];
        assert_eq!(within_first_post((0, 6), 4, &values, &boxes, 0.2), (5, 6));
        assert_eq!(within_first_post((0, 6), 4, &values, &[], 0.2), (0, 6));
        assert_eq!(within_first_post((0, 3), 3, &values, &boxes, 0.2), (0, 3)); // no prose under the head
        assert_eq!(within_first_post((0, 20), 4, &values, &boxes, 0.2), (5, 8));
        // a region past the page
    }

    #[test]
    fn comments_split_from_the_article() {
        let mut values = vec![-2.0, 150.0, 120.0, -2.0, 20.0, -4.0, -2.0, 18.0, -4.0, -2.0, 25.0];
        let dates = [true, false, false, true, false, false, true, false, false, true, false];
        let texts = blocks(&[""; 11]);
        split_posts(&mut values, &dates, 3, &texts);
        assert_eq!(values.iter().filter(|&&v| v == BARRIER_VALUE).count(), 3);
        assert_eq!([values[3], values[6], values[9]], [BARRIER_VALUE; 3]);
        // posts of similar size are left alone
        let mut even = vec![-2.0, 30.0, -2.0, 20.0, -2.0, 25.0];
        split_posts(&mut even, &[true, false, true, false, true, false], 3, &blocks(&[""; 6]));
        assert!(even.iter().all(|&v| v > BARRIER_VALUE));
        // bylines written alike from the first on: the first is a post like the others
        let mut alike = vec![-2.0, 150.0, -2.0, 20.0, -2.0, 25.0];
        let bylines =
            ["发布于 2023-05-12 09:30", "正文", "发布于 2023-05-13 14:02", "顶", "发布于 2023-05-15 20:11", "好"];
        split_posts(&mut alike, &[true, false, true, false, true, false], 3, &blocks(&bylines));
        assert!(alike.iter().all(|&v| v > BARRIER_VALUE));
        let mut none: Vec<f64> = Vec::new();
        split_posts(&mut none, &[], 0, &[]);
    }
}
