//! Any bytes -> a page of blocks with features, scores, elements and pattern answers drawn from
//! them -> selection: no panic; one verdict and one reason list for each block; the region and
//! the title inside the page; a kept block has a kept reason.
#![no_main]

use _core::charmap::CharMap;
use _core::features::lexicon::Lexicon;
use _core::features::Row;
use _core::select::{select, Block, Container, Kind, Page, Patterns, Reason, Thresholds};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Pattern answers read off the block's text, as Python's would be: a colon makes a dateline...
struct Answers<'a>(&'a Page<'a>);

impl Patterns for Answers<'_> {
    fn is_dateline(&mut self, i: usize) -> bool {
        self.0.blocks[i].text.contains(&b':')
    }
    fn title_label(&mut self, i: usize) -> bool {
        self.0.blocks[i].text.starts_with(b"T")
    }
    fn chapter(&mut self, i: usize) -> bool {
        self.0.blocks[i].text.contains(&b'#')
    }
    fn thread_marks(&mut self) -> bool {
        self.0.blocks.iter().any(|b| b.text == b"floor")
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        Lexicon::new("related\t20\t相关|related\ncomment\t20\t评论|comment\nshare\t20\t分享\nlogin\t20\tlogin\n")
            .expect("a valid lexicon")
    })
}

const KINDS: [Kind; 8] = [
    Kind::Paragraph,
    Kind::Heading,
    Kind::ListItem,
    Kind::TableCell,
    Kind::Preformatted,
    Kind::Quote,
    Kind::Line,
    Kind::Other,
];
const TAGS: [&[u8]; 6] = [b"div", b"table", b"tr", b"th", b"td", b"li"];

/// A few traditional characters written simplified.
fn simplify() -> &'static CharMap {
    static MAP: OnceLock<CharMap> = OnceLock::new();
    MAP.get_or_init(|| CharMap::new([('來', '来'), ('報', '报'), ('編', '编'), ('輯', '辑')]))
}

fuzz_target!(|data: &[u8]| {
    let Some((&knobs, rest)) = data.split_first() else { return };
    let pieces: Vec<&[u8]> = rest.split(|&b| b == b'\n').take(96).collect();
    let n = pieces.len();
    let byte = |i: usize, k: usize| pieces[i].get(k).copied().unwrap_or(0);
    let mut page = Page { widget_words: vec![b"modal".to_vec()], ..Page::default() };
    let mut scores = Vec::new();
    let mut feats = Vec::new();
    let mut lexicon_of = Vec::new(); // the reasons each block's lexicon gives
    for (i, text) in pieces.iter().enumerate() {
        let (a, b, c) = (byte(i, 0), byte(i, 1), byte(i, 2));
        page.blocks.push(Block {
            text,
            matchable: None,
            kind: Some(KINDS[usize::from(a % 8)]),
            tag: TAGS[usize::from(b % 6)],
            text_str: if c & 0x10 == 0 { std::str::from_utf8(text).ok() } else { None }, // (held or read from the bytes)
            matchable_str: None,
            simplify: (c & 0x20 == 0x20).then(simplify), // (simplified as it is read)
        });
        let reasons = [Reason::Related, Reason::Comment, Reason::Share, Reason::Login, Reason::Copyright];
        feats.push(Row {
            chars: text.len(),
            han: text.iter().filter(|&&x| x >= 0xE0).count() * usize::from(1 + c % 4),
            punct: text.iter().filter(|&&x| x == b'.').count(),
            ends_sentence: a & 1 == 1,
            link_density: f64::from(b % 11) / 10.0,
            list_item: a & 2 == 2,
            heading: a & 4 == 4,
            truncated: a & 8 == 8,
            prefix_of: (c & 16 == 16).then(|| usize::from(c) % n),
            duplicate_of: (c & 32 == 32).then(|| usize::from(b) % n),
            ..Row::default()
        });
        if c & 64 == 64 {
            lexicon_of.push((i, vec![reasons[usize::from(a) % 5]]));
        }
        scores.push(f64::from(a) / 12.0 - 10.0);
        if b & 0xC0 == 0xC0 {
            let end = (i + 1 + usize::from(c % 16)).min(n + usize::from(knobs & 1));
            let first = i.saturating_sub(usize::from(a % 3));
            page.containers.push(Container {
                first,
                end,
                tag: TAGS[usize::from(c % 6)].to_vec(),
                hints: if a & 16 == 16 { b"ui modal p1".to_vec() } else { b"post p2".to_vec() },
                hidden: b & 1 == 1,
            });
        }
    }
    page.feats = feats.into();
    for (i, reasons) in lexicon_of {
        page.set_lexicon(i, reasons);
    }
    if knobs & 2 == 2 {
        page.title = pieces.first().map(|t| t.to_vec());
    }
    let t = match knobs >> 5 {
        0 => Thresholds { byline_series: 0, relax_below_han: 10_000, ..Thresholds::default() },
        1 => Thresholds { good: -3.0, neutral: -6.0, table_gap: 0, contents_min_items: 1, ..Thresholds::default() },
        2 => Thresholds { barrier_cost: -5.0, label_share: 0.0, continue_density: 0.0, ..Thresholds::default() },
        _ => Thresholds::default(),
    };
    let page_ref = page.clone();
    let chosen = select(&page, lexicon(), &scores, &mut Answers(&page_ref), &t);
    assert_eq!((chosen.kept.len(), chosen.reasons.len()), (n, n));
    if let Some((a, b)) = chosen.region {
        assert!(a <= b && b < n, "region {a}..{b} of {n}");
    }
    assert!(chosen.title_index.is_none_or(|i| i < n));
    for (kept, reasons) in chosen.kept.iter().zip(&chosen.reasons) {
        assert!(!reasons.is_empty());
        if *kept {
            assert!(matches!(reasons[0], Reason::MainRegion | Reason::ContinuesRegion), "kept for {reasons:?}");
        }
    }
});
