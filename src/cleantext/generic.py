"""A generic fallback for pages with little Han text (Japanese, Korean, English): the article
by the letters of its prose, counting every script's letters.

Selection measures prose in Han characters, so on a page in another script it finds little or
nothing. Here a block of punctuated prose outside links weighs its letters. HTML: the element
with the most prose letters less link letters is the article (text density, as CETD does);
text dumps: the same region model as selection, with letters instead of Han characters. A
page of links (a list page) has no prose: nothing is kept.
"""

from __future__ import annotations

import functools
import re
import sys
from array import array
from collections.abc import Callable, Sequence
from itertools import compress
from operator import sub
from typing import Any

from ._core import Blocks as CoreBlocks
from ._core import CharSet as _CharSet
from ._core import letter_facts as _letter_facts
from ._core import runs  # the region model's maximal runs (selection's, rust/src/select/region/)
from .blocks import Container, RawBlock
from .blocks.model import all_texts, text_getter
from .features import CHARS, HAN, LEXICON, LINK_DENSITY, FeatureColumns, Features, to_columns

#: A page is in another script when Han characters are under this share of its letters.
MAX_HAN_SHARE = 0.5
#: Prose: at least this many letters, link density under ``MAX_LINK_DENSITY``, and a punctuation mark.
MIN_LETTERS, MAX_LINK_DENSITY = 20, 0.3
#: What a block that is not prose costs a run: ``COST`` plus ``COST_PER_LETTER`` per letter, up to ``COST_CAP``.
COST, COST_PER_LETTER, COST_CAP = 5.0, 0.5, 40
#: The fallback is used when selection kept less than this share of the letters it finds.
TAKE_OVER = 0.5
#: HTML: elements within this share of the best element's worth may be chosen (the smallest is);
#: plain lines of at least ``MIN_LABEL`` letters inside it are kept with its prose.
NEAR_BEST, MIN_LABEL = 0.9, 4
_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters (word characters but digits and _)
_PUNCT = re.compile(r"[。．.!?！？、,，;；:：]")
_SEPARATOR = "\x1f"  # between texts joined for one substitution (the unit separator)


def letters(text: str) -> int:
    """Letters of any script (kana, Han, Hangul, Latin...).

    >>> letters("東京・白金台の店 2024年"), letters("Hello, world!")
    (8, 10)
    """
    return len(text) - len(_LETTERS.sub("", text))


def letter_counts(texts: Sequence[str]) -> list[int]:
    """:func:`letters` of each text, with one substitution over them all (the separator is no letter).

    >>> letter_counts(["東京・白金台の店 2024年", "Hello, world!", ""])
    [8, 10, 0]
    """
    rest = _LETTERS.sub("", _SEPARATOR.join(texts)).split(_SEPARATOR)
    if len(rest) != len(texts):  # a text holds the separator itself
        return [letters(t) for t in texts]
    return list(map(sub, map(len, texts), map(len, rest)))


def letter_facts(blocks: Sequence[RawBlock] | Sequence[str]) -> tuple[list[int], list[bool], list[bool]]:
    """What the fallback reads of each block's text (of ``blocks``: texts, or blocks), by the
    native core in one pass: :func:`letters`, whether it is in words (``_in_words``: not a run of
    ASCII without spaces) and whether it holds a punctuation mark (``_PUNCT``). The core counts
    letters with the set Python's ``re`` gives (``bmp_letters``), of the Basic Multilingual
    Plane; a text holding a character past it is counted here.

    >>> letter_facts(["東京・白金台の店 2024年", "Hello, world!", "http://x.cn", "𠀀字"])
    ([8, 10, 7, 2], [True, True, False, True], [False, True, True, False])
    """
    texts: Sequence[Any] = blocks
    if texts and not isinstance(texts, CoreBlocks) and not isinstance(texts[0], str):
        texts = [b.text for b in texts]
    counts, in_words, punct = _letter_facts(texts, bmp_letters())
    if None in counts:
        text: Callable[[int], str] = text_getter(texts) if isinstance(texts, CoreBlocks) else texts.__getitem__
        for i, n in enumerate(counts):
            if n is None:
                counts[i] = letters(text(i))
    return counts, in_words, punct


@functools.lru_cache(maxsize=1)
def bmp_letters() -> Any:
    """The characters of the Basic Multilingual Plane that ``_LETTERS`` matches, as the core's
    character set: found by the running Python's own ``re`` (its Unicode version), once per
    process (~3 ms)."""
    points = array("I", range(0xD800))
    points.extend(range(0xE000, 0x10000))  # (no lone surrogate: none is a letter)
    plane = points.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")
    return _CharSet("".join(_LETTERS.findall(plane)))


def is_han_page(han: int, chars: int) -> bool:
    """Whether a page of ``chars`` characters, ``han`` of them Han, is a Han page, which
    :func:`letter_region` leaves alone.

    >>> is_han_page(90, 100), is_han_page(3, 100)
    (True, False)
    """
    return han >= MAX_HAN_SHARE * chars


def letter_region(
    blocks: Sequence[RawBlock], feats: Sequence[Features], containers: Sequence[Container] = ()
) -> list[int] | None:
    """The blocks of the article on a page with little Han text; ``None`` on a Han page or when
    no block is prose. HTML: the element whose prose letters, less its link blocks' letters, are
    the most (the smallest of those within a tenth of the best), its prose and the plain lines
    (not links, ``MIN_LABEL`` letters or more) inside; a text dump: the prose of the run with
    the most letters.

    >>> from cleantext.features import measure
    >>> texts = ["ホーム ニュース", "今日は、東京で新しい店が開きました。多くの人が訪れています。",
    ...          "店長は、これからも地域の人に愛される店にしたいと話しました。", "© 2024 サイト"]
    >>> bs = [RawBlock(t, "paragraph", 0, 1) for t in texts]
    >>> letter_region(bs, measure(bs))
    [1, 2]
    """
    return letter_region_of(all_texts(blocks), to_columns(feats), containers)


