"""``extract_many(jobs>1)`` keeps its workers between calls (:class:`cleantext.parallel.KeptWorkers`):
the next call takes them, and the workers end with ``close()``, the ``with`` block, the Cleaner
itself, a call left early or a call with other settings. Linux only (watches /proc)."""

from __future__ import annotations

import gc
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from test_workers import alive, wait_for
from test_workers import workers_left as workers_left

import cleantext
from cleantext.parallel import KeptWorkers, map_ordered
from cleantext.testing import article_paragraphs, make_page

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")

PAGES = [make_page(article_paragraphs(seed=i, n=3), seed=i, kind="html" if i % 2 else "text") for i in range(24)]


@pytest.fixture
def left(request):  # type: ignore[no-untyped-def]
    """The worker processes alive (see test_workers.workers_left)."""
    return request.getfixturevalue("workers_left")


def _reapable(pid: int) -> bool:
    """Whether child ``pid`` has ended, every thread of it (left to be reaped by its owner)."""
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None


def _texts(docs) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.text for d in docs]


@pytest.fixture(scope="module")
def expected() -> list[str]:
    return _texts(cleantext.Cleaner(use_jieba=False).extract_many(PAGES, jobs=1))


def test_a_second_call_takes_the_first_calls_workers(expected, left):
    cleaner = cleantext.Cleaner(use_jieba=False)
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected
    first = left()
    assert len(first) == 2  # kept, idle
    for _ in range(3):
        assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected
        assert left() == first  # the same processes: none started, none ended
    cleaner.close()
    assert wait_for(lambda: not left())
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected  # usable after close: new workers
    assert left().isdisjoint(first)
    cleaner.close()
    assert wait_for(lambda: not left())


def test_the_workers_end_with_the_cleaner(expected, left):
    with cleantext.Cleaner(use_jieba=False) as cleaner:
        assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected
        assert len(left()) == 2
    assert wait_for(lambda: not left())

    cleaner = cleantext.Cleaner(use_jieba=False)
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected
    assert len(left()) == 2
    del cleaner
    gc.collect()
    assert wait_for(lambda: not left())


def test_a_call_left_early_keeps_no_workers(expected, left):
    cleaner = cleantext.Cleaner(use_jieba=False)
    for doc in cleaner.extract_many(PAGES, jobs=2):
        assert doc.text == expected[0]
        break
    assert wait_for(lambda: not left())
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected
    cleaner.close()


def _breaking(pages: list[bytes]) -> Iterator[bytes]:
    """``pages``, then the source breaks."""
    yield from pages
    raise RuntimeError("source broke")


def test_a_source_that_breaks_loses_no_page_read_before(expected, left):
    """The pages read before the source raised come out, in order, then its exception; the call
    ends its workers (as any call left by an exception) and the next one starts others."""
    cleaner = cleantext.Cleaner(use_jieba=False)
    got = []
    with pytest.raises(RuntimeError, match="source broke"):
        for doc in cleaner.extract_many(_breaking(PAGES), jobs=2):
            got.append(doc.text)
    assert got == expected
    assert wait_for(lambda: not left())
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected
    cleaner.close()
    assert wait_for(lambda: not left())


def test_other_jobs_or_options_start_other_workers(expected, left):
    kept = KeptWorkers()
    cleaner = cleantext.Cleaner(use_jieba=False)
    assert _texts(map_ordered(cleaner, PAGES, 2, kept=kept)) == expected
    two = set(kept.pids())
    assert _texts(map_ordered(cleaner, PAGES, 3, kept=kept)) == expected
    three = set(kept.pids())
    assert len(three) == 3 and three.isdisjoint(two)
    assert wait_for(lambda: left() == three)  # the two were ended
    other = cleantext.Cleaner(use_jieba=False, include_links=True)
    linked = _texts(map_ordered(other, PAGES, 3, kept=kept))
    assert linked == _texts(other.extract_many(PAGES, jobs=1))
    assert set(kept.pids()).isdisjoint(three)
    kept.close()
    assert wait_for(lambda: not left())


def test_a_kept_worker_that_died_costs_no_page(expected, left):
    cleaner = cleantext.Cleaner(use_jieba=False)
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected
    victim, _ = sorted(left())
    os.kill(victim, signal.SIGKILL)
    # Dead as its parent sees it: the leader shows as a zombie in /proc while the worker's reading
    # thread still holds its end of the pipe (a page sent then is lost with it: WorkerDied).
    assert wait_for(lambda: _reapable(victim))
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected  # every page, none a WorkerDied
    now = left()
    assert len(now) == 2 and victim not in now
    cleaner.close()
    assert wait_for(lambda: not left())


