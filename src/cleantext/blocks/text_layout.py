"""The structure a text dump shows, as a :class:`~cleantext.blocks.layout.Layout`.

A dump has no markup, only what its lines look like:

* bullet items (the splitter's ``list-item`` blocks) become lists, ordered when their markers
  are numbers, nested where an item's text starts further right than the item before it;
* two or more adjacent lines cut into side-by-side cells (runs of 4+ spaces, as the splitter
  cuts them) become a table, a row per line; a cell as wide as two columns of the rows
  around it is a merged cell, and a first row of labels over columns of numbers a header;
* indented runs of code-like lines become code blocks, their lines as in the dump
  (:mod:`~cleantext.blocks.text_code`);
* a short line alone between kept paragraphs becomes a subheading
  (:mod:`~cleantext.blocks.text_headings`).

Everything else stays a paragraph: a quote or a figure's caption is a paragraph, as the
dump shows nothing that tells them apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .layout import MAX_NESTING, Element, Layout
from .model import RawBlock
from .text_code import code_runs
from .text_headings import headings
from .text_lines import Lines

_NUMBERED = re.compile(r"[ \t\u3000]*(?:\d{1,3}[.、)]|[（(]\d{1,3}[)）])")
_DIGIT = re.compile(r"\d")
#: East Asian wide and full-width characters (two columns in a dump).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
_CLAUSE = re.compile(r"[，。！？；,!?;]")
#: Lines of cells a run needs to be a table (a lone line of cells is a menu bar more often).
MIN_TABLE_ROWS = 2
#: Rows under a first row of labels needed to read it as the table's header.
MIN_HEADER_BODY_ROWS = 2
#: Columns by which an item's text must start further right to nest under the item before.
NEST_STEP = 2
#: Cells times columns past which a table's short rows are not placed by column (keeps the
#: work linear in the page however ragged a table is).
MAX_PLACING_WORK = 200_000
#: Characters a column label (a header cell) has at most.
MAX_LABEL_CHARS = 16


def text_layout(text: str, blocks: Sequence[RawBlock], kept: Sequence[bool] | None = None) -> Layout:
    """The lists, tables, code and headings of a dump whose blocks (``text_blocks(text)``) are
    ``blocks``, where they hold ``kept`` blocks (all when ``None``): the rest of the page is
    never rendered.

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
    lines = Lines(text, blocks)
    kinds, n = lines.kinds, lines.n
    if kept is None:
        kept = [True] * n
    elements: list[Element] = []
    raw: list[tuple[int, str]] = []
    rows = _rows(text, lines)
    code = code_runs(text, lines, kept)
    heads = {i for i in headings(lines, kept) if i not in code}
    i = 0
    while i < n:
        if kinds[i] == "list-item":
            end = i
            while end < n and kinds[end] == "list-item":
                end += 1
            last = next((k for k in range(end - 1, i - 1, -1) if kept[k]), -1)
            if last >= 0:  # items after the last kept one change nothing: left out
                _lists(text, lines, i, last + 1, elements)
            i = end
            continue
        if i in code:
            end, code_lines = code[i]
            elements.append(Element("pre", i, end, -1))
            raw.extend(zip(range(i, end), code_lines))
            i = end
            continue
        if i in heads:
            elements.append(Element("h2", i, i + 1, -1))
            i += 1
            continue
        run: list[tuple[int, int]] = []
        while i < n and i in rows and (not run or run[-1][1] == i):
            run.append((i, rows[i]))
            i = rows[i]
        if len(run) >= MIN_TABLE_ROWS and any(kept[run[0][0] : run[-1][1]]):
            _table(text, lines, run, elements)
        elif not run:
            i += 1
    return Layout(tuple(elements), raw=tuple(raw))


def _lists(text: str, lines: Lines, first: int, end: int, out: list[Element]) -> None:
    """The items ``first..end-1`` as lists: an item whose text starts :data:`NEST_STEP` columns
    or more right of the open item's nests in it (lists nest ``MAX_NESTING // 2`` deep at most,
    as the HTML layout records them); one whose marker kind (number or bullet) differs from its
    open siblings' starts a new list."""
    records: list[list[Any]] = []  # [tag, first, end, parent record] in opening order
    stack: list[tuple[int, int, int]] = []  # (text column, list record, open item record)

    def close(entry: tuple[int, int, int], k: int) -> None:
        records[entry[1]][2] = records[entry[2]][2] = k

    starts = lines.starts
    for k in range(first, end):
        line_start = lines.line_start(k)
        column = starts[k] - line_start
        tag = "ol" if _NUMBERED.match(text, line_start, starts[k]) else "ul"
        while stack and column < stack[-1][0] - 1:
            close(stack.pop(), k)
        if stack and (column < stack[-1][0] + NEST_STEP or 2 * len(stack) >= MAX_NESTING):  # the open list's level
            if records[stack[-1][1]][0] == tag:
                records[stack[-1][2]][2] = k
                records.append(["li", k, end, stack[-1][1]])
                stack[-1] = (stack[-1][0], stack[-1][1], len(records) - 1)
                continue
            close(stack.pop(), k)  # a list of the other kind follows it
        records.append([tag, k, end, stack[-1][2] if stack else -1])
        records.append(["li", k, end, len(records) - 1])
        stack.append((column, len(records) - 2, len(records) - 1))
    for entry in stack:
        close(entry, end)
    base = len(out)
    out.extend(Element(tag, f, e, base + p if p >= 0 else -1) for tag, f, e, p in records)


