"""The regular expressions ``cleantext/headmeta.py``'s ``read_head`` scanned a page with before
the scan moved to the core (``rust/src/head.rs``), verbatim, kept as the tests' oracle:
``tests/test_native_head.py`` compares :func:`head_scan` with ``cleantext._core.head_scan``.
"""

from __future__ import annotations

import re

_META_TAG = re.compile(r"<meta\b([^<>]{0,2000})>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_TITLE = re.compile(r"<title\b[^<>]{0,500}>([^<]{0,2000})</title", re.IGNORECASE)
_LD_OPEN = re.compile(r"""<script\b[^<>]{0,500}application/ld\+json[^<>]{0,500}>""", re.IGNORECASE)
#: A meta tag (group 1: its attributes) or a JSON-LD script's opening tag (no group): the two
#: patterns above as one, for one scan of the page (no match of one can hold a match of the other).
_META_OR_LD = re.compile(rf"<(?:{_META_TAG.pattern[1:]}|{_LD_OPEN.pattern[1:]})", re.IGNORECASE)


def head_scan(page: str) -> tuple[str | None, list[list[tuple[str, str]]], list[int]]:
    """What ``read_head`` read of ``page`` by these patterns: the first title's raw text (or
    ``None``), each meta tag's ``(name, value)`` attributes in order, and where each JSON-LD
    script's contents start."""
    m = _TITLE.search(page)
    metas: list[list[tuple[str, str]]] = []
    scripts: list[int] = []
    for tag in _META_OR_LD.finditer(page):
        if tag[1] is None:
            scripts.append(tag.end())
        else:
            metas.append(_ATTR.findall(tag[1]))
    return (m[1] if m else None), metas, scripts
