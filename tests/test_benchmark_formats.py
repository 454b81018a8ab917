"""benchmarks/formats.py: what each view of a Document costs, per mode."""

from __future__ import annotations

import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parents[1]
for where in (REPO, REPO / "benchmarks"):  # (formats.py imports its sibling corpus.py as a script does)
    if str(where) not in sys.path:
        sys.path.insert(0, str(where))

import cleantext  # noqa: E402
from benchmarks.formats import READS, mb_per_s  # noqa: E402
from cleantext.testing import article_paragraphs, make_page  # noqa: E402


def test_every_view_is_read_and_timed():
    pages = [make_page(article_paragraphs(seed=i, n=20), seed=i, kind="text") for i in range(3)]
    cleaner = cleantext.Cleaner(input_format="text", use_jieba=False)
    doc = cleaner.extract(pages[0])
    views = {name: read(doc) for name, read in READS.items()}
    assert views["text"] and views["markdown"] and views["html"].startswith("<")
    assert views["to_dict"]["text"] == doc.text and views["blocks"] == len(doc.blocks)
    speeds = {name: mb_per_s(cleaner, pages, read, 1) for name, read in READS.items()}
    assert all(speed > 0 for speed in speeds.values())
