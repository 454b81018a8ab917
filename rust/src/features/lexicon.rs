//! The boilerplate lexicon scan (`cleantext/features.py`'s `page_lexicon_codes`, over the rules
//! of `cleantext/lexicon.py`'s `boilerplate_rules`).
//!
//! The rules are data: the text of `data/boilerplate.tsv`, handed over by Python, one rule a
//! line (`code`, `max_han`, a pattern of Python's `regex` module). Each pattern is cut into its
//! top-level alternatives ("branches"), and each branch is compiled for Rust's `regex` crate:
//!
//! - a branch may open with look-behinds, `(?<=X)` or `(?<!X)`, which the crate lacks; they are
//!   checked at each candidate's start (X, free of assertions, must or must not match the text
//!   just before it), and a candidate that fails is searched for again one character later,
//!   which is what the backtracking engine does;
//! - the few spellings the two syntaxes read differently are rewritten (`\Z`, an escaped
//!   non-ASCII character, `[`, `&` and `~` inside a character class);
//! - anything else the crate cannot compile, and a branch that can match the empty string, is
//!   an error naming the line: there is no silent fallback.
//!
//! The page is scanned as Python scans it: the candidate blocks joined by `"\n\x1f\n"` (with
//! that separator inside a block written `"\n"`), multi-line `^`/`$`, each branch's matches
//! found left to right without overlap, and a match counting for the block it lies in when the
//! rule allows that block's length. Python's `regex` and Rust's `regex` agree on the leftmost
//! match and its end (leftmost-first alternation, greedy and lazy repeats), and on `\s`, `\d`,
//! `\w` and `\b` (Unicode) for every character of Python's Unicode database;
//! `tests/test_native_lexicon.py` checks them against each other. (`regex` carries newer
//! Unicode tables than this crate: on the characters assigned since, letters of new scripts and
//! ten digits, its `\w` and `\d` match and the core's do not.)

use crate::blocks::whitespace::py_strip;
use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickKind, StartKind};
use regex::Regex;
use regex_automata::util::syntax;
use regex_automata::{meta, Anchored, Input, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};
use std::borrow::Cow;

/// Between the blocks joined for one scan: `^` and `$` hold at each block's ends, and `.` never
/// crosses it.
const SEPARATOR: &str = "\n\x1f\n";

/// The blocks joined for one scan hold about this many bytes: a page of many MB is scanned in
/// parts (each block whole in one), so its texts are not all copied at once.
const JOIN_BYTES: usize = 1 << 20;

/// One branch: its look-behinds, then the rest as a Rust regex (built as `regex::Regex::new`
/// builds it, so a search of it is one of `regex::Regex`), and the literals every match of that
/// regex begins with (`None` when they are not known: the branch is always scanned);
/// `line_start` when every match begins where a line does (the regex opens with `^`); for a
/// branch without those, `gates`: literals one of which every match ends with (`None` when not
/// known), so that a text holding none of them has no match.
#[derive(Debug)]
struct Branch {
    behind: Vec<Behind>,
    regex: meta::Regex,
    starts: Option<Vec<Vec<u8>>>,
    line_start: bool,
    gates: Option<Vec<Vec<u8>>>,
}

/// `(?<=X)` (`negative` false) or `(?<!X)`: `ends_here` is `(?:X)\z`, and X matches at most
/// `reach` bytes, so a check reads only those just before the candidate (linear time).
#[derive(Debug)]
struct Behind {
    negative: bool,
    ends_here: Regex,
    reach: usize,
}

/// One line of `boilerplate.tsv`.
#[derive(Debug)]
struct Rule {
    code: usize,
    max_han: usize,
    branches: Vec<Branch>,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    codes: Vec<String>,
    rules: Vec<Rule>,
    max_han: usize,
    starts: Starts,
}

/// What a literal of [`Starts::anywhere`] tells when found.
#[derive(Debug, Clone, Copy)]
enum Found {
    /// A match of this branch may begin where the literal does.
    Start(usize),
    /// This branch (without first literals) may match somewhere in the text.
    Gate(usize),
}

/// One pass over a page's text for the literals the branches' matches begin with: a branch none
/// of whose literals occurs in the text has no match there, and is not scanned; one that has is
/// tried only where they occur.
///
/// The literals of the branches whose matches begin a line (many: they spell out `\d`, `\s`,
/// brackets...) are looked for only at the lines' starts, anchored there; the others by one
/// overlapping search of the whole text, which also looks for the `gates` of the branches
/// without first literals.
#[derive(Debug)]
struct Starts {
    /// The first literals of the branches whose matches may begin anywhere, and the gates
    /// (`None` if there are none).
    anywhere: Option<AhoCorasick>,
    /// For each literal of `anywhere`, what it tells.
    found: Vec<Found>,
    /// The first literals of the branches whose matches begin a line, for anchored searches.
    at_lines: Option<AhoCorasick>,
    /// For each literal of `at_lines`, its branch.
    line_branch: Vec<usize>,
    /// Bit `(a << 8) | b` set when a literal of `at_lines` begins with the bytes `a b`, or is the
    /// one byte `a`: a line starting with no such pair begins none of them.
    line_pairs: Vec<u64>,
    /// Whether a literal of `at_lines` is the one byte `a` (for a line of one byte).
    line_single: [bool; 256],
    /// The branches without first literals nor gates, scanned on every page.
    always: Vec<usize>,
    branches: usize,
}

