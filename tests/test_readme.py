"""The README's code runs as written: every fenced ``python`` block (the datatrove recipe on a WARC
of GBK and UTF-8 pages, checked row by row), the blocks that define tests under pytest, and every
``cleantext`` command of the ``bash`` blocks, in a scratch directory holding the files they name.

A block the test cannot run says so with a ``# readme-test: skip (why)`` line; keep that rare."""

from __future__ import annotations

import gzip
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from warcs import warc_record

from cleantext.testing import article_paragraphs, make_page

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
SKIP = "# readme-test: skip"

#: Pages of the scratch WARC: (url, bytes, Content-Type, paragraphs). The GBK page states its
#: charset only in the HTTP header, so a reader that loses the header garbles it.
GBK_PARAS = article_paragraphs(seed=11, n=3)
UTF8_PARAS = article_paragraphs(seed=12, n=2)
THIRD_PARAS = article_paragraphs(seed=14, n=2)


def blocks(language: str) -> list[str]:
    """The README's fenced blocks in ``language``, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.S | re.M)


def scratch_pages() -> list[tuple[str, bytes, str, list[str]]]:
    gbk = make_page(GBK_PARAS, encoding="gbk", seed=11, title="重庆日报第十一号新闻")
    gbk = gbk.replace(b'<meta charset="gbk">', b"")
    utf8 = make_page(UTF8_PARAS, encoding="utf-8", seed=12, title="上海新闻第十二号消息")
    third = make_page(THIRD_PARAS, encoding="gb18030", seed=14, title="成都新闻第十四号消息")
    return [
        ("http://news.example.cn/11.html", gbk, "text/html; charset=GBK", GBK_PARAS),
        ("http://news.example.cn/12.html", utf8, "text/html", UTF8_PARAS),
        ("http://news.example.cn/14.html", third, "text/html", THIRD_PARAS),
    ]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with every file the README's examples name."""
    root = tmp_path_factory.mktemp("readme")
    (root / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "news.txt", root / "examples" / "news.txt")
    shutil.copy(ROOT / "examples" / "comments.html", root / "examples" / "comments.html")
    pages = scratch_pages()
    assert b'charset="gbk"' not in pages[0][1] and b"charset=gbk" not in pages[0][1].lower()
    warc = b"".join(warc_record(url, page, f"r{n}", ctype) for n, (url, page, ctype, _) in enumerate(pages))
    (root / "crawl").mkdir()
    (root / "crawl" / "crawl.warc.gz").write_bytes(warc)
    (root / "CC-MAIN-1.warc.gz").write_bytes(warc)
    wet = b"".join(
        warc_record(url, "\n\n".join(paras).encode(), f"w{n}", kind="conversion")
        for n, (url, _, _, paras) in enumerate(pages)
    )
    (root / "CC-MAIN-1.warc.wet.gz").write_bytes(wet)
    (root / "page.html").write_bytes(make_page(article_paragraphs(seed=13, n=3), encoding="gbk", seed=13))
    (root / "dump.txt").write_bytes((ROOT / "examples" / "news.txt").read_bytes())
    (root / "pages").mkdir()
    rows = []
    for n, (url, page, _, _) in enumerate(pages):
        (root / "pages" / f"{n}.html").write_bytes(page)
        html = page.decode("utf-8" if n == 1 else "gb18030")
        rows.append({"id": str(n), "url": url, "html": html, "charset": "utf-8", "lang": "zh"})
    for name in ("pages.jsonl", "crawl.jsonl"):
        with open(root / name, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return root


def env() -> dict[str, str]:
    """The test's environment for a child process: this Python, and the tests' modules importable."""
    paths = [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in paths if p),
        "PYSPARK_PYTHON": sys.executable,
        "PYSPARK_DRIVER_PYTHON": sys.executable,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }


def run(cmd: list[str] | str, cwd: Path, shell: bool = False) -> subprocess.CompletedProcess[str]:
    """Run in a session of its own; whatever it leaves behind (pool workers) is killed after."""
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env(), shell=shell, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    try:
        out, err = proc.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        out, err = "", "timed out after 240 s"
        proc.returncode = -9
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


PYTHON_BLOCKS = blocks("python")


def test_the_readme_has_code() -> None:
    assert len(PYTHON_BLOCKS) >= 6 and len(blocks("bash")) >= 3
    assert sum(SKIP in b for b in PYTHON_BLOCKS) <= 1  # rare


@pytest.mark.parametrize("n", range(len(PYTHON_BLOCKS)), ids=[b.split("\n")[0][:40] for b in PYTHON_BLOCKS])
def test_python_block_runs(n: int, scratch: Path, tmp_path: Path) -> None:
    code = PYTHON_BLOCKS[n]
    if SKIP in code:
        pytest.skip(code.split(SKIP, 1)[1].split("\n")[0].strip())
    for module in re.findall(r"^(?:from|import) (\w+)", code, flags=re.M):
        pytest.importorskip(module)
    if "pyspark" in code and shutil.which("java") is None:
        pytest.skip("Spark needs java")
    work = tmp_path / "work"
    shutil.copytree(scratch, work)
    if re.search(r"^def test_", code, flags=re.M):  # a test module: run it under pytest
        (work / "test_from_readme.py").write_text(code, "utf-8")
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_from_readme.py"]
    else:
        (work / "block.py").write_text(code, "utf-8")
        cmd = [sys.executable, "block.py"]
    proc = run(cmd, work)
    assert proc.returncode == 0, f"{code}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    if "CleantextWarcReader" in code:
        check_datatrove_output(work / "out")


def check_datatrove_output(out: Path) -> None:
    """The recipe wrote each page of the WARC once, decoded by its HTTP charset."""
    rows = []
    for path in sorted(out.glob("*.jsonl*")):
        with gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f]
    by_url = {r["metadata"]["url"]: r for r in rows}
    assert len(rows) == len(by_url) == 3
    for url, _, _, paras in scratch_pages():
        row = by_url[url]
        assert row["text"] == "\n".join(paras)
        assert "cleantext_page_bytes" not in row["metadata"]
    gbk = by_url["http://news.example.cn/11.html"]["metadata"]
    assert (gbk["encoding"], gbk["encoding_source"]) == ("gb18030", "content-type")  # the HTTP charset
    assert gbk["title"] == "重庆日报第十一号新闻" and gbk["content_type"] == "text/html; charset=GBK"


def shell_commands() -> list[str]:
    """The ``cleantext`` command lines of the bash blocks (comments cut, continuation joined)."""
    lines = []
    for block in blocks("bash"):
        for line in block.replace("\\\n", " ").splitlines():
            command = line.split(" # ")[0].split("  #")[0].strip()
            if re.match(r"(\d+\. )?#", command) or not command:
                continue
            for part in command.split("&&"):
                part = part.strip()
                words = shlex.split(part.split("|")[0]) if part else []
                if words[:1] == ["cleantext"] or words[:3] == ["python", "-m", "cleantext"] or words[:1] == ["cat"]:
                    lines.append(part)
    return lines


COMMANDS = shell_commands()


def test_commands_found() -> None:
    assert "cleantext examples/news.txt" in COMMANDS
    assert any(c.startswith("cleantext explain") for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_shell_command_runs(command: str, scratch: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(scratch, work)
    proc = run(command, work, shell=True)
    assert proc.returncode == 0, f"{command}\n{proc.stderr[-3000:]}"
    assert "Traceback" not in proc.stderr
    if " -o " not in command and "> " not in command and "--help" not in command:
        assert proc.stdout.strip(), command
