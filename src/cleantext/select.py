"""Stage 5: keep or drop each block, in the context of the page.

1. Hard drops: the boilerplate lexicon, text inside hidden widgets (modal
   dialogs, popups), truncated leads that repeat a later block, duplicates,
   link-dense blocks, teaser lists (items that repeat their own headline or end
   cut off, in a run) with the heading that opens them.
2. The main region: a contiguous run of blocks with article mass (prose adds its
   Han characters, list items half, everything else costs; editor, copyright,
   related, comment and login lines are barriers no region crosses, except a
   sidebar label laid between a text dump's article lines, and comments on a
   forum thread, and a comment count closing each of several posts). The run right
   after the heading that matches ``<title>`` wins when it holds enough mass (an
   article follows its title); otherwise the first strong run (comments and feeds
   come after articles); on a thread, the first at or after the first post's byline
   (a board's notice above the posts is none).
3. HTML: the smallest element holding most of the region, up to the barriers,
   and the elements that repeat it (the other posts of a thread).
4. Inside the region prose is kept; inside those elements, weaker blocks too,
   and short lines between their kept blocks (subheadings, captions); a data
   table in the article's element or right after it, with the headings above
   it; a record of labelled values just above it (索引号：…, 发文机关：…); short
   blocks between kept ones. On a forum thread the prose after the first post
   is the replies, and so is a short line under a byline written like the first
   post's. Title, dateline and title lines (主题：, 原标题：) are set aside. A page
   where this finds almost nothing is judged again, leniently; a table of
   contents (a chapter list) that outweighs the article is the content.

The steps run in the native core (``rust/src/select/``: ``hard``, ``region``, ``keep``, one
module a step, run in this order by ``select::select``); Python's patterns answer what they ask
of a block's text (a dateline: :func:`cleantext.metadata.is_dateline`; a title line, a chapter
and a thread's controls: ``data/structure.tsv``). The thresholds the verdicts are tuned by are
fields of :class:`Thresholds`; the core's constants (``TITLE_ECHO``, ``RECORD_ROWS``...) and
the ``reach`` defaults describe what a structure looks like and are not tuned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from types import EllipsisType
from typing import Any, ClassVar

from . import metadata
from ._core import Blocks as CoreBlocks
from ._core import SelectPage as _SelectPage
from ._core import SelectPatterns as _SelectPatterns
from ._core import select as _native_select
from .blocks import Container, RawBlock
from .blocks.model import ContainerRow, text_getter
from .features import FeatureColumns, Features, as_columns, to_columns
from .lexicon import boilerplate_lexicon, simplified_blocks, structure_pattern, structure_words

#: Words only a forum thread's own controls use ("see only the first poster's posts"; data/structure.tsv).
THREAD_MARKS = structure_pattern("thread-mark", re.MULTILINE)
_MARK_CHARS = 40  # a thread mark is a control or byline: a block at most this long
#: A line that names the post or article it heads ("主题：…", old forums' title line) or the
#: title it first ran under ("原标题：…", "（原题为《…》）"): metadata (data/structure.tsv).
TITLE_LABEL = structure_pattern("title-label")
#: A chapter of a book named in a table of contents (data/structure.tsv).
CHAPTER = structure_pattern("chapter")
#: Class/id words of elements that stay hidden until clicked (a report form, a login box).
WIDGET_WORDS = structure_words("widget-words")


@dataclass(frozen=True)
class Thresholds:
    """The numbers selection judges by, in one place (tuned on the dev corpus).

    Attributes:
        good: score at or above which a block reads as article prose.
        neutral: between ``neutral`` and ``good`` a block is kept only inside the article's
            element, next to prose.
        neutral_value: what a block that is neither prose nor boilerplate costs a region.
        bad_value, bad_value_per_han, bad_value_han_cap: what a boilerplate block costs a region:
            ``bad_value`` less ``bad_value_per_han`` per Han character, up to ``bad_value_han_cap``
            characters (a long link list weighs more than a lone button).
        post_han: Han characters of prose that make a look-alike element a post worth keeping.
        relax_below_han: pages whose article comes out shorter than this are judged again, with
            every score raised by ``relax_shift``; that outcome counts if it finds more, and at
            least ``relax_min_han``.
        anchor_share: a run right after the title heading wins if it holds this share of the
            best run's mass.
        early_share: the first run of two or more paragraphs holding this share of the largest
            run's mass is the article (comments and feeds follow articles).
        list_item_share: a list item of prose adds this share of its Han characters to a region
            (an article is paragraphs; a feed of teasers with summaries is list items).
        contents_min_items, contents_share: a run of at least ``contents_min_items`` list items,
            this share of them naming a chapter, is a table of contents: kept when it holds more
            Han characters than the article found (a novel's chapter list page).
        label_max_han: a line labelled as the title (主题：…, 标题：…, 原标题：…) with at most this
            many Han characters is metadata, like a dateline.
        interleaved_han, interleaved_reach: in a text dump, a barrier line with prose of at least
            ``interleaved_han`` Han characters within ``interleaved_reach`` blocks on both sides is a
            sidebar label laid beside the article (columns side by side), not the article's end;
            so is one between two prose lines of at least ``wrapped_han`` when the first does not
            end its sentence (the column wrapped it).
        table_max_link_density: a table starting at the article's last kept block whose cells
            all have less link density than this is the article's data table (HTML).
        table_gap: data tables that follow the article one after another, each at most this many
            blocks (their sections' headings) after the article or the table before, are part of it
            when less than ``series_max_link_density`` of each one's text is links (its rows' names
            may link to their pages, as a block's may; a grid of links is a menu).
        byline_series: on a page that is not a forum thread, this many bylines (datelines) each
            followed by prose are the heads of posts (a comment thread, a blog's list of entries):
            each post is judged on its own, so a hundred short comments never add up to outweigh
            the article above them.
        barrier_cost: a related, comment or login line (a sidebar's label, or a subheading that
            reads like one) costs this many Han characters to carry the article across, instead
            of ending it (editor, copyright and ICP lines always end it).
        label_share: a related, comment or login line whose words cover at least this share of
            its Han characters is the label itself, an end; below it, a line that mentions the word
            (a subheading) costs ``barrier_cost``.
        continue_density: a run of prose after (or before) the article, across interstitials
            (subheadings, images, ad slots, such labels), continues it when its mass pays for the
            gap and its text density (mass per block) is at least this share of the article's:
            the next section of an article does, a comment thread does not.
        title_echo: on a page without ``<title>`` (a text dump), a line above the article taken
            as its title must have this share of its character pairs in the article's first paragraphs (a
            headline's words come back in its lead; a site's "扫码" or "首页" line does not).
        element_floor: in HTML, blocks inside the article's element (and its look-alikes) that
            score at least this are kept: short lines there are subheadings and captions
            (text dumps have no elements, and on a forum thread they are the posts' buttons and
            bylines: ``neutral`` applies).
    """

    good: float = 0.0
    neutral: float = -2.5
    neutral_value: float = -2.0
    bad_value: float = -4.0
    bad_value_per_han: float = 0.5
    bad_value_han_cap: int = 40
    post_han: int = 10
    relax_below_han: int = 60
    relax_shift: float = 3.0
    relax_min_han: int = 20
    anchor_share: float = 0.1
    early_share: float = 0.2
    list_item_share: float = 0.5
    element_floor: float = -5.5
    contents_min_items: int = 20
    contents_share: float = 0.6
    label_max_han: int = 40
    table_max_link_density: float = 0.3
    table_gap: int = 3
    series_max_link_density: float = 0.6
    interleaved_han: int = 100
    interleaved_reach: int = 2
    wrapped_han: int = 25
    title_echo: float = 0.3
    byline_series: int = 3
    barrier_cost: float = 20.0
    label_share: float = 0.5
    continue_density: float = 0.3

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles as the fields that differ from the defaults: a worker gets a few bytes.

        >>> import pickle
        >>> pickle.loads(pickle.dumps(Thresholds(good=0.5))) == Thresholds(good=0.5)
        True
        """
        changed = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) != f.default}
        return (_thresholds, (changed,))


