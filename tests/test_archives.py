"""Broken archives: every good record comes out once, in order; every bad one is counted.

Each archive is built here from small pages, then damaged: a bad header, a corrupt gzip member,
a cut inside an uncompressed record, a truncated last record, non-HTTP records, a record over
--max-bytes. Every test runs with FastWARC and with warcio alone (FastWARC hidden), and under
-j 1 and -j 2 (more than 16 records, so two worker processes really run).
"""

from __future__ import annotations

import gzip
import json
import re
import sys

import pytest

from cleantext import cli, readers
from cleantext.testing import article_paragraphs, make_page

N = 20  # good responses per archive


def page(i: int, pad: int = 0) -> bytes:
    paras = article_paragraphs(seed=100 + i, n=2 + i % 3)
    if pad:
        paras.append("补充说明的文字内容在这里继续展开。" * (pad // 48 + 1))
    return make_page(paras, kind="html", seed=i, title=f"第{i}号新闻标题发布")


def url(i: int) -> str:
    return f"http://news.example.cn/{i}.html"


def record(kind: str, target: str, block: bytes, rid: str, ctype: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Target-URI: {target}\r\n"
        f"WARC-Date: 2021-06-04T00:00:00Z\r\nContent-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode("ascii") + block + b"\r\n\r\n"


def response(i: int, payload: bytes | None = None, http_type: str = "text/html; charset=utf-8") -> bytes:
    payload = page(i) if payload is None else payload
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {http_type}\r\nContent-Length: {len(payload)}\r\n\r\n"
    return record("response", url(i), http.encode("ascii") + payload, f"{i:08d}", "application/http; msgtype=response")


def request(i: int) -> bytes:
    block = b"GET / HTTP/1.1\r\nHost: news.example.cn\r\n\r\n"
    return record("request", url(i), block, f"q{i:07d}", "application/http; msgtype=request")


def records(n: int = N) -> list[bytes]:
    """A warcinfo record, then a request and a response for each page."""
    out = [record("warcinfo", "", b"software: test\r\n", "info0000", "application/warc-fields")]
    for i in range(n):
        out += [request(i), response(i)]
    return out


def archive(recs: list[bytes], gz: bool) -> bytes:
    return b"".join(gzip.compress(r) for r in recs) if gz else b"".join(recs)


def packed(recs: list[bytes], form: str) -> bytes:
    """The archive ``plain``, as one gzip member per record (``gzip``) or as one member (``whole``)."""
    return gzip.compress(archive(recs, False)) if form == "whole" else archive(recs, form == "gzip")


@pytest.fixture(params=["fastwarc", "warcio"])
def lib(request, monkeypatch) -> str:
    if request.param == "warcio":
        pytest.importorskip("warcio")
        monkeypatch.setitem(sys.modules, "fastwarc", None)
        monkeypatch.setitem(sys.modules, "fastwarc.warc", None)
        assert readers._response_parser() is readers._parse_warcio
    else:
        pytest.importorskip("fastwarc")
        assert readers._response_parser() is readers._parse_fastwarc
    return request.param


def run(capsys, *argv: str) -> tuple[int, list[dict], str]:
    code = cli.main(["--no-jieba", "--out", "jsonl", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


@pytest.fixture(scope="module")
def clean_rows() -> dict[str, dict]:
    """The rows of the undamaged archive, by URL (what every good record must still give)."""
    from cleantext import Cleaner

    cleaner = Cleaner(use_jieba=False)
    return {url(i): cleaner.extract(page(i), content_type="text/html; charset=utf-8").to_dict() for i in range(N)}


def check(capsys, tmp_path, data: bytes, name: str, bad: list[int], failures: int, clean_rows, extra=()) -> str:
    """Run the archive with -j 1 and -j 2, --on-error keep and skip: the good pages (all but
    ``bad``) come out once, in order, as in the undamaged archive; ``failures`` records failed."""
    path = tmp_path / name
    path.write_bytes(data)
    good = [url(i) for i in range(N) if i not in bad]
    outs = []
    for jobs in ("1", "2"):
        code, got, err = run(capsys, "-j", jobs, "--on-error", "keep", *extra, str(path))
        assert code == 0, err
        ok = [r for r in got if "error" not in r]
        assert [r["url"] for r in ok] == good
        for r in ok:
            want = clean_rows[r["url"]]
            assert (r["text"], r["title"], r["encoding"]) == (want["text"], want["title"], want["encoding"])
        errors = [r for r in got if "error" in r]
        assert len(errors) == failures, err
        assert all(r["text"] == "" for r in errors)
        summary = f"{failures} of {len(good) + failures} records failed (kept as empty results)"
        assert summary in err if failures else "records failed" not in err
        outs.append(got)
        code, got, err = run(capsys, "-j", jobs, *extra, str(path))
        assert code == 0 and [r["url"] for r in got] == good
        summary = f"{failures} of {len(good) + failures} records failed (skipped)"
        assert summary in err if failures else "records failed" not in err
    assert outs[0] == outs[1]
    return err


# -- the damage ---------------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize(
    "damage",
    [
        lambda h: h.replace(b"Content-Length:", b"Content-Lenght:"),
        lambda h: h.replace(b"Content-Length: ", b"Content-Length: x"),
        lambda h: h.replace(b"WARC-Type: response", b"WARC-Type response"),
        lambda h: h.replace(b"WARC/1.0", b"WARX/1.0"),
        lambda h: h.replace(b"\r\n\r\n", b"\r\n", 1),  # no end of the header: it runs into the block
        lambda h: h.replace(b"WARC-Type: response", b"WARC-Type: rusponse"),
    ],
    ids=["no-length", "bad-length", "bad-line", "bad-version", "no-blank-line", "unknown-type"],
)
def test_bad_header(capsys, tmp_path, lib, clean_rows, gz, damage):
    recs = records()
    k = 2 + 2 * 7  # the response of page 7
    head, sep, block = recs[k].partition(b"\r\n\r\n")
    recs[k] = damage(head + sep) + block
    check(capsys, tmp_path, archive(recs, gz), "bad.warc" + ".gz" * gz, [7], 1, clean_rows)


@pytest.mark.parametrize("where", ["deflate", "gzip-header", "crc"])
def test_corrupt_gzip_member_in_the_middle(capsys, tmp_path, lib, clean_rows, where):
    members = [gzip.compress(r) for r in records()]
    k = 2 + 2 * 9
    m = bytearray(members[k])
    if where == "deflate":
        m[len(m) // 2 : len(m) // 2 + 16] = b"\xaa" * 16
    elif where == "gzip-header":
        m[0:2] = b"\x00\x00"
    else:
        m[-8] ^= 0xFF  # the CRC of a member that otherwise inflates fine
    members[k] = bytes(m)
    err = check(capsys, tmp_path, b"".join(members), "mid.warc.gz", [9], 1, clean_rows)
    assert "BrokenRecord ×1" in err


def test_cut_inside_an_uncompressed_record(capsys, tmp_path, lib, clean_rows):
    recs = records()
    k = 2 + 2 * 11
    assert len(recs[k]) > 1200
    cut = len(recs[k]) // 2
    recs[k] = recs[k][:cut] + recs[k][cut + 200 :]
    check(capsys, tmp_path, archive(recs, False), "cut.warc", [11], 1, clean_rows)
    # a cut across the end of a record (the request of page 12) and into the header of the next one
    # (its response): the page is lost, the damage counted once
    data = archive(records(), False)
    start = data.index(f"<urn:uuid:{12:08d}>".encode())
    at = data.rindex(b"WARC/1.0", 0, start) - 100
    check(capsys, tmp_path, data[:at] + data[at + 200 :], "cut2.warc", [12], 1, clean_rows)


def response_line_ends(i: int, ends: tuple[bytes, ...]) -> bytes:
    """The response of page ``i`` with its HTTP header lines (and the blank line) ending in ``ends``."""
    payload = page(i)
    lines = [b"HTTP/1.1 200 OK", b"Content-Type: text/html; charset=utf-8", b"Content-Length: %d" % len(payload)]
    http = b"".join(line + end for line, end in zip([*lines, b""], ends)) + payload
    return record("response", url(i), http, f"{i:08d}", "application/http; msgtype=response")


@pytest.mark.parametrize(
    "ends",
    [(b"\n",) * 4, (b"\r\n", b"\n", b"\r\n", b"\n"), (b"\n",) + (b"\r\n",) * 3],
    ids=["lf", "mixed", "lf-first"],
)
def test_http_header_lines_ending_in_lf_alone(capsys, tmp_path, lib, clean_rows, ends):
    """warcio reads HTTP headers whose lines end in LF alone; FastWARC gave an empty page (or lost
    the Content-Type) without a word. Both parsers give the page of the CRLF archive."""
    recs = records()
    for i in (3, 8):
        recs[2 + 2 * i] = response_line_ends(i, ends)
    check(capsys, tmp_path, archive(recs, True), "lf.warc.gz", [], 0, clean_rows)


HTTP_HEADS = {
    "crlf": b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\r\n\r\n",
    "lf": b"HTTP/1.1 200 OK\nContent-Type: text/html; charset=gbk\n\n",
    "lf-folded": b"HTTP/1.1 200 OK\nContent-Type: text/html;\n charset=gbk\n\n",
    "lf-first": b"HTTP/1.1 200 OK\nContent-Type: text/html; charset=gbk\r\n\r\n",
    "mixed": b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=gbk\n\r\n",
    "lf-no-headers": b"HTTP/1.1 200 OK\n\n",
    "lf-gzip": b"HTTP/1.1 200 OK\nContent-Type: text/html; charset=gbk\nContent-Encoding: gzip\n\n",
    "lf-chunked": b"HTTP/1.1 200 OK\nContent-Type: text/html; charset=gbk\nTransfer-Encoding: chunked\n\n",
}


@pytest.mark.parametrize("head", sorted(HTTP_HEADS))
def test_fastwarc_and_warcio_parse_the_same(head):
    """The README's promise, on HTTP heads of either line end: the same Content-Type, the same page."""
    pytest.importorskip("fastwarc")
    pytest.importorskip("warcio")
    body = "<html><head><title>重庆新闻</title></head><body><p>今天上午市政府召开新闻发布会。</p></body></html>"
    payload = body.encode("gbk")
    if "gzip" in head:
        payload = gzip.compress(payload)
    if "chunked" in head:
        payload = b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload)
    rec = record("response", url(1), HTTP_HEADS[head] + payload, "00000001", "application/http; msgtype=response")
    got = []
    for parse in (readers._parse_fastwarc, readers._parse_warcio):
        ctype, read = parse(rec)
        got.append((ctype, read(1 << 20)))
    want_type = None if head == "lf-no-headers" else "text/html; charset=gbk"
    assert got[0] == got[1] == (want_type, body.encode("gbk"))


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_truncated_last_record_is_a_failure_not_a_page(capsys, tmp_path, lib, clean_rows, gz):
    recs = records()
    data = archive(recs, gz)
    last = len(gzip.compress(recs[-1])) if gz else len(recs[-1])
    data = data[: len(data) - last // 2]
    err = check(capsys, tmp_path, data, "trunc.warc" + ".gz" * gz, [N - 1], 1, clean_rows)
    assert "BrokenRecord ×1" in err


def test_non_http_records(capsys, tmp_path, lib, clean_rows, caplog):
    recs = records()
    not_http = record("response", url(3), b"hello, this is not HTTP", f"{3:08d}", "application/http; msgtype=response")
    dns = record("response", "dns:news.example.cn", b"20210604 news.example.cn. 300 IN A 10.0.0.1", "dns0", "text/dns")
    meta = record("metadata", url(4), b"via: http://news.example.cn/\r\n", "meta0", "application/warc-fields")
    png = response(5, b"\x89PNG\r\n\x1a\n....", "image/png")
    recs[2 + 2 * 3] = not_http
    # a response that holds HTTP under a damaged Content-Type is still read
    recs[2 + 2 * 6] = recs[2 + 2 * 6].replace(b"application/http; msgtype=response", b"applicatiom/http")
    recs[2 + 2 * 4 : 2 + 2 * 4] = [dns, meta, png]
    err = check(capsys, tmp_path, archive(recs, True), "nonhttp.warc.gz", [3], 1, clean_rows)
    assert "BrokenRecord ×1" in err
    assert "does not hold an HTTP message" in caplog.text
    assert "skipped 2 WARC responses that are not HTML or text" in caplog.text


@pytest.mark.parametrize("form", ["plain", "gzip", "whole"])
def test_huge_record(capsys, tmp_path, lib, clean_rows, form):
    recs = records()
    limit = max(len(page(i)) for i in range(N)) + 100
    recs[2 + 2 * 13] = response(13, page(13, pad=3 * limit))
    name = "huge.warc" + ".gz" * (form != "plain")
    err = check(capsys, tmp_path, packed(recs, form), name, [13], 1, clean_rows, ("--max-bytes", str(limit)))
    assert "InputTooLarge ×1" in err


@pytest.mark.parametrize("form", ["plain", "gzip", "whole"])
@pytest.mark.parametrize(
    ("k", "claim", "lost"),
    [(2 + 2 * 7, 70 << 20, [7]), (2 + 2 * 7, 2 << 20, [7]), (1 + 2 * 9, 5 << 30, [])],
    ids=["response-70MiB", "response-2MiB-over-max-bytes", "request-5GiB"],
)
def test_a_content_length_claiming_too_much_loses_one_record(capsys, tmp_path, lib, clean_rows, form, k, claim, lost):
    """A corrupted Content-Length far above the page cap (+ its slack), the record really short:
    reading resumes at the next record header inside the claimed length, the record is one failure,
    and every other page comes out (it used to skip the claimed length and lose all that followed)."""
    recs = records()
    head, sep, block = recs[k].partition(b"\r\n\r\n")
    recs[k] = re.sub(rb"Content-Length: \d+", b"Content-Length: %d" % claim, head) + sep + block
    limit = max(len(page(i)) for i in range(N)) + 100
    extra = ("--max-bytes", str(limit)) if claim < 64 << 20 else ()
    name = "claim.warc" + ".gz" * (form != "plain")
    err = check(capsys, tmp_path, packed(recs, form), name, lost, 1, clean_rows, extra)
    assert "BrokenRecord ×1" in err
    if form == "gzip" and lost:  # explain finds a page after the damage too
        out = tmp_path / "r.html"
        assert cli.main(["explain", str(tmp_path / name), "--record", url(12), "-o", str(out)]) == 0
        assert "第12号新闻标题发布" in out.read_text("utf-8")


def test_one_gzip_member_for_the_whole_archive(capsys, tmp_path, lib, clean_rows):
    """Not one member per record: records cross the decompressed chunks; a cut in the one member
    loses what follows it (no member to resync at), counted as one failure."""
    data = gzip.compress(archive(records(), False))
    check(capsys, tmp_path, data, "one.warc.gz", [], 0, clean_rows)
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) // 2])
    code, got, err = run(capsys, "--on-error", "keep", str(tmp_path / "cut.warc.gz"))
    ok = [r["url"] for r in got if "error" not in r]
    assert code == 0 and ok == [url(i) for i in range(len(ok))] and len(ok) >= 3
    assert len(got) == len(ok) + 1 and "1 of" in err


def test_many_files_one_bad_in_the_middle(capsys, tmp_path, lib, clean_rows):
    """The issue's case: good.warc bad.warc good.warc.gz gave 0 rows with warcio."""
    recs = records()
    (tmp_path / "a.warc").write_bytes(archive(recs[:11], False))  # pages 0-4
    bad = recs[:1] + recs[11:21]  # pages 5-9, page 7's header damaged
    bad[6] = bad[6].replace(b"Content-Length: ", b"Content-Length: x", 1)
    assert b"<urn:uuid:00000007>" in bad[6]
    (tmp_path / "b.warc").write_bytes(archive(bad, False))
    (tmp_path / "c.warc.gz").write_bytes(archive(recs[:1] + recs[21:], True))  # pages 10-19
    code, got, err = run(capsys, "-j", "2", *(str(tmp_path / n) for n in ("a.warc", "b.warc", "c.warc.gz")))
    assert code == 0
    assert [r["url"] for r in got] == [url(i) for i in range(N) if i != 7]
    assert "1 of 20 records failed" in err


def test_damaged_stretch_between_records_is_counted(capsys, tmp_path, lib, clean_rows):
    """Garbage between two gzip members (no record of its own) is one failure; the rest reads."""
    members = [gzip.compress(r) for r in records()]
    members.insert(2 + 2 * 6, b"this is not gzip at all" * 10)
    check(capsys, tmp_path, b"".join(members), "junk.warc.gz", [], 1, clean_rows)


def test_wet_cut_and_bad_header(capsys, tmp_path, lib):
    texts = [make_page(article_paragraphs(seed=200 + i, n=2), kind="text", seed=i) for i in range(N)]
    recs = [record("conversion", url(i), t, f"c{i:07d}", "text/plain") for i, t in enumerate(texts)]
    recs[4] = recs[4].replace(b"WARC-Type: conversion", b"WARC-Type conversion")
    data = archive(recs, True)
    path = tmp_path / "x.warc.wet.gz"
    path.write_bytes(data[:-40])
    for jobs in ("1", "2"):
        code, got, err = run(capsys, "-j", jobs, str(path))
        assert code == 0
        assert [r["url"] for r in got] == [url(i) for i in range(N - 1) if i != 4]
        assert "2 of 20 records failed" in err


def damaged_runs(lib_name: str, gz: bool, seed: int) -> None:
    """Random damage (cuts of 1 to 3000 bytes, changed bytes): never an exception, every page at most
    once and in order, and no page lost without a failure (or a skipped response) to show for it."""
    import io
    import random

    from cleantext.readers import Stats, read_warc

    rng = random.Random(seed)
    recs = records()
    clean = archive(recs, gz)
    ids = [f"<urn:uuid:{i:08d}>" for i in range(N)]
    for _ in range(40):
        data = bytearray(clean)
        at = rng.randrange(len(data))
        if rng.random() < 0.5:
            del data[at : at + rng.choice([1, 5, 50, 200, 3000])]
        else:
            data[at] = (data[at] + rng.randrange(1, 256)) % 256
        stats = Stats()
        got = list(read_warc(io.BytesIO(bytes(data)), "x", ("response",), stats))
        pages = [r.id for r in got if r.page is not None]
        failures = sum(r.error is not None for r in got)
        assert len(pages) == len(set(pages)) and pages == [i for i in ids if i in pages], (lib_name, at)
        lost = sum(i not in pages for i in ids)
        assert lost <= failures + stats.skipped_non_html + 1, (lib_name, at, lost, failures)
        if lost:
            assert failures or stats.skipped_non_html or any(r.id not in ids for r in got if r.page), (lib_name, at)


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_random_damage(lib, gz):
    damaged_runs(lib, gz, seed=14)
