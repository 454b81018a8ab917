"""The Python depth scan that the native core replaced, kept as the tests' oracle.

``limit_depth``, ``prepare`` and their scans (``_shallow``, ``_deep_tags``) of
``cleantext/blocks/depth.py`` as they were before they moved to the core
(``rust/src/blocks/depth.rs``), verbatim but for :class:`Split`, the package's:
``tests/test_native_depth.py`` compares the two exactly (the capped page and every split).

It scans a page with regular expressions: a tag ends at the first ``>`` outside a quoted
attribute value; a comment, a ``<!...>``, a raw-text element (``<script>``...) is one token
with its content; a run of ``<br>``... one token with the text between.
"""

from __future__ import annotations

import re

from cleantext.blocks.depth import Split

#: Elements deeper than this lose their tags (their text stays, in its parent).
MAX_DEPTH = 512

_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr basefont frame".split())
_TOP = frozenset(("html", "body"))
#: Elements whose content is raw text up to their end tag (no tags inside).
_RAW = frozenset("script style textarea title xmp iframe noembed noframes".split())
#: Block elements a piece of a huge page may end inside: the next piece starts with their start
#: tags (``<div>``), and a fresh parse of those gives the parser the state it had there (not the
#: table elements, whose parse depends on their context, nor ``<pre>``, which drops a newline
#: right after its start tag, nor inline elements, which the walk counts as links).
REOPENABLE = frozenset(
    "address article aside blockquote center details dialog dir div dl dd dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup li main menu nav ol p section summary ul".split()
)
_BODY = re.compile(r"<body[\t\n\f\r />]", re.I)
#: Elements of a page's head: until another element starts (or ``<body>``), the page is not cut.
_HEAD = frozenset("html head title base basefont bgsound link meta noframes script style template noscript".split())
#: At most this many elements are reopened at a split.
MAX_REOPEN = 8
#: Elements whose start tag closes an open element of the same name close above it.
_SELF_CLOSING_SIBLINGS = frozenset("p li dt dd option tr td th".split())
#: Elements whose start tag closes an open ``<p>`` (as its end tag would).
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup main menu nav ol pre section summary table ul li dd dt listing".split()
)
#: Formatting elements: closed by another element's tag, the parser reopens them for the text
#: after (``<p><a href=x>a</p>b``: ``b`` is a link too), until their own end tag; a piece
#: would not. No clean cut while one may be reopened, nor while an element the scan closed may
#: be open in the parser: one whose end tag came inside a table or cell (:data:`_SCOPES`),
#: which the parser ignores, until its next end tag.
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
_SCOPES = frozenset("table td th caption template object marquee applet".split())
#: Elements after whose end tag a page is not cut: pages nest tables wrongly, and the parser
#: may keep one open that the scan closes.
_TABLE = frozenset("table caption colgroup tbody thead tfoot tr td th".split())
#: Elements between two of the above that make the second one nested, not a sibling.
_BARRIERS = frozenset(
    "ul ol dl table tbody thead tfoot div section article aside nav header footer main blockquote "
    "fieldset form select datalist figure details td th caption button object template".split()
)
#: Elements whose content the block walk skips: never untagged unless inside another one.
_SKIPPED = frozenset(
    "head script style noscript template svg math canvas iframe object embed audio video select option "
    "button textarea input map area".split()
)


