//! HTML -> blocks (`cleantext/blocks/html.py`): every run of text between block-level
//! boundaries, with the page's `<title>`, the block elements that group the blocks, and the
//! layout the rendering reads.
//!
//! One module per job: [`parse`] builds the DOM (html5gum's tokenizer, html5ever's tree builder,
//! an arena; `gum` joins the two), [`walk`] feeds its text to the [`builder`], which makes the
//! blocks (labels, spans, the block budget), and this module parses a huge page in pieces. The depth cap and the cuts of a huge page come from the
//! caller (`blocks/depth.py`'s `prepare`), as does the cap of a `<noframes>` element's markup.
//!
//! **Pieces.** A page over twice the piece size is parsed a piece at a time: each piece after
//! the first starts by reopening the elements open at its cut (`<body><div><p>`), and the walk
//! carries them over, so an element open across a cut is one element. Each cut is checked
//! against the tree of its piece ([`open_at_cut`]); a piece runs on past the cuts the tree
//! disagrees with, up to `max_pieces` pieces, where it is cut anyway and the elements open
//! there close, as if the text broke there (no text is lost).

pub mod builder;
mod gum;
pub mod parse;
pub mod rules;
pub mod source;
pub mod walk;

use crate::hash::{Map, Set};
use builder::{Block, Budget, Builder, Container, Label, Layout};
use parse::{Dom, NodeId, NONE};
use rules::is_reopenable;
use source::{parser_text, Cursor};
use std::borrow::Cow;
use walk::Cap;

/// A place where a huge page can be cut (`depth.Split`): `at`, in characters of the capped
/// page, just after the tag `tag` (`/p` for an end tag), and the elements open there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub at: usize,
    pub tag: String,
    pub reopen: Vec<String>,
    pub clean: bool,
}

/// What the walk records beside the blocks: `None` for nothing, or links and images too.
#[derive(Debug, Clone, Copy)]
pub struct LayoutOptions {
    pub links: bool,
    pub images: bool,
}

/// The blocks of a page and everything else the walk found.
#[derive(Debug)]
pub struct Page {
    pub blocks: Vec<Block>,
    pub labels: Vec<Label>,
    pub title: Option<String>,
    pub containers: Vec<Container>,
    pub layout: Option<Layout>,
    /// The length in characters of each text parsed (a piece with its reopening tags).
    pub parsed: Vec<usize>,
}

/// How a page is cut into pieces.
#[derive(Debug, Clone, Copy)]
pub struct Pieces {
    /// Characters of a piece (`_PIECE`).
    pub piece: usize,
    /// A piece grows past cuts the tree disagrees with up to this many times `piece`.
    pub max_pieces: usize,
}