impl Starts {
    fn new(rules: &[Rule]) -> Result<Starts, String> {
        let (mut anywhere, mut found, mut always) = (Vec::new(), Vec::new(), Vec::new());
        let (mut at_lines, mut line_branch) = (Vec::new(), Vec::new());
        let mut line_pairs = vec![0u64; 1 << 10];
        let mut line_single = [false; 256];
        let mut branches = 0;
        for (k, branch) in rules.iter().flat_map(|r| &r.branches).enumerate() {
            branches += 1;
            match (&branch.starts, &branch.gates) {
                (Some(starts), _) if branch.line_start => {
                    for literal in starts {
                        match literal[..] {
                            [a] => {
                                line_single[usize::from(a)] = true;
                                for b in 0..256 {
                                    let pair = usize::from(a) << 8 | b;
                                    line_pairs[pair >> 6] |= 1 << (pair & 63);
                                }
                            }
                            [a, b, ..] => {
                                let pair = usize::from(a) << 8 | usize::from(b);
                                line_pairs[pair >> 6] |= 1 << (pair & 63);
                            }
                            [] => return Err("an empty first literal".into()),
                        }
                        at_lines.push(literal.clone());
                        line_branch.push(k);
                    }
                }
                (Some(starts), _) => {
                    for literal in starts {
                        anywhere.push(literal.clone());
                        found.push(Found::Start(k));
                    }
                }
                (None, Some(gates)) => {
                    for literal in gates {
                        anywhere.push(literal.clone());
                        found.push(Found::Gate(k));
                    }
                }
                (None, None) => always.push(k),
            }
        }
        let anywhere = if anywhere.is_empty() {
            None
        } else {
            let finder = AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).build(&anywhere);
            Some(finder.map_err(|e| format!("the branches' first literals: {e}"))?)
        };
        let at_lines = if at_lines.is_empty() {
            None
        } else {
            let finder = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .start_kind(StartKind::Anchored)
                .build(&at_lines);
            Some(finder.map_err(|e| format!("the line branches' first literals: {e}"))?)
        };
        Ok(Starts { anywhere, found, at_lines, line_branch, line_pairs, line_single, always, branches })
    }

    /// Whether a literal of `at_lines` may begin at `p` (`p < hay.len()`).
    fn may_begin_line(&self, hay: &[u8], p: usize) -> bool {
        match hay.get(p + 1) {
            Some(&b) => {
                let pair = usize::from(hay[p]) << 8 | usize::from(b);
                self.line_pairs[pair >> 6] & 1 << (pair & 63) != 0
            }
            None => self.line_single[usize::from(hay[p])],
        }
    }

    /// Where in `hay` each branch (numbered as in `new`) may begin a match: every occurrence of
    /// every one of its literals (each at each offset), only at a line's start for a branch
    /// whose matches begin there; and the branches to scan whole.
    fn candidates(&self, hay: &str) -> Candidates {
        let mut at = Vec::new();
        let mut scan = vec![false; self.branches];
        for &k in &self.always {
            scan[k] = true;
        }
        if let Some(finder) = &self.anywhere {
            for m in finder.find_overlapping_iter(hay) {
                match self.found[m.pattern().as_usize()] {
                    Found::Start(k) => at.push((k, m.start())),
                    Found::Gate(k) => scan[k] = true,
                }
            }
        }
        if let Some(finder) = &self.at_lines {
            let bytes = hay.as_bytes();
            // multi-line `^`: at the start and after each `\n`
            let lines = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
            for p in lines.filter(|&p| p < bytes.len() && self.may_begin_line(bytes, p)) {
                let input = aho_corasick::Input::new(hay).span(p..hay.len()).anchored(aho_corasick::Anchored::Yes);
                let mut state = OverlappingState::start();
                loop {
                    if finder.try_find_overlapping(input.clone(), &mut state).is_err() {
                        // (never: the finder is built for anchored searches) all of them, then
                        at.extend(self.line_branch.iter().map(|&k| (k, p)));
                        break;
                    }
                    let Some(m) = state.get_match() else { break };
                    // (an anchored automaton still reports the literals that end its path,
                    // those beginning after `p` too)
                    if m.start() == p {
                        at.push((self.line_branch[m.pattern().as_usize()], p));
                    }
                }
            }
        }
        at.sort_unstable();
        at.dedup();
        Candidates { at, scan, next: 0 }
    }
}

/// [`Starts::candidates`] of one text, handed out branch by branch in increasing order.
struct Candidates {
    /// `(branch, byte offset)` of each occurrence of a branch's literal, sorted, each once.
    at: Vec<(usize, usize)>,
    /// The branches to scan whole: those without first literals, but for one with gates none
    /// of which is in the text (it has no match there).
    scan: Vec<bool>,
    /// The first entry of `at` not handed out yet.
    next: usize,
}

/// Where to look for a branch's matches in a text.
enum Where<'a> {
    /// Anywhere: the branch has no first literals (and, if it has gates, one is in the text).
    Everywhere,
    /// Only at these offsets (increasing; none means the branch has no match).
    At(&'a [(usize, usize)]),
}

impl Candidates {
    /// Where branch `k` may match; asked for with `k` increasing.
    fn of(&mut self, k: usize) -> Where<'_> {
        if self.scan[k] {
            return Where::Everywhere;
        }
        // (a walk, not a binary search: `k` increases, so each entry is passed once a page)
        let rest = &self.at[self.next..];
        let from = self.next + rest.iter().take_while(|&&(b, _)| b < k).count();
        self.next = from + self.at[from..].iter().take_while(|&&(b, _)| b == k).count();
        Where::At(&self.at[from..self.next])
    }
}

