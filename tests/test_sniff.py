"""The page sniffers: binary or text, HTML or a dump."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleantext.sniff import _CONTROL, _controls, looks_binary

_ANY = st.text(st.characters(codec=None, categories=None), max_size=300)
_CONTROLISH = st.text(st.sampled_from("\x00\x07\x08\t\n\x0b\x0e\x1a\x1b\x1c\x1f\x7f\x80\ufffd\ud800\udfff新a "))


@given(st.one_of(_ANY, _CONTROLISH))
def test_control_count_is_the_patterns(text: str) -> None:
    """``looks_binary`` counts control and replacement characters without the pattern: the
    same count on any text (lone surrogates, astral characters, C1 controls included)."""
    assert _controls(text) == len(_CONTROL.findall(text))


def test_a_tenth_of_controls_is_binary() -> None:
    text = "新闻" * 45
    assert not looks_binary(None, text + "\x00" * 10)  # 10 of 100
    assert looks_binary(None, text + "\x00" * 11)
    assert looks_binary(None, text + "\ufffd" * 11)
    assert not looks_binary(None, text + "\t\n\r\x0b\x0c\x1b" * 4)  # (24 of 114: not the controls counted)
