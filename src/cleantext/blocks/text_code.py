"""Code in a text dump: runs of indented, code-like lines (a ``<pre>`` as ``w3m -dump`` shows it).

A dump keeps a ``<pre>``'s lines and their indentation but marks nothing. A run of lines is
read as code only when every line of it reads as code (ASCII once comments and string
literals are set aside, not an English sentence), at least half of them carry code marks
(``{}();=[]<>``, a trailing ``:`` or ``\\``, a shell prompt), and the run shows indentation
(lines at two depths at least, or the whole run indented): a menu or a line of English
prose is not code. A lone line is code only as a command after a shell prompt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

from .._core import code_part as _core_code_part
from .text_lines import Lines

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MARK = re.compile(r"[{}();=\[\]<>]|[:\\]$")
_PROMPT = re.compile(r"(?:\$|>>>|PS>) \S")
#: Words an English sentence has at least (a capital first, a full stop last, no code marks).
SENTENCE_WORDS = 5
#: Lines of a code run may be this many blank lines apart.
MAX_BLANK_LINES = 1
#: Share of a line's non-space characters (outside comments and strings) that must be ASCII.
MIN_ASCII_SHARE = 0.9


def code_part(line: str) -> str:
    """A line without its string literals (each left as ``""``) and its trailing comment (``#``,
    ``//`` or ``--`` at the start or after a space, ``/*``), stripped; the native core's
    (``_core.code_part``, which selection reads code lines with too).

    >>> code_part('s += r  # 累加'), code_part('print("你好")  // 输出')
    ('s += r', 'print("")')
    """
    return _core_code_part(line)


def code_like(line: str) -> bool:
    """A line that may belong to code: ASCII outside its comments and strings, with a letter,
    digit or mark, and not an English sentence.

    >>> [code_like(s) for s in ["s += r  # 累加", 'print("你好")', "欢迎访问本站", "This is a plain English sentence."]]
    [True, True, False, False]
    """
    if not line[:1].isascii():  # code starts with ASCII (a comment mark included)
        return False
    part = code_part(line)
    if not part:
        return line.lstrip().startswith(("#", "//", "/*", "*")) and not line.strip().startswith("* ")
    if _HAN.search(part) or _sentence(part):
        return False
    chars = part.replace(" ", "")
    ascii_chars = sum(c.isascii() for c in chars)
    return ascii_chars >= MIN_ASCII_SHARE * len(chars)


def _sentence(part: str) -> bool:
    return (
        part[0].isupper() and part[-1] in ".!?" and len(part.split()) >= SENTENCE_WORDS and _MARK.search(part) is None
    )


def _marked(line: str) -> bool:
    part = code_part(line)
    return _PROMPT.match(line.lstrip()) is not None or _MARK.search(part) is not None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def code_runs(text: str, lines: Lines, kept: Sequence[bool]) -> dict[int, tuple[int, list[str]]]:
    """The code runs among the ``kept`` blocks of a dump (``lines``: its blocks among its lines):
    first block -> (end block, the raw text of each block: its line with the run's common
    indentation removed, after a line break for each blank line before it).

    >>> from cleantext.blocks import text_blocks
    >>> from cleantext.blocks.text_lines import Lines
    >>> dump = "先定义函数，它把参数原样返回：\\n\\ndef f(x):\\n    return x\\n\\n这是函数的说明，后面还有一段。\\n"
    >>> code_runs(dump, Lines(dump, text_blocks(dump)), [True] * 4)
    {1: (3, ['def f(x):', '    return x'])}
    """
    out: dict[int, tuple[int, list[str]]] = {}
    n, texts, ends = lines.n, lines.texts, lines.ends
    after = -1  # the end of the last run looked at
    for i in compress(range(n), kept):
        if i < after or not texts[i][:1].isascii():
            continue
        end = i
        run: list[str] = []
        while end < n and kept[end] and _may_be_code(lines, end):
            if end > i and lines.breaks_before(end) > MAX_BLANK_LINES + 1:
                break
            run.append(text[lines.line_start(end) : ends[end]])
            end += 1
        after = end
        if end > i and _is_code(run):
            depth = min(_indent(line) for line in run)
            raw = [
                "\n" * (max(lines.breaks_before(k), 1) - 1 if k > i else 0) + line[depth:]
                for k, line in zip(range(i, end), run)
            ]
            out[i] = (end, raw)
    return out


def _may_be_code(lines: Lines, i: int) -> bool:
    text = lines.texts[i]
    return lines.kinds[i] == "line" and text[:1].isascii() and code_like(text) and lines.alone(i)


def _is_code(lines: list[str]) -> bool:
    if not all(code_like(line) for line in lines):
        return False
    if len(lines) == 1:
        return _PROMPT.match(lines[0].lstrip()) is not None
    marked = sum(_marked(line) for line in lines)
    depths = {_indent(line) for line in lines}
    return marked * 2 >= len(lines) and (len(depths) >= 2 or min(depths) >= 2)
