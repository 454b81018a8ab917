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
constants (``_MARK_CHARS``, ``_SHAPE_PAIRS``, ``_TITLE_ECHO``, ``_RECORD_ROWS``...) and the
``reach`` defaults describe what a structure looks like and are not tuned.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields, replace
from operator import attrgetter
from typing import Any

from . import metadata
from ._core import SelectPage as _SelectPage
from ._core import select_contents_lists as _select_contents_lists
from ._core import select_hard as _select_hard
from ._core import select_region as _select_region
from ._core import select_thread as _select_thread
from .blocks import Container, RawBlock
from .blocks.text_code import code_part
from .features import Features
from .lexicon import boilerplate_lexicon, simplified_all, structure_pattern, structure_words
from .reasons import Reason

#: Lexicon codes that end an article: a region never spans them.
BARRIERS = frozenset({"related", "comment", "copyright", "icp", "editor-line", "login"})
#: On a forum thread comments are the posts: only these end it.
THREAD_BARRIERS = BARRIERS - {"comment"}
#: Words only a forum thread's own controls use ("see only the first poster's posts"; data/structure.tsv).
THREAD_MARKS = structure_pattern("thread-mark", re.MULTILINE)
_MARK_CHARS = 40  # a thread mark is a control or byline: a block at most this long
#: A line that names the post or article it heads ("主题：…", old forums' title line) or the
#: title it first ran under ("原标题：…", "（原题为《…》）"): metadata (data/structure.tsv).
TITLE_LABEL = structure_pattern("title-label")
#: A chapter of a book named in a table of contents (data/structure.tsv).
CHAPTER = structure_pattern("chapter")
BARRIER_VALUE = -1e6  # what a barrier "adds" to a region: no region can hold one
#: The reasons a block carries for each decision taken block by block, built once (looking up
#: an enum member's value is slow in loops over every block).
_MAIN_REGION = (Reason.MAIN_REGION.value,)
_CONTINUES_REGION = (Reason.CONTINUES_REGION.value,)
_OUTSIDE_REGION = (Reason.OUTSIDE_REGION.value,)
_TITLE = (Reason.TITLE.value,)
_METADATA = (Reason.METADATA.value,)
_SHORT_LINE = (Reason.SHORT.value,)
_SHORT_HEADING = (Reason.SHORT_HEADING.value,)
_SHORT = frozenset({_SHORT_LINE, _SHORT_HEADING})
#: The plain string of each reason (``str()`` of an enum member is slow in loops over every block).
_CODES: dict[str | None, str] = {reason: reason.value for reason in Reason}
#: The hard reasons of blocks that may still be kept (a duplicate, in a data table).
_MAY_BE_KEPT = (None, Reason.DUPLICATE)
#: The hard reasons a preformatted block of the article may have and still be kept (code has no Han).
_CODE_MAY_BE_KEPT = (None, Reason.NO_HAN)
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


@functools.lru_cache(maxsize=16)
def _limits(t: Thresholds) -> tuple[Any, ...]:
    """``t``'s fields as the native selection reads them (``dataclasses.astuple``), once per ``Thresholds``."""
    return astuple(t)


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


