"""A page's blocks as columns: what a :class:`~cleantext.Document` holds until its ``blocks``
are read.

The pipeline judges a page's blocks as columns (the splitter's blocks, the native core's
measures, the scores, kept flags and reasons); a caller who reads only ``text`` never needs a
:class:`~cleantext.document.Block` (and its :class:`~cleantext.features.Features`) per block.
:class:`LiveBlocks` holds what the pipeline made for a page and builds the Block objects on
first read; :class:`PackedBlocks` is the form a Document pickles as. Both give the same
blocks, value for value and bit for bit. A Document's layout pickles as columns too
(:func:`~cleantext.packing.pack_layout`).

Packing runs in the worker that sends a Document back (:mod:`cleantext.parallel`), for every
page, so the core packs what it holds in one call (``_core.Blocks.pack``: the texts, kinds,
spans and paths; ``_core.WalkLayout.pack``: an HTML page's layout; ``rust/src/pack.rs``), and
:mod:`cleantext.packing` the rest with C loops; unpacking runs only when the unpickled
Document's blocks (or layout) are read.

**The format** (``PackedBlocks.state``): ``(n, page, texts, kind, start, end, score, kept,
reasons, path, features, body)``:

* ``n``: the block count; ``page``: a text dump's text as UTF-8 ``bytes`` (lone surrogates as
  ``surrogatepass`` writes them), ``None`` for an HTML page;
* ``texts``: without a page, ``(joined, lengths)``: the texts joined, as UTF-8 ``bytes``, and
  each one's length in characters; with one, ``(indexes, texts)``: the blocks whose text is not
  ``page[start:end]`` (joined lines) and their texts;
* each column of :data:`_FORMS` in its form (:func:`cleantext.packing.pack`): ints as *typed
  bytes* (a typecode of ``array``, ``b h i q`` signed or ``B H I`` unsigned, then the values
  little-endian, in the narrowest width that holds them all), starts each from the one before
  and ends less their start; ``score`` (before rounding) as typed bytes of doubles (``d``);
  ``kept`` as ``bytes`` of 0 and 1; kinds, paths and reasons as their distinct values (in
  order of first appearance) and each one's index (typed bytes, ``None`` for one value); a
  column holding a value its form cannot hold exactly as the list of its values;
* ``features``: the features' columns as the core packs them (``FeatureColumns.pack``:
  ``bytes`` and the distinct lexicon code tuples; ratios the other columns give left out);
* ``body``: ``None``, or, when the Document's text is its kept blocks' texts joined with line
  breaks (as it mostly is), that text as UTF-8 ``bytes``, written by the core
  (``_core.Blocks.pack(page, kept)``): the Document then pickles without its text (it is
  decoded from here), and, without a page, ``joined`` holds only the other blocks' texts
  (the kept blocks' are cut from the body; ``lengths`` still gives every block's).

A layout is ``(elements, links, raw)``, each ``(n, *columns)`` as
:data:`cleantext.packing.LAYOUT_PARTS` says; a text dump's is computed again from the page and
the packed blocks.

>>> import pickle, cleantext
>>> doc = cleantext.extract("标题\\n\\n今天，沪渝两地在重庆签署合作协议，携手推动发展。\\n", use_jieba=False)
>>> again = pickle.loads(pickle.dumps(doc))
>>> type(again.__dict__["_table"]).__name__, again.blocks == doc.blocks
('PackedBlocks', True)
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, make_dataclass
from itertools import compress, count, repeat
from operator import ne, not_
from typing import Any

from ._core import Blocks as CoreBlocks
from .blocks import RawBlock
from .blocks.layout import Layout, LayoutRecorder
from .document import Block, BlockTable, Later
from .features import FeatureColumns, Features, as_columns, from_columns, unpack_columns
from .packing import array_of, pack, pack_layout, packed_layout, signed, split_joined, unpack

#: A mutable twin of :class:`Block` (the same slots): blocks are built as these and made Blocks by
#: assigning the class, as :func:`cleantext.features.from_columns` does for Features (a frozen
#: dataclass's ``__init__`` is four times slower).
_Unfrozen = make_dataclass("_Unfrozen", [(f.name, f.type) for f in fields(Block)], slots=True)
_FEATURE_FIELDS = tuple(f.name for f in fields(Features))


def make_blocks(
    texts: Iterable[str],
    kinds: Iterable[str],
    starts: Iterable[int],
    ends: Iterable[int],
    scores: Iterable[float],
    kept: Iterable[bool],
    reasons: Iterable[tuple[str, ...]],
    features: Iterable[Features],
    paths: Iterable[str],
    first: int = 0,
) -> list[Block]:
    """Blocks from their columns, numbered from ``first``.

    >>> from cleantext.features import measure
    >>> f = measure([RawBlock("正文。", "paragraph", 0, 3)])
    >>> make_blocks(["正文。"], ["paragraph"], [0], [3], [1.5], [True], [("main-region",)], f, ["p"])[0].reasons
    ('main-region',)
    """
    blocks = list(map(_Unfrozen, count(first), texts, kinds, starts, ends, scores, kept, reasons, features, paths))
    for b in blocks:
        b.__class__ = Block
    return blocks  # type: ignore[return-value]


class LiveBlocks(BlockTable):
    """The blocks of a page as the pipeline leaves them: its raw blocks, their features' columns
    (:func:`~cleantext.features.measure_columns`; the Features objects selection read are not
    kept: as many bytes again), scores (before rounding), kept flags and reasons, then ``extra``
    Blocks (an HTML page's declared article, when its blocks give none);
    ``page``: a text dump's text (its blocks' offsets are into it), or the UTF-8 ``bytes`` of a
    dump that came as such (:attr:`~cleantext.decode.Decoded.utf8`: its ``str`` is made only for
    the layout), which pickles in place of the block texts and gives the layout (so that a
    worker need not compute it).

    ``finish``, if given, makes the reasons as the Document shows them from ``reasons``, when
    they are first read (the pipeline's last touches, which a caller of ``text`` alone never
    needs); ``reasons`` is left as it is."""

    __slots__ = (
        *("_finish", "_finished", "_reasons"),
        *("columns", "extra", "kept", "page", "raw", "scores", "text_is_kept"),
    )

    def __init__(
        self,
        raw: Sequence[RawBlock],
        columns: FeatureColumns,
        scores: Sequence[float],
        kept: Sequence[bool],
        reasons: Sequence[tuple[str, ...]],
        extra: tuple[Block, ...] = (),
        page: str | bytes | None = None,
        text_is_kept: bool = False,
        finish: Callable[[Sequence[tuple[str, ...]]], Sequence[tuple[str, ...]]] | None = None,
    ) -> None:
        self.raw, self.columns, self.scores = raw, columns, scores
        self.kept, self.extra, self.page = kept, extra, page
        self.text_is_kept = text_is_kept
        self._reasons, self._finish = reasons, finish
        self._finished: Sequence[tuple[str, ...]] | None = None if finish is not None else reasons

    @property
    def reasons(self) -> Sequence[tuple[str, ...]]:
        """Each raw block's reasons (finished on first read; one store, so that two threads
        reading at once each get them whole)."""
        done = self._finished
        if done is None:
            assert self._finish is not None
            done = self._finished = self._finish(self._reasons)
        return done

    def __len__(self) -> int:
        return len(self.raw) + len(self.extra)

    def kept_count(self) -> int:
        return sum(1 for k in self.kept if k) + sum(1 for b in self.extra if b.kept)

    def texts_kept(self) -> tuple[list[str], list[bool]]:
        raw = self.raw.texts() if isinstance(self.raw, CoreBlocks) else [b.text for b in self.raw]
        texts = raw + [b.text for b in self.extra]
        return texts, [*self.kept, *(b.kept for b in self.extra)]

    def kept_texts(self) -> tuple[list[str], list[bool]]:
        if not isinstance(self.raw, CoreBlocks):
            return self.texts_kept()
        # (the core makes the kept blocks' texts alone: most of a page's are never shown)
        where = list(compress(range(len(self.raw)), self.kept))
        texts = [""] * len(self.raw)
        deque(map(texts.__setitem__, where, self.raw.texts(where)), 0)
        texts += [b.text for b in self.extra]
        return texts, [*self.kept, *(b.kept for b in self.extra)]

    def _raw_columns(self) -> tuple[Sequence[Any], ...]:
        """The raw blocks' text, kind, start, end and path columns."""
        if not self.raw:
            return (), (), (), (), ()
        if isinstance(self.raw, CoreBlocks):  # held by the core: the columns, no RawBlock made
            return self.raw.columns()  # type: ignore[no-any-return]
        texts, kinds, starts, ends, _, _, paths, _, _ = zip(*self.raw)
        return texts, kinds, starts, ends, paths

    def build(self) -> tuple[Block, ...]:
        texts, kinds, starts, ends, paths = self._raw_columns()
        scores = map(round, self.scores, repeat(3))
        feats = from_columns(self.columns)
        blocks = make_blocks(texts, kinds, starts, ends, scores, self.kept, self.reasons, feats, paths)
        return (*blocks, *self.extra)

    def packed(self) -> PackedBlocks:
        if isinstance(self.raw, CoreBlocks) and not self.extra:  # the core packs what it holds
            score, kept, reasons = (pack(form, getattr(self, name), {}) for name, form in _OURS)
            body = None
            if self.text_is_kept and isinstance(kept, bytes):  # (the text in the core's UTF-8: no encoding)
                page, texts, kind, start, end, path, body = self.raw.pack(self.page, kept)
            else:
                page, texts, kind, start, end, path = self.raw.pack(self.page)
            state = (
                len(self.raw),
                page,
                texts,
                kind,
                start,
                end,
                score,
                kept,
                reasons,
                path,
                self.columns.pack(),
                body,
            )
            packed = PackedBlocks(state)
            if isinstance(self.page, str):  # (the dump as given: what held_page may hold)
                packed._page = self.page
            return packed
        texts, kinds, starts, ends, paths = self._raw_columns()
        columns: dict[str, Sequence[Any]] = {
            "kind": kinds,
            "start": starts,
            "end": ends,
            "score": self.scores,
            "kept": self.kept,
            "reasons": self.reasons,
            "path": paths,
        }
        features = self.columns
        if self.extra:  # a few blocks: their columns added one by one
            extra = self.extra
            texts = [*texts, *(b.text for b in extra)]
            for name in ("kind", "start", "end", "score", "kept", "reasons", "path"):
                columns[name] = [*columns[name], *(getattr(b, name) for b in extra)]
            features = as_columns(
                [*column, *(getattr(b.features, name) for b in extra)]
                for name, column in zip(_FEATURE_FIELDS, features)
            )
        return PackedBlocks.pack(texts, columns, as_columns(features), self.page, self.text_is_kept)