/// Split the page `source` (WTF-8) into blocks: `capped` is the page with its deep nesting
/// capped and `splits` where it may be cut (`depth.prepare`); `cap` caps a `<noframes>`
/// element's markup the same way. `whole`: `capped` as a `str`, when the caller has checked
/// it is UTF-8 (a page parsed in one piece is then parsed in place, neither checked nor copied).
#[allow(clippy::too_many_arguments)]
pub fn html_blocks<E>(
    source: &[u8],
    capped: &[u8],
    whole: Option<&str>,
    splits: &[Split],
    pieces: Pieces,
    budget: Budget,
    layout: Option<LayoutOptions>,
    cap: &mut Cap<'_, E>,
) -> Result<Page, E> {
    let layout = layout.map(|o| Layout::new(o.links, o.images));
    let mut b = Builder::new(source, layout, budget);
    // (a page not capped is the source, whose characters the builder has counted)
    let total = if std::ptr::eq(capped, source) { b.source_chars() } else { crate::pystr::len(capped) };
    let mut position = Cursor::default(); // over `capped`
    let mut title = None;
    let mut parsed = Vec::new();
    let (mut start, mut k) = (0usize, 0usize);
    let mut reopen: Vec<String> = Vec::new();
    loop {
        let head = if start > 0 {
            let mut head = String::from("<body>");
            for name in &reopen {
                head.push('<');
                head.push_str(name);
                head.push('>');
            }
            head
        } else {
            String::new()
        };
        let start_bytes = position.seek(capped, start);
        let mut at = position;
        let (dom, ending, end) = loop {
            let end = splits.get(k).map_or(total, |s| s.at).clamp(start, total);
            let end_bytes = at.seek(capped, end);
            let piece = capped.get(start_bytes..end_bytes).unwrap_or(&[]);
            let text: Cow<'_, str> = if start > 0 || end < total {
                let mut text = head.clone();
                text.push_str(&parser_text(piece));
                Cow::Owned(text)
            } else if let Some(whole) = whole.filter(|w| w.len() == capped.len()) {
                Cow::Borrowed(whole)
            } else {
                parser_text(piece)
            };
            parsed.push(if whole.is_some_and(|w| std::ptr::eq(w.as_ptr(), text.as_ptr())) {
                total
            } else {
                crate::pystr::len(text.as_bytes())
            });
            let dom = parse::parse(&text);
            drop(text);
            let (ending, clean) = match splits.get(k) {
                Some(split) => open_at_cut(&dom, split),
                None => (Vec::new(), true),
            };
            if clean || end - start >= pieces.max_pieces.saturating_mul(pieces.piece) {
                break (dom, ending, end);
            }
            k += 1;
        };
        if let Some(root) = dom.root() {
            b.piece_start = start;
            if start == 0 {
                title = dom.first_named("title").map(|t| crate::blocks::whitespace::collapse(&dom.text_content(t)));
            }
            let mut resuming = if start > 0 { resume(&mut b, &reopened(&dom, &reopen)) } else { Map::default() };
            let ending_set: Set<NodeId> = ending.iter().copied().collect();
            walk::walk(&mut b, &dom, root, &ending_set, &mut resuming, cap)?;
        }
        reopen = ending.iter().skip(2).filter_map(|&n| dom.tag(n).map(str::to_string)).collect();
        start = end;
        k += 1;
        if end >= total {
            break;
        }
    }
    resume(&mut b, &[]); // nothing is left open, unless a piece ended oddly
    if b.has_parts() {
        b.flush();
    }
    b.finish_merge();
    Ok(Page {
        blocks: b.blocks,
        labels: b.labels,
        title: title.filter(|t| !t.is_empty()),
        containers: b.containers,
        layout: b.layout,
        parsed,
    })
}

/// The name of node `id` as the cut checks compare it (an element's tag; `-text` otherwise,
/// which no tag is).
fn name_of(dom: &Dom, id: NodeId) -> &str {
    dom.tag(id).unwrap_or("-text")
}

/// `[<html>, <body>]` of a parsed piece (`[<html>]` for a frameset page).
fn top(dom: &Dom) -> Vec<NodeId> {
    let Some(root) = dom.root() else { return Vec::new() };
    if dom.tag(root) != Some("html") {
        return Vec::new();
    }
    match dom.body() {
        Some(body) => vec![root, body],
        None => vec![root],
    }
}

/// `<html>`, `<body>` and the elements `names` a piece starts by reopening, each the first
/// child of the one before, as far as the tree has them.
fn reopened(dom: &Dom, names: &[String]) -> Vec<NodeId> {
    let mut chain = top(dom);
    if chain.len() == 2 {
        let mut node = chain[1];
        for name in names {
            node = dom.node(node).first_child;
            if node == NONE || name_of(dom, node) != name {
                break;
            }
            chain.push(node);
        }
    }
    chain
}

