//! Code the article shows (`select._keep_code`, `_keep_dump_code`, `_code_gap`, `_code_line`) and
//! a line's code without its string literals and comment (`blocks/text_code.code_part`, which
//! text dumps' code runs use too, through `_core.code_part`).

use super::{Ctx, Verdicts, CONTINUES};
use crate::pystr::{code_points, is_space};
use crate::select::{Kind, Reason};

/// `_CODE_MAY_BE_KEPT`: the hard reasons a line of code may have and still be kept.
fn code_may_be_kept(hard: Option<Reason>) -> bool {
    matches!(hard, None | Some(Reason::NoHan))
}

/// The code points of `text` with their byte offsets.
fn points(text: &[u8]) -> Vec<(usize, u32)> {
    code_points(text).collect()
}

/// The byte offset of point `k` of `p` (the text's length past the last).
fn offset(p: &[(usize, u32)], k: usize, len: usize) -> usize {
    p.get(k).map_or(len, |&(at, _)| at)
}

/// `str.strip()`: the text without whitespace at either end.
pub fn strip(text: &[u8]) -> &[u8] {
    let p = points(text);
    let Some(first) = p.iter().position(|&(_, cp)| !is_space(cp)) else {
        return &text[..0];
    };
    let last = p.iter().rposition(|&(_, cp)| !is_space(cp)).unwrap_or(first);
    &text[p[first].0..offset(&p, last + 1, text.len())]
}

/// `_STRING.sub('""', line)` with `_STRING = "[^"]*"|'[^']*'`: each string literal emptied.
fn without_strings(line: &[u8]) -> Vec<u8> {
    let p = points(line);
    let mut out = Vec::with_capacity(line.len());
    let mut k = 0;
    while k < p.len() {
        let (at, cp) = p[k];
        if cp == u32::from(b'"') || cp == u32::from(b'\'') {
            if let Some(close) = p[k + 1..].iter().position(|&(_, c)| c == cp) {
                out.extend_from_slice(b"\"\"");
                k += close + 2;
                continue;
            }
        }
        out.extend_from_slice(&line[at..offset(&p, k + 1, line.len())]);
        k += 1;
    }
    out
}

/// Where a match of `_COMMENT` (`(?:^|(?<=\s))(?:#|//|--)(?:\s.*)?$|/\*.*$`, no flags) that
/// starts at point `k` of `c` ends, if one does: `.` is any point but `\n`, `$` the end or
/// right before a last `\n`.
fn comment_at(c: &[u32], k: usize) -> Option<usize> {
    let len = c.len();
    let dollar = |x: usize| x == len || (x + 1 == len && c[x] == u32::from(b'\n'));
    let line_end = |from: usize| (from..len).find(|&x| c[x] == u32::from(b'\n')).unwrap_or(len);
    let at = |x: usize, ch: u8| c.get(x) == Some(&u32::from(ch));
    if k == 0 || is_space(c[k - 1]) {
        let mark = if at(k, b'#') {
            Some(k + 1)
        } else if (at(k, b'/') && at(k + 1, b'/')) || (at(k, b'-') && at(k + 1, b'-')) {
            Some(k + 2)
        } else {
            None
        };
        if let Some(q) = mark {
            if q < len && is_space(c[q]) {
                let r = line_end(q + 1);
                if dollar(r) {
                    return Some(r);
                }
            }
            if dollar(q) {
                return Some(q);
            }
        }
    }
    if at(k, b'/') && at(k + 1, b'*') {
        let r = line_end(k + 2);
        if dollar(r) {
            return Some(r);
        }
    }
    None
}

/// `_COMMENT.sub("", line)`: the comment at the end of the line removed.
fn without_comment(line: &[u8]) -> Vec<u8> {
    let p = points(line);
    let c: Vec<u32> = p.iter().map(|&(_, cp)| cp).collect();
    let mut out = Vec::with_capacity(line.len());
    let mut k = 0;
    while k < c.len() {
        if let Some(end) = comment_at(&c, k) {
            k = end; // (every match is at least one point long)
            continue;
        }
        out.extend_from_slice(&line[p[k].0..offset(&p, k + 1, line.len())]);
        k += 1;
    }
    out
}

