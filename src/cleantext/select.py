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

The thresholds the verdicts are tuned by are fields of :class:`Thresholds`; the module's
constants (``_MARK_CHARS``, ``_SHAPE_PAIRS``...), those of the native parts (``TITLE_ECHO``,
``RECORD_ROWS``... in ``rust/src/select/``) and the ``reach`` defaults describe what a
structure looks like and are not tuned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields, replace
from itertools import pairwise
from operator import attrgetter
from typing import Any

from . import metadata
from ._core import SelectPage as _SelectPage
from ._core import select_contents_lists as _select_contents_lists
from ._core import select_hard as _select_hard
from ._core import select_keep as _select_keep
from .blocks import Container, RawBlock
from .features import Features
from .lexicon import boilerplate_lexicon, simplified, simplified_all, structure_pattern, structure_words
from .reasons import Reason

#: Lexicon codes that end an article: a region never spans them.
BARRIERS = frozenset({"related", "comment", "copyright", "icp", "editor-line", "login"})
#: On a forum thread comments are the posts: only these end it.
THREAD_BARRIERS = BARRIERS - {"comment"}
#: Barriers that are section headings a sidebar may hold (see ``_lift_interleaved_barriers``).
SIDEBAR_LABELS = frozenset({"related", "comment", "login"})
#: Words only a forum thread's own controls use ("see only the first poster's posts"; data/structure.tsv).
THREAD_MARKS = structure_pattern("thread-mark", re.MULTILINE)
_MARK_CHARS = 40  # a thread mark is a control or byline: a block at most this long
#: A line that names the post or article it heads ("主题：…", old forums' title line) or the
#: title it first ran under ("原标题：…", "（原题为《…》）"): metadata (data/structure.tsv).
TITLE_LABEL = structure_pattern("title-label")
#: A chapter of a book named in a table of contents (data/structure.tsv).
CHAPTER = structure_pattern("chapter")
BARRIER_VALUE = -1e6  # what a barrier "adds" to a region: no region can hold one
#: The reason a block kept as part of the article carries, built once (looking up an enum
#: member's value is slow in loops over every block).
_CONTINUES_REGION = (Reason.CONTINUES_REGION.value,)
#: The plain string of each reason (``str()`` of an enum member is slow in loops over every block).
_CODES: dict[str | None, str] = {reason: reason.value for reason in Reason}
_AROUND_LIMIT = 16  # elements around the article tried as the repeating unit of a thread
_HEADS_LOOKED_AT = 32  # bylines whose elements are compared to tell a forum thread
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


class _PagePatterns:
    """What the native selection asks Python's patterns about a page's blocks (see ``Patterns``
    in ``rust/src/select/mod.rs``): the core asks each question at most once per block."""

    __slots__ = ("blocks", "feats")

    def __init__(self, blocks: Sequence[RawBlock], feats: Sequence[Features]) -> None:
        self.blocks, self.feats = blocks, feats

    def is_dateline(self, i: int) -> bool:
        return metadata.is_dateline(self.blocks[i].text, self.feats[i].han)

    def title_label(self, i: int) -> bool:
        return TITLE_LABEL.match(self.blocks[i].text) is not None

    def chapter(self, i: int) -> bool:
        return CHAPTER.search(self.blocks[i].text) is not None

    def thread_marks(self) -> bool:
        return is_thread(self.blocks)


_FEATURE_ROW = attrgetter(*(f.name for f in fields(Features)))


def _native_page(
    blocks: Sequence[RawBlock], feats: Sequence[Features], page_title: str | None, containers: Sequence[Container]
) -> Any:
    """The page as the native selection reads it (``cleantext._core.SelectPage``)."""
    columns = [list(column) for column in zip(*map(_FEATURE_ROW, feats))] if feats else [[] for _ in fields(Features)]
    texts = [b.text for b in blocks]
    matchable = simplified_all(texts)
    return _SelectPage(
        blocks, None if matchable is texts else matchable, columns, page_title, containers, sorted(WIDGET_WORDS)
    )


DEFAULT = Thresholds()
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜—–]|\s-\s|--)\s*")


@dataclass(frozen=True)
class Selection:
    """The decision for every block, plus what was set aside."""

    kept: tuple[bool, ...]
    reasons: tuple[tuple[str, ...], ...]
    title: str | None
    region: tuple[int, int] | None
    title_index: int | None = None


def drop_all(n: int, reason: str) -> Selection:
    """Every one of ``n`` blocks dropped for one reason (a page that is not text at all).

    >>> drop_all(2, Reason.BINARY).reasons
    (('binary',), ('binary',))
    """
    return Selection((False,) * n, ((str(reason),),) * n, None, None)


