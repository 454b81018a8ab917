//! Whitespace as Python sees it, and the block text's normalisation (`blocks/whitespace.py`).
//!
//! The Python stages split on `str.isspace()` and match `\s` (the same set); Rust's
//! `char::is_whitespace` differs from it (it lacks U+001C..U+001F), so the set is spelled out.

/// `str.isspace()` of Python (3.11, Unicode 14): also what `re`'s `\s` matches in `str` patterns.
pub fn is_py_space(c: char) -> bool {
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
/// and BOM.
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

/// The number of characters (code points) of `text`, as Python's `len`.
pub fn char_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// True if `text` is non-empty and all whitespace (`str.isspace()`).
pub fn is_all_space(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_py_space)
}

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
    for word in text.split(is_collapsed).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `_BROKEN_LINE.sub("", text)`: `(?<=[HAN])[ \t\r]*\n\s*(?=[HAN])` removed. The greedy `\s*`
/// gives back characters until one of HAN follows; U+3000 is both, so the match may end
/// before an ideographic space of the run.
fn remove_broken_lines(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn strip_and_len() {
        assert_eq!(py_strip("\u{1c} 新闻\u{3000}"), "新闻");
        assert_eq!(char_len("新闻ab"), 4);
        assert!(is_all_space(" \u{a0}\n"));
        assert!(!is_all_space(""));
        assert!(!is_all_space("\u{200b}"));
    }
}
