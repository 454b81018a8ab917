"""parallel.map_ordered: order, bounded reading, errors, item shapes, worker warm-up."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Iterator
from datetime import datetime

import pytest

import cleantext
from cleantext.parallel import Page, PageError, WorkerDied, as_page, map_ordered
from cleantext.testing import article_paragraphs, make_page

PAGES = [
    make_page(article_paragraphs(seed=i, n=1 + i % 3), seed=i, kind="html" if i % 2 else "text") for i in range(40)
]


def test_order_and_identity_across_jobs():
    cleaner = cleantext.Cleaner()
    one = [d.to_dict() for d in map_ordered(cleaner, PAGES, jobs=1)]
    two = [d.to_dict() for d in map_ordered(cleaner, iter(PAGES), jobs=2, chunksize=3)]
    assert one == two
    assert [d["text"].split("\n") for d in two] == [article_paragraphs(seed=i, n=1 + i % 3) for i in range(40)]
    assert [d.text for d in cleaner.extract_many(PAGES, jobs=2)] == [d["text"] for d in one]


def test_pages_and_results_larger_than_a_frame_buffer_cross_whole():
    """Pages over the 1 MB a frame reader keeps (cleantext.frames), with results over its first
    64 kB, come back as one process makes them, between small ones."""
    paragraphs = [p for seed in range(600) for p in article_paragraphs(seed=seed, n=6)]  # (repeats would be dropped)
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    dump = "\n\n".join(paragraphs)
    pages = [PAGES[0], html.encode(), PAGES[1], dump.encode(), dump, PAGES[2]]
    assert len(pages[1]) > 1 << 20 and len(pages[3]) > 1 << 20
    cleaner = cleantext.Cleaner()
    one = [d.to_dict() for d in map_ordered(cleaner, pages, jobs=1)]
    two = [d.to_dict() for d in map_ordered(cleaner, pages, jobs=2, chunksize=2)]
    assert one == two
    assert len(two[1]["text"]) > 100_000 and len(two[3]["text"]) > 100_000


def test_reads_a_huge_iterable_lazily():
    taken = 0

    def endless():
        nonlocal taken
        for i in itertools.count():
            taken += 1
            yield PAGES[i % len(PAGES)]

    gen = map_ordered(cleantext.Cleaner(use_jieba=False), endless(), jobs=2, chunksize=4, prefetch=2)
    first = list(itertools.islice(gen, 10))
    gen.close()  # shuts the pool down
    assert len(first) == 10
    assert taken <= 10 + 2 * 2 * 4 + 4


def test_item_shapes():
    page = PAGES[1]
    items = [
        page,
        page.decode("utf-8"),
        Page(page, url="u"),
        (page, "utf-8", None, "t"),
        {"page": page, "url": "d"},
        bytearray(page),
        memoryview(page),
    ]
    docs = list(map_ordered(cleantext.Cleaner(use_jieba=False), items, jobs=2, chunksize=2))
    assert [d.url for d in docs] == [None, None, "u", "t", "d", None, None]
    assert len({d.text for d in docs}) == 1
    with pytest.raises(TypeError):
        as_page(3)
    with pytest.raises(TypeError):
        as_page({"html": "x"})


GBK = make_page(article_paragraphs(seed=7, n=2), seed=7, encoding="gbk")
NOW = datetime(2021, 6, 5, 9, 0)
#: Items of every shape ``as_page`` takes, each with the page and ``extract`` arguments it stands for.
HINTED = [
    (PAGES[1], PAGES[1], {}),
    (PAGES[1].decode("utf-8"), PAGES[1].decode("utf-8"), {}),
    (bytearray(PAGES[1]), PAGES[1], {}),
    (memoryview(PAGES[1]), PAGES[1], {}),
    (Page(PAGES[1], url="u"), PAGES[1], {"url": "u"}),
    (Page(PAGES[1], format="text", now=NOW), PAGES[1], {"input_format": "text", "now": NOW}),
    ((GBK, "gbk", None, "t"), GBK, {"encoding": "gbk", "url": "t"}),
    (
        {"page": GBK, "content_type": "text/html; charset=gbk", "url": "d"},
        GBK,
        {"content_type": "text/html; charset=gbk", "url": "d"},
    ),
]


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_many_takes_every_item_shape_with_its_hints(jobs):
    """``extract_many`` takes what ``map_ordered`` takes, each item with its hints, whatever ``jobs``."""
    cleaner = cleantext.Cleaner(use_jieba=False)
    expected = [cleaner.extract(page, **kw).to_dict() for _, page, kw in HINTED]
    with cleaner:
        got = [d.to_dict() for d in cleaner.extract_many([item for item, _, _ in HINTED], jobs=jobs)]
    assert got == expected
    assert [d["url"] for d in got] == [None] * 4 + ["u", None, "t", "d"]
    assert got[5]["format"] == "text" and got[6]["encoding"] in ("gbk", "gb18030")


def _raised(cleaner: cleantext.Cleaner, items: list, jobs: int) -> tuple[int, type, str]:
    """How many Documents ``extract_many`` yields before it raises, and what it raises."""
    yielded = 0
    with pytest.raises(Exception) as caught:  # (what it raises is compared across jobs)
        for _ in cleaner.extract_many(items, jobs=jobs):
            yielded += 1
    return yielded, type(caught.value), str(caught.value)


#: Items that fail: of no shape ``as_page`` takes; a page or a hint of the wrong type (one that would not pickle).
BAD = {
    "int": 42,
    "None": None,
    "dict": {"html": "x"},
    "Page(5)": Page(5),
    "encoding=5": (PAGES[0], 5),
    "url=lock": Page(PAGES[0], url=threading.Lock()),
    "format=lock": Page(PAGES[0], format=threading.Lock()),
}


@pytest.mark.parametrize("bad", list(BAD.values()), ids=list(BAD))
def test_extract_many_fails_a_bad_item_alike_whatever_jobs(bad):
    """A bad item raises in its turn, the same exception with ``jobs=1`` as with ``jobs=2``."""
    with cleantext.Cleaner(use_jieba=False) as cleaner:
        one, two = (_raised(cleaner, [PAGES[0], bad, PAGES[2]], jobs) for jobs in (1, 2))
    assert one == two
    assert one[0] == 1 and issubclass(one[1], TypeError)


@pytest.mark.parametrize("jobs", [1, 2])
def test_errors_raise_after_earlier_results(jobs):
    limit = max(len(PAGES[0]), len(PAGES[1])) + 1
    items = [PAGES[0], PAGES[1], b"x" * (limit + 1), PAGES[2]]
    got = []
    with pytest.raises((cleantext.InputTooLarge, PageError), match="max_bytes"):
        for d in map_ordered(cleantext.Cleaner(use_jieba=False, max_bytes=limit), items, jobs=jobs, chunksize=1):
            got.append(d)
    assert len(got) == 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_errors_returned_in_place(jobs):
    limit = max(len(p) for p in PAGES[:3]) + 1
    items = [PAGES[0], b"x" * (limit + 1), 42, PAGES[2]]
    got = list(map_ordered(cleantext.Cleaner(use_jieba=False, max_bytes=limit), items, jobs=jobs, errors="return"))
    assert isinstance(got[0], cleantext.Document) and isinstance(got[3], cleantext.Document)
    assert "max_bytes" in str(got[1]) and isinstance(got[2], TypeError)
    if jobs > 1:  # what came back from a worker survived pickling (as itself or as a PageError)
        for exc in got[1:3]:
            pickle.loads(pickle.dumps(exc))


def _breaking(items: list) -> Iterator:
    """``items``, then the source breaks."""
    yield from items
    raise RuntimeError("source broke")


@pytest.mark.parametrize(
    ("jobs", "chunksize", "prefetch"),
    [(1, 8, 4), (2, 8, 4), (2, 2, 1)],
    ids=["in-process", "all-read-ahead", "window-of-4"],
)
@pytest.mark.parametrize("errors", ["raise", "return"])
def test_pages_read_before_the_source_breaks_come_out_first(jobs, chunksize, prefetch, errors):
    """Every page read before the iterable raised comes out, in order, then its exception (not a
    page's failure: raised with ``errors="return"`` too)."""
    cleaner = cleantext.Cleaner(use_jieba=False)
    items = PAGES[:20] if errors == "raise" else [*PAGES[:10], 42, *PAGES[10:20]]
    got = []
    with pytest.raises(RuntimeError, match="source broke"):
        for result in map_ordered(
            cleaner, _breaking(items), jobs, chunksize=chunksize, prefetch=prefetch, errors=errors
        ):
            got.append(result)
    texts = [r.text if isinstance(r, cleantext.Document) else type(r) for r in got]
    expected = [cleaner.extract(p).text for p in PAGES[:20]]
    assert texts == (expected if errors == "raise" else [*expected[:10], TypeError, *expected[10:]])


def test_page_error_pickles():
    err = pickle.loads(pickle.dumps(PageError("InputTooLarge", "too big")))
    assert str(err) == "InputTooLarge: too big"


def test_bad_arguments():
    with pytest.raises(ValueError):
        list(map_ordered(cleantext.Cleaner(), [], jobs=0))
    with pytest.raises(ValueError):
        list(map_ordered(cleantext.Cleaner(), [], errors="ignore"))


def test_mp_context_may_name_a_start_method():
    """``mp_context="spawn"`` (any of ``multiprocessing.get_all_start_methods()``) is that method's context."""
    method = multiprocessing.get_context().get_start_method()  # (the platform's: the cheapest to start here)
    cleaner = cleantext.Cleaner(use_jieba=False)
    docs = map_ordered(cleaner, PAGES[:3], jobs=2, mp_context=method)
    assert [d.text for d in docs] == [cleaner.extract(p).text for p in PAGES[:3]]


def _loaded(_: object) -> bool:
    from cleantext import resources

    return resources.is_loaded()


def test_workers_are_warmed_once_and_get_options_only():
    from concurrent.futures import ProcessPoolExecutor

    from cleantext import parallel

    cleaner = cleantext.Cleaner(min_body_han=3)
    assert len(pickle.dumps(cleaner)) < 600
    with ProcessPoolExecutor(1, initializer=parallel._init_worker, initargs=(cleaner,)) as pool:
        assert pool.submit(_loaded, None).result()


def test_every_worker_is_told_to_stop_before_any_is_waited_for(monkeypatch):
    """The workers end together at the end of a batch: the parent waits for one exit, not the sum."""
    from cleantext import parallel

    events: list[tuple[str, int]] = []
    ask, stop = parallel._Worker.ask_to_stop, parallel._Worker.stop

    def asked(self):
        if not self.retiring:  # (told once: asking again does nothing)
            events.append(("ask", self.process.pid))
        ask(self)

    def stopped(self, politely):
        events.append(("wait", self.process.pid))
        stop(self, politely)
        assert not self.process.is_alive()

    monkeypatch.setattr(parallel._Worker, "ask_to_stop", asked)
    monkeypatch.setattr(parallel._Worker, "stop", stopped)
    docs = list(map_ordered(cleantext.Cleaner(use_jieba=False), PAGES[:6], jobs=3, chunksize=1))
    assert [d.text for d in docs] == [cleantext.Cleaner(use_jieba=False).extract(p).text for p in PAGES[:6]]
    assert [kind for kind, _ in events] == ["ask"] * 3 + ["wait"] * 3
    assert sorted(pid for kind, pid in events if kind == "ask") == sorted(pid for kind, pid in events if kind == "wait")


def _slow_on_marked(doc: cleantext.Document) -> str:
    """A postprocess (test only) that takes its time on the page marked ``slow``."""
    if doc.url == "slow":
        import time

        time.sleep(0.5)
    return doc.text


def test_workers_are_told_to_stop_once_every_page_is_handed_out(monkeypatch):
    """A worker with nothing left to do ends while the parent still waits for the last results."""
    from cleantext import parallel

    events: list[str] = []
    ask = parallel._Worker.ask_to_stop

    def asked(self):
        if not self.retiring:
            events.append("ask")
        ask(self)

    monkeypatch.setattr(parallel._Worker, "ask_to_stop", asked)
    pages = [Page(p, url="slow" if i == 5 else None) for i, p in enumerate(PAGES[:6])]
    texts = []
    cleaner = cleantext.Cleaner(use_jieba=False)
    for text in map_ordered(cleaner, pages, jobs=2, chunksize=1, postprocess=_slow_on_marked):
        texts.append(text)
        events.append("result")
    assert texts == [cleantext.Cleaner(use_jieba=False).extract(p).text for p in PAGES[:6]]
    results = [i for i, event in enumerate(events) if event == "result"]
    asks = [i for i, event in enumerate(events) if event == "ask"]
    assert len(results) == 6 and len(asks) == 2
    assert asks[-1] < results[-1]  # both told before the slow page's result came back


def _refuse(reason: str) -> object:
    """Unpickling a :class:`_OnlyThere` in the parent: it refuses (test only)."""
    if os.getpid() == _PARENT:
        raise LookupError(reason)
    return _OnlyThere()


class _OnlyThere:
    """A result (test only) that pickles in a worker and cannot be unpickled in the parent."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (_refuse, ("no such thing here",))


_PARENT = os.getpid()


def _only_there_on_marked(doc: cleantext.Document) -> object:
    return _OnlyThere() if doc.url == "odd" else doc.text


@pytest.mark.parametrize("errors", ["raise", "return"])
def test_a_result_that_does_not_unpickle_is_its_pages_failure(errors):
    """A result the parent cannot unpickle costs its page only: that page's error, in its turn."""
    cleaner = cleantext.Cleaner(use_jieba=False)
    pages = [Page(p, url="odd" if i == 5 else None) for i, p in enumerate(PAGES[:12])]
    results = map_ordered(cleaner, pages, 2, chunksize=4, errors=errors, postprocess=_only_there_on_marked)
    expected = [cleaner.extract(p).text for p in PAGES[:12]]
    if errors == "raise":
        got = []
        with pytest.raises(LookupError, match="no such thing here"):
            for r in results:
                got.append(r)
        assert got == expected[:5]
        return
    got = list(results)
    assert isinstance(got[5], LookupError) and str(got[5]) == "no such thing here"
    assert got[:5] + got[6:] == expected[:5] + expected[6:]


# -- isolate=False: the caller cleans pages too ---------------------------------------------------


def _pid_and_text(doc: cleantext.Document) -> tuple[int, str]:
    """A postprocess (test only): where the page was cleaned, and its text."""
    return os.getpid(), doc.text


def _a_lock(doc: cleantext.Document) -> threading.Lock:
    """A postprocess (test only) whose result does not pickle."""
    return threading.Lock()


def _in_a_worker_only(doc: cleantext.Document) -> str:
    """A postprocess (test only) that fails in a worker, not in the caller: ``RuntimeError``."""
    if multiprocessing.parent_process() is not None:
        raise RuntimeError(f"worker {doc.url}")
    return doc.text


def test_the_caller_cleans_pages_too_with_one_worker_fewer():
    """With isolate=False, jobs=2 starts one worker and the calling process cleans pages as well;
    the results are jobs=1's, in order, whoever cleaned each page."""
    cleaner = cleantext.Cleaner()
    one = [d.to_dict() for d in map_ordered(cleaner, PAGES, jobs=1)]
    two = [d.to_dict() for d in map_ordered(cleaner, iter(PAGES), jobs=2, chunksize=2, isolate=False)]
    assert two == one
    where = [pid for pid, _ in map_ordered(cleaner, PAGES, 2, chunksize=2, postprocess=_pid_and_text, isolate=False)]
    assert os.getpid() in where and len(set(where)) == 2  # the caller and one worker
    docs = list(cleaner.extract_many(PAGES, jobs=3, isolate=False))
    assert [d.to_dict() for d in docs] == one
    cleaner.close()


def test_a_result_fails_as_it_would_in_a_worker_wherever_it_was_made():
    """A postprocess result that does not pickle is its page's failure on every page, those the
    caller cleaned included, the same failure; an exception comes back as a worker's would."""
    cleaner = cleantext.Cleaner(use_jieba=False)
    got = list(map_ordered(cleaner, PAGES[:12], 2, chunksize=2, errors="return", postprocess=_a_lock, isolate=False))
    assert {(type(r), str(r)) for r in got} == {(TypeError, "cannot pickle '_thread.lock' object")}
    pages = [Page(p, url=str(i)) for i, p in enumerate(PAGES[:12])]
    mixed = list(
        map_ordered(cleaner, pages, 2, chunksize=2, errors="return", postprocess=_in_a_worker_only, isolate=False)
    )
    assert len(mixed) == 12 and any(isinstance(r, str) for r in mixed)  # (the caller's pages)
    assert all(
        isinstance(r, str) or (isinstance(r, RuntimeError) and str(r) == f"worker {i}") for i, r in enumerate(mixed)
    )


def test_isolate_is_checked_and_keeps_its_own_workers():
    cleaner = cleantext.Cleaner(use_jieba=False)
    with pytest.raises(TypeError, match="isolate"):
        map_ordered(cleaner, PAGES, 2, isolate="no")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="isolate"):
        cleaner.extract_many(PAGES, jobs=2, isolate=None)  # type: ignore[arg-type]
    texts = [d.text for d in cleaner.extract_many(PAGES, jobs=2, isolate=False)]
    kept = cleaner._kept_workers().pids()
    assert len(kept) == 1
    assert [d.text for d in cleaner.extract_many(PAGES, jobs=2, isolate=False)] == texts
    assert cleaner._kept_workers().pids() == kept  # the same worker, taken again
    assert [d.text for d in cleaner.extract_many(PAGES, jobs=2)] == texts
    assert len(cleaner._kept_workers().pids()) == 2  # isolating: two workers of its own
    cleaner.close()


