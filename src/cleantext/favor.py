"""``favor``: one knob between precision and recall, applied to what selection decided.

``"balanced"`` keeps selection's outcome. ``"precision"`` keeps only the kept blocks that
read as prose on their own (:func:`stands_alone`: a score of at least :data:`PRECISION_FLOOR`,
no link text, and a sentence end or :data:`ALONE_HAN` Han characters): the short lines kept for
their place in the article (subheadings, captions, bylines) go, and menus and link lines that
slipped in with them. ``"recall"`` also keeps the prose selection left outside the article's region
(blocks dropped only as ``outside-region``, ``short`` or ``link-dense`` that score at least
:data:`RECALL_FLOOR`). On the dev corpus (``benchmarks/RESULTS.md``) each moves its measure
by 0.01 or more and costs F1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .features import Features
from .reasons import Reason
from .select import Selection

#: ``favor="precision"``: the score a kept block needs on its own.
PRECISION_FLOOR = 1.0
#: ``favor="precision"``: Han characters that make a block without a sentence end prose on its own.
ALONE_HAN = 30
#: ``favor="recall"``: the score a block dropped only for where it lies needs to be kept.
RECALL_FLOOR = 0.0
#: The reasons a block ``favor="recall"`` may keep was dropped for (all of its reasons).
RECALL_REASONS = frozenset((Reason.OUTSIDE_REGION.value, Reason.SHORT.value, Reason.LINK_DENSE.value))


def stands_alone(score: float, f: Features) -> bool:
    """Whether a block reads as prose on its own (what ``favor="precision"`` keeps).

    >>> from cleantext.blocks import RawBlock
    >>> from cleantext.features import measure
    >>> [stands_alone(2.0, f) for f in measure([RawBlock("今天，沪渝两地签署了合作协议。", "paragraph", 0, 15),
    ...                                          RawBlock("一、合作内容", "heading", 16, 22)])]
    [True, False]
    """
    return score >= PRECISION_FLOOR and f.link_density == 0 and (f.ends_sentence or f.han >= ALONE_HAN)


def favored(
    selection: Selection, scores: Sequence[float], favor: str, feats: Sequence[Features] | None = None
) -> Selection:
    """``selection`` moved towards precision or recall (see the module docstring); a page
    whose every block ``"precision"`` would drop keeps selection's outcome. Without ``feats``,
    ``"precision"`` judges by the score alone.

    >>> s = Selection((True, True, False), (("main-region",), ("continues-region",), ("outside-region",)), None, (0, 1))
    >>> favored(s, [3.0, -1.0, 0.5], "precision").kept, favored(s, [3.0, -1.0, 0.5], "recall").kept
    ((True, False, False), (True, True, True))
    >>> favored(s, [3.0, -1.0, 0.5], "recall").reasons[2]
    ('favor-recall',)
    """
    if favor == "precision":
        alone = (
            [s >= PRECISION_FLOOR for s in scores]
            if feats is None
            else [stands_alone(s, f) for s, f in zip(scores, feats)]
        )
        kept = tuple(k and a for k, a in zip(selection.kept, alone))
        if not any(kept):
            return selection
        reasons = tuple(
            (Reason.FAVOR_PRECISION.value,) if was and not now else r
            for was, now, r in zip(selection.kept, kept, selection.reasons)
        )
        return replace(selection, kept=kept, reasons=reasons)
    if favor == "recall":
        if not any(selection.kept):
            return selection
        kept = tuple(
            k or (s >= RECALL_FLOOR and bool(r) and RECALL_REASONS.issuperset(r))
            for k, s, r in zip(selection.kept, scores, selection.reasons)
        )
        reasons = tuple(
            (Reason.FAVOR_RECALL.value,) if now and not was else r
            for was, now, r in zip(selection.kept, kept, selection.reasons)
        )
        return replace(selection, kept=kept, reasons=reasons)
    return selection
