//! jieba's accurate mode without HMM (`jieba.Tokenizer.cut(text, HMM=False)`, jieba 0.42), for
//! the close calls of `cleantext/pipeline.py` (`features.resegment`).
//!
//! The dictionary is jieba's own `dict.txt` (one `word frequency [tag]` a line), read as
//! `Tokenizer.gen_pfdict` reads it: a word listed twice keeps its last frequency, and every line
//! counts towards the total. jieba then keys a dict by every word and every proper prefix of a
//! word (prefixes worth 0); here the words sit sorted in one buffer, and "is `frag` a key" is
//! "does some word begin with `frag`": the words beginning with a fragment's first character
//! are found in a table by character, those beginning with its first two by a binary search
//! over that character's distinct second characters, and longer fragments by binary search in
//! the range of words that begin with the fragment one character shorter. (A trie of
//! characters in a hash table cut no faster and took longer to build.)
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

/// jieba's dictionary: the distinct words of `dict.txt`, sorted (bytewise, which is code point
/// order), with their frequencies.
#[derive(Debug)]
pub struct Dictionary {
    /// Every word's UTF-8, in order.
    words: Vec<u8>,
    /// `ends[i]` is where word `i` ends in `words` (it starts at `ends[i - 1]`, or 0).
    ends: Vec<u32>,
    freqs: Vec<u32>,
    /// For each character a run may hold (`run_slot`), its range in `pairs`.
    first: Vec<(u32, u32)>,
    /// The words' distinct first two characters, in order: (`second(c)` of the second character,
    /// or 0 for a word of one, which comes first; the first word beginning so), then
    /// `(u32::MAX, len)`.
    /// The words of `pairs[j]` are `pairs[j].1..pairs[j + 1].1`.
    pairs: Vec<(u32, u32)>,
    total: u64,
    /// `ln(total)`, as jieba's `calc` computes it.
    log_total: f64,
}

/// The buffers of one run's cut, kept for the next run.
#[derive(Default)]
struct Scratch {
    bounds: Vec<usize>,
    route: Vec<(f64, usize)>,
}

/// Whether `c` belongs to jieba's `re_han_default` class: `[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]`.
pub fn is_run_char(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fd5}' | 'a'..='z' | 'A'..='Z' | '0'..='9' | '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// The CJK characters of `re_han_default`.
const CJK: std::ops::RangeInclusive<char> = '\u{4e00}'..='\u{9fd5}';

/// Where `c`, a character of a run, has its slot in `Dictionary::first`: ASCII, then CJK.
fn run_slot(c: char) -> usize {
    if c.is_ascii() {
        c as usize
    } else {
        128 + (c as usize - *CJK.start() as usize)
    }
}

/// A second character in `Dictionary::pairs`: above 0, which stands for none.
fn second(c: char) -> u32 {
    u32::from(c) + 1
}

