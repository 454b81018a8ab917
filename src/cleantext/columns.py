"""A page's blocks as columns: what a :class:`~cleantext.Document` holds until its ``blocks``
are read.

The pipeline judges a page's blocks as columns (the splitter's blocks, the native core's
measures, the scores, kept flags and reasons); a caller who reads only ``text`` never needs a
:class:`~cleantext.document.Block` (and its :class:`~cleantext.features.Features`) per block.
:class:`LiveBlocks` holds what the pipeline made for a page and builds the Block objects on
first read; :class:`PackedBlocks` is the form a Document pickles as: the texts joined in one
string, numbers and flags in arrays, repeated values (kinds, paths, reasons, lexicon codes) as
indexes into a list of the distinct ones, ratios the other columns give (``han / chars``, the
position) checked and left out. Both give the same blocks, value for value and bit for bit.
A Document's layout pickles as columns too (:func:`pack_layout`).

Packing runs in the worker that sends a Document back (:mod:`cleantext.parallel`), for every
page, so its loops are C loops (``map``, ``array``, ``bytes``); unpacking runs only when the
unpickled Document's blocks are read.

>>> import pickle, cleantext
>>> doc = cleantext.extract("标题\\n\\n今天，沪渝两地在重庆签署合作协议，携手推动发展。\\n", use_jieba=False)
>>> again = pickle.loads(pickle.dumps(doc))
>>> type(again.__dict__["_table"]).__name__, again.blocks == doc.blocks
('PackedBlocks', True)
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import fields, make_dataclass
from itertools import accumulate, chain, compress, count, pairwise, repeat
from operator import add, ne, sub
from typing import Any

from ._core import Blocks as CoreBlocks
from .blocks import RawBlock
from .blocks.layout import Element, Layout, LayoutRecorder, Link
from .blocks.text_layout import text_layout
from .document import Block, BlockTable, Later
from .features import FeatureColumns, Features, as_columns, from_columns, unpack_columns

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
    ``page``: a text dump's text (its blocks' offsets are into it), which pickles in place of
    the block texts and gives the layout (so that a worker need not compute it)."""

    __slots__ = ("columns", "extra", "kept", "page", "raw", "reasons", "scores")

    def __init__(
        self,
        raw: Sequence[RawBlock],
        columns: FeatureColumns,
        scores: Sequence[float],
        kept: Sequence[bool],
        reasons: Sequence[tuple[str, ...]],
        extra: tuple[Block, ...] = (),
        page: str | None = None,
    ) -> None:
        self.raw, self.columns, self.scores = raw, columns, scores
        self.kept, self.reasons, self.extra, self.page = kept, reasons, extra, page

    def __len__(self) -> int:
        return len(self.raw) + len(self.extra)

    def kept_count(self) -> int:
        return sum(1 for k in self.kept if k) + sum(1 for b in self.extra if b.kept)

    def texts_kept(self) -> tuple[list[str], list[bool]]:
        raw = self.raw.texts() if isinstance(self.raw, CoreBlocks) else [b.text for b in self.raw]
        texts = raw + [b.text for b in self.extra]
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
        return PackedBlocks.pack(texts, columns, as_columns(features), self.page)


#: How each column is packed, in the order :class:`PackedBlocks` keeps them (see :func:`_pack`):
#: ``i`` ints (``i+``: each as the difference from the one before, ``i-X``: from column ``X``),
#: ``d`` floats, ``?`` flags, ``s`` indexes into the distinct values, ``l``: a list as it is.
#: ``score`` is before rounding: a Block's is rounded to 3 places when built. The features'
#: columns are packed by the core (``FeatureColumns.pack``), after these.
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


#: Columns the native core and the splitters make (typed in Rust): packed without checking their
#: values' types.
_NATIVE = frozenset({"start", "end", "score"})


