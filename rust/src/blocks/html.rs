//! HTML -> blocks: every run of text between block-level boundaries (`blocks/html.py`'s walk).
//!
//! The DOM comes from html5ever, which parses any input the way a browser does (scripting
//! disabled, as lexbor); the walk is iterative, so nesting depth costs no recursion. The
//! depth cap and the cutting of huge pages into pieces happen before (`blocks/depth.py`): this
//! walk gets the capped text and the piece boundaries.

use super::dom::{parse, Arena, NodeData, Ref};
use super::locate::{CharIndex, Locator};
use super::whitespace::{char_len, collapse, is_py_space, py_strip};
use html5ever::{Attribute, LocalName};
use std::collections::HashMap;

/// Elements whose start or end closes the current block.
pub fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "marquee"
            | "menu"
            | "nav"
            | "noframes"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "caption"
    )
}

/// Elements whose content never becomes text.
pub fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "audio"
            | "video"
            | "select"
            | "option"
            | "button"
            | "textarea"
            | "input"
            | "map"
            | "area"
    )
}

/// The lists as data, for the tests: the same as Python's `BLOCK_TAGS` and `SKIP_TAGS`.
#[cfg(test)]
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "marquee",
    "menu",
    "nav",
    "noframes",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
];

#[cfg(test)]
const SKIP_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed", "audio",
    "video", "select", "option", "button", "textarea", "input", "map", "area",
];

const HINT_LIMIT: usize = 120;
const STYLE_LIMIT: usize = 500;

/// The kind of a block from the tag that labels it.
pub fn kind_of(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "heading",
        "li" | "dt" | "dd" => "list-item",
        "td" | "th" => "table-cell",
        "pre" => "preformatted",
        "blockquote" => "quote",
        _ => return None,
    })
}

/// A block: its text, the index of its labels (kind, path, hints, tag), its source span in
/// characters, and its link counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub labels: usize,
    pub start: usize,
    pub end: usize,
    pub link_chars: usize,
    pub links: usize,
}

/// The labels of blocks: a page has few distinct ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub kind: &'static str,
    pub path: String,
    pub hints: String,
    pub tag: String,
}

/// A block element holding blocks `first` to `end - 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    pub first: usize,
    pub end: usize,
    pub tag: String,
    pub hints: String,
}

/// The blocks of a page, its title, and the block elements that group them.
#[derive(Debug, Default)]
pub struct Page {
    pub blocks: Vec<Block>,
    pub labels: Vec<Labels>,
    pub title: Option<String>,
    pub containers: Vec<Container>,
}

/// The labels of a block whose innermost enclosing block elements are `around` (the last four
/// `(tag, hints)`, outermost first); a block directly in an element inside an `<li>` counts
/// as a list item.
pub fn labels_of(around: &[(LocalName, String)]) -> Labels {
    let last = &around[around.len() - 1].0;
    let mut tag: &str = last;
    if kind_of(tag).is_none() && around.len() > 1 && &*around[around.len() - 2].0 == "li" {
        tag = "li";
    }
    let hints: Vec<&str> = around.iter().map(|(_, h)| h.as_str()).filter(|h| !h.is_empty()).collect();
    let path: Vec<&str> = around.iter().map(|(t, _)| &**t).collect();
    Labels {
        kind: kind_of(tag).unwrap_or("paragraph"),
        path: path.join(">"),
        hints: hints.join(" "),
        tag: tag.to_string(),
    }
}

fn attribute<'b>(attrs: &'b [Attribute], name: &str) -> Option<&'b str> {
    attrs.iter().find(|a| &*a.name.local == name && a.name.ns.is_empty()).map(|a| &*a.value)
}

/// The lower-cased class and id of an element (`_hints`).
pub fn hints_of(attrs: &[Attribute]) -> String {
    let class = attribute(attrs, "class").unwrap_or("");
    let id = attribute(attrs, "id").unwrap_or("");
    if class.is_empty() && id.is_empty() {
        return String::new();
    }
    let joined = format!("{class} {id}");
    py_strip(&joined).to_lowercase().chars().take(HINT_LIMIT).collect()
}

