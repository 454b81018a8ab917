//! The compact form a page's blocks and layout pickle as (`cleantext/columns.py` says the
//! format): what the core holds, packed in one pass, so that a worker of `extract_many` spends
//! microseconds, not a millisecond, on each Document it sends back.
//!
//! Ints are *typed bytes*: a typecode of Python's `array` (`b`, `h`, `i`, `q` signed, `B`, `H`,
//! `I` unsigned) and the values little-endian in that width, the narrowest that holds them
//! all. A column of strings is its distinct values in order of first appearance and each
//! value's index among them (no indexes when there is one value). The Python packer
//! (`columns.py`) gives the same bytes for the same values.

use crate::blocks::html::builder::{Label, Layout};
use crate::blocks::html::source::Cursor;
use crate::blocks::table::BlockTable;
use crate::hash::Map;
use std::borrow::Cow;

/// `values` as typed bytes, in the narrowest signed width that holds them.
///
/// ```
/// use _core::pack::signed;
/// assert_eq!(signed(&[1, -2]), b"b\x01\xfe");
/// assert_eq!(signed(&[300]), b"h\x2c\x01");
/// assert_eq!(signed(&[]), b"b");
/// ```
pub fn signed(values: &[i64]) -> Vec<u8> {
    let (lo, hi) = values.iter().fold((0, 0), |(lo, hi), &v| (v.min(lo), v.max(hi)));
    let fits = |min: i64, max: i64| lo >= min && hi <= max;
    let (code, width) = if fits(i8::MIN.into(), i8::MAX.into()) {
        (b'b', 1)
    } else if fits(i16::MIN.into(), i16::MAX.into()) {
        (b'h', 2)
    } else if fits(i32::MIN.into(), i32::MAX.into()) {
        (b'i', 4)
    } else {
        (b'q', 8)
    };
    let mut out = Vec::with_capacity(1 + width * values.len());
    out.push(code);
    put_le(&mut out, width, values.iter().map(|&v| v as u64)); // (two's complement, truncated)
    out
}

/// Indexes into `count` distinct values as typed bytes (`B` up to 256 values, `H`, `I`).
pub fn indexes(count: usize, values: &[u32]) -> Vec<u8> {
    let (code, width) = match count {
        0..=256 => (b'B', 1),
        257..=65_536 => (b'H', 2),
        _ => (b'I', 4),
    };
    let mut out = Vec::with_capacity(1 + width * values.len());
    out.push(code);
    put_le(&mut out, width, values.iter().map(|&v| u64::from(v)));
    out
}

/// Appends the low `width` bytes (0, 1, 2, 4 or 8) of each value, little-endian (a loop for
/// each width: no copy of a variable length per value).
pub fn put_le(out: &mut Vec<u8>, width: usize, values: impl Iterator<Item = u64>) {
    match width {
        0 => {}
        1 => out.extend(values.map(|v| v as u8)),
        2 => values.for_each(|v| out.extend_from_slice(&(v as u16).to_le_bytes())),
        4 => values.for_each(|v| out.extend_from_slice(&(v as u32).to_le_bytes())),
        _ => values.for_each(|v| out.extend_from_slice(&v.to_le_bytes())),
    }
}

/// A column as usizes, each as the difference from the one before (the first from 0).
fn deltas(values: impl Iterator<Item = usize>) -> Vec<u8> {
    let mut last = 0i64;
    let diffs: Vec<i64> = values
        .map(|v| {
            let v = i64::try_from(v).unwrap_or(i64::MAX);
            let d = v.wrapping_sub(last);
            last = v;
            d
        })
        .collect();
    signed(&diffs)
}

/// `a - b` for each pair, as typed bytes.
fn differences(pairs: impl Iterator<Item = (usize, usize)>) -> Vec<u8> {
    let wide = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    signed(&pairs.map(|(a, b)| wide(a).wrapping_sub(wide(b))).collect::<Vec<_>>())
}

/// A column of strings as its distinct values and each one's index among them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Distinct<'a> {
    /// The distinct values, in order of first appearance.
    pub values: Vec<&'a str>,
    codes: Vec<u32>,
    index: Map<&'a str, u32>,
    /// The code of the empty value, once seen: it is never looked up in `index` (see `same`).
    empty: Option<u32>,
}

