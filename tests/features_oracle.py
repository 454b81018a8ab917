"""The Python features and score that the native core replaced, kept as the tests' oracle.

``measure`` and the per-text measures of ``cleantext/features.py``, and ``score_page`` and
``terms`` of ``cleantext/score.py``, as they were before they moved to the core
(``rust/src/features/``, ``rust/src/score.rs``): ``tests/test_native_features.py`` compares
the two exactly, floats to the bit. The lexicon codes come from the package's
``page_lexicon_codes`` as they did then (the scan has its own oracle, ``lexicon_oracle``).

One change: ``score_page`` adds the weighted terms with an explicit left-to-right loop, which is
what ``sum`` of floats did through Python 3.11 (3.12's ``sum`` compensates rounding errors); the
core keeps the 3.11 result on every Python.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from importlib import resources

from cleantext.blocks import RawBlock
from cleantext.features import Features, page_lexicon_codes
from cleantext.lexicon import simplified_all, stop_chars

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SENTENCE_PUNCT = re.compile(
    r"[，。！？；：、“”‘’「」『』（）《》…—]|[,:;!?](?<=[\u4e00-\u9fff].)(?=[\u4e00-\u9fff\s\"“])"
)
_SENTENCE_END = tuple("。！？!?…”’」』")
_TRUNCATION_MARK = re.compile(r"(?:…|\.{3,}|⋯|。。。)\s*[)）\]】]?$")
_COUNT_SEPARATOR = "\x00"


def han_count(text: str) -> int:
    return len(text) - len(_HAN_RUN.sub("", text))


def punct_count(text: str) -> int:
    return len(_SENTENCE_PUNCT.findall(text))


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def is_truncated(text: str) -> bool:
    return _TRUNCATION_MARK.search(text[-8:]) is not None


def _squeezed(text: str) -> str:
    return "".join(text.split())


def prefix_links(texts: Sequence[str]) -> list[int | None]:
    return _prefix_links([_squeezed(t) for t in texts])


def _prefix_links(squeezed: Sequence[str]) -> list[int | None]:
    norm = [t.rstrip(".…⋯。") for t in squeezed]
    by_key8: dict[str, list[int]] = {}
    for i, t in enumerate(norm):
        if len(t) >= 8:
            by_key8.setdefault(t[:8], []).append(i)
    out: list[int | None] = [None] * len(norm)
    for group in by_key8.values():
        if len(group) < 2:
            continue
        candidates = group[:32]
        for i in group:
            t = norm[i]
            for j in candidates:
                if j != i and len(norm[j]) > len(t) and norm[j].startswith(t):
                    out[i] = j
                    break
    return out


def duplicate_links(texts: Sequence[str]) -> list[int | None]:
    return _duplicate_links([_squeezed(t) for t in texts])


def _duplicate_links(squeezed: Sequence[str]) -> list[int | None]:
    first: dict[str, int] = {}
    out: list[int | None] = []
    for i, key in enumerate(squeezed):
        if len(key) < 4:
            out.append(None)
            continue
        j = first.setdefault(key, i)
        out.append(j if j != i else None)
    return out


def measure(blocks: Sequence[RawBlock]) -> tuple[Features, ...]:
    n = len(blocks)
    texts = [b.text for b in blocks]
    squeezed = [_squeezed(t) for t in texts]
    prefixes = _prefix_links(squeezed)
    duplicates = _duplicate_links(squeezed)
    hans = _removed_counts(_HAN_RUN, texts)
    puncts = _removed_counts(_SENTENCE_PUNCT, texts)
    matchable = simplified_all(texts)
    lexicons = page_lexicon_codes(matchable, hans)
    stops = _removed_counts(_stop_char_run(), matchable)
    out = []
    for i, b in enumerate(blocks):
        text = texts[i]
        chars = len(squeezed[i])
        han = hans[i]
        out.append(
            Features(
                chars,
                han,
                han / chars if chars else 0.0,
                puncts[i],
                text.rstrip().endswith(_SENTENCE_END),
                b.link_chars / chars if chars else 0.0,
                b.kind == "list-item",
                b.kind == "heading",
                _TRUNCATION_MARK.search(text[-8:]) is not None,
                prefixes[i],
                duplicates[i],
                lexicons[i],
                stops[i] / han if han else 0.0,
                i / n,
            )
        )
    return tuple(out)


def _removed_counts(pattern: re.Pattern[str], texts: Sequence[str]) -> list[int]:
    joined = _COUNT_SEPARATOR.join(texts)
    if joined.count(_COUNT_SEPARATOR) != max(len(texts) - 1, 0):
        return [len(t) - len(pattern.sub("", t)) for t in texts]
    kept = pattern.sub("", joined).split(_COUNT_SEPARATOR)
    return [len(t) - len(k) for t, k in zip(texts, kept)]


@functools.lru_cache(maxsize=1)
def _stop_char_run() -> re.Pattern[str]:
    chars = sorted(stop_chars())
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]+")


# -- score ----------------------------------------------------------------------------------------

_PUNCT_SATURATION = 0.125
_HEADLINE_HAN = 40
TERM_NAMES = (
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
    raw = json.loads(resources.files("cleantext").joinpath("data").joinpath("weights.json").read_text("utf-8"))
    return {k: float(v) for k, v in raw.items() if not k.startswith("_")}


def terms(f: Features) -> dict[str, float]:
    return dict(zip(TERM_NAMES, _values(f)))


def score_page(feats: Sequence[Features]) -> list[float]:
    w = weights()
    bias, weighted = w["bias"], [w[name] for name in TERM_NAMES]
    out = []
    for f in feats:
        total = 0.0  # sum() of floats through Python 3.11: left to right, no compensation
        for weight, value in zip(weighted, _values(f)):
            total += weight * value
        out.append(bias + total)
    return out


def _values(f: Features) -> tuple[float, ...]:
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
