"""Stage 3: what each block looks like, as numbers and flags.

The measures are the native core's (``rust/src/features/``): counts on each block's text,
the links between blocks and the boilerplate lexicon, for a whole page in one call, as columns
(:func:`measure_columns`). The close calls (:func:`close_calls`: blocks scored near the keep
threshold) get jieba's word-level stopword density instead (:func:`resegment`, the core cutting
and counting). :class:`Features` objects are made from the columns only where read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, make_dataclass
from operator import attrgetter
from types import EllipsisType
from typing import Any, Protocol

from ._core import Blocks as CoreBlocks
from ._core import Columns as _Columns
from ._core import Measure as _Measure
from ._core import ends_sentence as _ends_sentence
from ._core import han_count as _han_count
from ._core import is_truncated as _is_truncated
from ._core import punct_count as _punct_count
from .blocks import RawBlock
from .lexicon import (
    NativeLexicon,
    _t2s_map,
    boilerplate_lexicon,
    rules_max_han,
    simplified,
    simplified_blocks,
    stop_chars,
    stopwords,
)

#: jieba segments only blocks this long whose score is a close call (short prose or a
#: headline?); longer blocks are judged well by punctuation, and segmenting them costs the most.
_JIEBA_MIN_HAN = 8
_JIEBA_MAX_HAN = 60
#: ... and whose text is mostly not links, and no lexicon rule matches.
_JIEBA_MAX_LINK_DENSITY = 0.3


@dataclass(frozen=True, slots=True)
class Features:
    """The measurements of one block.

    Attributes:
        chars: non-space characters.
        han: Han characters.
        han_ratio: ``han / chars``.
        punct: Chinese sentence punctuation (and ``,:;!?`` written between Han characters).
        ends_sentence: the block ends with sentence-final punctuation.
        link_density: share of the text inside links (HTML).
        list_item: a ``<li>``/``<dd>`` or a bulleted dump line.
        heading: an ``<h1>``–``<h6>``.
        truncated: ends with an ellipsis.
        prefix_of: index of a longer block this block's text begins (a truncated lead or teaser).
        duplicate_of: index of an earlier block with the same text.
        lexicon: reason codes of the boilerplate lexicon rules the block matches.
        stopword_density: share of words that are function words; ``None`` if not measured.
        position: block index / number of blocks, in [0, 1).
    """

    chars: int
    han: int
    han_ratio: float
    punct: int
    ends_sentence: bool
    link_density: float
    list_item: bool
    heading: bool
    truncated: bool
    prefix_of: int | None
    duplicate_of: int | None
    lexicon: tuple[str, ...]
    stopword_density: float | None
    position: float


class FeatureColumns(Protocol):
    """The features of a page's blocks as the native core holds them (``cleantext._core.Columns``):
    a sequence of 14 columns, one per field of :class:`Features` in field order, each read as a
    new list (``columns[HAN]``); ``rows`` blocks. Score and selection read them in the core."""

    rows: int

    def __len__(self) -> int: ...

    def __getitem__(self, k: int) -> list[Any]: ...

    def __iter__(self) -> Iterator[list[Any]]: ...

    def set_stopword_density(self, rows: Sequence[int], values: Sequence[float]) -> None: ...

    def close_calls(
        self, scores: list[float], good: float, margin: float, min_han: int, max_han: int, max_link_density: float
    ) -> list[int]: ...

    def pack(self) -> tuple[bytes, tuple[tuple[str, ...], ...]]: ...

    def han_totals(self, kept: Iterable[bool] | None = None) -> tuple[int, int, int]: ...


class NativeMeasure(Protocol):
    """The native core's measure (``cleantext._core.Measure``)."""

    def columns(self, blocks: Sequence[RawBlock], matchable: Sequence[Any] | None) -> FeatureColumns: ...

    def columns_simplifying(self, blocks: Any, chars: Any) -> tuple[FeatureColumns, Any]: ...


@functools.lru_cache(maxsize=1)
def _native() -> NativeMeasure:
    """The core's measure, with the boilerplate lexicon and the one-character stopwords."""
    measurer: NativeMeasure = _Measure(boilerplate_lexicon(), "".join(sorted(stop_chars())))
    return measurer


#: A mutable twin of :class:`Features` (the same fields, so the same slots): :func:`measure` builds
#: these and makes each a ``Features`` by assigning its class. A frozen dataclass sets each field
#: through ``object.__setattr__``, four times slower on the tens of thousands of blocks of a page.
_Unfrozen = make_dataclass("_Unfrozen", [(f.name, f.type) for f in fields(Features)], slots=True)


def measure(blocks: Sequence[RawBlock]) -> tuple[Features, ...]:
    """Features of every block of a page (stopword density by the character-level estimate;
    :func:`resegment` refines the close calls with jieba), by the native core in one call.

    >>> from cleantext.blocks import RawBlock
    >>> f = measure([RawBlock("今天我们在重庆签署了协议。", "paragraph", 0, 13)])[0]
    >>> f.han, f.punct, f.ends_sentence, f.lexicon
    (12, 1, True, ())
    >>> measure([RawBlock("返回顶部", "line", 0, 4), RawBlock("返回 顶部", "line", 5, 10)])[1].duplicate_of
    0
    """
    return tuple(from_columns(measure_columns(blocks)))


