//! Where a block's text is in the page source: its first and last "anchor" (a run of 2 to 12
//! characters that are neither whitespace nor markup-special) searched for ahead of a cursor.
//! The offsets are Python's: characters (code points) of the decoded page, not bytes.

use super::whitespace::{char_len, is_py_space};
use memchr::memmem;

/// How far ahead of the last block the next block's text is searched for (characters).
const WINDOW: usize = 256 * 1024;
/// The window once failed searches have used up their budget.
const SMALL_WINDOW: usize = 4096;
/// Failed searches may scan this many times the page before the window shrinks.
const BUDGET_PASSES: i64 = 8;

/// Char <-> byte offsets of a UTF-8 string: the number of characters before every block of
/// 256 bytes (a byte count that vectorises, instead of a walk over the characters).
pub struct CharIndex<'a> {
    text: &'a str,
    ascii: bool,
    chars_before: Vec<usize>,
    chars: usize,
}

const BLOCK: usize = 256;

/// True for the first byte of a UTF-8 character.
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| starts_char(b)).count()
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return CharIndex { text, ascii: true, chars_before: Vec::new(), chars: text.len() };
        }
        let mut chars_before = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut chars = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before.push(chars);
            chars += count_chars(block);
        }
        CharIndex { text, ascii: false, chars_before, chars }
    }

    /// The number of characters.
    pub fn len(&self) -> usize {
        self.chars
    }

    /// True for the empty string.
    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }

    /// The byte offset of character `index` (the end for `index >= len`).
    pub fn byte_of(&self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        if index >= self.chars {
            return self.text.len();
        }
        let block = self.chars_before.partition_point(|&c| c <= index) - 1;
        let mut rest = index - self.chars_before[block];
        for (at, &byte) in self.text.as_bytes()[block * BLOCK..].iter().enumerate() {
            if starts_char(byte) {
                if rest == 0 {
                    return block * BLOCK + at;
                }
                rest -= 1;
            }
        }
        self.text.len()
    }

    /// The character index of byte offset `byte` (a char boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let block = (byte / BLOCK).min(self.chars_before.len().saturating_sub(1));
        self.chars_before.get(block).copied().unwrap_or(0) + count_chars(&self.text.as_bytes()[block * BLOCK..byte])
    }
}

/// True for the characters of an anchor: `[^\s&<>"'\xa0]`.
fn is_anchor_char(c: char) -> bool {
    !(is_py_space(c) || matches!(c, '&' | '<' | '>' | '"' | '\''))
}

/// The runs of anchor characters in `text`, as (byte start, byte end, characters).
fn runs(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (start, c) = iter.next()?;
        if !is_anchor_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut count = 1;
        while let Some(&(at, c)) = iter.peek() {
            if !is_anchor_char(c) {
                break;
            }
            iter.next();
            end = at + c.len_utf8();
            count += 1;
        }
        return Some((start, end, count));
    })
}

/// The prefix of `text` of `n` characters.
fn prefix(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// `_ANCHOR.search(text)`: the first 2 to 12 anchor characters in a row.
pub fn first_anchor(text: &str) -> Option<&str> {
    runs(text).find(|&(_, _, n)| n >= 2).map(|(start, end, _)| prefix(&text[start..end], 12))
}

/// `_ANCHOR.findall(text)[-1]`: the last match when runs are cut in 12-character pieces.
pub fn last_anchor(text: &str) -> Option<&str> {
    let (start, end, n) = runs(text).filter(|&(_, _, n)| n >= 2).last()?;
    let run = &text[start..end];
    let rest = n % 12;
    let first = if rest >= 2 { n - rest } else { n - rest - 12 };
    let from = run.char_indices().nth(first).map_or(run.len(), |(at, _)| at);
    Some(prefix(&run[from..], if rest >= 2 { rest } else { 12 }))
}

/// The last `n` characters of `text` (`text[-n:]`).
fn suffix(text: &str, n: usize) -> &str {
    match text.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((at, _)) if n > 0 => &text[at..],
        _ if n == 0 => "",
        _ => text,
    }
}

