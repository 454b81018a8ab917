//! jieba's accurate mode without HMM (`jieba.Tokenizer.cut(text, HMM=False)`, jieba 0.42), for
//! the close calls of `cleantext/pipeline.py` (`features.resegment`).
//!
//! The dictionary is jieba's own `dict.txt` (one `word frequency [tag]` a line), read as
//! `Tokenizer.gen_pfdict` reads it: a word listed twice keeps its last frequency, and every line
//! counts towards the total. jieba then keys a dict by every word and every proper prefix of a
//! word (prefixes worth 0); here those keys are the nodes of a trie of characters, laid out for
//! the cut, which asks at each character of a run "which words start here": a word's first
//! character is found in a table by character, its first two in a hash table of character
//! pairs (one probe, usually one cache line), and each further character among the children of
//! the node before, which lie side by side (usually one or two cache lines). A node holds its
//! frequency as a class, an index into the dictionary's distinct frequencies, each stored with
//! its `ln(freq) - ln(total)` computed once at load, in the same `f64` operations as jieba's
//! `calc`. (The words sorted in one buffer, found by binary searches over them, took about as
//! many instructions but several times the cache misses, and `ln` computed per candidate.)
//!
//! The cut is `Tokenizer.cut`'s, step by step:
//! - the text splits into runs of `re_han_default`'s characters (CJK U+4E00..U+9FD5, ASCII
//!   letters and digits, `+#&._%-`) and the rest, which is yielded one character at a time,
//!   except that `"\r\n"` stays one token (`re_skip_default` splits the rest into `\r\n`, single
//!   whitespace characters and the pieces between, which are yielded character by character);
//! - in a run (`__cut_DAG_NO_HMM`): the DAG of dictionary words starting at each character (a
//!   character no word starts with is its own word), the route of maximum log probability from
//!   the end (`calc`: `ln(freq or 1) - ln(total) + route[end + 1]` in `f64`, the same order of
//!   operations, a tie going to the longer word), then the route's words in order, where
//!   consecutive one-character words that are ASCII letters or digits are joined into one.

use std::ops::Range;

#[cfg(test)]
mod oracle;

/// A node of the trie below the second character: the character that leads to it, the class of
/// its key (0: a proper prefix, or a word of frequency 0), and its children, the nodes
/// `children..children + len` of `Dictionary::nodes`, in character order.
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    ch: u32,
    class: u32,
    children: u32,
    len: u32,
}

impl Node {
    fn children(&self) -> Range<usize> {
        self.children as usize..self.children as usize + self.len as usize
    }
}

/// A slot of `Dictionary::pairs`: the key's first two characters and its children's count
/// (`PAIR_BITS` bits each, then the count above: a node has at most 0x110000 children), or
/// `EMPTY`; the class of the two characters' key; where its children start in `nodes`.
#[derive(Debug, Clone, Copy)]
struct Pair {
    key: u64,
    class: u32,
    children: u32,
}

const PAIR_BITS: u32 = 21;
const PAIR_MASK: u64 = (1 << (2 * PAIR_BITS)) - 1;
/// No pair of characters has this key (its first would be 0x1FFFFF).
const EMPTY: u64 = u64::MAX;
/// In `Dictionary::singles`: no key starts with this character.
const NONE: u32 = u32::MAX;

fn pair_key(c1: char, c2: char) -> u64 {
    u64::from(c1) << PAIR_BITS | u64::from(c2)
}

/// jieba's dictionary: the distinct words of `dict.txt` as a trie of characters.
#[derive(Debug)]
pub struct Dictionary {
    /// For each character a run may hold (`run_slot`), the class of its one-character key, or
    /// `NONE` if no word starts with it.
    singles: Vec<u32>,
    /// The same for the other first characters (outside runs, so only `get` asks), in order.
    other_singles: Vec<(char, u32)>,
    /// The keys of two characters or more, by their first two: open addressing, linear probing,
    /// a power of two long (at least 2), under three quarters full.
    pairs: Vec<Pair>,
    /// The nodes below the second character: each node's children side by side, each pair's
    /// subtree in one stretch (depth first).
    nodes: Vec<Node>,
    /// Each class's frequency: 0 for class 0, then the distinct frequencies above 0.
    freqs: Vec<u32>,
    /// Each class's `ln(freq) - ln(total)` (jieba's `log(FREQ[frag]) - logtotal`); unused for 0.
    weights: Vec<f64>,
    words: usize,
    total: u64,
    /// `ln(total)`, as jieba's `calc` computes it.
    log_total: f64,
}

