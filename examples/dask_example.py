"""Dask: clean a bag of JSONL pages, one warmed Cleaner per partition.

    pip install 'dask[bag]'
    python examples/dask_example.py [WORKDIR]
"""

import json
import sys
import tempfile
from pathlib import Path

import dask.bag as db

from cleantext import Cleaner
from cleantext.testing import article_paragraphs, make_page


def clean_partition(rows):
    cleaner = Cleaner().warm_up()  # once per partition, not per page
    out = []
    for row in rows:
        doc = cleaner.extract(row["html"], url=row.get("url"))
        out.append({"url": doc.url, "title": doc.title, "text": doc.text})
    return out


def main(workdir: Path) -> None:
    src = workdir / "pages.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(6):
            page = make_page(article_paragraphs(seed=i, n=2), seed=i).decode("utf-8")
            f.write(json.dumps({"url": f"http://example.cn/{i}", "html": page}, ensure_ascii=False) + "\n")
    bag = db.read_text(str(src), blocksize=2_000).map(json.loads)
    results = bag.map_partitions(clean_partition).compute(scheduler="processes", num_workers=2)
    for r in results:
        print(r["url"], r["text"][:30])


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
