"""Coverage-guided fuzz target for the core's answer to ``metadata.is_dateline`` (atheris).

The native selection answers ``metadata.is_dateline(text, han)`` itself where it can
(``rust/src/select/dateline.rs``); Python's function is the oracle. Each input's first byte
gives the Han count (the line's own, or 0-40 when below 41) and the second how the rest is read:
as UTF-8 (errors kept as lone surrogates), or as indexes into the dateline pieces of
``tests/test_dateline.py`` (dates, times, labels, traditional characters, web addresses...).
For a line past Python's first test, the core's answer must be ``None`` (Python answers) or
Python's.

Run (see tests/fuzz/README.md)::

    python tests/fuzz/fuzz_dateline.py -runs=1000000 -max_len=64 /tmp/fuzz/d
"""

from __future__ import annotations

import functools
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # tests/, for test_dateline.py's pieces


@functools.cache
def _parts() -> tuple[object, ...]:
    from test_dateline import PIECES

    from cleantext import metadata
    from cleantext.features import han_count
    from cleantext.lexicon import simplified
    from cleantext.select import _PagePatterns

    return PIECES, metadata.is_dateline, han_count, simplified, _PagePatterns.native


def one_input(data: bytes) -> None:
    """Check the core's answer for one fuzzed line against Python's."""
    pieces, is_dateline, han_count, simplified, native = _parts()
    if len(data) < 2:
        return
    han_byte, reading, rest = data[0], data[1], data[2:]
    if reading % 2:
        text = "".join(pieces[b % len(pieces)] for b in rest)  # type: ignore[index, arg-type]
    else:
        text = rest.decode("utf-8", "surrogateescape" if reading % 4 == 2 else "replace")  # (lone surrogates too)
    han = han_count(text) if han_byte > 40 else han_byte  # type: ignore[operator]
    if han > 40 or len(text) > 120:  # (the core is asked only past Python's first test)
        return
    core = native.dateline(text, han, simplified(text))  # type: ignore[attr-defined, operator]
    want = is_dateline(text, han)  # type: ignore[operator]  # (always: its branches guide the search)
    if core is not None and core is not want:
        raise AssertionError(f"the core says {core} of {text!r} with {han} Han characters; Python does not")


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["cleantext"]):  # (Python's tests guide the search)
        _parts()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
