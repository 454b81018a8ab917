"""The packed forms of columns that a pickled Document holds (:mod:`cleantext.columns` says the
format): typed bytes for ints and floats, distinct values and their indexes for strings, and a
:class:`~cleantext.blocks.layout.Layout` as columns.

The native core packs what it holds (``_core.Blocks.pack``, ``_core.WalkLayout.pack``, in
``rust/src/pack.rs``); this module packs any other column the same way, byte for byte, and
unpacks them all. Its loops are C loops (``map``, ``array``, ``bytes``).

>>> signed([1, -2, 300]), array_of(signed([1, -2, 300])).tolist()
(b'h\\x01\\x00\\xfe\\xff,\\x01', [1, -2, 300])
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence
from itertools import accumulate, chain, repeat
from operator import add, sub
from typing import Any

from ._core import pack_codes, pack_flags, pack_floats
from .blocks.layout import Element, Layout, Link
from .document import Later

_BIG = sys.byteorder == "big"  # typed bytes are little-endian
#: The signed typecodes, narrowest first, with the values each holds.
_SIGNED = tuple((code, -(1 << (8 * w - 1)), (1 << (8 * w - 1)) - 1) for code, w in zip("bhiq", (1, 2, 4, 8)))
#: The typecodes typed bytes may hold and their widths (``array``'s on every common platform).
WIDTHS = {"b": 1, "h": 2, "i": 4, "q": 8, "B": 1, "H": 2, "I": 4, "d": 8}


def typed(code: str, values: Sequence[Any]) -> bytes:
    """``values`` as typed bytes: the typecode, then each value little-endian (``OverflowError``
    or ``TypeError`` for a value the type cannot hold)."""
    values = array(code, values)
    if _BIG:
        values.byteswap()
    return code.encode() + values.tobytes()


def signed(values: Sequence[int]) -> bytes:
    """Ints as typed bytes in the narrowest signed width that holds them all (``OverflowError``
    past 64 bits)."""
    lo, hi = min(values, default=0), max(values, default=0)
    for code, low, high in _SIGNED:
        if low <= lo and hi <= high:
            return typed(code, values)
    raise OverflowError("an int column past 64 bits")


def indexes(count: int, values: Sequence[int]) -> bytes:
    """Indexes into ``count`` distinct values as typed bytes (``B`` up to 256 values, ``H``, ``I``)."""
    return typed("B" if count <= 256 else "H" if count <= 65_536 else "I", values)


def array_of(data: bytes) -> array[Any]:
    """Typed bytes back as an ``array`` (``ValueError`` for bytes that are not typed bytes)."""
    code = chr(data[0]) if data else ""
    width = WIDTHS.get(code)
    if width is None or array(code).itemsize != width or (len(data) - 1) % width:
        raise ValueError("not typed bytes")
    values = array(code)
    values.frombytes(memoryview(data)[1:])
    if _BIG:
        values.byteswap()
    return values


def pack(form: str, column: Sequence[Any], columns: dict[str, Sequence[Any]], native: bool = False) -> Any:
    """One column in its packed ``form``: ``i`` ints (``i+``: each as the difference from the
    one before, ``i-X``: from column ``X``), ``d`` floats, ``?`` flags, ``s`` strings (or tuples
    of them) as distinct values and indexes, ``l``: a list as it is. A column holding a value the
    form cannot hold exactly stays a list, so every value comes back as it was, type included
    (but ``native`` int columns, typed by the native core, are not checked)."""
    try:
        if form == "l":
            return list(column)
        if form in _BY_CORE:  # (checked there, value by value: a C loop)
            packed = _BY_CORE[form](column if isinstance(column, (list, tuple)) else list(column))
            return list(column) if packed is None else packed
        if native or set(map(type, column)) <= {int}:  # form "i", "i+" or "i-X"
            if form == "i+":
                return signed(list(map(sub, column, chain((0,), column))))
            if form != "i":
                return signed(list(map(sub, column, columns[form[2:]])))
            return signed(column)
    except (TypeError, ValueError, OverflowError):  # too large, a slice of odd values...
        pass
    return list(column)


#: The forms the core packs (strings, floats, flags), each value's type checked there.
_BY_CORE = {"s": pack_codes, "d": pack_floats, "?": pack_flags}


def split_joined(joined: bytes, lengths: bytes) -> list[str]:
    """Strings packed as one: ``joined`` their UTF-8, ``lengths`` (typed bytes) each one's length
    in code points.

    >>> split_joined("甲乙x".encode(), signed([2, 0, 1]))
    ['甲乙', '', 'x']
    """
    text = joined.decode("utf-8", "surrogatepass")
    return list(map(text.__getitem__, map(slice, *_bounds(array_of(lengths)))))


def _bounds(lengths: Sequence[int]) -> tuple[list[int], list[int]]:
    """Where each of consecutive pieces of these lengths starts and ends."""
    ends = list(accumulate(lengths))
    return [0, *ends[:-1]], ends


def unpack(form: str, packed: Any, columns: dict[str, Sequence[Any]], n: int) -> list[Any]:
    """A column back from its packed ``form`` (see :func:`pack`), value for value; the native
    core's strings may come joined (:func:`split_joined`): a list (``l``) or distinct values (``s``)."""
    if isinstance(packed, list):
        return packed
    if form == "l":
        return split_joined(*packed)
    if form == "s":
        distinct, codes = packed
        if isinstance(distinct, tuple):
            distinct = split_joined(*distinct)
        return distinct * n if codes is None else list(map(distinct.__getitem__, array_of(codes)))
    if form == "?":
        return list(map(bool, packed))
    if form in ("i", "d"):
        return array_of(packed).tolist()
    if form == "i+":
        return list(accumulate(array_of(packed)))
    return list(map(add, array_of(packed), columns[form[2:]]))


