"""The ``cleantext`` command: pages in (files, directories, stdin, JSONL, WARC, WET), articles out.

The only module of cleantext that configures logging.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any, TextIO

from . import __version__
from .document import CONTENT_FIELDS
from .options import Options
from .parallel import default_jobs, map_ordered
from .readers import KINDS, JsonlFields, Record, Stats, read_inputs

log = logging.getLogger("cleantext")

EPILOG = """\
inputs:
  FILE        one page (HTML in any encoding, or a text dump) per file, or a JSONL/WARC/WET
              file of many; the kind comes from the name (.html .txt .jsonl .warc.gz .warc.wet.gz
              ...) or, failing that, from the content (gzip undone first)
  DIR         every file under the directory, recursively, in sorted order (hidden files, code,
              stylesheets, images and other files that are clearly not pages are skipped)
  -           standard input (the default when no input is named and stdin is not a terminal)

examples:
  cleantext examples/news.txt                          # the article text of one page
  cleantext page.html --explain                        # every block: KEEP/drop, score, reasons
  cleantext site-dump/ --out jsonl -j 4 > articles.jsonl
  curl -s https://example.cn/a.html | cleantext -      # a page on stdin
  cleantext CC-MAIN-*.warc.gz --out jsonl              # WARC response records (HTML)
  cleantext CC-MAIN-*.warc.wet.gz --in wet --out jsonl # WET conversion records (text dumps)
  cleantext crawl.jsonl --field html --url-field url --encoding-field charset --out jsonl
  cleantext pages/ --out jsonl --on-error keep | head -n 5
  cleantext explain page.html -o report.html           # why each block went: a report for a browser
                                                       # (see cleantext explain --help)

output:
  text      the article body of each page, paragraphs one per line, a blank line between pages
  markdown  the article as Markdown (headings, lists, tables, code, quotes), a blank line between pages
  html      the article as minimal, sanitised HTML, a blank line between pages
  jsonl     one JSON object per record, in input order: id, url, title, the --fields asked for
            (text, markdown, html, comments; default text), published, source, author, editor,
            encoding, encoding_source, decode_errors, format, kept_blocks, dropped_blocks, then
            blocks if asked for (and "error" for a failed record kept with --on-error keep);
            every field is described in cleantext.Document.to_dict

errors:
  A bad record never stops the batch: a missing or unreadable file, a broken symbolic link, a
  directory symlink loop (not followed), an invalid JSON line, a page, JSONL line or WARC record
  over --max-bytes (refused while reading), a damaged stretch of a WARC (bad header, record cut
  short, corrupt gzip member: reading resumes at the next record found), a WARC response that is
  not an HTTP message. --on-error skip (default) leaves it out, keep writes an empty result with
  an "error" field, raise stops with the exception. The first 5 warnings of each kind are shown,
  then only counted; failures are summed up on stderr at the end. A file reached by two paths is
  read once. Invalid UTF-8 in a JSONL line is replaced and counted in decode_errors (with
  --strict: a failed record).
  Exit status: 0 when at least one record was extracted (also when others failed, or the output
  pipe closed early); 1 when none was (every record failed, or the input held no records: the
  reason is printed, e.g. --in wet on a WARC of responses), or for an error with --on-error
  raise; 2 for a usage error.
