"""What a Document costs to send between processes: pickle size and time, and what
``extract_many(jobs=2)`` gains over ``jobs=1`` on a corpus.

For each mode: the pickle (default protocol, as ``multiprocessing`` sends it) of every page's
Document, its size and the time to dump and load it (per page, the mean of ``--repeat``
rounds' fastest); then the wall time of ``Cleaner.extract_many(pages, jobs=N)`` reading each
Document's ``text`` (the fastest of ``--repeat`` runs; ``jobs=2`` starts its workers in each run),
with the parent's CPU time in the ``jobs=2`` run (receiving and unpickling the Documents) and the
workers' (extracting and pickling): on a busy machine, the CPU times say more than the wall clock.

Run::

    python benchmarks/documents.py                          # ../shared/corpus/dev, both modes
    python benchmarks/documents.py --modes text --repeat 5
"""

from __future__ import annotations

import argparse
import pickle
import resource
import statistics
import time
from pathlib import Path

from cleantext import Cleaner

ROOT = Path(__file__).resolve().parent.parent


def pickle_costs(docs: list[object], repeat: int) -> dict[str, float]:
    """Sizes (bytes) and per-page dump/load times (µs) of ``docs``' pickles."""
    blobs = [pickle.dumps(d) for d in docs]
    dump = load = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for d in docs:
            pickle.dumps(d)
        dump = min(dump, time.perf_counter() - start)
        start = time.perf_counter()
        for b in blobs:
            pickle.loads(b)
        load = min(load, time.perf_counter() - start)
    sizes = [len(b) for b in blobs]
    return {
        "total_kb": sum(sizes) / 1e3,
        "median_b": statistics.median(sizes),
        "max_b": max(sizes),
        "dump_us": dump / len(docs) * 1e6,
        "load_us": load / len(docs) * 1e6,
    }


def wall_time(cleaner: Cleaner, pages: list[bytes], jobs: int, repeat: int) -> tuple[float, float, float]:
    """Fastest wall-clock seconds of ``extract_many(pages, jobs)``, reading each ``text``, with the
    parent's and the workers' CPU seconds in that run."""
    best = (float("inf"), 0.0, 0.0)
    for _ in range(repeat):
        start, cpu, workers = time.perf_counter(), time.process_time(), _children_cpu()
        chars = sum(len(doc.text) for doc in cleaner.extract_many(pages, jobs=jobs))
        best = min(best, (time.perf_counter() - start, time.process_time() - cpu, _children_cpu() - workers))
        assert chars > 0
    return best


def _children_cpu() -> float:
    """CPU seconds of the ended worker processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ids = sorted(p.name.removesuffix(".html") for p in args.corpus.glob("*.html"))
    for mode in args.modes.split(","):
        suffix = ".html" if mode == "html" else ".txt"
        pages = [(args.corpus / (i + suffix)).read_bytes() for i in ids]
        cleaner = Cleaner(input_format="text" if mode == "text" else "auto").warm_up()
        docs: list[object] = [cleaner.extract(p) for p in pages]
        costs = pickle_costs(docs, args.repeat)
        print(
            f"{mode}: {len(pages)} pages; pickles {costs['total_kb']:.0f} kB in all, median {costs['median_b']:.0f} B,"
            f" max {costs['max_b']:.0f} B; dump {costs['dump_us']:.0f} µs, load {costs['load_us']:.0f} µs a page"
        )
        one, alone, _ = wall_time(cleaner, pages, 1, args.repeat)
        two, parent, workers = wall_time(cleaner, pages, 2, args.repeat)
        print(f"  extract_many jobs=1 {one:.3f} s ({alone:.3f} s CPU), jobs=2 {two:.3f} s: {one / two:.2f}x", end="")
        print(f" ({parent:.3f} s CPU in the parent, {workers:.3f} s in the workers)")


if __name__ == "__main__":
    main()