def letter_region_of(
    texts: Sequence[str], columns: FeatureColumns, containers: Sequence[Container] = ()
) -> list[int] | None:
    """:func:`letter_region` of blocks given as their ``texts`` and feature ``columns`` (as
    :func:`cleantext.features.measure_columns` gives them): what the pipeline calls, making no
    :class:`Features` objects.

    >>> from cleantext.features import measure_columns
    >>> texts = ["ホーム ニュース", "今日は、東京で新しい店が開きました。多くの人が訪れています。", "© 2024 サイト"]
    >>> letter_region_of(texts, measure_columns([RawBlock(t, "paragraph", 0, 1) for t in texts]))
    [1]
    """
    hans = columns[HAN]
    if is_han_page(sum(hans), sum(columns[CHARS])):  # letters <= characters: no more work
        return None
    return _region(hans, columns, containers, letter_facts(texts))


def letter_fallback(
    blocks: Sequence[RawBlock], columns: FeatureColumns, containers: Sequence[Container], kept: Sequence[bool]
) -> list[int] | None:
    """:func:`letter_region` of a page whose selection kept ``kept``, if it :func:`takes_over`,
    else ``None``: what the pipeline calls on a page that is not a Han page, each block's text
    read once (for blocks held by the core, there: no text made).

    >>> from cleantext.features import measure_columns
    >>> texts = ["ホーム ニュース", "今日は、東京で新しい店が開きました。多くの人が訪れています。", "© 2024 サイト"]
    >>> bs = [RawBlock(t, "paragraph", 0, 1) for t in texts]
    >>> columns = measure_columns(bs)
    >>> letter_fallback(bs, columns, (), [False] * 3), letter_fallback(bs, columns, (), [True] * 3)
    ([1], None)
    """
    facts = letter_facts(blocks)
    region = _region(columns[HAN], columns, containers, facts)
    if not region:
        return None
    counts = facts[0]
    found = sum([counts[i] for i in region])
    return region if found > 0 and sum(compress(counts, kept)) < TAKE_OVER * found else None


def _region(
    hans: list[int],
    columns: FeatureColumns,
    containers: Sequence[Container],
    facts: tuple[list[int], list[bool], list[bool]],
) -> list[int] | None:
    """:func:`letter_region_of` past its first test, with the blocks' :func:`letter_facts`."""
    han = sum(hans)
    counts, in_words, punct = facts
    worded = sum(compress(counts, in_words))
    if not worded or han >= MAX_HAN_SHARE * worded:  # a Han page
        return None
    links = columns[LINK_DENSITY]
    prose = [
        n if n >= MIN_LETTERS and d < MAX_LINK_DENSITY and not lex and p and w else 0
        for d, lex, n, p, w in zip(links, columns[LEXICON], counts, punct, in_words)
    ]  # (_is_prose of each block)
    total = sum(prose)
    if not total or sum(compress(hans, prose)) >= MAX_HAN_SHARE * total:
        return None
    if containers:
        return _best_element(links, counts, prose, containers)
    values = [float(p) if p else -(COST + COST_PER_LETTER * min(n, COST_CAP)) for p, n in zip(prose, counts)]
    found = runs(values)
    if not found:
        return None
    first, last, _ = max(found, key=lambda run: run[2])
    return [i for i in range(first, last + 1) if prose[i]]


def _in_words(text: str) -> bool:
    """Not a run of ASCII without spaces (code, emoji names, a URL)."""
    return not text.isascii() or " " in text.strip()


def _is_prose(text: str, link_density: float, lexicon: tuple[str, ...], n: int) -> bool:
    """Punctuated text in words, outside links and the boilerplate lexicon."""
    return (
        n >= MIN_LETTERS
        and link_density < MAX_LINK_DENSITY
        and not lexicon
        and _PUNCT.search(text) is not None
        and _in_words(text)
    )


def _best_element(
    links: Sequence[float], counts: Sequence[int], prose: Sequence[int], containers: Sequence[Container]
) -> list[int] | None:
    prose_sum, link_sum = [0], [0]
    for d, n, p in zip(links, counts, prose):
        prose_sum.append(prose_sum[-1] + p)
        link_sum.append(link_sum[-1] + (n if d >= MAX_LINK_DENSITY else 0))
    worth = [(prose_sum[c.end] - prose_sum[c.first]) - (link_sum[c.end] - link_sum[c.first]) for c in containers]
    top = max(worth, default=0)
    if top <= 0:
        return None
    best = min((c for c, w in zip(containers, worth) if w >= NEAR_BEST * top), key=lambda c: c.end - c.first)
    return [
        i for i in range(best.first, best.end) if prose[i] or (links[i] < MAX_LINK_DENSITY and counts[i] >= MIN_LABEL)
    ]


def takes_over(region: Sequence[int], kept: Sequence[bool], texts: Sequence[str]) -> bool:
    """Whether the fallback's region holds more than selection found: selection kept under
    ``TAKE_OVER`` of the region's letters (``texts``: the blocks' texts).

    >>> texts = ["ab", "今日は晴れ。"]
    >>> takes_over([1], [False, False], texts), takes_over([1], [True, True], texts)
    (True, False)
    """
    found = sum(letter_counts([texts[i] for i in region]))
    chosen = sum(letter_counts(list(compress(texts, kept))))
    return found > 0 and chosen < TAKE_OVER * found
