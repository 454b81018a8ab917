"""What a Document costs to send between processes: pickle size and time, and what
``extract_many(jobs=2)`` gains over ``jobs=1`` on a corpus.

For each mode: the pickle (default protocol, as the workers send it: with the page held, which a text dump's
Document then leaves out) of every page's Document, its size and the time to dump (the Document's first
pickle, as in a worker) and load it (per page, the fastest of ``--repeat`` rounds); then the wall time of
``Cleaner.extract_many(pages, jobs=N)`` reading each Document's ``text`` (the fastest of ``--repeat`` runs,
``jobs=1`` and ``jobs=2`` in turn), with the parent's CPU time in the ``jobs=2`` run (receiving and unpickling
the Documents) and the workers' (extracting and pickling). ``jobs=2`` is timed three ways: the Cleaner's later
calls, which take the workers its earlier call kept (the steady state of a pipeline that calls
``extract_many`` batch after batch; workers' CPU read from ``/proc/<pid>/schedstat``), and a first call, on a
new Cleaner, which starts its workers and ends them (``close``); and with the workers sending rows instead of
Documents (``map_ordered(..., postprocess=row)``: text, title, publish time and source, kept workers), what a
pipeline that wants rows gets; and with the workers sending nothing back (``postprocess=nothing``: every page
still sent to them and cleaned there), the ceiling of any isolating worker, or only the text
(``postprocess=text_alone``), less than any Document; and with the caller cleaning pages too
(``isolate=False``: one kept worker, on a second Cleaner of the same options). On a busy machine the CPU times
say more than the wall clock: the next two lines account for them over all the runs (medians; the workers' CPU
and the parent's against one process's, run by run) with the minor page faults, and give every run's
wall-clock ratio. Then two bounds. Two processes forked from the parent, each cleaning every other page and
sending nothing back: the ceiling of any scheme that forks two processes per call to split the pages (one may
wait for the other at the end; kept workers pay no fork). The same two processes each cleaning every page:
what two cores give this very work, their throughput against one process's (nothing split, so neither waits).
The very last line: what two processes give on this machine whatever they run (a pure-Python loop in one
process against the same split between two).

Run::

    python benchmarks/documents.py                          # ../shared/corpus/dev, both modes
    python benchmarks/documents.py --modes text --repeat 5
    python benchmarks/documents.py --times 3               # each pass reads the corpus three times over
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from cleantext import Cleaner
from cleantext.columns import held_page
from cleantext.parallel import KeptWorkers, map_ordered

ROOT = Path(__file__).resolve().parent.parent


def pickle_costs(cleaner: Cleaner, pages: list[bytes], repeat: int) -> dict[str, float]:
    """Sizes (bytes) and per-page dump/load times (µs) of the pages' Documents' pickles as the
    workers send them: each with its page held (``columns.held_page``: a text dump's Document
    without it), and each Document's first (a worker pickles a Document it has just made; a second
    pickle of the same one is cheaper: its text's UTF-8, for one, is kept by the first)."""
    dump = load = float("inf")
    blobs: list[bytes] = []
    for _ in range(repeat):
        docs = [cleaner.extract(page) for page in pages]
        start = time.perf_counter()
        for d, page in zip(docs, pages):
            with held_page(page):
                pickle.dumps(d)
        dump = min(dump, time.perf_counter() - start)
        if not blobs:
            for d, page in zip(docs, pages):
                with held_page(page):
                    blobs.append(pickle.dumps(d))
        start = time.perf_counter()
        for b, page in zip(blobs, pages):
            with held_page(page):
                pickle.loads(b)
        load = min(load, time.perf_counter() - start)
    sizes = [len(b) for b in blobs]
    return {
        "total_kb": sum(sizes) / 1e3,
        "median_b": statistics.median(sizes),
        "max_b": max(sizes),
        "dump_us": dump / len(pages) * 1e6,
        "load_us": load / len(pages) * 1e6,
    }


class Run(NamedTuple):
    """One ``extract_many`` run: wall seconds, and CPU seconds and minor page faults of this
    process and of the workers (the processes it started and ended during the run)."""

    wall: float
    cpu: float
    faults: int
    workers_cpu: float
    workers_faults: int


