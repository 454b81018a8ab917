"""Hugging Face datasets: Dataset.map with a picklable, cache-friendly cleantext function.

    pip install 'cleantext-zh[hf]'
    python examples/hf_example.py
"""

from datasets import Dataset

from cleantext.integrations.hf import CleanText
from cleantext.testing import article_paragraphs, make_page

if __name__ == "__main__":
    pages = [make_page(article_paragraphs(seed=i), seed=i).decode("utf-8") for i in range(20)]
    ds = Dataset.from_dict({"html": pages, "url": [f"http://example.cn/{i}" for i in range(20)]})
    ds = ds.map(CleanText(column="html", url_column="url"), batched=True, num_proc=2, remove_columns=["html"])
    print(ds)
    print(ds[0]["title"], ds[0]["text"][:40])
