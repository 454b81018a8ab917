"""Determinism under sharing: threads, hash seeds, process start methods, pickling."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from invariants import fingerprint
from pages import html_page, text_dump

import cleantext

HERE = Path(__file__).parent
SEED_NEWS = (HERE / "data" / "seed_news.txt").read_bytes()


def _pages() -> list[bytes | str]:
    pages: list[bytes | str] = [SEED_NEWS, SEED_NEWS.decode("utf-8").encode("gb18030")]
    for seed in range(6):
        pages.append(html_page(seed=seed).encode("utf-8"))
        pages.append(html_page(seed=seed).replace('charset="utf-8"', 'charset="gbk"').encode("gb18030"))
        pages.append(text_dump(seed=seed))
    pages.append(html_page(size=300_000, seed=99))
    return pages


PAGES = _pages()


def _fingerprints(cleaner: cleantext.Cleaner, pages: list[bytes | str]) -> list[str]:
    return [fingerprint(cleaner.extract(p)) for p in pages]


@pytest.fixture(scope="module")
def expected() -> list[str]:
    return _fingerprints(cleantext.Cleaner(), PAGES)


def test_eight_threads_share_one_cleaner(expected: list[str]) -> None:
    cleaner = cleantext.Cleaner()
    work = [i for _ in range(4) for i in range(len(PAGES))]  # every page 4 times, interleaved
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda i: (i, fingerprint(cleaner.extract(PAGES[i]))), work))
    for i, fp in got:
        assert fp == expected[i], f"page {i} differs under threads"


def _asking_page(seed: int) -> bytes:
    """A page whose native steps, run without the GIL, take it back to ask Python: a
    ``<noframes>`` element (its markup capped by Python), datelines holding a web address (read
    by Python), a head with letters the core does not class (classed by Python), a tag name
    that is not ASCII (lower-cased by Python)."""
    page = html_page(seed=seed)
    head = '<meta name="description" content="Café ñandú — ÜBER «新闻»"><title>Crème brûlée_新闻网</title>'
    extra = (
        "<noframes><div><p>您的浏览器不支持框架。</p></div></noframes>"
        "<p>发布时间：2021-06-04 14:23 来源：https://www.example.com/2021/0604/news.html</p>"
        f"<Ünïcode>自定义标签</Ünïcode><p>（编辑：王某 http://t.cn/{seed}）</p>"
    )
    page = page.replace("<title>", head + "<title>", 1)
    return page.replace('<div class="main">', extra + '<div class="main">', 1).encode()


def test_threads_share_the_python_answers_of_native_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The core's long steps run without the GIL and take it back to ask Python (a ``<noframes>``
    element's cap, a dateline only Python reads): under eight threads every page's Document is
    the one it has alone, and Python was asked from those steps."""
    from cleantext import select
    from cleantext.blocks import html as html_blocks

    asked = {"cap": 0, "dateline": 0}
    cap, is_dateline = html_blocks._cap, select._PagePatterns.is_dateline

    def counted_cap(markup: str) -> str:
        asked["cap"] += 1
        return cap(markup)

    def counted_dateline(self: select._PagePatterns, i: int) -> bool:
        asked["dateline"] += 1
        return is_dateline(self, i)

    monkeypatch.setattr(html_blocks, "_cap", counted_cap)
    monkeypatch.setattr(select._PagePatterns, "is_dateline", counted_dateline)
    pages = [_asking_page(seed) for seed in range(6)]
    cleaner = cleantext.Cleaner()
    alone = _fingerprints(cleaner, pages)
    assert asked["cap"] >= len(pages) and asked["dateline"] >= len(pages)
    work = [i for _ in range(4) for i in range(len(pages))]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda i: (i, fingerprint(cleaner.extract(pages[i]))), work))
    assert all(fp == alone[i] for i, fp in got)
    assert asked["cap"] >= 5 * len(pages) and asked["dateline"] >= 5 * len(pages)


def test_threads_cold_start_jieba() -> None:
    """Threads racing for jieba's first load in a fresh interpreter get the same results."""
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1])\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "import cleantext\n"
        "from pages import html_page\n"
        "page = html_page(seed=3)\n"
        "c = cleantext.Cleaner()\n"
        "with ThreadPoolExecutor(8) as pool:\n"
        "    texts = list(pool.map(lambda _: c.extract(page).to_dict(blocks=True), range(8)))\n"
        "print(len({json.dumps(t, sort_keys=True, default=repr) for t in texts}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(HERE)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


_HASHSEED_SCRIPT = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
import cleantext
from invariants import fingerprint
from test_concurrency import PAGES
h = hashlib.sha256()
for page in PAGES:
    h.update(fingerprint(cleantext.extract(page)).encode())
print(h.hexdigest())
"""


def test_results_identical_across_hash_seeds() -> None:
    digests = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", _HASHSEED_SCRIPT, str(HERE)], capture_output=True, text=True, env=env, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1, digests


def _work(args: tuple[bytes, list[int]]) -> list[str]:
    blob, indices = args
    cleaner = pickle.loads(blob)
    return [fingerprint(cleaner.extract(PAGES[i])) for i in indices]


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_results_identical_across_start_methods(method: str, expected: list[str]) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} not available")
    cleaner = cleantext.Cleaner()
    cleaner.extract(PAGES[0])  # the parent has loaded jieba: forked children inherit it
    blob = pickle.dumps(cleaner)
    chunks = [list(range(i, len(PAGES), 2)) for i in range(2)]
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(2) as pool:
        results = pool.map(_work, [(blob, c) for c in chunks])
    for chunk, fps in zip(chunks, results):
        for i, fp in zip(chunk, fps):
            assert fp == expected[i], f"page {i} differs under {method}"


def test_cleaner_pickles_small_and_equal() -> None:
    cleaner = cleantext.Cleaner(input_format="text", use_jieba=False, min_body_han=5)
    cleaner.warm_up()
    blob = pickle.dumps(cleaner)
    assert len(blob) < 1000  # options only, never jieba's dictionary
    again = pickle.loads(blob)
    assert again == cleaner and again.options == cleaner.options
    assert again.extract(SEED_NEWS) == cleaner.extract(SEED_NEWS)


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_document_pickles(protocol: int) -> None:
    doc = cleantext.extract(PAGES[2])
    again = pickle.loads(pickle.dumps(doc, protocol=protocol))
    assert again == doc and again.kept == doc.kept
    assert json.dumps(again.to_dict(blocks=True), default=repr) == json.dumps(doc.to_dict(blocks=True), default=repr)


def test_same_page_same_result_in_one_process(expected: list[str]) -> None:
    cleaner = cleantext.Cleaner()
    assert _fingerprints(cleaner, PAGES) == expected
    assert _fingerprints(cleantext.Cleaner(cleaner.options), list(reversed(PAGES))) == list(reversed(expected))
