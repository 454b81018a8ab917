"""The text pass's shortcuts against what they replaced, kept here as the oracles.

- ``generic.letter_facts`` (the core's letters, in-words and punctuation of each text) against
  ``letters``/``_in_words``/``_PUNCT`` (Python's ``re``), on every character of the Basic
  Multilingual Plane, on random texts (astral characters and lone surrogates included) and on the
  dev pages' blocks; ``letter_fallback`` against ``letter_region_of`` then ``takes_over``.
- ``Blocks.joined`` against ``"\\n".join`` of the kept texts.
- ``simplified_blocks`` of a table (``Blocks.simplified_if_any``) against ``any_in`` then
  ``simplified`` (the two scans it replaced).
- ``_little_han_fallback``'s marked lines against a scan of its reasons.

The dev pages are read where ``../shared`` is present (skipped elsewhere).
"""

from __future__ import annotations

import random
import sys
from itertools import compress
from pathlib import Path

import pytest
from pages import short_lines, wrapped_dump

from cleantext import generic, pipeline
from cleantext.blocks import RawBlock, text_block_table, text_blocks
from cleantext.blocks.html import html_block_rows
from cleantext.blocks.model import joined_texts
from cleantext.decode import decode
from cleantext.features import CHARS, HAN, measure_columns, measure_simplified
from cleantext.lexicon import _t2s_chars, _t2s_map, simplified_blocks
from cleantext.score import score_columns
from cleantext.select import Selection, select_columns

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
_DUMPS = sorted(p for p in DEV.glob("*.txt") if not p.name.endswith(".gold.txt")) if DEV.is_dir() else []


def _facts_by_python(texts: list[str]) -> tuple[list[int], list[bool], list[bool]]:
    """What ``letter_facts`` gives, by Python's own ``re`` and ``str`` (the oracle)."""
    return (
        [generic.letters(t) for t in texts],
        [generic._in_words(t) for t in texts],
        [generic._PUNCT.search(t) is not None for t in texts],
    )


def _random_text(rng: random.Random) -> str:
    alphabet = "aZ_5٣²Ⅻ中の한 \t\x1c\u3000\u00a0.。,，!?：;、\x1f\u0301\u0e31ªº" + "\U00020000\U0001f600\ud800\udfff"
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))


def test_letter_facts_on_every_bmp_character() -> None:
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    assert generic.letter_facts(chars) == _facts_by_python(chars)


def test_letter_facts_on_random_texts() -> None:
    rng = random.Random(20261204)
    texts = [_random_text(rng) for _ in range(5000)]
    assert generic.letter_facts(texts) == _facts_by_python(texts)
    blocks = [RawBlock(t, "paragraph", 0, len(t)) for t in texts]
    assert generic.letter_facts(blocks) == _facts_by_python(texts)
    assert generic.letter_facts([]) == ([], [], [])


def test_the_letter_set_is_what_re_matches() -> None:
    letters = generic.bmp_letters()
    assert generic.bmp_letters() is letters  # (once a process)
    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert generic.letter_facts([bmp])[0] == [generic.letters(bmp)]


@pytest.mark.skipif(not _DUMPS, reason="no dev corpus")
def test_on_the_dev_dumps() -> None:
    fell_back = 0
    for path in _DUMPS:
        table = text_block_table(decode(path.read_bytes()).native)
        texts = table.texts()
        # the facts of a table, read in the core
        assert generic.letter_facts(table) == _facts_by_python(texts), path.name
        # the kept texts joined, for a few selections
        for kept in ([True] * len(table), [i % 3 == 0 for i in range(len(table))], [False] * len(table)):
            assert joined_texts(table, kept) == "\n".join(compress(texts, kept)), path.name
        # one scan for traditional characters, then the simplified texts: as any_in then simplified
        simplified = simplified_blocks(table)
        old = table.simplified(_t2s_map()) if any(c in _t2s_chars() for t in texts for c in t) else None
        assert (simplified is None) == (old is None), path.name
        if simplified is not None and old is not None:
            assert simplified.texts() == old.texts() and len(simplified) == len(old), path.name
            assert simplified.changed() == [i for i, (a, b) in enumerate(zip(texts, old.texts())) if a != b]
        # the fallback of a page with little Han text: letter_region_of then takes_over
        columns = measure_columns(table, simplified)
        chosen = select_columns(table, columns, score_columns(columns), None, [], matchable=simplified)
        if generic.is_han_page(sum(columns[HAN]), sum(columns[CHARS])):
            continue
        region = generic.letter_region_of(texts, columns)
        want = region if region and generic.takes_over(region, chosen.kept, texts) else None
        assert generic.letter_fallback(table, columns, (), chosen.kept) == want, path.name
        after = pipeline._little_han_fallback(table, columns, (), chosen)
        fell_back += after is not chosen
        rescanned = Selection(after.kept, after.reasons, after.title, after.region, after.title_index)
        assert after.marked_lines() == rescanned.marked_lines(), path.name
    assert fell_back > 0  # (the dev dumps hold pages in other scripts)