def _values(
    feats: Sequence[Features],
    scores: Sequence[float],
    hard: Sequence[str | None],
    datelines: Sequence[bool],
    t: Thresholds = DEFAULT,
    barriers: frozenset[str] = BARRIERS,
) -> list[float]:
    """What each block adds to a region: prose adds its Han characters (list items half), the rest costs."""
    out = []
    for f, s, h, dateline in zip(feats, scores, hard, datelines):
        if h in barriers:
            out.append(BARRIER_VALUE)
        elif h is None and s >= t.good and not dateline:
            out.append(f.han * (t.list_item_share if f.list_item else 1.0))
        elif h is None and s >= t.neutral:
            out.append(t.neutral_value)
        else:
            out.append(t.bad_value - t.bad_value_per_han * min(f.han, t.bad_value_han_cap))
    return out


def runs(values: Sequence[float]) -> list[tuple[int, int, float]]:
    """Maximal positive runs in page order: (first, last, sum), each the best run of its stretch.

    >>> runs([-5, 10, -2, 30, -40, 8])
    [(1, 3, 38.0), (5, 5, 8.0)]
    """
    out: list[tuple[int, int, float]] = []
    run, start, best, best_end = 0.0, 0, 0.0, -1
    for i, v in enumerate(values):
        if run <= 0:
            if best_end >= 0:
                out.append((start, best_end, best))
            run, start, best, best_end = float(v), i, 0.0, -1
        else:
            run += v
        if run > best:
            best, best_end = run, i
    if best_end >= 0:
        out.append((start, best_end, best))
    return out


def best_region(values: Sequence[float], share: float = 1.0, posts_from: int = 0) -> tuple[int, int] | None:
    """The first run of two or more paragraphs holding at least ``share`` of the largest run's sum
    (inclusive bounds), else the largest; ``None`` if no run is positive. Articles come before the
    comments and feeds that follow them. On a thread whose posts begin at block ``posts_from``
    (the first post's byline), a run that ends above it (a board's notice, an ad box) does not win
    for coming first: only as the largest.

    >>> best_region([-5, 10, -2, 30, -40, 8])
    (1, 3)
    >>> best_region([20, 5, -40, 30], share=0.5)
    (0, 1)
    >>> best_region([20, 5, -40, -2, 30], share=0.5, posts_from=3)
    (4, 4)
    >>> best_region([20, -40, 30], share=0.5)
    (2, 2)
    >>> best_region([-1, -2]) is None
    True
    """
    found = runs(values)
    if not found:
        return None
    top = max(r[2] for r in found)
    first = next(
        r for r in found if r[2] == top or (r[1] >= posts_from and r[2] >= share * top and _paragraphs(values, r) >= 2)
    )
    return first[0], first[1]


def _paragraphs(values: Sequence[float], run: tuple[int, int, float]) -> int:
    """How many blocks of a run add to it."""
    return sum(1 for v in values[run[0] : run[1] + 1] if v > 0)


def heading_title(blocks: Sequence[RawBlock], feats: Sequence[Features], page_title: str | None) -> int | None:
    """The first heading (not a link) whose text is the page's ``<title>`` or a part of it;
    else the first block whose whole text is the title or one of its parts.

    >>> from cleantext.features import measure
    >>> bs = [RawBlock("首页", "heading", 0, 2), RawBlock("沪渝携手推动发展", "heading", 3, 11)]
    >>> heading_title(bs, measure(bs), "沪渝携手推动发展_重庆日报")
    1
    """
    if not page_title:
        return None
    parts = [p for p in _TITLE_SPLIT.split(page_title) if len(p) >= 4]
    for i, (b, f) in enumerate(zip(blocks, feats)):
        if f.heading and f.link_density < 0.5 and len(b.text) >= 4:
            if b.text in page_title or any(p in b.text for p in parts):
                return i
    # Old pages title the article with <b> or a table cell: accept a block that *is* the title.
    for i, (b, f) in enumerate(zip(blocks, feats)):
        if f.link_density < 0.5 and len(b.text) >= 6 and (b.text == page_title or b.text in parts):
            return i
    return None


def anchored_region(values: Sequence[float], start: int, reach: int = 8) -> tuple[tuple[int, int], float] | None:
    """The best run that begins within ``reach`` blocks after ``start`` (an article follows its title).

    >>> anchored_region([0, -1, 5, 5, -1e6, 50], 0, reach=3)
    ((2, 3), 10.0)
    """
    best, span = 0.0, None
    for s in range(start + 1, min(len(values), start + 1 + reach)):
        run = 0.0
        for e in range(s, len(values)):
            run += values[e]
            if run > best:
                best, span = run, (s, e)
            if run <= BARRIER_VALUE / 2:
                break
    return (span, best) if span is not None else None


