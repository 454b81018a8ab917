//! What each block adds to a region, the runs of a page and the main region, the region
//! continued over the article's next sections (`select._values`, `runs`, `best_region`,
//! `anchored_region`, `_soft_values`, `label_share`, `continued_region`, `_grow`,
//! `_lift_interleaved_barriers`, `_pass_post_footers`).
//!
//! Sums are taken left to right, as Python's `sum` and `+=` take them (Python 3.11; 3.12's
//! compensated `sum` gives the same on the values selection makes, whole numbers and halves).

use super::super::text::shape;
use super::super::{Block, Reason, Thresholds, BARRIER_VALUE};
use crate::features::lexicon::Lexicon;
use crate::features::Row;
use crate::hash::Map;
use crate::pystr::lossy_str;
use regex::Regex;
use std::sync::OnceLock;

/// A run of a page: `(first, last, sum)`, inclusive bounds.
pub type Run = (usize, usize, f64);

/// Whether `reason` ends an article: on a forum thread (`thread`) comments do not.
pub fn is_barrier(reason: Option<Reason>, thread: bool) -> bool {
    reason.is_some_and(|r| if thread { r.is_thread_barrier() } else { r.is_barrier() })
}

/// `min(han, cap)` as Python's ints compare them, as a float.
fn capped_han(han: usize, cap: i64) -> f64 {
    i64::try_from(han).unwrap_or(i64::MAX).min(cap) as f64
}

/// What a boilerplate block costs a region: `bad_value` less `bad_value_per_han` per Han
/// character, up to `bad_value_han_cap`.
pub fn bad_value(f: &Row, t: &Thresholds) -> f64 {
    t.bad_value - t.bad_value_per_han * capped_han(f.han, t.bad_value_han_cap)
}

/// `select._values`: what each block adds to a region: prose adds its Han characters (list
/// items `list_item_share` of them), a barrier (`thread`: a thread's) is [`BARRIER_VALUE`], a
/// neutral block costs `neutral_value` and the rest [`bad_value`]. The shortest input bounds it.
pub fn values(
    feats: &[Row],
    scores: &[f64],
    hard: &[Option<Reason>],
    datelines: &[bool],
    t: &Thresholds,
    thread: bool,
) -> Vec<f64> {
    feats
        .iter()
        .zip(scores)
        .zip(hard)
        .zip(datelines)
        .map(|(((f, &s), &h), &dateline)| {
            if is_barrier(h, thread) {
                BARRIER_VALUE
            } else if h.is_none() && s >= t.good && !dateline {
                f.han as f64 * if f.list_item { t.list_item_share } else { 1.0 }
            } else if h.is_none() && s >= t.neutral {
                t.neutral_value
            } else {
                bad_value(f, t)
            }
        })
        .collect()
}

/// `select.runs`: the maximal positive runs in page order, `(first, last, sum)`, each the best
/// run of its stretch.
///
/// ```
/// use _core::select::region::runs;
/// assert_eq!(runs(&[-5.0, 10.0, -2.0, 30.0, -40.0, 8.0]), vec![(1, 3, 38.0), (5, 5, 8.0)]);
/// ```
pub fn runs(values: &[f64]) -> Vec<Run> {
    let mut out = Vec::new();
    let (mut run, mut start, mut best, mut best_end) = (0.0_f64, 0, 0.0_f64, None);
    for (i, &v) in values.iter().enumerate() {
        if run <= 0.0 {
            if let Some(end) = best_end {
                out.push((start, end, best));
            }
            (run, start, best, best_end) = (v, i, 0.0, None);
        } else {
            run += v;
        }
        if run > best {
            (best, best_end) = (run, Some(i));
        }
    }
    if let Some(end) = best_end {
        out.push((start, end, best));
    }
    out
}

/// The largest sum of `found`, as Python's `max` finds it (the first of the largest).
fn top(found: &[Run]) -> Option<&Run> {
    let mut best: Option<&Run> = None;
    for r in found {
        if best.is_none_or(|b| r.2 > b.2) {
            best = Some(r);
        }
    }
    best
}

