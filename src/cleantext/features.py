"""Stage 3: what each block looks like, as numbers and flags.

Every function here is pure; the page-level ones (``prefix_links``,
``duplicate_links``) look across blocks but only at their text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .blocks import RawBlock
from .lexicon import (
    boilerplate_lexicon,
    rules_max_han,
    simplified,
    simplified_all,
    stop_char_pattern,
    stop_chars,
    stopwords,
)

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: (The look-behind comes after the half-width mark, so that most positions fail on one character.)
_SENTENCE_PUNCT = re.compile(
    r"[，。！？；：、“”‘’「」『』（）《》…—]|[,:;!?](?<=[\u4e00-\u9fff].)(?=[\u4e00-\u9fff\s\"“])"
)
_SENTENCE_END = tuple("。！？!?…”’」』")
_TRUNCATION_MARK = re.compile(r"(?:…|\.{3,}|⋯|。。。)\s*[)）\]】]?$")
#: jieba segments only blocks this long whose score is a close call (short prose or a
#: headline?); longer blocks are judged well by punctuation, and segmenting them costs the most.
#: Between blocks counted as one text: matches no pattern counted below, nor their lookarounds.
_COUNT_SEPARATOR = "\x00"
_JIEBA_MIN_HAN = 8
_JIEBA_MAX_HAN = 60


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


def han_count(text: str) -> int:
    """Han characters in ``text``.

    >>> han_count("2021年GDP增长8.1%")
    3
    """
    return len(text) - len(_HAN_RUN.sub("", text))


def punct_count(text: str) -> int:
    """Sentence punctuation, counting half-width ``,:;!?`` only between Han characters.

    >>> punct_count("6月3日,重庆市科技局与上海市科委签署协议。")
    2
    >>> punct_count("version 1,2: ok")
    0
    """
    return len(_SENTENCE_PUNCT.findall(text))


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a finished sentence.

    >>> ends_sentence("今天下雨了。"), ends_sentence("记者20日获悉,来自全省各")
    (True, False)
    """
    return text.rstrip().endswith(_SENTENCE_END)


