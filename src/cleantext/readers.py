"""Records out of files, directories, stdin, JSONL and WARC/WET archives, for the CLI and batch jobs.

Every reader yields :class:`Record` objects in input order: an id, the :class:`~cleantext.parallel.Page`
to extract, or the error that made the record unreadable (a bad record never stops the batch;
the caller decides what to do with it).

WARC and WET archives (plain or gzip) are split into records by :mod:`cleantext.warcframe`,
which finds the next record again after a bad header, a cut or a corrupt gzip member; each
response record is then parsed (HTTP headers, also ones whose lines end in LF alone, transfer and
content encodings) with FastWARC (the ``warc`` extra) when it is installed, else with warcio, with
the same results. lz4 and zstd archives are read by FastWARC as a whole (without resynchronisation).

Sizes are refused while reading: a page, a JSONL line or a WARC record over ``max_bytes`` is
an :class:`~cleantext.InputTooLarge` record, and at most about ``max_bytes`` + 1 MiB of it is
held.

>>> import io, json
>>> recs = list(read_jsonl(io.BytesIO(b'{"id": "a", "html": "<p>x</p>"}\\nnot json\\n'), "s.jsonl", JsonlFields()))
>>> [(r.id, r.page.page if r.page else None, type(r.error).__name__) for r in recs]
[('a', '<p>x</p>', 'NoneType'), ('s.jsonl:2', None, 'JSONDecodeError')]
"""

from __future__ import annotations

import errno
import functools
import gzip
import io
import json
import logging
import os
import re
import stat
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, BinaryIO

from .dates import iso_time
from .errors import BrokenRecord, InputTooLarge
from .parallel import Page

log = logging.getLogger(__name__)

KINDS = ("auto", "html", "text", "jsonl", "warc", "wet")

_BY_SUFFIX = (
    (".warc.wet.gz", "wet"),
    (".wet.gz", "wet"),
    (".wet", "wet"),
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".arc.gz", "warc"),
    (".jsonl.gz", "jsonl"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json.gz", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".shtml", "html"),
    (".xhtml", "html"),
    (".txt", "text"),
)


@dataclass
class Record:
    """One input record: its id and page, or the error met reading it."""

    id: str
    page: Page | None = None
    error: BaseException | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    decode_errors: int = 0  #: bytes of the record replaced before its page was read (a JSONL line)


@dataclass(frozen=True)
class JsonlFields:
    """Which JSONL fields hold the page and what is known about it."""

    page: str = "html"
    encoding: str | None = None
    url: str | None = "url"
    id: str | None = "id"
    carry: tuple[str, ...] = ()


@dataclass
class Stats:
    """What the readers saw and skipped on purpose (not errors)."""

    skipped_non_html: int = 0  #: WARC responses that are not HTML or text (images, DNS, ...)
    skipped_types: Counter[str] = field(default_factory=Counter)  #: WARC records of other types
    files: int = 0  #: files (and stdin) opened
    duplicates: int = 0  #: files reached a second time (another path, a hard link): read once


#: room for a JSONL line's other fields and a WARC record's HTTP headers above ``max_bytes``
SLACK = 1 << 19
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def kind_of_path(path: str) -> str | None:
    """The input kind a file name says, or ``None`` when only its content can tell.

    >>> kind_of_path("CC-MAIN-1.warc.wet.gz"), kind_of_path("a/b.HTML"), kind_of_path("dump.bin")
    ('wet', 'html', None)
    """
    low = path.lower()
    for suffix, kind in _BY_SUFFIX:
        if low.endswith(suffix):
            return kind
    return None


