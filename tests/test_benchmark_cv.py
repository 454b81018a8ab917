"""The source-split cross-validation (``python -m benchmarks cv``): folds and fold scores."""

from __future__ import annotations

import doctest
import json
import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
MANIFEST = REPO.parent / "shared" / "corpus" / "dev" / "manifest.jsonl"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import cv  # noqa: E402


def _rows() -> list[dict]:
    rows = []
    for k in range(24):  # a large stratum of 8 sites, three pages each
        rows.append({"id": f"big{k:03d}", "stratum": "big", "url": f"http://news{k % 8}.example.com.cn/{k}"})
    for k in range(6):  # a small stratum, one page sharing a site with the large one
        rows.append(
            {
                "id": f"small{k:03d}",
                "stratum": "small",
                "url": f"http://s{k}.org/" if k else "http://x.news3.example.com.cn/",
            }
        )
    rows.append({"id": "tiny001", "stratum": "tiny", "url": None})
    return rows


def _check(folds: list[tuple[str, list[str]]], rows: list[dict]) -> None:
    ids = [i for _, f in folds for i in f]
    assert sorted(ids) == sorted(r["id"] for r in rows)  # every page in exactly one fold
    fold_of = {i: name for name, f in folds for i in f}
    seen: dict[str, str] = {}
    for r in rows:
        site = cv.site_of(r)
        if site is not None:
            assert seen.setdefault(site, fold_of[r["id"]]) == fold_of[r["id"]], site


def test_folds_keep_each_site_in_one_fold() -> None:
    rows = _rows()
    folds = cv.make_folds(rows)
    _check(folds, rows)
    assert cv.make_folds(list(reversed(rows))) == folds  # deterministic, whatever the order
    names = [n for n, _ in folds]
    assert sum(n.startswith("big-") for n in names) >= 2  # the large stratum is split by site
    assert any("misc" in n for n in names)  # the tiny stratum joined a fold


@pytest.mark.skipif(not MANIFEST.exists(), reason="no dev corpus beside the checkout")
def test_dev_folds() -> None:
    rows = [json.loads(x) for x in MANIFEST.read_text("utf-8").splitlines() if x.strip()]
    folds = cv.make_folds(rows)
    _check(folds, rows)
    assert 8 <= len(folds) <= 12
    assert all(5 <= len(f) <= 20 for _, f in folds)


def test_doctests() -> None:
    assert doctest.testmod(cv).failed == 0
