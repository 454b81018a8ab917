"""The reliability contract (README, "Reliability"): any bytes or str in, a result out.

Only a wrong argument type (``TypeError``), a page over ``max_bytes`` (``InputTooLarge``) and,
with ``strict=True``, an undecodable page (``DecodeError``) raise; everything cleantext
raises on purpose is a ``CleanTextError``.
"""

from __future__ import annotations

import gzip
import random
import struct
import zlib

import pytest
from invariants import check

import cleantext
from cleantext import Cleaner, CleanTextError, DecodeError, InputTooLarge

ARTICLE = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。" * 3
HTML = f"<html><head><title>合作协议</title></head><body><p>{ARTICLE}</p><p>{ARTICLE}</p></body></html>"


def _random_bytes(n: int, seed: int = 0) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(n))


PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + _random_bytes(3000, 1)
PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Length 900 /Filter /FlateDecode >>\nstream\n"
    + zlib.compress(ARTICLE.encode() * 10)
    + b"\nendstream\nendobj\ntrailer\n%%EOF\n"
)
GZIP = gzip.compress(HTML.encode(), mtime=0)

#: name -> page; every one must give a result.
ODD_PAGES: dict[str, bytes | str] = {
    "empty bytes": b"",
    "empty str": "",
    "whitespace bytes": b" \n\t\r\n  \x0c",
    "whitespace str": "\u3000 \n\xa0\u200b",
    "png": PNG,
    "pdf": PDF,
    "gzip": GZIP,
    "random bytes": _random_bytes(5000),
    "truncated utf-8": HTML.encode()[:-16] + "合".encode()[:2],
    "truncated gb18030": ("<meta charset=gbk>" + HTML).encode("gb18030")[:-15] + "合".encode("gb18030")[:1],
    "truncated mid-page": HTML.encode()[:100] + "合".encode()[:2] + HTML.encode()[100:],
    "nul bytes": HTML.encode().replace("，".encode(), b"\x00"),
    "nul str": HTML.replace("，", "\x00"),
    "lone surrogates": HTML.replace("，", "\ud800", 2) + "\udfff",
    "declared utf-8, is gb18030": ('<meta charset="utf-8">' + HTML).encode("gb18030"),
    "declared gbk, is utf-8": ('<meta charset="gbk">' + HTML).encode(),
    "declared big5, is gb18030": ('<meta charset="big5">' + HTML).encode("gb18030"),
    "unknown declared charset": ('<meta charset="x-no-such">' + HTML).encode("gb18030"),
    "declared uu (not a charset)": ('<meta charset="uu">' + HTML).encode("gb18030") + b"\xff\xff",
    "declared base64 (not a charset)": ('<meta charset="base64">' + HTML).encode(),
    "declared rot13 (not a charset)": ('<meta charset="rot13">' + HTML).encode(),
    "mixed utf-8 and gb18030": HTML.encode() + HTML.encode("gb18030"),
    "mixed text dump": (ARTICLE + "\n").encode() + (ARTICLE + "\n").encode("gb18030") + (ARTICLE + "\n").encode(),
    "utf-16 with bom": "\ufeff".encode("utf-16-le") + HTML.encode("utf-16-le"),
    "utf-16 bom, odd length": "\ufeff".encode("utf-16-le") + HTML.encode("utf-16-le") + b"\x00",
    "only markup": b"<html><head></head><body><div><span></span></div></body></html>",
    "control characters": bytes(range(32)) * 20,
}


@pytest.mark.parametrize("name", list(ODD_PAGES))
def test_odd_page_gives_a_result(name: str) -> None:
    page = ODD_PAGES[name]
    doc = cleantext.extract(page, use_jieba=False)
    assert isinstance(doc, cleantext.Document)
    assert isinstance(doc.text, str) and isinstance(doc.decode_errors, int) and doc.decode_errors >= 0
    assert all(b.reasons for b in doc.blocks), "every block says why"
    check(page, doc)
    assert cleantext.extract(page, use_jieba=False) == doc  # and the same one twice


@pytest.mark.parametrize("name", ["empty bytes", "empty str", "whitespace bytes", "whitespace str", "only markup"])
def test_empty_pages_have_no_text(name: str) -> None:
    doc = cleantext.extract(ODD_PAGES[name], use_jieba=False)
    assert doc.text == "" and doc.paragraphs == () and doc.decode_errors == 0


@pytest.mark.parametrize(
    "name",
    ["truncated utf-8", "truncated gb18030", "truncated mid-page", "lone surrogates", "random bytes", "png"],
)
def test_damage_is_counted(name: str) -> None:
    assert cleantext.extract(ODD_PAGES[name], use_jieba=False).decode_errors > 0


@pytest.mark.parametrize(
    "name", ["truncated utf-8", "truncated gb18030", "declared utf-8, is gb18030", "declared gbk, is utf-8"]
)
def test_damaged_or_mislabelled_pages_keep_their_article(name: str) -> None:
    doc = cleantext.extract(ODD_PAGES[name], use_jieba=False)
    assert "我们在重庆签署了合作协议" in doc.text


def test_truncated_multibyte_sequence_at_the_end_is_one_replacement() -> None:
    doc = cleantext.extract(ODD_PAGES["truncated utf-8"], use_jieba=False)
    assert (doc.encoding, doc.decode_errors) == ("utf-8", 1)


def test_nul_bytes_do_not_reach_the_text() -> None:
    for name in ("nul bytes", "nul str"):
        assert "\x00" not in cleantext.extract(ODD_PAGES[name], use_jieba=False).text


