"""The whole algorithm, top to bottom: decode → blocks → features → score → select → Document."""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from importlib.resources import files
from threading import Lock
from typing import TYPE_CHECKING, Any

from . import metadata, resources
from .blocks import Container, RawBlock, text_block_table
from .blocks.html import containers_of, html_block_rows, merged_blocks
from .blocks.layout import LayoutRecorder
from .blocks.model import ContainerRow, joined_texts, text_getter, texts_of
from .blocks.text import merged_lines
from .checks import count, hints, page_value
from .columns import DumpLayout, LiveBlocks, RecordedLayout
from .decode import decode
from .document import Block, Comment, Document, Later, assembled
from .errors import InputTooLarge
from .favor import favored
from .features import (
    FeatureColumns,
    close_calls,
    from_columns,
    measure,
    measure_simplified,
    resegment,
)
from .generic import bmp_letters, is_han_page, letter_fallback
from .headmeta import read_head
from .options import Options
from .reasons import Reason
from .render import Rendering
from .score import score, score_columns
from .select import Selection, drop_all, select_columns
from .sniff import is_declared_markup, looks_binary, looks_like_html_head

if TYPE_CHECKING:
    from .parallel import KeptWorkers

#: Scores this close to the keep threshold are re-measured with jieba.
CLOSE_CALL = 1.0
#: The built-in pages ``Cleaner.warm_up`` cleans are smaller than this; and when they are said to be fetched.
_WARM_UP_BYTES = 8192
_WARM_UP_NOW = datetime(2026, 12, 2, 8, 0)
#: The options this process has cleaned the built-in pages with (``Cleaner.warm_up``).
_WARM: set[Options] = set()
#: The ``use_jieba`` settings this process has loaded its heavy state for, on its first page
#: (``Cleaner.extract``): a page later in a stream never pays for a load.
_LOADED: set[bool] = set()
#: Guards the making of a Cleaner's :class:`~cleantext.parallel.KeptWorkers`.
_KEPT_LOCK = Lock()


