"""Stage 1: bytes -> str, with the encoding, where it came from, and the damage.

Order of evidence: byte-order mark › ``encoding=`` › valid multibyte UTF-8 › a mixed page
(UTF-8 parts and GBK/Big5 parts, each decoded as what it is) › the charset labels of
``content_type=`` and of the page (``<meta charset>`` / ``http-equiv`` / XML declaration, read
in the first 256 kB), each checked by a decode that must be plausible › the most plausible
Chinese decoding (GB18030, Big5-HKSCS, UTF-8) › chardet › the candidate with the best
plausibility score. Labels are read with the WHATWG label table (:mod:`cleantext.labels`): GB2312/GBK
labels decode as GB18030, Big5 as Big5-HKSCS, a ``utf-16`` label on a byte page as UTF-8, and a
label naming no charset is ignored. Plausibility (:mod:`cleantext.plausibility`) is how Chinese a
decoding reads (frequent Han characters, replacements): a single-byte label (a server's default
``ISO-8859-1``) never beats a decoding that reads as Chinese, a GBK label gives way to a Big5
reading when only that one reads as Chinese (and the reverse), a Japanese or Korean label that
fails on some bytes gives way to a Chinese reading, and a single-byte guess never beats a clean
GB18030/Big5 decode.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ._core import Utf8Text, big5hkscs_text, gb18030_text, utf8_cjk_run_bytes, utf8_text
from .errors import DecodeError
from .labels import WIDER_CODEC, codec_for_label, is_single_byte
from .plausibility import Plausibility, plausibility

__all__ = ["WIDER_CODEC", "Decoded", "codec_name", "content_type_charset", "declared_charset", "decode", "decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_BYTES = tuple(bom for bom, _ in _BOMS)
_META_PREFIX = 256 * 1024  # a <meta charset> is looked for this far (after scripts and comments)
_META_CHARSET = re.compile(rb"""<meta\b[^<>]{0,1024}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""")
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TAIL = 4  # bytes at the end where a cut multibyte sequence is forgiven
_FFFD = "\ufffd".encode()  # the replacement character in UTF-8
_FEW_ERRORS = 16  # replacement characters a declared charset may cost before detection takes over
_UTF8_EVIDENCE = 16  # valid multibyte UTF-8 characters that make a page (or part of it) UTF-8
_SAMPLE = 16 * 1024  # bytes of a page (from its first non-ASCII byte) that candidates are judged on
#: Runs of 2+ UTF-8 encoded CJK characters: the evidence of UTF-8 parts in a page that is not UTF-8.
#: Chinese multibyte codecs: candidates of detection, and labels checked against each other.
_CHINESE = ("gb18030", "big5hkscs", "utf-8")
#: Codecs chardet may name that no web page is written in (EBCDIC, UTF-7): no guess at all.
_NOT_WEB = frozenset({"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140", "utf_7", "utf-7"})


@dataclass(frozen=True)
class Decoded:
    """A page as text.

    Attributes:
        text: the decoded page (of a UTF-8 page, or a GB18030 one the core decoded, made on
            first read: the pipeline reads the text's UTF-8 bytes instead, :attr:`native`, and
            its length, :attr:`chars`).
        encoding: Python codec name used (``"gb18030"``), ``"str"`` when given text.
        source: where the encoding came from: ``bom``, ``argument``, ``content-type``,
            ``meta``, ``utf-8``, ``detected`` (the most plausible Chinese reading of an
            undeclared or mislabelled page), ``chardet``, ``fallback``, ``str``, or ``mixed``
            (parts in UTF-8 and parts in ``encoding``, each decoded as what it is).
        errors: replacement characters the decode introduced (U+FFFD).
        declared: the charset the page or caller named, as written, if any.
        utf8: ``text`` encoded as UTF-8 when the page's bytes were exactly that (a UTF-8 page
            decoded without a change), else ``None``: the native core reads these bytes rather
            than encode the text again.
    """

    text: str
    encoding: str
    source: str
    errors: int
    declared: str | None = None
    utf8: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def chars(self) -> int:
        """``len(text)``, without making ``text``.

        >>> decode("新闻".encode()).chars
        2
        """
        state = self.__dict__
        text = state.get("_text")
        return len(text if text is not None else state["_native"])

    def head(self, chars: int) -> str:
        """``text[:chars]``, without making the rest of ``text``.

        >>> decode("<p>新闻</p>".encode()).head(5)
        '<p>新闻'
        """
        state = self.__dict__
        text = state.get("_text")
        return text[:chars] if text is not None else state["_native"].head(chars)  # type: ignore[no-any-return]

    @property
    def native(self) -> str | Utf8Text:
        """The text as the native core reads it: a UTF-8 page's bytes as the core checked them,
        or a GB18030 page's text as the core decoded it to UTF-8 (``_core.Utf8Text``: what
        ``html_blocks``, ``Blocks`` and ``head_scan`` take instead of ``text``, so that it need
        not be made nor encoded again), else ``text``."""
        state = self.__dict__
        native = state.get("_native")
        return native if native is not None else state["_text"]  # type: ignore[no-any-return]


class _Text:
    """``Decoded.text``: a ``str``, or made on first read (and kept) from the core's UTF-8 of the
    page (a ``_core.Utf8Text``, which keeps it too)."""

    def __get__(self, decoded: Decoded | None, owner: type | None = None) -> str:
        if decoded is None:
            raise AttributeError("text")  # no default: the field stays required
        state = decoded.__dict__
        try:
            return state["_text"]  # type: ignore[no-any-return]
        except KeyError:
            return state.setdefault("_text", str(state["_native"]))  # type: ignore[no-any-return]

    def __set__(self, decoded: Decoded, value: str) -> None:
        decoded.__dict__["_text"] = value


# Installed after the dataclass is made (as Document's lazy fields are), so that its __init__, repr,
# eq, hash and fields() are those of a plain field: __init__ stores through it, reads go through it.
setattr(Decoded, "text", _Text())  # noqa: B010


def _checked_utf8(native: Utf8Text, source: str, declared: str | None, raw: bytes, clean: bool = False) -> Decoded:
    """A UTF-8 page's :class:`Decoded` (``raw``: its bytes) whose text is made from ``native``
    when first read; ``clean``: ``utf8`` only if the text holds no U+FFFD."""
    errors = native.replacements
    return _native_decoded(native, "utf-8", source, declared, errors, None if clean and errors else raw)


def _native_decoded(
    native: Utf8Text,
    codec: str,
    source: str,
    declared: str | None,
    errors: int | None = None,
    utf8: bytes | None = None,
) -> Decoded:
    """The :class:`Decoded` of a page the core decoded (``native``; a GB18030 page's is its text
    decoded to UTF-8 there): its text made from ``native`` when first read."""
    decoded = object.__new__(Decoded)
    decoded.__dict__.update(
        _native=native,
        encoding=codec,
        source=source,
        errors=native.replacements if errors is None else errors,
        declared=declared,
        utf8=utf8,
    )
    return decoded


def _decoded(text: str | Utf8Text, codec: str, source: str, declared: str | None) -> Decoded:
    """The :class:`Decoded` of a strict decode's text (:func:`_strict`'s)."""
    if isinstance(text, str):
        return Decoded(text, codec, source, _replacements(text), declared)
    return _native_decoded(text, codec, source, declared)


def codec_name(label: str) -> str | None:
    """The codec to decode a charset label with, as browsers do (the WHATWG label table, then
    Python's codec names); ``None`` if the label names no charset.

    >>> codec_name("GB2312"), codec_name("x-gbk"), codec_name("Big5"), codec_name("utf8")
    ('gb18030', 'gb18030', 'big5hkscs', 'utf-8')
    >>> codec_name("no-such-charset") is None, codec_name("uu") is None, codec_name("idna") is None
    (True, True, True)
    """
    return codec_for_label(label)


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first 256 kB (XML declaration, else the first meta).

    >>> declared_charset(b'<html><head><meta charset="gb2312"></head>')
    'gb2312'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">')
    'GBK'
    >>> declared_charset(b'<script>' + b'x' * 100_000 + b'</script><meta charset=big5>')
    'big5'
    >>> declared_charset(b'<p>no declaration</p>') is None
    True
    """
    head = raw[:_META_PREFIX]
    if b"<" not in head:  # (both patterns start with one: a text dump is not scanned twice)
        return None
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)  # (match: a search would try every offset)
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


