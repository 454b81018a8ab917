//! Whitespace as Python sees it, and the block text's normalisation (`blocks/whitespace.py`).
//!
//! The Python stages split on `str.isspace()` and match `\s` (the same set); Rust's
//! `char::is_whitespace` differs from it (it lacks U+001C..U+001F), so the set is spelled out.

/// `str.isspace()` of Python (3.11, Unicode 14): also what `re`'s `\s` matches in `str` patterns.
pub const fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// The characters `collapse` turns into one space: `str.isspace()`, and the zero-width space
/// and BOM (what `collapsed_at` reads from the bytes; the tests check it on every character).
#[cfg(test)]
fn is_collapsed(c: char) -> bool {
    is_py_space(c) || c == '\u{200b}' || c == '\u{feff}'
}

/// The Chinese characters and punctuation between which a line break is source formatting
/// (`_HAN` of `whitespace.py`).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// `text.strip()` of Python.
pub fn py_strip(text: &str) -> &str {
    text.trim_matches(is_py_space)
}

/// The number of characters (code points) of `text`, as Python's `len` ([`crate::pystr::len`]:
/// one pass over the bytes).
pub fn char_len(text: &str) -> usize {
    crate::pystr::len(text.as_bytes())
}

/// True if `text` is non-empty and all whitespace (`str.isspace()`).
pub fn is_all_space(text: &str) -> bool {
    // ASCII bytes told by a table, the rest by character from the first other byte
    let bytes = text.as_bytes();
    let ascii = bytes.iter().position(|&b| !ASCII_SPACE[usize::from(b)]).unwrap_or(bytes.len());
    !text.is_empty() && (ascii == bytes.len() || (bytes[ascii] >= 0x80 && text[ascii..].chars().all(is_py_space)))
}

/// The ASCII bytes [`is_py_space`] takes (no byte of 0x80 and above).
const ASCII_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = is_py_space(b as u8 as char);
        b += 1;
    }
    table
};

/// Runs of whitespace (with NBSP, ideographic space, ZWSP, BOM) -> one space, ends stripped; a
/// line break between two Chinese characters vanishes. Python's `collapse`, character for
/// character.
pub fn collapse(text: &str) -> String {
    let joined;
    let text = if text.contains('\n') {
        joined = remove_broken_lines(text);
        joined.as_str()
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let (mut i, mut word) = (0, None); // `word`: where the word being read starts
    while i < bytes.len() {
        if !MAY_COLLAPSE[usize::from(bytes[i])] {
            // a run of bytes that start no collapsed character: part of the word
            word.get_or_insert(i);
            i += bytes[i..].iter().position(|&b| MAY_COLLAPSE[usize::from(b)]).unwrap_or(bytes.len() - i);
            continue;
        }
        let width = collapsed_at(bytes, i);
        if width == 0 {
            word.get_or_insert(i);
            i += 1; // a byte that starts no collapsed character (a continuation byte never does)
            continue;
        }
        if let Some(start) = word.take() {
            push_word(&mut out, &text[start..i]);
        }
        i += width;
    }
    if let Some(start) = word {
        push_word(&mut out, &text[start..]);
    }
    out
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// The bytes a character `collapse` turns into a space may start with (those [`collapsed_at`]
/// reads further): ASCII whitespace and 0xC2, 0xE1, 0xE2, 0xE3, 0xEF.
const MAY_COLLAPSE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b, 0x09..=0x0D | 0x1C..=0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF);
        b += 1;
    }
    table
};

/// The length in bytes of the character at `i` if `collapse` turns it into a space (`str.isspace()`,
/// the zero-width space and BOM), else 0; read from the bytes, as every such character but ASCII's starts
/// with 0xC2, 0xE1, 0xE2, 0xE3 or 0xEF (Han characters are passed over at a glance).
fn collapsed_at(bytes: &[u8], i: usize) -> usize {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        0x09..=0x0D | 0x1C..=0x20 => 1,
        0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3, // U+1680
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF) => 3, // U+2000..200B, 2028, 2029, 202F
        0xE2 if at(1) == 0x81 && at(2) == 0x9F => 3,                                     // U+205F
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,                                     // U+3000
        0xEF if at(1) == 0xBB && at(2) == 0xBF => 3,                                     // U+FEFF
        _ => 0,
    }
}

