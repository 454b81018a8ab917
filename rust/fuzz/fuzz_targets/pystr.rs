//! Any bytes as WTF-8: code points decode without panic, each from its offset with the width
//! `width_at` gives, covering every byte once; `lossy_str` has at most one character per code
//! point (a surrogate pair becomes one).
#![no_main]

use _core::pystr::{code_points, lossy_str, width_at};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut next = 0;
    let mut count = 0;
    for (at, cp) in code_points(data) {
        assert_eq!(at, next, "a gap or overlap at byte {at}");
        let width = width_at(data, at);
        assert!((1..=4).contains(&width) && cp <= 0x10FFFF);
        next = at + width;
        count += 1;
    }
    assert_eq!(next, data.len());
    assert_eq!(width_at(data, data.len()), 0);
    assert!(lossy_str(data).chars().count() <= count);
});
