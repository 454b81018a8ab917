//! Python's `re` patterns that the core answers itself, so that selection asks Python fewer
//! questions ([`super::Patterns`]).
//!
//! The patterns stay Python's: their text (`pattern.pattern`, `pattern.flags`) is handed over
//! once and rewritten for the `regex` crate by [`translate`], which reads it as Python's `re`
//! reads it, token by token. The core only asks whether a pattern finds something (`search`, or
//! `match` when anchored), never where. Two readings:
//!
//! - [`Reading::Exact`]: the same answer as `re` on every text. What the crate cannot say the
//!   same way is refused (an error naming it), and Python keeps answering that pattern: look-
//!   aheads, look-behinds but one (below), `$` without `re.MULTILINE`, `\b`, `\w`, `\d` (the
//!   crate's Unicode tables are newer than Python 3.11's, so its `\d` holds digits Python's does
//!   not), back-references, inline flags, possessive repeats, any flag but `re.UNICODE` and
//!   `re.MULTILINE`. A look-behind of one character class `C` opening a top-level branch of a
//!   search, `(?<!C)X` or `(?<=C)X`, is read as `(?:\A|[^C])X` or `CX`: a match of those starts
//!   one character earlier than Python's, which is the same answer to whether there is one
//!   (Python's holds at `p` exactly when one of these holds at `p` or the character before);
//!   anywhere else (within a group, after another item, in an anchored `match`) it is refused.
//!   Likewise `$` without `re.MULTILINE` and a look-ahead `(?=Y)` that end a top-level branch
//!   are read as characters of the match, `(?:\n?\z)` and `(?:Y)`: the match ends later than
//!   Python's, where Python's holds;
//! - [`Reading::Bmp`]: [`Reading::Exact`] of a text in the Basic Multilingual Plane, where
//!   `\d` is read too (Python's decimal digits there, the same in every Python 3.10 and later);
//!   the caller leaves other texts to Python. [`translate_spans`] reads a pattern so for
//!   where its matches are, rewriting nothing that would move one;
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
//! class). Under `re.MULTILINE`, `^` and `$` are the crate's multi-line ones, which are
//! Python's (after and before each `"\n"`, and at the text's ends). A text that is not UTF-8
//! (it holds a lone surrogate) is left to Python.

use super::{text, Block};
use crate::pystr::lossy_str;
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::borrow::Cow;

/// `re.UNICODE`, the flag every `str` pattern has.
pub const UNICODE: u32 = 32;
/// `re.MULTILINE`: `^` and `$` hold at each line's ends too (read loosely: both dropped).
pub const MULTILINE: u32 = 8;

/// Python's `\s` for a `str` (`str.isspace()`) as the members of a class.
const PY_SPACE: &str =
    r"\x{9}-\x{d}\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}";

/// How [`translate`] reads a pattern (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Whether it finds something, as Python's does, or an error.
    Exact,
    /// Matches wherever Python's does, maybe more.
    Loose,
    /// [`Reading::Exact`] of a text whose characters are all in the Basic Multilingual Plane,
    /// which the caller checks (it leaves other texts to Python): `\d` is read too, as the
    /// decimal digits of the plane (`str.isdecimal()`), which every Python since 3.10 agrees
    /// on (the digits Unicode added since are all past the plane).
    Bmp,
}

/// A Python `re` pattern (`pattern`, compiled with `flags`) in the `regex` crate's syntax, read
/// as `reading` says for a search (`pattern.search`); an error names what cannot be read that way.
///
/// ```
/// use _core::select::patterns::{translate, Reading, MULTILINE, UNICODE};
/// assert_eq!(translate(r"第\s*[0-9]+章", UNICODE, Reading::Exact).unwrap().contains("\\x{1c}"), true);
/// assert!(translate(r"(?<!\d)\d+前", UNICODE, Reading::Exact).is_err());
/// assert!(translate(r"(?<!\d)\d+前", UNICODE, Reading::Loose).is_ok());
/// assert_eq!(translate(r"(?<!a)b$", UNICODE | MULTILINE, Reading::Exact).unwrap(), r"(?:\A|[^a])b(?m:$)");
/// ```
pub fn translate(pattern: &str, flags: u32, reading: Reading) -> Result<String, String> {
    translate_for(pattern, flags, reading, false)
}

/// [`translate`] for a search, or (`anchored`) for a match at the start only, where a look-behind
/// is refused (the match must start where Python's does).
fn translate_for(pattern: &str, flags: u32, reading: Reading, anchored: bool) -> Result<String, String> {
    translate_with(pattern, flags, reading, anchored, false)
}

/// A Python `re` pattern read as [`Reading::Bmp`] says, each match where Python's is (its
/// start and end, for a caller that reads them: `finditer`): nothing rewritten that would move
/// one (a look-behind, a look-ahead or `$` taken as characters), those refused instead.
///
/// ```
/// use _core::select::patterns::{translate_spans, UNICODE};
/// assert!(translate_spans(r"\d{2,4}[-/年]\d{1,2}", UNICODE).is_ok());
/// assert!(translate_spans(r"(?<!\d)\d+", UNICODE).is_err() && translate_spans(r"a$", UNICODE).is_err());
/// ```
pub fn translate_spans(pattern: &str, flags: u32) -> Result<String, String> {
    translate_with(pattern, flags, Reading::Bmp, false, true)
}