def _measured_both_ways(table: object) -> tuple[object, object]:
    """``measure_simplified`` of ``table`` and what it replaces (the page's scan for traditional
    characters, then its measure), each as (columns as lists, the changed blocks or None)."""
    columns, reading = measure_simplified(table)  # type: ignore[arg-type]
    scanned = simplified_blocks(table)  # type: ignore[arg-type]
    before = measure_columns(table, scanned)  # type: ignore[arg-type]

    def listed(columns: object, reading: object) -> tuple[object, object]:
        lists = [list(columns[k]) for k in range(len(columns))]  # type: ignore[index, arg-type]
        return lists, None if reading is None else reading.changed()  # type: ignore[attr-defined]

    return listed(columns, reading), listed(before, scanned)


@pytest.mark.skipif(not _DUMPS, reason="no dev corpus")
def test_measure_finds_the_traditional_blocks_of_dev_pages() -> None:
    changed = 0
    for path in _DUMPS:
        for page in (path, path.with_suffix(".html")):
            native = decode(page.read_bytes()).native
            table = text_block_table(native) if page.suffix == ".txt" else html_block_rows(native)[0]
            fused, before = _measured_both_ways(table)
            assert fused == before, page.name
            changed += fused[1] is not None
    assert changed >= 10  # (the dev pages hold traditional ones, in both forms)


def test_measure_finds_the_traditional_blocks_of_random_pages() -> None:
    rng = random.Random(12)
    pieces = ["來源", "中央社", "新闻", "報導", "說", "\n", "\n", "\n\n", "  ", "a", "𠀀", "，", "。", "版權所有"]
    found = 0
    for _ in range(2_000):
        page = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        fused, before = _measured_both_ways(text_block_table(page))
        assert fused == before, page
        found += fused[1] is not None
    assert 500 < found < 2_000


def test_letter_fallback_on_listed_blocks() -> None:
    texts = [
        "ホーム ニュース",
        "今日は、東京で新しい店が開きました。多くの人が訪れています。",
        "店長は、これからも地域の人に愛される店にしたいと話しました。",
        "© 2024 サイト",
    ]
    blocks = [RawBlock(t, "paragraph", 0, 1) for t in texts]
    columns = measure_columns(blocks)
    for kept in ([False] * 4, [True] * 4, [False, True, False, False]):
        region = generic.letter_region_of(texts, columns)
        want = region if region and generic.takes_over(region, kept, texts) else None
        assert generic.letter_fallback(blocks, columns, (), kept) == want


def test_joined_texts_of_listed_blocks_and_flags() -> None:
    blocks = [RawBlock(t, "line", 0, 1) for t in ("甲", "", "丙")]
    assert joined_texts(blocks, (True, True, True)) == "甲\n\n丙"
    table = text_block_table("甲\n乙\n丙\n")
    assert table.joined([1, 0, 1], "|") == "甲|丙"  # (any flags: their truth)
    assert table.joined([], "\n") == ""
    with pytest.raises(ValueError):
        table.joined([True] * 4, "\n")


def test_a_long_joined_text_is_the_same_made_in_pieces() -> None:
    """``Blocks.joined`` makes a text over 1 MB of UTF-8 in pieces, then joins them: the same
    text, whatever the pieces' widths (ASCII, CJK, a character past the BMP in one piece only)."""
    rng = random.Random(23)
    alphabet = ["今天我们在重庆签署了合作协议。", "The quick brown fox. ", "双方将在科技创新方面深度合作。"]
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) + str(k) for k in range(40_000)]
    lines[25_000] += "\U00020000"  # (a wide character: that piece's str holds 4 bytes a character)
    table = text_block_table("\n\n".join(lines) + "\n")
    assert table.texts() == lines
    kept = [k % 7 != 3 for k in range(len(lines))]
    text = table.joined(kept, "\n")
    assert len(text.encode()) > 3_000_000  # (several pieces)
    assert text == "\n".join(compress(lines, kept))
    assert table.joined([True] * len(lines), "") == "".join(lines)


