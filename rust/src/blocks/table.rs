//! A page's blocks held as one table: every block's text in one buffer, the spans, link counts
//! and labels (kind, path, hints, tag: one per distinct run of enclosing elements) in arrays.
//! This is what a page's blocks are between the stages (`_core.Blocks`): no object per block,
//! so a 50 MB dump of 280,000 blocks costs its texts once and ~50 bytes a block, and measure
//! and selection read the texts where they are.

use super::html::builder::{Block as HtmlBlock, Label};
use super::text::{Kind, TextBlock};
use crate::charmap::CharMap;
use crate::pystr::CharSet;

/// The labels of a text dump's lines and list items.
fn dump_label(kind: Kind) -> Label {
    Label { kind: kind.as_str(), path: String::new(), hints: String::new(), tag: "line" }
}

/// The blocks of a page (a text dump's, [`super::text::text_blocks`], or an HTML page's,
/// [`super::html::html_blocks`]), in page order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BlockTable {
    /// The texts, one after another.
    texts: String,
    /// Where block `i`'s text ends in `texts` (it starts where block `i - 1`'s ends).
    ends: Vec<usize>,
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
            texts: String::with_capacity(bytes),
            ends: Vec::with_capacity(blocks),
            chars: Vec::new(),
            spans: Vec::with_capacity(blocks),
            links: Vec::with_capacity(blocks),
            label_of: Vec::with_capacity(blocks),
            labels: Vec::new(),
        }
    }

    fn push(&mut self, text: &str, span: (usize, usize), links: (usize, usize), label: u32) {
        self.texts.push_str(text);
        self.ends.push(self.texts.len());
        self.spans.push(span);
        self.links.push(links);
        self.label_of.push(label);
    }

    /// The same blocks with every character of their texts mapped by `map` (the word lists'
    /// simplified reading of a traditional page: one character for one, so the spans hold).
    ///
    /// ```
    /// use _core::blocks::table::BlockTable;
    /// use _core::blocks::text::text_blocks;
    /// let table = BlockTable::from_dump(text_blocks("來源\n正文\n"));
    /// let simplified = table.mapped(|c| if c == '來' { '来' } else { c });
    /// assert_eq!((simplified.text(0), simplified.text(1), simplified.span(0)), (Some("来源"), Some("正文"), table.span(0)));
    /// ```
    pub fn mapped(&self, map: impl Fn(char) -> char) -> BlockTable {
        self.mapped_if_changed(map).unwrap_or_else(|| self.clone())
    }

    /// [`BlockTable::mapped`], or `None` when `map` changes no character. One pass over the
    /// texts as one buffer: the runs between the characters it changes are copied whole, and
    /// each block's end moved by what the changes before it added (a character may be written
    /// in more or fewer bytes).
    ///
    /// ```
    /// use _core::blocks::table::BlockTable;
    /// use _core::blocks::text::text_blocks;
    /// let table = BlockTable::from_dump(text_blocks("來源\n正文\n"));
    /// assert!(table.mapped_if_changed(|c| if c == '國' { '国' } else { c }).is_none());
    /// let simplified = table.mapped_if_changed(|c| if c == '來' { '来' } else { c }).unwrap();
    /// assert_eq!((simplified.text(0), simplified.text(1)), (Some("来源"), Some("正文")));
    /// ```
    pub fn mapped_if_changed(&self, map: impl Fn(char) -> char) -> Option<BlockTable> {
        self.mapped_at(|at| self.texts.get(at..)?.chars().next().map(|c| (at, c)), map)
    }

    /// [`BlockTable::mapped_if_changed`] of a `map` that changes no character outside `sources`:
    /// only those are looked up ([`CharSet::find_in`]).
    pub fn mapped_in(&self, sources: &CharSet, map: impl Fn(char) -> char) -> Option<BlockTable> {
        self.mapped_at(|at| sources.find_in(&self.texts, at), map)
    }

    /// The texts mapped by `map` at the characters `next(at)` finds (the first at or after byte
    /// `at`, with its offset), or `None` when it changes none of them.
    fn mapped_at(
        &self,
        mut next: impl FnMut(usize) -> Option<(usize, char)>,
        map: impl Fn(char) -> char,
    ) -> Option<BlockTable> {
        let mut changes = Vec::new();
        let mut at = 0;
        while let Some((found, c)) = next(at) {
            let to = map(c);
            if to != c {
                changes.push((found, c, to));
            }
            at = found + c.len_utf8();
        }
        if changes.is_empty() {
            return None;
        }
        let mut texts = String::with_capacity(self.texts.len());
        let mut ends = Vec::with_capacity(self.len());
        let (mut copied, mut next) = (0, 0); // the bytes before `copied` are written; `next`: the first end not moved
        for (at, c, to) in changes {
            // the ends up to this character, which lie in what is not written yet
            while let Some(&end) = self.ends.get(next).filter(|&&end| end <= at) {
                ends.push(texts.len() + (end - copied));
                next += 1;
            }
            texts.push_str(&self.texts[copied..at]);
            texts.push(to);
            copied = at + c.len_utf8();
        }
        for &end in self.ends.get(next..).unwrap_or_default() {
            ends.push(texts.len() + (end - copied)); // (each at or past `copied`: a block ends on a character's end)
        }
        texts.push_str(&self.texts[copied..]);
        Some(BlockTable { texts, ends, ..self.clone_without_texts() })
    }

    fn clone_without_texts(&self) -> BlockTable {
        BlockTable {
            texts: String::new(),
            ends: Vec::new(),
            chars: self.chars.clone(), // (one character for one)
            spans: self.spans.clone(),
            links: self.links.clone(),
            label_of: self.label_of.clone(),
            labels: self.labels.clone(),
        }
    }

    /// The blocks whose texts hold a character `map` changes, in order: what the word lists'
    /// simplified reading of the page holds of its own (`_core.Simplified`), every other block
    /// read as it is written. One pass over the texts as one buffer ([`CharMap::find_in`]): a
    /// block found, the rest of its text needs no look.
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
        let mut at = 0;
        while let Some((found, c)) = map.find_in(&self.texts, at) {
            // the block that holds byte `found` (the first that ends after it)
            let i = self.ends.partition_point(|&end| end <= found);
            changed.push(i);
            at = self.ends.get(i).copied().unwrap_or(self.texts.len()).max(found + c.len_utf8());
        }
        changed
    }

    /// The number of blocks.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No blocks.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Block `i`'s text, `None` past the last block.
    pub fn text(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.texts.get(start..end)
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

    /// The texts, one after another (each block's is `text(i)`).
    pub fn joined(&self) -> &str {
        &self.texts
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

    /// Bytes held (the texts and the arrays; not the struct itself nor the labels).
    pub fn heap_bytes(&self) -> usize {
        self.texts.capacity()
            + self.ends.capacity() * std::mem::size_of::<usize>()
            + self.chars.capacity() * std::mem::size_of::<usize>()
            + self.spans.capacity() * std::mem::size_of::<(usize, usize)>()
            + self.links.capacity() * std::mem::size_of::<(usize, usize)>()
            + self.label_of.capacity() * std::mem::size_of::<u32>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::text::text_blocks;

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
        let mapped = table.mapped(|c| if c == '页' { '頁' } else { c });
        assert_eq!((mapped.text(0), mapped.kind(0), mapped.links(0)), (Some("首頁"), Some("list-item"), Some((2, 1))));
        assert_eq!(mapped.text_chars(), table.text_chars());
        // the blocks the simplified reading holds of its own
        assert_eq!(table.changed_by(&CharMap::new([('页', '頁')])), [0]);
        assert_eq!(table.changed_by(&CharMap::new([('頁', '页')])), Vec::<usize>::new());
    }

    /// `mapped` as it was: each text mapped on its own (the oracle).
    fn mapped_text_by_text(table: &BlockTable, map: impl Fn(char) -> char) -> BlockTable {
        let mut texts = String::new();
        let mut ends = Vec::new();
        for text in table.texts() {
            texts.extend(text.chars().map(&map));
            ends.push(texts.len());
        }
        BlockTable { texts, ends, ..table.clone_without_texts() }
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
                let map = |c| charmap.get(c);
                let want = mapped_text_by_text(&table, map);
                assert_eq!(table.mapped(map), want, "{dump:?}");
                let changed = table.mapped_if_changed(map);
                assert_eq!(changed.is_some(), want.texts != table.texts, "{dump:?}");
                assert!(changed.as_ref().is_none_or(|c| *c == want));
                let sources = CharSet::new("來國Ä段".chars().map(u32::from));
                assert_eq!(table.mapped_in(&sources, map), changed, "{dump:?}");
                // the blocks whose texts change, and no other
                let differ: Vec<usize> = (0..table.len()).filter(|&i| want.text(i) != table.text(i)).collect();
                assert_eq!(table.changed_by(charmap), differ, "{dump:?}");
            }
        }
    }

    #[test]
    fn maps_characters_one_for_one() {
        let table = BlockTable::from_dump(text_blocks("  • 條目一\n    摘要\n說明　文字\n"));
        let mapped = table.mapped(|c| match c {
            '條' => '条',
            '說' => '说',
            c => c,
        });
        assert_eq!(mapped.texts().collect::<Vec<_>>(), ["条目一\n摘要", "说明　文字"]);
        assert_eq!((mapped.len(), mapped.kind(0), mapped.span(1)), (table.len(), table.kind(0), table.span(1)));
        let wider = BlockTable::from_dump(text_blocks("aÄb\nÄ\n")).mapped(|c| if c == 'Ä' { '字' } else { c });
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
