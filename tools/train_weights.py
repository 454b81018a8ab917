"""Learn the score weights (data/weights.json) from a corpus with gold text.

A block's label is whether most of its character bigrams occur in the gold text.
The model is logistic regression over the terms of cleantext.score.terms(),
fitted on HTML and text-dump blocks together, with page-grouped k-fold
cross-validation reported before the final fit on every page.

    python tools/train_weights.py --corpus ../shared/corpus/dev [--write]

Needs numpy (a development tool; not a dependency of the library).
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import unicodedata

import numpy as np

from cleantext.blocks import html_blocks, text_blocks
from cleantext.decode import decode
from cleantext.features import measure
from cleantext.resources import segment
from cleantext.score import terms


def bigrams(text: str) -> collections.Counter[str]:
    s = "".join(unicodedata.normalize("NFKC", text).split())
    return collections.Counter(s[i : i + 2] for i in range(len(s) - 1))


def page_rows(raw: bytes, gold: str, html: bool) -> tuple[list[list[float]], list[int], list[float]]:
    d = decode(raw)
    blocks = html_blocks(d.text)[0] if html else text_blocks(d.text)
    feats = measure(blocks, segment)
    g = bigrams(gold)
    xs, ys, ws = [], [], []
    names = None
    for b, f in zip(blocks, feats):
        bb = bigrams(b.text)
        total = sum(bb.values())
        if total < 2:
            continue
        t = terms(f)
        names = names or list(t)
        xs.append([t[k] for k in names])
        ys.append(1 if sum((bb & g).values()) / total >= 0.5 else 0)
        ws.append(min(total, 200) ** 0.5)
    return xs, ys, ws


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1.0, steps: int = 3000) -> np.ndarray:
    xb = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(xb.shape[1])
    lr = 0.5
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ beta))
        grad = xb.T @ (w * (p - y)) / w.sum() + l2 * np.r_[0, beta[1:]] / len(y)
        beta -= lr * grad
    return beta


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=pathlib.Path, required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    pages = sorted(a.corpus.glob("*.html"))
    data = []
    for p in pages:
        gold = p.with_suffix("").with_suffix(".gold.txt").read_text("utf-8")
        for html, raw in ((True, p.read_bytes()), (False, p.with_suffix(".txt").read_bytes())):
            xs, ys, ws = page_rows(raw, gold, html)
            data.append((p.stem, xs, ys, ws))
    names = list(terms.__code__.co_consts)  # placeholder, replaced below
    from cleantext.features import Features

    names = list(terms(Features(1, 1, 1.0, 0, False, 0.0, False, False, False, None, None, (), 0.0, 0.0)))
    ids = sorted({d[0] for d in data})
    fold_of = {pid: i % a.folds for i, pid in enumerate(ids)}
    accs = []
    for k in range(a.folds):
        tr = [d for d in data if fold_of[d[0]] != k]
        te = [d for d in data if fold_of[d[0]] == k]
        x = np.array([r for d in tr for r in d[1]])
        y = np.array([r for d in tr for r in d[2]])
        w = np.array([r for d in tr for r in d[3]])
        beta = fit(x, y, w)
        xt = np.array([r for d in te for r in d[1]])
        yt = np.array([r for d in te for r in d[2]])
        pt = 1 / (1 + np.exp(-np.hstack([np.ones((len(xt), 1)), xt]) @ beta))
        accs.append(((pt >= 0.5) == yt).mean())
    print("cv block accuracy", np.round(accs, 3), "mean", round(float(np.mean(accs)), 3))
    x = np.array([r for d in data for r in d[1]])
    y = np.array([r for d in data for r in d[2]])
    w = np.array([r for d in data for r in d[3]])
    beta = fit(x, y, w)
    learned = {"bias": round(float(beta[0]), 3)} | {n: round(float(b), 3) for n, b in zip(names, beta[1:])}
    print(json.dumps(learned, indent=1))
    if a.write:
        path = pathlib.Path(__file__).parent.parent / "src" / "cleantext" / "data" / "weights.json"
        doc = {"_doc": json.loads(path.read_text("utf-8")).get("_doc", "")} | learned
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