def _thresholds(changed: dict[str, Any]) -> Thresholds:
    return Thresholds(**changed)


DEFAULT = Thresholds()


@dataclass(frozen=True)
class Selection:
    """The decision for every block, plus what was set aside."""

    kept: tuple[bool, ...]
    reasons: tuple[tuple[str, ...], ...]
    title: str | None
    region: tuple[int, int] | None
    title_index: int | None = None
    #: The indexes whose reasons hold ``metadata`` or ``editor-line`` and those whose hold
    #: ``editor-line``, as the core listed them, with the ``reasons`` they were read from (a
    #: Selection ``replace``-d with other reasons does not use them): see :meth:`marked_lines`.
    listed: tuple[object, list[int], list[int]] | None = field(default=None, repr=False, compare=False)

    def marked_lines(self) -> tuple[list[int], list[int]]:
        """The indexes whose reasons hold ``metadata`` or ``editor-line``, and those whose hold
        ``editor-line``, in order: as the core listed them, else found in the reasons.

        >>> Selection((False,) * 3, (("metadata",), ("nav",), ("editor-line",)), None, None).marked_lines()
        ([0, 2], [2])
        """
        if self.listed is not None and self.listed[0] is self.reasons:
            return self.listed[1], self.listed[2]
        marked = [i for i, r in enumerate(self.reasons) if "metadata" in r or "editor-line" in r]
        return marked, [i for i in marked if "editor-line" in self.reasons[i]]