def _heading_like(text: str, f: Features) -> bool:
    return f.han <= 16 and f.punct == 0 and not f.ends_sentence and len(text) <= 30


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
    patterns, values = _PagePatterns(blocks, feats), _limits(t)
    # these do not depend on the scores: once for both passes (the hard reasons, metadata lines
    # and date columns: rust/src/select/hard)
    hard, datelines, dated = _select_hard(page, patterns, values)
    bylines = [d and not column for d, column in zip(datelines, dated)]  # a date column's dates are no bylines
    # a forum thread, and in each pass the region, its element and the title: rust/src/select/region
    thread = _select_thread(page, patterns, scores, hard, datelines, bylines, values)
    native = page, values
    chosen = _select(
        blocks, feats, scores, page_title, containers, t, hard, datelines, bylines, dated, native, thread=thread
    )
    kept_han = sum(f.han for f, k in zip(feats, chosen.kept) if k)
    if kept_han < t.relax_below_han:
        shifted = [s + t.relax_shift for s in scores]
        relaxed = _select(
            blocks, feats, shifted, page_title, containers, t, hard, datelines, bylines, dated, native,
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
    native: tuple[Any, tuple[Any, ...]],
    fixed_title: int | None = None,
    thread: bool = False,
) -> Selection:
    n = len(blocks)
    barriers = THREAD_BARRIERS if thread else BARRIERS
    page, limits = native
    values, region, spans, title_index, posts_from = _select_region(
        page, boilerplate_lexicon(), scores, hard, datelines, dated, bylines, limits, fixed_title, thread
    )
    in_span = [False] * n
    for lo, hi in spans:
        for i in range(lo, hi + 1):
            in_span[i] = True
    kept = [False] * n
    reasons: list[tuple[str, ...]] = [()] * n
    for i in range(n):
        dropped = hard[i]
        if dropped is not None:
            reasons[i] = (dropped,)
        elif i == title_index:
            reasons[i] = _TITLE
        elif datelines[i]:  # the article's, or a post's byline
            reasons[i] = _METADATA
        elif region is not None and region[0] <= i <= region[1] and scores[i] >= t.good:
            kept[i], reasons[i] = True, _MAIN_REGION
        elif in_span[i] and scores[i] >= t.neutral and feats[i].han:
            kept[i], reasons[i] = True, _CONTINUES_REGION
        elif scores[i] >= t.good:
            reasons[i] = _OUTSIDE_REGION
        elif feats[i].heading or _heading_like(blocks[i].text, feats[i]):
            reasons[i] = _SHORT_HEADING
        else:
            reasons[i] = _SHORT_LINE
    _keep_code(blocks, hard, in_span, kept, reasons)
    if not containers:
        _keep_dump_code(blocks, feats, hard, kept, reasons)
    if thread and region is not None:
        _keep_replies(region[1] + 1, scores, feats, hard, barriers, kept, reasons, t.good)
        if posts_from and datelines[posts_from]:
            _keep_post_texts(
                blocks, feats, hard, datelines, posts_from, region[1] + 1, barriers, page_title, kept, reasons
            )
    if containers and thread:  # a post's own subheadings, not its buttons and bylines
        _keep_inside_elements(spans, scores, feats, kept, reasons, t.element_floor, headings_only=True)
    if containers and not thread:
        _keep_inside_elements(spans, scores, feats, kept, reasons, t.element_floor)
        _keep_trailing_table(containers, values, feats, hard, datelines, kept, reasons, t.table_max_link_density)
        _keep_data_tables(
            blocks, containers, in_span, values, feats, hard, dated, kept, reasons, t.table_max_link_density
        )
        _keep_table_series(blocks, containers, values, feats, hard, dated, kept, reasons, t)
        _keep_record_table(
            blocks, containers, values, feats, datelines, title_index, kept, reasons, t.table_max_link_density
        )
    _keep_repeated_lines(blocks, feats, hard, spans, kept, reasons)
    _keep_sandwiched(scores, kept, reasons, t.neutral)
    title = blocks[title_index].text if title_index is not None else None
    return Selection(tuple(kept), tuple(reasons), title, region, title_index)


def _keep_code(
    blocks: Sequence[RawBlock],
    hard: Sequence[str | None],
    in_span: Sequence[bool],
    kept: list[bool],
    reasons: list[tuple[str, ...]],
) -> None:
    """Preformatted blocks (``<pre>``: code, commands, verse) inside the article's element or a
    post are part of it, Han characters or not.

    >>> bs = [RawBlock(t, k, 0, 1) for t, k in [("npm i -g depcheck", "preformatted"), ("$ ls", "preformatted")]]
    >>> kept, reasons = [False, False], [("no-han",), ("no-han",)]
    >>> _keep_code(bs, ["no-han", "no-han"], [True, False], kept, reasons)
    >>> kept, reasons
    ([True, False], [('continues-region',), ('no-han',)])
    """
    for i, b in enumerate(blocks):
        if in_span[i] and not kept[i] and b.kind == "preformatted" and hard[i] in _CODE_MAY_BE_KEPT:
            kept[i], reasons[i] = True, _CONTINUES_REGION


def _keep_dump_code(
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    hard: Sequence[str | None],
    kept: list[bool],
    reasons: list[tuple[str, ...]],
) -> None:
    """In a text dump (no ``<pre>`` left), lines without Han characters that read as code (Latin
    letters and code marks: ``=``, brackets, dots, slashes…; or lower-case words, a command) are
    kept when they fill the whole gap between two kept blocks: the commands and code of a tech
    article between its paragraphs.

    >>> from cleantext.features import measure
    >>> bs = [RawBlock(t, "line", 0, 1) for t in ["先安装：", "pip install requests", "再运行。", "[image]", "完。"]]
    >>> kept = [True, False, True, False, True]
    >>> reasons = [("main-region",), ("no-han",), ("main-region",), ("no-han",), ("main-region",)]
    >>> _keep_dump_code(bs, measure(bs), [None, "no-han", None, "no-han", None], kept, reasons)
    >>> kept
    [True, True, True, False, True]
    """
    prev = -1
    for i, keep in enumerate(kept):
        if not keep:
            continue
        gap = range(prev + 1, i)
        if prev >= 0 and len(gap) and _code_gap(blocks, feats, hard, gap):
            for k in gap:
                kept[k], reasons[k] = True, _CONTINUES_REGION
        prev = i