/// Whether two strings are equal, never calling `memcmp` on two empty ones: an empty `String`'s
/// pointer is dangling, and glibc's AVX-512 `memcmp` loads from it under a zero mask, which the
/// CPU serves by a microcode assist (~100 ns a call, 80% of a layout's packing on a page of
/// list items with no `alt` or `src`).
///
/// ```
/// use _core::pack::same;
/// assert!(same("", &String::new()) && same("li", "li") && !same("li", "ul") && !same("", "li"));
/// ```
#[inline]
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}

impl<'a> Distinct<'a> {
    /// The column `values`.
    pub fn of(values: impl Iterator<Item = &'a str>) -> Self {
        let mut d = Distinct::default();
        for v in values {
            d.push(v);
        }
        d
    }

    /// Values found by comparing them all, before a map is made.
    const FEW: usize = 8;

    /// The next value (the same as the one before, or one of a few, is told without hashing).
    fn push(&mut self, value: &'a str) -> u32 {
        let code = match self.codes.last() {
            Some(&last) if same(self.values[last as usize], value) => last,
            _ if value.is_empty() => match self.empty {
                Some(code) => code,
                None => {
                    let code = self.add(value);
                    self.empty = Some(code);
                    code
                }
            },
            _ => self.find(value),
        };
        self.codes.push(code);
        code
    }

    /// A value not empty: its code, found or new.
    fn find(&mut self, value: &'a str) -> u32 {
        if self.values.len() <= Self::FEW {
            if let Some(k) = self.values.iter().position(|&v| same(v, value)) {
                return k as u32;
            }
        } else if let Some(&code) = self.index.get(value) {
            return code;
        }
        self.add(value)
    }

    /// A value not seen before: its new code.
    fn add(&mut self, value: &'a str) -> u32 {
        let code = self.values.len() as u32;
        self.values.push(value);
        if self.values.len() > Self::FEW {
            if self.index.is_empty() {
                self.index.extend(self.values.iter().enumerate().map(|(k, &v)| (v, k as u32)));
            } else {
                self.index.insert(value, code);
            }
        }
        code
    }

    /// The column of one field of the blocks' labels, each label's value found once.
    fn of_labels(table: &'a BlockTable, field: impl Fn(&'a Label) -> &'a str) -> Self {
        let labels = table.labels();
        let mut codes: Vec<Option<u32>> = vec![None; labels.len()];
        let mut d = Distinct::default();
        for i in 0..table.len() {
            let k = table.label_index(i).filter(|&k| k < labels.len());
            match k.and_then(|k| codes[k]) {
                Some(code) => d.codes.push(code),
                None => {
                    let code = d.push(k.map_or("", |k| field(&labels[k])));
                    if let Some(k) = k {
                        codes[k] = Some(code);
                    }
                }
            }
        }
        d
    }

    /// The indexes as typed bytes; `None` when the column holds one value.
    pub fn indexes(&self) -> Option<Vec<u8>> {
        (self.values.len() != 1).then(|| indexes(self.values.len(), &self.codes))
    }
}

/// How a packed table holds the texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Texts<'a> {
    /// Joined (UTF-8) with the length of each in code points (joined here for a table that
    /// reads its texts in its page, [`BlockTable::from_page`]).
    Joined(Cow<'a, str>, Vec<u8>),
    /// A text dump's blocks: the page's slices `page[start:end]`, but for the blocks listed
    /// (their indexes, typed, and their texts).
    Page(Vec<u8>, Vec<&'a str>),
}

/// A page's blocks, packed (the core's columns: texts, kinds, starts, ends, paths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedTable<'a> {
    pub texts: Texts<'a>,
    pub kinds: Distinct<'a>,
    /// The starts, each from the one before.
    pub starts: Vec<u8>,
    /// Each end less its start.
    pub ends: Vec<u8>,
    pub paths: Distinct<'a>,
}

