"""Worker processes under faults: a killed worker costs one record, signals leave no process behind.

These run the real command in a subprocess and watch its process tree in /proc (Linux only).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import cleantext
from cleantext.parallel import WorkerDied, map_ordered
from cleantext.testing import article_paragraphs, make_page

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")

RECORDS = 60
PARAGRAPHS = 1500  # a page of ~700 kB: 5-10 ms each with the native core (session 21)
#: Pages a killed-worker test feeds two workers: enough that each stays busy for ~0.3 s or more, so
#: the killer (which waits to see a worker use 50 ms of CPU) finds one at work on a loaded machine
#: (24 pages were done before it looked, once, in CI with the other tests running beside them).
SLOW_PAGES = 96


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return None if fields[0] == "Z" else int(fields[1])  # a zombie is dead already


def cpu_ticks(pid: int) -> int:
    """User + system CPU time of ``pid`` in clock ticks (0 once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def kill_when_busy(candidates: Callable[[], set[int]]) -> None:
    """SIGKILL the first worker seen visibly cleaning pages (it has used CPU since it was first
    seen). ``candidates`` is asked again on every poll, so a worker started late counts too, and
    multiprocessing's helpers (resource tracker, fork server) never do: waiting on one process
    chosen beforehand missed on a loaded machine (it could be a helper, or finish its share)."""
    first_seen: dict[int, int] = {}

    def busy() -> list[int]:
        for pid in candidates():
            cmdline = _cmdline(pid)
            if b"resource_tracker" in cmdline or b"forkserver" in cmdline:
                continue
            first_seen.setdefault(pid, cpu_ticks(pid))
        return [pid for pid, start in first_seen.items() if cpu_ticks(pid) >= start + 5]

    os.kill(wait_for(busy, step=0.01)[0], signal.SIGKILL)


def descendants(root: int) -> set[int]:
    """The live processes below ``root``."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            ppid = _parent_of(int(entry))
            if ppid is not None:
                parents[int(entry)] = ppid
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.fixture
def workers_left() -> Callable[[], set[int]]:
    """The processes started below this one since the test began that are still alive, less
    multiprocessing's own helpers (the resource tracker and the fork server live as long as this
    process; the workers the fork server forks count)."""
    me = os.getpid()
    before = descendants(me)  # other tests' helpers (a Spark JVM...) are not this test's

    def left() -> set[int]:
        helpers = {
            pid
            for pid in descendants(me)
            if _parent_of(pid) == me and (b"resource_tracker" in _cmdline(pid) or b"forkserver" in _cmdline(pid))
        }
        return alive(descendants(me) - before - helpers)

    return left


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if _parent_of(pid) is not None}


def wait_for(condition, timeout: float = 30.0, step: float = 0.05):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s")


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL batch of large pages (each record's paragraphs are its seed's)."""
    path = tmp_path_factory.mktemp("workers") / "batch.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(RECORDS):
            page = make_page(article_paragraphs(seed=i, n=PARAGRAPHS), seed=i, kind="html", encoding="utf-8")
            f.write(json.dumps({"id": f"r{i}", "html": page.decode("utf-8")}, ensure_ascii=False) + "\n")
    return path


