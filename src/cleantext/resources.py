"""Heavy state, loaded lazily once per process: the only module that imports jieba.

Nothing here is pickled: a :class:`~cleantext.Cleaner` pickles its options and
each process builds its own tokenizer on first use (or in ``warm_up``).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

_lock = threading.Lock()
_tokenizer: Any = None


def tokenizer() -> Any:
    """jieba's default tokenizer, initialised once per process, its logging silenced."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                logging.getLogger("jieba").setLevel(logging.ERROR)
                jieba.setLogLevel(logging.ERROR)
                tok = jieba.Tokenizer()
                tok.initialize()
                _tokenizer = tok
    return _tokenizer


def segment(text: str) -> list[str]:
    """Words of ``text`` by jieba (accurate mode, no HMM: deterministic and fast).

    >>> segment("我们今天去北京")
    ['我们', '今天', '去', '北京']
    """
    return tokenizer().lcut(text, HMM=False)


def is_loaded() -> bool:
    """Whether this process has loaded jieba's dictionary yet."""
    return _tokenizer is not None
