//! Stage 5 of the pipeline: keep or drop each block, in the context of the page
//! (`cleantext/select.py`, whose module docstring tells the steps).
//!
//! The port is in three parts, one module each, in the order the algorithm runs:
//! - [`hard`]: the reasons a block goes whatever its context (the lexicon, hidden widgets,
//!   duplicates, link-dense blocks, teaser lists), the metadata lines and the date columns;
//! - [`region`]: what each block adds to a region, the main region, threads and posts, the
//!   region continued over the article's next sections, its element and their look-alikes, and
//!   the title;
//! - [`keep`]: what is kept around the region (code, data tables, records, repeated lines,
//!   replies, short lines inside the article's element or between kept blocks).
//!
//! The parts' entry points, which [`select`] runs in this order (each part's Python twin named):
//! - `hard::hard(page, patterns, t) -> hard::Hard { reasons, datelines, dated }`:
//!   `_hard_reasons`, `_metadata_lines(.., t.label_max_han)`, `_date_columns`;
//!   `hard::contents_lists(page, patterns, t) -> Vec<Range<usize>>`: `contents_lists`;
//! - `region::is_thread(page, patterns, scores, &hard, bylines, t) -> bool`: the `thread` test of
//!   `select` (`is_thread`, `repeated_posts`, `_posts_by_bylines`);
//!   `region::region(page, lexicon, scores, &hard, bylines, t, fixed_title, thread) -> region::Region
//!   { values, region, spans, title_index, posts_from }`: `_select` from `_values` to the title;
//! - `keep::keep(page, scores, &hard, &region, thread, t) -> Selection`: `_select` from the
//!   verdict of each block to `_keep_sandwiched`.
//!
//! Judgements on texts that several parts make are in [`text`] (`alike_heads`, `echo_share`,
//! `heading_like`, `shape`, digits as Python's `\d` reads them); Python's patterns that the
//! core reads from their text, to answer or to ask Python less, in [`patterns`].
//!
//! Texts are WTF-8, as the bindings hand them over (see [`crate::pystr`]): compared as bytes,
//! decoded only to be counted. What the core does not judge itself, Python's patterns judge for
//! it (see [`Patterns`]): a dateline (`metadata.is_dateline`, whose tests [`dateline`] takes
//! where it can say what Python would), a title line and a chapter name (`data/structure.tsv`).

pub mod dateline;
pub mod hard;
pub mod keep;
pub mod patterns;
pub mod region;
pub mod text;

use crate::charmap::CharMap;
use crate::features::columns::Rows;
use crate::features::lexicon::Lexicon;
use crate::features::Row;
use std::borrow::Cow;

/// Why a block was kept or dropped: the codes of `cleantext/reasons.py` (the boilerplate
/// lexicon's codes among them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    MainRegion,
    ContinuesRegion,
    Title,
    Metadata,
    Empty,
    Short,
    ShortHeading,
    LinkDense,
    Nav,
    NoHan,
    OutsideRegion,
    TeaserList,
    TruncatedDuplicate,
    Duplicate,
    ListHeading,
    Copyright,
    Icp,
    EditorLine,
    Share,
    Pager,
    Related,
    Comment,
    Login,
    Ad,
    Boilerplate,
}

impl Reason {
    /// Every reason, for lookups by code.
    pub const ALL: [Reason; 25] = [
        Reason::MainRegion,
        Reason::ContinuesRegion,
        Reason::Title,
        Reason::Metadata,
        Reason::Empty,
        Reason::Short,
        Reason::ShortHeading,
        Reason::LinkDense,
        Reason::Nav,
        Reason::NoHan,
        Reason::OutsideRegion,
        Reason::TeaserList,
        Reason::TruncatedDuplicate,
        Reason::Duplicate,
        Reason::ListHeading,
        Reason::Copyright,
        Reason::Icp,
        Reason::EditorLine,
        Reason::Share,
        Reason::Pager,
        Reason::Related,
        Reason::Comment,
        Reason::Login,
        Reason::Ad,
        Reason::Boilerplate,
    ];

