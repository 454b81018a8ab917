"""HTML -> blocks: every run of text between block-level boundaries.

The native core (``rust/src/blocks/html/``) parses the page with html5ever, the HTML
standard's tree builder (any input is parsed the way a browser does), into a compact arena and
walks it without recursion, with the depth cap and the cuts of a huge page
(:func:`~cleantext.blocks.depth.prepare`); this module makes the Python values of what it found.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from .._core import Blocks as CoreBlocks
from .._core import Utf8Text
from .._core import html_blocks as _core_html_blocks
from .depth import MAX_DEPTH, prepare
from .layout import LayoutRecorder
from .model import Container, ContainerRow, RawBlock

_PIECE = 1_000_000  # characters: pages over twice this are parsed in pieces of about this size
_MAX_PIECES = 4  # a piece grows past cuts the parser disagrees with up to this many times _PIECE
#: The block budget (see ``html_blocks``): past ``BLOCK_FLOOR`` blocks plus ``BLOCKS_PER_MILLION``
#: per million characters of the page walked so far, a tiny block (at most ``TINY_CHARS``
#: characters) joins the tiny ones before it; past ``BLOCKS_PER_MILLION_HARD`` per million, any
#: block joins the one before it. The dev pages make at most 10,750 blocks, about 2,000 per
#: million characters (a few small ones 23,000); a page of many articles repeated, 14,000.
BLOCK_FLOOR = 50_000
BLOCKS_PER_MILLION = 5_000
BLOCKS_PER_MILLION_HARD = 10_000
TINY_CHARS = 8
#: A block that others join holds at most this many characters.
MERGE_CHARS = 1_000


class HtmlPage(NamedTuple):
    """The blocks of an HTML page (a tuple, or held by the core: :func:`html_block_table`), its
    ``<title>``, and the block elements that group them."""

    blocks: Sequence[RawBlock]
    title: str | None
    containers: tuple[Container, ...]


def merged_blocks(blocks: Sequence[RawBlock]) -> tuple[int, ...]:
    """The indices of the blocks of :func:`html_blocks` that hold several (the block budget):
    the only ones with a line break in their text, since a block's whitespace is collapsed.

    >>> merged_blocks(html_blocks("<p>今天下雨了。</p>").blocks)
    ()
    """
    if isinstance(blocks, CoreBlocks):
        return blocks.merged()  # type: ignore[no-any-return]
    return tuple(i for i, b in enumerate(blocks) if "\n" in b.text)


def _cap(markup: str) -> str:
    """A ``<noframes>`` element's markup with its deep nesting capped, as the walk parses it."""
    return prepare(markup, len(markup))[0]


def _native_walk(html: str | Utf8Text, layout: LayoutRecorder | None, utf8: bytes | None = None) -> tuple[Any, ...]:
    """The core's walk of ``html``: ``(rows, title, containers, layout, parsed)`` (see
    ``cleantext._core.html_blocks``; ``layout``: a ``_core.WalkLayout`` for the recorder, held
    by the core until read; ``parsed``: the length of each text it parsed);
    ``utf8``: ``html`` (a ``str``) encoded as UTF-8, if the caller has it."""
    return _core_html_blocks(  # type: ignore[no-any-return]
        html,
        MAX_DEPTH,  # deep nesting capped, and where a huge page may be cut, as `prepare` finds them
        (_PIECE, _MAX_PIECES),
        (BLOCK_FLOOR, BLOCKS_PER_MILLION, BLOCKS_PER_MILLION_HARD, TINY_CHARS, MERGE_CHARS),
        None if layout is None else (layout.record_links, layout.record_images),
        _cap,
        RawBlock,
        utf8,
    )


