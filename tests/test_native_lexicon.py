"""The native boilerplate lexicon scan against the Python scan it replaced (``lexicon_oracle``):
the codes of every block, in order, exactly.

On the dev pages' blocks (HTML and text dumps, decoded as the pipeline decodes them; skipped
where ``../shared`` is absent), on seeded random pages built from the lexicon's own words and
noise, on every code point for the character classes, and on rules written to exercise the
spellings the two regex syntaxes read differently.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lexicon_oracle import boilerplate_tsv, compile_rules, page_codes

from cleantext import _core
from cleantext.blocks import html_blocks, text_blocks
from cleantext.decode import decode
from cleantext.features import han_count, page_lexicon_codes
from cleantext.lexicon import simplified_all

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
RULES = compile_rules(boilerplate_tsv())


def _assert_same(texts: list[str], hans: list[int], label: str = "") -> None:
    assert page_lexicon_codes(texts, hans) == page_codes(RULES, texts, hans), label


def _dev_pages(suffix: str) -> list[Path]:
    if not DEV.is_dir():
        pytest.skip("the dev corpus (../shared/corpus/dev) is absent")
    return sorted(p for p in DEV.glob(f"*{suffix}") if not p.name.endswith(".gold.txt"))


def _page_texts(path: Path) -> list[str]:
    if path.suffix == ".html":
        return [b.text for b in html_blocks(decode(path.read_bytes()).text).blocks]
    return [b.text for b in text_blocks(decode(path.read_bytes()).text)]


@pytest.mark.parametrize("suffix", [".html", ".txt"])
def test_dev_pages(suffix: str) -> None:
    pages = _dev_pages(suffix)
    for path in pages:
        texts = _page_texts(path)
        matchable = simplified_all(texts)
        _assert_same(matchable, [han_count(t) for t in texts], path.name)
        _assert_same(matchable, [0] * len(texts), f"{path.name}, every block a candidate")
    assert len(pages) > 50


#: The lexicon's own words (its patterns' runs of Han characters and of letters), cut and whole.
_WORDS = sorted({w for r in RULES for b in r.branches for w in re.findall(r"[\u4e00-\u9fff]+|[A-Za-z]+", b.pattern)})
_NOISE = [
    *"0123456789 :：|丨/>›»#*+()（）[]【】xXcC©。，的\t",
    "\n", "\x1f", "\n\x1f\n", "\u3000", "\xa0", "é", "𠀀", "  ", "2021", "Re:", "(c) 2021", "HOT", "PHOT", "\ufffd",
]  # fmt: skip
_PIECE = st.one_of(
    st.sampled_from(_WORDS), st.sampled_from(_WORDS).map(lambda w: w[: len(w) // 2 + 1]), st.sampled_from(_NOISE)
)
_TEXT = st.lists(_PIECE, max_size=10).map("".join)
_PAGE = st.lists(st.tuples(_TEXT, st.integers(0, 130)), max_size=12)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(_PAGE)
def test_random_pages_of_lexicon_words(page: list[tuple[str, int]]) -> None:
    texts, hans = [t for t, _ in page], [h for _, h in page]
    _assert_same(texts, hans)


def test_lone_surrogates_match_as_any_other_character() -> None:
    texts = ["版权所有\ud800", "\udc00主办：某某", "1\ud800条评论", "\ud800", "责任编辑：\udfff"]
    _assert_same(texts, [4, 4, 3, 0, 4])


_CLASS_RULES = "\n".join(
    f"{code}\t9\t{pattern}"
    for code, pattern in [
        ("d", r"^\d$"),
        ("s", r"^\s$"),
        ("w", r"^\w$"),
        ("dot", r"^.$"),
        ("not-space", r"^[^\S\n]$"),
        ("boundary-after", r"^.\b"),
        ("boundary-before", r"\b.$"),
        ("no-boundary", r"^x\B"),
    ]
)


def test_character_classes_on_every_code_point() -> None:
    """``\\d``, ``\\s``, ``\\w``, ``.``, ``\\b`` and ``\\B`` mean the same in both engines, on
    every character of Python's own Unicode database.

    (The ``regex`` module carries newer Unicode tables than Rust's ``regex`` crate: on the
    characters assigned since, about 17,500 letters of new scripts and ten digits, its ``\\w`` and
    ``\\d`` say yes and the core's no. No Chinese text holds them.)
    """
    rules = compile_rules(_CLASS_RULES)
    lexicon = _core.Lexicon(_CLASS_RULES)
    chars = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) not in ("Cs", "Cn")]
    for texts in (chars, ["x" + c for c in chars]):
        hans = [0] * len(texts)
        assert lexicon.page_codes(texts, hans) == page_codes(rules, texts, hans)


_SPELLING_RULES = "\n".join(
    [
        "# rules the two syntaxes spell differently, and look-behinds",
        "end\t40\t编辑\\Z|评论$",
        "escaped\t40\t\\：\\s*\\d+|\\【热门\\】",
        "classes\t40\t[[【][^]】]{1,6}[]】]|[&~]{2}",
        "behind\t40\t(?<=\\d\\s{0,3})条评论|(?<!\\S)主办[:：]|(?<![A-Za-z])HOT\\b|(?<=[:：])(?<!x：)\\d+",
        "dots\t12\t未经.{0,12}(?:授权|许可)|^.{2}$",
    ]
)
_SPELLING_NOISE = [*"[]【】&~：:1 x\n条评论主办HOT热门编辑未经授权许可", "\n\x1f\n", "PHOT"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(_SPELLING_NOISE), max_size=12).map("".join), st.integers(0, 50)), max_size=8
    )
)
def test_python_spellings_and_look_behinds(page: list[tuple[str, int]]) -> None:
    texts, hans = [t for t, _ in page], [h for _, h in page]
    got = _core.Lexicon(_SPELLING_RULES).page_codes(texts, hans)
    assert got == page_codes(compile_rules(_SPELLING_RULES), texts, hans)


@pytest.mark.parametrize(
    "line",
    ["x\t1\t(?=a)b", "x\t1\ta(?<=a)", "x\t1\t(?<=a+)b", "x\t1\ta*|b", "x\t1\t(a", "x\tmany\ta", "x\t1"],
)
def test_a_rule_the_core_cannot_run_exactly_is_an_error_naming_its_line(line: str) -> None:
    with pytest.raises(ValueError, match="line 2"):
        _core.Lexicon(f"# rules\n{line}\n")


def test_texts_and_hans_must_pair() -> None:
    with pytest.raises(ValueError, match="length"):
        _core.Lexicon(boilerplate_tsv()).page_codes(["版权所有"], [])


def _oracle_spans(text: str, code: str) -> list[tuple[int, int]]:
    return [m.span() for rule in RULES if rule.code == code for branch in rule.branches for m in branch.finditer(text)]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_TEXT, st.sampled_from(sorted({rule.code for rule in RULES})))
def test_code_spans_are_the_python_matches(text: str, code: str) -> None:
    """``select.label_share`` reads which letters a code's words cover through ``code_spans``."""
    from cleantext.lexicon import boilerplate_lexicon

    assert boilerplate_lexicon().code_spans(text, code) == _oracle_spans(text, code)