#: How each column is packed, in the order :class:`PackedBlocks` keeps them (the forms of
#: :func:`cleantext.packing.pack`). ``score`` is before rounding: a Block's is rounded to 3
#: places when built. The features' columns are packed by the core (``FeatureColumns.pack``),
#: after these.
_FORMS = (
    ("kind", "s"),
    ("start", "i+"),
    ("end", "i-start"),
    ("score", "d"),
    ("kept", "?"),
    ("reasons", "s"),
    ("path", "s"),
)
_KEPT = [name for name, _ in _FORMS].index("kept")
#: The columns the pipeline makes (:class:`LiveBlocks`' attributes), which the core does not hold.
_OURS = (("scores", "d"), ("kept", "?"), ("reasons", "s"))


#: Where :class:`PackedBlocks`' state holds the body (the kept texts joined, or ``None``).
_BODY = 3 + len(_FORMS) + 1

#: Int columns the native core and the splitters make (typed in Rust): packed without checking
#: their values' types (the core checks floats, flags and strings as it packs them).
_NATIVE = frozenset({"start", "end"})


#: The page the process at the other end holds already, while one of its results is pickled or
#: unpickled (:func:`held_page`).
_held = threading.local()


class held_page:  # (lower case: used as a function, ``with held_page(page):``)
    """While in this block, blocks packed from ``page`` itself (a text dump's UTF-8 bytes or its
    text, the very object given) pickle without it, and such a pickle unpickles with ``page``: what
    :mod:`cleantext.parallel` uses as a page's result crosses between a worker and its parent,
    which both hold the page (a text dump's Document is then its blocks and fields alone, not a
    copy of the page).

    >>> import pickle
    >>> from cleantext import extract
    >>> page = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。\\n\\n第二段。".encode()
    >>> doc = extract(page, input_format="text", use_jieba=False)
    >>> with held_page(page):
    ...     sent = pickle.dumps(doc)
    >>> len(sent) < len(pickle.dumps(doc))
    True
    >>> with held_page(page):
    ...     again = pickle.loads(sent)
    >>> again.blocks == doc.blocks
    True
    """

    __slots__ = ("page",)

    def __init__(self, page: object) -> None:
        self.page = page

    def __enter__(self) -> None:
        _held.page = self.page

    def __exit__(self, *exc: object) -> None:
        _held.page = None


