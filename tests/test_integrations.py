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


def test_datatrove_warc_reader_keeps_bytes_and_charset(tmp_path):
    """Every HTML response and WET conversion becomes one document with its bytes, HTTP
    Content-Type, URL and date; a PNG response is counted as skipped; the extractor then decodes
    the page by the HTTP charset."""
    pytest.importorskip("datatrove")
    from warcs import warc_record

    from cleantext.integrations.datatrove import PAGE_BYTES, CleantextExtractor, CleantextWarcReader

    gbk = make_page(article_paragraphs(seed=31, n=2), seed=31, encoding="gbk").replace(b'<meta charset="gbk">', b"")
    (tmp_path / "a.warc.gz").write_bytes(
        warc_record("http://e.cn/gbk", gbk, "1", "text/html; charset=gbk")
        + warc_record("http://e.cn/logo", b"\x89PNG\r\n\x1a\n", "2", "image/png")
        + warc_record("http://e.cn/js-like", b"var x = 1; <p>\xe6\x96\xb0\xe9\x97\xbb</p>", "3", "text/html")
    )
    (tmp_path / "b.warc.wet.gz").write_bytes(
        warc_record("http://e.cn/wet", EXPECTED[1].encode(), "4", kind="conversion")
    )
    reader = CleantextWarcReader(str(tmp_path))
    docs = list(reader.run())
    assert [d.metadata["url"] for d in docs] == ["http://e.cn/gbk", "http://e.cn/js-like", "http://e.cn/wet"]
    assert docs[0].metadata[PAGE_BYTES] == gbk and docs[0].metadata["content_type"] == "text/html; charset=gbk"
    assert docs[0].text == gbk.decode("gbk") and docs[0].metadata["date"] == "2021-06-04T00:00:00+00:00"
    assert docs[2].metadata["format"] == "text"
    assert reader.stats["skipped_non_html"].total == 1
    out = list(CleantextExtractor(timeout=30).run(iter(docs)))
    assert [d.metadata["url"] for d in out] == ["http://e.cn/gbk", "http://e.cn/wet"]  # the JS-like page has no article
    assert out[0].text == "\n".join(article_paragraphs(seed=31, n=2))
    assert (out[0].metadata["encoding"], out[0].metadata["encoding_source"]) == ("gb18030", "content-type")
    assert out[1].text == EXPECTED[1] and all(PAGE_BYTES not in d.metadata for d in out)


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


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"column": 5}, "column"), ({"url_column": 1}, "url_column"), ({"encoding_column": b"e"}, "encoding_column"),
     ({"prefix": None}, "prefix")],
)  # fmt: skip
def test_hf_bad_column_names_raise_at_once(kwargs, name):
    """A column named by a non-str raises when the map function is made (it raised KeyError at
    the first row), with the argument's name; needs no ``datasets``."""
    from cleantext.integrations.hf import CleanText

    with pytest.raises(TypeError, match=name):
        CleanText(**kwargs)


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
