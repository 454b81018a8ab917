//! A page's blocks held as one table: the texts, the spans, link counts and labels (kind, path,
//! hints, tag: one per distinct run of enclosing elements) in arrays. This is what a page's blocks
//! are between the stages (`_core.Blocks`): no object per block, so a 50 MB dump of 280,000
//! blocks costs ~50 bytes a block, and measure and selection read the texts where they are. A
//! text dump's table holds the dump itself ([`PageText`]: the caller's bytes, not a copy) and
//! reads most texts as its slices; the others, and every text of an HTML page, are copied once
//! into one buffer.

use super::html::builder::{Block as HtmlBlock, Label};
use super::text::{split_dump, Kind, TextBlock, DUMP_BUDGET};
use crate::charmap::CharMap;
use std::sync::Arc;
use yoke::Yoke;

/// Bytes held elsewhere and shared: a Python `bytes` object (`pyo3`'s `PyBackedBytes`), a `Vec`.
pub type SharedBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A page's text: its bytes, shared, with the `str` they were checked to be once (held together,
/// so every read is a slice, neither a copy nor a check).
#[derive(Clone)]
pub struct PageText(Yoke<&'static str, SharedBytes>);

impl PageText {
    /// The text of `bytes`, or `None` when they are not UTF-8.
    ///
    /// ```
    /// use _core::blocks::table::PageText;
    /// use std::sync::Arc;
    /// assert_eq!(PageText::new(Arc::new(b"abc".to_vec())).unwrap().as_str(), "abc");
    /// assert!(PageText::new(Arc::new(b"\xff".to_vec())).is_none());
    /// ```
    pub fn new(bytes: SharedBytes) -> Option<PageText> {
        Yoke::<&'static str, SharedBytes>::try_attach_to_cart(bytes, checked).ok().map(PageText)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }
}

/// `bytes` as a `str` if they are UTF-8.
fn checked<'a>(bytes: &'a (dyn AsRef<[u8]> + Send + Sync + 'static)) -> Result<&'a str, ()> {
    crate::pystr::utf8(bytes.as_ref()).ok_or(())
}

impl std::fmt::Debug for PageText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PageText({} bytes)", self.as_str().len())
    }
}

/// The labels of a text dump's lines and list items.
fn dump_label(kind: Kind) -> Label {
    Label { kind: kind.as_str(), path: String::new(), hints: String::new(), tag: "line" }
}

/// The blocks of a page (a text dump's, [`super::text::text_blocks`], or an HTML page's,
/// [`super::html::html_blocks`]), in page order.
#[derive(Debug, Default, Clone)]
pub struct BlockTable {
    /// The page whose slices most texts are (a text dump's, when the table was made of it).
    page: Option<PageText>,
    /// The texts that are no slices of the page, one after another.
    texts: String,
    /// Where block `i`'s text is, as a byte range: of the page below its length, else of `texts`
    /// (offset by the page's length).
    ranges: Vec<(usize, usize)>,
    /// Block `i`'s text's length in characters, when the splitter counted them (HTML; empty for
    /// a dump, whose texts are mostly the page's slices).
    chars: Vec<usize>,
    /// Block `i`'s character span in the page.
    spans: Vec<(usize, usize)>,
    /// Block `i`'s characters inside links and its links.
    links: Vec<(usize, usize)>,
    /// Block `i`'s labels, as an index into `labels`.
    label_of: Vec<u32>,
    labels: Vec<Label>,
}

/// Two tables are equal when they hold the same blocks (texts, spans, link counts, labels and
/// counted characters), however they hold their texts.
impl PartialEq for BlockTable {
    fn eq(&self, other: &BlockTable) -> bool {
        self.len() == other.len()
            && self.text_chars() == other.text_chars()
            && self.texts().eq(other.texts())
            && self.spans == other.spans
            && self.links == other.links
            && (0..self.len()).all(|i| self.label(i) == other.label(i))
    }
}

impl Eq for BlockTable {}

impl BlockTable {
    /// The table of a dump's `blocks`, each block's text copied once (the buffer is sized first).
    ///
    /// ```
    /// use _core::blocks::table::BlockTable;
    /// use _core::blocks::text::text_blocks;
    /// let table = BlockTable::from_dump(text_blocks("标题\n正文。\n"));
    /// assert_eq!(table.len(), 2);
    /// assert_eq!((table.text(1), table.span(1), table.kind(1)), (Some("正文。"), Some((3, 6)), Some("line")));
    /// ```
    pub fn from_dump(blocks: Vec<TextBlock<'_>>) -> Self {
        let mut table = Self::sized(blocks.iter().map(|b| b.text.len()).sum(), blocks.len());
        table.labels = vec![dump_label(Kind::Line), dump_label(Kind::ListItem)];
        for block in blocks {
            let label = u32::from(block.kind == Kind::ListItem);
            table.push(&block.text, (block.start, block.end), (0, 0), label);
        }
        table
    }

    /// The table of the dump `page` ([`super::text::text_blocks`]), which it holds: a text that
    /// is a slice of the page (most are) is read there, the others (joined over lines) are copied.
    ///
    /// ```
    /// use _core::blocks::table::{BlockTable, PageText};
    /// use _core::blocks::text::text_blocks;
    /// use std::sync::Arc;
    /// let dump = "标题\n  • 条目一\n    条目一的摘要\n正文。\n";
    /// let table = BlockTable::from_page(PageText::new(Arc::new(dump.as_bytes().to_vec())).unwrap());
    /// assert_eq!(table, BlockTable::from_dump(text_blocks(dump)));
    /// assert_eq!(table.texts().collect::<Vec<_>>(), ["标题", "条目一\n条目一的摘要", "正文。"]);
    /// ```
    pub fn from_page(page: PageText) -> Self {
        let text = page.as_str();
        let mut table = Self::sized(0, 0);
        table.labels = vec![dump_label(Kind::Line), dump_label(Kind::ListItem)];
        // Each block as the splitter makes it: a joined text is copied and freed at once (the
        // page's joined texts are never all held twice).
        split_dump(text, DUMP_BUDGET, |block| {
            let label = u32::from(block.kind == Kind::ListItem);
            match slice_of(text, &block.text) {
                Some(range) => table.ranges.push(range),
                None => {
                    if table.texts.capacity() == 0 {
                        // The joined texts take no more bytes than the page (the line breaks
                        // they join over are at least as long as what joins them): reserved
                        // once, never grown; what stays unwritten is never resident.
                        table.texts.reserve(text.len());
                    }
                    table.push_text(&block.text, text.len());
                }
            }
            table.push_fields((block.start, block.end), (0, 0), label);
        });
        // (The buffers grew as the blocks came, and the table lives as long as its Document;
        // mimalloc shrinks a buffer in place when it is at least half full.)
        table.texts.shrink_to_fit();
        table.ranges.shrink_to_fit();
        table.spans.shrink_to_fit();
        table.links.shrink_to_fit();
        table.label_of.shrink_to_fit();
        table.page = Some(page);
        table
    }

    /// The table of an HTML page's `blocks` with their `labels` (a block's `label` indexes them).
    pub fn from_html(blocks: Vec<HtmlBlock>, labels: Vec<Label>) -> Self {
        let mut table = Self::sized(blocks.iter().map(|b| b.text.len()).sum(), blocks.len());
        for block in blocks {
            let label = u32::try_from(block.label).unwrap_or(u32::MAX);
            table.push(&block.text, (block.start, block.end), (block.link_chars, block.links), label);
            table.chars.push(block.chars);
        }
        table.labels = labels;
        table
    }

    fn sized(bytes: usize, blocks: usize) -> Self {
        BlockTable {
            page: None,
            texts: String::with_capacity(bytes),
            ranges: Vec::with_capacity(blocks),
            chars: Vec::new(),
            spans: Vec::with_capacity(blocks),
            links: Vec::with_capacity(blocks),
            label_of: Vec::with_capacity(blocks),
            labels: Vec::new(),
        }
    }

    /// The length of the page the table holds (0 without one): where `texts`' ranges start.
    fn page_len(&self) -> usize {
        self.page.as_ref().map_or(0, |p| p.as_str().len())
    }

    fn push(&mut self, text: &str, span: (usize, usize), links: (usize, usize), label: u32) {
        self.push_text(text, self.page_len());
        self.push_fields(span, links, label);
    }

    /// Appends a text of its own (`page_len`: the length of the page the table will hold).
    fn push_text(&mut self, text: &str, page_len: usize) {
        let start = page_len + self.texts.len();
        self.texts.push_str(text);
        self.ranges.push((start, start + text.len()));
    }

    fn push_fields(&mut self, span: (usize, usize), links: (usize, usize), label: u32) {
        self.spans.push(span);
        self.links.push(links);
        self.label_of.push(label);
    }

    /// The same blocks with every character of their texts written as `map` writes it (the word
    /// lists' simplified reading of a traditional page: one character for one, so the spans
    /// hold), every text held by the copy.
    ///
    /// ```
    /// use _core::blocks::table::BlockTable;
    /// use _core::blocks::text::text_blocks;
    /// use _core::charmap::CharMap;
    /// let table = BlockTable::from_dump(text_blocks("來源\n正文\n"));
    /// let simplified = table.mapped(&CharMap::new([('來', '来')]));
    /// assert_eq!((simplified.text(0), simplified.text(1), simplified.span(0)), (Some("来源"), Some("正文"), table.span(0)));
    /// ```
    pub fn mapped(&self, map: &CharMap) -> BlockTable {
        let mut out = BlockTable {
            texts: String::with_capacity(self.texts().map(str::len).sum()),
            ranges: Vec::with_capacity(self.len()),
            ..self.clone_without_texts()
        };
        for text in self.texts() {
            let start = out.texts.len();
            out.texts.push_str(&map.mapped(text));
            out.ranges.push((start, out.texts.len()));
        }
        out
    }

    fn clone_without_texts(&self) -> BlockTable {
        BlockTable {
            page: None,
            texts: String::new(),
            ranges: Vec::new(),
            chars: self.chars.clone(), // (one character for one)
            spans: self.spans.clone(),
            links: self.links.clone(),
            label_of: self.label_of.clone(),
            labels: self.labels.clone(),
        }
    }

    /// The blocks whose texts hold a character `map` changes, in order: what the word lists'
    /// simplified reading of the page holds of its own (`_core.Simplified`), every other block
    /// read as it is written.
    ///
    /// ```
    /// use _core::blocks::table::BlockTable;
    /// use _core::blocks::text::text_blocks;
    /// use _core::charmap::CharMap;
    /// let table = BlockTable::from_dump(text_blocks("來源\n正文\n國家，國土\n"));
    /// assert_eq!(table.changed_by(&CharMap::new([('來', '来'), ('國', '国')])), [0, 2]);
    /// ```
    pub fn changed_by(&self, map: &CharMap) -> Vec<usize> {
        let mut changed = Vec::new();
        if let Some(page) = &self.page {
            // one scan of the page for the texts that are its slices (in page order), the next
            // character found held while the blocks before it are passed; each other text on its own
            let (page, own) = (page.as_str(), page.as_str().len());
            let mut next = map.find_in(page, 0);
            for (i, &(start, end)) in self.ranges.iter().enumerate() {
                if start >= own {
                    changed.extend(self.text(i).filter(|text| map.changes(text)).map(|_| i));
                    continue;
                }
                if next.is_some_and(|(found, _)| found < start) {
                    next = map.find_in(page, start); // (what lies between slices is no block's)
                }
                if next.is_some_and(|(found, _)| found < end) {
                    changed.push(i);
                    next = map.find_in(page, end);
                }
            }
            return changed;
        }
        // every text in `texts`, in order: one scan, a block found needing no further look
        let mut at = 0;
        while let Some((found, c)) = map.find_in(&self.texts, at) {
            let i = self.ranges.partition_point(|&(_, end)| end <= found); // (the block that holds byte `found`)
            changed.push(i);
            at = self.ranges.get(i).map_or(self.texts.len(), |&(_, end)| end).max(found + c.len_utf8());
        }
        changed
    }

    /// The number of blocks.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// No blocks.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Block `i`'s text, `None` past the last block.
    pub fn text(&self, i: usize) -> Option<&str> {
        let (start, end) = *self.ranges.get(i)?;
        match &self.page {
            Some(page) if start < page.as_str().len() => page.as_str().get(start..end),
            page => {
                let offset = page.as_ref().map_or(0, |p| p.as_str().len());
                self.texts.get(start.checked_sub(offset)?..end.checked_sub(offset)?)
            }
        }
    }

    /// Block `i`'s character span in the page.
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        self.spans.get(i).copied()
    }

    /// Block `i`'s characters inside links, and its links.
    pub fn links(&self, i: usize) -> Option<(usize, usize)> {
        self.links.get(i).copied()
    }

    /// Block `i`'s labels (a label index past the labels, which no walk makes, is `None`).
    pub fn label(&self, i: usize) -> Option<&Label> {
        self.labels.get(*self.label_of.get(i)? as usize)
    }

    /// Block `i`'s labels as an index into [`BlockTable::labels`].
    pub fn label_index(&self, i: usize) -> Option<usize> {
        self.label_of.get(i).map(|&k| k as usize)
    }

    /// The distinct labels of the blocks.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// Block `i`'s kind (`RawBlock.kind`).
    pub fn kind(&self, i: usize) -> Option<&'static str> {
        self.label(i).map(|l| l.kind)
    }

    /// Block `i`'s element tag (`RawBlock.tag`).
    pub fn tag(&self, i: usize) -> Option<&'static str> {
        self.label(i).map(|l| l.tag)
    }

    /// The texts, one after another (each block's is `text(i)`), when the table holds them so
    /// (an HTML page's; `None` for a table that reads them from its page).
    pub fn joined(&self) -> Option<&str> {
        self.page.is_none().then_some(self.texts.as_str())
    }

    /// Each text's length in characters, when the splitter counted them (an HTML page's; a
    /// mapped text has as many as its block's).
    pub fn text_chars(&self) -> Option<&[usize]> {
        (self.chars.len() == self.len()).then_some(&self.chars[..])
    }

    /// The texts, in order (an exact-size iterator: a `Vec` collected from it is allocated once).
    pub fn texts(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.text(i).unwrap_or_default())
    }

    /// Bytes held (the texts and the arrays; not the struct itself, the labels nor the page).
    pub fn heap_bytes(&self) -> usize {
        self.texts.capacity()
            + self.ranges.capacity() * std::mem::size_of::<(usize, usize)>()
            + self.chars.capacity() * std::mem::size_of::<usize>()
            + self.spans.capacity() * std::mem::size_of::<(usize, usize)>()
            + self.links.capacity() * std::mem::size_of::<(usize, usize)>()
            + self.label_of.capacity() * std::mem::size_of::<u32>()
    }
}

