"""Stage 1: bytes -> str, with the encoding, where it came from, and the damage.

Order of evidence: byte-order mark › ``encoding=`` › charset in ``content_type=`` ›
``<meta charset>`` / ``http-equiv`` / XML declaration (each checked by a strict
decode) › strict UTF-8 › chardet on a bounded prefix › UTF-8 with replacement.
GB2312/GBK labels are decoded as GB18030 and Big5 as Big5-HKSCS, as browsers do.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import DecodeError

#: Labels widened to the superset browsers actually use.
WIDER_CODEC = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_PREFIX = 16 * 1024
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,1024}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""")
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TAIL = 4  # bytes at the end where a cut multibyte sequence is forgiven
_FEW_ERRORS = 16  # replacement characters a declared charset may cost before detection takes over
_UTF8_EVIDENCE = 16  # valid multibyte UTF-8 characters that make a page (or part of it) UTF-8
#: Codecs chardet may name that no web page is written in (EBCDIC, UTF-7): no guess at all.
_NOT_WEB = frozenset({"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140", "utf_7", "utf-7"})


@dataclass(frozen=True)
class Decoded:
    """A page as text.

    Attributes:
        text: the decoded page.
        encoding: Python codec name used (``"gb18030"``), ``"str"`` when given text.
        source: where the encoding came from: ``bom``, ``argument``, ``content-type``,
            ``meta``, ``utf-8``, ``chardet``, ``fallback``, ``str``, or ``mixed`` (lines in
            UTF-8 and lines in ``encoding``, each decoded as what it is).
        errors: replacement characters the decode introduced (U+FFFD).
        declared: the charset the page or caller named, as written, if any.
    """

    text: str
    encoding: str
    source: str
    errors: int
    declared: str | None = None


def codec_name(label: str) -> str | None:
    """The codec to decode a charset label with, widened as browsers do; ``None`` if unknown.

    >>> codec_name("GB2312"), codec_name("gbk"), codec_name("Big5"), codec_name("utf8")
    ('gb18030', 'gb18030', 'big5hkscs', 'utf-8')
    >>> codec_name("no-such-charset") is None, codec_name("uu") is None, codec_name("base64") is None
    (True, True, True)
    """
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):  # uu, base64, zlib, rot13...: not a charset
        return None
    return WIDER_CODEC.get(info.name, info.name)


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first 16 kB (meta or XML declaration).

    >>> declared_charset(b'<html><head><meta charset="gb2312"></head>')
    'gb2312'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">')
    'GBK'
    >>> declared_charset(b'<p>no declaration</p>') is None
    True
    """
    head = raw[:_META_PREFIX]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def content_type_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type.

    >>> content_type_charset("text/html; charset=GB2312")
    'GB2312'
    >>> content_type_charset("text/html") is None
    True
    """
    if not content_type:
        return None
    m = _CT_CHARSET.search(content_type)
    return m.group(1) if m else None


