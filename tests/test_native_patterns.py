"""The patterns the native selection reads itself (``rust/src/select/patterns.rs``) against
Python's ``re``, which stays their owner.

- ``metadata._DATELINE_NEEDS``, read loosely: a necessary condition of ``metadata.is_dateline``.
  Wherever Python's first test and ``_DATELINE_NEEDS`` (on the simplified text with the web
  addresses' digits removed) pass, the core's condition must pass: checked on every block of the
  dev pages (both modes) and on 60,000 seeded random dateline-like lines, and on every digit and
  white-space character Python knows.
- ``select.THREAD_MARKS``, read exactly (its look-behind opening a branch, its multi-line ``$``):
  the same answer as ``select.is_thread`` (the pattern searched in the short blocks' texts joined
  by ``"\n"``) on every dev page (both modes) and on 50,000 random pages built from its pieces,
  every white space Python knows, ``"\n"``, brackets and ASCII; left to Python where a short
  block holds a lone surrogate.
- ``select.TITLE_LABEL.match`` and ``select.CHAPTER.search``, read exactly: the same answer as
  Python's on every dev block, 60,000 random lines and every code point; and the reading itself on
  patterns built to hit what Python's syntax and the ``regex`` crate's read differently.
- The reading of look-behinds (one character class opening a top-level branch of a search), of
  ``^``/``$`` under ``re.MULTILINE``, and of a ``$`` or a look-ahead ending a top-level branch,
  against Python on random texts; refused elsewhere.
- The selection asks Python only what the core cannot answer (counted, Python's ``THREAD_MARKS``
  too), and asks it all when the core reads no pattern, with the same outcome.
"""

from __future__ import annotations

import random
import re
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selection_inputs import selection_inputs

from cleantext import Cleaner, _core, metadata, select
from cleantext.features import han_count
from cleantext.lexicon import simplified, simplified_all
from cleantext.select import CHAPTER, THREAD_MARKS, TITLE_LABEL

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
SelectPatterns = _core.SelectPatterns
NATIVE = select._PagePatterns.native
#: Every character Python's ``re`` reads as ``\d`` and as ``\s`` (its own Unicode database).
PY_DIGITS = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\d", chr(c))]
PY_SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


def python_may_be_dateline(text: str, han: int) -> bool:
    """``metadata.is_dateline`` up to and including its ``_DATELINE_NEEDS`` search."""
    if han > 40 or len(text) > 120 or metadata._DATELINE_HINT.search(text) is None:
        return False
    plain = simplified(metadata._ADDRESS.sub(metadata._without_digits, text))
    return metadata._DATELINE_NEEDS.search(plain) is not None


def _check_dateline_superset(texts: list[str], matchable: list[str]) -> tuple[int, int, int]:
    """Asserts the core's condition passes wherever Python's does; (Python passes, core passes,
    core passes where Python does not)."""
    python = core = extra = 0
    missed = []
    for text, plain in zip(texts, matchable):
        han = han_count(text)
        want = python_may_be_dateline(text, han)
        got = NATIVE.may_be_dateline(text, han, plain)
        python += want
        core += got
        extra += got and not want
        if want and not got:
            missed.append(text)
    assert not missed, f"{len(missed)} lines Python may call datelines the core skips: {missed[:5]!r}"
    return python, core, extra


def _check_exact(texts: list[str]) -> None:
    for text in texts:
        assert NATIVE.title_label(text) is (TITLE_LABEL.match(text) is not None), repr(text)
        assert NATIVE.chapter(text) is (CHAPTER.search(text) is not None), repr(text)


def test_the_selection_patterns_are_read_natively() -> None:
    assert NATIVE.fallbacks == {}
    assert NATIVE.title_label("主题：江城的夏天") is True and NATIVE.title_label("本帖主题：x") is False
    assert NATIVE.chapter("第十二章 风起") is True and NATIVE.chapter("第一次") is False
    assert NATIVE.may_be_dateline("來源：中央社", 4, "来源：中央社") and not NATIVE.may_be_dateline("12个人", 3)


