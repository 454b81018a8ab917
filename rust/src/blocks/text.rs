//! Stage 2 for plain-text dumps: a dump -> its blocks (`cleantext/blocks/text.py`).
//!
//! The dump is the form crawlers store (`w3m -dump`, Common Crawl WET): one paragraph per line,
//! list items as `  • item` with indented continuation lines, table cells laid side by side with
//! runs of spaces, paragraphs a dump wrapped at a fixed column. Offsets are exact and counted in
//! characters (code points), as Python indexes a `str`.
//!
//! The rules are those of the Python splitter this replaced, character for character (the
//! differential tests in `tests/test_native_text.py` keep that oracle): whitespace is Python's
//! `str.isspace()` ([`is_py_space`]), and a digit in a numbered bullet is `re`'s `\d`, Unicode's
//! decimal digits ([`is_decimal`], the table of Python 3.11, Unicode 14).

use super::html::builder::Budget;
use super::whitespace::{char_len, is_py_space};
use super::width::{columns, columns_past};
use std::borrow::Cow;

/// Lines one list item holds at most; longer runs of continuation lines start a new item
/// (keeps per-item work bounded however a dump is shaped).
pub const MAX_ITEM_LINES: usize = 64;
/// Blank-line-separated parts a list item holds at most (a headline, its summary, its date and
/// source); an item with more is an article set inside a list element, and each line after its
/// first part is a block of its own.
pub const MAX_ITEM_PARTS: usize = 4;

/// What a block of a dump is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A line, a table cell of a line, or the wrapped lines of one paragraph joined.
    Line,
    /// A bulleted or numbered item with its indented continuation lines.
    ListItem,
}

impl Kind {
    /// The `kind` of the Python `RawBlock`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Line => "line",
            Kind::ListItem => "list-item",
        }
    }
}

/// One block: its text (a slice of the dump unless lines were joined) and its character span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock<'a> {
    pub text: Cow<'a, str>,
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// A stripped piece of a line and its character span in the dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cell<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// A line of the dump (trailing `\r`s removed), where it starts, and facts read once.
#[derive(Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    /// `line.rstrip()`.
    trimmed: &'a str,
    offset: usize,
    /// `len(line.rstrip())`.
    trimmed_len: usize,
    /// `not line.strip()`.
    blank: bool,
    /// The bytes of the dump up to the line's end (its line break included).
    read: usize,
}

/// The decimal digits (`str.isdecimal()`, `re`'s `\d` in a `str` pattern), Python 3.11's
/// table (Unicode 14.0): 62 runs of ten (one of fifty, the mathematical digits).
pub const DECIMAL_RUNS: [(char, char); 62] = [
    ('\u{30}', '\u{39}'),
    ('\u{660}', '\u{669}'),
    ('\u{6f0}', '\u{6f9}'),
    ('\u{7c0}', '\u{7c9}'),
    ('\u{966}', '\u{96f}'),
    ('\u{9e6}', '\u{9ef}'),
    ('\u{a66}', '\u{a6f}'),
    ('\u{ae6}', '\u{aef}'),
    ('\u{b66}', '\u{b6f}'),
    ('\u{be6}', '\u{bef}'),
    ('\u{c66}', '\u{c6f}'),
    ('\u{ce6}', '\u{cef}'),
    ('\u{d66}', '\u{d6f}'),
    ('\u{de6}', '\u{def}'),
    ('\u{e50}', '\u{e59}'),
    ('\u{ed0}', '\u{ed9}'),
    ('\u{f20}', '\u{f29}'),
    ('\u{1040}', '\u{1049}'),
    ('\u{1090}', '\u{1099}'),
    ('\u{17e0}', '\u{17e9}'),
    ('\u{1810}', '\u{1819}'),
    ('\u{1946}', '\u{194f}'),
    ('\u{19d0}', '\u{19d9}'),
    ('\u{1a80}', '\u{1a89}'),
    ('\u{1a90}', '\u{1a99}'),
    ('\u{1b50}', '\u{1b59}'),
    ('\u{1bb0}', '\u{1bb9}'),
    ('\u{1c40}', '\u{1c49}'),
    ('\u{1c50}', '\u{1c59}'),
    ('\u{a620}', '\u{a629}'),
    ('\u{a8d0}', '\u{a8d9}'),
    ('\u{a900}', '\u{a909}'),
    ('\u{a9d0}', '\u{a9d9}'),
    ('\u{a9f0}', '\u{a9f9}'),
    ('\u{aa50}', '\u{aa59}'),
    ('\u{abf0}', '\u{abf9}'),
    ('\u{ff10}', '\u{ff19}'),
    ('\u{104a0}', '\u{104a9}'),
    ('\u{10d30}', '\u{10d39}'),
    ('\u{11066}', '\u{1106f}'),
    ('\u{110f0}', '\u{110f9}'),
    ('\u{11136}', '\u{1113f}'),
    ('\u{111d0}', '\u{111d9}'),
    ('\u{112f0}', '\u{112f9}'),
    ('\u{11450}', '\u{11459}'),
    ('\u{114d0}', '\u{114d9}'),
    ('\u{11650}', '\u{11659}'),
    ('\u{116c0}', '\u{116c9}'),
    ('\u{11730}', '\u{11739}'),
    ('\u{118e0}', '\u{118e9}'),
    ('\u{11950}', '\u{11959}'),
    ('\u{11c50}', '\u{11c59}'),
    ('\u{11d50}', '\u{11d59}'),
    ('\u{11da0}', '\u{11da9}'),
    ('\u{16a60}', '\u{16a69}'),
    ('\u{16ac0}', '\u{16ac9}'),
    ('\u{16b50}', '\u{16b59}'),
    ('\u{1d7ce}', '\u{1d7ff}'),
    ('\u{1e140}', '\u{1e149}'),
    ('\u{1e2f0}', '\u{1e2f9}'),
    ('\u{1e950}', '\u{1e959}'),
    ('\u{1fbf0}', '\u{1fbf9}'),
];

