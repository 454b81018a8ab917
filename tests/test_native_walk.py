"""The native HTML walk (``rust/src/blocks/html/``, html5ever) against the Python walk it replaced
(``tests/html_walk_oracle.py``, lexbor): the same blocks, title, containers and layout.

On the dev pages (decoded as the pipeline decodes them; skipped where ``../shared`` is absent),
on pages cut into pieces and over the block budget (both walks scaled down alike), and on
seeded random tag soup: unclosed and misnested tags, tables, hidden styles, ``<pre>``,
``<noframes>``, skipped elements, deep nesting, entities and random Unicode.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html_walk_oracle as oracle
import pytest

from cleantext.blocks import html as native
from cleantext.blocks.layout import LayoutRecorder
from cleantext.decode import decode

pytest.importorskip("selectolax.lexbor", reason="the oracle parses with lexbor (the test extra)")
DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
SOUPS = int(os.environ.get("CLEANTEXT_SOUPS", "3000"))


def _both(page: str, layout: tuple[bool, bool] | None = (True, True)) -> tuple[Any, Any]:
    """``(native, oracle)`` results of ``page``: the page and, with a recorder, its layout."""
    results = []
    for module in (native, oracle):
        recorder = LayoutRecorder(*layout) if layout else None
        parsed = module.html_blocks(page, recorder)
        results.append((parsed, recorder.layout() if recorder else None))
    return results[0], results[1]


def _assert_same(page: str, label: str, layout: tuple[bool, bool] | None = (True, True)) -> None:
    got, want = _both(page, layout)
    assert got[0].title == want[0].title, label
    assert got[0].blocks == want[0].blocks, label
    assert got[0].containers == want[0].containers, label
    assert got[1] == want[1], label


# -- the dev pages ---------------------------------------------------------------------------------


def test_dev_pages() -> None:
    if not DEV.is_dir():
        pytest.skip("the dev corpus (../shared/corpus/dev) is absent")
    pages = sorted(DEV.glob("*.html"))
    for path in pages:
        text = decode(path.read_bytes()).text
        _assert_same(text, path.name)
        _assert_same(text, path.name, layout=None)
    assert len(pages) > 100


# -- random tag soup -------------------------------------------------------------------------------

TAGS = (
    "div p section article ul ol li dl dt dd h1 h2 h3 h6 span b i u em strong font nobr code small a a a "
    "table tbody thead tfoot tr td th caption colgroup col pre blockquote figure figcaption center marquee "
    "form fieldset legend details summary main nav header footer aside address hgroup menu dir dialog "
    "img br hr wbr input select option textarea button noframes script style noscript template svg math "
    "iframe object embed video audio canvas map area title head body html frameset frame label custom-el"
).split()
ATTRS = [
    ' class="nav main"', " class=Content", ' id="Post-1"', " id=x class=y", ' style="display:none"',
    ' style="color:red; DISPLAY : NONE"', " style='visibility:hidden'", ' style="display:block"', " hidden",
    ' href="/a?b=1&amp;c=2"', " href=''", " href=http://example.cn/x", ' src="/i.png"', " src=''",
    ' alt="图 片  说明"', " colspan=2", ' rowspan=" 3 "', " colspan=99999", " colspan=x", ' title="<p>x</p>"',
    ' data-x="<div>"', " class", ' class="İ Σ"',
]  # fmt: skip
TEXTS = [
    "今天下雨了。", "字", "新闻", "重庆签署了合作协议", "Hello world", "  ", "\n", "\r\n", "\t", "\u3000", "\xa0",
    "\u200b", "\ufeff", "&amp;", "&nbsp;", "&#20013;", "&#x4e2d;", "&copy", "&notin;", "&bogus;", "&#0;", "&#xD800;",
    "http://example.com/path", "https://新闻.cn/页面", "<!-- 注释 <p> -->", "<?php echo 1 ?>", "<!doctype html>",
    "a&lt;b", "1 < 2", "x>y", "</>", "<", "&", "\x00", "\x0c", "\x1c", "第一段，第二段。", "「引号」",
]  # fmt: skip


def _random_text(rng: random.Random) -> str:
    if rng.random() < 0.2:  # random code points, surrogate-free
        return "".join(
            chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0xA0, 0xD800), rng.randrange(0xE000, 0x110000)]))
            for _ in range(rng.randrange(1, 8))
        )
    return rng.choice(TEXTS)


def soup(seed: int) -> str:
    """A random page of ``seed``: tags opened and closed at random, well-formed or not."""
    rng = random.Random(seed)
    out: list[str] = []
    open_tags: list[str] = []
    if rng.random() < 0.5:
        out.append(
            rng.choice(["<html>", "<!doctype html><html><head><title>标题 一</title></head>", "<body class=page>"])
        )
    for _ in range(rng.randrange(5, 120)):
        r = rng.random()
        if r < 0.35:
            out.append(_random_text(rng))
        elif r < 0.7:
            tag = rng.choice(TAGS)
            attrs = "".join(rng.choice(ATTRS) for _ in range(rng.choice([0, 0, 1, 1, 2, 3])))
            out.append(f"<{tag.upper() if rng.random() < 0.1 else tag}{attrs}>")
            open_tags.append(tag)
        elif r < 0.9 and open_tags:
            k = len(open_tags) - 1 if rng.random() < 0.7 else rng.randrange(len(open_tags))  # misnested too
            out.append(f"</{open_tags.pop(k)}>")
        elif r < 0.95:
            out.append(f"</{rng.choice(TAGS)}>")  # a stray end tag
        else:
            tag = rng.choice(["div", "b", "span", "li", "td", "p", "blockquote"])
            depth = rng.choice([3, 30, 200, 600])
            out.append(f"<{tag}>" * depth + _random_text(rng) + f"</{tag}>" * rng.randrange(depth + 1))
    if rng.random() < 0.5:
        out.extend(f"</{t}>" for t in reversed(open_tags))
    return "".join(out)


def _known_difference(page: str) -> bool:
    """A page where lexbor's tree is not the standard's (see ``test_where_lexbor_differs``)."""
    lower = page.lower()
    return "<template" in lower and "<frameset" in lower


def test_soups_match() -> None:
    failed, known = [], []
    for seed in range(SOUPS):
        page = soup(seed)
        try:
            _assert_same(page, f"soup {seed}", layout=(seed % 3 != 0, seed % 2 == 0) if seed % 5 else None)
        except AssertionError:
            (known if _known_difference(page) else failed).append(seed)
    assert not failed, f"{len(failed)} of {SOUPS} soups differ: seeds {failed[:20]}"
    assert len(known) <= SOUPS // 1000 + 1, f"{len(known)} soups differ as lexbor does: seeds {known[:20]}"


def test_noframes_and_pre_soups() -> None:
    """Soup inside ``<noframes>`` (parsed again) and ``<pre>`` (raw text kept)."""
    for seed in range(200):
        inner = soup(10_000 + seed)
        _assert_same(f"<body><pre>\n {inner}</pre><noframes>{inner}</noframes><p>尾</p>", f"wrapped {seed}")


def test_select_and_foreign_content() -> None:
    """Where html5ever 0.35 and lexbor built different trees, html5ever 0.40 builds lexbor's:
    ``<select>`` content parsed as the standard now does (a ``<textarea>``, ``<title>``... stays
    inside the select), and the open formatting elements reconstructed before ``<svg>``/``<math>``."""
    cases = {
        "<body><select><textarea></textarea>选项后的字": ([], None),
        "<select><title>标题</title></select>": ([], "标题"),
        "<p><b>粗</p><math></b>字": (["粗", "字"], None),
    }
    for page, expected in cases.items():
        parsed = native.html_blocks(page)
        assert ([b.text for b in parsed.blocks], parsed.title) == expected, page
        _assert_same(page, page)
    _assert_same("<body><select><option>甲<div>乙</div></select>丙<p><a href=/x>链</p><svg></svg>接", "alike")


def test_where_lexbor_differs() -> None:
    """The one construct in the soups where the trees differ, and lexbor's is not the standard's:
    a ``<template>`` in the head sets the frameset-ok flag to "not ok", so a later ``<frameset>``
    is ignored and the body stays (html5ever); lexbor replaces the body with the frameset."""
    page = "<template></template><aside><frameset><p>正文"
    assert [b.text for b in native.html_blocks(page).blocks] == ["正文"]
    assert oracle.html_blocks(page).blocks == ()
    assert _known_difference(page)


# -- pieces and the block budget, both walks scaled alike -----------------------------------------


@pytest.fixture
def scaled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pieces of about 300 characters and a budget of 50 blocks (+ 1,000 / 2,000 per million)."""
    for module in (native, oracle):
        monkeypatch.setattr(module, "_PIECE", 300)
        monkeypatch.setattr(module, "_MAX_PIECES", 4)
        monkeypatch.setattr(module, "BLOCK_FLOOR", 50)
        monkeypatch.setattr(module, "BLOCKS_PER_MILLION", 1000)
        monkeypatch.setattr(module, "BLOCKS_PER_MILLION_HARD", 2000)
    yield


