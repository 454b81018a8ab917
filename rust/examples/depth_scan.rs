//! The depth scan's quick bound on a directory of pages: `cargo run --release --example
//! depth_scan -- DIR` runs `blocks::depth::shallow`, `shallow_fast` or `prepare` with the walk's piece size)
//! over every `.html` page (read as bytes: WTF-8 expected) and prints how many were found
//! shallow, for counting instructions (`valgrind --tool=callgrind`) of the scan alone.

mod common;

use _core::blocks::depth::{prepare, shallow, shallow_fast, unicode_lower, MAX_DEPTH};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../../shared/corpus/dev".into());
    let what = std::env::args().nth(2).unwrap_or_else(|| "prepare".into());
    let paths = common::html_paths(&dir);
    let pages: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).expect("a page")).collect();
    let mut found = 0;
    for page in &pages {
        let yes = match what.as_str() {
            "shallow" => shallow(page, MAX_DEPTH),
            "fast" => shallow_fast(page, MAX_DEPTH),
            _ => prepare(page, 1_000_000, MAX_DEPTH, unicode_lower).capped.is_none(),
        };
        found += usize::from(yes);
    }
    println!("{found} of {} pages whole", pages.len());
}