/// `select.best_region`: the first run of two or more paragraphs holding at least `share` of
/// the largest run's sum (inclusive bounds), else the largest; `None` if no run is positive. On
/// a thread whose posts begin at block `posts_from`, a run that ends above it does not win for
/// coming first: only as the largest.
pub fn best_region(values: &[f64], share: f64, posts_from: usize) -> Option<(usize, usize)> {
    let found = runs(values);
    let top = top(&found)?.2;
    found
        .iter()
        .find(|r| r.2 == top || (r.1 >= posts_from && r.2 >= share * top && paragraphs(values, r) >= 2))
        .map(|r| (r.0, r.1))
}

/// `select._paragraphs`: how many blocks of a run add to it.
fn paragraphs(values: &[f64], run: &Run) -> usize {
    values.get(run.0..=run.1).map_or(0, |inside| inside.iter().filter(|&&v| v > 0.0).count())
}

/// The sum of `values`, left to right from 0 (Python's `sum` of floats).
pub fn py_sum<'a>(values: impl IntoIterator<Item = &'a f64>) -> f64 {
    values.into_iter().fold(0.0, |sum, v| sum + v)
}

/// `select.anchored_region`: the best run that begins within `reach` blocks after `start` (an
/// article follows its title), with its sum.
pub fn anchored_region(values: &[f64], start: usize, reach: usize) -> Option<((usize, usize), f64)> {
    let (mut best, mut span) = (0.0, None);
    let until = values.len().min(start.saturating_add(1).saturating_add(reach));
    for s in start.saturating_add(1)..until {
        let mut run = 0.0;
        for (e, &v) in values.iter().enumerate().skip(s) {
            run += v;
            if run > best {
                (best, span) = (run, Some((s, e)));
            }
            if run <= BARRIER_VALUE / 2.0 {
                break;
            }
        }
    }
    span.map(|span| (span, best))
}

/// The blocks `i - 1`, `i - 2`... within `reach` (Python's `range(i - 1, max(-1, i - 1 - reach), -1)`).
fn before(i: usize, reach: i64) -> impl Iterator<Item = usize> {
    let reach = usize::try_from(reach.max(0)).unwrap_or(usize::MAX);
    (i.saturating_sub(reach)..i).rev()
}

/// The blocks `i + 1`, `i + 2`... within `reach`, below `n`.
fn after(i: usize, reach: i64, n: usize) -> impl Iterator<Item = usize> {
    let reach = usize::try_from(reach.max(0)).unwrap_or(usize::MAX);
    i.saturating_add(1)..n.min(i.saturating_add(1).saturating_add(reach))
}

/// Python's `max(xs, default=0.0)` of floats.
fn max_or_zero(xs: impl Iterator<Item = f64>) -> f64 {
    let mut best: Option<f64> = None;
    for x in xs {
        if best.is_none_or(|b| x > b) {
            best = Some(x);
        }
    }
    best.unwrap_or(0.0)
}

/// `select._lift_interleaved_barriers`: in a text dump, a sidebar's label laid beside the
/// article's column, with long prose on both sides within `interleaved_reach` blocks, or inside
/// a sentence the column wrapped (two prose lines, not list items), only costs `bad_value`.
pub fn lift_interleaved_barriers(values: &mut [f64], feats: &[Row], hard: &[Option<Reason>], t: &Thresholds) {
    let n = values.len().min(feats.len()).min(hard.len());
    let reach = t.interleaved_reach;
    for i in 0..n {
        if values[i] > BARRIER_VALUE || !hard[i].is_some_and(Reason::is_sidebar_label) {
            continue;
        }
        let long = t.interleaved_han as f64;
        if max_or_zero(before(i, reach).map(|k| values[k])) >= long
            && max_or_zero(after(i, reach, n).map(|k| values[k])) >= long
        {
            values[i] = t.bad_value;
            continue;
        }
        let prose_before = before(i, reach).find(|&k| values[k] > 0.0);
        let prose_after = after(i, reach, n).find(|&k| values[k] > 0.0);
        if let (Some(b), Some(a)) = (prose_before, prose_after) {
            let shorter = if values[a] < values[b] { values[a] } else { values[b] };
            if shorter >= t.wrapped_han as f64 && !feats[b].ends_sentence && !(feats[b].list_item || feats[a].list_item)
            {
                values[i] = t.bad_value;
            }
        }
    }
}

/// Blocks looked back from the first of a series of post footers for the post it closes.
const FOOTER_REACH: usize = 5;

