"""The native text-dump splitter against the Python one it replaced: the same blocks, exactly.

The Python splitter (``text_blocks`` of ``cleantext/blocks/text.py`` until the Rust core took it
over) is kept below, verbatim, as the oracle: ``cleantext.blocks.text_blocks`` (Rust) must give
every ``RawBlock`` field the same on the dev dumps (decoded as the pipeline decodes them; skipped
where ``../shared`` is absent), on every short dump over an alphabet of the splitter's cases, on
seeded random dumps and on Hypothesis' texts, lone surrogates included.
"""

from __future__ import annotations

import itertools
import pickle
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.blocks import RawBlock, text_block_table, text_blocks
from cleantext.decode import decode
from cleantext.features import measure_columns
from cleantext.lexicon import simplified_blocks
from cleantext.score import score_columns
from cleantext.select import select_columns

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"

# -- the oracle: the Python splitter, as it was ---------------------------------------------------

_BULLET = re.compile(r"(?<![ \t])[ \t]*(?:[•·*▪◦●○■□◆◇►▸‣⁃]|\d{1,3}[.、)]|[（(]\d{1,3}[)）])[ \t\u3000]")
_CELL_GAP = re.compile(r"[ \t\u3000\u00a0]{4,}")
_SENTENCE_END = frozenset("。！？!?；;…”’」』）)")
_HAN = re.compile(r"[\u3400-\u9fff]")
#: Lines one list item holds at most; longer runs of continuation lines start a new item
#: (keeps per-item work bounded however a dump is shaped).
MAX_ITEM_LINES = 64
#: Blank-line-separated parts a list item holds at most (a headline, its summary, its date
#: and source); an item with more is an article set inside a list element, and each line
#: after its first part is a block of its own.
MAX_ITEM_PARTS = 4


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u3000"))