class PackedBlocks(BlockTable):
    """The blocks of a page in the compact form a Document pickles as (see the module docstring).

    ``state``: the block count; a text dump's page (``None`` for HTML); the texts: with a page,
    ``{index: text}`` of the blocks whose text is not ``page[start:end]``, else the texts joined
    and their lengths; then each column of :data:`_FORMS` packed; then the features' columns as
    the core packs them (``bytes`` and the distinct lexicon code tuples).
    """

    __slots__ = ("state",)

    def __init__(self, state: tuple[Any, ...]) -> None:
        self.state = state

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedBlocks, (self.state,))

    @classmethod
    def pack(
        cls,
        texts: Sequence[str],
        columns: dict[str, Sequence[Any]],
        features: FeatureColumns,
        page: str | None = None,
    ) -> PackedBlocks:
        """The texts, the other columns (by :class:`Block` field name) and the features in the
        compact form; ``page``: the text dump whose slices most texts are.

        >>> from cleantext.features import measure_columns
        >>> features = measure_columns([RawBlock("甲", "line", 0, 1), RawBlock("乙 丙", "line", 2, 5)])
        >>> table = {"start": [0, 2], "end": [1, 4], "kept": [True, False]}
        >>> table |= {name: [None, None] for name, _ in _FORMS if name not in table}
        >>> packed = PackedBlocks.pack(["甲", "乙丙"], table, features, "甲\\n乙 丙")
        >>> len(packed), packed.kept_count(), packed.texts_kept(), packed.state[2]
        (2, 1, (['甲', '乙丙'], [True, False]), {1: '乙丙'})
        """
        n = len(texts)
        if page is None:
            packed_texts: Any = ("".join(texts), _ints(list(map(len, texts))))
        else:
            sliced = map(page.__getitem__, map(slice, columns["start"], columns["end"]))
            packed_texts = {i: texts[i] for i in compress(range(n), map(ne, texts, sliced))}
        if features.rows != n:
            raise ValueError(f"features of {features.rows} blocks for {n} texts")
        packed = [_pack(form, columns[name], columns, name in _NATIVE) for name, form in _FORMS]
        return cls((n, page, packed_texts, *packed, features.pack()))

    def __len__(self) -> int:
        n: int = self.state[0]
        return n

    def kept_count(self) -> int:
        return sum(1 for k in self.kept() if k)

    def kept(self) -> list[Any]:
        """The kept flags."""
        return _unpack("?", self.state[3 + _KEPT], {}, len(self))

    def _columns(self, last: str) -> dict[str, Sequence[Any]]:
        """The columns up to ``last`` (in :data:`_FORMS` order), unpacked."""
        n = len(self)
        columns: dict[str, Sequence[Any]] = {}
        for (name, form), packed in zip(_FORMS, self.state[3 : 3 + len(_FORMS)]):
            columns[name] = _unpack(form, packed, columns, n)
            if name == last:
                break
        return columns

    def _texts(self, columns: dict[str, Sequence[Any]]) -> list[str]:
        """The texts (``columns``: with ``start`` and ``end``)."""
        _, page, packed = self.state[:3]
        if page is None:
            joined, lengths = packed
            return [joined[a:b] for a, b in pairwise(accumulate(lengths, initial=0))]
        texts = list(map(page.__getitem__, map(slice, columns["start"], columns["end"])))
        for i, text in packed.items():
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


def _dump_layout(table: PackedBlocks) -> Layout:
    """The layout of the text dump ``table`` holds (as the pipeline computes it)."""
    page: str = table.state[1]
    return text_layout(page, table.raw_blocks(), table.kept())


class DumpLayout(Later):
    """A text dump's layout (:func:`~cleantext.blocks.text_layout.text_layout` of the page, its
    blocks and their kept flags), computed on first read: a caller who reads only ``text`` never
    needs it. It pickles as a reference to the packed blocks, which hold the page."""

    __slots__ = ()

    def __init__(self, page: str, blocks: Sequence[RawBlock], kept: Sequence[bool]) -> None:
        super().__init__(text_layout, page, blocks, kept)

    def packed(self, table: BlockTable | None) -> Any:
        if isinstance(table, PackedBlocks) and table.state[1] is not None:
            return Later(_dump_layout, table)
        return pack_layout(self())


class RecordedLayout(Later):
    """An HTML page's layout as the walk recorded it (:class:`LayoutRecorder`), frozen on first
    read; it pickles as columns straight from the recorder's lists."""

    __slots__ = ()

    def __init__(self, recorder: LayoutRecorder) -> None:
        super().__init__(LayoutRecorder.layout, recorder)

    def packed(self, table: BlockTable | None) -> Any:
        recorder: LayoutRecorder = self.args[0]
        return pack_layout((recorder.elements, recorder.links, recorder.raw))


def _ints(values: Sequence[int], distinct: int | None = None) -> array[int]:
    """``values`` in the smallest array (of 1, 2, 4 or 8 bytes) that holds them, found by trying
    (a C loop each), or from ``distinct`` for indexes below it (``OverflowError`` past 64 bits,
    ``TypeError`` for a value that is not an int).

    >>> [_ints(v).typecode for v in ([1, -1], [1000], [1 << 20], [1 << 40])], _ints([3], distinct=200).typecode
    (['h', 'h', 'i', 'q'], 'B')
    """
    if distinct is not None and distinct <= 256:
        return array("B", values)
    for code in "hiq":
        try:
            return array(code, values)
        except OverflowError:
            continue
    raise OverflowError("an int column past 64 bits")


