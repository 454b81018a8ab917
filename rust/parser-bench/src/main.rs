//! Throughput of the candidate HTML parsers on a directory of decoded pages (one core, warm:
//! one pass to warm up, then the fastest of five, in process CPU time).

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use cpu_time::ProcessTime;

struct Noop;

impl TokenSink for Noop {
    type Handle = ();
    fn process_token(&self, token: Token, _: u64) -> TokenSinkResult<()> {
        std::hint::black_box(&token);
        TokenSinkResult::Continue
    }
}

fn html5ever_tokenize(page: &str) {
    let tokenizer = Tokenizer::new(Noop, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(page));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
}

fn html5ever_tree(page: &str) {
    let arena = cleantext_core_arena();
    std::hint::black_box(_core::blocks::dom::parse(page, &arena));
}

fn cleantext_core_arena<'a>() -> _core::blocks::dom::Arena<'a> {
    _core::blocks::dom::Arena::new()
}

fn html5ever_blocks(page: &str) {
    std::hint::black_box(_core::blocks::html::html_blocks(page, page, &[]));
}

fn html5gum_tokenize(page: &str) {
    for token in html5gum::Tokenizer::new(page).flatten() {
        std::hint::black_box(&token);
    }
}

fn lol_html_rewrite(page: &str) {
    use lol_html::{element, text, HtmlRewriter, Settings};
    let mut texts = 0usize;
    let mut elements = 0usize;
    let settings = Settings::new()
        .append_element_content_handler(element!("*", |_el| {
            elements += 1;
            Ok(())
        }))
        .append_element_content_handler(text!("*", |t| {
            texts += t.as_str().len();
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let _ = rewriter.write(page.as_bytes());
    let _ = rewriter.end();
    std::hint::black_box((texts, elements));
}

fn main() {
    let dir = std::env::args().nth(1).expect("a directory of decoded pages");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            pages.push(std::fs::read_to_string(&path).expect("UTF-8 page"));
        }
    }
    let megabytes = pages.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!("{} pages, {megabytes:.2} MB", pages.len());
    let candidates: [(&str, fn(&str)); 5] = [
        ("html5ever tokenizer only", html5ever_tokenize),
        ("html5ever tree (arena sink)", html5ever_tree),
        ("html5ever tree + walk (html_blocks)", html5ever_blocks),
        ("html5gum tokenizer only", html5gum_tokenize),
        ("lol_html rewriter (element + text handlers)", lol_html_rewrite),
    ];
    let only = std::env::args().nth(2).unwrap_or_default(); // a part of a name: run only those
    for (name, run) in candidates.into_iter().filter(|(name, _)| name.contains(only.as_str())) {
        let mut best = f64::MAX;
        for pass in 0..6 {
            let start = ProcessTime::now();
            for page in &pages {
                run(page);
            }
            let seconds = start.elapsed().as_secs_f64(); // CPU time: the machine is shared
            if pass > 0 {
                best = best.min(seconds);
            }
        }
        println!("{name:45} {:8.3} s {:7.1} MB/s", best, megabytes / best);
    }
}