def measure_columns(blocks: Sequence[RawBlock], matchable: Sequence[Any] | EllipsisType | None = ...) -> FeatureColumns:
    """:func:`measure` as columns the core holds (:class:`FeatureColumns`): one per field of
    :class:`Features`, in field order. ``matchable``: the blocks' texts as
    :func:`~cleantext.lexicon.simplified_blocks` gives them (``None``: as written), if the caller
    has them (the word lists match traditional pages too). A text dump's blocks held by the core
    (:func:`~cleantext.blocks.text_block_table`) are read there, no text made.

    >>> from cleantext.blocks import RawBlock
    >>> columns = measure_columns([RawBlock("返回顶部", "line", 0, 4), RawBlock("正文。", "line", 5, 8)])
    >>> columns.rows, columns[1], len(columns)
    (2, [4, 2], 14)
    """
    if matchable is ...:
        return measure_simplified(blocks)[0]  # (blocks held by the core: read once for both)
    if matchable is not None and len(matchable) != len(blocks):
        raise ValueError(f"matchable has {len(matchable)} texts for {len(blocks)} blocks")
    return _native().columns(blocks, matchable)


def measure_simplified(blocks: Sequence[RawBlock]) -> tuple[FeatureColumns, Sequence[Any] | None]:
    """:func:`measure_columns` of ``blocks`` with their simplified reading, and that reading
    (:func:`~cleantext.lexicon.simplified_blocks`: ``None`` on a page with no traditional
    character). Blocks held by the core are read there once for both: each text is looked at
    for a traditional character as it is measured (a page's scan for them cost as much again).

    >>> from cleantext.blocks import text_block_table
    >>> columns, reading = measure_simplified(text_block_table("來源：中央社\\n新闻\\n"))
    >>> columns[1], reading.changed()
    ([5, 2], [0])
    >>> measure_simplified(text_block_table("新闻\\n"))[1] is None
    True
    """
    if isinstance(blocks, CoreBlocks):
        return _native().columns_simplifying(blocks, _t2s_map())
    matchable = simplified_blocks(blocks)
    return measure_columns(blocks, matchable), matchable


def to_columns(feats: Sequence[Features]) -> FeatureColumns:
    """The columns of ``feats`` as the core holds them: :func:`from_columns` undone.
    ``TypeError`` names a field whose value the core cannot hold (a count that is not a
    non-negative int, a flag that is not a bool...).

    >>> f = Features(9, 9, 1.0, 0, False, 0.0, False, False, False, None, None, (), 0.5, 0.5)
    >>> columns = to_columns([f])
    >>> columns[1], columns[12], from_columns(columns) == [f]
    ([9], [0.5], True)
    """
    lists: Iterable[Iterable[Any]] = zip(*map(_row, feats)) if feats else ([] for _ in _FIELD_NAMES)
    return as_columns(lists)


def as_columns(columns: Iterable[Iterable[Any]]) -> FeatureColumns:
    """``columns`` as the core holds them: themselves if they are, else made from 14 iterables
    (one per field of :class:`Features`, in field order)."""
    if isinstance(columns, _Columns):
        return columns  # type: ignore[no-any-return]
    made: FeatureColumns = _Columns(columns)
    return made


def unpack_columns(data: bytes, codes: tuple[tuple[str, ...], ...]) -> FeatureColumns:
    """The columns that ``FeatureColumns.pack`` packed (how they pickle).

    >>> from cleantext.blocks import RawBlock
    >>> columns = measure_columns([RawBlock("返回顶部", "line", 0, 4), RawBlock("正文。", "line", 5, 8)])
    >>> unpack_columns(*columns.pack()) == columns
    True
    """
    unpacked: FeatureColumns = _Columns.unpack(data, codes)
    return unpacked


_FIELD_NAMES = [f.name for f in fields(Features)]
_row = attrgetter(*_FIELD_NAMES)


def from_columns(columns: Iterable[Iterable[Any]]) -> list[Features]:
    """One :class:`Features` per row of ``columns`` (one iterable per field, in field order), as
    the native core measures them and :mod:`cleantext.columns` keeps them.

    >>> [f.han for f in from_columns([[4, 2], [3, 2], [0.75, 1.0], [0, 1], [False, True], [0.0, 0.0],
    ...     [False, False], [False, False], [False, False], [None, None], [None, None], [(), ()],
    ...     [0.0, 0.5], [0.0, 0.5]])]
    [3, 2]
    """
    features = list(map(_Unfrozen, *columns))
    for f in features:
        f.__class__ = Features
    return features


def han_count(text: str) -> int:
    """Han characters in ``text`` (CJK unified ideographs, extension A, compatibility ideographs).

    >>> han_count("2021年GDP增长8.1%")
    3
    """
    count: int = _han_count(text)
    return count


