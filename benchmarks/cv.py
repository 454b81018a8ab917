"""Source-split cross-validation of cleantext's selection thresholds: ``python -m benchmarks cv``.

Dev F1 says how well the rules fit the pages they were written on; this says how well they
carry to sources they were not. The corpus is split into folds by source:

* each stratum of the manifest is a source; a large one (over ``LARGE`` pages) is split
  further by site, so that one stratum gives several folds;
* a page's site is the name of its registrable domain (``news.sina.com.cn`` -> ``sina``),
  from its URL, or for GNE's test pages from their directory (``tests/163/3.html`` -> ``163``);
* pages of one site are never in two folds, across strata too (the sites are joined first);
* strata of fewer than ``TINY`` pages form one ``misc`` unit, which joins the smallest fold
  when it is itself too small to be one.

For each fold it reports macro F1 over its pages (the metric of ``../shared/eval/score.py``,
from :mod:`benchmarks.metrics`) in both modes, at the default :class:`~cleantext.select.Thresholds`
and cross-validated: for a small grid of the most influential thresholds, the setting with the
best macro F1 on the *other* folds' pages is chosen, and the held-out fold is scored with it.
Mean over folds and the worst fold of each column close the table.

Pages run in-process. Every stage before selection depends on the page only (and, for jieba's
close calls, on ``good``), so it runs once per page, mode and value of ``good``; each setting of
the grid then reruns selection alone. The default setting's text is checked against
``Cleaner.extract`` page by page, so the shortcut cannot drift from the pipeline unseen.
"""
from __future__ import annotations

import argparse
import collections
import dataclasses
import itertools
import json
import pathlib
import sys
import time
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence

from benchmarks import DEFAULT_CORPUS, DEFAULT_RESULTS, corpus, metrics, report

LARGE = 15  # strata with more pages than this are split by site
TINY = 5  # strata with fewer pages than this are pooled into ``misc``
FOLD_PAGES = 10  # the size a large stratum's folds aim at
#: The grid: a few values of the thresholds that move F1 most (each includes the default).
GRID: dict[str, tuple[float, ...]] = {
    "good": (-0.5, 0.0, 0.5),
    "continue_density": (0.2, 0.3, 0.5),
    "label_share": (0.35, 0.5, 0.7),
    "barrier_cost": (20.0, 60.0),
}
#: Second-level labels that are part of a country's public suffix (``sina.com.cn``).
_SUFFIX_LABELS = frozenset({"com", "net", "org", "edu", "gov", "ac", "co"})


# --- folds ---------------------------------------------------------------------------------


def site_of(row: Mapping) -> str | None:
    """The site a manifest row's page comes from: its registrable domain's name, or ``None``.

    >>> site_of({"url": "http://bj.house.sina.com.cn/x.html"}), site_of({"url": "https://new.qq.com/a"})
    ('sina', 'qq')
    >>> site_of({"url": None, "source": "gne", "path": "tests/163/3.html"})
    '163'
    >>> site_of({"url": None, "source": "ia", "path": "original/x.html"}) is None
    True
    """
    url = row.get("url")
    if url:
        host = (urllib.parse.urlsplit(url).hostname or "").rstrip(".")
        labels = [x for x in host.split(".") if x]
        if len(labels) >= 3 and labels[-2] in _SUFFIX_LABELS and len(labels[-1]) == 2:
            return labels[-3]
        return labels[-2] if len(labels) >= 2 else (labels[0] if labels else None)
    parts = str(row.get("path") or "").split("/")
    if row.get("source") == "gne" and len(parts) >= 3 and parts[1] != "other":
        return parts[1]
    return None


