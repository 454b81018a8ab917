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
from .layout import STRUCTURE_TAGS, LayoutRecorder, LinkMark
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
#: A link's text that is its own address written out (a reference pasted into a post, not a
#: menu item): its characters are the author's text, not link text.
_ADDRESS = re.compile(r"https?://[^\s<>\"']{4,}")
_ANCHOR = re.compile(r"[^\s&<>\"'\xa0]{2,12}")
_WINDOW = 256 * 1024  # how far ahead of the last block the next block's text is searched for
_SMALL_WINDOW = 4096  # the window once failed searches have used up their budget
_BUDGET_PASSES = 8  # failed searches may scan this many times the page before the window shrinks
_HINT_LIMIT = 120
_LINK_END = object()  # see _walk
#: ``RawBlock`` from a tuple of all its fields: a third of the time of the named tuple's own
#: ``__new__`` (keyword defaults), for the tens of thousands of blocks of a big page.
_new_block = tuple.__new__
_PIECE = 1_000_000  # characters: pages over twice this are parsed in pieces of about this size


class _Builder:
    """Collects text nodes into blocks as the walk opens and closes elements."""

    def __init__(self, source: str, layout: LayoutRecorder | None = None) -> None:
        self.source = source
        self.layout = layout  # records the structure around the blocks, when asked for
        self.cursor = 0
        self.blocks: list[RawBlock] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.links = 0
        self.context: list[tuple[str, str]] = [("body", "")]  # (tag, hints) of enclosing block elements
        self.budget = _BUDGET_PASSES * len(source) + _WINDOW  # characters failed searches may scan
        self.containers: list[Container] = []
        self.labels: dict[tuple[tuple[str, str], ...], tuple[str, str, str, str]] = {}  # see _labels
        self.in_noframes = False  # walking the parsed content of a <noframes> (see _walk_noframes)

    def flush(self) -> None:
        """Make a block of the text collected since the last boundary, if it is more than
        whitespace (the walk calls this only when ``parts`` holds something)."""
        parts = self.parts
        raw = parts[0] if len(parts) == 1 else "".join(parts)
        link_chars, links = self.link_chars, self.links
        self.link_chars = self.links = 0
        text = "" if raw.isspace() else collapse(raw)  # the whitespace between tags is nothing
        if text:
            start, end = self._locate(parts, raw)
            around = tuple(self.context[-4:])
            labels = self.labels.get(around)
            if labels is None:
                labels = self.labels[around] = _labels(around)
            kind, path, hints, tag = labels
            if self.layout is not None and self.layout.pre_depth:
                self.layout.raw.append((len(self.blocks), raw))
            block = (text, kind, start, end, min(link_chars, len(text)), links, path, hints, tag)
            self.blocks.append(_new_block(RawBlock, block))
        parts.clear()

    def _locate(self, parts: list[str], raw: str) -> tuple[int, int]:
        """Best-effort source span of ``raw`` (``parts`` joined): find its first and last
        anchor ahead of the cursor."""
        first = _ANCHOR.search(parts[0]) or (_ANCHOR.search(raw) if len(parts) > 1 else None)
        if first is None:
            return self.cursor, self.cursor
        anchor = first.group()
        pos = self._find(anchor, self.cursor)
        if pos < 0:
            return self.cursor, self.cursor
        start = pos
        end = pos + len(anchor)
        last_anchors = _ANCHOR.findall(parts[-1][-64:]) if len(parts) > 1 or len(raw) > 24 else []
        if last_anchors:
            anchor = last_anchors[-1]
            tail = self._find(anchor, end)
            if tail >= 0:
                end = tail + len(anchor)
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


def html_blocks(html: str, layout: LayoutRecorder | None = None) -> HtmlPage:
    """Split an HTML page into text blocks in document order; also return its ``<title>``.

    With a ``layout`` recorder, the walk also records the page's structure around the
    blocks (headings, lists, tables, code...; see :mod:`cleantext.blocks.layout`).

    >>> page = "<title>天气</title><div class=nav><a href=/>首页</a></div><p>今天下雨了。<br>明天晴。</p>"
    >>> bs, title, boxes = html_blocks(page)
    >>> [(b.text, b.kind, b.link_chars) for b in bs]
    [('首页', 'paragraph', 2), ('今天下雨了。', 'paragraph', 0), ('明天晴。', 'paragraph', 0)]
    >>> bs[1].start < bs[2].start, title, boxes[0]
    (True, '天气', Container(first=1, end=3, tag='p', hints='', hidden=False))
    """
    from selectolax.lexbor import LexborHTMLParser  # imported here: `import cleantext` stays cheap

    # Deep nesting capped; a huge page cut between top-level elements into pieces parsed one
    # at a time (lexbor's DOM takes about 7x the page: never all of it at once).
    capped, splits = prepare(html, _PIECE)
    builder = _Builder(html, layout)  # the spans are found in ``html`` itself
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
    if builder.parts:
        builder.flush()
    if splits:
        n = len(builder.blocks)
        builder.containers.extend(replace(c, end=n) for c in (top.get("body"), top.get("html")) if c is not None)
    return HtmlPage(tuple(builder.blocks), title or None, tuple(builder.containers))


