"""Structured output of text dumps: the text-dump twin of each element page of ``test_render``.

Each dump is the article of the HTML page as ``w3m -dump`` renders it (the lead, the element,
the closing paragraph; written by hand, and checked against w3m itself where it is installed).
A dump shows lists, side-by-side columns, code and standalone lines; it does not show
heading levels, quotes, figures or links, so those come out as the dump shows them.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from test_render import CODE, FIGURE, HEADINGS, LEAD, LINKS, NESTED_LISTS, QUOTE, TABLE, TAIL, body_html, body_md

import cleantext

#: w3m lays a table's columns 3 spaces apart where a column's widest cell stands, and the
#: splitter cuts cells at 4; with ``cellpadding=4`` every gap is 4 or more.
PADDED_TABLE = TABLE.replace("<table>", '<table cellpadding="4">')

#: The element of each twin (HTML, as in ``test_render``) and its dump, as w3m renders it.
TWINS = {
    "headings": (HEADINGS, "两地合作的主要内容和具体安排\n\n第一段正文，介绍合作的背景情况。\n\n合作的具体领域"),
    "nested_lists": (
        NESTED_LISTS,
        "  • 共建科技创新平台，联合开展技术攻关。\n"
        "     1. 建设联合实验室，共享大型仪器。\n"
        "     2. 设立专项资金，支持联合研发。\n"
        "  • 推动科技成果转化，共同开拓市场。",
    ),
    "table": (
        PADDED_TABLE,
        " 城市       投资额       项目数\n\n"
        "上海    120.5亿元       36个\n\n"
        "重庆    98亿元          29个\n\n"
        "合计（两地）            65个",
    ),
    "code": (f"<pre><code>{CODE}\n</code></pre>", CODE),
    "quote": (QUOTE, "    科技合作是两地发展的重要引擎。\n\n    我们将继续深化合作。"),
    "figure": (FIGURE, "签约现场\n签约仪式在重庆举行，两地代表出席。"),
    "links": (
        LINKS,
        "两地科技部门负责人介绍了协议的主要内容，全文见合作协议，另见附件，欢迎社会各界监督落实。",
    ),
}


def dump(name: str, **options: object) -> cleantext.Document:
    """The dump of twin ``name``: lead, element, closing paragraph, blank lines between."""
    page = f"{LEAD}\n\n{TWINS[name][1]}\n\n{TAIL}\n"
    return cleantext.extract(page, input_format="text", use_jieba=False, **options)


@pytest.mark.skipif(shutil.which("w3m") is None, reason="w3m not installed")
@pytest.mark.parametrize("name", sorted(TWINS))
def test_dumps_are_what_w3m_renders(name: str) -> None:
    page = f'<html><head><meta charset="utf-8"></head><body><p>{LEAD}</p>{TWINS[name][0]}<p>{TAIL}</p></body></html>'
    out = subprocess.run(
        ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "10000"],
        input=page.encode(),
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    rendered = "\n".join(line.rstrip() for line in out.splitlines()).strip("\n")
    assert rendered == f"{LEAD}\n\n{TWINS[name][1]}\n\n{TAIL}"


def test_dump_headings() -> None:
    """Standalone short lines between kept paragraphs are headings; a dump shows no level, so
    ``<h3>`` comes out as ``##`` too."""
    doc = dump("headings")
    assert doc.markdown == body_md(
        "## 两地合作的主要内容和具体安排", "第一段正文，介绍合作的背景情况。", "## 合作的具体领域"
    )
    assert doc.html == body_html(
        "<h2>两地合作的主要内容和具体安排</h2>", "<p>第一段正文，介绍合作的背景情况。</p>", "<h2>合作的具体领域</h2>"
    )


def test_dump_nested_lists() -> None:
    doc = dump("nested_lists")
    assert doc.markdown == body_md(
        "- 共建科技创新平台，联合开展技术攻关。\n"
        "  1. 建设联合实验室，共享大型仪器。\n"
        "  2. 设立专项资金，支持联合研发。\n"
        "- 推动科技成果转化，共同开拓市场。"
    )
    assert doc.html == body_html(
        "<ul>\n<li>共建科技创新平台，联合开展技术攻关。\n<ol>\n<li>建设联合实验室，共享大型仪器。</li>\n"
        "<li>设立专项资金，支持联合研发。</li>\n</ol></li>\n<li>推动科技成果转化，共同开拓市场。</li>\n</ul>"
    )


def test_dump_table_with_header_numbers_and_merged_cells() -> None:
    """The header: a first row of labels over a column of numbers; the merged cell: as wide as
    the two columns above it."""
    doc = dump("table")
    assert doc.markdown == body_md(
        "| 城市 | 投资额 | 项目数 |\n"
        "| --- | --- | --- |\n"
        "| 上海 | 120.5亿元 | 36个 |\n"
        "| 重庆 | 98亿元 | 29个 |\n"
        "| 合计（两地） |  | 65个 |"
    )
    assert doc.html == body_html(
        "<table>\n<thead><tr><th>城市</th><th>投资额</th><th>项目数</th></tr></thead>\n<tbody>\n"
        "<tr><td>上海</td><td>120.5亿元</td><td>36个</td></tr>\n"
        "<tr><td>重庆</td><td>98亿元</td><td>29个</td></tr>\n"
        '<tr><td colspan="2">合计（两地）</td><td>65个</td></tr>\n</tbody>\n</table>'
    )


def test_dump_code_keeps_line_breaks_and_indentation() -> None:
    doc = dump("code")
    assert doc.markdown == body_md(f"```\n{CODE}\n```")
    assert doc.html == body_html(f"<pre><code>{CODE}</code></pre>")