def test_a_few_traditional_lines_cost_their_texts_only() -> None:
    """A large dump where a few lines hold traditional characters: its simplified reading
    (``simplified_if_any``) holds which blocks change, not their texts, and gives what a whole
    copy gives (the same texts, features and selection)."""
    line = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作，推动长江经济带高质量发展。"
    lines = [f"{line}{k}" for k in range(20_000)]
    for k in (5, 7_000, 19_999):
        lines[k] = f"本報訊 記者王小明報導，兩岸學者在臺北舉行會議{k}"
    dump = "\n\n".join(lines) + "\n"
    table = text_block_table(dump)
    simplified = simplified_blocks(table)
    whole = table.simplified(_t2s_map())
    assert simplified is not None and len(simplified) == len(table) == 20_000
    assert simplified.texts() == whole.texts() and simplified.changed() == [5, 7_000, 19_999]
    assert simplified.texts()[7_000].startswith("本报讯 记者王小明报导，两岸学者在台北举行会议")
    assert sys.getsizeof(simplified) < 1_000 < 1_000_000 < sys.getsizeof(whole)
    assert sys.getsizeof(table) < len(dump.encode()) < sys.getsizeof(whole)  # (the dump's own: held, not copied)
    columns = measure_columns(table, simplified)
    assert columns.pack() == measure_columns(table, whole).pack()
    scores = score_columns(columns)
    assert select_columns(table, columns, scores, matchable=simplified) == select_columns(
        table, columns, scores, matchable=whole
    )


def test_a_dump_in_traditional_characters_throughout() -> None:
    """Every line changes: the reading still holds no text (each is simplified as it is read),
    and measure and selection see what they see in a whole copy."""
    line = "本報訊 記者王小明報導，兩岸學者在臺北舉行會議，討論經濟與文化交流。未經本網授權不得轉載"
    dump = "\n\n".join(f"{line}{k}" for k in range(5_000)) + "\n"
    table = text_block_table(dump)
    simplified, whole = simplified_blocks(table), table.simplified(_t2s_map())
    assert simplified is not None and simplified.changed() == list(range(5_000))
    assert sys.getsizeof(simplified) <= 8 * 5_000 + 100 < len(dump.encode()) < sys.getsizeof(whole)
    columns = measure_columns(table, simplified)
    assert columns.pack() == measure_columns(table, whole).pack()
    assert "copyright" in columns[11][0]  # (found in the simplified text only)
    scores = score_columns(columns)
    assert select_columns(table, columns, scores, matchable=simplified) == select_columns(
        table, columns, scores, matchable=whole
    )


def test_a_reading_of_other_blocks_is_refused() -> None:
    table, other = text_block_table("來源\n正文\n"), text_block_table("來源\n正文\n")
    simplified = simplified_blocks(other)
    assert simplified is not None
    with pytest.raises(ValueError, match="other blocks"):
        measure_columns(table, simplified)
    columns = measure_columns(other, simplified)
    with pytest.raises(ValueError, match="other blocks"):
        select_columns(table, columns, score_columns(columns), matchable=simplified)


def test_a_dumps_blocks_read_their_texts_in_the_dump() -> None:
    """A dump's table holds the dump (its UTF-8 bytes: a ``Utf8Text``'s own object, not a copy)
    and reads each text that is a slice of it there: it copies only the texts the splitter made
    (list items joined over lines), and gives the same blocks."""
    lines = [f"今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。{k}" for k in range(10_000)]
    dump = "\n\n".join(lines) + "\n  • 条目一\n    条目一的摘要\n"
    raw = dump.encode()
    decoded = decode(raw)
    assert decoded.native is not dump  # (a Utf8Text over the page's bytes)
    table = text_block_table(decoded.native)
    assert len(table) == 10_001 and table.texts()[-1] == "条目一\n条目一的摘要"
    assert table.texts() == text_block_table(dump).texts() == [b.text for b in text_blocks(dump)]
    # ~52 bytes a block for the arrays, and the one joined text: none of the 10,000 slices
    assert sys.getsizeof(table) < 60 * len(table) + 200 < len(raw)
    assert list(table) == list(text_block_table(dump)) == list(text_blocks(dump))