class Cleaner:
    """A reusable extractor: holds its :class:`Options` (all it pickles as) and is safe to share
    between threads, which run the native core's long steps in parallel (they release the GIL;
    README, "Threads"). The heavy state (jieba's dictionary, the word lists and tables) loads once
    per process, with the first page it cleans (see :meth:`warm_up`).

    ``extract_many(pages, jobs>1)`` keeps its worker processes, idle, for the next such call
    (with the same ``jobs``), which then starts no new ones; :meth:`close` ends them, as does
    the end of the Cleaner (garbage collection, ``with Cleaner() as cleaner:``, the end of the
    process).

    Results depend only on the page, the arguments and the options: the same in every
    thread, process (fork or spawn) and ``PYTHONHASHSEED``. ``extract`` follows the contract
    of :func:`cleantext.extract`.

    >>> cleaner = Cleaner(input_format="text", use_jieba=False)
    >>> cleaner.clean("今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。\\n分享到:微信 微博\\n")
    '今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。'
    """

    def __init__(self, options: Options | None = None, **changes: Any) -> None:
        if options is not None and not isinstance(options, Options):
            hint = " (for a dict of settings: Cleaner(**settings))" if isinstance(options, dict) else ""
            raise TypeError(f"options must be an Options or None, not {type(options).__name__}{hint}")
        self.options = (options or Options()).updated(**changes)
        self._kept: KeptWorkers | None = None  # extract_many's idle workers (made on first use)
        self._formats: dict[str, Options] = {}  # the options with each input_format a call named

    def __repr__(self) -> str:
        return f"Cleaner({self.options!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cleaner) and other.options == self.options

    def __hash__(self) -> int:
        return hash(self.options)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Cleaner, (self.options,))

    def warm_up(self) -> Cleaner:
        """Load the heavy state now: jieba's dictionary (~0.06-0.1 s; not with ``use_jieba=False``),
        then the word lists, the traditional-character table, the letters and the patterns pages
        need (~0.04 s), by cleaning two small built-in pages in GBK (``data/warm_up.html``,
        ``data/warm_up.txt``) with these options. The first page a process cleans calls it (once
        for each ``use_jieba`` setting), so no later page stalls on a load; call it to pay before
        the first page instead (a worker before its first task). A process forked after it
        (``extract_many``'s workers on Linux) starts warm.

        >>> Cleaner(use_jieba=False).warm_up().clean("今天，我们在重庆签署了合作协议。双方将在科技创新方面深度合作。")
        '今天，我们在重庆签署了合作协议。双方将在科技创新方面深度合作。'
        """
        if self.options.use_jieba:
            resources.load()
        bmp_letters()  # (the letters of pages with little Han text: ~0.01 s, once a process)
        _LOADED.add(self.options.use_jieba)  # (the pages cleaned below, and later ones, do not call it again)
        if self.options in _WARM:  # (a forked worker inherits its parent's)
            return self
        warm = self if self.options.max_bytes >= _WARM_UP_BYTES else Cleaner(self.options, max_bytes=_WARM_UP_BYTES)
        for name, kind in (("warm_up.html", "html"), ("warm_up.txt", "text")):
            page = files(__package__).joinpath("data").joinpath(name).read_text("utf-8")
            warm.extract(page.encode("gb18030"), input_format=kind, now=_WARM_UP_NOW)  # decoding's tables too
        _WARM.add(self.options)
        return self

    def extract(
        self,
        page: bytes | bytearray | memoryview | str,
        *,
        encoding: str | None = None,
        content_type: str | None = None,
        url: str | None = None,
        input_format: str | None = None,
        now: datetime | None = None,
        format: str | None = None,
    ) -> Document:
        """Extract the article of one page (bytes in any encoding, or str).

        ``url`` is kept in the result and may give the year of a date written without one;
        ``now`` resolves relative times (``3小时前``) and dates without a year (a naive
        ``now`` is China time); without it those give ``published=None``. ``input_format``
        overrides the option for this page (``format`` is its deprecated alias).

        Any ``bytes``/``str`` gives a :class:`Document` (see :func:`cleantext.extract` for
        the contract); raises ``TypeError`` for other types (of the page or an argument),
        ``ValueError`` for an unknown ``encoding`` or ``format``, :class:`InputTooLarge` over
        ``max_bytes`` and, only with ``strict=True``, :class:`~cleantext.DecodeError`.
        """
        if encoding is not None or content_type is not None or url is not None or now is not None:
            hints(encoding, content_type, url, now)
        opts = self.options
        if format is not None:  # the deprecated name of input_format= for this page
            input_format = _page_format(format, input_format)
        if input_format is not None and input_format != opts.input_format:
            opts = self._with_format(opts, input_format)
        raw = page_value(page)
        # (a str page's UTF-8, when measuring its size made it: the core reads it)
        size, utf8 = (len(raw), None) if isinstance(raw, bytes) else _utf8_size(raw, opts.max_bytes)
        if size > opts.max_bytes:
            raise InputTooLarge(size, opts.max_bytes)
        if opts.use_jieba not in _LOADED:  # the process's first page: all the heavy state at once
            self._load(opts.use_jieba)

        decoded = decode(
            raw,
            encoding=encoding,
            content_type=content_type,
            strict=opts.strict,
            chardet_prefix=opts.chardet_prefix,
            utf8=utf8,
        )
        # (a UTF-8 page's text is made only if something reads all of it: a text dump's layout,
        # an HTML page's declared article; the core reads the bytes it checked, ``native``)
        binary = looks_binary(raw if isinstance(raw, bytes) else None, decoded.native)
        is_html = opts.input_format == "html" or (
            opts.input_format == "auto"
            and not binary
            and (looks_like_html_head(decoded.head, decoded.utf8) or is_declared_markup(content_type, decoded.head))
        )
        recorder = LayoutRecorder(opts.include_links, opts.include_images) if is_html else None
        raw_blocks: Sequence[RawBlock]  # a dump's are held by the core, each made when read
        if is_html:
            # (the containers as the core's rows: selection reads them there, Python rarely)
            raw_blocks, page_title, rows = html_block_rows(decoded.native, recorder)
        else:
            raw_blocks, page_title, rows = text_block_table(decoded.native), None, []
        # (with what the word lists match: the texts simplified on a traditional page; None: as written)
        columns, matchable = measure_simplified(raw_blocks)
        scores = score_columns(columns)
        if opts.use_jieba and not binary:  # jieba's words where they pay: the close calls among short blocks
            close = close_calls(columns, scores, opts.thresholds.good, CLOSE_CALL)
            if close:
                resegment(columns, close, texts_of(raw_blocks, close), resources.stopword_densities)
                deque(map(scores.__setitem__, close, score_columns(columns, close)), 0)  # (a C loop)
        if binary:  # an image, archive or PDF: whatever decoded from it is noise
            chosen = drop_all(len(raw_blocks), Reason.BINARY)
        else:
            chosen = select_columns(raw_blocks, columns, scores, page_title, rows, opts.thresholds, matchable)
            chars, hans, _ = columns.han_totals()  # (sums in the core: no list of either column)
            if not is_han_page(hans, chars):  # (a Han page has no letter region)
                chosen = _little_han_fallback(raw_blocks, columns, containers_of(rows), chosen)
            if opts.favor != "balanced":
                chosen = favored(chosen, scores, opts.favor, from_columns(columns))

        kept = chosen.kept
        reasons = chosen.reasons  # (as selection gave them: the Document's are finished when read)
        marked, editor_lines = chosen.marked_lines()
        body = [joined_texts(raw_blocks, kept)] if True in kept else []  # (the kept texts as one str)
        if columns.han_totals(kept)[2] < opts.min_body_han:
            body = []
        text_is_kept = bool(body) and not (opts.keep_title_in_text and chosen.title)  # (no title added)
        declared: tuple[Block, ...] = ()
        if not body and is_html and not binary:  # the blocks give no article: what the page declares
            declared = _declared_blocks(decoded.text, len(raw_blocks))
            if declared:
                body = [b.text for b in declared]
        if opts.keep_title_in_text and chosen.title and body:
            body.insert(0, chosen.title)
        # The Block objects are built only if the caller reads them (cleantext.columns), a text
        # dump's layout only for its markdown or html (the dump pickles with the blocks for that;
        # held as the page's UTF-8 bytes when it came as such: its str is made only for the layout)
        dump: str | bytes | None = None
        layout: Later
        if recorder is not None:
            layout = RecordedLayout(recorder)
        else:
            dump = decoded.utf8 if decoded.utf8 is not None else decoded.text
            layout = DumpLayout(dump, raw_blocks, kept)
        finish = _FinishedReasons(raw_blocks, editor_lines, merged_blocks if is_html else merged_lines)
        table = LiveBlocks(raw_blocks, columns, scores, kept, reasons, declared, dump, text_is_kept, finish)
        lines = _Lines(raw_blocks, reasons, declared, marked)
        meta = metadata.collect(
            lines,
            _article_span(kept, reasons, len(declared), chosen.title_index),
            chosen.title,
            read_head(decoded.native) if is_html and not binary else None,
            url=url,
            now=now,
            marked=lines.marked,
        )
        return assembled(  # (Document(...) as it stores its fields, at a third of the cost)
            text="\n".join(body),
            title=meta.title,
            blocks=table,
            encoding=decoded.encoding,
            encoding_source=decoded.source,
            decode_errors=decoded.errors,
            format="html" if is_html else "text",
            url=url,
            published=meta.published,
            source=meta.source,
            author=meta.author,
            editor=meta.editor,
            decoded_chars=decoded.chars,
            origins=meta.origins,
            comments=_comments(raw_blocks, chosen.kept, rows) if opts.include_comments else (),
            layout=layout,
            rendering=Rendering(
                links=opts.include_links,
                images=opts.include_images,
                title=chosen.title if opts.keep_title_in_text and chosen.title and body else None,
            ),
        )

    def _load(self, use_jieba: bool) -> None:
        """Load everything a page may need (:meth:`warm_up`, which marks ``use_jieba`` loaded),
        once a process for each ``use_jieba`` setting: a stream's first page costs ~0.1 s more,
        and no later page stalls on a load (the first page with a close call on jieba's
        dictionary, the first traditional page on its table, the first GBK page on its decoder's)."""
        try:
            self.warm_up()
        except BaseException:
            _LOADED.discard(use_jieba)  # (the next page tries again)
            raise

    def _with_format(self, opts: Options, input_format: str) -> Options:
        """``opts`` with ``input_format``, made (and checked) once a Cleaner for each format a call
        names: making Options costs ~25 µs, a short page little more.

        >>> c = Cleaner(use_jieba=False)
        >>> c._with_format(c.options, "text") is c._with_format(c.options, "text")
        True
        """
        if opts is not self.options or type(input_format) is not str:  # (format= changed them; or a bad value)
            return opts.updated(input_format=input_format)
        held = self._formats.get(input_format)
        if held is None:
            held = self._formats[input_format] = opts.updated(input_format=input_format)  # (raises if bad)
        return held

    def clean(self, page: bytes | bytearray | memoryview | str, **kw: Any) -> str:
        """The article of one page in the ``output_format`` option's form: ``extract(page,
        **kw).text`` (default), ``.markdown`` or ``.html``."""
        return _output(self.extract(page, **kw), self.options.output_format)

    def extract_many(self, pages: Iterable[Any], jobs: int = 1, *, isolate: bool = True) -> Iterator[Document]:
        """Extract many pages, results in input order: :func:`cleantext.parallel.map_ordered` with
        this Cleaner, in this process (``jobs=1``) or in ``jobs`` worker processes, with the same
        results and errors either way. An item is a page (``bytes`` or ``str``), a
        :class:`~cleantext.parallel.Page`, a tuple or a dict with ``"page"`` (its ``encoding``,
        ``content_type``, ``url``, ``format`` and ``now`` go to :meth:`extract`). A page that
        fails raises in its turn, after the Documents before it (a page whose worker dies:
        :class:`~cleantext.parallel.WorkerDied`). ``isolate=False``: this process cleans pages
        too, with ``jobs - 1`` workers (faster on few cores; a page that kills the process then
        takes this one with it: see ``map_ordered``)."""
        from .parallel import map_ordered

        count("jobs", jobs)
        kept = self._kept_workers() if jobs > 1 else None
        return map_ordered(self, pages, jobs, kept=kept, isolate=isolate)

    def close(self) -> None:
        """End the worker processes ``extract_many`` kept (if any); the Cleaner stays usable.

        >>> with Cleaner(use_jieba=False) as cleaner:
        ...     [d.text for d in cleaner.extract_many(["今天，我们在重庆签署了合作协议，双方将深度合作。"], jobs=2)]
        ['今天，我们在重庆签署了合作协议，双方将深度合作。']
        """
        if self._kept is not None:
            self._kept.close()

    def __enter__(self) -> Cleaner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _kept_workers(self) -> KeptWorkers:
        """Where ``extract_many`` keeps its workers between calls: made on first use, ended with
        the Cleaner."""
        from .parallel import KeptWorkers

        with _KEPT_LOCK:
            if self._kept is None:
                self._kept = KeptWorkers()
                weakref.finalize(self, self._kept.close)
        return self._kept


