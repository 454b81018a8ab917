//! A text dump's blocks held as one table: every block's text in one buffer, the character
//! spans and kinds in arrays. This is what a dump's blocks are between the stages
//! (`_core.DumpBlocks`): no object per block, so a 50 MB dump of 280,000 blocks costs its texts
//! once and 25 bytes a block, and measure and selection read the texts where they are.

use super::text::{Kind, TextBlock};

/// The blocks of a dump ([`super::text::text_blocks`]), in page order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DumpTable {
    /// The texts, one after another.
    texts: String,
    /// Where block `i`'s text ends in `texts` (it starts where block `i - 1`'s ends).
    ends: Vec<usize>,
    /// Block `i`'s character span in the dump.
    spans: Vec<(usize, usize)>,
    kinds: Vec<Kind>,
}

impl DumpTable {
    /// The table of `blocks`, each block's text copied once (the buffer is sized first).
    ///
    /// ```
    /// use _core::blocks::table::DumpTable;
    /// use _core::blocks::text::{text_blocks, Kind};
    /// let table = DumpTable::new(text_blocks("标题\n正文。\n"));
    /// assert_eq!(table.len(), 2);
    /// assert_eq!((table.text(1), table.span(1), table.kind(1)), (Some("正文。"), Some((3, 6)), Some(Kind::Line)));
    /// ```
    pub fn new(blocks: Vec<TextBlock<'_>>) -> Self {
        let size = blocks.iter().map(|b| b.text.len()).sum();
        let mut table = DumpTable {
            texts: String::with_capacity(size),
            ends: Vec::with_capacity(blocks.len()),
            spans: Vec::with_capacity(blocks.len()),
            kinds: Vec::with_capacity(blocks.len()),
        };
        for block in blocks {
            table.texts.push_str(&block.text);
            table.ends.push(table.texts.len());
            table.spans.push((block.start, block.end));
            table.kinds.push(block.kind);
        }
        table
    }

    /// The same blocks with every character of their texts mapped by `map` (the word lists'
    /// simplified reading of a traditional page: one character for one, so the spans hold).
    ///
    /// ```
    /// use _core::blocks::table::DumpTable;
    /// use _core::blocks::text::text_blocks;
    /// let table = DumpTable::new(text_blocks("來源\n正文\n"));
    /// let simplified = table.mapped(|c| if c == '來' { '来' } else { c });
    /// assert_eq!((simplified.text(0), simplified.text(1), simplified.span(0)), (Some("来源"), Some("正文"), table.span(0)));
    /// ```
    pub fn mapped(&self, map: impl Fn(char) -> char) -> DumpTable {
        let mut texts = String::with_capacity(self.texts.len());
        let mut ends = Vec::with_capacity(self.len());
        for text in self.texts() {
            texts.extend(text.chars().map(&map));
            ends.push(texts.len());
        }
        DumpTable { texts, ends, spans: self.spans.clone(), kinds: self.kinds.clone() }
    }

    /// The number of blocks.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No blocks.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Block `i`'s text, `None` past the last block.
    pub fn text(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.texts.get(start..end)
    }

    /// Block `i`'s character span in the dump.
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        self.spans.get(i).copied()
    }

    /// Block `i`'s kind.
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.kinds.get(i).copied()
    }

    /// The texts, in order.
    pub fn texts(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).filter_map(|i| self.text(i))
    }

    /// The kinds, in order.
    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    /// Bytes held (the texts, spans, kinds and ends; not the struct itself).
    pub fn heap_bytes(&self) -> usize {
        self.texts.capacity()
            + self.ends.capacity() * std::mem::size_of::<usize>()
            + self.spans.capacity() * std::mem::size_of::<(usize, usize)>()
            + self.kinds.capacity() * std::mem::size_of::<Kind>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::text::text_blocks;

    /// The table gives back every block the splitter gave, field for field.
    fn round_trip(dump: &str) {
        let blocks = text_blocks(dump);
        let table = DumpTable::new(blocks.clone());
        assert_eq!(table.len(), blocks.len());
        assert_eq!(table.is_empty(), blocks.is_empty());
        for (i, b) in blocks.iter().enumerate() {
            assert_eq!(table.text(i), Some(&*b.text), "{dump:?} block {i}");
            assert_eq!(table.span(i), Some((b.start, b.end)));
            assert_eq!(table.kind(i), Some(b.kind));
        }
        let n = blocks.len();
        assert_eq!((table.text(n), table.span(n), table.kind(n)), (None, None, None));
        assert_eq!(table.texts().count(), n);
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
    fn maps_characters_one_for_one() {
        let table = DumpTable::new(text_blocks("  • 條目一\n    摘要\n說明　文字\n"));
        let mapped = table.mapped(|c| match c {
            '條' => '条',
            '說' => '说',
            'Ä' => 'ß', // a character of another UTF-8 length
            c => c,
        });
        assert_eq!(mapped.texts().collect::<Vec<_>>(), ["条目一\n摘要", "说明　文字"]);
        assert_eq!((mapped.len(), mapped.kinds(), mapped.span(1)), (table.len(), table.kinds(), table.span(1)));
        let wider = DumpTable::new(text_blocks("aÄb\nÄ\n")).mapped(|c| if c == 'Ä' { '字' } else { c });
        assert_eq!(wider.texts().collect::<Vec<_>>(), ["a字b", "字"]);
    }

    #[test]
    fn holds_texts_once() {
        let dump = "一二三四五六七八九十\n".repeat(1000);
        let table = DumpTable::new(text_blocks(&dump));
        let texts: usize = table.texts().map(str::len).sum();
        assert!(table.heap_bytes() <= texts + 1000 * 25 + 64, "{}", table.heap_bytes());
    }
}
