"""Parent side of a comparison run: spawn one worker per (extractor, mode), score its output.

Each worker (:mod:`benchmarks.runner`) runs in a fresh process: peers with the peers'
venv interpreter, cleantext and the keepall baseline with the current interpreter. Runs
are sequential so that timings do not compete for the machine's cores.
"""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import PEERS_VENV, REPO_ROOT, corpus, metrics, peers


@dataclass(frozen=True)
class RunConfig:
    corpus: pathlib.Path
    ids: tuple[str, ...]
    repeat: int = 1
    page_timeout: float = 120.0
    worker_timeout: float = 3600.0
    peers_python: pathlib.Path = PEERS_VENV / "bin" / "python"


def python_for(ext: peers.Extractor, cfg: RunConfig) -> pathlib.Path | None:
    """Interpreter that runs ``ext``: the current one, or the peers' venv (None if absent)."""
    if not ext.peer:
        return pathlib.Path(sys.executable)
    return cfg.peers_python if cfg.peers_python.exists() else None


def _env(ext: peers.Extractor) -> dict[str, str]:
    paths = [str(REPO_ROOT)]
    if not ext.peer and (REPO_ROOT / "src" / "cleantext").is_dir():
        paths.append(str(REPO_ROOT / "src"))  # harmless when cleantext is installed (editable)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(paths + [p for p in [env.get("PYTHONPATH")] if p])
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_one(name: str, mode: str, cfg: RunConfig, gold: dict[str, str], strata: dict[str, str]) -> dict:
    """Run one extractor in one mode over ``cfg.ids``; return its scored summary."""
    ext = peers.resolve(name)
    res: dict = {"extractor": ext.name, "label": ext.label, "mode": mode, "status": "ok", "message": ""}
    py = python_for(ext, cfg)
    if py is None:
        res.update(status="unavailable",
                   message=f"no peers venv at {cfg.peers_python}; run `python -m benchmarks setup`")
        return res
    cmd = [str(py), "-m", "benchmarks.runner", "--extractor", ext.name, "--mode", mode,
           "--corpus", str(cfg.corpus), "--ids", ",".join(cfg.ids), "--repeat", str(cfg.repeat),
           "--page-timeout", str(cfg.page_timeout)]
    events: list[dict] = []
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err_file:
        t0 = time.time()
        proc = subprocess.Popen([*cmd, "--t0", repr(t0)], stdout=subprocess.PIPE, stderr=err_file,
                                cwd=REPO_ROOT, env=_env(ext), text=True, encoding="utf-8")
        watchdog = threading.Timer(cfg.worker_timeout, proc.kill)
        watchdog.start()
        try:
            for line in proc.stdout:
                try:
                    events.append(json.loads(line))
                except ValueError:  # not ours: the worker keeps fd 1 for JSON, but be safe
                    continue
            rc = proc.wait()
        finally:
            watchdog.cancel()
        run_wall = time.time() - t0
        err_file.seek(0)
        stderr_tail = err_file.read()[-2000:]
    res["run_wall_s"] = run_wall

    kinds = {e["event"]: e for e in events}
    if "unavailable" in kinds:
        res.update(status="unavailable", message=kinds["unavailable"]["error"])
        return res
    if "ready" not in kinds:
        res.update(status="failed", message=f"worker exited {rc} before its first page: {stderr_tail[-500:]}")
        return res
    ready, done = kinds["ready"], kinds.get("done")
    if done is None:
        res.update(status="failed", message=f"worker exited {rc} mid-run (killed after "
                   f"{cfg.worker_timeout:g} s?); pages it did not report count as raising")

    got = {e["id"]: e for e in events if e["event"] == "page"}
    rows = []
    for page_id in cfg.ids:
        e = got.get(page_id) or {"bytes": 0, "cpu_s": 0.0, "wall_s": 0.0, "text": "",
                                 "error": f"not reported (worker exit {rc})"}
        p, r, f = metrics.prf(e["text"], gold[page_id])
        rows.append({"id": page_id, "stratum": metrics.stratum_of(page_id, strata), "p": p, "r": r,
                     "f1": f, "bytes": e["bytes"], "cpu_s": e["cpu_s"], "wall_s": e["wall_s"],
                     "error": e["error"]})
    timed = [x for x in rows if x["id"] in got]
    nbytes = sum(x["bytes"] for x in timed)
    cpu = sum(x["cpu_s"] for x in timed)
    wall = sum(x["wall_s"] for x in timed)
    res.update(
        version=ready.get("version", ""), python=ready.get("python", ""),
        pages=len(rows), **{k: v for k, v in metrics.macro(rows).items() if k != "n"},
        f1_below_08=sum(x["f1"] < 0.8 for x in rows),
        errors=sum(x["error"] is not None for x in rows),
        error_pages=[{"id": x["id"], "error": x["error"]} for x in rows if x["error"] is not None],
        by_stratum=metrics.macro_by_stratum(rows, strata),
        bytes=nbytes, cpu_s=cpu, wall_s=wall,
        mb_per_s=nbytes / 1e6 / cpu if cpu else 0.0,
        pages_per_s=len(timed) / cpu if cpu else 0.0,
        wall_mb_per_s=nbytes / 1e6 / wall if wall else 0.0,
        import_s=ready.get("import_s"), cold_start_s=ready.get("cold_start_s"),
        warmup_error=ready.get("warmup_error"),
        peak_rss_mb=done["peak_rss_kb"] / 1024 if done else None,
        rows=rows,
    )
    return res