def _output(doc: Document, output_format: str) -> str:
    """The form of ``doc`` that ``output_format`` names."""
    if output_format == "markdown":
        return doc.markdown
    if output_format == "html":
        return doc.html
    return doc.text


def _little_han_fallback(
    raw_blocks: Sequence[RawBlock], columns: FeatureColumns, containers: Sequence[Container], chosen: Selection
) -> Selection:
    """On a page with little Han text where selection found less than the letter-based region
    (:mod:`cleantext.generic`), that region's prose is the article (reason ``letter-region``)
    and what selection kept outside it goes (``outside-region``); the title stays."""
    region = letter_fallback(raw_blocks, columns, containers, chosen.kept)
    if not region:
        return chosen
    inside = set(region)
    kept = tuple(i in inside for i in range(len(raw_blocks)))
    reasons = tuple(
        (Reason.LETTER_REGION.value,) if i in inside else ((Reason.OUTSIDE_REGION.value,) if k else r)
        for i, (k, r) in enumerate(zip(chosen.kept, chosen.reasons))
    )
    # (the marked lines are selection's less those given a reason here: no scan of every reason)
    untouched = [[i for i in lines if i not in inside and not chosen.kept[i]] for lines in chosen.marked_lines()]
    listed = (reasons, untouched[0], untouched[1])
    return replace(chosen, kept=kept, reasons=reasons, region=(region[0], region[-1]), listed=listed)


