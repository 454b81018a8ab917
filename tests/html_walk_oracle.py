"""The Python HTML walk that the native core replaced, kept as the tests' oracle.

``html_blocks`` of ``cleantext/blocks/html.py`` as it was before it moved to the core
(``rust/src/blocks/html/``): lexbor (selectolax) parsed the page and this walked its DOM.
``tests/test_native_walk.py`` compares the two (blocks, title, containers and layout) on the dev
pages, on huge pages cut into pieces and on random tag soup. Its constants are its own: a test
that scales the package's budget or piece size down scales these too.
"""

from __future__ import annotations

import re
from sys import intern

from cleantext.blocks.depth import REOPENABLE, Split, prepare
from cleantext.blocks.html import HtmlPage  # the shipped result type: the two walks' results compare equal
from cleantext.blocks.layout import STRUCTURE_TAGS, LayoutRecorder, LinkMark
from cleantext.blocks.model import Container, RawBlock
from cleantext.blocks.whitespace import collapse

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
_SPINE_TAGS = REOPENABLE | {"html", "body"}  # the elements a piece may end inside
#: ``RawBlock`` from a tuple of all its fields: a third of the time of the named tuple's own
#: ``__new__`` (keyword defaults), for the tens of thousands of blocks of a big page.
_new_block = tuple.__new__
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
        self.carried: list[object] = []  # markers of the elements a piece ended inside, innermost first
        # The block budget (see html_blocks): blocks made past ``allowance`` join the one before
        # them unless an edge of a hidden element (``epoch`` counts them) or of a <pre> lies between.
        self.allowance = BLOCK_FLOOR
        self.piece_start = 0  # where the piece being walked starts in the page
        self.epoch = 0
        self.last_epoch = 0  # ``epoch`` when the last block was made
        self.last_pre = False  # the last block is inside a <pre>
        self.last_tiny = False  # the last block holds only tiny blocks' text (TINY_CHARS)
        self.pending: list[str] = []  # the texts joined into the last block, while it takes more
        self.pending_raw: list[str] = []  # their raw texts, inside a <pre>
        self.pending_chars = self.pending_end = self.pending_link_chars = self.pending_links = 0

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
            pre = self.layout is not None and self.layout.pre_depth > 0
            n = len(self.blocks)
            if n >= self.allowance and n >= self._allowance() and self._joins(text, pre, n):
                self._join(text, raw, end, link_chars, links, pre)
            else:
                if self.pending:
                    self.finish_merge()
                if pre:
                    self.layout.raw.append((n, raw))  # type: ignore[union-attr]
                block = (text, kind, start, end, min(link_chars, len(text)), links, path, hints, tag)
                self.blocks.append(_new_block(RawBlock, block))
                self.last_epoch, self.last_pre, self.last_tiny = self.epoch, pre, len(text) <= TINY_CHARS
        elif self.layout is not None:  # no block: the links recorded for it would name the next one
            while self.layout.links and self.layout.links[-1].block == len(self.blocks):
                self.layout.links.pop()
        parts.clear()

    def _allowance(self) -> int:
        """The block budget at the place the walk has reached in the page: the last block's
        text found in the source, or the start of the piece being walked (see html_blocks)."""
        self.allowance = BLOCK_FLOOR + BLOCKS_PER_MILLION * max(self.cursor, self.piece_start) // 1_000_000
        return self.allowance

    def _joins(self, text: str, pre: bool, n: int) -> bool:
        """Over the budget: may ``text`` join the last block? Only on the same side of every
        hidden and ``<pre>`` edge, with the joined text within :data:`MERGE_CHARS`, and, below
        the hard budget, if both are tiny (the last one made of tiny blocks only)."""
        if not self.blocks or self.epoch != self.last_epoch or pre != self.last_pre:
            return False
        size = self.pending_chars if self.pending else len(self.blocks[-1].text)
        if size + 1 + len(text) > MERGE_CHARS:
            return False
        tiny = self.last_tiny and len(text) <= TINY_CHARS
        if not tiny:
            hard = BLOCK_FLOOR + BLOCKS_PER_MILLION_HARD * max(self.cursor, self.piece_start) // 1_000_000
            if n < hard:
                return False
            self.last_tiny = False
        return True

    def _join(self, text: str, raw: str, end: int, link_chars: int, links: int, pre: bool) -> None:
        """Add a block's text to the last block (one line each); :meth:`finish_merge` makes the block."""
        if not self.pending:
            last = self.blocks[-1]
            self.pending.append(last.text)
            self.pending_chars = len(last.text)
            self.pending_end, self.pending_link_chars, self.pending_links = last.end, last.link_chars, last.links
            if pre:
                self.pending_raw.append(self.layout.raw.pop()[1])  # type: ignore[union-attr]
        self.pending.append(text)
        self.pending_chars += 1 + len(text)
        self.pending_end = max(self.pending_end, end)
        self.pending_link_chars += min(link_chars, len(text))
        self.pending_links += links
        if pre:
            self.pending_raw.append(raw)
        layout, index = self.layout, len(self.blocks) - 1
        if layout is not None and layout.links and layout.links[-1].block == index + 1:  # its links too
            tail = len(layout.links)
            while tail and layout.links[tail - 1].block == index + 1:
                tail -= 1
            layout.links[tail:] = [link._replace(block=index) for link in layout.links[tail:]]

    def finish_merge(self) -> None:
        """Give the last block the texts joined into it (see :meth:`_join`)."""
        if not self.pending:
            return
        index = len(self.blocks) - 1
        self.blocks[-1] = self.blocks[-1]._replace(
            text="\n".join(self.pending),
            end=self.pending_end,
            link_chars=self.pending_link_chars,
            links=self.pending_links,
        )
        if self.pending_raw:
            self.layout.raw.append((index, "\n".join(self.pending_raw)))  # type: ignore[union-attr]
        self.pending, self.pending_raw, self.pending_chars = [], [], 0

    def close(self, marker: int) -> None:
        """Close a block element the walk left open at the end of a piece that the next piece
        could not resume (``marker`` as in ``_walk``)."""
        if self.parts:
            self.flush()
        tag, hints = self.context.pop()
        if self.layout is not None and tag in STRUCTURE_TAGS:
            self.layout.close(len(self.blocks))
        first = -1 - marker if marker < 0 else marker
        if marker < 0:
            self.epoch += 1
        if len(self.blocks) - first >= (1 if marker < 0 else 2):
            self.containers.append(Container(first, len(self.blocks), tag, hints, marker < 0))

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


