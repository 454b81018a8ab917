"""Does extraction scale linearly? 1 MB vs 10 and 50 MB pages, HTML and text dumps.

Pages are synthetic (``tests/pages.py``: a realistic Chinese article with its boilerplate,
repeated to size), or pages of tiny blocks (kinds ``tiny-p``: ``<p>字</p>`` repeated;
``tiny-br``: ``<p>`` then ``字<br>`` repeated; ``tiny-bare``: ``<br>`` repeated), or text dumps of
tiny lines (``tiny-lines``: ``字`` and a blank line repeated, a block each; ``blank-lines``: line
breaks, then one sentence), of short lines (``short-lines``: words, 9 to 23 characters a line)
or of wrapped prose (``wrapped``: ``tests/pages/dump_wrapped.txt`` repeated); ``html-str`` and
``text-str`` are the first two given as ``str`` (the peak then holds the ``str``), and
``html-traditional`` and ``text-traditional`` the first two with every character that
``data/t2s.tsv`` simplifies written traditional (so the word lists' simplified reading changes
almost every block: what a page written in traditional characters costs). Each page is
extracted in a fresh child process, so the peak RSS (``VmHWM``) is that of one extraction:
interpreter + jieba + input + work. The check is on the peak of ``extract``; the peak after
reading ``doc.blocks`` (which builds a Block and its Features per block, on demand) is printed
beside it. Times are CPU seconds of the extraction (the child's
``time.process_time``: steadier than the wall clock on a shared machine; both are printed).
The check, for each big size B:

* time(B MB) <= 1.5 x B x time(1 MB)   (the 1 MB time is the best of 3 runs)
* peak RSS(B MB) <= 10 x input + 150 MiB   (``--rss-factor``)

Run::

    python benchmarks/scaling_check.py                 # html and text, 1 MB and 50 MB
    python benchmarks/scaling_check.py --big 10 --stages   # smaller, with per-stage times
    python benchmarks/scaling_check.py --kinds tiny-p,tiny-br,tiny-bare --big 10,50   # tiny blocks
    python benchmarks/scaling_check.py --kinds tiny-lines,blank-lines --big 10 --rss-factor 3   # tiny lines
    python benchmarks/scaling_check.py --kinds short-lines,wrapped --big 10,50 --rss-factor 3   # costly dumps
    python benchmarks/scaling_check.py --kinds html-str,text-str --big 10,50 --rss-factor 8   # str pages
    python benchmarks/scaling_check.py --kinds text-traditional --big 10,50 --rss-factor 3   # traditional

Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000
#: Pages of tiny blocks: (what opens the page, the unit repeated to size).
TINY = {"tiny-p": ("", "<p>字</p>"), "tiny-br": ("<p>", "字<br>"), "tiny-bare": ("", "<br>")}
#: Text dumps of tiny lines: (the unit repeated to size, then what ends the dump).
TINY_DUMPS = {"tiny-lines": ("字\n\n", ""), "blank-lines": ("\n", "今天，我们在重庆签署了合作协议，双方将深度合作。")}
#: Text dumps whose blocks cost more than the article's (``tests/pages.py``): short lines of words
#: (``short_lines``, a block every 14 bytes) and prose ``w3m -dump`` wrapped (``wrapped_dump``).
OTHER_DUMPS = ("short-lines", "wrapped")
#: The suffixes of a kind that say how its page differs from the base kind's.
SUFFIXES = ("-str", "-traditional")


def base_kind(kind: str) -> str:
    """The kind a page is made as (``text-traditional`` -> ``text``).

    >>> base_kind("text-traditional"), base_kind("html-str"), base_kind("tiny-p")
    ('text', 'html', 'tiny-p')
    """
    while kind.endswith(SUFFIXES):
        kind = next(kind.removesuffix(s) for s in SUFFIXES if kind.endswith(s))
    return kind


def traditional(text: str) -> str:
    """``text`` with every character that ``data/t2s.tsv`` simplifies written traditional (the
    first traditional form the table gives for it).

    >>> traditional("新闻来源：记者报道")
    '新聞來源：記者報道'
    """
    pairs: dict[str, str] = {}
    for line in (ROOT / "src" / "cleantext" / "data" / "t2s.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, simple = line.split("\t")[:2]
            pairs.setdefault(simple, trad)
    return text.translate(str.maketrans(pairs))


def _peak_rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time_stages() -> dict[str, float]:
    """Wrap the pipeline's stage functions with timers (in this process only)."""
    from cleantext import pipeline

    totals: dict[str, float] = {}

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    from stages import STAGES  # (this directory's stages.py: the names the pipeline calls its stages by)

    for name in STAGES:
        if hasattr(pipeline, name):
            setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    return totals


