"""What each output costs: one-core MB/s of ``extract`` on a corpus, reading ``text`` alone, then
``markdown``, ``html``, ``to_dict()`` or every Block (``blocks``) of each Document.

``text`` is what ``python -m benchmarks`` times; the others add what a caller pays for the view
it reads (a text dump's layout, the render tree, the Block objects), each built on first read.
Each figure is the fastest of ``--repeat`` passes over the corpus (CPU time, warm).

Run::

    python benchmarks/formats.py                          # ../shared/corpus/dev, both modes
    python benchmarks/formats.py --modes text --repeat 5 --views text,markdown
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import page_ids, read_input  # (benchmarks/corpus.py: this script's directory is on the path)

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
    parser.add_argument("--views", default=",".join(READS), help=f"what to read of each Document: {', '.join(READS)}")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    views = [v for v in args.views.split(",") if v]
    unknown = sorted(set(views) - set(READS))
    if unknown:
        parser.error(f"--views: unknown {', '.join(unknown)} (choose from {', '.join(READS)})")
    ids = page_ids(args.corpus)
    if not ids:
        raise SystemExit(f"no pages in {args.corpus}")
    for mode in args.modes.split(","):
        pages = [read_input(args.corpus, i, mode) for i in ids]
        cleaner = Cleaner(input_format=mode)
        for page in pages:  # warm-up
            cleaner.extract(page)
        figures = {name: mb_per_s(cleaner, pages, READS[name], args.repeat) for name in views}
        print(f"{mode}: " + ", ".join(f"{name} {value:.1f} MB/s" for name, value in figures.items()))


if __name__ == "__main__":
    main()