#: The columns of a packed :class:`Layout`: its elements', links' and raw texts' fields, as
#: :func:`pack` says (``rust/src/pack.rs`` packs the walk's in this order).
_LAYOUT_FORMS = (
    ("tag", "s"),
    ("first", "i+"),
    ("end", "i-first"),
    ("parent", "i"),
    ("colspan", "i"),
    ("rowspan", "i"),
    ("alt", "s"),
    ("src", "s"),
)
_LINK_FORMS = (("block", "i+"), ("text", "l"), ("href", "s"))
_RAW_FORMS = (("index", "i+"), ("text", "l"))
LAYOUT_PARTS = (_LAYOUT_FORMS, _LINK_FORMS, _RAW_FORMS)


def pack_layout(layout: Layout | tuple[Sequence[Sequence[Any]], ...]) -> Later:
    """``layout`` (or the rows of its elements, links and raw texts) as columns, to be unpacked
    on first read (a pickled Document's ``layout``).

    >>> layout = Layout((Element("ul", 0, 2, -1), Element("li", 0, 1, 0)), (Link(1, "这里", "/a"),), ((0, " x"),))
    >>> pack_layout(layout)() == layout
    True
    """
    return packed_layout(*(pack_rows(rows, forms) for rows, forms in zip(layout, LAYOUT_PARTS)))


def packed_layout(*parts: tuple[Any, ...]) -> Later:
    """The layout of packed ``parts`` (elements, links, raw texts), unpacked on first read."""
    return Later(_unpack_layout, *parts)


def pack_rows(rows: Sequence[Sequence[Any]], forms: tuple[tuple[str, str], ...]) -> tuple[Any, ...]:
    """Rows (named tuples) as ``(n, *columns)``, each column packed."""
    names = [name for name, _ in forms]
    columns: dict[str, Sequence[Any]] = dict(zip(names, zip(*rows) if rows else repeat((), len(names))))
    return (len(rows), *(pack(form, columns[name], columns) for name, form in forms))


def _unpack_rows(packed: tuple[Any, ...], forms: tuple[tuple[str, str], ...]) -> list[list[Any]]:
    n, *rest = packed
    columns: dict[str, Sequence[Any]] = {}
    for (name, form), column in zip(forms, rest):
        columns[name] = unpack(form, column, columns, n)
    return [list(columns[name]) for name, _ in forms]


def _unpack_layout(elements: tuple[Any, ...], links: tuple[Any, ...], raw: tuple[Any, ...]) -> Layout:
    return Layout(
        tuple(map(Element, *_unpack_rows(elements, _LAYOUT_FORMS))),
        tuple(map(Link, *_unpack_rows(links, _LINK_FORMS))),
        tuple(zip(*_unpack_rows(raw, _RAW_FORMS))),
    )