def test_lone_surrogates_become_counted_replacements() -> None:
    doc = cleantext.extract(ODD_PAGES["lone surrogates"], use_jieba=False)
    assert doc.decode_errors == 3 and doc.encoding == "str"
    doc.text.encode("utf-8")  # no surrogate survives: the text always encodes


@pytest.mark.parametrize("name", list(ODD_PAGES))
def test_text_always_encodes_as_utf8(name: str) -> None:
    doc = cleantext.extract(ODD_PAGES[name], use_jieba=False)
    doc.text.encode("utf-8")
    for b in doc.blocks:
        b.text.encode("utf-8")


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, 123, 1.5, ["<p>x</p>"], {"page": b""}, object()])
def test_other_types_raise_type_error_with_advice(bad: object) -> None:
    with pytest.raises(TypeError, match=r"bytes or str.*binary mode"):
        cleantext.extract(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Cleaner().clean(bad)  # type: ignore[arg-type]


def test_bytes_like_pages_are_accepted() -> None:
    raw = HTML.encode()
    expected = cleantext.extract(raw, use_jieba=False).text
    assert cleantext.extract(bytearray(raw), use_jieba=False).text == expected
    assert cleantext.extract(memoryview(raw), use_jieba=False).text == expected


def test_every_deliberate_error_is_a_cleantext_error() -> None:
    assert issubclass(InputTooLarge, CleanTextError) and issubclass(DecodeError, CleanTextError)
    assert issubclass(InputTooLarge, ValueError) and issubclass(DecodeError, ValueError)


def test_input_too_large_over_max_bytes() -> None:
    with pytest.raises(InputTooLarge) as info:
        cleantext.extract(b"x" * 1001, max_bytes=1000)
    assert (info.value.size, info.value.limit) == (1001, 1000)
    cleantext.extract(b"x" * 1000, max_bytes=1000)  # the limit itself is allowed


def test_input_too_large_measures_str_in_utf8_bytes() -> None:
    page = "新" * 400  # 1200 bytes in UTF-8
    with pytest.raises(InputTooLarge):
        cleantext.extract(page, max_bytes=1000)
    cleantext.extract(page, max_bytes=1200)
    with pytest.raises(InputTooLarge):
        cleantext.extract("\ud800" * 400, max_bytes=1000)  # lone surrogates count too


def test_default_max_bytes_is_64_mib() -> None:
    assert cleantext.Options().max_bytes == 64 * 1024 * 1024


@pytest.mark.parametrize("name", ["truncated utf-8", "truncated mid-page", "lone surrogates", "random bytes"])
def test_decode_error_only_with_strict(name: str) -> None:
    page = ODD_PAGES[name]
    cleantext.extract(page, use_jieba=False)  # never raises by default
    with pytest.raises(DecodeError) as info:
        cleantext.extract(page, strict=True, use_jieba=False)
    assert info.value.errors > 0 and info.value.encoding


@pytest.mark.parametrize("name", ["empty bytes", "declared gbk, is utf-8", "nul bytes"])
def test_strict_accepts_clean_pages(name: str) -> None:
    assert cleantext.extract(ODD_PAGES[name], strict=True, use_jieba=False).decode_errors == 0


def test_bad_arguments_raise_value_or_type_error() -> None:
    with pytest.raises(ValueError, match="unknown encoding"):
        cleantext.extract(b"x", encoding="no-such-codec")
    with pytest.raises(ValueError, match="unknown encoding"):
        cleantext.extract(b"x", encoding="uu")  # a codec, but not a text encoding
    with pytest.raises(ValueError, match="format"):
        cleantext.extract(b"x", format="pdf")
    with pytest.raises(TypeError, match="unknown option"):
        cleantext.extract(b"x", no_such_option=True)


def test_extract_with_settings_checks_them_on_every_call() -> None:
    """``extract(page, **settings)`` keeps the Cleaner it made for the same settings (a
    Cleaner costs ~20 µs and a page can cost less); a bad setting still raises every time,
    even one equal to a good one (``1 == True``)."""
    page = "今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。"
    first = cleantext.extract(page, use_jieba=False, strict=True)
    assert cleantext.extract(page, use_jieba=False, strict=True) == first
    for _ in range(2):
        with pytest.raises(TypeError, match="strict must be True or False"):
            cleantext.extract(page, use_jieba=False, strict=1)
        with pytest.raises(TypeError, match="strict must be True or False"):
            cleantext.extract(page, use_jieba=False, strict=[True])  # (not a key: made, and refused)
    assert cleantext.extract(page, use_jieba=False, min_body_han=99).text == ""  # other settings, their own Cleaner


def test_input_format_per_call_is_checked_every_time() -> None:
    cleaner = cleantext.Cleaner(use_jieba=False)
    page = "<p>今天，我们在重庆签署了合作协议，双方将在科技创新方面深度合作。</p>"
    as_text = cleaner.extract(page, input_format="text")
    assert cleaner.extract(page, input_format="text") == as_text
    assert as_text == cleantext.Cleaner(use_jieba=False, input_format="text").extract(page)
    assert cleaner.extract(page).format == "html"  # the Cleaner's own format, untouched
    for _ in range(2):
        with pytest.raises(ValueError, match="input_format"):
            cleaner.extract(page, input_format="pdf")
        with pytest.raises(TypeError, match="input_format"):
            cleaner.extract(page, input_format=["text"])  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["png", "pdf", "gzip", "random bytes"])
def test_binary_pages_give_no_text_and_say_why(name: str) -> None:
    doc = cleantext.extract(ODD_PAGES[name], use_jieba=False)
    assert doc.text == ""
    assert doc.blocks and all(b.reasons == ("binary",) and not b.kept for b in doc.blocks)
