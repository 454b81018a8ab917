"""Small-page flatness: CPU seconds per MB of 10 kB pages against a 1 MB page, HTML and text dumps.

A cost paid once a page (the metadata, the Document, a native call's setup) weighs on a 10 kB
page a hundred times more than on a 1 MB one; this prints how much more a MB of small pages
costs. Pages are synthetic (``tests/pages.py``: an article with its boilerplate, repeated to
size). Each page's time is its fastest warm call (``time.process_time``, ``--repeat`` calls):
the machine's load only ever adds time, so the fastest call is the steadiest figure.

Run::

    python benchmarks/small_pages.py                  # 30 pages of 10 kB, one of 1 MB
    python benchmarks/small_pages.py --repeat 40 --big-repeat 15
    python benchmarks/small_pages.py --sizes 10000,30000,100000   # the curve: 30 pages of each size
    python benchmarks/small_pages.py --core            # and the core's steps alone: the floor of the ratio
    python benchmarks/small_pages.py --alone           # --core, and the steps that stay in Python, each alone

``--core`` also times the steps the native core does (blocks, measure, score, the jieba close
calls, select: the pipeline's calls, with their thin Python wrappers) on the pages decoded
beforehand, without decoding, metadata or the Document: the ratio a pipeline without any
per-page Python left would have.

``--alone`` (which implies ``--core``) also times the steps that stay in Python whatever the core does
(``metadata.collect``, whose patterns the native-core issue keeps in ``regex``; decoding; the binary check),
each alone on the same pages, and prints what the 1.3x flatness leaves a page beyond the core's steps:
when those steps alone cost more, no native work on the rest reaches it.

To compare two source trees, run it with each on ``PYTHONPATH`` (alternately, a few times:
on a shared machine the figures move by several percent from run to run).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cleantext import Cleaner, metadata, pipeline, resources
from cleantext.blocks.layout import LayoutRecorder
from cleantext.decode import decode
from cleantext.options import Options
from cleantext.sniff import looks_binary

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from pages import html_page, text_dump

SMALL, BIG, SMALL_PAGES = 10_000, 1_000_000, 30
#: The flatness the native-core issue asks for: a small page's time per MB within this of a 1 MB page's.
FLAT = 1.3


def seconds_per_mb(cleaner: Cleaner, pages: list[bytes], repeat: int) -> float:
    """CPU seconds per MB of ``pages``: the sum of each page's fastest of ``repeat`` warm calls."""
    best = [float("inf")] * len(pages)
    for page in pages:  # warm-up
        cleaner.extract(page)
    for _ in range(repeat):
        for k, page in enumerate(pages):
            start = time.process_time()
            cleaner.extract(page)
            best[k] = min(best[k], time.process_time() - start)
    return sum(best) / (sum(map(len, pages)) / 1e6)


def core_steps(native: Any, html: bool, opts: Options) -> None:
    """The steps of ``Cleaner.extract`` the native core does, on a page decoded beforehand
    (``Decoded.native``): blocks, measure, score, the jieba close calls and select."""
    recorder = LayoutRecorder(opts.include_links, opts.include_images) if html else None
    if html:
        blocks, title, rows = pipeline.html_block_rows(native, recorder)
    else:
        blocks, title, rows = pipeline.text_block_table(native), None, []
    columns, matchable = pipeline.measure_simplified(blocks)
    scores = pipeline.score_columns(columns)
    close = pipeline.close_calls(columns, scores, opts.thresholds.good, pipeline.CLOSE_CALL)
    if close:
        pipeline.resegment(columns, close, pipeline.texts_of(blocks, close), resources.stopword_densities)
        for i, value in zip(close, pipeline.score_columns(columns, close)):
            scores[i] = value
    pipeline.select_columns(blocks, columns, scores, title, rows, opts.thresholds, matchable)


def core_seconds_per_mb(cleaner: Cleaner, pages: list[bytes], repeat: int) -> float:
    """:func:`seconds_per_mb` of :func:`core_steps` alone (the pages decoded beforehand)."""
    html = cleaner.options.input_format == "html"
    natives = [pipeline.decode(page).native for page in pages]
    best = [float("inf")] * len(pages)
    for native in natives:  # warm-up
        core_steps(native, html, cleaner.options)
    for _ in range(repeat):
        for k, native in enumerate(natives):
            start = time.process_time()
            core_steps(native, html, cleaner.options)
            best[k] = min(best[k], time.process_time() - start)
    return sum(best) / (sum(map(len, pages)) / 1e6)


