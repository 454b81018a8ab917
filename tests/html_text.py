"""The text of an HTML fragment (the render tests read Markdown and HTML output through it)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str, sep: str = "") -> str:
    """The character data of ``html``, entities decoded, its pieces joined by ``sep``.

    >>> text_of("<p>a &amp; <b>b</b></p><p>c</p>", sep="|")
    'a & |b|c'
    """
    parser = _Text()
    parser.feed(html)
    parser.close()
    return sep.join(parser.parts)