# -- the dev pages --------------------------------------------------------------------------------


def _dev_blocks() -> Iterator[tuple[list[str], list[str]]]:
    """(texts, matchable) of each page the pipeline hands selection, both modes."""
    pages = (
        (page.read_bytes(), fmt)
        for p in sorted(DEV.glob("*.html"))
        for page, fmt in [(p, "auto"), (p.with_suffix(".txt"), "text")]
    )
    for args in selection_inputs(pages):
        texts = [b.text for b in args[0]]
        matchable = args[6] if len(args) > 6 and args[6] is not None else simplified_all(texts)
        yield texts, matchable if isinstance(matchable, list) else matchable.texts()  # (a dump's table)


@pytest.fixture(scope="module")
def dev_pages() -> list[tuple[list[str], list[str]]]:
    if not any(DEV.glob("*.html")):
        pytest.skip("no dev corpus at ../shared")
    return list(_dev_blocks())


@pytest.fixture(scope="module")
def dev_blocks(dev_pages: list[tuple[list[str], list[str]]]) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    matchable: list[str] = []
    for t, m in dev_pages:
        texts += t
        matchable += m
    return texts, matchable


def python_is_thread(texts: list[str]) -> bool:
    """``select.is_thread`` of blocks with these texts."""
    return select.THREAD_MARKS.search("\n".join(t for t in texts if len(t) <= select._MARK_CHARS)) is not None


def test_dev_thread_marks_agree(dev_pages: list[tuple[list[str], list[str]]]) -> None:
    threads = [python_is_thread(texts) for texts, _ in dev_pages]
    assert [NATIVE.thread_marks(texts) for texts, _ in dev_pages] == threads
    assert [NATIVE.may_be_thread(texts) for texts, _ in dev_pages] == threads
    assert len(dev_pages) == 228 and 4 <= sum(threads) < len(dev_pages) / 10


_MARK_PIECES = [
    "只看楼主", "仅看楼主", "只看该作者", "倒序看帖", "(楼主)", "（楼主）", "(楼主）", "[楼主]", "楼主", "楼主", "楼主",
    "楼 主", "只看", "作者", "看帖", "楼", "主", "\n", "\n", "(", ")", "（", "）", "[", "]", "x", "Re", "1楼", "#", "-",
    "回复", "沙发", "\u200b", "\ufeff",
]  # fmt: skip


def _thread_like(rng: random.Random) -> list[str]:
    """A page's block texts, some holding a thread's controls (whole, cut, bracketed, after or
    before white space of any kind Python knows or none, or within a sentence), some near
    ``_MARK_CHARS`` characters long, a few holding a lone surrogate."""
    texts = []
    for _ in range(rng.randint(0, 6)):
        parts = []
        for _ in range(rng.randint(1, 5)):
            r = rng.random()
            parts.append(rng.choice(_MARK_PIECES) if r < 0.55 else rng.choice(PY_SPACES) if r < 0.9 else "楼主")
        text = "".join(parts)
        if rng.random() < 0.15:  # a long text: searched when it has at most _MARK_CHARS characters
            filler = rng.choice(["回", "a", "𝟎", " "]) * (select._MARK_CHARS - len(text) + rng.randint(-2, 2))
            text = filler + text if rng.random() < 0.5 else text + filler
        if rng.random() < 0.02:
            text += "\ud800"
        texts.append(text)
    return texts


def test_random_thread_marks_agree() -> None:
    rng = random.Random(4)
    pages = [_thread_like(rng) for _ in range(50_000)]
    threads = [python_is_thread(texts) for texts in pages]
    lone = [any("\ud800" in t for t in texts if len(t) <= select._MARK_CHARS) for texts in pages]
    core = [NATIVE.thread_marks(texts) for texts in pages]
    wrong = [(texts, t, c) for texts, t, c, left in zip(pages, threads, core, lone) if c is not (None if left else t)]
    assert not wrong, wrong[:3]
    assert sum(threads) > 10_000 and len(pages) - sum(threads) > 10_000  # both answers are common
    assert 100 < sum(lone) < 5_000
    # each way of being one, and of nearly being one, is common
    ends = [t for texts in pages for t in texts if t.endswith("楼主") and len(t) <= select._MARK_CHARS]
    spaced = [t for t in ends if len(t) > 2 and t[-3].isspace()]
    assert len(spaced) > 2_000 and len(ends) - len(spaced) > 2_000
    assert len({t[-3] for t in spaced}) == len(PY_SPACES)  # every white space before one