def run(cleaner: Cleaner, pages: list[bytes], jobs: int, isolate: bool = True) -> Run:
    """``extract_many(pages, jobs, isolate=isolate)`` once, reading each Document's ``text``; with
    ``jobs > 1``, the workers' CPU and faults are those of the workers the Cleaner keeps
    (``/proc``) plus those of the processes that ended during the call."""
    kept = _kept_usage(cleaner)
    before = _usage(resource.RUSAGE_SELF), _usage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    chars = sum(len(doc.text) for doc in cleaner.extract_many(pages, jobs=jobs, isolate=isolate))
    wall = time.perf_counter() - start
    (cpu, faults), (workers_cpu, workers_faults) = (
        (after[0] - was[0], after[1] - was[1])
        for was, after in zip(before, (_usage(resource.RUSAGE_SELF), _usage(resource.RUSAGE_CHILDREN)))
    )
    for pid, (cpu_now, faults_now) in _kept_usage(cleaner).items():
        cpu_was, faults_was = kept.get(pid, (0.0, 0))
        workers_cpu += cpu_now - cpu_was
        workers_faults += faults_now - faults_was
    assert chars > 0
    return Run(wall, cpu, faults, workers_cpu, workers_faults)


def first_call(cleaner: Cleaner, pages: list[bytes]) -> Run:
    """``extract_many(pages, jobs=2)`` on a new Cleaner with the same options: its workers start
    with the call (forked from this warm process) and are ended after it (``close``, timed)."""
    fresh = Cleaner(cleaner.options)
    before = _usage(resource.RUSAGE_SELF), _usage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    chars = sum(len(doc.text) for doc in fresh.extract_many(pages, jobs=2))
    fresh.close()
    wall = time.perf_counter() - start
    (cpu, faults), (workers_cpu, workers_faults) = (
        (after[0] - was[0], after[1] - was[1])
        for was, after in zip(before, (_usage(resource.RUSAGE_SELF), _usage(resource.RUSAGE_CHILDREN)))
    )
    assert chars > 0
    return Run(wall, cpu, faults, workers_cpu, workers_faults)


def row(doc: Any) -> tuple[Any, ...]:
    """What a pipeline that wants rows keeps of a Document: its text, title, publish time and source."""
    return (doc.text, doc.title, doc.published, doc.source)


def rows_run(cleaner: Cleaner, pages: list[bytes], kept: KeptWorkers) -> float:
    """The wall seconds of ``map_ordered(pages, jobs=2, postprocess=row)`` on the workers ``kept``
    holds (started by an earlier call): the workers send rows, not Documents."""
    start = time.perf_counter()
    chars = sum(len(text) for text, *_ in map_ordered(cleaner, pages, 2, postprocess=row, kept=kept))
    wall = time.perf_counter() - start
    assert chars > 0
    return wall


def nothing(doc: Any) -> None:
    """What a worker sends back in :func:`silent_run`: nothing (``None``), once its page is cleaned."""
    return None


def text_alone(doc: Any) -> str:
    """The least a Document holds: its text (what :func:`silent_run` sends back when asked to)."""
    return doc.text  # type: ignore[no-any-return]


def silent_run(
    cleaner: Cleaner, pages: list[bytes], kept: KeptWorkers, postprocess: Callable[[Any], Any] = nothing
) -> float:
    """The wall seconds of ``map_ordered(pages, jobs=2, postprocess=postprocess)`` on the workers
    ``kept`` holds: they receive every page and clean it, and send back ``None`` (:func:`nothing`:
    the ceiling of any isolating scheme that takes the pages in this process, whatever a worker
    sends costs more) or the text alone (:func:`text_alone`: what no Document can cost less than)."""
    start = time.perf_counter()
    results = list(map_ordered(cleaner, pages, 2, postprocess=postprocess, kept=kept))
    wall = time.perf_counter() - start
    assert len(results) == len(pages) and (postprocess is not nothing or not any(results))
    return wall


def _kept_usage(cleaner: Cleaner) -> dict[int, tuple[float, int]]:
    """CPU seconds and minor page faults so far of each worker ``cleaner`` keeps (Linux's
    ``/proc/<pid>/schedstat`` and ``/proc/<pid>/stat``)."""
    kept = cleaner._kept
    found = {}
    for pid in kept.pids() if kept is not None else ():
        try:
            cpu = int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
            stat = Path(f"/proc/{pid}/stat").read_text()
            found[pid] = (cpu, int(stat[stat.rindex(")") + 2 :].split()[7]))
        except (OSError, ValueError, IndexError):
            pass
    return found