/// `re`'s `\d` in a `str` pattern ([`DECIMAL_RUNS`]).
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let k = DECIMAL_RUNS.partition_point(|&(_, last)| last < c);
    k < DECIMAL_RUNS.len() && DECIMAL_RUNS[k].0 <= c
}

/// The bullet characters of `_BULLET`.
fn is_bullet_char(c: char) -> bool {
    matches!(c, '•' | '·' | '*' | '▪' | '◦' | '●' | '○' | '■' | '□' | '◆' | '◇' | '►' | '▸' | '‣' | '⁃')
}

/// The characters a table gap is a run of (`_CELL_GAP`).
#[cfg(test)]
fn is_gap_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// A table gap is a run of this many gap characters or more.
const MIN_GAP: usize = 4;

/// The characters that end a sentence, so a long line ending in one is not wrapped.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…' | '”' | '’' | '」' | '』' | '）' | ')')
}

/// `_HAN`: the CJK unified ideographs (extension A and the main block).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}')
}

/// The byte length and character count of the leading characters of `text` that satisfy `keep`
/// (ASCII read as bytes, the usual run of spaces, then character by character).
fn leading(text: &str, keep: impl Fn(char) -> bool) -> (usize, usize) {
    let ascii = text.bytes().position(|b| !b.is_ascii() || !keep(char::from(b))).unwrap_or(text.len());
    if text.as_bytes().get(ascii).is_none_or(u8::is_ascii) {
        return (ascii, ascii);
    }
    let mut bytes = ascii;
    let mut chars = ascii;
    for c in text[ascii..].chars() {
        if !keep(c) {
            break;
        }
        bytes += c.len_utf8();
        chars += 1;
    }
    (bytes, chars)
}

/// Where the bullet of `line` ends, in bytes and characters, if the line starts with one:
/// `_BULLET.match(line)`, i.e. `[ \t]*(?:[•·*…]|\d{1,3}[.、)]|[（(]\d{1,3}[)）])[ \t\u3000]`.
/// No backtracking can change the outcome: neither spaces nor tabs can start a bullet, and a run
/// of four digits cannot end in the punctuation after at most three.
fn bullet_end(line: &str) -> Option<(usize, usize)> {
    let mut chars = line.trim_start_matches([' ', '\t']).chars();
    match chars.next()? {
        c if is_bullet_char(c) => {}
        c if is_decimal(c) => digits_then(&mut chars, 1, &['.', '、', ')'])?,
        '（' | '(' => digits_then(&mut chars, 0, &[')', '）'])?,
        _ => return None,
    }
    if !matches!(chars.next()?, ' ' | '\t' | '\u{3000}') {
        return None;
    }
    let end = line.len() - chars.as_str().len();
    Some((end, char_len(&line[..end])))
}

/// Reads the rest of a run of at most three decimal digits (`run` of them read already), and
/// one of `closers` after it.
fn digits_then(chars: &mut std::str::Chars<'_>, mut run: usize, closers: &[char]) -> Option<()> {
    loop {
        let c = chars.next()?;
        if is_decimal(c) && run < 3 {
            run += 1;
        } else if run > 0 && closers.contains(&c) {
            return Some(());
        } else {
            return None;
        }
    }
}

/// `piece.strip()` as a cell whose piece starts `start` characters into the dump, or `None`
/// when nothing is left.
fn stripped_cell(piece: &str, start: usize) -> Option<Cell<'_>> {
    let (lead_bytes, lead_chars) = leading(piece, is_py_space);
    let body = piece[lead_bytes..].trim_end_matches(is_py_space);
    if body.is_empty() {
        return None;
    }
    let start = start + lead_chars;
    Some(Cell { text: body, start, end: start + char_len(body) })
}

/// A line cut at runs of 4+ gap characters (table columns laid side by side), each piece
/// stripped, with offsets (`_cells`). The runs are found on bytes ([`next_gap_run`]), and the
/// characters counted only up to each cut.
fn cells<'a>(line: &'a str, offset: usize, trimmed_len: usize, out: &mut Vec<Cell<'a>>) {
    out.clear();
    let (mut piece_byte, mut piece_char) = (0, 0); // where the current piece starts
    if may_hold_gap(line) {
        let (mut at, mut nbsp) = (0, None);
        while let Some((start, end, run)) = next_gap_run(line.as_bytes(), at, &mut nbsp) {
            if run >= MIN_GAP {
                out.extend(stripped_cell(&line[piece_byte..start], offset + piece_char));
                piece_char += char_len(&line[piece_byte..end]);
                piece_byte = end;
            }
            at = end;
        }
    }
    // the last piece ends where the line does, its trailing spaces aside: `trimmed_len` characters in
    let (lead_bytes, lead_chars) = leading(&line[piece_byte..], is_py_space);
    let body = line[piece_byte + lead_bytes..].trim_end_matches(is_py_space);
    if !body.is_empty() {
        out.push(Cell { text: body, start: offset + piece_char + lead_chars, end: offset + trimmed_len });
    }
}

