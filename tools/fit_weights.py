"""Fit the block-score weights (src/cleantext/data/weights.json) on a corpus with gold text.

A block's label is whether most of its character bigrams occur in the gold text. The model is
logistic regression over cleantext.score.terms(), on HTML and text-dump blocks together, each
page weighted equally. Page-grouped k-fold cross-validation reports the macro F1 of the whole
pipeline with weights fitted on the other folds, next to the shipped weights.

    python tools/fit_weights.py --corpus ../shared/corpus/dev [--write]

A development tool: needs numpy, which the library does not.
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import unicodedata

import numpy as np

import cleantext
import cleantext.score as score_module
from cleantext.blocks import html_blocks, text_blocks
from cleantext.decode import decode
from cleantext.features import measure
from cleantext.score import terms

WEIGHTS = pathlib.Path(score_module.__file__).parent / "data" / "weights.json"


def bigrams(text: str) -> collections.Counter[str]:
    s = "".join(unicodedata.normalize("NFKC", text).split())
    return collections.Counter(s[i : i + 2] for i in range(len(s) - 1))


def prf(out: str, gold: str) -> float:
    o, g = bigrams(out), bigrams(gold)
    hit = sum((o & g).values())
    p = hit / max(1, sum(o.values())) if o else (1.0 if not g else 0.0)
    r = hit / max(1, sum(g.values())) if g else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def page_rows(raw: bytes, gold: str, html: bool) -> tuple[np.ndarray, np.ndarray]:
    d = decode(raw)
    blocks = html_blocks(d.text).blocks if html else text_blocks(d.text)
    g = bigrams(gold)
    xs, ys = [], []
    for b, f in zip(blocks, measure(blocks)):
        bb = bigrams(b.text)
        total = sum(bb.values())
        if total < 2:
            continue
        xs.append(list(terms(f).values()))
        ys.append(1.0 if sum((bb & g).values()) / total >= 0.5 else 0.0)
    return np.array(xs, dtype=float).reshape(-1, len(NAMES)), np.array(ys)


def fit(pages: list[tuple[np.ndarray, np.ndarray]], l2: float = 0.01, steps: int = 2000) -> np.ndarray:
    x = np.vstack([p[0] for p in pages])
    y = np.concatenate([p[1] for p in pages])
    w = np.concatenate([np.full(len(p[1]), 1.0 / max(1, len(p[1]))) for p in pages])
    w /= w.sum()
    xb = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(xb.shape[1])
    for _ in range(steps):  # plain gradient descent: small problem, deterministic
        p = 1 / (1 + np.exp(-(xb @ beta)))
        beta -= 2.0 * (xb.T @ (w * (p - y)) + l2 * np.r_[0.0, beta[1:]])
    return beta


def as_weights(beta: np.ndarray) -> dict[str, float]:
    return {"bias": round(float(beta[0]), 3)} | {n: round(float(b), 3) for n, b in zip(NAMES, beta[1:])}


def pipeline_f1(ids: list[str], corpus: pathlib.Path, weights: dict[str, float]) -> dict[str, float]:
    score_module.weights.cache_clear()
    saved = score_module.weights
    score_module.weights = lambda: weights  # type: ignore[assignment]
    try:
        out = {}
        for mode in ("html", "text"):
            fs = []
            for pid in ids:
                raw = (corpus / f"{pid}.{'html' if mode == 'html' else 'txt'}").read_bytes()
                gold = (corpus / f"{pid}.gold.txt").read_text("utf-8")
                fs.append(prf(cleantext.extract(raw, use_jieba=False).text, gold))
            out[mode] = sum(fs) / len(fs)
        return out
    finally:
        score_module.weights = saved


NAMES = list(terms(measure(text_blocks("示例。"))[0]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=pathlib.Path, required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--exclude", default="wmb001", help="comma-separated page ids left out (flawed gold)")
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    skip = set(filter(None, a.exclude.split(",")))
    ids = [p.stem for p in sorted(a.corpus.glob("*.html")) if p.stem not in skip]
    rows = {}
    for pid in ids:
        gold = (a.corpus / f"{pid}.gold.txt").read_text("utf-8")
        rows[pid] = [
            page_rows((a.corpus / f"{pid}.html").read_bytes(), gold, True),
            page_rows((a.corpus / f"{pid}.txt").read_bytes(), gold, False),
        ]
    shipped = {k: v for k, v in json.loads(WEIGHTS.read_text("utf-8")).items() if not k.startswith("_")}
    cv_fit, cv_shipped = collections.defaultdict(list), collections.defaultdict(list)
    for k in range(a.folds):
        test = [pid for i, pid in enumerate(ids) if i % a.folds == k]
        train = [r for i, pid in enumerate(ids) if i % a.folds != k for r in rows[pid]]
        learned = as_weights(fit(train))
        for mode, f in pipeline_f1(test, a.corpus, learned).items():
            cv_fit[mode].append(f)
        for mode, f in pipeline_f1(test, a.corpus, shipped).items():
            cv_shipped[mode].append(f)
    for mode in ("html", "text"):
        print(
            f"{mode}: held-out macro F1 fitted {np.mean(cv_fit[mode]):.4f} "
            f"vs shipped {np.mean(cv_shipped[mode]):.4f} (folds: {np.round(cv_fit[mode], 3)})"
        )
    final = as_weights(fit([r for pid in ids for r in rows[pid]]))
    print(json.dumps(final, indent=1))
    if a.write:
        doc = {"_doc": json.loads(WEIGHTS.read_text("utf-8")).get("_doc", "")} | final
        WEIGHTS.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
