"""The jieba segmenter's time on the close calls of the dev pages: the texts the pipeline hands
``resources.stopword_densities``, page by page, each page's in one call as the pipeline makes it,
timed over many passes (the fastest counts), warm or with the caches evicted before each page
(``--evict MB``, as the pipeline's other stages do). Its cost is mostly memory stalls, which
callgrind's instruction counts miss. Compare two builds of the core by running each in turn::

    python benchmarks/segmenter.py --core /tmp/old_core.so --evict 16
    python benchmarks/segmenter.py --core src/cleantext/_core.abi3.so --evict 16

It prints one JSON line: the dictionary's load time and size, then each mode's fastest pass.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def load_core(path: str) -> Any:
    """``cleantext._core`` from the shared library at ``path`` (before cleantext imports it)."""
    loader = importlib.machinery.ExtensionFileLoader("cleantext._core", path)
    spec = importlib.util.spec_from_file_location("cleantext._core", path, loader=loader)
    assert spec is not None
    core = importlib.util.module_from_spec(spec)
    loader.exec_module(core)
    sys.modules["cleantext._core"] = core
    return core


def close_call_texts(corpus: Path, mode: str) -> list[list[str]]:
    """Each page's texts that the pipeline re-measures with jieba (pages with none left out)."""
    from cleantext import Cleaner, resources

    pages: list[list[str]] = []
    original = resources.stopword_densities

    def record(texts: Any) -> list[float]:
        pages[-1].extend(texts)
        return original(texts)

    resources.stopword_densities = record  # type: ignore[assignment]
    try:
        cleaner = Cleaner(input_format="text" if mode == "text" else "auto")
        suffix = ".txt" if mode == "text" else ".html"
        for path in sorted(p for p in corpus.glob(f"*{suffix}") if not p.name.endswith(".gold.txt")):
            pages.append([])
            cleaner.extract(path.read_bytes())
    finally:
        resources.stopword_densities = original  # type: ignore[assignment]
    return [texts for texts in pages if texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--core", help="a build of cleantext._core to load (default: the installed one)")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--passes", type=int, default=20)
    parser.add_argument("--evict", type=int, default=0, metavar="MB", help="copy this many MB before each page")
    args = parser.parse_args()
    if args.core:
        load_core(args.core)
    from cleantext import _core as core  # the one just loaded, if any
    from cleantext import resources
    from cleantext.lexicon import stopwords

    start = time.perf_counter()
    seg = core.Segmenter(str(resources.dictionary_path()))
    out: dict[str, float] = {"load_s": time.perf_counter() - start, "heap_bytes": seg.heap_bytes}
    stop = core.StopWords(sorted(stopwords()))
    buffer = bytearray(args.evict << 20)
    for mode in ("html", "text"):
        pages = close_call_texts(args.corpus, mode)
        best = float("inf")
        for _ in range(args.passes):
            spent = 0.0
            for texts in pages:
                if buffer:
                    bytes(buffer)
                start = time.perf_counter()
                seg.stopword_densities(texts, stop)
                spent += time.perf_counter() - start
            best = min(best, spent)
        out[f"{mode}_s"] = best
    print(json.dumps(out))


if __name__ == "__main__":
    main()
