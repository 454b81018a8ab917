//! GB18030 (and so GB2312 and GBK) bytes to UTF-8, exactly as Python's `gb18030` codec decodes
//! them: what `cleantext/decode.py` reads a GB page with. Its tables are made from that codec
//! (`tools/build_codec_tables.py`), not from the WHATWG standard, which differs on some codes
//! (the single byte `0x80`, two-byte codes such as `0xA8BC`, `0xFE51`–`0xFE91`, and the error
//! handling); Python's tests compare the two on every 1-, 2- and 4-byte sequence.
//!
//! Python's decoder reads a byte below `0x80` as itself; any other byte leads a sequence: with a
//! second byte `0x30`–`0x39` one of four bytes (lead `0x81`–`0xFE`, third `0x81`–`0xFE`, fourth
//! `0x30`–`0x39`, and an index with a code point), else one of two (the table's). A sequence that
//! is not one is an error at its lead byte, as is a lead byte with too few bytes after it:
//! Python's `UnicodeDecodeError.start`, which [`decode`] reports too.

mod bmp_ranges;

use bmp_ranges::BMP_RANGES;

/// Two-byte codes: lead `0x81`–`0xFE` by trail `0x40`–`0xFE`.
const TRAILS: usize = 191;
const TWO_BYTE_LEN: usize = 126 * TRAILS;
static TWO_BYTE: [u16; TWO_BYTE_LEN] = two_byte(include_bytes!("two_byte.bin"));

/// The table's little-endian `u16`s (made at compile time).
const fn two_byte(bytes: &[u8; 2 * TWO_BYTE_LEN]) -> [u16; TWO_BYTE_LEN] {
    let mut table = [0u16; TWO_BYTE_LEN];
    let mut i = 0;
    while i < TWO_BYTE_LEN {
        table[i] = u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]]);
        i += 1;
    }
    table
}

/// Four-byte indices below this are BMP code points ([`BMP_RANGES`]) ...
const BMP_INDICES: u32 = 39_420;
/// ... from this one on, U+10000 onwards (lead byte `0x90`).
const SUPPLEMENTARY_INDEX: u32 = 15 * 12_600;

/// The text of `raw` as UTF-8 and its length in characters, or `Err(start)`: the offset of the
/// first sequence that does not decode (Python's `UnicodeDecodeError.start`), the text up to it
/// left in `out` (cleared first) and counted in the `Err`'s companion, `chars`.
pub fn decode(raw: &[u8], out: &mut Vec<u8>) -> Result<usize, (usize, usize)> {
    out.clear();
    out.reserve(raw.len() + raw.len() / 2);
    let (mut at, mut chars) = (0, 0);
    while at < raw.len() {
        let ascii = ascii_run(&raw[at..]);
        if ascii > 0 {
            out.extend_from_slice(&raw[at..at + ascii]);
            chars += ascii;
            at += ascii;
            continue;
        }
        // one or more multibyte sequences
        while let Some(&lead) = raw.get(at) {
            if lead < 0x80 {
                break;
            }
            let Some((cp, len)) = sequence(raw, at) else {
                return Err((at, chars));
            };
            push(out, cp);
            chars += 1;
            at += len;
        }
    }
    Ok(chars)
}

