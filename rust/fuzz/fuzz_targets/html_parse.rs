//! Any text -> the same tree from html5gum's tokenizer (`parse`, what the walk reads) as from
//! html5ever's own (`parse_ever`), both under html5ever's tree builder: every node, link, name,
//! attribute and text.
#![no_main]

use _core::blocks::html::parse::{parse, parse_ever};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let (gum, ever) = (parse(&html), parse_ever(&html));
    assert!(gum == ever, "the trees differ:\n{gum:#?}\n---\n{ever:#?}");
});