/// The buffers of one run's cut, kept for the next run.
#[derive(Default)]
struct Scratch {
    bounds: Vec<usize>,
    chars: Vec<char>,
    route: Vec<(f64, usize)>,
}

/// Whether `c` belongs to jieba's `re_han_default` class: `[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]`.
pub fn is_run_char(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fd5}' | 'a'..='z' | 'A'..='Z' | '0'..='9' | '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// The CJK characters of `re_han_default`.
const CJK: std::ops::RangeInclusive<char> = '\u{4e00}'..='\u{9fd5}';

/// Where `c`, a character of a run, has its slot in `Dictionary::singles`: ASCII, then CJK.
fn run_slot(c: char) -> usize {
    if c.is_ascii() {
        c as usize
    } else {
        128 + (c as usize - *CJK.start() as usize)
    }
}

/// What Python's `bytes.strip()` strips (ASCII whitespace, `\x0b` included).
fn is_strip_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// `bytes[start..end]` without what `bytes.strip()` strips at either end, as a range (its ends
/// are next to ASCII bytes or the range's, so at characters of a `str`).
fn stripped(bytes: &[u8], mut start: usize, mut end: usize) -> Range<usize> {
    while start < end && is_strip_space(bytes[start]) {
        start += 1;
    }
    while end > start && is_strip_space(bytes[end - 1]) {
        end -= 1;
    }
    start..end
}

/// A frequency field: ASCII digits (an optional `+` before them), as `int()` reads them.
fn parse_freq(field: &[u8]) -> Option<u32> {
    let digits = field.strip_prefix(b"+").unwrap_or(field);
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &b| match b {
        b'0'..=b'9' => n.checked_mul(10)?.checked_add(u32::from(b - b'0')),
        _ => None,
    })
}

/// Each line's (word, frequency).
type Lines<'a> = Vec<(&'a str, u32)>;

/// The lines of a `dict.txt` as `gen_pfdict` reads them: each line's (word, frequency), in file
/// order, and the sum of the frequencies; an error names the first line jieba would refuse.
fn read_lines(text: &str) -> Result<(Lines<'_>, u64), String> {
    let mut entries = Vec::with_capacity(text.len() / 12);
    let mut total: u64 = 0;
    if text.is_empty() {
        return Ok((entries, total));
    }
    // the lines: what the '\n's split, but for the text's last '\n'; the separators are ASCII,
    // so the byte offsets below are at characters
    let bytes = text.as_bytes();
    let body = bytes.len() - usize::from(text.ends_with('\n'));
    let mut newlines = memchr::memchr_iter(b'\n', &bytes[..body]);
    let mut start = 0;
    for number in 1.. {
        let end = newlines.next().unwrap_or(body);
        let line = &text[stripped(bytes, start, end)];
        let bad = || format!("invalid dictionary entry at line {number}: {line:?}");
        // `line.split(' ')[:2]` (a line is short: a plain loop beats memchr here)
        let space = |from: usize| line.as_bytes()[from..].iter().position(|&b| b == b' ').map(|i| from + i);
        let Some(gap) = space(0) else {
            return Err(bad());
        };
        let word = &line[..gap];
        let freq = &line.as_bytes()[gap + 1..space(gap + 1).unwrap_or(line.len())];
        let freq = parse_freq(freq).ok_or_else(bad)?;
        total = total.checked_add(u64::from(freq)).ok_or_else(bad)?;
        entries.push((word, freq)); // never empty: the line is stripped
        if end == body {
            break;
        }
        start = end + 1;
    }
    Ok((entries, total))
}

