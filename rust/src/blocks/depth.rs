//! Cap the element nesting depth of hostile HTML, and find where a huge page can be cut
//! (`cleantext/blocks/depth.py`: `prepare`, `limit_depth`).
//!
//! An HTML tree builder checks "is there a `<p>` in scope" by walking its stack of open
//! elements, so 100,000 nested `<div>` cost lexbor time quadratic in the depth. [`prepare`]
//! simulates that stack with one linear tag scan and, only when the page nests deeper than
//! `max_depth`, deletes the start and end tags of the elements deeper than that (never text).
//! The same scan finds the [`Split`]s: places where a huge page can be cut into pieces that are
//! parsed one at a time (`blocks/html.py` reopens at the start of a piece the elements open at
//! its cut).
//!
//! The scan reads tags as the Python scan's regular expressions did (its oracle is
//! `tests/depth_oracle.py`), token by token ([`next_token`]): a tag ends at the first `>`
//! outside a quoted attribute value, a comment at its `-->`, a raw-text element (`<script>`...)
//! at its end tag, and a run of `<br>`, `<img>`... (up to [`MAX_RUN`], text between) is one
//! token. The page is read as WTF-8 (`pystr`); positions handed back are code-point offsets,
//! as Python's `str` indices.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by tag names: hashed with a few multiplications a word (the keys come from the
/// page, but a collision only costs time, and the names are short).
type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

/// The hasher of [`NameMap`] (FxHash's mixing).
#[derive(Default)]
struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.add(n as u64);
        self.add((n >> 64) as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Elements deeper than this lose their tags (`depth.MAX_DEPTH`).
pub const MAX_DEPTH: i64 = 512;
/// At most this many elements are reopened at a split (`depth.MAX_REOPEN`).
pub const MAX_REOPEN: i64 = 8;
/// A run of void elements read as one token holds at most this many.
pub const MAX_RUN: usize = 256;

/// A place where a huge page can be cut: `at`, the code-point offset just after the tag `tag`
/// (`/p` for an end tag, `br` for a void element, WTF-8), and the names of the elements open
/// there (outermost first, `<html>`/`<body>` left out); `clean` is false when the parser may
/// reopen a formatting element (`<b>`, `<a>`...) after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub at: usize,
    pub tag: Vec<u8>,
    pub reopen: Vec<&'static str>,
    pub clean: bool,
}

/// What [`prepare`] makes of a page: the page with the deep elements' tags removed (`None`
/// when nothing was removed: the page itself), and the splits (none when tags were removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub capped: Option<Vec<u8>>,
    pub splits: Vec<Split>,
}

// -- the element classes ------------------------------------------------------------------------

const VOID: u16 = 1;
const TOP: u16 = 1 << 1;
const REOPENABLE: u16 = 1 << 2;
const HEAD: u16 = 1 << 3;
const SIBLINGS: u16 = 1 << 4;
const CLOSES_P: u16 = 1 << 5;
const FORMATTING: u16 = 1 << 6;
const SCOPES: u16 = 1 << 7;
const TABLE: u16 = 1 << 8;
const BARRIERS: u16 = 1 << 9;
const SKIPPED: u16 = 1 << 10;

/// The void elements.
const VOID_NAMES: &str = "area base br col embed hr img input keygen link meta param source track wbr basefont frame";

/// The classes of `depth.py`, by name (see its constants for why each holds what it holds).
const CLASSES: [(u16, &str); 11] = [
    (VOID, VOID_NAMES),
    (TOP, "html body"),
    // Block elements a piece may end inside: a fresh parse of their start tags gives the parser
    // the state it had there.
    (
        REOPENABLE,
        "address article aside blockquote center details dialog dir div dl dd dt fieldset figcaption figure \
         footer form h1 h2 h3 h4 h5 h6 header hgroup li main menu nav ol p section summary ul",
    ),
    // The page's head: until another element starts (or <body>), the page is not cut.
    (HEAD, "html head title base basefont bgsound link meta noframes script style template noscript"),
    // A start tag closes an open element of the same name close above it.
    (SIBLINGS, "p li dt dd option tr td th"),
    // A start tag closes an open <p>.
    (
        CLOSES_P,
        "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form \
         h1 h2 h3 h4 h5 h6 header hgroup main menu nav ol pre section summary table ul li dd dt listing",
    ),
    // Reopened by the parser after another element's tag closed them: no clean cut meanwhile.
    (FORMATTING, "a b big code em font i nobr s small strike strong tt u"),
    // An end tag across one of these is ignored by the parser.
    (SCOPES, "table td th caption template object marquee applet"),
    // No cut after their end tag.
    (TABLE, "table caption colgroup tbody thead tfoot tr td th"),
    // Between two siblings, they make the second one nested.
    (
        BARRIERS,
        "ul ol dl table tbody thead tfoot div section article aside nav header footer main blockquote \
         fieldset form select datalist figure details td th caption button object template",
    ),
    // Content the block walk skips: never untagged unless inside another one.
    (
        SKIPPED,
        "head script style noscript template svg math canvas iframe object embed audio video select option \
         button textarea input map area",
    ),
];

/// The elements a piece of a huge page may end inside (`depth.REOPENABLE`).
pub fn reopenable() -> impl Iterator<Item = &'static str> {
    CLASSES.iter().filter(|(class, _)| *class == REOPENABLE).flat_map(|(_, names)| names.split_ascii_whitespace())
}

/// The classes of the element `name` (lower case).
fn classes(name: &[u8]) -> u16 {
    CLASSES
        .iter()
        .filter(|(_, names)| names.split_ascii_whitespace().any(|n| n.as_bytes() == name))
        .fold(0, |acc, (class, _)| acc | class)
}

/// `name` as a `&'static str` if it is one of the class lists' names.
fn static_name(name: &[u8]) -> Option<&'static str> {
    CLASSES.iter().flat_map(|(_, names)| names.split_ascii_whitespace()).find(|n| n.as_bytes() == name)
}

/// Elements whose content is raw text up to their end tag, in the order the scan tries them.
const RAW: [&[u8]; 8] = [b"iframe", b"noembed", b"noframes", b"script", b"style", b"textarea", b"title", b"xmp"];
/// Void elements read in runs, in the order the scan tries them.
const RUN_VOIDS: [&[u8]; 5] = [b"br", b"wbr", b"hr", b"img", b"input"];

// -- the tokens ---------------------------------------------------------------------------------

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A comment, a `<!...>` or `<?...>`, or a raw-text element with its text: no tag to the scan.
    Skip,
    /// A start tag (`end` false) or an end tag; `name` is the byte span of its name as spelled
    /// (without the `/`).
    Tag { end: bool, name: (usize, usize) },
    /// A run of 2 to [`MAX_RUN`] void elements (`<br>`, `<wbr>`, `<hr>`, `<img>`, `<input>`) with
    /// text between; `name` is the span of the last one's name.
    Voids { name: (usize, usize) },
}

