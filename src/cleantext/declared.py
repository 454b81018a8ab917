"""The article a page declares in its scripts, for a page whose DOM holds none: the JSON-LD
``articleBody``, or the state a JavaScript app renders the page from (``__NEXT_DATA__``,
``window.__INITIAL_STATE__``).

Only a fallback (see :mod:`cleantext.pipeline`): used when the page's blocks give no article.
A page that states no article body (a list page: titles and summaries) gives ``None``.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from .features import han_count, punct_count
from .reasons import Reason

_LD_OPEN = re.compile(r"""<script\b[^<>]{0,500}application/ld\+json[^<>]{0,500}>""", re.IGNORECASE)
_STATE_OPEN = re.compile(
    r"""<script\b[^<>]{0,500}\bid\s*=\s*["']?__NEXT_DATA__["']?[^<>]{0,500}>"""
    r"""|\bwindow\.__(?:INITIAL_STATE|INITIAL_DATA|PRELOADED_STATE)__\s*=\s*""",
)
_SCRIPTS = 20  # scripts of each kind looked at
_SCRIPT_MAX = 2_000_000  # characters of one script parsed
_NODES = 200_000  # JSON values visited in one script
#: Keys whose string value may be an app's article body (JSON-LD's is ``articleBody`` only).
_BODY_KEY = re.compile(r"(?i)^(?:article_?body|article_?content|content(?:_?html)?|body(?:_?html)?|html|text|detail)$")
#: A declared body must be an article: this many Han characters, a punctuation mark per this many.
MIN_HAN, HAN_PER_MARK = 100, 60
_TAG = re.compile(r"<[a-zA-Z/!]")
_LINE_BREAK = re.compile(r"\s*\n\s*")


class DeclaredArticle(NamedTuple):
    """An article found in a page's scripts: its paragraphs, where it came from (the reason
    code of its blocks) and the span of the script that holds it."""

    paragraphs: tuple[str, ...]
    origin: str
    start: int
    end: int


def declared_article(page: str) -> DeclaredArticle | None:
    """The article body a page's JSON-LD or app state declares, or ``None``.

    >>> body = "今天，沪渝两地在重庆签署合作协议，双方将在科技创新方面开展深度合作。" * 4
    >>> page = '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "%s"}</script>' % body
    >>> found = declared_article(page)
    >>> found.origin, len(found.paragraphs)
    ('json-ld-body', 1)
    >>> declared_article('<script id="__NEXT_DATA__">{"props": {"items": [{"title": "短标题"}]}}</script>') is None
    True
    """
    found = _from_scripts(page, _LD_OPEN, Reason.JSON_LD_BODY.value, ld=True)
    return found or _from_scripts(page, _STATE_OPEN, Reason.SCRIPT_STATE.value, ld=False)


def _from_scripts(page: str, opening: re.Pattern[str], origin: str, ld: bool) -> DeclaredArticle | None:
    best: tuple[int, tuple[str, ...], int, int] | None = None
    for seen, m in enumerate(opening.finditer(page)):
        if seen == _SCRIPTS:
            break
        data, end = _json_at(page, m.end())
        if data is None:
            continue
        for text in _body_strings(data, ld):
            paragraphs = paragraphs_of(text)
            han = sum(han_count(p) for p in paragraphs)
            marks = sum(punct_count(p) for p in paragraphs)
            if han >= MIN_HAN and marks * HAN_PER_MARK >= han and (best is None or han > best[0]):
                best = (han, paragraphs, m.start(), end)
    return DeclaredArticle(best[1], origin, best[2], best[3]) if best else None


def _json_at(page: str, start: int) -> tuple[object | None, int]:
    """The JSON value starting at ``start`` (after whitespace), and where it ends."""
    text = page[start : start + _SCRIPT_MAX]
    offset = len(text) - len(text.lstrip())
    try:
        value, end = json.JSONDecoder().raw_decode(text, offset)
    except (ValueError, RecursionError):
        return None, start
    return value, start + end


def _body_strings(data: object, ld: bool) -> list[str]:
    """String values under article-body keys, found without recursion in a bounded walk."""
    out: list[str] = []
    stack: list[object] = [data]
    visited = 0
    while stack and visited < _NODES:
        value = stack.pop()
        visited += 1
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str):
                    if (key == "articleBody") if ld else (isinstance(key, str) and _BODY_KEY.match(key)):
                        out.append(item)
                elif isinstance(item, (dict, list)):
                    stack.append(item)
        elif isinstance(value, list):
            stack.extend(item for item in value if isinstance(item, (dict, list)))
    return out


def paragraphs_of(text: str) -> tuple[str, ...]:
    """The paragraphs of a declared body: its blocks if it is HTML, else its lines.

    >>> paragraphs_of("<p>第一段。</p><p>第二段。</p>"), paragraphs_of("第一段。\\n\\n第二段。")
    (('第一段。', '第二段。'), ('第一段。', '第二段。'))
    """
    if _TAG.search(text):
        from .blocks import html_blocks

        return tuple(b.text for b in html_blocks(text).blocks)
    return tuple(" ".join(line.split()) for line in _LINE_BREAK.split(text) if line.strip())