/// The distinct words of a `dict.txt` file's bytes, sorted (bytewise, which is code point
/// order), each with the frequency of its last line, and the total of every line; an error
/// names the first line jieba would refuse (no frequency, not UTF-8) or that this reader cannot
/// hold (a frequency that is not a plain non-negative number below 2^32), or says the total is 0.
fn sorted_entries(data: &[u8]) -> Result<(Lines<'_>, u64), String> {
    // simdutf8 checks the 5 MB of jieba's dictionary several times faster than `std`;
    // `std` says where a bad one goes wrong
    let text = match simdutf8::basic::from_utf8(data).map_err(|_| std::str::from_utf8(data)) {
        Ok(text) | Err(Ok(text)) => text,
        Err(Err(e)) => {
            // jieba refuses the first bad line: one before this one, else this one
            let start = data[..e.valid_up_to()].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            read_lines(std::str::from_utf8(&data[..start]).map_err(|e| e.to_string())?)?;
            let line = data[start..].split(|&b| b == b'\n').next().unwrap_or_default();
            let number = data[..start].iter().filter(|&&b| b == b'\n').count() + 1;
            let shown = String::from_utf8_lossy(line);
            return Err(format!(
                "invalid dictionary entry at line {number}: {:?}",
                shown.trim_matches(|c: char| c.is_ascii() && is_strip_space(c as u8))
            ));
        }
    };
    let (mut entries, total) = read_lines(text)?;
    if total == 0 {
        return Err("the dictionary's frequencies add up to 0".into());
    }
    // sorted, a repeated word's lines in file order (the sort is stable), the last one kept
    // (jieba's dict.txt is sorted but for a few dozen lines: driftsort merges a few runs)
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 = later.1; // the later line wins
        }
        same
    });
    Ok((entries, total))
}

/// The words `words[range]` that are longer than `depth` characters and share their first
/// `depth`, waiting for their node's children to be laid out at `nodes[at]` (or in a pair).
struct Pending {
    range: Range<usize>,
    depth: usize,
    at: Target,
}

#[derive(Clone, Copy)]
enum Target {
    Node(usize),
    Pair(usize),
}

/// The trie's builder: the words' characters, each word's class.
struct Builder {
    chars: Vec<char>,
    /// `ends[i]` is where word `i` ends in `chars` (it starts at `ends[i - 1]`, or 0).
    ends: Vec<usize>,
    classes: Vec<u32>,
}

impl Builder {
    fn word(&self, i: usize) -> &[char] {
        &self.chars[if i == 0 { 0 } else { self.ends[i - 1] }..self.ends[i]]
    }

    /// The groups of `range` (words of at least `depth + 1` characters, sharing the first
    /// `depth`) by their character `depth`, into `out`: (that character, the group's words, the
    /// class of the key that ends there).
    fn groups(&self, range: Range<usize>, depth: usize, out: &mut Vec<(char, Range<usize>, u32)>) {
        out.clear();
        for i in range {
            let w = self.word(i);
            match out.last_mut() {
                Some((c, r, _)) if *c == w[depth] => r.end = i + 1,
                // the first word of a group is the key itself if it is one (sorted: shortest first)
                _ => out.push((w[depth], i..i + 1, if w.len() == depth + 1 { self.classes[i] } else { 0 })),
            }
        }
    }

    /// `range` without its first word if that is `depth` characters long (the key itself).
    fn longer(&self, range: Range<usize>, depth: usize) -> Range<usize> {
        if self.word(range.start).len() == depth {
            range.start + 1..range.end
        } else {
            range
        }
    }
}