def test_pieces_and_budget_match(scaled: None) -> None:
    shapes = [
        "<p>字</p>" * 300,
        '<p class="x">' + "字<br>" * 300,
        "<br>" * 300 + "<p>今天，我们在重庆签署了合作协议。</p>",
        "<div id=a><div class=b><p>" + "字<br>" * 300 + "</div>尾",
        "<div><p>" + "<b>字</b>" * 300 + "</p></div>",
        "<table><tr><td>" + "<table><tr><td>甲</td></tr></table><br>公告</td></tr><tr><td>乙" * 30,
        "<body>" + "<p>字</p>" * 100 + "<pre>  代码 一\n  代码 二</pre>" * 20 + '<p><a href="/x">链接</a>文</p>' * 100,
        "<body>" + "<p>字</p>" * 100 + '<div style="display:none">' + "<p>隐</p>" * 50 + "</div>"
        + "<noframes><p>框</p></noframes>",
    ]  # fmt: skip
    for k, shape in enumerate(shapes):
        _assert_same(shape, f"shape {k}")
        _assert_same(shape, f"shape {k} without layout", layout=None)
    for seed in range(300):
        page = "<html><head><title>t</title></head><body>" + soup(20_000 + seed) * 3
        _assert_same(page, f"cut soup {seed}")


