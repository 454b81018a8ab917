"""Property tests: random bytes, random str, random HTML from a small grammar and random text
dumps never raise, always satisfy the invariants of ``invariants.check`` (ordered in-range
spans, text dumps' blocks equal to their source span modulo whitespace, HTML blocks a
subsequence of the page's text as lexbor reads it, ``text`` = kept blocks) and give the same
result twice.

Profiles: ``ci`` (default, fast) and ``long`` for campaigns::

    CLEANTEXT_HYPOTHESIS=long python -m pytest tests/test_properties.py -q
    CLEANTEXT_HYPOTHESIS=long CLEANTEXT_HYPOTHESIS_EXAMPLES=3000 python -m pytest tests/test_properties.py -q
"""

from __future__ import annotations

import html as html_lib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invariants import check, squeeze

import cleantext

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("CLEANTEXT_HYPOTHESIS_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
settings.load_profile(os.environ.get("CLEANTEXT_HYPOTHESIS", "ci"))

CLEANER = cleantext.Cleaner(use_jieba=False)

# -- building blocks -----------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "今天", "我们", "在重庆", "签署了", "合作协议", "双方将在", "科技创新方面", "深度合作", "记者", "获悉",
        "新闻", "体育", "首页", "责任编辑：张三", "版权所有", "渝ICP备05003419号", "分享到", "相关阅读",
        "发布时间:2021-06-04", "来源:重庆日报", "2021年6月4日", "Copyright", "news", "GDP", "8.1%", "…",
        "...", "—", "①", "𠀀", "\u200b", "\ufeff", "\xa0", "\u3000", "\x00", "\ufffd",
    ]
)  # fmt: skip
PUNCT = st.sampled_from(["，", "。", "！", "？", "；", "：", "、", "“", "”", ",", ".", "!", "?", ";", ":", "(", ")"])
SPACE = st.sampled_from([" ", "  ", "\n", "\t", "\r\n", "\u3000", "\xa0", ""])
ENTITY = st.sampled_from(
    ["&amp;", "&lt;", "&gt;", "&nbsp;", "&#x4e00;", "&#20013;", "&quot;", "&amp", "&#0;", "&#x80;", "&#xd800;"]
)


@st.composite
def phrase(draw: st.DrawFn, entities: bool = False) -> str:
    parts = st.one_of(WORDS, PUNCT, SPACE, ENTITY) if entities else st.one_of(WORDS, PUNCT, SPACE)
    return "".join(draw(st.lists(parts, min_size=1, max_size=12)))


# -- HTML grammar ----------------------------------------------------------------------------------

BLOCK = st.sampled_from(["div", "p", "li", "ul", "ol", "h1", "h2", "td", "tr", "table", "section", "blockquote", "pre"])
INLINE = st.sampled_from(["a", "span", "b", "em", "font", "strong", "i"])
ATTRS = st.sampled_from(
    ["", ' class="nav"', ' class="content article"', ' id="main"', ' href="/x"', ' style="display:none"', " hidden",
     ' class="footer copyright"', " class=list", ' title="a>b"'],
)  # fmt: skip


def _element(tag: str, attrs: str, children: list[str], close: bool) -> str:
    return f"<{tag}{attrs}>{''.join(children)}" + (f"</{tag}>" if close else "")


LEAF = st.one_of(
    phrase(entities=True),
    st.just("<br>"),
    st.just("<br/>"),
    phrase().map(lambda t: f"<!--{t}-->"),
    phrase().map(lambda t: f"<script>var s = '{t}';</script>"),
    phrase().map(lambda t: f"<style>p {{ }} /* {t} */</style>"),
    st.just("<img src=x alt=图片>"),
    st.just("<hr>"),
)
NODE = st.recursive(
    LEAF,
    lambda children: st.one_of(
        st.builds(_element, BLOCK, ATTRS, st.lists(children, max_size=6), st.booleans()),
        st.builds(_element, INLINE, ATTRS, st.lists(children, max_size=4), st.booleans()),
    ),
    max_leaves=40,
)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    title = draw(st.one_of(st.just(""), phrase().map(lambda t: f"<title>{html_lib.escape(t)}</title>")))
    body = "".join(draw(st.lists(NODE, min_size=1, max_size=8)))
    doctype = draw(st.sampled_from(["<!DOCTYPE html>", "", "<html>"]))
    return f"{doctype}<head>{title}</head><body>{body}</body></html>"


