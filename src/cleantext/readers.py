"""Records out of files, directories, stdin, JSONL and WARC/WET archives, for the CLI and batch jobs.

Every reader yields :class:`Record` objects in input order: an id, the :class:`~cleantext.parallel.Page`
to extract, or the error that made the record unreadable (a bad record never stops the batch;
the caller decides what to do with it).

WARC and WET archives are read with FastWARC (the ``warc`` extra) when it is installed, else
with warcio; plain or compressed (gzip, and with FastWARC lz4/zstd too).

>>> import io, json
>>> recs = list(read_jsonl(io.BytesIO(b'{"id": "a", "html": "<p>x</p>"}\\nnot json\\n'), "s.jsonl", JsonlFields()))
>>> [(r.id, r.page.page if r.page else None, type(r.error).__name__) for r in recs]
[('a', '<p>x</p>', 'NoneType'), ('s.jsonl:2', None, 'JSONDecodeError')]
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, BinaryIO

from .dates import iso_time
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
    """What the readers skipped on purpose (not errors)."""

    skipped_non_html: int = 0


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
    """The kind of a stream by its first bytes (``warc``, ``jsonl`` or ``auto`` for a single page),
    and a stream to read it from (gzip undone)."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type,type-var]
    head = _peek(buffered, 2)
    if head[:2] == b"\x1f\x8b":
        buffered = io.BufferedReader(gzip.GzipFile(fileobj=buffered))  # type: ignore[arg-type]
    head = _peek(buffered, 64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc+wet", buffered
    if head.startswith(b"{"):
        return "jsonl", buffered
    return "auto", buffered


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


def iter_paths(inputs: Iterable[str]) -> Iterator[str]:
    """Files named, and the files under directories (recursively, in sorted path order; hidden
    files and ones that are clearly not pages, such as ``.py``, ``.css`` or images, skipped);
    ``-`` as is."""
    for name in inputs:
        if name != "-" and os.path.isdir(name):
            yield from _walk(name)
        else:
            yield name


def _walk(directory: str) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower().endswith(_NOT_PAGES):
            continue
        if entry.is_dir():
            yield from _walk(entry.path)
        elif entry.is_file():
            yield entry.path


def read_inputs(
    inputs: Iterable[str],
    kind: str = "auto",
    *,
    fields: JsonlFields | None = None,
    encoding: str | None = None,
    stats: Stats | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Record]:
    """Every record of every input (paths, directories, ``-`` for stdin), in order."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    fields = fields or JsonlFields()
    stats = stats if stats is not None else Stats()
    for path in iter_paths(inputs):
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
        try:
            yield from _read_stream(stream, name, kind, fields, encoding, stats)
        except OSError as exc:  # a file that breaks off mid-way (truncated gzip, bad archive)
            yield Record(id=name, error=exc)
        finally:
            if opened is not None:
                opened.close()


def _stdin() -> BinaryIO:
    import sys

    return sys.stdin.buffer


def _read_stream(
    stream: BinaryIO, name: str, kind: str, fields: JsonlFields, encoding: str | None, stats: Stats
) -> Iterator[Record]:
    if kind == "auto":
        by_name = kind_of_path(name) if name != "<stdin>" else None
        if by_name is None:
            sniffed, stream = sniff(stream)
            kind = sniffed
        else:
            kind = "warc+wet" if by_name == "warc" else by_name  # a .warc may hold conversions too
    if kind in ("auto", "html", "text"):
        fmt = None if kind == "auto" else kind
        yield Record(id=name, page=Page(stream.read(), encoding=encoding, format=fmt))
    elif kind == "jsonl":
        yield from read_jsonl(stream, name, fields, encoding)
    else:
        types = {"warc": ("response",), "wet": ("conversion",), "warc+wet": ("response", "conversion")}[kind]
        yield from read_warc(stream, name, types, stats)


def read_jsonl(stream: BinaryIO, name: str, fields: JsonlFields, encoding: str | None = None) -> Iterator[Record]:
    """One record per line of a JSON Lines stream (gzip allowed); blank lines are skipped."""
    if _peek_any(stream, 2) == b"\x1f\x8b":
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        rid = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
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
            extra = {k: obj.get(k) for k in fields.carry}
        except (ValueError, KeyError, TypeError) as exc:
            yield Record(id=rid, error=exc)
            continue
        yield Record(
            id=rid,
            page=Page(page, encoding=enc or encoding, url=url if isinstance(url, str) else None),
            url=url if isinstance(url, str) else None,
            extra=extra,
        )


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


def read_warc(stream: BinaryIO, name: str, types: tuple[str, ...], stats: Stats | None = None) -> Iterator[Record]:
    """Records of a WARC (``response``: HTML pages with their HTTP Content-Type) or WET
    (``conversion``: text dumps) archive. Responses that are not text or HTML are skipped."""
    stats = stats if stats is not None else Stats()
    try:
        import fastwarc  # noqa: F401
    except ImportError:
        try:
            import warcio  # noqa: F401
        except ImportError:
            raise ImportError("reading WARC/WET needs FastWARC or warcio: pip install 'cleantext-zh[warc]'") from None
        yield from _read_warcio(stream, name, types, stats)
        return
    yield from _read_fastwarc(stream, name, types, stats)


def warc_date(value: str | None) -> datetime | None:
    """A WARC-Date header as a timezone-aware datetime (``None`` when absent or malformed).

    >>> warc_date("2021-06-05T09:00:00Z").isoformat()
    '2021-06-05T09:00:00+00:00'
    >>> warc_date("yesterday") is None
    True
    """
    return iso_time(value, timezone.utc) if value else None


def _read_fastwarc(stream: BinaryIO, name: str, types: tuple[str, ...], stats: Stats) -> Iterator[Record]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    mask = getattr(WarcRecordType, types[0])
    for t in types[1:]:
        mask = mask | getattr(WarcRecordType, t)
    it = ArchiveIterator(stream, record_types=mask, parse_http=True, auto_decode="all")
    for n, rec in enumerate(it, 1):
        url = rec.headers.get("WARC-Target-URI")
        fetched = warc_date(rec.headers.get("WARC-Date"))
        rid = rec.record_id or f"{name}#{n}"
        try:
            if rec.record_type == WarcRecordType.conversion:
                page = Page(rec.reader.read(), encoding="utf-8", url=url, format="text", now=fetched)
            else:
                ctype = rec.http_headers.get("Content-Type") if rec.http_headers is not None else None
                if not _is_htmlish(ctype):
                    stats.skipped_non_html += 1
                    continue
                page = Page(rec.reader.read(), content_type=ctype, url=url, now=fetched)
        except Exception as exc:
            yield Record(id=rid, error=exc, url=url)
            continue
        yield Record(id=rid, page=page, url=url)


def _read_warcio(stream: BinaryIO, name: str, types: tuple[str, ...], stats: Stats) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator

    for n, rec in enumerate(ArchiveIterator(stream), 1):
        if rec.rec_type not in types:
            continue
        url = rec.rec_headers.get_header("WARC-Target-URI")
        fetched = warc_date(rec.rec_headers.get_header("WARC-Date"))
        rid = rec.rec_headers.get_header("WARC-Record-ID") or f"{name}#{n}"
        try:
            if rec.rec_type == "conversion":
                page = Page(rec.content_stream().read(), encoding="utf-8", url=url, format="text", now=fetched)
            else:
                ctype = rec.http_headers.get_header("Content-Type") if rec.http_headers else None
                if not _is_htmlish(ctype):
                    stats.skipped_non_html += 1
                    continue
                page = Page(rec.content_stream().read(), content_type=ctype, url=url, now=fetched)
        except Exception as exc:
            yield Record(id=rid, error=exc, url=url)
            continue
        yield Record(id=rid, page=page, url=url)
