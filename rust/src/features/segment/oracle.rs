//! The tests' oracle: the segmenter as it was before the trie (commit c1f715d), the words sorted
//! in one buffer and every lookup a binary search over them, `ln(freq)` computed per candidate.
//! It shares only the reading of `dict.txt` (`sorted_entries`) with [`super::Dictionary`].

use super::{is_run_char, run_slot, sorted_entries, CJK};
use std::ops::Range;

/// The distinct words of `dict.txt`, sorted (bytewise, which is code point order), with their
/// frequencies.
pub struct SortedDictionary {
    /// Every word's UTF-8, in order.
    words: Vec<u8>,
    /// `ends[i]` is where word `i` ends in `words` (it starts at `ends[i - 1]`, or 0).
    ends: Vec<u32>,
    freqs: Vec<u32>,
    /// For each character a run may hold (`run_slot`), its range in `pairs`.
    first: Vec<(u32, u32)>,
    /// The words' distinct first two characters, in order: (`second(c)` of the second character,
    /// or 0 for a word of one, which comes first; the first word beginning so), then
    /// `(u32::MAX, len)`. The words of `pairs[j]` are `pairs[j].1..pairs[j + 1].1`.
    pairs: Vec<(u32, u32)>,
    log_total: f64,
}

/// A second character in `SortedDictionary::pairs`: above 0, which stands for none.
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

/// `SortedDictionary::first` and `SortedDictionary::pairs`, built from the words in order.
struct PairIndex {
    first: Vec<(u32, u32)>,
    pairs: Vec<(u32, u32)>,
    group: Option<(char, usize)>,
    last: Option<(char, u32)>,
}

impl PairIndex {
    fn new() -> PairIndex {
        PairIndex { first: vec![(0, 0); 128 + CJK.count()], pairs: Vec::new(), group: None, last: None }
    }

    fn add(&mut self, index: usize, word: &str) {
        let mut chars = word.chars();
        let Some(c1) = chars.next() else {
            return;
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

    fn finish(mut self, len: usize) -> [Vec<(u32, u32)>; 2] {
        self.close_group();
        self.pairs.push((u32::MAX, len as u32));
        [self.first, self.pairs]
    }
}

impl SortedDictionary {
    pub fn from_dict_txt(data: &[u8]) -> Result<SortedDictionary, String> {
        let (entries, total) = sorted_entries(data)?;
        let mut words = Vec::new();
        let mut ends = Vec::new();
        let mut freqs = Vec::new();
        let mut index = PairIndex::new();
        for &(word, freq) in &entries {
            index.add(ends.len(), word);
            words.extend_from_slice(word.as_bytes());
            ends.push(words.len() as u32);
            freqs.push(freq);
        }
        let [first, pairs] = index.finish(ends.len());
        Ok(SortedDictionary { words, ends, freqs, first, pairs, log_total: (total as f64).ln() })
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    fn word(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.words[start..self.ends[i] as usize]
    }

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

    fn narrow(&self, within: Range<usize>, frag: &[u8]) -> Range<usize> {
        let start = self.partition(within.clone(), |w| w < frag);
        let end = self.partition(start..within.end, |w| w.starts_with(frag));
        start..end
    }

    fn extend(&self, within: Range<usize>, depth: usize, c: &[u8]) -> Range<usize> {
        let key = |w: &[u8]| short_key(&w[depth..w.len().min(depth + c.len())]);
        let target = short_key(c);
        let start = self.partition(within.clone(), |w| key(w) < target);
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

    /// jieba's `FREQ.get(key)`.
    pub fn get(&self, key: &str) -> Option<u32> {
        let key = key.as_bytes();
        let found = self.narrow(0..self.len(), key);
        if found.is_empty() || key.is_empty() {
            return None;
        }
        Some(if self.word(found.start) == key { self.freqs[found.start] } else { 0 })
    }

    /// `jieba.Tokenizer.cut(text, HMM=False)`.
    pub fn cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let (mut bounds, mut route) = (Vec::new(), Vec::new());
        let bytes = text.as_bytes();
        let mut pos = 0;
        while let Some(c) = text[pos..].chars().next() {
            if is_run_char(c) {
                let end = text[pos..].find(|c: char| !is_run_char(c)).map_or(text.len(), |i| pos + i);
                self.cut_run(&text[pos..end], &mut bounds, &mut route, &mut out);
                pos = end;
            } else if bytes[pos..].starts_with(b"\r\n") {
                out.push(&text[pos..pos + 2]);
                pos += 2;
            } else {
                out.push(&text[pos..pos + c.len_utf8()]);
                pos += c.len_utf8();
            }
        }
        out
    }

    fn cut_run<'a>(
        &self,
        run: &'a str,
        bounds: &mut Vec<usize>,
        route: &mut Vec<(f64, usize)>,
        out: &mut Vec<&'a str>,
    ) {
        bounds.clear();
        bounds.extend(run.char_indices().map(|(i, _)| i).chain([run.len()]));
        let n = bounds.len() - 1;
        let bytes = run.as_bytes();
        route.clear();
        route.resize(n + 1, (0.0, 0));
        for k in (0..n).rev() {
            let mut best: Option<(f64, usize)> = None;
            let mut consider = |i: usize, w: usize| {
                let freq = self.freqs[w];
                if freq > 0 {
                    let logp = f64::from(freq).ln() - self.log_total + route[i + 1].0;
                    match best {
                        Some((b, _)) if logp < b => {}
                        _ => best = Some((logp, i)),
                    }
                }
            };
            let (start, end) = self.first[run[bounds[k]..].chars().next().map_or(0, run_slot)];
            let pairs = &self.pairs[start as usize..end as usize];
            if pairs.first().is_some_and(|p| p.0 == 0) {
                consider(k, pairs[0].1 as usize);
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
            route[k] = best.unwrap_or((0.0 - self.log_total + route[k + 1].0, k));
        }
        let mut x = 0;
        let mut letters: Option<usize> = None;
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
