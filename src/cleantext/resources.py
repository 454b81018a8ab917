"""Heavy state, loaded lazily once per process: the only module that imports jieba.

jieba's own start-up loads its whole 500k-entry prefix dictionary (≈0.6 s from its marshal cache,
≈1 s the first time), though a page only ever asks about words that begin with one of the few
hundred characters in its close-call blocks. So cleantext gives jieba's ``Tokenizer`` (its cutting
algorithm, unchanged) a :class:`LazyFreq` instead: the same table, read from
``data/jieba_freq.bin`` (built from jieba's dict.txt by ``tools/build_jieba_freq.py``) one
first-character group at a time. :func:`segment` loads the groups of a text's characters before
jieba cuts it, so jieba's lookups stay plain ``dict`` lookups and the words it cuts, and so the
stopword density, are exactly those of the full dictionary; start-up costs a few milliseconds
and nothing is written to disk.

Nothing here is pickled: a :class:`~cleantext.Cleaner` pickles its options and
each process builds its own tokenizer on first use (or in ``warm_up``).
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
import zlib
from importlib import resources
from typing import Any

#: The shipped frequency table and the format version this module reads.
FREQ_FILE = "jieba_freq.bin"
FREQ_FORMAT = 1

_lock = threading.Lock()
_tokenizer: Any = None


class LazyFreq(dict[str, int]):
    """jieba's prefix dictionary (word → frequency, each proper prefix → 0), filled lazily.

    jieba looks up only substrings of the text it cuts, and every such key begins with a character
    of that text: :meth:`ensure` loads the groups of keys beginning with the text's characters, and
    then every lookup jieba makes for that text answers as the full dictionary would. Lookups are
    the plain ``dict``'s (no Python code per lookup). Loading is locked; a group is published
    (removed from ``pending``) only after its keys are in.

    >>> t = LazyFreq.from_bytes(resources.files("cleantext").joinpath("data").joinpath(FREQ_FILE).read_bytes())
    >>> "北京" in t
    False
    >>> t.ensure("北京的")
    >>> "北京" in t, t["北京"] > 0, "北京x" in t, t.get("京北")
    (True, True, False, None)
    """

    def __init__(self, total: int, groups: dict[str, memoryview]) -> None:
        super().__init__()
        self.total = total
        self._pending = groups
        self._load_lock = threading.Lock()

    @classmethod
    def from_bytes(cls, data: bytes) -> LazyFreq:
        """A table over the contents of a ``jieba_freq.bin`` file."""
        split = data.index(b"\n")
        header = json.loads(data[:split])
        if header.get("format") != FREQ_FORMAT:
            raise ValueError(f"{FREQ_FILE}: format {header.get('format')!r}, expected {FREQ_FORMAT}")
        body = memoryview(data)[split + 1 :]
        starts = [0, *header["ends"]]
        groups = {ch: body[starts[i] : starts[i + 1]] for i, ch in enumerate(header["chars"])}
        return cls(header["total"], groups)

    def pending(self) -> frozenset[str]:
        """First characters whose group is not loaded yet."""
        with self._load_lock:
            return frozenset(self._pending)

    def ensure(self, text: str) -> None:
        """Load the groups of every character of ``text`` not loaded yet."""
        pending = self._pending
        if pending.keys().isdisjoint(text):  # the usual case once a process has warmed up
            return
        for ch in set(text):
            if ch in pending:
                self.load(ch)

    def load(self, ch: str) -> None:
        """Load the group of keys beginning with ``ch`` (no-op if loaded or absent)."""
        with self._load_lock:
            blob = self._pending.get(ch)
            if blob is None:
                return
            group: dict[str, int] = {}
            for line in zlib.decompress(blob).decode("utf-8").split("\n"):
                rest, _, freq = line.rpartition(" ")
                group[ch + rest] = int(freq)
            for word in list(group):
                for i in range(1, len(word)):
                    group.setdefault(word[:i], 0)
            self.update(group)
            del self._pending[ch]  # after the update: a reader that finds ch gone finds its keys

    def __reduce__(self) -> Any:
        raise TypeError("LazyFreq is per-process state and is not pickled")


def load_freq() -> LazyFreq:
    """The shipped frequency table (``data/jieba_freq.bin``), no group loaded yet."""
    return LazyFreq.from_bytes(resources.files("cleantext").joinpath("data").joinpath(FREQ_FILE).read_bytes())


def tokenizer() -> Any:
    """A jieba ``Tokenizer`` over the full default dictionary, loaded lazily (:class:`LazyFreq`),
    created once per process, jieba's logging silenced."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                with warnings.catch_warnings():  # jieba imports pkg_resources, which some setuptools warn about
                    warnings.simplefilter("ignore")
                    import jieba

                logging.getLogger("jieba").setLevel(logging.ERROR)
                jieba.setLogLevel(logging.ERROR)
                tok = jieba.Tokenizer()
                freq = load_freq()
                tok.FREQ, tok.total = freq, freq.total
                tok.dictionary = f"cleantext/data/{FREQ_FILE}"
                tok.initialized = True  # jieba's initialize() would load its own 500k-entry table
                _tokenizer = tok
    return _tokenizer


def load_all() -> None:
    """Load every group of the dictionary now and give the tokenizer a plain ``dict`` (the
    fastest lookups): for long-running workers, where the ~0.7 s is paid once."""
    tok = tokenizer()
    freq = tok.FREQ
    if isinstance(freq, LazyFreq):
        for ch in freq.pending():
            freq.load(ch)
        plain = dict(freq)
        tok.FREQ = plain  # one attribute store: threads mid-cut keep the complete LazyFreq they hold


def segment(text: str) -> list[str]:
    """Words of ``text`` by jieba (accurate mode, no HMM: deterministic and fast).

    >>> segment("我们今天去北京")
    ['我们', '今天', '去', '北京']
    """
    tok = tokenizer()
    freq = tok.FREQ
    if isinstance(freq, LazyFreq):
        freq.ensure(text)
    return tok.lcut(text, HMM=False)


def is_loaded() -> bool:
    """Whether this process has set up its tokenizer yet (its dictionary groups load as needed)."""
    return _tokenizer is not None