def test_dump_quote_is_paragraphs() -> None:
    """w3m indents a quote by four spaces, as it does a ``<dd>``, a list item's second line
    and many a menu: a dump does not show a quote reliably, so its paragraphs stay paragraphs."""
    doc = dump("quote")
    assert doc.markdown == body_md("科技合作是两地发展的重要引擎。", "我们将继续深化合作。")
    assert doc.html == body_html("<p>科技合作是两地发展的重要引擎。</p>", "<p>我们将继续深化合作。</p>")


def test_dump_figure_is_its_caption_line() -> None:
    """w3m prints an image's alt text, then the caption on its own line. The alt text is a short
    line without a sentence that selection leaves out; the caption stays a paragraph, images or
    not (a dump has no image to show)."""
    for options in ({}, {"include_images": True}):
        doc = dump("figure", **options)
        assert doc.markdown == body_md("签约仪式在重庆举行，两地代表出席。")
        assert doc.html == body_html("<p>签约仪式在重庆举行，两地代表出席。</p>")


def test_dump_links_are_plain_text() -> None:
    """A dump keeps a link's text, not its URL: ``include_links`` has nothing to show."""
    text = "两地科技部门负责人介绍了协议的主要内容，全文见合作协议，另见附件，欢迎社会各界监督落实。"
    for options in ({}, {"include_links": True}):
        doc = dump("links", **options)
        assert doc.markdown == body_md(text)
        assert doc.html == body_html(f"<p>{text}</p>")


def test_dump_heading_needs_prose_on_both_sides() -> None:
    """A short line before a list, or after the last paragraph, stays a paragraph."""
    items = "  • 共建科技创新平台，联合开展技术攻关。\n  • 推动科技成果转化，共同开拓市场。"
    page = f"{LEAD}\n\n主要合作领域\n\n{items}\n\n{TAIL}\n\n记者 张三 王五\n"
    doc = cleantext.extract(page, input_format="text", use_jieba=False)
    assert doc.markdown == body_md(
        "主要合作领域", "- 共建科技创新平台，联合开展技术攻关。\n- 推动科技成果转化，共同开拓市场。"
    )


def page(middle: str) -> cleantext.Document:
    return cleantext.extract(f"{LEAD}\n\n{middle}\n\n{TAIL}\n", input_format="text", use_jieba=False)


def test_dump_bullets_nest_at_w3m_levels() -> None:
    """w3m marks a list in a list with ``□`` four columns further right."""
    doc = page(
        "  • 共建科技创新平台，联合开展技术攻关。\n"
        "      □ 建设联合实验室，共享大型仪器。\n"
        "      □ 设立专项资金，支持联合研发。\n"
        "  • 推动科技成果转化，共同开拓市场。"
    )
    assert doc.markdown == body_md(
        "- 共建科技创新平台，联合开展技术攻关。\n"
        "  - 建设联合实验室，共享大型仪器。\n"
        "  - 设立专项资金，支持联合研发。\n"
        "- 推动科技成果转化，共同开拓市场。"
    )


def test_dump_right_aligned_numbers_stay_one_list() -> None:
    """w3m right-aligns item numbers (`` 9.`` over ``10.``): the items' text starts in one column."""
    items = [f"第{n}项工作，两地共同推进落实。" for n in "九十"]
    doc = page(f" 9. {items[0]}\n10. {items[1]}")
    assert doc.html == body_html(f"<ol>\n<li>{items[0]}</li>\n<li>{items[1]}</li>\n</ol>")


def test_dump_numbered_section_heading() -> None:
    doc = page("一、合作的背景\n\n第一段正文，介绍合作的背景情况。\n\n（二）合作的具体领域")
    assert doc.markdown == body_md("## 一、合作的背景", "第一段正文，介绍合作的背景情况。", "## （二）合作的具体领域")


def test_dump_indented_commands_are_code() -> None:
    """A run indented as a whole (a ``<pre>`` in a list item or a quote) loses that indentation."""
    doc = page("    $ pip install cleantext\n    $ cleantext --out markdown page.txt")
    assert doc.markdown == body_md("```\n$ pip install cleantext\n$ cleantext --out markdown page.txt\n```")


def test_dump_code_keeps_a_blank_line_inside() -> None:
    code = "int main(void) {\n    int x = 1;\n\n    return x;\n}"
    doc = page(code)
    assert doc.markdown == body_md(f"```\n{code}\n```")


def test_dump_english_sentences_are_not_code() -> None:
    """Indented English prose (kept between the paragraphs, as code would be) stays paragraphs."""
    lines = [
        "This is a short English summary of the news.",
        "It goes on with a second, longer line of plain English prose.",
    ]
    doc = page("\n".join("    " + line for line in lines))
    assert "```" not in doc.markdown
    assert doc.markdown == body_md(*lines)


def test_item_whose_text_is_left_out_gives_its_sublist_items_to_the_list() -> None:
    """A list item that is not kept but whose sublist is: the sublist's items take its place
    (not an empty item holding a list)."""
    from cleantext.blocks.layout import Element, Layout
    from cleantext.render import markdown
    from cleantext.render.tree import build

    layout = Layout(
        (
            Element("ul", 0, 3, -1),
            Element("li", 0, 2, 0),
            Element("ol", 1, 2, 1),
            Element("li", 1, 2, 2),
            Element("li", 2, 3, 0),
        )
    )
    tree = build(["3 经历", "3.1 团体成员时期的经历", "4 人物评价与影响"], [False, True, True], layout)
    assert markdown.nodes(tree) == "- 3.1 团体成员时期的经历\n- 4 人物评价与影响"
