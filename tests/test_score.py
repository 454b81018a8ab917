"""Stage 4, score: every score, page at once or block by block, is exactly the bias plus the
weighted terms that ``terms`` explains."""

from __future__ import annotations

from dataclasses import astuple, fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleantext.blocks import html_blocks, text_blocks
from cleantext.decode import decode
from cleantext.features import Features, measure
from cleantext.score import score, score_columns, score_page, terms, weights

PAGES = Path(__file__).parent / "pages"

features = st.builds(
    Features,
    chars=st.integers(0, 5000),
    han=st.integers(0, 5000),
    han_ratio=st.floats(0, 1),
    punct=st.integers(0, 500),
    ends_sentence=st.booleans(),
    link_density=st.floats(0, 1),
    list_item=st.booleans(),
    heading=st.booleans(),
    truncated=st.booleans(),
    prefix_of=st.none() | st.integers(0, 100),
    duplicate_of=st.none() | st.integers(0, 100),
    lexicon=st.sampled_from([(), ("icp",), ("share", "nav")]),
    stopword_density=st.none() | st.floats(0, 1),
    position=st.floats(0, 0.999),
)


def explained(f: Features) -> float:
    """The score as the explain report shows it: bias + Σ weight × term, in the terms' order, added
    left to right (``sum`` compensates rounding errors since Python 3.12; the score does not)."""
    w = weights()
    total = 0.0
    for name, value in terms(f).items():
        total += w[name] * value
    return w["bias"] + total


@given(st.lists(features, max_size=30))
def test_score_page_is_the_explained_sum(feats: list[Features]) -> None:
    assert score_page(feats) == [explained(f) for f in feats]


@given(st.lists(features, max_size=30), st.data())
def test_score_columns_is_score_page(feats: list[Features], data: st.DataObject) -> None:
    """The pipeline scores the measured columns: the same numbers, for all blocks or some."""
    columns = [list(column) for column in zip(*(astuple(f) for f in feats))] or [[] for _ in fields(Features)]
    assert score_columns(columns) == score_page(feats)
    rows = data.draw(st.lists(st.integers(0, len(feats) - 1), max_size=10)) if feats else []
    assert score_columns(columns, rows) == [score(feats[i]) for i in rows]
    with pytest.raises(IndexError):
        score_columns(columns, [len(feats)])


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.iterdir() if p.suffix in (".html", ".txt")))
def test_score_page_on_real_pages(name: str) -> None:
    text = decode((PAGES / name).read_bytes()).text
    raw = html_blocks(text).blocks if name.endswith(".html") else text_blocks(text)
    feats = measure(raw)
    assert len(feats) > 10
    assert score_page(feats) == [explained(f) for f in feats] == [score(f) for f in feats]


@given(features)
def test_score_is_the_explained_sum(f: Features) -> None:
    assert score(f) == explained(f)


def test_prose_scores_above_menu() -> None:
    prose, menu = measure(
        text_blocks("6月3日，重庆市科技局与上海市科委签署科技合作框架协议，双方将在七个方面开展深度合作。\n首页\n")
    )
    assert score_page([prose, menu])[0] > 0 > score_page([prose, menu])[1]
