"""``metadata.is_dateline`` as it was before its tests were reordered and short-cut (session 16):
the oracle ``test_dateline`` checks ``is_dateline`` and ``is_dateline_sifted`` against. It reads
the module's patterns and helpers, which are unchanged. Not shipped."""

from __future__ import annotations

from cleantext.lexicon import simplified
from cleantext.metadata import (
    _ADDRESS,
    _AUTHOR,
    _CLAUSE_BREAK,
    _DATE,
    _DATELINE_HINT,
    _DATELINE_NAME,
    _DATELINE_NEEDS,
    _DATELINE_REST,
    _DATELINE_REST_SHARE,
    _MONTH_DAY_TIME,
    _PUBLISHED_LABEL,
    _SENTENCE,
    _date_at_edge,
    _relative_time,
    _source,
    _without_digits,
    other_han,
)


def is_dateline(text: str, han: int) -> bool:
    """The old ``metadata.is_dateline``, test for test."""
    if han > 40 or len(text) > 120 or _DATELINE_HINT.search(text) is None:
        return False
    text = simplified(_ADDRESS.sub(_without_digits, text))  # an address's digits are no date
    if _DATELINE_NEEDS.search(text) is None:  # none of the tests below can pass: one search, not six
        return False
    if _SENTENCE.search(text):
        return False
    if han <= 20 and _relative_time(text):
        return True
    if _PUBLISHED_LABEL.search(text) and _MONTH_DAY_TIME.search(text):  # 发布时间：09-30 22:46 (no year)
        return True
    if _DATE.search(text) is None:
        return (_source(text) is not None or _AUTHOR.search(text) is not None) and han <= 30
    rest = other_han(text)  # a byline's name, a headline's or a sentence's words
    if rest <= _DATELINE_REST or rest <= _DATELINE_REST_SHARE * han:
        return True
    if rest <= _DATELINE_NAME and _CLAUSE_BREAK.search(text) is None:  # a name and a time
        return True
    return _date_at_edge(text)  # a headline with its date (a teaser), or a byline with a date