def _cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    """A line cut at runs of 4+ spaces (table columns laid side by side), with offsets.

    >>> _cells("  新闻    体育", 10)
    [('新闻', 12, 14), ('体育', 18, 20)]
    """
    if _CELL_GAP.search(line) is None:  # one cell, as most lines are
        body = line.strip()
        lead = len(line) - len(line.lstrip())
        return [(body, offset + lead, offset + lead + len(body))] if body else []
    out = []
    pos = 0
    for gap in _CELL_GAP.finditer(line):
        piece = line[pos : gap.start()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((piece.strip(), offset + pos + lead, offset + pos + lead + len(piece.strip())))
        pos = gap.end()
    piece = line[pos:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append((piece.strip(), offset + pos + lead, offset + pos + lead + len(piece.strip())))
    return out


def _columns(line: str) -> int:
    """The columns ``line`` takes, as ``w3m -dump`` counts them when it wraps: an East Asian Wide
    or Fullwidth character two, any other one.

    >>> _columns("今天abc"), _columns("“引号”")
    (7, 6)
    """
    return sum(2 if unicodedata.category(c) != "Cn" and unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _wrap_width(lengths: list[int]) -> int:
    """The column a dump was wrapped at, or 0 when lines were not wrapped (``lengths``: the
    lines' widths in columns).

    >>> _wrap_width([78, 80, 79, 80, 12, 80, 80, 40])
    80
    >>> _wrap_width([300, 12, 80, 45])
    0
    """
    return _wrap_fit(lengths)[0]


def _wrap_fit(lengths: list[int]) -> tuple[int, int]:
    """``_wrap_width`` and how many lines come within 3 of it ((0, 0): not wrapped)."""
    if len(lengths) < 4:
        return 0, 0
    width = max(lengths)
    if width > 200:
        return 0, 0
    near = sum(1 for n in lengths if n >= width - 3)
    return (width, near) if near * 3 >= len(lengths) else (0, 0)


def _separator(a: str, b: str) -> str:
    """What goes between a wrapped line and its continuation: nothing next to a CJK character.

    >>> _separator("今天", "下雨"), _separator("rain", "today")
    ('', ' ')
    """
    return "" if a and b and (_HAN.match(a[-1]) or _HAN.match(b[0])) else " "


def _joined(cells: list[tuple[str, int, int]]) -> str:
    """The wrapped lines of one paragraph joined in one pass (linear in their length)."""
    out = [cells[0][0]]
    for (prev, _, _), (cell, _, _) in pairwise(cells):
        out.append(_separator(prev, cell))
        out.append(cell)
    return "".join(out)


def _lines(text: str) -> list[tuple[str, int]]:
    """The lines of ``text`` (split at ``\\n`` only, trailing ``\\r`` removed) with their offsets.

    >>> _lines("一\\r\\n\\n二")
    [('一', 0), ('', 3), ('二', 4)]
    """
    pieces = text.split("\n")
    if not pieces[-1]:  # the text ends with a line break (or is empty): no line after it
        pieces.pop()
    lines = []
    pos = 0
    for piece in pieces:
        lines.append((piece.rstrip("\r"), pos))
        pos += len(piece) + 1
    return lines


def python_text_blocks(text: str) -> tuple[RawBlock, ...]:
    """``text_blocks`` as the Python splitter wrote it (cleantext 0.1.0, before the port), with
    the wrap width counted in columns (``_columns``) or in characters, whichever brings more
    lines near the widest."""
    lines = _lines(text)
    width, near = _wrap_fit([_columns(s.rstrip()) for s, _ in lines if s.strip()])
    in_chars, more = _wrap_fit([len(s.rstrip()) for s, _ in lines if s.strip()])
    measure: Callable[[str], int] = _columns
    if in_chars and (not width or more > near):  # (whichever brings more lines near the widest)
        width, measure = in_chars, len
    blocks: list[RawBlock] = []
    item: list[tuple[str, int, int]] | None = None  # lines of the open list item
    item_indent = 0
    part_starts: list[int] = []  # where the open item's parts after a blank line begin
    after_blank = False  # a blank line since the open item's last line
    pending: list[tuple[str, int, int]] = []  # wrapped lines of one paragraph, may continue on the next line

    def close_item() -> None:
        nonlocal item
        if item:
            head = item[: part_starts[0]] if len(part_starts) >= MAX_ITEM_PARTS else item
            blocks.append(RawBlock("\n".join(t for t, _, _ in head), "list-item", head[0][1], head[-1][2]))
            blocks.extend(RawBlock(t, "line", s, e) for t, s, e in item[len(head) :])
        item = None
        part_starts.clear()

    def close_pending() -> None:
        if pending:
            joined = pending[0][0] if len(pending) == 1 else _joined(pending)
            blocks.append(RawBlock(joined, "line", pending[0][1], pending[-1][2]))
            pending.clear()

    for line, offset in lines:
        if not line.strip():
            if pending:
                close_pending()
            after_blank = item is not None
            continue
        indent = _indent(line)
        bullet = _BULLET.match(line)
        if bullet:
            close_pending()
            close_item()
            body = line[bullet.end() :].strip()
            start = offset + bullet.end() + (len(line[bullet.end() :]) - len(line[bullet.end() :].lstrip()))
            item = (
                [(body, start, start + len(body))]
                if body
                else [(line.strip(), offset + indent, offset + len(line.rstrip()))]
            )
            item_indent = indent
            continue
        if item is not None and indent > item_indent:
            body = line.strip()
            lead = len(line) - len(line.lstrip())  # all leading whitespace, not only the indent
            if len(item) >= MAX_ITEM_LINES:
                close_item()
                item = []
            elif after_blank:
                part_starts.append(len(item))
            after_blank = False
            item.append((body, offset + lead, offset + lead + len(body)))
            continue
        if item is not None:
            close_item()
        cells = _cells(line, offset)
        if len(cells) != 1:
            close_pending()
            blocks.extend(RawBlock(t, "line", s, e) for t, s, e in cells)
            continue
        cell = cells[0]
        pending.append(cell)
        if not (width and measure(line.rstrip()) >= width - 3 and cell[0][-1] not in _SENTENCE_END):
            close_pending()
    close_pending()
    close_item()
    return tuple(blocks)


# -- the comparison -------------------------------------------------------------------------------


def _assert_same(dump: str, label: str) -> None:
    want = python_text_blocks(dump)
    got = text_blocks(dump)
    for k, (a, b) in enumerate(zip(want, got)):
        assert tuple(b) == tuple(a), f"{label}: block {k}"
        assert type(b) is RawBlock, label
    assert len(got) == len(want), label
    assert type(got) is tuple, label
    table = text_block_table(dump)  # the same blocks held by the core, made when read
    assert len(table) == len(want), label
    assert [tuple(b) for b in table] == [tuple(b) for b in want], label
    if not isinstance(table, tuple):  # (a dump with lone surrogates gives the tuple)
        assert table.texts() == [b.text for b in want], label
        assert [table.text(i) for i in range(-len(want), 0)] == [b.text for b in want], label


def test_examples() -> None:
    for dump in [
        "标题\n正文第一段。\n\n  • 条目一\n    条目一的摘要\n  • 条目二\n",
        "  • 标题\n" + "".join(f"\n    第{n}段。\n" for n in "一二三四"),
        "  新闻    体育\r\n1. 第一\n（2） 第二\n 12、 第三\n1234. 不是\n",
        "", "\n", "\r\n", "\n\n  \n\u3000\n", "字", "字\r", "\u3000字\u3000",
    ]:  # fmt: skip
        _assert_same(dump, repr(dump))


@pytest.mark.skipif(not DEV.is_dir(), reason="no dev corpus (../shared)")
def test_dev_dumps() -> None:
    dumps = sorted(p for p in DEV.glob("*.txt") if not p.name.endswith(".gold.txt"))
    assert len(dumps) >= 100
    for path in dumps:
        _assert_same(decode(path.read_bytes()).text, path.name)


#: Pieces of lines: every bullet form (and near misses), indents, gap characters, the
#: whitespace Python strips and Rust's ``char::is_whitespace`` does not (U+001C..U+001F), digits
#: of other scripts, sentence ends, CJK on both sides of the Han range, astral characters.
_PIECES = [
    " ", "  ", "    ", "\t", "\u3000", "\xa0", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u2028", "\u200b",
    "•", "·", "*", "▪", "◦", "●", "○", "■", "□", "◆", "◇", "►", "▸", "‣", "⁃", "-",
    "1", "12", "123", "1234", "٣", "０", "9", "①", "²", ".", "、", ")", "(", "（", "）",
    "今天", "下雨", "字", "㐀", "鿿", "가", "𠀀", "Copyright", "a", "ab", "\ufffd", "\udc00",
    "。", "！", "？", "!", "?", "；", ";", "…", "”", "’", "」", "』", ",", "，",
]  # fmt: skip
_BREAKS = ["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\r\r\n"]


def random_line(rnd: random.Random) -> str:
    """A seeded line: an indent, often a bullet, then pieces; sometimes a wide line of one width."""
    indent = rnd.choice(["", "", " ", "  ", "    ", "\t", "\u3000", "  \t", "      "])
    bullet = rnd.choice(["", "", "• ", "· ", "* ", "1. ", "12、", "3) ", "(4) ", "（５）\u3000", "1234. ", "•\t", "•"])
    if rnd.random() < 0.2:  # a line of a wrapped paragraph: the dump's width, or near it
        width = 60 - rnd.randint(0, 4)
        body = "".join(rnd.choice("今天下雨了明天晴朗abc ") for _ in range(width))
        return indent + bullet + body + rnd.choice(["", "", "。", "!", " "])
    return indent + bullet + "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 8)))


def random_dump(rnd: random.Random) -> str:
    return "".join(random_line(rnd) + rnd.choice(_BREAKS) for _ in range(rnd.randint(0, 30))) + rnd.choice(
        ["", "末行", "  续行"]
    )


@pytest.mark.parametrize("seed", range(4))
def test_random_dumps(seed: int) -> None:
    rnd = random.Random(seed)
    for n in range(5_000):
        dump = random_dump(rnd)
        _assert_same(dump, f"seed {seed}, dump {n}: {dump!r}")


def test_wrapped_and_item_limits() -> None:
    """Long items (over MAX_ITEM_LINES lines, over MAX_ITEM_PARTS parts) and wrapped paragraphs."""
    rnd = random.Random(9)
    for n in range(200):
        lines = ["• 头"] + [
            rnd.choice(["  续", "", "  ", "    又一行", "• 新", "正文"]) for _ in range(rnd.randint(0, 150))
        ]
        _assert_same("\n".join(lines), f"items {n}")
        width = rnd.randint(1, 8)
        para = "".join(rnd.choice("今天a 。") for _ in range(rnd.randint(0, 400)))
        wrapped = "\n".join(para[i : i + width] for i in range(0, len(para), width))
        _assert_same(wrapped, f"wrapped {n}: {wrapped!r}")


def test_every_short_dump() -> None:
    """Every dump of up to 4 characters over an alphabet of the splitter's cases."""
    alphabet = [" ", "\t", "\u3000", "\xa0", "\n", "\r", "\x1c", "•", "1", "٣", ".", "(", ")", "字", "a", "。"]
    count = 0
    for size in range(5):
        for chars in itertools.product(alphabet, repeat=size):
            _assert_same("".join(chars), repr("".join(chars)))
            count += 1
    assert count == sum(len(alphabet) ** n for n in range(5))


#: Any character but the decimal digits beyond ASCII (the core reads ``\d`` by Unicode 14, as
#: Python 3.11 does; later Pythons know more digits, so they are left to ``_PIECES``' two).
_ANY_TEXT = st.text(st.characters().filter(lambda c: c.isascii() or not c.isdecimal()), max_size=6)


@settings(max_examples=2_000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([*_PIECES, *_BREAKS]), _ANY_TEXT), max_size=40))
def test_hypothesis_dumps(pieces: list[str]) -> None:
    _assert_same("".join(pieces), repr("".join(pieces)))


def test_lone_surrogates() -> None:
    """A ``str`` may hold lone surrogates (``decode`` never makes one): the native splitter reads
    them as U+FFFD (neither space, digit, Han nor a sentence end, as a surrogate is to the
    Python rules) and the texts get them back, so the blocks are the oracle's exactly."""
    for dump in ["新闻\ud800报道\n第二段", "• \udfff\n  \ud800续\ufffd\n\ud83d", "\ud800    \ufffd\udc00"]:
        _assert_same(dump, repr(dump))
    assert text_blocks("甲\ud800\n")[0].text == "甲\ud800"


def test_bad_argument() -> None:
    with pytest.raises(TypeError, match="text"):
        text_blocks(b"\xe6\x96\xb0\xe9\x97\xbb")  # type: ignore[arg-type]


def test_a_high_then_a_low_lone_surrogate_stay_two_characters() -> None:
    """A ``str`` may hold a high surrogate then a low one as two code points; they are not read as
    the pair UTF-16 would make of them (one character, shifting every offset after it)."""
    for dump in ["\ud800\udc00", "甲\ud800\udc00乙\n  • 条目\udbff\udfff\n", "\udc00\ud800\n\ud800\udc00\ud800"]:
        _assert_same(dump, repr(dump))


# -- the blocks held by the core ------------------------------------------------------------------


def test_table_is_a_sequence_of_raw_blocks() -> None:
    dump = "标题\n正文第一段。\n\n  • 条目一\n    条目一的摘要\n  • 条目二\n"
    table, blocks = text_block_table(dump), text_blocks(dump)
    assert isinstance(table, Sequence) and not isinstance(table, tuple)
    assert list(table) == list(blocks) and all(type(b) is RawBlock for b in table)
    assert table[-1] == blocks[-1] and table[1:3] == list(blocks[1:3]) and table[::-2] == list(blocks[::-2])
    assert table.index(blocks[2]) == 2 and table.count(blocks[2]) == 1 and blocks[3] in table
    assert list(reversed(table)) == list(reversed(blocks))
    assert table.texts([3, 0]) == ["条目二", "标题"]
    assert pickle.loads(pickle.dumps(table)) == blocks  # it pickles as the tuple of its blocks
    for bad in (len(blocks), -len(blocks) - 1):
        with pytest.raises(IndexError):
            table[bad]
        with pytest.raises(IndexError):
            table.texts([0, bad])
    with pytest.raises(TypeError, match="str"):
        table["1"]  # type: ignore[index]
    with pytest.raises(TypeError):
        text_block_table(b"\xe6\x96\xb0")  # type: ignore[arg-type]
    assert len(text_block_table("")) == 0 and list(text_block_table("\n \n")) == []
    from cleantext import _core

    with pytest.raises(ValueError, match="differ in length"):
        _core.CharMap("來源", "来")
    simplified = table.simplified(_core.CharMap("条一", "條壹"))
    assert simplified.texts()[2:] == ["條目壹\n條目壹的摘要", "條目二"] and simplified[0].start == table[0].start


@pytest.mark.skipif(not DEV.is_dir(), reason="no dev corpus (../shared)")
def test_table_measures_and_selects_as_the_tuple() -> None:
    """Measure and selection read the table's texts in the core: the features, the traditional
    scan and the verdicts are those of the tuple of the same blocks, on every dev dump and on a
    dump written in traditional characters."""
    dumps = [decode(p.read_bytes()).text for p in sorted(DEV.glob("*.txt")) if not p.name.endswith(".gold.txt")]
    dumps.append("新聞標題\n本報訊 記者王小明報導，今天兩岸學者在臺北舉行會議。\n責任編輯：李四\n")
    for dump in dumps:
        table, blocks = text_block_table(dump), text_blocks(dump)
        matchable, want_matchable = simplified_blocks(table), simplified_blocks(blocks)
        assert (matchable is None) == (want_matchable is None)
        if matchable is not None:  # the table's simplified texts are a table of the same blocks
            assert matchable.texts() == want_matchable and len(matchable) == len(blocks)
        columns, want = measure_columns(table), measure_columns(blocks)
        assert columns.pack() == want.pack()
        scores = score_columns(want)
        assert select_columns(table, columns, scores) == select_columns(blocks, want, scores)
    assert simplified_blocks(text_block_table(dumps[-1])) is not None
