"""The article as Markdown or minimal HTML, from the kept blocks and the page's layout.

``Document.markdown`` and ``Document.html`` call :func:`as_markdown` and :func:`as_html` on first
access: a caller who only reads ``text`` pays nothing for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..document import Document
    from .tree import Node


class Rendering(NamedTuple):
    """What the Markdown/HTML views show beyond the kept blocks (from :class:`~cleantext.Options`).

    Attributes:
        links: ``[text](url)`` / ``<a href>`` for links, resolved against the page's ``url``.
        images: images (``![alt](src)`` / ``<img>``) where the article has them.
        title: a title line to put on top (``#`` / ``<h1>``), or ``None``.
    """

    links: bool = False
    images: bool = False
    title: str | None = None


def _tree(doc: Document) -> list[Node]:
    from ..blocks.layout import Layout
    from .tree import build

    if not doc.text:
        return []
    texts, kept = doc._kept_texts()  # without building every Block
    return build(
        texts,
        kept,
        doc.layout or Layout(),
        base=doc.url,
        links=doc.rendering.links,
        images=doc.rendering.images,
    )


def as_markdown(doc: Document) -> str:
    """The article of ``doc`` as Markdown (``""`` when it has none)."""
    from . import markdown as md

    body = md.nodes(_tree(doc))
    title = doc.rendering.title
    if body and title:
        return f"# {md.inline([(title, None)])}\n\n{body}"
    return body


def as_html(doc: Document) -> str:
    """The article of ``doc`` as minimal, sanitised HTML (``""`` when it has none)."""
    from html import escape

    from . import html as h

    body = h.nodes(_tree(doc))
    title = doc.rendering.title
    if body and title:
        return f"<h1>{escape(title, quote=False)}</h1>\n{body}"
    return body