_PEAK_OF_A_SPLIT = """
import sys
from cleantext.blocks import text_block_table
def peak():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
dump = sys.stdin.buffer.read().decode()
before = peak()
table = text_block_table(dump)
print(len(table), round(peak() - before))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak RSS from /proc")
@pytest.mark.parametrize(
    ("dump", "blocks", "most_mib"),
    [
        ("\n" * 6_000_000 + "今天，我们在重庆签署了合作协议，双方将深度合作。", 1, 40),  # 6 M blank lines
        ("字\n" * 3_000_000, 1, 60),  # one paragraph "wrapped" at 2 columns: 3 M lines joined
        # 10 MB of wrapped prose, 68,340 paragraphs each joined: the table copies each joined text
        # as the splitter makes it (all of them were held twice: +28 MiB, now +14)
        (wrapped_dump(10_000_000), 68_340, 20),
    ],
)
def test_a_dump_of_millions_of_lines_holds_no_list_of_them(dump: str, blocks: int, most_mib: int) -> None:
    """The splitter reads a dump's lines one at a time (it held each line, 40 bytes, blank ones
    too: +387 MiB for 6 M blank lines) and a wrapped paragraph as its joined text (it held each
    wrapped line, 32 bytes), which the table copies as it comes. The peak RSS a split adds, in
    a fresh process (the core's memory is not Python's: tracemalloc does not see it)."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _PEAK_OF_A_SPLIT], input=dump.encode(), capture_output=True, check=True
    )
    count, added = map(int, done.stdout.split())
    assert count == blocks
    assert added < most_mib, f"the split added {added} MiB"


def test_a_dump_of_tiny_lines_keeps_within_its_block_budget() -> None:
    """``字`` and a blank line, 200,000 times (1 MB): a block each made 200,000 blocks (250 MiB
    at the peak). Past the budget (50,000 plus 5,000 per million characters) each tiny line
    joins the tiny lines before it: ~53,000 blocks, each joined one a line with the reason
    ``merged``, and every character still there, in order."""
    lines = 200_000
    doc = pipeline.extract("字\n\n" * lines, input_format="text", use_jieba=False)
    blocks = doc.blocks
    assert 50_000 < len(blocks) < 60_000
    merged = [b for b in blocks if "merged" in b.reasons]
    assert merged and all(b.kind == "line" and "\n" in b.text for b in merged)
    assert all("\n" not in b.text for b in blocks if "merged" not in b.reasons)
    assert "".join(b.text for b in blocks).replace("\n", "") == "字" * lines


def test_a_dump_of_short_lines_keeps_within_its_hard_budget() -> None:
    """1 MB of short lines (``pages.short_lines``), ~73,000 of them: none is tiny, so only the
    hard budget joins them (50,000 blocks plus 4,000 per MB of the dump read: 60,000 per million
    characters let a 10 MB dump of them make 600,000 blocks, 335 MiB at the peak against its
    bound of 179).
    Every joined block is a line with the reason ``merged``, and every character is still there,
    in order."""
    dump = short_lines(1_000_000)
    doc = pipeline.extract(dump, input_format="text", use_jieba=False)
    blocks = doc.blocks
    assert 50_000 < len(blocks) <= 54_000
    merged = [b for b in blocks if "merged" in b.reasons]
    assert merged and all(b.kind == "line" and "\n" in b.text for b in merged)
    assert "".join(b.text for b in blocks).replace("\n", "") == dump.replace("\n", "")


_PEAK_OF_AN_EXTRACT = """
import sys
from cleantext import Cleaner
def peak():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
cleaner = Cleaner(input_format="text").warm_up()
page = sys.stdin.buffer.read()
doc = cleaner.extract(page)
print(len(page), round(peak()), doc.text.count("\\n") + 1)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak RSS from /proc")
@pytest.mark.parametrize("kind", ["short lines", "wrapped prose"])
def test_a_big_dump_keeps_within_its_memory_bound(kind: str) -> None:
    """The issue's bound for a text dump, peak RSS <= 3 x input + 150 MiB, on 10 MB dumps whose
    blocks cost more than the synthetic article's: short lines (a block every 14 bytes) and
    prose ``w3m -dump`` wrapped (``tests/pages/dump_wrapped.txt`` repeated: each paragraph's
    lines joined, a text of the splitter's own). In a fresh process, jieba loaded."""
    import subprocess

    page = (short_lines if kind == "short lines" else wrapped_dump)(10_000_000).encode()
    done = subprocess.run([sys.executable, "-c", _PEAK_OF_AN_EXTRACT], input=page, capture_output=True, check=True)
    size, peak, _ = map(int, done.stdout.split())
    bound = 3 * size / 2**20 + 150
    assert peak <= bound, f"{kind}: peak {peak} MiB, bound {bound:.0f}"
