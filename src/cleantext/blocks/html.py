"""HTML -> blocks: every run of text between block-level boundaries.

The DOM comes from lexbor (selectolax), which parses any input the way a
browser does; the walk is iterative, so nesting depth costs no recursion.
"""

from __future__ import annotations

import re
from dataclasses import replace
from sys import intern
from typing import NamedTuple

from .depth import prepare
from .model import Container, RawBlock
from .whitespace import collapse

#: Elements whose start or end closes the current block.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer form frame frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main marquee menu nav noframes "
    "ol p pre section summary table tbody td tfoot th thead tr ul caption".split()
)
#: Elements whose content never becomes text.
SKIP_TAGS = frozenset(
    "head script style noscript template svg math canvas iframe object embed audio video select option "
    "button textarea input map area".split()
)
_KIND = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "li": "list-item", "dt": "list-item", "dd": "list-item",
    "td": "table-cell", "th": "table-cell",
    "pre": "preformatted", "blockquote": "quote",
}  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ANCHOR = re.compile(r"[^\s&<>\"'\xa0]{2,12}")
_WINDOW = 256 * 1024  # how far ahead of the last block the next block's text is searched for
_SMALL_WINDOW = 4096  # the window once failed searches have used up their budget
_BUDGET_PASSES = 8  # failed searches may scan this many times the page before the window shrinks
_HINT_LIMIT = 120
_PIECE = 1_000_000  # characters: pages over twice this are parsed in pieces of about this size