def _page_codec(label: str, source: str, raw: bytes) -> str | None:
    """The codec a label found in the page or its header stands for; ``None`` to ignore it.
    A UTF-16 label on a byte page means UTF-8 (HTML's rule for ``<meta>``; a header naming
    UTF-16 is believed only when the bytes hold the NULs of UTF-16 ASCII).

    >>> _page_codec("utf-16", "meta", b"<p>abc</p>"), _page_codec("unicodeFFFE", "content-type", b"<p>abc</p>")
    ('utf-8', 'utf-8')
    >>> _page_codec("utf-16le", "content-type", "<p>abc</p>".encode("utf-16-le"))
    'utf-16-le'
    >>> _page_codec("punycode", "meta", b""), _page_codec("replacement", "content-type", b"")
    (None, None)
    """
    codec = codec_for_label(label)
    if codec in ("utf-16-le", "utf-16-be"):
        head = raw[:1024]
        return codec if source == "content-type" and head.count(0) * 4 >= len(head) > 0 else "utf-8"
    return codec


def _strict(raw: bytes, codec: str) -> str | Utf8Text | None:
    """Decode without replacement, forgiving a multibyte sequence cut at the very end (an error
    in the last four bytes: the text before it and one U+FFFD). GB18030 is decoded by the core
    (its text held there as UTF-8: ``gb18030_text``, Python's codec to the byte) where it can be,
    else here as any other codec."""
    if codec == "gb18030":
        native = gb18030_text(raw, True)
        if native is not None:
            return native
    return _python_strict(raw, codec)


