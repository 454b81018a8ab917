"""Command line: ``python -m benchmarks [run|setup|scaling|cv] ...`` (``run`` is the default).

    python -m benchmarks setup                      create benchmarks/.venvs/peers
    python -m benchmarks --corpus ../shared/corpus/dev [--extractors a,b] [--modes html,text]
                         [--limit N] [--repeat N] [--rounds N] [--out benchmarks/RESULTS.md]
    python -m benchmarks scaling [--max-mb 10]
    python -m benchmarks cv [--modes html,text] [--no-grid]   source-split cross-validation
"""
from __future__ import annotations

import argparse
import collections
import datetime
import json
import os
import pathlib
import platform
import shlex
import subprocess
import sys
import time

from benchmarks import DEFAULT_CORPUS, DEFAULT_RESULTS, PEERS_VENV, REPO_ROOT, corpus, harness, peers, report


def _cpu_model() -> str:
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _names(arg: str | None) -> list[str]:
    if not arg:
        return list(peers.EXTRACTORS)
    names = []
    for n in arg.split(","):
        try:
            names.append(peers.resolve(n).name)
        except KeyError:
            raise SystemExit(f"unknown extractor {n!r}; known: {', '.join(peers.EXTRACTORS)}") from None
    return names


def run(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description="Accuracy and speed of "
                                 "cleantext and its peers on a corpus, every extractor in its own process.")
    ap.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS,
                    help=f"corpus directory (default {DEFAULT_CORPUS})")
    ap.add_argument("--extractors", help=f"comma-separated, default all: {','.join(peers.EXTRACTORS)}")
    ap.add_argument("--modes", default="html,text", help="html,text (default both)")
    ap.add_argument("--limit", type=int, default=0, help="first N pages only")
    ap.add_argument("--repeat", type=int, default=1, help="calls per page for timing; the fastest counts")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run every extractor this many times, in turn; each page's fastest round counts")
    ap.add_argument("--out", type=pathlib.Path, default=DEFAULT_RESULTS, help="markdown report")
    ap.add_argument("--json", type=pathlib.Path, default=None,
                    help="per-page scores and timings (no extracted text); default: beside --out as results.json")
    ap.add_argument("--plot", type=pathlib.Path, default=None,
                    help="PNG of F1 vs MB/s; default: beside --out as f1_vs_speed.png")
    ap.add_argument("--peers-python", type=pathlib.Path, default=PEERS_VENV / "bin" / "python")
    ap.add_argument("--page-timeout", type=float, default=120.0, help="seconds per call before it counts as raising")
    ap.add_argument("--worker-timeout", type=float, default=3600.0, help="seconds per (extractor, mode) worker")
    a = ap.parse_args(argv)

    modes = [m.strip() for m in a.modes.split(",") if m.strip()]
    if bad := [m for m in modes if m not in corpus.MODES]:
        raise SystemExit(f"unknown mode(s) {bad}; use html and/or text")
    if not a.corpus.is_dir():
        raise SystemExit(f"no corpus at {a.corpus}")
    ids = corpus.page_ids(a.corpus, a.limit)
    if not ids:
        raise SystemExit(f"no *.html pages in {a.corpus}")
    if missing := corpus.missing_inputs(a.corpus, ids, modes):
        raise SystemExit(f"{len(missing)} input files missing, e.g. {missing[0]}")
    names = _names(a.extractors)
    if any(peers.resolve(n).peer for n in names) and not a.peers_python.exists():
        print(f"note: no peers venv at {a.peers_python}; peers will be skipped. "
              "Create it with `python -m benchmarks setup`.", file=sys.stderr)

    cfg = harness.RunConfig(corpus=a.corpus.resolve(), ids=tuple(ids), repeat=max(1, a.repeat),
                            page_timeout=a.page_timeout, worker_timeout=a.worker_timeout,
                            peers_python=a.peers_python)
    t0 = time.time()
    rounds = max(1, a.rounds)
    results = harness.run_all(names, modes, cfg, rounds=rounds)
    wall = time.time() - t0

    strata = collections.Counter(corpus.strata(a.corpus).get(i, "?") for i in ids)
    out_dir = a.out.resolve().parent
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = a.json or out_dir / "results.json"
    plot_path = a.plot or out_dir / "f1_vs_speed.png"
    meta = {
        "date (UTC)": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "command": "`python -m benchmarks " + " ".join(shlex.quote(x) for x in argv) + "`",
        "corpus": f"{a.corpus.name}: {len(ids)} pages ({', '.join(f'{k} {v}' for k, v in sorted(strata.items()))})",
        "cleantext source": _git_state(),
        "cleantext core": _core_build(),
        "machine": f"{_cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "interpreters": _interpreters(results),
        "timing": f"CPU time (time.process_time) per call, warm (one warm-up call excluded), "
                  f"fastest of {cfg.repeat} call(s) per page"
                  + (f" over {rounds} rounds (the extractors in turn)" if rounds > 1 else "")
                  + "; MB = 10^6 bytes of input",
        "wall time of this run": f"{wall:.0f} s",
    }
    title = f"{a.corpus.name}, {len(ids)} pages, {_cpu_model()}"
    plot_err = report.plot(results, plot_path, title)
    if plot_err:
        print(f"note: {plot_err}", file=sys.stderr)
    report.write_section(a.out, "comparison", report.comparison_markdown(
        results, meta, None if plot_err else os.path.relpath(plot_path, out_dir)))
    dump = {"meta": meta, "title": title, "results": results}
    json_path.write_text(json.dumps(dump, ensure_ascii=False, indent=1), "utf-8")
    print(f"wrote {a.out}, {json_path}" + ("" if plot_err else f", {plot_path}") + f" in {wall:.0f} s",
          file=sys.stderr)
    return 0


def _core_build() -> str:
    """How the installed native core was optimised (``cleantext._core.OPTIMISED``)."""
    try:
        from cleantext import _core
    except ImportError as e:
        return f"not importable ({e})"
    return {"profile": "built with the PGO profile (pgo/)", "plain": "built without the PGO profile"}.get(
        _core.OPTIMISED, _core.OPTIMISED
    )


def _git_state() -> str:
    """The checkout's commit, and whether src/ has uncommitted changes (cleantext moves fast)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=REPO_ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return (f"commit {head}" if head else "unknown") + (" + uncommitted changes in src/" if dirty else "")


def _interpreters(results: list[dict]) -> str:
    by: dict[str, set] = collections.defaultdict(set)
    for r in results:
        if r.get("python"):
            by[r["python"]].add(r["label"])
    return "; ".join(f"Python {v}: {', '.join(sorted(n))}" for v, n in sorted(by.items())) or "–"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    cmd = argv.pop(0) if argv and argv[0] in ("run", "setup", "scaling", "cv") else "run"
    if cmd == "setup":
        from benchmarks import setup_env
        return setup_env.main(argv)
    if cmd == "scaling":
        from benchmarks import scaling
        return scaling.main(argv)
    if cmd == "cv":
        from benchmarks import cv
        return cv.main(argv)
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
