"""How plausible a decoding is as Chinese text: the judge of encoding detection.

A wrong decoding of Chinese bytes rarely fails outright: GBK bytes read as Big5 (or Big5 read as
GBK) decode into real but random characters, and a single-byte code page (cp1252, koi8-u)
decodes anything. What separates the right decoding is what its characters are: in Chinese text
about nine in ten Han characters are among the ~2,000 most frequent (``data/frequent_han.txt``,
simplified and traditional forms), where a wrong decoding gives rare characters, kana, Greek or
Latin-1 letters and replacement characters. Only non-ASCII characters are counted: the ASCII
markup reads the same in every candidate.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import NamedTuple

from ._core import CharSet, Utf8Text

#: A decoding is plausible Chinese when this share of its Han characters is frequent ...
FREQUENT_SHARE = 0.7
#: ... and this share of its non-ASCII characters are frequent Han characters ...
FREQUENT_PER_CHAR = 0.3
#: ... with at least this many frequent characters (less is too little evidence) ...
MIN_FREQUENT = 4
#: ... and at most one replacement character per this many non-ASCII characters (a damaged page is still read).
CHARS_PER_ERROR = 20
#: A replacement character counts as this many missing frequent characters in :attr:`Plausibility.score`.
ERROR_WEIGHT = 3


def frequent_chars() -> str:
    """The frequent Han characters (``data/frequent_han.txt``), each once, in code point order."""
    text = resources.files("cleantext").joinpath("data").joinpath("frequent_han.txt").read_text("utf-8")
    chars = "".join(line.strip() for line in text.splitlines() if not line.startswith("#"))
    return "".join(sorted(set(chars)))


@functools.lru_cache(maxsize=1)
def _frequent() -> CharSet:
    """The frequent characters as the core counts them, made once per process."""
    return CharSet(frequent_chars())


class Plausibility(NamedTuple):
    """What a decoded text holds, beyond ASCII.

    Attributes:
        chars: non-ASCII characters, replacement characters included.
        errors: replacement characters (U+FFFD).
        han: Han characters.
        frequent: Han characters among the most frequent ones.
    """

    chars: int
    errors: int
    han: int
    frequent: int

    @property
    def score(self) -> int:
        """Frequent characters less a penalty per replacement: the higher, the likelier the decoding."""
        return self.frequent - ERROR_WEIGHT * self.errors

    @property
    def chinese(self) -> bool:
        """Whether the text reads as Chinese (see the module constants)."""
        return (
            self.frequent_han
            and self.frequent >= FREQUENT_PER_CHAR * self.chars
            and (self.errors * CHARS_PER_ERROR <= self.chars)
        )

    @property
    def frequent_han(self) -> bool:
        """Whether its Han characters are Chinese ones (mostly frequent), whatever else it holds:
        a damaged page read in its charset still passes, a wrong reading does not."""
        return self.frequent >= MIN_FREQUENT and self.frequent >= FREQUENT_SHARE * self.han


def plausibility(text: str | Utf8Text) -> Plausibility:
    """Count what :class:`Plausibility` holds in ``text`` (a ``str``, or a text the core holds
    as UTF-8, read as it is).

    >>> raw = "今天我们在北京召开了新闻发布会，介绍了今年的经济发展情况。".encode("gbk")
    >>> right, wrong, latin = (plausibility(raw.decode(c, "replace")) for c in ("gb18030", "big5hkscs", "cp1252"))
    >>> right.chinese, wrong.chinese, latin.chinese
    (True, False, False)
    >>> right.score > wrong.score > latin.score
    True
    >>> plausibility("這是我們今天的新聞報導，說明了過去一年的發展。").chinese
    True
    """
    return Plausibility(*_frequent().counts(text))
