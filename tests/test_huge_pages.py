"""Huge pages of tiny blocks (issue 14, item 5): the DOM is built a piece at a time, and the
block budget keeps the number of blocks, and so the memory, in line with the page's size.

Small pages stand in for huge ones: the piece size (``_PIECE``) and the budget
(``BLOCK_FLOOR``, ``BLOCKS_PER_MILLION``) are scaled down here. The full-size timings and peak
RSS belong to ``benchmarks/scaling_check.py --kinds tiny-p,tiny-br,tiny-bare``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invariants import check, squeeze

import cleantext
from cleantext.blocks import html as html_module
from cleantext.blocks.depth import prepare
from cleantext.blocks.layout import LayoutRecorder
from cleantext.blocks.model import Container

TINY_SHAPES = {
    "tiny-p": "<p>字</p>" * 3000,
    "tiny-br": '<p class="x">' + "字<br>" * 3000,
    "tiny-bare": "<br>" * 3000 + "<p>今天，我们在重庆签署了合作协议。</p>",
    "tiny-br-in-divs": "<div id=a><div class=b><p>" + "字<br>" * 3000 + "</div>尾",
    "inline-run": "<div><p>" + "<b>字</b>" * 3000 + "</p></div>",
}


def blocks_of(page: str, piece: int | None = None, **kw: Any) -> tuple[html_module.HtmlPage, object]:
    """``html_blocks`` of ``page`` (with its layout), parsed in pieces of about ``piece`` characters."""
    saved = html_module._PIECE, html_module._MAX_PIECES
    try:
        if piece is not None:
            html_module._PIECE, html_module._MAX_PIECES = piece, kw.get("max_pieces", 10**9)
        recorder = LayoutRecorder(links=True, images=True)
        return html_module.html_blocks(page, recorder), recorder.layout()
    finally:
        html_module._PIECE, html_module._MAX_PIECES = saved


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text the walk parses, in order."""
    sizes: list[int] = []
    walk = html_module._native_walk

    def recording(html: str, layout: LayoutRecorder | None, utf8: bytes | None = None) -> tuple[Any, ...]:
        result = walk(html, layout, utf8)
        sizes.extend(result[-1])
        return result

    monkeypatch.setattr(html_module, "_native_walk", recording)
    return sizes


# -- the DOM a piece at a time --------------------------------------------------------------------


@pytest.mark.parametrize("shape", TINY_SHAPES, ids=list(TINY_SHAPES))
def test_tiny_shapes_are_parsed_in_pieces_with_the_blocks_of_one_parse(shape: str, parses: list[int]) -> None:
    """Before issue 14 a page was cut only where nothing but ``<html>``/``<body>`` was open, and
    after an end tag: ``<p>`` + ``字<br>``... (one open paragraph) and bare ``<br>``... had no
    cut at all, so their whole DOM (7x the page) sat in memory."""
    page = TINY_SHAPES[shape]
    whole, whole_layout = blocks_of(page)
    assert parses == [len(page)]
    parses.clear()
    pieces, pieces_layout = blocks_of(page, piece=3000)
    assert len(parses) >= len(page) // 3000 - 1 and max(parses) < 2 * 3000
    assert pieces == whole and pieces_layout == whole_layout


def test_a_block_runs_on_across_a_cut() -> None:
    page = "<div class=box><p>" + "<b>字</b>" * 500 + "</p><p>尾</p></div>"
    assert len(prepare(page, 100)[1]) > 10  # cut after </b>, inside <div><p>
    pieces, _ = blocks_of(page, piece=100)
    assert [b.text for b in pieces.blocks] == ["字" * 500, "尾"]
    assert pieces.blocks[0].hints == "box" and pieces.containers == (
        Container(0, 2, "div", "box"),
        Container(0, 2, "body"),
        Container(0, 2, "html"),
    )


def test_no_cut_inside_a_tag_attribute_or_the_head() -> None:
    """Tags inside a quoted attribute value are text; a cut before ``<body>`` would lose its
    attributes (the parser gives them to the body it already made) and the ``<title>``."""
    popover = "<a data-content=\"<div><p>x</p><br></div>\" title='<br>'>链接</a>"
    page = "<title>标题</title><meta x=1>" * 20 + "<body class=page><div>" + (popover + "<br>") * 200
    cuts = prepare(page, 300)[1]
    assert cuts and all(page[: c.at].endswith(("链接</a>", "链接</a><br>")) for c in cuts)
    assert min(c.at for c in cuts) > page.index("<body")
    whole, _ = blocks_of(page)
    pieces, _ = blocks_of(page, piece=300)
    assert pieces == whole and whole.title == "标题" and whole.blocks[0].hints == "page"


