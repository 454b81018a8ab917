"""Whole pages written for these tests (tests/pages): what must stay and what must go, per page;
and the library's manners: silent import and extraction, heavy modules loaded only when used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cleantext

PAGES = Path(__file__).parent / "pages"
EXPECT: dict[str, dict] = json.loads((PAGES / "expectations.json").read_text("utf-8"))["pages"]


def _params(check: str) -> list[object]:
    out = []
    for name, spec in EXPECT.items():
        reason = spec.get("xfail", {}).get(check)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(name, id=name, marks=marks))
    return out


_docs: dict[str, cleantext.Document] = {}


def doc_of(name: str) -> cleantext.Document:
    if name not in _docs:
        _docs[name] = cleantext.extract((PAGES / name).read_bytes())
    return _docs[name]


def test_every_page_has_expectations() -> None:
    on_disk = {p.name for p in PAGES.iterdir() if p.suffix in (".html", ".txt")}
    assert on_disk == set(EXPECT)
    assert 6 <= len(EXPECT) <= 10


@pytest.mark.parametrize("name", _params("keep"))
def test_must_keep(name: str) -> None:
    doc = doc_of(name)
    missing = [s for s in EXPECT[name].get("must_keep", ()) if s not in doc.text]
    assert not missing, f"{name}: missing {missing}\n{doc.explain()}"


@pytest.mark.parametrize("name", _params("drop"))
def test_must_drop(name: str) -> None:
    doc = doc_of(name)
    present = [s for s in EXPECT[name].get("must_drop", ()) if s in doc.text]
    assert not present, f"{name}: kept {present}\n{doc.explain()}"


@pytest.mark.parametrize("name", _params("meta"))
def test_metadata(name: str) -> None:
    spec, doc = EXPECT[name], doc_of(name)
    got = {
        "encoding": doc.encoding,
        "encoding_source": doc.encoding_source,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "editor": doc.editor,
        "source": doc.source,
        "author": doc.author,
        "format": doc.format,
        "paragraphs": len(doc.paragraphs),
    }
    want = {k: v for k, v in spec.items() if k in got}
    assert {k: got[k] for k in want} == want
    assert doc.decode_errors == 0
    assert doc.format == spec.get("format", "html")


@pytest.mark.parametrize("name", _params("empty"))
def test_empty_when_no_article(name: str) -> None:
    if not EXPECT[name].get("empty"):
        assert doc_of(name).text, f"{name} should have an article"
        return
    assert doc_of(name).text == ""


@pytest.mark.parametrize("name", list(EXPECT))
def test_every_block_explained(name: str) -> None:
    doc = doc_of(name)
    assert doc.blocks
    for b in doc.blocks:
        assert b.reasons, b
        assert b.kept == bool({"main-region", "continues-region"} & set(b.reasons)), b
    assert [b.text for b in doc.kept] == list(doc.paragraphs)


@pytest.mark.parametrize("name", list(EXPECT))
def test_page_encoding_is_what_the_file_says(name: str) -> None:
    raw = (PAGES / name).read_bytes()
    codec = EXPECT[name]["encoding"]
    assert raw.decode(codec)  # the file really is in that encoding
    if codec != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")


# -- manners -----------------------------------------------------------------------------------


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)


def test_import_prints_nothing_and_loads_no_heavy_modules() -> None:
    result = _run(
        "import sys, cleantext\nprint(sorted(m for m in ('jieba', 'selectolax', 'chardet') if m in sys.modules))"
    )
    assert result.stdout == "[]\n"
    assert result.stderr == ""


def test_public_names_load_on_first_use() -> None:
    result = _run(
        "import sys, cleantext\n"
        "print('cleantext.pipeline' in sys.modules, 'regex' in sys.modules)\n"
        "print(cleantext.extract.__module__, cleantext.Options.__module__, 'Cleaner' in dir(cleantext))\n"
        "print('cleantext.pipeline' in sys.modules)\n"
        "try:\n    cleantext.nope\nexcept AttributeError as e:\n    print(e)\n"
    )
    assert result.stdout.splitlines() == [
        "False False",
        "cleantext.pipeline cleantext.options True",
        "True",
        "module 'cleantext' has no attribute 'nope'",
    ]


def test_extract_with_jieba_is_silent_in_a_fresh_process() -> None:
    """jieba's 'Building prefix dict…' banner and friends must not leak to stdout or stderr."""
    page = (PAGES / "news_article.html").as_posix()
    result = _run(f"import cleantext\ndoc = cleantext.extract(open({page!r}, 'rb').read())\nassert doc.text\n")
    assert (result.stdout, result.stderr) == ("", "")


def test_extract_without_jieba_never_imports_it() -> None:
    page = (PAGES / "dump_teasers.txt").as_posix()
    result = _run(
        "import sys, cleantext\n"
        f"doc = cleantext.extract(open({page!r}, 'rb').read(), use_jieba=False)\n"
        "assert doc.text\n"
        "print('jieba' in sys.modules)"
    )
    assert result.stdout == "False\n"


def test_a_page_loads_no_module_of_a_view_it_does_not_read() -> None:
    # a text dump's layout (its patterns cost ~10 ms to compile) and the comment finder load with
    # the first Markdown or include_comments page, not with the first page
    page = (PAGES / "dump_teasers.txt").as_posix()
    result = _run(
        "import sys, cleantext\n"
        "views = ('cleantext.blocks.text_layout', 'cleantext.comments')\n"
        f"doc = cleantext.extract(open({page!r}, 'rb').read(), use_jieba=False)\n"
        "html = cleantext.extract('<article><p>今天，沪渝两地签署合作协议。</p></article>', use_jieba=False)\n"
        "assert doc.text and html.text\n"
        "print([v in sys.modules for v in views])\n"
        "assert doc.markdown\n"
        "cleantext.extract('<p>正文。</p>', use_jieba=False, include_comments=True)\n"
        "print([v in sys.modules for v in views])"
    )
    assert result.stdout.splitlines() == ["[False, False]", "[True, True]"]


def test_extract_writes_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    for name in EXPECT:
        cleantext.extract((PAGES / name).read_bytes())
    cleantext.extract(b"\xff\xfe\x00garbage\x80\x81")
    cleantext.clean("今天，我们在重庆签署了合作协议。\n责任编辑：张三\n")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