/// A token: its byte span and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// The bytes that end a tag name: `[\t\n\f\r />]`.
fn ends_name(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ' | b'/' | b'>')
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// The offset of the first `needle` in `text` at or after `from`.
fn find_byte(text: &[u8], from: usize, needle: u8) -> Option<usize> {
    Some(from + memchr::memchr(needle, text.get(from..)?)?)
}

/// The offset of the first `needle` in `text` at or after `from`.
fn find(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    Some(from + memchr::memmem::find(text.get(from..)?, needle)?)
}

/// True if `text` has the ASCII letters `name` at `at`, in any ASCII case.
fn has_ascii_ci(text: &[u8], at: usize, name: &[u8]) -> bool {
    text.get(at..at + name.len()).is_some_and(|s| s.eq_ignore_ascii_case(name))
}

/// The end of a tag's attributes from `at` (just after its name): just after the first `>`
/// outside a quoted value, or the end of `text`. A value's quote opens only after `=` (and
/// spaces); an unclosed one runs to the end of `text`.
///
/// The scan reads `text` only up to its last `>`; there, `=` is never followed by nothing but
/// spaces, the one case where the Python pattern would have failed (and backtracked).
fn attributes_end(text: &[u8], mut at: usize) -> usize {
    loop {
        let Some(&b) = text.get(at) else { return text.len() };
        match b {
            b'>' => return at + 1,
            b'=' => {
                let mut value = at + 1;
                while text.get(value).copied().is_some_and(is_space) {
                    value += 1;
                }
                at = match text.get(value) {
                    Some(&quote @ (b'"' | b'\'')) => find_byte(text, value + 1, quote).map_or(text.len(), |q| q + 1),
                    Some(_) => value, // an unquoted value: read on as any character
                    None => return text.len(),
                };
            }
            _ => {
                // anything but `>` and `=` (a stray quote too) up to the next of those
                at += 1;
                at = text.get(at..).and_then(|rest| memchr::memchr2(b'>', b'=', rest)).map_or(text.len(), |i| at + i);
            }
        }
    }
}

/// True if `text` has `</` and the raw-text element name `name` at `at` as Python's
/// case-insensitive `(?i:name)` reads it: any ASCII case, and `ſ` (U+017F) for `s`, `İ`
/// (U+0130) and `ı` (U+0131) for `i`.
fn has_end_name(text: &[u8], mut at: usize, name: &[u8]) -> bool {
    for &c in name {
        match text.get(at) {
            Some(b) if b.eq_ignore_ascii_case(&c) => at += 1,
            _ if c == b's' && text.get(at..at + 2) == Some("\u{17F}".as_bytes()) => at += 2,
            _ if c == b'i' && matches!(text.get(at..at + 2), Some([0xC4, 0xB0 | 0xB1])) => at += 2,
            _ => return false,
        }
    }
    true
}

/// Where the raw text of a `name` element starting at `at` ends: at its `</name` (the end tag
/// is the next token), or the end of `text`.
fn raw_text_end(text: &[u8], mut at: usize, name: &[u8]) -> usize {
    while let Some(lt) = find_byte(text, at, b'<') {
        if text.get(lt + 1) == Some(&b'/') && has_end_name(text, lt + 2, name) {
            return lt;
        }
        at = lt + 1;
    }
    text.len()
}

/// The span of the name of a void element of [`RUN_VOIDS`] whose tag starts at `lt`.
fn run_void_at(text: &[u8], lt: usize) -> Option<(usize, usize)> {
    if text.get(lt) != Some(&b'<') {
        return None;
    }
    RUN_VOIDS
        .iter()
        .find(|v| has_ascii_ci(text, lt + 1, v) && text.get(lt + 1 + v.len()).copied().is_some_and(ends_name))
        .map(|v| (lt + 1, lt + 1 + v.len()))
}

/// A run of 2 to [`MAX_RUN`] void elements from `lt`: its end and the last one's name. The
/// first `MAX_RUN - 1` take the text after them (up to a `<`); the last one does not.
fn void_run(text: &[u8], lt: usize) -> Option<(usize, (usize, usize))> {
    let mut count = 0;
    let mut last = None;
    let mut at = lt;
    while let Some(name) = run_void_at(text, at) {
        let end = attributes_end(text, name.1);
        count += 1;
        last = Some((end, name));
        if count == MAX_RUN {
            break;
        }
        match find_byte(text, end, b'<') {
            Some(next) => at = next,
            None => break,
        }
    }
    if count >= 2 {
        last
    } else {
        None
    }
}

/// The token whose `<` is at `lt`, if one starts there; `runs`: read runs of void elements as
/// one token.
fn token_at(text: &[u8], lt: usize, runs: bool) -> Option<Token> {
    if runs {
        if let Some((end, name)) = void_run(text, lt) {
            return Some(Token { start: lt, end, kind: Kind::Voids { name } });
        }
    }
    let skip = |end| Some(Token { start: lt, end, kind: Kind::Skip });
    match *text.get(lt + 1)? {
        b'!' if text.get(lt + 2..lt + 4) == Some(b"--") => {
            return skip(find(text, lt + 4, b"-->").map_or(text.len(), |at| at + 3));
        }
        b'!' | b'?' => return skip(find_byte(text, lt + 2, b'>')? + 1),
        _ => {}
    }
    let end = text.get(lt + 1) == Some(&b'/');
    let start = lt + 1 + usize::from(end);
    if !text.get(start)?.is_ascii_alphabetic() {
        return None;
    }
    let stop =
        text.get(start..).and_then(|rest| rest.iter().position(|&b| ends_name(b))).map_or(text.len(), |i| start + i);
    if !end && stop < text.len() {
        // a raw-text element: its name (in any ASCII case) up to a delimiter
        if let Some(name) = raw_name(&text[start..stop]) {
            return skip(raw_text_end(text, attributes_end(text, stop), name));
        }
    }
    Some(Token { start: lt, end: attributes_end(text, stop), kind: Kind::Tag { end, name: (start, stop) } })
}

/// The raw-text element [`RAW`] that `name` spells in some ASCII case, if any.
fn raw_name(name: &[u8]) -> Option<&'static [u8]> {
    if !(3..=8).contains(&name.len()) {
        return None; // (the lengths of the names in RAW)
    }
    let first = name[0].to_ascii_lowercase();
    if !matches!(first, b'i' | b'n' | b's' | b't' | b'x') {
        return None; // (the first letters of the names in RAW)
    }
    RAW.iter().find(|raw| raw.len() == name.len() && raw[0] == first && raw.eq_ignore_ascii_case(name)).copied()
}

/// The first token of `text` at or after `from` (`re.finditer`'s next match: a `<` where no
/// token starts is text).
pub fn next_token(text: &[u8], mut from: usize, runs: bool) -> Option<Token> {
    loop {
        // (a tag often follows another: no search then)
        let lt = if text.get(from) == Some(&b'<') { from } else { find_byte(text, from, b'<')? };
        if let Some(token) = token_at(text, lt, runs) {
            return Some(token);
        }
        from = lt + 1;
    }
}

/// The part of `html` the scans read: up to its last `>` (a tag left open at the end is
/// dropped by the parser).
fn tags_part(html: &[u8]) -> &[u8] {
    &html[..memchr::memrchr(b'>', html).map_or(0, |i| i + 1)]
}

/// True if `name` is a void element's name as pages usually spell it: all lower case, all
/// upper case or capitalised (`br`, `BR`, `Br`; `depth._VOID_SPELLINGS`).
fn is_void_spelling(name: &[u8]) -> bool {
    let mut buffer = [0u8; 8];
    let Some(lower) = buffer.get_mut(..name.len()) else { return false };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    if !is_void_name(lower) {
        return false;
    }
    let rest = name.get(1..).unwrap_or(&[]);
    !rest.iter().any(u8::is_ascii_uppercase) || !name.iter().any(u8::is_ascii_lowercase)
}

/// True if lower-case `name` is one of [`VOID_NAMES`] (a `match`, not a scan of the list).
fn is_void_name(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"basefont"
            | b"frame"
    )
}

/// True if `html` has a `<body` tag (`<body[\t\n\f\r />]`, any ASCII case).
fn has_body_tag(html: &[u8]) -> bool {
    let mut at = 0;
    while let Some(lt) = find_byte(html, at, b'<') {
        if has_ascii_ci(html, lt + 1, b"body") && html.get(lt + 5).copied().is_some_and(ends_name) {
            return true;
        }
        at = lt + 1;
    }
    false
}

// -- the quick bound --------------------------------------------------------------------------