def _python_strict(raw: bytes, codec: str) -> str | None:
    """:func:`_strict` by Python's codec."""
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


def _is_multibyte_utf8(raw: bytes) -> str | Utf8Text | None:
    """The text if ``raw`` is UTF-8 holding non-ASCII characters: valid UTF-8 as the core
    checked it (its ``str`` not made), else a ``str`` with a multibyte sequence cut at the very
    end replaced."""
    if raw.isascii():
        return None
    native = utf8_text(raw)
    if native is not None:  # (no evidence if its only non-ASCII character is a U+FFFD that ends it)
        return None if raw.endswith(_FFFD) and raw[:-3].isascii() else native
    text = _python_strict(raw, "utf-8")
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
    return len(text) - len(text.encode("ascii", "ignore")) - _replacements(text)


def _mostly_utf8(raw: bytes) -> str | None:
    """The text of a UTF-8 page with a few damaged sequences (95% of its non-ASCII
    characters decode), replacements in place; ``None`` otherwise.

    >>> _mostly_utf8("新闻".encode() * 20 + b"\\xe6\\x96" + "新闻".encode()).count("\\ufffd")
    1
    >>> _mostly_utf8("新闻".encode("gb18030") * 20) is None
    True
    """
    text = raw.decode("utf-8", "replace")
    bad = _replacements(text)
    good = _non_ascii(text)
    return text if good >= _UTF8_EVIDENCE and bad * 20 <= good else None


def _sample(raw: bytes) -> bytes:
    """The bytes candidates are judged on: up to 16 kB from the first non-ASCII byte, cut
    before a ``<`` or a newline (never inside a multibyte character).

    >>> _sample(b"<p>" * 30_000 + "新闻".encode("gbk") + b"<p>")
    b'\\xd0\\xc2\\xce\\xc5<p>'
    """
    start = _first_non_ascii(raw)
    if start is None:
        return b""
    window = raw[start : start + _SAMPLE]
    if start + _SAMPLE < len(raw):
        cut = max(window.rfind(b"<"), window.rfind(b"\n"))
        if cut > 0:
            window = window[:cut]
    return window


def _first_non_ascii(raw: bytes) -> int | None:
    """Offset of the first byte >= 0x80 (ASCII runs are skipped a chunk at a time)."""
    for chunk_start in range(0, len(raw), _CHUNK):
        chunk = raw[chunk_start : chunk_start + _CHUNK]
        if not chunk.isascii():
            m = _NON_ASCII.search(chunk)
            return chunk_start + m.start() if m else None
    return None


_CHUNK = 16 * 1024
_NON_ASCII = re.compile(rb"[\x80-\xff]")