def repeated_posts(
    datelines: Sequence[bool], scores: Sequence[float], containers: Sequence[Container], good: float, series: int
) -> bool:
    """A forum thread told by its structure (HTML): at least ``series`` bylines head prose, and
    each sits in an element of the same kind (tag and class, digits aside) as the first one's, the
    smallest around it that holds more than the byline: every post, the first included, is laid
    out alike. A news article's byline sits in its own element, unlike its comments'.

    >>> boxes = [Container(k, k + 3, "div", f"post p{k}") for k in (0, 3, 6)]
    >>> dates = [True, False, False] * 3
    >>> repeated_posts(dates, [-1, 3, -5] * 3, boxes, 0.0, 3)
    True
    >>> repeated_posts(dates, [-1, 3, -5] * 3, [Container(0, 3, "div", "article"), *boxes[1:]], 0.0, 3)
    False
    """
    if not containers:
        return False
    heads = post_heads(datelines, scores, good)
    if not heads or len(heads) < series:
        return False
    heads = heads[:_HEADS_LOOKED_AT]  # bounded work: the first posts tell
    smallest: dict[int, Container] = {}
    for c in containers:
        if c.end - c.first < 2:
            continue
        for i in heads:
            if c.first <= i < c.end and (i not in smallest or c.end - c.first < smallest[i].end - smallest[i].first):
                smallest[i] = c
    kinds = [_signature(smallest[i]) if i in smallest else None for i in heads]
    return kinds[0] is not None and all(k == kinds[0] for k in kinds[1:])


def alike_bylines(blocks: Sequence[RawBlock], datelines: Sequence[bool], series: int) -> int | None:
    """The first of at least ``series`` bylines (datelines) written alike from the first on
    (:func:`_alike_heads`), or ``None``: in a text dump, where no layout tells posts, the posts of
    a thread (作者：… 发表于 2005-07-03 …, under every post). A news article's dateline is unlike
    its comments' bylines.

    >>> lines = ["作者：老街坊 发表于 2005-07-03 10:12", "正文。", "作者：阿福 发表于 2005-07-03 11:12", "顶。",
    ...          "作者：江边人 发表于 2005-07-04 09:30", "同意。"]
    >>> alike_bylines([RawBlock(x, "line", 0, 1) for x in lines], [True, False] * 3, 3)
    0
    """
    bylines = [i for i, d in enumerate(datelines) if d]
    if len(bylines) < series or not _alike_heads([blocks[i].text for i in bylines], strict=True):
        return None
    return bylines[0]


def _posts_by_bylines(
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    scores: Sequence[float],
    hard: Sequence[str | None],
    datelines: Sequence[bool],
    t: Thresholds,
) -> bool:
    """A text dump whose article is posts: a series of bylines written alike (see
    :func:`alike_bylines`) begins before the largest run of prose ends. Comments under a blog
    post or an article, bylined alike, all come after it: a page of them is no thread.
    """
    first = alike_bylines(blocks, datelines, t.byline_series)
    if first is None:
        return False
    found = runs(_values(feats, scores, hard, datelines, t))
    return bool(found) and first <= max(found, key=lambda r: r[2])[1]


def post_heads(datelines: Sequence[bool], scores: Sequence[float], good: float) -> list[int]:
    """The metadata lines (bylines, title lines) that head prose within two blocks: where posts
    begin. A post has one head: a line right under the previous head, with no prose between
    (the post's title line under its byline), is part of it.

    >>> post_heads([True, False, False, True, False, True], [-1, -2, 3, -1, -5, -1], 0.0)
    [0]
    >>> post_heads([True, True, False, False, True, False], [-1, -1, 3, 4, -1, 2], 0.0)
    [0, 4]
    """
    n, out = len(datelines), list[int]()
    for i, d in enumerate(datelines):
        if d and any(scores[k] >= good for k in range(i + 1, min(n, i + 3))):
            if not out or i - out[-1] > 2 or any(scores[k] >= good for k in range(out[-1] + 1, i)):
                out.append(i)
    return out


def _within_first_post(
    region: tuple[int, int], head: int, values: Sequence[float], containers: Sequence[Container], share: float
) -> tuple[int, int]:
    """The region cut to start inside the first post's element (HTML), the smallest one holding
    its byline ``head`` and the prose under it: a sidebar's ad or the poster's card (等级, 积分)
    laid just above the post in page order joins its run, but not its element.

    >>> boxes = [Container(0, 9, "table"), Container(2, 9, "table")]
    >>> _within_first_post((0, 6), 4, [40, -2, -2, 3, -5, 50, 60, -2, 5], boxes, 0.2)
    (5, 6)
    """
    prose = next((k for k in range(head + 1, region[1] + 1) if values[k] > 0), None)
    if prose is None:
        return region
    post = None
    for c in containers:
        if c.first <= head and c.end > prose and (post is None or c.end - c.first < post.end - post.first):
            post = c
    if post is None or post.first <= region[0]:
        return region
    inside = best_region(values[post.first : region[1] + 1], share)
    return region if inside is None else (post.first + inside[0], post.first + inside[1])