def alone_us(cleaner: Cleaner, pages: list[bytes], repeat: int) -> dict[str, float]:
    """The steps of ``Cleaner.extract`` that stay in Python however much the core does (the issue keeps
    the metadata's patterns in ``regex``, and decoding may stay), each timed alone on the pages: µs a
    page, the mean of each page's fastest of ``repeat`` warm calls (``time.perf_counter``: these are
    a few µs). ``metadata.collect`` is called with the arguments ``extract`` gave it."""
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    collect = metadata.collect

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append((args, kwargs))
        return collect(*args, **kwargs)

    metadata.collect = spy  # type: ignore[assignment]
    try:
        for page in pages:
            cleaner.extract(page)
    finally:
        metadata.collect = collect  # type: ignore[assignment]
    natives = [decode(page).native for page in pages]

    def fastest(step: Callable[[Any], Any], items: list[Any]) -> float:
        best = [float("inf")] * len(items)
        for _ in range(repeat):
            for k, item in enumerate(items):
                start = time.perf_counter()
                step(item)
                best[k] = min(best[k], time.perf_counter() - start)
        return sum(best) / len(best) * 1e6

    return {
        "metadata.collect": fastest(lambda call: collect(*call[0], **call[1]), calls),
        "decode": fastest(decode, pages),
        "looks_binary": fastest(lambda k: looks_binary(pages[k], natives[k]), list(range(len(pages)))),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=25, help="calls per 10 kB page")
    parser.add_argument("--big-repeat", type=int, default=10, help="calls on the 1 MB page")
    parser.add_argument("--sizes", default=str(SMALL), help="sizes of the small pages (characters, comma-separated)")
    parser.add_argument("--core", action="store_true", help="also time the core's steps alone (see above)")
    parser.add_argument(
        "--alone",
        action="store_true",
        help="also time the steps that stay in Python alone, against what 1.3x leaves (see above; implies --core)",
    )
    args = parser.parse_args()
    args.core = args.core or args.alone  # (what the steps are held against is the core's time)
    sizes = [int(size) for size in args.sizes.split(",")]
    makers: dict[str, Callable[..., str]] = {"html": html_page, "text": text_dump}
    for mode, make in makers.items():
        cleaner = Cleaner(input_format=mode)
        big = [make(size=BIG, seed=0).encode()]
        per_big = seconds_per_mb(cleaner, big, args.big_repeat)
        for size in sizes:
            small = [make(size=size, seed=seed).encode() for seed in range(SMALL_PAGES)]
            per_small = seconds_per_mb(cleaner, small, args.repeat)
            kb = sum(map(len, small)) / len(small) / 1e3
            print(
                f"{mode}: {size // 1000} kB pages ({kb:.1f} kB encoded) {per_small:.4f} s/MB "
                f"({per_small * kb:.3f} ms a page), 1 MB page {per_big:.4f} s/MB, ratio {per_small / per_big:.2f}"
            )
            if args.core:
                core_small, core_big = (
                    core_seconds_per_mb(cleaner, small, args.repeat),
                    core_seconds_per_mb(cleaner, big, args.big_repeat),
                )
                print(
                    f"  the core's steps alone: {core_small:.4f} s/MB ({core_small * kb:.3f} ms a page), "
                    f"1 MB page {core_big:.4f} s/MB, ratio {core_small / core_big:.2f}"
                )
                if args.alone:  # (s/MB times kB: ms a page; times 1000: µs)
                    left = (FLAT * per_big - core_small) * kb * 1e3
                    steps = alone_us(cleaner, small, args.repeat)
                    print(
                        f"  within {FLAT}x a page may spend {left:.1f} µs beyond the core's steps; alone, "
                        + ", ".join(f"{name} {us:.1f}" for name, us in steps.items())
                        + f" µs: {sum(steps.values()):.1f} µs"
                    )


if __name__ == "__main__":
    main()
