//! Stage 1's byte scans (`cleantext/decode.py`): what the detection reads of the raw bytes, and
//! what the pipeline reads of a UTF-8 page's text without making a Python `str` of it.

use crate::pystr;

/// Python's `text[start:text.find(needle, start, start + limit)]` (character offsets) for a
/// `needle` that is not empty: the text from character `start` up to the first `needle` that
/// lies wholly within `limit` characters of it; `None` when there is none.
///
/// ```
/// use _core::decode::until;
/// assert_eq!(until("<script>{\"新\": 1}</script>", 8, "</script", 100), Some("{\"新\": 1}"));
/// assert_eq!(until("<script>{\"新\": 1}</script>", 8, "</script", 10), None);
/// ```
pub fn until<'t>(text: &'t str, start: usize, needle: &str, limit: usize) -> Option<&'t str> {
    let rest = &text[pystr::prefix_len(text.as_bytes(), start)..];
    let at = rest.find(needle)?; // (the first in the window, if the first of all ends within it)
    (pystr::len(&rest.as_bytes()[..at + needle.len()]) <= limit).then(|| &rest[..at])
}

/// How many characters of the UTF-8 `text` are control characters or U+FFFD: the ASCII controls
/// but tab, line feed, vertical tab, form feed, carriage return and escape (`0x00`–`0x08`,
/// `0x0E`–`0x1A`, `0x1C`–`0x1F`, `0x7F`), and replacement characters; what
/// `cleantext/sniff.py`'s `looks_binary` counts in a page's first characters (`_CONTROL`'s
/// matches). Bytes are read as they are: no check that they are UTF-8 is needed for a count.
///
/// ```
/// assert_eq!(_core::decode::controls("新闻\u{0}\u{1}\n\u{FFFD}\u{7F}\t\u{1B}".as_bytes()), 4);
/// ```
pub fn controls(text: &[u8]) -> usize {
    let ascii: usize = text.chunks(pystr::CHUNK).map(ascii_controls).sum();
    ascii + replacements(text)
}

/// The ASCII controls [`controls`] counts among `bytes` (at most [`pystr::CHUNK`]: counted in a
/// `u8`, without branches, which the compiler turns into a vector loop).
fn ascii_controls(bytes: &[u8]) -> usize {
    let control = |b: u8| (b < 0x20) & (b.wrapping_sub(0x09) > 0x04) & (b != 0x1B) | (b == 0x7F);
    usize::from(bytes.iter().fold(0u8, |n, &b| n.wrapping_add(u8::from(control(b)))))
}

/// How many U+FFFD (replacement characters) the UTF-8 `text` holds (its bytes `EF BF BD`, which
/// spell nothing else in UTF-8: no check of the text needed).
///
/// ```
/// assert_eq!(_core::decode::replacements("a\u{FFFD}\u{FFFD}b\u{FFFD}".as_bytes()), 3);
/// ```
pub fn replacements(text: &[u8]) -> usize {
    memchr::memmem::find_iter(text, "\u{FFFD}".as_bytes()).count()
}

/// Bytes in runs of two or more UTF-8 encoded CJK characters (U+3000–U+9FFF: a lead byte
/// `E3`–`E9`, two continuation bytes), found left to right without overlap, each run as long as
/// it goes: the total length of `re.findall(rb"(?:[\xe3-\xe9][\x80-\xbf]{2}){2,}", window)`.
pub fn utf8_cjk_run_bytes(window: &[u8]) -> usize {
    let is_unit = |at: usize| {
        matches!(window.get(at), Some(0xE3..=0xE9))
            && matches!(window.get(at + 1), Some(0x80..=0xBF))
            && matches!(window.get(at + 2), Some(0x80..=0xBF))
    };
    let (mut total, mut at) = (0, 0);
    // (no run starts at a byte that is no lead byte: those are skipped, 16 at a time)
    while let Some(lead) = next_cjk_lead(window, at) {
        let mut end = lead;
        while is_unit(end) {
            end += 3;
        }
        at = match end - lead {
            0 => lead + 1,
            3 => end, // a lone character: its last two bytes lead nothing
            run => {
                total += run;
                end
            }
        };
    }
    total
}

