"""Selection's hard part in the core (``rust/src/select/hard``) against its Python twin, directly.

``test_native_select`` compares the whole selection, where some of this part's answers are never
read (the date columns of a table no region reaches, a dateline the lexicon drops). Here the
part's own outputs are compared with ``tests/select_oracle.py``'s functions: the hard reasons,
the metadata lines, the date columns and the tables of contents, on the random pages of
``test_native_select`` with their features and elements scrambled (list items, truncated and
link-dense blocks, copies, lexicon codes; hidden, nested, overlapping, empty elements, widgets,
tables and rows). Through the temporary bindings ``_core.select_hard`` and
``_core.select_contents_lists``, which go once the core's ``select`` runs the parts itself.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest
import select_oracle
from test_native_select import VARIANTS, _html_page, _inputs, _text_page

from cleantext import _core
from cleantext.blocks import Container
from cleantext.select import WIDGET_WORDS, Thresholds, _native_page, _PagePatterns

_CODES = ["login", "share", "related", "comment", "copyright", "nav", "ad", "editor-line"]
_TAGS = ["table", "tr", "div", "ul", "table", "tr", "tr"]


def _scrambled(rng: random.Random, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """The page's blocks with some features and elements changed at random."""
    blocks, feats, scores, title, containers, _ = args
    n = len(blocks)
    out = []
    for f in feats:
        changes: dict[str, Any] = {}
        roll = rng.random()
        if roll < 0.3:
            changes["list_item"] = not f.list_item
        if rng.random() < 0.1:
            changes["truncated"] = not f.truncated
        if rng.random() < 0.1:
            changes["link_density"] = rng.choice([0.0, 0.4, 0.45, 0.5, 0.6, 1.0])
        if n and rng.random() < 0.05:
            changes["prefix_of" if rng.random() < 0.5 else "duplicate_of"] = rng.randrange(n)
        if rng.random() < 0.02:
            changes["chars"] = 0
        if rng.random() < 0.15:
            changes["lexicon"] = tuple(rng.sample(_CODES, rng.choice([1, 1, 1, 2])))
        out.append(dataclasses.replace(f, **changes) if changes else f)
    boxes = list(containers)
    words = sorted(WIDGET_WORDS)
    for _ in range(rng.randint(0, 12) if n else 0):
        first = rng.randrange(n + 1)
        end = rng.randint(first, min(n, first + rng.choice([0, 1, 2, 6, 20, n])))
        hints = rng.choice(["", "main", f"x-{rng.choice(words)}", f"{rng.choice(words)}s", "post p1"])
        boxes.append(Container(first, end, rng.choice(_TAGS), hints, rng.random() < 0.3))
    rng.shuffle(boxes)
    return blocks, out, scores, title, boxes


def _oracle(blocks: Any, feats: Any, containers: Any, t: Thresholds) -> tuple[Any, ...]:
    hard = select_oracle._hard_reasons(blocks, feats, containers)
    datelines = select_oracle._metadata_lines(blocks, feats, hard, t.label_max_han)
    dated = select_oracle._date_columns(blocks, containers, datelines)
    ot = select_oracle.Thresholds(**dataclasses.asdict(t))
    return hard, datelines, dated, select_oracle.contents_lists(blocks, feats, ot)


def _native(blocks: Any, feats: Any, title: Any, containers: Any, t: Thresholds) -> tuple[Any, ...]:
    page, patterns = _native_page(blocks, feats, title, containers), _PagePatterns(blocks, feats)
    values = dataclasses.astuple(t)
    hard, datelines, dated = _core.select_hard(page, patterns, values)
    return hard, datelines, dated, _core.select_contents_lists(page, patterns, values)


@pytest.fixture(scope="module")
def pages() -> list[tuple[Any, ...]]:
    rng = random.Random(20261204)
    made: list[tuple[bytes | str, str]] = []
    for k in range(200):
        made.append((_html_page(rng), "auto") if k % 2 == 0 else (_text_page(rng), "text"))
    return list(_inputs(made))


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_scrambled_pages(pages: list[tuple[Any, ...]], variant: str) -> None:
    t = VARIANTS[variant]
    rng = random.Random(variant)
    seen: set[str] = set()
    for k, args in enumerate(pages):
        for _ in range(3):
            blocks, feats, _, title, containers = _scrambled(rng, args)
            want = _oracle(blocks, feats, containers, t)
            got = _native(blocks, feats, title, containers, t)
            assert got == want, f"page {k} {variant}"
            seen.update(h for h in want[0] if h is not None)
            seen.update(["dateline"] * any(want[1]) + ["dated"] * any(want[2]) + ["contents"] * bool(want[3]))
    # the scrambled pages reach every branch
    expected = {"empty", "boilerplate", "login", "share", "truncated-duplicate", "duplicate", "nav", "link-dense"}
    expected |= {"no-han", "teaser-list", "list-heading", "dateline", "dated"}
    assert expected <= seen, expected - seen
