"""The native depth scan against the Python one it replaced: the same capped page and splits, exactly.

``cleantext.blocks.depth.prepare`` (the core's scan, ``rust/src/blocks/depth.rs``) must give what
the Python scan (``tests/depth_oracle.py``) gives: the capped page (the very object when nothing
was removed) and every :class:`Split` (offset, tag, elements to reopen, clean). Compared on the dev
pages (decoded as the pipeline decodes them; skipped where ``../shared`` is absent), on the huge
page shapes of ``test_huge_pages``, on seeded random tag soups (deep nesting, unclosed tags,
comments, raw text, CDATA, quoted ``>``, runs of ``<br>``, look-alike letters, astral characters
and lone surrogates) and on Hypothesis' soups, each at several piece sizes and depth caps.
"""

from __future__ import annotations

import random
from pathlib import Path

import depth_oracle
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_huge_pages import FLOW, SOUP, TINY_SHAPES, _page

from cleantext.blocks import html as html_module
from cleantext.blocks.depth import MAX_DEPTH, MAX_REOPEN, REOPENABLE, Split, limit_depth, prepare
from cleantext.decode import decode

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"


def same(page: str, every: int, max_depth: int = MAX_DEPTH) -> int:
    """Asserts the native and the Python scan agree on ``page``; returns the number of splits."""
    native = prepare(page, every, max_depth)
    oracle = depth_oracle.prepare(page, every, max_depth)
    assert native == oracle, (page[:300], every, max_depth)
    assert (native[0] is page) == (oracle[0] is page), (page[:300], every, max_depth)
    assert all(type(s) is Split and type(s.reopen) is tuple for s in native[1])
    return len(native[1])


def test_constants_are_the_oracles() -> None:
    assert REOPENABLE == depth_oracle.REOPENABLE
    assert MAX_REOPEN == depth_oracle.MAX_REOPEN and MAX_DEPTH == depth_oracle.MAX_DEPTH == 512


# -- the dev pages --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_pages() -> list[str]:
    paths = sorted(DEV.glob("*.html"))
    if not paths:
        pytest.skip("no dev corpus at ../shared")
    return [decode(p.read_bytes()).text for p in paths]


@pytest.mark.parametrize(
    ("every", "max_depth"),
    [(html_module._PIECE, MAX_DEPTH), (4_000, MAX_DEPTH), (60_000, MAX_DEPTH), (1, 30), (0, 12)],
    ids=["pipeline", "every-4k", "every-60k", "every-1-depth-30", "depth-12"],
)
def test_dev_pages(dev_pages: list[str], every: int, max_depth: int) -> None:
    splits = sum(same(page, every, max_depth) for page in dev_pages)
    if every > 1:
        assert (splits > 1000) == (every < 10_000)  # the small pieces are cut many times
    capped = sum(limit_depth(page, max_depth) is not page for page in dev_pages)
    assert capped == sum(depth_oracle.limit_depth(page, max_depth) is not page for page in dev_pages)


# -- huge page shapes -----------------------------------------------------------------------------

