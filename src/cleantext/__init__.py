"""cleantext: the article out of Chinese web pages, HTML in any encoding or plain-text dumps.

>>> import cleantext
>>> cleantext.clean("今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。\\n责任编辑:张三\\n")
'今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。'
"""

from __future__ import annotations

from .document import Block, Document
from .errors import CleanTextError, DecodeError, InputTooLarge
from .features import Features
from .options import Options
from .pipeline import Cleaner, clean, extract
from .reasons import Reason

__version__ = "0.1.0"

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
