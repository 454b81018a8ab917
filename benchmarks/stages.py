"""Where cleantext's time goes: one-core CPU time per pipeline stage on a corpus, warm.

Every stage function that ``cleantext.pipeline`` calls (decode, the block splitters,
measure: ``measure_simplified`` by the native core, which also finds a page's traditional
characters (``measure_columns`` and ``simplified_blocks`` in other versions); score, select, the
jieba re-measure; ``read_head``, what an HTML page declares) is wrapped with a timer for the
run; what is left ("rest") is the pipeline's own work: the Document and the rest of its
metadata (its Block objects and a text dump's layout are built only when read).
Each mode is timed ``--repeat`` times after one warm-up pass; the fastest pass counts.

Run::

    python benchmarks/stages.py                           # ../shared/corpus/dev, both modes
    python benchmarks/stages.py --corpus DIR --modes text --repeat 5

For speed work: compare two source trees with ``PYTHONPATH=<tree> python benchmarks/stages.py``.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cleantext import Cleaner, pipeline

ROOT = Path(__file__).resolve().parent.parent
#: The names ``cleantext.pipeline`` calls its stages by.
STAGES = (
    "decode",
    "html_blocks",
    "html_block_table",
    "html_block_rows",
    "text_blocks",
    "text_block_table",
    "simplified_blocks",
    "measure",
    "measure_columns",
    "measure_simplified",
    "from_columns",
    "score",
    "score_page",
    "score_columns",
    "close_calls",
    "resegment",
    "select",
    "select_columns",
    "looks_binary",
    "read_head",
)


def _timed(fn: Callable[..., Any], label: str, spent: defaultdict[str, float]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    return run


def stage_times(pages: list[bytes], mode: str, repeat: int) -> tuple[float, dict[str, float]]:
    """Total CPU seconds of the fastest pass over ``pages`` and each stage's share of it."""
    cleaner = Cleaner(input_format="text" if mode == "text" else "auto")
    spent: defaultdict[str, float] = defaultdict(float)
    originals = {name: getattr(pipeline, name) for name in STAGES if hasattr(pipeline, name)}  # any version
    for page in pages:  # warm-up: lazily built tables, jieba's dictionary
        cleaner.extract(page)
    best: tuple[float, dict[str, float]] | None = None
    try:
        for name, fn in originals.items():
            setattr(pipeline, name, _timed(fn, name, spent))
        for _ in range(repeat):
            spent.clear()
            start = time.process_time()
            for page in pages:
                cleaner.extract(page)
            total = time.process_time() - start
            if best is None or total < best[0]:
                best = (total, dict(spent))
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)
    assert best is not None
    return best


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
        total, parts = stage_times(pages, mode, args.repeat)
        size = sum(map(len, pages)) / 1e6
        print(f"{mode}: {len(pages)} pages, {size:.2f} MB, {total:.3f} s CPU, {size / total:.2f} MB/s")
        for name, seconds in sorted(parts.items(), key=lambda kv: -kv[1]):
            print(f"  {name:15} {seconds:7.3f} s  {seconds / total:6.1%}")
        rest = total - sum(parts.values())
        print(f"  {'rest':15} {rest:7.3f} s  {rest / total:6.1%}")


if __name__ == "__main__":
    main()