/// The blocks of `table` packed; `page`: the text dump they were split from (WTF-8), whose
/// slices the texts are but for the blocks whose text is not `page[start:end]` (joined lines).
/// `kept`: each block's kept flag, when the kept blocks' texts cross as the article's text
/// ([`body`]): without a page, the joined texts are then the other blocks' only (each block's
/// length is still given).
///
/// ```
/// use _core::blocks::table::BlockTable;
/// use _core::blocks::text::text_blocks;
/// use _core::pack::{pack_table, Texts};
/// let page = "标题\n  • 条目\n    续行\n";
/// let table = BlockTable::from_dump(text_blocks(page));
/// let packed = pack_table(&table, Some(page.as_bytes()), None);
/// assert_eq!(packed.texts, Texts::Page(b"b\x01".to_vec(), vec!["条目\n续行"]));
/// assert_eq!((packed.kinds.values, packed.starts), (vec!["line", "list-item"], b"b\x00\x07".to_vec()));
/// ```
pub fn pack_table<'a>(table: &'a BlockTable, page: Option<&[u8]>, kept: Option<&[bool]>) -> PackedTable<'a> {
    let n = table.len();
    let spans = || (0..n).filter_map(|i| table.span(i));
    let texts = match page {
        None => {
            let lengths: Vec<i64> = match table.text_chars() {
                Some(chars) => chars.iter().map(|&c| c as i64).collect(),
                None => table.texts().map(|t| crate::pystr::len(t.as_bytes()) as i64).collect(),
            };
            let joined = match kept {
                Some(kept) => Cow::Owned(table.texts().zip(kept).filter(|&(_, &k)| !k).map(|(t, _)| t).collect()),
                None => table.joined().map_or_else(|| Cow::Owned(table.texts().collect()), Cow::Borrowed),
            };
            Texts::Joined(joined, signed(&lengths))
        }
        Some(page) => {
            let mut cursor = Cursor::default();
            let (mut odd, mut odd_texts) = (Vec::new(), Vec::new());
            for (i, (text, (start, end))) in table.texts().zip(spans()).enumerate() {
                if !is_slice(page, &mut cursor, text, start, end) {
                    odd.push(i as i64);
                    odd_texts.push(text);
                }
            }
            Texts::Page(signed(&odd), odd_texts)
        }
    };
    PackedTable {
        texts,
        kinds: Distinct::of_labels(table, |l| l.kind),
        starts: deltas(spans().map(|s| s.0)),
        ends: differences(spans().map(|(start, end)| (end, start))),
        paths: Distinct::of_labels(table, |l| &l.path),
    }
}

/// The texts of the blocks `kept` flags (one flag a block), joined with line breaks, as UTF-8:
/// the article's text when it is the kept blocks' (`pipeline.Cleaner.extract`), which a
/// Document then sends once (its kept blocks' texts are cut from it).
///
/// ```
/// use _core::blocks::table::BlockTable;
/// use _core::blocks::text::text_blocks;
/// use _core::pack::body;
/// let table = BlockTable::from_dump(text_blocks("导航\n正文一。\n正文二。\n"));
/// assert_eq!(body(&table, &[false, true, true]), "正文一。\n正文二。".as_bytes());
/// ```
pub fn body(table: &BlockTable, kept: &[bool]) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, (text, _)) in table.texts().zip(kept).filter(|&(_, &k)| k).enumerate() {
        if k > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(text.as_bytes());
    }
    out
}

/// Whether `text` is `page[start:end]` (`page` WTF-8, offsets in code points), checked at the
/// byte offset of `start` (`cursor` moves there, and past the text when it is the slice).
fn is_slice(page: &[u8], cursor: &mut Cursor, text: &str, start: usize, end: usize) -> bool {
    // A few characters ahead (a line break, a bullet: the gap between two blocks) are stepped
    // over here; the cursor skips longer runs a chunk at a time
    while cursor.chars < start && start - cursor.chars <= SHORT_GAP && cursor.bytes < page.len() {
        cursor.bytes += 1;
        while page.get(cursor.bytes).is_some_and(|&b| b & 0xC0 == 0x80) {
            cursor.bytes += 1;
        }
        cursor.chars += 1;
    }
    let at = if cursor.chars == start { cursor.bytes } else { cursor.seek(page, start) };
    let text = text.as_bytes();
    if cursor.chars != start || page.get(at..at + text.len()) != Some(text) {
        return false; // `start` past the page's end, or other characters there
    }
    if crate::pystr::len(text) != end.wrapping_sub(start) {
        return false;
    }
    *cursor = Cursor { chars: end, bytes: at + text.len() };
    true
}

/// Characters between two blocks stepped over one by one.
const SHORT_GAP: usize = 16;

/// A column of the layout, packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column<'a> {
    /// Typed bytes.
    Ints(Vec<u8>),
    /// Distinct values and indexes.
    Strings(Distinct<'a>),
    /// The values as they are.
    List(Vec<&'a str>),
}

/// The rows of one part of a layout (elements, links, raw texts) as packed columns.
pub type Rows<'a> = (usize, Vec<Column<'a>>);