def _split_posts(
    values: list[float],
    datelines: Sequence[bool],
    series: int,
    reach: int = 2,
    texts: Sequence[str] | None = None,
) -> None:
    """A news article above a thread of comments: when at least ``series`` bylines (datelines)
    are each followed within ``reach`` blocks by prose, and the post under the first of them (the
    article) holds more prose than any two later posts together, the later bylines become
    barriers: each comment is judged on its own and a hundred of them never add up to outweigh
    the article. (A forum thread's posts are kept by ``is_thread``; posts of similar size, an
    infobox's dates or a list of releases are left alone; so are posts whose bylines, ``texts``,
    are alike from the first on (:func:`_alike_heads`): the first is then a post like the others,
    an answer of a Q&A page, not an article above its comments.)

    >>> values = [-2.0, 150.0, 120.0, -2.0, 20.0, -4.0, -2.0, 18.0, -4.0, -2.0, 25.0]
    >>> _split_posts(values, [True, False, False, True, False, False, True, False, False, True, False], 3)
    >>> [v for v in values if v == BARRIER_VALUE] == [BARRIER_VALUE] * 3
    True
    """
    n = len(values)
    heads = [
        i
        for i, dateline in enumerate(datelines)
        if dateline and any(values[k] > 0 for k in range(i + 1, min(n, i + 1 + reach)))
    ]
    if not heads or len(heads) < series or (texts is not None and _alike_heads([texts[i] for i in heads], strict=True)):
        return
    bounds = [*heads, n]
    masses = [sum(v for v in values[bounds[k] : bounds[k + 1]] if v > 0) for k in range(len(heads))]
    later = sorted(masses[1:], reverse=True)
    if masses[0] > sum(later[:2]):
        for i in heads[1:]:
            values[i] = BARRIER_VALUE


#: What a byline's or a post footer's shape leaves out: its counts and spacing (赞同 128 · 23 条评论
#: -> 赞同·条评论).
_SHAPE_NOISE = re.compile(r"[\d\s\u200b]+")


def _alike_heads(heads: Sequence[str], strict: bool = False) -> bool:
    """Whether most bylines after the first are written like the first, counts and names aside:
    at least half of the character pairs of the shorter one are in the other (``strict``: of the
    longer one), and each has at least ``_SHAPE_PAIRS`` (a bare date is no byline's shape): posts
    laid out alike, the first one included. A news article's dateline is unlike its comments'
    bylines; so is a singer's birth date unlike the release dates of their albums.

    >>> _alike_heads(["发布于 2023-05-12 09:30", "发布于 2023-05-13 14:02", "发布于 2023-05-15 20:11"])
    True
    >>> _alike_heads(["2023-05-12 09:30 来源：山城日报", "山城网友1000 3小时前", "山城网友1037 2小时前"])
    False
    >>> _alike_heads(["2020.06.09 09:37发布于社区管理", "2020.06.09 09:42 发布"]), _alike_heads(
    ...     ["2020.06.09 09:37发布于社区管理", "2020.06.09 09:42 发布"], strict=True)
    (True, False)
    """
    if not heads:
        return False
    shapes = [_SHAPE_NOISE.sub("", h) for h in heads]
    pairs = [{s[k : k + 2] for k in range(len(s) - 1)} for s in shapes]
    first = pairs[0]
    alike = sum(
        1
        for p in pairs[1:]
        if min(len(first), len(p)) >= _SHAPE_PAIRS
        and len(first & p) * 2 >= (max(len(first), len(p)) if strict else min(len(first), len(p)))
    )
    return alike * 2 > len(pairs) - 1


#: A byline's shape (counts aside) has at least this many character pairs: a bare date has fewer.
_SHAPE_PAIRS = 3


def _soft_values(
    values: Sequence[float],
    blocks: Sequence[RawBlock],
    hard: Sequence[str | None],
    barriers: frozenset[str],
    t: Thresholds,
) -> tuple[list[float], list[bool]]:
    """``values`` with the lines that only mention a sidebar's word (related, comment, login: a
    subheading such as 二、居民关心的热点问题) at a finite cost, ``barrier_cost``, and which blocks
    those are. A line that *is* the label (相关推荐, 网友评论（30）: the words cover at least
    ``label_share`` of its Han characters) still ends the article, as editor and copyright lines do.
    """
    soft = SIDEBAR_LABELS & barriers
    labels = [
        v <= BARRIER_VALUE and h in soft and label_share(b.text, h) < t.label_share
        for v, b, h in zip(values, blocks, hard)
    ]
    return [-t.barrier_cost if label else v for v, label in zip(values, labels)], labels


def label_share(text: str, code: str) -> float:
    """The share of a line's letters (Han and Latin; digits and marks aside) that the lexicon's
    ``code`` words cover.

    >>> label_share("相关推荐", "related"), label_share("乐活HOT", "related"), label_share("4,060 条评论", "comment")
    (1.0, 0.6, 1.0)
    >>> label_share("二、居民关心的热点问题", "related")
    0.2
    """
    plain = simplified(text)
    covered = [False] * len(plain)
    for start, end in boilerplate_lexicon().code_spans(plain, code):
        covered[start:end] = [True] * (end - start)
    chars = [k for k, c in enumerate(plain) if c.isalpha()]
    return round(sum(1 for k in chars if covered[k]) / len(chars), 2) if chars else 1.0