def sniff(stream: BinaryIO) -> tuple[str, BinaryIO]:
    """The kind of a stream by its first bytes (``warc+wet``, ``jsonl`` or ``auto`` for a single
    page), and a stream to read it from (gzip undone, except for a WARC: its reader undoes gzip
    member by member to resynchronise after damage)."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type,type-var]
    if _peek(buffered, 2) == b"\x1f\x8b":
        try:
            inner = zlib.decompressobj(31).decompress(_peek(buffered, 1 << 16), 64)
        except zlib.error:
            inner = b""
        kind = _kind_of_head(inner)
        if kind == "warc+wet":
            return kind, buffered
        return kind, io.BufferedReader(gzip.GzipFile(fileobj=buffered))  # type: ignore[arg-type]
    return _kind_of_head(_peek(buffered, 64)), buffered


def _kind_of_head(head: bytes) -> str:
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc+wet"
    if head.startswith(b"{"):
        return "jsonl"
    return "auto"


def _peek(stream: Any, n: int) -> bytes:
    data = stream.peek(n)
    return bytes(data[:n])


_NOT_PAGES = (
    ".py",
    ".pyc",
    ".js",
    ".css",
    ".map",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".svg",
    ".ico",
    ".pdf",
    ".zip",
    ".tar",
    ".woff",
    ".woff2",
    ".ttf",
    ".mp3",
    ".mp4",
    ".exe",
    ".so",
    ".whl",
)


def iter_paths(
    inputs: Iterable[str], stats: Stats | None = None, skip: Collection[tuple[int, int]] = ()
) -> Iterator[tuple[str, OSError | None]]:
    """Files named, and the files under directories (recursively, in sorted path order; hidden
    files and ones that are clearly not pages, such as ``.py``, ``.css`` or images, skipped);
    ``-`` as is. Each comes with ``None``, or the error that makes it unreadable: a missing file,
    a broken symbolic link, an unreadable directory, a directory symlink loop (not followed).
    A file or directory reached again by another path is read once (``stats.duplicates``).
    ``skip``: the (device, inode) of files a directory's walk leaves out (the file the output is
    being written to, which is no input)."""
    stats = stats if stats is not None else Stats()
    seen: set[tuple[int, int]] = set()
    left_out = frozenset(skip)
    for name in inputs:
        if name == "-":
            yield name, None
            continue
        try:
            st = os.stat(name)
        except OSError as exc:
            yield name, _unreadable(name, exc)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(name, st, seen, (), stats, left_out)
        elif _first_visit(st, seen, stats):
            yield name, None


def _first_visit(st: os.stat_result, seen: set[tuple[int, int]], stats: Stats) -> bool:
    key = (st.st_dev, st.st_ino)
    if key in seen:
        stats.duplicates += 1
        return False
    seen.add(key)
    return True


def _unreadable(path: str, exc: OSError) -> OSError:
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        return FileNotFoundError(errno.ENOENT, "broken symbolic link (its target does not exist)", path)
    return exc


def _walk(
    directory: str,
    st: os.stat_result,
    seen: set[tuple[int, int]],
    parents: tuple[tuple[int, int], ...],
    stats: Stats,
    left_out: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[tuple[str, OSError | None]]:
    key = (st.st_dev, st.st_ino)
    if key in parents:
        yield directory, OSError(errno.ELOOP, "directory symlink loop (not followed)", directory)
        return
    if not _first_visit(st, seen, stats):
        return
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield directory, exc
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower().endswith(_NOT_PAGES):
            continue
        try:
            est = entry.stat()  # follows symbolic links
        except OSError as exc:
            yield entry.path, _unreadable(entry.path, exc)
            continue
        if stat.S_ISDIR(est.st_mode):
            yield from _walk(entry.path, est, seen, (*parents, key), stats, left_out)
        elif stat.S_ISREG(est.st_mode) and (est.st_dev, est.st_ino) not in left_out and _first_visit(est, seen, stats):
            yield entry.path, None


def read_inputs(
    inputs: Iterable[str],
    kind: str = "auto",
    *,
    fields: JsonlFields | None = None,
    encoding: str | None = None,
    stats: Stats | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip: Collection[tuple[int, int]] = (),
) -> Iterator[Record]:
    """Every record of every input (paths, directories, ``-`` for stdin), in order; an
    unreadable input is one record with its error. A page, JSONL line or WARC record over
    ``max_bytes`` is refused while it is read (an :class:`~cleantext.InputTooLarge` record).
    ``skip``: files (device, inode) a directory's walk leaves out (see :func:`iter_paths`)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    fields = fields or JsonlFields()
    stats = stats if stats is not None else Stats()
    for path, problem in iter_paths(inputs, stats, skip):
        if problem is not None:
            yield Record(id=path, error=problem)
            continue
        try:
            if path == "-":
                stream: BinaryIO = stdin if stdin is not None else _stdin()
                name = "<stdin>"
                opened = None
            else:
                opened = open(path, "rb")
                stream, name = opened, path
        except OSError as exc:
            yield Record(id=path, error=exc)
            continue
        stats.files += 1
        try:
            yield from _read_stream(stream, name, kind, fields, encoding, stats, max_bytes)
        except (OSError, EOFError, zlib.error) as exc:  # a file that breaks off mid-way (truncated gzip)
            yield Record(id=name, error=exc)
        finally:
            if opened is not None:
                opened.close()