def make_folds(rows: Sequence[Mapping]) -> list[tuple[str, list[str]]]:
    """Folds of page ids, by source and site (see the module docstring); deterministic."""
    by_stratum: dict[str, list[Mapping]] = collections.defaultdict(list)
    for r in rows:
        by_stratum[r.get("stratum") or r["id"].rstrip("0123456789")].append(r)
    # units: a whole small stratum, or one site (or one page without a site) of a large one
    unit_of: dict[str, str] = {}
    stratum_of: dict[str, str] = {}
    for s, rs in by_stratum.items():
        name = "misc" if len(rs) < TINY else s
        for r in rs:
            stratum_of[r["id"]] = name
            if len(rs) > LARGE:
                unit_of[r["id"]] = f"{s}/{site_of(r) or r['id']}"
            else:
                unit_of[r["id"]] = name
    # join units that share a site: one site never spans two folds
    parent = {u: u for u in unit_of.values()}

    def find(u: str) -> str:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    first_unit: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: r["id"]):
        site = site_of(r)
        if site is None:
            continue
        u = unit_of[r["id"]]
        if site in first_unit:
            a, b = sorted((find(first_unit[site]), find(u)))
            parent[b] = a
        else:
            first_unit[site] = u
    groups: dict[str, list[str]] = collections.defaultdict(list)
    for pid in sorted(unit_of):
        groups[find(unit_of[pid])].append(pid)
    # each group goes to a fold of its main stratum; a stratum gets ~FOLD_PAGES pages per fold
    main = {}
    for g, ids in groups.items():
        counts = collections.Counter(stratum_of[p] for p in ids)
        main[g] = min(s for s, n in counts.items() if n == max(counts.values()))
    per_stratum: dict[str, list[str]] = collections.defaultdict(list)
    for g in sorted(groups, key=lambda g: (-len(groups[g]), g)):
        per_stratum[main[g]].append(g)
    folds: list[tuple[str, list[str]]] = []
    misc: list[str] = []
    for s in sorted(per_stratum):
        gs = per_stratum[s]
        size = sum(len(groups[g]) for g in gs)
        k = max(1, round(size / FOLD_PAGES)) if size > LARGE else 1
        bins: list[list[str]] = [[] for _ in range(k)]
        for g in gs:  # largest first, into the emptiest bin
            min(bins, key=len).extend(groups[g])
        if s == "misc" and size < TINY:
            misc = bins[0]
            continue
        names = [s] if k == 1 else [f"{s}-{i + 1}" for i in range(k)]
        folds.extend((name, sorted(b)) for name, b in zip(names, bins))
    if misc:
        i = min(range(len(folds)), key=lambda i: (len(folds[i][1]), folds[i][0]))
        folds[i] = (folds[i][0] + "+misc", sorted(folds[i][1] + misc))
    return folds


# --- running pages -------------------------------------------------------------------------


@dataclasses.dataclass
class Prepared:
    """One page up to selection: everything ``select`` reads."""

    blocks: list
    feats: list
    scores: list
    page_title: str | None
    containers: tuple
    binary: bool


def prepare(raw: bytes, good: float) -> Prepared:
    """Stages 1-4 of :meth:`cleantext.Cleaner.extract` with the default options."""
    from cleantext import pipeline, resources
    from cleantext.blocks import html_blocks, text_blocks
    from cleantext.decode import decode
    from cleantext.features import close_calls, from_columns, measure_columns, resegment
    from cleantext.score import score_columns
    from cleantext.sniff import looks_binary, looks_like_html

    decoded = decode(raw)
    binary = looks_binary(raw, decoded.text)
    if not binary and looks_like_html(decoded.text):
        blocks, title, containers = html_blocks(decoded.text)
    else:
        blocks, title, containers = text_blocks(decoded.text), None, ()
    columns = measure_columns(blocks)
    scores = score_columns(columns)
    if not binary:
        close = close_calls(columns, scores, good, pipeline.CLOSE_CALL)
        if close:
            resegment(columns, close, [blocks[i].text for i in close], resources.stopword_densities)
            for i, s in zip(close, score_columns(columns, close)):
                scores[i] = s
    feats = from_columns(columns)
    return Prepared(list(blocks), feats, scores, title, tuple(containers), binary)


def text_of(p: Prepared, thresholds) -> str:
    """The article text ``Cleaner.extract`` gives for a prepared page under ``thresholds``."""
    from cleantext.select import select

    if p.binary:
        return ""
    chosen = select(p.blocks, p.feats, p.scores, p.page_title, p.containers, thresholds)
    return "\n".join(b.text for b, k in zip(p.blocks, chosen.kept) if k)


def settings(grid: Mapping[str, Sequence[float]]) -> list[dict[str, float]]:
    """Every combination of the grid's values, in a fixed order.

    >>> settings({"a": (1, 2), "b": (3,)})
    [{'a': 1, 'b': 3}, {'a': 2, 'b': 3}]
    """
    names = list(grid)
    return [dict(zip(names, combo)) for combo in itertools.product(*(grid[n] for n in names))]