def continued_region(
    region: tuple[int, int],
    soft: Sequence[float],
    labels: Sequence[bool],
    min_density: float,
    heading: int | None = None,
    bounds: tuple[int, int] | None = None,
) -> tuple[int, int]:
    """The region grown over the runs of prose around it that continue the article (inclusive
    bounds): after it, and before it down to the title ``heading``.

    An article is often several runs: sections after a subheading, the text after an image, an ad
    slot or a box. A run continues the article when its mass pays for the gap before it (the
    costs of the blocks between, a label's ``barrier_cost`` included) and its text density (mass
    per block spanned) is at least ``min_density`` of the region's: the next section does, a
    thread of short comments between bylines and buttons does not. A run never spans a label:
    each stretch between labels is judged on its own. ``soft`` holds what each block adds, as
    :func:`_soft_values` gives it: a hard barrier (``BARRIER_VALUE``) ends the search, and so do
    ``bounds`` (in HTML, the article's element: a comment list or a sidebar box is another).

    >>> label = [False, False, True] + [False] * 6
    >>> continued_region((0, 1), [60, 50, -20, 40, 55, -4, 45, -1e6, 90], label, 0.3)
    (0, 6)
    >>> continued_region((0, 1), [60, 50, -20] + [12, -2, -4] * 20, label + [False] * 54, 0.3)
    (0, 1)
    >>> continued_region((4, 5), [-3, 70, -20, -2, 60, 50], [False, False, True, False, False, False], 0.3, 0)
    (1, 5)
    """
    a, b = region
    mass = sum(v for v in soft[a : b + 1] if v > 0)
    density = mass / (b - a + 1)
    if density <= 0:
        return region
    lo, hi = bounds if bounds is not None else (0, len(soft) - 1)
    lo, hi = min(lo, a), max(hi, b)
    b = a + _grow(soft[a : hi + 1], labels[a : hi + 1], b - a, min_density * density)
    floor = max(lo, heading + 1) if heading is not None and heading < a else lo
    # the same walk, page order reversed
    a = b - _grow(soft[floor : b + 1][::-1], labels[floor : b + 1][::-1], b - a, min_density * density)
    return a, b


def _grow(values: Sequence[float], labels: Sequence[bool], end: int, min_density: float, reach: int = 2) -> int:
    """The last index the article reaches from ``values[: end + 1]`` (see :func:`continued_region`).

    The stretch after a gap, up to the next label or barrier, must be dense enough as a whole;
    a label is crossed only when it sits within ``reach`` blocks of the prose on both sides (a
    subheading between two sections, not a box's title above its list). Linear in the blocks:
    the stretches' ends and masses are counted once, and the walk gives up after visiting each
    block a few times.

    >>> _grow([50.0, -2.0, 30.0, -40.0, 5.0, -1e6, 90.0], [False] * 7, 0, 0.1)
    2
    """
    n = len(values)
    stops = [n] * (n + 1)  # the next label or barrier at or after each block
    for k in range(n - 1, -1, -1):
        stops[k] = k if values[k] <= BARRIER_VALUE or labels[k] else stops[k + 1]
    mass = [0.0] * (n + 1)  # prefix sums of the prose
    for k, v in enumerate(values):
        mass[k + 1] = mass[k] + (v if v > 0 else 0.0)
    budget = 4 * n + 16
    while end + 1 < n:
        gap, i, first_label, last_label = 0.0, end + 1, -1, -1
        while i < n and BARRIER_VALUE < values[i] <= 0:
            gap += values[i]
            if labels[i]:
                first_label = i if first_label < 0 else first_label
                last_label = i
            i += 1
        if i >= n or values[i] <= BARRIER_VALUE:
            return end
        if first_label >= 0 and (first_label - end - 1 > reach or i - last_label - 1 > reach):
            return end
        stop = stops[i]
        run, best, last, k = 0.0, 0.0, i, i
        while k < stop:  # the first run of the stretch
            run += values[k]
            if run > best:
                best, last = run, k
            if run <= 0:
                break
            k += 1
        budget -= k - end
        if budget < 0 or best + gap <= 0 or (mass[stop] - mass[i]) / (stop - i) < min_density:
            return end
        end = last
    return end


def _pick_title(
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    region: tuple[int, int] | None,
    page_title: str | None,
    heading: int | None,
    hard: Sequence[str | None],
    datelines: Sequence[bool],
    title_echo: float = DEFAULT.title_echo,
) -> int | None:
    """The block that titles the article: a heading matching <title>, else a short line just above
    the region; on a page without <title> (a text dump), only one whose words come back in the
    article's lead (see ``Thresholds.title_echo``)."""
    if heading is not None:
        return heading
    if page_title:
        parts = [p for p in _TITLE_SPLIT.split(page_title) if len(p) >= 4]
        for i, b in enumerate(blocks):
            if region and i >= region[0]:
                break
            if len(b.text) >= 6 and (b.text == page_title or (parts and b.text == parts[0])):
                return i
    if region is None:
        return None
    lead = "".join(b.text for b in blocks[region[0] : region[1] + 1][:_LEAD_BLOCKS])[:_LEAD_CHARS]
    for i in range(region[0] - 1, max(-1, region[0] - 6), -1):
        f = feats[i]
        if datelines[i] or f.han == 0 or hard[i] is not None:
            continue
        if 4 <= f.han <= 60 and not f.ends_sentence and f.link_density < 0.5 and not f.lexicon:
            if page_title or echo_share(blocks[i].text, lead) >= title_echo:
                return i
    return None