/// The cursor and budget of the best-effort source spans (`_Builder._locate` and `_find`).
pub struct Locator<'a> {
    source: &'a str,
    index: CharIndex<'a>,
    cursor: usize,
    budget: i64,
}

impl<'a> Locator<'a> {
    pub fn new(source: &'a str) -> Self {
        let index = CharIndex::new(source);
        let budget = BUDGET_PASSES * index.len() as i64 + WINDOW as i64;
        Locator { source, index, cursor: 0, budget }
    }

    /// The span of `raw` (`parts` joined): its first anchor at or after the cursor, to the
    /// end of its last anchor after that; the cursor moves to the span's end.
    pub fn locate(&mut self, parts: &[&str], raw: &str) -> (usize, usize) {
        let first = first_anchor(parts[0]).or_else(|| if parts.len() > 1 { first_anchor(raw) } else { None });
        let Some(anchor) = first else { return (self.cursor, self.cursor) };
        let Some(pos) = self.find(anchor, self.cursor) else { return (self.cursor, self.cursor) };
        let start = pos;
        let mut end = pos + char_len(anchor);
        let last_part = parts[parts.len() - 1];
        if parts.len() > 1 || char_len(raw) > 24 {
            if let Some(anchor) = last_anchor(suffix(last_part, 64)) {
                if let Some(tail) = self.find(anchor, end) {
                    end = tail + char_len(anchor);
                }
            }
        }
        self.cursor = end;
        (start, end)
    }

    /// `source.find(anchor, start, start + window)`, the failures charged to the budget.
    fn find(&mut self, anchor: &str, start: usize) -> Option<usize> {
        let window = if self.budget > 0 { WINDOW } else { SMALL_WINDOW };
        let stop = (start + window).min(self.index.len());
        let from = self.index.byte_of(start);
        let to = self.index.byte_of(stop).max(from);
        let found = memmem::find(&self.source.as_bytes()[from..to], anchor.as_bytes());
        let pos = found.map(|at| self.index.char_of(from + at));
        self.budget -= (pos.unwrap_or(stop.max(start)) - start) as i64;
        pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trips() {
        let text: String = (0..500).map(|i| if i % 3 == 0 { '新' } else { 'a' }).collect();
        let index = CharIndex::new(&text);
        for (i, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.byte_of(i), byte);
            assert_eq!(index.char_of(byte), i);
        }
        assert_eq!(index.byte_of(500), text.len());
        assert_eq!(index.char_of(text.len()), 500);
    }

    #[test]
    fn anchors_like_the_regex() {
        assert_eq!(first_anchor("a 新闻报道"), Some("新闻报道"));
        assert_eq!(first_anchor("a b &c"), None);
        assert_eq!(first_anchor("一二三四五六七八九十甲乙丙"), Some("一二三四五六七八九十甲乙"));
        assert_eq!(last_anchor("ab cd"), Some("cd"));
        assert_eq!(last_anchor("ab c"), Some("ab"));
        // 13 characters: findall gives the first 12 and drops the 13th.
        assert_eq!(last_anchor("abcdefghijklm"), Some("abcdefghijkl"));
        assert_eq!(last_anchor("abcdefghijklmn"), Some("mn"));
        assert_eq!(last_anchor("abcdefghijkl"), Some("abcdefghijkl"));
        assert_eq!(suffix("新闻报道", 2), "报道");
        assert_eq!(suffix("ab", 64), "ab");
    }

    #[test]
    fn locate_moves_on() {
        let source = "<p>今天下雨</p><p>明天 晴朗</p>";
        let mut locator = Locator::new(source);
        assert_eq!(locator.locate(&["今天下雨"], "今天下雨"), (3, 7));
        assert_eq!(locator.locate(&["明天 ", "晴朗"], "明天 晴朗"), (14, 19));
        assert_eq!(locator.locate(&["不在"], "不在"), (19, 19));
    }
}
