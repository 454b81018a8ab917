"""WARC records out of a byte stream (plain or gzip), found again after damage.

:func:`frames` splits a WARC or WET archive into records by their headers and
``Content-Length``, streaming and in bounded memory: a record's block is held only when it
is of a wanted type and at most ``block_limit`` bytes; a larger one is skipped unread.
A bad header, a record cut short, a block that is not followed by the blank line its length
promises, or a corrupt gzip member makes one :class:`Frame` with an ``error``, and reading
resumes at the next ``WARC/1.x`` header line that can be found (after a corrupt gzip member,
at the next gzip member that decompresses to a WARC header).

The resync rule: a record header starts at a line that is ``WARC/`` and a version (``WARC/1.0``,
``WARC/1.1``; CRLF or LF), at a line start of the uncompressed stream, whether the archive is
plain, one gzip member or one member per record. Reading never skips past such a line unseen: a
block over ``block_limit`` is passed in bounded chunks, looking for one; when one starts inside
the claimed length, the Content-Length was a lie (a corrupted header claiming far more than the
record holds) and the record is one failure that ends there. So a block that really holds such a
line (an archive archived whole) cuts its record there when it is over ``block_limit``; a block
within the limit is trusted when the next record starts where its length says.

>>> rec = b"WARC/1.0\\r\\nWARC-Type: conversion\\r\\nContent-Length: 2\\r\\n\\r\\nhi\\r\\n\\r\\n"
>>> import io
>>> bad = b"WARC/1.0\\r\\nX: y\\r\\n\\r\\n"
>>> [(f.type, f.block, f.error) for f in frames(io.BytesIO(rec + bad + rec), ("conversion",))]
[('conversion', b'hi', None), (None, None, 'no Content-Length'), ('conversion', b'hi', None)]
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b\x08"
CHUNK = 1 << 16
MAX_HEADER = 1 << 16  #: a record header longer than this is damage
_OUT_CHUNK = 1 << 20  #: decompressed bytes per step (a gzip bomb is read in steps too)
_KEEP_COMPRESSED = 1 << 20  #: compressed bytes of a member kept to resync after it (the rest: its last chunk)

_VERSION = re.compile(rb"WARC/\d+\.\d+\r?\n")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_NEXT_RECORD = re.compile(rb"\nWARC/\d+\.\d+\r?\n")
#: the record types of WARC 1.1; another is damage
WARC_TYPES = frozenset(
    ("warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation")
)
_ONCE = frozenset(("warc-type", "warc-record-id", "warc-date", "warc-target-uri", "content-length", "content-type"))
_BLANK = re.compile(rb"[\r\n\x00]*")


@dataclass
class Frame:
    """One record of the archive, or one unreadable stretch of it (``error`` set)."""

    offset: int  #: where it starts in the uncompressed stream
    headers: dict[str, str] = field(default_factory=dict)  #: WARC header names in lower case
    head: bytes = b""  #: the raw header, its blank line included
    block: bytes | None = None  #: the block, when wanted and not over the limit
    length: int = 0  #: the block's Content-Length
    error: str | None = None
    too_large: bool = False  #: a wanted record over ``block_limit``, skipped unread

    @property
    def type(self) -> str | None:
        return self.headers.get("warc-type")


@dataclass
class _Break:
    """Decompressed bytes ``[start, end)`` that came out of a corrupt gzip member (may be empty)."""

    start: int
    end: int
    why: str


class _Gunzip:
    """Decompressed chunks of concatenated gzip members; a corrupt member gives a :class:`_Break`
    and decompression resumes at the next member that starts a WARC record."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.cbuf = bytearray()
        self.craw_eof = False
        self.out = 0

    def _cfill(self) -> bool:
        if self.craw_eof:
            return False
        data = self.raw.read(CHUNK)
        if not data:
            self.craw_eof = True
            return False
        self.cbuf += data
        return True

    def chunks(self) -> Iterator[bytes | _Break]:
        pos = 0
        while True:
            del self.cbuf[:pos]
            pos = 0
            while len(self.cbuf) < 18 and self._cfill():
                pass
            if not self.cbuf:
                return
            if self.cbuf[:3] != GZIP_MAGIC:
                if not self.cbuf.strip(b"\x00\r\n\t "):
                    while self._cfill():  # trailing padding is fine; anything else is damage
                        if self.cbuf.strip(b"\x00\r\n\t "):
                            break
                    if not self.cbuf.strip(b"\x00\r\n\t "):
                        return
                yield _Break(self.out, self.out, "bytes that are not gzip between members")
                if not self._resync(1):
                    return
                continue
            start_out = self.out
            d = zlib.decompressobj(31)
            broken = None
            while not d.eof:
                if d.unconsumed_tail:
                    data = d.unconsumed_tail
                else:
                    if pos >= len(self.cbuf) and not self._cfill():
                        broken = "gzip member cut short"
                        break
                    data = bytes(self.cbuf[pos : pos + CHUNK])
                    pos += len(data)
                try:
                    out = d.decompress(data, _OUT_CHUNK)
                except zlib.error as exc:
                    broken = f"corrupt gzip member ({exc})"
                    break
                if out:
                    self.out += len(out)
                    yield out
                if pos > _KEEP_COMPRESSED and not d.unconsumed_tail:  # a long member: keep its last chunk
                    del self.cbuf[: pos - CHUNK]
                    pos = CHUNK
            if broken is not None:
                # the output of a corrupt member is suspect from its start (the CRC cannot say where
                # it went wrong); a member cut short is good up to the cut
                cut = broken == "gzip member cut short"
                yield _Break(self.out if cut else start_out, self.out, broken)
                if not self._resync(1):
                    return
                pos = 0
                continue
            pos -= len(d.unused_data)

    def _resync(self, start: int) -> bool:
        """Drop compressed bytes up to the next gzip member (searched from ``start``) whose first
        bytes decompress to a WARC header; ``False`` when there is none."""
        i = start
        while True:
            hit = self.cbuf.find(GZIP_MAGIC, i)
            if hit < 0:
                keep = max(len(self.cbuf) - 2, 0)
                del self.cbuf[:keep]
                i = 0
                if not self._cfill():
                    self.cbuf.clear()
                    return False
                continue
            while len(self.cbuf) < hit + CHUNK and self._cfill():
                pass
            if self._starts_warc(bytes(self.cbuf[hit : hit + CHUNK])):
                del self.cbuf[:hit]
                return True
            i = hit + 1

    @staticmethod
    def _starts_warc(data: bytes) -> bool:
        if len(data) < 4 or data[3] & 0xE0:
            return False
        try:
            head = zlib.decompressobj(31).decompress(data, 16)
        except zlib.error:
            return False
        return head.startswith(b"WARC/")


