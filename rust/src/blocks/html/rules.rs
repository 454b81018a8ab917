//! The walk's rules on names and attribute values: which elements break blocks, which are
//! skipped, hidden, and the short texts read from attributes and text nodes
//! (`blocks/html.py` and `blocks/layout.py`, character for character).

use crate::blocks::text::is_decimal;
use crate::blocks::whitespace::{is_py_space, py_strip};

/// The block element named `tag`, as a static name (`None` if it is not one): the elements whose
/// start or end closes the current block (`BLOCK_TAGS` in `tests/html_walk_oracle.py`), matched at
/// once (a list searched in turn cost 51 comparisons an inline element).
pub fn block_tag(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "address" => "address",
        "article" => "article",
        "aside" => "aside",
        "blockquote" => "blockquote",
        "body" => "body",
        "center" => "center",
        "dd" => "dd",
        "details" => "details",
        "dialog" => "dialog",
        "dir" => "dir",
        "div" => "div",
        "dl" => "dl",
        "dt" => "dt",
        "fieldset" => "fieldset",
        "figcaption" => "figcaption",
        "figure" => "figure",
        "footer" => "footer",
        "form" => "form",
        "frame" => "frame",
        "frameset" => "frameset",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "h5" => "h5",
        "h6" => "h6",
        "header" => "header",
        "hgroup" => "hgroup",
        "hr" => "hr",
        "html" => "html",
        "legend" => "legend",
        "li" => "li",
        "main" => "main",
        "marquee" => "marquee",
        "menu" => "menu",
        "nav" => "nav",
        "noframes" => "noframes",
        "ol" => "ol",
        "p" => "p",
        "pre" => "pre",
        "section" => "section",
        "summary" => "summary",
        "table" => "table",
        "tbody" => "tbody",
        "td" => "td",
        "tfoot" => "tfoot",
        "th" => "th",
        "thead" => "thead",
        "tr" => "tr",
        "ul" => "ul",
        "caption" => "caption",
        _ => return None,
    })
}

/// Elements whose content never becomes text (`SKIP_TAGS`).
pub fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "audio"
            | "video"
            | "select"
            | "option"
            | "button"
            | "textarea"
            | "input"
            | "map"
            | "area"
    )
}

/// Elements a piece of a huge page may end inside (`depth.REOPENABLE`).
pub fn is_reopenable(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dd"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "section"
            | "summary"
            | "ul"
    )
}

/// Elements the layout records (`layout.STRUCTURE_TAGS`).
pub fn is_structure(tag: &str) -> bool {
    matches!(
        tag,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "table"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "blockquote"
            | "figure"
            | "figcaption"
    )
}

/// The kind of a block whose (label) tag is `tag` (`_KIND`), `None` for a paragraph.
pub fn kind_of(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "heading",
        "li" | "dt" | "dd" => "list-item",
        "td" | "th" => "table-cell",
        "pre" => "preformatted",
        "blockquote" => "quote",
        _ => return None,
    })
}

/// Characters of `hints` at most (`_HINT_LIMIT`).
const HINT_LIMIT: usize = 120;

/// `_hints`: the class and id, stripped, lower-cased, cut to [`HINT_LIMIT`] characters.
pub fn hints(class: Option<&str>, id: Option<&str>) -> String {
    let mut out = String::new();
    hints_into(&mut out, class, id);
    out
}

/// [`hints`] written into `out` (emptied first; its room is kept from element to element).
pub fn hints_into(out: &mut String, class: Option<&str>, id: Option<&str>) {
    out.clear();
    let (class, id) = (class.unwrap_or(""), id.unwrap_or(""));
    if class.is_empty() && id.is_empty() {
        return;
    }
    if class.is_ascii() && id.is_ascii() {
        // ASCII: lower case byte for byte, a character a byte
        out.push_str(class);
        out.push(' ');
        out.push_str(id);
        let stripped = py_strip(out);
        let (start, len) = (stripped.as_ptr() as usize - out.as_ptr() as usize, stripped.len().min(HINT_LIMIT));
        out.truncate(start + len);
        out.drain(..start);
        out.make_ascii_lowercase();
        return;
    }
    let joined = format!("{class} {id}");
    let lower = py_strip(&joined).to_lowercase();
    match lower.char_indices().nth(HINT_LIMIT) {
        Some((at, _)) => out.push_str(&lower[..at]),
        None => out.push_str(&lower),
    }
}

/// A character as `re.IGNORECASE` compares it with the ASCII letters of the hidden-style pattern:
/// its ASCII lower case, and the four non-ASCII letters Python's `re` folds onto them.
fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{130}' | '\u{131}' => 'i',
        '\u{17f}' => 's',
        '\u{212a}' => 'k',
        _ => c,
    }
}

