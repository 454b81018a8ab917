"""benchmarks/threads.py: its pools and its Python worker beside a pass, on synthetic pages."""

from __future__ import annotations

import pathlib
import sys
import threading

REPO = pathlib.Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import cleantext  # noqa: E402
from benchmarks.threads import POOLS, beside_python, load, pool_times, python_work  # noqa: E402
from cleantext.testing import article_paragraphs, make_page  # noqa: E402


def test_every_pool_is_timed_and_the_pass_beside_python_ends():
    pages = [make_page(article_paragraphs(seed=i, n=20), seed=i, kind="html") for i in range(4)]
    cleaner = cleantext.Cleaner(use_jieba=False)
    times = pool_times(cleaner, pages, 1)
    assert sorted(times) == list(POOLS) and all(0 < t < 60 for t in times.values())
    alone, busy = beside_python(cleaner, pages, 1)
    assert 0 < alone < 60 and 0 < busy < 60
    assert not [t for t in threading.enumerate() if t.name != "MainThread" and t.is_alive() and t.daemon]


def test_the_python_worker_stops_when_told():
    stop = threading.Event()
    worker = threading.Thread(target=python_work, args=(stop,), daemon=True)
    worker.start()
    stop.set()
    worker.join(5)
    assert not worker.is_alive()


def test_a_corpus_is_its_pages_of_one_mode_twice(tmp_path: pathlib.Path):
    for name, body in (("a.html", b"<p>1</p>"), ("a.txt", b"1"), ("a.gold.txt", b"gold"), ("b.txt", b"2")):
        (tmp_path / name).write_bytes(body)
    assert load(tmp_path, "text") == [b"1", b"2", b"1", b"2"]
    assert load(tmp_path, "html") == [b"<p>1</p>", b"<p>1</p>"]