def ceiling(cleaner: Cleaner, pages: list[bytes]) -> Run:
    """The same pages cleaned by two processes forked from this one, each taking every other
    page and sending nothing back: what two processes can do on this machine with no pickles
    and no pipes (the fork and its copy-on-write faults included), the ceiling of any scheme
    that forks per call."""
    before = _usage(resource.RUSAGE_SELF), _usage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    children = []
    for k in range(2):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            chars = sum(len(cleaner.extract(page).text) for page in pages[k::2])
            os._exit(0 if chars > 0 else 1)
        children.append(pid)
    for pid in children:
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    wall = time.perf_counter() - start
    (cpu, faults), (workers_cpu, workers_faults) = (
        (after[0] - was[0], after[1] - was[1])
        for was, after in zip(before, (_usage(resource.RUSAGE_SELF), _usage(resource.RUSAGE_CHILDREN)))
    )
    return Run(wall, cpu, faults, workers_cpu, workers_faults)


def both_whole(cleaner: Cleaner, pages: list[bytes], one: float) -> float:
    """Two processes forked from this one, each cleaning all of ``pages`` at once, sending nothing
    back: their throughput against one process's (``one``: its seconds for the pages), what two
    cores give this work with no split between them to leave one waiting (``ceiling`` splits)."""
    start = time.perf_counter()
    children = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            chars = sum(len(cleaner.extract(page).text) for page in pages)
            os._exit(0 if chars > 0 else 1)
        children.append(pid)
    for pid in children:
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    return 2 * one / (time.perf_counter() - start)


def _spin(n: int) -> int:
    """A pure-Python loop of ``n`` steps: CPU and nothing else (no memory to speak of)."""
    total = 0
    for i in range(n):
        total += i
    return total


