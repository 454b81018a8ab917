"""Bad arguments fail at once, with TypeError or ValueError naming the argument and what it takes.

One table: each row is a call with one bad argument, the exception it must raise and the
name its message must contain. Nothing here may fail later, inside the extraction.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from typing import Any

import pytest

import cleantext
from cleantext import Cleaner, Options, clean, extract
from cleantext.parallel import Page, map_ordered
from cleantext.select import Thresholds

PAGE = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。".encode()
QUIET = {"use_jieba": False}


def _extract(**kw: Any) -> Callable[[], object]:
    return lambda: extract(PAGE, **QUIET, **kw)


def _cleaner_extract(**kw: Any) -> Callable[[], object]:
    return lambda: Cleaner(**QUIET).extract(PAGE, **kw)


def _map(**kw: Any) -> Callable[[], object]:
    return lambda: map_ordered(Cleaner(**QUIET), [PAGE], **kw)  # (not iterated: the call itself raises)


def _many(pages: object, jobs: object = 1) -> Callable[[], object]:
    return lambda: Cleaner(**QUIET).extract_many(pages, jobs=jobs)


CASES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    # per-call arguments, through extract() and Cleaner.extract()
    ("encoding=5", _extract(encoding=5), TypeError, "encoding"),
    ("encoding=b'gbk'", _extract(encoding=b"gbk"), TypeError, "encoding"),
    ("encoding unknown", _extract(encoding="no-such-codec"), ValueError, "encoding"),
    ("content_type=5", _extract(content_type=5), TypeError, "content_type"),
    ("content_type=b''", _cleaner_extract(content_type=b"text/html; charset=gbk"), TypeError, "content_type"),
    ("url=5", _extract(url=5), TypeError, "url"),
    ("url=b''", _cleaner_extract(url=b"http://a.cn/"), TypeError, "url"),
    ("now=str", _extract(now="2021-06-05"), TypeError, "now"),
    ("now=float", _cleaner_extract(now=1622851200.0), TypeError, "now"),
    ("format=5", _extract(format=5), TypeError, "format"),
    ("format unknown", _cleaner_extract(format="xml"), ValueError, "format"),
    ("page=5", lambda: extract(5), TypeError, "page"),
    ("clean(url=5)", lambda: clean(PAGE, url=5, **QUIET), TypeError, "url"),
    ("Cleaner.clean(encoding=5)", lambda: Cleaner(**QUIET).clean(PAGE, encoding=5), TypeError, "encoding"),
    # options, at construction
    ("Cleaner(dict)", lambda: Cleaner({"format": "html"}), TypeError, "options"),
    ("Cleaner(str)", lambda: Cleaner("html"), TypeError, "options"),
    ("unknown option", lambda: Cleaner(use_jeiba=False), TypeError, "use_jeiba"),
    ("unknown option via extract", _extract(max_byte=10), TypeError, "max_byte"),
    ("unknown option to Options", lambda: Options(foo=1), TypeError, "foo"),
    ("format=5 option", lambda: Options(format=5), TypeError, "format"),
    ("format unknown option", lambda: Options(format="pdf"), ValueError, "format"),
    ("max_bytes=True", lambda: Cleaner(max_bytes=True), TypeError, "max_bytes"),
    ("max_bytes='5'", lambda: Options(max_bytes="5"), TypeError, "max_bytes"),
    ("max_bytes=1.5", lambda: Options(max_bytes=1e6), TypeError, "max_bytes"),
    ("max_bytes=0", lambda: Options(max_bytes=0), ValueError, "max_bytes"),
    ("chardet_prefix=1.5", lambda: Cleaner(chardet_prefix=1.5), TypeError, "chardet_prefix"),
    ("chardet_prefix=0", lambda: Options(chardet_prefix=0), ValueError, "chardet_prefix"),
    ("chardet_prefix=False", lambda: Options(chardet_prefix=False), TypeError, "chardet_prefix"),
    ("min_body_han='5'", lambda: Cleaner(min_body_han="5"), TypeError, "min_body_han"),
    ("min_body_han=-1", lambda: Options(min_body_han=-1), ValueError, "min_body_han"),
    ("strict='yes'", lambda: Options(strict="yes"), TypeError, "strict"),
    ("use_jieba=1", lambda: Cleaner(use_jieba=1), TypeError, "use_jieba"),
    ("keep_title_in_text=None", lambda: Options(keep_title_in_text=None), TypeError, "keep_title_in_text"),
    ("thresholds=dict", lambda: Cleaner(thresholds={"good": 1.0}), TypeError, "thresholds"),
    ("thresholds.good='1'", lambda: Cleaner(thresholds=Thresholds(good="1")), TypeError, "good"),
    ("thresholds.good=True", lambda: Options(thresholds=Thresholds(good=True)), TypeError, "good"),
    ("thresholds.good=nan", lambda: Options(thresholds=Thresholds(good=math.nan)), ValueError, "good"),
    ("thresholds.post_han=1.5", lambda: Options(thresholds=Thresholds(post_han=1.5)), TypeError, "post_han"),
    ("updated(thresholds=...)", lambda: Options().updated(thresholds=None), TypeError, "thresholds"),
    # many pages: each checked at the call, before any page is read
    ("extract_many(jobs='2')", _many([PAGE], jobs="2"), TypeError, "jobs"),
    ("extract_many(jobs=0)", _many([PAGE], jobs=0), ValueError, "jobs"),
    ("extract_many(pages=5)", _many(5), TypeError, "pages"),
    ("extract_many(pages=str)", _many(PAGE.decode()), TypeError, "pages"),
    ("extract_many(pages=bytes)", _many(PAGE), TypeError, "pages"),
    ("extract_many(pages=bytes, jobs=2)", _many(PAGE, jobs=2), TypeError, "pages"),
    ("extract_many(pages=bytearray)", _many(bytearray(PAGE)), TypeError, "pages"),
    ("extract_many(pages=memoryview, jobs=2)", _many(memoryview(PAGE), jobs=2), TypeError, "pages"),
    ("extract_many(pages=Page)", _many(Page(PAGE, url="u")), TypeError, "pages"),
    ("extract_many(pages=dict item, jobs=2)", _many({"page": PAGE}, jobs=2), TypeError, "pages"),
    ("map_ordered(jobs=0)", _map(jobs=0), ValueError, "jobs"),
    ("map_ordered(jobs=1.5)", _map(jobs=1.5), TypeError, "jobs"),
    ("map_ordered(jobs=True)", _map(jobs=True), TypeError, "jobs"),
    ("map_ordered(chunksize=0)", _map(jobs=1, chunksize=0), ValueError, "chunksize"),
    ("map_ordered(prefetch='4')", _map(jobs=1, prefetch="4"), TypeError, "prefetch"),
    ("map_ordered(errors='ignore')", _map(jobs=1, errors="ignore"), ValueError, "errors"),
    ("map_ordered(postprocess=5)", _map(jobs=1, postprocess=5), TypeError, "postprocess"),
    ("map_ordered(cleaner=Options())", lambda: map_ordered(Options(), [PAGE], jobs=1), TypeError, "cleaner"),
    ("map_ordered(pages=5)", lambda: map_ordered(Cleaner(**QUIET), 5, jobs=1), TypeError, "pages"),
    ("map_ordered(pages=str)", lambda: map_ordered(Cleaner(**QUIET), PAGE.decode(), jobs=1), TypeError, "pages"),
    ("map_ordered(pages=bytes, jobs=2)", lambda: map_ordered(Cleaner(**QUIET), PAGE, jobs=2), TypeError, "pages"),
    ("map_ordered(mp_context='bogus')", _map(jobs=2, mp_context="bogus"), ValueError, "mp_context"),
    ("map_ordered(mp_context='bogus', jobs=1)", _map(jobs=1, mp_context="bogus"), ValueError, "mp_context"),
    ("map_ordered(mp_context=5)", _map(jobs=2, mp_context=5), TypeError, "mp_context"),
]


@pytest.mark.parametrize(("call", "error", "name"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_argument_is_named(call: Callable[[], object], error: type[Exception], name: str) -> None:
    with pytest.raises(error) as caught:
        call()
    assert name in str(caught.value), str(caught.value)
    assert not isinstance(caught.value, cleantext.CleanTextError)  # an argument error, not a page's


@pytest.mark.parametrize("page", [PAGE, PAGE.decode(), bytearray(PAGE), memoryview(PAGE)], ids=type)
def test_one_page_given_as_pages_is_refused_with_advice(page: object) -> None:
    """A page where an iterable of pages goes (its characters or bytes are no pages) says what to do."""
    calls = [_many(page), _many(page, jobs=2), lambda: map_ordered(Cleaner(**QUIET), page, jobs=2)]
    for call in calls:
        with pytest.raises(TypeError) as caught:
            call()
        message = str(caught.value)
        assert message.startswith("pages must be") and type(page).__name__ in message
        assert "extract(" in message and "list" in message, message


def test_a_bad_mp_context_names_the_start_methods() -> None:
    with pytest.raises(ValueError, match="mp_context") as caught:
        map_ordered(Cleaner(**QUIET), [PAGE], jobs=2, mp_context="bogus")
    assert all(repr(method) in str(caught.value) for method in multiprocessing.get_all_start_methods())


def test_unknown_options_list_the_known_ones() -> None:
    for call in (lambda: Cleaner(use_jeiba=False), lambda: Options(use_jeiba=False), lambda: extract(PAGE, foo=1)):
        with pytest.raises(TypeError) as caught:
            call()
        assert all(f.name in str(caught.value) for f in fields(Options))


def test_every_option_field_is_checked() -> None:
    """A value of the wrong type for any field (today's and ones added later) is refused."""
    for f in fields(Options):
        default = getattr(Options(), f.name)
        takes_str = f.name == "format"  # the deprecated alias of input_format: None or a str
        wrong = 1.5 if isinstance(default, (bool, str, Thresholds)) or type(default) is int or takes_str else "x"
        with pytest.raises(TypeError, match=f.name):
            Options(**{f.name: wrong})
    for f in fields(Thresholds):
        wrong = "1" if isinstance(f.default, float) else 1.5
        with pytest.raises(TypeError, match=f.name):
            Options(thresholds=Thresholds(**{f.name: wrong}))


def test_good_arguments_still_work() -> None:
    cleaner = Cleaner(Options(min_body_han=0), thresholds=Thresholds(good=0), chardet_prefix=1024)
    doc = cleaner.extract(
        PAGE,
        encoding="utf-8",
        content_type="text/html; charset=utf-8",
        url="http://a.cn/x",
        input_format="text",
        now=datetime(2021, 6, 5, 9, 0),
    )
    assert doc.text and doc.url == "http://a.cn/x" and doc.format == "text"
    assert Options(thresholds=Thresholds(post_han=12, good=1)).thresholds.good == 1  # an int where a float goes
    assert [d.text for d in Cleaner(**QUIET).extract_many([PAGE, PAGE], jobs=1)] == [doc.text] * 2


def test_a_bad_option_value_on_the_command_line_is_a_usage_error(capsys, tmp_path) -> None:
    from cleantext import cli

    page = tmp_path / "p.txt"
    page.write_bytes(PAGE)
    with pytest.raises(SystemExit) as caught:
        cli.main(["--min-body-han", "-1", str(page)])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "min_body_han must be at least 0" in err


def test_a_fragment_the_server_calls_html_is_read_as_html() -> None:
    """A fragment that opens with a tag the sniffer does not know (``<strong>``, ``<font>``) is
    markup when its ``content_type`` says ``text/html`` (a WARC response's header does): no tag
    in the text. Without the hint, or with ``text/plain``, the sniffer decides; a text without
    a tag stays a dump even when its server calls it HTML."""
    fragment = (
        "<strong>新华社电</strong>今天上午，市政府召开新闻发布会，介绍上半年全市经济运行情况。"
        "<font color=red>数据显示，全市地区生产总值同比增长百分之六点二，增速比一季度加快。</font><img src=a.jpg>"
    )
    for content_type in ("text/html", "text/html; charset=utf-8", "application/xhtml+xml"):
        doc = cleantext.extract(fragment.encode(), content_type=content_type)
        assert doc.format == "html", content_type
        assert "<" not in doc.text and "新华社电" in doc.text and "增速比一季度加快" in doc.text
    assert cleantext.extract(fragment.encode(), content_type="text/plain").format == "text"
    dump = "沪渝携手推动发展\n今天上午，两地签署了合作协议，双方将在科技创新方面开展深度合作。\n"
    for content_type in ("text/plain", "text/html"):
        assert cleantext.extract(dump.encode(), content_type=content_type).format == "text"
