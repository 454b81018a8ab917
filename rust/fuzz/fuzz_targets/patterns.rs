//! Any text -> each pattern of `data/structure.tsv` the core reads (thread marks, title labels,
//! chapters) answers as its own regex does: the needed literals looked for first never change an
//! answer; no panic on any bytes (a text that is not UTF-8 is left to Python: `None`).
#![no_main]

use _core::select::patterns::{translate, Native, Reading, MULTILINE, UNICODE};
use libfuzzer_sys::fuzz_target;
use regex::Regex;
use std::sync::OnceLock;

/// Each pattern as the core reads it, beside its regex alone.
fn patterns() -> &'static [(Native, Regex)] {
    static PATTERNS: OnceLock<Vec<(Native, Regex)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let data = include_str!("../../../src/cleantext/data/structure.tsv");
        let of = |name: &str| {
            data.lines().find_map(|l| l.strip_prefix(name).and_then(|l| l.strip_prefix('\t'))).expect("a pattern")
        };
        [("thread-mark", UNICODE | MULTILINE, false), ("title-label", UNICODE, true), ("chapter", UNICODE, false)]
            .into_iter()
            .map(|(name, flags, anchored)| {
                let native = Native::new(of(name), flags, Reading::Exact, anchored).expect("read exactly");
                let rust = translate(of(name), flags, Reading::Exact).expect("read exactly");
                let rust = if anchored { format!(r"\A(?:{rust})") } else { rust };
                (native, Regex::new(&rust).expect("a valid regex"))
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    for (native, regex) in patterns() {
        let answer = native.is_match(data);
        match std::str::from_utf8(data) {
            Ok(text) => assert_eq!(answer, Some(regex.is_match(text)), "{text:?}"),
            Err(_) => assert_eq!(answer, None), // (a lone surrogate, or no text at all: Python answers)
        }
    }
});
