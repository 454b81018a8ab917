"""Property: on any soup of structural HTML, the Markdown and HTML views render without error and
hold exactly the characters of ``doc.text`` (in some order: a table's caption goes before it)."""

from __future__ import annotations

import pytest
from html_text import text_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleantext

markdown_it = pytest.importorskip("markdown_it")

TAGS = ["p", "div", "h2", "h3", "ul", "ol", "li", "table", "tr", "td", "th", "thead", "pre", "blockquote",
        "figure", "figcaption", "a", "span", "caption", "br"]  # fmt: skip
ATTRS = ["", ' colspan="2"', ' rowspan="3"', ' colspan="x"', ' href="/a"', ' href="javascript:x"', ' class="comment"']
TEXTS = ["沪渝两地签署合作协议，", "携手推动发展。", "投资120亿元", "*注意* _强调_", "| a | b |", "`代码`", "<b>&amp;",
         "  缩进的\n  代码行", "# 井号", "1. 编号", "- 条目", "[x](javascript:y)"]  # fmt: skip


@st.composite
def soup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            parts.append(f"<{draw(st.sampled_from(TAGS))}{draw(st.sampled_from(ATTRS))}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        else:
            parts.append(draw(st.sampled_from(TEXTS)).replace("&", "&amp;").replace("<", "&lt;"))
    return "<html><body>" + "".join(parts) + "</body></html>"


def _chars(s: str) -> list[str]:
    return sorted("".join(s.split()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(soup(), st.booleans())
def test_views_hold_exactly_the_text(page: str, links: bool) -> None:
    doc = cleantext.extract(page, input_format="html", use_jieba=False, include_links=links, url="http://e.cn/")
    md_text = text_of(markdown_it.MarkdownIt("commonmark").enable("table").render(doc.markdown))
    assert _chars(md_text) == _chars(doc.text)
    assert _chars(text_of(doc.html)) == _chars(doc.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(soup(), st.lists(st.booleans(), min_size=1, max_size=64))
def test_tree_renders_every_chosen_block_once(page: str, pattern: list[bool]) -> None:
    """Below selection: whichever blocks are kept, both writers hold exactly their characters."""
    from cleantext.blocks import html_blocks
    from cleantext.blocks.layout import LayoutRecorder
    from cleantext.render import html as html_writer
    from cleantext.render import markdown as md_writer
    from cleantext.render.tree import build

    recorder = LayoutRecorder(links=True, images=False)
    blocks = html_blocks(page, recorder).blocks
    kept = [pattern[i % len(pattern)] for i in range(len(blocks))]
    tree = build([b.text for b in blocks], kept, recorder.layout(), base="http://e.cn/", links=True)
    expected = _chars("".join(b.text for b, k in zip(blocks, kept) if k))
    md = md_writer.nodes(tree)
    assert _chars(text_of(markdown_it.MarkdownIt("commonmark").enable("table").render(md))) == expected
    assert _chars(text_of(html_writer.nodes(tree))) == expected
