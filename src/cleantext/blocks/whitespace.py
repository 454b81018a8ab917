"""Whitespace normalisation shared by the splitters."""

from __future__ import annotations

import re

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_HAN = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_BROKEN_LINE = re.compile(rf"(?<=[{_HAN}])[ \t\r]*\n\s*(?=[{_HAN}])")


def collapse(text: str) -> str:
    """Runs of whitespace (including NBSP, ideographic space, ZWSP) -> one space, ends stripped.

    A line break between two Chinese characters is source formatting and vanishes.

    >>> collapse("  今天\\u3000\\u3000下雨 \\n了 ")
    '今天 下雨了'
    >>> collapse("a \\u200b\\ufeffb\\u200b")
    'a b'
    """
    if "\n" in text:
        text = _BROKEN_LINE.sub("", text)
    if "\u200b" in text or "\ufeff" in text:  # not str.isspace(), so str.split() keeps them
        return _SPACE.sub(" ", text).strip()
    return " ".join(text.split())  # the same runs: re's \s (str patterns) is str.isspace()
