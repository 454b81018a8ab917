"""The article tree (:mod:`cleantext.render.tree`) as minimal, sanitised HTML.

Only ``h2``-``h4``, ``p``, ``ul``/``ol``/``li``, ``table``/``thead``/``tbody``/``tr``/
``th``/``td`` (with ``colspan`` for merged cells), ``pre``/``code``, ``blockquote``,
``figure``/``figcaption``, ``a[href]`` and ``img[alt,src]`` are written (``h1`` only for
the title); all page text and attribute values are escaped, URLs are limited to web schemes.
"""

from __future__ import annotations

from html import escape

from .tree import Inlines, Node


def inline(parts: Inlines) -> str:
    """Inline text, escaped, links as ``<a href>``; a line break inside stays a line break."""
    out = []
    for text, href in parts:
        if href is None:
            out.append(escape(text, quote=False))
        else:
            out.append(f'<a href="{escape(href)}">{escape(text, quote=False)}</a>')
    return "".join(out).replace("\n", "<br>")


def _cell(tag: str, text: Inlines, span: int) -> str:
    attr = f' colspan="{span}"' if span > 1 else ""
    return f"<{tag}{attr}>{inline(text)}</{tag}>"


def _table(rows: list[tuple[bool, list[tuple[Inlines, int]]]]) -> str:
    out = ["<table>"]
    body = rows
    if rows[0][0]:
        out.append("<thead><tr>" + "".join(_cell("th", t, s) for t, s in rows[0][1]) + "</tr></thead>")
        body = rows[1:]
    if body:
        out.append("<tbody>")
        out.extend("<tr>" + "".join(_cell("td", t, s) for t, s in row) + "</tr>" for _, row in body)
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def node(n: Node) -> str:
    """One node as HTML."""
    kind = n[0]
    if kind == "p":
        return f"<p>{inline(n[1])}</p>"
    if kind == "caption":
        return f"<figcaption>{inline(n[1])}</figcaption>"
    if kind == "h":
        return f"<h{n[1]}>{inline(n[2])}</h{n[1]}>"
    if kind in ("ul", "ol"):
        items = "\n".join(f"<li>{_item(item)}</li>" for item in n[1])
        return f"<{kind}>\n{items}\n</{kind}>"
    if kind == "table":
        return _table(n[1])
    if kind == "pre":
        return f"<pre><code>{escape(n[1], quote=False)}</code></pre>"
    if kind == "quote":
        return f"<blockquote>\n{nodes(n[1])}\n</blockquote>"
    if kind == "figure":
        return f"<figure>\n{nodes(n[1])}\n</figure>"
    if kind == "img":
        return f'<img alt="{escape(n[1])}" src="{escape(n[2])}">'
    return nodes(n[1]) if kind == "li" else ""


def _item(children: list[Node]) -> str:
    """A list item: a lone paragraph as bare text, anything else as its elements."""
    if len(children) == 1 and children[0][0] == "p":
        return inline(children[0][1])
    if children and children[0][0] == "p" and all(c[0] in ("ul", "ol") for c in children[1:]):
        return inline(children[0][1]) + "\n" + nodes(children[1:])
    return nodes(children)


def nodes(tree: list[Node]) -> str:
    """Nodes as HTML, one line break between them."""
    return "\n".join(text for text in map(node, tree) if text)
