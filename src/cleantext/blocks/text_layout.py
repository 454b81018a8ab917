"""The structure a text dump shows, as a :class:`~cleantext.blocks.layout.Layout`.

A dump has no markup, only what its lines look like: bullet items (the splitter's
``list-item`` blocks) become lists, ordered when their markers are numbers; two or more
adjacent lines cut into side-by-side cells (runs of 4+ spaces, as the splitter cuts them)
become a table, a row per line. Everything else stays a paragraph. Code and headings are
not guessed: a dump does not show them reliably.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .layout import Element, Layout
from .model import RawBlock

_NUMBERED = re.compile(r"[ \t\u3000]*(?:\d{1,3}[.、)]|[（(]\d{1,3}[)）])")
#: Lines of cells a run needs to be a table (a lone line of cells is a menu bar more often).
MIN_TABLE_ROWS = 2


def text_layout(text: str, blocks: Sequence[RawBlock]) -> Layout:
    """The lists and tables of a dump whose blocks (``text_blocks(text)``) are ``blocks``.

    >>> from cleantext.blocks import text_blocks
    >>> dump = "城市    投资\\n上海    120亿元\\n\\n  1. 第一项\\n  2. 第二项\\n"
    >>> for e in text_layout(dump, text_blocks(dump)).elements:
    ...     print(e.tag, e.first, e.end, e.parent)
    table 0 4 -1
    tr 0 2 0
    td 0 1 1
    td 1 2 1
    tr 2 4 0
    td 2 3 4
    td 3 4 4
    ol 4 6 -1
    li 4 5 7
    li 5 6 7
    """
    elements: list[Element] = []
    rows = _rows(text, blocks)
    i, n = 0, len(blocks)
    while i < n:
        if blocks[i].kind == "list-item":
            end = i
            while end < n and blocks[end].kind == "list-item":
                end += 1
            ordered = _NUMBERED.match(text, text.rfind("\n", 0, blocks[i].start) + 1, blocks[i].start) is not None
            parent = len(elements)
            elements.append(Element("ol" if ordered else "ul", i, end, -1))
            elements.extend(Element("li", k, k + 1, parent) for k in range(i, end))
            i = end
            continue
        run: list[tuple[int, int]] = []
        while i < n and i in rows and (not run or run[-1][1] == i):
            run.append((i, rows[i]))
            i = rows[i]
        if len(run) >= MIN_TABLE_ROWS:
            table = len(elements)
            elements.append(Element("table", run[0][0], run[-1][1], -1))
            for first, end in run:
                row = len(elements)
                elements.append(Element("tr", first, end, table))
                elements.extend(Element("td", k, k + 1, row) for k in range(first, end))
        elif not run:
            i += 1
    return Layout(tuple(elements))


def _rows(text: str, blocks: Sequence[RawBlock]) -> dict[int, int]:
    """Lines cut into two or more cells: first block -> end block of each (blocks on one line
    have no line break between them)."""
    rows: dict[int, int] = {}
    find = text.find
    i, n = 0, len(blocks)
    while i < n:
        end = i + 1
        if blocks[i].kind == "line":
            while end < n and blocks[end].kind == "line" and find("\n", blocks[end - 1].end, blocks[end].start) < 0:
                end += 1
            if end - i >= 2:
                rows[i] = end
        i = end
    return rows
