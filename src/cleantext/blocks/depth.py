"""Cap the element nesting depth of hostile HTML before the parser (html5ever) builds its tree.

An HTML tree builder checks "is there a ``<p>`` (or a ``<div>``...) in scope" by walking
the stack of open elements, so a page of 100,000 nested ``<div>`` costs a tree builder
(html5ever, lexbor alike) time quadratic in the depth (minutes). Browsers cap the depth (Chromium at 512); so does
:func:`limit_depth`: it simulates the stack of open elements with a linear tag scan and, only
when the page nests deeper than :data:`MAX_DEPTH`, deletes the start and end tags of the
elements deeper than that. Text is never removed, only those tags, so every character of
the page's text stays where it was relative to the rest; ordinary pages come back unchanged
(the same object).

The same scan finds where a huge page can be cut into pieces parsed one at a time
(:func:`prepare`, :class:`Split`; ``blocks.html`` reopens at the start of a piece the elements
open at its cut, and checks each cut against the parsed tree).

The scan is the native core's (``rust/src/blocks/depth.rs``); the Python scan it replaced is
the tests' oracle (``tests/depth_oracle.py``), which documents each rule.
"""

from __future__ import annotations

from typing import NamedTuple

from .._core import DEPTH_MAX_DEPTH, DEPTH_MAX_REOPEN, DEPTH_REOPENABLE, depth_prepare

#: Elements deeper than this lose their tags (their text stays, in its parent).
MAX_DEPTH: int = DEPTH_MAX_DEPTH
#: Block elements a piece of a huge page may end inside: the next piece starts with their start
#: tags (``<div>``), and a fresh parse of those gives the parser the state it had there (not the
#: table elements, whose parse depends on their context, nor ``<pre>``, which drops a newline
#: right after its start tag, nor inline elements, which the walk counts as links).
REOPENABLE: frozenset[str] = frozenset(DEPTH_REOPENABLE)
#: At most this many elements are reopened at a split.
MAX_REOPEN: int = DEPTH_MAX_REOPEN


class Split(NamedTuple):
    """A place where a huge page can be cut into pieces: ``at``, an offset just after the tag
    ``tag`` (``"/p"`` for an end tag, ``"br"`` for a void element), and the names of the
    elements the scan finds open there (outermost first, ``<html>``/``<body>`` left out)."""

    at: int
    tag: str
    reopen: tuple[str, ...] = ()
    clean: bool = True  # False: the parser may reopen a formatting element (<b>, <a>...) after it


def limit_depth(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with the tags of elements nested deeper than ``max_depth`` removed.

    >>> limit_depth("<div><p>新闻</p></div>") == "<div><p>新闻</p></div>"
    True
    >>> limit_depth("<div>" * 5 + "正文" + "</div>" * 5, max_depth=2)
    '<div><div>正文</div></div>'
    >>> limit_depth("<b><i><u>x</u></i></b><p>y", max_depth=1)
    '<b>x</b><p>y'
    """
    return prepare(html, len(html), max_depth)[0]


def prepare(html: str, every: int, max_depth: int = MAX_DEPTH) -> tuple[str, list[Split]]:
    """:func:`limit_depth` and, for a page longer than ``2 * every`` characters that needed no
    capping, the :class:`Split` places where it can be cut into pieces of about ``every``
    characters (parsed one at a time, a huge page never has its whole DOM in memory; see
    ``blocks.html``, which reopens at the start of a piece the elements open at its split).

    A split comes, once the body has begun, just after a void element or an end tag that
    closes an element (not of a table), where the open elements are only ``<html>``/``<body>``
    and at most :data:`MAX_REOPEN` elements of :data:`REOPENABLE`. ``every`` and ``max_depth``
    must fit in 64 bits.

    >>> capped, splits = prepare("<p>一</p><p>二</p><p>三</p>", every=4, max_depth=512)
    >>> [(s.at, s.tag, s.reopen) for s in splits]
    [(8, '/p', ()), (16, '/p', ())]
    >>> [(s.at, s.tag, s.reopen) for s in prepare("<p>" + "字<br>" * 1000, every=2000, max_depth=512)[1]]
    [(2563, 'br', ('p',))]
    >>> prepare("<title>x</title><div><p>一<br>二</p></div>三", every=1)[1][0]
    Split(at=29, tag='br', reopen=('div', 'p'), clean=True)
    >>> [s.clean for s in prepare("<div><p><b>一</p>二<br>三</b><br>四", every=1)[1]]
    [False, False, True]
    """
    capped, splits = depth_prepare(html, every, max_depth)
    return capped, [Split._make(split) for split in splits]
