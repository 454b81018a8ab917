//! The article's element and the elements that repeat it (`select._signature`,
//! `container_spans`, `_look_alikes`, `_container_of`).

use super::super::text::is_digit;
use super::super::{Container, BARRIER_VALUE};
use crate::hash::Map;
use crate::pystr::code_points;

/// Elements around the article tried as the repeating unit of a thread (`_AROUND_LIMIT`).
const AROUND_LIMIT: usize = 16;

/// `select._signature`: an element's kind: its tag and its class and id words, digits aside
/// (`div post p12` and `div post p7` are alike).
pub fn signature(c: &Container) -> Vec<u8> {
    let mut out = Vec::with_capacity(c.tag.len() + 1 + c.hints.len());
    out.extend_from_slice(&c.tag);
    out.push(b' ');
    let mut points = code_points(&c.hints).peekable();
    while let Some((at, cp)) = points.next() {
        if !is_digit(cp) {
            let end = points.peek().map_or(c.hints.len(), |p| p.0);
            out.extend_from_slice(&c.hints[at..end]);
        }
    }
    out
}

/// `select._container_of`: the smallest element that holds most (85%) of the region's prose,
/// among those at most three times the region's length (and ten blocks).
pub fn container_of<'a>(
    region: Option<(usize, usize)>,
    values: &[f64],
    containers: &'a [Container],
) -> Option<&'a Container> {
    let (a, b) = region?;
    if containers.is_empty() || a > b || b >= values.len() {
        return None;
    }
    let mut prefix = Vec::with_capacity(values.len() + 1);
    prefix.push(0.0);
    for &v in values {
        prefix.push(prefix[prefix.len() - 1] + if 0.0 > v { 0.0 } else { v });
    }
    let mass = prefix[b + 1] - prefix[a];
    if mass <= 0.0 {
        return None;
    }
    let limit = 3 * (b - a + 1) + 10;
    let mut best: Option<&Container> = None;
    for c in containers {
        let (lo, hi) = (a.max(c.first), (b + 1).min(c.end));
        if hi <= lo || c.len() > limit {
            continue;
        }
        if prefix[hi] - prefix[lo] >= 0.85 * mass && best.is_none_or(|best| c.len() < best.len()) {
            best = Some(c);
        }
    }
    best
}

/// `select.container_spans`: block ranges to keep prose from (inclusive bounds, in order): the
/// smallest element holding most of the region's prose, up to the barriers around the region,
/// and its look-alikes (same tag and class, e.g. the other posts of a thread) that hold prose
/// (`post_han`) too. Without such an element, the region itself.
pub fn container_spans(
    region: Option<(usize, usize)>,
    values: &[f64],
    containers: &[Container],
    post_han: i64,
) -> Vec<(usize, usize)> {
    let Some(region) = region else { return Vec::new() };
    let Some(best) = container_of(Some(region), values, containers) else {
        return vec![region];
    };
    let (mut lo, mut hi) = (best.first.min(region.0), (best.end - 1).max(region.1).min(values.len() - 1));
    // an element never carries the article past a barrier
    if let Some(i) = (region.1 + 1..=hi).find(|&i| values[i] <= BARRIER_VALUE) {
        hi = i - 1;
    }
    if let Some(i) = (lo..region.0).rev().find(|&i| values[i] <= BARRIER_VALUE) {
        lo = i + 1;
    }
    let mut spans = vec![(lo, hi)];
    spans.extend(look_alikes(best, region, values, containers, post_han));
    spans.sort_unstable();
    spans
}