class _Carry:
    """The walk's marker of a block element still open where its piece of the page ends: its
    own marker (see :func:`_walk`) goes to ``_Builder.carried`` for the next piece."""

    __slots__ = ("marker",)

    def __init__(self, marker: object) -> None:
        self.marker = marker


def html_blocks(html: str, layout: LayoutRecorder | None = None) -> HtmlPage:
    """Split an HTML page into text blocks in document order; also return its ``<title>``.

    With a ``layout`` recorder, the walk also records the page's structure around the
    blocks (headings, lists, tables, code...; see :mod:`cleantext.blocks.layout`).

    **Pieces.** A page over 2 M characters is parsed in pieces of about 1 M (lexbor's DOM
    takes about 7x the page: never all of it at once), cut just after a tag where only block
    elements that a fresh parse reopens the same way are open (``<div>``, ``<p>``, ``<ul>``...;
    :func:`~cleantext.blocks.depth.prepare` finds the places). The next piece starts by
    reopening them (``<body><div><p>``), and the walk carries them over: an element open
    across a cut is one element, and a block's text runs on into the next piece, so the blocks
    are those of one parse. The tag scan that finds the cuts is not a tree builder, so each
    cut is checked against the tree of its piece (:func:`_open_at_cut`); a piece runs on past
    the cuts the tree disagrees with, up to 4 M characters, where it is cut anyway and the
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
    from selectolax.lexbor import LexborHTMLParser  # imported here: `import cleantext` stays cheap

    capped, splits = prepare(html, _PIECE)  # deep nesting capped; where a huge page may be cut
    builder = _Builder(html, layout)  # the spans are found in ``html`` itself
    title = None
    start, k = 0, 0  # where the next piece starts; the next cut to try
    reopen: tuple[str, ...] = ()  # the elements the last piece ended inside, below <body>
    while start < len(capped) or start == 0:
        # <body> too: a fresh parse would drop the whitespace before any content
        head = "".join(["<body>", *(f"<{name}>" for name in reopen)]) if start else ""
        while True:  # the piece to the next cut, or further while the tree disagrees with the scan
            end = splits[k].at if k < len(splits) else len(capped)
            tree = LexborHTMLParser(head + capped[start:end] if start or end < len(capped) else capped)
            ending, clean = _open_at_cut(tree, splits[k]) if k < len(splits) else ([], True)
            if clean or end - start >= _MAX_PIECES * _PIECE:
                break
            k += 1
        root = tree.root
        if root is not None:
            builder.piece_start = start
            if not start:
                title_node = tree.css_first("title")
                title = collapse(title_node.text()) if title_node is not None else None
            resuming = _resume(builder, _reopened(tree, reopen)) if start else {}
            _walk(root, builder, {node.mem_id for node in ending}, resuming)  # type: ignore[attr-defined]
        reopen = tuple(node.tag for node in ending[2:])  # type: ignore[attr-defined]
        del tree, root, ending
        start, k = end, k + 1
        if end == len(capped):
            break
    _resume(builder, [])  # nothing is left open, unless a piece ended oddly
    if builder.parts:
        builder.flush()
    builder.finish_merge()
    return HtmlPage(tuple(builder.blocks), title or None, tuple(builder.containers))


def _top(tree: object) -> list[object]:
    """``[<html>, <body>]`` of a parsed piece (``[<html>]`` for a frameset page)."""
    root, body = tree.root, tree.body  # type: ignore[attr-defined]
    if root is None or root.tag != "html":
        return []
    if body is None or body.tag != "body" or body.parent is None or body.parent.mem_id != root.mem_id:
        return [root]
    return [root, body]


def _reopened(tree: object, names: tuple[str, ...]) -> list[object]:
    """``<html>``, ``<body>`` and the elements ``names`` a piece starts by reopening, each the
    first child of the one before, as far as the tree has them."""
    chain = _top(tree)
    if len(chain) == 2:
        node = chain[1]
        for name in names:
            node = node.first_child  # type: ignore[attr-defined]
            if node is None or node.tag != name:
                break
            chain.append(node)
    return chain


def _open_at_cut(tree: object, split: Split) -> tuple[list[object], bool]:
    """``<html>``, ``<body>`` and the elements still open at the end of a piece cut at
    ``split``, outermost first, as the parser left them, and whether the cut is clean: the
    tree agrees with the scan, all of them can be reopened, and the scan saw nothing the
    parser could reopen after the cut (``split.clean``: a formatting element, or an element
    whose end tag came inside a table).

    They are on the chain of last children from ``<body>``: the ancestors of the void element
    the cut follows, or the elements the scan found open (``split.reopen``) when the one after
    them is the element the cut's end tag closed. The scan reads tags, not a tree (a table a
    misplaced end tag leaves open, say); when the tree says otherwise, or has an element open
    that cannot be reopened, those below the ones that can close at the cut, as if the
    page's text broke there (nothing is lost).
    """
    chain = _top(tree)
    if len(chain) < 2:
        return chain, False
    below: list[object] = []
    node = chain[1].last_child  # type: ignore[attr-defined]
    while node is not None and len(below) < 1000:
        below.append(node)
        node = node.last_child  # type: ignore[attr-defined]
    names = [n.tag for n in below]  # type: ignore[attr-defined]
    reopen = list(split.reopen)
    if split.tag[0] != "/" and names and names[-1] == split.tag:  # a void element: its ancestors
        opened, clean = below[:-1], split.clean
    elif names[: len(reopen) + 1] == [*reopen, split.tag[1:]]:
        opened, clean = below[: len(reopen)], split.clean
    else:  # the tree and the scan disagree: as far as they agree
        agree = 0
        while agree < min(len(names), len(reopen)) and names[agree] == reopen[agree]:
            agree += 1
        opened, clean = below[:agree], False
    for node in opened:
        if node.tag not in REOPENABLE:  # type: ignore[attr-defined]
            return chain, False
        chain.append(node)
    return chain, clean


def _resume(builder: _Builder, spine: list[object]) -> dict[int, object]:
    """The markers of the elements the last piece ended inside, by the ``mem_id`` of the
    element of ``spine`` (outermost first) that continues each; those it has no element for
    close now, as they would have at the cut."""
    carried = builder.carried[::-1]  # outermost first
    builder.carried = []
    for marker in reversed(carried[len(spine) :]):
        builder.close(marker)  # type: ignore[arg-type]
    return {node.mem_id: marker for node, marker in zip(spine, carried)}  # type: ignore[attr-defined]


def _walk_noframes(node: object, builder: _Builder) -> None:
    """The blocks of a ``<noframes>`` element: lexbor keeps its content as raw text (markup
    and all), which is parsed (depth capped) and walked like the page; a ``<noframes>`` inside
    that content is not parsed again (the work stays linear). Browsers show frames, not this:
    its blocks are a hidden container (kept only if they hold the article: a frameset page's)."""
    from selectolax.lexbor import LexborHTMLParser

    if builder.in_noframes:
        return
    builder.epoch += 1  # a hidden container: its blocks never join others
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
    builder.epoch += 1
    if len(builder.blocks) > first:
        builder.containers.append(Container(first, len(builder.blocks), "noframes", "", True))


def _walk(
    root: object, builder: _Builder, ending: set[int] | None = None, resuming: dict[int, object] | None = None
) -> None:
    """Feed the text under ``root`` to ``builder``, element by element, without recursion.

    Siblings are visited in a loop; the stack holds where to resume once an element's
    content is done: its next sibling, under the marker of where its content ends
    (:data:`_LINK_END` for a link, for a block element the number of blocks made before it,
    an ``int``, ``-1 - n`` for a hidden one; its tag and hints are on ``builder.context``).
    A hidden inline element is skipped; a hidden block element's blocks are made and the
    element recorded as a hidden container, whatever its size. This runs once per DOM node
    (a big page has 10^5): a text node or an element with nothing to mark or descend into
    costs no stack operation, and no element makes an object unless it is a block or a link.

    A piece of a huge page (see :func:`html_blocks`): the block elements whose ``mem_id`` is
    in ``resuming`` continue elements the last piece ended inside (their marker is given;
    nothing opens), and those in ``ending`` are still open where this piece ends (nothing
    closes: their markers go to ``builder.carried``).
    """
    stack: list[object] = [root]
    pop, push = stack.pop, stack.append
    node_class = root.__class__
    parts, blocks, context, containers = builder.parts, builder.blocks, builder.context, builder.containers
    flush = builder.flush
    skip_tags, block_tags = SKIP_TAGS, BLOCK_TAGS
    layout, structure_tags = builder.layout, STRUCTURE_TAGS
    link_depth = 0  # open <a> elements
    spine = _SPINE_TAGS if ending or resuming else frozenset()
    ending = ending or set()
    resuming = resuming or {}
    while stack:
        node = pop()
        if node.__class__ is not node_class:  # a marker
            if node is _LINK_END:
                link_depth -= 1
            elif node.__class__ is LinkMark:  # a link whose href the layout records
                link_depth -= 1
                layout.link(node, len(blocks), parts)  # type: ignore[union-attr,arg-type]
            elif node.__class__ is _Carry:  # open where the piece ends: the next one resumes it
                builder.carried.append(node.marker)  # type: ignore[attr-defined]
            else:  # a block element's end: a container if it holds two or more blocks
                if parts:
                    flush()
                tag, hints = context.pop()
                if layout is not None and tag in structure_tags:
                    layout.close(len(blocks))
                if node < 0:  # type: ignore[operator]  # a hidden one's (see below): if it holds any
                    builder.epoch += 1
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
                carry = False
                if tag in spine:  # a piece of a huge page: an element open across a cut?
                    ident = node.mem_id  # type: ignore[attr-defined]
                    carry = ident in ending
                    if ident in resuming:  # opened in the last piece: its text and block go on
                        if sibling is not None:
                            push(sibling)
                        marker = resuming.pop(ident)
                        push(_Carry(marker) if carry else marker)
                        node = child
                        continue
                if parts:
                    flush()
                context.append((tag, _hints(attributes) if attributes else ""))
                if layout is not None and tag in structure_tags:
                    layout.open(tag, len(blocks), attributes)
                if sibling is not None:
                    push(sibling)
                # a hidden element's blocks are kept, marked (a negative marker): an article a
                # script reveals is one, and selection tells it from a popup
                if hidden:
                    builder.epoch += 1
                marker = -1 - len(blocks) if hidden else len(blocks)
                push(_Carry(marker) if carry else marker)
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