/// `_HIDDEN_STYLE.search(style[:500])`: `display\s*:\s*none|visibility\s*:\s*hidden`, any case.
pub fn hidden_style(style: &str) -> bool {
    if style.is_ascii() {
        return hidden_ascii_style(&style.as_bytes()[..style.len().min(500)]);
    }
    hidden_any_style(style)
}

/// [`hidden_style`] of an ASCII style (its first 500 characters), read as bytes: every match
/// holds a colon, so the colons are found and the words around each compared.
fn hidden_ascii_style(style: &[u8]) -> bool {
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | 0x1c..=b' ');
    let ends = |end: usize, word: &[u8]| {
        end.checked_sub(word.len())
            .and_then(|start| style.get(start..end))
            .is_some_and(|s| s.eq_ignore_ascii_case(word))
    };
    let starts =
        |start: usize, word: &[u8]| style.get(start..start + word.len()).is_some_and(|s| s.eq_ignore_ascii_case(word));
    memchr::memchr_iter(b':', style).any(|colon| {
        let mut name_end = colon;
        while name_end > 0 && space(style[name_end - 1]) {
            name_end -= 1;
        }
        let mut value = colon + 1;
        while value < style.len() && space(style[value]) {
            value += 1;
        }
        (ends(name_end, b"display") && starts(value, b"none"))
            || (ends(name_end, b"visibility") && starts(value, b"hidden"))
    })
}

/// [`hidden_style`] of any style (its first 500 characters): the colons found, and the words
/// around each compared character by character, [`fold`]ed.
fn hidden_any_style(style: &str) -> bool {
    let style = match style.char_indices().nth(500) {
        Some((end, _)) => &style[..end],
        None => style,
    };
    let ends = |end: usize, word: &str| {
        let mut chars = style[..end].chars().rev();
        word.chars().rev().all(|w| chars.next().map(fold) == Some(w))
    };
    let starts = |start: usize, word: &str| {
        let mut chars = style[start..].chars();
        word.chars().all(|w| chars.next().map(fold) == Some(w))
    };
    // (a `:` byte is a colon: no other character holds one; nor does any fold to it)
    memchr::memchr_iter(b':', style.as_bytes()).any(|colon| {
        let name_end = style[..colon].trim_end_matches(is_py_space).len();
        let after = &style[colon + 1..];
        let value = style.len() - after.trim_start_matches(is_py_space).len();
        (ends(name_end, "display") && starts(value, "none"))
            || (ends(name_end, "visibility") && starts(value, "hidden"))
    })
}

/// [`hidden_style`] as it was first written: every character a place a match may start.
#[cfg(test)]
fn hidden_style_by_chars(style: &str) -> bool {
    let chars: Vec<char> = style.chars().take(500).map(fold).collect();
    let at = |i: usize, word: &str| word.chars().enumerate().all(|(k, w)| chars.get(i + k) == Some(&w));
    let spaces = |mut i: usize| {
        while chars.get(i).is_some_and(|&c| is_py_space(c)) {
            i += 1;
        }
        i
    };
    (0..chars.len()).any(|i| {
        [("display", "none"), ("visibility", "hidden")].iter().any(|(name, value)| {
            if !at(i, name) {
                return false;
            }
            let colon = spaces(i + name.chars().count());
            chars.get(colon) == Some(&':') && at(spaces(colon + 1), value)
        })
    })
}

/// `_ADDRESS.fullmatch(text)`: `https?://` and four or more characters, none a space, `<`,
/// `>`, `"` or `'`.
pub fn is_address(text: &str) -> bool {
    let rest = text.strip_prefix("http").map(|r| r.strip_prefix('s').unwrap_or(r));
    let Some(rest) = rest.and_then(|r| r.strip_prefix("://")) else { return false };
    rest.chars().count() >= 4 && rest.chars().all(|c| !is_py_space(c) && !matches!(c, '<' | '>' | '"' | '\''))
}

/// A character `_ANCHOR` takes: not a space, `&`, `<`, `>`, `"`, `'` (nor NBSP, a space).
fn anchor_char(c: char) -> bool {
    !is_py_space(c) && !matches!(c, '&' | '<' | '>' | '"' | '\'')
}

/// The ASCII characters [`anchor_char`] takes (no byte of 0x80 and above).
const ASCII_ANCHOR: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        table[b] = !is_py_space(c) && !matches!(c, '&' | '<' | '>' | '"' | '\'');
        b += 1;
    }
    table
};

/// The character of `text` at byte `at` (a character boundary) and whether [`anchor_char`]
/// takes it: an ASCII one told by a table.
fn anchor_at(text: &str, at: usize) -> Option<(usize, bool)> {
    let b = *text.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((1, ASCII_ANCHOR[usize::from(b)]));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c.len_utf8(), anchor_char(c)))
}