def score_grid(cdir: pathlib.Path, ids: Sequence[str], mode: str, grid: Mapping[str, Sequence[float]],
               log=lambda s: None) -> tuple[list[dict[str, float]], dict[str, list[float]], list[str]]:
    """F1 of every page under every setting: (settings, page id -> F1 per setting, mismatches).

    ``mismatches`` names the pages whose default-setting text differs from ``Cleaner.extract``'s.
    """
    import cleantext
    from cleantext.select import Thresholds

    combos = settings(grid)
    gold = {i: corpus.read_gold(cdir, i) for i in ids}
    raws = {i: corpus.read_input(cdir, i, mode) for i in ids}
    f1: dict[str, list[float]] = {i: [0.0] * len(combos) for i in ids}
    goods = sorted({c.get("good", Thresholds().good) for c in combos})
    default = Thresholds()
    mismatches = []
    cleaner = cleantext.Cleaner()
    for good in goods:
        t0 = time.process_time()
        prepared = {i: prepare(raws[i], good) for i in ids}
        log(f"  {mode}: pages prepared for good={good:g} in {time.process_time() - t0:.1f} s")
        if good == default.good:
            for i in ids:
                if text_of(prepared[i], default) != cleaner.extract(raws[i]).text:
                    mismatches.append(i)
        t0 = time.process_time()
        for k, c in enumerate(combos):
            if c.get("good", default.good) != good:
                continue
            t = dataclasses.replace(default, **c)
            for i in ids:
                f1[i][k] = metrics.prf(text_of(prepared[i], t), gold[i])[2]
        log(f"  {mode}: settings with good={good:g} scored in {time.process_time() - t0:.1f} s")
    return combos, f1, mismatches


def cross_validate(folds: Sequence[tuple[str, Sequence[str]]], combos: Sequence[Mapping[str, float]],
                   f1: Mapping[str, Sequence[float]], default_index: int) -> list[dict]:
    """Per fold: F1 at the default setting, and at the setting that is best on the other folds.

    Ties go to the default, then to the earlier setting of the grid.

    >>> folds = [("a", ["p"]), ("b", ["q"])]
    >>> f1 = {"p": [0.5, 0.9], "q": [0.6, 0.8]}
    >>> [(r["fold"], r["default"], r["cv"], r["chosen"]) for r in cross_validate(folds, [{}, {}], f1, 0)]
    [('a', 0.5, 0.9, 1), ('b', 0.6, 0.8, 1)]
    """
    out = []
    for name, ids in folds:
        held = set(ids)
        train = [i for i in f1 if i not in held]
        means = [sum(f1[i][k] for i in train) / max(1, len(train)) for k in range(len(combos))]
        best = max(range(len(combos)), key=lambda k: (round(means[k], 9), k == default_index, -k))
        out.append({
            "fold": name,
            "pages": len(ids),
            "default": sum(f1[i][default_index] for i in ids) / len(ids),
            "cv": sum(f1[i][best] for i in ids) / len(ids),
            "chosen": best,
        })
    return out


# --- report --------------------------------------------------------------------------------


def _describe(folds: Sequence[tuple[str, Sequence[str]]], rows: Sequence[Mapping]) -> dict[str, str]:
    by_id = {r["id"]: r for r in rows}
    out = {}
    for name, ids in folds:
        sites = sorted({site_of(by_id[i]) or "?" for i in ids})
        shown = ", ".join(sites[:6]) + (f", … ({len(sites)} sites)" if len(sites) > 6 else "")
        out[name] = shown
    return out


def _setting(c: Mapping[str, float], default: Mapping[str, float]) -> str:
    changed = [f"{k}={v:g}" for k, v in c.items() if v != default[k]]
    return ", ".join(changed) or "default"


