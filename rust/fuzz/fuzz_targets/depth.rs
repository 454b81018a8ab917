//! Any bytes (WTF-8 or not) -> the depth scan: no panic; the splits in order, at least `every`
//! code points apart, inside the page, reopening at most 8 reopenable elements; the cuts ordered,
//! disjoint tags (from a `<`); the quick bound never below the scan, and its fast path
//! (`shallow_fast`) giving its answer; `prepare` agreeing with both.
#![no_main]

use _core::blocks::depth::{deep_tags, prepare, reopenable, shallow, shallow_fast, unicode_lower, MAX_REOPEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&knobs, page)) = data.split_first() else { return };
    let every = [0, 1, 2, 5, 40, -1][usize::from(knobs & 7) % 6];
    let max_depth = [0, 1, 2, 3, 8, 512, -1, 30][usize::from(knobs >> 5)];
    let length = page.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let (cuts, splits) = deep_tags(page, max_depth, every, unicode_lower);
    let mut last = 0;
    for &(start, end) in &cuts {
        assert!(start >= last && start < end && end <= page.len() && page[start] == b'<', "cut {start}..{end}");
        last = end;
    }
    let mut previous: Option<usize> = None;
    for split in &splits {
        assert!(split.at <= length && !split.tag.is_empty());
        assert!(split.reopen.len() as i64 <= MAX_REOPEN);
        assert!(split.reopen.iter().all(|name| reopenable().any(|r| r == *name)));
        if let Some(before) = previous {
            assert!(split.at as i64 >= before as i64 + every, "splits {before} and {} closer than {every}", split.at);
        }
        previous = Some(split.at);
    }
    for depth in [max_depth, max_depth.saturating_add(1), 2] {
        assert_eq!(shallow_fast(page, depth), shallow(page, depth), "the quick bound's fast path differs at {depth}");
    }
    if shallow(page, max_depth) {
        assert!(cuts.is_empty(), "the quick bound missed a cut");
    }
    let out = prepare(page, every, max_depth, unicode_lower);
    match &out.capped {
        Some(capped) => {
            assert!(out.splits.is_empty() && !cuts.is_empty());
            assert_eq!(capped.len() + cuts.iter().map(|(a, b)| b - a).sum::<usize>(), page.len());
        }
        None => assert!(cuts.is_empty(), "cuts found but the page came back whole"),
    }
});