impl Lexicon {
    /// The lexicon of a `boilerplate.tsv` text (blank lines and `#` comments skipped, as
    /// `lexicon._data_lines` does); an error names the line that cannot be compiled exactly.
    pub fn new(tsv: &str) -> Result<Lexicon, String> {
        let mut codes: Vec<String> = Vec::new();
        let mut rules = Vec::new();
        for (number, line) in py_splitlines(tsv).enumerate() {
            if py_strip(line).is_empty() || line.starts_with('#') {
                continue;
            }
            let at = |what: String| format!("boilerplate.tsv line {}: {what}", number + 1);
            let mut fields = line.splitn(3, '\t');
            let (Some(code), Some(max_han), Some(pattern)) = (fields.next(), fields.next(), fields.next()) else {
                return Err(at("needs three tab-separated fields: code, max_han, pattern".into()));
            };
            let max_han = parse_py_int(max_han).ok_or_else(|| at(format!("max_han {max_han:?} is not a count")))?;
            let branches = top_level_branches(pattern)
                .into_iter()
                .map(|b| compile_branch(b).map_err(|e| at(format!("branch {b:?}: {e}"))))
                .collect::<Result<Vec<_>, _>>()?;
            let code = match codes.iter().position(|c| c == code) {
                Some(k) => k,
                None => {
                    codes.push(code.to_string());
                    codes.len() - 1
                }
            };
            rules.push(Rule { code, max_han, branches });
        }
        let max_han = rules.iter().map(|r| r.max_han).max().unwrap_or(0);
        let starts = Starts::new(&rules)?;
        Ok(Lexicon { codes, rules, max_han, starts })
    }

    /// The distinct reason codes, in order of first appearance; `page_codes` answers with
    /// indexes into this list.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// The largest `max_han` of any rule (`lexicon.rules_max_han`).
    pub fn max_han(&self) -> usize {
        self.max_han
    }

    /// The character spans `(start, end)` of every match of the rules of `code` in `text`, rule
    /// by rule and branch by branch (`select.label_share` reads which letters a code's words cover);
    /// none for a code no rule has.
    pub fn code_spans(&self, text: &str, code: &str) -> Vec<(usize, usize)> {
        let Some(k) = self.codes.iter().position(|c| c == code) else { return Vec::new() };
        let mut found = Vec::new();
        for rule in self.rules.iter().filter(|r| r.code == k) {
            for branch in &rule.branches {
                branch.each_match(text, |start, end| found.push((start, end)));
            }
        }
        let chars = |byte: usize| text[..byte].chars().count();
        found.into_iter().map(|(start, end)| (chars(start), chars(end))).collect()
    }

    /// For every block (`texts[i]` with `hans[i]` Han characters), the codes of the rules it
    /// matches, each once, in rule order. `texts` and `hans` have the same length.
    pub fn page_codes<T: AsRef<str>>(&self, texts: &[T], hans: &[usize]) -> Vec<Vec<usize>> {
        self.codes_of(texts.len(), |i| Cow::Borrowed(texts[i].as_ref()), hans, true)
    }

    /// [`Lexicon::page_codes`] of `n` blocks whose texts `text(i)` gives, asked only of the
    /// blocks no rule is too long for (at most [`Lexicon::max_han`] Han characters): no list of
    /// every text is made.
    pub fn page_codes_by<'t>(&self, n: usize, text: impl Fn(usize) -> Cow<'t, str>, hans: &[usize]) -> Vec<Vec<usize>> {
        self.codes_of(n, text, hans, true)
    }

    /// `page_codes`, skipping the branches whose first literals the text lacks (`filter`) or not.
    fn codes_of<'t>(
        &self,
        n: usize,
        text: impl Fn(usize) -> Cow<'t, str>,
        hans: &[usize],
        filter: bool,
    ) -> Vec<Vec<usize>> {
        self.codes_joining(n, text, hans, filter, JOIN_BYTES)
    }

    /// [`Lexicon::codes_of`], the chosen texts joined for a scan until they hold `join_bytes`
    /// (each text whole in one scan).
    fn codes_joining<'t>(
        &self,
        n: usize,
        text: impl Fn(usize) -> Cow<'t, str>,
        hans: &[usize],
        filter: bool,
        join_bytes: usize,
    ) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); n];
        let (mut chosen, mut texts, mut bytes) = (Vec::new(), Vec::new(), 0); // the blocks of a scan
        let (mut joined, mut spans) = (String::new(), Vec::new());
        for i in (0..n.min(hans.len())).filter(|&i| hans[i] <= self.max_han) {
            let text = text(i);
            bytes += text.len() + SEPARATOR.len();
            chosen.push(i);
            texts.push(text);
            if bytes >= join_bytes {
                join_into(&texts, bytes, &mut joined, &mut spans);
                self.scan(&chosen, &joined, &spans, hans, filter, &mut out);
                chosen.clear();
                texts.clear();
                bytes = 0;
            }
        }
        if !chosen.is_empty() {
            join_into(&texts, bytes, &mut joined, &mut spans);
            self.scan(&chosen, &joined, &spans, hans, filter, &mut out);
        }
        out
    }

    /// Gives the blocks `chosen`, joined in `joined` at `spans`, the codes of the rules they match.
    fn scan(
        &self,
        chosen: &[usize],
        joined: &str,
        spans: &[(usize, usize)],
        hans: &[usize],
        filter: bool,
        out: &mut [Vec<usize>],
    ) {
        let mut matched = vec![false; chosen.len()];
        let mut hits = Vec::new();
        let mut candidates = filter.then(|| self.starts.candidates(joined));
        let mut k = 0; // the branch's number, rule by rule
        for rule in &self.rules {
            for branch in &rule.branches {
                k += 1;
                let found = |start: usize, end: usize| {
                    let k = spans.partition_point(|&(s, _)| s <= start) - 1; // `start` >= 0 = spans[0].0
                    if end <= spans[k].1 && hans[chosen[k]] <= rule.max_han && !matched[k] {
                        matched[k] = true;
                        hits.push(k);
                    }
                };
                match candidates.as_mut().map_or(Where::Everywhere, |c| c.of(k - 1)) {
                    Where::Everywhere => branch.each_match(joined, found),
                    // none of the literals its matches begin with is in the text: no match
                    Where::At([]) => {}
                    Where::At(at) => branch.each_match_at(joined, at.iter().map(|&(_, p)| p), found),
                }
            }
            for k in hits.drain(..) {
                matched[k] = false;
                let codes = &mut out[chosen[k]];
                if !codes.contains(&rule.code) {
                    codes.push(rule.code);
                }
            }
        }
    }
}

