"""benchmarks/small_pages.py: the steps that stay in Python, timed alone on the pages' own arguments."""

from __future__ import annotations

import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import cleantext  # noqa: E402
from benchmarks.small_pages import alone_us  # noqa: E402
from cleantext import metadata  # noqa: E402
from cleantext.testing import article_paragraphs, make_page  # noqa: E402


def test_alone_times_each_step_on_the_calls_extract_made_and_puts_collect_back():
    collect = metadata.collect
    for kind in ("html", "text"):
        pages = [make_page(article_paragraphs(seed=i, n=8), seed=i, kind=kind) for i in range(3)]
        pages = [p.encode() if isinstance(p, str) else p for p in pages]
        steps = alone_us(cleantext.Cleaner(input_format=kind, use_jieba=False), pages, repeat=2)
        assert list(steps) == ["metadata.collect", "decode", "looks_binary"]
        assert all(0 < us < 1e6 for us in steps.values())
        assert metadata.collect is collect  # the spy is gone
