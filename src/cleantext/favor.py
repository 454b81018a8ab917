"""``favor``: one knob between precision and recall, applied to what selection decided.

``"balanced"`` keeps selection's outcome. ``"precision"`` keeps only the kept blocks that
read as prose on their own (score at least :data:`PRECISION_FLOOR`): the short lines kept
for their place in the article (subheadings, captions, bylines) go, and menus that slipped
in with them. ``"recall"`` also keeps the prose selection left outside the article's region
(blocks dropped only as ``outside-region``, ``short`` or ``link-dense`` that score at least
:data:`RECALL_FLOOR`). On the dev corpus (``benchmarks/RESULTS.md``) each moves its measure
by about 0.01 and costs F1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .reasons import Reason
from .select import Selection

#: ``favor="precision"``: the score a kept block needs on its own.
PRECISION_FLOOR = 1.0
#: ``favor="recall"``: the score a block dropped only for where it lies needs to be kept.
RECALL_FLOOR = 0.0
#: The reasons a block ``favor="recall"`` may keep was dropped for (all of its reasons).
RECALL_REASONS = frozenset((Reason.OUTSIDE_REGION.value, Reason.SHORT.value, Reason.LINK_DENSE.value))


def favored(selection: Selection, scores: Sequence[float], favor: str) -> Selection:
    """``selection`` moved towards precision or recall (see the module docstring); a page
    whose every block ``"precision"`` would drop keeps selection's outcome.

    >>> s = Selection((True, True, False), (("main-region",), ("continues-region",), ("outside-region",)), None, (0, 1))
    >>> favored(s, [3.0, -1.0, 0.5], "precision").kept, favored(s, [3.0, -1.0, 0.5], "recall").kept
    ((True, False, False), (True, True, True))
    >>> favored(s, [3.0, -1.0, 0.5], "recall").reasons[2]
    ('favor-recall',)
    """
    if favor == "precision":
        kept = tuple(k and s >= PRECISION_FLOOR for k, s in zip(selection.kept, scores))
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
