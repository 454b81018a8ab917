"""What is a page: HTML, a plain-text dump, or not text at all?"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._core import Utf8Text

_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|br|table|span|a\s|meta|title|script|li|td|h[1-6])\b", re.I
)
#: Characters of a page :func:`looks_like_html` reads (the rest is not looked at).
SNIFF_CHARS = 64 * 1024


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is markup rather than a text dump: it starts with a tag, or tags recur.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>新闻</p></body></html>")
    True
    >>> looks_like_html("沪渝携手加快推动长江经济带高质量发展\\n发布时间:2021-06-04")
    False
    >>> looks_like_html("比较 a<b 与 b>a 的大小")
    False
    """
    head = text[:SNIFF_CHARS]
    stripped = head.lstrip(_LEADING)
    if (stripped.startswith("<") and _MARKUP.match(stripped)) or stripped.startswith("<!--"):
        return True
    return len(_MARKUP.findall(head, 0, SNIFF_CHARS)) >= 3


_LEADING = "\ufeff \t\r\n"
#: The media types that say a page is markup, whatever its first bytes look like.
_HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))


#: Any tag: a name after ``<`` (or ``</``) and then a space, ``/`` or ``>``; or a comment.
_ANY_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*[\s/>]|!--)")


def declares_html(content_type: str | None) -> bool:
    """Whether an HTTP ``Content-Type`` says the page is HTML.

    >>> declares_html("text/html; charset=gbk"), declares_html("Application/XHTML+XML")
    (True, True)
    >>> declares_html("text/plain"), declares_html(None), declares_html("")
    (False, False, False)
    """
    return content_type is not None and content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES


def is_declared_markup(content_type: str | None, head: Callable[[int], str]) -> bool:
    """Whether a page the sniffer would not call markup is markup all the same: its
    ``Content-Type`` says HTML and a tag, any tag, is in its first :data:`SNIFF_CHARS`
    characters (a fragment that opens with ``<strong>`` or ``<font>``, which the sniffer does
    not know). A text without a tag stays a dump, whatever its server says.

    >>> frag = "<strong>新华社电</strong>今天上午召开发布会。"
    >>> is_declared_markup("text/html", lambda n: frag[:n]), is_declared_markup("text/plain", lambda n: frag[:n])
    (True, False)
    >>> is_declared_markup("text/html", lambda n: "比较 1<2 与 3>2 的大小"[:n])
    False
    """
    return declares_html(content_type) and _ANY_TAG.search(head(SNIFF_CHARS)) is not None


#: Characters :func:`looks_like_html_head` reads first: a page that starts with a tag is decided there.
_PROBE_CHARS = 1024
#: The first byte of a UTF-8 text past its leading spaces, tabs, line breaks and byte order
#: marks (``_LEADING``'s characters), read without a ``str``. Anchored (``\A``): searched from
#: every offset of a run of blanks, the pattern would read the rest of the run at each.
_FIRST_BYTE = re.compile(rb"\A(?:[ \t\r\n]|\xef\xbb\xbf)*+(.)", re.S)


def looks_like_html_head(head: Callable[[int], str], utf8: bytes | None = None) -> bool:
    """:func:`looks_like_html` of a text given as ``head(n) == text[:n]``, reading its first
    1024 characters first: a page that starts with a tag (the most, by far) is decided there
    (a match that ends before the probe does reads nothing past it), the rest on the first
    :data:`SNIFF_CHARS` as :func:`looks_like_html` reads them. ``utf8``: the text's UTF-8, if
    at hand; a page that does not start with ``<`` and has fewer than three ``<`` in the bytes
    that hold its first :data:`SNIFF_CHARS` characters (a text dump, mostly) is not markup,
    decided without making those characters' ``str``.

    >>> page = "<!DOCTYPE html><html><body>" + "新闻" * 50_000
    >>> looks_like_html_head(lambda n: page[:n])
    True
    >>> dump = "沪渝携手\\n" + "新闻" * 50_000
    >>> looks_like_html_head(lambda n: dump[:n], dump.encode())
    False
    """
    if utf8 is not None and (first := _FIRST_BYTE.match(utf8)) is not None and first[1] != b"<":
        # (no tag opens the page, and each of the three tags looks_like_html wants would hold a "<"
        # in the bytes of its first SNIFF_CHARS characters)
        if not _holds(utf8, b"<", 3, 4 * SNIFF_CHARS):
            return False
    probe = head(_PROBE_CHARS)
    stripped = probe.lstrip(_LEADING)
    if stripped.startswith("<!--"):
        return True
    found = _MARKUP.match(stripped) if stripped.startswith("<") else None
    if found is not None and found.end() < len(stripped):
        return True
    return looks_like_html(probe if len(probe) < _PROBE_CHARS else head(SNIFF_CHARS))