def punct_count(text: str) -> int:
    """Sentence punctuation, counting half-width ``,:;!?`` only between Han characters (or
    before a space or a quote after one).

    >>> punct_count("6月3日,重庆市科技局与上海市科委签署协议。")
    2
    >>> punct_count("version 1,2: ok")
    0
    """
    count: int = _punct_count(text)
    return count


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a finished sentence (``。！？!?…”’」』``, trailing spaces aside).

    >>> ends_sentence("今天下雨了。"), ends_sentence("记者20日获悉,来自全省各")
    (True, False)
    """
    ends: bool = _ends_sentence(text)
    return ends


def is_truncated(text: str) -> bool:
    """Ends with an ellipsis (``…``, ``...``, ``⋯``, ``。。。``, maybe before a closing bracket),
    as teasers cut by a template do.

    >>> is_truncated("国际公共艺术论坛系列活动在青岛..."), is_truncated("正文。")
    (True, False)
    """
    cut: bool = _is_truncated(text)
    return cut


def lexicon_codes(text: str, han: int) -> tuple[str, ...]:
    """Codes of the boilerplate rules that match a block of ``han`` Han characters.

    >>> lexicon_codes("Copyright © 2021 重庆日报 版权所有 渝ICP备05003419号", 10)
    ('copyright', 'icp')
    >>> lexicon_codes("责任编辑:张三", 4), lexicon_codes("責任編輯：張三", 4)
    (('editor-line',), ('editor-line',))
    """
    if han > rules_max_han():  # longer than any rule allows: skip the searches
        return ()
    return page_lexicon_codes([simplified(text)], [han])[0]


def page_lexicon_codes(texts: Sequence[str], hans: Sequence[int]) -> list[tuple[str, ...]]:
    """:func:`lexicon_codes` for every block of a page, with one scan of the page per rule branch
    (by the native core, :func:`~cleantext.lexicon.boilerplate_lexicon`).

    The candidate blocks (short enough for some rule) are joined one per line; a match counts
    for the block it lies in, if it lies in one block and the rule allows that block's length.
    ``texts`` are already :func:`~cleantext.lexicon.simplified`; a lone surrogate matches as
    U+FFFD.

    >>> page_lexicon_codes(["正文。", "责任编辑:张三", "版权所有"], [2, 4, 4])
    [(), ('editor-line',), ('copyright',)]
    """
    lexicon: NativeLexicon = boilerplate_lexicon()
    return lexicon.page_codes(list(texts), list(hans))


def word_stopword_density(words: Sequence[str]) -> float:
    """Share of words that are function words.

    >>> word_stopword_density(["我们", "在", "北京", "的", "大学"])
    0.6
    """
    words = [w for w in words if w.strip()]
    if not words:
        return 0.0
    stop = stopwords()
    return sum(1 for w in words if w in stop) / len(words)


def needs_segmenting(f: Features) -> bool:
    """Whether jieba's word-level stopword density is worth computing for this block.

    >>> needs_segmenting(Features(20, 18, 0.9, 1, False, 0.0, False, False, False, None, None, (), 0.1, 0.5))
    True
    """
    return _needs_segmenting(f.han, f.link_density, f.lexicon)


def _needs_segmenting(han: int, link_density: float, lexicon: tuple[str, ...]) -> bool:
    return _JIEBA_MIN_HAN <= han <= _JIEBA_MAX_HAN and link_density < _JIEBA_MAX_LINK_DENSITY and not lexicon


def close_calls(columns: FeatureColumns, scores: Sequence[float], good: float, margin: float) -> list[int]:
    """The blocks (rows of ``columns``, as :func:`measure_columns` gives them) whose score is
    within ``margin`` of ``good`` and which :func:`needs_segmenting`: those jieba re-measures.

    >>> from cleantext.blocks import RawBlock
    >>> cols = measure_columns([RawBlock("我们在北京的大学读书", "paragraph", 0, 10), RawBlock("首页", "line", 11, 13)])
    >>> close_calls(cols, [0.5, 0.5], 0.0, 1.0)
    [0]
    """
    rows: list[int] = as_columns(columns).close_calls(
        list(scores), good, margin, _JIEBA_MIN_HAN, _JIEBA_MAX_HAN, _JIEBA_MAX_LINK_DENSITY
    )
    return rows


def resegment(
    columns: FeatureColumns,
    rows: Sequence[int],
    texts: Sequence[str],
    densities: Callable[[list[str]], list[float]],
) -> None:
    """The blocks ``rows`` of ``columns`` get their stopword density measured on jieba's words
    instead of characters; ``texts`` are theirs, and ``densities`` gives every text's density in
    one call (:func:`cleantext.resources.stopword_densities`, the core's cut and count).

    >>> columns = measure_columns([RawBlock("我们在北京的大学", "paragraph", 0, 8)])
    >>> by_words = lambda texts: [word_stopword_density(["我们", "在", "北京", "的", "大学"]) for _ in texts]
    >>> resegment(columns, [0], ["我们在北京的大学"], by_words)
    >>> columns[12]
    [0.6]
    """
    columns.set_stopword_density(list(rows), densities(list(texts)))


#: The columns of :func:`measure_columns` read by position (the fields of :class:`Features`, in order).
CHARS, HAN, LINK_DENSITY, LEXICON = 0, 1, 5, 11
