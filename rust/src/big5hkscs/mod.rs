//! Big5-HKSCS bytes to UTF-8 with replacement, exactly as Python's
//! `bytes.decode("big5hkscs", "replace")` gives them: what `cleantext/decode.py` judges a page's
//! Big5 reading on. Its tables are made from that codec (`tools/build_codec_tables.py`); Python's
//! tests compare the two on every 1- and 2-byte sequence and on random and real pages.
//!
//! Python's decoder reads a byte below `0x80` as itself, and any other with the byte after it as
//! a two-byte code; where that is none (or no byte follows), the one byte is an error, replaced
//! by one U+FFFD, and the next byte is read afresh.

mod pairs;

use pairs::PAIRS;

const FIRST_LEAD: u8 = 0x87;
const TRAILS: usize = 191;
const CODES: usize = 120 * TRAILS;
const TABLE_LEN: usize = 2 * CODES + CODES.div_ceil(8);
static TABLE: &[u8; TABLE_LEN] = include_bytes!("two_byte.bin");

/// The text of the two-byte code `lead`, `trail`, `None` if it is none.
#[inline]
fn code(lead: u8, trail: u8) -> Option<Code> {
    let row = usize::from(lead.checked_sub(FIRST_LEAD)?);
    let column = usize::from(trail.checked_sub(0x40)?);
    if row >= 120 || column >= TRAILS {
        return None;
    }
    let at = row * TRAILS + column;
    let low = u32::from(u16::from_le_bytes([TABLE[2 * at], TABLE[2 * at + 1]]));
    if low == 0 {
        return PAIRS.iter().find(|p| (p.0, p.1) == (lead, trail)).map(|p| Code::Two(p.2, p.3));
    }
    let plane2 = TABLE[2 * CODES + at / 8] >> (at % 8) & 1 == 1;
    char::from_u32(if plane2 { 0x2_0000 | low } else { low }).map(Code::One)
}

enum Code {
    One(char),
    Two(char, char),
}

/// `raw` decoded with replacement into `out` (cleared first); its length in characters.
pub fn decode_replace(raw: &[u8], out: &mut Vec<u8>) -> usize {
    out.clear();
    out.reserve(raw.len() + raw.len() / 2);
    let (mut at, mut chars) = (0, 0);
    while at < raw.len() {
        let ascii = crate::gb18030::ascii_run(&raw[at..]);
        if ascii > 0 {
            out.extend_from_slice(&raw[at..at + ascii]);
            chars += ascii;
            at += ascii;
            continue;
        }
        while let Some(&lead) = raw.get(at) {
            if lead < 0x80 {
                break;
            }
            match raw.get(at + 1).and_then(|&trail| code(lead, trail)) {
                Some(Code::One(c)) => {
                    push(out, c);
                    chars += 1;
                    at += 2;
                }
                Some(Code::Two(c, d)) => {
                    push(out, c);
                    push(out, d);
                    chars += 2;
                    at += 2;
                }
                None => {
                    push(out, char::REPLACEMENT_CHARACTER);
                    chars += 1;
                    at += 1;
                }
            }
        }
    }
    chars
}

#[inline]
fn push(out: &mut Vec<u8>, c: char) {
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(raw: &[u8]) -> String {
        let mut out = Vec::new();
        let chars = decode_replace(raw, &mut out);
        let s = String::from_utf8(out).expect("UTF-8");
        assert_eq!(s.chars().count(), chars);
        s
    }

    #[test]
    fn codes_as_python_decodes_them() {
        // (values from Python's codec: b"...".decode("big5hkscs", "replace"))
        assert_eq!(text(b""), "");
        assert_eq!(text(b"\xb7s\xbbD<p>"), "新聞<p>");
        assert_eq!(text(b"\xa4\x40"), "一");
        assert_eq!(text(b"\x88\x62\x88\xa5"), "\u{CA}\u{304}\u{EA}\u{30C}");
        assert_eq!(text(b"\x87\x40"), "\u{43F0}");
        assert_eq!(text(b"\x88\x40"), "\u{31C0}");
        assert_eq!(text(b"\x88\x30a"), "\u{FFFD}0a");
        assert_eq!(text(b"\x80a\xff\xff"), "\u{FFFD}a\u{FFFD}\u{FFFD}");
        assert_eq!(text(b"\xa4\x40\xa4"), "一\u{FFFD}");
    }
}