def _with_held_page(state: tuple[Any, ...]) -> PackedBlocks:
    """Packed blocks pickled without their page (see :class:`held_page`), with the page held."""
    page = getattr(_held, "page", None)
    if isinstance(page, bytes):
        return PackedBlocks((*state[:1], page, *state[2:]))
    if isinstance(page, str):  # (a dump given as text: the blocks hold its UTF-8, and the text)
        blocks = PackedBlocks((*state[:1], page.encode("utf-8", "surrogatepass"), *state[2:]))
        blocks._page = page
        return blocks
    raise ValueError("these packed blocks were pickled without their page: unpickle them within held_page(page)")


class PackedBlocks(BlockTable):
    """The blocks of a page in the compact form a Document pickles as (``state``: see the
    module docstring)."""

    __slots__ = ("_body", "_page", "state")

    def __init__(self, state: tuple[Any, ...]) -> None:
        self.state = state
        self._page: str | None = None
        self._body: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        state, held = self.state, getattr(_held, "page", None)
        if held is not None and state[1] is not None and (held is state[1] or held is self._page):  # (see held_page)
            return (_with_held_page, ((*state[:1], None, *state[2:]),))
        return (PackedBlocks, (state,))

    @classmethod
    def pack(
        cls,
        texts: Sequence[str],
        columns: dict[str, Sequence[Any]],
        features: FeatureColumns,
        page: str | bytes | None = None,
        text_is_kept: bool = False,
    ) -> PackedBlocks:
        """The texts, the other columns (by :class:`Block` field name) and the features in the
        compact form; ``page``: the text dump whose slices most texts are (or its UTF-8 ``bytes``);
        ``text_is_kept``: with the kept blocks' texts joined with line breaks as the ``body``
        (the Document's text; see :class:`LiveBlocks`).

        >>> from cleantext.features import measure_columns
        >>> features = measure_columns([RawBlock("甲", "line", 0, 1), RawBlock("乙 丙", "line", 2, 5)])
        >>> table = {"start": [0, 2], "end": [1, 4], "kept": [True, False]}
        >>> table |= {name: [None, None] for name, _ in _FORMS if name not in table}
        >>> packed = PackedBlocks.pack(["甲", "乙丙"], table, features, "甲\\n乙 丙")
        >>> len(packed), packed.kept_count(), packed.texts_kept(), packed.state[2]
        (2, 1, (['甲', '乙丙'], [True, False]), (b'b\\x01', ['乙丙']))
        """
        n = len(texts)
        packed_page = body = None
        kept = columns["kept"]
        if text_is_kept:
            body = "\n".join(compress(texts, kept)).encode("utf-8", "surrogatepass")
        if page is None:
            joined = "".join(compress(texts, map(not_, kept)) if text_is_kept else texts)
            packed_texts: Any = (joined.encode("utf-8", "surrogatepass"), signed(list(map(len, texts))))
        else:
            if isinstance(page, bytes):
                packed_page, page = page, page.decode("utf-8")
            else:
                packed_page = page.encode("utf-8", "surrogatepass")
            try:
                sliced: list[str | None] = list(map(page.__getitem__, map(slice, columns["start"], columns["end"])))
            except TypeError:  # odd offsets: every text as it is
                sliced = [None] * n
            odd = list(compress(range(n), map(ne, texts, sliced)))
            packed_texts = (signed(odd), [texts[i] for i in odd])
        if features.rows != n:
            raise ValueError(f"features of {features.rows} blocks for {n} texts")
        packed = [pack(form, columns[name], columns, name in _NATIVE) for name, form in _FORMS]
        return cls((n, packed_page, packed_texts, *packed, features.pack(), body))

    def __len__(self) -> int:
        n: int = self.state[0]
        return n

    def kept_count(self) -> int:
        return sum(1 for k in self.kept() if k)

    def kept(self) -> list[Any]:
        """The kept flags."""
        return unpack("?", self.state[3 + _KEPT], {}, len(self))

    def page(self) -> str | None:
        """The text dump the blocks were split from (``None`` for an HTML page)."""
        if self._page is None and self.state[1] is not None:
            self._page = self.state[1].decode("utf-8", "surrogatepass")
        return self._page

    def _columns(self, last: str) -> dict[str, Sequence[Any]]:
        """The columns up to ``last`` (in :data:`_FORMS` order), unpacked."""
        n = len(self)
        columns: dict[str, Sequence[Any]] = {}
        for (name, form), packed in zip(_FORMS, self.state[3 : 3 + len(_FORMS)]):
            columns[name] = unpack(form, packed, columns, n)
            if name == last:
                break
        return columns

    def carries_text(self) -> bool:
        return self._body_bytes() is not None

    def _body_bytes(self) -> bytes | None:
        """The body as packed (a state of 11 fields, as packed before the body was, has none)."""
        state = self.state
        return state[_BODY] if len(state) > _BODY else None

    def body(self) -> str | None:
        """The kept blocks' texts joined with line breaks, if the blocks carry them (the
        Document's text: ``body`` in the format), else ``None``."""
        packed = self._body_bytes()
        if self._body is None and packed is not None:
            self._body = packed.decode("utf-8", "surrogatepass")
        return self._body

    def _texts(self, columns: dict[str, Sequence[Any]]) -> list[str]:
        """The texts (``columns``: with ``start`` and ``end``)."""
        page, packed = self.page(), self.state[2]
        if page is None and self._body_bytes() is not None:  # the kept texts cut from the body
            joined, lengths = packed
            return _merged(self.body() or "", joined, lengths, self.kept())
        if page is None:
            return split_joined(*packed)
        texts = list(map(page.__getitem__, map(slice, columns["start"], columns["end"])))
        indexes, odd = packed
        for i, text in zip(array_of(indexes), odd):
            texts[i] = text
        return texts

    def texts_kept(self) -> tuple[list[str], list[bool]]:
        return self._texts(self._columns("end")), self.kept()

    def raw_blocks(self) -> list[RawBlock]:
        """The blocks as the splitter gave them, their text, kind, start and end (all that a text
        dump's layout reads: the rest stays at the defaults)."""
        c = self._columns("end")
        return list(map(RawBlock, self._texts(c), c["kind"], c["start"], c["end"]))

    def build(self) -> tuple[Block, ...]:
        c = self._columns("")
        features = from_columns(unpack_columns(*self.state[3 + len(_FORMS)]))
        scores = map(round, c["score"], repeat(3))
        texts = self._texts(c)
        return tuple(
            make_blocks(texts, c["kind"], c["start"], c["end"], scores, c["kept"], c["reasons"], features, c["path"])
        )

    def packed(self) -> PackedBlocks:
        return self


