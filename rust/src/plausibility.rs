//! How plausible a decoding is as Chinese text (`cleantext/plausibility.py`): the counts its
//! judgement reads, made in one pass over the decoded text.

#[cfg(test)]
use crate::pystr::code_points;
use crate::pystr::{decode_at, CharSet};

/// The counts of `plausibility.Plausibility`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Characters that are not ASCII (replacement characters and lone surrogates included).
    pub chars: usize,
    /// Replacement characters (U+FFFD).
    pub errors: usize,
    /// Han characters: unified ideographs, extension A, compatibility ideographs, and the
    /// supplementary ideographic planes (U+20000–U+3FFFF).
    pub han: usize,
    /// Characters of the frequent set.
    pub frequent: usize,
}

/// Whether `cp` is a Han character as plausibility counts them.
fn is_han(cp: u32) -> bool {
    matches!(cp, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// The counts of a decoded text (WTF-8: a lone surrogate is one character, not ASCII).
///
/// Runs of ASCII (which count for nothing) are skipped a word at a time: an ASCII byte is a
/// code point of its own wherever a sequence may start, so the code points met are those of
/// [`code_points`]. A well-formed three-byte sequence past U+0FFF is decoded in place.
pub fn counts(text: &[u8], frequent: &CharSet) -> Counts {
    let mut out = Counts::default();
    let mut at = 0;
    while let Some(&lead) = text.get(at) {
        if lead < 0x80 {
            at += match text.get(at..at + 8) {
                Some(word) => {
                    let mut bytes = [0; 8];
                    bytes.copy_from_slice(word);
                    let non_ascii = u64::from_le_bytes(bytes) & 0x8080_8080_8080_8080;
                    // (to the first byte that is not ASCII: not the first, which is)
                    if non_ascii == 0 {
                        8
                    } else {
                        (non_ascii.trailing_zeros() / 8) as usize
                    }
                }
                None => 1,
            };
            continue;
        }
        let (cp, width) = match text.get(at..at + 3) {
            // a three-byte sequence past U+0FFF (the usual case: never overlong, never past U+FFFF)
            Some(&[l @ 0xE1..=0xEF, b1, b2]) if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 => {
                (u32::from(l & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F), 3)
            }
            _ => match decode_at(text, at) {
                Some(point) => point,
                None => break,
            },
        };
        at += width;
        out.chars += 1;
        out.errors += usize::from(cp == 0xFFFD);
        out.han += usize::from(is_han(cp));
        out.frequent += usize::from(frequent.contains(cp));
    }
    out
}

/// [`counts`] read one code point at a time (the oracle of the tests).
#[cfg(test)]
fn counts_one_by_one(text: &[u8], frequent: &CharSet) -> Counts {
    let mut out = Counts::default();
    for (_, cp) in code_points(text) {
        if cp < 0x80 {
            continue;
        }
        out.chars += 1;
        out.errors += usize::from(cp == 0xFFFD);
        out.han += usize::from(is_han(cp));
        out.frequent += usize::from(frequent.contains(cp));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_plausibility_reads() {
        let frequent = CharSet::new("的我们今天".chars().map(u32::from));
        let c = counts("今天，我们在北京\u{FFFD}。abc 𠀀".as_bytes(), &frequent);
        assert_eq!(c, Counts { chars: 11, errors: 1, han: 8, frequent: 4 });
        assert_eq!(counts(b"plain ascii", &frequent), Counts::default());
        // a lone surrogate (WTF-8) is a character, neither Han nor an error
        assert_eq!(counts(&[0xED, 0xA0, 0x80, b'a'], &frequent), Counts { chars: 1, ..Counts::default() });
    }

    #[test]
    fn counts_are_the_one_by_one_counts_on_random_bytes() {
        let frequent =
            CharSet::new("的我们今天\u{FFFD}\u{80}\u{10FFFF}".chars().map(u32::from).chain([0xD800, 0x20000]));
        let pieces: &[&[u8]] = &[
            b"a",
            b"abcdefgh",
            b"<p class=x>",
            b"\x80",
            b"\xbf",
            b"\xc2",
            b"\xc3\xa9",
            b"\xe4",
            b"\xe4\xbb",
            "今天".as_bytes(),
            "的".as_bytes(),
            "\u{FFFD}".as_bytes(),
            b"\xed\xa0\x80",
            b"\xf0",
            b"\xf0\xa0\x80\x80",
            b"\xf4\x90\x80\x80",
            b"\xe0\x80\x80",
            b"\xc0\x80",
            b"\xff",
            b"\n",
            "\u{10FFFF}".as_bytes(),
            "\u{80}".as_bytes(),
        ];
        let mut rng = crate::test_rng::Rng(17);
        for _ in 0..20_000 {
            let n = rng.below(24);
            let mut text = Vec::new();
            for _ in 0..n {
                if rng.below(4) == 0 {
                    text.push(rng.below(256) as u8);
                } else {
                    text.extend_from_slice(pieces[rng.below(pieces.len())]);
                }
            }
            assert_eq!(counts(&text, &frequent), counts_one_by_one(&text, &frequent), "{text:?}");
        }
        // every code point, alone and among ASCII at each offset of a word
        for cp in 0..0x11_0000u32 {
            let text = crate::pystr::wtf8(cp);
            let alone = counts(&text, &frequent);
            assert_eq!(alone, counts_one_by_one(&text, &frequent), "{cp:X}");
            if cp % 997 == 0 {
                for pad in 0..9 {
                    let padded = [b"x".repeat(pad), text.clone(), b"0123456789".to_vec()].concat();
                    assert_eq!(counts(&padded, &frequent), alone, "{cp:X} {pad}");
                }
            }
        }
    }
}