/// The width in bytes of the gap character at `at` of `b` (a space, a tab, U+00A0, U+3000), 0
/// if none starts there.
fn gap_width(b: &[u8], at: usize) -> usize {
    match b.get(at..).unwrap_or_default() {
        [b' ' | b'\t', ..] => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// The next maximal run of gap characters of the UTF-8 line `b` at or after byte `from` (a
/// character boundary not inside a run): its first byte, the byte after it and its characters.
/// Found by searching for the first bytes of gap characters (`nbsp`: where the next 0xC2 byte is,
/// at or after `from`, if looked for already: kept between calls).
fn next_gap_run(b: &[u8], from: usize, nbsp: &mut Option<usize>) -> Option<(usize, usize, usize)> {
    let mut at = from;
    loop {
        if nbsp.is_none_or(|k| k < at) {
            *nbsp = memchr::memchr(0xC2, b.get(at..)?).map(|k| at + k).or(Some(usize::MAX));
        }
        let found = memchr::memchr3(b' ', b'\t', 0xE3, b.get(at..)?).map_or(usize::MAX, |k| at + k);
        let start = found.min(nbsp.unwrap_or(usize::MAX));
        if start == usize::MAX {
            return None;
        }
        let (mut end, mut run) = (start, 0);
        loop {
            // spaces and tabs, the usual run, then a wide one
            let narrow = b.get(end..).unwrap_or_default().iter().take_while(|&&x| x == b' ' || x == b'\t').count();
            end += narrow;
            run += narrow;
            let width = gap_width(b, end);
            if width == 0 {
                break;
            }
            end += width;
            run += 1;
        }
        if run > 0 {
            return Some((start, end, run));
        }
        at = start + 1; // (a 0xC2 or 0xE3 that starts another character)
    }
}

/// Whether `line` holds a gap: a run of [`MIN_GAP`] gap characters or more (where it holds none,
/// [`cells`] cuts nothing: the line is one cell).
#[cfg(test)]
fn has_gap(line: &str) -> bool {
    let (mut at, mut nbsp) = (0, None);
    while let Some((_, end, run)) = next_gap_run(line.as_bytes(), at, &mut nbsp) {
        if run >= MIN_GAP {
            return true;
        }
        at = end;
    }
    false
}

/// False when `line` cannot hold a gap, read on bytes: four gap characters in a row include two
/// adjacent spaces or tabs, or a wide one (U+3000, U+00A0).
fn may_hold_gap(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr2_iter(b' ', b'\t', b).any(|at| matches!(b.get(at + 1), Some(b' ' | b'\t')))
        || memchr::memchr2_iter(0xC2, 0xE3, b).any(|at| matches!(b[at..], [0xC2, 0xA0, ..] | [0xE3, 0x80, 0x80, ..]))
}

/// The widest column a wrapped dump may have been wrapped at (`w3m -dump` wraps at 80).
const MAX_WRAP: usize = 200;

/// The column a dump was wrapped at, and how many lines come within 3 of it (`None`: the lines
/// were not wrapped), from the widths (in columns or characters) of its lines that are not
/// blank: the widest line, if it is at most [`MAX_WRAP`] wide and a third of the lines come
/// within 3 of it. Read in one pass, holding a count for each width (no list of the lines), and
/// no further than the first line wider than that.
fn wrap_fit(widths: impl IntoIterator<Item = usize>) -> Option<(usize, usize)> {
    let mut count = [0usize; MAX_WRAP + 1];
    let mut lines = 0;
    for w in widths {
        *count.get_mut(w)? += 1;
        lines += 1;
    }
    let width = count.iter().rposition(|&n| n > 0)?;
    let near: usize = count[width.saturating_sub(3)..=width].iter().sum();
    (width > 0 && lines >= 4 && near * 3 >= lines).then_some((width, near))
}

/// How a dump's lines were measured when it was wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrap {
    /// In display columns, a CJK character two (`w3m -dump`, `lynx -dump`).
    Columns(usize),
    /// In characters (Python's `textwrap`, `html2text`).
    Chars(usize),
    /// Not wrapped.
    None,
}

impl Wrap {
    /// Whether a line (`trimmed`, `trimmed_len` characters) reaches the wrap column: the
    /// paragraph it belongs to may go on on the next line.
    fn reached_by(self, trimmed: &str, trimmed_len: usize) -> bool {
        match self {
            Wrap::Columns(width) => columns(trimmed) + 3 >= width,
            Wrap::Chars(width) => trimmed_len + 3 >= width,
            Wrap::None => false,
        }
    }
}

/// How the lines of `text` were wrapped ([`wrap_fit`]): in columns or in characters, whichever
/// brings more lines within 3 of the widest (columns on a tie); each line counted no further than
/// past [`MAX_WRAP`], and no line read after the first wider.
fn dump_wrap(text: &str) -> Wrap {
    let lines = || line_texts(text).filter(|t| !t.is_empty());
    let in_columns = wrap_fit(lines().map(|t| columns_past(t, MAX_WRAP)));
    let in_chars = wrap_fit(lines().map(char_len));
    match (in_columns, in_chars) {
        (Some((_, near)), Some((width, more))) if more > near => Wrap::Chars(width),
        (Some((width, _)), _) => Wrap::Columns(width),
        (None, Some((width, _))) => Wrap::Chars(width),
        (None, None) => Wrap::None,
    }
}

/// What goes between a wrapped line and its continuation: nothing next to a CJK character.
fn separator(a: &str, b: &str) -> &'static str {
    let near_han = a.chars().next_back().is_some_and(is_han) || b.chars().next().is_some_and(is_han);
    if !a.is_empty() && !b.is_empty() && near_han {
        ""
    } else {
        " "
    }
}

/// The lines of `text`, split at `\n` only, trailing `\r`s removed, with their offsets; a text
/// ending in a line break has no line after it. One at a time: a dump of millions of (blank)
/// lines holds no list of them.
fn lines(text: &str) -> Lines<'_> {
    Lines { text, offset: 0, start: 0, breaks: memchr::memchr_iter(b'\n', text.as_bytes()), done: false }
}

/// Each line's text as [`lines`] gives it, trailing whitespace removed, and nothing else read.
fn line_texts(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    ends.map(move |end| {
        let piece = text.get(start..end).unwrap_or_default(); // (a line break ends a character)
        start = end + 1;
        piece.trim_end_matches('\r').trim_end_matches(is_py_space)
    })
}

/// The iterator of [`lines`].
struct Lines<'a> {
    text: &'a str,
    /// The character offset of the next line.
    offset: usize,
    /// The byte where the next line starts.
    start: usize,
    breaks: memchr::Memchr<'a>,
    done: bool,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        if self.done {
            return None;
        }
        let end = self.breaks.next();
        let piece = self.text.get(self.start..end.unwrap_or(self.text.len())).unwrap_or_default(); // (a line break ends a character)
        match end {
            Some(at) => self.start = at + 1,
            None => (self.start, self.done) = (self.text.len(), true),
        }
        if piece.is_empty() && end.is_none() {
            return None;
        }
        let line = piece.trim_end_matches('\r');
        let trimmed = line.trim_end_matches(is_py_space);
        let trimmed_len = char_len(trimmed);
        let offset = self.offset;
        self.offset += trimmed_len + char_len(&piece[trimmed.len()..]) + 1;
        Some(Line { text: line, trimmed, offset, trimmed_len, blank: trimmed.is_empty(), read: self.start })
        // (it ends in no space)
    }
}

