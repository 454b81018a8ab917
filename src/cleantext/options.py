"""Every knob of cleantext, documented once, in one frozen dataclass.

>>> Options().max_bytes
67108864
>>> Options(format="text").format
'text'
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from .select import Thresholds

FORMATS = ("auto", "html", "text")


@dataclass(frozen=True)
class Options:
    """How a :class:`~cleantext.Cleaner` reads and judges a page.

    Attributes:
        format: ``"auto"`` (sniff the page), ``"html"`` or ``"text"`` (a plain-text dump).
        max_bytes: larger pages raise :class:`~cleantext.InputTooLarge` (``str`` pages are
            measured in UTF-8 bytes).
        strict: raise :class:`~cleantext.DecodeError` instead of decoding with replacement
            characters.
        use_jieba: measure stopword density with jieba on the blocks where the decision is
            close; ``False`` uses a character-level estimate and never loads jieba.
        min_body_han: a page whose kept body has fewer Han characters than this is treated
            as having no article (``text == ""``).
        keep_title_in_text: start ``text`` with the title line.
        chardet_prefix: how many bytes chardet reads when nothing else names the encoding.
        thresholds: the numbers the selection stage judges by (:class:`cleantext.select.Thresholds`);
            the defaults are tuned on the dev corpus.
    """

    format: str = "auto"
    max_bytes: int = 64 * 1024 * 1024
    strict: bool = False
    use_jieba: bool = True
    min_body_han: int = 0
    keep_title_in_text: bool = False
    chardet_prefix: int = 64 * 1024
    thresholds: Thresholds = field(default_factory=Thresholds)

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {self.format!r}")
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive int, not {self.max_bytes!r}")
        if self.chardet_prefix <= 0:
            raise ValueError("chardet_prefix must be positive")

    def updated(self, **changes: Any) -> Options:
        """A copy with some fields changed; unknown names raise ``TypeError``.

        >>> Options().updated(strict=True).strict
        True
        """
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise TypeError(f"unknown option(s) {sorted(unknown)}; known options: {sorted(known)}")
        return replace(self, **changes) if changes else self