def _declared_blocks(page: str, first_index: int) -> tuple[Block, ...]:
    """Kept blocks of kind ``declared`` holding the article a page declares in its scripts
    (:mod:`cleantext.declared`), numbered from ``first_index``; ``()`` if it declares none."""
    from .declared import declared_article

    found = declared_article(page)
    if found is None:
        return ()
    raw = [RawBlock(text, "declared", found.start, found.end, path="script") for text in found.paragraphs]
    feats = measure(raw)
    return tuple(
        Block(first_index + i, b.text, b.kind, b.start, b.end, round(score(f), 3), True, (found.origin,), f, b.path)
        for i, (b, f) in enumerate(zip(raw, feats))
    )


def _with_metadata(text: str, reasons: tuple[str, ...]) -> tuple[str, ...]:
    """An editor line that names the editor also says ``metadata``: it fed ``Document.editor``."""
    if "editor-line" in reasons and "metadata" not in reasons and metadata.editor(text) is not None:
        return (*reasons, _METADATA)
    return reasons


class _FinishedReasons:
    """The reasons of a page's blocks as its Document shows them, from selection's, made when
    the blocks are first read (:class:`~cleantext.columns.LiveBlocks`: a caller of ``text``
    alone never pays for them): an editor line that names the editor gains ``metadata``, a
    block that holds several (the block budget: ``merged(blocks)`` finds them) ``merged``. The
    metadata reads selection's reasons, and finds the editor lines' names itself.

    >>> lines = [RawBlock(t, "line", 0, 1) for t in ("正文。", "（责任编辑：王某）", "校对：赵五")]
    >>> _FinishedReasons(lines, [1, 2], lambda _: [0])([("main-region",), ("editor-line",), ("editor-line",)])
    [('main-region', 'merged'), ('editor-line', 'metadata'), ('editor-line',)]
    """

    __slots__ = ("blocks", "editor_lines", "merged")

    def __init__(
        self,
        blocks: Sequence[RawBlock],
        editor_lines: list[int],
        merged: Callable[[Sequence[RawBlock]], Sequence[int]],
    ) -> None:
        self.blocks, self.editor_lines, self.merged = blocks, editor_lines, merged

    def __call__(self, selected: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
        reasons = list(selected)
        for i, text in zip(self.editor_lines, texts_of(self.blocks, self.editor_lines)):
            reasons[i] = _with_metadata(text, reasons[i])
        for i in self.merged(self.blocks):
            reasons[i] = (*reasons[i], _MERGED)
        return reasons


def _comments(blocks: Sequence[RawBlock], kept: Sequence[bool], rows: Sequence[ContainerRow]) -> tuple[Comment, ...]:
    """The comments under the article (``include_comments``): their module, and its patterns,
    imported by the first page that asks (``import cleantext`` and other pages skip them)."""
    from .comments import find_comments

    return find_comments(blocks, kept, containers_of(rows))


_METADATA, _MERGED = Reason.METADATA.value, Reason.MERGED.value
_MARKS = frozenset((Reason.METADATA.value, Reason.EDITOR_LINE.value))


def _article_span(
    kept: Sequence[bool], reasons: Sequence[tuple[str, ...]], declared: int, title_index: int | None = None
) -> tuple[int, int] | None:
    """The first and last block of the article (its title and body), or ``None`` if it has none:
    ``kept`` and ``reasons`` are the page's blocks', and ``declared`` blocks (all kept) follow them;
    ``title_index``: the title's block (reason ``title``; selection gives that reason to no other).

    >>> _article_span((False, True, False), [("title",), ("main-region",), ("short",)], 1, 0)
    (0, 3)
    >>> _article_span((False, True, True, False), [("nav",), ("main-region",), ("main-region",), ("short",)], 0)
    (1, 2)
    """
    first = last = None
    if True in kept:  # (C loops: a page may have a million blocks)
        first, last = kept.index(True), len(kept) - 1 - kept[::-1].index(True)
    if title_index is not None and "title" in reasons[title_index]:
        first = title_index if first is None else min(first, title_index)
        last = title_index if last is None else max(last, title_index)
    if declared:
        first = len(kept) if first is None else first
        last = len(kept) + declared - 1
    return (first, last) if first is not None and last is not None else None


class _Lines(Sequence[tuple[str, tuple[str, ...]]]):
    """The page's blocks as (text, reasons), then its declared blocks', each pair made when read:
    a page of a million blocks makes no list of them for the metadata to look at a few."""

    __slots__ = ("blocks", "declared", "listed", "n", "reasons", "text", "total")

    def __init__(
        self,
        blocks: Sequence[RawBlock],
        reasons: Sequence[tuple[str, ...]],
        declared: Sequence[Block],
        listed: Sequence[int] | None = None,
    ) -> None:
        self.blocks, self.reasons, self.declared, self.listed = blocks, reasons, declared, listed
        self.n = len(blocks)
        self.total = self.n + len(declared)
        self.text = text_getter(blocks)

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, i: int) -> tuple[str, tuple[str, ...]]:  # type: ignore[override]  # (no slices)
        if 0 <= i < self.n:
            return self.text(i), self.reasons[i]
        if self.n <= i < self.total:
            block = self.declared[i - self.n]
            return block.text, block.reasons
        raise IndexError(i)

    def marked(self, lo: int, hi: int) -> list[int]:
        """The indexes from ``lo`` to ``hi`` of the lines whose reasons hold ``metadata`` or
        ``editor-line`` (what the metadata reads): of ``listed`` (those of the page's blocks, in
        order) if given, else found in one scan of their reasons.

        >>> lines = _Lines([RawBlock(t, "line", 0, 1) for t in "甲乙丙"], [("title",), ("metadata",), ()], [])
        >>> lines.marked(0, 2), lines.marked(0, 0), lines.marked(1, 9)
        ([1], [], [1])
        >>> _Lines(lines.blocks, lines.reasons, [], [1]).marked(1, 9)
        [1]
        """
        if self.listed is not None:
            found = list(self.listed[bisect_left(self.listed, lo) : bisect_right(self.listed, hi)])
        else:
            found = [i for i, r in enumerate(self.reasons[lo : hi + 1], lo) if "metadata" in r or "editor-line" in r]
        for i in range(max(lo, self.n), min(hi, self.total - 1) + 1):
            if not _MARKS.isdisjoint(self.declared[i - self.n].reasons):
                found.append(i)
        return found