def _code_gap(blocks: Sequence[RawBlock], feats: Sequence[Features], hard: Sequence[str | None], gap: range) -> bool:
    """Every line of ``gap`` is code, or closes brackets (``}``, ``});``) after code.

    >>> from cleantext.features import measure
    >>> bs = [RawBlock(t, "line", 0, 1) for t in ["int main(void) {", "return 0;", "}", "}"]]
    >>> _code_gap(bs, measure(bs), ["no-han"] * 4, range(0, 3)), _code_gap(bs, measure(bs), ["no-han"] * 4, range(2, 4))
    (True, False)
    """
    code = False
    for k in gap:
        if _code_line(blocks[k].text, feats[k], hard[k]):
            code = True
        elif not (hard[k] in _CODE_MAY_BE_KEPT and _CLOSER.fullmatch(blocks[k].text)):
            return False
    return code


def _code_line(text: str, f: Features, hard: str | None) -> bool:
    """A line of code or a command: no Han (but in a comment or a string literal), Latin letters,
    code marks or lower-case words; not a dump's placeholders (``[image]``), nor a lone token
    without a call or assignment (a file name, a cut URL).

    >>> f = Features(20, 0, 0.0, 0, False, 0.0, False, False, False, None, None, (), 0.0, 0.0)
    >>> [_code_line(t, f, "no-han") for t in ["pip install requests", "x = f(1)", "[a]  [b]", "logo_120x60.png"]]
    [True, True, False, False]
    >>> f = replace(f, han=2)
    >>> [_code_line(t, f, None) for t in ["s += r  # 累加", 'print("你好")', "# 累加", "更新 x = 1"]]
    [True, True, False, False]
    """
    line = text.strip()
    if f.han:  # Han in a comment or a string literal only: the code around them is read
        line = code_part(line)
        if _HAN_CHAR.search(line) is not None:
            return False
    return (
        hard in _CODE_MAY_BE_KEPT
        and _LATIN.search(line) is not None
        and (_CODE_MARK.search(line) is not None or _COMMAND.fullmatch(line) is not None)
        and _PLACEHOLDER.fullmatch(line) is None
        and (" " in line or "(" in line or "=" in line)
    )


_LATIN = re.compile(r"[A-Za-z]")
_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CODE_MARK = re.compile(r"[=(){};._/$#<>:\"'\-]")
_COMMAND = re.compile(r"[a-z][a-z0-9]*(?: +[a-z0-9]+)+")  # a command line: lower-case words (pip install x)
_PLACEHOLDER = re.compile(r"\[[^\]]*\](?:\s*\[[^\]]*\])*")  # a dump's [image], [logo]
_CLOSER = re.compile(r"\s*[)}\]][)}\];,]*\s*")  # the closing brackets of a block of code: }, });


def _keep_trailing_table(
    containers: Sequence[Container],
    values: Sequence[float],
    feats: Sequence[Features],
    hard: Sequence[str | None],
    datelines: Sequence[bool],
    kept: list[bool],
    reasons: list[tuple[str, ...]],
    max_link_density: float,
) -> None:
    """A table that starts at the article's last kept block and runs on past it, with no links
    (each cell under ``max_link_density``) and no barrier inside, is the article's data table:
    its cells are kept, repeated values too.

    >>> from cleantext.features import measure
    >>> cells = ["附：招生专业", "学科名称", "导师", "艺术学", "同上", "艺术学", "同上"]
    >>> feats = measure([RawBlock(c, "table-cell", 0, 1) for c in cells])
    >>> kept, reasons = [True] + [False] * 6, [("main-region",)] + [("short",)] * 6
    >>> hard = [None] * 5 + ["duplicate", "duplicate"]
    >>> table = Container(0, 7, "table")
    >>> _keep_trailing_table([table], [9.0] + [-2.0] * 6, feats, hard, [False] * 7, kept, reasons, 0.3)
    >>> kept
    [True, True, True, True, True, True, True]
    """
    last = max((i for i, k in enumerate(kept) if k), default=-1)
    if last < 0:
        return
    for c in containers:
        if c.tag != "table" or not last - 1 <= c.first <= last + 1 < c.end - 1:
            continue
        cells = range(c.first, c.end)
        if any(values[i] <= BARRIER_VALUE or feats[i].link_density >= max_link_density for i in cells):
            continue
        for i in cells:
            if not kept[i] and feats[i].han and hard[i] in _MAY_BE_KEPT and not datelines[i]:
                kept[i], reasons[i] = True, _CONTINUES_REGION
        return


