"""datatrove, Hugging Face datasets and Dask integrations; each skipped when its library is absent."""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from cleantext.testing import article_paragraphs, make_page

ROOT = Path(__file__).resolve().parents[1]
N = 8
PAGES = [make_page(article_paragraphs(seed=i, n=2), seed=i, kind="text" if i % 3 == 0 else "html") for i in range(N)]
EXPECTED = ["\n".join(article_paragraphs(seed=i, n=2)) for i in range(N)]


# -- datatrove ----------------------------------------------------------------------------------


def test_datatrove_extractor():
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from cleantext.integrations.datatrove import CleantextExtractor

    step = CleantextExtractor(timeout=30)
    docs = [
        Document(text=p.decode("utf-8"), id=str(i), metadata={"url": f"http://e.cn/{i}"}) for i, p in enumerate(PAGES)
    ]
    docs.append(Document(text="<html><body><div>首页</div></body></html>", id="empty", metadata={}))
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == [str(i) for i in range(N)]  # the page without article is dropped
    assert [d.text for d in out] == EXPECTED
    assert out[1].metadata["title"] == "沪渝携手加快推动长江经济带高质量发展"
    assert out[1].metadata["published"] == "2021-06-04T14:23:36+08:00"
    assert step.extract(PAGES[1].decode("utf-8")) == EXPECTED[1]
    assert pickle.loads(pickle.dumps(step)).options == step.options


def test_datatrove_example_runs(tmp_path):
    pytest.importorskip("datatrove")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "datatrove_example.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "沪渝" in proc.stdout or "重庆" in proc.stdout


# -- Hugging Face datasets ----------------------------------------------------------------------


def test_hf_map_function_and_fingerprint(tmp_path):
    datasets = pytest.importorskip("datasets")
    from datasets.fingerprint import Hasher

    from cleantext.integrations.hf import CleanText, clean_batch

    fn = CleanText(column="html", url_column="url", prefix="ct_")
    before = Hasher.hash(fn)
    ds = datasets.Dataset.from_dict({"html": [p.decode("utf-8") for p in PAGES], "url": [f"u{i}" for i in range(N)]})
    out = ds.map(fn, batched=True, batch_size=3)
    assert out["ct_text"] == EXPECTED and out["url"] == [f"u{i}" for i in range(N)]
    single = ds.map(CleanText(column="html"), remove_columns=["html"])
    assert single["text"] == EXPECTED
    # the fingerprint: unchanged by use, equal for equal settings, different for different ones,
    # and the same in a fresh interpreter
    assert Hasher.hash(fn) == before == Hasher.hash(CleanText(column="html", url_column="url", prefix="ct_"))
    assert Hasher.hash(CleanText(column="html", prefix="ct_", min_body_han=5)) != before
    code = (
        "from datasets.fingerprint import Hasher; from cleantext.integrations.hf import CleanText; "
        "print(Hasher.hash(CleanText(column='html', url_column='url', prefix='ct_')))"
    )
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert fresh == before
    assert ds.map(clean_batch, batched=True, fn_kwargs={"column": "html"})["text"] == EXPECTED


def test_hf_bad_page_does_not_stop_the_map():
    from cleantext.integrations.hf import CleanText

    got = CleanText(column="p", max_bytes=10)({"p": ["很长的页面" * 10, None]})
    assert got["text"] == [None, None] and got["error"][0].startswith("InputTooLarge")


# -- Dask ---------------------------------------------------------------------------------------


def test_dask_example_parses_and_runs(tmp_path):
    path = ROOT / "examples" / "dask_example.py"
    ast.parse(path.read_text(encoding="utf-8"))
    pytest.importorskip("dask.bag")
    proc = subprocess.run([sys.executable, str(path), str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.count("\n") >= 3


@pytest.mark.parametrize("name", ["batch_example.py", "hf_example.py", "spark_example.py"])
def test_other_examples_parse(name):
    ast.parse((ROOT / "examples" / name).read_text(encoding="utf-8"))