class _Judge:
    """The plausibility of each candidate codec's reading of one page (its sample), each judged once."""

    def __init__(self, raw: bytes) -> None:
        self.sample = _sample(raw)
        self._seen: dict[str, Plausibility] = {}

    def __call__(self, codec: str) -> Plausibility:
        seen = self._seen.get(codec)
        if seen is None:
            # (the core decodes a Big5 reading, and a GB18030 one that has no error, as Python's
            # codecs do: read there as UTF-8, no str made)
            text: str | Utf8Text | None = None
            if codec == "gb18030":
                text = gb18030_text(self.sample)
            elif codec == "big5hkscs":
                text = big5hkscs_text(self.sample)
            seen = self._seen[codec] = plausibility(text if text is not None else self.sample.decode(codec, "replace"))
        return seen

    def most_chinese(self, candidates: list[str]) -> str | None:
        """The candidate whose reading is Chinese with the highest score (the first on a tie)."""
        chinese = [c for c in dict.fromkeys(candidates) if self(c).chinese]
        return max(chinese, key=lambda c: self(c).score) if chinese else None

    def label_stands(self, codec: str, best: str | None) -> bool:
        """Whether a labelled codec survives the check: it does when no reading is Chinese, or
        when its own reading is (a Chinese codec) or it names another script (Japanese, Korean).
        A single-byte label never beats a reading that is Chinese."""
        if best is None or codec == best:
            return True
        if is_single_byte(codec):
            return False
        return self(codec).chinese if codec in _CHINESE else True


def _mixed(raw: bytes, labels: list[tuple[str, str, str]]) -> Decoded | None:
    """A page in two encodings (UTF-8 templates around a GBK or Big5 article, or the reverse):
    each part (split after every ``<`` and newline, which no multibyte character holds) decoded
    as UTF-8 when it is, else as the GB18030 or Big5-HKSCS reading that is more plausible.
    ``None`` unless both the UTF-8 parts (16+ characters) and the others read as Chinese.

    >>> d = _mixed("<li>新闻报道</li>\\n".encode() * 5 + "<p>新闻报道</p>\\n".encode("gb18030") * 5, [])
    >>> d.text == "<li>新闻报道</li>\\n" * 5 + "<p>新闻报道</p>\\n" * 5, d.source, d.encoding
    (True, 'mixed', 'gb18030')
    """
    if not _has_utf8_cjk(raw[:_META_PREFIX]) and not _has_utf8_cjk(raw[_META_PREFIX:][-_META_PREFIX:]):
        return None  # no UTF-8 CJK text to speak of in the head or the tail: the usual, cheap answer
    parts = _PARTS.split(raw)
    texts: list[str | None] = []
    utf8_parts: list[str] = []
    other_parts: list[bytes] = []
    for part in parts:
        try:
            text = part.decode("utf-8")
        except UnicodeDecodeError:
            texts.append(None)
            other_parts.append(part)
            continue
        if not part.isascii():
            utf8_parts.append(text)
        texts.append(text)
    utf8 = plausibility("".join(utf8_parts))
    if not other_parts or utf8.chars < _UTF8_EVIDENCE or not utf8.chinese:
        return None
    judge = _Judge(b"".join(other_parts))
    other = judge.most_chinese([c for _, _, c in labels if c in _CHINESE[:2]] + list(_CHINESE[:2]))
    if other is None:
        return None
    text = "".join(t if t is not None else p.decode(other, "replace") for t, p in zip(texts, parts))
    return Decoded(text, other, "mixed", _replacements(text), labels[0][0] if labels else None)


_PARTS = re.compile(rb"(?<=[<\n])")
#: Every byte but the lead bytes of UTF-8 encoded CJK characters (U+3000-U+9FFF).
_NOT_CJK_LEAD = bytes(b for b in range(256) if not 0xE3 <= b <= 0xE9)


def _has_utf8_cjk(window: bytes) -> bool:
    """Whether ``window`` holds 16+ CJK characters in UTF-8, in runs of two or more."""
    if len(window.translate(None, _NOT_CJK_LEAD)) < _UTF8_EVIDENCE:
        return False  # cheap: too few lead bytes for any UTF-8 evidence
    return utf8_cjk_run_bytes(window) >= 3 * _UTF8_EVIDENCE  # bytes in runs of 2+ CJK characters