#: A repeated block of at most this many Han characters is a line (a chorus, a command, a
#: value), which an article may repeat; a longer one is a paragraph shown twice.
_REPEATED_LINE_HAN = 40


def _keep_repeated_lines(
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    hard: Sequence[str | None],
    spans: Sequence[tuple[int, int]],
    kept: list[bool],
    reasons: list[tuple[str, ...]],
) -> None:
    """Lines the article repeats (a song's chorus, a poem's refrain, a price in a listing, a
    command run twice in a tutorial) are kept each time: a duplicate whose first copy is kept,
    both inside the same element of the article (or post), that does not repeat the article's
    first kept block (the lead), and is code, or a line (at most ``_REPEATED_LINE_HAN`` Han
    characters) whose first copy is prose of the region (``main-region``) or which belongs to
    a repeated run of lines (a chorus repeats in full). A weak line repeated alone (a post's
    byline, a picture credit, a "more" link) goes, and so do repeats of teasers and menus:
    their first copy is not kept.

    >>> from cleantext.features import measure
    >>> lines = ["第一段正文，写得很长很长。", "啦啦啦，春天来了", "啦啦啦，花儿开了", "第二段。", "啦啦啦，春天来了",
    ...          "啦啦啦，花儿开了", "啦啦啦，春天来了"]
    >>> bs = [RawBlock(t, "paragraph", 0, 1) for t in lines]
    >>> kept = [True] * 4 + [False] * 3
    >>> reasons = [("main-region",)] + [("continues-region",)] * 3 + [("duplicate",)] * 3
    >>> _keep_repeated_lines(bs, measure(bs), [None] * 4 + ["duplicate"] * 3, [(0, 6)], kept, reasons)
    >>> kept
    [True, True, True, True, True, True, False]
    """
    lead = next((i for i, keep in enumerate(kept) if keep), None)
    for lo, hi in spans:
        for i in range(lo, hi + 1):
            first = feats[i].duplicate_of
            if (
                hard[i] == Reason.DUPLICATE
                and first is not None
                and lo <= first
                and kept[first]
                and first != lead
                and (
                    blocks[i].kind == "preformatted"
                    or (feats[i].han <= _REPEATED_LINE_HAN and (reasons[first] == _MAIN_REGION or _in_repeat(feats, i)))
                )
            ):
                kept[i], reasons[i] = True, _CONTINUES_REGION


def _in_repeat(feats: Sequence[Features], i: int) -> bool:
    """Whether duplicate ``i`` has a neighbour that repeats its first copy's neighbour on the same side."""
    first = feats[i].duplicate_of
    if first is None:
        return False
    before = i > 0 and first > 0 and feats[i - 1].duplicate_of == first - 1
    after = i + 1 < len(feats) and feats[i + 1].duplicate_of == first + 1
    return before or after


#: The hard reasons a cell of the article's data table may have and still be kept: its shape's (a
#: number has no Han, a value repeats, a name links to its page), not the boilerplate lexicon's.
_CELL_MAY_BE_KEPT = (None, Reason.DUPLICATE, Reason.TRUNCATED_DUPLICATE, Reason.NO_HAN, Reason.NAV, Reason.LINK_DENSE)
_DIGIT = re.compile(r"\d")


def _keep_data_tables(
    blocks: Sequence[RawBlock],
    containers: Sequence[Container],
    in_span: Sequence[bool],
    values: Sequence[float],
    feats: Sequence[Features],
    hard: Sequence[str | None],
    dated: Sequence[bool],
    kept: list[bool],
    reasons: list[tuple[str, ...]],
    max_link_density: float,
) -> None:
    """A data table inside the article's element, after a kept block, keeps all its cells in
    row order: labels, numbers (no Han: ``7.1%``), repeated values, dates and linked names, and
    the headings right above it (its section's). A data table holds
    no other table (a layout table does), no barrier, less than ``max_link_density`` of its text
    in links (a name in a cell may link to its page; a grid of links is a menu), a cell with Han
    characters, and data: a number, or a header row (it opens with ``<th>`` cells only).

    >>> from cleantext.features import measure
    >>> cells = ["正文第一段。", "指标", "增速", "工业", "7.1%", "消费", "3.2%"]
    >>> bs = [RawBlock(c, "paragraph" if i == 0 else "table-cell", 0, 1) for i, c in enumerate(cells)]
    >>> kept, reasons = [True] + [False] * 6, [("main-region",)] + [("short",)] * 6
    >>> hard = [None, None, None, None, "no-han", None, "no-han"]
    >>> _keep_data_tables(bs, [Container(1, 7, "table")], [True] * 7, [9.0] + [-2.0] * 6, measure(bs), hard,
    ...                   [False] * 7, kept, reasons, 0.3)
    >>> kept
    [True, True, True, True, True, True, True]
    """
    first_kept = next((i for i, keep in enumerate(kept) if keep), len(kept))
    tables = sorted((c for c in containers if c.tag == "table"), key=lambda c: (c.first, -c.end))
    row_ends = {c.first: c.end for c in containers if c.tag == "tr"}
    for k, c in enumerate(tables):
        if k + 1 < len(tables) and tables[k + 1].first < c.end:  # holds another table: layout
            continue
        cells = range(c.first, c.end)
        if c.first <= first_kept or not all(in_span[i] for i in cells):
            continue
        if not _data_table(blocks, c, row_ends, values, feats, hard, dated, max_link_density):
            continue
        _keep_cells(cells, feats, hard, kept, reasons)
        i = c.first - 1  # the headings that open its section
        while i > first_kept and not kept[i] and in_span[i] and blocks[i].kind == "heading" and hard[i] is None:
            kept[i], reasons[i] = True, _CONTINUES_REGION
            i -= 1