/// The splitter's state between lines: the open list item and the open wrapped paragraph.
struct Splitter<'a, S: FnMut(TextBlock<'a>)> {
    /// The dump.
    page: &'a str,
    /// The last block, which the next may still join (see [`Splitter::push`]); the blocks
    /// before it have gone to `sink`, `count` of them with it.
    last: Option<TextBlock<'a>>,
    count: usize,
    sink: S,
    /// The lines of the open list item (`None`: no item is open; empty: one is being refilled).
    item: Option<Vec<Cell<'a>>>,
    item_indent: usize,
    /// Where the open item's parts after a blank line begin.
    part_starts: Vec<usize>,
    /// A blank line since the open item's last line.
    after_blank: bool,
    /// The wrapped lines of one paragraph, which may continue on the next line.
    pending: Pending<'a>,
    budget: Budget,
    /// The bytes of the dump read so far (what the budget grows with).
    read: usize,
    /// Whether the last block holds only tiny blocks' text (over the budget, another joins it).
    last_tiny: bool,
}

/// The wrapped lines of one paragraph read so far: its first and last line, and once it has
/// two, their texts joined (no list of the lines: a paragraph of a million wrapped lines holds
/// its text once).
#[derive(Default)]
struct Pending<'a> {
    first: Option<Cell<'a>>,
    last: Option<Cell<'a>>,
    joined: Option<String>,
}

impl<'a> Pending<'a> {
    fn push(&mut self, cell: Cell<'a>) {
        match (self.first, self.last) {
            (Some(first), Some(last)) => {
                let joined = self.joined.get_or_insert_with(|| first.text.to_owned());
                joined.push_str(separator(last.text, cell.text));
                joined.push_str(cell.text);
            }
            _ => self.first = Some(cell),
        }
        self.last = Some(cell);
    }

    /// The paragraph as one block (`None` if no line is pending), and no line pending after.
    fn take(&mut self) -> Option<TextBlock<'a>> {
        let (first, last) = (self.first.take()?, self.last.take()?);
        let text = self.joined.take().map_or(Cow::Borrowed(first.text), Cow::Owned);
        Some(TextBlock { text, kind: Kind::Line, start: first.start, end: last.end })
    }
}

impl<'a, S: FnMut(TextBlock<'a>)> Splitter<'a, S> {
    fn close_item(&mut self) {
        if let Some(item) = self.item.take().filter(|item| !item.is_empty()) {
            let head = if self.part_starts.len() >= MAX_ITEM_PARTS { self.part_starts[0] } else { item.len() };
            let text = if head == 1 {
                Cow::Borrowed(item[0].text)
            } else {
                Cow::Owned(item[..head].iter().map(|c| c.text).collect::<Vec<_>>().join("\n"))
            };
            let (start, end) = (item[0].start, item[head - 1].end);
            self.push(TextBlock { text, kind: Kind::ListItem, start, end });
            for cell in &item[head..] {
                self.push(line_block(cell));
            }
        }
        self.part_starts.clear();
    }

    fn close_pending(&mut self) {
        if let Some(block) = self.pending.take() {
            self.push(block);
        }
    }

    /// Adds a block, or joins it to the last one when the dump is over its block budget (see
    /// [`DUMP_BUDGET`]). A block's size here is its span in the dump (its characters, and for
    /// joined lines the breaks and indents between them: an upper bound).
    fn push(&mut self, block: TextBlock<'a>) {
        let n = self.count;
        let rules = self.budget;
        let (reached, size) = (self.read, block.end.saturating_sub(block.start));
        if n >= rules.floor.saturating_add(rules.per_million.saturating_mul(reached) / 1_000_000) {
            if let Some(last) = self.last.as_mut() {
                let tiny = self.last_tiny && size <= rules.tiny_chars;
                let hard = n >= rules.floor.saturating_add(rules.per_million_hard.saturating_mul(reached) / 1_000_000);
                let joined_size = block.end.saturating_sub(last.start);
                if (tiny || hard) && joined_size <= rules.merge_chars {
                    // (lines one line break apart: the joined text is the dump's, no copy)
                    let slice = match (&last.text, &block.text) {
                        (Cow::Borrowed(a), Cow::Borrowed(b)) => one_break_apart(self.page, a, b),
                        _ => None,
                    };
                    last.text = match slice {
                        Some(both) => Cow::Borrowed(both),
                        None => {
                            let mut text = std::mem::take(&mut last.text).into_owned();
                            text.push('\n');
                            text.push_str(&block.text);
                            Cow::Owned(text)
                        }
                    };
                    last.end = block.end;
                    last.kind = Kind::Line; // (a merged block is no list item: `merged` below)
                    self.last_tiny &= tiny;
                    return;
                }
            }
        }
        self.last_tiny = size <= rules.tiny_chars;
        self.count += 1;
        if let Some(done) = self.last.replace(block) {
            (self.sink)(done);
        }
    }
}

/// `a`, a line break and `b` as one slice of `page`, if `a` and `b` are slices of it one line
/// break apart.
fn one_break_apart<'a>(page: &'a str, a: &str, b: &str) -> Option<&'a str> {
    let base = page.as_ptr() as usize;
    let a_start = (a.as_ptr() as usize).checked_sub(base)?;
    let b_start = (b.as_ptr() as usize).checked_sub(base)?;
    let a_end = a_start.checked_add(a.len())?;
    (b_start == a_end.checked_add(1)? && page.as_bytes().get(a_end) == Some(&b'\n')).then_some(())?;
    page.get(a_start..b_start.checked_add(b.len())?)
}