def test_a_table_left_open_is_not_cut() -> None:
    """``</table>`` inside a cell leaves the outer table open: the scan cannot tell, the tree can,
    and the piece runs on to a cut the tree agrees with."""
    row = "<table><tr><td>甲</td></tr></table><br>公告</td></tr><tr><td>乙"
    page = "<table><tr><td>" + row * 100 + "</td></tr></table>" + "<p>尾</p>" * 50
    whole, _ = blocks_of(page)
    pieces, _ = blocks_of(page, piece=200)
    assert pieces == whole


ATTRS = st.sampled_from(["", " class=a", ' id="b c"', ' data-x="<p>y</p>"', " title='<br>'", ' style="display:none"'])
TEXT = st.sampled_from(
    [
        "字",
        "今天下雨了。",
        " ",
        "\n",
        "\r\n",
        "&#10;",
        "&amp;",
        "<br>",
        "<img src=x>",
        "<!--<p>-->",
        "<script>'<p>'</script>",
    ]
)


def _element(name: str, attrs: str, children: list[str]) -> str:
    return f"<{name}{attrs}>{''.join(children)}</{name}>"


#: Markup as written by the book: inline elements hold text and inline elements, a <p> holds
#: those, and the other block elements hold anything (a <li> only inside a list).
INLINE = st.recursive(
    TEXT, lambda c: st.builds(_element, st.sampled_from(["span", "b", "a", "em"]), ATTRS, st.lists(c, max_size=4))
)
PARAGRAPH = st.builds(_element, st.just("p"), ATTRS, st.lists(INLINE, max_size=4))
FLOW = st.recursive(
    st.one_of(INLINE, PARAGRAPH),
    lambda c: st.one_of(
        st.builds(_element, st.sampled_from(["div", "section", "blockquote", "h2"]), ATTRS, st.lists(c, max_size=4)),
        st.builds(
            _element,
            st.just("ul"),
            ATTRS,
            st.lists(st.builds(_element, st.just("li"), ATTRS, st.lists(c, max_size=3)), max_size=3),
        ),
    ),
    max_leaves=30,
)
#: Tag soup: any element in any other, closed or not.
SOUP = st.recursive(
    TEXT,
    lambda c: st.builds(
        lambda name, attrs, children, close: f"<{name}{attrs}>{''.join(children)}" + (f"</{name}>" if close else ""),
        st.sampled_from(["div", "p", "section", "ul", "li", "h2", "span", "b", "a", "table", "td", "pre"]),
        ATTRS,
        st.lists(c, max_size=5),
        st.booleans(),
    ),
    max_leaves=30,
)
EXAMPLES = int(os.environ.get("CLEANTEXT_PIECES_EXAMPLES", "40"))


def _page(body: str) -> str:
    return "<html><head><title>t</title></head><body class=page>" + body * 3 + "</body></html>"


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FLOW, min_size=1, max_size=10).map("".join), st.integers(5, 60))
def test_pieces_of_well_formed_markup_give_the_blocks_of_one_parse(body: str, piece: int) -> None:
    """Where the markup follows the book, the scan reads the parser's state at every cut: the
    blocks, containers, layout and merged blocks are those of one parse."""
    page = _page(body)
    whole, whole_layout = blocks_of(page)
    pieces, pieces_layout = blocks_of(page, piece=piece)
    assert pieces == whole
    assert pieces_layout == whole_layout


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SOUP, min_size=1, max_size=10).map("".join), st.integers(5, 60))
def test_pieces_of_tag_soup_keep_the_text_in_order(body: str, piece: int) -> None:
    """Tag soup can leave the parser in a state the scan misreads (``<li>`` inside ``<h2>``
    inside ``<li>``): the blocks may break differently at a cut, but no text is lost or moved."""
    page = _page(body)
    whole = blocks_of(page)[0].blocks
    pieces = blocks_of(page, piece=piece)[0].blocks
    assert "".join(squeeze(b.text) for b in pieces) == "".join(squeeze(b.text) for b in whole)
    assert not html_module.merged_blocks(whole)  # only a joined block has a line break


