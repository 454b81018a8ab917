//! Any text -> the HTML walk's blocks: no panic, spans inside the page, no whitespace-only block,
//! containers and layout ranges inside the blocks, links and raw texts on existing blocks.
#![no_main]

use _core::blocks::html::builder::Budget;
use _core::blocks::html::{html_blocks, LayoutOptions, Pieces};
use _core::blocks::whitespace::{char_len, is_all_space};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let n = char_len(&html);
    // a small budget, so that pages of a few kB join blocks too
    let budget = Budget { floor: 20, per_million: 1_000, per_million_hard: 2_000, tiny_chars: 8, merge_chars: 1_000 };
    let pieces = Pieces { piece: 1_000_000, max_pieces: 4 };
    let layout = Some(LayoutOptions { links: true, images: true });
    let mut cap = |s: &str| Ok::<String, ()>(s.to_string());
    let page =
        html_blocks(html.as_bytes(), html.as_bytes(), Some(&html), &[], pieces, budget, layout, &mut cap).unwrap();
    let unchecked = html_blocks(html.as_bytes(), html.as_bytes(), None, &[], pieces, budget, layout, &mut cap).unwrap();
    assert_eq!(format!("{page:?}"), format!("{unchecked:?}"), "the page parsed in place differs");
    let blocks = page.blocks.len();
    for b in &page.blocks {
        assert!(b.start <= b.end && b.end <= n, "span {}..{} of {n}", b.start, b.end);
        assert!(!b.text.is_empty() && !is_all_space(&b.text), "an empty block");
        assert!(b.link_chars <= b.chars && b.label < page.labels.len());
    }
    for c in &page.containers {
        assert!(c.first < c.end && c.end <= blocks, "container {}..{} of {blocks}", c.first, c.end);
    }
    let layout = page.layout.unwrap();
    for (i, e) in layout.elements.iter().enumerate() {
        assert!(e.first <= e.end && e.end <= blocks + 1 && e.parent < i as i64);
    }
    assert!(layout.links.iter().all(|l| l.block < blocks));
    assert!(layout.raw.iter().all(|(k, _)| *k < blocks));
});
