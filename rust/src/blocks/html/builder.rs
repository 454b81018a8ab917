//! Text nodes -> blocks as the walk opens and closes elements (`_Builder` of the Python walk):
//! the block's text, labels and source span, the block budget that joins blocks on a huge
//! page, the containers, and the layout (`blocks/layout.py`'s `LayoutRecorder`).

use super::rules::{anchors, kind_of, last_anchor, span};
use super::source::Cursor;
use crate::blocks::whitespace::{char_len, collapse, is_all_space, py_strip};
use crate::hash::Map;

/// How many places holding an anchor's first byte [`find_near`] compares before it builds a
/// searcher.
const NEAR_TRIES: usize = 16;

/// The offset of the first `needle` in `haystack` (`memchr::memmem::find`'s answer). An anchor
/// is mostly found a few bytes ahead, where building memmem's searcher costs more than the
/// search: the first [`NEAR_TRIES`] places holding its last byte are compared in place, and
/// only then is the searcher built for the rest (linear either way).
fn find_near(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    // Placed by its last byte: the first byte of a Chinese anchor is one of the few that start
    // most Chinese characters, its last one of the 64 that end them, a rarer sight in the text
    // around it.
    let Some(&last) = needle.last() else { return Some(0) };
    let ahead = needle.len() - 1;
    let rest = haystack.get(ahead..)?;
    for (tries, end) in memchr::memchr_iter(last, rest).enumerate() {
        if haystack[end..].starts_with(needle) {
            return Some(end);
        }
        if tries + 1 == NEAR_TRIES {
            return memchr::memmem::find(&haystack[end + 1..], needle).map(|i| end + 1 + i);
        }
    }
    None
}

/// True if `text` has more than `n` characters (counted only when its length in bytes, which is
/// one to four bytes a character, leaves it open).
fn more_chars_than(text: &str, n: usize) -> bool {
    if text.len() <= n {
        return false;
    }
    if text.len() > 4 * n {
        return true;
    }
    char_len(text) > n
}

/// Room is made at once for a block (and a layout element) every this many bytes of the page:
/// the dev pages have one every 490 (and 550), and a vector of blocks grown from empty copies
/// them a dozen times.
const BYTES_A_BLOCK: usize = 512;

/// How far ahead of the last block the next block's text is searched for (`_WINDOW`).
const WINDOW: usize = 256 * 1024;
/// The window once failed searches have used up their budget (`_SMALL_WINDOW`).
const SMALL_WINDOW: usize = 4096;
/// Failed searches may scan this many times the page before the window shrinks.
const BUDGET_PASSES: usize = 8;
/// Structural elements nested deeper than this are not recorded (`layout.MAX_NESTING`).
pub const MAX_NESTING: usize = 100;

/// The block budget (`html_blocks`' constants, given by the caller).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub floor: usize,
    pub per_million: usize,
    pub per_million_hard: usize,
    pub tiny_chars: usize,
    pub merge_chars: usize,
}

/// The kind, path, hints and tag of blocks: one per distinct run of enclosing elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub kind: &'static str,
    pub path: String,
    pub hints: String,
    pub tag: &'static str,
}

/// A block (`RawBlock`), its labels by index into [`Builder::labels`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// Characters of `text`.
    pub chars: usize,
    pub start: usize,
    pub end: usize,
    pub link_chars: usize,
    pub links: usize,
    pub label: usize,
}

/// A block element holding blocks `first..end` (`Container`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    pub first: usize,
    pub end: usize,
    pub tag: &'static str,
    pub hints: String,
    pub hidden: bool,
}

/// A structural element or an image (`layout.Element`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub tag: &'static str,
    pub first: usize,
    pub end: usize,
    pub parent: i64,
    pub colspan: u32,
    pub rowspan: u32,
    pub alt: String,
    pub src: String,
}

/// A link inside one block (`layout.Link`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub block: usize,
    pub text: String,
    pub href: String,
}