/// Joins `texts` (`bytes` with their separators) in `joined`, with their spans in `spans`.
fn join_into(texts: &[Cow<'_, str>], bytes: usize, joined: &mut String, spans: &mut Vec<(usize, usize)>) {
    joined.clear();
    spans.clear();
    joined.reserve(bytes);
    for (k, text) in texts.iter().enumerate() {
        if k > 0 {
            joined.push_str(SEPARATOR);
        }
        let start = joined.len();
        // (the separator's `\x1f` is rare: looked for first)
        if memchr::memchr(0x1F, text.as_bytes()).is_some() && text.contains(SEPARATOR) {
            joined.push_str(&text.replace(SEPARATOR, "\n"));
        } else {
            joined.push_str(text);
        }
        spans.push((start, joined.len()));
    }
}

impl Branch {
    /// Calls `found(start, end)` for each match of the branch in `hay`, left to right and
    /// without overlap, as `regex`'s `finditer` finds them.
    fn each_match(&self, hay: &str, mut found: impl FnMut(usize, usize)) {
        let mut pos = 0;
        while pos <= hay.len() {
            // `regex::Regex::find_at`: the text before `pos` is seen by `^`, `\b`, ...
            let Some(m) = self.regex.search(&Input::new(hay).span(pos..hay.len())) else { return };
            if self.behind.iter().all(|b| b.holds(hay, m.start())) {
                found(m.start(), m.end());
                pos = m.end(); // never empty (checked at compile)
            } else {
                // A failed look-behind fails the attempt at this start: try the next character.
                pos = m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }

    /// [`Branch::each_match`] when every match of the branch begins at one of the offsets
    /// `at` (increasing; each a character boundary of `hay`): the regex is tried only there,
    /// anchored. This finds the same matches: the leftmost match from a position is the one at
    /// the first offset from there where an anchored match exists, and it ends where the
    /// unanchored search's would (leftmost-first: the same preference among the matches that
    /// start there); the text before the offset is seen by `^`, `\b`, ... in both. A failed
    /// look-behind moves on to the next offset, past the candidate, as `each_match` does.
    fn each_match_at(&self, hay: &str, at: impl IntoIterator<Item = usize>, mut found: impl FnMut(usize, usize)) {
        let mut pos = 0;
        for start in at {
            if start < pos {
                continue; // inside the last match
            }
            let input = Input::new(hay).span(start..hay.len()).anchored(Anchored::Yes);
            let Some(m) = self.regex.search(&input) else { continue };
            if self.behind.iter().all(|b| b.holds(hay, start)) {
                found(start, m.end());
                pos = m.end();
            }
        }
    }
}

/// `pattern` compiled as `regex::Regex::new` compiles it (the same configuration), for the
/// anchored searches the `regex` crate does not offer.
fn compile_regex(pattern: &str) -> Result<meta::Regex, String> {
    let config = meta::Config::new()
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true);
    meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().utf8(true))
        .build(pattern)
        .map_err(|e| e.to_string())
}

impl Behind {
    /// Whether the look-behind holds at `at` in `hay`.
    fn holds(&self, hay: &str, at: usize) -> bool {
        let mut from = at.saturating_sub(self.reach);
        while !hay.is_char_boundary(from) {
            from -= 1;
        }
        self.ends_here.is_match(&hay[from..at]) != self.negative
    }
}

/// A branch for Rust: leading look-behinds peeled off, the rest rewritten and compiled
/// multi-line.
fn compile_branch(branch: &str) -> Result<Branch, String> {
    let mut rest = branch;
    let mut behind = Vec::new();
    while let Some(negative) = rest.strip_prefix("(?<=").map(|_| false).or(rest.strip_prefix("(?<!").map(|_| true)) {
        let close = group_end(rest).ok_or("an unclosed look-behind")?;
        let inner = rustified(&rest[4..close])?;
        let hir = regex_syntax::parse(&inner).map_err(|e| e.to_string())?;
        if !hir.properties().look_set().is_empty() {
            return Err("a look-behind holding an assertion (^, $, \\b, ...)".into());
        }
        let reach = hir.properties().maximum_len().ok_or("an unbounded look-behind")?;
        let ends_here = Regex::new(&format!("(?:{inner})\\z")).map_err(|e| e.to_string())?;
        behind.push(Behind { negative, ends_here, reach });
        rest = &rest[close + 1..];
    }
    let pattern = format!("(?m){}", rustified(rest)?);
    let hir = regex_syntax::parse(&pattern).map_err(|e| e.to_string())?;
    if hir.properties().minimum_len().unwrap_or(1) == 0 {
        return Err("it can match the empty string (it would match every block)".into());
    }
    let regex = compile_regex(&pattern)?;
    let line_start = begins_a_line(&hir);
    let starts = first_literals(&hir, line_start);
    let gates = if starts.is_none() { last_literals(&hir) } else { None };
    Ok(Branch { behind, regex, starts, line_start, gates })
}

/// Whether every match of `hir` begins with `^` (multi-line or not) or `\A`: where a line
/// starts.
fn begins_a_line(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(look) => matches!(look, Look::Start | Look::StartLF),
        HirKind::Concat(parts) => parts.first().is_some_and(begins_a_line),
        HirKind::Capture(capture) => begins_a_line(&capture.sub),
        HirKind::Alternation(alternatives) => alternatives.iter().all(begins_a_line),
        _ => false,
    }
}

