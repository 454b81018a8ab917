"""Every knob of cleantext, documented once, in one frozen dataclass.

>>> Options().max_bytes
67108864
>>> Options(input_format="text").input_format
'text'
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, fields, replace
from typing import Any

from .select import Thresholds

FORMATS = ("auto", "html", "text")
OUTPUT_FORMATS = ("text", "markdown", "html")
FAVORS = ("balanced", "precision", "recall")


@dataclass(frozen=True)
class Options:
    """How a :class:`~cleantext.Cleaner` reads and judges a page.

    Attributes:
        format: deprecated alias of ``input_format`` (warns with ``DeprecationWarning``; read
            as ``None`` once moved there).
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
        input_format: what the page is: ``"auto"`` (sniff it), ``"html"`` or ``"text"`` (a
            plain-text dump such as ``w3m -dump`` or a WET record).
        output_format: what ``Cleaner.clean``/``cleantext.clean`` return: ``"text"``
            (``Document.text``), ``"markdown"`` (``Document.markdown``) or ``"html"``
            (``Document.html``). ``extract`` always returns the whole ``Document``.
        include_links: links as ``[text](url)`` / ``<a href>`` in the Markdown and HTML
            views, resolved against the page's ``url=`` (web schemes only).
        include_images: images (``![alt](src)`` / ``<img>``) in those views where the article
            has them; figure captions are article text either way.
        include_comments: fill ``Document.comments`` with the comments under a news or blog
            article (they never go into ``text``).
        favor: ``"balanced"`` (selection as tuned), ``"precision"`` (rather lose a line than
            keep a menu: only blocks that read as prose on their own) or ``"recall"`` (the
            reverse: prose outside the article's region too); see :mod:`cleantext.favor`.
    """

    format: str | None = None
    max_bytes: int = 64 * 1024 * 1024
    strict: bool = False
    use_jieba: bool = True
    min_body_han: int = 0
    keep_title_in_text: bool = False
    chardet_prefix: int = 64 * 1024
    thresholds: Thresholds = field(default_factory=Thresholds)
    input_format: str = "auto"
    output_format: str = "text"
    include_links: bool = False
    include_images: bool = False
    include_comments: bool = False
    favor: str = "balanced"

    def __post_init__(self) -> None:
        if self.format is not None:
            if self.format not in FORMATS:
                raise ValueError(f"format must be one of {FORMATS}, not {self.format!r}")
            warn_format()
            if self.input_format == "auto":
                object.__setattr__(self, "input_format", self.format)
            object.__setattr__(self, "format", None)
        if self.input_format not in FORMATS:
            raise ValueError(f"input_format must be one of {FORMATS}, not {self.input_format!r}")
        if self.output_format not in OUTPUT_FORMATS:
            raise ValueError(f"output_format must be one of {OUTPUT_FORMATS}, not {self.output_format!r}")
        if self.favor not in FAVORS:
            raise ValueError(f"favor must be one of {FAVORS}, not {self.favor!r}")
        for name in ("include_links", "include_images", "include_comments"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be a bool, not {type(getattr(self, name)).__name__}")
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


def warn_format() -> None:
    """The one warning for the deprecated ``format=`` (pointing at the caller's line)."""
    import inspect

    frame, depth = inspect.currentframe(), 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith(("cleantext.", "dataclasses")):
        frame, depth = frame.f_back, depth + 1
    warnings.warn(
        "format= is deprecated: use input_format= (what the page is; output_format= chooses what clean() returns)",
        DeprecationWarning,
        stacklevel=depth,
    )