/// Where an `<a href>` opened (`LinkMark`): `href` is the parsed page's (copied only for a link
/// recorded).
#[derive(Debug, Clone)]
pub struct LinkMark<'d> {
    pub href: &'d str,
    pub blocks: usize,
    pub parts: usize,
}

/// The structure around the blocks (`LayoutRecorder`).
#[derive(Debug, Default)]
pub struct Layout {
    pub record_links: bool,
    pub record_images: bool,
    pub elements: Vec<Element>,
    open_elements: Vec<i64>,
    pub links: Vec<Link>,
    pub raw: Vec<(usize, String)>,
    pub pre_depth: usize,
}

impl Layout {
    pub fn new(record_links: bool, record_images: bool) -> Self {
        Layout { record_links, record_images, ..Default::default() }
    }

    /// An element of the structure tags opens at block `first` (`colspan`/`rowspan` its
    /// attributes, read for `td`/`th`).
    pub fn open(&mut self, tag: &'static str, first: usize, colspan: Option<&str>, rowspan: Option<&str>) {
        if tag == "pre" {
            self.pre_depth += 1;
        }
        if self.open_elements.len() >= MAX_NESTING {
            self.open_elements.push(if tag == "pre" { -2 } else { -1 });
            return;
        }
        let parent = self.open_elements.last().copied().unwrap_or(-1);
        let (colspan, rowspan) = if matches!(tag, "td" | "th") { (span(colspan), span(rowspan)) } else { (1, 1) };
        self.open_elements.push(self.elements.len() as i64);
        self.elements.push(Element {
            tag,
            first,
            end: first,
            parent,
            colspan,
            rowspan,
            alt: String::new(),
            src: String::new(),
        });
    }