@pytest.mark.parametrize(
    ("page", "linked"),
    [
        ("<a href=i>\ufeff", []),
        ("<div><a href=x>\ufeff</a></div><p>今天，我们在重庆签署了合作协议。</p>", []),
        ("<p>甲<a href=x>\u200b</a></p><p>乙<a href=y>乙</a></p>", [0, 1]),  # block 0 holds the first
        ("<ul><li><a href=a>\ufeff\u200b</a></li><li><a href=b>第二条</a></li></ul>", [0]),
    ],
)
def test_links_name_the_block_that_holds_them(page: str, linked: list[int]) -> None:
    """A link whose text the collapse drops entirely (U+FEFF, U+200B) makes no block: it is not
    recorded on the next block's number (found by the cargo-fuzz target ``html_parse``)."""
    recorder = LayoutRecorder(links=True, images=True)
    blocks = native.html_blocks(page, recorder).blocks
    links = recorder.layout().links
    assert [link.block for link in links] == linked and all(link.block < len(blocks) for link in links)
    reference = LayoutRecorder(links=True, images=True)
    oracle.html_blocks(page, reference)
    assert reference.layout() == recorder.layout()


# -- the blocks held by the core ------------------------------------------------------------------


@pytest.mark.skipif(not DEV.is_dir(), reason="no dev corpus (../shared)")
def test_held_blocks_are_the_tuples_blocks() -> None:
    """``html_block_table`` (what the pipeline reads) holds the blocks ``html_blocks`` gives, and
    what the core reads of it (the features, the merged blocks, the Document's columns) is what
    it reads of the tuple, on every dev page and on pages of tiny blocks that the budget merges."""
    from cleantext.blocks.html import merged_blocks
    from cleantext.features import measure_columns

    pages = [decode(p.read_bytes()).text for p in sorted(DEV.glob("*.html"))]
    pages += ["<p>" + "字<br>" * 60_000, "<p>字</p>" * 60_000 + "<p>正文。</p>"]
    merged = 0
    for page in pages:
        table, blocks = native.html_block_table(page).blocks, native.html_blocks(page).blocks
        assert type(blocks) is tuple and list(table) == list(blocks) and len(table) == len(blocks)
        assert table.merged() == merged_blocks(blocks)
        merged += len(table.merged())
        texts, kinds, starts, ends, paths = table.columns()
        assert (texts, kinds, starts, ends, paths) == ([b.text for b in blocks], [b.kind for b in blocks],
                                                       [b.start for b in blocks], [b.end for b in blocks],
                                                       [b.path for b in blocks])  # fmt: skip
        assert measure_columns(table, None).pack() == measure_columns(blocks, None).pack()
    assert merged > 0