SHAPES = {
    **TINY_SHAPES,
    "run-on": "<div class=box><p>" + "<b>字</b>" * 500 + "</p><p>尾</p></div>",
    "head-and-popovers": "<title>标题</title><meta x=1>" * 20
    + "<body class=page><div>"
    + ("<a data-content=\"<div><p>x</p><br></div>\" title='<br>'>链接</a><br>") * 200,
    "table-left-open": "<table><tr><td>"
    + "<table><tr><td>甲</td></tr></table><br>公告</td></tr><tr><td>乙" * 100
    + "</td></tr></table>"
    + "<p>尾</p>" * 50,
    "budget": "<html><body>" + "".join(f"<p>字{i}</p>" for i in range(5000)),
    "menus": "<body>"
    + ("<ul>" + "".join(f"<li><a href=/{i}>栏目{i}</a></li>" for i in range(8)) + "</ul>" + "<p>合作协议。</p>" * 3)
    * 300,
    "hidden": "<body>"
    + "<p>字</p>" * 400
    + '<div style="display:none">'
    + "<p>隐</p>" * 50
    + "</div>"
    + "<p>字</p>" * 400,
    "pre": "<body>"
    + "<p>字</p>" * 300
    + "<pre>  代码 一\n  代码 二</pre>" * 30
    + '<p><a href="/x">链接</a>文</p>' * 300,
    "long-div": "<body>" + "<p>字</p>" * 3000 + "<div>" + "x" * 300_000 + "</div>" + "<p>第1段</p>" * 40,
    "deep": "<div>" * 2000 + "<p>正文</p>" * 100 + "</div>" * 2000,
    "deep-unclosed": "<div><span>" * 1000 + "<p>正文</p>" * 100,
    "br-runs": "<body><p>" + ("字<br>" * 300 + "<b>字</b>") * 20,
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_huge_page_shapes(shape: str) -> None:
    page = SHAPES[shape]
    splits = sum(same(page, every) for every in (1, 100, 300, 3_000, 20_000, len(page) // 2, len(page)))
    assert splits > 0 or limit_depth(page) is not page  # a deep page is capped, not cut
    same(page, 100, max_depth=64)


settings_kw = {"deadline": None, "derandomize": True, "suppress_health_check": [HealthCheck.too_slow]}


@settings(max_examples=150, **settings_kw)
@given(st.lists(st.one_of(FLOW, SOUP), min_size=1, max_size=10).map("".join), st.integers(0, 60), st.integers(0, 8))
def test_hypothesis_markup(body: str, every: int, max_depth: int) -> None:
    page = _page(body)
    same(page, every)
    same(page, every, max_depth)


# -- random tag soup ------------------------------------------------------------------------------

TAGS = (
    "div p span b a i u li ul ol dl dt dd table tr td th tbody caption pre h2 section form select option "
    "button svg object template html head body title meta link br img hr wbr input area frame noscript "
    "iframe script style textarea xmp noembed noframes plaintext font nobr em strong center marquee"
).split()
FRAGMENTS = [
    "<!-- <div> -->",
    "<!--",
    "-->",
    "--->",
    "<!-->",
    "<!--->",
    "<!doctype html>",
    "<!x>",
    "<?php echo '<p>'; ?>",
    "<![CDATA[ <div> ]]>",
    "<!",
    "<?",
    "<",
    ">",
    "</",
    "</>",
    "<1>",
    "< p>",
    "=",
    '"',
    "'",
    " a='>'",
    ' b=">"',
    " c = '<br>' d=e>",
    ' x="',
    " y='",
    " z=",
    " w= >",
    "\t",
    "\n",
    "\r\n",
    "\x0c",
    "\x0b",
    "/",
    "/>",
    "<script>'<div>'</script>",
    "<SCRIPT type=x>if (a<b) {}</ScRiPt >",
    "</\u017fcript>",
    "</scr\u0130pt>",
    "</scr\u0131pt>",
    "<scr\u0130pt>",
    "<style>p>b{}</style>",
    "</\u017ftyle>",
    "<title>标题</title>",
    "</tİtle>",
    "<textarea><p></textarea>",
    "<noframes><p>框</noframes>",
    "</noframe\u017f>",
    "<plaintext>",
    "<PLAINTEXT>",
    "<body>",
    "<BODY class=x>",
    "<body",
    "<bodyx>",
    "<lin\u212a>",
    "<LIN\u212a>",
    "<\u212abd>",
    "</\u212abd>",
    "<d\u0130v>",
    "</di\u0307v>",
    "<a\u03a3>",
    "</a\u03c2>",
    "<a\u03a3b>",
    "</a\u03c3b>",
    "<x\ud800>",
    "</x\ud800>",
    "\ud800",
    "\udfff",
    "\ud83d\ude00",
    "\U0001f600",
    "\U00020000",
    "字",
    "新闻",
    "\u3000",
    "\x00",
    "é",
    "<BR>",
    "<Br/>",
    "<bR>",
    "<IMG src='>'>",
    '<br x="<p>">',
    "</br>",
    "<Img>",
    "<INPUT>",
    "<br><br><br>",
]


def _fragment(rnd: random.Random) -> str:
    roll = rnd.random()
    if roll < 0.35:
        name = rnd.choice(TAGS)
        name = rnd.choice((name, name.upper(), name.capitalize(), name))
        attrs = rnd.choice(("", "", " class=a", ' id="x>y"', " data-x='<p>'", " x", " a=b c=d"))
        end = rnd.random() < 0.35
        return f"<{'/' if end else ''}{name}{attrs}{rnd.choice(('>', '>', '/>', ' >'))}"
    if roll < 0.7:
        return rnd.choice(FRAGMENTS)
    if roll < 0.8:  # deep nesting, long runs
        unit = rnd.choice(
            ("<div>", "<b>", "<p>", "<li>", "<td>", "<br>", "字<br>", "<img>", "<span>", "</div>", "</b>")
        )
        return unit * rnd.choice((3, 10, 40, 255, 256, 257, 600))
    if roll < 0.9:
        return "".join(chr(rnd.randint(0x20, 0x7E)) for _ in range(rnd.randint(1, 8)))
    code = rnd.choice((rnd.randint(0x80, 0x2FFF), rnd.randint(0xD800, 0xDFFF), rnd.randint(0x10000, 0x10FFFF)))
    return chr(code)


#: Markup a piece may end inside: most splits come in pages of these.
FRIENDLY = (
    "<div>, </div>, <p>, </p>, <ul>, </ul>, <li>, </li>, <b>, </b>, <a href='>'>, </a>, <br>, <BR>, 字<br>, <img>, "
    "<h2>, </h2>, 字, 新闻, \U0001f600, \ud800, <!-- <p> -->, <script>'</p>'</script>, <table>, </table>, <td>, </td>"
).split(", ")


def soup(rnd: random.Random) -> str:
    """A random page: every third one of :data:`FRIENDLY` markup and a little else."""
    if rnd.random() < 1 / 3:
        parts = [rnd.choice(FRIENDLY) if rnd.random() < 0.9 else _fragment(rnd) for _ in range(rnd.randint(1, 80))]
        return "".join(parts)
    return "".join(_fragment(rnd) for _ in range(rnd.randint(1, 60)))


def test_random_tag_soup() -> None:
    rnd = random.Random(16)
    pages = capped = split = 0
    for _ in range(4_000):
        page = soup(rnd)
        every = rnd.choice((0, 1, 2, 7, 50, 300, len(page) // 3, len(page) // 2, len(page), -1))
        max_depth = rnd.choice((0, 1, 2, 3, 8, 40, 512, -1))
        native = prepare(page, every, max_depth)
        assert native == depth_oracle.prepare(page, every, max_depth), (page, every, max_depth)
        assert (native[0] is page) == (depth_oracle.prepare(page, every, max_depth)[0] is page)
        pages += 1
        capped += native[0] is not page
        split += bool(native[1])
    assert pages == 4_000 and capped > 1_000 and split > 300  # both outcomes (a capped page has no splits)


def test_random_tag_soup_without_caps() -> None:
    """At the pipeline's depth cap, only the splits differ from page to page."""
    rnd = random.Random(17)
    split = 0
    for _ in range(1_500):
        page = soup(rnd)
        split += sum(same(page, every) > 0 for every in (1, 25))
    assert split > 600


def test_lone_surrogates_and_astral_characters_count_as_python_does() -> None:
    page = "\ud800<p>\U0001f600</p>\udc00<p>字</p>\ud83d\ude00<br>x" * 5
    same(page, 3)
    native = prepare(page, 3)[1]
    assert [page[s.at - len(s.tag) - 2 : s.at] for s in native[:2]] == ["</p>", "</p>"]
    deep = "\ud800" + "<b>\U0001f600" * 10 + "\udfff"
    assert (
        limit_depth(deep, 2)
        == depth_oracle.limit_depth(deep, 2)
        == "\ud800<b>\U0001f600<b>" + "\U0001f600" * 9 + "\udfff"
    )


def test_tag_names_are_lowered_as_python_lowers_them() -> None:
    """``str.lower()``: the Kelvin sign is ``k``, ``İ`` is ``i`` and a combining dot, a final Σ is ς."""
    assert prepare("<body><div><p>x</p><lin\u212a></p><p>y", 1)[1][1].tag == "link"
    page = "<body>" + "<d\u0130v>字</di\u0307v>" * 3 + "<a\u03a3>字</a\u03c2>" * 3 + "<p>尾"
    splits = prepare(page, 1)[1]
    assert [s.tag for s in splits] == ["/di\u0307v"] * 3 + ["/a\u03c2"] * 3
    same(page, 1)