/// How many bytes `bytes` starts with that are ASCII (eight at a time).
pub(crate) fn ascii_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    for word in bytes.chunks_exact(8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let high = u64::from_le_bytes(eight) & 0x8080_8080_8080_8080;
        if high != 0 {
            return n + (high.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|b| b.is_ascii()).count()
}

/// The code point of the multibyte sequence at `at` (its lead byte `0x80` or above) and its
/// length, `None` if it is none.
#[inline]
fn sequence(raw: &[u8], at: usize) -> Option<(u32, usize)> {
    let lead = raw[at];
    let second = *raw.get(at + 1)?;
    if !(0x30..=0x39).contains(&second) {
        let row = usize::from(lead.checked_sub(0x81)?);
        let column = usize::from(second.checked_sub(0x40)?);
        if row >= 126 || column >= TRAILS {
            return None;
        }
        return match TWO_BYTE[row * TRAILS + column] {
            0 => None,
            cp => Some((u32::from(cp), 2)),
        };
    }
    let (third, fourth) = (*raw.get(at + 2)?, *raw.get(at + 3)?);
    if !(0x81..=0xFE).contains(&lead) || !(0x81..=0xFE).contains(&third) || !(0x30..=0x39).contains(&fourth) {
        return None;
    }
    let index = ((u32::from(lead - 0x81) * 10 + u32::from(second - 0x30)) * 126 + u32::from(third - 0x81)) * 10
        + u32::from(fourth - 0x30);
    let cp = if index < BMP_INDICES {
        let run = BMP_RANGES.partition_point(|&(first, _)| u32::from(first) <= index).checked_sub(1)?;
        let (first, cp) = BMP_RANGES[run];
        u32::from(cp) + index - u32::from(first)
    } else if index >= SUPPLEMENTARY_INDEX && index - SUPPLEMENTARY_INDEX <= 0x10_FFFF - 0x1_0000 {
        0x1_0000 + index - SUPPLEMENTARY_INDEX
    } else {
        return None;
    };
    Some((cp, 4))
}

/// `cp` (not a surrogate: the tables hold none, nor a code point below `0x80`) appended as
/// UTF-8, a constant number of bytes for each length (no call to copy them).
#[inline]
fn push(out: &mut Vec<u8>, cp: u32) {
    let cont = |shift: u32| 0x80 | ((cp >> shift) & 0x3F) as u8;
    if cp < 0x800 {
        out.extend_from_slice(&[0xC0 | (cp >> 6) as u8, cont(0)]);
    } else if cp < 0x1_0000 {
        out.extend_from_slice(&[0xE0 | (cp >> 12) as u8, cont(6), cont(0)]);
    } else {
        out.extend_from_slice(&[0xF0 | (cp >> 18) as u8, cont(12), cont(6), cont(0)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(raw: &[u8]) -> Result<String, usize> {
        let mut out = Vec::new();
        match decode(raw, &mut out) {
            Ok(chars) => {
                let s = String::from_utf8(out).expect("UTF-8");
                assert_eq!(s.chars().count(), chars);
                Ok(s)
            }
            Err((at, chars)) => {
                assert_eq!(String::from_utf8(out).expect("UTF-8").chars().count(), chars);
                Err(at)
            }
        }
    }

    #[test]
    fn codes_as_python_decodes_them() {
        // (values from Python's codec: b"...".decode("gb18030"))
        assert_eq!(text(b"").as_deref(), Ok(""));
        assert_eq!(text("abc\u{7F}".as_bytes()).as_deref(), Ok("abc\u{7F}"));
        assert_eq!(text(b"\xd0\xc2\xce\xc5<p>").as_deref(), Ok("新闻<p>"));
        assert_eq!(text(b"\xa1\xa1").as_deref(), Ok("\u{3000}"));
        assert_eq!(text(b"\xa8\xbc").as_deref(), Ok("\u{E7C7}")); // (WHATWG: U+1E3F)
        assert_eq!(text(b"\x81\x30\x81\x30").as_deref(), Ok("\u{80}"));
        assert_eq!(text(b"\x84\x31\xa4\x39").as_deref(), Ok("\u{FFFF}"));
        assert_eq!(text(b"\x90\x30\x81\x30").as_deref(), Ok("\u{10000}"));
        assert_eq!(text(b"\xe3\x32\x9a\x35").as_deref(), Ok("\u{10FFFF}"));
        assert_eq!(text(b"\x84\x31\xa4\x37").as_deref(), Ok("\u{FFFD}"));
    }

    #[test]
    fn errors_at_the_lead_byte() {
        assert_eq!(text(b"ab\x80"), Err(2)); // (WHATWG: U+20AC)
        assert_eq!(text(b"ab\x80cd"), Err(2));
        assert_eq!(text(b"\xff"), Err(0));
        assert_eq!(text(b"\xd0\xc2\x81"), Err(2));
        assert_eq!(text(b"\xd0\xc2\x81\x7f"), Err(2));
        assert_eq!(text(b"\xd0\xc2\x81\x30\x81"), Err(2));
        assert_eq!(text(b"\x84\x31\xa5\x30"), Err(0));
        assert_eq!(text(b"\xe3\x32\x9a\x36"), Err(0));
        assert_eq!(text(b"\x85\x30\x81\x30"), Err(0));
        assert_eq!(text(b"\x80\x30\x81\x30"), Err(0));
        assert_eq!(text(b"\x81\x30\xff\x30"), Err(0));
        assert_eq!(text(b"x\x81\x30\x81\x3a"), Err(1));
    }

    #[test]
    fn ascii_runs_of_every_length() {
        let mut rng = crate::test_rng::Rng(5);
        for _ in 0..2_000 {
            let raw: Vec<u8> = (0..rng.below(40)).map(|_| [b'a', 0xd0, 0xc2, 0x81, b'<', 0xa1][rng.below(6)]).collect();
            let high = raw.iter().position(|b| !b.is_ascii()).unwrap_or(raw.len());
            assert_eq!(ascii_run(&raw), high, "{raw:x?}");
        }
    }

    #[test]
    fn tables_cover_what_they_should() {
        assert_eq!(BMP_RANGES[0], (0, 0x80));
        assert!(BMP_RANGES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(TWO_BYTE.iter().filter(|&&cp| cp != 0).count(), 126 * 190); // (all but trail 0x7F)
    }
}
