"""Where the blocks of a text dump sit among its lines: what the layout guesses (headings,
code, table columns) reads besides their text. Each fact is read from the dump when asked for:
most blocks are never asked about.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import RawBlock


class Lines:
    """The lines of a dump around its blocks (``blocks``: ``text_blocks(text)``).

    >>> from cleantext.blocks import text_blocks
    >>> dump = "标题\\n\\n  正文第一段。\\n甲    乙\\n"
    >>> lines = Lines(dump, text_blocks(dump))
    >>> [(lines.line_start(i), lines.breaks_before(i), lines.alone(i), lines.blank_after(i)) for i in range(4)]
    [(0, 2, True, True), (4, 2, True, False), (13, 1, False, False), (13, 0, False, True)]
    """

    __slots__ = ("blocks", "n", "text")

    def __init__(self, text: str, blocks: Sequence[RawBlock]) -> None:
        self.text = text
        self.blocks = blocks
        self.n = len(blocks)

    def line_start(self, i: int) -> int:
        """Offset of the start of the line block ``i`` starts on."""
        return self.text.rfind("\n", 0, self.blocks[i].start) + 1

    def breaks_before(self, i: int) -> int:
        """Line breaks between block ``i - 1`` and block ``i`` (2 or more: a blank line between
        them); the first block counts as after a blank line."""
        if i == 0:
            return 2
        return self.text.count("\n", self.blocks[i - 1].end, self.blocks[i].start)

    def blank_after(self, i: int) -> bool:
        """A blank line (or the dump's end) follows block ``i``."""
        return i + 1 >= self.n or self.breaks_before(i + 1) >= 2

    def alone(self, i: int) -> bool:
        """Block ``i`` holds a single line and is the only block on it."""
        b, find = self.blocks[i], self.text.find
        if find("\n", b.start, b.end) >= 0 or (i and self.breaks_before(i) == 0):
            return False
        return i + 1 >= self.n or find("\n", b.end, self.blocks[i + 1].start) >= 0
