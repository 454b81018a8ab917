//! What one block's text looks like, counted on its code points (the per-block measures of
//! `cleantext/features.py`): Han characters, sentence punctuation, a sentence end, a truncation
//! mark, one-character stopwords.
//!
//! Each is the count or test the Python stage made with a regular expression of `re`, written
//! out: the classes are spelled here, `\s` is Python's whitespace ([`is_space`]), and a text is
//! a slice of code points, so a lone surrogate is one more character that belongs to no class.
//! `tests/test_native_features.py` checks them against those expressions on every code point.

use crate::pystr::{is_space, CharSet};

/// The Han characters counted (`_HAN_RUN`): CJK Unified Ideographs, extension A and the
/// compatibility ideographs (extensions B and later, outside the BMP, are rare in news and not counted).
pub fn is_han(cp: u32) -> bool {
    matches!(cp, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// The neighbours that make a half-width mark Chinese punctuation: the unified ideographs only.
fn is_unified(cp: u32) -> bool {
    matches!(cp, 0x4E00..=0x9FFF)
}

/// Chinese sentence punctuation, counted wherever it stands: `，。！？；：、“”‘’「」『』（）《》…—`.
fn is_full_punct(cp: u32) -> bool {
    matches!(
        char::from_u32(cp),
        Some(
            '，' | '。'
                | '！'
                | '？'
                | '；'
                | '：'
                | '、'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '「'
                | '」'
                | '『'
                | '』'
                | '（'
                | '）'
                | '《'
                | '》'
                | '…'
                | '—'
        )
    )
}

/// `,:;!?`: sentence punctuation when written between Han characters.
fn is_half_punct(cp: u32) -> bool {
    matches!(char::from_u32(cp), Some(',' | ':' | ';' | '!' | '?'))
}

/// What may follow a half-width mark that counts: a unified ideograph, whitespace or a quote.
fn opens_after_half_punct(cp: u32) -> bool {
    is_unified(cp) || is_space(cp) || cp == u32::from('"') || cp == u32::from('“')
}

/// The marks a finished sentence ends with (`_SENTENCE_END`).
fn is_sentence_end(cp: u32) -> bool {
    matches!(char::from_u32(cp), Some('。' | '！' | '？' | '!' | '?' | '…' | '”' | '’' | '」' | '』'))
}

/// The closing brackets a truncation mark may stand before (`[)）\]】]`).
fn is_closing_bracket(cp: u32) -> bool {
    matches!(char::from_u32(cp), Some(')' | '）' | ']' | '】'))
}

/// Han characters in `text` (`features.han_count`).
pub fn han_count(text: &[u32]) -> usize {
    text.iter().filter(|&&cp| is_han(cp)).count()
}

/// Sentence punctuation in `text` (`features.punct_count`): the Chinese marks, and a half-width
/// `,:;!?` right after a unified ideograph and before one, whitespace or an opening quote (the
/// matches of `[，。…]|[,:;!?](?<=[\u4e00-\u9fff].)(?=[\u4e00-\u9fff\s"“])`, each one character).
pub fn punct_count(text: &[u32]) -> usize {
    let counts = |i: usize, cp: u32| {
        is_full_punct(cp)
            || (is_half_punct(cp)
                && i > 0
                && is_unified(text[i - 1])
                && text.get(i + 1).is_some_and(|&next| opens_after_half_punct(next)))
    };
    text.iter().enumerate().filter(|&(i, &cp)| counts(i, cp)).count()
}

/// What [`tally`] counts of a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Characters that are not whitespace.
    pub chars: usize,
    /// [`han_count`].
    pub han: usize,
    /// [`punct_count`].
    pub punct: usize,
    /// [`StopChars::count`] of the stopwords given (0 without).
    pub stops: usize,
}

/// The characters that are not whitespace, [`han_count`], [`punct_count`] and the stopwords of
/// `stop` in `text`, in one pass (a unified ideograph, the usual character, is told apart
/// first: Han, neither whitespace nor punctuation).
pub fn tally(text: &[u32], stop: Option<&StopChars>) -> Tally {
    let mut t = Tally::default();
    let mut after_unified = false; // the character before is a unified ideograph
    for (i, &cp) in text.iter().enumerate() {
        if let Some(stop) = stop {
            t.stops += usize::from(stop.set.contains(cp));
        }
        if is_unified(cp) {
            t.chars += 1;
            t.han += 1;
            after_unified = true;
            continue;
        }
        t.chars += usize::from(!is_space(cp));
        t.han += usize::from(is_han(cp));
        let counts = is_full_punct(cp)
            || (is_half_punct(cp)
                && after_unified
                && text.get(i + 1).is_some_and(|&next| opens_after_half_punct(next)));
        t.punct += usize::from(counts);
        after_unified = false;
    }
    t
}

/// Whether the text, trailing whitespace aside, ends with a sentence-final mark
/// (`features.ends_sentence`).
pub fn ends_sentence(text: &[u32]) -> bool {
    text.iter().rev().find(|&&cp| !is_space(cp)).is_some_and(|&cp| is_sentence_end(cp))
}

/// Characters at the end of a text in which [`is_truncated`] looks for a mark (`text[-8:]`).
pub const TRUNCATION_WINDOW: usize = 8;

/// Whether the text ends with an ellipsis, as teasers cut by a template do
/// (`features.is_truncated`): in its last eight characters, a match of
/// `(?:…|\.{3,}|⋯|。。。)\s*[)）\]】]?$` (`$` holds at the end, and before a final line break).
pub fn is_truncated(text: &[u32]) -> bool {
    let window = &text[text.len().saturating_sub(TRUNCATION_WINDOW)..];
    let n = window.len();
    mark_ends_before(window, n) || (n > 0 && window[n - 1] == u32::from('\n') && mark_ends_before(window, n - 1))
}

/// Whether `\s*[)）\]】]?` can end at `end` with a truncation mark just before it. A closing
/// bracket just before `end` must be the optional one (it is neither space nor mark), and the
/// spaces before it all belong to `\s*` (a mark is not a space), so the mark must end where
/// that run of spaces starts.
fn mark_ends_before(window: &[u32], end: usize) -> bool {
    let mut at = end;
    if at > 0 && is_closing_bracket(window[at - 1]) {
        at -= 1;
    }
    while at > 0 && is_space(window[at - 1]) {
        at -= 1;
    }
    let before = &window[..at];
    let ends_with_three =
        |c: char| before.len() >= 3 && before[before.len() - 3..].iter().all(|&cp| cp == u32::from(c));
    matches!(before.last().and_then(|&cp| char::from_u32(cp)), Some('…' | '⋯'))
        || ends_with_three('.')
        || ends_with_three('。')
}

/// The one-character stopwords (`lexicon.stop_chars`), for the jieba-free stopword density.
#[derive(Debug, Clone, Default)]
pub struct StopChars {
    set: CharSet,
}

impl StopChars {
    /// The stopwords among `chars` (each character one; repeats and order do not matter).
    pub fn new(chars: impl IntoIterator<Item = u32>) -> StopChars {
        StopChars { set: CharSet::new(chars) }
    }

    /// How many characters of `text` are stopwords.
    pub fn count(&self, text: impl IntoIterator<Item = u32>) -> usize {
        text.into_iter().filter(|&cp| self.set.contains(cp)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(text: &str) -> Vec<u32> {
        text.chars().map(u32::from).collect()
    }

    #[test]
    fn han_counts_the_three_ranges() {
        assert_eq!(han_count(&cps("2021年GDP增长8.1%")), 3);
        assert_eq!(han_count(&cps("𠀀㐀豈")), 2);
        assert_eq!(han_count(&cps("，。！")), 0);
        assert_eq!(han_count(&[0xD800, 0x4E00]), 1);
    }

    #[test]
    fn punct_counts_half_width_marks_between_han() {
        for (text, want) in [
            ("6月3日，重庆市科技局与上海市科委签署协议。", 2),
            ("6月3日,重庆市科技局与上海市科委签署协议。", 2),
            ("重庆,上海;北京:天津!广州?深圳", 5),
            ("重庆, 上海", 1),
            ("重庆,\"上海\"", 1),
            ("重庆,“上海”", 3),
            ("重庆,", 0),
            (",上海", 0),
            ("Chongqing,上海", 0),
            ("重庆,Shanghai", 0),
            ("㐀,上海", 0), // extension A is Han but not a neighbour that counts
            ("version 1,2: ok", 0),
            ("《人民日报》（海外版）……", 6),
        ] {
            assert_eq!(punct_count(&cps(text)), want, "{text}");
        }
    }

    #[test]
    fn sentence_ends() {
        for (text, want) in [
            ("今天下雨了。", true),
            ("他说：“好。”", true),
            ("Done!", true),
            ("今天下雨了。 \u{3000}\n", true),
            ("记者20日获悉,来自全省各", false),
            ("第一，", false),
            ("", false),
            ("  ", false),
        ] {
            assert_eq!(ends_sentence(&cps(text)), want, "{text:?}");
        }
    }

    #[test]
    fn truncation_marks() {
        for (text, want) in [
            ("国际公共艺术论坛系列活动在青岛...", true),
            ("系列活动在青岛…", true),
            ("系列活动在青岛⋯", true),
            ("系列活动在青岛。。。", true),
            ("系列活动在青岛...)", true),
            ("系列活动（详情…）", true),
            ("详情… \n", true),
            ("详情…)\n", true),    // `$` before a final line break
            ("详情…)\n\n", false), // ... but only one
            ("详情…) x", false),
            ("详情…))", false),
            ("正文。", false),
            ("版本 1.2", false),
            ("他说..", false),
            ("。。。      ", false), // the mark is cut by the last eight characters
            ("。。。     ", true),
            ("", false),
        ] {
            assert_eq!(is_truncated(&cps(text)), want, "{text:?}");
        }
    }

    #[test]
    fn stop_chars_count() {
        let stop = StopChars::new(cps("的了在我的"));
        assert_eq!(stop.count(cps("我们在北京的大学里学习了")), 4);
        assert_eq!(StopChars::default().count(cps("的")), 0);
    }

    /// [`tally`] against the counts one by one (`chars` as `measure` counted it), on random
    /// code points around the classes' edges and on news text.
    #[test]
    fn tally_is_the_counts_one_by_one() {
        let stop = StopChars::new(cps("的了在我是，"));
        let by_one = |text: &[u32], stop: Option<&StopChars>| Tally {
            chars: text.iter().filter(|&&cp| !is_space(cp)).count(),
            han: han_count(text),
            punct: punct_count(text),
            stops: stop.map_or(0, |s| s.count(text.iter().copied())),
        };
        let pool: Vec<u32> = cps("的了在我是一，。,:;!?\"“”…—（）)】 \u{3000}\t\n.⋯《》、；a1")
            .into_iter()
            .chain([0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0x3400, 0x4DBF, 0xF900, 0xFAFF, 0x3FF, 0xD800, 0xDFFF])
            .chain([0x85, 0xA0, 0x1680, 0x2000, 0x200A, 0x200B, 0x2028, 0x202F, 0x205F, 0x1C, 0x1F, 0x20000])
            .chain([0x11_0000, u32::MAX])
            .collect();
        let mut rng = crate::test_rng::Rng(0x7A11);
        for _ in 0..50_000 {
            let text: Vec<u32> = (0..rng.below(14)).map(|_| pool[rng.below(pool.len())]).collect();
            for s in [None, Some(&stop)] {
                assert_eq!(tally(&text, s), by_one(&text, s), "{text:X?}");
            }
        }
        let news = cps("6月3日,重庆市科技局与上海市科委签署《科技合作框架协议》。根据协议,“我市”将与上海在七个方面开展深度合作; 详情…");
        assert_eq!(tally(&news, Some(&stop)), by_one(&news, Some(&stop)));
        assert_eq!(tally(&news, None).punct, 9);
    }

    #[test]
    fn no_panic_on_any_code_points() {
        let pool = [0x4E00, 0x3400, u32::from(','), u32::from('…'), u32::from('.'), u32::from(')'), 0x20, 0x0A, 0x3000];
        let mut seed = 3u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = (seed >> 60) as usize;
            let text: Vec<u32> = (0..len)
                .map(|k| {
                    let r = seed.rotate_left(7 * k as u32);
                    if r % 3 == 0 {
                        r as u32
                    } else {
                        pool[(r >> 8) as usize % pool.len()]
                    }
                })
                .collect();
            assert!(han_count(&text) <= text.len() && punct_count(&text) <= text.len());
            let _ = (ends_sentence(&text), is_truncated(&text), StopChars::new(text.clone()).count(text.clone()));
        }
    }
}
