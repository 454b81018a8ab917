"""The kept blocks of a page and its :class:`~cleantext.blocks.layout.Layout` -> a small tree.

The tree holds only what the article keeps: an element with no kept block inside renders
nothing, a table keeps its rows with a kept cell (the other cells stay, empty), and every
kept block appears exactly once. The Markdown and HTML writers turn it into text.

Nodes are tuples, first item the kind:

* ``("p", inlines)``, ``("h", level, inlines)``, ``("caption", inlines)``;
* ``("ul", items)``, ``("ol", items)``: ``items`` a list of node lists;
* ``("table", rows)``: ``rows`` a list of ``(header, cells)``, ``cells`` a list of
  ``(inlines, colspan)``; every row has the table's width;
* ``("pre", code)``: the code's text with its line breaks;
* ``("quote", nodes)``, ``("figure", nodes)``, ``("img", alt, src)``.

``inlines`` is a list of ``(text, href)``, ``href`` ``None`` outside links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..blocks.layout import Element, Layout

Node = tuple[Any, ...]
Inlines = list[tuple[str, "str | None"]]

_HEADING_LEVEL = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
#: A table cell with more blocks than this is a page's layout, not data.
LAYOUT_CELL_BLOCKS = 3
#: Empty cells a table's grid may add (for rowspans and short rows) per cell of the table: the
#: output stays linear in the page however its spans are set.
GRID_BUDGET = 8
_SAFE_SCHEMES = frozenset(("", "http", "https", "mailto", "ftp"))
#: What a URL parser strips from an href's ends (controls and the space), drops inside it (tabs
#: and line breaks), and writes escaped where it is left (the other controls, the space, DEL).
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_DROPPED = {0x09: None, 0x0A: None, 0x0D: None}
_URL_ESCAPED = re.compile("[\x00-\x20\x7f]")


def safe_url(href: str, base: str | None) -> str | None:
    """``href`` resolved against ``base``, or ``None`` when its scheme is not a plain web one.
    Read as a browser reads it: its ends stripped, tabs and line breaks inside it dropped, the
    other spaces and controls escaped (``x y.html`` is ``x%20y.html``, not ``xy.html``).

    >>> safe_url("/a/b.html", "http://news.example.cn/x/y.html")
    'http://news.example.cn/a/b.html'
    >>> safe_url(" java\\tscript:alert(1)", None) is None, safe_url("data:text/html,x", None) is None
    (True, True)
    >>> safe_url(" /2021/年报 全文.html\\n", "http://news.example.cn/")
    'http://news.example.cn/2021/年报%20全文.html'
    """
    href = href.strip(_URL_EDGES).translate(_URL_DROPPED)
    href = _URL_ESCAPED.sub(lambda m: f"%{ord(m.group()):02X}", href)
    if not href:
        return None
    if base:
        try:
            href = urljoin(base, href)
        except ValueError:
            return None
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    return href if scheme in _SAFE_SCHEMES else None


class _Builder:
    def __init__(
        self, texts: Sequence[str], kept: Sequence[bool], layout: Layout, base: str | None, images: bool
    ) -> None:
        self.texts = texts
        self.kept = kept
        self.elements = layout.elements
        self.base = base
        self.images = images
        self.children: list[list[int]] = [[] for _ in self.elements]
        self.top: list[int] = []
        for i, e in enumerate(self.elements):
            (self.children[e.parent] if e.parent >= 0 else self.top).append(i)
        self.links: dict[int, list[tuple[str, str]]] = {}
        for link in layout.links:
            self.links.setdefault(link.block, []).append((link.text, link.href))
        self.raw = dict(layout.raw)
        kept_at = [i for i, k in enumerate(kept) if k]
        self.span = (kept_at[0], kept_at[-1]) if kept_at else (0, -1)
        #: kept blocks before each block (and after the last): whether a range holds one, at once
        self.kept_before = list(accumulate(map(bool, kept), initial=0))
        self._rows: dict[int, list[tuple[bool, list[tuple[int, int, int, int]]]]] = {}  # (see rows)

    # -- inline text ---------------------------------------------------------------------------

    def inlines(self, i: int) -> Inlines:
        """Block ``i``'s text, its links cut out where they can be found in it."""
        text = self.texts[i]
        links = self.links.get(i)
        if not links:
            return [(text, None)]
        out: Inlines = []
        cursor = 0
        for raw, href in links:
            label = " ".join(raw.split())
            at = text.find(label, cursor) if label else -1
            url = safe_url(href, self.base)
            if at < 0 or url is None:
                continue
            if at > cursor:
                out.append((text[cursor:at], None))
            out.append((label, url))
            cursor = at + len(label)
        if cursor < len(text):
            out.append((text[cursor:], None))
        return out

    def joined(self, first: int, end: int) -> Inlines:
        """The kept blocks of a range as one line: their inlines, a space between blocks."""
        if self.kept_before[end] == self.kept_before[first]:  # (none: a table's cells, most of them)
            return []
        out: Inlines = []
        for i in range(first, end):
            if self.kept[i]:
                if out:
                    out.append((" ", None))
                out.extend(self.inlines(i))
        return out

    # -- blocks and elements -------------------------------------------------------------------

    def content(self, first: int, end: int, children: Sequence[int]) -> list[Node]:
        """The nodes of blocks ``first..end-1`` with the elements ``children`` among them."""
        out: list[Node] = []
        # (a range with no kept block gives nothing, but images: skipped at once; most of a page is)
        held, images = self.kept_before, self.images
        if not images and held[end] == held[first]:
            return out
        if not children:  # (a list item, a cell: its blocks alone)
            return self.loose(first, end)
        cursor = first
        for c in children:
            e = self.elements[c]
            if e.tag == "img":
                out.extend(self.loose(cursor, e.end))
                cursor = max(cursor, e.end)
                src = safe_url(e.src, self.base) if images and self.image_kept(e) else None
                if src is not None:
                    out.append(("img", e.alt, src))
                continue
            if held[e.first] > held[cursor]:
                out.extend(self.loose(cursor, e.first))
            if images or held[e.end] > held[e.first]:  # (else :meth:`element` gives nothing)
                out.extend(self.element(c))
            cursor = max(cursor, e.end)
        if held[end] > held[cursor]:
            out.extend(self.loose(cursor, end))
        return out

    def loose(self, first: int, end: int) -> list[Node]:
        """Blocks outside any structural element: paragraphs."""
        return [("p", self.inlines(i)) for i in range(first, end) if self.kept[i]]

    def image_kept(self, e: Element) -> bool:
        """An image within a kept block, or between two kept blocks of the article."""
        if e.end > e.first:
            return self.kept[e.first]
        return self.span[0] < e.first <= self.span[1]

    def element(self, c: int) -> list[Node]:
        e = self.elements[c]
        if not self.images and self.kept_before[e.end] == self.kept_before[e.first]:
            return []  # no kept block inside, and no image to show: nothing (a menu's long list)
        tag = e.tag
        if tag in _HEADING_LEVEL:
            text = self.joined(e.first, e.end)
            return [("h", _HEADING_LEVEL[tag], text)] if text else []
        if tag in ("ul", "ol"):
            items: list[list[Node]] = []
            for node in self.content(e.first, e.end, self.children[c]):
                if node[0] == "li":
                    children = node[1]
                    while children and children[0][0] in ("ul", "ol"):  # an item whose own text is left out:
                        items.extend(children[0][1])  # its sublist's items take its place
                        children = children[1:]
                    if children:
                        items.append(children)
                elif items and node[0] in ("ul", "ol"):  # a list nested directly in a list
                    items[-1].append(node)
                else:
                    items.append([node])
            return [(tag, items)] if items else []
        if tag == "li":
            nodes = self.content(e.first, e.end, self.children[c])
            return [("li", nodes)] if nodes else []
        if tag == "table":
            return self.table(c)
        if tag == "pre":
            kept = [i for i in range(e.first, e.end) if self.kept[i]]
            if not kept:
                return []
            code = "\n".join(self.raw.get(i, self.texts[i]) for i in kept)
            return [("pre", code.strip("\n"))]
        if tag == "blockquote":
            nodes = self.content(e.first, e.end, self.children[c])
            return [("quote", nodes)] if nodes else []
        if tag == "figure":
            nodes = self.content(e.first, e.end, self.children[c])
            return [("figure", nodes)] if nodes else []
        if tag == "figcaption":
            text = self.joined(e.first, e.end)
            return [("caption", text)] if text else []
        # td/th/tr/thead outside a table (the parser does not make them): their content
        return self.content(e.first, e.end, self.children[c])

    def table(self, c: int) -> list[Node]:
        """A data table's rows with a kept cell (blocks in it outside cells come before it);
        a layout table (a cell holding paragraphs, a list or a table) renders its content."""
        if self.is_layout(c):
            return self.content(self.elements[c].first, self.elements[c].end, self.children[c])
        rows = self.rows(c)
        e = self.elements[c]
        covered = [False] * (e.end - e.first)
        for _, cells in rows:
            for first, end, _, _ in cells:
                for i in range(first, end):
                    covered[i - e.first] = True
        before = [("p", self.inlines(i)) for i in range(e.first, e.end) if self.kept[i] and not covered[i - e.first]]
        grid = _grid([(h, [(self.joined(f, t), cs, rs) for f, t, cs, rs in cells]) for h, cells in rows])
        grid = [(h, cells) for h, cells in grid if any(text for text, _ in cells)]
        return [*before, ("table", grid)] if grid else before

    def rows(self, c: int) -> list[tuple[bool, list[tuple[int, int, int, int]]]]:
        """The rows of table ``c``: whether each is a header, and its cells' (first, end, colspan, rowspan)
        (found once a table: :meth:`is_layout` and :meth:`table` both read them)."""
        held = self._rows.get(c)
        if held is not None:
            return held
        rows: list[tuple[bool, list[tuple[int, int, int, int]]]] = self._rows.setdefault(c, [])
        stack = list(reversed(self.children[c]))
        in_head: set[int] = set()
        while stack:
            k = stack.pop()
            e = self.elements[k]
            if e.tag == "tr":
                cells = [self.elements[d] for d in self.children[k] if self.elements[d].tag in ("td", "th")]
                header = k in in_head or (bool(cells) and all(x.tag == "th" for x in cells))
                rows.append((header, [(x.first, x.end, x.colspan, x.rowspan) for x in cells]))
            elif e.tag == "thead":
                in_head.update(self.children[k])
                stack.extend(reversed(self.children[k]))
            elif e.tag != "table":  # a nested table's cells belong to the cell it is in
                stack.extend(reversed(self.children[k]))
        return rows

    def is_layout(self, c: int) -> bool:
        """A table used to lay out a page rather than to hold data: one cell or one column only
        (an image over its caption), or a cell with more than :data:`LAYOUT_CELL_BLOCKS` blocks
        or with block structure."""
        cells = 0
        stack = list(self.children[c])
        while stack:
            k = stack.pop()
            e = self.elements[k]
            if e.tag in ("td", "th"):
                cells += 1
                if e.end - e.first > LAYOUT_CELL_BLOCKS:
                    return True
            elif e.tag not in ("tr", "thead", "img"):
                return True
            stack.extend(self.children[k])
        return cells < 2 or all(len(cells) < 2 for _, cells in self.rows(c))