def _data_table(
    blocks: Sequence[RawBlock],
    table: Container,
    row_ends: dict[int, int],
    values: Sequence[float],
    feats: Sequence[Features],
    hard: Sequence[str | None],
    dated: Sequence[bool],
    max_link_density: float,
) -> bool:
    """Whether ``table`` (one that holds no other table) holds data: no barrier, less than
    ``max_link_density`` of its text in links (the labels of header cells, ``<th>``, may link to
    their terms' pages: those links do not count), links that are names rather than headlines
    (fewer than half its linked cells link-dense: ``hard``; a list of teasers links headlines), a cell with Han
    characters, and a number (a cell without Han), headers (a header row, or a header cell opening
    every row: labelled values) or a date column (``dated``, see ``date_columns`` in rust/src/select/hard)."""
    cells = range(table.first, table.end)
    if any(values[i] <= BARRIER_VALUE for i in cells):
        return False
    chars = sum(feats[i].chars for i in cells)
    links = sum(feats[i].chars * feats[i].link_density for i in cells if blocks[i].tag != "th")
    if chars and links / chars >= max_link_density:
        return False
    linked = [hard[i] for i in cells if feats[i].link_density >= 0.5 and blocks[i].tag != "th"]
    if linked and 2 * linked.count(Reason.LINK_DENSE) >= len(linked):  # headlines: a list of teasers
        return False
    if all(feats[i].han == 0 for i in cells):
        return False
    return (
        dated[table.first]
        or _headed(blocks, table, row_ends)
        or _row_headers(blocks, table, row_ends)
        or any(feats[i].han == 0 and _DIGIT.search(blocks[i].text) for i in cells)
    )


def _keep_cells(
    cells: range,
    feats: Sequence[Features],
    hard: Sequence[str | None],
    kept: list[bool],
    reasons: list[tuple[str, ...]],
) -> None:
    """A data table's cells kept: labels, numbers, repeated values, dates and linked names."""
    for i in cells:
        if not kept[i] and feats[i].chars and hard[i] in _CELL_MAY_BE_KEPT:
            kept[i], reasons[i] = True, _CONTINUES_REGION


def _keep_table_series(
    blocks: Sequence[RawBlock],
    containers: Sequence[Container],
    values: Sequence[float],
    feats: Sequence[Features],
    hard: Sequence[str | None],
    dated: Sequence[bool],
    kept: list[bool],
    reasons: list[tuple[str, ...]],
    t: Thresholds,
) -> None:
    """The data tables that follow the article one after another (a singer's releases, shows and
    awards; a company's results year by year), each within ``t.table_gap`` blocks of the article's
    last kept block or of the table before, are part of it however many cells they hold: their
    cells are kept, and the lines between (their sections' headings, a caption) when they have Han
    characters. A line of prose, a barrier or a link between two tables ends the series, and so
    does a table that holds no data (see :func:`_data_table`) or holds another table (a layout).

    >>> from cleantext.features import measure
    >>> texts = ["正文第一段。", "主持", "日期", "节目", "2019年3月2日", "音乐风云榜", "奖项", "年份", "结果", "2020",
    ...          "获奖"]
    >>> bs = [RawBlock(x, "paragraph" if i < 2 else "table-cell", 0, 1, tag="th" if i in (2, 3, 7, 8) else "td")
    ...       for i, x in enumerate(texts)]
    >>> boxes = [Container(2, 6, "table"), Container(2, 4, "tr"), Container(7, 11, "table"), Container(7, 9, "tr")]
    >>> kept = [True] + [False] * 10
    >>> _keep_table_series(bs, boxes, [9.0] + [-2.0] * 10, measure(bs), [None] * 9 + ["no-han", None], [False] * 11,
    ...                    kept, [("main-region",)] + [("short",)] * 10, DEFAULT)
    >>> kept
    [True, True, True, True, True, True, True, True, True, True, True]
    """
    last = max((i for i, k in enumerate(kept) if k), default=-1)
    if last < 0:
        return
    tables = sorted((c for c in containers if c.tag == "table" and c.first > last), key=lambda c: (c.first, -c.end))
    row_ends = {c.first: c.end for c in containers if c.tag == "tr"}
    end, series = last + 1, list[tuple[range, Container]]()
    for k, c in enumerate(tables):
        if c.first < end:  # inside a table of the series
            continue
        gap = range(end, c.first)
        if len(gap) > t.table_gap or any(
            values[i] > 0 or values[i] <= BARRIER_VALUE or feats[i].link_density >= 0.5 for i in gap
        ):
            break
        if k + 1 < len(tables) and tables[k + 1].first < c.end:  # holds another table: layout
            break
        if not _data_table(blocks, c, row_ends, values, feats, hard, dated, t.series_max_link_density):
            break
        series.append((gap, c))
        end = c.end
    for gap, c in series:
        for i in gap:
            if not kept[i] and feats[i].han and hard[i] is None:
                kept[i], reasons[i] = True, _CONTINUES_REGION
        _keep_cells(range(c.first, c.end), feats, hard, kept, reasons)


