"""Stage 1, decoding: labels widened as browsers do, evidence in order, damage counted and never hidden.

The byte-level cases are data (tests/cases/decode_cases.json); the checks that need code are below.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleantext
from cleantext.decode import codec_name, decode, decode_bytes

CASES = json.loads((Path(__file__).parent / "cases" / "decode_cases.json").read_text("utf-8"))["cases"]


def build(case: dict) -> bytes:
    """The page bytes a case describes."""
    codec = case["body_codec"]
    raw = bytes.fromhex(case.get("bom_hex", ""))
    raw += case.get("prefix", "").encode(codec)
    raw += case["body"].encode(codec)
    raw += bytes.fromhex(case.get("raw_hex", ""))
    raw += case.get("suffix", "").encode(codec)
    if case.get("cut"):
        raw = raw[: -case["cut"]]
    return raw


def _param(case: dict) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
    return pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_decode_case(case: dict) -> None:
    d = decode(build(case), **case.get("kwargs", {}))
    want = case["expect"]
    got = {"encoding": d.encoding, "source": d.source, "errors": d.errors, "declared": d.declared}
    for key in ("encoding", "source", "errors", "declared"):
        if key in want:
            assert got[key] == want[key], f"{key}: {got}"
    if "min_errors" in want:
        assert d.errors >= want["min_errors"], got
    assert d.errors == d.text.count("\ufffd")
    for snippet in want.get("contains", ()):
        assert snippet in d.text
    for snippet in want.get("absent", ()):
        assert snippet not in d.text
    if "startswith" in want:
        assert d.text.startswith(want["startswith"])


def test_cases_file_covers_each_source() -> None:
    sources = {c["expect"].get("source") for c in CASES}
    assert {"bom", "argument", "content-type", "meta", "utf-8", "chardet"} <= sources


def test_extract_reports_the_decode() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>朱镕基、张喆、王堃和李玥出席了今天的会议。</p>'
    doc = cleantext.extract(page.encode("gbk"), use_jieba=False)
    assert (doc.encoding, doc.encoding_source, doc.decode_errors) == ("gb18030", "meta", 0)
    assert doc.text == "朱镕基、张喆、王堃和李玥出席了今天的会议。"


def test_gb2312_codec_would_be_wrong() -> None:
    """Why the label is widened: Python's gb2312 rejects GBK-only characters and maps A1AA/A1A4 differently."""
    with pytest.raises(UnicodeDecodeError):
        "镕".encode("gbk").decode("gb2312")
    assert b"\xa1\xaa\xa1\xa4".decode("gb2312") == "\u2015\u30fb"
    page = '<meta charset="gb2312"><p>新华社'.encode("gbk") + b"\xa1\xaa\xa1\xa4" + "北京电</p>".encode("gbk")
    assert "新华社\u2014\u00b7北京电" in decode(page).text


@pytest.mark.parametrize(
    ("label", "codec"),
    [("gb2312", "gb18030"), ("GBK", "gb18030"), ("x-gbk", None), ("gb18030", "gb18030"), ("big5", "big5hkscs"),
     ("Big5-HKSCS", "big5hkscs"), ("UTF8", "utf-8"), ("iso-8859-1", "cp1252"), ("no-such", None)],
)  # fmt: skip
def test_codec_name(label: str, codec: str | None) -> None:
    assert codec_name(label) == codec


def test_unknown_encoding_argument_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown encoding"):
        decode(b"abc", encoding="no-such-charset")


def test_unknown_meta_label_is_ignored() -> None:
    d = decode('<meta charset="x-no-such"><p>新闻</p>'.encode())
    assert (d.encoding, d.source, d.errors) == ("utf-8", "utf-8", 0)


def test_meta_after_16k_is_not_read() -> None:
    raw = b"<!--" + b"x" * 17000 + b'--><meta charset="gb2312">' + "朱镕基说，新闻发布会今天举行。".encode("gbk")
    assert decode(raw).source != "meta"


def test_strict_raises_decode_error() -> None:
    raw = '<meta charset="gb2312"><p>正文</p>'.encode("gbk") + b"\xff\xff" + "<p>后文</p>".encode("gbk")
    with pytest.raises(cleantext.DecodeError) as info:
        decode(raw, encoding="gb2312", strict=True)
    assert info.value.errors == 2
    assert info.value.encoding == "gb18030"
    assert isinstance(info.value, ValueError)
    with pytest.raises(cleantext.DecodeError):
        cleantext.extract(raw, encoding="gbk", strict=True)


def test_strict_raises_on_a_damaged_labelled_page() -> None:
    raw = '<meta charset="gb2312"><p>正文</p>'.encode("gbk") + b"\xff\xff" + "<p>后文</p>".encode("gbk")
    with pytest.raises(cleantext.DecodeError):
        cleantext.extract(raw, strict=True)


def test_strict_passes_clean_pages() -> None:
    page = '<meta charset="gb2312"><p>镕基同志的讲话全文。</p>'.encode("gbk")
    doc = cleantext.extract(page, strict=True, use_jieba=False)
    assert doc.decode_errors == 0


def test_errors_are_counted_in_the_document() -> None:
    raw = "<p>前半句话已经写完了。</p>".encode() + b"\xff\xfe\xfd" + "<p>后半句话也写完了。</p>".encode()
    doc = cleantext.extract(raw, encoding="utf-8", use_jieba=False)
    assert doc.decode_errors == 3
    assert doc.encoding_source == "argument"


def test_str_with_lone_surrogates() -> None:
    d = decode("新闻\ud800正文\udfff")
    assert (d.text, d.encoding, d.source, d.errors) == ("新闻\ufffd正文\ufffd", "str", "str", 2)
    doc = cleantext.extract("今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。\ud83d", use_jieba=False)
    assert doc.decode_errors == 1
    assert (doc.encoding, doc.encoding_source) == ("str", "str")
    with pytest.raises(cleantext.DecodeError):
        decode("坏\udc80", strict=True)


def test_clean_str_has_no_errors() -> None:
    assert decode("正常的文本😀").errors == 0


def test_chardet_prefix_bounds_detection() -> None:
    body = ("重庆市科技局与上海市科委签署科技合作框架协议，双方将在七个方面开展深度合作。" * 20).encode("gbk")
    d = decode_bytes(body, chardet_prefix=4096)
    assert (d.encoding, d.source, d.errors) == ("gb18030", "chardet", 0)