fn line_block<'a>(cell: &Cell<'a>) -> TextBlock<'a> {
    TextBlock { text: Cow::Borrowed(cell.text), kind: Kind::Line, start: cell.start, end: cell.end }
}

/// The block budget of a dump: the rules of an HTML page's (`blocks/html.py`), counted in the
/// dump's bytes read, as its memory bound is. Past `floor` blocks plus `per_million` per million
/// bytes, a tiny block (a span of at most `tiny_chars`) joins the block before it, its text on a
/// new line, if that one holds only tiny blocks' text; past `per_million_hard` per million, any
/// block does; a joined block spans at most `merge_chars`. A block costs ~500 bytes at the peak
/// (with what the allocator keeps of what the stages freed), and a dump whose text is all kept
/// needs its article as a `str` (two bytes a CJK character) and as much again while it is made:
/// a dump's bound (3 × its bytes + 150 MiB) then holds ~4,000 blocks a MB. Under 60,000 per
/// million characters, a dump of short lines (words, 14 bytes a line) made 43,000 a MB, 335 MiB
/// at the peak for 10 MB; at 6,000 a MB, 50 MB of prose lines (wrapped or not) peaked at 292-318
/// MiB against 293. The dumps a budget leaves as they are: the dev dumps (at most 10,754 blocks,
/// under the floor, though the small ones full of links hold up to 56,000 a MB) and
/// `tests/pages.py`'s article up to ~4 MB (5,650 blocks a MB). A joined block is a line, and the
/// only line with a line break in its text (the pipeline gives it the reason `merged`); lines one
/// line break apart join as the dump's slice that holds them, others are copied. Nothing is lost:
/// every block's text is in the joined one, in order.
pub const DUMP_BUDGET: Budget =
    Budget { floor: 50_000, per_million: 3_000, per_million_hard: 4_000, tiny_chars: 8, merge_chars: 1_000 };

/// Split a text dump into blocks with exact character offsets into `text` (within
/// [`DUMP_BUDGET`]).
pub fn text_blocks(text: &str) -> Vec<TextBlock<'_>> {
    text_blocks_within(text, DUMP_BUDGET)
}

/// [`text_blocks`] within the block budget `budget`.
pub fn text_blocks_within(text: &str, budget: Budget) -> Vec<TextBlock<'_>> {
    let mut blocks = Vec::new();
    split_dump(text, budget, |block| blocks.push(block));
    blocks
}

