"""Stage 4: article-ness of each block on its own (before context).

A linear score with weights read from ``data/weights.json``: positive means the
block reads like article prose, negative like boilerplate. Each term is listed
by :func:`terms`, so a score can always be explained.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import Any

from .features import Features

#: Punctuation per Han character at which prose saturates (about one mark per 8 characters).
_PUNCT_SATURATION = 0.125
#: Blocks this short that do not end a sentence read as headlines, labels or menu items.
_HEADLINE_HAN = 40


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
    return {
        "log_han": math.log2(1 + min(f.han, 255)),
        "punct_density": min(f.punct / max(f.han, 1) / _PUNCT_SATURATION, 1.0),
        "ends_sentence": 1.0 if f.ends_sentence else 0.0,
        "stopword_density": min(f.stopword_density or 0.0, 0.5),
        "link_density": f.link_density,
        "list_item": 1.0 if f.list_item else 0.0,
        "heading": 1.0 if f.heading else 0.0,
        "truncated": 1.0 if f.truncated or f.prefix_of is not None else 0.0,
        "low_han_ratio": 1.0 if f.han_ratio < 0.3 else 0.0,
        "lexicon": 1.0 if f.lexicon else 0.0,
        "headline": 1.0 if not f.ends_sentence and f.han <= _HEADLINE_HAN else 0.0,
        "unpunctuated": 1.0 if f.punct == 0 and f.han > _HEADLINE_HAN else 0.0,
    }


def score(f: Features) -> float:
    """Article-ness of a block: ``bias + Σ weight × term``.

    >>> from cleantext.features import Features
    >>> prose = Features(60, 56, 0.93, 6, True, 0.0, False, False, False, None, None, (), 0.25, 0.4)
    >>> menu = Features(8, 8, 1.0, 0, False, 1.0, True, False, False, None, None, (), 0.0, 0.0)
    >>> score(prose) > 0 > score(menu)
    True
    """
    w = weights()
    return w["bias"] + sum(w[name] * value for name, value in terms(f).items())
