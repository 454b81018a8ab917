"""Stage 6: the result, a frozen record of every block and the decision on it."""

from __future__ import annotations

import copyreg
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple

from .blocks.layout import Layout
from .features import Features
from .render import Rendering

#: The content fields ``Document.to_dict`` (and ``cleantext --fields``) can give.
CONTENT_FIELDS = ("text", "markdown", "html", "comments", "blocks")


class Comment(NamedTuple):
    """One comment under an article (:mod:`cleantext.comments` finds them): its text, and its
    author and time as the page writes them (or ``None``)."""

    text: str
    author: str | None = None
    time: str | None = None


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


class BlockTable:
    """Every block of a page as columns, which a :class:`Document` holds instead of its
    :class:`Block` objects until ``blocks`` is first read (see :mod:`cleantext.columns`)."""

    __slots__ = ()

    def __len__(self) -> int:
        raise NotImplementedError

    def kept_count(self) -> int:
        """How many blocks are kept."""
        raise NotImplementedError

    def texts_kept(self) -> tuple[list[str], list[bool]]:
        """Each block's text and whether it is kept, in page order."""
        raise NotImplementedError

    def kept_texts(self) -> tuple[list[str], list[bool]]:
        """:meth:`texts_kept`, where only the kept blocks' texts need be there (another's may be
        ``""``): what the Markdown and HTML views read, which need make no ``str`` of the rest."""
        return self.texts_kept()

    def build(self) -> tuple[Block, ...]:
        """The :class:`Block` objects, in page order."""
        raise NotImplementedError

    def packed(self) -> BlockTable:
        """The same blocks in the compact form that pickles (itself if it is that form)."""
        raise NotImplementedError

    def carries_text(self) -> bool:
        """Whether these blocks carry the Document's text (:meth:`body`)."""
        return False

    def body(self) -> str | None:
        """The Document's text, if these blocks carry it (the kept blocks' texts joined with
        line breaks, which then pickle once), else ``None``."""
        return None