def _stdin() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def _read_stream(
    stream: BinaryIO,
    name: str,
    kind: str,
    fields: JsonlFields,
    encoding: str | None,
    stats: Stats,
    max_bytes: int,
) -> Iterator[Record]:
    opened = stream
    if kind == "auto":
        by_name = kind_of_path(name) if name != "<stdin>" else None
        if by_name is None:
            sniffed, stream = sniff(stream)
            kind = sniffed
        else:
            kind = "warc+wet" if by_name == "warc" else by_name  # a .warc may hold conversions too
    if kind in ("auto", "html", "text"):
        fmt = None if kind == "auto" else kind
        data = _read_at_most(stream, max_bytes)
        if data is None:
            size = _file_size(stream) if stream is opened else None  # not a decompressed size
            yield Record(id=name, error=InputTooLarge(size, max_bytes))
        else:
            yield Record(id=name, page=Page(data, encoding=encoding, format=fmt))
    elif kind == "jsonl":
        yield from read_jsonl(stream, name, fields, encoding, max_bytes=max_bytes)
    else:
        types = {"warc": ("response",), "wet": ("conversion",), "warc+wet": ("response", "conversion")}[kind]
        yield from read_warc(stream, name, types, stats, max_bytes=max_bytes)


def _read_at_most(stream: Any, max_bytes: int) -> bytes | None:
    """The whole stream, read in pieces; ``None`` as soon as it is over ``max_bytes`` (a
    decompressing stream holds no more than it gives)."""
    parts: list[bytes] = []
    total = 0
    while total <= max_bytes:
        part = stream.read(min(CHUNK_LINE, max_bytes + 1 - total))
        if not part:
            return b"".join(parts)
        parts.append(part)
        total += len(part)
    return None


def _file_size(stream: Any) -> int | None:
    """The size of a plain file (``None`` for a pipe or a decompressed stream)."""
    try:
        st = os.fstat(stream.fileno())
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def read_jsonl(
    stream: BinaryIO,
    name: str,
    fields: JsonlFields,
    encoding: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Record]:
    """One record per line of a JSON Lines stream (UTF-8, gzip allowed); blank lines are skipped,
    and so is a byte order mark before the first line.

    A line is read with a bound: one longer than ``max_bytes`` + 512 KiB is an
    :class:`~cleantext.InputTooLarge` record, skipped without being held. Invalid UTF-8 is
    replaced (U+FFFD) and counted in the record's ``decode_errors``. A page is text already;
    ``encoding`` (or the record's ``fields.encoding`` field) applies to a page carried as bytes in
    Latin-1 characters (every character below U+0100, as ``requests`` gives a page without a
    charset): its bytes are decoded with that encoding.
    """
    if _peek_any(stream, 2) == b"\x1f\x8b":
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    limit = max_bytes + SLACK
    lineno = 0
    while True:
        line, size = _bounded_line(stream, limit)
        if not size:
            return
        lineno += 1
        if line is None:
            yield Record(id=f"{name}:{lineno}", error=InputTooLarge(size, max_bytes, "JSONL line"))
            continue
        if lineno == 1:
            line = line.removeprefix(_UTF8_BOM)
        if not line.strip():
            continue
        yield _jsonl_record(line, f"{name}:{lineno}", lineno, fields, encoding)


_UTF8_BOM = b"\xef\xbb\xbf"  #: a byte order mark, as some editors write before the first line


def _bounded_line(stream: Any, limit: int) -> tuple[bytes | None, int]:
    """The next line and its length; a line longer than ``limit`` is read to its end in pieces
    without being kept (``None``, its length)."""
    parts: list[bytes] = []
    size = 0
    while True:
        part = stream.readline(CHUNK_LINE)
        size += len(part)
        if parts is not None and size <= limit:
            parts.append(part)
        else:
            parts.clear()
        if not part or part.endswith(b"\n"):
            return (b"".join(parts) if size <= limit else None), size


CHUNK_LINE = 1 << 16


