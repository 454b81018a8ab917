"""The native measure and score against the Python ones they replaced (``features_oracle``):
every field of every block's ``Features`` and every score equal, floats to the bit.

On the dev pages' blocks (HTML and text dumps, decoded as the pipeline decodes them; skipped
where ``../shared`` is absent), on every code point for each character class the measures
read, on seeded random pages over all of Unicode (lone surrogates, separators and the
whitespace Python strips included) and on Hypothesis' pages and features.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import astuple, fields
from pathlib import Path

import features_oracle as oracle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.blocks import RawBlock, html_blocks, text_blocks
from cleantext.decode import decode
from cleantext.features import Features, ends_sentence, han_count, is_truncated, measure, punct_count
from cleantext.score import TERM_NAMES, score, score_page, terms, weights

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def _exact(value: object) -> object:
    """A value compared exactly: a float by its bits (``-0.0`` is not ``0.0``), with its type."""
    if isinstance(value, float):
        return ("float", value.hex())
    return (type(value).__name__, value)


def _fields(f: Features) -> tuple[object, ...]:
    return tuple(_exact(v) for v in astuple(f))


def _assert_same(blocks: Sequence[RawBlock], label: str = "") -> None:
    got, want = measure(blocks), oracle.measure(blocks)
    assert len(got) == len(want), label
    for k, (g, w) in enumerate(zip(got, want)):
        assert type(g) is Features, label
        assert _fields(g) == _fields(w), f"{label}: block {k} {blocks[k].text!r}"
    assert [_exact(s) for s in score_page(got)] == [_exact(s) for s in oracle.score_page(want)], label


def _dev_pages(suffix: str) -> list[Path]:
    if not DEV.is_dir():
        pytest.skip("the dev corpus (../shared/corpus/dev) is absent")
    return sorted(p for p in DEV.glob(f"*{suffix}") if not p.name.endswith(".gold.txt"))


@pytest.mark.parametrize("suffix", [".html", ".txt"])
def test_dev_pages(suffix: str) -> None:
    pages = _dev_pages(suffix)
    for path in pages:
        text = decode(path.read_bytes()).text
        blocks = html_blocks(text).blocks if suffix == ".html" else text_blocks(text)
        _assert_same(blocks, path.name)
    assert len(pages) > 50


# -- each character class, on every code point ---------------------------------------------------

_ALL = [chr(c) for c in range(0x110000)]


@pytest.mark.parametrize(
    ("label", "native", "python"),
    [
        ("han", lambda c: han_count(c), lambda c: oracle.han_count(c)),
        ("punctuation", lambda c: punct_count(c), lambda c: oracle.punct_count(c)),
        ("after a half-width mark", lambda c: punct_count("一," + c), lambda c: oracle.punct_count("一," + c)),
        ("before a half-width mark", lambda c: punct_count(c + ",一"), lambda c: oracle.punct_count(c + ",一")),
        ("sentence end", lambda c: ends_sentence(c), lambda c: oracle.ends_sentence(c)),
        ("space after an end", lambda c: ends_sentence("。" + c), lambda c: oracle.ends_sentence("。" + c)),
        ("after an ellipsis", lambda c: is_truncated("…" + c), lambda c: oracle.is_truncated("…" + c)),
        ("after a bracket", lambda c: is_truncated("…)" + c), lambda c: oracle.is_truncated("…)" + c)),
    ],
)
def test_every_code_point(label: str, native, python) -> None:  # type: ignore[no-untyped-def]
    differ = [hex(ord(c)) for c in _ALL if native(c) != python(c)]
    assert not differ, f"{label}: {differ[:20]}"


def test_truncation_marks_in_every_short_ending() -> None:
    """Every ending of up to 5 characters over the marks, spaces, brackets and line breaks, after
    nothing and after marks that the 8-character window cuts."""
    alphabet = ["…", ".", "⋯", "。", " ", "\n", ")", "）", "]", "】", "x", "\u3000"]
    for size in range(6):
        for ending in itertools.product(alphabet, repeat=size):
            for lead in ("", "...", "。。。"):
                text = lead + "".join(ending)
                assert is_truncated(text) == oracle.is_truncated(text), repr(text)


# -- random pages --------------------------------------------------------------------------------

#: Pieces of texts: Han of every counted range and beyond it, traditional characters (the
#: matchable text differs), stopwords, the marks counted and their half-width forms, quotes,
#: ellipses and brackets, every kind of whitespace, separators the Python counts joined blocks
#: with, lone surrogates, boilerplate words.
_PIECES = [
    "重庆", "市", "科技局", "签署", "協議", "來源", "的", "了", "在", "我们", "㐀", "䶿", "鿿", "豈", "𠀀", "가", "ア",
    "，", "。", "！", "？", "；", "：", "、", "“", "”", "‘", "’", "「", "」", "『", "』", "（", "）", "《", "》", "—",
    ",", ":", ";", "!", "?", '"', "…", "...", "⋯", "。。。", ".", ")", "]", "】", "\n",
    " ", "  ", "\t", "\u3000", "\xa0", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u2028", "\u200b", "\ufeff",
    "\x00", "\n\x1f\n", "\x1f", "\ud800", "\udc00", "\ud83d\ude00", "\ufffd",
    "版权所有", "责任编辑：", "返回顶部", "相关阅读", "a", "Copyright", "2021", "\U0010ffff",
]  # fmt: skip
_KINDS = ["paragraph", "heading", "list-item", "line", "table-cell", "quote"]


def _random_text(rnd: random.Random) -> str:
    if rnd.random() < 0.1:  # any code point at all
        return "".join(chr(rnd.randrange(0x110000)) for _ in range(rnd.randrange(12)))
    return "".join(rnd.choice(_PIECES) for _ in range(rnd.randrange(16)))


def _random_page(rnd: random.Random) -> list[RawBlock]:
    texts = [_random_text(rnd) for _ in range(rnd.randrange(24))]
    for _ in range(rnd.randrange(4)):  # repeats and prefixes: duplicates and truncated leads
        if texts:
            t = rnd.choice(texts)
            texts.insert(rnd.randrange(len(texts) + 1), t[: rnd.randrange(len(t) + 1)] + rnd.choice(["", "…", " "]))
    return [RawBlock(t, rnd.choice(_KINDS), 0, len(t), link_chars=rnd.randrange(30)) for t in texts]


@pytest.mark.parametrize("seed", range(4))
def test_random_pages(seed: int) -> None:
    rnd = random.Random(seed)
    for k in range(800):
        _assert_same(_random_page(rnd), f"seed {seed}, page {k}")


def test_many_blocks_sharing_their_first_characters() -> None:
    """Groups of more than 32 texts with the same first 8 characters: each is compared with the
    first 32 of its group only."""
    rnd = random.Random(5)
    stem = "重庆市科技局与上海"
    texts = [stem + "".join(rnd.choice("市科委签署协议。… ") for _ in range(rnd.randrange(8))) for _ in range(120)]
    _assert_same([RawBlock(t, "paragraph", 0, 1) for t in texts])


_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(st.characters(exclude_categories=()), max_size=4)))
_BLOCK = st.builds(
    RawBlock,
    _TEXT.map("".join),
    st.sampled_from(_KINDS),
    st.just(0),
    st.just(0),
    link_chars=st.integers(0, 100),
)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(_BLOCK, max_size=12))
def test_hypothesis_pages(blocks: list[RawBlock]) -> None:
    _assert_same(blocks)


# -- the score -----------------------------------------------------------------------------------

_FEATURES = st.builds(
    Features,
    chars=st.integers(0, 5000),
    han=st.integers(0, 5000),
    han_ratio=st.floats(0, 1) | st.sampled_from([0.3, math.nextafter(0.3, 0)]),
    punct=st.integers(0, 700),
    ends_sentence=st.booleans(),
    link_density=st.floats(0, 1) | st.floats(allow_nan=False),
    list_item=st.booleans(),
    heading=st.booleans(),
    truncated=st.booleans(),
    prefix_of=st.none() | st.integers(0, 100),
    duplicate_of=st.none() | st.integers(0, 100),
    lexicon=st.sampled_from([(), ("icp",), ("share", "nav")]),
    stopword_density=st.none() | st.floats(0, 1) | st.sampled_from([0.0, -0.0, 0.5, math.nextafter(0.5, 1)]),
    position=st.floats(0, 0.999),
)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.lists(_FEATURES, max_size=8))
def test_scores_of_any_features(feats: list[Features]) -> None:
    want = oracle.score_page(feats)
    assert [_exact(s) for s in score_page(feats)] == [_exact(s) for s in want]
    assert [_exact(score(f)) for f in feats] == [_exact(s) for s in want]
    for f in feats:
        assert {k: _exact(v) for k, v in terms(f).items()} == {k: _exact(v) for k, v in oracle.terms(f).items()}


def test_every_han_count_and_punct_density() -> None:
    """``log2`` and the punctuation ratio on every count that does not saturate (and past it)."""
    feats = [
        Features(han, han, 1.0, punct, False, 0.0, False, False, False, None, None, (), None, 0.0)
        for han in range(300)
        for punct in range(0, 45)
    ]
    want = oracle.score_page(feats)
    assert [_exact(s) for s in score_page(feats)] == [_exact(s) for s in want]


def test_terms_and_weights_are_the_data() -> None:
    assert TERM_NAMES == oracle.TERM_NAMES
    assert set(weights()) == {"bias", *TERM_NAMES}


def test_score_reads_any_object_with_the_fields() -> None:
    """Flags are read for truth and a missing stopword density as 0, as Python reads them."""
    f = Features(20, 18, 0.9, 1, 1, 0, 0, (), None, 3, None, ("x",), 0, 0.5)  # type: ignore[arg-type]
    assert _exact(score(f)) == _exact(oracle.score_page([f])[0])


def test_score_rejects_what_is_not_a_count() -> None:
    f = Features(20, -1, 0.9, 1, False, 0.0, False, False, False, None, None, (), 0.1, 0.5)
    with pytest.raises((OverflowError, ValueError)):
        score(f)
    with pytest.raises(AttributeError):
        score_page([object()])  # type: ignore[list-item]


def test_features_are_frozen_dataclasses() -> None:
    (f,) = measure([RawBlock("今天我们在重庆签署了协议。", "paragraph", 0, 13)])
    assert type(f) is Features and [x.name for x in fields(f)][:2] == ["chars", "han"]
    with pytest.raises(AttributeError):
        f.han = 3  # type: ignore[misc]
    assert f == Features(*astuple(f)) and hash(f) == hash(Features(*astuple(f)))
