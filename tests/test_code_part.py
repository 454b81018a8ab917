"""``code_part`` (a line's code without its string literals and trailing comment), native in the
core (``_core.code_part``) for text dumps' code runs and selection's code lines alike, against the
two patterns it was first written as."""

from __future__ import annotations

import random
import re

import pytest

from cleantext.blocks.text_code import code_like, code_part

#: The Python definition the core's ``code_part`` keeps: ``_COMMENT.sub("", _STRING.sub('""', line)).strip()``.
_COMMENT = re.compile(r"(?:^|(?<=\s))(?:#|//|--)(?:\s.*)?$|/\*.*$")
_STRING = re.compile(r"\"[^\"]*\"|'[^']*'")


def _reference(line: str) -> str:
    return _COMMENT.sub("", _STRING.sub('""', line)).strip()


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("s += r  # 累加", "s += r"),
        ('print("你好")  // 输出', 'print("")'),
        ("x = 1 #", "x = 1"),
        ("x = 1#", "x = 1#"),  # a mark needs a space (or the start) before it
        ("#注释", "#注释"),  # and a space (or the end) after it
        ("a -- b", "a"),
        ("url = http://x.cn/a", "url = http://x.cn/a"),
        ("y = 2/* 注释 */", "y = 2"),
        ("a /* b\nc", "a /* b\nc"),  # `.` stops at a line break that is not the last
        ("a #\nb", "a"),  # the space after the mark may be the break
        ("s = 'x' + \"y\"", 's = "" + ""'),
        ("s = 'a", "s = 'a"),  # unclosed: no literal
        ("\u3000x = 1 \u3000# 注释", "x = 1"),  # U+3000 is whitespace
        ("x = \ud800 # 注", "x = \ud800"),  # a lone surrogate passes through
    ],
)
def test_code_part(line: str, want: str) -> None:
    assert code_part(line) == want == _reference(line)


def test_code_part_matches_the_patterns_on_random_lines() -> None:
    rng = random.Random(20261203)
    alphabet = [" ", "\t", "\n", "#", "/", "*", "-", '"', "'", "a", "累", "\u3000", "\x85", "=", "\r", "\ud800", "x"]
    for _ in range(20_000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert code_part(line) == _reference(line), repr(line)


def test_code_like_reads_the_native_code_part() -> None:
    assert [code_like(s) for s in ["s += r  # 累加", 'print("你好")', "欢迎访问本站", "x = 1  -- 说明"]] == [
        True,
        True,
        False,
        True,
    ]