#: How much of the article's start a title's words are looked for in.
_LEAD_BLOCKS, _LEAD_CHARS = 5, 2000


def echo_share(line: str, lead: str) -> float:
    """The share of a line's adjacent Han character pairs that occur in ``lead``.

    >>> round(echo_share("沪渝携手推动长江经济带发展", "6月3日，重庆与上海签署协议，共同推动长江经济带高质量发展。"), 2)
    0.58
    >>> echo_share("用微信扫码二维码", "6月3日，重庆与上海签署协议，共同推动长江经济带高质量发展。")
    0.0
    """
    pairs = {line[i : i + 2] for i in range(len(line) - 1) if _HAN_PAIR.fullmatch(line[i : i + 2])}
    if not pairs:
        return 0.0
    return sum(1 for p in pairs if p in lead) / len(pairs)


_HAN_PAIR = re.compile(r"[\u3400-\u9fff]{2}")


_DIGITS = re.compile(r"\d+")


def _signature(c: Container) -> str:
    return c.tag + " " + _DIGITS.sub("", c.hints)


def container_spans(
    region: tuple[int, int] | None,
    values: Sequence[float],
    containers: Sequence[Container],
    post_han: int = DEFAULT.post_han,
) -> list[tuple[int, int]]:
    """Block ranges to keep prose from: the smallest element holding most of the region's prose,
    and its look-alikes (same tag and class, e.g. the other posts of a thread) that hold prose too.

    >>> boxes = [Container(0, 9, "body"), Container(1, 4, "div", "post"), Container(5, 8, "div", "post")]
    >>> container_spans((2, 3), [-1, 5, 9, 9, -1, 16, -1, 17, -1], boxes)
    [(1, 3), (5, 7)]
    >>> container_spans((1, 2), [-1, 5, 9, -1e6, 4], [Container(0, 5, "div", "article")])
    [(0, 2)]
    """
    best = _container_of(region, values, containers)
    if best is None or region is None:
        return [region] if region is not None else []
    lo, hi = min(best.first, region[0]), max(best.end - 1, region[1])
    for i in range(region[1] + 1, hi + 1):  # an element never carries the article past a barrier
        if values[i] <= BARRIER_VALUE:
            hi = i - 1
            break
    for i in range(region[0] - 1, lo - 1, -1):
        if values[i] <= BARRIER_VALUE:
            lo = i + 1
            break
    spans = [(lo, hi)]
    spans.extend(_look_alikes(best, region, values, containers, post_han))
    return sorted(spans)


def _look_alikes(
    best: Container,
    region: tuple[int, int],
    values: Sequence[float],
    containers: Sequence[Container],
    post_han: int,
) -> list[tuple[int, int]]:
    """Ranges of the elements that repeat the article's element (the other posts of a thread):
    the smallest element around the region whose tag and class (digits aside) recur elsewhere
    with a sentence of prose inside."""
    limit = 3 * (region[1] - region[0] + 1) + 20
    around = sorted(
        (c for c in containers if c.first <= best.first and c.end >= best.end and c.end - c.first <= limit),
        key=lambda c: c.end - c.first,
    )[:_AROUND_LIMIT]
    alike: dict[str, list[Container]] = {}  # the elements of each signature, in page order
    for c in containers:
        alike.setdefault(_signature(c), []).append(c)
    for unit in around:
        if not unit.hints:
            continue
        found = []
        for c in alike[_signature(unit)]:
            if c is unit or not (c.end <= unit.first or c.first >= unit.end):
                continue
            inside = values[c.first : c.end]
            if max(inside) >= post_han and min(inside) > BARRIER_VALUE:
                found.append((c.first, c.end - 1))
        if found:
            return found
    return []


def _container_of(
    region: tuple[int, int] | None, values: Sequence[float], containers: Sequence[Container]
) -> Container | None:
    """The smallest element that holds most of the region's prose."""
    if region is None or not containers:
        return None
    a, b = region
    prefix = [0.0]
    for v in values:
        prefix.append(prefix[-1] + max(v, 0.0))
    mass = prefix[b + 1] - prefix[a]
    if mass <= 0:
        return None
    limit = 3 * (b - a + 1) + 10
    best: Container | None = None
    for c in containers:
        lo, hi = max(a, c.first), min(b + 1, c.end)
        if hi <= lo or c.end - c.first > limit:
            continue
        if prefix[hi] - prefix[lo] >= 0.85 * mass and (best is None or c.end - c.first < best.end - best.first):
            best = c
    return best