/// True if the full scan surely finds `html` no deeper than `max_depth` (`depth._shallow`): the
/// open elements counted with each spelling of a name on its own, an end tag closing one of
/// its spelling if any is open. Never below the scan's depth; linear, with no stack.
pub fn shallow(html: &[u8], max_depth: i64) -> bool {
    let text = tags_part(html);
    let mut open: NameMap<&[u8], i64> = NameMap::default();
    let mut total: i64 = 0;
    let mut from = 0;
    while let Some(token) = next_token(text, from, false) {
        from = token.end;
        let Kind::Tag { end, name: (a, b) } = token.kind else { continue };
        let name = &text[a..b];
        if !end {
            if is_void_spelling(name) {
                continue;
            }
            *open.entry(name).or_insert(0) += 1;
            total += 1;
            if total > max_depth {
                return false;
            }
        } else if let Some(count) = open.get_mut(name).filter(|c| **c != 0) {
            *count -= 1;
            total -= 1;
        }
    }
    true
}

/// The name spelled by `text[start..stop]`, at most 15 bytes, as one number: its bytes and its
/// length (so `a` and `a\0` differ); `None` for a longer one.
fn packed_name(text: &[u8], start: usize, stop: usize) -> Option<u128> {
    let len = stop.checked_sub(start).filter(|&len| len <= 15)?;
    let bytes = match text.get(start..start + 16) {
        // a fixed window (no copy of a length known only now), its bytes past the name cleared
        Some(window) => {
            let mask = u128::MAX.checked_shr(128 - 8 * len as u32).unwrap_or(0);
            u128::from_le_bytes(window.try_into().ok()?) & mask
        }
        None => {
            let mut bytes = [0u8; 16];
            for (slot, &b) in bytes.iter_mut().zip(text.get(start..stop)?) {
                *slot = b;
            }
            u128::from_le_bytes(bytes)
        }
    };
    Some(bytes | (len as u128) << 120)
}

/// What [`shallow_fast`] keeps of a spelling: how many elements of it are open, and whether it
/// is a void element's usual spelling (then never counted).
#[derive(Clone, Copy, Default)]
struct Spelling {
    open: i64,
    void: bool,
}

impl Spelling {
    fn of(name: &[u8]) -> Self {
        Spelling { open: 0, void: is_void_spelling(name) }
    }
}

/// [`shallow`], cheaper: the same tokens and counts, the same answer on every page (the tests
/// and the `depth` fuzz target compare the two). A start or end tag (`<` or `</` and a letter,
/// the tokens that matter) is read here, in one loop, the rest by [`token_at`]; a spelling is
/// keyed by a number ([`packed_name`]; a longer one by its bytes, as [`shallow`] keys all),
/// looked up once per tag, and whether it is void is found once per spelling.
pub fn shallow_fast(html: &[u8], max_depth: i64) -> bool {
    let text = tags_part(html);
    let mut short: HashMap<u128, Spelling, BuildHasherDefault<NameHasher>> = HashMap::default();
    let mut long: NameMap<&[u8], Spelling> = NameMap::default();
    let mut total: i64 = 0;
    let mut from = 0;
    loop {
        // (a tag often follows another: no search then)
        let lt = if text.get(from) == Some(&b'<') {
            from
        } else {
            match find_byte(text, from, b'<') {
                Some(lt) => lt,
                None => break,
            }
        };
        let end = text.get(lt + 1) == Some(&b'/');
        let start = lt + 1 + usize::from(end);
        if !text.get(start).is_some_and(u8::is_ascii_alphabetic) {
            // a comment, a `<!...>`, a `<?...>`, or a `<` that starts no token
            from = token_at(text, lt, false).map_or(lt + 1, |token| token.end);
            continue;
        }
        let stop = text[start..].iter().position(|&b| ends_name(b)).map_or(text.len(), |i| start + i);
        let name = &text[start..stop];
        if !end && stop < text.len() {
            if let Some(raw) = raw_name(name) {
                from = raw_text_end(text, attributes_end(text, stop), raw);
                continue;
            }
        }
        from = attributes_end(text, stop);
        let spelling = match packed_name(text, start, stop) {
            Some(key) => short.entry(key).or_insert_with(|| Spelling::of(name)),
            None => long.entry(name).or_insert_with(|| Spelling::of(name)),
        };
        if !end {
            if spelling.void {
                continue;
            }
            spelling.open += 1;
            total += 1;
            if total > max_depth {
                return false;
            }
        } else if spelling.open != 0 {
            spelling.open -= 1;
            total -= 1;
        }
    }
    true
}

// -- the scan ---------------------------------------------------------------------------------

/// Element names, lower-cased, as small numbers with their classes.
struct Names<'h> {
    by_spelling: NameMap<&'h [u8], usize>,
    by_name: NameMap<Vec<u8>, usize>,
    names: Vec<Vec<u8>>,
    classes: Vec<u16>,
}

impl<'h> Names<'h> {
    fn new() -> Self {
        Names { by_spelling: NameMap::default(), by_name: NameMap::default(), names: Vec::new(), classes: Vec::new() }
    }

    /// The number of the element `name` (lower case).
    fn of_lower(&mut self, name: Vec<u8>) -> usize {
        if let Some(&id) = self.by_name.get(&name) {
            return id;
        }
        let id = self.names.len();
        self.classes.push(classes(&name));
        self.names.push(name.clone());
        self.by_name.insert(name, id);
        id
    }

    /// The number of the element spelled `spelling` (`str.lower()` of it: ASCII here, others
    /// by `lower`).
    fn of(&mut self, spelling: &'h [u8], lower: &mut impl FnMut(&[u8]) -> Vec<u8>) -> usize {
        if let Some(&id) = self.by_spelling.get(spelling) {
            return id;
        }
        let lower = if spelling.is_ascii() { spelling.to_ascii_lowercase() } else { lower(spelling) };
        let id = self.of_lower(lower);
        self.by_spelling.insert(spelling, id);
        id
    }

    fn class(&self, id: usize) -> u16 {
        self.classes.get(id).copied().unwrap_or(0)
    }

    fn name(&self, id: usize) -> &[u8] {
        self.names.get(id).map_or(&[], |n| n.as_slice())
    }
}

/// Code-point offsets of byte offsets asked in increasing order, in linear time overall.
struct Offsets<'h> {
    text: &'h [u8],
    byte: usize,
    code_points: usize,
}

impl Offsets<'_> {
    fn at(&mut self, byte: usize) -> i64 {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            (self.byte, self.code_points) = (0, 0);
        }
        self.code_points += crate::pystr::len(&self.text[self.byte..byte]);
        self.byte = byte;
        i64::try_from(self.code_points).unwrap_or(i64::MAX)
    }
}

/// The open elements as the scan sees them.
#[derive(Default)]
struct Open {
    /// (element, untagged)
    stack: Vec<(usize, bool)>,
    /// the stack positions of the elements other than <html>/<body> (a split reopens them)
    inner: Vec<usize>,
    /// element -> its stack positions
    open_at: Vec<Vec<usize>>,
    /// open elements whose content the walk skips
    skipped: i64,
    /// open elements a piece cannot end inside (not reopenable, not <html>/<body>)
    blockers: i64,
    /// open <html>/<body> elements
    tops: i64,
    /// stack positions of open formatting elements
    risky: Vec<usize>,
    /// elements the parser may reopen (or keep open): no clean cut meanwhile
    lingering: Vec<bool>,
    lingering_count: usize,
}

impl Open {
    fn len(&self) -> i64 {
        i64::try_from(self.stack.len()).unwrap_or(i64::MAX)
    }

    fn top_of(&self, id: usize) -> Option<usize> {
        self.open_at.get(id).and_then(|at| at.last()).copied()
    }

    fn linger(&mut self, id: usize) {
        if self.lingering.len() <= id {
            self.lingering.resize(id + 1, false);
        }
        if !self.lingering[id] {
            self.lingering[id] = true;
            self.lingering_count += 1;
        }
    }

    fn unlinger(&mut self, id: usize) {
        if let Some(flag) = self.lingering.get_mut(id) {
            if *flag {
                *flag = false;
                self.lingering_count -= 1;
            }
        }
    }

