"""Two sequences paired in order, in about n log n time: the blocks of two extractions for
``cleantext explain --diff``.

The equal head and tail are paired first. In the stretch between, the items that occur exactly once
on each side, next to an equal neighbour, anchor the alignment (the patience method): the longest
run of them in the same order on both sides (n log n), and the stretches between anchors are
aligned the same way. A stretch with
no such anchor is aligned exactly (difflib) when it is small, else by difflib in windows of
``WINDOW`` items of each side. The total work has a budget linear in the input; past it, the items
left stand alone (unpaired), so a pathological pair of pages still takes linear time.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Hashable, Sequence

#: A stretch of ``len(a) * len(b)`` at most this is aligned exactly by difflib.
SMALL = 4096
#: A stretch without anchors is aligned by difflib this many items of each side at a time.
WINDOW = 32
#: Work budget: this many steps per item (plus ``SMALL``); past it, the items left stand alone.
STEPS_PER_ITEM = 200

Pair = tuple["int | None", "int | None"]


class Work:
    """Steps spent aligning (items visited, difflib cells), for tests and budgets."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.steps = 0

    @property
    def exhausted(self) -> bool:
        return self.steps > self.budget


def align(a: Sequence[Hashable], b: Sequence[Hashable], work: Work | None = None) -> list[Pair]:
    """Indices of ``a`` and ``b`` paired in order: ``(i, j)`` for equal items, ``(i, None)`` and
    ``(None, j)`` for items of one side only. Every index of each side appears exactly once.

    ``work`` (optional) counts the steps spent; its budget bounds them.

    >>> align(["标题", "导航", "正文", "页脚"], ["标题", "正文", "广告", "页脚"])
    [(0, 0), (1, None), (2, 1), (None, 2), (3, 3)]
    >>> align(["甲", "乙"], ["乙", "甲"])
    [(None, 0), (0, 1), (1, None)]
    """
    if work is None:
        work = Work(STEPS_PER_ITEM * (len(a) + len(b)) + SMALL)
    out: list[Pair] = []
    # A stack of tasks, processed in order: ("range", a0, a1, b0, b1) or ("pairs", i, j, n).
    tasks: list[tuple[str, int, int, int, int]] = [("range", 0, len(a), 0, len(b))]
    while tasks:
        task, a0, a1, b0, b1 = tasks.pop()
        if task == "pairs":
            out.extend((a0 + k, a1 + k) for k in range(b1))
            continue
        while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
            out.append((a0, b0))
            a0 += 1
            b0 += 1
        tail = 0
        while a0 < a1 - tail and b0 < b1 - tail and a[a1 - 1 - tail] == b[b1 - 1 - tail]:
            tail += 1
        work.steps += 1  # the trimming is paid by the pairs it makes
        if tail:
            a1 -= tail
            b1 -= tail
            tasks.append(("pairs", a1, b1, 0, tail))
        if a0 == a1 or b0 == b1:
            out.extend((i, None) for i in range(a0, a1))
            out.extend((None, j) for j in range(b0, b1))
            continue
        size = (a1 - a0) * (b1 - b0)
        if size <= SMALL:
            work.steps += size
            _exact(a, b, a0, a1, b0, b1, out)
            continue
        if work.exhausted:
            _banded(a, b, a0, a1, b0, b1, out, work)
            continue
        anchors = _anchors(a, b, a0, a1, b0, b1, work)
        if not anchors:
            _banded(a, b, a0, a1, b0, b1, out, work)
            continue
        # the stretches between anchors, in order: pushed last-first
        bounds = [(a0 - 1, b0 - 1), *anchors, (a1, b1)]
        for k in range(len(bounds) - 1, 0, -1):
            (pi, pj), (i, j) = bounds[k - 1], bounds[k]
            if k < len(bounds) - 1:
                tasks.append(("pairs", i, j, 0, 1))
            tasks.append(("range", pi + 1, i, pj + 1, j))
    return out


def _exact(a: Sequence[Hashable], b: Sequence[Hashable], a0: int, a1: int, b0: int, b1: int, out: list[Pair]) -> None:
    """A small stretch aligned by difflib (a longest matching block first)."""
    matcher = difflib.SequenceMatcher(None, a[a0:a1], b[b0:b1], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend((a0 + i, b0 + j) for i, j in zip(range(i1, i2), range(j1, j2)))
        else:
            out.extend((a0 + i, None) for i in range(i1, i2))
            out.extend((None, b0 + j) for j in range(j1, j2))


def _anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], a0: int, a1: int, b0: int, b1: int, work: Work
) -> list[tuple[int, int]]:
    """The items unique on both sides of the stretch, longest run in the same order (patience)."""
    work.steps += (a1 - a0) + (b1 - b0)
    seen: dict[Hashable, list[int]] = {}  # item -> [count in a, index in a, count in b, index in b]
    for i in range(a0, a1):
        entry = seen.get(a[i])
        if entry is None:
            seen[a[i]] = [1, i, 0, -1]
        else:
            entry[0] += 1
    for j in range(b0, b1):
        entry = seen.get(b[j])
        if entry is not None:
            entry[2] += 1
            entry[3] = j
    # an anchor is unique on both sides and has an equal neighbour (a lone coincidence is not one)
    pairs = sorted(
        (i, j)
        for count_a, i, count_b, j in seen.values()
        if count_a == 1
        and count_b == 1
        and ((i > a0 and j > b0 and a[i - 1] == b[j - 1]) or (i + 1 < a1 and j + 1 < b1 and a[i + 1] == b[j + 1]))
    )
    if not pairs:
        return []
    # longest increasing run of b-indices (patience sorting with back links)
    tops: list[int] = []  # b-index at the top of each pile
    top_at: list[int] = []  # which pair is on top of each pile
    back: list[int] = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        pile = bisect_left(tops, j)
        if pile == len(tops):
            tops.append(j)
            top_at.append(n)
        else:
            tops[pile] = j
            top_at[pile] = n
        back[n] = top_at[pile - 1] if pile else -1
    work.steps += len(pairs)
    run: list[tuple[int, int]] = []
    n = top_at[-1]
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    run.reverse()
    return run


def _banded(
    a: Sequence[Hashable], b: Sequence[Hashable], a0: int, a1: int, b0: int, b1: int, out: list[Pair], work: Work
) -> None:
    """A stretch without anchors aligned window by window: difflib on the next ``WINDOW`` items of
    each side, committed up to its last match (or, with none, half a window of each side alone).
    Once the work budget is spent, the rest of each side stands alone."""
    i, j = a0, b0
    while i < a1 and j < b1 and not work.exhausted:
        i2, j2 = min(i + WINDOW, a1), min(j + WINDOW, b1)
        work.steps += (i2 - i) * (j2 - j)
        matcher = difflib.SequenceMatcher(None, a[i:i2], b[j:j2], autojunk=False)
        blocks = [m for m in matcher.get_matching_blocks() if m.size]
        if not blocks:
            half = WINDOW // 2
            out.extend((x, None) for x in range(i, min(i + half, a1)))
            out.extend((None, y) for y in range(j, min(j + half, b1)))
            i, j = min(i + half, a1), min(j + half, b1)
            continue
        base_i, base_j = i, j
        for m in blocks:
            out.extend((x, None) for x in range(i, base_i + m.a))
            out.extend((None, y) for y in range(j, base_j + m.b))
            out.extend((base_i + m.a + k, base_j + m.b + k) for k in range(m.size))
            i, j = base_i + m.a + m.size, base_j + m.b + m.size
    out.extend((x, None) for x in range(i, a1))
    out.extend((None, y) for y in range(j, b1))