def test_two_calls_at_once_each_have_workers(expected, left):
    cleaner = cleantext.Cleaner(use_jieba=False)
    pairs = list(zip(cleaner.extract_many(PAGES, jobs=2), cleaner.extract_many(PAGES, jobs=2)))
    assert [a.text for a, _ in pairs] == expected == [b.text for _, b in pairs]
    assert wait_for(lambda: len(left()) == 2)  # one pool kept, the other ended

    results: dict[int, list[str]] = {}

    def run(k: int) -> None:
        results[k] = _texts(cleaner.extract_many(PAGES, jobs=2))

    threads = [threading.Thread(target=run, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {0: expected, 1: expected, 2: expected}
    assert wait_for(lambda: len(left()) == 2)
    cleaner.close()
    assert wait_for(lambda: not left())


def test_workers_started_in_another_thread_are_not_kept(expected, left):
    """On Linux a worker dies with the thread that started it: kept, it would die idle when that
    thread ends (or as the next call sends it pages, costing one)."""
    cleaner = cleantext.Cleaner(use_jieba=False)
    out: list[list[str]] = []

    def call() -> None:
        out.append(_texts(cleaner.extract_many(PAGES, jobs=2)))

    thread = threading.Thread(target=call)
    thread.start()
    thread.join()
    assert out == [expected]
    assert cleaner._kept_workers().pids() == ()  # not kept: they end with the call
    assert wait_for(lambda: not left())
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected  # the main thread's are kept
    first = left()
    assert len(first) == 2
    thread = threading.Thread(target=call)  # another thread takes them and puts them back
    thread.start()
    thread.join()
    assert out[-1] == expected
    assert set(cleaner._kept_workers().pids()) == first
    assert left() == first  # alive after that thread ended
    cleaner.close()
    assert wait_for(lambda: not left())


def test_a_forked_child_does_not_use_its_parents_workers(expected, left):
    cleaner = cleantext.Cleaner(use_jieba=False)
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected
    parents = set(left())
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        ok = _texts(cleaner.extract_many(PAGES, jobs=2)) == expected and set(cleaner._kept.pids()).isdisjoint(parents)
        cleaner.close()
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as answer:
        assert answer.read() == b"1"
    os.waitpid(pid, 0)
    assert set(cleaner._kept.pids()) == parents  # still the parent's, and alive
    assert alive(parents) == parents
    assert _texts(cleaner.extract_many(PAGES, jobs=2)) == expected
    assert set(cleaner._kept.pids()) == parents
    cleaner.close()
    assert wait_for(lambda: not left())


def test_kept_must_be_kept_workers():
    with pytest.raises(TypeError, match="kept"):
        list(map_ordered(cleantext.Cleaner(), ["x"], 2, kept=object()))  # type: ignore[arg-type]


class _Marking(cleantext.Cleaner):
    """A subclass whose extract marks its Documents (the workers must run it, kept or not)."""

    def extract(self, page, **kw):  # type: ignore[no-untyped-def]
        return replace(super().extract(page, **kw), url="marked")


def test_kept_workers_run_the_cleaners_own_class(expected, left):
    cleaner = _Marking(use_jieba=False)
    for _ in range(2):  # started, then kept
        docs = list(cleaner.extract_many(PAGES, jobs=2))
        assert [d.text for d in docs] == expected and {d.url for d in docs} == {"marked"}
    cleaner.close()
    assert wait_for(lambda: not left())


def test_a_dumps_document_comes_back_without_the_page_it_was_sent() -> None:
    pages = [make_page(article_paragraphs(seed=i, n=3), seed=i, kind="text") for i in range(8)]
    with cleantext.Cleaner(use_jieba=False, input_format="text") as cleaner:
        docs = list(cleaner.extract_many(pages, jobs=2))
        serial = [cleaner.extract(page) for page in pages]
    assert [(d.to_dict(), d.blocks, d.markdown) for d in docs] == [(d.to_dict(), d.blocks, d.markdown) for d in serial]
    # the parent's own page object: the worker did not send a copy of it back
    assert all(d.__dict__["_table"].state[1] is page for d, page in zip(docs, pages))
    texts = [page.decode() for page in pages]  # a dump given as text: its text is the parent's
    with cleantext.Cleaner(use_jieba=False, input_format="text") as cleaner:
        docs = list(cleaner.extract_many(texts, jobs=2))
        serial = [cleaner.extract(text) for text in texts]
    assert [(d.to_dict(), d.blocks, d.markdown) for d in docs] == [(d.to_dict(), d.blocks, d.markdown) for d in serial]
    assert all(d.__dict__["_table"].page() is text for d, text in zip(docs, texts))
