"""Stage 4: article-ness of each block on its own (before context).

A linear score with weights read from ``data/weights.json``: positive means the
block reads like article prose, negative like boilerplate. Each term is listed
by :func:`terms`, so a score can always be explained. The native core computes it
(``rust/src/score.rs``): the products added left to right, the same to the last bit on every
Python.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any, Protocol

from ._core import SCORE_TERMS, Scorer
from .features import FeatureColumns, Features, as_columns

#: The terms, in the order :func:`terms` lists them and :func:`score` adds them up (the core's).
TERM_NAMES: tuple[str, ...] = tuple(SCORE_TERMS)


class NativeScorer(Protocol):
    """The native core's score (``cleantext._core.Scorer``)."""

    def score(self, features: Features) -> float: ...

    def score_page(self, features: Sequence[Features]) -> list[float]: ...

    def terms(self, features: Features) -> list[float]: ...

    def score_columns(self, columns: FeatureColumns, rows: Sequence[int] | None = None) -> list[float]: ...


@functools.lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The shipped weights (``data/weights.json``), read once per process."""
    raw: dict[str, Any] = json.loads(
        resources.files("cleantext").joinpath("data").joinpath("weights.json").read_text("utf-8")
    )
    return {k: float(v) for k, v in raw.items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def _scorer() -> NativeScorer:
    """The core's score with the shipped weights, in the order of :data:`TERM_NAMES`."""
    w = weights()
    scorer: NativeScorer = Scorer(w["bias"], [w[name] for name in TERM_NAMES])
    return scorer


def terms(f: Features) -> dict[str, float]:
    """The feature values the weights multiply, each in a small range.

    >>> from cleantext.features import Features
    >>> f = Features(40, 36, 0.9, 4, True, 0.0, False, False, False, None, None, (), 0.2, 0.5)
    >>> t = terms(f)
    >>> round(t["log_han"], 2), round(t["punct_density"], 2), t["ends_sentence"], t["headline"]
    (5.21, 0.89, 1.0, 0.0)
    """
    return dict(zip(TERM_NAMES, _scorer().terms(f)))


def score(f: Features) -> float:
    """Article-ness of a block: ``bias + Σ weight × term``.

    >>> from cleantext.features import Features
    >>> prose = Features(60, 56, 0.93, 6, True, 0.0, False, False, False, None, None, (), 0.25, 0.4)
    >>> menu = Features(8, 8, 1.0, 0, False, 1.0, True, False, False, None, None, (), 0.0, 0.0)
    >>> score(prose) > 0 > score(menu)
    True
    """
    return _scorer().score(f)


def score_page(feats: Sequence[Features]) -> list[float]:
    """:func:`score` of every block of a page (the same numbers, one call for the page).

    >>> from cleantext.features import Features
    >>> f = Features(60, 56, 0.93, 6, True, 0.0, False, False, False, None, None, (), 0.25, 0.4)
    >>> score_page([f]) == [score(f)]
    True
    """
    return _scorer().score_page(feats)


def score_columns(columns: Iterable[Iterable[Any]], rows: Sequence[int] | None = None) -> list[float]:
    """:func:`score_page` of the blocks whose features are ``columns`` (as
    :func:`cleantext.features.measure_columns` gives them, or 14 iterables: see
    :func:`~cleantext.features.as_columns`), or of the blocks ``rows`` only, in that order: the
    same numbers, without making a :class:`Features` per block.

    >>> from cleantext.blocks import RawBlock
    >>> from cleantext.features import measure, measure_columns
    >>> blocks = [RawBlock("今天我们在重庆签署了协议。", "paragraph", 0, 13), RawBlock("首页", "line", 14, 16)]
    >>> score_columns(measure_columns(blocks)) == score_page(measure(blocks))
    True
    """
    return _scorer().score_columns(as_columns(columns), None if rows is None else list(rows))