def _page_format(format: object, input_format: str | None) -> str:
    """The ``input_format`` of a page given the deprecated ``format=`` (checked, with its warning),
    and ``input_format=`` if given too: they must agree."""
    checked = Options(format=format)  # type: ignore[arg-type]  # (raises for a bad value, warns)
    if input_format is not None and input_format != checked.input_format:
        raise ValueError(
            f"format={format!r} and input_format={input_format!r} disagree "
            "(format= is the deprecated name of input_format=: give input_format= alone)"
        )
    return checked.input_format


def _utf8_size(text: str, limit: int) -> tuple[int, bytes | None]:
    """The UTF-8 size of ``text`` as far as ``limit`` needs it (its length when that alone tells:
    1 to 4 bytes a character), and its UTF-8 when that had to be made (``None`` for a text with
    lone surrogates, whose encoding the core does not read), so that it is made once.

    >>> _utf8_size("新闻", 8), _utf8_size("新闻", 7), _utf8_size("新\\ud800", 7)
    ((2, None), (6, b'\\xe6\\x96\\xb0\\xe9\\x97\\xbb'), (6, None))
    """
    if len(text) * 4 <= limit or len(text) > limit:
        return len(text), None
    try:
        utf8 = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: measured as they would encode
        return len(text.encode("utf-8", "surrogatepass")), None
    return len(utf8), utf8


