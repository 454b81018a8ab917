//! Any text -> the dump's blocks: no panic, spans in order and within the text, every block
//! holding something but whitespace, and `collapse` idempotent with no edge or double spaces;
//! the table that reads the texts in the dump holds the blocks a copying one holds, and finds
//! the same blocks changed by a character map; a small block budget keeps every character of
//! the blocks, in order, in fewer blocks, with spans in order.
#![no_main]

use _core::blocks::html::builder::Budget;
use _core::blocks::table::{BlockTable, PageText};
use _core::blocks::text::{text_blocks, text_blocks_within};
use _core::blocks::whitespace::{char_len, collapse, is_all_space};
use _core::charmap::CharMap;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let n = char_len(&text);
    let mut last = 0;
    for b in text_blocks(&text) {
        assert!(b.start <= b.end && b.end <= n, "span {}..{} of {n}", b.start, b.end);
        assert!(b.start >= last, "blocks out of order");
        assert!(!is_all_space(&b.text), "a block of whitespace");
        last = b.start;
    }
    let held = BlockTable::from_page(PageText::new(Arc::new(text.as_bytes().to_vec())).expect("UTF-8"));
    let copied = BlockTable::from_dump(text_blocks(&text));
    assert_eq!(held, copied);
    // the blocks a map changes, found in the page and in the copied texts
    let map = CharMap::new([('來', '来'), ('國', '国'), ('a', 'b'), ('\u{3000}', ' ')]);
    assert_eq!(held.changed_by(&map), copied.changed_by(&map));
    // a budget of a few blocks: tiny lines join past 3 blocks, any past 6
    let small = Budget { floor: 3, per_million: 0, per_million_hard: 0, tiny_chars: 3, merge_chars: 40 };
    let plain = text_blocks(&text);
    let joined = text_blocks_within(&text, Budget { floor: 6, ..small });
    let chars = |blocks: &[_core::blocks::text::TextBlock<'_>]| -> String {
        blocks.iter().flat_map(|b| b.text.chars()).filter(|c| !c.is_whitespace()).collect()
    };
    assert_eq!(chars(&joined), chars(&plain));
    assert!(joined.len() <= plain.len());
    assert!(joined.windows(2).all(|w| w[0].end <= w[1].start || w[0].start <= w[1].start));
    let once = collapse(&text);
    assert_eq!(collapse(&once), once);
    assert!(!once.contains("  "));
    assert_eq!(once.trim(), once);
});