/// The byte range of `text` in `page` when it is a slice of it (an empty text is held as its own).
fn slice_of(page: &str, text: &str) -> Option<(usize, usize)> {
    let (base, at) = (page.as_ptr() as usize, text.as_ptr() as usize);
    let start = at.checked_sub(base)?;
    (!text.is_empty() && start + text.len() <= page.len()).then_some((start, start + text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::text::text_blocks;
    use std::borrow::Cow;

    /// The table gives back every block the splitter gave, field for field.
    fn round_trip(dump: &str) {
        let blocks = text_blocks(dump);
        let table = BlockTable::from_dump(blocks.clone());
        assert_eq!(table.len(), blocks.len());
        assert_eq!(table.is_empty(), blocks.is_empty());
        for (i, b) in blocks.iter().enumerate() {
            assert_eq!(table.text(i), Some(&*b.text), "{dump:?} block {i}");
            assert_eq!(table.span(i), Some((b.start, b.end)));
            assert_eq!(table.kind(i), Some(b.kind.as_str()));
            assert_eq!((table.tag(i), table.links(i)), (Some("line"), Some((0, 0))));
        }
        let n = blocks.len();
        assert_eq!((table.text(n), table.span(n), table.kind(n), table.links(n)), (None, None, None, None));
        assert_eq!(table.texts().count(), n);
        assert!(table.text_chars().is_none() || n == 0); // (a dump's are not counted)
                                                         // holding the page: the same blocks, its slices not copied
        let held = BlockTable::from_page(PageText::new(Arc::new(dump.as_bytes().to_vec())).expect("a str"));
        assert_eq!(held, table, "{dump:?}");
        assert_eq!((held.text(n), held.len(), held.joined()), (None, n, None));
        let copied: usize = blocks.iter().filter(|b| matches!(b.text, Cow::Owned(_))).map(|b| b.text.len()).sum();
        assert_eq!(held.texts.len(), copied, "{dump:?}");
        assert_eq!(held.texts.capacity(), copied, "{dump:?}");
        assert_eq!((held.spans.capacity(), held.label_of.capacity()), (n, n), "{dump:?}");
        assert_eq!(
            crate::pack::pack_table(&held, Some(dump.as_bytes()), None),
            crate::pack::pack_table(&table, Some(dump.as_bytes()), None)
        );
        assert_eq!(crate::pack::pack_table(&held, None, None), crate::pack::pack_table(&table, None, None));
    }

    #[test]
    fn gives_back_every_block() {
        for dump in [
            "",
            "\n\n  \n",
            "标题\n正文第一段。\n\n  • 条目一\n    条目一的摘要\n  • 条目二\n",
            "甲    乙    丙\n",
            "空\u{3000}\u{3000}白\r\n第二行\r\n",
            "a\u{0}b\n\u{fffd}\n",
        ] {
            round_trip(dump);
        }
    }

    #[test]
    fn any_text_round_trips() {
        // Seeded pieces that make lines, items, cells, wraps and empty texts.
        let pieces = ["正文。", "\n", "  • ", "    ", "1. ", "x", "\u{3000}", "\r\n", "", "；", "段落很长很长很长"];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let mut dump = String::new();
            for _ in 0..(seed % 40) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                dump.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_add(7);
            round_trip(&dump);
        }
    }

    #[test]
    fn holds_an_html_pages_blocks_and_labels() {
        let label = |kind, tag| Label { kind, path: format!("body>{tag}"), hints: "nav".into(), tag };
        let block = |text: &str, label| HtmlBlock {
            text: text.into(),
            chars: text.chars().count(),
            start: 3,
            end: 9,
            link_chars: 2,
            links: 1,
            label,
        };
        let table = BlockTable::from_html(
            vec![block("首页", 1), block("正文。", 0), block("坏", 7)],
            vec![label("paragraph", "p"), label("list-item", "li")],
        );
        assert_eq!((table.text(0), table.kind(0), table.tag(0)), (Some("首页"), Some("list-item"), Some("li")));
        assert_eq!(
            (table.label(1).map(|l| l.path.as_str()), table.links(1), table.span(1)),
            (Some("body>p"), Some((2, 1)), Some((3, 9)))
        );
        assert_eq!((table.text(2), table.label(2)), (Some("坏"), None)); // a label past the labels
        assert_eq!(table.text_chars(), Some(&[2, 3, 1][..]));
        let mapped = table.mapped(&CharMap::new([('页', '頁')]));
        assert_eq!((mapped.text(0), mapped.kind(0), mapped.links(0)), (Some("首頁"), Some("list-item"), Some((2, 1))));
        assert_eq!(mapped.text_chars(), table.text_chars());
        // the blocks the simplified reading holds of its own
        assert_eq!(table.changed_by(&CharMap::new([('页', '頁')])), [0]);
        assert_eq!(table.changed_by(&CharMap::new([('頁', '页')])), Vec::<usize>::new());
    }

    /// `mapped` as it was: each text mapped on its own (the oracle).
    fn mapped_text_by_text(table: &BlockTable, map: impl Fn(char) -> char) -> BlockTable {
        let mut texts = String::new();
        let mut ranges = Vec::new();
        for text in table.texts() {
            let start = texts.len();
            texts.extend(text.chars().map(&map));
            ranges.push((start, texts.len()));
        }
        BlockTable { texts, ranges, ..table.clone_without_texts() }
    }

    #[test]
    fn maps_like_each_text_mapped() {
        let pieces = ["正文。", "\n", "  • ", "    ", "來", "x", "Ä", "\u{3000}", "國", "；", "段落很长", "\n\n", "a"];
        let maps = [
            CharMap::new([('來', '来'), ('國', '国')]),
            CharMap::new([('Ä', '字'), ('段', 'd')]), // wider, narrower
            CharMap::default(),
        ];
        let mut rng = crate::test_rng::Rng(0x7AB1E5);
        for _ in 0..3000 {
            let dump: String = (0..rng.below(40)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let table = BlockTable::from_dump(text_blocks(&dump));
            for charmap in &maps {
                let want = mapped_text_by_text(&table, |c| charmap.get(c));
                assert_eq!(table.mapped(charmap), want, "{dump:?}");
                // the blocks whose texts change, and no other
                let differ: Vec<usize> = (0..table.len()).filter(|&i| want.text(i) != table.text(i)).collect();
                assert_eq!(table.changed_by(charmap), differ, "{dump:?}");
                let held = BlockTable::from_page(PageText::new(Arc::new(dump.clone().into_bytes())).expect("a str"));
                assert_eq!(held.changed_by(charmap), differ, "{dump:?}");
            }
        }
    }

    #[test]
    fn maps_characters_one_for_one() {
        let table = BlockTable::from_dump(text_blocks("  • 條目一\n    摘要\n說明　文字\n"));
        let mapped = table.mapped(&CharMap::new([('條', '条'), ('說', '说')]));
        assert_eq!(mapped.texts().collect::<Vec<_>>(), ["条目一\n摘要", "说明　文字"]);
        assert_eq!((mapped.len(), mapped.kind(0), mapped.span(1)), (table.len(), table.kind(0), table.span(1)));
        let wider = BlockTable::from_dump(text_blocks("aÄb\nÄ\n")).mapped(&CharMap::new([('Ä', '字')]));
        assert_eq!(wider.texts().collect::<Vec<_>>(), ["a字b", "字"]);
    }

    #[test]
    fn holds_texts_once() {
        let dump = "一二三四五六七八九十\n".repeat(1000);
        let table = BlockTable::from_dump(text_blocks(&dump));
        let texts: usize = table.texts().map(str::len).sum();
        assert!(table.heap_bytes() <= texts + 1000 * 60 + 64, "{}", table.heap_bytes());
    }
}
