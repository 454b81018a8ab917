//! Where the native HTML walk's time goes on a directory of pages: `cargo run --release --example
//! html_walk_timing -- DIR` prints the seconds of the parse alone and of the whole walk (pages
//! read as UTF-8, lossily: the timing, not the text, is the point).

use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../../shared/corpus/dev".into());
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("a directory of pages").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html") {
            let bytes = std::fs::read(&path).expect("a readable page");
            pages.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let megabytes = pages.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let start = Instant::now();
    let nodes: usize = pages.iter().map(|p| cleantext_core_timing::parse(p)).sum();
    let parse = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let blocks: usize = pages.iter().map(|p| cleantext_core_timing::walk(p)).sum();
    let walk = start.elapsed().as_secs_f64();
    println!(
        "{} pages, {megabytes:.1} MB: parse {parse:.3} s ({nodes} nodes), parse+walk {walk:.3} s ({blocks} blocks)",
        pages.len()
    );
}

mod cleantext_core_timing {
    use _core::blocks::html::{builder::Budget, html_blocks, parse, Pieces};

    pub fn parse(page: &str) -> usize {
        parse::parse(page).nodes.len()
    }

    pub fn walk(page: &str) -> usize {
        let budget =
            Budget { floor: 50_000, per_million: 5_000, per_million_hard: 10_000, tiny_chars: 8, merge_chars: 1_000 };
        let pieces = Pieces { piece: 1_000_000, max_pieces: 4 };
        let mut cap = |s: &str| Ok::<String, ()>(s.to_string());
        html_blocks(page.as_bytes(), page.as_bytes(), &[], pieces, budget, None, &mut cap).map_or(0, |p| p.blocks.len())
    }
}
