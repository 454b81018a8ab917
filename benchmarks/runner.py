"""Worker: runs ONE extractor over the given pages in ONE mode, in its own process.

    python -m benchmarks.runner --extractor NAME --mode html|text --corpus DIR --ids a,b,c
                                [--repeat N] [--t0 EPOCH] [--page-timeout S]

Writes JSON lines to stdout (anything the extractor prints goes to stderr):

    {"event": "ready", "version", "python", "import_s", "cold_start_s", "warmup_error"}
    {"event": "page", "id", "bytes", "cpu_s", "wall_s", "error", "text"}     one per page
    {"event": "done", "peak_rss_kb", "total_s"}
    {"event": "unavailable", "error"}                    the extractor cannot be imported

Timing: one warm-up call on the first page is made and excluded; each page's CPU time is
``time.process_time()`` around the call, the minimum over ``--repeat`` calls (the output
is the first call's). Cold start is the time from ``--t0`` (the parent's clock just
before it started this process) to the end of the warm-up call: interpreter start,
imports, building the extractor, reading and extracting the first page. Peak RSS: see
:func:`peak_rss_kb`.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import signal
import sys
import time

from benchmarks import corpus, peers


def peak_rss_kb() -> int:
    """Peak resident set size of this process in kB.

    Linux: ``VmHWM`` of /proc/self/status, the high-water mark of this process's own memory.
    Not ``ru_maxrss``: Linux carries the parent's RSS into it across fork + exec, so a
    worker spawned by a parent holding 300 MB reports at least 300 MB. Elsewhere
    ``ru_maxrss`` is the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    ru = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return ru // 1024 if sys.platform == "darwin" else ru  # macOS reports bytes


class PageTimeout(BaseException):
    """Raised by SIGALRM; a BaseException so that a peer's ``except Exception`` cannot eat it."""


def _alarm(signum, frame):
    raise PageTimeout()


def _call(ex, raw: bytes, mode: str, timeout: float) -> tuple[str, str | None, float, float]:
    """One timed call: (text, error, cpu seconds, wall seconds). A raising call gives ''."""
    c0, w0 = time.process_time(), time.perf_counter()
    try:
        try:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            text, err = ex(raw, mode) or "", None
        finally:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except PageTimeout:
        text, err = "", f"Timeout: more than {timeout:g} s"
    except Exception as e:  # a peer that crashes scores zero on that page, as in the reference
        text, err = "", f"{type(e).__name__}: {str(e)[:200]}"
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    return (text if isinstance(text, str) else str(text)), err, cpu, wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.runner")
    ap.add_argument("--extractor", required=True)
    ap.add_argument("--mode", choices=corpus.MODES, required=True)
    ap.add_argument("--corpus", type=pathlib.Path, required=True)
    ap.add_argument("--ids", required=True, help="comma-separated page ids, in order")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--t0", type=float, default=None, help="parent's time.time() before spawning")
    ap.add_argument("--page-timeout", type=float, default=120.0)
    a = ap.parse_args(argv)
    t0 = a.t0 if a.t0 is not None else time.time()

    # JSON goes to the real stdout; everything else written to fd 1 (peers' prints) to stderr.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def emit(**kw) -> None:
        out.write(json.dumps(kw) + "\n")

    signal.signal(signal.SIGALRM, _alarm)
    ids = [i for i in a.ids.split(",") if i]
    if not ids:
        ap.error("--ids is empty")
    i0 = time.perf_counter()
    try:
        ex = peers.make_extractor(a.extractor)
    except ImportError as e:
        need = peers.resolve(a.extractor).min_python
        hint = f" (needs Python >= {need[0]}.{need[1]}; this is {sys.version.split()[0]})" \
            if sys.version_info[:2] < need else ""
        emit(event="unavailable", error=f"{type(e).__name__}: {e}{hint}")
        return 3
    import_s = time.perf_counter() - i0
    _, warm_err, _, _ = _call(ex, corpus.read_input(a.corpus, ids[0], a.mode), a.mode, a.page_timeout)
    emit(event="ready", version=peers.version_of(a.extractor), python=sys.version.split()[0],
         import_s=import_s, cold_start_s=time.time() - t0, warmup_error=warm_err)
    warm_up = getattr(ex, "warm_up", None)  # state a first page loads only in part (cleantext: jieba)
    if warm_up is not None:
        warm_up()

    for page_id in ids:
        raw = corpus.read_input(a.corpus, page_id, a.mode)
        text, err, cpu, wall = _call(ex, raw, a.mode, a.page_timeout)
        for _ in range(a.repeat - 1):
            if err:
                break
            _, _, c, w = _call(ex, raw, a.mode, a.page_timeout)
            cpu, wall = min(cpu, c), min(wall, w)
        emit(event="page", id=page_id, bytes=len(raw), cpu_s=cpu, wall_s=wall, error=err, text=text)

    emit(event="done", peak_rss_kb=peak_rss_kb(), total_s=time.time() - t0)
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