def test_dev_datelines_are_never_skipped(dev_blocks: tuple[list[str], list[str]]) -> None:
    texts, matchable = dev_blocks
    assert len(texts) > 20_000 and any(t != m for t, m in zip(texts, matchable))  # traditional pages too
    python, core, extra = _check_dateline_superset(texts, matchable)
    candidates = sum(
        len(t) <= 120 and han_count(t) <= 40 and metadata._DATELINE_HINT.search(t) is not None for t in texts
    )
    assert 3_000 < python <= core < candidates / 10  # the core skips most of what the first test lets through
    assert extra < python / 50


def test_dev_title_labels_and_chapters_agree(dev_blocks: tuple[list[str], list[str]]) -> None:
    texts, _ = dev_blocks
    _check_exact(texts)
    assert sum(TITLE_LABEL.match(t) is not None for t in texts) >= 5
    assert sum(CHAPTER.search(t) is not None for t in texts) >= 20


# -- random lines ---------------------------------------------------------------------------------

_SCRIPT_DIGITS = [
    "0123456789",
    "０１２３４５６７８９",
    "٠١٢٣٤٥٦٧٨٩",
    "۰۱۲۳۴۵۶۷۸۹",
    "०१२३४५६७८९",
    "๐๑๒๓๔๕๖๗๘๙",
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
]
_SPACES = [" ", "\u3000", "\x1c", "\x1d", "\x1e", "\x1f", "\t", "\n", "\xa0", "\x85", "\u2028", "\u200b", "\ufeff"]
_DATELINE_PIECES = [
    "来源", "來源", "出处", "出處", "作者", "记者", "記者", "撰文", "文", "文章来源", "图片来源", "：", ":", "/",
    "-", ".", "年", "月", "日", "时", "時", "分", "前", "秒", "分钟", "分鐘", "小时", "小時", "天", "周", "週",
    "个月", "個月", "刚刚", "剛剛", "昨天", "前天", "今天", "发布时间", "發佈時間", "http://x.cn/",
    "https://a.com/2021/", "www.", "www.b.", "a", "Z", "_", "?", "#", "=", "新华社", "他说", "。", "，", "（", "）",
    "【", "】", "|", "丨", "《", "》", "\ud800",
]  # fmt: skip


def _digits(rng: random.Random) -> str:
    script = rng.choice(_SCRIPT_DIGITS) if rng.random() < 0.3 else "0123456789"
    return "".join(rng.choice(script) for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 5])))


def _space(rng: random.Random, most: int = 2) -> str:
    return "".join(rng.choice(_SPACES) for _ in range(rng.randint(0, most)))


def _atom(rng: random.Random) -> str:
    """A piece of a dateline as ``_DATELINE_NEEDS`` spells it (a date, a time, a label), a
    character of it sometimes dropped or replaced (a near miss)."""
    d, sp = _digits, _space
    atom = rng.choice(
        [
            lambda: d(rng) + sp(rng) + rng.choice("-/年.") + sp(rng) + d(rng) + sp(rng) + rng.choice("-/月.") + d(rng),
            lambda: d(rng) + sp(rng) + rng.choice(["秒", "分钟", "小時", "天", "周", "个月", "月", "年"]) + "前",
            lambda: rng.choice(["昨天", "前天", "今天"]) + sp(rng) + d(rng) + rng.choice(":：") + d(rng),
            lambda: d(rng) + rng.choice("-/月") + d(rng) + rng.choice(["日", ""]) + sp(rng, 4) + d(rng) + ":" + d(rng),
            lambda: rng.choice(["来源", "來源", "出处", "出處"]) + sp(rng) + rng.choice(":：/"),
            lambda: rng.choice(["作者", "记者", "記者", "撰文", "文"]) + sp(rng) + rng.choice(":：/-"),
        ]
    )()
    return _near_miss(rng, atom, lambda: ["", rng.choice(_DATELINE_PIECES), _digits(rng)])


