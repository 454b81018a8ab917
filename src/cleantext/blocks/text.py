"""Plain-text dump -> blocks: lines, list items with their continuation lines, joined wraps.

The dump is the form crawlers store (``w3m -dump``, Common Crawl WET): one
paragraph per line, list items as ``  • item`` with indented continuation lines,
table cells laid side by side with runs of spaces. The splitter is the native core's
(``rust/src/blocks/text.rs``); this module is its entry point.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._core import Blocks as CoreBlocks
from .._core import Utf8Text
from .model import RawBlock

_SURROGATE = re.compile("[\ud800-\udfff]")
_REPLACED_OR_SURROGATE = re.compile("[\ufffd\ud800-\udfff]")
Sequence.register(CoreBlocks)


def text_blocks(text: str) -> tuple[RawBlock, ...]:
    """Split a text dump into blocks with exact offsets into ``text``.

    A line is a block; a line starting with a bullet (``•``, ``·``, ``*``, ``1.``, ``（2）``…)
    opens a list item that holds the more indented lines after it; a line cut by runs of four
    or more spaces (table columns side by side) gives one block per cell; the lines of a
    paragraph a dump wrapped at a fixed column (counted in display columns, a CJK character two:
    ``w3m -dump`` wraps at 80) are joined. A dump of more blocks than its budget (50,000, plus
    3,000 per MB of the dump) joins each tiny line (a span of at most 8 characters) to the
    tiny lines before it, on a new line, and past 4,000 per MB any line (:func:`merged_lines`;
    ``DUMP_BUDGET`` in ``rust/src/blocks/text.rs``): a dump of tiny or short lines costs what a
    page's blocks cost.

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
    blocks = text_block_table(text)
    return blocks if isinstance(blocks, tuple) else tuple(blocks)


def merged_lines(blocks: Sequence[RawBlock]) -> tuple[int, ...]:
    """The indices of a dump's blocks that hold several lines joined by the block budget: its
    lines (not list items, whose lines are joined with line breaks too) with a line break.

    >>> merged_lines(text_blocks("标题\\n  • 条目一\\n    摘要\\n正文。\\n"))
    ()
    >>> tiny = text_block_table("字\\n\\n" * 60_000)  # a block each, over the budget past 50,000
    >>> len(tiny), tiny.text(merged_lines(tiny)[0])[:5]
    (50900, '字\\n字\\n字')
    """
    if isinstance(blocks, CoreBlocks):
        return blocks.merged("line")  # type: ignore[no-any-return]
    return tuple(i for i, b in enumerate(blocks) if b.kind == "line" and "\n" in b.text)


def text_block_table(text: str | Utf8Text, utf8: bytes | None = None) -> Sequence[RawBlock]:
    """:func:`text_blocks` held by the native core: one table of the texts, spans and kinds,
    each :class:`RawBlock` made when it is read (``len``, indexes, slices, iteration), so that a
    huge dump makes no object per block. ``table.text(i)`` and ``table.texts(indexes)`` give
    texts alone; the features and selection read the table in the core. A dump holding lone
    surrogates gives the tuple :func:`text_blocks` gives. ``utf8``: ``text`` encoded as UTF-8,
    if the caller has it (the core reads it instead of encoding ``text`` again; ``ValueError``
    if its length is not that of ``text``'s UTF-8). ``text`` may also be a UTF-8 dump's text as
    the core checked it (:attr:`~cleantext.decode.Decoded.native`), read as it is.

    >>> table = text_block_table("标题\\n正文第一段。\\n")
    >>> len(table), table.text(-1)
    (2, '正文第一段。')
    >>> table[1]
    RawBlock(text='正文第一段。', kind='line', start=3, end=9, link_chars=0, links=0, path='', hints='', tag='line')
    >>> list(table) == list(text_blocks("标题\\n正文第一段。\\n"))
    True
    """
    try:
        table: Sequence[RawBlock] = CoreBlocks(text, RawBlock, utf8)
    except UnicodeEncodeError:  # lone surrogates in a str (``decode`` never makes one)
        assert isinstance(text, str)
        return _with_surrogates(text)
    return table


def _with_surrogates(text: str) -> tuple[RawBlock, ...]:
    """:func:`text_blocks` of a ``str`` holding lone surrogates: split with U+FFFD for each (the
    splitter's rules treat both alike, and the offsets are the same), then each U+FFFD of a
    block's text is given back the character of the span it came from. A block's non-space
    characters are those of its span in order, so the k-th U+FFFD of the text is the k-th
    U+FFFD or surrogate of the span.

    >>> [(b.text, b.start, b.end) for b in text_blocks("甲\\ud800\\n  乙\\ufffd")]
    [('甲\\ud800', 0, 2), ('乙\\ufffd', 5, 7)]
    >>> [(b.text, b.start, b.end) for b in text_blocks("\\ud800\\udc00")]
    [('\\ud800\\udc00', 0, 2)]
    """
    replaced = _SURROGATE.sub("\ufffd", text)  # each alone: a high one then a low one are two, not a pair
    blocks = []
    for block in CoreBlocks(replaced, RawBlock):
        if "\ufffd" in block.text:
            originals = _REPLACED_OR_SURROGATE.findall(text, block.start, block.end)
            block = block._replace(text=_restored(block.text, originals))
        blocks.append(block)
    return tuple(blocks)


def _restored(replaced: str, originals: list[str]) -> str:
    """``replaced`` with its k-th U+FFFD turned back into ``originals[k]``.

    >>> _restored("a\\ufffdb\\ufffd", ["\\ud800", "\\ufffd"]) == "a\\ud800b\\ufffd"
    True
    """
    pieces = replaced.split("\ufffd")
    out = [pieces[0]]
    for original, piece in zip(originals, pieces[1:]):
        out.append(original)
        out.append(piece)
    return "".join(out)
