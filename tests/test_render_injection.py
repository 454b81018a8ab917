"""A page cannot inject Markdown or HTML structure: its text renders as literal text.

The Markdown is parsed with markdown-it-py (CommonMark plus GFM tables) and the HTML with
the standard library's parser; both must give back exactly the page's text, inside only the
elements the article's structure made.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

import cleantext

markdown_it = pytest.importorskip("markdown_it")

HOSTILE = [
    "# 不是标题 *不是强调* _也不是_ **粗体** __粗__ ~~删除~~",
    "| 不是 | 表格 |\n| --- | --- |",
    "`不是代码` ``` 也不是围栏 ```",
    "<script>alert('注入')</script> <b>不是粗体</b> <!-- 注释 -->",
    "[点我](javascript:alert(1)) ![图](http://evil.example/x.png) <http://evil.example>",
    "&lt;script&gt; &amp;amp; &copy; &#x41; \\*反斜杠\\* 1. 不是列表",
    "- 不是条目 + 也不是 > 不是引用 === --- ***",
]
PROSE = "这是一段足够长的正文内容，用来让这一块被当作文章保留下来。"
_NUMBERS = "一二三四五六七八九十"


def _prose(n: int) -> str:
    """A distinct, long sentence of prose (blocks that repeat one another are dropped as duplicates)."""
    return (
        f"第{_NUMBERS[n % 10]}{_NUMBERS[n // 10]}段：两地科技部门负责人介绍了协议的主要内容，"
        "双方将在科技创新平台建设、重大项目联合攻关、成果转化和人才交流等方面开展深度合作。"
    )


def _page_text(s: str) -> str:
    """``s`` as HTML text: every character literal."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def hostile_page() -> tuple[str, list[str]]:
    """A page whose heading, paragraphs, list items, table cells, quote, link text and code are hostile."""
    texts = [" ".join(h.split()) for h in HOSTILE]
    body = [f"<p>{_prose(0)}</p>", f"<h2>科技合作{_page_text(texts[0])}</h2>"]
    body += [f"<p>{_prose(k + 1)}{_page_text(t)}</p>" for k, t in enumerate(texts)]
    items = [f"<li>合作的第{k}个方面是科技创新：{_page_text(t)}。</li>" for k, t in enumerate(texts[:3])]
    body.append(f"<ul>{''.join(items)}</ul>")
    body.append(f"<p>{_prose(20)}</p>")
    body.append(
        "<table><tr><th>项目名称</th><th>说明</th></tr>"
        + "".join(f"<tr><td>第{k}项合作</td><td>表格里的{_page_text(t)}</td></tr>" for k, t in enumerate(texts))
        + "</table>"
    )
    body.append(f"<p>{_prose(21)}</p>")
    body.append(f"<blockquote><p>{_prose(22)}{_page_text(texts[3])}</p></blockquote>")
    body.append(f'<p>{_prose(23)}<a href="http://a.example/x">{_page_text(texts[4])}</a>{_prose(24)}</p>')
    body.append(f"<pre>代码里的{_page_text(texts[2])}\n代码里的{_page_text(texts[3])}</pre>")
    body.append(f"<p>{_prose(25)}</p>")
    page = f"<html><body><div class=article>{''.join(body)}</div></body></html>"
    return page, texts


class _Collector(HTMLParser):
    """Tags and text of an HTML fragment (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append("!--")


def _collect(fragment: str) -> _Collector:
    c = _Collector()
    c.feed(fragment)
    c.close()
    return c


def _squeezed(s: str) -> str:
    return "".join(s.split())


@pytest.fixture(scope="module")
def doc() -> cleantext.Document:
    page, _ = hostile_page()
    return cleantext.extract(page, use_jieba=False, include_links=True, url="http://a.example/")


def test_every_hostile_block_is_kept(doc: cleantext.Document) -> None:
    _, texts = hostile_page()
    for t in texts:
        assert t in doc.text


def test_markdown_parses_back_to_the_page_text(doc: cleantext.Document) -> None:
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    tokens = md.parse(doc.markdown)
    opened = {t.tag for t in tokens if t.nesting == 1}
    assert opened == {"h2", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote"}
    assert [t.tag for t in tokens if t.type == "fence"] == ["code"]
    inline_kinds = {c.type for t in tokens if t.type == "inline" for c in t.children or ()}
    assert inline_kinds <= {"text", "softbreak", "link_open", "link_close"}
    links = [c.attrs["href"] for t in tokens if t.type == "inline" for c in t.children or () if c.type == "link_open"]
    assert links == ["http://a.example/x"]
    assert sum(1 for t in tokens if t.type == "table_open") == 1
    rendered = _collect(md.render(doc.markdown))
    assert _squeezed("".join(rendered.text)) == _squeezed(doc.text)


def test_html_parses_back_to_the_page_text(doc: cleantext.Document) -> None:
    out = _collect(doc.html)
    allowed = {"h2", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "pre", "code", "a"}
    assert set(out.tags) == allowed
    assert out.attrs == [("a", "href", "http://a.example/x")]
    assert "script" not in out.tags and "b" not in out.tags and "!--" not in out.tags
    assert _squeezed("".join(out.text)) == _squeezed(doc.text)


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"]
)
def test_unsafe_link_schemes_are_dropped(href: str) -> None:
    page = (
        f"<html><body><div class=article><p>{PROSE}<a href='{href}'>链接文字</a>{PROSE}</p>"
        f"<p>{PROSE}</p></div></body></html>"
    )
    doc = cleantext.extract(page, use_jieba=False, include_links=True, include_images=True)
    assert "链接文字" in doc.markdown and "](" not in doc.markdown
    assert "<a" not in doc.html


def test_image_attributes_are_escaped() -> None:
    page = (
        f'<html><body><div class=article><p>{_prose(1)}</p><img src=\'/x.png" onerror="alert(1)\' alt="a](b) <i>">'
        f"<p>{_prose(2)}</p></div></body></html>"
    )
    doc = cleantext.extract(page, use_jieba=False, include_images=True, url="http://a.example/")
    out = _collect(doc.html)
    assert [(k, v) for t, k, v in out.attrs if t == "img"] == [
        ("alt", "a](b) <i>"),
        ("src", 'http://a.example/x.png"%20onerror="alert(1)'),  # one attribute value, quotes and all
    ]
    assert "onerror" not in [k for _, k, _ in out.attrs]
    md = markdown_it.MarkdownIt("commonmark")
    images = [c for t in md.parse(doc.markdown) if t.type == "inline" for c in t.children or () if c.type == "image"]
    assert len(images) == 1 and "".join(c.content for c in images[0].children or ()) == "a](b) <i>"
    assert images[0].attrs["src"] == "http://a.example/x.png%22%20onerror=%22alert%281%29"
