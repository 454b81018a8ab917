//! Python's `re` patterns that the core answers itself, so that selection asks Python fewer
//! questions ([`super::Patterns`]).
//!
//! The patterns stay Python's: their text (`pattern.pattern`, `pattern.flags`) is handed over
//! once and rewritten for the `regex` crate by [`translate`], which reads it as Python's `re`
//! reads it, token by token. Two readings:
//!
//! - [`Reading::Exact`]: the same matches as `re` on every text. What the crate cannot say the
//!   same way is refused (an error naming it), and Python keeps answering that pattern: look-
//!   arounds, `$`, `\b`, `\w`, `\d` (the crate's Unicode tables are newer than Python 3.11's,
//!   so its `\d` holds digits Python's does not), back-references, inline flags, possessive
//!   repeats, any flag but `re.UNICODE`;
//! - [`Reading::Loose`]: matches at least wherever `re` does (it may match more): the
//!   zero-width assertions the crate lacks (look-arounds, `$`, `\b`, `\B`) are dropped, which
//!   only widens a pattern, and `\d` is the crate's (a superset of Python's; checked on every
//!   code point by `tests/test_native_patterns.py`). Used as a necessary condition: where a
//!   loose pattern does not match, Python's cannot.
//!
//! Both readings translate `\s` and `\S` into classes of exactly Python's white space
//! (`str.isspace()`, which holds `\x1c`-`\x1f`; the crate's `\s` does not), keep `.` (neither
//! crosses `\n`) and write every ASCII punctuation character as `\x{..}`, so that nothing
//! Python reads as a literal is an operator to the crate (`&&`, `--`, `~~` and `[` inside a
//! class). A text that is not UTF-8 (it holds a lone surrogate) is left to Python.

use super::{text, Block};
use crate::pystr::lossy_str;
use regex::Regex;
use std::borrow::Cow;

/// `re.UNICODE`, the flag every `str` pattern has.
pub const UNICODE: u32 = 32;
/// `re.MULTILINE`: `^` and `$` hold at each line's ends too (read loosely only: both dropped).
pub const MULTILINE: u32 = 8;

/// Python's `\s` for a `str` (`str.isspace()`) as the members of a class.
const PY_SPACE: &str =
    r"\x{9}-\x{d}\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}";

/// How [`translate`] reads a pattern (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The same matches as Python's, or an error.
    Exact,
    /// Matches wherever Python's does, maybe more.
    Loose,
}

/// A Python `re` pattern (`pattern`, compiled with `flags`) in the `regex` crate's syntax, read
/// as `reading` says; an error names what cannot be read that way.
///
/// ```
/// use _core::select::patterns::{translate, Reading, UNICODE};
/// assert_eq!(translate(r"第\s*[0-9]+章", UNICODE, Reading::Exact).unwrap().contains("\\x{1c}"), true);
/// assert!(translate(r"(?<!\d)\d+前", UNICODE, Reading::Exact).is_err());
/// assert!(translate(r"(?<!\d)\d+前", UNICODE, Reading::Loose).is_ok());
/// ```
pub fn translate(pattern: &str, flags: u32, reading: Reading) -> Result<String, String> {
    let readable = match reading {
        Reading::Exact => UNICODE,
        Reading::Loose => UNICODE | MULTILINE,
    };
    if flags & !readable != 0 {
        return Err(format!("flags {flags:#x} (only re.UNICODE is read, and re.MULTILINE loosely)"));
    }
    let mut t = Translator {
        chars: pattern.chars().collect(),
        at: 0,
        out: String::with_capacity(pattern.len() * 2),
        reading,
        multiline: flags & MULTILINE != 0,
    };
    t.run()?;
    Ok(t.out)
}

struct Translator {
    chars: Vec<char>,
    at: usize,
    out: String,
    reading: Reading,
    multiline: bool,
}

/// An open group: the output's length where a dropped look-around started, if it is one.
type Frame = Option<usize>;

