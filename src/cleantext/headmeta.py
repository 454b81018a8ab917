"""What an HTML page declares about itself: ``<title>``, Open Graph and article meta tags,
common Chinese meta names (``PubDate``, ``publishdate``, ``ContentSource``, ``source``,
``author``) and JSON-LD ``NewsArticle``/``Article``.

Read by one native scan of the decoded page (``_core.head_scan``: linear time, no second parse),
exactly as the bounded regular expressions of ``tests/headmeta_oracle.py`` read it.
Values are returned as written (entities undone, whitespace collapsed); judging them is
:mod:`cleantext.metadata`'s job.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from ._core import Utf8Text, head_scan

#: How much of one JSON-LD script is read (larger ones are skipped), and how many scripts at most.
_LD_MAX = 200_000
_LD_SCRIPTS = 20
#: Meta names and properties, lower-cased, for each field, in order of trust.
META_NAMES: dict[str, tuple[str, ...]] = {
    "published": (
        "article:published_time",
        "og:article:published_time",
        "news:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish_date",
        "publishtime",
        "publish-time",
        "firstpublishedtime",
        "og:release_date",
        "dc.date.issued",
        "dc.date",
        "sailthru.date",
    ),
    "source": ("contentsource", "source", "og:article:source", "dc.source"),
    # not article:author: Chinese portals put the medium there (网易, 新浪科技)
    "author": ("author",),
    "title": ("og:title", "twitter:title"),
}
_LD_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "webpage", "report", "socialmediaposting"}


@dataclass(frozen=True)
class HeadMeta:
    """What the page's markup declares: ``<title>``, every meta value by lower-cased name or
    property (the first of each), and the article fields of its JSON-LD (``ld_*``)."""

    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    ld_headline: str | None = None
    ld_published: str | None = None
    ld_author: str | None = None


def read_head(page: str | Utf8Text, *, utf8: bytes | None = None) -> HeadMeta:
    """The declared title, meta values and JSON-LD article fields of an HTML page (a ``str``, or
    a UTF-8 page's text as the core checked it: :attr:`cleantext.decode.Decoded.native`;
    ``utf8``: a ``str`` page encoded as UTF-8, if the caller has it, to spare the scan encoding it).

    >>> h = read_head('<title>沪渝携手_重庆日报</title><meta property="og:title" content="沪渝携手">'
    ...               '<script type="application/ld+json">{"@type": "NewsArticle", '
    ...               '"datePublished": "2021-06-04T14:23:36+08:00", "author": {"name": "张三"}}</script>')
    >>> h.title, h.meta["og:title"], h.ld_published, h.ld_author
    ('沪渝携手_重庆日报', '沪渝携手', '2021-06-04T14:23:36+08:00', '张三')
    """
    raw_title, tags, scripts = head_scan(page, utf8)
    title = _clean(raw_title) if raw_title is not None else None
    meta: dict[str, str] = {}
    for pairs in tags:
        attrs = {k.lower(): _unquote(v) for k, v in pairs}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and key not in meta and "content" in attrs:
            value = _clean(attrs["content"])
            if value:
                meta[key] = value
    ld = _json_ld(page, scripts) if scripts else {}
    head = _new(HeadMeta)  # (HeadMeta(...) as its __init__ stores the fields, without a setattr each)
    head.__dict__.update(
        title=title or None,
        meta=meta,
        ld_headline=_ld_text(ld.get("headline")),
        ld_published=_ld_text(ld.get("datePublished")),
        ld_author=_ld_name(ld.get("author")),
    )
    return head


_new = object.__new__


def _json_ld(page: str | Utf8Text, scripts: list[int]) -> dict[str, object]:
    """The first JSON-LD object of an article type (``@graph`` searched too) in the scripts
    whose contents start at ``scripts`` (the first ``_LD_SCRIPTS`` are read); ``{}`` if none."""
    for start in scripts[:_LD_SCRIPTS]:
        script = _script(page, start)
        if script is None:
            continue
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):  # broken, or nested past the parser's depth
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.lower() in _LD_TYPES for k in kinds):
                return item
    return {}


def _script(page: str | Utf8Text, start: int) -> str | None:
    """A script's contents from ``start`` to its ``</script``, if that is within ``_LD_MAX``
    characters (a ``Utf8Text`` cuts them out without making the page's ``str``).

    >>> page = '<script type="application/ld+json">{"a": "新闻"}</script>'
    >>> _script(page, 35), _script(page, 50)
    ('{"a": "新闻"}', None)
    """
    if not isinstance(page, str):
        return page.until(start, "</script", _LD_MAX)  # type: ignore[no-any-return]
    end = page.find("</script", start, start + _LD_MAX)
    return page[start:end] if end >= 0 else None


def _ld_items(data: object) -> list[dict[str, object]]:
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)]
    if isinstance(data, dict):
        graph = data.get("@graph")
        return [data] + ([d for d in graph if isinstance(d, dict)] if isinstance(graph, list) else [])
    return []


def _ld_text(value: object) -> str | None:
    return _clean(value) or None if isinstance(value, str) else None


def _ld_name(value: object) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    return _ld_text(value)


def _unquote(value: str) -> str:
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1 else value


def _clean(value: str) -> str:
    """``value`` unescaped, its whitespace runs collapsed to one space, stripped (``str.split``
    splits at the whitespace ``\\s`` matches: ``re.sub(r"\\s+", " ", text).strip()`` without a pattern).

    >>> _clean("  沪渝&amp;携手 \\n\\t 发展\\u3000")
    '沪渝&携手 发展'
    """
    return " ".join(html.unescape(value).split())
