//! How many columns a line of a dump takes, as `w3m -dump` counts them when it wraps a page at
//! a fixed column: an East Asian Wide or Fullwidth character two, any other (ambiguous ones such
//! as “ ” …, as w3m counts them) one. A CJK line wrapped at 80 columns holds about 40 characters.
//!
//! The table is Python 3.11's (Unicode 14.0): `unicodedata.east_asian_width(c) in "WF"` for an
//! assigned character, so the tests' Python splitter reads the same widths.

/// The runs of code points that take two columns (first, last), ascending.
const WIDE: [(u32, u32); 127] = [
    (0x1100, 0x115F),
    (0x231A, 0x231B),
    (0x2329, 0x232A),
    (0x23E9, 0x23EC),
    (0x23F0, 0x23F0),
    (0x23F3, 0x23F3),
    (0x25FD, 0x25FE),
    (0x2614, 0x2615),
    (0x2648, 0x2653),
    (0x267F, 0x267F),
    (0x2693, 0x2693),
    (0x26A1, 0x26A1),
    (0x26AA, 0x26AB),
    (0x26BD, 0x26BE),
    (0x26C4, 0x26C5),
    (0x26CE, 0x26CE),
    (0x26D4, 0x26D4),
    (0x26EA, 0x26EA),
    (0x26F2, 0x26F3),
    (0x26F5, 0x26F5),
    (0x26FA, 0x26FA),
    (0x26FD, 0x26FD),
    (0x2705, 0x2705),
    (0x270A, 0x270B),
    (0x2728, 0x2728),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2757, 0x2757),
    (0x2795, 0x2797),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x2FFB),
    (0x3000, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E3),
    (0x31F0, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0x4DBF),
    (0x4E00, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFF60),
    (0xFFE0, 0xFFE6),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF1),
    (0x17000, 0x187F7),
    (0x18800, 0x18CD5),
    (0x18D00, 0x18D08),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B122),
    (0x1B150, 0x1B152),
    (0x1B164, 0x1B167),
    (0x1B170, 0x1B2FB),
    (0x1F004, 0x1F004),
    (0x1F0CF, 0x1F0CF),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F200, 0x1F202),
    (0x1F210, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F250, 0x1F251),
    (0x1F260, 0x1F265),
    (0x1F300, 0x1F320),
    (0x1F32D, 0x1F335),
    (0x1F337, 0x1F37C),
    (0x1F37E, 0x1F393),
    (0x1F3A0, 0x1F3CA),
    (0x1F3CF, 0x1F3D3),
    (0x1F3E0, 0x1F3F0),
    (0x1F3F4, 0x1F3F4),
    (0x1F3F8, 0x1F43E),
    (0x1F440, 0x1F440),
    (0x1F442, 0x1F4FC),
    (0x1F4FF, 0x1F53D),
    (0x1F54B, 0x1F54E),
    (0x1F550, 0x1F567),
    (0x1F57A, 0x1F57A),
    (0x1F595, 0x1F596),
    (0x1F5A4, 0x1F5A4),
    (0x1F5FB, 0x1F64F),
    (0x1F680, 0x1F6C5),
    (0x1F6CC, 0x1F6CC),
    (0x1F6D0, 0x1F6D2),
    (0x1F6D5, 0x1F6D7),
    (0x1F6DD, 0x1F6DF),
    (0x1F6EB, 0x1F6EC),
    (0x1F6F4, 0x1F6FC),
    (0x1F7E0, 0x1F7EB),
    (0x1F7F0, 0x1F7F0),
    (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945),
    (0x1F947, 0x1F9FF),
    (0x1FA70, 0x1FA74),
    (0x1FA78, 0x1FA7C),
    (0x1FA80, 0x1FA86),
    (0x1FA90, 0x1FAAC),
    (0x1FAB0, 0x1FABA),
    (0x1FAC0, 0x1FAC5),
    (0x1FAD0, 0x1FAD9),
    (0x1FAE0, 0x1FAE7),
    (0x1FAF0, 0x1FAF6),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B738),
    (0x2B740, 0x2B81D),
    (0x2B820, 0x2CEA1),
    (0x2CEB0, 0x2EBE0),
    (0x2F800, 0x2FA1D),
    (0x30000, 0x3134A),
];

/// The runs below U+10000 as a bit per code point (8 kB: one look a character).
static WIDE_BMP: [u64; 1024] = wide_bmp();

const fn wide_bmp() -> [u64; 1024] {
    let mut bits = [0u64; 1024];
    let mut run = 0;
    while run < WIDE.len() {
        let (first, last) = WIDE[run];
        let mut cp = first;
        while cp <= last && cp < 0x10000 {
            bits[(cp / 64) as usize] |= 1 << (cp % 64);
            cp += 1;
        }
        run += 1;
    }
    bits
}

/// Whether `c` takes two columns.
///
/// ```
/// use _core::blocks::width::is_wide;
/// assert!(is_wide('字') && is_wide('，') && is_wide('\u{3000}') && is_wide('😀'));
/// assert!(!is_wide('a') && !is_wide('“') && !is_wide('…') && !is_wide('\u{378}'));
/// ```
#[inline]
pub fn is_wide(c: char) -> bool {
    let cp = u32::from(c);
    if cp < 0x10000 {
        return WIDE_BMP[(cp / 64) as usize] >> (cp % 64) & 1 == 1;
    }
    crate::pystr::in_ranges(&WIDE, cp)
}

/// The columns `text` takes.
///
/// ```
/// use _core::blocks::width::columns;
/// assert_eq!((columns("abc"), columns("今天abc"), columns("“引号”")), (3, 7, 6));
/// ```
pub fn columns(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.chars().map(|c| 1 + usize::from(is_wide(c))).sum()
}

/// [`columns`] of `text` if they are at most `limit`, else a number over `limit` (the line is
/// not read further: a character takes at most four bytes and at least one column).
///
/// ```
/// use _core::blocks::width::columns_past;
/// assert_eq!((columns_past("今天abc", 10), columns_past("今天abc", 5) > 5, columns_past(&"字".repeat(900), 200) > 200), (7, true, true));
/// ```
pub fn columns_past(text: &str, limit: usize) -> usize {
    if text.len() > limit.saturating_mul(4) {
        return limit.saturating_add(1);
    }
    if text.is_ascii() {
        return text.len();
    }
    let mut width = 0;
    for c in text.chars() {
        width += 1 + usize::from(is_wide(c));
        if width > limit {
            break;
        }
    }
    width
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_ascend_apart() {
        assert!(WIDE.iter().all(|&(first, last)| first <= last));
        assert!(WIDE.windows(2).all(|pair| pair[0].1 + 1 < pair[1].0)); // (adjacent runs would be one)
        assert!(WIDE.iter().any(|&(first, last)| first <= 0x4E00 && last >= 0x9FFF));
        // the shortcut's run
    }

    #[test]
    fn columns_past_a_limit_are_over_it() {
        for text in ["", "abc", "今天abc", "“引号”", &"字".repeat(120), &"a".repeat(900)] {
            for limit in [0, 1, 5, 7, 200, 250] {
                let got = columns_past(text, limit);
                if columns(text) <= limit {
                    assert_eq!(got, columns(text), "{text:?} {limit}");
                } else {
                    assert!(got > limit, "{text:?} {limit}");
                }
            }
        }
    }

    #[test]
    fn every_code_point_as_the_table_says() {
        for cp in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else { continue };
            let listed = WIDE.iter().any(|&(first, last)| (first..=last).contains(&cp));
            assert_eq!(is_wide(c), listed, "U+{cp:04X}");
        }
    }
}