impl Translator {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        Some(c)
    }

    fn looking_at(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(k, c)| self.peek(k) == Some(c))
    }

    fn exact_only(&self, what: &str) -> Result<(), String> {
        match self.reading {
            Reading::Exact => Err(format!("{what} (the regex crate has no such assertion)")),
            Reading::Loose => Ok(()),
        }
    }

    fn run(&mut self) -> Result<(), String> {
        let mut groups: Vec<Frame> = Vec::new();
        let mut repeatable = false; // the last item can take a repeat
        while let Some(c) = self.next() {
            let was_repeatable = std::mem::replace(&mut repeatable, true);
            match c {
                '\\' => repeatable = self.escape()?,
                '[' => self.class()?,
                '(' => {
                    groups.push(self.group()?);
                    repeatable = false;
                }
                ')' => match groups.pop() {
                    None => return Err("an unbalanced ')'".into()),
                    Some(Some(start)) => {
                        self.out.truncate(start);
                        self.out.push_str("(?:)");
                    }
                    Some(None) => self.out.push(')'),
                },
                '|' => {
                    self.out.push('|');
                    repeatable = false;
                }
                '*' | '+' | '?' => {
                    if !was_repeatable {
                        return Err(format!("nothing to repeat before '{c}'"));
                    }
                    self.out.push(c);
                    self.repeat_tail()?;
                    repeatable = false;
                }
                '{' => match self.counted()? {
                    Some(bounds) => {
                        if !was_repeatable {
                            return Err("nothing to repeat before '{'".into());
                        }
                        self.out.push_str(&bounds);
                        self.repeat_tail()?;
                        repeatable = false;
                    }
                    None => push_literal(&mut self.out, '{'),
                },
                '.' => self.out.push('.'),
                '^' => {
                    if !self.multiline {
                        self.out.push('^');
                    } // multi-line (loose only): dropped, as `$` is
                    repeatable = false;
                }
                '$' => {
                    // Python's `$` also holds before a final newline: no crate assertion says that.
                    self.exact_only("'$'")?;
                    repeatable = false;
                }
                c => push_literal(&mut self.out, c),
            }
        }
        if !groups.is_empty() {
            return Err("an unclosed group".into());
        }
        Ok(())
    }

    /// After a repeat: a lazy `?` is the same in both; a possessive `+` the crate lacks.
    fn repeat_tail(&mut self) -> Result<(), String> {
        match self.peek(0) {
            Some('?') => {
                self.next();
                self.out.push('?');
                Ok(())
            }
            Some('+') => Err("a possessive repeat".into()),
            _ => Ok(()),
        }
    }

    /// After `{`: the repeat it opens as the crate writes it, or `None` when Python reads the
    /// `{` as a literal (`sre_parse`: digits, an optional comma and digits, then `}`).
    fn counted(&mut self) -> Result<Option<String>, String> {
        let start = self.at;
        if self.peek(0) == Some('}') {
            return Ok(None);
        }
        let digits = |t: &mut Self| {
            let mut s = String::new();
            while let Some(d) = t.peek(0).filter(char::is_ascii_digit) {
                t.next();
                s.push(d);
            }
            s
        };
        let lo = digits(self);
        let hi = if self.peek(0) == Some(',') {
            self.next();
            Some(digits(self))
        } else {
            None
        };
        if self.peek(0) != Some('}') {
            self.at = start;
            return Ok(None);
        }
        self.next();
        let lo_n: u64 = if lo.is_empty() { 0 } else { lo.parse().map_err(|_| "a repeat count too large")? };
        Ok(Some(match hi {
            None => format!("{{{lo_n}}}"),
            Some(hi) if hi.is_empty() => format!("{{{lo_n},}}"),
            Some(hi) => {
                let hi_n: u64 = hi.parse().map_err(|_| "a repeat count too large")?;
                if hi_n < lo_n {
                    return Err("a repeat whose maximum is below its minimum".into());
                }
                format!("{{{lo_n},{hi_n}}}")
            }
        }))
    }

    /// After `(`: the group's opening written out, and its frame.
    fn group(&mut self) -> Result<Frame, String> {
        if self.peek(0) != Some('?') {
            self.out.push('(');
            return Ok(None);
        }
        if self.looking_at("?:") {
            self.at += 2;
            self.out.push_str("(?:");
            return Ok(None);
        }
        if self.looking_at("?P<") {
            self.at += 3;
            let mut name = String::new();
            loop {
                match self.next() {
                    Some('>') => break,
                    Some(c) if c == '_' || c.is_ascii_alphanumeric() => name.push(c),
                    _ => return Err("a group name the crate cannot take".into()),
                }
            }
            if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                return Err("a bad group name".into());
            }
            self.out.push_str(&format!("(?P<{name}>"));
            return Ok(None);
        }
        for look in ["?=", "?!", "?<=", "?<!"] {
            if self.looking_at(look) {
                self.exact_only("a look-around")?;
                self.at += look.chars().count();
                let start = self.out.len();
                self.out.push_str("(?:"); // its contents are read (and checked), then dropped
                return Ok(Some(start));
            }
        }
        Err("a group kind the crate lacks (flags, a back-reference, a conditional, atomic)".into())
    }

    /// After `\` outside a class: what it stands for written out; whether it can be repeated.
    fn escape(&mut self) -> Result<bool, String> {
        let c = self.next().ok_or("a trailing backslash")?;
        match c {
            'A' => self.out.push_str(r"\A"),
            'Z' => self.out.push_str(r"\z"),
            'b' | 'B' => {
                self.exact_only(r"\b or \B (Python's word characters are not the crate's)")?;
                return Ok(false);
            }
            _ => {
                let member = self.class_escape(c)?;
                self.out.push_str(&member.alone());
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// After `\\` (inside a class, or a class-like escape outside one): a character or a set.
    fn class_escape(&mut self, c: char) -> Result<Member, String> {
        Ok(match c {
            's' => Member::Space,
            'S' => Member::NotSpace,
            'd' => match self.reading {
                Reading::Exact => return Err(r"\d (the crate's Unicode digits are newer than Python's)".into()),
                Reading::Loose => Member::Digit,
            },
            'a' => Member::Char('\x07'),
            'f' => Member::Char('\x0c'),
            'n' => Member::Char('\n'),
            'r' => Member::Char('\r'),
            't' => Member::Char('\t'),
            'v' => Member::Char('\x0b'),
            'x' => Member::Char(self.hex(2)?),
            'u' => Member::Char(self.hex(4)?),
            'U' => Member::Char(self.hex(8)?),
            c if c.is_ascii_alphanumeric() => {
                return Err(format!(r"\{c} (a class, back-reference or escape the crate reads otherwise)"))
            }
            c => Member::Char(c),
        })
    }

    /// `n` hex digits as a character.
    fn hex(&mut self, n: usize) -> Result<char, String> {
        let digits: String = (0..n).map_while(|_| self.next().filter(char::is_ascii_hexdigit)).collect();
        if digits.len() != n {
            return Err(format!("an escape without its {n} hex digits"));
        }
        u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32).ok_or_else(|| "an escape of no character".into())
    }

    /// After `[`: the class written out (`sre_parse`'s reading: a `]` first is a member, `a-b`
    /// a range, a `-` first or last a member).
    fn class(&mut self) -> Result<(), String> {
        let mut body = String::new();
        let negated = self.peek(0) == Some('^');
        if negated {
            self.next();
        }
        let mut first = true;
        loop {
            let c = self.next().ok_or("an unterminated class")?;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = match c {
                '\\' => {
                    let e = self.next().ok_or("a trailing backslash")?;
                    if e == 'b' {
                        Member::Char('\x08')
                    } else {
                        self.class_escape(e)?
                    }
                }
                c => Member::Char(c),
            };
            if self.peek(0) == Some('-') && self.peek(1).is_some() && self.peek(1) != Some(']') {
                self.next();
                let hi = match self.next() {
                    Some('\\') => {
                        let e = self.next().ok_or("a trailing backslash")?;
                        if e == 'b' {
                            Member::Char('\x08')
                        } else {
                            self.class_escape(e)?
                        }
                    }
                    Some(c) => Member::Char(c),
                    None => return Err("an unterminated class".into()),
                };
                match (lo, hi) {
                    (Member::Char(lo), Member::Char(hi)) if lo <= hi => {
                        body.push_str(&literal(lo));
                        body.push('-');
                        body.push_str(&literal(hi));
                    }
                    _ => return Err("a bad range in a class".into()),
                }
                continue;
            }
            body.push_str(&lo.in_class());
        }
        self.out.push('[');
        if negated {
            self.out.push('^');
        }
        self.out.push_str(&body);
        self.out.push(']');
        Ok(())
    }
}

/// What an escape stands for: a character or a set.
enum Member {
    Char(char),
    /// `\s`: Python's white space.
    Space,
    /// `\S`.
    NotSpace,
    /// `\d` (loose: the crate's, a superset of Python's).
    Digit,
}

impl Member {
    /// Written out on its own.
    fn alone(&self) -> String {
        match self {
            Member::Char(c) => literal(*c),
            Member::Space => format!("[{PY_SPACE}]"),
            Member::NotSpace => format!("[^{PY_SPACE}]"),
            Member::Digit => r"\d".into(),
        }
    }

    /// Written out inside a class (a nested class is a member of the union to the crate).
    fn in_class(&self) -> String {
        match self {
            Member::Space => PY_SPACE.into(),
            other => other.alone(),
        }
    }
}

/// A character as a literal the crate reads the same inside and outside a class.
fn literal(c: char) -> String {
    if c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_control()) {
        c.to_string()
    } else {
        format!("\\x{{{:x}}}", u32::from(c))
    }
}