/// `select._pass_post_footers`: in a text dump, comment lines shaped alike (counts aside) that
/// each close a post (the first within five blocks after prose, each after prose since the one
/// before) are the posts' footers: two or more only cost, as boilerplate does.
pub fn pass_post_footers(values: &mut [f64], blocks: &[Block], feats: &[Row], hard: &[Option<Reason>], t: &Thresholds) {
    let n = values.len().min(blocks.len()).min(feats.len()).min(hard.len());
    let mut shapes: Map<Vec<u32>, Vec<usize>> = Map::default();
    for i in 0..n {
        if hard[i] == Some(Reason::Comment) && values[i] <= BARRIER_VALUE {
            shapes.entry(shape(blocks[i].text)).or_default().push(i);
        }
    }
    let mut prose = Vec::with_capacity(n + 1); // prefix counts of prose blocks
    prose.push(0_usize);
    for &v in &values[..n] {
        prose.push(prose[prose.len() - 1] + usize::from(v > 0.0));
    }
    for found in shapes.values() {
        let first = found[0];
        if found.len() < 2 || prose[first] == prose[first.saturating_sub(FOOTER_REACH)] {
            continue;
        }
        if found.windows(2).all(|w| prose[w[1]] > prose[w[0] + 1]) {
            for &i in found {
                values[i] = bad_value(&feats[i], t);
            }
        }
    }
}

fn letter() -> &'static Regex {
    static LETTER: OnceLock<Regex> = OnceLock::new();
    LETTER.get_or_init(|| Regex::new(r"\p{L}").expect("a valid pattern"))
}

/// Python's `c.isalpha()` for one character: a letter (Lu, Ll, Lt, Lm, Lo).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    letter().is_match(c.encode_utf8(&mut [0; 4]))
}

/// Python's `round(x, 2)`: `x` rounded to two decimals as its exact binary value reads (ties
/// to even), read back as the nearest double.
pub fn round2(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.2}").parse().unwrap_or(x)
}

/// `select.label_share`: the share of a line's letters (Han and Latin; digits and marks aside)
/// that the lexicon's `code` words cover, rounded to two decimals; `matchable` is the line's
/// text as the word lists match it (`lexicon.simplified`). 1.0 for a line without letters.
pub fn label_share(matchable: &[u8], lexicon: &Lexicon, code: Reason) -> f64 {
    let plain = lossy_str(matchable);
    let letters: Vec<bool> = plain.chars().map(is_letter).collect();
    let mut covered = vec![false; letters.len()];
    for (start, end) in lexicon.code_spans(&plain, code.as_str()) {
        let end = end.min(covered.len());
        if start < end {
            covered[start..end].fill(true);
        }
    }
    let total = letters.iter().filter(|&&l| l).count();
    if total == 0 {
        return 1.0;
    }
    let hit = letters.iter().zip(&covered).filter(|&(&l, &c)| l && c).count();
    round2(hit as f64 / total as f64)
}

/// `select._soft_values`: `values` with the lines that only mention a sidebar's word (related,
/// comment, login, less than `label_share` of their letters) at a finite cost, `-barrier_cost`,
/// and which blocks those are (`labels`). A line that is the label itself still ends the article.
pub fn soft_values(
    values: &[f64],
    blocks: &[Block],
    hard: &[Option<Reason>],
    lexicon: &Lexicon,
    t: &Thresholds,
    thread: bool,
) -> (Vec<f64>, Vec<bool>) {
    let labels: Vec<bool> = values
        .iter()
        .zip(blocks)
        .zip(hard)
        .map(|((&v, b), &h)| match h {
            Some(r) if v <= BARRIER_VALUE && r.is_sidebar_label() && is_barrier(h, thread) => {
                label_share(&b.matchable(), lexicon, r) < t.label_share
            }
            _ => false,
        })
        .collect();
    let soft = values.iter().zip(&labels).map(|(&v, &label)| if label { -t.barrier_cost } else { v }).collect();
    (soft, labels)
}

