"""cleantext and its peers as the reference scorer times them: ``../shared/eval/score.py``.

``python -m benchmarks`` times each page warm (the fastest of ``--repeat`` calls, after the
extractor's own warm-up). The reference scorer times each page once, in a fresh process that
cleaned one page before, with its own work (reading the gold, scoring bigrams) between pages:
caches go cold between pages, and whatever an extractor loads on demand after its first page
is timed. This runs that scorer for each extractor, alternating them ``--rounds`` times so
that all see the machine alike, and prints every round's MB/s (wall clock, as the scorer
measures), the medians and cleantext's ratio to each peer's median.

cleantext runs in this interpreter's environment, the peers in ``benchmarks/.venvs/peers``
(``python -m benchmarks setup``).

Run::

    python benchmarks/reference.py                                   # html and text, 3 rounds
    python benchmarks/reference.py --modes text --rounds 5 --peers resiliparse
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PEERS_PYTHON = ROOT / "benchmarks" / ".venvs" / "peers" / "bin" / "python"


def score(python: str, extractor: str, mode: str, corpus: Path) -> dict[str, float]:
    """The scorer's summary for one extractor and mode (its own process)."""
    command = [python, str(SHARED / "eval" / "score.py"), "--corpus", str(corpus), "--mode", mode]
    done = subprocess.run([*command, "--extractor", extractor], capture_output=True, text=True, check=True)
    summary: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "dev")
    parser.add_argument("--modes", default="html,text")
    parser.add_argument("--peers", default="resiliparse,readability")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (SHARED / "eval" / "score.py").is_file():
        raise SystemExit(f"no reference scorer at {SHARED / 'eval' / 'score.py'}")
    peers = [p for p in args.peers.split(",") if p]
    if peers and not PEERS_PYTHON.is_file():
        raise SystemExit(f"no peers' environment at {PEERS_PYTHON}: python -m benchmarks setup")
    runners = [("cleantext", sys.executable)] + [(p, str(PEERS_PYTHON)) for p in peers]
    for mode in args.modes.split(","):
        speeds: dict[str, list[float]] = {name: [] for name, _ in runners}
        f1: dict[str, float] = {}
        for _ in range(args.rounds):
            for name, python in runners:
                summary = score(python, name, mode, args.corpus)
                speeds[name].append(summary["mb_per_s"])
                f1[name] = summary["f1"]
        medians = {name: statistics.median(values) for name, values in speeds.items()}
        for name, values in speeds.items():
            rounds = " / ".join(f"{v:.1f}" for v in values)
            ratio = "" if name == "cleantext" else f"; cleantext {medians['cleantext'] / medians[name]:.2f}x"
            print(f"{mode} {name}: F1 {f1[name]:.3f}, MB/s {rounds} (median {medians[name]:.1f}){ratio}")


if __name__ == "__main__":
    main()