#: A label of a record table: a few characters (no digit) ending in a colon (索 引 号：, 发文机关：).
_RECORD_LABEL = re.compile(r"[^\d:：]{1,10}[:：]")
#: Rows a table of labelled values needs to be a record (a notice's 索引号/发文机关/发布日期...).
_RECORD_ROWS = 3


def _record_rows(blocks: Sequence[RawBlock], table: Container, rows: Sequence[Container]) -> bool:
    """Whether ``table`` is a record: at least ``_RECORD_ROWS`` rows (``rows``, its ``<tr>``
    elements, cover all its blocks), each a label ending in a colon then its value, once or
    twice (two or four cells).

    >>> bs = [RawBlock(t, "table-cell", 0, 1) for t in ["索 引 号：", "1150/2023-00118", "发文机关：", "市政府",
    ...                                                  "标　题：", "关于加强绿地保护的通知"]]
    >>> _record_rows(bs, Container(0, 6, "table"), [Container(k, k + 2, "tr") for k in (0, 2, 4)])
    True
    >>> _record_rows(bs, Container(0, 6, "table"), [Container(0, 2, "tr"), Container(2, 6, "tr")])
    False
    """
    covered, count = table.first, 0
    for row in rows:
        if row.first != covered:
            return False
        cells = ["".join(b.text.split()) for b in blocks[row.first : row.end]]
        labels, values = cells[0::2], cells[1::2]
        if len(cells) not in (2, 4) or not all(_RECORD_LABEL.fullmatch(c) for c in labels):
            return False
        if any(_RECORD_LABEL.fullmatch(c) for c in values):
            return False
        covered, count = row.end, count + 1
    return covered == table.end and count >= _RECORD_ROWS


def _keep_record_table(
    blocks: Sequence[RawBlock],
    containers: Sequence[Container],
    values: Sequence[float],
    feats: Sequence[Features],
    datelines: Sequence[bool],
    title_index: int | None,
    kept: list[bool],
    reasons: list[tuple[str, ...]],
    max_link_density: float,
) -> None:
    """A record above the article (a notice's 索引号：…, 发文机关：…, 发布日期：…: a table of labelled
    values, see :func:`_record_rows`) is part of it when nothing lies between the two but what
    no article holds or ends at: no prose, no barrier, no link (its copy in a second layout may).
    Every cell is kept, its title and dates too (they still give the title and the metadata); a
    copy of a record (each value a duplicate) is not kept again.

    >>> cells = ["索 引 号：", "1150/2023-00118", "发文机关：", "市政府", "发布日期：", "2023年03月06日", "正文。"]
    >>> bs = [RawBlock(t, "table-cell" if i < 6 else "paragraph", 0, 1) for i, t in enumerate(cells)]
    >>> from cleantext.features import measure
    >>> rows = [Container(k, k + 2, "tr") for k in (0, 2, 4)]
    >>> kept, reasons = [False] * 6 + [True], [("short",)] * 6 + [("main-region",)]
    >>> dates = [False] * 5 + [True, False]
    >>> _keep_record_table(bs, [Container(0, 6, "table"), *rows], [-2.0] * 6 + [9.0], measure(bs), dates, None,
    ...                    kept, reasons, 0.3)
    >>> kept, reasons[5]
    ([True, True, True, True, True, True, True], ('continues-region', 'metadata'))
    """
    first_kept = next((i for i, keep in enumerate(kept) if keep), None)
    if first_kept is None:
        return
    tables = sorted((c for c in containers if c.tag == "table" and c.end <= first_kept), key=lambda c: c.first)
    if not tables:
        return
    rows: dict[int, list[Container]] = {}
    for c in containers:
        if c.tag == "tr" and c.end <= first_kept:
            rows.setdefault(c.first, []).append(c)
    clear = first_kept  # blocks from here to the article's first are neither prose, barrier nor link
    while clear > 0 and BARRIER_VALUE < values[clear - 1] <= 0 and feats[clear - 1].link_density < 0.5:
        clear -= 1
    for table in tables:
        cells = range(table.first, table.end)
        if table.end < clear or all(feats[i].duplicate_of is not None for i in range(table.first + 1, table.end, 2)):
            continue  # something lies between it and the article, or it is a copy
        if any(values[i] <= BARRIER_VALUE or feats[i].link_density >= max_link_density for i in cells):
            continue
        own = sorted((r for k in cells for r in rows.get(k, ()) if r.end <= table.end), key=lambda r: r.first)
        if not _record_rows(blocks, table, own):
            continue
        for i in cells:
            if feats[i].chars:
                extra = _TITLE if i == title_index else _METADATA if datelines[i] else ()
                kept[i], reasons[i] = True, _CONTINUES_REGION + extra


