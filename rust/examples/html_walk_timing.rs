//! Where the native HTML walk's time goes on a directory of pages: `cargo run --release --example
//! html_walk_timing -- DIR` prints the CPU seconds of the parse alone and of the whole walk (pages
//! read as UTF-8, lossily: the timing, not the text, is the point), each the best of `REPEAT`
//! runs (default 3), and a digest of every parsed tree (every node's place, name, attributes and
//! text), which a change to the parser must leave as it is.

mod common;

use std::hash::{DefaultHasher, Hash, Hasher};

/// The CPU seconds this thread has run (`/proc/thread-self/schedstat`; wall-clock seconds where
/// that is absent): other processes on the machine slow the wall clock, not this.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .map_or_else(|| START.with(|s| s.elapsed().as_secs_f64()), |ns| ns as f64 / 1e9)
}

thread_local! {
    static START: std::time::Instant = std::time::Instant::now();
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../../shared/corpus/dev".into());
    let repeat: usize = std::env::var("REPEAT").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let paths = common::html_paths(&dir);
    let pages: Vec<String> = paths
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).expect("a readable page")).into_owned())
        .collect();
    let megabytes = pages.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let digest = timing::digest(&pages);
    let (mut parse, mut walk, mut nodes, mut blocks) = (f64::MAX, f64::MAX, 0, 0);
    for _ in 0..repeat.max(1) {
        let start = cpu_seconds();
        nodes = pages.iter().map(|p| timing::parse(p)).sum();
        parse = parse.min(cpu_seconds() - start);
        let start = cpu_seconds();
        blocks = pages.iter().map(|p| timing::walk(p)).sum();
        walk = walk.min(cpu_seconds() - start);
    }
    println!(
        "{} pages, {megabytes:.1} MB: parse {parse:.3} s ({nodes} nodes), parse+walk {walk:.3} s ({blocks} blocks); \
         trees {digest:016x}",
        pages.len()
    );
}

mod timing {
    use super::{DefaultHasher, Hash, Hasher};
    use _core::blocks::html::parse::{Data, Dom, DOCUMENT, NONE};
    use _core::blocks::html::{builder::Budget, html_blocks, parse, Pieces};

    pub fn parse(page: &str) -> usize {
        if std::env::var_os("HTML5EVER").is_some() {
            return parse::parse_ever(page).nodes.len();
        }
        parse::parse(page).nodes.len()
    }

    pub fn walk(page: &str) -> usize {
        let budget =
            Budget { floor: 50_000, per_million: 5_000, per_million_hard: 10_000, tiny_chars: 8, merge_chars: 1_000 };
        let pieces = Pieces { piece: 1_000_000, max_pieces: 4 };
        let mut cap = |s: &str| Ok::<String, ()>(s.to_string());
        html_blocks(page.as_bytes(), page.as_bytes(), Some(page), &[], pieces, budget, None, &mut cap)
            .map_or(0, |p| p.blocks.len())
    }

    /// A digest of the trees of `pages`: in document order, every node's depth, kind, name (with
    /// its namespace), attributes and text.
    pub fn digest(pages: &[String]) -> u64 {
        let mut h = DefaultHasher::new();
        for page in pages {
            let dom =
                if std::env::var_os("HTML5EVER").is_some() { parse::parse_ever(page) } else { parse::parse(page) };
            hash_dom(&dom, &mut h);
        }
        h.finish()
    }

    fn hash_dom(dom: &Dom, h: &mut DefaultHasher) {
        let mut stack = vec![(DOCUMENT, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            depth.hash(h);
            match &dom.node(id).data {
                Data::Element { name, attrs } => {
                    (1u8, &*name.ns, &*name.local).hash(h);
                    for a in attrs {
                        (&*a.name.ns, &*a.name.local, &*a.value).hash(h);
                    }
                }
                Data::Text(text) => (2u8, &**text).hash(h),
                Data::Document => 3u8.hash(h),
                Data::Other => 4u8.hash(h),
            }
            let mut children = Vec::new();
            let mut child = dom.node(id).first_child;
            while child != NONE {
                children.push(child);
                child = dom.node(child).next;
            }
            stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
        }
        0usize.hash(h);
    }
}