def _jsonl_record(line: bytes, rid: str, lineno: int, fields: JsonlFields, encoding: str | None) -> Record:
    try:
        text, bad = line.decode("utf-8"), 0
    except UnicodeDecodeError:
        text = line.decode("utf-8", "replace")
        bad = text.count("\ufffd") - line.count("\ufffd".encode())
    try:
        obj = json.loads(text)
        if not isinstance(obj, dict):
            raise ValueError(f"line {lineno} is a JSON {type(obj).__name__}, not an object")
        if fields.id and obj.get(fields.id) is not None:
            rid = str(obj[fields.id])
        if fields.page not in obj:
            raise KeyError(f"no field {fields.page!r} (use --field to name the field holding the page)")
        page = obj[fields.page]
        if not isinstance(page, str):
            raise TypeError(f"field {fields.page!r} holds a {type(page).__name__}, not a string")
        url = obj.get(fields.url) if fields.url else None
        enc = obj.get(fields.encoding) if fields.encoding else None
        if enc is not None and not isinstance(enc, str):
            raise TypeError(f"field {fields.encoding!r} holds a {type(enc).__name__}, not an encoding name")
        extra = {k: obj.get(k) for k in fields.carry}
    except (ValueError, KeyError, TypeError) as exc:
        return Record(id=rid, error=exc, decode_errors=bad)
    url = url if isinstance(url, str) else None
    enc = enc or encoding
    content: bytes | str = page
    if enc and _latin1_carried(page):
        content = page.encode("latin-1")
    return Record(id=rid, page=Page(content, encoding=enc, url=url), url=url, extra=extra, decode_errors=bad)


def _latin1_carried(page: str) -> bool:
    """Whether a page string can be bytes carried as Latin-1 characters (all below U+0100, and
    some above ASCII: an ASCII page reads the same either way).

    >>> _latin1_carried("\xd6\xd0\xce\xc4"), _latin1_carried("中文"), _latin1_carried("abc")
    (True, False, False)
    """
    return not page.isascii() and not _ABOVE_LATIN1.search(page)


_ABOVE_LATIN1 = re.compile("[^\x00-\xff]")


def _peek_any(stream: Any, n: int) -> bytes:
    if hasattr(stream, "peek"):
        return _peek(stream, n)
    if stream.seekable():
        pos = stream.tell()
        head = stream.read(n)
        stream.seek(pos)
        return head
    return b""


_HTMLISH = ("text/", "application/xhtml", "application/xml", "application/rss")


def _is_htmlish(content_type: str | None) -> bool:
    return not content_type or content_type.split(";")[0].strip().lower().startswith(_HTMLISH)


def read_warc(
    stream: BinaryIO,
    name: str,
    types: tuple[str, ...],
    stats: Stats | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Record]:
    """Records of a WARC (``response``: HTML pages with their HTTP Content-Type) or WET
    (``conversion``: text dumps) archive, plain or gzip (lz4 and zstd with FastWARC).

    Responses that are not text or HTML are skipped (``stats.skipped_non_html``), records of
    other types too (``stats.skipped_types``). A damaged stretch of the archive (a bad header, a
    record cut short, a corrupt gzip member) is one :class:`~cleantext.errors.BrokenRecord`
    record and reading resumes at the next record found; a response whose block is not an HTTP
    message is a ``BrokenRecord`` too; a record over ``max_bytes`` is an
    :class:`~cleantext.InputTooLarge` record, skipped unread.
    """
    stats = stats if stats is not None else Stats()
    parse = _response_parser()
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type,type-var]
    if _peek(buffered, 4) in (_ZSTD, _LZ4):
        yield from _read_fastwarc_whole(buffered, name, types, stats, max_bytes)
        return
    from .warcframe import frames

    for frame in frames(buffered, types, block_limit=max_bytes + SLACK):
        headers = frame.headers
        url = headers.get("warc-target-uri")
        rid = headers.get("warc-record-id") or f"{name}@{frame.offset}"
        if frame.error is not None:
            yield Record(id=rid, error=BrokenRecord(f"{frame.error} ({name}, byte {frame.offset})"), url=url)
            continue
        if frame.type not in types:
            stats.skipped_types[frame.type or ""] += 1
            continue
        if frame.too_large or frame.block is None:
            yield Record(id=rid, error=InputTooLarge(frame.length, max_bytes, "WARC record"), url=url)
            continue
        fetched = warc_date(headers.get("warc-date"))
        try:
            if frame.type == "conversion":
                page = Page(frame.block, encoding="utf-8", url=url, format="text", now=fetched)
            else:
                if not _HTTP_STATUS.match(frame.block):
                    declared = headers.get("content-type", "").lower()
                    if declared and not declared.startswith("application/http"):
                        stats.skipped_non_html += 1  # a DNS or other response that is not HTTP, and says so
                        continue
                    raise BrokenRecord(f"response record does not hold an HTTP message ({name}, byte {frame.offset})")
                ctype, read = parse(frame.head + frame.block + b"\r\n\r\n")
                if not _is_htmlish(ctype):
                    stats.skipped_non_html += 1
                    continue
                page = Page(_bounded_read(read, max_bytes), content_type=ctype, url=url, now=fetched)
        except Exception as exc:
            yield Record(id=rid, error=exc, url=url)
            continue
        yield Record(id=rid, page=page, url=url)