class _Source:
    """The uncompressed stream as a window of bytes at absolute offsets."""

    def __init__(self, raw: BinaryIO, gzipped: bool) -> None:
        self.buf = bytearray()
        self.base = 0
        self.eof = False
        self.breaks: list[_Break] = []
        self._raw = raw
        self._gz = _Gunzip(raw).chunks() if gzipped else None

    @property
    def end(self) -> int:
        return self.base + len(self.buf)

    def fill(self) -> bool:
        while not self.eof:
            if self._gz is None:
                data = self._raw.read(CHUNK)
                if not data:
                    self.eof = True
                    return False
                self.buf += data
                return True
            item = next(self._gz, None)
            if item is None:
                self.eof = True
                return False
            if isinstance(item, _Break):
                self.breaks.append(item)
                continue
            self.buf += item
            return True
        return False

    def ensure(self, upto: int) -> bool:
        while self.end < upto:
            if not self.fill():
                return False
        return True

    def get(self, start: int, stop: int) -> bytes:
        with memoryview(self.buf) as view:  # one copy, not two
            return bytes(view[start - self.base : stop - self.base])

    def release(self, upto: int) -> None:
        if upto > self.base:
            del self.buf[: upto - self.base]
            self.base = upto

    def skip_blank(self, pos: int) -> int | None:
        """The first offset from ``pos`` that is not CR, LF or NUL; ``None`` at the end."""
        while True:
            if pos >= self.end and not self.fill():
                return None
            blank = _BLANK.match(self.buf, pos - self.base)
            pos = self.base + (blank.end() if blank is not None else pos - self.base)
            if pos < self.end:
                return pos

    def search(self, pattern: re.Pattern[bytes], start: int, limit: int) -> re.Match[bytes] | None:
        self.ensure(start + limit)
        return pattern.search(self.buf, start - self.base, start - self.base + limit)

    def next_record(self, pos: int, stop: int | None = None) -> int | None:
        """The offset of the next line ``WARC/x.y``, at ``pos`` or at a line start after it, that
        starts before ``stop``; ``None`` when none is left. The bytes passed are dropped (never
        those from ``stop`` on): a search through a long stretch holds one chunk at a time."""
        pos = max(pos, self.base)
        self.ensure(pos + 32)
        if _VERSION.match(self.buf, pos - self.base):
            return pos if stop is None or pos < stop else None
        while True:
            m = _NEXT_RECORD.search(self.buf, pos - self.base)
            if m is not None:
                found = self.base + m.start() + 1
                return found if stop is None or found < stop else None
            if self.eof or (stop is not None and self.end >= stop + 32):
                self.release(self.end if stop is None else min(self.end, stop))
                return None
            pos = max(self.end - 16, pos)  # a header line cut by the end of the window is found next time
            self.release(pos if stop is None else min(pos, stop))
            self.fill()

    def take_breaks(self, start: int, stop: int, failed: bool) -> tuple[list[_Break], list[_Break]]:
        """The breaks before ``start`` (damage outside any record) and those overlapping
        ``[start, stop)`` (and, for a record that failed anyway, a break right at its end),
        removed from the list."""
        before, inside, rest = [], [], []
        for b in self.breaks:
            if (b.end <= start) if b.end > b.start else (b.start <= start):
                before.append(b)
            elif b.start < stop or (failed and b.start == stop):
                inside.append(b)
            else:
                rest.append(b)
        self.breaks = rest
        return before, inside