def child(path: str, kind: str, repeats: int, stages: bool) -> None:
    """Extract the page in ``path`` ``repeats`` times; print JSON with the best time and peak RSS."""
    import cleantext

    base = base_kind(kind)
    dump = base in TINY_DUMPS or base in OTHER_DUMPS
    cleaner = cleantext.Cleaner(input_format="html" if base in TINY else "text" if dump else base)
    cleaner.warm_up()
    cleaner.extract("今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。")
    totals = _time_stages() if stages else {}
    raw: bytes | str = Path(path).read_bytes()
    size = len(raw)
    if kind.endswith("-str"):
        raw = raw.decode("utf-8")  # type: ignore[union-attr]
    best = best_wall = float("inf")
    blocks = kept = 0
    extract_peak = 0.0
    for _ in range(repeats):
        totals.clear()
        started, started_wall = time.process_time(), time.perf_counter()
        doc = cleaner.extract(raw)
        best = min(best, time.process_time() - started)
        best_wall = min(best_wall, time.perf_counter() - started_wall)
        extract_peak = max(extract_peak, _peak_rss_mib())  # before the Block objects are built
        blocks, kept = len(doc.blocks), len(doc.kept)
        del doc
    print(
        json.dumps(
            {
                "seconds": best,
                "wall_seconds": best_wall,
                "peak_rss_mib": extract_peak,
                "blocks_rss_mib": _peak_rss_mib(),
                "input_mib": size / 2**20,
                "blocks": blocks,
                "kept": kept,
                "stages": {k: round(v, 3) for k, v in totals.items()},
            }
        )
    )


def measure(kind: str, size_mb: int, repeats: int, stages: bool, workdir: str) -> dict[str, object]:
    sys.path.insert(0, str(ROOT / "tests"))
    from pages import html_page, short_lines, text_dump, wrapped_dump

    base = base_kind(kind)  # (the child gives a -str page as str)
    if base in TINY:
        head, unit = TINY[base]
        text = head + unit * (size_mb * MB // len(unit.encode("utf-8")))
    elif base in TINY_DUMPS:
        unit, tail = TINY_DUMPS[base]
        text = unit * (size_mb * MB // len(unit.encode("utf-8"))) + tail
    elif base in OTHER_DUMPS:
        text = (short_lines if base == "short-lines" else wrapped_dump)(size_mb * MB)
    else:
        text = (html_page if base == "html" else text_dump)(size=size_mb * MB, seed=size_mb)
    page = (traditional(text) if kind.endswith("-traditional") else text).encode("utf-8")
    del text
    path = os.path.join(workdir, f"{kind}-{size_mb}.page")
    Path(path).write_bytes(page)
    del page
    cmd = [sys.executable, __file__, "--child", path, kind, str(repeats)] + (["--stages"] if stages else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    os.unlink(path)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", default="html,text")
    parser.add_argument("--small", type=int, default=1, help="MB of the small page (default 1)")
    parser.add_argument("--big", default="50", help="MB of the big pages, comma-separated (default 50)")
    parser.add_argument("--rss-factor", type=float, default=10.0, help="RSS bound: this x input + 150 MiB")
    parser.add_argument("--stages", action="store_true", help="also report per-stage seconds")
    parser.add_argument("--child", nargs=3, metavar=("PATH", "KIND", "REPEATS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), args.stages)
        return 0
    ok = True
    with tempfile.TemporaryDirectory() as workdir:
        for kind in args.kinds.split(","):
            small = measure(kind, args.small, 3, args.stages, workdir)
            _row(kind, f"{args.small} MB", small, args.small, args.stages)
            for size in (int(b) for b in args.big.split(",")):
                big = measure(kind, size, 1, args.stages, workdir)
                ratio = size / args.small
                time_limit = 1.5 * ratio * float(small["seconds"])  # type: ignore[arg-type]
                rss_limit = args.rss_factor * float(big["input_mib"]) + 150  # type: ignore[arg-type]
                time_ok = float(big["seconds"]) <= time_limit  # type: ignore[arg-type]
                rss_ok = float(big["peak_rss_mib"]) <= rss_limit  # type: ignore[arg-type]
                ok = ok and time_ok and rss_ok
                _row(kind, f"{size} MB", big, size, args.stages)
                print(
                    f"{kind:4} time x{float(big['seconds']) / float(small['seconds']):.1f} for x{ratio:.0f} input "  # type: ignore[arg-type]
                    f"(limit {time_limit:.1f} s): {'ok' if time_ok else 'FAIL'};  "
                    f"RSS limit {rss_limit:.0f} MiB: {'ok' if rss_ok else 'FAIL'}"
                )
    return 0 if ok else 1


def _row(kind: str, label: str, r: dict[str, object], size: int, stages: bool) -> None:
    print(
        f"{kind:4} {label:>6}: {r['seconds']:8.2f} s CPU ({float(r['seconds']) / size:.2f} s/MB; "  # type: ignore[arg-type]
        f"wall {r['wall_seconds']:.2f} s)  peak RSS {r['peak_rss_mib']:7.0f} MiB "
        f"({r['blocks_rss_mib']:.0f} with doc.blocks read)  "
        f"input {r['input_mib']:6.1f} MiB  {r['blocks']} blocks, {r['kept']} kept"
        + (f"  stages {r['stages']}" if stages else "")
    )


if __name__ == "__main__":
    sys.exit(main())