def decode_text(text: str, utf8: bytes | None = None) -> Decoded:
    """A ``str`` page: lone surrogates become U+FFFD and are counted (found by encoding it, which
    fails only on one). Without one, the core reads that encoding (:attr:`Decoded.native`), made
    once here (or given: ``utf8``, the caller's ``text.encode("utf-8")``), not again by each core
    step (the walk, the head's scan), however long the page.
    Held beside the ``str``, it leaves the peak RSS of a 50 MB page as it was (measured: HTML
    312-318 MiB either way, a text dump 236 MiB) and spares the HTML page 8% of its time.

    >>> decode_text("新闻\\ud800").errors, decode_text("新闻\\ufffd").errors
    (1, 0)
    """
    try:
        raw = text.encode("utf-8") if utf8 is None else utf8
    except UnicodeEncodeError:  # lone surrogates: replaced (a str of UTF-8 encodes as it is)
        bad = len(_SURROGATE.findall(text))
        return Decoded(_SURROGATE.sub("\ufffd", text), "str", "str", bad)
    native = utf8_text(raw)
    if native is None:  # pragma: no cover - the encoding of a str without lone surrogates is UTF-8
        return Decoded(text, "str", "str", 0)
    decoded = _native_decoded(native, "str", "str", None, 0)
    decoded.__dict__["_text"] = text  # the page as given: no str made from ``native``
    return decoded


