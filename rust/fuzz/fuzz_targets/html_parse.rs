//! Any text -> the same tree from html5gum's tokenizer (`parse_all`) as from
//! html5ever's own (`parse_ever`), both under html5ever's tree builder: every node, link, name,
//! attribute and text; and with only the attributes the walk and the tree builder read (`parse`),
//! the same tree without the others.
#![no_main]

use _core::blocks::html::parse::{parse, parse_all, parse_ever};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let (gum, ever) = (parse_all(&html), parse_ever(&html));
    assert!(gum == ever, "the trees differ:\n{gum:#?}\n---\n{ever:#?}");
    let (read, ever) = (parse(&html), ever.read_attributes());
    assert!(read == ever, "the trees differ (attributes read):\n{read:#?}\n---\n{ever:#?}");
});