/// `text_code.code_part`: a line without its string literals (each left as `""`) and its
/// trailing comment (`#`, `//` or `--` at the start or after a space, `/*`), stripped.
///
/// ```
/// use _core::select::keep::code_part;
/// assert_eq!(code_part("s += r  # 累加".as_bytes()), b"s += r");
/// assert_eq!(code_part("print(\"你好\")  // 输出".as_bytes()), b"print(\"\")");
/// ```
pub fn code_part(line: &[u8]) -> Vec<u8> {
    strip(&without_comment(&without_strings(line))).to_vec()
}

/// `_HAN_CHAR`: `[\u3400-\u9fff\uf900-\ufaff]`.
fn is_han(cp: u32) -> bool {
    (0x3400..=0x9FFF).contains(&cp) || (0xF900..=0xFAFF).contains(&cp)
}

/// `_CODE_MARK`: `[=(){};._/$#<>:"'\-]`.
fn is_code_mark(b: u8) -> bool {
    b"=(){};._/$#<>:\"'-".contains(&b)
}

/// `_COMMAND.fullmatch(line)` with `_COMMAND = [a-z][a-z0-9]*(?: +[a-z0-9]+)+`: lower-case words
/// (pip install x).
fn command(line: &[u8]) -> bool {
    if !line.first().is_some_and(u8::is_ascii_lowercase) || line.last() == Some(&b' ') {
        return false;
    }
    let mut words = 0;
    for word in line.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        if !word.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
            return false;
        }
        words += 1;
    }
    words >= 2
}

/// `_PLACEHOLDER.fullmatch(line)` with `_PLACEHOLDER = \[[^\]]*\](?:\s*\[[^\]]*\])*`: a dump's
/// placeholders only ([image], [logo]).
fn placeholders(line: &[u8]) -> bool {
    let c: Vec<u32> = code_points(line).map(|(_, cp)| cp).collect();
    let (open, close) = (u32::from(b'['), u32::from(b']'));
    // one `[...]` from point `k`: where it ends
    let group = |k: usize| -> Option<usize> {
        if c.get(k) != Some(&open) {
            return None;
        }
        c[k + 1..].iter().position(|&cp| cp == close).map(|j| k + j + 2)
    };
    let Some(mut end) = group(0) else {
        return false;
    };
    loop {
        let mut k = end;
        while k < c.len() && is_space(c[k]) {
            k += 1;
        }
        match group(k) {
            Some(next) => end = next,
            None => return end == c.len(),
        }
    }
}

/// `select._code_line`: a line of code or a command: no Han (but in a comment or a string
/// literal), Latin letters, code marks or lower-case words; not a dump's placeholders
/// (`[image]`), nor a lone token without a call or assignment (a file name, a cut URL).
pub fn code_line(text: &[u8], han: usize, hard: Option<Reason>) -> bool {
    let stripped = strip(text);
    // what `code_part` leaves of a line without a Latin letter has none: no code (a line of
    // prose between kept ones is told so without reading its literals)
    if !code_may_be_kept(hard) || !stripped.iter().any(u8::is_ascii_alphabetic) {
        return false;
    }
    let part;
    let line = if han > 0 {
        // Han in a comment or a string literal only: the code around them is read
        part = code_part(stripped);
        if code_points(&part).any(|(_, cp)| is_han(cp)) {
            return false;
        }
        &part[..]
    } else {
        stripped
    };
    code_may_be_kept(hard)
        && line.iter().any(u8::is_ascii_alphabetic)
        && (line.iter().any(|&b| is_code_mark(b)) || command(line))
        && !placeholders(line)
        && line.iter().any(|&b| matches!(b, b' ' | b'(' | b'='))
}

/// `_CLOSER.fullmatch(text)` with `_CLOSER = \s*[)}\]][)}\];,]*\s*`: the closing brackets of a
/// block of code (}, });).
fn closer(text: &[u8]) -> bool {
    let c: Vec<u32> = code_points(text).map(|(_, cp)| cp).collect();
    let mut k = 0;
    while k < c.len() && is_space(c[k]) {
        k += 1;
    }
    let is = |cp: u32, set: &[u8]| u8::try_from(cp).is_ok_and(|b| set.contains(&b));
    if !c.get(k).is_some_and(|&cp| is(cp, b")}]")) {
        return false;
    }
    k += 1;
    while k < c.len() && is(c[k], b")}];,") {
        k += 1;
    }
    c[k..].iter().all(|&cp| is_space(cp))
}