"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleantext",
        description="Extract the article from Chinese web pages: HTML in any encoding, or plain-text dumps.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, directories, or - for stdin (see below)")
    g = p.add_argument_group("input")
    g.add_argument(
        "--in",
        dest="kind",
        choices=KINDS,
        default="auto",
        help="what the inputs are: auto (by file name, else by content), html or text (one page per file), "
        "jsonl (one page per line), warc (response records), wet (conversion records) "
        "(default: auto; e.g. --in wet)",
    )
    g.add_argument("--field", default="html", help="JSONL field holding the page (default: html; e.g. --field content)")
    g.add_argument(
        "--encoding-field",
        metavar="FIELD",
        help="JSONL field naming the page's encoding, for a page carried as bytes in Latin-1 characters "
        "(all below U+0100, as requests gives a page without a charset); other pages are text already "
        "(e.g. --encoding-field charset)",
    )
    g.add_argument(
        "--url-field",
        default="url",
        metavar="FIELD",
        help="JSONL field holding the page's URL (default: url; e.g. --url-field link)",
    )
    g.add_argument(
        "--id-field",
        default="id",
        metavar="FIELD",
        help="JSONL field holding the record id, else FILE:LINE is used (default: id)",
    )
    g.add_argument(
        "--carry",
        action="append",
        default=[],
        metavar="FIELD",
        help="copy this JSONL input field into the JSONL output row; repeatable (e.g. --carry lang)",
    )
    g.add_argument(
        "--now",
        metavar="TIME",
        type=_when,
        help="when the pages were fetched (ISO 8601; no zone means China time): resolves relative "
        "times (3小时前) and dates without a year in 'published'; WARC records use their own "
        "WARC-Date (e.g. --now 2021-06-05T09:00)",
    )
    g.add_argument(
        "--encoding",
        metavar="NAME",
        type=_encoding,
        help="decode every page with this encoding unless the record says otherwise; in JSONL, a page carried "
        "as bytes in Latin-1 characters (see --encoding-field) (e.g. --encoding gbk)",
    )

    g = p.add_argument_group("output")
    g.add_argument(
        "--out",
        choices=("text", "markdown", "html", "jsonl"),
        default="text",
        help="text (article bodies), markdown, html (sanitised) or jsonl (one row per record) "
        "(default: text; e.g. --out markdown)",
    )
    g.add_argument(
        "--fields",
        type=_fields,
        default=None,
        metavar="LIST",
        help="with --out jsonl: the content fields of each row, comma-separated, among "
        f"{','.join(CONTENT_FIELDS)} (default: text; e.g. --fields text,markdown,comments)",
    )
    g.add_argument(
        "--links", action="store_true", help="with markdown/html output: keep links, resolved against the page's URL"
    )
    g.add_argument("--images", action="store_true", help="with markdown/html output: keep images")
    g.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout (e.g. -o articles.jsonl)")
    g.add_argument(
        "--explain",
        action="store_true",
        help="print every block of every page with KEEP/drop, score and reasons instead of the text",
    )
    g.add_argument(
        "--blocks",
        action="store_true",
        help="with --out jsonl: add every block (text, kept, score, reasons, features) to each row",
    )

    g = p.add_argument_group("extraction")
    g.add_argument(
        "--max-bytes",
        type=_positive,
        default=Options.max_bytes,
        metavar="N",
        help=f"a page larger than N bytes is a failed record (default: {Options.max_bytes}; e.g. --max-bytes 5000000)",
    )
    g.add_argument(
        "--strict",
        action="store_true",
        help="a page that does not decode cleanly is a failed record instead of decoding with U+FFFD",
    )
    g.add_argument(
        "--no-jieba",
        action="store_true",
        help="never load jieba's dictionary (faster start, slightly rougher stopword estimate)",
    )
    g.add_argument(
        "--min-body-han",
        type=int,
        default=0,
        metavar="N",
        help="a body with fewer than N Han characters counts as no article (default: 0; e.g. 50)",
    )
    g.add_argument("--keep-title", action="store_true", help="start each text with the title line")

    g = p.add_argument_group("running")
    g.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help=f"worker processes (default: all cores, here {default_jobs()}; e.g. -j 1); output stays in input order",
    )
    g.add_argument(
        "--on-error",
        choices=("skip", "keep", "raise"),
        default="skip",
        help="what a failed record does: skip it, keep an empty result, or raise and stop "
        "(default: skip; e.g. --on-error keep)",
    )
    g.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (it is shown on stderr only when stderr is a terminal and tqdm is installed)",
    )
    g.add_argument("-q", "--quiet", action="store_true", help="no per-record warnings on stderr; only the summary")
    g.add_argument("--version", action="version", version=f"cleantext {__version__}")
    return p


def _fields(value: str) -> tuple[str, ...]:
    """``--fields``: content field names, comma-separated."""
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in CONTENT_FIELDS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"fields are among {','.join(CONTENT_FIELDS)}, not {value!r}")
    return names