def _near_miss(rng: random.Random, atom: str, replacements: Callable[[], list[str]]) -> str:
    """``atom``, three times in ten with one of its characters dropped or replaced by one of
    ``replacements()``."""
    if rng.random() < 0.3:
        k = rng.randrange(len(atom))
        atom = atom[:k] + rng.choice(replacements()) + atom[k + 1 :]
    return atom


def _mixture(rng: random.Random, most: int, parts: list[tuple[float, Callable[[], str]]]) -> str:
    """1 to ``most`` parts joined, each made by the first of ``parts`` whose bound a random draw
    falls under (the last's bound is 1)."""
    out = []
    for _ in range(rng.randint(1, most)):
        r = rng.random()
        out.append(next(make for bound, make in parts if r < bound)())
    return "".join(out)


def _dateline_like(rng: random.Random) -> str:
    return _mixture(
        rng,
        7,
        [
            (0.25, lambda: _atom(rng)),
            (0.45, lambda: _digits(rng)),
            (0.55, lambda: _space(rng, 4)),
            (0.6, lambda: rng.choice(PY_DIGITS)),
            (1.0, lambda: rng.choice(_DATELINE_PIECES)),
        ],
    )


def test_random_datelines_are_never_skipped() -> None:
    rng = random.Random(20261203)
    texts = [_dateline_like(rng) for _ in range(60_000)]
    python, core, _ = _check_dateline_superset(texts, [simplified(t) for t in texts])
    assert 10_000 < python and len(texts) - core > 20_000  # both answers are common


def test_address_digits_and_look_behinds() -> None:
    """Python removes an address's digits before its search, which can join a digit to what
    followed it, and its look-behinds then pass: the core reads the text as it is, without them."""
    for text in ["http://x12٣-3 12:30", "www.a1٣-4 9:30", "http://b.cn/123٥天前", "12www.x٣-4 09:30", "来源http://1:"]:
        assert NATIVE.may_be_dateline(text, han_count(text), simplified(text)) >= python_may_be_dateline(
            text, han_count(text)
        ), text


def test_every_python_digit_and_space() -> None:
    for d in PY_DIGITS:
        for text in [d * 4 + "-" + d + "-" + d, d + "天前", d + "-" + d + " " + d + ":" + d * 2]:
            assert python_may_be_dateline(text, han_count(text)), text
            assert NATIVE.may_be_dateline(text, han_count(text), text), text
    for s in PY_SPACES:
        for text in [
            "来源" + s + "：",
            "作者" + s * 3 + "/",
            "3" + s + "小时前",
            "2021" + s + "年" + s + "5月" + s + "9",
        ]:
            assert python_may_be_dateline(text, han_count(text)), repr(text)
            assert NATIVE.may_be_dateline(text, han_count(text), text), repr(text)


_LABEL_PIECES = [
    "主题", "标题", "標題", "帖子主题", "文章标题", "原标题", "原题", "原题为", "原題", "本帖", "第", "章", "节",
    "回", "卷", "集", "话", "話", "零", "〇", "一", "两", "十", "百", "千", "万", "萬", "[", "]", "【", "】", "（",
    "(", ")", "《", "》", ":", "：", "x", "Re", "楼主", "\ud800", "。",
]  # fmt: skip