/// `<html>`, `<body>` and the elements still open at the end of a piece cut at `split`,
/// outermost first, and whether the cut is clean (`_open_at_cut` of the Python walk: the tree
/// agrees with the scan, and all of them can be reopened).
fn open_at_cut(dom: &Dom, split: &Split) -> (Vec<NodeId>, bool) {
    let mut chain = top(dom);
    if chain.len() < 2 {
        return (chain, false);
    }
    let mut below = Vec::new();
    let mut node = dom.node(chain[1]).last_child;
    while node != NONE && below.len() < 1000 {
        below.push(node);
        node = dom.node(node).last_child;
    }
    let names: Vec<&str> = below.iter().map(|&n| name_of(dom, n)).collect();
    let reopen = &split.reopen;
    let end_tag = split.tag.strip_prefix('/');
    let closed = {
        let mut chars = split.tag.chars();
        chars.next();
        chars.as_str()
    };
    let prefix_matches = names.len() > reopen.len()
        && names[..reopen.len()].iter().zip(reopen).all(|(a, b)| *a == b)
        && names[reopen.len()] == closed;
    let (opened, clean) = if end_tag.is_none() && names.last() == Some(&split.tag.as_str()) {
        (&below[..below.len() - 1], split.clean)
    } else if prefix_matches {
        (&below[..reopen.len()], split.clean)
    } else {
        let agree = names.iter().zip(reopen).take_while(|(a, b)| **a == b.as_str()).count();
        (&below[..agree], false)
    };
    for &node in opened {
        if !is_reopenable(name_of(dom, node)) {
            return (chain, false);
        }
        chain.push(node);
    }
    (chain, clean)
}

