"""Rendering stays linear and recursion-free in practice: deep nesting, huge spans, ragged tables."""

from __future__ import annotations

import time

import pytest

from cleantext.blocks import html_blocks
from cleantext.blocks.layout import MAX_NESTING, LayoutRecorder
from cleantext.render import html as html_writer
from cleantext.render import markdown as md_writer
from cleantext.render.tree import build


def render_all(page: str) -> tuple[str, str]:
    """Markdown and HTML of ``page`` with every block kept (selection aside)."""
    recorder = LayoutRecorder(links=True, images=True)
    blocks = html_blocks(page, recorder).blocks
    tree = build([b.text for b in blocks], [True] * len(blocks), recorder.layout(), links=True, images=True)
    return md_writer.nodes(tree), html_writer.nodes(tree)


@pytest.mark.parametrize(
    "wrapper", ["<ul><li>{}</li></ul>", "<blockquote>{}</blockquote>", "<table><tr><td>甲</td><td>{}</td></tr></table>"]
)
def test_deep_nesting_renders(wrapper: str) -> None:
    inner = "最里面的文字"
    for _ in range(3 * MAX_NESTING):
        inner = wrapper.format(inner)
    md, html = render_all(inner)
    assert "最里面的文字" in md and "最里面的文字" in html


@pytest.mark.parametrize(
    "table",
    [
        "<table>" + "<tr>" + '<td colspan="1000" rowspan="1000">格</td>' * 300 + "</tr>" * 300 + "</table>",
        "<table><tr>" + "<td>格</td>" * 3000 + "</tr>" + "<tr><td>行</td></tr>" * 3000 + "</table>",
    ],
    ids=["spans", "ragged"],
)
def test_tables_render_linear_in_the_page(table: str) -> None:
    start = time.perf_counter()
    md, html = render_all(table)
    assert len(md) < 40 * len(table) and len(html) < 40 * len(table)
    assert time.perf_counter() - start < 5


def test_dump_list_nesting_is_bounded() -> None:
    """Items each two columns further right than the last: nesting stops at the HTML layout's
    depth, so rendering never recurses past it."""
    import cleantext

    item = "项条目内容较长，说明两地合作的具体安排。"
    items = "\n".join(" " * (2 * k) + f"• 第{k}{item}" for k in range(3 * MAX_NESTING))
    doc = cleantext.extract(items, input_format="text", use_jieba=False)
    assert doc.markdown.count("第") == doc.html.count("第") == 3 * MAX_NESTING


def test_ragged_dump_table_lays_out_linear_in_the_page() -> None:
    from cleantext.blocks import text_blocks
    from cleantext.blocks.text_layout import text_layout

    dump = "    ".join(["格"] * 3000) + "\n" + "行    列\n" * 3000
    start = time.perf_counter()
    layout = text_layout(dump, text_blocks(dump))
    assert sum(e.tag == "tr" for e in layout.elements) == 3001
    assert time.perf_counter() - start < 5


def test_dump_table_header_check_is_linear_in_the_page() -> None:
    """A wide first row of labels over many two-cell rows: whether the first row is a header is
    read per row in the row's cells, not in the table's width (rows x width: 50 s for 20,000 rows
    before; 15,000 rows here, 45,000 blocks: under the dump's block budget, which would join the
    cells of a bigger one)."""
    from cleantext.blocks import text_blocks
    from cleantext.blocks.text_layout import text_layout

    n = 15_000
    dump = "    ".join(["格"] * n) + "\n" + "行    列\n" * n
    blocks = text_blocks(dump)
    start = time.perf_counter()
    layout = text_layout(dump, blocks)
    assert sum(e.tag == "tr" for e in layout.elements) == n + 1
    assert not any(e.tag == "th" for e in layout.elements)
    assert time.perf_counter() - start < 5