_default = Cleaner()


def extract(
    page: bytes | bytearray | memoryview | str,
    *,
    encoding: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    input_format: str | None = None,
    now: datetime | None = None,
    format: str | None = None,
    **options: Any,
) -> Document:
    """Extract the article of a Chinese web page: HTML bytes in any encoding, or a text dump.

    The contract: any ``bytes`` (``bytearray``, ``memoryview``) or ``str`` gives a
    :class:`Document`, never an exception: empty or whitespace-only pages, binary files
    (PNG, PDF, gzip), truncated multibyte sequences, NUL bytes, lone surrogates in a ``str``,
    a wrong declared charset and pages mixing encodings all come back with
    ``decode_errors`` (replacement characters the decode introduced) and a reason on every
    block. Time is linear in the page and memory bounded (deep nesting is capped at 512
    levels, as browsers do), and the result is deterministic. Exceptions, all deliberate:

    * ``TypeError`` for a page of another type (with advice: read files in binary mode),
      an unknown option or an argument of the wrong type (``encoding=5``, ``now="2021-06-05"``,
      ``max_bytes=True``); ``ValueError`` for a value out of range (``max_bytes=0``) or an
      unknown ``encoding=``, ``input_format=`` or ``output_format=`` (``format=`` is a
      deprecated alias of ``input_format=``); each message names the argument;
    * :class:`~cleantext.InputTooLarge` for a page over ``max_bytes`` (64 MiB; a ``str``
      is measured in UTF-8 bytes);
    * :class:`~cleantext.DecodeError` only with ``strict=True``, when the page cannot be
      decoded without replacement characters.

    ``InputTooLarge`` and ``DecodeError`` are :class:`~cleantext.CleanTextError` (and
    ``ValueError``) subclasses.

    >>> doc = extract("沪渝携手推动发展\\n发布时间:2021-06-04 文章来源:重庆日报\\n"
    ...               "6月3日，沪渝两地科技部门签署科技合作框架协议，携手推动发展，双方将在七个方面开展深度合作。\\n"
    ...               "版权所有 重庆日报 渝ICP备05003419号\\n", use_jieba=False)
    >>> doc.title, doc.published.isoformat(), doc.source
    ('沪渝携手推动发展', '2021-06-04T00:00:00+08:00', '重庆日报')
    >>> doc.text
    '6月3日，沪渝两地科技部门签署科技合作框架协议，携手推动发展，双方将在七个方面开展深度合作。'
    """
    cleaner = _default if not options else _cleaner_for(options)
    return cleaner.extract(
        page,
        encoding=encoding,
        content_type=content_type,
        url=url,
        input_format=input_format,
        now=now,
        format=format,
    )


