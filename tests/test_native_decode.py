"""The core's counts for encoding detection (``rust/src/plausibility.rs``, ``rust/src/decode.rs``)
against the regular expressions they replace, on the dev pages read in several codecs and on
random texts and bytes."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from cleantext.decode import _has_utf8_cjk
from cleantext.plausibility import Plausibility, frequent_chars, plausibility

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_UTF8_CJK_RUN = re.compile(rb"(?:[\xe3-\xe9][\x80-\xbf]{2}){2,}")


def _oracle(text: str) -> Plausibility:
    frequent = re.compile("[" + frequent_chars() + "]")
    chars = len(text) - len(text.encode("ascii", "ignore"))
    if not chars:
        return Plausibility(0, 0, 0, 0)
    return Plausibility(chars, text.count("\ufffd"), len(_HAN.findall(text)), len(frequent.findall(text)))


def _oracle_utf8_cjk(window: bytes) -> bool:
    return sum(len(run) for run in _UTF8_CJK_RUN.findall(window)) >= 48


def _dev_bytes() -> list[bytes]:
    pages = sorted(DEV.glob("*.html"))
    if not pages:
        pytest.skip("no dev corpus beside the repository")
    return [p.read_bytes() for p in pages]


def test_frequent_chars_are_a_plain_class() -> None:
    """Every character of the set means itself inside ``[...]`` (no ``]``, ``\\``, ``^`` or ``-``)."""
    chars = frequent_chars()
    assert len(chars) > 2000 and not set(chars) & set("]\\^-[")


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5hkscs", "cp1252", "shift_jis"])
def test_dev_pages_in_each_reading(codec: str) -> None:
    for raw in _dev_bytes():
        text = raw[:200_000].decode(codec, "replace")
        assert plausibility(text) == _oracle(text)


def test_random_texts() -> None:
    rng = random.Random(5)
    pool = frequent_chars()[::50] + "abc ，。\ufffd\ud800\udfff𠀀𪚥㐀豈ｱ한é\x80\U0003ffff\U00040000"
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(30)))
        assert plausibility(text) == _oracle(text), text


def test_utf8_cjk_runs_on_dev_bytes_and_random_bytes() -> None:
    for raw in _dev_bytes():
        for window in (raw[:262_144], raw[-262_144:]):
            assert _has_utf8_cjk(window) == _oracle_utf8_cjk(window)
    rng = random.Random(9)
    alphabet = bytes([0xE3, 0xE9, 0xE2, 0xEA, 0x80, 0xBF, 0xC0, 0x61])
    for _ in range(3000):
        window = bytes(rng.choice(alphabet) for _ in range(rng.randrange(200)))
        window += "新闻报道".encode() * rng.randrange(6)
        assert _has_utf8_cjk(window) == _oracle_utf8_cjk(window)
