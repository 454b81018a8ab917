"""Threads: what the native core's steps running without the GIL give, and what they cost.

For each mode, on a corpus (each page twice over, in order), wall-clock seconds of:

* **thread pools**: ``ThreadPoolExecutor(n).map(cleaner.extract, pages)`` for n = 1, 2 and 4,
  and the speedup of n threads over one. The core's long steps (the decoders' checks, the walk,
  the splitter, measure, jieba's cuts, selection) run without the GIL, so threads run them in
  parallel; the rest of a page is Python and takes turns.
* **beside Python work**: one pass in this thread while another runs pure Python without a
  break (JSON round trips and a regular expression), against the same pass alone. Python code
  shares the GIL in turns, so about 2x is the fair share. A thread that took the GIL back only
  when CPython forced that Python loop to let go (every ``sys.getswitchinterval()``, 5 ms) at
  each step would be far slower: the core then keeps the GIL through its steps for a while
  (``rust/src/convoy.rs``).

Each figure is the fastest of ``--repeat`` runs (the machine's load only ever adds time).

Run::

    python benchmarks/threads.py                          # ../shared/corpus/dev, both modes
    python benchmarks/threads.py --modes text --repeat 5

To compare two source trees, run it with each on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cleantext import Cleaner

ROOT = Path(__file__).resolve().parent.parent
POOLS = (1, 2, 4)


def load(corpus: Path, mode: str) -> list[bytes]:
    """The corpus's pages of ``mode`` (``<id>.html`` or ``<id>.txt``, gold files aside), twice over."""
    suffix = ".html" if mode == "html" else ".txt"
    pages = [p.read_bytes() for p in sorted(corpus.glob(f"*{suffix}")) if not p.name.endswith(".gold.txt")]
    return pages * 2


def fastest(run: Callable[[], object], repeat: int) -> float:
    """The fastest wall-clock time of ``repeat`` calls of ``run``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def pool_times(cleaner: Cleaner, pages: list[bytes], repeat: int) -> dict[int, float]:
    """Seconds for every pool size in :data:`POOLS` (the sizes in turn, ``repeat`` rounds)."""
    best = dict.fromkeys(POOLS, float("inf"))
    for _ in range(repeat):
        for n in POOLS:
            with ThreadPoolExecutor(n) as pool:
                start = time.perf_counter()
                list(pool.map(cleaner.extract, pages))
                best[n] = min(best[n], time.perf_counter() - start)
    return best


def python_work(stop: threading.Event) -> None:
    """Pure Python without a break until ``stop``: JSON round trips and a regular expression."""
    record = {"title": "新闻" * 20, "ids": list(range(50)), "meta": {"score": 1.5}}
    mail = re.compile(r"(\w+)@(\w+)\.com")
    line = "mail alice@example.com bob@test.com " * 20
    while not stop.is_set():
        json.loads(json.dumps(record))
        mail.findall(line)


def beside_python(cleaner: Cleaner, pages: list[bytes], repeat: int) -> tuple[float, float]:
    """Seconds of one pass alone, and of one pass while another thread runs :func:`python_work`."""

    def one_pass() -> None:
        for page in pages:
            cleaner.extract(page)

    alone = fastest(one_pass, repeat)
    stop = threading.Event()
    worker = threading.Thread(target=python_work, args=(stop,), daemon=True)
    worker.start()
    try:
        busy = fastest(one_pass, repeat)
    finally:
        stop.set()
        worker.join()
    return alone, busy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for mode in args.modes.split(","):
        pages = load(args.corpus, mode)
        cleaner = Cleaner(input_format=mode)
        for page in pages[: len(pages) // 2]:  # warm: every page once
            cleaner.extract(page)
        pools = pool_times(cleaner, pages, args.repeat)
        sizes = ", ".join(f"{n}: {pools[n]:.3f} s" for n in POOLS)
        speedups = ", ".join(f"{n} threads {pools[1] / pools[n]:.2f}x" for n in POOLS[1:])
        print(f"{mode}: {len(pages)} pages; thread pools {sizes}; speedup over one thread: {speedups}")
        alone, busy = beside_python(cleaner, pages[: len(pages) // 2], args.repeat)
        ratio = busy / alone
        print(f"{mode}: one pass alone {alone:.3f} s, beside a thread running Python {busy:.3f} s ({ratio:.2f}x)")


if __name__ == "__main__":
    main()
