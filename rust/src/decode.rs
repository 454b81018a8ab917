//! Stage 1's byte scans (`cleantext/decode.py`): what the detection reads of the raw bytes.

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
}
