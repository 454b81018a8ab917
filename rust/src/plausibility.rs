//! How plausible a decoding is as Chinese text (`cleantext/plausibility.py`): the counts its
//! judgement reads, made in one pass over the decoded text.

use crate::pystr::{code_points, CharSet};

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
pub fn counts(text: &[u8], frequent: &CharSet) -> Counts {
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
}