def start(batch: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cleantext", "--no-jieba", "--out", "jsonl", "-j", "2", *extra, str(batch)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def workers_of(proc: subprocess.Popen[bytes]) -> set[int]:
    return wait_for(lambda: (kids := descendants(proc.pid)) and len(kids) >= 2 and kids)


def drained(proc: subprocess.Popen[bytes]) -> Callable[[], tuple[bytes, bytes]]:
    """Read the command's stdout and stderr as it writes them (a row is a whole page's text: were
    they not read, the command would block on its output, and its workers on their results, idle
    while the test waits for one to be busy); the returned function waits for the end and gives both."""
    got: dict[str, bytes] = {}
    threads = [
        threading.Thread(target=lambda name=name, pipe=pipe: got.__setitem__(name, pipe.read()), daemon=True)
        for name, pipe in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for thread in threads:
        thread.start()

    def finish() -> tuple[bytes, bytes]:
        proc.wait(timeout=180)
        for thread in threads:
            thread.join(30)
        return got["out"], got["err"]

    return finish


def test_a_killed_worker_costs_one_record(batch):
    proc = start(batch, "--on-error", "keep")
    finish = drained(proc)
    workers_of(proc)
    kill_when_busy(lambda: descendants(proc.pid))
    out, err = finish()
    assert proc.returncode == 0, err.decode()
    rows = [json.loads(line) for line in out.decode().splitlines()]
    assert [r["id"] for r in rows] == [f"r{i}" for i in range(RECORDS)]  # every record once, in order
    failed = [r for r in rows if "error" in r]
    assert len(failed) == 1, failed
    assert failed[0]["error"].startswith("WorkerDied: worker died (signal 9")
    for i, r in enumerate(rows):
        if "error" not in r:
            assert r["text"].split("\n") == article_paragraphs(seed=i, n=PARAGRAPHS)
    assert b"Traceback" not in err
    assert f"1 of {RECORDS} records failed".encode() in err and b"WorkerDied" in err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_signal_to_the_command_leaves_no_process(batch, signum):
    proc = start(batch)
    workers = workers_of(proc)
    eof = threading.Event()

    def drain() -> None:  # a pipe reader (`| wc -l`) must see EOF: no worker may hold stdout
        proc.stdout.read()  # type: ignore[union-attr]
        eof.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    worker = min(workers)
    start_ticks = cpu_ticks(worker)
    wait_for(lambda: cpu_ticks(worker) >= start_ticks + 2, step=0.01)  # mid-batch
    os.kill(proc.pid, signum)
    code = proc.wait(timeout=15)
    # SIGTERM and SIGINT are handled (the parent ends its workers); SIGKILL is not (PDEATHSIG does)
    assert code == (-signum if signum == signal.SIGKILL else 128 + signum), proc.stderr.read()  # type: ignore[union-attr]
    wait_for(lambda: not alive(workers), timeout=10)
    assert eof.wait(10), "stdout still held open"
    if signum != signal.SIGKILL:
        assert b"Traceback" not in proc.stderr.read()  # type: ignore[union-attr]


# -- the library: map_ordered with a worker killed under it ---------------------------------------


@pytest.fixture(scope="module")
def slow_pages() -> list[bytes]:
    return [make_page(article_paragraphs(seed=i, n=PARAGRAPHS), seed=i, kind="html") for i in range(SLOW_PAGES)]


def _kill_one_worker_soon(parent: int) -> threading.Thread:
    before = descendants(parent)

    def kill() -> None:
        kill_when_busy(lambda: descendants(parent) - before)

    thread = threading.Thread(target=kill, daemon=True)
    thread.start()
    return thread


def test_map_ordered_survives_a_killed_worker(slow_pages, workers_left):
    killer = _kill_one_worker_soon(os.getpid())
    cleaner = cleantext.Cleaner(use_jieba=False)
    got = list(map_ordered(cleaner, iter(slow_pages), jobs=2, chunksize=2, errors="return"))
    killer.join()
    assert len(got) == len(slow_pages)
    died = [i for i, d in enumerate(got) if isinstance(d, WorkerDied)]
    assert len(died) == 1 and "signal 9" in str(got[died[0]])
    for i, d in enumerate(got):
        if i not in died:
            assert d.text.split("\n") == article_paragraphs(seed=i, n=PARAGRAPHS)
    assert not workers_left()  # the workers are gone once the batch is done


def test_extract_many_raises_worker_died_in_its_place(slow_pages, workers_left):
    killer = _kill_one_worker_soon(os.getpid())
    got = []
    with pytest.raises(WorkerDied, match="worker died"):
        for doc in cleantext.Cleaner(use_jieba=False).extract_many(iter(slow_pages), jobs=2):
            got.append(doc)
    killer.join()
    assert [d.text.split("\n") for d in got] == [article_paragraphs(seed=i, n=PARAGRAPHS) for i in range(len(got))]
    assert not workers_left()


def _die_on_marked(doc: cleantext.Document) -> str:
    """A postprocess (test only) whose worker kills itself on the pages marked ``die``."""
    if doc.url == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    return doc.text


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_each_death_costs_exactly_its_page(method, workers_left):
    import multiprocessing

    from cleantext.parallel import Page

    n = 30 if method == "fork" else 8  # starting a worker costs a second outside fork
    pages = [
        Page(make_page(article_paragraphs(seed=i, n=2), seed=i, kind="html"), url="die" if i % 7 == 3 else None)
        for i in range(n)
    ]
    cleaner = cleantext.Cleaner(use_jieba=False)
    context = multiprocessing.get_context(method)
    got = list(
        map_ordered(cleaner, pages, 2, chunksize=4, errors="return", postprocess=_die_on_marked, mp_context=context)
    )
    marked = [i for i in range(n) if i % 7 == 3]
    assert [i for i, r in enumerate(got) if isinstance(r, WorkerDied)] == marked
    assert all(str(got[i]).startswith("worker died (signal 9") for i in marked)
    assert [r.split("\n") for i, r in enumerate(got) if i not in marked] == [
        article_paragraphs(seed=i, n=2) for i in range(n) if i not in marked
    ]
    assert not workers_left()


def test_workers_that_die_on_start_up_end_the_batch(monkeypatch, workers_left):
    import multiprocessing
    import types

    only_here = types.ModuleType("only_in_this_process")  # a spawned worker cannot import it: it dies at once
    exec("def post(doc):\n    return doc.text\n", only_here.__dict__)
    monkeypatch.setitem(sys.modules, "only_in_this_process", only_here)
    gen = map_ordered(
        cleantext.Cleaner(use_jieba=False),
        ["第一段文字，今天我们在重庆签署了合作协议。"] * 4,
        jobs=2,
        postprocess=only_here.post,
        mp_context=multiprocessing.get_context("spawn"),
    )
    with pytest.raises(RuntimeError, match="die on start-up"):
        list(gen)
    assert not workers_left()
