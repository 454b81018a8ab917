"""A UTF-8 page's text is checked once by the core (``_core.Utf8Text``) and made a Python ``str``
only when read: ``Decoded.text`` is made on first read, the pipeline reads the checked bytes
(``Decoded.native``), the character count (``chars``) and the first characters (``head``).

Whether a ``str`` of the page was made is observed by the memory Python allocates
(``tracemalloc``): a page's ``str`` is as large as the page or larger, what the pipeline makes
of a page whose bulk is a script is a few kB.
"""

from __future__ import annotations

import copy
import pickle
import random
import tracemalloc
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

import pytest

from cleantext import Cleaner, DecodeError, _core
from cleantext.blocks import html_blocks, text_block_table
from cleantext.decode import Decoded, declared_charset, decode
from cleantext.headmeta import head_scan, read_head
from cleantext.sniff import SNIFF_CHARS, looks_like_html, looks_like_html_head

Utf8Text, utf8_text = _core.Utf8Text, _core.utf8_text
_ARTICLE = "今天，沪渝两地科技部门在重庆签署了科技合作框架协议，双方将在七个方面开展深度合作。"
#: A page whose bulk is a script (no block's text): 2.4 MB, its ``str`` 1.6 MB.
_BIG_HTML = (
    "<html><head><title>沪渝携手</title><script>var s = '"
    + "新闻报道" * 200_000
    + "';</script></head><body><h1>沪渝携手</h1>"
    + "".join(f"<p>第{i}段：{_ARTICLE}</p>" for i in range(8))
    + "</body></html>"
).encode()
#: A dump whose bulk is boilerplate lines: 1.2 MB.
_BIG_DUMP = (
    "沪渝携手\n" + "".join(f"第{i}段：{_ARTICLE}\n" for i in range(8)) + ("分享到 微信 微博 " * 10 + "\n") * 5000
).encode()