_RAW_INITIALS = "".join(sorted({c for name in _RAW for c in (name[0], name[0].upper())}))
#: The rest of a tag after its name: to the first ``>`` outside a quoted attribute value (a
#: ``<br>`` or ``<div>`` inside ``data-x="<div>..."`` is no tag). A value whose quote never
#: closes runs to the end of the page, as in browsers. Each character has one way to match,
#: and the pattern cannot fail once the name has matched: linear.
_ATTRIBUTES = r"""(?:[^>"'=]|=[\t\n\f\r ]*(?:"[^"]*(?:"|\Z)|'[^']*(?:'|\Z)|(?=[^"'\t\n\f\r ]))|["'])*(?:>|\Z)"""
#: The tags :func:`_deep_tags` reads, with what it jumps over swallowed: a comment to its
#: ``-->`` (or the end), a raw-text element to its ``</name`` (or the end). Raw names are
#: matched in ASCII case only, like ``name.lower() in _RAW`` (the non-ASCII letters that lower
#: to ASCII, U+0130 and the Kelvin sign, cannot spell one); a look-ahead for their first
#: letters spares the other tags trying them one by one. The only group holds ``/name`` or
#: ``name`` of every other tag.
_TOKEN = re.compile(
    r"<(?:!--[^-]*(?:-(?!->)[^-]*)*(?:-->)?"
    r"|[!?][^>]*>"
    + f"|(?=[{_RAW_INITIALS}])(?:"
    + "|".join(rf"(?ai:{name})(?=[\t\n\f\r />]){_ATTRIBUTES}[^<]*(?:<(?!/(?i:{name}))[^<]*)*" for name in sorted(_RAW))
    + rf")|(/?[A-Za-z][^\t\n\f\r />]*){_ATTRIBUTES})"
)
#: :data:`_TOKEN` for :func:`_deep_tags`, with one more alternative first: a run of up to 256
#: ``<br>``, ``<img>``... with text between (no ``<``), the last one's name in group 2. They
#: change nothing the scan keeps, so a page of ``<br>`` is read a run at a time, not a tag.
_BODY_VOIDS = r"<(?ai:br|wbr|hr|img|input)(?=[\t\n\f\r />])" + _ATTRIBUTES
_SCAN = re.compile(
    rf"(?:{_BODY_VOIDS}[^<]*){{1,255}}<((?ai:br|wbr|hr|img|input))(?=[\t\n\f\r />]){_ATTRIBUTES}" + "|" + _TOKEN.pattern
)
#: Void names as pages usually spell them (another spelling only makes the bound looser).
_VOID_SPELLINGS = frozenset(s for name in _VOID for s in (name, name.upper(), name.capitalize()))


