"""Instructions of one warm pass over the dev pages, counted by callgrind: the steady figure on a
noisy machine, where timings move by 10% from run to run and instruction counts by 0.1%.

For each mode a child Python runs under ``valgrind --tool=callgrind`` with counting off; it
loads the pages, warms a :class:`~cleantext.Cleaner` up (``warm_up`` and three pages), then
turns counting on (``callgrind_control -i on``) for one pass over every page, reading each
Document's ``text``, and off again (``PYTHONHASHSEED=0``, so that sets iterate alike). So the
figure is the per-page work only: no start-up, no loading. With ``--view markdown`` (or ``html``)
the pages are cleaned first, uncounted, and the pass reads that view of each Document: what the
view alone costs. Needs valgrind (Debian: ``apt-get install valgrind``); a mode takes ~30 s. Two
runs differ by about 0.1%.

Run::

    python benchmarks/instructions.py                        # ../shared/corpus/dev, both modes
    python benchmarks/instructions.py --modes text --keep /tmp/cg   # keep callgrind.<mode>.out
    python benchmarks/instructions.py --view markdown                # Document.markdown alone

then ``callgrind_annotate /tmp/cg/callgrind.text.out`` (``--inclusive=yes``) shows where they go.
To compare two source trees, run it with each on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def count(mode: str, corpus: Path, out: Path, view: str | None = None) -> int:
    """Instructions of one warm pass over ``corpus`` in ``mode`` (callgrind's output to ``out``);
    ``view``: of reading that view of Documents already made instead."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        f"--callgrind-out-file={out}",
        sys.executable,
        __file__,
        "--child",
        mode,
        "--corpus",
        str(corpus),
        *(["--view", view] if view else []),
    ]
    steady = {**os.environ, "PYTHONHASHSEED": "0"}  # the same set and dict orders every run
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=steady)
    collected = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or collected is None:
        raise RuntimeError(f"callgrind failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return int(collected.group(1))


def child(mode: str, corpus: Path, view: str | None = None) -> None:
    """The pass, with callgrind counting only around it."""
    from cleantext import Cleaner

    suffix = ".html" if mode == "html" else ".txt"
    pages = [p.read_bytes() for p in sorted(corpus.glob("*" + suffix)) if not p.name.endswith(".gold.txt")]
    cleaner = Cleaner(input_format=mode).warm_up()
    warm = sum(len(cleaner.extract(page).text) for page in pages[:3])
    toggle = ["callgrind_control", "-i"]
    if view is not None:  # the view alone: the Documents made first, uncounted
        warm = sum(len(getattr(cleaner.extract(page), view)) for page in pages[:3])
        docs = [cleaner.extract(page) for page in pages]
        subprocess.run([*toggle, "on", str(os.getpid())], check=True, capture_output=True)
        chars = sum(len(getattr(doc, view)) for doc in docs)
        subprocess.run([*toggle, "off", str(os.getpid())], check=True, capture_output=True)
        assert warm > 0 and chars > 0
        return
    subprocess.run([*toggle, "on", str(os.getpid())], check=True, capture_output=True)
    chars = sum(len(cleaner.extract(page).text) for page in pages)
    subprocess.run([*toggle, "off", str(os.getpid())], check=True, capture_output=True)
    assert warm > 0 and chars > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--keep", type=Path, help="a directory to keep callgrind's output in")
    parser.add_argument("--view", choices=("markdown", "html"), help="count reading this view of Documents made first")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.view)
        return
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        raise SystemExit("needs valgrind and callgrind_control on PATH (Debian: apt-get install valgrind)")
    from cleantext import _core

    print(f"native core: {_core.__file__} (optimised: {_core.OPTIMISED})")  # PGO or not moves the count
    with tempfile.TemporaryDirectory() as scratch:
        where = args.keep or Path(scratch)
        where.mkdir(parents=True, exist_ok=True)
        for mode in args.modes.split(","):
            total = count(mode, args.corpus, where / f"callgrind.{mode}.out", args.view)
            what = f"reading {args.view} of each Document" if args.view else "one warm pass"
            print(f"{mode}: {total:,} instructions, {what} over {args.corpus.name}")


if __name__ == "__main__":
    main()