impl Dictionary {
    /// The dictionary of a `dict.txt` file's bytes; an error names the first line jieba would
    /// refuse (no frequency, not UTF-8) or that this reader cannot hold (a frequency that is
    /// not a plain non-negative number below 2^32), or says the total is 0.
    pub fn from_dict_txt(data: &[u8]) -> Result<Dictionary, String> {
        let (entries, total) = sorted_entries(data)?;
        // the classes: 0, then the distinct frequencies above 0 as they come
        let mut freqs: Vec<u32> = vec![0];
        let mut class_of: crate::hash::Map<u32, u32> = [(0, 0)].into_iter().collect();
        let size = entries.iter().map(|e| e.0.len()).sum();
        let words = entries.len();
        let mut b = Builder {
            chars: Vec::with_capacity(size),
            ends: Vec::with_capacity(words),
            classes: Vec::with_capacity(words),
        };
        for &(word, freq) in &entries {
            b.chars.extend(word.chars());
            b.ends.push(b.chars.len());
            b.classes.push(*class_of.entry(freq).or_insert_with(|| {
                freqs.push(freq);
                (freqs.len() - 1) as u32
            }));
        }
        freqs.shrink_to_fit();
        // `math.log` of an int: the int rounded to the nearest double, then `log`
        let log_total = (total as f64).ln();
        // `calc`'s `log(freq) - logtotal`, its first operation
        let weights = freqs.iter().map(|&f| f64::from(f).ln() - log_total).collect();
        drop(entries);
        let mut singles = vec![NONE; 128 + CJK.count()];
        let mut other_singles = Vec::new();
        // the pairs (the count of children added to the key when known), in order
        let mut found_pairs: Vec<Pair> = Vec::new();
        let mut nodes: Vec<Node> = Vec::new();
        let (mut firsts, mut seconds, mut groups, mut stack) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        b.groups(0..words, 0, &mut firsts);
        for (c1, group, class) in firsts.drain(..) {
            if is_run_char(c1) {
                singles[run_slot(c1)] = class;
            } else {
                other_singles.push((c1, class));
            }
            let group = b.longer(group, 1);
            if group.is_empty() {
                continue;
            }
            b.groups(group, 1, &mut seconds);
            for (c2, pair, class) in seconds.drain(..) {
                let longer = b.longer(pair, 2);
                if !longer.is_empty() {
                    stack.push(Pending { range: longer, depth: 2, at: Target::Pair(found_pairs.len()) });
                }
                found_pairs.push(Pair { key: pair_key(c1, c2), class, children: 0 });
                // each pair's subtree in one stretch, depth first
                while let Some(Pending { range, depth, at }) = stack.pop() {
                    b.groups(range, depth, &mut groups);
                    let start = nodes.len();
                    let (children, len) =
                        (u32::try_from(start).map_err(|_| "the dictionary is too large")?, groups.len());
                    match at {
                        Target::Node(i) => (nodes[i].children, nodes[i].len) = (children, len as u32),
                        Target::Pair(i) => {
                            found_pairs[i].children = children;
                            found_pairs[i].key |= (len as u64) << (2 * PAIR_BITS);
                        }
                    }
                    nodes.extend(groups.iter().map(|&(c, _, class)| Node {
                        ch: u32::from(c),
                        class,
                        children: 0,
                        len: 0,
                    }));
                    for (j, (_, group, _)) in groups.drain(..).enumerate().rev() {
                        let longer = b.longer(group, depth + 1);
                        if !longer.is_empty() {
                            stack.push(Pending { range: longer, depth: depth + 1, at: Target::Node(start + j) });
                        }
                    }
                }
            }
        }
        // into the hash table in the order of their home slots, which fills it front to back
        // rather than at random (most of the load's cache misses otherwise)
        let capacity = (found_pairs.len() * 4 / 3 + 2).next_power_of_two();
        let mut pairs = vec![Pair { key: EMPTY, class: 0, children: 0 }; capacity];
        found_pairs.sort_unstable_by_key(|p| Dictionary::home(capacity, p.key & PAIR_MASK));
        for p in found_pairs {
            let slot = Dictionary::probe(&pairs, p.key & PAIR_MASK).unwrap_or_else(|free| free);
            pairs[slot] = p;
        }
        nodes.shrink_to_fit();
        Ok(Dictionary { singles, other_singles, pairs, nodes, freqs, weights, words, total, log_total })
    }

