"""Write benchmarks/RESULTS.md sections and the F1-vs-speed plot.

RESULTS.md is made of sections fenced by ``<!-- begin:NAME -->`` / ``<!-- end:NAME -->``;
each command rewrites only its own section (``comparison`` or ``scaling``), so a peer run
keeps the scaling table and vice versa.

The plot needs matplotlib. The project's venv need not have it: if it is missing here,
the plot is drawn by the peers' venv (where ``setup`` installs it):

    python -m benchmarks.report --plot-json RESULTS.json --png OUT.png
"""
from __future__ import annotations

import argparse
import json
import math
import pathlib
import re
import subprocess
import sys
import tempfile

from benchmarks import BENCH_DIR, PEERS_VENV, REPO_ROOT

TITLE = ("# cleantext benchmark results\n\n"
         "Written by `python -m benchmarks`; see benchmarks/README.md for what each number means.\n")
MODE_TITLES = {"html": "HTML mode (the page's original bytes)",
               "text": "Text mode (the page's w3m text dump, UTF-8 bytes)"}
REFERENCES = ("readability", "resiliparse")


# --- sections of RESULTS.md -----------------------------------------------------------

def write_section(path: pathlib.Path, name: str, body: str) -> None:
    """Replace (or append) the section ``name`` of ``path``, keeping the others."""
    block = f"<!-- begin:{name} -->\n{body.rstrip()}\n<!-- end:{name} -->\n"
    old = path.read_text("utf-8") if path.exists() else TITLE
    pat = re.compile(rf"<!-- begin:{re.escape(name)} -->.*?<!-- end:{re.escape(name)} -->\n?", re.S)
    new = pat.sub(lambda m: block, old) if pat.search(old) else old.rstrip() + "\n\n" + block
    path.write_text(new, "utf-8")


def _f(x, nd: int = 3) -> str:
    return "–" if x is None else f"{x:.{nd}f}"


def _speed(x: float) -> str:
    return f"{x:.1f}" if x >= 10 else f"{x:.2f}"


def _ms(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.2f}"


def _ratio(r: dict, by: dict) -> str:
    ref = by.get((r["mode"], r["_ref"]))
    return f"{r['mb_per_s'] / ref['mb_per_s']:.2f}×" if ref and ref.get("mb_per_s") else "–"


