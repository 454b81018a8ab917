"""Cap the element nesting depth of hostile HTML before lexbor parses it.

An HTML tree builder checks "is there a ``<p>`` (or a ``<div>``...) in scope" by walking
the stack of open elements, so a page of 100,000 nested ``<div>`` costs lexbor time
quadratic in the depth (minutes). Browsers cap the depth (Chromium at 512); so does
:func:`limit_depth`: it simulates the stack of open elements with a linear tag scan and, only
when the page nests deeper than :data:`MAX_DEPTH`, deletes the start and end tags of the
elements deeper than that. Text is never removed, only those tags, so every character of
the page's text stays where it was relative to the rest; ordinary pages come back unchanged
(the same object).
"""

from __future__ import annotations

import re

#: Elements deeper than this lose their tags (their text stays, in its parent).
MAX_DEPTH = 512

#: A comment's start, or a whole tag (to the first ``>`` after its name): 1 comment, 2 bogus, 3 end, 4 name.
_TAG = re.compile(r"<(?:(!--)|([!?])[^>]*>|(/?)([A-Za-z][^\t\n\f\r />]*)[^>]*>)")
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr basefont frame".split())
_TOP = frozenset(("html", "body"))
#: Elements whose content is raw text up to their end tag (no tags inside).
_RAW = frozenset("script style textarea title xmp iframe noembed noframes".split())
_RAW_END = {name: re.compile(rf"</{name}", re.I) for name in _RAW}
#: Elements whose start tag closes an open element of the same name close above it.
_SELF_CLOSING_SIBLINGS = frozenset("p li dt dd option tr td th".split())
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
#: The tags :func:`_deep_tags` reads, matched where it matches them, with what it jumps over
#: swallowed: a comment to its ``-->`` (or the end), a raw-text element to the ``</name`` its
#: ``_RAW_END`` search finds (or the end). Raw names are matched in ASCII case only, like
#: ``name.lower() in _RAW`` (the non-ASCII letters that lower to ASCII, U+0130 and the Kelvin
#: sign, cannot spell one); a look-ahead for their first letters spares the other tags trying
#: them one by one. The only group holds ``/name`` or ``name`` of every other tag.
_TOKEN = re.compile(
    r"<(?:!--[^-]*(?:-(?!->)[^-]*)*(?:-->)?"
    r"|[!?][^>]*>"
    + f"|(?=[{_RAW_INITIALS}])(?:"
    + "|".join(rf"(?ai:{name})(?=[\t\n\f\r />])[^>]*>[^<]*(?:<(?!/(?i:{name}))[^<]*)*" for name in sorted(_RAW))
    + r")|(/?[A-Za-z][^\t\n\f\r />]*)[^>]*>)"
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
    is open. It reads the scan's tags (:data:`_TOKEN`), plus a few after a point where the
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


def _deep_tags(html: str, max_depth: int, every: int = 0) -> tuple[list[tuple[int, int]], list[int]]:
    """Spans of the start and end tags of elements deeper than ``max_depth``, in order (empty
    when the page is not that deep); with ``every``, also the places, at least ``every``
    characters apart, where an end tag leaves only ``<html>``/``<body>`` open.

    Linear: each tag is read once, each element pushed and popped once; an end tag finds
    its element through ``open_at`` (name -> stack positions) without walking the stack.
    A tag ends at the first ``>`` after its name; the scan stops at the last ``>`` of the
    page, since a tag left open at the end is dropped by the parser.
    """
    splits: list[int] = []
    last_split = 0
    stack: list[tuple[str, bool]] = []  # (name, untagged)
    open_at: dict[str, list[int]] = {}
    cuts: list[tuple[int, int]] = []
    skipped = 0  # open elements whose content the walk skips
    deepest = 0
    end_of_tags = html.rfind(">") + 1  # no tag can end after this
    search = _TAG.search
    pos = 0

    def pop_to(index: int) -> bool:
        nonlocal skipped
        untagged = stack[index][1]
        while len(stack) > index:
            name, _ = stack.pop()
            open_at[name].pop()
            if name in _SKIPPED:
                skipped -= 1
        return untagged

    while True:
        m = search(html, pos, end_of_tags)
        if m is None:
            break
        pos = m.end()
        name = m.group(4)
        if name is None:
            if m.group(1):  # a comment
                end = html.find("-->", pos)
                if end < 0:
                    break
                pos = end + 3
            continue  # <!doctype>, <?pi?>
        name = name.lower()
        if m.group(3):  # an end tag
            where = open_at.get(name)
            if where:
                if where[-1] == len(stack) - 1:  # the innermost element: the usual case
                    where.pop()
                    untagged = stack.pop()[1]
                    if name in _SKIPPED:
                        skipped -= 1
                else:
                    untagged = pop_to(where[-1])
                if untagged:
                    cuts.append((m.start(), pos))
            if every and pos - last_split >= every and all(t in _TOP for t, _ in stack[:3]) and len(stack) <= 2:
                splits.append(pos)
                last_split = pos
            continue
        if name in _VOID:
            continue
        if name in _RAW:
            end_tag = _RAW_END[name].search(html, pos)
            if end_tag is None:
                break
            pos = end_tag.start()
            continue
        if name == "plaintext":
            break
        if name in _SELF_CLOSING_SIBLINGS:
            where = open_at.get(name)
            if where and where[-1] >= len(stack) - 3 and not any(t in _BARRIERS for t, _ in stack[where[-1] + 1 :]):
                pop_to(where[-1])  # <li>a<li>b: siblings, but <li><ul><li>: nested
        depth = len(stack)
        untagged = depth >= max_depth and (name not in _SKIPPED or skipped > 0)
        if untagged:
            cuts.append((m.start(), pos))
        if name in _SKIPPED:
            skipped += 1
        stack.append((name, untagged))
        open_at.setdefault(name, []).append(depth)
        if depth >= deepest:
            deepest = depth + 1
    return (cuts if deepest > max_depth else []), splits


def prepare(html: str, every: int, max_depth: int = MAX_DEPTH) -> tuple[str, list[int]]:
    """:func:`limit_depth` and, for a page longer than ``2 * every`` characters that needed no
    capping, the offsets where it can be cut into top-level pieces of about ``every``
    characters (parsed one at a time, a huge page never has its whole DOM in memory).

    >>> prepare("<p>一</p><p>二</p><p>三</p>", every=4, max_depth=512)
    ('<p>一</p><p>二</p><p>三</p>', [8, 16])
    """
    if len(html) <= 2 * every and (html.count("<") <= max_depth or _shallow(html, max_depth)):
        return html, []
    cuts, splits = _deep_tags(html, max_depth, every if len(html) > 2 * every else 0)
    if not cuts:
        return html, [s for s in splits if s < len(html)]
    return _without(html, cuts), []
