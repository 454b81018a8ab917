//! What is kept around the article's region (`select._select` from the verdict of each block to
//! `_keep_sandwiched`): each block's first verdict, then code, replies and post texts on a
//! thread, short lines inside the article's elements, data tables, records, repeated lines and
//! short blocks between kept ones.
//!
//! - [`verdicts`]: the first verdict, and the steps on lines (`_keep_replies`,
//!   `_keep_post_texts`, `_keep_inside_elements`, `_keep_repeated_lines`, `_keep_sandwiched`);
//! - [`code`]: code (`_keep_code`, `_keep_dump_code`, `_code_line`, `code_part`);
//! - [`tables`]: tables (`_keep_trailing_table`, `_keep_data_tables`, `_keep_table_series`,
//!   `_keep_record_table`).
//!
//! Inputs of any length are read as the page's: a missing entry counts as none (no hard reason,
//! no dateline, no value, no score), a span or an element past the last block is cut there.

mod code;
mod tables;
mod verdicts;

pub use code::{code_line, code_part};

use super::{hard, region};
use super::{Block, Page, Reason, Selection, Thresholds};
use crate::features::Row;

/// `_CONTINUES_REGION`.
const CONTINUES: [Reason; 1] = [Reason::ContinuesRegion];

/// The features of a block the page has none for.
static NO_FEAT: Row = Row {
    chars: 0,
    han: 0,
    han_ratio: 0.0,
    punct: 0,
    ends_sentence: false,
    link_density: 0.0,
    list_item: false,
    heading: false,
    truncated: false,
    prefix_of: None,
    duplicate_of: None,
    lexicon: 0,
    stopword_density: None,
    position: 0.0,
};

/// An element (`Container`) as the steps read it: within the page's blocks.
#[derive(Debug, Clone, Copy)]
struct Element<'a> {
    first: usize,
    end: usize,
    tag: &'a [u8],
}

/// The page and what the earlier parts found, every list as long as the page.
struct Ctx<'a> {
    n: usize,
    blocks: &'a [Block<'a>],
    feats: Vec<&'a Row>,
    scores: Vec<f64>,
    hard: Vec<Option<Reason>>,
    datelines: Vec<bool>,
    dated: Vec<bool>,
    values: Vec<f64>,
    elements: Vec<Element<'a>>,
    title: Option<&'a [u8]>,
    thread: bool,
    t: &'a Thresholds,
}

impl Ctx<'_> {
    /// Whether a hard reason ends the article (`barriers`: `BARRIERS`, on a thread
    /// `THREAD_BARRIERS`).
    fn barrier(&self, hard: Option<Reason>) -> bool {
        hard.is_some_and(|r| if self.thread { r.is_thread_barrier() } else { r.is_barrier() })
    }

    /// Elements tagged `tag`, in the page's order.
    fn tagged<'s>(&'s self, tag: &'s [u8]) -> impl Iterator<Item = Element<'s>> + 's {
        self.elements.iter().copied().filter(move |e| e.tag == tag)
    }
}

/// The verdicts so far: kept or not, and why.
struct Verdicts {
    kept: Vec<bool>,
    reasons: Vec<Vec<Reason>>,
}

impl Verdicts {
    /// Block `i` kept as part of the article (`continues-region`).
    fn keep(&mut self, i: usize) {
        self.kept[i] = true;
        self.reasons[i] = CONTINUES.to_vec();
    }

    /// The first kept block.
    fn first_kept(&self) -> Option<usize> {
        self.kept.iter().position(|&k| k)
    }

    /// The last kept block.
    fn last_kept(&self) -> Option<usize> {
        self.kept.iter().rposition(|&k| k)
    }
}

/// `v[..n]`, padded with `fill` to `n`.
fn fitted<T: Clone>(v: &[T], n: usize, fill: T) -> Vec<T> {
    let mut out: Vec<T> = v.iter().take(n).cloned().collect();
    out.resize(n, fill);
    out
}

/// What is kept around the region: `_select` from the verdict of each block to
/// `_keep_sandwiched` (see the module's steps). `region`'s region and title are the
/// selection's; `thread` is a forum thread's page.
pub fn keep(
    page: &Page,
    scores: &[f64],
    hard: &hard::Hard,
    region: &region::Region,
    thread: bool,
    t: &Thresholds,
) -> Selection {
    let n = page.blocks.len();
    let elements = page
        .containers
        .iter()
        .map(|c| {
            let end = c.end.min(n);
            Element { first: c.first.min(end), end, tag: &c.tag }
        })
        .collect();
    let cx = Ctx {
        n,
        blocks: &page.blocks,
        feats: (0..n).map(|i| page.feats.get(i).unwrap_or(&NO_FEAT)).collect(),
        scores: fitted(scores, n, f64::NEG_INFINITY),
        hard: fitted(&hard.reasons, n, None),
        datelines: fitted(&hard.datelines, n, false),
        dated: fitted(&hard.dated, n, false),
        values: fitted(&region.values, n, 0.0),
        elements,
        title: page.title.as_deref(),
        thread,
        t,
    };
    let spans: Vec<(usize, usize)> =
        region.spans.iter().filter(|&&(lo, hi)| lo <= hi && lo < n).map(|&(lo, hi)| (lo, hi.min(n - 1))).collect();
    let title_index = region.title_index.filter(|&i| i < n);
    let in_span = verdicts::in_spans(n, &spans);
    let mut v = verdicts::first(&cx, region.region, &in_span, title_index);
    let containers = !page.containers.is_empty();
    code::keep_code(&cx, &in_span, &mut v);
    if !containers {
        code::keep_dump_code(&cx, &mut v);
    }
    if let (true, Some((_, hi))) = (thread, region.region) {
        let start = hi.saturating_add(1);
        verdicts::keep_replies(&cx, start, &mut v);
        let from = region.posts_from;
        if from > 0 && cx.datelines.get(from) == Some(&true) {
            verdicts::keep_post_texts(&cx, from, start, &mut v);
        }
    }
    if containers && thread {
        // a post's own subheadings, not its buttons and bylines
        verdicts::keep_inside_elements(&cx, &spans, &mut v, true);
    }
    if containers && !thread {
        verdicts::keep_inside_elements(&cx, &spans, &mut v, false);
        tables::keep_trailing_table(&cx, &mut v);
        tables::keep_data_tables(&cx, &in_span, &mut v);
        tables::keep_table_series(&cx, &mut v);
        tables::keep_record_table(&cx, title_index, &mut v);
    }
    verdicts::keep_repeated_lines(&cx, &spans, &mut v);
    verdicts::keep_sandwiched(&cx, &mut v);
    Selection { kept: v.kept, reasons: v.reasons, region: region.region, title_index: region.title_index }
}

#[cfg(test)]
mod tests;