def _die_in_a_worker(doc: cleantext.Document) -> str:
    """A postprocess (test only) that kills its worker on the pages marked ``die`` (not the caller)."""
    if doc.url == "die" and multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc.text


def test_a_worker_that_dies_costs_its_page_when_the_caller_cleans_too():
    """isolate=False: a worker's death still costs the page it was cleaning alone (the same page
    cleaned by the caller comes back); a new worker takes over and every page comes out once."""
    pages = [Page(p, url="die" if i % 7 == 3 else None) for i, p in enumerate(PAGES)]
    cleaner = cleantext.Cleaner(use_jieba=False)
    got = list(
        map_ordered(cleaner, pages, 2, chunksize=2, errors="return", postprocess=_die_in_a_worker, isolate=False)
    )
    texts = [d.text for d in map_ordered(cleaner, PAGES, jobs=1)]
    assert len(got) == len(PAGES)
    for i, r in enumerate(got):
        if i % 7 == 3 and isinstance(r, WorkerDied):
            continue
        assert r == texts[i], i
    assert any(isinstance(r, WorkerDied) for r in got)
    assert not [t for t in threading.enumerate() if t.name == "cleantext-outbox"]  # each ended with its worker


def test_a_caller_that_cleans_sends_chunks_from_a_thread_that_ends_with_its_worker():
    """isolate=False: chunks of pages over a pipe's buffer go out from a sending thread (the caller
    cleans meanwhile); each worker's thread ends with it, whether the call ends or is left early."""
    paragraphs = [p for seed in range(600) for p in article_paragraphs(seed=seed, n=6)]
    big = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>").encode()
    pages = [big, *PAGES[:6], big, *PAGES[6:12]]
    assert len(big) > 1 << 20
    cleaner = cleantext.Cleaner(use_jieba=False)
    one = [d.text for d in map_ordered(cleaner, pages, jobs=1)]
    assert [d.text for d in map_ordered(cleaner, pages, 3, chunksize=2, isolate=False)] == one
    gen = map_ordered(cleaner, itertools.cycle(pages), 2, chunksize=2, isolate=False)
    assert [d.text for d in itertools.islice(gen, 20)] == (one * 2)[:20]
    gen.close()
    assert not [t for t in threading.enumerate() if t.name == "cleantext-outbox"]
