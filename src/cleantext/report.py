"""The explain report: a :class:`~cleantext.Document` as one self-contained HTML page.

Every block of the page in order, kept ones green and dropped ones red, each with its score as a
bar, its reason codes, its kind and (under "features") the terms behind its score. ``to_html``
renders one extraction, ``diff_html`` two extractions of the same page under different options.

The page is hostile input: every piece of it (text, title, paths, reasons, metadata, URL) is
HTML-escaped, quotes included; control characters and lone surrogates become U+FFFD. As defence
in depth the report carries a Content-Security-Policy that allows no script, no remote load, no
form and no base URL: its only active part is a CSS checkbox toggle.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import datetime
from importlib import resources
from typing import Any

from .document import Block, Document
from .features import Features
from .score import score as score_of
from .score import terms, weights

#: What the report may do: inline styles, nothing else (no script, fetch, image, form or base URL).
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

#: A score this far from 0 fills half the bar (scores run from about -12 to +7).
SCALE = 8.0

#: What each reason code means, shown when the pointer rests on it.
REASON_HELP = {
    "main-region": "inside the article's main region",
    "continues-region": "a short block between kept blocks, continuing the region",
    "json-ld-body": "the article body the page's JSON-LD declares (its blocks gave no article)",
    "script-state": "the article body in the state the page's script renders (its blocks gave no article)",
    "letter-region": "prose of a page with little Han text, chosen by its letters (the Han model found none)",
    "title": "the title; set aside in Document.title",
    "metadata": "a dateline (time, source, author, editor); set aside in the metadata",
    "teaser-list": "one of a run of teasers or links to other pages",
    "list-heading": "the heading of a teaser list",
    "truncated-duplicate": "a truncated copy of a longer block (a lead or teaser)",
    "duplicate": "the same text as an earlier block",
    "link-dense": "mostly link text",
    "nav": "navigation (breadcrumbs, menus)",
    "no-han": "no Chinese characters",
    "short": "too short to be prose, outside the region",
    "short-heading": "a short heading or label outside the region",
    "outside-region": "outside the article's main region",
    "copyright": "a copyright line",
    "icp": "an ICP licence or public-security filing line",
    "editor-line": "an editor line (责任编辑)",
    "share": "a share bar or print/close buttons",
    "pager": "previous/next page links",
    "related": "a related-articles heading",
    "comment": "comment-section boilerplate",
    "login": "login/register links",
    "ad": "an advertisement",
    "boilerplate": "site boilerplate from the lexicon",
    "empty": "no text",
    "binary": "the page is an image, archive or PDF",
}

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def esc(value: object) -> str:
    """``value`` as text safe inside an HTML element or a quoted attribute.

    Quotes are escaped too, and characters an HTML document may not hold (controls other than
    tab and newline, lone surrogates, noncharacters) become U+FFFD.

    >>> esc('<b title="新闻">沪渝&合作</b>')
    '&lt;b title=&quot;新闻&quot;&gt;沪渝&amp;合作&lt;/b&gt;'
    >>> esc("换行\\n保留\\x00\\ud800") == "换行\\n保留\\ufffd\\ufffd"
    True
    >>> esc(None)
    ''
    """
    if value is None:
        return ""
    return html.escape(_UNSAFE.sub("\ufffd", str(value)), quote=True)


def bar_width(score: float, scale: float = SCALE) -> float:
    """The share (percent, 0-50) of the score bar a score fills, from the middle outwards.

    >>> bar_width(4.0), bar_width(-16.0), bar_width(0.0)
    (25.0, 50.0, 0.0)
    """
    return round(min(abs(score) / scale, 1.0) * 50.0, 1)


def _chars(blocks: Iterable[Block]) -> int:
    """Non-space characters of these blocks (``Features.chars``)."""
    return sum(b.features.chars for b in blocks)


def to_html(doc: Document, *, name: str | None = None) -> str:
    """The explain report of one extraction; ``name`` (a file name, say) heads it.

    >>> import cleantext
    >>> page = "沪渝携手推动发展\\n\\n今天，沪渝两地在重庆签署合作协议，携手推动发展。\\n"
    >>> page = to_html(cleantext.extract(page, use_jieba=False))
    >>> page.count('class="block kept"'), page.count('class="block dropped"')
    (1, 1)
    """
    kept = doc.kept
    dropped = doc.dropped
    facts = [
        ("format", doc.format),
        ("encoding", f"{doc.encoding} (from {doc.encoding_source})"),
        ("decode errors", doc.decode_errors),
        ("blocks", len(doc.blocks)),
        ("kept", f"{len(kept)} blocks, {_chars(kept):,} characters"),
        ("dropped", f"{len(dropped)} blocks, {_chars(dropped):,} characters"),
    ]
    body = [
        '<input type="checkbox" id="only-kept" class="toggle">',
        "<header>",
        f'<p class="page-name">{esc(name or "cleantext explain")}</p>',
        f"<h1>{esc(doc.title) if doc.title else '<span class=none>(no title)</span>'}</h1>",
        '<div class="facts">',
        _facts("metadata", _metadata(doc)),
        _facts("extraction", facts),
        "</div>",
        _legend(),
        '<label for="only-kept" class="toggle-label">Show only the kept text</label>',
        "</header>",
        "<main>",
        *(_block(b) for b in doc.blocks),
        "</main>" if doc.blocks else '<p class="none">The page has no blocks.</p></main>',
    ]
    return _page(f"explain: {doc.title or name or 'page'}", body)


def diff_html(
    doc_a: Document, doc_b: Document, *, label_a: str = "A", label_b: str = "B", name: str | None = None
) -> str:
    """Two extractions of the same page side by side: which blocks changed verdict or reasons.

    Blocks are paired by their text (two option sets can split a page differently, e.g.
    ``format``); unchanged blocks are hidden behind a toggle.

    >>> import cleantext
    >>> page = "沪渝携手推动发展\\n\\n今天，沪渝两地在重庆签署合作协议，携手推动发展。\\n"
    >>> a = cleantext.extract(page, use_jieba=False)
    >>> b = cleantext.extract(page, use_jieba=False, min_body_han=100)
    >>> 'class="row same"' in diff_html(a, b)
    True
    """
    rows = list(_pairs(doc_a.blocks, doc_b.blocks))
    changed = [r for r in rows if _change(*r) != "same"]
    count = {c: sum(1 for r in rows if _change(*r) == c) for c in ("now-kept", "now-dropped", "reasons", "only")}
    facts = [
        ("blocks", f"{len(doc_a.blocks)} in A, {len(doc_b.blocks)} in B"),
        ("changed", f"{len(changed)} blocks"),
        ("kept in B, not A", count["now-kept"]),
        ("dropped in B, not A", count["now-dropped"]),
        ("other reasons", count["reasons"]),
        ("in one only", count["only"]),
    ]
    sides = [
        (label, f"{len(d.kept)} kept, {_chars(d.kept):,} characters; {d.encoding} ({d.encoding_source}), {d.format}")
        for label, d in ((f"A: {label_a}", doc_a), (f"B: {label_b}", doc_b))
    ]
    body = [
        '<input type="checkbox" id="show-same" class="toggle">',
        "<header>",
        f'<p class="page-name">{esc(name or "cleantext explain --diff")}</p>',
        f"<h1>{esc(doc_a.title) if doc_a.title else '<span class=none>(no title)</span>'}</h1>",
        '<div class="facts">',
        _facts("options", sides),
        _facts("what changed", facts),
        "</div>",
        _legend(),
        '<label for="show-same" class="toggle-label">Show unchanged blocks too</label>',
        "</header>",
        '<main class="diff">',
        '<div class="row head"><div>block</div><div>A</div><div>B</div></div>',
        *(_diff_row(a, b) for a, b in rows),
        "" if changed else '<p class="none">No block changed verdict or reasons.</p>',
        "</main>",
    ]
    return _page(f"explain --diff: {doc_a.title or name or 'page'}", body)


# -- pieces ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("cleantext").joinpath("data").joinpath("report.css").read_text("utf-8")


def _page(title: str, body: Iterable[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{esc(title)}</title>",
            f"<style>\n{_css()}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _metadata(doc: Document) -> list[tuple[str, object]]:
    """Title, published, source, author, editor and URL, where the page has them, with where
    each came from when the document says (``origins``)."""
    out: list[tuple[str, object]] = []
    for name in ("title", "published", "source", "author", "editor", "url"):
        value = getattr(doc, name)
        if value in (None, ""):
            continue
        shown = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
        origin = doc.origins.get(name)
        out.append((name, f"{shown}  (from {origin})" if origin else shown))
    return out or [("metadata", "none found")]


def _facts(caption: str, rows: Sequence[tuple[str, object]]) -> str:
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return f"<section><h2>{esc(caption)}</h2><dl>{items}</dl></section>"


def _legend() -> str:
    return (
        '<p class="legend"><span class="swatch kept"></span> kept (the article text) '
        '<span class="swatch dropped"></span> dropped '
        '<span class="legend-bar"><span class="fill neg"></span><span class="fill pos"></span></span> '
        "score: the bar grows right of the middle line for prose-like blocks (positive), left for "
        "boilerplate-like ones (negative); the final verdict also weighs context, given by the reasons. "
        "Open <i>features</i> for the terms behind a score.</p>"
    )


def _bar(score: float) -> str:
    side = "pos" if score >= 0 else "neg"
    return (
        f'<span class="bar" title="score {score:.2f}"><span class="fill {side}" '
        f'style="width:{bar_width(score)}%"></span></span><span class="num">{score:.2f}</span>'
    )


def _reasons(reasons: Sequence[str]) -> str:
    return (
        " ".join(f'<span class="reason" title="{esc(REASON_HELP.get(r, r))}">{esc(r)}</span>' for r in reasons)
        or '<span class="reason">none</span>'
    )


def _block(b: Block) -> str:
    verdict = "kept" if b.kept else "dropped"
    return (
        f'<article class="block {verdict}" id="b{b.index}">'
        f'<div class="side"><div class="head"><span class="idx">#{b.index}</span> '
        f'<span class="verdict">{"KEEP" if b.kept else "drop"}</span> '
        f'<span class="kind">{esc(b.kind)}</span></div>'
        f'<div class="score">{_bar(b.score)}<span class="reasons">{_reasons(b.reasons)}</span></div></div>'
        f'<div class="main"><div class="text">{esc(b.text)}</div>{_details(b)}</div>'
        "</article>"
    )


def _details(b: Block) -> str:
    w = weights()
    t = terms(b.features)
    rows = [f'<tr><td>bias</td><td></td><td></td><td class="n">{w["bias"]:+.2f}</td></tr>']
    for name, value in t.items():
        contribution = w[name] * value
        cls = "n pos" if contribution > 0 else "n neg" if contribution < 0 else "n"
        shown = f"{contribution:+.2f}" if contribution else "0"
        rows.append(
            f"<tr{'' if contribution else ' class=zero'}><td>{esc(name)}</td><td class=n>{value:.2f}</td>"
            f'<td class=n>{w[name]:+.1f}</td><td class="{cls}">{shown}</td></tr>'
        )
    total = score_of(b.features)
    rows.append(f'<tr class="total"><td>score</td><td></td><td></td><td class="n">{total:+.2f}</td></tr>')
    measured = [(f.name, getattr(b.features, f.name)) for f in fields(Features)]
    measured += [("offsets", f"{b.start}–{b.end}"), ("path", b.path or "—")]
    facts = "".join(f"<dt>{esc(k)}</dt><dd>{esc(_show(v))}</dd>" for k, v in measured)
    return (
        "<details><summary>features</summary><div class=features>"
        "<table><thead><tr><th>term</th><th>value</th><th>weight</th><th>adds</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table><dl>{facts}</dl></div></details>"
    )


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "—"
    return "—" if value is None else str(value)


# -- diff --------------------------------------------------------------------------------------


def _pairs(a: Sequence[Block], b: Sequence[Block]) -> Iterable[tuple[Block | None, Block | None]]:
    """Blocks of two extractions paired by text, in page order."""
    ta, tb = [x.text for x in a], [x.text for x in b]
    if ta == tb:
        yield from zip(a, b)
        return
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            yield from zip(a[i1:i2], b[j1:j2])
            continue
        for x in a[i1:i2]:
            yield x, None
        for y in b[j1:j2]:
            yield None, y


def _change(a: Block | None, b: Block | None) -> str:
    if a is None or b is None:
        return "only"
    if a.kept != b.kept:
        return "now-kept" if b.kept else "now-dropped"
    return "reasons" if a.reasons != b.reasons else "same"


def _side(b: Block | None, other: Block | None = None) -> str:
    """One side of a diff row; ``other`` (side A, for side B) marks what differs."""
    if b is None:
        return '<div class="cell absent">not a block here</div>'
    verdict = "kept" if b.kept else "dropped"
    new_verdict = " differs" if other is not None and other.kept != b.kept else ""
    new_reasons = " differs" if other is not None and other.reasons != b.reasons else ""
    return (
        f'<div class="cell {verdict}"><span class="idx">#{b.index}</span> '
        f'<span class="verdict{new_verdict}">{"KEEP" if b.kept else "drop"}</span> '
        f'<span class="kind">{esc(b.kind)}</span><div class="score">{_bar(b.score)}</div>'
        f'<div class="reasons{new_reasons}">{_reasons(b.reasons)}</div></div>'
    )


def _diff_row(a: Block | None, b: Block | None) -> str:
    change = _change(a, b)
    shown = a if a is not None else b
    text = shown.text if shown is not None else ""
    return (
        f'<div class="row {"same" if change == "same" else "changed " + change}">'
        f'<div class="text">{esc(text)}</div>{_side(a)}{_side(b, a)}</div>'
    )