def _link_share(feats: Sequence[Features], blocks: range) -> float:
    """The share of the characters of ``blocks`` that are link text."""
    chars = sum(feats[i].chars for i in blocks)
    return sum(feats[i].chars * feats[i].link_density for i in blocks) / chars if chars else 0.0


def _headed(blocks: Sequence[RawBlock], table: Container, row_ends: dict[int, int]) -> bool:
    """Whether ``table`` opens with a header row: its first row's cells are all ``<th>``
    (``row_ends``: where the row of two blocks or more that starts at a block ends).

    >>> bs = [RawBlock(t, "table-cell", 0, 1, tag=g) for t, g in [("年份", "th"), ("奖项", "th"), ("2004", "td")]]
    >>> _headed(bs, Container(0, 3, "table"), {0: 2})
    True
    >>> _headed(bs, Container(1, 3, "table"), {1: 3})
    False
    """
    if blocks[table.first].tag != "th":
        return False
    end = min(row_ends.get(table.first, table.first + 1), table.end)
    return all(b.tag == "th" for b in blocks[table.first : end])


def _row_headers(blocks: Sequence[RawBlock], table: Container, row_ends: dict[int, int]) -> bool:
    """Whether ``table`` is labelled values: ``_RECORD_ROWS`` rows of two blocks or more (see
    :func:`_headed` for ``row_ends``) or more, each opening with a ``<th>`` (the label) and
    holding a ``<td>`` (its value); rows of one block (a caption row) aside.

    >>> cells = [("姓名", "林晓雨"), ("英文名", "Lin Xiaoyu"), ("出生地", "台北")]
    >>> bs = [RawBlock(t, "table-cell", 0, 1, tag=g) for row in cells for t, g in zip(row, ("th", "td"))]
    >>> _row_headers(bs, Container(0, 6, "table"), {0: 2, 2: 4, 4: 6})
    True
    >>> _row_headers(bs, Container(0, 6, "table"), {0: 2, 2: 4})
    False
    """
    i, count = table.first, 0
    while i < table.end:
        end = row_ends.get(i)
        if end is None or end <= i + 1:
            i += 1
            continue
        row = blocks[i : min(end, table.end)]
        if row[0].tag != "th" or all(b.tag != "td" for b in row):
            return False
        count, i = count + 1, end
    return count >= _RECORD_ROWS


def is_thread(blocks: Sequence[RawBlock]) -> bool:
    """A forum thread: a short block holds one of its controls or bylines (只看楼主, 楼主).

    >>> is_thread([RawBlock("倒序看帖", "paragraph", 0, 4)]), is_thread([RawBlock("沙发上的猫", "line", 0, 5)])
    (True, False)
    """
    short = "\n".join(b.text for b in blocks if len(b.text) <= _MARK_CHARS)  # one scan, not one per block
    return THREAD_MARKS.search(short) is not None


def _keep_replies(
    start: int,
    scores: Sequence[float],
    feats: Sequence[Features],
    hard: Sequence[str | None],
    barriers: frozenset[str],
    kept: list[bool],
    reasons: list[tuple[str, ...]],
    good: float,
) -> None:
    """On a thread, the prose after the first post up to the first barrier is the replies."""
    for i in range(start, len(kept)):
        if hard[i] in barriers:
            break
        if not kept[i] and reasons[i] == _OUTSIDE_REGION and scores[i] >= good and feats[i].han:
            kept[i], reasons[i] = True, _CONTINUES_REGION