def is_truncated(text: str) -> bool:
    """Ends with an ellipsis, as teasers cut by a template do.

    >>> is_truncated("国际公共艺术论坛系列活动在青岛..."), is_truncated("正文。")
    (True, False)
    """
    return _TRUNCATION_MARK.search(text[-8:]) is not None


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
    ``texts`` are already :func:`~cleantext.lexicon.simplified`.

    >>> page_lexicon_codes(["正文。", "责任编辑:张三", "版权所有"], [2, 4, 4])
    [(), ('editor-line',), ('copyright',)]
    """
    lexicon = boilerplate_lexicon()
    try:
        return lexicon.page_codes(list(texts), list(hans))
    except UnicodeEncodeError:  # lone surrogates (not from decode): one U+FFFD each, as any other character
        return lexicon.page_codes([_without_surrogates(t) for t in texts], list(hans))


def _without_surrogates(text: str) -> str:
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def char_stopword_density(text: str, han: int) -> float:
    """Share of Han characters that are one-character function words (no segmentation);
    ``text`` is already :func:`~cleantext.lexicon.simplified`.

    >>> round(char_stopword_density("我们在北京的大学里学习了很多东西", 16), 2)
    0.38
    """
    if not han:
        return 0.0
    return len(stop_char_pattern().findall(text)) / han


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


def _squeezed(text: str) -> str:
    return "".join(text.split())


def prefix_links(texts: Sequence[str]) -> list[int | None]:
    """For each text, the index of a longer text that starts with it (after removing an
    ellipsis and whitespace), or ``None``. Texts under 8 characters are never linked.

    >>> prefix_links(["重庆市科技局与上海市科委签署协议", "重庆市科技局与上海市科委签署协议。根据协议…", "短"])
    [1, None, None]
    """
    return _prefix_links([_squeezed(t) for t in texts])


def _prefix_links(squeezed: Sequence[str]) -> list[int | None]:
    """:func:`prefix_links` of texts already without whitespace."""
    norm = [t.rstrip(".…⋯。") for t in squeezed]
    by_key8: dict[str, list[int]] = {}
    for i, t in enumerate(norm):
        if len(t) >= 8:
            by_key8.setdefault(t[:8], []).append(i)
    out: list[int | None] = [None] * len(norm)
    for group in by_key8.values():
        if len(group) < 2:  # a text alone with its first 8 characters prefixes nothing
            continue
        candidates = group[:32]
        for i in group:
            t = norm[i]
            for j in candidates:
                if j != i and len(norm[j]) > len(t) and norm[j].startswith(t):
                    out[i] = j
                    break
    return out


def duplicate_links(texts: Sequence[str]) -> list[int | None]:
    """For each text, the index of the first earlier identical text (4+ characters), or ``None``.

    >>> duplicate_links(["返回顶部", "正文", "返回顶部"])
    [None, None, 0]
    """
    return _duplicate_links([_squeezed(t) for t in texts])


def _duplicate_links(squeezed: Sequence[str]) -> list[int | None]:
    """:func:`duplicate_links` of texts already without whitespace."""
    first: dict[str, int] = {}
    out: list[int | None] = []
    for i, key in enumerate(squeezed):
        if len(key) < 4:
            out.append(None)
            continue
        j = first.setdefault(key, i)
        out.append(j if j != i else None)
    return out


def measure(blocks: Sequence[RawBlock]) -> tuple[Features, ...]:
    """Features of every block of a page (stopword density by the character-level estimate;
    :func:`resegment` refines the close calls with jieba).

    The counts are taken page by page (one regular-expression pass over all the blocks'
    text) rather than block by block: the same numbers, far fewer calls.

    >>> from cleantext.blocks import RawBlock
    >>> f = measure([RawBlock("今天我们在重庆签署了协议。", "paragraph", 0, 13)])[0]
    >>> f.han, f.punct, f.ends_sentence, f.lexicon
    (12, 1, True, ())
    """
    n = len(blocks)
    texts = [b.text for b in blocks]
    squeezed = [_squeezed(t) for t in texts]
    prefixes = _prefix_links(squeezed)
    duplicates = _duplicate_links(squeezed)
    hans = han_counts(texts)
    puncts = punct_counts(texts)
    matchable = simplified_all(texts)  # word lists match traditional pages too
    lexicons = page_lexicon_codes(matchable, hans)
    stops = _removed_counts(_stop_char_run(), matchable)
    out = []
    for i, b in enumerate(blocks):
        text = texts[i]
        chars = len(squeezed[i])  # non-space characters
        han = hans[i]
        out.append(
            Features(  # positionally, in field order: keywords cost a third more on tens of thousands of blocks
                chars,
                han,
                han / chars if chars else 0.0,  # han_ratio
                puncts[i],
                text.rstrip().endswith(_SENTENCE_END),  # ends_sentence
                b.link_chars / chars if chars else 0.0,  # link_density
                b.kind == "list-item",
                b.kind == "heading",
                _TRUNCATION_MARK.search(text[-8:]) is not None,  # truncated
                prefixes[i],
                duplicates[i],
                lexicons[i],
                stops[i] / han if han else 0.0,  # stopword_density
                i / n,  # position
            )
        )
    return tuple(out)


def han_counts(texts: Sequence[str]) -> list[int]:
    """:func:`han_count` of every text, in one pass.

    >>> han_counts(["2021年GDP增长8.1%", "", "新闻"])
    [3, 0, 2]
    """
    return _removed_counts(_HAN_RUN, texts)


def punct_counts(texts: Sequence[str]) -> list[int]:
    """:func:`punct_count` of every text, in one pass.

    >>> punct_counts(["6月3日,重庆市科技局与上海市科委签署协议。", "version 1,2: ok"])
    [2, 0]
    """
    return _removed_counts(_SENTENCE_PUNCT, texts)


def _removed_counts(pattern: re.Pattern[str], texts: Sequence[str]) -> list[int]:
    """For each text, how many characters ``pattern`` removes from it.

    ``pattern`` never matches the separator, and its lookarounds fail on it as at either end
    of a text; the texts are joined and substituted at once, unless one holds the separator.
    """
    joined = _COUNT_SEPARATOR.join(texts)
    if joined.count(_COUNT_SEPARATOR) != max(len(texts) - 1, 0):
        return [len(t) - len(pattern.sub("", t)) for t in texts]
    kept = pattern.sub("", joined).split(_COUNT_SEPARATOR)
    return [len(t) - len(k) for t, k in zip(texts, kept)]


@functools.lru_cache(maxsize=1)
def _stop_char_run() -> re.Pattern[str]:
    """Runs of :func:`~cleantext.lexicon.stop_char_pattern`'s characters, for ``re``."""
    chars = sorted(stop_chars())
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]+")


def needs_segmenting(f: Features) -> bool:
    """Whether jieba's word-level stopword density is worth computing for this block.

    >>> needs_segmenting(Features(20, 18, 0.9, 1, False, 0.0, False, False, False, None, None, (), 0.1, 0.5))
    True
    """
    return _JIEBA_MIN_HAN <= f.han <= _JIEBA_MAX_HAN and f.link_density < 0.3 and not f.lexicon


def resegment(
    feats: Sequence[Features], texts: Sequence[str], segmenter: Callable[[list[str]], list[list[str]]]
) -> list[Features]:
    """``feats`` with stopword density measured on jieba's words instead of characters;
    ``segmenter`` cuts all the texts in one call (:func:`cleantext.resources.segment_many`).

    >>> f = Features(9, 9, 1.0, 0, False, 0.0, False, False, False, None, None, (), 0.0, 0.0)
    >>> cut = lambda texts: [["我们", "在", "北京", "的", "大学"] for _ in texts]
    >>> [g.stopword_density for g in resegment([f], ["我们在北京的大学"], cut)]
    [0.6]
    """
    words = segmenter(list(texts))
    return [replace(f, stopword_density=word_stopword_density(w)) for f, w in zip(feats, words)]
