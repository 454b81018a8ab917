"""Where the blocks of a text dump sit among its lines: what the layout guesses (lists, tables,
headings, code) reads besides their text. The blocks are read as columns (their texts, kinds,
starts and ends as lists: no object per block); each fact about a line is read from the dump
when asked for: most blocks are never asked about.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import RawBlock


class Lines:
    """The lines of a dump around its blocks (``blocks``: ``text_blocks(text)``, the table the
    core holds, or anything with a ``columns()`` method giving ``(texts, kinds, starts, ends,
    ...)`` as that table's does).

    ``texts``, ``kinds``, ``starts`` and ``ends`` are the blocks' fields, a list each.

    >>> from cleantext.blocks import text_blocks
    >>> dump = "标题\\n\\n  正文第一段。\\n甲    乙\\n"
    >>> lines = Lines(dump, text_blocks(dump))
    >>> [(lines.line_start(i), lines.breaks_before(i), lines.alone(i), lines.blank_after(i)) for i in range(4)]
    [(0, 2, True, True), (4, 2, True, False), (13, 1, False, False), (13, 0, False, True)]
    >>> lines.kinds == ["line"] * 4, lines.texts[3], lines.starts[3], lines.ends[3]
    (True, '乙', 18, 19)
    """

    __slots__ = ("ends", "kinds", "n", "starts", "text", "texts")

    def __init__(self, text: str, blocks: Sequence[RawBlock]) -> None:
        self.text = text
        columns = getattr(blocks, "columns", None)
        if columns is not None:  # (the core's table: four lists at once, no RawBlock made)
            self.texts, self.kinds, self.starts, self.ends = columns()[:4]
        else:
            self.texts = [b.text for b in blocks]
            self.kinds = [b.kind for b in blocks]
            self.starts = [b.start for b in blocks]
            self.ends = [b.end for b in blocks]
        self.n = len(self.texts)

    def line_start(self, i: int) -> int:
        """Offset of the start of the line block ``i`` starts on."""
        return self.text.rfind("\n", 0, self.starts[i]) + 1

    def breaks_before(self, i: int) -> int:
        """Line breaks between block ``i - 1`` and block ``i`` (2 or more: a blank line between
        them); the first block counts as after a blank line."""
        if i == 0:
            return 2
        return self.text.count("\n", self.ends[i - 1], self.starts[i])

    def blank_after(self, i: int) -> bool:
        """A blank line (or the dump's end) follows block ``i``."""
        return i + 1 >= self.n or self.breaks_before(i + 1) >= 2

    def alone(self, i: int) -> bool:
        """Block ``i`` holds a single line and is the only block on it."""
        start, end, find = self.starts[i], self.ends[i], self.text.find
        if find("\n", start, end) >= 0 or (i and self.breaks_before(i) == 0):
            return False
        return i + 1 >= self.n or find("\n", end, self.starts[i + 1]) >= 0