/// The literals every match of `hir` begins with, when there are finitely many and none is
/// empty (a look-around consumes nothing and is left out of them: the literal still begins the
/// match); `None` otherwise. The extractor's limits only make the literals shorter or fewer
/// (never incomplete); a branch that begins a line (`roomy`) is tried only at the line starts
/// among them, few even when its literals are many, and gets larger classes spelled out (`\d`,
/// `\s`) rather than none.
fn first_literals(hir: &Hir, roomy: bool) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    if roomy {
        extractor.limit_class(1000).limit_total(4000);
    }
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// The literals every match of `hir` ends with, when there are finitely many and none is empty
/// (as [`first_literals`], from the other end): a text holding none of them has no match.
pub(crate) fn last_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Suffix);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// The byte offset of the `)` that closes the group opening `pattern`, skipping escapes and
/// character classes.
fn group_end(pattern: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut scan = Scanner::default();
    for (i, ch) in pattern.char_indices() {
        match scan.step(pattern, i, ch) {
            Token::Open => depth += 1,
            Token::Close => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `pattern` in the `regex` crate's syntax, read as Python's `regex` module reads it.
fn rustified(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.char_indices().peekable();
    let mut class_start: Option<usize> = None; // where the open class's members start
    while let Some((i, ch)) = chars.next() {
        if ch == '\\' {
            let Some((_, next)) = chars.next() else { return Err("a trailing backslash".into()) };
            match next {
                'Z' if class_start.is_none() => out.push_str("\\z"),
                c if !c.is_ascii() => push_literal(&mut out, c),
                c => {
                    out.push('\\');
                    out.push(c);
                }
            }
            continue;
        }
        match class_start {
            Some(members) => match ch {
                ']' if i > members => {
                    class_start = None;
                    out.push(']');
                }
                '[' | '&' | '~' | ']' => {
                    out.push('\\');
                    out.push(ch);
                }
                '-' if chars.peek().is_some_and(|&(_, c)| c == '-') => {
                    return Err("'--' inside a character class".into());
                }
                _ => out.push(ch),
            },
            None => {
                if ch == '[' {
                    let negated = pattern[i + 1..].starts_with('^');
                    out.push('[');
                    if negated {
                        out.push('^');
                        chars.next();
                    }
                    class_start = Some(i + 1 + usize::from(negated));
                } else {
                    out.push(ch);
                }
            }
        }
    }
    if class_start.is_some() {
        return Err("an unclosed character class".into());
    }
    Ok(out)
}

fn push_literal(out: &mut String, c: char) {
    out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
}

/// What a character of a pattern is, outside escapes and character classes.
#[derive(PartialEq)]
enum Token {
    Open,
    Close,
    Bar,
    Other,
}

/// Reads a pattern character by character as `lexicon.top_level_branches` does: escapes,
/// and character classes (which open with a literal `]` in `[]` and `[^]`).
#[derive(Default)]
struct Scanner {
    escaped: bool,
    class_start: Option<usize>,
}

impl Scanner {
    fn step(&mut self, pattern: &str, i: usize, ch: char) -> Token {
        if self.escaped {
            self.escaped = false;
        } else if ch == '\\' {
            self.escaped = true;
        } else if let Some(members) = self.class_start {
            if ch == ']' && i > members {
                self.class_start = None;
            }
        } else if ch == '[' {
            self.class_start = Some(if pattern[i + 1..].starts_with('^') { i + 2 } else { i + 1 });
        } else if ch == '(' {
            return Token::Open;
        } else if ch == ')' {
            return Token::Close;
        } else if ch == '|' {
            return Token::Bar;
        }
        Token::Other
    }
}

/// `pattern` cut at each `|` outside groups and character classes (`lexicon.top_level_branches`).
pub fn top_level_branches(pattern: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i64;
    let mut scan = Scanner::default();
    for (i, ch) in pattern.char_indices() {
        match scan.step(pattern, i, ch) {
            Token::Open => depth += 1,
            Token::Close => depth -= 1,
            Token::Bar if depth == 0 => {
                out.push(&pattern[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&pattern[start..]);
    out
}

/// The lines of `text` as Python's `str.splitlines()` cuts them.
fn py_splitlines(text: &str) -> impl Iterator<Item = &str> {
    let is_break =
        |c: char| matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.char_indices().find(|&(_, c)| is_break(c)) {
            None => Some(std::mem::take(&mut rest)),
            Some((i, c)) => {
                let line = &rest[..i];
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { c.len_utf8() };
                rest = &rest[i + skip..];
                Some(line)
            }
        }
    })
}

/// `int(text)` of Python for a count: optional whitespace and sign, ASCII digits and `_`.
fn parse_py_int(text: &str) -> Option<usize> {
    let t = py_strip(text);
    let t = t.strip_prefix('+').unwrap_or(t);
    if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.contains("__") {
        return None;
    }
    if !t.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return None;
    }
    t.replace('_', "").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = "# comment\n\
        copyright\t80\t版权所有|©|Copyright|\\([cC]\\)\\s*\\d{4}\n\
        editor-line\t40\t^[\\[【（(]?[^\\S\\n]*(?:责任编辑|编辑)\\s*[:：]|[\\[【（(]\\s*(?:责任编辑|编辑)\\s*[:：][^\\]】）)]{0,20}[\\]】）)]\\s*$\n\
        related\t24\t(?<![A-Za-z])HOT\\b|推荐$\n\
        comment\t40\t(?<=\\d\\s{0,3})条评论|(?<!\\S)主办[:：]\n";

    #[test]
    fn skipping_branches_without_their_first_literals_changes_no_code() {
        let lex =
            Lexicon::new(include_str!("../../../src/cleantext/data/boilerplate.tsv")).expect("the shipped lexicon");
        let with_literals = lex.rules.iter().flat_map(|r| &r.branches).filter(|b| b.starts.is_some()).count();
        assert!(with_literals > 100, "{with_literals} branches have first literals");
        // Texts made of the literals themselves, cut and mixed with what often surrounds them.
        let mut pieces: Vec<String> = lex
            .rules
            .iter()
            .flat_map(|r| &r.branches)
            .flat_map(|b| b.starts.iter().flatten())
            .filter_map(|l| String::from_utf8(l.clone()).ok())
            .collect();
        pieces.extend(
            ["：", ":", " ", "\n", "2023", "年", "责任", "版权", "（", "）", "|", "首页", "©", "ICP", "备"]
                .map(String::from),
        );
        let mut seed = 11u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut joined_codes = 0;
        for _ in 0..3000 {
            let texts: Vec<String> = (0..1 + next(4))
                .map(|_| {
                    let mut t: String = (0..1 + next(4)).map(|_| pieces[next(pieces.len())].clone()).collect();
                    if next(3) == 0 {
                        let cut = t.char_indices().map(|(i, _)| i).nth(next(t.chars().count().max(1))).unwrap_or(0);
                        t.truncate(cut);
                    }
                    t
                })
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let hans: Vec<usize> = texts.iter().map(|_| next(50)).collect();
            let text = |i: usize| Cow::Borrowed(refs[i]);
            assert_eq!(
                lex.codes_of(refs.len(), text, &hans, true),
                lex.codes_of(refs.len(), text, &hans, false),
                "{texts:?}"
            );
            assert_eq!(lex.page_codes_by(refs.len(), text, &hans), lex.page_codes(&refs, &hans));
            // a page scanned in parts (a text a scan, or a few) gets the codes of one scan
            let whole = lex.codes_joining(refs.len(), text, &hans, true, usize::MAX);
            for join_bytes in [0, 9, 40] {
                assert_eq!(lex.codes_joining(refs.len(), text, &hans, true, join_bytes), whole, "{texts:?}");
            }
            joined_codes += whole.iter().filter(|c| !c.is_empty()).count();
        }
        assert!(joined_codes > 500, "{joined_codes}");
    }

    /// Every match of every branch with first literals, found at the literals' occurrences
    /// (anchored), against the plain scan of the whole text, on texts made of the lexicon's
    /// literals (whole and cut), separators, and Han, ASCII, digit and space characters.
    #[test]
    fn matches_at_the_literals_are_the_matches_of_the_scan() {
        let lex =
            Lexicon::new(include_str!("../../../src/cleantext/data/boilerplate.tsv")).expect("the shipped lexicon");
        let branches: Vec<&Branch> = lex.rules.iter().flat_map(|r| &r.branches).collect();
        let mut pieces: Vec<String> = branches
            .iter()
            .filter(|b| !b.line_start) // theirs hold every digit and space: too many
            .flat_map(|b| b.starts.iter().flatten())
            .filter_map(|l| String::from_utf8(l.clone()).ok())
            .collect();
        let mut line_words = vec![String::new()]; // the words of the branches on whole lines
        for line in include_str!("../../../src/cleantext/data/boilerplate.tsv").lines().filter(|l| !l.starts_with('#'))
        {
            // the patterns' own words and characters
            let pattern = line.splitn(3, '\t').nth(2).unwrap_or("");
            for branch in top_level_branches(pattern) {
                let words = branch.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from);
                if branch.starts_with('^') {
                    line_words.extend(words.clone());
                }
                pieces.extend(words);
            }
        }
        pieces.extend(
            [
                SEPARATOR, SEPARATOR, "\n", "\n", "\n", "\n", " ", "\t", "１２", "#", "\u{3000}", "：", ":", "|", "/",
                ">", "#", "(", ")", "（", "）", "【", "】", "[", "]", "*", "x", "2023", "7", "12 ", "年", "人", "条",
                "A", "HOT", "PHOT", "é", "𠀀", "的", "。",
            ]
            .map(String::from),
        );
        let mut seed = 5u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let (mut texts, mut matches, mut tried, mut at_line_starts) = (0, 0, 0, 0);
        for _ in 0..4000 {
            // lines of a few pieces, so that whole lines match the rules on lines
            let mut text = String::new();
            for line in 0..1 + next(6) {
                if line > 0 {
                    text.push_str(["\n", SEPARATOR, "", "\r\n"][next(4)]);
                }
                if next(3) == 0 {
                    text.push_str(["", "", "", " ", "【", "(", "#", "12", "3 "][next(9)]);
                    text.push_str(&line_words[next(line_words.len())]);
                    text.push_str(["", "", "", " ", "】", "：", ":", "楼", " / 9 页", "个回答"][next(10)]);
                    continue;
                }
                for _ in 0..1 + next(3) {
                    text.push_str(&pieces[next(pieces.len())]);
                }
            }
            if next(3) == 0 {
                let cut = text.char_indices().map(|(i, _)| i).nth(next(text.chars().count())).unwrap_or(0);
                text = text[cut..].to_string();
            }
            texts += 1;
            let mut candidates = lex.starts.candidates(&text);
            for (k, branch) in branches.iter().enumerate() {
                let mut want = Vec::new();
                branch.each_match(&text, |s, e| want.push((s, e)));
                let mut got = Vec::new();
                match candidates.of(k) {
                    Where::Everywhere => {
                        assert!(branch.starts.is_none());
                        continue;
                    }
                    Where::At(at) => {
                        assert!(at.iter().all(|&(b, p)| b == k && text.is_char_boundary(p)));
                        assert!(at.windows(2).all(|w| w[0].1 < w[1].1));
                        branch.each_match_at(&text, at.iter().map(|&(_, p)| p), |s, e| got.push((s, e)));
                        tried += usize::from(!at.is_empty());
                    }
                }
                assert_eq!(got, want, "branch {k} in {text:?}");
                matches += want.len();
                at_line_starts += if branch.line_start { want.len() } else { 0 };
            }
        }
        assert!(
            texts == 4000 && tried > 4 * texts && matches > texts && at_line_starts > texts / 20,
            "{tried} {matches} {at_line_starts}"
        );
    }

    /// [`Starts::candidates`] as it was: one overlapping search of every branch's first
    /// literals over the whole text, a line branch's kept where a line starts; every branch
    /// without first literals scanned.
    struct OneSearch {
        finder: AhoCorasick,
        branch_of: Vec<usize>,
        line_start: Vec<bool>,
        scan: Vec<bool>,
    }

    impl OneSearch {
        fn new(lex: &Lexicon) -> OneSearch {
            let branches: Vec<&Branch> = lex.rules.iter().flat_map(|r| &r.branches).collect();
            let (mut literals, mut branch_of) = (Vec::new(), Vec::new());
            for (k, b) in branches.iter().enumerate() {
                for literal in b.starts.iter().flatten() {
                    literals.push(literal.clone());
                    branch_of.push(k);
                }
            }
            OneSearch {
                finder: AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).build(&literals).unwrap(),
                branch_of,
                line_start: branches.iter().map(|b| b.line_start).collect(),
                scan: branches.iter().map(|b| b.starts.is_none()).collect(),
            }
        }

        fn candidates(&self, hay: &str) -> Vec<(usize, usize)> {
            let mut at = Vec::new();
            for m in self.finder.find_overlapping_iter(hay) {
                let k = self.branch_of[m.pattern().as_usize()];
                if !self.line_start[k] || m.start() == 0 || hay.as_bytes()[m.start() - 1] == b'\n' {
                    at.push((k, m.start()));
                }
            }
            at.sort_unstable();
            at.dedup();
            at
        }
    }

    /// Pages of lines: the lexicon's words and first literals (line branches' too: digits,
    /// spaces, brackets), news text around them, separators, cut anywhere.
    fn random_page(rng: &mut crate::test_rng::Rng, pieces: &[String]) -> String {
        const PROSE: [&str; 12] = [
            "记者从重庆市科技局获悉，",
            "根据协议，双方将在七个方面开展深度合作。",
            "2023年12月",
            "（记者 张三）",
            "【编辑：李四】",
            "    ",
            "\u{3000}\u{3000}",
            "人赞同了该回答",
            "查看全部 12 个回答",
            "3 个回答",
            "...",
            "é𠀀",
        ];
        let mut text = String::new();
        for line in 0..1 + rng.below(8) {
            if line > 0 {
                text.push_str(["\n", SEPARATOR, "", "\r\n", "\n\n"][rng.below(5)]);
            }
            for _ in 0..1 + rng.below(4) {
                if rng.below(3) == 0 {
                    text.push_str(PROSE[rng.below(PROSE.len())]);
                } else {
                    text.push_str(&pieces[rng.below(pieces.len())]);
                }
            }
        }
        if rng.below(4) == 0 {
            let cut = text.char_indices().map(|(i, _)| i).nth(rng.below(text.chars().count())).unwrap_or(0);
            text = text[cut..].to_string();
        }
        text
    }

    /// The line branches' literals looked for only at line starts (anchored, behind a test of
    /// their first two bytes), the others' by one search: the same candidates as one search of
    /// all of them; and a branch without first literals left out only when the text lacks its
    /// gates, where it has no match.
    #[test]
    fn candidates_are_those_of_one_search_of_every_literal() {
        let lex =
            Lexicon::new(include_str!("../../../src/cleantext/data/boilerplate.tsv")).expect("the shipped lexicon");
        let branches: Vec<&Branch> = lex.rules.iter().flat_map(|r| &r.branches).collect();
        assert!(branches.iter().any(|b| b.gates.is_some()), "some branch has gates");
        let mut pieces: Vec<String> = branches
            .iter()
            .flat_map(|b| b.starts.iter().flatten().chain(b.gates.iter().flatten()))
            .filter_map(|l| String::from_utf8(l.clone()).ok())
            .collect();
        pieces.extend(["：", ":", " ", "\n", "楼", "页", "/", "】", "x", "7"].map(String::from));
        let one = OneSearch::new(&lex);
        let mut rng = crate::test_rng::Rng(0x05EE_DCA7);
        let (mut at_lines, mut gated_out, mut gated_in) = (0, 0, 0);
        for _ in 0..6000 {
            let text = random_page(&mut rng, &pieces);
            let c = lex.starts.candidates(&text);
            let (at, scan) = (one.candidates(&text), &one.scan);
            assert_eq!(c.at, at, "{text:?}");
            for (k, b) in branches.iter().enumerate() {
                assert!(!c.scan[k] || scan[k], "{k}: scanned only if it was");
                if scan[k] && !c.scan[k] {
                    let mut found = Vec::new();
                    b.each_match(&text, |s, e| found.push((s, e)));
                    assert!(found.is_empty(), "branch {k} left out but matches {found:?} in {text:?}");
                    gated_out += 1;
                } else if scan[k] && b.gates.is_some() {
                    gated_in += 1;
                }
            }
            at_lines += c.at.iter().filter(|&&(k, _)| branches[k].line_start).count();
        }
        assert!(at_lines > 3000 && gated_out > 3000 && gated_in > 500, "{at_lines} {gated_out} {gated_in}");
    }

    #[test]
    fn only_branches_whose_matches_all_begin_with_literals_are_tried_at_them() {
        let lex =
            Lexicon::new("x\t1\t[^a]b|\\w+c|\\s*版权|abc|(?:ab|cd)e\\b|^(?:首页|尾页)$|(?<!\\S)主办|[(（]\\s*编辑\n")
                .unwrap();
        let starts: Vec<Option<Vec<&[u8]>>> = lex.rules[0]
            .branches
            .iter()
            .map(|b| b.starts.as_ref().map(|s| s.iter().map(Vec::as_slice).collect()))
            .collect();
        let want: [Option<Vec<&[u8]>>; 8] = [
            None,
            None,
            None,
            Some(vec![b"abc"]),
            Some(vec![b"abe", b"cde"]),
            Some(vec!["首页".as_bytes(), "尾页".as_bytes()]),
            Some(vec!["主办".as_bytes()]),
            Some(vec![b"(", "（".as_bytes()]),
        ];
        assert_eq!(starts, want);
        // tried only at their literals, with the text before them in view
        let text = "xb 版权 abcde 主办 x主办 (编辑 （ 编辑\n首页\n尾页x";
        let mut c = lex.starts.candidates(text);
        let found = |k: usize, c: &mut Candidates| -> Vec<&str> {
            let mut got = Vec::new();
            match c.of(k) {
                Where::Everywhere => lex.rules[0].branches[k].each_match(text, |s, e| got.push(&text[s..e])),
                Where::At(at) => lex.rules[0].branches[k]
                    .each_match_at(text, at.iter().map(|&(_, p)| p), |s, e| got.push(&text[s..e])),
            }
            got
        };
        let got: Vec<Vec<&str>> = (0..8).map(|k| found(k, &mut c)).collect();
        let want: [&[&str]; 8] =
            [&["xb"], &["abc"], &[" 版权"], &["abc"], &["cde"], &["首页"], &["主办"], &["(编辑", "（ 编辑"]];
        assert_eq!(got, want);
    }

    fn codes(lex: &Lexicon, texts: &[&str], hans: &[usize]) -> Vec<Vec<String>> {
        lex.page_codes(texts, hans)
            .into_iter()
            .map(|cs| cs.into_iter().map(|c| lex.codes()[c].clone()).collect())
            .collect()
    }

    #[test]
    fn branches_are_cut_at_top_level_bars() {
        assert_eq!(
            top_level_branches(r"版权所有|(?:查看|回复)\s*[:|]|\|$"),
            vec!["版权所有", r"(?:查看|回复)\s*[:|]", r"\|$"]
        );
        assert_eq!(top_level_branches(r"[]|]x|[^]|]y|z"), vec!["[]|]x", "[^]|]y", "z"]);
    }

    #[test]
    fn blocks_get_the_codes_of_the_rules_they_match() {
        let lex = Lexicon::new(RULES).unwrap();
        assert_eq!(lex.codes(), ["copyright", "editor-line", "related", "comment"]);
        assert_eq!(lex.max_han(), 80);
        let texts = [
            "正文。",
            "责任编辑：张三",
            "版权所有 ©",
            "HOT 新闻",
            "PHOT",
            "12 条评论",
            "x主办：",
            " 主办：",
            "【编辑：李四",
            "】正文",
        ];
        let hans = [2, 4, 4, 2, 0, 3, 3, 2, 4, 2];
        let got = codes(&lex, &texts, &hans);
        let want: [&[&str]; 10] = [
            &[],
            &["editor-line"],
            &["copyright"],
            &["related"],
            &[],
            &["comment"],
            &[],
            &["comment"],
            &["editor-line"],
            &[],
        ];
        assert_eq!(got, want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>()));
    }

    #[test]
    fn code_spans_are_in_characters() {
        let lex = Lexicon::new("related\t12\t相关推荐|猜你喜欢\ncomment\t12\t评论\n").unwrap();
        assert_eq!(lex.code_spans("看看相关推荐和猜你喜欢", "related"), vec![(2, 6), (7, 11)]);
        assert_eq!(lex.code_spans("网友评论", "related"), vec![]);
        assert_eq!(lex.code_spans("网友评论", "nav"), vec![]);
    }

    #[test]
    fn a_rule_applies_only_to_blocks_short_enough() {
        let lex = Lexicon::new(RULES).unwrap();
        assert_eq!(codes(&lex, &["版权所有"], &[81]), [Vec::<String>::new()]);
        assert_eq!(codes(&lex, &["HOT 推荐"], &[30]), [Vec::<String>::new()]);
        assert_eq!(codes(&lex, &["HOT 推荐"], &[24]), [vec!["related".to_string()]]);
    }

    #[test]
    fn a_match_across_blocks_counts_for_none() {
        let lex = Lexicon::new("e\t40\t编辑：.{0,3}x\n").unwrap();
        assert_eq!(codes(&lex, &["编辑：", "x", "编辑：ax"], &[2, 0, 2]), [vec![], vec![], vec!["e".to_string()]]);
        // the separator inside a block is read as one line break
        assert_eq!(codes(&lex, &["编辑：\n\x1f\nx"], &[2]), [Vec::<String>::new()]);
    }

    #[test]
    fn bad_rules_are_errors_naming_the_line() {
        for bad in [
            "x\t1\t(?=a)b",
            "x\t1\t(?<=a+)b",
            "x\t1\t(?<=^)a",
            "x\t1\ta*",
            "x\t1\t(a",
            "x\t1\t[a",
            "x\tmany\ta",
            "x\t1",
            "x\t1\t[a--b]",
        ] {
            let e = Lexicon::new(&format!("# c\n{bad}\n")).unwrap_err();
            assert!(e.starts_with("boilerplate.tsv line 2"), "{bad}: {e}");
        }
    }

    #[test]
    fn python_spellings_are_rewritten() {
        assert_eq!(rustified(r"a\Z[[&~]\：").unwrap(), r"a\z[\[\&\~]：");
        assert_eq!(rustified(r"[]a][^]b]").unwrap(), r"[\]a][^\]b]");
    }

    #[test]
    fn no_panic_on_any_text() {
        let lex = Lexicon::new(RULES).unwrap();
        let pieces = [
            "",
            "\n",
            "\x1f",
            "\n\x1f\n",
            "版权",
            "所有",
            "条评论",
            "1",
            " ",
            "HOT",
            "é",
            "𠀀",
            "【",
            "编辑",
            "：",
            "】",
        ];
        let mut rng = crate::test_rng::Rng(7);
        for _ in 0..2000 {
            let texts: Vec<String> = (0..rng.below(7))
                .map(|_| (0..rng.below(9)).map(|_| pieces[rng.below(pieces.len())]).collect())
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let hans: Vec<usize> = (0..refs.len()).map(|_| rng.below(100)).collect();
            let got = lex.page_codes(&refs, &hans);
            assert_eq!(got.len(), refs.len());
        }
        assert_eq!(lex.page_codes(&["版权所有"], &[]), [Vec::<usize>::new()]);
    }
}