    /// The positions of the element `id` just popped off the stack.
    fn forget(&mut self, id: usize) {
        if let Some(at) = self.open_at.get_mut(id) {
            at.pop();
        }
        if self.inner.last() == Some(&self.stack.len()) {
            self.inner.pop();
        }
    }

    /// The counts of an element leaving the stack.
    fn uncount(&mut self, class: u16) {
        if class & SKIPPED != 0 {
            self.skipped -= 1;
        }
        if class & TOP != 0 {
            self.tops -= 1;
        } else if class & REOPENABLE == 0 {
            self.blockers -= 1;
        }
    }

    fn push(&mut self, id: usize, untagged: bool, names: &Names<'_>) {
        let class = names.class(id);
        if class & REOPENABLE == 0 {
            if class & SKIPPED != 0 {
                self.skipped += 1;
            }
            if class & TOP != 0 {
                self.tops += 1;
            } else {
                self.blockers += 1;
            }
        }
        if class & FORMATTING != 0 {
            self.risky.push(self.stack.len());
        }
        if self.open_at.len() <= id {
            self.open_at.resize_with(id + 1, Vec::new);
        }
        self.open_at[id].push(self.stack.len());
        if class & TOP == 0 {
            self.inner.push(self.stack.len());
        }
        self.stack.push((id, untagged));
    }

    /// Pops the innermost element; whether its tags were removed.
    fn pop_innermost(&mut self, names: &Names<'_>) -> bool {
        let Some((id, untagged)) = self.stack.pop() else { return false };
        self.forget(id);
        if self.risky.last() == Some(&self.stack.len()) {
            self.risky.pop();
        }
        self.uncount(names.class(id));
        untagged
    }

    /// Closes the element at `index` and those inside it (for an end tag: `end_tag`); whether
    /// its tags were removed.
    fn pop_to(&mut self, index: usize, end_tag: bool, names: &Names<'_>) -> bool {
        let Some(&(_, untagged)) = self.stack.get(index) else { return false };
        let inside = self.stack.get(index + 1..).unwrap_or(&[]);
        if end_tag && inside.iter().any(|&(id, _)| names.class(id) & SCOPES != 0) {
            // the parser ignores this end tag: all stay open there
            for k in index..self.stack.len() {
                self.linger(self.stack[k].0);
            }
        }
        while let Some(&at) = self.risky.last() {
            if at < index {
                break;
            }
            self.risky.pop();
            if at > index {
                if let Some(&(id, _)) = self.stack.get(at) {
                    self.linger(id);
                }
            }
        }
        while self.stack.len() > index {
            if let Some((id, _)) = self.stack.pop() {
                self.forget(id);
                self.uncount(names.class(id));
            }
        }
        untagged
    }