/// [`translate_for`], and `spans`: see [`translate_spans`].
fn translate_with(pattern: &str, flags: u32, reading: Reading, anchored: bool, spans: bool) -> Result<String, String> {
    if flags & !(UNICODE | MULTILINE) != 0 {
        return Err(format!("flags {flags:#x} (only re.UNICODE and re.MULTILINE are read)"));
    }
    let mut t = Translator {
        chars: pattern.chars().collect(),
        at: 0,
        out: String::with_capacity(pattern.len() * 2),
        reading,
        multiline: flags & MULTILINE != 0,
        anchored,
        spans,
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
    /// Read for a match at the start only (no look-behind can be read exactly).
    anchored: bool,
    /// Each match where Python's is ([`translate_spans`]).
    spans: bool,
}

/// An open group.
#[derive(Clone, Copy)]
enum Frame {
    /// A group the crate has too.
    Kept,
    /// A look-around read loosely: dropped, from this length of the output on.
    Dropped(usize),
    /// A look-ahead ending a top-level branch of a pattern read exactly, for whether it finds
    /// something: what it looks at is taken as characters of the match (`X(?=Y)` as `X(?:Y)`),
    /// which holds just where Python's does, its match ending later.
    Taken,
}

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
            Reading::Exact | Reading::Bmp => Err(format!("{what} (the regex crate has no such assertion)")),
            Reading::Loose => Ok(()),
        }
    }

    /// Read as the same answer as Python's (not loosely).
    fn exact(&self) -> bool {
        self.reading != Reading::Loose
    }

    /// Whether what comes next ends a top-level branch (`groups` open groups before it).
    fn ends_branch(&self, groups: &[Frame]) -> bool {
        groups.is_empty() && matches!(self.peek(0), None | Some('|'))
    }

    fn run(&mut self) -> Result<(), String> {
        let mut groups: Vec<Frame> = Vec::new();
        let mut repeatable = false; // the last item can take a repeat
        let mut branch_start = true; // nothing yet in the current top-level branch
        while let Some(c) = self.next() {
            let was_repeatable = std::mem::replace(&mut repeatable, true);
            let at_branch_start = std::mem::replace(&mut branch_start, false);
            match c {
                '\\' => repeatable = self.escape()?,
                '[' => self.class()?,
                '(' if self.exact() && (self.looking_at("?<!") || self.looking_at("?<=")) => {
                    if !groups.is_empty() || !at_branch_start || self.anchored || self.spans {
                        return Err("a look-behind not opening a top-level branch of a search".into());
                    }
                    self.look_behind()?;
                    repeatable = false;
                }
                '(' => {
                    let frame = self.group(groups.is_empty())?;
                    groups.push(frame);
                    repeatable = false;
                }
                ')' => match groups.pop() {
                    None => return Err("an unbalanced ')'".into()),
                    Some(Frame::Dropped(start)) => {
                        self.out.truncate(start);
                        self.out.push_str("(?:)");
                    }
                    Some(Frame::Taken) => {
                        if !self.ends_branch(&groups) {
                            return Err("a look-ahead not ending a top-level branch".into());
                        }
                        self.out.push(')');
                        repeatable = false;
                    }
                    Some(Frame::Kept) => self.out.push(')'),
                },
                '|' => {
                    self.out.push('|');
                    repeatable = false;
                    branch_start = groups.is_empty();
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
                    match (self.multiline, self.exact()) {
                        (false, _) => self.out.push('^'),
                        (true, true) => self.out.push_str("(?m:^)"),
                        (true, false) => {} // dropped, as `$` is
                    }
                    repeatable = false;
                }
                '$' => {
                    if self.multiline && self.exact() {
                        self.out.push_str("(?m:$)"); // before each "\n" and at the end, as Python's
                    } else if self.exact() && !self.spans && self.ends_branch(&groups) {
                        // Python's `$` also holds before a final newline: no crate assertion says
                        // that, but ending a branch it is the same as that newline taken, if any
                        self.out.push_str(r"(?:\n?\z)");
                    } else {
                        self.exact_only("'$' without re.MULTILINE, not ending a top-level branch")?;
                    }
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

    /// After `(`: the group's opening written out, and its frame (`top`: no group is open).
    fn group(&mut self, top: bool) -> Result<Frame, String> {
        if self.peek(0) != Some('?') {
            self.out.push('(');
            return Ok(Frame::Kept);
        }
        if self.looking_at("?:") {
            self.at += 2;
            self.out.push_str("(?:");
            return Ok(Frame::Kept);
        }
        if self.looking_at("?=") && self.exact() && top && !self.spans {
            // (taken if it ends the branch: checked at its `)`)
            self.at += 2;
            self.out.push_str("(?:");
            return Ok(Frame::Taken);
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
            return Ok(Frame::Kept);
        }
        for look in ["?=", "?!", "?<=", "?<!"] {
            if self.looking_at(look) {
                self.exact_only("a look-around")?;
                self.at += look.chars().count();
                let start = self.out.len();
                self.out.push_str("(?:"); // its contents are read (and checked), then dropped
                return Ok(Frame::Dropped(start));
            }
        }
        Err("a group kind the crate lacks (flags, a back-reference, a conditional, atomic)".into())
    }

    /// After `(` of `(?<!` or `(?<=` opening a top-level branch of a search (read exactly): the
    /// look-behind of one character class `C` written as `(?:\A|[^C])` or `C`, which match
    /// the character before where Python's look-behind holds (or the start), so that the
    /// branch's match starts one character earlier. Anything but one class is refused.
    fn look_behind(&mut self) -> Result<(), String> {
        let negative = self.looking_at("?<!");
        self.at += 3;
        let one = "a look-behind of anything but one character class";
        let set = match self.next().ok_or(one)? {
            '[' => {
                let start = self.out.len();
                self.class()?;
                self.out.split_off(start)
            }
            '\\' => {
                let e = self.next().ok_or("a trailing backslash")?;
                self.class_escape(e)?.alone()
            }
            c if "()|*+?{}^$.".contains(c) => return Err(one.into()),
            c => literal(c),
        };
        if self.next() != Some(')') {
            return Err(one.into());
        }
        if negative {
            self.out.push_str(&format!(r"(?:\A|[^{set}])"));
        } else {
            self.out.push_str(&set);
        }
        Ok(())
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
                Reading::Bmp => Member::BmpDigit,
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
    /// `\d` of a text in the Basic Multilingual Plane ([`Reading::Bmp`]): Python's there.
    BmpDigit,
}

impl Member {
    /// Written out on its own.
    fn alone(&self) -> String {
        match self {
            Member::Char(c) => literal(*c),
            Member::Space => format!("[{PY_SPACE}]"),
            Member::NotSpace => format!("[^{PY_SPACE}]"),
            Member::Digit => r"\d".into(),
            Member::BmpDigit => format!("[{}]", bmp_digits()),
        }
    }

    /// Written out inside a class (a nested class is a member of the union to the crate).
    fn in_class(&self) -> String {
        match self {
            Member::Space => PY_SPACE.into(),
            Member::BmpDigit => bmp_digits(),
            other => other.alone(),
        }
    }
}

/// Python's decimal digits of the Basic Multilingual Plane as the members of a class.
fn bmp_digits() -> String {
    let mut members = String::new();
    for &(first, last) in crate::blocks::text::DECIMAL_RUNS.iter().filter(|&&(_, last)| last <= '\u{ffff}') {
        members.push_str(&format!(r"\x{{{:x}}}-\x{{{:x}}}", u32::from(first), u32::from(last)));
    }
    members
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
    reading: Reading,
    /// Literals one of which ends every match, when there are a few (see [`needed_literals`]): a
    /// text holding none is no match, told without the regex's automaton.
    needed: Option<Needed>,
    /// The same regex for searches of a part of a text, and the longest match it has in bytes,
    /// when it has one: where the needed literals are found one by one, it is run only around
    /// them (a match holds one, so it is within that many bytes of it).
    around: Option<(regex_automata::meta::Regex, usize)>,
}

/// The literals one of which ends every match of the regex `rust`, and how to look for them,
/// when the regex has such a finite set (none empty); `None` when it has not (a class of many
/// characters at its end, such as `\d`). The regex crate looks for a prefix's literals before its
/// automaton runs; the thread marks have none (a branch opens with a class of spaces), and were
/// searched by the lazy DFA at ~2 ns a byte through every page's short texts joined (now ~0.15 ns
/// where no mark's literal is: most pages).
///
/// ```
/// use _core::select::patterns::needed_literals;
/// let needed = needed_literals(r"只看楼主|[\x{28}（]楼主[\x{29}）]|(?:\A|\s)楼主(?m:$)").unwrap();
/// assert!(needed.is_match("楼主") && needed.is_match("（楼主）") && !needed.is_match("楼上 主题"));
/// assert!(needed_literals(r"\d{4}年").is_some() && needed_literals(r"第\d+").is_none());
/// ```
pub fn needed_literals(rust: &str) -> Option<Needed> {
    let literals = crate::features::lexicon::last_literals(&regex_syntax::parse(rust).ok()?)?;
    let literals: Vec<&[u8]> = literals.iter().map(Vec::as_slice).collect();
    // (a literal that holds another is found by that one: only the others are looked for; many
    // at once by leftmost-first matching, whose searcher is SIMD: Chinese text's lead bytes are
    // everywhere, and the standard matcher's look for first bytes finds them all)
    let holds = |a: &[u8], b: &[u8]| a != b && a.windows(b.len()).any(|w| w == b);
    let shortest: Vec<&[u8]> = literals.iter().copied().filter(|&a| !literals.iter().any(|&b| holds(a, b))).collect();
    Some(if shortest.len() <= FEW_NEEDED {
        Needed::Each(shortest.iter().map(|l| memchr::memmem::Finder::new(l).into_owned()).collect())
    } else {
        Needed::Any(AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(shortest).ok()?)
    })
}

/// Needed literals looked for one by one (`memmem`, SIMD on a pair of rare bytes), up to this many.
const FEW_NEEDED: usize = 4;

/// The literals of [`needed_literals`] and how they are looked for.
#[derive(Debug, Clone)]
pub enum Needed {
    /// Each in turn.
    Each(Vec<memchr::memmem::Finder<'static>>),
    /// All at once.
    Any(AhoCorasick),
}

impl Needed {
    /// Whether `text` holds one of them.
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Needed::Each(finders) => finders.iter().any(|f| f.find(text.as_bytes()).is_some()),
            Needed::Any(automaton) => automaton.is_match(text),
        }
    }
}

/// The parts of `text` a match may lie in, when every match holds an occurrence of one of the
/// literals `finders` look for and is at most `longest` bytes: from `longest` bytes before each
/// occurrence's end to `longest` bytes after its start (widened to characters' boundaries),
/// every occurrence found (overlapping ones too), the parts that overlap merged, in order.
///
/// ```
/// use _core::select::patterns::around_each;
/// let finders = [memchr::memmem::Finder::new("楼主")];
/// let text = "一二三四五六七八九十楼主十九八七六五四三二一楼主";
/// assert_eq!(around_each(text, &finders, 9), vec![(27, 39), (63, 72)]);
/// assert_eq!(around_each("没有", &finders, 9), vec![]);
/// ```
pub fn around_each(text: &str, finders: &[memchr::memmem::Finder<'_>], longest: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    for finder in finders {
        let mut at = 0;
        while let Some(k) = bytes.get(at..).and_then(|rest| finder.find(rest)) {
            let (start, end) = (at + k, at + k + finder.needle().len());
            let (mut a, mut b) = (end.saturating_sub(longest), start.saturating_add(longest).min(bytes.len()));
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            while !text.is_char_boundary(b) {
                b += 1;
            }
            spans.push((a, b));
            at = start + 1;
        }
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

impl Native {
    /// `pattern` read as `reading` says; `anchored`: as `pattern.match` tries it, at the start
    /// only (else as `pattern.search`).
    pub fn new(pattern: &str, flags: u32, reading: Reading, anchored: bool) -> Result<Native, String> {
        let rust = translate_for(pattern, flags, reading, anchored)?;
        let rust = if anchored { format!(r"\A(?:{rust})") } else { rust };
        let regex = Regex::new(&rust).map_err(|e| e.to_string())?;
        let needed = needed_literals(&rust);
        let longest = regex_syntax::parse(&rust).ok().and_then(|hir| hir.properties().maximum_len());
        let around = match (&needed, longest) {
            (Some(Needed::Each(_)), Some(longest)) => {
                regex_automata::meta::Regex::new(&rust).ok().map(|meta| (meta, longest))
            }
            _ => None,
        };
        Ok(Native { needed, around, regex, reading })
    }

    /// Whether the regex matches `text`: its needed literals looked for first, then the regex
    /// run only around them where its matches are short, else on the whole text.
    fn matches(&self, text: &str) -> bool {
        match (&self.needed, &self.around) {
            (Some(Needed::Each(finders)), Some((meta, longest))) => {
                let spans = around_each(text, finders, *longest);
                spans.into_iter().any(|(a, b)| meta.is_match(regex_automata::Input::new(text).range(a..b)))
            }
            (needed, _) => needed.as_ref().is_none_or(|needed| needed.is_match(text)) && self.regex.is_match(text),
        }
    }

    /// `pattern` read exactly if it can be, else loosely; the error says why it cannot be read
    /// exactly (`Err` with a loose reading), or not at all.
    pub fn exact_or_loose(pattern: &str, flags: u32, anchored: bool) -> Result<Native, (String, Option<Native>)> {
        Native::new(pattern, flags, Reading::Exact, anchored)
            .map_err(|why| (why, Native::new(pattern, flags, Reading::Loose, anchored).ok()))
    }

    /// How it was read.
    pub fn reading(&self) -> Reading {
        self.reading
    }

    /// Whether it matches WTF-8 `text`; `None` when the text is not UTF-8 (a lone surrogate:
    /// Python answers).
    pub fn is_match(&self, text: &[u8]) -> Option<bool> {
        match lossy_str(text) {
            Cow::Borrowed(s) => Some(self.matches(s)),
            Cow::Owned(_) => None,
        }
    }

    /// [`Native::is_match`] of `text`, read as the `str` `held` when the caller holds it as one
    /// (the same text: not checked again).
    pub fn is_match_held(&self, text: &[u8], held: Option<&str>) -> Option<bool> {
        match held {
            Some(s) => Some(self.matches(s)),
            None => self.is_match(text),
        }
    }
}

/// The patterns the core answers for Python, each `None` where Python answers (it was not
/// given, or it cannot be read exactly):
/// - `dateline_needs`: `metadata._DATELINE_NEEDS`, read loosely: `metadata.is_dateline` is false
///   where it finds nothing in the block's simplified text (see [`Known::dateline_needs_found`]);
/// - `title_label`: `select.TITLE_LABEL.match`, exactly;
/// - `chapter`: `select.CHAPTER.search`, exactly;
/// - `thread_marks`: `select.THREAD_MARKS`, read exactly (else loosely), with `mark_chars`
///   (`select._MARK_CHARS`): `select.is_thread` searches it in the short blocks' texts joined
///   (see [`Known::thread_marks`]).
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// `metadata.is_dateline`'s tests, answered where the core can ([`Known::dateline_of`]).
    pub dateline: Option<super::dateline::Dateline>,
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
        let needs = self.dateline_needs.as_ref();
        needs.is_none_or(|needs| {
            let held = block.matchable_str();
            let found = match &held {
                Some(text) => needs.is_match_held(text.as_bytes(), Some(text)),
                None => needs.is_match_held(&block.matchable(), None),
            };
            found.unwrap_or(true)
        })
    }

    /// `metadata.is_dateline(block.text, han)` as the core answers it ([`super::dateline`]);
    /// `None` where Python answers (no tests given, a text holding a lone surrogate, or a line
    /// one of the tests it leaves to Python decides). The caller has taken Python's first test.
    pub fn dateline_of(&self, block: &Block, han: usize) -> Option<bool> {
        let dateline = self.dateline.as_ref()?;
        let text = match block.text_str {
            Some(text) => text,
            None => crate::pystr::utf8(block.text)?,
        };
        match block.matchable_str() {
            Some(plain) => dateline.answer(text, &plain, han),
            None => dateline.answer(text, crate::pystr::utf8(&block.matchable())?, han),
        }
    }

    /// `select.is_thread` of blocks with these texts as the core answers it: whether
    /// `THREAD_MARKS` finds something in the texts of at most `mark_chars` characters (code
    /// points, as Python's `len` counts them) joined by `"\n"`; `None` where Python answers (no
    /// pattern, a short text holding a lone surrogate, or the pattern read loosely and finding
    /// something: where a loose reading finds nothing, Python's finds nothing either).
    pub fn thread_marks<'t>(&self, texts: impl IntoIterator<Item = &'t [u8]>) -> Option<bool> {
        let marks = self.thread_marks.as_ref()?;
        let most = self.mark_chars;
        // the short texts joined as they are, then checked once (a text is WTF-8: it fails the
        // check only where it holds a lone surrogate, and then Python answers)
        let mut joined = Vec::new();
        let mut first = true;
        for text in texts {
            if text.len() > most.saturating_mul(4) || (text.len() > most && text::char_len(text) > most) {
                continue; // more than `most` code points (each takes at most 4 bytes)
            }
            if !first {
                joined.push(b'\n');
            }
            first = false;
            joined.extend_from_slice(text);
        }
        let joined = crate::pystr::utf8(&joined)?;
        match marks.matches(joined) {
            false => Some(false),
            true => (marks.reading == Reading::Exact).then_some(true),
        }
    }

    /// `TITLE_LABEL.match(text)`, if the core reads it.
    pub fn title_label(&self, text: &[u8]) -> Option<bool> {
        self.title_label.as_ref()?.is_match(text)
    }

    /// `CHAPTER.search(text)`, if the core reads it.
    pub fn chapter(&self, text: &[u8]) -> Option<bool> {
        self.chapter.as_ref()?.is_match(text)
    }

    /// [`Known::title_label`] of a block's text (read as its `str` when the block holds one).
    pub fn title_label_of(&self, block: &Block) -> Option<bool> {
        self.title_label.as_ref()?.is_match_held(block.text, block.text_str)
    }

    /// [`Known::chapter`] of a block's text (read as its `str` when the block holds one).
    pub fn chapter_of(&self, block: &Block) -> Option<bool> {
        self.chapter.as_ref()?.is_match_held(block.text, block.text_str)
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
            r"a$b",
            r"(a$)",
            r"a(?=b)c",
            r"(a(?=b))",
            r"(?=a)b",
            r"(?!a)b",
            r"a(?<=b)",
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
    fn what_ends_a_branch_is_taken() {
        // `$` (Python's: at the end, or before a final "\n") and a look-ahead ending a
        // top-level branch are read as characters of the match: the same answer
        let end = exact(r"a$|^b$");
        for (text, found) in [("a", true), ("xa", true), ("a\n", true), ("a\n\n", false), ("ab", false), ("b\n", true)]
        {
            assert_eq!(finds(&end, text), found, "{text:?}");
        }
        let ahead = exact(r",(?=[\u3400-\u9fff])|；|x(?=y)");
        for (text, found) in [(",字", true), (",a", false), (",", false), ("；", true), ("xy", true), ("xz", false)] {
            assert_eq!(finds(&ahead, text), found, "{text:?}");
        }
        assert!(translate(r"a(?=b)", UNICODE, Reading::Loose).unwrap() == "a(?:)");
        // (loosely: dropped, as before)
    }

    #[test]
    fn bmp_digits_are_pythons() {
        let bmp = Native::new(r"^\d+$", UNICODE, Reading::Bmp, false).unwrap();
        for digits in ["0123456789", "٠٣", "５", "\u{abf0}"] {
            assert!(finds(&bmp, digits), "{digits:?}");
        }
        for other in ["\u{b2}", "\u{2155}", "一", "\u{1d7ce}"] {
            assert!(!finds(&bmp, other), "{other:?}"); // (², ⅕: numeric, not decimal; past the plane: the caller's)
        }
        assert!(translate(r"\d", UNICODE, Reading::Exact).is_err());
        let set = translate(r"[\d:]", UNICODE, Reading::Bmp).unwrap();
        assert!(
            set.starts_with(r"[\x{30}-\x{39}\x{660}-\x{669}") && set.ends_with(r"\x{ff10}-\x{ff19}\x{3a}]"),
            "{set}"
        );
    }

    #[test]
    fn look_behinds_of_one_class_opening_a_branch_are_read() {
        let flags = UNICODE | MULTILINE;
        let marks = Native::new(r"只看楼主|(?<!\S)楼主$", flags, Reading::Exact, false).unwrap();
        for yes in ["楼主", " 楼主", "\u{1c}楼主", "\u{1f}楼主", "\u{85}楼主", "\u{3000}楼主", "x\n楼主", "楼主\nx"]
        {
            assert!(finds(&marks, yes), "{yes:?}");
        }
        for yes in ["x楼主 楼主", "a\u{a0}楼主\n", "只看楼主x", "x楼主\n楼主"] {
            assert!(finds(&marks, yes), "{yes:?}");
        }
        for no in ["x楼主", "楼主x", "楼主 ", "\u{200b}楼主", "楼 主", "楼主\u{1c}", " 楼主 \nx", "x楼主\n", ""]
        {
            assert!(!finds(&marks, no), "{no:?}");
        }
        let positive = exact(r"(?<=[(（])楼主|ab");
        assert!(finds(&positive, "（楼主") && finds(&positive, "x(楼主") && finds(&positive, "ab"));
        assert!(!finds(&positive, "楼主") && !finds(&positive, "[楼主"));
        let branches = exact(r"ab|(?<!x)c|(?<=\s)d");
        assert!(finds(&branches, "c") && finds(&branches, "yc") && finds(&branches, "ab") && !finds(&branches, "xc"));
        assert!(finds(&branches, "\u{1d}d") && !finds(&branches, "d") && !finds(&branches, "\u{200b}d"));
        let negated = exact(r"(?<![^a])x"); // at the start, or after an `a`
        assert!(finds(&negated, "x") && finds(&negated, "ax") && !finds(&negated, "bx"));
        let punctuation = exact(r"(?<!\])x|(?<!-)y|(?<!\n)z");
        assert!(finds(&punctuation, "x") && !finds(&punctuation, "]x") && !finds(&punctuation, "-y"));
        assert!(finds(&Native::new(r"(?<!\n)z", flags, Reading::Exact, false).unwrap(), "a\nbz"));
        assert!(!finds(&punctuation, "\nz") && finds(&punctuation, "az"));
        let space = translate(r"(?<!\s)a", UNICODE, Reading::Exact).unwrap();
        assert_eq!(space, format!(r"(?:\A|[^[{PY_SPACE}]])a"));
        assert_eq!(translate(r"(?<=\S)a", UNICODE, Reading::Exact).unwrap(), format!(r"[^{PY_SPACE}]a"));
        let lines = exact(r"(?<!x)(?:y|z)");
        assert!(finds(&lines, "y") && !finds(&lines, "xz"));
    }

    #[test]
    fn look_behinds_are_refused_where_unsound() {
        for p in [
            r"x(?<!\S)楼主",  // after another item: the match would reach into it
            r"(?:(?<!a)b)c",  // within a group
            r"(?:a|(?<!a)b)", // within a group's branch
            r"a|b(?<!c)d",    // within a branch
            r"(?<!a)(?<!b)c", // two: the second is not at the start
            r"(?<!ab)c",      // more than one character
            r"(?<!a|b)c",
            r"(?<!a*)c",
            r"(?<!(a))c",
            r"(?<!.)c",
            r"(?<!\d)c", // the crate's \d is not Python's
            r"(?<!\b)c",
            r"(?<!\A)c",
            r"(?<![\d])c",
            r"(?<!a)*c", // repeated
            r"(?<!)c",
            r"(?<!a",
        ] {
            assert!(translate(p, UNICODE | MULTILINE, Reading::Exact).is_err(), "{p}");
        }
        // A match must start where Python's does: no look-behind can be read so.
        for p in [r"(?<!a)b", r"(?<=a)b", r"c|(?<!a)b"] {
            assert!(Native::new(p, UNICODE, Reading::Exact, true).is_err(), "{p}");
            assert!(Native::new(p, UNICODE, Reading::Exact, false).is_ok(), "{p}");
        }
        // Read loosely, a look-behind is dropped as before (its class may be wider than Python's).
        assert_eq!(translate(r"(?<!\d)x", UNICODE, Reading::Loose).unwrap(), "(?:)x");
    }

    #[test]
    fn multiline_anchors_are_pythons() {
        let p = Native::new(r"^a$|^$", UNICODE | MULTILINE, Reading::Exact, false).unwrap();
        for yes in ["a", "x\na", "a\nx", "x\na\ny", "x\n", "\n", ""] {
            assert!(finds(&p, yes), "{yes:?}");
        }
        for no in ["xa", "ax", "x\rax", "x"] {
            assert!(!finds(&p, no), "{no:?}");
        }
        assert!(translate("a$b", UNICODE, Reading::Exact).is_err()); // (`$` before more: refused)
        let title = Native::new(r"^x$", UNICODE | MULTILINE, Reading::Exact, true).unwrap();
        assert!(finds(&title, "x\ny") && !finds(&title, "y\nx"));
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
    fn thread_marks_as_the_texts_checked_one_by_one() {
        // the joined texts checked once give the answers of each text checked on its own (the
        // code before: `from_utf8` per text), on random texts of Han, ASCII, marks, newlines and
        // lone surrogates (WTF-8), short and long
        let exact = Native::new(r"只看楼主|(?<!\S)楼主$", UNICODE | MULTILINE, Reading::Exact, false).unwrap();
        let known = Known { thread_marks: Some(exact), mark_chars: 6, ..Known::default() };
        let oracle = |texts: &[Vec<u8>]| -> Option<bool> {
            let mut joined = String::new();
            let mut first = true;
            for text in texts {
                if text.len() > 24 {
                    continue;
                }
                let Ok(text) = std::str::from_utf8(text) else {
                    if text::char_len(text) <= 6 {
                        return None;
                    }
                    continue;
                };
                if text.chars().count() > 6 {
                    continue;
                }
                if !first {
                    joined.push('\n');
                }
                first = false;
                joined.push_str(text);
            }
            Some(known.thread_marks.as_ref().unwrap().regex.is_match(&joined))
        };
        let pieces: [&[u8]; 8] = [
            "楼主".as_bytes(),
            "只看".as_bytes(),
            b" ",
            b"\n",
            b"x",
            "回复".as_bytes(),
            b"\xed\xa0\x80",
            "\u{1F600}".as_bytes(),
        ];
        let mut rng = crate::test_rng::Rng(77);
        let (mut seen_none, mut seen_true) = (0, 0);
        for _ in 0..20_000 {
            let texts: Vec<Vec<u8>> = (0..rng.below(5))
                .map(|_| (0..rng.below(6)).flat_map(|_| pieces[rng.below(pieces.len())].to_vec()).collect())
                .collect();
            let got = known.thread_marks(texts.iter().map(Vec::as_slice));
            assert_eq!(got, oracle(&texts), "{texts:?}");
            seen_none += usize::from(got.is_none());
            seen_true += usize::from(got == Some(true));
        }
        assert!(seen_none > 100 && seen_true > 100, "{seen_none} {seen_true}");
    }

    /// A pattern's needed literals never change its answer: on random texts of its literals' pieces,
    /// spaces, newlines and other characters, [`Native::is_match`] is the regex's own.
    #[test]
    fn needed_literals_never_change_an_answer() {
        let patterns: [(&str, u32, &[&str]); 5] = [
            (
                r"只看楼主|仅看楼主|只看该作者|倒序看帖|[(（]楼主[)）]|(?<!\S)楼主$",
                UNICODE | MULTILINE,
                &["楼主", "只看", "该作者", "倒序看帖", "(", "）"],
            ),
            (r"(?:原标题|原题)\s*[:：]|主题[:：]", UNICODE, &["原标题", "原题", "主题", ":", "："]),
            (r"第\s*[0-9一二三]+\s*[章节回]", UNICODE, &["第", "1", "一", "章", "回"]),
            (r"[0-9]{2,4}年|刚刚", UNICODE, &["1", "2", "年", "刚"]),
            (r"ab|b$|(?<!a)c", UNICODE | MULTILINE, &["a", "b", "c"]),
        ];
        let mut rng = crate::test_rng::Rng(0x5EED);
        let (mut with_needed, mut around) = (Vec::new(), Vec::new());
        for (pattern, flags, pieces) in patterns {
            let native = Native::new(pattern, flags, Reading::Exact, false).unwrap();
            with_needed.push(native.needed.is_some());
            around.push(native.around.is_some());
            let pieces: Vec<&str> = pieces.iter().copied().chain([" ", "\n", "x", "中"]).collect();
            let (mut yes, mut no) = (0, 0);
            for _ in 0..5_000 {
                // (short texts, and long ones, where the regex runs only around the literals)
                let n = if rng.below(3) == 0 { 20 + rng.below(100) } else { rng.below(8) };
                let text: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
                let answer = native.is_match(text.as_bytes());
                assert_eq!(answer, Some(native.regex.is_match(&text)), "{pattern} on {text:?}");
                yes += usize::from(answer == Some(true));
                no += usize::from(answer == Some(false));
            }
            assert!(yes > 50 && no > 50, "{pattern}: {yes} {no}");
        }
        // (a chapter ends with a class of three characters: its suffixes are found too)
        assert_eq!(with_needed, [true, true, true, true, true]);
        // (run around the literals: the patterns whose matches are bounded, `\s*` is not, and
        // whose literals are few: the years' are each digit before 年)
        assert_eq!(around, [true, false, false, false, true]);
    }

    #[test]
    fn thread_marks_are_searched_in_the_short_blocks_joined() {
        let exact = Native::new(r"只看楼主|(?<!\S)楼主$", UNICODE | MULTILINE, Reading::Exact, false).unwrap();
        assert_eq!(exact.reading(), Reading::Exact);
        let known = Known { thread_marks: Some(exact), mark_chars: 6, ..Known::default() };
        let marks = |texts: &[&str]| known.thread_marks(texts.iter().map(|t| t.as_bytes()));
        assert_eq!(marks(&["回复", "楼主"]), Some(true));
        assert_eq!(marks(&["x", "楼主"]), Some(true)); // the joining "\n" is white space
        assert_eq!(marks(&[" 楼主", "x"]), Some(true)); // and `$` holds before it
        assert_eq!(marks(&["x楼主", "楼主y"]), Some(false));
        assert_eq!(marks(&["沙发上的猫", "这是一段很长的 楼主"]), Some(false)); // 10 characters: not searched
        assert_eq!(marks(&["这是一 楼主"]), Some(true)); // 6 characters, 16 bytes
        assert_eq!(marks(&["这是一段 楼主"]), Some(false)); // 7
        assert_eq!(marks(&[]), Some(false));
        let lone: &[u8] = b"\xed\xa0\x80";
        let long_lone: &[u8] = b"\xed\xa0\x80\xed\xa0\x80\xed\xa0\x80\xed\xa0\x80\xed\xa0\x80\xed\xa0\x80\xed\xa0\x80";
        assert_eq!(known.thread_marks([lone, "楼主".as_bytes()]), None); // a lone surrogate: Python answers
        assert_eq!(known.thread_marks([long_lone, "楼主".as_bytes()]), Some(true)); // not searched: answered
        assert_eq!(Known::default().thread_marks(std::iter::empty()), None); // no pattern: Python answers
        let astral = Known {
            thread_marks: Some(Native::new("楼主", UNICODE, Reading::Exact, false).unwrap()),
            mark_chars: 4,
            ..Known::default()
        };
        assert_eq!(astral.thread_marks(["𝟎𝟏楼主".as_bytes()]), Some(true)); // 4 characters, 14 bytes
        assert_eq!(astral.thread_marks(["𝟎𝟏楼主x".as_bytes()]), Some(false));
        let loose = Native::new(r"只看楼主|(?<!\S)楼主$", UNICODE | MULTILINE, Reading::Loose, false).unwrap();
        let known = Known { thread_marks: Some(loose), mark_chars: 6, ..Known::default() };
        let marks = |texts: &[&str]| known.thread_marks(texts.iter().map(|t| t.as_bytes()));
        assert_eq!(marks(&["x楼主y"]), None); // found loosely: Python answers
        assert_eq!(marks(&["只看", "这是一段很长的楼主回复"]), Some(false)); // not even loosely
        let joined = Native::new(r"a\nb", UNICODE, Reading::Exact, false).unwrap();
        let known = Known { thread_marks: Some(joined), mark_chars: 1, ..Known::default() };
        let marks = |texts: &[&str]| known.thread_marks(texts.iter().map(|t| t.as_bytes()));
        assert_eq!(marks(&["a", "long", "b"]), Some(true));
        assert_eq!(marks(&["a", "c", "b"]), Some(false));
        assert_eq!(translate("^a$", UNICODE | MULTILINE, Reading::Exact).unwrap(), "(?m:^)a(?m:$)");
        assert_eq!(translate("^a$", UNICODE | MULTILINE, Reading::Loose).unwrap(), "a");
        assert_eq!(translate("^a$", UNICODE, Reading::Loose).unwrap(), "^a");
    }

    #[test]
    fn a_pattern_not_read_exactly_is_read_loosely() {
        let (why, loose) = Native::exact_or_loose(r"(?<!\d)\d天前", UNICODE, false).unwrap_err();
        assert!(why.contains(r"\d"), "{why}");
        assert_eq!(loose.map(|n| n.reading()), Some(Reading::Loose));
        assert!(Native::exact_or_loose("(", UNICODE, false).unwrap_err().1.is_none());
        let exact = Native::exact_or_loose(r"(?<!\S)楼主$", UNICODE | MULTILINE, false).unwrap();
        assert_eq!(exact.reading(), Reading::Exact);
    }
}
