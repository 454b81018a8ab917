"""Hostile page shapes: each must finish with a sensible result.

These assert outcomes; the only clock is a generous guard (``GUARD`` seconds per page, the
pages here are at most a few MB) so that a quadratic regression fails instead of hanging CI.
Timings belong to ``benchmarks/scaling_check.py``. Set ``CLEANTEXT_HOSTILE_FULL=1`` to run
the full-size variants (10^6 blocks, 10^5-line list items) as well.
"""

from __future__ import annotations

import os
import random
import time

import pytest
from depth_oracle import _deep_tags, _shallow
from invariants import check, squeeze

import cleantext
from cleantext.blocks import html as html_module
from cleantext.blocks.depth import MAX_DEPTH, limit_depth

FULL = os.environ.get("CLEANTEXT_HOSTILE_FULL") == "1"
GUARD = 120.0 if FULL else 30.0  # full size: 10^6 blocks take about 30 s
SENTENCE = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。"
ARTICLE = f"<p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p>"


def run(page: bytes | str, *, html_reference: bool = True, **options: object) -> cleantext.Document:
    """Extract with the guard and the invariants."""
    started = time.perf_counter()
    doc = cleantext.extract(page, use_jieba=False, **options)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    assert elapsed < GUARD, f"{len(page)} chars took {elapsed:.1f} s"
    check(page, doc, html_reference=html_reference)
    return doc


# -- nesting ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: "<div>" * n + ARTICLE + "</div>" * n,
        lambda n: "<div><span>" * n + ARTICLE,  # never closed
        lambda n: "<table><tr><td>" * (n // 3) + ARTICLE,
        lambda n: "<ul><li>" * (n // 2) + ARTICLE,
        lambda n: "<b><i>" * (n // 2) + ARTICLE,
        lambda n: "<div><p>" * (n // 2) + ARTICLE,
    ],
    ids=["div", "div-span-unclosed", "table", "list", "inline", "div-p"],
)
def test_100000_deep_nesting(shape) -> None:  # type: ignore[no-untyped-def]
    doc = run(shape(100_000), html_reference=False)
    assert SENTENCE in doc.text


def test_depth_cap_keeps_text_and_shallow_structure() -> None:
    page = "<div>" * (MAX_DEPTH + 50) + "<p>甲</p><p>乙</p>" + "</div>" * (MAX_DEPTH + 50) + "<p>丙</p>"
    capped = limit_depth(page)
    assert capped.count("<div>") == MAX_DEPTH and "甲" in capped and capped.endswith("<p>丙</p>")
    texts = [b.text for b in run(page).blocks]
    assert texts == ["甲乙", "丙"] or texts == ["甲", "乙", "丙"]


def test_depth_cap_ignores_tags_in_comments_and_scripts() -> None:
    page = "<p>正文</p><!--" + "<div>" * 2000 + "--><script>" + "<div>" * 2000 + "</script><p>尾</p>"
    assert limit_depth(page) is page


def test_shallow_bound_never_misses_what_the_scan_cuts() -> None:
    """The quick bound that lets pages skip the depth scan: tag soup with comments, raw text,
    stray and unclosed tags, odd case and look-alike letters (U+017F, U+0130, Kelvin sign)."""
    pieces = [
        *"<div> </div> <DIV a=x> </Div> <p> </p> <P> <li> </li> <ul> <b> </B> </b > <a href='<i>'> </a>".split(),
        *"<script> </script> <SCRIPT\tx> </ScRiPt </\u017fcript> <scr\u0130pt> <scriptx> </scriptx> <script/>".split(),
        *"<style> </style> <textarea> <title> </title> <xmp> <iframe> <noembed> <noframes> </noframes>".split(),
        *"<!-- --> ---> <!--> <!---> - <!x> <?p> <! <br> <BR> <Br/> <bR> <lin\u212a> </br> <img> <td> <table>".split(),
        *"</table> <tr> <svg> </svg> <plaintext> > < </ <1> <em </em <\u212abd> </\u212abd> <kbd> </kbd> x".split(),
        "<i\t>",
        " ",
    ]
    rnd = random.Random(7)
    for _ in range(20_000):
        page = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40)))
        for depth in range(6):
            if _shallow(page, depth):
                assert _deep_tags(page, depth) == ([], []), (page, depth)


# -- big pieces -----------------------------------------------------------------------------------


