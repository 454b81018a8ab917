"""Spark: add article columns to a DataFrame of pages, one warmed Cleaner per partition.

    pip install 'cleantext-zh[spark]'     # and Java 17+
    PYSPARK_PYTHON=$(which python) python examples/spark_example.py
"""

import json
import sys
import tempfile
from pathlib import Path

from pyspark.sql import SparkSession

from cleantext.integrations.spark import clean_dataframe
from cleantext.testing import article_paragraphs, make_page

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "pages.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for i in range(10):
                page = make_page(article_paragraphs(seed=i), seed=i).decode("utf-8")
                f.write(json.dumps({"url": f"http://example.cn/{i}", "html": page}, ensure_ascii=False) + "\n")
        spark = SparkSession.builder.master("local[2]").config("spark.pyspark.python", sys.executable).getOrCreate()
        df = spark.read.json(str(src))
        clean_dataframe(df, "html", url_col="url").select("url", "title", "text").show(truncate=30)
        spark.stop()