/// Up to four bytes as a number that orders as the bytes do: zero-padded, then by length.
fn short_key(bytes: &[u8]) -> u64 {
    let mut key = 0u64;
    for i in 0..4 {
        key = key << 8 | u64::from(bytes.get(i).copied().unwrap_or(0));
    }
    key << 8 | bytes.len() as u64
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

/// `Dictionary::first` and `Dictionary::pairs`, built from the words in order.
struct PairIndex {
    first: Vec<(u32, u32)>,
    pairs: Vec<(u32, u32)>,
    /// The first character of the words so far, and where its pairs start.
    group: Option<(char, usize)>,
    last: Option<(char, u32)>,
}

impl PairIndex {
    fn new() -> PairIndex {
        PairIndex { first: vec![(0, 0); 128 + CJK.count()], pairs: Vec::new(), group: None, last: None }
    }

    /// Word `index`, which follows the words added before in order (indexes below 2^32).
    fn add(&mut self, index: usize, word: &str) {
        let mut chars = word.chars();
        let Some(c1) = chars.next() else {
            return; // never: a word is not empty
        };
        let c2 = chars.next().map_or(0, second);
        if self.group.map(|(c, _)| c) != Some(c1) {
            self.close_group();
            self.group = Some((c1, self.pairs.len()));
        }
        if self.last != Some((c1, c2)) {
            self.pairs.push((c2, index as u32));
            self.last = Some((c1, c2));
        }
    }

    fn close_group(&mut self) {
        if let Some((c, start)) = self.group.filter(|&(c, _)| is_run_char(c)) {
            self.first[run_slot(c)] = (start as u32, self.pairs.len() as u32);
        }
    }

    /// `[first, pairs]`, given the number of words.
    fn finish(mut self, len: usize) -> [Vec<(u32, u32)>; 2] {
        self.close_group();
        self.pairs.push((u32::MAX, len as u32));
        self.pairs.shrink_to_fit();
        [self.first, self.pairs]
    }
}

impl Dictionary {
    /// The dictionary of a `dict.txt` file's bytes; an error names the first line jieba would
    /// refuse (no frequency, not UTF-8) or that this reader cannot hold (a frequency that is
    /// not a plain non-negative number below 2^32), or says the total is 0.
    pub fn from_dict_txt(data: &[u8]) -> Result<Dictionary, String> {
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
        // sorted, a repeated word's lines in file order (the sort is stable)
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let size = entries.iter().map(|e| e.0.len()).sum();
        let mut words = Vec::with_capacity(size);
        let mut ends = Vec::with_capacity(entries.len());
        let mut freqs: Vec<u32> = Vec::with_capacity(entries.len());
        let mut index = PairIndex::new();
        for (i, &(word, freq)) in entries.iter().enumerate() {
            if entries.get(i + 1).is_some_and(|next| next.0 == word) {
                continue; // a later line of the same word wins
            }
            index.add(ends.len(), word);
            words.extend_from_slice(word.as_bytes());
            ends.push(u32::try_from(words.len()).map_err(|_| "the dictionary is over 4 GB".to_string())?);
            freqs.push(freq);
        }
        let [first, pairs] = index.finish(ends.len());
        // `math.log` of an int: the int rounded to the nearest double, then `log`
        let log_total = (total as f64).ln();
        Ok(Dictionary { words, ends, freqs, first, pairs, total, log_total })
    }

    /// The number of distinct words.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the dictionary has no word (never true of one built by `from_dict_txt`).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The sum of the frequencies of every line.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Bytes held (the words, their ends and frequencies).
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity()
            + 4 * (self.ends.capacity() + self.freqs.capacity())
            + 8 * (self.first.capacity() + self.pairs.capacity())
    }

    fn word(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.words[start..self.ends[i] as usize]
    }

    /// The first index in `range` where `pred` turns false (`pred` true then false over it).
    fn partition(&self, range: Range<usize>, pred: impl Fn(&[u8]) -> bool) -> usize {
        let (mut lo, mut hi) = (range.start, range.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.word(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The words beginning with `frag`, given `within`, a range of words holding all of them.
    fn narrow(&self, within: Range<usize>, frag: &[u8]) -> Range<usize> {
        let start = self.partition(within.clone(), |w| w < frag);
        let end = self.partition(start..within.end, |w| w.starts_with(frag));
        start..end
    }

    /// The words beginning with `prefix` and then `c` (one character's bytes), given `within`,
    /// the range of words beginning with `prefix` (`depth` bytes long).
    fn extend(&self, within: Range<usize>, depth: usize, c: &[u8]) -> Range<usize> {
        // beyond the prefix, a word orders against `c` as its next (up to) `c.len()` bytes do
        let key = |w: &[u8]| short_key(&w[depth..w.len().min(depth + c.len())]);
        let target = short_key(c);
        let start = self.partition(within.clone(), |w| key(w) < target);
        // usually few words begin with `prefix` and `c`: gallop
        let matches = |i: usize| key(self.word(i)) == target;
        if start == within.end || !matches(start) {
            return start..start;
        }
        let mut reach = 1;
        while start + reach < within.end && matches(start + reach) {
            reach *= 2;
        }
        let end = self.partition(start + reach / 2 + 1..within.end.min(start + reach), |w| key(w) == target);
        start..end
    }

    /// jieba's `FREQ.get(key)`: the frequency of a word, 0 for a proper prefix of a word that is
    /// not one itself, `None` for anything else.
    pub fn get(&self, key: &str) -> Option<u32> {
        let key = key.as_bytes();
        let found = self.narrow(0..self.len(), key);
        if found.is_empty() || key.is_empty() {
            return None;
        }
        Some(if self.word(found.start) == key { self.freqs[found.start] } else { 0 })
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
        let Scratch { bounds, route } = scratch;
        // where each character starts, then the run's end
        bounds.clear();
        bounds.extend(run.char_indices().map(|(i, _)| i).chain([run.len()]));
        let n = bounds.len() - 1;
        let bytes = run.as_bytes();
        // route[k]: the best log probability of run[k..] and the last character of its first word
        route.clear();
        route.resize(n + 1, (0.0, 0));
        for k in (0..n).rev() {
            let mut best: Option<(f64, usize)> = None;
            // word `w` of the dictionary is run[k..=i]: a candidate if its frequency is not 0
            let mut consider = |i: usize, w: usize| {
                let freq = self.freqs[w];
                if freq > 0 {
                    let logp = f64::from(freq).ln() - self.log_total + route[i + 1].0;
                    // max() over (logp, i) tuples with i rising: a tie goes to the later i
                    match best {
                        Some((b, _)) if logp < b => {}
                        _ => best = Some((logp, i)),
                    }
                }
            };
            let (start, end) = self.first[run[bounds[k]..].chars().next().map_or(0, run_slot)];
            let pairs = &self.pairs[start as usize..end as usize];
            if pairs.first().is_some_and(|p| p.0 == 0) {
                consider(k, pairs[0].1 as usize); // the character is a word
            }
            if k + 1 < n {
                let c = run[bounds[k + 1]..].chars().next().map_or(0, second);
                let j = pairs.partition_point(|p| p.0 < c);
                if pairs.get(j).is_some_and(|p| p.0 == c) {
                    let j = start as usize + j;
                    let mut within = self.pairs[j].1 as usize..self.pairs[j + 1].1 as usize;
                    if self.word(within.start) == &bytes[bounds[k]..bounds[k + 2]] {
                        consider(k + 1, within.start);
                    }
                    for i in k + 2..n {
                        within = self.extend(within, bounds[i] - bounds[k], &bytes[bounds[i]..bounds[i + 1]]);
                        if within.is_empty() {
                            break;
                        }
                        if self.word(within.start) == &bytes[bounds[k]..bounds[i + 1]] {
                            consider(i, within.start);
                        }
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