/// The first byte at or after `from` that may lead a UTF-8 CJK character (`E3`–`E9`).
fn next_cjk_lead(window: &[u8], from: usize) -> Option<usize> {
    let is_lead = |b: u8| b.wrapping_sub(0xE3) < 7;
    let rest = window.get(from..)?;
    if rest.first().is_some_and(|&b| is_lead(b)) {
        return Some(from); // (in Chinese text, the usual case)
    }
    let mut chunks = rest.chunks_exact(16);
    let mut base = from;
    for chunk in chunks.by_ref() {
        // (without branches: a vector compare)
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(is_lead(b))) != 0 {
            return chunk.iter().position(|&b| is_lead(b)).map(|i| base + i);
        }
        base += 16;
    }
    chunks.remainder().iter().position(|&b| is_lead(b)).map(|i| base + i)
}

/// [`utf8_cjk_run_bytes`] a byte at a time (the oracle of the tests).
#[cfg(test)]
fn utf8_cjk_run_bytes_one_by_one(window: &[u8]) -> usize {
    let is_unit = |at: usize| {
        matches!(window.get(at), Some(0xE3..=0xE9))
            && matches!(window.get(at + 1), Some(0x80..=0xBF))
            && matches!(window.get(at + 2), Some(0x80..=0xBF))
    };
    let (mut total, mut at) = (0, 0);
    while at < window.len() {
        let mut end = at;
        while is_unit(end) {
            end += 3;
        }
        if end - at >= 6 {
            total += end - at;
            at = end;
        } else {
            at += 1;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regex, by backtracking as Python's `re` does.
    fn oracle(window: &[u8]) -> usize {
        let unit = |at: usize| {
            at + 2 < window.len()
                && (0xE3..=0xE9).contains(&window[at])
                && (0x80..=0xBF).contains(&window[at + 1])
                && (0x80..=0xBF).contains(&window[at + 2])
        };
        let (mut total, mut at) = (0, 0);
        while at < window.len() {
            let mut n = 0;
            while unit(at + 3 * n) {
                n += 1;
            }
            if n >= 2 {
                total += 3 * n;
                at += 3 * n;
            } else {
                at += 1;
            }
        }
        total
    }

    #[test]
    fn prefixes_as_python_slices() {
        let short = "a新\u{1F600}闻";
        let long = short.repeat(40) + &"x".repeat(70) + &"新".repeat(50);
        for text in [short, &long] {
            let n_chars = text.chars().count();
            for n in 0..n_chars + 3 {
                let python = text.chars().take(n).collect::<String>();
                assert_eq!(&text[..pystr::prefix_len(text.as_bytes(), n)], python, "{n}");
            }
        }
        assert_eq!(pystr::prefix_len(b"", 3), 0);
    }

    #[test]
    fn until_as_python_find() {
        let text = "ab</s新</s".repeat(30);
        let text = text.as_str();
        // (start, limit) -> Python's text[start:text.find("</s", start, start + limit)] or None
        let python = |start: usize, limit: usize| -> Option<String> {
            let chars: Vec<char> = text.chars().collect();
            let (from, to) = (start.min(chars.len()), (start + limit).min(chars.len()));
            let window: String = chars[from..to].iter().collect();
            window.find("</s").map(|at| window[..at].to_string())
        };
        for start in (0..12).chain(130..140).chain(265..275) {
            for limit in (0..12).chain(300..302) {
                assert_eq!(
                    until(text, start, "</s", limit).map(str::to_string),
                    python(start, limit),
                    "{start} {limit}"
                );
            }
        }
    }

    #[test]
    fn replacement_characters_counted() {
        assert_eq!(replacements("新\u{FFFD}闻\u{FFFD}".as_bytes()), 2);
        assert_eq!(replacements("新闻".as_bytes()), 0);
        assert_eq!(replacements("\u{FFFD}\u{FFFD}\u{FFFD}".as_bytes()), 3);
    }

    #[test]
    fn controls_as_the_pattern_finds_them() {
        // `_CONTROL` of cleantext/sniff.py: [\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd], on texts of
        // every ASCII character, U+FFFD and its neighbours, in random order and length (past the
        // 64-byte chunks counted at a time, and past 255 of one kind, what a chunk's counter holds)
        let pattern =
            |c: char| matches!(c, '\0'..='\u{8}' | '\u{E}'..='\u{1A}' | '\u{1C}'..='\u{1F}' | '\u{7F}' | '\u{FFFD}');
        let alphabet: Vec<char> =
            (0..128u8).map(char::from).chain(['\u{FFFD}', '\u{FFFC}', '\u{FFFE}', '新', '\u{80}']).collect();
        let mut rng = crate::test_rng::Rng(11);
        for _ in 0..5_000 {
            let len = rng.below(700);
            let text: String = (0..len).map(|_| alphabet[rng.below(alphabet.len())]).collect();
            assert_eq!(controls(text.as_bytes()), text.chars().filter(|&c| pattern(c)).count(), "{text:?}");
        }
        assert_eq!(controls("\u{0}".repeat(1000).as_bytes()), 1000);
        assert_eq!(controls("\t\n\u{B}\u{C}\r\u{1B} a新".repeat(100).as_bytes()), 0);
    }

    #[test]
    fn runs_of_two_or_more() {
        assert_eq!(utf8_cjk_run_bytes("新闻".as_bytes()), 6);
        assert_eq!(utf8_cjk_run_bytes("新a闻".as_bytes()), 0);
        assert_eq!(utf8_cjk_run_bytes("<p>新闻报道</p>新".as_bytes()), 12);
        assert_eq!(utf8_cjk_run_bytes(b""), 0);
        assert_eq!(utf8_cjk_run_bytes(&[0xE3, 0x80]), 0);
    }

    #[test]
    fn random_bytes_as_the_regex_finds_them() {
        let alphabet = [0xE3, 0xE9, 0xEA, 0xE2, 0x80, 0xBF, 0xC0, 0x7F, b'a'];
        let mut seed = 3u64;
        for _ in 0..50_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = (seed >> 59) as usize;
            let window: Vec<u8> = (0..len).map(|i| alphabet[((seed >> (i * 3 % 57)) % 9) as usize]).collect();
            assert_eq!(utf8_cjk_run_bytes(&window), oracle(&window), "{window:x?}");
        }
    }

    #[test]
    fn long_random_windows_as_one_byte_at_a_time() {
        let pieces: &[&[u8]] = &[
            b"a",
            b"<div class=\"x\">",
            b"0123456789abcdefghij",
            "新".as_bytes(),
            "新闻报道".as_bytes(),
            "。".as_bytes(),
            "é".as_bytes(),
            "\u{2000}".as_bytes(),
            "𠀀".as_bytes(),
            b"\xe3",
            b"\xe9\x80",
            b"\xea\x80\x80",
            b"\x80",
            b"\xbf\xbf",
        ];
        let mut rng = crate::test_rng::Rng(29);
        for _ in 0..20_000 {
            let mut window = Vec::new();
            for _ in 0..rng.below(40) {
                if rng.below(5) == 0 {
                    window.push(rng.below(256) as u8);
                } else {
                    window.extend_from_slice(pieces[rng.below(pieces.len())]);
                }
            }
            let want = utf8_cjk_run_bytes_one_by_one(&window);
            assert_eq!(want, oracle(&window), "{window:x?}");
            assert_eq!(utf8_cjk_run_bytes(&window), want, "{window:x?}");
            for from in [1, 7, 15, 16, 17] {
                let tail = window.get(from..).unwrap_or_default();
                assert_eq!(utf8_cjk_run_bytes(tail), utf8_cjk_run_bytes_one_by_one(tail), "{tail:x?}");
            }
        }
        // every byte as a lead, at each offset of a chunk
        for lead in 0..=255u8 {
            for pad in 0..33 {
                let window = [b"x".repeat(pad), vec![lead, 0x80, 0xBF, lead, 0xBF, 0x80, lead, 0x80]].concat();
                assert_eq!(utf8_cjk_run_bytes(&window), utf8_cjk_run_bytes_one_by_one(&window), "{window:x?}");
            }
        }
    }
}