fn push_literal(out: &mut String, c: char) {
    out.push_str(&literal(c));
}

/// A Python pattern compiled for the crate.
#[derive(Debug, Clone)]
pub struct Native {
    regex: Regex,
}

impl Native {
    /// `pattern` read as `reading` says; `anchored`: as `pattern.match` tries it, at the start
    /// only (else as `pattern.search`).
    pub fn new(pattern: &str, flags: u32, reading: Reading, anchored: bool) -> Result<Native, String> {
        let rust = translate(pattern, flags, reading)?;
        let rust = if anchored { format!(r"\A(?:{rust})") } else { rust };
        let regex = Regex::new(&rust).map_err(|e| e.to_string())?;
        Ok(Native { regex })
    }

    /// Whether it matches WTF-8 `text`; `None` when the text is not UTF-8 (a lone surrogate:
    /// Python answers).
    pub fn is_match(&self, text: &[u8]) -> Option<bool> {
        match lossy_str(text) {
            Cow::Borrowed(s) => Some(self.regex.is_match(s)),
            Cow::Owned(_) => None,
        }
    }
}

/// The patterns the core answers for Python, each `None` where Python answers (it was not
/// given, or it cannot be read exactly):
/// - `dateline_needs`: `metadata._DATELINE_NEEDS`, read loosely: `metadata.is_dateline` is false
///   where it finds nothing in the block's simplified text (see [`Known::dateline_needs_found`]);
/// - `title_label`: `select.TITLE_LABEL.match`, exactly;
/// - `chapter`: `select.CHAPTER.search`, exactly;
/// - `thread_marks`: `select.THREAD_MARKS`, read loosely, with `mark_chars`
///   (`select._MARK_CHARS`): `select.is_thread` is false where it finds nothing in the short
///   blocks (see [`Known::thread_marks_found`]).
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub dateline_needs: Option<Native>,
    pub title_label: Option<Native>,
    pub chapter: Option<Native>,
    pub thread_marks: Option<Native>,
    pub mark_chars: usize,
}

