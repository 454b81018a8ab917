"""The benchmark harness (benchmarks/) scores exactly as the reference scorer ../shared/eval/score.py.

Skipped when ../shared (the scorer or the dev corpus) is not beside the checkout.
"""

from __future__ import annotations

import importlib.util
import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORE_PY = SHARED / "eval" / "score.py"
CORPUS = SHARED / "corpus" / "dev"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import corpus, harness, metrics, peers  # noqa: E402

TEXTS = [
    ("", ""),
    ("", "正文"),
    ("正文", ""),
    (" \n\t", "正文内容"),
    ("今天下午，未来科学大奖在北京公布。", "今天下午，未来科学大奖在北京公布。"),
    ("首页 新闻 国内\n今天下午，未来科学大奖\n在北京公布。\n责任编辑：李静", "今天下午，未来科学大奖在北京公布。"),
    ("ＡＢＣ１２３，全角。ｶﾀｶﾅ", "ABC123,全角。カタカナ"),
    ("哈哈哈哈哈哈", "哈哈哈"),
    ("a b c d e f", "abcdef ghij"),
    ("第1页 第2页 第3页 下一页", "完全不同的文字"),
]


@pytest.fixture(scope="module")
def score():
    """The reference scorer, imported from ../shared/eval/score.py."""
    if not SCORE_PY.exists():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    saved = list(sys.path)
    try:
        spec = importlib.util.spec_from_file_location("_reference_score", SCORE_PY)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)  # it puts ../shared/eval on sys.path to import dump
    finally:
        sys.path[:] = saved
    return mod


@pytest.fixture(scope="module")
def pages() -> list[str]:
    if not (CORPUS / "manifest.jsonl").exists():
        pytest.skip("../shared/corpus/dev is not beside this checkout")
    ids = corpus.page_ids(CORPUS)
    return [ids[0], ids[len(ids) // 2], ids[-1]]


@pytest.mark.parametrize(("out", "gold"), TEXTS)
def test_prf_equals_reference(score, out, gold):
    assert metrics.prf(out, gold) == score.prf(out, gold)
    assert metrics.bigrams(out) == score.bigrams(out)


def test_macro_equals_reference_formula(score):
    rows = [dict(zip(("p", "r", "f1"), score.prf(o, g), strict=True), id=f"x{i}") for i, (o, g) in enumerate(TEXTS)]
    n = len(rows)
    m = metrics.macro(rows)
    assert (m["precision"], m["recall"], m["f1"]) == (
        sum(x["p"] for x in rows) / n,
        sum(x["r"] for x in rows) / n,
        sum(x["f1"] for x in rows) / n,
    )


def test_decoding_and_wrapping_equal_reference(score, pages):
    for path in sorted(CORPUS.glob("*.html")):
        raw = path.read_bytes()
        assert peers.to_str(raw) == score.to_str(raw), path.name
    for page_id in pages:
        raw = corpus.read_input(CORPUS, page_id, "text")
        assert peers.wrap(raw) == score._wrap(raw)
    assert corpus.strata(CORPUS) == score._strata(CORPUS)


def _importable(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


# cleantext in one mode only: its worker loads jieba, and the file must stay fast (< 10 s).
@pytest.mark.parametrize(("name", "mode"), [("keepall", "html"), ("keepall", "text"), ("cleantext", "text")])
def test_harness_per_page_f1_equals_reference(score, pages, name, mode):
    needs = {"keepall": "lxml", "cleantext": "cleantext"}[name]
    if not _importable(needs):
        pytest.skip(f"{needs} is not importable here")
    cfg = harness.RunConfig(corpus=CORPUS, ids=tuple(pages), page_timeout=60, worker_timeout=120)
    gold = {i: corpus.read_gold(CORPUS, i) for i in pages}
    res = harness.run_one(name, mode, cfg, gold, corpus.strata(CORPUS))
    assert res["status"] == "ok", res["message"]
    ref = score.make_extractor(name)
    want = []
    for page_id in pages:
        html = CORPUS / f"{page_id}.html"
        raw = score.text_dump(html) if mode == "text" else html.read_bytes()
        want.append(score.prf(ref(raw, mode) or "", gold[page_id]))
    got = [(r["p"], r["r"], r["f1"]) for r in res["rows"]]
    assert got == want
    assert res["errors"] == 0 and res["pages"] == 3
    assert res["mb_per_s"] > 0 and res["cold_start_s"] > 0 and 0 < res["peak_rss_mb"] < 2000


def test_rounds_keep_each_pages_fastest_time_and_the_first_rounds_scores():
    """``--rounds``: each page's time is the fastest round's, its scores the first round's; a page
    that raised in a round keeps the first round's time; throughput follows the merged times."""

    def run(cpus: list[float], errors: tuple[str | None, ...] = (None, None)) -> dict:
        rows = [
            {"id": i, "bytes": 1_000_000, "cpu_s": c, "wall_s": 2 * c, "error": e, "f1": 0.5}
            for i, c, e in zip("ab", cpus, errors)
        ]
        cpu = sum(cpus)
        return {
            "rows": rows,
            "cpu_s": cpu,
            "wall_s": 2 * cpu,
            "bytes": 2_000_000,
            "f1": 0.5,
            "mb_per_s": 2 / cpu,
            "pages_per_s": 2 / cpu,
            "wall_mb_per_s": 1 / cpu,
        }

    merged = harness.fastest_of([run([0.4, 0.2]), run([0.1, 0.3], (None, "boom")), run([0.3, 0.5])])
    assert [r["cpu_s"] for r in merged["rows"]] == [0.1, 0.2]
    assert [r["wall_s"] for r in merged["rows"]] == [0.2, 0.4]
    assert merged["cpu_s"] == pytest.approx(0.3) and merged["mb_per_s"] == pytest.approx(2 / 0.3)
    assert merged["pages_per_s"] == pytest.approx(2 / 0.3) and merged["rounds"] == 3 and merged["f1"] == 0.5
    assert harness.fastest_of([{"status": "unavailable"}]) == {"status": "unavailable", "rounds": 1}