def _label_atom(rng: random.Random) -> str:
    """A title line's opening or a chapter's name as the patterns spell them, a character of it
    sometimes dropped or replaced."""
    sp = _space
    numerals = "".join(rng.choice("0123456789零〇一二两三四五六七八九十百千万１٣") for _ in range(rng.randint(1, 3)))
    atom = rng.choice(
        [
            lambda: (
                sp(rng)
                + rng.choice(["", "[" + rng.choice(["", "原创", "]", "x"]) + "]" + sp(rng)])
                + rng.choice(["", "【", "[", "（", "("])
                + rng.choice(["主题", "标题", "帖子主题", "文章标题", "原标题", "原题", "原题为", "標題"])
                + sp(rng)
                + rng.choice(":：】]《")
                + sp(rng)
                + rng.choice(["x", "江", "", " ", "\u3000", "\x1f"])
            ),
            lambda: "第" + sp(rng) + numerals + sp(rng) + rng.choice("章节回卷集话話"),
        ]
    )()
    return _near_miss(rng, atom, lambda: ["", rng.choice(_LABEL_PIECES), rng.choice(_SPACES)])


def _label_like(rng: random.Random) -> str:
    return _mixture(
        rng,
        5,
        [
            (0.4, lambda: _label_atom(rng)),
            (0.5, lambda: _digits(rng)),
            (0.6, lambda: _space(rng, 3)),
            (1.0, lambda: rng.choice(_LABEL_PIECES)),
        ],
    )


def test_random_title_labels_and_chapters_agree() -> None:
    rng = random.Random(1203)
    texts = [_label_like(rng) for _ in range(60_000)]
    plain = [t for t in texts if "\ud800" not in t]
    _check_exact(plain)
    assert sum(TITLE_LABEL.match(t) is not None for t in plain) > 5_000
    assert sum(CHAPTER.search(t) is not None for t in plain) > 5_000
    lone = [t for t in texts if "\ud800" in t]  # a lone surrogate: Python answers
    assert lone and all(NATIVE.title_label(t) is None and NATIVE.chapter(t) is None for t in lone)


def test_every_code_point_in_the_patterns_places() -> None:
    """Each character where the patterns read a space, a non-space, a digit or a bracket."""
    for c in map(chr, range(sys.maxunicode + 1)):
        if "\ud800" <= c <= "\udfff":
            continue
        text = "第" + c + "3" + c + "章"
        assert NATIVE.chapter(text) is (CHAPTER.search(text) is not None), hex(ord(c))
        text = c + "[" + c + "]主题" + c + "：" + c
        assert NATIVE.title_label(text) is (TITLE_LABEL.match(text) is not None), hex(ord(c))


# -- the reading of patterns ----------------------------------------------------------------------

#: Patterns that Python's syntax and the crate's read differently unless translated.
_EXACT = [
    r"\s+x", r"\S\S", r"[\s]", r"[^\s]", r"[\S]a", r"[^\S]", r"[]a]", r"[^]a]", r"[a-]", r"[-a]", r"[]&&~~-]",
    r"[+--]", r"[&&]", r"[~~]", r"[a\-z]", r"[\[]", r"x{}", r"x{,2}y", r"x{2,}", r"x{1,2}?", r"x{", r"x{a}", r"}",
    r"a.b", r"\Aab", r"ab\Z", r"^a", r"(?P<n>a|b)+c", r"(a)(?:b)", r"#&~", r"\u3000\x41", r"[\u3000-\u3002]", r"\.\*",
    r"a|", r"(|a)b", r"\t\n\r\f\v\a", r"[\b]", r"[\n-\r]", r"\x1c",
]  # fmt: skip
_FALLBACK = [
    r"a(?<!a)b", r"(?:(?<!a)b)", r"(?<!ab)c", r"(?<!a|b)c", r"(?<![\d])c", r"(?<!a)(?<!b)c", r"a(?=b)c", r"a$b",
    r"(a$)", r"(a(?=b))", r"a(?!b)", r"(?=a)b", r"a(?=b$)",
    r"\bx", r"\Bx", r"\d", r"\D", r"\w", r"\W", r"[\d]", r"(a)\1", r"(?i)a", r"a*+", r"(?>a)",
    r"(?P<n>a)(?P=n)", r"(?#c)a", r"\N{DIGIT ONE}", r"\0", r"(?a:x)",
]  # fmt: skip
_ALPHABET = ["a", "b", "c", "x", "y", "z", "-", "]", "[", "&", "~", "+", ",", "{", "}", "#", "*", ".", "\n", "\r", "\b",
             "\x1c", " ", "\u3000", "\u3001", "\u200b", "A", "\t", "\x07", "\x0b", "\x0c"]  # fmt: skip


