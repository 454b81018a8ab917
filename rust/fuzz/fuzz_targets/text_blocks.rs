//! Any text -> the dump's blocks: no panic, spans in order and within the text, every block
//! holding something but whitespace, and `collapse` idempotent with no edge or double spaces;
//! the table that reads the texts in the dump holds the blocks a copying one holds, and finds
//! the same blocks changed by a character map.
#![no_main]

use _core::blocks::table::{BlockTable, PageText};
use _core::blocks::text::text_blocks;
use _core::charmap::CharMap;
use std::sync::Arc;
use _core::blocks::whitespace::{char_len, collapse, is_all_space};
use libfuzzer_sys::fuzz_target;

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
    let once = collapse(&text);
    assert_eq!(collapse(&once), once);
    assert!(!once.contains("  "));
    assert_eq!(once.trim(), once);
});