/// `select._look_alikes`: ranges of the elements that repeat the article's element: the
/// smallest element around the region whose signature recurs elsewhere, apart from it, with
/// prose of at least `post_han` and no barrier inside.
fn look_alikes(
    best: &Container,
    region: (usize, usize),
    values: &[f64],
    containers: &[Container],
    post_han: i64,
) -> Vec<(usize, usize)> {
    let limit = 3 * (region.1 - region.0 + 1) + 20;
    let mut around: Vec<usize> = (0..containers.len())
        .filter(|&k| {
            let c = &containers[k];
            c.first <= best.first && c.end >= best.end && c.len() <= limit
        })
        .collect();
    around.sort_by_key(|&k| containers[k].len()); // stable, as Python's sorted
    around.truncate(AROUND_LIMIT);
    let signatures: Vec<Vec<u8>> = containers.iter().map(signature).collect();
    let mut alike: Map<&[u8], Vec<usize>> = Map::default(); // the elements of each signature, in page order
    for (k, s) in signatures.iter().enumerate() {
        alike.entry(s.as_slice()).or_default().push(k);
    }
    let post_han = post_han as f64;
    for unit_at in around {
        let unit = &containers[unit_at];
        if unit.hints.is_empty() {
            continue;
        }
        let mut found = Vec::new();
        for &k in alike.get(signatures[unit_at].as_slice()).map_or(&[][..], Vec::as_slice) {
            let c = &containers[k];
            if k == unit_at || !(c.end <= unit.first || c.first >= unit.end) {
                continue;
            }
            let Some(inside) = values.get(c.first..c.end).filter(|inside| !inside.is_empty()) else {
                continue;
            };
            let (mut high, mut low) = (inside[0], inside[0]);
            for &v in &inside[1..] {
                if v > high {
                    high = v;
                }
                if v < low {
                    low = v;
                }
            }
            if high >= post_han && low > BARRIER_VALUE {
                found.push((c.first, c.end - 1));
            }
        }
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(first: usize, end: usize, tag: &str, hints: &str) -> Container {
        Container { first, end, tag: tag.into(), hints: hints.into(), hidden: false }
    }

    #[test]
    fn signatures() {
        assert_eq!(signature(&boxed(0, 1, "div", "post post-22")), b"div post post-");
        assert_eq!(signature(&boxed(0, 1, "td", "")), b"td ");
        assert_eq!(signature(&boxed(0, 1, "div", "p٣x")), b"div px"); // digits as Python's \d reads them
    }

    #[test]
    fn look_alikes() {
        let boxes = [boxed(0, 9, "body", ""), boxed(1, 4, "div", "post"), boxed(5, 8, "div", "post")];
        let values = [-1.0, 5.0, 9.0, 9.0, -1.0, 16.0, -1.0, 17.0, -1.0];
        assert_eq!(container_spans(Some((2, 3)), &values, &boxes, 10), [(1, 3), (5, 7)]);
        let boxes = [boxed(0, 4, "div", "post post-1"), boxed(4, 8, "div", "post post-22")];
        let values = [9.0, 9.0, 9.0, -1.0, 16.0, -1.0, 17.0, -1.0];
        assert_eq!(container_spans(Some((0, 2)), &values, &boxes, 10), [(0, 3), (4, 7)]);
        // without prose, with another tag, or holding a barrier: no look-alike
        let boxes = [boxed(0, 3, "div", "post"), boxed(3, 6, "div", "post")];
        assert_eq!(container_spans(Some((0, 2)), &[9.0, 9.0, 9.0, -1.0, -1.0, -1.0], &boxes, 10), [(0, 2)]);
        let boxes = [boxed(0, 3, "div", "post"), boxed(3, 6, "section", "post")];
        assert_eq!(container_spans(Some((0, 2)), &[9.0, 9.0, 9.0, 8.0, 8.0, 8.0], &boxes, 10), [(0, 2)]);
        let boxes = [boxed(0, 3, "div", "post"), boxed(3, 6, "div", "post")];
        let values = [9.0, 9.0, 9.0, 18.0, BARRIER_VALUE, 8.0];
        assert_eq!(container_spans(Some((0, 2)), &values, &boxes, 10), [(0, 2)]);
        // an element without class words repeats nothing
        let boxes = [boxed(0, 3, "div", ""), boxed(3, 6, "div", "")];
        assert_eq!(container_spans(Some((0, 2)), &[9.0, 9.0, 9.0, 18.0, 18.0, 8.0], &boxes, 10), [(0, 2)]);
    }

    #[test]
    fn elements_stop_at_barriers() {
        let boxes = [boxed(0, 5, "div", "article")];
        assert_eq!(container_spans(Some((1, 2)), &[-1.0, 5.0, 9.0, BARRIER_VALUE, 4.0], &boxes, 10), [(0, 2)]);
        assert_eq!(container_spans(Some((2, 3)), &[-1.0, BARRIER_VALUE, 9.0, 5.0, -1.0], &boxes, 10), [(2, 4)]);
    }

    #[test]
    fn without_an_element() {
        assert_eq!(container_spans(Some((2, 5)), &[1.0; 8], &[], 10), [(2, 5)]);
        assert_eq!(container_spans(None, &[], &[boxed(0, 2, "div", "")], 10), []);
        assert_eq!(container_spans(Some((0, 1)), &[-1.0, -1.0], &[boxed(0, 2, "div", "")], 10), [(0, 1)]); // no mass
        assert_eq!(container_spans(Some((4, 9)), &[1.0; 3], &[boxed(0, 2, "div", "")], 10), [(4, 9)]);
        // past the page
    }

    #[test]
    fn smallest_element_with_most_prose() {
        let values = [1.0, 10.0, 10.0, 10.0, 1.0, 50.0];
        let boxes =
            [boxed(0, 6, "body", ""), boxed(0, 5, "div", "main"), boxed(1, 4, "div", "text"), boxed(1, 2, "p", "")];
        assert_eq!(container_of(Some((1, 3)), &values, &boxes), Some(&boxes[2]));
        // too large for the region: three times its length and ten blocks
        let big = [boxed(0, 6, "body", "")];
        assert_eq!(container_of(Some((1, 1)), &values, &big), Some(&big[0]));
        assert_eq!(container_of(Some((1, 1)), &[10.0; 30], &[boxed(0, 30, "body", "")]), None);
        // empty, overlapping, ending at 0, reaching past the page: no panic
        let odd = [boxed(0, 0, "div", ""), boxed(3, 3, "div", "x"), boxed(2, 1, "div", ""), boxed(1, 40, "div", "")];
        assert_eq!(container_of(Some((1, 3)), &values, &odd), None);
        assert_eq!(container_spans(Some((1, 3)), &values, &odd, 10), [(1, 3)]);
        let past = [boxed(1, 9, "div", "x"), boxed(0, 9, "div", "x")];
        assert_eq!(container_spans(Some((1, 3)), &values, &past, 10), [(1, 5)]);
        // cut at the page
    }
}
