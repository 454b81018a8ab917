//! Each block's first verdict, and the steps that keep lines around the kept ones
//! (`select._select`'s loop, `_keep_replies`, `_keep_post_texts`, `_keep_inside_elements`,
//! `_keep_repeated_lines`, `_in_repeat`, `_keep_sandwiched`).

use super::{Ctx, Verdicts};
use crate::select::text::{alike_heads, echo_share, has_digit, heading_like};
use crate::select::{Kind, Reason};

/// `_SHORT`: the verdicts of a short line (`short`, `short-heading`).
fn short(reasons: &[Reason]) -> bool {
    matches!(reasons, [Reason::Short] | [Reason::ShortHeading])
}

/// Which blocks lie in a span (the article's element, a post's).
pub(super) fn in_spans(n: usize, spans: &[(usize, usize)]) -> Vec<bool> {
    let mut out = vec![false; n];
    for &(lo, hi) in spans {
        for x in out.iter_mut().take(hi.saturating_add(1)).skip(lo) {
            *x = true;
        }
    }
    out
}

/// Each block's first verdict: its hard reason; the title; a dateline; prose in the region;
/// Han text scoring `neutral` or more in a span; prose outside; a short heading or line.
pub(super) fn first(cx: &Ctx, region: Option<(usize, usize)>, in_span: &[bool], title: Option<usize>) -> Verdicts {
    let t = cx.t;
    let mut kept = vec![false; cx.n];
    let mut reasons = Vec::with_capacity(cx.n);
    for i in 0..cx.n {
        let (f, score) = (cx.feats[i], cx.scores[i]);
        let why = if let Some(dropped) = cx.hard[i] {
            dropped
        } else if title == Some(i) {
            Reason::Title
        } else if cx.datelines[i] {
            Reason::Metadata // the article's, or a post's byline
        } else if region.is_some_and(|(lo, hi)| lo <= i && i <= hi) && score >= t.good {
            kept[i] = true;
            Reason::MainRegion
        } else if in_span[i] && score >= t.neutral && f.han > 0 {
            kept[i] = true;
            Reason::ContinuesRegion
        } else if score >= t.good {
            Reason::OutsideRegion
        } else if f.heading || heading_like(cx.blocks[i].text, f) {
            Reason::ShortHeading
        } else {
            Reason::Short
        };
        reasons.push(vec![why]);
    }
    Verdicts { kept, reasons }
}

/// `_keep_replies`: on a thread, the prose after the first post (from `start`) up to the first
/// barrier is the replies.
pub(super) fn keep_replies(cx: &Ctx, start: usize, v: &mut Verdicts) {
    for i in start..cx.n {
        if cx.barrier(cx.hard[i]) {
            break;
        }
        if !v.kept[i] && v.reasons[i] == [Reason::OutsideRegion] && cx.scores[i] >= cx.t.good && cx.feats[i].han > 0 {
            v.keep(i);
        }
    }
}

/// A post's line that repeats this share of the thread's title is its title line (回复：…), not
/// its text (`_TITLE_ECHO`).
const TITLE_ECHO: f64 = 0.5;

/// `_keep_post_texts`: on a thread, a reply too short to read as prose (赞一个) is kept when it is
/// the first line of Han text within two blocks under a post's byline written like the first
/// post's (`first`), from `start` (the first post's end) up to the first barrier; not a line
/// that repeats the thread's title (回复：…) or holds a digit (a poster's card: 文章：176). A
/// byline right under a kept post closes that post: the buttons under it are no post.
pub(super) fn keep_post_texts(cx: &Ctx, first: usize, start: usize, v: &mut Verdicts) {
    let n = cx.n;
    let Some(head) = cx.blocks.get(first).map(|b| b.text) else {
        return;
    };
    for i in start..n {
        if cx.barrier(cx.hard[i]) {
            return;
        }
        let above = v.kept[(i + n - 1) % n]; // (Python's kept[i - 1]; `start` is past the first post)
        if !cx.datelines[i] || above || !alike_heads(&[head, cx.blocks[i].text], false) {
            continue;
        }
        for k in i + 1..n.min(i + 3) {
            let text = &cx.blocks[k].text;
            if cx.feats[k].han == 0 || cx.hard[k].is_some() || cx.datelines[k] || has_digit(text) {
                continue;
            }
            if cx.title.is_some_and(|title| !title.is_empty() && echo_share(text, title) >= TITLE_ECHO) {
                continue;
            }
            if !v.kept[k] {
                v.keep(k);
            }
            break;
        }
    }
}