/// The matches of `_ANCHOR` (`[^\s&<>"'\xa0]{2,12}`) in `text`, as `findall` gives them.
pub fn anchors(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0; // the text before this is read
    std::iter::from_fn(move || loop {
        // the next anchor character, then up to twelve of them
        let start = loop {
            let (width, takes) = anchor_at(text, at)?;
            if takes {
                break at;
            }
            at += width;
        };
        let mut n = 0;
        while n < 12 {
            match anchor_at(text, at) {
                Some((width, true)) => at += width,
                _ => break,
            }
            n += 1;
        }
        if n >= 2 {
            return text.get(start..at);
        }
    })
}

/// [`anchors`] as it was first written, char by char (the tests' reference).
#[cfg(test)]
fn anchors_by_chars(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let start = rest.find(anchor_char)?;
        let tail = &rest[start..];
        let mut end = 0;
        let mut n = 0;
        for (i, c) in tail.char_indices() {
            if !anchor_char(c) || n == 12 {
                break;
            }
            n += 1;
            end = i + c.len_utf8();
        }
        rest = &tail[end..];
        if n >= 2 {
            return Some(&tail[..end]);
        }
    })
}

/// The last match of [`anchors`] in the last `within` characters of `text`, read backwards
/// from its end: the last run of anchor characters longer than one decides it (cut in twelves
/// from its start, a remainder of one character dropped), so no other is read.
pub fn last_anchor(text: &str, within: usize) -> Option<&str> {
    let mut chars = text.char_indices().rev().take(within).peekable();
    loop {
        let (last, c) = loop {
            let (i, c) = chars.next()?;
            if anchor_char(c) {
                break (i, c);
            }
        };
        let run_end = last + c.len_utf8();
        // where the run's last 13 characters start, from its end; and its length
        let mut starts = [last; 13];
        let mut n = 1;
        while let Some(&(i, c)) = chars.peek() {
            if !anchor_char(c) {
                break;
            }
            chars.next();
            if let Some(slot) = starts.get_mut(n) {
                *slot = i;
            }
            n += 1;
        }
        if n == 1 {
            continue;
        }
        // the run's last piece: twelve characters, or the remainder (but one, which is dropped)
        let (first, after) = match n % 12 {
            0 => (starts[11], run_end),
            1 => (starts[12], starts[0]),
            r => (starts[r - 1], run_end),
        };
        return text.get(first..after);
    }
}

/// Colspan/rowspan values above this are read as 1 (`layout._SPAN_LIMIT`).
const SPAN_LIMIT: u32 = 1000;

/// The value of a decimal digit (`is_decimal`): the runs are ten digits from zero, one of them
/// five tens (the mathematical digits).
fn digit_value(c: char) -> Option<u32> {
    if !is_decimal(c) {
        return None;
    }
    let mut zero = c as u32;
    while zero > 0 && char::from_u32(zero - 1).is_some_and(is_decimal) {
        zero -= 1;
    }
    Some((c as u32 - zero) % 10)
}

