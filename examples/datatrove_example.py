"""datatrove: JSONL pages -> CleantextExtractor -> JSONL articles.

    pip install 'cleantext-zh[datatrove]'
    python examples/datatrove_example.py [WORKDIR]
"""

import gzip
import json
import sys
import tempfile
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleantext.integrations.datatrove import CleantextExtractor
from cleantext.testing import article_paragraphs, make_page


def main(workdir: Path) -> None:
    (workdir / "in").mkdir(exist_ok=True)
    with open(workdir / "in" / "pages.jsonl", "w", encoding="utf-8") as f:
        for i in range(4):
            page = make_page(article_paragraphs(seed=i, n=2), seed=i).decode("utf-8")
            row = {"id": str(i), "text": page, "url": f"http://example.cn/{i}"}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(workdir / "in")),  # the page goes into doc.text, other fields into doc.metadata
            CleantextExtractor(min_body_han=20),
            JsonlWriter(str(workdir / "out")),
        ],
        tasks=1,
        logging_dir=str(workdir / "logs"),
    ).run()
    for path in sorted((workdir / "out").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                print(row["id"], row["metadata"]["title"], row["text"][:30])


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
