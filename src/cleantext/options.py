"""Every knob of cleantext, documented once, in one frozen dataclass.

>>> Options().max_bytes
67108864
>>> Options(input_format="text").input_format
'text'
"""

from __future__ import annotations

import warnings
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any

from .checks import at_least, like
from .select import Thresholds

FORMATS = ("auto", "html", "text")
OUTPUT_FORMATS = ("text", "markdown", "html")
FAVORS = ("balanced", "precision", "recall")
#: The values a str option may take (every option must have the type of its default).
CHOICES: dict[str, tuple[str, ...]] = {"input_format": FORMATS, "output_format": OUTPUT_FORMATS, "favor": FAVORS}
#: The least value an int option may take.
LEAST: dict[str, int] = {"max_bytes": 1, "chardet_prefix": 1, "min_body_han": 0}


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
            close; ``False`` uses a character-level estimate and never loads jieba's dictionary.
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

    Every field is checked at construction: a value of another type than the default's
    raises ``TypeError`` (``True`` is not an int, ``1.5`` is not one either), a value out of
    :data:`CHOICES` or under :data:`LEAST` raises ``ValueError``, an unknown name raises
    ``TypeError`` listing the known ones; each message names the field.

    >>> Options(max_bytes=True)
    Traceback (most recent call last):
    ...
    TypeError: max_bytes must be an int, not True (bool)
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

    def __new__(cls, *args: Any, **changes: Any) -> Options:
        unknown = changes.keys() - _DEFAULTS.keys()
        if unknown:
            raise TypeError(f"unknown option(s) {sorted(unknown)}; known options: {sorted(_DEFAULTS)}")
        return super().__new__(cls)

    def __post_init__(self) -> None:
        if self.format is not None:
            like("format", self.format, "")
            if self.format not in FORMATS:
                raise ValueError(f"format must be one of {FORMATS}, not {self.format!r}")
            warn_format()
            if self.input_format not in ("auto", self.format):
                raise ValueError(
                    f"format={self.format!r} and input_format={self.input_format!r} disagree "
                    "(format= is the deprecated name of input_format=: give input_format= alone)"
                )
            object.__setattr__(self, "input_format", self.format)
            object.__setattr__(self, "format", None)
        for name, default in _DEFAULTS.items():
            if name == "format":  # the deprecated alias: checked and moved above
                continue
            value = getattr(self, name)
            like(name, value, default)
            if name in CHOICES and value not in CHOICES[name]:
                raise ValueError(f"{name} must be one of {CHOICES[name]}, not {value!r}")
            if name in LEAST:
                at_least(name, value, LEAST[name])
        if self.thresholds != _DEFAULT_THRESHOLDS:  # (the defaults are good: not checked again)
            for name, default in _THRESHOLDS.items():
                like(f"thresholds.{name}", getattr(self.thresholds, name), default)

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


#: Every option and its default: the table ``Options`` checks values against.
_DEFAULTS: dict[str, Any] = {
    f.name: f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc,operator]
    for f in fields(Options)
}
_THRESHOLDS: dict[str, Any] = {f.name: f.default for f in fields(Thresholds)}
_DEFAULT_THRESHOLDS = Thresholds()