def _grid(rows: list[tuple[bool, list[tuple[Inlines, int, int]]]]) -> list[tuple[bool, list[tuple[Inlines, int]]]]:
    """Rows with the cells that row spans from above carry made explicit (empty), padded to
    one width: each row a list of ``(inlines, colspan)`` covering every column.

    >>> _grid([(True, [([("a", None)], 1, 2), ([("b", None)], 1, 1)]), (False, [([("c", None)], 1, 1)])])
    [(True, [([('a', None)], 1), ([('b', None)], 1)]), (False, [([], 1), ([('c', None)], 1)])]
    """
    budget = GRID_BUDGET * (sum(len(cells) for _, cells in rows) + 8)  # empty cells the grid may add
    carried: dict[int, int] = {}  # column -> rows it is still covered for by a rowspan above
    out: list[tuple[bool, list[tuple[Inlines, int]]]] = []
    for header, cells in rows:
        row: list[tuple[Inlines, int]] = []
        col = 0
        for text, colspan, rowspan in cells:
            while carried.get(col):
                row.append(([], 1))
                col += 1
            if colspan > 1 and budget < colspan - 1:
                colspan = 1
            budget -= colspan - 1
            row.append((text, colspan))
            if rowspan > 1 and budget >= rowspan * colspan:
                budget -= rowspan * colspan
                for k in range(col, col + colspan):
                    carried[k] = rowspan
            col += colspan
        for k in sorted(k for k in carried if k >= col):
            row.extend([([], 1)] * (k - col + 1))
            col = k + 1
        for k in list(carried):
            carried[k] -= 1
            if carried[k] <= 0:
                del carried[k]
        out.append((header, row))
    widths = [sum(span for _, span in row) for _, row in out]
    width = max(widths, default=0)
    if sum(width - w for w in widths) > budget:  # a ragged table: rows stay short (GFM pads them)
        return out
    return [(h, row + [([], 1)] * (width - w)) for (h, row), w in zip(out, widths)]


