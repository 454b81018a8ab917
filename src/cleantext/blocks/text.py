"""Plain-text dump -> blocks: lines, list items with their continuation lines, joined wraps.

The dump is the form crawlers store (``w3m -dump``, Common Crawl WET): one
paragraph per line, list items as ``  • item`` with indented continuation lines,
table cells laid side by side with runs of spaces.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .model import RawBlock

_BULLET = re.compile(r"(?<![ \t])[ \t]*(?:[•·*▪◦●○■□◆◇►▸‣⁃]|\d{1,3}[.、)]|[（(]\d{1,3}[)）])[ \t\u3000]")
_CELL_GAP = re.compile(r"[ \t\u3000\u00a0]{4,}")
_SENTENCE_END = frozenset("。！？!?；;…”’」』）)")
_HAN = re.compile(r"[\u3400-\u9fff]")
#: Lines one list item holds at most; longer runs of continuation lines start a new item
#: (keeps per-item work bounded however a dump is shaped).
MAX_ITEM_LINES = 64
#: Blank-line-separated parts a list item holds at most (a headline, its summary, its date
#: and source); an item with more is an article set inside a list element, and each line
#: after its first part is a block of its own.
MAX_ITEM_PARTS = 4


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u3000"))


def _cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    """A line cut at runs of 4+ spaces (table columns laid side by side), with offsets.

    >>> _cells("  新闻    体育", 10)
    [('新闻', 12, 14), ('体育', 18, 20)]
    """
    if _CELL_GAP.search(line) is None:  # one cell, as most lines are
        body = line.strip()
        lead = len(line) - len(line.lstrip())
        return [(body, offset + lead, offset + lead + len(body))] if body else []
    out = []
    pos = 0
    for gap in _CELL_GAP.finditer(line):
        piece = line[pos : gap.start()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((piece.strip(), offset + pos + lead, offset + pos + lead + len(piece.strip())))
        pos = gap.end()
    piece = line[pos:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append((piece.strip(), offset + pos + lead, offset + pos + lead + len(piece.strip())))
    return out


def _wrap_width(lengths: list[int]) -> int:
    """The column a dump was wrapped at, or 0 when lines were not wrapped.

    >>> _wrap_width([78, 80, 79, 80, 12, 80, 80, 40])
    80
    >>> _wrap_width([300, 12, 80, 45])
    0
    """
    if len(lengths) < 4:
        return 0
    width = max(lengths)
    if width > 200:
        return 0
    near = sum(1 for n in lengths if n >= width - 3)
    return width if near * 3 >= len(lengths) else 0


def _separator(a: str, b: str) -> str:
    """What goes between a wrapped line and its continuation: nothing next to a CJK character.

    >>> _separator("今天", "下雨"), _separator("rain", "today")
    ('', ' ')
    """
    return "" if a and b and (_HAN.match(a[-1]) or _HAN.match(b[0])) else " "


def _joined(cells: list[tuple[str, int, int]]) -> str:
    """The wrapped lines of one paragraph joined in one pass (linear in their length)."""
    out = [cells[0][0]]
    for (prev, _, _), (cell, _, _) in pairwise(cells):
        out.append(_separator(prev, cell))
        out.append(cell)
    return "".join(out)


def _lines(text: str) -> list[tuple[str, int]]:
    """The lines of ``text`` (split at ``\\n`` only, trailing ``\\r`` removed) with their offsets.

    >>> _lines("一\\r\\n\\n二")
    [('一', 0), ('', 3), ('二', 4)]
    """
    pieces = text.split("\n")
    if not pieces[-1]:  # the text ends with a line break (or is empty): no line after it
        pieces.pop()
    lines = []
    pos = 0
    for piece in pieces:
        lines.append((piece.rstrip("\r"), pos))
        pos += len(piece) + 1
    return lines


def text_blocks(text: str) -> tuple[RawBlock, ...]:
    """Split a text dump into blocks with exact offsets into ``text``.

    >>> dump = "标题\\n正文第一段。\\n\\n  • 条目一\\n    条目一的摘要\\n  • 条目二\\n"
    >>> [(b.text, b.kind) for b in text_blocks(dump)]
    [('标题', 'line'), ('正文第一段。', 'line'), ('条目一\\n条目一的摘要', 'list-item'), ('条目二', 'list-item')]
    >>> b = text_blocks(dump)[1]
    >>> dump[b.start:b.end]
    '正文第一段。'
    >>> article = "  • 标题\\n" + "".join(f"\\n    第{n}段。\\n" for n in "一二三四")
    >>> [(b.text, b.kind) for b in text_blocks(article)][:3]
    [('标题', 'list-item'), ('第一段。', 'line'), ('第二段。', 'line')]
    """
    lines = _lines(text)
    width = _wrap_width([len(s.rstrip()) for s, _ in lines if s.strip()])
    blocks: list[RawBlock] = []
    item: list[tuple[str, int, int]] | None = None  # lines of the open list item
    item_indent = 0
    part_starts: list[int] = []  # where the open item's parts after a blank line begin
    after_blank = False  # a blank line since the open item's last line
    pending: list[tuple[str, int, int]] = []  # wrapped lines of one paragraph, may continue on the next line

    def close_item() -> None:
        nonlocal item
        if item:
            head = item[: part_starts[0]] if len(part_starts) >= MAX_ITEM_PARTS else item
            blocks.append(RawBlock("\n".join(t for t, _, _ in head), "list-item", head[0][1], head[-1][2]))
            blocks.extend(RawBlock(t, "line", s, e) for t, s, e in item[len(head) :])
        item = None
        part_starts.clear()

    def close_pending() -> None:
        if pending:
            joined = pending[0][0] if len(pending) == 1 else _joined(pending)
            blocks.append(RawBlock(joined, "line", pending[0][1], pending[-1][2]))
            pending.clear()

    for line, offset in lines:
        if not line.strip():
            if pending:
                close_pending()
            after_blank = item is not None
            continue
        indent = _indent(line)
        bullet = _BULLET.match(line)
        if bullet:
            close_pending()
            close_item()
            body = line[bullet.end() :].strip()
            start = offset + bullet.end() + (len(line[bullet.end() :]) - len(line[bullet.end() :].lstrip()))
            item = (
                [(body, start, start + len(body))]
                if body
                else [(line.strip(), offset + indent, offset + len(line.rstrip()))]
            )
            item_indent = indent
            continue
        if item is not None and indent > item_indent:
            body = line.strip()
            lead = len(line) - len(line.lstrip())  # all leading whitespace, not only the indent
            if len(item) >= MAX_ITEM_LINES:
                close_item()
                item = []
            elif after_blank:
                part_starts.append(len(item))
            after_blank = False
            item.append((body, offset + lead, offset + lead + len(body)))
            continue
        if item is not None:
            close_item()
        cells = _cells(line, offset)
        if len(cells) != 1:
            close_pending()
            blocks.extend(RawBlock(t, "line", s, e) for t, s, e in cells)
            continue
        cell = cells[0]
        pending.append(cell)
        if not (width and len(line.rstrip()) >= width - 3 and cell[0][-1] not in _SENTENCE_END):
            close_pending()
    close_pending()
    close_item()
    return tuple(blocks)
