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