def limit_depth(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with the tags of elements nested deeper than ``max_depth`` removed.

    >>> limit_depth("<div><p>新闻</p></div>") == "<div><p>新闻</p></div>"
    True
    >>> limit_depth("<div>" * 5 + "正文" + "</div>" * 5, max_depth=2)
    '<div><div>正文</div></div>'
    >>> limit_depth("<b><i><u>x</u></i></b><p>y", max_depth=1)
    '<b>x</b><p>y'
    """
    if html.count("<") <= max_depth or _shallow(html, max_depth):
        return html
    cuts, _ = _deep_tags(html, max_depth)
    return _without(html, cuts) if cuts else html


def _shallow(html: str, max_depth: int) -> bool:
    """True if :func:`_deep_tags`' scan surely finds the page no deeper than ``max_depth``
    (and so has nothing to cut); False if it may (then only the scan can tell).

    A cheaper count that is never below the scan's depth: the open elements when each
    spelling of a name is counted on its own, an end tag closing one of its spelling if any
    is open. It reads the scan's tags (:data:`_TOKEN`; the scan's :data:`_SCAN` reads the same
    tags, runs of ``<br>`` at a time), plus a few after a point where the
    scan stops (they can only add); it opens every element the scan opens (and void ones
    spelled otherwise than ``br``, ``BR``, ``Br``); it closes fewer: never the elements inside the one an end
    tag closes, nor a ``<p>`` before the next, nor ``<DIV>`` with ``</div>``. Linear, with
    no stack.

    >>> _shallow("<div><p>a</p><p>b</div>", 2), _shallow("<div><p>a<p>b</div>", 2)
    (True, False)
    >>> _shallow("<b><br><script>'</b></b>'</script><i><!-- </b> -->", 2)
    True
    >>> _shallow("<b><script>'<i>'</script><!-- <u> --><img><s><u>", 2)
    False
    """
    open_by_name: dict[str, int] = {}
    get = open_by_name.get
    total = 0
    for tag in _TOKEN.findall(html, 0, html.rfind(">") + 1):  # a list of strings: the cheapest loop
        if not tag or tag in _VOID_SPELLINGS:  # a comment, raw text, a void element
            continue
        if tag[0] != "/":
            open_by_name[tag] = get(tag, 0) + 1
            total += 1
            if total > max_depth:
                return False
        else:
            tag = tag[1:]
            count = get(tag)
            if count:
                open_by_name[tag] = count - 1
                total -= 1
    return True


def _without(html: str, cuts: list[tuple[int, int]]) -> str:
    """``html`` less the (ordered, disjoint) spans in ``cuts``, in one pass.

    >>> _without("<b><i>x</i></b>", [(3, 6), (7, 11)])
    '<b>x</b>'
    """
    out = []
    pos = 0
    for start, end in cuts:
        out.append(html[pos:start])
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _deep_tags(html: str, max_depth: int, every: int = 0) -> tuple[list[tuple[int, int]], list[Split]]:
    """Spans of the start and end tags of elements deeper than ``max_depth``, in order (empty
    when the page is not that deep); with ``every``, also the :class:`Split` places, at least
    ``every`` characters apart: once the body has begun, just after a void element or an end
    tag that closes an element (not of a table), where the open elements are only
    ``<html>``/``<body>`` and at most :data:`MAX_REOPEN` elements of :data:`REOPENABLE`.

    Linear: each tag is read once, each element pushed and popped once; an end tag finds
    its element through ``open_at`` (name -> stack positions) without walking the stack.
    A tag ends at the first ``>`` after its name; the scan stops at the last ``>`` of the
    page, since a tag left open at the end is dropped by the parser.

    >>> for split in _deep_tags("<title>x</title><div><p>一<br>二</p></div>三", 512, every=1)[1]:
    ...     print(split)
    Split(at=29, tag='br', reopen=('div', 'p'), clean=True)
    Split(at=34, tag='/p', reopen=('div',), clean=True)
    Split(at=40, tag='/div', reopen=(), clean=True)
    >>> [split.clean for split in _deep_tags("<div><p><b>一</p>二<br>三</b><br>", 512, every=1)[1]]
    [False, False, True]
    """
    splits: list[Split] = []
    next_split = every if every else len(html) + 1
    stack: list[tuple[str, bool]] = []  # (name, untagged)
    open_at: dict[str, list[int]] = {}
    cuts: list[tuple[int, int]] = []
    skipped = 0  # open elements whose content the walk skips
    blockers = 0  # open elements a piece cannot end inside (not reopenable, not <html>/<body>)
    tops = 0  # open <html>/<body> elements
    # Not in the body yet: a cut here would lose the <title>, or the attributes of a later
    # <body> tag (the parser gives them to the element it made): no cut before a real <body>
    # tag, or, on a page without one, before the first element of the body.
    in_head = True
    body_by = len(html) + 1 if _BODY.search(html) else 0  # also give up waiting for <body> here
    deepest = 0
    end_of_tags = html.rfind(">") + 1  # no tag can end after this

    risky: list[int] = []  # stack positions of open formatting elements
    lingering: dict[str, int] = {}  # those closed by another element's tag: the parser reopens them

    def pop_to(index: int, end_tag: bool = False) -> bool:
        nonlocal skipped, blockers, tops
        untagged = stack[index][1]
        if end_tag and any(stack[i][0] in _SCOPES for i in range(index + 1, len(stack))):
            for name, _ in stack[index:]:  # the parser ignores this end tag: all stay open there
                lingering[name] = 1
        while risky and risky[-1] >= index:
            at = risky.pop()
            if at > index:
                lingering[stack[at][0]] = 1
        while len(stack) > index:
            name = stack.pop()[0]
            open_at[name].pop()
            if name in _SKIPPED:
                skipped -= 1
            if name in _TOP:
                tops -= 1
            elif name not in REOPENABLE:
                blockers -= 1
        return untagged

    for m in _SCAN.finditer(html, 0, end_of_tags):
        name = m[2]  # a tag (group 2 of _TOKEN's pattern in _SCAN)
        if name is None:
            name = m[1]  # the last of a run of <br>, <img>...
            if name is None:  # a comment, <!doctype>, <?pi?>, a raw-text element with its text
                continue
        if name in _VOID_SPELLINGS and not in_head:  # the quick way for <br>, <img>...
            if m.end() >= next_split and not blockers and len(stack) - tops <= MAX_REOPEN:
                reopen = tuple(t for t, _ in stack if t not in _TOP)
                splits.append(Split(m.end(), name.lower(), reopen, not lingering))
                next_split = m.end() + every
            continue
        name = name.lower()
        if name[0] == "/":  # an end tag
            name = name[1:]
            where = open_at.get(name)
            if lingering and not where:  # closes the one the parser would reopen
                lingering.pop(name, None)
            if not where:
                continue
            if where[-1] == len(stack) - 1:  # the innermost element: the usual case
                where.pop()
                untagged = stack.pop()[1]
                if risky and risky[-1] == len(stack):
                    risky.pop()
                if name not in REOPENABLE:  # a counted one
                    if name in _SKIPPED:
                        skipped -= 1
                    if name in _TOP:
                        tops -= 1
                    elif name not in REOPENABLE:
                        blockers -= 1
            else:
                untagged = pop_to(where[-1], True)
            if untagged:
                cuts.append((m.start(), m.end()))
            if m.end() >= next_split and not blockers and not in_head and len(stack) - tops <= MAX_REOPEN:
                if name not in _TABLE:
                    reopen = tuple(t for t, _ in stack if t not in _TOP)
                    splits.append(Split(m.end(), "/" + name, reopen, not lingering))
                    next_split = m.end() + every
            continue
        if in_head:
            if name == "body" or (name not in _HEAD and (not body_by or m.end() > body_by)):
                in_head = False
            elif name not in _HEAD and body_by > len(html):
                body_by = m.end() + every
        if name in _VOID:
            if m.end() >= next_split and not blockers and not in_head and len(stack) - tops <= MAX_REOPEN:
                splits.append(Split(m.end(), name, tuple(t for t, _ in stack if t not in _TOP), not lingering))
                next_split = m.end() + every
            continue
        if name == "plaintext":
            break
        for closes in (name if name in _SELF_CLOSING_SIBLINGS else None, "p" if name in _CLOSES_P else None):
            where = open_at.get(closes) if closes else None  # type: ignore[arg-type]
            if where and where[-1] >= len(stack) - 3 and not any(t[0] in _BARRIERS for t in stack[where[-1] + 1 :]):
                pop_to(where[-1])  # <li>a<li>b: siblings, but <li><ul><li>: nested; <p>a<div>: a <p> closes
        depth = len(stack)
        untagged = depth >= max_depth and (name not in _SKIPPED or skipped > 0)
        if untagged:
            cuts.append((m.start(), m.end()))
        if name not in REOPENABLE:  # a counted one
            if name in _SKIPPED:
                skipped += 1
            if name in _TOP:
                tops += 1
            elif name not in REOPENABLE:
                blockers += 1
        if name in _FORMATTING:
            risky.append(depth)
        stack.append((name, untagged))
        open_at.setdefault(name, []).append(depth)
        if depth >= deepest:
            deepest = depth + 1
    return (cuts if deepest > max_depth else []), splits


def prepare(html: str, every: int, max_depth: int = MAX_DEPTH) -> tuple[str, list[Split]]:
    """:func:`limit_depth` and, for a page longer than ``2 * every`` characters that needed no
    capping, the :class:`Split` places where it can be cut into pieces of about ``every``
    characters (parsed one at a time, a huge page never has its whole DOM in memory; see
    ``blocks.html``, which reopens at the start of a piece the elements open at its split).

    >>> capped, splits = prepare("<p>一</p><p>二</p><p>三</p>", every=4, max_depth=512)
    >>> [(s.at, s.tag, s.reopen) for s in splits]
    [(8, '/p', ()), (16, '/p', ())]
    >>> [(s.at, s.tag, s.reopen) for s in prepare("<p>" + "字<br>" * 1000, every=2000, max_depth=512)[1]]
    [(2563, 'br', ('p',))]
    """
    if len(html) <= 2 * every and (html.count("<") <= max_depth or _shallow(html, max_depth)):
        return html, []
    cuts, splits = _deep_tags(html, max_depth, every if len(html) > 2 * every else 0)
    if not cuts:
        return html, [s for s in splits if s.at < len(html)]
    return _without(html, cuts), []
