"""Adapters: each extractor as one callable ``(raw: bytes, mode: str) -> str``.

Every adapter is called exactly as ../shared/eval/score.py's ``make_extractor`` calls it:
HTML-only peers get, in text mode, the dump wrapped as one ``<p>`` per non-empty line
(:func:`wrap`); peers that take only ``str`` get the bytes decoded the way a careful user
would (:func:`to_str`, the reference's ``dump.true_decode``). Converting is part of the
timed call, as in the reference.

This module imports only the standard library at load time: peers are imported inside
their factories, in the worker process that runs them.
"""
from __future__ import annotations

import html as _html
import re
from collections.abc import Callable
from dataclasses import dataclass

Adapter = Callable[[bytes, str], str]

WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
         "big5": "big5hkscs", "x-big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252"}
META = re.compile(rb'<meta[^>]*?charset\s*=\s*["\']?\s*([A-Za-z0-9_\-]+)', re.I)


def declared(raw: bytes) -> str | None:
    """The charset a ``<meta>`` declares in the first 8 kB, lower-cased."""
    m = META.search(raw[:8192])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def to_str(raw: bytes) -> str:
    """Decode page bytes: strict UTF-8, then the declared charset widened, then GB18030, Big5-HKSCS.

    If none decodes strictly, the candidate with the fewest replacement characters wins
    (the first such in that order). Same result as the reference's ``true_decode(raw)``.
    """
    cands = ["utf-8"]
    d = declared(raw)
    if d:
        cands.append(WIDEN.get(d, d))
    cands += ["gb18030", "big5hkscs"]
    seen: set[str] = set()
    fallback: list[tuple[int, str]] = []
    for enc in cands:
        if enc in seen:
            continue
        seen.add(enc)
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            try:
                text = raw.decode(enc, "replace")
            except LookupError:
                continue
            fallback.append((text.count("\ufffd"), text))
    fallback.sort(key=lambda r: r[0])
    return fallback[0][1]


def wrap(raw: bytes) -> str:
    """A text dump as minimal HTML, one ``<p>`` per non-empty line, for HTML-only peers."""
    lines = [s.strip() for s in to_str(raw).splitlines() if s.strip()]
    return "<html><body>" + "".join(f"<p>{_html.escape(s)}</p>" for s in lines) + "</body></html>"


def _html_in(raw: bytes, mode: str) -> str:
    return to_str(raw) if mode == "html" else wrap(raw)


# --- factories -------------------------------------------------------------------------

def _cleantext() -> Adapter:
    import cleantext

    cleaner = cleantext.Cleaner()

    def run(raw: bytes, mode: str) -> str:
        return cleaner.extract(raw).text

    run.warm_up = cleaner.warm_up  # type: ignore[attr-defined]  # after cold start: load all of jieba
    return run


def _keepall() -> Adapter:
    import lxml.html

    def run(raw: bytes, mode: str) -> str:
        if mode == "text":
            return to_str(raw)
        try:
            return lxml.html.fromstring(to_str(raw)).text_content()
        except Exception:
            return ""
    return run


def _trafilatura() -> Adapter:
    import trafilatura
    return lambda raw, mode: trafilatura.extract(raw if mode == "html" else wrap(raw)) or ""


def _justext() -> Adapter:
    import justext
    stop = justext.get_stoplist("Chinese") if "Chinese" in justext.get_stoplists() else frozenset()

    def run(raw: bytes, mode: str) -> str:
        page = raw if mode == "html" else wrap(raw).encode()
        return "\n".join(p.text for p in justext.justext(page, stop) if not p.is_boilerplate)
    return run


def _gne() -> Adapter:
    from gne import GeneralNewsExtractor
    g = GeneralNewsExtractor()
    return lambda raw, mode: g.extract(_html_in(raw, mode)).get("content", "")


def _readability() -> Adapter:
    import lxml.html
    from readability import Document

    def run(raw: bytes, mode: str) -> str:
        return lxml.html.fromstring(Document(_html_in(raw, mode)).summary()).text_content()
    return run


def _boilerpy3() -> Adapter:
    from boilerpy3 import extractors
    ex = extractors.ArticleExtractor(raise_on_failure=False)
    return lambda raw, mode: ex.get_content(_html_in(raw, mode))


def _resiliparse() -> Adapter:
    from resiliparse.extract.html2text import extract_plain_text
    return lambda raw, mode: extract_plain_text(_html_in(raw, mode), main_content=True)


def _magic_html() -> Adapter:
    import lxml.html
    from magic_html import GeneralExtractor
    ex = GeneralExtractor()

    def run(raw: bytes, mode: str) -> str:
        h = ex.extract(_html_in(raw, mode), base_url="").get("html") or ""
        return lxml.html.fromstring(h).text_content() if h.strip() else ""
    return run


def _goose3() -> Adapter:
    from goose3 import Goose
    from goose3.text import StopWordsChinese
    g = Goose({"stopwords_class": StopWordsChinese})
    return lambda raw, mode: g.extract(raw_html=_html_in(raw, mode)).cleaned_text


def _newspaper() -> Adapter:
    import newspaper

    def run(raw: bytes, mode: str) -> str:
        a = newspaper.Article("http://example.com/a", language="zh", fetch_images=False)
        a.download(input_html=_html_in(raw, mode))
        a.parse()
        return a.text
    return run


@dataclass(frozen=True)
class Extractor:
    name: str            # key used on the command line and in results (score.py's name)
    label: str           # name in tables and the plot
    dist: str            # distribution whose version is reported
    factory: Callable[[], Adapter]
    peer: bool = True    # True: runs in the peers' venv; False: in the current interpreter
    min_python: tuple[int, int] = (3, 9)


EXTRACTORS: dict[str, Extractor] = {e.name: e for e in (
    Extractor("cleantext", "cleantext", "cleantext-zh", _cleantext, peer=False),
    Extractor("keepall", "keepall (baseline)", "lxml", _keepall, peer=False),
    Extractor("readability", "readability-lxml", "readability-lxml", _readability),
    Extractor("trafilatura", "trafilatura", "trafilatura", _trafilatura),
    Extractor("resiliparse", "resiliparse", "resiliparse", _resiliparse),
    Extractor("newspaper", "newspaper4k", "newspaper4k", _newspaper),
    Extractor("gne", "gne", "gne", _gne),
    Extractor("boilerpy3", "boilerpy3", "boilerpy3", _boilerpy3),
    Extractor("goose3", "goose3", "goose3", _goose3),
    Extractor("justext", "jusText", "justext", _justext),
    Extractor("magic_html", "magic-html", "magic-html", _magic_html, min_python=(3, 12)),
)}

ALIASES = {"readability-lxml": "readability", "newspaper4k": "newspaper", "magic-html": "magic_html",
           "jusText": "justext", "boilerpy": "boilerpy3", "goose": "goose3"}


def resolve(name: str) -> Extractor:
    """The extractor called ``name`` (or one of its aliases); KeyError if unknown."""
    name = name.strip()
    return EXTRACTORS[ALIASES.get(name, name)]


def make_extractor(name: str) -> Adapter:
    return resolve(name).factory()


def version_of(name: str) -> str:
    """Installed version of the extractor's distribution in this interpreter, or ''."""
    from importlib import metadata
    try:
        return metadata.version(resolve(name).dist)
    except metadata.PackageNotFoundError:
        pass
    if resolve(name).name == "cleantext":  # run from a source tree (PYTHONPATH=src)
        import cleantext
        return str(getattr(cleantext, "__version__", "")) + " (source)"
    return ""