/// `select.continued_region`: the region grown over the runs of prose around it that continue
/// the article (inclusive bounds): after it, and before it down to the title `heading`. A run
/// continues it when its mass pays for the gap before it and its density is at least
/// `min_density` of the region's; `soft` and `labels` as [`soft_values`] gives them; `bounds`
/// (the article's element) end the search.
pub fn continued_region(
    region: (usize, usize),
    soft: &[f64],
    labels: &[bool],
    min_density: f64,
    heading: Option<usize>,
    bounds: Option<(usize, usize)>,
) -> (usize, usize) {
    let (a, b) = region;
    let n = soft.len().min(labels.len());
    if a > b || b >= n {
        return region;
    }
    let mass = py_sum(soft[a..=b].iter().filter(|&&v| v > 0.0));
    let density = mass / (b - a + 1) as f64;
    if density <= 0.0 {
        return region;
    }
    let (lo, hi) = bounds.unwrap_or((0, n - 1));
    let (lo, hi) = (lo.min(a), hi.max(b).min(n - 1));
    let wanted = min_density * density;
    let b = a + grow(&soft[a..=hi], &labels[a..=hi], b - a, wanted);
    let floor = match heading {
        Some(h) if h < a => lo.max(h + 1),
        _ => lo,
    };
    // the same walk, page order reversed
    let back: Vec<f64> = soft[floor..=b].iter().rev().copied().collect();
    let back_labels: Vec<bool> = labels[floor..=b].iter().rev().copied().collect();
    let a = b - grow(&back, &back_labels, b - a, wanted).min(b);
    (a, b)
}

/// Blocks a label may sit from the prose on each side and still be crossed (`_grow`'s `reach`).
const LABEL_REACH: usize = 2;