# -- text dumps ------------------------------------------------------------------------------------

LINE = st.one_of(
    phrase(),
    phrase().map(lambda t: "  • " + t),
    phrase().map(lambda t: "1. " + t),
    phrase().map(lambda t: "（2） " + t),
    phrase().map(lambda t: "    " + t),  # continuation of a list item
    phrase().map(lambda t: "\t" + t),
    st.builds(lambda a, b: f"{a}    {b}", phrase(), phrase()),  # cells side by side
    st.just(""),
    st.just("   "),
    st.just("今" * 39 + "。"),  # wrapped-width lines
    st.just("今" * 40),
)


@st.composite
def text_dumps(draw: st.DrawFn) -> str:
    lines = draw(st.lists(LINE, min_size=1, max_size=40))
    ending = draw(st.sampled_from(["\n", "\r\n", ""]))
    return ending.join(lines) + draw(st.sampled_from(["", "\n"]))


BULLET_MARKS = "•·*▪◦●○■□◆◇►▸‣⁃0123456789.、)（()）"
ENCODINGS = st.sampled_from([None, "utf-8", "gb18030", "big5hkscs", "utf-16"])


def _encode(page: str, encoding: str | None) -> bytes | str:
    if encoding is None:
        return page
    return page.encode(encoding, "replace")  # utf-16: with its BOM


def _extract_and_check(page: bytes | str, **kw: object) -> cleantext.Document:
    doc = CLEANER.extract(page, **kw)  # type: ignore[arg-type]
    check(page, doc, content_type=kw.get("content_type"))  # type: ignore[arg-type]
    assert CLEANER.extract(page, **kw) == doc, "not deterministic"  # type: ignore[arg-type]
    return doc


# -- properties ------------------------------------------------------------------------------------


@given(st.binary(max_size=3000))
def test_random_bytes(page: bytes) -> None:
    _extract_and_check(page)


@given(st.binary(max_size=1000), st.sampled_from([None, "text/html; charset=gbk", "text/html; charset=x-unknown"]))
def test_random_bytes_with_content_type(page: bytes, content_type: str | None) -> None:
    _extract_and_check(page, content_type=content_type)


SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
ANY_CHAR = st.one_of(st.characters(), SURROGATES, st.sampled_from("<>&/!-\n 今天，。"))


@given(st.text(ANY_CHAR, max_size=1000))
def test_random_str(page: str) -> None:
    doc = _extract_and_check(page)
    doc.text.encode("utf-8")  # lone surrogates never survive


@given(html_pages(), ENCODINGS)
def test_random_html(page: str, encoding: str | None) -> None:
    data = _encode(page, encoding)
    doc = _extract_and_check(data, input_format="html")
    assert doc.format == "html"


@given(html_pages())
def test_random_html_sniffed(page: str) -> None:
    _extract_and_check(page)


@given(text_dumps(), ENCODINGS)
def test_random_text_dump(page: str, encoding: str | None) -> None:
    data = _encode(page, encoding)
    doc = _extract_and_check(data, input_format="text")
    if encoding is None:  # no replacement: every kept paragraph is verbatim in the page, in order
        pos = 0
        flat = squeeze(page)
        for paragraph in doc.paragraphs:
            pos = flat.find(squeeze(paragraph), pos)
            assert pos >= 0, paragraph


@given(text_dumps())
def test_text_dump_blocks_cover_every_non_blank_character(page: str) -> None:
    """Nothing lost: every non-space character of a dump belongs to one block's span, except
    list bullets; spans do not overlap."""
    doc = CLEANER.extract(page, input_format="text")
    prev = 0
    outside = []
    for b in doc.blocks:
        assert b.start >= prev, "spans overlap"
        outside.append(page[prev : b.start])
        prev = b.end
    outside.append(page[prev:])
    assert set(squeeze("".join(outside))) <= set(BULLET_MARKS), outside


@settings(max_examples=15)
@given(html_pages() | text_dumps())
def test_with_jieba(page: str) -> None:
    cleaner = cleantext.Cleaner()
    doc = cleaner.extract(page)
    check(page, doc)
    assert cleaner.extract(page) == doc