def markdown(folds, rows, results: Mapping[str, dict], meta: Mapping[str, str]) -> str:
    """The ``cv`` section of RESULTS.md."""
    described = _describe(folds, rows)
    modes = list(results)
    out = ["## Source-split cross-validation", ""]
    out += [f"- {k}: {v}" for k, v in meta.items()]
    out += ["", "| Fold | Pages | Sites | " + " | ".join(
        f"{m} default | {m} CV | {m} CV setting" for m in modes) + " |",
        "|---|---:|---|" + "---:|---:|---|" * len(modes)]
    for k, (name, ids) in enumerate(folds):
        cells = []
        for m in modes:
            r = results[m]["folds"][k]
            cells += [f"{r['default']:.3f}", f"{r['cv']:.3f}", _setting(results[m]["combos"][r["chosen"]],
                                                                         results[m]["default_setting"])]
        out.append(f"| {name} | {len(ids)} | {described[name]} | " + " | ".join(cells) + " |")
    for label, fn in (("mean of folds", lambda xs: sum(xs) / len(xs)), ("worst fold", min)):
        cells = []
        for m in modes:
            fs = results[m]["folds"]
            cells += [f"**{fn([r['default'] for r in fs]):.3f}**", f"**{fn([r['cv'] for r in fs]):.3f}**", ""]
        out.append(f"| {label} | | | " + " | ".join(cells) + " |")
    out.append("")
    for m in modes:
        out.append(f"- {m}: dev macro F1 at the defaults {results[m]['dev_f1']:.3f} over {results[m]['pages']} pages"
                   + (f"; default text differs from `Cleaner.extract` on {', '.join(results[m]['mismatches'])}"
                      if results[m]["mismatches"] else "; default text identical to `Cleaner.extract` on every page"))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks cv", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    ap.add_argument("--modes", default="html,text")
    ap.add_argument("--out", type=pathlib.Path, default=DEFAULT_RESULTS,
                    help="markdown report; only its `cv` section is rewritten")
    ap.add_argument("--json", type=pathlib.Path, default=None, help="also write per-fold figures as JSON")
    ap.add_argument("--no-grid", action="store_true", help="default thresholds only (no cross-validated column)")
    ap.add_argument("--grid", type=json.loads, default=None,
                    help='another grid, as JSON: \'{"good": [-0.5, 0, 0.5], "early_share": [0.1, 0.2]}\'')
    a = ap.parse_args(argv)
    from cleantext.select import Thresholds

    manifest = a.corpus / "manifest.jsonl"
    rows = [json.loads(x) for x in manifest.read_text("utf-8").splitlines() if x.strip()]
    ids = set(corpus.page_ids(a.corpus))
    rows = [r for r in rows if r["id"] in ids]
    folds = make_folds(rows)
    grid = a.grid or GRID
    if a.no_grid:
        grid = {k: (getattr(Thresholds(), k),) for k in grid}
    if bad := [k for k in grid if not hasattr(Thresholds(), k)]:
        raise SystemExit(f"unknown threshold(s) {bad}")
    grid = {k: tuple(v) if getattr(Thresholds(), k) in v else (*v, getattr(Thresholds(), k))
            for k, v in grid.items()}  # the default is always a setting
    default_setting = {k: getattr(Thresholds(), k) for k in grid}
    combos = settings(grid)
    default_index = combos.index(default_setting)
    all_ids = sorted(i for _, f in folds for i in f)
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    results: dict[str, dict] = {}
    t0 = time.time()
    for mode in [m.strip() for m in a.modes.split(",") if m.strip()]:
        combos, f1, mismatches = score_grid(a.corpus, all_ids, mode, grid, log)
        fold_rows = cross_validate(folds, combos, f1, default_index)
        results[mode] = {
            "combos": combos, "folds": fold_rows, "mismatches": mismatches, "pages": len(all_ids),
            "default_setting": default_setting,
            "dev_f1": sum(f1[i][default_index] for i in all_ids) / len(all_ids),
        }
        means = [sum(r[c] for r in fold_rows) / len(fold_rows) for c in ("default", "cv")]
        worst = [min(r[c] for r in fold_rows) for c in ("default", "cv")]
        log(f"{mode}: dev {results[mode]['dev_f1']:.3f}; folds default mean {means[0]:.3f} worst {worst[0]:.3f}; "
            f"CV mean {means[1]:.3f} worst {worst[1]:.3f}")
    meta = {
        "command": "`python -m benchmarks cv" + (" " + " ".join(argv) if argv else "") + "`",
        "cleantext source": _git_state(),
        "folds": f"{len(folds)}: strata, the large ones (over {LARGE} pages) split by site into ~{FOLD_PAGES}-page "
                 f"folds; no site in two folds (see benchmarks/cv.py)",
        "grid": "; ".join(f"{k} ∈ {{{', '.join(f'{v:g}' for v in vs)}}}" for k, vs in grid.items())
                + f" ({len(combos)} settings); CV = the setting best on the other folds, scored on the held-out fold",
        "wall time": f"{time.time() - t0:.0f} s",
    }
    report.write_section(a.out, "cv", markdown(folds, rows, results, meta))
    if a.json:
        a.json.write_text(json.dumps({"folds": folds, "results": results}, ensure_ascii=False, indent=1), "utf-8")
    print(f"wrote the cv section of {a.out}", file=sys.stderr)
    return 0


def _git_state() -> str:
    from benchmarks.__main__ import _git_state as state

    return state()


def fold_table(folds: Iterable[tuple[str, Sequence[str]]]) -> str:
    """One line per fold: its name and pages (for a quick look: ``python -m benchmarks.cv``)."""
    return "\n".join(f"{name}: {len(ids)} {' '.join(ids)}" for name, ids in folds)


if __name__ == "__main__":
    sys.exit(main())