def _walk_noframes(node: object, builder: _Builder) -> None:
    """The blocks of a ``<noframes>`` element: lexbor keeps its content as raw text (markup
    and all), which is parsed (depth capped) and walked like the page; a ``<noframes>`` inside
    that content is not parsed again (the work stays linear). Browsers show frames, not this:
    its blocks are a hidden container (kept only if they hold the article: a frameset page's)."""
    from selectolax.lexbor import LexborHTMLParser

    if builder.in_noframes:
        return
    first = len(builder.blocks)
    raw = "".join(c.text_content or "" for c in node.iter(include_text=True))  # type: ignore[attr-defined]
    if "<" not in raw:
        if raw.strip():
            builder.parts.append(raw)
            builder.flush()
    else:
        capped, _ = prepare(raw, len(raw))
        body = LexborHTMLParser(capped).body
        if body is not None:
            builder.in_noframes = True
            _walk(body, builder)
            builder.in_noframes = False
            if builder.parts:
                builder.flush()
    if len(builder.blocks) > first:
        builder.containers.append(Container(first, len(builder.blocks), "noframes", "", True))


def _walk(root: object, builder: _Builder) -> None:
    """Feed the text under ``root`` to ``builder``, element by element, without recursion.

    Siblings are visited in a loop; the stack holds where to resume once an element's
    content is done: its next sibling, under the marker of where its content ends
    (:data:`_LINK_END` for a link, for a block element the number of blocks made before it,
    an ``int``, ``-1 - n`` for a hidden one; its tag and hints are on ``builder.context``).
    A hidden inline element is skipped; a hidden block element's blocks are made and the
    element recorded as a hidden container, whatever its size. This runs once per DOM node
    (a big page has 10^5): a text node or an element with nothing to mark or descend into
    costs no stack operation, and no element makes an object unless it is a block or a link.
    """
    stack: list[object] = [root]
    pop, push = stack.pop, stack.append
    node_class = root.__class__
    parts, blocks, context, containers = builder.parts, builder.blocks, builder.context, builder.containers
    flush = builder.flush
    skip_tags, block_tags = SKIP_TAGS, BLOCK_TAGS
    layout, structure_tags = builder.layout, STRUCTURE_TAGS
    link_depth = 0  # open <a> elements
    while stack:
        node = pop()
        if node.__class__ is not node_class:  # a marker
            if node is _LINK_END:
                link_depth -= 1
            elif node.__class__ is LinkMark:  # a link whose href the layout records
                link_depth -= 1
                layout.link(node, len(blocks), parts)  # type: ignore[union-attr,arg-type]
            else:  # a block element's end: a container if it holds two or more blocks
                if parts:
                    flush()
                tag, hints = context.pop()
                if layout is not None and tag in structure_tags:
                    layout.close(len(blocks))
                if node < 0:  # type: ignore[operator]  # a hidden one's (see below): if it holds any
                    first = -1 - node  # type: ignore[operator]
                    if len(blocks) > first:
                        containers.append(Container(first, len(blocks), tag, hints, True))
                elif len(blocks) - node >= 2:  # type: ignore[operator]
                    containers.append(Container(node, len(blocks), tag, hints))  # type: ignore[arg-type]
            continue
        while node is not None:
            # A text node first: half the nodes are, and only they have ``text_content`` (a
            # text node without data falls through to its tag, ``-text``, and is skipped).
            value = node.text_content  # type: ignore[attr-defined]
            if value is not None:
                if value:
                    parts.append(value)
                    if link_depth and _ADDRESS.fullmatch(value.strip()) is None:
                        builder.link_chars += len(value.strip())
                node = node.next  # type: ignore[attr-defined]
                continue
            sibling = node.next if node is not root else None  # type: ignore[attr-defined]
            tag = node.tag  # type: ignore[attr-defined]
            if not tag or tag[0] == "-" or tag in skip_tags:  # no tag: a processing instruction (<?x ?>)
                node = sibling
                continue
            if tag == "br":
                if parts:
                    flush()
                node = sibling
                continue
            if tag == "noframes":  # raw text: its markup is parsed as the page a frameless browser shows
                if parts:
                    flush()
                _walk_noframes(node, builder)
                node = sibling
                continue
            attributes = node.attributes  # type: ignore[attr-defined]
            hidden = attributes and ("hidden" in attributes or "style" in attributes) and _hidden(attributes)
            if hidden and tag not in block_tags:  # hidden words inside a paragraph: never text
                node = sibling
                continue
            if tag == "img" and layout is not None and layout.record_images:
                layout.image(attributes, len(blocks), any(not p.isspace() for p in parts))
            child = node.first_child  # type: ignore[attr-defined]
            if tag in block_tags:
                if parts:
                    flush()
                context.append((tag, _hints(attributes) if attributes else ""))
                if layout is not None and tag in structure_tags:
                    layout.open(tag, len(blocks), attributes)
                if sibling is not None:
                    push(sibling)
                # a hidden element's blocks are kept, marked (a negative marker): an article a
                # script reveals is one, and selection tells it from a popup
                push(-1 - len(blocks) if hidden else len(blocks))
            elif tag == "a":
                link_depth += 1
                builder.links += 1
                if sibling is not None:
                    push(sibling)
                href = attributes.get("href") if layout is not None and layout.record_links and attributes else None
                push(LinkMark(href, len(blocks), len(parts)) if href else _LINK_END)
            elif child is None:
                node = sibling
                continue
            elif sibling is not None:
                push(sibling)
            node = child