def _merged(body: str, joined: bytes, lengths: bytes, kept: Sequence[bool]) -> list[str]:
    """Every block's text, in order: the kept blocks' cut from ``body`` (their texts joined with
    line breaks), the others' from ``joined`` (their UTF-8 joined); ``lengths``: every block's
    length in characters (typed bytes).

    >>> _merged("甲\\n丙丁", "乙".encode(), signed([1, 1, 2]), [True, False, True])
    ['甲', '乙', '丙丁']
    """
    others = joined.decode("utf-8", "surrogatepass")
    texts = []
    in_body = in_others = 0
    for n, k in zip(array_of(lengths), kept):
        if k:
            texts.append(body[in_body : in_body + n])
            in_body += n + 1  # (and the line break)
        else:
            texts.append(others[in_others : in_others + n])
            in_others += n
    return texts


def _dump_layout(table: PackedBlocks) -> Layout:
    """The layout of the text dump ``table`` holds (as the pipeline computes it)."""
    from .blocks.text_layout import text_layout  # (imported by the first layout asked for)

    page = table.page()
    assert page is not None  # (DumpLayout.packed gives this only for a dump's table)
    return text_layout(page, table.raw_blocks(), table.kept())


def _page_layout(page: str | bytes, blocks: Sequence[RawBlock], kept: Sequence[bool]) -> Layout:
    """The layout of a text dump (given as its ``str``, or its UTF-8 ``bytes``)."""
    from .blocks.text_layout import text_layout  # (imported by the first layout asked for)

    return text_layout(page.decode("utf-8") if isinstance(page, bytes) else page, blocks, kept)