class Later:
    """A field value a :class:`Document` computes on first read: ``fn(*args)``."""

    __slots__ = ("args", "fn")

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self.fn, self.args = fn, args

    def __call__(self) -> Any:
        return self.fn(*self.args)

    def __reduce__(self) -> tuple[Any, ...]:
        if type(self) is Later:  # (as its function and arguments: the default form of a class with
            return (Later, (self.fn, *self.args))  # slots pickles a dict of them, set one by one)
        newobj = copyreg.__newobj__  # type: ignore[attr-defined]  # (what pickle writes as NEWOBJ)
        return (newobj, (type(self),), (None, {"args": self.args, "fn": self.fn}))  # (a subclass, as by default)

    def packed(self, table: BlockTable | None) -> Any:
        """What a Document pickles in its place, to give the same value on first read (``table``:
        the Document's blocks as they pickle): itself (its function and arguments pickle)."""
        return self


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
    ``url`` (as given). ``comments`` holds, with ``include_comments=True``, the comments under
    a news or blog article (:class:`~cleantext.document.Comment`: text, author, time), never
    part of ``text``. ``origins`` says where each came from (``"line"``: a metadata line
    of the page, dropped from ``text`` with reason ``metadata``; ``"heading"``; a meta name
    such as ``"article:published_time"``; ``"json-ld"``; ``"<title>"``).

    A Document made by :func:`cleantext.extract` holds its blocks as columns and builds the
    :class:`Block` objects on first read of ``blocks`` (``kept``, ``explain``, ``to_dict`` with
    the blocks, the report), and a text dump's layout on first read of ``markdown`` or ``html``:
    a caller who reads only ``text`` and the metadata pays for neither. It pickles as its text,
    fields and those columns (:mod:`cleantext.columns`), and the unpickled Document is as lazy.
    Either way it is frozen, and equal to itself rebuilt.

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
    comments: tuple[Comment, ...] = ()
    layout: Layout | None = field(default=None, repr=False, compare=False)
    rendering: Rendering = field(default=Rendering(), repr=False, compare=False)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles as its fields, its layout and its blocks as columns (:mod:`cleantext.columns`):
        a fraction of the size and unpickling time of the Block and Features objects, which
        the unpickled Document builds again only when its ``blocks`` are read."""
        from .packing import pack_layout

        plain = tuple(map(self.__getattribute__, _PLAIN_FIELDS))  # (in their order: no names)
        state = self.__dict__
        table: BlockTable | None = state.get("_table")
        blocks = table.packed() if table is not None else self.blocks
        if isinstance(blocks, BlockTable) and blocks.carries_text():  # (sent once, as the core's UTF-8)
            plain = (None, *plain[1:])
        if "_layout" in state:
            layout = state["_layout"]
            later = pack_layout(layout) if type(layout) is Layout else layout
        else:  # not computed yet: as its Later says
            later = state["_later_layout"].packed(blocks if isinstance(blocks, BlockTable) else None)
        return (_rebuild, (plain, blocks, later))

    def _block_counts(self) -> tuple[int, int]:
        """Kept blocks and all blocks, without building the Block objects."""
        table: BlockTable | None = self.__dict__.get("_table")
        if table is not None:
            return table.kept_count(), len(table)
        return sum(1 for b in self.blocks if b.kept), len(self.blocks)

    def _kept_texts(self) -> tuple[list[str], list[bool]]:
        """Each block's kept flag and, where it is kept, its text (another block's may be ``""``:
        see :meth:`BlockTable.kept_texts`), without building the Block objects."""
        table: BlockTable | None = self.__dict__.get("_table")
        if table is not None:
            return table.kept_texts()
        return [b.text for b in self.blocks], [b.kept for b in self.blocks]

    @cached_property
    def markdown(self) -> str:
        """The article as Markdown: ``##`` headings, ``-``/``1.`` lists (nested), GFM tables,
        fenced code, ``>`` quotes, links and images when the options ask for them; all page
        text escaped. ``""`` when ``text`` is. Built on first access.

        >>> import cleantext
        >>> page = "<article><h2>小标题</h2><p>今天，沪渝两地在重庆签署合作协议，携手推动发展。</p></article>"
        >>> print(cleantext.extract(page, input_format="html", use_jieba=False).markdown)
        ## 小标题
        <BLANKLINE>
        今天，沪渝两地在重庆签署合作协议，携手推动发展。
        """
        from .render import as_markdown

        return as_markdown(self)

    @cached_property
    def html(self) -> str:
        """The article as minimal, sanitised HTML (see :mod:`cleantext.render.html`); ``""``
        when ``text`` is. Built on first access."""
        from .render import as_html

        return as_html(self)

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
        """A readable table: one row per block with kept/dropped, score, reasons and a text excerpt
        (bidirectional controls written out as ``<U+202E>``, so no row displays reversed)."""
        from .report import show_bidi

        rows = [
            f"{self.format} page, {len(self.blocks)} blocks, {len(self.kept)} kept; "
            f"encoding {self.encoding} ({self.encoding_source}), {self.decode_errors} decode errors",
            f"title: {self.title!r}",
            f"published: {self.published.isoformat() if self.published else None}, source: {self.source!r}, "
            f"author: {self.author!r}, editor: {self.editor!r}",
            f"{'#':>4}  {'verdict':7}  {'score':>6}  {'reasons':24}  text",
        ]
        for b in self.blocks:
            excerpt = show_bidi(b.text.replace("\n", " ⏎ "))
            if len(excerpt) > width:
                excerpt = excerpt[: width - 1] + "…"
            verdict = "KEEP" if b.kept else "drop"
            rows.append(f"{b.index:>4}  {verdict:7}  {b.score:>6.2f}  {','.join(b.reasons):24}  {excerpt}")
        return "\n".join(rows)

    def to_dict(self, blocks: bool = False, *, fields: Iterable[str] = ("text",)) -> dict[str, Any]:
        """A JSON-ready dict (the row of ``cleantext --out jsonl``), in this order:

        * ``url``, ``title``: as given / found (``null`` when absent);
        * the content ``fields`` asked for, each only when asked: ``text`` (the article body,
          one paragraph per line), ``markdown`` (:attr:`markdown`), ``html`` (:attr:`html`),
          ``comments`` (a list of ``{"text", "author", "time"}``, see ``include_comments``);
        * ``published`` (ISO 8601 with zone), ``source``, ``author``, ``editor``: metadata,
          ``null`` when the page does not state it;
        * ``encoding``, ``encoding_source``, ``decode_errors``: how the page was decoded;
        * ``format``: ``"html"`` or ``"text"``, what the page was read as;
        * ``kept_blocks``, ``dropped_blocks``: counts;
        * ``blocks`` when asked for (or ``blocks=True``): every block, ``index``, ``text``,
          ``kind``, ``start``, ``end``, ``score``, ``kept``, ``reasons``, ``features``, ``path``.

        ``fields`` is any of ``text``, ``markdown``, ``html``, ``comments``, ``blocks``
        (``ValueError`` for another).

        >>> import cleantext
        >>> doc = cleantext.extract("<p>今天，沪渝两地在重庆签署合作协议，携手推动发展。</p>", use_jieba=False)
        >>> list(doc.to_dict(fields=("text", "markdown")))[:4]
        ['url', 'title', 'text', 'markdown']
        """
        wanted = set(fields)
        unknown = wanted - set(CONTENT_FIELDS)
        if unknown:
            raise ValueError(f"fields must be among {CONTENT_FIELDS}, not {sorted(unknown)}")
        if blocks:
            wanted.add("blocks")
        kept, total = self._block_counts()
        out: dict[str, Any] = {"url": self.url, "title": self.title}
        if "text" in wanted:
            out["text"] = self.text
        if "markdown" in wanted:
            out["markdown"] = self.markdown
        if "html" in wanted:
            out["html"] = self.html
        if "comments" in wanted:
            out["comments"] = [c._asdict() for c in self.comments]
        out |= {
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "author": self.author,
            "editor": self.editor,
            "encoding": self.encoding,
            "encoding_source": self.encoding_source,
            "decode_errors": self.decode_errors,
            "format": self.format,
            "kept_blocks": kept,
            "dropped_blocks": total - kept,
        }
        if "blocks" in wanted:
            out["blocks"] = [asdict(b) for b in self.blocks]
        return out

    def to_html(self, name: str | None = None) -> str:
        """The explain report: one self-contained HTML page showing every block, kept or dropped,
        with its score, reasons and features (see :func:`cleantext.report.to_html`)."""
        from .report import to_html

        return to_html(self, name=name)


class _Blocks:
    """``Document.blocks``: a tuple of :class:`Block`, or a :class:`BlockTable` whose blocks are
    built on first read (and kept: later reads give the same tuple)."""

    def __get__(self, doc: Document | None, owner: type | None = None) -> tuple[Block, ...]:
        if doc is None:
            raise AttributeError("blocks")  # no default: the field stays required
        state = doc.__dict__
        try:
            return state["_blocks"]  # type: ignore[no-any-return]
        except KeyError:
            return state.setdefault("_blocks", state["_table"].build())  # type: ignore[no-any-return]

    def __set__(self, doc: Document, value: Any) -> None:
        key = "_table" if isinstance(value, BlockTable) else "_blocks"
        doc.__dict__[key] = value


class _Layout:
    """``Document.layout``: a :class:`Layout` (or ``None``), or a :class:`Later` that computes it
    on first read (a text dump's layout is only needed for ``markdown`` and ``html``)."""

    def __get__(self, doc: Document | None, owner: type | None = None) -> Layout | None:
        if doc is None:
            return None  # the field's default
        state = doc.__dict__
        try:
            return state["_layout"]  # type: ignore[no-any-return]
        except KeyError:
            return state.setdefault("_layout", state["_later_layout"]())  # type: ignore[no-any-return]

    def __set__(self, doc: Document, value: Any) -> None:
        key = "_later_layout" if isinstance(value, Later) else "_layout"
        doc.__dict__[key] = value


# Installed after the dataclass is made, so that its __init__, repr, eq and fields() are those of
# plain fields: __init__ stores through them, reads go through them.
setattr(Document, "blocks", _Blocks())  # noqa: B010
setattr(Document, "layout", _Layout())  # noqa: B010

#: The fields a pickled Document carries as they are (``blocks`` and ``layout`` travel apart).
_PLAIN_FIELDS = tuple(f.name for f in fields(Document) if f.name not in ("blocks", "layout"))


def assembled(
    *,
    text: str,
    title: str | None,
    blocks: tuple[Block, ...] | BlockTable,
    encoding: str,
    encoding_source: str,
    decode_errors: int,
    format: str,
    url: str | None,
    published: datetime | None,
    source: str | None,
    author: str | None,
    editor: str | None,
    decoded_chars: int,
    origins: dict[str, str],
    comments: tuple[Comment, ...],
    layout: Layout | Later | None,
    rendering: Rendering,
) -> Document:
    """``Document(...)`` of every field (what the pipeline makes once a page), built without the
    frozen dataclass's ``__init__``, which sets each of the 17 fields through
    ``object.__setattr__`` (10 µs, a third of that on a small page): the same instance dict,
    in the same order, ``blocks`` and ``layout`` stored under the names their descriptors use.

    >>> from cleantext.render import Rendering
    >>> values = dict(text="正文。", title="标题", blocks=(), encoding="utf-8", encoding_source="utf-8",
    ...               decode_errors=0, format="text", url=None, published=None, source="新华社", author=None,
    ...               editor="王某", decoded_chars=12, origins={"source": "line"}, comments=(), layout=None,
    ...               rendering=Rendering())
    >>> doc = assembled(**values)
    >>> doc == Document(**values), list(vars(doc)) == list(vars(Document(**values)))
    (True, True)
    """
    doc = _new(Document)
    doc.__dict__.update(
        {
            "text": text,
            "title": title,
            "_table" if isinstance(blocks, BlockTable) else "_blocks": blocks,
            "encoding": encoding,
            "encoding_source": encoding_source,
            "decode_errors": decode_errors,
            "format": format,
            "url": url,
            "published": published,
            "source": source,
            "author": author,
            "editor": editor,
            "decoded_chars": decoded_chars,
            "origins": origins,
            "comments": comments,
            "_later_layout" if isinstance(layout, Later) else "_layout": layout,
            "rendering": rendering,
        }
    )
    return doc


_new = object.__new__


def _rebuild(plain: tuple[Any, ...], blocks: tuple[Block, ...] | BlockTable, layout: Layout | Later | None) -> Document:
    """A pickled Document again (see ``Document.__reduce__``; ``plain``: the values of
    :data:`_PLAIN_FIELDS`; its text ``None`` when the blocks carry it), built as :func:`assembled`
    builds it (each process that receives Documents from workers unpickles one a page)."""
    if plain[0] is None and isinstance(blocks, BlockTable):
        plain = (blocks.body(), *plain[1:])
    return assembled(blocks=blocks, layout=layout, **dict(zip(_PLAIN_FIELDS, plain)))