def build(
    texts: Sequence[str],
    kept: Sequence[bool],
    layout: Layout,
    *,
    base: str | None = None,
    links: bool = False,
    images: bool = False,
) -> list[Node]:
    """The tree of the kept blocks (``texts[i]`` kept when ``kept[i]``) in ``layout``; links
    (resolved against ``base``) and images only when asked for.

    >>> from cleantext.blocks.layout import Element
    >>> layout = Layout((Element("ul", 0, 2, -1), Element("li", 0, 1, 0), Element("li", 1, 2, 0)))
    >>> build(["一", "二", "三"], [True, True, True], layout)
    [('ul', [[('p', [('一', None)])], [('p', [('二', None)])]]), ('p', [('三', None)])]
    """
    if not links:
        layout = layout._replace(links=())
    builder = _Builder(texts, kept, layout, base, images)
    return builder.content(0, len(texts), builder.top)


def table_cells(layout: Layout | None) -> list[list[list[tuple[int, int]]]]:
    """The data tables of a page (layout tables left out): each a list of rows, each row a list
    of its cells' block ranges ``(first, end)``.

    >>> from cleantext.blocks.layout import Element
    >>> cells = [Element("td", i, i + 1, 1 + i // 2 * 3) for i in range(4)]
    >>> rows = [Element("table", 0, 4, -1), Element("tr", 0, 2, 0), *cells[:2], Element("tr", 2, 4, 0), *cells[2:]]
    >>> table_cells(Layout(tuple(rows)))
    [[[(0, 1), (1, 2)], [(2, 3), (3, 4)]]]
    """
    if layout is None:
        return []
    n = max((e.end for e in layout.elements), default=0)
    builder = _Builder([""] * n, [False] * n, layout._replace(links=()), None, False)
    return [
        [[(first, end) for first, end, _, _ in cells] for _, cells in builder.rows(c)]
        for c, e in enumerate(layout.elements)
        if e.tag == "table" and not builder.is_layout(c)
    ]
