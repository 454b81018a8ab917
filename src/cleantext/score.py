"""Stage 4: article-ness of each block on its own (before context).

A linear score with weights read from ``data/weights.json``: positive means the
block reads like article prose, negative like boilerplate. Each term is listed
by :func:`terms`, so a score can always be explained.
"""

from __future__ import annotations

import functools
import json
import math
import operator
from collections.abc import Sequence
from importlib import resources
from typing import Any

from .features import Features

#: Punctuation per Han character at which prose saturates (about one mark per 8 characters).
_PUNCT_SATURATION = 0.125
#: Blocks this short that do not end a sentence read as headlines, labels or menu items.
_HEADLINE_HAN = 40
#: The terms, in the order :func:`terms` lists them and :func:`score` adds them up.
_TERM_NAMES = (
    "log_han",
    "punct_density",
    "ends_sentence",
    "stopword_density",
    "link_density",
    "list_item",
    "heading",
    "truncated",
    "low_han_ratio",
    "lexicon",
    "headline",
    "unpunctuated",
)


@functools.lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The shipped weights (``data/weights.json``), read once per process."""
    raw: dict[str, Any] = json.loads(
        resources.files("cleantext").joinpath("data").joinpath("weights.json").read_text("utf-8")
    )
    return {k: float(v) for k, v in raw.items() if not k.startswith("_")}


def terms(f: Features) -> dict[str, float]:
    """The feature values the weights multiply, each in a small range.

    >>> from cleantext.features import Features
    >>> f = Features(40, 36, 0.9, 4, True, 0.0, False, False, False, None, None, (), 0.2, 0.5)
    >>> t = terms(f)
    >>> round(t["log_han"], 2), round(t["punct_density"], 2), t["ends_sentence"], t["headline"]
    (5.21, 0.89, 1.0, 0.0)
    """
    return dict(zip(_TERM_NAMES, _values(f)))


def score(f: Features) -> float:
    """Article-ness of a block: ``bias + Σ weight × term``.

    >>> from cleantext.features import Features
    >>> prose = Features(60, 56, 0.93, 6, True, 0.0, False, False, False, None, None, (), 0.25, 0.4)
    >>> menu = Features(8, 8, 1.0, 0, False, 1.0, True, False, False, None, None, (), 0.0, 0.0)
    >>> score(prose) > 0 > score(menu)
    True
    """
    return score_page((f,))[0]


def score_page(feats: Sequence[Features]) -> list[float]:
    """:func:`score` of every block of a page (the same numbers, one call for the page).

    >>> from cleantext.features import Features
    >>> f = Features(60, 56, 0.93, 6, True, 0.0, False, False, False, None, None, (), 0.25, 0.4)
    >>> score_page([f]) == [score(f)]
    True
    """
    bias, weighted = _weight_list()
    mul, values = operator.mul, _values
    return [bias + sum(map(mul, weighted, values(f))) for f in feats]


@functools.lru_cache(maxsize=1)
def _weight_list() -> tuple[float, tuple[float, ...]]:
    """The bias and the weights of the terms, in the order of :func:`terms`."""
    w = weights()
    return w["bias"], tuple(w[name] for name in _TERM_NAMES)


def _values(f: Features) -> tuple[float, ...]:
    """The values of :func:`terms`, in its order, without building the dict."""
    han, punct, ends = f.han, f.punct, f.ends_sentence
    return (
        math.log2(1 + min(han, 255)),
        min(punct / max(han, 1) / _PUNCT_SATURATION, 1.0),
        1.0 if ends else 0.0,
        min(f.stopword_density or 0.0, 0.5),
        f.link_density,
        1.0 if f.list_item else 0.0,
        1.0 if f.heading else 0.0,
        1.0 if f.truncated or f.prefix_of is not None else 0.0,
        1.0 if f.han_ratio < 0.3 else 0.0,
        1.0 if f.lexicon else 0.0,
        1.0 if not ends and han <= _HEADLINE_HAN else 0.0,
        1.0 if punct == 0 and han > _HEADLINE_HAN else 0.0,
    )
