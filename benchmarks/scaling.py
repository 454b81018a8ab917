"""Scaling: time and memory of one extraction as the page grows.

    python -m benchmarks scaling [--max-mb 10] [--extractors cleantext] [--modes html,text]
                                 [--out benchmarks/RESULTS.md]

Synthetic pages (:mod:`benchmarks.synth`) of 10 kB, 100 kB, 1 MB, 10 MB (and 50 MB with
``--max-mb 50``), as HTML and as a text dump, are written to a temporary directory; each
(extractor, mode, size) runs in a fresh worker process that imports the extractor, makes
one warm-up call on a 10 kB page of the same form, then times a call on the big page
(``time.process_time``; the fastest of up to 20 calls while they add up to under 0.5 s)
and reports peak RSS (``VmHWM``, see :func:`benchmarks.runner.peak_rss_kb`) before and after
that call.
The table replaces the "Scaling" section of RESULTS.md.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

from benchmarks import DEFAULT_RESULTS, PEERS_VENV, REPO_ROOT, corpus, peers, report, synth

SIZES_MB = (0.01, 0.1, 1.0, 10.0, 50.0)
WARMUP_BYTES = 10_000


def worker(argv: list[str]) -> int:
    """In the fresh process: warm up, time one call, print one JSON line."""
    from benchmarks.runner import peak_rss_kb

    ap = argparse.ArgumentParser(prog="python -m benchmarks.scaling --worker")
    ap.add_argument("--extractor", required=True)
    ap.add_argument("--mode", choices=corpus.MODES, required=True)
    ap.add_argument("--input", type=pathlib.Path, required=True)
    ap.add_argument("--warmup", type=pathlib.Path, required=True)
    a = ap.parse_args(argv)
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    ex = peers.make_extractor(a.extractor)
    ex(a.warmup.read_bytes(), a.mode)
    raw = a.input.read_bytes()
    before = peak_rss_kb()
    cpu, spent, calls = float("inf"), 0.0, 0
    while calls < 1 or (spent < 0.5 and calls < 20):  # small pages: fastest of a few calls
        c0 = time.process_time()
        text = ex(raw, a.mode) or ""
        c = time.process_time() - c0
        cpu, spent, calls = min(cpu, c), spent + c, calls + 1
    peak = peak_rss_kb()
    out.write(json.dumps({"cpu_s": cpu, "rss_before_mb": before / 1024, "peak_rss_mb": peak / 1024,
                          "chars": len(text), "calls": calls}) + "\n")
    out.close()
    return 0


def _python_for(name: str) -> pathlib.Path:
    return PEERS_VENV / "bin" / "python" if peers.resolve(name).peer else pathlib.Path(sys.executable)


def _env() -> dict[str, str]:
    paths = [str(REPO_ROOT)] + ([str(REPO_ROOT / "src")] if (REPO_ROOT / "src" / "cleantext").is_dir() else [])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def measure(name: str, mode: str, page: pathlib.Path, warm: pathlib.Path, timeout: float) -> dict:
    cmd = [str(_python_for(name)), "-m", "benchmarks.scaling", "--worker", "--extractor", name,
           "--mode", mode, "--input", str(page), "--warmup", str(warm)]
    try:
        p = subprocess.run(cmd, cwd=REPO_ROOT, env=_env(), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:g} s"}
    lines = [x for x in p.stdout.splitlines() if x.strip()]
    if p.returncode or not lines:
        tail = (p.stderr.strip().splitlines() or [f"exit {p.returncode}"])[-1]
        return {"error": tail}
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
    if argv and argv[0] == "--worker":
        return worker(argv[1:])
    ap = argparse.ArgumentParser(prog="python -m benchmarks scaling", description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-mb", type=float, default=10.0, help="largest page, MB (50 adds a 50 MB page)")
    ap.add_argument("--extractors", default="cleantext", help="comma-separated (default cleantext)")
    ap.add_argument("--modes", default="html,text")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per worker")
    ap.add_argument("--out", type=pathlib.Path, default=DEFAULT_RESULTS)
    a = ap.parse_args(argv)
    names = [peers.resolve(n).name for n in a.extractors.split(",") if n.strip()]
    modes = [m for m in a.modes.split(",") if m]
    sizes = [s for s in SIZES_MB if s <= a.max_mb + 1e-9]
    rows = []
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="cleantext-scaling-") as tmp:
        for mode in modes:
            warm = pathlib.Path(tmp, f"warm.{mode}")
            warm.write_bytes(synth.page(WARMUP_BYTES, mode, seed=1))
            for mb in sizes:
                page = pathlib.Path(tmp, f"page-{mb:g}mb.{mode}")
                page.write_bytes(synth.page(int(mb * 1e6), mode))
                real_mb = page.stat().st_size / 1e6
                for name in names:
                    r = {"extractor": peers.resolve(name).label, "mode": mode, "mb": real_mb,
                         **measure(name, mode, page, warm, a.timeout)}
                    rows.append(r)
                    msg = r.get("error") or (f"{r['cpu_s'] * 1e3:.0f} ms CPU, {r['cpu_s'] * 1e3 / real_mb:.0f} ms/MB, "
                                             f"peak RSS {r['peak_rss_mb']:.0f} MB")
                    print(f"{name} {mode} {real_mb:.2f} MB: {msg}", file=sys.stderr, flush=True)
                page.unlink()
    rows.sort(key=lambda r: (r["extractor"], r["mode"], r["mb"]))
    meta = {"date (UTC)": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
            "command": "`python -m benchmarks scaling " + " ".join(argv or []) + "`",
            "pages": "synthetic news pages (benchmarks/synth.py): header, nav, article sections with "
                     "share bars, related lists and ads, sidebar, footer; HTML and w3m-style text dump",
            "method": "fresh process per row; one warm-up call on a 10 kB page, then the timed call "
                      "(CPU time; pages under ~0.5 s: fastest of up to 20 calls); "
                      "RSS = the process's peak RSS (VmHWM) before / after the timed call",
            "wall time": f"{time.time() - t0:.0f} s"}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    report.write_section(a.out, "scaling", report.scaling_markdown(rows, meta))
    print(f"wrote the Scaling section of {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
