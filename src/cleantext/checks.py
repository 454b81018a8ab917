"""Argument checks: ``TypeError`` for the wrong type, ``ValueError`` for a wrong value, each
message naming the argument and what it takes. Cheap: they run on every call.

>>> like("max_bytes", True, 64)
Traceback (most recent call last):
...
TypeError: max_bytes must be an int, not True (bool)
>>> optional("url", "http://a.cn/", str, "a str")
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

#: What a value of each plain type is called in a message.
_KINDS = {bool: "True or False", int: "an int", float: "a number", str: "a str"}


def _shown(value: Any) -> str:
    """``value`` for a message: its repr (cut short) and its type.

    >>> _shown(b"gbk"), _shown("x" * 100)[-10:]
    ("b'gbk' (bytes)", 'xxx… (str)')
    """
    text = repr(value)
    return f"{text[:40]}… ({type(value).__name__})" if len(text) > 40 else f"{text} ({type(value).__name__})"


def like(name: str, value: Any, default: Any) -> None:
    """Check that ``value`` is of the kind of ``default``: a bool for a bool, an int (not a bool)
    for an int, a number (not a bool, not NaN) for a float, an instance of the default's type else.

    >>> like("good", 1, 0.0), like("strict", False, True)
    (None, None)
    >>> like("good", float("nan"), 0.0)
    Traceback (most recent call last):
    ...
    ValueError: good must be a number, not nan
    """
    kind = type(default)
    if kind is bool:
        ok = type(value) is bool
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and math.isnan(value):
            raise ValueError(f"{name} must be a number, not nan")
    else:
        ok = isinstance(value, kind)
    if not ok:
        what = _KINDS.get(kind) or f"a {kind.__module__}.{kind.__qualname__}"
        raise TypeError(f"{name} must be {what}, not {_shown(value)}")


def optional(name: str, value: Any, kind: type | tuple[type, ...], what: str) -> None:
    """Check that ``value`` is ``None`` or a ``kind``; ``what`` says what it takes.

    >>> optional("encoding", b"gbk", str, "a codec name such as 'gbk'")
    Traceback (most recent call last):
    ...
    TypeError: encoding must be a codec name such as 'gbk', or None, not b'gbk' (bytes)
    """
    if value is not None and not isinstance(value, kind):
        raise TypeError(f"{name} must be {what}, or None, not {_shown(value)}")


def at_least(name: str, value: int, least: int) -> None:
    """Check that the int ``value`` is at least ``least``.

    >>> at_least("jobs", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: jobs must be at least 1, not 0
    """
    if value < least:
        raise ValueError(f"{name} must be at least {least}, not {value!r}")


def count(name: str, value: Any, least: int = 1) -> None:
    """Check that ``value`` is an int (not a bool) of at least ``least``.

    >>> count("chunksize", 8), count("prefetch", 0, least=0)
    (None, None)
    """
    like(name, value, 0)
    at_least(name, value, least)


def page_value(page: object) -> bytes | str:
    """``page`` as :meth:`~cleantext.Cleaner.extract` reads it: ``bytes`` or ``str`` as they are,
    a ``bytearray`` or ``memoryview`` as ``bytes``; ``TypeError`` with advice for anything else.

    >>> page_value(bytearray(b"<p>x</p>"))
    b'<p>x</p>'
    >>> page_value(None)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: page must be bytes or str, not NoneType; read files in binary mode (open(path, 'rb').read()) and ...
    """
    if isinstance(page, (bytes, str)):
        return page
    if isinstance(page, (bytearray, memoryview)):
        return bytes(page)
    raise TypeError(
        f"page must be bytes or str, not {type(page).__name__}; "
        "read files in binary mode (open(path, 'rb').read()) and pass the bytes"
    )


def hints(encoding: object, content_type: object, url: object, now: object) -> None:
    """``TypeError`` naming the first of ``extract``'s hints that has the wrong type."""
    optional("encoding", encoding, str, "a str naming a codec (such as 'gbk')")
    optional("content_type", content_type, str, "a str (an HTTP Content-Type such as 'text/html; charset=gbk')")
    optional("url", url, str, "a str")
    optional("now", now, datetime, "a datetime (such as datetime(2021, 6, 5, 9, 0))")