def _pack(form: str, column: Sequence[Any], columns: dict[str, Sequence[Any]], native: bool = False) -> Any:
    """One column in its packed ``form`` (see :data:`_FORMS`); a column holding a value the form
    cannot hold exactly stays a list, so every value comes back as it was, type included (but
    ``native`` columns, typed by the native core, are not checked)."""
    try:
        if form == "l":
            return list(column)
        if form == "s":
            distinct = list(dict.fromkeys(column))
            if native or len(set(map(type, column))) <= 1:  # not 1 and True, which are equal keys
                if len(distinct) == 1:  # one value (a dump's paths): no indexes
                    return distinct, None
                where = {v: i for i, v in enumerate(distinct)}
                return distinct, _ints(list(map(where.__getitem__, column)), len(distinct))
            return list(column)
        types = _TYPES[form] if native else set(map(type, column))
        if form == "?":
            if types <= {bool}:
                return bytes(column)
        elif form[0] == "i":
            if types <= {int}:
                if form == "i+":
                    return _ints(list(map(sub, column, chain((0,), column))))
                if form != "i":
                    return _ints(list(map(sub, column, columns[form[2:]])))
                return _ints(column)
        elif form == "d":
            if types <= {float}:
                return array("d", column)
    except (TypeError, ValueError, OverflowError):  # unhashable, too large...
        pass
    return list(column)


#: The types the native core gives each form.
_TYPES: dict[str, set[type]] = {"?": {bool}, "i": {int}, "d": {float}}
_TYPES |= {form: _TYPES[form[0]] for _, form in _FORMS if form[0] == "i"}


def _unpack(form: str, packed: Any, columns: dict[str, Sequence[Any]], n: int) -> list[Any]:
    """A column back from its packed ``form``, value for value."""
    if isinstance(packed, list):
        return packed
    if form == "s":
        distinct, codes = packed
        return distinct * n if codes is None else list(map(distinct.__getitem__, codes))
    if form == "?":
        return list(map(bool, packed))
    if form in ("i", "d"):
        return packed.tolist()  # type: ignore[no-any-return]
    if form == "i+":
        return list(accumulate(packed))
    return list(map(add, packed, columns[form[2:]]))


#: The columns of a packed :class:`Layout`: its elements', links' and raw texts' fields, as
#: :data:`_FORMS` says.
_LAYOUT_FORMS = (
    ("tag", "s"),
    ("first", "i+"),
    ("end", "i-first"),
    ("parent", "i"),
    ("colspan", "s"),
    ("rowspan", "s"),
    ("alt", "s"),
    ("src", "s"),
)
_LINK_FORMS = (("block", "i+"), ("text", "l"), ("href", "s"))
_RAW_FORMS = (("index", "i+"), ("text", "l"))
_LAYOUT_PARTS = (_LAYOUT_FORMS, _LINK_FORMS, _RAW_FORMS)


def pack_layout(layout: Layout | tuple[Sequence[Sequence[Any]], ...]) -> Later:
    """``layout`` (or the rows of its elements, links and raw texts) as columns, to be unpacked
    on first read (a pickled Document's ``layout``).

    >>> layout = Layout((Element("ul", 0, 2, -1), Element("li", 0, 1, 0)), (Link(1, "这里", "/a"),), ((0, " x"),))
    >>> pack_layout(layout)() == layout
    True
    """
    return Later(_unpack_layout, *(_pack_rows(rows, forms) for rows, forms in zip(layout, _LAYOUT_PARTS)))


def _pack_rows(rows: Sequence[Sequence[Any]], forms: tuple[tuple[str, str], ...]) -> tuple[Any, ...]:
    """Rows (named tuples) as packed columns."""
    names = [name for name, _ in forms]
    columns: dict[str, Sequence[Any]] = dict(zip(names, zip(*rows) if rows else repeat((), len(names))))
    n = len(rows)
    return (n, *(_pack(form, columns[name], columns) for name, form in forms))


def _unpack_rows(packed: tuple[Any, ...], forms: tuple[tuple[str, str], ...]) -> list[list[Any]]:
    n, *rest = packed
    columns: dict[str, Sequence[Any]] = {}
    for (name, form), column in zip(forms, rest):
        columns[name] = _unpack(form, column, columns, n)
    return [list(columns[name]) for name, _ in forms]


def _unpack_layout(elements: tuple[Any, ...], links: tuple[Any, ...], raw: tuple[Any, ...]) -> Layout:
    return Layout(
        tuple(map(Element, *_unpack_rows(elements, _LAYOUT_FORMS))),
        tuple(map(Link, *_unpack_rows(links, _LINK_FORMS))),
        tuple(zip(*_unpack_rows(raw, _RAW_FORMS))),
    )
