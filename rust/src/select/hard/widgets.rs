//! Widgets that stay hidden until clicked (`select.in_widgets`).

use super::{measured, span};
use crate::features::Row;
use crate::hash::Set;
use crate::select::Page;

/// Prose has a punctuation mark every few tens of Han characters: a block's prose mass is its
/// Han characters up to this many per mark (a hidden block of stuffed keywords has almost none;
/// `select._HAN_PER_MARK`).
const HAN_PER_MARK: usize = 40;

/// `select._prose_mass`: prefix sums of the prose mass of blocks: Han characters, at most
/// [`HAN_PER_MARK`] per punctuation mark, of blocks that are not links.
fn prose_mass(feats: &[Row]) -> Vec<usize> {
    let mut out = Vec::with_capacity(feats.len() + 1);
    let mut sum = 0usize;
    out.push(sum);
    for f in feats {
        let mass = if f.link_density < 0.5 { f.han.min(HAN_PER_MARK.saturating_mul(f.punct)) } else { 0 };
        sum = sum.saturating_add(mass);
        out.push(sum);
    }
    out
}

/// Whether a container's class and id words (`hints`, lower-cased) name a widget: one of its
/// words (`select._HINT_WORD`, runs of ASCII lower-case letters) is a widget word.
fn named_widget(hints: &[u8], words: &Set<&[u8]>) -> bool {
    hints.split(|b| !b.is_ascii_lowercase()).any(|word| !word.is_empty() && words.contains(word))
}

/// `select.in_widgets`: which blocks sit inside a widget that stays hidden until clicked: a
/// modal dialog or popup named so by its class or id (`page.widget_words`), or an element the
/// markup hides that does not hold the article (at most half the page's prose mass). An article
/// hidden until a script shows it (WeChat's `visibility:hidden` body) is not one.
pub fn in_widgets(page: &Page) -> Vec<bool> {
    let n = page.blocks.len();
    let words: Set<&[u8]> = page.widget_words.iter().map(Vec::as_slice).collect();
    let prose = prose_mass(&page.feats[..measured(page)]);
    let mass = |at: usize| prose.get(at).or(prose.last()).copied().unwrap_or(0);
    let total = mass(n);
    let mut depth = vec![0i64; n + 1];
    for c in &page.containers {
        let (first, end) = span(c, n);
        let widget =
            named_widget(&c.hints, &words) || (c.hidden && (mass(end) - mass(first)).saturating_mul(2) <= total);
        if widget {
            depth[first] += 1;
            depth[end] -= 1;
        }
    }
    let mut open = 0i64;
    depth[..n]
        .iter()
        .map(|d| {
            open += d;
            open > 0
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::select::hard::tests::{feat, page};
    use crate::select::{Container, Kind};

    fn boxed(first: usize, end: usize, hints: &str, hidden: bool) -> Container {
        Container { first, end, tag: b"div".to_vec(), hints: hints.as_bytes().to_vec(), hidden }
    }

    fn widgets() -> Vec<Vec<u8>> {
        ["modal", "popup", "dialog"].iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    #[test]
    fn named_widgets() {
        // in_widgets' first doctest
        let mut p = page(&["首页", "举报", "取消", "正文"], Kind::Paragraph);
        p.widget_words = widgets();
        p.containers = vec![boxed(0, 4, "main", false), boxed(1, 3, "ui modal report", false)];
        assert_eq!(in_widgets(&p), [false, true, true, false]);
        // words are runs of a-z: "modal-box" holds "modal", "modals" and "Modal" do not name it
        for (hints, widget) in [("modal-box", true), ("x_popup2", true), ("modals", false), ("Modal", false)] {
            p.containers = vec![boxed(1, 2, hints, false)];
            assert_eq!(in_widgets(&p)[1], widget, "{hints}");
        }
        p.containers = vec![boxed(1, 2, "", false)];
        assert_eq!(in_widgets(&p), [false; 4]);
    }

    #[test]
    fn hidden_elements() {
        // in_widgets' second doctest: a hidden element holding the article is none
        let p = page(&["首页", "今天，我们签署了协议。", "扫码关注"], Kind::Paragraph);
        let mut q = p.clone();
        q.containers = vec![boxed(1, 2, "", true), boxed(2, 3, "", true)];
        assert_eq!(in_widgets(&q), [false, false, true]);
        // half the prose is still a widget (2 * mass <= total)
        let mut q = page(&["今天，我们签署了协议。", "明天，我们签署了协议。"], Kind::Paragraph);
        q.containers = vec![boxed(0, 1, "", true)];
        assert_eq!(in_widgets(&q), [true, false]);
        // a hidden link list holds no prose; nor does a block without punctuation
        let mut q = page(&["今天，我们签署了协议。", "今天我们签署了协议", "今天，我们签署了协议。"], Kind::Paragraph);
        q.feats[0].link_density = 0.5;
        assert_eq!(prose_mass(&q.feats), [0, 0, 0, 9]);
        q.containers = vec![boxed(0, 2, "", true)];
        assert_eq!(in_widgets(&q), [true, true, false]);
        // a Han run is worth at most 40 characters a mark: 100 of them no more than the 45 after
        let long = "长".repeat(100) + "。";
        let prose = "今天，我们签署了协议，".repeat(5);
        let mut q = page(&[&long, &prose], Kind::Paragraph);
        assert_eq!(prose_mass(&q.feats), [0, 40, 85]);
        q.containers = vec![boxed(0, 1, "", true)];
        assert_eq!(in_widgets(&q), [true, false]);
        assert_eq!(feat(&long).han, 100);
    }

    #[test]
    fn nested_and_empty_containers() {
        let mut p = page(&["一", "二", "三", "四", "五"], Kind::Paragraph);
        p.widget_words = widgets();
        p.containers = vec![
            boxed(0, 5, "popup", false),
            boxed(1, 4, "dialog", false),
            boxed(2, 2, "modal", false), // empty: hides nothing
            boxed(0, 0, "modal", true),  // ends at 0
        ];
        assert_eq!(in_widgets(&p), [true; 5]);
        p.containers.remove(0);
        assert_eq!(in_widgets(&p), [false, true, true, true, false]);
        // overlapping widgets: blocks in either
        p.containers = vec![boxed(0, 3, "popup", false), boxed(2, 4, "dialog", false)];
        assert_eq!(in_widgets(&p), [true, true, true, true, false]);
        // a hidden element nested in a visible one, and a visible one in a hidden widget
        p.containers = vec![boxed(0, 5, "main", false), boxed(1, 2, "", true), boxed(3, 5, "popup", true)];
        assert_eq!(in_widgets(&p), [false, true, false, true, true]);
        // past the page (never from Python): within it
        p.containers = vec![boxed(3, 99, "popup", false), boxed(7, 2, "modal", false)];
        assert_eq!(in_widgets(&p), [false, false, false, true, true]);
        assert!(in_widgets(&Page::default()).is_empty());
    }
}
