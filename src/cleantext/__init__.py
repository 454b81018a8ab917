"""cleantext: the article out of Chinese web pages, HTML in any encoding or plain-text dumps.

>>> import cleantext
>>> cleantext.clean("今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。\\n责任编辑:张三\\n")
'今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。'

``import cleantext`` loads only this file, the errors and the reason codes; the pipeline
(and its compiled word lists) loads on first use of any other name.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import CleanTextError, DecodeError, InputTooLarge
from .reasons import Reason

if TYPE_CHECKING:
    from .document import Block, Document
    from .features import Features
    from .options import Options
    from .pipeline import Cleaner, clean, extract

__version__ = "0.1.0"

#: Public names defined in other modules, loaded when first asked for.
_LAZY = {
    "Block": ".document",
    "Document": ".document",
    "Features": ".features",
    "Options": ".options",
    "Cleaner": ".pipeline",
    "clean": ".pipeline",
    "extract": ".pipeline",
}

__all__ = [
    "Block",
    "CleanTextError",
    "Cleaner",
    "DecodeError",
    "Document",
    "Features",
    "InputTooLarge",
    "Options",
    "Reason",
    "__version__",
    "clean",
    "extract",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cleantext' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
