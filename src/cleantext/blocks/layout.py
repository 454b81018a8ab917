"""The structure of a page around its blocks, as the Markdown/HTML rendering needs it.

The HTML walk records, beside the blocks, every structural element (headings, lists,
tables and their cells, ``<pre>``, quotes, figures, images) as a range of blocks, the links
inside blocks and the raw text of preformatted blocks (a block's ``text`` has its
whitespace collapsed). The blocks themselves are untouched: selection never sees this.
"""

from __future__ import annotations

from functools import partial
from typing import Any, NamedTuple

#: Elements recorded as :class:`Element` (``img`` too, as an empty range).
STRUCTURE_TAGS = frozenset("h1 h2 h3 h4 h5 h6 ul ol li table thead tr td th pre blockquote figure figcaption".split())
_SPAN_LIMIT = 1000  # colspan/rowspan values above this are read as 1 (browsers cap at 1000/65534)
#: Structural elements nested deeper than this are not recorded (their blocks render as the
#: content of the deepest recorded one): rendering recurses once per level.
MAX_NESTING = 100


class Element(NamedTuple):
    """A structural element holding blocks ``first`` to ``end - 1``.

    Attributes:
        tag: the element's tag (``img`` for an image).
        first, end: the range of blocks inside it (contiguous: blocks are in page order).
            An image sits between blocks ``first - 1`` and ``first`` (``end == first``), or
            inside block ``first`` (``end == first + 1``, an image within a line of text).
        parent: index of the enclosing element in :attr:`Layout.elements`, ``-1`` for none.
        colspan, rowspan: for ``td``/``th``; 1 otherwise.
        alt, src: for ``img``; ``""`` otherwise.
    """

    tag: str
    first: int
    end: int
    parent: int
    colspan: int = 1
    rowspan: int = 1
    alt: str = ""
    src: str = ""


class Link(NamedTuple):
    """An ``<a href>`` inside one block: its (raw) text and ``href`` as written."""

    block: int
    text: str
    href: str


class Layout(NamedTuple):
    """Everything the rendering needs beyond the blocks (see the module docstring).

    Attributes:
        elements: structural elements in page order (opening order, so a parent comes
            before its children).
        links: links in page order.
        raw: ``(block index, raw text)`` of the blocks inside ``<pre>``, line breaks kept (in a
            text dump's code: the block's line with the run's indentation removed, after a line
            break for each blank line before it).
    """

    elements: tuple[Element, ...] = ()
    links: tuple[Link, ...] = ()
    raw: tuple[tuple[int, str], ...] = ()


class LinkMark:
    """Where an ``<a href>`` opened: the walk's marker until the link closes."""

    __slots__ = ("blocks", "href", "parts")

    def __init__(self, href: str, blocks: int, parts: int) -> None:
        self.href, self.blocks, self.parts = href, blocks, parts


class LayoutRecorder:
    """Collects a :class:`Layout` while the HTML walk runs (see ``html_blocks(layout=...)``).

    >>> r = LayoutRecorder(links=False, images=False)
    >>> r.open("ul", 0, None); r.open("li", 0, None); r.close(1); r.close(2)
    >>> [(e.tag, e.first, e.end, e.parent) for e in r.layout().elements]
    [('ul', 0, 2, -1), ('li', 0, 1, 0)]
    """

    def __init__(self, links: bool, images: bool) -> None:
        self.record_links = links  # links (<a href>) and images are recorded only when shown
        self.record_images = images
        self.elements: list[list[object]] = []
        self.open_elements: list[int] = []
        self.links: list[Link] = []
        self.raw: list[tuple[int, str]] = []
        self.pre_depth = 0
        #: What the native walk recorded (``_core.WalkLayout``), held by the core until read.
        self.walked: Any = None

    def take(self, walked: Any) -> None:
        """Record what the native walk recorded (a ``_core.WalkLayout``, whose ``rows()`` give
        the elements, links and raw texts): held as it is until the layout is read (or packed
        by the core), unless something was recorded already."""
        if self.walked is None and not (self.elements or self.links or self.raw):
            self.walked = walked
            return
        self.elements, self.links, self.raw = self.rows()
        self.walked = None
        elements, links, raw = walked.rows()
        self.elements.extend(elements)
        self.links.extend(Link(*link) for link in links)
        self.raw.extend(raw)

    def rows(self) -> tuple[list[Any], list[Link], list[tuple[int, str]]]:
        """Everything recorded, as rows: what the core holds (:meth:`take`), then what was
        recorded here (the recorder is left as it is: reading it twice, or from two threads,
        gives the same)."""
        if self.walked is None:
            return self.elements, self.links, self.raw
        elements, links, raw = self.walked.rows()
        return [*elements, *self.elements], [*(Link(*link) for link in links), *self.links], [*raw, *self.raw]

    def open(self, tag: str, first: int, attributes: dict[str, str | None] | None) -> None:
        """An element of :data:`STRUCTURE_TAGS` opens, its content starting at block ``first``."""
        if tag == "pre":
            self.pre_depth += 1
        if len(self.open_elements) >= MAX_NESTING:
            self.open_elements.append(-2 if tag == "pre" else -1)  # not recorded
            return
        parent = self.open_elements[-1] if self.open_elements else -1
        colspan = rowspan = 1
        if attributes and tag in ("td", "th"):
            colspan = _span(attributes.get("colspan"))
            rowspan = _span(attributes.get("rowspan"))
        self.open_elements.append(len(self.elements))
        self.elements.append([tag, first, first, parent, colspan, rowspan, "", ""])

    def close(self, end: int) -> None:
        """The innermost open element closes after block ``end - 1``."""
        k = self.open_elements.pop()
        if k < 0:  # not recorded (too deep)
            self.pre_depth -= k == -2
            return
        element = self.elements[k]
        element[2] = end
        if element[0] == "pre":
            self.pre_depth -= 1

    def image(self, attributes: dict[str, str | None] | None, blocks: int, inline: bool) -> None:
        """An ``<img>`` after ``blocks`` blocks; ``inline`` when text of the next block precedes it."""
        attributes = attributes or {}
        src = (attributes.get("src") or "").strip()
        if not src:
            return
        alt = " ".join((attributes.get("alt") or "").split())
        parent = self.open_elements[-1] if self.open_elements else -1
        if parent < -1:
            return  # inside elements too deep to record
        self.elements.append(["img", blocks, blocks + 1 if inline else blocks, parent, 1, 1, alt, src])

    def link(self, mark: LinkMark, blocks: int, parts: list[str]) -> None:
        """A link closes: recorded when its text is all in the block being collected."""
        if mark.blocks != blocks or len(parts) < mark.parts:
            return
        text = "".join(parts[mark.parts :])
        if text.strip():
            self.links.append(Link(blocks, text, mark.href))

    def layout(self) -> Layout:
        """The recorded layout, frozen."""
        elements, links, raw = self.rows()
        return Layout(tuple(map(_element, elements)), tuple(links), tuple(raw))


#: An :class:`Element` from a recorded row of its eight fields (no Python call: a third faster).
_element = partial(tuple.__new__, Element)


def _span(value: str | None) -> int:
    """A ``colspan``/``rowspan`` attribute as a count of cells, 1 when absent or odd.

    >>> _span("2"), _span(None), _span("x"), _span("0"), _span("99999")
    (2, 1, 1, 1, 1)
    """
    if not value:
        return 1
    value = value.strip()
    if not value.isdigit():
        return 1
    n = int(value[:6])
    return n if 1 <= n <= _SPAN_LIMIT else 1