    /// The innermost open element closes after block `end - 1`.
    pub fn close(&mut self, end: usize) {
        let Some(k) = self.open_elements.pop() else { return };
        if k < 0 {
            if k == -2 {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
            return;
        }
        if let Some(element) = self.elements.get_mut(k as usize) {
            element.end = end;
            if element.tag == "pre" {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
        }
    }

    /// An `<img>` after `blocks` blocks; `inline` when text of the next block precedes it.
    pub fn image(&mut self, src: Option<&str>, alt: Option<&str>, blocks: usize, inline: bool) {
        let src = py_strip(src.unwrap_or(""));
        if src.is_empty() {
            return;
        }
        let alt = alt.unwrap_or("").split(crate::blocks::whitespace::is_py_space).filter(|w| !w.is_empty());
        let alt = alt.collect::<Vec<_>>().join(" ");
        let parent = self.open_elements.last().copied().unwrap_or(-1);
        if parent < -1 {
            return;
        }
        let end = if inline { blocks + 1 } else { blocks };
        self.elements.push(Element {
            tag: "img",
            first: blocks,
            end,
            parent,
            colspan: 1,
            rowspan: 1,
            alt,
            src: src.to_string(),
        });
    }
}

/// Collects text nodes into blocks (see the module docs).
pub struct Builder<'s> {
    /// The page (WTF-8), where block spans are found.
    source: &'s [u8],
    source_chars: usize,
    pub layout: Option<Layout>,
    budget_rules: Budget,
    /// The last block's text found in the source ends here (`cursor`).
    cursor: Cursor,
    /// Where the window of a search ends (moves forward as the cursor does).
    window_end: Cursor,
    pub blocks: Vec<Block>,
    /// The text collected since the last boundary: its parts (text nodes) end at `part_ends`.
    raw: String,
    part_ends: Vec<usize>,
    pub link_chars: usize,
    pub links: usize,
    /// The enclosing block elements, by index into `frames` (the first: `body`).
    context: Vec<u32>,
    frames: Vec<(&'static str, String)>,
    frame_ids: Map<String, u32>,
    frame_key: String,
    /// The frame the last block element opened.
    last_frame: Option<u32>,
    budget: i64,
    pub containers: Vec<Container>,
    pub labels: Vec<Label>,
    label_ids: Map<Vec<u32>, usize>,
    pub in_noframes: bool,
    /// Markers of the block elements a piece ended inside, innermost first.
    pub carried: Vec<i64>,
    allowance: usize,
    pub piece_start: usize,
    pub epoch: u64,
    last_epoch: u64,
    last_pre: bool,
    last_tiny: bool,
    pending: Vec<String>,
    pending_raw: Vec<String>,
    pending_chars: usize,
    pending_end: usize,
    pending_link_chars: usize,
    pending_links: usize,
}

impl<'s> Builder<'s> {
    pub fn new(source: &'s [u8], layout: Option<Layout>, budget_rules: Budget) -> Self {
        let source_chars = crate::pystr::len(source);
        let mut layout = layout;
        if let Some(layout) = layout.as_mut() {
            layout.elements.reserve(source.len() / BYTES_A_BLOCK);
        }
        let mut builder = Builder {
            source,
            source_chars,
            layout,
            budget_rules,
            cursor: Cursor::default(),
            window_end: Cursor::default(),
            blocks: Vec::with_capacity(source.len() / BYTES_A_BLOCK),
            raw: String::new(),
            part_ends: Vec::new(),
            link_chars: 0,
            links: 0,
            context: Vec::new(),
            frames: Vec::new(),
            frame_ids: Map::default(),
            frame_key: String::new(),
            last_frame: None,
            budget: (BUDGET_PASSES * source_chars + WINDOW) as i64,
            containers: Vec::new(),
            labels: Vec::new(),
            label_ids: Map::default(),
            in_noframes: false,
            carried: Vec::new(),
            allowance: budget_rules.floor,
            piece_start: 0,
            epoch: 0,
            last_epoch: 0,
            last_pre: false,
            last_tiny: false,
            pending: Vec::new(),
            pending_raw: Vec::new(),
            pending_chars: 0,
            pending_end: 0,
            pending_link_chars: 0,
            pending_links: 0,
        };
        builder.push_context("body", "");
        builder
    }

    /// The number of characters (code points) of the page.
    pub fn source_chars(&self) -> usize {
        self.source_chars
    }

    /// True if text was collected since the last boundary (`parts` of the Python walk).
    pub fn has_parts(&self) -> bool {
        !self.part_ends.is_empty()
    }

    /// The number of parts collected.
    pub fn parts(&self) -> usize {
        self.part_ends.len()
    }

    /// Collect a text node's text.
    pub fn push_part(&mut self, text: &str) {
        self.raw.push_str(text);
        self.part_ends.push(self.raw.len());
    }

    /// True if a part collected is not all whitespace (an image inside a line of text).
    pub fn any_text(&self) -> bool {
        let mut from = 0;
        self.part_ends.iter().any(|&end| {
            let part = &self.raw[from..end];
            from = end;
            !is_all_space(part)
        })
    }

    /// The parts from `first` on, joined (the text of a link).
    pub fn parts_from(&self, first: usize) -> &str {
        let start = if first == 0 { 0 } else { self.part_ends.get(first - 1).copied().unwrap_or(self.raw.len()) };
        &self.raw[start..]
    }

    /// A block element opens (`tag`, its hints).
    pub fn push_context(&mut self, tag: &'static str, hints: &str) {
        // the last element's frame again (siblings: `li`, `td`, `p`), told without a lookup
        let last = self.last_frame.and_then(|id| self.frames.get(id as usize).map(|f| (id, f)));
        if let Some((id, _)) = last.filter(|(_, (t, h))| *t == tag && h == hints) {
            self.context.push(id);
            return;
        }
        // keyed `tag NUL hints` (no tag holds a NUL), made in a buffer kept from call to call
        self.frame_key.clear();
        self.frame_key.push_str(tag);
        self.frame_key.push('\0');
        self.frame_key.push_str(hints);
        let id = match self.frame_ids.get(self.frame_key.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.frames.len() as u32;
                self.frames.push((tag, hints.to_string()));
                self.frame_ids.insert(self.frame_key.clone(), id);
                id
            }
        };
        self.last_frame = Some(id);
        self.context.push(id);
    }

    /// The innermost block element closes: its tag and hints.
    pub fn pop_context(&mut self) -> (&'static str, &str) {
        match self.context.pop().and_then(|id| self.frames.get(id as usize)) {
            Some((tag, hints)) => (tag, hints),
            None => ("body", ""),
        }
    }

    /// Make a block of the text collected since the last boundary, if it is more than
    /// whitespace (called when some was collected).
    pub fn flush(&mut self) {
        let link_chars = std::mem::take(&mut self.link_chars);
        let links = std::mem::take(&mut self.links);
        let text = if is_all_space(&self.raw) { String::new() } else { collapse(&self.raw) };
        if !text.is_empty() {
            let (start, end) = self.locate();
            let label = self.label();
            let pre = self.layout.as_ref().is_some_and(|l| l.pre_depth > 0);
            let n = self.blocks.len();
            let chars = char_len(&text);
            if n >= self.allowance && n >= self.update_allowance() && self.joins(chars, pre, n) {
                self.join(text, chars, end, link_chars, links, pre);
            } else {
                if !self.pending.is_empty() {
                    self.finish_merge();
                }
                if pre {
                    let raw = self.raw.clone();
                    if let Some(layout) = self.layout.as_mut() {
                        layout.raw.push((n, raw));
                    }
                }
                let link_chars = link_chars.min(chars);
                self.blocks.push(Block { text, chars, start, end, link_chars, links, label });
                self.last_epoch = self.epoch;
                self.last_pre = pre;
                self.last_tiny = chars <= self.budget_rules.tiny_chars;
            }
        } else if let Some(layout) = self.layout.as_mut() {
            // No block (the text was only characters the collapse drops, such as U+FEFF): the
            // links recorded for it would name the next block instead.
            let n = self.blocks.len();
            while layout.links.last().is_some_and(|link| link.block == n) {
                layout.links.pop();
            }
        }
        self.raw.clear();
        self.part_ends.clear();
    }

    /// The place the walk has reached in the page: the end of the last text found, or the
    /// start of the piece being walked.
    fn reached(&self) -> usize {
        self.cursor.chars.max(self.piece_start)
    }

    fn update_allowance(&mut self) -> usize {
        self.allowance = self.budget_rules.floor + self.budget_rules.per_million * self.reached() / 1_000_000;
        self.allowance
    }

    /// Over the budget: may a text of `chars` characters join the last block?
    fn joins(&mut self, chars: usize, pre: bool, n: usize) -> bool {
        if self.blocks.is_empty() || self.epoch != self.last_epoch || pre != self.last_pre {
            return false;
        }
        let size = if self.pending.is_empty() { self.blocks.last().map_or(0, |b| b.chars) } else { self.pending_chars };
        if size + 1 + chars > self.budget_rules.merge_chars {
            return false;
        }
        let tiny = self.last_tiny && chars <= self.budget_rules.tiny_chars;
        if !tiny {
            let hard = self.budget_rules.floor + self.budget_rules.per_million_hard * self.reached() / 1_000_000;
            if n < hard {
                return false;
            }
            self.last_tiny = false;
        }
        true
    }

    /// Add a block's text to the last block; [`Builder::finish_merge`] makes the block.
    fn join(&mut self, text: String, chars: usize, end: usize, link_chars: usize, links: usize, pre: bool) {
        let index = self.blocks.len() - 1;
        if self.pending.is_empty() {
            let last = &self.blocks[index];
            self.pending.push(last.text.clone());
            self.pending_chars = last.chars;
            self.pending_end = last.end;
            self.pending_link_chars = last.link_chars;
            self.pending_links = last.links;
            if pre {
                if let Some((_, raw)) = self.layout.as_mut().and_then(|l| l.raw.pop()) {
                    self.pending_raw.push(raw);
                }
            }
        }
        self.pending.push(text);
        self.pending_chars += 1 + chars;
        self.pending_end = self.pending_end.max(end);
        self.pending_link_chars += link_chars.min(chars);
        self.pending_links += links;
        if pre {
            self.pending_raw.push(self.raw.clone());
        }
        if let Some(layout) = self.layout.as_mut() {
            for link in layout.links.iter_mut().rev() {
                if link.block != index + 1 {
                    break;
                }
                link.block = index;
            }
        }
    }

    /// Give the last block the texts joined into it.
    pub fn finish_merge(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let index = self.blocks.len() - 1;
        let text = self.pending.join("\n");
        let block = &mut self.blocks[index];
        block.text = text;
        block.chars = self.pending_chars;
        block.end = self.pending_end;
        block.link_chars = self.pending_link_chars;
        block.links = self.pending_links;
        if !self.pending_raw.is_empty() {
            let raw = self.pending_raw.join("\n");
            if let Some(layout) = self.layout.as_mut() {
                layout.raw.push((index, raw));
            }
        }
        self.pending.clear();
        self.pending_raw.clear();
        self.pending_chars = 0;
    }

    /// A block element's end (`marker`: the blocks before it, `-1 - n` for a hidden one): a
    /// container if it holds two or more blocks (a hidden one: any). Also the end of an element a
    /// piece ended inside that the next piece could not resume.
    pub fn end_element(&mut self, marker: i64) {
        if self.has_parts() {
            self.flush();
        }
        let n = self.blocks.len();
        let container = if marker < 0 {
            self.epoch += 1;
            let first = (-1 - marker) as usize;
            (n > first).then_some((first, true))
        } else {
            (n.saturating_sub(marker as usize) >= 2).then_some((marker as usize, false))
        };
        let (tag, hints) = self.pop_context();
        if let Some((first, hidden)) = container {
            // the hints copied for a container only (most elements make none)
            let hints = hints.to_string();
            self.containers.push(Container { first, end: n, tag, hints, hidden });
        }
        if let Some(layout) = self.layout.as_mut() {
            if super::rules::is_structure(tag) {
                layout.close(n);
            }
        }
    }

    /// The labels of a block in the current context (`_labels` of the last four elements).
    fn label(&mut self) -> usize {
        let around = &self.context[self.context.len().saturating_sub(4)..];
        if let Some(&id) = self.label_ids.get(around) {
            return id;
        }
        let frames: Vec<&(&'static str, String)> =
            around.iter().filter_map(|&id| self.frames.get(id as usize)).collect();
        let mut tag = frames.last().map_or("body", |f| f.0);
        if kind_of(tag).is_none() && frames.len() > 1 && frames[frames.len() - 2].0 == "li" {
            tag = "li";
        }
        let hints = frames.iter().map(|f| f.1.as_str()).filter(|h| !h.is_empty()).collect::<Vec<_>>().join(" ");
        let path = frames.iter().map(|f| f.0).collect::<Vec<_>>().join(">");
        let id = self.labels.len();
        self.labels.push(Label { kind: kind_of(tag).unwrap_or("paragraph"), path, hints, tag });
        self.label_ids.insert(around.to_vec(), id);
        id
    }

    /// Best-effort source span of the collected text: its first and last anchor found ahead
    /// of the cursor.
    fn locate(&mut self) -> (usize, usize) {
        // the text is lent out while the searches move the cursor (the anchors are its slices)
        let raw = std::mem::take(&mut self.raw);
        let span = self.locate_in(&raw);
        self.raw = raw;
        span
    }

    /// [`Builder::locate`] of the collected text `raw`.
    fn locate_in(&mut self, raw: &str) -> (usize, usize) {
        let at = self.cursor.chars;
        let first_part = &raw[..self.part_ends.first().copied().unwrap_or(0)];
        let first =
            anchors(first_part).next().or_else(|| if self.part_ends.len() > 1 { anchors(raw).next() } else { None });
        let Some(first) = first else { return (at, at) };
        let Some((start, start_bytes)) = self.find(first, self.cursor) else { return (at, at) };
        let mut end = Cursor { chars: start + char_len(first), bytes: start_bytes + first.len() };
        let last_part_start = if self.part_ends.len() > 1 { self.part_ends[self.part_ends.len() - 2] } else { 0 };
        let last_part = &raw[last_part_start..];
        if self.part_ends.len() > 1 || more_chars_than(raw, 24) {
            // the last anchor of the last part's last 64 characters
            if let Some(anchor) = last_anchor(last_part, 64) {
                if let Some((pos, pos_bytes)) = self.find(anchor, end) {
                    end = Cursor { chars: pos + char_len(anchor), bytes: pos_bytes + anchor.len() };
                }
            }
        }
        self.cursor = end;
        (start, end.chars)
    }

    /// `source.find(anchor, start, start + window)` in characters (and its byte offset); the
    /// characters failed searches scan are charged to a budget, past which the window shrinks.
    fn find(&mut self, anchor: &str, start: Cursor) -> Option<(usize, usize)> {
        let window = if self.budget > 0 { WINDOW } else { SMALL_WINDOW };
        let limit = (start.chars + window).min(self.source_chars);
        let needle = anchor.as_bytes();
        // The first `window` bytes hold at most `window` characters, all in the window: a match
        // there is the window's first, found without locating the window's end in bytes; past
        // them, only matches that end later are left to look for.
        let near_end = start.bytes.saturating_add(window).min(self.source.len());
        let near = self.source.get(start.bytes..near_end).unwrap_or(&[]);
        let found = find_near(near, needle).or_else(|| {
            if self.window_end.chars > limit || self.window_end.chars < start.chars {
                self.window_end = start;
            }
            let limit_bytes = self.window_end.seek(self.source, limit);
            let haystack = self.source.get(start.bytes..limit_bytes).unwrap_or(&[]);
            let rest = near.len().saturating_sub(needle.len().saturating_sub(1));
            memchr::memmem::find(haystack.get(rest..)?, needle).map(|i| rest + i)
        });
        let haystack = self.source.get(start.bytes..).unwrap_or(&[]);
        match found {
            Some(offset) => {
                let pos = start.chars + crate::pystr::len(&haystack[..offset]);
                self.budget -= (pos - start.chars) as i64;
                Some((pos, start.bytes + offset))
            }
            None => {
                self.budget -= limit.saturating_sub(start.chars) as i64;
                None
            }
        }
    }

    /// A link closes: recorded when its text is all in the block being collected.
    pub fn link(&mut self, mark: &LinkMark<'_>) {
        let blocks = self.blocks.len();
        if mark.blocks != blocks || self.parts() < mark.parts {
            return;
        }
        let text = self.parts_from(mark.parts);
        if py_strip(text).is_empty() {
            return;
        }
        let text = text.to_string();
        if let Some(layout) = self.layout.as_mut() {
            layout.links.push(Link { block: blocks, text, href: mark.href.to_string() });
        }
    }

    /// Characters of a text node's stripped text (for `link_chars`).
    pub fn stripped_chars(text: &str) -> (usize, bool) {
        let s = py_strip(text);
        (char_len(s), super::rules::is_address(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_near_is_memmems_find() {
        // Every needle of up to 4 bytes over a small alphabet (multi-byte characters' bytes
        // included), in haystacks holding its first byte more than NEAR_TRIES times.
        let alphabet: Vec<u8> = "ab中".bytes().collect();
        let mut rng = crate::test_rng::Rng(0x9E37_79B9_7F4A_7C15);
        let mut next = || rng.next_u64();
        for _ in 0..20_000 {
            let len = (next() % 80) as usize;
            let haystack: Vec<u8> = (0..len).map(|_| alphabet[(next() % 5) as usize]).collect();
            let n = (next() % 5) as usize;
            let needle: Vec<u8> = (0..n).map(|_| alphabet[(next() % 5) as usize]).collect();
            assert_eq!(
                find_near(&haystack, &needle),
                memchr::memmem::find(&haystack, &needle),
                "{haystack:?} {needle:?}"
            );
        }
        let far = [&[b'a'; 40][..], b"ab"].concat();
        assert_eq!(find_near(&far, b"ab"), Some(40));
        assert_eq!(find_near(b"", b""), Some(0));
        assert_eq!(find_near(b"", b"a"), None);
    }

    /// `find` as it was: the window's end located in bytes first, then one search of it.
    fn find_in_window(source: &[u8], anchor: &[u8], start: usize, window: usize) -> Option<(usize, usize)> {
        let limit = (start + window).min(crate::pystr::len(source));
        let (from, to) = (Cursor::default().seek(source, start), Cursor::default().seek(source, limit));
        let haystack = source.get(from..to).unwrap_or(&[]);
        memchr::memmem::find(haystack, anchor).map(|at| (start + crate::pystr::len(&haystack[..at]), from + at))
    }

    #[test]
    fn find_is_a_search_of_the_window_in_characters() {
        // pages of one-byte and three-byte characters longer in bytes than the small window,
        // anchors cut from them (found near, far, across the window's first `window` bytes, or
        // past its end) and not, searched from cursors moving forward, with and without budget
        let pieces = ["a", "b", "中", "文", "ab中", "\n"];
        let mut rng = crate::test_rng::Rng(0x2545_F491_4F6C_DD1D);
        let mut next = move |n: usize| rng.below(n);
        let rules = Budget { floor: 1, per_million: 1, per_million_hard: 1, tiny_chars: 1, merge_chars: 1 };
        for round in 0..300 {
            let length = 1 + next(if round % 2 == 0 { 6000 } else { 40 });
            let source: String = (0..length).map(|_| pieces[next(pieces.len())]).collect();
            let chars: Vec<usize> = source.char_indices().map(|(i, _)| i).chain([source.len()]).collect();
            let mut builder = Builder::new(source.as_bytes(), None, rules);
            let mut start = 0;
            for _ in 0..40 {
                if next(3) == 0 {
                    builder.budget = -1; // the small window from here on
                }
                let window = if builder.budget > 0 { WINDOW } else { SMALL_WINDOW };
                start = (start + next(SMALL_WINDOW / 2)).min(chars.len() - 1);
                let from = next(chars.len());
                let to = (from + 1 + next(4)).min(chars.len() - 1);
                let anchor =
                    if next(5) == 0 { "中b中b".to_string() } else { source[chars[from]..chars[to]].to_string() };
                let want = find_in_window(source.as_bytes(), anchor.as_bytes(), start, window);
                let budget = builder.budget;
                let cursor = Cursor { chars: start, bytes: chars[start] };
                assert_eq!(builder.find(&anchor, cursor), want, "{anchor:?} from {start} in {length}");
                let limit = (start + window).min(chars.len() - 1);
                let spent = want.map_or(limit - start, |(at, _)| at - start);
                assert_eq!(builder.budget, budget - spent as i64);
            }
        }
        // a match across the end of the window's first `window` bytes
        let source = format!("{}中文{}", "a".repeat(SMALL_WINDOW - 2), "b".repeat(SMALL_WINDOW));
        for anchor in ["a中", "aa中文", "中", "文"] {
            let mut builder = Builder::new(source.as_bytes(), None, rules);
            builder.budget = -1;
            let want = find_in_window(source.as_bytes(), anchor.as_bytes(), 0, SMALL_WINDOW);
            assert!(want.is_some());
            assert_eq!(builder.find(anchor, Cursor::default()), want, "{anchor}");
        }
    }
}
