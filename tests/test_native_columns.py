"""The features the core holds (``cleantext._core.Columns``, ``rust/src/python/columns.rs``):
what Python reads of them, how they pickle, and what they refuse."""

from __future__ import annotations

import dataclasses
import math
import pickle
from pathlib import Path

import pytest

from cleantext.blocks import RawBlock, text_blocks
from cleantext.features import Features, as_columns, from_columns, measure, measure_columns, to_columns, unpack_columns

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
PAGE = "标题\n\n今天，我们在重庆签署了合作协议，双方将深度合作。\n返回顶部\n返回顶部\n版权所有 © 2024 某某网\n"


def test_columns_read_as_fourteen_lists() -> None:
    blocks = text_blocks(PAGE)
    columns = measure_columns(blocks)
    assert columns.rows == len(blocks) and len(columns) == 14
    lists = list(columns)
    assert [len(c) for c in lists] == [len(blocks)] * 14
    assert columns[-1] == lists[13] and columns[1:3] == lists[1:3] and columns[::-5] == lists[::-5]
    assert from_columns(columns) == list(measure(blocks))
    with pytest.raises(IndexError):
        columns[14]


def test_han_totals_are_the_sums_of_the_columns() -> None:
    pages = [PAGE, *(p.read_text("utf-8") for p in sorted(DEV.glob("*[0-9].txt"))[:20])]
    for page in pages:
        columns = measure_columns(text_blocks(page))
        chars, hans = columns[0], columns[1]
        kept = [h % 3 == 0 for h in hans]
        assert columns.han_totals() == (sum(chars), sum(hans), 0)
        assert columns.han_totals(kept) == (sum(chars), sum(hans), sum(h for h, k in zip(hans, kept) if k))
    columns = measure_columns(text_blocks(PAGE))
    hans = columns[1]
    assert hans[1] > 0
    # flags read as compress reads them: by truth, the shorter of the two
    assert columns.han_totals([0, 1]) == (sum(columns[0]), sum(hans), hans[1])
    assert columns.han_totals([True] * (len(hans) + 5))[2] == sum(hans)
    with pytest.raises(TypeError):
        columns.han_totals(3)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_columns_pickle_on_every_protocol(protocol: int) -> None:
    columns = measure_columns(text_blocks(PAGE))
    again = pickle.loads(pickle.dumps(columns, protocol=protocol))
    assert again == columns and list(again) == list(columns)


def test_dev_pages_round_trip_through_the_packed_form() -> None:
    pages = sorted(DEV.glob("*[0-9].txt"))[:40]
    if not pages:
        pytest.skip("no dev corpus beside the repository")
    for path in pages:
        columns = measure_columns(text_blocks(path.read_text("utf-8", "replace")))
        again = unpack_columns(*columns.pack())
        assert list(again) == list(columns), path.name


def test_odd_values_come_back_bit_for_bit() -> None:
    f = measure([RawBlock("今天下雨了。", "line", 0, 6)])[0]
    odd = [
        dataclasses.replace(f, han_ratio=-0.0, stopword_density=None, position=math.inf),
        dataclasses.replace(f, link_density=0.1, prefix_of=0, duplicate_of=(1 << 64) - 2, lexicon=("icp", "nav")),
        dataclasses.replace(f, chars=(1 << 64) - 1, stopword_density=-0.0, lexicon=("nav",)),
    ]
    again = from_columns(unpack_columns(*to_columns(odd).pack()))
    assert repr(again) == repr(odd)
    assert math.copysign(1, again[0].han_ratio) == -1 and math.copysign(1, again[2].stopword_density) == -1  # type: ignore[arg-type]


def test_set_stopword_density() -> None:
    columns = measure_columns(text_blocks(PAGE))
    columns.set_stopword_density([0, 2], [0.25, 0.5])
    assert columns[12][0] == 0.25 and columns[12][2] == 0.5
    with pytest.raises(IndexError, match="row 99"):
        columns.set_stopword_density([99], [0.1])
    with pytest.raises(ValueError, match="1 rows, 2 values"):
        columns.set_stopword_density([0], [0.1, 0.2])


def test_bad_columns_raise_naming_the_field() -> None:
    good = list(to_columns(measure(text_blocks(PAGE))))
    with pytest.raises(ValueError, match="13 feature columns, 14 expected"):
        as_columns(good[:13])
    with pytest.raises(TypeError, match=r"column 4 \(ends_sentence\)"):
        as_columns([*good[:4], [1] * len(good[4]), *good[5:]])
    with pytest.raises(ValueError, match=r"column 2 \(han_ratio\) has 1 rows"):
        as_columns([*good[:2], good[2][:1], *good[3:]])
    with pytest.raises(TypeError, match="lexicon"):
        as_columns([*good[:11], [("nav", 3)] * len(good[11]), *good[12:]])


def test_packed_bytes_that_are_not_refuse_to_unpack() -> None:
    data, codes = measure_columns(text_blocks(PAGE)).pack()
    for bad in (data[:-1], data + b"\0", b"", b"\xff" * 9):
        with pytest.raises(ValueError, match="not packed feature columns"):
            unpack_columns(bad, codes)
    with pytest.raises(ValueError, match="the first must be empty"):
        unpack_columns(data, (("nav",),))
    assert isinstance(as_columns(measure_columns([])), type(measure_columns([])))
    assert list(unpack_columns(*measure_columns([]).pack())) == [[]] * 14


def test_features_type_is_what_the_core_gives() -> None:
    f = from_columns(measure_columns(text_blocks(PAGE)))[1]
    assert isinstance(f, Features)
    assert [type(getattr(f, n.name)).__name__ for n in dataclasses.fields(Features)] == [
        "int", "int", "float", "int", "bool", "float", "bool", "bool", "bool", "NoneType", "NoneType", "tuple",
        "float", "float",
    ]  # fmt: skip


def test_close_calls_are_the_python_definition() -> None:
    """``features.close_calls`` (the core's) against the rule it implements, on dev dumps with
    their scores shifted around the threshold, and on random scores."""
    import random

    from cleantext.features import _needs_segmenting, close_calls
    from cleantext.score import score_columns

    def python(columns: object, scores: list[float], good: float, margin: float) -> list[int]:
        han, density, lexicon = columns[1], columns[5], columns[11]  # type: ignore[index]
        return [
            i
            for i, (s, h, d, codes) in enumerate(zip(scores, han, density, lexicon))
            if abs(s - good) < margin and _needs_segmenting(h, d, codes)
        ]

    pages = sorted(DEV.glob("*[0-9].txt"))[:30] or [None]
    rng = random.Random(3)
    for path in pages:
        columns = measure_columns(text_blocks(PAGE if path is None else path.read_text("utf-8", "replace")))
        scores = score_columns(columns)
        for good, margin in ((0.0, 1.0), (0.5, 0.25), (-1.0, 3.0)):
            assert close_calls(columns, scores, good, margin) == python(columns, scores, good, margin)
        odd = [rng.choice([math.nan, math.inf, -0.0, rng.uniform(-3, 3)]) for _ in scores]
        assert close_calls(columns, odd, 0.0, 1.0) == python(columns, odd, 0.0, 1.0)
    with pytest.raises(ValueError, match="1 scores for"):
        close_calls(measure_columns(text_blocks(PAGE)), [0.0], 0.0, 1.0)