def _peak(fn: Callable[[], Any]) -> int:
    """The most memory Python held at once while ``fn`` ran, beyond what it held before."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(("fmt", "raw"), [("html", _BIG_HTML), ("auto", _BIG_HTML), ("text", _BIG_DUMP)])
def test_a_warm_extract_of_a_utf8_page_makes_no_str_of_it(fmt: str, raw: bytes) -> None:
    cleaner = Cleaner(input_format=fmt, use_jieba=False)
    first = cleaner.extract(raw)  # (warm: the word lists, tables and patterns loaded)
    assert first.text.count("\n") == 7 and first.decoded_chars == len(raw.decode())
    assert _peak(lambda: cleaner.extract(raw)) < len(raw) // 4


def test_reading_the_text_of_a_dump_makes_it_once() -> None:
    """A dump's layout (its markdown) reads the page's ``str``: made then, the same as from a str."""
    cleaner = Cleaner(input_format="text", use_jieba=False)
    doc = cleaner.extract(_BIG_DUMP)
    assert _peak(lambda: doc.text) < 10_000
    assert doc.markdown == cleaner.extract(_BIG_DUMP.decode()).markdown
    again = pickle.loads(pickle.dumps(cleaner.extract(_BIG_DUMP)))
    assert again.markdown == doc.markdown and again == doc


def test_decoded_reads_without_making_the_text() -> None:
    d = decode(_BIG_HTML)
    assert _peak(lambda: (d.chars, d.head(4096), d.native, d.errors, d.encoding, d.utf8)) < 50_000
    assert isinstance(d.native, Utf8Text)
    assert _peak(lambda: d.text) > len(_BIG_HTML) // 2  # made now...
    assert _peak(lambda: d.text) < 1000  # ...once
    assert d.text is str(d.native) and d.chars == len(d.text) == len(_BIG_HTML.decode())
    assert d.head(10) == d.text[:10] and d.head(10**9) is d.text


def _eager(d: Decoded) -> Decoded:
    """``d`` made as a plain dataclass, its text given."""
    return Decoded(d.text, d.encoding, d.source, d.errors, d.declared, d.utf8)


_BOM = b"\xef\xbb\xbf"
_FFFD = "\ufffd".encode()
#: (page, keywords, its text, encoding, source, errors, utf8 given, made lazily)
_CASES: list[tuple[bytes, dict[str, str], str, str, str, int, bool, bool]] = [
    ("<p>新闻</p>".encode(), {}, "<p>新闻</p>", "utf-8", "utf-8", 0, True, True),
    ("<p>新闻</p>".encode(), {"encoding": "utf-8"}, "<p>新闻</p>", "utf-8", "argument", 0, True, True),
    (_BOM + "新闻".encode(), {}, "新闻", "utf-8", "bom", 0, True, True),
    (_BOM + "新闻\ufffd".encode(), {}, "新闻\ufffd", "utf-8", "bom", 1, False, True),  # (as ever: not clean)
    ("新闻\ufffd".encode(), {}, "新闻\ufffd", "utf-8", "utf-8", 1, True, True),  # a U+FFFD the page holds
    ("新闻".encode()[:-1], {}, "新\ufffd", "utf-8", "utf-8", 1, False, False),  # a cut tail, replaced
    ("新闻报道".encode()[:-2], {}, "新闻报\ufffd", "utf-8", "utf-8", 1, False, False),
    (b"<p>" + "新闻".encode() + b"\xed\xa0\x80</p>", {"encoding": "utf-8"}, "<p>新闻\ufffd\ufffd\ufffd</p>",
     "utf-8", "argument", 3, False, False),  # a surrogate's bytes: not UTF-8, three replaced
    (b"\xff\xfe" + "新闻".encode("utf-16-le"), {}, "新闻", "utf-16-le", "bom", 0, False, False),
    (b"", {}, "", "utf-8", "utf-8", 0, True, True),  # (ASCII is UTF-8: read by the core, no str made)
    (b"ascii only", {}, "ascii only", "utf-8", "utf-8", 0, True, True),
    ("新闻".encode("gb18030") * 8, {}, "新闻" * 8, "gb18030", "detected", 0, False, True),  # (decoded by the core)
    ('<meta charset="gbk">新闻'.encode("gbk") + b"\x84\x31\xa4\x37\xd0", {}, '<meta charset="gbk">新闻\ufffd\ufffd',
     "gb18030", "meta", 2, False, True),  # a U+FFFD the page holds, a cut tail replaced
    ('<meta charset="gbk">新闻'.encode("gbk") + b"\x80<p>ok</p>", {}, '<meta charset="gbk">新闻\ufffd<p>ok</p>',
     "gb18030", "meta", 1, False, False),  # a damaged GB page: Python's codec, with replacement
]  # fmt: skip


@pytest.mark.parametrize(("raw", "kw", "text", "encoding", "source", "errors", "given", "lazy"), _CASES)
def test_decoded_as_documented(
    raw: bytes, kw: dict[str, str], text: str, encoding: str, source: str, errors: int, given: bool, lazy: bool
) -> None:
    d = decode(raw, **kw)
    assert isinstance(d.native, Utf8Text) is lazy
    assert (d.chars, d.head(2), d.head(0)) == (len(text), text[:2], "")
    declared = kw.get("encoding") or declared_charset(raw)
    assert (d.text, d.encoding, d.source, d.errors, d.declared) == (text, encoding, source, errors, declared)
    assert d.utf8 == (text.encode() if given else None)
    eager = _eager(d)
    assert d == eager and hash(d) == hash(eager) and repr(d) == repr(eager) and repr(d).startswith("Decoded(text=")
    assert [f.name for f in fields(d)] == ["text", "encoding", "source", "errors", "declared", "utf8"]
    for other in (pickle.loads(pickle.dumps(decode(raw, **kw))), copy.deepcopy(decode(raw, **kw))):
        assert other == d and other.text == text and other.chars == len(text)
    assert replace(decode(raw, **kw), source="x") == replace(eager, source="x")
    if errors:
        with pytest.raises(DecodeError):
            decode(raw, strict=True, **kw)


def test_a_str_page_stays_as_given() -> None:
    d = decode("新闻\ud800报道")
    assert d.native is d.text and d.text == "新闻\ufffd报道" and (d.chars, d.errors, d.encoding) == (5, 1, "str")
    plain = "<p>新闻</p>"
    assert decode(plain).text is plain and decode(plain).head(3) == "<p>"


def test_decoded_is_frozen() -> None:
    d = decode("新闻".encode())
    with pytest.raises(AttributeError):
        d.text = "x"  # type: ignore[misc]
    assert Decoded("甲", "str", "str", 0).text == "甲"
    with pytest.raises(TypeError):
        Decoded()  # type: ignore[call-arg]  # (text stays required)


def test_random_pages_decode_alike_read_either_way() -> None:
    """Whatever is read first, a Decoded gives the same values; a lazy one is valid UTF-8."""
    rnd = random.Random(7)
    pieces = ["新闻".encode(), b"\xe6", b"\x80", b"<p>", _FFFD, b"a", b"\xed\xa0\x80", _BOM, b"\xf0\x9f\x98\x80"]
    pieces += ["新闻报道".encode("gb18030"), b"\x81\x30", b'<meta charset="gbk">', b"\x90\x30\x81\x30"]
    for _ in range(2000):
        raw = b"".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        first, second = decode(raw), decode(raw)
        n = rnd.randint(0, 40)
        assert (first.head(n), first.chars) == (second.text[:n], len(second.text)), raw
        assert first == second and first.text == second.text
        if isinstance(first.native, Utf8Text):
            assert first.encoding in ("utf-8", "gb18030") and first.errors == first.text.count("\ufffd")


def test_utf8_text_of_bytes() -> None:
    assert utf8_text(b"\xff") is None and utf8_text(b"\xed\xa0\x80") is None and utf8_text("新".encode()[:2]) is None
    t = utf8_text("a新\U0001f600闻\ufffd".encode())
    assert t is not None
    assert (len(t), str(t), t.head(2), t.head(99), t.replacements) == (5, "a新\U0001f600闻\ufffd", "a新", str(t), 1)
    assert str(t) is str(t) and str(pickle.loads(pickle.dumps(t))) == str(t)
    empty = utf8_text(b"")
    assert empty is not None and (len(empty), str(empty), empty.head(3)) == (0, "", "")


def test_until_is_find_and_slice() -> None:
    rnd = random.Random(3)
    alphabet = ["<", "/", "s", "新", "\U0001f600", "a", "</s"]
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 20)))
        t = utf8_text(text.encode())
        assert t is not None
        start, limit = rnd.randint(0, 25), rnd.randint(0, 25)
        end = text.find("</s", start, start + limit)
        assert t.until(start, "</s", limit) == (text[start:end] if end >= 0 else None), (text, start, limit)
    with pytest.raises(ValueError):
        utf8_text(b"abc").until(0, "", 3)  # type: ignore[union-attr]


def test_the_core_reads_checked_text_as_the_str() -> None:
    page = '<title>天气</title><meta name="author" content="张三"><p>今天下雨了。<br>明天晴。</p>'
    native = utf8_text(page.encode())
    assert native is not None
    assert html_blocks(native) == html_blocks(page)
    assert head_scan(native) == head_scan(page) and read_head(native) == read_head(page)
    dump = "标题\n正文第一段。\n\n  • 条目一\n"
    native_dump = utf8_text(dump.encode())
    assert list(text_block_table(native_dump)) == list(text_block_table(dump))
    assert text_block_table(native_dump).pack(dump.encode()) == text_block_table(dump).pack(dump)
    for call in (
        lambda: html_blocks(native, utf8=page.encode()),
        lambda: text_block_table(native_dump, dump.encode()),
        lambda: head_scan(native, page.encode()),
    ):
        with pytest.raises(ValueError, match="utf8"):
            call()


def test_json_ld_read_from_checked_text() -> None:
    page = (
        "<title>沪渝</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "headline": "沪渝携手", "datePublished": "2021-06-04"}</script>'
        "<script type='application/ld+json'>" + "{" * 10 + "</script>"
    )
    native = utf8_text(page.encode())
    assert native is not None
    head = read_head(native)
    assert head == read_head(page) and head.ld_headline == "沪渝携手" and head.ld_published == "2021-06-04"


_SNIFFED = [
    "<!DOCTYPE html><html>",
    "<html",  # a probe that ends inside the tag name: decided on more
    "<htmlx" + "新" * 3000,
    " " * 1019 + "<html" + "x" * 10,  # the tag name ends the probe
    " " * 1019 + "<html>" + "x" * 10,
    " " * 1021 + "<!--",
    " " * 2000 + "<p>",
    "新闻\n" * 600 + "<p>a</p><p>b</p><div>c</div>",
    "新闻\n" * 600,
    "<a href=/>首页</a>",
    "<ab" + "<p>" * 3,
    "<!-",
    "",
]


@pytest.mark.parametrize("text", _SNIFFED)
def test_the_probe_sniffs_as_the_whole_head(text: str) -> None:
    for page in (text, text + "新闻" * 40_000):
        read: list[int] = []

        def head(n: int, page: str = page, read: list[int] = read) -> str:
            read.append(n)
            return page[:n]

        assert looks_like_html_head(head) == looks_like_html(page), page[:40]
        assert read[0] == 1024


def test_a_page_that_starts_with_a_tag_is_sniffed_on_the_probe() -> None:
    read: list[int] = []
    page = "<!DOCTYPE html><html><body>" + "新闻" * 50_000

    def head(n: int) -> str:
        read.append(n)
        return page[:n]

    assert looks_like_html_head(head) and read == [1024]


def test_random_texts_sniff_alike() -> None:
    rnd = random.Random(9)
    pieces = [" ", "\n", "\ufeff", "<", "p", "html", "<!--", "新闻", "a ", "<br>", "x" * 300]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert looks_like_html_head(lambda n, text=text: text[:n]) == looks_like_html(text), text
        assert looks_like_html_head(lambda n, text=text: text[:n], text.encode()) == looks_like_html(text), text


def test_a_dump_is_sniffed_on_its_bytes_as_on_its_text() -> None:
    """Given the page's UTF-8, a page that no tag opens, with fewer than three "<" in the bytes of
    its first SNIFF_CHARS characters, is a dump without its head's str made (byte order marks and
    blanks before it aside); any other is read."""
    rnd = random.Random(16)
    wide = "新" * (SNIFF_CHARS - 2)  # 3 bytes a character: the bytes counted reach past the head
    pieces = [" ", "\n", "\ufeff", "<", "<p>", "<br>", "<html>", "<!--", "新闻", "x" * 700, wide, "a<b"]
    read: list[int] = []
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))

        def head(n: int, text: str = text) -> str:
            read.append(n)
            return text[:n]

        read.clear()
        assert looks_like_html_head(head, text.encode()) == looks_like_html(text), text[:80]
        few = text.encode().count(b"<", 0, 4 * SNIFF_CHARS) < 3
        if text.lstrip(" \t\r\n\ufeff")[:1] not in ("", "<") and few:
            assert read == []  # decided on the bytes: no str made
    dump = ("沪渝携手\n" + "新闻报道" * 40_000).encode()
    assert looks_like_html_head(lambda n: dump.decode()[:n], dump) is False
    markup = "<p>新闻</p>" * 3
    assert looks_like_html_head(lambda n: ("新" + markup)[:n], ("新" + markup).encode()) is True


def test_a_utf8_dump_is_held_as_its_bytes() -> None:
    """A dump given as UTF-8 bytes is held by its Document as those bytes (no str of it, no copy),
    which it pickles as they are; its layout makes the str when read."""
    cleaner = Cleaner(input_format="text", use_jieba=False)
    raw = _BIG_DUMP[:5000].rsplit(b"\n", 1)[0] + b"\n"
    doc = cleaner.extract(raw)
    table = doc.__dict__["_table"]
    assert table.page is raw and table.packed().state[1] is raw
    from_str = cleaner.extract(raw.decode())
    assert isinstance(from_str.__dict__["_table"].page, str)
    assert doc.blocks == from_str.blocks and doc.markdown == from_str.markdown and doc.html == from_str.html
    assert pickle.loads(pickle.dumps(doc)).markdown == from_str.markdown


def test_the_checked_text_holds_the_page_itself_not_a_copy() -> None:
    """A ``Utf8Text`` holds the page's own ``bytes`` (a copy would hold a 50 MB page twice: the
    text-dump memory bound of 3 × input + 150 MiB was missed by the copy), and gives its text."""
    raw = ("标题\n" + "这是一段正文内容。\n" * 1000).encode()
    text = _core.utf8_text(raw)
    assert text is not None and len(text) == len(raw.decode())
    make, (held,) = text.__reduce__()
    assert held is raw  # the page's object, not its copy
    assert str(make(held)) == raw.decode() and text.head(3) == "标题\n"
    assert _core.utf8_text(b"\xff" + raw) is None  # not UTF-8: no text


class _CountedStr(str):
    """A ``str`` page that counts how often it is encoded."""

    encodes = 0

    def encode(self, *args: Any, **kwargs: Any) -> bytes:
        type(self).encodes += 1
        return super().encode(*args, **kwargs)


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_a_str_page_near_the_size_limit_is_encoded_once(fmt: str) -> None:
    # Too long for its length alone to clear ``max_bytes`` (4 bytes a character at most), too
    # short to exceed it: its UTF-8 size is measured by encoding it, the encoding the core reads.
    page = (_BIG_HTML if fmt == "html" else _BIG_DUMP).decode()
    limit = len(page) * 4 - 1
    assert len(page) <= limit < len(page) * 4 and len(page.encode()) <= limit
    cleaner = Cleaner(input_format=fmt, use_jieba=False, max_bytes=limit)
    expected = cleaner.extract(page)
    _CountedStr.encodes = 0
    doc = cleaner.extract(_CountedStr(page))
    assert _CountedStr.encodes == 1
    assert doc == expected and doc.decoded_chars == len(page)


def test_a_str_page_with_a_lone_surrogate_near_the_size_limit() -> None:
    page = _BIG_DUMP.decode() + "\ud800"
    cleaner = Cleaner(input_format="text", use_jieba=False, max_bytes=len(page) * 4 - 1)
    doc = cleaner.extract(page)
    assert doc.decode_errors == 1 and doc.text == cleaner.extract(page[:-1]).text
