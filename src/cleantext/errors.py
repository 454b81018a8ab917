"""The exceptions cleantext raises, all children of :class:`CleanTextError`.

``extract`` returns a result for any ``bytes`` or ``str``; it raises only for a
bad argument (``TypeError`` / ``ValueError``), a page larger than
``max_bytes`` (:class:`InputTooLarge`) and, with ``strict=True``, a page that
cannot be decoded without replacement characters (:class:`DecodeError`).
"""

from __future__ import annotations


class CleanTextError(Exception):
    """Base class of every exception cleantext raises on purpose."""


class InputTooLarge(CleanTextError, ValueError):
    """The page is larger than ``Options.max_bytes``.

    >>> str(InputTooLarge(10, 5))
    'page of 10 bytes exceeds max_bytes=5; raise max_bytes or split the input'
    >>> import pickle; pickle.loads(pickle.dumps(InputTooLarge(10, 5))).limit
    5
    """

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"page of {size} bytes exceeds max_bytes={limit}; raise max_bytes or split the input")

    def __reduce__(self) -> tuple[type, tuple[int, int]]:
        return (InputTooLarge, (self.size, self.limit))


class DecodeError(CleanTextError, ValueError):
    """With ``strict=True``: no encoding decodes the page without replacement characters."""

    def __init__(self, message: str, encoding: str, errors: int) -> None:
        self.encoding = encoding
        self.errors = errors
        super().__init__(message)

    def __reduce__(self) -> tuple[type, tuple[str, str, int]]:
        return (DecodeError, (str(self), self.encoding, self.errors))