/// `_keep_inside_elements`: short lines between the first and last kept block of the article's
/// element (or a post) are its subheadings and captions: kept if they score at least
/// `element_floor` (with `headings_only`, on a forum thread, only headings).
pub(super) fn keep_inside_elements(cx: &Ctx, spans: &[(usize, usize)], v: &mut Verdicts, headings_only: bool) {
    let mut sorted = spans.to_vec();
    sorted.sort_by_key(|&(lo, hi)| (lo, std::cmp::Reverse(hi)));
    let mut done_until: Option<usize> = None;
    for (lo, hi) in sorted {
        if done_until.is_some_and(|d| hi <= d) {
            continue; // inside a span already done: every block is looked at once
        }
        done_until = Some(hi);
        let inside: Vec<usize> = (lo..=hi).filter(|&i| v.kept[i]).collect();
        let [a, .., b] = inside[..] else {
            continue;
        };
        for i in a + 1..b {
            if !v.kept[i]
                && short(&v.reasons[i])
                && cx.scores[i] >= cx.t.element_floor
                && cx.feats[i].han > 0
                && (cx.feats[i].heading || !headings_only)
            {
                v.keep(i);
            }
        }
    }
}

/// A repeated block of at most this many Han characters is a line (a chorus, a command, a
/// value), which an article may repeat; a longer one is a paragraph shown twice
/// (`_REPEATED_LINE_HAN`).
const REPEATED_LINE_HAN: usize = 40;

/// `_keep_repeated_lines`: lines the article repeats (a chorus, a refrain, a command run twice)
/// are kept each time: a duplicate whose first copy is kept, both inside the same span, that
/// does not repeat the article's first kept block (the lead), and is code, or a line whose
/// first copy is prose of the region (`main-region`) or which belongs to a repeated run.
pub(super) fn keep_repeated_lines(cx: &Ctx, spans: &[(usize, usize)], v: &mut Verdicts) {
    let lead = v.first_kept();
    for &(lo, hi) in spans {
        for i in lo..=hi {
            let Some(first) = cx.feats[i].duplicate_of.filter(|&d| d < cx.n) else {
                continue;
            };
            if cx.hard[i] == Some(Reason::Duplicate)
                && lo <= first
                && v.kept[first]
                && Some(first) != lead
                && (cx.blocks[i].kind() == Kind::Preformatted
                    || (cx.feats[i].han <= REPEATED_LINE_HAN
                        && (v.reasons[first] == [Reason::MainRegion] || in_repeat(cx, i))))
            {
                v.keep(i);
            }
        }
    }
}

/// `_in_repeat`: whether duplicate `i` has a neighbour that repeats its first copy's neighbour
/// on the same side.
fn in_repeat(cx: &Ctx, i: usize) -> bool {
    let Some(first) = cx.feats[i].duplicate_of else {
        return false;
    };
    let before = i > 0 && first > 0 && cx.feats[i - 1].duplicate_of == Some(first - 1);
    let after = i + 1 < cx.n && cx.feats[i + 1].duplicate_of == Some(first + 1);
    before || after
}

/// `_keep_sandwiched`: short blocks (subheadings, one-line paragraphs) between two kept blocks,
/// one or two, are kept when they score `neutral` or more.
pub(super) fn keep_sandwiched(cx: &Ctx, v: &mut Verdicts) {
    let mut prev: Option<usize> = None;
    for i in 0..cx.n {
        if !v.kept[i] {
            continue;
        }
        if let Some(p) = prev {
            let gap = p + 1..i;
            if (1..=2).contains(&gap.len()) && gap.clone().all(|k| short(&v.reasons[k]) && cx.scores[k] >= cx.t.neutral)
            {
                for k in gap {
                    v.keep(k);
                }
            }
        }
        prev = Some(i);
    }
}