/// `select._code_gap`: every line of `gap` is code, or closes brackets (`}`, `});`) after code.
pub(super) fn code_gap(cx: &Ctx, gap: std::ops::Range<usize>) -> bool {
    let mut code = false;
    for k in gap {
        let text = &cx.blocks[k].text;
        if code_line(text, cx.feats[k].han, cx.hard[k]) {
            code = true;
        } else if !(code_may_be_kept(cx.hard[k]) && closer(text)) {
            return false;
        }
    }
    code
}

/// `select._keep_code`: preformatted blocks (`<pre>`: code, commands, verse) inside the
/// article's element or a post are part of it, Han characters or not.
pub(super) fn keep_code(cx: &Ctx, in_span: &[bool], v: &mut Verdicts) {
    for (i, &inside) in in_span.iter().enumerate().take(cx.n) {
        if inside && !v.kept[i] && cx.blocks[i].kind() == Kind::Preformatted && code_may_be_kept(cx.hard[i]) {
            v.keep(i);
        }
    }
}

/// `select._keep_dump_code`: in a text dump, lines without Han characters that read as code are
/// kept when they fill the whole gap between two kept blocks.
pub(super) fn keep_dump_code(cx: &Ctx, v: &mut Verdicts) {
    let mut prev: Option<usize> = None;
    for i in 0..cx.n {
        if !v.kept[i] {
            continue;
        }
        if let Some(p) = prev {
            if p + 1 < i && code_gap(cx, p + 1..i) {
                for k in p + 1..i {
                    v.kept[k] = true;
                    v.reasons[k] = CONTINUES.to_vec();
                }
            }
        }
        prev = Some(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(line: &str) -> String {
        String::from_utf8(code_part(line.as_bytes())).unwrap()
    }

    #[test]
    fn code_parts() {
        assert_eq!(part("s += r  # 累加"), "s += r");
        assert_eq!(part("print(\"你好\")  // 输出"), "print(\"\")");
        for (line, want) in [
            ("", ""),
            ("   ", ""),
            ("#", ""),
            ("# 注释", ""),
            ("#注释", "#注释"), // a mark needs a space after it (or the end)
            ("x = 1 #", "x = 1"),
            ("x = 1#", "x = 1#"), // no space before it
            ("x = 1\t-- 注释", "x = 1"),
            ("a--b", "a--b"),
            ("a -- b", "a"),
            ("a --b", "a --b"),
            ("url = http://x.cn/a", "url = http://x.cn/a"),
            ("y = 2 // 注释", "y = 2"),
            ("y = 2 /* 注释", "y = 2"),
            ("y = 2/* 注释 */", "y = 2"),
            ("a /* b\nc", "a /* b\nc"), // `.` stops at a line break that is not the last
            ("a /* b\n", "a"),
            ("a # b\nc", "a # b\nc"), // `.` stops at the break, which is not the last
            ("a #b\nc", "a #b\nc"),
            ("a #\n", "a"),
            ("a #\nb", "a"),                        // `\s.*`: the space after the mark may be the break
            ("s = 'x' + \"y\"", "s = \"\" + \"\""), // each literal left as `""`
            ("s = \"it's\"", "s = \"\""),
            ("s = 'a", "s = 'a"), // unclosed: no literal
            ("s = \"a # b\" # c", "s = \"\""),
            ("f('#') # 注", "f(\"\")"),
            ("\u{3000}x = 1\u{3000}", "x = 1"),
            ("x = 1 \u{3000}# 注释", "x = 1"), // U+3000 is whitespace to Python
            ("#!/bin/sh", "#!/bin/sh"),
            ("-- 全部", ""),
            ("a\u{85}# b", "a"),
        ] {
            assert_eq!(part(line), want, "{line:?}");
        }
    }

    #[test]
    fn lone_surrogates_pass_through() {
        let line = b"x = \xed\xa0\x80 # \xed\xb0\x80";
        assert_eq!(code_part(line), b"x = \xed\xa0\x80");
        assert_eq!(code_part(b"'\xed\xa0\x80'"), b"\"\"");
    }

    fn line(text: &str, han: usize, hard: Option<Reason>) -> bool {
        code_line(text.as_bytes(), han, hard)
    }

    #[test]
    fn code_lines() {
        let no_han = Some(Reason::NoHan);
        let got: Vec<bool> = ["pip install requests", "x = f(1)", "[a]  [b]", "logo_120x60.png"]
            .iter()
            .map(|t| line(t, 0, no_han))
            .collect();
        assert_eq!(got, [true, true, false, false]);
        let got: Vec<bool> =
            ["s += r  # 累加", "print(\"你好\")", "# 累加", "更新 x = 1"].iter().map(|t| line(t, 2, None)).collect();
        assert_eq!(got, [true, true, false, false]);
        for (text, want) in [
            ("", false),
            ("   ", false),
            ("x=1", true),
            ("f(x)", true),
            ("ls -la", true),
            ("ls", false),             // a lone token
            ("npm i", true),           // a command: lower-case words
            ("Npm i", false),          // capitalised: no command, no mark
            ("npm  i2  x", true),      // words apart by several spaces
            ("npm i\tx", false),       // a tab is no command's space, and no mark
            ("hello world", true),     // (a command to the pattern)
            ("Hello World", false),    // no mark, no command
            ("Hello World.", true),    // a dot is a mark
            ("[image]", false),        // a placeholder
            ("[image] [logo]", false), // placeholders
            ("[a] x = 1", true),       // more than placeholders
            ("[a]x", false),           // no space, bracket or `=`
            ("[a] [b", false),         // no placeholders, but no code mark either
            ("(1, 2)", false),         // no Latin letter
            ("}", false),
            ("a.b", false), // a lone token
            ("  x = 1  ", true),
            ("ｘ = 1", false), // a full-width letter is no Latin one
        ] {
            assert_eq!(line(text, 0, None), want, "{text:?}");
        }
        assert!(!line("x = 1", 0, Some(Reason::Nav)));
        assert!(!line("x = 1", 0, Some(Reason::Duplicate)));
        assert!(line("x = 1", 0, Some(Reason::NoHan)));
        assert!(line("x = 1 # 累", 1, None));
        assert!(!line("x = 累", 1, None));
        assert!(!line("x = \u{f900}", 1, None)); // a compatibility ideograph is Han
        assert!(line("x = \u{f900}", 0, None)); // (Han uncounted: the line is read as it is)
    }

    /// `_code_line` on many lines, as the Python twin judged them (text, Han count, hard reason).
    #[test]
    fn code_lines_as_python_judges_them() {
        let cases: &[(&str, usize, Option<Reason>, bool)] = &[
            ("pip install requests", 0, None, true),
            ("pip install requests", 0, Some(Reason::NoHan), true),
            ("pip install requests", 0, Some(Reason::Duplicate), false),
            ("x = f(1)", 0, None, true),
            ("x = f(1)", 0, Some(Reason::NoHan), true),
            ("x = f(1)", 0, Some(Reason::Duplicate), false),
            ("[a]  [b]", 0, None, false),
            ("[a]  [b]", 0, Some(Reason::NoHan), false),
            ("[a]  [b]", 0, Some(Reason::Duplicate), false),
            ("logo_120x60.png", 0, None, false),
            ("logo_120x60.png", 0, Some(Reason::NoHan), false),
            ("logo_120x60.png", 0, Some(Reason::Duplicate), false),
            ("s += r  # 累加", 2, None, true),
            ("s += r  # 累加", 2, Some(Reason::NoHan), true),
            ("s += r  # 累加", 2, Some(Reason::Duplicate), false),
            ("s += r  # 累加", 0, None, true),
            ("print(\"你好\")", 2, None, true),
            ("print(\"你好\")", 2, Some(Reason::NoHan), true),
            ("print(\"你好\")", 2, Some(Reason::Duplicate), false),
            ("print(\"你好\")", 0, None, true),
            ("# 累加", 2, None, false),
            ("# 累加", 2, Some(Reason::NoHan), false),
            ("# 累加", 2, Some(Reason::Duplicate), false),
            ("# 累加", 0, None, false),
            ("更新 x = 1", 2, None, false),
            ("更新 x = 1", 2, Some(Reason::NoHan), false),
            ("更新 x = 1", 2, Some(Reason::Duplicate), false),
            ("更新 x = 1", 0, None, true),
            ("", 0, None, false),
            ("", 0, Some(Reason::NoHan), false),
            ("", 0, Some(Reason::Duplicate), false),
            (" ", 0, None, false),
            (" ", 0, Some(Reason::NoHan), false),
            (" ", 0, Some(Reason::Duplicate), false),
            ("int main(void) {", 0, None, true),
            ("int main(void) {", 0, Some(Reason::NoHan), true),
            ("int main(void) {", 0, Some(Reason::Duplicate), false),
            ("return 0;", 0, None, true),
            ("return 0;", 0, Some(Reason::NoHan), true),
            ("return 0;", 0, Some(Reason::Duplicate), false),
            ("}", 0, None, false),
            ("}", 0, Some(Reason::NoHan), false),
            ("}", 0, Some(Reason::Duplicate), false),
            ("});", 0, None, false),
            ("});", 0, Some(Reason::NoHan), false),
            ("});", 0, Some(Reason::Duplicate), false),
            ("[image]", 0, None, false),
            ("[image]", 0, Some(Reason::NoHan), false),
            ("[image]", 0, Some(Reason::Duplicate), false),
            ("$ ls -la", 0, None, true),
            ("$ ls -la", 0, Some(Reason::NoHan), true),
            ("$ ls -la", 0, Some(Reason::Duplicate), false),
            ("ls", 0, None, false),
            ("ls", 0, Some(Reason::NoHan), false),
            ("ls", 0, Some(Reason::Duplicate), false),
            ("npm i", 0, None, true),
            ("npm i", 0, Some(Reason::NoHan), true),
            ("npm i", 0, Some(Reason::Duplicate), false),
            ("Npm i", 0, None, false),
            ("Npm i", 0, Some(Reason::NoHan), false),
            ("Npm i", 0, Some(Reason::Duplicate), false),
            ("npm  i2  x", 0, None, true),
            ("npm  i2  x", 0, Some(Reason::NoHan), true),
            ("npm  i2  x", 0, Some(Reason::Duplicate), false),
            ("npm i\u{9}x", 0, None, false),
            ("npm i\u{9}x", 0, Some(Reason::NoHan), false),
            ("npm i\u{9}x", 0, Some(Reason::Duplicate), false),
            ("hello world", 0, None, true),
            ("hello world", 0, Some(Reason::NoHan), true),
            ("hello world", 0, Some(Reason::Duplicate), false),
            ("Hello World", 0, None, false),
            ("Hello World", 0, Some(Reason::NoHan), false),
            ("Hello World", 0, Some(Reason::Duplicate), false),
            ("Hello World.", 0, None, true),
            ("Hello World.", 0, Some(Reason::NoHan), true),
            ("Hello World.", 0, Some(Reason::Duplicate), false),
            ("[a] x = 1", 0, None, true),
            ("[a] x = 1", 0, Some(Reason::NoHan), true),
            ("[a] x = 1", 0, Some(Reason::Duplicate), false),
            ("[a]x", 0, None, false),
            ("[a]x", 0, Some(Reason::NoHan), false),
            ("[a]x", 0, Some(Reason::Duplicate), false),
            ("[a] [b", 0, None, false),
            ("[a] [b", 0, Some(Reason::NoHan), false),
            ("[a] [b", 0, Some(Reason::Duplicate), false),
            ("(1, 2)", 0, None, false),
            ("(1, 2)", 0, Some(Reason::NoHan), false),
            ("(1, 2)", 0, Some(Reason::Duplicate), false),
            ("a.b", 0, None, false),
            ("a.b", 0, Some(Reason::NoHan), false),
            ("a.b", 0, Some(Reason::Duplicate), false),
            ("  x = 1  ", 0, None, true),
            ("  x = 1  ", 0, Some(Reason::NoHan), true),
            ("  x = 1  ", 0, Some(Reason::Duplicate), false),
            ("ｘ = 1", 0, None, false),
            ("ｘ = 1", 0, Some(Reason::NoHan), false),
            ("ｘ = 1", 0, Some(Reason::Duplicate), false),
            ("x = 1 # 累", 1, None, true),
            ("x = 1 # 累", 1, Some(Reason::NoHan), true),
            ("x = 1 # 累", 1, Some(Reason::Duplicate), false),
            ("x = 1 # 累", 0, None, true),
            ("x = 累", 1, None, false),
            ("x = 累", 1, Some(Reason::NoHan), false),
            ("x = 累", 1, Some(Reason::Duplicate), false),
            ("x = 累", 0, None, true),
            ("x = 豈", 1, None, false),
            ("x = 豈", 1, Some(Reason::NoHan), false),
            ("x = 豈", 1, Some(Reason::Duplicate), false),
            ("x = 豈", 0, None, true),
            ("cd /usr/local", 0, None, true),
            ("cd /usr/local", 0, Some(Reason::NoHan), true),
            ("cd /usr/local", 0, Some(Reason::Duplicate), false),
            ("git commit -m '修复'", 2, None, true),
            ("git commit -m '修复'", 2, Some(Reason::NoHan), true),
            ("git commit -m '修复'", 2, Some(Reason::Duplicate), false),
            ("git commit -m '修复'", 0, None, true),
            ("echo \"你好\" > a.txt", 2, None, true),
            ("echo \"你好\" > a.txt", 2, Some(Reason::NoHan), true),
            ("echo \"你好\" > a.txt", 2, Some(Reason::Duplicate), false),
            ("echo \"你好\" > a.txt", 0, None, true),
            ("// 注释 only", 2, None, false),
            ("// 注释 only", 2, Some(Reason::NoHan), false),
            ("// 注释 only", 2, Some(Reason::Duplicate), false),
            ("// 注释 only", 0, None, true),
            ("/* 块注释 */", 3, None, false),
            ("/* 块注释 */", 3, Some(Reason::NoHan), false),
            ("/* 块注释 */", 3, Some(Reason::Duplicate), false),
            ("/* 块注释 */", 0, None, false),
            ("const a = '字符串'; // 说明", 5, None, true),
            ("const a = '字符串'; // 说明", 5, Some(Reason::NoHan), true),
            ("const a = '字符串'; // 说明", 5, Some(Reason::Duplicate), false),
            ("const a = '字符串'; // 说明", 0, None, true),
            ("SELECT * FROM t;", 0, None, true),
            ("SELECT * FROM t;", 0, Some(Reason::NoHan), true),
            ("SELECT * FROM t;", 0, Some(Reason::Duplicate), false),
            ("http://www.example.com/a/b", 0, None, false),
            ("http://www.example.com/a/b", 0, Some(Reason::NoHan), false),
            ("http://www.example.com/a/b", 0, Some(Reason::Duplicate), false),
            ("www.example.com", 0, None, false),
            ("www.example.com", 0, Some(Reason::NoHan), false),
            ("www.example.com", 0, Some(Reason::Duplicate), false),
            ("a=1", 0, None, true),
            ("a=1", 0, Some(Reason::NoHan), true),
            ("a=1", 0, Some(Reason::Duplicate), false),
            ("a = 1", 0, None, true),
            ("a = 1", 0, Some(Reason::NoHan), true),
            ("a = 1", 0, Some(Reason::Duplicate), false),
            ("[x]\u{3000}[y]", 0, None, false),
            ("[x]\u{3000}[y]", 0, Some(Reason::NoHan), false),
            ("[x]\u{3000}[y]", 0, Some(Reason::Duplicate), false),
            ("[img] 图", 1, None, false),
            ("[img] 图", 1, Some(Reason::NoHan), false),
            ("[img] 图", 1, Some(Reason::Duplicate), false),
            ("[img] 图", 0, None, false),
            ("x = 1 -- 中文", 2, None, true),
            ("x = 1 -- 中文", 2, Some(Reason::NoHan), true),
            ("x = 1 -- 中文", 2, Some(Reason::Duplicate), false),
            ("x = 1 -- 中文", 0, None, true),
            ("x--中文", 2, None, false),
            ("x--中文", 2, Some(Reason::NoHan), false),
            ("x--中文", 2, Some(Reason::Duplicate), false),
            ("x--中文", 0, None, false),
            ("def f(x):", 0, None, true),
            ("def f(x):", 0, Some(Reason::NoHan), true),
            ("def f(x):", 0, Some(Reason::Duplicate), false),
            ("    return x", 0, None, true),
            ("    return x", 0, Some(Reason::NoHan), true),
            ("    return x", 0, Some(Reason::Duplicate), false),
            ("for i in range(10):", 0, None, true),
            ("for i in range(10):", 0, Some(Reason::NoHan), true),
            ("for i in range(10):", 0, Some(Reason::Duplicate), false),
            ("print('hi')", 0, None, true),
            ("print('hi')", 0, Some(Reason::NoHan), true),
            ("print('hi')", 0, Some(Reason::Duplicate), false),
            ("A B", 0, None, false),
            ("A B", 0, Some(Reason::NoHan), false),
            ("A B", 0, Some(Reason::Duplicate), false),
            ("a b c", 0, None, true),
            ("a b c", 0, Some(Reason::NoHan), true),
            ("a b c", 0, Some(Reason::Duplicate), false),
            ("a1 b2", 0, None, true),
            ("a1 b2", 0, Some(Reason::NoHan), true),
            ("a1 b2", 0, Some(Reason::Duplicate), false),
            ("a_b c", 0, None, true),
            ("a_b c", 0, Some(Reason::NoHan), true),
            ("a_b c", 0, Some(Reason::Duplicate), false),
            ("ABC DEF", 0, None, false),
            ("ABC DEF", 0, Some(Reason::NoHan), false),
            ("ABC DEF", 0, Some(Reason::Duplicate), false),
            ("x\u{3000}= 1", 0, None, true),
            ("x\u{3000}= 1", 0, Some(Reason::NoHan), true),
            ("x\u{3000}= 1", 0, Some(Reason::Duplicate), false),
            ("版权所有 \u{a9} 2023", 4, None, false),
            ("版权所有 \u{a9} 2023", 4, Some(Reason::NoHan), false),
            ("版权所有 \u{a9} 2023", 4, Some(Reason::Duplicate), false),
            ("版权所有 \u{a9} 2023", 0, None, false),
            ("Copyright 2023 abc.com", 0, None, true),
            ("Copyright 2023 abc.com", 0, Some(Reason::NoHan), true),
            ("Copyright 2023 abc.com", 0, Some(Reason::Duplicate), false),
            ("Tel: 010-12345678", 0, None, true),
            ("Tel: 010-12345678", 0, Some(Reason::NoHan), true),
            ("Tel: 010-12345678", 0, Some(Reason::Duplicate), false),
            ("email: a@b.cn", 0, None, true),
            ("email: a@b.cn", 0, Some(Reason::NoHan), true),
            ("email: a@b.cn", 0, Some(Reason::Duplicate), false),
            ("2023-05-12", 0, None, false),
            ("2023-05-12", 0, Some(Reason::NoHan), false),
            ("2023-05-12", 0, Some(Reason::Duplicate), false),
            ("v1.2.3", 0, None, false),
            ("v1.2.3", 0, Some(Reason::NoHan), false),
            ("v1.2.3", 0, Some(Reason::Duplicate), false),
            ("README.md", 0, None, false),
            ("README.md", 0, Some(Reason::NoHan), false),
            ("README.md", 0, Some(Reason::Duplicate), false),
            ("f(x)", 0, None, true),
            ("f(x)", 0, Some(Reason::NoHan), true),
            ("f(x)", 0, Some(Reason::Duplicate), false),
            ("f()", 0, None, true),
            ("f()", 0, Some(Reason::NoHan), true),
            ("f()", 0, Some(Reason::Duplicate), false),
            ("()", 0, None, false),
            ("()", 0, Some(Reason::NoHan), false),
            ("()", 0, Some(Reason::Duplicate), false),
            ("x =", 0, None, true),
            ("x =", 0, Some(Reason::NoHan), true),
            ("x =", 0, Some(Reason::Duplicate), false),
            ("= x", 0, None, true),
            ("= x", 0, Some(Reason::NoHan), true),
            ("= x", 0, Some(Reason::Duplicate), false),
            ("a b", 0, None, true),
            ("a b", 0, Some(Reason::NoHan), true),
            ("a b", 0, Some(Reason::Duplicate), false),
            ("a  b", 0, None, true),
            ("a  b", 0, Some(Reason::NoHan), true),
            ("a  b", 0, Some(Reason::Duplicate), false),
            ("中文 a=1", 2, None, false),
            ("中文 a=1", 2, Some(Reason::NoHan), false),
            ("中文 a=1", 2, Some(Reason::Duplicate), false),
            ("中文 a=1", 0, None, true),
            ("a=1 中文", 2, None, false),
            ("a=1 中文", 2, Some(Reason::NoHan), false),
            ("a=1 中文", 2, Some(Reason::Duplicate), false),
            ("a=1 中文", 0, None, true),
            ("s = \"中文\" + '中文'", 4, None, true),
            ("s = \"中文\" + '中文'", 4, Some(Reason::NoHan), true),
            ("s = \"中文\" + '中文'", 4, Some(Reason::Duplicate), false),
            ("s = \"中文\" + '中文'", 0, None, true),
            ("s = \"中文", 2, None, false),
            ("s = \"中文", 2, Some(Reason::NoHan), false),
            ("s = \"中文", 2, Some(Reason::Duplicate), false),
            ("s = \"中文", 0, None, true),
            ("#!/bin/bash", 0, None, false),
            ("#!/bin/bash", 0, Some(Reason::NoHan), false),
            ("#!/bin/bash", 0, Some(Reason::Duplicate), false),
            ("x = 1 #累加", 2, None, false),
            ("x = 1 #累加", 2, Some(Reason::NoHan), false),
            ("x = 1 #累加", 2, Some(Reason::Duplicate), false),
            ("x = 1 #累加", 0, None, true),
            ("# x = 1", 0, None, true),
            ("# x = 1", 0, Some(Reason::NoHan), true),
            ("# x = 1", 0, Some(Reason::Duplicate), false),
            ("$ pip install x", 0, None, true),
            ("$ pip install x", 0, Some(Reason::NoHan), true),
            ("$ pip install x", 0, Some(Reason::Duplicate), false),
            ("[图片]", 2, None, false),
            ("[图片]", 2, Some(Reason::NoHan), false),
            ("[图片]", 2, Some(Reason::Duplicate), false),
            ("[图片]", 0, None, false),
            ("[a] [b] [c]", 0, None, false),
            ("[a] [b] [c]", 0, Some(Reason::NoHan), false),
            ("[a] [b] [c]", 0, Some(Reason::Duplicate), false),
            ("[a]\u{a}[b]", 0, None, false),
            ("[a]\u{a}[b]", 0, Some(Reason::NoHan), false),
            ("[a]\u{a}[b]", 0, Some(Reason::Duplicate), false),
            ("a\u{a}b = 1", 0, None, true),
            ("a\u{a}b = 1", 0, Some(Reason::NoHan), true),
            ("a\u{a}b = 1", 0, Some(Reason::Duplicate), false),
            ("x = y;\u{200b}", 0, None, true),
            ("x = y;\u{200b}", 0, Some(Reason::NoHan), true),
            ("x = y;\u{200b}", 0, Some(Reason::Duplicate), false),
            ("\u{a0}x = 1\u{a0}", 0, None, true),
            ("\u{a0}x = 1\u{a0}", 0, Some(Reason::NoHan), true),
            ("\u{a0}x = 1\u{a0}", 0, Some(Reason::Duplicate), false),
        ];
        for &(text, han, hard, want) in cases {
            assert_eq!(line(text, han, hard), want, "{text:?} han {han} {hard:?}");
        }
    }

    #[test]
    fn closers() {
        for (text, want) in [
            ("}", true),
            ("});", true),
            ("  ]]  ", true),
            (")", true),
            (";", false),
            ("};x", false),
            ("", false),
            ("\u{3000}}\u{3000}", true),
            ("} }", false),
            ("},", true),
        ] {
            assert_eq!(closer(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn commands_and_placeholders() {
        assert!(command(b"pip install x"));
        assert!(!command(b"pip"));
        assert!(!command(b" pip x"));
        assert!(!command(b"pip x "));
        assert!(!command(b"pip X"));
        assert!(!command(b"1pip x"));
        assert!(command(b"p 1"));
        assert!(!command(b""));
        assert!(placeholders(b"[image]"));
        assert!(placeholders(b"[]"));
        assert!(placeholders(b"[a][b]"));
        assert!(placeholders("[a] \u{3000}[b]".as_bytes()));
        assert!(placeholders(b"[[a]"));
        assert!(!placeholders(b"[a] "));
        assert!(!placeholders(b"[a]]"));
        assert!(!placeholders(b"x[a]"));
        assert!(!placeholders(b"[a"));
        assert!(!placeholders(b""));
        assert!(placeholders(b"[a\nb]"));
    }

    #[test]
    fn strips_python_whitespace() {
        assert_eq!(strip("\u{3000} a b \u{1c}".as_bytes()), b"a b");
        assert_eq!(strip(b"   "), b"");
        assert_eq!(strip(b""), b"");
        assert_eq!(strip(b"\xed\xa0\x80 "), b"\xed\xa0\x80");
    }
}