/// `hidden`, or a style with `display: none` / `visibility: hidden` in its first 500
/// characters (`_hidden`).
pub fn is_hidden(attrs: &[Attribute]) -> bool {
    if attribute(attrs, "hidden").is_some() {
        return true;
    }
    match attribute(attrs, "style") {
        Some(style) => hides(style),
        None => false,
    }
}

/// One letter of `_HIDDEN_STYLE` under Python's `re.I`: ASCII case, and the two letters that
/// Unicode case-folds onto `i` and `s` (U+0130, U+0131, U+017F).
fn letter_matches(pattern: char, c: char) -> bool {
    c.eq_ignore_ascii_case(&pattern)
        || (pattern == 'i' && matches!(c, '\u{130}' | '\u{131}'))
        || (pattern == 's' && c == '\u{17f}')
}

/// `display\s*:\s*none|visibility\s*:\s*hidden` (case-insensitive) anywhere in the style's
/// first 500 characters.
pub fn hides(style: &str) -> bool {
    let chars: Vec<char> = style.chars().take(STYLE_LIMIT).collect();
    (0..chars.len())
        .any(|i| matches_at(&chars[i..], "display", "none") || matches_at(&chars[i..], "visibility", "hidden"))
}

fn matches_at(chars: &[char], property: &str, value: &str) -> bool {
    let mut rest = chars;
    let word = |rest: &mut &[char], w: &str| {
        for p in w.chars() {
            match rest.split_first() {
                Some((&c, tail)) if letter_matches(p, c) => *rest = tail,
                _ => return false,
            }
        }
        true
    };
    let skip_space = |rest: &mut &[char]| {
        while let Some((&c, tail)) = rest.split_first() {
            if !is_py_space(c) {
                break;
            }
            *rest = tail;
        }
    };
    if !word(&mut rest, property) {
        return false;
    }
    skip_space(&mut rest);
    if rest.first() != Some(&':') {
        return false;
    }
    rest = &rest[1..];
    skip_space(&mut rest);
    word(&mut rest, value)
}

/// Collects text nodes into blocks as the walk opens and closes elements (`_Builder`).
struct Builder<'s> {
    locator: Locator<'s>,
    page: Page,
    raw: String,
    part_starts: Vec<usize>,
    link_chars: usize,
    links: usize,
    context: Vec<(LocalName, String)>,
    label_index: HashMap<Vec<(LocalName, String)>, usize>,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str) -> Self {
        Builder {
            locator: Locator::new(source),
            page: Page::default(),
            raw: String::new(),
            part_starts: Vec::new(),
            link_chars: 0,
            links: 0,
            context: vec![(LocalName::from("body"), String::new())],
            label_index: HashMap::new(),
        }
    }

    fn has_parts(&self) -> bool {
        !self.part_starts.is_empty()
    }

    fn push_part(&mut self, text: &str) {
        self.part_starts.push(self.raw.len());
        self.raw.push_str(text);
    }

    /// Make a block of the text collected since the last boundary, if it is more than
    /// whitespace.
    fn flush(&mut self) {
        let (link_chars, links) = (self.link_chars, self.links);
        self.link_chars = 0;
        self.links = 0;
        let text = collapse(&self.raw);
        if !text.is_empty() {
            let mut ends: Vec<usize> = self.part_starts[1..].to_vec();
            ends.push(self.raw.len());
            let parts: Vec<&str> = self.part_starts.iter().zip(&ends).map(|(&a, &b)| &self.raw[a..b]).collect();
            let (start, end) = self.locator.locate(&parts, &self.raw);
            let around = &self.context[self.context.len().saturating_sub(4)..];
            let labels = match self.label_index.get(around) {
                Some(&index) => index,
                None => {
                    self.page.labels.push(labels_of(around));
                    let index = self.page.labels.len() - 1;
                    self.label_index.insert(around.to_vec(), index);
                    index
                }
            };
            let link_chars = link_chars.min(char_len(&text));
            self.page.blocks.push(Block { text, labels, start, end, link_chars, links });
        }
        self.raw.clear();
        self.part_starts.clear();
    }
}