/// `layout._span`: a `colspan`/`rowspan` value as a count of cells, 1 when absent or odd. (A
/// value of digits that are not decimal, `²` say, made Python's `int` raise; here it is odd.)
pub fn span(value: Option<&str>) -> u32 {
    let Some(value) = value.map(py_strip).filter(|v| !v.is_empty()) else { return 1 };
    let mut n: u32 = 0;
    for c in value.chars().take(6) {
        match digit_value(c) {
            Some(d) => n = n * 10 + d,
            None => return 1,
        }
    }
    if value.chars().skip(6).any(|c| digit_value(c).is_none()) {
        return 1;
    }
    if (1..=SPAN_LIMIT).contains(&n) {
        n
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The block elements, as the oracle lists them: [`block_tag`]'s reference.
    const BLOCK_TAGS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "marquee",
        "menu",
        "nav",
        "noframes",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
    ];

    #[test]
    fn block_tags_are_matched() {
        for &tag in BLOCK_TAGS {
            assert_eq!(block_tag(tag), Some(tag));
        }
        for tag in ["span", "a", "b", "img", "br", "DIV", "", "divx", "h7", "tfooter"] {
            assert_eq!(block_tag(tag), None);
        }
    }

    #[test]
    fn hidden_ascii_styles_are_read_as_any() {
        let parts =
            ["display", "DiSpLaY", "visibility", "VISIBILITY", ":", " ", "\t", "\x1c", "none", "NONE", "hidden"];
        let more = ["x", ";", "displa", "isibility", "hidde", "non", "\u{17f}", "\u{130}", "\u{212a}", "\u{a0}"];
        let mut rng = crate::test_rng::Rng(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let mut style = String::new();
            for _ in 0..rng.below(9) {
                let k = rng.below(parts.len() + more.len());
                style.push_str(if k < parts.len() { parts[k] } else { more[k - parts.len()] });
            }
            assert_eq!(hidden_style(&style), hidden_style_by_chars(&style), "{style:?}");
            assert_eq!(hidden_any_style(&style), hidden_style_by_chars(&style), "{style:?}");
        }
        let long = format!("{}display:none", "x".repeat(488));
        assert!(hidden_style(&long) && !hidden_style(&format!("x{long}")));
        assert_eq!(hidden_style(&format!("x{long}")), hidden_style_by_chars(&format!("x{long}")));
        for long in [format!("{}display:none", "字".repeat(488)), format!("{}display : none", "字".repeat(486))] {
            for cut in 0..4 {
                let style = format!("{}{long}", "x".repeat(cut));
                assert_eq!(hidden_style(&style), hidden_style_by_chars(&style), "{cut}");
                assert_eq!(hidden_style(&style), cut == 0, "{cut}"); // past 500 characters: not read
            }
        }
    }

    #[test]
    fn ascii_hints_are_read_as_any() {
        for (class, id) in [
            (Some(" Nav  Main "), Some("X ")),
            (Some(""), Some(" ID")),
            (Some("\x1cA\t"), None),
            (Some(&*"Ab ".repeat(50)), Some("Z")),
            (Some(&*"a".repeat(119)), Some("B")),
            (Some(&*"a".repeat(120)), Some("B")),
            (Some(" "), Some(" ")),
        ] {
            let want = {
                let joined = format!("{} {}", class.unwrap_or(""), id.unwrap_or(""));
                let lower = py_strip(&joined).to_lowercase();
                lower.chars().take(HINT_LIMIT).collect::<String>()
            };
            assert_eq!(hints(class, id), want, "{class:?} {id:?}");
        }
    }

    #[test]
    fn hidden_styles() {
        assert!(hidden_style("color:red; DISPLAY : none"));
        assert!(hidden_style("visibility:\u{1c}hidden"));
        assert!(hidden_style("dı\u{17f}play:none"));
        assert!(!hidden_style("display:block"));
        assert!(!hidden_style(&format!("{}display:none", "x".repeat(495))));
    }

    #[test]
    fn anchors_like_findall() {
        let found: Vec<&str> = anchors("a bc 新闻&amp; 0123456789abcdef x").collect();
        assert_eq!(found, ["bc", "新闻", "amp;", "0123456789ab", "cdef"]);
        assert_eq!(anchors("a b").next(), None);
        let long = "y".repeat(13);
        let run: Vec<&str> = anchors(&long).collect();
        assert_eq!(run, ["yyyyyyyyyyyy"]);
    }

    #[test]
    fn last_anchor_is_the_last_of_the_tail() {
        let pieces =
            ["a", "字", "b", " ", "&", "\u{a0}", "'", "\u{3000}", "。", "xyz", "\u{1F600}", "<", "\u{1c}", "\u{85}"];
        let mut rng = crate::test_rng::Rng(0x6A09_E667_F3BC_C908);
        for _ in 0..50_000 {
            let text: String = (0..rng.below(40)).map(|_| pieces[rng.below(pieces.len())]).collect();
            for within in [0, 1, 2, 5, 12, 13, 14, 25, 64, 1000] {
                let tail = match text.char_indices().rev().nth(within.max(1) - 1) {
                    Some((i, _)) if within > 0 => &text[i..],
                    _ if within == 0 => "",
                    _ => &text,
                };
                assert_eq!(last_anchor(&text, within), anchors(tail).last(), "{text:?} {within}");
            }
            assert_eq!(anchors(&text).collect::<Vec<_>>(), anchors_by_chars(&text).collect::<Vec<_>>(), "{text:?}");
        }
        assert_eq!(last_anchor(&"字".repeat(13), 64), Some(&*"字".repeat(12)));
        assert_eq!(last_anchor(&"字".repeat(25), 64), Some(&*"字".repeat(12)));
        assert_eq!(last_anchor(&"字".repeat(26), 64), Some(&*"字".repeat(2)));
    }

    #[test]
    fn addresses_and_hints_and_spans() {
        assert!(is_address("https://a.cn/x"));
        assert!(!is_address("http://a b"));
        assert!(!is_address("http://abc"));
        assert_eq!(hints(Some(" Nav Main "), Some("X")), "nav main  x");
        assert_eq!(hints(None, Some("")), "");
        assert_eq!(hints(Some(&"A".repeat(200)), None).len(), 120);
        assert_eq!(
            (span(Some(" 2 ")), span(None), span(Some("x")), span(Some("0")), span(Some("99999"))),
            (2, 1, 1, 1, 1)
        );
        assert_eq!(span(Some("\u{663}")), 3);
        assert_eq!(span(Some("0000012")), 1);
    }
}
