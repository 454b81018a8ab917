"""The segmenter of the jieba close calls, loaded lazily once per process.

cleantext cuts words exactly as ``jieba.Tokenizer().lcut(text, HMM=False)`` does (accurate mode,
no HMM: deterministic), with ``cleantext._core.Segmenter``, the native core's port of that
algorithm, over jieba's own dictionary: the ``dict.txt`` of the installed jieba package, found
without importing jieba (its import alone, which imports ``pkg_resources``, costs ~0.26 s). The
dictionary (349k words) loads in ~0.06-0.1 s into ~9 MiB, on the first close call of a process or in
:func:`load`; nothing is written to disk and nothing is logged.

Nothing here is pickled: a :class:`~cleantext.Cleaner` pickles its options and each process
loads its own segmenter on first use (or in ``warm_up``).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from .lexicon import stopwords


class NativeSegmenter(Protocol):
    """The native core's segmenter (``cleantext._core.Segmenter``)."""

    def cut(self, text: str) -> list[str]: ...

    def cut_many(self, texts: list[str]) -> list[list[str]]: ...

    def stopword_densities(self, texts: list[str], stopwords: Any) -> list[float]: ...


_lock = threading.Lock()
_segmenter: NativeSegmenter | None = None
#: A lone surrogate, which the core cannot take: jieba makes each one a word of its own.
_SURROGATE = re.compile("([\ud800-\udfff])")


def dictionary_path() -> Path:
    """jieba's ``dict.txt``, in the installed jieba package, located without importing jieba.

    >>> dictionary_path().name
    'dict.txt'
    """
    spec = importlib.util.find_spec("jieba")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        path = Path(location) / "dict.txt"
        if path.is_file():
            return path
    if not locations:
        raise ModuleNotFoundError("cleantext needs jieba's dictionary (pip install jieba), or use_jieba=False")
    raise FileNotFoundError(f"no dict.txt in the jieba package ({', '.join(locations)})")


def segmenter() -> NativeSegmenter:
    """The process's segmenter over jieba's dictionary, loaded on the first call (thread-safe)."""
    global _segmenter
    loaded = _segmenter
    if loaded is None:
        with _lock:
            if _segmenter is None:
                from . import _core  # the compiled core: imported on first use, `import cleantext` stays cheap

                _segmenter = _core.Segmenter(str(dictionary_path()))
            loaded = _segmenter
    return loaded


def load() -> None:
    """Load the segmenter now (for workers that will clean many pages)."""
    segmenter()


def segment(text: str) -> list[str]:
    """Words of ``text`` as jieba cuts them (accurate mode, no HMM: deterministic and fast).

    >>> segment("我们今天去北京")
    ['我们', '今天', '去', '北京']
    """
    return segment_many([text])[0]


def segment_many(texts: Sequence[str]) -> list[list[str]]:
    """:func:`segment` of each text, in one call to the core.

    >>> segment_many(["重庆日报讯", "iPhone 12售价5999元"])
    [['重庆', '日报', '讯'], ['iPhone', ' ', '12', '售价', '5999', '元']]
    """
    seg = segmenter()
    try:
        return seg.cut_many(list(texts))
    except UnicodeEncodeError:
        return [_cut(seg, text) for text in texts]


def stopword_densities(texts: Sequence[str]) -> list[float]:
    """The share of function words among each text's words as :func:`segment` cuts them
    (``features.word_stopword_density``), cut and counted by the core in one call.

    >>> stopword_densities(["我们在北京的大学", "重庆日报讯"])
    [0.6, 0.0]
    """
    seg = segmenter()
    try:
        return seg.stopword_densities(list(texts), _stopwords())
    except UnicodeEncodeError:  # a lone surrogate: the words one text at a time
        stop = stopwords()
        out = []
        for text in texts:
            words = [w for w in _cut(seg, text) if w.strip()]
            out.append(sum(1 for w in words if w in stop) / len(words) if words else 0.0)
        return out


@functools.lru_cache(maxsize=1)
def _stopwords() -> Any:
    from . import _core

    return _core.StopWords(sorted(stopwords()))


def _cut(seg: NativeSegmenter, text: str) -> list[str]:
    """``seg.cut(text)``, also for a text holding lone surrogates: jieba cuts the text between
    them as it would on its own (a surrogate is outside its word characters, and not ``\\r``
    or ``\\n``), and each surrogate is a word."""
    try:
        return seg.cut(text)
    except UnicodeEncodeError:
        words: list[str] = []
        for i, piece in enumerate(_SURROGATE.split(text)):
            if i % 2:
                words.append(piece)
            elif piece:
                words += seg.cut(piece)
        return words


def is_loaded() -> bool:
    """Whether this process has loaded its segmenter yet."""
    return _segmenter is not None