def machine_ratio(seconds: float) -> float:
    """What two processes give on this machine whatever they run: the wall time of ~``seconds``
    of a pure-Python loop in this process over that of the same loop split between two forked
    processes. Below 2 where the machine's cores are shared (a VM's vCPUs on a busy host)."""
    steps = 1_000_000
    start = time.perf_counter()
    _spin(steps)
    steps = max(steps, int(steps * seconds / (time.perf_counter() - start)))
    start = time.perf_counter()
    _spin(steps)
    one = time.perf_counter() - start
    start = time.perf_counter()
    children = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _spin(steps // 2)
            os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    return one / (time.perf_counter() - start)


def _usage(who: int) -> tuple[float, int]:
    """CPU seconds (user + system) and minor page faults of ``who`` so far (the children: the
    ended and waited-for ones)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime, usage.ru_minflt


def accounting(ones: list[Run], twos: list[Run]) -> str:
    """The CPU of the ``jobs=2`` runs against the ``jobs=1`` runs: the steady figure on a shared
    machine, where the wall clock depends on what else runs. ``(workers + parent) / serial``
    above 1 is work that one process does not do (pickles, pipes, starting the workers) or
    does more slowly (two processes sharing caches and memory bandwidth)."""
    serial = statistics.median(r.cpu for r in ones)
    workers = statistics.median(r.workers_cpu for r in twos)
    parent = statistics.median(r.cpu for r in twos)
    ratios = [(two.workers_cpu + two.cpu) / one.cpu for one, two in zip(ones, twos)]
    walls = " / ".join(f"{one.wall / two.wall:.2f}" for one, two in zip(ones, twos))
    return (
        f"  CPU (medians of {len(ones)}): jobs=1 {serial:.3f} s; jobs=2 workers {workers:.3f} s"
        f" ({workers / serial:.2f}x), parent {parent:.3f} s; (workers + parent) / jobs=1 each run"
        f" {' / '.join(f'{r:.2f}' for r in ratios)}\n"
        f"  minor faults: jobs=1 {statistics.median(r.faults for r in ones):.0f},"
        f" jobs=2 workers {statistics.median(r.workers_faults for r in twos):.0f}"
        f" parent {statistics.median(r.faults for r in twos):.0f}; wall jobs=1 / jobs=2 each run {walls}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--times", type=int, default=1, help="the corpus this many times over (longer runs)")
    args = parser.parse_args()
    ids = sorted(p.name.removesuffix(".html") for p in args.corpus.glob("*.html"))
    for mode in args.modes.split(","):
        suffix = ".html" if mode == "html" else ".txt"
        pages = [(args.corpus / (i + suffix)).read_bytes() for i in ids] * args.times
        cleaner = Cleaner(input_format="text" if mode == "text" else "auto").warm_up()
        costs = pickle_costs(cleaner, pages, args.repeat)
        print(
            f"{mode}: {len(pages)} pages; pickles {costs['total_kb']:.0f} kB in all, median {costs['median_b']:.0f} B,"
            f" max {costs['max_b']:.0f} B; dump {costs['dump_us']:.0f} µs, load {costs['load_us']:.0f} µs a page"
        )
        ones, twos, heres, rows, silents, texts, firsts, bare, wholes, spins = [], [], [], [], [], [], [], [], [], []
        run(cleaner, pages, 2)  # the workers the timed calls take
        sharing = Cleaner(cleaner.options)  # (its own kept worker: a Cleaner keeps one pool)
        run(sharing, pages, 2, isolate=False)
        row_workers, silent_workers, text_workers = KeptWorkers(), KeptWorkers(), KeptWorkers()
        rows_run(cleaner, pages, row_workers)
        silent_run(cleaner, pages, silent_workers)
        silent_run(cleaner, pages, text_workers, text_alone)
        for _ in range(args.repeat):  # in turn, so that all see the machine as it was
            ones.append(run(cleaner, pages, 1))
            twos.append(run(cleaner, pages, 2))
            heres.append(run(sharing, pages, 2, isolate=False))
            rows.append(rows_run(cleaner, pages, row_workers))
            silents.append(silent_run(cleaner, pages, silent_workers))
            texts.append(silent_run(cleaner, pages, text_workers, text_alone))
            firsts.append(first_call(cleaner, pages))
            bare.append(ceiling(cleaner, pages))
            wholes.append(both_whole(cleaner, pages, ones[-1].wall))
            spins.append(machine_ratio(ones[-1].wall))
        cleaner.close()
        sharing.close()
        row_workers.close()
        silent_workers.close()
        text_workers.close()
        one, two, first = min(ones), min(twos), min(firsts)
        print(f"  extract_many jobs=1 {one.wall:.3f} s ({one.cpu:.3f} s CPU), jobs=2 {two.wall:.3f} s:", end="")
        print(f" {one.wall / two.wall:.2f}x ({two.cpu:.3f} s CPU in the parent,", end="")
        print(f" {two.workers_cpu:.3f} s in the workers)")
        print(accounting(ones, twos))
        here = min(heres)
        print(
            "  the caller cleaning too (extract_many jobs=2, isolate=False: one kept worker):"
            f" {one.wall / here.wall:.2f}x"
            f" ({here.cpu:.3f} s CPU in the caller, {here.workers_cpu:.3f} s in the worker);"
            f" wall jobs=1 / it each run {' / '.join(f'{o.wall / h.wall:.2f}' for o, h in zip(ones, heres))}"
        )
        print(
            f"  rows instead of Documents (map_ordered, jobs=2, postprocess=row): {one.wall / min(rows):.2f}x;"
            f" wall jobs=1 / it each run {' / '.join(f'{o.wall / r:.2f}' for o, r in zip(ones, rows))}"
        )
        print(
            "  nothing sent back (map_ordered, jobs=2, postprocess=nothing: the ceiling of isolating workers):"
            f" {one.wall / min(silents):.2f}x;"
            f" wall jobs=1 / it each run {' / '.join(f'{o.wall / r:.2f}' for o, r in zip(ones, silents))}"
        )
        print(
            "  the text alone sent back (postprocess=text_alone: less than any Document):"
            f" {one.wall / min(texts):.2f}x;"
            f" wall jobs=1 / it each run {' / '.join(f'{o.wall / r:.2f}' for o, r in zip(ones, texts))}"
        )
        print(
            f"  a first call (starts and ends its workers): jobs=2 {first.wall:.3f} s, {one.wall / first.wall:.2f}x;"
            f" wall jobs=1 / it each run {' / '.join(f'{o.wall / f.wall:.2f}' for o, f in zip(ones, firsts))}"
        )
        bare_cpu = statistics.median(r.workers_cpu for r in bare)
        print(
            f"  two processes forked for the call, no pickles or pipes (the ceiling of forking): CPU {bare_cpu:.3f} s"
            f" ({statistics.median(b.workers_cpu / o.cpu for o, b in zip(ones, bare)):.2f}x jobs=1's);"
            f" wall jobs=1 / them each run {' / '.join(f'{o.wall / b.wall:.2f}' for o, b in zip(ones, bare))}"
        )
        print(
            "  two forked processes, each cleaning every page: throughput against one process's, each run "
            + " / ".join(f"{r:.2f}" for r in wholes)
        )
        print(
            "  the machine: a pure-Python loop as long as jobs=1, one process / two, each run "
            + " / ".join(f"{r:.2f}" for r in spins)
        )


if __name__ == "__main__":
    main()