/// Where the walk resumes once an element's content is done.
enum Step<'a> {
    Node(Ref<'a>),
    BlockEnd(usize),
    LinkEnd,
}

/// Feed the text under `root` to `builder`, element by element, without recursion.
fn walk<'a>(root: Ref<'a>, builder: &mut Builder<'_>) {
    let mut stack = vec![Step::Node(root)];
    let mut link_depth = 0usize;
    while let Some(step) = stack.pop() {
        let mut node = match step {
            Step::Node(node) => Some(node),
            Step::LinkEnd => {
                link_depth -= 1;
                continue;
            }
            Step::BlockEnd(first) => {
                if builder.has_parts() {
                    builder.flush();
                }
                if let Some((tag, hints)) = builder.context.pop() {
                    let end = builder.page.blocks.len();
                    if end - first >= 2 {
                        builder.page.containers.push(Container { first, end, tag: tag.to_string(), hints });
                    }
                }
                continue;
            }
        };
        while let Some(current) = node {
            let sibling = if std::ptr::eq(current, root) { None } else { current.next_sibling() };
            let (name, attrs) = match &current.data {
                NodeData::Text(text) => {
                    let text = text.borrow();
                    if !text.is_empty() {
                        builder.push_part(&text);
                        if link_depth > 0 {
                            builder.link_chars += char_len(py_strip(&text));
                        }
                    }
                    node = current.next_sibling();
                    continue;
                }
                NodeData::Element { name, attrs, .. } => (&name.local, attrs.borrow()),
                _ => {
                    node = sibling;
                    continue;
                }
            };
            let tag: &str = name;
            if tag.is_empty() || is_skipped_tag(tag) {
                node = sibling;
                continue;
            }
            if tag == "br" {
                if builder.has_parts() {
                    builder.flush();
                }
                node = sibling;
                continue;
            }
            if is_hidden(&attrs) {
                node = sibling;
                continue;
            }
            let child = current.first_child();
            if is_block_tag(tag) {
                if builder.has_parts() {
                    builder.flush();
                }
                builder.context.push((name.clone(), hints_of(&attrs)));
                if let Some(sibling) = sibling {
                    stack.push(Step::Node(sibling));
                }
                stack.push(Step::BlockEnd(builder.page.blocks.len()));
            } else if tag == "a" {
                link_depth += 1;
                builder.links += 1;
                if let Some(sibling) = sibling {
                    stack.push(Step::Node(sibling));
                }
                stack.push(Step::LinkEnd);
            } else if child.is_none() {
                node = sibling;
                continue;
            } else if let Some(sibling) = sibling {
                stack.push(Step::Node(sibling));
            }
            node = child;
        }
    }
}

/// The first element named `title` in document order (any namespace, template contents
/// aside), and its text: all its descendant text nodes.
fn title_of<'a>(document: Ref<'a>) -> Option<String> {
    let mut stack = vec![document];
    let mut found = None;
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, .. } = &node.data {
            if &*name.local == "title" {
                found = Some(node);
                break;
            }
        }
        push_children(node, &mut stack);
    }
    let title = found?;
    let mut text = String::new();
    let mut stack = vec![title];
    while let Some(node) = stack.pop() {
        if let NodeData::Text(t) = &node.data {
            text.push_str(&t.borrow());
        }
        push_children(node, &mut stack);
    }
    Some(collapse(&text))
}

/// Push the children of `node` so that they pop in document order.
fn push_children<'a>(node: Ref<'a>, stack: &mut Vec<Ref<'a>>) {
    let at = stack.len();
    let mut child = node.first_child();
    while let Some(c) = child {
        stack.push(c);
        child = c.next_sibling();
    }
    stack[at..].reverse();
}

/// The document element: the first element child of the document.
fn root_of<'a>(document: Ref<'a>) -> Option<Ref<'a>> {
    let mut child = document.first_child();
    while let Some(c) = child {
        if matches!(c.data, NodeData::Element { .. }) {
            return Some(c);
        }
        child = c.next_sibling();
    }
    None
}