def test_translated_patterns_match_as_python_does() -> None:
    rng = random.Random(7)
    texts = ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 6))) for _ in range(3_000)]
    for source in _EXACT:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # "possible set difference": still a literal
            p = re.compile(source)
        native = SelectPatterns(title_label=p, chapter=p)
        assert native.fallbacks == {}, source
        for text in [*texts, source]:
            assert native.title_label(text) is (p.match(text) is not None), (source, text)
            assert native.chapter(text) is (p.search(text) is not None), (source, text)


#: Patterns read exactly for a search, not for a match (a look-behind opening a top-level branch:
#: its match starts a character early), each with its flags.
_SEARCH_ONLY = [
    (r"(?<!a)b", 0), (r"(?<=a)b", 0), (r"x|(?<![ab\s])c", 0), (r"(?<!\S)x$", re.MULTILINE),
    (r"(?<!\S)楼主$|只看", re.MULTILINE), (r"(?<=[\]\-])y|^z", re.MULTILINE), (r"(?<![^\n])a", 0), (r"(?<!\n)a", 0),
    (r"(?<=\s)\S", 0), (r"(?<!#)[ab]+$", re.MULTILINE), (r"(?<!x)", 0), (r"^$", re.MULTILINE),
    (r"a$\n^b", re.MULTILINE), (r"(?<![\u3000\x1c])楼主", 0), (r"(?<!\x85)楼", 0),
]  # fmt: skip


#: Patterns whose ``$`` (without re.MULTILINE) or look-ahead ends a top-level branch: read as
#: characters of the match (Python's ``$`` also holds before a final newline), the same answers.
_ENDS_TAKEN = [
    r"a$", r"a(?=b)", r"x|a$", r"[ab]+(?=c)|^d$", r"a\s*$", r"a(?=b|c)|z", r",(?=[\u4e00-\u9fff])|；", r"^$",
    r"(?:a|b)$", r"a{2}(?=[\n\r])",
]  # fmt: skip


def test_ends_of_branches_match_as_python_does() -> None:
    rng = random.Random(71)
    alphabet = [*_ALPHABET, "\n", "\n", "d", ",", "字", "；"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(3_000)]
    texts += ["a", "a\n", "a\n\n", "\n", "", ",字", ",", "aa\n", "ab", "d\n"]
    for source in _ENDS_TAKEN:
        p = re.compile(source)
        native = SelectPatterns(title_label=p, chapter=p, thread_marks=p)
        assert native.fallbacks == {}, source
        answers = set()
        for text in texts:
            want = p.search(text) is not None
            answers.add(want)
            assert native.chapter(text) is want, (source, text)
            assert native.title_label(text) is (p.match(text) is not None), (source, text)
        assert answers == {True, False}, source


def test_look_behinds_and_multiline_anchors_match_as_python_does() -> None:
    rng = random.Random(70)
    alphabet = [*_ALPHABET, "\n", "\n", "楼主", "楼", "只看", "#", "\x85", "\x1f", "\u2029", "\xa0"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7))) for _ in range(3_000)]
    texts += ["a\nb", "xa\nb", "a\n\nb", "x楼主\n", " 楼主\n", "\n楼主", "]y", "-y", "#ab\n"]
    for source, flags in _SEARCH_ONLY:
        p = re.compile(source, flags)
        native = SelectPatterns(title_label=p, chapter=p, thread_marks=p)
        assert set(native.fallbacks) == ({"title_label"} if "(?<" in source else set()), source
        answers = set()
        for text in [*texts, *PY_SPACES, *(s + "楼主" for s in PY_SPACES), *("x" + s + "x" for s in PY_SPACES)]:
            want = p.search(text) is not None
            answers.add(want)
            assert native.chapter(text) is want, (source, text)
            assert native.thread_marks([text]) is (want if len(text) <= 40 else p.search("") is not None)
        assert answers == {True, False} or source == r"(?<!x)", source  # (that one holds at the start)


