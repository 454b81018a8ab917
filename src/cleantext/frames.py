"""The messages between ``extract_many``'s parent and its workers, with as few copies as the OS allows.

A message is a frame as :class:`multiprocessing.connection.Connection` writes one: its size (4
bytes, big-endian; or -1 and 8 bytes), then its bytes. Where the OS has ``writev`` and
``readv`` (POSIX), a frame is written from its parts as they are (the pages and the pickled
results are not joined into one ``bytes`` first) and read into a buffer its reader keeps (no
``bytes`` made per read, no ``BytesIO``, no list of results pickled again); elsewhere through
``Connection.send_bytes`` and ``recv_bytes``. A page is copied three times on its way to a worker
(into the pipe, out of it, into a ``bytes`` of its own), a result three times on its way back
(pickled, into the pipe, out of it) before it is unpickled.

Two kinds of message:

* a **chunk** (parent to worker): pages and their numbers, pickled with each page's ``bytes``
  out of band (``<Q`` the pickle's size, ``<Q`` the pages' count, ``<Q`` each one's size, the
  pickle, the pages); no bytes at all: stop;
* a **batch** (worker to parent): results each pickled on its own, with their pages' numbers
  (``<q`` the count, ``<q`` and ``<Q`` each one's number and size, the pickles); a count of -1:
  the worker is ready.

>>> batch = [(3, b"abc"), (4, b"")]
>>> [(seq, bytes(blob)) for seq, blob in read_batch(memoryview(b"".join(batch_parts(batch))))]
[(3, b'abc'), (4, b'')]
"""

from __future__ import annotations

import os
import pickle
import struct
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

#: Whether frames are written and read with ``writev``/``readv`` (else through the Connection).
RAW = hasattr(os, "writev") and hasattr(os, "readv")
#: The most parts one ``writev`` call takes.
_IOV_MAX = 512
#: A reader keeps a buffer this large at most between frames (a larger frame gets its own).
_KEEP = 1 << 20
_SIZE = struct.Struct("!i")
_LONG_SIZE = struct.Struct("!Q")
_CHUNK = struct.Struct("<QQ")
_RESULT = struct.Struct("<qQ")
_COUNT = struct.Struct("<q")
_LENGTH = struct.Struct("<Q")
_READY = -1


def send(conn: Connection, parts: Sequence[Any]) -> None:
    """Write one frame of ``parts`` (bytes-like, each a whole number of bytes) to ``conn``.

    ``OSError`` when the other end has gone."""
    if not RAW:
        conn.send_bytes(b"".join(parts))
        return
    size = sum(map(len, parts))
    header = _SIZE.pack(size) if size <= 0x7FFFFFFF else _SIZE.pack(-1) + _LONG_SIZE.pack(size)
    views: list[Any] = [header, *parts]
    fd, first = conn.fileno(), 0
    while first < len(views):
        written = os.writev(fd, views[first : first + _IOV_MAX])
        while first < len(views) and written >= len(views[first]):
            written -= len(views[first])
            first += 1
        if written:  # (a signal cut the write short)
            views[first] = memoryview(views[first])[written:]


class Reader:
    """Reads frames from one end of a pipe (see :func:`send`), into a buffer it keeps."""

    __slots__ = ("buffer", "conn")

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.buffer = bytearray(64 * 1024)

    def read(self) -> memoryview:
        """The next frame's bytes, valid until the next ``read``; ``EOFError`` at the pipe's end
        (``OSError`` if it broke)."""
        if not RAW:
            return memoryview(self.conn.recv_bytes())
        fd = self.conn.fileno()
        (size,) = _SIZE.unpack(self._exactly(fd, 4))
        if size == -1:
            (size,) = _LONG_SIZE.unpack(self._exactly(fd, 8))
        buffer = self.buffer
        if size > len(buffer):  # (a new buffer: a view of the old one may still be held)
            buffer = bytearray(size)
            if size <= _KEEP:
                self.buffer = buffer
        view = memoryview(buffer)[:size]
        got = 0
        while got < size:
            n = os.readv(fd, [view[got:]])
            if not n:
                raise EOFError
            got += n
        return view

    @staticmethod
    def _exactly(fd: int, n: int) -> bytes:
        """``n`` bytes read from ``fd``; ``EOFError`` at its end."""
        data = os.read(fd, n)
        while len(data) < n:
            more = os.read(fd, n - len(data))
            if not more:
                raise EOFError
            data += more
        return data


def chunk_parts(chunk: Sequence[tuple[int, Any]]) -> list[Any]:
    """A chunk of ``(number, Page)`` as a frame's parts: each page's ``bytes`` as they are.

    >>> from cleantext.parallel import Page
    >>> chunk = [(7, Page(b"<p>1</p>", url="u")), (8, Page("二"))]
    >>> again = read_chunk(memoryview(b"".join(chunk_parts(chunk))))
    >>> again == chunk, type(again[0][1].page)
    (True, <class 'bytes'>)
    """
    pages: list[Any] = []
    wrapped = [
        (seq, page._replace(page=pickle.PickleBuffer(page.page)) if type(page.page) is bytes else page)
        for seq, page in chunk
    ]
    head = pickle.dumps(wrapped, pickle.HIGHEST_PROTOCOL, buffer_callback=pages.append)
    raws = [page.raw() for page in pages]
    sizes = b"".join(_LENGTH.pack(raw.nbytes) for raw in raws)
    return [_CHUNK.pack(len(head), len(raws)), sizes, head, *raws]


def read_chunk(view: memoryview) -> list[tuple[int, Any]] | None:
    """The chunk a frame holds (each page a ``bytes`` of its own), ``None`` for stop."""
    if not view:
        return None
    head_size, count = _CHUNK.unpack_from(view)
    at = _CHUNK.size + count * _LENGTH.size
    sizes = [size for (size,) in _LENGTH.iter_unpack(view[_CHUNK.size : at])]
    head = view[at : at + head_size]
    at += head_size
    pages = []
    for size in sizes:
        pages.append(bytes(view[at : at + size]))
        at += size
    chunk: list[tuple[int, Any]] = pickle.loads(head, buffers=pages)
    return chunk


def stop_parts() -> list[Any]:
    """The frame that tells a worker to stop: no bytes."""
    return []


def ready_parts() -> list[Any]:
    """The frame a worker sends once it is ready."""
    return [_COUNT.pack(_READY)]


def batch_parts(batch: Sequence[tuple[int, bytes]]) -> list[Any]:
    """Results (``(number, pickle)``) as a frame's parts: each pickle as it is."""
    index = b"".join(_RESULT.pack(seq, len(blob)) for seq, blob in batch)
    return [_COUNT.pack(len(batch)), index, *(blob for _, blob in batch)]


def read_batch(view: memoryview) -> list[tuple[int, memoryview]] | None:
    """The results a frame holds, each a view into it; ``None`` for ready."""
    (count,) = _COUNT.unpack_from(view)
    if count == _READY:
        return None
    at = _COUNT.size + count * _RESULT.size
    results = []
    for seq, size in _RESULT.iter_unpack(view[_COUNT.size : at]):
        results.append((seq, view[at : at + size]))
        at += size
    return results