def _parse_head(head: bytes) -> tuple[dict[str, str], str | None]:
    lines = head.split(b"\n")
    headers: dict[str, str] = {}
    last = None
    for raw in lines[1:]:
        line = raw.rstrip(b"\r")
        if not line:
            continue
        if line[:1] in (b" ", b"\t") and last is not None:
            headers[last] += " " + line.strip().decode("utf-8", "replace")
            continue
        name, sep, value = line.partition(b":")
        if not sep or not name.strip():
            return headers, "bad WARC header line"
        last = name.strip().decode("latin-1").lower()
        if last in _ONCE and last in headers:  # two headers run into one another (a cut)
            return headers, f"{last} given twice"
        headers[last] = value.strip().decode("utf-8", "replace")
    length = headers.get("content-length", "")
    if not length.isdigit():
        return headers, "no Content-Length" if not length else f"bad Content-Length {length!r}"
    kind = headers.get("warc-type")
    if not kind:
        return headers, "no WARC-Type"
    if kind not in WARC_TYPES:
        return headers, f"unknown WARC-Type {kind!r}"
    return headers, None


def frames(raw: BinaryIO, types: tuple[str, ...], block_limit: int = 1 << 26) -> Iterator[Frame]:
    """Every record of a wanted type, in order, with its block; records of other types are
    passed over (a :class:`Frame` without ``block`` and without ``error`` is yielded for them, so
    the caller can count them); damage gives a Frame with ``error``."""
    head4 = _peek(raw, 3)
    src = _Source(raw, head4 == GZIP_MAGIC)
    pos: int | None = 0
    while pos is not None:
        pos = src.skip_blank(pos)
        if pos is None:
            break
        start = pos
        src.release(start)
        frame, pos, resume = _read_one(src, start, types, block_limit)
        src.ensure(pos + 1)  # the gzip member holding this record has ended (or the input has)
        before, inside = src.take_breaks(start, pos, frame.error is not None)
        for b in before:
            yield Frame(offset=b.start, error=b.why)
        if inside:
            frame.error = frame.error or inside[0].why
            frame.block = None
            resume = max(resume, *(b.end for b in inside))
        if frame.error is None:
            src.release(pos)  # the block is the frame's now: not held twice
        yield frame
        if frame.error is not None:
            pos = src.next_record(resume)
            src.breaks = src.take_breaks(src.end if pos is None else pos, src.end, False)[1] + src.breaks
            # (the damage before the next record was skipped with this one: it is this failure)
    for b in src.breaks:
        yield Frame(offset=b.start, error=b.why)


def _read_one(src: _Source, start: int, types: tuple[str, ...], block_limit: int) -> tuple[Frame, int, int]:
    """The record at ``start``: its frame, where the next one starts, and where to look for
    the next header if this one is damaged."""
    if not src.ensure(start + 32) and src.end - start < 8:
        return Frame(offset=start, error="archive ends with a few stray bytes"), src.end, src.end
    if not _VERSION.match(src.buf, start - src.base):
        return Frame(offset=start, error="not a WARC record header"), start + 1, start + 1
    m = src.search(_HEADER_END, start, MAX_HEADER)
    if m is None:
        cut = "archive ends inside a record header" if src.eof else "record header longer than 64 KiB"
        return Frame(offset=start, error=cut), start + 1, start + 1
    block_start = src.base + m.end()
    head = src.get(start, block_start)
    headers, why = _parse_head(head)
    frame = Frame(offset=start, headers=headers, head=head)
    if why is not None:
        frame.error = why
        return frame, start + 1, start + 1
    frame.length = length = int(headers["content-length"])
    wanted = headers["warc-type"] in types
    block_end = block_start + length
    if length <= block_limit:
        if not src.ensure(block_end):
            got = src.end - block_start
            frame.error = f"record cut short: {got} of its {length} bytes (Content-Length)"
            return frame, src.end, block_start
        if wanted:
            frame.block = src.get(block_start, block_end)
        resume = block_start
    else:
        inside = src.next_record(block_start, stop=block_end)  # its block is passed unread, but not a header
        if inside is not None:
            frame.error = (
                f"record does not end where its Content-Length says: the next record starts "
                f"{inside - block_start} bytes into its {length} (damaged header)"
            )
            return frame, inside, inside
        if src.end < block_end:
            reached = src.end - block_start
            frame.error = f"record cut short: {reached} of its {length} bytes (Content-Length)"
            return frame, src.end, src.end
        frame.too_large = wanted
        resume = block_end
    nxt = src.skip_blank(block_end)
    if nxt is not None:
        src.ensure(nxt + 5)
        after = src.get(nxt, nxt + 5)
        if after != b"WARC/" and not (src.eof and b"WARC/".startswith(after)):
            frame.error = "record does not end where its Content-Length says (damaged or cut)"
            frame.block = None
            return frame, block_end, resume
    return frame, src.end if nxt is None else nxt, resume


def _peek(stream: BinaryIO, n: int) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return bytes(peek(n)[:n])
    if stream.seekable():
        at = stream.tell()
        data = stream.read(n)
        stream.seek(at)
        return data
    raise ValueError("frames() needs a stream with peek() or seek()")