class DumpLayout(Later):
    """A text dump's layout (:func:`~cleantext.blocks.text_layout.text_layout` of the page, its
    blocks and their kept flags), computed on first read: a caller who reads only ``text`` never
    needs it (nor the page's ``str``, when ``page`` is its UTF-8 ``bytes``). It pickles as a
    reference to the packed blocks, which hold the page."""

    __slots__ = ()

    def __init__(self, page: str | bytes, blocks: Sequence[RawBlock], kept: Sequence[bool]) -> None:
        super().__init__(_page_layout, page, blocks, kept)

    def packed(self, table: BlockTable | None) -> Any:
        if isinstance(table, PackedBlocks) and table.state[1] is not None:
            return Later(_dump_layout, table)
        return pack_layout(self())


class RecordedLayout(Later):
    """An HTML page's layout as the walk recorded it (:class:`LayoutRecorder`), frozen on first
    read; it pickles as columns straight from the recorder (packed by the core when the core
    holds what it recorded)."""

    __slots__ = ()

    def __init__(self, recorder: LayoutRecorder) -> None:
        super().__init__(LayoutRecorder.layout, recorder)

    def packed(self, table: BlockTable | None) -> Any:
        recorder: LayoutRecorder = self.args[0]
        if recorder.walked is not None and not (recorder.elements or recorder.links or recorder.raw):
            return packed_layout(*recorder.walked.pack())  # all of it held by the core
        return pack_layout(recorder.rows())