def test_what_cannot_be_read_exactly_is_left_to_python() -> None:
    for source in _FALLBACK:
        p = re.compile(source)
        native = SelectPatterns(p, p, p)
        assert {"title_label", "chapter"} <= set(native.fallbacks), source
        assert native.title_label("abc") is None and native.chapter("abc") is None
    flagged = SelectPatterns(title_label=re.compile("a", re.IGNORECASE), chapter=re.compile("a", re.DOTALL))
    assert set(flagged.fallbacks) == {"title_label", "chapter"}
    assert SelectPatterns(chapter=re.compile("^a$", re.MULTILINE)).fallbacks == {}
    # A thread mark pattern the core cannot read exactly it reads loosely: Python answers where
    # that finds something, and where it does not, Python's finds nothing either.
    loose = SelectPatterns(thread_marks=re.compile(r"(?<!\d)楼主|x(?=y)"))
    assert set(loose.fallbacks) == {"thread_marks"}
    assert loose.thread_marks(["1楼主"]) is None and loose.thread_marks(["只看"]) is False
    assert loose.may_be_thread(["1楼主"]) and not loose.may_be_thread(["只看"])
    assert "dateline_needs" in SelectPatterns(re.compile(r"(?i)x")).fallbacks
    with pytest.raises(TypeError):
        SelectPatterns(title_label=re.compile(b"a"))


def test_dateline_tests_the_core_cannot_read_are_left_to_python() -> None:
    patterns, limits = metadata.dateline_tests()
    assert SelectPatterns(dateline=(patterns, limits)).fallbacks == {}
    unreadable = (*patterns[:4], re.compile(r"\d{4}\b"), *patterns[5:])  # (a _DATE the crate cannot say)
    native = SelectPatterns(dateline=(unreadable, limits))
    assert native.fallbacks["dateline"].startswith("_DATE:"), native.fallbacks
    assert native.dateline("2021-06-04 来源：新华社", 4) is None  # Python answers every line
    with pytest.raises(ValueError, match="dateline: 8 patterns, not 7"):
        SelectPatterns(dateline=(patterns[:7], limits))
    with pytest.raises(ValueError, match="dateline"):  # (the argument named)
        SelectPatterns(dateline=(patterns, limits[:5]))


# -- what the selection asks ----------------------------------------------------------------------


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    asked: dict[str, list[str]] = {"is_dateline": [], "title_label": [], "chapter": []}
    for name, calls in asked.items():
        real = getattr(select._PagePatterns, name)

        def count(self: Any, i: int, real: Any = real, calls: list[str] = calls) -> bool:
            calls.append(self.blocks[i].text)
            return bool(real(self, i))

        monkeypatch.setattr(select._PagePatterns, name, count)
    real_marks = select._PagePatterns.thread_marks
    asked["thread_marks"] = []

    def marks(self: Any) -> bool:
        asked["thread_marks"].append(self.blocks[0].text)
        return bool(real_marks(self))

    monkeypatch.setattr(select._PagePatterns, "thread_marks", marks)
    asked["THREAD_MARKS"] = []
    monkeypatch.setattr(select, "THREAD_MARKS", _CountedSearch(select.THREAD_MARKS, asked["THREAD_MARKS"]))
    return asked


class _CountedSearch:
    """A compiled pattern whose ``search`` notes each text searched."""

    def __init__(self, pattern: re.Pattern[str], calls: list[str]) -> None:
        self.pattern, self.calls = pattern, calls

    def search(self, text: str) -> re.Match[str] | None:
        self.calls.append(text)
        return self.pattern.search(text)


