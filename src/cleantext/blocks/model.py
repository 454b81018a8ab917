"""The block as the splitters see it, before any judgement."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .._core import Blocks as CoreBlocks


class RawBlock(NamedTuple):
    """One block of a page (a named tuple: a page makes tens of thousands, and a tuple is
    built four times faster than a frozen dataclass).

    Attributes:
        text: the block's text, whitespace collapsed.
        kind: ``heading``, ``paragraph``, ``list-item``, ``table-cell``, ``preformatted``,
            ``quote`` (HTML) or ``line``, ``list-item`` (text dumps).
        start, end: character offsets into the decoded page. Exact for text dumps; for
            HTML the span from the block's first to last text found in the source.
        link_chars: characters of the text inside ``<a>`` elements (but for a link whose text is
            its own web address, written out: a reference the author pasted, not a menu item).
        links: number of ``<a>`` elements with text in the block.
        path: tag path of the enclosing block element, e.g. ``body>div>p``.
        hints: lower-cased class and id values of the enclosing elements.
        tag: the enclosing block element's tag, ``line`` for text.
    """

    text: str
    kind: str
    start: int
    end: int
    link_chars: int = 0
    links: int = 0
    path: str = ""
    hints: str = ""
    tag: str = "line"


@dataclass(frozen=True, slots=True)
class Container:
    """A block-level element holding blocks ``first`` to ``end - 1`` (HTML only).

    Blocks inside one element are contiguous in page order, so a container is a range.
    ``hidden``: the element is hidden by its markup (``display:none``, ``visibility:hidden``,
    the ``hidden`` attribute) until a script shows it; selection keeps its text only if it
    holds the article (a popup goes, an article a script reveals stays).
    """

    first: int
    end: int
    tag: str
    hints: str = ""
    hidden: bool = False


#: A :class:`Container` as the core's walk gives it: ``(first, end, tag, hints, hidden)``.
ContainerRow = tuple[int, int, str, str, bool]


def text_getter(blocks: Sequence[RawBlock]) -> Callable[[int], str]:
    """``i -> blocks[i].text``; for blocks held by the native core (``_core.Blocks``), their own
    ``text(i)``, which makes no RawBlock.

    >>> text_getter([RawBlock("甲", "line", 0, 1)])(0)
    '甲'
    """
    if isinstance(blocks, CoreBlocks):
        return blocks.text  # type: ignore[no-any-return]
    return lambda i: blocks[i].text


def all_texts(blocks: Sequence[RawBlock]) -> list[str]:
    """The texts of every block (for blocks held by the core, made there, no RawBlock made).

    >>> all_texts([RawBlock("甲", "line", 0, 1), RawBlock("乙", "line", 2, 3)])
    ['甲', '乙']
    """
    if isinstance(blocks, CoreBlocks):
        return blocks.texts()  # type: ignore[no-any-return]
    return [b.text for b in blocks]


def texts_of(blocks: Sequence[RawBlock], indexes: list[int]) -> list[str]:
    """The texts of ``blocks[i]`` for each of ``indexes`` (for blocks held by the core, made
    there, no RawBlock made).

    >>> texts_of([RawBlock("甲", "line", 0, 1), RawBlock("乙", "line", 2, 3)], [1, 0])
    ['乙', '甲']
    """
    if isinstance(blocks, CoreBlocks):
        return blocks.texts(indexes)  # type: ignore[no-any-return]
    return [blocks[i].text for i in indexes]


def joined_texts(blocks: Sequence[RawBlock], kept: Sequence[bool], sep: str = "\n") -> str:
    """``sep.join`` of the texts of the blocks whose flag in ``kept`` is true (for blocks held by
    the core, made there as one ``str``: no ``str`` per block).

    >>> blocks = [RawBlock("甲", "line", 0, 1), RawBlock("乙", "line", 2, 3), RawBlock("丙", "line", 4, 5)]
    >>> joined_texts(blocks, (True, False, True))
    '甲\\n丙'
    """
    if isinstance(blocks, CoreBlocks):
        return blocks.joined(kept, sep)  # type: ignore[no-any-return]
    return sep.join([b.text for b, k in zip(blocks, kept) if k])