# -- the block budget -------------------------------------------------------------------------------


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A budget of 200 blocks plus 1,000 per million characters (2,000 for any block to join):
    a page of 5,000 tiny blocks is over it as a huge page of 10^6 is over the real one."""
    monkeypatch.setattr(html_module, "BLOCK_FLOOR", 200)
    monkeypatch.setattr(html_module, "BLOCKS_PER_MILLION", 1000)
    monkeypatch.setattr(html_module, "BLOCKS_PER_MILLION_HARD", 2000)


def test_block_budget_merges_tiny_neighbours_and_keeps_every_character(small_budget: None) -> None:
    page = "<html><body>" + "".join(f"<p>字{i}</p>" for i in range(5000))
    over, _ = blocks_of(page)
    blocks = over.blocks
    budget = 200 + 1000 * len(page) // 1_000_000
    assert budget <= len(blocks) <= budget + 2 * 5000 * 6 // html_module.MERGE_CHARS + 2  # not 5,000
    assert [b.text for b in blocks[:200]] == [f"字{i}" for i in range(200)]  # the budget's first blocks
    assert "\n".join(b.text for b in blocks) == "\n".join(f"字{i}" for i in range(5000))
    merged = html_module.merged_blocks(blocks)
    assert merged and merged == tuple(range(merged[0], len(blocks))) and merged[0] >= 199
    assert all(len(b.text) <= html_module.MERGE_CHARS for b in blocks)
    assert blocks[-1].end > blocks[-2].start

    doc = cleantext.extract(page, use_jieba=False)
    check(page, doc)
    assert [b.index for b in doc.blocks if "merged" in b.reasons] == list(merged)


def test_over_the_budget_only_tiny_blocks_join_until_the_hard_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A crowded page of real blocks (a menu of short links between paragraphs, as on a page
    of many articles) keeps its paragraphs: only the runs of tiny blocks join, as one line each."""
    monkeypatch.setattr(html_module, "BLOCK_FLOOR", 200)
    monkeypatch.setattr(html_module, "BLOCKS_PER_MILLION", 0)
    monkeypatch.setattr(html_module, "BLOCKS_PER_MILLION_HARD", 10**9)
    menu = "<ul>" + "".join(f"<li><a href=/{i}>栏目{i}</a></li>" for i in range(8)) + "</ul>"
    article = "<p>今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。</p>" * 3
    page = "<body>" + (menu + article) * 300
    blocks = blocks_of(page)[0].blocks
    paragraphs = [b.text for b in blocks if "合作协议" in b.text]
    assert len(paragraphs) == 900 and all(t.count("合作协议") == 1 for t in paragraphs)
    menus = [b for b in blocks[200:] if "栏目" in b.text]
    assert len(menus) < 300 + 20 and all(b.text.count("栏目") in (1, 8) or b.index < 220 for b in menus)
    assert all(b.link_chars == len(squeeze(b.text)) for b in menus)
    monkeypatch.setattr(html_module, "BLOCKS_PER_MILLION_HARD", 0)  # past the hard budget: any block joins
    assert len(blocks_of(page)[0].blocks) < 400


def test_without_a_budget_every_tiny_block_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above fails without the budget: this is what the pipeline would hold."""
    monkeypatch.setattr(html_module, "BLOCK_FLOOR", 10**9)
    page = "<html><body>" + "".join(f"<p>字{i}</p>" for i in range(5000))
    assert len(blocks_of(page)[0].blocks) == 5000


def test_block_budget_never_joins_across_a_hidden_edge(small_budget: None) -> None:
    hidden = '<div style="display:none">' + "<p>隐</p>" * 50 + "</div>"
    page = "<body>" + "<p>字</p>" * 400 + hidden + "<p>字</p>" * 400 + "<noframes><p>框</p><p>框</p></noframes>"
    parsed, _ = blocks_of(page)
    texts = [b.text for b in parsed.blocks]
    hidden_boxes = [c for c in parsed.containers if c.hidden]
    assert [c.tag for c in hidden_boxes] == ["div", "noframes"]
    inside = [t for c in hidden_boxes for t in texts[c.first : c.end]]
    assert "".join(squeeze(t) for t in inside) == "隐" * 50 + "框" * 2
    assert all("隐" not in t and "框" not in t for i, t in enumerate(texts) if not _in(i, hidden_boxes))


def _in(i: int, boxes: list[Container]) -> bool:
    return any(c.first <= i < c.end for c in boxes)


def test_block_budget_keeps_pre_text_and_links_for_rendering(small_budget: None) -> None:
    page = (
        "<body>" + "<p>字</p>" * 300 + "<pre>  代码 一\n  代码 二</pre>" * 30 + '<p><a href="/x">链接</a>文</p>' * 300
    )
    doc = cleantext.extract(page, use_jieba=False, include_links=True)
    assert doc.layout is not None
    merged = [b.index for b in doc.blocks if "merged" in b.reasons]
    raw = dict(doc.layout.raw)
    pre_blocks = [i for i in raw if i in merged]
    assert pre_blocks and all(raw[i].count("  代码 一\n  代码 二") > 1 for i in pre_blocks)
    assert all(doc.blocks[link.block].text.count(link.text) for link in doc.layout.links)
    assert sum(b.text.count("链接") for b in doc.blocks) == 300


def test_budget_grows_with_the_page(small_budget: None) -> None:
    """The allowance is counted to the end of each piece: a page's later pieces get their share,
    so an article after a crowded start keeps its own blocks."""
    article = "".join(
        f"<p>第{i}段：今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。</p>" for i in range(40)
    )
    page = "<body>" + "<p>字</p>" * 3000 + "<div>" + "x" * 300_000 + "</div>" + article
    parsed, _ = blocks_of(page, piece=20_000)
    texts = [b.text for b in parsed.blocks]
    assert all(f"第{i}段" in t and t.count("段") == 1 for i, t in zip(range(40), texts[-40:]))