/// Split an HTML page into text blocks in document order; also return its `<title>` and the
/// block elements that hold two or more blocks.
///
/// `source` is the page (the spans are found in it); `capped` is what is parsed: the page
/// with its deepest tags removed, or the page itself, cut at the character offsets `splits`
/// into pieces parsed one at a time.
pub fn html_blocks(source: &str, capped: &str, splits: &[usize]) -> Page {
    let mut builder = Builder::new(source);
    let mut title = None;
    let mut bounds: Vec<usize> = if splits.is_empty() {
        Vec::new()
    } else {
        let index = CharIndex::new(capped);
        splits.iter().map(|&s| index.byte_of(s)).collect()
    };
    bounds.push(capped.len());
    let mut top: Vec<Container> = Vec::new(); // the first piece's <html>/<body>
    let mut start = 0;
    for (k, &stop) in bounds.iter().enumerate() {
        let piece = &capped[start..stop.max(start)];
        start = stop.max(start);
        let arena = Arena::new();
        let document = parse(piece, &arena);
        if k == 0 {
            title = title_of(document);
        }
        if let Some(root) = root_of(document) {
            walk(root, &mut builder);
        }
        if !splits.is_empty() {
            let containers = &mut builder.page.containers;
            for c in containers.iter() {
                if (c.tag == "html" || c.tag == "body") && !top.iter().any(|t| t.tag == c.tag) {
                    top.push(c.clone());
                }
            }
            containers.retain(|c| c.tag != "html" && c.tag != "body");
        }
    }
    if builder.has_parts() {
        builder.flush();
    }
    if !splits.is_empty() {
        let n = builder.page.blocks.len();
        for tag in ["body", "html"] {
            if let Some(c) = top.iter().find(|c| c.tag == tag) {
                builder.page.containers.push(Container { end: n, ..c.clone() });
            }
        }
    }
    let mut page = builder.page;
    page.title = title.filter(|t| !t.is_empty());
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<(&str, &str, usize)> {
        page.blocks.iter().map(|b| (b.text.as_str(), page.labels[b.labels].kind, b.link_chars)).collect()
    }

    #[test]
    fn doc_example() {
        let html = "<title>天气</title><div class=nav><a href=/>首页</a></div><p>今天下雨了。<br>明天晴。</p>";
        let page = html_blocks(html, html, &[]);
        assert_eq!(
            texts(&page),
            [("首页", "paragraph", 2), ("今天下雨了。", "paragraph", 0), ("明天晴。", "paragraph", 0)]
        );
        assert_eq!(page.title.as_deref(), Some("天气"));
        assert!(page.blocks[1].start < page.blocks[2].start);
        assert_eq!(page.containers[0], Container { first: 1, end: 3, tag: "p".into(), hints: String::new() });
        // The walk starts with a body context, then meets <html> and <body>: as the Python walk.
        assert_eq!(page.labels[page.blocks[0].labels].path, "body>html>body>div");
        assert_eq!(page.labels[page.blocks[0].labels].hints, "nav");
    }

    #[test]
    fn labels() {
        let around: Vec<(LocalName, String)> = [("body", ""), ("ul", "nav"), ("li", ""), ("div", "x")]
            .iter()
            .map(|(t, h)| ((*t).into(), h.to_string()))
            .collect();
        assert_eq!(
            labels_of(&around),
            Labels { kind: "list-item", path: "body>ul>li>div".into(), hints: "nav x".into(), tag: "li".into() }
        );
    }

    #[test]
    fn tag_sets() {
        assert!(BLOCK_TAGS.iter().all(|t| is_block_tag(t)) && SKIP_TAGS.iter().all(|t| is_skipped_tag(t)));
        assert!(!is_block_tag("span") && !is_skipped_tag("a") && !is_block_tag("") && !is_skipped_tag("br"));
        assert_eq!((BLOCK_TAGS.len(), SKIP_TAGS.len()), (51, 20));
    }

    #[test]
    fn hidden_styles() {
        assert!(hides("DISPLAY : None"));
        assert!(hides("color:red;visibility:\thidden"));
        assert!(hides("dıſplay:none"));
        assert!(!hides("display:block"));
        assert!(!hides(&format!("{}display:none", " ".repeat(495))));
    }

    #[test]
    fn skipped_and_hidden_content() {
        let html =
            "<p hidden>甲</p><p style='display:none'>乙</p><script>丙</script><p>丁</p><select><option>戊</select>";
        let page = html_blocks(html, html, &[]);
        assert_eq!(texts(&page), [("丁", "paragraph", 0)]);
    }

    #[test]
    fn no_panics_on_soup() {
        for html in
            ["", "<", "</p>", "<table><td>x<a><p>y</a>", "<svg><title>t</title></svg>", "<template><p>x", "\0<p>\r\n"]
        {
            let _ = html_blocks(html, html, &[]);
        }
    }
}