def fastest_of(runs: list[dict]) -> dict:
    """One (extractor, mode)'s results over several rounds as one: the first round's, with each
    page's CPU and wall time the fastest any round gave it (a page that raised in a round keeps
    the first round's time), and the throughputs computed again from them. The rounds run the
    extractors in turn, so a slow spell of a shared machine slows one round of each, not all
    of one extractor's calls: the fastest of the rounds is what each extractor can do.

    >>> row = lambda cpu: {"id": "a", "bytes": 2_000_000, "cpu_s": cpu, "wall_s": cpu, "error": None}
    >>> run = lambda cpu: {"rows": [row(cpu)], "cpu_s": cpu, "wall_s": cpu, "bytes": 2_000_000,
    ...                    "mb_per_s": 2 / cpu, "pages_per_s": 1 / cpu, "wall_mb_per_s": 2 / cpu}
    >>> merged = fastest_of([run(0.5), run(0.25), run(1.0)])
    >>> merged["mb_per_s"], merged["rounds"], merged["rows"][0]["cpu_s"]
    (8.0, 3, 0.25)
    """
    first = runs[0]
    merged = {**first, "rounds": len(runs)}
    if "rows" not in first:
        return merged
    rows = [dict(r) for r in first["rows"]]
    for other in runs[1:]:
        by_id = {r["id"]: r for r in other.get("rows", [])}
        for r in rows:
            o = by_id.get(r["id"])
            if o is not None and o["error"] is None and r["error"] is None:
                r["cpu_s"], r["wall_s"] = min(r["cpu_s"], o["cpu_s"]), min(r["wall_s"], o["wall_s"])
    cpu, wall = sum(r["cpu_s"] for r in rows), sum(r["wall_s"] for r in rows)
    megabytes = first["bytes"] / 1e6
    merged.update(
        rows=rows, cpu_s=cpu, wall_s=wall,
        mb_per_s=megabytes / cpu if cpu else 0.0,
        pages_per_s=first["pages_per_s"] * first["cpu_s"] / cpu if cpu else 0.0,
        wall_mb_per_s=megabytes / wall if wall else 0.0,
    )
    return merged


def run_all(names: list[str], modes: list[str], cfg: RunConfig,
            log: Callable[[str], None] = lambda s: print(s, file=sys.stderr, flush=True),
            rounds: int = 1) -> list[dict]:
    """Every (extractor, mode) pair, one worker each, in order, ``rounds`` times over (each round
    runs every pair once, in turn; see :func:`fastest_of`); logs one line per pair and round."""
    gold = {i: corpus.read_gold(cfg.corpus, i) for i in cfg.ids}
    strata = corpus.strata(cfg.corpus)
    jobs = [(n, m) for n in names for m in modes]
    runs: list[list[dict]] = [[] for _ in jobs]
    for round_ in range(1, rounds + 1):
        for k, (name, mode) in enumerate(jobs, 1):
            r = run_one(name, mode, cfg, gold, strata)
            where = f"[{k}/{len(jobs)}" + (f", round {round_}/{rounds}]" if rounds > 1 else "]")
            if "f1" not in r:
                log(f"{where} {name} {mode}: {r['status']}: {r['message']}")
            else:
                log(f"{where} {name} {mode}: F1 {r['f1']:.3f} P {r['precision']:.3f} "
                    f"R {r['recall']:.3f}, raising {r['errors']}, {r['mb_per_s']:.2f} MB/s (CPU), "
                    f"cold {r['cold_start_s']:.2f} s, peak RSS {r['peak_rss_mb'] or 0:.0f} MB, "
                    f"{r['run_wall_s']:.1f} s wall" + (f" [{r['message']}]" if r["message"] else ""))
            runs[k - 1].append(r)
    return [fastest_of(pair) for pair in runs]
