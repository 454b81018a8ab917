"""benchmarks/trip.py: two kept workers share the pages and send back what each round asks for."""

from __future__ import annotations

import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import cleantext  # noqa: E402
from benchmarks.trip import PAYLOADS, Pair, ratios  # noqa: E402
from cleantext.testing import article_paragraphs, make_page  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forks its workers")


@pytest.mark.parametrize("kind", ["html", "text"])
def test_every_round_reads_every_page_once(kind):
    pages = [make_page(article_paragraphs(seed=i, n=20), seed=i, kind=kind) for i in range(12)]
    cleaner = cleantext.Cleaner(input_format=kind, use_jieba=False).warm_up()
    pair = Pair(cleaner, pages)
    try:
        for payload in PAYLOADS:
            for batched in (False, True):
                assert pair.round(payload, batched) > 0  # (raises unless each page came back once)
        pair.counter.value = 0
        pair.pages = pages[:-1]  # the workers still clean 12 pages: the count no longer matches
        with pytest.raises(RuntimeError, match="12 results for 11 pages"):
            pair.round("nothing", True)
    finally:
        pair.close()
    assert not any(p.is_alive() for p in pair.processes)


def test_ratios_cover_every_payload_both_ways():
    pages = [make_page(article_paragraphs(seed=i, n=20), seed=i, kind="html") for i in range(8)]
    got = ratios(cleantext.Cleaner(use_jieba=False).warm_up(), pages, 1)
    assert set(got) == {(p, b) for p in PAYLOADS for b in (False, True)}
    assert all(0.05 < r < 20 for r in got.values())  # two processes: about 1-2x one, on any machine