def html_blocks(html: str, layout: LayoutRecorder | None = None, *, utf8: bytes | None = None) -> HtmlPage:
    """Split an HTML page into text blocks in document order; also return its ``<title>``.

    With a ``layout`` recorder, the walk also records the page's structure around the
    blocks (headings, lists, tables, code...; see :mod:`cleantext.blocks.layout`). ``utf8``:
    the page encoded as UTF-8, when the caller has it (:attr:`~cleantext.decode.Decoded.utf8`:
    the bytes of a UTF-8 page), which the core then reads instead of encoding ``html`` again;
    ``ValueError`` if its length is not that of ``html``'s UTF-8.

    **Pieces.** A page over 2 M characters is parsed in pieces of about 1 M (a DOM
    takes several times the page: never all of it at once), cut just after a tag where only block
    elements that a fresh parse reopens the same way are open (``<div>``, ``<p>``, ``<ul>``...;
    :func:`~cleantext.blocks.depth.prepare` finds the places). The next piece starts by
    reopening them (``<body><div><p>``), and the walk carries them over: an element open
    across a cut is one element, and a block's text runs on into the next piece, so the blocks
    are those of one parse. The tag scan that finds the cuts is not a tree builder, so each
    cut is checked against the tree of its piece (``open_at_cut`` in ``rust/src/blocks/html/``);
    a piece runs on past the cuts the tree disagrees with, up to 4 M characters, where it is cut anyway and the
    elements the tree has open there close, as if the text broke there (no text is lost).

    **Block budget.** Real pages make at most a few blocks per hundred characters (the dev
    pages: 10,750 at most, about 2,000 per million characters); a hostile or broken page can
    make one per five (``<p>字</p>`` or ``字<br>`` repeated), and each block costs about 700
    bytes of Python objects down the pipeline. So once a page has made :data:`BLOCK_FLOOR`
    blocks plus :data:`BLOCKS_PER_MILLION` per million characters walked (up to the last block
    whose text was found in the source, or the start of the piece), a tiny block (at most
    :data:`TINY_CHARS` characters) joins the one before it, its text on a new line, if that
    one holds only tiny blocks' text; past :data:`BLOCKS_PER_MILLION_HARD` per million, any
    block does. A joined block holds at most :data:`MERGE_CHARS` characters, and no block
    joins across an edge of a hidden element or of a ``<pre>``. Nothing is lost: every
    character of every block is in the joined one, in order; the joined block keeps the
    labels of its first part, and it is the only kind of block with a line break in its text
    (:func:`merged_blocks`; the pipeline adds the reason ``merged``).

    >>> page = "<title>天气</title><div class=nav><a href=/>首页</a></div><p>今天下雨了。<br>明天晴。</p>"
    >>> bs, title, boxes = html_blocks(page)
    >>> [(b.text, b.kind, b.link_chars) for b in bs]
    [('首页', 'paragraph', 2), ('今天下雨了。', 'paragraph', 0), ('明天晴。', 'paragraph', 0)]
    >>> bs[1].start < bs[2].start, title, boxes[0]
    (True, '天气', Container(first=1, end=3, tag='p', hints='', hidden=False))
    """
    table, title, containers = html_block_table(html, layout, utf8=utf8)
    return HtmlPage(tuple(table), title, containers)


def html_block_table(
    html: str | Utf8Text, layout: LayoutRecorder | None = None, *, utf8: bytes | None = None
) -> HtmlPage:
    """:func:`html_blocks` with the blocks held by the native core (``_core.Blocks``: one table
    of the texts, spans and labels; each :class:`RawBlock` made when it is read), which the
    features and selection read there (the pipeline calls :func:`html_block_rows`, which leaves
    the containers as the core's rows).

    >>> table = html_block_table("<p>今天下雨了。<br>明天晴。</p>").blocks
    >>> len(table), table.text(1), table[0].kind
    (2, '明天晴。', 'paragraph')
    """
    table, title, rows = html_block_rows(html, layout, utf8=utf8)
    return HtmlPage(table, title, containers_of(rows))


def html_block_rows(
    html: str | Utf8Text, layout: LayoutRecorder | None = None, *, utf8: bytes | None = None
) -> tuple[Sequence[RawBlock], str | None, list[ContainerRow]]:
    """:func:`html_block_table` with the containers as the core gives them, ``(first, end, tag,
    hints, hidden)`` rows, which selection reads as they are: what the pipeline calls, making
    a :class:`Container` of a row (:func:`containers_of`) only where one is read in Python (the
    comments, a page with little Han text). A real page has a hundred elements or so, and a
    frozen dataclass costs 1.8 µs to make. ``html`` may also be a UTF-8 page's text as the core
    checked it (:attr:`~cleantext.decode.Decoded.native`), read as it is (no ``utf8`` with it).

    >>> table, title, rows = html_block_rows("<title>天气</title><p>今天下雨了。<br>明天晴。</p>")
    >>> title, rows[0], containers_of(rows)[0]
    ('天气', (0, 2, 'p', '', False), Container(first=0, end=2, tag='p', hints='', hidden=False))
    """
    table, title, rows, walked, _ = _native_walk(html, layout, utf8)
    if layout is not None:
        layout.take(walked)
    return table, title, rows


def containers_of(rows: Sequence[ContainerRow]) -> tuple[Container, ...]:
    """The :class:`Container` of each of the core's ``(first, end, tag, hints, hidden)`` rows."""
    return tuple([Container(*row) for row in rows])