def test_5mb_single_line_html() -> None:
    page = "<html><body><p>" + SENTENCE * (5_000_000 // 96) + "</p></body></html>"
    doc = run(page.encode())
    assert len(doc.blocks) == 1 and doc.blocks[0].kept and len(doc.text) > 1_500_000


def test_5mb_single_line_text_dump() -> None:
    page = SENTENCE * (5_000_000 // 96)
    doc = run(page.encode())
    assert doc.format == "text" and len(doc.blocks) == 1 and doc.text == page


def test_5mb_line_without_han_or_spaces() -> None:
    doc = run(b"a" * 5_000_000)
    assert doc.text == "" and len(doc.blocks) == 1


def _budget(page: str) -> int:
    """How many blocks the block budget lets an unsplit page make one by one."""
    return html_module.BLOCK_FLOOR + html_module.BLOCKS_PER_MILLION * len(page) // 1_000_000


def test_tiny_blocks_html() -> None:
    n = 1_000_000 if FULL else 50_000
    page = "<html><body>" + "".join(f"<p>字{i % 10}</p>" for i in range(n))
    doc = run(page, html_reference=not FULL)
    assert len(doc.blocks) == n if n <= _budget(page) else len(doc.blocks) < n // 4
    assert sum(len(squeeze(b.text)) for b in doc.blocks) == 2 * n


def test_tiny_blocks_text_dump() -> None:
    n = 1_000_000 if FULL else 50_000
    page = "".join(f"字{'。' * (i % 7)}\n" for i in range(n))
    doc = run(page)
    assert len(doc.blocks) == n


def test_tiny_blocks_br() -> None:
    n = 1_000_000 if FULL else 50_000
    page = "<p>" + "字<br>" * n
    doc = run(page, html_reference=not FULL)
    assert len(doc.blocks) == n if n <= _budget(page) else len(doc.blocks) < n // 4
    assert sum(len(squeeze(b.text)) for b in doc.blocks) == n


@pytest.mark.parametrize("attribute", ["class", "id", "style", "href", "title", "data-x", "hidden"])
def test_1mb_attribute_values(attribute: str) -> None:
    value = ("nav " * 250_000) if attribute in ("class", "id") else "x" * 1_000_000
    tag = "a" if attribute == "href" else "div"
    page = f'<html><body><{tag} {attribute}="{value}">导航</{tag}>{ARTICLE}</body></html>'
    doc = run(page)
    assert SENTENCE in doc.text
    assert all(len(b.path) < 200 for b in doc.blocks)


def test_1mb_unquoted_attribute_and_unterminated_quote() -> None:
    doc = run("<html><body><div class=" + "x" * 1_000_000 + ">" + ARTICLE)
    assert SENTENCE in doc.text
    run('<html><body><div class="' + "x" * 1_000_000 + ARTICLE)  # the quote never closes: no text


# -- malformed markup ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        "<div" * 200_000,
        "<" * 1_000_000,
        "</" * 500_000,
        "<p>" * 200_000 + SENTENCE,
        "<a href='" * 100_000 + SENTENCE,
        "<html><body>" + "<div>" * 50_000 + SENTENCE,
        "<td>" * 100_000 + SENTENCE,
        "<select>" + "<option>" * 100_000 + SENTENCE,
        "&" * 1_000_000,
        "&#x" * 300_000 + "4e00;",
        "&amp" * 300_000,
        "<p>" + "&#99999999999;" * 50_000 + "</p>",
        "<" + "a" * 1_000_000 + ">" + SENTENCE,
    ],
    ids=[
        "div-no-gt",
        "lt",
        "end-lt",
        "p-unclosed",
        "open-quotes",
        "div-unclosed",
        "td",
        "options",
        "ampersands",
        "charref-prefixes",
        "named-entity-prefixes",
        "huge-charrefs",
        "1mb-tag-name",
    ],
)
def test_malformed_markup(page: str) -> None:
    run(page, html_reference=False)


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><!--" + "<p>隐藏</p>" * 10_000 + ARTICLE,  # never closed: all comment
        "<html><body><!-- --" * 100_000 + ARTICLE,
        "<html><body>" + "<!-- a -- b --!>" * 50_000 + ARTICLE,
        "<html><body>" + "<!---->" * 100_000 + ARTICLE,
        "<html><body><![CDATA[" + "]]" * 100_000 + ARTICLE,
        "<html><body>" + "<![CDATA[x]]>" * 100_000 + ARTICLE,
        "<html><body><script>" + "</scr" * 100_000 + "</script>" + ARTICLE,
        "<html><body><script>" + "<!--<script>" * 50_000 + ARTICLE,
        "<html><body><style>" + "</sty" * 100_000 + "</style>" + ARTICLE,
        "<html><body><textarea>" + "<p>" * 100_000 + "</textarea>" + ARTICLE,
        "<html><body>" + "<?php ?>" * 100_000 + ARTICLE,
        "<html><body>" + "<!doctype html>" * 100_000 + ARTICLE,
        "<html><body><plaintext>" + "<p>" * 10_000,
        "<html><body><svg>" + "<svg><g>" * 50_000 + "</svg>" + ARTICLE,
    ],
    ids=[
        "unclosed-comment",
        "dash-dash",
        "bang-close",
        "empty-comments",
        "cdata-unclosed",
        "cdata",
        "script-end-prefixes",
        "script-comment",
        "style-end-prefixes",
        "textarea",
        "processing-instructions",
        "doctypes",
        "plaintext",
        "nested-svg",
    ],
)
def test_comment_and_raw_text_tricks(page: str) -> None:
    doc = run(page, html_reference=False)
    assert "<p>" not in doc.text or "plaintext" in page