_HTTP_STATUS = re.compile(rb"HTTP/\d(?:\.\d)? +\d{3}")
_ZSTD, _LZ4 = b"\x28\xb5\x2f\xfd", b"\x04\x22\x4d\x18"
Reader = Any  # a callable read(n) -> bytes


def _response_parser() -> Any:
    """The function parsing one response record with FastWARC, else warcio."""
    try:
        import fastwarc  # noqa: F401
    except ImportError:
        try:
            import warcio  # noqa: F401
        except ImportError:
            raise ImportError("reading WARC/WET needs FastWARC or warcio: pip install 'cleantext-zh[warc]'") from None
        return _parse_warcio
    return _parse_fastwarc


def _parse_fastwarc(data: bytes) -> tuple[str | None, Reader]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    it = ArchiveIterator(
        io.BytesIO(data), record_types=WarcRecordType.response, parse_http=True, auto_decode="all", **_lf_headers()
    )
    for rec in it:
        ctype = rec.http_headers.get("Content-Type") if rec.http_headers is not None else None
        return ctype, rec.reader.read
    raise BrokenRecord("FastWARC could not read this response record")


@functools.cache
def _lf_headers() -> dict[str, Any]:
    """FastWARC's switch to read HTTP headers whose lines end in LF alone, as warcio does (without
    it FastWARC gives an empty page, or loses the Content-Type): ``quirks_mode`` from FastWARC 2 on
    (``strict_mode`` is ignored there), ``strict_mode=False`` before."""
    from fastwarc.warc import ArchiveIterator

    try:
        ArchiveIterator(io.BytesIO(b""), quirks_mode=True)
    except TypeError:
        return {"strict_mode": False}
    return {"quirks_mode": True}


def _parse_warcio(data: bytes) -> tuple[str | None, Reader]:
    from warcio.archiveiterator import ArchiveIterator

    for rec in ArchiveIterator(io.BytesIO(data)):
        if rec.rec_type == "response":
            ctype = rec.http_headers.get_header("Content-Type") if rec.http_headers else None
            return ctype, rec.content_stream().read
    raise BrokenRecord("warcio could not read this response record")


def _bounded_read(read: Reader, max_bytes: int) -> bytes:
    """Everything ``read`` gives, refused (:class:`~cleantext.InputTooLarge`) past ``max_bytes``
    (a payload can grow when its content encoding is undone)."""
    parts: list[bytes] = []
    total = 0
    while total <= max_bytes:
        part = read(max_bytes + 1 - total)
        if not part:
            return b"".join(parts)
        parts.append(part)
        total += len(part)
    raise InputTooLarge(None, max_bytes)


def warc_date(value: str | None) -> datetime | None:
    """A WARC-Date header as a timezone-aware datetime (``None`` when absent or malformed).

    >>> warc_date("2021-06-05T09:00:00Z").isoformat()
    '2021-06-05T09:00:00+00:00'
    >>> warc_date("yesterday") is None
    True
    """
    return iso_time(value, timezone.utc) if value else None


def _read_fastwarc_whole(
    stream: BinaryIO, name: str, types: tuple[str, ...], stats: Stats, max_bytes: int
) -> Iterator[Record]:
    """An lz4 or zstd archive, read by FastWARC as a whole (no resynchronisation after damage)."""
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        raise ImportError("reading lz4 or zstd WARC needs FastWARC: pip install 'cleantext-zh[warc]'") from None

    mask = getattr(WarcRecordType, types[0])
    for t in types[1:]:
        mask = mask | getattr(WarcRecordType, t)
    it = ArchiveIterator(stream, record_types=mask, parse_http=True, auto_decode="all", **_lf_headers())
    for n, rec in enumerate(it, 1):
        url = rec.headers.get("WARC-Target-URI")
        fetched = warc_date(rec.headers.get("WARC-Date"))
        rid = rec.record_id or f"{name}#{n}"
        try:
            if rec.record_type == WarcRecordType.conversion:
                page = Page(
                    _bounded_read(rec.reader.read, max_bytes), encoding="utf-8", url=url, format="text", now=fetched
                )
            else:
                ctype = rec.http_headers.get("Content-Type") if rec.http_headers is not None else None
                if not _is_htmlish(ctype):
                    stats.skipped_non_html += 1
                    continue
                page = Page(_bounded_read(rec.reader.read, max_bytes), content_type=ctype, url=url, now=fetched)
        except Exception as exc:
            yield Record(id=rid, error=exc, url=url)
            continue
        yield Record(id=rid, page=page, url=url)