    /// The code, as `Reason.<NAME>.value` spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::MainRegion => "main-region",
            Reason::ContinuesRegion => "continues-region",
            Reason::Title => "title",
            Reason::Metadata => "metadata",
            Reason::Empty => "empty",
            Reason::Short => "short",
            Reason::ShortHeading => "short-heading",
            Reason::LinkDense => "link-dense",
            Reason::Nav => "nav",
            Reason::NoHan => "no-han",
            Reason::OutsideRegion => "outside-region",
            Reason::TeaserList => "teaser-list",
            Reason::TruncatedDuplicate => "truncated-duplicate",
            Reason::Duplicate => "duplicate",
            Reason::ListHeading => "list-heading",
            Reason::Copyright => "copyright",
            Reason::Icp => "icp",
            Reason::EditorLine => "editor-line",
            Reason::Share => "share",
            Reason::Pager => "pager",
            Reason::Related => "related",
            Reason::Comment => "comment",
            Reason::Login => "login",
            Reason::Ad => "ad",
            Reason::Boilerplate => "boilerplate",
        }
    }

    /// The reason a code names, if it is one of selection's.
    ///
    /// ```
    /// use _core::select::Reason;
    /// assert_eq!(Reason::from_code("editor-line"), Some(Reason::EditorLine));
    /// assert_eq!(Reason::from_code("binary"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.iter().copied().find(|r| r.as_str() == code)
    }

    /// A code that ends an article: a region never spans it (`select.BARRIERS`).
    pub fn is_barrier(self) -> bool {
        matches!(
            self,
            Reason::Related | Reason::Comment | Reason::Copyright | Reason::Icp | Reason::EditorLine | Reason::Login
        )
    }

    /// A barrier on a forum thread, where comments are the posts (`select.THREAD_BARRIERS`).
    pub fn is_thread_barrier(self) -> bool {
        self.is_barrier() && self != Reason::Comment
    }

    /// A barrier that is a section heading a sidebar may hold (`select.SIDEBAR_LABELS`).
    pub fn is_sidebar_label(self) -> bool {
        matches!(self, Reason::Related | Reason::Comment | Reason::Login)
    }
}

/// A block's kind (`RawBlock.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Paragraph,
    ListItem,
    TableCell,
    Preformatted,
    Quote,
    Line,
    /// A kind selection does not name.
    Other,
}

impl Kind {
    /// The kind a `RawBlock.kind` string names.
    pub fn from_name(name: &str) -> Kind {
        match name {
            "heading" => Kind::Heading,
            "paragraph" => Kind::Paragraph,
            "list-item" => Kind::ListItem,
            "table-cell" => Kind::TableCell,
            "preformatted" => Kind::Preformatted,
            "quote" => Kind::Quote,
            "line" => Kind::Line,
            _ => Kind::Other,
        }
    }
}

/// What selection reads of a block (`RawBlock`): its text (WTF-8), the text the word lists
/// match (`lexicon.simplified`: the same characters, traditional ones written simplified), its
/// kind and its element's tag (`th`, `td`, `line` for a text dump).
/// The texts are borrowed from where the page's blocks are held (a text dump's table in the
/// core, or one buffer of a page's texts), so a page of many blocks allocates nothing per block.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Block<'a> {
    pub text: &'a [u8],
    pub matchable: Option<&'a [u8]>,
    pub kind: Option<Kind>,
    pub tag: &'a [u8],
    /// `text` and `matchable` as `str`s, when the caller holds them as such (a text dump's table
    /// in the core): the patterns read them without checking them again. `None`: read from the
    /// bytes (WTF-8, checked where a pattern reads them).
    pub text_str: Option<&'a str>,
    pub matchable_str: Option<&'a str>,
    /// Set when the word lists match the text as this map writes it, made as they read it
    /// (a block held by the core whose text holds a traditional character); `matchable` is
    /// then `None`.
    pub simplify: Option<&'a CharMap>,
}

impl<'a> Block<'a> {
    /// The text the word lists match.
    pub fn matchable(&self) -> Cow<'a, [u8]> {
        match self.simplify {
            Some(map) => map.mapped_wtf8(self.text),
            None => Cow::Borrowed(self.matchable.unwrap_or(self.text)),
        }
    }

    /// [`Block::matchable`] as a `str`, when the caller holds the text as one.
    pub fn matchable_str(&self) -> Option<Cow<'a, str>> {
        match self.simplify {
            Some(map) => self.text_str.map(|text| map.mapped(text)),
            None if self.matchable.is_some() => self.matchable_str.map(Cow::Borrowed),
            None => self.text_str.map(Cow::Borrowed),
        }
    }

    /// The block's kind (`Kind::Other` when unset).
    pub fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Other)
    }
}

