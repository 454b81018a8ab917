"""The accuracy metric, identical to the reference scorer's (../shared/eval/score.py).

Precision / recall / F1 over the multiset of character bigrams of the NFKC-normalised
text with all whitespace removed; pages are macro-averaged. tests/test_benchmark_metric.py
checks that these functions give exactly the reference numbers.
"""
from __future__ import annotations

import collections
import unicodedata
from collections.abc import Iterable, Mapping


def bigrams(text: str) -> collections.Counter:
    """Multiset of character bigrams of ``text`` after NFKC and whitespace removal."""
    s = "".join(unicodedata.normalize("NFKC", text).split())
    return collections.Counter(s[i:i + 2] for i in range(len(s) - 1))


def prf(out: str, gold: str) -> tuple[float, float, float]:
    """Bigram precision, recall and F1 of an extractor's output against gold.

    Edge cases follow the reference: empty output scores P=1 only if gold is empty too;
    empty gold gives R=1.
    """
    o, g = bigrams(out), bigrams(gold)
    hit = sum((o & g).values())
    p = hit / max(1, sum(o.values())) if o else (1.0 if not g else 0.0)
    r = hit / max(1, sum(g.values())) if g else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def stratum_of(page_id: str, strata: Mapping[str, str]) -> str:
    """A page's stratum: the manifest's, else its id without trailing digits (as the reference)."""
    return strata.get(page_id) or page_id.rstrip("0123456789")


def macro(rows: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Macro averages of per-page ``p``, ``r``, ``f1`` (sum / count, as the reference)."""
    rows = list(rows)
    n = max(1, len(rows))
    return {
        "n": len(rows),
        "precision": sum(x["p"] for x in rows) / n,
        "recall": sum(x["r"] for x in rows) / n,
        "f1": sum(x["f1"] for x in rows) / n,
    }


def macro_by_stratum(rows: Iterable[Mapping], strata: Mapping[str, str]) -> dict[str, dict[str, float]]:
    """Macro averages per stratum, keyed by stratum name in sorted order."""
    by: dict[str, list] = collections.defaultdict(list)
    for x in rows:
        by[stratum_of(x["id"], strata)].append(x)
    return {k: macro(v) for k, v in sorted(by.items())}
