"""Selection's region part in the core (``rust/src/select/region``) against its Python twin, directly.

``test_native_select`` compares the whole selection, where some of this part's answers are read
only in part (the values of blocks no later step looks at, the spans of a thread's look-alikes
that hold nothing more to keep). Here the part's own outputs are compared with
``tests/select_oracle.py``'s functions: the thread test, and the values, the region, the spans,
the title's block and where the posts begin, on the random pages of ``test_native_select`` with
their features, scores and elements scrambled (as ``test_native_select_hard`` scrambles them,
empty elements aside: the Python twin fails on an empty look-alike) and a title found before
fixed at random, both as a thread and not. Through the temporary bindings ``_core.select_thread``
and ``_core.select_region``, which go once the core's ``select`` runs the parts itself.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest
import select_oracle as O
from test_native_select import VARIANTS, _html_page, _inputs, _text_page
from test_native_select_hard import _scrambled

from cleantext import _core
from cleantext.blocks import Container
from cleantext.lexicon import boilerplate_lexicon
from cleantext.select import Thresholds, _native_page, _PagePatterns


def _oracle_thread(blocks: Any, feats: Any, scores: Any, containers: Any, t: Any, hard: Any, datelines: Any) -> bool:
    bylines = [d and not c for d, c in zip(datelines, O._date_columns(blocks, containers, datelines))]
    return bool(
        O.is_thread(blocks)
        or O.repeated_posts(bylines, scores, containers, t.good, t.byline_series)
        or (not containers and O._posts_by_bylines(blocks, feats, scores, hard, datelines, t))
    )


def _oracle_region(
    blocks: Any, feats: Any, scores: Any, page_title: Any, containers: Any, t: Any, hard: Any, datelines: Any,
    bylines: Any, fixed_title: int | None, thread: bool,
) -> tuple[Any, ...]:  # fmt: skip
    """``select_oracle._select`` from ``_values`` to the title."""
    barriers = O.THREAD_BARRIERS if thread else O.BARRIERS
    values = O._values(feats, scores, hard, datelines, t, barriers)
    if not containers:
        O._lift_interleaved_barriers(values, feats, hard, t)
        O._pass_post_footers(values, blocks, feats, hard, t)
    if fixed_title is not None:
        values[fixed_title] = min(values[fixed_title], t.neutral_value)
    posts_from = 0
    if thread:
        heads = O.post_heads(datelines, scores, t.good)
        first = O.alike_bylines(blocks, datelines, t.byline_series) if not containers else None
        posts_from = heads[0] if heads and len(heads) >= t.byline_series else first or 0
    else:
        O._split_posts(values, bylines, t.byline_series, texts=[b.text for b in blocks])
    region = O.best_region(values, t.early_share, posts_from)
    if region is not None and region[0] < posts_from <= region[1]:
        region = O._within_first_post(region, posts_from, values, containers, t.early_share)
    heading = O.heading_title(blocks, feats, page_title)
    if heading is not None and region is not None and not region[0] <= heading <= region[1] + 1:
        anchored = O.anchored_region(values, heading)
        if anchored is not None and anchored[1] >= t.anchor_share * sum(values[region[0] : region[1] + 1]):
            region = anchored[0]
    if region is not None:
        soft, labels = O._soft_values(values, blocks, hard, barriers, t)
        box = O._container_of(region, values, containers)
        bounds = (box.first, box.end - 1) if box is not None else None
        region = O.continued_region(region, soft, labels, t.continue_density, heading, bounds)
        for i in range(region[0], region[1] + 1):
            if labels[i]:
                values[i] = -t.barrier_cost
    spans = O.container_spans(region, values, containers, t.post_han)
    title_index = (
        fixed_title
        if fixed_title is not None
        else O._pick_title(blocks, feats, region, page_title, heading, hard, datelines, t.title_echo)
    )
    return values, region, spans, title_index, posts_from


def _posts(rng: random.Random, n: int) -> list[Container]:
    """Elements of a few blocks each, one after another, of one kind (numbered classes)."""
    out, first = [], rng.randrange(max(1, n // 2))
    while first < n:
        end = min(n, first + rng.randint(2, 6))
        out.append(Container(first, end, "div", f"post p{len(out)}"))
        first = end + rng.choice([0, 0, 1])
    return out


@pytest.fixture(scope="module")
def pages() -> list[tuple[Any, ...]]:
    rng = random.Random(20261205)
    made: list[tuple[bytes | str, str]] = []
    for k in range(160):
        made.append((_html_page(rng), "auto") if k % 2 == 0 else (_text_page(rng), "text"))
    return list(_inputs(made))


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_scrambled_pages(pages: list[tuple[Any, ...]], variant: str) -> None:
    t: Thresholds = VARIANTS[variant]
    ot = O.Thresholds(**dataclasses.asdict(t))
    limits = dataclasses.astuple(t)
    lexicon = boilerplate_lexicon()
    rng = random.Random(variant)
    seen: set[str] = set()
    for k, args in enumerate(pages):
        for _ in range(3):
            blocks, feats, scores, title, containers = _scrambled(rng, args)
            containers = [c for c in containers if c.end > c.first]
            if containers and rng.random() < 0.3:  # posts laid out alike, one element each
                containers += _posts(rng, len(blocks))
            scores = [s + rng.choice([0.0, 0.0, 0.0, -3.0, 2.5, 6.0]) for s in scores]
            title = rng.choice([title, title, None, blocks[0].text if blocks else None])
            hard = O._hard_reasons(blocks, feats, containers)
            datelines = O._metadata_lines(blocks, feats, hard, t.label_max_han)
            dated = O._date_columns(blocks, containers, datelines)
            bylines = [d and not c for d, c in zip(datelines, dated)]
            page, patterns = _native_page(blocks, feats, title, containers), _PagePatterns(blocks, feats)
            thread = _core.select_thread(page, patterns, scores, hard, datelines, bylines, limits)
            assert thread == _oracle_thread(blocks, feats, scores, containers, ot, hard, datelines), f"page {k}"
            fixed = rng.randrange(len(blocks)) if blocks and rng.random() < 0.2 else None
            for as_thread in (thread, not thread):
                want = _oracle_region(
                    blocks, feats, scores, title, containers, ot, hard, datelines, bylines, fixed, as_thread
                )
                got = _core.select_region(
                    page, lexicon, scores, hard, datelines, dated, bylines, limits, fixed, as_thread
                )
                assert got == want, f"page {k} {variant} thread={as_thread}"
                values, region, spans, _, posts_from = want
                seen.update(["thread"] * thread + ["region"] * (region is not None) + ["posts"] * bool(posts_from))
                seen.update(["look-alikes"] * (len(spans) > 1) + ["label"] * (-t.barrier_cost in values))
    # the scrambled pages reach every branch
    expected = {"thread", "region", "posts", "look-alikes", "label"}
    assert expected <= seen, expected - seen


def test_bad_inputs_are_errors() -> None:
    """What does not fit the page is a ``ValueError``, never a crash."""
    from cleantext.blocks import RawBlock
    from cleantext.features import measure

    blocks = [RawBlock("正文，很长很长。", "paragraph", 0, 1), RawBlock("相关推荐", "paragraph", 1, 2)]
    feats = measure(blocks)
    page, limits = _native_page(blocks, feats, None, []), dataclasses.astuple(Thresholds())
    good = ([1.0, -5.0], [None, "related"], [False, False], [False, False], [False, False])
    assert _core.select_region(page, boilerplate_lexicon(), *good, limits, None, False)[1] == (0, 0)
    bad = [
        ([1.0], *good[1:]),
        (good[0], [None], *good[2:]),
        (good[0], [None, "binary"], *good[2:]),
        (*good[:2], [False], *good[3:]),
        (*good[:4], [False] * 3),
    ]
    for args in bad:
        with pytest.raises(ValueError):
            _core.select_region(page, boilerplate_lexicon(), *args, limits, None, False)
    with pytest.raises(ValueError):
        _core.select_region(page, boilerplate_lexicon(), *good, limits, 2, False)
    with pytest.raises(ValueError):
        _core.select_region(page, boilerplate_lexicon(), *good, limits[:-1], None, False)
    with pytest.raises(ValueError):
        _core.select_thread(page, _PagePatterns(blocks, feats), [1.0], [None, None], [False] * 2, [False] * 2, limits)