/// Seeded random soups through the whole walk: no panic, and the blocks keep their promises
/// (offsets in order and inside the page, link characters within the text, containers over
/// existing blocks). A quickcheck-style pass, cheap enough for every `cargo test`.
#[cfg(test)]
mod soup_tests {
    use super::*;

    const PIECES: &[&str] = &[
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<li>",
        "<ul>",
        "<table>",
        "<td>",
        "<tr>",
        "</table>",
        "<a href=x>",
        "</a>",
        "<b>",
        "</b>",
        "<i>",
        "<br>",
        "<h1>",
        "</h1>",
        "<pre>",
        "<script>",
        "</script>",
        "<style>",
        "<title>",
        "</title>",
        "<svg>",
        "<math>",
        "</svg>",
        "<template>",
        "<select>",
        "<option>",
        "<noscript>",
        "<image>",
        "<isindex>",
        "<frameset>",
        "<!DOCTYPE html>",
        "<!--",
        "-->",
        "<?x?>",
        "<",
        ">",
        "</",
        "&amp;",
        "&#0;",
        "&#xd800;",
        "&copy",
        "<div class='Nav X' id=Main>",
        "<p hidden>",
        "<p style='display:none'>",
        "今天",
        "新闻报道",
        "。",
        " ",
        "\n",
        "\r\n",
        "\u{3000}",
        "\u{a0}",
        "\u{200b}",
        "\u{feff}",
        "\u{1c}",
        "\0",
        "ab",
        "一二三四五六七八九十甲乙丙丁",
        "'",
        "\"",
        "<plaintext>",
        "<html>",
        "<body>",
        "</body>",
        "</html>",
    ];

    /// xorshift64*: a reproducible stream without a dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn check(page: &str) {
        let result = html_blocks(page, page, &[]);
        let chars = char_len(page);
        let mut last = 0;
        for block in &result.blocks {
            assert!(!block.text.is_empty() && block.link_chars <= char_len(&block.text), "{page:?}");
            assert!(last <= block.start && block.start <= block.end && block.end <= chars, "{page:?}");
            assert!(block.labels < result.labels.len());
            last = block.start;
        }
        for c in &result.containers {
            assert!(c.first + 2 <= c.end && c.end <= result.blocks.len(), "{page:?}");
        }
    }

    #[test]
    fn random_soups_keep_the_promises() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let n = rng.below(60) + 1;
            let page: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            check(&page);
        }
    }

    #[test]
    fn random_bytes_keep_the_promises() {
        let mut rng = Rng(42);
        for _ in 0..2000 {
            let n = rng.below(200);
            let alphabet = b"<>/!-=ap \n\"'&#;x\xe4\xbd\xa0";
            let bytes: Vec<u8> = (0..n).map(|_| alphabet[rng.below(alphabet.len())]).collect();
            check(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn pieces_parse_one_at_a_time() {
        let page = "<p>一段</p><p>二段</p>".repeat(3);
        let whole = html_blocks(&page, &page, &[]);
        let cut = html_blocks(&page, &page, &[18, 36]); // character offsets between top-level elements
        let texts = |p: &Page| p.blocks.iter().map(|b| (b.text.clone(), b.start, b.end)).collect::<Vec<_>>();
        assert_eq!(texts(&whole), texts(&cut));
        assert_eq!(cut.containers.last().map(|c| (c.first, c.end, c.tag.as_str())), Some((0, 6, "html")));
    }
}