def _width(s: str) -> int:
    """Display columns of ``s`` (wide and full-width characters take two, as a dump lays them out).

    >>> _width("合计（两地） 65个"), _width("   ")
    (17, 3)
    """
    if s.isascii():
        return len(s)
    return len(s) + len(_WIDE.findall(s))


def _table(text: str, lines: Lines, run: list[tuple[int, int]], out: list[Element]) -> None:
    """A table of the rows ``run`` (each ``(first block, end block)``), its cells placed in
    the columns of its fullest rows by where they stand on the line."""
    width = max(end - first for first, end in run)
    cells_in = run[-1][1] - run[0][0]
    if all(end - first == width for first, end in run) or width * cells_in > MAX_PLACING_WORK:
        # full rows (or a table too big to place cell by cell): cells one after the other
        cells = [[(c, 1) for c in range(width)]] * len(run)
    else:
        spans: list[list[tuple[int, int]]] = []
        starts, ends = lines.starts, lines.ends
        for first, end in run:
            extents = []
            right, at = 0, lines.line_start(first)
            for k in range(first, end):
                left = right + _width(text[at : starts[k]])
                right = left + _width(text[starts[k] : ends[k]])
                extents.append((left, right))
                at = ends[k]
            spans.append(extents)
        full = [r for r in spans if len(r) == width]
        columns = [(min(r[c][0] for r in full), max(r[c][1] for r in full)) for c in range(width)]
        cells = [_columns(extents, columns) for extents in spans]
    header = _header(lines.texts, run, cells)
    table = len(out)
    out.append(Element("table", run[0][0], run[-1][1], -1))
    for r, (first, end) in enumerate(run):
        row = len(out)
        out.append(Element("tr", first, end, table))
        cell_tag = "th" if r == 0 and header else "td"
        col = 0
        for k, (at, span) in zip(range(first, end), cells[r]):
            while col < at:  # a column left empty on this line
                out.append(Element(cell_tag, k, k, row))
                col += 1
            out.append(Element(cell_tag, k, k + 1, row, colspan=span))
            col += span


def _columns(row: list[tuple[int, int]], columns: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each cell's (first column, columns spanned): the columns its extent overlaps, in order;
    cells one after the other when they cannot be placed so.

    >>> _columns([(0, 12), (24, 28)], [(0, 5), (8, 18), (24, 31)])
    [(0, 2), (2, 1)]
    >>> _columns([(9, 15)], [(0, 5), (8, 18), (24, 31)])
    [(1, 1)]
    """
    out: list[tuple[int, int]] = []
    col = 0
    width = len(columns)
    for left, right in row:
        over = [c for c in range(col, width) if columns[c][0] < right and left < columns[c][1]]
        if not over:
            over = [c for c in range(col, width) if columns[c][0] >= left][:1]
        if not over or width - over[0] < len(row) - len(out):
            return [(c, 1) for c in range(len(row))]
        first = over[0]
        last = max(over[-1], first)
        last = min(last, width - (len(row) - len(out)))
        out.append((first, last - first + 1))
        col = last + 1
    return out


def _header(texts: Sequence[str], run: list[tuple[int, int]], cells: list[list[tuple[int, int]]]) -> bool:
    """The first row is labels over a column of numbers: short cells without a digit, and a column whose
    cell holds a digit on every row below (:data:`MIN_HEADER_BODY_ROWS` of them or more)."""
    if len(run) - 1 < MIN_HEADER_BODY_ROWS:
        return False
    first, end = run[0]
    if any(not _label(texts[k]) for k in range(first, end)):
        return False
    numeric: set[int] | None = None  # the columns with a digit in every row so far
    for (first, end), row in zip(run[1:], cells[1:]):  # (work per row: its cells, not the width)
        found = {at for k, (at, span) in zip(range(first, end), row) if span == 1 and _DIGIT.search(texts[k])}
        numeric = found if numeric is None else numeric & found
        if not numeric:
            return False
    return True


def _label(text: str) -> bool:
    """A column label: short, no digit, no clause punctuation.

    >>> _label("投资额"), _label("2021年"), _label("另外一个项目，是北京首家产权式酒店。")
    (True, False, False)
    """
    return len(text) <= MAX_LABEL_CHARS and _DIGIT.search(text) is None and _CLAUSE.search(text) is None


def _rows(text: str, lines: Lines) -> dict[int, int]:
    """Lines cut into two or more cells: first block -> end block of each (blocks on one line
    have no line break between them)."""
    rows: dict[int, int] = {}
    find, kinds, starts, ends = text.find, lines.kinds, lines.starts, lines.ends
    i, n = 0, lines.n
    while i < n:
        end = i + 1
        if kinds[i] == "line":
            while end < n and kinds[end] == "line" and find("\n", ends[end - 1], starts[end]) < 0:
                end += 1
            if end - i >= 2:
                rows[i] = end
        i = end
    return rows
