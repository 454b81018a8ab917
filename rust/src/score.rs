//! Stage 4 of the pipeline: article-ness of each block on its own (`cleantext/score.py`).
//!
//! A linear score, `bias + Σ weight × term`, with the weights of `data/weights.json` (read by
//! Python and handed over in the order of [`TERM_NAMES`]). The sum runs left to right in that
//! order, as Python's `sum` of floats did through 3.11, so scores are the same to the last bit
//! whichever Python runs the package.

/// The terms, in the order [`terms`] gives them and [`Weights::score`] adds them up.
pub const TERM_NAMES: [&str; 12] = [
    "log_han",
    "punct_density",
    "ends_sentence",
    "stopword_density",
    "link_density",
    "list_item",
    "heading",
    "truncated",
    "low_han_ratio",
    "lexicon",
    "headline",
    "unpunctuated",
];

/// Han characters past which a longer block reads no more like prose (`log_han` saturates).
const HAN_CAP: u64 = 255;
/// Punctuation per Han character at which prose saturates (about one mark per 8 characters).
const PUNCT_SATURATION: f64 = 0.125;
/// Blocks this short that do not end a sentence read as headlines, labels or menu items.
const HEADLINE_HAN: u64 = 40;
/// A Han ratio below this is a block of mostly other characters.
const LOW_HAN_RATIO: f64 = 0.3;
/// The stopword density past which a block reads no more like prose.
const STOPWORD_CAP: f64 = 0.5;

/// What the score reads of a block's features.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Input {
    pub han: u64,
    pub punct: u64,
    pub han_ratio: f64,
    pub ends_sentence: bool,
    /// The stopword density, 0 if it was not measured.
    pub stopword_density: f64,
    pub link_density: f64,
    pub list_item: bool,
    pub heading: bool,
    /// Ends with an ellipsis, or begins a longer block (`truncated or prefix_of is not None`).
    pub truncated: bool,
    /// Matches a rule of the boilerplate lexicon.
    pub lexicon: bool,
}

/// `min(a, b)` of Python: `a` unless `b` is smaller (so a NaN `a` stays).
fn py_min(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

fn flag(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// The values the weights multiply, in the order of [`TERM_NAMES`], each in a small range.
pub fn terms(x: &Input) -> [f64; 12] {
    [
        ((1 + x.han.min(HAN_CAP)) as f64).log2(),
        py_min(x.punct as f64 / x.han.max(1) as f64 / PUNCT_SATURATION, 1.0),
        flag(x.ends_sentence),
        py_min(x.stopword_density, STOPWORD_CAP),
        x.link_density,
        flag(x.list_item),
        flag(x.heading),
        flag(x.truncated),
        flag(x.han_ratio < LOW_HAN_RATIO),
        flag(x.lexicon),
        flag(!x.ends_sentence && x.han <= HEADLINE_HAN),
        flag(x.punct == 0 && x.han > HEADLINE_HAN),
    ]
}

/// The bias and the weight of each term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub bias: f64,
    pub terms: [f64; 12],
}

impl Weights {
    /// Article-ness of a block: `bias + Σ weight × term`, the products added left to right.
    pub fn score(&self, x: &Input) -> f64 {
        let mut total = 0.0;
        for (w, v) in self.terms.iter().zip(terms(x)) {
            total += w * v;
        }
        self.bias + total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped `data/weights.json`, in term order.
    const SHIPPED: Weights =
        Weights { bias: -3.0, terms: [0.6, 3.0, 1.5, 3.0, -4.0, -0.8, -1.0, -2.0, -1.5, -3.0, -1.5, -4.0] };

    fn prose() -> Input {
        Input { han: 56, punct: 6, han_ratio: 0.93, ends_sentence: true, stopword_density: 0.25, ..Input::default() }
    }

    #[test]
    fn the_terms() {
        let t = terms(&Input { han: 36, punct: 4, han_ratio: 0.9, ends_sentence: true, ..Input::default() });
        assert_eq!(t[0], 37f64.log2());
        assert_eq!(t[1], 4.0 / 36.0 / 0.125);
        assert_eq!(&t[2..], &[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
        let long = terms(&Input { han: 10_000, punct: 0, han_ratio: 0.1, stopword_density: 0.9, ..Input::default() });
        assert_eq!((long[0], long[1], long[3], long[8], long[11]), (8.0, 0.0, 0.5, 1.0, 1.0));
        assert_eq!(terms(&Input { punct: 3, ..Input::default() })[1], 1.0); // no Han: per one
        assert!(terms(&Input { stopword_density: f64::NAN, ..Input::default() })[3].is_nan());
    }

    #[test]
    fn prose_scores_above_a_menu() {
        let menu = Input { han: 8, han_ratio: 1.0, link_density: 1.0, list_item: true, ..Input::default() };
        assert!(SHIPPED.score(&prose()) > 0.0 && SHIPPED.score(&menu) < 0.0);
        let unfinished = Input { ends_sentence: false, ..prose() };
        assert!((SHIPPED.score(&prose()) - SHIPPED.score(&unfinished) - 1.5).abs() < 1e-12);
        let headline = Input { han: 20, ..unfinished };
        assert_eq!(terms(&headline)[10], 1.0);
    }

    #[test]
    fn extreme_inputs_give_numbers() {
        let x =
            Input { han: u64::MAX, punct: u64::MAX, han_ratio: f64::INFINITY, link_density: -1.0, ..Input::default() };
        let t = terms(&x);
        assert_eq!((t[0], t[1]), (8.0, 1.0));
        assert!(SHIPPED.score(&x).is_finite());
    }
}