def test_comment_tricks_hide_what_browsers_hide() -> None:
    doc = run("<html><body><!--" + "<p>隐藏的文字，不应出现。</p>" + "-->" + ARTICLE)
    assert "隐藏" not in doc.text and SENTENCE in doc.text
    doc = run("<html><body><script>var s = '<p>脚本里的文字，不应出现。</p>';</script>" + ARTICLE)
    assert "脚本" not in doc.text and SENTENCE in doc.text


# -- regex backtracking ------------------------------------------------------------------------------


BACKTRACKING = {
    "newlines-between-han": "今" + "\n" * 200_000 + "x",
    "spaces": " " * 1_000_000 + "x",
    "ideographic-spaces": "今" + "\u3000" * 500_000 + "x",
    "cell-gaps": "甲   " * 200_000,
    "bullets": "1. " * 100_000,
    "bullet-lines": "\n".join(["  • "] * 20_000),
    "parens": "(" * 500_000,
    "editor-lines": "（责编：" * 100_000,
    "editor-spaces": "【责任编辑：" + " " * 500_000 + "x",
    "copyright-c": "(c)" + " " * 500_000,
    "unauthorised": "未经" * 200_000,
    "dates": "2021年1月" * 100_000,
    "date-spaces": "2021" + " " * 500_000,
    "sources": "来源：" * 200_000,
    "authors": "作者/" * 200_000,
    "dots": "." * 1_000_000,
    "ellipses": "…" * 500_000,
    "commas": "今," * 500_000,
    "comment-counts": "评论(" * 200_000,
    "page-numbers": "1/" * 200_000,
    "meta-charset": "<meta charset=" * 100_000,
    "meta-spaces": "<meta " + " " * 500_000 + "charset=gbk",
    "xml-decl": "<?xml " + " " * 500_000,
    "markup-prefixes": "<h" * 500_000,
    "title-separators": "<title>" + "标题_-|" * 100_000 + "</title><p>" + SENTENCE + "</p>",
    "json-ld-openings": "<script type='application/ld+json'>" * 100_000,
    "json-ld-deep": "<script type='application/ld+json'>" + "[" * 100_000 + "</script>",
    "meta-tags": "<meta name=author content=张三>" * 100_000,
    "meta-unclosed": ("<meta " + "a=b " * 499) * 1_000,
    "editor-labels": "编辑：" * 200_000,
    "relative-times": "3小时" * 200_000,
    "month-days": "6月4日" * 200_000,
    "iso-like": "2021-06-04T" * 100_000,
}


@pytest.mark.parametrize("name", list(BACKTRACKING))
def test_backtracking_bait(name: str) -> None:
    page = BACKTRACKING[name]
    run(page.encode(), html_reference=False)
    run(page, html_reference=False)


def test_long_digit_run() -> None:
    doc = run(b"1" * 1_000_000)
    assert len(doc.blocks) == 1 and doc.text == ""


def test_many_title_parts_and_headings() -> None:
    run("<title>" + "标题标题_" * 200_000 + "</title>" + "<h2>标题标题甲乙</h2>" * 20_000)


# -- text dump shapes --------------------------------------------------------------------------------


def test_wrapped_dump_of_20000_lines() -> None:
    page = ("今" * 79 + "\n") * 20_000
    doc = run(page)
    assert len(doc.blocks) == 1 and len(doc.blocks[0].text) == 79 * 20_000


def test_list_item_with_many_continuation_lines() -> None:
    n = 100_000 if FULL else 20_000
    page = "• 条目\n" + "".join(f"    续行{i}的文字内容\n" for i in range(n))
    doc = run(page)
    assert all(b.kind == "list-item" for b in doc.blocks)
    assert sum(len(b.text.split("\n")) for b in doc.blocks) == n + 1