impl Known {
    /// Whether the loose `_DATELINE_NEEDS` finds something in the block's simplified text
    /// ([`Block::matchable`]), or cannot tell (no pattern, a lone surrogate): where it does not,
    /// `metadata.is_dateline(block.text, han)` is false and Python need not be asked.
    ///
    /// Python searches `simplified(_ADDRESS.sub(_without_digits, text))`: the text with the
    /// digits of each web address removed. That only drops characters, but it joins what was
    /// apart, so this holds because of the pattern: a match of `_DATELINE_NEEDS` holds no ASCII
    /// letter, starts with a digit or a Han character and ends with a digit, a Han character or
    /// a label's `:`/`/`; an address keeps its `http`/`www.` opening, so no match reaches into
    /// one, and every match Python finds is in the block's text as it stands (the loose reading
    /// drops the look-behinds a removed digit could have failed). `simplified` writes
    /// character for character and never an ASCII one. `tests/test_native_patterns.py` checks
    /// it on every dev block and random datelines.
    pub fn dateline_needs_found(&self, block: &Block) -> bool {
        self.dateline_needs.as_ref().is_none_or(|needs| needs.is_match(block.matchable()).unwrap_or(true))
    }

    /// Whether the loose `THREAD_MARKS` finds something where `select.is_thread` searches: the
    /// texts of at most `mark_chars` characters, joined by `"\n"`; or cannot tell (no pattern, a
    /// lone surrogate). Where it does not, `is_thread` is false and Python need not be asked.
    pub fn thread_marks_found<'t>(&self, texts: impl IntoIterator<Item = &'t [u8]>) -> bool {
        let Some(marks) = &self.thread_marks else { return true };
        let mut joined = Vec::new();
        let mut first = true;
        for text in texts.into_iter().filter(|t| text::char_len(t) <= self.mark_chars) {
            if !first {
                joined.push(b'\n');
            }
            first = false;
            joined.extend_from_slice(text);
        }
        marks.is_match(&joined).unwrap_or(true)
    }

    /// `TITLE_LABEL.match(text)`, if the core reads it.
    pub fn title_label(&self, text: &[u8]) -> Option<bool> {
        self.title_label.as_ref()?.is_match(text)
    }

    /// `CHAPTER.search(text)`, if the core reads it.
    pub fn chapter(&self, text: &[u8]) -> Option<bool> {
        self.chapter.as_ref()?.is_match(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(p: &str) -> Native {
        Native::new(p, UNICODE, Reading::Exact, false).unwrap_or_else(|e| panic!("{p}: {e}"))
    }

    fn finds(p: &Native, text: &str) -> bool {
        p.is_match(text.as_bytes()).expect("UTF-8")
    }

    #[test]
    fn python_spaces_and_classes() {
        let p = exact(r"第\s*[0-9零一二]+\s*[章节]");
        assert!(finds(&p, "第 12 章") && finds(&p, "第\u{1c}二\u{3000}节") && !finds(&p, "第12\u{200b}章"));
        let s = exact(r"a\Sb");
        assert!(finds(&s, "a-b") && !finds(&s, "a\u{1f}b") && !finds(&s, "a\u{85}b") && finds(&s, "a\u{200b}b"));
        let c = exact(r"[^\]\s]x");
        assert!(finds(&c, "yx") && !finds(&c, "]x") && !finds(&c, " x") && finds(&c, "\u{200b}x"));
        let nested = exact(r"[a\S]");
        assert!(finds(&nested, "z") && !finds(&nested, " "));
        let neg = exact(r"^[^\S]");
        assert!(finds(&neg, "\u{1d}") && !finds(&neg, "z"));
    }

    #[test]
    fn literals_python_reads_as_literals() {
        let set = exact(r"^[]&&~~-]+"); // a class of ], &, ~ and -
        assert!(finds(&set, "]&~-") && !finds(&set, "a"));
        let range = exact(r"^[+--]$".trim_end_matches('$')); // + to -: + , -
        assert!(finds(&range, ",") && !finds(&range, "."));
        let brace = exact(r"a{x}|b{}|c{,}d|^e{,2}f|g{2,}h");
        assert!(finds(&brace, "a{x}") && finds(&brace, "b{}") && finds(&brace, "d") && finds(&brace, "eef"));
        assert!(!finds(&brace, "eeef") && finds(&brace, "ggh") && !finds(&brace, "gh"));
        let dot = exact(r"x.y");
        assert!(finds(&dot, "x\ry") && !finds(&dot, "x\ny"));
        let hexes = exact(r"\u3000\x41[\u4e00-\u4e01]#");
        assert!(finds(&hexes, "\u{3000}A一#") && !finds(&hexes, "\u{3000}A丄#"));
        let anchored = Native::new(r"\s*主题", UNICODE, Reading::Exact, true).unwrap();
        assert!(finds(&anchored, " 主题") && !finds(&anchored, "x主题"));
        let named = exact(r"(?P<n>[ab])+?c");
        assert!(finds(&named, "abc") && !finds(&named, "c"));
    }

    #[test]
    fn exact_refuses_what_it_cannot_say() {
        for p in [
            r"(?<!\S)楼主",
            r"a$",
            r"\bx",
            r"\d",
            r"\w",
            r"(a)\1",
            r"(?i)a",
            r"a*+",
            r"(?>a)",
            r"[\d]",
            r"\N{DIGIT ONE}",
        ] {
            assert!(translate(p, UNICODE, Reading::Exact).is_err(), "{p}");
        }
        assert!(translate("a", UNICODE | 2, Reading::Exact).is_err()); // re.IGNORECASE
        for p in [r"(", r")", r"[a", r"*a", r"a{3,1}", r"\x4"] {
            assert!(translate(p, UNICODE, Reading::Loose).is_err(), "{p}");
        }
    }

    #[test]
    fn loose_drops_assertions_only() {
        let p = Native::new(r"(?<!\d)\d+\s*天前|来源\s*[:：](?=\S)|x\b$", UNICODE, Reading::Loose, false).unwrap();
        assert!(finds(&p, "13天前") && finds(&p, "来源：") && finds(&p, "٣ 天前") && finds(&p, "xy"));
        assert!(!finds(&p, "天前") && !finds(&p, "来源-"));
    }

    #[test]
    fn surrogates_are_left_to_python() {
        let p = exact("a");
        assert_eq!(p.is_match(b"a\xed\xa0\x80"), None);
        let known = Known {
            dateline_needs: Some(Native::new("来源", UNICODE, Reading::Loose, false).unwrap()),
            ..Known::default()
        };
        fn block(t: &[u8]) -> Block<'_> {
            Block { text: t, ..Block::default() }
        }
        assert!(known.dateline_needs_found(&block(b"1\xed\xa0\x80"))); // cannot tell: ask
        assert!(!known.dateline_needs_found(&block(b"12")));
        assert!(known.dateline_needs_found(&block("来源:".as_bytes())));
        assert!(Known::default().dateline_needs_found(&block(b"12"))); // no pattern: ask as before
    }

    #[test]
    fn dateline_needs_reads_the_simplified_text() {
        let needs = r"(?:来源|出处)\s*[:：]";
        let known = Known {
            dateline_needs: Some(Native::new(needs, UNICODE, Reading::Loose, false).unwrap()),
            ..Known::default()
        };
        let traditional =
            Block { text: "來源：".as_bytes(), matchable: Some("来源：".as_bytes()), ..Block::default() };
        assert!(known.dateline_needs_found(&traditional));
        let plain = Block { text: "來源：".as_bytes(), ..Block::default() };
        assert!(!known.dateline_needs_found(&plain));
    }

    #[test]
    fn thread_marks_are_searched_in_the_short_blocks_joined() {
        let marks = Native::new(r"只看楼主|(?<!\S)楼主$", UNICODE | MULTILINE, Reading::Loose, false).unwrap();
        let known = Known { thread_marks: Some(marks), mark_chars: 6, ..Known::default() };
        let found = |texts: &[&str]| known.thread_marks_found(texts.iter().map(|t| t.as_bytes()));
        assert!(found(&["回复", "楼主"]) && found(&["x楼主y"])); // the look-behind and `$` dropped
        assert!(!found(&["沙发上的猫", "这是一段很长的楼主回复"]) && !found(&[]));
        let lone: &[u8] = b"\xed\xa0\x80";
        assert!(known.thread_marks_found([lone]) && !found(&["只看"])); // a lone surrogate: Python answers
        assert!(found(&["只看楼主"]) && Known::default().thread_marks_found(std::iter::empty()));
        let joined = Native::new(r"a\nb", UNICODE, Reading::Loose, false).unwrap();
        let known = Known { thread_marks: Some(joined), mark_chars: 1, ..Known::default() };
        let found = |texts: &[&str]| known.thread_marks_found(texts.iter().map(|t| t.as_bytes()));
        assert!(found(&["a", "long", "b"]) && !found(&["a", "c", "b"]));
        assert!(translate("^a", UNICODE | MULTILINE, Reading::Exact).is_err());
        assert_eq!(translate("^a$", UNICODE | MULTILINE, Reading::Loose).unwrap(), "a");
        assert_eq!(translate("^a$", UNICODE, Reading::Loose).unwrap(), "^a");
    }
}