/// A block-level element holding blocks `first..end` (HTML only; `blocks.Container`): its tag,
/// its lower-cased class and id words (`hints`) and whether the markup hides it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Container {
    pub first: usize,
    pub end: usize,
    pub tag: Vec<u8>,
    pub hints: Vec<u8>,
    pub hidden: bool,
}

impl Container {
    /// Blocks inside.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.first)
    }

    /// Whether it holds no block.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A page as selection reads it: its blocks, their features (measure's rows, shared), the
/// lexicon's reasons the rows index, its `<title>` and its elements (none for a text dump).
#[derive(Debug, Clone, Default)]
pub struct Page<'a> {
    pub blocks: Vec<Block<'a>>,
    pub feats: Rows,
    /// The reasons of each distinct lexicon code list, in the order the lexicon found them
    /// (`Row::lexicon` indexes it; index 0, and any past the end, is no reason).
    pub lexicon: Vec<Vec<Reason>>,
    pub title: Option<Vec<u8>>,
    pub containers: Vec<Container>,
    /// Class/id words of elements that stay hidden until clicked (`select.WIDGET_WORDS`, from
    /// `data/structure.tsv`).
    pub widget_words: Vec<Vec<u8>>,
}

impl Page<'_> {
    /// The lexicon's reasons for a block whose features are `f`, in the order it found them.
    pub fn lexicon_of(&self, f: &Row) -> &[Reason] {
        self.lexicon.get(f.lexicon as usize).map_or(&[], Vec::as_slice)
    }

    /// Block `i` gets the lexicon's `reasons` (`Row::lexicon` indexing them, the list added to
    /// [`Page::lexicon`] unless there). For pages made in Rust, as tests and fuzzing make them.
    ///
    /// ```
    /// use _core::features::columns::Row;
    /// use _core::select::{Page, Reason};
    /// let mut page = Page { feats: vec![Row::default(); 3].into(), ..Page::default() };
    /// page.set_lexicon(0, vec![Reason::Share]);
    /// page.set_lexicon(2, vec![Reason::Share]);
    /// assert_eq!((page.feats[0].lexicon, page.feats[1].lexicon, page.feats[2].lexicon), (1, 0, 1));
    /// assert_eq!(page.lexicon_of(&page.feats[2]), [Reason::Share]);
    /// ```
    pub fn set_lexicon(&mut self, i: usize, reasons: Vec<Reason>) {
        if self.lexicon.is_empty() {
            self.lexicon.push(Vec::new());
        }
        let at = match self.lexicon.iter().position(|r| *r == reasons) {
            Some(at) => at,
            None => {
                self.lexicon.push(reasons);
                self.lexicon.len() - 1
            }
        };
        self.feats[i].lexicon = at as u32;
    }
}

/// What selection asks Python's patterns, block by block (block indexes into the page), each
/// asked at most once per block and only of the blocks that need it (the bindings answer some
/// natively, and skip what [`patterns::Known`] shows cannot be true).
pub trait Patterns {
    /// `metadata.is_dateline(text, han)`: a short line carrying the article's date, source or
    /// author.
    fn is_dateline(&mut self, i: usize) -> bool;
    /// `select.TITLE_LABEL.match(text)`: a line that names the post or article it heads.
    fn title_label(&mut self, i: usize) -> bool;
    /// `select.CHAPTER.search(text)`: a chapter of a book named in a table of contents.
    fn chapter(&mut self, i: usize) -> bool;
    /// `select.is_thread(blocks)`: a short block of the page holds a forum thread's controls.
    fn thread_marks(&mut self) -> bool;
}

/// The numbers selection judges by (`select.Thresholds`, whose docstring says what each does),
/// in its field order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub good: f64,
    pub neutral: f64,
    pub neutral_value: f64,
    pub bad_value: f64,
    pub bad_value_per_han: f64,
    pub bad_value_han_cap: i64,
    pub post_han: i64,
    pub relax_below_han: i64,
    pub relax_shift: f64,
    pub relax_min_han: i64,
    pub anchor_share: f64,
    pub early_share: f64,
    pub list_item_share: f64,
    pub element_floor: f64,
    pub contents_min_items: i64,
    pub contents_share: f64,
    pub label_max_han: i64,
    pub table_max_link_density: f64,
    pub table_gap: i64,
    pub series_max_link_density: f64,
    pub interleaved_han: i64,
    pub interleaved_reach: i64,
    pub wrapped_han: i64,
    pub title_echo: f64,
    pub byline_series: i64,
    pub barrier_cost: f64,
    pub label_share: f64,
    pub continue_density: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            good: 0.0,
            neutral: -2.5,
            neutral_value: -2.0,
            bad_value: -4.0,
            bad_value_per_han: 0.5,
            bad_value_han_cap: 40,
            post_han: 10,
            relax_below_han: 60,
            relax_shift: 3.0,
            relax_min_han: 20,
            anchor_share: 0.1,
            early_share: 0.2,
            list_item_share: 0.5,
            element_floor: -5.5,
            contents_min_items: 20,
            contents_share: 0.6,
            label_max_han: 40,
            table_max_link_density: 0.3,
            table_gap: 3,
            series_max_link_density: 0.6,
            interleaved_han: 100,
            interleaved_reach: 2,
            wrapped_han: 25,
            title_echo: 0.3,
            byline_series: 3,
            barrier_cost: 20.0,
            label_share: 0.5,
            continue_density: 0.3,
        }
    }
}