/// [`text_blocks_within`], each block handed to `sink` as it is made (once the next can no
/// longer join it): a caller that copies the texts it holds frees each as it goes, so no more
/// than one block's joined text is held twice.
pub fn split_dump<'a>(text: &'a str, budget: Budget, sink: impl FnMut(TextBlock<'a>)) {
    let wrap = dump_wrap(text);
    let mut s = Splitter {
        page: text,
        last: None,
        count: 0,
        sink,
        item: None,
        item_indent: 0,
        part_starts: Vec::new(),
        after_blank: false,
        pending: Pending::default(),
        budget,
        read: 0,
        last_tiny: false,
    };
    let mut line_cells = Vec::new();
    for Line { text: line, trimmed, offset, trimmed_len, blank, read } in lines(text) {
        s.read = read;
        if blank {
            s.close_pending();
            s.after_blank = s.item.is_some();
            continue;
        }
        let (_, indent) = leading(line, |c| matches!(c, ' ' | '\t' | '\u{3000}'));
        if let Some((bullet_bytes, bullet_chars)) = bullet_end(line) {
            s.close_pending();
            s.close_item();
            let first = stripped_cell(&line[bullet_bytes..], offset + bullet_chars).unwrap_or(Cell {
                text: line.trim_matches(is_py_space),
                start: offset + indent,
                end: offset + trimmed_len,
            });
            s.item = Some(vec![first]);
            s.item_indent = indent;
            continue;
        }
        if s.item.is_some() && indent > s.item_indent {
            let Some(cell) = stripped_cell(line, offset) else { continue }; // not blank: never skips
            if s.item.as_ref().is_some_and(|item| item.len() >= MAX_ITEM_LINES) {
                s.close_item();
                s.item = Some(Vec::new());
            } else if s.after_blank {
                let parts = s.item.as_ref().map_or(0, Vec::len);
                s.part_starts.push(parts);
            }
            s.after_blank = false;
            if let Some(item) = s.item.as_mut() {
                item.push(cell);
            }
            continue;
        }
        s.close_item();
        cells(line, offset, trimmed_len, &mut line_cells);
        if line_cells.len() != 1 {
            s.close_pending();
            for cell in &line_cells {
                s.push(line_block(cell));
            }
            continue;
        }
        let cell = line_cells[0];
        s.pending.push(cell);
        let wrapped =
            wrap.reached_by(trimmed, trimmed_len) && !cell.text.chars().next_back().is_some_and(ends_sentence);
        if !wrapped {
            s.close_pending();
        }
    }
    s.close_pending();
    s.close_item();
    if let Some(last) = s.last.take() {
        (s.sink)(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The longest run of gap characters in `line`, counted character by character.
    fn longest_gap(line: &str) -> usize {
        let (mut run, mut most) = (0, 0);
        for c in line.chars() {
            run = if is_gap_char(c) { run + 1 } else { 0 };
            most = most.max(run);
        }
        most
    }

    /// `cells` as it was before [`has_gap`]: every line that may hold a gap read character by character.
    fn cells_read_whole<'a>(line: &'a str, offset: usize) -> Vec<Cell<'a>> {
        let mut out = Vec::new();
        if !may_hold_gap(line) {
            out.extend(stripped_cell(line, offset));
            return out;
        }
        let (mut piece_byte, mut piece_char, mut run, mut run_byte, mut at_char) = (0, 0, 0, 0, 0);
        for (at, c) in line.char_indices() {
            if is_gap_char(c) {
                if run == 0 {
                    run_byte = at;
                }
                run += 1;
            } else {
                if run >= MIN_GAP {
                    out.extend(stripped_cell(&line[piece_byte..run_byte], offset + piece_char));
                    piece_byte = at;
                    piece_char = at_char;
                }
                run = 0;
            }
            at_char += 1;
        }
        if run >= MIN_GAP {
            out.extend(stripped_cell(&line[piece_byte..run_byte], offset + piece_char));
            piece_byte = line.len();
            piece_char = at_char;
        }
        out.extend(stripped_cell(&line[piece_byte..], offset + piece_char));
        out
    }

    #[test]
    fn gaps_found_on_bytes_are_the_runs_of_four() {
        let pieces = [
            " ", "\t", "\u{3000}", "\u{a0}", "a", "中", "。", "\u{3001}", "\u{c2}", "\u{2000}", "\u{3080}", "\n", "x y",
        ];
        let mut rng = crate::test_rng::Rng(0x5EED_0F6A);
        for _ in 0..20_000 {
            let line: String = (0..rng.below(14)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let mut line_cells = Vec::new();
            assert_eq!(has_gap(&line), longest_gap(&line) >= MIN_GAP, "{line:?}");
            cells(&line, 7, char_len(line.trim_end_matches(is_py_space)), &mut line_cells);
            assert_eq!(line_cells, cells_read_whole(&line, 7), "{line:?}");
        }
        for line in ["　　正文。", "　　　　正文", "a  \u{a0}\u{3000}b", "\u{3000}\u{3001}\u{3000}\u{3000}", "a   "]
        {
            assert_eq!(has_gap(line), longest_gap(line) >= MIN_GAP, "{line:?}");
        }
    }

    fn blocks(text: &str) -> Vec<(&str, &'static str, usize, usize)> {
        text_blocks(text).into_iter().map(|b| (leak(b.text), b.kind.as_str(), b.start, b.end)).collect()
    }

    fn leak(text: Cow<'_, str>) -> &'static str {
        Box::leak(text.into_owned().into_boxed_str())
    }

    #[test]
    fn doc_example() {
        let dump = "标题\n正文第一段。\n\n  • 条目一\n    条目一的摘要\n  • 条目二\n";
        assert_eq!(
            blocks(dump),
            [
                ("标题", "line", 0, 2),
                ("正文第一段。", "line", 3, 9),
                ("条目一\n条目一的摘要", "list-item", 15, 29),
                ("条目二", "list-item", 34, 37),
            ]
        );
        let article = "  • 标题\n\n    第一段。\n\n    第二段。\n\n    第三段。\n\n    第四段。\n";
        let got = blocks(article);
        assert_eq!(got[0], ("标题", "list-item", 4, 6));
        assert_eq!(got[1].0, "第一段。");
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn lines_and_offsets() {
        let got: Vec<(&str, usize)> = lines("一\r\n\n二").map(|l| (l.text, l.offset)).collect();
        assert_eq!(got, [("一", 0), ("", 3), ("二", 4)]);
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("\n").count(), 1);
        assert_eq!(lines("a\r\r").map(|l| l.text).collect::<Vec<_>>(), ["a"]);
        assert_eq!(
            lines("a \u{3000}\nb").map(|l| (l.trimmed, l.trimmed_len)).collect::<Vec<_>>(),
            [("a", 1), ("b", 1)]
        );
    }

    #[test]
    fn cells_at_gaps() {
        let mut out = Vec::new();
        let trimmed = |line: &str| char_len(line.trim_end_matches(is_py_space));
        cells("  新闻    体育", 10, trimmed("  新闻    体育"), &mut out);
        assert_eq!(out, [Cell { text: "新闻", start: 12, end: 14 }, Cell { text: "体育", start: 18, end: 20 }]);
        cells("a\u{3000}\u{a0} \tb   c    ", 0, trimmed("a\u{3000}\u{a0} \tb   c    "), &mut out);
        assert_eq!(out, [Cell { text: "a", start: 0, end: 1 }, Cell { text: "b   c", start: 5, end: 10 }]);
        cells("    \u{b}    x", 0, trimmed("    \u{b}    x"), &mut out); // a piece of whitespace that is not a gap: no cell
        assert_eq!(out, [Cell { text: "x", start: 9, end: 10 }]);
    }

    #[test]
    fn gaps_need_two_spaces_or_a_wide_one() {
        let alphabet = [' ', '\t', '\u{3000}', '\u{a0}', 'a', '字', '、', '\u{a1}'];
        for len in 0..=6u32 {
            for mut code in 0..alphabet.len().pow(len) {
                let mut line = String::new();
                for _ in 0..len {
                    line.push(alphabet[code % alphabet.len()]);
                    code /= alphabet.len();
                }
                let mut run = 0;
                let longest = line
                    .chars()
                    .map(|c| {
                        if is_gap_char(c) {
                            run += 1;
                            run
                        } else {
                            run = 0;
                            0
                        }
                    })
                    .max();
                if longest.unwrap_or(0) >= MIN_GAP {
                    assert!(may_hold_gap(&line), "{line:?}");
                }
                // the memchr scans answer as the plain reading of the rule
                let spaces = |b: &[u8]| matches!(b[0], b' ' | b'\t') && matches!(b[1], b' ' | b'\t');
                let plain = line.as_bytes().windows(2).any(spaces) || line.contains(['\u{3000}', '\u{a0}']);
                assert_eq!(may_hold_gap(&line), plain, "{line:?}");
            }
        }
    }

    #[test]
    fn the_budget_joins_tiny_lines_and_loses_nothing() {
        let small = Budget { floor: 4, per_million: 0, per_million_hard: 0, tiny_chars: 2, merge_chars: 12 };
        let lax = Budget { per_million_hard: 1_000_000, ..small };
        // under the budget (4 blocks), every line a block; past it, tiny lines join tiny ones
        let dump = "一\n\n二\n\n三\n\n四\n\n五\n\n六\n\n七\n\n长长的一行字\n\n八\n";
        let got: Vec<(String, Kind)> =
            text_blocks_within(dump, lax).into_iter().map(|b| (b.text.into_owned(), b.kind)).collect();
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["一", "二", "三", "四\n五\n六\n七", "长长的一行字", "八"]);
        // past the hard budget, any block joins, up to `merge_chars` of span
        let hard: Vec<String> = text_blocks_within(dump, small).into_iter().map(|b| b.text.into_owned()).collect();
        assert_eq!(hard, ["一", "二", "三", "四\n五\n六\n七", "长长的一行字\n八"]);
        // a list item joins as a line; spans run from the first part to the last, and a joined
        // span counts the indents between the parts (丙 would make it 13 > 12)
        let items = "a\nb\nc\nd\n  • 乙\n  • 丙\n";
        let blocks = text_blocks_within(items, lax);
        assert_eq!((blocks[3].text.as_ref(), blocks[3].kind), ("d\n乙", Kind::Line));
        assert_eq!((blocks[3].start, blocks[3].end), (6, 13));
        assert_eq!((blocks[4].text.as_ref(), blocks[4].kind), ("丙", Kind::ListItem));
        // the budget grows with the bytes read, as memory does: one block per 10 bytes here, so
        // ten lines of three CJK characters (10 bytes a line) stay ten blocks, and ten of three
        // ASCII ones (4 bytes) make four, though both are four characters a line (each ends a
        // sentence: no wrap)
        let per_ten_bytes =
            Budget { floor: 0, per_million: 0, per_million_hard: 100_000, tiny_chars: 0, merge_chars: 1_000 };
        assert_eq!(text_blocks_within(&"一二！\n".repeat(10), per_ten_bytes).len(), 10);
        let ten = "ab!\n".repeat(10);
        let letters = text_blocks_within(&ten, per_ten_bytes);
        let texts: Vec<&str> = letters.iter().map(|b| b.text.as_ref()).collect();
        assert_eq!(texts, ["ab!\nab!\nab!\nab!", "ab!\nab!\nab!", "ab!\nab!", "ab!"]);
        // the default budget leaves a dump under its floor as it is; every budget keeps every
        // character, in order
        let none = Budget { floor: usize::MAX, ..DUMP_BUDGET };
        let mut rng = crate::test_rng::Rng(0xB0D6);
        for _ in 0..200 {
            let pieces =
                ["字\n", "\n", "今天下雨了。\n", "  • 项\n", "    续\n", "一行折到下行的字\n", "一行折到下行\n"];
            let dump: String = (0..rng.below(400)).map(|_| pieces[rng.below(pieces.len())]).collect();
            let plain = text_blocks_within(&dump, none);
            assert_eq!(text_blocks(&dump), plain);
            let chars = |blocks: &[TextBlock<'_>]| -> String {
                blocks.iter().flat_map(|b| b.text.chars()).filter(|c| !c.is_whitespace()).collect()
            };
            for rules in [small, lax, DUMP_BUDGET] {
                let joined = text_blocks_within(&dump, rules);
                assert_eq!(chars(&joined), chars(&plain), "{dump:?}");
                assert!(joined.len() <= plain.len());
                // the copied texts fit in the dump's bytes (what `BlockTable::from_page` reserves)
                let copied: usize =
                    joined.iter().filter(|b| matches!(b.text, Cow::Owned(_))).map(|b| b.text.len()).sum();
                assert!(copied <= dump.len(), "{dump:?}");
            }
        }
    }

    #[test]
    fn lines_one_break_apart_join_as_a_slice() {
        let page = "甲\n乙\n\n丙\r\n丁";
        let at = |from: usize, piece: &str| &page[from..from + piece.len()];
        let (jia, yi, bing, ding) = (at(0, "甲"), at(4, "乙"), at(9, "丙"), at(14, "丁"));
        assert_eq!(one_break_apart(page, jia, yi), Some("甲\n乙"));
        assert_eq!(one_break_apart(page, yi, bing), None); // a blank line between
        assert_eq!(one_break_apart(page, bing, ding), None); // "\r\n"
        assert_eq!(one_break_apart(page, yi, jia), None); // out of order
        assert_eq!(one_break_apart(page, "甲", yi), None); // not the page's

        // past the hard budget (here one block), lines one break apart join without a copy;
        // lines further apart, copied (their sentences end: no wrap)
        let every = Budget { floor: 1, per_million: 0, per_million_hard: 0, tiny_chars: 0, merge_chars: 1_000 };
        let blocks = text_blocks_within("第一行。\n第二行。\n第三行。\n", every);
        assert_eq!(blocks.len(), 1);
        assert!(matches!(&blocks[0].text, Cow::Borrowed("第一行。\n第二行。\n第三行。")));
        let blocks = text_blocks_within("第一行。\n第二行。\n\n第三行。\n", every);
        assert_eq!(blocks.len(), 1);
        assert!(matches!(&blocks[0].text, Cow::Owned(t) if t == "第一行。\n第二行。\n第三行。"));
    }

    #[test]
    fn a_dump_is_wrapped_in_columns_or_in_characters() {
        let han = |n: usize| "字".repeat(n);
        // w3m: every full line 78-80 columns, those with ASCII holding more characters
        let w3m = [han(40), han(36) + "abcdefgh", han(39), han(30) + "abcdefghijklmnopqrst", han(3)].join("\n");
        assert_eq!(dump_wrap(&w3m), Wrap::Columns(80));
        // textwrap: every full line 60 characters, one with digits 116 columns
        let textwrap = [han(60), han(56) + "2021", han(60), han(60), han(3)].join("\n");
        assert_eq!(dump_wrap(&textwrap), Wrap::Chars(60));
        let joined: Vec<String> = text_blocks(&textwrap).into_iter().map(|b| b.text.into_owned()).collect();
        assert_eq!(joined, [han(116) + "2021" + &han(123)]);
        assert_eq!(dump_wrap(&[han(300), han(3), han(3), han(3)].join("\n")), Wrap::None);
    }

    #[test]
    fn wrap_widths() {
        let wrap_width = |widths: &[usize]| wrap_fit(widths.iter().copied()).map_or(0, |(width, _)| width);
        assert_eq!(wrap_width(&[78, 80, 79, 80, 12, 80, 80, 40]), 80);
        assert_eq!(wrap_width(&[300, 12, 80, 45]), 0);
        assert_eq!(wrap_width(&[80, 80, 80, 201]), 0);
        assert_eq!(wrap_width(&[200, 200, 200, 1]), 200);
        assert_eq!(wrap_width(&[1, 1, 1]), 0);
        assert_eq!(wrap_width(&[2, 1, 1, 1]), 2);
        assert_eq!(wrap_width(&[0, 0, 0, 0]), 0);
        assert_eq!(wrap_width(&[]), 0);
    }

    #[test]
    fn separators() {
        assert_eq!((separator("今天", "下雨"), separator("rain", "today")), ("", " "));
        assert_eq!((separator("a今", "x"), separator("x", "今a"), separator("", "今")), ("", "", " "));
    }

    /// The bullet pattern spelled as the regex reads it: spaces, then one of the three forms,
    /// then a space; by trying every split, not by scanning.
    fn bullet_by_pattern(line: &[char]) -> Option<usize> {
        let spaces = line.iter().take_while(|&&c| c == ' ' || c == '\t').count();
        (0..=spaces).rev().find_map(|lead| {
            let rest = &line[lead..];
            let forms = (1..=3).filter_map(|n| {
                let digits = rest.get(..n)?.iter().all(|&c| is_decimal(c));
                let numbered = digits && matches!(rest.get(n), Some('.' | '、' | ')'));
                let paren = matches!(rest.first(), Some('（' | '('))
                    && rest.get(1..=n)?.iter().all(|&c| is_decimal(c))
                    && matches!(rest.get(n + 1), Some(')' | '）'));
                [numbered.then_some(n + 1), paren.then_some(n + 2)].into_iter().flatten().next()
            });
            let single = rest.first().is_some_and(|&c| is_bullet_char(c)).then_some(1);
            let body = single.into_iter().chain(forms).next()?;
            matches!(rest.get(body), Some(' ' | '\t' | '\u{3000}')).then_some(lead + body + 1)
        })
    }

    #[test]
    fn bullets_exhaustive() {
        // Every line of up to 5 characters over an alphabet holding each part of the pattern.
        let alphabet = [' ', '\t', '\u{3000}', '•', '1', '٣', '.', '、', ')', '（', '(', '）', 'a'];
        let mut line = Vec::new();
        let mut checked = 0;
        for len in 0..=5u32 {
            for mut code in 0..alphabet.len().pow(len) {
                line.clear();
                for _ in 0..len {
                    line.push(alphabet[code % alphabet.len()]);
                    code /= alphabet.len();
                }
                let text: String = line.iter().collect();
                let got = bullet_end(&text);
                let want = bullet_by_pattern(&line);
                assert_eq!(got.map(|(_, chars)| chars), want, "{text:?}");
                if let Some((bytes, chars)) = got {
                    assert_eq!(char_len(&text[..bytes]), chars);
                }
                checked += 1;
            }
        }
        assert_eq!(checked, (0..=5).map(|n| alphabet.len().pow(n)).sum::<usize>());
    }

    #[test]
    fn decimal_digits() {
        for c in ['0', '9', '٣', '０', '９', '𝟎', '𝟿', '\u{1fbf9}'] {
            assert!(is_decimal(c), "{c:?}");
        }
        for c in ['a', '/', ':', '²', '½', '一', '①', '\u{1fbfa}', '\u{65f}'] {
            assert!(!is_decimal(c), "{c:?}");
        }
        assert_eq!((0..=0x10ffff).filter_map(char::from_u32).filter(|&c| is_decimal(c)).count(), 660);
    }

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

    /// The promises every split keeps: blocks in order and inside the dump, no empty block, and
    /// a block's non-space characters are those of its span, in order.
    fn check(text: &str) {
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        for b in text_blocks(text) {
            assert!(b.start <= b.end && b.end <= chars.len(), "{text:?}: {b:?}");
            assert!(b.start >= last_end, "{text:?}: {b:?}");
            last_end = b.end;
            assert!(!b.text.is_empty(), "{text:?}");
            let span: String = chars[b.start..b.end].iter().filter(|&&c| !is_py_space(c)).collect();
            let own: String = b.text.chars().filter(|&c| !is_py_space(c)).collect();
            assert_eq!(own, span, "{text:?}: {b:?}");
            let first = b.text.chars().next();
            assert_eq!(first, chars.get(b.start).copied(), "{text:?}: {b:?}");
        }
    }

    #[test]
    fn random_dumps_keep_the_promises() {
        let pieces = [
            "今天",
            "下雨",
            "。",
            "Copyright",
            "a",
            " ",
            "  ",
            "    ",
            "\t",
            "\u{3000}",
            "\u{a0}",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "  • ",
            "•",
            "· ",
            "* ",
            "1. ",
            "12、",
            "1234. ",
            "(3) ",
            "（２）",
            "٣) ",
            "\u{b}",
            "\u{1c}",
            "𠀀",
            "\u{fffd}",
            "\u{200b}",
            "。\n",
            "新闻    体育",
            "    ",
            "        续行",
            "x".repeat(78).leak(),
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let n = rng.below(60);
            let text: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            check(&text);
        }
    }

    #[test]
    fn random_bytes_keep_the_promises() {
        let mut rng = Rng(7);
        for _ in 0..5_000 {
            let bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
            check(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn long_items_and_many_parts() {
        let item = format!("• 头\n{}", "  续\n".repeat(MAX_ITEM_LINES + 5));
        let got = blocks(&item);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0.lines().count(), MAX_ITEM_LINES);
        assert_eq!(got[1].0.lines().count(), 6);
        let parts = "• 头\n\n  一\n\n  二\n\n  三\n\n  四\n";
        assert_eq!(
            blocks(parts),
            [
                ("头", "list-item", 2, 3),
                ("一", "line", 7, 8),
                ("二", "line", 12, 13),
                ("三", "line", 17, 18),
                ("四", "line", 22, 23)
            ]
        );
    }
}
