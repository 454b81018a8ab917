"""Invariants every extraction must satisfy, shared by the property tests and the fuzz target.

``check(page, doc)`` raises ``AssertionError`` with a description when ``doc`` (the result of
``cleantext.extract(page, ...)``) breaks one:

* ``doc.decoded_chars`` is the length of the page as decoded (``cleantext.decode.decode``);
* blocks are numbered in order, ``0 <= start <= end <= decoded_chars``, starts non-decreasing,
  every block has at least one reason;
* ``doc.text`` is the kept blocks' texts joined by newlines;
* text dumps: each block's text is its source span ``decoded[start:end]`` modulo whitespace;
* HTML: the blocks' texts, whitespace removed, are in order a subsequence of the page's
  text content as lexbor parses it (nothing is invented, nothing reordered).

>>> import cleantext
>>> page = "标题\\n今天，我们在重庆签署了合作协议。\\n"
>>> check(page, cleantext.extract(page, use_jieba=False))
"""

from __future__ import annotations

import json
import re
from typing import Any

from cleantext.decode import decode

#: What ``collapse`` treats as whitespace, removed before comparing texts.
_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def squeeze(text: str) -> str:
    """``text`` without any whitespace.

    >>> squeeze(" 今天\\u3000下雨\\n了 ")
    '今天下雨了'
    """
    return _SPACE.sub("", text)


def is_subsequence(needle: str, haystack: str, start: int = 0) -> int:
    """The position in ``haystack`` after matching ``needle`` as a subsequence from ``start``, or -1.

    >>> is_subsequence("ace", "abcde"), is_subsequence("ea", "abcde")
    (5, -1)
    """
    pos = start
    for ch in needle:
        pos = haystack.find(ch, pos)
        if pos < 0:
            return -1
        pos += 1
    return pos


def lexbor_text(html: str) -> str:
    """All text of the page as lexbor parses it, in document order."""
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(html).root
    return root.text(deep=True, separator="") if root is not None else ""


def fingerprint(doc: Any) -> str:
    """A canonical JSON rendering of everything a result says, to compare runs."""
    return json.dumps(doc.to_dict(blocks=True), ensure_ascii=False, sort_keys=True, default=repr)


def quick_fingerprint(doc: Any) -> tuple[Any, ...]:
    """The result's text, title, metadata and every block's verdict, cheaply (for fuzzing)."""
    return (
        doc.text,
        doc.title,
        doc.encoding,
        doc.decode_errors,
        doc.format,
        doc.published,
        doc.source,
        doc.author,
        tuple((b.text, b.start, b.end, b.score, b.kept, b.reasons, b.features) for b in doc.blocks),
    )


def check(
    page: bytes | str,
    doc: Any,
    *,
    encoding: str | None = None,
    content_type: str | None = None,
    html_reference: bool = True,
) -> None:
    """Assert the invariants of ``doc = extract(page, ...)`` (default text options).

    ``html_reference=False`` skips the comparison with lexbor's text of the page (which
    re-parses it: quadratic for the hostile nesting cleantext itself caps)."""
    decoded = decode(page, encoding=encoding, content_type=content_type)
    source = decoded.text
    n = len(source)
    assert doc.decoded_chars == n, f"decoded_chars {doc.decoded_chars} != {n}"
    assert doc.decode_errors == decoded.errors, (doc.decode_errors, decoded.errors)
    assert doc.encoding == decoded.encoding
    assert doc.format in ("html", "text")
    prev = 0
    for i, b in enumerate(doc.blocks):
        assert b.index == i, f"block {i} has index {b.index}"
        assert 0 <= b.start <= b.end <= n, f"block {i} span {b.start}..{b.end} outside 0..{n}"
        assert b.start >= prev, f"block {i} starts at {b.start} before block {i - 1} ({prev})"
        prev = b.start
        assert b.reasons, f"block {i} has no reason"
        assert b.text == b.text.strip() and b.text, f"block {i} text {b.text!r} is empty or padded"
        if doc.format == "text":
            span = source[b.start : b.end]
            assert squeeze(span) == squeeze(b.text), f"block {i} text {b.text[:60]!r} != its span {span[:60]!r}"
    kept = [b.text for b in doc.blocks if b.kept]
    assert doc.text == "\n".join(kept), "text is not the kept blocks joined"
    if doc.format == "html" and doc.blocks and html_reference:
        reference = squeeze(lexbor_text(source))
        pos = 0
        for b in doc.blocks:
            pos = is_subsequence(squeeze(b.text), reference, pos)
            assert pos >= 0, f"block {b.index} {b.text[:60]!r} is not in the page text (in order)"