def _strict(raw: bytes, codec: str) -> str | None:
    """Decode without replacement, forgiving a multibyte sequence cut at the very end."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as e:
        if e.start >= len(raw) - _TAIL and len(raw) > _TAIL:
            try:
                return raw[: e.start].decode(codec) + "\ufffd"
            except UnicodeDecodeError:
                return None
        return None
    except LookupError:
        return None


def _is_multibyte_utf8(raw: bytes) -> str | None:
    """The text if ``raw`` is valid UTF-8 holding non-ASCII characters."""
    if raw.isascii():
        return None
    text = _strict(raw, "utf-8")
    if text is not None and text.endswith("\ufffd") and text[:-1].isascii():
        return None  # only a broken tail is non-ASCII: no evidence of UTF-8
    return text


def _chardet_codec(raw: bytes, prefix: int) -> str | None:
    import chardet  # imported here: `import cleantext` stays cheap

    guess = chardet.detect(raw[:prefix])
    label = guess.get("encoding") if guess else None
    codec = codec_name(label) if label else None
    return None if codec in _NOT_WEB else codec


def _non_ascii(text: str) -> int:
    """Characters of ``text`` outside ASCII, replacement characters excluded."""
    return len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")


def _mostly_utf8(raw: bytes) -> str | None:
    """The text of a UTF-8 page with a few damaged sequences (95% of its non-ASCII
    characters decode), replacements in place; ``None`` otherwise.

    >>> _mostly_utf8("新闻".encode() * 20 + b"\\xe6\\x96" + "新闻".encode()).count("\\ufffd")
    1
    >>> _mostly_utf8("新闻".encode("gb18030") * 20) is None
    True
    """
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = _non_ascii(text)
    return text if good >= _UTF8_EVIDENCE and bad * 20 <= good else None


def _mixed(raw: bytes, other: str | None, prefix: int) -> Decoded | None:
    """A page whose lines are in two encodings (UTF-8 templates around GBK content, or the
    reverse): each line decoded as UTF-8 when it is, else as ``other`` (or a guess).
    ``None`` unless the UTF-8 lines hold real evidence (16+ multibyte characters, a fifth
    of the page's non-ASCII text).

    >>> d = _mixed("新闻报道\\n".encode() * 5 + "新闻报道\\n".encode("gb18030") * 5, None, 1024)
    >>> d.text == "新闻报道\\n" * 10, d.source
    (True, 'mixed')
    """
    lines = raw.split(b"\n")
    texts: list[str | None] = []
    utf8_chars = 0
    rest = []
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            texts.append(None)
            rest.append(line)
            continue
        utf8_chars += _non_ascii(text)
        texts.append(text)
    if not rest or utf8_chars < _UTF8_EVIDENCE:
        return None
    if other is None:
        other = _chardet_codec(b"\n".join(rest), prefix) or "gb18030"
    decoded = [t if t is not None else line.decode(other, "replace") for t, line in zip(texts, lines)]
    if utf8_chars * 4 < sum(_non_ascii(t) for t in decoded):
        return None
    text = "\n".join(decoded)
    return Decoded(text, other, "mixed", text.count("\ufffd"), None)


def decode_text(text: str) -> Decoded:
    """A ``str`` page: lone surrogates become U+FFFD and are counted.

    >>> decode_text("新闻\\ud800").errors
    1
    """
    bad = len(_SURROGATE.findall(text))
    if bad:
        text = _SURROGATE.sub("\ufffd", text)
    return Decoded(text, "str", "str", bad)


def decode(
    page: bytes | str,
    *,
    encoding: str | None = None,
    content_type: str | None = None,
    strict: bool = False,
    chardet_prefix: int = 64 * 1024,
) -> Decoded:
    """Decode a page; with ``strict=True`` raise :class:`DecodeError` rather than replace.

    >>> decode("新闻".encode("gb18030"), encoding="gb2312").encoding
    'gb18030'
    >>> decode(b"ok\\x80", encoding="utf-8", strict=True)
    Traceback (most recent call last):
    ...
    cleantext.errors.DecodeError: 1 undecodable byte sequence(s) as utf-8 (from argument)
    """
    if isinstance(page, str):
        decoded = decode_text(page)
    else:
        decoded = decode_bytes(page, encoding=encoding, content_type=content_type, chardet_prefix=chardet_prefix)
    if strict and decoded.errors:
        raise DecodeError(
            f"{decoded.errors} undecodable byte sequence(s) as {decoded.encoding} (from {decoded.source})",
            decoded.encoding,
            decoded.errors,
        )
    return decoded


def decode_bytes(
    raw: bytes,
    *,
    encoding: str | None = None,
    content_type: str | None = None,
    chardet_prefix: int = 64 * 1024,
) -> Decoded:
    """Decode page bytes as a browser would, reporting what it cost.

    >>> d = decode_bytes("镕基".encode("gbk") + b'<meta charset="gb2312">')
    >>> d.text[:2], d.encoding, d.source, d.errors
    ('镕基', 'gb18030', 'meta', 0)
    >>> decode_bytes("新闻".encode("utf-8")).source
    'utf-8'
    """
    for bom, bom_codec in _BOMS:
        if raw.startswith(bom):
            return _finish(raw[len(bom) :], bom_codec, "bom", None)
    if encoding:
        given = codec_name(encoding)
        if given is None:
            raise ValueError(f"unknown encoding {encoding!r}; pass a codec name such as 'gb18030' or None to detect")
        return _finish(raw, given, "argument", encoding)
    utf8 = _is_multibyte_utf8(raw)
    damaged: tuple[str, str, str | None] | None = None  # a declared codec that decodes with a few errors
    for label, source in ((content_type_charset(content_type), "content-type"), (declared_charset(raw), "meta")):
        codec: str | None = codec_name(label) if label else None
        if codec is None:
            continue
        if utf8 is not None and codec != "utf-8":
            # Valid multibyte UTF-8 is almost never another encoding by chance:
            # the label is wrong (a common mislabel is gb2312 on UTF-8 pages).
            return Decoded(utf8, "utf-8", "utf-8", utf8.count("\ufffd"), label)
        text = _strict(raw, codec)
        if text is not None:
            return Decoded(text, codec, source, text.count("\ufffd"), label)
        if damaged is None:
            damaged = (codec, source, label)
    if utf8 is not None or raw.isascii():
        text = utf8 if utf8 is not None else raw.decode("ascii")
        return Decoded(text, "utf-8", "utf-8", text.count("\ufffd"), None)
    mostly = _mostly_utf8(raw) if damaged is None or damaged[0] != "utf-8" else None
    if mostly is not None:
        # A few damaged sequences in a UTF-8 page: still UTF-8 (a guess would garble it all).
        return Decoded(mostly, "utf-8", "utf-8", mostly.count("\ufffd"), damaged[2] if damaged else None)
    if damaged is not None:
        # A declared charset that fails on a few bytes is still the page's charset:
        # decode with replacement (counted) rather than trust a guess.
        codec, source, label = damaged
        text = raw.decode(codec, "replace")
        bad = text.count("\ufffd")
        if bad <= max(_FEW_ERRORS, len(raw) // 1000):
            return Decoded(text, codec, source, bad, label)
    mixed = _mixed(raw, damaged[0] if damaged else None, chardet_prefix)
    if mixed is not None:
        return mixed
    codec = _chardet_codec(raw, chardet_prefix)
    if codec is not None:
        text = _strict(raw, codec)
        if text is not None:
            return Decoded(text, codec, "chardet", text.count("\ufffd"), None)
    # Nothing decodes cleanly: take the candidate with the fewest replacements.
    candidates = [c for c in (codec, "gb18030", "utf-8") if c]
    best = min(candidates, key=lambda c: raw.decode(c, "replace").count("\ufffd"))
    return _finish(raw, best, "chardet" if best == codec else "fallback", None)


def _finish(raw: bytes, codec: str, source: str, declared: str | None) -> Decoded:
    text = raw.decode(codec, "replace")
    return Decoded(text, codec, source, text.count("\ufffd"), declared)