/// The walk's layout as the columns `columns._LAYOUT_PARTS` names: the elements (`tag`,
/// `first` from the one before, `end` less `first`, `parent`, `colspan`, `rowspan`, `alt`,
/// `src`), the links (`block` from the one before, `text`, `href`) and the raw texts (`index`
/// from the one before, `text`).
///
/// ```
/// use _core::blocks::html::builder::Layout;
/// use _core::pack::{pack_layout, Column};
/// let mut layout = Layout::new(true, true);
/// layout.open("ul", 0, None, None);
/// layout.open("li", 0, None, None);
/// layout.close(1);
/// layout.close(2);
/// let (elements, links, _) = pack_layout(&layout);
/// assert_eq!((elements.0, links.0), (2, 0));
/// assert_eq!(elements.1[2], Column::Ints(b"b\x02\x01".to_vec())); // ends less firsts
/// ```
pub fn pack_layout(layout: &Layout) -> (Rows<'_>, Rows<'_>, Rows<'_>) {
    let e = &layout.elements;
    let elements = vec![
        Column::Strings(Distinct::of(e.iter().map(|e| e.tag))),
        Column::Ints(deltas(e.iter().map(|e| e.first))),
        Column::Ints(differences(e.iter().map(|e| (e.end, e.first)))),
        Column::Ints(signed(&e.iter().map(|e| e.parent).collect::<Vec<_>>())),
        Column::Ints(signed(&e.iter().map(|e| i64::from(e.colspan)).collect::<Vec<_>>())),
        Column::Ints(signed(&e.iter().map(|e| i64::from(e.rowspan)).collect::<Vec<_>>())),
        Column::Strings(Distinct::of(e.iter().map(|e| e.alt.as_str()))),
        Column::Strings(Distinct::of(e.iter().map(|e| e.src.as_str()))),
    ];
    let l = &layout.links;
    let links = vec![
        Column::Ints(deltas(l.iter().map(|l| l.block))),
        Column::List(l.iter().map(|l| l.text.as_str()).collect()),
        Column::Strings(Distinct::of(l.iter().map(|l| l.href.as_str()))),
    ];
    let r = &layout.raw;
    let raw = vec![Column::Ints(deltas(r.iter().map(|r| r.0))), Column::List(r.iter().map(|r| r.1.as_str()).collect())];
    ((e.len(), elements), (l.len(), links), (r.len(), raw))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::text::text_blocks;

    /// Typed bytes back as values (what `columns._array` reads).
    fn values(typed: &[u8]) -> Vec<i64> {
        let width = match typed[0] {
            b'b' | b'B' => 1,
            b'h' | b'H' => 2,
            b'i' | b'I' => 4,
            _ => 8,
        };
        let signed = typed[0].is_ascii_lowercase();
        typed[1..]
            .chunks(width)
            .map(|c| {
                let mut wide = [if signed && c[width - 1] & 0x80 != 0 { 0xFF } else { 0 }; 8];
                wide[..width].copy_from_slice(c);
                i64::from_le_bytes(wide)
            })
            .collect()
    }

    fn sum(typed: &[u8]) -> Vec<i64> {
        values(typed).iter().scan(0, |s, v| Some(*s + v).inspect(|t| *s = *t)).collect()
    }

    #[test]
    fn ints_take_the_narrowest_width() {
        for (vs, code) in [
            (vec![0, 127, -128], b'b'),
            (vec![128], b'h'),
            (vec![-32_769], b'i'),
            (vec![1 << 31], b'q'),
            (vec![i64::MIN, i64::MAX], b'q'),
        ] {
            let typed = signed(&vs);
            assert_eq!((typed[0], values(&typed)), (code, vs));
        }
        assert_eq!(indexes(256, &[255]), b"B\xff");
        assert_eq!(indexes(257, &[256]), b"H\x00\x01");
        assert_eq!(values(&indexes(70_000, &[65_536, 3])), [65_536, 3]);
    }

    /// Every dump's blocks come back from the packed columns, texts from the page's slices.
    #[test]
    fn a_dumps_blocks_come_back() {
        for page in [
            "",
            "标题\n正文第一段。\n\n  • 条目一\n    条目一的摘要\n  • 条目二\n",
            "城市    投资\n上海    120亿元\n",
            "aÄ字😀\r\n\u{3000}b\u{3000}\n  1. x\n     y\n\n\n",
        ] {
            let table = BlockTable::from_dump(text_blocks(page));
            let packed = pack_table(&table, Some(page.as_bytes()), None);
            let Texts::Page(odd, odd_texts) = &packed.texts else { panic!("a dump's texts") };
            let chars: Vec<char> = page.chars().collect();
            let (starts, lengths) = (sum(&packed.starts), values(&packed.ends));
            let odd = values(odd);
            for i in 0..table.len() {
                let (start, end) = (starts[i] as usize, (starts[i] + lengths[i]) as usize);
                assert_eq!(table.span(i), Some((start, end)));
                let text = match odd.iter().position(|&k| k as usize == i) {
                    Some(k) => odd_texts[k].to_string(),
                    None => chars[start..end].iter().collect(),
                };
                assert_eq!(table.text(i), Some(text.as_str()), "{page:?} block {i}");
                assert_eq!(packed.kinds.values[packed.kinds.codes[i] as usize], table.kind(i).unwrap());
            }
            assert_eq!(packed.paths.values.len(), usize::from(!table.is_empty()));
        }
    }

    #[test]
    fn texts_that_are_not_the_page_are_kept() {
        let page = "甲乙\n丙\n";
        let table = BlockTable::from_dump(text_blocks(page));
        let other = "甲乙\n丁\n"; // another page of the same spans
        let packed = pack_table(&table, Some(other.as_bytes()), None);
        assert_eq!(packed.texts, Texts::Page(b"b\x01".to_vec(), vec!["丙"]));
        let short = pack_table(&table, Some("甲".as_bytes()), None); // spans past its end
        assert_eq!(short.texts, Texts::Page(b"b\x00\x01".to_vec(), vec!["甲乙", "丙"]));
    }

    #[test]
    fn an_html_pages_texts_are_joined() {
        use crate::blocks::html::builder::Block;
        let label = |kind, path: &str| Label { kind, path: path.into(), hints: String::new(), tag: "p" };
        let block = |text: &str, start, label| Block {
            text: text.into(),
            chars: text.chars().count(),
            start,
            end: start + 9,
            link_chars: 0,
            links: 0,
            label,
        };
        let table = BlockTable::from_html(
            vec![block("首页", 4, 1), block("正文。", 20, 0), block("", 20, 1)],
            vec![label("paragraph", "body>p"), label("list-item", "body>ul>li")],
        );
        let packed = pack_table(&table, None, None);
        assert_eq!(packed.texts, Texts::Joined("首页正文。".into(), b"b\x02\x03\x00".to_vec()));
        assert_eq!(packed.kinds.values, ["list-item", "paragraph"]);
        assert_eq!(packed.kinds.indexes(), Some(b"B\x00\x01\x00".to_vec()));
        assert_eq!((sum(&packed.starts), values(&packed.ends)), (vec![4, 20, 20], vec![9, 9, 9]));
        assert_eq!(packed.paths.values, ["body>ul>li", "body>p"]);
        // kept texts crossing as the article's: the others' joined, every length given
        let kept = [false, true, true];
        let apart = pack_table(&table, None, Some(&kept));
        assert_eq!(apart.texts, Texts::Joined("首页".into(), b"b\x02\x03\x00".to_vec()));
        assert_eq!(body(&table, &kept), "正文。\n".as_bytes()); // (the empty last block's line)
        assert_eq!(body(&table, &[true, false, false]), "首页".as_bytes());
        assert_eq!(body(&table, &[false; 3]), b"");
        let nothing = BlockTable::default();
        let empty = pack_table(&nothing, None, None);
        assert_eq!(
            (empty.texts, empty.kinds.indexes()),
            (Texts::Joined("".into(), b"b".to_vec()), Some(b"B".to_vec()))
        );
    }

    /// Each value's code is that of its first appearance, empty values among them (found apart
    /// from the others: see `same`), with few distinct values and with many (the map).
    #[test]
    fn codes_are_first_appearances_with_empty_values() {
        let mut rng = crate::test_rng::Rng(0xD157);
        for distinct in [3usize, 40] {
            let pool: Vec<String> =
                (0..distinct).map(|k| if k % 3 == 0 { String::new() } else { format!("v{k}") }).collect();
            let column: Vec<&str> = (0..500).map(|_| pool[rng.below(distinct)].as_str()).collect();
            let d = Distinct::of(column.iter().copied());
            let mut firsts: Vec<&str> = Vec::new();
            for v in &column {
                if !firsts.contains(v) {
                    firsts.push(v);
                }
            }
            assert_eq!(d.values, firsts);
            let codes: Vec<u32> = column.iter().map(|v| firsts.iter().position(|f| f == v).unwrap() as u32).collect();
            assert_eq!(d.codes, codes);
        }
    }

    #[test]
    fn one_value_needs_no_indexes() {
        let d = Distinct::of(["", "", ""].into_iter());
        assert_eq!((d.indexes(), d.values), (None, vec![""]));
    }
}
