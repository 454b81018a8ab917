"""Is a page HTML or a plain-text dump?"""

from __future__ import annotations

import re

_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|br|table|span|a\s|meta|title|script|li|td|h[1-6])\b", re.I
)
_SNIFF_CHARS = 64 * 1024


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is markup rather than a text dump: it starts with a tag, or tags recur.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>新闻</p></body></html>")
    True
    >>> looks_like_html("沪渝携手加快推动长江经济带高质量发展\\n发布时间:2021-06-04")
    False
    >>> looks_like_html("比较 a<b 与 b>a 的大小")
    False
    """
    head = text[:_SNIFF_CHARS]
    stripped = head.lstrip("\ufeff \t\r\n")
    if (stripped.startswith("<") and _MARKUP.match(stripped)) or stripped.startswith("<!--"):
        return True
    return len(_MARKUP.findall(head, 0, _SNIFF_CHARS)) >= 3
