"""The Hugging Face, datatrove and Spark integrations emit Markdown (or HTML) on request."""

from __future__ import annotations

import pytest

import cleantext
from cleantext.testing import article_paragraphs, make_page

PAGES = [make_page(article_paragraphs(seed=i, n=2), seed=i) for i in range(3)]
MARKDOWN = [cleantext.extract(p).markdown for p in PAGES]


def test_hf_adds_a_markdown_column() -> None:
    from cleantext.integrations.hf import CleanText

    fn = CleanText(column="html", output_format="markdown")
    batch = fn({"html": PAGES})
    assert batch["markdown"] == MARKDOWN
    assert batch["text"] == [cleantext.extract(p).text for p in PAGES]
    assert "markdown" not in CleanText(column="html")({"html": PAGES})
    assert fn({"html": PAGES[0]})["markdown"] == MARKDOWN[0]


def test_hf_markdown_through_datasets() -> None:
    datasets = pytest.importorskip("datasets")
    from cleantext.integrations.hf import CleanText

    ds = datasets.Dataset.from_dict({"html": [p.decode("utf-8") for p in PAGES]})
    assert ds.map(CleanText(column="html", output_format="html"), batched=True)["html"] == [
        cleantext.extract(p).html for p in PAGES
    ]


def test_datatrove_text_is_markdown() -> None:
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from cleantext.integrations.datatrove import CleantextExtractor

    step = CleantextExtractor(timeout=30, output_format="markdown")
    out = list(step.run(iter(Document(text=p.decode("utf-8"), id=str(i)) for i, p in enumerate(PAGES))))
    assert [d.text for d in out] == MARKDOWN


def test_spark_partition_has_a_markdown_field() -> None:
    from cleantext.integrations.spark import clean_partition, output_fields

    rows = list(clean_partition(PAGES, {"output_format": "markdown"}))
    assert [r["markdown"] for r in rows] == MARKDOWN
    assert [name for name, _ in output_fields(cleantext.Options(output_format="markdown"))][:3] == [
        "text",
        "markdown",
        "title",
    ]