def decode(
    page: bytes | str,
    *,
    encoding: str | None = None,
    content_type: str | None = None,
    strict: bool = False,
    chardet_prefix: int = 64 * 1024,
    utf8: bytes | None = None,
) -> Decoded:
    """Decode a page; with ``strict=True`` raise :class:`DecodeError` rather than replace.
    ``utf8``: a ``str`` page's ``page.encode("utf-8")`` if the caller made it (not made again).

    >>> decode("新闻".encode("gb18030"), encoding="gb2312").encoding
    'gb18030'
    >>> decode(b"ok\\x80", encoding="utf-8", strict=True)
    Traceback (most recent call last):
    ...
    cleantext.errors.DecodeError: 1 undecodable byte sequence(s) as utf-8 (from argument)
    """
    if isinstance(page, str):
        decoded = decode_text(page, utf8)
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
    >>> page = '<meta charset="x-gbk"><p>今天我们在北京召开了新闻发布会。</p>'.encode("gbk")
    >>> d = decode_bytes(page, content_type="text/html; charset=ISO-8859-1")
    >>> d.encoding, d.source, d.declared
    ('gb18030', 'meta', 'x-gbk')
    """
    if raw.startswith(_BOM_BYTES):  # (one test: most pages have none)
        for bom, bom_codec in _BOMS:
            if raw.startswith(bom):
                return _finish(raw[len(bom) :], bom_codec, "bom", None)
    if encoding:
        given = codec_name(encoding)
        if given is None:
            raise ValueError(
                f"encoding: unknown encoding {encoding!r}; pass a codec name such as 'gb18030' or None to detect"
            )
        return _finish(raw, given, "argument", encoding)
    labels: list[tuple[str, str, str]] = []  # (label as written, where, codec): unknown labels are ignored
    for label, source in ((content_type_charset(content_type), "content-type"), (declared_charset(raw), "meta")):
        codec = _page_codec(label, source, raw) if label else None
        if label and codec:
            labels.append((label, source, codec))
    first_label = labels[0][0] if labels else None
    utf8 = _is_multibyte_utf8(raw)
    if utf8 is not None:
        # Valid multibyte UTF-8 is almost never another encoding by chance: a label
        # naming another charset is wrong (a common mislabel is gb2312 on UTF-8 pages).
        source, label = "utf-8", first_label
        for lb, s, c in labels:  # (a loop: a generator costs more than the few labels)
            if c == "utf-8":
                source, label = s, lb
                break
        if not isinstance(utf8, str):
            return _checked_utf8(utf8, source, label, raw)
        exact = not utf8.endswith("\ufffd") or utf8.encode() == raw  # (a cut tail replaced is not)
        return Decoded(utf8, "utf-8", source, _replacements(utf8), label, raw if exact else None)
    if raw.isascii():
        for label, source, codec in labels:
            text = _strict(raw, codec)
            if text is not None:
                return _decoded(text, codec, source, label)
        native = utf8_text(raw)  # (ASCII is UTF-8: the core reads the bytes, no str is made)
        if native is not None:
            return _checked_utf8(native, "utf-8", first_label, raw)
        return Decoded(raw.decode("ascii"), "utf-8", "utf-8", 0, first_label)  # pragma: no cover
    mixed = _mixed(raw, labels)
    if mixed is not None:
        return mixed
    judge = _Judge(raw)
    best = judge.most_chinese([c for _, _, c in labels if c in _CHINESE] + list(_CHINESE))
    # A single-byte label (often a server's default ISO-8859-1) is weak: multibyte labels go first.
    ordered = sorted(labels, key=lambda item: is_single_byte(item[2]))
    damaged: list[tuple[str, str, str]] = []  # labels that decode with a few errors
    for label, source, codec in ordered:
        if not judge.label_stands(codec, best):
            continue
        text = _strict(raw, codec)
        if text is not None:
            return _decoded(text, codec, source, label)
        damaged.append((label, source, codec))
    hopeless = judge("utf-8").errors * 4 > judge("utf-8").chars  # a quarter of the sample fails as UTF-8
    mostly = _mostly_utf8(raw) if not hopeless and (not damaged or damaged[0][2] != "utf-8") else None
    if mostly is not None:
        # A few damaged sequences in a UTF-8 page: still UTF-8 (a guess would garble it all).
        return Decoded(mostly, "utf-8", "utf-8", _replacements(mostly), damaged[0][0] if damaged else first_label)
    for label, source, codec in damaged:
        # A declared charset that fails on a few bytes is still the page's charset: decode with
        # replacement (counted) rather than trust a guess. Unless it names another script
        # (Japanese, Korean) and fails where a Chinese reading does not.
        if best is not None and codec not in _CHINESE:
            continue
        text = raw.decode(codec, "replace")
        bad = _replacements(text)
        if bad <= max(_FEW_ERRORS, len(raw) // 1000):
            return Decoded(text, codec, source, bad, label)
    if best is not None:
        source, label = next(((s, lb) for lb, s, c in labels if c == best), ("detected", first_label))
        return _finish(raw, best, source, label)
    guess = _chardet_codec(raw, chardet_prefix)
    if guess is None or is_single_byte(guess):
        # A single-byte guess (chardet's low-confidence cp1252, koi8-u...) never beats a clean
        # GB18030/Big5 decode, nor one whose Han characters are Chinese ones (a short damaged page).
        clean: dict[str, Utf8Text] = {}  # the core's decode without replacement, if made here

        def readable(codec: str) -> bool:
            if judge(codec).frequent_han:
                return True
            text = _strict(raw, codec)
            if isinstance(text, Utf8Text) and not text.replacements:
                clean[codec] = text
            return text is not None

        cjk = [c for c in _CHINESE[:2] if readable(c)]
        if cjk:
            chosen = max(cjk, key=lambda c: judge(c).score)
            if chosen in clean:  # (not decoded twice)
                return _native_decoded(clean[chosen], chosen, "detected", first_label)
            return _finish(raw, chosen, "detected", first_label)
    if guess is not None:
        text = _strict(raw, guess)
        if text is not None:
            return _decoded(text, guess, "chardet", first_label)
    # Nothing decodes cleanly: the best plausibility score (frequent characters less replacements).
    candidates = list(dict.fromkeys(c for c in (guess, *_CHINESE) if c))
    chosen = max(candidates, key=lambda c: judge(c).score)
    return _finish(raw, chosen, "chardet" if chosen == guess else "fallback", first_label)


def _replacements(text: str) -> int:
    """How many U+FFFD ``text`` holds: ``in`` first, a C search that skips ahead (``count`` reads
    every character, and most pages hold none).

    >>> _replacements("新\ufffd闻\ufffd"), _replacements("新闻")
    (2, 0)
    """
    return text.count("\ufffd") if "\ufffd" in text else 0


def _finish(raw: bytes, codec: str, source: str, declared: str | None) -> Decoded:
    """Decode with replacement (counted): a UTF-8 or GB18030 page that decodes cleanly by the core."""
    if codec == "utf-8":
        native = utf8_text(raw)
        if native is not None:
            return _checked_utf8(native, source, declared, raw, clean=True)
    elif codec == "gb18030":
        clean = gb18030_text(raw)
        if clean is not None:
            return _native_decoded(clean, codec, source, declared)
    text = raw.decode(codec, "replace")
    errors = _replacements(text)
    return Decoded(text, codec, source, errors, declared, raw if codec == "utf-8" and not errors else None)