#: A post's line that repeats this share of the thread's title is its title line (回复：…), not its text.
_TITLE_ECHO = 0.5


def _keep_post_texts(
    blocks: Sequence[RawBlock],
    feats: Sequence[Features],
    hard: Sequence[str | None],
    datelines: Sequence[bool],
    first: int,
    start: int,
    barriers: frozenset[str],
    page_title: str | None,
    kept: list[bool],
    reasons: list[tuple[str, ...]],
) -> None:
    """On a thread, a reply too short to read as prose (赞一个, 想听听这方面的) is kept when it is
    the first line of Han text within two blocks under a post's byline written like the first
    post's (``first``), from ``start`` (the first post's end) up to the first barrier. A line that
    repeats the thread's title (回复：…) is the post's title, not its text, and one with a digit a
    count on the poster's card (文章：176); a byline right under
    a kept post closes that post (a tieba floor's 来自Android客户端3楼 2022-11-26), and the buttons
    under it are no post.

    >>> from cleantext.features import measure
    >>> lines = ["发布 #1 2023年10月2日", "正文很长。", "小王", "发布 #2 2023年10月9日", "回复：插件发布", "赞一个"]
    >>> bs = [RawBlock(x, "line", 0, 1) for x in lines + ["顶"]]
    >>> kept, reasons = [False, True, False, False, False, False, False], [("short",)] * 7
    >>> dates = [True, False, False, True, False, False, False]
    >>> _keep_post_texts(bs, measure(bs), [None] * 7, dates, 0, 2, BARRIERS, "插件发布 - 社区", kept, reasons)
    >>> kept
    [False, True, False, False, False, True, False]
    """
    head = blocks[first].text
    for i in range(start, len(blocks)):
        if hard[i] in barriers:
            return
        if not datelines[i] or kept[i - 1] or not _alike_heads([head, blocks[i].text]):
            continue  # (a byline right under a kept post closes it: its next line is no post's)
        for k in range(i + 1, min(len(blocks), i + 3)):
            if feats[k].han == 0 or hard[k] is not None or datelines[k] or _DIGIT.search(blocks[k].text):
                continue  # (a poster's card counts: 文章：176, 积分：300)
            if page_title and echo_share(blocks[k].text, page_title) >= _TITLE_ECHO:
                continue
            if not kept[k]:
                kept[k], reasons[k] = True, _CONTINUES_REGION
            break


def _keep_inside_elements(
    spans: Sequence[tuple[int, int]],
    scores: Sequence[float],
    feats: Sequence[Features],
    kept: list[bool],
    reasons: list[tuple[str, ...]],
    floor: float,
    headings_only: bool = False,
) -> None:
    """Short lines between the first and last kept block of the article's element (or a post)
    are its subheadings and captions: kept if they score at least ``floor`` (with
    ``headings_only``, on a forum thread, only headings: other short lines are buttons and bylines).

    >>> kept, reasons = [True, False, True, False], [("main-region",), ("short",), ("main-region",), ("short",)]
    >>> feats = [Features(4, 4, 1.0, 0, False, 0.0, False, False, False, None, None, (), 0.0, 0.0)] * 4
    >>> _keep_inside_elements([(0, 3)], [1.0, -4.0, 1.0, -4.0], feats, kept, reasons, -5.0)
    >>> kept
    [True, True, True, False]
    """
    done_until = -1
    for lo, hi in sorted(spans, key=lambda span: (span[0], -span[1])):
        if hi <= done_until:  # inside a span already done: every block is looked at once
            continue
        done_until = hi
        inside = [i for i in range(lo, hi + 1) if kept[i]]
        if len(inside) < 2:
            continue
        for i in range(inside[0] + 1, inside[-1]):
            if not kept[i] and reasons[i] in _SHORT and scores[i] >= floor and feats[i].han:
                if feats[i].heading or not headings_only:
                    kept[i], reasons[i] = True, _CONTINUES_REGION


def _keep_sandwiched(scores: Sequence[float], kept: list[bool], reasons: list[tuple[str, ...]], neutral: float) -> None:
    """Short blocks (subheadings, one-line paragraphs) between two kept blocks are kept."""
    prev_kept = -1
    for i, keep in enumerate(kept):
        if not keep:
            continue
        gap = range(prev_kept + 1, i)
        if prev_kept >= 0 and 0 < len(gap) <= 2:
            if all(reasons[k] in _SHORT and scores[k] >= neutral for k in gap):
                for k in gap:
                    kept[k], reasons[k] = True, _CONTINUES_REGION
        prev_kept = i