def drop_all(n: int, reason: str) -> Selection:
    """Every one of ``n`` blocks dropped for one reason (a page that is not text at all).

    >>> drop_all(2, "binary").reasons
    (('binary',), ('binary',))
    """
    return Selection((False,) * n, ((str(reason),),) * n, None, None)


def select(
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    scores: Sequence[float],
    page_title: str | None = None,
    containers: Sequence[Container] = (),
    thresholds: Thresholds = DEFAULT,
) -> Selection:
    """Decide every block of a page; see the module docstring for the steps.

    A page whose article comes out short (a thread of short replies, a short notice) is judged
    again more leniently, keeping the title found first (see :class:`Thresholds`).

    >>> from cleantext.features import measure
    >>> from cleantext.score import score_page
    >>> texts = ["首页 新闻 体育", "今天，我们在重庆签署了合作协议，双方将深度合作。", "责任编辑：王小明"]
    >>> bs = [RawBlock(t, "paragraph", 0, 1, link_chars=6 if "首页" in t else 0) for t in texts]
    >>> feats = measure(bs)
    >>> chosen = select(bs, feats, score_page(feats))
    >>> chosen.kept, chosen.reasons
    ((False, True, False), (('nav',), ('main-region',), ('editor-line',)))
    """
    return select_columns(blocks, to_columns(feats), scores, page_title, containers, thresholds)


def select_columns(
    blocks: Sequence[RawBlock],
    columns: Iterable[Iterable[Any]],
    scores: Sequence[float],
    page_title: str | None = None,
    containers: Sequence[Container] | Sequence[ContainerRow] = (),
    thresholds: Thresholds = DEFAULT,
    matchable: Sequence[Any] | EllipsisType | None = ...,
) -> Selection:
    """:func:`select` of blocks whose features are ``columns`` (as
    :func:`cleantext.features.measure_columns` gives them, or 14 iterables: see
    :func:`~cleantext.features.as_columns`): what the pipeline calls, making no
    :class:`Features` objects. ``matchable``: the blocks' texts as
    :func:`~cleantext.lexicon.simplified_blocks` gives them (``None``: as written), if the
    caller has them. A text dump's blocks held by the core are read there. ``containers``: the
    :class:`Container` objects, or their rows as the core's walk gives them
    (:func:`~cleantext.blocks.html.html_block_rows`)."""
    if matchable is ...:
        matchable = simplified_blocks(blocks)  # the word lists match traditional pages too
    columns = as_columns(columns)
    page = _SelectPage(blocks, matchable, columns, page_title, containers, _WIDGET_WORDS)
    patterns = _PagePatterns(blocks, columns, plain=matchable is None)
    kept, reasons, region, title_index, marked, editor_lines = _native_select(
        page, boilerplate_lexicon(), list(scores), patterns, _limits(thresholds)
    )
    title = blocks[title_index].text if title_index is not None else None
    chosen = _new(Selection)  # (Selection(...) as its __init__ stores the fields, without a setattr each)
    chosen.__dict__.update(
        kept=kept,
        reasons=reasons,
        title=title,
        region=region,
        title_index=title_index,
        listed=(reasons, marked, editor_lines),
    )
    return chosen


_new = object.__new__


_WIDGET_WORDS = sorted(WIDGET_WORDS)