    /// The names of the open elements but `<html>`/`<body>`, outermost first.
    /// (At most [`MAX_REOPEN`] where a split may come: found without reading the stack, which
    /// may hold any number of `<html>`/`<body>`.)
    fn reopen(&self, names: &Names<'_>) -> Vec<&'static str> {
        let name = |&at: &usize| self.stack.get(at).map_or("", |&(id, _)| static_name(names.name(id)).unwrap_or(""));
        self.inner.iter().map(name).collect()
    }

    /// The split just after a tag ending at character `at`: the elements to reopen, and clean
    /// unless a formatting element lingers.
    fn split(&self, at: i64, tag: Vec<u8>, names: &Names<'_>) -> Split {
        Split {
            at: usize::try_from(at).unwrap_or(0),
            tag,
            reopen: self.reopen(names),
            clean: self.lingering_count == 0,
        }
    }

    /// True if a split may come after the current tag: no blocker open, at most
    /// [`MAX_REOPEN`] elements to reopen.
    fn may_split(&self) -> bool {
        self.blockers == 0 && self.len() - self.tops <= MAX_REOPEN
    }
}

/// The byte spans of the start and end tags of elements deeper than `max_depth`, in order (empty
/// when the page is not that deep); with `every` (not 0), also the [`Split`] places at least
/// `every` code points apart (`depth._deep_tags`): once the body has begun, just after a void
/// element or an end tag that closes an element (not of a table), where the open elements are
/// only `<html>`/`<body>` and at most [`MAX_REOPEN`] reopenable ones.
///
/// `lower` lower-cases a tag name that is not ASCII as Python's `str.lower()` does (WTF-8 in
/// and out; see [`unicode_lower`]). Linear: each tag is read once, each element pushed and
/// popped once.
pub fn deep_tags(
    html: &[u8],
    max_depth: i64,
    every: i64,
    mut lower: impl FnMut(&[u8]) -> Vec<u8>,
) -> (Vec<(usize, usize)>, Vec<Split>) {
    let length = i64::try_from(crate::pystr::len(html)).unwrap_or(i64::MAX);
    let text = tags_part(html);
    let mut names = Names::new();
    let body = names.of_lower(b"body".to_vec());
    let plaintext = names.of_lower(b"plaintext".to_vec());
    let p = names.of_lower(b"p".to_vec());
    let mut open = Open::default();
    let mut offsets = Offsets { text, byte: 0, code_points: 0 };
    let mut splits = Vec::new();
    let mut cuts = Vec::new();
    let mut next_split = if every != 0 { every } else { length.saturating_add(1) };
    // Not in the body yet: no cut before a real <body> tag, or, on a page without one, before
    // the first element of the body.
    let mut in_head = true;
    let mut body_by = if has_body_tag(html) { length.saturating_add(1) } else { 0 };
    let mut deepest: i64 = 0;
    let mut from = 0;
    while let Some(token) = next_token(text, from, true) {
        from = token.end;
        let (end_tag, (a, b)) = match token.kind {
            Kind::Skip => continue,
            Kind::Tag { end, name } => (end, name),
            Kind::Voids { name } => (false, name),
        };
        let spelling = &text[a..b];
        if !end_tag && !in_head && is_void_spelling(spelling) {
            // the quick way for <br>, <img>...
            if open.may_split() {
                let at = offsets.at(token.end);
                if at >= next_split {
                    let tag = spelling.to_ascii_lowercase();
                    let reopen = open.reopen(&names);
                    next_split = at.saturating_add(every);
                    let at = usize::try_from(at).unwrap_or(0);
                    splits.push(Split { at, tag, reopen, clean: open.lingering_count == 0 });
                }
            }
            continue;
        }
        let id = names.of(spelling, &mut lower);
        let class = names.class(id);
        if end_tag {
            let top = open.top_of(id);
            if open.lingering_count > 0 && top.is_none() {
                open.unlinger(id); // closes the one the parser would reopen
            }
            let Some(index) = top else { continue };
            let untagged = if index + 1 == open.stack.len() {
                open.pop_innermost(&names)
            } else {
                open.pop_to(index, true, &names)
            };
            if untagged {
                cuts.push((token.start, token.end));
            }
            if !in_head && class & TABLE == 0 && open.may_split() {
                let at = offsets.at(token.end);
                if at >= next_split {
                    let mut tag = b"/".to_vec();
                    tag.extend_from_slice(names.name(id));
                    splits.push(open.split(at, tag, &names));
                    next_split = at.saturating_add(every);
                }
            }
            continue;
        }
        if in_head {
            if id == body || (class & HEAD == 0 && (body_by == 0 || offsets.at(token.end) > body_by)) {
                in_head = false;
            } else if class & HEAD == 0 && body_by > length {
                body_by = offsets.at(token.end).saturating_add(every);
            }
        }
        if class & VOID != 0 {
            if !in_head && open.may_split() {
                let at = offsets.at(token.end);
                if at >= next_split {
                    splits.push(open.split(at, names.name(id).to_vec(), &names));
                    next_split = at.saturating_add(every);
                }
            }
            continue;
        }
        if id == plaintext {
            break;
        }
        // <li>a<li>b: siblings, but <li><ul><li>: nested; <p>a<div>: a <p> closes
        let siblings = if class & SIBLINGS != 0 { Some(id) } else { None };
        let paragraph = if class & CLOSES_P != 0 { Some(p) } else { None };
        for closes in [siblings, paragraph].into_iter().flatten() {
            if let Some(index) = open.top_of(closes) {
                let near = i64::try_from(index).unwrap_or(i64::MAX) >= open.len() - 3;
                let inside = open.stack.get(index + 1..).unwrap_or(&[]);
                if near && !inside.iter().any(|&(e, _)| names.class(e) & BARRIERS != 0) {
                    open.pop_to(index, false, &names);
                }
            }
        }
        let depth = open.len();
        let untagged = depth >= max_depth && (class & SKIPPED == 0 || open.skipped > 0);
        if untagged {
            cuts.push((token.start, token.end));
        }
        open.push(id, untagged, &names);
        if depth >= deepest {
            deepest = depth.saturating_add(1);
        }
    }
    if deepest <= max_depth {
        cuts.clear();
    }
    (cuts, splits)
}

/// `html` less the (ordered, disjoint) byte spans in `cuts`.
fn without(html: &[u8], cuts: &[(usize, usize)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut at = 0;
    for &(start, end) in cuts {
        out.extend_from_slice(html.get(at..start).unwrap_or(&[]));
        at = at.max(end);
    }
    out.extend_from_slice(html.get(at..).unwrap_or(&[]));
    out
}

/// `depth.prepare`: the page with the tags of elements nested deeper than `max_depth` removed
/// and, for a page longer than `2 * every` code points that needed no capping, the [`Split`]
/// places where it can be cut into pieces of about `every` code points. `lower` as for
/// [`deep_tags`].
pub fn prepare(html: &[u8], every: i64, max_depth: i64, lower: impl FnMut(&[u8]) -> Vec<u8>) -> Prepared {
    let length = || i64::try_from(crate::pystr::len(html)).unwrap_or(i64::MAX);
    let twice = every.saturating_mul(2);
    // (a page has at most as many code points as bytes: most are not counted)
    let short = i64::try_from(html.len()).unwrap_or(i64::MAX) <= twice || length() <= twice;
    if short && (!more_tags_than(html, max_depth) || shallow_fast(html, max_depth)) {
        return Prepared { capped: None, splits: Vec::new() };
    }
    let (cuts, mut splits) = deep_tags(html, max_depth, if short { 0 } else { every }, lower);
    if cuts.is_empty() {
        if !splits.is_empty() {
            let length = length();
            splits.retain(|s| i64::try_from(s.at).unwrap_or(i64::MAX) < length);
        }
        return Prepared { capped: None, splits };
    }
    Prepared { capped: Some(without(html, &cuts)), splits: Vec::new() }
}

/// True if `html` has more than `most` `<` (found one by one, up to the one past `most`).
fn more_tags_than(html: &[u8], most: i64) -> bool {
    let Ok(most) = usize::try_from(most) else { return true };
    memchr::memchr_iter(b'<', html).nth(most).is_some()
}

/// `depth.limit_depth`: `html` with the tags of elements nested deeper than `max_depth`
/// removed (`None`: nothing to remove).
pub fn limit_depth(html: &[u8], max_depth: i64, lower: impl FnMut(&[u8]) -> Vec<u8>) -> Option<Vec<u8>> {
    let length = i64::try_from(crate::pystr::len(html)).unwrap_or(i64::MAX);
    prepare(html, length, max_depth, lower).capped
}

/// Python's `str.lower()` of WTF-8 `name`, as far as this Rust's Unicode tables agree with the
/// Python's (the bindings call Python's own): surrogates stay as they are.
pub fn unicode_lower(name: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.len());
    let mut rest = name;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.extend_from_slice(s.to_lowercase().as_bytes());
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.extend_from_slice(std::str::from_utf8(good).map(str::to_lowercase).unwrap_or_default().as_bytes());
                let skip = e.error_len().unwrap_or(bad.len()).max(1).min(bad.len());
                out.extend_from_slice(&bad[..skip]);
                rest = &bad[skip..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pystr::wtf8;

    /// The tokens of `text` as the scan reads them (up to its last `>`): (start, end, kind).
    fn tokens(text: &str, runs: bool) -> Vec<(usize, usize, String)> {
        let text = tags_part(text.as_bytes());
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(token) = next_token(text, from, runs) {
            let kind = match token.kind {
                Kind::Skip => "skip".to_string(),
                Kind::Tag { end, name: (a, b) } => {
                    format!("{}{}", if end { "/" } else { "" }, String::from_utf8_lossy(&text[a..b]))
                }
                Kind::Voids { name: (a, b) } => format!("run {}", String::from_utf8_lossy(&text[a..b])),
            };
            out.push((token.start, token.end, kind));
            assert!(token.end > from && token.end <= text.len());
            from = token.end;
        }
        out
    }

    fn t(start: usize, end: usize, kind: &str) -> (usize, usize, String) {
        (start, end, kind.to_string())
    }

    fn split(at: usize, tag: &str, reopen: &[&'static str], clean: bool) -> Split {
        Split { at, tag: tag.as_bytes().to_vec(), reopen: reopen.to_vec(), clean }
    }

    fn prepared(html: &str, every: i64, max_depth: i64) -> Prepared {
        prepare(html.as_bytes(), every, max_depth, unicode_lower)
    }

    fn capped(html: &str, max_depth: i64) -> String {
        let out = limit_depth(html.as_bytes(), max_depth, unicode_lower);
        out.map_or_else(|| html.to_string(), |c| String::from_utf8(c).unwrap())
    }

    // -- tokens ---------------------------------------------------------------------------------

    #[test]
    fn comments_run_to_their_end_or_the_last_tag() {
        assert_eq!(tokens("<!-- a -->x<p>", true), [t(0, 10, "skip"), t(11, 14, "p")]);
        assert_eq!(tokens("<!-- no end <p> >", true), [t(0, 17, "skip")]);
        assert_eq!(tokens("<!--->x-->y>", true), [t(0, 10, "skip")]); // `<!--->` does not end it
        assert_eq!(tokens("<!-->a>", true), [t(0, 7, "skip")]);
        assert_eq!(tokens("<!-- -- --><i>", true), [t(0, 11, "skip"), t(11, 14, "i")]);
    }

    #[test]
    fn declarations_and_processing_instructions_end_at_the_next_gt() {
        assert_eq!(tokens("<!doctype html><?pi <p>?><!x", true), [t(0, 15, "skip"), t(15, 23, "skip")]);
        assert_eq!(tokens("<![CDATA[<p>]]><b>", true), [t(0, 12, "skip"), t(15, 18, "b")]);
        assert_eq!(tokens("<!-x>", true), [t(0, 5, "skip")]);
    }

    #[test]
    fn a_lt_that_starts_no_token_is_text() {
        assert_eq!(tokens("< p></><1></ p><p>", true), [t(15, 18, "p")]);
        assert_eq!(tokens("<<p>", true), [t(1, 4, "p")]);
        assert_eq!(tokens("a<", true), []);
        assert_eq!(tokens("<p", true), []); // after the last `>`: not read
    }

    #[test]
    fn raw_text_runs_to_the_end_tag_in_any_case_and_python_look_alikes() {
        assert_eq!(tokens("<script>a</b>'<p>'</script>", true), [t(0, 18, "skip"), t(18, 27, "/script")]);
        // `(?i:script)` matches U+017F for `s`; the tag itself is then no token (not ASCII)
        assert_eq!(tokens("<SCRIPT>a</\u{17F}cript>", true), [t(0, 9, "skip")]);
        assert_eq!(
            tokens("<title>t</t\u{130}tle>x</title>", true),
            [t(0, 8, "skip"), t(8, 17, "/t\u{130}tle"), t(18, 26, "/title")]
        );
        assert_eq!(tokens("<title>t</t\u{131}tle>", true), [t(0, 8, "skip"), t(8, 17, "/t\u{131}tle")]);
        assert_eq!(tokens("<xmp>a</\u{17F}mp>b</xmp>", true), [t(0, 14, "skip"), t(14, 20, "/xmp")]); // none for x
        assert_eq!(tokens("<iframe src=\"</iframe>\">x</IFRAME>", true), [t(0, 25, "skip"), t(25, 34, "/IFRAME")]);
        assert_eq!(tokens("<style>p</styles>", true), [t(0, 8, "skip"), t(8, 17, "/styles")]);
        assert_eq!(tokens("<noframes><p>", true), [t(0, 13, "skip")]);
    }

    #[test]
    fn a_raw_text_name_needs_a_delimiter_after_it() {
        assert_eq!(tokens("<scriptx>y</scriptx>", true), [t(0, 9, "scriptx"), t(10, 20, "/scriptx")]);
        assert_eq!(tokens("<script/>x<p>", true), [t(0, 13, "skip")]);
        assert_eq!(tokens("<scr\u{130}pt>x</p>", true), [t(0, 9, "scr\u{130}pt"), t(10, 14, "/p")]);
        // any other tag
    }

    #[test]
    fn a_tag_ends_at_the_first_gt_outside_a_quoted_value() {
        assert_eq!(tokens("<a title='>' href=\"x>y\">z>", true), [t(0, 24, "a")]);
        assert_eq!(tokens("<a x=>b>", true), [t(0, 6, "a")]);
        assert_eq!(tokens("<a \"b>c\">", true), [t(0, 6, "a")]); // a quote opens only after `=`
        assert_eq!(tokens("<a = \"x>\">", true), [t(0, 10, "a")]);
        assert_eq!(tokens("<a x=\t\n'>'>", true), [t(0, 11, "a")]);
        assert_eq!(tokens("<a x=y=\"z>\">", true), [t(0, 12, "a")]);
        assert_eq!(tokens("<a x=\"<p>unclosed>", true), [t(0, 18, "a")]); // to the end of the scan
        assert_eq!(tokens("<a\"b=c>d</a\"b>", true), [t(0, 7, "a\"b=c"), t(8, 14, "/a\"b")]);
        assert_eq!(tokens("<div\x0bx>", true), [t(0, 7, "div\x0bx")]); // \v is no space here
    }

    #[test]
    fn void_elements_in_runs() {
        assert_eq!(tokens("<br>x<br>y<BR/><p>", true), [t(0, 15, "run BR"), t(15, 18, "p")]);
        assert_eq!(
            tokens("<br>x<br>y<BR/><p>", false),
            [t(0, 4, "br"), t(5, 9, "br"), t(10, 15, "BR"), t(15, 18, "p")]
        );
        assert_eq!(tokens("<br><p>", true), [t(0, 4, "br"), t(4, 7, "p")]);
        assert_eq!(tokens("<img src='<p>'>字<hr><wbr><Input>", true)[0].2, "run Input");
        assert_eq!(tokens("<brx><br><br>", true), [t(0, 5, "brx"), t(5, 13, "run br")]);
        let page = "<br>".repeat(300);
        assert_eq!(tokens(&page, true), [t(0, 1024, "run br"), t(1024, 1200, "run br")]);
        let page = "<br>".repeat(257);
        assert_eq!(tokens(&page, true), [t(0, 1024, "run br"), t(1024, 1028, "br")]);
        assert_eq!(tokens("<br>", true), [t(0, 4, "br")]);
    }

    #[test]
    fn tokens_of_any_bytes_stay_in_bounds() {
        let mut rng = crate::test_rng::Rng(0x9E37_79B9_7F4A_7C15);
        let alphabet: &[&[u8]] = &[
            b"<",
            b">",
            b"/",
            b"!",
            b"-",
            b"?",
            b"=",
            b"\"",
            b"'",
            b" ",
            b"\t",
            b"br",
            b"script",
            b"a",
            b"\xff",
            b"\xed\xa0\x80",
            "ſ".as_bytes(),
            "İ".as_bytes(),
            b"--",
            b"<!--",
            b"-->",
        ];
        for _ in 0..20_000 {
            let page: Vec<u8> = (0..rng.below(32)).flat_map(|_| alphabet[rng.below(alphabet.len())].to_vec()).collect();
            for runs in [false, true] {
                let mut from = 0;
                while let Some(token) = next_token(&page, from, runs) {
                    assert!(token.start >= from && token.end > token.start && token.end <= page.len());
                    from = token.end;
                }
            }
            for every in [-1, 0, 1, 3, 1 << 40, i64::MAX, i64::MIN] {
                for max_depth in [-1, 0, 1, 2, 512, i64::MAX, i64::MIN] {
                    let out = prepare(&page, every, max_depth, unicode_lower);
                    if let Some(capped) = &out.capped {
                        assert!(capped.len() < page.len() && out.splits.is_empty());
                    }
                }
            }
        }
    }

    // -- the quick bound ------------------------------------------------------------------------

    #[test]
    fn shallow_counts_each_spelling_on_its_own() {
        assert!(shallow(b"<div><p>a</p><p>b</div>", 2));
        assert!(!shallow(b"<div><p>a<p>b</div>", 2));
        assert!(shallow(b"<b><br><script>'</b></b>'</script><i><!-- </b> -->", 2));
        assert!(!shallow(b"<b><script>'<i>'</script><!-- <u> --><img><s><u>", 2));
        assert!(!shallow(b"<DIV></div><p><b>", 2) && shallow(b"<div></div><p><b>", 2)); // `</div>` closes no `<DIV>`
        assert!(!shallow(b"<br><BR><Br><bR><p>", 1)); // `<bR>` is counted
        assert!(shallow(b"<br><BR><Br><p>", 1));
        assert!(shallow(b"", 0) && shallow(b"</p></p>", 0) && !shallow(b"<p>", -1));
    }

    #[test]
    fn shallow_is_never_below_the_scan() {
        let pieces = [
            "<div>",
            "</div>",
            "<DIV a=x>",
            "</Div>",
            "<p>",
            "</p>",
            "<P>",
            "<li>",
            "<ul>",
            "<b>",
            "</B>",
            "<a href='<i>'>",
            "<script>",
            "</\u{17F}cript>",
            "<SCRIPT\tx>",
            "</ScRiPt",
            "<!--",
            "-->",
            "<br>",
            "<Br/>",
            "<bR>",
            "<lin\u{212A}>",
            "<td>",
            "<table>",
            "</table>",
            "<plaintext>",
            ">",
            "<",
            "x",
            "<title>",
            "</title>",
            "<i\t>",
        ];
        let mut rng = crate::test_rng::Rng(7);
        for _ in 0..20_000 {
            let page: String = (0..rng.below(64)).map(|_| pieces[rng.below(pieces.len())]).collect();
            for depth in 0..6 {
                if shallow(page.as_bytes(), depth) {
                    assert_eq!(deep_tags(page.as_bytes(), depth, 0, unicode_lower), (vec![], vec![]), "{page} {depth}");
                }
            }
        }
    }

    /// Asserts [`shallow_fast`] gives [`shallow`]'s answer on `page` at every cap in `depths`.
    fn same_bound(page: &[u8], depths: impl IntoIterator<Item = i64>) {
        for depth in depths {
            assert_eq!(shallow_fast(page, depth), shallow(page, depth), "{} {depth}", String::from_utf8_lossy(page));
        }
    }

    #[test]
    fn more_tags_than_counts_every_lt() {
        for n in [0, 1, 511, 512, 513, 5000] {
            let page = format!("{}{}", "字<".repeat(n), "x".repeat(n % 7));
            for most in [-1, 0, 1, 511, 512, 513, 4999, 5000, i64::MAX, i64::MIN] {
                assert_eq!(more_tags_than(page.as_bytes(), most), (n as i64) > most, "{n} {most}");
            }
        }
    }

    #[test]
    fn shallow_fast_is_shallow_on_random_soups() {
        // the pieces of `shallow_is_never_below_the_scan` and more: long and 15/16-byte names,
        // a NUL in a name, names cut by the end of the page, quotes that hide tags or never close
        let pieces: &[&[u8]] = &[
            b"<div>",
            b"</div>",
            b"<DIV a=x>",
            b"</Div>",
            b"<p>",
            b"</p>",
            b"<P>",
            b"<li>",
            b"<ul>",
            b"<b>",
            b"</B>",
            b"<a href='<i>'>",
            b"<a title=\"</b>\">",
            b"<a x = \"",
            b"\"",
            b"'",
            b"=",
            b"<script>",
            "</\u{17F}cript>".as_bytes(),
            b"<SCRIPT\tx>",
            b"</ScRiPt",
            b"<sTyLe>",
            b"</style >",
            b"<xmp>",
            b"</XMP>",
            b"<textarea>",
            b"</textarea>",
            b"<noframes>",
            b"<iframe/>",
            b"<noembed>",
            b"<!--",
            b"-->",
            b"<!x>",
            b"<?x>",
            b"</ x>",
            b"<br>",
            b"<Br/>",
            b"<bR>",
            b"<IMG>",
            b"</br>",
            b"<Basefont>",
            "<lin\u{212A}>".as_bytes(),
            b"<td>",
            b"<table>",
            b"</table>",
            b"<plaintext>",
            b"<abcdefghijklmno>",
            b"</abcdefghijklmno>",
            b"<abcdefghijklmnop>",
            b"</abcdefghijklmnop>",
            b"<abcdefghijklmnoq>",
            b"<a\0>",
            b"</a\0>",
            b"</a>",
            b"<a>",
            b"\xff",
            b">",
            b"<",
            b"</",
            b"x",
            b"<title>",
            b"</title>",
            b"<i\t>",
            b"<scriptx>",
            b"<s>",
        ];
        let mut rng = crate::test_rng::Rng(11);
        for round in 0..40_000 {
            let mut page: Vec<u8> = (0..rng.below(64)).flat_map(|_| pieces[rng.below(pieces.len())].to_vec()).collect();
            if round % 3 == 0 {
                page.truncate(page.len().saturating_sub(rng.below(8))); // a name or a tag cut by the end of the page
            }
            same_bound(&page, -1..8);
        }
    }

    #[test]
    fn shallow_fast_is_shallow_on_nests_at_the_cap() {
        let open_close = |open: &str, close: &str, n: usize| format!("{}x{}", open.repeat(n), close.repeat(n));
        let caps = [510, 511, 512, 513, 514];
        for n in [510, 511, 512, 513, 514] {
            same_bound(open_close("<div>", "</div>", n).as_bytes(), caps);
            same_bound(open_close("<DiV class='a>b'>", "</div>", n).as_bytes(), caps); // `</div>` closes no `<DiV>`
            same_bound(open_close("<b><Br>", "</b>", n).as_bytes(), caps);
            same_bound(open_close("<abcdefghijklmnopq>", "</abcdefghijklmnopq>", n).as_bytes(), caps);
            same_bound(open_close("<abcdefghijklmno>", "</abcdefghijklmno>", n).as_bytes(), caps);
            // closed within: never deep
            same_bound("<div><span></span></div>".repeat(n).as_bytes(), caps);
            // end tags the scan never reads: inside a comment, raw text, a quoted value
            for hidden in ["<!-- </div> -->", "<script></div></script>", "<a title=\"</div>\">", "<style>'</style>"] {
                let page = format!("{}{}<p>", "<div>".repeat(n), hidden.repeat(n));
                same_bound(page.as_bytes(), caps);
            }
            // start tags the scan never reads
            for hidden in ["<!--<div>-->", "<xmp><div></xmp>", "<a href='<div>'>", "<TITLE><div></TITLE>"] {
                let page = format!("{}{}", "<div>".repeat(n), hidden.repeat(n));
                same_bound(page.as_bytes(), caps);
            }
        }
    }

    // -- the scan -------------------------------------------------------------------------------

    #[test]
    fn splits_after_void_elements_and_end_tags_in_the_body() {
        let (cuts, splits) =
            deep_tags("<title>x</title><div><p>一<br>二</p></div>三".as_bytes(), 512, 1, unicode_lower);
        assert!(cuts.is_empty());
        assert_eq!(
            splits,
            [split(29, "br", &["div", "p"], true), split(34, "/p", &["div"], true), split(40, "/div", &[], true)]
        );
        let clean: Vec<bool> = deep_tags("<div><p><b>一</p>二<br>三</b><br>".as_bytes(), 512, 1, unicode_lower)
            .1
            .iter()
            .map(|s| s.clean)
            .collect();
        assert_eq!(clean, [false, false, true]);
    }

    #[test]
    fn prepare_cuts_pages_longer_than_twice_every() {
        let out = prepared("<p>一</p><p>二</p><p>三</p>", 4, 512);
        assert_eq!(out, Prepared { capped: None, splits: vec![split(8, "/p", &[], true), split(16, "/p", &[], true)] });
        let page = format!("<p>{}", "字<br>".repeat(1000));
        assert_eq!(prepared(&page, 2000, 512).splits, [split(2563, "br", &["p"], true)]);
        assert_eq!(prepared(&page, 2502, 512).splits, []); // not over 2 * every
        assert_eq!(prepared("<p>一</p><p>二</p>", 4, 512).splits, [split(8, "/p", &[], true)]);
        // none at the end
    }

    #[test]
    fn no_split_in_the_head_inside_a_blocker_or_after_a_table() {
        let head = "<title>标题</title><meta x=1><link>".repeat(20);
        let page = format!("{head}<body class=page><div>{}", "<a href=x>链</a><br>".repeat(50));
        let body = page.find("<body").unwrap();
        let splits = prepared(&page, 30, 512).splits;
        assert!(!splits.is_empty() && splits.iter().all(|s| s.at > page[..body].chars().count()));
        let page = "<body><table><tr><td>x</td></tr></table><span>y<br></span><p>z</p>".repeat(3);
        let tags: Vec<String> =
            prepared(&page, 1, 512).splits.iter().map(|s| String::from_utf8(s.tag.clone()).unwrap()).collect();
        assert_eq!(tags, ["/span", "/p", "/span", "/p", "/span"]);
    }

    #[test]
    fn at_most_max_reopen_elements_are_reopened() {
        let page = format!("<body>{}字<br><div>字<br>字", "<div>".repeat(8)); // 9 open after the second
        let splits = prepared(&page, 1, 512).splits;
        assert_eq!(splits, [split(51, "br", &["div"; 8], true)]);
        let page = format!("{}<div><br><p>", "<body>".repeat(100_000));
        assert_eq!(prepared(&page, 1, 1_000_000).splits, [split(600_009, "br", &["div"], true)]);
    }

    #[test]
    fn formatting_elements_the_parser_reopens_make_splits_unclean() {
        let page = "<body><div><p><b>一</p>二<br>三</b><br>四";
        let want =
            [split(22, "/p", &["div"], false), split(27, "br", &["div"], false), split(36, "br", &["div"], true)];
        assert_eq!(prepared(page, 1, 512).splits, want);
        // an end tag across a <td> is ignored by the parser: what it closes lingers until the next
        let page = "<body><div><td>x</div>y<br>z</div>w<br>v</td>u<br>t";
        let clean: Vec<(usize, bool)> = prepared(page, 1, 512).splits.iter().map(|s| (s.at, s.clean)).collect();
        assert_eq!(clean, [(22, false), (27, false), (39, false), (50, true)]);
    }

    #[test]
    fn siblings_close_and_barriers_nest() {
        let page = "<body><li>a<li>b<br>c";
        assert_eq!(prepared(page, 1, 512).splits, [split(20, "br", &["li"], true)]);
        let page = "<body><li><ul><li>b<br>c";
        assert_eq!(prepared(page, 1, 512).splits, [split(23, "br", &["li", "ul", "li"], true)]);
        let page = "<body><p>a<table>b<br>c</table><br>x"; // a <table> is a blocker
        assert_eq!(prepared(page, 1, 512).splits, [split(35, "br", &[], true)]);
        let page = "<body><p>a<div>b<br>c";
        assert_eq!(prepared(page, 1, 512).splits, [split(20, "br", &["div"], true)]);
    }

    #[test]
    fn plaintext_ends_the_scan() {
        assert_eq!(prepared("<body><plaintext><p>a</p><br>b", 1, 512).splits, []);
        assert_eq!(prepared("<body><p>a</p><PLAINTEXT><br>b", 1, 512).splits, [split(14, "/p", &[], true)]);
    }

    #[test]
    fn deep_elements_lose_their_tags_and_keep_their_text() {
        assert_eq!(capped("<div><p>新闻</p></div>", 512), "<div><p>新闻</p></div>");
        assert_eq!(
            capped(&format!("{}正文{}", "<div>".repeat(5), "</div>".repeat(5)), 2),
            "<div><div>正文</div></div>"
        );
        assert_eq!(capped("<b><i><u>x</u></i></b><p>y", 1), "<b>x</b><p>y");
        assert_eq!(capped("<div><script><p></script><p>x</p>", 1), "<div><script><p></script>x"); // raw text is text
        assert_eq!(capped("<div><svg><g>a</g></svg></div>", 1), "<div><svg>a</svg></div>");
        assert!(limit_depth("<p>正文</p><!--<div><div>--><div>".as_bytes(), 1, unicode_lower).is_none());
        let deep = format!("{}<p>甲</p>{}<p>丙</p>", "<div>".repeat(600), "</div>".repeat(600));
        let out = capped(&deep, 512);
        assert_eq!(out.matches("<div>").count(), 512);
        assert!(out.ends_with("<p>丙</p>") && out.contains("甲"));
        assert_eq!(prepared(&deep, 10, 512).splits, []); // a capped page is not cut
    }

    #[test]
    fn linear_in_deep_and_wide_pages() {
        for page in [
            "<div>".repeat(200_000),
            "<div><span>".repeat(100_000),
            format!("{}{}", "<b><i>".repeat(50_000), "</div>".repeat(100_000)),
            format!("<body>{}", "<p>字<br>".repeat(100_000)),
            format!("{}{}", "<td><div>".repeat(50_000), "</div>".repeat(50_000)),
            "<a x='".repeat(100_000) + ">",
            "<script><".repeat(100_000) + ">",
        ] {
            let out = prepared(&page, 1000, 512);
            assert!(out.capped.is_some() || !out.splits.is_empty() || page.starts_with("<a") || page.starts_with("<s"));
        }
    }

    // -- code points, lower case ----------------------------------------------------------------

    #[test]
    fn positions_are_code_points_lone_surrogates_and_astral_included() {
        let mut page = Vec::new();
        for part in
            [&wtf8(0xD800)[..], b"<body><p>", &wtf8(0x1F600), b"</p>", &wtf8(0xDC00), b"<br>", &wtf8(0x20000), b"x"]
        {
            page.extend_from_slice(part);
        }
        let out = prepare(&page, 1, 512, unicode_lower);
        assert_eq!(out.splits, [split(15, "/p", &[], true), split(20, "br", &[], true)]);
        assert_eq!(crate::pystr::len(&page), 22);
        let mut deep = wtf8(0xD800);
        deep.extend_from_slice("<b>😀<b>😀<b>😀".as_bytes());
        deep.extend(wtf8(0xDFFF));
        let mut want = wtf8(0xD800);
        want.extend_from_slice("<b>😀😀😀".as_bytes());
        want.extend(wtf8(0xDFFF));
        assert_eq!(limit_depth(&deep, 1, unicode_lower), Some(want));
    }

    #[test]
    fn code_points_are_counted_word_by_word() {
        let text: String = (0..2000u32).filter_map(|i| char::from_u32(i * 557 % 0x11_0000)).collect();
        for cut in 0..40 {
            let bytes = &text.as_bytes()[..text.len() - cut];
            let want = crate::pystr::code_points(bytes).count();
            if std::str::from_utf8(bytes).is_ok() {
                assert_eq!(crate::pystr::len(bytes), want);
            }
        }
    }

    #[test]
    fn names_that_are_not_ascii_are_lowered_by_the_function_given() {
        let mut asked = Vec::new();
        let page = "<body><div><p>x</p><lin\u{212A}></p><p>y</P><p>z";
        let out = prepare(page.as_bytes(), 1, 512, |name: &[u8]| {
            asked.push(String::from_utf8_lossy(name).into_owned());
            unicode_lower(name)
        });
        assert_eq!(asked, ["lin\u{212A}"]); // once per spelling, never for ASCII
        let tags: Vec<String> = out.splits.iter().map(|s| String::from_utf8(s.tag.clone()).unwrap()).collect();
        assert_eq!(tags, ["/p", "link", "/p"]); // the Kelvin sign lowers to `k`: a void element
        let page = "<body><d\u{130}v>字</di\u{307}v><a\u{3A3}>字</a\u{3C2}>尾";
        let tags: Vec<String> =
            prepared(page, 1, 512).splits.iter().map(|s| String::from_utf8(s.tag.clone()).unwrap()).collect();
        assert_eq!(tags, ["/di\u{307}v", "/a\u{3C2}"]);
    }

    #[test]
    fn unicode_lower_is_pythons_and_keeps_surrogates() {
        assert_eq!(unicode_lower("D\u{130}V".as_bytes()), "di\u{307}v".as_bytes());
        assert_eq!(unicode_lower("\u{212A}BD".as_bytes()), b"kbd");
        assert_eq!(unicode_lower("A\u{3A3}".as_bytes()), "a\u{3C2}".as_bytes());
        assert_eq!(unicode_lower("A\u{3A3}B".as_bytes()), "a\u{3C3}b".as_bytes());
        let mut name = b"X".to_vec();
        name.extend(wtf8(0xD800));
        name.extend_from_slice("\u{3A3}\u{FF}".as_bytes());
        let mut want = b"x".to_vec();
        want.extend(wtf8(0xD800));
        want.extend_from_slice("\u{3C3}\u{FF}".as_bytes());
        assert_eq!(unicode_lower(&name), want);
    }

    #[test]
    fn raw_names_start_with_the_letters_token_at_looks_for() {
        assert!(RAW.iter().all(|name| matches!(name[0], b'i' | b'n' | b's' | b't' | b'x')));
        assert!(RAW.iter().all(|name| (3..=8).contains(&name.len())));
        for name in RAW {
            assert_eq!(raw_name(&name.to_ascii_uppercase()), Some(name));
        }
        assert_eq!(raw_name(b"scrip"), None);
        assert_eq!(raw_name(b"scripts"), None);
    }

    #[test]
    fn is_void_name_is_the_list() {
        let listed: Vec<&str> = VOID_NAMES.split_ascii_whitespace().collect();
        for name in &listed {
            assert!(is_void_name(name.as_bytes()), "{name}");
        }
        for name in ["", "b", "brr", "Br", "metas", "p", "div", "frameset", "basefon", "imgs"] {
            assert_eq!(is_void_name(name.as_bytes()), listed.contains(&name), "{name}");
        }
    }

    #[test]
    fn the_classes_are_the_python_ones() {
        assert_eq!(reopenable().count(), 34);
        assert_eq!(classes(b"li"), REOPENABLE | SIBLINGS | CLOSES_P);
        assert_eq!(classes(b"input"), VOID | SKIPPED);
        assert_eq!(classes(b"td"), SIBLINGS | SCOPES | TABLE | BARRIERS);
        assert_eq!(classes(b"LI"), 0);
        assert!(is_void_spelling(b"br") && is_void_spelling(b"BR") && is_void_spelling(b"Br"));
        assert!(!is_void_spelling(b"bR") && !is_void_spelling(b"/br") && !is_void_spelling(b"brbrbrbrbr"));
        assert!(!is_void_spelling(b"BaseFont") && is_void_spelling(b"Basefont"));
    }
}