/// What a barrier "adds" to a region: no region can hold one (`select.BARRIER_VALUE`).
pub const BARRIER_VALUE: f64 = -1e6;

/// The decision for every block (`select.Selection`): kept or not, its reasons, the article's
/// region (inclusive bounds) and the block that titles it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub kept: Vec<bool>,
    pub reasons: Vec<Vec<Reason>>,
    pub region: Option<(usize, usize)>,
    pub title_index: Option<usize>,
}

/// Decides every block of a page (`select.select`; the module docstring of `select.py` tells the
/// steps): the hard reasons, the thread test, the region and what is kept around it; a page
/// whose article comes out short is judged again with every score raised by
/// `t.relax_shift`, keeping the title found first, and that outcome counts if it finds more;
/// a table of contents that outweighs the article is the content.
pub fn select(
    page: &Page,
    lexicon: &Lexicon,
    scores: &[f64],
    patterns: &mut dyn Patterns,
    t: &Thresholds,
) -> Selection {
    let hard = hard::hard(page, patterns, t);
    // a date column's dates are no bylines
    let bylines: Vec<bool> = hard.datelines.iter().zip(&hard.dated).map(|(&d, &column)| d && !column).collect();
    let thread = region::is_thread(page, patterns, scores, &hard, &bylines, t);
    let mut chosen = judge(page, lexicon, scores, &hard, &bylines, t, None, thread);
    let mut kept = han_of(page, &chosen.kept);
    if (kept as i64) < t.relax_below_han {
        let shifted: Vec<f64> = scores.iter().map(|s| s + t.relax_shift).collect();
        let relaxed = judge(page, lexicon, &shifted, &hard, &bylines, t, chosen.title_index, thread);
        let relaxed_han = han_of(page, &relaxed.kept);
        if relaxed_han > kept && relaxed_han as i64 >= t.relax_min_han {
            chosen = relaxed;
            kept = relaxed_han;
        }
    }
    with_contents(page, patterns, chosen, kept, t)
}

/// One judgement of the page at these scores (`select._select`).
#[allow(clippy::too_many_arguments)]
fn judge(
    page: &Page,
    lexicon: &Lexicon,
    scores: &[f64],
    hard: &hard::Hard,
    bylines: &[bool],
    t: &Thresholds,
    fixed_title: Option<usize>,
    thread: bool,
) -> Selection {
    let found = region::region(page, lexicon, scores, hard, bylines, t, fixed_title, thread);
    keep::keep(page, scores, hard, &found, thread, t)
}

/// Han characters of the kept blocks.
fn han_of(page: &Page, kept: &[bool]) -> usize {
    page.feats.iter().zip(kept).filter(|(_, &k)| k).map(|(f, _)| f.han).sum()
}

/// A page whose table of contents outweighs its article (a novel's chapter list) keeps the list
/// (`select._with_contents`).
fn with_contents(
    page: &Page,
    patterns: &mut dyn Patterns,
    mut chosen: Selection,
    kept_han: usize,
    t: &Thresholds,
) -> Selection {
    let lists = hard::contents_lists(page, patterns, t);
    let han = |i: usize| page.feats.get(i).map_or(0, |f| f.han);
    let listed: usize = lists.iter().flat_map(|run| run.clone()).map(han).sum();
    if lists.is_empty() || listed <= kept_han {
        return chosen;
    }
    for i in lists.into_iter().flatten() {
        if han(i) > 0 && i < chosen.kept.len() && i < chosen.reasons.len() {
            chosen.kept[i] = true;
            chosen.reasons[i] = vec![Reason::ContinuesRegion];
        }
    }
    chosen
}
