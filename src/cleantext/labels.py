"""Charset labels → Python codecs, as browsers read them (the WHATWG Encoding Standard).

The label table is data (``data/encoding_labels.tsv``: every label browsers accept and the
encoding it names), loaded on first use. Browsers decode the GBK labels (``gb2312``, ``x-gbk``,
``windows-936``'s ``chinese``, ...) as GB18030 and Big5 as Big5-HKSCS; both are supersets, so
this module maps them to Python's ``gb18030`` and ``big5hkscs``. Labels outside the table fall
back to Python's codec names (``latin-1``, ``cp936``), except codecs that are not charsets
(``idna``, ``punycode``, ``undefined``, ``unicode_escape``, ``base64``...).
"""

from __future__ import annotations

import codecs
import functools
from importlib import resources

#: WHATWG encoding name → the Python codec that decodes it as browsers do (``None``: no codec;
#: the ``replacement`` encoding, which browsers use to refuse ISO-2022-KR/CN and HZ, is ignored).
WHATWG_CODEC: dict[str, str | None] = {
    "utf-8": "utf-8",
    "ibm866": "cp866",
    **{f"iso-8859-{n}": f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    "iso-8859-8-i": "iso8859-8",
    "koi8-r": "koi8-r",
    "koi8-u": "koi8-u",
    "macintosh": "mac-roman",
    "windows-874": "cp874",
    **{f"windows-{n}": f"cp{n}" for n in range(1250, 1259)},
    "x-mac-cyrillic": "mac-cyrillic",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "euc-jp": "euc_jp",
    "iso-2022-jp": "iso2022_jp",
    "shift_jis": "cp932",
    "euc-kr": "cp949",
    "replacement": None,
    "utf-16be": "utf-16-be",
    "utf-16le": "utf-16-le",
    "x-user-defined": "cp1252",  # what a <meta> naming it means (HTML's prescan); no Python codec
}

#: Python codecs named by labels outside the table, widened to the superset browsers use.
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

#: Python text codecs that are not charsets: a page or caller naming one names nothing.
NOT_CHARSET = frozenset(
    {"idna", "punycode", "undefined", "unicode_escape", "raw_unicode_escape", "mbcs", "oem", "utf-7", "utf_7"}
)


@functools.lru_cache(maxsize=1)
def whatwg_labels() -> dict[str, str]:
    """Every WHATWG label (lower case) → the encoding it names.

    >>> t = whatwg_labels()
    >>> t["x-gbk"], t["csgb2312"], t["x-x-big5"], t["latin1"], t["unicode"]
    ('gbk', 'gbk', 'big5', 'windows-1252', 'utf-16le')
    """
    text = resources.files("cleantext").joinpath("data").joinpath("encoding_labels.tsv").read_text("utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {label: name for label, name in pairs}


def _normalise(label: str) -> str:
    return label.strip().strip("\"'").strip().lower()


@functools.lru_cache(maxsize=256)
def codec_for_label(label: str) -> str | None:
    """The Python codec that decodes ``label`` as browsers do; ``None`` if it names no charset.

    >>> codec_for_label("GB2312"), codec_for_label("x-gbk"), codec_for_label("cn-big5"), codec_for_label("utf8")
    ('gb18030', 'gb18030', 'big5hkscs', 'utf-8')
    >>> codec_for_label("ISO-8859-1"), codec_for_label("latin-1"), codec_for_label("cp936")
    ('cp1252', 'cp1252', 'gb18030')
    >>> [codec_for_label(x) for x in ("idna", "punycode", "undefined", "replacement", "base64", "")]
    [None, None, None, None, None, None]
    """
    name = _normalise(label)
    if not name:
        return None
    if name in whatwg_labels():
        return WHATWG_CODEC.get(whatwg_labels()[name])
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_CHARSET:
        return None  # uu, base64, zlib, rot13, idna, punycode...: not a charset
    return WIDER_CODEC.get(info.name, info.name)


def is_single_byte(codec: str) -> bool:
    """Whether ``codec`` maps each byte to one character (cp1252, koi8-r, iso8859-x...):
    such a decode never fails, so it is weak evidence that needs checking.

    >>> is_single_byte("cp1252"), is_single_byte("koi8-u"), is_single_byte("gb18030"), is_single_byte("utf-8")
    (True, True, False, False)
    """
    return _single_byte(codecs.lookup(codec).name)


@functools.lru_cache(maxsize=64)
def _single_byte(name: str) -> bool:
    probe = bytes(range(0x80, 0x100))
    text = probe.decode(name, "replace")
    return len(text) == len(probe) and text.count("\ufffd") < len(probe) // 2
