"""The word lists cleantext judges with, loaded from ``data/``: data, not code."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any, Protocol

from ._core import Blocks as CoreBlocks
from ._core import CharMap as _CharMap
from ._core import Lexicon as _Lexicon


class NativeLexicon(Protocol):
    """The native core's compiled lexicon (``cleantext._core.Lexicon``)."""

    @property
    def max_han(self) -> int: ...

    def page_codes(self, texts: list[str], hans: list[int]) -> list[tuple[str, ...]]: ...

    def code_spans(self, text: str, code: str) -> list[tuple[int, int]]: ...


def _data_lines(name: str) -> list[str]:
    text = _data_text(name)
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _data_text(name: str) -> str:
    return resources.files("cleantext").joinpath("data").joinpath(name).read_text("utf-8")


@functools.lru_cache(maxsize=1)
def boilerplate_lexicon() -> NativeLexicon:
    """The boilerplate lexicon (``data/boilerplate.tsv``), compiled once per process by the
    native core, which scans pages with it (:func:`cleantext.features.page_lexicon_codes`).

    Each line is a rule: blocks with at most ``max_han`` Han characters matching its pattern
    (the ``regex`` module's syntax, multi-line) are dropped with reason ``code``. The core runs
    the patterns with Rust's ``regex`` crate, exactly as ``regex`` would, so a pattern may use
    what both have (classes, ``\\s \\d \\w \\b``, repeats, groups, ``^``/``$``), and
    look-behinds of bounded length at the start of a top-level alternative; a rule using
    anything else (look-ahead, back-references, atomic groups, an alternative that can match
    the empty string) is a ``ValueError`` naming its line.

    >>> "icp" in boilerplate_lexicon().page_codes(["京ICP备12345号"], [1])[0]
    True
    """
    lexicon: NativeLexicon = _Lexicon(_data_text("boilerplate.tsv"))
    return lexicon


@functools.lru_cache(maxsize=1)
def _structure() -> dict[str, str]:
    return dict(line.split("\t", 1) for line in _data_lines("structure.tsv"))


def structure_pattern(name: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern of ``data/structure.tsv`` (``thread-mark``, ``title-label``, ``chapter``).

    >>> structure_pattern("chapter").search("第12章 风起") is not None
    True
    """
    return re.compile(_structure()[name], flags)


def structure_words(name: str) -> frozenset[str]:
    """A word list of ``data/structure.tsv`` (``widget-words``).

    >>> sorted(structure_words("widget-words"))
    ['dialog', 'modal', 'popover', 'popup']
    """
    return frozenset(_structure()[name].split())


_SCAN_TEXTS = 2_000  # texts joined for one scan for traditional characters
_SEPARATOR = "\x1f"  # between texts joined for one scan (the unit separator; never in page text)


@functools.lru_cache(maxsize=1)
def _t2s_table() -> dict[int, int]:
    pairs = (line.split("\t") for line in _data_lines("t2s.tsv"))
    return {ord(t): ord(s) for t, s in pairs}


@functools.lru_cache(maxsize=1)
def _t2s_chars() -> dict[str, str]:
    return {chr(t): chr(s) for t, s in _t2s_table().items()}


@functools.lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    """One traditional character, captured (``split`` keeps it: the text between two, then it)."""
    return re.compile("([" + "".join(sorted(re.escape(t) for t in _t2s_chars())) + "])")


def simplified_all(texts: list[str]) -> list[str]:
    """:func:`simplified` over many texts with one scan (and no translation at all for a page
    with no traditional character, the usual case).

    >>> simplified_all(["新闻", "來源"])
    ['新闻', '来源']
    """
    traditional = _traditional().search
    for k in range(0, len(texts), _SCAN_TEXTS):  # a slice of texts at a time: a huge page is never copied whole
        joined = _SEPARATOR.join(texts[k : k + _SCAN_TEXTS])
        if traditional(joined):
            break
    else:
        return texts
    if len(texts) > _SCAN_TEXTS:
        joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds the separator itself
        return [simplified(t) for t in texts]
    return simplified(joined).split(_SEPARATOR)


def simplified_blocks(blocks: Sequence[_Texted]) -> Sequence[Any] | None:
    """The blocks' texts as :func:`simplified_all` gives them, or ``None`` when those are the
    texts as written (a page with no traditional character, the usual case). A text dump's
    blocks held by the core (``_core.Blocks``) are scanned there: their simplified reading
    (``_core.Simplified``) holds which blocks change, not their texts, which measure and
    selection simplify as they read them (``.texts()`` makes them).

    >>> from cleantext.blocks import RawBlock, text_block_table
    >>> simplified_blocks([RawBlock("新闻", "line", 0, 2)]) is None
    True
    >>> simplified_blocks([RawBlock("來源", "line", 0, 2)])
    ['来源']
    >>> simplified_blocks(text_block_table("來源：中央社\\n新闻\\n")).texts()
    ['来源：中央社', '新闻']
    """
    if isinstance(blocks, CoreBlocks):  # (one scan, which copies nothing on a page without one)
        table: Sequence[Any] | None = blocks.simplified_if_any(_t2s_map())
        return table
    texts = [b.text for b in blocks]
    matchable = simplified_all(texts)
    return None if matchable is texts else matchable


class _Texted(Protocol):
    @property
    def text(self) -> str: ...


@functools.lru_cache(maxsize=1)
def _t2s_map() -> Any:
    """``data/t2s.tsv`` as the core's character map."""
    chars = _t2s_chars()
    return _CharMap("".join(chars), "".join(chars.values()))


def simplified(text: str) -> str:
    """``text`` with the traditional characters of ``data/t2s.tsv`` written simplified,
    character for character (offsets unchanged), for matching word lists only.

    The core maps it (``CharMap.simplified``: a bit set tells the characters not mapped, most of
    them, and ``text`` itself comes back when it holds none), a fifth of the cost of splitting it
    at its traditional characters with a pattern, on the short lines the metadata reads.

    >>> simplified("責任編輯：王小明 來源：中央社")
    '责任编辑：王小明 来源：中央社'
    >>> simplified("本报讯 記者王小明报道")
    '本报讯 记者王小明报道'
    """
    return _t2s_map().simplified(text)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=1)
def rules_max_han() -> int:
    """The largest ``max_han`` of any rule: longer blocks need no lexicon search.

    >>> rules_max_han() >= 80
    True
    """
    return int(boilerplate_lexicon().max_han)


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Chinese function words (``data/stopwords.txt``).

    >>> "的" in stopwords()
    True
    """
    return frozenset(line.strip() for line in _data_lines("stopwords.txt"))


@functools.lru_cache(maxsize=1)
def stop_chars() -> frozenset[str]:
    """The one-character stopwords, for the jieba-free estimate.

    >>> "了" in stop_chars()
    True
    """
    return frozenset(w for w in stopwords() if len(w) == 1)
