"""Structured output: ``Document.markdown`` and ``Document.html``, one page per element type."""

from __future__ import annotations

import pytest

import cleantext

LEAD = "今天，沪渝两地在重庆签署科技合作协议，携手推动发展，双方将在七个方面开展深度合作。"
TAIL = "协议签署后，两地科技部门将定期会商，共同推进重大项目落地，促进科技成果转化。"


def article(element: str, **options: object) -> cleantext.Document:
    """A news page: navigation, the article (a lead, ``element``, a closing paragraph), a footer."""
    page = (
        "<html><head><title>沪渝合作_新闻中心</title></head><body>"
        '<div class="nav"><a href="/">首页</a> <a href="/news/">新闻</a> <a href="/tech/">科技</a></div>'
        f'<div class="article"><p>{LEAD}</p>{element}<p>{TAIL}</p></div>'
        '<div class="footer">版权所有 新闻中心</div></body></html>'
    )
    return cleantext.extract(page, url="http://news.example.cn/2021/06/a.html", use_jieba=False, **options)


def body_md(*middle: str) -> str:
    return "\n\n".join([LEAD, *middle, TAIL])


def body_html(*middle: str) -> str:
    return "\n".join([f"<p>{LEAD}</p>", *middle, f"<p>{TAIL}</p>"])


HEADINGS = "<h2>两地合作的主要内容和具体安排</h2><p>第一段正文，介绍合作的背景情况。</p><h3>合作的具体领域</h3>"


def test_headings() -> None:
    doc = article(HEADINGS)
    assert doc.markdown == body_md(
        "## 两地合作的主要内容和具体安排", "第一段正文，介绍合作的背景情况。", "### 合作的具体领域"
    )
    assert doc.html == body_html(
        "<h2>两地合作的主要内容和具体安排</h2>", "<p>第一段正文，介绍合作的背景情况。</p>", "<h3>合作的具体领域</h3>"
    )


NESTED_LISTS = (
    "<ul><li>共建科技创新平台，联合开展技术攻关。<ol><li>建设联合实验室，共享大型仪器。</li>"
    "<li>设立专项资金，支持联合研发。</li></ol></li><li>推动科技成果转化，共同开拓市场。</li></ul>"
)


def test_nested_lists() -> None:
    doc = article(NESTED_LISTS)
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


TABLE = (
    "<table><thead><tr><th>城市</th><th>投资额</th><th>项目数</th></tr></thead><tbody>"
    "<tr><td>上海</td><td>120.5亿元</td><td>36个</td></tr>"
    "<tr><td>重庆</td><td>98亿元</td><td>29个</td></tr>"
    "<tr><td colspan=2>合计（两地）</td><td>65个</td></tr></tbody></table>"
)


def test_table_with_header_numbers_and_merged_cells() -> None:
    doc = article(TABLE)
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


def test_table_rowspan_and_no_header() -> None:
    doc = article(
        "<table><tr><td rowspan=2>上海市</td><td>浦东新区</td></tr><tr><td>黄浦区</td></tr>"
        "<tr><td>重庆市</td><td>渝中区</td></tr></table>"
    )
    assert doc.markdown == body_md("|  |  |\n| --- | --- |\n| 上海市 | 浦东新区 |\n|  | 黄浦区 |\n| 重庆市 | 渝中区 |")


def test_layout_table_renders_its_paragraphs() -> None:
    paras = "".join(f"<p>第{n}段正文，这是排版用表格里的内容，不是数据。</p>" for n in "一二三四")
    doc = article(f"<table><tr><td>{paras}</td><td></td></tr></table>")
    assert "|" not in doc.markdown
    assert doc.markdown == body_md(*[f"第{n}段正文，这是排版用表格里的内容，不是数据。" for n in "一二三四"])


CODE = "def total(rows):\n    s = 0\n    for r in rows:\n        s += r  # 累加\n    return s"


def test_code_keeps_line_breaks_and_indentation() -> None:
    doc = article(f"<pre><code>{CODE}\n</code></pre>")
    assert doc.markdown == body_md(f"```\n{CODE}\n```")
    assert doc.html == body_html(f"<pre><code>{CODE}</code></pre>")


def test_code_fence_longer_than_backticks_inside() -> None:
    doc = article("<pre>用 ``` 包住代码块\n第二行内容</pre>")
    assert doc.markdown == body_md("````\n用 ``` 包住代码块\n第二行内容\n````")


QUOTE = "<blockquote><p>科技合作是两地发展的重要引擎。</p><p>我们将继续深化合作。</p></blockquote>"