def select(
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    scores: Sequence[float],
    page_title: str | None = None,
    containers: Sequence[Container] = (),
    thresholds: Thresholds = DEFAULT,
) -> Selection:
    """Decide every block; see the module docstring for the steps.

    A page whose article comes out short (a thread of short replies, a short notice) is judged
    again more leniently, keeping the title found first (see :class:`Thresholds`).
    """
    t = thresholds
    page = _native_page(blocks, feats, page_title, containers)
    patterns, values = _PagePatterns(blocks, feats), astuple(t)
    # these do not depend on the scores: once for both passes (the hard reasons, metadata lines
    # and date columns: rust/src/select/hard)
    hard, datelines, dated = _select_hard(page, patterns, values)
    bylines = [d and not column for d, column in zip(datelines, dated)]  # a date column's dates are no bylines
    thread = (
        is_thread(blocks)
        or repeated_posts(bylines, scores, containers, t.good, t.byline_series)
        or (not containers and _posts_by_bylines(blocks, feats, scores, hard, datelines, t))
    )
    chosen = _select(
        blocks, feats, scores, page_title, containers, t, hard, datelines, bylines, dated, page, values, thread=thread
    )
    kept_han = sum(f.han for f, k in zip(feats, chosen.kept) if k)
    if kept_han < t.relax_below_han:
        shifted = [s + t.relax_shift for s in scores]
        relaxed = _select(
            blocks, feats, shifted, page_title, containers, t, hard, datelines, bylines, dated, page, values,
            chosen.title_index, thread,
        )  # fmt: skip
        relaxed_han = sum(f.han for f, k in zip(feats, relaxed.kept) if k)
        if relaxed_han > kept_han and relaxed_han >= t.relax_min_han:
            chosen, kept_han = relaxed, relaxed_han
    return _with_contents(feats, chosen, kept_han, _select_contents_lists(page, patterns, values))


def _with_contents(feats: Sequence[Features], chosen: Selection, kept_han: int, lists: Sequence[range]) -> Selection:
    """A page whose table of contents outweighs its article (a novel's chapter list) keeps the list: ``lists``
    are its runs of list items naming chapters (``contents_lists`` in rust/src/select/hard)."""
    if not lists or sum(feats[i].han for run in lists for i in run) <= kept_han:
        return chosen
    kept, reasons = list(chosen.kept), list(chosen.reasons)
    for run in lists:
        for i in run:
            if feats[i].han:
                kept[i], reasons[i] = True, _CONTINUES_REGION
    return replace(chosen, kept=tuple(kept), reasons=tuple(reasons))


def _select(
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    scores: Sequence[float],
    page_title: str | None,
    containers: Sequence[Container],
    t: Thresholds,
    hard: Sequence[str | None],
    datelines: Sequence[bool],
    bylines: Sequence[bool],
    dated: Sequence[bool],
    page: Any,
    t_values: tuple[Any, ...],
    fixed_title: int | None = None,
    thread: bool = False,
) -> Selection:
    barriers = THREAD_BARRIERS if thread else BARRIERS
    values = _values(feats, scores, hard, datelines, t, barriers)
    if not containers:  # (in HTML the posts' layout tells a thread: a blog's front page is no Q&A)
        _lift_interleaved_barriers(values, feats, hard, t)
        _pass_post_footers(values, blocks, feats, hard, t)
    if fixed_title is not None:  # a title found before stays the title, outside the region
        values[fixed_title] = min(values[fixed_title], t.neutral_value)
    posts_from = 0
    if thread:  # the posts begin at the first post's byline, when a series of bylines tells them
        heads = post_heads(datelines, scores, t.good)
        first = alike_bylines(blocks, datelines, t.byline_series) if not containers else None
        posts_from = heads[0] if heads and len(heads) >= t.byline_series else first or 0
    else:
        _split_posts(values, bylines, t.byline_series, texts=[b.text for b in blocks])
    region = best_region(values, t.early_share, posts_from)
    if region is not None and region[0] < posts_from <= region[1]:
        region = _within_first_post(region, posts_from, values, containers, t.early_share)
    heading = heading_title(blocks, feats, page_title)
    if heading is not None and region is not None and not region[0] <= heading <= region[1] + 1:
        anchored = anchored_region(values, heading)
        if anchored is not None and anchored[1] >= t.anchor_share * sum(values[region[0] : region[1] + 1]):
            region = anchored[0]
    if region is not None:
        soft, labels = _soft_values(values, blocks, hard, barriers, t)
        box = _container_of(region, values, containers)  # in HTML the article stays in its element
        bounds = (box.first, box.end - 1) if box is not None else None
        region = continued_region(region, soft, labels, t.continue_density, heading, bounds)
        for i in range(region[0], region[1] + 1):  # labels inside the article are subheadings
            if labels[i]:
                values[i] = -t.barrier_cost
    spans = container_spans(region, values, containers, t.post_han)
    title_index = (
        fixed_title
        if fixed_title is not None
        else _pick_title(blocks, feats, region, page_title, heading, hard, datelines, t.title_echo)
    )
    # what is kept around the region: code, tables, records, replies, short lines (rust/src/select/keep)
    kept, reasons = _select_keep(
        page, scores, hard, datelines, dated, values, region, spans, title_index, posts_from, heading, thread,
        t_values,
    )  # fmt: skip
    title = blocks[title_index].text if title_index is not None else None
    return Selection(kept, reasons, title, region, title_index)