def comparison_markdown(results: list[dict], meta: dict, plot_name: str | None) -> str:
    ok = [r for r in results if "f1" in r]
    by = {(r["mode"], r["extractor"]): r for r in ok}
    out = ["## Peer comparison", ""]
    out += [f"- {k}: {v}" for k, v in meta.items()]
    out.append("")
    for mode in [m for m in MODE_TITLES if any(r["mode"] == m for r in ok)]:
        rows = sorted((r for r in ok if r["mode"] == mode), key=lambda r: -r["f1"])
        out += [f"### {MODE_TITLES[mode]}", "",
                "| Extractor | Version | F1 | P | R | pages F1<0.8 | raising | MB/s | pages/s "
                "| × readability | × resiliparse | cold start s | peak RSS MB |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            ratios = [_ratio({**r, "_ref": ref}, by) for ref in REFERENCES]
            out.append(f"| {r['label']} | {r['version']} | **{_f(r['f1'])}** | {_f(r['precision'])} | "
                       f"{_f(r['recall'])} | {r['f1_below_08']} | {r['errors']} | {_speed(r['mb_per_s'])} | "
                       f"{r['pages_per_s']:.1f} | {ratios[0]} | {ratios[1]} | {_f(r['cold_start_s'], 2)} | "
                       f"{_f(r['peak_rss_mb'], 0)} |")
        strata = sorted({s for r in rows for s in r["by_stratum"]})
        counts = {s: max(r["by_stratum"].get(s, {}).get("n", 0) for r in rows) for s in strata}
        out += ["", f"F1 by stratum, {mode} mode:", "",
                "| Extractor | " + " | ".join(f"{s} ({counts[s]})" for s in strata) + " |",
                "|---|" + "---:|" * len(strata)]
        for r in rows:
            cells = [_f(r["by_stratum"].get(s, {}).get("f1")) for s in strata]
            out.append(f"| {r['label']} | " + " | ".join(cells) + " |")
        out.append("")
    raising = [r for r in ok if r["errors"]]
    if raising:
        out += ["### Pages that raise", ""]
        for r in raising:
            pages = "; ".join(f"{e['id']} ({e['error'][:80]})" for e in r["error_pages"])
            out.append(f"- {r['label']}, {r['mode']}: {pages}")
        out.append("")
    bad = [r for r in results if r["status"] != "ok"]
    if bad:
        out += ["### Not run or incomplete", ""]
        out += [f"- {r['label']}, {r['mode']}: {r['status']}: {r['message']}" for r in bad]
        out.append("")
    if plot_name:
        out += [f"![F1 vs MB/s]({plot_name})", ""]
    return "\n".join(out)


def scaling_markdown(rows: list[dict], meta: dict) -> str:
    out = ["## Scaling", ""]
    out += [f"- {k}: {v}" for k, v in meta.items()]
    out += ["", "| Extractor | Mode | Input MB | CPU ms | ms/MB | MB/s | peak RSS MB | peak RSS before call MB "
            "| output chars | status |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        if r.get("error"):
            out.append(f"| {r['extractor']} | {r['mode']} | {r['mb']:.2f} | – | – | – | "
                       f"{_f(r.get('peak_rss_mb'), 0)} | – | – | {r['error'][:80]} |")
            continue
        out.append(f"| {r['extractor']} | {r['mode']} | {r['mb']:.2f} | {_ms(r['cpu_s'] * 1e3)} | "
                   f"{_ms(r['cpu_s'] * 1e3 / r['mb'])} | {_speed(r['mb'] / r['cpu_s']) if r['cpu_s'] else '–'} | "
                   f"{r['peak_rss_mb']:.0f} | {r['rss_before_mb']:.0f} | {r['chars']} | ok |")
    return "\n".join(out) + "\n"


# --- plot --------------------------------------------------------------------------------

def plot_points(results: list[dict]) -> list[dict]:
    return [{"label": r["label"], "mode": r["mode"], "f1": r["f1"], "mb_per_s": r["mb_per_s"]}
            for r in results if "f1" in r and r.get("mb_per_s")]


def draw(points: list[dict], png: pathlib.Path, title: str = "") -> None:
    """F1 against MB/s (log x), one marker per extractor per mode."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = sorted({p["label"] for p in points})
    colors = {lab: plt.get_cmap("tab20")(i % 20) for i, lab in enumerate(labels)}
    markers = {"html": "o", "text": "s"}
    fig, ax = plt.subplots(figsize=(10, 6.5), dpi=110)
    placed: list[tuple[float, float]] = []  # (log10 x, y) of labels already drawn
    for p in sorted(points, key=lambda q: (-q["f1"], q["mb_per_s"])):
        x, y = p["mb_per_s"], p["f1"]
        ax.scatter(x, y, color=colors[p["label"]], marker=markers.get(p["mode"], "^"),
                   s=90 if p["label"] == "cleantext" else 55, edgecolors="black", linewidths=0.6, zorder=3)
        # Labels of nearby points are stacked downwards instead of overprinting each other.
        ly = y + 0.008
        while any(abs(math.log10(x) - px) < 0.55 and abs(ly - py) < 0.024 for px, py in placed):
            ly -= 0.026
        placed.append((math.log10(x), ly))
        moved = abs(ly - y - 0.008) > 1e-9
        ax.annotate(f"{p['label']} ({p['mode']})", (x, y), xytext=(x * 1.12, ly), textcoords="data",
                    fontsize=8, va="center",
                    arrowprops={"arrowstyle": "-", "color": "grey", "lw": 0.5} if moved else None)
    ax.set_xscale("log")
    ax.margins(x=0.25)
    ax.set_xlabel("throughput, MB/s of input (CPU time, log scale)")
    ax.set_ylabel("macro F1 (character bigrams)")
    ax.set_ylim(-0.02, 1.02)
    ax.grid(True, which="both", alpha=0.3)
    for mode, m in markers.items():
        ax.scatter([], [], marker=m, color="grey", label=f"{mode} mode")
    ax.legend(loc="lower left")
    ax.set_title(title or "F1 vs speed on the dev corpus")
    fig.tight_layout()
    fig.savefig(png)
    plt.close(fig)


def plot(results: list[dict], png: pathlib.Path, title: str = "") -> str | None:
    """Draw the plot here or in the peers' venv; return an error message, or None on success."""
    points = plot_points(results)
    if not points:
        return "nothing to plot"
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        py = PEERS_VENV / "bin" / "python"
        if not py.exists():
            return "matplotlib is not installed here and there is no peers venv"
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            json.dump({"points": points, "title": title}, f)
        try:
            p = subprocess.run([str(py), "-m", "benchmarks.report", "--plot-json", f.name, "--png", str(png)],
                               cwd=REPO_ROOT, capture_output=True, text=True,
                               env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"})
        finally:
            pathlib.Path(f.name).unlink()
        return None if p.returncode == 0 else f"plot failed: {p.stderr[-300:]}"
    draw(points, png, title)
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.report")
    ap.add_argument("--plot-json", type=pathlib.Path, required=True,
                    help="a points file, or the results.json a comparison run wrote")
    ap.add_argument("--png", type=pathlib.Path, default=BENCH_DIR / "f1_vs_speed.png")
    a = ap.parse_args(argv)
    d = json.loads(a.plot_json.read_text("utf-8"))  # a points file, or a results.json of a run
    draw(d["points"] if "points" in d else plot_points(d["results"]), a.png, d.get("title", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