    /// The slot of `pairs` (`len` long, a power of two, at least 2) where a search for `key`
    /// begins: Fibonacci hashing, the product's top bits.
    fn home(len: usize, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - len.trailing_zeros())) as usize
    }

    /// Where `key` (a pair's, no count) is in `pairs`, or else the free slot where it would go.
    fn probe(pairs: &[Pair], key: u64) -> Result<usize, usize> {
        let mask = pairs.len() - 1;
        let mut slot = Dictionary::home(pairs.len(), key);
        loop {
            let found = pairs[slot].key;
            if found == EMPTY {
                return Err(slot);
            }
            if found & PAIR_MASK == key {
                return Ok(slot);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The key of `c1` then `c2`: its class and its children.
    fn pair(&self, c1: char, c2: char) -> Option<(u32, Range<usize>)> {
        let p = &self.pairs[Dictionary::probe(&self.pairs, pair_key(c1, c2)).ok()?];
        let start = p.children as usize;
        Some((p.class, start..start + (p.key >> (2 * PAIR_BITS)) as usize))
    }

    /// The child of the node whose children are `children` that `c` leads to.
    fn child(&self, children: Range<usize>, c: char) -> Option<&Node> {
        let nodes = &self.nodes[children];
        let c = u32::from(c);
        if nodes.len() <= 8 {
            nodes.iter().find(|n| n.ch == c)
        } else {
            let i = nodes.partition_point(|n| n.ch < c);
            nodes.get(i).filter(|n| n.ch == c)
        }
    }

    /// The class of the key of one character `c`, `None` if no word starts with it.
    fn single(&self, c: char) -> Option<u32> {
        let class = if is_run_char(c) {
            self.singles[run_slot(c)]
        } else {
            let i = self.other_singles.binary_search_by(|e| e.0.cmp(&c)).ok()?;
            self.other_singles[i].1
        };
        (class != NONE).then_some(class)
    }

    /// The number of distinct words.
    pub fn len(&self) -> usize {
        self.words
    }

    /// Whether the dictionary has no word (never true of one built by `from_dict_txt`).
    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    /// The sum of the frequencies of every line.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Bytes held (the trie, the hash table of pairs, the classes).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.singles.capacity() * size_of::<u32>()
            + self.other_singles.capacity() * size_of::<(char, u32)>()
            + self.pairs.capacity() * size_of::<Pair>()
            + self.nodes.capacity() * size_of::<Node>()
            + self.freqs.capacity() * size_of::<u32>()
            + self.weights.capacity() * size_of::<f64>()
    }

    /// jieba's `FREQ.get(key)`: the frequency of a word, 0 for a proper prefix of a word that is
    /// not one itself, `None` for anything else.
    pub fn get(&self, key: &str) -> Option<u32> {
        let mut chars = key.chars();
        let c1 = chars.next()?;
        let single = self.single(c1)?;
        let Some(c2) = chars.next() else {
            return Some(self.freqs[single as usize]);
        };
        let (mut class, mut children) = self.pair(c1, c2)?;
        for c in chars {
            let node = self.child(children, c)?;
            (class, children) = (node.class, node.children());
        }
        Some(self.freqs[class as usize])
    }

    /// The words of `text`, as `jieba.Tokenizer.cut(text, HMM=False)` yields them.
    ///
    /// ```
    /// # use _core::features::segment::Dictionary;
    /// let d = Dictionary::from_dict_txt("北京 100 ns\n我们 50 r\n在 80 p\n".as_bytes()).unwrap();
    /// assert_eq!(d.cut("我们在北京, iPhone12\r\n"), ["我们", "在", "北京", ",", " ", "iPhone12", "\r\n"]);
    /// ```
    pub fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        self.cut_into(text, &mut out);
        out
    }

    /// [`Dictionary::cut`], appending to `out`.
    pub fn cut_into<'a>(&self, text: &'a str, out: &mut Vec<&'a str>) {
        let mut scratch = Scratch::default();
        let bytes = text.as_bytes();
        let mut pos = 0;
        while let Some(c) = text[pos..].chars().next() {
            if is_run_char(c) {
                let end = text[pos..].find(|c: char| !is_run_char(c)).map_or(text.len(), |i| pos + i);
                self.cut_run(&text[pos..end], &mut scratch, out);
                pos = end;
            } else if bytes[pos..].starts_with(b"\r\n") {
                out.push(&text[pos..pos + 2]);
                pos += 2;
            } else {
                out.push(&text[pos..pos + c.len_utf8()]);
                pos += c.len_utf8();
            }
        }
    }

    /// `__cut_DAG_NO_HMM` of one run of `re_han_default`'s characters.
    fn cut_run<'a>(&self, run: &'a str, scratch: &mut Scratch, out: &mut Vec<&'a str>) {
        let Scratch { bounds, chars, route } = scratch;
        // each character and where it starts, then the run's end
        bounds.clear();
        chars.clear();
        for (i, c) in run.char_indices() {
            bounds.push(i);
            chars.push(c);
        }
        bounds.push(run.len());
        let n = chars.len();
        let bytes = run.as_bytes();
        // route[k]: the best log probability of run[k..] and the last character of its first word
        route.clear();
        route.resize(n + 1, (0.0, 0));
        for k in (0..n).rev() {
            let mut best: Option<(f64, usize)> = None;
            // the key run[k..=i] of class `class`: a candidate if its frequency is not 0
            let mut consider = |i: usize, class: u32| {
                if class != 0 {
                    let logp = self.weights[class as usize] + route[i + 1].0;
                    // max() over (logp, i) tuples with i rising: a tie goes to the later i
                    match best {
                        Some((b, _)) if logp < b => {}
                        _ => best = Some((logp, i)),
                    }
                }
            };
            let single = self.singles[run_slot(chars[k])];
            if single != NONE {
                consider(k, single);
                if let Some((class, mut children)) = chars.get(k + 1).and_then(|&c2| self.pair(chars[k], c2)) {
                    consider(k + 1, class);
                    for (i, &c) in chars.iter().enumerate().skip(k + 2) {
                        let Some(node) = self.child(children, c) else {
                            break;
                        };
                        consider(i, node.class);
                        children = node.children();
                    }
                }
            }
            // no word starts here: the character alone, worth ln(1)
            route[k] = best.unwrap_or((0.0 - self.log_total + route[k + 1].0, k));
        }
        let mut x = 0;
        let mut letters: Option<usize> = None; // where the pending ASCII letters and digits start
        while x < n {
            let y = route[x].1 + 1;
            if y - x == 1 && bytes[bounds[x]].is_ascii_alphanumeric() {
                letters.get_or_insert(bounds[x]);
            } else {
                if let Some(start) = letters.take() {
                    out.push(&run[start..bounds[x]]);
                }
                out.push(&run[bounds[x]..bounds[y]]);
            }
            x = y;
        }
        if let Some(start) = letters {
            out.push(&run[start..]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(text: &str) -> Dictionary {
        Dictionary::from_dict_txt(text.as_bytes()).unwrap()
    }

    #[test]
    fn reads_dict_txt_as_gen_pfdict() {
        let d = dict("北京大学 20 nt\n北京 100 ns\n  大学 30\r\nAT&T 3 nz\n北京 7 ns\n\x0b\x0c人民 5\t\x0b\n");
        assert_eq!(d.total(), 165);
        assert_eq!(d.len(), 5);
        assert_eq!(d.get("人民"), Some(5)); // bytes.strip() strips \x0b and \x0c too
        assert_eq!(d.get("北京"), Some(7)); // the last line of a word wins
        assert_eq!(d.get("北京大"), Some(0)); // a proper prefix
        assert_eq!(d.get("北"), Some(0));
        assert_eq!(d.get("AT&T"), Some(3));
        assert_eq!(d.get("AT&"), Some(0));
        assert_eq!(d.get("京"), None);
        assert_eq!(d.get("北京大学生"), None);
        assert_eq!(d.get(""), None);
        assert!(d.heap_bytes() > 0 && !d.is_empty());
        // a word whose second character is U+0000 makes its first character no word
        let d = dict("甲\0 1000000\n乙 1000000\n甲乙 1\n");
        assert_eq!(d.get("甲"), Some(0));
        assert_eq!(d.cut("甲乙"), ["甲乙"]);
    }

    #[test]
    fn refuses_what_jieba_refuses() {
        for bad in [
            "北京\n",
            "北京 100\n\n大学 3\n",
            "北京 100\n\n",
            "\n",
            "北京 3\n\n\n",
            "北京  100\n",
            "北京 1e3\n",
            "北京 -3\n",
            "\u{0}\n",
        ] {
            assert!(Dictionary::from_dict_txt(bad.as_bytes()).is_err(), "{bad:?}");
        }
        assert!(Dictionary::from_dict_txt(b"\xff\xfe 3\n").is_err());
        assert!(Dictionary::from_dict_txt(b"").is_err()); // total 0
        assert!(Dictionary::from_dict_txt(b"a 0\n").is_err());
        assert!(Dictionary::from_dict_txt(b"a 99999999999\n").is_err());
        assert_eq!(dict("a +3 x").get("a"), Some(3));
    }

    #[test]
    fn run_characters_are_re_han_default() {
        for c in ['一', '\u{9fd5}', 'a', 'Z', '0', '9', '+', '#', '&', '.', '_', '%', '-'] {
            assert!(is_run_char(c), "{c}");
        }
        for c in ['\u{9fd6}', '\u{4dff}', '，', ' ', '/', '@', 'é', 'Ａ', '１', '〇', '\u{20000}'] {
            assert!(!is_run_char(c), "{c}");
        }
    }

    #[test]
    fn outside_runs_one_character_at_a_time_but_crlf() {
        let d = dict("我们 5\n");
        assert_eq!(d.cut(""), Vec::<&str>::new());
        assert_eq!(
            d.cut(" \r\n\r\r\n\n，！ \u{3000}😀"),
            [" ", "\r\n", "\r", "\r\n", "\n", "，", "！", " ", "\u{3000}", "😀"]
        );
        assert_eq!(d.cut("\r我们\n"), ["\r", "我们", "\n"]);
    }

    #[test]
    fn ascii_letters_and_digits_join_unless_a_word() {
        let d = dict("iPhone 10\n我们 50\nc# 3\n");
        assert_eq!(d.cut("ab12我们x"), ["ab12", "我们", "x"]);
        assert_eq!(d.cut("xiPhone7"), ["x", "iPhone", "7"]);
        assert_eq!(d.cut("a+b-c"), ["a", "+", "b", "-", "c"]);
        assert_eq!(d.cut("c#1.5%"), ["c#", "1", ".", "5", "%"]);
        assert_eq!(d.cut("C#"), ["C", "#"]);
    }

    #[test]
    fn route_of_maximum_probability() {
        // 研究/生命 (10 * 10) beats 研究生/命 (5 * 1, an unknown character worth 1)
        let d = dict("研究 10\n研究生 5\n生命 10\n起源 10\n");
        assert_eq!(d.cut("研究生命起源"), ["研究", "生命", "起源"]);
        let d = dict("研究 10\n研究生 500\n生命 10\n命 1\n");
        assert_eq!(d.cut("研究生命"), ["研究生", "命"]);
    }

    #[test]
    fn a_tie_goes_to_the_longer_word() {
        // 甲乙 (ln 1 - ln 3) beats 甲 then 乙 (twice that)
        let d = dict("甲乙 1\n甲 1\n乙 1\n丙 0\n");
        assert_eq!(d.cut("甲乙"), ["甲乙"]);
        // 丙, a key worth 0, and 丁, no key, are words of their own, worth ln(1)
        assert_eq!(d.cut("丙丁"), ["丙", "丁"]);
        // 甲 + 乙丙 and 甲乙 + 丙 sum the same two doubles: the longer first word wins
        let d = dict("甲 2\n甲乙 2\n乙丙 2\n丙 2\n");
        assert_eq!(d.cut("甲乙丙"), ["甲乙", "丙"]);
    }

    use crate::test_rng::Rng;

    #[test]
    fn random_texts_do_not_panic_and_cover_the_text() {
        let d = dict("我们 50\n北京 100\n北京大学 20\n大学 30\niPhone 3\nc# 3\n学生 40\n生 2\n");
        let alphabet: Vec<char> =
            "我们北京大学生iPhonec#+-._%&0129 \r\n\t，。😀\u{3000}é\u{9fd5}\u{9fd6}\0".chars().collect();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let len = rng.below(40);
            let text: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
            let words = d.cut(&text);
            assert_eq!(words.concat(), text);
            assert!(words.iter().all(|w| !w.is_empty()));
        }
    }

    use oracle::SortedDictionary;

    /// Every key of the words (each word and each proper prefix), then a few that are none.
    fn keys_of(words: &[String]) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for w in words {
            let chars: Vec<char> = w.chars().collect();
            keys.extend((1..=chars.len()).map(|i| chars[..i].iter().collect::<String>()));
            keys.push(format!("{w}{w}"));
            keys.push(chars.iter().rev().collect());
        }
        keys.push(String::new());
        keys
    }

    /// The trie gives the old binary searches' answers: `get` of every key and more, and the cut.
    fn assert_same_as_oracle(d: &Dictionary, o: &SortedDictionary, keys: &[String], texts: &[String]) {
        for key in keys {
            assert_eq!(d.get(key), o.get(key), "{key:?}");
        }
        for text in texts {
            assert_eq!(d.cut(text), o.cut(text), "{text:?}");
        }
    }

    #[test]
    fn trie_cuts_as_the_binary_search_did_on_random_dictionaries() {
        // few characters, so that words share prefixes, routes tie, and keys are long; some
        // outside runs (a word holding one is never cut out of a run, but `get` finds it)
        let alphabet: Vec<char> = "甲乙丙丁戊ab1-.\u{9fd5}\u{9fd6}γ \u{0}😀".chars().collect();
        let mut rng = Rng(0x005e_ed0f_7e1e);
        for round in 0..3_000 {
            let mut lines = String::new();
            let mut words = Vec::new();
            let count = 1 + rng.below(if round % 10 == 0 { 300 } else { 25 });
            for _ in 0..count {
                let longest = if rng.below(8) == 0 { 12 } else { 4 };
                let len = 1 + rng.below(longest);
                let word: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
                if word.trim() != word || word.contains(' ') {
                    continue;
                }
                // frequencies 0, equal ones (ties) and a wide range
                let freq = [0, 1, 2, 3, 1 + rng.below(1_000_000)][rng.below(5)];
                lines.push_str(&format!("{word} {freq}\n"));
                words.push(word);
            }
            let (Ok(d), Ok(o)) =
                (Dictionary::from_dict_txt(lines.as_bytes()), SortedDictionary::from_dict_txt(lines.as_bytes()))
            else {
                continue; // a total of 0: both refuse
            };
            let texts: Vec<String> =
                (0..20).map(|_| (0..rng.below(40)).map(|_| alphabet[rng.below(alphabet.len())]).collect()).collect();
            assert_same_as_oracle(&d, &o, &keys_of(&words), &texts);
        }
    }

    /// jieba's `dict.txt`: `$JIEBA_DICT`, else in the repository's or CI's virtual environment.
    fn jieba_dict() -> Option<Vec<u8>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut paths: Vec<std::path::PathBuf> = std::env::var_os("JIEBA_DICT").map(Into::into).into_iter().collect();
        for venv in [".venv", ".ci-venv"] {
            let lib = root.join(venv).join("lib");
            for entry in std::fs::read_dir(lib).into_iter().flatten().flatten() {
                paths.push(entry.path().join("site-packages/jieba/dict.txt"));
            }
        }
        paths.iter().find_map(|p| std::fs::read(p).ok())
    }

    #[test]
    fn trie_cuts_as_the_binary_search_did_on_jiebas_dictionary() {
        let Some(data) = jieba_dict() else {
            eprintln!("skipped: no jieba dict.txt (set JIEBA_DICT)");
            return;
        };
        let (d, o) = (Dictionary::from_dict_txt(&data).unwrap(), SortedDictionary::from_dict_txt(&data).unwrap());
        let text = std::str::from_utf8(&data).unwrap();
        let words: Vec<String> = text.lines().map(|l| l.split(' ').next().unwrap_or_default().to_string()).collect();
        assert_eq!(d.len(), o.len());
        // random texts: dictionary words, their prefixes, run characters and the rest
        let noise: Vec<char> = "abcXYZ019+#&._%-，。 \r\n\t😀é\u{3000}\u{9fd6}".chars().collect();
        let mut rng = Rng(20261203);
        let mut texts: Vec<String> = (0..20_000)
            .map(|_| {
                let mut t = String::new();
                let pieces = rng.below(30);
                for _ in 0..pieces {
                    match rng.below(10) {
                        0..=5 => t.push_str(&words[rng.below(words.len())]),
                        6 => t.extend(words[rng.below(words.len())].chars().take(2)),
                        7 => t.push(char::from_u32(0x4e00 + rng.below(0x51d6) as u32).unwrap_or('一')),
                        _ => t.push(noise[rng.below(noise.len())]),
                    }
                }
                t
            })
            .collect();
        // the dev corpus's pages, where present (beside the repository, as CI has it)
        let dev = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dev");
        let mut pages = 0;
        for entry in std::fs::read_dir(&dev).into_iter().flatten().flatten() {
            if let Ok(page) = std::fs::read(entry.path()) {
                texts.extend(String::from_utf8_lossy(&page).lines().map(str::to_string));
                pages += 1;
            }
        }
        eprintln!("{} texts, {pages} dev files", texts.len());
        let mut keys = keys_of(&words[..words.len().min(400_000)]);
        keys.truncate(2_000_000);
        assert_same_as_oracle(&d, &o, &keys, &texts);
    }

    #[test]
    fn random_dictionaries_do_not_panic() {
        let alphabet: Vec<char> = "甲乙丙丁ab1".chars().collect();
        let mut rng = Rng(12345);
        for _ in 0..2_000 {
            let mut lines = String::new();
            for _ in 0..1 + rng.below(12) {
                let word: String = (0..1 + rng.below(4)).map(|_| alphabet[rng.below(alphabet.len())]).collect();
                lines.push_str(&format!("{word} {}\n", 1 + rng.below(1000)));
            }
            let d = dict(&lines);
            let text: String = (0..rng.below(30)).map(|_| alphabet[rng.below(alphabet.len())]).collect();
            assert_eq!(d.cut(&text).concat(), text);
        }
    }
}
