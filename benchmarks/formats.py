"""What each output costs: one-core MB/s of ``extract`` on a corpus, reading ``text`` alone, then
``markdown``, ``html``, ``to_dict()`` or every Block (``blocks``) of each Document.

``text`` is what ``python -m benchmarks`` times; the others add what a caller pays for the view
it reads (a text dump's layout, the render tree, the Block objects), each built on first read.
Each figure is the fastest of ``--repeat`` passes over the corpus (CPU time, warm).

Run::

    python benchmarks/formats.py                          # ../shared/corpus/dev, both modes
    python benchmarks/formats.py --modes text --repeat 5
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cleantext import Cleaner, Document

ROOT = Path(__file__).resolve().parent.parent
#: What each figure reads of a Document.
READS: dict[str, Callable[[Document], Any]] = {
    "text": lambda d: d.text,
    "markdown": lambda d: d.markdown,
    "html": lambda d: d.html,
    "to_dict": lambda d: d.to_dict(),
    "blocks": lambda d: len(d.blocks),
}


def pages_of(corpus: Path, mode: str) -> list[bytes]:
    """The corpus's pages of ``mode`` (``.html`` files, or the ``.txt`` dumps without gold)."""
    if mode == "html":
        return [p.read_bytes() for p in sorted(corpus.glob("*.html"))]
    return [p.read_bytes() for p in sorted(corpus.glob("*.txt")) if not p.name.endswith(".gold.txt")]


def mb_per_s(cleaner: Cleaner, pages: list[bytes], read: Callable[[Document], Any], repeat: int) -> float:
    """MB/s of extracting ``pages`` and reading ``read`` of each: the fastest of ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for page in pages:
            read(cleaner.extract(page))
        best = min(best, time.process_time() - start)
    return sum(map(len, pages)) / 1e6 / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for mode in args.modes.split(","):
        pages = pages_of(args.corpus, mode)
        if not pages:
            raise SystemExit(f"no {mode} pages in {args.corpus}")
        cleaner = Cleaner(input_format=mode)
        for page in pages:  # warm-up
            cleaner.extract(page)
        figures = {name: mb_per_s(cleaner, pages, read, args.repeat) for name, read in READS.items()}
        print(f"{mode}: " + ", ".join(f"{name} {value:.1f} MB/s" for name, value in figures.items()))


if __name__ == "__main__":
    main()
