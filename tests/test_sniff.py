"""The page sniffers: binary or text, HTML or a dump."""

from __future__ import annotations

from cleantext._core import utf8_text
from hypothesis import example, given
from hypothesis import strategies as st

from cleantext.sniff import _CONTROL, BINARY_SNIFF_CHARS, _controls, _head_controls, looks_binary

_ANY = st.text(st.characters(codec=None, categories=None), max_size=300)
_CONTROLISH = st.text(st.sampled_from("\x00\x07\x08\t\n\x0b\x0e\x1a\x1b\x1c\x1f\x7f\x80\ufffd\ud800\udfff新a "))


@given(st.one_of(_ANY, _CONTROLISH))
def test_control_count_is_the_patterns(text: str) -> None:
    """``looks_binary`` counts control and replacement characters without the pattern: the
    same count on any text (lone surrogates, astral characters, C1 controls included)."""
    assert _controls(text) == len(_CONTROL.findall(text))


_NO_SURROGATE = st.characters(codec="utf-8", categories=None)
_UTF8 = st.text(st.one_of(_NO_SURROGATE, st.sampled_from("\x00\x07\x0b\x1b\x7f\ufffd新")), max_size=6000)


@given(_UTF8)
@example("新闻\x00\ufffd\x7fa" * 2000)
def test_the_core_counts_a_utf8_heads_controls_as_python_does(text: str) -> None:
    """A UTF-8 page's first characters and their controls, counted by the core without making its
    ``str`` (pages longer than the head too): what Python counts of the ``str``, so the same verdict."""
    native = utf8_text(text.encode())
    assert native.controls(BINARY_SNIFF_CHARS) == _head_controls(text)
    assert looks_binary(None, native) == looks_binary(None, text)


def test_a_tenth_of_controls_is_binary() -> None:
    text = "新闻" * 45
    assert not looks_binary(None, text + "\x00" * 10)  # 10 of 100
    assert looks_binary(None, text + "\x00" * 11)
    assert looks_binary(None, text + "\ufffd" * 11)
    assert not looks_binary(None, text + "\t\n\r\x0b\x0c\x1b" * 4)  # (24 of 114: not the controls counted)