def test_quote() -> None:
    doc = article(QUOTE)
    assert doc.markdown == body_md("> 科技合作是两地发展的重要引擎。\n>\n> 我们将继续深化合作。")
    assert doc.html == body_html(
        "<blockquote>\n<p>科技合作是两地发展的重要引擎。</p>\n<p>我们将继续深化合作。</p>\n</blockquote>"
    )


FIGURE = (
    '<figure><img src="/img/sign.jpg" alt="签约现场">'
    "<figcaption>签约仪式在重庆举行，两地代表出席。</figcaption></figure>"
)


def test_figure_with_caption_and_image() -> None:
    doc = article(FIGURE, include_images=True)
    assert doc.markdown == body_md(
        "![签约现场](http://news.example.cn/img/sign.jpg)\n\n签约仪式在重庆举行，两地代表出席。"
    )
    assert doc.html == body_html(
        '<figure>\n<img alt="签约现场" src="http://news.example.cn/img/sign.jpg">\n'
        "<figcaption>签约仪式在重庆举行，两地代表出席。</figcaption>\n</figure>"
    )


def test_figure_caption_without_images() -> None:
    doc = article(FIGURE)
    assert doc.markdown == body_md("签约仪式在重庆举行，两地代表出席。")
    assert doc.html == body_html("<figure>\n<figcaption>签约仪式在重庆举行，两地代表出席。</figcaption>\n</figure>")


LINKS = (
    '<p>两地科技部门负责人介绍了协议的主要内容，全文见<a href="../doc/2021.html">合作协议</a>，'
    '另见<a href="javascript:alert(1)">附件</a>，欢迎社会各界监督落实。</p>'
)


def test_inline_links_resolved_against_url() -> None:
    doc = article(LINKS, include_links=True)
    assert doc.markdown == body_md(
        "两地科技部门负责人介绍了协议的主要内容，全文见[合作协议](http://news.example.cn/2021/doc/2021.html)，"
        "另见附件，欢迎社会各界监督落实。"
    )
    assert doc.html == body_html(
        '<p>两地科技部门负责人介绍了协议的主要内容，全文见<a href="http://news.example.cn/2021/doc/2021.html">'
        "合作协议</a>，另见附件，欢迎社会各界监督落实。</p>"
    )


def test_spaces_inside_a_link_are_escaped_not_dropped() -> None:
    """A URL parser (a browser's) strips an href's edges, drops tabs and line breaks, and writes
    the other spaces and controls inside it escaped: ``x y.html`` is ``x%20y.html``, not the
    other page ``xy.html``."""
    page = LINKS.replace("../doc/2021.html", " ../doc/2021 report.html\n").replace("javascript:alert(1)", "/a\tb c")
    doc = article(page, include_links=True)
    assert "[合作协议](http://news.example.cn/2021/doc/2021%20report.html)" in doc.markdown
    assert "[附件](http://news.example.cn/ab%20c)" in doc.markdown
    assert '<a href="http://news.example.cn/2021/doc/2021%20report.html">合作协议</a>' in doc.html


def test_links_off_by_default() -> None:
    doc = article(LINKS)
    expected = "两地科技部门负责人介绍了协议的主要内容，全文见合作协议，另见附件，欢迎社会各界监督落实。"
    assert doc.markdown == body_md(expected)


def test_title_on_top_only_with_keep_title_in_text() -> None:
    page = (
        "<html><body><h1>沪渝两地签署科技合作协议</h1>"
        f"<div class=article><p>{LEAD}</p><p>{TAIL}</p></div></body></html>"
    )
    plain = cleantext.extract(page, use_jieba=False)
    titled = cleantext.extract(page, use_jieba=False, keep_title_in_text=True)
    assert plain.markdown == f"{LEAD}\n\n{TAIL}"
    assert titled.markdown == f"# 沪渝两地签署科技合作协议\n\n{LEAD}\n\n{TAIL}"
    assert titled.html == f"<h1>沪渝两地签署科技合作协议</h1>\n<p>{LEAD}</p>\n<p>{TAIL}</p>"


def test_no_article_renders_nothing() -> None:
    doc = cleantext.extract("<html><body><div class=nav><a href=/>首页</a></div></body></html>")
    assert (doc.text, doc.markdown, doc.html) == ("", "", "")


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_output_format_chooses_what_clean_returns(form: str) -> None:
    page = f"<html><body><div class=article><p>{LEAD}</p><ul><li>第一项内容较长的条目。</li></ul></div></body></html>"
    doc = cleantext.extract(page, use_jieba=False)
    assert cleantext.clean(page, use_jieba=False, output_format=form) == getattr(doc, form)
    assert cleantext.Cleaner(output_format=form, use_jieba=False).clean(page) == getattr(doc, form)
    assert cleantext.clean(page, use_jieba=False) == doc.text


