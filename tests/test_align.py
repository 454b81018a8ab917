"""cleantext.align: the pairing of blocks behind ``cleantext explain --diff``: every block once, in
order, equal blocks paired, and work that grows linearly (n log n) with the page, never
quadratically."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Hashable, Sequence

import pytest

from cleantext.align import Work, align


def check(a: Sequence[Hashable], b: Sequence[Hashable], pairs: list[tuple[int | None, int | None]]) -> None:
    """Every index of each side exactly once, in increasing order; paired items are equal."""
    assert [i for i, _ in pairs if i is not None] == list(range(len(a)))
    assert [j for _, j in pairs if j is not None] == list(range(len(b)))
    assert all(a[i] == b[j] for i, j in pairs if i is not None and j is not None)


def matched(pairs: list[tuple[int | None, int | None]]) -> int:
    return sum(1 for i, j in pairs if i is not None and j is not None)


@pytest.mark.parametrize("seed", range(60))
def test_random_sequences(seed: int) -> None:
    """Any two sequences: every index once, in order; with few edits most items pair."""
    rng = random.Random(seed)
    pool = [f"块{k}" for k in range(rng.choice([2, 10, 1000]))]
    a = [rng.choice(pool) for _ in range(rng.randint(0, 300))]
    b: list[str] = []
    untouched = 0
    for item in a:
        roll = rng.random()
        if roll < 0.1:
            continue  # deleted
        if roll < 0.2:
            b.append(rng.choice(pool))  # replaced
            continue
        b.append(item)
        untouched += 1
        if rng.random() < 0.05:
            b.append(f"插入{rng.random()}")
    pairs = align(a, b)
    check(a, b, pairs)
    if len(pool) > 2:
        assert matched(pairs) >= 0.85 * untouched


def test_edits_of_a_long_page_are_found() -> None:
    """A page of unique blocks with some removed, some inserted and one moved: all the rest paired."""
    rng = random.Random(7)
    a = [f"段落{n}" for n in range(5000)]
    b = list(a)
    removed = set(rng.sample(range(5000), 50))
    b = [x for n, x in enumerate(b) if n not in removed]
    for n in range(30):
        b.insert(rng.randrange(len(b)), f"新增{n}")
    moved = b.pop(100)
    b.insert(4000, moved)
    pairs = align(a, b)
    check(a, b, pairs)
    assert matched(pairs) == 5000 - 50 - 1


def test_repeated_blocks_are_paired() -> None:
    """Blocks that repeat (menus, "字" lines) still pair, around an insertion."""
    a = ["首页", "新闻", "字"] * 3000
    b = [*a[:4000], "插入的一段", *a[4000:]]
    pairs = align(a, b)
    check(a, b, pairs)
    assert matched(pairs) == len(a)


def families(n: int) -> dict[str, tuple[list[str], list[str]]]:
    rng = random.Random(n)
    unique = [f"块{k}" for k in range(n)]
    shuffled = list(unique)
    rng.shuffle(shuffled)
    few = [rng.choice("甲乙丙丁") for _ in range(n)]
    return {
        "reversed": (unique, unique[::-1]),
        "shuffled": (unique, shuffled),
        "every other": (unique, unique[::2]),
        "interleaved": (unique, [x for k in range(n) for x in (unique[k], f"新{k}")]),
        "few distinct": (few, few[n // 3 :] + few[: n // 3]),
        "one repeated": (["字"] * n + ["尾"], ["尾"] + ["字"] * n),
        "nested": ([f"{k % 50}" for k in range(n)], [f"{(k * 7) % 50}" for k in range(n)]),
    }


def steps(a: list[str], b: list[str]) -> tuple[int, bool]:
    work = Work(200 * (len(a) + len(b)) + 4096)
    check(a, b, align(a, b, work))
    return work.steps, work.exhausted


@pytest.mark.parametrize("family", list(families(10)))
def test_work_grows_linearly(family: str) -> None:
    """The steps per item stay under a constant from 2,500 to 20,000 items (difflib's grew with
    the page), without leaning on the budget."""
    for n in (2500, 20000):
        a, b = families(n)[family]
        spent, exhausted = steps(a, b)
        assert spent <= 40 * (len(a) + len(b)), (n, spent)
        assert not exhausted


def test_ten_thousand_blocks_quickly() -> None:
    """10,000 blocks of each family align in well under the 5 s of the issue (a generous bound:
    each takes a few hundredths of a second; difflib took minutes)."""
    total = 0.0
    for a, b in families(10000).values():
        start = time.process_time()
        check(a, b, align(a, b))
        total += time.process_time() - start
    assert total < 5.0


def test_arguments_any_hashable() -> None:
    call: Callable[..., object] = align
    assert call([], []) == []
    assert call([1, 2], []) == [(0, None), (1, None)]
    assert call([], ("x",)) == [(None, 0)]
