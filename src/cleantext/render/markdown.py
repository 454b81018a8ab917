"""The article tree (:mod:`cleantext.render.tree`) as CommonMark with GFM tables.

Every piece of page text is escaped: ASCII punctuation that could start Markdown or HTML
structure gets a backslash, so a page cannot make a heading, link, emphasis, table cell or
raw HTML of its own. Code keeps its text as is, inside a fence longer than any run of
backticks in it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .tree import Inlines, Node

#: What :func:`escape` puts a backslash before: ASCII punctuation that could start structure.
_ESCAPED = "\\`*_[]<>|#~&!{}$"
_ESCAPE_TABLE = str.maketrans({c: "\\" + c for c in _ESCAPED})
_SPECIAL = re.compile(f"[{re.escape(_ESCAPED)}]")
#: What would start a list, quote, setext underline or thematic break at the start of a line.
_LINE_START = re.compile(r"^(>|[-+=](?=[ \t]|$|[-= \t]*$)|\d{1,9}(?=[.)](?:[ \t]|$)))", re.M)
#: The characters ``_LINE_START``'s matches begin with, but for digits (``\d``: any decimal digit).
_STARTERS = frozenset(">-+=")
_BACKTICKS = re.compile(r"`+")


def escape(text: str) -> str:
    """Page text made literal Markdown.

    >>> escape("*重要* 的 [链接](javascript:x) | <b>")
    '\\\\*重要\\\\* 的 \\\\[链接\\\\](javascript:x) \\\\| \\\\<b\\\\>'
    >>> escape("1. 第一"), escape("120.5亿元"), escape("- 项"), escape("---"), escape("-5度")
    ('1\\\\. 第一', '120.5亿元', '\\\\- 项', '\\\\---', '-5度')
    """
    if _SPECIAL.search(text) is not None:  # (most page text holds none; translate reads every character)
        text = text.translate(_ESCAPE_TABLE)
    return _line_starts(text)


def _line_starts(text: str) -> str:
    """``text`` with what would start a list, quote, setext underline or thematic break at the
    start of a line escaped (``_LINE_START``); looked for only where a line starts with one of
    the characters that begin them (most texts are one line that starts with none).

    >>> _line_starts("+ 项\\n１. 第一"), _line_starts("第1. 条")
    ('\\\\+ 项\\n１\\\\. 第一', '第1. 条')
    """
    first = text[:1]
    if first in _STARTERS or first.isdecimal() or "\n" in text:
        return _LINE_START.sub(_line_start, text)
    return text


def _line_start(m: re.Match[str]) -> str:
    s = m.group(1)
    return s + "\\" if s[0].isdigit() else "\\" + s


def _url(url: str) -> str:
    """A URL as a link destination: characters Markdown reads percent-encoded."""
    return quote(url, safe="/:?#@!$&'*+,;=%~-._")


def inline(parts: Inlines) -> str:
    """Inline text: escaped, links as ``[text](url)``."""
    if len(parts) == 1 and parts[0][1] is None:  # (most paragraphs: the escape is the whole of it)
        return escape(parts[0][0])
    out = []
    for text, href in parts:
        if href is None:
            out.append(escape(text))
        else:
            out.append(f"[{escape(text)}]({_url(href)})")
    return _line_starts("".join(out))


def _indented(text: str, first: str, rest: str) -> str:
    if "\n" not in text:
        return first + text
    lines = text.split("\n")
    return "\n".join([first + lines[0], *[(rest + line if line else line) for line in lines[1:]]])


def _table(rows: list[tuple[bool, list[tuple[Inlines, int]]]]) -> str:
    def cells(row: list[tuple[Inlines, int]]) -> list[str]:
        out = []
        for text, span in row:
            out.append(inline(text).replace("\n", " "))
            out.extend([""] * (span - 1))
        return out

    width = sum(span for _, span in rows[0][1])
    lines = []
    body = rows
    if rows[0][0]:
        head, body = cells(rows[0][1]), rows[1:]
    else:
        head = [""] * width
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join([" --- "] * width) + "|")
    lines.extend("| " + " | ".join(cells(row)) + " |" for _, row in body)
    return "\n".join(lines)


def _fence(code: str) -> str:
    longest = max((len(m) for m in _BACKTICKS.findall(code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{code}\n{fence}"


def node(n: Node) -> str:
    """One node as Markdown (no trailing line break)."""
    kind = n[0]
    if kind == "p" or kind == "caption":
        return inline(n[1])
    if kind == "h":
        return "#" * n[1] + " " + inline(n[2]).replace("\n", " ")
    if kind in ("ul", "ol"):
        items = []
        for k, item in enumerate(n[1], 1):
            marker = "- " if kind == "ul" else f"{k}. "
            items.append(_indented(_item(item), marker, " " * len(marker)))
        return "\n".join(items)
    if kind == "table":
        return _table(n[1])
    if kind == "pre":
        return _fence(n[1])
    if kind == "quote":
        return "\n".join(">" + (" " + line if line else "") for line in nodes(n[1]).split("\n"))
    if kind == "figure":
        return nodes(n[1])
    if kind == "img":
        return f"![{escape(n[1])}]({_url(n[2])})"
    return nodes(n[1]) if kind == "li" else ""


def _item(children: list[Node]) -> str:
    """A list item's content: a nested list follows its line directly, other nodes after a blank line."""
    if len(children) == 1:
        return node(children[0])
    out = ""
    for k, child in enumerate(children):
        text = node(child)
        if k:
            out += "\n" if child[0] in ("ul", "ol") else "\n\n"
        out += text
    return out


def nodes(tree: list[Node]) -> str:
    """Nodes as Markdown blocks, a blank line between them."""
    return "\n\n".join(text for text in map(node, tree) if text)