def test_many_blocks_with_one_prefix() -> None:
    page = "".join(f"前缀前缀前缀前缀{'甲' * (i % 50)}。\n" for i in range(30_000))
    run(page)


def test_many_blocks_whose_text_is_not_in_the_source() -> None:
    n = 50_000
    doc = run("<html><body>" + "<p>&#x4e00;&#x4e01;&#x4e02;</p>" * n)
    assert len(doc.blocks) == n and doc.blocks[0].text == "一丁丂"


def test_many_duplicate_blocks() -> None:
    doc = run("<html><body>" + "<p>重复的文字重复的文字</p>" * 30_000)
    assert sum("duplicate" in b.reasons for b in doc.blocks) == 30_000 - 1


# -- every regular expression against backtracking bait ----------------------------------------------

BAIT_SIZE = 100_000
BAITS = {
    "digits": "1" * BAIT_SIZE,
    "spaces": " " * BAIT_SIZE,
    "digit-spaces": "1 " * (BAIT_SIZE // 2),
    "newlines": "今" + "\n" * BAIT_SIZE + "x",
    "parens": "(" * BAIT_SIZE,
    "han-commas": "今," * (BAIT_SIZE // 2),
    "editor": "（责编：" * (BAIT_SIZE // 4),
    "dates": "2021年1月" * (BAIT_SIZE // 7),
    "colons": "来源：" * (BAIT_SIZE // 3),
    "dots": "." * BAIT_SIZE,
    "lt": "<meta " * (BAIT_SIZE // 6),
}


def _module_patterns() -> list[tuple[str, object]]:
    import re

    from cleantext import dates, decode, features, headmeta, metadata, sniff
    from cleantext.blocks import html, text, whitespace

    out = []
    for module in (dates, decode, features, headmeta, metadata, sniff, html, text, whitespace):
        for name, value in vars(module).items():
            patterns = value if isinstance(value, tuple) else (value,)
            for i, pattern in enumerate(patterns):
                if isinstance(pattern, re.Pattern):
                    suffix = f"[{i}]" if isinstance(value, tuple) else ""
                    out.append((f"{module.__name__.rsplit('.', 1)[-1]}.{name}{suffix}", pattern))
    return out


@pytest.mark.parametrize("bait", list(BAITS))
def test_lexicon_scan_is_linear(bait: str) -> None:
    """The native lexicon scan (finite automata; look-behinds of bounded reach) on backtracking
    bait, as one block and as many short ones."""
    from cleantext.features import page_lexicon_codes

    text = BAITS[bait]
    started = time.perf_counter()
    page_lexicon_codes([text], [0])
    pieces = [text[k : k + 10] for k in range(0, len(text), 10)]
    page_lexicon_codes(pieces, [0] * len(pieces))
    assert time.perf_counter() - started < GUARD / 10, bait


@pytest.mark.parametrize(("name", "pattern"), _module_patterns(), ids=[n for n, _ in _module_patterns()])
def test_module_regex_is_linear(name: str, pattern) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for text in BAITS.values():
        subject = text.encode() if isinstance(pattern.pattern, bytes) else text
        pattern.search(subject)
        list(pattern.finditer(subject))
    assert time.perf_counter() - started < GUARD, name


@pytest.mark.parametrize("bait", [*BAITS, "tags", "names", "scripts"])
def test_head_scan_is_linear(bait: str) -> None:
    """``read_head``'s native scan (``rust/src/head.rs``) on the bait and on runs of what it
    looks for: tags left open, an attribute name that never meets its ``=``, JSON-LD openings."""
    from cleantext.headmeta import head_scan

    n = BAIT_SIZE
    text = {
        "tags": "<title><meta <script " * (n // 20),
        "names": "<meta " + "a" * 1999 + ">" + "<meta a" * (n // 7),
        "scripts": ("<script " + "application/ld+json " * 40) * (n // 800),
    }.get(bait) or BAITS[bait]
    started = time.perf_counter()
    head_scan(text)
    assert time.perf_counter() - started < GUARD / 10, bait


# -- huge pages are parsed in pieces ----------------------------------------------------------------


def test_pieces_give_the_same_blocks_as_one_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    from pages import html_page

    page = html_page(size=1_500_000, seed=7)
    whole = html_module.html_blocks(page)
    monkeypatch.setattr(html_module, "_PIECE", 100_000)
    pieces = html_module.html_blocks(page)
    assert pieces == whole
    assert len(whole.blocks) > 1000
