"""The core's GB18030 decoder (``rust/src/gb18030``, ``_core.gb18030_text``) against Python's
``gb18030`` codec, which it replaces where a page decodes cleanly: on every 1-, 2- and 4-byte
sequence, on random streams, on pages around the sequences where the WHATWG decoders (browsers,
``encoding_rs``) differ from Python's, on cut tails, and through :func:`cleantext.decode.decode`
against the same decode with the native path turned off (Python's codec throughout, as before).
And the core's Big5-HKSCS reading with replacement (``_core.big5hkscs_text``, what detection
judges) against ``decode("big5hkscs", "replace")``."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleantext import _core
from cleantext import decode as decode_module
from cleantext.decode import Decoded, decode

Utf8Text, big5hkscs_text, gb18030_text = _core.Utf8Text, _core.big5hkscs_text, _core.gb18030_text

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
_ARTICLE = "今天，沪渝两地科技部门在重庆签署了科技合作框架协议，双方将在七个方面开展深度合作。"
#: Sequences where WHATWG's gb18030 decoder (browsers, encoding_rs) and Python's differ: the
#: single bytes 0x80 (WHATWG: U+20AC) and 0xFF, two-byte codes GB18030-2005/2022 remapped from
#: the private use area (A3A0: U+E5E5 in Python, U+3000 in encoding_rs, on dev page ia058; A8BC,
#: A6D9-A6DF, A6EC-A6ED, A6F3, FE51-FE91 ...), their four-byte twins, four-byte codes past
#: U+FFFF's and the supplementary ones' ends, and lead bytes without a tail.
_DIFFERING = [
    b"\x80", b"\xff", b"\xa8\xbc", b"\xa8\xbf", b"\xa6\xd9", b"\xa6\xdf", b"\xa6\xec", b"\xa6\xed", b"\xa6\xf3",
    b"\xa3\xa0", b"\xfe\x51", b"\xfe\x52", b"\xfe\x53", b"\xfe\x59", b"\xfe\x61", b"\xfe\x66", b"\xfe\x67", b"\xfe\x6c",
    b"\xfe\x6d", b"\xfe\x76", b"\xfe\x7e", b"\xfe\x90", b"\xfe\x91", b"\xfe\xa0", b"\xa2\xe3", b"\xa1\x40",
    b"\x81\x35\xf4\x37", b"\x84\x31\xa4\x39", b"\x84\x31\xa5\x30", b"\x84\x31\xa4\x37", b"\x90\x30\x81\x30",
    b"\xe3\x32\x9a\x35", b"\xe3\x32\x9a\x36", b"\xfe\x39\xfe\x39", b"\x85\x30\x81\x30", b"\x80\x30\x81\x30",
    b"\x81\x30\x80\x30", b"\x81\x30\xff\x30", b"\x81\x7f", b"\x81\x30", b"\x81\x30\x81", b"\xa1", b"\x81\x3a",
]  # fmt: skip


def _python(raw: bytes) -> str | None:
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return None


def _native(raw: bytes, forgive_tail: bool = False) -> str | None:
    text = gb18030_text(raw, forgive_tail)
    if text is None:
        return None
    assert isinstance(text, Utf8Text)
    assert (len(text), text.replacements) == (len(str(text)), str(text).count("\ufffd"))
    return str(text)


def test_every_one_and_two_byte_sequence() -> None:
    for first in range(256):
        assert _native(bytes([first])) == _python(bytes([first])), first
        for second in range(256):
            raw = bytes([first, second])
            assert _native(raw) == _python(raw), raw


@pytest.mark.parametrize("lead", [range(0x80, 0xA0), range(0xA0, 0xC0), range(0xC0, 0xE0), range(0xE0, 0x100)])
def test_every_four_byte_sequence(lead: range) -> None:
    """Every lead and third byte 0x80-0xFF with second and fourth 0x30-0x39 (the four-byte space
    and its edges), in four parts: 1.6 M sequences."""
    tails = [bytes([third, fourth]) for third in range(0x80, 0x100) for fourth in range(0x30, 0x3A)]
    for first in lead:
        for second in range(0x30, 0x3A):
            head = bytes([first, second])
            for tail in tails:
                raw = head + tail
                assert _native(raw) == _python(raw), raw


def _strict_oracle(raw: bytes) -> str | None:
    """``decode._strict``'s GB18030 decode by Python's codec alone."""
    return decode_module._python_strict(raw, "gb18030")


def test_random_streams_and_cut_tails() -> None:
    rng = random.Random(18030)
    pieces = [*_DIFFERING, "新闻".encode("gb18030"), b"<p>", b"a" * 9, "\U0001f600\ufffd€".encode("gb18030")]
    for _ in range(20_000):
        raw = b"".join(rng.choice(pieces) for _ in range(rng.randrange(8)))
        assert _native(raw) == _python(raw), raw
        assert _native(raw, True) == _strict_oracle(raw), raw


def test_empty_and_ascii_pages() -> None:
    assert _native(b"") == "" and _native(b"", True) == ""
    raw = b"<p>plain ASCII</p>" * 100
    text = gb18030_text(raw)
    assert text is not None and str(text) == raw.decode() and len(text) == len(raw)


def _fields(d: Decoded) -> tuple[object, ...]:
    return (d.text, d.encoding, d.source, d.errors, d.declared, d.utf8, d.chars, d.head(30))


def _both(raw: bytes, **kw: str) -> tuple[Decoded, Decoded]:
    """``raw`` decoded as it is, and with the native GB18030 path off (Python's codec throughout)."""
    native = decode(raw, **kw)
    originals = decode_module.gb18030_text, decode_module.big5hkscs_text
    try:
        decode_module.gb18030_text = lambda raw, forgive_tail=False: None  # type: ignore[assignment]
        decode_module.big5hkscs_text = lambda raw: None  # type: ignore[assignment]
        python = decode(raw, **kw)
    finally:
        decode_module.gb18030_text, decode_module.big5hkscs_text = originals  # type: ignore[assignment]
    return native, python


def _pages(sequence: bytes) -> list[tuple[bytes, dict[str, str]]]:
    """Pages holding ``sequence`` amid GBK text: labelled in the page, given as the argument, and
    undeclared (detected), with the sequence inside and at the very end (a tail)."""
    body = ("<p>" + _ARTICLE * 3 + "</p>").encode("gbk")
    meta = b'<html><head><meta charset="gb2312"></head><body>'
    return [
        (meta + body + sequence + body, {}),
        (meta + body + sequence, {}),
        (meta + body + b"<p>" + sequence + b"</p>", {}),
        (body + sequence + body, {}),
        (body + sequence, {}),
        (body + sequence + body, {"encoding": "gbk"}),
        (body + sequence, {"encoding": "gb18030"}),
        (body * 30 + sequence + body, {"content_type": "text/html; charset=GBK"}),
    ]


@pytest.mark.parametrize("sequence", _DIFFERING, ids=lambda s: s.hex())
def test_pages_with_each_differing_sequence_decode_as_python_does(sequence: bytes) -> None:
    for raw, kw in _pages(sequence):
        native, python = _both(raw, **kw)
        assert _fields(native) == _fields(python), (raw[-20:], kw)
        if isinstance(native.native, Utf8Text):  # (the core's text: exactly Python's)
            assert str(native.native) == python.text


def test_cut_tails_of_every_length() -> None:
    """Every prefix of two- and four-byte sequences at the end of a labelled page: forgiven there
    (the text before it and one U+FFFD) as Python's decode does, by the core too."""
    body = ('<meta charset="gbk"><p>' + _ARTICLE + "</p>").encode("gbk")
    taken = 0
    for whole in ["新".encode("gb18030"), "\U0001f600".encode("gb18030"), "€".encode("gb18030"), b"\x81\x30\x81\x30"]:
        for cut in range(len(whole) + 1):
            for raw in (body + whole[:cut], body + whole[:cut] + b"x", body + b"x" * 3 + whole[:cut]):
                native, python = _both(raw)
                assert _fields(native) == _fields(python), raw[-8:]
                assert _native(raw, True) == _strict_oracle(raw), raw[-8:]  # (the core's own answer)
                taken += isinstance(native.native, Utf8Text)
    assert taken >= 20  # (the cut pages the core decoded itself)


def test_random_pages_decode_as_python_does() -> None:
    rng = random.Random(54936)
    pieces = [*_DIFFERING, _ARTICLE.encode("gbk"), b'<meta charset="gbk">', b"<p>", "\U0001f600".encode("gb18030")]
    for _ in range(1_500):
        raw = b"".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        kw = rng.choice([{}, {"encoding": "gbk"}, {"content_type": "text/html; charset=gb18030"}])
        native, python = _both(raw, **kw)
        assert _fields(native) == _fields(python), (raw, kw)


def _dev_pages() -> list[bytes]:
    pages = sorted(DEV.glob("*.html"))
    if not pages:
        pytest.skip("no dev corpus beside the repository")
    return [p.read_bytes() for p in pages]


def test_dev_pages_and_their_gb18030_readings() -> None:
    """Every dev page as it is, and each UTF-8 one re-encoded as GB18030 (labelled and not):
    the same Decoded as Python's codec gives, most of them by the core."""
    taken = 0
    for raw in _dev_pages():
        variants = [raw]
        try:
            variants.append(raw.decode("utf-8").encode("gb18030"))
        except UnicodeDecodeError:
            pass
        for page in variants:
            native, python = _both(page)
            assert _fields(native) == _fields(python)
            taken += native.encoding == "gb18030" and isinstance(native.native, Utf8Text)
    assert taken >= 100  # (27 GB pages and the re-encoded UTF-8 ones)


def _big5(raw: bytes) -> str:
    text = big5hkscs_text(raw)
    assert isinstance(text, Utf8Text)
    assert (len(text), text.replacements) == (len(str(text)), str(text).count("\ufffd"))
    return str(text)


def test_big5_every_one_and_two_byte_sequence() -> None:
    for first in range(256):
        assert _big5(bytes([first])) == bytes([first]).decode("big5hkscs", "replace"), first
        for second in range(256):
            raw = bytes([first, second])
            assert _big5(raw) == raw.decode("big5hkscs", "replace"), raw
            raw = bytes([first, second, first])
            assert _big5(raw) == raw.decode("big5hkscs", "replace"), raw


def test_big5_random_streams_and_real_pages() -> None:
    rng = random.Random(950)
    pieces = [b"\x88\x62", b"\x88", b"\xa4\x40", b"\x80", b"\xff", b"<p>", b"a" * 9, b"\x87\x40", b"\xfe\xfe"]
    pieces += ["新聞報導".encode("big5hkscs"), "新闻".encode("gbk"), "新闻".encode()]
    for _ in range(20_000):
        raw = b"".join(rng.choice(pieces) for _ in range(rng.randrange(10)))
        assert _big5(raw) == raw.decode("big5hkscs", "replace"), raw
    for raw in _dev_pages():
        for page in (raw, raw.decode("utf-8", "replace").encode("big5hkscs", "replace")):
            assert _big5(page) == page.decode("big5hkscs", "replace")