def _encoding(value: str) -> str:
    """``--encoding``: a charset label a page may be decoded with (the labels :func:`cleantext.extract`
    takes), checked before any page is read."""
    from .decode import codec_name

    if codec_name(value) is None:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r} (e.g. gbk, gb18030, big5, utf-8)")
    return value


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] == "explain":  # a file named explain: ./explain
        return explain_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.WARNING, format="cleantext: %(message)s", stream=sys.stderr
    )

    inputs = list(args.inputs)
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            parser.error("no input: name files or directories, or pipe a page into stdin (see --help)")
        inputs = ["-"]
    if inputs.count("-") > 1:
        parser.error("stdin (-) can be named only once")
    if args.blocks and args.out != "jsonl":
        parser.error("--blocks needs --out jsonl")
    if args.explain and args.out != "text":
        parser.error(
            f"--explain prints a table per page and cannot be combined with --out {args.out} "
            "(every block as JSONL: --out jsonl --blocks)"
        )
    if args.fields is not None and args.out != "jsonl":
        parser.error("--fields needs --out jsonl")
    fields_wanted = (args.fields or ("text",)) + (("blocks",) if args.blocks else ())

    from .pipeline import Cleaner

    try:
        cleaner = Cleaner(
            max_bytes=args.max_bytes,
            strict=args.strict,
            use_jieba=not args.no_jieba,
            min_body_han=args.min_body_han,
            keep_title_in_text=args.keep_title,
            include_links=args.links,
            include_images=args.images,
            include_comments="comments" in fields_wanted,
        )
    except (TypeError, ValueError) as exc:  # --min-body-han -1
        parser.error(str(exc))
    fields = JsonlFields(
        page=args.field, encoding=args.encoding_field, url=args.url_field, id=args.id_field, carry=tuple(args.carry)
    )
    stats = Stats()
    skip: tuple[tuple[int, int], ...] = ()
    if args.output:
        clash = _input_at(args.output, inputs)
        if clash is not None:  # (before the output is opened, which would empty it)
            parser.error(f"-o/--output {args.output} is the input {clash}: writing it would destroy that input")
        try:
            out: TextIO = open(args.output, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            parser.error(f"cannot write {args.output}: {exc}")
        written = os.fstat(out.fileno())
        skip = ((written.st_dev, written.st_ino),)  # a directory named as input may hold it: not a page
    else:
        out = sys.stdout
        if hasattr(out, "reconfigure") and (out.encoding or "").lower().replace("-", "") != "utf8":
            out.reconfigure(encoding="utf-8")

    records = read_inputs(
        inputs, args.kind, fields=fields, encoding=args.encoding, stats=stats, max_bytes=args.max_bytes, skip=skip
    )
    if args.now is not None:
        records = _fetched_at(records, args.now)

    run = _Run(args, out)
    previous = _on_sigterm(_terminate)
    try:
        run.go(cleaner, records, args.jobs or default_jobs())
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        _silence_stdout()
        return 130
    except _Terminated:
        _silence_stdout()
        return 128 + signal.SIGTERM
    finally:
        _on_sigterm(previous)
        if out is not sys.stdout:
            out.close()
    return run.report(stats)


def _input_at(output: str, inputs: Sequence[str]) -> str | None:
    """The input file named in ``inputs`` that the path ``output`` is (by any path to it), if any.

    >>> _input_at("-", ["-"]) is None
    True
    """
    for name in inputs:
        if name == "-" or not os.path.isfile(name) or not os.path.exists(output):
            continue
        try:
            if os.path.samefile(name, output):
                return name
        except OSError:
            continue
    return None


class _Terminated(BaseException):
    """SIGTERM arrived: unwinds like KeyboardInterrupt, so the workers are ended on the way out."""


def _terminate(signum: int, frame: Any) -> None:
    raise _Terminated(signum)


def _on_sigterm(handler: Any) -> Any:
    """Install ``handler`` for SIGTERM (main thread only); the previous one, to put back."""
    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


def _when(value: str) -> datetime:
    """An ISO 8601 time for ``--now``; a time without a zone is China time (UTC+8)."""
    from .dates import iso_time

    when = iso_time(value)
    if when is None:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {value!r} (e.g. 2021-06-05T09:00)")
    return when


def _fetched_at(records: Iterator[Record], now: datetime) -> Iterator[Record]:
    """Records whose page has no fetch time of its own get ``now``."""
    for rec in records:
        if rec.page is not None and rec.page.now is None:
            rec = replace(rec, page=rec.page._replace(now=now))
        yield rec


def render(mode: str, doc: Any, fields: Sequence[str] = ("text",)) -> Any:
    """What the output needs of a Document, computed in the worker (small to send back):
    its text, Markdown or HTML, its JSON dict (with the content ``fields``) or its explanation."""
    if mode in ("text", "markdown", "html"):
        return getattr(doc, mode)
    if mode == "explain":
        return doc.explain()
    return doc.to_dict(blocks=mode == "blocks", fields=fields)


def _silence_stdout() -> None:
    """After the reader of stdout went away: point stdout at /dev/null so the interpreter's
    final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class _Run:
    """One run of the command: feeds records, writes results in order, counts failures."""

    def __init__(self, args: argparse.Namespace, out: TextIO) -> None:
        self.args = args
        self.out = out
        self.done = 0
        self.written = 0
        self.failures: Counter[str] = Counter()

    def go(self, cleaner: Any, records: Iterator[Record], jobs: int) -> None:
        # Small inputs are not worth starting worker processes (each loads jieba): look ahead.
        head: list[Record] = []
        for rec in records:
            head.append(rec)
            if len(head) > 16:
                break
        if len(head) <= 16:
            jobs = 1
        from itertools import chain

        records = chain(head, records)
        queue: deque[Record] = deque()

        def pages() -> Iterator[Any]:
            for rec in records:
                if rec.decode_errors and rec.page is not None and self.args.strict:
                    rec = replace(rec, page=None, error=_strict_error(rec))
                queue.append(rec)
                if rec.page is not None:
                    yield rec.page

        bar = self._progress()
        args = self.args
        mode = "explain" if args.explain else "blocks" if args.blocks else args.out
        fields = (args.fields or ("text",)) + (("blocks",) if args.blocks else ())
        results = map_ordered(cleaner, pages(), jobs, errors="return", postprocess=partial(render, mode, fields=fields))
        try:
            for result in results:
                while queue[0].page is None:
                    self._failed(queue.popleft(), None)
                self._emit(queue.popleft(), result)
                if bar is not None:
                    bar.update(1)
            while queue:  # unreadable records after the last page
                self._failed(queue.popleft(), None)
        finally:
            results.close()
            if bar is not None:
                bar.close()
        self.out.flush()

    def _progress(self) -> Any:
        if self.args.no_progress or not sys.stderr.isatty():
            return None
        try:
            from tqdm import tqdm
        except ImportError:
            return None
        return tqdm(unit="page", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)

    def _emit(self, rec: Record, result: Any) -> None:
        if isinstance(result, BaseException):
            self._failed(rec, result)
            return
        self.done += 1
        args = self.args
        if args.explain:
            self._write(f"==> {rec.id} <==\n{result}\n\n")
        elif args.out == "jsonl":
            row = {"id": rec.id, **rec.extra, **result}
            if row.get("url") is None:
                row["url"] = rec.url
            if rec.decode_errors:
                row["decode_errors"] = row.get("decode_errors", 0) + rec.decode_errors
            self._write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
        else:
            self._write(("\n" if self.written else "") + result + "\n")

    def _failed(self, rec: Record, exc: BaseException | None) -> None:
        exc = exc if exc is not None else rec.error
        assert exc is not None
        kind = type(exc).__name__ if not hasattr(exc, "type_name") else exc.type_name
        self.failures[kind] += 1
        if self.args.on_error == "raise":
            raise exc
        if self.failures[kind] <= SHOWN:
            log.warning("%s: %s: %s", rec.id, kind, _message(exc))
        elif self.failures[kind] == SHOWN + 1:
            log.warning("more %s errors: not shown, counted in the summary", kind)
        if self.args.on_error == "keep":
            args = self.args
            if args.explain:
                self._write(f"==> {rec.id} <==\nerror: {_message(exc)}\n\n")
            elif args.out == "jsonl":
                row = {"id": rec.id, **rec.extra, "url": rec.url, "title": None, "text": "", "error": _describe(exc)}
                self._write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
            else:
                self._write(("\n" if self.written else "") + "\n")

    def _write(self, s: str) -> None:
        self.out.write(s)
        self.written += 1

    def report(self, stats: Stats) -> int:
        """Print the summary on stderr; the exit status (1 when no record was extracted)."""
        failed = sum(self.failures.values())
        if stats.skipped_non_html:
            log.warning("skipped %d WARC responses that are not HTML or text", stats.skipped_non_html)
        if stats.duplicates:
            log.warning("read once %d files or directories reached again by another path", stats.duplicates)
        if failed:
            kinds = ", ".join(f"{name} ×{n}" for name, n in self.failures.most_common())
            action = {"skip": "skipped", "keep": "kept as empty results"}[self.args.on_error]
            print(
                f"cleantext: {failed} of {failed + self.done} records failed ({action}): {kinds}",
                file=sys.stderr,
            )
        if self.done:
            return 0
        print(f"cleantext: no record was extracted: {self._why_nothing(stats, failed)}", file=sys.stderr)
        return 1

    def _why_nothing(self, stats: Stats, failed: int) -> str:
        if failed:
            return "every record failed"
        if not stats.files:
            return "no input files (the directories named hold no page files)"
        if stats.skipped_types:
            wanted = {"warc": "response", "wet": "conversion"}.get(self.args.kind, "response or conversion")
            found = ", ".join(f"{n} {kind!r}" for kind, n in stats.skipped_types.most_common())
            hint = {"warc": " (a WET file? use --in wet)", "wet": " (a WARC of responses? use --in warc)"}
            return f"the archives hold no {wanted!r} records (found {found} records)" + hint.get(self.args.kind, "")
        if stats.skipped_non_html:
            return "every WARC response was something other than HTML or text"
        return "the input holds no records"


SHOWN = 5  #: warnings shown per kind of error; the rest are counted in the summary


def _strict_error(rec: Record) -> BaseException:
    from .errors import DecodeError

    return DecodeError(
        f"the record has {rec.decode_errors} invalid UTF-8 bytes (--strict)", encoding="utf-8", errors=rec.decode_errors
    )


def _message(exc: BaseException) -> str:
    msg = getattr(exc, "message", None) if hasattr(exc, "type_name") else None
    return str(msg if msg is not None else exc)


def _describe(exc: BaseException) -> str:
    return f"{getattr(exc, 'type_name', type(exc).__name__)}: {_message(exc)}"


def _json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


# -- cleantext explain -------------------------------------------------------------------------

EXPLAIN_EPILOG = """\
settings:
  KEY=VALUE   a field of cleantext.Options (input_format, max_bytes, strict, use_jieba, min_body_han,
              keep_title_in_text, chardet_prefix) or of its thresholds, as thresholds.NAME (good,
              neutral, neutral_value, bad_value, ..., see cleantext.select.Thresholds); booleans
              are true/false (also 1/0, yes/no, on/off)

examples:
  cleantext explain examples/news.txt -o report.html          # open report.html in a browser
  cleantext explain page.html --set use_jieba=false -o report.html
  cleantext explain page.html --encoding gbk > report.html    # no -o: the report on stdout
  cat page.html | cleantext explain - -o report.html

  # what a setting changes: A is the defaults (and --set), B adds --b
  cleantext explain page.html --diff --b thresholds.good=1.5 -o diff.html
  # two option sets against each other
  cleantext explain page.html --diff --a use_jieba=false --b use_jieba=true -o diff.html
  cleantext explain dump.txt --diff --a input_format=text --b input_format=html -o diff.html

  # one page of an archive or JSONL file (the file alone is refused: it holds many pages)
  cleantext explain CC-MAIN-1.warc.gz --record 3 -o report.html
  cleantext explain crawl.jsonl --record https://example.cn/a.html -o report.html

the report:
  One self-contained HTML file (no network, no script). Every block of the page in order: kept
  blocks green, dropped ones red, each with its score as a bar (right of the middle line: reads
  as prose; left: as boilerplate), its reason codes (hover for what they mean), its kind, and
  under "features" the terms behind the score. A switch shows only the kept text. With --diff,
  the blocks whose verdict or reasons differ between A and B (a switch shows the others).
  A report stays under 20x the page's size: texts over 2,000 characters are cut, and on a crowded
  page runs of tiny dropped blocks (unchanged blocks, with --diff) become one row each, features
  are shown for the first blocks only, and blocks past the limit are counted in a last row; each
  cut is marked. Bidirectional controls in the page (U+202E ...) are shown as <U+202E>.
"""


def build_explain_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleantext explain",
        description="Explain one page: an HTML report of every block, kept or dropped, with its score and "
        "reasons; or, with --diff, what two option sets change.",
        epilog=EXPLAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("page", metavar="PAGE", help="one page: an HTML file in any encoding or a text dump; - for stdin")
    p.add_argument(
        "-o", "--output", metavar="PATH", help="write the report here (default: stdout; e.g. -o report.html)"
    )
    p.add_argument(
        "--set",
        dest="common",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an option for the extraction (both sides with --diff); repeatable "
        "(e.g. --set use_jieba=false --set thresholds.good=0.5)",
    )
    p.add_argument("--diff", action="store_true", help="compare two extractions of the page: A and B")
    p.add_argument(
        "--a",
        dest="a",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="with --diff: an option for side A only; repeatable (e.g. --a use_jieba=false)",
    )
    p.add_argument(
        "--b",
        dest="b",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="with --diff: an option for side B only; repeatable (e.g. --b thresholds.good=1.5)",
    )
    p.add_argument(
        "--encoding", metavar="NAME", type=_encoding, help="decode the page with this encoding (e.g. --encoding gbk)"
    )
    p.add_argument("--url", metavar="URL", help="the page's URL, shown in the report")
    p.add_argument(
        "--record",
        metavar="N|URL|ID",
        help="PAGE is a WARC, WET or JSONL file: explain this record of it, by number (1 = the first page), "
        "URL or record id (e.g. --record 3)",
    )
    p.add_argument("--field", default="html", help="with --record on JSONL: the field holding the page (default: html)")
    return p


def apply_settings(options: Options, settings: Sequence[str]) -> Options:
    """``options`` with ``KEY=VALUE`` settings applied; ``thresholds.NAME=VALUE`` sets a threshold.

    Values are read as the type of the field (booleans as true/false, 1/0, yes/no, on/off);
    a bad name or value raises ``ValueError`` naming what is allowed.

    >>> o = apply_settings(Options(), ["use_jieba=false", "thresholds.good=1.5", "input_format=text"])
    >>> o.use_jieba, o.thresholds.good, o.input_format
    (False, 1.5, 'text')
    >>> apply_settings(Options(), ["use_jeiba=false"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown option 'use_jeiba'; options: chardet_prefix, ..., use_jieba, thresholds.NAME
    """
    from dataclasses import fields, replace

    names = sorted(f.name for f in fields(options) if f.name != "thresholds")
    limits = sorted(f.name for f in fields(options.thresholds))
    for setting in settings:
        key, sep, text = setting.partition("=")
        key = key.strip()
        if not sep:
            raise ValueError(f"not KEY=VALUE: {setting!r} (e.g. use_jieba=false)")
        if key.startswith("thresholds."):
            name = key[len("thresholds.") :]
            if name not in limits:
                raise ValueError(f"unknown threshold {name!r}; thresholds: {', '.join(limits)}")
            value = _setting_value(key, text, getattr(options.thresholds, name))
            options = options.updated(thresholds=replace(options.thresholds, **{name: value}))
        elif key in names:
            options = options.updated(**{key: _setting_value(key, text, getattr(options, key))})
        else:
            raise ValueError(f"unknown option {key!r}; options: {', '.join([*names, 'thresholds.NAME'])}")
    return options


def _setting_value(key: str, text: str, current: Any) -> Any:
    """``text`` read as the type of ``current``.

    >>> _setting_value("strict", "yes", False), _setting_value("thresholds.post_han", "12", 10)
    (True, 12)
    """
    text = text.strip()
    try:
        if isinstance(current, bool):
            words = {
                "true": True,
                "1": True,
                "yes": True,
                "on": True,
                "false": False,
                "0": False,
                "no": False,
                "off": False,
            }
            return words[text.lower()]
        if isinstance(current, int):
            return int(text)
        if isinstance(current, float):
            return float(text)
    except (KeyError, ValueError):
        kind = {bool: "true or false", int: "an integer", float: "a number"}[type(current)]
        raise ValueError(f"{key} must be {kind}, not {text!r}") from None
    return text


def explain_main(argv: Sequence[str]) -> int:
    """``cleantext explain``: the HTML report of one page, or of two option sets with ``--diff``.

    A WARC, WET or JSONL file holds many pages: ``--record`` names the one to explain."""
    parser = build_explain_parser()
    args = parser.parse_args(argv)
    if (args.a or args.b) and not args.diff:
        parser.error("--a and --b need --diff")
    try:
        base = apply_settings(Options(), args.common)
        side_a = apply_settings(base, args.a)
        side_b = apply_settings(base, args.b)
    except (ValueError, TypeError) as exc:
        parser.error(str(exc))
    if args.diff and side_a == side_b:
        parser.error("--diff: A and B have the same options; give B (or A) a setting, e.g. --b use_jieba=false")

    try:
        if args.page == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(args.page, "rb") as f:
                data = f.read()
    except OSError as exc:
        parser.error(f"cannot read {args.page}: {exc.strerror or exc}")

    from . import report
    from .errors import CleanTextError
    from .parallel import Page
    from .pipeline import Cleaner

    name = "stdin" if args.page == "-" else args.page
    page = _explained_page(parser, args, name, data)
    if page.error is not None:
        print(f"cleantext explain: {page.id}: {_describe(page.error)}", file=sys.stderr)
        return 1
    assert page.page is not None
    hints: Page = page.page._replace(encoding=args.encoding or page.page.encoding, url=args.url or page.page.url)
    name = page.id
    try:
        doc_a = hints.extract_with(Cleaner(side_a))
        doc_b = hints.extract_with(Cleaner(side_b)) if args.diff else None
    except (CleanTextError, LookupError, ValueError) as exc:  # too large, strict decode, unknown encoding
        print(f"cleantext explain: {name}: {exc}", file=sys.stderr)
        return 1

    def write(out: TextIO) -> None:
        size = len(hints.page) if isinstance(hints.page, bytes) else len(hints.page.encode("utf-8", "replace"))
        if doc_b is not None:
            label_a = " ".join([*args.common, *args.a]) or "defaults"
            label_b = " ".join([*args.common, *args.b]) or "defaults"
            report.write_diff_html(doc_a, doc_b, out, label_a=label_a, label_b=label_b, name=name, page_size=size)
        else:
            report.write_html(doc_a, out, name=name, page_size=size)

    if args.output and args.output != "-":
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as out:
                write(out)
        except OSError as exc:
            parser.error(f"cannot write {args.output}: {exc.strerror or exc}")
        summary = f"{len(doc_a.blocks)} blocks, {len(doc_a.kept)} kept"
        if doc_b is not None:
            summary += f" (A), {len(doc_b.kept)} kept (B)"
        print(f"cleantext explain: wrote {args.output}: {summary}", file=sys.stderr)
    else:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            import io

            text = io.TextIOWrapper(buffer, encoding="utf-8", newline="\n")
            write(text)
            text.flush()
            text.detach()
        else:
            write(sys.stdout)
    return 0


def _explained_page(parser: argparse.ArgumentParser, args: argparse.Namespace, name: str, data: bytes) -> Record:
    """The page to explain: the file itself, or with ``--record`` one record of an archive or
    JSONL file (a usage error names ``--record`` when such a file comes without it)."""
    import io

    from .parallel import Page
    from .readers import kind_of_path, sniff

    kind = kind_of_path(name) if args.page != "-" else None
    if kind is None:
        sniffed, stream = sniff(io.BytesIO(data))
        kind = {"warc+wet": "warc", "jsonl": "jsonl"}.get(sniffed, "page")
        if kind == "page":
            data = stream.read()  # gzip undone, as for the main command
    if kind not in ("warc", "wet", "jsonl"):
        if args.record is not None:
            parser.error(f"--record is for WARC, WET and JSONL files; {name} is one page")
        return Record(id=name, page=Page(data))
    what = {"warc": "a WARC archive", "wet": "a WET archive", "jsonl": "a JSONL file"}[kind]
    if args.record is None:
        parser.error(
            f"{name} is {what} of many pages: name one with --record N (1 = the first page), "
            f"--record URL or --record RECORD-ID (to see every page's blocks as text: cleantext {args.page} --explain)"
        )
    fields = JsonlFields(page=args.field)
    count = 0
    stdin = io.BytesIO(data)
    for count, rec in enumerate(read_inputs([args.page], "auto", fields=fields, stdin=stdin), 1):
        if args.record in (str(count), rec.id, rec.url):
            return replace(rec, id=f"{name} record {count} ({rec.id})" if rec.id != name else f"{name} record {count}")
    parser.error(f"--record {args.record}: no such record in {name} ({count} pages, numbered from 1)")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