def _cleaner_for(options: dict[str, Any]) -> Cleaner:
    """The Cleaner of these settings: one made for the same settings by an earlier call, if it is
    among the last :data:`_CLEANERS` (a Cleaner costs 20 µs to make and checks its settings), else
    a new one, which raises at once for a bad setting.

    >>> _cleaner_for({"use_jieba": False}) is _cleaner_for({"use_jieba": False})
    True
    >>> _cleaner_for({"strict": 1})
    Traceback (most recent call last):
    ...
    TypeError: strict must be True or False, not 1 (int)
    """
    try:  # (each value's type in the key: strict=1 is not strict=True, and is refused)
        key = tuple((name, type(value), value) for name, value in sorted(options.items()))
        held = _made.get(key)
    except TypeError:  # a value that cannot be a key (a list...): the Cleaner says what is wrong
        return Cleaner(**options)
    if held is None:
        held = Cleaner(**options)
        with _MADE_LOCK:
            if len(_made) >= _CLEANERS:
                _made.pop(next(iter(_made)))  # the oldest
            _made[key] = held
    return held


#: How many Cleaners :func:`extract` keeps for the settings it was last called with.
_CLEANERS = 32
_made: dict[tuple[Any, ...], Cleaner] = {}
_MADE_LOCK = Lock()


def clean(page: bytes | bytearray | memoryview | str, **kw: Any) -> str:
    """The article of a page: ``extract(page, **kw).text``, or ``.markdown``/``.html`` with
    ``output_format="markdown"``/``"html"``.

    >>> clean("今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。\\n返回顶部\\n", use_jieba=False)
    '今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。'
    """
    return _output(extract(page, **kw), kw.get("output_format", "text"))
