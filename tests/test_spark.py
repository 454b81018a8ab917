"""cleantext.integrations.spark on a local[2] Spark over a small JSONL sample; skipped without pyspark/Java."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from cleantext.testing import article_paragraphs, make_page

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)


def test_clean_dataframe_and_rdd(tmp_path, monkeypatch):
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # workers must see this environment's cleantext
    from pyspark.sql import SparkSession

    from cleantext.integrations.spark import clean_dataframe, clean_rdd

    n = 12
    path = tmp_path / "pages.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            page = make_page(article_paragraphs(seed=i, n=2), seed=i, kind="text" if i % 3 == 0 else "html")
            f.write(json.dumps({"id": i, "url": f"http://e.cn/{i}", "html": page.decode("utf-8")}) + "\n")
        f.write(json.dumps({"id": n, "url": "http://e.cn/big", "html": "很长的页面" * 400}) + "\n")

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("cleantext-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        df = spark.read.json(str(path)).repartition(2, "id")
        out = clean_dataframe(df, "html", url_col="url", prefix="ct_", options={"max_bytes": 5000})
        got = {r["id"]: r for r in out.select("id", "url", "ct_text", "ct_title", "ct_error").collect()}
        assert len(got) == n + 1
        for i in range(n):
            assert got[i]["ct_text"].split("\n") == article_paragraphs(seed=i, n=2)
            assert got[i]["ct_error"] is None
        assert got[n]["ct_text"] is None and got[n]["ct_error"].startswith("InputTooLarge")
        with pytest.raises(ValueError, match="prefix"):
            clean_dataframe(out, "html", prefix="ct_")  # the ct_ columns exist already
        md = clean_dataframe(df, "html", prefix="md_", options={"output_format": "markdown", "use_jieba": False})
        assert "md_markdown" in md.columns
        assert all(r["md_markdown"] == r["md_text"].replace("\n", "\n\n") for r in md.collect() if r["md_text"])
        pages = df.rdd.map(lambda r: (r["html"], None, r["url"]))
        texts = clean_rdd(pages, {"use_jieba": False, "max_bytes": 5000}).collect()
        assert sorted(t["text"] for t in texts if t["text"]) == sorted(got[i]["ct_text"] for i in range(n))
    finally:
        spark.stop()