def _limits(thresholds: Thresholds) -> tuple[Any, ...]:
    """The thresholds as the core reads them: a tuple of the fields, in order; remembered for
    the last few Thresholds objects by identity (a Cleaner passes the same one for every page;
    hashing its 28 fields costs more than the call it saves).

    >>> _limits(DEFAULT) is _limits(DEFAULT), _limits(Thresholds(good=0.5))[0]
    (True, 0.5)
    >>> from dataclasses import astuple
    >>> _limits(Thresholds(table_gap=7)) == astuple(Thresholds(table_gap=7))
    True
    """
    held = _LIMITS.get(id(thresholds))
    if held is not None and held[0] is thresholds:
        return held[1]
    if len(_LIMITS) >= 64:
        _LIMITS.clear()
    limits = tuple(map(thresholds.__getattribute__, _THRESHOLD_NAMES))  # (numbers: astuple's deep copy is 60 µs)
    _LIMITS[id(thresholds)] = (thresholds, limits)  # (held: its id stays its own)
    return limits


_LIMITS: dict[int, tuple[Thresholds, tuple[Any, ...]]] = {}
_THRESHOLD_NAMES = tuple(f.name for f in fields(Thresholds))


class _PagePatterns:
    """What the native selection asks Python's patterns about a page's blocks (``Patterns`` in
    ``rust/src/select/mod.rs``): the core asks each question at most once per block, and about a
    dateline only where ``metadata.is_dateline`` may be true (its first test passes and
    ``_DATELINE_NEEDS``, read loosely by the core, finds something). ``native``: the patterns the
    core reads from their text (``rust/src/select/patterns.rs``); it answers ``TITLE_LABEL``,
    ``CHAPTER`` and ``THREAD_MARKS`` (in the short blocks joined, as :func:`is_thread` searches it)
    itself, and asks ``title_label``/``chapter`` only of a text holding a lone surrogate, and
    ``thread_marks`` only of a page with a short block holding one (or of a pattern it could not
    read exactly: ``native.fallbacks``). ``plain``: the blocks' texts are their own simplified
    forms (``matchable`` is ``None``: the page holds no traditional character), which the
    dateline's tests need not make again. A dateline is asked about with
    ``metadata.is_dateline_sifted``: the core asks only where ``_DATELINE_NEEDS`` may find
    something, and Python need not search it again (the same answers). The core answers most
    datelines itself (``metadata.dateline_tests``: the patterns and limits of its tests, read by
    ``rust/src/select/dateline.rs``) and asks only about the lines it leaves to Python: those
    holding a web address, a source's or author's label without a date, or decided by
    ``other_han``."""

    __slots__ = ("blocks", "columns", "hans", "plain", "text")
    native: ClassVar[_SelectPatterns] = _SelectPatterns(
        metadata._DATELINE_NEEDS, TITLE_LABEL, CHAPTER, THREAD_MARKS, _MARK_CHARS, dateline=metadata.dateline_tests()
    )

    def __init__(self, blocks: Sequence[RawBlock], columns: FeatureColumns, plain: bool = False) -> None:
        self.blocks, self.columns, self.plain = blocks, columns, plain
        self.hans: Sequence[int] | None = None  # (the Han counts' column, made when first asked)
        self.text = text_getter(blocks)

    def is_dateline(self, i: int) -> bool:
        if self.hans is None:
            self.hans = self.columns[1]
        return metadata.is_dateline_sifted(self.text(i), self.hans[i], self.plain)

    def title_label(self, i: int) -> bool:
        return TITLE_LABEL.match(self.text(i)) is not None

    def chapter(self, i: int) -> bool:
        return CHAPTER.search(self.text(i)) is not None

    def thread_marks(self) -> bool:
        if isinstance(self.blocks, CoreBlocks):
            return _thread_in(self.blocks.texts())
        return is_thread(self.blocks)


def is_thread(blocks: Sequence[RawBlock]) -> bool:
    """A forum thread: a short block holds one of its controls or bylines (只看楼主, 楼主).

    >>> is_thread([RawBlock("倒序看帖", "paragraph", 0, 4)]), is_thread([RawBlock("沙发上的猫", "line", 0, 5)])
    (True, False)
    """
    return _thread_in([b.text for b in blocks])


def _thread_in(texts: list[str]) -> bool:
    """:func:`is_thread` of blocks with these texts."""
    short = "\n".join(t for t in texts if len(t) <= _MARK_CHARS)  # one scan, not one per block
    return THREAD_MARKS.search(short) is not None
