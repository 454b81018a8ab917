"""The core's scan for ``read_head`` (``rust/src/head.rs``) against the regular expressions it
replaced (``tests/headmeta_oracle.py``): on the dev pages, on text dumps read as pages, and on
random tag soups made of what the patterns turn on (letters in any case, the letters Python's
``re`` matches without case beyond ASCII, word boundaries, quotes, the length limits counted in
code points, astral characters and lone surrogates)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from headmeta_oracle import head_scan as oracle

from cleantext.decode import decode
from cleantext.headmeta import head_scan, read_head

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

#: What a soup is made of: tag openings as ``re`` matches them without case (and some it does
#: not), attribute pieces, characters of each class past ASCII, limits' worth of characters.
PIECES = (
    "<meta",
    "<META",
    "<Meta",
    "<meta\u017f",
    "<metaé",
    "<meta中",
    "<meta_",
    "<meta-",
    "<meta\u3000",
    "<title>",
    "<TITLE>",
    "<t\u0130tle>",
    "<t\u0131tle ",
    "<title",
    "</title>",
    "</TİTLE",
    "</tıtle",
    "</title",
    "<script",
    "<\u017fcript",
    "<SCR\u0130PT",
    "<scr\u0131pt",
    "<script>",
    ' type="application/ld+json">',
    "application/ld+json",
    "APPL\u0130CAT\u0131ON/LD+J\u017fON",
    "application/ld+js",
    "\u212a",
    " name=",
    " content=",
    " property=",
    " a=b",
    ' c="d e"',
    " f='g'",
    " h = i",
    "j=",
    "=",
    '="',
    '"',
    "'",
    " ",
    "\t",
    "\n",
    "<",
    ">",
    "/",
    "a",
    "Z",
    "_",
    ":",
    "-",
    ".",
    "1",
    "x:y",
    "k",
    "K",
    "é",
    "中",
    "文",
    "\u0345",
    "\u00b2",
    "\u0661",
    "\u3005",
    "\u3007",
    "\uff0c",
    "\u2160",
    "\u3000",
    "\x85",
    "\xa0",
    "\u2028",
    "\x1c",
    "\x0b",
    "\u200b",
    "\u180e",
    "\U0001f600",
    "\U00020000",
    "\ud800",
    "\udc00",
    "\udbff\udfff",
)


def _long(rng: random.Random) -> str:
    return rng.choice("a中\U0001f600 \ud800") * rng.choice((499, 500, 501, 1999, 2000, 2001, 2500))


def _soup(rng: random.Random, n: int) -> str:
    parts = []
    for _ in range(n):
        parts.append(_long(rng) if rng.random() < 0.03 else rng.choice(PIECES))
    return "".join(parts)


def _native(page: str) -> tuple[str | None, list[list[tuple[str, str]]], list[int]]:
    title, metas, scripts = head_scan(page)
    return title, metas, scripts


def _check(page: str) -> None:
    want = oracle(page)
    assert _native(page) == want
    try:
        utf8 = page.encode()
    except UnicodeEncodeError:
        return
    assert head_scan(page, utf8) == want


def _dev(pattern: str) -> list[Path]:
    paths = sorted(DEV.glob(pattern))
    if not paths:
        pytest.skip("no dev corpus beside the repository")
    return paths


def test_dev_pages() -> None:
    for path in _dev("*.html"):
        _check(decode(path.read_bytes()).text)


def test_dev_text_dumps_as_pages() -> None:
    for path in _dev("*[0-9].txt")[::4]:
        _check(path.read_text("utf-8", "surrogateescape"))


@pytest.mark.parametrize("seed", range(4))
def test_random_tag_soups(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(1500):
        _check(_soup(rng, rng.randint(1, 60)))


@pytest.mark.parametrize("c", ["a", "中", "\U0001f600", "\ud800", " "])
def test_limits_count_code_points(c: str) -> None:
    """Each bounded repeat at its bound and one past it, in characters of every width."""
    for n in (498, 499, 500, 501, 1998, 1999, 2000, 2001):
        pad = c * n
        for page in (
            f"<title {pad}>t</title>",
            f"<title>{pad}</title>",
            f"<meta {pad}><meta a={pad}>",
            f"<script {pad}application/ld+json>",
            f"<script application/ld+json{pad}>",
            f"<script {pad}application/ld+json{pad}>",
            f"<script application/ld+json{pad}application/ld+json{pad}>",
        ):
            _check(page)
            _check("x" + page + page)


def test_every_letter_re_folds() -> None:
    """Each letter of the tag names, and ``k``, in every form ``re`` matches without case."""
    import re

    every = "".join(map(chr, range(0x110000)))
    forms = {c: re.findall(c, every, re.IGNORECASE) for c in "metaiscrplk"}
    assert forms["s"] == ["S", "s", "\u017f"] and forms["k"] == ["K", "k", "\u212a"]
    for word in ("meta", "title", "script"):
        for i, letter in enumerate(word):
            for form in forms[letter]:
                variant = word[:i] + form + word[i + 1 :]
                page = f"<{variant} x=y>t</{variant}><script application/ld+json><{variant}>"
                _check(page)


def test_classes_past_ascii_are_pythons() -> None:
    """``\\w`` and ``\\s`` after an attribute's name and around its ``=``, for every code point
    of the Basic Multilingual Plane and some beyond (asked of Python, so its Unicode version's)."""
    chars = [chr(cp) for cp in range(0x80, 0x10000) if not 0xD800 <= cp < 0xE000]
    chars += [chr(cp) for cp in range(0x10000, 0x110000, 97)]
    for start in range(0, len(chars), 500):
        run = chars[start : start + 500]
        page = "".join(f"<meta a{c}=b{c}c><meta{c}d=e>" for c in run)
        _check(page)


def test_read_head_takes_the_pages_utf8() -> None:
    page = '<title>标题</title><meta name="author" content="张三">'
    assert read_head(page, utf8=page.encode()) == read_head(page)
    with pytest.raises(ValueError):
        read_head(page, utf8=page.encode()[:-1])
