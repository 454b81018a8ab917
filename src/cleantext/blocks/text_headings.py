"""Subheadings in a text dump, where the dump shows them reliably.

A dump does not mark a heading: ``<h2>`` and ``<p>`` both come out as a line between blank
lines. A line is read as a subheading only inside the kept article, standing alone between
blank lines with kept prose right before and right after it, short, mostly Han and without
any sentence punctuation (a numbered prefix such as ``一、``, ``（二）``, ``3.`` or ``第四章``
excepted). A short caption or byline that meets all of this is rare; a false heading costs
more than a missed one, so anything less stays a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

from .text_lines import Lines

#: Characters a heading has at most (a numbered prefix included).
MAX_HEADING_CHARS = 30
#: Han characters a heading has at least.
MIN_HEADING_HAN = 2
#: Han characters the prose around a heading has at least.
MIN_PROSE_HAN = 8
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NUMBERED = re.compile(
    r"(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}(?:\.\d{1,2})*[.、]?\s*"
    r"|第[一二三四五六七八九十百\d]{1,4}[章节部分篇条]\s*)"
)
#: Punctuation a heading never has: sentence and clause marks, labels, brackets of menus and
#: placeholders, separators.
_NOT_IN_HEADING = re.compile(r"[，。！？；：、,.!?;:…|｜/\\\[\]【】<>@#=_~]")
_SENTENCE_END = frozenset("。！？!?…”」』")


def heading_like(text: str) -> bool:
    """Short, mostly Han, no sentence punctuation after an optional numbered prefix.

    >>> [heading_like(s) for s in ["两地合作的主要内容", "一、合作背景", "第三章 总则", "来源：新华社", "记者 张三"]]
    [True, True, True, False, True]
    >>> heading_like("今天天气很好。"), heading_like("2021-06-01")
    (False, False)
    """
    if len(text) > MAX_HEADING_CHARS:
        return False
    m = _NUMBERED.match(text)
    body = text[m.end() :] if m else text
    han = len(_HAN.findall(body))
    return han >= MIN_HEADING_HAN and han * 2 >= len(body.replace(" ", "")) and _NOT_IN_HEADING.search(body) is None


def prose(text: str, than: int) -> bool:
    """A sentence of prose longer than ``than`` characters: Han, ending in sentence punctuation.

    >>> prose("第一段正文，介绍合作的背景情况。", 10), prose("相关新闻", 2)
    (True, False)
    """
    return len(text) > than and text[-1] in _SENTENCE_END and len(_HAN.findall(text)) >= MIN_PROSE_HAN


def headings(lines: Lines, kept: Sequence[bool]) -> list[int]:
    """The subheadings among the ``kept`` blocks of a dump (``lines``: its blocks among its
    lines; see the module docstring).

    >>> from cleantext.blocks import text_blocks
    >>> from cleantext.blocks.text_lines import Lines
    >>> dump = "第一段正文，介绍合作的背景情况。\\n\\n合作的具体领域\\n\\n第二段正文，介绍合作的具体领域。\\n"
    >>> lines = Lines(dump, text_blocks(dump))
    >>> headings(lines, [True] * 3)
    [1]
    >>> headings(lines, [True, True, False])
    []
    """
    out = []
    texts, kinds = lines.texts, lines.kinds
    last = lines.n - 1
    for i in compress(range(lines.n), kept):
        text = texts[i]
        if len(text) > MAX_HEADING_CHARS or kinds[i] != "line" or not 0 < i < last:
            continue
        if not (kept[i - 1] and kept[i + 1] and kinds[i - 1] == "line" and kinds[i + 1] == "line"):
            continue
        if not heading_like(text) or not (prose(texts[i - 1], len(text)) and prose(texts[i + 1], len(text))):
            continue
        if lines.breaks_before(i) >= 2 and lines.blank_after(i) and lines.alone(i):
            out.append(i)
    return out
