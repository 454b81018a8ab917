"""Stage 6: the result, a frozen record of every block and the decision on it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from .features import Features


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the page with its verdict.

    Attributes:
        index: position among the page's blocks.
        text: the block's text (whitespace collapsed; list items keep their lines).
        kind: ``heading``, ``paragraph``, ``list-item``, ``table-cell``, ``preformatted``,
            ``quote`` or ``line`` (text dumps); ``declared`` for a paragraph of the article an
            HTML page declares in a script when its blocks give none (reason ``json-ld-body``
            or ``script-state``; ``start``/``end`` span that script).
        start, end: character offsets into the decoded page (``Document.source``).
        score: article-ness before context (positive reads as prose).
        kept: whether the block is part of ``Document.text``.
        reasons: stable short codes saying why (see :class:`cleantext.reasons.Reason`).
        features: the measurements behind the score.
        path: the enclosing tag path (HTML).
    """

    index: int
    text: str
    kind: str
    start: int
    end: int
    score: float
    kept: bool
    reasons: tuple[str, ...]
    features: Features
    path: str = ""


@dataclass(frozen=True)
class Document:
    """What ``cleantext.extract`` found in a page.

    ``text`` holds the article body, one paragraph per line, without the title;
    ``""`` when the page has no article. ``blocks`` holds every block of the
    page, kept or not, with the reasons.

    Metadata, each ``None`` when the page does not state it (:mod:`cleantext.metadata`):
    ``title`` (the headline; for HTML else ``og:title``, JSON-LD ``headline`` or ``<title>``
    without the site name), ``published`` (a timezone-aware ``datetime``; a page without a
    zone is read as China time, UTC+8; see :mod:`cleantext.dates` for dates without a year
    and relative times), ``source`` (来源), ``author`` (作者/记者/文), ``editor`` (责任编辑/编辑),
    ``url`` (as given). ``origins`` says where each came from (``"line"``: a metadata line
    of the page, dropped from ``text`` with reason ``metadata``; ``"heading"``; a meta name
    such as ``"article:published_time"``; ``"json-ld"``; ``"<title>"``).

    >>> import cleantext
    >>> page = "沪渝携手推动发展\\n\\n今天，沪渝两地在重庆签署合作协议，携手推动发展。\\n\\n责任编辑:张三\\n"
    >>> doc = cleantext.extract(page)
    >>> doc.text
    '今天，沪渝两地在重庆签署合作协议，携手推动发展。'
    >>> [b.reasons for b in doc.blocks]
    [('title',), ('main-region',), ('editor-line', 'metadata')]
    """

    text: str
    title: str | None
    blocks: tuple[Block, ...]
    encoding: str
    encoding_source: str
    decode_errors: int
    format: str
    url: str | None = None
    published: datetime | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    decoded_chars: int = 0
    origins: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body paragraphs, in page order (``text`` split into lines)."""
        return tuple(self.text.split("\n")) if self.text else ()

    @property
    def kept(self) -> tuple[Block, ...]:
        """The blocks that make up ``text``."""
        return tuple(b for b in self.blocks if b.kept)

    @property
    def dropped(self) -> tuple[Block, ...]:
        """The blocks left out of ``text``."""
        return tuple(b for b in self.blocks if not b.kept)

    def explain(self, width: int = 40) -> str:
        """A readable table: one row per block with kept/dropped, score, reasons and a text excerpt."""
        rows = [
            f"{self.format} page, {len(self.blocks)} blocks, {len(self.kept)} kept; "
            f"encoding {self.encoding} ({self.encoding_source}), {self.decode_errors} decode errors",
            f"title: {self.title!r}",
            f"published: {self.published.isoformat() if self.published else None}, source: {self.source!r}, "
            f"author: {self.author!r}, editor: {self.editor!r}",
            f"{'#':>4}  {'verdict':7}  {'score':>6}  {'reasons':24}  text",
        ]
        for b in self.blocks:
            excerpt = b.text.replace("\n", " ⏎ ")
            if len(excerpt) > width:
                excerpt = excerpt[: width - 1] + "…"
            verdict = "KEEP" if b.kept else "drop"
            rows.append(f"{b.index:>4}  {verdict:7}  {b.score:>6.2f}  {','.join(b.reasons):24}  {excerpt}")
        return "\n".join(rows)

    def to_dict(self, blocks: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; with ``blocks=True`` every block and its features too."""
        out: dict[str, Any] = {
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "author": self.author,
            "editor": self.editor,
            "encoding": self.encoding,
            "encoding_source": self.encoding_source,
            "decode_errors": self.decode_errors,
            "format": self.format,
            "kept_blocks": sum(1 for b in self.blocks if b.kept),
            "dropped_blocks": sum(1 for b in self.blocks if not b.kept),
        }
        if blocks:
            out["blocks"] = [asdict(b) for b in self.blocks]
        return out

    def to_html(self, name: str | None = None) -> str:
        """The explain report: one self-contained HTML page showing every block, kept or dropped,
        with its score, reasons and features (see :func:`cleantext.report.to_html`)."""
        from .report import to_html

        return to_html(self, name=name)