/// `_BROKEN_LINE.sub("", text)`: `(?<=[HAN])[ \t\r]*\n\s*(?=[HAN])` removed. The greedy `\s*`
/// gives back characters until one of HAN follows; U+3000 is both, so the match may end
/// before an ideographic space of the run.
///
/// A match holds a line break: it starts where the run of `[ \t\r]` before its first one
/// starts (none of them is HAN), so only the line breaks are looked at, and the text between
/// the matches is copied whole.
fn remove_broken_lines(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // the text before this is in `out`, or removed
    for newline in memchr::memchr_iter(b'\n', bytes) {
        if newline < copied {
            continue; // inside the last match
        }
        let mut start = newline;
        while start > 0 && matches!(bytes[start - 1], b' ' | b'\t' | b'\r') {
            start -= 1;
        }
        if !text[..start].chars().next_back().is_some_and(is_han) {
            continue;
        }
        if let Some(end) = broken_line_end(text, newline) {
            out.push_str(&text[copied..start]);
            copied = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The end (a byte offset) of the `\s*(?=[HAN])` after the line break at byte `newline`, if
/// any: the longest run of whitespace followed by a HAN character.
fn broken_line_end(text: &str, newline: usize) -> Option<usize> {
    let after = newline + 1;
    let rest = &text[after..];
    let mut end = after + rest.find(|c| !is_py_space(c)).unwrap_or(rest.len());
    loop {
        if text[end..].chars().next().is_some_and(is_han) {
            return Some(end);
        }
        end -= text[after..end].chars().next_back()?.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `_BROKEN_LINE.sub("", text)` as it was first written: tried at every character.
    fn remove_broken_lines_by_chars(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            if i > 0 && is_han(chars[i - 1]) {
                if let Some(end) = broken_line_at(&chars, i) {
                    i = end;
                    continue;
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        out
    }

    /// The end of a `[ \t\r]*\n\s*(?=[HAN])` match at `i`, if any.
    fn broken_line_at(chars: &[char], i: usize) -> Option<usize> {
        let mut j = i;
        while j < chars.len() && matches!(chars[j], ' ' | '\t' | '\r') {
            j += 1;
        }
        if chars.get(j) != Some(&'\n') {
            return None;
        }
        let after_newline = j + 1;
        let mut k = after_newline;
        while k < chars.len() && is_py_space(chars[k]) {
            k += 1;
        }
        // Backtrack from the longest run to the first position followed by a HAN character.
        (after_newline..=k).rev().find(|&end| chars.get(end).is_some_and(|&c| is_han(c)))
    }

    #[test]
    fn broken_lines_are_found_from_the_line_breaks() {
        let pieces = ["字", "a", " ", "\t", "\r", "\n", "\u{3000}", "\u{a0}", "。", "\u{85}", "\u{2029}"];
        for text in random_texts(&pieces, 11, 50_000, 14) {
            assert_eq!(remove_broken_lines(&text), remove_broken_lines_by_chars(&text), "{text:?}");
        }
    }

    /// `count` seeded texts of up to `max_pieces - 1` of `pieces` each (the same texts every run).
    fn random_texts<'a>(
        pieces: &'a [&str],
        seed: u64,
        count: usize,
        max_pieces: usize,
    ) -> impl Iterator<Item = String> + 'a {
        let mut rng = crate::test_rng::Rng(seed);
        (0..count).map(move |_| (0..rng.below(max_pieces)).map(|_| pieces[rng.below(pieces.len())]).collect())
    }

    #[test]
    fn spaces_are_pythons() {
        for c in ['\u{1c}', '\u{1f}', '\u{85}', '\u{a0}', '\u{3000}', '\u{2028}', '\u{b}'] {
            assert!(is_py_space(c), "{c:?}");
        }
        for c in ['\u{200b}', '\u{feff}', 'a', '\u{180e}', '\u{1b}'] {
            assert!(!is_py_space(c), "{c:?}");
        }
    }

    #[test]
    fn collapse_like_python() {
        assert_eq!(collapse("  今天\u{3000}\u{3000}下雨 \n了 "), "今天 下雨了");
        assert_eq!(collapse("a \u{200b}\u{feff}b\u{200b}"), "a b");
        assert_eq!(collapse("\u{200b}"), "");
        assert_eq!(collapse("今天\n\n  明天"), "今天明天");
        assert_eq!(collapse("今天 \n x"), "今天 x");
        // The ideographic space is both whitespace and HAN: the match stops before the last one.
        assert_eq!(collapse("今\n\u{3000}\u{3000}x"), "今 x");
        assert_eq!(collapse("今\u{3000}\n字"), "今 字");
        assert_eq!(collapse("a\r\nb"), "a b");
    }

    /// `collapse` as it was written first: split on [`is_collapsed`] characters.
    fn collapse_by_chars(text: &str) -> String {
        let text = if text.contains('\n') { remove_broken_lines(text) } else { text.to_string() };
        text.split(is_collapsed).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn collapse_reads_bytes_as_the_characters_read() {
        for cp in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            assert_eq!(collapsed_at(c.to_string().as_bytes(), 0) > 0, is_collapsed(c), "U+{cp:04X}");
            for text in [format!("{c}"), format!("a{c}字"), format!("字{c}{c} b{c}")] {
                assert_eq!(collapse(&text), collapse_by_chars(&text), "U+{cp:04X}");
            }
        }
        let pieces = [
            "字", "a", " ", "\u{3000}", "\n", "\u{200b}", "\u{feff}", "\u{a0}", "\u{85}", "、", "\u{2029}", "\t",
            "\u{1f}",
        ];
        for text in random_texts(&pieces, 7, 20_000, 12) {
            assert_eq!(collapse(&text), collapse_by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn all_space_is_every_character_a_space() {
        let pieces = [" ", "\t", "\u{1c}", "\u{85}", "\u{a0}", "\u{3000}", "\u{200b}", "a", "字", "\u{180e}", "\n"];
        for text in random_texts(&pieces, 5, 20_000, 8) {
            assert_eq!(is_all_space(&text), !text.is_empty() && text.chars().all(is_py_space), "{text:?}");
        }
        for b in 0..128u8 {
            let text = (b as char).to_string();
            assert_eq!(is_all_space(&text), is_py_space(b as char), "{b}");
        }
    }

    #[test]
    fn strip_and_len() {
        assert_eq!(py_strip("\u{1c} 新闻\u{3000}"), "新闻");
        assert_eq!(char_len("新闻ab"), 4);
        assert!(is_all_space(" \u{a0}\n"));
        assert!(!is_all_space(""));
        assert!(!is_all_space("\u{200b}"));
    }
}
