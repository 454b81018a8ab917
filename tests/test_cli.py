"""The cleantext command: every option, every input kind, ordering across processes, bad records, pipes."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import warcs

import cleantext
from cleantext import cli
from cleantext.testing import BOILERPLATE, article_paragraphs, make_page

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "examples" / "news.txt"


# -- test data ---------------------------------------------------------------------------------


def varied_page(i: int) -> tuple[bytes, list[str], str]:
    """Page ``i`` of a varied set: (bytes, its article paragraphs, its encoding)."""
    paras = article_paragraphs(seed=i, n=1 + i % 5)
    kind = "text" if i % 7 == 3 else "html"
    enc = ("utf-8", "gbk", "gb18030", "utf-8")[i % 4] if kind == "html" else "utf-8"
    bp = tuple(b for j, b in enumerate(BOILERPLATE) if (i >> j) & 1 or j == 1)
    return make_page(paras, kind=kind, boilerplate=bp, encoding=enc, seed=i, title=f"第{i}号新闻标题发布"), paras, enc


def warc_record(kind: str, url: str, payload: bytes, rid: str, http_type: str = "text/html") -> bytes:
    """One gzipped WARC record of ``kind`` (``tests/warcs.py`` builds it)."""
    return warcs.warc_record(url, payload, rid, http_type, kind=kind)


def write_warc(path: Path, n: int) -> list[list[str]]:
    """A gzipped WARC of ``n`` response records (some charsets only in the HTTP header) plus
    non-HTML responses and request records that must be ignored. Returns each page's paragraphs."""
    expected = []
    with open(path, "wb") as f:
        f.write(warc_record("warcinfo", "", b"software: test\r\n", "00000000-0000-0000-0000-info"))
        for i in range(n):
            page, paras, enc = varied_page(i)
            http_type = "text/html"
            if i % 4 == 1:  # the charset only in the HTTP header
                page = page.replace(f'<meta charset="{enc}">'.encode(), b"")
                http_type = f"text/html; charset={enc}"
            f.write(warc_record("request", f"http://news.example.cn/{i}.html", b"GET / HTTP/1.1\r\n\r\n", f"r{i}"))
            f.write(warc_record("response", f"http://news.example.cn/{i}.html", page, f"{i:08d}", http_type))
            if i % 100 == 0:
                png = warc_record("response", f"http://news.example.cn/{i}.png", b"\x89PNG...", f"p{i}", "image/png")
                f.write(png)
            expected.append(paras)
    return expected


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rows(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def cmd(*argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleantext", *argv], capture_output=True, **kw)


@pytest.fixture(scope="module")
def warc_1000(tmp_path_factory) -> tuple[Path, list[list[str]]]:
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    return path, write_warc(path, 1000)


# -- the README's first command and the entry points ----------------------------------------------


def test_readme_first_command_prints_the_article():
    proc = cmd(str(NEWS), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")
    assert text == cleantext.clean(NEWS.read_bytes()) + "\n"
    assert "深度合作" in text and "ICP" not in text
    assert proc.stderr == b""


def test_console_script_is_installed():
    exe = Path(sys.executable).with_name("cleantext")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == f"cleantext {cleantext.__version__}"


def test_help_documents_every_option_with_examples(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    parser = cli.build_parser()
    for action in parser._actions:
        for opt in action.option_strings:
            assert opt in out, opt
        assert action.help, action.dest
    assert "examples:" in out
    assert out.count("cleantext ") >= 8
    for kind in ("auto", "html", "text", "jsonl", "warc", "wet"):
        assert kind in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--blocks", str(NEWS)],
        ["-j", "0", str(NEWS)],
        ["--in", "pdf", str(NEWS)],
        ["-", "-"],
        ["--encoding", "nope", str(NEWS)],
        ["explain", "--encoding", "nope", str(NEWS)],
    ],
)
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    assert e.value.code == 2
    assert "usage:" in capsys.readouterr().err


# -- inputs -------------------------------------------------------------------------------------


def test_files_and_in_kinds(capsys, tmp_path):
    page, paras, _ = varied_page(2)
    (tmp_path / "a.html").write_bytes(page)
    code, out, _ = run(capsys, str(tmp_path / "a.html"))
    assert code == 0 and out == "\n".join(paras) + "\n"
    # a file name that says nothing: --in html forces markup, --in text reads the markup as a dump
    (tmp_path / "a.bin").write_bytes(page)
    assert run(capsys, "--in", "html", str(tmp_path / "a.bin"))[1] == out
    code, out_text, _ = run(capsys, "--in", "text", "--out", "jsonl", str(tmp_path / "a.bin"))
    assert rows(out_text)[0]["format"] == "text"
    code, out_auto, _ = run(capsys, "--out", "jsonl", str(tmp_path / "a.bin"))
    assert rows(out_auto)[0]["format"] == "html"


def test_text_output_separates_pages_with_a_blank_line(capsys, tmp_path):
    for i in (1, 2):
        (tmp_path / f"{i}.html").write_bytes(varied_page(i)[0])
    _code, out, _ = run(capsys, str(tmp_path / "1.html"), str(tmp_path / "2.html"))
    assert out == "\n".join(varied_page(1)[1]) + "\n\n" + "\n".join(varied_page(2)[1]) + "\n"


def test_directories_recursive_sorted_hidden_skipped(capsys, tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    names = {"a.html": 1, "b/c.txt": 3, "b/deep/d.htm": 5, "z.html": 6}
    for name, i in names.items():
        (tmp_path / name).write_bytes(varied_page(i)[0])
    (tmp_path / ".hidden.html").write_bytes(varied_page(7)[0])
    (tmp_path / "b" / "script.js").write_bytes(b"var x = 1;")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".git" / "x.html").write_bytes(varied_page(8)[0])
    _code, out, _ = run(capsys, "--out", "jsonl", str(tmp_path))
    got = rows(out)
    assert [r["id"] for r in got] == [str(tmp_path / n) for n in ("a.html", "b/c.txt", "b/deep/d.htm", "z.html")]
    assert [r["text"].split("\n") for r in got] == [varied_page(i)[1] for i in names.values()]


def test_stdin_page_jsonl_and_warc(capsys, monkeypatch, tmp_path):
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    page, paras, _ = varied_page(4)
    feed(page)
    assert run(capsys)[1] == "\n".join(paras) + "\n"  # no input named: stdin
    feed(page)
    assert run(capsys, "-")[1] == "\n".join(paras) + "\n"
    feed(b'{"id": "x1", "html": ' + json.dumps(page.decode(varied_page(4)[2])).encode() + b"}\n")
    assert [r["id"] for r in rows(run(capsys, "--out", "jsonl", "-")[1])] == ["x1"]
    write_warc(tmp_path / "s.warc.gz", 3)
    feed((tmp_path / "s.warc.gz").read_bytes())
    got = rows(run(capsys, "--out", "jsonl", "-")[1])
    assert [r["url"] for r in got] == [f"http://news.example.cn/{i}.html" for i in range(3)]


def test_stdin_in_a_real_pipe():
    page, paras, _ = varied_page(9)
    proc = cmd("-", "-j", "2", "--no-jieba", input=page)
    assert proc.returncode == 0 and proc.stdout.decode() == "\n".join(paras) + "\n"


def test_jsonl_fields(capsys, tmp_path):
    lines = []
    for i in range(4):
        page, _, enc = varied_page(i)
        lines.append({"doc": page.decode(enc), "link": f"http://e.cn/{i}", "cs": enc, "key": f"k{i}", "lang": "zh"})
    lines.insert(2, {"link": "http://e.cn/missing"})  # no page field: a bad record
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\nnot json\n", encoding="utf-8")
    code, out, err = run(
        capsys,
        "--out",
        "jsonl",
        "--field",
        "doc",
        "--url-field",
        "link",
        "--encoding-field",
        "cs",
        "--id-field",
        "key",
        "--carry",
        "lang",
        str(path),
    )
    got = rows(out)
    assert code == 0
    assert [r["id"] for r in got] == ["k0", "k1", "k2", "k3"]
    assert [r["url"] for r in got] == [f"http://e.cn/{i}" for i in range(4)]
    assert all(r["lang"] == "zh" for r in got)
    assert [r["text"].split("\n") for r in got] == [varied_page(i)[1] for i in range(4)]
    assert "2 of 6 records failed (skipped)" in err
    # without --id-field's key present the id is FILE:LINE; default --field is "html"
    path2 = tmp_path / "in2.jsonl.gz"
    path2.write_bytes(gzip.compress(json.dumps({"html": varied_page(6)[0].decode("gb18030")}).encode() + b"\n"))
    assert rows(run(capsys, "--out", "jsonl", str(path2))[1])[0]["id"] == f"{path2}:1"


def test_jsonl_output_row(capsys, tmp_path):
    (tmp_path / "p.html").write_bytes(varied_page(0)[0])
    row = rows(run(capsys, "--out", "jsonl", str(tmp_path / "p.html"))[1])[0]
    for key in (
        "id",
        "url",
        "title",
        "text",
        "encoding",
        "published",
        "source",
        "author",
        "kept_blocks",
        "dropped_blocks",
    ):
        assert key in row
    assert row["title"] == "第0号新闻标题发布" and row["published"] == "2021-06-04T14:23:36+08:00"
    assert row["source"] == "重庆日报"
    assert row["kept_blocks"] == len(varied_page(0)[1]) and row["dropped_blocks"] > 3
    assert "blocks" not in row
    row = rows(run(capsys, "--out", "jsonl", "--blocks", str(tmp_path / "p.html"))[1])[0]
    assert len(row["blocks"]) == row["kept_blocks"] + row["dropped_blocks"]
    assert {"text", "kept", "score", "reasons", "features"} <= set(row["blocks"][0])


def test_explain(capsys, tmp_path):
    (tmp_path / "p.html").write_bytes(varied_page(15)[0])  # every kind of boilerplate
    _code, out, _ = run(capsys, "--explain", str(tmp_path / "p.html"))
    assert out.startswith(f"==> {tmp_path / 'p.html'} <==\n")
    assert "KEEP" in out and "drop" in out and "icp" in out
    doc = cleantext.extract(varied_page(15)[0])
    assert doc.explain() in out


def test_output_file(capsys, tmp_path):
    (tmp_path / "p.html").write_bytes(varied_page(0)[0])
    _code, out, _ = run(capsys, "-o", str(tmp_path / "o.txt"), str(tmp_path / "p.html"))
    assert out == "" and (tmp_path / "o.txt").read_text("utf-8") == "\n".join(varied_page(0)[1]) + "\n"


def test_output_onto_an_input_is_refused_before_it_is_touched(capsys, tmp_path):
    page = varied_page(0)[0]
    (tmp_path / "p.html").write_bytes(page)
    (tmp_path / "link.html").symlink_to(tmp_path / "p.html")
    for target in ("p.html", "link.html"):  # the same file by its name, or by another path to it
        with pytest.raises(SystemExit) as e:
            cli.main([str(tmp_path / "p.html"), "-o", str(tmp_path / target)])
        assert e.value.code == 2
        assert "-o/--output" in capsys.readouterr().err
        assert (tmp_path / "p.html").read_bytes() == page  # the input is as it was


def test_output_inside_an_input_directory_is_not_read_as_a_page(capsys, tmp_path):
    names = [f"{i:02d}.html" for i in range(30)]
    for i, name in enumerate(names):
        (tmp_path / name).write_bytes(varied_page(i)[0])
    out_path = tmp_path / "zz.jsonl"  # walked last, when rows are written: a JSONL input to the walk
    code, out, err = run(capsys, "-j", "1", "--out", "jsonl", "-o", str(out_path), str(tmp_path))
    assert code == 0 and out == "" and "failed" not in err, err
    assert [r["id"] for r in rows(out_path.read_text("utf-8"))] == [str(tmp_path / n) for n in names]


def test_extraction_options(capsys, tmp_path):
    (tmp_path / "p.html").write_bytes(varied_page(0)[0])
    p = str(tmp_path / "p.html")
    assert run(capsys, "--keep-title", p)[1].startswith("第0号新闻标题发布\n")
    assert run(capsys, "--min-body-han", "100000", p)[1] == "\n"
    assert run(capsys, "--no-jieba", p)[1] == "\n".join(varied_page(0)[1]) + "\n"
    bad = tmp_path / "bad.html"
    bad.write_bytes(varied_page(0)[0].replace("。".encode(), b"\xff\xfe", 1))
    argv = ["--encoding", "utf-8", "--on-error", "keep", "--out", "jsonl", str(bad)]
    assert rows(run(capsys, *argv)[1])[0]["decode_errors"] > 0
    assert rows(run(capsys, "--strict", *argv)[1])[0]["error"].startswith("DecodeError")
    row = rows(run(capsys, "--encoding", "gbk", "--out", "jsonl", str(tmp_path / "p.html"))[1])[0]
    assert row["encoding_source"] == "argument" and row["decode_errors"] > 0


# -- bad records --------------------------------------------------------------------------------


LIMIT = str(max(len(varied_page(i)[0]) for i in range(4)) + 10)


@pytest.fixture
def mixed_dir(tmp_path) -> Path:
    """Four pages; page 2 is over --max-bytes LIMIT."""
    for i in range(4):
        (tmp_path / f"{i}.html").write_bytes(varied_page(i)[0] + (b" " * 20000 if i == 2 else b""))
    return tmp_path


def test_on_error_skip_is_the_default(capsys, mixed_dir, caplog):
    limit = LIMIT
    code, out, err = run(capsys, "--out", "jsonl", "--max-bytes", limit, str(mixed_dir))
    assert code == 0
    assert [r["id"] for r in rows(out)] == [str(mixed_dir / f"{i}.html") for i in (0, 1, 3)]
    assert "1 of 4 records failed (skipped): InputTooLarge ×1" in err
    assert any("2.html" in r.getMessage() and "max_bytes" in r.getMessage() for r in caplog.records)


def test_on_error_keep(capsys, mixed_dir):
    limit = LIMIT
    code, out, err = run(capsys, "--out", "jsonl", "--on-error", "keep", "--max-bytes", limit, str(mixed_dir))
    got = rows(out)
    assert code == 0 and len(got) == 4
    assert got[2]["text"] == "" and got[2]["error"].startswith("InputTooLarge: page of")
    assert "kept as empty results" in err
    code, out, err = run(capsys, "--on-error", "keep", "--max-bytes", limit, str(mixed_dir))
    assert out.split("\n\n")[2] == ""  # text output keeps the slot, empty


def test_on_error_raise(capsys, mixed_dir):
    limit = LIMIT
    with pytest.raises(cleantext.InputTooLarge):
        cli.main(["--on-error", "raise", "--max-bytes", limit, str(mixed_dir)])
    proc = cmd("--on-error", "raise", "--no-jieba", "--max-bytes", limit, str(mixed_dir))
    assert proc.returncode == 1 and b"InputTooLarge" in proc.stderr


def test_on_error_when_extract_raises(capsys, monkeypatch, mixed_dir):
    real = cleantext.Cleaner.extract

    def flaky(self, page, **kw):
        if page == varied_page(1)[0]:
            raise RuntimeError("boom")
        return real(self, page, **kw)

    monkeypatch.setattr(cleantext.Cleaner, "extract", flaky)
    code, out, err = run(capsys, "-j", "1", "--out", "jsonl", str(mixed_dir))
    assert code == 0 and len(rows(out)) == 3 and "RuntimeError ×1" in err
    code, out, err = run(capsys, "-j", "1", "--out", "jsonl", "--on-error", "keep", str(mixed_dir))
    assert rows(out)[1]["error"] == "RuntimeError: boom"
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(["-j", "1", "--on-error", "raise", str(mixed_dir)])


def test_quiet_keeps_only_the_summary(capsys, mixed_dir, caplog):
    limit = LIMIT
    proc = cmd("-q", "--no-jieba", "--max-bytes", limit, str(mixed_dir))
    assert proc.returncode == 0
    assert proc.stderr.decode().strip().splitlines() == ["cleantext: 1 of 4 records failed (skipped): InputTooLarge ×1"]
    proc = cmd("--no-jieba", "--max-bytes", limit, str(mixed_dir))
    assert len(proc.stderr.decode().strip().splitlines()) == 2


# -- WARC / WET, parallel order -----------------------------------------------------------------


def test_warc_1000_records_same_rows_with_j1_and_j2(capsys, warc_1000, caplog):
    path, expected = warc_1000
    code2, out2, _err2 = run(capsys, "--out", "jsonl", "-j", "2", str(path))
    code1, out1, _err1 = run(capsys, "--out", "jsonl", "-j", "1", str(path))
    assert code1 == code2 == 0
    assert out1 == out2
    got = rows(out2)
    assert len(got) == 1000
    assert [r["url"] for r in got] == [f"http://news.example.cn/{i}.html" for i in range(1000)]
    assert [r["id"] for r in got] == [f"<urn:uuid:{i:08d}>" for i in range(1000)]
    assert [r["text"].split("\n") for r in got] == expected
    # pages whose charset is only in the HTTP header were decoded with it
    from_http = [got[i] for i in range(1, 1000, 4) if i % 7 != 3]
    assert {r["encoding"] for r in from_http} == {"gb18030"}  # gbk, read as its superset
    assert {r["encoding_source"] for r in from_http} == {"content-type"}
    assert "skipped 10 WARC responses that are not HTML or text" in caplog.text


def test_warc_kinds(capsys, tmp_path):
    path = tmp_path / "mixed.warc"  # uncompressed, response and conversion records
    with open(path, "wb") as f:
        for i in range(3):
            page, _, _ = varied_page(i)
            f.write(gzip.decompress(warc_record("response", f"http://a.cn/{i}", page, f"a{i}")))
            text = make_page(article_paragraphs(seed=50 + i, n=2), kind="text", seed=i)
            f.write(gzip.decompress(warc_record("conversion", f"http://a.cn/{i}", text, f"c{i}")))
    both = rows(run(capsys, "--out", "jsonl", str(path))[1])
    assert [r["format"] for r in both] == ["html", "text"] * 3
    html_only = rows(run(capsys, "--out", "jsonl", "--in", "warc", str(path))[1])
    assert [r["id"] for r in html_only] == [f"<urn:uuid:a{i}>" for i in range(3)]
    wet = tmp_path / "x.warc.wet.gz"
    wet.write_bytes(path.read_bytes())
    wet_rows = rows(run(capsys, "--out", "jsonl", str(wet))[1])
    assert [r["id"] for r in wet_rows] == [f"<urn:uuid:c{i}>" for i in range(3)]
    assert [r["text"].split("\n") for r in wet_rows] == [article_paragraphs(seed=50 + i, n=2) for i in range(3)]
    assert rows(run(capsys, "--out", "jsonl", "--in", "wet", str(path))[1]) == wet_rows


def test_truncated_archive_is_a_bad_record(capsys, tmp_path):
    path = tmp_path / "t.warc.gz"
    write_warc(path, 3)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    code, out, err = run(capsys, "--out", "jsonl", "--on-error", "keep", str(path))
    got = rows(out)
    assert code == 0 and [r["url"] for r in got] == [f"http://news.example.cn/{i}.html" for i in range(3)]
    assert ["error" in r for r in got] == [False, False, True] and got[2]["error"].startswith("BrokenRecord")
    assert "1 of 3 records failed" in err


def test_closed_pipe_is_quiet(warc_1000, tmp_path):
    path, _ = warc_1000
    for jobs in ("2",):
        proc = subprocess.Popen(
            [sys.executable, "-m", "cleantext", "--no-jieba", "--out", "jsonl", "-j", jobs, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        first = proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 0
        assert json.loads(first)["url"] == "http://news.example.cn/0.html"
        assert b"Traceback" not in err and b"Error" not in err, err
    line = f'"{sys.executable}" -m cleantext -j 1 --no-jieba "{path}" | head -n 2'
    shell = subprocess.run(line, shell=True, capture_output=True, timeout=60)
    assert shell.returncode == 0 and len(shell.stdout.splitlines()) == 2 and shell.stderr == b""


# -- progress bar -------------------------------------------------------------------------------


def test_progress_only_on_a_tty(capsys, monkeypatch, tmp_path):
    pytest.importorskip("tqdm")
    (tmp_path / "p.html").write_bytes(varied_page(0)[0])
    assert run(capsys, str(tmp_path / "p.html"))[2] == ""  # stderr is not a terminal here
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    err = run(capsys, str(tmp_path / "p.html"))[2]
    assert "1page" in err.replace(" ", "")
    assert run(capsys, "--no-progress", str(tmp_path / "p.html"))[2] == ""


def test_progress_without_tqdm(capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    (tmp_path / "p.html").write_bytes(varied_page(0)[0])
    code, out, err = run(capsys, str(tmp_path / "p.html"))
    assert code == 0 and out and err == ""


def test_environment_default_jobs_is_all_cores():
    assert cli.build_parser().parse_args([]).jobs is None
    assert "all cores" in cli.build_parser().format_help()
    assert os.cpu_count()


def test_warcio_reads_the_same_as_fastwarc(tmp_path, monkeypatch):
    pytest.importorskip("warcio")
    from cleantext.readers import read_warc

    path = tmp_path / "w.warc.gz"
    write_warc(path, 5)
    with open(path, "rb") as f:
        fast = [(r.id, r.url, r.page) for r in read_warc(f, "w", ("response", "conversion"))]
    monkeypatch.setitem(sys.modules, "fastwarc", None)
    with open(path, "rb") as f:
        slow = [(r.id, r.url, r.page) for r in read_warc(f, "w", ("response", "conversion"))]
    assert len(fast) == 5 and slow == fast


RELATIVE_PAGE = (
    "<html><head><meta charset='utf-8'><title>沪渝签署科技合作协议</title></head><body>"
    "<h1>沪渝签署科技合作协议</h1><div class='info'>重庆日报 3小时前</div>"
    + "".join(f"<p>{p}</p>" for p in article_paragraphs(seed=7, n=3))
    + "</body></html>"
).encode()


def test_warc_date_resolves_relative_times(capsys, tmp_path):
    path = tmp_path / "rel.warc.gz"
    path.write_bytes(warc_record("response", "http://news.example.cn/r.html", RELATIVE_PAGE, "0000000r"))
    code, out, _ = run(capsys, str(path), "--out", "jsonl")
    assert code == 0
    assert json.loads(out)["published"] == "2021-06-03T21:00:00+00:00"  # WARC-Date 2021-06-04T00:00Z, 3 h before


def test_now_option(capsys, tmp_path):
    page = tmp_path / "rel.html"
    page.write_bytes(RELATIVE_PAGE)
    _, out, _ = run(capsys, str(page), "--out", "jsonl")
    assert json.loads(out)["published"] is None  # a relative time and nothing to resolve it against
    _, out, _ = run(capsys, str(page), "--out", "jsonl", "--now", "2021-06-05T09:00")
    assert json.loads(out)["published"] == "2021-06-05T06:00:00+08:00"
    with pytest.raises(SystemExit):
        cli.main([str(page), "--now", "yesterday"])