def _lift_interleaved_barriers(
    values: list[float], feats: Sequence[Features], hard: Sequence[str | None], t: Thresholds
) -> None:
    """In a text dump, a sidebar's label (related, comment or login heading) laid beside the
    article's column sits between lines of the article: with long prose on both sides (within
    ``interleaved_reach`` blocks), or inside a sentence the article's column wrapped (two lines,
    not list items), it only costs.
    Editor, copyright and ICP lines always end the article.

    >>> from cleantext.features import measure
    >>> feats = measure([RawBlock(t, "line", 0, 1) for t in ["正文一行。", "相关阅读", "正文，", "最新评论", "下一行"]])
    >>> values = [300.0, BARRIER_VALUE, 40.0, BARRIER_VALUE, 30.0]
    >>> _lift_interleaved_barriers(values, feats, [None, "related", None, "comment", None], DEFAULT)
    >>> values
    [300.0, -1000000.0, 40.0, -4.0, 30.0]
    """
    reach = t.interleaved_reach
    for i, value in enumerate(values):
        if value > BARRIER_VALUE or hard[i] not in SIDEBAR_LABELS:
            continue
        before = range(i - 1, max(-1, i - 1 - reach), -1)
        after = range(i + 1, min(len(values), i + 1 + reach))
        if max((values[k] for k in before), default=0.0) >= t.interleaved_han and (
            max((values[k] for k in after), default=0.0) >= t.interleaved_han
        ):
            values[i] = t.bad_value
            continue
        prose_before = next((k for k in before if values[k] > 0), None)
        prose_after = next((k for k in after if values[k] > 0), None)
        if (
            prose_before is not None
            and prose_after is not None
            and min(values[prose_before], values[prose_after]) >= t.wrapped_han
            and not feats[prose_before].ends_sentence
            and not (feats[prose_before].list_item or feats[prose_after].list_item)
        ):
            values[i] = t.bad_value


def _pass_post_footers(
    values: list[float],
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    hard: Sequence[str | None],
    t: Thresholds,
    reach: int = 5,
) -> None:
    """In a text dump, a comment line that closes each of several posts is the posts' footer, not the comments'
    heading: an answer's ``赞同 128 · 23 条评论``, shaped alike (counts aside) under every answer of
    a Q&A page, the first within ``reach`` blocks after prose and each after prose since the one
    before. Two or more such lines (a series) only cost, so the answers after the first are not
    cut off; a comment heading stands alone.

    >>> from cleantext.features import measure
    >>> lines = ["第一个回答的正文。", "赞同 12 · 3 条评论", "第二个回答的正文。", "赞同 5 · 0 条评论", "网友评论（3）"]
    >>> bs = [RawBlock(x, "line", 0, 1) for x in lines]
    >>> values = [9.0, BARRIER_VALUE, 9.0, BARRIER_VALUE, BARRIER_VALUE]
    >>> _pass_post_footers(values, bs, measure(bs), [None, "comment", None, "comment", "comment"], DEFAULT)
    >>> values
    [9.0, -6.5, 9.0, -6.5, -1000000.0]
    """
    shapes: dict[str, list[int]] = {}
    for i, (b, h) in enumerate(zip(blocks, hard)):
        if h == Reason.COMMENT and values[i] <= BARRIER_VALUE:
            shapes.setdefault(_SHAPE_NOISE.sub("", b.text), []).append(i)
    prose = [0]  # prefix counts of prose blocks
    for v in values:
        prose.append(prose[-1] + (v > 0))
    for found in shapes.values():
        if len(found) < 2 or prose[found[0]] == prose[max(0, found[0] - reach)]:
            continue
        if all(prose[b] > prose[a + 1] for a, b in pairwise(found)):  # each closes a post
            for i in found:
                values[i] = t.bad_value - t.bad_value_per_han * min(feats[i].han, t.bad_value_han_cap)


def is_thread(blocks: Sequence[RawBlock]) -> bool:
    """A forum thread: a short block holds one of its controls or bylines (只看楼主, 楼主).

    >>> is_thread([RawBlock("倒序看帖", "paragraph", 0, 4)]), is_thread([RawBlock("沙发上的猫", "line", 0, 5)])
    (True, False)
    """
    short = "\n".join(b.text for b in blocks if len(b.text) <= _MARK_CHARS)  # one scan, not one per block
    return THREAD_MARKS.search(short) is not None
