//! Any bytes, read as the WTF-8 texts of a page's blocks (split at newlines) -> features with
//! the shipped lexicon: no panic, counts within the text, ratios in [0, 1] (the link density
//! at least 0), prefix links to another block, duplicate links to an earlier one.
#![no_main]

use _core::charmap::CharMap;
use _core::features::counts::StopChars;
use _core::features::lexicon::Lexicon;
use _core::features::{measure, Block};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const BOILERPLATE: &str = include_str!("../../../src/cleantext/data/boilerplate.tsv");

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::new(BOILERPLATE).expect("the shipped lexicon compiles"))
}

/// A few traditional characters written simplified (and wider, narrower, ASCII ones).
fn simplify() -> &'static CharMap {
    static MAP: OnceLock<CharMap> = OnceLock::new();
    MAP.get_or_init(|| CharMap::new([('權', '权'), ('報', '报'), ('來', '来'), ('Ä', '字'), ('段', 'd'), ('x', 'ÿ')]))
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let stop = StopChars::new("的了是在和".chars().map(u32::from));
    let blocks: Vec<Block<'_>> = rest
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, text)| Block {
            text,
            // a text held as a str by its caller (flag 8), as the core's blocks are
            text_str: if flags & 8 == 8 { std::str::from_utf8(text).ok() } else { None },
            matchable: text,
            matchable_str: if flags & 4 == 4 { std::str::from_utf8(text).ok() } else { None },
            // simplified as it is read (flag 16), as a traditional page's blocks are
            simplify: (flags & 16 == 16).then(simplify),
            link_chars: i64::from(flags) * (i as i64 % 3), // never negative, as from Python
            list_item: flags & 1 == 1,
            heading: flags & 2 == 2,
        })
        .collect();
    let measured = measure(&blocks, lexicon(), &stop);
    let feats = &measured.rows;
    assert_eq!(feats.len(), blocks.len());
    // the distinct code lists: the empty one first, no other empty, each code one of the lexicon's
    assert!(measured.codes[0].is_empty() && measured.codes[1..].iter().all(|c| !c.is_empty()));
    assert!(measured.codes.iter().flatten().all(|&c| c < lexicon().codes().len()));
    for (i, f) in feats.iter().enumerate() {
        assert!(f.han <= f.chars && f.punct <= blocks[i].text.len());
        // link characters count a link's inner spaces, `chars` does not: the density may pass 1
        assert!(f.link_density >= 0.0 && f.link_density.is_finite());
        let stopword_density = f.stopword_density.expect("measure gives every stopword density");
        for r in [f.han_ratio, stopword_density, f.position] {
            assert!((0.0..=1.0).contains(&r), "ratio {r} out of range in block {i}");
        }
        // a lead may come before the text it begins; a duplicate comes after the first
        assert!(f.prefix_of.is_none_or(|j| j != i && j < feats.len()) && f.duplicate_of.is_none_or(|j| j < i));
        assert!((f.lexicon as usize) < measured.codes.len());
    }
});