def test_explain_report_has_a_markdown_view_switch() -> None:
    import html as html_module

    doc = article("<h2>两地合作的主要内容和具体安排</h2><ul><li>共建科技创新平台，联合开展技术攻关。</li></ul>")
    report = doc.to_html()
    assert '<input type="checkbox" id="show-markdown" class="toggle">' in report
    assert '<label for="show-markdown" class="toggle-label">Show the Markdown</label>' in report
    view = report.split('<section class="markdown-view">', 1)[1].split("</section>", 1)[0]
    assert html_module.unescape(view).strip() == f'<div class="markdown-text">{doc.markdown}</div>'
    assert "#show-markdown:checked ~ main { display: none; }" in report


# -- text dumps ----------------------------------------------------------------------------------


def dump(middle: str) -> cleantext.Document:
    return cleantext.extract(f"{LEAD}\n\n{middle}\n\n{TAIL}\n", input_format="text", use_jieba=False)


def test_dump_bullets_become_a_list() -> None:
    doc = dump("  • 共建科技创新平台，联合开展技术攻关。\n  • 推动科技成果转化，共同开拓市场。")
    assert doc.markdown == body_md("- 共建科技创新平台，联合开展技术攻关。\n- 推动科技成果转化，共同开拓市场。")
    assert doc.html == body_html(
        "<ul>\n<li>共建科技创新平台，联合开展技术攻关。</li>\n<li>推动科技成果转化，共同开拓市场。</li>\n</ul>"
    )


def test_dump_numbered_items_become_an_ordered_list_with_continuation_lines() -> None:
    doc = dump("  1. 建设联合实验室，共享大型仪器。\n     实验室向两地企业开放。\n  2. 设立专项资金，支持联合研发。")
    assert doc.markdown == body_md(
        "1. 建设联合实验室，共享大型仪器。\n   实验室向两地企业开放。\n2. 设立专项资金，支持联合研发。"
    )


def test_dump_side_by_side_columns_become_a_table() -> None:
    doc = dump(
        "上海市科技创新平台建设    共建联合实验室三个，投资一百二十亿元\n"
        "重庆市科技成果转化项目    共建孵化平台五个，投资九十八亿元"
    )
    assert doc.markdown == body_md(
        "|  |  |\n| --- | --- |\n"
        "| 上海市科技创新平台建设 | 共建联合实验室三个，投资一百二十亿元 |\n"
        "| 重庆市科技成果转化项目 | 共建孵化平台五个，投资九十八亿元 |"
    )
    assert doc.html == body_html(
        "<table>\n<tbody>\n<tr><td>上海市科技创新平台建设</td><td>共建联合实验室三个，投资一百二十亿元</td></tr>\n"
        "<tr><td>重庆市科技成果转化项目</td><td>共建孵化平台五个，投资九十八亿元</td></tr>\n</tbody>\n</table>"
    )


def test_dump_lines_stay_paragraphs() -> None:
    doc = dump("第二段正文，介绍合作的背景情况和主要内容。")
    assert doc.markdown == body_md("第二段正文，介绍合作的背景情况和主要内容。")


def test_one_column_table_is_layout() -> None:
    doc = article(
        '<table><tr><td><img src="/a.jpg"></td></tr><tr><td>郭荣梅指挥乐团练习，孩子们认真演奏。</td></tr></table>'
    )
    assert doc.markdown == body_md("郭荣梅指挥乐团练习，孩子们认真演奏。")


def test_markdown_escape_looks_only_where_something_needs_it() -> None:
    """The escape skips the work on text that holds nothing to escape (most page text): on
    random text of the characters that matter (Unicode digits too, which ``\\d`` matches), it
    gives what escaping every character and every line start gives."""
    import random
    import re

    from cleantext.render import markdown as md

    every_line = re.compile(md._LINE_START.pattern, re.M)

    def full(text: str) -> str:
        return every_line.sub(md._line_start, text.translate(md._ESCAPE_TABLE))

    alphabet = [*md._ESCAPED, *">-+=0123456789.) \t\n\r", "１", "٣", "新", "闻", "a", "\u3000"]
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert md.escape(text) == full(text), text
        parts = [(text, None), (rng.choice(alphabet), "/a")]
        joined = every_line.sub(md._line_start, f"{full(text)}[{full(parts[1][0])}](/a)")
        assert md.inline(parts) == joined, parts
        assert md.inline([(text, None)]) == every_line.sub(md._line_start, full(text)), text
    assert md.escape("１. 第一") == "１\\. 第一" and md.escape("新闻") == "新闻"
