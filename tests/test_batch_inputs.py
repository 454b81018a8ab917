"""The batch command's inputs: runs that extract nothing say why, paths are read once, JSONL lines
keep their record, and max_bytes is refused while reading (bounded memory)."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tracemalloc

import pytest
from test_archives import archive, packed, record, records, response

from cleantext import InputTooLarge, cli
from cleantext.errors import BrokenRecord
from cleantext.readers import JsonlFields, read_inputs
from cleantext.testing import article_paragraphs, make_page


def page(i: int, encoding: str = "utf-8") -> bytes:
    return make_page(
        article_paragraphs(seed=300 + i, n=2), kind="html", seed=i, encoding=encoding, title=f"第{i}号标题"
    )


def paras(i: int) -> list[str]:
    return article_paragraphs(seed=300 + i, n=2)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--no-jieba", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


# -- runs that extract nothing say why and exit 1 -----------------------------------------------


def test_wet_on_a_warc_and_warc_on_a_wet(capsys, tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(archive(records(3), True))
    code, out, err = run(capsys, "--in", "wet", str(warc))
    assert code == 1 and out == ""
    assert "no record was extracted" in err and "'conversion'" in err and "3 'response'" in err
    assert "use --in warc" in err
    wet = tmp_path / "crawl.warc.wet.gz"
    text = make_page(paras(0), kind="text")
    wet.write_bytes(
        archive([record("conversion", "http://a.cn/", text, f"c{i}", "text/plain") for i in range(2)], True)
    )
    code, out, err = run(capsys, "--in", "warc", str(wet))
    assert code == 1 and out == "" and "2 'conversion'" in err and "use --in wet" in err
    assert run(capsys, str(wet))[0] == 0  # by its name: conversions


def test_empty_directory(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "x.py").write_text("print(1)\n")
    for d in ("empty", "code"):
        code, out, err = run(capsys, str(tmp_path / d))
        assert code == 1 and out == "" and "no input files" in err


def test_every_record_failed_exits_1_and_repeated_errors_are_summarised(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body>\n" + b"<p>\xe6\x96\x87\xe5\xad\x97</p>\n" * 300 + b"</body></html>\n")
    proc = subprocess.run(
        [sys.executable, "-m", "cleantext", "--no-jieba", "--in", "jsonl", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 5 + 3, lines  # 5 shown, "more ... not shown", the count, the reason
    assert sum("JSONDecodeError: " in line for line in lines) == 5
    assert "more JSONDecodeError errors: not shown" in lines[5]
    assert "302 of 302 records failed (skipped): JSONDecodeError ×302" in lines[6]
    assert "no record was extracted: every record failed" in lines[7]
    proc = subprocess.run(
        [sys.executable, "-m", "cleantext", "-q", "--on-error", "keep", "--out", "jsonl", "--in", "jsonl", str(path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and len(proc.stdout.splitlines()) == 302 and len(proc.stderr.splitlines()) == 2


def test_empty_input_says_so(capsys, tmp_path):
    (tmp_path / "e.jsonl").write_bytes(b"\n\n")
    code, _out, err = run(capsys, str(tmp_path / "e.jsonl"))
    assert code == 1 and "the input holds no records" in err


# -- paths: missing, broken links, loops; each real file read once ------------------------------


def test_a_missing_file_among_many_is_a_counted_failure(capsys, tmp_path):
    for i in (0, 1):
        (tmp_path / f"{i}.html").write_bytes(page(i))
    argv = [str(tmp_path / "0.html"), str(tmp_path / "missing.html"), str(tmp_path / "1.html")]
    code, out, err = run(capsys, "--out", "jsonl", "--on-error", "keep", *argv)
    got = rows(out)
    assert code == 0 and [r["id"] for r in got] == argv
    assert got[1]["error"].startswith("FileNotFoundError") and got[1]["text"] == ""
    assert [r["text"].split("\n") for r in (got[0], got[2])] == [paras(0), paras(1)]
    assert "1 of 3 records failed" in err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_broken_symlinks_and_loops(capsys, tmp_path, caplog):
    root = tmp_path / "site"
    (root / "sub").mkdir(parents=True)
    (root / "a.html").write_bytes(page(0))
    (root / "sub" / "b.html").write_bytes(page(1))
    os.symlink(root / "gone.html", root / "broken.html")
    os.symlink(root, root / "sub" / "loop")  # a loop back to the top
    os.symlink(root / "sub", root / "sub2")  # a second path to sub, after it in sorted order: read once
    os.symlink(root / "a.html", root / "sub" / "link.html")  # a second path to a.html
    code, out, err = run(capsys, "--out", "jsonl", "--on-error", "keep", str(root), str(root / "a.html"))
    got = rows(out)
    assert code == 0
    ok = [r for r in got if "error" not in r]
    assert [r["id"] for r in ok] == [str(root / "a.html"), str(root / "sub" / "b.html")]
    failed = {r["id"]: r["error"] for r in got if "error" in r}
    assert set(failed) == {str(root / "broken.html"), str(root / "sub" / "loop")}
    assert "broken symbolic link" in failed[str(root / "broken.html")]
    assert "loop" in failed[str(root / "sub" / "loop")]
    assert "2 of 4 records failed" in err
    assert "read once 3 files or directories reached again by another path" in caplog.text


# -- JSONL: invalid UTF-8 keeps the record; --encoding and --encoding-field ----------------------


def test_jsonl_invalid_utf8_is_replaced_and_counted(capsys, tmp_path):
    good = json.dumps({"id": "a", "html": page(0).decode()}, ensure_ascii=False).encode()
    stray = good.replace("。".encode(), b"\xff", 1).replace(b'"a"', b'"b"')
    path = tmp_path / "in.jsonl"
    path.write_bytes(good + b"\n" + stray + b"\n")
    code, out, err = run(capsys, "--out", "jsonl", str(path))
    got = rows(out)
    assert code == 0 and err == "" and [r["id"] for r in got] == ["a", "b"]
    assert [r["decode_errors"] for r in got] == [0, 1]
    assert "\ufffd" in got[1]["text"] and got[1]["text"].replace("\ufffd", "。") == got[0]["text"]
    code, out, err = run(capsys, "--out", "jsonl", "--strict", "--on-error", "keep", str(path))
    got = rows(out)
    assert "error" not in got[0] and got[1]["error"].startswith("DecodeError")


def test_jsonl_encoding_decodes_pages_carried_as_latin1(capsys, tmp_path):
    carried = page(1, "gbk").decode("latin-1")  # a page's GBK bytes, as requests gives them without a charset
    lines = [{"id": "f", "html": carried, "cs": "gbk"}, {"id": "t", "html": page(2).decode()}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    got = rows(run(capsys, "--out", "jsonl", "--encoding-field", "cs", str(path))[1])
    assert [r["text"].split("\n") for r in got] == [paras(1), paras(2)]
    assert got[0]["encoding"] in ("gbk", "gb18030") and got[0]["decode_errors"] == 0
    got = rows(run(capsys, "--out", "jsonl", "--encoding", "gbk", str(path))[1])
    assert [r["text"].split("\n") for r in got] == [paras(1), paras(2)]
    got = rows(run(capsys, "--out", "jsonl", str(path))[1])  # without an encoding: text as it is
    assert got[0]["text"].split("\n") != paras(1)


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_jsonl_with_a_byte_order_mark(capsys, tmp_path, gz):
    """A UTF-8 BOM before the first line (as Windows editors write it) is not part of the record:
    line 1 used to be a JSONDecodeError."""
    lines = [{"id": f"p{i}", "html": page(i).decode()} for i in range(2)]
    data = "\ufeff".encode() + b"".join(json.dumps(x, ensure_ascii=False).encode() + b"\n" for x in lines)
    path = tmp_path / ("bom.jsonl" + ".gz" * gz)
    path.write_bytes(gzip.compress(data) if gz else data)
    for argv in ([str(path)], ["--in", "jsonl", str(path)]):
        code, out, err = run(capsys, "--out", "jsonl", *argv)
        assert code == 0 and err == ""
        assert [(r["id"], r["text"].split("\n"), r["decode_errors"]) for r in rows(out)] == [
            ("p0", paras(0), 0),
            ("p1", paras(1), 0),
        ]
    recs = list(read_inputs(["-"], stdin=io.BufferedReader(io.BytesIO(data))))  # stdin, found by its content
    assert [(r.id, r.error) for r in recs] == [("p0", None), ("p1", None)]


# -- max_bytes is refused while reading ---------------------------------------------------------

LIMIT = 1_000_000
BIG = 6_000_000


def peak_while_reading(inputs: list[str], **kw) -> tuple[list, int]:
    tracemalloc.start()
    try:
        recs = [(r.id, r.page is not None, r.error) for r in read_inputs(inputs, max_bytes=LIMIT, **kw)]
        return recs, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_big_file_and_stdin_are_refused_while_reading(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * BIG + b"</p>")
    recs, peak = peak_while_reading([str(big)])
    assert isinstance(recs[0][2], InputTooLarge) and recs[0][2].size == BIG + 7
    assert peak < LIMIT + (1 << 20)
    with open(big, "rb") as f:
        recs, peak = peak_while_reading(["-"], stdin=f)
    assert isinstance(recs[0][2], InputTooLarge) and peak < LIMIT + (1 << 20)
    gz = tmp_path / "big.html.gz"
    gz.write_bytes(gzip.compress(big.read_bytes()))
    recs, peak = peak_while_reading([str(gz)])
    assert isinstance(recs[0][2], InputTooLarge) and recs[0][2].size is None and peak < LIMIT + (1 << 20)


def test_a_long_jsonl_line_is_skipped_without_being_held(tmp_path):
    small = json.dumps({"html": "<p>短</p>"}).encode() + b"\n"
    long_line = json.dumps({"html": "<p>" + "x" * BIG + "</p>"}).encode() + b"\n"
    path = tmp_path / "in.jsonl"
    path.write_bytes(small + long_line + small)
    recs, peak = peak_while_reading([str(path)], fields=JsonlFields())
    assert [(rid, ok) for rid, ok, _ in recs] == [(f"{path}:1", True), (f"{path}:2", False), (f"{path}:3", True)]
    assert isinstance(recs[1][2], InputTooLarge) and recs[1][2].size == len(long_line)
    assert "JSONL line of" in str(recs[1][2])
    assert peak < LIMIT + (1 << 20)


@pytest.mark.parametrize("form", ["plain", "gzip", "whole"])
def test_a_huge_warc_record_is_skipped_unread(tmp_path, form):
    """Its block is passed in chunks (looking for a record header inside it, finding none)."""
    recs = records(3)
    recs.insert(4, response(9, b"<p>" + os.urandom(BIG // 2).hex().encode() + b"</p>"))
    path = tmp_path / ("big.warc" + ".gz" * (form != "plain"))
    path.write_bytes(packed(recs, form))
    got, peak = peak_while_reading([str(path)])
    assert [ok for _, ok, _ in got] == [True, False, True, True]
    assert isinstance(got[1][2], InputTooLarge) and "WARC record of" in str(got[1][2])
    assert peak < LIMIT + (1 << 20)


def test_a_content_length_claiming_gigabytes_is_not_read_into_memory(tmp_path):
    """A corrupted Content-Length of 5 GiB over a short record, BIG bytes of records after it: the
    search for the next header holds one chunk at a time, and every following record is read."""
    recs = records(3)
    filler = [response(10 + i, b"<p>" + os.urandom(BIG // 120).hex().encode() + b"</p>") for i in range(60)]
    head, sep, block = recs[1].partition(b"\r\n\r\n")  # the request of page 0
    recs[1] = head.replace(b"Content-Length: %d" % len(block[:-4]), b"Content-Length: %d" % (5 << 30)) + sep + block
    path = tmp_path / "claim.warc"
    path.write_bytes(archive(recs + filler, False))
    got, peak = peak_while_reading([str(path)])
    assert [ok for _, ok, _ in got] == [False] + [True] * 63
    assert isinstance(got[0][2], BrokenRecord) and "Content-Length says" in str(got[0][2])
    assert peak < LIMIT + (1 << 20)


def test_a_warc_payload_that_inflates_past_max_bytes(tmp_path):
    bomb = gzip.compress(b"<p>" + b" " * (3 * LIMIT) + b"</p>")
    http = (
        f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {len(bomb)}\r\n\r\n"
    )
    rec = record("response", "http://a.cn/b", http.encode() + bomb, "bomb", "application/http; msgtype=response")
    path = tmp_path / "bomb.warc"
    path.write_bytes(rec)
    got = list(read_inputs([str(path)], max_bytes=LIMIT))
    assert len(got) == 1 and isinstance(got[0].error, InputTooLarge)


def test_stdin_bytesio_default_limit_reads_everything():
    page_bytes = page(3)
    got = list(read_inputs(["-"], stdin=io.BufferedReader(io.BytesIO(page_bytes))))
    assert got[0].page.page == page_bytes
