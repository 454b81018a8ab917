"""What is a page: HTML, a plain-text dump, or not text at all?"""

from __future__ import annotations

import re

_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|br|table|span|a\s|meta|title|script|li|td|h[1-6])\b", re.I
)
_SNIFF_CHARS = 64 * 1024


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is markup rather than a text dump: it starts with a tag, or tags recur.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>新闻</p></body></html>")
    True
    >>> looks_like_html("沪渝携手加快推动长江经济带高质量发展\\n发布时间:2021-06-04")
    False
    >>> looks_like_html("比较 a<b 与 b>a 的大小")
    False
    """
    head = text[:_SNIFF_CHARS]
    stripped = head.lstrip("\ufeff \t\r\n")
    if (stripped.startswith("<") and _MARKUP.match(stripped)) or stripped.startswith("<!--"):
        return True
    return len(_MARKUP.findall(head, 0, _SNIFF_CHARS)) >= 3


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
_BINARY_SNIFF = 4096


def looks_binary(raw: bytes | None, text: str) -> bool:
    """Whether a page is an image, archive, PDF or other binary rather than text: a known file
    signature, or a tenth of its first 4 kB decoded to control or replacement characters.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n...", "")
    True
    >>> looks_binary("新闻".encode(), "新闻")
    False
    >>> looks_binary(None, "\\x00\\x01\\x02abc")
    True
    """
    if raw is not None and raw.startswith(_MAGIC):
        return True
    head = text[:_BINARY_SNIFF]
    return bool(head) and _controls(head) > _BINARY_SHARE * len(head)


def _controls(text: str) -> int:
    """How many characters of ``text`` ``_CONTROL`` matches (counted without it, at a third of its cost).

    >>> _controls("新闻\\x00\\x01\\n\\ufffd\\ud800\\x7f"), len(_CONTROL.findall("新闻\\x00\\x01\\n\\ufffd\\ud800\\x7f"))
    (4, 4)
    """
    kept = text.encode("ascii", "ignore")  # (lone surrogates too are dropped)
    replaced = text.count("\ufffd") if "\ufffd" in text else 0  # (``in``: a C search that skips ahead)
    return len(kept) - len(kept.translate(None, _CONTROL_BYTES)) + replaced
