"""The exceptions cleantext raises, all children of :class:`CleanTextError`.

``extract`` returns a result for any ``bytes`` or ``str``; it raises only for a
bad argument (``TypeError`` / ``ValueError``), a page larger than
``max_bytes`` (:class:`InputTooLarge`) and, with ``strict=True``, a page that
cannot be decoded without replacement characters (:class:`DecodeError`).
The batch readers (:mod:`cleantext.readers`) report a damaged archive record as
:class:`BrokenRecord`, and refuse a page, JSONL line or WARC record over
``max_bytes`` with :class:`InputTooLarge` while reading it.
"""

from __future__ import annotations


class CleanTextError(Exception):
    """Base class of every exception cleantext raises on purpose."""


class InputTooLarge(CleanTextError, ValueError):
    """The page is larger than ``Options.max_bytes``.

    ``size`` is ``None`` when reading stopped at the limit (the rest was never read);
    ``what`` names the thing measured (a page, a JSONL line, a WARC record).

    >>> str(InputTooLarge(10, 5))
    'page of 10 bytes exceeds max_bytes=5; raise max_bytes or split the input'
    >>> str(InputTooLarge(None, 5, "JSONL line"))
    'JSONL line of more than 5 bytes exceeds max_bytes=5; raise max_bytes or split the input'
    >>> import pickle; pickle.loads(pickle.dumps(InputTooLarge(10, 5))).limit
    5
    """

    def __init__(self, size: int | None, limit: int, what: str = "page") -> None:
        self.size = size
        self.limit = limit
        self.what = what
        amount = f"more than {limit}" if size is None else str(size)
        super().__init__(f"{what} of {amount} bytes exceeds max_bytes={limit}; raise max_bytes or split the input")

    def __reduce__(self) -> tuple[type, tuple[int | None, int, str]]:
        return (InputTooLarge, (self.size, self.limit, self.what))


class BrokenRecord(CleanTextError, ValueError):
    """A record of an archive that cannot be read: a bad header, a record cut short, corrupt
    compression, a response without an HTTP message. Reading goes on at the next record.

    >>> str(BrokenRecord("archive ends inside a record"))
    'archive ends inside a record'
    """


class DecodeError(CleanTextError, ValueError):
    """With ``strict=True``: no encoding decodes the page without replacement characters."""

    def __init__(self, message: str, encoding: str, errors: int) -> None:
        self.encoding = encoding
        self.errors = errors
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[str, str, int]]:
        return (DecodeError, (str(self), self.encoding, self.errors))