/// The markers of the elements the last piece ended inside, by the element of `spine`
/// (outermost first) that continues each; those it has no element for close now.
fn resume(b: &mut Builder<'_>, spine: &[NodeId]) -> Map<NodeId, i64> {
    let mut carried = std::mem::take(&mut b.carried);
    carried.reverse(); // outermost first
    for &marker in carried.iter().skip(spine.len()).rev() {
        b.end_element(marker);
    }
    spine.iter().copied().zip(carried).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUDGET: Budget =
        Budget { floor: 50_000, per_million: 5_000, per_million_hard: 10_000, tiny_chars: 8, merge_chars: 1_000 };

    fn blocks(html: &str) -> Page {
        let pieces = Pieces { piece: 1_000_000, max_pieces: 4 };
        let mut cap = |s: &str| Ok::<String, ()>(s.to_string());
        let layout = Some(LayoutOptions { links: true, images: true });
        html_blocks(html.as_bytes(), html.as_bytes(), Some(html), &[], pieces, BUDGET, layout, &mut cap).unwrap()
    }

    #[test]
    fn a_page_given_whole_is_walked_as_its_bytes_are() {
        let pieces = Pieces { piece: 1_000_000, max_pieces: 4 };
        let mut cap = |s: &str| Ok::<String, ()>(s.to_string());
        let layout = Some(LayoutOptions { links: true, images: true });
        for html in [
            "",
            "<p>今天下雨了。<br>明天晴。</p>",
            "<title>天气</title><ul><li><a href=/a>甲</a><li>乙</ul>",
            "字<br>".repeat(50).as_str(),
        ] {
            let whole =
                html_blocks(html.as_bytes(), html.as_bytes(), Some(html), &[], pieces, BUDGET, layout, &mut cap);
            let bytes = html_blocks(html.as_bytes(), html.as_bytes(), None, &[], pieces, BUDGET, layout, &mut cap);
            assert_eq!(format!("{:?}", whole.unwrap()), format!("{:?}", bytes.unwrap()));
        }
        // a `whole` that is not the capped page is not used
        let (html, capped) = ("<div><div><p>深</p></div></div>", "<div><p>深</p></div>");
        let other = html_blocks(html.as_bytes(), capped.as_bytes(), Some(html), &[], pieces, BUDGET, None, &mut cap);
        let own = html_blocks(html.as_bytes(), capped.as_bytes(), None, &[], pieces, BUDGET, None, &mut cap);
        assert_eq!(format!("{:?}", other.unwrap()), format!("{:?}", own.unwrap()));
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn blocks_title_and_containers() {
        let page = blocks("<title>天气</title><div class=nav><a href=/>首页</a></div><p>今天下雨了。<br>明天晴。</p>");
        assert_eq!(texts(&page), ["首页", "今天下雨了。", "明天晴。"]);
        assert_eq!(page.title.as_deref(), Some("天气"));
        assert_eq!(page.blocks[0].link_chars, 2);
        assert!(page.blocks[1].start < page.blocks[2].start);
        let p = &page.containers[0];
        assert_eq!((p.first, p.end, p.tag, p.hidden), (1, 3, "p", false));
        let label = &page.labels[page.blocks[0].label];
        assert_eq!((label.path.as_str(), label.hints.as_str(), label.kind), ("body>html>body>div", "nav", "paragraph"));
        let layout = page.layout.unwrap();
        assert_eq!(layout.links[0].href, "/");
    }

    #[test]
    fn hidden_and_skipped() {
        let page =
            blocks("<p>可见的<span style='display:none'>隐身词</span>文字</p><script>x</script><div hidden>藏</div>");
        assert_eq!(texts(&page), ["可见的文字", "藏"]);
        assert!(page.containers.iter().any(|c| c.hidden && c.tag == "div"));
    }

    #[test]
    fn noframes_is_parsed() {
        let page = blocks("<body><noframes><p>框一</p><p>框二</p></noframes><p>正文</p>");
        assert_eq!(texts(&page), ["框一", "框二", "正文"]);
        assert!(page.containers.iter().any(|c| c.hidden && c.tag == "noframes" && c.end == 2));
    }

    #[test]
    fn pieces_give_the_blocks_of_one_parse() {
        let html = format!("<div class=box><p>{}</p><p>尾</p></div>", "<b>字</b>".repeat(50));
        let whole = blocks(&html);
        let mut splits = Vec::new();
        let mut at = 0;
        for (i, _) in html.match_indices("</b>") {
            let chars = html[..i + 4].chars().count();
            if chars > at + 20 {
                splits.push(Split { at: chars, tag: "/b".into(), reopen: vec!["div".into(), "p".into()], clean: true });
                at = chars;
            }
        }
        let pieces = Pieces { piece: 20, max_pieces: 1_000 };
        let mut cap = |s: &str| Ok::<String, ()>(s.to_string());
        let cut = html_blocks(html.as_bytes(), html.as_bytes(), None, &splits, pieces, BUDGET, None, &mut cap).unwrap();
        assert!(cut.parsed.len() > 5);
        assert_eq!(texts(&cut), texts(&whole));
        assert_eq!(cut.containers, whole.containers);
    }

    #[test]
    fn over_the_budget_tiny_blocks_join() {
        let html: String = (0..300).map(|i| format!("<p>字{}</p>", i % 10)).collect();
        let budget = Budget { floor: 100, per_million: 0, per_million_hard: 1_000_000, ..BUDGET };
        let pieces = Pieces { piece: 1_000_000, max_pieces: 4 };
        let mut cap = |s: &str| Ok::<String, ()>(s.to_string());
        let page = html_blocks(html.as_bytes(), html.as_bytes(), None, &[], pieces, budget, None, &mut cap).unwrap();
        assert_eq!(page.blocks.len(), 100); // the 100th block takes all the tiny ones after it
        let joined: Vec<String> = page.blocks.iter().map(|b| b.text.replace('\n', "")).collect();
        let want: String = (0..300).map(|i| format!("字{}", i % 10)).collect();
        assert_eq!(joined.concat(), want);
        assert!(page.blocks[99].text.contains('\n') && !page.blocks[98].text.contains('\n'));
        assert!(page.blocks.iter().all(|b| b.chars <= 1_000));
    }

    #[test]
    fn spans_are_found_in_the_source() {
        let html = "<p>今天下雨了。</p><p>&amp;新闻 头条</p>";
        let page = blocks(html);
        let chars: Vec<char> = html.chars().collect();
        let first = &page.blocks[0];
        assert_eq!(chars[first.start..first.end].iter().collect::<String>(), "今天下雨了。");
        let second = &page.blocks[1];
        // one short part: its first anchor is the span (`&` is no anchor character)
        assert_eq!(chars[second.start..second.end].iter().collect::<String>(), "新闻");
    }

    #[test]
    fn anything_parses_without_panic() {
        for html in ["", "<", "</p>", "<table><td><noframes><p>a</noframes>", "<svg><title>t<p>x", "\u{0}<a><a>"] {
            let _ = blocks(html);
        }
    }
}