_DUMP = "\n".join(
    [
        "首页 | 新闻 | 体育",
        "主题：江城举办夏季运动会",
        "发布时间：2023-05-12 09:30 来源：江城日报",
        "今年共有12个区县的3000名运动员参加了比赛，比赛为期5天。",
        "江城市体育局局长在开幕式上说，运动会已经连续举办了20年，成为市民的节日。",
        "第三章 后记",
        "相关阅读",
        "责任编辑：王小明",
    ]
)


_PAGE = (
    "<html><head><title>江城故事_小说网</title></head><body><h1>江城故事</h1>"
    "<p>发布时间：2023-05-12 09:30</p><p>他在江城住了20年，见过3000个来来往往的人，也记得每一个人的名字。</p><ul>"
    + "".join(f"<li><a href='/{n}'>第{n}章 江城的第{n}个夏天</a></li>" for n in range(1, 26))
    + "</ul></body></html>"
)


def test_python_is_asked_only_what_the_core_cannot_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    Cleaner(use_jieba=False).warm_up()  # (the warm-up pages' questions are not counted, whatever ran first)
    asked = _counting(monkeypatch)
    pages = [(_DUMP, Cleaner(input_format="text", use_jieba=False)), (_PAGE, Cleaner(use_jieba=False))]
    pages.append((_DUMP.replace("相关阅读", "只看楼主"), pages[0][1]))  # a forum thread's controls
    pages.append((_DUMP.replace("相关阅读", "作者：王小明"), pages[0][1]))  # an author's label, no date
    docs = [cleaner.extract(page) for page, cleaner in pages]
    assert asked["title_label"] == [] and asked["chapter"] == [] and asked["thread_marks"] == []
    assert asked["THREAD_MARKS"] == []  # Python's pattern is not searched: the core answers it
    # The core answers the datelines (metadata.dateline_tests) but those its tests leave to Python
    assert asked["is_dateline"] == ["作者：王小明"]
    monkeypatch.setattr(select._PagePatterns, "native", SelectPatterns())  # the core reads no pattern: Python answers
    for calls in asked.values():
        calls.clear()
    assert [cleaner.extract(page) for page, cleaner in pages] == docs
    assert "今年共有12个区县的3000名运动员参加了比赛，比赛为期5天。" in asked["is_dateline"]
    assert "发布时间：2023-05-12 09:30 来源：江城日报" in asked["is_dateline"]
    assert "主题：江城举办夏季运动会" in asked["title_label"] and len(asked["chapter"]) >= 25
    assert len(asked["thread_marks"]) == 4 and len(asked["THREAD_MARKS"]) == 4
    # Python's answers, which the core's matched (the same documents): the third page is a thread
    assert [THREAD_MARKS.search(t) is not None for t in asked["THREAD_MARKS"]] == [False, False, True, False]


def test_a_lone_surrogate_in_a_short_block_is_left_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """The core cannot search a text holding a lone surrogate: Python searches the page's short
    blocks (once), and selection decides as the Python one does; one in a long block is not
    searched, and the core answers."""
    import select_oracle

    from cleantext.blocks import RawBlock
    from cleantext.features import measure
    from cleantext.score import score_page

    asked = _counting(monkeypatch)
    prose = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作，共同推动产业升级和人才培养。" * 2
    for lone, thread in [("回复\ud800", True), ("回复\ud800" + "很长" * 30, True), ("回复\ud800", False)]:
        texts = ["首页 新闻", lone, prose, "楼主" if thread else "楼上", prose, "责任编辑：王小明"]
        blocks = [RawBlock(t, "paragraph", 0, len(t)) for t in texts]
        feats = measure(blocks)
        scores = score_page(feats)
        for calls in asked.values():
            calls.clear()
        got = select.select(blocks, feats, scores)
        want = select_oracle.select(blocks, feats, scores)
        assert (got.kept, got.reasons) == (want.kept, want.reasons)
        searched = len(lone) <= select._MARK_CHARS
        assert len(asked["thread_marks"]) == len(asked["THREAD_MARKS"]) == searched, lone
        assert python_is_thread(texts) is thread and NATIVE.thread_marks(texts) is (None if searched else thread)