class _Builder:
    """Collects text nodes into blocks as the walk opens and closes elements."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.cursor = 0
        self.blocks: list[RawBlock] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.links = 0
        self.context: list[tuple[str, str]] = [("body", "")]  # (tag, hints) of enclosing block elements
        self.budget = _BUDGET_PASSES * len(source) + _WINDOW  # characters failed searches may scan
        self.containers: list[Container] = []
        self.labels: dict[tuple[tuple[str, str], ...], tuple[str, str, str, str]] = {}  # see _labels

    def close(self, first: int, tag: str) -> None:
        """Record a block element that holds two or more blocks."""
        hints = self.context[-1][1]
        self.context.pop()
        if len(self.blocks) - first >= 2:
            self.containers.append(Container(first, len(self.blocks), tag, hints))

    def flush(self) -> None:
        """Make a block of the text collected since the last boundary, if any (the walk calls
        this only when ``parts`` holds something)."""
        parts = self.parts
        if not parts:
            return
        raw = parts[0] if len(parts) == 1 else "".join(parts)
        link_chars, links = self.link_chars, self.links
        self.link_chars = self.links = 0
        if not raw.isspace():  # the whitespace between tags collapses to nothing
            text = collapse(raw)
            if text:
                self._add(text, parts, link_chars, links)
        parts.clear()

    def _add(self, text: str, parts: list[str], link_chars: int, links: int) -> None:
        start, end = self._locate(parts)
        around = tuple(self.context[-4:])
        labels = self.labels.get(around)
        if labels is None:
            labels = self.labels[around] = _labels(around)
        kind, path, hints, tag = labels
        self.blocks.append(RawBlock(text, kind, start, end, min(link_chars, len(text)), links, path, hints, tag))

    def _locate(self, parts: list[str]) -> tuple[int, int]:
        """Best-effort source span: find the first and last anchor of the text ahead of the cursor."""
        first = _ANCHOR.search(parts[0]) or _ANCHOR.search("".join(parts))
        if first is None:
            return self.cursor, self.cursor
        pos = self._find(first.group(), self.cursor)
        if pos < 0:
            return self.cursor, self.cursor
        start = pos
        end = pos + len(first.group())
        last_anchors = _ANCHOR.findall(parts[-1][-64:]) if len(parts) > 1 or len(parts[0]) > 24 else []
        if last_anchors:
            tail = self._find(last_anchors[-1], end)
            if tail >= 0:
                end = tail + len(last_anchors[-1])
        self.cursor = end
        return start, end

    def _find(self, anchor: str, start: int) -> int:
        """``source.find`` in a window ahead of ``start``; searches that fail do not advance the
        cursor, so their cost is charged to a budget (a few passes over the page), past which
        the window shrinks: a page of 10^6 blocks whose text is not in the source (entities)
        stays linear."""
        window = _WINDOW if self.budget > 0 else _SMALL_WINDOW
        pos = self.source.find(anchor, start, start + window)
        self.budget -= (min(start + window, len(self.source)) if pos < 0 else pos) - start
        return pos


def _labels(around: tuple[tuple[str, str], ...]) -> tuple[str, str, str, str]:
    """The kind, path, hints and tag of a block whose innermost enclosing block elements are
    ``around`` (the last four ``(tag, hints)``, outermost first); a block directly in an
    element inside an ``<li>`` counts as a list item.

    >>> _labels((("body", ""), ("ul", "nav"), ("li", ""), ("div", "x")))
    ('list-item', 'body>ul>li>div', 'nav x', 'li')
    >>> _labels((("body", ""), ("h2", "")))
    ('heading', 'body>h2', '', 'h2')
    """
    tag = around[-1][0]
    if tag not in _KIND and len(around) > 1 and around[-2][0] == "li":
        tag = "li"
    hints = intern(" ".join([h for _, h in around if h]))  # one copy per distinct value:
    path = intern(">".join([t for t, _ in around]))  # a big page repeats them a lot
    return _KIND.get(tag, "paragraph"), path, hints, tag


def _hints(attributes: dict[str, str | None]) -> str:
    cls = attributes.get("class") or ""
    ident = attributes.get("id") or ""
    if not cls and not ident:
        return ""
    return f"{cls} {ident}".strip().lower()[:_HINT_LIMIT]


def _hidden(attributes: dict[str, str | None]) -> bool:
    if "hidden" in attributes:
        return True
    style = attributes.get("style")
    return style is not None and _HIDDEN_STYLE.search(style[:500]) is not None


class HtmlPage(NamedTuple):
    """The blocks of an HTML page, its ``<title>``, and the block elements that group them."""

    blocks: tuple[RawBlock, ...]
    title: str | None
    containers: tuple[Container, ...]


def html_blocks(html: str) -> HtmlPage:
    """Split an HTML page into text blocks in document order; also return its ``<title>``.

    >>> page = "<title>天气</title><div class=nav><a href=/>首页</a></div><p>今天下雨了。<br>明天晴。</p>"
    >>> bs, title, boxes = html_blocks(page)
    >>> [(b.text, b.kind, b.link_chars) for b in bs]
    [('首页', 'paragraph', 2), ('今天下雨了。', 'paragraph', 0), ('明天晴。', 'paragraph', 0)]
    >>> bs[1].start < bs[2].start, title, boxes[0]
    (True, '天气', Container(first=1, end=3, tag='p', hints=''))
    """
    from selectolax.lexbor import LexborHTMLParser  # imported here: `import cleantext` stays cheap

    # Deep nesting capped; a huge page cut between top-level elements into pieces parsed one
    # at a time (lexbor's DOM takes about 7x the page: never all of it at once).
    capped, splits = prepare(html, _PIECE)
    builder = _Builder(html)  # the spans are found in ``html`` itself
    title = None
    top: dict[str, Container] = {}  # the first piece's <html>/<body> elements
    for k, (a, b) in enumerate(zip([0, *splits], [*splits, len(capped)])):
        tree = LexborHTMLParser(capped if not splits else capped[a:b])
        root = tree.root
        if root is None:
            continue
        if k == 0:
            title_node = tree.css_first("title")
            title = collapse(title_node.text()) if title_node is not None else None
        _walk(root, builder)
        del tree, root
        if splits:  # each piece has its own <html>/<body>: keep the first, spanning all pieces
            for c in builder.containers:
                if c.tag in ("html", "body") and c.tag not in top:
                    top[c.tag] = c
            builder.containers = [c for c in builder.containers if c.tag not in ("html", "body")]
    builder.flush()
    if splits:
        n = len(builder.blocks)
        builder.containers.extend(replace(c, end=n) for c in (top.get("body"), top.get("html")) if c is not None)
    return HtmlPage(tuple(builder.blocks), title or None, tuple(builder.containers))


def _walk(root: object, builder: _Builder) -> None:
    """Feed the text under ``root`` to ``builder``, element by element, without recursion.

    The stack holds nodes still to visit and, for block elements and links, a marker
    ``(tag, block, link, first)`` of where their content ends. A node is pushed only when its
    previous sibling is reached, and it is visited after that sibling's marker and descendants.
    """
    stack: list[object] = [root]
    pop, push = stack.pop, stack.append
    parts, blocks, open_blocks = builder.parts, builder.blocks, builder.context
    skip_tags, block_tags = SKIP_TAGS, BLOCK_TAGS
    link_depth = 0  # open <a> elements
    while stack:
        item = pop()
        if item.__class__ is tuple:
            tag, block, link, first = item  # type: ignore[misc]
            if link:
                link_depth -= 1
            if block:
                if parts:
                    builder.flush()
                builder.close(first, tag)
            continue
        node = item
        if node is not root:
            sibling = node.next  # type: ignore[attr-defined]
            if sibling is not None:
                push(sibling)
        tag = node.tag  # type: ignore[attr-defined]
        if tag == "-text":
            value = node.text_content  # type: ignore[attr-defined]
            if value:
                parts.append(value)
                if link_depth:
                    builder.link_chars += len(value.strip())
            continue
        if not tag or tag[0] == "-" or tag in skip_tags:  # no tag: a processing instruction (<?x ?>)
            continue
        if tag == "br":
            if parts:
                builder.flush()
            continue
        attributes = node.attributes  # type: ignore[attr-defined]
        if attributes and _hidden(attributes):
            continue
        block = tag in block_tags
        link = tag == "a"
        if block:
            if parts:
                builder.flush()
            open_blocks.append((tag, _hints(attributes) if attributes else ""))
        if link:
            link_depth += 1
            builder.links += 1
        if block or link:
            push((tag, block, link, len(blocks)))
        child = node.first_child  # type: ignore[attr-defined]
        if child is not None:
            push(child)