/// `select._grow`: the last index the article reaches from `values[..=end]` (see
/// [`continued_region`]): the stretch after a gap, up to the next label or barrier, must be
/// dense enough as a whole; a label is crossed only within two blocks of the prose on both
/// sides. Linear in the blocks: the walk gives up after visiting each block a few times.
pub fn grow(values: &[f64], labels: &[bool], mut end: usize, min_density: f64) -> usize {
    let n = values.len().min(labels.len());
    let mut stops = vec![n; n + 1]; // the next label or barrier at or after each block
    for k in (0..n).rev() {
        stops[k] = if values[k] <= BARRIER_VALUE || labels[k] { k } else { stops[k + 1] };
    }
    let mut mass = vec![0.0; n + 1]; // prefix sums of the prose
    for k in 0..n {
        mass[k + 1] = mass[k] + if values[k] > 0.0 { values[k] } else { 0.0 };
    }
    let mut budget = 4 * n as i64 + 16;
    while end + 1 < n {
        let (mut gap, mut i, mut first_label, mut last_label) = (0.0, end + 1, None, None);
        while i < n && BARRIER_VALUE < values[i] && values[i] <= 0.0 {
            gap += values[i];
            if labels[i] {
                first_label = first_label.or(Some(i));
                last_label = Some(i);
            }
            i += 1;
        }
        if i >= n || values[i] <= BARRIER_VALUE {
            return end;
        }
        if let (Some(first), Some(last)) = (first_label, last_label) {
            if first - end - 1 > LABEL_REACH || i - last - 1 > LABEL_REACH {
                return end;
            }
        }
        let stop = stops[i];
        let (mut run, mut best, mut last, mut k) = (0.0, 0.0, i, i);
        while k < stop {
            // the first run of the stretch
            run += values[k];
            if run > best {
                (best, last) = (run, k);
            }
            if run <= 0.0 {
                break;
            }
            k += 1;
        }
        budget -= (k - end) as i64;
        if budget < 0 || best + gap <= 0.0 || (mass[stop] - mass[i]) / ((stop - i) as f64) < min_density {
            return end;
        }
        end = last;
    }
    end
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The shipped boilerplate lexicon.
    pub(crate) fn lexicon() -> Lexicon {
        Lexicon::new(include_str!("../../../../src/cleantext/data/boilerplate.tsv")).expect("the shipped lexicon")
    }

    const B: f64 = BARRIER_VALUE;

    #[test]
    fn runs_by_hand() {
        assert_eq!(runs(&[-5.0, 10.0, -2.0, 30.0, -40.0, 8.0]), vec![(1, 3, 38.0), (5, 5, 8.0)]);
        assert_eq!(runs(&[]), vec![]);
        assert_eq!(runs(&[B, B, B]), vec![]);
        assert_eq!(runs(&[-1.0, 0.0, -2.0]), vec![]);
        assert_eq!(runs(&[0.0, 0.0]), vec![]);
        assert_eq!(runs(&[50.0]), vec![(0, 0, 50.0)]);
        // a run goes on while its sum stays positive; it ends at its best block
        assert_eq!(runs(&[10.0, -3.0, 10.0, -20.0, 5.0]), vec![(0, 2, 17.0), (4, 4, 5.0)]);
        assert_eq!(runs(&[10.0, -30.0, 12.0]), vec![(0, 0, 10.0), (2, 2, 12.0)]);
        assert_eq!(runs(&[40.0, B, 30.0]), vec![(0, 0, 40.0), (2, 2, 30.0)]);
        assert_eq!(runs(&[5.0, -5.0, 7.0]), vec![(0, 0, 5.0), (2, 2, 7.0)]); // a sum of 0 ends a run
        assert_eq!(runs(&[-4.0, -4.0, 20.0, -2.0, 20.0, -2.0, -4.0]), vec![(2, 4, 38.0)]);
    }

    #[test]
    fn best_regions() {
        type Case<'a> = (&'a [f64], Option<(usize, usize)>);
        let cases: [Case; 10] = [
            (&[-5.0, 10.0, -2.0, 30.0, -40.0, 8.0], Some((1, 3))),
            (&[50.0], Some((0, 0))),
            (&[-1.0, -2.0], None),
            (&[], None),
            (&[0.0, 0.0], None),
            (&[10.0, -3.0, 10.0], Some((0, 2))),
            (&[10.0, -30.0, 12.0], Some((2, 2))),
            (&[40.0, B, 30.0], Some((0, 0))),
            (&[30.0, B, 40.0], Some((2, 2))),
            (&[-4.0, -4.0, 20.0, -2.0, 20.0, -2.0, -4.0], Some((2, 4))),
        ];
        for (values, want) in cases {
            assert_eq!(best_region(values, 1.0, 0), want, "{values:?}");
        }
        let (a, b) = best_region(&[100.0, 100.0, B, 100.0, 100.0, 100.0], 1.0, 0).unwrap();
        assert!(!(a <= 2 && 2 <= b));
        assert_eq!(best_region(&[20.0, 5.0, -40.0, 30.0], 0.5, 0), Some((0, 1)));
        assert_eq!(best_region(&[20.0, 5.0, -40.0, -2.0, 30.0], 0.5, 3), Some((4, 4)));
        assert_eq!(best_region(&[20.0, -40.0, 30.0], 0.5, 0), Some((2, 2))); // one paragraph: only as the largest
        assert_eq!(best_region(&[B, B], 0.2, 0), None);
        assert_eq!(best_region(&[30.0, -1.0, 30.0], 0.2, 99), Some((0, 2))); // the largest, wherever it is
    }

    #[test]
    fn anchored() {
        assert_eq!(anchored_region(&[0.0, -1.0, 5.0, 5.0, B, 50.0], 0, 3), Some(((2, 3), 10.0)));
        assert_eq!(anchored_region(&[0.0, -1.0, 5.0, 5.0, -1.0, 50.0], 0, 3), Some(((2, 5), 59.0)));
        assert_eq!(anchored_region(&[0.0, -1.0], 0, 8), None);
        assert_eq!(anchored_region(&[], 0, 8), None);
        assert_eq!(anchored_region(&[9.0], 0, 8), None); // nothing after the heading
        assert_eq!(anchored_region(&[9.0, 9.0], 7, 8), None); // a heading past the end
    }

    #[test]
    fn values_by_kind() {
        let t = Thresholds::default();
        let f = |han: usize, list_item: bool| Row { han, list_item, ..Row::default() };
        let feats = [f(30, false), f(30, true), f(3, false), f(100, false), f(5, false), f(5, false), f(5, false)];
        let scores = [1.0, 1.0, -1.0, -9.0, 1.0, 1.0, 1.0];
        let hard = [None, None, None, None, Some(Reason::Comment), Some(Reason::Nav), None];
        let datelines = [false, false, false, false, false, false, true];
        let got = values(&feats, &scores, &hard, &datelines, &t, false);
        assert_eq!(got, vec![30.0, 15.0, -2.0, -24.0, B, -6.5, -2.0]);
        let got = values(&feats, &scores, &hard, &datelines, &t, true); // on a thread comments are posts
        assert_eq!(got[4], -6.5);
        assert_eq!(values(&[], &[], &[], &[], &t, false), Vec::<f64>::new());
    }

    #[test]
    fn interleaved_barriers_lifted() {
        let f = |ends_sentence: bool| Row { ends_sentence, ..Row::default() };
        let feats = [f(true), f(false), f(false), f(false), f(false)];
        let mut values = vec![300.0, B, 40.0, B, 30.0];
        let hard = [None, Some(Reason::Related), None, Some(Reason::Comment), None];
        lift_interleaved_barriers(&mut values, &feats, &hard, &Thresholds::default());
        assert_eq!(values, vec![300.0, B, 40.0, -4.0, 30.0]);
        // long prose on both sides within reach: a label beside the column
        let mut values = vec![300.0, -2.0, B, -2.0, 120.0];
        let hard = [None, None, Some(Reason::Login), None, None];
        lift_interleaved_barriers(&mut values, &feats, &hard, &Thresholds::default());
        assert_eq!(values[2], -4.0);
        // editor lines always end the article
        let mut values = vec![300.0, B, 300.0];
        lift_interleaved_barriers(
            &mut values,
            &feats[..3],
            &[None, Some(Reason::EditorLine), None],
            &Thresholds::default(),
        );
        assert_eq!(values[1], B);
        let mut empty: Vec<f64> = Vec::new();
        lift_interleaved_barriers(&mut empty, &[], &[], &Thresholds::default());
    }

    #[test]
    fn post_footers_passed() {
        let lines =
            ["第一个回答的正文。", "赞同 12 · 3 条评论", "第二个回答的正文。", "赞同 5 · 0 条评论", "网友评论（3）"];
        let blocks: Vec<Block> = lines.iter().map(|t| Block { text: t.as_bytes(), ..Block::default() }).collect();
        let hans = [8, 5, 8, 5, 4];
        let feats: Vec<Row> = hans.iter().map(|&han| Row { han, ..Row::default() }).collect();
        let mut values = vec![9.0, B, 9.0, B, B];
        let c = Some(Reason::Comment);
        pass_post_footers(&mut values, &blocks, &feats, &[None, c, None, c, c], &Thresholds::default());
        assert_eq!(values, vec![9.0, -6.5, 9.0, -6.5, B]);
        // two footers without a post between: a heading repeated, not footers
        let mut values = vec![9.0, B, B, 9.0];
        let two = [&blocks[0], &blocks[1], &blocks[3], &blocks[2]].map(Clone::clone);
        pass_post_footers(&mut values, &two, &feats[..4], &[None, c, c, None], &Thresholds::default());
        assert_eq!(values, vec![9.0, B, B, 9.0]);
    }

    /// Python's `round(k / n, 2)`, from the exact binary value of `k / n`, ties to even.
    fn python_round2(x: f64) -> f64 {
        // x = mantissa * 2^exp exactly; compare 100 * x with c + 1/2 in integers
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64;
        let mantissa =
            u128::from(if exp == 0 { (bits & ((1 << 52) - 1)) << 1 } else { (bits & ((1 << 52) - 1)) | (1 << 52) });
        let shift = u32::try_from(1075 - exp.max(1)).unwrap(); // x = mantissa / 2^shift (x < 2)
        let scaled = mantissa * 200; // 200 x = scaled / 2^shift
        let c = (mantissa * 100) >> shift; // floor(100 x)
        let half = (2 * c + 1) << shift; // (2c + 1) / 2^... : 200 x against 2c + 1
        let up = scaled > half || (scaled == half && c % 2 == 1);
        (c + u128::from(up)) as f64 / 100.0
    }

    #[test]
    fn rounds_as_python() {
        for n in 1..=400_u32 {
            for k in 0..=n {
                let x = f64::from(k) / f64::from(n);
                assert_eq!(round2(x).to_bits(), python_round2(x).to_bits(), "{k}/{n}");
            }
        }
        // exact ties go to the even neighbour, as Python's round
        assert_eq!([0.125, 0.375, 0.625, 0.875].map(round2), [0.12, 0.38, 0.62, 0.88]);
        assert_eq!(round2(0.145), 0.14); // the double below 0.145
        assert_eq!(round2(0.6), 0.6);
        assert!(round2(f64::NAN).is_nan());
    }

    #[test]
    fn label_shares() {
        let lexicon = lexicon();
        let share = |text: &str, code| label_share(text.as_bytes(), &lexicon, code);
        assert_eq!(share("相关推荐", Reason::Related), 1.0);
        assert_eq!(share("乐活HOT", Reason::Related), 0.6);
        assert_eq!(share("4,060 条评论", Reason::Comment), 1.0);
        assert_eq!(share("二、居民关心的热点问题", Reason::Related), 0.2);
        assert_eq!(share("2023", Reason::Related), 1.0); // no letter
        assert_eq!(share("", Reason::Login), 1.0);
        assert_eq!(label_share(b"\xed\xa0\x80\xe7\x9b\xb8\xe5\x85\xb3", &lexicon, Reason::Related), 0.0);
        // a lone surrogate
    }

    #[test]
    fn soft_labels() {
        let lexicon = lexicon();
        let texts = ["正文。", "二、居民关心的热点问题", "相关推荐", "网友评论的热点问题汇总一下", "责任编辑：王小明"];
        let blocks: Vec<Block> = texts.iter().map(|t| Block { text: t.as_bytes(), ..Block::default() }).collect();
        let hard =
            [None, Some(Reason::Related), Some(Reason::Related), Some(Reason::Comment), Some(Reason::EditorLine)];
        let values = [30.0, B, B, B, B];
        let t = Thresholds::default();
        let (soft, labels) = soft_values(&values, &blocks, &hard, &lexicon, &t, false);
        assert_eq!(labels, vec![false, true, false, true, false]);
        assert_eq!(soft, vec![30.0, -20.0, B, -20.0, B]);
        let (_, labels) = soft_values(&values, &blocks, &hard, &lexicon, &t, true); // a thread's comments are posts
        assert_eq!(labels, vec![false, true, false, false, false]);
    }

    #[test]
    fn continued_regions() {
        let label = [false, false, true, false, false, false, false, false, false];
        let soft = [60.0, 50.0, -20.0, 40.0, 55.0, -4.0, 45.0, B, 90.0];
        assert_eq!(continued_region((0, 1), &soft, &label, 0.3, None, None), (0, 6));
        let mut soft: Vec<f64> = vec![60.0, 50.0, -20.0];
        soft.extend([12.0, -2.0, -4.0].repeat(20));
        let mut labels = label[..3].to_vec();
        labels.extend([false; 60]);
        assert_eq!(continued_region((0, 1), &soft, &labels, 0.3, None, None), (0, 1));
        let soft = [-3.0, 70.0, -20.0, -2.0, 60.0, 50.0];
        let labels = [false, false, true, false, false, false];
        assert_eq!(continued_region((4, 5), &soft, &labels, 0.3, Some(0), None), (1, 5));
        assert_eq!(continued_region((4, 5), &soft, &labels, 0.3, Some(2), None), (4, 5)); // not above the title
        assert_eq!(continued_region((4, 5), &soft, &labels, 0.3, None, Some((3, 5))), (4, 5)); // nor its element
        assert_eq!(continued_region((0, 0), &[-2.0, 9.0], &[false, false], 0.3, None, None), (0, 0)); // no mass
        assert_eq!(continued_region((3, 9), &[1.0], &[false], 0.3, None, None), (3, 9));
        // out of the page
    }

    #[test]
    fn grows() {
        assert_eq!(grow(&[50.0, -2.0, 30.0, -40.0, 5.0, B, 90.0], &[false; 7], 0, 0.1), 2);
        assert_eq!(grow(&[], &[], 0, 0.1), 0);
        assert_eq!(grow(&[50.0], &[false], 0, 0.1), 0);
        assert_eq!(grow(&[50.0, B, 50.0], &[false; 3], 0, 0.1), 0);
        assert_eq!(grow(&[50.0, -2.0, -3.0], &[false; 3], 0, 0.1), 0); // nothing after the gap
                                                                       // a label is crossed within two blocks of the prose on both sides, not farther
        assert_eq!(grow(&[50.0, -20.0, 40.0], &[false, true, false], 0, 0.1), 2);
        assert_eq!(grow(&[50.0, -2.0, -2.0, -2.0, -20.0, 40.0], &[false, false, false, false, true, false], 0, 0.1), 0);
        assert_eq!(grow(&[50.0, -20.0, -2.0, -2.0, -2.0, 40.0], &[false, true, false, false, false, false], 0, 0.1), 0);
        // the stretch after the gap must be dense enough as a whole
        assert_eq!(grow(&[50.0, -2.0, 3.0, -2.0, -2.0, -2.0], &[false; 6], 0, 2.0), 0);
        assert_eq!(grow(&[50.0, -2.0, 3.0, -2.0, -2.0, -2.0], &[false; 6], 0, 0.5), 2);
        // a gap that costs more than the run pays
        assert_eq!(grow(&[50.0, -30.0, 20.0], &[false; 3], 0, 0.1), 0);
    }
}