def _holds(data: bytes, byte: bytes, times: int, end: int) -> bool:
    """Whether ``data[:end]`` holds ``byte`` at least ``times`` times: found one after another
    (``find``, a vector search that stops at the last one needed, where ``count`` reads all).

    >>> _holds(b"a<b<c", b"<", 2, 99), _holds(b"a<b<c", b"<", 3, 99), _holds(b"a<b<c", b"<", 2, 3)
    (True, False, False)
    """
    at = -1
    for _ in range(times):
        at = data.find(byte, at + 1, end)
        if at < 0:
            return False
    return True


#: File signatures of formats that are never a web page's text.
_MAGIC = (
    b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"%PDF-", b"\x1f\x8b", b"PK\x03\x04", b"BZh",
    b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x00asm", b"\x7fELF", b"RIFF", b"OggS", b"fLaC", b"ID3",
    b"\x28\xb5\x2f\xfd", b"wOFF", b"wOF2", b"\x00\x00\x01\x00",
)  # fmt: skip
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")
#: ``_CONTROL``'s characters but the replacement one, all ASCII: counted in the text's ASCII by C loops.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_BINARY_SHARE = 0.1  # control characters or replacements in the first 4 kB beyond this: not text
#: Characters of a page :func:`looks_binary` reads (the rest is not looked at).
BINARY_SNIFF_CHARS = 4096


def looks_binary(raw: bytes | None, text: str | Utf8Text) -> bool:
    """Whether a page is an image, archive, PDF or other binary rather than text: a known file
    signature, or a tenth of its first 4 kB decoded to control or replacement characters.
    ``text``: the decoded page, or a UTF-8 page's text as the core checked it
    (:attr:`cleantext.decode.Decoded.native`), read there without making its ``str``.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n...", "")
    True
    >>> looks_binary("新闻".encode(), "新闻")
    False
    >>> looks_binary(None, "\\x00\\x01\\x02abc")
    True
    """
    if raw is not None and raw.startswith(_MAGIC):
        return True
    chars, controls = _head_controls(text)
    return chars > 0 and controls > _BINARY_SHARE * chars


def _head_controls(text: str | Utf8Text) -> tuple[int, int]:
    """How many characters the first ``BINARY_SNIFF_CHARS`` of ``text`` are, and how many of
    them :func:`_controls` counts (the core counts them in a ``Utf8Text``, the same way).

    >>> from cleantext._core import utf8_text
    >>> page = "新闻\\x00\\x01\\n\\ufffd\\x7f" * 1000
    >>> _head_controls(page), utf8_text(page.encode()).controls(BINARY_SNIFF_CHARS)
    ((4096, 2340), (4096, 2340))
    """
    if isinstance(text, str):
        head = text[:BINARY_SNIFF_CHARS]
        return len(head), _controls(head)
    return text.controls(BINARY_SNIFF_CHARS)  # type: ignore[no-any-return]


def _controls(text: str) -> int:
    """How many characters of ``text`` ``_CONTROL`` matches (counted without it, at a third of its cost).

    >>> _controls("新闻\\x00\\x01\\n\\ufffd\\ud800\\x7f"), len(_CONTROL.findall("新闻\\x00\\x01\\n\\ufffd\\ud800\\x7f"))
    (4, 4)
    """
    kept = text.encode("ascii", "ignore")  # (lone surrogates too are dropped)
    replaced = text.count("\ufffd") if "\ufffd" in text else 0  # (``in``: a C search that skips ahead)
    return len(kept) - len(kept.translate(None, _CONTROL_BYTES)) + replaced
